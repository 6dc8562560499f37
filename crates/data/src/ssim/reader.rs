//! Reading one SSIM file: splitting it into records, repairing what real files get wrong,
//! checking the data set's structure (header, carrier blocks closed by trailers, serial
//! numbers) and parsing every record.
//!
//! The reader is lenient and loud. What it repairs is a warning with the line and the bytes
//! concerned: a byte-order mark, records shorter than 200 bytes (padded with blanks) or longer
//! with only blanks past byte 200, lower-case codes (read as upper case), serial numbers that
//! repeat, skip or are missing, a missing header or trailer, a trailer that names another
//! airline or points at the wrong record, segment records that do not follow their leg.
//! What it cannot read is an error on that record only ([`Problem`]), so `--skip-bad` can drop
//! it and every other record is still read. A file that is not SSIM at all is one error.
//!
//! Nothing here knows the network tables; [`super::import`] checks the parsed records against
//! them, including the codes of records that failed to parse ([`Rejected`]), so that one kind
//! of problem never hides another.

use std::path::Path;

use super::record::{
    self, CarrierRecord, Field, FieldError, LegCodes, LegRecord, RECORD_LEN, RECORD_TYPE, SERIAL,
    header, leg, segment, trailer,
};
use crate::error::Diagnostic;

/// A problem found in a file.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    /// What, where.
    pub diag: Diagnostic,
    /// True when it concerns one record (and the records that depend on it), which
    /// `--skip-bad` may drop; false only when the file is not an SSIM data set at all.
    pub skippable: bool,
}

/// A carrier (type 2) record and where it is.
#[derive(Clone, Debug)]
pub(crate) struct Carrier {
    pub line: u64,
    pub rec: CarrierRecord,
}

/// A leg (type 3) record that parsed, with its carrier.
#[derive(Clone, Debug)]
pub(crate) struct Leg {
    pub line: u64,
    /// The record as read (200 ASCII bytes, upper case), to quote fields in messages.
    pub raw: String,
    /// Index into [`Parsed::carriers`].
    pub carrier: usize,
    pub rec: LegRecord,
    /// The configuration a DEI 108 segment record gives when bytes 173–192 hold `XX`.
    pub config_overflow: Option<String>,
}

/// A leg record that could not be used, with the codes that parsed, so that they are checked
/// against the tables all the same.
#[derive(Clone, Debug)]
pub(crate) struct Rejected {
    pub line: u64,
    pub raw: String,
    pub codes: LegCodes,
}

/// The records of one file, its problems and its warnings.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub carriers: Vec<Carrier>,
    pub legs: Vec<Leg>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Diagnostic>,
    /// Leg records that were rejected here.
    pub rejected: Vec<Rejected>,
    /// Leg (type 3) records read, good or bad.
    pub leg_records: usize,
}

/// Splits a file into numbered records: one per line (LF or CRLF), or 200-byte blocks when
/// the file has no line breaks. Empty lines are dropped.
fn records(bytes: &[u8]) -> Vec<(u64, &[u8])> {
    fn strip(l: &[u8]) -> &[u8] {
        l.strip_suffix(b"\r").unwrap_or(l)
    }
    let out: Vec<(u64, &[u8])> = if bytes.contains(&b'\n') {
        bytes
            .split(|&b| b == b'\n')
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, strip(l)))
            .collect()
    } else if bytes.len() > RECORD_LEN && bytes.len().is_multiple_of(RECORD_LEN) {
        bytes
            .chunks(RECORD_LEN)
            .enumerate()
            .map(|(i, l)| (i as u64 + 1, l))
            .collect()
    } else {
        vec![(1, strip(bytes))]
    };
    out.into_iter()
        .filter(|(_, l)| !l.iter().all(|&b| b == b' '))
        .collect()
}

/// A filler record: all zeros (blocking), whatever its length.
fn is_filler(raw: &[u8]) -> bool {
    raw.iter().all(|&b| b == b'0')
}

/// `n records (lines a, b, c, …)` for a warning about several records.
pub(crate) fn lines_note(lines: &[u64]) -> String {
    const SHOWN: usize = 8;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(u64::to_string).collect();
    let more = if lines.len() > SHOWN {
        format!(" and {} more", lines.len() - SHOWN)
    } else {
        String::new()
    };
    format!(
        "{} record{} (line{} {}{more})",
        lines.len(),
        if lines.len() == 1 { "" } else { "s" },
        if lines.len() == 1 { "" } else { "s" },
        shown.join(", ")
    )
}

/// The single error for a file that is not an SSIM data set, or `None` when enough of its
/// lines look like SSIM records (at least half, or a header record anywhere).
fn not_ssim(path: &Path, recs: &[(u64, &[u8])]) -> Option<Diagnostic> {
    let data: Vec<&(u64, &[u8])> = recs.iter().filter(|(_, l)| !is_filler(l)).collect();
    let first = data.first()?;
    let title = header::TITLE_TEXT.as_bytes();
    let header = data.iter().any(|(_, l)| {
        l.len() > title.len() && l[0] == b'1' && l[1..=title.len()].eq_ignore_ascii_case(title)
    });
    let like = data
        .iter()
        .filter(|(_, l)| l.len() >= 100 && (b'1'..=b'5').contains(&l[0]))
        .count();
    if header || like * 2 >= data.len() {
        return None;
    }
    let text = String::from_utf8_lossy(&first.1[..first.1.len().min(60)]).into_owned();
    let binary = data
        .iter()
        .any(|(_, l)| l.iter().any(|&b| b == 0 || (b < b' ' && b != b'\t')));
    let what = if binary {
        "binary data"
    } else if first.1.contains(&b',') {
        "comma-separated text (a CSV file?)"
    } else if first.1.contains(&b'\t') {
        "tab-separated text"
    } else {
        "text of another kind"
    };
    Some(Diagnostic::line(
        path,
        first.0,
        &text,
        format!(
            "an IATA SSIM Chapter 7 schedule (200-byte records, the first a header record \"1{}\"); {} of {} lines look like SSIM records and the file looks like {what}, so it is not read",
            header::TITLE_TEXT,
            like,
            data.len()
        ),
    ))
}

/// Writes the code fields of a record in upper case (free text, such as a carrier record's
/// title and creator reference or a segment record's data, is left alone).
///
/// # Returns
/// Whether anything changed.
fn upper_codes(kind: u8, rec: &mut String) -> bool {
    let ranges: &[(usize, usize)] = match kind {
        b'1' => &[(0, 35)],
        b'2' => &[(0, 35), (71, 72)],
        b'3' => &[(0, 194)],
        b'4' => &[(0, 39)],
        b'5' => &[(0, 12), (193, 194)],
        _ => &[],
    };
    let mut bytes = std::mem::take(rec).into_bytes();
    let mut changed = false;
    for &(a, b) in ranges {
        for c in &mut bytes[a..b.min(RECORD_LEN)] {
            if c.is_ascii_lowercase() {
                c.make_ascii_uppercase();
                changed = true;
            }
        }
    }
    *rec = String::from_utf8(bytes).unwrap_or_default();
    changed
}

/// The open carrier block.
struct Block {
    /// Index of its carrier in `Parsed::carriers`; `None` when the carrier record was rejected.
    carrier: Option<usize>,
    /// The line of its carrier record.
    line: u64,
    /// Its airline as written (trimmed), for the trailer check.
    airline: String,
    /// The flight key (bytes 2–14) and line of the last leg record, for type 4 records, and
    /// whether that leg was kept (its index in `Parsed::legs`).
    last_leg: Option<(String, u64, Option<usize>)>,
}

/// Warnings about many records at once, one per kind and file.
#[derive(Default)]
struct Repairs {
    padded: Vec<u64>,
    trimmed: Vec<u64>,
    lower: Vec<u64>,
    versions: Vec<u64>,
    serials: Vec<(u64, String, String)>,
}

struct Reader<'a> {
    path: &'a Path,
    out: Parsed,
}

impl Reader<'_> {
    fn error(&mut self, diag: Diagnostic) {
        self.out.problems.push(Problem {
            diag,
            skippable: true,
        });
    }

    fn diag(&self, line: u64, e: FieldError) -> Diagnostic {
        Diagnostic::field(
            self.path,
            line,
            e.field.first,
            &e.field.label(),
            &e.value,
            e.expected,
        )
    }

    fn field_error(&mut self, line: u64, f: Field, rec: &str, expected: String) {
        let d = self.diag(line, FieldError::new(f, rec, expected));
        self.error(d);
    }

    fn warn(&mut self, line: u64, f: Field, rec: &str, expected: String) {
        let d = self.diag(line, FieldError::new(f, rec, expected));
        self.out.warnings.push(d);
    }

    fn reject(&mut self, line: u64, rec: &str) {
        self.out.rejected.push(Rejected {
            line,
            raw: rec.to_string(),
            codes: record::leg_codes(rec),
        });
    }
}

/// Reads one file's bytes.
///
/// # Complexity
/// O(bytes).
pub(crate) fn read(path: &Path, bytes: &[u8]) -> Parsed {
    let mut r = Reader {
        path,
        out: Parsed::default(),
    };
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            r.out.warnings.push(Diagnostic::line(
                path,
                1,
                "EF BB BF",
                "no byte-order mark: SSIM is plain ASCII; the mark is skipped",
            ));
            rest
        }
        None => bytes,
    };
    let recs = records(bytes);
    if let Some(d) = not_ssim(path, &recs) {
        r.out.problems.push(Problem {
            diag: d,
            skippable: false,
        });
        return r.out;
    }
    let mut fix = Repairs::default();
    // Records other than filler seen so far.
    let mut count = 0usize;
    // The serial numbers the previous record may have had: after a record whose number is
    // wrong, the next may continue either from it or from the expected sequence.
    let mut prev: Vec<u32> = vec![0];
    // The previous record's serial number as written, for the trailer's check reference.
    let mut prev_written: Option<u32> = None;
    // After 999999 the numbering restarts at 000001 or (as the manual suggests, 000001 being
    // the header's) at 000002.
    let next = |p: &u32| -> Vec<u32> {
        if *p == 999_999 {
            vec![1, 2]
        } else {
            vec![p + 1]
        }
    };
    let mut block: Option<Block> = None;
    let mut last_line = 0;
    for (line, raw) in recs {
        last_line = line;
        if is_filler(raw) {
            continue;
        }
        let kind = raw[0].to_ascii_uppercase();
        if kind == b'3' {
            r.out.leg_records += 1;
        }
        let first = count == 0;
        count += 1;
        if first && kind != b'1' {
            r.out.warnings.push(Diagnostic::field(
                path,
                line,
                1,
                &RECORD_TYPE.label(),
                &String::from_utf8_lossy(&raw[..1]),
                "a header record (type 1) as the first record; the file is read without one",
            ));
        }
        let mut wants: Vec<u32> = prev.iter().flat_map(next).collect();
        wants.dedup();
        // The record as text: printable ASCII, 200 bytes, upper case.
        let unusable = if let Some(i) = raw.iter().position(|&b| !(b' '..=b'~').contains(&b)) {
            Some(Diagnostic::field(
                path,
                line,
                i + 1,
                "record",
                &format!("byte 0x{:02X}", raw[i]),
                "printable ASCII characters only; the record is rejected",
            ))
        } else if raw.len() > RECORD_LEN && raw[RECORD_LEN..].iter().any(|&b| b != b' ') {
            Some(Diagnostic::field(
                path,
                line,
                RECORD_LEN + 1,
                "record",
                &String::from_utf8_lossy(&raw[RECORD_LEN..]),
                format!(
                    "a record of {RECORD_LEN} bytes (found {} bytes with text after byte {RECORD_LEN}); the record is rejected",
                    raw.len()
                ),
            ))
        } else {
            None
        };
        if let Some(d) = unusable {
            // Assume it took its place in the sequence, and keep the block structure.
            r.error(d);
            prev = wants;
            prev_written = None;
            match kind {
                b'2' => {
                    let airline = String::from_utf8_lossy(raw.get(2..5).unwrap_or(b""))
                        .trim()
                        .to_ascii_uppercase();
                    block = Some(Block {
                        carrier: None,
                        line,
                        airline,
                        last_leg: None,
                    });
                }
                b'3' => {
                    let text = String::from_utf8_lossy(raw).to_ascii_uppercase();
                    r.reject(line, &text);
                    if let Some(b) = &mut block {
                        b.last_leg = None;
                    }
                }
                b'5' => block = None,
                _ => {}
            }
            continue;
        }
        let mut rec = String::from_utf8_lossy(raw).into_owned();
        if rec.len() < RECORD_LEN {
            fix.padded.push(line);
            rec.extend(std::iter::repeat_n(' ', RECORD_LEN - rec.len()));
        } else if rec.len() > RECORD_LEN {
            fix.trimmed.push(line);
            rec.truncate(RECORD_LEN);
        }
        if upper_codes(kind, &mut rec) {
            fix.lower.push(line);
        }
        let rec = rec.as_str();
        // Serial numbers run 000001, 000002, … over the records that are not filler. They
        // are not used for anything, so a number out of sequence is only a warning.
        match record::parse_serial(rec) {
            Ok(s) => {
                if !wants.contains(&s) {
                    let repeats = prev.contains(&s);
                    fix.serials.push((
                        line,
                        SERIAL.get(rec).to_string(),
                        format!(
                            "{:06}, one more than the previous record's{}; the record is read",
                            wants[0],
                            if repeats {
                                " (this one repeats it)"
                            } else {
                                ""
                            }
                        ),
                    ));
                    prev = vec![s, wants[0]];
                } else {
                    prev = vec![s];
                }
            }
            Err(_) => {
                fix.serials.push((
                    line,
                    SERIAL.get(rec).to_string(),
                    format!(
                        "six digits, {:06} after the previous record's; the record is read",
                        wants[0]
                    ),
                ));
                prev = wants;
            }
        }
        let before = prev_written;
        prev_written = record::parse_serial(rec).ok();
        match kind {
            b'1' => {
                if !first {
                    r.warn(
                        line,
                        RECORD_TYPE,
                        rec,
                        "one header record, first in the file; this one is ignored".into(),
                    );
                }
                if record::parse_header(rec).is_err() {
                    r.warn(
                        line,
                        header::TITLE,
                        rec,
                        format!("{:?}; the record is read as the header", header::TITLE_TEXT),
                    );
                }
            }
            b'2' => {
                if let Some(b) = &block {
                    let expected = format!(
                        "a trailer record (type 5) closing carrier {} (line {}) first; the block is closed here",
                        b.airline, b.line
                    );
                    r.warn(line, RECORD_TYPE, rec, expected);
                }
                let airline = record::carrier::AIRLINE.get(rec).trim().to_string();
                let carrier = match record::parse_carrier(rec) {
                    Ok((c, warnings)) => {
                        for w in warnings {
                            let mut d = r.diag(line, w);
                            d.expected.push_str(
                                "; the carrier's legs are read, but one whose period ends 00XXX00 has no last date",
                            );
                            r.out.warnings.push(d);
                        }
                        r.out.carriers.push(Carrier { line, rec: c });
                        Some(r.out.carriers.len() - 1)
                    }
                    Err(es) => {
                        for e in es {
                            let mut d = r.diag(line, e);
                            d.expected
                                .push_str("; the carrier record and its legs are rejected");
                            r.error(d);
                        }
                        None
                    }
                };
                block = Some(Block {
                    carrier,
                    line,
                    airline,
                    last_leg: None,
                });
            }
            b'3' => {
                let key = segment::FLIGHT_KEY.get(rec).to_string();
                let Some(b) = &mut block else {
                    let expected =
                        "a carrier record (type 2) before the leg records; the record is rejected"
                            .into();
                    r.field_error(line, RECORD_TYPE, rec, expected);
                    r.reject(line, rec);
                    continue;
                };
                b.last_leg = Some((key, line, None));
                let Some(carrier) = b.carrier else {
                    let expected = format!(
                        "a leg of a carrier record that can be read; the carrier record on line {} is rejected, and so is this leg",
                        b.line
                    );
                    r.field_error(line, leg::AIRLINE, rec, expected);
                    r.reject(line, rec);
                    continue;
                };
                let block_airline = b.airline.clone();
                match record::parse_leg(rec) {
                    Ok(l) => {
                        if l.airline != block_airline {
                            let expected = format!(
                                "the carrier record's airline {block_airline:?} (line {}); the leg is read as {}'s",
                                r.out.carriers[carrier].line, l.airline
                            );
                            r.warn(line, leg::AIRLINE, rec, expected);
                        }
                        if l.config.as_ref().is_some_and(|c| c.version.is_some()) {
                            fix.versions.push(line);
                        }
                        r.out.legs.push(Leg {
                            line,
                            raw: rec.to_string(),
                            carrier,
                            rec: l,
                            config_overflow: None,
                        });
                        if let Some(b) = &mut block {
                            b.last_leg = Some((
                                segment::FLIGHT_KEY.get(rec).to_string(),
                                line,
                                Some(r.out.legs.len() - 1),
                            ));
                        }
                    }
                    Err(es) => {
                        for e in es {
                            let d = r.diag(line, e);
                            r.error(d);
                        }
                        r.reject(line, rec);
                    }
                }
            }
            b'4' => {
                let key = segment::FLIGHT_KEY.get(rec);
                match block.as_ref().and_then(|b| b.last_leg.as_ref()) {
                    Some((k, _, kept)) if k == key => {
                        if segment::DEI.get(rec) == segment::DEI_CONFIG
                            && let Some(i) = *kept
                        {
                            let text = segment::DATA.get(rec).trim().to_ascii_uppercase();
                            r.out.legs[i].config_overflow = Some(text);
                        }
                    }
                    Some((k, l, _)) => {
                        let expected = format!(
                            "the flight key of the leg record on line {l}, {k:?}; the segment record is ignored"
                        );
                        r.warn(line, segment::FLIGHT_KEY, rec, expected);
                    }
                    None => {
                        let expected =
                            "a leg record (type 3) before segment records; the segment record is ignored"
                                .into();
                        r.warn(line, RECORD_TYPE, rec, expected);
                    }
                }
            }
            b'5' => {
                let Some(b) = block.take() else {
                    let expected =
                        "a carrier record (type 2) before its trailer; the trailer is ignored"
                            .into();
                    r.warn(line, RECORD_TYPE, rec, expected);
                    continue;
                };
                match record::parse_trailer(rec) {
                    Ok(t) => {
                        if t.airline != b.airline {
                            let expected = format!(
                                "the carrier record's airline {:?} (line {}); the trailer closes that block all the same",
                                b.airline, b.line
                            );
                            r.warn(line, trailer::AIRLINE, rec, expected);
                        }
                        if let Some(p) = before
                            && t.serial_check != p
                        {
                            let expected = format!(
                                "{p:06}, the previous record's serial number; the reference is not used"
                            );
                            r.warn(line, trailer::SERIAL_CHECK, rec, expected);
                        }
                    }
                    Err(es) => {
                        for e in es {
                            let mut d = r.diag(line, e);
                            d.expected
                                .push_str("; the trailer closes the carrier's block all the same");
                            r.out.warnings.push(d);
                        }
                    }
                }
            }
            _ => {
                let expected =
                    "a record type 1 to 5 (or a filler line of zeros); the record is rejected"
                        .into();
                r.field_error(line, RECORD_TYPE, rec, expected);
                if let Some(b) = &mut block {
                    b.last_leg = None;
                }
            }
        }
    }
    if let Some(b) = block {
        r.out.warnings.push(Diagnostic::line(
            path,
            last_line,
            "",
            format!(
                "a trailer record (type 5) closing carrier {} (line {}) before the end of the file; the block ends here",
                b.airline, b.line
            ),
        ));
    }
    if count == 0 {
        r.out.problems.push(Problem {
            diag: Diagnostic::line(
                path,
                0,
                "",
                "an SSIM data set starting with a header record (type 1)",
            ),
            skippable: false,
        });
    }
    repairs(&mut r, fix);
    r.out
}

/// The warnings about many records at once.
fn repairs(r: &mut Reader<'_>, fix: Repairs) {
    let path = r.path;
    let mut w = |lines: &[u64], value: &str, what: &str| {
        if let Some(&first) = lines.first() {
            r.out.warnings.push(Diagnostic::line(
                path,
                first,
                value,
                format!("{what}: {}", lines_note(lines)),
            ));
        }
    };
    w(
        &fix.padded,
        "a short record",
        "records of 200 bytes; shorter ones are padded with blanks",
    );
    w(
        &fix.trimmed,
        "a long record",
        "records of 200 bytes; blanks past byte 200 are dropped",
    );
    w(
        &fix.lower,
        "lower case",
        "upper-case codes; lower case is read as upper case",
    );
    w(
        &fix.versions,
        "VV",
        "aircraft version references after VV (bytes 173-192) are labels, not seats, and are ignored",
    );
    // Serial numbers: the first few one by one, then a count.
    const SHOWN: usize = 10;
    for (line, found, expected) in fix.serials.iter().take(SHOWN) {
        let d = Diagnostic::field(
            path,
            *line,
            SERIAL.first,
            &SERIAL.label(),
            found,
            expected.clone(),
        );
        r.out.warnings.push(d);
    }
    if fix.serials.len() > SHOWN {
        let lines: Vec<u64> = fix.serials[SHOWN..].iter().map(|s| s.0).collect();
        r.out.warnings.push(Diagnostic::line(
            path,
            lines[0],
            "serial numbers",
            format!(
                "serial numbers in sequence; more out of sequence or missing, all read: {}",
                lines_note(&lines)
            ),
        ));
    }
}
