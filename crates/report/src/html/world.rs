//! Country outlines for the route map, and country names.
//!
//! `world/countries-110m.txt` is Natural Earth's 1:110m Admin 0 countries (public domain) as
//! packaged by the `world-atlas` npm package 2.0.2 (ISC licence, © 2013-2019 Michael
//! Bostock), converted by `world/convert.py`: one country per line, `CODE<TAB>name<TAB>rings`,
//! rings separated by `;`, points `lon,lat` separated by spaces.

use std::sync::OnceLock;

const DATA: &str = include_str!("world/countries-110m.txt");

/// A country outline.
#[derive(Debug)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`--` when it has none).
    pub code: &'static str,
    /// Short English name.
    pub name: &'static str,
    /// Outline rings, `(lon, lat)` in degrees.
    pub rings: Vec<Vec<(f64, f64)>>,
}

fn parse(text: &'static str) -> Vec<Country> {
    text.lines()
        .filter_map(|line| {
            let mut f = line.splitn(3, '\t');
            let (code, name, rings) = (f.next()?, f.next()?, f.next()?);
            let rings = rings
                .split(';')
                .map(|r| {
                    r.split(' ')
                        .filter_map(|p| {
                            let (x, y) = p.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect::<Vec<(f64, f64)>>()
                })
                .filter(|r| r.len() >= 3)
                .collect();
            Some(Country { code, name, rings })
        })
        .collect()
}

/// Every country, in code order.
pub fn countries() -> &'static [Country] {
    static ALL: OnceLock<Vec<Country>> = OnceLock::new();
    ALL.get_or_init(|| parse(DATA))
}

/// The short English name of a country code (the code itself when unknown).
///
/// # Example
/// ```
/// assert_eq!(flightnet_report::html::world::country_name("KZ"), "Kazakhstan");
/// assert_eq!(flightnet_report::html::world::country_name("XX"), "XX");
/// ```
pub fn country_name(code: &str) -> String {
    countries()
        .iter()
        .find(|c| c.code == code)
        .map_or_else(|| code.to_string(), |c| c.name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_load() {
        let all = countries();
        assert!(all.len() > 170);
        let cn = all.iter().find(|c| c.code == "CN").unwrap();
        assert_eq!(cn.name, "China");
        let (lon, lat) = cn.rings[0][0];
        assert!((70.0..140.0).contains(&lon) && (15.0..55.0).contains(&lat));
    }
}
