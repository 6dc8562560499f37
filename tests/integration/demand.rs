//! The demand model: independent of capacity, day-to-day variance, the outside option, time
//! of knowledge, and the four outcomes of a request.

use flightnet::runner::Study;
use flightnet_data::network::NetworkData;
use flightnet_data::scenario::Scenario;
use flightnet_sim::simulation::Results;

use crate::fixture::{Net, replace};

/// Runs `scenario` (TOML text) on the network in `dir`.
fn run_on(dir: &std::path::Path, data: &NetworkData, scenario: &str) -> (Study, Vec<Results>) {
    let s = Scenario::parse(scenario, "test.toml", dir).unwrap();
    let study = Study::with_data(s, data).unwrap();
    let results = study.run_all(&|_, _| {});
    (study, results)
}

const TWO_WEEKS: &str = "start = 2022-11-28\nend = 2022-12-11\nseed = 3\nreplications = 2\n";

/// Requests per market and per requested date, every replication.
fn requests(results: &[Results]) -> Vec<(Vec<u64>, Vec<u64>)> {
    results
        .iter()
        .map(|r| {
            (
                r.markets.iter().map(|m| m.demand).collect(),
                r.daily_journeys.iter().map(|d| d.demand).collect(),
            )
        })
        .collect()
}

/// Doubling every aircraft's seats, or doubling a route's frequency, leaves the requests of
/// every market on every date exactly as they were: demand does not read capacity.
#[test]
fn demand_does_not_depend_on_capacity() {
    let base = Net::valid();
    let data = flightnet_data::input::load_dir(base.path()).unwrap();
    let (_, before) = run_on(base.path(), &data, TWO_WEEKS);
    assert!(requests(&before)[0].0.iter().sum::<u64>() > 1000);

    let seats = Net::with(|name, text| {
        if name == "fleet.csv" {
            // Types large enough to hold the seats (the plausibility checks know cabin sizes).
            text.replace("32Q,166,", "388,332,")
                .replace("290,104,", "388,208,")
                .replace("738,167,", "388,334,")
        } else {
            text.to_string()
        }
    });
    let data2 = flightnet_data::input::load_dir(seats.path()).unwrap();
    let (_, doubled_seats) = run_on(seats.path(), &data2, TWO_WEEKS);
    assert_eq!(requests(&before), requests(&doubled_seats));

    let more = format!(
        "{TWO_WEEKS}\n[[frequency]]\nairline = \"KC\"\norigin = \"ALA\"\ndestination = \"NQZ\"\nweekly = 14\nfrom = 2022-11-28\nto = 2022-12-11\n"
    );
    let (study, doubled_flights) = run_on(base.path(), &data, &more);
    let ala_nqz = study
        .summary(&doubled_flights)
        .routes
        .iter()
        .find(|r| r.airline == "KC" && r.origin == "ALA" && r.destination == "NQZ")
        .map(|r| r.flights.0)
        .unwrap();
    assert_eq!(ala_nqz, 28.0, "the override doubled the flights");
    assert_eq!(requests(&before), requests(&doubled_flights));
}

/// Every request ends exactly one way, on every market and every day.
#[test]
fn the_four_outcomes_add_up_on_every_market() {
    let base = Net::valid();
    let data = flightnet_data::input::load_dir(base.path()).unwrap();
    let (_, results) = run_on(base.path(), &data, TWO_WEEKS);
    for r in &results {
        for m in r.markets.iter().chain(&r.daily_journeys) {
            assert_eq!(m.demand, m.carried + m.spilled + m.unserved + m.no_purchase);
            assert!(m.recaptured <= m.carried);
        }
    }
}

/// Two airports; `per_day` flights a day spread evenly from 06:00, ample seats.
fn shuttle(per_day: u32, block: &'static str) -> Net {
    let mut rows = String::from(
        "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source\n",
    );
    for k in 0..per_day {
        let minutes = 6 * 60 + k * (16 * 60) / per_day.max(1);
        let (h, m) = (minutes / 60, minutes % 60);
        let (bh, bm) = block.split_once(':').unwrap();
        let arr = minutes + bh.parse::<u32>().unwrap() * 60 + bm.parse::<u32>().unwrap();
        rows.push_str(&format!(
            "KC,{},ALA,NQZ,{h:02}:{m:02},{:02}:{:02},{},1234567,2022-11-01,2023-03-31,A321LR,E,-\n",
            100 + k,
            (arr / 60) % 24,
            arr % 60,
            arr / (24 * 60)
        ));
    }
    Net::with(move |name, text| match name {
        "schedule.csv" => rows.clone(),
        "demand.csv" => "origin,destination,daily_pax,basis,source\nALA,NQZ,200,E,-\n".into(),
        "fleet.csv" => text.replace("A321LR,32Q,166,10", "A321LR,388,400,40"),
        _ => text.to_string(),
    })
}

/// The outside option makes the market share follow the schedule. With a convex cost of
/// leaving away from the wanted time (quadratic in hours), share rises with frequency first
/// faster (each flight brings the next ones closer to the times passengers want), then slower
/// (saturation): an S-shape. (With a linear cost only, the curve is concave from the first
/// flight.)
#[test]
fn market_share_rises_with_frequency_in_an_s_shape() {
    let scenario = r#"
start = 2022-12-05
end = 2022-12-25
seed = 11
replications = 2
[demand]
k_factor = 0.0
[choice]
displacement_per_hour = 0.0
displacement_per_hour_squared = -0.7
no_purchase = -3.0
"#;
    let shares: Vec<f64> = (1..=8)
        .map(|n| {
            let net = shuttle(n, "1:45");
            let data = flightnet_data::input::load_dir(net.path()).unwrap();
            let (_, r) = run_on(net.path(), &data, scenario);
            let (c, d): (u64, u64) = r
                .iter()
                .map(|r| (r.journey_totals().carried, r.journey_totals().demand))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            c as f64 / d as f64
        })
        .collect();
    for w in shares.windows(2) {
        assert!(w[1] > w[0], "share must rise with frequency: {shares:?}");
    }
    let second: Vec<f64> = shares
        .windows(3)
        .map(|w| w[2] - 2.0 * w[1] + w[0])
        .collect();
    let convex = second.iter().position(|&x| x > 0.0);
    let concave = second.iter().rposition(|&x| x < 0.0);
    assert!(
        matches!((convex, concave), (Some(a), Some(b)) if a < b),
        "an S-shape: convex first, concave later; shares {shares:?}, second differences {second:?}"
    );
    assert!(shares[0] < 0.3 && shares[7] > 0.75, "{shares:?}");
}

/// Astana–Urumqi on `rows` (schedule rows after the header), 100 passengers a day.
fn nqz_urc(rows: &'static str) -> Net {
    Net::with(move |name, text| match name {
        "schedule.csv" => format!(
            "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source\n{rows}"
        ),
        "demand.csv" => "origin,destination,daily_pax,basis,source\nNQZ,URC,100,E,-\n".into(),
        _ => text.to_string(),
    })
}

/// When the only itinerary is a 12-hour connection (8 h 15 at Almaty), most passengers do not
/// fly; a daily nonstop keeps most of them.
#[test]
fn a_twelve_hour_connection_loses_demand() {
    let scenario = r#"
start = 2022-12-05
end = 2022-12-18
seed = 5
[demand]
k_factor = 0.0
"#;
    let share = |net: Net| {
        let data = flightnet_data::input::load_dir(net.path()).unwrap();
        let (_, r) = run_on(net.path(), &data, scenario);
        let t = r[0].journey_totals();
        (
            t.carried as f64 / t.demand as f64,
            t.no_purchase as f64 / t.demand as f64,
            t.connecting,
        )
    };
    let (nonstop, _, _) = share(nqz_urc(
        "KC,900,NQZ,URC,10:00,14:15,0,1234567,2022-11-01,2023-03-31,A321LR,E,-\n",
    ));
    let (connecting, lost, via) = share(nqz_urc(
        "KC,851,NQZ,ALA,06:00,07:45,0,1234567,2022-11-01,2023-03-31,E190-E2,E,-\n\
         KC,905,ALA,URC,16:00,19:35,0,1234567,2022-11-01,2023-03-31,A321LR,E,-\n",
    ));
    assert!(nonstop > 0.6, "a daily nonstop carries {nonstop}");
    assert!(via > 0, "the connection is bookable");
    assert!(
        connecting < 0.3 && lost > 0.6,
        "a 12-hour connection carries {connecting}, loses {lost} to not flying"
    );
}

/// Requests for dates with no itinerary on or near them are unserved, not spilled: before a
/// route starts, its market is unserved; spill needs full flights.
#[test]
fn unserved_demand_is_not_spill() {
    // KC ALA–PEK flies from 2022-11-22 (Tuesdays); ALA-PEK demand exists before.
    let net = Net::valid();
    let data = flightnet_data::input::load_dir(net.path()).unwrap();
    let scenario = "start = 2022-11-01\nend = 2022-11-14\nseed = 2\n";
    let (study, r) = run_on(net.path(), &data, scenario);
    let ala_pek = study
        .prepared
        .markets
        .iter()
        .position(|m| {
            data.airport(m.origin).iata == "ALA" && data.airport(m.destination).iata == "PEK"
        })
        .unwrap();
    let m = &r[0].markets.as_slice()[ala_pek];
    assert!(m.demand > 500, "{m:?}");
    assert_eq!(m.unserved, m.demand, "{m:?}");
    assert_eq!((m.spilled, m.carried), (0, 0));
}

/// With day-to-day variance, a market's requests per date spread more than Poisson: variance
/// about `μ + k²μ²`.
#[test]
fn the_k_factor_adds_day_to_day_variance() {
    let net = shuttle(4, "1:45");
    let data = flightnet_data::input::load_dir(net.path()).unwrap();
    let dispersion = |k: f64| {
        let scenario = format!(
            "start = 2022-11-15\nend = 2023-03-15\nseed = 9\n[demand]\nk_factor = {k}\nday_of_week = [1,1,1,1,1,1,1]\n"
        );
        let (_, r) = run_on(net.path(), &data, &scenario);
        let days: Vec<f64> = r[0]
            .daily_journeys
            .iter()
            .map(|d| d.demand as f64)
            .collect();
        let mean = days.iter().sum::<f64>() / days.len() as f64;
        let var = days.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (days.len() - 1) as f64;
        (mean, var)
    };
    let (m0, v0) = dispersion(0.0);
    assert!(
        (v0 / m0 - 1.0).abs() < 0.35,
        "Poisson: variance {v0} mean {m0}"
    );
    let (m1, v1) = dispersion(0.4);
    let want = m1 + 0.16 * m1 * m1;
    assert!(
        (v1 / want - 1.0).abs() < 0.4,
        "k = 0.4: variance {v1}, expected about {want} (mean {m1})"
    );
}

/// Time of knowledge: a recovery point announced on 2022-12-26 changes nothing booked before
/// that day, and changes bookings after it.
#[test]
fn an_announcement_changes_no_earlier_booking() {
    let net = Net::valid();
    let data = flightnet_data::input::load_dir(net.path()).unwrap();
    let base = r#"
start = 2022-12-01
end = 2023-02-28
seed = 4
[[demand.recovery]]
markets = "*"
points = [
  { date = 2022-12-01, index = 0.3 },
"#;
    let before = format!("{base}]\n");
    let after =
        format!("{base}  {{ date = 2023-01-08, index = 1.0, announced = 2022-12-26 }},\n]\n");
    let (study, a) = run_on(net.path(), &data, &before);
    let (_, b) = run_on(net.path(), &data, &after);
    let first_booking =
        study.prepared.simulated.first.0 - (a[0].booking_curves[0].len() as i32 - 1);
    let cut = (flightnet_data::time::Day::parse("2022-12-26").unwrap().0 - first_booking) as usize;
    assert!(a[0].sold_by_booking_day[..cut].iter().sum::<u64>() > 100);
    assert_eq!(
        a[0].sold_by_booking_day[..cut],
        b[0].sold_by_booking_day[..cut]
    );
    assert!(
        b[0].sold_by_booking_day[cut..].iter().sum::<u64>()
            > a[0].sold_by_booking_day[cut..].iter().sum::<u64>(),
        "bookings after the announcement see the reopening"
    );
}

/// A network whose schedule is missing a fare for a market it serves is refused with the
/// markets named.
#[test]
fn missing_fares_are_an_error_naming_the_markets() {
    let net = Net::with(replace("fleet.csv", "KC,A321LR", "KC,A321LR"));
    std::fs::write(
        net.file("fares.csv"),
        "airline,origin,destination,class,fare,currency,advance_purchase_days,restrictions\nKC,ALA,PEK,Y,300,USD,0,-\n",
    )
    .unwrap();
    let data = flightnet_data::input::load_dir(net.path()).unwrap();
    let s = Scenario::parse(TWO_WEEKS, "t.toml", net.path()).unwrap();
    let err = Study::with_data(s, &data).err().unwrap().to_string();
    assert!(
        err.contains("fares.csv has no fare")
            && err.contains("KC PEK-ALA")
            && err.contains("KC NQZ-PEK"),
        "{err}"
    );
}
