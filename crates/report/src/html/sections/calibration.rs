//! Calibration: the run against observed aggregates (`--observed`, or the observations a
//! calibrated scenario was fitted to), before and after calibration.

use super::{Context, Run, figure};
use crate::html::charts::{Bar, BarChart, BarRow, LegendEntry};
use crate::html::fmt::{Unit, percent};
use crate::html::markup::{Markup, a, fixed};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_data::input::Metric;
use flightnet_data::time::Day;
use flightnet_sim::observe::{Compared, Comparison};

/// A value of `metric` as people read it.
fn value(metric: Metric, v: f64) -> String {
    match metric {
        Metric::LoadFactor => percent(v),
        Metric::Rpk => Unit::Millions.format(v),
        Metric::Passengers | Metric::Flights => Unit::Count.format(v),
    }
}

/// A signed relative error (`+5.3%`, `−53.8%`).
fn error(e: f64) -> String {
    let s = fixed(e * 100.0, 1);
    match s.strip_prefix('-') {
        Some(abs) => format!("−{abs}%"),
        None if s == "0.0" => "0.0%".to_string(),
        None => format!("+{s}%"),
    }
}

/// Where an observation's dates lie against the run's period.
fn coverage(o: &Compared, start: Day, end: Day) -> &'static str {
    if o.to < start || o.from > end {
        "outside the run's period"
    } else if o.from < start || o.to > end {
        "partly outside the run's period"
    } else {
        ""
    }
}

/// `passengers KC 2023-01-01 to 2023-09-30`.
fn name(o: &Compared) -> String {
    format!(
        "{} {} {}…{}",
        o.metric.name().replace('_', " "),
        o.selector,
        o.from,
        o.to
    )
}

impl Context<'_> {
    pub(super) fn calibration(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "calibration");
        m.elem(
            "p",
            &[a("class", "lead")],
            "Observed aggregates (passengers, load factor, flights or passenger-km of the selected flights over a window of departure dates) against the same figures of the simulated flights. Error is (simulated − observed) / observed; MAPE is the mean absolute percentage error. A calibrated scenario records its values before calibration; observations it held back check the fit.",
        );
        m.append(self.mape_table());
        for (i, r) in self.runs.iter().enumerate() {
            if let Some(c) = &r.summary.calibration {
                m.append(self.observations(i, r, c));
            }
        }
        m.close("section");
        m
    }

    /// MAPE before, after and on held-back observations, per run.
    fn mape_table(&self) -> Markup {
        let mut head = vec!["Mean absolute percentage error".to_string()];
        head.extend(
            self.runs
                .iter()
                .map(|r| super::upper_first(&r.tag("value"))),
        );
        let mut t = Table::new("mape-table", head);
        let rows: [(&str, &str, Pick); 3] = [
            ("before", "Fitted observations, before calibration", |c| {
                c.mape_before
            }),
            ("after", "Fitted observations, this run", |c| Some(c.mape)),
            ("holdout", "Held-back observations, this run", |c| {
                c.holdout_mape
            }),
        ];
        for (id, label, pick) in rows {
            let mut cells = vec![Cell::text(label)];
            for r in &self.runs {
                cells.push(Cell::value(
                    &r.summary
                        .calibration
                        .as_ref()
                        .and_then(pick)
                        .map_or("–".to_string(), percent),
                ));
            }
            t.row(&format!("mape-{id}"), cells);
        }
        t.finish()
    }

    /// One run's observations: a table and a chart of simulated as a share of observed.
    fn observations(&self, i: usize, r: &Run, c: &Comparison) -> Markup {
        let mut m = Markup::new();
        let suffix = if r.label.is_empty() {
            String::new()
        } else {
            format!("-{}", r.label)
        };
        let s = &r.summary.scenario;
        let before = c.observations.iter().any(|o| o.simulated_before.is_some());
        m.elem(
            "h3",
            &[],
            &r.title(&format!(
                "{} observations from {}",
                c.observations.len(),
                c.observed_file
            )),
        );
        let mut head: Vec<String> = ["#", "Metric", "Flights", "Dates", "Observed"]
            .map(String::from)
            .to_vec();
        if before {
            head.push("Simulated before".to_string());
        }
        head.extend(["Simulated", "Error", "Use", "Note"].map(String::from));
        let mut t = Table::new(&format!("calibration-table{suffix}"), head);
        for (k, o) in c.observations.iter().enumerate() {
            let mut cells = vec![
                Cell::text(&(k + 1).to_string()),
                Cell::text(&o.metric.name().replace('_', " ")),
                Cell::text(&o.selector),
                Cell::text(&format!("{} to {}", o.from, o.to)),
                Cell::value(&value(o.metric, o.observed)),
            ];
            if before {
                cells.push(Cell::value(
                    &o.simulated_before
                        .map_or("–".to_string(), |b| value(o.metric, b)),
                ));
            }
            cells.extend([
                Cell::value(&value(o.metric, o.simulated)),
                Cell::value(&error(o.error)),
                Cell::text(if o.fitted { "fitted" } else { "held back" }),
                Cell::text(coverage(o, s.start, s.end)),
            ]);
            t.row(&format!("observation{suffix}-{}", k + 1), cells);
        }
        m.append(t.finish());
        let share = |sim: f64, obs: f64| if obs != 0.0 { sim / obs } else { 0.0 };
        let rows: Vec<BarRow> = c
            .observations
            .iter()
            .enumerate()
            .map(|(k, o)| {
                let mut bars = Vec::new();
                if before {
                    let b = o.simulated_before.map(|b| share(b, o.observed));
                    bars.push(Bar {
                        segments: vec![(b.unwrap_or(0.0), THEME.neutral)],
                        note: b.map_or("–".to_string(), |b| format!("before {}", percent(b))),
                        tooltip: format!(
                            "{}: observed {}, simulated before calibration {}",
                            name(o),
                            value(o.metric, o.observed),
                            o.simulated_before
                                .map_or("–".to_string(), |b| value(o.metric, b))
                        ),
                    });
                }
                let now = share(o.simulated, o.observed);
                let outside = coverage(o, s.start, s.end);
                let mut note = percent(now);
                if !o.fitted {
                    note.push_str(" (held back)");
                }
                if !outside.is_empty() {
                    note.push_str(&format!(" ({outside})"));
                }
                bars.push(Bar {
                    segments: vec![(now, self.run_color(i, THEME.runs[0]))],
                    note,
                    tooltip: format!(
                        "{}: observed {}, simulated {}",
                        name(o),
                        value(o.metric, o.observed),
                        value(o.metric, o.simulated)
                    ),
                });
                BarRow {
                    label: format!("#{} {}", k + 1, name(o)),
                    bars,
                }
            })
            .collect();
        let mut legend = Vec::new();
        if before {
            legend.push(LegendEntry::boxed(THEME.neutral, "before calibration"));
        }
        legend.push(LegendEntry::boxed(
            self.run_color(i, THEME.runs[0]),
            r.tag("this run"),
        ));
        let chart = BarChart {
            id: format!("chart-calibration{suffix}"),
            title: r.title("Simulated as a share of observed"),
            width: THEME.page_width,
            x_label: "simulated / observed (%)".to_string(),
            x_unit: Unit::Share,
            x_min_top: 1.2,
            rows,
            legend,
            reference: Some((1.0, "observed (100%)".to_string())),
        };
        m.open("div", &[a("class", "grid")]);
        figure(
            &mut m,
            chart.svg(),
            "Observations whose dates lie outside the run's period find no simulated flights there (0%): compare them with a run that covers their dates.",
        );
        m.close("div");
        m
    }
}

/// Reads one figure of a comparison.
type Pick = fn(&Comparison) -> Option<f64>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_and_values() {
        assert_eq!(error(-0.5382), "−53.8%");
        assert_eq!(error(0.0526), "+5.3%");
        assert_eq!(error(-0.0001), "0.0%");
        assert_eq!(value(Metric::LoadFactor, 0.84), "84.0%");
        assert_eq!(value(Metric::Rpk, 3_109_906_054.0), "3,109.9 M");
        assert_eq!(value(Metric::Flights, 54.0), "54");
    }
}
