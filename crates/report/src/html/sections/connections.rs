//! Connections per hub: made and missed, connect-time histograms with MCTs, hub figures.

use std::collections::BTreeMap;

use super::{Context, Run, capitalise_hist, figure, upper_first};
use crate::html::charts::{
    Bar, BarChart, BarRow, HistSeries, HistStyle, HistogramChart, LegendEntry, Marker,
};
use crate::html::fmt::{Unit, count, percent};
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::HubRow;

impl Context<'_> {
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

    pub(super) fn connections(&self) -> Markup {
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
            reference: None,
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
                "median connect min",
                "90th percentile min",
            ] {
                head.push(upper_first(&r.tag(h)));
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
                marker_label: "Minimum connecting time (MCT)".to_string(),
            };
            figure(&mut m, chart.svg(), "");
        }
        m.close("div");
        m.elem("h3", &[], "Hub figures");
        m.append(t.finish());
        m.close("section");
        m
    }
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
