//! # flightnet-engine
//!
//! The discrete-event engine of flightnet, separate from any model: the bottom layer of the
//! workspace, depending on no other flightnet crate.
//!
//! * [`Scheduler`] and [`Model`] — the clock, the pending-event set and the run loop;
//! * [`queue`] — the event queue behind a trait ([`EventQueue`]; a binary heap with packed keys);
//! * [`rng`] — named random streams keyed by `(seed, replication, purpose, key)`, so results
//!   never depend on threads, shards or scheduling order;
//! * [`prefetch`] — memory hints for hot loops (they change no result).
//!
//! The engine knows nothing of airlines: events are a model's own plain `Copy` type, ordered by
//! `(time, class, sequence)`.
//!
//! A [`Model`] owns its state and handles events; the [`Scheduler`] owns the clock and the
//! pending-event set. [`Scheduler::run`] pops events in `(time, class, sequence)` order and
//! hands each one to the model, which may schedule more. Events are a model-defined plain
//! `Copy` type (an `enum` of small ids), so nothing is allocated per event. Events that became
//! stale (for example a departure that was rescheduled) are the model's to recognise and skip
//! when they surface (lazy cancellation).
//!
//! # Example
//! ```
//! use flightnet_engine::{EventQueue, Model, Scheduler};
//!
//! /// Counts down: each event schedules the next one a minute later.
//! struct Countdown(u32);
//! impl Model for Countdown {
//!     type Event = u32;
//!     fn handle<Q: EventQueue<u32>>(&mut self, _now: i64, n: u32, s: &mut Scheduler<u32, Q>) {
//!         self.0 += 1;
//!         if n > 0 {
//!             s.schedule(s.now() + 1, 0, n - 1);
//!         }
//!     }
//! }
//! let mut sched = Scheduler::new();
//! sched.schedule(0, 0, 9);
//! let mut m = Countdown(0);
//! let stats = sched.run(&mut m, i64::MAX);
//! assert_eq!((m.0, stats.events, sched.now()), (10, 10, 9));
//! ```

pub mod prefetch;
pub mod queue;
pub mod rng;

pub use queue::{EventKey, EventQueue, HeapQueue};

/// A model driven by the engine.
pub trait Model {
    /// The event type: keep it small and `Copy` (ids, not data).
    type Event: Copy;

    /// Handles one event at time `now`; may schedule further events.
    fn handle<Q: EventQueue<Self::Event>>(
        &mut self,
        now: i64,
        event: Self::Event,
        scheduler: &mut Scheduler<Self::Event, Q>,
    );
}

/// Counters from a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Events handled.
    pub events: u64,
    /// Largest number of pending events seen.
    pub peak_pending: usize,
}

/// The clock and the pending-event set.
pub struct Scheduler<E, Q: EventQueue<E> = HeapQueue<E>> {
    queue: Q,
    now: i64,
    seq: u64,
    peak: usize,
    _event: std::marker::PhantomData<E>,
}

impl<E> Scheduler<E, HeapQueue<E>> {
    /// A scheduler at time 0 on a binary heap.
    pub fn new() -> Self {
        Self::with_queue(HeapQueue::new())
    }
}

impl<E> Default for Scheduler<E, HeapQueue<E>> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E, Q: EventQueue<E>> Scheduler<E, Q> {
    /// A scheduler at time 0 on the given queue.
    pub fn with_queue(queue: Q) -> Self {
        Scheduler {
            queue,
            now: i64::MIN,
            seq: 0,
            peak: 0,
            _event: std::marker::PhantomData,
        }
    }

    /// The current time (the time of the event being handled).
    #[inline]
    pub fn now(&self) -> i64 {
        self.now
    }

    /// Schedules `event` at `time` with tie-break `class` (lower runs first at equal times).
    ///
    /// Scheduling in the past is a model bug; it is clamped to now so causality holds.
    #[inline]
    pub fn schedule(&mut self, time: i64, class: u8, event: E) {
        let time = time.max(self.now);
        let seq = self.seq;
        self.seq += 1;
        self.queue.push(EventKey { time, class, seq }, event);
        let n = self.queue.len();
        if n > self.peak {
            self.peak = n;
        }
    }

    /// Number of pending events.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }

    /// Runs until the queue is empty or the next event is after `until`.
    ///
    /// # Returns
    /// Events handled and the peak pending-set size (over the scheduler's life).
    pub fn run<M: Model<Event = E>>(&mut self, model: &mut M, until: i64) -> RunStats {
        let mut events = 0u64;
        while let Some(key) = self.queue.peek_key() {
            if key.time > until {
                break;
            }
            let (key, event) = self.queue.pop().expect("peeked");
            self.now = key.time;
            model.handle(key.time, event, self);
            events += 1;
        }
        RunStats {
            events,
            peak_pending: self.peak,
        }
    }
}
