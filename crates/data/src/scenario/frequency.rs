//! Frequency overrides: set a route's weekly flights over a date range.
//!
//! The rule is deterministic and keeps as much of the schedule as it can:
//!
//! 1. The route's patterns that operate in the range are grouped into *services* (one flight
//!    number at one departure time) with every weekday they fly in the range; times, aircraft
//!    and flight numbers come from the pattern with the most dates in the range. The range then
//!    gets one uniform weekly plan: these services on these days, adjusted as follows.
//! 2. **Fewer flights:** repeatedly take the service with the most weekdays (ties: the later
//!    departure, then the higher flight number) and drop the weekday whose removal leaves its
//!    remaining days most evenly spread (largest smallest gap around the week; ties: the later
//!    weekday).
//! 3. **More flights:** repeatedly take the service with the fewest weekdays (ties: the earlier
//!    departure, then the lower flight number) and add the weekday farthest from its existing
//!    days around the week (ties: the earlier weekday; an empty service starts on Monday). When
//!    every service is daily, a new daily service is added at the midpoint of the largest gap
//!    between the existing departure times, with the same block time, aircraft and the
//!    airline's next unused flight number.
//! 4. A route with no flights in the range copies the times of its pattern nearest in time; a
//!    route not in the schedule at all needs `dep` (and `return_dep`), `aircraft` and
//!    optionally `block` (default: 25 min + 0.085 min/km of great-circle distance, to 5 min).
//!
//! Patterns are cut at the range's ends, so dates outside it keep their schedule.

use super::Scenario;
use super::schema::parse_duration;
use crate::error::Diagnostic;
use crate::geo::great_circle_km;
use crate::network::checks::operating_days;
use crate::network::{
    AirlineId, AirportId, FleetId, FlightPattern, NetworkData, Provenance, Terminal,
};
use crate::time::{DateRange, DaySet, LocalTime};

/// One flight number at one time, over the override's range.
#[derive(Clone, Debug)]
struct Service {
    flight: u16,
    dep: LocalTime,
    arr: LocalTime,
    arr_day: i8,
    aircraft: FleetId,
    days: DaySet,
    /// Departure and arrival terminals, as the copied pattern has them.
    terminals: (Terminal, Terminal),
}

/// Smallest circular distance between weekdays in `days` (7 when fewer than two).
fn min_gap(days: DaySet) -> u8 {
    let v: Vec<u8> = (1..=7).filter(|&d| days.contains(d)).collect();
    if v.len() < 2 {
        return 7;
    }
    let mut best = 7;
    for (i, &a) in v.iter().enumerate() {
        let b = v[(i + 1) % v.len()];
        let gap = (b as i8 - a as i8).rem_euclid(7) as u8;
        best = best.min(if gap == 0 { 7 } else { gap });
    }
    best
}

/// The weekday to add to `days`: farthest from the existing days (ties: earliest).
pub fn day_to_add(days: DaySet) -> u8 {
    let dist = |wd: u8| -> u8 {
        (1..=7u8)
            .filter(|&d| days.contains(d))
            .map(|d| {
                let x = (wd as i8 - d as i8).rem_euclid(7) as u8;
                x.min(7 - x)
            })
            .min()
            .unwrap_or(7)
    };
    (1..=7u8)
        .filter(|&wd| !days.contains(wd))
        .max_by_key(|&wd| (dist(wd), std::cmp::Reverse(wd)))
        .expect("called only when a day is free")
}

/// The weekday to drop from `days`: leaves the largest smallest gap (ties: the latest).
pub fn day_to_remove(days: DaySet) -> u8 {
    (1..=7u8)
        .filter(|&wd| days.contains(wd))
        .max_by_key(|&wd| (min_gap(DaySet(days.0 & !(1 << (wd - 1)))), wd))
        .expect("called only on a non-empty set")
}

fn shift(t: LocalTime, day: i8, by: i32) -> (LocalTime, i8) {
    let total = t.0 as i32 + by;
    (
        LocalTime(total.rem_euclid(1440) as u16),
        day + total.div_euclid(1440) as i8,
    )
}

/// What a new route needs when it has no pattern to copy.
struct NewRoute<'a> {
    dep: Option<&'a str>,
    aircraft: Option<&'a str>,
    block: Option<&'a str>,
}

/// Applies every `[[frequency]]` of `scenario` to a copy of `data`; problems go to `diags`.
pub(super) fn apply(
    scenario: &Scenario,
    data: &NetworkData,
    diags: &mut Vec<Diagnostic>,
) -> NetworkData {
    let mut patterns = data.patterns.clone();
    for (i, fo) in scenario.file.frequency.iter().enumerate() {
        let key = |k: &str| format!("frequency[{i}].{k}");
        let airline = data.airline_id(&fo.airline);
        if airline.is_none() {
            diags.push(scenario.diagnostic(
                &key("airline"),
                &fo.airline,
                "an airline code from airlines.csv",
            ));
        }
        let o = data.airport_id(&fo.origin);
        if o.is_none() {
            diags.push(scenario.diagnostic(
                &key("origin"),
                &fo.origin,
                "an airport code from airports.csv",
            ));
        }
        let d = data.airport_id(&fo.destination);
        if d.is_none() {
            diags.push(scenario.diagnostic(
                &key("destination"),
                &fo.destination,
                "an airport code from airports.csv",
            ));
        }
        let (Some(airline), Some(o), Some(d)) = (airline, o, d) else {
            continue;
        };
        let Some(range) = DateRange::new(fo.from, fo.to) else {
            continue; // reported by the file check
        };
        let mut dirs = vec![(o, d, fo.dep.as_deref(), "dep")];
        if fo.both_directions {
            dirs.push((d, o, fo.return_dep.as_deref(), "return_dep"));
        }
        for (a, b, dep, dep_key) in dirs {
            let new = NewRoute {
                dep,
                aircraft: fo.aircraft.as_deref(),
                block: fo.block.as_deref(),
            };
            let origin_ref = format!("{} frequency[{i}]", scenario.origin);
            if let Err((k, value, expected)) = adjust(
                data,
                &mut patterns,
                airline,
                a,
                b,
                range,
                fo.weekly,
                &new,
                &origin_ref,
            ) {
                let k = if k == "dep" { dep_key } else { k };
                diags.push(scenario.diagnostic(&key(k), &value, expected));
            }
        }
    }
    let mut out = NetworkData::new(
        data.airports.clone(),
        data.airlines.clone(),
        data.fleet.clone(),
        patterns,
        data.demand.clone(),
    );
    out.warnings = data.warnings.clone();
    out.economics = data.economics.clone();
    out.mct = data.mct.clone();
    out
}

type Problem = (&'static str, String, String);

#[allow(clippy::too_many_arguments)]
fn adjust(
    data: &NetworkData,
    patterns: &mut Vec<FlightPattern>,
    airline: AirlineId,
    o: AirportId,
    d: AirportId,
    range: DateRange,
    weekly: u32,
    new: &NewRoute<'_>,
    origin_ref: &str,
) -> Result<(), Problem> {
    let on_route = |p: &FlightPattern| p.airline == airline && p.origin == o && p.destination == d;
    let dates_in = |p: &FlightPattern| {
        p.period.intersect(&range).map_or(0, |r| {
            operating_days(&FlightPattern {
                period: r,
                ..p.clone()
            })
            .count()
        })
    };
    let overlapping: Vec<usize> = (0..patterns.len())
        .filter(|&i| on_route(&patterns[i]) && dates_in(&patterns[i]) > 0)
        .collect();
    // Services in the range.
    let mut services: Vec<Service> = Vec::new();
    let mut best_dates: Vec<usize> = Vec::new();
    for &i in &overlapping {
        let p = &patterns[i];
        let n = dates_in(p);
        match services
            .iter()
            .position(|s| s.flight == p.flight && s.dep == p.dep)
        {
            Some(k) => {
                services[k].days = DaySet(services[k].days.0 | p.days.0);
                if n > best_dates[k] {
                    best_dates[k] = n;
                    services[k].arr = p.arr;
                    services[k].arr_day = p.arr_day;
                    services[k].aircraft = p.aircraft;
                    services[k].terminals = (p.dep_terminal, p.arr_terminal);
                }
            }
            None => {
                services.push(Service {
                    flight: p.flight,
                    dep: p.dep,
                    arr: p.arr,
                    arr_day: p.arr_day,
                    aircraft: p.aircraft,
                    days: p.days,
                    terminals: (p.dep_terminal, p.arr_terminal),
                });
                best_dates.push(n);
            }
        }
    }
    // The weekdays any pattern flies in the range are the starting plan; the whole range then
    // gets that plan, adjusted to exactly `weekly` flights, on every week.
    let current: u32 = services.iter().map(|s| s.days.count()).sum();
    let next_flight = |patterns: &[FlightPattern], extra: &[Service]| -> u16 {
        patterns
            .iter()
            .filter(|p| p.airline == airline)
            .map(|p| p.flight)
            .chain(extra.iter().map(|s| s.flight))
            .max()
            .unwrap_or(0)
            .saturating_add(1)
            .min(9999)
    };
    if services.is_empty() && weekly > 0 {
        // Copy the nearest pattern of the route, or build one from the override.
        let nearest = (0..patterns.len())
            .filter(|&i| on_route(&patterns[i]))
            .min_by_key(|&i| {
                let p = &patterns[i].period;
                let gap = if p.last < range.first {
                    range.first.0 - p.last.0
                } else {
                    p.first.0 - range.last.0
                };
                (gap, i)
            });
        let service = match nearest {
            Some(i) => {
                let p = &patterns[i];
                Service {
                    flight: p.flight,
                    dep: p.dep,
                    arr: p.arr,
                    arr_day: p.arr_day,
                    aircraft: p.aircraft,
                    days: DaySet(0),
                    terminals: (p.dep_terminal, p.arr_terminal),
                }
            }
            None => {
                let dep = new.dep.and_then(LocalTime::parse).ok_or((
                    "dep",
                    String::new(),
                    "a departure time \"HH:MM\": the route has no flights to copy".to_string(),
                ))?;
                let ac_name = new.aircraft.ok_or((
                    "aircraft",
                    String::new(),
                    "an aircraft: the route has no flights to copy".to_string(),
                ))?;
                let aircraft = data.fleet_id(airline, ac_name).ok_or((
                    "aircraft",
                    ac_name.to_string(),
                    format!("an aircraft of {} in fleet.csv", data.airline(airline).code),
                ))?;
                let (ao, ad) = (data.airport(o), data.airport(d));
                let block = match new.block {
                    Some(b) => parse_duration(b).expect("schema-checked") as i64,
                    None => {
                        let km = great_circle_km(ao.lat, ao.lon, ad.lat, ad.lon);
                        ((25.0 + 0.085 * km) / 5.0).round() as i64 * 5
                    }
                };
                let dep_utc = ao.zone.to_utc(range.first, dep);
                let (arr_day, arr) = ad.zone.to_local(dep_utc.plus(block));
                Service {
                    flight: next_flight(patterns, &[]),
                    dep,
                    arr,
                    arr_day: (arr_day.0 - range.first.0) as i8,
                    aircraft,
                    days: DaySet(0),
                    terminals: Default::default(),
                }
            }
        };
        services.push(service);
    }
    services.sort_by_key(|s| (s.dep, s.flight));
    let mut total = current;
    while total < weekly {
        if services.iter().all(|s| s.days.count() == 7) {
            // A new daily service in the largest gap between departure times.
            let mut deps: Vec<i32> = services.iter().map(|s| s.dep.0 as i32).collect();
            deps.sort();
            let (mut gap, mut at) = (0, 0);
            for (k, &t) in deps.iter().enumerate() {
                let next = if k + 1 < deps.len() {
                    deps[k + 1]
                } else {
                    deps[0] + 1440
                };
                if next - t > gap {
                    gap = next - t;
                    at = t;
                }
            }
            let template = services[0].clone();
            let by = (at + gap / 2) - template.dep.0 as i32;
            let by = (by as f64 / 5.0).round() as i32 * 5;
            let (dep, _) = shift(template.dep, 0, by);
            let (arr, arr_day) = shift(template.arr, template.arr_day, by);
            if !(-1..=2).contains(&arr_day) || by == 0 {
                return Err((
                    "weekly",
                    weekly.to_string(),
                    "a frequency the route's departure times can hold".into(),
                ));
            }
            let flight = next_flight(patterns, &services);
            services.push(Service {
                flight,
                dep,
                arr,
                arr_day,
                aircraft: template.aircraft,
                days: DaySet(0),
                terminals: template.terminals,
            });
        }
        let k = (0..services.len())
            .filter(|&k| services[k].days.count() < 7)
            .min_by_key(|&k| {
                (
                    services[k].days.count(),
                    services[k].dep,
                    services[k].flight,
                )
            })
            .expect("a service with a free day exists");
        let wd = day_to_add(services[k].days);
        services[k].days = services[k].days.with(wd);
        total += 1;
    }
    while total > weekly {
        let k = (0..services.len())
            .filter(|&k| services[k].days.count() > 0)
            .max_by_key(|&k| {
                (
                    services[k].days.count(),
                    services[k].dep,
                    services[k].flight,
                )
            })
            .expect("a service with a day exists");
        let wd = day_to_remove(services[k].days);
        services[k].days = DaySet(services[k].days.0 & !(1 << (wd - 1)));
        total -= 1;
    }
    // Cut the old patterns at the range and add the new services.
    let mut kept = Vec::new();
    for (i, p) in patterns.drain(..).enumerate() {
        if !overlapping.contains(&i) {
            kept.push(p);
            continue;
        }
        for part in [
            DateRange::new(p.period.first, range.first.plus_days(-1)),
            DateRange::new(range.last.plus_days(1), p.period.last),
        ]
        .into_iter()
        .flatten()
        {
            let piece = FlightPattern {
                period: part,
                ..p.clone()
            };
            if operating_days(&piece).next().is_some() {
                kept.push(piece);
            }
        }
    }
    for s in services.into_iter().filter(|s| s.days.count() > 0) {
        let p = FlightPattern {
            airline,
            flight: s.flight,
            origin: o,
            destination: d,
            dep: s.dep,
            arr: s.arr,
            arr_day: s.arr_day,
            days: s.days,
            period: range,
            aircraft: s.aircraft,
            provenance: Provenance {
                basis: None,
                source: origin_ref.to_string(),
            },
            origin_ref: origin_ref.to_string(),
            dep_terminal: s.terminals.0,
            arr_terminal: s.terminals.1,
        };
        if operating_days(&p).next().is_some() {
            kept.push(p);
        }
    }
    *patterns = kept;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_spread_evenly() {
        let d = DaySet::parse(".2.....").unwrap();
        assert_eq!(day_to_add(d), 5);
        assert_eq!(day_to_add(DaySet(0)), 1);
        let mut s = DaySet(0);
        for _ in 0..3 {
            s = s.with(day_to_add(s));
        }
        assert_eq!(s.to_string(), "1..4.6.");
        assert_eq!(day_to_remove(DaySet::DAILY), 7);
        assert_eq!(day_to_remove(DaySet::parse("1.3.5.7").unwrap()), 7);
    }
}
