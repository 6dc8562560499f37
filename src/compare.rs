//! Comparing two scenarios with common random numbers.
//!
//! Both scenarios run the same replications with the same seed. Random streams are keyed by
//! request stream (demand, with a fixed number of draws per request) and by dated flight
//! (delays, cancellations), not by position, so when the two scenarios share their markets and
//! demand settings they see the same passengers, and wherever the schedules allow the same
//! disruptions. Each figure's
//! difference is then computed replication by replication (B − A) and summarised with a paired
//! 95% confidence interval, which is far narrower than comparing two independent means.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::runner::Study;
use flightnet_sim::simulation::Results;
use flightnet_sim::stats::{Estimate, ratio};
use flightnet_sim::summary::{HEADLINES, ScenarioInfo, headline_values};

/// One figure in both scenarios and their difference.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    /// Mean in scenario A.
    pub a: f64,
    /// Mean in scenario B.
    pub b: f64,
    /// B − A: mean and paired 95% confidence interval.
    pub diff: Estimate,
}

impl Delta {
    /// From per-replication values of A and B (same replications, same order).
    pub fn of(a: &[f64], b: &[f64]) -> Delta {
        let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
        Delta {
            a: Estimate::of(a).mean,
            b: Estimate::of(b).mean,
            diff: Estimate::of(&d),
        }
    }

    /// Whether the interval excludes zero (a difference beyond the noise).
    pub fn significant(&self) -> bool {
        self.diff.ci95_low > 0.0 || self.diff.ci95_high < 0.0
    }
}

/// Figures of one route, market or hub in both scenarios.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyedDeltas {
    /// What the row is about (`KC ALA-PEK`, `ALA-PEK`, `ALA`).
    pub key: String,
    /// Figure name → delta.
    pub figures: BTreeMap<String, Delta>,
}

/// The comparison of two scenarios.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Comparison {
    /// Scenario A.
    pub a: ScenarioInfo,
    /// Scenario B.
    pub b: ScenarioInfo,
    /// Replications compared.
    pub replications: usize,
    /// Headline figures.
    pub totals: BTreeMap<String, Delta>,
    /// Routes flown in either scenario.
    pub routes: Vec<KeyedDeltas>,
    /// Markets with demand in either scenario.
    pub markets: Vec<KeyedDeltas>,
    /// Airports with connections in either scenario.
    pub hubs: Vec<KeyedDeltas>,
}

/// Per replication: key → figure values.
type Table = BTreeMap<String, Vec<f64>>;

fn route_table(s: &Study, r: &Results) -> BTreeMap<String, Table> {
    let data = s.prepared.net.data();
    let mut out = BTreeMap::new();
    for (i, c) in r.routes.iter().enumerate() {
        if c.flights + c.cancelled == 0 {
            continue;
        }
        let route = s
            .prepared
            .net
            .route(flightnet_data::network::RouteId(i as u32));
        let key = format!(
            "{} {}-{}",
            data.airline(route.airline).code,
            data.airport(route.origin).iata,
            data.airport(route.destination).iata
        );
        let t: Table = [
            ("flights", c.flights as f64),
            ("seats", c.seats as f64),
            ("passengers", c.passengers as f64),
            ("load_factor", c.load_factor()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect();
        out.insert(key, t);
    }
    out
}

fn market_table(s: &Study, r: &Results) -> BTreeMap<String, Table> {
    let data = s.prepared.net.data();
    let mut out = BTreeMap::new();
    for (c, m) in r.markets.iter().zip(&s.prepared.markets) {
        if c.demand == 0 {
            continue;
        }
        let key = format!(
            "{}-{}",
            data.airport(m.origin).iata,
            data.airport(m.destination).iata
        );
        let t: Table = [
            ("demand", c.demand as f64),
            ("carried", c.carried as f64),
            ("spilled", c.spilled as f64),
            ("spill_rate", ratio(c.spilled as f64, c.demand as f64)),
            ("connecting", c.connecting as f64),
            ("misconnected", c.misconnected as f64),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect();
        out.insert(key, t);
    }
    out
}

fn hub_table(s: &Study, r: &Results) -> BTreeMap<String, Table> {
    let data = s.prepared.net.data();
    let mut out = BTreeMap::new();
    for (i, h) in r.hubs.iter().enumerate() {
        if h.connecting == 0 {
            continue;
        }
        let key = data.airports[i].iata.clone();
        let t: Table = [
            ("connecting", h.connecting as f64),
            ("made", h.made as f64),
            ("missed", h.missed as f64),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v]))
        .collect();
        out.insert(key, t);
    }
    out
}

/// Aligns per-replication tables of A and B by key and figure (missing = 0) into deltas.
fn deltas(a: &[BTreeMap<String, Table>], b: &[BTreeMap<String, Table>]) -> Vec<KeyedDeltas> {
    let mut keys: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for t in a.iter().chain(b) {
        for (k, figs) in t {
            keys.entry(k.clone())
                .or_default()
                .extend(figs.keys().cloned());
        }
    }
    let get = |tables: &[BTreeMap<String, Table>], key: &str, fig: &str| -> Vec<f64> {
        tables
            .iter()
            .map(|t| t.get(key).and_then(|f| f.get(fig)).map_or(0.0, |v| v[0]))
            .collect()
    };
    keys.into_iter()
        .map(|(key, figs)| KeyedDeltas {
            figures: figs
                .into_iter()
                .map(|f| {
                    let d = Delta::of(&get(a, &key, &f), &get(b, &key, &f));
                    (f, d)
                })
                .collect(),
            key,
        })
        .collect()
}

/// Compares two prepared scenarios on the replications `reps`.
///
/// # Arguments
/// * `a`, `b`: the scenarios (prepared against their networks).
/// * `ra`, `rb`: their results for the same replications, in the same order.
///
/// # Returns
/// Every headline, route, market and hub figure in A and B with B − A and its paired 95%
/// confidence interval.
pub fn compare(a: &Study, ra: &[Results], b: &Study, rb: &[Results]) -> Comparison {
    assert_eq!(ra.len(), rb.len(), "compare the same replications");
    let ha: Vec<Vec<f64>> = ra.iter().map(headline_values).collect();
    let hb: Vec<Vec<f64>> = rb.iter().map(headline_values).collect();
    let totals = HEADLINES
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let va: Vec<f64> = ha.iter().map(|v| v[k]).collect();
            let vb: Vec<f64> = hb.iter().map(|v| v[k]).collect();
            (name.to_string(), Delta::of(&va, &vb))
        })
        .collect();
    let tables = |s: &Study, rs: &[Results], f: fn(&Study, &Results) -> BTreeMap<String, Table>| {
        rs.iter().map(|r| f(s, r)).collect::<Vec<_>>()
    };
    let info = |s: &Study, rs: &[Results]| s.summary(&rs[..1]).scenario;
    Comparison {
        a: ScenarioInfo {
            replications: ra.len(),
            ..info(a, ra)
        },
        b: ScenarioInfo {
            replications: rb.len(),
            ..info(b, rb)
        },
        replications: ra.len(),
        totals,
        routes: deltas(&tables(a, ra, route_table), &tables(b, rb, route_table)),
        markets: deltas(&tables(a, ra, market_table), &tables(b, rb, market_table)),
        hubs: deltas(&tables(a, ra, hub_table), &tables(b, rb, hub_table)),
    }
}

impl Comparison {
    /// The comparison as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("comparison serialises") + "\n"
    }

    /// Terminal tables: headline figures, then the routes, markets and hubs that changed most.
    /// Each figure has one format in every column: rates as percentages (differences in
    /// percentage points), ASK and RPK in millions, delays in minutes, counts with thousands
    /// separators and one decimal (they are means over replications); routes and markets are
    /// written `ALA–PEK` as in `flightnet run`.
    pub fn to_table(&self, top: usize) -> String {
        use flightnet_report::table::Table as T;
        let mut out = format!(
            "A: {} ({}), B: {} ({}); {} to {}, seed {}, {} replication{} (common random numbers)\n\n",
            self.a.name,
            self.a.file,
            self.b.name,
            self.b.file,
            self.a.start,
            self.a.end,
            self.a.seed,
            self.replications,
            if self.replications == 1 { "" } else { "s" }
        );
        let mut t = T::new(&["figure", "A", "B", "B − A", "95% CI", "sig."]);
        for name in HEADLINES {
            let d = self.totals[*name];
            let f = FigureFormat::of(name);
            t.row(vec![
                name.replace('_', " "),
                f.value(d.a),
                f.value(d.b),
                f.diff(d.diff.mean),
                f.interval(d.diff.ci95_low, d.diff.ci95_high),
                if d.significant() {
                    "*".into()
                } else {
                    String::new()
                },
            ]);
        }
        out.push_str(&t.render("Headline (* = the interval excludes zero)"));
        let section = |rows: &[KeyedDeltas], fig: &str, title: &str, out: &mut String| {
            let mut v: Vec<&KeyedDeltas> = rows
                .iter()
                .filter(|r| r.figures.contains_key(fig))
                .collect();
            v.sort_by(|x, y| {
                y.figures[fig]
                    .diff
                    .mean
                    .abs()
                    .total_cmp(&x.figures[fig].diff.mean.abs())
                    .then(x.key.cmp(&y.key))
            });
            let mut t = T::new(&[
                "",
                &format!("{fig} A"),
                &format!("{fig} B"),
                "B − A",
                "95% CI",
            ]);
            let f = FigureFormat::of(fig);
            for r in v.iter().take(top) {
                let d = r.figures[fig];
                t.row(vec![
                    r.key.replace('-', "–"),
                    f.value(d.a),
                    f.value(d.b),
                    f.diff(d.diff.mean),
                    f.interval(d.diff.ci95_low, d.diff.ci95_high),
                ]);
            }
            out.push_str(&t.render(title));
        };
        section(
            &self.routes,
            "passengers",
            "Routes with the largest change in passengers",
            &mut out,
        );
        section(
            &self.markets,
            "spilled",
            "Markets with the largest change in spill",
            &mut out,
        );
        section(
            &self.hubs,
            "connecting",
            "Hubs with the largest change in connections",
            &mut out,
        );
        out
    }
}

/// How a figure is written in the comparison tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FigureFormat {
    /// A share: `78.8%`, differences in percentage points.
    Rate,
    /// Seat or passenger kilometres: `277.2 M`.
    Millions,
    /// Minutes: `8.4 min`.
    Minutes,
    /// Hundredths of the currency per kilometre (yield, RASK, CASK): `6.54`.
    PerKm,
    /// A count (a mean over replications): `138,673.7`.
    Count,
}

impl FigureFormat {
    fn of(name: &str) -> FigureFormat {
        match name {
            "load_factor" | "spill_rate" | "on_time_performance" | "miss_rate" => {
                FigureFormat::Rate
            }
            "ask" | "rpk" => FigureFormat::Millions,
            "mean_departure_delay" | "mean_arrival_delay" => FigureFormat::Minutes,
            "yield" | "rask" | "cask" => FigureFormat::PerKm,
            _ => FigureFormat::Count,
        }
    }

    fn number(self, x: f64, sign: bool) -> String {
        let (x, unit) = match self {
            FigureFormat::Rate => (x * 100.0, ""),
            FigureFormat::Millions => (x / 1e6, ""),
            FigureFormat::Minutes | FigureFormat::Count | FigureFormat::PerKm => (x, ""),
        };
        let x = if x == 0.0 { 0.0 } else { x }; // no "-0.0"
        let decimals = if self == FigureFormat::PerKm { 2 } else { 1 };
        let text = thousands(&format!("{:.decimals$}", x.abs()));
        let s = if x < 0.0 {
            format!("-{text}")
        } else if sign && x > 0.0 {
            format!("+{text}")
        } else {
            text
        };
        s + unit
    }

    fn suffix(self, difference: bool) -> &'static str {
        match (self, difference) {
            (FigureFormat::Rate, false) => "%",
            (FigureFormat::Rate, true) => " pp",
            (FigureFormat::Millions, _) => " M",
            (FigureFormat::Minutes, _) => " min",
            (FigureFormat::Count | FigureFormat::PerKm, _) => "",
        }
    }

    fn value(self, x: f64) -> String {
        self.number(x, false) + self.suffix(false)
    }

    fn diff(self, x: f64) -> String {
        self.number(x, true) + self.suffix(true)
    }

    fn interval(self, low: f64, high: f64) -> String {
        format!(
            "[{}, {}]{}",
            self.number(low, true),
            self.number(high, true),
            self.suffix(true)
        )
    }
}

/// `1234567.5` → `1,234,567.5`.
fn thousands(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn figure_formats() {
        assert_eq!(FigureFormat::Count.value(138673.66), "138,673.7");
        assert_eq!(FigureFormat::Count.diff(-17854.3), "-17,854.3");
        assert_eq!(FigureFormat::Count.diff(0.0), "0.0");
        assert_eq!(FigureFormat::Rate.value(0.7879), "78.8%");
        assert_eq!(FigureFormat::Rate.diff(0.1287), "+12.9 pp");
        assert_eq!(FigureFormat::Millions.value(277160066.0), "277.2 M");
        assert_eq!(
            FigureFormat::Minutes.interval(-1.25, 2.0),
            "[-1.2, +2.0] min"
        );
    }
}
