//! `flightnet compare`: two scenarios with common random numbers.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{
    Format, InputArgs, configure_threads, emit, load_scenario, parse_day, progress_bar, say,
    warnings,
};
use flightnet::runner::{Overrides, Study};
use flightnet_data::time::Day;
use flightnet_report::files::flight_rows;
use flightnet_report::output::Dest;

/// Run two scenarios on the same random numbers and print the difference (B − A) in every
/// headline, route, market and hub figure with its 95% confidence interval.
#[derive(clap::Args, Debug)]
pub(crate) struct CompareArgs {
    /// Scenario A (the reference).
    a: PathBuf,
    /// Scenario B (the change).
    b: PathBuf,
    /// Replications for both (default: the larger of the two scenarios' own, at least 5, so the
    /// intervals mean something).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(2..=10000))]
    replications: Option<u32>,
    /// Master seed for both (default: scenario A's).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// First departure date for both.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    start: Option<Day>,
    /// Last departure date for both.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    end: Option<Day>,
    /// Worker threads (results do not depend on it).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Rows in the table output's route, market and hub lists.
    #[arg(long, default_value_t = 15, value_name = "N")]
    top: usize,
    #[command(flatten)]
    input: InputArgs,
    /// Also write an HTML report with the two scenarios side by side (`-`: standard output,
    /// instead of the tables).
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
}

/// Runs the command.
pub(crate) fn run(args: CompareArgs) -> anyhow::Result<()> {
    configure_threads(args.threads)?;
    let load = |p: &PathBuf| load_scenario(&Some(p.clone()), &args.input.routes);
    let (mut sa, mut sb) = (load(&args.a)?, load(&args.b)?);
    let reps = args.replications.unwrap_or_else(|| {
        let own = sa
            .file
            .replications
            .unwrap_or(1)
            .max(sb.file.replications.unwrap_or(1));
        own.max(5)
    });
    let seed = args.seed.or(sa.file.seed).unwrap_or(1);
    let o = Overrides {
        seed: Some(seed),
        start: args.start,
        end: args.end,
        replications: Some(reps),
    };
    o.apply(&mut sa);
    o.apply(&mut sb);
    let inputs = args.input.inputs();
    let a = Study::with_inputs(sa, &inputs)
        .with_context(|| format!("preparing {}", args.a.display()))?;
    let b = Study::with_inputs(sb, &inputs)
        .with_context(|| format!("preparing {}", args.b.display()))?;
    warnings(&a.prepared.net.data().warnings)?;
    warnings(&b.prepared.net.data().warnings)?;
    let ids: Vec<u32> = (0..reps).collect();
    let total = (a.days_per_replication() + b.days_per_replication()) * reps as u64;
    let bar = progress_bar(total, "comparing", "days");
    let done = std::sync::atomic::AtomicU64::new(0);
    let tick = |_: u32, _: u64| {
        bar.set_position(done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1);
    };
    let ra = a.run(&ids, &tick);
    let rb = b.run(&ids, &tick);
    bar.finish_and_clear();
    let cmp = flightnet::compare::compare(&a, &ra, &b, &rb);
    if let Some(path) = &args.report {
        let (mut sum_a, mut sum_b) = (a.summary(&ra), b.summary(&rb));
        // A calibrated scenario is compared with the observations it was fitted to.
        sum_a.calibration = flightnet::calibrate::observed_comparison(&a, &ra, None)
            .with_context(|| format!("comparing {} with its observations", args.a.display()))?;
        sum_b.calibration = flightnet::calibrate::observed_comparison(&b, &rb, None)
            .with_context(|| format!("comparing {} with its observations", args.b.display()))?;
        let (fa, fb) = (flight_rows(&a.prepared, &ra), flight_rows(&b.prepared, &rb));
        let html = flightnet_report::html::render_compare(
            &flightnet_report::html::ReportInput {
                summary: &sum_a,
                flights: &fa,
            },
            &flightnet_report::html::ReportInput {
                summary: &sum_b,
                flights: &fb,
            },
        );
        let dest = Dest::of(path);
        dest.write(html.as_bytes())
            .with_context(|| format!("writing {}", dest.label()))?;
        if dest == Dest::Stdout {
            return Ok(());
        }
        say(format_args!("wrote the report to {}", path.display()));
    }
    match args.format {
        Format::Table => emit(&cmp.to_table(args.top)),
        Format::Json => emit(&cmp.to_json()),
    }
}
