//! Itineraries with two connections in the simulation (`[connections] max_stops = 2`):
//! hand-computable runs on a line of four airports where the only way from the first to the
//! last is both connections (passengers on every leg, a connection counted at each hub, the
//! fare prorated over three legs to the cent, a missed first or second connection counted at
//! its hub and rebooked), invariants on a synthetic network, and results that do not depend on
//! the number of threads.

use std::path::Path;

use flightnet::runner::Study;
use flightnet::synth::{GenerateOptions, generate};
use flightnet_data::scenario::Scenario;
use flightnet_data::time::{DateRange, Day};
use flightnet_sim::simulation::Results;
use flightnet_sim::summary::Summary;

use crate::fixture::{bin, ok};

/// Shymkent, Taraz, Almaty and Oskemen: the three legs CIT–DMB–ALA–UKK are 1.13 times the
/// great-circle CIT–UKK, well within the default circuity limit.
const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii
CIT,UAII,Shymkent,Shymkent,KZ,42.3642,69.4789,Asia/Almaty,30,60,90,90
DMB,UADD,Taraz,Taraz,KZ,42.8536,71.3033,Asia/Almaty,30,60,90,90
ALA,UAAA,Almaty,Almaty,KZ,43.3521,77.0405,Asia/Almaty,40,60,75,60
UKK,UASK,Oskemen,Oskemen,KZ,50.0366,82.4942,Asia/Almaty,30,60,90,90
";
const AIRLINES: &str = "code,name,country\nKC,Air Astana,KZ\n";

/// CIT 07:00 → DMB 07:50, DMB 08:40 → ALA 09:40 (50 minutes at DMB, MCT 30), ALA 10:30 → UKK
/// 12:00 (50 minutes at ALA, MCT 40), daily, and back in the afternoon. No route joins CIT
/// and UKK with fewer legs.
const SCHEDULE: &str = "\
airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft
KC,301,CIT,DMB,07:00,07:50,0,1234567,2023-05-01,2023-05-31,E190
KC,302,DMB,ALA,08:40,09:40,0,1234567,2023-05-01,2023-05-31,E190
KC,303,ALA,UKK,10:30,12:00,0,1234567,2023-05-01,2023-05-31,E190
KC,304,UKK,ALA,13:00,14:30,0,1234567,2023-05-01,2023-05-31,E190
KC,305,ALA,DMB,15:30,16:30,0,1234567,2023-05-01,2023-05-31,E190
KC,306,DMB,CIT,17:00,17:50,0,1234567,2023-05-01,2023-05-31,E190
";

const FLEET: &str = "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,120,10,30\n";

/// 50 passengers a day from CIT to UKK.
const DEMAND: &str = "origin,destination,daily_pax\nCIT,UKK,50\n";

/// One fare, 100.01 USD, so every passenger affords it and its three shares need rounding.
const FARES: &str = "airline,origin,destination,class,fare,currency,advance_purchase_days,restrictions\nKC,CIT,UKK,Y,100.01,USD,0,-\n";
const FARE_CENTS: i64 = 10_001;

/// A week, even arrivals, flat weekdays, every booking made exactly one day ahead (so each
/// date gets exactly its daily demand), nobody declines, no random delays, no no-shows, two
/// connections allowed.
const BASE: &str = r#"
start = 2023-05-08
end = 2023-05-14
seed = 7
[connections]
max_stops = 2
[demand]
arrivals = "even"
day_of_week = [1, 1, 1, 1, 1, 1, 1]
lead_time_min_days = 1
lead_time_max_days = 1
lead_time_mean_days = 1
recapture_days = 0
[[demand.segments]]
name = "all"
share = 1.0
wtp_multiple = 2.0
price_sensitivity = 0.0
no_show = 0.0
[choice]
no_purchase = -1000
[operations]
cancellation_probability = 0.0
reactionary = false
rebooking_horizon_hours = 48
cancellation_notice_hours = 0
[operations.delay]
model = "none"
"#;

/// Runs the line network with `extra` scenario text (disruptions) appended.
fn run(extra: &str) -> (Study, Vec<Results>, Summary) {
    run_with(BASE, extra)
}

/// Runs the line network under scenario text `base` and `extra`.
fn run_with(base: &str, extra: &str) -> (Study, Vec<Results>, Summary) {
    run_network(SCHEDULE, FLEET, base, extra)
}

/// Runs the line network with `schedule` and `fleet` under scenario text `base` and `extra`.
fn run_network(
    schedule: &str,
    fleet: &str,
    base: &str,
    extra: &str,
) -> (Study, Vec<Results>, Summary) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("airports.csv", AIRPORTS),
        ("airlines.csv", AIRLINES),
        ("fleet.csv", fleet),
        ("schedule.csv", schedule),
        ("demand.csv", DEMAND),
        ("fares.csv", FARES),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = flightnet_data::input::load_dir(dir.path()).unwrap();
    let scenario = Scenario::parse(&format!("{base}\n{extra}"), "two.toml", dir.path()).unwrap();
    let study = Study::with_data(scenario, &data).unwrap();
    let results = study.run_all(&|_, _| {});
    let summary = study.summary(&results);
    (study, results, summary)
}

fn total(s: &Summary, name: &str) -> f64 {
    s.totals[name].mean()
}

/// (connecting, made, missed) at a hub.
fn hub(s: &Summary, airport: &str) -> (f64, f64, f64) {
    s.hubs
        .iter()
        .find(|h| h.airport == airport)
        .map_or((0.0, 0.0, 0.0), |h| (h.connecting.0, h.made.0, h.missed.0))
}

/// Passengers boarded per flight number and departure date (`"2023-05-10"`).
fn boarded(study: &Study, r: &Results, flight: u16, date: &str) -> u32 {
    let net = &study.prepared.net;
    r.flights
        .iter()
        .find(|f| {
            let leg = net.leg(f.leg);
            leg.flight == flight && leg.day.to_string() == date
        })
        .map(|f| f.passengers)
        .unwrap_or_else(|| panic!("no KC{flight} on {date}"))
}

#[test]
fn the_only_way_is_two_connections_and_every_leg_carries_it() {
    let (study, results, s) = run("");
    assert_eq!(total(&s, "demand"), 350.0);
    assert_eq!(total(&s, "carried"), 350.0);
    assert_eq!(total(&s, "connecting"), 350.0);
    assert_eq!(total(&s, "two_stop"), 350.0);
    assert_eq!(total(&s, "nonstop"), 0.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    assert_eq!(total(&s, "misconnected"), 0.0);
    // Every passenger connects twice, once at each hub.
    assert_eq!(hub(&s, "DMB"), (350.0, 350.0, 0.0));
    assert_eq!(hub(&s, "ALA"), (350.0, 350.0, 0.0));
    assert_eq!(total(&s, "connections"), 700.0);
    for h in ["DMB", "ALA"] {
        let row = s.hubs.iter().find(|r| r.airport == h).unwrap();
        assert_eq!(
            (row.planned_p50, row.connect_p50),
            (Some(50), Some(50)),
            "{h}"
        );
    }
    let m = &s.markets[0];
    assert_eq!((m.carried.0, m.two_stop.0), (350.0, 350.0));
    // 50 passengers on each of the 21 outbound flights, all connecting; none on the returns.
    let r = &results[0];
    let used: Vec<_> = r.flights.iter().filter(|f| f.passengers > 0).collect();
    assert_eq!(used.len(), 21);
    assert!(
        used.iter()
            .all(|f| f.passengers == 50 && f.connecting == 50 && f.local == 0)
    );
    for flight in [301, 302, 303] {
        assert_eq!(boarded(&study, r, flight, "2023-05-10"), 50);
    }

    // The fare is prorated over the three legs by distance, with cumulative rounding: the
    // shares sum to the fare to the cent, and each is within a cent of its exact share.
    let net = &study.prepared.net;
    let route_of = |flight: u16| {
        net.legs
            .iter()
            .find(|l| l.flight == flight)
            .map(|l| l.route)
            .unwrap()
    };
    let routes = [route_of(301), route_of(302), route_of(303)];
    let revenue: Vec<i64> = routes.iter().map(|&x| r.routes[x].revenue_cents).collect();
    assert_eq!(revenue.iter().sum::<i64>(), 350 * FARE_CENTS);
    assert_eq!(total(&s, "revenue"), 350.0 * 100.01);
    let km: Vec<f64> = routes
        .iter()
        .map(|&x| net.route(x).distance_km as f32 as f64)
        .collect();
    let all: f64 = km.iter().sum();
    for (i, (&cents, &k)) in revenue.iter().zip(&km).enumerate() {
        assert_eq!(cents % 350, 0, "leg {i}: every ticket gets the same share");
        let share = cents / 350;
        let exact = FARE_CENTS as f64 * k / all;
        assert!(
            (share as f64 - exact).abs() <= 1.0,
            "leg {i}: {share} vs {exact}"
        );
        // Every route's itinerary revenue is the whole fare of each ticket using it.
        assert_eq!(
            r.routes[routes[i]].itinerary_revenue_cents,
            350 * FARE_CENTS
        );
    }
    assert!(revenue.iter().all(|&c| c > 0));
    // Nothing is credited to the returns.
    let credited: i64 = r.routes.iter().map(|c| c.revenue_cents).sum();
    assert_eq!(credited, 350 * FARE_CENTS);
}

#[test]
fn with_one_stop_at_most_the_market_is_unserved() {
    let (_, _, s) = run_with(&BASE.replace("max_stops = 2", "max_stops = 1"), "");
    assert_eq!(total(&s, "carried"), 0.0);
    assert_eq!(total(&s, "unserved"), 350.0);
    assert!(s.hubs.is_empty());
}

#[test]
fn the_smallest_leg_limits_the_itinerary_and_seats_are_taken_on_every_leg() {
    // The middle leg flown with 30 seats: 30 a day are carried, 20 spill, and the 30 hold a
    // seat on each of the three legs.
    let schedule = SCHEDULE.replace(
        "KC,302,DMB,ALA,08:40,09:40,0,1234567,2023-05-01,2023-05-31,E190",
        "KC,302,DMB,ALA,08:40,09:40,0,1234567,2023-05-01,2023-05-31,CRJ",
    );
    let fleet = format!("{FLEET}KC,CRJ,CR2,30,10,30\n");
    let (study, results, s) = run_network(&schedule, &fleet, BASE, "");
    assert_eq!(total(&s, "carried"), 210.0);
    assert_eq!(total(&s, "two_stop"), 210.0);
    assert_eq!(total(&s, "spilled"), 140.0);
    assert_eq!(hub(&s, "DMB"), (210.0, 210.0, 0.0));
    assert_eq!(hub(&s, "ALA"), (210.0, 210.0, 0.0));
    for flight in [301, 302, 303] {
        assert_eq!(boarded(&study, &results[0], flight, "2023-05-12"), 30);
    }
}

/// A delay of `flight` on 2023-05-10 by `minutes`.
fn delay(flight: u16, minutes: u32) -> String {
    format!(
        "[[operations.disruptions]]\nairline = \"KC\"\nflight = {flight}\ndate = 2023-05-10\ndelay_minutes = {minutes}\n"
    )
}

#[test]
fn a_missed_first_connection_is_counted_at_the_first_hub_and_rebooked_from_there() {
    // KC301 lands at 08:20: 20 minutes at DMB, under its 30-minute MCT.
    let (study, results, s) = run(&delay(301, 30));
    assert_eq!(hub(&s, "DMB"), (350.0, 300.0, 50.0));
    // The 50 are rebooked from DMB on the next day's DMB–ALA–UKK and connect at ALA then.
    assert_eq!(hub(&s, "ALA"), (350.0, 350.0, 0.0));
    assert_eq!(total(&s, "misconnected"), 50.0);
    assert_eq!(s.markets[0].misconnected.0, 50.0);
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "stranded"), 0.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    let r = &results[0];
    // Their seats on the ALA–UKK flight they can no longer reach were given back.
    assert_eq!(boarded(&study, r, 301, "2023-05-10"), 50);
    assert_eq!(boarded(&study, r, 302, "2023-05-10"), 0);
    assert_eq!(boarded(&study, r, 303, "2023-05-10"), 0);
    assert_eq!(boarded(&study, r, 302, "2023-05-11"), 100);
    assert_eq!(boarded(&study, r, 303, "2023-05-11"), 100);
}

#[test]
fn a_missed_second_connection_is_counted_at_the_second_hub() {
    // KC302 lands at 10:10: 20 minutes at ALA, under its 40-minute MCT.
    let (study, results, s) = run(&delay(302, 30));
    assert_eq!(hub(&s, "DMB"), (350.0, 350.0, 0.0));
    assert_eq!(hub(&s, "ALA"), (350.0, 300.0, 50.0));
    assert_eq!(total(&s, "misconnected"), 50.0);
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    let r = &results[0];
    assert_eq!(boarded(&study, r, 302, "2023-05-10"), 50);
    assert_eq!(boarded(&study, r, 303, "2023-05-10"), 0);
    assert_eq!(boarded(&study, r, 303, "2023-05-11"), 100);

    // The third leg cancelled instead: the same 50 miss it at ALA and fly the next day.
    let cancel = "[[operations.disruptions]]\nairline = \"KC\"\nflight = 303\ndate = 2023-05-10\ncancel = true\n";
    let (_, _, s) = run(cancel);
    assert_eq!(hub(&s, "DMB"), (350.0, 350.0, 0.0));
    assert_eq!(hub(&s, "ALA"), (350.0, 300.0, 50.0));
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "arrived"), 350.0);

    // The first leg cancelled: its 50 are rebooked at CIT onto the next day's three legs,
    // and every connection is made.
    let cancel = "[[operations.disruptions]]\nairline = \"KC\"\nflight = 301\ndate = 2023-05-10\ncancel = true\n";
    let (study, results, s) = run(cancel);
    assert_eq!(total(&s, "misconnected"), 0.0);
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(hub(&s, "DMB"), (350.0, 350.0, 0.0));
    assert_eq!(hub(&s, "ALA"), (350.0, 350.0, 0.0));
    let r = &results[0];
    for flight in [302, 303] {
        assert_eq!(boarded(&study, r, flight, "2023-05-10"), 0, "KC{flight}");
        assert_eq!(boarded(&study, r, flight, "2023-05-11"), 100, "KC{flight}");
    }
}

/// A synthetic network (60 airports, 2 hubs, 240 routes) over three weeks with two stops.
fn synthetic(max_stops: u8, replications: u32) -> (Study, Vec<Results>) {
    let mut o = GenerateOptions::new(60, 240);
    o.seed = 11;
    o.period = DateRange::new(
        Day::parse("2025-03-03").unwrap(),
        Day::parse("2025-05-04").unwrap(),
    )
    .unwrap();
    let net = generate(&o).unwrap();
    let text = format!(
        "start = 2025-03-10\nend = 2025-03-30\nseed = 3\nreplications = {replications}\n[connections]\nmax_stops = {max_stops}\n"
    );
    let scenario = Scenario::parse(&text, "synthetic two-stop", Path::new(".")).unwrap();
    let study = Study::with_data(scenario, &net.data).unwrap();
    let results = study.run_all(&|_, _| {});
    (study, results)
}

#[test]
fn a_synthetic_network_with_two_stops_keeps_its_invariants() {
    let (study, results) = synthetic(2, 1);
    let r = &results[0];
    let j = r.journey_totals();
    // Every request ends one way; every carried passenger is nonstop or connecting, and the
    // two-stop ones are among the connecting.
    assert_eq!(
        j.demand,
        j.carried + j.spilled + j.unserved + j.no_purchase,
        "{j:?}"
    );
    assert_eq!(j.carried, j.nonstop + j.connecting, "{j:?}");
    assert!(j.two_stop > 0 && j.two_stop < j.connecting, "{j:?}");
    for m in r.markets.iter() {
        assert_eq!(m.demand, m.carried + m.spilled + m.unserved + m.no_purchase);
        assert!(m.two_stop <= m.connecting);
    }
    // No flight carries more than its seats; boarded = local + connecting.
    let net = &study.prepared.net;
    for f in &r.flights {
        let leg = net.leg(f.leg);
        assert!(f.passengers <= leg.seats, "{f:?}");
        assert_eq!(f.passengers, f.local + f.connecting);
    }
    // Connections attempted at each hub are made or missed.
    for h in r.hubs.iter() {
        assert_eq!(h.connecting, h.made + h.missed);
    }
    // Revenue prorated to the routes adds up to whole tickets' fares: every route's share of
    // a ticket is at most its fare.
    let f = r.flight_totals();
    assert!(f.revenue_cents <= f.itinerary_revenue_cents);

    // The same network with one stop: no two-stop journeys.
    let (_, one) = synthetic(1, 1);
    assert_eq!(one[0].journey_totals().two_stop, 0);
}

/// The shipped network with two stops (which also needs its airlines without a fare for a
/// market they would sell only with two connections to leave those itineraries out).
#[test]
fn two_stop_runs_do_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.toml");
    std::fs::write(
        &path,
        format!(
            "network = \"{}\"\nstart = 2023-10-02\nend = 2023-10-15\n[connections]\nmax_stops = 2\n",
            std::fs::canonicalize("routes").unwrap().display()
        ),
    )
    .unwrap();
    let json = |threads: &str| {
        let out = ok(bin()
            .arg("run")
            .arg(&path)
            .args([
                "--format",
                "json",
                "--replications",
                "2",
                "--threads",
                threads,
            ])
            .output()
            .unwrap());
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_object_mut().unwrap().remove("engine");
        v
    };
    let (one, two) = (json("1"), json("2"));
    assert_eq!(one, two);
    assert!(one["totals"]["two_stop"]["mean"].as_f64().unwrap() > 0.0);
}
