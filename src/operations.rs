//! Operations: departure delays, reactionary delay and cancellations.
//!
//! Primary delays and cancellations are drawn per dated flight from counter-based streams keyed
//! by (airline, flight number, date, origin), so a flight gets the same draw in every scenario
//! that flies it (common random numbers), whatever else changes.

use serde::{Deserialize, Serialize};

use crate::rng::{Purpose, keyed_uniform};

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

/// The stream key of a dated flight: airline, flight number, date and origin.
pub fn flight_key(airline: &str, flight: u16, day: i32, origin: &str) -> u64 {
    let mut bytes = Vec::with_capacity(16);
    bytes.extend_from_slice(airline.as_bytes());
    bytes.extend_from_slice(&flight.to_le_bytes());
    bytes.extend_from_slice(&day.to_le_bytes());
    bytes.extend_from_slice(origin.as_bytes());
    crate::rng::hash_bytes(&bytes)
}

impl OperationsConfig {
    /// The primary departure delay of a flight, in whole minutes.
    ///
    /// # Example
    /// ```
    /// use flightnet::operations::OperationsConfig;
    /// let ops = OperationsConfig::default();
    /// let d = ops.primary_delay(7, 0, 12345);
    /// assert_eq!(d, ops.primary_delay(7, 0, 12345)); // same flight, same draw
    /// assert!(d <= ops.delay.max_minutes as i64);
    /// ```
    pub fn primary_delay(&self, seed: u64, replication: u32, key: u64) -> i64 {
        let d = &self.delay;
        if d.model == DelayModel::None || d.probability <= 0.0 {
            return 0;
        }
        let u0 = keyed_uniform(seed, replication, Purpose::Delay, key, 0);
        if u0 >= d.probability {
            return 0;
        }
        let u1 = keyed_uniform(seed, replication, Purpose::Delay, key, 1);
        let minutes = match d.model {
            DelayModel::None => 0.0,
            DelayModel::Exponential => -(1.0 - u1).ln() * d.mean_minutes,
            DelayModel::Lognormal => {
                // Box–Muller from two keyed uniforms; mu chosen so the mean is mean_minutes.
                let u2 = keyed_uniform(seed, replication, Purpose::Delay, key, 2);
                let z = (-2.0 * (1.0 - u1).ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
                let mu = d.mean_minutes.max(1e-9).ln() - d.sigma * d.sigma / 2.0;
                (mu + d.sigma * z).exp()
            }
        };
        (minutes.round() as i64).clamp(0, d.max_minutes as i64)
    }

    /// Whether a flight is cancelled.
    pub fn cancelled(&self, seed: u64, replication: u32, key: u64) -> bool {
        self.cancellation_probability > 0.0
            && keyed_uniform(seed, replication, Purpose::Cancellation, key, 0)
                < self.cancellation_probability
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_mean_and_share_match_the_settings() {
        for model in [DelayModel::Exponential, DelayModel::Lognormal] {
            let ops = OperationsConfig {
                delay: DelayConfig {
                    model,
                    probability: 0.3,
                    mean_minutes: 20.0,
                    sigma: 0.8,
                    max_minutes: 10_000,
                },
                ..OperationsConfig::default()
            };
            let n = 200_000u64;
            let d: Vec<i64> = (0..n).map(|k| ops.primary_delay(11, 0, k)).collect();
            let delayed = d.iter().filter(|&&x| x > 0).count() as f64 / n as f64;
            let mean = d.iter().sum::<i64>() as f64 / (n as f64 * 0.3);
            assert!((delayed - 0.3).abs() < 0.01, "{model:?} share {delayed}");
            assert!((mean - 20.0).abs() < 0.6, "{model:?} mean {mean}");
        }
    }

    #[test]
    fn no_delay_model_means_no_delay() {
        let mut ops = OperationsConfig::default();
        ops.delay.model = DelayModel::None;
        assert!((0..1000).all(|k| ops.primary_delay(1, 0, k) == 0));
    }
}
