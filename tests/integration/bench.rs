//! `flightnet bench` reports every documented figure.

#[test]
fn bench_reports_the_documented_fields() {
    let out = crate::fixture::ok(
        crate::fixture::bin()
            .args([
                "bench", "--size", "small", "--days", "7", "--format", "json",
            ])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["runs"][0];
    for k in [
        "events",
        "passengers",
        "wall_seconds",
        "events_per_second",
        "passengers_per_second",
        "peak_rss_bytes",
        "peak_pending",
    ] {
        assert!(r[k].as_f64().unwrap() > 0.0, "runs[0].{k} = {}", r[k]);
    }
    // The pending-event set is bounded by flights and request streams, not by passengers.
    assert!(r["peak_pending"].as_f64().unwrap() < r["passengers"].as_f64().unwrap() / 10.0);
    assert!(v["queue_events_per_second"][0][1].as_f64().unwrap() > 0.0);
    assert!(
        v["huge_pages"].is_boolean(),
        "huge_pages = {}",
        v["huge_pages"]
    );
    assert_eq!(
        crate::fixture::bin()
            .args(["bench", "--size", "huge"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

/// `bench` says whether glibc's huge-page switch was on: off without it, on (Linux with glibc)
/// when the user set it; flightnet never restarts itself to set it.
#[test]
fn bench_reports_whether_huge_pages_were_on() {
    let huge_pages = |env: &[(&str, &str)]| {
        let mut cmd = crate::fixture::bin();
        cmd.env_remove("GLIBC_TUNABLES");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = crate::fixture::ok(
            cmd.args([
                "bench", "--size", "small", "--days", "1", "--format", "json",
            ])
            .output()
            .unwrap(),
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["huge_pages"].as_bool().unwrap()
    };
    assert!(!huge_pages(&[]));
    assert_eq!(
        huge_pages(&[("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")]),
        cfg!(all(target_os = "linux", target_env = "gnu"))
    );
}
