//! Fares, revenue management and costs on hand-computable networks: revenue is the sum of the
//! fares sold, connecting fares are prorated by distance, profit is revenue minus cost, a
//! small network's P&L worked by hand, overbooking with no-shows and denied boardings,
//! sell-up, and the `flightnet emsrb` command.

use flightnet::runner::Study;
use flightnet_data::scenario::Scenario;
use flightnet_sim::simulation::Results;
use flightnet_sim::summary::Summary;

use crate::fixture::{bin, ok};

/// Three airports of Kazakhstan, all on Asia/Almaty time (UTC+6 in 2023), so scheduled block
/// times are plain differences of the local times.
const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii
KGF,UAKK,Karaganda,Karaganda,KZ,49.6708,73.3344,Asia/Almaty,30,60,90,90
NQZ,UACC,Astana,Astana,KZ,51.0222,71.4669,Asia/Almaty,40,60,75,60
UKK,UASK,Oskemen,Oskemen,KZ,50.0366,82.4942,Asia/Almaty,30,60,90,90
";
const AIRLINES: &str = "code,name,country\nKC,Air Astana,KZ\nDV,SCAT Airlines,KZ\n";
const FARES_HEADER: &str =
    "airline,origin,destination,class,fare,currency,advance_purchase_days,restrictions\n";
const SCHEDULE_HEADER: &str =
    "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft\n";

/// A week (Monday 2023-05-08 to Sunday 2023-05-14), no delays or cancellations.
const WEEK: &str = "start = 2023-05-08\nend = 2023-05-14\nseed = 7\n";

/// Demand without count noise: even arrivals, flat weekdays, every booking made exactly one
/// day ahead (so each date gets exactly its daily demand), no recapture onto other dates.
const EVEN: &str = r#"
[demand]
arrivals = "even"
day_of_week = [1, 1, 1, 1, 1, 1, 1]
lead_time_min_days = 1
lead_time_max_days = 1
lead_time_mean_days = 1
recapture_days = 0
"#;

/// One segment that always flies when it can (its willingness to pay is at least the lowest
/// fare, and not flying has utility −1000) and does not care about price.
const ONE_SEGMENT: &str = r#"
[[demand.segments]]
name = "all"
share = 1.0
wtp_multiple = 2.0
price_sensitivity = 0.0
"#;

/// Everyone flies if they can; first come, first served; no disruptions.
const REST: &str = r#"
[choice]
no_purchase = -1000
[rm]
method = "fcfs"
[operations]
cancellation_probability = 0.0
reactionary = false
[operations.delay]
model = "none"
"#;

/// Runs `scenario` (TOML text) on a network written from `files` (name, text).
fn run(files: &[(&str, &str)], scenario: &str) -> (Study, Vec<Results>, Summary) {
    let dir = tempfile::tempdir().unwrap();
    let mut all: Vec<(&str, &str)> = vec![("airports.csv", AIRPORTS), ("airlines.csv", AIRLINES)];
    all.extend_from_slice(files);
    for (name, text) in all {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = flightnet_data::input::load_dir(dir.path()).unwrap();
    let s = Scenario::parse(scenario, "test.toml", dir.path()).unwrap();
    let study = Study::with_data(s, &data).unwrap();
    let results = study.run_all(&|_, _| {});
    let summary = study.summary(&results);
    (study, results, summary)
}

/// Currency units to whole cents (summary figures are cents / 100 as f64).
fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn total(s: &Summary, name: &str) -> f64 {
    s.totals[name].mean()
}

fn route<'a>(s: &'a Summary, o: &str, d: &str) -> &'a flightnet_sim::summary::RouteRow {
    s.routes
        .iter()
        .find(|r| r.origin == o && r.destination == d)
        .unwrap_or_else(|| panic!("route {o}-{d}"))
}

/// Haversine great-circle distance in km (the ratio of two distances does not depend on the
/// radius).
fn great_circle(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let (dp, dl) = (p2 - p1, (b.1 - a.1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

const KGF: (f64, f64) = (49.6708, 73.3344);
const NQZ: (f64, f64) = (51.0222, 71.4669);
const UKK: (f64, f64) = (50.0366, 82.4942);

/// KGF → NQZ daily at 08:00, 120 seats, 50 passengers a day.
const SHUTTLE: &str = "KC,101,KGF,NQZ,08:00,09:00,0,1234567,2023-05-01,2023-05-31,E190\n";
const FLEET_KC: &str = "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,120,10,30\n";

/// One class: every request of the week is carried (50 a day × 7 days = 350, below the 120
/// seats a day) and pays 123.45, so revenue = 350 × 12 345 cents = 4 320 750 cents =
/// 43 207.50, on the totals, the market and the route alike.
#[test]
fn revenue_is_carried_times_the_fare_in_whole_cents() {
    let fares = format!("{FARES_HEADER}KC,KGF,NQZ,Y,123.45,USD,0,-\n");
    let schedule = format!("{SCHEDULE_HEADER}{SHUTTLE}");
    let (_, results, s) = run(
        &[
            ("fleet.csv", FLEET_KC),
            ("schedule.csv", &schedule),
            ("demand.csv", "origin,destination,daily_pax\nKGF,NQZ,50\n"),
            ("fares.csv", &fares),
        ],
        &format!("{WEEK}{EVEN}{ONE_SEGMENT}{REST}"),
    );
    let j = results[0].journey_totals();
    assert_eq!((j.demand, j.carried), (350, 350));
    assert_eq!(j.revenue_cents, 350 * 12_345);
    assert_eq!(j.revenue_cents, 4_320_750);
    let f = results[0].flight_totals();
    assert_eq!(f.revenue_cents, 4_320_750, "the route's prorated revenue");
    assert_eq!(f.itinerary_revenue_cents, 4_320_750);
    assert_eq!(cents(total(&s, "revenue")), 4_320_750);
    assert_eq!(cents(s.markets[0].revenue.0), 4_320_750);
    let r = route(&s, "KGF", "NQZ");
    assert_eq!(cents(r.revenue.0), 4_320_750);
    assert_eq!(r.class_mix["Y"].0, 350.0);
}

/// Three classes sold to two segments with Poisson demand: whatever the mix, revenue is
/// exactly Σ tickets(c) × fare(c). Business travellers mind restrictions (M needs a Saturday
/// stay and is non-refundable, B has a change fee) and buy up to Y or B when they can afford
/// it; leisure travellers buy the cheapest. Seats are ample, so every class stays open.
#[test]
fn revenue_is_the_sum_over_classes_of_tickets_times_fares() {
    let fares = format!(
        "{FARES_HEADER}KC,KGF,NQZ,Y,250.00,USD,0,-\nKC,KGF,NQZ,B,180.50,USD,0,change_fee\nKC,KGF,NQZ,M,99.99,USD,0,saturday_stay;non_refundable\n"
    );
    let schedule = format!("{SCHEDULE_HEADER}{SHUTTLE}");
    let segments = r#"
[[demand.segments]]
name = "business"
share = 0.4
wtp_multiple = 3.0
price_sensitivity = 0.2
restrictions = { saturday_stay = -3.0, non_refundable = -1.0, change_fee = -1.0 }
[[demand.segments]]
name = "leisure"
share = 0.6
wtp_multiple = 1.5
price_sensitivity = 2.0
"#;
    let demand = "\n[demand]\nrecapture_days = 0\nlead_time_min_days = 1\nk_factor = 0.0\n";
    let (_, results, s) = run(
        &[
            ("fleet.csv", FLEET_KC),
            ("schedule.csv", &schedule),
            ("demand.csv", "origin,destination,daily_pax\nKGF,NQZ,60\n"),
            ("fares.csv", &fares),
        ],
        &format!("start = 2023-05-08\nend = 2023-05-21\nseed = 3\n{demand}{segments}{REST}"),
    );
    let r = route(&s, "KGF", "NQZ");
    let tickets = |c: &str| r.class_mix.get(c).map_or(0, |n| n.0 as i64);
    let (y, b, m) = (tickets("Y"), tickets("B"), tickets("M"));
    assert!(
        y > 0 && b > 0 && m > 0,
        "a mix of classes: Y {y}, B {b}, M {m}"
    );
    let j = results[0].journey_totals();
    assert_eq!((y + b + m) as u64, j.carried);
    let by_class = y * 25_000 + b * 18_050 + m * 9_999;
    assert_eq!(j.revenue_cents, by_class);
    assert_eq!(results[0].flight_totals().revenue_cents, by_class);
    assert_eq!(cents(total(&s, "revenue")), by_class);
    assert_eq!(cents(r.revenue.0), by_class);
}

/// KGF → NQZ 08:00–09:00 connecting at NQZ (41 minutes, MCT 40) to NQZ → UKK 09:41–11:30; only
/// the through market KGF–UKK has demand (50 a day) and one through fare, 300.01.
///
/// Great-circle distances (haversine): KGF–NQZ d₁ ≈ 200.34 km, NQZ–UKK d₂ ≈ 786.37 km; the first
/// leg's share is 30 001 × d₁ / (d₁ + d₂) ≈ 30 001 × 0.203038 ≈ 6 091.35 cents → 6 091 cents
/// per ticket, the second leg gets the rest, 23 910. Over 350 tickets: 2 131 850 and
/// 8 368 500 cents, together 350 × 30 001 = 10 500 350.
#[test]
fn connecting_revenue_is_prorated_by_distance_and_sums_to_the_fare() {
    let schedule = format!(
        "{SCHEDULE_HEADER}{SHUTTLE}KC,201,NQZ,UKK,09:41,11:30,0,1234567,2023-05-01,2023-05-31,E190\n"
    );
    let fares = format!("{FARES_HEADER}KC,KGF,UKK,Y,300.01,USD,0,-\n");
    let (_, results, s) = run(
        &[
            ("fleet.csv", FLEET_KC),
            ("schedule.csv", &schedule),
            ("demand.csv", "origin,destination,daily_pax\nKGF,UKK,50\n"),
            ("fares.csv", &fares),
        ],
        &format!("{WEEK}{EVEN}{ONE_SEGMENT}{REST}"),
    );
    let j = results[0].journey_totals();
    assert_eq!((j.carried, j.connecting), (350, 350));
    assert_eq!(j.revenue_cents, 350 * 30_001);
    let (first, second) = (route(&s, "KGF", "NQZ"), route(&s, "NQZ", "UKK"));
    let (a, b) = (cents(first.revenue.0), cents(second.revenue.0));
    assert_eq!(a + b, 350 * 30_001, "the legs' shares add up to the fares");
    assert_eq!(a % 350, 0, "every ticket splits the same way");
    let (d1, d2) = (great_circle(KGF, NQZ), great_circle(NQZ, UKK));
    let want = 30_001.0 * d1 / (d1 + d2);
    let per_ticket = (a / 350) as f64;
    assert!(
        (per_ticket - want).abs() <= 1.0,
        "first leg {per_ticket} cents per ticket, distance share {want}"
    );
    assert_eq!((a, b), (2_131_850, 8_368_500));
    // Both routes carry the whole fare as network contribution.
    assert_eq!(cents(first.network_revenue.0), 350 * 30_001);
    assert_eq!(cents(second.network_revenue.0), 350 * 30_001);
}

/// The P&L network: KC flies KGF–NQZ both ways daily on an E190 (100 seats), DV flies
/// NQZ → UKK daily and UKK → NQZ on Mondays, Wednesdays and Fridays on an A320 (150 seats).
///
/// | flight | route   | times       | block  | days | flights in the week |
/// |--------|---------|-------------|--------|------|---------------------|
/// | KC101  | KGF→NQZ | 08:00–09:05 | 65 min | 1–7  | 7                   |
/// | KC102  | NQZ→KGF | 12:00–13:10 | 70 min | 1–7  | 7                   |
/// | DV201  | NQZ→UKK | 10:00–11:30 | 90 min | 1–7  | 7                   |
/// | DV202  | UKK→NQZ | 13:00–14:45 | 105 min| 1,3,5| 3                   |
const PNL_SCHEDULE: &str = "\
airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft
KC,101,KGF,NQZ,08:00,09:05,0,1234567,2023-05-01,2023-05-31,E190
KC,102,NQZ,KGF,12:00,13:10,0,1234567,2023-05-01,2023-05-31,E190
DV,201,NQZ,UKK,10:00,11:30,0,1234567,2023-05-01,2023-05-31,A320
DV,202,UKK,NQZ,13:00,14:45,0,1.3.5..,2023-05-01,2023-05-31,A320
";
const PNL_FLEET: &str = "\
airline,aircraft,iata_type,seats,count,min_turn
KC,E190,290,100,10,30
DV,A320,320,150,10,40
";
const PNL_COSTS: &str = "\
airline,aircraft,cost_per_block_hour,cost_per_departure,cost_per_passenger,currency
KC,E190,2400.00,650.00,9.30,USD
DV,A320,3300.00,910.00,11.45,USD
";
const PNL_DEMAND: &str = "origin,destination,daily_pax\nKGF,NQZ,20\nNQZ,KGF,15\nNQZ,UKK,30\n";

/// A hand-computed week of the P&L network. Demand 20, 15 and 30 a day on KGF→NQZ, NQZ→KGF and
/// NQZ→UKK, all carried (even arrivals, seats ample, everyone flies): 140, 105 and 210
/// passengers. UKK→NQZ has no demand and flies empty.
///
/// Revenue (one class per market): 140 × 85.50 = 11 970.00; 105 × 80.25 = 8 426.25;
/// 210 × 110.10 = 23 121.00; total 43 517.25.
///
/// Cost per flight = cost per block hour × block hours + cost per departure, plus cost per
/// passenger × boarded:
/// * KC101: 2 400 × 65/60 + 650 = 3 250.00, × 7 = 22 750.00; + 140 × 9.30 = 1 302.00
///   → 24 052.00;
/// * KC102: 2 400 × 70/60 + 650 = 3 450.00, × 7 = 24 150.00; + 105 × 9.30 = 976.50
///   → 25 126.50;
/// * DV201: 3 300 × 90/60 + 910 = 5 860.00, × 7 = 41 020.00; + 210 × 11.45 = 2 404.50
///   → 43 424.50;
/// * DV202: 3 300 × 105/60 + 910 = 6 685.00, × 3 = 20 055.00; no passengers → 20 055.00.
///
/// Total cost 112 658.00, profit 43 517.25 − 112 658.00 = −69 140.75. Per route: KGF→NQZ
/// −12 082.00, NQZ→KGF −16 700.25, NQZ→UKK −20 303.50, UKK→NQZ −20 055.00. Per airline: KC
/// revenue 20 396.25, cost 49 178.50, profit −28 782.25; DV revenue 23 121.00, cost
/// 63 479.50, profit −40 358.50.
#[test]
fn a_hand_computed_profit_and_loss() {
    let fares = format!(
        "{FARES_HEADER}KC,KGF,NQZ,Y,85.50,USD,0,-\nKC,NQZ,KGF,Y,80.25,USD,0,-\nDV,NQZ,UKK,Y,110.10,USD,0,-\n"
    );
    let (_, _, s) = run(
        &[
            ("fleet.csv", PNL_FLEET),
            ("schedule.csv", PNL_SCHEDULE),
            ("demand.csv", PNL_DEMAND),
            ("fares.csv", &fares),
            ("costs.csv", PNL_COSTS),
        ],
        &format!("{WEEK}{EVEN}{ONE_SEGMENT}{REST}"),
    );
    assert_eq!(total(&s, "flights"), 24.0);
    assert_eq!(total(&s, "demand"), 455.0);
    assert_eq!(total(&s, "carried"), 455.0);
    assert_eq!(cents(total(&s, "revenue")), 4_351_725);
    assert_eq!(cents(total(&s, "cost")), 11_265_800);
    assert_eq!(cents(total(&s, "profit")), -6_914_075);
    for (o, d, flights, passengers, revenue, cost) in [
        ("KGF", "NQZ", 7.0, 140.0, 1_197_000, 2_405_200),
        ("NQZ", "KGF", 7.0, 105.0, 842_625, 2_512_650),
        ("NQZ", "UKK", 7.0, 210.0, 2_312_100, 4_342_450),
        ("UKK", "NQZ", 3.0, 0.0, 0, 2_005_500),
    ] {
        let r = route(&s, o, d);
        assert_eq!(
            (r.flights.0, r.passengers.0),
            (flights, passengers),
            "{o}-{d}"
        );
        assert_eq!(cents(r.revenue.0), revenue, "{o}-{d} revenue");
        assert_eq!(cents(r.cost.0), cost, "{o}-{d} cost");
        assert_eq!(cents(r.profit.0), revenue - cost, "{o}-{d} profit");
    }
    for (code, revenue, cost) in [("KC", 2_039_625, 4_917_850), ("DV", 2_312_100, 6_347_950)] {
        let a = s.airlines.iter().find(|a| a.airline == code).unwrap();
        assert_eq!(cents(a.revenue.0), revenue, "{code} revenue");
        assert_eq!(cents(a.cost.0), cost, "{code} cost");
        assert_eq!(cents(a.profit.0), revenue - cost, "{code} profit");
    }
}

/// profit = revenue − cost exactly, in whole cents, on the totals, every route and every
/// airline, with noisy demand (Poisson, k-factor, the default segments and their lead
/// times), two classes and non-round costs.
#[test]
fn profit_is_revenue_minus_cost_everywhere() {
    let fares = format!(
        "{FARES_HEADER}KC,KGF,NQZ,Y,185.37,USD,0,-\nKC,KGF,NQZ,M,85.50,USD,7,non_refundable\n\
         KC,NQZ,KGF,Y,171.13,USD,0,-\nKC,NQZ,KGF,M,80.25,USD,7,non_refundable\n\
         DV,NQZ,UKK,Y,240.99,USD,0,-\nDV,NQZ,UKK,M,110.10,USD,14,non_refundable\n"
    );
    let costs = "airline,aircraft,cost_per_block_hour,cost_per_departure,cost_per_passenger,currency\n\
                 KC,E190,2417.13,651.07,9.33,USD\nDV,A320,3301.99,913.41,11.47,USD\n";
    let (_, results, s) = run(
        &[
            ("fleet.csv", PNL_FLEET),
            ("schedule.csv", PNL_SCHEDULE),
            ("demand.csv", PNL_DEMAND),
            ("fares.csv", &fares),
            ("costs.csv", costs),
        ],
        "start = 2023-05-08\nend = 2023-05-21\nseed = 5\n[demand]\nrecapture_days = 0\n",
    );
    let r = &results[0];
    let (j, f) = (r.journey_totals(), r.flight_totals());
    assert!(j.revenue_cents > 0 && f.cost_cents > 0);
    // Requests and flights cover the same dates (no recapture): the routes' revenue is the
    // tickets' revenue.
    assert_eq!(f.revenue_cents, j.revenue_cents);
    let (rev, cost) = (cents(total(&s, "revenue")), cents(total(&s, "cost")));
    assert_eq!((rev, cost), (j.revenue_cents, f.cost_cents));
    assert_eq!(cents(total(&s, "profit")), rev - cost);
    let (mut route_rev, mut route_cost) = (0, 0);
    for x in &s.routes {
        let (rv, c) = (cents(x.revenue.0), cents(x.cost.0));
        assert_eq!(cents(x.profit.0), rv - c, "{}-{}", x.origin, x.destination);
        route_rev += rv;
        route_cost += c;
    }
    assert_eq!((route_rev, route_cost), (rev, cost));
    let (mut airline_rev, mut airline_cost) = (0, 0);
    for a in &s.airlines {
        let (rv, c) = (cents(a.revenue.0), cents(a.cost.0));
        assert_eq!(cents(a.profit.0), rv - c, "{}", a.airline);
        airline_rev += rv;
        airline_cost += c;
    }
    assert_eq!(s.airlines.len(), 2);
    assert_eq!((airline_rev, airline_cost), (rev, cost));
}

/// KGF → NQZ daily, 100 seats, 130 requests a day for four weeks, one class, 10 % no-shows.
///
/// With overbooking on (cap 10 %), each flight sells min(⌊100 / 0.9⌋, ⌊100 × 1.1⌋) =
/// min(111, 110) = 110 seats (demand 130 > 110, so every flight sells out). At departure
/// each of those 110 either boards, does not show, or is denied boarding (and rebooked
/// onto a later flight, where they hold one of that flight's 110): boarded + no-shows +
/// denied = 110 per flight, boarded ≤ 100. No-shows average 11 a flight, so on some flights
/// fewer than 10 fail to show and passengers are denied boarding.
///
/// Without overbooking each flight sells 100: boarded + no-shows = 100, nobody is denied.
#[test]
fn overbooking_no_shows_and_denied_boardings_balance() {
    let fares = format!("{FARES_HEADER}KC,KGF,NQZ,Y,100.00,USD,0,-\n");
    let schedule = format!("{SCHEDULE_HEADER}{SHUTTLE}");
    let fleet = "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,100,10,30\n";
    let segment = r#"
[[demand.segments]]
name = "all"
share = 1.0
wtp_multiple = 2.0
price_sensitivity = 0.0
no_show = 0.1
"#;
    let files = [
        ("fleet.csv", fleet),
        ("schedule.csv", schedule.as_str()),
        ("demand.csv", "origin,destination,daily_pax\nKGF,NQZ,130\n"),
        ("fares.csv", fares.as_str()),
    ];
    let period = "start = 2023-05-01\nend = 2023-05-28\nseed = 11\n";
    for overbooking in [true, false] {
        let rest = REST.replace(
            "method = \"fcfs\"",
            &format!("method = \"fcfs\"\noverbooking = {overbooking}\nmax_overbooking = 0.1"),
        );
        let (study, results, s) = run(&files, &format!("{period}{EVEN}{segment}{rest}"));
        let sold = if overbooking { 110.0 } else { 100.0 };
        let r = route(&s, "KGF", "NQZ");
        assert_eq!(r.flights.0, 28.0);
        assert_eq!(
            r.passengers.0 + r.no_shows.0 + r.denied_boardings.0,
            sold * 28.0,
            "overbooking {overbooking}: every seat sold boards, does not show or is denied"
        );
        for f in &results[0].flights {
            assert!(f.passengers <= study.prepared.net.leg(f.leg).seats);
        }
        let (ns, db) = (total(&s, "no_shows"), total(&s, "denied_boardings"));
        assert_eq!(
            ns, r.no_shows.0,
            "journeys and flights count the same no-shows"
        );
        assert_eq!(db, r.denied_boardings.0);
        // About 10 % of the tickets (binomial: ±5 standard deviations).
        let sd = (sold * 28.0 * 0.09f64).sqrt();
        assert!((ns - sold * 2.8).abs() < 5.0 * sd, "no-shows {ns}");
        if overbooking {
            assert!(db > 0.0, "some flights deny boarding");
            assert!(total(&s, "rebooked") >= db, "the denied are rebooked");
        } else {
            assert_eq!(db, 0.0);
        }
        for m in &results[0].markets {
            assert_eq!(m.demand, m.carried + m.spilled + m.unserved + m.no_purchase);
            assert_eq!(m.demand, 130 * 28);
            // Sold seats: 110 or 100 a flight, less those taken by the denied, who were
            // already counted as carried when they first booked.
            assert!(m.carried as f64 <= sold * 28.0);
            assert!(m.carried as f64 + db >= sold * 28.0 - sold, "{m:?}");
        }
    }
}

/// Sell-up when the cheapest class is closed (here by its fare rule, so the test does not
/// depend on forecasts): Y at 300 is sold any time, M at 100 only 7 days or more before
/// departure. Passengers book one day ahead, so M is never on sale to them. Willingness to pay
/// with median multiple m = 3 of the lowest fare R = 100: P(WTP ≥ 300) = exp(−ln 2 · (300 −
/// 100) / (100 · (3 − 1))) = 2⁻¹ = 0.5, so half the requests buy up to Y and half decline (no
/// purchase: nothing they can afford is for sale, and no seat was missing). When they book 14
/// days ahead instead, M is on sale and every one of them buys it (price-sensitive, and every
/// WTP is at least R).
#[test]
fn when_the_cheap_class_is_closed_half_buy_up_and_half_decline() {
    let fares = format!("{FARES_HEADER}KC,KGF,NQZ,Y,300.00,USD,0,-\nKC,KGF,NQZ,M,100.00,USD,7,-\n");
    let schedule = format!("{SCHEDULE_HEADER}{SHUTTLE}");
    let fleet = "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,120,10,30\n";
    let segment = r#"
[[demand.segments]]
name = "all"
share = 1.0
wtp_multiple = 3.0
price_sensitivity = 1.0
"#;
    let files = [
        ("fleet.csv", fleet),
        ("schedule.csv", schedule.as_str()),
        ("demand.csv", "origin,destination,daily_pax\nKGF,NQZ,100\n"),
        ("fares.csv", fares.as_str()),
    ];
    let period = "start = 2023-05-01\nend = 2023-05-28\nseed = 5\n";
    // 100 a day × 28 days = 2 800 requests.
    let (_, results, s) = run(&files, &format!("{period}{EVEN}{segment}{REST}"));
    let j = results[0].journey_totals();
    assert_eq!(j.demand, 2_800);
    let r = route(&s, "KGF", "NQZ");
    assert!(!r.class_mix.contains_key("M"), "{:?}", r.class_mix);
    let y = r.class_mix["Y"].0;
    assert_eq!(y, j.carried as f64);
    assert_eq!(j.carried + j.no_purchase, 2_800, "bought up or declined");
    assert_eq!(j.spilled, 0);
    // Binomial(2800, 0.5): standard deviation of the share 0.0094.
    let share = y / 2_800.0;
    assert!((share - 0.5).abs() < 0.05, "sell-up share {share}");
    assert_eq!(j.revenue_cents, j.carried as i64 * 30_000);

    let early = EVEN
        .replace("lead_time_min_days = 1", "lead_time_min_days = 14")
        .replace("lead_time_max_days = 1", "lead_time_max_days = 14")
        .replace("lead_time_mean_days = 1", "lead_time_mean_days = 14");
    let (_, results, s) = run(&files, &format!("{period}{early}{segment}{REST}"));
    let j = results[0].journey_totals();
    assert_eq!((j.demand, j.carried), (2_800, 2_800));
    let r = route(&s, "KGF", "NQZ");
    assert_eq!(r.class_mix["M"].0, 2_800.0);
    assert!(!r.class_mix.contains_key("Y"));
}

/// Revenue management protects seats for late, high-paying demand. Leisure travellers (65 %)
/// book 14 to 30 days ahead and buy M at 100 (their willingness to pay hardly ever reaches
/// Y at 400); business travellers (35 %) book in the last 3 days and buy Y (M needs a Saturday
/// stay, which costs them more utility than any price difference). 130 requests a day for
/// 100 seats: about 84.5 leisure and 45.5 business.
///
/// First come, first served, leisure fills about 84 seats before business books, leaving Y
/// about 16 a flight. EMSR-b forecasts the late Y pick-up (untruncating the flights that sold
/// out) and protects about μ_Y + σ_Y Φ⁻¹(1 − 100/400) = μ_Y + 0.67 σ_Y seats from M, so more
/// Y tickets are sold (and fewer M), and revenue rises: each seat moved from M to Y earns 300
/// more. The thresholds leave wide margins (Y up by at least a third, revenue up).
#[test]
fn emsrb_protects_seats_for_late_high_fares() {
    let fares = format!(
        "{FARES_HEADER}KC,KGF,NQZ,Y,400.00,USD,0,-\nKC,KGF,NQZ,M,100.00,USD,0,saturday_stay\n"
    );
    let schedule = format!(
        "{SCHEDULE_HEADER}KC,103,KGF,NQZ,12:00,13:00,0,1234567,2023-01-01,2023-12-31,E190\n"
    );
    let fleet = "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,100,10,30\n";
    let scenario = |method: &str| {
        format!(
            r#"start = 2023-05-01
end = 2023-05-28
seed = 21
[demand]
recapture_days = 0
k_factor = 0.0
day_of_week = [1, 1, 1, 1, 1, 1, 1]
[[demand.segments]]
name = "leisure"
share = 0.65
wtp_multiple = 1.2
price_sensitivity = 2.0
booking_curve = [{{ days_before = 30, share = 0.0 }}, {{ days_before = 14, share = 1.0 }}, {{ days_before = 0, share = 1.0 }}]
[[demand.segments]]
name = "business"
share = 0.35
wtp_multiple = 50.0
price_sensitivity = 0.0
restrictions = {{ saturday_stay = -5.0, non_refundable = 0.0, change_fee = 0.0 }}
booking_curve = [{{ days_before = 3, share = 0.0 }}, {{ days_before = 0, share = 1.0 }}]
[choice]
no_purchase = -1000
[rm]
method = "{method}"
burn_in_days = 70
[operations]
cancellation_probability = 0.0
reactionary = false
[operations.delay]
model = "none"
"#
        )
    };
    let files = [
        ("fleet.csv", fleet),
        ("schedule.csv", schedule.as_str()),
        ("demand.csv", "origin,destination,daily_pax\nKGF,NQZ,130\n"),
        ("fares.csv", fares.as_str()),
    ];
    let mix = |method: &str| {
        let (_, results, s) = run(&files, &scenario(method));
        let r = route(&s, "KGF", "NQZ");
        let n = |c: &str| r.class_mix.get(c).map_or(0.0, |x| x.0);
        (n("Y"), n("M"), results[0].journey_totals().revenue_cents)
    };
    let (fcfs_y, fcfs_m, fcfs_revenue) = mix("fcfs");
    let (emsr_y, emsr_m, emsr_revenue) = mix("emsrb");
    // Seed 21 gives Y 385 and M 2 415 first come, first served; Y 876 and M 1 811 with EMSR-b.
    // 28 flights: FCFS sells out with leisure first.
    assert!(fcfs_y + fcfs_m >= 27.0 * 100.0, "FCFS fills the flights");
    assert!(
        fcfs_y < 28.0 * 25.0,
        "FCFS leaves Y the leftovers: {fcfs_y}"
    );
    assert!(
        emsr_y > fcfs_y * 4.0 / 3.0,
        "EMSR-b sells more Y: {emsr_y} against {fcfs_y}"
    );
    assert!(emsr_m < fcfs_m, "and less M: {emsr_m} against {fcfs_m}");
    assert!(emsr_revenue > fcfs_revenue);
    // Network control on a one-leg network: the bid price (EMSR-b's value of the last seat)
    // closes M when the seats left are worth more than its fare, so it too keeps seats for Y.
    let (bid_y, bid_m, bid_revenue) = mix("bidprice");
    assert!(
        bid_y > fcfs_y * 4.0 / 3.0,
        "bid prices sell more Y: {bid_y} against {fcfs_y}"
    );
    assert!(bid_m < fcfs_m, "and less M: {bid_m} against {fcfs_m}");
    assert!(bid_revenue > fcfs_revenue);
}

/// Runs `flightnet emsrb` with `args` and `--format json`.
fn emsrb(args: &[&str]) -> serde_json::Value {
    let out = ok(bin()
        .arg("emsrb")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn numbers(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

/// Littlewood's rule for two classes, y = μ₁ + σ₁ Φ⁻¹(1 − f₂/f₁), printed to 4 decimals:
/// * 600:20:8 against 450: Φ⁻¹(0.25) = −0.674490 → y = 20 − 5.395918 = 14.604082 → 14.6041,
///   booking limits 150 and 135.3959;
/// * 300:40:10 against 100: Φ⁻¹(2/3) = 0.430727 → y = 44.307273 → 44.3073, limits 150 and
///   105.6927.
#[test]
fn emsrb_two_classes_follow_littlewood() {
    for (class1, class2, y, limit) in [
        ("600:20:8", "450:35:12", 14.6041, 135.3959),
        ("300:40:10", "100:50:5", 44.3073, 105.6927),
    ] {
        let v = emsrb(&["--class", class1, "--class", class2, "--capacity", "150"]);
        assert_eq!(numbers(&v["protection_levels"]), [y]);
        assert_eq!(numbers(&v["booking_limits"]), [150.0, limit]);
        assert_eq!(v["capacity"].as_f64(), Some(150.0));
    }
}

/// Four classes, 150 seats (fares 600, 450, 320, 220; means 20, 35, 45, 60; sd 8, 12, 15, 20):
/// * j = 1: pool mean 20, sd 8, mean fare 600; 450/600 = 0.75 → y₁ = 20 + 8 Φ⁻¹(0.25)
///   = 14.6041;
/// * j = 2: mean 55, sd √(64 + 144) = 14.4222, mean fare (12 000 + 15 750)/55 = 504.545;
///   320/504.545 = 0.634234 → y₂ = 55 + 14.4222 Φ⁻¹(0.365766) = 55 − 4.9481 = 50.0519;
/// * j = 3: mean 100, sd √433 = 20.8087, mean fare 42 150/100 = 421.5; 220/421.5 = 0.521945
///   → y₃ = 100 + 20.8087 Φ⁻¹(0.478055) = 100 − 1.1452 = 98.8548.
///
/// Booking limits 150, 150 − y₁ = 135.3959, 99.9481, 51.1452: nested, non-increasing. With 40
/// seats, the levels are capped at the seats (14.6041, 40, 40) and the limits at zero.
#[test]
fn emsrb_four_classes_match_the_hand_computation() {
    let classes = [
        "--class",
        "600:20:8",
        "--class",
        "450:35:12",
        "--class",
        "320:45:15",
        "--class",
        "220:60:20",
    ];
    let v = emsrb(&[&classes[..], &["--capacity", "150"]].concat());
    let y = numbers(&v["protection_levels"]);
    let limits = numbers(&v["booking_limits"]);
    assert_eq!(y, [14.6041, 50.0519, 98.8548]);
    assert_eq!(limits, [150.0, 135.3959, 99.9481, 51.1452]);
    assert!(
        y.windows(2).all(|w| w[0] <= w[1]),
        "protection is cumulative"
    );
    assert!(limits.windows(2).all(|w| w[0] >= w[1]), "limits are nested");
    assert_eq!(v["classes"].as_array().unwrap().len(), 4);

    let v = emsrb(&[&classes[..], &["--capacity", "40"]].concat());
    assert_eq!(numbers(&v["protection_levels"]), [14.6041, 40.0, 40.0]);
    assert_eq!(numbers(&v["booking_limits"]), [40.0, 25.3959, 0.0, 0.0]);
}

/// A class that is not FARE:MEAN:SD, a negative mean, and fares out of order are usage errors:
/// exit code 2 and a message naming the problem.
#[test]
fn emsrb_refuses_bad_classes() {
    for (args, says) in [
        (
            &["--class", "600:20", "--capacity", "150"][..],
            "\"600:20\" is not a class; expected FARE:MEAN:SD",
        ),
        (
            &["--class", "600:-3:8", "--capacity", "150"],
            "\"600:-3:8\" is not a class",
        ),
        (
            &["--class", "abc:1:1", "--capacity", "150"],
            "\"abc:1:1\" is not a class",
        ),
        (
            &[
                "--class",
                "400:20:8",
                "--class",
                "450:35:12",
                "--capacity",
                "150",
            ],
            "fare 450 is above the class before it (400)",
        ),
        (
            &["--class", "600:20:8", "--capacity=-1"],
            "\"-1\" is not a capacity",
        ),
    ] {
        let out = bin().arg("emsrb").args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}
