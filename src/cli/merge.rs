//! `flightnet merge`: combine shard files into the results of one unsharded run.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{Format, say};
use super::run::print_summaries;
use flightnet::shard::{merge, read_shards};
use flightnet_report::files::write_outputs;

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
    /// Also write summary.json and CSV files into this folder (one variant-K folder each when
    /// the run had several scenarios).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Rows in the table output's route and market lists.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Country pair whose routes the table output lists in full (ISO codes).
    #[arg(long, default_value = "KZ-CN", value_name = "AA-BB", value_parser = super::common::parse_countries)]
    countries: (String, String),
}

/// Runs the command.
pub(crate) fn run(args: MergeArgs) -> anyhow::Result<()> {
    let shards = read_shards(&args.dir)?;
    let n = shards.len();
    let merged =
        merge(shards).with_context(|| format!("merging the shards in {}", args.dir.display()))?;
    say(format_args!(
        "merged {n} shard files: {} variant(s)",
        merged.len()
    ));
    let summaries: Vec<_> = merged.iter().map(|m| m.summary()).collect();
    if let Some(dir) = &args.out {
        for (k, (m, s)) in merged.iter().zip(&summaries).enumerate() {
            let dir = if merged.len() > 1 {
                dir.join(format!("variant-{k}"))
            } else {
                dir.clone()
            };
            write_outputs(&dir, &m.study.prepared, s, &m.results)
                .with_context(|| format!("writing results to {}", dir.display()))?;
        }
    }
    print_summaries(
        &summaries.iter().collect::<Vec<_>>(),
        args.format,
        args.top,
        Some(&args.countries),
    )
}
