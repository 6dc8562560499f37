//! The HTML report: one self-contained file with a route map and charts.

use crate::output::Summary;
use crate::output::files::FlightRow;

/// What a report is drawn from: a run's summary and its per-flight rows.
pub struct ReportInput<'a> {
    /// The run summary (`summary.json`).
    pub summary: &'a Summary,
    /// The dated flights (`flights.csv`), all replications.
    pub flights: &'a [FlightRow],
}

/// Renders the report of one run as a self-contained HTML document.
pub fn render(input: &ReportInput<'_>) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body></body></html>\n",
        input.summary.scenario.name
    )
}

/// Renders two runs side by side (for `flightnet compare`).
pub fn render_compare(a: &ReportInput<'_>, _b: &ReportInput<'_>) -> String {
    render(a)
}
