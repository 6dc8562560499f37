//! `flightnet calibrate`: a known demand scale recovered from the figures it produced, the
//! held-back week predicted, the written scenario runnable, and `run --observed`.

use std::path::Path;

use serde_json::Value;

use crate::fixture::{Net, bin, ok};

/// A scenario on the fixture network with every market's demand scaled by `scale`.
fn scenario(net: &Net, scale: f64, free: bool) -> String {
    format!(
        "network = {:?}\nstart = 2022-11-28\nend = 2022-12-11\nseed = 3\nreplications = 2\n\n\
         [[demand.groups]]\nmarkets = \"*\"\nscale = {scale}\nfree = {free}\n",
        net.path().display().to_string()
    )
}

/// Passengers flown per date (`daily.csv`) of `scenario`, run into `dir/out`.
fn daily_passengers(dir: &Path, scenario: &Path) -> Vec<f64> {
    let out = dir.join("out");
    ok(bin()
        .arg("run")
        .arg(scenario)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap());
    let mut r = csv::Reader::from_path(out.join("daily.csv")).unwrap();
    let col = r.headers().unwrap().iter().position(|h| h == "passengers");
    let col = col.expect("daily.csv has passengers");
    r.records()
        .map(|x| x.unwrap()[col].parse::<f64>().unwrap())
        .collect()
}

#[test]
fn calibrate_recovers_a_known_scale_and_predicts_the_held_back_week() {
    let net = Net::valid();
    let tmp = tempfile::tempdir().unwrap();
    // "Observed" figures: the same network with 1.6 times the demand.
    let truth = tmp.path().join("truth.toml");
    std::fs::write(&truth, scenario(&net, 1.6, false)).unwrap();
    let daily = daily_passengers(tmp.path(), &truth);
    assert_eq!(daily.len(), 14);
    // daily.csv gives means over the replications; observations are the same means.
    let week1: f64 = daily[..7].iter().sum();
    let week2: f64 = daily[7..].iter().sum();
    assert!(week1 > 200.0 && week2 > 200.0, "{daily:?}");
    let observed = tmp.path().join("observed.csv");
    std::fs::write(
        &observed,
        format!(
            "metric,selector,from,to,value,basis,source\n\
             passengers,all,2022-11-28,2022-12-04,{week1},S,test\n\
             passengers,all,2022-12-05,2022-12-11,{week2},S,test\n\
             passengers,all,2023-06-01,2023-06-07,1000,S,test\n"
        ),
    )
    .unwrap();
    let start = tmp.path().join("start.toml");
    std::fs::write(&start, scenario(&net, 1.0, true)).unwrap();
    let written = tmp.path().join("calibrated.toml");
    let out = ok(bin()
        .arg("calibrate")
        .arg(&start)
        .arg("--observed")
        .arg(&observed)
        .args(["--fit-until", "2022-12-04", "--format", "json", "--out"])
        .arg(&written)
        .output()
        .unwrap());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = |x: &Value| x.as_f64().unwrap();
    // The fitted scale lands near the truth (same seed: common random numbers).
    let scale = f(&v["parameters"][0]["after"]);
    assert!((scale - 1.6).abs() < 0.1, "fitted scale {scale}");
    assert_eq!(f(&v["parameters"][0]["before"]), 1.0);
    // Every observation listed with the documented fields.
    let obs = v["observations"].as_array().unwrap();
    assert_eq!(obs.len(), 3);
    for o in obs {
        for k in ["metric", "selector", "observed"] {
            assert!(!o[k].is_null(), "{o}");
        }
    }
    assert_eq!(obs[0]["metric"], "passengers");
    assert_eq!(obs[0]["selector"], "all");
    // Before: demand at 1/1.6 of the truth, so too few passengers (by less than 1/1.6, as the
    // fuller flights spill some of the truth's demand); after: within a few percent.
    assert!(f(&obs[0]["simulated_before"]) < 0.9 * week1, "{}", obs[0]);
    assert!(
        (f(&obs[0]["simulated_after"]) / week1 - 1.0).abs() < 0.03,
        "{}",
        obs[0]
    );
    assert!(f(&v["mape_before"]) > 0.1, "{v}");
    assert!(f(&v["mape_after"]) < 0.03, "{v}");
    // The held-back week was not fitted, and its prediction improved with the fit.
    assert_eq!(obs[1]["fitted"], false);
    assert!(
        (f(&obs[1]["simulated_after"]) / week2 - 1.0).abs() < 0.05,
        "{}",
        obs[1]
    );
    assert!(f(&v["holdout_mape_after"]) < f(&v["holdout_mape_before"]));
    // An observation outside the period is listed, not fitted, in no error.
    assert_eq!(obs[2]["outside"], true);
    // The written scenario runs, records its calibration, and the run compares with it.
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("[calibration]"), "{text}");
    let run = ok(bin()
        .arg("run")
        .arg(&written)
        .args(["--format", "json"])
        .output()
        .unwrap());
    let r: Value = serde_json::from_slice(&run.stdout).unwrap();
    let c = &r["calibration"];
    assert!(f(&c["mape"]) < 0.03, "{c}");
    assert!(f(&c["mape_before"]) > 0.1, "{c}");
}

#[test]
fn run_observed_compares_a_run_with_observations() {
    let net = Net::valid();
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s.toml");
    std::fs::write(&s, scenario(&net, 1.0, false)).unwrap();
    let daily = daily_passengers(tmp.path(), &s);
    let total: f64 = daily.iter().sum();
    let observed = tmp.path().join("observed.csv");
    // Observed 10% above what the run gives: a 1/1.1 − 1 error on the one observation.
    std::fs::write(
        &observed,
        format!(
            "metric,selector,from,to,value,basis,source\npassengers,all,2022-11-28,2022-12-11,{},S,test\n",
            total * 1.1
        ),
    )
    .unwrap();
    let run = ok(bin()
        .arg("run")
        .arg(&s)
        .arg("--observed")
        .arg(&observed)
        .args(["--format", "json"])
        .output()
        .unwrap());
    let r: Value = serde_json::from_slice(&run.stdout).unwrap();
    let o = &r["calibration"]["observations"][0];
    let err = o["error"].as_f64().unwrap();
    assert!((err - (1.0 / 1.1 - 1.0)).abs() < 1e-6, "{o}");
    assert!((r["calibration"]["mape"].as_f64().unwrap() - err.abs()).abs() < 1e-9);
}

#[test]
fn calibrate_without_free_parameters_or_observations_is_an_error() {
    let net = Net::valid();
    let tmp = tempfile::tempdir().unwrap();
    let s = tmp.path().join("s.toml");
    std::fs::write(&s, scenario(&net, 1.0, false)).unwrap();
    let observed = tmp.path().join("observed.csv");
    std::fs::write(
        &observed,
        "metric,selector,from,to,value,basis,source\npassengers,all,2022-11-28,2022-12-11,100,S,test\n",
    )
    .unwrap();
    let out = bin()
        .arg("calibrate")
        .arg(&s)
        .arg("--observed")
        .arg(&observed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("free"), "{err}");
    // A bad metric: file, line and the expectation.
    let free = tmp.path().join("free.toml");
    std::fs::write(&free, scenario(&net, 1.0, true)).unwrap();
    std::fs::write(
        &observed,
        "metric,selector,from,to,value,basis,source\nseats,all,2022-11-28,2022-12-11,100,S,test\n",
    )
    .unwrap();
    let out = bin()
        .arg("calibrate")
        .arg(&free)
        .arg("--observed")
        .arg(&observed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("observed.csv") && err.contains("seats"),
        "{err}"
    );
}
