//! The `flightnet` command-line tool: parses arguments, turns them into library calls, prints
//! data on stdout and messages on stderr. Exit codes: 0 success, 2 bad input or usage.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

/// Flight route schedule simulator: dated schedules in UTC, MCT-aware connections and a
/// deterministic discrete-event engine.
#[derive(Parser, Debug)]
#[command(name = "flightnet", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Treat warnings about the input (implausible block times, seats, codes, scenario entries
    /// that match nothing, …) as errors: list them and exit with code 2.
    #[arg(long, global = true)]
    strict: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report the route network for one week: airlines, routes, hubs, country-pair
    /// frequencies, reachable O&D pairs and critical airports and routes.
    Network(cli::network::NetworkArgs),
    /// Simulate a scenario (default: the built-in KC+CZ resumption, 2022-06-01 to 2023-12-31)
    /// and report capacity, demand outcomes (carried, spilled, unserved, no purchase), revenue and
    /// cost, and connections.
    Run(cli::run::RunArgs),
    /// Run two scenarios on common random numbers and report every difference (B − A) with its
    /// 95% confidence interval.
    Compare(cli::compare::CompareArgs),
    /// Search the weekly frequencies of chosen routes (default: every Kazakhstan–China route)
    /// for the best objective within the fleet and the bilateral cap.
    Tune(cli::tune::TuneArgs),
    /// Measure the engine on synthetic networks (events, passengers, seconds, memory).
    Bench(cli::bench::BenchArgs),
    /// Fit a scenario's free demand parameters (market-group scales, recovery points, the
    /// k-factor) to observed aggregates and write the calibrated scenario.
    Calibrate(cli::calibrate::CalibrateArgs),
    /// EMSR-b protection levels and nested booking limits for fare classes on one leg.
    Emsrb(cli::emsrb::EmsrbArgs),
    /// Combine the shard files of a sharded run into the results of one unsharded run.
    Merge(cli::merge::MergeArgs),
    /// Write the self-contained HTML report of a run from its --out folder.
    Report(cli::report::ReportArgs),
    /// Write a synthetic hub-and-spoke network in the routes/ format.
    Generate(cli::generate::GenerateArgs),
    /// Convert IATA SSIM Chapter 7 schedule files into routes/ schedule.csv.
    ImportSsim(cli::ssim::ImportArgs),
    /// Write a network's schedule as an IATA SSIM Chapter 7 file.
    ExportSsim(cli::ssim::ExportArgs),
    /// Convert IATA SSIM Chapter 8 MCT files into routes/ mct.csv.
    ImportMct(cli::mct::ImportArgs),
    /// Write a network's MCT records as an IATA SSIM Chapter 8 file.
    ExportMct(cli::mct::ExportArgs),
}

/// On SIGINT, SIGTERM or SIGHUP: remove every temporary this process created (a staged
/// results folder, a half-written file), then end as the signal would have. SIGKILL cannot be
/// caught; the next write to the same place removes what a killed process left.
#[cfg(unix)]
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Holding the registry, nothing new is created or renamed into place.
            let _held = flightnet_report::output::remove_temporaries();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

fn main() -> ExitCode {
    #[cfg(unix)]
    remove_temporaries_on_signals();
    let cli = Cli::parse();
    cli::common::set_strict(cli.strict);
    let result = match cli.command {
        Command::Network(args) => cli::network::run(args),
        Command::Run(args) => cli::run::run(args),
        Command::Compare(args) => cli::compare::run(args),
        Command::Tune(args) => cli::tune::run(args),
        Command::Bench(args) => cli::bench::run(args),
        Command::Calibrate(args) => cli::calibrate::run(args),
        Command::Emsrb(args) => cli::emsrb::run(args),
        Command::Merge(args) => cli::merge::run(args),
        Command::Report(args) => cli::report::run(args),
        Command::Generate(args) => cli::generate::run(args),
        Command::ImportSsim(args) => cli::ssim::import(args),
        Command::ExportSsim(args) => cli::ssim::export(args),
        Command::ImportMct(args) => cli::mct::import(args),
        Command::ExportMct(args) => cli::mct::export(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let broken_pipe = err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| {
                        e.downcast_ref::<flightnet_data::Error>()
                            .and_then(flightnet_data::Error::io_kind)
                    })
                    == Some(std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            cli::common::say(format_args!("error: {err:#}"));
            ExitCode::from(2)
        }
    }
}
