//! The default scenario end to end: one month (October 2023) and the whole 19 months, one
//! replication on one thread, network preparation excluded.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use flightnet::runner::Study;
use flightnet_data::scenario::Scenario;
use flightnet_data::time::Day;

fn default_scenario(c: &mut Criterion) {
    let mut g = c.benchmark_group("default_scenario");
    g.sample_size(10);
    for (name, start, end) in [
        ("october_2023", "2023-10-01", "2023-10-31"),
        ("full_2022_2023", "2022-06-01", "2023-12-31"),
    ] {
        let mut s = Scenario::builtin(Path::new("routes"));
        s.file.start = Day::parse(start);
        s.file.end = Day::parse(end);
        let study = Study::new(s).expect("default scenario prepares");
        let events = study.prepared.run(0, &|_, _| {}).engine.events;
        g.throughput(Throughput::Elements(events));
        g.bench_function(name, |b| {
            b.iter(|| black_box(study.prepared.run(0, &|_, _| {}).engine.events))
        });
    }
    g.finish();
}

criterion_group!(benches, default_scenario);
criterion_main!(benches);
