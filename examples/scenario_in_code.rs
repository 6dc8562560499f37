//! Load the shipped network and run a scenario built in code: what if Kazakhstan–China demand
//! had recovered fully by October 2023, on the schedule that was actually flown?
//!
//! Run with `cargo run --release --example scenario_in_code`.

use flightnet::runner::Study;
use flightnet_data::config::{DemandConfig, RecoveryPoint, RecoverySeries};
use flightnet_data::scenario::{NetworkLocation, Scenario, ScenarioFile};
use flightnet_data::time::Day;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let day = |s: &str| Day::parse(s).expect("valid date");
    let full_recovery = RecoverySeries {
        markets: "KZ-CN".into(),
        points: vec![RecoveryPoint {
            date: day("2023-10-01"),
            index: 1.0,
            announced: None,
            free: false,
        }],
        free: false,
    };
    let file = ScenarioFile {
        name: Some("kz-cn-full-demand".into()),
        start: Some(day("2023-10-01")),
        end: Some(day("2023-10-31")),
        seed: Some(2023),
        replications: Some(3),
        demand: DemandConfig {
            recovery: vec![full_recovery],
            ..DemandConfig::default()
        },
        ..ScenarioFile::default()
    };
    let study = Study::new(Scenario::new(file, NetworkLocation::Dir("routes".into())))?;
    let results = study.run_all(&|_, _| {});
    let summary = study.summary(&results);

    println!("Kazakhstan–China routes, October 2023, demand at the 2019 level (3 replications):");
    println!(
        "{:<16} {:>8} {:>8} {:>11} {:>7}",
        "route", "flights", "seats", "passengers", "LF"
    );
    let data = study.prepared.net.data();
    let country = |iata: &str| {
        data.airport(data.airport_id(iata).expect("known airport"))
            .country
            .clone()
    };
    for r in &summary.routes {
        let (co, cd) = (country(&r.origin), country(&r.destination));
        if (co == "KZ" && cd == "CN") || (co == "CN" && cd == "KZ") {
            println!(
                "{:<16} {:>8.0} {:>8.0} {:>11.0} {:>6.1}%",
                format!("{} {}-{}", r.airline, r.origin, r.destination),
                r.flights.0,
                r.seats.0,
                r.passengers.0,
                r.load_factor.0 * 100.0
            );
        }
    }
    let spill = summary.totals["spill_rate"];
    println!(
        "\nNetwork spill rate: {:.1}% (mean of 3 replications)",
        spill.mean() * 100.0
    );
    Ok(())
}
