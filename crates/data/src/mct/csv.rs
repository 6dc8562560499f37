//! `routes/mct.csv`: MCT records, one Chapter 8 type 2 record per row, every criterion a
//! column and a blank cell meaning "any".
//!
//! Required columns: `arr_station`, `dep_station`, `status`, `minutes`. Optional:
//! `suppress`, `arr_carrier`, `arr_codeshare`, `arr_op_carrier`, `dep_carrier`,
//! `dep_codeshare`, `dep_op_carrier`, `arr_flight_from`, `arr_flight_to`, `dep_flight_from`,
//! `dep_flight_to`, `arr_terminal`, `dep_terminal`, `prev_station`, `prev_state`,
//! `prev_country`, `prev_region`, `next_station`, `next_state`, `next_country`,
//! `next_region`, `arr_aircraft`, `arr_body`, `dep_aircraft`, `dep_body`, `valid_from`,
//! `valid_to`, `supp_region`, `supp_country`, `supp_state`, `submitter`, `filed`, `basis`,
//! `source`.

use std::path::Path;

use super::{Body, MctRecord, Place, Side};
use crate::error::Diagnostic;
use crate::input::Source;
use crate::input::table::{ColumnSpec, Row, Table, opt, req};
use crate::network::{Basis, Provenance, Status};
use crate::time::Day;

/// The columns, in the order [`write`] writes them.
pub const COLUMNS: &[&str] = &[
    "arr_station",
    "dep_station",
    "status",
    "minutes",
    "suppress",
    "arr_carrier",
    "arr_codeshare",
    "arr_op_carrier",
    "dep_carrier",
    "dep_codeshare",
    "dep_op_carrier",
    "arr_flight_from",
    "arr_flight_to",
    "dep_flight_from",
    "dep_flight_to",
    "arr_terminal",
    "dep_terminal",
    "prev_station",
    "prev_state",
    "prev_country",
    "prev_region",
    "next_station",
    "next_state",
    "next_country",
    "next_region",
    "arr_aircraft",
    "arr_body",
    "dep_aircraft",
    "dep_body",
    "valid_from",
    "valid_to",
    "supp_region",
    "supp_country",
    "supp_state",
    "submitter",
    "filed",
    "basis",
    "source",
];

const SPECS: &[ColumnSpec] = &[
    req("arr_station"),
    req("dep_station"),
    req("status"),
    req("minutes"),
    opt("suppress"),
    opt("arr_carrier"),
    opt("arr_codeshare"),
    opt("arr_op_carrier"),
    opt("dep_carrier"),
    opt("dep_codeshare"),
    opt("dep_op_carrier"),
    opt("arr_flight_from"),
    opt("arr_flight_to"),
    opt("dep_flight_from"),
    opt("dep_flight_to"),
    opt("arr_terminal"),
    opt("dep_terminal"),
    opt("prev_station"),
    opt("prev_state"),
    opt("prev_country"),
    opt("prev_region"),
    opt("next_station"),
    opt("next_state"),
    opt("next_country"),
    opt("next_region"),
    opt("arr_aircraft"),
    opt("arr_body"),
    opt("dep_aircraft"),
    opt("dep_body"),
    opt("valid_from"),
    opt("valid_to"),
    opt("supp_region"),
    opt("supp_country"),
    opt("supp_state"),
    opt("submitter"),
    opt("filed"),
    opt("basis"),
    opt("source"),
];

/// Parses a status `DD`, `DI`, `ID` or `II` (arriving, departing).
pub fn parse_status(s: &str) -> Option<(Status, Status)> {
    let one = |c: u8| match c {
        b'D' => Some(Status::Domestic),
        b'I' => Some(Status::International),
        _ => None,
    };
    match s.as_bytes() {
        [a, b] => Some((one(*a)?, one(*b)?)),
        _ => None,
    }
}

/// A station code: 3 upper-case letters.
pub(crate) fn is_station(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// An airline designator: 2 characters, upper-case letters or digits, at least one letter.
pub(crate) fn is_carrier(s: &str) -> bool {
    crate::input::is_airline_code(s)
}

/// The checks Chapter 8 makes on a record's combination of fields, as `(column, value,
/// expected)`: minutes blank exactly for a suppression, flight ranges complete and ordered,
/// aircraft type or body (not both), a state only with its country, a region without station,
/// country or state, stations filled unless a global suppression, dates in order.
pub(crate) fn combination_problems(r: &MctRecord) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut p = |c: &'static str, v: String, e: &str| out.push((c, v, e.to_string()));
    if r.suppress == r.minutes.is_some() {
        p(
            "minutes",
            r.minutes.map_or(String::new(), |m| m.to_string()),
            "minutes from 0 to 1440 unless suppress is Y, and blank when it is",
        );
    }
    for (col, side) in [("arr", &r.arr), ("dep", &r.dep)] {
        if let Some((a, b)) = side.flights
            && a > b
        {
            p(
                if col == "arr" {
                    "arr_flight_to"
                } else {
                    "dep_flight_to"
                },
                b.to_string(),
                &format!("a flight number at or after the range's start ({a})"),
            );
        }
        if side.aircraft.is_some() && side.body.is_some() {
            p(
                if col == "arr" { "arr_body" } else { "dep_body" },
                side.body.map_or(String::new(), |b| b.code().to_string()),
                "an aircraft type or a body, not both",
            );
        }
        if side.op_carrier.is_some() && !side.codeshare {
            p(
                if col == "arr" {
                    "arr_op_carrier"
                } else {
                    "dep_op_carrier"
                },
                side.op_carrier.clone().unwrap_or_default(),
                "a codeshare operating carrier only with the codeshare indicator Y",
            );
        }
    }
    for (prefix, place) in [("prev", &r.prev), ("next", &r.next), ("supp", &r.supp)] {
        let col = |s: &str| -> &'static str {
            match (prefix, s) {
                ("prev", "state") => "prev_state",
                ("next", "state") => "next_state",
                ("supp", "state") => "supp_state",
                ("prev", _) => "prev_region",
                ("next", _) => "next_region",
                _ => "supp_region",
            }
        };
        if place.state.is_some() && place.country.is_none() {
            p(
                col("state"),
                place.state.clone().unwrap_or_default(),
                "a state only with its country",
            );
        }
        if place.region.is_some()
            && (place.station.is_some() || place.country.is_some() || place.state.is_some())
        {
            p(
                col("region"),
                place.region.clone().unwrap_or_default(),
                "a region without a station, country or state on the same side",
            );
        }
    }
    let global = r.suppress
        && r.arr_station.is_none()
        && r.dep_station.is_none()
        && r.supp.region.is_none()
        && r.supp.country.is_none()
        && r.supp.state.is_none();
    if !global {
        if r.arr_station.is_none() {
            p(
                "arr_station",
                String::new(),
                "an arrival station (blank only in a global suppression)",
            );
        }
        if r.dep_station.is_none() {
            p(
                "dep_station",
                String::new(),
                "a departure station (blank only in a global suppression)",
            );
        }
    }
    if let (Some(f), Some(t)) = (r.valid_from, r.valid_to)
        && t < f
    {
        p(
            "valid_to",
            t.to_string(),
            &format!("a date on or after valid_from ({f})"),
        );
    }
    out
}

fn text(row: &Row<'_>, c: &str) -> Option<String> {
    let t = row.text(c);
    (!t.is_empty()).then(|| t.to_string())
}

/// Reads `mct.csv`.
///
/// # Returns
/// The records, in file order; problems go to `diags` (a row with a problem is left out).
///
/// # Errors
/// [`crate::Error::Io`] when the file cannot be read.
pub fn read(source: &Source, diags: &mut Vec<Diagnostic>) -> crate::Result<Vec<MctRecord>> {
    let bytes = source.read()?;
    Ok(parse(&source.path(), &bytes, diags))
}

/// Parses `mct.csv` text already in memory ([`read`]).
pub fn parse(file: &Path, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Vec<MctRecord> {
    let table = Table::from_bytes(file, bytes, SPECS, diags);
    let mut out = Vec::new();
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for row in table.rows() {
        let before = diags.len();
        let station = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<String> {
            let v = text(&row, c)?;
            if is_station(&v) {
                Some(v)
            } else {
                diags.push(row.error(c, "a 3-letter IATA airport code, or blank"));
                None
            }
        };
        let carrier = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<String> {
            let v = text(&row, c)?;
            if is_carrier(&v) {
                Some(v)
            } else {
                diags.push(row.error(c, "a 2-character airline designator, or blank"));
                None
            }
        };
        let code = |c: &str, len: usize, what: &str, diags: &mut Vec<Diagnostic>| {
            let v = text(&row, c)?;
            if v.len() == len && v.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(v)
            } else {
                diags.push(row.error(c, format!("{what}, or blank")));
                None
            }
        };
        let flag = |c: &str, diags: &mut Vec<Diagnostic>| match row.text(c) {
            "" | "N" => false,
            "Y" => true,
            _ => {
                diags.push(row.error(c, "Y or N (or blank for N)"));
                false
            }
        };
        let flight = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<u16> {
            let v = text(&row, c)?;
            let n = super::super::input::table::positive_int(&v, 9999);
            if n.is_none() {
                diags.push(row.error(c, "a flight number from 1 to 9999, or blank"));
            }
            n.map(|n| n as u16)
        };
        let range = |a: &str, b: &str, diags: &mut Vec<Diagnostic>| match (
            flight(a, diags),
            flight(b, diags),
        ) {
            (Some(x), Some(y)) => Some((x, y)),
            (None, None) => None,
            (Some(_), None) => {
                diags.push(row.error(b, "the end of the flight number range (both or neither)"));
                None
            }
            (None, Some(_)) => {
                diags.push(row.error(a, "the start of the flight number range (both or neither)"));
                None
            }
        };
        let aircraft = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<String> {
            let v = text(&row, c)?;
            if v.len() == 3
                && v.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                Some(v)
            } else {
                diags.push(row.error(c, "a 3-character IATA aircraft type, or blank"));
                None
            }
        };
        let body = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<Body> {
            let v = text(&row, c)?;
            let b = Body::parse(&v);
            if b.is_none() {
                diags.push(row.error(c, "W (wide body) or N (narrow body), or blank"));
            }
            b
        };
        let terminal = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<String> {
            let v = text(&row, c)?;
            if v.len() <= 2 && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
                Some(v)
            } else {
                diags.push(row.error(c, "a terminal of 1 or 2 letters or digits, or blank"));
                None
            }
        };
        let date = |c: &str, diags: &mut Vec<Diagnostic>| -> Option<Day> {
            let v = text(&row, c)?;
            let d = Day::parse(&v);
            if d.is_none() {
                diags.push(row.error(c, format!("{}, or blank", crate::time::DATE_EXPECTED)));
            }
            d
        };
        let status = row.parse("status", "DD, DI, ID or II", diags, parse_status);
        let suppress = flag("suppress", diags);
        let minutes = match row.text("minutes") {
            "" => None,
            s => {
                let m = s
                    .parse::<u16>()
                    .ok()
                    .filter(|m| *m <= 1440 && s.bytes().all(|b| b.is_ascii_digit()));
                if m.is_none() {
                    diags.push(row.error("minutes", "whole minutes from 0 to 1440"));
                }
                m
            }
        };
        let place = |p: &str, diags: &mut Vec<Diagnostic>| Place {
            station: station(&format!("{p}_station"), diags),
            state: code(
                &format!("{p}_state"),
                2,
                "a 2-letter IATA state code",
                diags,
            ),
            country: code(&format!("{p}_country"), 2, "an ISO country code", diags),
            region: code(
                &format!("{p}_region"),
                3,
                "a 3-letter IATA region code",
                diags,
            ),
        };
        let side = |p: &str, diags: &mut Vec<Diagnostic>| Side {
            carrier: carrier(&format!("{p}_carrier"), diags),
            codeshare: flag(&format!("{p}_codeshare"), diags),
            op_carrier: carrier(&format!("{p}_op_carrier"), diags),
            flights: range(
                &format!("{p}_flight_from"),
                &format!("{p}_flight_to"),
                diags,
            ),
            aircraft: aircraft(&format!("{p}_aircraft"), diags),
            body: body(&format!("{p}_body"), diags),
            terminal: terminal(&format!("{p}_terminal"), diags),
        };
        let arr = side("arr", diags);
        let dep = side("dep", diags);
        let prev = place("prev", diags);
        let next = place("next", diags);
        let supp = Place {
            station: None,
            state: code("supp_state", 2, "a 2-letter IATA state code", diags),
            country: code("supp_country", 2, "an ISO country code", diags),
            region: code("supp_region", 3, "a 3-letter IATA region code", diags),
        };
        let provenance = crate::input::provenance(&row, diags);
        let rec = MctRecord {
            arr_station: station("arr_station", diags),
            dep_station: station("dep_station", diags),
            status: status.unwrap_or((Status::Domestic, Status::Domestic)),
            minutes,
            suppress,
            arr,
            dep,
            prev,
            next,
            valid_from: date("valid_from", diags),
            valid_to: date("valid_to", diags),
            supp,
            submitter: carrier("submitter", diags),
            filed: date("filed", diags),
            provenance: provenance.unwrap_or(Provenance {
                basis: None,
                source: String::new(),
            }),
            origin_ref: format!("{name}:{}", row.line),
        };
        if diags.len() > before {
            continue;
        }
        let problems = combination_problems(&rec);
        if !problems.is_empty() {
            for (c, _, e) in problems {
                diags.push(row.error(c, e));
            }
            continue;
        }
        out.push(rec);
    }
    out
}

/// Writes records as `mct.csv` text with every column ([`COLUMNS`]).
pub fn write(records: &[MctRecord]) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("in-memory CSV");
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u16>| v.map_or(String::new(), |x| x.to_string());
    let d = |v: Option<Day>| v.map_or(String::new(), |x| x.to_string());
    let y = |b: bool| if b { "Y".to_string() } else { String::new() };
    let body = |b: Option<Body>| b.map_or(String::new(), |b| b.code().to_string());
    for r in records {
        let row = vec![
            s(&r.arr_station),
            s(&r.dep_station),
            r.status_code(),
            n(r.minutes),
            y(r.suppress),
            s(&r.arr.carrier),
            y(r.arr.codeshare),
            s(&r.arr.op_carrier),
            s(&r.dep.carrier),
            y(r.dep.codeshare),
            s(&r.dep.op_carrier),
            n(r.arr.flights.map(|f| f.0)),
            n(r.arr.flights.map(|f| f.1)),
            n(r.dep.flights.map(|f| f.0)),
            n(r.dep.flights.map(|f| f.1)),
            s(&r.arr.terminal),
            s(&r.dep.terminal),
            s(&r.prev.station),
            s(&r.prev.state),
            s(&r.prev.country),
            s(&r.prev.region),
            s(&r.next.station),
            s(&r.next.state),
            s(&r.next.country),
            s(&r.next.region),
            s(&r.arr.aircraft),
            body(r.arr.body),
            s(&r.dep.aircraft),
            body(r.dep.body),
            d(r.valid_from),
            d(r.valid_to),
            s(&r.supp.region),
            s(&r.supp.country),
            s(&r.supp.state),
            s(&r.submitter),
            d(r.filed),
            r.provenance.basis.map_or("", Basis::code).to_string(),
            r.provenance.source.clone(),
        ];
        w.write_record(&row).expect("in-memory CSV");
    }
    String::from_utf8(w.into_inner().expect("in-memory CSV")).expect("CSV of UTF-8 fields")
}
