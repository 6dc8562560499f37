//! Filling in what a network's own tables do not define: airports from the world table
//! ([`crate::world`]) and placeholder airlines, for every code the schedule (CSV or SSIM), the
//! demand and the fares refer to. Each row filled in is a warning naming the code, where it was first
//! met and what was filled in; `airports.csv` and `airlines.csv` always take precedence.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Source;
use super::airlines::is_airline_code;
use super::airports::is_iata_airport;
use super::table::{ColumnSpec, Table};
use crate::error::Diagnostic;
use crate::network::{Airline, Airport};
use crate::ssim::SsimFile;
use crate::world;

/// Where a code is first met: file, line, and the column (1-based position and name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: u64,
    /// 1-based column (or first byte in SSIM).
    pub index: usize,
    /// The column's name.
    pub column: String,
}

/// The airport and airline codes some network files refer to, each with where it is first
/// met (in file order).
#[derive(Clone, Debug, Default)]
pub struct References {
    /// Airport codes.
    pub airports: BTreeMap<String, Place>,
    /// Airline designators.
    pub airlines: BTreeMap<String, Place>,
}

impl References {
    fn add(map: &mut BTreeMap<String, Place>, code: &str, place: impl FnOnce() -> Place) {
        if !map.contains_key(code) {
            map.insert(code.to_string(), place());
        }
    }

    /// Adds the codes of a CSV table's columns (`airline` columns to airlines, the others to
    /// airports). Problems in the file are left for its own loader to report.
    pub(crate) fn csv(
        &mut self,
        source: &Source,
        specs: &'static [ColumnSpec],
        airline_cols: &[&str],
        airport_cols: &[&str],
    ) {
        let Ok(bytes) = source.read() else {
            return;
        };
        let mut scratch = Vec::new();
        let table = Table::from_bytes(&source.path(), &bytes, specs, &mut scratch);
        for row in table.rows() {
            for (cols, map) in [
                (airline_cols, &mut self.airlines),
                (airport_cols, &mut self.airports),
            ] {
                for &c in cols {
                    let code = row.text(c);
                    let e = row.error(c, "");
                    Self::add(map, code, || Place {
                        file: e.file.clone(),
                        line: e.line,
                        index: e.column.as_ref().map_or(0, |c| c.index),
                        column: c.to_string(),
                    });
                }
            }
        }
    }

    /// Adds the codes of SSIM files: carrier and leg airlines, leg stations.
    pub fn ssim(&mut self, files: &[SsimFile<'_>]) {
        for f in files {
            for (kind, code, line, field) in crate::ssim::codes(f) {
                let map = if kind == crate::ssim::CodeKind::Airline {
                    &mut self.airlines
                } else {
                    &mut self.airports
                };
                Self::add(map, &code, || Place {
                    file: f.path.clone(),
                    line,
                    index: field.first,
                    column: field.label(),
                });
            }
        }
    }
}

/// Adds to `airports` every referenced airport code that they do not define, from the world
/// table, and to `airlines` a placeholder for every referenced designator they do not define.
/// Codes that are malformed, defined by a row with problems (`known`) or not in the world
/// table are left alone for the loaders to report.
///
/// # Returns
/// One warning per row filled in, at the place the code is first met.
pub fn fill_in(
    refs: &References,
    airports: &mut Vec<Airport>,
    airlines: &mut Vec<Airline>,
    known_airports: &std::collections::BTreeSet<String>,
    known_airlines: &std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |p: &Place, code: &str, expected: String| {
        Diagnostic::field(&p.file, p.line, p.index, &p.column, code, expected)
    };
    for (code, place) in &refs.airports {
        if !is_iata_airport(code)
            || known_airports.contains(code)
            || airports.iter().any(|a| &a.iata == code)
        {
            continue;
        }
        if let Some(a) = world::airport(code) {
            out.push(warn(
                place,
                code,
                format!(
                    "an airport defined in airports.csv; filled in from the world airport table (basis E, source {}): {}, {}, {}, {}, MCTs DD/DI/ID/II {}/{}/{}/{} minutes (the IATA global defaults)",
                    world::SOURCE,
                    a.name,
                    if a.city.is_empty() { "-" } else { &a.city },
                    a.country,
                    a.zone.name(),
                    a.mct.dd,
                    a.mct.di,
                    a.mct.id,
                    a.mct.ii
                ),
            ));
            airports.push(a);
        }
    }
    for (code, place) in &refs.airlines {
        if !is_airline_code(code)
            || known_airlines.contains(code)
            || airlines.iter().any(|a| &a.code == code)
        {
            continue;
        }
        out.push(warn(
            place,
            code,
            format!(
                "an airline defined in airlines.csv; a placeholder row is used (name \"{code} (not in airlines.csv)\", country {}, basis E, source {})",
                world::UNKNOWN_COUNTRY,
                world::PLACEHOLDER_SOURCE
            ),
        ));
        airlines.push(world::placeholder_airline(code));
    }
    out
}

/// The airport and airline codes of a network's schedule, demand and fares files.
pub(crate) fn references(src: &super::NetworkSources, ssim: &[SsimFile<'_>]) -> References {
    let mut refs = References::default();
    match &src.schedule {
        super::ScheduleSource::Csv(s) => refs.csv(
            s,
            super::schedule::COLUMNS,
            &["airline"],
            &["origin", "destination"],
        ),
        super::ScheduleSource::Ssim(_) => refs.ssim(ssim),
    }
    refs.csv(
        &src.demand,
        super::demand::COLUMNS,
        &[],
        &["origin", "destination"],
    );
    if let Some(fares) = &src.fares {
        refs.csv(
            fares,
            super::fares::COLUMNS,
            &["airline"],
            &["origin", "destination"],
        );
    }
    refs
}
