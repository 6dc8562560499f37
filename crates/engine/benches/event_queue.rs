//! The event queue alone: the classic hold model (pop the earliest event, push one a random
//! delay later) at several pending-set sizes, with flight-like delays (80% exponential with a
//! 30-minute mean, 20% with an 8-hour mean).

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use flightnet_engine::rng::{Purpose, Stream};
use flightnet_engine::{EventKey, EventQueue, HeapQueue};

fn delay(rng: &mut Stream) -> i64 {
    let mean = if rng.uniform() < 0.8 { 30.0 } else { 480.0 };
    (rng.exp1() * mean) as i64
}

fn hold(c: &mut Criterion) {
    let mut g = c.benchmark_group("event_queue_hold");
    const OPS: u64 = 100_000;
    for &pending in &[1_000usize, 100_000, 1_000_000] {
        g.throughput(Throughput::Elements(OPS));
        g.bench_with_input(
            BenchmarkId::from_parameter(pending),
            &pending,
            |b, &pending| {
                let mut rng = Stream::new(1, 0, Purpose::Generate, 0);
                let mut q: HeapQueue<u32> = HeapQueue::with_capacity(pending);
                let mut seq = 0u64;
                for i in 0..pending {
                    q.push(
                        EventKey {
                            time: delay(&mut rng),
                            class: 0,
                            seq,
                        },
                        i as u32,
                    );
                    seq += 1;
                }
                b.iter(|| {
                    for _ in 0..OPS {
                        let (k, e) = q.pop().expect("non-empty");
                        q.push(
                            EventKey {
                                time: k.time + delay(&mut rng),
                                class: (e % 3) as u8,
                                seq,
                            },
                            e,
                        );
                        seq += 1;
                    }
                    black_box(q.len())
                });
            },
        );
    }
    g.finish();
}

criterion_group!(benches, hold);
criterion_main!(benches);
