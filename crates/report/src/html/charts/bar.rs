//! A horizontal bar chart: stacked segments, grouped bars, notes after the bars; negative
//! values (losses) grow leftwards from a zero line.

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
    /// `(value, colour)` segments: positive ones stacked rightwards from zero, negative ones
    /// leftwards.
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
    /// A dashed vertical reference line at a value, with its legend text (for example 100%
    /// of observed).
    pub reference: Option<(f64, String)>,
}

impl BarChart {
    /// The chart's height for its rows, px.
    pub fn height(&self) -> f64 {
        let bars: usize = self.rows.iter().map(|r| r.bars.len().max(1)).sum();
        let top = TITLE_BAND + 6.0 + self.legend_space();
        top + bars as f64 * BAR + self.rows.len() as f64 * ROW_GAP + 50.0
    }

    fn legend_space(&self) -> f64 {
        let entries = self.entries();
        if entries.is_empty() {
            0.0
        } else {
            legend_height(&entries, self.width - 16.0) + 6.0
        }
    }

    /// The legend with the reference line's entry.
    fn entries(&self) -> Vec<LegendEntry> {
        let mut entries = self.legend.clone();
        if let Some((_, label)) = &self.reference {
            entries.push(LegendEntry::line(THEME.text, true, label));
        }
        entries
    }

    /// The ends of the axis: the most negative bar (or 0) and the longest positive one (at
    /// least `x_min_top`, and the reference line).
    fn extent(&self) -> (f64, f64) {
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        let bars = || self.rows.iter().flat_map(|r| r.bars.iter());
        let max = bars()
            .map(|b| b.segments.iter().map(|s| finite(s.0).max(0.0)).sum::<f64>())
            .chain(self.reference.as_ref().map(|r| finite(r.0)))
            .fold(self.x_min_top, f64::max);
        let min = bars()
            .map(|b| b.segments.iter().map(|s| finite(s.0).min(0.0)).sum::<f64>())
            .fold(0.0, f64::min);
        (min, max)
    }

    /// Draws the chart.
    pub fn svg(&self) -> String {
        let height = self.height();
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, height, &self.title);
        let top = header(&mut m, self.width, &self.title, &self.entries());
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
        let (min, max) = self.extent();
        let ticks = nice_ticks(min, max, ((area.x1 - area.x0) / 90.0) as usize);
        let xs = Linear::new((ticks.lo, ticks.hi), (area.x0, area.x1));
        // Tick labels scale (k, M) by the larger end of the axis.
        let reach = ticks.hi.abs().max(ticks.lo.abs());
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
                &tick(*v, ticks.step, reach, self.x_unit),
            );
        }
        x_axis_line(&mut m, area, &self.x_label, height - 6.0);
        if min < 0.0 {
            let x = xs.at(0.0);
            m.leaf(
                "line",
                &[
                    a("x1", px(x)),
                    a("x2", px(x)),
                    a("y1", px(area.y0)),
                    a("y2", px(area.y1)),
                    a("stroke", THEME.axis),
                ],
            );
        }
        // The reference line goes under the bars and their notes.
        if let Some((at, _)) = &self.reference {
            let x = xs.at(*at);
            m.leaf(
                "line",
                &[
                    a("x1", px(x)),
                    a("x2", px(x)),
                    a("y1", px(area.y0)),
                    a("y2", px(area.y1)),
                    a("stroke", THEME.text),
                    a("stroke-width", "1.5"),
                    a("stroke-dasharray", "5 3"),
                ],
            );
        }
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
                // Positive segments stack rightwards from zero, negative ones leftwards.
                let (mut acc, mut neg) = (0.0, 0.0);
                m.open("g", &[]);
                if !bar.tooltip.is_empty() {
                    m.elem("title", &[], &bar.tooltip);
                }
                for (v, color) in &bar.segments {
                    let v = if v.is_finite() { *v } else { 0.0 };
                    let (x0, x1) = if v < 0.0 {
                        let end = neg;
                        neg += v;
                        (xs.at(neg), xs.at(end))
                    } else {
                        let start = acc;
                        acc += v;
                        (xs.at(start), xs.at(acc))
                    };
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
