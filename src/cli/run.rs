//! `flightnet run`: simulate a scenario.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{Format, configure_threads, emit, load_scenario, parse_day, progress_bar};
use flightnet::output::files::{flight_rows, write_atomic, write_outputs};
use flightnet::runner::{Overrides, Study};
use flightnet::time::Day;

/// Simulate a scenario (default: the built-in KC+CZ resumption, 2022-06-01 to 2023-12-31) and
/// report capacity, spill and connections.
#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Scenario file (TOML); without one, the built-in resumption scenario runs.
    scenario: Option<PathBuf>,
    /// Network folder for the built-in scenario (ignored when a scenario file names its own;
    /// the copy inside the binary is used when the folder does not exist).
    #[arg(long, default_value = "routes", value_name = "DIR")]
    routes: PathBuf,
    /// Master random seed (overrides the scenario's).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// First departure date simulated (overrides the scenario's).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    start: Option<Day>,
    /// Last departure date simulated (overrides the scenario's).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    end: Option<Day>,
    /// Independent replications, run in parallel (overrides the scenario's).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
    replications: Option<u32>,
    /// Worker threads for replications (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also write summary.json and CSV files (flights, routes, markets, hubs, daily, weekly)
    /// into this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Rows in the table output's route and market lists.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Read the schedule from IATA SSIM Chapter 7 files instead of schedule.csv.
    #[arg(long, value_name = "FILE.ssim", num_args = 1..)]
    schedule: Option<Vec<PathBuf>>,
    /// Also write a self-contained HTML report (map and charts) to this file.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: RunArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let mut scenario = load_scenario(&args.scenario, &args.routes)?;
    Overrides {
        seed: args.seed,
        start: args.start,
        end: args.end,
        replications: args.replications,
        schedule: None,
    }
    .apply(&mut scenario);
    let study = Study::with_schedule(scenario, args.schedule.as_deref())
        .context("preparing the simulation")?;
    let reps = study.replications();
    let bar = progress_bar(
        study.days_per_replication() * reps as u64,
        "simulating",
        "days",
    );
    let done = std::sync::atomic::AtomicU64::new(0);
    let results = study.run_all(&|_, _| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        bar.set_position(n);
    });
    bar.finish_and_clear();
    let summary = study.summary(&results);
    if let Some(dir) = &args.out {
        write_outputs(dir, &study.prepared, &summary, &results)
            .with_context(|| format!("writing results to {}", dir.display()))?;
        eprintln!("wrote summary.json and CSV files to {}", dir.display());
    }
    if let Some(path) = &args.report {
        let flights = flight_rows(&study.prepared, &results);
        let html = flightnet::report::render(&flightnet::report::ReportInput {
            summary: &summary,
            flights: &flights,
        });
        write_atomic(path, html.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote the report to {}", path.display());
    }
    match args.format {
        Format::Table => emit(&summary.to_table(args.top)),
        Format::Json => emit(&summary.to_json()),
    }
}
