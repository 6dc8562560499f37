//! The IATA SSIM Chapter 8 MCT data set: fixed 200-byte records (header `1`, MCT records
//! `2`, connection-building filter partner lists `3`, trailer `4`, or `3` before November
//! 2022), read leniently and written back.
//!
//! Byte positions are those of Chapter 8 §8.9 (March 2021), 1-based and inclusive, as
//! `/work/notes/ssim-mct.md` §2.2 lists them. Reading is as lenient as the Chapter 7 reader:
//! short records are padded, blanks past byte 200 dropped, lower case read as upper case,
//! serial numbers not checked beyond a warning; a record that cannot be read is an error on
//! that record, and a file that is not an MCT data set at all is one error.
//!
//! An update file (header content indicator `U`) adds the records marked `A` and deletes
//! those marked `D` from the records loaded before it (Chapter 8 §8.7: deletes first).

use std::path::Path;

use super::{Body, MctRecord, Place, Side};
use crate::error::Diagnostic;
use crate::network::{Basis, Provenance, Status};
use crate::ssim::record::{Field, RECORD_LEN, format_date, parse_date};
use crate::time::Day;

const fn f(name: &'static str, first: usize, last: usize) -> Field {
    Field { name, first, last }
}

/// The header's title (bytes 2–31).
pub const TITLE: &str = "MINIMUM CONNECT TIME DATA SET";

/// Type 1 (header) fields.
pub mod header {
    use super::{Field, f};
    /// Title of contents.
    pub const TITLE: Field = f("title of contents", 2, 31);
    /// Creator reference.
    pub const CREATOR: Field = f("creator reference", 32, 66);
    /// Creation date.
    pub const CREATED: Field = f("creation date", 67, 73);
    /// Creation time.
    pub const TIME: Field = f("creation time", 74, 77);
    /// `F` (full replacement) or `U` (updates).
    pub const CONTENT: Field = f("content indicator", 78, 78);
}

/// Type 2 (MCT record) fields.
pub mod record {
    use super::{Field, f};
    /// Arrival station.
    pub const ARR_STATION: Field = f("arrival station", 2, 4);
    /// Time, HHMM.
    pub const TIME: Field = f("time", 5, 8);
    /// International/domestic status.
    pub const STATUS: Field = f("international/domestic status", 9, 10);
    /// Departure station.
    pub const DEP_STATION: Field = f("departure station", 11, 13);
    /// Arrival carrier.
    pub const ARR_CARRIER: Field = f("arrival carrier", 14, 15);
    /// Arrival codeshare indicator.
    pub const ARR_CODESHARE: Field = f("arrival codeshare indicator", 16, 16);
    /// Arrival codeshare operating carrier.
    pub const ARR_OP_CARRIER: Field = f("arrival codeshare operating carrier", 17, 18);
    /// Departure carrier.
    pub const DEP_CARRIER: Field = f("departure carrier", 19, 20);
    /// Departure codeshare indicator.
    pub const DEP_CODESHARE: Field = f("departure codeshare indicator", 21, 21);
    /// Departure codeshare operating carrier.
    pub const DEP_OP_CARRIER: Field = f("departure codeshare operating carrier", 22, 23);
    /// Arrival aircraft type.
    pub const ARR_AIRCRAFT: Field = f("arrival aircraft type", 24, 26);
    /// Arrival aircraft body.
    pub const ARR_BODY: Field = f("arrival aircraft body", 27, 27);
    /// Departure aircraft type.
    pub const DEP_AIRCRAFT: Field = f("departure aircraft type", 28, 30);
    /// Departure aircraft body.
    pub const DEP_BODY: Field = f("departure aircraft body", 31, 31);
    /// Arrival terminal.
    pub const ARR_TERMINAL: Field = f("arrival terminal", 32, 33);
    /// Departure terminal.
    pub const DEP_TERMINAL: Field = f("departure terminal", 34, 35);
    /// Previous country.
    pub const PREV_COUNTRY: Field = f("previous country", 36, 37);
    /// Previous station.
    pub const PREV_STATION: Field = f("previous station", 38, 40);
    /// Next country.
    pub const NEXT_COUNTRY: Field = f("next country", 41, 42);
    /// Next station.
    pub const NEXT_STATION: Field = f("next station", 43, 45);
    /// Arrival flight number range start.
    pub const ARR_FLIGHT_FROM: Field = f("arrival flight number range start", 46, 49);
    /// Arrival flight number range end.
    pub const ARR_FLIGHT_TO: Field = f("arrival flight number range end", 50, 53);
    /// Departure flight number range start.
    pub const DEP_FLIGHT_FROM: Field = f("departure flight number range start", 54, 57);
    /// Departure flight number range end.
    pub const DEP_FLIGHT_TO: Field = f("departure flight number range end", 58, 61);
    /// Previous state.
    pub const PREV_STATE: Field = f("previous state", 62, 63);
    /// Next state.
    pub const NEXT_STATE: Field = f("next state", 64, 65);
    /// Previous region.
    pub const PREV_REGION: Field = f("previous region", 66, 68);
    /// Next region.
    pub const NEXT_REGION: Field = f("next region", 69, 71);
    /// Effective from.
    pub const VALID_FROM: Field = f("effective from", 72, 78);
    /// Effective to.
    pub const VALID_TO: Field = f("effective to", 79, 85);
    /// Suppression indicator.
    pub const SUPPRESS: Field = f("suppression indicator", 87, 87);
    /// Suppression region.
    pub const SUPP_REGION: Field = f("suppression region", 88, 90);
    /// Suppression country.
    pub const SUPP_COUNTRY: Field = f("suppression country", 91, 92);
    /// Suppression state.
    pub const SUPP_STATE: Field = f("suppression state", 93, 94);
    /// Submitting carrier.
    pub const SUBMITTER: Field = f("submitting carrier", 95, 96);
    /// Filing date.
    pub const FILED: Field = f("filing date", 97, 103);
    /// Action indicator (`A` add, `D` delete; blank in a full file).
    pub const ACTION: Field = f("action indicator", 104, 104);
}

/// Record serial number (bytes 195–200).
pub const SERIAL: Field = f("record serial number", 195, 200);
/// Trailer end code (byte 194).
pub const END: Field = f("end code", 194, 194);

/// What an update record does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Add (also every record of a full file).
    Add,
    /// Delete the identical record loaded before.
    Delete,
}

/// A read MCT file.
#[derive(Clone, Debug, Default)]
pub struct MctFile {
    /// The MCT records with their action.
    pub records: Vec<(Action, MctRecord)>,
    /// Partner lists (type 3 connection-building filter records): carrier and partners.
    pub partners: Vec<(String, Vec<String>)>,
    /// Whether the header said `U` (updates).
    pub update: bool,
    /// Records that could not be read: errors.
    pub errors: Vec<Diagnostic>,
    /// Repairs and things not used: warnings.
    pub warnings: Vec<Diagnostic>,
}

fn diag(
    path: &Path,
    line: u64,
    field: Field,
    rec: &str,
    expected: impl Into<String>,
) -> Diagnostic {
    Diagnostic::field(
        path,
        line,
        field.first,
        &field.label(),
        field.get(rec),
        expected,
    )
}

/// Reads a Chapter 8 data set.
///
/// # Complexity
/// O(bytes).
pub fn read(path: &Path, bytes: &[u8]) -> MctFile {
    let mut out = MctFile::default();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lines: Vec<(u64, &[u8])> = if bytes.contains(&b'\n') {
        bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l.strip_suffix(b"\r").unwrap_or(l)))
            .collect()
    } else {
        bytes
            .chunks(RECORD_LEN)
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l))
            .collect()
    };
    let lines: Vec<(u64, &[u8])> = lines
        .into_iter()
        .filter(|(_, l)| !l.iter().all(|&b| b == b' ') && !l.iter().all(|&b| b == b'0'))
        .collect();
    let Some(first) = lines.first() else {
        out.errors.push(Diagnostic::line(
            path,
            0,
            "",
            format!("an SSIM Chapter 8 MCT data set starting with the header \"1{TITLE}\""),
        ));
        return out;
    };
    let header = lines.iter().any(|(_, l)| {
        l.len() > TITLE.len()
            && l[0] == b'1'
            && l[1..=TITLE.len()].eq_ignore_ascii_case(TITLE.as_bytes())
    });
    let like = lines
        .iter()
        .filter(|(_, l)| l.len() >= 10 && (b'1'..=b'4').contains(&l[0]))
        .count();
    if !header && like * 2 < lines.len() {
        out.errors.push(Diagnostic::line(
            path,
            first.0,
            &String::from_utf8_lossy(&first.1[..first.1.len().min(60)]),
            format!(
                "an SSIM Chapter 8 MCT data set (200-byte records, the first a header \"1{TITLE}\"); {like} of {} lines look like MCT records, so it is not read",
                lines.len()
            ),
        ));
        return out;
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut padded = Vec::new();
    let mut lower = Vec::new();
    let mut serial_problems = Vec::new();
    let mut prev_serial: Option<u32> = None;
    for (i, &(line, raw)) in lines.iter().enumerate() {
        if let Some(k) = raw.iter().position(|&b| !(b' '..=b'~').contains(&b)) {
            out.errors.push(Diagnostic::field(
                path,
                line,
                k + 1,
                "record",
                &format!("byte 0x{:02X}", raw[k]),
                "printable ASCII characters only; the record is rejected",
            ));
            continue;
        }
        let mut rec = String::from_utf8_lossy(raw).into_owned();
        if rec.len() > RECORD_LEN && rec[RECORD_LEN..].trim().is_empty() {
            rec.truncate(RECORD_LEN);
        }
        if rec.len() > RECORD_LEN {
            out.errors.push(Diagnostic::field(
                path,
                line,
                RECORD_LEN + 1,
                "record",
                &rec[RECORD_LEN..],
                "a record of 200 bytes; the record is rejected",
            ));
            continue;
        }
        if rec.len() < RECORD_LEN {
            padded.push(line);
            rec.extend(std::iter::repeat_n(' ', RECORD_LEN - rec.len()));
        }
        let kind = rec.as_bytes()[0];
        // Header free text (the creator reference) keeps its case.
        let upper_to = if kind == b'1' { 31 } else { 194 };
        if rec[..upper_to].bytes().any(|b| b.is_ascii_lowercase()) {
            lower.push(line);
            let (a, b) = rec.split_at(upper_to);
            rec = a.to_ascii_uppercase() + b;
        }
        let rec = rec.as_str();
        let serial = SERIAL.get(rec).trim().parse::<u32>().ok();
        let trailer = kind == b'4' || (kind == b'3' && rec[1..4].trim().is_empty());
        if !trailer {
            let want = prev_serial.map_or(1, |p| p + 1);
            if serial != Some(want) {
                serial_problems.push(line);
            }
            prev_serial = serial.or(Some(want));
        }
        match kind {
            b'1' => {
                if i > 0 {
                    out.warnings.push(diag(
                        path,
                        line,
                        header::TITLE,
                        rec,
                        "one header record, first in the file; this one is ignored",
                    ));
                    continue;
                }
                if !header::TITLE
                    .get(rec)
                    .trim_end()
                    .eq_ignore_ascii_case(TITLE)
                {
                    out.warnings.push(diag(
                        path,
                        line,
                        header::TITLE,
                        rec,
                        format!("{TITLE:?}; read as the header"),
                    ));
                }
                match header::CONTENT.get(rec) {
                    "F" | " " => {}
                    "U" => out.update = true,
                    _ => out.warnings.push(diag(
                        path,
                        line,
                        header::CONTENT,
                        rec,
                        "F (full replacement) or U (updates); read as F",
                    )),
                }
            }
            b'2' => match parse_record(rec) {
                Ok((action, mut r)) => {
                    r.provenance = Provenance {
                        basis: Some(Basis::Sourced),
                        source: format!("mct:{name}"),
                    };
                    r.origin_ref = format!("{}:{line}", path.display());
                    let problems = super::csv::combination_problems(&r);
                    if problems.is_empty() {
                        out.records.push((action, r));
                    } else {
                        for (_, v, e) in problems {
                            out.errors.push(Diagnostic::line(
                                path,
                                line,
                                &v,
                                format!("{e}; the record is rejected"),
                            ));
                        }
                    }
                }
                Err(es) => {
                    for (field, expected) in es {
                        out.errors.push(diag(
                            path,
                            line,
                            field,
                            rec,
                            format!("{expected}; the record is rejected"),
                        ));
                    }
                }
            },
            b'3' if !trailer => {
                let carrier = rec[1..4].trim().to_string();
                let partners: Vec<String> = rec.as_bytes()[4..194]
                    .chunks(2)
                    .map(|c| String::from_utf8_lossy(c).trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect();
                out.partners.push((carrier, partners));
            }
            b'3' | b'4' => {
                if END.get(rec) != "E" {
                    out.warnings.push(diag(
                        path,
                        line,
                        END,
                        rec,
                        "E, the end of the data set; read as the trailer",
                    ));
                }
            }
            _ => out.errors.push(diag(
                path,
                line,
                Field {
                    name: "record type",
                    first: 1,
                    last: 1,
                },
                rec,
                "a record type 1 to 4 (or a filler line of zeros); the record is rejected",
            )),
        }
    }
    let mut note = |lines: &[u64], value: &str, what: &str| {
        if let Some(&first) = lines.first() {
            out.warnings.push(Diagnostic::line(
                path,
                first,
                value,
                format!("{what}: {}", crate::ssim::lines_note(lines)),
            ));
        }
    };
    note(
        &padded,
        "a short record",
        "records of 200 bytes; shorter ones are padded with blanks",
    );
    note(&lower, "lower case", "upper case; read as upper case");
    note(
        &serial_problems,
        "serial numbers",
        "serial numbers 000001, 000002, … in sequence; they are not used",
    );
    if !out.partners.is_empty() {
        let carriers: Vec<&str> = out.partners.iter().map(|p| p.0.as_str()).collect();
        out.warnings.push(Diagnostic::line(
            path,
            0,
            &carriers.join(" "),
            "MCT records; connection-building filter partner lists (type 3) are kept but not applied: flightnet's [connections] interline setting decides which airlines connect",
        ));
    }
    out
}

/// Parses a type 2 record into its action and record (provenance left blank).
///
/// # Errors
/// Every field that does not parse, with what was expected.
pub fn parse_record(rec: &str) -> Result<(Action, MctRecord), Vec<(Field, String)>> {
    use record::*;
    let mut errs: Vec<(Field, String)> = Vec::new();
    let opt = |fl: Field| -> Option<String> {
        let v = fl.get(rec).trim();
        (!v.is_empty()).then(|| v.to_string())
    };
    let mut check = |fl: Field, ok: bool, expected: &str| {
        if !ok {
            errs.push((fl, expected.to_string()));
        }
    };
    let station = |fl: Field| opt(fl);
    let (arr_station, dep_station) = (station(ARR_STATION), station(DEP_STATION));
    for (fl, v) in [(ARR_STATION, &arr_station), (DEP_STATION, &dep_station)] {
        check(
            fl,
            v.as_deref().is_none_or(super::csv::is_station),
            "a 3-letter IATA airport code, or blanks",
        );
    }
    let time = opt(TIME);
    let minutes = time.as_deref().and_then(|t| {
        let b = t.as_bytes();
        (b.len() == 4 && b.iter().all(u8::is_ascii_digit))
            .then(|| {
                let h = (b[0] - b'0') as u16 * 10 + (b[1] - b'0') as u16;
                let m = (b[2] - b'0') as u16 * 10 + (b[3] - b'0') as u16;
                (m < 60).then_some(h * 60 + m).filter(|&x| x <= 1440)
            })
            .flatten()
    });
    check(
        TIME,
        time.is_none() || minutes.is_some(),
        "a time HHMM up to 2400, or blanks for a suppression",
    );
    let status = super::csv::parse_status(STATUS.get(rec));
    check(STATUS, status.is_some(), "DD, DI, ID or II");
    let carrier = |fl: Field, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl);
        if v.as_deref().is_some_and(|c| !super::csv::is_carrier(c)) {
            errs.push((fl, "a 2-character airline designator, or blanks".into()));
            return None;
        }
        v
    };
    let yes = |fl: Field, errs: &mut Vec<(Field, String)>| match fl.get(rec) {
        "Y" => true,
        " " | "N" => false,
        _ => {
            errs.push((fl, "Y or a blank".into()));
            false
        }
    };
    let flight = |fl: Field, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl)?;
        let n = v
            .parse::<u16>()
            .ok()
            .filter(|n| (1..=9999).contains(n) && v.len() == 4);
        if n.is_none() {
            errs.push((
                fl,
                "a flight number of 4 digits (leading zeros), or blanks".into(),
            ));
        }
        n
    };
    let range = |a: Field, b: Field, errs: &mut Vec<(Field, String)>| match (
        flight(a, errs),
        flight(b, errs),
    ) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) if opt(b).is_none() => Some((x, x)),
        _ => None,
    };
    let aircraft = |fl: Field, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl)?;
        if v.len() == 3
            && v.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            Some(v)
        } else {
            errs.push((fl, "a 3-character IATA aircraft type, or blanks".into()));
            None
        }
    };
    let body = |fl: Field, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl)?;
        let b = Body::parse(&v);
        if b.is_none() {
            errs.push((fl, "W or N, or a blank".into()));
        }
        b
    };
    let code = |fl: Field, len: usize, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl)?;
        if v.len() == len && v.bytes().all(|b| b.is_ascii_uppercase()) {
            Some(v)
        } else {
            errs.push((fl, format!("{len} letters, or blanks")));
            None
        }
    };
    let terminal = |fl: Field| opt(fl);
    let date = |fl: Field, errs: &mut Vec<(Field, String)>| {
        let v = opt(fl)?;
        let d = parse_date(&v);
        if d.is_none() {
            errs.push((
                fl,
                format!("{}, or blanks", crate::ssim::record::DATE_EXPECTED),
            ));
        }
        d
    };
    let arr = Side {
        carrier: carrier(ARR_CARRIER, &mut errs),
        codeshare: yes(ARR_CODESHARE, &mut errs),
        op_carrier: carrier(ARR_OP_CARRIER, &mut errs),
        flights: range(ARR_FLIGHT_FROM, ARR_FLIGHT_TO, &mut errs),
        aircraft: aircraft(ARR_AIRCRAFT, &mut errs),
        body: body(ARR_BODY, &mut errs),
        terminal: terminal(ARR_TERMINAL),
    };
    let dep = Side {
        carrier: carrier(DEP_CARRIER, &mut errs),
        codeshare: yes(DEP_CODESHARE, &mut errs),
        op_carrier: carrier(DEP_OP_CARRIER, &mut errs),
        flights: range(DEP_FLIGHT_FROM, DEP_FLIGHT_TO, &mut errs),
        aircraft: aircraft(DEP_AIRCRAFT, &mut errs),
        body: body(DEP_BODY, &mut errs),
        terminal: terminal(DEP_TERMINAL),
    };
    let prev = Place {
        station: station(PREV_STATION),
        state: code(PREV_STATE, 2, &mut errs),
        country: code(PREV_COUNTRY, 2, &mut errs),
        region: code(PREV_REGION, 3, &mut errs),
    };
    let next = Place {
        station: station(NEXT_STATION),
        state: code(NEXT_STATE, 2, &mut errs),
        country: code(NEXT_COUNTRY, 2, &mut errs),
        region: code(NEXT_REGION, 3, &mut errs),
    };
    let supp = Place {
        station: None,
        state: code(SUPP_STATE, 2, &mut errs),
        country: code(SUPP_COUNTRY, 2, &mut errs),
        region: code(SUPP_REGION, 3, &mut errs),
    };
    let suppress = yes(SUPPRESS, &mut errs);
    let valid_from = date(VALID_FROM, &mut errs);
    let valid_to = date(VALID_TO, &mut errs);
    let submitter = carrier(SUBMITTER, &mut errs);
    let filed = date(FILED, &mut errs);
    let action = match ACTION.get(rec) {
        " " | "A" => Action::Add,
        "D" => Action::Delete,
        _ => {
            errs.push((ACTION, "A (add), D (delete) or a blank".into()));
            Action::Add
        }
    };
    if !errs.is_empty() {
        return Err(errs);
    }
    let status = status.unwrap_or((Status::Domestic, Status::Domestic));
    Ok((
        action,
        MctRecord {
            arr_station,
            dep_station,
            status,
            minutes,
            suppress,
            arr,
            dep,
            prev,
            next,
            valid_from,
            valid_to,
            supp,
            submitter,
            filed,
            provenance: Provenance {
                basis: None,
                source: String::new(),
            },
            origin_ref: String::new(),
        },
    ))
}

/// Applies a file's records to those loaded before it: adds, and for an update file deletes
/// first (each delete removes the earlier identical record; one with none is a warning).
pub fn apply(into: &mut Vec<MctRecord>, file: MctFile, path: &Path) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let same = |a: &MctRecord, b: &MctRecord| {
        let strip = |r: &MctRecord| {
            let mut r = r.clone();
            r.provenance = Provenance {
                basis: None,
                source: String::new(),
            };
            r.origin_ref = String::new();
            r
        };
        strip(a) == strip(b)
    };
    let (deletes, adds): (Vec<_>, Vec<_>) = file
        .records
        .into_iter()
        .partition(|(a, _)| *a == Action::Delete);
    for (_, d) in deletes {
        match into.iter().position(|r| same(r, &d)) {
            Some(i) => {
                into.remove(i);
            }
            None => {
                let line = d
                    .origin_ref
                    .rsplit_once(':')
                    .and_then(|(_, l)| l.parse().ok())
                    .unwrap_or(0);
                warnings.push(Diagnostic::line(
                    path,
                    line,
                    "D",
                    "a delete of an MCT record loaded before (every field the same); none is, so nothing is deleted",
                ));
            }
        }
    }
    into.extend(adds.into_iter().map(|(_, r)| r));
    warnings
}

/// Writes records as a Chapter 8 data set (a full file: content indicator `F`).
///
/// # Arguments
/// * `created`: the creation date in the header (blank when `None`).
///
/// # Returns
/// The text, CRLF-free, one record per line.
pub fn write(records: &[MctRecord], created: Option<Day>) -> String {
    let mut lines = Vec::new();
    let mut h = Rec::new(b'1');
    h.put(header::TITLE, TITLE)
        .put(header::CREATOR, "FLIGHTNET")
        .put(
            header::CREATED,
            &created.and_then(format_date).unwrap_or_default(),
        )
        .put(header::CONTENT, "F");
    lines.push(h);
    for r in records {
        use record::*;
        let mut x = Rec::new(b'2');
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let n = |v: Option<u16>| v.map_or(String::new(), |x| format!("{x:04}"));
        let d = |v: Option<Day>| v.and_then(format_date).unwrap_or_default();
        let y = |b: bool| if b { "Y" } else { "" };
        let b = |v: Option<Body>| v.map_or(String::new(), |b| b.code().to_string());
        x.put(ARR_STATION, &s(&r.arr_station))
            .put(
                TIME,
                &r.minutes
                    .map_or(String::new(), |m| format!("{:02}{:02}", m / 60, m % 60)),
            )
            .put(STATUS, &r.status_code())
            .put(DEP_STATION, &s(&r.dep_station))
            .put(ARR_CARRIER, &s(&r.arr.carrier))
            .put(ARR_CODESHARE, y(r.arr.codeshare))
            .put(ARR_OP_CARRIER, &s(&r.arr.op_carrier))
            .put(DEP_CARRIER, &s(&r.dep.carrier))
            .put(DEP_CODESHARE, y(r.dep.codeshare))
            .put(DEP_OP_CARRIER, &s(&r.dep.op_carrier))
            .put(ARR_AIRCRAFT, &s(&r.arr.aircraft))
            .put(ARR_BODY, &b(r.arr.body))
            .put(DEP_AIRCRAFT, &s(&r.dep.aircraft))
            .put(DEP_BODY, &b(r.dep.body))
            .put(ARR_TERMINAL, &s(&r.arr.terminal))
            .put(DEP_TERMINAL, &s(&r.dep.terminal))
            .put(PREV_COUNTRY, &s(&r.prev.country))
            .put(PREV_STATION, &s(&r.prev.station))
            .put(NEXT_COUNTRY, &s(&r.next.country))
            .put(NEXT_STATION, &s(&r.next.station))
            .put(ARR_FLIGHT_FROM, &n(r.arr.flights.map(|f| f.0)))
            .put(ARR_FLIGHT_TO, &n(r.arr.flights.map(|f| f.1)))
            .put(DEP_FLIGHT_FROM, &n(r.dep.flights.map(|f| f.0)))
            .put(DEP_FLIGHT_TO, &n(r.dep.flights.map(|f| f.1)))
            .put(PREV_STATE, &s(&r.prev.state))
            .put(NEXT_STATE, &s(&r.next.state))
            .put(PREV_REGION, &s(&r.prev.region))
            .put(NEXT_REGION, &s(&r.next.region))
            .put(VALID_FROM, &d(r.valid_from))
            .put(VALID_TO, &d(r.valid_to))
            .put(SUPPRESS, if r.suppress { "Y" } else { "N" })
            .put(SUPP_REGION, &s(&r.supp.region))
            .put(SUPP_COUNTRY, &s(&r.supp.country))
            .put(SUPP_STATE, &s(&r.supp.state))
            .put(SUBMITTER, &s(&r.submitter))
            .put(FILED, &d(r.filed));
        lines.push(x);
    }
    let mut out = String::new();
    for (i, mut l) in lines.into_iter().enumerate() {
        l.put(SERIAL, &format!("{:06}", i + 1));
        out.push_str(&l.text());
        out.push('\n');
    }
    let last = records.len() + 1;
    let mut t = Rec::new(b'4');
    t.put(END, "E").put(SERIAL, &format!("{last:06}"));
    out.push_str(&t.text());
    out.push('\n');
    out
}

/// A record under construction.
struct Rec([u8; RECORD_LEN]);

impl Rec {
    fn new(kind: u8) -> Rec {
        let mut b = [b' '; RECORD_LEN];
        b[0] = kind;
        Rec(b)
    }

    fn put(&mut self, fl: Field, v: &str) -> &mut Rec {
        for (i, c) in self.0[fl.first - 1..fl.last].iter_mut().enumerate() {
            *c = v.as_bytes().get(i).copied().unwrap_or(b' ');
        }
        self
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Chapter 8 §8.10.4 example at MAD, written by hand from the byte table.
    #[test]
    fn reads_the_worked_example_and_writes_it_back() {
        let mut r1 = Rec::new(b'2');
        r1.put(record::ARR_STATION, "MAD")
            .put(record::TIME, "0135")
            .put(record::STATUS, "ID")
            .put(record::DEP_STATION, "MAD")
            .put(record::ARR_CARRIER, "AA")
            .put(record::DEP_CARRIER, "IB")
            .put(record::SUPPRESS, "N")
            .put(record::SUBMITTER, "IB")
            .put(record::FILED, "05SEP18")
            .put(SERIAL, "000002");
        let mut r2 = Rec::new(b'2');
        r2.put(record::ARR_STATION, "MAD")
            .put(record::TIME, "0130")
            .put(record::STATUS, "ID")
            .put(record::DEP_STATION, "MAD")
            .put(record::ARR_CARRIER, "AA")
            .put(record::ARR_FLIGHT_FROM, "0001")
            .put(record::ARR_FLIGHT_TO, "2759")
            .put(record::SUPPRESS, "N")
            .put(record::SUBMITTER, "AA")
            .put(SERIAL, "000003");
        let mut h = Rec::new(b'1');
        h.put(header::TITLE, TITLE)
            .put(header::CONTENT, "F")
            .put(SERIAL, "000001");
        let mut t = Rec::new(b'4');
        t.put(END, "E").put(SERIAL, "000003");
        let text = [h, r1, r2, t]
            .iter()
            .map(Rec::text)
            .collect::<Vec<_>>()
            .join("\r\n");
        let f = read(Path::new("ex.dat"), text.as_bytes());
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        assert_eq!(f.records.len(), 2);
        let a = &f.records[0].1;
        assert_eq!(
            (
                a.minutes,
                a.arr.carrier.as_deref(),
                a.dep.carrier.as_deref()
            ),
            (Some(95), Some("AA"), Some("IB"))
        );
        assert_eq!(f.records[1].1.arr.flights, Some((1, 2759)));
        let recs: Vec<MctRecord> = f.records.into_iter().map(|x| x.1).collect();
        let again = read(Path::new("ex.dat"), write(&recs, None).as_bytes());
        assert!(again.errors.is_empty() && again.warnings.is_empty());
        let back: Vec<MctRecord> = again.records.into_iter().map(|x| x.1).collect();
        assert_eq!(back, recs);
    }

    #[test]
    fn a_csv_is_one_error() {
        let f = read(Path::new("x.csv"), b"a,b,c\n1,2,3\n4,5,6\n");
        assert_eq!(f.errors.len(), 1);
        assert!(f.errors[0].expected.contains("not read"));
    }
}
