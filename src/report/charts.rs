//! Chart primitives drawn as inline SVG: a time-series line chart with confidence bands, a
//! horizontal bar chart (stacked segments, grouped bars), and a histogram with markers.
//!
//! Each chart is described by a plain struct and drawn by its `svg` method; titles, axes,
//! grids and legends are shared code below, and every colour and size comes from
//! [`THEME`](super::style::THEME).

use super::axis::{Linear, Ticks, month_ticks, nice_ticks};
use super::fmt::{Unit, tick};
use super::markup::{Markup, a, fixed, px};
use super::style::THEME;
use crate::time::Day;

/// The approximate width of `text` at `size` px (for layout; system fonts vary a little).
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.6
}

/// How a legend entry is drawn.
#[derive(Clone, Debug)]
pub enum Swatch {
    /// A line (dashed or solid).
    Line {
        /// Colour.
        color: &'static str,
        /// Dashed.
        dashed: bool,
        /// Width, px.
        width: f64,
    },
    /// A filled box.
    Box {
        /// Colour.
        color: &'static str,
        /// Opacity.
        opacity: f64,
    },
    /// A circle (map airports).
    Dot {
        /// Fill colour.
        color: &'static str,
        /// Radius, px.
        r: f64,
    },
}

/// One legend entry.
#[derive(Clone, Debug)]
pub struct LegendEntry {
    /// Swatch.
    pub swatch: Swatch,
    /// Text.
    pub label: String,
}

impl LegendEntry {
    /// A solid or dashed line entry.
    pub fn line(color: &'static str, dashed: bool, label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            swatch: Swatch::Line {
                color,
                dashed,
                width: THEME.line_width,
            },
            label: label.into(),
        }
    }

    /// A filled box entry.
    pub fn boxed(color: &'static str, label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            swatch: Swatch::Box {
                color,
                opacity: 1.0,
            },
            label: label.into(),
        }
    }
}

const LEGEND_ROW: f64 = 20.0;
const TITLE_BAND: f64 = 28.0;

/// Lays legend entries out in rows within `width`; returns `(x, row)` per entry and the rows.
fn legend_layout(entries: &[LegendEntry], width: f64) -> (Vec<(f64, usize)>, usize) {
    let mut out = Vec::with_capacity(entries.len());
    let (mut x, mut row) = (0.0, 0);
    for e in entries {
        let w = 30.0 + text_width(&e.label, THEME.label_size) + 18.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            row += 1;
        }
        out.push((x, row));
        x += w;
    }
    let rows = if entries.is_empty() { 0 } else { row + 1 };
    (out, rows)
}

/// Height taken by a legend of `entries` in `width`.
pub fn legend_height(entries: &[LegendEntry], width: f64) -> f64 {
    legend_layout(entries, width).1 as f64 * LEGEND_ROW
}

/// Draws a legend with its first row's text baseline centred at `y`.
pub fn legend(m: &mut Markup, x0: f64, y: f64, width: f64, entries: &[LegendEntry]) {
    let (pos, _) = legend_layout(entries, width);
    m.open("g", &[a("class", "legend")]);
    for (e, (dx, row)) in entries.iter().zip(pos) {
        let x = x0 + dx;
        let cy = y + row as f64 * LEGEND_ROW;
        match &e.swatch {
            Swatch::Line {
                color,
                dashed,
                width,
            } => {
                let mut attrs = vec![
                    a("x1", px(x)),
                    a("y1", px(cy)),
                    a("x2", px(x + 24.0)),
                    a("y2", px(cy)),
                    a("stroke", color),
                    a("stroke-width", px(*width)),
                ];
                if *dashed {
                    attrs.push(a("stroke-dasharray", "6 4"));
                }
                m.leaf("line", &attrs);
            }
            Swatch::Box { color, opacity } => {
                m.leaf(
                    "rect",
                    &[
                        a("x", px(x + 4.0)),
                        a("y", px(cy - 7.0)),
                        a("width", "16"),
                        a("height", "14"),
                        a("fill", color),
                        a("fill-opacity", fixed(*opacity, 2)),
                    ],
                );
            }
            Swatch::Dot { color, r } => {
                m.leaf(
                    "circle",
                    &[
                        a("cx", px(x + 12.0)),
                        a("cy", px(cy)),
                        a("r", px(*r)),
                        a("fill", color),
                        a("stroke", THEME.panel),
                    ],
                );
            }
        }
        m.elem(
            "text",
            &[a("x", px(x + 30.0)), a("y", px(cy + 4.5))],
            &e.label,
        );
    }
    m.close("g");
}

/// Opens an `<svg>` of `width`×`height` px with an accessible title.
pub fn svg_open(m: &mut Markup, id: &str, width: f64, height: f64, title: &str) {
    let mut attrs = vec![
        a("xmlns", "http://www.w3.org/2000/svg"),
        a("width", px(width)),
        a("height", px(height)),
        a("viewBox", format!("0 0 {} {}", px(width), px(height))),
        a("role", "img"),
    ];
    if !id.is_empty() {
        attrs.insert(1, a("id", id));
    }
    m.open("svg", &attrs);
    m.elem("title", &[], title);
}

/// The plot area of a chart.
#[derive(Clone, Copy, Debug)]
struct Area {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

/// Title and legend at the top; returns the y where the plot may start.
fn header(m: &mut Markup, width: f64, title: &str, entries: &[LegendEntry]) -> f64 {
    m.elem(
        "text",
        &[a("class", "title"), a("x", "8"), a("y", "20")],
        title,
    );
    if entries.is_empty() {
        return TITLE_BAND + 6.0;
    }
    legend(m, 8.0, TITLE_BAND + 8.0, width - 16.0, entries);
    TITLE_BAND + legend_height(entries, width - 16.0) + 12.0
}

/// A vertical value axis: grid lines, tick labels and a rotated axis title.
fn y_axis(m: &mut Markup, area: Area, ticks: &Ticks, scale: &Linear, unit: Unit, label: &str) {
    m.open("g", &[a("class", "tick")]);
    for v in &ticks.values {
        let y = scale.at(*v);
        m.leaf(
            "line",
            &[
                a("x1", px(area.x0)),
                a("x2", px(area.x1)),
                a("y1", px(y)),
                a("y2", px(y)),
                a("stroke", THEME.grid),
            ],
        );
        m.elem(
            "text",
            &[
                a("x", px(area.x0 - 6.0)),
                a("y", px(y + 4.0)),
                a("text-anchor", "end"),
            ],
            &tick(*v, ticks.step, ticks.hi, unit),
        );
    }
    m.close("g");
    let cy = (area.y0 + area.y1) / 2.0;
    m.elem(
        "text",
        &[
            a("class", "axis-label"),
            a("x", px(14.0)),
            a("y", px(cy)),
            a("text-anchor", "middle"),
            a("transform", format!("rotate(-90 14 {})", px(cy))),
        ],
        label,
    );
}

/// The bottom axis line and its title.
fn x_axis_line(m: &mut Markup, area: Area, label: &str, label_y: f64) {
    m.leaf(
        "line",
        &[
            a("x1", px(area.x0)),
            a("x2", px(area.x1)),
            a("y1", px(area.y1)),
            a("y2", px(area.y1)),
            a("stroke", THEME.axis),
        ],
    );
    m.elem(
        "text",
        &[
            a("class", "axis-label"),
            a("x", px((area.x0 + area.x1) / 2.0)),
            a("y", px(label_y)),
            a("text-anchor", "middle"),
        ],
        label,
    );
}

/// A tick mark with its label below the bottom axis.
fn x_tick(m: &mut Markup, area: Area, x: f64, label: &str) {
    m.leaf(
        "line",
        &[
            a("x1", px(x)),
            a("x2", px(x)),
            a("y1", px(area.y1)),
            a("y2", px(area.y1 + 5.0)),
            a("stroke", THEME.axis),
        ],
    );
    m.elem(
        "text",
        &[
            a("class", "tick"),
            a("x", px(x)),
            a("y", px(area.y1 + 19.0)),
            a("text-anchor", "middle"),
        ],
        label,
    );
}

/// A value of a series at one x, with its 95% confidence interval when known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Value {
    /// Mean.
    pub y: f64,
    /// Lower and upper ends of the 95% interval.
    pub band: Option<(f64, f64)>,
}

/// One line of a [`LineChart`].
#[derive(Clone, Debug)]
pub struct Series {
    /// Legend text.
    pub label: String,
    /// Colour.
    pub color: &'static str,
    /// Dashed line.
    pub dashed: bool,
    /// One value per x of the chart; `None` leaves a gap.
    pub values: Vec<Option<Value>>,
}

/// A line chart over dates, with optional confidence bands.
#[derive(Clone, Debug)]
pub struct LineChart {
    /// Element id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Width, px.
    pub width: f64,
    /// Height, px.
    pub height: f64,
    /// The dates of the points (ascending).
    pub x: Vec<Day>,
    /// Bottom axis title.
    pub x_label: String,
    /// Left axis title.
    pub y_label: String,
    /// How values print on the left axis.
    pub y_unit: Unit,
    /// The axis reaches at least this high (for example 1 for a load factor).
    pub y_min_top: f64,
    /// The lines.
    pub series: Vec<Series>,
}

impl LineChart {
    /// Draws the chart.
    pub fn svg(&self) -> String {
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, self.height, &self.title);
        let mut entries: Vec<LegendEntry> = self
            .series
            .iter()
            .map(|s| LegendEntry::line(s.color, s.dashed, &s.label))
            .collect();
        let banded = self
            .series
            .iter()
            .any(|s| s.values.iter().flatten().any(|v| v.band.is_some()));
        if banded {
            entries.push(LegendEntry {
                swatch: Swatch::Box {
                    color: THEME.neutral,
                    opacity: THEME.band_opacity * 2.0,
                },
                label: "95% confidence band".to_string(),
            });
        }
        let top = header(&mut m, self.width, &self.title, &entries);
        let area = Area {
            x0: 74.0,
            x1: self.width - 18.0,
            y0: top,
            y1: self.height - 50.0,
        };
        let max = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .map(|v| v.band.map_or(v.y, |b| b.1.max(v.y)))
            .filter(|v| v.is_finite())
            .fold(self.y_min_top, f64::max);
        let ticks = nice_ticks(0.0, max, ((area.y1 - area.y0) / 45.0) as usize);
        let ys = Linear::new((ticks.lo, ticks.hi), (area.y1, area.y0));
        y_axis(&mut m, area, &ticks, &ys, self.y_unit, &self.y_label);
        let (first, last) = match (self.x.first(), self.x.last()) {
            (Some(f), Some(l)) => (*f, *l),
            _ => {
                m.elem(
                    "text",
                    &[
                        a("class", "note"),
                        a("x", px(area.x0 + 10.0)),
                        a("y", px(area.y0 + 20.0)),
                    ],
                    "no data",
                );
                m.close("svg");
                return m.finish();
            }
        };
        let xs = Linear::new(
            (first.0 as f64, (last.0 as f64).max(first.0 as f64 + 1.0)),
            (area.x0, area.x1),
        );
        x_axis_line(&mut m, area, &self.x_label, self.height - 8.0);
        let max_ticks = ((area.x1 - area.x0) / 80.0) as usize;
        for (day, label) in month_ticks(first, last, max_ticks) {
            x_tick(&mut m, area, xs.at(day.0 as f64), &label);
        }
        for s in &self.series {
            for run in runs(&s.values) {
                let pts: Vec<(f64, Value)> = run
                    .iter()
                    .map(|(i, v)| (xs.at(self.x[*i].0 as f64), *v))
                    .collect();
                if pts.iter().any(|(_, v)| v.band.is_some()) {
                    let mut d = String::new();
                    for (k, (x, v)) in pts.iter().enumerate() {
                        let hi = v.band.map_or(v.y, |b| b.1);
                        d.push_str(&format!(
                            "{}{},{} ",
                            if k == 0 { "M" } else { "L" },
                            px(*x),
                            px(ys.at(hi))
                        ));
                    }
                    for (x, v) in pts.iter().rev() {
                        let lo = v.band.map_or(v.y, |b| b.0);
                        d.push_str(&format!("L{},{} ", px(*x), px(ys.at(lo))));
                    }
                    d.push('Z');
                    m.leaf(
                        "path",
                        &[
                            a("d", d),
                            a("fill", s.color),
                            a("fill-opacity", fixed(THEME.band_opacity, 2)),
                            a("stroke", "none"),
                        ],
                    );
                }
                let d: Vec<String> = pts
                    .iter()
                    .enumerate()
                    .map(|(k, (x, v))| {
                        format!(
                            "{}{},{}",
                            if k == 0 { "M" } else { "L" },
                            px(*x),
                            px(ys.at(v.y))
                        )
                    })
                    .collect();
                let mut attrs = vec![
                    a("d", d.join(" ")),
                    a("fill", "none"),
                    a("stroke", s.color),
                    a("stroke-width", px(THEME.line_width)),
                    a("stroke-linejoin", "round"),
                ];
                if s.dashed {
                    attrs.push(a("stroke-dasharray", "6 4"));
                }
                if pts.len() == 1 {
                    m.leaf(
                        "circle",
                        &[
                            a("cx", px(pts[0].0)),
                            a("cy", px(ys.at(pts[0].1.y))),
                            a("r", "2.5"),
                            a("fill", s.color),
                        ],
                    );
                } else {
                    m.leaf("path", &attrs);
                }
            }
        }
        m.close("svg");
        m.finish()
    }
}

/// The runs of consecutive present values, with their indices.
fn runs(values: &[Option<Value>]) -> Vec<Vec<(usize, Value)>> {
    let mut out: Vec<Vec<(usize, Value)>> = Vec::new();
    let mut cur = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) if v.y.is_finite() => cur.push((i, *v)),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One bar of a [`BarRow`]: stacked segments and a note printed after it.
#[derive(Clone, Debug)]
pub struct Bar {
    /// `(value, colour)` segments, stacked left to right.
    pub segments: Vec<(f64, &'static str)>,
    /// Text after the bar.
    pub note: String,
    /// Tooltip.
    pub tooltip: String,
}

/// One labelled row of a [`BarChart`]: one bar, or several (grouped, one per run).
#[derive(Clone, Debug)]
pub struct BarRow {
    /// Row label.
    pub label: String,
    /// Bars, top to bottom.
    pub bars: Vec<Bar>,
}

/// A horizontal bar chart.
#[derive(Clone, Debug)]
pub struct BarChart {
    /// Element id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Width, px.
    pub width: f64,
    /// Bottom axis title.
    pub x_label: String,
    /// How values print on the axis.
    pub x_unit: Unit,
    /// The axis reaches at least this far (for example 1 for load factors).
    pub x_min_top: f64,
    /// Rows, top to bottom.
    pub rows: Vec<BarRow>,
    /// Legend.
    pub legend: Vec<LegendEntry>,
}

impl BarChart {
    /// The chart's height for its rows, px.
    pub fn height(&self) -> f64 {
        let bars: usize = self.rows.iter().map(|r| r.bars.len().max(1)).sum();
        let top = TITLE_BAND + 6.0 + self.legend_space();
        top + bars as f64 * BAR + self.rows.len() as f64 * ROW_GAP + 50.0
    }

    fn legend_space(&self) -> f64 {
        if self.legend.is_empty() {
            0.0
        } else {
            legend_height(&self.legend, self.width - 16.0) + 6.0
        }
    }

    /// Draws the chart.
    pub fn svg(&self) -> String {
        let height = self.height();
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, height, &self.title);
        let top = header(&mut m, self.width, &self.title, &self.legend);
        let label_w = self
            .rows
            .iter()
            .map(|r| text_width(&r.label, THEME.tick_size))
            .fold(40.0, f64::max);
        let note_w = self
            .rows
            .iter()
            .flat_map(|r| r.bars.iter())
            .map(|b| text_width(&b.note, THEME.tick_size))
            .fold(0.0, f64::max);
        let area = Area {
            x0: (label_w + 22.0).min(self.width * 0.45),
            x1: self.width - note_w - 16.0,
            y0: top,
            y1: height - 44.0,
        };
        let max = self
            .rows
            .iter()
            .flat_map(|r| r.bars.iter())
            .map(|b| b.segments.iter().map(|s| s.0.max(0.0)).sum::<f64>())
            .filter(|v| v.is_finite())
            .fold(self.x_min_top, f64::max);
        let ticks = nice_ticks(0.0, max, ((area.x1 - area.x0) / 90.0) as usize);
        let xs = Linear::new((ticks.lo, ticks.hi), (area.x0, area.x1));
        m.open("g", &[a("class", "tick")]);
        for v in &ticks.values {
            let x = xs.at(*v);
            m.leaf(
                "line",
                &[
                    a("x1", px(x)),
                    a("x2", px(x)),
                    a("y1", px(area.y0)),
                    a("y2", px(area.y1)),
                    a("stroke", THEME.grid),
                ],
            );
        }
        m.close("g");
        for v in &ticks.values {
            x_tick(
                &mut m,
                area,
                xs.at(*v),
                &tick(*v, ticks.step, ticks.hi, self.x_unit),
            );
        }
        x_axis_line(&mut m, area, &self.x_label, height - 6.0);
        let mut y = area.y0 + ROW_GAP / 2.0;
        for row in &self.rows {
            let n = row.bars.len().max(1) as f64;
            m.elem(
                "text",
                &[
                    a("class", "tick"),
                    a("x", px(area.x0 - 8.0)),
                    a("y", px(y + n * BAR / 2.0 + 4.0)),
                    a("text-anchor", "end"),
                ],
                &row.label,
            );
            for bar in &row.bars {
                let mut acc = 0.0;
                m.open("g", &[]);
                if !bar.tooltip.is_empty() {
                    m.elem("title", &[], &bar.tooltip);
                }
                for (v, color) in &bar.segments {
                    let v = if v.is_finite() { v.max(0.0) } else { 0.0 };
                    let (x0, x1) = (xs.at(acc), xs.at(acc + v));
                    acc += v;
                    m.leaf(
                        "rect",
                        &[
                            a("x", px(x0)),
                            a("y", px(y + 1.0)),
                            a("width", px((x1 - x0).max(0.0))),
                            a("height", px(BAR - 2.0)),
                            a("fill", color),
                        ],
                    );
                }
                m.elem(
                    "text",
                    &[
                        a("class", "tick"),
                        a("x", px(xs.at(acc) + 5.0)),
                        a("y", px(y + BAR / 2.0 + 4.0)),
                    ],
                    &bar.note,
                );
                m.close("g");
                y += BAR;
            }
            y += ROW_GAP;
        }
        m.close("svg");
        m.finish()
    }
}

/// Height of one bar, px.
const BAR: f64 = 17.0;
/// Space between rows, px.
const ROW_GAP: f64 = 5.0;

/// How a histogram series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistStyle {
    /// Filled bars.
    Bars,
    /// An outline (step line) over the bars.
    Step,
}

/// One series of a [`HistogramChart`].
#[derive(Clone, Debug)]
pub struct HistSeries {
    /// Legend text.
    pub label: String,
    /// Colour.
    pub color: &'static str,
    /// Bars or outline.
    pub style: HistStyle,
    /// Count per bin.
    pub counts: Vec<f64>,
}

/// A vertical line on a histogram (for example a minimum connecting time).
#[derive(Clone, Debug)]
pub struct Marker {
    /// Position on the x axis.
    pub at: f64,
    /// Short label at the top of the line.
    pub label: String,
}

/// A histogram of minutes in equal bins; the last bin may be open-ended.
#[derive(Clone, Debug)]
pub struct HistogramChart {
    /// Element id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Width, px.
    pub width: f64,
    /// Height, px.
    pub height: f64,
    /// Bin width, minutes.
    pub bin: f64,
    /// The last bin holds everything from its start up.
    pub open_last: bool,
    /// Bottom axis title.
    pub x_label: String,
    /// Left axis title.
    pub y_label: String,
    /// Series (bars first, outlines drawn over them).
    pub series: Vec<HistSeries>,
    /// Vertical markers.
    pub markers: Vec<Marker>,
    /// Legend text for the markers.
    pub marker_label: String,
}

impl HistogramChart {
    /// Draws the chart.
    pub fn svg(&self) -> String {
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, self.height, &self.title);
        let mut entries: Vec<LegendEntry> = self
            .series
            .iter()
            .map(|s| match s.style {
                HistStyle::Bars => LegendEntry::boxed(s.color, &s.label),
                HistStyle::Step => LegendEntry::line(s.color, false, &s.label),
            })
            .collect();
        if !self.markers.is_empty() {
            entries.push(LegendEntry::line(THEME.text, true, &self.marker_label));
        }
        let top = header(&mut m, self.width, &self.title, &entries);
        let area = Area {
            x0: 66.0,
            x1: self.width - 16.0,
            y0: top + 14.0,
            y1: self.height - 48.0,
        };
        let bins = self
            .series
            .iter()
            .map(|s| s.counts.len())
            .max()
            .unwrap_or(0);
        let span = (bins.max(1) as f64) * self.bin;
        let xs = Linear::new((0.0, span), (area.x0, area.x1));
        let max = self
            .series
            .iter()
            .flat_map(|s| s.counts.iter())
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max);
        let ticks = nice_ticks(0.0, max.max(1.0), ((area.y1 - area.y0) / 40.0) as usize);
        let ys = Linear::new((ticks.lo, ticks.hi), (area.y1, area.y0));
        y_axis(&mut m, area, &ticks, &ys, Unit::Count, &self.y_label);
        x_axis_line(&mut m, area, &self.x_label, self.height - 6.0);
        let hours = (span / 60.0).floor() as usize;
        let every = if (area.x1 - area.x0) / (hours.max(1) as f64) < 40.0 {
            2
        } else {
            1
        };
        let labelled = if self.open_last {
            bins.saturating_sub(1) as f64 * self.bin
        } else {
            span
        };
        for h in (0..=hours).step_by(every) {
            let at = h as f64 * 60.0;
            if at <= labelled + 1e-9 && !(self.open_last && at == labelled) {
                x_tick(&mut m, area, xs.at(at), &format!("{h}h"));
            }
        }
        if self.open_last && bins > 0 {
            x_tick(
                &mut m,
                area,
                xs.at(labelled + self.bin / 2.0),
                &format!("≥{}h", fixed(labelled / 60.0, 0)),
            );
        }
        for s in &self.series {
            match s.style {
                HistStyle::Bars => {
                    m.open("g", &[a("fill", s.color)]);
                    for (i, c) in s.counts.iter().enumerate() {
                        if *c > 0.0 && c.is_finite() {
                            let (x0, x1) =
                                (xs.at(i as f64 * self.bin), xs.at((i + 1) as f64 * self.bin));
                            let y = ys.at(*c);
                            m.leaf(
                                "rect",
                                &[
                                    a("x", px(x0 + 0.5)),
                                    a("y", px(y)),
                                    a("width", px((x1 - x0 - 1.0).max(0.5))),
                                    a("height", px(area.y1 - y)),
                                ],
                            );
                        }
                    }
                    m.close("g");
                }
                HistStyle::Step => {
                    let mut d = format!("M{},{}", px(area.x0), px(area.y1));
                    for (i, c) in s.counts.iter().enumerate() {
                        let y = ys.at(if c.is_finite() { *c } else { 0.0 });
                        d.push_str(&format!(
                            " L{},{} L{},{}",
                            px(xs.at(i as f64 * self.bin)),
                            px(y),
                            px(xs.at((i + 1) as f64 * self.bin)),
                            px(y)
                        ));
                    }
                    d.push_str(&format!(" L{},{}", px(xs.at(span)), px(area.y1)));
                    m.leaf(
                        "path",
                        &[
                            a("d", d),
                            a("fill", "none"),
                            a("stroke", s.color),
                            a("stroke-width", "1.5"),
                        ],
                    );
                }
            }
        }
        for (k, mk) in self.markers.iter().enumerate() {
            let x = xs.at(mk.at);
            m.leaf(
                "line",
                &[
                    a("x1", px(x)),
                    a("x2", px(x)),
                    a("y1", px(area.y0 - 14.0 + k as f64 * 13.0)),
                    a("y2", px(area.y1)),
                    a("stroke", THEME.text),
                    a("stroke-width", "1.5"),
                    a("stroke-dasharray", "5 3"),
                ],
            );
            m.elem(
                "text",
                &[
                    a("class", "note halo"),
                    a("x", px(x + 4.0)),
                    a("y", px(area.y0 - 4.0 + k as f64 * 13.0)),
                ],
                &mk.label,
            );
        }
        m.close("svg");
        m.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_on_gaps() {
        let v = |y| Some(Value { y, band: None });
        let r = runs(&[
            v(1.0),
            None,
            v(2.0),
            v(3.0),
            Some(Value {
                y: f64::NAN,
                band: None,
            }),
        ]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].len(), 2);
    }

    #[test]
    fn empty_charts_draw() {
        let c = LineChart {
            id: String::new(),
            title: "t".into(),
            width: 400.0,
            height: 200.0,
            x: vec![],
            x_label: "x".into(),
            y_label: "y".into(),
            y_unit: Unit::Count,
            y_min_top: 0.0,
            series: vec![],
        };
        assert!(c.svg().ends_with("</svg>\n"));
        let b = BarChart {
            id: String::new(),
            title: "t".into(),
            width: 400.0,
            x_label: "x".into(),
            x_unit: Unit::Share,
            x_min_top: 1.0,
            rows: vec![],
            legend: vec![],
        };
        assert!(b.svg().ends_with("</svg>\n"));
    }
}
