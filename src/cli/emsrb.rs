//! `flightnet emsrb`: EMSR-b protection levels and booking limits for one leg.

use serde::Serialize;

use super::common::{Format, emit};
use flightnet_report::table::Table;
use flightnet_sim::rm::{ClassDemand, emsrb};

/// Print EMSR-b protection levels and nested booking limits for fare classes on one leg (the
/// same function the simulation's revenue management uses).
#[derive(clap::Args, Debug)]
pub(crate) struct EmsrbArgs {
    /// A fare class as FARE:MEAN:SD (fare, and the mean and standard deviation of its demand
    /// to come), highest fare first; repeat for each class.
    #[arg(long = "class", value_name = "FARE:MEAN:SD", value_parser = parse_class, required = true)]
    classes: Vec<ClassDemand>,
    /// Seats left to sell.
    #[arg(long, value_name = "C", value_parser = parse_capacity)]
    capacity: f64,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn parse_class(s: &str) -> Result<ClassDemand, String> {
    let bad = || {
        format!(
            "{s:?} is not a class; expected FARE:MEAN:SD with a positive fare and non-negative mean and standard deviation, e.g. 450:35:12"
        )
    };
    let parts: Vec<&str> = s.split(':').collect();
    let [fare, mean, sd] = parts.as_slice() else {
        return Err(bad());
    };
    let num = |x: &str| x.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    match (num(fare), num(mean), num(sd)) {
        (Some(fare), Some(mean), Some(sd)) if fare > 0.0 && mean >= 0.0 && sd >= 0.0 => {
            Ok(ClassDemand { fare, mean, sd })
        }
        _ => Err(bad()),
    }
}

fn parse_capacity(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0 && *v <= 1e6)
        .ok_or_else(|| format!("{s:?} is not a capacity; expected seats from 0 to 1000000"))
}

#[derive(Serialize)]
struct Output {
    capacity: f64,
    classes: Vec<Class>,
    protection_levels: Vec<f64>,
    booking_limits: Vec<f64>,
}

#[derive(Serialize)]
struct Class {
    fare: f64,
    mean: f64,
    sd: f64,
}

/// Runs the command.
pub(crate) fn run(args: EmsrbArgs) -> anyhow::Result<()> {
    if let Some(w) = args.classes.windows(2).position(|w| w[1].fare > w[0].fare) {
        anyhow::bail!(
            "--class {}: fare {} is above the class before it ({}); give the classes highest fare first",
            w + 2,
            args.classes[w + 1].fare,
            args.classes[w].fare
        );
    }
    let p = emsrb(&args.classes, args.capacity);
    let round = |x: f64| (x * 1e4).round() / 1e4;
    let out = Output {
        capacity: args.capacity,
        classes: args
            .classes
            .iter()
            .map(|c| Class {
                fare: c.fare,
                mean: c.mean,
                sd: c.sd,
            })
            .collect(),
        protection_levels: p.protection_levels.iter().map(|&y| round(y)).collect(),
        booking_limits: p.booking_limits.iter().map(|&y| round(y)).collect(),
    };
    match args.format {
        Format::Json => emit(&(serde_json::to_string_pretty(&out)? + "\n")),
        Format::Table => {
            let mut t = Table::new(&[
                "class",
                "fare",
                "mean",
                "sd",
                "protection (classes 1..j)",
                "booking limit",
            ]);
            for (j, c) in args.classes.iter().enumerate() {
                t.row(vec![
                    (j + 1).to_string(),
                    format!("{}", c.fare),
                    format!("{}", c.mean),
                    format!("{}", c.sd),
                    p.protection_levels
                        .get(j)
                        .map_or("-".to_string(), |y| format!("{y:.2}")),
                    format!("{:.2}", p.booking_limits[j]),
                ]);
            }
            emit(&t.render(&format!(
                "EMSR-b for {} seats (protection levels are cumulative: seats held for classes 1..j against class j+1)",
                args.capacity
            )))
        }
    }
}
