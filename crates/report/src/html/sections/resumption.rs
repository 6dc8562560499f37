//! The focus market week by week: seats, passengers, load factor, per route.

use std::collections::BTreeSet;

use super::{Context, Run, capitalise, figure, upper_first};
use crate::html::charts::{LineChart, Series, Value};
use crate::html::fmt::Unit;
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;

impl Context<'_> {
    /// Passenger and seat series of one group for every run.
    fn seat_series(
        &self,
        pick: impl Fn(&Run) -> Option<(Vec<Option<Value>>, Vec<Option<Value>>)>,
    ) -> Vec<Series> {
        let mut out = Vec::new();
        for (i, r) in self.runs.iter().enumerate() {
            let (pax, seats) = pick(r).unwrap_or_else(|| {
                let none = vec![None; r.weekly.weeks.len()];
                (none.clone(), none)
            });
            out.push(Series {
                label: r.tag("passengers"),
                color: self.run_color(i, THEME.runs[0]),
                dashed: false,
                values: pax,
            });
            out.push(Series {
                label: r.tag("seats"),
                color: self.run_color(i, THEME.neutral),
                dashed: true,
                values: seats,
            });
        }
        capitalise(&mut out);
        out
    }

    pub(super) fn resumption(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "resumption");
        let name = self.focus_name();
        let weeks = self.runs[0].weekly.weeks.clone();
        if self.runs.iter().any(|r| r.weekly.weeks != weeks) {
            m.elem(
                "p",
                &[a("class", "note")],
                "The runs cover different periods: each series is drawn on the first run's weeks where they overlap.",
            );
        }
        let align = |r: &Run, v: &[Option<Value>]| -> Vec<Option<Value>> {
            weeks
                .iter()
                .map(|w| {
                    r.weekly
                        .weeks
                        .iter()
                        .position(|x| x == w)
                        .and_then(|k| v.get(k).copied().flatten())
                })
                .collect()
        };
        m.elem(
            "p",
            &[a("class", "lead")],
            &format!(
                "Seats and passengers on {name} flights (both directions, every airline) per ISO week (Monday to Sunday), from flights.csv; cancelled flights offer no seats. {}",
                if self.runs.iter().any(|r| r.weekly.replications > 1) {
                    "Lines are means over replications, bands their 95% confidence intervals."
                } else {
                    "One replication: no confidence bands."
                }
            ),
        );
        let full = THEME.page_width;
        let market = LineChart {
            id: "chart-market-weekly".to_string(),
            title: format!("{name}: passengers and seats per week"),
            width: full,
            height: 360.0,
            x: weeks.clone(),
            x_label: "week (Monday start)".to_string(),
            y_label: "passengers, seats per week".to_string(),
            y_unit: Unit::Count,
            y_min_top: 10.0,
            series: self.seat_series(|r| {
                Some((
                    align(r, &r.weekly.market.passengers),
                    align(r, &r.weekly.market.seats),
                ))
            }),
        };
        let lf = LineChart {
            id: "chart-market-lf".to_string(),
            title: format!("{name}: load factor per week"),
            width: full,
            height: 280.0,
            x: weeks.clone(),
            x_label: "week (Monday start)".to_string(),
            y_label: "load factor (%)".to_string(),
            y_unit: Unit::Share,
            y_min_top: 1.0,
            series: self
                .runs
                .iter()
                .enumerate()
                .map(|(i, r)| Series {
                    label: upper_first(&r.tag("load factor (passengers / seats)")),
                    color: self.run_color(i, THEME.runs[0]),
                    dashed: false,
                    values: align(r, &r.weekly.market.load_factor),
                })
                .collect(),
        };
        m.open("div", &[a("class", "grid")]);
        figure(&mut m, market.svg(), "");
        figure(
            &mut m,
            lf.svg(),
            "Weeks without a seat have no load factor (gaps). The first and last weeks are partial when the period does not start on a Monday or end on a Sunday.",
        );
        m.close("div");
        // One small chart per route, in the first run's order, then routes only later runs fly.
        let mut names: Vec<String> = Vec::new();
        for r in &self.runs {
            for rw in &r.weekly.routes {
                if !names.contains(&rw.name) {
                    names.push(rw.name.clone());
                }
            }
        }
        if !names.is_empty() {
            m.elem(
                "h3",
                &[],
                &format!("{name} routes (airport pairs, both directions)"),
            );
            m.open("div", &[a("class", "grid cols-3")]);
            for route in &names {
                let airlines: BTreeSet<&String> = self
                    .runs
                    .iter()
                    .flat_map(|r| r.weekly.routes.iter().filter(|x| &x.name == route))
                    .flat_map(|x| x.airlines.iter())
                    .collect();
                let airlines: Vec<&str> = airlines.into_iter().map(|s| s.as_str()).collect();
                let chart =
                    LineChart {
                        id: format!("chart-route-{route}"),
                        title: format!("{route} ({})", airlines.join(", ")),
                        width: THEME.column_width(3),
                        height: 270.0,
                        x: weeks.clone(),
                        x_label: "week".to_string(),
                        y_label: "seats, pax / week".to_string(),
                        y_unit: Unit::Count,
                        y_min_top: 10.0,
                        series: self.seat_series(|r| {
                            r.weekly.routes.iter().find(|x| &x.name == route).map(|x| {
                                (align(r, &x.series.passengers), align(r, &x.series.seats))
                            })
                        }),
                    };
                figure(&mut m, chart.svg(), "");
            }
            m.close("div");
        }
        m.close("section");
        m
    }
}
