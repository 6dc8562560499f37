//! Network analysis for a week of the schedule: one file per algorithm.
//!
//! * [`market`]: weekly frequencies between two countries by carrier.
//! * [`hubs`]: airports ranked by departures, seats, destinations and connections.
//! * [`reach`]: O&D pairs reachable nonstop and with one MCT-feasible connection.
//! * [`critical`]: articulation points and bridges of the undirected route graph.
//! * [`connectivity`]: legal connections per hub by connect-time band, and the service quality
//!   of every O&D pair with itineraries of up to `max_stops` connections.
//!
//! `flightnet_report::network` puts them together for `flightnet network`.

pub mod connectivity;
pub mod critical;
pub mod hubs;
pub mod market;
pub mod reach;

use flightnet_data::network::Network;
use flightnet_data::time::{DateRange, Day};

/// The legs of `net` whose departure date lies in the week starting at `start`.
pub fn week_legs(
    net: &Network,
    start: Day,
) -> impl Iterator<Item = flightnet_data::network::LegId> + '_ {
    let week = DateRange::new(start, start.plus_days(6)).expect("a week is a valid range");
    net.legs
        .iter()
        .enumerate()
        .filter(move |(_, l)| week.contains(l.day))
        .map(|(i, _)| flightnet_data::network::LegId(i as u32))
}
