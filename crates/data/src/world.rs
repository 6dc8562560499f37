//! The world's airports, compiled in: the fallback for any airport code a network meets that
//! its `airports.csv` does not define, and placeholders for unknown airlines.
//!
//! The table is `crates/data/data/world-airports.csv` (IATA, ICAO, name, city, country,
//! coordinates and IANA zone of 7,884 airports), from the PyPI package `airportsdata`
//! (20260905, MIT licence, `world-airports.LICENSE.txt` beside it). An airport filled in from
//! it gets the IATA global default minimum connecting times ([`DEFAULT_MCT`]) and the
//! provenance basis `E`, source [`SOURCE`], so every output can mark it; `airports.csv`
//! always takes precedence.
//!
//! # Example
//! ```
//! use flightnet_data::world;
//! let run = world::airport("RUN").unwrap();
//! assert_eq!((run.country.as_str(), run.zone.name()), ("RE", "Indian/Reunion"));
//! assert_eq!(run.mct, world::DEFAULT_MCT);
//! assert!(world::is_filled_in(&run.provenance));
//! assert!(world::airport("QQQ").is_none());
//! ```

use std::sync::OnceLock;

use crate::network::{Airline, Airport, Basis, Mct, Provenance};
use crate::time::Zone;

/// The `source` of an airport row filled in from the world table.
pub const SOURCE: &str = "airportsdata";

/// The `source` of a placeholder airline row.
pub const PLACEHOLDER_SOURCE: &str = "placeholder";

/// The country given to a placeholder airline: `ZZ`, the user-assigned code CLDR uses for an
/// unknown region.
pub const UNKNOWN_COUNTRY: &str = "ZZ";

/// The IATA global default minimum connecting times (SSIM Chapter 8 §8.10.2, which applies
/// them where no station standard or exception matches): DD 0:30, DI 1:00, ID 1:30, II 1:30.
/// Chapter 8 has no defaults by region; station standards are filed airport by airport.
pub const DEFAULT_MCT: Mct = Mct {
    dd: 30,
    di: 60,
    id: 90,
    ii: 90,
};

const TEXT: &str = include_str!("../data/world-airports.csv");

/// One row of the world table.
#[derive(Clone, Debug)]
struct Row {
    iata: String,
    icao: String,
    name: String,
    city: String,
    country: String,
    lat: f64,
    lon: f64,
    tz: String,
}

/// The rows, sorted by IATA code (parsed once).
fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut r = csv::ReaderBuilder::new().from_reader(TEXT.as_bytes());
        let mut out: Vec<Row> = r
            .records()
            .filter_map(|rec| {
                let rec = rec.ok()?;
                let f = |i: usize| rec.get(i).unwrap_or("").to_string();
                Some(Row {
                    iata: f(0),
                    icao: f(1),
                    name: f(2),
                    city: f(3),
                    country: f(4),
                    lat: f(5).parse().ok()?,
                    lon: f(6).parse().ok()?,
                    tz: f(7),
                })
            })
            .collect();
        out.sort_by(|a, b| a.iata.cmp(&b.iata));
        out
    })
}

/// How many airports the table holds.
pub fn len() -> usize {
    rows().len()
}

/// The airport with IATA code `iata` as the world table gives it, with the default MCTs and
/// provenance basis `E`, source [`SOURCE`]; `None` when the table does not have it (or its
/// zone is unknown to the bundled time-zone database).
pub fn airport(iata: &str) -> Option<Airport> {
    let rows = rows();
    let i = rows.binary_search_by(|r| r.iata.as_str().cmp(iata)).ok()?;
    let r = &rows[i];
    Some(Airport {
        iata: r.iata.clone(),
        icao: r.icao.clone(),
        name: r.name.clone(),
        city: r.city.clone(),
        country: r.country.clone(),
        lat: r.lat,
        lon: r.lon,
        zone: Zone::get(&r.tz)?,
        mct: DEFAULT_MCT,
        provenance: Provenance {
            basis: Some(Basis::Estimated),
            source: SOURCE.to_string(),
        },
    })
}

/// A placeholder row for an airline designator that `airlines.csv` does not define.
pub fn placeholder_airline(code: &str) -> Airline {
    Airline {
        code: code.to_string(),
        name: format!("{code} (not in airlines.csv)"),
        country: UNKNOWN_COUNTRY.to_string(),
        provenance: Provenance {
            basis: Some(Basis::Estimated),
            source: PLACEHOLDER_SOURCE.to_string(),
        },
    }
}

/// Whether a row was filled in (from the world table, as a placeholder, or an aircraft type
/// from an SSIM configuration) rather than read from the network's own tables.
pub fn is_filled_in(p: &Provenance) -> bool {
    p.source == SOURCE
        || p.source == PLACEHOLDER_SOURCE
        || p.source.starts_with(FLEET_SOURCE_PREFIX)
}

/// The start of the `source` of an aircraft type added from an SSIM configuration
/// (`ssim-config:<file>:<line>`).
pub const FLEET_SOURCE_PREFIX: &str = "ssim-config:";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses_with_a_known_zone() {
        assert_eq!(len(), 7884);
        let rows = rows();
        assert!(rows.windows(2).all(|w| w[0].iata < w[1].iata));
        for r in rows {
            assert!(
                airport(&r.iata).is_some(),
                "{} {} has no zone in the database",
                r.iata,
                r.tz
            );
            assert!((-90.0..=90.0).contains(&r.lat) && (-180.0..=180.0).contains(&r.lon));
            assert_eq!(r.country.len(), 2);
        }
    }

    #[test]
    fn placeholders_are_marked() {
        let a = placeholder_airline("XX");
        assert!(is_filled_in(&a.provenance));
        assert_eq!(a.country, UNKNOWN_COUNTRY);
    }
}
