//! Itineraries with up to two connections against brute-force enumeration on small random
//! networks: every leg pair and triple is checked with the rules written out again here (MCT
//! by status at each connection, maximum connect time at each connection, a circuity limit on
//! the whole path, no airport visited twice, airlines allowed to combine, through flights
//! without MCT), and the sets must equal what route-level paths and dated search give.

use std::collections::BTreeSet;
use std::sync::Arc;

use flightnet_data::config::{ConnectionRules, Interline};
use flightnet_data::network::{AirportId, Leg, LegId, Network, NetworkData};
use flightnet_data::time::{DateRange, UtcMinute};
use flightnet_sim::itinerary::{
    Timetable, earliest_arrival, fastest_by_departure, itineraries_on_day, paths_between,
    paths_from,
};

use crate::synthnet::{first_day, km, network, standard_mct};

type Triple = (LegId, Option<LegId>, Option<LegId>);

fn build(data: NetworkData) -> Network {
    let first = first_day();
    Network::build(
        Arc::new(data),
        DateRange::new(first, first.plus_days(13)).unwrap(),
    )
}

/// Whether `b` may follow `a` at `a`'s arrival airport, the MCT there being `mct`.
fn connects(rules: &ConnectionRules, a: &Leg, b: &Leg, mct: u16) -> bool {
    let gap = b.dep.0 - a.arr.0;
    if a.destination != b.origin || !rules.allows(a.airline, b.airline) {
        return false;
    }
    if !(0..=rules.max_connect as i64).contains(&gap) {
        return false;
    }
    let through = a.airline == b.airline && a.flight == b.flight && gap <= 1440;
    through || gap >= mct as i64
}

/// Every itinerary from `o` to `d` whose first leg departs on the network's day `day`, by
/// brute force over all legs.
fn brute(
    net: &Network,
    rules: &ConnectionRules,
    o: AirportId,
    d: AirportId,
    day: flightnet_data::time::Day,
) -> BTreeSet<Triple> {
    let data = net.data();
    let limit = rules.max_circuity * km(data, o, d);
    let legs: Vec<(LegId, &Leg)> = net
        .legs
        .iter()
        .enumerate()
        .map(|(i, l)| (LegId(i as u32), l))
        .collect();
    let mut out = BTreeSet::new();
    for &(ia, a) in legs.iter().filter(|(_, a)| a.origin == o && a.day == day) {
        if a.destination == d {
            out.insert((ia, None, None));
            continue;
        }
        let h1 = a.destination;
        for &(ib, b) in &legs {
            if b.origin != h1 {
                continue;
            }
            let h2 = b.destination;
            if h2 == d {
                if km(data, o, h1) + km(data, h1, d) <= limit
                    && connects(rules, a, b, standard_mct(data, h1, o, d))
                {
                    out.insert((ia, Some(ib), None));
                }
                continue;
            }
            if rules.max_stops < 2 || h2 == o {
                continue;
            }
            if km(data, o, h1) + km(data, h1, h2) + km(data, h2, d) > limit
                || !connects(rules, a, b, standard_mct(data, h1, o, h2))
            {
                continue;
            }
            for &(ic, c) in &legs {
                if c.origin == h2
                    && c.destination == d
                    && connects(rules, b, c, standard_mct(data, h2, h1, d))
                {
                    out.insert((ia, Some(ib), Some(ic)));
                }
            }
        }
    }
    out
}

fn searched(
    net: &Network,
    tt: &Timetable,
    rules: &ConnectionRules,
    o: AirportId,
    d: AirportId,
    day: flightnet_data::time::Day,
) -> Vec<Triple> {
    let paths = paths_between(net, rules, o, d);
    let mut its = Vec::new();
    itineraries_on_day(
        tt,
        &paths,
        day,
        UtcMinute(i64::MIN / 4),
        rules.max_connect,
        |_| true,
        &mut its,
    );
    let mut out: Vec<Triple> = its.iter().map(|i| (i.first, i.second, i.third)).collect();
    for i in &its {
        assert_eq!(i.stops() as usize, i.legs().count() - 1);
        assert_eq!(i.dep, net.leg(i.first).dep);
        let last = i.third.or(i.second).unwrap_or(i.first);
        assert_eq!(i.arr, net.leg(last).arr);
    }
    out.sort();
    out
}

fn rules(max_stops: u8, interline: bool) -> ConnectionRules {
    ConnectionRules {
        max_stops,
        max_connect: 600,
        max_circuity: 2.0,
        interline: if interline {
            Interline::Any
        } else {
            Interline::OnlineOnly
        },
        ..ConnectionRules::default()
    }
}

#[test]
fn itineraries_with_up_to_two_connections_match_brute_force() {
    let mut counted = [0usize; 3];
    for seed in 1..=6u64 {
        let net = build(network(seed, 6, 40, seed % 2 == 0));
        let tt = Timetable::new(&net);
        for (max_stops, interline) in [(1, false), (2, false), (2, true)] {
            let rules = rules(max_stops, interline);
            let n = net.data().airports.len();
            for o in 0..n {
                let o = AirportId(o as u16);
                let from = paths_from(&net, &rules, o);
                for d in 0..n {
                    let d = AirportId(d as u16);
                    if o == d {
                        continue;
                    }
                    let paths = paths_between(&net, &rules, o, d);
                    assert_eq!(
                        from.get(&d).cloned().unwrap_or_default(),
                        paths,
                        "seed {seed}: paths_from and paths_between differ"
                    );
                    for k in 0..7 {
                        let day = first_day().plus_days(k);
                        let want: Vec<Triple> =
                            brute(&net, &rules, o, d, day).into_iter().collect();
                        let got = searched(&net, &tt, &rules, o, d, day);
                        assert_eq!(
                            got, want,
                            "seed {seed} stops {max_stops} interline {interline} {o:?}->{d:?} on {day}"
                        );
                        for t in &got {
                            counted[t.1.is_some() as usize + t.2.is_some() as usize] += 1;
                        }
                    }
                }
            }
        }
    }
    // The networks are rich enough that every kind of itinerary occurs many times.
    assert!(counted.iter().all(|&c| c > 100), "{counted:?}");
}

#[test]
fn fastest_by_departure_and_earliest_arrival_agree_with_brute_force() {
    for seed in 11..=14u64 {
        let net = build(network(seed, 6, 40, true));
        let tt = Timetable::new(&net);
        let rules = rules(2, true);
        let n = net.data().airports.len();
        for o in (0..n).map(|i| AirportId(i as u16)) {
            for d in (0..n).map(|i| AirportId(i as u16)).filter(|&d| d != o) {
                let paths = paths_between(&net, &rules, o, d);
                for k in 0..7 {
                    let day = first_day().plus_days(k);
                    let all = brute(&net, &rules, o, d, day);
                    let arr = |t: &Triple| net.leg(t.2.or(t.1).unwrap_or(t.0)).arr;
                    // Per path, per first leg: the earliest arrival.
                    for p in &paths {
                        let routes = p.routes();
                        for (leg, _, a) in fastest_by_departure(&tt, p, day, rules.max_connect) {
                            let best = all
                                .iter()
                                .filter(|t| {
                                    t.0 == leg
                                        && [Some(t.0), t.1, t.2]
                                            .iter()
                                            .flatten()
                                            .map(|l| net.leg(*l).route)
                                            .eq(routes.iter().copied())
                                })
                                .map(arr)
                                .min();
                            assert_eq!(Some(a), best, "seed {seed} {p:?}");
                        }
                    }
                    // The itinerary arriving first among those departing that day.
                    let from = day.start_utc().plus(-24 * 60);
                    let to = day.start_utc().plus(48 * 60);
                    let want = all
                        .iter()
                        .map(|t| {
                            let stops = t.1.is_some() as u32 + t.2.is_some() as u32;
                            (arr(t), stops, net.leg(t.0).dep, t.0, t.1, t.2)
                        })
                        .min();
                    // earliest_arrival looks at every first leg departing in [from, to], a
                    // wider set than one day's; compare only when that day's best is the best.
                    let got = earliest_arrival(&tt, &paths, from, to, rules.max_connect, |_| true);
                    if let (Some(w), Some(g)) = (want, got) {
                        assert!((g.arr, g.stops()) <= (w.0, w.1), "seed {seed}");
                    }
                }
            }
        }
    }
}

#[test]
fn one_stop_paths_are_unchanged_by_the_two_stop_option() {
    // With max_stops = 2 the one-stop paths and itineraries are exactly those of max_stops = 1
    // (the simulation, which runs with 1, keeps its results).
    for seed in 21..=23u64 {
        let net = build(network(seed, 8, 60, true));
        let (one, two) = (rules(1, true), rules(2, true));
        let n = net.data().airports.len();
        for o in (0..n).map(|i| AirportId(i as u16)) {
            for d in (0..n).map(|i| AirportId(i as u16)).filter(|&d| d != o) {
                let a = paths_between(&net, &one, o, d);
                let b: Vec<_> = paths_between(&net, &two, o, d)
                    .into_iter()
                    .filter(|p| p.stops() < 2)
                    .collect();
                assert_eq!(a, b);
            }
        }
    }
}
