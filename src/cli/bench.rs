//! `flightnet bench`: engine throughput on synthetic networks.

use anyhow::Context;
use serde::Serialize;

use super::common::{Format, emit, say};
use flightnet::bench::{BenchRow, queue_throughput, run_size};
use flightnet::synth::Size;
use flightnet_report::table::Table;

/// Measure the engine on synthetic networks: events, passengers, wall seconds, events and
/// passengers per second, the pending-event set and peak memory, for one or every size.
#[derive(clap::Args, Debug)]
pub(crate) struct BenchArgs {
    /// Network size: small (30 airports, 200 routes), medium (100, 1,000), large (300, 3,000)
    /// or all three.
    #[arg(long, default_value = "medium", value_parser = ["small", "medium", "large", "all"])]
    size: String,
    /// Also run the chosen size at 25, 50, 75 and 100% of its demand, to show how run time
    /// grows with passengers.
    #[arg(long)]
    scaling: bool,
    /// Simulate only the first N days of the year (default: the whole year).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=366))]
    days: Option<u32>,
    /// Master seed of the simulations.
    #[arg(long, default_value_t = 1, value_name = "N")]
    seed: u64,
    /// Most connections per itinerary (`[connections] max_stops`): 1, or 2 to simulate
    /// two-stop itineraries too.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=2))]
    max_stops: u8,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Serialize)]
struct BenchReport {
    machine: String,
    version: String,
    /// Whether glibc's transparent-huge-page switch was on (`GLIBC_TUNABLES`, set by the user).
    huge_pages: bool,
    queue_events_per_second: Vec<(usize, f64)>,
    runs: Vec<BenchRow>,
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    format!(
        "{cpu}, {} logical cores, {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        std::env::consts::OS
    )
}

/// Whether this process runs with glibc's huge-page switch on (Linux with glibc only): the user
/// sets `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` before starting flightnet (README).
fn huge_pages() -> bool {
    cfg!(all(target_os = "linux", target_env = "gnu"))
        && std::env::var("GLIBC_TUNABLES")
            .is_ok_and(|v| v.split(':').any(|t| t.trim() == "glibc.malloc.hugetlb=1"))
}

/// Resets the kernel's peak-RSS mark (Linux), so each run's `peak_rss_bytes` is its own peak.
/// A process-wide side effect, so it lives in the binary, not the library.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Runs the command.
pub(crate) fn run(args: BenchArgs) -> anyhow::Result<()> {
    let sizes: Vec<Size> = match args.size.as_str() {
        "all" => Size::ALL.to_vec(),
        s => vec![
            s.parse()
                .map_err(|e: flightnet_data::Error| anyhow::anyhow!("{e}"))?,
        ],
    };
    let queue: Vec<(usize, f64)> = [1_000, 100_000]
        .into_iter()
        .map(|n| (n, queue_throughput(n, 2_000_000)))
        .collect();
    let mut runs = Vec::new();
    for &size in &sizes {
        let scales: &[f64] = if args.scaling {
            &[0.25, 0.5, 0.75, 1.0]
        } else {
            &[1.0]
        };
        for &scale in scales {
            say(format_args!(
                "bench: {} network at {:.0}% demand…",
                size.name(),
                scale * 100.0
            ));
            reset_peak_rss();
            runs.push(
                run_size(size, scale, args.seed, args.days, args.max_stops)
                    .with_context(|| format!("benchmarking {size}"))?,
            );
        }
    }
    let report = BenchReport {
        machine: machine(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        huge_pages: huge_pages(),
        queue_events_per_second: queue,
        runs,
    };
    match args.format {
        Format::Json => emit(&(serde_json::to_string_pretty(&report)? + "\n")),
        Format::Table => {
            let mut out = format!(
                "Machine: {}; huge pages: {}\n\n",
                report.machine,
                if report.huge_pages { "on" } else { "off" }
            );
            let mut t = Table::new(&["pending events", "queue events/s (hold model)"]);
            for (n, r) in &report.queue_events_per_second {
                t.row(vec![n.to_string(), format!("{:.1} M", r / 1e6)]);
            }
            out.push_str(&t.render("Event queue alone, one thread"));
            let mut t = Table::new(&[
                "size",
                "demand",
                "stops",
                "airports",
                "routes",
                "markets",
                "flights",
                "passengers",
                "events",
                "seconds",
                "events/s",
                "passengers/s",
                "peak pending",
                "peak RSS",
            ]);
            for r in &report.runs {
                t.row(vec![
                    r.size.clone(),
                    format!("{:.0}%", r.demand_scale * 100.0),
                    format!("≤ {}", r.max_stops),
                    r.airports.to_string(),
                    r.routes.to_string(),
                    r.markets.to_string(),
                    r.flights.to_string(),
                    format!("{:.1} M", r.passengers as f64 / 1e6),
                    format!("{:.1} M", r.events as f64 / 1e6),
                    format!("{:.1}", r.wall_seconds),
                    format!("{:.2} M", r.events_per_second / 1e6),
                    format!("{:.2} M", r.passengers_per_second / 1e6),
                    r.peak_pending.to_string(),
                    format!("{:.0} MiB", r.peak_rss_bytes as f64 / (1024.0 * 1024.0)),
                ]);
            }
            out.push_str(&t.render(&format!(
                    "Whole model, {} on one thread (generation and preparation excluded)",
                    args.days
                        .map_or("one simulated year".to_string(), |d| format!(
                            "the first {d} days"
                        ))
                )));
            emit(&out)
        }
    }
}
