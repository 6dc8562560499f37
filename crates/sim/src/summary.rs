//! The run summary: one document with totals, routes, markets, hubs, days, weeks, fleet needs
//! and engine counters, built from one or more replications.
//!
//! With one replication every figure is the replication's own; with several, each headline
//! figure under `totals` is an [`Estimate`] (mean and 95% confidence interval) and every other
//! figure is the mean over replications.

use std::collections::BTreeMap;

use flightnet_data::id::Idx;
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
///
/// Money is in the network's currency: `revenue`, `cost` and `profit` in units, `yield`
/// (revenue per RPK), `rask` (revenue per ASK) and `cask` (cost per ASK) in hundredths of a
/// unit (US cents for USD) per kilometre.
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
    "unserved",
    "no_purchase",
    "recaptured",
    "nonstop",
    "connecting",
    "two_stop",
    "arrived",
    "no_shows",
    "denied_boardings",
    "misconnected",
    "rebooked",
    "stranded",
    "connections",
    "connections_made",
    "connections_missed",
    "ask",
    "rpk",
    "revenue",
    "cost",
    "profit",
    "yield",
    "rask",
    "cask",
    "on_time_performance",
    "mean_departure_delay",
    "mean_arrival_delay",
];

/// Cents to currency units.
fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

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
        j.unserved as f64,
        j.no_purchase as f64,
        j.recaptured as f64,
        j.nonstop as f64,
        j.connecting as f64,
        j.two_stop as f64,
        j.arrived as f64,
        j.no_shows as f64,
        f.denied_boardings as f64,
        j.misconnected as f64,
        j.rebooked as f64,
        j.stranded as f64,
        h.connecting as f64,
        h.made as f64,
        h.missed as f64,
        f.ask.round(),
        f.rpk.round(),
        money(j.revenue_cents),
        money(f.cost_cents),
        money(j.revenue_cents - f.cost_cents),
        ratio(j.revenue_cents as f64, f.rpk),
        ratio(j.revenue_cents as f64, f.ask),
        ratio(f.cost_cents as f64, f.ask),
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
    /// Currency of the money figures (absent without fares and costs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Passenger segments, in order.
    #[serde(default)]
    pub segments: Vec<String>,
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
    /// Ticket revenue prorated to the route by distance.
    #[serde(default = "zero")]
    pub revenue: Num,
    /// Operating cost of its flights.
    #[serde(default = "zero")]
    pub cost: Num,
    /// Revenue minus cost.
    #[serde(default = "zero")]
    pub profit: Num,
    /// Network contribution: the full fares of every ticket whose itinerary uses the route.
    #[serde(default = "zero")]
    pub network_revenue: Num,
    /// Booked passengers who did not show up.
    #[serde(default = "zero")]
    pub no_shows: Num,
    /// Passengers denied boarding.
    #[serde(default = "zero")]
    pub denied_boardings: Num,
    /// Tickets sold on the route by booking class (the airline's codes).
    #[serde(default)]
    pub class_mix: BTreeMap<String, Num>,
}

fn zero() -> Num {
    Num(0.0)
}

/// Airline figures.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AirlineRow {
    /// Airline code.
    pub airline: String,
    /// Flights operated.
    pub flights: Num,
    /// Seats flown.
    pub seats: Num,
    /// Passengers boarded (per flight).
    pub passengers: Num,
    /// Passengers / seats.
    pub load_factor: Num,
    /// Available seat-kilometres.
    pub ask: Num,
    /// Revenue passenger-kilometres.
    pub rpk: Num,
    /// Ticket revenue prorated to its flights.
    pub revenue: Num,
    /// Operating cost.
    pub cost: Num,
    /// Revenue minus cost.
    pub profit: Num,
    /// Revenue per RPK, hundredths of a unit.
    #[serde(rename = "yield")]
    pub yield_: Num,
    /// Revenue per ASK, hundredths of a unit.
    pub rask: Num,
    /// Cost per ASK, hundredths of a unit.
    pub cask: Num,
}

/// Tickets sold by days before departure for one passenger segment.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingCurve {
    /// The segment.
    pub segment: String,
    /// Tickets sold `k` days before departure, `k = 0, 1, …` (the last also counts longer
    /// leads), mean per replication.
    pub tickets: Vec<Num>,
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
    /// No itinerary on the requested and nearby dates.
    #[serde(default = "zero")]
    pub unserved: Num,
    /// Chose not to fly.
    #[serde(default = "zero")]
    pub no_purchase: Num,
    /// Ticket revenue.
    #[serde(default = "zero")]
    pub revenue: Num,
    /// Booked on another day.
    pub recaptured: Num,
    /// Booked nonstop.
    pub nonstop: Num,
    /// Booked with a connection (one or two).
    pub connecting: Num,
    /// Of those, booked with two connections.
    #[serde(default = "zero")]
    pub two_stop: Num,
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
    /// Carried passengers whose first flight leaves on these dates.
    pub carried: Num,
    /// Requests for these dates that got a booking (on these dates or, recaptured, nearby).
    #[serde(default = "zero")]
    pub carried_by_request_date: Num,
    /// Requests for these dates spilled.
    pub spilled: Num,
    /// Requests for these dates unserved.
    #[serde(default = "zero")]
    pub unserved: Num,
    /// Requests for these dates that chose not to fly.
    #[serde(default = "zero")]
    pub no_purchase: Num,
    /// Ticket revenue of the flights departing on these dates (prorated).
    #[serde(default = "zero")]
    pub revenue: Num,
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
    /// Per airline.
    #[serde(default)]
    pub airlines: Vec<AirlineRow>,
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
    /// Tickets by days before departure, per passenger segment.
    #[serde(default)]
    pub booking_curves: Vec<BookingCurve>,
    /// The run against observed aggregates (with `--observed`, or a calibrated scenario).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<crate::observe::Comparison>,
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
        for (a, b) in acc.daily_travel.iter_mut().zip(&r.daily_travel) {
            *a += b;
        }
        for (a, b) in acc
            .sold_by_booking_day
            .iter_mut()
            .zip(&r.sold_by_booking_day)
        {
            *a += b;
        }
        for (a, b) in acc.booking_curves.iter_mut().zip(&r.booking_curves) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        acc.engine.events += r.engine.events;
        acc.engine.requests += r.engine.requests;
        acc.engine.peak_pending = acc.engine.peak_pending.max(r.engine.peak_pending);
        acc.engine.wall_seconds += r.engine.wall_seconds;
    }
    acc
}

fn period_row(date: Day, f: &FlightCounts, j: &JourneyCounts, travel: u64, n: f64) -> PeriodRow {
    PeriodRow {
        date,
        flights: Num(f.flights as f64 / n),
        cancelled: Num(f.cancelled as f64 / n),
        seats: Num(f.seats as f64 / n),
        passengers: Num(f.passengers as f64 / n),
        load_factor: Num(f.load_factor()),
        demand: Num(j.demand as f64 / n),
        carried: Num(travel as f64 / n),
        carried_by_request_date: Num(j.carried as f64 / n),
        spilled: Num(j.spilled as f64 / n),
        unserved: Num(j.unserved as f64 / n),
        no_purchase: Num(j.no_purchase as f64 / n),
        revenue: Num(money(f.revenue_cents) / n),
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
                    revenue: Num(money(c.revenue_cents) / n),
                    cost: Num(money(c.cost_cents) / n),
                    profit: Num(money(c.revenue_cents - c.cost_cents) / n),
                    network_revenue: Num(money(c.itinerary_revenue_cents) / n),
                    no_shows: Num(c.no_shows as f64 / n),
                    denied_boardings: Num(c.denied_boardings as f64 / n),
                    class_mix: p.classes[r.airline.index()]
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| c.class_tickets[*k] > 0)
                        .map(|(k, name)| (name.clone(), Num(c.class_tickets[k] as f64 / n)))
                        .collect(),
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
                base_daily: Num(m.daily_pax),
                demand: Num(c.demand as f64 / n),
                carried: Num(c.carried as f64 / n),
                spilled: Num(c.spilled as f64 / n),
                spill_rate: Num(ratio(c.spilled as f64, c.demand as f64)),
                unserved: Num(c.unserved as f64 / n),
                no_purchase: Num(c.no_purchase as f64 / n),
                revenue: Num(money(c.revenue_cents) / n),
                recaptured: Num(c.recaptured as f64 / n),
                nonstop: Num(c.nonstop as f64 / n),
                connecting: Num(c.connecting as f64 / n),
                two_stop: Num(c.two_stop as f64 / n),
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
            .map(|(i, d)| {
                period_row(
                    d,
                    &sum.daily_flights[i],
                    &sum.daily_journeys[i],
                    sum.daily_travel.get(i).copied().unwrap_or(0),
                    n,
                )
            })
            .collect();
        let mut weeks: BTreeMap<Day, (FlightCounts, JourneyCounts, u64)> = BTreeMap::new();
        for (i, d) in period.days().enumerate() {
            let e = weeks.entry(d.week_start()).or_default();
            e.0.merge(&sum.daily_flights[i]);
            e.1.merge(&sum.daily_journeys[i]);
            e.2 += sum.daily_travel.get(i).copied().unwrap_or(0);
        }
        let weekly = weeks
            .iter()
            .map(|(d, (f, j, t))| period_row(*d, f, j, *t, n))
            .collect();
        // Airlines: their routes' counters.
        let mut by_airline: BTreeMap<String, FlightCounts> = BTreeMap::new();
        for (i, c) in sum.routes.iter().enumerate() {
            let r = p.net.route(flightnet_data::network::RouteId(i as u32));
            by_airline
                .entry(data.airline(r.airline).code.clone())
                .or_default()
                .merge(c);
        }
        let airlines = by_airline
            .into_iter()
            .filter(|(_, c)| c.flights + c.cancelled > 0)
            .map(|(airline, c)| AirlineRow {
                airline,
                flights: Num(c.flights as f64 / n),
                seats: Num(c.seats as f64 / n),
                passengers: Num(c.passengers as f64 / n),
                load_factor: Num(c.load_factor()),
                ask: Num((c.ask / n).round()),
                rpk: Num((c.rpk / n).round()),
                revenue: Num(money(c.revenue_cents) / n),
                cost: Num(money(c.cost_cents) / n),
                profit: Num(money(c.revenue_cents - c.cost_cents) / n),
                yield_: Num(ratio(c.revenue_cents as f64, c.rpk)),
                rask: Num(ratio(c.revenue_cents as f64, c.ask)),
                cask: Num(ratio(c.cost_cents as f64, c.ask)),
            })
            .collect();
        let booking_curves = p
            .segment_names
            .iter()
            .zip(&sum.booking_curves)
            .map(|(segment, tickets)| BookingCurve {
                segment: segment.clone(),
                tickets: tickets.iter().map(|&k| Num(k as f64 / n)).collect(),
            })
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
                currency: p.currency.clone(),
                segments: p.segment_names.clone(),
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
            airlines,
            routes,
            markets,
            hubs: hubs.into_iter().map(|(_, h, _)| h).collect(),
            connect_times,
            daily,
            weekly,
            fleet: p.rotations.needs.clone(),
            booking_curves,
            calibration: None,
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
