//! IATA SSIM Chapter 7 schedules: import into flight patterns, export from them.
//!
//! * [`record`]: the 200-byte record layout, field by field, with parsers and formatters.
//! * [`import()`]: SSIM files into [`FlightPattern`]s, checked against the network tables and
//!   with the same semantic checks as `schedule.csv`; see [`import`](mod@import) for the rule
//!   that turns record times into UTC and local clock times.
//! * [`export`](mod@export): a network's schedule as an SSIM file in local time mode.
//! * [`output`]: imported patterns as a `routes/` `schedule.csv`, onward flights as CSV.
//! * [`runs`]: compressing dates into periods and days of operation (used both ways).

use std::path::PathBuf;

use crate::error::{Diagnostic, Error, Result};
use crate::network::{AircraftType, Airline, Airport, FlightPattern, NetworkData};

pub mod export;
pub mod import;
pub mod output;
mod reader;
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

/// Reads SSIM Chapter 7 files into flight patterns, checked against the loaded tables.
///
/// This is the strict import behind `--schedule FILE.ssim`: every problem is pushed to `diags`
/// (file, line, byte columns) and no pattern is returned when there is one. Warnings are not
/// reported here; `flightnet import-ssim` shows them.
///
/// # Errors
/// [`Error::Io`] when a file cannot be read.
pub fn read_patterns(
    paths: &[PathBuf],
    airports: &[Airport],
    airlines: &[Airline],
    fleet: &[AircraftType],
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<FlightPattern>> {
    let files = paths
        .iter()
        .map(|p| SsimFile::read(p))
        .collect::<Result<Vec<_>>>()?;
    let tables = Tables {
        airports,
        airlines,
        fleet,
    };
    match import(&files, &tables, ImportOptions::default()) {
        Ok(i) => Ok(i.patterns),
        Err(Error::Invalid(d)) => {
            diags.extend(d.0);
            Ok(Vec::new())
        }
        Err(e) => Err(e),
    }
}
