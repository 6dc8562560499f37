//! Means and 95% confidence intervals across replications.

use serde::{Deserialize, Serialize};

/// A mean with its 95% confidence interval (Student t on the replication values).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean over replications.
    pub mean: f64,
    /// Lower end of the 95% confidence interval.
    pub ci95_low: f64,
    /// Upper end of the 95% confidence interval.
    pub ci95_high: f64,
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom.
///
/// # Example
/// ```
/// use flightnet_sim::stats::t975;
/// assert!((t975(1) - 12.706).abs() < 1e-3);
/// assert!((t975(10) - 2.228).abs() < 1e-3);
/// assert!((t975(1000) - 1.962).abs() < 1e-3);
/// ```
pub fn t975(df: u64) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => T[df as usize - 1],
        _ => {
            // Cornish–Fisher expansion around the normal quantile.
            let z: f64 = 1.959_963_984_540_054;
            let n = df as f64;
            z + (z.powi(3) + z) / (4.0 * n)
                + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * n * n)
        }
    }
}

impl Estimate {
    /// The mean and 95% interval of `values` (a zero-width interval for one value).
    pub fn of(values: &[f64]) -> Estimate {
        let n = values.len();
        if n == 0 {
            return Estimate {
                mean: 0.0,
                ci95_low: 0.0,
                ci95_high: 0.0,
            };
        }
        let mean = values.iter().sum::<f64>() / n as f64;
        if n == 1 {
            return Estimate {
                mean,
                ci95_low: mean,
                ci95_high: mean,
            };
        }
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let half = t975(n as u64 - 1) * (var / n as f64).sqrt();
        Estimate {
            mean,
            ci95_low: mean - half,
            ci95_high: mean + half,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_of_known_values() {
        let e = Estimate::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(e.mean, 2.5);
        // s = 1.2910, s/sqrt(4) = 0.6455, t(3) = 3.182.
        assert!((e.ci95_high - (2.5 + 3.182 * 0.645_497)).abs() < 1e-5);
        let one = Estimate::of(&[7.0]);
        assert_eq!((one.ci95_low, one.ci95_high), (7.0, 7.0));
    }
}
