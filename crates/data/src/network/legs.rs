//! Schedule expansion: patterns into dated legs in UTC.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::RouteId;
use super::airline::{AirlineId, FleetId};
use super::airport::AirportId;
use super::checks::{operating_days, utc_times};
use super::data::NetworkData;
use super::pattern::PatternId;
use crate::time::{DateRange, Day, UtcMinute};

/// Index of a leg in [`super::Network::legs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LegId(pub u32);

/// One flight leg on one date, with scheduled times in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leg {
    /// The route flown.
    pub route: RouteId,
    /// The schedule pattern it came from.
    pub pattern: PatternId,
    /// Operating airline.
    pub airline: AirlineId,
    /// Flight number.
    pub flight: u16,
    /// Departure airport.
    pub origin: AirportId,
    /// Arrival airport.
    pub destination: AirportId,
    /// Departure date in the origin's local time (the flight's date).
    pub day: Day,
    /// Scheduled departure (UTC).
    pub dep: UtcMinute,
    /// Scheduled arrival (UTC).
    pub arr: UtcMinute,
    /// Seats offered.
    pub seats: u32,
    /// Aircraft type.
    pub aircraft: FleetId,
}

impl Leg {
    /// Scheduled block time in minutes.
    pub fn block(&self) -> i64 {
        self.arr.0 - self.dep.0
    }

    /// Whether `next` continues this leg as the same flight (a multi-leg flight such as
    /// PEK–XIY–NQZ): same airline and flight number, leaving where this leg lands within a day.
    /// Passengers stay on board, so no MCT applies.
    #[inline]
    pub fn continues_as(&self, next: &Leg) -> bool {
        self.airline == next.airline
            && self.flight == next.flight
            && self.destination == next.origin
            && next.dep >= self.arr
            && next.dep.0 - self.arr.0 <= 24 * 60
    }
}

/// Expands every pattern over `window` and sorts the legs canonically.
pub(super) fn expand(
    data: &NetworkData,
    routes: &BTreeMap<(AirlineId, AirportId, AirportId), RouteId>,
    window: DateRange,
) -> Vec<Leg> {
    let mut legs = Vec::new();
    for (i, p) in data.patterns.iter().enumerate() {
        let Some(range) = p.period.intersect(&window) else {
            continue;
        };
        let clipped = super::FlightPattern {
            period: range,
            ..p.clone()
        };
        let route = routes[&(p.airline, p.origin, p.destination)];
        let seats = data.aircraft(p.aircraft).seats;
        for day in operating_days(&clipped) {
            let (dep, arr) = utc_times(p, &data.airports, day);
            legs.push(Leg {
                route,
                pattern: PatternId(i as u32),
                airline: p.airline,
                flight: p.flight,
                origin: p.origin,
                destination: p.destination,
                day,
                dep,
                arr,
                seats,
                aircraft: p.aircraft,
            });
        }
    }
    legs.sort_by_key(|l| (l.dep, l.arr, l.airline, l.flight, l.origin));
    legs
}
