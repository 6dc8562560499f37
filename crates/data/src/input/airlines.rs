//! `airlines.csv`: `code,name,country[,basis][,source]`.

use std::collections::BTreeMap;

use super::airports::is_country;
use super::table::{ColumnSpec, Table, opt, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::Airline;

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("code"),
    req("name"),
    req("country"),
    opt("basis"),
    opt("source"),
];

/// Whether `s` is a 2-character IATA airline designator (uppercase letters and digits).
pub(crate) fn is_airline_code(s: &str) -> bool {
    s.len() == 2
        && s.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && s.bytes().any(|c| c.is_ascii_uppercase())
}

/// Parses and validates `airlines.csv`.
pub(crate) fn load(
    file: &super::Source,
    diags: &mut Vec<Diagnostic>,
    known: &mut Known,
) -> Result<Vec<Airline>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    known.airlines_unusable = !table.usable;
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for row in table.rows() {
        let before = diags.len();
        let code = row.parse(
            "code",
            "a 2-character IATA airline designator such as KC",
            diags,
            |s| is_airline_code(s).then(|| s.to_string()),
        );
        if let Some(c) = &code {
            if let Some(prev) = seen.get(c) {
                diags.push(row.error("code", format!("a code not already defined on line {prev}")));
            } else {
                seen.insert(c.clone(), row.line);
            }
        }
        let name = row.nonempty("name", diags);
        let country = row.parse(
            "country",
            "an ISO 3166-1 alpha-2 country code such as KZ",
            diags,
            |s| is_country(s).then(|| s.to_string()),
        );
        let provenance = provenance(&row, diags);
        match (code, name, country, provenance) {
            (Some(code), Some(name), Some(country), Some(provenance)) if diags.len() == before => {
                out.push(Airline {
                    code,
                    name,
                    country,
                    provenance,
                })
            }
            (code, ..) => {
                if let Some(c) = code {
                    known.airlines.insert(c);
                }
            }
        }
    }
    Ok(out)
}
