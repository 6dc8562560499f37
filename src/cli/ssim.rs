//! `flightnet import-ssim` and `flightnet export-ssim`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::common::{parse_day, say};
use flightnet_data::input::{self, NetworkSources, ScheduleSource};
use flightnet_data::ssim::{self, ImportOptions, SsimFile, Tables};
use flightnet_data::time::Day;
use flightnet_report::files::write_atomic;

/// Convert IATA SSIM Chapter 7 schedule files into the routes/ schedule.csv format.
#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// SSIM files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder to write schedule.csv into (and onward.csv when records name onward flights).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Network folder whose airports.csv, airlines.csv, fleet.csv and demand.csv the records
    /// are checked against (the copy inside the binary is used when the folder does not exist).
    #[arg(long, default_value = "routes", value_name = "DIR")]
    pub routes: PathBuf,
    /// Drop leg records with problems (listed on stderr with a count) instead of failing.
    /// Problems in the header, carrier or trailer records and serial numbers still fail.
    #[arg(long)]
    pub skip_bad: bool,
}

/// Write a network's schedule as an IATA SSIM Chapter 7 file.
#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    /// Network folder (airports.csv, airlines.csv, fleet.csv, schedule.csv).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// SSIM file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Creation date written in the carrier records (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub created: Option<Day>,
}

/// The tables of a network folder without its schedule (an empty list of SSIM files stands
/// for "no schedule").
fn tables_only(routes: &Path) -> anyhow::Result<flightnet_data::network::NetworkData> {
    let mut sources = if routes.join("airports.csv").is_file() {
        NetworkSources::in_dir(routes)
    } else {
        NetworkSources::builtin()
    };
    sources.schedule = ScheduleSource::Ssim(Vec::new());
    input::load(&sources).with_context(|| format!("loading the network in {}", routes.display()))
}

/// Runs `import-ssim`.
pub(crate) fn import(args: ImportArgs) -> anyhow::Result<()> {
    let data = tables_only(&args.routes)?;
    let files = args
        .files
        .iter()
        .map(|p| SsimFile::read(p))
        .collect::<flightnet_data::Result<Vec<_>>>()?;
    let tables = Tables::of(&data);
    let opts = ImportOptions {
        skip_bad: args.skip_bad,
    };
    let imported = ssim::import(&files, &tables, opts).context("importing SSIM")?;
    for w in &imported.warnings {
        say(format_args!("warning: {w}"));
    }
    if imported.skipped_records > 0 {
        say(format_args!(
            "skipped {} bad leg or segment record{} ({} problem{}):",
            imported.skipped_records,
            if imported.skipped_records == 1 {
                ""
            } else {
                "s"
            },
            imported.skipped.len(),
            if imported.skipped.len() == 1 { "" } else { "s" }
        ));
        for d in &imported.skipped {
            say(format_args!("  {d}"));
        }
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let schedule = args.out.join("schedule.csv");
    write_atomic(
        &schedule,
        ssim::output::schedule_csv(&imported.patterns, &tables).as_bytes(),
    )?;
    say(format_args!(
        "imported {} dated legs from {} of {} leg records into {} schedule rows: {}",
        imported.dated_legs,
        imported.imported_records,
        imported.leg_records,
        imported.patterns.len(),
        schedule.display()
    ));
    if !imported.onward.is_empty() {
        let onward = args.out.join("onward.csv");
        write_atomic(
            &onward,
            ssim::output::onward_csv(&imported.onward).as_bytes(),
        )?;
        say(format_args!(
            "wrote {} onward-flight links to {} (the simulator builds its own rotations)",
            imported.onward.len(),
            onward.display()
        ));
    }
    Ok(())
}

/// Runs `export-ssim`.
pub(crate) fn export(args: ExportArgs) -> anyhow::Result<()> {
    let data = input::load_dir(&args.dir)
        .with_context(|| format!("loading the network in {}", args.dir.display()))?;
    let opts = ssim::export::ExportOptions {
        created: args.created,
    };
    let text = ssim::export::export(&data, &opts)?;
    write_atomic(&args.out, text.as_bytes())?;
    let legs = text.lines().filter(|l| l.starts_with('3')).count();
    say(format_args!(
        "wrote {legs} leg records for {} schedule rows to {}",
        data.patterns.len(),
        args.out.display()
    ));
    Ok(())
}
