//! `tune` finds frequencies that beat the starting ones, within the cap; its TOML runs.

use flightnet::tune::{Objective, RoutePair, TuneOptions, Tuner};
use flightnet_data::scenario::Scenario;
use flightnet_data::time::{DateRange, Day};

const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii
KGF,UAKK,Karaganda,Karaganda,KZ,49.6708,73.3344,Asia/Almaty,30,60,90,90
NQZ,UACC,Astana,Astana,KZ,51.0222,71.4669,Asia/Almaty,40,60,75,60
";
const SCHEDULE: &str = "\
airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft
KC,101,KGF,NQZ,08:00,09:00,0,1234567,2023-05-01,2023-06-30,E190
KC,102,NQZ,KGF,10:00,11:00,0,1234567,2023-05-01,2023-06-30,E190
";
const SCENARIO: &str = r#"
start = 2023-05-01
end = 2023-06-30
seed = 3
[demand]
day_of_week = [1, 1, 1, 1, 1, 1, 1]
[operations.delay]
model = "none"
"#;

fn setup() -> (
    tempfile::TempDir,
    flightnet_data::network::NetworkData,
    Scenario,
) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("airports.csv", AIRPORTS),
        ("airlines.csv", "code,name,country\nKC,Air Astana,KZ\n"),
        (
            "fleet.csv",
            "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,100,3,30\n",
        ),
        ("schedule.csv", SCHEDULE),
        (
            "demand.csv",
            "origin,destination,daily_pax\nKGF,NQZ,250\nNQZ,KGF,250\n",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = flightnet_data::input::load_dir(dir.path()).unwrap();
    let scenario = Scenario::parse(
        &format!("network = \"{}\"\n{SCENARIO}", dir.path().display()),
        "t.toml",
        dir.path(),
    )
    .unwrap();
    (dir, data, scenario)
}

fn options(cap: u32) -> TuneOptions {
    TuneOptions {
        routes: vec![RoutePair {
            airline: "KC".into(),
            a: "KGF".into(),
            b: "NQZ".into(),
        }],
        countries: ("KZ".into(), "KZ".into()),
        window: DateRange::new(
            Day::parse("2023-06-05").unwrap(),
            Day::parse("2023-06-18").unwrap(),
        )
        .unwrap(),
        objective: Objective::Passengers {
            cost_per_flight: 40.0,
        },
        cap,
        max_weekly: 21,
        replications: 3,
        max_rounds: 30,
    }
}

#[test]
fn recommended_frequencies_beat_the_starting_ones() {
    let (_dir, data, scenario) = setup();
    let tuner = Tuner::new(&scenario, &data, options(84)).unwrap();
    assert_eq!(tuner.start().next().unwrap().1, 7);
    let r = tuner.run(&|_, _| {}).unwrap();
    // 250 passengers a day each way on one 100-seat flight: more flights carry more.
    assert!(r.routes[0].recommended > 7, "{}", r.to_table());
    assert!(r.objective_end.mean > r.objective_start.mean);
    assert!(
        r.improvement.ci95_low > 0.0,
        "the gain is signal, not noise"
    );
    assert!(r.routes[0].passengers > r.routes[0].passengers_current);
    // Deterministic for a seed.
    let again = Tuner::new(&scenario, &data, options(84))
        .unwrap()
        .run(&|_, _| {})
        .unwrap();
    assert_eq!(r.to_json(), again.to_json());
}

#[test]
fn the_cap_limits_the_recommendation() {
    let (_dir, data, scenario) = setup();
    let r = Tuner::new(&scenario, &data, options(9))
        .unwrap()
        .run(&|_, _| {})
        .unwrap();
    assert!(r.routes[0].recommended <= 9, "{}", r.to_table());
    assert!(r.routes[0].recommended > 7);
}

#[test]
fn the_tuned_scenario_runs() {
    let (dir, _data, _scenario) = setup();
    let scenario_path = dir.path().join("s.toml");
    std::fs::write(&scenario_path, format!("network = \".\"\n{SCENARIO}")).unwrap();
    let tuned = dir.path().join("out").join("tuned.toml");
    std::fs::create_dir_all(tuned.parent().unwrap()).unwrap();
    crate::fixture::ok(
        crate::fixture::bin()
            .arg("tune")
            .arg(&scenario_path)
            .args([
                "--tune",
                "KC:KGF-NQZ",
                "--countries",
                "KZ-CN",
                "--cost-per-flight",
                "40",
                "--from",
                "2023-06-05",
                "--to",
                "2023-06-18",
                "--out",
            ])
            .arg(&tuned)
            .output()
            .unwrap(),
    );
    let text = std::fs::read_to_string(&tuned).unwrap();
    assert!(text.contains("[[frequency]]"), "{text}");
    let run = crate::fixture::bin()
        .arg("run")
        .arg(&tuned)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn bad_tune_requests_are_errors() {
    let (_dir, data, scenario) = setup();
    let mut o = options(84);
    o.routes = vec![RoutePair {
        airline: "KC".into(),
        a: "KGF".into(),
        b: "PEK".into(),
    }];
    assert!(Tuner::new(&scenario, &data, o).is_err());
    let out = crate::fixture::bin()
        .args(["tune", "--tune", "KC-ALA-PEK"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
