//! The sections of the report, each drawn for one run or for two runs side by side.
//!
//! Every section takes a [`Context`] holding one or two [`Run`]s: with one run, series are
//! labelled plainly; with two, each series carries its run's letter (A, B) and colour.

mod booking;
mod calibration;
mod capacity;
mod connections;
mod money;
mod network;
mod overview;
mod resumption;

use super::charts::{HistSeries, Series};
use super::data::{Focus, Places, Weekly, airlines};
use super::markup::{Markup, a};
use super::style::THEME;
use flightnet_sim::summary::Summary;

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

/// The section ids and titles, in page order. The last three appear only when a run has
/// their data: money (a currency), booking curves (tickets), a comparison with observations.
pub const SECTIONS: &[(&str, &str)] = &[
    ("scenario", "Scenario"),
    ("headline", "Headline figures"),
    ("map", "Route map"),
    ("resumption", "Resumption over time"),
    ("connections", "Connections"),
    ("capacity", "Capacity and spill"),
    ("money", "Revenue and costs"),
    ("booking", "Booking curves"),
    ("calibration", "Calibration"),
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

    /// The currency of the money figures (the first run's that has one).
    fn currency(&self) -> Option<&str> {
        self.runs
            .iter()
            .find_map(|r| r.summary.scenario.currency.as_deref())
    }

    /// Whether a run has money figures (fares and costs, so a currency).
    fn has_money(&self) -> bool {
        self.currency().is_some()
    }

    /// Whether a run has booking curves with tickets.
    fn has_booking(&self) -> bool {
        self.runs.iter().any(|r| {
            r.summary
                .booking_curves
                .iter()
                .any(|c| c.tickets.iter().any(|t| t.0 > 0.0))
        })
    }

    /// Whether a run was compared with observations.
    fn has_calibration(&self) -> bool {
        self.runs.iter().any(|r| r.summary.calibration.is_some())
    }

    /// The ids and titles of the sections this report has, in page order.
    pub fn sections(&self) -> Vec<(&'static str, &'static str)> {
        SECTIONS
            .iter()
            .copied()
            .filter(|(id, _)| match *id {
                "money" => self.has_money(),
                "booking" => self.has_booking(),
                "calibration" => self.has_calibration(),
                _ => true,
            })
            .collect()
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
        if self.has_money() {
            m.append(self.money());
        }
        if self.has_booking() {
            m.append(self.booking());
        }
        if self.has_calibration() {
            m.append(self.calibration());
        }
        m
    }

    /// `<section id><h2>` for the section `id`.
    fn open_section(&self, m: &mut Markup, id: &str) {
        let title = SECTIONS.iter().find(|s| s.0 == id).map_or(id, |s| s.1);
        m.open("section", &[a("id", id)]);
        m.elem("h2", &[], title);
    }
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
