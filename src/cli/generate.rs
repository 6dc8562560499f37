//! `flightnet generate`: a synthetic network in the routes/ format.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{parse_day, say};
use flightnet::synth::{GenerateOptions, Size, generate};
use flightnet_data::time::{DateRange, Day};

/// Write a synthetic hub-and-spoke network (airports, airlines, fleet, schedule, demand) in the
/// routes/ format.
#[derive(clap::Args, Debug)]
pub(crate) struct GenerateArgs {
    /// Number of airports (3 to 2000).
    #[arg(long, value_name = "N", required_unless_present = "size")]
    pub airports: Option<u32>,
    /// Number of directed routes (even: every airport pair is flown both ways).
    #[arg(long, value_name = "M", required_unless_present = "size")]
    pub routes: Option<u32>,
    /// A preset instead of --airports and --routes: small (30/200), medium (100/1000) or
    /// large (300/3000).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, conflicts_with_all = ["airports", "routes"])]
    pub size: Option<Size>,
    /// Random seed.
    #[arg(long, default_value_t = 1, value_name = "S")]
    pub seed: u64,
    /// Expected booking requests per year (default: 20,000 per route).
    #[arg(long, value_name = "N")]
    pub passengers: Option<f64>,
    /// First date of the schedule.
    #[arg(long, default_value = "2025-01-01", value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub start: Day,
    /// Last date of the schedule.
    #[arg(long, default_value = "2025-12-31", value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub end: Day,
    /// Folder to write into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

fn parse_size(s: &str) -> Result<Size, String> {
    s.parse().map_err(|e: flightnet_data::Error| e.to_string())
}

/// Runs the command.
pub(crate) fn run(args: GenerateArgs) -> anyhow::Result<()> {
    let mut opts = match (args.size, args.airports, args.routes) {
        (Some(size), _, _) => size.options(),
        (None, Some(n), Some(m)) => GenerateOptions::new(n, m),
        _ => anyhow::bail!("give --airports and --routes, or --size"),
    };
    opts.seed = args.seed;
    opts.passengers_per_year = args.passengers;
    opts.period = DateRange::new(args.start, args.end).ok_or_else(|| {
        anyhow::anyhow!(
            "--end ({}) must be on or after --start ({})",
            args.end,
            args.start
        )
    })?;
    let net = generate(&opts)?;
    net.write(&args.out)
        .with_context(|| format!("writing the network to {}", args.out.display()))?;
    say(format_args!("{} -> {}", net.summary(), args.out.display()));
    Ok(())
}
