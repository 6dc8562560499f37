//! IATA SSIM Chapter 7 schedules: import into flight patterns, export from them.

use std::path::PathBuf;

use crate::error::{Diagnostic, Result};
use crate::network::{AircraftType, Airline, Airport, FlightPattern};

/// Reads SSIM Chapter 7 files into flight patterns, checked against the loaded tables.
///
/// Problems are pushed to `diags` (file, line, byte columns).
pub fn read_patterns(
    paths: &[PathBuf],
    _airports: &[Airport],
    _airlines: &[Airline],
    _fleet: &[AircraftType],
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<FlightPattern>> {
    for p in paths {
        diags.push(Diagnostic::line(
            p,
            0,
            "",
            "a schedule.csv file (SSIM import is not built yet)",
        ));
    }
    Ok(Vec::new())
}
