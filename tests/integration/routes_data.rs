//! The shipped KC and CZ network in routes/: time conversion, the sourced timeline, the graph.

use flightnet_data::input;
use flightnet_data::network::{Basis, Network};
use flightnet_data::time::{DateRange, Day};
use flightnet_report::network::{ReportOptions, network_report};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn week(start: &str) -> Network {
    let data = input::load_dir(std::path::Path::new("routes")).unwrap();
    let s = day(start);
    Network::build(data.into(), DateRange::new(s, s.plus_days(8)).unwrap())
}

#[test]
fn shipped_network_is_large_enough_and_carries_its_basis() {
    let data = input::load_dir(std::path::Path::new("routes")).unwrap();
    assert!(data.airports.len() >= 30);
    let net = Network::build(data.clone().into(), data.schedule_span().unwrap());
    assert!(net.route_count() >= 60, "{} routes", net.route_count());
    // Every schedule row says how it is known.
    assert!(data.patterns.iter().all(|p| p.provenance.basis.is_some()));
    assert!(
        data.patterns
            .iter()
            .any(|p| p.provenance.basis == Some(Basis::Planned))
    );
    assert!(data.demand.iter().all(|d| d.daily_pax > 0.0));
}

#[test]
fn kc267_real_schedule_in_utc_2022_and_2024() {
    let net = week("2022-11-21");
    let leg = net
        .legs
        .iter()
        .find(|l| l.flight == 267 && l.day == day("2022-11-22"))
        .expect("KC267 flies on 2022-11-22");
    assert_eq!(leg.dep.to_string(), "2022-11-21T19:35Z");
    assert_eq!(leg.block(), 295);
    assert_eq!(net.data().airport(leg.origin).iata, "ALA");
    assert_eq!(net.data().airport(leg.destination).iata, "PEK");
    // April 2024: same 01:35 clock time in Almaty, now UTC+5, so one hour later in UTC.
    let net = week("2024-04-15");
    let leg = net
        .legs
        .iter()
        .find(|l| l.flight == 267 && l.day == day("2024-04-16"))
        .unwrap();
    assert_eq!(leg.dep.to_string(), "2024-04-15T20:35Z");
    assert_eq!(
        leg.block(),
        295,
        "block time kept across the time-zone change"
    );
}

fn kz_cn(start: &str) -> (f64, Vec<(String, f64)>) {
    let net = week(start);
    let r = network_report(&net, day(start), &ReportOptions::default());
    let per = r
        .country_pair
        .carriers
        .iter()
        .map(|c| (c.airline.clone(), c.round_trips))
        .collect();
    (r.country_pair.round_trips, per)
}

#[test]
fn kazakhstan_china_frequencies_follow_the_sourced_timeline() {
    // July 2022: KC ALA–CTU once a week and CZ URC–ALA once a week.
    let (total, per) = kz_cn("2022-07-15");
    assert_eq!(total, 2.0);
    assert_eq!(per, vec![("CZ".into(), 1.0), ("KC".into(), 1.0)]);
    // October 2023: KC 9 (ALA–PEK 6, NQZ–PEK 1, ALA–URC 2), CZ 11 (URC–ALA 7, URC–NQZ 2,
    // XIY–ALA 2), FS 2, CA 2, GJ 3: 27 in all.
    let (total, per) = kz_cn("2023-10-15");
    assert_eq!(total, 27.0);
    let get = |a: &str| per.iter().find(|(c, _)| c == a).unwrap().1;
    assert_eq!(get("KC") + get("CZ"), 20.0);
    assert_eq!(
        (get("KC"), get("CZ"), get("FS"), get("CA"), get("GJ")),
        (9.0, 11.0, 2.0, 2.0, 3.0)
    );
    // June 2022: announced, not yet flown.
    assert_eq!(kz_cn("2022-06-06").0, 0.0);
}

#[test]
fn network_command_reports_both_sourced_weeks() {
    for (date, total) in [("2022-07-15", 2), ("2023-10-15", 27)] {
        let out = crate::fixture::ok(
            crate::fixture::bin()
                .args(["network", "--date", date, "--format", "json"])
                .output()
                .unwrap(),
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["country_pair"]["round_trips"], total as f64);
        assert!(v["airports"].as_array().unwrap().len() >= 30);
        let routes = v["routes"].as_array().unwrap();
        assert!(
            routes
                .iter()
                .all(|r| r["weekly_flights"].as_u64().unwrap() > 0)
        );
        assert!(
            v["critical"]["airports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "ALA")
        );
    }
}
