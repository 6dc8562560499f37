//! A line chart over dates with confidence bands.

use super::{Area, LegendEntry, Swatch, header, svg_open, x_axis_line, x_tick, y_axis};
use crate::html::axis::{Linear, month_ticks, nice_ticks};
use crate::html::fmt::Unit;
use crate::html::markup::{Markup, a, fixed, px};
use crate::html::style::THEME;
use flightnet_data::time::Day;

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
}
