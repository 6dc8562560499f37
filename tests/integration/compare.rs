//! `flightnet compare`: common random numbers and paired intervals.

use crate::fixture::bin;

#[test]
fn compare_shows_the_effect_of_extra_flights_with_intervals() {
    let tmp = tempfile::tempdir().unwrap();
    let html = tmp.path().join("compare.html");
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
            .arg("--report")
            .arg(&html)
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
    // Money per route: profit is revenue minus cost in A, in B and in every difference.
    let f = &route["figures"];
    let x = |fig: &str, side: &str| f[fig][side].as_f64().unwrap();
    for side in ["a", "b"] {
        assert!(
            (x("profit", side) - (x("revenue", side) - x("cost", side))).abs() < 0.01,
            "{side}"
        );
    }
    let d = |fig: &str| f[fig]["diff"]["mean"].as_f64().unwrap();
    assert!((d("profit") - (d("revenue") - d("cost"))).abs() < 0.01);
    // A new route costs money and earns some: it was not flown in A.
    assert_eq!(x("cost", "a"), 0.0);
    assert!(x("cost", "b") > 0.0 && x("revenue", "b") > 0.0);
    assert!(x("network_revenue", "b") >= x("revenue", "b"));
    // Markets: every end of a request, and revenue.
    for m in v["markets"].as_array().unwrap() {
        let g = &m["figures"];
        for side in ["a", "b"] {
            let y = |fig: &str| g[fig][side].as_f64().unwrap();
            let ends = y("carried") + y("spilled") + y("unserved") + y("no_purchase");
            assert!((ends - y("demand")).abs() < 1e-6, "{}", m["key"]);
            assert!(y("revenue") >= 0.0);
        }
    }
    // Tickets per class on each route, A against B: the new route sells only in B.
    let mix = v["class_mix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "KC ALA-URC")
        .unwrap();
    let classes = mix["figures"].as_object().unwrap();
    assert!(classes.contains_key("Y"), "{classes:?}");
    let sold: f64 = classes.values().map(|c| c["b"].as_f64().unwrap()).sum();
    assert!(sold > 0.0);
    assert!(classes.values().all(|c| c["a"] == 0.0));
    // The side-by-side report shows money and the class mix of both.
    let page = std::fs::read_to_string(&html).unwrap();
    for needle in [
        "id=\"money\"",
        "id=\"money-route-KC-ALA-URC\"",
        "id=\"class-KC-ALA-URC\"",
        "<th>A Y</th>",
        "<th>B Y</th>",
        "id=\"chart-booking-curves\"",
        "id=\"outcome-table\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
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
    for rows in ["routes", "markets", "class_mix"] {
        for r in v[rows].as_array().unwrap() {
            for (fig, d) in r["figures"].as_object().unwrap() {
                assert_eq!(d["diff"]["mean"], 0.0, "{rows} {} {fig}", r["key"]);
            }
        }
    }
}

#[test]
fn compare_tables_write_money_in_the_currency() {
    let out = crate::fixture::ok(
        bin()
            .args([
                "compare",
                "routes/scenarios/resumption-2022.toml",
                "routes/scenarios/daily-ala-pek-urc.toml",
                "--start",
                "2023-05-01",
                "--end",
                "2023-05-07",
                "--replications",
                "2",
                "--top",
                "3",
            ])
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let line = |name: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in\n{text}"))
            .to_string()
    };
    // Revenue, cost and profit: whole units with thousands separators and the currency.
    for name in ["revenue ", "cost ", "profit "] {
        let row = line(name);
        assert!(row.matches(" USD").count() >= 4, "{row}");
        assert!(row.contains(','), "{row}");
        assert!(!row.contains(".0 USD"), "{row}");
    }
    // Yield, RASK, CASK: cents per km with two decimals, no currency.
    let rask = line("rask ");
    assert!(!rask.contains("USD"), "{rask}");
    assert!(
        text.contains("Routes with the largest change in profit (USD)"),
        "{text}"
    );
    assert!(
        text.contains("Markets with the largest change in revenue (USD)"),
        "{text}"
    );
}
