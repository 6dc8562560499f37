//! Operations settings (the `[operations]` section of a scenario file): departure delays,
//! cancellations, connection tolerance, rebooking and imposed disruptions.

use serde::{Deserialize, Serialize};

/// The distribution of primary (non-reactionary) departure delays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DelayModel {
    /// No delays.
    None,
    /// Delayed with probability `probability`; the delay is exponential with `mean_minutes`.
    Exponential,
    /// Delayed with probability `probability`; the delay is log-normal with mean
    /// `mean_minutes` and log-scale standard deviation `sigma`.
    Lognormal,
}

/// Delay settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DelayConfig {
    /// Distribution family.
    pub model: DelayModel,
    /// Probability that a flight has a primary delay (0 to 1).
    pub probability: f64,
    /// Mean primary delay of a delayed flight, in minutes.
    pub mean_minutes: f64,
    /// Log-normal shape (standard deviation of the log), for `lognormal`.
    pub sigma: f64,
    /// Primary delays are capped at this many minutes.
    pub max_minutes: u32,
}

impl Default for DelayConfig {
    fn default() -> Self {
        DelayConfig {
            model: DelayModel::Exponential,
            probability: 0.25,
            mean_minutes: 30.0,
            sigma: 1.0,
            max_minutes: 600,
        }
    }
}

/// A delay or cancellation imposed on a flight (`[[operations.disruptions]]`): what if this
/// flight leaves late, or does not fly?
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disruption {
    /// Airline code.
    pub airline: String,
    /// Flight number.
    pub flight: u16,
    /// Only this departure date (default: every date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<crate::time::Day>,
    /// Only the leg from this airport (default: every leg of the flight number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Primary departure delay in minutes, replacing the random one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_minutes: Option<u32>,
    /// Cancel the flight.
    #[serde(default)]
    pub cancel: bool,
}

/// Operations settings (the `[operations]` section of a scenario file).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OperationsConfig {
    /// Primary departure delays.
    pub delay: DelayConfig,
    /// Pass delays along the aircraft rotation: a flight cannot leave before its aircraft's
    /// previous flight has arrived plus the minimum turnaround.
    pub reactionary: bool,
    /// Probability that a dated flight is cancelled (0 to 1).
    pub cancellation_probability: f64,
    /// Hours before departure a cancellation is announced (0 to 24; 0 = at departure time).
    /// With notice, seats close and passengers are rebooked at the announcement (not before the
    /// flight's departure day begins, UTC).
    pub cancellation_notice_hours: u32,
    /// A connection is made when the onward flight actually leaves at least this share of the
    /// MCT after the inbound flight actually arrived (1.0 = the full MCT).
    pub transfer_mct_share: f64,
    /// Misconnected or cancelled passengers are rebooked on flights leaving within this many
    /// hours; otherwise they are stranded.
    pub rebooking_horizon_hours: u32,
    /// Delays and cancellations imposed on given flights.
    pub disruptions: Vec<Disruption>,
}

impl Default for OperationsConfig {
    fn default() -> Self {
        OperationsConfig {
            delay: DelayConfig::default(),
            reactionary: true,
            cancellation_probability: 0.002,
            cancellation_notice_hours: 0,
            transfer_mct_share: 1.0,
            rebooking_horizon_hours: 48,
            disruptions: Vec::new(),
        }
    }
}
