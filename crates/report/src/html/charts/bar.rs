//! A horizontal bar chart: stacked segments, grouped bars, notes after the bars.

use super::{
    Area, LegendEntry, TITLE_BAND, header, legend_height, svg_open, text_width, x_axis_line, x_tick,
};
use crate::html::axis::{Linear, nice_ticks};
use crate::html::fmt::{Unit, tick};
use crate::html::markup::{Markup, a, px};
use crate::html::style::THEME;

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
