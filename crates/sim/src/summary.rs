//! The run summary: one document with totals, routes, markets, hubs, days, weeks, fleet needs
//! and engine counters, built from one or more replications.
//!
//! With one replication every figure is the replication's own; with several, each headline
//! figure under `totals` is an [`Estimate`] (mean and 95% confidence interval) and every other
//! figure is the mean over replications.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::rotation::FleetNeed;
use crate::simulation::{Prepared, Results};
use crate::stats::{Estimate, FlightCounts, HubCounts, JourneyCounts, ratio};
use flightnet_data::scenario::Scenario;
use flightnet_data::time::Day;

/// A number that prints as an integer when it is whole (counts), as a decimal otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num(pub f64);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        f64::deserialize(d).map(Num)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64((x * 1e4).round() / 1e4)
        }
    }
}

/// A headline figure: a plain number for one replication, an estimate for several.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Figure {
    /// Several replications.
    Estimate(Estimate),
    /// One replication.
    Value(Num),
}

impl Figure {
    /// The value (or mean).
    pub fn mean(&self) -> f64 {
        match self {
            Figure::Value(n) => n.0,
            Figure::Estimate(e) => e.mean,
        }
    }
}

/// The names of the headline figures, in report order.
pub const HEADLINES: &[&str] = &[
    "flights",
    "cancelled",
    "seats",
    "passengers",
    "load_factor",
    "demand",
    "carried",
    "spilled",
    "spill_rate",
    "recaptured",
    "nonstop",
    "connecting",
    "arrived",
    "misconnected",
    "rebooked",
    "stranded",
    "connections",
    "connections_made",
    "connections_missed",
    "ask",
    "rpk",
    "on_time_performance",
    "mean_departure_delay",
    "mean_arrival_delay",
];

/// The headline figures of one replication, in [`HEADLINES`] order.
pub fn headline_values(r: &Results) -> Vec<f64> {
    let f = r.flight_totals();
    let j = r.journey_totals();
    let h = r.hub_totals();
    vec![
        f.flights as f64,
        f.cancelled as f64,
        f.seats as f64,
        f.passengers as f64,
        f.load_factor(),
        j.demand as f64,
        j.carried as f64,
        j.spilled as f64,
        ratio(j.spilled as f64, j.demand as f64),
        j.recaptured as f64,
        j.nonstop as f64,
        j.connecting as f64,
        j.arrived as f64,
        j.misconnected as f64,
        j.rebooked as f64,
        j.stranded as f64,
        h.connecting as f64,
        h.made as f64,
        h.missed as f64,
        f.ask.round(),
        f.rpk.round(),
        ratio(f.on_time as f64, f.flights as f64),
        ratio(f.departure_delay_minutes as f64, f.flights as f64),
        ratio(f.arrival_delay_minutes as f64, f.flights as f64),
    ]
}

/// Where a run came from, so a report is traceable.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScenarioInfo {
    /// Scenario name.
    pub name: String,
    /// Scenario file (or `built-in`).
    pub file: String,
    /// Network folder (or `built-in`).
    pub network: String,
    /// First departure date.
    pub start: Day,
    /// Last departure date.
    pub end: Day,
    /// Master seed.
    pub seed: u64,
    /// Replications.
    pub replications: usize,
    /// flightnet version.
    pub version: String,
}

/// An airport of the network (for maps).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AirportRow {
    /// IATA code.
    pub iata: String,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Where the row was filled in from when the network's `airports.csv` does not define the
    /// airport (`airportsdata`, the world airport table); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_in: Option<String>,
}

/// Route figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RouteRow {
    /// Airline.
    pub airline: String,
    /// Origin.
    pub origin: String,
    /// Destination.
    pub destination: String,
    /// Great-circle km.
    pub distance_km: Num,
    /// Flights operated.
    pub flights: Num,
    /// Flights cancelled.
    pub cancelled: Num,
    /// Seats flown.
    pub seats: Num,
    /// Passengers boarded.
    pub passengers: Num,
    /// Of which local (this leg only).
    pub local: Num,
    /// Of which on connecting itineraries.
    pub connecting: Num,
    /// Passengers / seats.
    pub load_factor: Num,
    /// Share of flights arriving within 15 minutes of schedule.
    pub on_time_performance: Num,
    /// Mean departure delay, minutes.
    pub mean_departure_delay: Num,
}

/// Market figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MarketRow {
    /// Origin.
    pub origin: String,
    /// Destination.
    pub destination: String,
    /// Base daily demand (demand.csv).
    pub base_daily: Num,
    /// Booking requests.
    pub demand: Num,
    /// Booked.
    pub carried: Num,
    /// No seat anywhere.
    pub spilled: Num,
    /// Spilled / demand.
    pub spill_rate: Num,
    /// Booked on another day.
    pub recaptured: Num,
    /// Booked nonstop.
    pub nonstop: Num,
    /// Booked with a connection.
    pub connecting: Num,
    /// Reached the destination.
    pub arrived: Num,
    /// Missed connections.
    pub misconnected: Num,
    /// Re-accommodations.
    pub rebooked: Num,
    /// Stranded.
    pub stranded: Num,
}

/// Hub connection figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HubRow {
    /// Airport.
    pub airport: String,
    /// Connections attempted (`made + missed`).
    pub connecting: Num,
    /// Connections made.
    pub made: Num,
    /// Connections missed.
    pub missed: Num,
    /// Missed / attempted.
    pub miss_rate: Num,
    /// Median actual connect time of made connections, minutes.
    pub connect_p50: Option<u64>,
    /// 90th percentile actual connect time, minutes.
    pub connect_p90: Option<u64>,
    /// Median scheduled connect time of booked connections, minutes.
    pub planned_p50: Option<u64>,
    /// MCT domestic → domestic in effect, minutes.
    pub mct_dd: u16,
    /// MCT domestic → international.
    pub mct_di: u16,
    /// MCT international → domestic.
    pub mct_id: u16,
    /// MCT international → international.
    pub mct_ii: u16,
}

/// Width of the bins of [`ConnectTimes`] histograms, minutes.
pub const CONNECT_BIN_MINUTES: usize = 15;

/// Connect times of [`CONNECT_MAX_MINUTES`] and more share the last bin of [`ConnectTimes`].
pub const CONNECT_MAX_MINUTES: usize = 720;

/// Binned connect times at one hub (for charts): bin `k` holds times in
/// `[k·bin_minutes, (k+1)·bin_minutes)`, the last bin every time from `max_minutes` up.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ConnectTimes {
    /// Airport.
    pub airport: String,
    /// Bin width, minutes.
    pub bin_minutes: u32,
    /// Start of the last (open-ended) bin, minutes.
    pub max_minutes: u32,
    /// Actual connect times of made connections (mean per replication).
    pub made: Vec<Num>,
    /// Scheduled connect times of booked connections (mean per replication).
    pub planned: Vec<Num>,
}

/// Figures for one day (flights by departure date, demand by requested date).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeriodRow {
    /// First day of the period (the day, or the Monday of the week).
    pub date: Day,
    /// Flights operated.
    pub flights: Num,
    /// Flights cancelled.
    pub cancelled: Num,
    /// Seats.
    pub seats: Num,
    /// Passengers boarded.
    pub passengers: Num,
    /// Passengers / seats.
    pub load_factor: Num,
    /// Requests for these dates.
    pub demand: Num,
    /// Of which booked.
    pub carried: Num,
    /// Of which spilled.
    pub spilled: Num,
    /// Missed connections (on the date they happened).
    pub misconnected: Num,
    /// Re-accommodations.
    pub rebooked: Num,
    /// Stranded passengers.
    pub stranded: Num,
}

/// Engine counters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EngineInfo {
    /// Events handled (all replications).
    pub events: u64,
    /// Booking requests generated (all replications).
    pub requests: u64,
    /// Largest pending-event set in any replication.
    pub peak_pending: u64,
    /// Wall-clock seconds (all replications, summed over threads).
    pub wall_seconds: f64,
    /// Events per second of wall time within the engine.
    pub events_per_second: f64,
}

/// The whole run summary.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Summary {
    /// Scenario, period, seed.
    pub scenario: ScenarioInfo,
    /// Headline figures.
    pub totals: BTreeMap<String, Figure>,
    /// Airports of the network.
    pub airports: Vec<AirportRow>,
    /// Per route, by airline, origin, destination.
    pub routes: Vec<RouteRow>,
    /// Per market with demand, by origin, destination.
    pub markets: Vec<MarketRow>,
    /// Per airport with connections, by connecting passengers (descending).
    pub hubs: Vec<HubRow>,
    /// Connect-time histograms, in `hubs` order (empty in summaries written before they were
    /// added).
    #[serde(default)]
    pub connect_times: Vec<ConnectTimes>,
    /// Per day of the period.
    pub daily: Vec<PeriodRow>,
    /// Per ISO week (Monday start) of the period.
    pub weekly: Vec<PeriodRow>,
    /// Aircraft needed against the fleet.
    pub fleet: Vec<FleetNeed>,
    /// Engine counters.
    pub engine: EngineInfo,
}

/// Sums a slice of results into one (counts add exactly).
pub fn sum_results(results: &[Results]) -> Results {
    let mut acc = results[0].clone();
    for r in &results[1..] {
        for (a, b) in acc.routes.iter_mut().zip(&r.routes) {
            a.merge(b);
        }
        for (a, b) in acc.markets.iter_mut().zip(&r.markets) {
            a.merge(b);
        }
        for (a, b) in acc.hubs.iter_mut().zip(&r.hubs) {
            a.merge(b);
        }
        for (a, b) in acc.daily_flights.iter_mut().zip(&r.daily_flights) {
            a.merge(b);
        }
        for (a, b) in acc.daily_journeys.iter_mut().zip(&r.daily_journeys) {
            a.merge(b);
        }
        acc.engine.events += r.engine.events;
        acc.engine.requests += r.engine.requests;
        acc.engine.peak_pending = acc.engine.peak_pending.max(r.engine.peak_pending);
        acc.engine.wall_seconds += r.engine.wall_seconds;
    }
    acc
}

fn period_row(date: Day, f: &FlightCounts, j: &JourneyCounts, n: f64) -> PeriodRow {
    PeriodRow {
        date,
        flights: Num(f.flights as f64 / n),
        cancelled: Num(f.cancelled as f64 / n),
        seats: Num(f.seats as f64 / n),
        passengers: Num(f.passengers as f64 / n),
        load_factor: Num(f.load_factor()),
        demand: Num(j.demand as f64 / n),
        carried: Num(j.carried as f64 / n),
        spilled: Num(j.spilled as f64 / n),
        misconnected: Num(j.misconnected as f64 / n),
        rebooked: Num(j.rebooked as f64 / n),
        stranded: Num(j.stranded as f64 / n),
    }
}

/// The binned connect times of one hub, per replication.
fn connect_times(airport: String, h: &HubCounts, n: f64) -> ConnectTimes {
    let bins = |hist: &crate::stats::Histogram| {
        hist.binned(CONNECT_BIN_MINUTES, CONNECT_MAX_MINUTES)
            .into_iter()
            .map(|c| Num(c as f64 / n))
            .collect()
    };
    ConnectTimes {
        airport,
        bin_minutes: CONNECT_BIN_MINUTES as u32,
        max_minutes: CONNECT_MAX_MINUTES as u32,
        made: bins(&h.actual),
        planned: bins(&h.planned),
    }
}

impl Summary {
    /// Builds the summary of `results` (one per replication, in replication order).
    ///
    /// # Panics
    /// If `results` is empty.
    pub fn build(p: &Prepared, scenario: &Scenario, network: &str, results: &[Results]) -> Summary {
        let n = results.len() as f64;
        let data = p.net.data();
        let sum = sum_results(results);
        let per_rep: Vec<Vec<f64>> = results.iter().map(headline_values).collect();
        let totals = HEADLINES
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let values: Vec<f64> = per_rep.iter().map(|v| v[k]).collect();
                let fig = if results.len() == 1 {
                    Figure::Value(Num(values[0]))
                } else {
                    Figure::Estimate(Estimate::of(&values))
                };
                (name.to_string(), fig)
            })
            .collect();
        let mut routes: Vec<RouteRow> = sum
            .routes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.flights + c.cancelled > 0)
            .map(|(i, c)| {
                let r = p.net.route(flightnet_data::network::RouteId(i as u32));
                RouteRow {
                    airline: data.airline(r.airline).code.clone(),
                    origin: data.airport(r.origin).iata.clone(),
                    destination: data.airport(r.destination).iata.clone(),
                    distance_km: Num(r.distance_km.round()),
                    flights: Num(c.flights as f64 / n),
                    cancelled: Num(c.cancelled as f64 / n),
                    seats: Num(c.seats as f64 / n),
                    passengers: Num(c.passengers as f64 / n),
                    local: Num(c.local as f64 / n),
                    connecting: Num(c.connecting as f64 / n),
                    load_factor: Num(c.load_factor()),
                    on_time_performance: Num(ratio(c.on_time as f64, c.flights as f64)),
                    mean_departure_delay: Num(ratio(
                        c.departure_delay_minutes as f64,
                        c.flights as f64,
                    )),
                }
            })
            .collect();
        routes.sort_by(|a, b| {
            (&a.airline, &a.origin, &a.destination).cmp(&(&b.airline, &b.origin, &b.destination))
        });
        let markets = sum
            .markets
            .iter()
            .zip(&p.markets)
            .filter(|(c, _)| c.demand > 0)
            .map(|(c, m)| MarketRow {
                origin: data.airport(m.origin).iata.clone(),
                destination: data.airport(m.destination).iata.clone(),
                base_daily: Num(m.base),
                demand: Num(c.demand as f64 / n),
                carried: Num(c.carried as f64 / n),
                spilled: Num(c.spilled as f64 / n),
                spill_rate: Num(ratio(c.spilled as f64, c.demand as f64)),
                recaptured: Num(c.recaptured as f64 / n),
                nonstop: Num(c.nonstop as f64 / n),
                connecting: Num(c.connecting as f64 / n),
                arrived: Num(c.arrived as f64 / n),
                misconnected: Num(c.misconnected as f64 / n),
                rebooked: Num(c.rebooked as f64 / n),
                stranded: Num(c.stranded as f64 / n),
            })
            .collect();
        let mut hubs: Vec<(u64, HubRow, ConnectTimes)> = sum
            .hubs
            .iter()
            .enumerate()
            .filter(|(_, h)| h.connecting > 0 || h.planned.count() > 0)
            .map(|(i, h): (usize, &HubCounts)| {
                let id = flightnet_data::network::AirportId(i as u16);
                let mct = p
                    .cfg
                    .rules
                    .mct_overrides
                    .get(&id)
                    .copied()
                    .unwrap_or(data.airport(id).mct);
                (
                    h.connecting,
                    HubRow {
                        airport: data.airport(id).iata.clone(),
                        connecting: Num(h.connecting as f64 / n),
                        made: Num(h.made as f64 / n),
                        missed: Num(h.missed as f64 / n),
                        miss_rate: Num(ratio(h.missed as f64, h.connecting as f64)),
                        connect_p50: h.actual.quantile(0.5),
                        connect_p90: h.actual.quantile(0.9),
                        planned_p50: h.planned.quantile(0.5),
                        mct_dd: mct.dd,
                        mct_di: mct.di,
                        mct_id: mct.id,
                        mct_ii: mct.ii,
                    },
                    connect_times(data.airport(id).iata.clone(), h, n),
                )
            })
            .collect();
        hubs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.airport.cmp(&b.1.airport)));
        let connect_times = hubs.iter().map(|h| h.2.clone()).collect();
        let period = p.cfg.period;
        let daily: Vec<PeriodRow> = period
            .days()
            .enumerate()
            .map(|(i, d)| period_row(d, &sum.daily_flights[i], &sum.daily_journeys[i], n))
            .collect();
        let mut weeks: BTreeMap<Day, (FlightCounts, JourneyCounts)> = BTreeMap::new();
        for (i, d) in period.days().enumerate() {
            let e = weeks.entry(d.week_start()).or_default();
            e.0.merge(&sum.daily_flights[i]);
            e.1.merge(&sum.daily_journeys[i]);
        }
        let weekly = weeks
            .iter()
            .map(|(d, (f, j))| period_row(*d, f, j, n))
            .collect();
        let engine = EngineInfo {
            events: sum.engine.events,
            requests: sum.engine.requests,
            peak_pending: sum.engine.peak_pending,
            wall_seconds: sum.engine.wall_seconds,
            events_per_second: ratio(sum.engine.events as f64, sum.engine.wall_seconds).round(),
        };
        Summary {
            scenario: ScenarioInfo {
                name: scenario.name().to_string(),
                file: scenario.origin.clone(),
                network: network.to_string(),
                start: period.first,
                end: period.last,
                seed: p.cfg.seed,
                replications: results.len(),
                version: env!("CARGO_PKG_VERSION").to_string(),
            },
            totals,
            airports: data
                .airports
                .iter()
                .map(|a| AirportRow {
                    iata: a.iata.clone(),
                    name: a.name.clone(),
                    city: a.city.clone(),
                    country: a.country.clone(),
                    lat: a.lat,
                    lon: a.lon,
                    filled_in: flightnet_data::world::is_filled_in(&a.provenance)
                        .then(|| a.provenance.source.clone()),
                })
                .collect(),
            routes,
            markets,
            hubs: hubs.into_iter().map(|(_, h, _)| h).collect(),
            connect_times,
            daily,
            weekly,
            fleet: p.rotations.needs.clone(),
            engine,
        }
    }

    /// Parses a summary written by [`Summary::to_json`].
    pub fn from_json(text: &str) -> serde_json::Result<Summary> {
        serde_json::from_str(text)
    }

    /// The summary as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("summary serialises") + "\n"
    }
}
