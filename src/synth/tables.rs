//! The generated network as validated tables ([`NetworkData`]) and as the five `routes/` CSV
//! texts written from them, so the files and the in-memory network cannot disagree.

use flightnet_data::id::Idx;
use std::fmt::Write as _;

use super::demand::Market;
use super::fleet::TYPES;
use super::layout::Layout;
use super::schedule::Flight;
use flightnet_data::error::{Error, Result};
use flightnet_data::network::BaseDemand;
use flightnet_data::network::{
    AircraftType, Airline, AirlineId, Airport, AirportId, Basis, FleetId, FlightPattern,
    NetworkData, Provenance,
};
use flightnet_data::time::{DateRange, LocalTime, MINUTES_PER_DAY, Zone};

/// The airline that flies the whole network.
pub(super) const AIRLINE: &str = "ZZ";
/// The airline's name.
pub(super) const AIRLINE_NAME: &str = "Synthetic Airways";
/// The `source` column of every row.
pub(super) const SOURCE: &str = "synthetic";
/// Highest flight number.
pub(super) const MAX_FLIGHT_NUMBER: usize = 9999;
/// Lines before the first data row of every file (a comment and the header).
const LEADING_LINES: usize = 2;

fn provenance() -> Provenance {
    Provenance {
        basis: Some(Basis::Estimated),
        source: SOURCE.to_string(),
    }
}

/// Rounds daily passengers to 3 decimals (at least 0.001) through the text form.
fn round_pax(x: f64) -> f64 {
    format!("{:.3}", x.max(0.001))
        .parse()
        .expect("a formatted number parses")
}

/// Builds the network tables. Fleet counts are left at 1 (see [`super::fleet::fleet_counts`]).
///
/// # Errors
/// [`Error::Request`] when the schedule needs more than [`MAX_FLIGHT_NUMBER`] flight numbers.
pub(super) fn network_data(
    layout: &Layout,
    flights: &[Flight],
    markets: &[Market],
    period: DateRange,
) -> Result<NetworkData> {
    if flights.len() > MAX_FLIGHT_NUMBER {
        return Err(Error::Request(format!(
            "this network needs {} flight numbers but an airline has at most {MAX_FLIGHT_NUMBER}; \
             ask for fewer routes or fewer passengers",
            flights.len()
        )));
    }
    let airports = layout
        .sites
        .iter()
        .map(|s| {
            let zone = Zone::get(&s.zone_name()).ok_or_else(|| {
                Error::Request(format!(
                    "time zone {} is not in the database",
                    s.zone_name()
                ))
            })?;
            Ok(Airport {
                iata: s.iata.clone(),
                icao: s.icao(),
                name: s.name(),
                city: s.city.clone(),
                country: s.country.clone(),
                lat: s.lat,
                lon: s.lon,
                zone,
                mct: s.mct(),
                provenance: provenance(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let airlines = vec![Airline {
        code: AIRLINE.to_string(),
        name: AIRLINE_NAME.to_string(),
        country: layout.sites[layout.hubs[0]].country.clone(),
        provenance: provenance(),
    }];
    // Only the types that fly, in the order of TYPES.
    let mut fleet_id = vec![None; TYPES.len()];
    let mut fleet = Vec::new();
    for (t, spec) in TYPES.iter().enumerate() {
        if flights.iter().any(|f| f.ty == t) {
            fleet_id[t] = Some(FleetId(fleet.len() as u16));
            fleet.push(AircraftType {
                airline: AirlineId(0),
                name: spec.name.to_string(),
                iata_type: spec.iata_type.to_string(),
                seats: spec.seats,
                count: 1,
                min_turn: spec.min_turn,
                provenance: provenance(),
            });
        }
    }
    let patterns = flights
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let local_dep = f.dep + layout.sites[f.origin].offset_minutes();
            let local_arr = f.dep + f.block + layout.sites[f.destination].offset_minutes();
            let shift = local_dep.div_euclid(MINUTES_PER_DAY);
            FlightPattern {
                airline: AirlineId(0),
                flight: (i + 1) as u16,
                origin: AirportId(f.origin as u16),
                destination: AirportId(f.destination as u16),
                dep: LocalTime(local_dep.rem_euclid(MINUTES_PER_DAY) as u16),
                arr: LocalTime(local_arr.rem_euclid(MINUTES_PER_DAY) as u16),
                arr_day: (local_arr.div_euclid(MINUTES_PER_DAY) - shift) as i8,
                days: f.days.shifted(shift as i32),
                period,
                aircraft: fleet_id[f.ty].expect("every flown type is in the fleet"),
                provenance: provenance(),
                origin_ref: format!("schedule.csv:{}", i + 1 + LEADING_LINES),
                dep_terminal: Default::default(),
                arr_terminal: Default::default(),
            }
        })
        .collect();
    let mut demand: Vec<BaseDemand> = markets
        .iter()
        .map(|m| BaseDemand {
            origin: AirportId(m.origin as u16),
            destination: AirportId(m.destination as u16),
            daily_pax: round_pax(m.daily),
            provenance: provenance(),
        })
        .collect();
    let code = |a: AirportId| &layout.sites[a.index()].iata;
    demand.sort_by(|x, y| {
        (code(x.origin), code(x.destination)).cmp(&(code(y.origin), code(y.destination)))
    });
    Ok(NetworkData::new(
        airports, airlines, fleet, patterns, demand,
    ))
}

/// Synthetic fares and costs: for every market, six classes on a ladder of
/// [`FARE_LADDER`] × the lowest fare, the lowest fare from the distance curve
/// [`lowest_fare`] (USD), advance purchase and restrictions growing down the ladder; for every
/// aircraft type, costs that grow with its seats ([`aircraft_cost`]).
pub(super) fn economics(data: &NetworkData) -> flightnet_data::network::Economics {
    use flightnet_data::network::{AircraftCost, Economics, Fare, FleetId, Restrictions};
    let classes = ["Y", "B", "H", "K", "L", "V"];
    let ap = [0u16, 0, 3, 7, 14, 21];
    let r = [
        0,
        0,
        Restrictions::CHANGE_FEE,
        Restrictions::CHANGE_FEE,
        Restrictions::NON_REFUNDABLE | Restrictions::CHANGE_FEE,
        Restrictions::SATURDAY_STAY | Restrictions::NON_REFUNDABLE | Restrictions::CHANGE_FEE,
    ];
    let mut fares = Vec::new();
    for d in &data.demand {
        let (o, x) = (data.airport(d.origin), data.airport(d.destination));
        let km = flightnet_data::geo::great_circle_km(o.lat, o.lon, x.lat, x.lon);
        let low = lowest_fare(km);
        for a in 0..data.airlines.len() {
            for (k, class) in classes.iter().enumerate() {
                fares.push(Fare {
                    airline: flightnet_data::network::AirlineId(a as u16),
                    origin: d.origin,
                    destination: d.destination,
                    class: class.to_string(),
                    rank: k as u8,
                    fare: (low * FARE_LADDER[k] * 100.0).round() / 100.0,
                    advance_purchase_days: ap[k],
                    restrictions: Restrictions(r[k]),
                    provenance: provenance(),
                });
            }
        }
    }
    let costs = data
        .fleet
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (h, d, p) = aircraft_cost(t.seats);
            AircraftCost {
                airline: t.airline,
                aircraft: FleetId(i as u16),
                per_block_hour: h,
                per_departure: d,
                per_passenger: p,
                provenance: provenance(),
            }
        })
        .collect();
    Economics {
        currency: Some("USD".into()),
        fares,
        classes: vec![classes.iter().map(|c| c.to_string()).collect(); data.airlines.len()],
        costs,
    }
}

/// Synthetic fare ladder: each class's fare over the lowest (PassengerSim's demonstration
/// ladder).
pub(super) const FARE_LADDER: [f64; 6] = [4.0, 3.0, 2.0, 1.5, 1.25, 1.0];

/// The lowest synthetic one-way fare for a distance, USD: 30 + 0.05 per km.
pub(super) fn lowest_fare(km: f64) -> f64 {
    30.0 + 0.05 * km
}

/// Synthetic costs of an aircraft type with `seats` seats: per block hour (25 USD a seat),
/// per departure (4 USD a seat) and per passenger (8 USD).
pub(super) fn aircraft_cost(seats: u32) -> (f64, f64, f64) {
    (25.0 * seats as f64, 4.0 * seats as f64, 8.0)
}

/// The seven CSV texts of `data`: airports, airlines, fleet, schedule, demand, fares, costs.
/// Each starts with the comment line `comment`.
pub(super) fn csv_texts(data: &NetworkData, comment: &str) -> [String; 7] {
    let start = |header: &str| format!("# {comment}\n{header}\n");
    let prov =
        |p: &Provenance| format!("{},{}", p.basis.map_or("", |b| b.code()), p.source.as_str());
    let mut airports =
        start("iata,icao,name,city,country,lat,lon,tz,mct_dd,mct_di,mct_id,mct_ii,basis,source");
    for a in &data.airports {
        let m = a.mct;
        let _ = writeln!(
            airports,
            "{},{},{},{},{},{:.4},{:.4},{},{},{},{},{},{}",
            a.iata,
            a.icao,
            a.name,
            a.city,
            a.country,
            a.lat,
            a.lon,
            a.zone.name(),
            m.dd,
            m.di,
            m.id,
            m.ii,
            prov(&a.provenance)
        );
    }
    let mut airlines = start("code,name,country,basis,source");
    for a in &data.airlines {
        let _ = writeln!(
            airlines,
            "{},{},{},{}",
            a.code,
            a.name,
            a.country,
            prov(&a.provenance)
        );
    }
    let mut fleet = start("airline,aircraft,iata_type,seats,count,min_turn,basis,source");
    for t in &data.fleet {
        let _ = writeln!(
            fleet,
            "{},{},{},{},{},{},{}",
            data.airline(t.airline).code,
            t.name,
            t.iata_type,
            t.seats,
            t.count,
            t.min_turn,
            prov(&t.provenance)
        );
    }
    let mut schedule = start(
        "airline,flight,origin,destination,dep,arr,arr_day,days,from,to,aircraft,basis,source",
    );
    for p in &data.patterns {
        let _ = writeln!(
            schedule,
            "{},{},{},{},{},{},{},{},{},{},{},{}",
            data.airline(p.airline).code,
            p.flight,
            data.airport(p.origin).iata,
            data.airport(p.destination).iata,
            p.dep,
            p.arr,
            p.arr_day,
            p.days,
            p.period.first,
            p.period.last,
            data.aircraft(p.aircraft).name,
            prov(&p.provenance)
        );
    }
    let mut demand = start("origin,destination,daily_pax,basis,source");
    for d in &data.demand {
        let _ = writeln!(
            demand,
            "{},{},{:.3},{}",
            data.airport(d.origin).iata,
            data.airport(d.destination).iata,
            d.daily_pax,
            prov(&d.provenance)
        );
    }
    let e = &data.economics;
    let mut fares = start(
        "airline,origin,destination,class,fare,currency,advance_purchase_days,restrictions,basis,source",
    );
    for f in &e.fares {
        let _ = writeln!(
            fares,
            "{},{},{},{},{:.2},USD,{},{},{}",
            data.airline(f.airline).code,
            data.airport(f.origin).iata,
            data.airport(f.destination).iata,
            f.class,
            f.fare,
            f.advance_purchase_days,
            f.restrictions,
            prov(&f.provenance)
        );
    }
    let mut costs = start(
        "airline,aircraft,cost_per_block_hour,cost_per_departure,cost_per_passenger,currency,basis,source",
    );
    for c in &e.costs {
        let _ = writeln!(
            costs,
            "{},{},{:.2},{:.2},{:.2},USD,{}",
            data.airline(c.airline).code,
            data.aircraft(c.aircraft).name,
            c.per_block_hour,
            c.per_departure,
            c.per_passenger,
            prov(&c.provenance)
        );
    }
    [airports, airlines, fleet, schedule, demand, fares, costs]
}
