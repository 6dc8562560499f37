//! `flightnet import-mct` and `flightnet export-mct`: SSIM Chapter 8 MCT files to and from
//! `mct.csv`.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{location_label, network_location, parse_day, say, warnings};
use flightnet_data::error::{Diagnostics, Error};
use flightnet_data::mct::{self, MctRecord, Place, Side};
use flightnet_data::network::{Basis, Provenance, Status};
use flightnet_data::time::Day;
use flightnet_report::output::write_file;

/// Convert IATA SSIM Chapter 8 MCT files into the routes/ mct.csv format.
#[derive(clap::Args, Debug)]
pub(crate) struct ImportArgs {
    /// Chapter 8 files, applied in order (an update file adds and deletes records).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Folder to write mct.csv into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Drop the records with problems (listed on stderr) instead of failing.
    #[arg(long)]
    pub skip_bad: bool,
}

/// Write a network's MCT records (its mct.csv and --mct files) as an IATA SSIM Chapter 8 file.
#[derive(clap::Args, Debug)]
pub(crate) struct ExportArgs {
    /// Network folder (default: routes/, or the network compiled into the binary when there is
    /// no routes/ folder).
    #[arg(long, value_name = "DIR")]
    pub routes: Option<PathBuf>,
    /// Chapter 8 files applied after the network's mct.csv.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub mct: Vec<PathBuf>,
    /// Also write each airport's airports.csv MCTs as four station-standard records.
    #[arg(long)]
    pub with_standards: bool,
    /// Chapter 8 file to write.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Creation date written in the header (default: blank).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub created: Option<Day>,
}

/// Runs `import-mct`.
pub(crate) fn import(args: ImportArgs) -> anyhow::Result<()> {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut found = Vec::new();
    let mut read = 0;
    for p in &args.files {
        let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
        let file = mct::chapter8::read(p, &bytes);
        read += file.records.len() + file.errors.len();
        errors.extend(file.errors.iter().cloned());
        found.extend(file.warnings.iter().cloned());
        found.extend(mct::chapter8::apply(&mut records, file, p));
    }
    let table = mct::MctTable::new(records.clone());
    found.extend(table.warnings());
    warnings(&found)?;
    if !errors.is_empty() {
        let mut d = Diagnostics(errors.clone());
        d.sort();
        if !args.skip_bad {
            return Err(Error::Invalid(d).into());
        }
        say(format_args!("rejected {} records:", d.0.len()));
        for e in &d.0 {
            say(format_args!("  {e}"));
        }
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let path = args.out.join("mct.csv");
    write_file(&path, mct::csv::write(&records).as_bytes())?;
    say(format_args!(
        "read {read} MCT records: {} kept ({} exceptions or suppressions, {} station standards), {} rejected; {} warnings; wrote {}",
        records.len(),
        records.iter().filter(|r| r.is_exception()).count(),
        records.iter().filter(|r| !r.is_exception()).count(),
        errors.len(),
        found.len(),
        path.display()
    ));
    Ok(())
}

/// The four station-standard records of an airport's `airports.csv` MCTs.
fn standards(data: &flightnet_data::network::NetworkData) -> Vec<MctRecord> {
    use Status::{Domestic as D, International as I};
    let mut out = Vec::new();
    for a in &data.airports {
        for (status, minutes) in [
            ((D, D), a.mct.dd),
            ((D, I), a.mct.di),
            ((I, D), a.mct.id),
            ((I, I), a.mct.ii),
        ] {
            out.push(MctRecord {
                arr_station: Some(a.iata.clone()),
                dep_station: Some(a.iata.clone()),
                status,
                minutes: Some(minutes),
                suppress: false,
                arr: Side::default(),
                dep: Side::default(),
                prev: Place::default(),
                next: Place::default(),
                valid_from: None,
                valid_to: None,
                supp: Place::default(),
                submitter: None,
                filed: None,
                provenance: Provenance {
                    basis: a.provenance.basis.or(Some(Basis::Estimated)),
                    source: a.provenance.source.clone(),
                },
                origin_ref: String::new(),
            });
        }
    }
    out
}

/// Runs `export-mct`.
pub(crate) fn export(args: ExportArgs) -> anyhow::Result<()> {
    let location = network_location(&args.routes)?;
    let inputs = flightnet::runner::Inputs {
        schedule: None,
        mct: args.mct.clone(),
    };
    let data = flightnet::runner::load_inputs(&location, &inputs)
        .with_context(|| format!("loading {}", location_label(&location)))?;
    warnings(&data.warnings)?;
    let mut records = if args.with_standards {
        standards(&data)
    } else {
        Vec::new()
    };
    records.extend(data.mct.records.iter().cloned());
    let text = mct::chapter8::write(&records, args.created);
    write_file(&args.out, text.as_bytes())?;
    say(format_args!(
        "wrote {} MCT records to {}",
        records.len(),
        args.out.display()
    ));
    Ok(())
}
