//! Hub ranking: departures, seats, destinations and legal connections per airport.

use flightnet_data::id::Idx;
use std::collections::BTreeSet;

use serde::Serialize;

use crate::itinerary::{DepartureIndex, for_each_connection};
use flightnet_data::config::ConnectionRules;
use flightnet_data::network::{AirportId, Network};
use flightnet_data::time::Day;

/// One airport's weekly activity.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct HubStats {
    /// IATA code.
    pub airport: String,
    /// Legs departing in the week.
    pub weekly_departures: u32,
    /// Seats on those legs.
    pub weekly_seats: u64,
    /// Distinct nonstop destinations.
    pub destinations: u32,
    /// Legal connections (arriving leg, departing leg) at the airport whose first leg departs
    /// in the week.
    pub connections: u64,
    /// Distinct O&D markets those connections serve.
    pub connecting_markets: u32,
}

/// Ranks airports by legal connections, then weekly seats, then code.
///
/// # Arguments
/// * `net`: a network whose window covers the week and the following `max_connect`.
/// * `start`: first day of the week.
/// * `rules`: connection rules (MCT, maximum connect time, interline).
/// * `top`: how many airports to return (those with no departures are never returned).
///
/// # Complexity
/// O(L + C) for L legs in the week and C connections examined.
pub fn rank_hubs(net: &Network, start: Day, rules: &ConnectionRules, top: usize) -> Vec<HubStats> {
    let n = net.data().airports.len();
    let mut deps = vec![0u32; n];
    let mut seats = vec![0u64; n];
    let mut dests: Vec<BTreeSet<AirportId>> = vec![BTreeSet::new(); n];
    let mut conns = vec![0u64; n];
    let mut markets: Vec<BTreeSet<(AirportId, AirportId)>> = vec![BTreeSet::new(); n];
    for l in super::week_legs(net, start) {
        let leg = net.leg(l);
        let o = leg.origin.index();
        deps[o] += 1;
        seats[o] += leg.seats as u64;
        dests[o].insert(leg.destination);
    }
    let index = DepartureIndex::new(net);
    for_each_connection(net, &index, rules, super::week_legs(net, start), |a, b| {
        let (a, b) = (net.leg(a), net.leg(b));
        let h = a.destination.index();
        conns[h] += 1;
        markets[h].insert((a.origin, b.destination));
    });
    let mut out: Vec<HubStats> = (0..n)
        .filter(|&i| deps[i] > 0)
        .map(|i| HubStats {
            airport: net.data().airports[i].iata.clone(),
            weekly_departures: deps[i],
            weekly_seats: seats[i],
            destinations: dests[i].len() as u32,
            connections: conns[i],
            connecting_markets: markets[i].len() as u32,
        })
        .collect();
    out.sort_by(|a, b| {
        b.connections
            .cmp(&a.connections)
            .then(b.weekly_seats.cmp(&a.weekly_seats))
            .then(a.airport.cmp(&b.airport))
    });
    out.truncate(top);
    out
}
