//! Sweep one route's weekly frequency from 1 to 14 and print load factor, spill and connections
//! for each: the analyst's question "how many flights does Almaty–Beijing need?".
//!
//! Run with `cargo run --release --example frequency_sweep [AIRLINE ORIGIN DESTINATION]`
//! (default `KC ALA PEK`). Every frequency runs on the same random numbers, so the curve is
//! smooth: the differences are the frequency's effect, not noise.

use rayon::prelude::*;

use flightnet::runner::{Study, load_network};
use flightnet_data::scenario::{FrequencyOverride, Scenario};
use flightnet_data::time::Day;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (airline, origin, destination) = match args.as_slice() {
        [a, o, d] => (a.clone(), o.clone(), d.clone()),
        _ => ("KC".to_string(), "ALA".to_string(), "PEK".to_string()),
    };
    let (from, to) = (
        Day::parse("2023-10-02").expect("date"),
        Day::parse("2023-10-29").expect("date"),
    );
    let mut base = Scenario::builtin(std::path::Path::new("routes"));
    base.file.start = Some(from);
    base.file.end = Some(to);
    base.file.replications = Some(2);
    let data = load_network(&base.network, None)?;

    let rows: Vec<_> = (1..=14u32)
        .into_par_iter()
        .map(|weekly| {
            let mut s = base.clone();
            s.file.frequency.push(FrequencyOverride {
                airline: airline.clone(),
                origin: origin.clone(),
                destination: destination.clone(),
                weekly,
                from,
                to,
                both_directions: true,
                dep: None,
                return_dep: None,
                aircraft: None,
                block: None,
            });
            let study = Study::with_data(s, &data)?;
            let results = study.run_all(&|_, _| {});
            let summary = study.summary(&results);
            let route = summary
                .routes
                .iter()
                .find(|r| {
                    r.airline == airline && r.origin == origin && r.destination == destination
                })
                .cloned();
            let market = summary
                .markets
                .iter()
                .find(|m| m.origin == origin && m.destination == destination)
                .cloned();
            let hub = summary.hubs.iter().find(|h| h.airport == origin).cloned();
            Ok::<_, flightnet_data::Error>((weekly, route, market, hub))
        })
        .collect::<Result<_, _>>()?;

    println!("{airline} {origin}-{destination}, {from} to {to}, mean of 2 replications");
    println!(
        "{:>6} {:>8} {:>11} {:>7} {:>13} {:>10} {:>16}",
        "weekly", "flights", "passengers", "LF", "market spill", "spill %", "connections at hub"
    );
    for (weekly, route, market, hub) in rows {
        let (flights, pax, lf) = route.map_or((0.0, 0.0, 0.0), |r| {
            (r.flights.0, r.passengers.0, r.load_factor.0)
        });
        let (spilled, rate) = market.map_or((0.0, 0.0), |m| (m.spilled.0, m.spill_rate.0));
        let conn = hub.map_or(0.0, |h| h.connecting.0);
        println!(
            "{weekly:>6} {flights:>8.0} {pax:>11.0} {:>6.1}% {spilled:>13.0} {:>9.1}% {conn:>16.0}",
            lf * 100.0,
            rate * 100.0
        );
    }
    Ok(())
}
