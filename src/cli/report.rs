//! `flightnet report`: the HTML report of a finished run.

use std::path::PathBuf;

use anyhow::Context;

use super::common::say;

use flightnet_report::html::{RunFiles, render};
use flightnet_report::output::{Dest, folder};

/// Write the self-contained HTML report of a run from its --out folder.
#[derive(clap::Args, Debug)]
pub(crate) struct ReportArgs {
    /// A run's output folder (summary.json, flights.csv, checked against its manifest.json).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// HTML file to write (default: DIR/report.html, recorded in the folder's manifest; `-`:
    /// standard output).
    #[arg(long, value_name = "FILE.html")]
    pub out: Option<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: ReportArgs) -> anyhow::Result<()> {
    let files = RunFiles::read(&args.dir)
        .with_context(|| format!("reading the run in {}", args.dir.display()))?;
    let html = render(&files.input());
    match args.out {
        None => {
            let path = args.dir.join("report.html");
            folder::add_file(&args.dir, "report.html", html.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            say(format_args!("wrote the report to {}", path.display()));
        }
        Some(path) => {
            let dest = Dest::of(&path);
            dest.write(html.as_bytes())
                .with_context(|| format!("writing {}", dest.label()))?;
            if dest != Dest::Stdout {
                say(format_args!("wrote the report to {}", path.display()));
            }
        }
    }
    Ok(())
}
