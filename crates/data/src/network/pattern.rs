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
    /// Departure terminal ([`Terminal::NONE`] when not given).
    pub dep_terminal: Terminal,
    /// Arrival terminal ([`Terminal::NONE`] when not given).
    pub arr_terminal: Terminal,
}

/// An airport terminal as schedules and MCT records give it: up to two letters or digits
/// (SSIM bytes 53–54 and 71–72), blank when not given.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Terminal([u8; 2]);

impl Terminal {
    /// No terminal given.
    pub const NONE: Terminal = Terminal([b' '; 2]);

    /// Parses one or two letters or digits (trimmed); an empty text is [`Terminal::NONE`].
    ///
    /// # Example
    /// ```
    /// use flightnet_data::network::Terminal;
    /// assert_eq!(Terminal::parse("2").unwrap().as_str(), "2");
    /// assert_eq!(Terminal::parse(""), Some(Terminal::NONE));
    /// assert_eq!(Terminal::parse("T12"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Terminal> {
        let t = s.trim().as_bytes();
        if t.len() > 2 || !t.iter().all(u8::is_ascii_alphanumeric) {
            return None;
        }
        let mut b = [b' '; 2];
        b[..t.len()].copy_from_slice(t);
        Some(Terminal(b))
    }

    /// The terminal as text (empty when none).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("").trim_end()
    }

    /// Whether no terminal is given.
    pub fn is_none(&self) -> bool {
        *self == Terminal::NONE
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::NONE
    }
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Terminal({:?})", self.as_str())
    }
}
