//! Building blocks on the shipped network: schedule expansion, preparation (rotations, paths,
//! timetable) and itinerary search.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flightnet_data::input;
use flightnet_data::network::Network;
use flightnet_data::scenario::Scenario;
use flightnet_data::time::{Day, UtcMinute};
use flightnet_sim::itinerary::itineraries_on_day;
use flightnet_sim::simulation::Prepared;

fn expansion(c: &mut Criterion) {
    let data = Arc::new(input::load_dir(Path::new("routes")).expect("shipped network"));
    let span = data.schedule_span().expect("schedule");
    let legs = Network::build(data.clone(), span).legs.len() as u64;
    let mut g = c.benchmark_group("schedule");
    g.throughput(Throughput::Elements(legs));
    g.bench_function("expand_2022_2024", |b| {
        b.iter(|| black_box(Network::build(data.clone(), span).legs.len()))
    });
    g.finish();
    let mut g = c.benchmark_group("prepare");
    let scenario = Scenario::builtin(Path::new("routes"));
    g.sample_size(20);
    g.bench_function("default_scenario", |b| {
        b.iter(|| {
            let (d, cfg) = scenario.resolve(&data).expect("valid");
            black_box(
                Prepared::new(Arc::new(d), cfg)
                    .expect("prepares")
                    .markets
                    .len(),
            )
        })
    });
    g.finish();
}

fn search(c: &mut Criterion) {
    let data = input::load_dir(Path::new("routes")).expect("shipped network");
    let mut scenario = Scenario::builtin(Path::new("routes"));
    scenario.file.start = Day::parse("2023-10-01");
    let (d, cfg) = scenario.resolve(&data).expect("valid");
    let p = Prepared::new(Arc::new(d), cfg).expect("prepares");
    // Every market on every day of a week: the search a booking request makes.
    let days: Vec<Day> = (0..7)
        .map(|k| Day::parse("2023-10-16").expect("date").plus_days(k))
        .collect();
    let queries = (p.markets.len() * days.len()) as u64;
    let mut out = Vec::new();
    let mut g = c.benchmark_group("itinerary_search");
    g.throughput(Throughput::Elements(queries));
    g.bench_function("all_markets_one_week", |b| {
        b.iter(|| {
            let mut n = 0;
            for m in &p.markets {
                for &d in &days {
                    out.clear();
                    itineraries_on_day(
                        &p.timetable,
                        &m.paths,
                        d,
                        UtcMinute(0),
                        720,
                        |_| true,
                        &mut out,
                    );
                    n += out.len();
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

criterion_group!(benches, expansion, search);
criterion_main!(benches);
