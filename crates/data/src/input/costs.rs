//! `costs.csv`: `airline,aircraft,cost_per_block_hour,cost_per_departure,cost_per_passenger,
//! currency[,basis][,source]`.

use std::collections::BTreeMap;

use super::table::{ColumnSpec, Table, decimal, opt, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::{AircraftCost, AirlineId, FleetId};

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("airline"),
    req("aircraft"),
    req("cost_per_block_hour"),
    req("cost_per_departure"),
    req("cost_per_passenger"),
    req("currency"),
    opt("basis"),
    opt("source"),
];

/// Parses and validates `costs.csv` against the loaded airlines and fleet. `currency` is the
/// fares' currency (and the line that named it) when `fares.csv` was read.
pub(crate) fn load(
    file: &super::Source,
    airlines: &BTreeMap<String, AirlineId>,
    fleet: &BTreeMap<(String, String), FleetId>,
    currency: &mut Option<(String, u64)>,
    diags: &mut Vec<Diagnostic>,
    known: &Known,
) -> Result<Vec<AircraftCost>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    let mut out = Vec::new();
    let mut seen: BTreeMap<FleetId, u64> = BTreeMap::new();
    let fares_had_currency = currency.is_some();
    for row in table.rows() {
        let before = diags.len();
        let code = row.text("airline");
        let airline = airlines.get(code).copied();
        if airline.is_none() && !known.airlines.contains(code) {
            diags.push(row.error("airline", "an airline code defined in airlines.csv"));
        }
        let name = row.text("aircraft");
        let aircraft = fleet.get(&(code.to_string(), name.to_string())).copied();
        if airline.is_some()
            && aircraft.is_none()
            && !known.fleet.contains(&(code.to_string(), name.to_string()))
        {
            diags.push(row.error("aircraft", format!("an aircraft of {code} in fleet.csv")));
        }
        if let Some(a) = aircraft {
            if let Some(prev) = seen.get(&a) {
                diags.push(row.error(
                    "aircraft",
                    format!("one row per aircraft type; this one is already on line {prev}"),
                ));
            } else {
                seen.insert(a, row.line);
            }
        }
        let money = |col: &str, diags: &mut Vec<Diagnostic>| {
            row.parse(col, "an amount from 0 to 10000000", diags, |s| {
                decimal(s, 0.0, 1e7)
            })
        };
        let per_block_hour = money("cost_per_block_hour", diags);
        let per_departure = money("cost_per_departure", diags);
        let per_passenger = money("cost_per_passenger", diags);
        let cur = row.parse(
            "currency",
            "an ISO 4217 currency code of 3 uppercase letters, such as USD",
            diags,
            |s| (s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())).then(|| s.to_string()),
        );
        if let Some(c) = &cur {
            match currency {
                None => *currency = Some((c.clone(), row.line)),
                Some((first, line)) if first != c => diags.push(row.error(
                    "currency",
                    if fares_had_currency {
                        format!("{first}, the currency of fares.csv (line {line})")
                    } else {
                        format!("{first}, the currency of every cost (as on line {line})")
                    },
                )),
                _ => {}
            }
        }
        let provenance = provenance(&row, diags);
        if diags.len() > before {
            continue;
        }
        if let (Some(airline), Some(aircraft), Some(h), Some(d), Some(p), Some(provenance)) = (
            airline,
            aircraft,
            per_block_hour,
            per_departure,
            per_passenger,
            provenance,
        ) {
            out.push(AircraftCost {
                airline,
                aircraft,
                per_block_hour: h,
                per_departure: d,
                per_passenger: p,
                provenance,
            });
        }
    }
    Ok(out)
}
