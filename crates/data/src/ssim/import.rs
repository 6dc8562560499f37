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
    CONFIG_EXPECTED, CarrierRecord, Config, Field, FieldError, LegRecord, TimeMode, carrier,
    format_date_variation, format_variation, leg, parse_config,
};
use super::runs::{join, runs};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::network::checks::{MAX_BLOCK_MINUTES, duplicate_dates, utc_problem};
use crate::network::{
    AircraftType, AirlineId, AirportId, Basis, FleetId, FlightPattern, Provenance, Terminal,
};
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
    /// How many records were rejected (dropped by [`ImportOptions::skip_bad`]).
    pub skipped_records: usize,
    /// Leg records imported.
    pub imported_records: usize,
    /// Of those, records whose blank arrival date variation was inferred from the UTC times.
    pub inferred_date_variations: usize,
    /// Leg records of services that carry no passengers (cargo, positioning, …), not imported.
    pub not_passenger_records: usize,
    /// Aircraft types with no `fleet.csv` row, added from the records' configurations (their
    /// ids follow the table's: `FleetId(fleet.len() + k)`).
    pub added_fleet: Vec<AircraftType>,
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
    /// Whether its arrival date variation was inferred.
    inferred: bool,
}

/// Lookups over the tables, and the aircraft types added from records' configurations.
struct Ctx<'a> {
    t: &'a Tables<'a>,
    airports: BTreeMap<&'a str, AirportId>,
    airlines: BTreeMap<&'a str, AirlineId>,
    /// Aircraft types with no `fleet.csv` row, one per airline, IATA type and seat total;
    /// their ids follow the table's.
    added: Vec<AircraftType>,
    /// For each added type, the warning naming the record that first needed it.
    added_notes: Vec<Diagnostic>,
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

/// Service types (type 3 byte 14) that carry no passengers: cargo and mail (`F`, `V`, `M`,
/// `A`, `H`), non-revenue positioning, ferry and delivery (`P`), technical test (`T`) and
/// training (`K`). Their legs are not imported (with a warning).
pub const NON_PASSENGER_SERVICES: &[(u8, &str)] = &[
    (b'F', "cargo"),
    (b'V', "cargo by surface vehicle"),
    (b'M', "mail"),
    (b'A', "additional cargo/mail"),
    (b'H', "cargo/mail charter"),
    (b'P', "non-revenue positioning, ferry or delivery"),
    (b'T', "technical test"),
    (b'K', "training"),
];

/// Minimum turnaround given to an aircraft type added from a record's configuration: an
/// estimate by size (as the synthetic networks use), since SSIM does not carry it.
pub fn estimated_min_turn(seats: u32) -> u32 {
    match seats {
        0..=100 => 30,
        101..=200 => 45,
        201..=300 => 60,
        _ => 75,
    }
}

/// What became of a leg record that parsed.
enum Outcome {
    /// Imported.
    Checked(Box<Checked>),
    /// Not a passenger service: not imported (counted in a warning).
    NotPassenger(String),
    /// Rejected, with its problems.
    Rejected(Vec<Diagnostic>),
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
            added: Vec::new(),
            added_notes: Vec::new(),
        }
    }

    /// An aircraft type by id, from the table or the added ones.
    fn fleet(&self, i: usize) -> &AircraftType {
        self.t
            .fleet
            .get(i)
            .unwrap_or_else(|| &self.added[i - self.t.fleet.len()])
    }

    /// The aircraft for a record's type and seats: the `fleet.csv` row of that type by (type,
    /// seats), then by type alone; with no row of that type, a type added from the record's
    /// seats (configuration or PRBD). Returns the aircraft and, when the seats differ, a
    /// warning text.
    fn aircraft(
        &mut self,
        airline: AirlineId,
        rec: &LegRecord,
        seats: Option<u32>,
        (path, line, raw): (&Path, u64, &str),
    ) -> std::result::Result<(FleetId, Option<String>), (Field, String)> {
        let code = self.t.airlines[airline.index()].code.clone();
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
            let Some(n) = seats.filter(|n| (1..=1000).contains(n)) else {
                let known = if of_airline.is_empty() {
                    "none defined".to_string()
                } else {
                    describe(&of_airline, true)
                };
                let found = seats.map_or("no seat count".to_string(), |n| format!("{n} seats"));
                return Err((
                    leg::CONFIG,
                    format!(
                        "a configuration or PRBD with seat counts from 1 to 1000 ({found} found), or an aircraft type {} of {code} in fleet.csv ({known})",
                        rec.aircraft
                    ),
                ));
            };
            let name = format!("{}-{n}", rec.aircraft);
            let k = match self
                .added
                .iter()
                .position(|t| t.airline == airline && t.name == name)
            {
                Some(k) => k,
                None => {
                    let seats_from = match &rec.config {
                        Some(c) if c.seats().is_some() => "configuration",
                        _ => "PRBD",
                    };
                    self.added_notes.push(at(
                        path,
                        line,
                        raw,
                        leg::AIRCRAFT,
                        format!(
                            "an aircraft type of {code} in fleet.csv; added as {name} with the {n} seats of the record's {seats_from}, a minimum turnaround of {} minutes (estimate by size) and no fleet count (basis E)",
                            estimated_min_turn(n)
                        ),
                    ));
                    self.added.push(AircraftType {
                        airline,
                        name,
                        iata_type: rec.aircraft.clone(),
                        seats: n,
                        count: 0,
                        min_turn: estimated_min_turn(n),
                        provenance: Provenance {
                            basis: Some(Basis::Estimated),
                            source: format!(
                                "{}{}:{line}",
                                crate::world::FLEET_SOURCE_PREFIX,
                                file_name(path)
                            ),
                        },
                    });
                    self.added.len() - 1
                }
            };
            return Ok((FleetId((self.t.fleet.len() + k) as u16), None));
        }
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
        let f = self.fleet(pick);
        let note = seats.map(|n| {
            format!(
                "{} seats, as fleet.csv gives for {code} {} ({}); found {n} in the record, and flightnet uses fleet.csv's seats",
                f.seats, f.name, f.iata_type
            )
        });
        Ok((FleetId(pick as u16), note))
    }

    /// Checks one leg record against the tables and expands it.
    fn check(&mut self, path: &Path, file: usize, car: &CarrierRecord, l: &reader::Leg) -> Outcome {
        let (rec, raw, line) = (&l.rec, l.raw.as_str(), l.line);
        let err = |f: Field, expected: String| at(path, line, raw, f, expected);
        let mut errs = Vec::new();
        if let Some((_, what)) = NON_PASSENGER_SERVICES
            .iter()
            .find(|(c, _)| *c == rec.service)
        {
            return Outcome::NotPassenger(format!("service type {} ({what})", rec.service as char));
        }
        // The configuration: bytes 173-192, or DEI 108 when they hold XX.
        let config = match (&rec.config, &l.config_overflow) {
            (Some(c), Some(text)) if c.overflow => match parse_config(text) {
                Some(c) => Some(c),
                None => {
                    errs.push(Diagnostic::line(
                        path,
                        line,
                        text,
                        format!("{CONFIG_EXPECTED} in the DEI 108 segment record after this leg"),
                    ));
                    None
                }
            },
            (c, _) => c.clone(),
        };
        if config.as_ref().is_some_and(Config::cargo_only) {
            return Outcome::NotPassenger(
                "a freighter configuration (no passenger compartment)".into(),
            );
        }
        let seats = config.as_ref().and_then(Config::seats).or(rec.prbd_seats);
        let airline = self.airlines.get(rec.airline.as_str()).copied();
        if airline.is_none() && rec.airline != car.airline {
            errs.push(err(
                leg::AIRLINE,
                "an airline code defined in airlines.csv".into(),
            ));
        }
        let station = |f: Field, code: &str, errs: &mut Vec<Diagnostic>| {
            let id = self.airports.get(code).copied();
            if id.is_none() {
                errs.push(err(
                    f,
                    "an airport code defined in airports.csv or the world airport table".into(),
                ));
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
        let aircraft = match airline.map(|a| self.aircraft(a, rec, seats, (path, line, raw))) {
            Some(Ok(a)) => Some(a),
            Some(Err((f, expected))) => {
                errs.push(err(f, expected));
                None
            }
            None => None,
        };
        let last = rec.to.or(car.valid_to);
        if last.is_none() {
            errs.push(err(
                leg::TO,
                "a last date: the carrier record's validity end is open (00XXX00) or unreadable too".into(),
            ));
        }
        let (
            Some(airline),
            Some(origin),
            Some(destination),
            Some((aircraft, seat_note)),
            Some(last),
        ) = (airline, origin, destination, aircraft, last)
        else {
            return Outcome::Rejected(errs);
        };
        if !errs.is_empty() {
            return Outcome::Rejected(errs);
        }
        if last < rec.from {
            return Outcome::Rejected(vec![err(
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
            return Outcome::Rejected(vec![err(
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
        // A blank arrival date variation reads as the departure's; when the record's UTC times
        // then put the arrival before the departure, the arrival is the next day (never more).
        let mut warnings = Vec::new();
        let mut arr_dv = rec.arr_dv;
        if rec.dv_blank[1] {
            arr_dv = rec.dep_dv;
            let block = |dv: i32| {
                (dv - rec.dep_dv) as i64 * 1440 + (rec.sta.0 as i64 - dv_arr)
                    - (rec.std.0 as i64 - dv_dep)
            };
            let b0 = block(arr_dv);
            if b0 <= 0 && (1..=MAX_BLOCK_MINUTES).contains(&block(arr_dv + 1)) {
                arr_dv += 1;
            }
            if arr_dv != 0 {
                let dep_c = format_date_variation(rec.dep_dv).unwrap_or('?');
                let arr_c = format_date_variation(arr_dv).unwrap_or('?');
                warnings.push(err(
                    leg::DATE_VAR,
                    format!(
                        "an arrival date variation; read as \"{dep_c}{arr_c}\": the UTC times show the arrival is {} (block {}; on the departure's date it would be {})",
                        if arr_dv > rec.dep_dv { "the next day" } else { "on the departure's date" },
                        format_hm(block(arr_dv)),
                        format_hm(b0)
                    ),
                ));
            }
        }
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
                .plus_days(arr_dv)
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
            return Outcome::Rejected(errs);
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
            return Outcome::Rejected(errs);
        }
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
        Outcome::Checked(Box::new(Checked {
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
            inferred: rec.dv_blank[1] && arr_dv != 0,
            warnings,
        }))
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
                    dep_terminal: Terminal::parse(&rec.dep_terminal).unwrap_or_default(),
                    arr_terminal: Terminal::parse(&rec.arr_terminal).unwrap_or_default(),
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
    let mut ctx = Ctx::new(tables);
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let mut notes: Vec<Diagnostic> = Vec::new();
    let mut checked: Vec<Checked> = Vec::new();
    // Leg records rejected (besides those named by a problem).
    let mut rejected: BTreeSet<(usize, u64)> = BTreeSet::new();
    let mut leg_records = 0;
    let mut not_passenger = 0;
    for (fi, file) in files.iter().enumerate() {
        let path = file.path.as_path();
        let parsed = reader::read(path, &file.bytes);
        leg_records += parsed.leg_records;
        notes.extend(parsed.warnings.iter().cloned());
        let mut found = parsed.problems.clone();
        // Records the reader rejected are still checked for unknown codes.
        for r in &parsed.rejected {
            rejected.insert((fi, r.line));
            for (f, code) in [
                (leg::DEP_STATION, &r.codes.dep_station),
                (leg::ARR_STATION, &r.codes.arr_station),
            ] {
                if let Some(c) = code
                    && !ctx.airports.contains_key(c.as_str())
                {
                    found.push(Problem {
                        diag: at(
                            path,
                            r.line,
                            &r.raw,
                            f,
                            "an airport code defined in airports.csv or the world airport table",
                        ),
                        skippable: true,
                    });
                }
            }
        }
        for c in &parsed.carriers {
            if !ctx.airlines.contains_key(c.rec.airline.as_str()) {
                found.push(Problem {
                    diag: Diagnostic::field(
                        path,
                        c.line,
                        carrier::AIRLINE.first,
                        &carrier::AIRLINE.label(),
                        &c.rec.airline,
                        "an airline code defined in airlines.csv; the carrier's legs are rejected",
                    ),
                    skippable: true,
                });
            }
        }
        check_itineraries(path, &parsed, &mut found);
        let mut excluded: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for l in &parsed.legs {
            match ctx.check(path, fi, &parsed.carriers[l.carrier].rec, l) {
                Outcome::Checked(c) => checked.push(*c),
                Outcome::NotPassenger(what) => excluded.entry(what).or_default().push(l.line),
                Outcome::Rejected(ds) => {
                    rejected.insert((fi, l.line));
                    found.extend(ds.into_iter().map(|diag| Problem {
                        diag,
                        skippable: true,
                    }));
                }
            }
        }
        for (what, lines) in excluded {
            not_passenger += lines.len();
            notes.push(Diagnostic::line(
                path,
                lines[0],
                &what,
                format!(
                    "passenger services; legs of {what} are not imported: {}",
                    reader::lines_note(&lines)
                ),
            ));
        }
        problems.extend(found.into_iter().map(|p| (fi, p)));
    }
    // Legs already in trouble take no part in the duplicate check.
    let mut bad: BTreeSet<(usize, u64)> = problems
        .iter()
        .filter(|(_, p)| p.skippable)
        .map(|(f, p)| (*f, p.diag.line))
        .collect();
    bad.extend(rejected.iter().copied());
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
    let mut skip: BTreeSet<(usize, u64)> =
        problems.iter().map(|(f, p)| (*f, p.diag.line)).collect();
    skip.extend(rejected.iter().copied());
    checked.retain(|c| !skip.contains(&(c.file, c.line)));
    let mut skipped = Diagnostics(problems.into_iter().map(|(_, p)| p.diag).collect());
    skipped.sort();
    // The aircraft types added for the legs kept, numbered in order of first use.
    let base = tables.fleet.len();
    let mut renumber: BTreeMap<usize, usize> = BTreeMap::new();
    let mut added_fleet = Vec::new();
    let mut added_notes = Vec::new();
    for c in &mut checked {
        for p in &mut c.patterns {
            let k = p.aircraft.index();
            if k >= base {
                let n = *renumber.entry(k).or_insert_with(|| {
                    added_fleet.push(ctx.added[k - base].clone());
                    added_notes.push(ctx.added_notes[k - base].clone());
                    base + added_fleet.len() - 1
                });
                p.aircraft = FleetId(n as u16);
            }
        }
    }
    let mut out = Import {
        skipped_records: skip.len(),
        skipped: skipped.0,
        imported_records: checked.len(),
        inferred_date_variations: checked.iter().filter(|c| c.inferred).count(),
        not_passenger_records: not_passenger,
        leg_records,
        dated_legs: checked.iter().map(|c| c.dated.len()).sum(),
        added_fleet,
        ..Import::default()
    };
    let mut warnings = warnings(files, tables, &checked, &mut out.onward);
    warnings.extend(notes);
    warnings.extend(added_notes);
    let mut d = Diagnostics(warnings);
    d.sort();
    out.warnings = d.0;
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
