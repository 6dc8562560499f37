//! The scenario's parameters and the headline figures.

use std::collections::BTreeSet;

use super::{Context, Run, upper_first};
use crate::html::fmt::{change, count, figure as headline_figure, headline_unit, money_label};
use crate::html::markup::{Markup, a};
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::HEADLINES;

impl Context<'_> {
    pub(super) fn scenario(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "scenario");
        let mut head = vec!["".to_string()];
        head.extend(self.runs.iter().map(|r| r.tag("").trim().to_string()));
        let table: Vec<Vec<(&str, &str, String)>> = self.runs.iter().map(scenario_rows).collect();
        let mut t = Table::new("scenario-table", head);
        for (k, (id, label, _)) in table[0].iter().enumerate() {
            let mut cells = vec![Cell::text(label)];
            cells.extend(table.iter().map(|rows| Cell::text(&rows[k].2)));
            t.row(&format!("scenario-{id}"), cells);
        }
        let focus = self
            .focus
            .as_ref()
            .map_or("none (no international route)".to_string(), |f| {
                format!("{} ({})", f.name(), f.code())
            });
        let mut cells = vec![Cell::text("Focus market")];
        cells.extend(self.runs.iter().map(|_| Cell::text(&focus)));
        t.row("scenario-focus", cells);
        m.append(t.finish());
        m.close("section");
        m
    }

    pub(super) fn headline(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "headline");
        let names: BTreeSet<&String> = self
            .runs
            .iter()
            .flat_map(|r| r.summary.totals.keys())
            .collect();
        let ordered: Vec<String> = HEADLINES
            .iter()
            .map(|s| s.to_string())
            .chain(
                names
                    .into_iter()
                    .filter(|n| !HEADLINES.contains(&n.as_str()))
                    .cloned(),
            )
            .collect();
        m.append(self.figure_table("headline-table", "headline", &ordered));
        m.close("section");
        m
    }

    /// A table of headline figures `names` (rows `{prefix}-{name}`): each run's value, its
    /// 95% interval with several replications, and B vs A in a comparison; money figures
    /// are labelled with the currency.
    pub(super) fn figure_table(&self, id: &str, prefix: &str, names: &[String]) -> Markup {
        let mut m = Markup::new();
        let estimates = self
            .runs
            .iter()
            .any(|r| r.summary.scenario.replications > 1);
        let mut head = vec!["Figure".to_string()];
        for r in &self.runs {
            head.push(upper_first(&r.tag("value")));
            if estimates {
                head.push(r.tag("95% interval").trim().to_string());
            }
        }
        if self.compare() {
            head.push("B vs A".to_string());
        }
        let mut t = Table::new(id, head);
        for name in names {
            let unit = headline_unit(name);
            let mut cells = vec![Cell::text(&money_label(name, self.currency()))];
            let mut means = Vec::new();
            for r in &self.runs {
                match r.summary.totals.get(name) {
                    Some(f) => {
                        let (v, ci) = headline_figure(unit, f);
                        cells.push(Cell::value(&v));
                        if estimates {
                            cells.push(Cell::ci(&ci.unwrap_or_default()));
                        }
                        means.push(Some(f.mean()));
                    }
                    None => {
                        cells.push(Cell::value("–"));
                        if estimates {
                            cells.push(Cell::ci(""));
                        }
                        means.push(None);
                    }
                }
            }
            if self.compare() {
                cells.push(Cell::value(&match (means[0], means[1]) {
                    (Some(x), Some(y)) => change(unit, x, y),
                    _ => "–".to_string(),
                }));
            }
            t.row(&format!("{prefix}-{name}"), cells);
        }
        m.append(t.finish());
        if estimates {
            m.elem(
                "p",
                &[a("class", "note")],
                "With several replications each figure is the mean over replications with its 95% confidence interval (Student t).",
            );
        }
        m
    }
}

/// The scenario table of one run: `(id, label, value)` rows.
fn scenario_rows(r: &Run) -> Vec<(&'static str, &'static str, String)> {
    let s = &r.summary.scenario;
    vec![
        ("name", "Scenario", s.name.clone()),
        ("file", "Scenario file", s.file.clone()),
        ("network", "Network", s.network.clone()),
        (
            "period",
            "Period",
            format!(
                "{} to {} ({} days)",
                s.start,
                s.end,
                s.end.0 - s.start.0 + 1
            ),
        ),
        ("seed", "Seed", s.seed.to_string()),
        ("replications", "Replications", s.replications.to_string()),
        ("version", "flightnet version", s.version.clone()),
        (
            "flights",
            "Flight rows (flights.csv)",
            count(r.flight_rows as f64),
        ),
        (
            "airports",
            "Airports, routes, markets",
            format!(
                "{}, {}, {}",
                r.summary.airports.len(),
                r.summary.routes.len(),
                r.summary.markets.len()
            ),
        ),
    ]
}
