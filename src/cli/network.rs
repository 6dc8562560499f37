//! `flightnet network`: one week of the route network.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{
    Format, InputArgs, check_countries, default_countries, emit, location_label, network_location,
    parse_countries, parse_day, say, warnings,
};
use flightnet_data::network::Network;
use flightnet_data::time::{DateRange, Day};
use flightnet_report::network::{ReportOptions, network_report};
use flightnet_report::output::write_file;

/// Report the route network for one week: airlines, routes, hubs, country-pair frequencies,
/// reachable O&D pairs, connectivity and critical airports and routes.
#[derive(clap::Args, Debug)]
pub(crate) struct NetworkArgs {
    #[command(flatten)]
    input: InputArgs,
    /// First day of the week to report (YYYY-MM-DD); defaults to the middle of the schedule.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    date: Option<Day>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// How many hubs (and O&D pairs) to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Country pair whose weekly frequencies are broken down by carrier (ISO codes; default
    /// KZ-CN).
    #[arg(long, value_name = "AA-BB", value_parser = parse_countries)]
    countries: Option<(String, String)>,
    /// Longest connect time at each connection point, in minutes.
    #[arg(long, default_value_t = 720, value_name = "MINUTES",
          value_parser = clap::value_parser!(u32).range(1..=2880))]
    max_connect: u32,
    /// Most connections per itinerary: 1, or 2 for two-stop itineraries.
    #[arg(long, default_value_t = 1, value_name = "N",
          value_parser = clap::value_parser!(u8).range(1..=2))]
    max_stops: u8,
    /// Allow connections between any two airlines (default: online only).
    #[arg(long)]
    interline: bool,
    /// Also write the report as a self-contained HTML page.
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: NetworkArgs) -> anyhow::Result<()> {
    let location = network_location(&args.input.routes)?;
    let data = flightnet::runner::load_inputs(&location, &args.input.inputs())
        .with_context(|| format!("loading {}", location_label(&location)))?;
    warnings(&data.warnings)?;
    check_countries(std::iter::once(&data), args.countries.as_ref())?;
    let span = data
        .schedule_span()
        .with_context(|| format!("{}: the schedule has no flights", location_label(&location)))?;
    let start = args
        .date
        .unwrap_or_else(|| span.first.plus_days((span.len() / 2) as i32));
    if !span.contains(start) {
        anyhow::bail!("--date {start} is outside the schedule, which runs {span}");
    }
    // The week, and the days its last connections can reach.
    // Each connection: a block time of up to 20 h and a connect time of up to --max-connect.
    let tail = (args.max_stops as u32 * (args.max_connect + 1200)).div_ceil(1440) as i32;
    let window = DateRange::new(start, start.plus_days(6 + tail)).expect("valid window");
    let net = Network::build(data.into(), window);
    let mut opts = ReportOptions {
        top_hubs: args.top,
        countries: args.countries.clone().unwrap_or_else(default_countries),
        ..ReportOptions::default()
    };
    opts.rules.max_connect = args.max_connect;
    opts.rules.max_stops = args.max_stops;
    if args.interline {
        opts.rules.interline = flightnet_data::config::Interline::Any;
    }
    let report = network_report(&net, start, &opts);
    if let Some(path) = &args.report {
        let html = flightnet_report::html::network_page::render(&report, args.top);
        write_file(path, html.as_bytes()).with_context(|| format!("writing {}", path.display()))?;
        say(format_args!(
            "wrote the network report to {}",
            path.display()
        ));
    }
    match args.format {
        Format::Table => emit(&report.to_table()),
        Format::Json => emit(&(serde_json::to_string_pretty(&report)? + "\n")),
    }
}
