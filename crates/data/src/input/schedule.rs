//! `schedule.csv`: `airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft[,basis][,source]`.

use crate::id::Idx;
use std::collections::BTreeMap;

use super::plausible::{self, Level};
use super::table::{ColumnSpec, Table, opt, positive_int, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::checks::{MAX_BLOCK_MINUTES, duplicate_dates, utc_scan};
use crate::network::{AircraftType, Airline, Airport, AirportId, FleetId, FlightPattern};
use crate::time::{DateRange, Day, DaySet, LocalTime, format_hm};

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("airline"),
    req("flight"),
    req("origin"),
    req("destination"),
    req("dep"),
    req("arr"),
    req("arr_day"),
    req("days"),
    req("from"),
    req("to"),
    req("aircraft"),
    opt("dep_terminal"),
    opt("arr_terminal"),
    opt("basis"),
    opt("source"),
];

/// Lookups the schedule needs from the tables loaded before it.
pub(crate) struct Refs<'a> {
    pub airports: &'a [Airport],
    pub airport_ids: &'a BTreeMap<String, AirportId>,
    pub airlines: &'a [Airline],
    pub fleet: &'a [AircraftType],
    pub fleet_ids: &'a BTreeMap<(String, String), FleetId>,
}

/// Parses and validates `schedule.csv`: every field, the UTC order of every dated leg, and
/// duplicate flights on the same date.
pub(crate) fn load(
    file: &super::Source,
    refs: &Refs<'_>,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    known: &Known,
) -> Result<Vec<FlightPattern>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    let airline_ids: BTreeMap<&str, usize> = refs
        .airlines
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect();
    let mut out = Vec::new();
    let mut lines = Vec::new();
    let path = file.path();
    let fname = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    for row in table.rows() {
        let before = diags.len();
        let code = row.text("airline");
        let airline = airline_ids.get(code).copied();
        if airline.is_none() && !known.airline(code) {
            diags.push(row.error("airline", "an airline code defined in airlines.csv"));
        }
        let flight = row.parse(
            "flight",
            "a flight number from 1 to 9999 (digits only)",
            diags,
            |s| (s.len() <= 4).then(|| positive_int(s, 9999)).flatten(),
        );
        let airport = |col: &str, diags: &mut Vec<Diagnostic>| {
            let c = row.text(col);
            let id = refs.airport_ids.get(c).copied();
            if id.is_none() && !known.airport(c) {
                diags.push(row.error(col, "an airport code defined in airports.csv"));
            }
            id
        };
        let origin = airport("origin", diags);
        let destination = airport("destination", diags);
        if origin.is_some() && origin == destination {
            diags.push(row.error("destination", "an airport other than the origin"));
        }
        let time = |col: &str, diags: &mut Vec<Diagnostic>| {
            row.parse(
                col,
                "a local time HH:MM from 00:00 to 23:59",
                diags,
                LocalTime::parse,
            )
        };
        let dep = time("dep", diags);
        let arr = time("arr", diags);
        let arr_day = row.parse(
            "arr_day",
            "an arrival day offset: -1, 0, 1 or 2",
            diags,
            |s| match s {
                "-1" => Some(-1i8),
                "0" | "+0" => Some(0),
                "1" | "+1" => Some(1),
                "2" | "+2" => Some(2),
                _ => None,
            },
        );
        let days = row.parse(
            "days",
            "7 characters, position n holding n for an operated weekday (1 = Monday) or '.', e.g. 1.3.5.7",
            diags,
            DaySet::parse,
        );
        let date = |col: &str, diags: &mut Vec<Diagnostic>| {
            row.parse(col, crate::time::DATE_EXPECTED, diags, Day::parse)
        };
        let from = date("from", diags);
        let to = date("to", diags);
        let period = match (from, to) {
            (Some(f), Some(t)) => {
                let r = DateRange::new(f, t);
                if r.is_none() {
                    diags.push(row.error("to", format!("a date on or after `from` ({f})")));
                }
                r
            }
            _ => None,
        };
        let ac_name = row.text("aircraft");
        let aircraft = refs
            .fleet_ids
            .get(&(code.to_string(), ac_name.to_string()))
            .copied();
        if aircraft.is_none() && airline.is_some() && !known.aircraft(code, ac_name) {
            let names: Vec<&str> = refs
                .fleet
                .iter()
                .filter(|t| refs.airlines[t.airline.index()].code == code)
                .map(|t| t.name.as_str())
                .collect();
            diags.push(row.error(
                "aircraft",
                format!(
                    "an aircraft of {code} defined in fleet.csv ({})",
                    if names.is_empty() {
                        "none defined".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            ));
        }
        let terminal = |c: &str, diags: &mut Vec<Diagnostic>| {
            row.parse(
                c,
                "a terminal of 1 or 2 letters or digits, or blank",
                diags,
                crate::network::Terminal::parse,
            )
        };
        let dep_terminal = terminal("dep_terminal", diags);
        let arr_terminal = terminal("arr_terminal", diags);
        let provenance = provenance(&row, diags);
        if diags.len() > before {
            continue;
        }
        let (Some(airline), Some(flight), Some(origin), Some(destination)) =
            (airline, flight, origin, destination)
        else {
            continue;
        };
        let (Some(dep), Some(arr), Some(arr_day), Some(days), Some(period), Some(aircraft)) =
            (dep, arr, arr_day, days, period, aircraft)
        else {
            continue;
        };
        let Some(provenance) = provenance else {
            continue;
        };
        let pattern = FlightPattern {
            airline: crate::network::AirlineId(airline as u16),
            flight: flight as u16,
            origin,
            destination,
            dep,
            arr,
            arr_day,
            days,
            period,
            aircraft,
            provenance,
            origin_ref: format!("{fname}:{}", row.line),
            dep_terminal: dep_terminal.unwrap_or_default(),
            arr_terminal: arr_terminal.unwrap_or_default(),
        };
        if crate::network::checks::operating_days(&pattern)
            .next()
            .is_none()
        {
            diags.push(row.error(
                "days",
                format!("at least one day of operation within {period}"),
            ));
            continue;
        }
        let (problem, blocks) = utc_scan(&pattern, refs.airports);
        if let Some(p) = problem {
            let block = p.arr.0 - p.dep.0;
            let what = if block <= 0 {
                "an arrival after the departure once both are in UTC".to_string()
            } else {
                format!("a block time of at most {} hours", MAX_BLOCK_MINUTES / 60)
            };
            diags.push(row.error(
                "arr",
                format!(
                    "{what}: on {} it departs {} and arrives {} (block {}); {} of {} dates affected",
                    p.day,
                    p.dep,
                    p.arr,
                    format_hm(block),
                    p.bad_dates,
                    p.dates
                ),
            ));
            continue;
        }
        let mut bad = false;
        for f in plausible::pattern(&pattern, refs.airports, blocks) {
            let d = row.error_with(f.column, &f.value, f.expected);
            match f.level {
                Level::Error => {
                    diags.push(d);
                    bad = true;
                }
                Level::Warning => warnings.push(d),
            }
        }
        if bad {
            continue;
        }
        out.push(pattern);
        lines.push(row.line);
    }
    let duplicates = duplicate_dates(&out);
    for &(i, j, day) in &duplicates {
        let p = &out[j];
        diags.push(Diagnostic::line(
            &path,
            lines[j],
            &format!(
                "{}{} {}",
                refs.airlines[p.airline.index()].code,
                p.flight,
                refs.airports[p.origin.index()].iata
            ),
            format!(
                "a flight that departs its origin at most once per date, but it also operates on {day} by line {}",
                lines[i]
            ),
        ));
    }
    for (i, j, day) in plausible::reused_numbers(&out, refs.airports) {
        if duplicates.iter().any(|&(a, b, _)| (a, b) == (j, i)) {
            continue; // the same departure twice, reported above
        }
        let p = &out[i];
        let (o, d) = (
            &refs.airports[p.origin.index()].iata,
            &refs.airports[p.destination.index()].iata,
        );
        diags.push(Diagnostic::line(
            &path,
            lines[i],
            &format!(
                "{}{} {o}-{d}",
                refs.airlines[p.airline.index()].code,
                p.flight
            ),
            format!(
                "a flight number used by one flight per day: on {day} it also flies by line {}, \
                 and neither leg continues the other (a multi-leg flight leaves where its \
                 previous leg landed, within 24 hours)",
                lines[j]
            ),
        ));
    }
    Ok(out)
}
