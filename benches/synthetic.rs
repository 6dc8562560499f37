//! A large synthetic network end to end: the medium preset (100 airports, 1,000 routes) for
//! one month and the large preset (300 airports, 3,000 routes) for one week, one replication
//! on one thread, generation and preparation excluded. `flightnet bench --size large` runs the
//! large network's whole year.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flightnet::runner::Study;
use flightnet::synth::{Size, generate};
use flightnet_data::scenario::{NetworkLocation, Scenario, ScenarioFile};

fn synthetic(c: &mut Criterion) {
    let mut g = c.benchmark_group("synthetic");
    g.sample_size(10);
    for (size, days) in [(Size::Medium, 30), (Size::Large, 7)] {
        let opts = size.options();
        let net = generate(&opts).expect("preset generates");
        let file = ScenarioFile {
            start: Some(opts.period.first),
            end: Some(opts.period.first.plus_days(days - 1)),
            seed: Some(1),
            ..ScenarioFile::default()
        };
        let study = Study::with_data(Scenario::new(file, NetworkLocation::Builtin), &net.data)
            .expect("prepares");
        let events = study.prepared.run(0, &|_, _| {}).engine.events;
        g.throughput(Throughput::Elements(events));
        g.bench_function(format!("{}_{days}_days", size.name()), |b| {
            b.iter(|| black_box(study.prepared.run(0, &|_, _| {}).engine.events))
        });
    }
    g.finish();
}

criterion_group!(benches, synthetic);
criterion_main!(benches);
