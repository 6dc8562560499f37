//! The event handlers: booking, revenue management, departures, arrivals, connections and
//! rebooking.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::time::Instant;

use super::cache::{Itineraries, itinerary_at, legs_at};
use super::inventory::{CLOSED, Controls, Inventory};
use super::lookahead::{Intent, Lookahead, PREPARE_AT, RequestDraws, Stage, Warm};
use super::results::{EngineCounters, FlightRecord, FlightStatus, Results};
use super::state::{Booking, Group, LegState, Next, Onward, REBOOKED, Status, THROUGH};
use super::{Forced, MarketId, Prepared, StreamId};
use crate::demand::{Curve, CurveSpec, DayMix, StreamPos, day_variate, stream_day_factors};
use crate::fares::{ranks_upto, willingness_to_pay};
use crate::itinerary::{Itinerary, Path, earliest_arrival, paths_between};
use crate::rm::PickupForecast;
use crate::stats::{FlightCounts, HubCounts, JourneyCounts};
use flightnet_data::config::{Arrivals, RmMethod, Untruncation};
use flightnet_data::id::{IdVec, Idx};
use flightnet_data::network::{AirportId, LegId};
use flightnet_data::time::{Day, MINUTES_PER_DAY, UtcMinute};
use flightnet_engine::prefetch::{prefetch, prefetch_at};
use flightnet_engine::rng::{Purpose, Stream, keyed_uniform};
use flightnet_engine::{EventQueue, Model, Scheduler};

/// The most days a request moves to another date (the scenario key `recapture_days` allows
/// 0 to 14).
const MAX_RECAPTURE_DAYS: usize = 14;

/// The model's events: plain ids, nothing allocated.
#[derive(Clone, Copy, Debug)]
enum Event {
    /// A dated leg lands.
    Arrival(LegId),
    /// A dated leg leaves.
    Departure(LegId),
    /// A cancellation announced before departure (with notice).
    Cancel(LegId),
    /// A UTC day's legs become eligible to depart.
    OpenDay(Day),
    /// A UTC day's data collection points.
    Collect(Day),
    /// A request stream's pending booking request.
    Demand(StreamId),
}

const CLASS_ARRIVAL: u8 = 0;
const CLASS_DEPARTURE: u8 = 1;
const CLASS_DAY: u8 = 2;
const CLASS_DEMAND: u8 = 3;

/// Even arrivals: a stream's requests for each departure date at evenly spaced quantiles of
/// the date's lead-time distribution, the next of each date in a heap by time.
struct EvenRequests {
    /// `(time, date index, request index)` of each date's next request.
    next: BinaryHeap<Reverse<(i64, u32, u32)>>,
    /// Requests per date.
    counts: Vec<u32>,
}

/// A request stream's state: where it is on its cumulative intensity, its random stream and
/// its next requests, drawn ahead of their turn.
struct StreamState {
    pos: StreamPos,
    rng: Stream,
    lookahead: Lookahead,
    even: Option<EvenRequests>,
}

/// What happened to a request on one date it looked at.
enum Offer {
    /// Booked this itinerary in this class (rank) of this fare slot.
    Chosen(Itinerary, u8, usize),
    /// Products were on sale but the passenger chose not to fly (too dear under the fare
    /// rules, or unattractive).
    Declined,
    /// Itineraries existed but none had a seat for sale in a class the passenger would have
    /// bought (no seat left, or revenue management had closed the classes within reach).
    Full,
    /// No itinerary.
    Empty,
}

struct Sim<'p> {
    p: &'p Prepared,
    rep: u32,
    legs: IdVec<LegId, LegState>,
    inv: Inventory,
    dep_planned: IdVec<LegId, bool>,
    streams: IdVec<StreamId, StreamState>,
    /// One curve per stream (the prepared ones, or this replication's with the k-factor).
    curves: Cow<'p, [Curve]>,
    /// Per-date market tables (with the k-factor).
    daymix: Option<DayMix>,
    forecast: PickupForecast,
    /// Per series and rank: smoothed ticket values.
    values: Vec<f32>,
    valued: Vec<bool>,
    res: Results,
    weights: Vec<f64>,
    /// Per itinerary offered: its class and fare slot.
    picks: Vec<(u8, u8)>,
    itineraries: Itineraries,
    extra_paths: BTreeMap<(AirportId, AirportId), Vec<Path>>,
    /// The next leg to become eligible to depart (legs are in departure order).
    cursor: usize,
    /// The first leg of each UTC departure day (index from `first_day`), and one past the last.
    day_starts: Vec<usize>,
    /// Bookings waiting for their first leg's UTC departure day to open.
    buckets: Vec<Vec<Booking>>,
    /// Bookings with two connections waiting likewise (rare; kept apart so the others stay
    /// small), each with its third leg and the length of its day's bucket when it was made
    /// (its place in booking order).
    buckets3: Vec<Vec<(Booking, LegId, u32)>>,
    /// The last UTC day opened.
    opened_day: i32,
    /// The last UTC day of requests seen.
    request_day: i32,
    /// Scratch for sorting a day's bookings by leg: counts per leg, and the sorted bookings.
    counts: Vec<u32>,
    sorted: Vec<Booking>,
    first_day: i32,
    last_day: i32,
    requests: u64,
    progress: &'p (dyn Fn(u64, u64) + Sync),
}

pub(super) fn run(p: &Prepared, rep: u32, progress: &(dyn Fn(u64, u64) + Sync)) -> Results {
    let started = Instant::now();
    let net = &p.net;
    let days = p.cfg.period.len();
    let n_airports = net.data().airports.len();
    let legs = (0..net.legs.len())
        .map(|i| LegState::new(p.cfg.operations.reactionary && p.rotations.prev[i].is_some()))
        .collect();
    let k = p.cfg.demand.k_factor;
    let poisson = p.cfg.demand.arrivals == Arrivals::Poisson;
    // With the k-factor each stream's intensity follows its markets' day variates.
    let curves: Cow<'_, [Curve]> = if poisson && k > 0.0 {
        Cow::Owned(
            p.streams
                .iter()
                .map(|d| {
                    let factors = stream_day_factors(
                        k,
                        p.cfg.seed,
                        rep,
                        &d.weights,
                        p.simulated.first,
                        p.simulated.len(),
                    );
                    Curve::new(&CurveSpec {
                        cfg: &p.cfg.demand,
                        series: p.cfg.demand.recovery.get(d.curve),
                        period: p.simulated,
                        leads: &p.segments[d.segment].leads,
                        day_factors: Some(&factors),
                    })
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(&p.curves)
    };
    let daymix = (poisson && k > 0.0)
        .then(|| DayMix::new(p.streams.len(), p.simulated.first, p.simulated.len()));
    let streams = p
        .streams
        .iter_enumerated()
        .map(|(s, d)| StreamState {
            pos: StreamPos::default(),
            rng: Stream::new(p.cfg.seed, rep, Purpose::Demand, d.key),
            lookahead: Lookahead::new(),
            even: (!poisson).then(|| even_requests(&curves[s.index()], d.base)),
        })
        .collect();
    let first_day = net.legs.first().map_or(0, |l| l.dep.day().0);
    let last_day = net.legs.last().map_or(0, |l| l.dep.day().0);
    let mut day_starts = Vec::with_capacity((last_day - first_day + 2).max(1) as usize);
    let mut i = 0;
    for d in first_day..=last_day + 1 {
        while i < net.legs.len() && net.legs[i].dep.day().0 < d {
            i += 1;
        }
        day_starts.push(i);
    }
    let leads = p.curves.iter().map(Curve::leads).max().unwrap_or(1);
    let timeframes = p.cfg.rm.dcps.len().max(1);
    let mut sim = Sim {
        p,
        rep,
        legs,
        inv: Inventory::new(p.authorised.clone(), &p.controls, p.class_stride),
        dep_planned: IdVec::filled(false, net.legs.len()),
        streams,
        curves,
        daymix,
        forecast: PickupForecast::new(
            p.series,
            timeframes,
            p.class_stride,
            p.cfg.rm.forecast_alpha,
            p.cfg.rm.untruncation == Untruncation::Em,
        ),
        values: p.default_values.clone(),
        valued: vec![false; p.default_values.len()],
        res: Results {
            replication: rep,
            routes: IdVec::filled(FlightCounts::default(), net.route_count()),
            markets: IdVec::filled(JourneyCounts::default(), p.markets.len()),
            hubs: IdVec::filled(HubCounts::default(), n_airports),
            daily_flights: vec![FlightCounts::default(); days],
            daily_journeys: vec![JourneyCounts::default(); days],
            daily_travel: vec![0; days],
            booking_curves: vec![vec![0; leads]; p.segments.len()],
            sold_by_booking_day: vec![0; p.simulated.len() + leads],
            flights: Vec::new(),
            engine: EngineCounters::default(),
        },
        weights: Vec::new(),
        picks: Vec::new(),
        itineraries: Itineraries::new(p, leads as u32 + p.cfg.demand.recapture_days + 1),
        extra_paths: BTreeMap::new(),
        cursor: 0,
        day_starts,
        buckets: vec![Vec::new(); (last_day - first_day + 1).max(0) as usize],
        buckets3: vec![Vec::new(); (last_day - first_day + 1).max(0) as usize],
        opened_day: first_day - 1,
        request_day: i32::MIN,
        counts: Vec::new(),
        sorted: Vec::new(),
        first_day,
        last_day,
        requests: 0,
        progress,
    };
    let mut sched: Scheduler<Event> = Scheduler::new();
    if !net.legs.is_empty() {
        sched.schedule(
            Day(first_day).start_utc().0 - 1,
            CLASS_DAY,
            Event::OpenDay(Day(first_day)),
        );
        if p.managed {
            let first = first_day - p.cfg.rm.dcps.first().copied().unwrap_or(0) as i32;
            sched.schedule(
                Day(first).start_utc().0 - 1,
                CLASS_DAY,
                Event::Collect(Day(first)),
            );
        }
    }
    for k in p.streams.ids() {
        sim.schedule_request(&mut sched, k);
    }
    let notice = p.cfg.operations.cancellation_notice_hours as i64 * 60;
    if notice > 0 {
        // Cancellations with notice are announced that long before departure, but not before
        // the flight's departure day opens (its bookings join it then).
        for (i, leg) in net.legs.iter().enumerate() {
            let l = LegId::from_index(i);
            if sim.is_cancelled(l) {
                let at = (leg.dep.0 - notice).max(leg.dep.day().start_utc().0);
                sched.schedule(at, CLASS_DEPARTURE, Event::Cancel(l));
            }
        }
    }
    let stats = sched.run(&mut sim, i64::MAX);
    let mut res = sim.finish();
    res.engine = EngineCounters {
        events: stats.events,
        peak_pending: stats.peak_pending as u64,
        requests: res.engine.requests,
        wall_seconds: started.elapsed().as_secs_f64(),
    };
    res
}

/// Even arrivals of one stream: each date's expected requests, cumulatively rounded so the
/// total rounds the expectation, at quantiles `(j + ½) / n` of the date's lead times.
fn even_requests(curve: &Curve, base: f64) -> EvenRequests {
    let mut counts = Vec::with_capacity(curve.per_day().len());
    let (mut cum, mut given) = (0.0, 0u64);
    for &e in curve.per_day() {
        cum += e * base;
        let upto = cum.round().max(0.0) as u64;
        counts.push((upto - given.min(upto)) as u32);
        given = given.max(upto);
    }
    let mut next = BinaryHeap::new();
    for (d, &n) in counts.iter().enumerate() {
        if n > 0 {
            let t = curve.quantile_time(d, 0.5 / n as f64);
            next.push(Reverse((t.0, d as u32, 0)));
        }
    }
    EvenRequests { next, counts }
}

/// What the look-ahead warms: the prepared model and the tables a request will touch.
struct HotTables<'a> {
    p: &'a Prepared,
    itineraries: &'a Itineraries,
    avail: &'a IdVec<LegId, u32>,
    /// Each leg's highest open class and bid price (revenue management).
    open: &'a IdVec<LegId, u8>,
    bid: &'a IdVec<LegId, f32>,
    markets: &'a IdVec<MarketId, JourneyCounts>,
}

impl Warm for HotTables<'_> {
    #[inline]
    fn warm(&self, stage: Stage, k: StreamId, i: &Intent) {
        let p = self.p;
        match (stage, i.resolved) {
            (Stage::Drawn, _) => {
                if let Some(alias) = &p.streams[k].pick {
                    alias.prefetch(i.draws.market);
                }
            }
            (Stage::Resolved, Some((m, day))) => {
                prefetch_at(self.markets.as_slice(), m.index());
                prefetch_at(p.origins.as_slice(), m.index());
                // The market's fares: its lowest fare and where its structures are kept.
                prefetch(&p.markets[m].fares);
                self.itineraries.prefetch(m, day);
            }
            (Stage::Items, Some((m, day))) => {
                self.itineraries.prefetch_items(m, day);
                // The origin's UTC offset on the date (its origin was warmed at the last stage).
                p.prefetch_offset(p.origins[m], day);
                // Each airline's fares and advance purchase (what the budget and the date
                // allow), read first by the request.
                for f in p.markets[m].fares.structures.iter() {
                    f.prefetch();
                }
            }
            (Stage::Seats, Some((m, day))) => {
                let segment = p.streams[k].segment;
                for f in p.markets[m].fares.structures.iter() {
                    f.prefetch_segment(segment);
                }
                if let Some(all) = self.itineraries.peek(m, day) {
                    for c in all {
                        let (a, b) = c.legs();
                        prefetch_at(self.avail.as_slice(), a.index());
                        prefetch_at(self.open.as_slice(), a.index());
                        prefetch_at(self.bid.as_slice(), a.index());
                        if let Some(b) = b {
                            prefetch_at(self.avail.as_slice(), b.index());
                            prefetch_at(self.open.as_slice(), b.index());
                            prefetch_at(self.bid.as_slice(), b.index());
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The market and departure date of a request of stream `k` (pure functions of its draws):
/// the date from the stream's lead times, the market from the date's table with the k-factor
/// or the stream's alias table without.
#[inline]
fn resolve(
    p: &Prepared,
    curves: &[Curve],
    daymix: Option<&mut DayMix>,
    rep: u32,
    k: StreamId,
    i: &Intent,
) -> (MarketId, Day) {
    if let Some(r) = i.resolved {
        return r;
    }
    let d = &p.streams[k];
    let day = curves[k.index()].departure_day(i.booking_day, i.draws.departure);
    let m = match (&d.pick, daymix) {
        (None, _) => d.markets[0],
        (Some(_), Some(mix)) => {
            let col = mix.sample(k.index(), day, i.draws.market, || {
                day_weights(p, rep, k, day)
            });
            d.markets[col]
        }
        // Labelled with the market ids: no second lookup.
        (Some(alias), None) => MarketId(alias.sample(i.draws.market) as u32),
    };
    (m, day)
}

/// Stream `k`'s market weights for departure date `day` (base × the k-factor day variate).
fn day_weights(p: &Prepared, rep: u32, k: StreamId, day: Day) -> Vec<f64> {
    let kf = p.cfg.demand.k_factor;
    p.streams[k]
        .weights
        .iter()
        .map(|&(key, w)| w * day_variate(kf, p.cfg.seed, rep, key, day))
        .collect()
}

/// Readies the market draw of a request of stream `k` a few requests before it is resolved:
/// builds its date's alias table if no request built it yet and starts loading the entry its
/// draw will read. Tables are pure functions of (seed, replication, stream, date), so
/// building one earlier changes no result.
#[inline]
fn prepare(
    p: &Prepared,
    curves: &[Curve],
    daymix: Option<&mut DayMix>,
    rep: u32,
    k: StreamId,
    i: &Intent,
) {
    if i.resolved.is_some() || p.streams[k].pick.is_none() {
        return;
    }
    if let Some(mix) = daymix {
        let day = curves[k.index()].departure_day(i.booking_day, i.draws.departure);
        mix.prepare(k.index(), day, i.draws.market, || {
            day_weights(p, rep, k, day)
        });
    }
}

/// Writes `bookings` to `out` ordered by first leg, keeping booking order among those of the
/// same leg (a counting sort; `counts` is scratch).
///
/// Attaching a day's bookings in this order gives the same leg states as attaching them in
/// booking order: each leg receives its own bookings in the same order, the planned-connection
/// histograms only add, and the inbound lists are sorted before use. It reads each leg and its
/// groups once instead of once per booking.
///
/// # Complexity
/// O(n + legs spanned) for n bookings.
fn by_first_leg(bookings: &[Booking], counts: &mut Vec<u32>, out: &mut Vec<Booking>) {
    out.clear();
    let Some(lo) = bookings.iter().map(|b| b.first).min() else {
        return;
    };
    let hi = bookings.iter().map(|b| b.first).max().unwrap_or(lo);
    counts.clear();
    counts.resize((hi.0 - lo.0) as usize + 2, 0);
    for b in bookings {
        counts[(b.first.0 - lo.0) as usize + 1] += 1;
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    out.resize(bookings.len(), bookings[0]);
    for &b in bookings {
        let c = &mut counts[(b.first.0 - lo.0) as usize];
        out[*c as usize] = b;
        *c += 1;
    }
}

impl Model for Sim<'_> {
    type Event = Event;

    fn handle<Q: EventQueue<Event>>(
        &mut self,
        now: i64,
        event: Event,
        s: &mut Scheduler<Event, Q>,
    ) {
        match event {
            Event::Demand(m) => self.request(s, now, m),
            Event::OpenDay(d) => self.open_day(s, d),
            Event::Collect(d) => self.collect(s, d),
            Event::Departure(l) => self.depart(s, now, l),
            Event::Arrival(l) => self.arrive(s, now, l),
            Event::Cancel(l) => {
                // Lazily skip an announcement for a flight that is no longer scheduled.
                if self.legs[l].status == Status::Scheduled {
                    self.cancel(s, now, l);
                }
            }
        }
    }
}

impl Sim<'_> {
    fn day_index(&self, day: Day) -> Option<usize> {
        let period = self.p.cfg.period;
        period
            .contains(day)
            .then(|| (day.0 - period.first.0) as usize)
    }

    /// The period-day index for an event at `now` (tail days count on the last day), or
    /// `None` during the burn-in.
    fn event_day(&self, now: i64) -> Option<usize> {
        let period = self.p.cfg.period;
        let d = now.div_euclid(MINUTES_PER_DAY) as i32;
        (d >= period.first.0).then(|| (d.min(period.last.0) - period.first.0) as usize)
    }

    // ----- demand -------------------------------------------------------------------------

    /// Schedules stream `k`'s next request (none once its booking period is over), keeping
    /// its look-ahead topped up and warmed.
    fn schedule_request<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, k: StreamId) {
        let p = self.p;
        let d = &p.streams[k];
        let curve = &self.curves[k.index()];
        let tables = HotTables {
            p,
            itineraries: &self.itineraries,
            avail: &self.inv.avail,
            open: &self.inv.open,
            bid: &self.inv.bid,
            markets: &self.res.markets,
        };
        let curves: &[Curve] = &self.curves;
        let mut daymix = self.daymix.as_mut();
        let rep = self.rep;
        let StreamState {
            pos,
            rng,
            lookahead,
            even,
        } = &mut self.streams[k];
        lookahead.advance(
            k,
            &tables,
            |i| resolve(p, curves, daymix.as_deref_mut(), rep, k, i),
            || {
                // Always one draw for the time, so the stream stays aligned whatever the
                // spacing, then the request's own draws.
                match even {
                    None => {
                        let e = rng.exp1();
                        let (t, b) = curve.advance(pos, e, d.base)?;
                        Some(Intent {
                            time: t.0,
                            booking_day: b,
                            draws: RequestDraws::draw(rng),
                            resolved: None,
                        })
                    }
                    Some(ev) => {
                        rng.uniform();
                        let Reverse((t, day, j)) = ev.next.pop()?;
                        let n = ev.counts[day as usize];
                        if j + 1 < n {
                            let q = (j as f64 + 1.5) / n as f64;
                            let t2 = curve.quantile_time(day as usize, q).0.max(t);
                            ev.next.push(Reverse((t2, day, j + 1)));
                        }
                        Some(Intent {
                            time: t,
                            booking_day: 0,
                            draws: RequestDraws::draw(rng),
                            resolved: Some((d.markets[0], p.simulated.first.plus_days(day as i32))),
                        })
                    }
                }
            },
        );
        if let Some(i) = lookahead.get(PREPARE_AT) {
            prepare(p, curves, daymix, rep, k, i);
        }
        if let Some(time) = lookahead.next_time() {
            s.schedule(time, CLASS_DEMAND, Event::Demand(k));
        }
    }

    /// A booking request from stream `k`: the market, the date, the preferred time and the
    /// passenger's willingness to pay; the passenger books the best itinerary and class on
    /// sale, looks at nearby dates if nothing is, or does not fly. Schedules the stream's next
    /// request.
    fn request<Q: EventQueue<Event>>(
        &mut self,
        s: &mut Scheduler<Event, Q>,
        now: i64,
        k: StreamId,
    ) {
        let p = self.p;
        let rep = self.rep;
        let (intent, m, day) = {
            let curves: &[Curve] = &self.curves;
            let daymix = self.daymix.as_mut();
            self.streams[k]
                .lookahead
                .pop(|i| resolve(p, curves, daymix, rep, k, i))
        };
        let segment = p.streams[k].segment;
        let RequestDraws {
            preferred_time: u_pref,
            choice: u_choice,
            recapture: u_recap,
            wtp: u_wtp,
            ..
        } = intent.draws;
        self.requests += 1;
        let today = now.div_euclid(MINUTES_PER_DAY) as i32;
        if today > self.request_day {
            self.request_day = today;
            self.itineraries.set_today(today);
            if let Some(mix) = &mut self.daymix {
                mix.drop_before(Day(today - 1));
            }
        }
        let tod = &p.tod_cdf;
        let hour = tod.partition_point(|&c| c <= u_pref).min(23);
        let lo = if hour == 0 { 0.0 } else { tod[hour - 1] };
        let within = ((u_pref - lo) / (tod[hour] - lo).max(1e-12)).clamp(0.0, 0.999_999);
        let pref_local = hour as i64 * 60 + (within * 60.0) as i64;
        let preferred = day.start_utc().0 + pref_local - p.offset(p.origins[m], day);
        let earliest = UtcMinute(now + p.cfg.demand.min_booking_minutes as i64);
        let market = &p.markets[m];
        let wtp = willingness_to_pay(
            market.fares.reference,
            p.segments[segment].wtp_multiple,
            u_wtp,
        );
        // The passenger's affordable classes per fare structure.
        let mut afford = [0u16; 16];
        for (i, f) in market.fares.structures.iter().enumerate() {
            afford[i] = f.affordable(wtp);
        }
        afford[15] = 1;

        // The requested date, then (for a passenger who would take another date) the
        // recapture dates in order, nearest first and later before earlier.
        let recapture_days = p.cfg.demand.recapture_days as i32;
        let willing = u_recap < p.cfg.demand.recapture_share;
        let in_window =
            |d: &Day| p.simulated.contains(*d) && d.plus_days(1).start_utc() >= earliest;
        // At most 14 days each way (the scenario key's limit): on the stack, no allocation.
        let mut nearby_days = [Day(0); 2 * MAX_RECAPTURE_DAYS];
        let mut n_nearby = 0;
        for d in (1..=recapture_days.min(MAX_RECAPTURE_DAYS as i32))
            .flat_map(|j| [day.plus_days(j), day.plus_days(-j)])
            .filter(in_window)
        {
            nearby_days[n_nearby] = d;
            n_nearby += 1;
        }
        let nearby = &nearby_days[..n_nearby];
        let mut outcome: Option<(Offer, bool)> = None;
        let mut full = false;
        let mut looked_nearby = false;
        for (d, other_date) in std::iter::once((day, false)).chain(
            nearby
                .iter()
                .copied()
                .filter(|_| willing)
                .map(|d| (d, true)),
        ) {
            looked_nearby |= other_date;
            match self.offer(m, segment, d, now, earliest, preferred, &afford, u_choice) {
                Offer::Full => full = true,
                Offer::Empty => {}
                o => {
                    outcome = Some((o, other_date));
                    break;
                }
            }
        }
        // Whether any itinerary exists nearby, for a passenger who did not look there.
        let exists_nearby = !looked_nearby
            && outcome.is_none()
            && !full
            && nearby.iter().any(|&d| {
                self.itineraries
                    .get(p, m, d)
                    .iter()
                    .any(|c| c.dep() >= earliest.0)
            });
        let di = self.day_index(day);
        let mut counts = JourneyCounts {
            demand: 1,
            ..JourneyCounts::default()
        };
        match outcome {
            Some((Offer::Chosen(it, rank, slot), recaptured)) => {
                counts.carried = 1;
                counts.recaptured = recaptured as u64;
                if it.second.is_some() {
                    counts.connecting = 1;
                    counts.two_stop = it.third.is_some() as u64;
                } else {
                    counts.nonstop = 1;
                }
                let fare = if slot < 15 {
                    market.fares.structures[slot].cents[rank as usize]
                } else {
                    0
                };
                counts.revenue_cents = fare;
                self.sell(&it, m, rank, segment as u8, fare);
                let first_booking =
                    p.simulated.first.0 - (self.res.booking_curves[0].len() as i32 - 1);
                if let Some(x) = self
                    .res
                    .sold_by_booking_day
                    .get_mut((today - first_booking).max(0) as usize)
                {
                    *x += 1;
                }
                let lead = (it.dep.day().0 - today).max(0) as usize;
                let curve = &mut self.res.booking_curves[segment];
                let last = curve.len() - 1;
                if di.is_some() {
                    curve[lead.min(last)] += 1;
                }
            }
            Some((_, _)) => counts.no_purchase = 1,
            None if full => counts.spilled = 1,
            // Itineraries nearby, but the passenger would not move: chose not to fly.
            None if exists_nearby => counts.no_purchase = 1,
            None => counts.unserved = 1,
        }
        if let Some(di) = di {
            self.res.markets[m].merge(&counts);
            self.res.daily_journeys[di].merge(&counts);
        }
        self.schedule_request(s, k);
    }

    /// What a request of market `m` and segment `segment` finds on date `d`: the itineraries
    /// leaving in time, each with the class the passenger likes best among those on sale and
    /// affordable, and the choice among them and not flying (multinomial logit).
    #[allow(clippy::too_many_arguments)]
    fn offer(
        &mut self,
        m: MarketId,
        segment: usize,
        d: Day,
        now: i64,
        earliest: UtcMinute,
        preferred: i64,
        afford: &[u16; 16],
        u: f64,
    ) -> Offer {
        let p = self.p;
        let market = &p.markets[m];
        let days_before = (d.0 - now.div_euclid(MINUTES_PER_DAY) as i32) as i64;
        // Classes on sale (advance purchase) per fare structure.
        let mut on_sale = [0u16; 16];
        for (i, f) in market.fares.structures.iter().enumerate() {
            on_sale[i] = f.on_sale(days_before);
        }
        on_sale[15] = 1;
        let all = self.itineraries.get(p, m, d);
        let (open, bid) = (&self.inv.open, &self.inv.bid);
        self.weights.clear();
        self.picks.clear();
        let (mut any, mut any_open, mut closed_for_me, mut total, mut last) =
            (false, false, false, 0.0, 0);
        for (idx, c) in all.iter().enumerate() {
            if c.dep() < earliest.0 {
                self.weights.push(total);
                self.picks.push((u8::MAX, 0));
                continue;
            }
            any = true;
            // A class is open on an itinerary when it is open on every leg.
            let (a, b, t) = legs_at(all, idx);
            let bound = match (b, t) {
                (None, _) => open[a],
                (Some(b), None) if open[a] == CLOSED || open[b] == CLOSED => CLOSED,
                (Some(b), None) => open[a].min(open[b]),
                (Some(b), Some(t))
                    if open[a] == CLOSED || open[b] == CLOSED || open[t] == CLOSED =>
                {
                    CLOSED
                }
                (Some(b), Some(t)) => open[a].min(open[b]).min(open[t]),
            };
            let slot = c.fare_slot();
            // What the passenger would buy if every class were open (fare rules and budget
            // only), and what revenue management leaves of it.
            let wanted = on_sale[slot] & afford[slot];
            let mut sale = if bound == CLOSED {
                0
            } else {
                on_sale[slot] & ranks_upto(bound)
            };
            if slot < 15 && sale != 0 {
                let f = &market.fares.structures[slot];
                if f.bid_price {
                    // The fare must cover the bid prices of all the legs.
                    let price = bid[a] + b.map_or(0.0, |b| bid[b]) + t.map_or(0.0, |t| bid[t]);
                    if price > 0.0 {
                        sale &= f.covering(price as f64);
                    }
                }
            }
            let feasible = sale & afford[slot];
            if feasible == 0 && wanted != 0 {
                closed_for_me = true;
            }
            if sale == 0 {
                self.weights.push(total);
                self.picks.push((u8::MAX, 0));
                continue;
            }
            any_open = true;
            let best = if slot < 15 {
                market.fares.structures[slot].best(segment, feasible)
            } else {
                (feasible != 0).then_some((0, 1.0))
            };
            match best {
                Some((rank, w)) => {
                    let it = itinerary_at(all, idx);
                    total += p.logit.weight(&it, preferred) * w;
                    last = idx;
                    self.picks.push((rank, slot as u8));
                }
                None => self.picks.push((u8::MAX, 0)),
            }
            self.weights.push(total);
        }
        if !any {
            return Offer::Empty;
        }
        if total <= 0.0 {
            // Nothing within reach: for want of seats (spill) or for the fares' rules and the
            // passenger's budget (declined).
            return if !any_open || closed_for_me {
                Offer::Full
            } else {
                Offer::Declined
            };
        }
        let target = u * (total + p.no_purchase_weight);
        if target >= total {
            return Offer::Declined;
        }
        let i = self
            .weights
            .iter()
            .position(|&w| target < w)
            .unwrap_or(last);
        let (rank, slot) = self.picks[i];
        Offer::Chosen(itinerary_at(all, i), rank, slot as usize)
    }

    /// Sells a ticket of market `m` on `it` in class `rank`: takes a seat on each leg, credits
    /// the fare (prorated by distance) to the legs' routes, and books the passenger.
    fn sell(&mut self, it: &Itinerary, m: MarketId, rank: u8, segment: u8, fare: i64) {
        let p = self.p;
        let km = |l: Option<LegId>| l.map_or(0.0, |l| p.leg_km[l] as f64);
        let (first_km, second_km) = (p.leg_km[it.first] as f64, km(it.second));
        let total_km = first_km + second_km + km(it.third);
        // Cumulative rounding: each leg gets the rounded fare up to its end less the rounded
        // fare up to its start, so the shares sum exactly to the fare.
        let upto = |km: f64| (fare as f64 * km / total_km).round() as i64;
        let shares = match (it.second, it.third) {
            (Some(_), None) if total_km > 0.0 => {
                let first = upto(first_km);
                [first, fare - first, 0]
            }
            (Some(_), Some(_)) if total_km > 0.0 => {
                let (first, both) = (upto(first_km), upto(first_km + second_km));
                [first, both - first, fare - both]
            }
            _ => [fare, 0, 0],
        };
        let legs = [Some(it.first), it.second, it.third];
        for (l, share) in legs
            .into_iter()
            .zip(shares)
            .filter_map(|(l, s)| Some((l?, s)))
        {
            let lc = &p.controls[l];
            // A connecting ticket is worth its prorated fare to a leg under leg control, and
            // its fare less the other legs' bid prices under network control.
            let value = if lc.method == RmMethod::Bidprice {
                let other: f32 = it.legs().filter(|&o| o != l).map(|o| self.inv.bid[o]).sum();
                fare as f32 / 100.0 - other
            } else {
                share as f32 / 100.0
            };
            self.inv.sell(l, 1, Some(rank), value, lc.classes);
            if p.in_period[l] {
                let leg = p.net.leg(l);
                let route = &mut self.res.routes[leg.route];
                route.revenue_cents += share;
                route.itinerary_revenue_cents += fare;
                route.class_tickets[(rank as usize).min(crate::stats::CLASS_SLOTS - 1)] += 1;
                if let Some(di) = self.day_index(leg.day) {
                    let day = &mut self.res.daily_flights[di];
                    day.revenue_cents += share;
                    day.itinerary_revenue_cents += fare;
                }
            }
        }
        // By the local date of the first flight (as flights are counted), not its UTC day.
        if let Some(di) = self.day_index(p.net.leg(it.first).day) {
            self.res.daily_travel[di] += 1;
        }
        self.book(it, m, 1, 0, rank, segment);
    }

    /// Books `count` passengers of market `m` on `it` (whose seats were taken): the booking
    /// joins its first leg when that leg's departure day opens (bookings wait in a per-day
    /// bucket, so booking touches only the compact seat array and appends to a short list).
    fn book(&mut self, it: &Itinerary, m: MarketId, count: u32, flags: u8, class: u8, segment: u8) {
        let b = Booking {
            first: it.first,
            next: it.second.map_or(Onward::FINAL, Onward::leg),
            market: m,
            count,
            flags,
            class,
            segment,
        };
        let day = it.dep.day().0;
        if day > self.opened_day {
            let i = (day - self.first_day) as usize;
            match it.third {
                None => self.buckets[i].push(b),
                Some(third) => {
                    let at = self.buckets[i].len() as u32;
                    self.buckets3[i].push((b, third, at));
                }
            }
        } else {
            self.attach(b, it.third.map_or(Onward::FINAL, Onward::leg));
        }
    }

    /// Puts a booking on its first leg (and registers the connection on the onward leg; the
    /// connection onto a third leg is registered when the passengers board the second, but
    /// both are counted as planned now).
    fn attach(&mut self, b: Booking, then: Onward) {
        self.legs[b.first].add_group(b, then);
        if let Next::Leg(next) = b.next.get() {
            let (a, c) = (self.p.net.leg(b.first), self.p.net.leg(next));
            self.res.hubs[a.destination]
                .planned
                .add(c.dep.0 - a.arr.0, b.count as u64);
            if let Next::Leg(then) = then.get() {
                let d = self.p.net.leg(then);
                self.res.hubs[c.destination]
                    .planned
                    .add(d.dep.0 - c.arr.0, b.count as u64);
            }
            self.register_inbound(b.first, next);
        }
    }

    /// Attaches a day's bookings when some have two connections: all of them in booking order
    /// (the others' bucket with the two-stop ones put back in their places), ordered by first
    /// leg, as [`by_first_leg`] orders the others on days without any.
    fn attach_with_two_stops(&mut self, bucket: &[Booking], two: Vec<(Booking, LegId, u32)>) {
        let mut all: Vec<(Booking, Onward)> = Vec::with_capacity(bucket.len() + two.len());
        let mut two = two.into_iter().peekable();
        for (j, &b) in bucket.iter().enumerate() {
            while let Some((b3, third, _)) = two.next_if(|&(_, _, at)| at as usize <= j) {
                all.push((b3, Onward::leg(third)));
            }
            all.push((b, Onward::FINAL));
        }
        all.extend(two.map(|(b3, third, _)| (b3, Onward::leg(third))));
        all.sort_by_key(|(b, _)| b.first); // stable: booking order within a leg
        for (b, then) in all {
            self.attach(b, then);
        }
    }

    /// Records that leg `from` holds passengers connecting onto leg `onto`.
    #[inline]
    fn register_inbound(&mut self, from: LegId, onto: LegId) {
        let inbound = &mut self.legs[onto].inbound;
        if inbound.last() != Some(&from) {
            inbound.push(from);
        }
    }

    /// Gives back `count` seats on each of a group's onward legs still to depart (its
    /// passengers will not fly them).
    fn release_onward(&mut self, g: &Group, count: u32) {
        for onward in [g.next, g.then] {
            if let Next::Leg(l) = onward.get()
                && self.legs[l].status == Status::Scheduled
            {
                self.inv.release(l, count, self.p.controls[l].classes);
            }
        }
    }

    /// Re-accommodates `count` passengers of market `m` (class `class`, segment `segment`) who
    /// are at `from` and can leave from `earliest`; whoever finds no seat within the horizon is
    /// stranded.
    #[allow(clippy::too_many_arguments)]
    fn rebook(
        &mut self,
        now: i64,
        m: MarketId,
        count: u32,
        from: AirportId,
        earliest: i64,
        class: u8,
        segment: u8,
    ) {
        self.rebook_until(
            now,
            m,
            count,
            from,
            earliest,
            earliest.max(now),
            class,
            segment,
        )
    }

    /// Like [`Sim::rebook`], with the rebooking horizon counted from `base`.
    #[allow(clippy::too_many_arguments)]
    fn rebook_until(
        &mut self,
        now: i64,
        m: MarketId,
        mut count: u32,
        from: AirportId,
        earliest: i64,
        base: i64,
        class: u8,
        segment: u8,
    ) {
        let p = self.p;
        let market = &p.markets[m];
        let dest = market.destination;
        let day = self.event_day(now);
        if from == dest {
            if day.is_some() {
                self.res.markets[m].arrived += count as u64;
            }
            return;
        }
        let paths = match p.rebook_paths.get(&(from, dest)) {
            Some(paths) => paths.clone(),
            None => self
                .extra_paths
                .entry((from, dest))
                .or_insert_with(|| paths_between(&p.net, &p.cfg.rules, from, dest))
                .clone(),
        };
        let horizon = base + p.cfg.operations.rebooking_horizon_hours as i64 * 60;
        while count > 0 {
            let avail = &self.inv.avail;
            let found = earliest_arrival(
                &p.timetable,
                &paths,
                UtcMinute(earliest.max(now)),
                UtcMinute(horizon),
                p.cfg.rules.max_connect,
                |l| avail[l] > 0,
            );
            let Some(it) = found else { break };
            let k = it.legs().fold(count, |k, l| k.min(avail[l]));
            for l in it.legs() {
                self.inv.sell(l, k, None, 0.0, p.controls[l].classes);
            }
            self.book(&it, m, k, REBOOKED, class, segment);
            count -= k;
            if let Some(day) = day {
                self.res.markets[m].rebooked += k as u64;
                self.res.daily_journeys[day].rebooked += k as u64;
            }
        }
        if count > 0
            && let Some(day) = day
        {
            self.res.markets[m].stranded += count as u64;
            self.res.daily_journeys[day].stranded += count as u64;
        }
    }

    // ----- revenue management -------------------------------------------------------------

    /// The data collection points of UTC day `day`: the legs departing `dcp` days later end a
    /// timeframe and are re-optimised, for every DCP. Schedules the next day's.
    fn collect<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, day: Day) {
        let p = self.p;
        let mut controls = Controls {
            legs: &p.controls,
            forecast: &mut self.forecast,
            values: &mut self.values,
            valued: &mut self.valued,
            alpha: p.cfg.rm.forecast_alpha as f32,
            min_history: p.cfg.rm.min_history.min(u16::MAX as u32) as u16,
        };
        for (tf, &dcp) in p.cfg.rm.dcps.iter().enumerate() {
            let d = day.0 + dcp as i32;
            if d < self.first_day || d > self.last_day {
                continue;
            }
            let i = (d - self.first_day) as usize;
            for idx in self.day_starts[i]..self.day_starts[i + 1] {
                let l = LegId::from_index(idx);
                if self.legs[l].status == Status::Scheduled {
                    self.inv.collect(l, tf, &mut controls);
                }
            }
        }
        if day.0 < self.last_day {
            let next = day.plus_days(1);
            s.schedule(next.start_utc().0 - 1, CLASS_DAY, Event::Collect(next));
        }
    }

    // ----- operations ---------------------------------------------------------------------

    fn open_day<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, day: Day) {
        let day = day.0;
        // Bookings for flights leaving today join their legs now.
        for d in self.opened_day + 1..=day {
            let i = (d - self.first_day) as usize;
            let bucket = std::mem::take(&mut self.buckets[i]);
            let two = std::mem::take(&mut self.buckets3[i]);
            if !two.is_empty() {
                self.attach_with_two_stops(&bucket, two);
                continue;
            }
            let mut sorted = std::mem::take(&mut self.sorted);
            by_first_leg(&bucket, &mut self.counts, &mut sorted);
            drop(bucket);
            for &b in &sorted {
                self.attach(b, Onward::FINAL);
            }
            self.sorted = sorted;
        }
        self.opened_day = day;
        let end = Day(day + 1).start_utc();
        while self.cursor < self.p.net.legs.len() && self.p.net.legs[self.cursor].dep < end {
            let l = LegId::from_index(self.cursor);
            self.legs[l].open = true;
            self.try_plan_departure(s, l);
            self.cursor += 1;
        }
        (self.progress)(
            (day - self.first_day + 1) as u64,
            (self.last_day - self.first_day + 1) as u64,
        );
        if self.cursor < self.p.net.legs.len() {
            let next = self.p.net.legs[self.cursor].dep.day().0;
            s.schedule(
                Day(next).start_utc().0 - 1,
                CLASS_DAY,
                Event::OpenDay(Day(next)),
            );
        }
    }

    fn try_plan_departure<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, l: LegId) {
        let st = &self.legs[l];
        if self.dep_planned[l] || !st.open || !st.aircraft_known || st.status != Status::Scheduled {
            return;
        }
        let p = self.p;
        let leg = p.net.leg(l);
        let primary = match p.forced[l] {
            Some(Forced { delay: Some(d), .. }) => d,
            _ => crate::operations::primary_delay(
                &p.cfg.operations,
                p.cfg.seed,
                self.rep,
                p.leg_keys[l],
            ),
        };
        let mut dep = leg.dep.0 + primary;
        if p.cfg.operations.reactionary {
            dep = dep.max(st.ready);
        }
        self.dep_planned[l] = true;
        s.schedule(dep, CLASS_DEPARTURE, Event::Departure(l));
    }

    /// Lets the next leg of the aircraft's rotation go from `ready`.
    fn release_aircraft<Q: EventQueue<Event>>(
        &mut self,
        s: &mut Scheduler<Event, Q>,
        l: LegId,
        ready: i64,
    ) {
        if let Some(n) = self.p.next_leg[l] {
            let st = &mut self.legs[n];
            st.ready = ready;
            st.aircraft_known = true;
            self.try_plan_departure(s, n);
        }
    }

    /// Draws how many of a group's passengers do not show up for their first flight (each
    /// independently, from counter-based draws keyed by the leg, the group's place and the
    /// passenger).
    fn no_shows(&self, l: LegId, position: usize, g: &Group) -> u32 {
        let p = self.p;
        let rate = p
            .segments
            .get(g.segment as usize)
            .map_or(0.0, |s| s.no_show);
        if rate <= 0.0 || g.flags & (THROUGH | REBOOKED) != 0 {
            return 0;
        }
        (0..g.count)
            .filter(|&i| {
                keyed_uniform(
                    p.cfg.seed,
                    self.rep,
                    Purpose::NoShow,
                    p.leg_keys[l],
                    (position as u64) << 20 | i as u64,
                ) < rate
            })
            .count() as u32
    }

    fn depart<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, now: i64, l: LegId) {
        let p = self.p;
        let leg = *p.net.leg(l);
        if self.legs[l].status != Status::Scheduled {
            return; // cancelled with notice after this departure was planned: a stale event
        }
        if p.cfg.operations.cancellation_notice_hours == 0 && self.is_cancelled(l) {
            self.cancel(s, now, l);
            return;
        }
        if p.managed {
            let mut controls = Controls {
                legs: &p.controls,
                forecast: &mut self.forecast,
                values: &mut self.values,
                valued: &mut self.valued,
                alpha: p.cfg.rm.forecast_alpha as f32,
                min_history: p.cfg.rm.min_history.min(u16::MAX as u32) as u16,
            };
            self.inv.observe(l, &mut controls);
        }
        self.legs[l].status = Status::Departed;
        self.legs[l].actual_dep = now;
        self.inv.close(l);
        // Connections onto this leg: made if the inbound passengers are here in time.
        let mut inbound = std::mem::take(&mut self.legs[l].inbound);
        inbound.sort_unstable();
        inbound.dedup();
        for &i in &inbound {
            let prev = *p.net.leg(i);
            let arrived = self.legs[i].status == Status::Arrived;
            let arr = self.legs[i].actual_arr;
            let need = if prev.continues_as(&leg) {
                0 // a through flight: passengers stay on board
            } else {
                let mct = p.cfg.rules.mct(p.net.data(), &prev, &leg) as f64;
                (mct * p.cfg.operations.transfer_mct_share).ceil() as i64
            };
            let made = arrived && arr + need <= now;
            let mut groups = std::mem::take(&mut self.legs[i].groups);
            for g in groups.iter_mut().filter(|g| g.next == Onward::leg(l)) {
                if made {
                    let n = g.count;
                    let hub = &mut self.res.hubs[leg.origin];
                    hub.connecting += n as u64;
                    hub.made += n as u64;
                    hub.actual.add(now - arr, n as u64);
                    // On to the third leg, if any (registered as connecting there now).
                    let mut b = Booking {
                        first: l,
                        next: g.then,
                        market: g.market,
                        count: n,
                        flags: THROUGH,
                        class: g.class,
                        segment: g.segment,
                    };
                    b.flags |= g.flags & REBOOKED;
                    self.legs[l].add_group(b, Onward::FINAL);
                    if let Next::Leg(then) = g.then.get() {
                        self.register_inbound(l, then);
                    }
                    g.count = 0;
                } else {
                    self.miss_connection(now, leg.origin, g, arrived, now);
                }
            }
            groups.retain(|g| g.count > 0);
            self.legs[i].put_back(groups);
        }
        // No-shows, then board; passengers beyond the seats are denied boarding.
        let mut groups = std::mem::take(&mut self.legs[l].groups);
        let (mut no_shows, mut boarded) = (0u32, 0u32);
        for (pos, g) in groups.iter_mut().enumerate() {
            let ns = self.no_shows(l, pos, g);
            if ns > 0 {
                g.count -= ns;
                no_shows += ns;
                if self.event_day(now).is_some() {
                    self.res.markets[g.market].no_shows += ns as u64;
                }
                self.release_onward(g, ns);
            }
            boarded += g.count;
        }
        let mut denied = 0u32;
        if boarded > leg.seats {
            // The last to board (local passengers booked last) are denied, then rebooked from
            // here.
            let mut excess = boarded - leg.seats;
            for pos in (0..groups.len()).rev() {
                if excess == 0 {
                    break;
                }
                let g = groups[pos];
                if g.flags & THROUGH != 0 {
                    continue;
                }
                let k = excess.min(g.count);
                groups[pos].count -= k;
                excess -= k;
                denied += k;
                self.release_onward(&g, k);
                self.rebook_until(now, g.market, k, leg.origin, now, now, g.class, g.segment);
            }
        }
        groups.retain(|g| g.count > 0);
        self.legs[l].put_back(groups);
        let st = &mut self.legs[l];
        let (mut local, mut connecting) = (0u32, 0u32);
        for g in &st.groups {
            if g.next == Onward::FINAL && g.flags & THROUGH == 0 {
                local += g.count;
            } else {
                connecting += g.count;
            }
        }
        st.boarded = local + connecting;
        st.boarded_local = local;
        st.boarded_connecting = connecting;
        st.no_shows = no_shows;
        st.denied = denied;
        debug_assert!(st.boarded <= leg.seats);
        s.schedule(now + leg.block(), CLASS_ARRIVAL, Event::Arrival(l));
    }

    fn arrive<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, now: i64, l: LegId) {
        let p = self.p;
        let leg = *p.net.leg(l);
        self.legs[l].status = Status::Arrived;
        self.legs[l].actual_arr = now;
        let turn = p.net.data().aircraft(leg.aircraft).min_turn as i64;
        if p.cfg.operations.reactionary {
            self.release_aircraft(s, l, now + turn);
        }
        let counting = self.event_day(now).is_some();
        // The groups still travelling on are compacted to the front of the list in place.
        let mut groups = std::mem::take(&mut self.legs[l].groups);
        let mut kept = 0;
        for r in 0..groups.len() {
            let mut g = groups[r];
            // Passengers who must leave the hub on another flight can do so one MCT from now.
            let earliest = || {
                let dest = p.markets[g.market].destination;
                now + p
                    .cfg
                    .rules
                    .standard_mct(p.net.data(), leg.destination, leg.origin, dest)
                    as i64
            };
            match g.next.get() {
                Next::Final => {
                    if counting {
                        self.res.markets[g.market].arrived += g.count as u64;
                    }
                }
                Next::Missed => {
                    let at = earliest();
                    self.rebook(
                        now,
                        g.market,
                        g.count,
                        leg.destination,
                        at,
                        g.class,
                        g.segment,
                    );
                }
                Next::Leg(next) if self.legs[next].status == Status::Scheduled => {
                    groups[kept] = g;
                    kept += 1;
                }
                Next::Leg(_) => {
                    // The onward flight has already left: a missed connection.
                    let at = earliest();
                    self.miss_connection(now, leg.destination, &mut g, true, at);
                }
            }
        }
        groups.truncate(kept);
        self.legs[l].put_back(groups);
        if p.in_period[l] {
            let st = &self.legs[l];
            let money = p.money[l];
            let mut c = FlightCounts {
                flights: 1,
                seats: leg.seats as u64,
                passengers: st.boarded as u64,
                local: st.boarded_local as u64,
                connecting: st.boarded_connecting as u64,
                departure_delay_minutes: (st.actual_dep - leg.dep.0).max(0) as u64,
                arrival_delay_minutes: (now - leg.arr.0).max(0) as u64,
                on_time: (now - leg.arr.0 <= 15) as u64,
                cost_cents: money.fixed_cents + money.per_passenger_cents * st.boarded as i64,
                no_shows: st.no_shows as u64,
                denied_boardings: st.denied as u64,
                ..FlightCounts::default()
            };
            let km = p.net.route(leg.route).distance_km;
            c.ask = leg.seats as f64 * km;
            c.rpk = st.boarded as f64 * km;
            self.res.routes[leg.route].merge(&c);
            let di = self.day_index(leg.day).expect("in period");
            self.res.daily_flights[di].merge(&c);
        }
    }

    /// Counts group `g` as a missed connection at `hub` and re-accommodates it: rebooked from
    /// the hub (leaving from `earliest`) when its passengers are there (`at_hub`), otherwise
    /// marked to be rebooked when their inbound flight lands. The seats of a third leg they
    /// will no longer fly are given back.
    fn miss_connection(
        &mut self,
        now: i64,
        hub: AirportId,
        g: &mut Group,
        at_hub: bool,
        earliest: i64,
    ) {
        let n = g.count;
        if let Next::Leg(then) = g.then.get() {
            if self.legs[then].status == Status::Scheduled {
                self.inv.release(then, n, self.p.controls[then].classes);
            }
            g.then = Onward::FINAL;
        }
        if let Some(day) = self.event_day(now) {
            let h = &mut self.res.hubs[hub];
            h.connecting += n as u64;
            h.missed += n as u64;
            self.res.markets[g.market].misconnected += n as u64;
            self.res.daily_journeys[day].misconnected += n as u64;
        }
        if at_hub {
            g.count = 0;
            self.rebook(now, g.market, n, hub, earliest, g.class, g.segment);
        } else {
            g.next = Onward::MISSED;
        }
    }

    /// Whether leg `l` is to be cancelled (imposed by the scenario or drawn for it).
    fn is_cancelled(&self, l: LegId) -> bool {
        let p = self.p;
        matches!(p.forced[l], Some(Forced { cancel: true, .. }))
            || crate::operations::cancelled(&p.cfg.operations, p.cfg.seed, self.rep, p.leg_keys[l])
    }

    fn cancel<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, now: i64, l: LegId) {
        let p = self.p;
        let leg = *p.net.leg(l);
        self.legs[l].status = Status::Cancelled;
        self.inv.close(l);
        self.legs[l].actual_dep = leg.dep.0;
        self.legs[l].actual_arr = leg.arr.0;
        if p.cfg.operations.reactionary {
            // A replacement aircraft is assumed: the rotation goes on undelayed.
            self.release_aircraft(s, l, i64::MIN);
        }
        // Passengers starting here go back to the counter at the origin.
        let groups = std::mem::take(&mut self.legs[l].groups);
        for g in &groups {
            self.release_onward(g, g.count);
        }
        for g in groups {
            // Passengers may take any flight from now; the horizon runs from the departure.
            self.rebook_until(
                now,
                g.market,
                g.count,
                leg.origin,
                now,
                leg.dep.0.max(now),
                g.class,
                g.segment,
            );
        }
        // Passengers connecting onto this leg miss it.
        let mut inbound = std::mem::take(&mut self.legs[l].inbound);
        inbound.sort_unstable();
        inbound.dedup();
        for &i in &inbound {
            let arrived = self.legs[i].status == Status::Arrived;
            let mut groups = std::mem::take(&mut self.legs[i].groups);
            for g in groups.iter_mut().filter(|g| g.next == Onward::leg(l)) {
                self.miss_connection(now, leg.origin, g, arrived, now);
            }
            groups.retain(|g| g.count > 0);
            self.legs[i].put_back(groups);
        }
        if p.in_period[l] {
            let c = FlightCounts {
                cancelled: 1,
                ..FlightCounts::default()
            };
            self.res.routes[leg.route].merge(&c);
            let di = self.day_index(leg.day).expect("in period");
            self.res.daily_flights[di].merge(&c);
        }
    }

    fn finish(mut self) -> Results {
        let p = self.p;
        for (i, leg) in p.net.legs.iter().enumerate() {
            let l = LegId::from_index(i);
            if !p.in_period[l] {
                continue;
            }
            let st = &self.legs[l];
            self.res.flights.push(FlightRecord {
                leg: l,
                status: if st.status == Status::Cancelled {
                    FlightStatus::Cancelled
                } else {
                    FlightStatus::Flown
                },
                actual_dep: if st.status == Status::Cancelled {
                    leg.dep.0
                } else {
                    st.actual_dep
                },
                actual_arr: if st.status == Status::Cancelled {
                    leg.arr.0
                } else {
                    st.actual_arr
                },
                passengers: st.boarded,
                local: st.boarded_local,
                connecting: st.boarded_connecting,
            });
        }
        self.res.engine.requests = self.requests;
        self.res
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorting a day's bookings by first leg is a stable permutation: every booking once,
        /// legs in order, and each leg's bookings in their booking order.
        #[test]
        fn bookings_sort_stably_by_first_leg(
            firsts in prop::collection::vec(1000u32..1040, 0..300),
        ) {
            let bookings: Vec<Booking> = firsts
                .iter()
                .enumerate()
                .map(|(i, &first)| Booking { first: LegId(first), next: Onward::FINAL, market: MarketId(i as u32), count: 1, flags: 0, class: 0, segment: 0 })
                .collect();
            let (mut counts, mut out) = (Vec::new(), vec![bookings.first().copied(); 3].into_iter().flatten().collect::<Vec<_>>());
            by_first_leg(&bookings, &mut counts, &mut out);
            prop_assert_eq!(out.len(), bookings.len());
            // `market` holds the booking's position: (first, position) strictly increases.
            for w in out.windows(2) {
                prop_assert!((w[0].first, w[0].market) < (w[1].first, w[1].market));
            }
            for b in &out {
                prop_assert_eq!(bookings[b.market.index()].first, b.first);
            }
        }
    }
}
