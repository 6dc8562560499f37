//! Simulated values of observed aggregates (`observed.csv`), and how far they are from the
//! observations.

use serde::{Deserialize, Serialize};

use crate::simulation::{FlightStatus, Prepared, Results};
use crate::stats::ratio;
use flightnet_data::input::{FlightSelector, Metric, Observation};
use flightnet_data::network::{Leg, NetworkData};
use flightnet_data::time::Day;

/// Whether a dated leg is one of the selector's flights.
fn selects(s: &FlightSelector, data: &NetworkData, leg: &Leg) -> bool {
    let (o, d) = (data.airport(leg.origin), data.airport(leg.destination));
    match s {
        FlightSelector::All => true,
        FlightSelector::Airline(a) => data.airline(leg.airline).code == *a,
        FlightSelector::Route(a, x, y) => {
            data.airline(leg.airline).code == *a && o.iata == *x && d.iata == *y
        }
        FlightSelector::Airport(a) => o.iata == *a || d.iata == *a,
        FlightSelector::Countries(a, b) => {
            (o.country == *a && d.country == *b) || (o.country == *b && d.country == *a)
        }
    }
}

/// The simulated value of each observation: its metric over the selected flights departing
/// in its dates, averaged over the replications. Dates outside the run's period count
/// nothing.
///
/// # Complexity
/// O(F × O) for F dated flights and O observations per replication.
pub fn simulated(p: &Prepared, results: &[Results], observations: &[Observation]) -> Vec<f64> {
    let data = p.net.data();
    let mut out = vec![0.0; observations.len()];
    for r in results {
        // Per observation: passengers, seats, flights, passenger-km.
        let mut acc = vec![(0.0f64, 0.0f64, 0.0f64, 0.0f64); observations.len()];
        for f in &r.flights {
            if f.status != FlightStatus::Flown {
                continue;
            }
            let leg = p.net.leg(f.leg);
            for (o, a) in observations.iter().zip(acc.iter_mut()) {
                if leg.day >= o.from && leg.day <= o.to && selects(&o.selector, data, leg) {
                    let km = p.net.route(leg.route).distance_km;
                    a.0 += f.passengers as f64;
                    a.1 += leg.seats as f64;
                    a.2 += 1.0;
                    a.3 += f.passengers as f64 * km;
                }
            }
        }
        for ((o, a), x) in observations.iter().zip(&acc).zip(out.iter_mut()) {
            *x += match o.metric {
                Metric::Passengers => a.0,
                Metric::LoadFactor => ratio(a.0, a.1),
                Metric::Flights => a.2,
                Metric::Rpk => a.3,
            } / results.len() as f64;
        }
    }
    out
}

/// One observation against the simulation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    /// What it measures.
    pub metric: Metric,
    /// Which flights (as written in `observed.csv`).
    pub selector: String,
    /// First departure date.
    pub from: Day,
    /// Last departure date.
    pub to: Day,
    /// The observed value.
    pub observed: f64,
    /// The simulated value before calibration, if the scenario was calibrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulated_before: Option<f64>,
    /// The simulated value now.
    pub simulated: f64,
    /// `(simulated − observed) / observed`.
    pub error: f64,
    /// Whether the calibration fitted it (`false`: held back to check the fit).
    #[serde(default = "yes")]
    pub fitted: bool,
}

fn yes() -> bool {
    true
}

/// A run against observed aggregates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The observations file.
    pub observed_file: String,
    /// Each observation.
    pub observations: Vec<Compared>,
    /// Mean absolute percentage error of the fitted observations now (0.1 = 10%).
    pub mape: f64,
    /// The same before calibration, if the scenario was calibrated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mape_before: Option<f64>,
    /// Mean absolute percentage error of the held-back observations now, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holdout_mape: Option<f64>,
}

/// The mean absolute percentage error of `(simulated, observed)` pairs (0 for none).
///
/// # Example
/// ```
/// use flightnet_sim::observe::mape;
/// assert!((mape([(110.0, 100.0), (45.0, 50.0)].into_iter()) - 0.1).abs() < 1e-12);
/// ```
pub fn mape(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut sum, mut n) = (0.0, 0.0);
    for (s, o) in pairs {
        sum += ((s - o) / o).abs();
        n += 1.0;
    }
    if n > 0.0 { sum / n } else { 0.0 }
}

/// Compares observations with their simulated values; `before` holds values from before a
/// calibration, `fitted` says which observations the calibration used.
pub fn compare(
    file: &str,
    observations: &[Observation],
    simulated: &[f64],
    before: Option<&[f64]>,
    fitted: &[bool],
) -> Comparison {
    let rows: Vec<Compared> = observations
        .iter()
        .enumerate()
        .map(|(i, o)| Compared {
            metric: o.metric,
            selector: o.selector.label(),
            from: o.from,
            to: o.to,
            observed: o.value,
            simulated_before: before.map(|b| b[i]),
            simulated: simulated[i],
            error: (simulated[i] - o.value) / o.value,
            fitted: fitted[i],
        })
        .collect();
    let holdout: Vec<(f64, f64)> = rows
        .iter()
        .filter(|r| !r.fitted)
        .map(|r| (r.simulated, r.observed))
        .collect();
    Comparison {
        observed_file: file.to_string(),
        mape: mape(
            rows.iter()
                .filter(|r| r.fitted)
                .map(|r| (r.simulated, r.observed)),
        ),
        mape_before: before.map(|_| {
            mape(
                rows.iter()
                    .filter(|r| r.fitted)
                    .filter_map(|r| r.simulated_before.map(|b| (b, r.observed))),
            )
        }),
        holdout_mape: (!holdout.is_empty()).then(|| mape(holdout.into_iter())),
        observations: rows,
    }
}
