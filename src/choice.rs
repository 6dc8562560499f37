//! Itinerary choice: a multinomial logit on elapsed time, connections, departure-time
//! displacement and interline.
//!
//! Each itinerary `i` with a seat on every leg gets the utility
//! `V_i = β_time·elapsed_h + β_stop·stops + β_disp·|dep − preferred|_h + β_interline·[interline]`
//! and is chosen with probability `exp(V_i) / Σ_j exp(V_j)`. One uniform draw picks the
//! itinerary (inverse CDF over the candidates in their canonical order), so every request
//! consumes the same number of random numbers whatever the choice set.
//!
//! The simulation's hot path uses the same logit in factored form ([`Logit`], [`Factors`],
//! [`choose_weighted`]): only the displacement term depends on the passenger, and
//! `exp(β_disp·|dep − p|)` splits into a factor of the itinerary and a factor of the passenger
//! on each side of the preferred time `p`. The factors of an itinerary are computed once with
//! its cached itinerary list, and every factor is a product of tabulated exponentials of whole
//! minutes, so a choice computes no exponential at all. The probabilities are the same up to
//! floating-point rounding.

use serde::{Deserialize, Serialize};

use crate::itinerary::Itinerary;

/// Largest exponent the factored form works with: beyond it (absurd coefficients or times far
/// from the reference) products of factors could overflow or underflow, so callers fall back
/// to [`ChoiceConfig::choose_among`].
const FACTOR_LIMIT: f64 = 300.0;

/// Minutes either side of the reference time covered by the displacement table (three days:
/// a date's departures and preferred times lie within a day and a half of its start, and
/// recapture looks a few days away).
const DISPLACEMENT_MINUTES: i64 = 3 * 24 * 60;

/// Elapsed minutes covered by the elapsed-time table (two days).
const ELAPSED_MINUTES: i64 = 2 * 24 * 60;

/// An itinerary's logit weight at a reference time `t0`, split by the side of the passenger's
/// preferred time it departs on: with `s` the utility without the displacement term, `c` the
/// displacement coefficient per hour and `h = (dep − t0)/60`, `later = exp(s + c·h)` (for a
/// departure at or after the preferred time) and `earlier = exp(s − c·h)` (before it).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Factors {
    /// Weight factor for a departure at or after the preferred time.
    pub later: f64,
    /// Weight factor for a departure before the preferred time.
    pub earlier: f64,
}

/// Multinomial logit coefficients (utility units per hour or per occurrence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChoiceConfig {
    /// Per hour of elapsed time (first departure to last arrival); ≤ 0.
    pub elapsed_per_hour: f64,
    /// Per connection; ≤ 0.
    pub per_connection: f64,
    /// Per hour between the preferred and the actual departure time; ≤ 0.
    pub displacement_per_hour: f64,
    /// For an itinerary combining two airlines; ≤ 0.
    pub interline: f64,
}

impl Default for ChoiceConfig {
    fn default() -> Self {
        ChoiceConfig {
            elapsed_per_hour: -0.40,
            per_connection: -1.00,
            displacement_per_hour: -0.12,
            interline: -0.50,
        }
    }
}

impl ChoiceConfig {
    /// The utility of an itinerary for a passenger who prefers to leave at `preferred`
    /// (UTC minutes).
    #[inline]
    pub fn utility(&self, it: &Itinerary, preferred: i64) -> f64 {
        self.elapsed_per_hour * it.elapsed() as f64 / 60.0
            + self.per_connection * it.stops() as f64
            + self.displacement_per_hour * (it.dep.0 - preferred).abs() as f64 / 60.0
            + if it.interline { self.interline } else { 0.0 }
    }

    /// Picks one of `options` with logit probabilities, using the uniform draw `u` in [0, 1).
    ///
    /// # Returns
    /// The index of the chosen itinerary, or `None` when `options` is empty.
    ///
    /// # Example
    /// ```
    /// use flightnet::choice::ChoiceConfig;
    /// use flightnet::itinerary::Itinerary;
    /// use flightnet::network::LegId;
    /// use flightnet::time::UtcMinute;
    /// let it = |dep, arr| Itinerary { first: LegId(0), second: None, dep: UtcMinute(dep), arr: UtcMinute(arr), interline: false };
    /// let c = ChoiceConfig { elapsed_per_hour: -1.0, per_connection: 0.0, displacement_per_hour: 0.0, interline: 0.0 };
    /// // Two equal options: below 0.5 picks the first, above the second.
    /// let opts = [it(0, 60), it(0, 60)];
    /// assert_eq!(c.choose(&opts, 0, 0.49, &mut Vec::new()), Some(0));
    /// assert_eq!(c.choose(&opts, 0, 0.51, &mut Vec::new()), Some(1));
    /// ```
    pub fn choose(
        &self,
        options: &[Itinerary],
        preferred: i64,
        u: f64,
        scratch: &mut Vec<f64>,
    ) -> Option<usize> {
        self.choose_among(options, |it| Some(*it), preferred, u, scratch)
    }

    /// Like [`ChoiceConfig::choose`] over the options for which `view` gives an itinerary (the
    /// others, e.g. without a free seat, are skipped), without copying them: the result is the
    /// index in `options`, and it is exactly what `choose` would pick from the list of viewed
    /// itineraries.
    pub fn choose_among<T>(
        &self,
        options: &[T],
        view: impl Fn(&T) -> Option<Itinerary>,
        preferred: i64,
        u: f64,
        scratch: &mut Vec<f64>,
    ) -> Option<usize> {
        scratch.clear();
        let mut max = f64::NEG_INFINITY;
        let mut count = 0;
        let mut only = 0;
        for (i, x) in options.iter().enumerate() {
            if let Some(it) = view(x) {
                let v = self.utility(&it, preferred);
                max = max.max(v);
                scratch.push(v);
                count += 1;
                only = i;
            } else {
                scratch.push(f64::NAN);
            }
        }
        match count {
            0 => return None,
            1 => return Some(only),
            _ => {}
        }
        // Cumulative weights: each option's entry becomes the running total up to it.
        let mut total = 0.0;
        for v in scratch.iter_mut() {
            if !v.is_nan() {
                total += (*v - max).exp();
                *v = total;
            }
        }
        let target = u * total;
        if let Some(i) = scratch.iter().position(|&c| target < c) {
            return Some(i);
        }
        Some(only)
    }
}

/// Picks one of `options` with probabilities proportional to the weights `weight` gives (the
/// others, e.g. without a free seat, are skipped), using the uniform draw `u` in [0, 1):
/// the inverse CDF over the options in their order, one pass. With weights `exp(V)` this is
/// [`ChoiceConfig::choose_among`]'s logit; a single candidate is returned without looking at
/// `u`, as there.
///
/// # Arguments
/// Weights must be finite and positive (as the factored form's are).
///
/// # Returns
/// The index of the chosen option, or `None` when no option has a weight.
///
/// # Complexity
/// O(n) for n options.
pub fn choose_weighted<T>(
    options: &[T],
    weight: impl Fn(&T) -> Option<f64>,
    u: f64,
    scratch: &mut Vec<f64>,
) -> Option<usize> {
    scratch.clear();
    let mut total = 0.0;
    let mut count = 0;
    let mut only = 0;
    for (i, x) in options.iter().enumerate() {
        // Running totals; an option without a weight repeats the total before it, so the
        // first total above the target is always an option with a weight.
        if let Some(w) = weight(x) {
            total += w;
            count += 1;
            only = i;
        }
        scratch.push(total);
    }
    match count {
        0 => return None,
        1 => return Some(only),
        _ => {}
    }
    let target = u * total;
    Some(scratch.iter().position(|&c| target < c).unwrap_or(only))
}

/// The logit of a [`ChoiceConfig`] prepared for the factored form: exponentials of each
/// utility term tabulated by whole minute, so weights are products of table entries.
///
/// # Example
/// ```
/// use flightnet::choice::{ChoiceConfig, Logit, choose_weighted};
/// use flightnet::itinerary::Itinerary;
/// use flightnet::network::LegId;
/// use flightnet::time::UtcMinute;
/// let it = |dep, arr| Itinerary { first: LegId(0), second: None, dep: UtcMinute(dep), arr: UtcMinute(arr), interline: false };
/// let c = ChoiceConfig::default();
/// let logit = Logit::new(&c);
/// let opts = [it(600, 900), it(720, 1000), it(1500, 1700)];
/// let (t0, preferred) = (0, 700);
/// let (a, b) = logit.scales(preferred, t0).unwrap();
/// let w: Vec<f64> = opts.iter().map(|o| {
///     let f = logit.factors(o, t0).unwrap();
///     if o.dep.0 >= preferred { f.later * a } else { f.earlier * b }
/// }).collect();
/// // The weights are exp(utility), up to rounding.
/// for (o, w) in opts.iter().zip(&w) {
///     assert!((w.ln() - c.utility(o, preferred)).abs() < 1e-12);
/// }
/// assert_eq!(choose_weighted(&w, |&w| Some(w), 0.0, &mut Vec::new()), Some(0));
/// ```
#[derive(Clone, Debug)]
pub struct Logit {
    cfg: ChoiceConfig,
    /// `exp(β_disp·k/60)` for k in `−DISPLACEMENT_MINUTES..=DISPLACEMENT_MINUTES`.
    displacement: Vec<f64>,
    /// `exp(β_time·e/60)` for e in `0..=ELAPSED_MINUTES`.
    elapsed: Vec<f64>,
    /// `exp(β_stop)`.
    connection: f64,
    /// `exp(β_interline)`.
    interline: f64,
}

impl Logit {
    /// Tabulates `cfg`'s terms.
    ///
    /// # Complexity
    /// O(D + E) exponentials for the D and E minutes the tables cover (about 11,500).
    pub fn new(cfg: &ChoiceConfig) -> Logit {
        Logit {
            cfg: cfg.clone(),
            displacement: (-DISPLACEMENT_MINUTES..=DISPLACEMENT_MINUTES)
                .map(|k| (cfg.displacement_per_hour * k as f64 / 60.0).exp())
                .collect(),
            elapsed: (0..=ELAPSED_MINUTES)
                .map(|e| (cfg.elapsed_per_hour * e as f64 / 60.0).exp())
                .collect(),
            connection: cfg.per_connection.exp(),
            interline: cfg.interline.exp(),
        }
    }

    /// `exp(β_disp·k/60)`, from the table when it covers `k`.
    #[inline]
    fn displacement(&self, k: i64) -> f64 {
        match self.displacement.get((k + DISPLACEMENT_MINUTES) as usize) {
            Some(&x) if k >= -DISPLACEMENT_MINUTES => x,
            _ => (self.cfg.displacement_per_hour * k as f64 / 60.0).exp(),
        }
    }

    /// The factors of `it`'s logit weight at reference time `t0` (UTC minutes), or `None` when
    /// an exponent is too large for the factored form.
    ///
    /// # Complexity
    /// O(1): table lookups (exponentials only beyond the tables).
    #[inline]
    pub fn factors(&self, it: &Itinerary, t0: i64) -> Option<Factors> {
        let c = &self.cfg;
        let (e, h) = (it.elapsed(), it.dep.0 - t0);
        let s = c.elapsed_per_hour * e as f64 / 60.0
            + c.per_connection * it.stops() as f64
            + if it.interline { c.interline } else { 0.0 };
        let d = c.displacement_per_hour * h as f64 / 60.0;
        if (s + d).abs() > FACTOR_LIMIT || (s - d).abs() > FACTOR_LIMIT {
            return None;
        }
        let mut fixed = match self.elapsed.get(e as usize) {
            Some(&x) if e >= 0 => x,
            _ => (c.elapsed_per_hour * e as f64 / 60.0).exp(),
        };
        if it.second.is_some() {
            fixed *= self.connection;
        }
        if it.interline {
            fixed *= self.interline;
        }
        Some(Factors {
            later: fixed * self.displacement(h),
            earlier: fixed * self.displacement(-h),
        })
    }

    /// The passenger's factors for a preferred departure at `preferred` against reference
    /// time `t0`: `(a, b)` such that an itinerary's weight is `later · a` if it departs at or
    /// after `preferred` and `earlier · b` before it (proportional to `exp(V)`); `None` when
    /// the exponent is too large for the factored form.
    #[inline]
    pub fn scales(&self, preferred: i64, t0: i64) -> Option<(f64, f64)> {
        let k = preferred - t0;
        let x = self.cfg.displacement_per_hour * k as f64 / 60.0;
        (x.abs() <= FACTOR_LIMIT).then(|| (self.displacement(-k), self.displacement(k)))
    }
}
