//! Booking-request intensity: from departure-date demand to booking-day rates and lead times.
//!
//! For a departure date `d` in the period, expected requests are
//! `base × scale × recovery(d) × day_of_week(d)` =: `base × g(d)`. Each request is booked
//! `k` whole days before its date with probability `p_k ∝ exp(−(k − min) / mean)` for
//! `k = min..=max`.
//! Requests made on booking day `b` therefore arrive at rate `base × G(b)` with
//! `G(b) = Σ_k g(b + k) p_k`, and given a request on day `b`, its lead is `k` with probability
//! `g(b + k) p_k / G(b)`. `G` and these conditional lead distributions depend only on the
//! recovery series, not on the market, so they are computed once per series and shared.
//!
//! Within a booking day the rate is constant, so a market's requests form a Poisson process with
//! piecewise-constant intensity. [`Curve::advance`] steps it by inverting the cumulative
//! intensity: one exponential draw per request, whatever the gaps between requests.

use flightnet_data::config::{DemandConfig, RecoverySeries};
use flightnet_data::time::{DateRange, Day, MINUTES_PER_DAY, UtcMinute};

/// The recovery index of a series on a date (linear between points, flat outside).
///
/// # Example
/// ```
/// use flightnet_data::config::{RecoveryPoint, RecoverySeries};
/// use flightnet_sim::demand::recovery_index;
/// use flightnet_data::time::Day;
/// let s = RecoverySeries { markets: "*".into(), points: vec![
///     RecoveryPoint { date: Day::parse("2023-01-01").unwrap(), index: 0.2 },
///     RecoveryPoint { date: Day::parse("2023-01-11").unwrap(), index: 0.4 },
/// ]};
/// assert!((recovery_index(&s, Day::parse("2023-01-06").unwrap()) - 0.3).abs() < 1e-12);
/// assert_eq!(recovery_index(&s, Day::parse("2022-06-01").unwrap()), 0.2);
/// ```
pub fn recovery_index(series: &RecoverySeries, day: Day) -> f64 {
    let p = &series.points;
    if p.is_empty() {
        return 1.0;
    }
    if day <= p[0].date {
        return p[0].index;
    }
    for w in p.windows(2) {
        if day <= w[1].date {
            let span = (w[1].date.0 - w[0].date.0) as f64;
            let t = if span > 0.0 {
                (day.0 - w[0].date.0) as f64 / span
            } else {
                1.0
            };
            return w[0].index + t * (w[1].index - w[0].index);
        }
    }
    p[p.len() - 1].index
}

/// Buckets per booking day in [`Curve`]'s guide to the lead-time distribution (a power of
/// two).
const GUIDE: usize = 64;

/// Booking-day rates and conditional lead-time distributions for one recovery series.
#[derive(Clone, Debug)]
pub struct Curve {
    /// Departure-date multiplier `g(d)` for each day of the period.
    pub daily: Vec<f64>,
    /// First booking day (period start minus the longest lead).
    first_booking: Day,
    /// `G(b)` for each booking day.
    rate: Vec<f64>,
    /// Prefix sums of `rate` (length `rate.len() + 1`).
    cum: Vec<f64>,
    /// Row `b`: cumulative distribution of the lead in days given a request on day `b`.
    lead_cdf: Vec<f64>,
    /// Per booking day, for `j` in `0..GUIDE`: how many of the row's lead CDF values are at
    /// most `j / GUIDE` (where a search for a draw in `[j / GUIDE, (j + 1) / GUIDE)` starts).
    guide: Vec<u32>,
    leads: usize,
}

/// Where a market's request stream is: a position on the cumulative-intensity axis, and the
/// booking day it falls in (a search hint).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StreamPos(pub f64, pub usize);

impl Curve {
    /// Builds the curve for `series` (or index 1 when `None`) over the departure `period`.
    pub fn new(cfg: &DemandConfig, series: Option<&RecoverySeries>, period: DateRange) -> Curve {
        let dow_mean = cfg.day_of_week.iter().sum::<f64>() / 7.0;
        let daily: Vec<f64> = period
            .days()
            .map(|d| {
                let r = series.map_or(1.0, |s| recovery_index(s, d));
                cfg.scale * r * cfg.day_of_week[d.weekday() as usize - 1] / dow_mean
            })
            .collect();
        let leads = cfg.lead_time_max_days as usize + 1;
        let mean = cfg.lead_time_mean_days.max(1e-6);
        let min = cfg.lead_time_min_days as usize;
        let mut pk: Vec<f64> = (0..leads)
            .map(|k| {
                if k < min {
                    0.0
                } else {
                    (-((k - min) as f64) / mean).exp()
                }
            })
            .collect();
        let total: f64 = pk.iter().sum();
        pk.iter_mut().for_each(|p| *p /= total);
        let first_booking = period.first.plus_days(-(leads as i32 - 1));
        let nb = daily.len() + leads - 1;
        let mut rate = vec![0.0; nb];
        let mut lead_cdf = vec![0.0; nb * leads];
        for b in 0..nb {
            let mut acc = 0.0;
            for (k, p) in pk.iter().enumerate() {
                // departure day index in the period
                let d = b as i64 + k as i64 - (leads as i64 - 1);
                if d >= 0 && (d as usize) < daily.len() {
                    acc += daily[d as usize] * p;
                }
                lead_cdf[b * leads + k] = acc;
            }
            rate[b] = acc;
            if acc > 0.0 {
                for k in 0..leads {
                    lead_cdf[b * leads + k] /= acc;
                }
            }
        }
        let guide = lead_cdf
            .chunks(leads)
            .flat_map(|row| {
                (0..GUIDE).map(|j| row.partition_point(|&c| c <= j as f64 / GUIDE as f64) as u32)
            })
            .collect();
        let mut cum = Vec::with_capacity(nb + 1);
        let mut s = 0.0;
        cum.push(0.0);
        for r in &rate {
            s += r;
            cum.push(s);
        }
        Curve {
            daily,
            first_booking,
            rate,
            cum,
            lead_cdf,
            guide,
            leads,
        }
    }

    /// Expected requests per unit of base daily demand over the whole period (`Σ g(d)`).
    pub fn total(&self) -> f64 {
        self.cum[self.cum.len() - 1]
    }

    /// The first minute at which any request can arrive.
    pub fn start(&self) -> UtcMinute {
        self.first_booking.start_utc()
    }

    /// Advances a stream by one request: moves `pos` forward by `e / base` on the cumulative
    /// intensity axis (`e` an Exp(1) draw, `base` the market's base daily demand) and returns
    /// the request's booking minute and booking-day index, or `None` when the stream is over.
    ///
    /// # Complexity
    /// O(log B) for B booking days.
    #[inline]
    pub fn advance(&self, pos: &mut StreamPos, e: f64, base: f64) -> Option<(UtcMinute, usize)> {
        pos.0 += e / base;
        let s = pos.0;
        if s >= self.total() {
            return None;
        }
        // Last b with cum[b] <= s (rate[b] > 0 there because cum strictly increases past it).
        // Streams move forward, so gallop from the previous booking day before bisecting.
        let mut b = pos.1.min(self.cum.len() - 2);
        if self.cum[b] > s {
            b = 0;
        }
        if self.cum[b + 1] > s {
            // Still on the same booking day (the common case): nothing to search.
            return Some(self.at(pos, b, s));
        }
        let mut step = 1;
        while b + step < self.cum.len() && self.cum[b + step] <= s {
            b += step;
            step *= 2;
        }
        let end = (b + step).min(self.cum.len());
        b += self.cum[b..end].partition_point(|&c| c <= s) - 1;
        Some(self.at(pos, b, s))
    }

    /// The request time at cumulative intensity `s` on booking day `b` (`cum[b] <= s <
    /// cum[b + 1]`), remembering the day in `pos`.
    #[inline]
    fn at(&self, pos: &mut StreamPos, b: usize, s: f64) -> (UtcMinute, usize) {
        pos.1 = b;
        let frac = ((s - self.cum[b]) / self.rate[b]).clamp(0.0, 1.0 - 1e-12);
        let minute = self.first_booking.plus_days(b as i32).start_utc().0
            + (frac * MINUTES_PER_DAY as f64) as i64;
        (UtcMinute(minute), b)
    }

    /// The requested departure date for a request made on booking-day index `b`, from a
    /// uniform draw `u`.
    pub fn departure_day(&self, b: usize, u: f64) -> Day {
        let row = &self.lead_cdf[b * self.leads..(b + 1) * self.leads];
        // What `row.partition_point(|&c| c <= u)` gives, from the guide: `u × GUIDE` and
        // `j / GUIDE` are exact (a power of two), so every value the guide counts is at most
        // `u`, and the scan goes on over the few values between.
        let j = ((u * GUIDE as f64) as usize).min(GUIDE - 1);
        let mut k = self.guide[b * GUIDE + j] as usize;
        while k < row.len() && row[k] <= u {
            k += 1;
        }
        let k = k.min(self.leads - 1);
        self.first_booking.plus_days((b + k) as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period() -> DateRange {
        DateRange::new(
            Day::parse("2023-01-02").unwrap(),
            Day::parse("2023-01-29").unwrap(),
        )
        .unwrap()
    }

    proptest::proptest! {
        /// The guided search for a departure date gives what a binary search of the lead
        /// CDF gives, for any booking day and draw (including draws on the guide's bucket
        /// boundaries).
        #[test]
        fn guided_departure_days_match_a_binary_search(b in 0usize..118, u in 0.0f64..1.0, j in 0usize..64, edge: bool) {
            let cfg = DemandConfig::default();
            let c = Curve::new(&cfg, None, period());
            let u = if edge { j as f64 / GUIDE as f64 } else { u };
            let b = b % (c.lead_cdf.len() / c.leads);
            let row = &c.lead_cdf[b * c.leads..(b + 1) * c.leads];
            let k = row.partition_point(|&x| x <= u).min(c.leads - 1);
            proptest::prop_assert_eq!(c.departure_day(b, u), c.first_booking.plus_days((b + k) as i32));
        }
    }

    #[test]
    fn total_is_the_sum_of_daily_factors() {
        let cfg = DemandConfig::default();
        let c = Curve::new(&cfg, None, period());
        // Four whole weeks: day-of-week factors average to 1.
        assert!((c.total() - 28.0).abs() < 1e-9, "{}", c.total());
    }

    #[test]
    fn departure_days_stay_in_the_period_and_after_booking() {
        let cfg = DemandConfig::default();
        let c = Curve::new(&cfg, None, period());
        let mut pos = StreamPos::default();
        let mut rng =
            flightnet_engine::rng::Stream::new(1, 0, flightnet_engine::rng::Purpose::Demand, 0);
        let mut n = 0;
        while let Some((t, b)) = c.advance(&mut pos, rng.exp1(), 50.0) {
            let d = c.departure_day(b, rng.uniform());
            assert!(period().contains(d));
            assert!(d >= t.day(), "booked {t} for {d}");
            n += 1;
        }
        // Poisson with mean 50 × 28 = 1400: within 5 standard deviations.
        assert!((n as f64 - 1400.0).abs() < 5.0 * 1400f64.sqrt(), "{n}");
    }

    #[test]
    fn lead_times_follow_the_mean() {
        let cfg = DemandConfig {
            lead_time_mean_days: 5.0,
            lead_time_max_days: 60,
            ..DemandConfig::default()
        };
        let long = DateRange::new(
            Day::parse("2023-01-01").unwrap(),
            Day::parse("2023-12-31").unwrap(),
        )
        .unwrap();
        let c = Curve::new(&cfg, None, long);
        let mut pos = StreamPos::default();
        let mut rng =
            flightnet_engine::rng::Stream::new(3, 0, flightnet_engine::rng::Purpose::Demand, 0);
        let (mut sum, mut n) = (0.0, 0.0);
        while let Some((t, b)) = c.advance(&mut pos, rng.exp1(), 20.0) {
            let d = c.departure_day(b, rng.uniform());
            if t.day() > long.first.plus_days(70) && d < long.last.plus_days(-70) {
                sum += (d.0 - t.day().0) as f64;
                n += 1.0;
            }
        }
        // Discrete exponential with p_k ∝ e^{-k/5}: mean = 1/(e^{1/5} - 1) ≈ 4.517.
        let mean = sum / n;
        assert!((mean - 4.517).abs() < 0.15, "{mean}");
    }
}
