//! Calibration: fit the demand parameters a scenario marks as free to observed aggregates.
//!
//! The free parameters are the scales of `[[demand.groups]]` with `free = true`, the indices of
//! `[[demand.recovery]]` points (a whole series with `free = true`, or single points), and the
//! k-factor with `k_factor_free = true`. The observations are `observed.csv` rows (see
//! [`flightnet_data::input::load_observed`]); those ending after `fit_until` are held back and
//! only reported, to show how well the fit predicts what it did not see.
//!
//! The search is Levenberg–Marquardt on the logarithms of the parameters, minimising the sum
//! of squared relative errors `((simulated − observed) / observed)²` of the fitted
//! observations, with forward-difference derivatives. Every evaluation runs the same
//! replications with the same seed (common random numbers), so the differences between
//! evaluations come from the parameters, not from noise.

use flightnet_data::error::{Error, Result};
use flightnet_data::input::{Observation, load_observed};
use flightnet_data::network::NetworkData;
use flightnet_data::scenario::{CalibrationFile, Scenario};
use flightnet_data::time::Day;
use flightnet_sim::observe::{Comparison, compare, simulated};
use serde::Serialize;

use crate::runner::Study;

/// What to fit and how.
#[derive(Clone, Debug)]
pub struct CalibrateOptions {
    /// The observations file.
    pub observed: std::path::PathBuf,
    /// Fit the observations ending on or before this date; hold back the rest.
    pub fit_until: Option<Day>,
    /// Replications per evaluation.
    pub replications: u32,
    /// Most Levenberg–Marquardt iterations.
    pub max_iterations: u32,
}

/// One free parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Param {
    /// `demand.groups[i].scale`.
    Group(usize),
    /// `demand.recovery[i].points[j].index`.
    Recovery(usize, usize),
    /// `demand.k_factor`.
    KFactor,
}

/// A fitted parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fitted {
    /// The scenario key (and its markets).
    pub name: String,
    /// Value before.
    pub before: f64,
    /// Value after.
    pub after: f64,
}

/// The calibration's outcome.
#[derive(Clone, Debug, Serialize)]
pub struct Calibration {
    /// The observations file.
    pub observed_file: String,
    /// Every observation: `metric`, `selector`, `from`, `to`, `observed`,
    /// `simulated_before`, `simulated_after` (as `simulated`), `error`, `fitted`.
    pub observations: Vec<CalibratedObservation>,
    /// The same as a comparison (for reports).
    #[serde(skip)]
    pub comparison: Comparison,
    /// Mean absolute percentage error of the fitted observations before.
    pub mape_before: f64,
    /// The same after.
    pub mape_after: f64,
    /// The held-back observations' error before and after, if any were held back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holdout_mape_before: Option<f64>,
    /// The same after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holdout_mape_after: Option<f64>,
    /// The parameters.
    pub parameters: Vec<Fitted>,
    /// Simulations run.
    pub evaluations: u32,
    /// Iterations of the search.
    pub iterations: u32,
    /// The calibrated scenario.
    #[serde(skip)]
    pub scenario: Scenario,
}

/// Whether a run over `period` can be compared with an observation: a load factor over dates
/// overlapping the period (the ratio of the simulated part), a count over dates within it.
pub fn usable(o: &Observation, period: flightnet_data::time::DateRange) -> bool {
    let overlaps = o.from <= period.last && o.to >= period.first;
    match o.metric {
        flightnet_data::input::Metric::LoadFactor => overlaps,
        _ => o.from >= period.first && o.to <= period.last,
    }
}

/// One observation before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibratedObservation {
    /// What it measures.
    pub metric: flightnet_data::input::Metric,
    /// Which flights.
    pub selector: String,
    /// First departure date.
    pub from: Day,
    /// Last departure date.
    pub to: Day,
    /// Observed value.
    pub observed: f64,
    /// Simulated before calibration.
    pub simulated_before: f64,
    /// Simulated after.
    pub simulated_after: f64,
    /// `(after − observed) / observed`.
    pub error: f64,
    /// Fitted (`false`: held back).
    pub fitted: bool,
    /// Outside the scenario's period (listed, in no error).
    pub outside: bool,
}

/// The free parameters of a scenario.
fn free_parameters(s: &Scenario) -> Vec<Param> {
    let d = &s.file.demand;
    let mut out = Vec::new();
    for (i, g) in d.groups.iter().enumerate() {
        if g.free {
            out.push(Param::Group(i));
        }
    }
    for (i, r) in d.recovery.iter().enumerate() {
        for (j, p) in r.points.iter().enumerate() {
            if r.free || p.free {
                out.push(Param::Recovery(i, j));
            }
        }
    }
    if d.k_factor_free {
        out.push(Param::KFactor);
    }
    out
}

fn get(s: &Scenario, p: Param) -> f64 {
    let d = &s.file.demand;
    match p {
        Param::Group(i) => d.groups[i].scale,
        Param::Recovery(i, j) => d.recovery[i].points[j].index,
        Param::KFactor => d.k_factor,
    }
}

fn set(s: &mut Scenario, p: Param, v: f64) {
    let d = &mut s.file.demand;
    match p {
        Param::Group(i) => d.groups[i].scale = v.clamp(0.0, 100.0),
        Param::Recovery(i, j) => d.recovery[i].points[j].index = v.clamp(0.0, 10.0),
        Param::KFactor => d.k_factor = v.clamp(0.0, 2.0),
    }
}

fn name(s: &Scenario, p: Param) -> String {
    let d = &s.file.demand;
    match p {
        Param::Group(i) => format!("demand.groups[{i}].scale ({})", d.groups[i].markets),
        Param::Recovery(i, j) => format!(
            "demand.recovery[{i}].points[{j}].index ({} {})",
            d.recovery[i].markets, d.recovery[i].points[j].date
        ),
        Param::KFactor => "demand.k_factor".into(),
    }
}

/// Smallest value a parameter's logarithm is taken of.
const FLOOR: f64 = 1e-3;

/// Solves `a x = b` (dense, partial pivoting); `None` when singular.
#[allow(clippy::needless_range_loop)] // row operations read as the textbook writes them
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-12 {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..n {
            let f = a[r][c] / a[c][c];
            for k in c..n {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = vec![0.0; n];
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    Some(x)
}

/// Fits the scenario's free demand parameters to the observations.
///
/// # Arguments
/// * `scenario`: the scenario (its free parameters and their starting values).
/// * `data`: its network.
/// * `opts`: observations, held-back date, replications, iterations.
/// * `progress(done, total)`: called after each simulation (`total` is the most there can be).
///
/// # Errors
/// [`Error::Invalid`] for a bad observations file; [`Error::Request`] when the scenario has no
/// free parameter, or no observation falls in its period to fit.
pub fn calibrate(
    scenario: &Scenario,
    data: &NetworkData,
    opts: &CalibrateOptions,
    progress: &(dyn Fn(u32, u32) + Sync),
) -> Result<Calibration> {
    let observations: Vec<Observation> = load_observed(&opts.observed, data)?;
    let free = free_parameters(scenario);
    if free.is_empty() {
        return Err(Error::Request(format!(
            "{} marks no demand parameter as free: set `free = true` on [[demand.groups]] or [[demand.recovery]] entries (or points), or `k_factor_free = true`",
            scenario.origin
        )));
    }
    let period = scenario.period(data)?;
    let in_period = |o: &Observation| usable(o, period);
    let fitted: Vec<bool> = observations
        .iter()
        .map(|o| in_period(o) && opts.fit_until.is_none_or(|u| o.to <= u))
        .collect();
    if !fitted.iter().any(|&f| f) {
        return Err(Error::Request(format!(
            "no observation in {} lies within the scenario's period {} to {}{}",
            opts.observed.display(),
            period.first,
            period.last,
            opts.fit_until
                .map(|u| format!(" and ends by {u}"))
                .unwrap_or_default()
        )));
    }
    let replications = scenario.file.replications;
    let mut scenario = scenario.clone();
    scenario.file.replications = Some(opts.replications.max(1));
    // The whole period before and after, and the search's evaluations (at most one Jacobian
    // and one accepted step per iteration, and the start when the search period is shorter).
    let max_evals = 3 + opts.max_iterations * (free.len() as u32 + 1);
    let evals = std::sync::atomic::AtomicU32::new(0);
    let evaluate = |s: &Scenario| -> Result<Vec<f64>> {
        let study = Study::with_data(s.clone(), data)?;
        let results = study.run_all(&|_, _| {});
        let values = simulated(&study.prepared, &results, &observations);
        let n = evals.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress(n, max_evals);
        Ok(values)
    };
    let residuals = |values: &[f64]| -> Vec<f64> {
        observations
            .iter()
            .zip(values)
            .zip(&fitted)
            .filter(|(_, f)| **f)
            .map(|((o, v), _)| (v - o.value) / o.value)
            .collect()
    };
    let cost = |r: &[f64]| r.iter().map(|x| x * x).sum::<f64>();
    let before_values = evaluate(&scenario)?;
    let start: Vec<f64> = free.iter().map(|&p| get(&scenario, p)).collect();
    let mut x: Vec<f64> = start.iter().map(|v| v.max(FLOOR).ln()).collect();
    // The search simulates only up to the last fitted observation's end: later dates cannot
    // change the fitted figures (bookings are made before departure and nothing flows back
    // from later flights), and with held-back observations this saves most of the work. The
    // calibrated scenario then runs once over the whole period for the reported figures.
    let fit_end = observations
        .iter()
        .zip(&fitted)
        .filter(|(_, f)| **f)
        .map(|(o, _)| o.to)
        .max()
        .map_or(period.last, |d| d.min(period.last));
    let truncated = fit_end < period.last;
    let with_params = |base: &Scenario, x: &[f64]| {
        let mut s = base.clone();
        for (&p, &v) in free.iter().zip(x) {
            set(&mut s, p, v.exp());
        }
        s
    };
    let mut fit_scenario = scenario.clone();
    if truncated {
        fit_scenario.file.end = Some(fit_end);
    }
    let apply = |x: &[f64]| with_params(&fit_scenario, x);
    let first_values = if truncated {
        evaluate(&fit_scenario)?
    } else {
        before_values.clone()
    };
    let (mut values, mut r) = (first_values.clone(), residuals(&first_values));
    let mut lambda = 1e-2;
    let mut iterations = 0;
    let h = 0.05;
    for _ in 0..opts.max_iterations {
        iterations += 1;
        // Forward-difference Jacobian in log space.
        let mut jac = vec![vec![0.0; free.len()]; r.len()];
        for k in 0..free.len() {
            let mut xk = x.clone();
            xk[k] += h;
            let rk = residuals(&evaluate(&apply(&xk))?);
            for (row, (a, b)) in jac.iter_mut().zip(rk.iter().zip(&r)) {
                row[k] = (a - b) / h;
            }
        }
        let p = free.len();
        let mut jtj = vec![vec![0.0; p]; p];
        let mut jtr = vec![0.0; p];
        for (row, ri) in jac.iter().zip(&r) {
            for a in 0..p {
                jtr[a] += row[a] * ri;
                for b in 0..p {
                    jtj[a][b] += row[a] * row[b];
                }
            }
        }
        let mut improved = false;
        for _ in 0..8 {
            let mut m = jtj.clone();
            for (a, row) in m.iter_mut().enumerate() {
                row[a] += lambda * jtj[a][a].max(1e-6);
            }
            let Some(step) = solve(m, jtr.iter().map(|v| -v).collect()) else {
                lambda *= 10.0;
                continue;
            };
            // Keep steps within a factor of e per iteration.
            let step: Vec<f64> = step.iter().map(|s| s.clamp(-1.0, 1.0)).collect();
            let trial: Vec<f64> = x.iter().zip(&step).map(|(a, b)| a + b).collect();
            let tv = evaluate(&apply(&trial))?;
            let tr = residuals(&tv);
            if cost(&tr) < cost(&r) {
                x = trial;
                values = tv;
                r = tr;
                lambda = (lambda / 3.0).max(1e-6);
                improved = true;
                break;
            }
            lambda *= 10.0;
        }
        if !improved || cost(&r) < 1e-8 {
            break;
        }
    }
    let mut calibrated = with_params(&scenario, &x);
    if truncated {
        values = evaluate(&calibrated)?;
    }
    let parameters = free
        .iter()
        .zip(&start)
        .map(|(&p, &before)| Fitted {
            name: name(&calibrated, p),
            before,
            after: get(&calibrated, p),
        })
        .collect();
    calibrated.file.replications = replications;
    let comparison = compare(
        &opts.observed.display().to_string(),
        &observations,
        &values,
        Some(&before_values),
        &fitted,
    );
    let mut comparison = comparison;
    for (row, o) in comparison.observations.iter_mut().zip(&observations) {
        row.outside = !in_period(o);
    }
    let holdout = |v: &[f64]| -> Option<f64> {
        let pairs: Vec<(f64, f64)> = observations
            .iter()
            .zip(v)
            .zip(&fitted)
            .filter(|((o, _), f)| !**f && in_period(o))
            .map(|((o, s), _)| (*s, o.value))
            .collect();
        (!pairs.is_empty()).then(|| flightnet_sim::observe::mape(pairs.into_iter()))
    };
    calibrated.file.calibration = Some(CalibrationFile {
        observed: opts.observed.display().to_string(),
        fit_until: opts.fit_until,
        before: before_values.clone(),
    });
    Ok(Calibration {
        observed_file: comparison.observed_file.clone(),
        observations: comparison
            .observations
            .iter()
            .map(|o| CalibratedObservation {
                metric: o.metric,
                selector: o.selector.clone(),
                from: o.from,
                to: o.to,
                observed: o.observed,
                simulated_before: o.simulated_before.unwrap_or(f64::NAN),
                simulated_after: o.simulated,
                error: o.error,
                fitted: o.fitted,
                outside: o.outside,
            })
            .collect(),
        mape_before: comparison.mape_before.unwrap_or(0.0),
        mape_after: comparison.mape,
        holdout_mape_before: holdout(&before_values),
        holdout_mape_after: holdout(&values),
        comparison,
        parameters,
        evaluations: evals.load(std::sync::atomic::Ordering::Relaxed),
        iterations,
        scenario: calibrated,
    })
}

impl Calibration {
    /// The outcome as tables: parameters, then every observation.
    pub fn to_table(&self) -> String {
        use flightnet_report::table::Table;
        let mut out = String::new();
        let mut t = Table::new(&["parameter", "before", "after"]);
        for p in &self.parameters {
            t.row(vec![
                p.name.clone(),
                format!("{:.4}", p.before),
                format!("{:.4}", p.after),
            ]);
        }
        out.push_str(&t.render("Free parameters"));
        out.push('\n');
        let mut t = Table::new(&[
            "metric", "selector", "from", "to", "observed", "before", "after", "error", "role",
        ]);
        let fmt = |m: flightnet_data::input::Metric, v: f64| match m {
            flightnet_data::input::Metric::LoadFactor => format!("{:.1}%", v * 100.0),
            _ => flightnet_report::summary_table::thousands(v.round()),
        };
        for o in &self.comparison.observations {
            t.row(vec![
                o.metric.name().into(),
                o.selector.clone(),
                o.from.to_string(),
                o.to.to_string(),
                fmt(o.metric, o.observed),
                o.simulated_before.map_or("-".into(), |b| fmt(o.metric, b)),
                fmt(o.metric, o.simulated),
                format!("{:+.1}%", o.error * 100.0),
                if o.outside {
                    "outside the period"
                } else if o.fitted {
                    "fitted"
                } else {
                    "held back"
                }
                .into(),
            ]);
        }
        out.push_str(&t.render("Observations"));
        out.push_str(&format!(
            "\nMean absolute percentage error of the fitted observations: {:.1}% before, {:.1}% after ({} simulations, {} iterations)\n",
            self.mape_before * 100.0,
            self.mape_after * 100.0,
            self.evaluations,
            self.iterations
        ));
        if let (Some(b), Some(a)) = (self.holdout_mape_before, self.holdout_mape_after) {
            out.push_str(&format!(
                "Held-back observations: {:.1}% before, {:.1}% after\n",
                b * 100.0,
                a * 100.0
            ));
        }
        out
    }

    /// The outcome as JSON (`observations`, `mape_before`, `mape_after`, `parameters`, …).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("calibration serialises") + "\n"
    }
}

/// Compares a finished run with observed aggregates: those of `observed` when given, else
/// those a calibrated scenario names (with their values before calibration). Returns `None`
/// when there is nothing to compare with.
///
/// # Errors
/// [`Error::Invalid`] or [`Error::Io`] for the observations file.
pub fn observed_comparison(
    study: &Study,
    results: &[flightnet_sim::simulation::Results],
    observed: Option<&std::path::Path>,
) -> Result<Option<Comparison>> {
    let calibration = study.scenario.file.calibration.as_ref();
    let (path, before, fit_until) = match (observed, calibration) {
        (Some(p), _) => (p.to_path_buf(), None, None),
        (None, Some(c)) => (
            study.scenario.path(&c.observed),
            Some(c.before.clone()),
            c.fit_until,
        ),
        (None, None) => return Ok(None),
    };
    let data = study.prepared.net.data();
    let observations = load_observed(&path, data)?;
    let values = simulated(&study.prepared, results, &observations);
    // Values from before calibration only when they match the file row for row.
    let before = before.filter(|b| b.len() == observations.len());
    let period = study.scenario.period(data)?;
    let fitted: Vec<bool> = observations
        .iter()
        .map(|o| fit_until.is_none_or(|u| o.to <= u))
        .collect();
    let mut comparison = compare(
        &path.display().to_string(),
        &observations,
        &values,
        before.as_deref(),
        &fitted,
    );
    // Observations the run's period cannot be compared with are listed but count in no error.
    let outside: Vec<bool> = observations.iter().map(|o| !usable(o, period)).collect();
    for (row, &out) in comparison.observations.iter_mut().zip(&outside) {
        row.outside = out;
    }
    let rows = &comparison.observations;
    comparison.mape = flightnet_sim::observe::mape(
        rows.iter()
            .filter(|r| r.fitted && !r.outside)
            .map(|r| (r.simulated, r.observed)),
    );
    comparison.mape_before = comparison.mape_before.map(|_| {
        flightnet_sim::observe::mape(
            rows.iter()
                .filter(|r| r.fitted && !r.outside)
                .filter_map(|r| r.simulated_before.map(|b| (b, r.observed))),
        )
    });
    let held: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| !r.fitted && !r.outside)
        .map(|r| (r.simulated, r.observed))
        .collect();
    comparison.holdout_mape =
        (!held.is_empty()).then(|| flightnet_sim::observe::mape(held.into_iter()));
    Ok(Some(comparison))
}
