//! The event handlers: booking, departures, arrivals, connections and rebooking.

use std::collections::BTreeMap;
use std::time::Instant;

use super::cache::{Compact, Itineraries};
use super::lookahead::{Intent, Lookahead, RequestDraws, Stage, Warm};
use super::results::{EngineCounters, FlightRecord, FlightStatus, Results};
use super::state::{Booking, Group, LegState, Next, Onward, Status, THROUGH};
use super::{Forced, MarketId, Prepared, StreamId};
use crate::demand::StreamPos;
use crate::itinerary::{Itinerary, Path, earliest_arrival, paths_between};
use crate::stats::{FlightCounts, HubCounts, JourneyCounts};
use flightnet_data::config::Arrivals;
use flightnet_data::id::{IdVec, Idx};
use flightnet_data::network::{AirportId, LegId};
use flightnet_data::time::{Day, MINUTES_PER_DAY};
use flightnet_engine::prefetch::prefetch_at;
use flightnet_engine::rng::{Purpose, Stream};
use flightnet_engine::{EventQueue, Model, Scheduler};

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
    /// A request stream's pending booking request.
    Demand(StreamId),
}

const CLASS_ARRIVAL: u8 = 0;
const CLASS_DEPARTURE: u8 = 1;
const CLASS_DAY: u8 = 2;
const CLASS_DEMAND: u8 = 3;

/// A request stream's state: where it is on its cumulative intensity, its random stream and
/// its next requests, drawn ahead of their turn.
struct StreamState {
    pos: StreamPos,
    rng: Stream,
    lookahead: Lookahead,
}

struct Sim<'p> {
    p: &'p Prepared,
    rep: u32,
    legs: IdVec<LegId, LegState>,
    /// Seats still for sale on each leg (0 once it has departed or been cancelled).
    avail: IdVec<LegId, u32>,
    dep_planned: IdVec<LegId, bool>,
    streams: IdVec<StreamId, StreamState>,
    res: Results,
    weights: Vec<f64>,
    itineraries: Itineraries,
    extra_paths: BTreeMap<(AirportId, AirportId), Vec<Path>>,
    /// The next leg to become eligible to depart (legs are in departure order).
    cursor: usize,
    /// Bookings waiting for their first leg's UTC departure day to open.
    buckets: Vec<Vec<Booking>>,
    /// The last UTC day opened.
    opened_day: i32,
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
    let streams = p
        .streams
        .iter()
        .map(|d| StreamState {
            // Even spacing puts requests at the midpoints, so their count rounds the expectation.
            pos: match p.cfg.demand.arrivals {
                Arrivals::Poisson => StreamPos::default(),
                Arrivals::Even => StreamPos(-0.5 / d.base, 0),
            },
            rng: Stream::new(p.cfg.seed, rep, Purpose::Demand, d.key),
            lookahead: Lookahead::new(),
        })
        .collect();
    let first_day = net.legs.first().map_or(0, |l| l.dep.day().0);
    let last_day = net.legs.last().map_or(0, |l| l.dep.day().0);
    let mut sim = Sim {
        p,
        rep,
        legs,
        avail: net.legs.iter().map(|l| l.seats).collect(),
        dep_planned: IdVec::filled(false, net.legs.len()),
        streams,
        res: Results {
            replication: rep,
            routes: IdVec::filled(FlightCounts::default(), net.route_count()),
            markets: IdVec::filled(JourneyCounts::default(), p.markets.len()),
            hubs: IdVec::filled(HubCounts::default(), n_airports),
            daily_flights: vec![FlightCounts::default(); days],
            daily_journeys: vec![JourneyCounts::default(); days],
            flights: Vec::new(),
            engine: EngineCounters::default(),
        },
        weights: Vec::new(),
        itineraries: Itineraries::new(
            p,
            p.cfg.demand.lead_time_max_days + p.cfg.demand.recapture_days + 1,
        ),
        extra_paths: BTreeMap::new(),
        cursor: 0,
        buckets: vec![Vec::new(); (last_day - first_day + 1).max(0) as usize],
        opened_day: first_day - 1,
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

/// What the look-ahead reads: the prepared model and the tables a request will touch.
struct HotTables<'a> {
    p: &'a Prepared,
    itineraries: &'a Itineraries,
    avail: &'a IdVec<LegId, u32>,
    markets: &'a IdVec<MarketId, JourneyCounts>,
}

impl Warm for HotTables<'_> {
    #[inline]
    fn resolve(&self, k: StreamId, i: &Intent) -> (MarketId, Day) {
        let d = &self.p.streams[k];
        let m = match &d.pick {
            // Labelled with the market ids: no second lookup.
            Some(alias) => MarketId(alias.sample(i.draws.market) as u32),
            None => d.markets[0],
        };
        (
            m,
            self.p.curves[d.curve].departure_day(i.booking_day, i.draws.departure),
        )
    }

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
                self.itineraries.prefetch(m, day);
            }
            (Stage::Items, Some((m, day))) => {
                self.itineraries.prefetch_items(m, day);
                // The origin's UTC offset on the date (its origin was warmed at the last stage).
                p.prefetch_offset(p.origins[m], day);
            }
            (Stage::Seats, Some((m, day))) => {
                if let Some(all) = self.itineraries.peek(m, day) {
                    for c in all {
                        let (a, b) = c.legs();
                        prefetch_at(self.avail.as_slice(), a.index());
                        if let Some(b) = b {
                            prefetch_at(self.avail.as_slice(), b.index());
                        }
                    }
                }
            }
            _ => {}
        }
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

    /// The period-day index for an event at `now` (tail days count on the last day).
    fn event_day(&self, now: i64) -> usize {
        let period = self.p.cfg.period;
        let d = now.div_euclid(MINUTES_PER_DAY) as i32;
        (d.clamp(period.first.0, period.last.0) - period.first.0) as usize
    }

    // ----- demand -------------------------------------------------------------------------

    /// Schedules stream `k`'s next request (none once its booking period is over), keeping
    /// its look-ahead topped up and warmed.
    fn schedule_request<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, k: StreamId) {
        let p = self.p;
        let d = &p.streams[k];
        let curve = &p.curves[d.curve];
        let tables = HotTables {
            p,
            itineraries: &self.itineraries,
            avail: &self.avail,
            markets: &self.res.markets,
        };
        let StreamState {
            pos,
            rng,
            lookahead,
        } = &mut self.streams[k];
        lookahead.advance(k, &tables, || {
            // Always one draw for the time, so the stream stays aligned whatever the spacing,
            // then the request's own draws, so streams stay aligned across scenarios.
            let e = match p.cfg.demand.arrivals {
                Arrivals::Poisson => rng.exp1(),
                Arrivals::Even => {
                    rng.uniform();
                    1.0
                }
            };
            let (t, b) = curve.advance(pos, e, d.base)?;
            Some(Intent {
                time: t.0,
                booking_day: b,
                draws: RequestDraws::draw(rng),
                resolved: None,
            })
        });
        if let Some(time) = lookahead.next_time() {
            s.schedule(time, CLASS_DEMAND, Event::Demand(k));
        }
    }

    /// A booking request from stream `k`: picks the market, the date, the preferred time and an
    /// itinerary, books it or spills, and schedules the stream's next request.
    fn request<Q: EventQueue<Event>>(
        &mut self,
        s: &mut Scheduler<Event, Q>,
        now: i64,
        k: StreamId,
    ) {
        let p = self.p;
        let tables = HotTables {
            p,
            itineraries: &self.itineraries,
            avail: &self.avail,
            markets: &self.res.markets,
        };
        let (intent, m, day) = self.streams[k].lookahead.pop(k, &tables);
        let RequestDraws {
            preferred_time: u_pref,
            choice: u_choice,
            recapture: u_recap,
            ..
        } = intent.draws;
        self.requests += 1;
        self.itineraries
            .set_today(now.div_euclid(MINUTES_PER_DAY) as i32);
        let tod = &p.tod_cdf;
        let hour = tod.partition_point(|&c| c <= u_pref).min(23);
        let lo = if hour == 0 { 0.0 } else { tod[hour - 1] };
        let within = ((u_pref - lo) / (tod[hour] - lo).max(1e-12)).clamp(0.0, 0.999_999);
        let pref_local = hour as i64 * 60 + (within * 60.0) as i64;
        let preferred = day.start_utc().0 + pref_local - p.offset(p.origins[m], day);
        let earliest =
            flightnet_data::time::UtcMinute(now + p.cfg.demand.min_booking_minutes as i64);

        // The requested date, then (for a passenger who would take another date) the
        // recapture dates in order, nearest first and later before earlier.
        let recapture_days = if u_recap < p.cfg.demand.recapture_share {
            p.cfg.demand.recapture_days as i32
        } else {
            0
        };
        let dates = std::iter::once((day, false)).chain(
            (1..=recapture_days)
                .flat_map(|k| [day.plus_days(k), day.plus_days(-k)])
                .filter(|d| p.cfg.period.contains(*d) && d.plus_days(1).start_utc() >= earliest)
                .map(|d| (d, true)),
        );
        let avail = &self.avail;
        // Itineraries leaving in time with a seat on every leg.
        let view = |c: &Compact| {
            let (a, b) = c.legs();
            (c.dep() >= earliest.0 && avail[a] > 0 && b.is_none_or(|b| avail[b] > 0))
                .then(|| c.itinerary())
        };
        let (mut chosen, mut recaptured): (Option<Itinerary>, bool) = (None, false);
        for (d, other_date) in dates {
            let all = self.itineraries.get(p, m, d);
            if let Some(i) = p
                .logit
                .choose_among(all, view, preferred, u_choice, &mut self.weights)
            {
                chosen = Some(all[i].itinerary());
                recaptured = other_date;
                break;
            }
        }
        let di = self
            .day_index(day)
            .expect("requested days lie in the period");
        let daily = &mut self.res.daily_journeys[di];
        let mj = &mut self.res.markets[m];
        mj.demand += 1;
        daily.demand += 1;
        match chosen {
            None => {
                mj.spilled += 1;
                daily.spilled += 1;
            }
            Some(it) => {
                mj.carried += 1;
                daily.carried += 1;
                if recaptured {
                    mj.recaptured += 1;
                    daily.recaptured += 1;
                }
                if it.second.is_some() {
                    mj.connecting += 1;
                    daily.connecting += 1;
                } else {
                    mj.nonstop += 1;
                    daily.nonstop += 1;
                }
                self.book(&it, m, 1, 0);
            }
        }
        self.schedule_request(s, k);
    }

    /// Books `count` passengers of market `m` on `it`: takes the seats now; the booking joins
    /// its first leg when that leg's departure day opens (bookings wait in a per-day bucket, so
    /// booking touches only the compact seat array and appends to a short list).
    fn book(&mut self, it: &Itinerary, m: MarketId, count: u32, flags: u8) {
        let first = it.first;
        self.avail[first] -= count;
        let next = match it.second {
            None => Onward::FINAL,
            Some(second) => {
                self.avail[second] -= count;
                Onward::leg(second)
            }
        };
        let b = Booking {
            first,
            next,
            market: m,
            count,
            flags,
        };
        let day = it.dep.day().0;
        if day > self.opened_day {
            self.buckets[(day - self.first_day) as usize].push(b);
        } else {
            self.attach(b);
        }
    }

    /// Puts a booking on its first leg (and registers the connection on the onward leg).
    fn attach(&mut self, b: Booking) {
        self.legs[b.first].add_group(b.market, b.next, b.count, b.flags);
        if let Next::Leg(next) = b.next.get() {
            let (a, c) = (self.p.net.leg(b.first), self.p.net.leg(next));
            self.res.hubs[a.destination]
                .planned
                .add(c.dep.0 - a.arr.0, b.count as u64);
            let inbound = &mut self.legs[next].inbound;
            if inbound.last() != Some(&b.first) {
                inbound.push(b.first);
            }
        }
    }

    /// Re-accommodates `count` passengers of market `m` who are at `from` and can leave from
    /// `earliest`; whoever finds no seat within the horizon is stranded.
    fn rebook(&mut self, now: i64, m: MarketId, count: u32, from: AirportId, earliest: i64) {
        self.rebook_until(now, m, count, from, earliest, earliest.max(now))
    }

    /// Like [`Sim::rebook`], with the rebooking horizon counted from `base`.
    fn rebook_until(
        &mut self,
        now: i64,
        m: MarketId,
        mut count: u32,
        from: AirportId,
        earliest: i64,
        base: i64,
    ) {
        let p = self.p;
        let market = &p.markets[m];
        let dest = market.destination;
        let day = self.event_day(now);
        if from == dest {
            self.res.markets[m].arrived += count as u64;
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
            let avail = &self.avail;
            let found = earliest_arrival(
                &p.timetable,
                &paths,
                flightnet_data::time::UtcMinute(earliest.max(now)),
                flightnet_data::time::UtcMinute(horizon),
                p.cfg.rules.max_connect,
                |l| avail[l] > 0,
            );
            let Some(it) = found else { break };
            let mut k = count.min(avail[it.first]);
            if let Some(l2) = it.second {
                k = k.min(avail[l2]);
            }
            self.book(&it, m, k, 0);
            count -= k;
            self.res.markets[m].rebooked += k as u64;
            self.res.daily_journeys[day].rebooked += k as u64;
        }
        if count > 0 {
            self.res.markets[m].stranded += count as u64;
            self.res.daily_journeys[day].stranded += count as u64;
        }
    }

    // ----- operations ---------------------------------------------------------------------

    fn open_day<Q: EventQueue<Event>>(&mut self, s: &mut Scheduler<Event, Q>, day: Day) {
        let day = day.0;
        // Bookings for flights leaving today join their legs now.
        for d in self.opened_day + 1..=day {
            let bucket = std::mem::take(&mut self.buckets[(d - self.first_day) as usize]);
            let mut sorted = std::mem::take(&mut self.sorted);
            by_first_leg(&bucket, &mut self.counts, &mut sorted);
            drop(bucket);
            for &b in &sorted {
                self.attach(b);
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
        self.legs[l].status = Status::Departed;
        self.legs[l].actual_dep = now;
        self.avail[l] = 0;
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
                    self.legs[l].add_group(g.market, Onward::FINAL, n, THROUGH);
                    g.count = 0;
                } else {
                    self.miss_connection(now, leg.origin, g, arrived, now);
                }
            }
            groups.retain(|g| g.count > 0);
            self.legs[i].put_back(groups);
        }
        // Board.
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
                Next::Final => self.res.markets[g.market].arrived += g.count as u64,
                Next::Missed => {
                    let at = earliest();
                    self.rebook(now, g.market, g.count, leg.destination, at);
                }
                Next::Leg(next) if self.legs[next].status == Status::Scheduled => {
                    groups[kept] = g;
                    kept += 1;
                }
                _ => {
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
            let mut c = FlightCounts {
                flights: 1,
                seats: leg.seats as u64,
                passengers: st.boarded as u64,
                local: st.boarded_local as u64,
                connecting: st.boarded_connecting as u64,
                departure_delay_minutes: (st.actual_dep - leg.dep.0).max(0) as u64,
                arrival_delay_minutes: (now - leg.arr.0).max(0) as u64,
                on_time: (now - leg.arr.0 <= 15) as u64,
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
    /// marked to be rebooked when their inbound flight lands.
    fn miss_connection(
        &mut self,
        now: i64,
        hub: AirportId,
        g: &mut Group,
        at_hub: bool,
        earliest: i64,
    ) {
        let n = g.count;
        let h = &mut self.res.hubs[hub];
        h.connecting += n as u64;
        h.missed += n as u64;
        self.res.markets[g.market].misconnected += n as u64;
        let day = self.event_day(now);
        self.res.daily_journeys[day].misconnected += n as u64;
        if at_hub {
            g.count = 0;
            self.rebook(now, g.market, n, hub, earliest);
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
        self.avail[l] = 0;
        self.legs[l].actual_dep = leg.dep.0;
        self.legs[l].actual_arr = leg.arr.0;
        if p.cfg.operations.reactionary {
            // A replacement aircraft is assumed: the rotation goes on undelayed.
            self.release_aircraft(s, l, i64::MIN);
        }
        // Passengers starting here go back to the counter at the origin.
        let groups = std::mem::take(&mut self.legs[l].groups);
        for g in &groups {
            if let Next::Leg(next) = g.next.get()
                && self.legs[next].status == Status::Scheduled
            {
                self.avail[next] += g.count;
            }
        }
        for g in groups {
            // Passengers may take any flight from now; the horizon runs from the departure.
            self.rebook_until(now, g.market, g.count, leg.origin, now, leg.dep.0.max(now));
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
                .map(|(i, &first)| Booking { first: LegId(first), next: Onward::FINAL, market: MarketId(i as u32), count: 1, flags: 0 })
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
