//! Import results as CSV: the patterns as a `routes/` `schedule.csv`, and the onward-flight
//! links as `onward.csv`.

use super::{OnwardLink, Tables};
use crate::id::Idx;
use crate::network::FlightPattern;

fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("in-memory CSV");
    for r in rows {
        w.write_record(&r).expect("in-memory CSV");
    }
    String::from_utf8(w.into_inner().expect("in-memory CSV")).expect("CSV of UTF-8 fields")
}

/// Patterns as `schedule.csv` text
/// (`airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source`,
/// with `dep_terminal,arr_terminal` before `basis` when a pattern has a terminal), in the order
/// given.
///
/// # Example
/// ```
/// use flightnet_data::ssim::{Tables, output::schedule_csv};
/// let data = flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin()).unwrap();
/// let text = schedule_csv(&data.patterns[..1], &Tables::of(&data));
/// assert_eq!(text.lines().nth(1), Some("CA,1021,PEK,XIY,07:00,08:45,0,1.3.5..,2023-04-21,2023-09-29,A320,S,at-2304"));
/// ```
pub fn schedule_csv(patterns: &[FlightPattern], t: &Tables<'_>) -> String {
    let terminals = patterns
        .iter()
        .any(|p| !p.dep_terminal.is_none() || !p.arr_terminal.is_none());
    let mut header = vec![
        "airline",
        "flight",
        "origin",
        "destination",
        "dep",
        "arr",
        "arr_day",
        "days",
        "from",
        "to",
        "aircraft",
    ];
    if terminals {
        header.extend(["dep_terminal", "arr_terminal"]);
    }
    header.extend(["basis", "source"]);
    csv_text(
        &header,
        patterns.iter().map(|p| {
            let mut row = vec![
                t.airlines[p.airline.index()].code.clone(),
                p.flight.to_string(),
                t.airports[p.origin.index()].iata.clone(),
                t.airports[p.destination.index()].iata.clone(),
                p.dep.to_string(),
                p.arr.to_string(),
                p.arr_day.to_string(),
                p.days.to_string(),
                p.period.first.to_string(),
                p.period.last.to_string(),
                t.fleet[p.aircraft.index()].name.clone(),
            ];
            if terminals {
                row.push(p.dep_terminal.as_str().to_string());
                row.push(p.arr_terminal.as_str().to_string());
            }
            row.push(p.provenance.basis.map_or("S", |b| b.code()).to_string());
            row.push(p.provenance.source.clone());
            row
        }),
    )
}

/// Onward-flight links as CSV
/// (`record,airline,flight,origin,destination,from,to,onward_airline,onward_flight,layover_days,dates,missing`).
pub fn onward_csv(links: &[OnwardLink]) -> String {
    csv_text(
        &[
            "record",
            "airline",
            "flight",
            "origin",
            "destination",
            "from",
            "to",
            "onward_airline",
            "onward_flight",
            "layover_days",
            "dates",
            "missing",
        ],
        links.iter().map(|l| {
            vec![
                l.record.clone(),
                l.airline.clone(),
                l.flight.to_string(),
                l.origin.clone(),
                l.destination.clone(),
                l.first.to_string(),
                l.last.to_string(),
                l.onward_airline.clone(),
                l.onward_flight.to_string(),
                l.layover.to_string(),
                l.dates.to_string(),
                l.missing.to_string(),
            ]
        }),
    )
}

fn prov(p: &crate::network::Provenance) -> [String; 2] {
    [
        p.basis.map_or("E", |b| b.code()).to_string(),
        p.source.clone(),
    ]
}

/// Airports as `airports.csv` text (with `basis` and `source`): the rows an import filled in
/// from the world airport table, ready to append to a network's `airports.csv`.
pub fn airports_csv(airports: &[crate::network::Airport]) -> String {
    csv_text(
        &[
            "iata", "icao", "name", "city", "country", "lat", "lon", "tz", "mct_dd", "mct_di",
            "mct_id", "mct_ii", "basis", "source",
        ],
        airports.iter().map(|a| {
            let mut r = vec![
                a.iata.clone(),
                a.icao.clone(),
                a.name.clone(),
                a.city.clone(),
                a.country.clone(),
                a.lat.to_string(),
                a.lon.to_string(),
                a.zone.name().to_string(),
                a.mct.dd.to_string(),
                a.mct.di.to_string(),
                a.mct.id.to_string(),
                a.mct.ii.to_string(),
            ];
            r.extend(prov(&a.provenance));
            r
        }),
    )
}

/// Airlines as `airlines.csv` text (with `basis` and `source`).
pub fn airlines_csv(airlines: &[crate::network::Airline]) -> String {
    csv_text(
        &["code", "name", "country", "basis", "source"],
        airlines.iter().map(|a| {
            let mut r = vec![a.code.clone(), a.name.clone(), a.country.clone()];
            r.extend(prov(&a.provenance));
            r
        }),
    )
}

/// Aircraft types as `fleet.csv` text (with `basis` and `source`); `t` names the airlines.
pub fn fleet_csv(fleet: &[crate::network::AircraftType], t: &Tables<'_>) -> String {
    csv_text(
        &[
            "airline",
            "aircraft",
            "iata_type",
            "seats",
            "count",
            "min_turn",
            "basis",
            "source",
        ],
        fleet.iter().map(|f| {
            let mut r = vec![
                t.airlines[f.airline.index()].code.clone(),
                f.name.clone(),
                f.iata_type.clone(),
                f.seats.to_string(),
                f.count.to_string(),
                f.min_turn.to_string(),
            ];
            r.extend(prov(&f.provenance));
            r
        }),
    )
}
