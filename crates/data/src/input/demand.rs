//! `demand.csv`: `origin,destination,daily_pax[,basis][,source]`.

use std::collections::BTreeMap;

use super::table::{ColumnSpec, Table, decimal, opt, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::AirportId;
use crate::network::BaseDemand;

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("origin"),
    req("destination"),
    req("daily_pax"),
    opt("basis"),
    opt("source"),
];

/// Parses and validates `demand.csv` against the loaded airports.
pub(crate) fn load(
    file: &super::Source,
    airports: &BTreeMap<String, AirportId>,
    diags: &mut Vec<Diagnostic>,
    known: &Known,
) -> Result<Vec<BaseDemand>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    let mut out = Vec::new();
    let mut seen: BTreeMap<(AirportId, AirportId), u64> = BTreeMap::new();
    for row in table.rows() {
        let before = diags.len();
        let airport = |col: &str, diags: &mut Vec<Diagnostic>| {
            let code = row.text(col);
            let id = airports.get(code).copied();
            if id.is_none() && !known.airport(code) {
                diags.push(row.error(col, "an airport code defined in airports.csv"));
            }
            id
        };
        let origin = airport("origin", diags);
        let destination = airport("destination", diags);
        if let (Some(o), Some(d)) = (origin, destination) {
            if o == d {
                diags.push(row.error("destination", "an airport other than the origin"));
            } else if let Some(prev) = seen.get(&(o, d)) {
                diags.push(row.line_error(format!(
                    "one row per market; this market is already on line {prev}"
                )));
            } else {
                seen.insert((o, d), row.line);
            }
        }
        let daily_pax = row.parse(
            "daily_pax",
            "a positive number of daily passengers (at most 10000000)",
            diags,
            |s| decimal(s, f64::MIN_POSITIVE, 1e7),
        );
        let provenance = provenance(&row, diags);
        if diags.len() > before {
            continue;
        }
        if let (Some(origin), Some(destination), Some(daily_pax), Some(provenance)) =
            (origin, destination, daily_pax, provenance)
        {
            out.push(BaseDemand {
                origin,
                destination,
                daily_pax,
                provenance,
            });
        }
    }
    Ok(out)
}
