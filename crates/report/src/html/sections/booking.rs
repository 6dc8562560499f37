//! Booking curves: when each passenger segment buys its tickets.

use super::{Context, figure, upper_first};
use crate::html::charts::{CurveChart, CurveSeries};
use crate::html::data::{booked_ahead, median_lead};
use crate::html::fmt::{Unit, count, percent};
use crate::html::markup::{Markup, a};
use crate::html::style::THEME;
use crate::html::table::{Cell, Table};
use flightnet_sim::summary::BookingCurve;

/// Leads (days before departure) whose share of tickets sold by then the table shows.
const LEADS: [usize; 3] = [7, 14, 30];

impl Context<'_> {
    /// Segment names of every run, in the first run's order.
    fn segment_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for r in &self.runs {
            for c in &r.summary.booking_curves {
                if !names.contains(&c.segment) {
                    names.push(c.segment.clone());
                }
            }
        }
        names
    }

    pub(super) fn booking(&self) -> Markup {
        let mut m = Markup::new();
        self.open_section(&mut m, "booking");
        let names = self.segment_names();
        let curve = |i: usize, name: &str| -> Option<&BookingCurve> {
            self.runs[i]
                .summary
                .booking_curves
                .iter()
                .find(|c| c.segment == name)
        };
        let days = self
            .runs
            .iter()
            .flat_map(|r| r.summary.booking_curves.iter().map(|c| c.tickets.len()))
            .max()
            .unwrap_or(1)
            .max(1);
        let last = days - 1;
        m.elem(
            "p",
            &[a("class", "lead")],
            &format!(
                "When passengers buy: the share of each segment's tickets sold at least so many days before departure (read from the left: by {last} days ahead, by 30, …, by the day of departure, 100%). The leftmost point counts every ticket bought {last} days or more ahead. Each booking counts once, by the days between the day it was made and its first flight's departure.{}",
                if self.compare() {
                    " A solid, B dashed."
                } else {
                    ""
                }
            ),
        );
        let mut series = Vec::new();
        for (k, name) in names.iter().enumerate() {
            for (i, r) in self.runs.iter().enumerate() {
                let Some(c) = curve(i, name) else { continue };
                let ahead = booked_ahead(&c.tickets);
                series.push(CurveSeries {
                    label: upper_first(&r.tag(name)),
                    color: THEME.segment_color(k),
                    dashed: i > 0,
                    points: ahead
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(d, s)| (d as f64, *s))
                        .collect(),
                });
            }
        }
        let chart = CurveChart {
            id: "chart-booking-curves".to_string(),
            title: "Booking curves: share of tickets sold by days before departure".to_string(),
            width: THEME.page_width,
            height: 380.0,
            x_max: last as f64,
            reversed: true,
            x_max_label: Some(format!("≥{last}")),
            x_label: "days before departure".to_string(),
            y_label: "tickets sold by then (cumulative %)".to_string(),
            y_unit: Unit::Share,
            y_min_top: 1.0,
            series,
        };
        m.open("div", &[a("class", "grid")]);
        figure(&mut m, chart.svg(), "");
        m.close("div");
        let mut head = vec!["Segment".to_string()];
        for r in &self.runs {
            head.push(upper_first(&r.tag("tickets")));
            head.push(upper_first(&r.tag("median days ahead")));
            for d in LEADS {
                head.push(upper_first(&r.tag(&format!("≥ {d} days ahead"))));
            }
        }
        let mut t = Table::new("booking-table", head);
        for name in &names {
            let mut cells = vec![Cell::text(&upper_first(name))];
            for i in 0..self.runs.len() {
                match curve(i, name) {
                    Some(c) => {
                        let total: f64 = c.tickets.iter().map(|t| t.0).sum();
                        let ahead = booked_ahead(&c.tickets);
                        cells.push(Cell::value(&count(total)));
                        cells.push(Cell::value(
                            &median_lead(&c.tickets).map_or("–".to_string(), |d| d.to_string()),
                        ));
                        for d in LEADS {
                            cells.push(Cell::value(
                                &ahead.get(d).map_or("–".to_string(), |s| percent(*s)),
                            ));
                        }
                    }
                    None => cells.extend((0..2 + LEADS.len()).map(|_| Cell::value("–"))),
                }
            }
            t.row(&format!("booking-{name}"), cells);
        }
        m.append(t.finish());
        m.close("section");
        m
    }
}
