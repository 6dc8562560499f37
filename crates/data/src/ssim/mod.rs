//! IATA SSIM Chapter 7 schedules: import into flight patterns, export from them.
//!
//! * [`record`]: the 200-byte record layout, field by field, with parsers and formatters.
//! * [`import()`]: SSIM files into [`FlightPattern`](crate::network::FlightPattern)s, checked against the network tables and
//!   with the same semantic checks as `schedule.csv`; see [`import`](mod@import) for the rule
//!   that turns record times into UTC and local clock times.
//! * [`export`](mod@export): a network's schedule as an SSIM file in local time mode.
//! * [`output`]: imported patterns as a `routes/` `schedule.csv`, onward flights as CSV.
//! * [`runs`]: compressing dates into periods and days of operation (used both ways).

use crate::network::{AircraftType, Airline, Airport, NetworkData};

pub mod export;
pub mod import;
pub mod output;
mod reader;
pub(crate) use reader::lines_note;
pub mod record;
pub mod runs;

pub use import::{Import, ImportOptions, OnwardLink, SsimFile, import};

/// The network tables SSIM records refer to.
#[derive(Clone, Copy, Debug)]
pub struct Tables<'a> {
    /// Airports (stations, time zones, countries).
    pub airports: &'a [Airport],
    /// Airlines (designators).
    pub airlines: &'a [Airline],
    /// Aircraft types with IATA codes and seats.
    pub fleet: &'a [AircraftType],
}

impl<'a> Tables<'a> {
    /// The tables of a loaded network.
    pub fn of(data: &'a NetworkData) -> Tables<'a> {
        Tables {
            airports: &data.airports,
            airlines: &data.airlines,
            fleet: &data.fleet,
        }
    }
}

/// What a code in an SSIM file names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// An airline designator (carrier or leg record).
    Airline,
    /// A station (leg record).
    Airport,
}

/// The airline and airport codes of a file's carrier records and passenger leg records (also
/// of records that fail to parse, when the code itself parses), in file order, with their line
/// and field: what the network tables must define (or the world table fill in).
pub fn codes(file: &SsimFile<'_>) -> Vec<(CodeKind, String, u64, record::Field)> {
    use record::{carrier, leg};
    let parsed = reader::read(&file.path, &file.bytes);
    let mut out = Vec::new();
    for c in &parsed.carriers {
        out.push((
            CodeKind::Airline,
            c.rec.airline.clone(),
            c.line,
            carrier::AIRLINE,
        ));
    }
    let passenger = |service: u8| {
        !import::NON_PASSENGER_SERVICES
            .iter()
            .any(|(c, _)| *c == service)
    };
    for l in &parsed.legs {
        let r = &l.rec;
        if !passenger(r.service) || r.config.as_ref().is_some_and(|c| c.cargo_only()) {
            continue;
        }
        out.push((CodeKind::Airline, r.airline.clone(), l.line, leg::AIRLINE));
        out.push((
            CodeKind::Airport,
            r.dep_station.clone(),
            l.line,
            leg::DEP_STATION,
        ));
        out.push((
            CodeKind::Airport,
            r.arr_station.clone(),
            l.line,
            leg::ARR_STATION,
        ));
    }
    for r in &parsed.rejected {
        for (code, f) in [
            (&r.codes.dep_station, leg::DEP_STATION),
            (&r.codes.arr_station, leg::ARR_STATION),
        ] {
            if let Some(c) = code {
                out.push((CodeKind::Airport, c.clone(), r.line, f));
            }
        }
    }
    out.sort_by_key(|x| x.2);
    out
}
