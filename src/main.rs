//! The `flightnet` command-line tool: parses arguments, turns them into library calls, prints
//! data on stdout and messages on stderr. Exit codes: 0 success, 2 bad input or usage.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use flightnet::analysis::{ReportOptions, network_report};
use flightnet::input;
use flightnet::network::Network;
use flightnet::output::files::write_outputs;
use flightnet::runner::{Overrides, Study};
use flightnet::scenario::Scenario;
use flightnet::time::{DateRange, Day};

/// Flight route schedule simulator: dated schedules in UTC, MCT-aware connections and a
/// deterministic discrete-event engine.
#[derive(Parser, Debug)]
#[command(name = "flightnet", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report the route network for one week: airlines, routes, hubs, country-pair
    /// frequencies, reachable O&D pairs and critical airports and routes.
    Network(NetworkArgs),
    /// Simulate a scenario (default: the built-in KC+CZ resumption, 2022-06-01 to 2023-12-31)
    /// and report capacity, spill and connections.
    Run(RunArgs),
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// Human-readable tables.
    Table,
    /// One JSON document.
    Json,
}

#[derive(clap::Args, Debug)]
struct NetworkArgs {
    /// Network folder with airports.csv, airlines.csv, fleet.csv, schedule.csv, demand.csv.
    #[arg(long, default_value = "routes", value_name = "DIR")]
    routes: PathBuf,
    /// First day of the week to report (YYYY-MM-DD); defaults to the middle of the schedule.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    date: Option<Day>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// How many hubs to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Country pair whose weekly frequencies are broken down by carrier (ISO codes).
    #[arg(long, default_value = "KZ-CN", value_name = "AA-BB", value_parser = parse_countries)]
    countries: (String, String),
    /// Longest connect time for one-connection itineraries, in minutes.
    #[arg(long, default_value_t = 720, value_name = "MINUTES",
          value_parser = clap::value_parser!(u32).range(1..=2880))]
    max_connect: u32,
    /// Allow connections between any two airlines (default: online only).
    #[arg(long)]
    interline: bool,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
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
}

fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse(s).ok_or_else(|| format!("{s:?} is not a date; expected YYYY-MM-DD"))
}

fn parse_countries(s: &str) -> Result<(String, String), String> {
    let bad = || format!("{s:?} is not a country pair; expected two ISO codes like KZ-CN");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let ok = |c: &str| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
    if ok(a) && ok(b) && a != b {
        Ok((a.to_string(), b.to_string()))
    } else {
        Err(bad())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err
                .chain()
                .filter_map(|e| e.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Network(args) => network(args),
        Command::Run(args) => run_scenario(args),
    }
}

fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn network(args: NetworkArgs) -> anyhow::Result<()> {
    let data = input::load_dir(&args.routes)
        .with_context(|| format!("loading the network in {}", args.routes.display()))?;
    let span = data
        .schedule_span()
        .context("the schedule has no flights")?;
    let start = args
        .date
        .unwrap_or_else(|| span.first.plus_days((span.len() / 2) as i32));
    if !span.contains(start) {
        anyhow::bail!("--date {start} is outside the schedule, which runs {span}");
    }
    let window = DateRange::new(start, start.plus_days(8)).expect("valid window");
    let net = Network::build(data.into(), window);
    let mut opts = ReportOptions {
        top_hubs: args.top,
        countries: args.countries,
        ..ReportOptions::default()
    };
    opts.rules.max_connect = args.max_connect;
    if args.interline {
        opts.rules.interline = flightnet::itinerary::Interline::Any;
    }
    let report = network_report(&net, start, &opts);
    match args.format {
        Format::Table => emit(&report.to_table()),
        Format::Json => emit(&(serde_json::to_string_pretty(&report)? + "\n")),
    }
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
fn progress_bar(total: u64, what: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{elapsed_precise}] {wide_bar} {pos}/{len} days (eta {eta})",
        )
        .expect("valid template"),
    );
    bar.set_message(what.to_string());
    bar
}

fn configure_threads(threads: Option<u16>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
            .context("setting up worker threads")?;
    }
    Ok(())
}

fn load_scenario(path: &Option<PathBuf>, routes: &std::path::Path) -> anyhow::Result<Scenario> {
    Ok(match path {
        Some(p) => {
            Scenario::load(p).with_context(|| format!("loading scenario {}", p.display()))?
        }
        None => Scenario::builtin(routes),
    })
}

fn run_scenario(args: RunArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let mut scenario = load_scenario(&args.scenario, &args.routes)?;
    Overrides {
        seed: args.seed,
        start: args.start,
        end: args.end,
        replications: args.replications,
    }
    .apply(&mut scenario);
    let study = Study::new(scenario).context("preparing the simulation")?;
    let reps = study.replications();
    let bar = progress_bar(study.days_per_replication() * reps as u64, "simulating");
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
    match args.format {
        Format::Table => emit(&summary.to_table(args.top)),
        Format::Json => emit(&summary.to_json()),
    }
}
