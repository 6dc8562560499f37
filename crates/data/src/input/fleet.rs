//! `fleet.csv`: `airline,aircraft,iata_type,seats,count,min_turn[,basis][,source]`.

use std::collections::BTreeMap;

use super::table::{ColumnSpec, Table, opt, positive_int, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::{AircraftType, AirlineId};

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("airline"),
    req("aircraft"),
    req("iata_type"),
    req("seats"),
    req("count"),
    req("min_turn"),
    opt("basis"),
    opt("source"),
];

/// Parses and validates `fleet.csv` against the loaded airlines.
pub(crate) fn load(
    file: &super::Source,
    airlines: &BTreeMap<String, AirlineId>,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    known: &mut Known,
) -> Result<Vec<AircraftType>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    known.fleet_unusable = !table.usable;
    let mut out = Vec::new();
    let mut seen: BTreeMap<(String, String), u64> = BTreeMap::new();
    for row in table.rows() {
        let before = diags.len();
        let code = row.text("airline");
        let airline = airlines.get(code).copied();
        if airline.is_none() && !known.airline(code) {
            diags.push(row.error("airline", "an airline code defined in airlines.csv"));
        }
        let name = row.parse(
            "aircraft",
            "an aircraft name without spaces, such as A321LR",
            diags,
            |s| (!s.is_empty() && !s.contains(char::is_whitespace)).then(|| s.to_string()),
        );
        if let Some(n) = &name {
            let key = (code.to_string(), n.clone());
            if let Some(prev) = seen.get(&key) {
                diags.push(row.error(
                    "aircraft",
                    format!("an aircraft name not already defined for {code} on line {prev}"),
                ));
            } else {
                seen.insert(key, row.line);
            }
        }
        let iata_type = row.parse(
            "iata_type",
            "a 3-character IATA aircraft type code such as 32Q",
            diags,
            |s| {
                (s.len() == 3
                    && s.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                .then(|| s.to_string())
            },
        );
        let seats = row.parse(
            "seats",
            "a whole number of seats from 1 to 1000",
            diags,
            |s| positive_int(s, 1000),
        );
        let count = row.parse(
            "count",
            "a whole number of aircraft from 0 (unknown: not checked) to 10000",
            diags,
            |s| {
                if s == "0" {
                    Some(0)
                } else {
                    positive_int(s, 10_000)
                }
            },
        );
        let min_turn = row.parse("min_turn", "whole minutes from 0 to 1440", diags, |s| {
            if s == "0" {
                Some(0)
            } else {
                positive_int(s, 1440)
            }
        });
        if let (Some(t), Some(n)) = (&iata_type, seats)
            && let Some(f) = super::plausible::seats(t, n as u32)
        {
            let d = row.error(f.column, f.expected);
            match f.level {
                super::plausible::Level::Error => diags.push(d),
                super::plausible::Level::Warning => warnings.push(d),
            }
        }
        let provenance = provenance(&row, diags);
        if diags.len() > before {
            if let Some(n) = name {
                known.fleet.insert((code.to_string(), n));
            }
            continue;
        }
        if let (
            Some(airline),
            Some(name),
            Some(iata_type),
            Some(seats),
            Some(count),
            Some(min_turn),
            Some(provenance),
        ) = (airline, name, iata_type, seats, count, min_turn, provenance)
        {
            out.push(AircraftType {
                airline,
                name,
                iata_type,
                seats: seats as u32,
                count: count as u32,
                min_turn: min_turn as u32,
                provenance,
            });
        }
    }
    Ok(out)
}
