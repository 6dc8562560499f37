//! SSIM files as other toolchains write them: aircraft version codes and other configuration
//! forms, repeated and missing serial numbers, blank date variations on overnight legs, lower
//! case, trailing spaces, CRLF, a byte-order mark, several carriers and seasons, services
//! without passengers, a CSV fed as SSIM, problems of every kind in one pass, and
//! `tests/data/ssim/realworld.ssim` (written by `make_realworld.py` beside it) through the
//! commands, with the world airport table filling in what `routes/` does not define.

use std::path::Path;

use flightnet_data::input::fill::{References, fill_in};
use flightnet_data::ssim::record::{RecordBuf, leg, segment};
use flightnet_data::ssim::{ImportOptions, SsimFile, Tables, import};

use crate::fixture::{bin, ok};
use crate::ssim::{dataset, describe, fixture, import_text, invalid, leg_rec, places, routes};

const REALWORLD: &str = "tests/data/ssim/realworld.ssim";

#[test]
fn version_codes_and_other_configuration_forms_give_the_seats() {
    // KC has two 32Q: A321neo (179 seats) and A321LR (166 seats); the seats pick one.
    let data = routes();
    for (config, prbd, want) in [
        ("C16Y150VV320", "", "A321LR"),
        ("Y166VV166", "", "A321LR"),
        ("C16Y150VV738H", "CY", "A321LR"),
        ("C0016Y0150", "", "A321LR"),
        ("C16Y150PP04", "", "A321LR"),
        ("C28Y151VV179", "", "A321neo"),
        ("CY", "C28Y151", "A321neo"),
        ("", "C016Y150", "A321LR"),
    ] {
        let text = dataset(
            "L",
            "KC",
            &[leg_rec(&[(leg::CONFIG, config), (leg::PRBD, prbd)])],
        );
        let imp =
            import_text(&data, &text, false).unwrap_or_else(|e| panic!("{config} {prbd}: {e}"));
        assert_eq!(
            data.aircraft(imp.patterns[0].aircraft).name,
            want,
            "{config} {prbd}"
        );
        let versions = imp.warnings.iter().filter(|w| w.value == "VV").count();
        assert_eq!(versions, config.contains("VV") as usize, "{config}");
    }
    // A configuration too long for bytes 173-192 is in DEI 108 on a segment record.
    let l = leg_rec(&[(leg::CONFIG, "XX")]);
    let mut s = RecordBuf::new(b'4');
    s.left(segment::FLIGHT_KEY, &l[1..14])
        .left(segment::DEI, segment::DEI_CONFIG)
        .left(segment::DATA, "C28Y151VV7Q1");
    let imp = import_text(
        &data,
        &dataset("L", "KC", &[l, s.as_str().to_string()]),
        false,
    )
    .unwrap();
    assert_eq!(data.aircraft(imp.patterns[0].aircraft).name, "A321neo");
    // Forms that are not configurations are errors naming the bytes.
    for bad in ["Y12345", "16", "Y1 Y2", "YVV"] {
        let text = dataset("L", "KC", &[leg_rec(&[(leg::CONFIG, bad)])]);
        let d = invalid(import_text(&data, &text, false));
        assert_eq!(places(&d), [(3, Some(173))], "{bad}: {d:#?}");
    }
}

/// Replaces the serial number of line `n` (1-based) of a data set.
fn serial(text: &str, n: usize, s: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[n - 1].replace_range(194..200, s);
    lines.join("\n") + "\n"
}

#[test]
fn repeated_missing_and_wrapped_serial_numbers_are_warnings() {
    let data = fixture();
    let legs = [
        leg_rec(&[]),
        leg_rec(&[(leg::FLIGHT, " 211")]),
        leg_rec(&[(leg::FLIGHT, " 212")]),
    ];
    let text = dataset("L", "KC", &legs);
    let text = serial(&text, 4, "000003"); // repeats line 3's
    let text = serial(&text, 5, "      "); // missing
    let imp = import_text(&data, &text, false).unwrap();
    assert_eq!(imp.imported_records, 3);
    let serials: Vec<(u64, &str)> = imp
        .warnings
        .iter()
        .filter(|w| w.column.as_ref().is_some_and(|c| c.index == 195))
        .map(|w| (w.line, w.value.as_str()))
        .collect();
    assert_eq!(
        serials,
        [(4, "000003"), (5, "      ")],
        "{:#?}",
        imp.warnings
    );
    assert!(
        imp.warnings[0].expected.contains("repeats"),
        "{:#?}",
        imp.warnings
    );
    // After 999999 the numbering may restart at 000001 or, as the manual suggests, 000002.
    for restart in ["000001", "000002"] {
        let mut t = dataset("L", "KC", &legs);
        let numbers = ["999997", "999998", "999999", restart];
        for (i, n) in numbers.iter().enumerate() {
            t = serial(&t, i + 1, n);
        }
        let next = format!("{:06}", restart.parse::<u32>().unwrap() + 1);
        let after = format!("{:06}", restart.parse::<u32>().unwrap() + 2);
        t = serial(&t, 5, &next);
        t = serial(&t, 6, &after);
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[5].replace_range(187..193, &next);
        let t = lines.join("\n") + "\n";
        let imp = import_text(&data, &t, false).unwrap();
        // Only the header's number (999997, not 000001) is out of sequence.
        let lines: Vec<u64> = imp.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [1], "{restart}: {:#?}", imp.warnings);
    }
}

#[test]
fn a_blank_date_variation_is_inferred_from_the_utc_times_by_one_day_at_most() {
    let data = fixture();
    // ALA 23:30 (+0600) is 17:30Z; PEK 06:30 (+0800) is 22:30Z the day before, so the
    // arrival is the next day: 22:30Z, block 5:00.
    let overnight = [(leg::STD, "2330"), (leg::STA, "0630")];
    let blank = leg_rec(&[overnight[0], overnight[1], (leg::DATE_VAR, "  ")]);
    let imp = import_text(&data, &dataset("L", "KC", &[blank]), false).unwrap();
    let p = &imp.patterns[0];
    assert_eq!(
        describe(&data, p),
        "KC267 ALA-PEK 23:30-06:30+1 .2..... 2022-11-22..2023-02-28 A321LR"
    );
    assert_eq!(imp.inferred_date_variations, 1);
    let w = imp.warnings.iter().find(|w| w.line == 3).unwrap();
    assert_eq!(w.column.as_ref().unwrap().index, 193);
    assert_eq!(w.value, "  ");
    assert!(
        w.expected
            .contains("read as \"01\": the UTC times show the arrival is the next day (block 5:00"),
        "{w}"
    );
    // Written 00, the same leg arrives before it departs: an error, never repaired.
    let zero = leg_rec(&[overnight[0], overnight[1], (leg::DATE_VAR, "00")]);
    let d = invalid(import_text(&data, &dataset("L", "KC", &[zero]), false));
    assert_eq!(places(&d), [(3, Some(58))]);
    // A leg that would need more than 20 hours after one day is not inferred.
    let long = leg_rec(&[
        (leg::STD, "1000"),
        (leg::STA, "0900"),
        (leg::DATE_VAR, "  "),
    ]);
    let d = invalid(import_text(&data, &dataset("L", "KC", &[long]), false));
    assert_eq!(places(&d), [(3, Some(58))]);
    // A day-time leg with blank bytes reads as 00, silently.
    let day = leg_rec(&[(leg::DATE_VAR, "  ")]);
    let imp = import_text(&data, &dataset("L", "KC", &[day]), false).unwrap();
    assert!(imp.warnings.is_empty(), "{:#?}", imp.warnings);
    assert_eq!(imp.inferred_date_variations, 0);
}

#[test]
fn lower_case_trailing_spaces_crlf_and_a_byte_order_mark_read_the_same() {
    let data = fixture();
    let clean = dataset("L", "KC", &[leg_rec(&[])]);
    let want = import_text(&data, &clean, false).unwrap();
    let mut lines: Vec<String> = clean.lines().map(str::to_string).collect();
    lines[2] = lines[2].to_ascii_lowercase();
    lines[1].push_str("    ");
    lines[3].truncate(194); // no serial number, and trimmed by an editor
    let messy = format!("\u{feff}{}\r\n", lines.join("\r\n"));
    let got = import_text(&data, &messy, false).unwrap();
    assert_eq!(
        describe(&data, &got.patterns[0]),
        describe(&data, &want.patterns[0])
    );
    let say: Vec<&str> = got.warnings.iter().map(|w| w.value.as_str()).collect();
    for v in ["EF BB BF", "lower case", "a long record", "a short record"] {
        assert!(say.contains(&v), "{v} not in {:#?}", got.warnings);
    }
}

#[test]
fn several_carriers_and_seasons_in_one_file() {
    let data = fixture();
    // KC in local time for winter 2022/23, CZ in UTC time mode for summer 2023.
    let kc = dataset("L", "KC", &[leg_rec(&[])]);
    let cz = dataset(
        "U",
        "CZ",
        &[leg_rec(&[
            (leg::AIRLINE, "CZ"),
            (leg::FLIGHT, "6012"),
            (leg::FROM, "01APR23"),
            (leg::TO, "28OCT23"),
            (leg::DAYS, "    5  "),
            (leg::ARR_STATION, "URC"),
            (leg::STD, "0600"),
            (leg::STA, "0735"),
            (leg::AIRCRAFT, "738"),
            (leg::CONFIG, "Y167"),
        ])],
    );
    let mut lines: Vec<String> = kc.lines().map(str::to_string).collect();
    lines.extend(cz.lines().skip(1).map(str::to_string));
    let text = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{}{:06}", &l[..194], i + 1))
        .collect::<Vec<_>>()
        .join("\n");
    let imp = import_text(&data, &text, false).unwrap();
    let got: Vec<String> = imp.patterns.iter().map(|p| describe(&data, p)).collect();
    assert_eq!(
        got,
        [
            // 06:00Z is 12:00 in Almaty (UTC+6), 07:35Z is 15:35 in Urumqi (Asia/Shanghai).
            "CZ6012 ALA-URC 12:00-15:35+0 ....5.. 2023-04-07..2023-10-27 B737-800",
            "KC267 ALA-PEK 01:35-08:30+0 .2..... 2022-11-22..2023-02-28 A321LR",
        ]
    );
    // The trailers' check references point at the other block's numbering: warnings only.
    assert!(imp.skipped.is_empty());
}

#[test]
fn services_without_passengers_are_not_imported_and_said_so() {
    let data = fixture();
    let text = dataset(
        "L",
        "KC",
        &[
            leg_rec(&[]),
            leg_rec(&[(leg::FLIGHT, "7001"), (leg::SERVICE, "F")]),
            leg_rec(&[(leg::FLIGHT, "7002"), (leg::SERVICE, "P")]),
            leg_rec(&[(leg::FLIGHT, "7003"), (leg::CONFIG, "PP12")]),
        ],
    );
    let imp = import_text(&data, &text, false).unwrap();
    assert_eq!(
        (
            imp.leg_records,
            imp.imported_records,
            imp.not_passenger_records
        ),
        (4, 1, 3)
    );
    let notes: Vec<(u64, &str)> = imp
        .warnings
        .iter()
        .map(|w| (w.line, w.value.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            (4, "service type F (cargo)"),
            (
                5,
                "service type P (non-revenue positioning, ferry or delivery)"
            ),
            (6, "a freighter configuration (no passenger compartment)"),
        ]
    );
}

#[test]
fn a_csv_fed_as_ssim_is_one_error() {
    let data = fixture();
    let text = std::fs::read_to_string("routes/airports.csv").unwrap();
    for skip in [false, true] {
        let d = invalid(import_text(&data, &text, skip));
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(
            d[0].expected.contains("comma-separated text (a CSV file?)"),
            "{}",
            d[0]
        );
        assert_eq!(d[0].line, 1);
    }
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["import-ssim", "routes/airports.csv", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 error in 1 file"), "{err}");
    assert!(err.lines().count() < 6, "{err}");
}

#[test]
fn problems_of_every_kind_are_reported_in_one_pass() {
    let data = fixture();
    let text = dataset(
        "L",
        "KC",
        &[
            // A configuration that does not parse and a station nobody knows, on one record.
            leg_rec(&[(leg::CONFIG, "Y12345"), (leg::DEP_STATION, "QQQ")]),
            leg_rec(&[(leg::FLIGHT, " 211"), (leg::FROM, "31FEB23")]),
            leg_rec(&[(leg::FLIGHT, " 212"), (leg::ARR_STATION, "QQX")]),
            leg_rec(&[(leg::FLIGHT, " 213")]),
        ],
    );
    let d = invalid(import_text(&data, &text, false));
    assert_eq!(
        places(&d),
        [(3, Some(37)), (3, Some(173)), (4, Some(15)), (5, Some(55))],
        "{d:#?}"
    );
    // --skip-bad keeps the good record, and every record is accounted for.
    let imp = import_text(&data, &text, true).unwrap();
    assert_eq!(
        (imp.leg_records, imp.imported_records, imp.skipped_records),
        (4, 1, 3)
    );
}

/// The tables of `routes/` with the world airport table's and placeholders' rows for the
/// codes of `files`.
fn filled(files: &[SsimFile<'_>]) -> flightnet_data::network::NetworkData {
    let data = routes();
    let mut refs = References::default();
    refs.ssim(files);
    let (mut airports, mut airlines) = (data.airports.clone(), data.airlines.clone());
    let none = Default::default();
    fill_in(&refs, &mut airports, &mut airlines, &none, &none);
    flightnet_data::network::NetworkData::new(
        airports,
        airlines,
        data.fleet.clone(),
        Vec::new(),
        Vec::new(),
    )
}

#[test]
fn the_realworld_file_accounts_for_every_record() {
    let file = SsimFile::read(Path::new(REALWORLD)).unwrap();
    let files = [file];
    let data = filled(&files);
    let imp = import(&files, &Tables::of(&data), ImportOptions::default()).unwrap();
    assert_eq!(imp.leg_records, 12);
    assert_eq!(
        imp.imported_records + imp.not_passenger_records + imp.skipped_records,
        imp.leg_records
    );
    assert_eq!(
        (
            imp.imported_records,
            imp.not_passenger_records,
            imp.inferred_date_variations
        ),
        (10, 2, 4)
    );
    // Seats from the configurations, the version codes left out: 735 with Y118VV118 and with
    // y0064vv064, 733 with W18Y112VV112, 772 with J14W34Y316VV364, 320 from the PRBD F008Y150,
    // 789 with C24Y250VV789.
    let added: Vec<(String, u32)> = imp
        .added_fleet
        .iter()
        .map(|t| (t.name.clone(), t.seats))
        .collect();
    assert_eq!(
        added,
        [
            ("735-118".to_string(), 118),
            ("733-130".to_string(), 130),
            ("772-364".to_string(), 364),
            ("735-64".to_string(), 64),
            ("320-158".to_string(), 158),
            ("789-274".to_string(), 274),
        ]
    );
    // The overnight legs arrive the next day: XX42 DZA 23:30 -> RUN 02:30.
    let xx42 = imp.patterns.iter().find(|p| p.flight == 42).unwrap();
    assert_eq!(xx42.arr_day, 1);
    // The serial number the second carrier record repeats, and the first trailer's check
    // reference copied from elsewhere: warnings.
    let at = |line: u64, byte: usize| {
        imp.warnings
            .iter()
            .find(|w| w.line == line && w.column.as_ref().is_some_and(|c| c.index == byte))
            .map(|w| w.value.clone())
    };
    assert_eq!(at(18, 195).as_deref(), Some("000013"));
    assert_eq!(at(17, 188).as_deref(), Some("000009"));
}

#[test]
fn import_ssim_prints_warnings_and_counts_and_fills_in_from_the_world_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(bin()
        .args(["import-ssim", REALWORLD, "--out"])
        .arg(dir.path())
        .output()
        .unwrap());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "read 12 leg records: imported 10 (4 with an inferred arrival date variation), 2 of services without passengers not imported, 0 rejected; 28 warnings",
        "wrote 688 dated legs in 11 schedule rows",
        "filled in 6 airports from the world airport table (CDG DZA MRS MRU RUN TNR)",
        "filled in 2 placeholder airlines (XX YY)",
        "filled in 6 aircraft types with seats from the SSIM configurations",
        "realworld.ssim:10:193: column `date variation (bytes 193-194)`: found \"  \", expected an arrival date variation; read as \"01\"",
        "realworld.ssim:14: found \"lower case\"",
        "realworld.ssim:9:195: column `record serial number (bytes 195-200)`: found \"      \"",
        "realworld.ssim:7: found \"VV\", expected aircraft version references",
        // At most 20 warnings per file are listed (the rest are counted).
        "warning: … and 8 more problems in tests/data/ssim/realworld.ssim",
        "realworld.ssim:11: found \"service type F (cargo)\"",
        "realworld.ssim:7:37: column `departure station (bytes 37-39)`: found \"RUN\", expected an airport defined in airports.csv; filled in from the world airport table",
    ] {
        assert!(err.contains(want), "{want}\nnot in\n{err}");
    }
    let warnings = err.lines().filter(|l| l.starts_with("warning: ")).count();
    assert_eq!(warnings, 21, "{err}");
    let schedule = std::fs::read_to_string(dir.path().join("schedule.csv")).unwrap();
    assert!(
        schedule.contains("XX,42,DZA,RUN,23:30,02:30,1,...4...,2024-04-04,2024-10-24,733-130,S,ssim:realworld.ssim"),
        "{schedule}"
    );
    let airports = std::fs::read_to_string(dir.path().join("filled-airports.csv")).unwrap();
    assert!(airports.contains("RUN,FMEE,Roland Garros Airport,St Denis,RE,-20.8871,55.5103,Indian/Reunion,30,60,90,90,E,airportsdata"), "{airports}");
    let fleet = std::fs::read_to_string(dir.path().join("filled-fleet.csv")).unwrap();
    assert_eq!(fleet.lines().count(), 7, "{fleet}");
}

#[test]
fn the_realworld_file_runs_through_network_with_the_filled_in_rows_marked() {
    let out = ok(bin()
        .args([
            "network",
            "--schedule",
            REALWORLD,
            "--date",
            "2024-06-03",
            "--format",
            "json",
        ])
        .output()
        .unwrap());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = v["airports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["iata"] == "RUN")
        .unwrap();
    assert_eq!(run["filled_in"], true);
    assert_eq!(run["source"], "airportsdata");
    assert_eq!(run["basis"], "E");
    assert_eq!(run["mct"]["ii"], 90);
    let ala = v["airports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["iata"] == "ALA")
        .unwrap();
    assert_eq!(ala["filled_in"], false);
    let xx = v["airlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "XX")
        .unwrap();
    assert_eq!(xx["filled_in"], true);
    // XX 102 and 103 four times a week, 41 and 42 once, 772 and 773 three times, 201 twice
    // and 202 twice.
    assert_eq!(v["totals"]["flights"], 20);
    let out = ok(bin()
        .args(["network", "--schedule", REALWORLD, "--date", "2024-06-03"])
        .output()
        .unwrap());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Filled in from the world airport table (not in airports.csv; basis E, IATA default MCTs): CDG DZA MRS MRU RUN TNR"),
        "{table}"
    );
    assert!(
        table.contains("Placeholder airlines (not in airlines.csv): XX"),
        "{table}"
    );
    // The warnings are printed on stderr.
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: "));
}
