//! Small random networks around Almaty for brute-force checks of connection building: real
//! airports and zones, two airlines, random flight numbers, times and days, each network
//! fixed by its seed.

use flightnet_data::geo::great_circle_km;
use flightnet_data::network::{
    AircraftType, Airline, AirlineId, Airport, AirportId, FleetId, FlightPattern, Mct, NetworkData,
    Provenance, Status, Terminal,
};
use flightnet_data::time::{DateRange, Day, DaySet, LocalTime, Zone};

/// Code, country, latitude, longitude, zone and MCTs (dd, di, id, ii).
type Site = (&'static str, &'static str, f64, f64, &'static str, [u16; 4]);

const AIRPORTS: &[Site] = &[
    (
        "ALA",
        "KZ",
        43.3521,
        77.0405,
        "Asia/Almaty",
        [40, 60, 75, 60],
    ),
    (
        "NQZ",
        "KZ",
        51.0222,
        71.4669,
        "Asia/Almaty",
        [40, 60, 75, 60],
    ),
    (
        "CIT",
        "KZ",
        42.3642,
        69.4789,
        "Asia/Almaty",
        [30, 60, 90, 90],
    ),
    (
        "PEK",
        "CN",
        40.0801,
        116.585,
        "Asia/Shanghai",
        [60, 120, 120, 120],
    ),
    (
        "URC",
        "CN",
        43.9071,
        87.4742,
        "Asia/Shanghai",
        [60, 120, 120, 90],
    ),
    (
        "TAS",
        "UZ",
        41.2579,
        69.2812,
        "Asia/Tashkent",
        [45, 60, 60, 60],
    ),
    (
        "FRU",
        "KG",
        43.0613,
        74.4776,
        "Asia/Bishkek",
        [40, 60, 60, 60],
    ),
    (
        "XIY",
        "CN",
        34.4471,
        108.752,
        "Asia/Shanghai",
        [50, 90, 90, 90],
    ),
];

/// A deterministic generator (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn prov() -> Provenance {
    Provenance {
        basis: None,
        source: String::new(),
    }
}

/// The first day of the networks' schedules (a Monday); they run two weeks.
pub(crate) fn first_day() -> Day {
    Day::parse("2023-10-02").unwrap()
}

/// A random network of `patterns` flight patterns over `airports` airports (at most 8),
/// most of them touching Almaty, KC and CZ with flight numbers 1–399 (none repeated, so no
/// leg continues another as the same flight unless `through` asks for some).
pub(crate) fn network(seed: u64, airports: usize, patterns: usize, through: bool) -> NetworkData {
    let mut rng = Rng::new(seed);
    let airports: Vec<Airport> = AIRPORTS[..airports.min(AIRPORTS.len())]
        .iter()
        .map(|&(iata, country, lat, lon, tz, m)| Airport {
            iata: iata.into(),
            icao: String::new(),
            name: iata.into(),
            city: String::new(),
            country: country.into(),
            lat,
            lon,
            zone: Zone::get(tz).unwrap(),
            mct: Mct {
                dd: m[0],
                di: m[1],
                id: m[2],
                ii: m[3],
            },
            provenance: prov(),
        })
        .collect();
    let airlines = ["KC", "CZ"]
        .iter()
        .map(|c| Airline {
            code: c.to_string(),
            name: c.to_string(),
            country: "KZ".into(),
            provenance: prov(),
        })
        .collect();
    let fleet = vec![
        AircraftType {
            airline: AirlineId(0),
            name: "A321".into(),
            iata_type: "321".into(),
            seats: 180,
            count: 0,
            min_turn: 45,
            provenance: prov(),
        },
        AircraftType {
            airline: AirlineId(0),
            name: "B767".into(),
            iata_type: "763".into(),
            seats: 220,
            count: 0,
            min_turn: 60,
            provenance: prov(),
        },
        AircraftType {
            airline: AirlineId(1),
            name: "B737".into(),
            iata_type: "738".into(),
            seats: 167,
            count: 0,
            min_turn: 45,
            provenance: prov(),
        },
    ];
    let n = airports.len() as u64;
    let first = first_day();
    let mut flights: Vec<u16> = (1..400).collect();
    let mut out = Vec::new();
    let mut last: Option<(AirlineId, u16, AirportId, i64)> = None;
    for _ in 0..patterns {
        let airline = AirlineId(rng.below(2) as u16);
        // Most flights touch Almaty.
        let (o, d) = loop {
            let o = rng.below(n) as u16;
            let d = if rng.below(3) > 0 && o != 0 {
                0
            } else {
                rng.below(n) as u16
            };
            if o != d {
                break (AirportId(o), AirportId(d));
            }
        };
        // Through flights: sometimes continue the previous pattern under its flight number.
        let (o, flight, dep_min) = match last {
            Some((a, f, dest, arr))
                if through && a == airline && rng.below(4) == 0 && dest != d =>
            {
                (dest, f, arr + 30 + rng.below(60) as i64)
            }
            _ => {
                let k = rng.below(flights.len() as u64) as usize;
                (o, flights.swap_remove(k), (rng.below(288) * 5) as i64)
            }
        };
        if o == d {
            continue;
        }
        let (ao, ad) = (&airports[o.0 as usize], &airports[d.0 as usize]);
        let km = great_circle_km(ao.lat, ao.lon, ad.lat, ad.lon);
        let block = ((30.0 + km / 12.0) / 5.0).round() as i64 * 5;
        let dep_min = dep_min.rem_euclid(1440);
        let dep = LocalTime(dep_min as u16);
        let dep_utc = ao.zone.to_utc(first, dep);
        let (arr_day, arr) = ad.zone.to_local(dep_utc.plus(block));
        let mut days = DaySet(0);
        while days.0 == 0 {
            days = DaySet(rng.below(128) as u8);
        }
        let aircraft = if airline.0 == 1 {
            FleetId(2)
        } else {
            FleetId(rng.below(2) as u16)
        };
        let terminal =
            |rng: &mut Rng| Terminal::parse(["", "1", "2"][rng.below(3) as usize]).unwrap();
        out.push(FlightPattern {
            airline,
            flight,
            origin: o,
            destination: d,
            dep,
            arr,
            arr_day: (arr_day.0 - first.0) as i8,
            days,
            period: DateRange::new(first, first.plus_days(13)).unwrap(),
            aircraft,
            provenance: prov(),
            origin_ref: String::new(),
            dep_terminal: terminal(&mut rng),
            arr_terminal: terminal(&mut rng),
        });
        last = Some((airline, flight, d, dep_min + block));
    }
    NetworkData::new(airports, airlines, fleet, out, Vec::new())
}

/// The standard MCT at `hub` for a passenger from `from` to `to`, worked out again.
pub(crate) fn standard_mct(
    data: &NetworkData,
    hub: AirportId,
    from: AirportId,
    to: AirportId,
) -> u16 {
    let s = |x: AirportId| {
        if data.airport(x).country == data.airport(hub).country {
            Status::Domestic
        } else {
            Status::International
        }
    };
    data.airport(hub).mct.get(s(from), s(to))
}

/// The great-circle distance between two airports.
pub(crate) fn km(data: &NetworkData, a: AirportId, b: AirportId) -> f64 {
    let (x, y) = (data.airport(a), data.airport(b));
    great_circle_km(x.lat, x.lon, y.lat, y.lon)
}
