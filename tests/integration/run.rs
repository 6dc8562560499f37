//! `flightnet run` end to end: outputs, determinism, replications.

use crate::fixture::bin;

/// Runs `flightnet run` with `args` on two weeks of the built-in scenario.
fn run(args: &[&str]) -> std::process::Output {
    crate::fixture::ok(
        bin()
            .args(["run", "--start", "2023-10-02", "--end", "2023-10-15"])
            .args(args)
            .output()
            .unwrap(),
    )
}

/// The JSON document without the engine section (timings differ between runs).
fn json_without_engine(out: &std::process::Output) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_object_mut().unwrap().remove("engine");
    v
}

#[test]
fn json_has_the_documented_fields_and_balances() {
    let out = run(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["totals"];
    for k in [
        "flights",
        "seats",
        "demand",
        "carried",
        "spilled",
        "unserved",
        "no_purchase",
        "revenue",
        "cost",
        "profit",
        "misconnected",
        "rebooked",
        "stranded",
        "load_factor",
    ] {
        assert!(t[k].is_number(), "totals.{k}");
    }
    let n = |k: &str| t[k].as_f64().unwrap();
    assert_eq!(
        n("demand"),
        n("carried") + n("spilled") + n("unserved") + n("no_purchase")
    );
    // Money is kept in whole cents: profit is revenue minus cost to the cent.
    assert!((n("profit") - (n("revenue") - n("cost"))).abs() < 0.005);
    assert_eq!(
        n("connections"),
        n("connections_made") + n("connections_missed")
    );
    assert!(n("passengers") <= n("seats"));
    let r = &v["routes"][0];
    for k in [
        "airline",
        "origin",
        "destination",
        "flights",
        "seats",
        "passengers",
        "load_factor",
    ] {
        assert!(!r[k].is_null(), "routes[0].{k}");
    }
    let h = &v["hubs"][0];
    for k in ["airport", "connecting", "made", "missed"] {
        assert!(!h[k].is_null(), "hubs[0].{k}");
    }
    assert!(v["engine"]["events"].as_u64().unwrap() > 0);
    assert!(v["engine"]["wall_seconds"].as_f64().unwrap() > 0.0);
}

#[test]
fn same_seed_same_output_different_seed_different_output() {
    let a = run(&["--format", "json", "--seed", "5"]);
    let b = run(&["--format", "json", "--seed", "5"]);
    let c = run(&["--format", "json", "--seed", "6"]);
    assert_eq!(json_without_engine(&a), json_without_engine(&b));
    assert_ne!(json_without_engine(&a), json_without_engine(&c));
    // The table output is byte-identical except its last (engine timing) line.
    let t1 = run(&["--seed", "5"]);
    let t2 = run(&["--seed", "5"]);
    let strip = |o: &std::process::Output| {
        let s = String::from_utf8(o.stdout.clone()).unwrap();
        s.lines()
            .filter(|l| !l.starts_with("Engine:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&t1), strip(&t2));
}

#[test]
fn out_folder_files_are_complete_and_byte_identical() {
    let d1 = tempfile::tempdir().unwrap();
    let d2 = tempfile::tempdir().unwrap();
    run(&["--out", d1.path().to_str().unwrap(), "--format", "json"]);
    run(&["--out", d2.path().to_str().unwrap(), "--format", "json"]);
    for f in [
        "flights.csv",
        "routes.csv",
        "markets.csv",
        "hubs.csv",
        "daily.csv",
        "weekly.csv",
    ] {
        let a = std::fs::read(d1.path().join(f)).unwrap();
        let b = std::fs::read(d2.path().join(f)).unwrap();
        assert!(!a.is_empty(), "{f}");
        assert_eq!(a, b, "{f} differs between identical runs");
    }
    let flights = std::fs::read_to_string(d1.path().join("flights.csv")).unwrap();
    let header = flights.lines().next().unwrap();
    assert!(
        header.starts_with(
            "replication,date,airline,flight,origin,destination,scheduled_departure_utc"
        )
    );
    // Passengers never exceed seats on any dated flight.
    let mut rdr = csv::Reader::from_reader(flights.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let (si, pi) = (
        h.iter().position(|c| c == "seats").unwrap(),
        h.iter().position(|c| c == "passengers").unwrap(),
    );
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let seats: u32 = rec[si].parse().unwrap();
        let pax: u32 = rec[pi].parse().unwrap();
        assert!(pax <= seats);
        n += 1;
    }
    assert!(n > 1000);
    let summary = std::fs::read_to_string(d1.path().join("summary.json")).unwrap();
    flightnet_sim::summary::Summary::from_json(&summary).unwrap();
}

#[test]
fn replications_report_intervals_and_do_not_depend_on_threads() {
    let one = run(&["--format", "json", "--replications", "3", "--threads", "1"]);
    let two = run(&["--format", "json", "--replications", "3", "--threads", "2"]);
    let (a, b) = (json_without_engine(&one), json_without_engine(&two));
    assert_eq!(a, b);
    let lf = &a["totals"]["load_factor"];
    let (lo, mean, hi) = (
        lf["ci95_low"].as_f64().unwrap(),
        lf["mean"].as_f64().unwrap(),
        lf["ci95_high"].as_f64().unwrap(),
    );
    assert!(lo < mean && mean < hi, "{lf}");
    assert_eq!(a["scenario"]["replications"], 3);
}

/// glibc's huge-page switch, set by the user, changes no result.
#[test]
fn huge_pages_change_no_result() {
    let args = [
        "run",
        "--start",
        "2023-10-02",
        "--end",
        "2023-10-15",
        "--format",
        "json",
    ];
    let huge = crate::fixture::ok(
        bin()
            .env("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")
            .args(args)
            .output()
            .unwrap(),
    );
    let plain = crate::fixture::ok(
        bin()
            .env_remove("GLIBC_TUNABLES")
            .args(args)
            .output()
            .unwrap(),
    );
    assert_eq!(json_without_engine(&huge), json_without_engine(&plain));
}
