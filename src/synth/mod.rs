//! Synthetic networks in the `routes/` format, for benchmarks and scale tests.
//!
//! [`generate`] builds a hub-and-spoke network of one airline from a seed: airports over a
//! continent-sized region ([`layout`]), exactly the requested number of directed routes
//! ([`topology`]), gravity-model demand for nonstop and one-connection markets ([`demand`]),
//! gauge, frequency and fleet sizes ([`fleet`]) and a banked dated schedule ([`schedule`]). The
//! result holds the seven CSV texts (with synthetic fares and costs) (basis `E`, source `synthetic`) and the same network as
//! validated tables, ready for [`crate::runner::Study::with_data`]. The same options always
//! give byte-identical files.
//!
//! Demand is scaled so that the planned seat load factor of the schedule (every passenger on
//! the routing it was planned on) equals [`GenerateOptions::load_factor`]; because of peaks,
//! time-of-day preferences and random arrivals, a simulation carries somewhat less (the
//! default 0.85 plans for about 80% in a run).
//!
//! # Example
//! ```
//! use flightnet::synth::{GenerateOptions, generate};
//! let net = generate(&GenerateOptions::new(12, 40)).unwrap();
//! assert_eq!(net.counts.airports, 12);
//! assert_eq!(net.counts.routes, 40);
//! assert!(net.schedule_csv.lines().count() > 40);
//! ```

pub mod demand;
pub mod fleet;
pub mod layout;
pub mod schedule;
mod tables;
pub mod topology;

use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use flightnet_data::error::{Error, Result};
use flightnet_data::network::{Network, NetworkData};
use flightnet_data::time::{DateRange, Day};
use flightnet_engine::rng::{Purpose, Stream, hash_bytes};
use flightnet_report::output::Staging;

/// Most airports a synthetic network may have (route selection ranks all O(N²) airport
/// pairs).
pub const MAX_AIRPORTS: u32 = 2000;
/// Default booking requests per year per directed route (when no passenger total is given).
pub const PASSENGERS_PER_ROUTE: f64 = 20_000.0;
/// Default planned seat load factor.
pub const LOAD_FACTOR: f64 = 0.85;
/// File names, in the order of [`SyntheticNetwork::files`].
pub const FILE_NAMES: [&str; 7] = [
    "airports.csv",
    "airlines.csv",
    "fleet.csv",
    "schedule.csv",
    "demand.csv",
    "fares.csv",
    "costs.csv",
];

/// The random stream of one generation step.
fn stream(seed: u64, what: &str) -> Stream {
    Stream::new(seed, 0, Purpose::Generate, hash_bytes(what.as_bytes()))
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateOptions {
    /// Number of airports (3 to [`MAX_AIRPORTS`]).
    pub airports: u32,
    /// Number of directed routes (even: both directions of every airport pair).
    pub routes: u32,
    /// Random seed.
    pub seed: u64,
    /// Schedule validity (every flight operates over all of it); at least 7 days.
    pub period: DateRange,
    /// Target booking requests per year (demand × 365 days); `None` for
    /// [`PASSENGERS_PER_ROUTE`] × routes. The result is aimed at it and usually lands within
    /// 1% (see [`Counts::annual_demand`]).
    pub passengers_per_year: Option<f64>,
    /// Planned seat load factor (0.1 to 1): demand is scaled so the schedule's seats carry
    /// this share of planned passengers.
    pub load_factor: f64,
}

impl GenerateOptions {
    /// Options with seed 1, the period 2025-01-01 to 2025-12-31, the default passenger total
    /// and load factor.
    pub fn new(airports: u32, routes: u32) -> GenerateOptions {
        let first = Day::from_ymd(2025, 1, 1).expect("a valid date");
        let last = Day::from_ymd(2025, 12, 31).expect("a valid date");
        GenerateOptions {
            airports,
            routes,
            seed: 1,
            period: DateRange::new(first, last).expect("a valid range"),
            passengers_per_year: None,
            load_factor: LOAD_FACTOR,
        }
    }

    /// The passenger total aimed at.
    pub fn target_passengers(&self) -> f64 {
        self.passengers_per_year
            .unwrap_or(PASSENGERS_PER_ROUTE * self.routes as f64)
    }

    /// Checks the options.
    ///
    /// # Errors
    /// [`Error::Request`] explaining what is wrong: fewer than 3 or more than
    /// [`MAX_AIRPORTS`] airports, an odd route count, fewer routes than a hub-and-spoke
    /// network of that many airports needs or more than there are airport pairs, a period
    /// shorter than a week, a passenger total or load factor out of range.
    pub fn check(&self) -> Result<()> {
        let bad = |msg: String| Err(Error::Request(msg));
        let (n, m) = (self.airports as usize, self.routes as usize);
        if self.airports < 3 {
            return bad(format!(
                "a synthetic network needs at least 3 airports (asked for {n})"
            ));
        }
        if self.airports > MAX_AIRPORTS {
            return bad(format!(
                "a synthetic network has at most {MAX_AIRPORTS} airports (asked for {n})"
            ));
        }
        if m % 2 == 1 {
            return bad(format!(
                "the number of routes must be even, since every airport pair is flown in both \
                 directions (asked for {m})"
            ));
        }
        let hubs = layout::hub_count(n);
        let min = 2 * topology::min_pairs(n, hubs);
        let max = 2 * topology::max_pairs(n);
        if m < min {
            return bad(format!(
                "{n} airports with {hubs} hub{} need at least {min} routes (every hub pair and \
                 every other airport to a hub, both directions); asked for {m}",
                if hubs == 1 { "" } else { "s" }
            ));
        }
        if m > max {
            return bad(format!(
                "{n} airports allow at most {max} routes (every pair in both directions); asked \
                 for {m}"
            ));
        }
        if self.period.len() < 7 {
            return bad(format!(
                "the schedule period must cover at least a week (got {})",
                self.period
            ));
        }
        let p = self.target_passengers();
        if !(p.is_finite() && p > 0.0 && p <= 1e10) {
            return bad(format!(
                "passengers per year must be positive and at most 10 billion (got {p})"
            ));
        }
        if !(0.1..=1.0).contains(&self.load_factor) {
            return bad(format!(
                "the planned load factor must be from 0.1 to 1 (got {})",
                self.load_factor
            ));
        }
        Ok(())
    }
}

/// Preset sizes for benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Size {
    /// 30 airports, 200 routes, about 4 million passengers a year.
    Small,
    /// 100 airports, 1,000 routes, about 20 million passengers a year.
    Medium,
    /// 300 airports, 3,000 routes, about 60 million passengers a year.
    Large,
}

impl Size {
    /// Every preset, smallest first.
    pub const ALL: [Size; 3] = [Size::Small, Size::Medium, Size::Large];

    /// The preset's name (`small`, `medium`, `large`).
    pub fn name(self) -> &'static str {
        match self {
            Size::Small => "small",
            Size::Medium => "medium",
            Size::Large => "large",
        }
    }

    /// The preset's options (seed 1, year 2025, default demand and load factor).
    ///
    /// # Example
    /// ```
    /// use flightnet::synth::Size;
    /// let o = Size::Large.options();
    /// assert_eq!((o.airports, o.routes), (300, 3000));
    /// assert!(o.target_passengers() >= 50e6);
    /// ```
    pub fn options(self) -> GenerateOptions {
        match self {
            Size::Small => GenerateOptions::new(30, 200),
            Size::Medium => GenerateOptions::new(100, 1000),
            Size::Large => GenerateOptions::new(300, 3000),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Size {
    type Err = Error;

    /// Parses `small`, `medium` or `large`.
    fn from_str(s: &str) -> Result<Size> {
        Size::ALL
            .into_iter()
            .find(|z| z.name() == s)
            .ok_or_else(|| {
                Error::Request(format!(
                    "{s:?} is not a size; expected small, medium or large"
                ))
            })
    }
}

/// Headline numbers of a generated network.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Airports.
    pub airports: usize,
    /// Hubs among them.
    pub hubs: usize,
    /// Directed routes.
    pub routes: usize,
    /// O&D markets with demand.
    pub markets: usize,
    /// Planned one-connection markets left without demand because the schedule offers them no
    /// legal connection.
    pub unserved_markets: usize,
    /// Flights in a full week.
    pub weekly_flights: u64,
    /// Aircraft in the fleet (spares included).
    pub aircraft: u64,
    /// Expected booking requests per average day (sum of `daily_pax`).
    pub daily_demand: f64,
    /// Expected booking requests per year (365 days) at recovery index 1.
    pub annual_demand: f64,
    /// Planned seat load factor (planned passenger legs ÷ seats).
    pub planned_load_factor: f64,
}

/// A generated network: the seven CSV texts, the same network as tables, and its counts.
#[derive(Clone, Debug)]
pub struct SyntheticNetwork {
    /// `airports.csv`.
    pub airports_csv: String,
    /// `airlines.csv`.
    pub airlines_csv: String,
    /// `fleet.csv`.
    pub fleet_csv: String,
    /// `schedule.csv`.
    pub schedule_csv: String,
    /// `demand.csv`.
    pub demand_csv: String,
    /// `fares.csv`.
    pub fares_csv: String,
    /// `costs.csv`.
    pub costs_csv: String,
    /// The network as [`flightnet_data::input::load_dir`] returns it from the written files.
    pub data: NetworkData,
    /// Headline numbers.
    pub counts: Counts,
}

impl SyntheticNetwork {
    /// `(file name, text)` of the seven files.
    pub fn files(&self) -> [(&'static str, &str); 7] {
        [
            (FILE_NAMES[0], self.airports_csv.as_str()),
            (FILE_NAMES[1], self.airlines_csv.as_str()),
            (FILE_NAMES[2], self.fleet_csv.as_str()),
            (FILE_NAMES[3], self.schedule_csv.as_str()),
            (FILE_NAMES[4], self.demand_csv.as_str()),
            (FILE_NAMES[5], self.fares_csv.as_str()),
            (FILE_NAMES[6], self.costs_csv.as_str()),
        ]
    }

    /// Writes the seven files and a `manifest.json` into the folder `dir` as one results folder
    /// ([`flightnet_report::output::Staging`]): created if missing, replacing an earlier
    /// generated network whole, refused when it holds other files.
    ///
    /// # Errors
    /// [`Error::Request`] for a folder holding other files; [`Error::Io`] when the folder or a
    /// file cannot be written.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let mut out = Staging::begin(dir)?;
        for (name, text) in self.files() {
            out.write(name, text.as_bytes())?;
        }
        out.commit("network", &[])
    }

    /// A one-line summary: airports, hubs, routes, markets, flights a week, aircraft, expected
    /// passengers a year and planned load factor.
    pub fn summary(&self) -> String {
        let c = &self.counts;
        format!(
            "{} airports ({} hubs), {} routes, {} markets ({} without a legal connection dropped), {} flights/week, {} aircraft, {:.1} million expected passengers/year, planned load factor {:.0}%",
            c.airports,
            c.hubs,
            c.routes,
            c.markets,
            c.unserved_markets,
            c.weekly_flights,
            c.aircraft,
            c.annual_demand / 1e6,
            c.planned_load_factor * 100.0
        )
    }
}

/// Planned passenger legs and seats per day.
fn planned_load(
    routes: &demand::Routes,
    markets: &[demand::Market],
    services: &[fleet::Service],
) -> (f64, f64) {
    let carried = demand::route_flows(markets, routes).iter().sum();
    let seats = services.iter().map(|s| 2.0 * s.daily_seats()).sum();
    (carried, seats)
}

/// Scales `markets` to `target` daily passengers and plans the service; repeats with a
/// corrected level until demand rescaled to the exact planned load factor lands near `target`.
fn plan_service(
    pairs: &[topology::Pair],
    routes: &demand::Routes,
    markets: &mut [demand::Market],
    target: f64,
    load_factor: f64,
) -> Vec<fleet::Service> {
    let mut level = target;
    let mut round = 0;
    loop {
        round += 1;
        demand::scale(markets, level / demand::total(markets));
        let services = fleet::plan(pairs, &demand::route_flows(markets, routes), load_factor);
        let (carried, seats) = planned_load(routes, markets, &services);
        let exact = level * load_factor * seats / carried;
        if (exact / target - 1.0).abs() < 0.005 || round == 8 {
            return services;
        }
        level *= target / exact;
    }
}

/// Generates a synthetic network.
///
/// # Errors
/// [`Error::Request`] when the options are out of range (see [`GenerateOptions::check`]) or
/// the schedule would need more flight numbers than one airline has (9,999).
///
/// # Complexity
/// O(N² + Σ_h deg(h)² + F) for N airports, the hubs' degrees and F flights; the large preset
/// takes well under a second in a release build.
pub fn generate(opts: &GenerateOptions) -> Result<SyntheticNetwork> {
    opts.check()?;
    let layout = layout::build(opts.airports as usize, opts.seed);
    let pairs = topology::choose(&layout, opts.routes as usize / 2);
    let routes = demand::Routes::new(&pairs);
    let mut markets = demand::markets(&layout, &pairs, &routes);
    let services = plan_service(
        &pairs,
        &routes,
        &mut markets,
        opts.target_passengers() / 365.0,
        opts.load_factor,
    );
    let flights = schedule::build(&layout, &pairs, &services, opts.seed);
    // The schedule over its first weeks: which markets it serves, how many aircraft it needs.
    let probe = Network::build(
        Arc::new(tables::network_data(&layout, &flights, &[], opts.period)?),
        fleet::probe_window(opts.period),
    );
    let unserved = demand::keep_served(&mut markets, &probe);
    let fleet_counts = fleet::fleet_counts(&probe);
    let (carried, seats) = planned_load(&routes, &markets, &services);
    demand::scale(&mut markets, opts.load_factor * seats / carried);
    let mut data = tables::network_data(&layout, &flights, &markets, opts.period)?;
    for (t, count) in data.fleet.iter_mut().zip(fleet_counts) {
        t.count = count;
    }
    data.economics = tables::economics(&data);
    let comment = format!(
        "flightnet synthetic network: {} airports; {} routes; seed {}; every value is generated \
         (basis E)",
        opts.airports, opts.routes, opts.seed
    );
    let [
        airports_csv,
        airlines_csv,
        fleet_csv,
        schedule_csv,
        demand_csv,
        fares_csv,
        costs_csv,
    ] = tables::csv_texts(&data, &comment);
    let daily_demand: f64 = data.demand.iter().map(|d| d.daily_pax).sum();
    let (carried, seats) = planned_load(&routes, &markets, &services);
    let counts = Counts {
        airports: data.airports.len(),
        hubs: layout.hubs.len(),
        routes: routes.len(),
        markets: data.demand.len(),
        unserved_markets: unserved,
        weekly_flights: data.patterns.iter().map(|p| p.days.count() as u64).sum(),
        aircraft: data.fleet.iter().map(|t| t.count as u64).sum(),
        daily_demand,
        annual_demand: daily_demand * 365.0,
        planned_load_factor: carried / seats,
    };
    Ok(SyntheticNetwork {
        airports_csv,
        airlines_csv,
        fleet_csv,
        schedule_csv,
        demand_csv,
        fares_csv,
        costs_csv,
        data,
        counts,
    })
}
