//! Gravity-model O&D demand and the passenger flows it puts on each route.
//!
//! Markets are every nonstop pair (both directions) and every one-connection pair through a hub:
//! `o → h → d` with both routes flown, no nonstop, and a routing at most [`MAX_CIRCUITY`] times
//! the direct distance (well inside the engine's default limit of 2.5, so the connection is
//! always offered). A market's demand is proportional to
//! `size_o · size_d / max(km, MIN_GRAVITY_KM)^DISTANCE_EXPONENT`, times
//! [`CONNECTING_FACTOR`] for one-connection markets; the total is scaled afterwards (see
//! [`super::generate`]). For flow planning each one-connection market uses its shortest hub
//! routing.

use std::collections::BTreeMap;

use super::layout::Layout;
use super::topology::Pair;
use flightnet_data::config::ConnectionRules;
use flightnet_data::network::{AirportId, Network};
use flightnet_data::time::UtcMinute;
use flightnet_sim::itinerary::{Timetable, itineraries_on_day, paths_between};

/// Exponent of distance in the gravity model.
pub const DISTANCE_EXPONENT: f64 = 1.0;
/// Distances below this count as this much in the gravity model, km.
pub const MIN_GRAVITY_KM: f64 = 200.0;
/// Demand of a one-connection market relative to a nonstop market of the same gravity.
pub const CONNECTING_FACTOR: f64 = 0.5;
/// Longest one-connection routing given demand, as a multiple of the direct distance.
pub const MAX_CIRCUITY: f64 = 2.0;

/// The gravity score of a pair of airports.
pub(super) fn gravity(layout: &Layout, a: usize, b: usize) -> f64 {
    let km = layout.km(a, b).max(MIN_GRAVITY_KM);
    layout.sites[a].size * layout.sites[b].size / km.powf(DISTANCE_EXPONENT)
}

/// One O&D market.
#[derive(Clone, Copy, Debug)]
pub(super) struct Market {
    /// Origin airport.
    pub origin: usize,
    /// Destination airport.
    pub destination: usize,
    /// The hub of the planned connection (`None` for a nonstop market).
    pub via: Option<usize>,
    /// Average daily passengers (relative until scaled).
    pub daily: f64,
}

/// Directed routes: route `2i` flies pair `i` from `a` to `b`, route `2i + 1` back.
pub(super) struct Routes {
    index: BTreeMap<(u32, u32), u32>,
}

impl Routes {
    /// Indexes the directed routes of `pairs`.
    pub(super) fn new(pairs: &[Pair]) -> Routes {
        let mut index = BTreeMap::new();
        for (i, p) in pairs.iter().enumerate() {
            index.insert((p.a as u32, p.b as u32), 2 * i as u32);
            index.insert((p.b as u32, p.a as u32), 2 * i as u32 + 1);
        }
        Routes { index }
    }

    /// The directed route from `o` to `d`, if flown.
    pub(super) fn get(&self, o: usize, d: usize) -> Option<usize> {
        self.index.get(&(o as u32, d as u32)).map(|&r| r as usize)
    }

    /// Number of directed routes.
    pub(super) fn len(&self) -> usize {
        self.index.len()
    }
}

/// Every market with its relative demand, sorted by (origin, destination).
///
/// # Complexity
/// O(Σ_h deg(h)²) over the hubs' neighbours.
pub(super) fn markets(layout: &Layout, pairs: &[Pair], routes: &Routes) -> Vec<Market> {
    let n = layout.sites.len();
    let mut out = Vec::new();
    let mut neighbours = vec![Vec::new(); n];
    for p in pairs {
        for (o, d) in [(p.a, p.b), (p.b, p.a)] {
            neighbours[o].push(d);
            out.push(Market {
                origin: o,
                destination: d,
                via: None,
                daily: gravity(layout, o, d),
            });
        }
    }
    // One connection through a hub: keep the shortest routing per market.
    let mut best: BTreeMap<(u32, u32), (f64, usize)> = BTreeMap::new();
    for &h in &layout.hubs {
        let nb = &neighbours[h];
        for &o in nb {
            let first = layout.km(o, h);
            for &d in nb {
                if o == d || routes.get(o, d).is_some() {
                    continue;
                }
                let total = first + layout.km(h, d);
                if total > MAX_CIRCUITY * layout.km(o, d) {
                    continue;
                }
                let e = best.entry((o as u32, d as u32)).or_insert((total, h));
                // Hubs come in index order, so ties keep the lowest hub.
                if total < e.0 {
                    *e = (total, h);
                }
            }
        }
    }
    for (&(o, d), &(_, h)) in &best {
        let (o, d) = (o as usize, d as usize);
        out.push(Market {
            origin: o,
            destination: d,
            via: Some(h),
            daily: CONNECTING_FACTOR * gravity(layout, o, d),
        });
    }
    out.sort_by_key(|m| (m.origin, m.destination));
    out
}

/// Keeps the markets that the schedule serves under the engine's default connection rules: a
/// nonstop flight or a legal connection (MCT, at most 12 hours) departing on some day of the
/// first week of `net` (built over at least a week of the schedule). The banks are designed so
/// that every planned connection is legal; this is the safety net that keeps demand off any
/// market the timetable cannot serve after all.
///
/// # Returns
/// How many markets were dropped.
pub(super) fn keep_served(markets: &mut Vec<Market>, net: &Network) -> usize {
    let tt = Timetable::new(net);
    let rules = ConnectionRules::default();
    let first = net.window.first;
    let mut found = Vec::new();
    let before = markets.len();
    markets.retain(|m| {
        let paths = paths_between(
            net,
            &rules,
            AirportId(m.origin as u16),
            AirportId(m.destination as u16),
        );
        (0..7).any(|k| {
            found.clear();
            itineraries_on_day(
                &tt,
                &paths,
                first.plus_days(k),
                UtcMinute(i64::MIN),
                rules.max_connect,
                |_| true,
                &mut found,
            );
            !found.is_empty()
        })
    });
    before - markets.len()
}

/// Multiplies every market's demand by `factor`.
pub(super) fn scale(markets: &mut [Market], factor: f64) {
    for m in markets {
        m.daily *= factor;
    }
}

/// Total daily demand.
pub(super) fn total(markets: &[Market]) -> f64 {
    markets.iter().map(|m| m.daily).sum()
}

/// Daily passengers planned on each directed route (nonstop passengers and both legs of
/// connecting passengers).
pub(super) fn route_flows(markets: &[Market], routes: &Routes) -> Vec<f64> {
    let mut flow = vec![0.0; routes.len()];
    let mut add = |o: usize, d: usize, x: f64| {
        let r = routes.get(o, d).expect("markets use flown routes");
        flow[r] += x;
    };
    for m in markets {
        match m.via {
            None => add(m.origin, m.destination, m.daily),
            Some(h) => {
                add(m.origin, h, m.daily);
                add(h, m.destination, m.daily);
            }
        }
    }
    flow
}
