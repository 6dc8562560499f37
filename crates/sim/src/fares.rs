//! Fares as the simulation reads them: each market's fare structures (one per airline that
//! sells it), and what each passenger segment thinks of each class.
//!
//! A request of segment `s` sees, on each itinerary, the classes that are
//! * in the market's fares of the itinerary's airline (the first leg's),
//! * open on every leg (revenue management),
//! * sold that many days before departure (advance purchase),
//! * affordable: fare at most the passenger's willingness to pay,
//!
//! and takes the one it likes best: utility `−price_sensitivity × (fare / R − 1)` plus the
//! disutility of the class's restrictions, where `R` is the market's lowest fare. Classes are
//! bits of a mask (bit `r` = the airline's class of rank `r`), so a request's feasible set is
//! a few AND operations and its best class the first of a precomputed preference order that is
//! in the set.

use flightnet_data::config::Segment;
use flightnet_data::input::MAX_CLASSES;
use flightnet_data::network::{AirlineId, AirportId, Economics, Fare, Restrictions};
use flightnet_engine::prefetch::{prefetch, prefetch_at};

/// One airline's fares in one market.
#[derive(Clone, Debug)]
pub struct FareStructure {
    /// The airline selling them.
    pub airline: AirlineId,
    /// Classes present in the market (bit `r` = rank `r`).
    pub present: u16,
    /// Fare by rank (0 where absent), in the network's currency.
    pub fares: [f64; MAX_CLASSES],
    /// Fare by rank in cents (exact sums).
    pub cents: [i64; MAX_CLASSES],
    /// Advance purchase by rank, days.
    pub advance_purchase: [u16; MAX_CLASSES],
    /// Whether the airline controls this market with bid prices (a class sells when its fare
    /// covers the legs' bid prices).
    pub bid_price: bool,
    /// Per segment: present ranks, best liked first.
    preference: Vec<[u8; MAX_CLASSES]>,
    /// Per segment and rank: `exp(utility)` of the class's price and restrictions.
    weight: Vec<[f64; MAX_CLASSES]>,
}

impl FareStructure {
    /// The present ranks whose fare is at most `wtp` (fares fall with rank, so a suffix).
    #[inline]
    pub fn affordable(&self, wtp: f64) -> u16 {
        let mut m = 0u16;
        for r in 0..MAX_CLASSES {
            if self.present & (1 << r) != 0 && self.fares[r] <= wtp {
                m |= 1 << r;
            }
        }
        m
    }

    /// The present ranks sold `days_before` days before departure.
    #[inline]
    pub fn on_sale(&self, days_before: i64) -> u16 {
        let mut m = 0u16;
        for r in 0..MAX_CLASSES {
            if self.present & (1 << r) != 0 && self.advance_purchase[r] as i64 <= days_before {
                m |= 1 << r;
            }
        }
        m
    }

    /// The present ranks whose fare covers `bid` (bid-price control).
    #[inline]
    pub fn covering(&self, bid: f64) -> u16 {
        let mut m = 0u16;
        for r in 0..MAX_CLASSES {
            if self.present & (1 << r) != 0 && self.fares[r] >= bid {
                m |= 1 << r;
            }
        }
        m
    }

    /// The class segment `segment` likes best among `feasible`, and its weight.
    #[inline]
    pub fn best(&self, segment: usize, feasible: u16) -> Option<(u8, f64)> {
        if feasible == 0 {
            return None;
        }
        let pref = &self.preference[segment];
        for &r in pref {
            if r as usize >= MAX_CLASSES {
                break;
            }
            if feasible & (1 << r) != 0 {
                return Some((r, self.weight[segment][r as usize]));
            }
        }
        None
    }

    /// Hints the CPU to load what [`affordable`](Self::affordable) and
    /// [`on_sale`](Self::on_sale) read (changes no result).
    #[inline]
    pub fn prefetch(&self) {
        prefetch(&self.present);
        prefetch(&self.fares[MAX_CLASSES - 1]);
        prefetch(&self.advance_purchase);
        prefetch(&self.preference);
    }

    /// Hints the CPU to load segment `segment`'s preferences and class weights, read by
    /// [`best`](Self::best) (changes no result; call after [`prefetch`](Self::prefetch)).
    #[inline]
    pub fn prefetch_segment(&self, segment: usize) {
        prefetch_at(&self.preference, segment);
        prefetch_at(&self.weight, segment);
    }

    /// The lowest present fare.
    pub fn lowest(&self) -> f64 {
        (0..MAX_CLASSES)
            .filter(|r| self.present & (1 << r) != 0)
            .map(|r| self.fares[r])
            .fold(f64::INFINITY, f64::min)
    }
}

/// A market's fares: its structures (at most 15) and its lowest fare.
#[derive(Clone, Debug)]
pub struct MarketFares {
    /// The lowest fare of any airline (the reference for willingness to pay and price
    /// utility); 0 in a network without fares.
    pub reference: f64,
    /// One structure per airline selling the market.
    pub structures: Vec<FareStructure>,
}

/// Mask of every rank below `n` classes.
#[inline]
pub fn ranks_upto(bound: u8) -> u16 {
    if bound as usize >= 15 {
        u16::MAX
    } else {
        (1u16 << (bound as u32 + 1)) - 1
    }
}

/// The utility of a class for a segment: price and restrictions.
fn utility(segment: &Segment, reference: f64, fare: f64, restrictions: Restrictions) -> f64 {
    let price = if reference > 0.0 {
        -segment.price_sensitivity * (fare / reference - 1.0)
    } else {
        0.0
    };
    let r = &segment.restrictions;
    let mut u = price;
    if restrictions.has(Restrictions::SATURDAY_STAY) {
        u += r.saturday_stay;
    }
    if restrictions.has(Restrictions::NON_REFUNDABLE) {
        u += r.non_refundable;
    }
    if restrictions.has(Restrictions::CHANGE_FEE) {
        u += r.change_fee;
    }
    u
}

/// The network's fares by (airline, origin, destination).
pub struct FareIndex<'a> {
    economics: &'a Economics,
    rows: std::collections::BTreeMap<(AirlineId, AirportId, AirportId), Vec<usize>>,
}

impl<'a> FareIndex<'a> {
    /// Indexes the fares.
    pub fn new(economics: &'a Economics) -> FareIndex<'a> {
        let mut rows: std::collections::BTreeMap<_, Vec<usize>> = std::collections::BTreeMap::new();
        for (i, f) in economics.fares.iter().enumerate() {
            rows.entry((f.airline, f.origin, f.destination))
                .or_default()
                .push(i);
        }
        FareIndex { economics, rows }
    }

    /// The fares of an airline in a market.
    pub fn of(
        &self,
        airline: AirlineId,
        origin: AirportId,
        destination: AirportId,
    ) -> impl Iterator<Item = &'a Fare> + '_ {
        self.rows
            .get(&(airline, origin, destination))
            .into_iter()
            .flatten()
            .map(|&i| &self.economics.fares[i])
    }

    /// Whether the network has fares.
    pub fn has_fares(&self) -> bool {
        self.economics.has_fares()
    }
}

/// Builds a market's fare structures from the network's fares.
///
/// # Arguments
/// * `economics`: the network's fares.
/// * `origin`, `destination`: the market.
/// * `airlines`: the airlines that sell it (first legs of its itineraries), in order.
/// * `bid_price`: whether an airline controls with bid prices.
/// * `segments`: the passenger segments.
///
/// # Returns
/// The fares, or the airlines without any fare in the market. In a network without fares,
/// every airline gets one class (rank 0) priced 0.
pub fn market_fares(
    economics: &FareIndex<'_>,
    origin: AirportId,
    destination: AirportId,
    airlines: &[AirlineId],
    bid_price: impl Fn(AirlineId) -> bool,
    segments: &[Segment],
) -> Result<MarketFares, Vec<AirlineId>> {
    let mut missing = Vec::new();
    let mut raw = Vec::new();
    for &a in airlines {
        let mut s = FareStructure {
            airline: a,
            present: 0,
            fares: [0.0; MAX_CLASSES],
            cents: [0; MAX_CLASSES],
            advance_purchase: [0; MAX_CLASSES],
            bid_price: bid_price(a),
            preference: Vec::new(),
            weight: Vec::new(),
        };
        let mut restrictions = [Restrictions(0); MAX_CLASSES];
        if economics.has_fares() {
            for f in economics.of(a, origin, destination) {
                let r = f.rank as usize;
                s.present |= 1 << r;
                s.fares[r] = f.fare;
                s.cents[r] = (f.fare * 100.0).round() as i64;
                s.advance_purchase[r] = f.advance_purchase_days;
                restrictions[r] = f.restrictions;
            }
            if s.present == 0 {
                missing.push(a);
                continue;
            }
        } else {
            s.present = 1;
        }
        raw.push((s, restrictions));
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    let reference = raw
        .iter()
        .map(|(s, _)| s.lowest())
        .fold(f64::INFINITY, f64::min);
    let reference = if reference.is_finite() {
        reference
    } else {
        0.0
    };
    let structures = raw
        .into_iter()
        .map(|(mut s, restrictions)| {
            for seg in segments {
                let mut weight = [0.0; MAX_CLASSES];
                let mut order: Vec<(f64, usize)> = Vec::new();
                for r in 0..MAX_CLASSES {
                    if s.present & (1 << r) != 0 {
                        let u = utility(seg, reference, s.fares[r], restrictions[r]);
                        weight[r] = u.exp();
                        order.push((u, r));
                    }
                }
                // Best first; between equals, the cheaper (higher rank).
                order.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
                let mut pref = [u8::MAX; MAX_CLASSES];
                for (i, (_, r)) in order.iter().enumerate() {
                    pref[i] = *r as u8;
                }
                s.preference.push(pref);
                s.weight.push(weight);
            }
            s
        })
        .collect();
    Ok(MarketFares {
        reference,
        structures,
    })
}

/// A passenger's maximum willingness to pay, from a uniform draw `u`: `R − R (m − 1) log₂(1 − u)`
/// for the market's lowest fare `R` and the segment's median multiple `m`, so that
/// `P(WTP ≥ p) = exp(−ln 2 · (p − R) / (R (m − 1)))`. Infinite without fares.
///
/// # Example
/// ```
/// use flightnet_sim::fares::willingness_to_pay;
/// // The median passenger pays m × R.
/// assert!((willingness_to_pay(100.0, 1.6, 0.5) - 160.0).abs() < 1e-9);
/// assert_eq!(willingness_to_pay(100.0, 1.6, 0.0), 100.0);
/// assert_eq!(willingness_to_pay(0.0, 1.6, 0.3), f64::INFINITY);
/// ```
#[inline]
pub fn willingness_to_pay(reference: f64, multiple: f64, u: f64) -> f64 {
    if reference <= 0.0 {
        return f64::INFINITY;
    }
    reference - reference * (multiple - 1.0) * (1.0 - u).max(f64::MIN_POSITIVE).log2()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::network::Provenance;

    fn economics() -> Economics {
        let fare = |class: &str, rank, fare, ap, r| Fare {
            airline: AirlineId(0),
            origin: AirportId(0),
            destination: AirportId(1),
            class: class.into(),
            rank,
            fare,
            advance_purchase_days: ap,
            restrictions: Restrictions(r),
            provenance: Provenance {
                basis: None,
                source: String::new(),
            },
        };
        Economics {
            currency: Some("USD".into()),
            fares: vec![
                fare("Y", 0, 400.0, 0, 0),
                fare("B", 1, 250.0, 7, Restrictions::CHANGE_FEE),
                fare(
                    "L",
                    3,
                    100.0,
                    21,
                    Restrictions::NON_REFUNDABLE | Restrictions::SATURDAY_STAY,
                ),
            ],
            classes: vec![vec!["Y".into(), "B".into(), "M".into(), "L".into()]],
            costs: Vec::new(),
        }
    }

    /// Masks, advance purchase, affordability and preferences work together: leisure buys
    /// the cheapest it can; business dislikes the restricted class enough to buy up.
    #[test]
    fn segments_choose_their_classes() {
        let segments = [Segment::business(), Segment::leisure()];
        let m = market_fares(
            &FareIndex::new(&economics()),
            AirportId(0),
            AirportId(1),
            &[AirlineId(0)],
            |_| false,
            &segments,
        )
        .unwrap();
        assert_eq!(m.reference, 100.0);
        let s = &m.structures[0];
        assert_eq!(s.present, 0b1011);
        assert_eq!(s.on_sale(30), 0b1011);
        assert_eq!(s.on_sale(10), 0b0011);
        assert_eq!(s.affordable(260.0), 0b1010);
        assert_eq!(s.cents[1], 25_000);
        // Leisure: the cheapest class when everything is open.
        assert_eq!(s.best(1, 0b1011).map(|b| b.0), Some(3));
        // Business: price sensitivity 0.6 per fare ratio: B costs 0.6 × 1.5 + 0.8 = 1.7, L
        // costs 0 + 2.0 + 0.8 = 2.8: B is preferred.
        assert_eq!(s.best(0, 0b1011).map(|b| b.0), Some(1));
        assert_eq!(s.best(0, 0b1001).map(|b| b.0), Some(0));
        assert_eq!(s.best(0, 0), None);
        assert_eq!(ranks_upto(1), 0b11);
        assert_eq!(s.covering(200.0), 0b0011);
    }

    #[test]
    fn missing_fares_are_named() {
        let e = market_fares(
            &FareIndex::new(&economics()),
            AirportId(1),
            AirportId(0),
            &[AirlineId(0)],
            |_| false,
            &[Segment::leisure()],
        );
        assert_eq!(e.unwrap_err(), vec![AirlineId(0)]);
        // Without fares, every airline sells one free class.
        let m = market_fares(
            &FareIndex::new(&Economics::default()),
            AirportId(1),
            AirportId(0),
            &[AirlineId(0)],
            |_| false,
            &[Segment::leisure()],
        )
        .unwrap();
        assert_eq!((m.reference, m.structures[0].present), (0.0, 1));
    }
}
