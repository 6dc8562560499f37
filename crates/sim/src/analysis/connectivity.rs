//! Connectivity of a week: legal connections per hub by connect-time band, and the service
//! quality of every O&D pair with itineraries of up to `max_stops` connections.
//!
//! Itineraries are built like the simulation builds them: route-level paths
//! ([`crate::itinerary::paths_from`]: allowed airline pairs, MCT records, the circuity limit on
//! the whole path) and dated search over them ([`crate::itinerary::fastest_by_departure`]: MCT
//! and maximum connect time at every connection point). Each first-leg departure in the week
//! counts once per number of stops, with its fastest continuation.
//!
//! # Service quality index
//! For an O&D pair, `qsi = Σ w(stops) · T* / T` over its departures, where `T` is a
//! departure's elapsed time, `T*` the fastest elapsed time of the pair, and the weights
//! [`QSI_WEIGHTS`] rank nonstop above one stop above two stops. The weights are flightnet's
//! own estimates (not a published model): they only order service, so compare indices between
//! scenarios and pairs, not with other tools.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::itinerary::{
    DepartureIndex, Timetable, fastest_by_departure, for_each_connection, paths_from,
};
use flightnet_data::config::ConnectionRules;
use flightnet_data::id::Idx;
use flightnet_data::network::{AirportId, LegId, Network};
use flightnet_data::time::{DateRange, Day};

/// The weights of a nonstop, one-stop and two-stop departure in the service quality index.
pub const QSI_WEIGHTS: [f64; 3] = [1.0, 0.25, 0.05];

/// Upper bounds (minutes, exclusive) of the connect-time bands; the last band is open.
pub const BANDS: [i64; 4] = [60, 120, 240, 480];

/// The band labels, in order.
pub const BAND_LABELS: [&str; 5] = ["<1h", "1-2h", "2-4h", "4-8h", "8h+"];

/// One hub's legal connections in the week.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct HubConnectivity {
    /// IATA code.
    pub airport: String,
    /// Legal connections (arriving leg, departing leg) whose first leg departs in the week.
    pub connections: u64,
    /// Of those, by scheduled connect time: [`BAND_LABELS`].
    pub by_band: [u64; 5],
    /// Of those, between two airlines.
    pub interline: u64,
}

/// How one O&D pair is served in the week.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct OdQuality {
    /// Origin IATA code.
    pub origin: String,
    /// Destination IATA code.
    pub destination: String,
    /// Great-circle distance, km.
    pub distance_km: f64,
    /// Nonstop departures in the week.
    pub nonstop: u32,
    /// Departures in the week with an itinerary of one connection.
    pub one_stop: u32,
    /// Departures in the week with an itinerary of two connections.
    pub two_stop: u32,
    /// The fastest elapsed time of each (nonstop, one stop, two stops), minutes.
    pub fastest_minutes: [Option<i64>; 3],
    /// The service quality index (see the module notes).
    pub qsi: f64,
}

/// The connectivity report of a week.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Connectivity {
    /// The most connections an itinerary had.
    pub max_stops: u8,
    /// The connect-time band labels of `hubs[].by_band`.
    pub bands: [&'static str; 5],
    /// The QSI weights of a nonstop, one-stop and two-stop departure.
    pub qsi_weights: [f64; 3],
    /// Hubs with legal connections, most first (ties by code).
    pub hubs: Vec<HubConnectivity>,
    /// Every O&D pair with a departure in the week, by origin then destination.
    pub markets: Vec<OdQuality>,
    /// O&D pairs served by each number of stops at best (nonstop, one stop, two stops).
    pub pairs_by_best: [usize; 3],
}

fn band(gap: i64) -> usize {
    BANDS.iter().position(|&b| gap < b).unwrap_or(BANDS.len())
}

/// Builds the connectivity report of the week starting at `start`.
///
/// The network's window must cover the week and the connections after it (two days past the
/// week are enough for `max_stops` × `max_connect` ≤ 24 h).
///
/// # Complexity
/// O(L + C) for the hubs (C connections examined), plus the dated search of every path from
/// every origin with a departure in the week.
pub fn connectivity(net: &Network, start: Day, rules: &ConnectionRules) -> Connectivity {
    let data = net.data();
    let n = data.airports.len();
    let mut hubs = vec![(0u64, [0u64; 5], 0u64); n];
    let index = DepartureIndex::new(net);
    for_each_connection(net, &index, rules, super::week_legs(net, start), |a, b| {
        let (a, b) = (net.leg(a), net.leg(b));
        let h = &mut hubs[a.destination.index()];
        h.0 += 1;
        h.1[band(b.dep.0 - a.arr.0)] += 1;
        h.2 += (a.airline != b.airline) as u64;
    });
    let mut hub_rows: Vec<HubConnectivity> = hubs
        .iter()
        .enumerate()
        .filter(|(_, h)| h.0 > 0)
        .map(|(i, h)| HubConnectivity {
            airport: data.airports[i].iata.clone(),
            connections: h.0,
            by_band: h.1,
            interline: h.2,
        })
        .collect();
    hub_rows.sort_by(|a, b| {
        b.connections
            .cmp(&a.connections)
            .then(a.airport.cmp(&b.airport))
    });

    let week = DateRange::new(start, start.plus_days(6)).expect("a week is a valid range");
    let tt = Timetable::new(net);
    let mut origins: Vec<AirportId> = super::week_legs(net, start)
        .map(|l| net.leg(l).origin)
        .collect();
    origins.sort();
    origins.dedup();
    let km = |a: AirportId, b: AirportId| {
        let (x, y) = (data.airport(a), data.airport(b));
        flightnet_data::geo::great_circle_km(x.lat, x.lon, y.lat, y.lon)
    };
    let mut markets = Vec::new();
    for o in origins {
        for (d, paths) in paths_from(net, rules, o) {
            // Per number of stops, per first leg: the earliest arrival.
            let mut best: [BTreeMap<LegId, (i64, i64)>; 3] = Default::default();
            for p in &paths {
                let class = &mut best[p.stops() as usize];
                for day in week.days() {
                    for (leg, dep, arr) in fastest_by_departure(&tt, p, day, rules.max_connect) {
                        let e = class.entry(leg).or_insert((dep.0, arr.0));
                        e.1 = e.1.min(arr.0);
                    }
                }
            }
            if best.iter().all(BTreeMap::is_empty) {
                continue;
            }
            let fastest: [Option<i64>; 3] =
                std::array::from_fn(|k| best[k].values().map(|(d, a)| a - d).min());
            let t_star = fastest.iter().flatten().min().copied().unwrap_or(1).max(1) as f64;
            let qsi: f64 = (0..3)
                .map(|k| {
                    best[k]
                        .values()
                        .map(|(d, a)| QSI_WEIGHTS[k] * t_star / ((a - d).max(1) as f64))
                        .sum::<f64>()
                })
                .sum();
            markets.push(OdQuality {
                origin: data.airport(o).iata.clone(),
                destination: data.airport(d).iata.clone(),
                distance_km: (km(o, d) * 10.0).round() / 10.0,
                nonstop: best[0].len() as u32,
                one_stop: best[1].len() as u32,
                two_stop: best[2].len() as u32,
                fastest_minutes: fastest,
                qsi: (qsi * 1000.0).round() / 1000.0,
            });
        }
    }
    markets.sort_by(|a, b| (&a.origin, &a.destination).cmp(&(&b.origin, &b.destination)));
    let mut pairs_by_best = [0; 3];
    for m in &markets {
        let k = [m.nonstop, m.one_stop, m.two_stop]
            .iter()
            .position(|&c| c > 0)
            .unwrap_or(0);
        pairs_by_best[k] += 1;
    }
    Connectivity {
        max_stops: rules.max_stops,
        bands: BAND_LABELS,
        qsi_weights: QSI_WEIGHTS,
        hubs: hub_rows,
        markets,
        pairs_by_best,
    }
}
