//! Hand-computable simulations: one market, known demand and seats, a connection at the MCT
//! boundary, a delay that breaks a connection, a cancellation, and invariants.

use flightnet::runner::Study;
use flightnet_data::scenario::Scenario;
use flightnet_sim::simulation::Results;
use flightnet_sim::summary::Summary;

const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii
KGF,UAKK,Karaganda,Karaganda,KZ,49.6708,73.3344,Asia/Almaty,30,60,90,90
NQZ,UACC,Astana,Astana,KZ,51.0222,71.4669,Asia/Almaty,40,60,75,60
UKK,UASK,Oskemen,Oskemen,KZ,50.0366,82.4942,Asia/Almaty,30,60,90,90
";
const AIRLINES: &str = "code,name,country\nKC,Air Astana,KZ\n";

/// KGF 08:00 → NQZ 09:00, then NQZ `onward` → UKK, daily; returns at noon.
fn schedule(onward: &str) -> String {
    format!(
        "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft
KC,101,KGF,NQZ,08:00,09:00,0,1234567,2023-05-01,2023-05-31,E190
KC,201,NQZ,UKK,{onward},11:30,0,1234567,2023-05-01,2023-05-31,E190
KC,102,NQZ,KGF,12:00,13:00,0,1234567,2023-05-01,2023-05-31,E190
KC,202,UKK,NQZ,12:00,13:30,0,1234567,2023-05-01,2023-05-31,E190
"
    )
}

fn fleet(seats: u32) -> String {
    format!("airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,{seats},10,30\n")
}

/// A week, even arrivals, flat weekdays, every booking made exactly one day ahead (so each
/// date gets exactly its daily demand), no random delays.
const BASE: &str = r#"
start = 2023-05-08
end = 2023-05-14
seed = 7
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
[choice]
no_purchase = -1000
[operations]
cancellation_probability = 0.0
reactionary = false
rebooking_horizon_hours = HORIZON
cancellation_notice_hours = NOTICE
[operations.delay]
model = "none"
"#;

fn run(schedule: &str, fleet: &str, demand: &str, extra: &str) -> (Study, Vec<Results>, Summary) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("airports.csv", AIRPORTS),
        ("airlines.csv", AIRLINES),
        ("fleet.csv", fleet),
        ("schedule.csv", schedule),
        ("demand.csv", demand),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = flightnet_data::input::load_dir(dir.path()).unwrap();
    let (horizon, extra) = match extra.strip_prefix("horizon=") {
        Some(rest) => rest.split_once('\n').unwrap(),
        None => ("48", extra),
    };
    let (notice, extra) = match extra.strip_prefix("notice=") {
        Some(rest) => rest.split_once('\n').unwrap(),
        None => ("0", extra),
    };
    let text = format!(
        "{}\n{extra}",
        BASE.replace("HORIZON", horizon).replace("NOTICE", notice)
    );
    let scenario = Scenario::parse(&text, "test.toml", dir.path()).unwrap();
    let study = Study::with_data(scenario, &data).unwrap();
    let results = study.run_all(&|_, _| {});
    let summary = study.summary(&results);
    (study, results, summary)
}

fn total(s: &Summary, name: &str) -> f64 {
    s.totals[name].mean()
}

const ONE_MARKET: &str = "origin,destination,daily_pax\nKGF,UKK,50\n";

#[test]
fn one_connection_with_known_demand_and_seats() {
    let (_, results, s) = run(&schedule("09:41"), &fleet(120), ONE_MARKET, "");
    assert_eq!(total(&s, "demand"), 350.0);
    assert_eq!(total(&s, "carried"), 350.0);
    assert_eq!(total(&s, "spilled"), 0.0);
    assert_eq!(total(&s, "connecting"), 350.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    let hub = s.hubs.iter().find(|h| h.airport == "NQZ").unwrap();
    assert_eq!(
        (hub.connecting.0, hub.made.0, hub.missed.0),
        (350.0, 350.0, 0.0)
    );
    assert_eq!(hub.planned_p50, Some(41));
    assert_eq!(hub.connect_p50, Some(41));
    // 50 passengers on each of the 7 KGF–NQZ and NQZ–UKK flights, none on the returns.
    let r = &results[0];
    let legs: Vec<_> = r.flights.iter().filter(|f| f.passengers > 0).collect();
    assert_eq!(legs.len(), 14);
    assert!(
        legs.iter()
            .all(|f| f.passengers == 50 && f.connecting == 50)
    );
}

#[test]
fn capacity_limits_carried_and_the_rest_spills() {
    let (_, _, s) = run(&schedule("09:41"), &fleet(40), ONE_MARKET, "");
    assert_eq!(total(&s, "demand"), 350.0);
    assert_eq!(total(&s, "carried"), 280.0);
    assert_eq!(total(&s, "spilled"), 70.0);
    let r = s.routes.iter().find(|r| r.origin == "KGF").unwrap();
    assert_eq!(r.load_factor.0, 1.0);
}

#[test]
fn connection_one_minute_under_at_and_over_the_mct() {
    // NQZ domestic MCT is 40 minutes; the inbound arrives at 09:00.
    for (onward, carried) in [("09:39", 0.0), ("09:40", 350.0), ("09:41", 350.0)] {
        let (_, _, s) = run(&schedule(onward), &fleet(120), ONE_MARKET, "");
        assert_eq!(total(&s, "carried"), carried, "onward at {onward}");
        // Below the MCT no itinerary exists at all: the demand is unserved, not spilled.
        assert_eq!(total(&s, "unserved"), 350.0 - carried, "onward at {onward}");
        assert_eq!(total(&s, "spilled"), 0.0, "onward at {onward}");
    }
}

#[test]
fn a_delay_breaks_a_connection_and_the_passengers_are_rebooked() {
    let extra = r#"
[[operations.disruptions]]
airline = "KC"
flight = 101
date = 2023-05-10
delay_minutes = 10
"#;
    let (_, _, s) = run(&schedule("09:41"), &fleet(120), ONE_MARKET, extra);
    // 09:10 arrival, 09:41 departure: 31 minutes < 40, so that day's 50 misconnect and take
    // the next day's NQZ–UKK flight (50 booked + 50 rebooked ≤ 120 seats).
    let hub = s.hubs.iter().find(|h| h.airport == "NQZ").unwrap();
    assert_eq!(
        (hub.connecting.0, hub.made.0, hub.missed.0),
        (350.0, 300.0, 50.0)
    );
    assert_eq!(total(&s, "misconnected"), 50.0);
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "stranded"), 0.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    let nqz_ukk_may_11 = s
        .daily
        .iter()
        .find(|d| d.date.to_string() == "2023-05-11")
        .unwrap();
    assert_eq!(nqz_ukk_may_11.passengers.0, 150.0); // 50 on KGF–NQZ, 100 on NQZ–UKK

    // With no time to rebook, they are stranded.
    let (_, _, s) = run(
        &schedule("09:41"),
        &fleet(120),
        ONE_MARKET,
        &format!("horizon=12\n{extra}"),
    );
    assert_eq!(total(&s, "stranded"), 50.0);
    assert_eq!(total(&s, "arrived"), 300.0);
}

/// KC101 cancelled on 2023-05-10.
const CANCEL_KC101: &str = r#"
[[operations.disruptions]]
airline = "KC"
flight = 101
date = 2023-05-10
cancel = true
"#;

#[test]
fn a_cancelled_flight_rebooks_its_passengers() {
    let (_, results, s) = run(&schedule("09:41"), &fleet(120), ONE_MARKET, CANCEL_KC101);
    assert_eq!(total(&s, "cancelled"), 1.0);
    assert_eq!(total(&s, "flights"), 27.0);
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "stranded"), 0.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    // The NQZ–UKK flight of the cancelled day leaves empty.
    let r = &results[0];
    let empty_day = r
        .flights
        .iter()
        .filter(|f| f.passengers == 0 && f.status == flightnet_sim::simulation::FlightStatus::Flown)
        .count();
    assert_eq!(
        empty_day,
        14 + 1,
        "7 days × 2 empty returns + the orphaned onward flight"
    );
}

#[test]
fn a_cancellation_announced_in_advance_skips_the_planned_departure() {
    // Announced 6 hours ahead (but not before its UTC day opens): the departure the engine had
    // already planned for that flight surfaces later and is skipped.
    let (_, _, s) = run(
        &schedule("09:41"),
        &fleet(120),
        ONE_MARKET,
        &format!("notice=6\n{CANCEL_KC101}"),
    );
    assert_eq!(total(&s, "cancelled"), 1.0);
    assert_eq!(
        total(&s, "flights"),
        27.0,
        "the stale departure must not fly the cancelled leg"
    );
    assert_eq!(total(&s, "rebooked"), 50.0);
    assert_eq!(total(&s, "arrived"), 350.0);
    assert_eq!(total(&s, "misconnected"), 0.0);
}

#[test]
fn invariants_hold_on_every_market_flight_and_hub() {
    // Poisson demand, random delays and cancellations, recapture: the books must still balance.
    let demand = "origin,destination,daily_pax\nKGF,UKK,60\nKGF,NQZ,30\nNQZ,UKK,40\nUKK,KGF,20\nNQZ,KGF,25\n";
    let extra = r#"
[demand]
arrivals = "poisson"
recapture_days = 2
lead_time_min_days = 0
[operations]
cancellation_probability = 0.05
reactionary = true
[operations.delay]
model = "lognormal"
probability = 0.5
mean_minutes = 25
"#;
    let base_free = "start = 2023-05-08\nend = 2023-05-14\nseed = 7\n";
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("airports.csv", AIRPORTS.to_string()),
        ("airlines.csv", AIRLINES.to_string()),
        ("fleet.csv", fleet(60)),
        ("schedule.csv", schedule("09:41")),
        ("demand.csv", demand.to_string()),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = flightnet_data::input::load_dir(dir.path()).unwrap();
    for seed in 1..=5 {
        let text = format!("{base_free}\n{extra}").replace("seed = 7", &format!("seed = {seed}"));
        let scenario = Scenario::parse(&text, "t.toml", dir.path()).unwrap();
        let study = Study::with_data(scenario, &data).unwrap();
        let r = &study.run_all(&|_, _| {})[0];
        for m in &r.markets {
            assert_eq!(m.demand, m.carried + m.spilled + m.unserved + m.no_purchase);
            assert_eq!(
                m.carried,
                m.arrived + m.stranded + m.no_shows,
                "every carried passenger ends somewhere"
            );
        }
        for h in &r.hubs {
            assert_eq!(h.connecting, h.made + h.missed);
            assert_eq!(h.actual.count(), h.made);
        }
        for f in &r.flights {
            let leg = study.prepared.net.leg(f.leg);
            assert!(f.passengers <= leg.seats);
            assert_eq!(f.passengers, f.local + f.connecting);
        }
        let j = r.journey_totals();
        let daily: u64 = r.daily_journeys.iter().map(|d| d.demand).sum();
        assert_eq!(daily, j.demand);
    }
}
