//! MCT records (SSIM Chapter 8): a carrier exception at Almaty changes exactly the
//! connections a brute-force check expects, leg by leg and itinerary by itinerary; `mct.csv`
//! and Chapter 8 files through `import-mct` and `export-mct` round trip; `--mct` reaches
//! `network` and `run`; bad rows are reported with file, line and column.

use std::collections::BTreeSet;
use std::sync::Arc;

use flightnet_data::config::{ConnectionRules, Interline};
use flightnet_data::mct::{MctRecord, MctTable, Place, Side};
use flightnet_data::network::{AirportId, Leg, LegId, Network, NetworkData, Provenance, Status};
use flightnet_data::time::{DateRange, UtcMinute};
use flightnet_sim::itinerary::{
    DepartureIndex, Timetable, for_each_connection, itineraries_on_day, paths_between,
};

use crate::fixture::{Net, bin, ok};
use crate::synthnet::{first_day, km, network, standard_mct};

fn record(f: impl FnOnce(&mut MctRecord)) -> MctRecord {
    let mut r = MctRecord {
        arr_station: Some("ALA".into()),
        dep_station: Some("ALA".into()),
        status: (Status::Domestic, Status::Domestic),
        minutes: Some(60),
        suppress: false,
        arr: Side::default(),
        dep: Side::default(),
        prev: Place::default(),
        next: Place::default(),
        valid_from: None,
        valid_to: None,
        supp: Place::default(),
        submitter: None,
        filed: None,
        provenance: Provenance {
            basis: None,
            source: String::new(),
        },
        origin_ref: "test:1".into(),
    };
    f(&mut r);
    r
}

/// The exceptions of the test, by hand: at ALA, KC flights 100–299 arriving from a domestic
/// station and leaving on KC for a domestic one need 150 minutes (the standard is 40); KC
/// arriving from abroad and leaving on any carrier abroad need only 45 (the standard is 60).
fn exceptions() -> Vec<MctRecord> {
    vec![
        record(|r| {
            r.minutes = Some(150);
            r.arr.carrier = Some("KC".into());
            r.dep.carrier = Some("KC".into());
            r.arr.flights = Some((100, 299));
        }),
        record(|r| {
            r.status = (Status::International, Status::International);
            r.minutes = Some(45);
            r.arr.carrier = Some("KC".into());
        }),
    ]
}

/// The MCT the exceptions give, worked out again.
fn expected_mct(data: &NetworkData, a: &Leg, b: &Leg) -> u16 {
    let hub = a.destination;
    let standard = standard_mct(data, hub, a.origin, b.destination);
    if data.airport(hub).iata != "ALA" {
        return standard;
    }
    let kc = |l: &Leg| data.airline(l.airline).code == "KC";
    let domestic = |x: AirportId| data.airport(x).country == "KZ";
    if kc(a)
        && kc(b)
        && (100..=299).contains(&a.flight)
        && domestic(a.origin)
        && domestic(b.destination)
    {
        150
    } else if kc(a) && !domestic(a.origin) && !domestic(b.destination) {
        45
    } else {
        standard
    }
}

fn rules() -> ConnectionRules {
    ConnectionRules {
        interline: Interline::Any,
        max_circuity: 3.0,
        ..ConnectionRules::default()
    }
}

/// Every legal connection by brute force, the MCT given by `mct`.
fn brute(
    net: &Network,
    rules: &ConnectionRules,
    mct: impl Fn(&Leg, &Leg) -> u16,
) -> BTreeSet<(LegId, LegId)> {
    let data = net.data();
    let mut out = BTreeSet::new();
    for (i, a) in net.legs.iter().enumerate() {
        for (j, b) in net.legs.iter().enumerate() {
            if a.destination != b.origin || b.destination == a.origin {
                continue;
            }
            let gap = b.dep.0 - a.arr.0;
            if !(0..=rules.max_connect as i64).contains(&gap) {
                continue;
            }
            let through = a.continues_as(b);
            if !through
                && km(data, a.origin, a.destination) + km(data, b.origin, b.destination)
                    > rules.max_circuity * km(data, a.origin, b.destination)
            {
                continue;
            }
            if through || gap >= mct(a, b) as i64 {
                out.insert((LegId(i as u32), LegId(j as u32)));
            }
        }
    }
    out
}

fn scanned(net: &Network, rules: &ConnectionRules) -> BTreeSet<(LegId, LegId)> {
    let index = DepartureIndex::new(net);
    let mut out = BTreeSet::new();
    let all = (0..net.legs.len()).map(|i| LegId(i as u32));
    for_each_connection(net, &index, rules, all, |a, b| {
        out.insert((a, b));
    });
    out
}

/// One-connection itineraries of every market on every day, from paths and dated search.
fn searched(net: &Network, rules: &ConnectionRules) -> BTreeSet<(LegId, LegId)> {
    let tt = Timetable::new(net);
    let n = net.data().airports.len();
    let mut out = BTreeSet::new();
    for o in (0..n).map(|i| AirportId(i as u16)) {
        for d in (0..n).map(|i| AirportId(i as u16)).filter(|&d| d != o) {
            let paths = paths_between(net, rules, o, d);
            for day in net.window.days() {
                let mut its = Vec::new();
                itineraries_on_day(
                    &tt,
                    &paths,
                    day,
                    UtcMinute(i64::MIN / 4),
                    rules.max_connect,
                    |_| true,
                    &mut its,
                );
                out.extend(its.iter().filter_map(|i| Some((i.first, i.second?))));
            }
        }
    }
    out
}

#[test]
fn a_carrier_exception_at_ala_changes_exactly_the_connections_brute_force_expects() {
    let (mut removed, mut added) = (0, 0);
    for seed in 31..=36u64 {
        // No through flights: the scan and the paths treat their circuity differently.
        let data = network(seed, 8, 120, false);
        let first = first_day();
        let window = DateRange::new(first, first.plus_days(13)).unwrap();
        let plain = Network::build(Arc::new(data.clone()), window);
        let mut with = data;
        with.mct = MctTable::new(exceptions());
        let with = Network::build(Arc::new(with), window);
        let rules = rules();
        let d0 = plain.data();
        let before = brute(&plain, &rules, |a, b| {
            standard_mct(d0, a.destination, a.origin, b.destination)
        });
        let d1 = with.data();
        let after = brute(&with, &rules, |a, b| expected_mct(d1, a, b));
        // Leg by leg (the analysis scan) and itinerary by itinerary (paths and dated search).
        assert_eq!(scanned(&plain, &rules), before, "seed {seed}");
        assert_eq!(scanned(&with, &rules), after, "seed {seed}");
        assert_eq!(searched(&plain, &rules), before, "seed {seed}");
        assert_eq!(searched(&with, &rules), after, "seed {seed}");
        // The changes are exactly those at ALA that the exceptions cover.
        for &(a, b) in before.symmetric_difference(&after) {
            let (la, lb) = (with.leg(a), with.leg(b));
            assert_eq!(d1.airport(la.destination).iata, "ALA");
            assert_ne!(
                expected_mct(d1, la, lb),
                standard_mct(d1, la.destination, la.origin, lb.destination)
            );
        }
        removed += before.difference(&after).count();
        added += after.difference(&before).count();
        // The simulation's transfer check asks the same question.
        for &(a, b) in &after {
            let (la, lb) = (with.leg(a), with.leg(b));
            if !la.continues_as(lb) {
                assert_eq!(rules.mct(d1, la, lb), expected_mct(d1, la, lb));
            }
        }
    }
    assert!(
        removed > 5 && added > 10,
        "removed {removed}, added {added}"
    );
}

#[test]
fn a_suppression_removes_the_connections_and_the_paths() {
    let data = network(41, 8, 70, false);
    let first = first_day();
    let window = DateRange::new(first, first.plus_days(13)).unwrap();
    let mut with = data.clone();
    with.mct = MctTable::new(vec![record(|r| {
        r.minutes = None;
        r.suppress = true;
        r.status = (Status::International, Status::Domestic);
        r.dep.carrier = Some("KC".into());
    })]);
    let with = Network::build(Arc::new(with), window);
    let plain = Network::build(Arc::new(data), window);
    let rules = rules();
    let id_into_kc = |net: &Network, set: &BTreeSet<(LegId, LegId)>| {
        set.iter()
            .filter(|(a, b)| {
                let (la, lb) = (net.leg(*a), net.leg(*b));
                net.data().airport(la.destination).iata == "ALA"
                    && net.data().airport(la.origin).country != "KZ"
                    && net.data().airport(lb.destination).country == "KZ"
                    && net.data().airline(lb.airline).code == "KC"
                    && !la.continues_as(lb)
            })
            .count()
    };
    assert!(id_into_kc(&plain, &scanned(&plain, &rules)) > 0);
    assert_eq!(id_into_kc(&with, &scanned(&with, &rules)), 0);
    assert_eq!(id_into_kc(&with, &searched(&with, &rules)), 0);
}

const MCT_CSV: &str = "\
arr_station,dep_station,status,minutes,suppress,arr_carrier,dep_carrier,arr_flight_from,arr_flight_to,dep_flight_from,dep_flight_to,arr_terminal,dep_terminal,prev_country,next_station,dep_aircraft,arr_body,valid_from,valid_to,submitter,basis,source
ALA,ALA,DD,150,,KC,KC,100,199,,,,,,,,,,,KC,E,test
ALA,ALA,II,45,,KC,,,,,,,,,,,,2022-11-01,2023-03-31,KC,E,test
ALA,ALA,ID,,Y,,KC,,,,,,,CN,,,,,,KC,E,test
PEK,PEK,II,100,,,,,,,,2,3,,,,W,,,,E,test
PEK,PEK,DI,70,,CZ,,,,6000,6999,,,,NQZ,32Q,,,,CZ,E,test
URC,URC,DD,50,,,,,,,,,,,,,,,,,S,test
";

#[test]
fn mct_csv_round_trips_through_chapter8_export_and_import() {
    let net = Net::with(|_, t| t.to_string());
    std::fs::write(net.file("mct.csv"), MCT_CSV).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let ch8 = dir.path().join("mct.dat");
    ok(bin()
        .args(["export-mct", "--created", "2024-01-01", "--routes"])
        .arg(net.path())
        .arg("--out")
        .arg(&ch8)
        .output()
        .unwrap());
    let text = std::fs::read_to_string(&ch8).unwrap();
    assert!(
        text.starts_with("1MINIMUM CONNECT TIME DATA SET FLIGHTNET"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 8);
    assert!(text.lines().all(|l| l.len() == 200));
    // The first record at its Chapter 8 byte positions: station, HHMM, status, carriers,
    // arrival flight range 0100-0199.
    let r = text.lines().nth(1).unwrap();
    assert_eq!(&r[..13], "2ALA0230DDALA");
    assert_eq!((&r[13..15], &r[18..20]), ("KC", "KC"));
    assert_eq!(&r[45..53], "01000199");
    let out = dir.path().join("imported");
    let res = ok(bin()
        .arg("import-mct")
        .arg(&ch8)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap());
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(
        err.contains("read 6 MCT records: 6 kept (4 exceptions or suppressions, 2 station standards), 0 rejected"),
        "{err}"
    );
    let strip = |r: &MctRecord| {
        let mut r = r.clone();
        r.provenance = Provenance {
            basis: None,
            source: String::new(),
        };
        r.origin_ref = String::new();
        r
    };
    let read = |p: &std::path::Path| {
        let mut d = Vec::new();
        let recs = flightnet_data::mct::csv::parse(p, &std::fs::read(p).unwrap(), &mut d);
        assert!(d.is_empty(), "{d:#?}");
        recs.iter().map(strip).collect::<Vec<_>>()
    };
    let original = read(&net.file("mct.csv"));
    assert_eq!(original.len(), 6);
    assert_eq!(read(&out.join("mct.csv")), original);
    // A second round gives the same bytes.
    let again = dir.path().join("again.dat");
    let net2 = Net::with(|_, t| t.to_string());
    std::fs::copy(out.join("mct.csv"), net2.file("mct.csv")).unwrap();
    ok(bin()
        .args(["export-mct", "--created", "2024-01-01", "--routes"])
        .arg(net2.path())
        .arg("--out")
        .arg(&again)
        .output()
        .unwrap());
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
}

#[test]
fn bad_mct_rows_are_reported_with_file_line_and_column() {
    let net = Net::valid();
    std::fs::write(
        net.file("mct.csv"),
        "arr_station,dep_station,status,minutes,arr_carrier,arr_flight_from,arr_flight_to,arr_aircraft,arr_body\n\
         ALA,ALA,XX,40,,,,,\n\
         ALA,ALA,DD,2000,,,,,\n\
         ALA,ALA,DD,40,KC,300,200,,\n\
         ALA,ALA,DD,40,KC,,,320,N\n\
         ALA,ALA,DD,40,K,,,,\n",
    )
    .unwrap();
    let out = bin()
        .args(["network", "--routes"])
        .arg(net.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "mct.csv:2:3: column `status`: found \"XX\", expected DD, DI, ID or II",
        "mct.csv:3:4: column `minutes`: found \"2000\"",
        "mct.csv:4:7: column `arr_flight_to`: found \"200\", expected a flight number at or after the range's start (300)",
        "mct.csv:5:9: column `arr_body`: found \"N\", expected an aircraft type or a body, not both",
        "mct.csv:6:5: column `arr_carrier`: found \"K\"",
    ] {
        assert!(err.contains(want), "{want}\nnot in\n{err}");
    }
}

/// A Chapter 8 file with one record: at ALA, KC to KC connections are suppressed.
fn suppress_kc_at_ala() -> String {
    let mut r = [b' '; 200];
    let mut put = |at: usize, s: &str| r[at - 1..at - 1 + s.len()].copy_from_slice(s.as_bytes());
    put(1, "2ALA");
    put(9, "DDALAKC   KC");
    put(87, "Y");
    put(195, "000002");
    let rec = String::from_utf8(r.to_vec()).unwrap();
    let mut h = format!("{:<199}", "1MINIMUM CONNECT TIME DATA SET");
    h.truncate(194);
    h.push_str("000001");
    let t = format!("4{}E000002", " ".repeat(192));
    format!("{h}\n{rec}\n{t}\n")
}

#[test]
fn the_mct_flag_reaches_network_and_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("suppress.dat");
    std::fs::write(&file, suppress_kc_at_ala()).unwrap();
    let hub = |extra: &[&std::ffi::OsStr]| -> u64 {
        let out = ok(bin()
            .args(["network", "--date", "2023-10-16", "--format", "json"])
            .args(extra)
            .output()
            .unwrap());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["connectivity"]["hubs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["airport"] == "ALA")
            .map_or(0, |h| h["connections"].as_u64().unwrap())
    };
    let flag = [std::ffi::OsStr::new("--mct"), file.as_os_str()];
    let (before, after) = (hub(&[]), hub(&flag));
    assert!(after < before, "{before} -> {after}");
    // The simulation builds no KC domestic connection at ALA, and the transfer check agrees.
    let run = |extra: &[&std::ffi::OsStr]| -> serde_json::Value {
        let out = ok(bin()
            .args([
                "run",
                "--start",
                "2023-10-16",
                "--end",
                "2023-10-22",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .unwrap());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (a, b) = (run(&[]), run(&flag));
    let connecting = |v: &serde_json::Value| v["totals"]["connecting"].as_f64().unwrap();
    assert!(
        connecting(&b) < connecting(&a),
        "{} -> {}",
        connecting(&a),
        connecting(&b)
    );
}

#[test]
fn routes_mct_csv_is_loaded_and_applied() {
    let net = Net::valid();
    // NQZ -> ALA -> PEK on KC: DI at ALA, 60 minutes by airports.csv; an exception makes it
    // 900, longer than the 720-minute maximum, so no connection is left.
    let before = hubs(&net);
    std::fs::write(
        net.file("mct.csv"),
        "arr_station,dep_station,status,minutes,arr_carrier,dep_carrier\nALA,ALA,DI,900,KC,KC\nALA,ALA,DD,900,KC,KC\n",
    )
    .unwrap();
    let after = hubs(&net);
    assert!(before > 0 && after < before, "{before} -> {after}");
}

fn hubs(net: &Net) -> u64 {
    let out = ok(bin()
        .args([
            "network",
            "--date",
            "2022-12-06",
            "--format",
            "json",
            "--routes",
        ])
        .arg(net.path())
        .output()
        .unwrap());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["connectivity"]["hubs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["connections"].as_u64().unwrap())
        .sum()
}
