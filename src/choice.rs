//! Itinerary choice: a multinomial logit on elapsed time, connections, departure-time
//! displacement and interline.
//!
//! Each itinerary `i` with a seat on every leg gets the utility
//! `V_i = β_time·elapsed_h + β_stop·stops + β_disp·|dep − preferred|_h + β_interline·[interline]`
//! and is chosen with probability `exp(V_i) / Σ_j exp(V_j)`. One uniform draw picks the
//! itinerary (inverse CDF over the candidates in their canonical order), so every request
//! consumes the same number of random numbers whatever the choice set.

use serde::{Deserialize, Serialize};

use crate::itinerary::Itinerary;

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
        Some(scratch.iter().position(|&c| target < c).unwrap_or(only))
    }
}
