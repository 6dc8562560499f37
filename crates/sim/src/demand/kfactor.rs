//! Day-to-day demand variance (the k-factor): each market's expected requests on each
//! departure date are multiplied by a gamma variate of mean 1 and coefficient of variation `k`,
//! so a market's count on a date is gamma-mixed Poisson (negative binomial) with variance
//! `μ + k²μ²`, as airline simulators draw "sample day" demand.
//!
//! The variates are counter-based, keyed by (seed, replication, market, date): a market's
//! variate on a date is the same in every scenario (common random numbers) and does not
//! depend on the order of anything. A request stream's intensity on a date is multiplied by
//! its markets' weighted mean variate ([`stream_day_factors`]), and a request for that date
//! picks its market with weights base × variate ([`DayMix`]), which together give every market
//! its own variate exactly.

use flightnet_data::time::Day;
use flightnet_engine::rng::{Purpose, keyed_uniform, mix64};

/// A gamma variate of mean 1 and coefficient of variation `k` for a market on a date (1 when
/// `k` is 0).
///
/// For shape `1/k² ≥ 1` (k ≤ 1) it is the Wilson–Hilferty cube of a normal variate, accurate
/// to a fraction of a percent in the quantiles over that range; for smaller shapes, a
/// Marsaglia–Tsang draw.
///
/// # Example
/// ```
/// use flightnet_sim::demand::day_variate;
/// use flightnet_data::time::Day;
/// let d = Day::parse("2023-05-01").unwrap();
/// assert_eq!(day_variate(0.0, 1, 0, 42, d), 1.0);
/// assert_eq!(day_variate(0.3, 1, 0, 42, d), day_variate(0.3, 1, 0, 42, d));
/// assert!(day_variate(0.3, 1, 0, 42, d) > 0.0);
/// ```
#[inline]
pub fn day_variate(k: f64, seed: u64, replication: u32, market_key: u64, day: Day) -> f64 {
    if k <= 0.0 {
        return 1.0;
    }
    let key = mix64(market_key ^ mix64(day.0 as u32 as u64 ^ 0xDA7E));
    let u = |i: u64| keyed_uniform(seed, replication, Purpose::DemandDay, key, i);
    let normal = |i: u64| {
        let (a, b) = (u(i), u(i + 1));
        (-2.0 * (1.0 - a).ln()).sqrt() * (std::f64::consts::TAU * b).cos()
    };
    let shape = 1.0 / (k * k);
    if shape >= 1.0 {
        let c = 1.0 / (9.0 * shape);
        let x = 1.0 - c + normal(0) * c.sqrt();
        return (x * x * x).max(0.0);
    }
    // Marsaglia–Tsang on shape + 1, then the boost U^(1/shape).
    let d = shape + 1.0 - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    let mut i = 2;
    loop {
        let z = normal(i);
        let v = (1.0 + c * z).powi(3);
        if v > 0.0 {
            let w = u(i + 2);
            if w.ln() < 0.5 * z * z + d - d * v + d * v.ln() {
                return d * v / shape * (1.0 - u(1)).powf(1.0 / shape).max(f64::MIN_POSITIVE);
            }
        }
        i += 3;
    }
}

/// A stream's day factors: for each departure date of the period, its markets' mean variate
/// weighted by base demand.
pub fn stream_day_factors(
    k: f64,
    seed: u64,
    replication: u32,
    markets: &[(u64, f64)],
    first: Day,
    days: usize,
) -> Vec<f64> {
    let total: f64 = markets.iter().map(|m| m.1).sum();
    (0..days)
        .map(|i| {
            let d = first.plus_days(i as i32);
            let s: f64 = markets
                .iter()
                .map(|&(key, w)| w * day_variate(k, seed, replication, key, d))
                .sum();
            if total > 0.0 { s / total } else { 1.0 }
        })
        .collect()
}

/// An alias table over a stream's markets for one date, in 8 bytes a column.
#[derive(Clone, Debug)]
pub struct DayAlias {
    table: Vec<(f32, u32)>,
}

impl DayAlias {
    /// Vose's method over `weights` (non-negative, positive sum).
    pub fn new(weights: &[f64]) -> DayAlias {
        let (prob, alias) = super::alias::vose(weights);
        DayAlias {
            table: prob.into_iter().map(|p| p as f32).zip(alias).collect(),
        }
    }

    /// Starts loading the entry [`sample`](Self::sample) reads for `u` (a hint).
    #[inline]
    pub fn prefetch(&self, u: f64) {
        let n = self.table.len();
        let i = ((u * n as f64) as usize).min(n - 1);
        flightnet_engine::prefetch::prefetch_at(&self.table, i);
    }

    /// The column for a uniform draw `u` in [0, 1).
    #[inline]
    pub fn sample(&self, u: f64) -> usize {
        let n = self.table.len();
        let x = u * n as f64;
        let i = (x as usize).min(n - 1);
        let (keep, alias) = self.table[i];
        if ((x - i as f64) as f32) < keep {
            i
        } else {
            alias as usize
        }
    }
}

/// Each stream's per-date alias tables over its markets (weights base × the date's variate),
/// built when a request first asks for a date and dropped once the date has passed.
#[derive(Debug)]
pub struct DayMix {
    /// `tables[stream][date index]`.
    tables: Vec<Vec<Option<DayAlias>>>,
    first: Day,
    /// Dates before this index are dropped.
    kept_from: usize,
}

impl DayMix {
    /// Empty tables for `streams` streams over `days` departure dates from `first`.
    pub fn new(streams: usize, first: Day, days: usize) -> DayMix {
        DayMix {
            tables: (0..streams)
                .map(|_| (0..days).map(|_| None).collect())
                .collect(),
            first,
            kept_from: 0,
        }
    }

    /// The column of stream `stream`'s market list for a request for `day` with draw `u`;
    /// `weights` gives the date's weights when the table must be built.
    #[inline]
    pub fn sample(
        &mut self,
        stream: usize,
        day: Day,
        u: f64,
        weights: impl FnOnce() -> Vec<f64>,
    ) -> usize {
        let i = (day.0 - self.first.0) as usize;
        self.tables[stream][i]
            .get_or_insert_with(|| DayAlias::new(&weights()))
            .sample(u)
    }

    /// Builds stream `stream`'s table for `day` if it is missing and starts loading the entry
    /// draw `u` will read (a hint for a later [`sample`](Self::sample) with the same
    /// arguments, which returns what it would have returned without this call).
    #[inline]
    pub fn prepare(&mut self, stream: usize, day: Day, u: f64, weights: impl FnOnce() -> Vec<f64>) {
        let i = (day.0 - self.first.0) as usize;
        self.tables[stream][i]
            .get_or_insert_with(|| DayAlias::new(&weights()))
            .prefetch(u);
    }

    /// Drops the tables of dates before `day` (no request asks for them any more).
    pub fn drop_before(&mut self, day: Day) {
        let upto = ((day.0 - self.first.0).max(0) as usize)
            .min(self.tables.first().map_or(0, |t| t.len()));
        if upto <= self.kept_from {
            return;
        }
        for t in &mut self.tables {
            for x in &mut t[self.kept_from..upto] {
                *x = None;
            }
        }
        self.kept_from = upto;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variates have mean 1 and the coefficient of variation asked for.
    #[test]
    fn variates_have_mean_one_and_cv_k() {
        for k in [0.1, 0.3, 0.6, 1.0, 1.5] {
            let d = Day::parse("2023-01-01").unwrap();
            let n = 40_000;
            let xs: Vec<f64> = (0..n).map(|m| day_variate(k, 9, 0, m, d)).collect();
            let mean = xs.iter().sum::<f64>() / n as f64;
            let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
            assert!((mean - 1.0).abs() < 0.02, "k {k}: mean {mean}");
            assert!(
                (var.sqrt() - k).abs() < 0.03 * k.max(0.3),
                "k {k}: sd {}",
                var.sqrt()
            );
        }
    }

    /// Day alias tables draw columns in proportion to their weights.
    #[test]
    fn day_alias_follows_the_weights() {
        let a = DayAlias::new(&[1.0, 3.0, 0.0, 4.0]);
        let n = 80_000;
        let mut counts = [0usize; 4];
        for j in 0..n {
            counts[a.sample((j as f64 + 0.5) / n as f64)] += 1;
        }
        assert_eq!(counts[2], 0);
        for (c, w) in counts.iter().zip([1.0, 3.0, 0.0, 4.0]) {
            assert!((*c as f64 / n as f64 - w / 8.0).abs() < 0.005, "{counts:?}");
        }
    }
}
