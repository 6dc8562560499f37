//! `flightnet report`: the HTML report of a finished run.

use std::path::PathBuf;

/// Write the self-contained HTML report of a run from its --out folder.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// A run's output folder (summary.json, flights.csv).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// HTML file to write (default: DIR/report.html).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
}

/// Runs the command.
pub fn run(_args: ReportArgs) -> anyhow::Result<()> {
    anyhow::bail!("report is not built yet")
}
