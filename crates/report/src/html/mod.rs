//! The HTML report: one self-contained file (inline SVG and CSS, no scripts, nothing fetched)
//! with a route map, the focus market's resumption week by week, connections per hub, load
//! factors, spill and what became of the demand, the headline table and the scenario's
//! parameters; with fares and costs, revenue, costs and profit by airline and route and the
//! fare class mix; booking curves; and, when the run was compared with observations, a
//! calibration section.
//!
//! The output is deterministic: the same inputs give byte-identical HTML (fixed number
//! formatting, ordered maps, no timestamps). It is well-formed XML as well as HTML.
//!
//! Modules: [`markup`] (escaping, elements), [`fmt`] (numbers), [`style`] (the theme: every
//! colour and size), [`axis`] (scales, ticks), [`charts`] (line, bar and histogram charts),
//! [`map`] (projection and route map), [`world`] (country outlines), [`data`] (weekly series
//! and routes derived from a run), [`sections`] (the page's sections, one module each) and `table` (HTML tables).
//! [`network_page`] is the page of `flightnet network --report`.

pub mod axis;
pub mod charts;
pub mod data;
pub mod fmt;
pub mod map;
pub mod markup;
pub mod network_page;
pub mod sections;
pub mod style;
mod table;
pub mod world;

use std::path::Path;

use crate::files::{FlightRow, read_flight_rows};
use flightnet_data::error::{Error, Result};
use flightnet_sim::summary::Summary;
use markup::{Markup, a};
use sections::{Context, Run};
use style::THEME;

/// What a report is drawn from: a run's summary and its per-flight rows.
pub struct ReportInput<'a> {
    /// The run summary (`summary.json`).
    pub summary: &'a Summary,
    /// The dated flights (`flights.csv`), all replications.
    pub flights: &'a [FlightRow],
}

/// The summary as `summary.json` holds it (figures rounded as written), so a report drawn
/// during a run equals one drawn later from its output folder.
fn as_written(s: &Summary) -> Summary {
    Summary::from_json(&s.to_json()).unwrap_or_else(|_| s.clone())
}

/// A run's summary and flight rows, as read from its `--out` folder.
pub struct RunFiles {
    /// `summary.json`.
    pub summary: Summary,
    /// `flights.csv`.
    pub flights: Vec<FlightRow>,
}

impl RunFiles {
    /// Reads `summary.json` and `flights.csv` from a run's output folder after checking the
    /// folder against its manifest ([`crate::output::folder::verify`]): a folder that an
    /// interrupted run left, that mixes two runs or that holds several scenarios is refused; a
    /// missing or garbled file is an error naming it.
    pub fn read(dir: &Path) -> Result<RunFiles> {
        let manifest = crate::output::folder::verify(dir)?;
        if !manifest.parts.is_empty() {
            return Err(Error::Request(format!(
                "{}: holds the results of {} scenarios; name one of their folders: {}",
                dir.display(),
                manifest.parts.len(),
                manifest
                    .parts
                    .iter()
                    .map(|p| dir.join(p).display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let path = dir.join("summary.json");
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let summary = Summary::from_json(&text).map_err(|e| {
            Error::Request(format!(
                "{}: not a flightnet run summary: {e}",
                path.display()
            ))
        })?;
        let flights = read_flight_rows(&dir.join("flights.csv"))?;
        Ok(RunFiles { summary, flights })
    }

    /// The report input borrowing these files.
    pub fn input(&self) -> ReportInput<'_> {
        ReportInput {
            summary: &self.summary,
            flights: &self.flights,
        }
    }
}

/// The focus market of a run (see [`data::Focus`]).
fn focus(summary: &Summary) -> Option<data::Focus> {
    data::Places::new(summary).focus(summary)
}

fn run<'a>(
    label: &'static str,
    summary: &'a Summary,
    flights: &[FlightRow],
    focus: Option<&data::Focus>,
) -> Run<'a> {
    Run {
        label,
        summary,
        flight_rows: flights.len(),
        weekly: data::weekly(summary, flights, focus),
    }
}

/// The page around the sections.
fn document(title: &str, lead: &str, ctx: &Context<'_>) -> String {
    let mut m = Markup::new();
    m.raw("<!DOCTYPE html>\n");
    m.open("html", &[a("lang", "en")]);
    m.open("head", &[]);
    m.leaf("meta", &[a("charset", "utf-8")]);
    m.leaf(
        "meta",
        &[
            a("name", "viewport"),
            a("content", "width=device-width, initial-scale=1"),
        ],
    );
    m.elem("title", &[], title);
    m.elem("style", &[], &THEME.css());
    m.close("head");
    m.open("body", &[]);
    m.open("main", &[]);
    m.open("header", &[]);
    m.elem("h1", &[], title);
    m.elem("p", &[a("class", "lead")], lead);
    m.open("nav", &[]);
    for (id, name) in ctx.sections() {
        m.elem("a", &[a("href", format!("#{id}"))], name);
    }
    m.close("nav");
    m.close("header");
    m.append(ctx.body());
    m.open("footer", &[]);
    let versions: Vec<String> = ctx
        .runs
        .iter()
        .map(|r| r.summary.scenario.version.clone())
        .collect();
    m.elem(
        "p",
        &[a("class", "note")],
        &format!(
            "Written by flightnet {} from summary.json and flights.csv. Map data: Natural Earth (public domain) via world-atlas.",
            versions.join(" / ")
        ),
    );
    m.close("footer");
    m.close("main");
    m.close("body");
    m.close("html");
    m.finish()
}

fn lead(s: &Summary) -> String {
    format!(
        "{} to {}, seed {}, {} replication{}; scenario file {}, network {}.",
        s.scenario.start,
        s.scenario.end,
        s.scenario.seed,
        s.scenario.replications,
        if s.scenario.replications == 1 {
            ""
        } else {
            "s"
        },
        s.scenario.file,
        s.scenario.network
    )
}

/// Renders the report of one run as a self-contained HTML document.
pub fn render(input: &ReportInput<'_>) -> String {
    let summary = as_written(input.summary);
    let f = focus(&summary);
    let ctx = Context::new(vec![run("", &summary, input.flights, f.as_ref())]);
    document(
        &format!("flightnet report: {}", summary.scenario.name),
        &lead(&summary),
        &ctx,
    )
}

/// Renders two runs side by side (for `flightnet compare`): A is `a`, B is `b`.
pub fn render_compare(a: &ReportInput<'_>, b: &ReportInput<'_>) -> String {
    let (sa, sb) = (as_written(a.summary), as_written(b.summary));
    let f = focus(&sa);
    let ctx = Context::new(vec![
        run("A", &sa, a.flights, f.as_ref()),
        run("B", &sb, b.flights, f.as_ref()),
    ]);
    document(
        &format!(
            "flightnet comparison: {} (A) and {} (B)",
            sa.scenario.name, sb.scenario.name
        ),
        &format!("A: {} B: {}", lead(&sa), lead(&sb)),
        &ctx,
    )
}
