//! Exact, mergeable histograms of whole minutes.

use serde::{Deserialize, Serialize};

/// Counts of whole-minute values in `0..bins`, plus an overflow count.
///
/// Two histograms with the same number of bins add exactly ([`Histogram::merge`]), so results
/// from replications or shards combine without loss.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    counts: Vec<u64>,
    overflow: u64,
    total: u64,
    sum: u64,
}

impl Histogram {
    /// An empty histogram for values `0..bins`.
    pub fn new(bins: usize) -> Histogram {
        Histogram {
            counts: vec![0; bins],
            overflow: 0,
            total: 0,
            sum: 0,
        }
    }

    /// Records `n` observations of `value` (negative values count as 0).
    #[inline]
    pub fn add(&mut self, value: i64, n: u64) {
        let v = value.max(0) as u64;
        match self.counts.get_mut(v as usize) {
            Some(c) => *c += n,
            None => self.overflow += n,
        }
        self.total += n;
        self.sum += v * n;
    }

    /// Adds another histogram's counts.
    ///
    /// # Panics
    /// If the bin counts differ (a programming error).
    pub fn merge(&mut self, other: &Histogram) {
        assert_eq!(
            self.counts.len(),
            other.counts.len(),
            "histogram shapes differ"
        );
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        self.overflow += other.overflow;
        self.total += other.total;
        self.sum += other.sum;
    }

    /// Number of observations.
    pub fn count(&self) -> u64 {
        self.total
    }

    /// Mean value (0 when empty).
    pub fn mean(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.sum as f64 / self.total as f64
        }
    }

    /// The smallest value `v` with at least `q` of the observations `≤ v` (`None` when empty;
    /// the bin count when the quantile falls in the overflow).
    ///
    /// # Example
    /// ```
    /// let mut h = flightnet_sim::stats::Histogram::new(100);
    /// for v in 1..=10 { h.add(v * 5, 1); }
    /// assert_eq!(h.quantile(0.5), Some(25));
    /// assert_eq!(h.quantile(0.9), Some(45));
    /// ```
    pub fn quantile(&self, q: f64) -> Option<u64> {
        if self.total == 0 {
            return None;
        }
        let need = ((q * self.total as f64).ceil() as u64).max(1);
        let mut acc = 0;
        for (v, c) in self.counts.iter().enumerate() {
            acc += c;
            if acc >= need {
                return Some(v as u64);
            }
        }
        Some(self.counts.len() as u64)
    }

    /// Counts per bin of `width` minutes (the last bin holds everything above, overflow too).
    pub fn binned(&self, width: usize, max: usize) -> Vec<u64> {
        let nb = max.div_ceil(width);
        let mut out = vec![0; nb + 1];
        for (v, c) in self.counts.iter().enumerate() {
            out[(v / width).min(nb)] += c;
        }
        out[nb] += self.overflow;
        out
    }
}
