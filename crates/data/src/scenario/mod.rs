//! Scenario files (TOML): which network, which period, which seed, and every model setting.
//!
//! Loading is strict: a schema walk reports every unknown key, wrong type and out-of-range
//! value with its file, line and key before anything is deserialised; references to the
//! network (airports, airlines, routes) are checked once the network is loaded
//! ([`Scenario::resolve`]). Relative paths in a file are resolved against the file's folder.

mod file;
pub mod frequency;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use file::{CalibrationFile, ConnectionsConfig, FrequencyOverride, MctOverride, ScenarioFile};

use crate::config::SimConfig;
use crate::config::{ConnectionRules, Interline};
use crate::error::{Column, Diagnostic, Diagnostics, Error, Result};
use crate::network::{Mct, NetworkData};
use crate::time::DateRange;

/// The longest simulated period, in days (10 years): a longer one is almost certainly a typo,
/// and would run for a long time without output.
pub const MAX_PERIOD_DAYS: usize = 3653;

/// The built-in default scenario: the KC+CZ resumption, 2022-06-01 to 2023-12-31.
pub const BUILTIN: &str = include_str!("../../../../routes/scenarios/resumption-2022.toml");

/// Where a scenario's network comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetworkLocation {
    /// A folder of CSV files.
    Dir(PathBuf),
    /// The network shipped inside the binary (a copy of `routes/`).
    Builtin,
}

/// A loaded, schema-checked scenario.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The settings, with every default filled in.
    pub file: ScenarioFile,
    /// Where it came from (a path, or `built-in`).
    pub origin: String,
    /// The network to load.
    pub network: NetworkLocation,
    /// The folder relative paths in the file are resolved against.
    pub base: PathBuf,
    text: Arc<str>,
    /// Keys whose value came from a command-line flag (key → flag), so that problems with
    /// them name the flag rather than a line of the file.
    flags: std::collections::BTreeMap<String, String>,
}

impl Scenario {
    /// Loads a scenario file.
    ///
    /// # Errors
    /// [`Error::Io`] when unreadable; [`Error::Invalid`] listing every problem otherwise.
    pub fn load(path: &Path) -> Result<Scenario> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            let column =
                good.len() - good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            Error::Invalid(Diagnostics(vec![Diagnostic::field(
                path,
                line,
                column,
                "(encoding)",
                "(invalid bytes)",
                "UTF-8 text (save the scenario file as UTF-8)",
            )]))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Scenario::parse(&text, &path.display().to_string(), base)
    }

    /// The built-in default scenario; its network is `routes_dir` when that folder exists, the
    /// copy inside the binary otherwise.
    pub fn builtin(routes_dir: &Path) -> Scenario {
        let mut s = Scenario::parse(BUILTIN, "built-in resumption-2022", Path::new("."))
            .expect("the built-in scenario is valid");
        s.network = if routes_dir.join("airports.csv").is_file() {
            NetworkLocation::Dir(routes_dir.to_path_buf())
        } else {
            NetworkLocation::Builtin
        };
        s
    }

    /// A scenario built in code.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::scenario::{NetworkLocation, Scenario, ScenarioFile};
    /// use flightnet_data::time::Day;
    /// let s = Scenario::new(
    ///     ScenarioFile { start: Day::parse("2023-10-02"), end: Day::parse("2023-10-08"), seed: Some(9), ..Default::default() },
    ///     NetworkLocation::Builtin,
    /// );
    /// assert_eq!(s.file.seed, Some(9));
    /// ```
    pub fn new(file: ScenarioFile, network: NetworkLocation) -> Scenario {
        let text: Arc<str> = toml::to_string_pretty(&file).unwrap_or_default().into();
        Scenario {
            file,
            origin: "scenario built in code".to_string(),
            network,
            base: PathBuf::from("."),
            text,
            flags: Default::default(),
        }
    }

    /// Parses scenario text; `origin` names it in messages, `base` resolves relative paths.
    pub fn parse(text: &str, origin: &str, base: &Path) -> Result<Scenario> {
        let diag = |span: std::ops::Range<usize>, key: &str, value: &str, expected: &str| {
            let (line, col) = schema::line_col(text, span.start);
            Diagnostic {
                file: PathBuf::from(origin),
                line,
                column: Some(Column {
                    index: col,
                    name: key.to_string(),
                }),
                value: value.to_string(),
                expected: expected.to_string(),
            }
        };
        let table = match toml::de::DeTable::parse(text) {
            Ok(t) => t,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                return Err(Error::Invalid(Diagnostics(vec![diag(
                    span,
                    "(syntax)",
                    "",
                    &format!("valid TOML: {}", e.message()),
                )])));
            }
        };
        let mut problems = Vec::new();
        schema::check_table(table.get_ref(), file::SCHEMA, "", &mut problems);
        if !problems.is_empty() {
            let mut d = Diagnostics(
                problems
                    .iter()
                    .map(|p| diag(p.span.clone(), &p.path, &p.value, &p.expected))
                    .collect(),
            );
            d.sort();
            return Err(Error::Invalid(d));
        }
        let file: ScenarioFile = toml::from_str(text).map_err(|e| {
            // A table without a key it needs (the schema checks only the keys present):
            // name the key, at the table.
            let message = e.message();
            let expected = match message
                .strip_prefix("missing field `")
                .and_then(|m| m.strip_suffix('`'))
            {
                Some(key) => format!("the key `{key}` in this table (it has no default)"),
                None => message.to_string(),
            };
            Error::Invalid(Diagnostics(vec![diag(
                e.span().unwrap_or(0..0),
                "(table)",
                "",
                &expected,
            )]))
        })?;
        let mut errors = file.check();
        let d: Vec<Diagnostic> = errors
            .drain(..)
            .map(|(path, value, expected)| {
                let span = schema::locate_or_parent(table.get_ref(), &path).unwrap_or(0..0);
                diag(span, &path, &value, &expected)
            })
            .collect();
        if !d.is_empty() {
            let mut d = Diagnostics(d);
            d.sort();
            return Err(Error::Invalid(d));
        }
        let network = NetworkLocation::Dir(match &file.network {
            Some(n) => {
                let p = Path::new(n);
                if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    base.join(p)
                }
            }
            None => PathBuf::from("routes"),
        });
        Ok(Scenario {
            file,
            origin: origin.to_string(),
            network,
            base: base.to_path_buf(),
            text: text.into(),
            flags: Default::default(),
        })
    }

    /// Records that the value of `key` (`start`, `end`, `seed`, …) came from the command-line
    /// flag `flag`, so that problems with it name the flag.
    pub fn set_by_flag(&mut self, key: &str, flag: &str) {
        self.flags.insert(key.to_string(), flag.to_string());
    }

    /// How messages name the setting `key`: its flag, or the key in this scenario.
    pub fn key_label(&self, key: &str) -> String {
        match self.flags.get(key) {
            Some(flag) => flag.clone(),
            None => format!("`{key}` in {}", self.origin),
        }
    }

    /// A diagnostic at a key path of this scenario's text (or at the flag that set it).
    pub(crate) fn diagnostic(
        &self,
        path: &str,
        value: &str,
        expected: impl Into<String>,
    ) -> Diagnostic {
        if let Some(flag) = self.flags.get(path) {
            return Diagnostic::line(flag, 0, value, expected);
        }
        let span = toml::de::DeTable::parse(&self.text)
            .ok()
            .and_then(|t| schema::locate_or_parent(t.get_ref(), path))
            .unwrap_or(0..0);
        let (line, col) = schema::line_col(&self.text, span.start);
        Diagnostic {
            file: PathBuf::from(&self.origin),
            line,
            column: Some(Column {
                index: col,
                name: path.to_string(),
            }),
            value: value.to_string(),
            expected: expected.into(),
        }
    }

    /// The simulated period: the file's `start`/`end`, defaulting to the schedule's span.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the key or flag when `end` is before `start`, when the period
    /// is longer than [`MAX_PERIOD_DAYS`] or when no scheduled flight departs in it.
    pub fn period(&self, data: &NetworkData) -> Result<DateRange> {
        let span = data
            .schedule_span()
            .ok_or_else(|| Error::Request("the schedule has no flights".into()))?;
        let first = self.file.start.unwrap_or(span.first);
        let last = self.file.end.unwrap_or(span.last);
        let Some(period) = DateRange::new(first, last) else {
            return Err(Error::Invalid(Diagnostics(vec![self.diagnostic(
                "end",
                &last.to_string(),
                format!("a date on or after {} ({first})", self.start_label()),
            )])));
        };
        if period.len() > MAX_PERIOD_DAYS {
            return Err(Error::Invalid(Diagnostics(vec![self.diagnostic(
                "end",
                &last.to_string(),
                format!(
                    "a period of at most {MAX_PERIOD_DAYS} days (10 years) from {} ({first}); \
                     this one has {} days, and the schedule runs {} to {}",
                    self.start_label(),
                    period.len(),
                    span.first,
                    span.last
                ),
            )])));
        }
        if !data.patterns.iter().any(|p| {
            p.period
                .intersect(&period)
                .is_some_and(|r| r.days().take(7).any(|d| p.days.contains(d.weekday())))
        }) {
            let which = if self.file.end.is_some() {
                "end"
            } else {
                "start"
            };
            let value = if which == "end" { last } else { first };
            return Err(Error::Invalid(Diagnostics(vec![self.diagnostic(
                which,
                &value.to_string(),
                format!(
                    "a period with scheduled flights: none departs from {first} to {last}; \
                     the schedule runs {} to {}",
                    span.first, span.last
                ),
            )])));
        }
        Ok(period)
    }

    fn start_label(&self) -> String {
        match self.flags.get("start") {
            Some(flag) => flag.clone(),
            None => "start".to_string(),
        }
    }

    /// Problems with the scenario that do not stop it (the period reaches past the schedule,
    /// selectors and disruptions that match nothing), as warnings.
    fn warnings(&self, data: &NetworkData, period: DateRange) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(span) = data.schedule_span() {
            let outside = period.days().filter(|d| !span.contains(*d)).count();
            if outside > 0 {
                let which = if period.first < span.first {
                    "start"
                } else {
                    "end"
                };
                let value = if which == "start" {
                    period.first
                } else {
                    period.last
                };
                out.push(self.diagnostic(
                    which,
                    &value.to_string(),
                    format!(
                        "a period within the schedule ({} to {}): {outside} of its {} days have \
                         no scheduled flights, so their demand can only spill",
                        span.first,
                        span.last,
                        period.len()
                    ),
                ));
            }
        }
        for (i, r) in self.file.demand.recovery.iter().enumerate() {
            let Some(sel) = crate::config::MarketSelector::parse(&r.markets) else {
                continue;
            };
            if !data
                .demand
                .iter()
                .any(|m| sel.matches(data, m.origin, m.destination))
            {
                out.push(self.diagnostic(
                    &format!("demand.recovery[{i}].markets"),
                    &r.markets,
                    "a selector that matches at least one market of demand.csv (this one \
                     matches none, so the series changes nothing)",
                ));
            }
        }
        for (i, d) in self.file.operations.disruptions.iter().enumerate() {
            let (Some(airline), origin) = (
                data.airline_id(&d.airline),
                d.origin.as_deref().map(|o| data.airport_id(o)),
            ) else {
                continue;
            };
            if origin == Some(None) {
                continue; // reported as an error
            }
            if let Some(day) = d.date
                && !period.contains(day)
            {
                out.push(self.diagnostic(
                    &format!("operations.disruptions[{i}].date"),
                    &day.to_string(),
                    format!(
                        "a date in the simulated period ({} to {}); this disruption changes nothing",
                        period.first, period.last
                    ),
                ));
                continue;
            }
            let origin = origin.flatten();
            let hit = data.patterns.iter().any(|p| {
                p.airline == airline
                    && p.flight == d.flight
                    && origin.is_none_or(|o| p.origin == o)
                    && match d.date {
                        Some(day) => p.period.contains(day) && p.days.contains(day.weekday()),
                        None => p.period.intersect(&period).is_some(),
                    }
            });
            if !hit {
                out.push(self.diagnostic(
                    &format!("operations.disruptions[{i}].flight"),
                    &d.flight.to_string(),
                    format!(
                        "a flight of the schedule: {}{}{} does not operate{}, so this \
                         disruption changes nothing",
                        d.airline,
                        d.flight,
                        d.origin.as_deref().map_or(String::new(), |o| format!(" from {o}")),
                        d.date.map_or(
                            format!(" from {} to {}", period.first, period.last),
                            |day| format!(" on {day}")
                        )
                    ),
                ));
            }
        }
        out
    }

    /// Checks the scenario against the network and returns the network with the frequency
    /// overrides applied and the simulation settings.
    ///
    /// # Errors
    /// [`Error::Invalid`] naming the scenario file, line and key for unknown airports,
    /// airlines, aircraft or routes.
    pub fn resolve(&self, data: &NetworkData) -> Result<(NetworkData, SimConfig)> {
        let mut diags = Vec::new();
        let f = &self.file;
        let c = &f.connections;
        let mut rules = ConnectionRules {
            max_connect: c.max_connect_minutes,
            max_circuity: c.max_circuity,
            max_stops: c.max_stops,
            ..ConnectionRules::default()
        };
        if c.interline.iter().any(|p| p == "*") {
            rules.interline = Interline::Any;
        } else if !c.interline.is_empty() {
            let mut pairs = std::collections::BTreeSet::new();
            for (i, pair) in c.interline.iter().enumerate() {
                let ids = pair
                    .split_once('-')
                    .and_then(|(a, b)| Some((data.airline_id(a)?, data.airline_id(b)?)));
                match ids {
                    Some(p) => {
                        pairs.insert(p);
                    }
                    None => diags.push(self.diagnostic(
                        &format!("connections.interline[{i}]"),
                        pair,
                        "\"*\" or two airline codes from airlines.csv joined by '-', e.g. \"KC-FS\"",
                    )),
                }
            }
            rules.interline = Interline::Pairs(pairs);
        }
        for (i, m) in c.mct.iter().enumerate() {
            match data.airport_id(&m.airport) {
                Some(a) => {
                    let base = data.airport(a).mct;
                    rules.mct_overrides.insert(
                        a,
                        Mct {
                            dd: m.dd.unwrap_or(base.dd),
                            di: m.di.unwrap_or(base.di),
                            id: m.id.unwrap_or(base.id),
                            ii: m.ii.unwrap_or(base.ii),
                        },
                    );
                }
                None => diags.push(self.diagnostic(
                    &format!("connections.mct[{i}].airport"),
                    &m.airport,
                    "an airport code from airports.csv",
                )),
            }
        }
        for (i, d) in f.operations.disruptions.iter().enumerate() {
            if data.airline_id(&d.airline).is_none() {
                diags.push(self.diagnostic(
                    &format!("operations.disruptions[{i}].airline"),
                    &d.airline,
                    "an airline code from airlines.csv",
                ));
            }
            if let Some(o) = &d.origin
                && data.airport_id(o).is_none()
            {
                diags.push(self.diagnostic(
                    &format!("operations.disruptions[{i}].origin"),
                    o,
                    "an airport code from airports.csv",
                ));
            }
        }
        const SELECTOR: &str = "\"*\", a country (\"KZ\"), a country's international markets (\"CN-*\"), a country pair (\"KZ-CN\") or an airport pair (\"ALA-PEK\")";
        for (i, r) in f.demand.recovery.iter().enumerate() {
            if crate::config::MarketSelector::parse(&r.markets).is_none() {
                diags.push(self.diagnostic(
                    &format!("demand.recovery[{i}].markets"),
                    &r.markets,
                    SELECTOR,
                ));
            }
        }
        for (i, g) in f.demand.groups.iter().enumerate() {
            if crate::config::MarketSelector::parse(&g.markets).is_none() {
                diags.push(self.diagnostic(
                    &format!("demand.groups[{i}].markets"),
                    &g.markets,
                    SELECTOR,
                ));
            }
        }
        for (i, a) in f.rm.airlines.iter().enumerate() {
            if data.airline_id(&a.airline).is_none() {
                diags.push(self.diagnostic(
                    &format!("rm.airlines[{i}].airline"),
                    &a.airline,
                    "an airline code from airlines.csv",
                ));
            }
        }
        let period = match self.period(data) {
            Ok(p) => Some(p),
            Err(Error::Invalid(d)) => {
                diags.extend(d.0);
                None
            }
            Err(e) => return Err(e),
        };
        let mut data = frequency::apply(self, data, &mut diags);
        if let Some(period) = period {
            data.warnings.extend(self.warnings(&data, period));
        }
        if !diags.is_empty() {
            let mut d = Diagnostics(diags);
            d.sort();
            return Err(Error::Invalid(d));
        }
        let cfg = SimConfig {
            period: period.expect("no diagnostics means a period"),
            seed: f.seed.unwrap_or(1),
            demand: f.demand.clone(),
            choice: f.choice.clone(),
            operations: f.operations.clone(),
            rules,
            rm: f.rm.clone(),
        };
        Ok((data, cfg))
    }

    /// A path written in the scenario, resolved against its folder.
    pub fn path(&self, written: &str) -> PathBuf {
        let p = Path::new(written);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }

    /// The scenario as TOML with every default written out.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(&self.file).expect("scenario settings serialise")
    }

    /// The scenario's name (the file's `name`, or where it came from).
    pub fn name(&self) -> &str {
        self.file.name.as_deref().unwrap_or(&self.origin)
    }
}
