//! `flightnet import-ssim` and `flightnet export-ssim`.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{location_label, network_location, parse_day, say, warnings};
use flightnet_data::error::Diagnostics;
use flightnet_data::input::fill::{References, fill_in};
use flightnet_data::input::{self, NetworkSources, ScheduleSource};
use flightnet_data::network::{Airline, Airport, NetworkData};
use flightnet_data::scenario::NetworkLocation;
use flightnet_data::ssim::{self, ImportOptions, SsimFile, Tables};
use flightnet_data::time::Day;
use flightnet_report::output::{Dest, write_file};

/// Convert IATA SSIM Chapter 7 schedule files into the routes/ schedule.csv format.
#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// SSIM files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder to write schedule.csv into (and onward.csv when records name onward flights, and
    /// filled-airports.csv, filled-airlines.csv and filled-fleet.csv when rows were filled in).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Network folder whose airports.csv, airlines.csv and fleet.csv the records are checked
    /// against (default: routes/, or the network compiled into the binary when there is no
    /// routes/ folder). Codes they do not define are filled in from the world airport table.
    #[arg(long, value_name = "DIR")]
    pub routes: Option<PathBuf>,
    /// Drop the records with problems (listed on stderr with a count) instead of failing.
    #[arg(long)]
    pub skip_bad: bool,
}

/// Write a network's schedule as an IATA SSIM Chapter 7 file.
#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    /// Network folder (airports.csv, airlines.csv, fleet.csv, schedule.csv); default routes/,
    /// or the network compiled into the binary when there is no routes/ folder.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// SSIM file to write (`-`: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Creation date written in the carrier records (default: today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub created: Option<Day>,
}

/// The tables of a network without its schedule (an empty list of SSIM files stands for "no
/// schedule").
fn tables_only(location: &NetworkLocation) -> anyhow::Result<NetworkData> {
    let mut sources = match location {
        NetworkLocation::Dir(d) => NetworkSources::in_dir(d),
        NetworkLocation::Builtin => NetworkSources::builtin(),
    };
    sources.schedule = ScheduleSource::Ssim(Vec::new());
    input::load(&sources).with_context(|| format!("loading {}", location_label(location)))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Runs `import-ssim`.
pub(crate) fn import(args: ImportArgs) -> anyhow::Result<()> {
    let location = network_location(&args.routes)?;
    let data = tables_only(&location)?;
    warnings(&data.warnings)?;
    let files = args
        .files
        .iter()
        .map(|p| SsimFile::read(p))
        .collect::<flightnet_data::Result<Vec<_>>>()?;
    // Codes the tables do not define: airports from the world table, placeholder airlines.
    let mut refs = References::default();
    refs.ssim(&files);
    let (mut airports, mut airlines) = (data.airports.clone(), data.airlines.clone());
    let none = Default::default();
    let mut warnings = fill_in(&refs, &mut airports, &mut airlines, &none, &none);
    let filled_airports: Vec<Airport> = airports[data.airports.len()..].to_vec();
    let filled_airlines: Vec<Airline> = airlines[data.airlines.len()..].to_vec();
    let tables = Tables {
        airports: &airports,
        airlines: &airlines,
        fleet: &data.fleet,
    };
    let opts = ImportOptions {
        skip_bad: args.skip_bad,
    };
    let imported = ssim::import(&files, &tables, opts).context("importing SSIM")?;
    warnings.extend(imported.warnings.iter().cloned());
    let mut w = Diagnostics(warnings);
    w.sort();
    super::common::warnings(&w.0)?;
    if imported.skipped_records > 0 {
        say(format_args!(
            "rejected {} ({}):",
            plural(imported.skipped_records, "record", "records"),
            plural(imported.skipped.len(), "problem", "problems")
        ));
        for d in &imported.skipped {
            say(format_args!("  {d}"));
        }
    }
    let mut fleet = data.fleet.clone();
    fleet.extend(imported.added_fleet.iter().cloned());
    let out_tables = Tables {
        airports: &airports,
        airlines: &airlines,
        fleet: &fleet,
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let schedule = args.out.join("schedule.csv");
    write_file(
        &schedule,
        ssim::output::schedule_csv(&imported.patterns, &out_tables).as_bytes(),
    )?;
    say(format_args!(
        "read {} leg records: imported {} ({} with an inferred arrival date variation), {} of services without passengers not imported, {} rejected; {} warnings",
        imported.leg_records,
        imported.imported_records,
        imported.inferred_date_variations,
        imported.not_passenger_records,
        imported.skipped_records,
        w.0.len()
    ));
    say(format_args!(
        "wrote {} dated legs in {} schedule rows to {}",
        imported.dated_legs,
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
    let mut written = Vec::new();
    if !filled_airports.is_empty() {
        let p = args.out.join("filled-airports.csv");
        write_file(&p, ssim::output::airports_csv(&filled_airports).as_bytes())?;
        written.push(format!(
            "{} from the world airport table ({}) to {}",
            plural(filled_airports.len(), "airport", "airports"),
            filled_airports
                .iter()
                .map(|a| a.iata.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            p.display()
        ));
    }
    if !filled_airlines.is_empty() {
        let p = args.out.join("filled-airlines.csv");
        write_file(&p, ssim::output::airlines_csv(&filled_airlines).as_bytes())?;
        written.push(format!(
            "{} ({}) to {}",
            plural(
                filled_airlines.len(),
                "placeholder airline",
                "placeholder airlines"
            ),
            filled_airlines
                .iter()
                .map(|a| a.code.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            p.display()
        ));
    }
    if !imported.added_fleet.is_empty() {
        let p = args.out.join("filled-fleet.csv");
        write_file(
            &p,
            ssim::output::fleet_csv(&imported.added_fleet, &out_tables).as_bytes(),
        )?;
        written.push(format!(
            "{} with seats from the SSIM configurations to {}",
            plural(
                imported.added_fleet.len(),
                "aircraft type",
                "aircraft types"
            ),
            p.display()
        ));
    }
    for line in &written {
        say(format_args!(
            "filled in {line} (basis E; append them to the network's tables to keep them)"
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
    let location = network_location(&args.dir)?;
    let data = flightnet::runner::load_network(&location, None)
        .with_context(|| format!("loading {}", location_label(&location)))?;
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
