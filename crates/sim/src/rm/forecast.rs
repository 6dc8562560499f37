//! Pick-up forecasts of demand to come, per flight series, timeframe and class.
//!
//! A flight series is one flight number from one airport (its dated legs are its departures).
//! The data collection points (DCPs) cut each departure's booking period into timeframes:
//! timeframe `t` runs from DCP `t` to DCP `t + 1` (the last one to departure). When a
//! departure's timeframe ends, its bookings in each class during the timeframe (the pick-up)
//! become an observation of that series, timeframe and class; the forecast of a timeframe is
//! the exponentially smoothed mean and variance of its observations, and the demand to come at
//! DCP `t` is the sum over the timeframes from `t` on (timeframes independent).
//!
//! A class that was closed during a timeframe only shows a lower bound of its demand. With
//! untruncation on, such an observation `x` is replaced by `E[D | D ≥ x]` under the current
//! forecast `N(μ, σ²)`, `μ + σ φ(z) / (1 − Φ(z))` with `z = (x − μ) / σ`: one
//! expectation-maximisation step per observation, folded into the smoothed estimates.

use super::emsrb::{normal_density, normal_tail};

/// Smoothed pick-up forecasts for every series.
#[derive(Clone, Debug)]
pub struct PickupForecast {
    timeframes: usize,
    classes: usize,
    alpha: f32,
    untruncate: bool,
    /// Per (series, timeframe, class): smoothed mean and variance.
    mean: Vec<f32>,
    var: Vec<f32>,
    /// Per (series, timeframe): observations so far (saturating).
    seen: Vec<u16>,
}

impl PickupForecast {
    /// Empty forecasts for `series` series, `timeframes` timeframes and `classes` classes.
    pub fn new(
        series: usize,
        timeframes: usize,
        classes: usize,
        alpha: f64,
        untruncate: bool,
    ) -> Self {
        PickupForecast {
            timeframes,
            classes,
            alpha: alpha as f32,
            untruncate,
            mean: vec![0.0; series * timeframes * classes],
            var: vec![0.0; series * timeframes * classes],
            seen: vec![0; series * timeframes],
        }
    }

    #[inline]
    fn at(&self, series: usize, t: usize, c: usize) -> usize {
        (series * self.timeframes + t) * self.classes + c
    }

    /// Records one departure's pick-ups in timeframe `t`: `picked[c]` bookings in class `c`,
    /// `closed` the classes (bit `c`) that were closed at some point of the timeframe.
    pub fn observe(&mut self, series: usize, t: usize, picked: &[u16], closed: u16) {
        let n = self.seen[series * self.timeframes + t];
        for (c, &x) in picked.iter().enumerate().take(self.classes) {
            let i = self.at(series, t, c);
            let mut x = x as f32;
            if n == 0 {
                self.mean[i] = x;
                self.var[i] = x.max(1.0);
                continue;
            }
            let (mu, var) = (self.mean[i], self.var[i]);
            if self.untruncate && closed & (1 << c) != 0 {
                let sd = var.max(0.25).sqrt();
                let z = ((x - mu) / sd) as f64;
                let tail = normal_tail(z);
                if tail > 1e-12 {
                    x = x.max(mu + sd * (normal_density(z) / tail) as f32);
                }
            }
            let d = x - mu;
            self.mean[i] = mu + self.alpha * d;
            self.var[i] = (1.0 - self.alpha) * (var + self.alpha * d * d);
        }
        let s = &mut self.seen[series * self.timeframes + t];
        *s = s.saturating_add(1);
    }

    /// Observations of the series' timeframe `t`.
    pub fn seen(&self, series: usize, t: usize) -> u16 {
        self.seen[series * self.timeframes + t]
    }

    /// Demand to come in class `c` from the start of timeframe `t` to departure: mean and
    /// variance.
    #[inline]
    pub fn to_come(&self, series: usize, t: usize, c: usize) -> (f64, f64) {
        let (mut m, mut v) = (0.0f64, 0.0f64);
        for tf in t..self.timeframes {
            let i = self.at(series, tf, c);
            m += self.mean[i] as f64;
            v += self.var[i] as f64;
        }
        (m, v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without closures the forecast is the smoothed pick-up; the demand to come adds the
    /// timeframes from the one asked for.
    #[test]
    fn open_observations_are_smoothed_and_added() {
        let mut f = PickupForecast::new(1, 3, 1, 0.5, true);
        for x in [4, 8] {
            f.observe(0, 0, &[x], 0);
            f.observe(0, 1, &[2], 0);
            f.observe(0, 2, &[1], 0);
        }
        // 4, then 4 + 0.5 (8 − 4) = 6.
        assert_eq!(f.to_come(0, 0, 0).0, 6.0 + 2.0 + 1.0);
        assert_eq!(f.to_come(0, 2, 0).0, 1.0);
        assert_eq!(f.seen(0, 1), 2);
    }

    /// A closed class's observation is raised to its conditional expectation above what was
    /// booked; an open one is taken as it is.
    #[test]
    fn closed_observations_are_untruncated() {
        let mut open = PickupForecast::new(1, 1, 1, 0.2, true);
        let mut closed = open.clone();
        let mut plain = PickupForecast::new(1, 1, 1, 0.2, false);
        for f in [&mut open, &mut closed, &mut plain] {
            for x in [10, 12, 8, 10] {
                f.observe(0, 0, &[x], 0);
            }
        }
        open.observe(0, 0, &[9], 0);
        closed.observe(0, 0, &[9], 1);
        plain.observe(0, 0, &[9], 1);
        let (o, c, p) = (
            open.to_come(0, 0, 0).0,
            closed.to_come(0, 0, 0).0,
            plain.to_come(0, 0, 0).0,
        );
        assert_eq!(o, p, "without untruncation a closure changes nothing");
        assert!(c > o + 0.1, "closed {c} open {o}");
    }
}
