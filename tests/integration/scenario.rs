//! Scenario files: every kind of mistake is reported with file, line and key, all at once,
//! with exit code 2; the shipped scenarios load and frequency overrides do what they say.

use flightnet_data::error::{Diagnostic, Error};
use flightnet_data::scenario::Scenario;

use crate::fixture::bin;

fn errors(text: &str) -> Vec<Diagnostic> {
    match Scenario::parse(text, "bad.toml", std::path::Path::new(".")) {
        Err(Error::Invalid(d)) => d.0,
        Err(e) => panic!("expected invalid input, got {e}"),
        Ok(_) => panic!("expected invalid input for\n{text}"),
    }
}

fn key(d: &Diagnostic) -> &str {
    d.column.as_ref().map_or("", |c| c.name.as_str())
}

#[test]
fn unknown_keys_wrong_types_and_bad_values_all_at_once() {
    let text = "\
seed = \"seven\"
replication = 3
start = \"2023-02-30\"
[demand]
scale = -1
day_of_week = [1, 1, 1]
arrivals = \"bursty\"
[operations.delay]
model = \"gamma\"
probability = 1.5
[connections]
max_connect_minutes = 0
";
    let d = errors(text);
    let got: Vec<(u64, &str)> = d.iter().map(|x| (x.line, key(x))).collect();
    assert_eq!(
        got,
        vec![
            (1, "seed"),
            (2, "replication"),
            (3, "start"),
            (5, "demand.scale"),
            (6, "demand.day_of_week"),
            (7, "demand.arrivals"),
            (9, "operations.delay.model"),
            (10, "operations.delay.probability"),
            (12, "connections.max_connect_minutes"),
        ],
        "{d:#?}"
    );
    assert!(d[0].expected.contains("whole number"));
    assert!(d[1].expected.contains("one of the keys") && d[1].expected.contains("replications"));
    assert!(d[2].expected.contains("YYYY-MM-DD"));
    assert!(d[3].expected.contains("from 0 to 100"));
    assert!(d[5].expected.contains("\"poisson\", \"even\""));
    assert_eq!(d[7].value, "1.5");
    // A date outside the years flightnet handles.
    let d = errors("end = 2500-01-01\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(key(&d[0]), "end");
    assert!(d[0].expected.contains("years 1900-2199"), "{}", d[0]);
}

#[test]
fn syntax_errors_and_cross_field_checks() {
    let d = errors("start = 2023-01-01\nend = \n");
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].line, 2);
    assert!(d[0].expected.contains("valid TOML"));
    let d = errors("start = 2023-05-01\nend = 2023-04-01\n");
    assert_eq!((d[0].line, key(&d[0])), (2, "end"));
    let d = errors(
        "[[demand.recovery]]\nmarkets = \"*\"\npoints = [{ date = 2023-02-01, index = 1 }, { date = 2023-01-01, index = 2 }]\n",
    );
    assert_eq!(key(&d[0]), "demand.recovery[0].points[1].date");
    assert_eq!(d[0].line, 3);
    let d = errors("[demand]\nlead_time_min_days = 10\nlead_time_max_days = 5\n");
    let min = d
        .iter()
        .find(|x| key(x) == "demand.lead_time_min_days")
        .unwrap();
    assert_eq!(min.line, 2);
    // The mean keeps its default (21), above the maximum: reported at its section.
    let mean = d
        .iter()
        .find(|x| key(x) == "demand.lead_time_mean_days")
        .unwrap();
    assert_eq!((mean.line, mean.value.as_str()), (1, "21"));
}

#[test]
fn references_to_the_network_are_checked() {
    let text = "\
[connections]
interline = [\"KC-ZZ\"]
[[connections.mct]]
airport = \"XXX\"
ii = 50
[[demand.recovery]]
markets = \"kz-cn\"
points = [{ date = 2023-01-01, index = 1 }]
[[frequency]]
airline = \"KC\"
origin = \"ALA\"
destination = \"QQQ\"
weekly = 3
from = 2023-01-01
to = 2023-02-01
";
    let s = Scenario::parse(text, "refs.toml", std::path::Path::new(".")).unwrap();
    let data = flightnet_data::input::load_dir(std::path::Path::new("routes")).unwrap();
    let Err(Error::Invalid(d)) = s.resolve(&data) else {
        panic!("expected invalid")
    };
    let got: Vec<(u64, &str)> = d.0.iter().map(|x| (x.line, key(x))).collect();
    assert_eq!(
        got,
        vec![
            (2, "connections.interline[0]"),
            (4, "connections.mct[0].airport"),
            (7, "demand.recovery[0].markets"),
            (12, "frequency[0].destination"),
        ],
        "{d:#?}"
    );
}

#[test]
fn cli_exit_code_2_and_file_line_key_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        "network = \"../routes\"\n[choice]\nelapsed_per_hour = 0.5\n",
    )
    .unwrap();
    for cmd in ["run", "tune"] {
        let out = bin().arg(cmd).arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("s.toml:3:20: column `choice.elapsed_per_hour`: found \"0.5\", expected a number from -100 to 0"), "{err}");
    }
    let out = bin()
        .args(["compare", "/nonexistent/a.toml", "/nonexistent/b.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn shipped_scenarios_load_and_resolve() {
    let data = flightnet_data::input::load_dir(std::path::Path::new("routes")).unwrap();
    for f in ["resumption-2022", "baseline-2019", "daily-ala-pek-urc"] {
        let s =
            Scenario::load(std::path::Path::new(&format!("routes/scenarios/{f}.toml"))).unwrap();
        s.resolve(&data).unwrap();
    }
    // The built-in scenario is the shipped file.
    let b = Scenario::builtin(std::path::Path::new("routes"));
    assert_eq!(b.name(), "resumption-2022");
    // The written-out form round-trips.
    let again = Scenario::parse(&b.to_toml(), "again.toml", std::path::Path::new(".")).unwrap();
    assert_eq!(again.file, b.file);
}

#[test]
fn frequency_override_sets_the_weekly_flights() {
    use flightnet_data::network::Network;
    use flightnet_data::time::{DateRange, Day};
    let data = flightnet_data::input::load_dir(std::path::Path::new("routes")).unwrap();
    let count = |text: &str| {
        let s = Scenario::parse(text, "f.toml", std::path::Path::new(".")).unwrap();
        let (d, _) = s.resolve(&data).unwrap();
        let w = DateRange::new(
            Day::parse("2023-04-03").unwrap(),
            Day::parse("2023-04-30").unwrap(),
        )
        .unwrap();
        let net = Network::build(d.into(), w);
        let ala_urc = |o: &str, x: &str| {
            net.legs
                .iter()
                .filter(|l| {
                    net.data().airline(l.airline).code == "KC"
                        && net.data().airport(l.origin).iata == o
                        && net.data().airport(l.destination).iata == x
                })
                .count()
        };
        (
            ala_urc("ALA", "URC"),
            ala_urc("URC", "ALA"),
            ala_urc("ALA", "PEK"),
        )
    };
    // KC did not fly ALA–URC in April 2023; the override copies its nearest pattern.
    assert_eq!(count("start = 2023-04-03\nend = 2023-04-30\n"), (0, 0, 16));
    let five = "[[frequency]]\nairline = \"KC\"\norigin = \"ALA\"\ndestination = \"URC\"\nweekly = 5\nfrom = 2023-04-03\nto = 2023-04-30\n";
    assert_eq!(count(five), (20, 20, 16));
    // ALA–PEK goes from 4 to 2 a week, one direction only.
    let two = "[[frequency]]\nairline = \"KC\"\norigin = \"ALA\"\ndestination = \"PEK\"\nweekly = 2\nfrom = 2023-04-03\nto = 2023-04-30\nboth_directions = false\n";
    assert_eq!(count(two).2, 8);
    // A new route needs a time and an aircraft.
    let s = Scenario::parse(
        "[[frequency]]\nairline = \"KC\"\norigin = \"ALA\"\ndestination = \"HGH\"\nweekly = 3\nfrom = 2023-04-03\nto = 2023-04-30\n",
        "new.toml",
        std::path::Path::new("."),
    )
    .unwrap();
    let Err(Error::Invalid(d)) = s.resolve(&data) else {
        panic!("expected invalid")
    };
    assert_eq!(key(&d.0[0]), "frequency[0].dep");
    let ok = "[[frequency]]\nairline = \"KC\"\norigin = \"ALA\"\ndestination = \"HGH\"\nweekly = 3\nfrom = 2023-04-03\nto = 2023-04-30\ndep = \"09:00\"\nreturn_dep = \"14:00\"\naircraft = \"A321LR\"\n";
    let s = Scenario::parse(ok, "new.toml", std::path::Path::new(".")).unwrap();
    let (d, _) = s.resolve(&data).unwrap();
    assert!(d.patterns.iter().any(|p| d.airport(p.origin).iata == "ALA"
        && d.airport(p.destination).iata == "HGH"
        && d.airline(p.airline).code == "KC"));
}

/// The passenger-model keys (k-factor, seasonality, segments, groups, the outside option,
/// revenue management) are checked like every other: each bad value named with its line and
/// key, all at once; then the checks across fields; a missing key is named.
#[test]
fn passenger_model_keys_are_checked() {
    let text = "\
[demand]
k_factor = -0.5
monthly = [1, 1, 1]
[[demand.segments]]
name = \"business\"
share = 1
wtp_multiple = 0.5
[[demand.groups]]
markets = \"KZ\"
scale = -2
[choice]
no_purchase = 99
[rm]
method = \"littlewood\"
max_overbooking = 0.9
";
    let d = errors(text);
    let got: Vec<(u64, &str)> = d.iter().map(|x| (x.line, key(x))).collect();
    assert_eq!(
        got,
        vec![
            (2, "demand.k_factor"),
            (3, "demand.monthly"),
            (7, "demand.segments[0].wtp_multiple"),
            (10, "demand.groups[0].scale"),
            (12, "choice.no_purchase"),
            (14, "rm.method"),
            (15, "rm.max_overbooking"),
        ],
        "{d:#?}"
    );
    assert!(d[5].expected.contains("\"emsrb\""), "{}", d[5]);
    // Across fields: a booking curve must fall to day 0, data collection points decrease.
    let d = errors(
        "\
[[demand.segments]]
name = \"business\"
share = 1
wtp_multiple = 2
price_sensitivity = 1
booking_curve = [{ days_before = 3, share = 0.0 }, { days_before = 7, share = 1.0 }]
[rm]
dcps = [7, 14]
",
    );
    let keys: Vec<&str> = d.iter().map(key).collect();
    assert!(
        keys.contains(&"demand.segments[0].booking_curve[1].days_before")
            && keys.contains(&"rm.dcps"),
        "{d:#?}"
    );
    // A segment without a key it needs: the key is named, at the segment's line.
    let d = errors("[[demand.segments]]\nname = \"business\"\nshare = 1\n");
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(d[0].expected.contains("the key `"), "{}", d[0]);
    // The command line says the same with exit code 2.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, text).unwrap();
    let out = bin().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:14") && err.contains("rm.method"),
        "{err}"
    );
}
