//! Route-level paths for a market: nonstop routes and one-connection route pairs.

use flightnet_data::id::Idx;
use serde::Serialize;

use flightnet_data::config::ConnectionRules;
use flightnet_data::network::{AirportId, Network, RouteId};

/// A way to fly a market at route level (no dates yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Path {
    /// One route from origin to destination.
    Nonstop {
        /// The route.
        route: RouteId,
    },
    /// Two routes connecting at a hub.
    Connect {
        /// Origin → hub.
        first: RouteId,
        /// Hub → destination.
        second: RouteId,
        /// The MCT at the hub for this pair of statuses (minutes).
        mct: u16,
        /// Whether the two routes are flown by different airlines.
        interline: bool,
    },
}

/// Every nonstop route and every permitted one-connection route pair from `o` to `d` (airlines
/// allowed to combine, routing direct enough).
///
/// # Arguments
/// * `net`: the network (its graph holds every route in the schedule).
/// * `rules`: interline permission and MCTs.
/// * `o`, `d`: the market.
///
/// # Returns
/// Paths in a canonical order: nonstops by route id, then connections by (first, second).
///
/// # Complexity
/// O(deg(o) · deg(hub)) over the out-edges of the origin and of each hub.
pub fn paths_between(
    net: &Network,
    rules: &ConnectionRules,
    o: AirportId,
    d: AirportId,
) -> Vec<Path> {
    use petgraph::graph::NodeIndex;
    use petgraph::visit::EdgeRef;
    let g = &net.graph;
    let mut out = Vec::new();
    let mut firsts: Vec<_> = g.edges(NodeIndex::new(o.index())).collect();
    firsts.sort_by_key(|e| e.id());
    for e1 in firsts {
        let r1 = RouteId(e1.id().index() as u32);
        let h = *g.node_weight(e1.target()).expect("node");
        if h == d {
            out.push(Path::Nonstop { route: r1 });
            continue;
        }
        let a1 = e1.weight().airline;
        if !rules.direct_enough(net.data(), o, h, d) {
            continue;
        }
        let mut seconds: Vec<_> = g
            .edges(e1.target())
            .filter(|e2| *g.node_weight(e2.target()).expect("node") == d)
            .filter(|e2| rules.allows(a1, e2.weight().airline))
            .collect();
        seconds.sort_by_key(|e| e.id());
        for e2 in seconds {
            out.push(Path::Connect {
                first: r1,
                second: RouteId(e2.id().index() as u32),
                mct: rules.mct(net.data(), h, o, d),
                interline: a1 != e2.weight().airline,
            });
        }
    }
    out.sort_by_key(|p| match *p {
        Path::Nonstop { route } => (0, route.0, 0),
        Path::Connect { first, second, .. } => (1, first.0, second.0),
    });
    out
}
