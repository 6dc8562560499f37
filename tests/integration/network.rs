//! The graph, schedule expansion and the network report on hand-checkable data.

use flightnet_data::input;
use flightnet_data::network::Network;
use flightnet_data::time::{DateRange, Day};
use flightnet_report::network::{ReportOptions, network_report};

use crate::fixture::{Net, bin};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn fixture_week(start: &str) -> Network {
    let data = input::load_dir(Net::valid().path()).unwrap();
    let s = day(start);
    Network::build(data.into(), DateRange::new(s, s.plus_days(8)).unwrap())
}

#[test]
fn kc267_on_2022_11_22_in_utc() {
    let net = fixture_week("2022-11-21");
    let leg = net
        .legs
        .iter()
        .find(|l| l.flight == 267 && l.day == day("2022-11-22"))
        .unwrap();
    assert_eq!(leg.dep.to_string(), "2022-11-21T19:35Z");
    assert_eq!(leg.arr.to_string(), "2022-11-22T00:30Z");
    assert_eq!(leg.block(), 4 * 60 + 55);
}

#[test]
fn weekly_routes_and_connections() {
    let net = fixture_week("2022-11-21");
    let weeks = net.week(day("2022-11-21"));
    let data = net.data();
    let find = |o: &str, d: &str| {
        weeks
            .iter()
            .find(|w| data.airport(w.origin).iata == o && data.airport(w.destination).iata == d)
            .unwrap()
    };
    assert_eq!(find("ALA", "PEK").weekly_flights, 1);
    assert_eq!(find("ALA", "PEK").weekly_seats, 166);
    assert_eq!(find("NQZ", "ALA").weekly_flights, 7);
    assert_eq!(find("NQZ", "ALA").weekly_seats, 7 * 104);
    assert_eq!(find("ALA", "PEK").block_minutes, 295);

    let report = network_report(&net, day("2022-11-21"), &ReportOptions::default());
    // NQZ 22:00 → ALA 23:45 (local, UTC+6) connects to KC267 ALA 01:35 the next night: 110 min,
    // over the 60-minute domestic→international MCT at ALA; one Tuesday departure a week.
    let nqz_pek = report
        .reachability
        .pairs
        .iter()
        .find(|p| p.origin == "NQZ" && p.destination == "PEK")
        .unwrap();
    assert_eq!(nqz_pek.nonstop_flights, 0);
    assert_eq!(nqz_pek.connections, 1);
    assert_eq!(report.hubs[0].airport, "ALA");
    // KZ–CN: KC ALA–PEK 1 round trip and CZ ALA–URC 1.
    assert_eq!(report.country_pair.round_trips, 2.0);
    // ALA is the only airport linking NQZ to the rest.
    assert_eq!(report.critical.airports, vec!["ALA".to_string()]);
    assert_eq!(report.critical.routes.len(), 3);
}

/// The fixture's week from 2022-11-21 with KC851 NQZ–ALA leaving at `dep` and arriving at
/// `arr` the next day (local times).
fn nqz_ala_moved(dep: &'static str, arr: &'static str) -> Network {
    let net = Net::with(move |name, text| {
        if name == "schedule.csv" {
            text.replacen(
                "NQZ,ALA,22:00,23:45,0",
                &format!("NQZ,ALA,{dep},{arr},1"),
                1,
            )
        } else {
            text.to_string()
        }
    });
    let data = input::load_dir(net.path()).unwrap();
    let s = day("2022-11-21");
    Network::build(data.into(), DateRange::new(s, s.plus_days(8)).unwrap())
}

#[test]
fn mct_one_minute_under_and_over() {
    // Move the NQZ–ALA arrival so the connect time to KC267 (01:35) is MCT − 1 and then MCT.
    // ALA domestic → international MCT is 60 minutes.
    for (arr, dep_nqz, expect) in [("00:36", "22:51", 0), ("00:35", "22:50", 1)] {
        let network = nqz_ala_moved(dep_nqz, arr);
        let s = day("2022-11-21");
        let report = network_report(&network, s, &ReportOptions::default());
        let c = report
            .reachability
            .pairs
            .iter()
            .find(|p| p.origin == "NQZ" && p.destination == "PEK")
            .map_or(0, |p| p.connections);
        assert_eq!(c, expect, "arrival {arr}");
    }
}

#[test]
fn a_path_that_never_connects_has_no_itinerary() {
    use flightnet_data::config::ConnectionRules;
    use flightnet_sim::itinerary::{Path, Timetable, has_itinerary, paths_between};
    // NQZ → ALA → PEK connects only onto KC267: live at the MCT, dead one minute under it.
    for (arr, dep_nqz, live) in [("00:36", "22:51", false), ("00:35", "22:50", true)] {
        let network = nqz_ala_moved(dep_nqz, arr);
        let rules = ConnectionRules::default();
        let d = network.data();
        let (nqz, pek) = (d.airport_id("NQZ").unwrap(), d.airport_id("PEK").unwrap());
        let paths = paths_between(&network, &rules, nqz, pek);
        assert!(matches!(paths[..], [Path::Connect { .. }]), "{paths:?}");
        let tt = Timetable::new(&network);
        assert_eq!(
            has_itinerary(&tt, &paths[0], rules.max_connect),
            live,
            "arrival {arr}"
        );
    }
}

#[test]
fn cli_json_has_airports_and_routes() {
    let net = Net::valid();
    let out = crate::fixture::ok(
        bin()
            .args([
                "network",
                "--date",
                "2022-11-21",
                "--format",
                "json",
                "--routes",
            ])
            .arg(net.path())
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let airports = v["airports"].as_array().unwrap();
    assert_eq!(airports.len(), 4);
    assert!(
        airports
            .iter()
            .any(|a| a["iata"] == "PEK" && a["country"] == "CN")
    );
    let routes = v["routes"].as_array().unwrap();
    let ala_pek = routes
        .iter()
        .find(|r| r["airline"] == "KC" && r["origin"] == "ALA" && r["destination"] == "PEK")
        .unwrap();
    assert_eq!(ala_pek["weekly_flights"], 1);
    assert_eq!(ala_pek["weekly_seats"], 166);
}

/// A country pair with no service prints 0 round trips, never `-0` (an empty float sum).
#[test]
fn an_empty_country_pair_has_zero_not_negative_zero() {
    let json = crate::fixture::ok(
        crate::fixture::bin()
            .args(["network", "--countries", "KG-TJ", "--format", "json"])
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(json.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["country_pair"]["round_trips"].to_string(), "0.0");
    assert!(!text.contains("-0.0"), "{text}");
    let table = crate::fixture::ok(
        crate::fixture::bin()
            .args(["network", "--countries", "KG-TJ"])
            .output()
            .unwrap(),
    );
    let text = String::from_utf8(table.stdout).unwrap();
    let all = text.lines().find(|l| l.starts_with("all ")).unwrap();
    assert_eq!(all.split_whitespace().last(), Some("0"), "{text}");
}
