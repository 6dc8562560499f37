//! Loading and validation: the `routes/` CSV files into a checked [`NetworkData`].
//!
//! Every row of every file is checked; problems are collected as
//! [`Diagnostic`]s (file, line, column, value, what was expected) and
//! returned together as [`Error::Invalid`]. A row whose key is valid but whose other fields are
//! not still counts as "defined", so one bad airport row does not cascade into an error on every
//! schedule row that uses it.

use crate::id::Idx;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::network::{Basis, NetworkData, Provenance};

mod airlines;
pub(crate) use airlines::is_airline_code;
mod airports;
mod costs;
mod demand;
mod fares;
pub mod fill;
mod fleet;
mod observed;
mod plausible;
mod schedule;
pub(crate) mod table;

pub use fares::MAX_CLASSES;
pub use observed::{FlightSelector, Metric, Observation, load_observed};
pub use plausible::{
    BLOCK_FIXED_MINUTES, BLOCK_MAX_FACTOR, BLOCK_MINUTES_PER_KM, BLOCK_WARN_SHARE,
    MAX_BLOCK_SPEED_KMH, MIN_DISTANCE_KM, SEATS_WARN_SHARE, ZONE_SOLAR_HOURS, block_estimate,
};

/// One input file: on disk, or text built into the binary.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Text compiled into the binary, with the name used in messages.
    Builtin {
        /// Name shown in diagnostics.
        name: &'static str,
        /// The file's contents.
        text: &'static str,
    },
}

impl Source {
    /// The name used in diagnostics.
    pub fn path(&self) -> PathBuf {
        match self {
            Source::File(p) => p.clone(),
            Source::Builtin { name, .. } => PathBuf::from(name),
        }
    }

    /// The bytes of the file.
    pub fn read(&self) -> Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Source::File(p) => std::fs::read(p)
                .map(std::borrow::Cow::Owned)
                .map_err(|e| Error::io(p, e)),
            Source::Builtin { text, .. } => Ok(std::borrow::Cow::Borrowed(text.as_bytes())),
        }
    }
}

/// Where the schedule comes from.
#[derive(Clone, Debug)]
pub enum ScheduleSource {
    /// A `schedule.csv` table.
    Csv(Source),
    /// IATA SSIM Chapter 7 files (read with [`crate::ssim`]).
    Ssim(Vec<PathBuf>),
}

/// Where each table of a network comes from.
#[derive(Clone, Debug)]
pub struct NetworkSources {
    /// `airports.csv`.
    pub airports: Source,
    /// `airlines.csv`.
    pub airlines: Source,
    /// `fleet.csv`.
    pub fleet: Source,
    /// The schedule: `schedule.csv`, or SSIM Chapter 7 files.
    pub schedule: ScheduleSource,
    /// `demand.csv`.
    pub demand: Source,
    /// `fares.csv`, when the network has fares.
    pub fares: Option<Source>,
    /// `costs.csv`, when the network has costs.
    pub costs: Option<Source>,
    /// `mct.csv` (optional): MCT station standards, exceptions and suppressions.
    pub mct: Option<Source>,
    /// SSIM Chapter 8 MCT files, applied after `mct.csv` in order.
    pub mct_files: Vec<PathBuf>,
}

impl NetworkSources {
    /// The standard file names inside a network folder.
    pub fn in_dir(dir: &Path) -> NetworkSources {
        NetworkSources {
            airports: Source::File(dir.join("airports.csv")),
            airlines: Source::File(dir.join("airlines.csv")),
            fleet: Source::File(dir.join("fleet.csv")),
            schedule: ScheduleSource::Csv(Source::File(dir.join("schedule.csv"))),
            demand: Source::File(dir.join("demand.csv")),
            fares: Some(dir.join("fares.csv"))
                .filter(|p| p.exists())
                .map(Source::File),
            costs: Some(dir.join("costs.csv"))
                .filter(|p| p.exists())
                .map(Source::File),
            mct: dir
                .join("mct.csv")
                .is_file()
                .then(|| Source::File(dir.join("mct.csv"))),
            mct_files: Vec::new(),
        }
    }

    /// The KC and CZ network shipped in `routes/`, compiled into the binary.
    pub fn builtin() -> NetworkSources {
        NetworkSources {
            airports: Source::Builtin {
                name: "routes/airports.csv (built-in)",
                text: include_str!("../../../../routes/airports.csv"),
            },
            airlines: Source::Builtin {
                name: "routes/airlines.csv (built-in)",
                text: include_str!("../../../../routes/airlines.csv"),
            },
            fleet: Source::Builtin {
                name: "routes/fleet.csv (built-in)",
                text: include_str!("../../../../routes/fleet.csv"),
            },
            schedule: ScheduleSource::Csv(Source::Builtin {
                name: "routes/schedule.csv (built-in)",
                text: include_str!("../../../../routes/schedule.csv"),
            }),
            demand: Source::Builtin {
                name: "routes/demand.csv (built-in)",
                text: include_str!("../../../../routes/demand.csv"),
            },
            fares: Some(Source::Builtin {
                name: "routes/fares.csv (built-in)",
                text: include_str!("../../../../routes/fares.csv"),
            }),
            costs: Some(Source::Builtin {
                name: "routes/costs.csv (built-in)",
                text: include_str!("../../../../routes/costs.csv"),
            }),
            mct: None,
            mct_files: Vec::new(),
        }
    }
}

/// Keys defined by rows that failed validation (to avoid cascading errors).
#[derive(Default)]
pub(crate) struct Known {
    pub airports: BTreeSet<String>,
    pub airlines: BTreeSet<String>,
    pub fleet: BTreeSet<(String, String)>,
    /// Tables whose header was unusable: references to them are not checked.
    pub airports_unusable: bool,
    pub airlines_unusable: bool,
    pub fleet_unusable: bool,
}

impl Known {
    /// Whether an unknown airport code should not be reported (already reported, or the
    /// airports table could not be read).
    pub(crate) fn airport(&self, code: &str) -> bool {
        self.airports_unusable || self.airports.contains(code)
    }

    /// The same for airline codes.
    pub(crate) fn airline(&self, code: &str) -> bool {
        self.airlines_unusable || self.airlines.contains(code)
    }

    /// The same for an airline's aircraft names.
    pub(crate) fn aircraft(&self, airline: &str, name: &str) -> bool {
        self.airlines_unusable
            || self.fleet_unusable
            || self
                .fleet
                .contains(&(airline.to_string(), name.to_string()))
    }
}

/// Reads the optional `basis` and `source` columns.
pub(crate) fn provenance(row: &table::Row<'_>, diags: &mut Vec<Diagnostic>) -> Option<Provenance> {
    let basis = if row.has("basis") {
        Some(row.parse("basis", "one of S, S-plan, S-inf, E", diags, Basis::parse)?)
    } else {
        None
    };
    Some(Provenance {
        basis,
        source: row.text("source").to_string(),
    })
}

/// Loads and validates the network in a folder (`airports.csv`, `airlines.csv`, `fleet.csv`,
/// `schedule.csv`, `demand.csv`).
///
/// # Returns
/// The validated data, or [`Error::Invalid`] listing every problem in every file, or
/// [`Error::Io`] when a file cannot be read.
///
/// # Example
/// ```
/// let data = flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin()).unwrap();
/// assert!(data.airports.len() >= 30);
/// ```
pub fn load_dir(dir: &Path) -> Result<NetworkData> {
    load(&NetworkSources::in_dir(dir))
}

/// Loads and validates a network from explicit file paths.
///
/// Airport codes that the schedule or the demand use but `airports.csv` does not define are
/// filled in from the world airport table, and unknown airline designators get a placeholder
/// row ([`fill`]); an SSIM schedule adds the aircraft types it needs from its configurations.
/// Each is a warning in [`NetworkData::warnings`], as are the repairs the SSIM reader makes.
pub fn load(src: &NetworkSources) -> Result<NetworkData> {
    let mut diags = Vec::new();
    let mut warnings = Vec::new();
    let mut known = Known::default();
    let mut airports = airports::load(&src.airports, &mut diags, &mut warnings, &mut known)?;
    let mut airlines = airlines::load(&src.airlines, &mut diags, &mut known)?;
    let ssim_files = match &src.schedule {
        ScheduleSource::Ssim(paths) => paths
            .iter()
            .map(|p| crate::ssim::SsimFile::read(p))
            .collect::<Result<Vec<_>>>()?,
        ScheduleSource::Csv(_) => Vec::new(),
    };
    let refs = fill::references(src, &ssim_files);
    warnings.extend(fill::fill_in(
        &refs,
        &mut airports,
        &mut airlines,
        &known.airports,
        &known.airlines,
    ));
    let airline_ids = airlines
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), crate::network::AirlineId(i as u16)))
        .collect();
    let mut fleet = fleet::load(
        &src.fleet,
        &airline_ids,
        &mut diags,
        &mut warnings,
        &mut known,
    )?;
    let airport_ids = airports
        .iter()
        .enumerate()
        .map(|(i, a)| (a.iata.clone(), crate::network::AirportId(i as u16)))
        .collect();
    let fleet_ids = fleet
        .iter()
        .enumerate()
        .map(|(i, t)| {
            (
                (airlines[t.airline.index()].code.clone(), t.name.clone()),
                crate::network::FleetId(i as u16),
            )
        })
        .collect();
    let refs = schedule::Refs {
        airports: &airports,
        airport_ids: &airport_ids,
        airlines: &airlines,
        fleet: &fleet,
        fleet_ids: &fleet_ids,
    };
    let patterns = match &src.schedule {
        ScheduleSource::Csv(file) => {
            schedule::load(file, &refs, &mut diags, &mut warnings, &known)?
        }
        ScheduleSource::Ssim(_) => {
            let tables = crate::ssim::Tables {
                airports: &airports,
                airlines: &airlines,
                fleet: &fleet,
            };
            match crate::ssim::import(&ssim_files, &tables, Default::default()) {
                Ok(i) => {
                    warnings.extend(i.warnings);
                    fleet.extend(i.added_fleet);
                    i.patterns
                }
                Err(Error::Invalid(d)) => {
                    diags.extend(d.0);
                    Vec::new()
                }
                Err(e) => return Err(e),
            }
        }
    };
    match &src.schedule {
        ScheduleSource::Csv(file) => {
            let path = file.path();
            // Only when nothing else is wrong: rows dropped for other problems are no news.
            if patterns.is_empty() && diags.is_empty() {
                diags.push(Diagnostic::line(
                    &path,
                    0,
                    "",
                    "at least one flight row (the schedule has no flights)",
                ));
            }
        }
        ScheduleSource::Ssim(paths) => {
            if patterns.is_empty()
                && let Some(first) = paths.first()
                && diags.is_empty()
            {
                diags.push(Diagnostic::line(
                    first,
                    0,
                    "",
                    "at least one flight leg record (the schedule has no flights)",
                ));
            }
            ssim_plausibility(&patterns, &airports, paths, &mut diags, &mut warnings);
        }
    }
    let demand = demand::load(&src.demand, &airport_ids, &mut diags, &known)?;
    let mut economics = crate::network::Economics::default();
    let mut currency = None;
    if let Some(file) = &src.fares {
        let loaded = fares::load(file, &airport_ids, &airline_ids, &mut diags, &known)?;
        economics.fares = loaded.fares;
        economics.classes = loaded.classes;
        currency = loaded.currency;
    }
    if let Some(file) = &src.costs {
        economics.costs = costs::load(
            file,
            &airline_ids,
            &fleet_ids,
            &mut currency,
            &mut diags,
            &known,
        )?;
    }
    economics.currency = currency.map(|(c, _)| c);
    let mct = load_mct(src, &mut diags, &mut warnings)?;
    if !diags.is_empty() {
        let mut d = Diagnostics(diags);
        d.sort();
        return Err(Error::Invalid(d));
    }
    let mut data = NetworkData::new(airports, airlines, fleet, patterns, demand);
    data.mct = mct;
    let mut w = Diagnostics(warnings);
    w.sort();
    data.warnings = w.0;
    data.economics = economics;
    Ok(data)
}

/// The MCT records of `mct.csv` and the Chapter 8 files, in that order, as a table; problems go
/// to `diags`, repairs and records flightnet cannot match to `warnings`.
fn load_mct(
    src: &NetworkSources,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<crate::mct::MctTable> {
    let mut records = match &src.mct {
        Some(s) => crate::mct::csv::read(s, diags)?,
        None => Vec::new(),
    };
    for p in &src.mct_files {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        let file = crate::mct::chapter8::read(p, &bytes);
        diags.extend(file.errors.iter().cloned());
        warnings.extend(file.warnings.iter().cloned());
        warnings.extend(crate::mct::chapter8::apply(&mut records, file, p));
    }
    let table = crate::mct::MctTable::new(records);
    warnings.extend(table.warnings());
    Ok(table)
}

/// The plausibility checks of `schedule.csv` rows for patterns read from SSIM files, located by
/// the record each came from.
fn ssim_plausibility(
    patterns: &[crate::network::FlightPattern],
    airports: &[crate::network::Airport],
    paths: &[PathBuf],
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) {
    for p in patterns {
        let (name, line) = p
            .origin_ref
            .rsplit_once(':')
            .map_or((p.origin_ref.as_str(), 0), |(n, l)| {
                (n, l.parse().unwrap_or(0))
            });
        let file = paths
            .iter()
            .find(|q| q.file_name().is_some_and(|f| f.to_string_lossy() == name))
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name));
        let (_, blocks) = crate::network::checks::utc_scan(p, airports);
        for f in plausible::pattern(p, airports, blocks) {
            let d = Diagnostic::line(&file, line, &f.value, f.expected);
            match f.level {
                plausible::Level::Error => diags.push(d),
                plausible::Level::Warning => warnings.push(d),
            }
        }
    }
}
