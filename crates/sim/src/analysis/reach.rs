//! O&D reachability: pairs served nonstop, with one MCT-feasible connection and (when the
//! rules allow) with two.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::itinerary::{DepartureIndex, for_each_connection};
use flightnet_data::config::ConnectionRules;
use flightnet_data::network::{AirportId, Network};
use flightnet_data::time::Day;

/// How one O&D pair is served in the week.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct OdService {
    /// Origin IATA code.
    pub origin: String,
    /// Destination IATA code.
    pub destination: String,
    /// Nonstop legs in the week.
    pub nonstop_flights: u32,
    /// Legal one-connection itineraries whose first leg departs in the week.
    pub connections: u32,
    /// Departures in the week with an itinerary of two connections (0 unless the rules allow
    /// two stops; see [`Reachability::add_two_stops`]).
    pub two_connections: u32,
}

/// Reachability summary.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Reachability {
    /// Pairs with at least one nonstop flight.
    pub nonstop_pairs: usize,
    /// Pairs with at least one legal one-connection itinerary.
    pub one_connection_pairs: usize,
    /// Pairs reachable only with a connection.
    pub connection_only_pairs: usize,
    /// Pairs with an itinerary of two connections (0 unless the rules allow two stops).
    pub two_connection_pairs: usize,
    /// Pairs reachable only with two connections.
    pub two_connection_only_pairs: usize,
    /// Pairs reachable in any of these ways.
    pub reachable_pairs: usize,
    /// Every reachable pair, sorted by origin then destination.
    pub pairs: Vec<OdService>,
}

/// Finds the O&D pairs reachable nonstop and with one connection in the week starting at
/// `start`.
///
/// # Complexity
/// O(L + C) for L legs in the week and C connections examined.
pub fn reachability(net: &Network, start: Day, rules: &ConnectionRules) -> Reachability {
    let mut acc: BTreeMap<(AirportId, AirportId), (u32, u32)> = BTreeMap::new();
    for l in super::week_legs(net, start) {
        let leg = net.leg(l);
        acc.entry((leg.origin, leg.destination)).or_default().0 += 1;
    }
    let index = DepartureIndex::new(net);
    for_each_connection(net, &index, rules, super::week_legs(net, start), |a, b| {
        acc.entry((net.leg(a).origin, net.leg(b).destination))
            .or_default()
            .1 += 1;
    });
    let data = net.data();
    let mut pairs: Vec<OdService> = acc
        .iter()
        .map(|(&(o, d), &(n, c))| OdService {
            origin: data.airport(o).iata.clone(),
            destination: data.airport(d).iata.clone(),
            nonstop_flights: n,
            connections: c,
            two_connections: 0,
        })
        .collect();
    pairs.sort_by(|a, b| (&a.origin, &a.destination).cmp(&(&b.origin, &b.destination)));
    Reachability {
        nonstop_pairs: pairs.iter().filter(|p| p.nonstop_flights > 0).count(),
        one_connection_pairs: pairs.iter().filter(|p| p.connections > 0).count(),
        connection_only_pairs: pairs
            .iter()
            .filter(|p| p.nonstop_flights == 0 && p.connections > 0)
            .count(),
        two_connection_pairs: 0,
        two_connection_only_pairs: 0,
        reachable_pairs: pairs.len(),
        pairs,
    }
}

impl Reachability {
    /// Adds the pairs served with two connections, from the connectivity report's markets
    /// (departures with a two-connection itinerary).
    pub fn add_two_stops(&mut self, markets: &[super::connectivity::OdQuality]) {
        let mut by_pair: BTreeMap<(String, String), usize> = self
            .pairs
            .iter()
            .enumerate()
            .map(|(i, p)| ((p.origin.clone(), p.destination.clone()), i))
            .collect();
        for m in markets.iter().filter(|m| m.two_stop > 0) {
            let key = (m.origin.clone(), m.destination.clone());
            let i = *by_pair.entry(key).or_insert_with(|| {
                self.pairs.push(OdService {
                    origin: m.origin.clone(),
                    destination: m.destination.clone(),
                    nonstop_flights: 0,
                    connections: 0,
                    two_connections: 0,
                });
                self.pairs.len() - 1
            });
            self.pairs[i].two_connections = m.two_stop;
        }
        self.pairs
            .sort_by(|a, b| (&a.origin, &a.destination).cmp(&(&b.origin, &b.destination)));
        self.two_connection_pairs = self.pairs.iter().filter(|p| p.two_connections > 0).count();
        self.two_connection_only_pairs = self
            .pairs
            .iter()
            .filter(|p| p.nonstop_flights == 0 && p.connections == 0 && p.two_connections > 0)
            .count();
        self.reachable_pairs = self.pairs.len();
    }
}
