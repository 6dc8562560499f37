//! `flightnet calibrate`: fit a scenario's free demand parameters to observed aggregates.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::common::{
    Format, InputArgs, configure_threads, emit, load_scenario, parse_day, progress_bar,
    relative_to, say,
};
use flightnet::calibrate::{CalibrateOptions, calibrate};
use flightnet::runner::Overrides;
use flightnet_data::scenario::NetworkLocation;
use flightnet_data::time::Day;

/// Fit the demand parameters a scenario marks as free (market-group scales, recovery points,
/// the k-factor) to observed aggregates, and write the calibrated scenario.
#[derive(clap::Args, Debug)]
pub(crate) struct CalibrateArgs {
    /// Scenario file (default: the built-in scenario).
    scenario: Option<PathBuf>,
    /// Observed aggregates: CSV rows of metric,selector,from,to,value,basis,source (metric
    /// passengers, load_factor, flights or rpk; selector all, an airline KC, a route
    /// KC:ALA-PEK, an airport ALA or a country pair KZ-CN).
    #[arg(long, value_name = "FILE.csv")]
    observed: PathBuf,
    /// Write the calibrated scenario here (it runs with `flightnet run`).
    #[arg(long, value_name = "FILE.toml")]
    out: Option<PathBuf>,
    /// Fit only the observations ending on or before this date; report the later ones as a
    /// check of the fit's predictions.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    fit_until: Option<Day>,
    /// Replications per simulation (common random numbers: the same in every one).
    #[arg(long, default_value_t = 2, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    replications: u32,
    /// Most iterations of the search.
    #[arg(long, default_value_t = 6, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    max_iterations: u32,
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
    /// Worker threads (results do not depend on it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Runs the command.
pub(crate) fn run(args: CalibrateArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let mut scenario = load_scenario(&args.scenario, &args.input.routes)?;
    Overrides {
        seed: args.seed,
        start: args.start,
        end: args.end,
        replications: None,
    }
    .apply(&mut scenario);
    let data = flightnet::runner::load_inputs(&scenario.network, &args.input.inputs())
        .context("loading the network")?;
    super::common::warnings(&data.warnings)?;
    let opts = CalibrateOptions {
        observed: args.observed.clone(),
        fit_until: args.fit_until,
        replications: args.replications,
        max_iterations: args.max_iterations,
    };
    let bar = progress_bar(1, "calibrating", "simulations");
    let started = std::time::Instant::now();
    let result = calibrate(&scenario, &data, &opts, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    say(format_args!(
        "calibrated in {:.1} s ({} simulations)",
        started.elapsed().as_secs_f64(),
        result.evaluations
    ));
    if let Some(path) = &args.out {
        let mut out = result.scenario.clone();
        let folder = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let NetworkLocation::Dir(dir) = &scenario.network {
            out.file.network = Some(relative_to(dir, folder).display().to_string());
        }
        if let Some(c) = &mut out.file.calibration {
            c.observed = relative_to(&args.observed, folder).display().to_string();
        }
        out.file.name = Some(format!("{}-calibrated", scenario.name()));
        let header = format!(
            "# Calibrated by `flightnet calibrate` from {} against {}.\n# Mean absolute percentage error of the fitted observations: {:.1}% before, {:.1}% after.\n\n",
            scenario.origin,
            args.observed.display(),
            result.mape_before * 100.0,
            result.mape_after * 100.0
        );
        flightnet_report::files::write_atomic(path, (header + &out.to_toml()).as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        say(format_args!(
            "wrote the calibrated scenario to {}",
            path.display()
        ));
    }
    match args.format {
        Format::Table => emit(&result.to_table()),
        Format::Json => emit(&result.to_json()),
    }
}
