//! `observed.csv`: public aggregates a run can be compared with and calibrated to:
//! `metric,selector,from,to,value,basis,source`.
//!
//! * `metric`: `passengers` (boarded on the selected flights), `load_factor` (their passengers
//!   over their seats, 0 to 1), `flights` (operated) or `rpk` (passenger-kilometres);
//! * `selector`: which flights: an airline (`KC`), one airline's route in one direction
//!   (`KC:ALA-PEK`), an airport (`ALA`: flights leaving or reaching it, so passengers count as
//!   the airport counts them), a country pair (`KZ-CN`: flights between them, both directions)
//!   or `all`;
//! * `from`, `to`: the departure dates counted (inclusive).

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::table::{ColumnSpec, Table, decimal, opt, req};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::network::{NetworkData, Provenance};
use crate::time::Day;

const COLUMNS: &[ColumnSpec] = &[
    req("metric"),
    req("selector"),
    req("from"),
    req("to"),
    req("value"),
    opt("basis"),
    opt("source"),
];

/// What an observation measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Passengers boarded on the selected flights.
    Passengers,
    /// Passengers over seats on the selected flights.
    LoadFactor,
    /// Flights operated.
    Flights,
    /// Revenue passenger-kilometres.
    Rpk,
}

impl Metric {
    /// Parses the `metric` column.
    pub fn parse(s: &str) -> Option<Metric> {
        Some(match s {
            "passengers" => Metric::Passengers,
            "load_factor" => Metric::LoadFactor,
            "flights" => Metric::Flights,
            "rpk" => Metric::Rpk,
            _ => return None,
        })
    }

    /// The name in `observed.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Passengers => "passengers",
            Metric::LoadFactor => "load_factor",
            Metric::Flights => "flights",
            Metric::Rpk => "rpk",
        }
    }
}

/// Which flights an observation covers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlightSelector {
    /// Every flight.
    All,
    /// An airline's flights.
    Airline(String),
    /// An airline's flights from one airport to another.
    Route(String, String, String),
    /// Flights leaving or reaching an airport.
    Airport(String),
    /// Flights between two countries, either direction.
    Countries(String, String),
}

impl FlightSelector {
    /// Parses `all`, `KC`, `KC:ALA-PEK`, `ALA` or `KZ-CN`.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::input::FlightSelector;
    /// assert_eq!(FlightSelector::parse("KC:ALA-PEK"), Some(FlightSelector::Route("KC".into(), "ALA".into(), "PEK".into())));
    /// assert_eq!(FlightSelector::parse("KZ-CN"), Some(FlightSelector::Countries("KZ".into(), "CN".into())));
    /// assert_eq!(FlightSelector::parse("ALA"), Some(FlightSelector::Airport("ALA".into())));
    /// assert_eq!(FlightSelector::parse("KC"), Some(FlightSelector::Airline("KC".into())));
    /// assert_eq!(FlightSelector::parse("kc"), None);
    /// ```
    pub fn parse(s: &str) -> Option<FlightSelector> {
        let code = |x: &str, n: usize| x.len() == n && x.bytes().all(|c| c.is_ascii_uppercase());
        let airline = |x: &str| {
            x.len() == 2
                && x.bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && x.bytes().any(|c| c.is_ascii_uppercase())
        };
        if s == "all" {
            return Some(FlightSelector::All);
        }
        if let Some((a, rest)) = s.split_once(':') {
            let (o, d) = rest.split_once('-')?;
            return (airline(a) && code(o, 3) && code(d, 3) && o != d)
                .then(|| FlightSelector::Route(a.into(), o.into(), d.into()));
        }
        if let Some((a, b)) = s.split_once('-') {
            return (code(a, 2) && code(b, 2))
                .then(|| FlightSelector::Countries(a.into(), b.into()));
        }
        if code(s, 3) {
            return Some(FlightSelector::Airport(s.into()));
        }
        airline(s).then(|| FlightSelector::Airline(s.into()))
    }

    /// The selector as written.
    pub fn label(&self) -> String {
        match self {
            FlightSelector::All => "all".into(),
            FlightSelector::Airline(a) | FlightSelector::Airport(a) => a.clone(),
            FlightSelector::Route(a, o, d) => format!("{a}:{o}-{d}"),
            FlightSelector::Countries(a, b) => format!("{a}-{b}"),
        }
    }

    /// What the selector names that the network must have, if it lacks it.
    fn missing(&self, data: &NetworkData) -> Option<String> {
        let airline = |a: &str| {
            data.airline_id(a)
                .is_none()
                .then(|| format!("an airline code from airlines.csv ({a} is not)"))
        };
        let airport = |a: &str| {
            data.airport_id(a)
                .is_none()
                .then(|| format!("an airport code from airports.csv ({a} is not)"))
        };
        match self {
            FlightSelector::All | FlightSelector::Countries(..) => None,
            FlightSelector::Airline(a) => airline(a),
            FlightSelector::Airport(a) => airport(a),
            FlightSelector::Route(a, o, d) => {
                airline(a).or_else(|| airport(o)).or_else(|| airport(d))
            }
        }
    }
}

/// One observed aggregate.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// What it measures.
    pub metric: Metric,
    /// Which flights.
    pub selector: FlightSelector,
    /// First departure date counted.
    pub from: Day,
    /// Last departure date counted.
    pub to: Day,
    /// The observed value.
    pub value: f64,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Its line in the file.
    pub line: u64,
}

/// Reads and checks `observed.csv` against a network: every problem at once.
///
/// # Errors
/// [`Error::Invalid`] with every bad row, [`Error::Io`] when the file cannot be read.
pub fn load_observed(path: &Path, data: &NetworkData) -> Result<Vec<Observation>> {
    let source = super::Source::File(path.to_path_buf());
    let mut diags = Vec::new();
    let table = Table::read(&source, COLUMNS, &mut diags)?;
    let mut out = Vec::new();
    for row in table.rows() {
        let before = diags.len();
        let metric = row.parse(
            "metric",
            "one of passengers, load_factor, flights, rpk",
            &mut diags,
            Metric::parse,
        );
        let selector = row.parse(
            "selector",
            "all, an airline (KC), a route (KC:ALA-PEK), an airport (ALA) or a country pair (KZ-CN)",
            &mut diags,
            FlightSelector::parse,
        );
        if let Some(s) = &selector
            && let Some(expected) = s.missing(data)
        {
            diags.push(row.error("selector", expected));
        }
        let from = row.parse("from", crate::time::DATE_EXPECTED, &mut diags, Day::parse);
        let to = row.parse("to", crate::time::DATE_EXPECTED, &mut diags, Day::parse);
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            diags.push(row.error("to", format!("a date on or after from ({f})")));
        }
        let value = match metric {
            Some(Metric::LoadFactor) => {
                row.parse("value", "a load factor from 0 to 1", &mut diags, |s| {
                    decimal(s, 0.0, 1.0)
                })
            }
            _ => row.parse("value", "a positive number", &mut diags, |s| {
                decimal(s, f64::MIN_POSITIVE, 1e15)
            }),
        };
        let provenance = super::provenance(&row, &mut diags);
        if diags.len() > before {
            continue;
        }
        if let (Some(metric), Some(selector), Some(from), Some(to), Some(value), Some(provenance)) =
            (metric, selector, from, to, value, provenance)
        {
            out.push(Observation {
                metric,
                selector,
                from,
                to,
                value,
                provenance,
                line: row.line,
            });
        }
    }
    if out.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::line(
            path,
            0,
            "(no rows)",
            "at least one observation",
        ));
    }
    if !diags.is_empty() {
        let mut d = Diagnostics(diags);
        d.sort();
        return Err(Error::Invalid(d));
    }
    Ok(out)
}
