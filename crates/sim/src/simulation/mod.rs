//! The airline passenger model on the discrete-event engine.
//!
//! Build once, run many times: [`Prepared::new`] expands the schedule, chains aircraft
//! rotations, resolves every market's route-level paths, fares and demand curves (all
//! read-only); [`Prepared::run`] simulates one replication with its own state and random
//! streams and returns [`Results`]. Replications share the prepared data and can run on any
//! thread.
//!
//! Events (all plain ids):
//! * `Demand(stream)`: a booking request of a request stream (the markets of one recovery
//!   series and one passenger segment); the passenger chooses among the itineraries and
//!   fare classes on sale, or not to fly, and the stream schedules its next request (one
//!   pending event per stream, whatever its demand). Each stream draws its next few requests
//!   ahead of their turn, with the same draws in the same order, so the memory they will read
//!   is prefetched while earlier events run;
//! * `OpenDay(day)`: makes the day's legs eligible to depart and schedules the next day;
//! * `Collect(day)`: the day's data collection points (revenue management re-optimises the
//!   legs that are that many days from departure);
//! * `Departure(leg)`, `Arrival(leg)`: operations, no-shows, denied boardings, connections,
//!   misconnections and rebooking.
//!
//! At equal times arrivals run before departures (so a connection on the same minute is seen),
//! then day openings and data collection, then booking requests.

mod cache;
mod inventory;
mod lookahead;
mod model;
mod results;
mod state;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use results::{EngineCounters, FlightRecord, FlightStatus, Results};

use crate::demand::{Curve, CurveSpec, LeadTimes};
use crate::fares::{FareIndex, MarketFares, market_fares};
use crate::itinerary::{Path, Timetable, has_itinerary, paths_between};
use crate::operations::flight_key;
use crate::rotation::Rotations;
use flightnet_data::config::{Arrivals, MarketSelector, RmMethod, SimConfig};
use flightnet_data::error::{Error, Result};
use flightnet_data::id::{IdVec, Idx};
use flightnet_data::network::{AirlineId, AirportId, LegId, Network, NetworkData};
use flightnet_data::time::{DateRange, Day};
use inventory::LegControl;

/// Days simulated after the period so connections and rebookings can complete.
pub const TAIL_DAYS: i32 = 2;

/// Index of a market in [`Prepared::markets`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MarketId(pub u32);

/// Index of a request stream (see [`DemandStream`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StreamId(pub u32);

flightnet_data::impl_idx!(MarketId => u32, StreamId => u32);

/// One O&D market as simulated.
#[derive(Clone, Debug, Serialize)]
pub struct Market {
    /// Origin airport.
    pub origin: AirportId,
    /// Destination airport.
    pub destination: AirportId,
    /// Base daily demand from `demand.csv` (before groups, scale and recovery).
    pub daily_pax: f64,
    /// Base daily demand with the market group's scale applied.
    pub base: f64,
    /// Index of the demand curve (recovery series) that applies.
    pub curve: usize,
    /// Index of the market group that applies, if any.
    pub group: Option<usize>,
    /// Expected requests over the period (without day-to-day variance).
    pub expected: f64,
    /// Random-stream key (from the airport codes, so it is stable across networks).
    #[serde(skip)]
    pub key: u64,
    /// Route-level paths from origin to destination.
    #[serde(skip)]
    pub paths: Vec<Path>,
    /// The market's fares.
    #[serde(skip)]
    pub fares: MarketFares,
}

impl Market {
    /// The slot of `airline`'s fare structure in [`Market::fares`], or 15 when none (a
    /// network without fares gives every airline the one free class).
    pub fn fare_slot(&self, airline: AirlineId) -> u8 {
        self.fares
            .structures
            .iter()
            .position(|s| s.airline == airline)
            .map_or(15, |i| i as u8)
    }
}

/// A source of booking requests: all the markets of one recovery series in one passenger
/// segment (Poisson arrivals: the superposition of their Poisson processes, with the market
/// drawn by base demand), or one market in one segment (even arrivals, which keep exact
/// per-market counts).
#[derive(Clone, Debug)]
pub(crate) struct DemandStream {
    /// Demand curve (recovery series).
    pub curve: usize,
    /// Passenger segment.
    pub segment: usize,
    /// Random-stream key.
    pub key: u64,
    /// Sum of the markets' base daily demand times the segment's share.
    pub base: f64,
    /// The markets.
    pub markets: Vec<MarketId>,
    /// The markets' random-stream keys and base demand (for day-to-day variance).
    pub weights: Vec<(u64, f64)>,
    /// Draws a market id by base demand (absent for a single market).
    pub pick: Option<crate::demand::Alias>,
}

/// A passenger segment as simulated.
#[derive(Clone, Debug)]
pub(crate) struct SegmentModel {
    /// Lead-time distribution.
    pub leads: LeadTimes,
    /// Share of each market's demand.
    pub share: f64,
    /// Median willingness to pay as a multiple of the lowest fare.
    pub wtp_multiple: f64,
    /// No-show rate.
    pub no_show: f64,
}

/// A delay or cancellation imposed on a dated flight by the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Forced {
    /// Primary delay in minutes replacing the random draw.
    pub delay: Option<i64>,
    /// Cancel the flight.
    pub cancel: bool,
}

/// What a leg costs and earns per flight, fixed for the run.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LegMoney {
    /// Cost of flying it (block hours and departure), cents.
    pub fixed_cents: i64,
    /// Cost per boarded passenger, cents.
    pub per_passenger_cents: i64,
}

/// A simulation ready to run: network, rotations, markets, fares and demand curves, read-only.
pub struct Prepared {
    /// The network, expanded over the simulated days (burn-in, period and [`TAIL_DAYS`]).
    pub net: Network,
    /// The settings.
    pub cfg: SimConfig,
    /// Aircraft rotations of every leg.
    pub rotations: Rotations,
    /// The legs of each route, laid out for itinerary search.
    pub timetable: Timetable,
    /// Markets in canonical order (origin code, destination code).
    pub markets: IdVec<MarketId, Market>,
    /// The days simulated for demand: the burn-in and the period.
    pub simulated: DateRange,
    /// Passenger segment names, in order.
    pub segment_names: Vec<String>,
    /// Each airline's booking classes, highest first (one `Y` class without fares).
    pub classes: Vec<Vec<String>>,
    /// The network's currency, when it has fares or costs.
    pub currency: Option<String>,
    /// Whether the network has costs.
    pub has_costs: bool,
    segments: Vec<SegmentModel>,
    /// One curve per stream (with no day-to-day variance; replications with a k-factor build
    /// their own).
    curves: Vec<Curve>,
    streams: IdVec<StreamId, DemandStream>,
    /// The choice model, tabulated.
    logit: crate::choice::Logit,
    /// `exp(no-purchase utility)`.
    no_purchase_weight: f64,
    /// Each market's origin, in a compact array for the hot path.
    origins: IdVec<MarketId, AirportId>,
    tod_cdf: [f64; 24],
    /// The next leg of each leg's aircraft rotation.
    next_leg: IdVec<LegId, Option<LegId>>,
    /// Each leg's random-stream key (see [`flight_key`]).
    leg_keys: IdVec<LegId, u64>,
    forced: IdVec<LegId, Option<Forced>>,
    in_period: IdVec<LegId, bool>,
    /// Each leg's revenue-management control.
    controls: IdVec<LegId, LegControl>,
    /// Each leg's route distance, km (for proration).
    leg_km: IdVec<LegId, f32>,
    /// Each leg's costs.
    money: IdVec<LegId, LegMoney>,
    /// Seats each leg may sell (its seats, plus overbooking).
    authorised: IdVec<LegId, u32>,
    /// Flight series (airline, flight number, origin) count.
    series: usize,
    /// Per series and rank: a ticket's value before any is observed (the local fare).
    default_values: Vec<f32>,
    /// Classes per leg in the per-class arrays.
    class_stride: usize,
    /// Whether any airline controls its seats (else no data collection is simulated).
    managed: bool,
    /// Paths from a rebooking airport to a destination.
    rebook_paths: BTreeMap<(AirportId, AirportId), Vec<Path>>,
    /// UTC offset (minutes) of each airport at noon UTC of each simulated day, row-major.
    offsets: Vec<i16>,
}

/// Groups markets into request streams (see [`DemandStream`]).
fn demand_streams(
    cfg: &SimConfig,
    markets: &IdVec<MarketId, Market>,
    segments: &[SegmentModel],
    names: &[String],
) -> IdVec<StreamId, DemandStream> {
    let live = |m: &Market| m.base > 0.0;
    let mut out = IdVec::new();
    match cfg.demand.arrivals {
        Arrivals::Even => {
            for (i, m) in markets.iter_enumerated().filter(|(_, m)| live(m)) {
                for (s, seg) in segments.iter().enumerate() {
                    if seg.share <= 0.0 {
                        continue;
                    }
                    out.push(DemandStream {
                        curve: m.curve,
                        segment: s,
                        key: flightnet_engine::rng::mix64(
                            m.key ^ flightnet_engine::rng::hash_bytes(names[s].as_bytes()),
                        ),
                        base: m.base * seg.share,
                        markets: vec![i],
                        weights: vec![(m.key, m.base)],
                        pick: None,
                    });
                }
            }
        }
        Arrivals::Poisson => {
            let curves = markets.iter().map(|m| m.curve).max().map_or(0, |c| c + 1);
            for c in 0..curves {
                let members: Vec<MarketId> = markets
                    .ids()
                    .filter(|&i| markets[i].curve == c && live(&markets[i]))
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let weights: Vec<f64> = members.iter().map(|&i| markets[i].base).collect();
                let labels: Vec<u32> = members.iter().map(|m| m.0).collect();
                let name = cfg
                    .demand
                    .recovery
                    .get(c)
                    .map_or("*", |r| r.markets.as_str());
                for (s, seg) in segments.iter().enumerate() {
                    if seg.share <= 0.0 {
                        continue;
                    }
                    out.push(DemandStream {
                        curve: c,
                        segment: s,
                        key: flightnet_engine::rng::hash_bytes(
                            format!("requests:{c}:{name}:{}", names[s]).as_bytes(),
                        ),
                        base: weights.iter().sum::<f64>() * seg.share,
                        pick: (members.len() > 1)
                            .then(|| crate::demand::Alias::labelled(&weights, &labels)),
                        weights: members
                            .iter()
                            .map(|&i| (markets[i].key, markets[i].base))
                            .collect(),
                        markets: members.clone(),
                    });
                }
            }
        }
    }
    out
}

/// The selectors of a list of settings, or an error naming the bad one.
fn selectors<'a>(
    list: impl Iterator<Item = (&'a str, &'static str)>,
) -> Result<Vec<MarketSelector>> {
    list.map(|(s, what)| {
        MarketSelector::parse(s).ok_or_else(|| {
            Error::Request(format!(
                "{what} selector {s:?} is not `*`, a country (KZ), a country's international markets (CN-*), a country pair (KZ-CN) or an airport pair (ALA-PEK)"
            ))
        })
    })
    .collect()
}

impl Prepared {
    /// Prepares a simulation of `data` under `cfg`.
    ///
    /// # Errors
    /// [`Error::Request`] when a selector does not parse, or when the network has fares but
    /// not for an airline that sells a market nonstop or with one connection (an airline that
    /// would sell it only with two connections and has no fare for it leaves those
    /// itineraries out).
    pub fn new(data: Arc<NetworkData>, cfg: SimConfig) -> Result<Prepared> {
        let simulated = DateRange::new(
            cfg.period.first.plus_days(-(cfg.rm.burn_in_days as i32)),
            cfg.period.last,
        )
        .expect("period is a valid range");
        let window = DateRange::new(simulated.first, cfg.period.last.plus_days(TAIL_DAYS))
            .expect("period is a valid range");
        let net = Network::build(data, window);
        let data = net.data();
        let rotations = Rotations::build(&net);
        let mut next_leg = IdVec::filled(None, net.legs.len());
        for (i, p) in rotations.prev.iter().enumerate() {
            if let Some(p) = p {
                next_leg[*p] = Some(LegId::from_index(i));
            }
        }
        let leg_keys = net
            .legs
            .iter()
            .map(|l| {
                flight_key(
                    &data.airline(l.airline).code,
                    l.flight,
                    l.day.0,
                    &data.airport(l.origin).iata,
                )
            })
            .collect();
        let in_period = net
            .legs
            .iter()
            .map(|l| cfg.period.contains(l.day))
            .collect();
        let forced = net
            .legs
            .iter()
            .map(|l| {
                let mut out: Option<Forced> = None;
                for d in &cfg.operations.disruptions {
                    let hit = d.airline == data.airline(l.airline).code
                        && d.flight == l.flight
                        && d.date.is_none_or(|x| x == l.day)
                        && d.origin
                            .as_ref()
                            .is_none_or(|o| *o == data.airport(l.origin).iata);
                    if hit {
                        let f = out.get_or_insert(Forced {
                            delay: None,
                            cancel: false,
                        });
                        if let Some(m) = d.delay_minutes {
                            f.delay = Some(m as i64);
                        }
                        f.cancel |= d.cancel;
                    }
                }
                out
            })
            .collect();
        // Demand curves: one per recovery series plus the default (index 1).
        let recovery = selectors(
            cfg.demand
                .recovery
                .iter()
                .map(|s| (s.markets.as_str(), "recovery")),
        )?;
        let groups = selectors(
            cfg.demand
                .groups
                .iter()
                .map(|g| (g.markets.as_str(), "market group")),
        )?;
        let default_curve = cfg.demand.recovery.len();
        // Segments, their shares normalised.
        let share_total: f64 = cfg.demand.segments.iter().map(|s| s.share).sum();
        let segments: Vec<SegmentModel> = cfg
            .demand
            .segments
            .iter()
            .map(|s| SegmentModel {
                leads: LeadTimes::of(s, &cfg.demand),
                share: if share_total > 0.0 {
                    s.share / share_total
                } else {
                    0.0
                },
                wtp_multiple: s.wtp_multiple,
                no_show: s.no_show,
            })
            .collect();
        let segment_names: Vec<String> =
            cfg.demand.segments.iter().map(|s| s.name.clone()).collect();
        // Paths that never give an itinerary in the window are dropped once here (searches
        // would otherwise test them on every fill; the results are the same without them).
        let timetable = Timetable::new(&net);
        let live_paths = |o, d| {
            let mut paths = paths_between(&net, &cfg.rules, o, d);
            paths.retain(|p| has_itinerary(&timetable, p, cfg.rules.max_connect));
            paths
        };
        let economics = &data.economics;
        let fare_index = FareIndex::new(economics);
        let bid_price =
            |a: AirlineId| cfg.rm.method_of(&data.airline(a).code) == RmMethod::Bidprice;
        let mut missing: Vec<String> = Vec::new();
        let mut markets: Vec<Market> = Vec::with_capacity(data.demand.len());
        for m in &data.demand {
            let curve = recovery
                .iter()
                .position(|s| s.matches(data, m.origin, m.destination))
                .unwrap_or(default_curve);
            let group = groups
                .iter()
                .position(|s| s.matches(data, m.origin, m.destination));
            let scale = group.map_or(1.0, |g| cfg.demand.groups[g].scale);
            let key = flightnet_engine::rng::hash_bytes(
                format!(
                    "{}-{}",
                    data.airport(m.origin).iata,
                    data.airport(m.destination).iata
                )
                .as_bytes(),
            );
            let mut paths = live_paths(m.origin, m.destination);
            // The airlines selling the market: every first leg's airline.
            let airline_of = |p: &Path| {
                let r = match *p {
                    Path::Nonstop { route } => route,
                    Path::Connect { first, .. } | Path::TwoStop { first, .. } => first,
                };
                net.route(r).airline
            };
            let mut airlines: Vec<AirlineId> = paths.iter().map(airline_of).collect();
            airlines.sort();
            airlines.dedup();
            airlines.truncate(15);
            let fares = loop {
                match market_fares(
                    &fare_index,
                    m.origin,
                    m.destination,
                    &airlines,
                    bid_price,
                    &cfg.demand.segments,
                ) {
                    Ok(f) => break Some(f),
                    Err(lacking) => {
                        // An airline that would sell the market only through itineraries with
                        // two connections, and has no fare for it, does not sell them (the
                        // shipped fares cover the markets served nonstop and with one stop).
                        let two_stop_only = |a: AirlineId| {
                            paths
                                .iter()
                                .filter(|p| airline_of(p) == a)
                                .all(|p| matches!(p, Path::TwoStop { .. }))
                        };
                        let (dropped, unpriced): (Vec<AirlineId>, Vec<AirlineId>) =
                            lacking.into_iter().partition(|&a| two_stop_only(a));
                        if !unpriced.is_empty() {
                            for a in unpriced {
                                missing.push(format!(
                                    "{} {}-{}",
                                    data.airline(a).code,
                                    data.airport(m.origin).iata,
                                    data.airport(m.destination).iata
                                ));
                            }
                            break None;
                        }
                        paths.retain(|p| !dropped.contains(&airline_of(p)));
                        airlines.retain(|a| !dropped.contains(a));
                    }
                }
            };
            let Some(fares) = fares else { continue };
            markets.push(Market {
                origin: m.origin,
                destination: m.destination,
                daily_pax: m.daily_pax,
                base: m.daily_pax * scale,
                curve,
                group,
                expected: 0.0,
                key,
                paths,
                fares,
            });
        }
        if !missing.is_empty() {
            let n = missing.len();
            missing.truncate(20);
            return Err(Error::Request(format!(
                "fares.csv has no fare for {n} airline market{} that the schedule serves: {}{} (add a row per class for each)",
                if n == 1 { "" } else { "s" },
                missing.join(", "),
                if n > 20 { ", …" } else { "" }
            )));
        }
        markets.sort_by(|a: &Market, b: &Market| {
            let k = |m: &Market| {
                (
                    data.airport(m.origin).iata.clone(),
                    data.airport(m.destination).iata.clone(),
                )
            };
            k(a).cmp(&k(b))
        });
        let mut markets: IdVec<MarketId, Market> = IdVec::from_vec(markets);
        let streams = demand_streams(&cfg, &markets, &segments, &segment_names);
        let curves: Vec<Curve> = streams
            .iter()
            .map(|d| {
                Curve::new(&CurveSpec {
                    cfg: &cfg.demand,
                    series: cfg.demand.recovery.get(d.curve),
                    period: simulated,
                    leads: &segments[d.segment].leads,
                    day_factors: None,
                })
            })
            .collect();
        // Expected requests over the measured period, per market.
        let skip = (cfg.period.first.0 - simulated.first.0) as usize;
        for (k, d) in streams.iter_enumerated() {
            let in_period: f64 = curves[k.index()].per_day()[skip..].iter().sum();
            for &m in &d.markets {
                markets[m].expected += markets[m].base * segments[d.segment].share * in_period;
            }
        }
        let origins = markets.iter().map(|m| m.origin).collect();
        // Rebooking paths: from every airport a market's passengers can be stranded at.
        let mut rebook_paths = BTreeMap::new();
        for m in markets.iter() {
            rebook_paths
                .entry((m.origin, m.destination))
                .or_insert_with(|| m.paths.clone());
            for p in &m.paths {
                let hubs = match *p {
                    Path::Nonstop { .. } => [None, None],
                    Path::Connect { first, .. } => [Some(first), None],
                    Path::TwoStop { first, second, .. } => [Some(first), Some(second)],
                };
                for r in hubs.into_iter().flatten() {
                    let hub = net.route(r).destination;
                    rebook_paths
                        .entry((hub, m.destination))
                        .or_insert_with(|| paths_between(&net, &cfg.rules, hub, m.destination));
                }
            }
        }
        let mut tod_cdf = [0.0; 24];
        let total: f64 = cfg.demand.time_of_day.iter().sum();
        let mut acc = 0.0;
        for (h, w) in cfg.demand.time_of_day.iter().enumerate() {
            acc += w / total;
            tod_cdf[h] = acc;
        }
        let days = simulated.len();
        let mut offsets = Vec::with_capacity(data.airports.len() * days);
        for a in &data.airports {
            for d in simulated.days() {
                offsets.push(a.zone.offset_minutes(d.start_utc().plus(12 * 60)) as i16);
            }
        }
        // Booking classes: each airline's, or one `Y` without fares.
        let classes: Vec<Vec<String>> = (0..data.airlines.len())
            .map(|a| match economics.classes.get(a) {
                Some(c) if !c.is_empty() => c.clone(),
                _ => vec!["Y".to_string()],
            })
            .collect();
        let class_stride = classes.iter().map(Vec::len).max().unwrap_or(1).max(1);
        // Flight series and revenue-management controls per leg.
        let mut series_ids: BTreeMap<(AirlineId, u16, AirportId), (u32, AirportId)> =
            BTreeMap::new();
        let controls: IdVec<LegId, LegControl> = net
            .legs
            .iter()
            .map(|l| {
                let next = series_ids.len() as u32;
                let series = series_ids
                    .entry((l.airline, l.flight, l.origin))
                    .or_insert((next, l.destination))
                    .0;
                LegControl {
                    method: cfg.rm.method_of(&data.airline(l.airline).code),
                    classes: classes[l.airline.index()].len() as u8,
                    series,
                }
            })
            .collect();
        let series = series_ids.len();
        // A series' ticket values before any is observed: its leg's local fare by rank, the
        // ranks without one valued like the rank above (or 0).
        let mut default_values = vec![0.0f32; series * class_stride];
        for (&(airline, _, origin), &(s, dest)) in &series_ids {
            let row =
                &mut default_values[s as usize * class_stride..(s as usize + 1) * class_stride];
            for f in fare_index.of(airline, origin, dest) {
                row[f.rank as usize] = f.fare as f32;
            }
            for r in 1..class_stride {
                if row[r] == 0.0 {
                    row[r] = row[r - 1];
                }
            }
        }
        let managed = economics.has_fares()
            && controls
                .iter()
                .any(|c| c.method != RmMethod::Fcfs && c.classes > 1);
        let leg_km = net
            .legs
            .iter()
            .map(|l| net.route(l.route).distance_km as f32)
            .collect();
        let money = net
            .legs
            .iter()
            .map(|l| match economics.cost(l.aircraft) {
                Some(c) => LegMoney {
                    fixed_cents: ((c.per_block_hour * l.block() as f64 / 60.0 + c.per_departure)
                        * 100.0)
                        .round() as i64,
                    per_passenger_cents: (c.per_passenger * 100.0).round() as i64,
                },
                None => LegMoney::default(),
            })
            .collect();
        // Overbooking: sell the seats divided by the expected show rate, within the cap.
        let no_show: f64 = segments.iter().map(|s| s.share * s.no_show).sum();
        let authorised = net
            .legs
            .iter()
            .map(|l| {
                if cfg.rm.overbooking && no_show > 0.0 {
                    let au = (l.seats as f64 / (1.0 - no_show)).floor();
                    au.min((l.seats as f64 * (1.0 + cfg.rm.max_overbooking)).floor()) as u32
                } else {
                    l.seats
                }
            })
            .collect();
        Ok(Prepared {
            logit: crate::choice::Logit::new(&cfg.choice),
            no_purchase_weight: cfg.choice.no_purchase.exp(),
            timetable,
            rotations,
            markets,
            simulated,
            segment_names,
            classes,
            currency: economics.currency.clone(),
            has_costs: economics.has_costs(),
            segments,
            curves,
            streams,
            origins,
            tod_cdf,
            next_leg,
            leg_keys,
            forced,
            in_period,
            controls,
            leg_km,
            money,
            authorised,
            series,
            default_values,
            class_stride,
            managed,
            rebook_paths,
            offsets,
            cfg,
            net,
        })
    }

    /// Expected requests over the period, all markets (before randomness).
    pub fn expected_demand(&self) -> f64 {
        self.markets.iter().map(|m| m.expected).sum()
    }

    /// The UTC offset in minutes of an airport on a simulated day.
    fn offset(&self, airport: AirportId, day: Day) -> i64 {
        let i = (day.0 - self.simulated.first.0) as usize;
        self.offsets[airport.index() * self.simulated.len() + i] as i64
    }

    /// Starts loading what [`Prepared::offset`] reads for `airport` on `day` (a memory hint).
    #[inline]
    fn prefetch_offset(&self, airport: AirportId, day: Day) {
        let i = (day.0 - self.simulated.first.0) as usize;
        flightnet_engine::prefetch::prefetch_at(
            &self.offsets,
            airport.index() * self.simulated.len() + i,
        );
    }

    /// Runs replication `replication`; `progress(done, total)` is called now and then with
    /// simulated days.
    ///
    /// # Returns
    /// The replication's [`Results`]. The same prepared simulation, seed and replication always
    /// give the same results, on any thread.
    pub fn run(&self, replication: u32, progress: &(dyn Fn(u64, u64) + Sync)) -> Results {
        model::run(self, replication, progress)
    }
}
