//! Revenue and costs: the money headline, airlines, routes by profit and network
//! contribution, RASK against CASK, and the fare class mix by route.

use std::collections::BTreeSet;

use super::{Context, Run, figure, upper_first};
use crate::html::charts::{Bar, BarChart, BarRow, LegendEntry};
use crate::html::data::class_order;
use crate::html::fmt::{Unit, count, percent};
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::{AirlineRow, RouteRow, Summary};

/// The money headline figures, in table order.
const MONEY: [&str; 6] = ["revenue", "cost", "profit", "yield", "rask", "cask"];

/// Routes drawn in the profit chart: all of them up to this many, otherwise the most and the
/// least profitable half each.
const PROFIT_ROUTES: usize = 24;

/// Routes drawn in the class-mix chart (by tickets).
const CLASS_ROUTES: usize = 20;

/// `(airline, origin, destination)` of a route.
type Key = (String, String, String);

fn key(r: &RouteRow) -> Key {
    (r.airline.clone(), r.origin.clone(), r.destination.clone())
}

fn route<'s>(s: &'s Summary, k: &Key) -> Option<&'s RouteRow> {
    s.routes
        .iter()
        .find(|x| x.airline == k.0 && x.origin == k.1 && x.destination == k.2)
}

fn airline<'s>(s: &'s Summary, code: &str) -> Option<&'s AirlineRow> {
    s.airlines.iter().find(|x| x.airline == code)
}

fn label(k: &Key) -> String {
    format!("{} {}→{}", k.0, k.1, k.2)
}

fn row_id(prefix: &str, k: &Key) -> String {
    format!("{prefix}-{}-{}-{}", k.0, k.1, k.2)
}

/// Tickets sold on a route, every class.
fn tickets(r: &RouteRow) -> f64 {
    r.class_mix.values().map(|n| n.0).sum()
}

/// Money in whole units with the currency (`−1,234 USD`).
fn money(v: f64, currency: &str) -> String {
    let s = Unit::Money.format(v);
    let s = match s.strip_prefix('-') {
        Some(abs) => format!("−{abs}"),
        None => s,
    };
    if currency.is_empty() {
        s
    } else {
        format!("{s} {currency}")
    }
}

impl Context<'_> {
    /// Every route of every run, in the first run's order of `by` (descending), then the
    /// routes only later runs fly in the same order.
    fn routes_by(&self, by: impl Fn(&RouteRow) -> f64) -> Vec<Key> {
        let mut out: Vec<Key> = Vec::new();
        let mut seen: BTreeSet<Key> = BTreeSet::new();
        for r in &self.runs {
            let mut rows: Vec<&RouteRow> = r.summary.routes.iter().collect();
            rows.sort_by(|x, y| by(y).total_cmp(&by(x)).then(key(x).cmp(&key(y))));
            for x in rows {
                if seen.insert(key(x)) {
                    out.push(key(x));
                }
            }
        }
        out
    }

    fn run_legend(&self) -> Vec<LegendEntry> {
        self.runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                LegendEntry::boxed(
                    THEME.runs[i % 2],
                    r.tag(&format!("({})", r.summary.scenario.name)),
                )
            })
            .collect()
    }

    pub(super) fn money(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "money");
        let cur = self.currency().unwrap_or("");
        m.elem(
            "p",
            &[a("class", "lead")],
            &format!(
                "Money in {cur}. Revenue is what the tickets sold for, each ticket's fare shared among its flights by distance; cost is the operating cost of the flights flown (block hours, departures, passengers); profit is revenue minus cost. Yield is revenue per revenue passenger-km, RASK revenue and CASK cost per available seat-km, in {cur} cents. A route's network contribution is the full fare of every ticket whose itinerary uses it: the revenue at stake if it were not flown.{}",
                if self.runs.iter().any(|r| r.summary.scenario.replications > 1) {
                    " Route and airline figures are means over replications."
                } else {
                    ""
                }
            ),
        );
        let names: Vec<String> = MONEY.iter().map(|s| s.to_string()).collect();
        m.append(self.figure_table("money-table", "money", &names));
        self.airline_money(&mut m, cur);
        self.route_profit(&mut m, cur);
        self.class_mix(&mut m);
        m.close("section");
        m
    }

    /// The airline table and the RASK-against-CASK chart.
    fn airline_money(&self, m: &mut Markup, cur: &str) {
        let codes: BTreeSet<&String> = self
            .runs
            .iter()
            .flat_map(|r| r.summary.airlines.iter().map(|x| &x.airline))
            .collect();
        if codes.is_empty() {
            return;
        }
        m.elem("h3", &[], "Airlines");
        let mut head = vec!["Airline".to_string()];
        for r in &self.runs {
            for h in [
                format!("revenue {cur}"),
                format!("cost {cur}"),
                format!("profit {cur}"),
                "yield ¢".to_string(),
                "RASK ¢".to_string(),
                "CASK ¢".to_string(),
            ] {
                head.push(upper_first(r.tag(&h).trim()));
            }
        }
        let mut t = Table::new("airline-table", head);
        for code in &codes {
            let mut cells = vec![Cell::text(code)];
            for r in &self.runs {
                match airline(r.summary, code) {
                    Some(x) => cells.extend([
                        Cell::value(&Unit::Money.format(x.revenue.0)),
                        Cell::value(&Unit::Money.format(x.cost.0)),
                        Cell::value(&Unit::Money.format(x.profit.0)),
                        Cell::value(&Unit::Cents.format(x.yield_.0)),
                        Cell::value(&Unit::Cents.format(x.rask.0)),
                        Cell::value(&Unit::Cents.format(x.cask.0)),
                    ]),
                    None => cells.extend((0..6).map(|_| Cell::value("–"))),
                }
            }
            t.row(&format!("airline-{code}"), cells);
        }
        m.append(t.finish());
        let rows: Vec<BarRow> = codes
            .iter()
            .map(|code| BarRow {
                label: code.to_string(),
                bars: self
                    .runs
                    .iter()
                    .flat_map(|r| {
                        let x = airline(r.summary, code);
                        let (rask, cask) = x.map_or((0.0, 0.0), |x| (x.rask.0, x.cask.0));
                        [("RASK", rask, THEME.revenue), ("CASK", cask, THEME.cost)].map(
                            |(what, v, color)| Bar {
                                segments: vec![(v, color)],
                                note: r.tag(&format!("{what} {}", Unit::Cents.format(v))),
                                tooltip: r.tag(&format!(
                                    "{code}: {what} {} {cur} cents per seat-km",
                                    Unit::Cents.format(v)
                                )),
                            },
                        )
                    })
                    .collect(),
            })
            .collect();
        let chart = BarChart {
            id: "chart-rask-cask".to_string(),
            title: "Revenue and cost per available seat-km by airline".to_string(),
            width: THEME.page_width,
            x_label: format!("{cur} cents per available seat-km"),
            x_unit: Unit::Cents,
            x_min_top: 1.0,
            rows,
            legend: vec![
                LegendEntry::boxed(THEME.revenue, "RASK (revenue per ASK)"),
                LegendEntry::boxed(THEME.cost, "CASK (cost per ASK)"),
            ],
            reference: None,
        };
        m.open("div", &[a("class", "grid")]);
        figure(
            m,
            chart.svg(),
            "An airline makes money where RASK exceeds CASK; seats flown empty lower RASK, not CASK.",
        );
        m.close("div");
    }

    /// Routes by profit: the chart of the extremes and the table of every route.
    fn route_profit(&self, m: &mut Markup, cur: &str) {
        let keys = self.routes_by(|r| r.profit.0);
        if keys.is_empty() {
            return;
        }
        m.elem("h3", &[], "Routes by profit");
        let shown: Vec<&Key> = if keys.len() <= PROFIT_ROUTES {
            keys.iter().collect()
        } else {
            let half = PROFIT_ROUTES / 2;
            keys[..half]
                .iter()
                .chain(&keys[keys.len() - half..])
                .collect()
        };
        let rows: Vec<BarRow> = shown
            .iter()
            .map(|k| BarRow {
                label: label(k),
                bars: self
                    .runs
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let x = route(r.summary, k);
                        let profit = x.map_or(0.0, |x| x.profit.0);
                        let sign = if profit < 0.0 {
                            THEME.loss
                        } else {
                            THEME.profit
                        };
                        Bar {
                            segments: vec![(profit, self.run_color(i, sign))],
                            note: match x {
                                Some(_) => r.tag(&money(profit, "")),
                                None => r.tag("not flown"),
                            },
                            tooltip: r.tag(&format!(
                                "{}: revenue {}, cost {}, network contribution {}",
                                label(k),
                                money(x.map_or(0.0, |x| x.revenue.0), cur),
                                money(x.map_or(0.0, |x| x.cost.0), cur),
                                money(x.map_or(0.0, |x| x.network_revenue.0), cur),
                            )),
                        }
                    })
                    .collect(),
            })
            .collect();
        let legend = if self.compare() {
            self.run_legend()
        } else {
            vec![
                LegendEntry::boxed(THEME.profit, "profit"),
                LegendEntry::boxed(THEME.loss, "loss"),
            ]
        };
        let title = if shown.len() < keys.len() {
            format!(
                "Profit: the {} most and the {} least profitable of {} routes",
                PROFIT_ROUTES / 2,
                PROFIT_ROUTES / 2,
                keys.len()
            )
        } else {
            format!("Profit of the {} routes", keys.len())
        };
        let chart = BarChart {
            id: "chart-route-profit".to_string(),
            title,
            width: THEME.page_width,
            x_label: format!("profit ({cur}; revenue prorated by distance minus operating cost)"),
            x_unit: Unit::Money,
            x_min_top: 0.0,
            rows,
            legend,
            reference: None,
        };
        m.open("div", &[a("class", "grid")]);
        figure(
            m,
            chart.svg(),
            "A route that loses money on its own can still feed the network: compare its profit with its network contribution in the table below.",
        );
        m.close("div");
        let mut head = vec!["Route".to_string()];
        for r in &self.runs {
            for h in [
                "passengers".to_string(),
                format!("revenue {cur}"),
                format!("cost {cur}"),
                format!("profit {cur}"),
                format!("network contribution {cur}"),
            ] {
                head.push(upper_first(r.tag(&h).trim()));
            }
        }
        let mut t = Table::new("money-route-table", head);
        for k in &keys {
            let mut cells = vec![Cell::text(&label(k))];
            for r in &self.runs {
                match route(r.summary, k) {
                    Some(x) => cells.extend([
                        Cell::value(&count(x.passengers.0)),
                        Cell::value(&Unit::Money.format(x.revenue.0)),
                        Cell::value(&Unit::Money.format(x.cost.0)),
                        Cell::value(&Unit::Money.format(x.profit.0)),
                        Cell::value(&Unit::Money.format(x.network_revenue.0)),
                    ]),
                    None => cells.extend((0..5).map(|_| Cell::value("–"))),
                }
            }
            t.row(&row_id("money-route", k), cells);
        }
        m.open("details", &[]);
        m.elem(
            "summary",
            &[],
            &format!(
                "All {} routes by profit, with network contribution",
                keys.len()
            ),
        );
        m.append(t.finish());
        m.close("details");
    }

    /// The fare class mix by route: stacked shares of the busiest routes and a table of every
    /// route (shares per class for one run, tickets per class in A and B for two).
    fn class_mix(&self, m: &mut Markup) {
        let classes = class_order(
            self.runs
                .iter()
                .flat_map(|r| r.summary.routes.iter().flat_map(|x| x.class_mix.keys())),
        );
        if classes.is_empty() {
            return;
        }
        let keys: Vec<Key> = self
            .routes_by(tickets)
            .into_iter()
            .filter(|k| {
                self.runs
                    .iter()
                    .any(|r| route(r.summary, k).is_some_and(|x| tickets(x) > 0.0))
            })
            .collect();
        m.elem("h3", &[], "Fare class mix by route");
        m.elem(
            "p",
            &[a("class", "lead")],
            &format!(
                "Tickets sold on each route by booking class, from the full fare ({}) down to the cheapest ({}); classes are the airlines' own codes, in the usual order of codes.",
                classes[0],
                classes[classes.len() - 1]
            ),
        );
        let color = |c: &str| {
            THEME.class_color(classes.iter().position(|x| x == c).unwrap_or(classes.len()))
        };
        let rows: Vec<BarRow> =
            keys.iter()
                .take(CLASS_ROUTES)
                .map(|k| BarRow {
                    label: label(k),
                    bars: self
                        .runs
                        .iter()
                        .map(|r| {
                            let x = route(r.summary, k);
                            let total = x.map_or(0.0, tickets);
                            let segments = classes
                                .iter()
                                .filter_map(|c| {
                                    let n = x.and_then(|x| x.class_mix.get(c)).map_or(0.0, |n| n.0);
                                    (n > 0.0 && total > 0.0).then(|| (n / total, color(c)))
                                })
                                .collect();
                            let mix = x.map_or_else(String::new, |x| {
                                classes
                                    .iter()
                                    .filter_map(|c| {
                                        x.class_mix.get(c).filter(|n| n.0 > 0.0).map(|n| {
                                            format!("{c} {}", percent(n.0 / total.max(1e-12)))
                                        })
                                    })
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            });
                            Bar {
                                segments,
                                note: r.tag(&format!("{} tickets", count(total))),
                                tooltip: r.tag(&format!("{}: {mix}", label(k))),
                            }
                        })
                        .collect(),
                })
                .collect();
        let chart = BarChart {
            id: "chart-class-mix".to_string(),
            title: format!(
                "Fare class mix of the {} routes with the most tickets",
                rows.len()
            ),
            width: THEME.page_width,
            x_label: if self.compare() {
                "share of the route's tickets (upper bar A, lower bar B)".to_string()
            } else {
                "share of the route's tickets".to_string()
            },
            x_unit: Unit::Share,
            x_min_top: 1.0,
            rows,
            legend: classes
                .iter()
                .map(|c| LegendEntry::boxed(color(c), c.clone()))
                .collect(),
            reference: None,
        };
        m.open("div", &[a("class", "grid")]);
        figure(m, chart.svg(), "");
        m.close("div");
        m.append(self.class_table(&keys, &classes));
    }

    fn class_table(&self, keys: &[Key], classes: &[String]) -> Markup {
        let mut m = Markup::new();
        let mut head = vec!["Route".to_string()];
        for r in &self.runs {
            head.push(upper_first(&r.tag("tickets")));
        }
        for c in classes {
            if self.compare() {
                head.extend(self.runs.iter().map(|r| r.tag(c)));
            } else {
                head.push(format!("{c} %"));
            }
        }
        let mut t = Table::new("class-table", head);
        let cell = |r: &Run, k: &Key, c: &str| -> Cell {
            match route(r.summary, k) {
                None => Cell::value("–"),
                Some(x) => match x.class_mix.get(c) {
                    None => Cell::value("–"),
                    Some(n) if self.compare() => Cell::value(&count(n.0)),
                    Some(n) => Cell::value(&percent(n.0 / tickets(x).max(1e-12))),
                },
            }
        };
        for k in keys {
            let mut cells = vec![Cell::text(&label(k))];
            for r in &self.runs {
                cells.push(Cell::value(
                    &route(r.summary, k).map_or("–".to_string(), |x| count(tickets(x))),
                ));
            }
            for c in classes {
                for r in &self.runs {
                    cells.push(cell(r, k, c));
                }
            }
            t.row(&row_id("class", k), cells);
        }
        m.open("details", &[]);
        m.elem(
            "summary",
            &[],
            &if self.compare() {
                format!("Tickets per class in A and B on all {} routes", keys.len())
            } else {
                format!("Class shares of all {} routes", keys.len())
            },
        );
        m.append(t.finish());
        m.close("details");
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_prints_a_true_minus_and_the_currency() {
        assert_eq!(money(-1_234_567.4, "USD"), "−1,234,567 USD");
        assert_eq!(money(12.6, ""), "13");
    }
}
