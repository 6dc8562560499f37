//! Reading one SSIM file: splitting it into records, checking the data set's structure
//! (header, carrier blocks closed by trailers, serial numbers) and parsing every record.
//!
//! Nothing here knows the network tables; [`super::import`] checks the parsed records against
//! them. Every problem becomes a [`Problem`]: a diagnostic with the line and the byte columns,
//! marked skippable when it concerns a leg (type 3) or segment (type 4) record only.

use std::path::Path;

use super::record::{
    self, CarrierRecord, Field, FieldError, LegRecord, RECORD_LEN, RECORD_TYPE, SERIAL, leg,
    segment, trailer,
};
use crate::error::Diagnostic;

/// A problem found in a file.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    /// What, where.
    pub diag: Diagnostic,
    /// True when it concerns one leg or segment record, which `--skip-bad` may drop.
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
    /// The record as written (200 ASCII bytes), to quote fields in messages.
    pub raw: String,
    /// Index into [`Parsed::carriers`].
    pub carrier: usize,
    pub rec: LegRecord,
}

/// The records of one file and its problems.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub carriers: Vec<Carrier>,
    pub legs: Vec<Leg>,
    pub problems: Vec<Problem>,
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
    out.into_iter().filter(|(_, l)| !l.is_empty()).collect()
}

/// The open carrier block.
struct Block {
    /// Index of its carrier in `Parsed::carriers`, when the carrier record parsed.
    carrier: Option<usize>,
    /// Its airline as written (trimmed), for the trailer check.
    airline: String,
    /// The flight key (bytes 2–14) and line of the last leg record, for type 4 records.
    last_leg: Option<(String, u64)>,
}

struct Reader<'a> {
    path: &'a Path,
    out: Parsed,
}

impl Reader<'_> {
    fn push(&mut self, diag: Diagnostic, skippable: bool) {
        self.out.problems.push(Problem { diag, skippable });
    }

    fn field(&mut self, line: u64, e: FieldError, skippable: bool) {
        let d = Diagnostic::field(
            self.path,
            line,
            e.field.first,
            &e.field.label(),
            &e.value,
            e.expected,
        );
        self.push(d, skippable);
    }

    fn field_at(&mut self, line: u64, f: Field, rec: &str, expected: String, skippable: bool) {
        self.field(line, FieldError::new(f, rec, expected), skippable);
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
    // Records other than filler seen so far.
    let mut count = 0usize;
    // The serial numbers the previous record may have had: after a record whose number is
    // wrong, the next may continue either from it or from the expected sequence, so that one
    // bad number is one error and a missing record is one error too.
    let mut prev: Vec<u32> = vec![0];
    // The previous record's serial number as written, for the trailer's check reference.
    let mut prev_written: Option<u32> = None;
    let next = |p: &u32| if *p == 999_999 { 1 } else { p + 1 };
    let mut block: Option<Block> = None;
    let mut last_line = 0;
    for (line, raw) in records(bytes) {
        last_line = line;
        if raw.iter().all(|&b| b == b'0') {
            continue; // block filler
        }
        let kind = raw[0];
        let is_leg = matches!(kind, b'3' | b'4');
        if kind == b'3' {
            r.out.leg_records += 1;
        }
        let first = count == 0;
        count += 1;
        if first && kind != b'1' {
            r.push(
                Diagnostic::field(
                    path,
                    line,
                    1,
                    &RECORD_TYPE.label(),
                    &String::from_utf8_lossy(&raw[..1]),
                    "a header record (type 1) as the first record",
                ),
                false,
            );
        }
        let wants: Vec<u32> = prev.iter().map(next).collect();
        let unusable = if let Some(i) = raw.iter().position(|&b| !(b' '..=b'~').contains(&b)) {
            Some(Diagnostic::field(
                path,
                line,
                i + 1,
                "record",
                &format!("byte 0x{:02X}", raw[i]),
                "printable ASCII characters only",
            ))
        } else if raw.len() != RECORD_LEN {
            Some(Diagnostic::line(
                path,
                line,
                &format!("{} bytes", raw.len()),
                format!("a record of exactly {RECORD_LEN} bytes"),
            ))
        } else {
            None
        };
        if let Some(d) = unusable {
            // Assume it took its place in the sequence, and keep the block structure.
            r.push(d, is_leg);
            prev = wants;
            prev_written = None;
            match kind {
                b'2' => {
                    let airline = String::from_utf8_lossy(raw.get(2..5).unwrap_or(b""))
                        .trim()
                        .to_string();
                    block = Some(Block {
                        carrier: None,
                        airline,
                        last_leg: None,
                    });
                }
                b'5' => block = None,
                _ => {}
            }
            continue;
        }
        let rec = std::str::from_utf8(raw).unwrap_or("");
        // Serial numbers run 000001, 000002, … over the records that are not filler.
        match record::parse_serial(rec) {
            Ok(s) => {
                if !wants.is_empty() && !wants.contains(&s) {
                    r.field_at(
                        line,
                        SERIAL,
                        rec,
                        format!("{:06}, one more than the previous record's", wants[0]),
                        false,
                    );
                    prev = vec![s, wants[0]];
                } else {
                    prev = vec![s];
                }
            }
            Err(e) => {
                r.field(line, e, false);
                prev = wants;
            }
        }
        let before = prev_written;
        prev_written = record::parse_serial(rec).ok();
        match kind {
            b'1' => {
                if !first {
                    r.field_at(
                        line,
                        RECORD_TYPE,
                        rec,
                        "one header record, first in the file".into(),
                        false,
                    );
                }
                if let Err(es) = record::parse_header(rec) {
                    es.into_iter().for_each(|e| r.field(line, e, false));
                }
            }
            b'2' => {
                if let Some(b) = &block {
                    let expected = format!(
                        "a trailer record (type 5) closing carrier {} first",
                        b.airline
                    );
                    r.field_at(line, RECORD_TYPE, rec, expected, false);
                }
                let airline = record::carrier::AIRLINE.get(rec).trim().to_string();
                let carrier = match record::parse_carrier(rec) {
                    Ok(c) => {
                        r.out.carriers.push(Carrier { line, rec: c });
                        Some(r.out.carriers.len() - 1)
                    }
                    Err(es) => {
                        es.into_iter().for_each(|e| r.field(line, e, false));
                        None
                    }
                };
                block = Some(Block {
                    carrier,
                    airline,
                    last_leg: None,
                });
            }
            b'3' => {
                let Some(b) = &mut block else {
                    let expected = "a carrier record (type 2) before the leg records".into();
                    r.field_at(line, RECORD_TYPE, rec, expected, true);
                    continue;
                };
                b.last_leg = Some((segment::FLIGHT_KEY.get(rec).to_string(), line));
                let carrier = b.carrier;
                let block_airline = b.airline.clone();
                match record::parse_leg(rec) {
                    Ok(l) => {
                        if l.airline != block_airline {
                            let expected =
                                format!("the carrier record's airline {block_airline:?}");
                            r.field_at(line, leg::AIRLINE, rec, expected, true);
                        } else if let Some(carrier) = carrier {
                            r.out.legs.push(Leg {
                                line,
                                raw: rec.to_string(),
                                carrier,
                                rec: l,
                            });
                        }
                    }
                    Err(es) => es.into_iter().for_each(|e| r.field(line, e, true)),
                }
            }
            b'4' => {
                let key = segment::FLIGHT_KEY.get(rec);
                match block.as_ref().and_then(|b| b.last_leg.as_ref()) {
                    Some((k, _)) if k == key => {}
                    Some((k, l)) => {
                        let expected =
                            format!("the flight key of the leg record on line {l}, {k:?}");
                        r.field_at(line, segment::FLIGHT_KEY, rec, expected, true);
                    }
                    None => {
                        let expected = "a leg record (type 3) before segment records".into();
                        r.field_at(line, RECORD_TYPE, rec, expected, true);
                    }
                }
            }
            b'5' => {
                let Some(b) = block.take() else {
                    let expected = "a carrier record (type 2) before its trailer".into();
                    r.field_at(line, RECORD_TYPE, rec, expected, false);
                    continue;
                };
                match record::parse_trailer(rec) {
                    Ok(t) => {
                        if t.airline != b.airline {
                            let expected = format!("the carrier record's airline {:?}", b.airline);
                            r.field_at(line, trailer::AIRLINE, rec, expected, false);
                        }
                        if let Some(p) = before
                            && t.serial_check != p
                        {
                            let expected = format!("{p:06}, the previous record's serial number");
                            r.field_at(line, trailer::SERIAL_CHECK, rec, expected, false);
                        }
                    }
                    Err(es) => es.into_iter().for_each(|e| r.field(line, e, false)),
                }
            }
            _ => {
                let expected = "a record type 1 to 5 (or a filler line of zeros)".into();
                r.field_at(line, RECORD_TYPE, rec, expected, false);
            }
        }
    }
    if let Some(b) = block {
        r.push(
            Diagnostic::line(
                path,
                last_line,
                "",
                format!(
                    "a trailer record (type 5) closing carrier {} before the end of the file",
                    b.airline
                ),
            ),
            false,
        );
    }
    if count == 0 {
        r.push(
            Diagnostic::line(
                path,
                0,
                "",
                "an SSIM data set starting with a header record (type 1)",
            ),
            false,
        );
    }
    r.out
}
