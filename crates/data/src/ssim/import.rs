//! From SSIM leg records to flight patterns.
//!
//! # The time rule
//! Each leg record is expanded into dated legs with exact UTC instants, taken from the record
//! alone:
//!
//! * local time mode (`L`): departure = flight date + departure date variation + aircraft STD −
//!   departure variation; arrival = flight date + arrival date variation + aircraft STA −
//!   arrival variation. The flight date is a date of the period of operation on a day of
//!   operation (for every leg of a multi-leg flight it is the first leg's departure date, so a
//!   downline leg that leaves after midnight carries date variation 1).
//! * UTC time mode (`U`): the same with the variations left out: periods, days and times are
//!   UTC.
//!
//! Each instant is then written as the airport's local clock time from the bundled time-zone
//! database, which is how [`FlightPattern`]s hold times. So the UTC instants are always the
//! record's, even where the record's variation disagrees with the database (that is reported as
//! a warning); only the local clock shown in `schedule.csv` follows the database. A local time
//! that the database repeats (the hour before a backward clock change) cannot be written
//! unambiguously, so such a leg is an error.
//!
//! Dated legs with the same local times are compressed back into patterns
//! ([`super::runs::runs`]), which are checked with the same rules as `schedule.csv`
//! ([`utc_problem`], [`duplicate_dates`]).

use crate::id::Idx;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::Tables;
use super::reader::{self, Problem};
use super::record::{
    CarrierRecord, Field, FieldError, LegRecord, TimeMode, carrier, format_variation, leg,
};
use super::runs::{join, runs};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::network::checks::{MAX_BLOCK_MINUTES, duplicate_dates, utc_problem};
use crate::network::{AirlineId, AirportId, Basis, FleetId, FlightPattern, Provenance};
use crate::time::{Day, LocalTime, UtcMinute, format_hm};

/// One SSIM file: its name for messages and its bytes.
#[derive(Clone, Debug)]
pub struct SsimFile<'a> {
    /// Path (or name) used in diagnostics and in the `source` column (file name only).
    pub path: PathBuf,
    /// The file's contents.
    pub bytes: Cow<'a, [u8]>,
}

impl SsimFile<'static> {
    /// Reads a file from disk.
    ///
    /// # Errors
    /// [`Error::Io`] when it cannot be read.
    pub fn read(path: &Path) -> Result<SsimFile<'static>> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Ok(SsimFile {
            path: path.to_path_buf(),
            bytes: Cow::Owned(bytes),
        })
    }
}

/// How strict an import is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Drop leg (type 3) and segment (type 4) records that have problems instead of failing;
    /// problems with the header, carrier and trailer records or the serial numbers still fail.
    pub skip_bad: bool,
}

/// An onward flight given by a leg record (bytes 138–146), checked against the imported legs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnwardLink {
    /// The record, `file:line`.
    pub record: String,
    /// Airline of the leg.
    pub airline: String,
    /// Flight number of the leg.
    pub flight: u16,
    /// Departure station of the leg.
    pub origin: String,
    /// Arrival station of the leg, where the aircraft continues.
    pub destination: String,
    /// First and last local departure date of the leg.
    pub first: Day,
    /// Last local departure date of the leg.
    pub last: Day,
    /// Airline of the onward flight.
    pub onward_airline: String,
    /// Flight number of the onward flight.
    pub onward_flight: u16,
    /// Days from the leg's arrival date to the onward departure date.
    pub layover: u8,
    /// Dates the leg operates.
    pub dates: usize,
    /// Of those, dates on which no such onward flight leaves the arrival station, on the
    /// arrival date plus the layover, at or after the arrival.
    pub missing: usize,
}

/// The result of an import.
#[derive(Clone, Debug, Default)]
pub struct Import {
    /// The patterns, sorted by airline, flight number, leg sequence, first date and origin.
    pub patterns: Vec<FlightPattern>,
    /// Things worth knowing that do not stop the import: variations that differ from the
    /// time-zone database, seat counts that differ from `fleet.csv`, statuses that differ from
    /// the airports' countries, onward flights that cannot be found.
    pub warnings: Vec<Diagnostic>,
    /// The problems of the records dropped by [`ImportOptions::skip_bad`].
    pub skipped: Vec<Diagnostic>,
    /// How many leg and segment records were dropped.
    pub skipped_records: usize,
    /// Leg records imported.
    pub imported_records: usize,
    /// Every onward-flight link of the imported legs.
    pub onward: Vec<OnwardLink>,
    /// Leg (type 3) records read.
    pub leg_records: usize,
    /// Dated legs imported.
    pub dated_legs: usize,
}

/// One dated leg of a record.
#[derive(Clone, Copy, Debug)]
struct Dated {
    /// Local departure date.
    day: Day,
    dep: LocalTime,
    arr: LocalTime,
    arr_day: i32,
    dep_utc: UtcMinute,
    arr_utc: UtcMinute,
    /// Arrival date in the carrier's time mode (local at the destination, or UTC).
    arr_mode_day: Day,
}

/// A leg record checked against the tables and expanded.
struct Checked {
    file: usize,
    line: u64,
    raw: String,
    rec: LegRecord,
    time_mode: TimeMode,
    airline: AirlineId,
    origin: AirportId,
    destination: AirportId,
    dated: Vec<Dated>,
    /// The record's own patterns (before merging with other records).
    patterns: Vec<FlightPattern>,
    warnings: Vec<Diagnostic>,
}

/// Lookups over the tables.
struct Ctx<'a> {
    t: &'a Tables<'a>,
    airports: BTreeMap<&'a str, AirportId>,
    airlines: BTreeMap<&'a str, AirlineId>,
}

/// A diagnostic for a field of a leg record.
fn at(path: &Path, line: u64, raw: &str, f: Field, expected: impl Into<String>) -> Diagnostic {
    let e = FieldError::new(f, raw, expected);
    Diagnostic::field(path, line, f.first, &f.label(), &e.value, e.expected)
}

/// The file name used in `source` and `origin_ref`.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl<'a> Ctx<'a> {
    fn new(t: &'a Tables<'a>) -> Ctx<'a> {
        Ctx {
            t,
            airports: t
                .airports
                .iter()
                .enumerate()
                .map(|(i, a)| (a.iata.as_str(), AirportId(i as u16)))
                .collect(),
            airlines: t
                .airlines
                .iter()
                .enumerate()
                .map(|(i, a)| (a.code.as_str(), AirlineId(i as u16)))
                .collect(),
        }
    }

    /// The fleet.csv aircraft for a record's type and configuration: by (type, seats), then by
    /// type alone. Returns the aircraft and, when the seats differ, a warning text.
    fn aircraft(
        &self,
        airline: AirlineId,
        rec: &LegRecord,
    ) -> std::result::Result<(FleetId, Option<String>), (Field, String)> {
        let code = &self.t.airlines[airline.index()].code;
        let of_airline: Vec<usize> = (0..self.t.fleet.len())
            .filter(|&i| self.t.fleet[i].airline == airline)
            .collect();
        let of_type: Vec<usize> = of_airline
            .iter()
            .copied()
            .filter(|&i| self.t.fleet[i].iata_type == rec.aircraft)
            .collect();
        let describe = |ids: &[usize], with_type: bool| {
            ids.iter()
                .map(|&i| {
                    let f = &self.t.fleet[i];
                    if with_type {
                        format!("{} {}", f.iata_type, f.name)
                    } else {
                        format!("{} {} seats", f.name, f.seats)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if of_type.is_empty() {
            let known = if of_airline.is_empty() {
                "none defined".to_string()
            } else {
                describe(&of_airline, true)
            };
            return Err((
                leg::AIRCRAFT,
                format!("an aircraft type of {code} in fleet.csv ({known})"),
            ));
        }
        let seats = rec.config.as_ref().map(|c| c.1);
        let exact: Vec<usize> = of_type
            .iter()
            .copied()
            .filter(|&i| Some(self.t.fleet[i].seats) == seats)
            .collect();
        let pick = match (exact.as_slice(), of_type.as_slice()) {
            ([one], _) => return Ok((FleetId(*one as u16), None)),
            ([], [one]) => *one,
            _ => {
                let (field, what) = match seats {
                    Some(n) => (leg::CONFIG, format!("a configuration ({n} seats found)")),
                    None => (leg::CONFIG, "a configuration".to_string()),
                };
                return Err((
                    field,
                    format!(
                        "{what} whose seat total picks one {code} {} aircraft in fleet.csv ({})",
                        rec.aircraft,
                        describe(&of_type, false)
                    ),
                ));
            }
        };
        let f = &self.t.fleet[pick];
        let note = seats.map(|n| {
            format!(
                "{} seats, as fleet.csv gives for {code} {} ({}); found {n} in the record, and flightnet uses fleet.csv's seats",
                f.seats, f.name, f.iata_type
            )
        });
        Ok((FleetId(pick as u16), note))
    }

    /// Checks one leg record against the tables and expands it.
    fn check(
        &self,
        path: &Path,
        file: usize,
        car: &CarrierRecord,
        l: &reader::Leg,
    ) -> std::result::Result<Checked, Vec<Diagnostic>> {
        let (rec, raw, line) = (&l.rec, l.raw.as_str(), l.line);
        let err = |f: Field, expected: String| at(path, line, raw, f, expected);
        let mut errs = Vec::new();
        let airline = self.airlines[car.airline.as_str()];
        let station = |f: Field, code: &str, errs: &mut Vec<Diagnostic>| {
            let id = self.airports.get(code).copied();
            if id.is_none() {
                errs.push(err(f, "an airport code defined in airports.csv".into()));
            }
            id
        };
        let origin = station(leg::DEP_STATION, &rec.dep_station, &mut errs);
        let destination = station(leg::ARR_STATION, &rec.arr_station, &mut errs);
        if origin.is_some() && origin == destination {
            errs.push(err(
                leg::ARR_STATION,
                "an airport other than the departure station".into(),
            ));
        }
        let aircraft = match self.aircraft(airline, rec) {
            Ok(a) => Some(a),
            Err((f, expected)) => {
                errs.push(err(f, expected));
                None
            }
        };
        let last = rec.to.or(car.valid_to);
        if last.is_none() {
            errs.push(err(
                leg::TO,
                "a last date: the carrier record's validity end is open (00XXX00) too".into(),
            ));
        }
        let (Some(origin), Some(destination), Some((aircraft, seat_note)), Some(last)) =
            (origin, destination, aircraft, last)
        else {
            return Err(errs);
        };
        if last < rec.from {
            return Err(vec![err(
                leg::FROM,
                format!("a date on or before the carrier's validity end ({last})"),
            )]);
        }
        let week0 = rec.from.week_start();
        let flight_dates: Vec<Day> = (rec.from.0..=last.0)
            .map(Day)
            .filter(|d| {
                rec.days.contains(d.weekday())
                    && ((d.week_start().0 - week0.0) / 7) % rec.frequency as i32 == 0
            })
            .collect();
        if flight_dates.is_empty() {
            return Err(vec![err(
                leg::DAYS,
                format!("at least one day of operation within {}..{last}", rec.from),
            )]);
        }
        let (oz, dz) = (
            &self.t.airports[origin.index()].zone,
            &self.t.airports[destination.index()].zone,
        );
        let (dv_dep, dv_arr) = match car.time_mode {
            TimeMode::Local => (rec.dep_var as i64, rec.arr_var as i64),
            TimeMode::Utc => (0, 0),
        };
        let mut dated = Vec::with_capacity(flight_dates.len());
        // (first date, count) of dates whose local time the database repeats, and of dates
        // whose variation differs from the database, at departure and arrival.
        let mut ambiguous: [(Option<Day>, usize); 2] = [(None, 0); 2];
        let mut differs: [(Option<(Day, i32)>, usize); 2] = [(None, 0); 2];
        for &f in &flight_dates {
            let dep_utc = f
                .plus_days(rec.dep_dv)
                .start_utc()
                .plus(rec.std.0 as i64 - dv_dep);
            let arr_utc = f
                .plus_days(rec.arr_dv)
                .start_utc()
                .plus(rec.sta.0 as i64 - dv_arr);
            let (day, dep) = oz.to_local(dep_utc);
            let (arr_local_day, arr) = dz.to_local(arr_utc);
            for (k, (zone, d, t, utc, var)) in [
                (oz, day, dep, dep_utc, rec.dep_var),
                (dz, arr_local_day, arr, arr_utc, rec.arr_var),
            ]
            .into_iter()
            .enumerate()
            {
                if zone.to_utc(d, t) != utc {
                    ambiguous[k].0.get_or_insert(d);
                    ambiguous[k].1 += 1;
                }
                let db = zone.offset_minutes(utc);
                if db != var {
                    differs[k].0.get_or_insert((d, db));
                    differs[k].1 += 1;
                }
            }
            let arr_mode_day = match car.time_mode {
                TimeMode::Local => arr_local_day,
                TimeMode::Utc => arr_utc.day(),
            };
            dated.push(Dated {
                day,
                dep,
                arr,
                arr_day: arr_local_day.0 - day.0,
                dep_utc,
                arr_utc,
                arr_mode_day,
            });
        }
        let fields = [leg::STD, leg::STA];
        let stations = [&rec.dep_station, &rec.arr_station];
        for k in 0..2 {
            if let (Some(d), n) = ambiguous[k] {
                errs.push(err(
                    fields[k],
                    format!(
                        "a time that {} clocks show once: on {d} it falls in the hour repeated by a clock change, which schedule.csv's local times cannot tell apart ({n} of {} dates)",
                        stations[k],
                        dated.len()
                    ),
                ));
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let patterns = self.patterns(
            path,
            line,
            rec,
            airline,
            origin,
            destination,
            aircraft,
            &dated,
        );
        for p in &patterns {
            if let Some(pr) = utc_problem(p, self.t.airports) {
                let block = pr.arr.0 - pr.dep.0;
                errs.push(err(
                    leg::STA,
                    format!(
                        "an arrival after the departure and a block time of at most {} hours: on {} it departs {} and arrives {} (block {}); {} of {} dates affected",
                        MAX_BLOCK_MINUTES / 60,
                        pr.day,
                        pr.dep,
                        pr.arr,
                        format_hm(block),
                        pr.bad_dates,
                        pr.dates
                    ),
                ));
            } else if !(-1..=2).contains(&p.arr_day) {
                errs.push(err(
                    leg::DATE_VAR,
                    format!(
                        "an arrival from 1 day before to 2 days after the local departure date: from {} it arrives {} days later",
                        p.period.first, p.arr_day
                    ),
                ));
            }
        }
        if !errs.is_empty() {
            errs.truncate(1);
            return Err(errs);
        }
        let mut warnings = Vec::new();
        let var_fields = [leg::DEP_VAR, leg::ARR_VAR];
        for k in 0..2 {
            if let (Some((d, db)), n) = differs[k] {
                warnings.push(err(
                    var_fields[k],
                    format!(
                        "{} as the bundled time-zone database gives for {} on {d} ({n} of {} dates differ); the record's variation sets the UTC times",
                        format_variation(db),
                        stations[k],
                        dated.len()
                    ),
                ));
            }
        }
        if let Some(note) = seat_note {
            warnings.push(err(leg::CONFIG, note));
        }
        Ok(Checked {
            file,
            line,
            raw: raw.to_string(),
            rec: rec.clone(),
            time_mode: car.time_mode,
            airline,
            origin,
            destination,
            dated,
            patterns,
            warnings,
        })
    }

    /// Compresses dated legs that share local times into patterns.
    #[allow(clippy::too_many_arguments)]
    fn patterns(
        &self,
        path: &Path,
        line: u64,
        rec: &LegRecord,
        airline: AirlineId,
        origin: AirportId,
        destination: AirportId,
        aircraft: FleetId,
        dated: &[Dated],
    ) -> Vec<FlightPattern> {
        let mut groups: BTreeMap<(LocalTime, LocalTime, i32), Vec<Day>> = BTreeMap::new();
        for d in dated {
            groups
                .entry((d.dep, d.arr, d.arr_day))
                .or_default()
                .push(d.day);
        }
        let name = file_name(path);
        let mut out = Vec::new();
        for ((dep, arr, arr_day), mut days) in groups {
            days.sort();
            days.dedup();
            for run in runs(&days) {
                out.push(FlightPattern {
                    airline,
                    flight: rec.flight,
                    origin,
                    destination,
                    dep,
                    arr,
                    arr_day: arr_day.clamp(i8::MIN as i32, i8::MAX as i32) as i8,
                    days: run.days,
                    period: run.period,
                    aircraft,
                    provenance: Provenance {
                        basis: Some(Basis::Sourced),
                        source: format!("ssim:{name}"),
                    },
                    origin_ref: format!("{name}:{line}"),
                });
            }
        }
        out
    }
}

/// Checks the legs of each itinerary variation: leg sequence numbers used once, and each leg
/// leaving from where the previous one arrives.
fn check_itineraries(path: &Path, parsed: &reader::Parsed, out: &mut Vec<Problem>) {
    type Key<'a> = (usize, &'a str, u16, u8, u16);
    let mut groups: BTreeMap<Key<'_>, BTreeMap<u8, &reader::Leg>> = BTreeMap::new();
    for l in &parsed.legs {
        let r = &l.rec;
        let seqs = groups
            .entry((l.carrier, r.airline.as_str(), r.flight, r.suffix, r.ivi))
            .or_default();
        if let Some(first) = seqs.get(&r.leg_seq) {
            out.push(Problem {
                diag: at(
                    path,
                    l.line,
                    &l.raw,
                    leg::LEG_SEQ,
                    format!(
                        "a leg sequence number not already used by line {} for this flight and itinerary variation",
                        first.line
                    ),
                ),
                skippable: true,
            });
        } else {
            seqs.insert(r.leg_seq, l);
        }
    }
    for seqs in groups.values() {
        for (a, b) in seqs.values().zip(seqs.values().skip(1)) {
            if b.rec.leg_seq == a.rec.leg_seq + 1 && b.rec.dep_station != a.rec.arr_station {
                out.push(Problem {
                    diag: at(
                        path,
                        b.line,
                        &b.raw,
                        leg::DEP_STATION,
                        format!(
                            "{}, where leg {:02} (line {}) arrives",
                            a.rec.arr_station, a.rec.leg_seq, a.line
                        ),
                    ),
                    skippable: true,
                });
            }
        }
    }
}

/// Imports SSIM files into flight patterns checked against the network tables.
///
/// # Arguments
/// * `files`: the SSIM files; several may be given, their legs are checked together.
/// * `tables`: airports, airlines and fleet the records refer to.
/// * `opts`: [`ImportOptions::skip_bad`] drops bad leg records instead of failing.
///
/// # Returns
/// The patterns with warnings and onward-flight links, or [`Error::Invalid`] listing every
/// problem (file, line, byte columns) when a record is bad and not skipped.
///
/// # Complexity
/// O(R·D + P²) for R leg records of D dates each and P patterns per flight number and origin.
///
/// # Example
/// ```
/// use flightnet_data::ssim::{ImportOptions, SsimFile, Tables, export, import};
/// let data = flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin()).unwrap();
/// let text = export::export(&data, &export::ExportOptions::default()).unwrap();
/// let file = SsimFile { path: "routes.ssim".into(), bytes: text.into_bytes().into() };
/// let imported = import(&[file], &Tables::of(&data), ImportOptions::default()).unwrap();
/// assert_eq!(imported.dated_legs, 107_542);
/// ```
pub fn import(files: &[SsimFile<'_>], tables: &Tables<'_>, opts: ImportOptions) -> Result<Import> {
    let ctx = Ctx::new(tables);
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let mut checked: Vec<Checked> = Vec::new();
    let mut leg_records = 0;
    for (fi, file) in files.iter().enumerate() {
        let path = file.path.as_path();
        let parsed = reader::read(path, &file.bytes);
        leg_records += parsed.leg_records;
        let mut found = parsed.problems.clone();
        let mut carrier_ok = vec![false; parsed.carriers.len()];
        for (ci, c) in parsed.carriers.iter().enumerate() {
            if ctx.airlines.contains_key(c.rec.airline.as_str()) {
                carrier_ok[ci] = true;
            } else {
                found.push(Problem {
                    diag: Diagnostic::field(
                        path,
                        c.line,
                        carrier::AIRLINE.first,
                        &carrier::AIRLINE.label(),
                        &c.rec.airline,
                        "an airline code defined in airlines.csv",
                    ),
                    skippable: false,
                });
            }
        }
        check_itineraries(path, &parsed, &mut found);
        for l in parsed.legs.iter().filter(|l| carrier_ok[l.carrier]) {
            match ctx.check(path, fi, &parsed.carriers[l.carrier].rec, l) {
                Ok(c) => checked.push(c),
                Err(ds) => found.extend(ds.into_iter().map(|diag| Problem {
                    diag,
                    skippable: true,
                })),
            }
        }
        problems.extend(found.into_iter().map(|p| (fi, p)));
    }
    // Legs already in trouble take no part in the duplicate check.
    let bad: BTreeSet<(usize, u64)> = problems
        .iter()
        .filter(|(_, p)| p.skippable)
        .map(|(f, p)| (*f, p.diag.line))
        .collect();
    checked.retain(|c| !bad.contains(&(c.file, c.line)));
    let mut owner = Vec::new();
    let mut all = Vec::new();
    for (ci, c) in checked.iter().enumerate() {
        owner.extend(std::iter::repeat_n(ci, c.patterns.len()));
        all.extend(c.patterns.iter().cloned());
    }
    for (i, j, day) in duplicate_dates(&all) {
        let (a, b) = (&checked[owner[i]], &checked[owner[j]]);
        let (a, b) = if (a.file, a.line) <= (b.file, b.line) {
            (a, b)
        } else {
            (b, a)
        };
        let other = if a.file == b.file {
            format!("line {}", a.line)
        } else {
            format!("{} line {}", files[a.file].path.display(), a.line)
        };
        let p = &all[j];
        problems.push((
            b.file,
            Problem {
                diag: Diagnostic::line(
                    &files[b.file].path,
                    b.line,
                    &format!(
                        "{}{} {}",
                        tables.airlines[p.airline.index()].code,
                        p.flight,
                        tables.airports[p.origin.index()].iata
                    ),
                    format!(
                        "a flight that departs its origin at most once per date, but it also operates on {day} by {other}"
                    ),
                ),
                skippable: true,
            },
        ));
    }
    let fatal = problems.iter().any(|(_, p)| !p.skippable);
    if fatal || (!opts.skip_bad && !problems.is_empty()) {
        let mut d = Diagnostics(problems.into_iter().map(|(_, p)| p.diag).collect());
        d.sort();
        return Err(Error::Invalid(d));
    }
    let skip: BTreeSet<(usize, u64)> = problems.iter().map(|(f, p)| (*f, p.diag.line)).collect();
    checked.retain(|c| !skip.contains(&(c.file, c.line)));
    let mut skipped = Diagnostics(problems.into_iter().map(|(_, p)| p.diag).collect());
    skipped.sort();
    let mut out = Import {
        skipped_records: skip.len(),
        skipped: skipped.0,
        imported_records: checked.len(),
        leg_records,
        dated_legs: checked.iter().map(|c| c.dated.len()).sum(),
        ..Import::default()
    };
    out.warnings = warnings(files, tables, &checked, &mut out.onward);
    out.patterns = merge(tables, &checked);
    Ok(out)
}

/// The warnings of the imported records: their own, status mismatches and onward flights.
fn warnings(
    files: &[SsimFile<'_>],
    t: &Tables<'_>,
    checked: &[Checked],
    onward: &mut Vec<OnwardLink>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Departures by (airline, flight, origin), in UTC order, for the onward check.
    let mut departures: BTreeMap<(AirlineId, u16, AirportId), Vec<UtcMinute>> = BTreeMap::new();
    for c in checked {
        departures
            .entry((c.airline, c.rec.flight, c.origin))
            .or_default()
            .extend(c.dated.iter().map(|d| d.dep_utc));
    }
    departures.values_mut().for_each(|v| v.sort());
    let airline_ids: BTreeMap<&str, AirlineId> = t
        .airlines
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), AirlineId(i as u16)))
        .collect();
    for c in checked {
        let path = &files[c.file].path;
        out.extend(c.warnings.iter().cloned());
        let (o, d) = (
            &t.airports[c.origin.index()],
            &t.airports[c.destination.index()],
        );
        let implied = if o.country == d.country { b'D' } else { b'I' };
        if c.rec.status.iter().any(|s| s.is_some_and(|s| s != implied)) {
            out.push(at(
                path,
                c.line,
                &c.raw,
                leg::MCT_STATUS,
                format!(
                    "{0}{0}, the status the airports' countries give ({1} to {2}); flightnet uses the countries for MCTs",
                    implied as char, o.country, d.country
                ),
            ));
        }
        let Some(next) = &c.rec.onward else {
            continue;
        };
        let candidates = airline_ids
            .get(next.airline.as_str())
            .and_then(|a| departures.get(&(*a, next.flight, c.destination)))
            .map_or(&[][..], Vec::as_slice);
        let mut missing = 0;
        let mut first_missing = None;
        for dl in &c.dated {
            let want = dl.arr_mode_day.plus_days(next.layover as i32);
            let start = candidates.partition_point(|&x| x < dl.arr_utc);
            let found = candidates[start..]
                .iter()
                .take_while(|x| x.0 < dl.arr_utc.0 + (next.layover as i64 + 2) * 1440)
                .any(|&x| {
                    let day = match c.time_mode {
                        TimeMode::Local => d.zone.to_local(x).0,
                        TimeMode::Utc => x.day(),
                    };
                    day == want
                });
            if !found {
                missing += 1;
                first_missing.get_or_insert(dl.day);
            }
        }
        if let Some(day) = first_missing {
            out.push(at(
                path,
                c.line,
                &c.raw,
                leg::ONWARD_FLIGHT,
                format!(
                    "an onward flight {}{} leaving {} {} day(s) after each arrival, at or after it: none for the leg of {day} ({missing} of {} dates)",
                    next.airline,
                    next.flight,
                    d.iata,
                    next.layover,
                    c.dated.len()
                ),
            ));
        }
        onward.push(OnwardLink {
            record: format!("{}:{}", file_name(path), c.line),
            airline: t.airlines[c.airline.index()].code.clone(),
            flight: c.rec.flight,
            origin: o.iata.clone(),
            destination: d.iata.clone(),
            first: c.dated.iter().map(|x| x.day).min().unwrap_or(Day(0)),
            last: c.dated.iter().map(|x| x.day).max().unwrap_or(Day(0)),
            onward_airline: next.airline.clone(),
            onward_flight: next.flight,
            layover: next.layover,
            dates: c.dated.len(),
            missing,
        });
    }
    let mut d = Diagnostics(out);
    d.sort();
    d.0
}

/// Joins the records' patterns that share a flight, route, aircraft and local times (within a
/// file) where one exactly continues the other ([`join`]), and sorts them.
///
/// Rows so keep the boundaries the records had, except where records were split only because
/// a UTC variation changed while the local times did not.
fn merge(t: &Tables<'_>, checked: &[Checked]) -> Vec<FlightPattern> {
    type Key = (
        usize,
        AirlineId,
        u16,
        AirportId,
        AirportId,
        FleetId,
        LocalTime,
        LocalTime,
        i8,
    );
    // Per key: the patterns with their leg sequence numbers.
    let mut groups: BTreeMap<Key, Vec<(u8, FlightPattern)>> = BTreeMap::new();
    for c in checked {
        for p in &c.patterns {
            let key = (
                c.file,
                p.airline,
                p.flight,
                p.origin,
                p.destination,
                p.aircraft,
                p.dep,
                p.arr,
                p.arr_day,
            );
            groups
                .entry(key)
                .or_default()
                .push((c.rec.leg_seq, p.clone()));
        }
    }
    let mut out: Vec<(u8, FlightPattern)> = Vec::new();
    for (_, mut ps) in groups {
        ps.sort_by_key(|(_, p)| p.period.first);
        let mut merged: Vec<(u8, FlightPattern)> = Vec::new();
        for (seq, p) in ps {
            if let Some((s, prev)) = merged.last_mut()
                && let Some(days) = join((prev.period, prev.days), (p.period, p.days))
            {
                prev.period.last = p.period.last;
                prev.days = days;
                *s = (*s).min(seq);
                continue;
            }
            merged.push((seq, p));
        }
        out.extend(merged);
    }
    out.sort_by(|(sa, a), (sb, b)| {
        let key = |s: &u8, p: &FlightPattern| {
            (
                t.airlines[p.airline.index()].code.clone(),
                p.flight,
                *s,
                p.period.first,
                t.airports[p.origin.index()].iata.clone(),
            )
        };
        key(sa, a).cmp(&key(sb, b))
    });
    out.into_iter().map(|(_, p)| p).collect()
}
