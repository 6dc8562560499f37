//! Operations: departure delays, reactionary delay and cancellations.
//!
//! Primary delays and cancellations are drawn per dated flight from counter-based streams keyed
//! by (airline, flight number, date, origin), so a flight gets the same draw in every scenario
//! that flies it (common random numbers), whatever else changes. The settings are
//! [`OperationsConfig`].

use flightnet_data::config::{DelayModel, OperationsConfig};
use flightnet_engine::rng::{Purpose, keyed_uniform};

/// The stream key of a dated flight: airline, flight number, date and origin.
pub fn flight_key(airline: &str, flight: u16, day: i32, origin: &str) -> u64 {
    let mut bytes = Vec::with_capacity(16);
    bytes.extend_from_slice(airline.as_bytes());
    bytes.extend_from_slice(&flight.to_le_bytes());
    bytes.extend_from_slice(&day.to_le_bytes());
    bytes.extend_from_slice(origin.as_bytes());
    flightnet_engine::rng::hash_bytes(&bytes)
}

/// The primary departure delay of a flight, in whole minutes.
///
/// # Example
/// ```
/// use flightnet_data::config::OperationsConfig;
/// use flightnet_sim::operations::primary_delay;
/// let ops = OperationsConfig::default();
/// let d = primary_delay(&ops, 7, 0, 12345);
/// assert_eq!(d, primary_delay(&ops, 7, 0, 12345)); // same flight, same draw
/// assert!(d <= ops.delay.max_minutes as i64);
/// ```
pub fn primary_delay(ops: &OperationsConfig, seed: u64, replication: u32, key: u64) -> i64 {
    let d = &ops.delay;
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
pub fn cancelled(ops: &OperationsConfig, seed: u64, replication: u32, key: u64) -> bool {
    ops.cancellation_probability > 0.0
        && keyed_uniform(seed, replication, Purpose::Cancellation, key, 0)
            < ops.cancellation_probability
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::config::{DelayConfig, DelayModel};

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
            let d: Vec<i64> = (0..n).map(|k| primary_delay(&ops, 11, 0, k)).collect();
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
        assert!((0..1000).all(|k| primary_delay(&ops, 1, 0, k) == 0));
    }
}
