//! The airline passenger model on the discrete-event engine.
//!
//! Build once, run many times: [`Prepared::new`] expands the schedule, chains aircraft
//! rotations, resolves every market's route-level paths and the demand curves (all read-only);
//! [`Prepared::run`] simulates one replication with its own state and random streams and
//! returns [`Results`]. Replications share the prepared data and can run on any thread.
//!
//! Events (all plain ids):
//! * `Demand(stream)`: a booking request of a request stream (the markets of one recovery
//!   series); books an itinerary and schedules the stream's next request (one pending event
//!   per stream, whatever its demand). Each stream draws its next few requests ahead of their
//!   turn, with the same draws in the same order, so the memory they will read (market
//!   records, the location of their itineraries, seat counts) is prefetched while earlier
//!   events run;
//! * `OpenDay(day)`: makes the day's legs eligible to depart and schedules the next day;
//! * `Departure(leg)`, `Arrival(leg)`: operations, connections, misconnections and rebooking.
//!
//! At equal times arrivals run before departures (so a connection on the same minute is seen),
//! then day openings, then booking requests.

mod cache;
mod lookahead;
mod model;
mod results;
mod state;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use results::{EngineCounters, FlightRecord, FlightStatus, Results};

use crate::demand::Curve;
use crate::itinerary::{Path, Timetable, has_itinerary, paths_between};
use crate::operations::flight_key;
use crate::rotation::Rotations;
use flightnet_data::config::{MarketSelector, SimConfig};
use flightnet_data::error::{Error, Result};
use flightnet_data::id::{IdVec, Idx};
use flightnet_data::network::{AirportId, LegId, Network, NetworkData};
use flightnet_data::time::{DateRange, Day};

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
    /// Base daily demand (from `demand.csv`).
    pub base: f64,
    /// Index of the demand curve (recovery series) that applies.
    pub curve: usize,
    /// Expected requests over the period.
    pub expected: f64,
    /// Random-stream key (from the airport codes, so it is stable across networks).
    #[serde(skip)]
    pub key: u64,
    /// Route-level paths from origin to destination.
    #[serde(skip)]
    pub paths: Vec<Path>,
}

/// A source of booking requests: all the markets of one recovery series (Poisson arrivals:
/// the superposition of their Poisson processes, with the market drawn by base demand), or one
/// market (even arrivals, which keep exact per-market counts).
#[derive(Clone, Debug)]
pub(crate) struct DemandStream {
    /// Demand curve.
    pub curve: usize,
    /// Random-stream key.
    pub key: u64,
    /// Sum of the markets' base daily demand.
    pub base: f64,
    /// The markets.
    pub markets: Vec<MarketId>,
    /// Draws a market id by base demand (absent for a single market).
    pub pick: Option<crate::demand::Alias>,
}

/// A delay or cancellation imposed on a dated flight by the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Forced {
    /// Primary delay in minutes replacing the random draw.
    pub delay: Option<i64>,
    /// Cancel the flight.
    pub cancel: bool,
}

/// A simulation ready to run: network, rotations, markets and demand curves, read-only.
pub struct Prepared {
    /// The network, expanded over the period plus [`TAIL_DAYS`].
    pub net: Network,
    /// The settings.
    pub cfg: SimConfig,
    /// Aircraft rotations of every leg.
    pub rotations: Rotations,
    /// The legs of each route, laid out for itinerary search.
    pub timetable: Timetable,
    /// Markets in canonical order (origin code, destination code).
    pub markets: IdVec<MarketId, Market>,
    curves: Vec<Curve>,
    streams: IdVec<StreamId, DemandStream>,
    /// The choice model, tabulated.
    logit: crate::choice::Logit,
    /// Each market's origin, in a compact array for the hot path.
    origins: IdVec<MarketId, AirportId>,
    tod_cdf: [f64; 24],
    /// The next leg of each leg's aircraft rotation.
    next_leg: IdVec<LegId, Option<LegId>>,
    /// Each leg's random-stream key (see [`flight_key`]).
    leg_keys: IdVec<LegId, u64>,
    forced: IdVec<LegId, Option<Forced>>,
    in_period: IdVec<LegId, bool>,
    /// Paths from a rebooking airport to a destination.
    rebook_paths: BTreeMap<(AirportId, AirportId), Vec<Path>>,
    /// UTC offset (minutes) of each airport at noon UTC of each period day, row-major.
    offsets: Vec<i16>,
}

/// Groups markets into request streams (see [`DemandStream`]).
fn demand_streams(
    cfg: &SimConfig,
    markets: &IdVec<MarketId, Market>,
    recovery: &[flightnet_data::config::RecoverySeries],
) -> IdVec<StreamId, DemandStream> {
    let live = |m: &Market| m.base > 0.0;
    match cfg.demand.arrivals {
        flightnet_data::config::Arrivals::Even => markets
            .iter_enumerated()
            .filter(|(_, m)| live(m))
            .map(|(i, m)| DemandStream {
                curve: m.curve,
                key: m.key,
                base: m.base,
                markets: vec![i],
                pick: None,
            })
            .collect(),
        flightnet_data::config::Arrivals::Poisson => {
            let curves = markets.iter().map(|m| m.curve).max().map_or(0, |c| c + 1);
            (0..curves)
                .filter_map(|c| {
                    let members: Vec<MarketId> = markets
                        .ids()
                        .filter(|&i| markets[i].curve == c && live(&markets[i]))
                        .collect();
                    if members.is_empty() {
                        return None;
                    }
                    let weights: Vec<f64> = members.iter().map(|&i| markets[i].base).collect();
                    let labels: Vec<u32> = members.iter().map(|m| m.0).collect();
                    let name = recovery.get(c).map_or("*", |r| r.markets.as_str());
                    Some(DemandStream {
                        curve: c,
                        key: flightnet_engine::rng::hash_bytes(
                            format!("requests:{c}:{name}").as_bytes(),
                        ),
                        base: weights.iter().sum(),
                        pick: (members.len() > 1)
                            .then(|| crate::demand::Alias::labelled(&weights, &labels)),
                        markets: members,
                    })
                })
                .collect()
        }
    }
}

impl Prepared {
    /// Prepares a simulation of `data` under `cfg`.
    ///
    /// # Errors
    /// [`Error::Request`] when a recovery selector does not parse or the period has no flights,
    /// or when the rules ask for two-stop itineraries (built for `flightnet network`, not yet
    /// simulated).
    pub fn new(data: Arc<NetworkData>, cfg: SimConfig) -> Result<Prepared> {
        if cfg.rules.max_stops > 1 {
            return Err(Error::Request(
                "[connections] max_stops = 2: two-stop itineraries are built for `network` but not yet simulated; use max_stops = 1 to run".into(),
            ));
        }
        let window = DateRange::new(cfg.period.first, cfg.period.last.plus_days(TAIL_DAYS))
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
        let mut selectors = Vec::new();
        for s in &cfg.demand.recovery {
            selectors.push(MarketSelector::parse(&s.markets).ok_or_else(|| {
                Error::Request(format!(
                    "recovery selector {:?} is not `*`, a country (KZ), a country's international markets (CN-*), a country pair (KZ-CN) or an airport pair (ALA-PEK)",
                    s.markets
                ))
            })?);
        }
        let mut curves: Vec<Curve> = cfg
            .demand
            .recovery
            .iter()
            .map(|s| Curve::new(&cfg.demand, Some(s), cfg.period))
            .collect();
        curves.push(Curve::new(&cfg.demand, None, cfg.period));
        let default_curve = curves.len() - 1;
        // Paths that never give an itinerary in the window are dropped once here (searches
        // would otherwise test them on every fill; the results are the same without them).
        let timetable = Timetable::new(&net);
        let live_paths = |o, d| {
            let mut paths = paths_between(&net, &cfg.rules, o, d);
            paths.retain(|p| has_itinerary(&timetable, p, cfg.rules.max_connect));
            paths
        };
        let mut markets: Vec<Market> = data
            .demand
            .iter()
            .map(|m| {
                let curve = selectors
                    .iter()
                    .position(|s| s.matches(data, m.origin, m.destination))
                    .unwrap_or(default_curve);
                let key = flightnet_engine::rng::hash_bytes(
                    format!(
                        "{}-{}",
                        data.airport(m.origin).iata,
                        data.airport(m.destination).iata
                    )
                    .as_bytes(),
                );
                Market {
                    origin: m.origin,
                    destination: m.destination,
                    base: m.daily_pax,
                    curve,
                    expected: m.daily_pax * curves[curve].total(),
                    key,
                    paths: live_paths(m.origin, m.destination),
                }
            })
            .collect();
        markets.sort_by(|a: &Market, b: &Market| {
            let k = |m: &Market| {
                (
                    data.airport(m.origin).iata.clone(),
                    data.airport(m.destination).iata.clone(),
                )
            };
            k(a).cmp(&k(b))
        });
        let markets: IdVec<MarketId, Market> = IdVec::from_vec(markets);
        let streams = demand_streams(&cfg, &markets, &cfg.demand.recovery);
        let origins = markets.iter().map(|m| m.origin).collect();
        // Rebooking paths: from every airport a market's passengers can be stranded at.
        let mut rebook_paths = BTreeMap::new();
        for m in &markets {
            rebook_paths
                .entry((m.origin, m.destination))
                .or_insert_with(|| m.paths.clone());
            for p in &m.paths {
                if let Path::Connect { first, .. } = p {
                    let hub = net.route(*first).destination;
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
        let days = cfg.period.len();
        let mut offsets = Vec::with_capacity(data.airports.len() * days);
        for a in &data.airports {
            for d in cfg.period.days() {
                offsets.push(a.zone.offset_minutes(d.start_utc().plus(12 * 60)) as i16);
            }
        }
        Ok(Prepared {
            logit: crate::choice::Logit::new(&cfg.choice),
            timetable,
            rotations,
            markets,
            curves,
            streams,
            origins,
            tod_cdf,
            next_leg,
            leg_keys,
            forced,
            in_period,
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

    /// The UTC offset in minutes of an airport on a period day.
    fn offset(&self, airport: AirportId, day: Day) -> i64 {
        let i = (day.0 - self.cfg.period.first.0) as usize;
        self.offsets[airport.index() * self.cfg.period.len() + i] as i64
    }

    /// Starts loading what [`Prepared::offset`] reads for `airport` on `day` (a memory hint).
    #[inline]
    fn prefetch_offset(&self, airport: AirportId, day: Day) {
        let i = (day.0 - self.cfg.period.first.0) as usize;
        flightnet_engine::prefetch::prefetch_at(
            &self.offsets,
            airport.index() * self.cfg.period.len() + i,
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
