//! Airlines and their fleets.

use serde::Serialize;

use super::basis::Provenance;

/// Index of an airline in [`crate::network::NetworkData::airlines`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct AirlineId(pub u16);

/// An airline as loaded from `airlines.csv`.
#[derive(Clone, Debug)]
pub struct Airline {
    /// Two-character IATA designator, e.g. `KC`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Country of registration (ISO 3166-1 alpha-2).
    pub country: String,
    /// Where the row comes from.
    pub provenance: Provenance,
}

/// Index of an aircraft type in [`crate::network::NetworkData::fleet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FleetId(pub u16);

/// One aircraft type in an airline's fleet, from `fleet.csv`.
#[derive(Clone, Debug)]
pub struct AircraftType {
    /// The operating airline.
    pub airline: AirlineId,
    /// The name used in `schedule.csv`, e.g. `A321LR`.
    pub name: String,
    /// IATA aircraft type code (3 characters), e.g. `32Q`.
    pub iata_type: String,
    /// Seats per aircraft (all cabins).
    pub seats: u32,
    /// Number of aircraft of this type in the fleet (0: unknown, never checked).
    pub count: u32,
    /// Minimum turnaround in minutes between an arrival and the next departure.
    pub min_turn: u32,
    /// Where the row comes from.
    pub provenance: Provenance,
}
