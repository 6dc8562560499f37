//! Demand settings (the `[demand]` section of a scenario file).

use serde::{Deserialize, Serialize};

use crate::time::Day;

/// A dated recovery index for a set of markets: demand multiplier by departure date, linearly
/// interpolated between points and flat before the first and after the last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoverySeries {
    /// Which markets: `*` (all), a country pair `KZ-CN` (either direction), a country `KZ`
    /// (domestic markets of that country), `CN-*` (international markets to or from that
    /// country) or an airport pair `ALA-PEK` (either direction).
    pub markets: String,
    /// `(date, index)` points; the index multiplies base demand (1.0 = pre-pandemic level).
    pub points: Vec<RecoveryPoint>,
}

/// One point of a recovery series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryPoint {
    /// Departure date.
    pub date: Day,
    /// Demand multiplier on that date (0 to 10).
    pub index: f64,
}

/// How booking requests are spaced in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrivals {
    /// A Poisson process (random counts; the field's standard).
    Poisson,
    /// Evenly spaced on the cumulative intensity: exactly ⌊expected⌋ requests per market
    /// (no count noise; useful to study capacity and for hand-checkable runs).
    Even,
}

/// How passengers ask for flights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DemandConfig {
    /// Multiplies every market's base demand.
    pub scale: f64,
    /// Request spacing: `poisson` or `even`.
    pub arrivals: Arrivals,
    /// Mean booking lead time in days (lead times are exponential, truncated at the maximum).
    pub lead_time_mean_days: f64,
    /// Shortest booking lead time in days (0 allows booking on the day of travel).
    pub lead_time_min_days: u32,
    /// Longest booking lead time in days.
    pub lead_time_max_days: u32,
    /// A request must be made at least this many minutes before the first departure.
    pub min_booking_minutes: u32,
    /// Day-of-week factors, Monday first (normalised to a mean of 1).
    pub day_of_week: [f64; 7],
    /// Preferred departure time-of-day weights by local hour, 00 first (normalised).
    pub time_of_day: [f64; 24],
    /// With no seat on the requested date, how many days either side a request may move to.
    pub recapture_days: u32,
    /// Share of those requests willing to move to another day (0 to 1).
    pub recapture_share: f64,
    /// Recovery series; the first whose selector matches a market applies; markets matched by
    /// none have index 1.
    pub recovery: Vec<RecoverySeries>,
}

impl Default for DemandConfig {
    fn default() -> Self {
        DemandConfig {
            scale: 1.0,
            arrivals: Arrivals::Poisson,
            lead_time_mean_days: 21.0,
            lead_time_min_days: 0,
            lead_time_max_days: 90,
            min_booking_minutes: 60,
            // Estimates: Friday and Sunday peaks, mid-week and Saturday troughs.
            day_of_week: [1.05, 0.90, 0.90, 1.00, 1.15, 0.90, 1.10],
            // Estimates: little demand overnight, morning and evening peaks.
            time_of_day: [
                0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.5, 1.4, 1.2, 1.1, //
                1.0, 1.0, 1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1.1, 0.8, 0.5, 0.3,
            ],
            recapture_days: 3,
            recapture_share: 0.7,
            recovery: Vec::new(),
        }
    }
}
