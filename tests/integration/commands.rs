//! The commands agree on where the network comes from (a `--routes` folder that must exist,
//! `routes/`, or the compiled-in copy, said on stderr); the world airport table fills in codes
//! that `routes/` does not define, marked in the outputs; `[connections] max_stops` is
//! checked (and 2 runs); the connectivity report in table, JSON and HTML.

use crate::fixture::{Net, bin, ok, replace};

#[test]
fn a_routes_folder_that_does_not_exist_is_an_error_for_every_command() {
    for args in [
        &["network"][..],
        &["run", "--start", "2023-10-16", "--end", "2023-10-17"],
        &["tune", "--max-rounds", "1"],
        &["export-ssim", "--out", "/tmp/never-written.ssim"],
        &["export-mct", "--out", "/tmp/never-written.dat"],
        &[
            "import-ssim",
            "tests/data/ssim/realworld.ssim",
            "--out",
            "/tmp/never-written",
        ],
        &[
            "compare",
            "tests/data/no-network.toml",
            "tests/data/no-network.toml",
        ],
    ] {
        let mut cmd = bin();
        cmd.args(args);
        if args[0] == "export-ssim" {
            cmd.arg("no/such/folder");
        } else {
            cmd.args(["--routes", "no/such/folder"]);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        // The compared scenario files name no network, so --routes applies to them too.
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("no/such/folder"), "{args:?}: {err}");
    }
}

#[test]
fn without_a_routes_folder_every_command_uses_the_compiled_in_network_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let note = "using the network compiled into the binary";
    for args in [
        &["network", "--date", "2023-10-16"][..],
        &["export-ssim", "--created", "2024-01-01", "--out", "x.ssim"],
        &["export-mct", "--out", "x.dat", "--with-standards"],
        &[
            "run",
            "--start",
            "2023-10-16",
            "--end",
            "2023-10-17",
            "--format",
            "json",
        ],
    ] {
        let out = ok(bin().current_dir(dir.path()).args(args).output().unwrap());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(note), "{args:?}: {err}");
    }
    // The compiled-in network exports the same SSIM file as routes/.
    let here = dir.path().join("x.ssim");
    let there = dir.path().join("y.ssim");
    ok(bin()
        .args(["export-ssim", "routes", "--created", "2024-01-01", "--out"])
        .arg(&there)
        .output()
        .unwrap());
    assert_eq!(std::fs::read(here).unwrap(), std::fs::read(there).unwrap());
    // With routes/ present nothing is said.
    let out = ok(bin()
        .args(["network", "--date", "2023-10-16"])
        .output()
        .unwrap());
    assert!(!String::from_utf8_lossy(&out.stderr).contains(note));
}

#[test]
fn airports_and_airlines_missing_from_routes_are_filled_in_and_marked() {
    // KC flies to Tashkent, which the fixture's airports.csv does not define; demand to
    // Dushanbe; a flight of an airline airlines.csv does not know, with its fleet row.
    let net = Net::with(|name, text| match name {
        "schedule.csv" => format!(
            "{text}KC,131,ALA,TAS,08:00,08:30,0,1......,2022-11-07,2023-03-27,A321LR,E,-\n\
             KC,132,TAS,ALA,10:00,12:30,0,1......,2022-11-07,2023-03-27,A321LR,E,-\n\
             HY,771,TAS,PEK,23:00,07:00,1,1......,2022-11-07,2023-03-27,A320,E,-\n"
        ),
        "fleet.csv" => format!("{text}HY,A320,320,150,3,45,E,-\n"),
        "demand.csv" => format!("{text}ALA,DYU,20,E,-\n"),
        _ => text.to_string(),
    });
    let out = ok(bin()
        .args([
            "network",
            "--date",
            "2022-12-05",
            "--format",
            "json",
            "--routes",
        ])
        .arg(net.path())
        .output()
        .unwrap());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("schedule.csv:8:4: column `destination`: found \"TAS\", expected an airport defined in airports.csv; filled in from the world airport table (basis E, source airportsdata): Tashkent International Airport"),
        "{err}"
    );
    assert!(
        err.contains("demand.csv:5:2: column `destination`: found \"DYU\""),
        "{err}"
    );
    assert!(
        err.contains("schedule.csv:10:1: column `airline`: found \"HY\", expected an airline defined in airlines.csv; a placeholder row is used"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let airport = |code: &str| {
        v["airports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["iata"] == code)
            .cloned()
            .unwrap()
    };
    assert_eq!(airport("TAS")["filled_in"], true);
    assert_eq!(airport("TAS")["tz"], "Asia/Samarkand");
    assert_eq!(airport("DYU")["filled_in"], true);
    // airports.csv takes precedence: ALA keeps the fixture's MCTs, not the defaults.
    assert_eq!(airport("ALA")["filled_in"], false);
    assert_eq!(airport("ALA")["mct"]["dd"], 40);
    // The run summary marks them too (and only them: the shipped network's rows have no mark).
    let scenario = net.file("s.toml");
    std::fs::write(&scenario, "start = 2022-12-05\nend = 2022-12-11\n").unwrap();
    let out = ok(bin()
        .arg("run")
        .arg(&scenario)
        .args(["--format", "json", "--routes"])
        .arg(net.path())
        .output()
        .unwrap());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let marked: Vec<&str> = v["airports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a.get("filled_in").is_some())
        .map(|a| a["iata"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["DYU", "TAS"]);
    let out = ok(bin()
        .arg("run")
        .arg(&scenario)
        .arg("--routes")
        .arg(net.path())
        .output()
        .unwrap());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(
            "Airports filled in from the world airport table (not in airports.csv; basis E, IATA default MCTs): DYU TAS"
        ),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A code the world table does not know either is still an error.
    let net = Net::with(replace("demand.csv", "NQZ,PEK", "NQZ,QQQ"));
    let out = bin()
        .args(["network", "--routes"])
        .arg(net.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("QQQ"));
}

#[test]
fn max_stops_is_a_checked_scenario_key() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "network = \"../routes\"\n[connections]\nmax_stops = 3\n",
    )
    .unwrap();
    let out = bin().arg("run").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:3:13: column `connections.max_stops`"),
        "{err}"
    );
    // Two stops are simulated: the run succeeds and counts the two-stop journeys.
    let two = dir.path().join("two.toml");
    std::fs::write(
        &two,
        format!(
            "network = \"{}\"\nstart = 2023-10-16\nend = 2023-10-17\n[connections]\nmax_stops = 2\n",
            std::fs::canonicalize("routes").unwrap().display()
        ),
    )
    .unwrap();
    let out = ok(bin()
        .arg("run")
        .arg(&two)
        .args(["--format", "json"])
        .output()
        .unwrap());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["totals"]["two_stop"].as_f64().is_some(),
        "{}",
        v["totals"]
    );
}

#[test]
fn the_connectivity_report_in_table_json_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("net.html");
    let json = |stops: &str| -> serde_json::Value {
        let out = ok(bin()
            .args([
                "network",
                "--date",
                "2023-10-16",
                "--format",
                "json",
                "--max-stops",
                stops,
            ])
            .output()
            .unwrap());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (one, two) = (json("1"), json("2"));
    let c = &one["connectivity"];
    assert_eq!(c["max_stops"], 1);
    assert_eq!(c["bands"].as_array().unwrap().len(), 5);
    for h in c["hubs"].as_array().unwrap() {
        let bands: u64 = h["by_band"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_u64().unwrap())
            .sum();
        assert_eq!(bands, h["connections"].as_u64().unwrap(), "{h}");
    }
    // The hub ranking and the hub connectivity count the same connections.
    let ala = |v: &serde_json::Value, key: &str| {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["airport"] == "ALA")
            .unwrap()["connections"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(ala(&one, "hubs"), ala(&one["connectivity"], "hubs"));
    // Nonstop service outranks connecting service: a pair with nonstops and connections has
    // a higher index than its departures' count would give connecting service alone.
    let markets = c["markets"].as_array().unwrap();
    let m = markets
        .iter()
        .find(|m| m["origin"] == "ALA" && m["destination"] == "NQZ")
        .unwrap();
    let qsi = m["qsi"].as_f64().unwrap();
    let nonstop = m["nonstop"].as_f64().unwrap();
    assert!(qsi > 0.5 * nonstop && qsi <= nonstop + 0.25 * m["one_stop"].as_f64().unwrap() + 1e-9);
    assert!(markets.iter().all(|m| m["two_stop"] == 0));
    // Two stops add pairs; the one-stop and nonstop figures stay.
    let r1 = &one["reachability"];
    let r2 = &two["reachability"];
    assert!(r2["reachable_pairs"].as_u64() > r1["reachable_pairs"].as_u64());
    assert!(r2["two_connection_only_pairs"].as_u64().unwrap() > 0);
    for k in [
        "nonstop_pairs",
        "one_connection_pairs",
        "connection_only_pairs",
    ] {
        assert_eq!(r1[k], r2[k], "{k}");
    }
    assert_eq!(one["hubs"], two["hubs"]);
    // The table and the HTML page.
    let out = ok(bin()
        .args([
            "network",
            "--date",
            "2023-10-16",
            "--max-stops",
            "2",
            "--report",
        ])
        .arg(&html)
        .output()
        .unwrap());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table
            .contains("Hub connectivity (legal connections in the week by scheduled connect time)")
    );
    assert!(
        table.contains("hub  connections  <1h  1-2h  2-4h  4-8h  8h+  interline"),
        "{table}"
    );
    assert!(table.contains("O&D service quality"));
    assert!(table.contains("with two connections:"));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("id=\"hub-ALA\""));
    assert!(page.contains("id=\"od-quality\""));
    let mut reader = quick_xml::Reader::from_str(&page);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
}
