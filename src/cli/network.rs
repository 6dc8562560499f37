//! `flightnet network`: one week of the route network.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{
    Format, check_countries, default_countries, emit, parse_countries, parse_day, warnings,
};
use flightnet_data::network::Network;
use flightnet_data::time::{DateRange, Day};
use flightnet_report::network::{ReportOptions, network_report};

/// Report the route network for one week: airlines, routes, hubs, country-pair frequencies,
/// reachable O&D pairs and critical airports and routes.
#[derive(clap::Args, Debug)]
pub(crate) struct NetworkArgs {
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
    /// Country pair whose weekly frequencies are broken down by carrier (ISO codes; default
    /// KZ-CN).
    #[arg(long, value_name = "AA-BB", value_parser = parse_countries)]
    countries: Option<(String, String)>,
    /// Longest connect time for one-connection itineraries, in minutes.
    #[arg(long, default_value_t = 720, value_name = "MINUTES",
          value_parser = clap::value_parser!(u32).range(1..=2880))]
    max_connect: u32,
    /// Allow connections between any two airlines (default: online only).
    #[arg(long)]
    interline: bool,
    /// Read the schedule from IATA SSIM Chapter 7 files instead of schedule.csv.
    #[arg(long, value_name = "FILE.ssim", num_args = 1..)]
    schedule: Option<Vec<PathBuf>>,
}

/// Runs the command.
pub(crate) fn run(args: NetworkArgs) -> anyhow::Result<()> {
    let location = flightnet_data::scenario::NetworkLocation::Dir(args.routes.clone());
    let data = flightnet::runner::load_network(&location, args.schedule.as_deref())
        .with_context(|| format!("loading the network in {}", args.routes.display()))?;
    warnings(&data.warnings)?;
    check_countries(std::iter::once(&data), args.countries.as_ref())?;
    let span = data.schedule_span().with_context(|| {
        format!(
            "{}: the schedule has no flights",
            args.routes.join("schedule.csv").display()
        )
    })?;
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
        countries: args.countries.clone().unwrap_or_else(default_countries),
        ..ReportOptions::default()
    };
    opts.rules.max_connect = args.max_connect;
    if args.interline {
        opts.rules.interline = flightnet_data::config::Interline::Any;
    }
    let report = network_report(&net, start, &opts);
    match args.format {
        Format::Table => emit(&report.to_table()),
        Format::Json => emit(&(serde_json::to_string_pretty(&report)? + "\n")),
    }
}
