//! `flightnet compare`: common random numbers and paired intervals.

use crate::fixture::bin;

#[test]
fn compare_shows_the_effect_of_extra_flights_with_intervals() {
    let out = crate::fixture::ok(
        bin()
            .args([
                "compare",
                "routes/scenarios/resumption-2022.toml",
                "routes/scenarios/daily-ala-pek-urc.toml",
                "--start",
                "2023-05-01",
                "--end",
                "2023-05-21",
                "--replications",
                "3",
                "--format",
                "json",
            ])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["totals"];
    // Same demand in both (common random numbers): the difference is exactly zero.
    assert_eq!(t["demand"]["diff"]["mean"], 0.0);
    assert_eq!(t["demand"]["diff"]["ci95_high"], 0.0);
    // More flights and more passengers carried, beyond the noise.
    assert!(t["flights"]["diff"]["ci95_low"].as_f64().unwrap() > 0.0);
    assert!(t["carried"]["diff"]["ci95_low"].as_f64().unwrap() > 0.0);
    let route = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "KC ALA-URC")
        .unwrap();
    assert!(
        route["figures"]["passengers"]["diff"]["mean"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert!(
        v["hubs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["key"] == "ALA")
    );
    assert_eq!(v["replications"], 3);
    // A scenario compared with itself differs by nothing.
    let same = bin()
        .args([
            "compare",
            "routes/scenarios/resumption-2022.toml",
            "routes/scenarios/resumption-2022.toml",
            "--start",
            "2023-05-01",
            "--end",
            "2023-05-07",
            "--replications",
            "2",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&same.stdout).unwrap();
    for (_, d) in v["totals"].as_object().unwrap() {
        assert_eq!(d["diff"]["mean"], 0.0);
    }
}
