//! `flightnet bench`: engine throughput on synthetic networks.
//!
//! For each size, a synthetic network is generated in memory, the whole-model simulation of its
//! year runs once on one thread (demand, booking, operations, statistics), and the figures are
//! measured: events, passengers (booking requests), wall seconds, events and passengers per
//! second, the peak pending-event set against the network's flights and markets, and peak
//! memory. The engine core alone (the event queue under the hold model, no model work) is
//! measured too, for comparison with the whole model.

use std::time::Instant;

use serde::Serialize;

use crate::runner::Study;
use crate::synth::{Size, generate};
use flightnet_data::error::Result;
use flightnet_data::scenario::{NetworkLocation, Scenario, ScenarioFile};
use flightnet_engine::rng::{Purpose, Stream};
use flightnet_engine::{EventKey, EventQueue, HeapQueue};

/// One measured run.
#[derive(Clone, Debug, Serialize)]
pub struct BenchRow {
    /// Preset size.
    pub size: String,
    /// Demand scale of the run (1 = the preset's demand).
    pub demand_scale: f64,
    /// Most connections per itinerary (`[connections] max_stops`).
    pub max_stops: u8,
    /// Airports.
    pub airports: usize,
    /// Directed routes.
    pub routes: usize,
    /// O&D markets with demand.
    pub markets: usize,
    /// Dated flights simulated.
    pub flights: usize,
    /// Events handled.
    pub events: u64,
    /// Booking requests (passengers asking to fly).
    pub passengers: u64,
    /// Passengers carried.
    pub carried: u64,
    /// Of those, booked with two connections.
    pub two_stop: u64,
    /// Wall-clock seconds of the simulation (one thread; generation and preparation excluded).
    pub wall_seconds: f64,
    /// Events per second.
    pub events_per_second: f64,
    /// Passengers (requests) per second.
    pub passengers_per_second: f64,
    /// Peak size of the pending-event set.
    pub peak_pending: u64,
    /// Peak resident memory of the process during this run, bytes (Linux; 0 elsewhere).
    pub peak_rss_bytes: u64,
    /// Seconds to generate the network and prepare the simulation (not in `wall_seconds`).
    pub setup_seconds: f64,
}

/// The event queue alone: hold-model operations (pop the earliest, push one a random delay
/// later) per second at a pending-set size, on one thread.
pub fn queue_throughput(pending: usize, operations: u64) -> f64 {
    let mut rng = Stream::new(1, 0, Purpose::Generate, 7);
    let mut delay = move || -> i64 {
        let mean = if rng.uniform() < 0.8 { 30.0 } else { 480.0 };
        (rng.exp1() * mean) as i64
    };
    let mut q: HeapQueue<u32> = HeapQueue::with_capacity(pending);
    for i in 0..pending {
        q.push(
            EventKey {
                time: delay(),
                class: 0,
                seq: i as u64,
            },
            i as u32,
        );
    }
    let started = Instant::now();
    for seq in pending as u64..pending as u64 + operations {
        let (k, e) = q.pop().expect("the queue stays full");
        let key = EventKey {
            time: k.time + delay(),
            class: (e % 3) as u8,
            seq,
        };
        q.push(key, e);
    }
    operations as f64 / started.elapsed().as_secs_f64()
}

/// Peak resident memory of this process in bytes (Linux `VmHWM`; 0 where unknown): the peak
/// since the process started, or since the binary last reset the mark (a process-wide side
/// effect that only the binary takes).
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// Generates a preset network and simulates its year once, on this thread.
///
/// # Arguments
/// * `size`: the preset.
/// * `demand_scale`: multiplies the demand (for scaling tables).
/// * `seed`: master seed of the simulation.
/// * `days`: simulate only the first `days` days of the year (default: all of it).
/// * `max_stops`: the most connections per itinerary (1 or 2).
pub fn run_size(
    size: Size,
    demand_scale: f64,
    seed: u64,
    days: Option<u32>,
    max_stops: u8,
) -> Result<BenchRow> {
    let setup = Instant::now();
    let opts = size.options();
    let net = generate(&opts)?;
    let mut file = ScenarioFile {
        name: Some(format!("bench-{}", size.name())),
        start: Some(opts.period.first),
        end: Some(match days {
            Some(d) => opts
                .period
                .first
                .plus_days(d.max(1) as i32 - 1)
                .min(opts.period.last),
            None => opts.period.last,
        }),
        seed: Some(seed),
        ..ScenarioFile::default()
    };
    file.demand.scale = demand_scale;
    file.connections.max_stops = max_stops;
    let scenario = Scenario::new(file, NetworkLocation::Builtin);
    let study = Study::with_data(scenario, &net.data)?;
    let setup_seconds = setup.elapsed().as_secs_f64();
    let p = &study.prepared;
    let started = Instant::now();
    let r = p.run(0, &|_, _| {});
    let wall = started.elapsed().as_secs_f64();
    let journeys = r.journey_totals();
    Ok(BenchRow {
        size: size.name().to_string(),
        demand_scale,
        max_stops,
        airports: net.counts.airports,
        routes: net.counts.routes,
        markets: p.markets.len(),
        flights: r.flights.len(),
        events: r.engine.events,
        passengers: r.engine.requests,
        carried: journeys.carried,
        two_stop: journeys.two_stop,
        wall_seconds: wall,
        events_per_second: r.engine.events as f64 / wall,
        passengers_per_second: r.engine.requests as f64 / wall,
        peak_pending: r.engine.peak_pending,
        peak_rss_bytes: peak_rss_bytes(),
        setup_seconds,
    })
}
