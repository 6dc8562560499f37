//! Synthetic networks: determinism, exact sizes, clean loading, fleets against rotations,
//! demand, a short simulation, the command line and bad options.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use flightnet::runner::Study;
use flightnet::synth::{FILE_NAMES, GenerateOptions, Size, SyntheticNetwork, generate};
use flightnet_data::Error;
use flightnet_data::input::load_dir;
use flightnet_data::network::{AirportId, Network, NetworkData};
use flightnet_data::scenario::Scenario;
use flightnet_data::time::{DateRange, Day};
use flightnet_sim::rotation::Rotations;

use super::fixture::bin;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// 60 airports (2 hubs), 240 routes, over nine weeks (fast to load and run).
fn options() -> GenerateOptions {
    let mut o = GenerateOptions::new(60, 240);
    o.seed = 11;
    o.period = DateRange::new(day("2025-03-03"), day("2025-05-04")).unwrap();
    o
}

fn written(net: &SyntheticNetwork) -> (tempfile::TempDir, NetworkData) {
    let dir = tempfile::tempdir().unwrap();
    net.write(dir.path()).unwrap();
    let data = load_dir(dir.path()).unwrap_or_else(|e| panic!("diagnostics: {e}"));
    (dir, data)
}

fn read_all(dir: &Path) -> Vec<Vec<u8>> {
    FILE_NAMES
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect()
}

/// Directed (origin, destination) routes of the schedule.
fn routes(data: &NetworkData) -> BTreeSet<(AirportId, AirportId)> {
    data.patterns
        .iter()
        .map(|p| (p.origin, p.destination))
        .collect()
}

#[test]
fn same_seed_gives_identical_bytes_and_another_seed_differs() {
    let a = generate(&options()).unwrap();
    let b = generate(&options()).unwrap();
    let (da, _) = written(&a);
    let (db, _) = written(&b);
    assert_eq!(read_all(da.path()), read_all(db.path()));
    let mut other = options();
    other.seed = 12;
    let c = generate(&other).unwrap();
    assert_ne!(a.airports_csv, c.airports_csv);
    assert_ne!(a.schedule_csv, c.schedule_csv);
    assert_ne!(a.demand_csv, c.demand_csv);
}

#[test]
fn written_files_load_cleanly_and_equal_the_tables_in_memory() {
    let net = generate(&options()).unwrap();
    let (_dir, loaded) = written(&net);
    let dbg = |d: &NetworkData| {
        (
            format!("{:?}", d.airports),
            format!("{:?}", d.airlines),
            format!("{:?}", d.fleet),
            format!("{:?}", d.patterns),
            format!("{:?}", d.demand),
        )
    };
    assert_eq!(dbg(&loaded), dbg(&net.data));
    for (name, text) in net.files() {
        assert!(text.lines().all(|l| !l.contains(",,")), "{name}");
        assert!(
            text.lines().skip(2).all(|l| l.ends_with(",E,synthetic")),
            "{name}"
        );
    }
}

#[test]
fn exact_counts_both_directions_and_hub_and_spoke_structure() {
    let net = generate(&options()).unwrap();
    let data = &net.data;
    assert_eq!(data.airports.len(), 60);
    let r = routes(data);
    assert_eq!(r.len(), 240);
    assert!(r.iter().all(|&(o, d)| r.contains(&(d, o))));
    let c = &net.counts;
    assert_eq!((c.airports, c.routes, c.hubs), (60, 240, 2));
    let weekly: u64 = data.patterns.iter().map(|p| p.days.count() as u64).sum();
    assert_eq!(c.weekly_flights, weekly);
    // Hubs have international names; every other airport flies to one to three hubs.
    let hubs: BTreeSet<AirportId> = (0..data.airports.len())
        .map(|i| AirportId(i as u16))
        .filter(|&a| data.airport(a).name.ends_with("International Airport"))
        .collect();
    assert_eq!(hubs.len(), 2);
    for i in 0..data.airports.len() {
        let a = AirportId(i as u16);
        if !hubs.contains(&a) {
            let n = hubs.iter().filter(|&&h| r.contains(&(a, h))).count();
            assert!(
                (1..=3).contains(&n),
                "{} flies to {n} hubs",
                data.airport(a).iata
            );
        }
    }
    // Unique codes and a zone that matches the longitude.
    let codes: BTreeSet<&str> = data.airports.iter().map(|a| a.iata.as_str()).collect();
    assert_eq!(codes.len(), 60);
    for a in &data.airports {
        assert_eq!(a.icao, format!("X{}", a.iata));
        let hours = (a.lon / 15.0).round() as i32;
        assert_eq!(a.zone.name(), format!("Etc/GMT-{hours}"));
    }
}

#[test]
fn the_fleet_covers_the_rotations_of_every_week_of_the_year() {
    let mut o = GenerateOptions::new(40, 120);
    o.seed = 5;
    let net = generate(&o).unwrap();
    let data = Arc::new(net.data.clone());
    let year = DateRange::new(day("2025-01-01"), day("2025-12-31")).unwrap();
    let rot = Rotations::build(&Network::build(data.clone(), year));
    assert_eq!(rot.needs.len(), data.fleet.len());
    assert!(data.fleet.len() >= 2, "several aircraft types");
    for n in &rot.needs {
        assert!(!n.short, "{n:?}");
        assert!(n.needed >= 1);
    }
}

#[test]
fn every_market_has_positive_demand_and_is_nonstop_or_one_hub_connection() {
    let net = generate(&options()).unwrap();
    let data = &net.data;
    let r = routes(data);
    let mut markets = BTreeSet::new();
    for m in &data.demand {
        assert!(m.daily_pax > 0.0);
        assert!(
            markets.insert((m.origin, m.destination)),
            "one row per market"
        );
        let nonstop = r.contains(&(m.origin, m.destination));
        let connecting = (0..data.airports.len()).any(|h| {
            let h = AirportId(h as u16);
            r.contains(&(m.origin, h)) && r.contains(&(h, m.destination))
        });
        assert!(nonstop || connecting);
    }
    // Every nonstop route is a market, and there are one-connection markets too.
    assert!(r.iter().all(|k| markets.contains(k)));
    assert!(markets.len() > r.len());
    let total: f64 = data.demand.iter().map(|m| m.daily_pax).sum();
    assert!((net.counts.daily_demand - total).abs() < 1e-6);
    assert!(
        net.counts.unserved_markets * 100 <= net.counts.markets,
        "{:?}",
        net.counts
    );
}

#[test]
fn a_short_simulation_fills_flights_below_the_planned_load_factor() {
    let net = generate(&options()).unwrap();
    let text = "start = 2025-03-10\nend = 2025-03-30\nseed = 3\n";
    let scenario = Scenario::parse(text, "synthetic test", Path::new(".")).unwrap();
    let study = Study::with_data(scenario, &net.data).unwrap();
    let results = study.run_all(&|_, _| {});
    let f = results[0].flight_totals();
    let j = results[0].journey_totals();
    let lf = f.load_factor();
    // Requests are generated for an 85% planned load factor, but each request may find the
    // fare above its willingness to pay or the itinerary worse than not flying (the outside
    // option), so the flights fill well below the plan; they must still carry a real load.
    assert!((0.3..=0.85).contains(&lf), "load factor {lf}");
    assert!(j.no_purchase > 0 && j.carried > j.demand / 3, "{j:?}");
    assert!(j.connecting > j.demand / 20, "{j:?}");
    assert!((j.spilled as f64) < 0.3 * j.demand as f64, "{j:?}");
    let fleet_ok = study.prepared.rotations.needs.iter().all(|n| !n.short);
    assert!(fleet_ok);
}

#[test]
fn the_large_preset_is_large_enough() {
    let o = Size::Large.options();
    let net = generate(&o).unwrap();
    let c = &net.counts;
    assert!(c.airports >= 300 && c.routes >= 3000, "{c:?}");
    assert!(c.annual_demand >= 50e6, "{c:?}");
    assert!(
        (c.planned_load_factor - o.load_factor).abs() < 0.01,
        "{c:?}"
    );
    for s in Size::ALL {
        assert_eq!(s.name().parse::<Size>().unwrap(), s);
    }
    assert!("huge".parse::<Size>().is_err());
}

#[test]
fn bad_options_are_errors_with_reasons() {
    let err = |o: GenerateOptions| match generate(&o) {
        Err(e @ Error::Request(_)) => {
            assert!(e.is_user_input());
            e.to_string()
        }
        other => panic!("expected a request error, got {other:?}"),
    };
    assert!(err(GenerateOptions::new(2, 2)).contains("at least 3 airports"));
    assert!(err(GenerateOptions::new(5000, 20000)).contains("at most 2000 airports"));
    assert!(err(GenerateOptions::new(30, 201)).contains("must be even"));
    assert!(err(GenerateOptions::new(30, 40)).contains("at least 58 routes"));
    assert!(err(GenerateOptions::new(10, 92)).contains("at most 90 routes"));
    let mut o = GenerateOptions::new(10, 30);
    o.period = DateRange::new(day("2025-01-01"), day("2025-01-03")).unwrap();
    assert!(err(o).contains("at least a week"));
    let mut o = GenerateOptions::new(10, 30);
    o.passengers_per_year = Some(0.0);
    assert!(err(o).contains("passengers"));
    let mut o = GenerateOptions::new(10, 30);
    o.load_factor = 1.5;
    assert!(err(o).contains("load factor"));
    // The smallest and the densest networks are fine.
    for (n, m) in [(3, 4), (3, 6), (12, 132)] {
        let net = generate(&GenerateOptions::new(n, m)).unwrap();
        assert_eq!(routes(&net.data).len(), m as usize);
    }
}

#[test]
fn the_command_writes_a_network_and_rejects_odd_routes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("net");
    let run = bin()
        .args([
            "generate",
            "--airports",
            "12",
            "--routes",
            "40",
            "--seed",
            "4",
        ])
        .args(["--start", "2025-06-02", "--end", "2025-06-29", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("12 airports") && stderr.contains("40 routes"),
        "{stderr}"
    );
    let data = load_dir(&out).unwrap();
    assert_eq!(routes(&data).len(), 40);
    let spans: BTreeMap<_, _> = data
        .patterns
        .iter()
        .map(|p| (p.period.first, p.period.last))
        .collect();
    assert_eq!(spans.get(&day("2025-06-02")), Some(&day("2025-06-29")));
    let bad = bin()
        .args(["generate", "--airports", "12", "--routes", "41", "--out"])
        .arg(dir.path().join("bad"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("must be even"));
    assert!(!dir.path().join("bad").exists());
}
