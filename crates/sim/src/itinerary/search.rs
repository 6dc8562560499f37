//! Dated itinerary search over a market's paths.

use super::paths::{MctRule, Path};
use super::timetable::Timetable;
use flightnet_data::network::LegId;
use flightnet_data::time::{Day, UtcMinute};

/// A dated itinerary: one leg, or two or three legs connecting at hubs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Itinerary {
    /// The first leg.
    pub first: LegId,
    /// The second leg, for a connection.
    pub second: Option<LegId>,
    /// The third leg, for an itinerary with two connections (only with `second`).
    pub third: Option<LegId>,
    /// Scheduled departure of the first leg.
    pub dep: UtcMinute,
    /// Scheduled arrival of the last leg.
    pub arr: UtcMinute,
    /// Whether the legs are flown by more than one airline.
    pub interline: bool,
}

impl Itinerary {
    /// Elapsed time in minutes from first departure to last arrival.
    pub fn elapsed(&self) -> i64 {
        self.arr.0 - self.dep.0
    }

    /// Number of connections (0, 1 or 2).
    pub fn stops(&self) -> u32 {
        self.second.is_some() as u32 + self.third.is_some() as u32
    }

    /// The legs, in order.
    pub fn legs(&self) -> impl Iterator<Item = LegId> {
        std::iter::once(self.first)
            .chain(self.second)
            .chain(self.third)
    }
}

/// One connection point of a path: its MCT, whether it joins two airlines, how the MCT is
/// decided.
#[derive(Clone, Copy, Debug)]
struct Conn {
    mct: u16,
    interline: bool,
    rule: MctRule,
}

/// Whether a connection from position `i` to `j` is legal on scheduled times: at least the MCT,
/// or (same airline, same flight number, within a day) the second leg continues the same flight
/// and passengers stay on board. Positions come from one path, so the airports already match.
#[inline]
fn legal(tt: &Timetable, i: usize, j: usize, c: Conn) -> bool {
    let gap = tt.dep(j).0 - tt.arr(i).0;
    let through = || !c.interline && (0..=24 * 60).contains(&gap) && tt.flight(i) == tt.flight(j);
    match c.rule {
        MctRule::Fixed => gap >= c.mct as i64 || through(),
        MctRule::PerLeg { standards } => {
            through()
                || tt
                    .connection_mct(i, j, c.mct, standards)
                    .is_some_and(|m| gap >= m as i64)
        }
    }
}

/// The legal onward positions on `route` from position `i`: departing within `max_connect` of
/// its arrival, passing [`legal`].
#[inline]
fn onward(
    tt: &Timetable,
    route: flightnet_data::network::RouteId,
    i: usize,
    max_connect: u32,
    c: Conn,
) -> impl Iterator<Item = usize> + '_ {
    let a = tt.arr(i).0;
    tt.between(route, a, a + max_connect as i64)
        .filter(move |&j| legal(tt, i, j, c))
}

/// Whether `path` has at least one itinerary anywhere in the timetable's window (ignoring
/// seats and booking deadlines).
///
/// A path without one can never give an itinerary, so dropping it changes no search result;
/// the simulation drops such paths once, before it runs, so that searches skip them.
///
/// # Complexity
/// O(L log L) for L legs per route in the worst case (a path that never connects); a live path
/// usually answers at its first legs.
///
/// # Example
/// ```
/// use flightnet_data::config::ConnectionRules;
/// use flightnet_sim::itinerary::{Timetable, has_itinerary, paths_between};
/// use flightnet_data::{input, network::Network, time::{DateRange, Day}};
/// let data = input::load(&input::NetworkSources::builtin()).unwrap();
/// let week = DateRange::new(Day::parse("2023-10-15").unwrap(), Day::parse("2023-10-21").unwrap()).unwrap();
/// let net = Network::build(data.into(), week);
/// let data = net.data();
/// let rules = ConnectionRules::default();
/// let tt = Timetable::new(&net);
/// let (ala, pek) = (data.airport_id("ALA").unwrap(), data.airport_id("PEK").unwrap());
/// let paths = paths_between(&net, &rules, ala, pek);
/// assert!(paths.iter().any(|p| has_itinerary(&tt, p, rules.max_connect)));
/// // Dropping the paths without an itinerary leaves every search result as it was.
/// let live: Vec<_> = paths.iter().copied().filter(|p| has_itinerary(&tt, p, rules.max_connect)).collect();
/// assert!(live.len() <= paths.len());
/// ```
pub fn has_itinerary(tt: &Timetable, path: &Path, max_connect: u32) -> bool {
    match *path {
        Path::Nonstop { route } => !tt.all(route).is_empty(),
        Path::Connect {
            first,
            second,
            mct,
            interline,
            rule,
        } => {
            let c = Conn {
                mct,
                interline,
                rule,
            };
            tt.all(first)
                .any(|i| onward(tt, second, i, max_connect, c).next().is_some())
        }
        Path::TwoStop {
            first,
            second,
            third,
            mct,
            interline,
            rule,
        } => {
            let (c1, c2) = conns(mct, interline, rule);
            tt.all(first).any(|i| {
                onward(tt, second, i, max_connect, c1)
                    .any(|j| onward(tt, third, j, max_connect, c2).next().is_some())
            })
        }
    }
}

fn conns(mct: [u16; 2], interline: [bool; 2], rule: [MctRule; 2]) -> (Conn, Conn) {
    (
        Conn {
            mct: mct[0],
            interline: interline[0],
            rule: rule[0],
        },
        Conn {
            mct: mct[1],
            interline: interline[1],
            rule: rule[1],
        },
    )
}

/// Appends to `out` every itinerary of `paths` whose first leg departs on local date `day`, no
/// earlier than `earliest`, and whose legs all pass `open` (e.g. "has a free seat").
///
/// Connections honour the path's MCT (waived when the next leg continues the same flight)
/// and `max_connect` on scheduled times, at every connection point.
///
/// # Complexity
/// O(P log L + I) for P paths, L legs per route and I itineraries found.
#[allow(clippy::too_many_arguments)]
pub fn itineraries_on_day(
    tt: &Timetable,
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
                for i in tt.on_day(route, day) {
                    let l = tt.leg(i);
                    if tt.dep(i) >= earliest && open(l) {
                        out.push(Itinerary {
                            first: l,
                            second: None,
                            third: None,
                            dep: tt.dep(i),
                            arr: tt.arr(i),
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
                rule,
            } => {
                let c = Conn {
                    mct,
                    interline,
                    rule,
                };
                for i in tt.on_day(first, day) {
                    let l1 = tt.leg(i);
                    if tt.dep(i) < earliest || !open(l1) {
                        continue;
                    }
                    let a = tt.arr(i).0;
                    for j in tt.between(second, a, a + max_connect as i64) {
                        let l2 = tt.leg(j);
                        if legal(tt, i, j, c) && open(l2) {
                            out.push(Itinerary {
                                first: l1,
                                second: Some(l2),
                                third: None,
                                dep: tt.dep(i),
                                arr: tt.arr(j),
                                interline,
                            });
                        }
                    }
                }
            }
            Path::TwoStop {
                first,
                second,
                third,
                mct,
                interline,
                rule,
            } => {
                let (c1, c2) = conns(mct, interline, rule);
                for i in tt.on_day(first, day) {
                    let l1 = tt.leg(i);
                    if tt.dep(i) < earliest || !open(l1) {
                        continue;
                    }
                    for j in onward(tt, second, i, max_connect, c1) {
                        let l2 = tt.leg(j);
                        if !open(l2) {
                            continue;
                        }
                        for k in onward(tt, third, j, max_connect, c2) {
                            let l3 = tt.leg(k);
                            if open(l3) {
                                out.push(Itinerary {
                                    first: l1,
                                    second: Some(l2),
                                    third: Some(l3),
                                    dep: tt.dep(i),
                                    arr: tt.arr(k),
                                    interline: interline[0] || interline[1],
                                });
                            }
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
#[allow(clippy::too_many_arguments)]
pub fn earliest_arrival(
    tt: &Timetable,
    paths: &[Path],
    from: UtcMinute,
    to: UtcMinute,
    max_connect: u32,
    mut open: impl FnMut(LegId) -> bool,
) -> Option<Itinerary> {
    let mut best: Option<Itinerary> = None;
    let mut consider = |it: Itinerary| {
        let key = |i: &Itinerary| (i.arr, i.stops(), i.dep, i.first, i.second, i.third);
        if best.as_ref().is_none_or(|b| key(&it) < key(b)) {
            best = Some(it);
        }
    };
    for p in paths {
        match *p {
            Path::Nonstop { route } => {
                for i in tt.between(route, from.0, to.0) {
                    let l = tt.leg(i);
                    if open(l) {
                        consider(Itinerary {
                            first: l,
                            second: None,
                            third: None,
                            dep: tt.dep(i),
                            arr: tt.arr(i),
                            interline: false,
                        });
                        break; // later departures on the same route arrive later
                    }
                }
            }
            Path::Connect {
                first,
                second,
                mct,
                interline,
                rule,
            } => {
                let c = Conn {
                    mct,
                    interline,
                    rule,
                };
                for i in tt.between(first, from.0, to.0) {
                    let l1 = tt.leg(i);
                    if !open(l1) {
                        continue;
                    }
                    let a = tt.arr(i).0;
                    for j in tt.between(second, a, a + max_connect as i64) {
                        let l2 = tt.leg(j);
                        if legal(tt, i, j, c) && open(l2) {
                            consider(Itinerary {
                                first: l1,
                                second: Some(l2),
                                third: None,
                                dep: tt.dep(i),
                                arr: tt.arr(j),
                                interline,
                            });
                            break; // later seconds arrive later on the same route
                        }
                    }
                }
            }
            Path::TwoStop {
                first,
                second,
                third,
                mct,
                interline,
                rule,
            } => {
                let (c1, c2) = conns(mct, interline, rule);
                for i in tt.between(first, from.0, to.0) {
                    let l1 = tt.leg(i);
                    if !open(l1) {
                        continue;
                    }
                    for j in onward(tt, second, i, max_connect, c1) {
                        let l2 = tt.leg(j);
                        if !open(l2) {
                            continue;
                        }
                        // Later thirds arrive later on the same route.
                        if let Some(k) =
                            onward(tt, third, j, max_connect, c2).find(|&k| open(tt.leg(k)))
                        {
                            consider(Itinerary {
                                first: l1,
                                second: Some(l2),
                                third: Some(tt.leg(k)),
                                dep: tt.dep(i),
                                arr: tt.arr(k),
                                interline: interline[0] || interline[1],
                            });
                        }
                    }
                }
            }
        }
    }
    best
}

/// For each first leg of `path` departing on local date `day`, the earliest arrival at the
/// destination over the path's legal continuations: `(first leg, departure, arrival)`, in the
/// order of the first legs (those without a continuation are left out).
///
/// # Complexity
/// O(F · k₁ · (log L + k₂)) for F first legs and k₁, k₂ onward legs within `max_connect`.
pub fn fastest_by_departure(
    tt: &Timetable,
    path: &Path,
    day: Day,
    max_connect: u32,
) -> Vec<(LegId, UtcMinute, UtcMinute)> {
    let mut out = Vec::new();
    match *path {
        Path::Nonstop { route } => {
            out.extend(
                tt.on_day(route, day)
                    .map(|i| (tt.leg(i), tt.dep(i), tt.arr(i))),
            );
        }
        Path::Connect {
            first,
            second,
            mct,
            interline,
            rule,
        } => {
            let c = Conn {
                mct,
                interline,
                rule,
            };
            for i in tt.on_day(first, day) {
                if let Some(a) = onward(tt, second, i, max_connect, c)
                    .map(|j| tt.arr(j))
                    .min()
                {
                    out.push((tt.leg(i), tt.dep(i), a));
                }
            }
        }
        Path::TwoStop {
            first,
            second,
            third,
            mct,
            interline,
            rule,
        } => {
            let (c1, c2) = conns(mct, interline, rule);
            for i in tt.on_day(first, day) {
                let best = onward(tt, second, i, max_connect, c1)
                    .filter_map(|j| {
                        onward(tt, third, j, max_connect, c2)
                            .map(|k| tt.arr(k))
                            .min()
                    })
                    .min();
                if let Some(a) = best {
                    out.push((tt.leg(i), tt.dep(i), a));
                }
            }
        }
    }
    out
}
