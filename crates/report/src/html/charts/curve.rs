//! A line chart over a numeric axis (for example days before departure), which may run from
//! right to left.

use super::{Area, LegendEntry, header, svg_open, x_axis_line, x_tick, y_axis};
use crate::html::axis::{Linear, nice_ticks};
use crate::html::fmt::{Unit, count};
use crate::html::markup::{Markup, a, px};
use crate::html::style::THEME;

/// One line of a [`CurveChart`].
#[derive(Clone, Debug)]
pub struct CurveSeries {
    /// Legend text.
    pub label: String,
    /// Colour.
    pub color: &'static str,
    /// Dashed line.
    pub dashed: bool,
    /// `(x, y)` points in drawing order.
    pub points: Vec<(f64, f64)>,
}

/// A line chart over `0..=x_max`.
#[derive(Clone, Debug)]
pub struct CurveChart {
    /// Element id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Width, px.
    pub width: f64,
    /// Height, px.
    pub height: f64,
    /// The end of the x axis (its start is 0).
    pub x_max: f64,
    /// Draw `x_max` on the left and 0 on the right (days before departure count down).
    pub reversed: bool,
    /// The label of the tick at `x_max` when it stands for more (`≥90`).
    pub x_max_label: Option<String>,
    /// Bottom axis title.
    pub x_label: String,
    /// Left axis title.
    pub y_label: String,
    /// How values print on the left axis.
    pub y_unit: Unit,
    /// The axis reaches at least this high (for example 1 for shares).
    pub y_min_top: f64,
    /// The lines.
    pub series: Vec<CurveSeries>,
}

impl CurveChart {
    /// Draws the chart.
    pub fn svg(&self) -> String {
        let mut m = Markup::new();
        svg_open(&mut m, &self.id, self.width, self.height, &self.title);
        let entries: Vec<LegendEntry> = self
            .series
            .iter()
            .map(|s| LegendEntry::line(s.color, s.dashed, &s.label))
            .collect();
        let top = header(&mut m, self.width, &self.title, &entries);
        let area = Area {
            x0: 74.0,
            x1: self.width - 24.0,
            y0: top,
            y1: self.height - 50.0,
        };
        let max = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .filter(|v| v.is_finite())
            .fold(self.y_min_top, f64::max);
        let ticks = nice_ticks(0.0, max, ((area.y1 - area.y0) / 45.0) as usize);
        let ys = Linear::new((ticks.lo, ticks.hi), (area.y1, area.y0));
        y_axis(&mut m, area, &ticks, &ys, self.y_unit, &self.y_label);
        let x_max = if self.x_max.is_finite() && self.x_max > 0.0 {
            self.x_max
        } else {
            1.0
        };
        let xs = if self.reversed {
            Linear::new((0.0, x_max), (area.x1, area.x0))
        } else {
            Linear::new((0.0, x_max), (area.x0, area.x1))
        };
        x_axis_line(&mut m, area, &self.x_label, self.height - 8.0);
        let xt = nice_ticks(0.0, x_max, ((area.x1 - area.x0) / 70.0) as usize);
        for v in xt.values.iter().filter(|v| **v <= x_max + 1e-9) {
            if self.x_max_label.is_some() && x_max - v < xt.step / 2.0 {
                continue;
            }
            x_tick(&mut m, area, xs.at(*v), &count(*v));
        }
        if let Some(label) = &self.x_max_label {
            x_tick(&mut m, area, xs.at(x_max), label);
        }
        for s in &self.series {
            let pts: Vec<&(f64, f64)> = s
                .points
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .collect();
            if pts.is_empty() {
                continue;
            }
            let d: Vec<String> = pts
                .iter()
                .enumerate()
                .map(|(k, (x, y))| {
                    format!(
                        "{}{},{}",
                        if k == 0 { "M" } else { "L" },
                        px(xs.at(*x)),
                        px(ys.at(*y))
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
            m.leaf("path", &attrs);
        }
        m.close("svg");
        m.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_axis_puts_zero_on_the_right() {
        let c = CurveChart {
            id: "c".into(),
            title: "t".into(),
            width: 600.0,
            height: 300.0,
            x_max: 90.0,
            reversed: true,
            x_max_label: Some("≥90".into()),
            x_label: "days".into(),
            y_label: "share".into(),
            y_unit: Unit::Share,
            y_min_top: 1.0,
            series: vec![CurveSeries {
                label: "s".into(),
                color: "#000000",
                dashed: false,
                points: vec![(90.0, 0.1), (0.0, 1.0)],
            }],
        };
        let svg = c.svg();
        // x0 = 74 (left, 90 days), x1 = 576 (right, 0 days).
        assert!(svg.contains("d=\"M74.0,"), "{svg}");
        assert!(svg.contains(" L576.0,"), "{svg}");
        assert!(svg.contains(">≥90</text>"));
        assert!(!svg.contains(">90</text>"));
        let empty = CurveChart {
            series: vec![],
            x_max: 0.0,
            ..c
        };
        assert!(empty.svg().ends_with("</svg>\n"));
    }
}
