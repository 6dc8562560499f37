//! SSIM Chapter 7 import and export: hand-worked records (the UTC arithmetic is in the
//! comments), bad files reported with line and byte columns, `--skip-bad`, a round trip of the
//! shipped `routes/` schedule, the default scenario from SSIM and from CSV, the commands, and a
//! property test that no input makes the reader panic.

use std::path::Path;

use flightnet_data::error::{Diagnostic, Error};
use flightnet_data::input;
use flightnet_data::network::checks::utc_times;
use flightnet_data::network::{FlightPattern, Network, NetworkData};
use flightnet_data::ssim::record::{Field, RecordBuf, carrier, header, leg, trailer};
use flightnet_data::ssim::{Import, ImportOptions, SsimFile, Tables, export, import};
use flightnet_data::time::{DateRange, Day};
use proptest::prelude::*;

use crate::fixture::{Net, bin};

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

/// KC267 ALA 01:35 (+0600) → PEK 08:30 (+0800), Tuesdays 22 Nov 2022 to 28 Feb 2023, A321LR.
const KC267: &[(Field, &str)] = &[
    (leg::AIRLINE, "KC"),
    (leg::FLIGHT, " 267"),
    (leg::IVI, "01"),
    (leg::LEG_SEQ, "01"),
    (leg::SERVICE, "J"),
    (leg::FROM, "22NOV22"),
    (leg::TO, "28FEB23"),
    (leg::DAYS, " 2     "),
    (leg::DEP_STATION, "ALA"),
    (leg::PAX_STD, "0135"),
    (leg::STD, "0135"),
    (leg::DEP_VAR, "+0600"),
    (leg::ARR_STATION, "PEK"),
    (leg::PAX_STA, "0830"),
    (leg::STA, "0830"),
    (leg::ARR_VAR, "+0800"),
    (leg::AIRCRAFT, "32Q"),
    (leg::MCT_STATUS, "II"),
    (leg::CONFIG, "C16Y150"),
    (leg::DATE_VAR, "00"),
];

/// A leg record: KC267 with some fields replaced.
pub(crate) fn leg_rec(changes: &[(Field, &str)]) -> String {
    let mut r = RecordBuf::new(b'3');
    for (f, v) in KC267.iter().chain(changes) {
        r.left(*f, v);
    }
    r.as_str().to_string()
}

/// A data set: header, one carrier (time mode `mode`) with `legs`, trailer; serial numbers
/// 1, 2, … and the trailer's check reference set right.
pub(crate) fn dataset(mode: &str, airline: &str, legs: &[String]) -> String {
    let mut lines = Vec::new();
    let mut h = RecordBuf::new(b'1');
    h.left(header::TITLE, header::TITLE_TEXT);
    lines.push(h.as_str().to_string());
    let mut c = RecordBuf::new(b'2');
    c.left(carrier::TIME_MODE, mode)
        .left(carrier::AIRLINE, airline)
        .left(carrier::VALID_FROM, "01JUN22")
        .left(carrier::VALID_TO, "31DEC24");
    lines.push(c.as_str().to_string());
    lines.extend(legs.iter().cloned());
    let mut t = RecordBuf::new(b'5');
    t.left(trailer::AIRLINE, airline)
        .left(trailer::SERIAL_CHECK, &format!("{:06}", lines.len()))
        .left(trailer::END_CODE, "E");
    lines.push(t.as_str().to_string());
    let numbered: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{:06}", &l[..194], i + 1))
        .collect();
    numbered.join("\n") + "\n"
}

pub(crate) fn ssim_file(text: &str) -> SsimFile<'static> {
    SsimFile {
        path: "test.ssim".into(),
        bytes: text.as_bytes().to_vec().into(),
    }
}

pub(crate) fn import_text(
    data: &NetworkData,
    text: &str,
    skip_bad: bool,
) -> flightnet_data::Result<Import> {
    import(
        &[ssim_file(text)],
        &Tables::of(data),
        ImportOptions { skip_bad },
    )
}

pub(crate) fn fixture() -> NetworkData {
    input::load_dir(Net::valid().path()).unwrap()
}

pub(crate) fn routes() -> NetworkData {
    input::load_dir(Path::new("routes")).unwrap()
}

pub(crate) fn invalid(r: flightnet_data::Result<Import>) -> Vec<Diagnostic> {
    match r {
        Err(Error::Invalid(d)) => d.0,
        Err(e) => panic!("expected invalid input, got {e}"),
        Ok(i) => panic!("expected invalid input, got {} patterns", i.patterns.len()),
    }
}

/// `(line, first byte)` of each diagnostic.
pub(crate) fn places(d: &[Diagnostic]) -> Vec<(u64, Option<usize>)> {
    d.iter()
        .map(|d| (d.line, d.column.as_ref().map(|c| c.index)))
        .collect()
}

/// airline, flight, origin, destination, dep, arr, arr_day, days, period, aircraft.
pub(crate) fn describe(data: &NetworkData, p: &FlightPattern) -> String {
    format!(
        "{}{} {}-{} {}-{}{:+} {} {} {}",
        data.airline(p.airline).code,
        p.flight,
        data.airport(p.origin).iata,
        data.airport(p.destination).iata,
        p.dep,
        p.arr,
        p.arr_day,
        p.days,
        p.period,
        data.aircraft(p.aircraft).name
    )
}

fn utc(data: &NetworkData, p: &FlightPattern, d: &str) -> (String, String) {
    let (dep, arr) = utc_times(p, &data.airports, day(d));
    (dep.to_string(), arr.to_string())
}

#[test]
fn local_time_leg_worked_by_hand() {
    let data = fixture();
    let imp = import_text(&data, &dataset("L", "KC", &[leg_rec(&[])]), false).unwrap();
    assert_eq!(imp.patterns.len(), 1);
    let p = &imp.patterns[0];
    // C16Y150 = 166 seats, the KC 32Q of fleet.csv: the A321LR.
    assert_eq!(
        describe(&data, p),
        "KC267 ALA-PEK 01:35-08:30+0 .2..... 2022-11-22..2023-02-28 A321LR"
    );
    // Departure 01:35 − 6:00 = 19:35 UTC the day before; arrival 08:30 − 8:00 = 00:30 UTC.
    assert_eq!(
        utc(&data, p, "2022-11-22"),
        ("2022-11-21T19:35Z".into(), "2022-11-22T00:30Z".into())
    );
    assert_eq!(p.provenance.source, "ssim:test.ssim");
    assert_eq!(p.origin_ref, "test.ssim:3");
    assert_eq!(imp.dated_legs, 15); // Tuesdays 22 Nov 2022 to 28 Feb 2023
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
}

#[test]
fn date_variation_across_midnight_and_the_day_before() {
    let data = fixture();
    // CZ6012 ALA 22:30 (+0600) → URC 02:05 (+0800) the next day, date variation "01", Fridays
    // 1–29 July 2022. Departure 22:30 − 6:00 = 16:30 UTC on the flight date; arrival on the
    // flight date + 1 at 02:05 − 8:00 = 18:05 UTC on the flight date: a 1:35 block.
    let cz6012 = leg_rec(&[
        (leg::AIRLINE, "CZ"),
        (leg::FLIGHT, "6012"),
        (leg::FROM, "01JUL22"),
        (leg::TO, "29JUL22"),
        (leg::DAYS, "    5  "),
        (leg::STD, "2230"),
        (leg::ARR_STATION, "URC"),
        (leg::STA, "0205"),
        (leg::AIRCRAFT, "738"),
        (leg::CONFIG, "F8Y159"),
        (leg::DATE_VAR, "01"),
    ]);
    // CZ6011 URC 00:30 (+0800) → ALA 23:55 (+0600) the day before, date variation "0A".
    // Departure 00:30 − 8:00 = 16:30 UTC the day before the flight date; arrival on the flight
    // date − 1 at 23:55 − 6:00 = 17:55 UTC: a 1:25 block that lands on the previous local date.
    let cz6011 = leg_rec(&[
        (leg::AIRLINE, "CZ"),
        (leg::FLIGHT, "6011"),
        (leg::FROM, "01JUL22"),
        (leg::TO, "29JUL22"),
        (leg::DAYS, "    5  "),
        (leg::DEP_STATION, "URC"),
        (leg::STD, "0030"),
        (leg::DEP_VAR, "+0800"),
        (leg::ARR_STATION, "ALA"),
        (leg::STA, "2355"),
        (leg::ARR_VAR, "+0600"),
        (leg::AIRCRAFT, "738"),
        (leg::CONFIG, "F8Y159"),
        (leg::DATE_VAR, "0A"),
    ]);
    let imp = import_text(&data, &dataset("L", "CZ", &[cz6012, cz6011]), false).unwrap();
    let d: Vec<String> = imp.patterns.iter().map(|p| describe(&data, p)).collect();
    assert_eq!(
        d,
        [
            "CZ6011 URC-ALA 00:30-23:55-1 ....5.. 2022-07-01..2022-07-29 B737-800",
            "CZ6012 ALA-URC 22:30-02:05+1 ....5.. 2022-07-01..2022-07-29 B737-800",
        ]
    );
    assert_eq!(
        utc(&data, &imp.patterns[1], "2022-07-01"),
        ("2022-07-01T16:30Z".into(), "2022-07-01T18:05Z".into())
    );
    assert_eq!(
        utc(&data, &imp.patterns[0], "2022-07-01"),
        ("2022-06-30T16:30Z".into(), "2022-06-30T17:55Z".into())
    );
}

#[test]
fn utc_mode_carrier_gives_utc_dates_and_times() {
    let data = fixture();
    // Time mode U: KC267 as Mondays (UTC) 21 Nov 2022 to 27 Feb 2023, 19:35 → 00:30 UTC the
    // next day ("01"). In Almaty (UTC+6) that is 01:35 on Tuesday; in Beijing (UTC+8) 08:30 on
    // Tuesday: the same flights as the local-mode record, a day later on the local calendar.
    let rec = leg_rec(&[
        (leg::FROM, "21NOV22"),
        (leg::TO, "27FEB23"),
        (leg::DAYS, "1      "),
        (leg::STD, "1935"),
        (leg::STA, "0030"),
        (leg::DATE_VAR, "01"),
    ]);
    let utc_mode = import_text(&data, &dataset("U", "KC", &[rec]), false).unwrap();
    let local_mode = import_text(&data, &dataset("L", "KC", &[leg_rec(&[])]), false).unwrap();
    assert_eq!(
        describe(&data, &utc_mode.patterns[0]),
        describe(&data, &local_mode.patterns[0])
    );
    assert_eq!(
        utc(&data, &utc_mode.patterns[0], "2023-02-28"),
        ("2023-02-27T19:35Z".into(), "2023-02-28T00:30Z".into())
    );
    assert!(utc_mode.warnings.is_empty(), "{:#?}", utc_mode.warnings);
}

#[test]
fn downline_leg_after_midnight_shifts_days_and_period() {
    let data = fixture();
    // KC901 ALA–URC–PEK, flight dates Mondays 6–27 March 2023.
    // Leg 1: ALA 22:00 (+0600) = 16:00 UTC; URC 01:35 (+0800) on the next day ("01") = 17:35
    // UTC on the flight date.
    // Leg 2: URC 03:05 (+0800) and PEK 07:05 (+0800), both the next day ("11"): 19:05 UTC and
    // 23:05 UTC on the flight date. It leaves URC on Tuesdays 7–28 March local time.
    let common = [
        (leg::FLIGHT, " 901"),
        (leg::FROM, "06MAR23"),
        (leg::TO, "27MAR23"),
        (leg::DAYS, "1      "),
    ];
    let leg1 = leg_rec(
        &[
            &common[..],
            &[
                (leg::STD, "2200"),
                (leg::ARR_STATION, "URC"),
                (leg::STA, "0135"),
                (leg::DATE_VAR, "01"),
            ],
        ]
        .concat(),
    );
    let leg2 = leg_rec(
        &[
            &common[..],
            &[
                (leg::LEG_SEQ, "02"),
                (leg::DEP_STATION, "URC"),
                (leg::STD, "0305"),
                (leg::DEP_VAR, "+0800"),
                (leg::STA, "0705"),
                (leg::MCT_STATUS, "DD"),
                (leg::DATE_VAR, "11"),
            ],
        ]
        .concat(),
    );
    let imp = import_text(&data, &dataset("L", "KC", &[leg1.clone(), leg2]), false).unwrap();
    let d: Vec<String> = imp.patterns.iter().map(|p| describe(&data, p)).collect();
    assert_eq!(
        d,
        [
            "KC901 ALA-URC 22:00-01:35+1 1...... 2023-03-06..2023-03-27 A321LR",
            "KC901 URC-PEK 03:05-07:05+0 .2..... 2023-03-07..2023-03-28 A321LR",
        ]
    );
    assert_eq!(
        utc(&data, &imp.patterns[1], "2023-03-07"),
        ("2023-03-06T19:05Z".into(), "2023-03-06T23:05Z".into())
    );
    // The network sees one flight: leg 2 continues leg 1 (no MCT for through passengers).
    let net = Network::build(
        NetworkData::new(
            data.airports.clone(),
            data.airlines.clone(),
            data.fleet.clone(),
            imp.patterns.clone(),
            Vec::new(),
        )
        .into(),
        DateRange::new(day("2023-03-06"), day("2023-03-07")).unwrap(),
    );
    assert_eq!(net.legs.len(), 2);
    assert!(net.legs[0].continues_as(&net.legs[1]));

    // A leg 2 that does not leave from where leg 1 lands is an error on leg 2's station.
    let broken = leg_rec(
        &[
            &common[..],
            &[
                (leg::LEG_SEQ, "02"),
                (leg::DEP_STATION, "NQZ"),
                (leg::STD, "0305"),
                (leg::STA, "0705"),
                (leg::DATE_VAR, "11"),
            ],
        ]
        .concat(),
    );
    let d = invalid(import_text(
        &data,
        &dataset("L", "KC", &[leg1, broken]),
        false,
    ));
    assert_eq!(places(&d), [(4, Some(37))]);
    assert!(
        d[0].expected.contains("URC, where leg 01 (line 3) arrives"),
        "{}",
        d[0]
    );
}

#[test]
fn fortnightly_operates_every_other_week_from_the_period_start() {
    let data = fixture();
    // Tuesdays 3–31 Jan 2023 ("2" in byte 36): weeks of 2, 16 and 30 Jan count from the week of
    // the period start (2 Jan): 3 and 17 Jan operate, 10 and 24 Jan do not, 31 Jan is after the
    // period's end (29 Jan).
    let rec = leg_rec(&[
        (leg::FROM, "02JAN23"),
        (leg::TO, "29JAN23"),
        (leg::FREQUENCY, "2"),
    ]);
    let imp = import_text(&data, &dataset("L", "KC", &[rec]), false).unwrap();
    let d: Vec<String> = imp.patterns.iter().map(|p| describe(&data, p)).collect();
    assert_eq!(
        d,
        [
            "KC267 ALA-PEK 01:35-08:30+0 .2..... 2023-01-03..2023-01-03 A321LR",
            "KC267 ALA-PEK 01:35-08:30+0 .2..... 2023-01-17..2023-01-17 A321LR",
        ]
    );
    assert_eq!(imp.dated_legs, 2);
}

#[test]
fn a_variation_that_contradicts_the_tz_database_keeps_the_records_utc() {
    let data = fixture();
    // +0500 at Almaty in November 2022, when the database has +0600. The record's instant is
    // 01:35 − 5:00 = 20:35 UTC the day before, which Almaty clocks showed as 02:35.
    let rec = leg_rec(&[(leg::DEP_VAR, "+0500")]);
    let imp = import_text(&data, &dataset("L", "KC", &[rec]), false).unwrap();
    let p = &imp.patterns[0];
    assert_eq!(p.dep.to_string(), "02:35");
    assert_eq!(utc(&data, p, "2022-11-22").0, "2022-11-21T20:35Z");
    assert_eq!(imp.warnings.len(), 1, "{:#?}", imp.warnings);
    let w = &imp.warnings[0];
    assert_eq!((w.line, w.column.as_ref().unwrap().index), (3, 48));
    assert_eq!(w.value, "+0500");
    assert!(
        w.expected
            .starts_with("+0600 as the bundled time-zone database"),
        "{w}"
    );
    assert!(w.expected.contains("15 of 15 dates differ"), "{w}");
}

#[test]
fn a_time_in_the_repeated_hour_is_an_error_unless_it_is_the_first_one() {
    let data = fixture();
    // Almaty clocks went from 00:00 (UTC+6) on 1 March 2024 back to 23:00 on 29 February
    // (UTC+5), so 23:30 on 29 February happened twice: at 17:30 UTC (+0600) and at 18:30 UTC
    // (+0500). schedule.csv's local times mean the first (the "compatible" rule), so only
    // that one can be imported.
    let rec = |var: &str| {
        leg_rec(&[
            (leg::FLIGHT, " 857"),
            (leg::FROM, "29FEB24"),
            (leg::TO, "29FEB24"),
            (leg::DAYS, "   4   "),
            (leg::STD, "2330"),
            (leg::DEP_VAR, var),
            (leg::ARR_STATION, "NQZ"),
            (leg::STA, "0115"),
            (leg::ARR_VAR, "+0500"),
            (leg::AIRCRAFT, "290"),
            (leg::CONFIG, ""),
            (leg::MCT_STATUS, "DD"),
            (leg::DATE_VAR, "01"),
        ])
    };
    // First 23:30: 17:30 UTC; arrival 01:15 (+0500) on 1 March = 20:15 UTC.
    let imp = import_text(&data, &dataset("L", "KC", &[rec("+0600")]), false).unwrap();
    let p = &imp.patterns[0];
    assert_eq!(
        describe(&data, p),
        "KC857 ALA-NQZ 23:30-01:15+1 ...4... 2024-02-29..2024-02-29 E190-E2"
    );
    assert_eq!(
        utc(&data, p, "2024-02-29"),
        ("2024-02-29T17:30Z".into(), "2024-02-29T20:15Z".into())
    );
    // Second 23:30: 18:30 UTC, which a local 23:30 cannot name.
    let d = invalid(import_text(
        &data,
        &dataset("L", "KC", &[rec("+0500")]),
        false,
    ));
    assert_eq!(places(&d), [(3, Some(44))]);
    assert!(
        d[0].expected
            .contains("on 2024-02-29 it falls in the hour repeated by a clock change"),
        "{}",
        d[0]
    );
}

#[test]
fn aircraft_by_type_and_seats_then_by_type() {
    let data = routes();
    let one = |ac: &str, config: &str| {
        import_text(
            &data,
            &dataset(
                "L",
                "KC",
                &[leg_rec(&[(leg::AIRCRAFT, ac), (leg::CONFIG, config)])],
            ),
            false,
        )
    };
    let name = |r: flightnet_data::Result<Import>| {
        let i = r.unwrap();
        (
            data.aircraft(i.patterns[0].aircraft).name.clone(),
            i.warnings.len(),
        )
    };
    // KC has two 32Q: A321neo (179 seats) and A321LR (166 seats).
    assert_eq!(name(one("32Q", "C28Y151")), ("A321neo".to_string(), 0));
    assert_eq!(name(one("32Q", "C16Y150")), ("A321LR".to_string(), 0));
    // One 32N (148 seats): a different seat count still picks it, with a warning.
    assert_eq!(name(one("32N", "")), ("A320neo".to_string(), 0));
    assert_eq!(name(one("32N", "Y150")), ("A320neo".to_string(), 1));
    let d = invalid(one("32Q", "Y200"));
    assert_eq!(places(&d), [(3, Some(173))]);
    assert!(
        d[0].expected.contains(
            "picks one KC 32Q aircraft in fleet.csv (A321neo 179 seats, A321LR 166 seats)"
        ),
        "{}",
        d[0]
    );
    // A type KC's fleet does not have takes its seats from the configuration (or the PRBD).
    let i = one("77W", "Y300").unwrap();
    assert_eq!(i.added_fleet.len(), 1);
    let t = &i.added_fleet[0];
    assert_eq!((t.name.as_str(), t.seats, t.count), ("77W-300", 300, 0));
    assert_eq!(i.patterns[0].aircraft.0 as usize, data.fleet.len());
    assert!(
        i.warnings
            .iter()
            .any(|w| w.expected.contains("added as 77W-300 with the 300 seats")),
        "{:#?}",
        i.warnings
    );
    // Without seats anywhere it cannot be added.
    let d = invalid(one("77W", "CY"));
    assert_eq!(places(&d), [(3, Some(173))]);
    assert!(
        d[0].expected.contains("32N A320neo, 321 A321, 32Q A321neo"),
        "{}",
        d[0]
    );
    let d = invalid(one("32Q", "C16 Y150"));
    assert_eq!(places(&d), [(3, Some(173))]);
}

#[test]
fn status_and_onward_flights_are_checked_and_reported() {
    let data = fixture();
    // KC267 lands at PEK at 08:30; KC268 leaves PEK at 11:30 the same Tuesdays.
    let kc268 = leg_rec(&[
        (leg::FLIGHT, " 268"),
        (leg::DEP_STATION, "PEK"),
        (leg::STD, "1130"),
        (leg::DEP_VAR, "+0800"),
        (leg::ARR_STATION, "ALA"),
        (leg::STA, "1445"),
        (leg::ARR_VAR, "+0600"),
    ]);
    let good = leg_rec(&[(leg::ONWARD_AIRLINE, "KC"), (leg::ONWARD_FLIGHT, " 268")]);
    let imp = import_text(&data, &dataset("L", "KC", &[good, kc268.clone()]), false).unwrap();
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    assert_eq!(imp.onward.len(), 1);
    let o = &imp.onward[0];
    assert_eq!(
        (o.origin.as_str(), o.destination.as_str(), o.onward_flight),
        ("ALA", "PEK", 268)
    );
    assert_eq!((o.dates, o.missing), (15, 0));

    // A layover of one day, and a domestic status on an international leg: two warnings.
    let bad = leg_rec(&[
        (leg::ONWARD_AIRLINE, "KC"),
        (leg::ONWARD_FLIGHT, " 268"),
        (leg::ONWARD_LAYOVER, "1"),
        (leg::MCT_STATUS, "DI"),
    ]);
    let imp = import_text(&data, &dataset("L", "KC", &[bad, kc268]), false).unwrap();
    assert_eq!(imp.onward[0].missing, 15);
    assert_eq!(places(&imp.warnings), [(3, Some(120)), (3, Some(141))]);
    assert!(
        imp.warnings[0].expected.starts_with("II, the status"),
        "{}",
        imp.warnings[0]
    );
    assert!(
        imp.warnings[1]
            .expected
            .contains("none for the leg of 2022-11-22 (15 of 15 dates)"),
        "{}",
        imp.warnings[1]
    );
}

/// Header, carrier, a good leg, then one problem per line, and a trailer that does not match.
fn bad_file() -> String {
    let good = dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[(leg::FLIGHT, " 211"), (leg::FROM, "31FEB23")]),
            leg_rec(&[(leg::FLIGHT, " 212"), (leg::DAYS, "1 3 5 8")]),
            leg_rec(&[(leg::FLIGHT, " 213")]),
            leg_rec(&[(leg::FLIGHT, " 214")]),
            leg_rec(&[(leg::FLIGHT, " 215"), (leg::TO, "31DEC22")]),
        ],
    );
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[5].truncate(150); // line 6: too short
    lines[6].replace_range(0..1, "9"); // line 7: no such record type
    lines[7].replace_range(194..200, "000042"); // line 8: serial 42 after 7
    lines[8].replace_range(2..4, "CZ"); // line 9: a trailer for another airline…
    lines[8].replace_range(187..193, "000003"); // …pointing at the wrong record
    lines.join("\n") + "\n"
}

#[test]
fn every_bad_record_is_reported_at_once_with_line_and_bytes() {
    let data = fixture();
    let d = invalid(import_text(&data, &bad_file(), false));
    // The short record is padded and read (a warning); the others are errors.
    assert_eq!(
        places(&d),
        [(4, Some(15)), (5, Some(29)), (7, Some(1))],
        "{d:#?}"
    );
    assert_eq!(
        d[0].column.as_ref().unwrap().name,
        "period of operation from (bytes 15-21)"
    );
    assert_eq!(d[0].value, "31FEB23");
    assert_eq!(d[1].value, "1 3 5 8");
    // --skip-bad rejects those records and reads the rest; what was repaired or not used is
    // a warning: the padding, the serial number, the trailer's airline and check reference.
    let imp = import_text(&data, &bad_file(), true).unwrap();
    assert_eq!((imp.skipped_records, imp.imported_records), (3, 3));
    assert_eq!(imp.skipped.len(), 3);
    let w: Vec<(u64, Option<usize>)> = places(&imp.warnings);
    for want in [(6, None), (8, Some(195)), (9, Some(3)), (9, Some(188))] {
        assert!(w.contains(&want), "{want:?} not in {:#?}", imp.warnings);
    }
    let serial = imp.warnings.iter().find(|w| w.line == 8).unwrap();
    assert_eq!(serial.value, "000042");
    assert!(serial.expected.starts_with("000008, one more"), "{serial}");
    let check = imp
        .warnings
        .iter()
        .find(|w| w.line == 9 && w.column.as_ref().is_some_and(|c| c.index == 188))
        .unwrap();
    assert!(
        check.expected.starts_with("000042, the previous record's"),
        "{check}"
    );
}

#[test]
fn skip_bad_drops_bad_legs_and_counts_them() {
    let data = fixture();
    let text = dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[(leg::FLIGHT, " 211"), (leg::FROM, "31FEB23")]),
            leg_rec(&[(leg::FLIGHT, " 212"), (leg::DEP_STATION, "XXX")]),
        ],
    );
    let d = invalid(import_text(&data, &text, false));
    assert_eq!(places(&d), [(4, Some(15)), (5, Some(37))]);
    let imp = import_text(&data, &text, true).unwrap();
    assert_eq!(imp.skipped_records, 2);
    assert_eq!(imp.skipped.len(), 2);
    assert_eq!((imp.leg_records, imp.imported_records), (3, 1));
    assert_eq!(imp.patterns.len(), 1);
    assert_eq!(imp.patterns[0].flight, 267);
}

#[test]
fn the_same_flight_twice_on_a_date_is_reported_on_the_later_record() {
    let data = fixture();
    let text = dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[(leg::IVI, "02"), (leg::FROM, "10JAN23"), (leg::STD, "0235")]),
        ],
    );
    let d = invalid(import_text(&data, &text, false));
    assert_eq!(places(&d), [(4, None)]);
    assert_eq!(d[0].value, "KC267 ALA");
    assert!(
        d[0].expected.contains(
            "departs its origin at most once per date, but it also operates on 2023-01-10 by line 3"
        ),
        "{}",
        d[0]
    );
}

#[test]
fn an_arrival_before_the_departure_fails_the_csv_check() {
    let data = fixture();
    // 08:30 − 8:00 = 00:30 UTC on the flight date, before 14:35 − 6:00 = 08:35 UTC.
    let text = dataset("L", "KC", &[leg_rec(&[(leg::STD, "1435")])]);
    let d = invalid(import_text(&data, &text, false));
    assert_eq!(places(&d), [(3, Some(58))]);
    assert!(
        d[0].expected
            .contains("on 2022-11-22 it departs 2022-11-22T08:35Z and arrives 2022-11-22T00:30Z"),
        "{}",
        d[0]
    );
}

#[test]
fn filler_lines_crlf_and_unbroken_records_are_read() {
    let data = fixture();
    let text = dataset("L", "KC", &[leg_rec(&[])]);
    let zeros = "0".repeat(200);
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(1, &zeros);
    let crlf = lines.join("\r\n") + "\r\n";
    let a = import_text(&data, &crlf, false).unwrap();
    let b = import_text(&data, &text.replace('\n', ""), false).unwrap();
    assert_eq!(a.patterns.len(), 1);
    assert_eq!(a.patterns[0].origin_ref, "test.ssim:4");
    assert_eq!(
        describe(&data, &a.patterns[0]),
        describe(&data, &b.patterns[0])
    );
}

#[test]
fn export_splits_patterns_where_the_utc_variation_changes() {
    // NQZ 10:00 → ALA 11:45 daily across Kazakhstan's move from UTC+6 to UTC+5 (1 March 2024),
    // and NQZ 08:00 → FRA 10:50 across Germany's change to summer time (26 March 2023).
    let net = Net::with(|name, text| match name {
        "airports.csv" => format!(
            "{text}FRA,EDDF,Frankfurt am Main Airport,Frankfurt,DE,50.0264,8.54313,Europe/Berlin,45,60,90,90,E,-\n"
        ),
        "schedule.csv" => format!(
            "{text}KC,853,NQZ,ALA,10:00,11:45,0,1234567,2024-02-20,2024-03-10,E190-E2,E,-\n\
             KC,921,NQZ,FRA,08:00,10:50,0,1234567,2023-03-20,2023-04-02,A321LR,E,-\n"
        ),
        _ => text.to_string(),
    });
    let data = input::load_dir(net.path()).unwrap();
    let opts = export::ExportOptions {
        created: Some(day("2024-01-01")),
    };
    let text = export::export(&data, &opts).unwrap();
    let recs = |flight: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with('3') && leg::FLIGHT.get(l) == flight)
            .map(|l| {
                format!(
                    "{}-{} {}{}{} {}{}",
                    leg::FROM.get(l),
                    leg::TO.get(l),
                    leg::STD.get(l),
                    leg::DEP_VAR.get(l),
                    leg::ARR_STATION.get(l),
                    leg::STA.get(l),
                    leg::ARR_VAR.get(l)
                )
            })
            .collect()
    };
    assert_eq!(
        recs(" 853"),
        [
            "20FEB24-29FEB24 1000+0600ALA 1145+0600",
            "01MAR24-10MAR24 1000+0500ALA 1145+0500",
        ]
    );
    assert_eq!(
        recs(" 921"),
        [
            "20MAR23-25MAR23 0800+0600FRA 1050+0100",
            "26MAR23-02APR23 0800+0600FRA 1050+0200",
        ]
    );
    assert!(text.lines().all(|l| l.len() == 200));
    // And back: each split pattern is one row again, and the dated legs are the same.
    let back = import_text(&data, &text, false).unwrap();
    let rows: Vec<String> = back
        .patterns
        .iter()
        .filter(|p| p.flight == 853 || p.flight == 921)
        .map(|p| describe(&data, p))
        .collect();
    assert_eq!(
        rows,
        [
            "KC853 NQZ-ALA 10:00-11:45+0 1234567 2024-02-20..2024-03-10 E190-E2",
            "KC921 NQZ-FRA 08:00-10:50+0 1234567 2023-03-20..2023-04-02 A321LR",
        ]
    );
    let imported = NetworkData::new(
        data.airports.clone(),
        data.airlines.clone(),
        data.fleet.clone(),
        back.patterns,
        Vec::new(),
    );
    assert!(dated_legs(data) == dated_legs(imported));
}

/// A dated leg: airline, flight, origin, destination, local date, UTC departure and arrival
/// (minutes), seats, aircraft.
type DatedLeg = (String, u16, String, String, Day, i64, i64, u32, String);

/// The dated legs of a network over its whole schedule.
fn dated_legs(data: NetworkData) -> Vec<DatedLeg> {
    let span = data.schedule_span().unwrap();
    let net = Network::build(data.into(), span);
    let d = net.data();
    let mut legs: Vec<_> = net
        .legs
        .iter()
        .map(|l| {
            (
                d.airline(l.airline).code.clone(),
                l.flight,
                d.airport(l.origin).iata.clone(),
                d.airport(l.destination).iata.clone(),
                l.day,
                l.dep.0,
                l.arr.0,
                l.seats,
                d.aircraft(l.aircraft).name.clone(),
            )
        })
        .collect();
    legs.sort();
    legs
}

#[test]
fn routes_round_trip_reproduces_every_dated_leg() {
    let data = routes();
    let text = export::export(&data, &export::ExportOptions::default()).unwrap();
    let imp = import_text(&data, &text, false).unwrap();
    assert!(
        imp.warnings.is_empty(),
        "{:#?}",
        &imp.warnings[..3.min(imp.warnings.len())]
    );
    // Multi-leg flights carry leg sequence numbers and date variations: CA1022 XIY–PEK is leg
    // 02 and arrives the day after the flight date.
    assert!(text.lines().any(|l| l.starts_with("3 CA 1022")
        && leg::LEG_SEQ.get(l) == "02"
        && leg::DEP_STATION.get(l) == "XIY"
        && leg::DATE_VAR.get(l) == "01"));
    let imported = NetworkData::new(
        data.airports.clone(),
        data.airlines.clone(),
        data.fleet.clone(),
        imp.patterns,
        Vec::new(),
    );
    let a = dated_legs(data);
    let b = dated_legs(imported);
    assert_eq!(a.len(), 107_542);
    assert!(a == b, "the dated legs differ");
}

#[test]
fn default_scenario_gives_the_same_results_from_ssim_and_csv() {
    use flightnet::runner::{Overrides, Study};
    use flightnet_data::scenario::Scenario;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("routes.ssim");
    let text = export::export(&routes(), &export::ExportOptions::default()).unwrap();
    std::fs::write(&path, text).unwrap();
    let scenario = || {
        let mut s = Scenario::builtin(Path::new("routes"));
        Overrides {
            start: Some(day("2023-10-02")),
            end: Some(day("2023-10-22")),
            ..Overrides::default()
        }
        .apply(&mut s);
        s
    };
    let json = |study: Study| {
        let results = study.run_all(&|_, _| {});
        let mut v: serde_json::Value =
            serde_json::from_str(&study.summary(&results).to_json()).unwrap();
        v.as_object_mut().unwrap().remove("engine").unwrap();
        serde_json::to_string_pretty(&v).unwrap()
    };
    let from_csv = json(Study::new(scenario()).unwrap());
    let from_ssim =
        json(Study::with_schedule(scenario(), Some(std::slice::from_ref(&path))).unwrap());
    assert!(from_csv.contains("\"carried\""));
    assert!(from_csv == from_ssim, "the summaries differ");
}

#[test]
fn cli_export_then_import_and_use_with_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let ssim = dir.path().join("routes.ssim");
    crate::fixture::ok(
        bin()
            .args(["export-ssim", "routes", "--created", "2024-01-01", "--out"])
            .arg(&ssim)
            .output()
            .unwrap(),
    );
    let text = std::fs::read_to_string(&ssim).unwrap();
    assert!(text.lines().nth(5).unwrap().contains("01JAN24FLIGHTNET"));
    let imported = dir.path().join("imported");
    let out = bin()
        .arg("import-ssim")
        .arg(&ssim)
        .arg("--out")
        .arg(&imported)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("read 327 leg records: imported 327 (0 with an inferred arrival date variation), 0 of services without passengers not imported, 0 rejected; 0 warnings"),
        "{err}"
    );
    assert!(err.contains("wrote 107542 dated legs in "), "{err}");
    let csv = std::fs::read_to_string(imported.join("schedule.csv")).unwrap();
    assert!(csv.starts_with(
        "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source\n\
         CA,1021,PEK,XIY,07:00,08:45,0,1.3.5..,2023-04-21,2023-09-29,A320,S,ssim:routes.ssim\n"
    ));
    // The network report is the same from the SSIM file as from schedule.csv.
    let report = |extra: &[&std::ffi::OsStr]| -> Vec<u8> {
        let out = crate::fixture::ok(
            bin()
                .args([
                    "network",
                    "--routes",
                    "routes",
                    "--date",
                    "2023-10-16",
                    "--format",
                    "json",
                ])
                .args(extra)
                .output()
                .unwrap(),
        );
        out.stdout
    };
    assert_eq!(
        report(&[]),
        report(&[std::ffi::OsStr::new("--schedule"), ssim.as_os_str()])
    );
    // So are a tuning and a comparison (timings aside).
    let stdout = |args: &[&str], extra: &[&std::ffi::OsStr]| -> String {
        let out = crate::fixture::ok(bin().args(args).args(extra).output().unwrap());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("seconds"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let with_ssim = [std::ffi::OsStr::new("--schedule"), ssim.as_os_str()];
    let tune = [
        "tune",
        "--from",
        "2023-12-18",
        "--to",
        "2023-12-24",
        "--replications",
        "1",
        "--max-rounds",
        "1",
        "--tune",
        "KC:ALA-PEK",
        "--format",
        "json",
    ];
    let tuned = stdout(&tune, &[]);
    assert!(tuned.contains("ALA"), "{tuned}");
    assert_eq!(tuned, stdout(&tune, &with_ssim));
    let compare = [
        "compare",
        "routes/scenarios/resumption-2022.toml",
        "routes/scenarios/daily-ala-pek-urc.toml",
        "--start",
        "2023-12-01",
        "--end",
        "2023-12-07",
        "--replications",
        "2",
        "--format",
        "json",
    ];
    let compared = stdout(&compare, &[]);
    assert!(compared.contains("spilled"), "{compared}");
    assert_eq!(compared, stdout(&compare, &with_ssim));
}

#[test]
fn cli_bad_file_exits_2_with_lines_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ssim");
    std::fs::write(&bad, bad_file()).unwrap();
    let net = Net::valid();
    let out = bin()
        .arg("import-ssim")
        .arg(&bad)
        .arg("--routes")
        .arg(net.path())
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "bad.ssim:4:15: column `period of operation from (bytes 15-21)`: found \"31FEB23\""
        ),
        "{err}"
    );
    assert!(
        err.contains("bad.ssim:7:1: column `record type (byte 1)`: found \"9\""),
        "{err}"
    );
    assert!(err.contains("3 errors in 1 file"), "{err}");
    assert!(!dir.path().join("out").exists());
    // The same through --schedule on another command.
    let out = bin()
        .arg("network")
        .arg("--routes")
        .arg(net.path())
        .arg("--schedule")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("bad.ssim:5:29: column `days of operation (bytes 29-35)`")
    );
}

#[test]
fn cli_skip_bad_imports_the_good_legs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("some-bad.ssim");
    let text = dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[(leg::FLIGHT, " 211"), (leg::DAYS, "       ")]),
        ],
    );
    std::fs::write(&file, text).unwrap();
    let net = Net::valid();
    let run = |skip: bool| {
        let mut cmd = bin();
        cmd.arg("import-ssim")
            .arg(&file)
            .arg("--routes")
            .arg(net.path())
            .arg("--out")
            .arg(dir.path().join("out"));
        if skip {
            cmd.arg("--skip-bad");
        }
        cmd.output().unwrap()
    };
    assert_eq!(run(false).status.code(), Some(2));
    let out = run(true);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("rejected 1 record (1 problem):"), "{err}");
    assert!(
        err.contains("read 2 leg records: imported 1 (0 with an inferred arrival date variation), 0 of services without passengers not imported, 1 rejected"),
        "{err}"
    );
    assert!(err.contains("some-bad.ssim:4:29"), "{err}");
    let csv = std::fs::read_to_string(dir.path().join("out/schedule.csv")).unwrap();
    assert_eq!(csv.lines().count(), 2, "{csv}");
}

#[test]
fn cli_writes_onward_links() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("onward.ssim");
    let kc268 = leg_rec(&[
        (leg::FLIGHT, " 268"),
        (leg::DEP_STATION, "PEK"),
        (leg::STD, "1130"),
        (leg::DEP_VAR, "+0800"),
        (leg::ARR_STATION, "ALA"),
        (leg::STA, "1445"),
        (leg::ARR_VAR, "+0600"),
    ]);
    let kc267 = leg_rec(&[(leg::ONWARD_AIRLINE, "KC"), (leg::ONWARD_FLIGHT, " 268")]);
    std::fs::write(&file, dataset("L", "KC", &[kc267, kc268])).unwrap();
    let net = Net::valid();
    crate::fixture::ok(
        bin()
            .arg("import-ssim")
            .arg(&file)
            .arg("--routes")
            .arg(net.path())
            .arg("--out")
            .arg(dir.path())
            .output()
            .unwrap(),
    );
    let csv = std::fs::read_to_string(dir.path().join("onward.csv")).unwrap();
    assert_eq!(
        csv,
        "record,airline,flight,origin,destination,from,to,onward_airline,onward_flight,layover_days,dates,missing\n\
         onward.ssim:3,KC,267,ALA,PEK,2022-11-22,2023-02-28,KC,268,0,15,0\n"
    );
}

#[test]
fn the_seed_file_imports() {
    let imp = import_text(&fixture(), &seed_file(), false).unwrap();
    assert_eq!(imp.patterns.len(), 10);
    assert_eq!(imp.onward.len(), 1);
}

/// A valid file to mutate.
fn seed_file() -> String {
    dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[
                (leg::FLIGHT, " 268"),
                (leg::DEP_STATION, "PEK"),
                (leg::ARR_STATION, "ALA"),
                (leg::STD, "1130"),
                (leg::STA, "1445"),
                (leg::DEP_VAR, "+0800"),
                (leg::ARR_VAR, "+0600"),
                (leg::ONWARD_AIRLINE, "KC"),
                (leg::ONWARD_FLIGHT, " 267"),
                (leg::ONWARD_LAYOVER, "7"),
            ]),
            leg_rec(&[
                (leg::LEG_SEQ, "02"),
                (leg::DEP_STATION, "PEK"),
                (leg::ARR_STATION, "URC"),
                (leg::STD, "1000"),
                (leg::STA, "1400"),
                (leg::DEP_VAR, "+0800"),
                (leg::DATE_VAR, "00"),
                (leg::FREQUENCY, "2"),
            ]),
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_input_makes_the_import_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1200), skip in any::<bool>()) {
        let data = fixture();
        let file = SsimFile { path: "fuzz.ssim".into(), bytes: bytes.into() };
        let _ = import(&[file], &Tables::of(&data), ImportOptions { skip_bad: skip });
    }

    #[test]
    fn mutated_files_never_panic_and_imports_stay_consistent(
        edits in proptest::collection::vec((0usize..1200, any::<u8>()), 1..8),
        cut in proptest::option::of(0usize..1300),
        skip in any::<bool>(),
    ) {
        let data = fixture();
        let mut bytes = seed_file().into_bytes();
        for (at, b) in edits {
            let i = at % bytes.len();
            // Mostly printable characters, sometimes anything.
            bytes[i] = if b < 200 { b' ' + b % 95 } else { b };
        }
        if let Some(c) = cut {
            bytes.truncate(c.min(bytes.len()));
        }
        let file = SsimFile { path: "fuzz.ssim".into(), bytes: bytes.into() };
        if let Ok(imp) = import(&[file], &Tables::of(&data), ImportOptions { skip_bad: skip }) {
            for p in &imp.patterns {
                prop_assert!(flightnet_data::network::checks::utc_problem(p, &data.airports).is_none());
                prop_assert!((-1..=2).contains(&p.arr_day));
            }
            prop_assert!(imp.imported_records <= imp.leg_records);
        }
    }
}

#[test]
fn unknown_carrier_and_structure_errors() {
    let data = fixture();
    // The library import checks against the tables it is given (the commands fill unknown
    // codes in first): an unknown carrier is one error, on its record, and rejects its legs.
    let text = dataset("L", "ZZ", &[leg_rec(&[(leg::AIRLINE, "ZZ")])]);
    let d = invalid(import_text(&data, &text, false));
    assert_eq!(places(&d), [(2, Some(3))]);
    let imp = import_text(&data, &text, true).unwrap();
    assert_eq!((imp.skipped_records, imp.imported_records), (2, 0));
    // No header, no trailer: read, with a warning each.
    let text = dataset("L", "KC", &[leg_rec(&[])]);
    let lines: Vec<&str> = text.lines().collect();
    let imp = import_text(&data, &lines[1..3].join("\n"), false).unwrap();
    assert_eq!(imp.patterns.len(), 1);
    let w = &imp.warnings;
    assert!(
        w.iter()
            .any(|d| d.line == 1 && d.expected.contains("header record")),
        "{w:#?}"
    );
    assert!(
        w.iter().any(|d| d
            .expected
            .contains("trailer record (type 5) closing carrier KC")),
        "{w:#?}"
    );
}
