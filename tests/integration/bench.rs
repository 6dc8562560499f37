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
