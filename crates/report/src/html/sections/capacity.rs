//! What became of the demand (carried, spilled, unserved, no purchase), load factor by route,
//! spill by market, and every route's figures.

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, figure, upper_first};
use crate::html::charts::{Bar, BarChart, BarRow, LegendEntry};
use crate::html::data::Places;
use crate::html::fmt::{Unit, count, percent};
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::{MarketRow, RouteRow, Summary};

/// The ends of a booking request, in chart order: `(name, label)`.
const OUTCOMES: [(&str, &str); 4] = [
    ("carried", "carried"),
    ("spilled", "spilled (no seat)"),
    ("unserved", "unserved (no itinerary)"),
    ("no_purchase", "no purchase (chose not to fly)"),
];

/// Markets drawn one by one in the outcome chart (by demand).
const OUTCOME_MARKETS: usize = 10;

/// A market's requests by outcome, in [`OUTCOMES`] order.
fn market_outcomes(x: &MarketRow) -> [f64; 4] {
    [x.carried.0, x.spilled.0, x.unserved.0, x.no_purchase.0]
}

/// The whole run's requests by outcome, in [`OUTCOMES`] order (0 for figures an older
/// summary lacks).
fn total_outcomes(s: &Summary) -> [f64; 4] {
    OUTCOMES.map(|(name, _)| s.totals.get(name).map_or(0.0, |f| f.mean()))
}

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

    /// What became of the demand: a table of the totals and a chart of shares for the whole
    /// network, the focus market and the largest markets.
    fn outcomes(&self) -> Markup {
        let mut m = Markup::new();
        let first = self.runs[0].summary;
        let focus = self.focus.as_ref();
        m.elem("h3", &[], "What became of the demand");
        m.elem(
            "p",
            &[a("class", "lead")],
            "Every booking request ends one way: carried (booked), spilled (itineraries existed on the requested or nearby dates but had no seat, or no open class, left), unserved (no itinerary on the requested or nearby dates) or no purchase (the passenger saw an available itinerary and chose not to fly: too dear, too long, at the wrong time).",
        );
        let mut head = vec!["Requests".to_string()];
        for r in &self.runs {
            head.push(upper_first(&r.tag("requests")));
            head.push(upper_first(&r.tag("share of demand")));
        }
        let mut t = Table::new("outcome-table", head);
        let demand = |s: &Summary| s.totals.get("demand").map_or(0.0, |f| f.mean());
        let mut cells = vec![Cell::text("Demand (booking requests)")];
        for r in &self.runs {
            cells.push(Cell::value(&count(demand(r.summary))));
            cells.push(Cell::value(&percent(1.0)));
        }
        t.row("outcome-demand", cells);
        for (k, (name, label)) in OUTCOMES.iter().enumerate() {
            let mut cells = vec![Cell::text(&upper_first(label))];
            for r in &self.runs {
                let v = total_outcomes(r.summary)[k];
                let d = demand(r.summary);
                cells.push(Cell::value(&count(v)));
                cells.push(Cell::value(&if d > 0.0 {
                    percent(v / d)
                } else {
                    "–".to_string()
                }));
            }
            t.row(&format!("outcome-{name}"), cells);
        }
        m.append(t.finish());
        // Shares of the whole network, the focus market and the largest markets.
        let mut groups: Vec<(String, OutcomeShares<'_>)> =
            vec![("All markets".to_string(), Box::new(total_outcomes))];
        if focus.is_some() {
            groups.push((
                format!("{} markets", self.focus_name()),
                Box::new(move |s: &Summary| {
                    let p = Places::new(s);
                    let mut acc = [0.0; 4];
                    for x in s
                        .markets
                        .iter()
                        .filter(|x| p.in_focus(focus, &x.origin, &x.destination))
                    {
                        for (a, v) in acc.iter_mut().zip(market_outcomes(x)) {
                            *a += v;
                        }
                    }
                    acc
                }),
            ));
        }
        let mut largest: Vec<&MarketRow> = first.markets.iter().collect();
        largest.sort_by(|x, y| {
            y.demand
                .0
                .total_cmp(&x.demand.0)
                .then((&x.origin, &x.destination).cmp(&(&y.origin, &y.destination)))
        });
        for mk in largest.into_iter().take(OUTCOME_MARKETS) {
            let (o, d) = (mk.origin.clone(), mk.destination.clone());
            groups.push((
                format!("{o}→{d}"),
                Box::new(move |s: &Summary| {
                    s.markets
                        .iter()
                        .find(|x| x.origin == o && x.destination == d)
                        .map_or([0.0; 4], market_outcomes)
                }),
            ));
        }
        let rows: Vec<BarRow> = groups
            .iter()
            .map(|(label, pick)| BarRow {
                label: label.clone(),
                bars: self
                    .runs
                    .iter()
                    .map(|r| {
                        let v = pick(r.summary);
                        let total: f64 = v.iter().sum();
                        let share = |x: f64| if total > 0.0 { x / total } else { 0.0 };
                        Bar {
                            segments: v
                                .iter()
                                .zip(THEME.outcomes)
                                .map(|(x, c)| (share(*x), c))
                                .collect(),
                            note: r.tag(&format!(
                                "{} requests, {} carried",
                                count(total),
                                percent(share(v[0]))
                            )),
                            tooltip: r.tag(&format!(
                                "{label}: {}",
                                OUTCOMES
                                    .iter()
                                    .zip(v)
                                    .map(|((_, l), x)| format!("{} {l}", count(x)))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        }
                    })
                    .collect(),
            })
            .collect();
        let chart = BarChart {
            id: "chart-demand-outcomes".to_string(),
            title: format!(
                "What became of the requests: the network, {} largest markets",
                if focus.is_some() {
                    format!(
                        "the {} market and the {}",
                        self.focus_name(),
                        OUTCOME_MARKETS
                    )
                } else {
                    format!("the {OUTCOME_MARKETS}")
                }
            ),
            width: THEME.page_width,
            x_label: if self.compare() {
                "share of the booking requests (upper bar A, lower bar B)".to_string()
            } else {
                "share of the booking requests".to_string()
            },
            x_unit: Unit::Share,
            x_min_top: 1.0,
            rows,
            legend: OUTCOMES
                .iter()
                .zip(THEME.outcomes)
                .map(|((_, l), c)| LegendEntry::boxed(c, *l))
                .collect(),
            reference: None,
        };
        m.open("div", &[a("class", "grid")]);
        figure(
            &mut m,
            chart.svg(),
            "Markets are origin→destination passenger flows (O&D), requests counted by the date the passenger asked to travel.",
        );
        m.close("div");
        m
    }

    pub(super) fn capacity(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "capacity");
        m.append(self.outcomes());
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
                reference: None,
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
            reference: None,
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
            reference: None,
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

/// Sums a group's four demand outcomes from one replication's summary.
type OutcomeShares<'a> = Box<dyn Fn(&Summary) -> [f64; 4] + 'a>;
