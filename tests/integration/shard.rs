//! Sharded runs merge into exactly the results of one unsharded run.

use crate::fixture::{bin, ok};

const PERIOD: [&str; 4] = ["--start", "2023-10-02", "--end", "2023-10-08"];

/// JSON with the wall-clock timings (the only figures that may differ) removed.
fn without_timings(bytes: &[u8]) -> String {
    let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    let docs: Vec<&mut serde_json::Value> = match v.as_array_mut() {
        Some(a) => a.iter_mut().collect(),
        None => vec![&mut v],
    };
    for d in docs {
        let e = d["engine"].as_object_mut().unwrap();
        e.remove("wall_seconds");
        e.remove("events_per_second");
    }
    serde_json::to_string_pretty(&v).unwrap()
}

/// Runs `scenarios` (none: the built-in one) with `reps` replications whole and in `shards`
/// shards, merges the shards and asserts the JSON documents are equal, timings aside; returns
/// the folder holding the shard files.
fn assert_shards_merge_to_whole(scenarios: &[&str], reps: u32, shards: u32) -> tempfile::TempDir {
    let reps = reps.to_string();
    let whole = ok(bin()
        .arg("run")
        .args(scenarios)
        .args(PERIOD)
        .args(["--replications", &reps, "--format", "json"])
        .output()
        .unwrap());
    let dir = tempfile::tempdir().unwrap();
    for k in 0..shards {
        ok(bin()
            .arg("run")
            .args(scenarios)
            .args(PERIOD)
            .args([
                "--replications",
                &reps,
                "--shard",
                &format!("{k}/{shards}"),
                "--out",
            ])
            .arg(dir.path())
            .output()
            .unwrap());
    }
    let merged = ok(bin()
        .arg("merge")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap());
    assert_eq!(
        without_timings(&whole.stdout),
        without_timings(&merged.stdout)
    );
    dir
}

#[test]
fn sharded_then_merged_equals_unsharded_byte_for_byte() {
    let dir = assert_shards_merge_to_whole(&[], 5, 3);

    // The same CSV files, too.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    ok(bin()
        .arg("run")
        .args(PERIOD)
        .args(["--replications", "5", "--out"])
        .arg(a.path())
        .output()
        .unwrap());
    ok(bin()
        .arg("merge")
        .arg(dir.path())
        .arg("--out")
        .arg(b.path())
        .output()
        .unwrap());
    for f in [
        "flights.csv",
        "routes.csv",
        "markets.csv",
        "hubs.csv",
        "daily.csv",
        "weekly.csv",
    ] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn several_scenarios_shard_as_variants() {
    let s = [
        "routes/scenarios/resumption-2022.toml",
        "routes/scenarios/daily-ala-pek-urc.toml",
    ];
    assert_shards_merge_to_whole(&s, 2, 2);
}

#[test]
fn merge_refuses_missing_and_foreign_shards() {
    let dir = tempfile::tempdir().unwrap();
    ok(bin()
        .arg("run")
        .args(PERIOD)
        .args(["--replications", "3", "--shard", "0/2", "--out"])
        .arg(dir.path())
        .output()
        .unwrap());
    let out = bin().arg("merge").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("work items are missing") && err.contains("rerun shards {1} of 2"),
        "{err}"
    );
    // A shard of a different run (another seed) in the same folder.
    ok(bin()
        .arg("run")
        .args(PERIOD)
        .args([
            "--replications",
            "3",
            "--seed",
            "9",
            "--shard",
            "1/2",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap());
    let out = bin().arg("merge").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("belongs to a different run"));
    // --shard needs --out and a valid K/N.
    assert_eq!(
        bin()
            .args(["run", "--shard", "0/2"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        bin()
            .args(["run", "--shard", "2/2", "--out", "/tmp/x"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        bin()
            .arg("merge")
            .arg(empty.path())
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}
