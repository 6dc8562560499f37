//! Golden results: whole runs pinned to stored JSON, so any change in results is a visible
//! diff in review.
//!
//! Each test runs the binary and compares its `--format json` document (wall-clock timings,
//! the version and temporary paths removed) with a file in `tests/golden/`. When results
//! change on purpose, regenerate the files with
//!
//! ```sh
//! FLIGHTNET_BLESS=1 cargo test --test integration golden
//! ```
//!
//! and review the diff like any other change.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::fixture::{bin, ok};

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Removes what varies between runs and machines: timings, the version, temporary paths.
fn stable(mut v: Value) -> Value {
    let o = v.as_object_mut().expect("a JSON object");
    if let Some(e) = o.get_mut("engine").and_then(Value::as_object_mut) {
        e.remove("wall_seconds");
        e.remove("events_per_second");
    }
    if let Some(s) = o.get_mut("scenario").and_then(Value::as_object_mut) {
        s.remove("version");
        for k in ["file", "network"] {
            if let Some(Value::String(p)) = s.get(k)
                && (p.contains("/tmp") || p.contains(std::env::temp_dir().to_str().unwrap()))
            {
                s.insert(k.into(), Value::String("<temporary>".into()));
            }
        }
    }
    v
}

/// Up to `limit` JSON paths where `a` and `b` differ.
fn differences(a: &Value, b: &Value, path: &str, out: &mut Vec<String>, limit: usize) {
    if out.len() >= limit {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => differences(p, q, &format!("{path}.{k}"), out, limit),
                    (p, q) => out.push(format!("{path}.{k}: {p:?} against {q:?}")),
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                differences(p, q, &format!("{path}[{i}]"), out, limit);
            }
        }
        _ if a != b => out.push(format!("{path}: {a} against {b}")),
        _ => {}
    }
}

/// Compares `got` with the golden file `name`, or writes it when `FLIGHTNET_BLESS` is set.
fn check(name: &str, got: Value) {
    let path = golden_path(name);
    let text = serde_json::to_string_pretty(&got).unwrap() + "\n";
    if std::env::var_os("FLIGHTNET_BLESS").is_some_and(|v| v != "0") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (bless with FLIGHTNET_BLESS=1)", path.display())),
    )
    .unwrap();
    let mut diffs = Vec::new();
    differences(&want, &got, "", &mut diffs, 25);
    assert!(
        diffs.is_empty(),
        "results differ from {} (stored against now; if the change is intended, regenerate \
         with FLIGHTNET_BLESS=1 cargo test --test integration golden):\n{}",
        path.display(),
        diffs.join("\n")
    );
}

fn run_json(args: &[&str]) -> Value {
    let out = ok(bin().arg("run").args(args).output().unwrap());
    stable(serde_json::from_slice(&out.stdout).unwrap())
}

/// Two weeks of the default scenario, two replications (means and intervals).
#[test]
fn golden_default_scenario_two_weeks() {
    let got = run_json(&[
        "--start",
        "2023-10-01",
        "--end",
        "2023-10-14",
        "--replications",
        "2",
        "--format",
        "json",
    ]);
    check("default-two-weeks.json", got);
}

/// Two weeks of a small synthetic network, one replication.
#[test]
fn golden_small_synthetic_network() {
    let dir = tempfile::tempdir().unwrap();
    let net = dir.path().join("net");
    ok(bin()
        .args(["generate", "--size", "small", "--start", "2025-03-01"])
        .args(["--end", "2025-04-30", "--out"])
        .arg(&net)
        .output()
        .unwrap());
    let scenario = dir.path().join("small.toml");
    std::fs::write(
        &scenario,
        "name = \"small\"\nnetwork = \"net\"\nstart = 2025-04-01\nend = 2025-04-14\nseed = 7\n",
    )
    .unwrap();
    let got = run_json(&[scenario.to_str().unwrap(), "--format", "json"]);
    check("synthetic-small-two-weeks.json", got);
}
