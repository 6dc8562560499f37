//! Checks that a value makes sense, beyond its format: block times against the great-circle
//! distance, seats against the aircraft type, ICAO code and time zone against the country,
//! coordinates against the time zone, airports that coincide, and flight numbers flown on
//! unconnected legs the same day.
//!
//! Each check gives a [`Finding`] that is an error (the input cannot be right) or a warning
//! (unusual, but possible in the real world); the thresholds are the constants below and are
//! documented in the README ("Plausibility checks").

use std::collections::BTreeMap;

use crate::geo::great_circle_km;
use crate::network::{Airport, FlightPattern};
use crate::time::{Day, LocalTime, UtcMinute, Zone};

/// Fixed part of the block-time estimate: taxi, climb and descent (minutes).
pub const BLOCK_FIXED_MINUTES: f64 = 30.0;
/// Variable part of the block-time estimate: 800 km/h in cruise (minutes per km).
pub const BLOCK_MINUTES_PER_KM: f64 = 0.075;
/// A block time further than this share from the estimate is a warning (winds, detours,
/// slow aircraft and congested hubs stay within it: the shipped network is within 0.98–1.17).
pub const BLOCK_WARN_SHARE: f64 = 0.35;
/// A block time above this multiple of the estimate is an error.
pub const BLOCK_MAX_FACTOR: f64 = 3.0;
/// An average speed over the block time above this is an error (no airliner does it, even
/// with the strongest jet-stream tailwind), in km/h.
pub const MAX_BLOCK_SPEED_KMH: f64 = 1200.0;
/// Two airports closer than this are the same place (km): a flight between them is an error,
/// two such rows in `airports.csv` a warning.
pub const MIN_DISTANCE_KM: f64 = 1.0;
/// Seats up to this share above the type's maximum are a warning; more is an error.
pub const SEATS_WARN_SHARE: f64 = 0.25;
/// A time zone whose standard offset differs from the longitude's solar time by more hours
/// than this contradicts the coordinates (western China keeps UTC+8 at UTC+5 solar time: 3 h).
pub const ZONE_SOLAR_HOURS: f64 = 3.5;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    Warning,
    Error,
}

/// One problem found in a row: which column, the value, and what was expected.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub level: Level,
    pub column: &'static str,
    pub value: String,
    pub expected: String,
}

/// The estimated block time for a great-circle distance, in minutes.
///
/// # Example
/// ```
/// // Almaty–Beijing, 3,271 km: about 4 h 35 (scheduled: 4 h 40 to 5 h 05).
/// let m = flightnet_data::input::block_estimate(3271.0);
/// assert!((m - 275.0).abs() < 1.0);
/// ```
pub fn block_estimate(km: f64) -> f64 {
    BLOCK_FIXED_MINUTES + BLOCK_MINUTES_PER_KM * km
}

fn hm(m: i64) -> String {
    crate::time::format_hm(m)
}

/// Block time and distance of a pattern; `blocks` is the shortest and longest UTC block time
/// over its dates.
pub(crate) fn pattern(p: &FlightPattern, airports: &[Airport], blocks: (i64, i64)) -> Vec<Finding> {
    let (o, d) = (
        &airports[p.origin.0 as usize],
        &airports[p.destination.0 as usize],
    );
    let km = great_circle_km(o.lat, o.lon, d.lat, d.lon);
    let route = format!("{}–{}", o.iata, d.iata);
    if km < MIN_DISTANCE_KM {
        return vec![Finding {
            level: Level::Error,
            column: "destination",
            value: d.iata.clone(),
            expected: format!(
                "an airport at least {MIN_DISTANCE_KM} km from the origin: {} and {} are {km:.1} \
                 km apart (check their coordinates in airports.csv)",
                o.iata, d.iata
            ),
        }];
    }
    let (short, long) = blocks;
    let est = block_estimate(km);
    let basis = format!(
        "{route} is {km:.0} km, about {} at {BLOCK_FIXED_MINUTES:.0} min + \
         {BLOCK_MINUTES_PER_KM} min/km",
        hm(est.round() as i64)
    );
    let speed = km / (short.max(1) as f64 / 60.0);
    if speed > MAX_BLOCK_SPEED_KMH {
        return vec![Finding {
            level: Level::Error,
            column: "arr",
            value: format!("block {}", hm(short)),
            expected: format!(
                "a block time of at least {} ({basis}; faster than {MAX_BLOCK_SPEED_KMH:.0} km/h \
                 is impossible)",
                hm((km / MAX_BLOCK_SPEED_KMH * 60.0).ceil() as i64)
            ),
        }];
    }
    if long as f64 > BLOCK_MAX_FACTOR * est {
        return vec![Finding {
            level: Level::Error,
            column: "arr",
            value: format!("block {}", hm(long)),
            expected: format!(
                "a block time of at most {} ({basis}; {BLOCK_MAX_FACTOR}× that is not a flight)",
                hm((BLOCK_MAX_FACTOR * est).floor() as i64)
            ),
        }];
    }
    let (lo, hi) = (
        (1.0 - BLOCK_WARN_SHARE) * est,
        (1.0 + BLOCK_WARN_SHARE) * est,
    );
    let odd = if (short as f64) < lo {
        Some(short)
    } else if long as f64 > hi {
        Some(long)
    } else {
        None
    };
    odd.map(|b| Finding {
        level: Level::Warning,
        column: "arr",
        value: format!("block {}", hm(b)),
        expected: format!(
            "a block time within {:.0}% of the great-circle estimate, {} to {} ({basis})",
            BLOCK_WARN_SHARE * 100.0,
            hm(lo.ceil() as i64),
            hm(hi.floor() as i64)
        ),
    })
    .into_iter()
    .collect()
}

/// Largest seat count of common IATA aircraft types (the certified exit limit, or the densest
/// cabin flown), by 3-character IATA type code. Types not listed are not checked.
const MAX_SEATS: &[(&str, u32)] = &[
    ("100", 109),
    ("221", 135),
    ("223", 160),
    ("318", 136),
    ("319", 160),
    ("31N", 160),
    ("320", 180),
    ("32A", 180),
    ("32N", 194),
    ("321", 220),
    ("32B", 220),
    ("32Q", 244),
    ("330", 440),
    ("332", 406),
    ("333", 440),
    ("338", 406),
    ("339", 460),
    ("342", 375),
    ("343", 440),
    ("345", 440),
    ("346", 475),
    ("350", 480),
    ("351", 480),
    ("359", 440),
    ("380", 853),
    ("388", 853),
    ("733", 149),
    ("734", 168),
    ("735", 132),
    ("736", 130),
    ("737", 189),
    ("738", 189),
    ("739", 220),
    ("73G", 149),
    ("73H", 189),
    ("73J", 220),
    ("73W", 149),
    ("744", 660),
    ("748", 605),
    ("752", 239),
    ("753", 295),
    ("762", 290),
    ("763", 375),
    ("764", 375),
    ("772", 440),
    ("773", 550),
    ("77L", 440),
    ("77W", 550),
    ("779", 426),
    ("781", 440),
    ("788", 381),
    ("789", 420),
    ("7M7", 172),
    ("7M8", 210),
    ("7M9", 220),
    ("7MJ", 230),
    ("AT4", 50),
    ("AT5", 50),
    ("AT7", 78),
    ("ATR", 78),
    ("CR2", 50),
    ("CR7", 78),
    ("CR9", 90),
    ("CRK", 104),
    ("DH4", 90),
    ("DH8", 90),
    ("E70", 80),
    ("E75", 88),
    ("E90", 114),
    ("E95", 124),
    ("E7W", 88),
    ("290", 114),
    ("295", 146),
    ("SU9", 108),
];

/// Seats against the aircraft type's largest cabin.
pub(crate) fn seats(iata_type: &str, seats: u32) -> Option<Finding> {
    let &(_, max) = MAX_SEATS.iter().find(|(t, _)| *t == iata_type)?;
    if seats <= max {
        return None;
    }
    let level = if seats as f64 > max as f64 * (1.0 + SEATS_WARN_SHARE) {
        Level::Error
    } else {
        Level::Warning
    };
    Some(Finding {
        level,
        column: "seats",
        value: seats.to_string(),
        expected: format!(
            "at most {max} seats, the largest cabin of IATA type {iata_type}{}",
            if level == Level::Error {
                format!(
                    " ({:.0}% more is not that aircraft)",
                    SEATS_WARN_SHARE * 100.0
                )
            } else {
                " (check the seat count or the type)".to_string()
            }
        ),
    })
}

/// ICAO location-indicator prefixes and the countries they belong to (ICAO Doc 7910); the
/// longest matching prefix applies. Prefixes not listed are not checked.
const ICAO_PREFIXES: &[(&str, &str)] = &[
    ("AG", "SB"),
    ("AN", "NR"),
    ("AY", "PG"),
    ("BG", "GL"),
    ("BI", "IS"),
    ("BK", "XK"),
    ("C", "CA"),
    ("DA", "DZ"),
    ("DB", "BJ"),
    ("DF", "BF"),
    ("DG", "GH"),
    ("DI", "CI"),
    ("DN", "NG"),
    ("DR", "NE"),
    ("DT", "TN"),
    ("DX", "TG"),
    ("EB", "BE"),
    ("ED", "DE"),
    ("EE", "EE"),
    ("EF", "FI"),
    ("EG", "GB,GG,JE,IM"),
    ("EH", "NL"),
    ("EI", "IE"),
    ("EK", "DK,FO"),
    ("EL", "LU"),
    ("EN", "NO,SJ"),
    ("EP", "PL"),
    ("ES", "SE"),
    ("ET", "DE"),
    ("EV", "LV"),
    ("EY", "LT"),
    ("FA", "ZA"),
    ("FB", "BW"),
    ("FC", "CG"),
    ("FD", "SZ"),
    ("FE", "CF"),
    ("FG", "GQ"),
    ("FH", "SH"),
    ("FI", "MU"),
    ("FK", "CM"),
    ("FL", "ZM"),
    ("FM", "MG,RE,YT,KM"),
    ("FN", "AO"),
    ("FO", "GA"),
    ("FP", "ST"),
    ("FQ", "MZ"),
    ("FS", "SC"),
    ("FT", "TD"),
    ("FV", "ZW"),
    ("FW", "MW"),
    ("FX", "LS"),
    ("FY", "NA"),
    ("FZ", "CD"),
    ("GA", "ML"),
    ("GB", "GM"),
    ("GC", "ES"),
    ("GE", "ES"),
    ("GF", "SL"),
    ("GG", "GW"),
    ("GL", "LR"),
    ("GM", "MA"),
    ("GO", "SN"),
    ("GQ", "MR"),
    ("GU", "GN"),
    ("GV", "CV"),
    ("HA", "ET"),
    ("HB", "BI"),
    ("HC", "SO"),
    ("HD", "DJ"),
    ("HE", "EG"),
    ("HH", "ER"),
    ("HJ", "SS"),
    ("HK", "KE"),
    ("HL", "LY"),
    ("HR", "RW"),
    ("HS", "SD"),
    ("HT", "TZ"),
    ("HU", "UG"),
    ("K", "US"),
    ("LA", "AL"),
    ("LB", "BG"),
    ("LC", "CY"),
    ("LD", "HR"),
    ("LE", "ES"),
    ("LF", "FR,PM"),
    ("LG", "GR"),
    ("LH", "HU"),
    ("LI", "IT"),
    ("LJ", "SI"),
    ("LK", "CZ"),
    ("LL", "IL"),
    ("LM", "MT"),
    ("LN", "MC"),
    ("LO", "AT"),
    ("LP", "PT"),
    ("LQ", "BA"),
    ("LR", "RO"),
    ("LS", "CH"),
    ("LT", "TR"),
    ("LU", "MD"),
    ("LV", "PS"),
    ("LW", "MK"),
    ("LX", "GI"),
    ("LY", "RS,ME"),
    ("LZ", "SK"),
    ("MB", "TC"),
    ("MD", "DO"),
    ("MG", "GT"),
    ("MH", "HN"),
    ("MK", "JM"),
    ("MM", "MX"),
    ("MN", "NI"),
    ("MP", "PA"),
    ("MR", "CR"),
    ("MS", "SV"),
    ("MT", "HT"),
    ("MU", "CU"),
    ("MW", "KY"),
    ("MY", "BS"),
    ("MZ", "BZ"),
    ("NC", "CK"),
    ("NF", "FJ,TO"),
    ("NG", "KI,TV"),
    ("NI", "NU"),
    ("NL", "WF"),
    ("NS", "WS,AS"),
    ("NT", "PF"),
    ("NV", "VU"),
    ("NW", "NC"),
    ("NZ", "NZ,AQ"),
    ("OA", "AF"),
    ("OB", "BH"),
    ("OE", "SA"),
    ("OI", "IR"),
    ("OJ", "JO"),
    ("OK", "KW"),
    ("OL", "LB"),
    ("OM", "AE"),
    ("OO", "OM"),
    ("OP", "PK"),
    ("OR", "IQ"),
    ("OS", "SY"),
    ("OT", "QA"),
    ("OY", "YE"),
    ("PA", "US"),
    ("PG", "GU,MP"),
    ("PH", "US"),
    ("PK", "MH"),
    ("PT", "FM,PW"),
    ("RC", "TW"),
    ("RJ", "JP"),
    ("RK", "KR"),
    ("RO", "JP"),
    ("RP", "PH"),
    ("SA", "AR"),
    ("SB", "BR"),
    ("SC", "CL"),
    ("SD", "BR"),
    ("SE", "EC"),
    ("SF", "FK"),
    ("SG", "PY"),
    ("SI", "BR"),
    ("SJ", "BR"),
    ("SK", "CO"),
    ("SL", "BO"),
    ("SM", "SR"),
    ("SN", "BR"),
    ("SO", "GF"),
    ("SP", "PE"),
    ("SS", "BR"),
    ("SU", "UY"),
    ("SV", "VE"),
    ("SW", "BR"),
    ("SY", "GY"),
    ("TA", "AG"),
    ("TB", "BB"),
    ("TD", "DM"),
    ("TF", "GP,MQ,BL,MF"),
    ("TG", "GD"),
    ("TI", "VI"),
    ("TJ", "PR"),
    ("TK", "KN"),
    ("TL", "LC"),
    ("TN", "AW,CW,SX,BQ"),
    ("TQ", "AI"),
    ("TR", "MS"),
    ("TT", "TT"),
    ("TU", "VG"),
    ("TV", "VC"),
    ("TX", "BM"),
    ("U", "RU"),
    ("UA", "KZ"),
    ("UB", "AZ"),
    ("UC", "KG"),
    ("UD", "AM"),
    ("UG", "GE"),
    ("UK", "UA"),
    ("UM", "BY,RU"),
    ("UTA", "TM"),
    ("UTD", "TJ"),
    ("UTK", "UZ"),
    ("UTN", "UZ"),
    ("UTS", "UZ"),
    ("UTT", "UZ"),
    ("VA", "IN"),
    ("VC", "LK"),
    ("VD", "KH"),
    ("VE", "IN"),
    ("VG", "BD"),
    ("VH", "HK"),
    ("VI", "IN"),
    ("VL", "LA"),
    ("VM", "MO"),
    ("VN", "NP"),
    ("VO", "IN"),
    ("VQ", "BT"),
    ("VR", "MV"),
    ("VT", "TH"),
    ("VV", "VN"),
    ("VY", "MM"),
    ("WA", "ID"),
    ("WB", "MY,BN"),
    ("WI", "ID"),
    ("WM", "MY"),
    ("WP", "TL"),
    ("WQ", "ID"),
    ("WR", "ID"),
    ("WS", "SG"),
    ("Y", "AU"),
    ("Z", "CN"),
    ("ZK", "KP"),
    ("ZM", "MN"),
];

/// The countries an ICAO code's prefix belongs to, if the prefix is known.
fn icao_countries(icao: &str) -> Option<&'static str> {
    ICAO_PREFIXES
        .iter()
        .filter(|(p, _)| icao.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map(|(_, c)| *c)
}

const ZONES: &str = include_str!("../geo/zones.txt");

/// The countries a time zone is used in (tz database `zone.tab`), if the zone is listed.
fn zone_countries(zone: &str) -> Option<&'static str> {
    ZONES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.split_once('\t').filter(|(z, _)| *z == zone))
        .map(|(_, c)| c)
}

fn has(list: &str, country: &str) -> bool {
    list.split(',').any(|c| c == country)
}

/// The ICAO code and time zone against the country, and the time zone against the longitude.
/// One contradiction is a warning; the ICAO code and the zone both contradicting the country
/// is an error.
pub(crate) fn airport(icao: &str, country: &str, lon: f64, zone: &Zone) -> Vec<Finding> {
    let mut out = Vec::new();
    let by_icao = icao_countries(icao).filter(|c| !has(c, country));
    let by_zone = zone_countries(zone.name()).filter(|c| !has(c, country));
    match (by_icao, by_zone) {
        (Some(ic), Some(zc)) => out.push(Finding {
            level: Level::Error,
            column: "country",
            value: country.to_string(),
            expected: format!(
                "the country of the ICAO code and the time zone: {icao} is {} and {} is {}",
                ic.replace(',', "/"),
                zone.name(),
                zc.replace(',', "/")
            ),
        }),
        (Some(ic), None) => out.push(Finding {
            level: Level::Warning,
            column: "icao",
            value: icao.to_string(),
            expected: format!(
                "an ICAO code of {country} (the prefix of {icao} is {}'s)",
                ic.replace(',', "/")
            ),
        }),
        (None, Some(zc)) => out.push(Finding {
            level: Level::Warning,
            column: "tz",
            value: zone.name().to_string(),
            expected: format!(
                "a time zone used in {country} ({} is used in {})",
                zone.name(),
                zc.replace(',', "/")
            ),
        }),
        (None, None) => {}
    }
    // Standard time: the smaller of the January and July offsets.
    let offset = |date: &str| {
        let day = Day::parse(date).expect("a valid date");
        let at: UtcMinute = zone.to_utc(day, LocalTime(12 * 60));
        zone.offset_minutes(at)
    };
    let standard = offset("2023-01-15").min(offset("2023-07-15")) as f64 / 60.0;
    let solar = lon / 15.0;
    let gap = ((standard - solar + 12.0).rem_euclid(24.0) - 12.0).abs();
    if gap > ZONE_SOLAR_HOURS {
        out.push(Finding {
            level: Level::Warning,
            column: "lon",
            value: format!("{lon}"),
            expected: format!(
                "a longitude where {} (standard time UTC{:+}) is kept: solar time at {lon}° is \
                 UTC{:+.1}, {gap:.1} h away (more than {ZONE_SOLAR_HOURS} h; check the \
                 coordinates and the zone)",
                zone.name(),
                standard,
                solar
            ),
        });
    }
    out
}

/// Pairs of airports closer than [`MIN_DISTANCE_KM`]: `(earlier, later)` indices into `places`
/// (`(lat, lon)`).
pub(crate) fn coinciding(places: &[(f64, f64)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by(|&a, &b| places[a].0.total_cmp(&places[b].0).then(a.cmp(&b)));
    // 1 km is about 0.009° of latitude: only neighbours in latitude can be that close.
    let mut out = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if places[j].0 - places[i].0 > 0.01 {
                break;
            }
            let d = great_circle_km(places[i].0, places[i].1, places[j].0, places[j].1);
            if d < MIN_DISTANCE_KM {
                out.push((i.min(j), i.max(j)));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Flight numbers flown on legs that do not connect, on the same flight date: `(later
/// pattern, earlier pattern, date)` (in file order) for each pair where one starts a second
/// flight with that number on a date (a leg continues the previous one of its number when it leaves where that one
/// landed, within 24 hours of its arrival; the flight date is its first leg's local date).
///
/// # Complexity
/// O(L log L) over the dated legs of flight numbers that have more than one pattern.
pub(crate) fn reused_numbers(
    patterns: &[FlightPattern],
    airports: &[Airport],
) -> Vec<(usize, usize, Day)> {
    let mut groups: BTreeMap<(u16, u16), Vec<usize>> = BTreeMap::new();
    for (i, p) in patterns.iter().enumerate() {
        groups.entry((p.airline.0, p.flight)).or_default().push(i);
    }
    let mut out = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        // (dep, arr, origin, destination, local date, pattern)
        let mut legs = Vec::new();
        for &i in members {
            let p = &patterns[i];
            for day in crate::network::checks::operating_days(p) {
                let (dep, arr) = crate::network::checks::utc_times(p, airports, day);
                legs.push((dep.0, arr.0, p.origin, p.destination, day, i));
            }
        }
        legs.sort_by_key(|l| (l.0, l.5));
        let mut starts: BTreeMap<Day, usize> = BTreeMap::new();
        let mut reported: std::collections::BTreeSet<(usize, usize)> = Default::default();
        let mut prev: Option<(i64, crate::network::AirportId)> = None;
        for &(dep, arr, origin, destination, day, i) in &legs {
            let continues = prev.is_some_and(|(parr, pdest)| {
                pdest == origin && dep >= parr && dep - parr <= 24 * 60
            });
            if !continues {
                match starts.get(&day) {
                    Some(&first) if reported.insert((first.min(i), first.max(i))) => {
                        // Reported on the later row of the file.
                        out.push((i.max(first), i.min(first), day));
                    }
                    Some(_) => {}
                    None => {
                        starts.insert(day, i);
                    }
                }
            }
            prev = Some((arr, destination));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_estimate_fits_the_shipped_network() {
        // ALA–PEK: 3,271 km, scheduled 4 h 40 – 5 h 05.
        let est = block_estimate(3271.0);
        assert!(280.0 / est > 1.0 - BLOCK_WARN_SHARE && 305.0 / est < 1.0 + BLOCK_WARN_SHARE);
    }

    #[test]
    fn seat_levels() {
        assert!(seats("320", 180).is_none());
        assert_eq!(seats("320", 200).unwrap().level, Level::Warning);
        assert_eq!(seats("320", 400).unwrap().level, Level::Error);
        assert!(seats("XYZ", 5000).is_none());
    }

    #[test]
    fn icao_and_zone_countries() {
        assert_eq!(icao_countries("UAAA"), Some("KZ"));
        assert_eq!(icao_countries("UUEE"), Some("RU"));
        assert_eq!(icao_countries("UTTT"), Some("UZ"));
        assert_eq!(icao_countries("ZBAA"), Some("CN"));
        assert_eq!(icao_countries("ZMCK"), Some("MN"));
        assert_eq!(zone_countries("Asia/Almaty"), Some("KZ"));
        assert_eq!(zone_countries("Asia/Urumqi"), Some("CN"));
        assert_eq!(zone_countries("Etc/GMT-5"), None);
    }

    #[test]
    fn country_contradictions() {
        let sh = Zone::get("Asia/Shanghai").unwrap();
        let al = Zone::get("Asia/Almaty").unwrap();
        assert!(airport("ZBAA", "CN", 116.6, &sh).is_empty());
        // Urumqi keeps Beijing time 2.2 h from its solar time: fine.
        assert!(airport("ZWWW", "CN", 87.5, &sh).is_empty());
        let both = airport("ZBAA", "KZ", 116.6, &sh);
        assert_eq!(both[0].level, Level::Error);
        let icao = airport("ZBAA", "KZ", 77.0, &al);
        assert_eq!((icao[0].level, icao[0].column), (Level::Warning, "icao"));
        let far = airport("UAAA", "KZ", -77.0, &al);
        assert_eq!(far[0].column, "lon");
    }

    #[test]
    fn coinciding_airports() {
        let places = [(43.35, 77.04), (40.08, 116.58), (43.351, 77.041)];
        assert_eq!(coinciding(&places), [(0, 2)]);
    }
}
