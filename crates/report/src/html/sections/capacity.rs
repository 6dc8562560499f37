//! Load factor by route, spill by market, and every route's figures.

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, figure, upper_first};
use crate::html::charts::{Bar, BarChart, BarRow, LegendEntry};
use crate::html::data::Places;
use crate::html::fmt::{Unit, count, percent};
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::RouteRow;

impl<'a> Context<'a> {
    /// A grouped bar row per route: its load factor in every run.
    fn lf_rows(&self, routes: &[&RouteRow]) -> Vec<BarRow> {
        routes
            .iter()
            .map(|route| {
                let key = (&route.airline, &route.origin, &route.destination);
                BarRow {
                    label: format!("{} {}→{}", route.airline, route.origin, route.destination),
                    bars: self
                        .runs
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let row = r
                                .summary
                                .routes
                                .iter()
                                .find(|x| (&x.airline, &x.origin, &x.destination) == key);
                            let lf = row.map_or(0.0, |x| x.load_factor.0);
                            let airline = self
                                .airlines
                                .iter()
                                .position(|c| c == &route.airline)
                                .unwrap_or(0);
                            Bar {
                                segments: vec![(
                                    lf,
                                    self.run_color(i, THEME.airline_color(airline)),
                                )],
                                note: match row {
                                    Some(_) => r.tag(&percent(lf)),
                                    None => r.tag("not flown"),
                                },
                                tooltip: r.tag(&format!(
                                    "{} {}→{}: {} passengers / {} seats",
                                    route.airline,
                                    route.origin,
                                    route.destination,
                                    count(row.map_or(0.0, |x| x.passengers.0)),
                                    count(row.map_or(0.0, |x| x.seats.0))
                                )),
                            }
                        })
                        .collect(),
                }
            })
            .collect()
    }

    fn bar_legend(&self, by_airline: &[&RouteRow]) -> Vec<LegendEntry> {
        if self.compare() {
            return self
                .runs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    LegendEntry::boxed(
                        THEME.runs[i % 2],
                        r.tag(&format!("({})", r.summary.scenario.name)),
                    )
                })
                .collect();
        }
        let used: BTreeSet<&String> = by_airline.iter().map(|r| &r.airline).collect();
        self.airlines
            .iter()
            .enumerate()
            .filter(|(_, c)| used.contains(c))
            .map(|(i, c)| LegendEntry::boxed(THEME.airline_color(i), c.clone()))
            .collect()
    }

    pub(super) fn capacity(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "capacity");
        let first = self.runs[0].summary;
        let places = Places::new(first);
        let focus = self.focus.as_ref();
        let by_lf = |mut v: Vec<&'a RouteRow>| {
            v.sort_by(|x, y| {
                y.load_factor.0.total_cmp(&x.load_factor.0).then(
                    (&x.airline, &x.origin, &x.destination).cmp(&(
                        &y.airline,
                        &y.origin,
                        &y.destination,
                    )),
                )
            });
            v
        };
        let focus_routes: Vec<&RouteRow> = by_lf(
            first
                .routes
                .iter()
                .filter(|r| places.in_focus(focus, &r.origin, &r.destination))
                .collect(),
        );
        let mut others: Vec<&RouteRow> = first
            .routes
            .iter()
            .filter(|r| !places.in_focus(focus, &r.origin, &r.destination))
            .collect();
        others.sort_by(|x, y| {
            y.seats
                .0
                .total_cmp(&x.seats.0)
                .then(x.airline.cmp(&y.airline))
        });
        let n_others = focus_routes.len().clamp(15, 25);
        others.truncate(n_others);
        let others = by_lf(others);
        let lf_label = "load factor (passengers / seats, %)".to_string();
        let two = !focus_routes.is_empty();
        m.open(
            "div",
            &[a("class", if two { "grid cols-2" } else { "grid" })],
        );
        let width = THEME.column_width(if two { 2 } else { 1 });
        if two {
            let chart = BarChart {
                id: "chart-lf-focus".to_string(),
                title: format!("Load factor: {} routes", self.focus_name()),
                width,
                x_label: lf_label.clone(),
                x_unit: Unit::Share,
                x_min_top: 1.0,
                rows: self.lf_rows(&focus_routes),
                legend: self.bar_legend(&focus_routes),
            };
            figure(&mut m, chart.svg(), "");
        }
        let chart = BarChart {
            id: "chart-lf-busiest".to_string(),
            title: format!(
                "Load factor: {} busiest other routes by seats",
                others.len()
            ),
            width,
            x_label: lf_label,
            x_unit: Unit::Share,
            x_min_top: 1.0,
            rows: self.lf_rows(&others),
            legend: self.bar_legend(&others),
        };
        figure(&mut m, chart.svg(), "");
        m.close("div");
        // Spill: the markets that lost the most demand.
        let mut markets: Vec<_> = first.markets.iter().filter(|x| x.spilled.0 > 0.0).collect();
        markets.sort_by(|x, y| {
            y.spilled
                .0
                .total_cmp(&x.spilled.0)
                .then((&x.origin, &x.destination).cmp(&(&y.origin, &y.destination)))
        });
        markets.truncate(20);
        let rows: Vec<BarRow> = markets
            .iter()
            .map(|mk| BarRow {
                label: format!("{}→{}", mk.origin, mk.destination),
                bars: self
                    .runs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let row = r
                            .summary
                            .markets
                            .iter()
                            .find(|x| x.origin == mk.origin && x.destination == mk.destination);
                        let (spilled, rate, demand) = row.map_or((0.0, 0.0, 0.0), |x| {
                            (x.spilled.0, x.spill_rate.0, x.demand.0)
                        });
                        let color = if places.in_focus(focus, &mk.origin, &mk.destination) {
                            THEME.highlight
                        } else {
                            THEME.neutral
                        };
                        Bar {
                            segments: vec![(spilled, self.run_color(i, color))],
                            note: r.tag(&format!(
                                "{} ({} of demand)",
                                count(spilled),
                                percent(rate)
                            )),
                            tooltip: r.tag(&format!(
                                "{}→{}: {} of {} requests spilled",
                                mk.origin,
                                mk.destination,
                                count(spilled),
                                count(demand)
                            )),
                        }
                    })
                    .collect(),
            })
            .collect();
        let legend = if self.compare() {
            self.bar_legend(&[])
        } else {
            vec![
                LegendEntry::boxed(THEME.highlight, format!("{} market", self.focus_name())),
                LegendEntry::boxed(THEME.neutral, "other market"),
            ]
        };
        let spill = BarChart {
            id: "chart-spill".to_string(),
            title: format!(
                "Spill: the {} markets that lost the most demand",
                rows.len()
            ),
            width: THEME.page_width,
            x_label:
                "requests spilled (no seat on any itinerary after recapture; mean per replication)"
                    .to_string(),
            x_unit: Unit::Count,
            x_min_top: 10.0,
            rows,
            legend,
        };
        m.open("div", &[a("class", "grid")]);
        figure(
            &mut m,
            spill.svg(),
            "Markets are origin→destination passenger flows (O&D), not flights: a market's travellers may connect.",
        );
        m.close("div");
        // Every route, for the record.
        let mut head = vec!["Route".to_string()];
        for r in &self.runs {
            for h in ["flights", "seats", "passengers", "load factor", "on time"] {
                head.push(upper_first(&r.tag(h)));
            }
        }
        let mut t = Table::new("route-table", head);
        let mut keys: BTreeMap<(String, String, String), ()> = BTreeMap::new();
        for r in &self.runs {
            for x in &r.summary.routes {
                keys.insert(
                    (x.airline.clone(), x.origin.clone(), x.destination.clone()),
                    (),
                );
            }
        }
        for (airline, o, d) in keys.keys() {
            let mut cells = vec![Cell::text(&format!("{airline} {o}→{d}"))];
            for r in &self.runs {
                match r
                    .summary
                    .routes
                    .iter()
                    .find(|x| &x.airline == airline && &x.origin == o && &x.destination == d)
                {
                    Some(x) => cells.extend([
                        Cell::value(&count(x.flights.0)),
                        Cell::value(&count(x.seats.0)),
                        Cell::value(&count(x.passengers.0)),
                        Cell::value(&percent(x.load_factor.0)),
                        Cell::value(&percent(x.on_time_performance.0)),
                    ]),
                    None => cells.extend((0..5).map(|_| Cell::value("–"))),
                }
            }
            t.row(&format!("route-{airline}-{o}-{d}"), cells);
        }
        m.open("details", &[]);
        m.elem("summary", &[], &format!("All {} routes", keys.len()));
        m.append(t.finish());
        m.close("details");
        m.close("section");
        m
    }
}
