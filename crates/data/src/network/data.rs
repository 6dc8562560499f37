//! The validated tables of a network, with lookups by code.

use crate::id::Idx;
use std::collections::BTreeMap;

use super::airline::{AircraftType, Airline, AirlineId, FleetId};
use super::airport::{Airport, AirportId, Status};
use super::pattern::FlightPattern;
use crate::network::BaseDemand;
use crate::time::DateRange;

/// Everything loaded from a network folder, validated and cross-referenced.
///
/// Ids are indices: `AirportId(i)` is `airports[i]`, and so on.
#[derive(Clone, Debug)]
pub struct NetworkData {
    /// Airports.
    pub airports: Vec<Airport>,
    /// Airlines.
    pub airlines: Vec<Airline>,
    /// Aircraft types by airline.
    pub fleet: Vec<AircraftType>,
    /// Flight-leg patterns (schedule rows).
    pub patterns: Vec<FlightPattern>,
    /// Base O&D demand.
    pub demand: Vec<BaseDemand>,
    /// Problems found while loading that did not stop it (a repaired record, a value filled
    /// in), in file and line order. Commands print them on stderr as `warning: …`; `--strict`
    /// turns them into errors.
    pub warnings: Vec<crate::error::Diagnostic>,
    /// Fares and costs (empty when the network has no `fares.csv` and `costs.csv`).
    pub economics: super::Economics,
    /// MCT records (station standards, carrier exceptions, suppressions) from `mct.csv` and
    /// SSIM Chapter 8 files; empty when there are none.
    pub mct: crate::mct::MctTable,
    airport_index: BTreeMap<String, AirportId>,
    airline_index: BTreeMap<String, AirlineId>,
}

impl NetworkData {
    /// Builds the lookups over already-validated tables.
    pub fn new(
        airports: Vec<Airport>,
        airlines: Vec<Airline>,
        fleet: Vec<AircraftType>,
        patterns: Vec<FlightPattern>,
        demand: Vec<BaseDemand>,
    ) -> NetworkData {
        let airport_index = airports
            .iter()
            .enumerate()
            .map(|(i, a)| (a.iata.clone(), AirportId(i as u16)))
            .collect();
        let airline_index = airlines
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.clone(), AirlineId(i as u16)))
            .collect();
        NetworkData {
            airports,
            airlines,
            fleet,
            patterns,
            demand,
            warnings: Vec::new(),
            economics: super::Economics::default(),
            mct: crate::mct::MctTable::default(),
            airport_index,
            airline_index,
        }
    }

    /// The airport with an IATA code.
    pub fn airport_id(&self, iata: &str) -> Option<AirportId> {
        self.airport_index.get(iata).copied()
    }

    /// The airline with a designator.
    pub fn airline_id(&self, code: &str) -> Option<AirlineId> {
        self.airline_index.get(code).copied()
    }

    /// The aircraft type `name` of an airline.
    pub fn fleet_id(&self, airline: AirlineId, name: &str) -> Option<FleetId> {
        self.fleet
            .iter()
            .position(|t| t.airline == airline && t.name == name)
            .map(|i| FleetId(i as u16))
    }

    /// An airport by id.
    pub fn airport(&self, id: AirportId) -> &Airport {
        &self.airports[id.index()]
    }

    /// An airline by id.
    pub fn airline(&self, id: AirlineId) -> &Airline {
        &self.airlines[id.index()]
    }

    /// An aircraft type by id.
    pub fn aircraft(&self, id: FleetId) -> &AircraftType {
        &self.fleet[id.index()]
    }

    /// The MCT status of a leg between `a` and `b` seen from `a`: domestic when both airports
    /// are in the same country.
    pub fn status(&self, a: AirportId, b: AirportId) -> Status {
        if self.airport(a).country == self.airport(b).country {
            Status::Domestic
        } else {
            Status::International
        }
    }

    /// The span of departure dates covered by the schedule, if it has any pattern.
    pub fn schedule_span(&self) -> Option<DateRange> {
        let first = self.patterns.iter().map(|p| p.period.first).min()?;
        let last = self.patterns.iter().map(|p| p.period.last).max()?;
        DateRange::new(first, last)
    }
}
