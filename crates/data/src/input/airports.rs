//! `airports.csv`: `iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii[,basis][,source]`.

use std::collections::BTreeMap;

use super::table::{ColumnSpec, Table, decimal, opt, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::{Airport, Mct};
use crate::time::Zone;

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("iata"),
    req("icao"),
    req("name"),
    req("city"),
    req("country"),
    req("lat"),
    req("lon"),
    req("tz"),
    req("mct_dd"),
    req("mct_di"),
    req("mct_id"),
    req("mct_ii"),
    opt("basis"),
    opt("source"),
];

pub(crate) fn is_iata_airport(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())
}

pub(crate) fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_uppercase())
}

/// Parses and validates `airports.csv`.
pub(crate) fn load(
    file: &super::Source,
    diags: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
    known: &mut Known,
) -> Result<Vec<Airport>, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    known.airports_unusable = !table.usable;
    let mut out: Vec<Airport> = Vec::new();
    let mut lines: Vec<u64> = Vec::new();
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    let mut zones: BTreeMap<String, Option<Zone>> = BTreeMap::new();
    for row in table.rows() {
        let before = diags.len();
        let iata = row.parse(
            "iata",
            "a 3-letter uppercase IATA airport code",
            diags,
            |s| is_iata_airport(s).then(|| s.to_string()),
        );
        if let Some(code) = &iata {
            if let Some(prev) = seen.get(code) {
                diags.push(row.error("iata", format!("a code not already defined on line {prev}")));
            } else {
                seen.insert(code.clone(), row.line);
            }
        }
        let icao = row.parse(
            "icao",
            "a 4-character ICAO code (uppercase letters and digits)",
            diags,
            |s| {
                (s.len() == 4
                    && s.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                .then(|| s.to_string())
            },
        );
        let name = row.nonempty("name", diags);
        let city = row.text("city").to_string();
        let country = row.parse(
            "country",
            "an ISO 3166-1 alpha-2 country code such as KZ",
            diags,
            |s| is_country(s).then(|| s.to_string()),
        );
        let lat = row.parse("lat", "a latitude from -90 to 90", diags, |s| {
            decimal(s, -90.0, 90.0)
        });
        let lon = row.parse("lon", "a longitude from -180 to 180", diags, |s| {
            decimal(s, -180.0, 180.0)
        });
        let zone = row.parse(
            "tz",
            "an IANA time zone name such as Asia/Almaty",
            diags,
            |s| {
                zones
                    .entry(s.to_string())
                    .or_insert_with(|| Zone::get(s))
                    .clone()
            },
        );
        let mct = |col: &str, diags: &mut Vec<Diagnostic>| {
            row.parse(col, "whole minutes from 0 to 1440", diags, |s| {
                if s.bytes().all(|c| c.is_ascii_digit()) && !s.is_empty() {
                    s.parse::<u16>().ok().filter(|&m| m <= 1440)
                } else {
                    None
                }
            })
        };
        let dd = mct("mct_dd", diags);
        let di = mct("mct_di", diags);
        let id = mct("mct_id", diags);
        let ii = mct("mct_ii", diags);
        if let (Some(icao), Some(country), Some(lon), Some(zone)) = (&icao, &country, lon, &zone) {
            for f in super::plausible::airport(icao, country, lon, zone) {
                let d = row.error(f.column, f.expected);
                match f.level {
                    super::plausible::Level::Error => diags.push(d),
                    super::plausible::Level::Warning => warnings.push(d),
                }
            }
        }
        let provenance = provenance(&row, diags);
        if diags.len() > before {
            if let Some(code) = iata {
                known.airports.insert(code);
            }
            continue;
        }
        let (Some(iata), Some(icao), Some(name), Some(country)) = (iata, icao, name, country)
        else {
            continue;
        };
        let (Some(lat), Some(lon), Some(zone), Some(dd), Some(di), Some(id), Some(ii)) =
            (lat, lon, zone, dd, di, id, ii)
        else {
            continue;
        };
        let Some(provenance) = provenance else {
            continue;
        };
        lines.push(row.line);
        out.push(Airport {
            iata,
            icao,
            name,
            city,
            country,
            lat,
            lon,
            zone,
            mct: Mct { dd, di, id, ii },
            provenance,
        });
    }
    let places: Vec<(f64, f64)> = out.iter().map(|a| (a.lat, a.lon)).collect();
    for (i, j) in super::plausible::coinciding(&places) {
        warnings.push(Diagnostic::line(
            table.file.as_path(),
            lines[j],
            &out[j].iata,
            format!(
                "an airport at least {} km from every other: {} (line {}) is at the same place, \
                 {:.3} km away (check the coordinates)",
                super::plausible::MIN_DISTANCE_KM,
                out[i].iata,
                lines[i],
                crate::geo::great_circle_km(out[i].lat, out[i].lon, out[j].lat, out[j].lon)
            ),
        ));
    }
    Ok(out)
}
