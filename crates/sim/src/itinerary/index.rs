//! Departures by airport in time order, for connection scans.

use flightnet_data::id::Idx;
use flightnet_data::network::{AirportId, LegId, Network};
use flightnet_data::time::UtcMinute;

/// For each airport, the ids of the legs departing it, sorted by scheduled departure.
#[derive(Clone, Debug)]
pub struct DepartureIndex {
    by_airport: Vec<Vec<LegId>>,
}

impl DepartureIndex {
    /// Builds the index over every leg of the network.
    ///
    /// # Complexity
    /// O(L): the network's legs are already sorted by departure.
    pub fn new(net: &Network) -> DepartureIndex {
        let mut by_airport = vec![Vec::new(); net.data().airports.len()];
        for (i, leg) in net.legs.iter().enumerate() {
            by_airport[leg.origin.index()].push(LegId(i as u32));
        }
        DepartureIndex { by_airport }
    }

    /// Legs departing `airport` at or after `from` and at or before `to` (scheduled UTC).
    ///
    /// # Complexity
    /// O(log n) for n departures at the airport.
    pub fn between(
        &self,
        net: &Network,
        airport: AirportId,
        from: UtcMinute,
        to: UtcMinute,
    ) -> &[LegId] {
        let deps = &self.by_airport[airport.index()];
        let lo = deps.partition_point(|&l| net.leg(l).dep < from);
        let hi = deps.partition_point(|&l| net.leg(l).dep <= to);
        &deps[lo..hi.max(lo)]
    }
}

/// Calls `f(first, second)` for every legal connection (per `rules`) whose first leg is in
/// `first_legs`.
///
/// # Complexity
/// O(F · (log n + k)) for F first legs and k departures within the maximum connect time.
pub fn for_each_connection(
    net: &Network,
    index: &DepartureIndex,
    rules: &flightnet_data::config::ConnectionRules,
    first_legs: impl Iterator<Item = LegId>,
    mut f: impl FnMut(LegId, LegId),
) {
    for a in first_legs {
        let leg = net.leg(a);
        let window = index.between(
            net,
            leg.destination,
            leg.arr,
            leg.arr.plus(rules.max_connect as i64),
        );
        for &b in window {
            if rules.connects(net.data(), leg, net.leg(b)) {
                f(a, b);
            }
        }
    }
}
