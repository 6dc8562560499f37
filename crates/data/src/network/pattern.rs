//! Flight-leg patterns: one `schedule.csv` row, valid over a period on some weekdays.

use super::airline::{AirlineId, FleetId};
use super::airport::AirportId;
use super::basis::Provenance;
use crate::time::{DateRange, DaySet, LocalTime};

/// Index of a pattern in [`crate::network::NetworkData::patterns`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub u32);

/// A flight leg operated on some weekdays over a period, with local clock times.
#[derive(Clone, Debug)]
pub struct FlightPattern {
    /// Operating airline.
    pub airline: AirlineId,
    /// Flight number (1–9999).
    pub flight: u16,
    /// Departure airport.
    pub origin: AirportId,
    /// Arrival airport.
    pub destination: AirportId,
    /// Departure local time at the origin.
    pub dep: LocalTime,
    /// Arrival local time at the destination.
    pub arr: LocalTime,
    /// Arrival local date minus departure local date, in days (−1 to 2).
    pub arr_day: i8,
    /// Weekdays of operation (of the departure local date).
    pub days: DaySet,
    /// Validity period of departure local dates (inclusive).
    pub period: DateRange,
    /// The aircraft type flown.
    pub aircraft: FleetId,
    /// Where the row comes from.
    pub provenance: Provenance,
    /// Where the pattern was defined (file line, SSIM record, or scenario override) for messages.
    pub origin_ref: String,
}
