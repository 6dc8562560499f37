//! Every kind of bad input gets a diagnostic naming file, line, column, value and expectation,
//! all errors in a file come together, the exit code is 2 and nothing panics.

use flightnet_data::error::{Diagnostic, Error};
use flightnet_data::input;

use crate::fixture::{Net, bin, replace};

fn errors(net: &Net) -> Vec<Diagnostic> {
    match input::load_dir(net.path()) {
        Err(Error::Invalid(d)) => d.0,
        Err(e) => panic!("expected invalid input, got {e}"),
        Ok(_) => panic!("expected invalid input, got a network"),
    }
}

/// Asserts exactly one diagnostic, in `file` at `line`, column `col`, with `value`, whose
/// expectation mentions `expect`.
fn one(net: &Net, file: &str, line: u64, col: Option<&str>, value: &str, expect: &str) {
    let d = errors(net);
    assert_eq!(d.len(), 1, "{d:#?}");
    let d = &d[0];
    assert!(d.file.ends_with(file), "{d}");
    assert_eq!(d.line, line, "{d}");
    assert_eq!(d.column.as_ref().map(|c| c.name.as_str()), col, "{d}");
    assert_eq!(d.value, value, "{d}");
    assert!(d.expected.contains(expect), "{d}");
}

#[test]
fn the_fixture_is_valid() {
    let data = input::load_dir(Net::valid().path()).unwrap();
    assert_eq!(data.airports.len(), 4);
    assert_eq!(data.patterns.len(), 6);
    assert_eq!(data.demand.len(), 3);
}

#[test]
fn unknown_airport() {
    // A code the world airport table knows is filled in from it (see `commands`); one it does
    // not know is an error.
    let net = Net::with(replace("schedule.csv", "KC,267,ALA,PEK", "KC,267,ALA,QQQ"));
    one(
        &net,
        "schedule.csv",
        2,
        Some("destination"),
        "QQQ",
        "airport code defined in airports.csv",
    );
}

#[test]
fn unknown_airline() {
    // An airline airlines.csv does not define gets a placeholder row (a warning), but no
    // aircraft: its flights need fleet.csv rows.
    let net = Net::with(replace("schedule.csv", "CZ,6012,", "ZZ,6012,"));
    one(
        &net,
        "schedule.csv",
        6,
        Some("aircraft"),
        "B737-800",
        "an aircraft of ZZ defined in fleet.csv",
    );
}

#[test]
fn unknown_aircraft() {
    let net = Net::with(replace(
        "schedule.csv",
        "A321LR,S,kursiv-pek\nKC,268",
        "A330,S,kursiv-pek\nKC,268",
    ));
    one(
        &net,
        "schedule.csv",
        2,
        Some("aircraft"),
        "A330",
        "aircraft of KC defined in fleet.csv (A321LR, E190-E2)",
    );
}

#[test]
fn impossible_time() {
    let net = Net::with(replace("schedule.csv", "01:35", "25:00"));
    one(
        &net,
        "schedule.csv",
        2,
        Some("dep"),
        "25:00",
        "HH:MM from 00:00 to 23:59",
    );
}

#[test]
fn bad_day_patterns() {
    for bad in ["12", "1234568", "2......", "......."] {
        let net = Net::with(move |name, text| {
            if name == "schedule.csv" {
                text.replacen(".2.....", bad, 1)
            } else {
                text.to_string()
            }
        });
        one(&net, "schedule.csv", 2, Some("days"), bad, "7 characters");
    }
}

#[test]
fn period_ending_before_it_starts() {
    let net = Net::with(replace(
        "schedule.csv",
        "2022-11-22,2023-03-01",
        "2022-11-22,2022-11-01",
    ));
    one(
        &net,
        "schedule.csv",
        2,
        Some("to"),
        "2022-11-01",
        "on or after `from` (2022-11-22)",
    );
}

#[test]
fn bad_dates() {
    let net = Net::with(replace(
        "schedule.csv",
        "2022-11-22,2023-03-01",
        "2022-02-30,2023-03-01",
    ));
    one(
        &net,
        "schedule.csv",
        2,
        Some("from"),
        "2022-02-30",
        "YYYY-MM-DD",
    );
    // Years outside 1900-2199 are refused (UTC minutes must fit compact tables).
    let net = Net::with(replace(
        "schedule.csv",
        "2022-11-22,2023-03-01",
        "2022-11-22,9000-03-01",
    ));
    one(
        &net,
        "schedule.csv",
        2,
        Some("to"),
        "9000-03-01",
        "years 1900-2199",
    );
}

#[test]
fn arrival_not_after_departure_in_utc() {
    // 08:30 in Beijing minus 8 h is 00:30 UTC; 01:35 in Almaty minus 6 h is 19:35 UTC the day
    // before. Making the departure 14:35 local (08:35 UTC) puts it after the arrival.
    let net = Net::with(replace("schedule.csv", "01:35,08:30", "14:35,08:30"));
    let d = errors(&net);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].column.as_ref().unwrap().name, "arr");
    assert!(
        d[0].expected
            .contains("arrival after the departure once both are in UTC"),
        "{}",
        d[0]
    );
    assert!(
        d[0].expected
            .contains("on 2022-11-22 it departs 2022-11-22T08:35Z and arrives 2022-11-22T00:30Z"),
        "{}",
        d[0]
    );
}

#[test]
fn arrival_day_offset_out_of_range() {
    let net = Net::with(replace("schedule.csv", "08:30,0,", "08:30,3,"));
    one(
        &net,
        "schedule.csv",
        2,
        Some("arr_day"),
        "3",
        "-1, 0, 1 or 2",
    );
}

#[test]
fn unknown_time_zone() {
    let net = Net::with(replace(
        "airports.csv",
        "Asia/Almaty,40,60,75,60,E,-\nNQZ",
        "Asia/Nowhere,40,60,75,60,E,-\nNQZ",
    ));
    // Only the airport row is reported: rows that use ALA do not cascade.
    one(
        &net,
        "airports.csv",
        2,
        Some("tz"),
        "Asia/Nowhere",
        "IANA time zone",
    );
}

#[test]
fn bad_seats() {
    for bad in ["-166", "0", "many", "1.5"] {
        let net = Net::with(move |name, text| {
            if name == "fleet.csv" {
                text.replacen("32Q,166,", &format!("32Q,{bad},"), 1)
            } else {
                text.to_string()
            }
        });
        one(
            &net,
            "fleet.csv",
            2,
            Some("seats"),
            bad,
            "whole number of seats",
        );
    }
}

#[test]
fn bad_demand() {
    for bad in ["-5", "0", "lots", "NaN"] {
        let net = Net::with(move |name, text| {
            if name == "demand.csv" {
                text.replacen("ALA,PEK,120,", &format!("ALA,PEK,{bad},"), 1)
            } else {
                text.to_string()
            }
        });
        one(
            &net,
            "demand.csv",
            2,
            Some("daily_pax"),
            bad,
            "positive number",
        );
    }
}

#[test]
fn duplicate_flight_on_the_same_date() {
    // A second KC267 pattern from ALA that overlaps on Tuesdays.
    let net = Net::with(replace(
        "schedule.csv",
        "KC,268,PEK",
        "KC,267,ALA,PEK,02:35,09:30,0,.2.4...,2023-01-01,2023-01-31,A321LR,E,-\nKC,268,PEK",
    ));
    let d = errors(&net);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].line, 3);
    assert!(
        d[0].expected
            .contains("also operates on 2023-01-03 by line 2"),
        "{}",
        d[0]
    );
}

#[test]
fn duplicate_market_and_airport() {
    let net = Net::with(replace("demand.csv", "NQZ,PEK,30", "ALA,PEK,30"));
    one(
        &net,
        "demand.csv",
        4,
        None,
        "ALA,PEK,30,E,-",
        "already on line 2",
    );
    let net = Net::with(replace("airports.csv", "NQZ,UACC", "ALA,UACC"));
    let d = errors(&net);
    assert!(
        d.iter()
            .any(|x| x.expected.contains("not already defined on line 2")),
        "{d:#?}"
    );
}

#[test]
fn missing_and_extra_columns() {
    // A missing header column.
    let net = Net::with(replace(
        "fleet.csv",
        "airline,aircraft,iata_type,seats,",
        "airline,aircraft,seats,",
    ));
    let d = errors(&net);
    assert!(
        d.iter()
            .any(|x| x.expected.contains("a column named `iata_type`")),
        "{d:#?}"
    );
    // An unknown header column.
    let net = Net::with(replace(
        "airlines.csv",
        "code,name,country,",
        "code,name,country,alliance,",
    ));
    let d = errors(&net);
    assert!(
        d.iter()
            .any(|x| x.column.as_ref().is_some_and(|c| c.name == "alliance")),
        "{d:#?}"
    );
    // Rows with too few and too many fields.
    let net = Net::with(replace(
        "demand.csv",
        "PEK,ALA,115.5,E,-",
        "PEK,ALA,115.5,E",
    ));
    one(
        &net,
        "demand.csv",
        3,
        None,
        "PEK,ALA,115.5,E",
        "missing columns",
    );
    let net = Net::with(replace(
        "demand.csv",
        "PEK,ALA,115.5,E,-",
        "PEK,ALA,115.5,E,-,x",
    ));
    one(
        &net,
        "demand.csv",
        3,
        None,
        "PEK,ALA,115.5,E,-,x",
        "extra columns",
    );
}

#[test]
fn bad_basis_is_reported() {
    let net = Net::with(replace(
        "airlines.csv",
        "KC,Air Astana,KZ,S,",
        "KC,Air Astana,KZ,sourced,",
    ));
    one(
        &net,
        "airlines.csv",
        2,
        Some("basis"),
        "sourced",
        "S, S-plan, S-inf, E",
    );
}

#[test]
fn all_errors_in_all_files_are_reported_together() {
    let net = Net::with(|name, text| match name {
        "schedule.csv" => text
            .replacen("01:35", "1:35", 1)
            .replacen(
                ".2.....,2022-11-22,2023-03-01,A321LR,S,kursiv-pek\nKC,268",
                "x,2022-11-22,2023-03-01,A321LR,S,kursiv-pek\nKC,268",
                1,
            )
            .replacen("CZ,6011,URC", "CZ,6011,XXX", 1),
        "demand.csv" => text.replacen("120", "-1", 1),
        _ => text.to_string(),
    });
    let d = errors(&net);
    let cols: Vec<_> = d
        .iter()
        .map(|x| (x.line, x.column.as_ref().unwrap().name.as_str()))
        .collect();
    assert_eq!(
        cols,
        vec![(2, "daily_pax"), (2, "dep"), (2, "days"), (7, "origin")],
        "{d:#?}"
    );
}

#[test]
fn cli_reports_errors_with_exit_code_2() {
    let net = Net::with(replace("schedule.csv", "01:35", "25:00"));
    let out = bin()
        .args(["network", "--routes"])
        .arg(net.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "schedule.csv:2:5: column `dep`: found \"25:00\", expected a local time HH:MM"
        ),
        "{err}"
    );
    assert!(err.contains("1 error in 1 file"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn cli_rejects_bad_flags_with_exit_code_2() {
    for args in [
        vec!["network", "--date", "2023-13-01"],
        vec!["network", "--date", "9000-01-01"],
        vec!["run", "--start", "1800-01-01"],
        vec!["network", "--format", "xml"],
        vec!["network", "--countries", "KZCN"],
        vec!["network", "--max-connect", "0"],
        vec!["bogus"],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    let net = Net::valid();
    let out = bin()
        .args(["network", "--date", "2030-01-01", "--routes"])
        .arg(net.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("outside the schedule"));
}

#[test]
fn missing_folder_is_an_error_not_a_panic() {
    let out = bin()
        .args(["network", "--routes", "/nonexistent/flightnet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such folder"));
    // A folder without the network's files names the file.
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["network", "--routes"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("airports.csv"));
}

#[test]
fn a_closed_stderr_is_not_a_crash() {
    // The error messages go to a pipe whose reader has gone: still exit code 2, not a panic.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ssim");
    std::fs::write(&bad, "not a schedule\n".repeat(2000)).unwrap();
    let mut child = bin()
        .arg("import-ssim")
        .arg(&bad)
        .arg("--out")
        .arg(dir.path().join("out"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(2));
}
