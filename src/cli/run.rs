//! `flightnet run`: simulate a scenario.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{
    Format, InputArgs, configure_threads, emit, load_scenario, parse_countries, parse_day,
    print_warnings, progress_bar, say,
};
use rayon::prelude::*;

use flightnet::runner::{Overrides, Study};
use flightnet::shard::{ShardFile, ShardItem, ShardSpec, variant_info, work_list};
use flightnet_data::time::Day;
use flightnet_report::files::{flight_rows, write_atomic, write_outputs};
use flightnet_sim::summary::Summary;

/// Simulate a scenario (default: the built-in KC+CZ resumption, 2022-06-01 to 2023-12-31) and
/// report capacity, spill and connections.
#[derive(clap::Args, Debug)]
pub(crate) struct RunArgs {
    /// Scenario files (TOML); without one, the built-in resumption scenario runs. Several files
    /// run one after the other (each a variant of a sharded run).
    scenarios: Vec<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
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
    /// Country pair whose routes the table output lists in full (ISO codes).
    #[arg(long, default_value = "KZ-CN", value_name = "AA-BB", value_parser = parse_countries)]
    countries: (String, String),
    /// Also write a self-contained HTML report (map and charts) to this file.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// Run only shard K of N (0-based) of the (scenario, replication) work list and write its
    /// results to --out DIR/shard-K-of-N.json for `flightnet merge`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, requires = "out")]
    shard: Option<ShardSpec>,
}

fn parse_shard(s: &str) -> Result<ShardSpec, String> {
    ShardSpec::parse(s)
        .ok_or_else(|| format!("{s:?} is not a shard; expected K/N with 0 <= K < N, e.g. 0/4"))
}

/// Runs the command.
pub(crate) fn run(args: RunArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let paths: Vec<Option<PathBuf>> = if args.scenarios.is_empty() {
        vec![None]
    } else {
        args.scenarios.iter().cloned().map(Some).collect()
    };
    if paths.len() > 1 && args.report.is_some() {
        anyhow::bail!(
            "--report takes one scenario; run the scenarios one at a time or use `flightnet compare`"
        );
    }
    let mut studies = Vec::new();
    for p in &paths {
        let mut scenario = load_scenario(p, &args.input.routes)?;
        Overrides {
            seed: args.seed,
            start: args.start,
            end: args.end,
            replications: args.replications,
        }
        .apply(&mut scenario);
        let name = p.as_ref().map_or("the built-in scenario".to_string(), |p| {
            p.display().to_string()
        });
        let study = Study::with_inputs(scenario, &args.input.inputs())
            .with_context(|| format!("preparing {name}"))?;
        let warnings = &study.prepared.net.data().warnings;
        if !studies
            .iter()
            .any(|s: &Study| &s.prepared.net.data().warnings == warnings)
        {
            print_warnings(warnings);
        }
        studies.push(study);
    }
    if let Some(spec) = args.shard {
        return run_shard(&args, &studies, spec);
    }
    let total: u64 = studies
        .iter()
        .map(|s| s.days_per_replication() * s.replications() as u64)
        .sum();
    let bar = progress_bar(total, "simulating", "days");
    let done = std::sync::atomic::AtomicU64::new(0);
    let mut outputs = Vec::new();
    for study in &studies {
        let results = study.run_all(&|_, _| {
            bar.set_position(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
        });
        outputs.push((study.summary(&results), results));
    }
    bar.finish_and_clear();
    for (k, (study, (summary, results))) in studies.iter().zip(&outputs).enumerate() {
        if let Some(dir) = &args.out {
            let dir = if studies.len() > 1 {
                dir.join(format!("variant-{k}"))
            } else {
                dir.clone()
            };
            write_outputs(&dir, &study.prepared, summary, results)
                .with_context(|| format!("writing results to {}", dir.display()))?;
            say(format_args!(
                "wrote summary.json and CSV files to {}",
                dir.display()
            ));
        }
        if let Some(path) = &args.report {
            let flights = flight_rows(&study.prepared, results);
            let html = flightnet_report::html::render(&flightnet_report::html::ReportInput {
                summary,
                flights: &flights,
            });
            write_atomic(path, html.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            say(format_args!("wrote the report to {}", path.display()));
        }
    }
    let summaries: Vec<&Summary> = outputs.iter().map(|(s, _)| s).collect();
    print_summaries(&summaries, args.format, args.top, Some(&args.countries))
}

/// Prints one summary as itself, several as a sequence of tables or a JSON array.
pub(crate) fn print_summaries(
    summaries: &[&Summary],
    format: Format,
    top: usize,
    countries: Option<&(String, String)>,
) -> anyhow::Result<()> {
    let focus = countries.map(|(a, b)| (a.as_str(), b.as_str()));
    match (format, summaries) {
        (Format::Table, _) => emit(
            &summaries
                .iter()
                .map(|s| flightnet_report::summary_table::render(s, top, focus))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (Format::Json, [one]) => emit(&one.to_json()),
        (Format::Json, many) => emit(&(serde_json::to_string_pretty(many)? + "\n")),
    }
}

/// Runs this shard's share of the (scenario, replication) work list and writes its file.
fn run_shard(args: &RunArgs, studies: &[Study], spec: ShardSpec) -> anyhow::Result<()> {
    let dir = args.out.as_ref().expect("clap requires --out with --shard");
    let list = work_list(&studies.iter().map(|s| s.replications()).collect::<Vec<_>>());
    let mine: Vec<usize> = spec.positions(list.len()).collect();
    let per_day: u64 = studies
        .iter()
        .map(|s| s.days_per_replication())
        .max()
        .unwrap_or(0);
    let bar = progress_bar(
        per_day * mine.len() as u64,
        &format!("shard {}/{}", spec.index, spec.count),
        "days",
    );
    let done = std::sync::atomic::AtomicU64::new(0);
    let items: Vec<ShardItem> = mine
        .par_iter()
        .map(|&pos| {
            let (v, rep) = list[pos];
            let results = studies[v as usize].prepared.run(rep, &|_, _| {
                bar.set_position(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
            });
            ShardItem {
                position: pos,
                variant: v,
                results,
            }
        })
        .collect();
    bar.finish_and_clear();
    let variants = studies
        .iter()
        .map(|s| variant_info(s, &args.input.inputs()))
        .collect::<Result<Vec<_>, _>>()?;
    let file = ShardFile {
        format: 1,
        version: env!("CARGO_PKG_VERSION").to_string(),
        shard: spec,
        total_items: list.len(),
        variants,
        items,
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join(spec.file_name());
    write_atomic(&path, serde_json::to_string(&file)?.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    say(format_args!(
        "shard {}/{}: {} of {} work items written to {}",
        spec.index,
        spec.count,
        file.items.len(),
        list.len(),
        path.display()
    ));
    Ok(())
}
