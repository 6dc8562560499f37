//! The scenario file's structure, its defaults and its schema.

use serde::{Deserialize, Serialize};

use super::schema::{Field, Kind, f};
use crate::config::ChoiceConfig;
use crate::config::DemandConfig;
use crate::config::OperationsConfig;
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
];
const RECOVERY: &[Field] = &[
    f("markets", Kind::Str),
    f("points", Kind::Array(&Kind::Table(RECOVERY_POINT))),
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
        "time_of_day",
        Kind::Floats {
            n: 24,
            min: 0.0,
            max: 100.0,
        },
    ),
    f("recapture_days", Kind::Int { min: 0, max: 14 }),
    f("recapture_share", SHARE),
    f("recovery", Kind::Array(&Kind::Table(RECOVERY))),
];
const CHOICE: &[Field] = &[
    f("elapsed_per_hour", NEG),
    f("per_connection", NEG),
    f("displacement_per_hour", NEG),
    f("interline", NEG),
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
