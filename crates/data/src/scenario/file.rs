//! The scenario file's structure, its defaults and its schema.

use serde::{Deserialize, Serialize};

use super::schema::{Field, Kind, f};
use crate::config::ChoiceConfig;
use crate::config::DemandConfig;
use crate::config::OperationsConfig;
use crate::config::RmConfig;
use crate::time::Day;

/// Connection settings (`[connections]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConnectionsConfig {
    /// Longest connect time in minutes.
    pub max_connect_minutes: u32,
    /// Airline pairs that may be combined (`"KC-FS"`), or `["*"]` for any; empty = online only.
    pub interline: Vec<String>,
    /// MCT overrides per airport (missing statuses keep `airports.csv`).
    pub mct: Vec<MctOverride>,
    /// Longest connecting routing as a multiple of the nonstop distance.
    pub max_circuity: f64,
    /// Most connections per itinerary: 1 (default) or 2.
    pub max_stops: u8,
}

impl Default for ConnectionsConfig {
    fn default() -> Self {
        ConnectionsConfig {
            max_connect_minutes: 720,
            interline: Vec::new(),
            mct: Vec::new(),
            max_circuity: 2.5,
            max_stops: 1,
        }
    }
}

/// One airport's MCT override (`[[connections.mct]]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MctOverride {
    /// IATA airport code.
    pub airport: String,
    /// Domestic → domestic, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dd: Option<u16>,
    /// Domestic → international, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub di: Option<u16>,
    /// International → domestic, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u16>,
    /// International → international, minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ii: Option<u16>,
}

/// A route's weekly frequency over a date range (`[[frequency]]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrequencyOverride {
    /// Airline code.
    pub airline: String,
    /// Origin airport.
    pub origin: String,
    /// Destination airport.
    pub destination: String,
    /// Weekly flights in each direction (0 removes the route in the range).
    pub weekly: u32,
    /// First departure date the override applies to.
    pub from: Day,
    /// Last departure date the override applies to.
    pub to: Day,
    /// Apply the same frequency to the return route (default true).
    #[serde(default = "yes")]
    pub both_directions: bool,
    /// For a route with no flights to copy: local departure time at the origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dep: Option<String>,
    /// For a route with no flights to copy: local departure time of the return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_dep: Option<String>,
    /// For a route with no flights to copy: aircraft (a `fleet.csv` name of the airline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aircraft: Option<String>,
    /// For a route with no flights to copy: block time `H:MM` (default: from distance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<String>,
}

fn yes() -> bool {
    true
}

/// What `flightnet calibrate` recorded in a scenario it wrote (`[calibration]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationFile {
    /// The observations file (relative to the scenario file).
    pub observed: String,
    /// Observations ending on or before this date were fitted; later ones were held back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_until: Option<Day>,
    /// Each observation's simulated value before calibration, in the file's order.
    #[serde(default)]
    pub before: Vec<f64>,
}

/// A scenario file as written, every section optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// Short name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the scenario asks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Network folder, relative to the scenario file (default `routes`, relative to the current
    /// directory).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// First departure date simulated (default: start of the schedule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Day>,
    /// Last departure date simulated (default: end of the schedule).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Day>,
    /// Master random seed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Independent replications (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replications: Option<u32>,
    /// Demand model.
    #[serde(default)]
    pub demand: DemandConfig,
    /// Itinerary choice.
    #[serde(default)]
    pub choice: ChoiceConfig,
    /// Operations.
    #[serde(default)]
    pub operations: OperationsConfig,
    /// Connection rules.
    #[serde(default)]
    pub connections: ConnectionsConfig,
    /// Revenue management.
    #[serde(default)]
    pub rm: RmConfig,
    /// Written by `flightnet calibrate`: the observations the scenario was fitted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<CalibrationFile>,
    /// Frequency overrides, applied in order.
    #[serde(default)]
    pub frequency: Vec<FrequencyOverride>,
}

const SHARE: Kind = Kind::Float { min: 0.0, max: 1.0 };
const NEG: Kind = Kind::Float {
    min: -100.0,
    max: 0.0,
};

const RECOVERY_POINT: &[Field] = &[
    f("date", Kind::Date),
    f(
        "index",
        Kind::Float {
            min: 0.0,
            max: 10.0,
        },
    ),
    f("announced", Kind::Date),
    f("free", Kind::Bool),
];
const RECOVERY: &[Field] = &[
    f("markets", Kind::Str),
    f("points", Kind::Array(&Kind::Table(RECOVERY_POINT))),
    f("free", Kind::Bool),
];
const GROUP: &[Field] = &[
    f("markets", Kind::Str),
    f(
        "scale",
        Kind::Float {
            min: 0.0,
            max: 100.0,
        },
    ),
    f("free", Kind::Bool),
];
const CURVE_POINT: &[Field] = &[
    f("days_before", Kind::Int { min: 0, max: 365 }),
    f("share", SHARE),
];
const RESTRICTIONS: &[Field] = &[
    f("saturday_stay", NEG),
    f("non_refundable", NEG),
    f("change_fee", NEG),
];
const SEGMENT: &[Field] = &[
    f("name", Kind::Str),
    f(
        "share",
        Kind::Float {
            min: 0.0,
            max: 1000.0,
        },
    ),
    f("booking_curve", Kind::Array(&Kind::Table(CURVE_POINT))),
    f(
        "wtp_multiple",
        Kind::Float {
            min: 1.0001,
            max: 100.0,
        },
    ),
    f(
        "price_sensitivity",
        Kind::Float {
            min: 0.0,
            max: 100.0,
        },
    ),
    f("restrictions", Kind::Table(RESTRICTIONS)),
    f("no_show", Kind::Float { min: 0.0, max: 0.9 }),
];
const DEMAND: &[Field] = &[
    f(
        "scale",
        Kind::Float {
            min: 0.0,
            max: 100.0,
        },
    ),
    f("arrivals", Kind::OneOf(&["poisson", "even"])),
    f(
        "lead_time_mean_days",
        Kind::Float {
            min: 0.1,
            max: 365.0,
        },
    ),
    f("lead_time_min_days", Kind::Int { min: 0, max: 365 }),
    f("lead_time_max_days", Kind::Int { min: 0, max: 365 }),
    f("min_booking_minutes", Kind::Int { min: 0, max: 10080 }),
    f(
        "day_of_week",
        Kind::Floats {
            n: 7,
            min: 0.0,
            max: 100.0,
        },
    ),
    f(
        "monthly",
        Kind::Floats {
            n: 12,
            min: 0.0,
            max: 100.0,
        },
    ),
    f(
        "time_of_day",
        Kind::Floats {
            n: 24,
            min: 0.0,
            max: 100.0,
        },
    ),
    f("k_factor", Kind::Float { min: 0.0, max: 2.0 }),
    f("k_factor_free", Kind::Bool),
    f("recapture_days", Kind::Int { min: 0, max: 14 }),
    f("recapture_share", SHARE),
    f("recovery", Kind::Array(&Kind::Table(RECOVERY))),
    f("groups", Kind::Array(&Kind::Table(GROUP))),
    f("segments", Kind::Array(&Kind::Table(SEGMENT))),
];
const CHOICE: &[Field] = &[
    f("elapsed_per_hour", NEG),
    f("per_connection", NEG),
    f("displacement_per_hour", NEG),
    f("displacement_per_hour_squared", NEG),
    f("interline", NEG),
    f(
        "no_purchase",
        Kind::Float {
            min: -1000.0,
            max: 5.0,
        },
    ),
];
const CALIBRATION: &[Field] = &[
    f("observed", Kind::Str),
    f("fit_until", Kind::Date),
    f(
        "before",
        Kind::Array(&Kind::Float {
            min: 0.0,
            max: 1e15,
        }),
    ),
];
const AIRLINE_RM: &[Field] = &[
    f("airline", Kind::Str),
    f("method", Kind::OneOf(&["fcfs", "emsrb", "bidprice"])),
];
const RM: &[Field] = &[
    f("method", Kind::OneOf(&["fcfs", "emsrb", "bidprice"])),
    f("airlines", Kind::Array(&Kind::Table(AIRLINE_RM))),
    f("dcps", Kind::Array(&Kind::Int { min: 1, max: 365 })),
    f("burn_in_days", Kind::Int { min: 0, max: 730 }),
    f(
        "forecast_alpha",
        Kind::Float {
            min: 0.001,
            max: 1.0,
        },
    ),
    f("min_history", Kind::Int { min: 0, max: 1000 }),
    f("untruncation", Kind::OneOf(&["none", "em"])),
    f("overbooking", Kind::Bool),
    f("max_overbooking", Kind::Float { min: 0.0, max: 0.5 }),
];
const DELAY: &[Field] = &[
    f("model", Kind::OneOf(&["none", "exponential", "lognormal"])),
    f("probability", SHARE),
    f(
        "mean_minutes",
        Kind::Float {
            min: 0.0,
            max: 1440.0,
        },
    ),
    f("sigma", Kind::Float { min: 0.0, max: 5.0 }),
    f("max_minutes", Kind::Int { min: 0, max: 2880 }),
];
const DISRUPTION: &[Field] = &[
    f("airline", Kind::Str),
    f("flight", Kind::Int { min: 1, max: 9999 }),
    f("date", Kind::Date),
    f("origin", Kind::Str),
    f("delay_minutes", Kind::Int { min: 0, max: 2880 }),
    f("cancel", Kind::Bool),
];
const OPERATIONS: &[Field] = &[
    f("delay", Kind::Table(DELAY)),
    f("reactionary", Kind::Bool),
    f("cancellation_probability", SHARE),
    f("cancellation_notice_hours", Kind::Int { min: 0, max: 24 }),
    f("transfer_mct_share", Kind::Float { min: 0.0, max: 2.0 }),
    f("rebooking_horizon_hours", Kind::Int { min: 0, max: 336 }),
    f("disruptions", Kind::Array(&Kind::Table(DISRUPTION))),
];
const MCT_MIN: Kind = Kind::Int { min: 0, max: 1440 };
const MCT: &[Field] = &[
    f("airport", Kind::Str),
    f("dd", MCT_MIN),
    f("di", MCT_MIN),
    f("id", MCT_MIN),
    f("ii", MCT_MIN),
];
const CONNECTIONS: &[Field] = &[
    f("max_connect_minutes", Kind::Int { min: 1, max: 2880 }),
    f("interline", Kind::Array(&Kind::Str)),
    f("mct", Kind::Array(&Kind::Table(MCT))),
    f(
        "max_circuity",
        Kind::Float {
            min: 1.0,
            max: 100.0,
        },
    ),
    f("max_stops", Kind::Int { min: 1, max: 2 }),
];
const FREQUENCY: &[Field] = &[
    f("airline", Kind::Str),
    f("origin", Kind::Str),
    f("destination", Kind::Str),
    f("weekly", Kind::Int { min: 0, max: 70 }),
    f("from", Kind::Date),
    f("to", Kind::Date),
    f("both_directions", Kind::Bool),
    f("dep", Kind::Clock),
    f("return_dep", Kind::Clock),
    f("aircraft", Kind::Str),
    f("block", Kind::Duration),
];

/// The top-level schema.
pub(crate) const SCHEMA: &[Field] = &[
    f("name", Kind::Str),
    f("description", Kind::Str),
    f("network", Kind::Str),
    f("start", Kind::Date),
    f("end", Kind::Date),
    f(
        "seed",
        Kind::Int {
            min: 0,
            max: i64::MAX,
        },
    ),
    f(
        "replications",
        Kind::Int {
            min: 1,
            max: 10_000,
        },
    ),
    f("demand", Kind::Table(DEMAND)),
    f("choice", Kind::Table(CHOICE)),
    f("operations", Kind::Table(OPERATIONS)),
    f("connections", Kind::Table(CONNECTIONS)),
    f("rm", Kind::Table(RM)),
    f("calibration", Kind::Table(CALIBRATION)),
    f("frequency", Kind::Array(&Kind::Table(FREQUENCY))),
];

impl ScenarioFile {
    /// Cross-field checks the schema cannot express: `(key path, value, expected)` for each.
    pub(crate) fn check(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        if let (Some(s), Some(e)) = (self.start, self.end)
            && e < s
        {
            out.push((
                "end".into(),
                e.to_string(),
                format!("a date on or after start ({s})"),
            ));
        }
        let d = &self.demand;
        if d.lead_time_min_days > d.lead_time_max_days {
            out.push((
                "demand.lead_time_min_days".into(),
                d.lead_time_min_days.to_string(),
                format!("at most lead_time_max_days ({})", d.lead_time_max_days),
            ));
        }
        if d.lead_time_mean_days > d.lead_time_max_days.max(1) as f64 {
            out.push((
                "demand.lead_time_mean_days".into(),
                d.lead_time_mean_days.to_string(),
                format!("at most lead_time_max_days ({})", d.lead_time_max_days),
            ));
        }
        if d.day_of_week.iter().sum::<f64>() <= 0.0 {
            out.push((
                "demand.day_of_week".into(),
                "(all zero)".into(),
                "at least one positive factor".into(),
            ));
        }
        if d.monthly.iter().sum::<f64>() <= 0.0 {
            out.push((
                "demand.monthly".into(),
                "(all zero)".into(),
                "at least one positive factor".into(),
            ));
        }
        if d.segments.is_empty() {
            out.push((
                "demand.segments".into(),
                "[]".into(),
                "at least one segment (omit the key for the default business and leisure)".into(),
            ));
        }
        if !d.segments.is_empty() && d.segments.iter().map(|s| s.share).sum::<f64>() <= 0.0 {
            out.push((
                "demand.segments".into(),
                "(all shares zero)".into(),
                "at least one segment with a positive share".into(),
            ));
        }
        for (i, s) in d.segments.iter().enumerate() {
            if d.segments[..i].iter().any(|o| o.name == s.name) {
                out.push((
                    format!("demand.segments[{i}].name"),
                    s.name.clone(),
                    "a name not used by another segment".into(),
                ));
            }
            let c = &s.booking_curve;
            if c.is_empty() {
                continue;
            }
            let path = |j: usize, k: &str| format!("demand.segments[{i}].booking_curve[{j}].{k}");
            if c.len() < 2 {
                out.push((
                    format!("demand.segments[{i}].booking_curve"),
                    format!("{} point", c.len()),
                    "at least two points, from the earliest (share 0) to day 0 (share 1)".into(),
                ));
                continue;
            }
            if c[0].share != 0.0 {
                out.push((
                    path(0, "share"),
                    c[0].share.to_string(),
                    "0 at the earliest point (no bookings before it)".into(),
                ));
            }
            let last = c.len() - 1;
            if c[last].days_before != 0 || c[last].share != 1.0 {
                out.push((
                    path(last, "days_before"),
                    format!("{} days, share {}", c[last].days_before, c[last].share),
                    "a last point at day 0 with share 1".into(),
                ));
            }
            for (j, w) in c.windows(2).enumerate() {
                if w[1].days_before >= w[0].days_before {
                    out.push((
                        path(j + 1, "days_before"),
                        w[1].days_before.to_string(),
                        format!("fewer days than the point before ({})", w[0].days_before),
                    ));
                }
                if w[1].share < w[0].share {
                    out.push((
                        path(j + 1, "share"),
                        w[1].share.to_string(),
                        format!("at least the share of the point before ({})", w[0].share),
                    ));
                }
            }
        }
        let r = &self.rm;
        if r.dcps.windows(2).any(|w| w[1] >= w[0]) {
            out.push((
                "rm.dcps".into(),
                format!("{:?}", r.dcps),
                "days before departure in decreasing order, each once".into(),
            ));
        }
        for (i, a) in r.airlines.iter().enumerate() {
            if r.airlines[..i].iter().any(|o| o.airline == a.airline) {
                out.push((
                    format!("rm.airlines[{i}].airline"),
                    a.airline.clone(),
                    "an airline not already listed".into(),
                ));
            }
        }
        if d.time_of_day.iter().sum::<f64>() <= 0.0 {
            out.push((
                "demand.time_of_day".into(),
                "(all zero)".into(),
                "at least one positive weight".into(),
            ));
        }
        for (i, r) in d.recovery.iter().enumerate() {
            if r.points.is_empty() {
                out.push((
                    format!("demand.recovery[{i}].points"),
                    "[]".into(),
                    "at least one point".into(),
                ));
            }
            for (j, w) in r.points.windows(2).enumerate() {
                if w[1].date <= w[0].date {
                    out.push((
                        format!("demand.recovery[{i}].points[{}].date", j + 1),
                        w[1].date.to_string(),
                        format!("a date after the previous point ({})", w[0].date),
                    ));
                }
            }
        }
        for (i, m) in self.connections.mct.iter().enumerate() {
            if m.dd.is_none() && m.di.is_none() && m.id.is_none() && m.ii.is_none() {
                out.push((
                    format!("connections.mct[{i}]"),
                    m.airport.clone(),
                    "at least one of dd, di, id, ii".into(),
                ));
            }
        }
        for (i, fq) in self.frequency.iter().enumerate() {
            if fq.to < fq.from {
                out.push((
                    format!("frequency[{i}].to"),
                    fq.to.to_string(),
                    format!("a date on or after from ({})", fq.from),
                ));
            }
            if fq.origin == fq.destination {
                out.push((
                    format!("frequency[{i}].destination"),
                    fq.destination.clone(),
                    "an airport other than the origin".into(),
                ));
            }
        }
        out
    }
}
