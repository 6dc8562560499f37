//! Booking requests drawn ahead of their turn, and the memory they will read warmed early.
//!
//! Requests land on random markets, dates and flights, so handling one is mostly waiting for
//! memory. Each request stream therefore draws its next [`LOOKAHEAD`] requests ahead of their
//! turn (the same draws in the same order as one at a time, so nothing changes in the
//! results) and, as a request moves towards the front, asks the tables it will read to start
//! loading them, one [`Stage`] at a time. What a stage loads is the tables' business
//! ([`Warm`]): changing a table's layout touches that table's prefetch and nothing here.

use std::collections::VecDeque;

use flightnet_data::time::Day;
use flightnet_engine::rng::Stream;

use super::{MarketId, StreamId};

/// The uniform draws of one booking request, in the order they are taken from its stream.
///
/// Every request takes exactly these six draws (after the one for its time), whatever
/// happens to it, so streams stay aligned across scenarios (common random numbers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct RequestDraws {
    /// Which of the stream's markets (alias table).
    pub market: f64,
    /// The departure date given the booking day (lead-time distribution).
    pub departure: f64,
    /// The preferred local departure time (time-of-day distribution).
    pub preferred_time: f64,
    /// The itinerary (logit choice).
    pub choice: f64,
    /// Whether the passenger would move to another date when the requested one is full.
    pub recapture: f64,
    /// The passenger's willingness to pay.
    pub wtp: f64,
}

impl RequestDraws {
    /// Takes a request's draws from its stream, in field order.
    #[inline]
    pub(super) fn draw(rng: &mut Stream) -> RequestDraws {
        // Struct fields are evaluated in the order written: that order is the draw order.
        RequestDraws {
            market: rng.uniform(),
            departure: rng.uniform(),
            preferred_time: rng.uniform(),
            choice: rng.uniform(),
            recapture: rng.uniform(),
            wtp: rng.uniform(),
        }
    }
}

/// A booking request drawn ahead: its time, its booking day, its draws and, once resolved,
/// its market and departure date.
#[derive(Clone, Copy, Debug)]
pub(super) struct Intent {
    /// When the request is made (UTC minutes).
    pub time: i64,
    /// Index of its booking day in the demand curve.
    pub booking_day: usize,
    /// Its draws.
    pub draws: RequestDraws,
    /// Its market and departure date (pure functions of the draws), once worked out.
    pub resolved: Option<(MarketId, Day)>,
}

/// What is warmed for a request as it nears its turn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    /// Just drawn: what picks its market.
    Drawn,
    /// Market and date known: the market's records and where its itineraries are kept.
    Resolved,
    /// The itineraries themselves, and what converts its preferred time.
    Items,
    /// The seat counts of those itineraries' legs.
    Seats,
}

/// Requests each stream keeps drawn ahead.
pub(super) const LOOKAHEAD: usize = 12;
/// Position at which a request's market draw is readied (its date's alias table built and the
/// entry it will read loaded), a few requests before it is resolved.
pub(super) const PREPARE_AT: usize = 10;
/// Position in the look-ahead (0 = the pending request) at which a request is resolved and
/// [`Stage::Resolved`] runs.
const RESOLVE_AT: usize = 6;
/// Position at which [`Stage::Items`] runs.
const ITEMS_AT: usize = 4;
/// Position at which [`Stage::Seats`] runs.
const SEATS_AT: usize = 2;

/// What the look-ahead warms: the tables a request will read.
pub(super) trait Warm {
    /// Starts loading what a request at `stage` will read. Memory hints only: nothing that
    /// changes a result.
    fn warm(&self, stage: Stage, k: StreamId, intent: &Intent);
}

/// One stream's requests drawn ahead of their turn.
#[derive(Debug)]
pub(super) struct Lookahead {
    ahead: VecDeque<Intent>,
    /// The stream has no more requests to draw.
    done: bool,
}

impl Lookahead {
    /// Nothing drawn yet.
    pub(super) fn new() -> Lookahead {
        Lookahead {
            ahead: VecDeque::with_capacity(LOOKAHEAD),
            done: false,
        }
    }

    /// Tops the look-ahead up with `next` (which draws the stream's next request, `None` once
    /// it is over), resolves the request that reached the resolving position with `resolve`
    /// (its market and departure date, a pure function of its draws) and warms each request
    /// that reached a stage's position.
    ///
    /// # Complexity
    /// O(1) tables touched per call (one request per stage), amortised one draw per call.
    #[inline]
    pub(super) fn advance<W: Warm>(
        &mut self,
        k: StreamId,
        tables: &W,
        mut resolve: impl FnMut(&Intent) -> (MarketId, Day),
        mut next: impl FnMut() -> Option<Intent>,
    ) {
        while self.ahead.len() < LOOKAHEAD && !self.done {
            match next() {
                Some(intent) => {
                    tables.warm(Stage::Drawn, k, &intent);
                    self.ahead.push_back(intent);
                }
                None => self.done = true,
            }
        }
        if let Some(i) = self.ahead.get_mut(RESOLVE_AT) {
            if i.resolved.is_none() {
                i.resolved = Some(resolve(i));
            }
            tables.warm(Stage::Resolved, k, i);
        }
        for (at, stage) in [(ITEMS_AT, Stage::Items), (SEATS_AT, Stage::Seats)] {
            if let Some(i) = self.ahead.get(at)
                && i.resolved.is_some()
            {
                tables.warm(stage, k, i);
            }
        }
    }

    /// The request at position `at` (0 = the pending one), if drawn.
    #[inline]
    pub(super) fn get(&self, at: usize) -> Option<&Intent> {
        self.ahead.get(at)
    }

    /// When the stream's pending request comes, if it has one.
    #[inline]
    pub(super) fn next_time(&self) -> Option<i64> {
        self.ahead.front().map(|i| i.time)
    }

    /// Takes the pending request, resolved (with `resolve` if it was not yet).
    ///
    /// # Panics
    /// If there is none (the engine only delivers a stream's request when one is pending).
    #[inline]
    pub(super) fn pop(
        &mut self,
        resolve: impl FnOnce(&Intent) -> (MarketId, Day),
    ) -> (Intent, MarketId, Day) {
        let mut i = self.ahead.pop_front().expect("a pending request was drawn");
        let (m, day) = match i.resolved {
            Some(r) => r,
            None => resolve(&i),
        };
        i.resolved = Some((m, day));
        (i, m, day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// Records what it was asked.
    #[derive(Default)]
    struct Log(RefCell<Vec<(Stage, i64)>>);

    fn resolve(i: &Intent) -> (MarketId, Day) {
        (MarketId(i.time as u32), Day(i.time as i32))
    }

    impl Warm for Log {
        fn warm(&self, stage: Stage, _: StreamId, i: &Intent) {
            self.0.borrow_mut().push((stage, i.time));
        }
    }

    fn intent(time: i64) -> Intent {
        Intent {
            time,
            booking_day: 0,
            draws: RequestDraws::draw(&mut Stream::new(
                1,
                0,
                flightnet_engine::rng::Purpose::Demand,
                0,
            )),
            resolved: None,
        }
    }

    /// Requests come out in the order drawn, each resolved; each is warmed at every stage
    /// once, in stage order, and a short stream still delivers every request.
    #[test]
    fn requests_come_out_in_order_and_each_stage_warms_once() {
        let log = Log::default();
        let mut la = Lookahead::new();
        let mut drawn = 0..20i64;
        let mut out = Vec::new();
        la.advance(StreamId(0), &log, resolve, || drawn.next().map(intent));
        while la.next_time().is_some() {
            let (i, m, d) = la.pop(resolve);
            assert_eq!((m, d), (MarketId(i.time as u32), Day(i.time as i32)));
            out.push(i.time);
            la.advance(StreamId(0), &log, resolve, || drawn.next().map(intent));
        }
        assert_eq!(out, (0..20).collect::<Vec<_>>());
        let log = log.0.into_inner();
        for stage in [Stage::Drawn, Stage::Resolved, Stage::Items, Stage::Seats] {
            let times: Vec<i64> = log.iter().filter(|e| e.0 == stage).map(|e| e.1).collect();
            let want: Vec<i64> = match stage {
                Stage::Drawn => (0..20).collect(),
                // The first six were past the resolving position when drawn: they are
                // resolved when taken, and warmed at no later stage.
                Stage::Resolved | Stage::Items | Stage::Seats => (6..20).collect(),
            };
            assert_eq!(times, want, "{stage:?}");
        }
    }

    /// The draws are taken in the documented order.
    #[test]
    fn draws_follow_the_field_order() {
        let mut a = Stream::new(5, 1, flightnet_engine::rng::Purpose::Demand, 9);
        let mut b = a.clone();
        let d = RequestDraws::draw(&mut a);
        let plain: Vec<f64> = (0..6).map(|_| b.uniform()).collect();
        assert_eq!(
            [
                d.market,
                d.departure,
                d.preferred_time,
                d.choice,
                d.recapture,
                d.wtp,
            ]
            .to_vec(),
            plain
        );
    }
}
