//! Airports: location, historical time zone and minimum connecting times.

use serde::Serialize;

use super::basis::Provenance;
use crate::time::Zone;

/// Index of an airport in [`crate::network::NetworkData::airports`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct AirportId(pub u16);

/// Domestic or international, the MCT status of one side of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    /// The other end of the leg is in the connecting airport's country.
    Domestic,
    /// The other end of the leg is in another country.
    International,
}

impl Status {
    /// `D` or `I`, as SSIM writes it.
    pub fn code(self) -> char {
        match self {
            Status::Domestic => 'D',
            Status::International => 'I',
        }
    }
}

/// Minimum connecting times in minutes by status, arriving → departing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mct {
    /// Domestic arrival to domestic departure.
    pub dd: u16,
    /// Domestic arrival to international departure.
    pub di: u16,
    /// International arrival to domestic departure.
    pub id: u16,
    /// International arrival to international departure.
    pub ii: u16,
}

impl Mct {
    /// The MCT for an arriving and a departing status.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::network::{Mct, Status};
    /// let ala = Mct { dd: 40, di: 60, id: 75, ii: 60 };
    /// assert_eq!(ala.get(Status::International, Status::Domestic), 75);
    /// ```
    pub fn get(&self, arriving: Status, departing: Status) -> u16 {
        match (arriving, departing) {
            (Status::Domestic, Status::Domestic) => self.dd,
            (Status::Domestic, Status::International) => self.di,
            (Status::International, Status::Domestic) => self.id,
            (Status::International, Status::International) => self.ii,
        }
    }
}

/// An airport as loaded from `airports.csv`.
#[derive(Clone, Debug)]
pub struct Airport {
    /// IATA code, e.g. `ALA`.
    pub iata: String,
    /// ICAO code, e.g. `UAAA`.
    pub icao: String,
    /// Airport name.
    pub name: String,
    /// City served.
    pub city: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude in decimal degrees.
    pub lat: f64,
    /// Longitude in decimal degrees.
    pub lon: f64,
    /// The IANA zone the airport's schedules use (with its history).
    pub zone: Zone,
    /// Minimum connecting times.
    pub mct: Mct,
    /// Where the MCT values come from.
    pub provenance: Provenance,
}
