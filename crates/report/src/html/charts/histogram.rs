//! A histogram of minutes with vertical markers.

use super::{Area, LegendEntry, header, svg_open, x_axis_line, x_tick, y_axis};
use crate::html::axis::{Linear, nice_ticks};
use crate::html::fmt::Unit;
use crate::html::markup::{Markup, a, fixed, px};
use crate::html::style::THEME;

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
