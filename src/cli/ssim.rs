//! `flightnet import-ssim` and `flightnet export-ssim`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::common::{parse_day, say, warnings};
use flightnet_data::input::{self, NetworkSources, ScheduleSource};
use flightnet_data::ssim::{self, ImportOptions, SsimFile, Tables};
use flightnet_data::time::Day;
use flightnet_report::output::{Dest, write_file};

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
    /// SSIM file to write (`-`: standard output).
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
    warnings(&data.warnings)?;
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
    warnings(&imported.warnings)?;
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
    write_file(
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
    let onward = args.out.join("onward.csv");
    if imported.onward.is_empty() && onward.is_file() {
        // An earlier import's links would describe another schedule.
        std::fs::remove_file(&onward).with_context(|| format!("removing {}", onward.display()))?;
        say(format_args!(
            "removed {}: it was from an earlier import (these records name no onward flights)",
            onward.display()
        ));
    }
    if !imported.onward.is_empty() {
        write_file(
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
    warnings(&data.warnings)?;
    let opts = ssim::export::ExportOptions {
        created: args.created,
    };
    let text = ssim::export::export(&data, &opts)?;
    let dest = Dest::of(&args.out);
    dest.write(text.as_bytes())?;
    let legs = text.lines().filter(|l| l.starts_with('3')).count();
    say(format_args!(
        "wrote {legs} leg records for {} schedule rows to {}",
        data.patterns.len(),
        dest.label()
    ));
    Ok(())
}
