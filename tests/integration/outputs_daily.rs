//! `daily.csv` from `flightnet run --out`: passengers carried are counted on the local date
//! of their first flight (beside the date they asked for), and even arrivals give every date
//! exactly its expected requests.

use std::collections::BTreeMap;
use std::path::Path;

use crate::fixture::{bin, ok};

const AIRPORTS: &str = "\
iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii
KGF,UAKK,Karaganda,Karaganda,KZ,49.6708,73.3344,Asia/Almaty,30,60,90,90
NQZ,UACC,Astana,Astana,KZ,51.0222,71.4669,Asia/Almaty,40,60,75,60
";

/// Writes a KGF–NQZ network with `schedule` rows and `daily` requests a day KGF → NQZ, and a
/// scenario `extra` on it, runs `flightnet run --out`, and returns `daily.csv` as rows of
/// column → text, and the summary.
fn run_daily(
    dir: &Path,
    schedule: &str,
    daily: u32,
    extra: &str,
) -> (Vec<BTreeMap<String, String>>, serde_json::Value) {
    let net = dir.join("net");
    std::fs::create_dir(&net).unwrap();
    for (name, text) in [
        ("airports.csv", AIRPORTS.to_string()),
        (
            "airlines.csv",
            "code,name,country\nKC,Air Astana,KZ\n".into(),
        ),
        (
            "fleet.csv",
            "airline,aircraft,iata_type,seats,count,min_turn\nKC,E190,290,100,10,30\n".into(),
        ),
        (
            "schedule.csv",
            format!(
                "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft\n{schedule}"
            ),
        ),
        (
            "demand.csv",
            format!("origin,destination,daily_pax\nKGF,NQZ,{daily}\n"),
        ),
    ] {
        std::fs::write(net.join(name), text).unwrap();
    }
    let scenario = dir.join("s.toml");
    std::fs::write(
        &scenario,
        format!("network = {:?}\n{extra}", net.display().to_string()),
    )
    .unwrap();
    let out = dir.join("out");
    ok(bin()
        .args(["run", scenario.to_str().unwrap(), "--out"])
        .arg(&out)
        .output()
        .unwrap());
    let text = std::fs::read_to_string(out.join("daily.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    let summary =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    (rows, summary)
}

fn num(row: &BTreeMap<String, String>, col: &str) -> f64 {
    row.get(col)
        .unwrap_or_else(|| panic!("daily.csv has no {col}: {row:?}"))
        .parse()
        .unwrap()
}

/// Two weeks, Monday 2023-05-08 to Sunday 2023-05-21, one segment without no-shows, nobody
/// declines, no recapture onto other dates, no cancellations.
const TWO_WEEKS: &str = r#"
start = 2023-05-08
end = 2023-05-21
seed = 3
[demand]
recapture_days = 0
[[demand.segments]]
name = "all"
share = 1.0
wtp_multiple = 2.0
price_sensitivity = 0.0
[choice]
no_purchase = -1000
[operations]
cancellation_probability = 0.0
"#;

/// KC103 flies KGF → NQZ at noon every day; KC101 flies at 02:00 local on Mondays only. Almaty
/// is UTC+6, so the Monday flight leaves on Sunday in UTC. 150 requests a day for 100 seats a
/// flight: the noon flight is always full and the Monday night flight takes the rest of
/// Monday's requests (about 50).
///
/// Counted by the local date of the first flight, each day's carried passengers are exactly
/// the passengers its flights boarded (nobody fails to show, is rebooked or denied), so never
/// more than its seats, and the days add up to the total carried, as do the same passengers
/// counted by the date they asked for. (Counted by UTC date, Monday night's passengers would
/// land on Sunday: 150 carried against Sunday's 100 seats, and the first Monday's missing.)
#[test]
fn daily_carried_counts_travel_dates_and_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = "\
KC,101,KGF,NQZ,02:00,03:00,0,1......,2023-05-01,2023-06-30,E190
KC,103,KGF,NQZ,12:00,13:00,0,1234567,2023-05-01,2023-06-30,E190
";
    let (rows, summary) = run_daily(dir.path(), schedule, 150, TWO_WEEKS);
    assert_eq!(rows.len(), 14);
    let (mut carried, mut by_request) = (0.0, 0.0);
    for row in &rows {
        let date = &row["date"];
        let (c, seats) = (num(row, "carried"), num(row, "seats"));
        assert!(c <= seats, "{date}: carried {c} on {seats} seats");
        assert_eq!(c, num(row, "passengers"), "{date}: carried = boarded");
        carried += c;
        by_request += num(row, "carried_by_request_date");
    }
    let total = summary["totals"]["carried"].as_f64().unwrap();
    assert!(total > 1_400.0, "{total}");
    assert_eq!(carried, total);
    assert_eq!(by_request, total);
    // Mondays: both flights, the night one with the rest of Monday's requests.
    for monday in ["2023-05-08", "2023-05-15"] {
        let row = rows.iter().find(|r| r["date"] == monday).unwrap();
        assert_eq!(num(row, "seats"), 200.0);
        assert!(num(row, "carried") > 120.0, "{row:?}");
    }
}

/// Four weeks of 50 requests a day (two segments, 30 % and 70 %: 15 and 35 a day each) on flat
/// weekdays. With `arrivals = "even"` every date gets exactly 50 requests, k-factor or not:
/// 28 × 50 = 1 400 in all. With the default Poisson arrivals and k-factor, the dates differ.
#[test]
fn even_arrivals_give_every_date_exactly_its_demand() {
    let schedule = "KC,103,KGF,NQZ,12:00,13:00,0,1234567,2023-04-01,2023-06-30,E190\n";
    let period = "start = 2023-05-01\nend = 2023-05-28\nseed = 9\n";
    let dir = tempfile::tempdir().unwrap();
    let (rows, summary) = run_daily(
        dir.path(),
        schedule,
        50,
        &format!(
            "{period}[demand]\narrivals = \"even\"\nk_factor = 0.4\nday_of_week = [1, 1, 1, 1, 1, 1, 1]\n"
        ),
    );
    assert_eq!(rows.len(), 28);
    for row in &rows {
        assert_eq!(num(row, "demand"), 50.0, "{row:?}");
    }
    assert_eq!(summary["totals"]["demand"].as_f64(), Some(1_400.0));
    assert_eq!(summary["markets"][0]["demand"].as_f64(), Some(1_400.0));

    let dir = tempfile::tempdir().unwrap();
    let (rows, _) = run_daily(
        dir.path(),
        schedule,
        50,
        &format!("{period}[demand]\nday_of_week = [1, 1, 1, 1, 1, 1, 1]\n"),
    );
    let mut counts: Vec<i64> = rows.iter().map(|r| num(r, "demand") as i64).collect();
    assert!(counts.iter().any(|&c| c != 50), "{counts:?}");
    counts.sort_unstable();
    counts.dedup();
    assert!(
        counts.len() >= 5,
        "Poisson with a k-factor varies: {counts:?}"
    );
}
