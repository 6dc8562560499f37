//! The sections of the report, each drawn for one run or for two runs side by side.
//!
//! Every section takes a [`Context`] holding one or two [`Run`]s: with one run, series are
//! labelled plainly; with two, each series carries its run's letter (A, B) and colour.

use std::collections::{BTreeMap, BTreeSet};

use super::charts::{
    Bar, BarChart, BarRow, HistSeries, HistStyle, HistogramChart, LegendEntry, LineChart, Marker,
    Series, Value,
};
use super::data::{Focus, Places, Weekly, airlines, map_routes, period_weeks};
use super::fmt::{
    Unit, change, count, figure as headline_figure, headline_label, headline_unit, percent,
};
use super::map::RouteMap;
use super::markup::{Markup, a};
use super::style::THEME;
use crate::output::Summary;
use crate::output::summary::{HEADLINES, HubRow, RouteRow};

/// One run as the report sees it.
pub struct Run<'a> {
    /// Empty for a single run; `A` or `B` in a comparison.
    pub label: &'static str,
    /// The summary.
    pub summary: &'a Summary,
    /// Rows of `flights.csv`.
    pub flight_rows: usize,
    /// The focus market week by week.
    pub weekly: Weekly,
}

impl Run<'_> {
    /// A chart title, prefixed with the run's letter in a comparison.
    fn title(&self, text: &str) -> String {
        if self.label.is_empty() {
            text.to_string()
        } else {
            format!("{}: {}", self.label, text)
        }
    }

    /// `text` prefixed with the run's letter in a comparison.
    fn tag(&self, text: &str) -> String {
        if self.label.is_empty() {
            text.to_string()
        } else {
            format!("{} {}", self.label, text)
        }
    }
}

/// What every section draws from.
pub struct Context<'a> {
    /// One run, or two to compare.
    pub runs: Vec<Run<'a>>,
    /// The focus market (from the first run).
    pub focus: Option<Focus>,
    /// Airline codes of every run (their index gives their colour).
    pub airlines: Vec<String>,
}

/// The section ids and titles, in page order.
pub const SECTIONS: &[(&str, &str)] = &[
    ("scenario", "Scenario"),
    ("headline", "Headline figures"),
    ("map", "Route map"),
    ("resumption", "Resumption over time"),
    ("connections", "Connections"),
    ("capacity", "Capacity and spill"),
];

impl<'a> Context<'a> {
    /// The context of some runs (one, or two to compare).
    pub fn new(runs: Vec<Run<'a>>) -> Context<'a> {
        let focus = runs
            .first()
            .and_then(|r| Places::new(r.summary).focus(r.summary));
        let summaries: Vec<&Summary> = runs.iter().map(|r| r.summary).collect();
        Context {
            airlines: airlines(&summaries),
            focus,
            runs,
        }
    }

    fn compare(&self) -> bool {
        self.runs.len() > 1
    }

    /// The colour of run `i` (in a comparison) or `single` (one run).
    fn run_color(&self, i: usize, single: &'static str) -> &'static str {
        if self.compare() {
            THEME.runs[i % 2]
        } else {
            single
        }
    }

    fn focus_name(&self) -> String {
        self.focus
            .as_ref()
            .map_or_else(|| "International".to_string(), |f| f.name())
    }

    /// Every section, in page order.
    pub fn body(&self) -> Markup {
        let mut m = Markup::new();
        // Scenario and headline side by side unless the headline table is wide.
        let wide = self.compare()
            && self
                .runs
                .iter()
                .any(|r| r.summary.scenario.replications > 1);
        m.open(
            "div",
            &[a("class", if wide { "grid" } else { "grid cols-2" })],
        );
        m.append(self.scenario());
        m.append(self.headline());
        m.close("div");
        for part in [
            self.map(),
            self.resumption(),
            self.connections(),
            self.capacity(),
        ] {
            m.append(part);
        }
        m
    }

    /// `<section id><h2>` for the section `id`.
    fn open_section(&self, m: &mut Markup, id: &str) {
        let title = SECTIONS.iter().find(|s| s.0 == id).map_or(id, |s| s.1);
        m.open("section", &[a("id", id)]);
        m.elem("h2", &[], title);
    }

    fn scenario(&self) -> Markup {
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

    fn headline(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "headline");
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
        let mut t = Table::new("headline-table", head);
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
        for name in &ordered {
            let unit = headline_unit(name);
            let mut cells = vec![Cell::text(&headline_label(name))];
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
            t.row(&format!("headline-{name}"), cells);
        }
        m.append(t.finish());
        if estimates {
            m.elem(
                "p",
                &[a("class", "note")],
                "With several replications each figure is the mean over replications with its 95% confidence interval (Student t).",
            );
        }
        m.close("section");
        m
    }

    fn map(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "map");
        let n = self.runs.len();
        m.open("div", &[a("class", format!("grid cols-{n}"))]);
        let focus_colors = self
            .focus
            .as_ref()
            .map(|f| (f.a.clone(), f.b.clone(), f.name()));
        for r in &self.runs {
            let routes = map_routes(r.summary, self.focus.as_ref());
            let total: f64 = r.summary.hubs.iter().map(|h| h.connecting.0).sum();
            let hubs: Vec<String> = r
                .summary
                .hubs
                .iter()
                .filter(|h| total > 0.0 && h.connecting.0 >= 0.02 * total)
                .map(|h| h.airport.clone())
                .collect();
            let map = RouteMap {
                id: format!("map-{}", if r.label.is_empty() { "run" } else { r.label }),
                title: r.title("Route network: line width by seats per week, colour by airline"),
                width: THEME.column_width(n),
                max_map_height: if n == 1 { 620.0 } else { 420.0 },
                airports: &r.summary.airports,
                routes: &routes,
                hubs: &hubs,
                airlines: &self.airlines,
                focus: focus_colors.clone(),
            };
            m.open("figure", &[]);
            m.raw(&map.svg());
            m.elem(
                "figcaption",
                &[],
                &format!(
                    "{} routes (both directions merged), seats per week averaged over the {} weeks of the period; {} highlighted and its countries tinted; hubs (at least 2% of connections) in bold. Projection: Lambert conformal conic fitted to the network.",
                    routes.len(),
                    count(period_weeks(r.summary)),
                    self.focus_name(),
                ),
            );
            m.close("figure");
        }
        m.close("div");
        m.close("section");
        m
    }

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

    fn resumption(&self) -> Markup {
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

    /// Hubs of every run, in the first run's order (by connecting passengers).
    fn hub_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for r in &self.runs {
            for h in &r.summary.hubs {
                if !names.contains(&h.airport) {
                    names.push(h.airport.clone());
                }
            }
        }
        names
    }

    fn connections(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "connections");
        let hubs = self.hub_names();
        let hub = |r: &Run, code: &str| -> Option<HubRow> {
            r.summary.hubs.iter().find(|h| h.airport == code).cloned()
        };
        let city = |code: &str| -> String {
            self.runs[0]
                .summary
                .airports
                .iter()
                .find(|a| a.iata == code)
                .map_or_else(String::new, |a| a.city.clone())
        };
        let rows: Vec<BarRow> = hubs
            .iter()
            .map(|code| BarRow {
                label: format!("{code} {}", city(code)),
                bars: self
                    .runs
                    .iter()
                    .map(|r| {
                        let h = hub(r, code);
                        let (made, missed, rate) = h
                            .as_ref()
                            .map_or((0.0, 0.0, 0.0), |h| (h.made.0, h.missed.0, h.miss_rate.0));
                        Bar {
                            segments: vec![(made, THEME.made), (missed, THEME.missed)],
                            note: r.tag(&format!("{} missed ({})", count(missed), percent(rate))),
                            tooltip: r.tag(&format!(
                                "{code}: {} made, {} missed",
                                count(made),
                                count(missed)
                            )),
                        }
                    })
                    .collect(),
            })
            .collect();
        let chart = BarChart {
            id: "chart-made-missed".to_string(),
            title: "Connections made and missed per hub".to_string(),
            width: THEME.page_width,
            x_label: if self.compare() {
                "connections (upper bar A, lower bar B; mean per replication)".to_string()
            } else {
                "connections (mean per replication)".to_string()
            },
            x_unit: Unit::Count,
            x_min_top: 10.0,
            rows,
            legend: vec![
                LegendEntry::boxed(THEME.made, "made"),
                LegendEntry::boxed(
                    THEME.missed,
                    "missed (late inbound or onward flight cancelled)",
                ),
            ],
        };
        m.open("div", &[a("class", "grid")]);
        figure(&mut m, chart.svg(), "");
        m.close("div");
        // The hub table carries the exact figures.
        let mut head = vec!["Hub".to_string()];
        for r in &self.runs {
            for h in [
                "connections",
                "made",
                "missed",
                "miss rate",
                "p50 min",
                "p90 min",
            ] {
                head.push(r.tag(h));
            }
        }
        head.push("MCT dd/di/id/ii min".to_string());
        let mut t = Table::new("hub-table", head);
        for code in &hubs {
            let mut cells = vec![Cell::text(&format!("{code} {}", city(code)))];
            let mut mct = String::new();
            for r in &self.runs {
                match hub(r, code) {
                    Some(h) => {
                        let q = |v: Option<u64>| v.map_or("–".to_string(), |v| v.to_string());
                        cells.extend([
                            Cell::value(&count(h.connecting.0)),
                            Cell::value(&count(h.made.0)),
                            Cell::value(&count(h.missed.0)),
                            Cell::value(&percent(h.miss_rate.0)),
                            Cell::value(&q(h.connect_p50)),
                            Cell::value(&q(h.connect_p90)),
                        ]);
                        if mct.is_empty() {
                            mct = format!("{}/{}/{}/{}", h.mct_dd, h.mct_di, h.mct_id, h.mct_ii);
                        }
                    }
                    None => cells.extend((0..6).map(|_| Cell::value("–"))),
                }
            }
            cells.push(Cell::value(&mct));
            t.row(&format!("hub-{code}"), cells);
        }
        m.elem("h3", &[], "Connect times");
        m.elem(
            "p",
            &[a("class", "lead")],
            &if self.compare() {
                "Actual connect times of made connections per 15-minute bin (A bars, B outline), mean per replication; dashed lines mark the hub's minimum connecting times (dom = domestic, int = international).".to_string()
            } else {
                "Actual connect times of made connections (bars) and scheduled connect times of booked connections (outline) per 15-minute bin, mean per replication; dashed lines mark the hub's minimum connecting times (dom = domestic, int = international).".to_string()
            },
        );
        m.open("div", &[a("class", "grid cols-2")]);
        for code in &hubs {
            let title = match hub(&self.runs[0], code) {
                Some(h) if !self.compare() => format!(
                    "{code} {}: {} made, {} missed ({})",
                    city(code),
                    count(h.made.0),
                    count(h.missed.0),
                    percent(h.miss_rate.0)
                ),
                _ => format!("{code} {}", city(code)),
            };
            let times = |r: &Run| {
                r.summary
                    .connect_times
                    .iter()
                    .find(|c| &c.airport == code)
                    .cloned()
            };
            let mut series = Vec::new();
            let mut bin = 15.0;
            for (i, r) in self.runs.iter().enumerate() {
                if let Some(t) = times(r) {
                    bin = f64::from(t.bin_minutes.max(1));
                    series.push(HistSeries {
                        label: r.tag("made (actual connect time)"),
                        color: self.run_color(i, THEME.made),
                        style: if i == 0 {
                            HistStyle::Bars
                        } else {
                            HistStyle::Step
                        },
                        counts: t.made.iter().map(|n| n.0).collect(),
                    });
                    if !self.compare() {
                        series.push(HistSeries {
                            label: "booked (scheduled connect time)".to_string(),
                            color: THEME.planned,
                            style: HistStyle::Step,
                            counts: t.planned.iter().map(|n| n.0).collect(),
                        });
                    }
                }
            }
            capitalise_hist(&mut series);
            let markers = hub(&self.runs[0], code)
                .map(|h| mct_markers(&h))
                .unwrap_or_default();
            if series.is_empty() {
                m.open("figure", &[]);
                m.elem("figcaption", &[], &format!("{title}: no connect-time histogram in this summary (written by an older flightnet)."));
                m.close("figure");
                continue;
            }
            let chart = HistogramChart {
                id: format!("chart-connect-{code}"),
                title,
                width: THEME.column_width(2),
                height: 300.0,
                bin,
                open_last: true,
                x_label: "connect time (hours; last bin: 12 hours and more)".to_string(),
                y_label: format!("connections per {} min", count(bin)),
                series,
                markers,
                marker_label: "minimum connecting time".to_string(),
            };
            figure(&mut m, chart.svg(), "");
        }
        m.close("div");
        m.elem("h3", &[], "Hub figures");
        m.append(t.finish());
        m.close("section");
        m
    }

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

    fn capacity(&self) -> Markup {
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
                head.push(r.tag(h));
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

/// The distinct minimum connecting times of a hub as chart markers (`40 min dom→dom`).
fn mct_markers(h: &HubRow) -> Vec<Marker> {
    let mut by_value: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
    for (v, name) in [
        (h.mct_dd, "dom→dom"),
        (h.mct_di, "dom→int"),
        (h.mct_id, "int→dom"),
        (h.mct_ii, "int→int"),
    ] {
        by_value.entry(v).or_default().push(name);
    }
    by_value
        .into_iter()
        .map(|(v, names)| Marker {
            at: f64::from(v),
            label: format!("{v} min {}", names.join(", ")),
        })
        .collect()
}

/// Upper-cases the first letter of each series label.
fn capitalise(series: &mut [Series]) {
    for s in series {
        s.label = upper_first(&s.label);
    }
}

fn capitalise_hist(series: &mut [HistSeries]) {
    for s in series {
        s.label = upper_first(&s.label);
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A chart in a `<figure>` with an optional caption.
fn figure(m: &mut Markup, svg: String, caption: &str) {
    m.open("figure", &[]);
    m.raw(&svg);
    if !caption.is_empty() {
        m.elem("figcaption", &[], caption);
    }
    m.close("figure");
}

/// A table cell.
struct Cell {
    text: String,
    class: &'static str,
}

impl Cell {
    fn text(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "",
        }
    }
    fn value(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "value",
        }
    }
    fn ci(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "ci",
        }
    }
}

/// An HTML table with a header row and rows with ids.
struct Table {
    m: Markup,
}

impl Table {
    fn new(id: &str, head: Vec<String>) -> Table {
        let mut m = Markup::new();
        m.open("table", &[a("id", id)]);
        m.open("thead", &[]).open("tr", &[]);
        for h in &head {
            m.elem("th", &[], h);
        }
        m.close("tr").close("thead").open("tbody", &[]);
        Table { m }
    }

    fn row(&mut self, id: &str, cells: Vec<Cell>) {
        self.m.open("tr", &[a("id", id)]);
        for c in cells {
            if c.class.is_empty() {
                self.m.elem("td", &[], &c.text);
            } else {
                self.m.elem("td", &[a("class", c.class)], &c.text);
            }
        }
        self.m.close("tr");
    }

    fn finish(mut self) -> Markup {
        self.m.close("tbody").close("table");
        self.m
    }
}
