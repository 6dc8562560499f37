//! `flightnet tune`: search route frequencies for the best objective.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::common::{
    Format, InputArgs, configure_threads, emit, load_scenario, parse_countries, parse_day,
    progress_bar, relative_to, say,
};
use flightnet::runner::{Overrides, load_inputs};
use flightnet::tune::{Objective, RoutePair, TuneOptions, Tuner};
use flightnet_data::scenario::NetworkLocation;
use flightnet_data::time::{DateRange, Day};

/// Search the weekly frequencies of chosen routes (default: every route between the two
/// countries) to optimise an objective, within the fleet and a bilateral cap; print the
/// recommendation and optionally write the tuned scenario.
#[derive(clap::Args, Debug)]
pub(crate) struct TuneArgs {
    /// Scenario file (default: the built-in resumption scenario).
    scenario: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    /// Routes to tune, as AIRLINE:AAA-BBB (comma-separated); default: every route between
    /// --countries flown in the window.
    #[arg(long = "tune", value_name = "KC:ALA-PEK,...", value_delimiter = ',', value_parser = parse_pair)]
    tune: Vec<RoutePair>,
    /// Country pair tuned by default and capped.
    #[arg(long, default_value = "KZ-CN", value_name = "AA-BB", value_parser = parse_countries)]
    countries: (String, String),
    /// First departure date of the tuning window (default: 28 days before the scenario's end).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    from: Option<Day>,
    /// Last departure date of the tuning window (default: the scenario's end).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    to: Option<Day>,
    /// Objective: `profit` (the network's revenue minus cost; the default when the network has
    /// fares and costs), `passengers` (passengers carried minus a cost per flight; the default
    /// otherwise) or `load-factor` (seats flown outside the load-factor band, minimised).
    #[arg(long, value_parser = ["profit", "passengers", "load-factor"])]
    objective: Option<String>,
    /// Cost of a flight in passengers, for `passengers`.
    #[arg(long, default_value_t = 110.0, value_name = "PAX")]
    cost_per_flight: f64,
    /// Load-factor band for `load-factor`, as LOW-HIGH.
    #[arg(long, default_value = "0.75-0.90", value_name = "LOW-HIGH", value_parser = parse_band)]
    band: (f64, f64),
    /// Weekly round trips allowed per carrier country between the two countries.
    #[arg(long, default_value_t = 84, value_name = "N")]
    cap: u32,
    /// Highest weekly frequency considered for a route.
    #[arg(long, default_value_t = 14, value_name = "N")]
    max_weekly: u32,
    /// Replications per evaluation (common random numbers).
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    replications: u32,
    /// Most rounds of moves.
    #[arg(long, default_value_t = 20, value_name = "N")]
    max_rounds: u32,
    /// Master seed (overrides the scenario's).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// Worker threads (results do not depend on it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the tuned scenario (the scenario plus the recommended frequencies) as TOML.
    #[arg(long, value_name = "FILE.toml")]
    out: Option<PathBuf>,
}

fn parse_pair(s: &str) -> Result<RoutePair, String> {
    let bad = || format!("{s:?} is not a route; expected AIRLINE:AAA-BBB such as KC:ALA-PEK");
    let (al, rest) = s.split_once(':').ok_or_else(bad)?;
    let (a, b) = rest.split_once('-').ok_or_else(bad)?;
    let up = |x: &str, n: usize| {
        x.len() == n
            && x.bytes()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if up(al, 2) && up(a, 3) && up(b, 3) && a != b {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        Ok(RoutePair {
            airline: al.into(),
            a: a.into(),
            b: b.into(),
        })
    } else {
        Err(bad())
    }
}

fn parse_band(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("{s:?} is not a band; expected LOW-HIGH such as 0.75-0.90");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let (a, b): (f64, f64) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    if (0.0..=1.0).contains(&a) && (0.0..=1.0).contains(&b) && a < b {
        Ok((a, b))
    } else {
        Err(bad())
    }
}

/// Runs the command.
pub(crate) fn run(args: TuneArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let mut scenario = load_scenario(&args.scenario, &args.input.routes)?;
    Overrides {
        seed: args.seed,
        ..Overrides::default()
    }
    .apply(&mut scenario);
    let data =
        load_inputs(&scenario.network, &args.input.inputs()).context("loading the network")?;
    super::common::warnings(&data.warnings)?;
    let period = scenario.period(&data)?;
    let to = args.to.unwrap_or(period.last);
    let from = args
        .from
        .unwrap_or_else(|| to.plus_days(-27).max(period.first));
    let window =
        DateRange::new(from, to).with_context(|| format!("--to {to} is before --from {from}"))?;
    let economics = &data.economics;
    let default = if economics.has_fares() && economics.has_costs() {
        "profit"
    } else {
        "passengers"
    };
    let objective = match args.objective.as_deref().unwrap_or(default) {
        "profit" => {
            if !(economics.has_fares() && economics.has_costs()) {
                anyhow::bail!(
                    "--objective profit needs fares.csv and costs.csv in the network; use --objective passengers"
                );
            }
            Objective::Profit
        }
        "passengers" => Objective::Passengers {
            cost_per_flight: args.cost_per_flight,
        },
        _ => Objective::LoadFactorBand {
            low: args.band.0,
            high: args.band.1,
        },
    };
    let tuner = Tuner::new(
        &scenario,
        &data,
        TuneOptions {
            routes: args.tune,
            countries: args.countries,
            window,
            objective,
            cap: args.cap,
            max_weekly: args.max_weekly,
            replications: args.replications,
            max_rounds: args.max_rounds,
        },
    )
    .context("setting up the tuning")?;
    let bar = progress_bar(args.max_rounds as u64, "tuning", "rounds");
    let started = std::time::Instant::now();
    let result = tuner.run(&|round, _| bar.set_position(round as u64))?;
    bar.finish_and_clear();
    say(format_args!(
        "tuned in {:.1} s ({} evaluations)",
        started.elapsed().as_secs_f64(),
        result.evaluations
    ));
    if let Some(path) = &args.out {
        let mut tuned = scenario.clone();
        tuned
            .file
            .frequency
            .extend(result.overrides.iter().cloned());
        if let NetworkLocation::Dir(dir) = &scenario.network {
            let folder = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            tuned.file.network = Some(relative_to(dir, folder).display().to_string());
        }
        tuned.file.name = Some(format!("{}-tuned", scenario.name()));
        let header = format!(
            "# Tuned by `flightnet tune` from {} over {} to {}.\n# The last [[frequency]] entries are the recommendation.\n\n",
            scenario.origin, window.first, window.last
        );
        let dest = flightnet_report::output::Dest::of(path);
        dest.write((header + &tuned.to_toml()).as_bytes())
            .with_context(|| format!("writing {}", dest.label()))?;
        say(format_args!("wrote the tuned scenario to {}", dest.label()));
        if args.input.schedule.is_some() || !args.input.mct.is_empty() {
            say(format_args!(
                "run it with the same --schedule and --mct files"
            ));
        }
        if dest == flightnet_report::output::Dest::Stdout {
            // The scenario took standard output; the table goes to stderr.
            say(format_args!("{}", result.to_table().trim_end()));
            return Ok(());
        }
    }
    match args.format {
        Format::Table => emit(&result.to_table()),
        Format::Json => emit(&result.to_json()),
    }
}
