//! Critical airports and routes: articulation points and bridges of the undirected graph of
//! airport pairs with service in the week.

use std::collections::BTreeSet;

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use flightnet_data::network::Network;
use flightnet_data::time::Day;

/// Airports and airport pairs whose loss disconnects the network.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Critical {
    /// Airports whose removal splits the served network (articulation points), by code.
    pub airports: Vec<String>,
    /// Airport pairs whose removal splits it (bridges), each pair sorted, by code.
    pub routes: Vec<(String, String)>,
}

/// Finds articulation points and bridges of the network flown in the week starting at `start`,
/// treating routes as undirected and merging airlines.
///
/// # Complexity
/// O(V + E) (petgraph's Tarjan-style DFS algorithms).
pub fn critical(net: &Network, start: Day) -> Critical {
    let data = net.data();
    let pairs: BTreeSet<(u16, u16)> = net
        .week(start)
        .iter()
        .map(|w| {
            let (a, b) = (w.origin.0, w.destination.0);
            (a.min(b), a.max(b))
        })
        .collect();
    let mut g: UnGraph<u16, ()> = UnGraph::with_capacity(data.airports.len(), pairs.len());
    for i in 0..data.airports.len() {
        g.add_node(i as u16);
    }
    for &(a, b) in &pairs {
        g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
    }
    let code = |n: NodeIndex| data.airports[g[n] as usize].iata.clone();
    let mut airports: Vec<String> = petgraph::algo::articulation_points::articulation_points(&g)
        .into_iter()
        .map(code)
        .collect();
    airports.sort();
    let mut routes: Vec<(String, String)> = petgraph::algo::bridges::bridges(&g)
        .map(|e| {
            let (a, b) = (code(e.source()), code(e.target()));
            if a <= b { (a, b) } else { (b, a) }
        })
        .collect();
    routes.sort();
    Critical { airports, routes }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::UnGraph;

    #[test]
    fn star_centre_is_articulation_and_every_spoke_a_bridge() {
        // Sanity check of the petgraph algorithms on a hub with three spokes plus a triangle.
        let mut g: UnGraph<(), ()> = UnGraph::new_undirected();
        let n: Vec<_> = (0..5).map(|_| g.add_node(())).collect();
        g.add_edge(n[0], n[1], ());
        g.add_edge(n[0], n[2], ());
        g.add_edge(n[0], n[3], ());
        g.add_edge(n[3], n[4], ());
        g.add_edge(n[4], n[0], ());
        let ap = petgraph::algo::articulation_points::articulation_points(&g);
        assert_eq!(ap.len(), 1);
        assert!(ap.contains(&n[0]));
        assert_eq!(petgraph::algo::bridges::bridges(&g).count(), 2);
    }
}
