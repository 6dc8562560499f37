//! The route network: airports as petgraph nodes, routes (airline, origin, destination) as
//! edges, and dated legs in UTC kept in sorted vectors that point at their route.
//!
//! Build it in two steps, like the rest of the pipeline: [`crate::input`] loads and validates
//! the tables into a [`NetworkData`]; [`Network::build`] expands the patterns over a date window
//! into [`Leg`]s and assembles the graph.

mod airline;
mod airport;
mod basis;
pub mod checks;
mod data;
mod demand;
mod economics;
mod legs;
mod pattern;

use crate::id::Idx;
use std::collections::BTreeMap;
use std::sync::Arc;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::Serialize;

pub use airline::{AircraftType, Airline, AirlineId, FleetId};
pub use airport::{Airport, AirportId, Mct, Status};
pub use basis::{Basis, Provenance};
pub use data::NetworkData;
pub use demand::BaseDemand;
pub use economics::{AircraftCost, Economics, Fare, Restrictions};
pub use legs::{Leg, LegId};
pub use pattern::{FlightPattern, PatternId, Terminal};

crate::impl_idx!(
    AirportId => u16,
    AirlineId => u16,
    FleetId => u16,
    PatternId => u32,
    LegId => u32,
    RouteId => u32,
);

use crate::geo::great_circle_km;
use crate::time::{DateRange, Day};

/// Index of a route: the edge index in [`Network::graph`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RouteId(pub u32);

impl RouteId {
    /// The petgraph edge index of the route.
    pub fn edge(self) -> EdgeIndex {
        EdgeIndex::new(self.index())
    }
}

/// A route: one airline flying from one airport to another (a directed graph edge).
#[derive(Clone, Debug, Serialize)]
pub struct Route {
    /// Operating airline.
    pub airline: AirlineId,
    /// Departure airport.
    pub origin: AirportId,
    /// Arrival airport.
    pub destination: AirportId,
    /// Great-circle distance in kilometres.
    pub distance_km: f64,
}

/// A route's service in one week.
#[derive(Clone, Debug, Serialize)]
pub struct RouteWeek {
    /// The route.
    pub route: RouteId,
    /// Operating airline.
    pub airline: AirlineId,
    /// Departure airport.
    pub origin: AirportId,
    /// Arrival airport.
    pub destination: AirportId,
    /// Great-circle distance in kilometres.
    pub distance_km: f64,
    /// Median scheduled block time of the week's legs, in minutes.
    pub block_minutes: i64,
    /// Legs departing in the week.
    pub weekly_flights: u32,
    /// Seats on those legs.
    pub weekly_seats: u64,
}

/// The built network for a date window.
#[derive(Clone, Debug)]
pub struct Network {
    data: Arc<NetworkData>,
    /// Airports (node `i` holds `AirportId(i)`) and routes (edge `k` is `RouteId(k)`).
    /// Every route that appears anywhere in the schedule is an edge, whatever the window.
    pub graph: DiGraph<AirportId, Route, u32>,
    route_index: BTreeMap<(AirlineId, AirportId, AirportId), RouteId>,
    /// Dated legs departing (local date at origin) in the window, sorted by UTC departure.
    pub legs: Vec<Leg>,
    /// For each route, its legs in departure order.
    pub route_legs: Vec<Vec<LegId>>,
    /// The departure-date window the legs were expanded over.
    pub window: DateRange,
}

impl Network {
    /// Builds the graph and expands every pattern into dated legs over `window`.
    ///
    /// # Arguments
    /// * `data`: validated network tables.
    /// * `window`: departure local dates to expand (inclusive).
    ///
    /// # Returns
    /// The network; legs are sorted by UTC departure (ties by arrival, airline, flight, origin)
    /// so the order never depends on the file order.
    ///
    /// # Complexity
    /// O(P·D + L log L) for P patterns, D days in the window and L legs.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::{input, network::Network, time::{DateRange, Day}};
    /// let data = input::load(&input::NetworkSources::builtin()).unwrap();
    /// let week = DateRange::new(Day::parse("2023-10-15").unwrap(), Day::parse("2023-10-21").unwrap()).unwrap();
    /// let net = Network::build(data.into(), week);
    /// assert!(net.legs.windows(2).all(|w| w[0].dep <= w[1].dep));
    /// ```
    pub fn build(data: Arc<NetworkData>, window: DateRange) -> Network {
        let mut graph = DiGraph::with_capacity(data.airports.len(), data.patterns.len());
        for i in 0..data.airports.len() {
            graph.add_node(AirportId(i as u16));
        }
        let mut route_index = BTreeMap::new();
        // Routes in a canonical order (airline, origin, destination) so ids are stable.
        let mut keys: Vec<(AirlineId, AirportId, AirportId)> = data
            .patterns
            .iter()
            .map(|p| (p.airline, p.origin, p.destination))
            .collect();
        keys.sort_by(|a, b| {
            let code = |k: &(AirlineId, AirportId, AirportId)| {
                (
                    data.airline(k.0).code.clone(),
                    data.airport(k.1).iata.clone(),
                    data.airport(k.2).iata.clone(),
                )
            };
            code(a).cmp(&code(b))
        });
        keys.dedup();
        for (airline, o, d) in keys {
            let (ao, ad) = (data.airport(o), data.airport(d));
            let e = graph.add_edge(
                NodeIndex::new(o.index()),
                NodeIndex::new(d.index()),
                Route {
                    airline,
                    origin: o,
                    destination: d,
                    distance_km: great_circle_km(ao.lat, ao.lon, ad.lat, ad.lon),
                },
            );
            route_index.insert((airline, o, d), RouteId(e.index() as u32));
        }
        let legs = legs::expand(&data, &route_index, window);
        let mut route_legs = vec![Vec::new(); graph.edge_count()];
        for (i, leg) in legs.iter().enumerate() {
            route_legs[leg.route.index()].push(LegId(i as u32));
        }
        Network {
            data,
            graph,
            route_index,
            legs,
            route_legs,
            window,
        }
    }

    /// The validated tables behind the network.
    pub fn data(&self) -> &NetworkData {
        &self.data
    }

    /// A shared handle on the tables.
    pub fn data_arc(&self) -> Arc<NetworkData> {
        Arc::clone(&self.data)
    }

    /// A route by id.
    pub fn route(&self, id: RouteId) -> &Route {
        &self.graph[id.edge()]
    }

    /// The route of an airline between two airports, if it is in the schedule.
    pub fn route_id(&self, airline: AirlineId, o: AirportId, d: AirportId) -> Option<RouteId> {
        self.route_index.get(&(airline, o, d)).copied()
    }

    /// Number of routes (graph edges).
    pub fn route_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// A leg by id.
    pub fn leg(&self, id: LegId) -> &Leg {
        &self.legs[id.index()]
    }

    /// The routes flown in the week starting at `start` (seven departure dates), with their
    /// weekly flights, seats and median block time, in route-id order.
    ///
    /// # Complexity
    /// O(L) over the legs of the window plus a sort of each active route's block times.
    pub fn week(&self, start: Day) -> Vec<RouteWeek> {
        let week = DateRange::new(start, start.plus_days(6)).expect("a week is a valid range");
        let mut out = Vec::new();
        for (r, legs) in self.route_legs.iter().enumerate() {
            let mut blocks = Vec::new();
            let mut seats = 0u64;
            for &l in legs {
                let leg = self.leg(l);
                if week.contains(leg.day) {
                    blocks.push(leg.arr.0 - leg.dep.0);
                    seats += leg.seats as u64;
                }
            }
            if blocks.is_empty() {
                continue;
            }
            blocks.sort_unstable();
            let route = &self.graph[EdgeIndex::new(r)];
            out.push(RouteWeek {
                route: RouteId(r as u32),
                airline: route.airline,
                origin: route.origin,
                destination: route.destination,
                distance_km: route.distance_km,
                block_minutes: blocks[blocks.len() / 2],
                weekly_flights: blocks.len() as u32,
                weekly_seats: seats,
            });
        }
        out
    }

    /// The graph of the routes flown in the week starting at `start`: all airports as nodes
    /// (node `i` is `AirportId(i)`), one edge per active route carrying its [`RouteWeek`].
    pub fn graph_on(&self, start: Day) -> DiGraph<AirportId, RouteWeek, u32> {
        let mut g = DiGraph::with_capacity(self.graph.node_count(), self.graph.edge_count());
        for n in self.graph.node_indices() {
            g.add_node(self.graph[n]);
        }
        for w in self.week(start) {
            g.add_edge(
                NodeIndex::new(w.origin.index()),
                NodeIndex::new(w.destination.index()),
                w,
            );
        }
        g
    }
}
