//! Route-level paths for a market: nonstop routes, one-connection route pairs and, when the
//! rules allow two stops, two-connection route triples.

use flightnet_data::id::Idx;
use serde::Serialize;

use flightnet_data::config::{ConnectionRules, RouteConnection};
use flightnet_data::network::{AirlineId, AirportId, Network, RouteId};

/// How the connections at one point of a path get their MCT.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MctRule {
    /// The path's MCT holds for every pair of legs.
    Fixed,
    /// MCT records may apply to some pairs of legs (by flight number, terminal, aircraft or
    /// date): each pair is looked up ([`super::Timetable::connection_mct`]); the path's MCT
    /// applies when none does. `standards`: whether the records' station standards count.
    PerLeg {
        /// Whether the MCT table's station standards take part.
        standards: bool,
    },
}

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
        /// The MCT at the hub for this pair of routes (minutes).
        mct: u16,
        /// Whether the two routes are flown by different airlines.
        interline: bool,
        /// Whether `mct` holds for every leg pair or MCT records decide leg by leg.
        rule: MctRule,
    },
    /// Three routes connecting at two hubs.
    TwoStop {
        /// Origin → first hub.
        first: RouteId,
        /// First hub → second hub.
        second: RouteId,
        /// Second hub → destination.
        third: RouteId,
        /// The MCT at each hub.
        mct: [u16; 2],
        /// Whether each connection is between different airlines.
        interline: [bool; 2],
        /// How each connection's MCT is decided.
        rule: [MctRule; 2],
    },
}

impl Path {
    /// The order paths are listed in: nonstop first, then by stops, then by routes.
    fn order(&self) -> (u8, u32, u32, u32) {
        match *self {
            Path::Nonstop { route } => (0, route.0, 0, 0),
            Path::Connect { first, second, .. } => (1, first.0, second.0, 0),
            Path::TwoStop {
                first,
                second,
                third,
                ..
            } => (2, first.0, second.0, third.0),
        }
    }

    /// Number of connections (0, 1 or 2).
    pub fn stops(&self) -> u32 {
        match self {
            Path::Nonstop { .. } => 0,
            Path::Connect { .. } => 1,
            Path::TwoStop { .. } => 2,
        }
    }

    /// The routes flown, in order.
    pub fn routes(&self) -> Vec<RouteId> {
        match *self {
            Path::Nonstop { route } => vec![route],
            Path::Connect { first, second, .. } => vec![first, second],
            Path::TwoStop {
                first,
                second,
                third,
                ..
            } => vec![first, second, third],
        }
    }
}

/// The MCT and rule of a connection, or `None` when it is suppressed.
fn connection(
    net: &Network,
    rules: &ConnectionRules,
    a: (AirlineId, AirportId),
    hub: AirportId,
    b: (AirlineId, AirportId),
) -> Option<(u16, MctRule)> {
    match rules.route_mct(net.data(), a, hub, b) {
        RouteConnection::Fixed(m) => Some((m, MctRule::Fixed)),
        RouteConnection::Suppressed => None,
        RouteConnection::PerLeg {
            standard,
            standards,
        } => Some((standard, MctRule::PerLeg { standards })),
    }
}

/// Every nonstop route, every permitted one-connection route pair and, when
/// `rules.max_stops` is 2, every permitted two-connection route triple from `o` to `d`.
///
/// A connection joins airlines allowed to combine, is not suppressed by an MCT record, and
/// never returns to an airport already visited; the whole routing is direct enough: its
/// great-circle length at most `max_circuity` times the `o → d` distance (for two stops this
/// is checked on the partial path `o → h1 → d` first, a lower bound of the full length).
///
/// # Arguments
/// * `net`: the network (its graph holds every route in the schedule).
/// * `rules`: interline permission, MCTs, circuity and the number of stops.
/// * `o`, `d`: the market.
///
/// # Returns
/// Paths in a canonical order: nonstops by route id, then connections by (first, second),
/// then two-stop paths by (first, second, third).
///
/// # Complexity
/// O(deg(o) · deg(h1) · deg(h2)) over the out-edges of the origin and the hubs.
pub fn paths_between(
    net: &Network,
    rules: &ConnectionRules,
    o: AirportId,
    d: AirportId,
) -> Vec<Path> {
    use petgraph::graph::NodeIndex;
    use petgraph::visit::EdgeRef;
    let g = &net.graph;
    let data = net.data();
    let mut out = Vec::new();
    let mut firsts: Vec<_> = g.edges(NodeIndex::new(o.index())).collect();
    firsts.sort_by_key(|e| e.id());
    let km = |a: AirportId, b: AirportId| {
        let (x, y) = (data.airport(a), data.airport(b));
        flightnet_data::geo::great_circle_km(x.lat, x.lon, y.lat, y.lon)
    };
    let limit = rules.max_circuity * km(o, d);
    for e1 in firsts {
        let r1 = RouteId(e1.id().index() as u32);
        let h = *g.node_weight(e1.target()).expect("node");
        if h == d {
            out.push(Path::Nonstop { route: r1 });
            continue;
        }
        let a1 = e1.weight().airline;
        if !rules.direct_enough(data, o, h, d) {
            continue;
        }
        let mut seconds: Vec<_> = g
            .edges(e1.target())
            .filter(|e2| *g.node_weight(e2.target()).expect("node") == d)
            .filter(|e2| rules.allows(a1, e2.weight().airline))
            .collect();
        seconds.sort_by_key(|e| e.id());
        for e2 in seconds {
            let a2 = e2.weight().airline;
            let Some((mct, rule)) = connection(net, rules, (a1, o), h, (a2, d)) else {
                continue;
            };
            out.push(Path::Connect {
                first: r1,
                second: RouteId(e2.id().index() as u32),
                mct,
                interline: a1 != a2,
                rule,
            });
        }
        if rules.max_stops < 2 {
            continue;
        }
        let mut mids: Vec<_> = g
            .edges(e1.target())
            .filter(|e2| {
                let h2 = *g.node_weight(e2.target()).expect("node");
                h2 != d && h2 != o && rules.allows(a1, e2.weight().airline)
            })
            .collect();
        mids.sort_by_key(|e| e.id());
        for e2 in mids {
            let h2 = *g.node_weight(e2.target()).expect("node");
            let a2 = e2.weight().airline;
            if km(o, h) + km(h, h2) + km(h2, d) > limit {
                continue;
            }
            let Some(c1) = connection(net, rules, (a1, o), h, (a2, h2)) else {
                continue;
            };
            let mut thirds: Vec<_> = g
                .edges(e2.target())
                .filter(|e3| *g.node_weight(e3.target()).expect("node") == d)
                .filter(|e3| rules.allows(a2, e3.weight().airline))
                .collect();
            thirds.sort_by_key(|e| e.id());
            for e3 in thirds {
                let a3 = e3.weight().airline;
                let Some(c2) = connection(net, rules, (a2, h), h2, (a3, d)) else {
                    continue;
                };
                out.push(Path::TwoStop {
                    first: r1,
                    second: RouteId(e2.id().index() as u32),
                    third: RouteId(e3.id().index() as u32),
                    mct: [c1.0, c2.0],
                    interline: [a1 != a2, a2 != a3],
                    rule: [c1.1, c2.1],
                });
            }
        }
    }
    out.sort_by_key(Path::order);
    out
}

/// The paths of every market from `o`: for each destination reachable from `o` with at most
/// `rules.max_stops` connections, exactly what [`paths_between`] gives for it (same paths,
/// same order), found in one walk of the graph from `o`.
///
/// # Complexity
/// O(deg(o) · deg(h1) · deg(h2)) over the out-edges of the origin and the hubs.
pub fn paths_from(
    net: &Network,
    rules: &ConnectionRules,
    o: AirportId,
) -> std::collections::BTreeMap<AirportId, Vec<Path>> {
    use petgraph::graph::NodeIndex;
    use petgraph::visit::EdgeRef;
    let g = &net.graph;
    let data = net.data();
    let mut out: std::collections::BTreeMap<AirportId, Vec<Path>> = Default::default();
    let km = |a: AirportId, b: AirportId| {
        let (x, y) = (data.airport(a), data.airport(b));
        flightnet_data::geo::great_circle_km(x.lat, x.lon, y.lat, y.lon)
    };
    let node = |n: NodeIndex<u32>| *g.node_weight(n).expect("node");
    for e1 in g.edges(NodeIndex::new(o.index())) {
        let r1 = RouteId(e1.id().index() as u32);
        let h = node(e1.target());
        let a1 = e1.weight().airline;
        out.entry(h).or_default().push(Path::Nonstop { route: r1 });
        for e2 in g.edges(e1.target()) {
            let h2 = node(e2.target());
            let a2 = e2.weight().airline;
            if h2 == o || !rules.allows(a1, a2) {
                continue;
            }
            if rules.direct_enough(data, o, h, h2)
                && let Some((mct, rule)) = connection(net, rules, (a1, o), h, (a2, h2))
            {
                out.entry(h2).or_default().push(Path::Connect {
                    first: r1,
                    second: RouteId(e2.id().index() as u32),
                    mct,
                    interline: a1 != a2,
                    rule,
                });
            }
            if rules.max_stops < 2 {
                continue;
            }
            let mut c1 = None;
            for e3 in g.edges(e2.target()) {
                let d = node(e3.target());
                let a3 = e3.weight().airline;
                if d == o || d == h || !rules.allows(a2, a3) {
                    continue;
                }
                if !rules.direct_enough(data, o, h, d)
                    || km(o, h) + km(h, h2) + km(h2, d) > rules.max_circuity * km(o, d)
                {
                    continue;
                }
                let Some(first) =
                    *c1.get_or_insert_with(|| connection(net, rules, (a1, o), h, (a2, h2)))
                else {
                    break;
                };
                let Some(second) = connection(net, rules, (a2, h), h2, (a3, d)) else {
                    continue;
                };
                out.entry(d).or_default().push(Path::TwoStop {
                    first: r1,
                    second: RouteId(e2.id().index() as u32),
                    third: RouteId(e3.id().index() as u32),
                    mct: [first.0, second.0],
                    interline: [a1 != a2, a2 != a3],
                    rule: [first.1, second.1],
                });
            }
        }
    }
    out.remove(&o);
    for paths in out.values_mut() {
        paths.sort_by_key(Path::order);
    }
    out
}
