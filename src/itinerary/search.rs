//! Dated itinerary search over a market's paths.

use super::paths::Path;
use crate::network::{LegId, Network};
use crate::time::{Day, UtcMinute};

/// A dated itinerary: one leg, or two legs connecting at a hub.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Itinerary {
    /// The first leg.
    pub first: LegId,
    /// The second leg, for a connection.
    pub second: Option<LegId>,
    /// Scheduled departure of the first leg.
    pub dep: UtcMinute,
    /// Scheduled arrival of the last leg.
    pub arr: UtcMinute,
    /// Whether the legs are flown by different airlines.
    pub interline: bool,
}

impl Itinerary {
    /// Elapsed time in minutes from first departure to last arrival.
    pub fn elapsed(&self) -> i64 {
        self.arr.0 - self.dep.0
    }

    /// Number of connections (0 or 1).
    pub fn stops(&self) -> u32 {
        self.second.is_some() as u32
    }
}

/// The legs of a route whose departure local date is `day`.
pub fn route_day<'a>(net: &'a Network, route_legs: &'a [LegId], day: Day) -> &'a [LegId] {
    let lo = route_legs.partition_point(|&l| net.leg(l).day < day);
    let hi = lo + route_legs[lo..].partition_point(|&l| net.leg(l).day <= day);
    &route_legs[lo..hi]
}

/// The legs of a route departing at or after `from` and at or before `to`.
pub fn route_between<'a>(
    net: &'a Network,
    route_legs: &'a [LegId],
    from: UtcMinute,
    to: UtcMinute,
) -> &'a [LegId] {
    let lo = route_legs.partition_point(|&l| net.leg(l).dep < from);
    let hi = lo + route_legs[lo..].partition_point(|&l| net.leg(l).dep <= to);
    &route_legs[lo..hi]
}

/// Appends to `out` every itinerary of `paths` whose first leg departs on local date `day`, no
/// earlier than `earliest`, and whose legs all pass `open` (e.g. "has a free seat").
///
/// Connections honour the path's MCT and `max_connect` on scheduled times.
///
/// # Complexity
/// O(P log L + I) for P paths, L legs per route and I itineraries found.
pub fn itineraries_on_day(
    net: &Network,
    paths: &[Path],
    day: Day,
    earliest: UtcMinute,
    max_connect: u32,
    mut open: impl FnMut(LegId) -> bool,
    out: &mut Vec<Itinerary>,
) {
    for p in paths {
        match *p {
            Path::Nonstop { route } => {
                for &l in route_day(net, &net.route_legs[route.0 as usize], day) {
                    let leg = net.leg(l);
                    if leg.dep >= earliest && open(l) {
                        out.push(Itinerary {
                            first: l,
                            second: None,
                            dep: leg.dep,
                            arr: leg.arr,
                            interline: false,
                        });
                    }
                }
            }
            Path::Connect {
                first,
                second,
                mct,
                interline,
            } => {
                let seconds = &net.route_legs[second.0 as usize];
                for &l1 in route_day(net, &net.route_legs[first.0 as usize], day) {
                    let a = net.leg(l1);
                    if a.dep < earliest || !open(l1) {
                        continue;
                    }
                    let window = route_between(
                        net,
                        seconds,
                        a.arr.plus(mct as i64),
                        a.arr.plus(max_connect as i64),
                    );
                    for &l2 in window {
                        if open(l2) {
                            out.push(Itinerary {
                                first: l1,
                                second: Some(l2),
                                dep: a.dep,
                                arr: net.leg(l2).arr,
                                interline,
                            });
                        }
                    }
                }
            }
        }
    }
}

/// The itinerary of `paths` departing in `[from, to]` that arrives first (ties: fewer legs,
/// then earlier departure, then lower leg ids), among those whose legs pass `open`.
///
/// Used to re-accommodate misconnected and cancelled passengers.
pub fn earliest_arrival(
    net: &Network,
    paths: &[Path],
    from: UtcMinute,
    to: UtcMinute,
    max_connect: u32,
    mut open: impl FnMut(LegId) -> bool,
) -> Option<Itinerary> {
    let mut best: Option<Itinerary> = None;
    let mut consider = |it: Itinerary| {
        let key = |i: &Itinerary| (i.arr, i.stops(), i.dep, i.first, i.second);
        if best.as_ref().is_none_or(|b| key(&it) < key(b)) {
            best = Some(it);
        }
    };
    for p in paths {
        match *p {
            Path::Nonstop { route } => {
                for &l in route_between(net, &net.route_legs[route.0 as usize], from, to) {
                    if open(l) {
                        let leg = net.leg(l);
                        consider(Itinerary {
                            first: l,
                            second: None,
                            dep: leg.dep,
                            arr: leg.arr,
                            interline: false,
                        });
                    }
                }
            }
            Path::Connect {
                first,
                second,
                mct,
                interline,
            } => {
                let seconds = &net.route_legs[second.0 as usize];
                for &l1 in route_between(net, &net.route_legs[first.0 as usize], from, to) {
                    if !open(l1) {
                        continue;
                    }
                    let a = net.leg(l1);
                    for &l2 in route_between(
                        net,
                        seconds,
                        a.arr.plus(mct as i64),
                        a.arr.plus(max_connect as i64),
                    ) {
                        if open(l2) {
                            consider(Itinerary {
                                first: l1,
                                second: Some(l2),
                                dep: a.dep,
                                arr: net.leg(l2).arr,
                                interline,
                            });
                            break; // later seconds arrive later on the same route
                        }
                    }
                }
            }
        }
    }
    best
}
