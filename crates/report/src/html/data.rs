//! What the charts show, derived from a run: the focus market (Kazakhstan–China), weekly
//! series from the flight rows with confidence bands across replications, routes merged
//! over both directions for the map, booking classes in fare order and booking curves as
//! cumulative shares.

use std::collections::{BTreeMap, BTreeSet};

use super::charts::Value;
use super::world::country_name;
use crate::files::FlightRow;
use flightnet_data::time::Day;
use flightnet_sim::stats::Estimate;
use flightnet_sim::summary::{Num, Summary};

/// The country pair the report follows when the network has it.
pub const FOCUS: (&str, &str) = ("KZ", "CN");

/// The country market a report follows: [`FOCUS`] when the network links the two countries,
/// otherwise the international country pair with the most seats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    /// First country (ISO code); its airports come first in route names.
    pub a: String,
    /// Second country.
    pub b: String,
}

impl Focus {
    /// `Kazakhstan–China`.
    pub fn name(&self) -> String {
        format!("{}–{}", country_name(&self.a), country_name(&self.b))
    }

    /// `KZ–CN`.
    pub fn code(&self) -> String {
        format!("{}–{}", self.a, self.b)
    }

    /// True when a flight between countries `x` and `y` belongs to the focus market.
    pub fn links(&self, x: &str, y: &str) -> bool {
        (x == self.a && y == self.b) || (x == self.b && y == self.a)
    }
}

/// Airport countries by IATA code.
pub struct Places<'a> {
    country: BTreeMap<&'a str, &'a str>,
}

impl<'a> Places<'a> {
    /// The airports of a summary.
    pub fn new(summary: &'a Summary) -> Places<'a> {
        Places {
            country: summary
                .airports
                .iter()
                .map(|a| (a.iata.as_str(), a.country.as_str()))
                .collect(),
        }
    }

    /// The country of an airport (empty when unknown).
    pub fn country(&self, iata: &str) -> &'a str {
        self.country.get(iata).copied().unwrap_or("")
    }

    /// True when the flight `o`→`d` is in the focus market.
    pub fn in_focus(&self, focus: Option<&Focus>, o: &str, d: &str) -> bool {
        focus.is_some_and(|f| f.links(self.country(o), self.country(d)))
    }

    /// The focus market of a summary (see [`Focus`]); `None` when no route crosses a border.
    pub fn focus(&self, summary: &Summary) -> Option<Focus> {
        let mut seats: BTreeMap<(&str, &str), f64> = BTreeMap::new();
        for r in &summary.routes {
            let (x, y) = (self.country(&r.origin), self.country(&r.destination));
            if x.is_empty() || y.is_empty() || x == y {
                continue;
            }
            *seats
                .entry(if x < y { (x, y) } else { (y, x) })
                .or_default() += r.seats.0;
        }
        let key = |a: &str, b: &str| {
            if a < b {
                (a.to_string(), b.to_string())
            } else {
                (b.to_string(), a.to_string())
            }
        };
        let preferred = key(FOCUS.0, FOCUS.1);
        if seats.contains_key(&(preferred.0.as_str(), preferred.1.as_str())) {
            return Some(Focus {
                a: FOCUS.0.to_string(),
                b: FOCUS.1.to_string(),
            });
        }
        seats
            .into_iter()
            .filter(|(_, s)| s.is_finite())
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
            .map(|((a, b), _)| Focus {
                a: a.to_string(),
                b: b.to_string(),
            })
    }

    /// `o–d` written with the focus market's first country first (`ALA–PEK` for either
    /// direction), or in code order outside the focus market.
    pub fn pair_name(&self, focus: Option<&Focus>, o: &str, d: &str) -> (String, String) {
        let first_is_d = match focus {
            Some(f) if self.in_focus(Some(f), o, d) => {
                self.country(d) == f.a && self.country(o) != f.a
            }
            _ => d < o,
        };
        if first_is_d {
            (d.to_string(), o.to_string())
        } else {
            (o.to_string(), d.to_string())
        }
    }
}

/// Weekly seats, passengers and load factor of a group of flights.
#[derive(Clone, Debug, Default)]
pub struct WeeklySeries {
    /// Seats on operated flights per week.
    pub seats: Vec<Option<Value>>,
    /// Passengers boarded per week.
    pub passengers: Vec<Option<Value>>,
    /// Passengers / seats per week (`None` in weeks without seats).
    pub load_factor: Vec<Option<Value>>,
    /// Passengers over the whole period (mean per replication).
    pub total_passengers: f64,
}

/// One focus-market route (an airport pair, both directions, every airline) over time.
#[derive(Clone, Debug)]
pub struct RouteWeekly {
    /// `ALA–PEK`.
    pub name: String,
    /// Airlines flying it, in code order.
    pub airlines: Vec<String>,
    /// The series.
    pub series: WeeklySeries,
}

/// The focus market week by week.
#[derive(Clone, Debug, Default)]
pub struct Weekly {
    /// Mondays of the ISO weeks of the scenario period.
    pub weeks: Vec<Day>,
    /// Replications found in the flight rows.
    pub replications: usize,
    /// Every focus-market flight.
    pub market: WeeklySeries,
    /// Per route, by passengers (descending).
    pub routes: Vec<RouteWeekly>,
}

/// Per week and replication: seats and passengers.
type Cells = Vec<Vec<(f64, f64)>>;

fn estimate(values: &[f64], banded: bool) -> Value {
    let e = Estimate::of(values);
    Value {
        y: e.mean,
        band: banded.then_some((e.ci95_low.max(0.0), e.ci95_high)),
    }
}

fn series(cells: &Cells) -> WeeklySeries {
    let banded = cells.first().is_some_and(|w| w.len() > 1);
    let reps = cells.first().map_or(1, |w| w.len().max(1)) as f64;
    let mut s = WeeklySeries::default();
    for week in cells {
        let seats: Vec<f64> = week.iter().map(|c| c.0).collect();
        let pax: Vec<f64> = week.iter().map(|c| c.1).collect();
        s.total_passengers += pax.iter().sum::<f64>() / reps;
        s.seats.push(Some(estimate(&seats, banded)));
        s.passengers.push(Some(estimate(&pax, banded)));
        let lf: Vec<f64> = week
            .iter()
            .filter(|c| c.0 > 0.0)
            .map(|c| c.1 / c.0)
            .collect();
        s.load_factor
            .push((!lf.is_empty()).then(|| estimate(&lf, banded && lf.len() > 1)));
    }
    s
}

/// The focus market's weeks from the flight rows of every replication (cancelled flights
/// offer no seats; weeks without flights count as zero).
pub fn weekly(summary: &Summary, flights: &[FlightRow], focus: Option<&Focus>) -> Weekly {
    let places = Places::new(summary);
    let (first, last) = (
        summary.scenario.start.week_start(),
        summary.scenario.end.week_start(),
    );
    let weeks: Vec<Day> = if last >= first {
        (0..=(last.0 - first.0) / 7)
            .map(|k| first.plus_days(7 * k))
            .collect()
    } else {
        Vec::new()
    };
    let reps: BTreeSet<u32> = flights.iter().map(|f| f.replication).collect();
    let rep_index: BTreeMap<u32, usize> = reps.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let nr = reps.len().max(1);
    let blank = || vec![vec![(0.0, 0.0); nr]; weeks.len()];
    let mut market = blank();
    let mut routes: BTreeMap<String, (BTreeSet<String>, Cells)> = BTreeMap::new();
    for f in flights {
        if f.status != "flown" || !places.in_focus(focus, &f.origin, &f.destination) {
            continue;
        }
        let w = f.date.week_start().0 - first.0;
        if w < 0 || w % 7 != 0 || (w / 7) as usize >= weeks.len() {
            continue;
        }
        let (w, r) = ((w / 7) as usize, rep_index[&f.replication]);
        let (x, y) = places.pair_name(focus, &f.origin, &f.destination);
        let e = routes
            .entry(format!("{x}–{y}"))
            .or_insert_with(|| (BTreeSet::new(), blank()));
        e.0.insert(f.airline.clone());
        for cells in [&mut market, &mut e.1] {
            cells[w][r].0 += f.seats as f64;
            cells[w][r].1 += f.passengers as f64;
        }
    }
    let mut routes: Vec<RouteWeekly> = routes
        .into_iter()
        .map(|(name, (airlines, cells))| RouteWeekly {
            name,
            airlines: airlines.into_iter().collect(),
            series: series(&cells),
        })
        .collect();
    routes.sort_by(|a, b| {
        b.series
            .total_passengers
            .total_cmp(&a.series.total_passengers)
            .then(a.name.cmp(&b.name))
    });
    Weekly {
        replications: reps.len(),
        market: series(&market),
        routes,
        weeks,
    }
}

/// A route on the map: one airline between two airports, both directions.
#[derive(Clone, Debug, PartialEq)]
pub struct MapRoute {
    /// Airline code.
    pub airline: String,
    /// One end (IATA).
    pub a: String,
    /// The other end.
    pub b: String,
    /// Seats per week, both directions, averaged over the scenario period.
    pub weekly_seats: f64,
    /// In the focus market.
    pub focus: bool,
}

/// Weeks in the scenario period (at least one).
pub fn period_weeks(summary: &Summary) -> f64 {
    (((summary.scenario.end.0 - summary.scenario.start.0 + 1) as f64) / 7.0).max(1.0)
}

/// The routes of a summary merged over both directions, in airline then airport order.
pub fn map_routes(summary: &Summary, focus: Option<&Focus>) -> Vec<MapRoute> {
    let places = Places::new(summary);
    let weeks = period_weeks(summary);
    let mut merged: BTreeMap<(String, String, String), f64> = BTreeMap::new();
    for r in &summary.routes {
        let (x, y) = if r.origin <= r.destination {
            (&r.origin, &r.destination)
        } else {
            (&r.destination, &r.origin)
        };
        let seats = if r.seats.0.is_finite() {
            r.seats.0.max(0.0)
        } else {
            0.0
        };
        *merged
            .entry((r.airline.clone(), x.clone(), y.clone()))
            .or_default() += seats;
    }
    merged
        .into_iter()
        .map(|((airline, a, b), seats)| MapRoute {
            focus: places.in_focus(focus, &a, &b),
            airline,
            a,
            b,
            weekly_seats: seats / weeks,
        })
        .collect()
}

/// Airline codes of some summaries, in code order (the index gives each airline its colour).
pub fn airlines(summaries: &[&Summary]) -> Vec<String> {
    let set: BTreeSet<&String> = summaries
        .iter()
        .flat_map(|s| s.routes.iter().map(|r| &r.airline))
        .collect();
    set.into_iter().cloned().collect()
}

/// Booking-class codes in their usual order from the full fare down (first, business,
/// premium economy, then the economy ladder Y, B, M, H, Q, K, L, V, …).
const CLASS_ORDER: &str = "FAPJCDIZRWYBMHQKLVSNTGEOXU";

/// Booking-class codes in fare order (see [`CLASS_ORDER`]); codes outside it follow in code
/// order. The summary keeps classes by code, not by each airline's fare ladder, so this is
/// the conventional order, which the built-in fares follow.
///
/// # Example
/// ```
/// let codes = ["V", "B", "E", "Y", "X1"].map(String::from);
/// assert_eq!(flightnet_report::html::data::class_order(&codes), ["Y", "B", "V", "E", "X1"]);
/// ```
pub fn class_order<'s>(codes: impl IntoIterator<Item = &'s String>) -> Vec<String> {
    let set: BTreeSet<&String> = codes.into_iter().collect();
    let mut v: Vec<&String> = set.into_iter().collect();
    let rank = |c: &str| {
        let mut chars = c.chars();
        match (chars.next(), chars.next()) {
            (Some(x), None) => CLASS_ORDER.find(x).unwrap_or(CLASS_ORDER.len()),
            _ => CLASS_ORDER.len(),
        }
    };
    v.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    v.into_iter().cloned().collect()
}

/// The share of a booking curve's tickets sold at least `k` days before departure, for every
/// `k` (1 at `k = 0`, 0 everywhere for no tickets).
///
/// # Example
/// ```
/// use flightnet_sim::summary::Num;
/// let ahead = flightnet_report::html::data::booked_ahead(&[Num(1.0), Num(2.0), Num(1.0)]);
/// assert_eq!(ahead, [1.0, 0.75, 0.25]);
/// ```
pub fn booked_ahead(tickets: &[Num]) -> Vec<f64> {
    let total: f64 = tickets.iter().map(|t| t.0).filter(|t| t.is_finite()).sum();
    let mut out = vec![0.0; tickets.len()];
    if total <= 0.0 {
        return out;
    }
    let mut acc = 0.0;
    for (k, t) in tickets.iter().enumerate().rev() {
        if t.0.is_finite() {
            acc += t.0;
        }
        out[k] = acc / total;
    }
    out
}

/// The median booking lead: the most days before departure by which at least half the
/// tickets were sold (`None` without tickets).
pub fn median_lead(tickets: &[Num]) -> Option<usize> {
    let ahead = booked_ahead(tickets);
    if ahead.first().is_none_or(|s| *s <= 0.0) {
        return None;
    }
    ahead.iter().rposition(|s| *s >= 0.5 - 1e-12)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(routes: &[(&str, &str, &str, f64)]) -> Summary {
        let airport = |iata: &str, country: &str| {
            serde_json::json!({"iata": iata, "name": iata, "city": iata, "country": country,
                "lat": 40.0, "lon": 70.0})
        };
        let route = |r: &(&str, &str, &str, f64)| {
            serde_json::json!({"airline": r.0, "origin": r.1, "destination": r.2,
                "distance_km": 0, "flights": 1, "cancelled": 0, "seats": r.3, "passengers": 0,
                "local": 0, "connecting": 0, "load_factor": 0, "on_time_performance": 1,
                "mean_departure_delay": 0})
        };
        let json = serde_json::json!({
            "scenario": {"name": "t", "file": "t.toml", "network": "n", "start": "2023-03-01",
                "end": "2023-03-14", "seed": 1, "replications": 2, "version": "0"},
            "totals": {},
            "airports": [airport("ALA", "KZ"), airport("NQZ", "KZ"), airport("PEK", "CN"),
                airport("IST", "TR"), airport("FRA", "DE")],
            "routes": routes.iter().map(route).collect::<Vec<_>>(),
            "markets": [], "hubs": [], "daily": [], "weekly": [], "fleet": [],
            "engine": {"events": 0, "requests": 0, "peak_pending": 0, "wall_seconds": 0.0,
                "events_per_second": 0.0}
        });
        Summary::from_json(&json.to_string()).unwrap()
    }

    fn flight(
        rep: u32,
        date: &str,
        o: &str,
        d: &str,
        seats: u32,
        pax: u32,
        flown: bool,
    ) -> FlightRow {
        FlightRow {
            replication: rep,
            date: Day::parse(date).unwrap(),
            airline: "KC".to_string(),
            flight: 1,
            origin: o.to_string(),
            destination: d.to_string(),
            scheduled_departure_utc: String::new(),
            scheduled_arrival_utc: String::new(),
            actual_departure_utc: String::new(),
            actual_arrival_utc: String::new(),
            departure_delay: 0,
            arrival_delay: 0,
            aircraft: "A321".to_string(),
            seats,
            passengers: pax,
            local: pax,
            connecting: 0,
            status: if flown { "flown" } else { "cancelled" }.to_string(),
        }
    }

    #[test]
    fn weeks_average_replications_with_bands() {
        let s = summary(&[("KC", "ALA", "PEK", 700.0), ("KC", "PEK", "ALA", 700.0)]);
        let places = Places::new(&s);
        let focus = places.focus(&s).unwrap();
        assert_eq!((focus.a.as_str(), focus.b.as_str()), ("KZ", "CN"));
        assert_eq!(focus.name(), "Kazakhstan–China");
        let rows = [
            flight(0, "2023-03-01", "ALA", "PEK", 100, 80, true),
            flight(1, "2023-03-01", "ALA", "PEK", 100, 60, true),
            flight(0, "2023-03-07", "PEK", "ALA", 100, 50, true),
            flight(1, "2023-03-07", "PEK", "ALA", 100, 0, false),
            flight(0, "2023-03-02", "ALA", "NQZ", 100, 90, true),
        ];
        let w = weekly(&s, &rows, Some(&focus));
        let mondays: Vec<String> = w.weeks.iter().map(|d| d.to_string()).collect();
        assert_eq!(mondays, ["2023-02-27", "2023-03-06", "2023-03-13"]);
        assert_eq!(w.replications, 2);
        let m = &w.market;
        assert_eq!(m.seats[0].unwrap().y, 100.0);
        let pax = m.passengers[0].unwrap();
        assert_eq!(pax.y, 70.0);
        // t(1) = 12.706, s = 14.142, s / √2 = 10: the low end is clamped at 0.
        let (lo, hi) = pax.band.unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - (70.0 + 127.06)).abs() < 1e-6);
        // Week 2: the cancelled flight offers no seats; only replication 0 has a load factor.
        assert_eq!(m.seats[1].unwrap().y, 50.0);
        assert_eq!(m.load_factor[1].unwrap(), Value { y: 0.5, band: None });
        assert_eq!(m.passengers[2].unwrap().y, 0.0);
        assert!(m.load_factor[2].is_none());
        assert_eq!(m.total_passengers, 95.0);
        assert_eq!(w.routes.len(), 1);
        assert_eq!(w.routes[0].name, "ALA–PEK");
        assert_eq!(w.routes[0].airlines, ["KC"]);
        // The map merges both directions: 1,400 seats over two weeks.
        let map = map_routes(&s, Some(&focus));
        assert_eq!(map.len(), 1);
        assert_eq!((map[0].weekly_seats, map[0].focus), (700.0, true));
    }

    #[test]
    fn booking_leads() {
        let n = |v: &[f64]| v.iter().map(|x| Num(*x)).collect::<Vec<_>>();
        assert_eq!(median_lead(&n(&[1.0, 2.0, 1.0])), Some(1));
        assert_eq!(median_lead(&n(&[3.0, 0.0, 1.0])), Some(0));
        assert_eq!(median_lead(&n(&[0.0, 0.0, 4.0])), Some(2));
        assert_eq!(median_lead(&n(&[0.0, 0.0])), None);
        assert_eq!(median_lead(&[]), None);
        assert_eq!(booked_ahead(&n(&[0.0, 0.0])), [0.0, 0.0]);
        let codes = ["L", "K", "H", "Y", "M", "E"].map(String::from);
        assert_eq!(class_order(&codes), ["Y", "M", "H", "K", "L", "E"]);
    }

    #[test]
    fn without_kz_cn_the_busiest_international_pair_is_followed() {
        let s = summary(&[
            ("KC", "ALA", "IST", 10.0),
            ("KC", "NQZ", "FRA", 20.0),
            ("KC", "ALA", "NQZ", 99.0),
        ]);
        let places = Places::new(&s);
        let f = places.focus(&s).unwrap();
        assert_eq!(f.code(), "DE–KZ");
        assert_eq!(
            places.pair_name(Some(&f), "NQZ", "FRA"),
            ("FRA".into(), "NQZ".into())
        );
        let domestic = summary(&[("KC", "ALA", "NQZ", 1.0)]);
        assert!(Places::new(&domestic).focus(&domestic).is_none());
        // No flights at all: every week is zero, nothing panics.
        let w = weekly(&domestic, &[], None);
        assert_eq!(w.weeks.len(), 3);
        assert!(w.routes.is_empty());
    }
}
