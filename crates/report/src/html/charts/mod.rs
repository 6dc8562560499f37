//! Chart primitives drawn as inline SVG: a time-series line chart with confidence bands, a
//! line chart over a numeric axis (booking curves), a horizontal bar chart (stacked segments,
//! grouped bars, losses leftwards, a reference line), and a histogram with markers.
//!
//! Each chart is described by a plain struct and drawn by its `svg` method (one module per
//! chart kind); titles, axes, grids and legends are shared code here, and every colour and size
//! comes from [`THEME`].

mod bar;
mod curve;
mod histogram;
mod line;

pub use bar::{Bar, BarChart, BarRow};
pub use curve::{CurveChart, CurveSeries};
pub use histogram::{HistSeries, HistStyle, HistogramChart, Marker};
pub use line::{LineChart, Series, Value};

use super::axis::{Linear, Ticks};
use super::fmt::{Unit, tick};
use super::markup::{Markup, a, fixed, px};
use super::style::THEME;

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

#[cfg(test)]
mod tests {
    use super::*;

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
            reference: None,
        };
        assert!(b.svg().ends_with("</svg>\n"));
    }

    #[test]
    fn losses_grow_leftwards_from_a_zero_line() {
        let bar = |v: f64| BarRow {
            label: "r".into(),
            bars: vec![Bar {
                segments: vec![(v, "#000000")],
                note: String::new(),
                tooltip: String::new(),
            }],
        };
        let b = BarChart {
            id: String::new(),
            title: "t".into(),
            width: 400.0,
            x_label: "x".into(),
            x_unit: Unit::Money,
            x_min_top: 0.0,
            rows: vec![bar(-300.0), bar(100.0)],
            legend: vec![],
            reference: Some((50.0, "reference".into())),
        };
        let svg = b.svg();
        let rects: Vec<(f64, f64)> = svg
            .split("<rect ")
            .skip(1)
            .map(|r| {
                // The attributes of this tag only.
                let tag = format!(" {}", &r[..r.find('>').unwrap()]);
                let attr = |name: &str| -> f64 {
                    let key = format!(" {name}=\"");
                    let v = &tag[tag.find(&key).unwrap() + key.len()..];
                    v[..v.find('"').unwrap()].parse().unwrap()
                };
                (attr("x"), attr("width"))
            })
            .collect();
        assert_eq!(rects.len(), 2);
        // The loss ends where the profit starts: at zero, three times as long.
        let (loss, gain) = (rects[0], rects[1]);
        assert!((loss.0 + loss.1 - gain.0).abs() < 0.11, "{rects:?}");
        assert!((loss.1 - 3.0 * gain.1).abs() < 0.5, "{rects:?}");
        assert!(svg.contains(">-200</text>"), "{svg}");
        assert!(svg.contains("stroke-dasharray=\"5 3\""));
        assert!(svg.contains(">reference</text>"));
    }
}
