//! Loading and validation: the `routes/` CSV files into a checked [`NetworkData`].
//!
//! Every row of every file is checked; problems are collected as
//! [`Diagnostic`](crate::error::Diagnostic)s (file, line, column, value, what was expected) and
//! returned together as [`Error::Invalid`]. A row whose key is valid but whose other fields are
//! not still counts as "defined", so one bad airport row does not cascade into an error on every
//! schedule row that uses it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::network::{Basis, NetworkData, Provenance};

mod airlines;
mod airports;
mod demand;
mod fleet;
mod schedule;
pub(crate) mod table;

/// Where each table of a network comes from.
#[derive(Clone, Debug)]
pub struct NetworkSources {
    /// `airports.csv`.
    pub airports: PathBuf,
    /// `airlines.csv`.
    pub airlines: PathBuf,
    /// `fleet.csv`.
    pub fleet: PathBuf,
    /// `schedule.csv`.
    pub schedule: PathBuf,
    /// `demand.csv`.
    pub demand: PathBuf,
}

impl NetworkSources {
    /// The standard file names inside a network folder.
    pub fn in_dir(dir: &Path) -> NetworkSources {
        NetworkSources {
            airports: dir.join("airports.csv"),
            airlines: dir.join("airlines.csv"),
            fleet: dir.join("fleet.csv"),
            schedule: dir.join("schedule.csv"),
            demand: dir.join("demand.csv"),
        }
    }
}

/// Keys defined by rows that failed validation (to avoid cascading errors).
#[derive(Default)]
pub(crate) struct Known {
    pub airports: HashSet<String>,
    pub airlines: HashSet<String>,
    pub fleet: HashSet<(String, String)>,
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
/// let data = flightnet::input::load_dir(std::path::Path::new("routes")).unwrap();
/// assert!(data.airports.len() >= 30);
/// ```
pub fn load_dir(dir: &Path) -> Result<NetworkData> {
    load(&NetworkSources::in_dir(dir))
}

/// Loads and validates a network from explicit file paths.
pub fn load(src: &NetworkSources) -> Result<NetworkData> {
    let mut diags = Vec::new();
    let mut known = Known::default();
    let airports = airports::load(&src.airports, &mut diags, &mut known)?;
    let airlines = airlines::load(&src.airlines, &mut diags, &mut known)?;
    let airline_ids = airlines
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.clone(), crate::network::AirlineId(i as u16)))
        .collect();
    let fleet = fleet::load(&src.fleet, &airline_ids, &mut diags, &mut known)?;
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
                (airlines[t.airline.0 as usize].code.clone(), t.name.clone()),
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
    let patterns = schedule::load(&src.schedule, &refs, &mut diags, &known)?;
    let demand = demand::load(&src.demand, &airport_ids, &mut diags, &known)?;
    if !diags.is_empty() {
        let mut d = Diagnostics(diags);
        d.sort();
        return Err(Error::Invalid(d));
    }
    Ok(NetworkData::new(airports, airlines, fleet, patterns, demand))
}
