//! Aircraft types, gauge and frequency per route, and fleet sizes from the rotations.
//!
//! * **Types** ([`TYPES`]): five types, each usable over a band of stage lengths (regional jets
//!   on short routes, a widebody on the longest).
//! * **Gauge**: among the types whose band holds the route's distance, the largest that still
//!   gives at least two flights a day (one a day from 2,500 km), else the smallest. Both
//!   directions of a pair use the same type and frequency, sized on the busier direction.
//! * **Frequency**: daily passengers ÷ (seats × planned load factor), rounded: `n` flights a
//!   day when that is at least one a day, otherwise `w` flights a week on spread-out days, at
//!   least [`MIN_WEEKLY`], on nested day sets (Monday, Wednesday, Friday first). Hub pairs
//!   get at least [`HUB_PAIR_DAILY`] flights a day.
//! * **Fleet**: each type's count is the peak-week need of the greedy rotations
//!   ([`flightnet_sim::rotation::Rotations::build`]) over the first three weeks of the schedule (every
//!   full week is the same), plus [`SPARE_SHARE`] spares rounded up.

use super::topology::{Kind, Pair};
use flightnet_data::network::Network;
use flightnet_data::time::{DateRange, DaySet};
use flightnet_sim::rotation::Rotations;

/// One aircraft type the generator can use.
#[derive(Clone, Copy, Debug)]
pub struct AircraftSpec {
    /// Name in `fleet.csv` and `schedule.csv`.
    pub name: &'static str,
    /// IATA type code.
    pub iata_type: &'static str,
    /// Seats.
    pub seats: u32,
    /// Minimum turnaround, minutes.
    pub min_turn: u32,
    /// Shortest route flown, km.
    pub min_km: f64,
    /// Longest route flown, km.
    pub max_km: f64,
}

/// The types, smallest first. Their bands overlap and cover every distance.
pub const TYPES: &[AircraftSpec] = &[
    AircraftSpec {
        name: "CRJ900",
        iata_type: "CR9",
        seats: 76,
        min_turn: 30,
        min_km: 0.0,
        max_km: 2000.0,
    },
    AircraftSpec {
        name: "A220-300",
        iata_type: "223",
        seats: 140,
        min_turn: 35,
        min_km: 0.0,
        max_km: 4000.0,
    },
    AircraftSpec {
        name: "A320neo",
        iata_type: "32N",
        seats: 180,
        min_turn: 40,
        min_km: 400.0,
        max_km: 5500.0,
    },
    AircraftSpec {
        name: "A321neo",
        iata_type: "32Q",
        seats: 220,
        min_turn: 45,
        min_km: 800.0,
        max_km: 7000.0,
    },
    AircraftSpec {
        name: "B787-9",
        iata_type: "789",
        seats: 290,
        min_turn: 75,
        min_km: 2500.0,
        max_km: f64::INFINITY,
    },
];

/// Fewest flights a week on a route.
pub const MIN_WEEKLY: u32 = 3;
/// Fewest flights a day between two hubs: one leaves late enough for every spoke of its hub,
/// one arrives early enough for every spoke of the other (see [`super::schedule`]).
pub const HUB_PAIR_DAILY: u32 = 2;
/// Spare aircraft per aircraft needed (rounded up).
pub const SPARE_SHARE: f64 = 0.05;
/// From this distance one flight a day is frequent enough to move to a bigger type, km.
const LONG_HAUL_KM: f64 = 2500.0;

/// The service on one airport pair (the same in both directions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Service {
    /// Index into [`TYPES`].
    pub ty: usize,
    /// Flights per operating day in each direction.
    pub per_day: u32,
    /// Operating days of the week.
    pub days: DaySet,
}

impl Service {
    /// Flights per week in one direction.
    pub(super) fn weekly(&self) -> u32 {
        self.per_day * self.days.count()
    }

    /// Seats per average day in one direction.
    pub(super) fn daily_seats(&self) -> f64 {
        self.weekly() as f64 * TYPES[self.ty].seats as f64 / 7.0
    }
}

/// Weekdays in the order routes flown fewer than seven times a week add them: Monday,
/// Wednesday, Friday, Sunday, then the rest.
const DAY_ORDER: [u8; 7] = [1, 3, 5, 7, 2, 4, 6];

/// The first `w` (1–7) weekdays of [`DAY_ORDER`]. Every thin route uses the same nested sets,
/// so any two thin routes meeting at a hub fly on a common day and can connect. (Rotating the
/// sets from route to route would spread them over the week and let aircraft serve different
/// routes on different days, about 17% fewer aircraft, but leaves thin-to-thin connections
/// without a common day.)
fn thin_days(w: u32) -> DaySet {
    DAY_ORDER[..w as usize]
        .iter()
        .fold(DaySet(0), |set, &wd| set.with(wd))
}

/// The type for a route of `km` carrying `flow` daily passengers (busier direction).
fn choose_type(km: f64, flow: f64, load_factor: f64) -> usize {
    let band: Vec<usize> = (0..TYPES.len())
        .filter(|&t| TYPES[t].min_km <= km && km <= TYPES[t].max_km)
        .collect();
    let wanted = if km < LONG_HAUL_KM { 2.0 } else { 1.0 };
    band.iter()
        .rev()
        .copied()
        .find(|&t| flow / (TYPES[t].seats as f64 * load_factor) >= wanted)
        .unwrap_or(band[0])
}

/// Plans the service of every pair from the directed route flows (`flows[2i]`, `flows[2i+1]`
/// for pair `i`) at the planned `load_factor`.
pub(super) fn plan(pairs: &[Pair], flows: &[f64], load_factor: f64) -> Vec<Service> {
    pairs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let flow = flows[2 * i].max(flows[2 * i + 1]);
            let ty = choose_type(p.km, flow, load_factor);
            let per_day = flow / (TYPES[ty].seats as f64 * load_factor);
            let weekly = (per_day * 7.0).round() as u32;
            let least = if p.kind == Kind::HubHub {
                HUB_PAIR_DAILY
            } else {
                1
            };
            if weekly >= 7 || least > 1 {
                Service {
                    ty,
                    per_day: (per_day.round() as u32).max(least),
                    days: DaySet::DAILY,
                }
            } else {
                Service {
                    ty,
                    per_day: 1,
                    days: thin_days(weekly.max(MIN_WEEKLY)),
                }
            }
        })
        .collect()
}

/// The window the generator checks its schedule over: the first three weeks of `period`, or
/// all of it when shorter. Every full week of the schedule is the same, so this holds the
/// peak week.
pub(super) fn probe_window(period: DateRange) -> DateRange {
    let last = period.first.plus_days(20).min(period.last);
    DateRange::new(period.first, last).expect("a window inside the period")
}

/// Aircraft per fleet type of `net` (indexed like its `fleet`): the peak-week need of the
/// greedy rotations over the window `net` was built for, plus spares.
pub(super) fn fleet_counts(net: &Network) -> Vec<u32> {
    let rotations = Rotations::build(net);
    net.data()
        .fleet
        .iter()
        .map(|t| {
            let needed = rotations
                .needs
                .iter()
                .find(|n| n.aircraft == t.name)
                .map_or(0, |n| n.needed);
            (needed + (needed as f64 * SPARE_SHARE).ceil() as u32).max(1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_cover_every_distance() {
        for km in [0.0, 100.0, 1999.0, 2500.0, 3999.0, 6000.0, 12000.0] {
            let t = choose_type(km, 1.0, 0.8);
            assert!(TYPES[t].min_km <= km && km <= TYPES[t].max_km);
        }
    }

    #[test]
    fn busy_routes_get_bigger_aircraft() {
        assert_eq!(choose_type(800.0, 20.0, 0.8), 0);
        assert_eq!(choose_type(800.0, 1000.0, 0.8), 3);
        assert_eq!(choose_type(6000.0, 300.0, 0.8), 4);
    }

    #[test]
    fn thin_days_are_nested() {
        for w in 1..=7 {
            assert_eq!(thin_days(w).count(), w);
        }
        for w in 1..7 {
            assert_eq!(thin_days(w).0 & !thin_days(w + 1).0, 0);
        }
        assert_eq!(thin_days(3).to_string(), "1.3.5..");
        assert_eq!(thin_days(4).to_string(), "1.3.5.7");
        assert_eq!(thin_days(7), DaySet::DAILY);
    }
}
