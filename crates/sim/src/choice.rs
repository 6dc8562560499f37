//! Itinerary choice: a multinomial logit on elapsed time, connections, departure-time
//! displacement and interline.
//!
//! Each itinerary `i` with a seat on every leg gets the utility
//! `V_i = β_time·elapsed_h + β_stop·stops + β_disp·|dep − preferred|_h + β_interline·[interline]`
//! and is chosen with probability `exp(V_i) / Σ_j exp(V_j)`. One uniform draw picks the
//! itinerary (inverse CDF over the candidates in their canonical order), so every request
//! consumes the same number of random numbers whatever the choice set.
//!
//! The simulation chooses through [`Logit`], the same model with its exponentials tabulated by
//! whole minute: `exp(V_i)` is a product of table entries, so a choice computes no exponential
//! (the probabilities are the same up to floating-point rounding).

use flightnet_data::config::ChoiceConfig;

use crate::itinerary::Itinerary;

/// The utility of an itinerary for a passenger who prefers to leave at `preferred`
/// (UTC minutes).
#[inline]
pub fn utility(cfg: &ChoiceConfig, it: &Itinerary, preferred: i64) -> f64 {
    cfg.elapsed_per_hour * it.elapsed() as f64 / 60.0
        + cfg.per_connection * it.stops() as f64
        + displacement_utility(cfg, (it.dep.0 - preferred).abs())
        + if it.interline { cfg.interline } else { 0.0 }
}

/// Picks one of `options` with logit probabilities, using the uniform draw `u` in [0, 1).
///
/// # Returns
/// The index of the chosen itinerary, or `None` when `options` is empty.
///
/// # Example
/// ```
/// use flightnet_data::config::ChoiceConfig;
/// use flightnet_sim::choice::choose;
/// use flightnet_sim::itinerary::Itinerary;
/// use flightnet_data::network::LegId;
/// use flightnet_data::time::UtcMinute;
/// let it = |dep, arr| Itinerary { first: LegId(0), second: None, third: None, dep: UtcMinute(dep), arr: UtcMinute(arr), interline: false };
/// let c = ChoiceConfig { elapsed_per_hour: -1.0, per_connection: 0.0, displacement_per_hour: 0.0, interline: 0.0, ..ChoiceConfig::default() };
/// // Two equal options: below 0.5 picks the first, above the second.
/// let opts = [it(0, 60), it(0, 60)];
/// assert_eq!(choose(&c, &opts, 0, 0.49, &mut Vec::new()), Some(0));
/// assert_eq!(choose(&c, &opts, 0, 0.51, &mut Vec::new()), Some(1));
/// ```
pub fn choose(
    cfg: &ChoiceConfig,
    options: &[Itinerary],
    preferred: i64,
    u: f64,
    scratch: &mut Vec<f64>,
) -> Option<usize> {
    choose_among(cfg, options, |it| Some(*it), preferred, u, scratch)
}

/// Like [`choose`] over the options for which `view` gives an itinerary (the
/// others, e.g. without a free seat, are skipped), without copying them: the result is the
/// index in `options`, and it is exactly what `choose` would pick from the list of viewed
/// itineraries.
pub fn choose_among<T>(
    cfg: &ChoiceConfig,
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
            let v = utility(cfg, &it, preferred);
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

/// The utility of leaving `minutes` away from the preferred time: linear and quadratic in
/// hours (`displacement_per_hour`, `displacement_per_hour_squared`).
#[inline]
pub fn displacement_utility(cfg: &ChoiceConfig, minutes: i64) -> f64 {
    let h = minutes as f64 / 60.0;
    cfg.displacement_per_hour * h + cfg.displacement_per_hour_squared * h * h
}

/// Minutes covered by [`Logit`]'s tables of elapsed and displacement times (three days: an
/// itinerary's elapsed time and its distance from a preferred time on its date, or on a date
/// recapture looks at, fall within them; beyond them the weight is computed directly).
const TABLE_MINUTES: i64 = 3 * 24 * 60;

/// A [`ChoiceConfig`]'s logit with its exponentials tabulated by whole minute.
///
/// All coefficients are at most 0, so every weight `exp(V)` is at most 1 and the product of
/// table entries cannot overflow. Should every candidate's weight underflow to 0 (coefficients
/// of hundreds per hour), [`Logit::choose_among`] falls back to
/// [`choose_among`], which works relative to the best utility.
///
/// # Example
/// ```
/// use flightnet_data::config::ChoiceConfig;
/// use flightnet_sim::choice::{Logit, utility};
/// use flightnet_sim::itinerary::Itinerary;
/// use flightnet_data::network::LegId;
/// use flightnet_data::time::UtcMinute;
/// let it = Itinerary { first: LegId(0), second: Some(LegId(1)), third: None, dep: UtcMinute(600), arr: UtcMinute(1000), interline: true };
/// let c = ChoiceConfig::default();
/// let logit = Logit::new(&c);
/// let w = logit.weight(&it, 700);
/// assert!((w.ln() - utility(&c, &it, 700)).abs() < 1e-12);
/// ```
#[derive(Clone, Debug)]
pub struct Logit {
    cfg: ChoiceConfig,
    /// `exp(β_time·m/60)` for m in `0..=TABLE_MINUTES`.
    elapsed: Vec<f64>,
    /// `exp(β_disp·m/60)` for m in `0..=TABLE_MINUTES`.
    displacement: Vec<f64>,
    /// `exp(β_stop · k)` for k = 0, 1, 2 connections.
    connections: [f64; 3],
    /// `exp(β_interline)`.
    interline: f64,
}

impl Logit {
    /// Tabulates `cfg`'s terms.
    ///
    /// # Complexity
    /// 2 × 4,321 exponentials.
    pub fn new(cfg: &ChoiceConfig) -> Logit {
        let table = |beta: f64, beta2: f64| -> Vec<f64> {
            (0..=TABLE_MINUTES)
                .map(|m| {
                    let h = m as f64 / 60.0;
                    (beta * h + beta2 * h * h).exp()
                })
                .collect()
        };
        Logit {
            cfg: cfg.clone(),
            elapsed: table(cfg.elapsed_per_hour, 0.0),
            displacement: table(cfg.displacement_per_hour, cfg.displacement_per_hour_squared),
            connections: [
                1.0,
                cfg.per_connection.exp(),
                (2.0 * cfg.per_connection).exp(),
            ],
            interline: cfg.interline.exp(),
        }
    }

    /// `exp(beta·h + beta2·h²)` for `h = minutes / 60`, from `table` when it covers
    /// `minutes`.
    #[inline]
    fn term(table: &[f64], beta: f64, beta2: f64, minutes: i64) -> f64 {
        // A negative `minutes` wraps past the table's end.
        match table.get(minutes as usize) {
            Some(&x) => x,
            None => Self::untabulated(beta, beta2, minutes),
        }
    }

    /// `exp(beta·h + beta2·h²)` off the tables (rare, and kept out of the hot loops so their
    /// registers are not spilled around the call).
    #[cold]
    #[inline(never)]
    fn untabulated(beta: f64, beta2: f64, minutes: i64) -> f64 {
        let h = minutes as f64 / 60.0;
        (beta * h + beta2 * h * h).exp()
    }

    /// The logit weight `exp(V)` of `it` for a passenger who prefers to leave at `preferred`
    /// (UTC minutes).
    ///
    /// # Complexity
    /// O(1): two table lookups (exponentials only beyond the tables).
    #[inline]
    pub fn weight(&self, it: &Itinerary, preferred: i64) -> f64 {
        self.weight_of(
            it.elapsed(),
            (it.dep.0 - preferred).abs(),
            it.stops(),
            it.interline,
        )
    }

    /// The logit weight of an itinerary given by its parts: elapsed minutes, minutes between
    /// the preferred and the actual departure, its number of connections (0, 1 or 2; each
    /// costs `per_connection`) and whether it is interline. Equal to [`Logit::weight`] to the
    /// last bit.
    #[inline]
    pub fn weight_of(&self, elapsed: i64, displacement: i64, stops: u32, interline: bool) -> f64 {
        let c = &self.cfg;
        // Multiplying by 1.0 is exact, so the factors of the absent terms change nothing.
        Self::term(&self.elapsed, c.elapsed_per_hour, 0.0, elapsed)
            * Self::term(
                &self.displacement,
                c.displacement_per_hour,
                c.displacement_per_hour_squared,
                displacement,
            )
            * self.connections[(stops as usize).min(2)]
            * [1.0, self.interline][interline as usize]
    }

    /// The option that draw `u` picks given the running weight totals `totals` of options
    /// (an option without a seat repeats the total before it) and the last viewed option
    /// `last`: the first total above `u × total`.
    #[inline]
    pub fn pick(totals: &[f64], u: f64, last: usize) -> usize {
        let target = u * totals.last().copied().unwrap_or(0.0);
        totals.iter().position(|&c| target < c).unwrap_or(last)
    }

    /// [`choose_among`] with the tabulated weights, in one pass: the same
    /// probabilities up to rounding, the same single candidate without looking at `u`, and
    /// `None` when no option is viewed.
    ///
    /// # Complexity
    /// O(n) for n options.
    #[inline]
    pub fn choose_among<T>(
        &self,
        options: &[T],
        view: impl Fn(&T) -> Option<Itinerary>,
        preferred: i64,
        u: f64,
        scratch: &mut Vec<f64>,
    ) -> Option<usize> {
        // Running totals, written in place; an option not viewed repeats the total before it,
        // so the first total above the target is always a viewed option.
        scratch.clear();
        scratch.resize(options.len(), 0.0);
        let (mut total, mut count, mut only) = (0.0, 0, 0);
        for (i, (x, t)) in options.iter().zip(scratch.iter_mut()).enumerate() {
            if let Some(it) = view(x) {
                total += self.weight(&it, preferred);
                count += 1;
                only = i;
            }
            *t = total;
        }
        match count {
            0 => None,
            1 => Some(only),
            _ if total <= 0.0 => choose_among(&self.cfg, options, view, preferred, u, scratch),
            _ => Some(Self::pick(scratch, u, only)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::network::LegId;
    use flightnet_data::time::UtcMinute;
    use proptest::prelude::*;

    fn itinerary(dep: i64, elapsed: i64, connect: bool, interline: bool) -> Itinerary {
        Itinerary {
            first: LegId(0),
            second: connect.then_some(LegId(1)),
            third: None,
            dep: UtcMinute(dep),
            arr: UtcMinute(dep + elapsed),
            interline: connect && interline,
        }
    }

    fn options() -> impl Strategy<Value = Vec<(i64, i64, bool, bool, bool)>> {
        // (departure, elapsed, connection, interline, has a seat); departures and elapsed
        // times reach past the tables.
        prop::collection::vec(
            (
                -5000i64..5000,
                30i64..5000,
                any::<bool>(),
                any::<bool>(),
                prop::bool::weighted(0.8),
            ),
            0..12,
        )
    }

    proptest! {
        /// The tabulated weight is exp(utility) up to rounding, on and off the tables.
        #[test]
        fn weights_are_the_exponential_of_the_utility(
            dep in -6000i64..6000,
            elapsed in 0i64..6000,
            connect: bool,
            interline: bool,
        ) {
            let c = ChoiceConfig::default();
            let it = itinerary(dep, elapsed, connect, interline);
            let w = Logit::new(&c).weight(&it, 0);
            let v = utility(&c, &it, 0);
            prop_assert!((w.ln() - v).abs() <= 1e-12 * v.abs().max(1.0), "{w} against exp({v})");
            // With a third leg: the connection penalty counts twice.
            let two = Itinerary { third: it.second.map(|_| LegId(2)), ..it };
            let w2 = Logit::new(&c).weight(&two, 0);
            let v2 = utility(&c, &two, 0);
            prop_assert!((w2.ln() - v2).abs() <= 1e-12 * v2.abs().max(1.0), "{w2} against exp({v2})");
            if connect {
                prop_assert!((v2 - v - c.per_connection).abs() < 1e-12);
            }
        }

        /// The tabulated choice picks what the direct one picks (draws landing within rounding
        /// of a boundary between two options aside: none does in these cases).
        #[test]
        fn tabulated_choice_picks_as_the_direct_one(opts in options(), u in 0.0f64..1.0, preferred in -3000i64..3000) {
            let c = ChoiceConfig::default();
            let logit = Logit::new(&c);
            let view = |o: &(i64, i64, bool, bool, bool)| o.4.then(|| itinerary(o.0, o.1, o.2, o.3));
            let want = choose_among(&c, &opts, view, preferred, u, &mut Vec::new());
            let got = logit.choose_among(&opts, view, preferred, u, &mut Vec::new());
            prop_assert_eq!(got, want);
        }
    }

    /// When every weight underflows, the choice falls back to the direct form, which still
    /// tells the options apart.
    #[test]
    fn underflowing_weights_fall_back_to_the_direct_choice() {
        let c = ChoiceConfig {
            displacement_per_hour: -400.0,
            ..ChoiceConfig::default()
        };
        let logit = Logit::new(&c);
        // 3 and 4 hours from the preferred time: weights e^-1200 and e^-1600, both 0.0.
        let opts = [
            itinerary(180, 60, false, false),
            itinerary(240, 60, false, false),
        ];
        assert_eq!(logit.weight(&opts[0], 0), 0.0);
        for u in [0.0, 0.5, 0.999] {
            let want = choose_among(&c, &opts, |o| Some(*o), 0, u, &mut Vec::new());
            assert_eq!(want, Some(0));
            assert_eq!(
                logit.choose_among(&opts, |o| Some(*o), 0, u, &mut Vec::new()),
                want
            );
        }
    }
}
