//! Booking-request intensity: from departure-date demand to booking-day rates and lead times.
//!
//! For a departure date `d`, requests booked on day `b` (`k = d − b` days ahead) arrive with
//! intensity `base × g(b, d) × p_k`, where `p_k` is the segment's lead-time distribution
//! (from its booking curve) and `g(b, d)` is the departure date's multiplier *as known on the
//! booking day*: scale × weekday × month × recovery index (from the recovery points announced by
//! `b`) × the day's k-factor variate. Requests made on booking day `b` therefore arrive at rate
//! `base × G(b)` with `G(b) = Σ_k g(b, b + k) p_k`, and given a request on day `b`, its lead is
//! `k` with probability `g(b, b + k) p_k / G(b)`. `G` and these conditional lead
//! distributions depend only on the curve, not on the market, so they are computed once per
//! request stream and shared by its markets.
//!
//! Within a booking day the rate is constant, so a stream's requests form a Poisson process with
//! piecewise-constant intensity. [`Curve::advance`] steps it by inverting the cumulative
//! intensity: one exponential draw per request, whatever the gaps between requests.

use flightnet_data::config::{CurvePoint, DemandConfig, RecoverySeries, Segment};
use flightnet_data::time::{DateRange, Day, MINUTES_PER_DAY, UtcMinute};

/// The recovery index of a series on a date (linear between points, flat outside), using every
/// point.
///
/// # Example
/// ```
/// use flightnet_data::config::{RecoveryPoint, RecoverySeries};
/// use flightnet_sim::demand::recovery_index;
/// use flightnet_data::time::Day;
/// let p = |d: &str, index| RecoveryPoint { date: Day::parse(d).unwrap(), index, announced: None, free: false };
/// let s = RecoverySeries { markets: "*".into(), points: vec![p("2023-01-01", 0.2), p("2023-01-11", 0.4)], free: false };
/// assert!((recovery_index(&s, Day::parse("2023-01-06").unwrap()) - 0.3).abs() < 1e-12);
/// assert_eq!(recovery_index(&s, Day::parse("2022-06-01").unwrap()), 0.2);
/// ```
pub fn recovery_index(series: &RecoverySeries, day: Day) -> f64 {
    recovery_index_known(series, day, None)
}

/// The recovery index of a series on departure date `day` as known on booking day `known`: only
/// the points announced on or before `known` count (all of them when `known` is `None`). A
/// series none of whose points is known yet uses its first point's index.
pub fn recovery_index_known(series: &RecoverySeries, day: Day, known: Option<Day>) -> f64 {
    let visible = |p: &&flightnet_data::config::RecoveryPoint| match (known, p.announced) {
        (Some(k), Some(a)) => a <= k,
        _ => true,
    };
    let mut points = series.points.iter().filter(visible).peekable();
    let Some(first) = points.peek().copied() else {
        return series.points.first().map_or(1.0, |p| p.index);
    };
    if day <= first.date {
        return first.index;
    }
    let mut prev = first;
    points.next();
    for p in points {
        if day <= p.date {
            let span = (p.date.0 - prev.date.0) as f64;
            let t = if span > 0.0 {
                (day.0 - prev.date.0) as f64 / span
            } else {
                1.0
            };
            return prev.index + t * (p.index - prev.index);
        }
        prev = p;
    }
    prev.index
}

/// A lead-time distribution: `p[k]` is the share of requests made `k` whole days before
/// departure.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadTimes(pub Vec<f64>);

impl LeadTimes {
    /// The lead times of a segment: from its booking curve, each interval's share spread evenly
    /// over its days; or, without a curve, exponential with the configured mean between the
    /// configured shortest and longest leads.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::config::{CurvePoint, DemandConfig, Segment};
    /// use flightnet_sim::demand::LeadTimes;
    /// let mut s = Segment::business();
    /// s.booking_curve = vec![
    ///     CurvePoint { days_before: 4, share: 0.0 },
    ///     CurvePoint { days_before: 2, share: 0.5 },
    ///     CurvePoint { days_before: 0, share: 1.0 },
    /// ];
    /// let p = LeadTimes::of(&s, &DemandConfig::default());
    /// // Days 3 and 2 share the first half, days 1 and 0 the second.
    /// assert_eq!(p.0, [0.25, 0.25, 0.25, 0.25]);
    /// ```
    pub fn of(segment: &Segment, cfg: &DemandConfig) -> LeadTimes {
        if segment.booking_curve.len() >= 2 {
            return Self::from_curve(&segment.booking_curve);
        }
        let leads = cfg.lead_time_max_days as usize + 1;
        let mean = cfg.lead_time_mean_days.max(1e-6);
        let min = cfg.lead_time_min_days as usize;
        let mut p: Vec<f64> = (0..leads)
            .map(|k| {
                if k < min {
                    0.0
                } else {
                    (-((k - min) as f64) / mean).exp()
                }
            })
            .collect();
        let total: f64 = p.iter().sum();
        p.iter_mut().for_each(|x| *x /= total);
        LeadTimes(p)
    }

    /// From a booking curve (cumulative shares by days before departure, earliest first).
    fn from_curve(curve: &[CurvePoint]) -> LeadTimes {
        let leads = curve[0].days_before.max(1) as usize;
        let mut p = vec![0.0; leads.max(1)];
        for w in curve.windows(2) {
            let (hi, lo) = (w[0].days_before as usize, w[1].days_before as usize);
            let share = (w[1].share - w[0].share).max(0.0);
            if hi > lo {
                for x in &mut p[lo..hi] {
                    *x += share / (hi - lo) as f64;
                }
            } else if let Some(x) = p.get_mut(lo) {
                *x += share;
            }
        }
        let total: f64 = p.iter().sum();
        if total > 0.0 {
            p.iter_mut().for_each(|x| *x /= total);
        }
        LeadTimes(p)
    }
}

/// Buckets per booking day in [`Curve`]'s guide to the lead-time distribution (a power of
/// two).
const GUIDE: usize = 64;

/// What a [`Curve`] is built from.
pub struct CurveSpec<'a> {
    /// The demand settings (scale, weekday and month factors).
    pub cfg: &'a DemandConfig,
    /// The recovery series that applies, if any.
    pub series: Option<&'a RecoverySeries>,
    /// Departure dates simulated.
    pub period: DateRange,
    /// Lead times.
    pub leads: &'a LeadTimes,
    /// Per departure date of `period`, an extra multiplier (the day's k-factor variate
    /// averaged over the stream's markets); `None` = 1.
    pub day_factors: Option<&'a [f64]>,
}

/// Booking-day rates and conditional lead-time distributions for one request stream.
#[derive(Clone, Debug)]
pub struct Curve {
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
    /// Expected requests per unit of base demand for each departure date of the period.
    per_day: Vec<f64>,
}

/// Where a stream is: a position on the cumulative-intensity axis, and the booking day it falls
/// in (a search hint).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StreamPos(pub f64, pub usize);

impl Curve {
    /// Builds the curve.
    ///
    /// # Complexity
    /// O((D + L) × L) for D departure dates and L lead days, plus one pass per announcement
    /// date of the recovery series.
    pub fn new(spec: &CurveSpec<'_>) -> Curve {
        let cfg = spec.cfg;
        let period = spec.period;
        let days = period.len();
        let dow_mean = cfg.day_of_week.iter().sum::<f64>() / 7.0;
        let month_mean = cfg.monthly.iter().sum::<f64>() / 12.0;
        // g without recovery, per departure date.
        let base: Vec<f64> = period
            .days()
            .enumerate()
            .map(|(i, d)| {
                let f = spec.day_factors.map_or(1.0, |x| x[i]);
                cfg.scale * f * cfg.day_of_week[d.weekday() as usize - 1] / dow_mean
                    * cfg.monthly[d.ymd().1 as usize - 1]
                    / month_mean
            })
            .collect();
        // The recovery index by departure date for each state of knowledge: one per distinct
        // announcement date (in order), before the first of them, and "everything known".
        let mut announcements: Vec<Day> = spec
            .series
            .map(|s| s.points.iter().filter_map(|p| p.announced).collect())
            .unwrap_or_default();
        announcements.sort();
        announcements.dedup();
        let index_for = |known: Option<Day>| -> Vec<f64> {
            period
                .days()
                .map(|d| {
                    spec.series
                        .map_or(1.0, |s| recovery_index_known(s, d, known))
                })
                .collect()
        };
        // states[i] applies to booking days before announcements[i]; the last to every later
        // booking day.
        let mut states: Vec<Vec<f64>> = announcements
            .iter()
            .map(|a| index_for(Some(a.plus_days(-1))))
            .collect();
        states.push(index_for(None));
        let pk = &spec.leads.0;
        let leads = pk.len();
        let first_booking = period.first.plus_days(-(leads as i32 - 1));
        let nb = days + leads - 1;
        let mut rate = vec![0.0; nb];
        let mut lead_cdf = vec![0.0; nb * leads];
        let mut per_day = vec![0.0; days];
        for b in 0..nb {
            let booking_day = first_booking.plus_days(b as i32);
            let state = announcements.partition_point(|a| *a <= booking_day);
            let rec = &states[state];
            let mut acc = 0.0;
            for (k, p) in pk.iter().enumerate() {
                // departure day index in the period
                let d = b as i64 + k as i64 - (leads as i64 - 1);
                if d >= 0 && (d as usize) < days {
                    let x = base[d as usize] * rec[d as usize] * p;
                    acc += x;
                    per_day[d as usize] += x;
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
            first_booking,
            rate,
            cum,
            lead_cdf,
            guide,
            leads,
            per_day,
        }
    }

    /// Expected requests per unit of base daily demand over the whole period (`Σ G(b)`).
    pub fn total(&self) -> f64 {
        self.cum[self.cum.len() - 1]
    }

    /// Expected requests per unit of base daily demand for each departure date of the period.
    pub fn per_day(&self) -> &[f64] {
        &self.per_day
    }

    /// The longest lead time plus one (days).
    pub fn leads(&self) -> usize {
        self.leads
    }

    /// The first booking day.
    pub fn first_booking(&self) -> Day {
        self.first_booking
    }

    /// The first minute at which any request can arrive.
    pub fn start(&self) -> UtcMinute {
        self.first_booking.start_utc()
    }

    /// Advances a stream by one request: moves `pos` forward by `e / base` on the cumulative
    /// intensity axis (`e` an Exp(1) draw, `base` the stream's base daily demand) and returns
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
    #[inline]
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

    /// The booking minute of a request for departure-date index `d` made at quantile `q` of
    /// that date's lead-time distribution (even arrivals): lead days counted back from the
    /// date, the position within the booking day by the quantile's remainder.
    pub fn quantile_time(&self, d: usize, q: f64) -> UtcMinute {
        // Requests for date d come from booking days b = d + leads − 1 − k.
        let leads = self.leads;
        let weight = |k: usize| -> f64 {
            let b = d + leads - 1 - k;
            let row = &self.lead_cdf[b * leads..(b + 1) * leads];
            let p = row[k] - if k > 0 { row[k - 1] } else { 0.0 };
            p * self.rate[b]
        };
        let total: f64 = (0..leads).map(weight).sum();
        // Earliest booking first: the largest lead first.
        let mut acc = 0.0;
        for k in (0..leads).rev() {
            let w = weight(k);
            if w <= 0.0 {
                continue;
            }
            if acc + w >= q * total || k == 0 {
                let within = ((q * total - acc) / w).clamp(0.0, 1.0 - 1e-9);
                let b = d + leads - 1 - k;
                let minute = self.first_booking.plus_days(b as i32).start_utc().0
                    + (within * MINUTES_PER_DAY as f64) as i64;
                return UtcMinute(minute);
            }
            acc += w;
        }
        self.first_booking
            .plus_days((d + leads - 1) as i32)
            .start_utc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::config::RecoveryPoint;

    fn period() -> DateRange {
        DateRange::new(
            Day::parse("2023-01-02").unwrap(),
            Day::parse("2023-01-29").unwrap(),
        )
        .unwrap()
    }

    fn exponential() -> LeadTimes {
        let cfg = DemandConfig::default();
        let mut s = Segment::leisure();
        s.booking_curve.clear();
        LeadTimes::of(&s, &cfg)
    }

    fn curve(
        cfg: &DemandConfig,
        series: Option<&RecoverySeries>,
        p: DateRange,
        leads: &LeadTimes,
    ) -> Curve {
        Curve::new(&CurveSpec {
            cfg,
            series,
            period: p,
            leads,
            day_factors: None,
        })
    }

    proptest::proptest! {
        /// The guided search for a departure date gives what a binary search of the lead
        /// CDF gives, for any booking day and draw (including draws on the guide's bucket
        /// boundaries).
        #[test]
        fn guided_departure_days_match_a_binary_search(b in 0usize..118, u in 0.0f64..1.0, j in 0usize..64, edge: bool) {
            let cfg = DemandConfig::default();
            let leads = exponential();
            let c = curve(&cfg, None, period(), &leads);
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
        let c = curve(&cfg, None, period(), &exponential());
        // Four whole weeks: day-of-week factors average to 1.
        assert!((c.total() - 28.0).abs() < 1e-9, "{}", c.total());
        assert!((c.per_day().iter().sum::<f64>() - 28.0).abs() < 1e-9);
    }

    /// Monthly factors scale the departure dates of their month (normalised to a mean of 1).
    #[test]
    fn monthly_factors_scale_their_month() {
        let cfg = DemandConfig {
            day_of_week: [1.0; 7],
            monthly: [2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            ..DemandConfig::default()
        };
        let p = DateRange::new(
            Day::parse("2023-01-30").unwrap(),
            Day::parse("2023-02-02").unwrap(),
        )
        .unwrap();
        let c = curve(&cfg, None, p, &exponential());
        let mean = 13.0 / 12.0;
        let want = [2.0 / mean, 2.0 / mean, 1.0 / mean, 1.0 / mean];
        for (got, want) in c.per_day().iter().zip(want) {
            assert!((got - want).abs() < 1e-12, "{got} against {want}");
        }
    }

    #[test]
    fn departure_days_stay_in_the_period_and_after_booking() {
        let cfg = DemandConfig::default();
        let c = curve(&cfg, None, period(), &exponential());
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
        let mut s = Segment::leisure();
        s.booking_curve.clear();
        let leads = LeadTimes::of(&s, &cfg);
        let long = DateRange::new(
            Day::parse("2023-01-01").unwrap(),
            Day::parse("2023-12-31").unwrap(),
        )
        .unwrap();
        let c = curve(&cfg, None, long, &leads);
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

    /// Time of knowledge: a point announced on 2022-12-26 changes no booking day before it,
    /// and changes the days from it on.
    #[test]
    fn bookings_before_an_announcement_do_not_see_it() {
        let cfg = DemandConfig::default();
        let leads = exponential();
        let p = |d: &str, index, announced: Option<&str>| RecoveryPoint {
            date: Day::parse(d).unwrap(),
            index,
            announced: announced.map(|a| Day::parse(a).unwrap()),
            free: false,
        };
        let before = RecoverySeries {
            markets: "*".into(),
            points: vec![p("2022-12-01", 0.2, None)],
            free: false,
        };
        let mut after = before.clone();
        after.points.push(p("2023-01-08", 0.8, Some("2022-12-26")));
        let period = DateRange::new(
            Day::parse("2022-12-01").unwrap(),
            Day::parse("2023-03-31").unwrap(),
        )
        .unwrap();
        let a = curve(&cfg, Some(&before), period, &leads);
        let b = curve(&cfg, Some(&after), period, &leads);
        let announce = Day::parse("2022-12-26").unwrap();
        let cut = (announce.0 - a.first_booking.0) as usize;
        assert_eq!(a.rate[..cut], b.rate[..cut]);
        assert_eq!(a.lead_cdf[..cut * a.leads], b.lead_cdf[..cut * b.leads]);
        assert!(b.rate[cut + 20] > a.rate[cut + 20]);
    }

    /// Even arrivals: a date's quantile times run from its earliest booking day to the date
    /// itself, in order.
    #[test]
    fn quantile_times_are_ordered_and_before_departure() {
        let cfg = DemandConfig::default();
        let c = curve(&cfg, None, period(), &exponential());
        let d = 10;
        let day = period().first.plus_days(d as i32);
        let mut last = i64::MIN;
        for j in 0..50 {
            let t = c.quantile_time(d, (j as f64 + 0.5) / 50.0);
            assert!(t.0 >= last);
            assert!(t.day() <= day, "{t} for {day}");
            last = t.0;
        }
    }
}
