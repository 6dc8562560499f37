//! `flightnet merge`: combine shard files into the results of one unsharded run.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{Format, default_countries, say, warnings};
use super::run::print_summaries;
use flightnet::runner::folder_names;
use flightnet::shard::{merge, read_shards};
use flightnet_report::files::write_outputs;
use flightnet_report::output::Staging;

/// Combine the shard-K-of-N.json files of a sharded `flightnet run` into the same results as one
/// unsharded run, after checking that every work item is present exactly once.
#[derive(clap::Args, Debug)]
pub(crate) struct MergeArgs {
    /// Folder holding the shard files.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Also write summary.json, the CSV files and manifest.json into this folder, replacing a
    /// previous results folder whole (one sub-folder per scenario, named after the scenario
    /// files, when the run had several).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Rows in the table output's route and market lists.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Country pair whose routes the table output lists in full (ISO codes; default KZ-CN when
    /// the network has both).
    #[arg(long, value_name = "AA-BB", value_parser = super::common::parse_countries)]
    countries: Option<(String, String)>,
}

/// Runs the command.
pub(crate) fn run(args: MergeArgs) -> anyhow::Result<()> {
    let mut staging = match &args.out {
        Some(dir) => Some(
            Staging::begin(dir).with_context(|| format!("writing results to {}", dir.display()))?,
        ),
        None => None,
    };
    if args
        .dir
        .join(flightnet_report::output::folder::MANIFEST)
        .is_file()
    {
        anyhow::bail!(
            "{}: is a results folder (it has {}), not a folder of shard files; merge the folder \
             that `flightnet run --shard K/N --out DIR` wrote",
            args.dir.display(),
            flightnet_report::output::folder::MANIFEST
        );
    }
    let shards = read_shards(&args.dir)?;
    let n = shards.len();
    let merged =
        merge(shards).with_context(|| format!("merging the shards in {}", args.dir.display()))?;
    for m in &merged {
        warnings(&m.study.prepared.net.data().warnings)?;
    }
    super::common::check_countries(
        merged.iter().map(|m| m.study.prepared.net.data()),
        args.countries.as_ref(),
    )?;
    say(format_args!(
        "merged {n} shard files: {} variant(s)",
        merged.len()
    ));
    let summaries: Vec<_> = merged.iter().map(|m| m.summary()).collect();
    if let (Some(mut out), Some(dir)) = (staging.take(), &args.out) {
        let origins: Vec<&str> = merged
            .iter()
            .map(|m| m.study.scenario.origin.as_str())
            .collect();
        let names = folder_names(&origins);
        let several = merged.len() > 1;
        for (k, (m, s)) in merged.iter().zip(&summaries).enumerate() {
            let prefix = if several {
                format!("{}/", names[k])
            } else {
                String::new()
            };
            write_outputs(&mut out, &prefix, &m.study.prepared, s, &m.results)
                .with_context(|| format!("writing results to {}", dir.display()))?;
        }
        out.commit("merge", if several { &names } else { &[] })
            .with_context(|| format!("writing results to {}", dir.display()))?;
    }
    let countries = args.countries.clone().unwrap_or_else(default_countries);
    print_summaries(
        &summaries.iter().collect::<Vec<_>>(),
        args.format,
        args.top,
        Some(&countries),
    )
}
