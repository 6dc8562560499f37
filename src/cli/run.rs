//! `flightnet run`: simulate a scenario.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{
    Format, InputArgs, configure_threads, default_countries, emit, load_scenario, parse_countries,
    parse_day, progress_bar, say, warnings,
};
use rayon::prelude::*;

use flightnet::runner::{Overrides, Study, folder_names};
use flightnet::shard::{ShardFile, ShardItem, ShardSpec, variant_info, work_list};
use flightnet_data::time::Day;
use flightnet_report::files::{flight_rows, write_outputs};
use flightnet_report::output::{Dest, Staging};
use flightnet_sim::summary::Summary;

/// Simulate a scenario (default: the built-in KC+CZ resumption, 2022-06-01 to 2023-12-31) and
/// report capacity, demand outcomes, revenue and cost, and connections.
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
    /// and manifest.json into this folder, replacing a previous run's folder whole (a folder
    /// holding other files is refused). With several scenarios, one sub-folder each, named
    /// after the scenario files.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Rows in the table output's route and market lists.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Country pair whose routes the table output lists in full (ISO codes; default KZ-CN when
    /// the network has both).
    #[arg(long, value_name = "AA-BB", value_parser = parse_countries)]
    countries: Option<(String, String)>,
    /// Also write a self-contained HTML report (map and charts) to this file (`-`: standard
    /// output, instead of the tables). Inside the --out folder, it becomes part of the run.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    /// Compare the run with observed aggregates (`observed.csv` rows: metric, selector, from,
    /// to, value); a calibrated scenario does so with the file it was fitted to.
    #[arg(long, value_name = "FILE.csv")]
    observed: Option<PathBuf>,
    /// Run only shard K of N (0-based) of the (scenario, replication) work list and write its
    /// results to --out DIR/shard-K-of-N.json for `flightnet merge`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard, requires = "out")]
    shard: Option<ShardSpec>,
}

fn parse_shard(s: &str) -> Result<ShardSpec, String> {
    ShardSpec::parse(s)
        .ok_or_else(|| format!("{s:?} is not a shard; expected K/N with 0 <= K < N, e.g. 0/4"))
}

/// Where `file` lies inside `dir`, as a `/`-separated relative path (compared as absolute
/// paths, without following links).
fn inside(dir: &std::path::Path, file: &std::path::Path) -> Option<String> {
    let dir = std::path::absolute(dir).ok()?;
    let file = std::path::absolute(file).ok()?;
    let rel = file.strip_prefix(&dir).ok()?;
    let parts: Option<Vec<String>> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join("/"))
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
    // Claim the results folder before simulating: a folder that must not be replaced is
    // refused at once, not after the run.
    let mut staging = match (&args.out, args.shard) {
        (Some(dir), None) => Some(
            Staging::begin(dir).with_context(|| format!("writing results to {}", dir.display()))?,
        ),
        _ => None,
    };
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
        warnings(&study.prepared.net.data().warnings)?;
        studies.push(study);
    }
    super::common::check_countries(
        studies.iter().map(|s| s.prepared.net.data()),
        args.countries.as_ref(),
    )?;
    let countries = args.countries.clone().unwrap_or_else(default_countries);
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
        let mut summary = study.summary(&results);
        summary.calibration =
            flightnet::calibrate::observed_comparison(study, &results, args.observed.as_deref())
                .context("comparing with the observed figures")?;
        outputs.push((summary, results));
    }
    bar.finish_and_clear();
    let html = args.report.as_ref().map(|_| {
        let (study, (summary, results)) = (&studies[0], &outputs[0]);
        let flights = flight_rows(&study.prepared, results);
        flightnet_report::html::render(&flightnet_report::html::ReportInput {
            summary,
            flights: &flights,
        })
    });
    let mut report_staged = false;
    if let (Some(out), Some(dir)) = (staging.as_mut(), &args.out) {
        let origins: Vec<&str> = studies.iter().map(|s| s.scenario.origin.as_str()).collect();
        let names = folder_names(&origins);
        let several = studies.len() > 1;
        for (k, (study, (summary, results))) in studies.iter().zip(&outputs).enumerate() {
            let prefix = if several {
                format!("{}/", names[k])
            } else {
                String::new()
            };
            write_outputs(out, &prefix, &study.prepared, summary, results)
                .with_context(|| format!("writing results to {}", dir.display()))?;
        }
        if let (Some(path), Some(html)) = (&args.report, &html)
            && let Some(rel) = inside(dir, path)
        {
            out.write(&rel, html.as_bytes())
                .with_context(|| format!("writing {}", path.display()))?;
            report_staged = true;
        }
        let parts = if several { names.clone() } else { Vec::new() };
        staging
            .take()
            .expect("staged above")
            .commit("run", &parts)
            .with_context(|| format!("writing results to {}", dir.display()))?;
        say(format_args!(
            "wrote summary.json, the CSV files{} and manifest.json to {}{}",
            if report_staged { ", the report" } else { "" },
            dir.display(),
            if several {
                format!(" (one folder per scenario: {})", names.join(", "))
            } else {
                String::new()
            }
        ));
    }
    let mut tables = true;
    if let (Some(path), Some(html)) = (&args.report, &html)
        && !report_staged
    {
        let dest = Dest::of(path);
        dest.write(html.as_bytes())
            .with_context(|| format!("writing {}", dest.label()))?;
        if dest == Dest::Stdout {
            tables = false;
        } else {
            say(format_args!("wrote the report to {}", path.display()));
        }
    }
    if !tables {
        return Ok(());
    }
    let summaries: Vec<&Summary> = outputs.iter().map(|(s, _)| s).collect();
    print_summaries(&summaries, args.format, args.top, Some(&countries))
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
    flightnet_report::output::write_file(&path, serde_json::to_string(&file)?.as_bytes())
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
