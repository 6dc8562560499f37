//! Demand settings (the `[demand]` section of a scenario file): how many passengers ask, when
//! they ask, who they are.

use serde::{Deserialize, Serialize};

use crate::time::Day;

/// A dated recovery index for a set of markets: demand multiplier by departure date, linearly
/// interpolated between points and flat before the first and after the last.
///
/// A point may carry the date it was announced: a booking made on day `b` sees only the points
/// announced on or before `b` (bookers cannot know of a reopening before it is announced).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoverySeries {
    /// Which markets: `*` (all), a country pair `KZ-CN` (either direction), a country `KZ`
    /// (domestic markets of that country), `CN-*` (international markets to or from that
    /// country) or an airport pair `ALA-PEK` (either direction).
    pub markets: String,
    /// `(date, index)` points; the index multiplies base demand (1.0 = pre-pandemic level).
    pub points: Vec<RecoveryPoint>,
    /// `flightnet calibrate` may change every point's index.
    #[serde(default, skip_serializing_if = "is_false")]
    pub free: bool,
}

/// One point of a recovery series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryPoint {
    /// Departure date.
    pub date: Day,
    /// Demand multiplier on that date (0 to 10).
    pub index: f64,
    /// When the point became known (default: always known). Bookings made before this date
    /// do not see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<Day>,
    /// `flightnet calibrate` may change this point's index.
    #[serde(default, skip_serializing_if = "is_false")]
    pub free: bool,
}

/// A scale on the base demand of a group of markets (`[[demand.groups]]`): the first group
/// whose selector matches a market applies; markets matched by none keep scale 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketGroup {
    /// Which markets (a selector, as for recovery series).
    pub markets: String,
    /// Multiplies the group's base demand (0 to 100).
    pub scale: f64,
    /// `flightnet calibrate` may change the scale.
    #[serde(default, skip_serializing_if = "is_false")]
    pub free: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How booking requests are spaced in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arrivals {
    /// A Poisson process (random counts; with the k-factor, gamma-mixed by day).
    Poisson,
    /// No count noise: every market gets exactly its expected requests on every departure
    /// date (cumulatively rounded), booked at evenly spaced quantiles of the booking curve.
    /// The k-factor does not apply.
    Even,
}

/// One point of a booking curve: the share of a segment's bookings made at least
/// `days_before` days before departure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurvePoint {
    /// Days before departure (0 = the day of departure).
    pub days_before: u32,
    /// Cumulative share of the segment's bookings made by then (0 to 1).
    pub share: f64,
}

/// Disutility of each fare restriction for a segment (utility units, ≤ 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RestrictionCosts {
    /// A Saturday-night stay is required.
    pub saturday_stay: f64,
    /// The ticket is non-refundable.
    pub non_refundable: f64,
    /// Changes cost a fee.
    pub change_fee: f64,
}

impl Default for RestrictionCosts {
    fn default() -> Self {
        RestrictionCosts {
            saturday_stay: -0.3,
            non_refundable: -0.4,
            change_fee: -0.3,
        }
    }
}

/// A passenger segment (`[[demand.segments]]`): who asks, when, and what they will pay.
///
/// The demand model says how many passengers ask in each market; segments say who they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Name (e.g. `business`).
    pub name: String,
    /// Share of each market's demand (the shares of all segments are normalised to 1).
    pub share: f64,
    /// Booking curve: cumulative share of bookings by days before departure, from the earliest
    /// point (share 0) to departure (day 0, share 1). Empty: the exponential lead times of
    /// `lead_time_*`.
    #[serde(default)]
    pub booking_curve: Vec<CurvePoint>,
    /// Median willingness to pay as a multiple of the market's lowest fare (above 1):
    /// `P(WTP ≥ p) = exp(−ln 2 · (p − R) / (R · (m − 1)))` for a lowest fare `R`.
    pub wtp_multiple: f64,
    /// Utility per unit of fare above the market's lowest, as a ratio (≥ 0): a fare of `f`
    /// costs `price_sensitivity × (f / R − 1)` utility.
    pub price_sensitivity: f64,
    /// Disutility of the fare restrictions.
    #[serde(default)]
    pub restrictions: RestrictionCosts,
    /// Share of booked passengers who do not show up at departure (0 to 1).
    #[serde(default)]
    pub no_show: f64,
}

impl Segment {
    /// Business travellers (estimates; booking curve from PassengerSim's demonstration
    /// network, see README).
    pub fn business() -> Segment {
        Segment {
            name: "business".into(),
            share: 0.3,
            booking_curve: curve(&[
                (91, 0.0),
                (63, 0.06),
                (56, 0.11),
                (49, 0.15),
                (42, 0.20),
                (35, 0.23),
                (31, 0.25),
                (28, 0.28),
                (24, 0.31),
                (21, 0.35),
                (17, 0.40),
                (14, 0.50),
                (10, 0.62),
                (7, 0.70),
                (5, 0.78),
                (3, 0.90),
                (1, 0.97),
                (0, 1.0),
            ]),
            wtp_multiple: 2.5,
            price_sensitivity: 0.6,
            restrictions: RestrictionCosts {
                saturday_stay: -2.0,
                non_refundable: -0.8,
                change_fee: -0.8,
            },
            no_show: 0.08,
        }
    }

    /// Leisure travellers (estimates, as for [`Segment::business`]).
    pub fn leisure() -> Segment {
        Segment {
            name: "leisure".into(),
            share: 0.7,
            booking_curve: curve(&[
                (91, 0.0),
                (63, 0.17),
                (56, 0.25),
                (49, 0.34),
                (42, 0.43),
                (35, 0.49),
                (31, 0.53),
                (28, 0.61),
                (24, 0.69),
                (21, 0.75),
                (17, 0.80),
                (14, 0.85),
                (10, 0.88),
                (7, 0.90),
                (5, 0.95),
                (3, 0.98),
                (1, 0.995),
                (0, 1.0),
            ]),
            wtp_multiple: 1.5,
            price_sensitivity: 2.0,
            restrictions: RestrictionCosts::default(),
            no_show: 0.03,
        }
    }

    /// The longest lead time the segment's curve allows, in days.
    pub fn max_lead_days(&self) -> Option<u32> {
        self.booking_curve.first().map(|p| p.days_before)
    }
}

fn curve(points: &[(u32, f64)]) -> Vec<CurvePoint> {
    points
        .iter()
        .map(|&(days_before, share)| CurvePoint { days_before, share })
        .collect()
}

/// How passengers ask for flights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DemandConfig {
    /// Multiplies every market's base demand.
    pub scale: f64,
    /// Request spacing: `poisson` or `even`.
    pub arrivals: Arrivals,
    /// Mean booking lead time in days, for segments without a booking curve (lead times are
    /// exponential, truncated at the maximum).
    pub lead_time_mean_days: f64,
    /// Shortest booking lead time in days (0 allows booking on the day of travel).
    pub lead_time_min_days: u32,
    /// Longest booking lead time in days, for segments without a booking curve.
    pub lead_time_max_days: u32,
    /// A request must be made at least this many minutes before the first departure.
    pub min_booking_minutes: u32,
    /// Day-of-week factors, Monday first (normalised to a mean of 1).
    pub day_of_week: [f64; 7],
    /// Month-of-year factors, January first (normalised to a mean of 1).
    pub monthly: [f64; 12],
    /// Preferred departure time-of-day weights by local hour, 00 first (normalised).
    pub time_of_day: [f64; 24],
    /// Extra day-to-day variance: each market's expected requests on each departure date are
    /// multiplied by a gamma variate of mean 1 and coefficient of variation `k_factor` (0 =
    /// plain Poisson), so a day's count has variance `μ + k²μ²`.
    pub k_factor: f64,
    /// `flightnet calibrate` may change the k-factor.
    pub k_factor_free: bool,
    /// With no seat on the requested date, how many days either side a request may move to.
    pub recapture_days: u32,
    /// Share of those requests willing to move to another day (0 to 1).
    pub recapture_share: f64,
    /// Recovery series; the first whose selector matches a market applies; markets matched by
    /// none have index 1.
    pub recovery: Vec<RecoverySeries>,
    /// Market groups and their scales; the first whose selector matches a market applies.
    pub groups: Vec<MarketGroup>,
    /// Passenger segments (default: business and leisure).
    pub segments: Vec<Segment>,
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
            monthly: [1.0; 12],
            // Estimates: little demand overnight, morning and evening peaks.
            time_of_day: [
                0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.4, 1.5, 1.4, 1.2, 1.1, //
                1.0, 1.0, 1.1, 1.2, 1.3, 1.4, 1.4, 1.3, 1.1, 0.8, 0.5, 0.3,
            ],
            // The value airline simulators use (PODS-style k-factor; E).
            k_factor: 0.3,
            k_factor_free: false,
            recapture_days: 3,
            recapture_share: 0.7,
            recovery: Vec::new(),
            groups: Vec::new(),
            segments: vec![Segment::business(), Segment::leisure()],
        }
    }
}

impl DemandConfig {
    /// The longest lead time any segment books at, in days.
    pub fn max_lead_days(&self) -> u32 {
        self.segments
            .iter()
            .map(|s| s.max_lead_days().unwrap_or(self.lead_time_max_days))
            .max()
            .unwrap_or(self.lead_time_max_days)
    }
}
