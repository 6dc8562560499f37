//! Timing every flight: banked hubs, hub-timed spoke rotations, point-to-point spreads.
//!
//! * **Block times**: `25 min + 0.085 min/km` of great-circle distance, × 0.95 eastbound and
//!   × 1.05 westbound (prevailing westerlies), rounded to 5 minutes ([`block_minutes`]).
//! * **Banks**: every hub has [`BANKS`] banks a day. Bank `k`'s arrivals land in the
//!   [`WINDOW`] minutes up to `07:00 + k × 2 h` local, and its departures leave in the
//!   [`WINDOW`] minutes starting the hub's largest MCT after that, so every arrival of a bank
//!   connects to every departure of the same bank whatever the domestic/international status.
//! * **Hub–spoke pairs**: a spoke flown once a day or less arrives in the 11:00 bank and
//!   leaves in the 19:00 bank, so its passengers reach every departure from 12:15 to 23:00 and
//!   are reached by every arrival from 08:20 to 19:00. With `n` ≥ 2 flights a day the spoke
//!   flight lands in, and the flight back leaves in, each of `n` banks spread over the day (the
//!   aircraft turns at the hub: the gap, at least 75 minutes, exceeds every minimum
//!   turnaround). Every spoke thus has an arrival bank at or before 11:00 and a departure bank
//!   at or after 19:00, so any two spokes of a hub can connect within 12 hours.
//! * **Hub–hub pairs** (at least two flights a day): the last flight leaves late enough to take
//!   passengers from every spoke of its hub and the first lands early enough to feed every
//!   spoke of the other hub, when geography allows; within that, the `i`-th of `n` flights
//!   leaves in whichever departure window (and minute of it) lands it as shortly as possible
//!   before the end of the other hub's `i`-th spread bank, so it is banked at both ends.
//! * **Point-to-point pairs**: departures from the first airport spread between 07:00 and
//!   21:00 local, each aircraft flying straight back after its turnaround.
//!
//! Times are UTC minutes from 00:00 UTC of a flight's *base day* (the local day of its bank or
//! departure); the tables turn them into local times and weekday sets.

use super::fleet::{Service, TYPES};
use super::layout::{Layout, Site};
use super::topology::{Kind, Pair};
use flightnet_data::time::{DaySet, MINUTES_PER_DAY};
use flightnet_engine::rng::mix64;

/// Banks per hub per day.
pub const BANKS: i64 = 8;
/// Local end of the first bank's arrival window, minutes after midnight (07:00).
pub const FIRST_BANK: i64 = 7 * 60;
/// Minutes between banks.
pub const BANK_SPACING: i64 = 120;
/// Length of a bank's arrival window and of its departure window, minutes.
pub const WINDOW: i64 = 40;
/// The bank a spoke flown once a day (or less) arrives in (11:00).
pub const THIN_IN_BANK: i64 = 2;
/// The bank a spoke flown once a day (or less) leaves in (19:00 + gap).
pub const THIN_OUT_BANK: i64 = 6;
/// First and last local departure of point-to-point flights.
const POINT_TO_POINT_HOURS: (i64, i64) = (7 * 60, 21 * 60);

/// One flight leg, repeated on the weekdays of `days`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Flight {
    /// Departure airport.
    pub origin: usize,
    /// Arrival airport.
    pub destination: usize,
    /// Departure, UTC minutes from 00:00 UTC of the base day (may be negative or past a day).
    pub dep: i64,
    /// Block time, minutes.
    pub block: i64,
    /// Base days of operation.
    pub days: DaySet,
    /// Index into [`TYPES`].
    pub ty: usize,
}

/// Block time in minutes for `km` of great-circle distance, eastbound or not.
///
/// # Example
/// ```
/// use flightnet::synth::schedule::block_minutes;
/// // 1,000 km: (25 + 85) × 0.95 = 104.5 → 105 eastbound; × 1.05 = 115.5 → 115 westbound.
/// assert_eq!(block_minutes(1000.0, true), 105);
/// assert_eq!(block_minutes(1000.0, false), 115);
/// ```
pub fn block_minutes(km: f64, eastbound: bool) -> i64 {
    let factor = if eastbound { 0.95 } else { 1.05 };
    (((25.0 + 0.085 * km) * factor) / 5.0).round() as i64 * 5
}

/// Whether going from `a` to `b` heads east (by the shorter way round).
fn eastbound(a: &Site, b: &Site) -> bool {
    let d = (b.lon - a.lon).rem_euclid(360.0);
    d > 0.0 && d < 180.0
}

/// A hub's bank gap: its largest MCT, rounded up to 5 minutes.
fn bank_gap(hub: &Site) -> i64 {
    let m = hub.mct();
    let max = m.dd.max(m.di).max(m.id).max(m.ii) as i64;
    (max + 4) / 5 * 5
}

/// Local end of bank `k`'s arrival window (k may run past the day: `k = BANKS` is tomorrow's
/// first bank).
fn bank_end(k: i64) -> i64 {
    k.div_euclid(BANKS) * MINUTES_PER_DAY + FIRST_BANK + k.rem_euclid(BANKS) * BANK_SPACING
}

/// Whether a departure in bank `k` is within 12 hours after every spoke's arrival bank: every
/// spoke lands in bank [`THIN_IN_BANK`] or earlier, and a departure up to bank
/// [`THIN_OUT_BANK`] leaves less than 11 hours after that bank's arrival window opens.
fn fed_by_every_spoke(k: i64) -> bool {
    (THIN_IN_BANK..=THIN_OUT_BANK).contains(&k)
}

/// Whether an arrival at local minute `arr` (of any day) connects to every spoke of a hub
/// with bank gap `gap`: every spoke leaves in bank [`THIN_OUT_BANK`] or later, so the arrival
/// must reach that bank and be at most 12 hours before the end of its departure window.
fn feeds_every_spoke(arr: i64, gap: i64) -> bool {
    let end = bank_end(THIN_OUT_BANK);
    let last_departure = end + gap + WINDOW;
    (last_departure - 12 * 60..=end).contains(&arr.rem_euclid(MINUTES_PER_DAY))
}

/// `count` bank indices spread over the day (cycling when there are more flights than banks).
fn spread_banks(count: u32) -> Vec<i64> {
    (0..count as i64)
        .map(|i| {
            let lap = i / BANKS;
            let in_lap = (count as i64 - lap * BANKS).min(BANKS);
            ((2 * (i % BANKS) + 1) * BANKS / (2 * in_lap)).min(BANKS - 1)
        })
        .collect()
}

/// Builds the flights of every pair.
pub(super) struct Builder<'a> {
    layout: &'a Layout,
    seed: u64,
    flights: Vec<Flight>,
}

impl<'a> Builder<'a> {
    /// A pseudo-random multiple of 5 in `0..=max` for (pair, flight, direction).
    fn jitter(&self, pair: usize, i: u32, dir: u64, max: i64) -> i64 {
        let h = mix64(self.seed ^ mix64(((pair as u64) << 20) ^ ((i as u64) << 2) ^ dir));
        (h % (max as u64 / 5 + 1)) as i64 * 5
    }

    fn block(&self, origin: usize, destination: usize) -> i64 {
        let (o, d) = (&self.layout.sites[origin], &self.layout.sites[destination]);
        block_minutes(self.layout.km(origin, destination), eastbound(o, d))
    }

    fn push(&mut self, origin: usize, destination: usize, dep: i64, days: DaySet, ty: usize) {
        self.flights.push(Flight {
            origin,
            destination,
            dep,
            block: self.block(origin, destination),
            days,
            ty,
        });
    }

    /// Spoke `s` to hub `h` and back: with one flight a day (or fewer), in at bank
    /// [`THIN_IN_BANK`] and out at bank [`THIN_OUT_BANK`]; with `n` ≥ 2, in and out in each of
    /// `n` spread banks. Arrivals land in a bank's arrival window, departures leave in its
    /// departure window.
    fn hub_spoke(&mut self, pair: usize, h: usize, s: usize, svc: &Service) {
        let hub = &self.layout.sites[h];
        let off_h = hub.offset_minutes();
        let gap = bank_gap(hub);
        let in_block = self.block(s, h);
        let banks: Vec<(i64, i64)> = if svc.per_day == 1 {
            vec![(THIN_IN_BANK, THIN_OUT_BANK)]
        } else {
            spread_banks(svc.per_day)
                .into_iter()
                .map(|k| (k, k))
                .collect()
        };
        for (i, (k_in, k_out)) in banks.into_iter().enumerate() {
            let i = i as u32;
            let arr = bank_end(k_in) - self.jitter(pair, i, 1, WINDOW) - off_h;
            let dep = bank_end(k_out) + gap + self.jitter(pair, i, 0, WINDOW) - off_h;
            self.push(s, h, arr - in_block, svc.days, svc.ty);
            self.push(h, s, dep, svc.days, svc.ty);
        }
    }

    /// One direction of a hub pair. The `i`-th of `n` flights leaves in a departure window of
    /// `from` and lands as shortly as possible before the end of bank `spread_banks(n)[i]` at
    /// `to` (that day or the next), so it is banked at both ends; but first, if possible, the
    /// last flight leaves late enough to take passengers from every spoke of `from` and the
    /// first lands early enough to feed every spoke of `to` (see [`feeds_every_spoke`] and
    /// [`fed_by_every_spoke`]).
    fn hub_hub(&mut self, from: usize, to: usize, svc: &Service) {
        let (a, b) = (&self.layout.sites[from], &self.layout.sites[to]);
        let (off_a, off_b) = (a.offset_minutes(), b.offset_minutes());
        let (gap_a, gap_b) = (bank_gap(a), bank_gap(b));
        let block = self.block(from, to);
        let targets = spread_banks(svc.per_day);
        let last = targets.len() - 1;
        for (i, &target) in targets.iter().enumerate() {
            let mut best = ((u8::MAX, i64::MAX), 0);
            for k in 0..BANKS {
                for step in 0..=WINDOW / 5 {
                    let dep = bank_end(k) + gap_a + 5 * step - off_a;
                    let arr = dep + block + off_b;
                    let misses = u8::from(i == last && !fed_by_every_spoke(k))
                        + u8::from(i == 0 && !feeds_every_spoke(arr, gap_b));
                    let wait = [target, target + BANKS]
                        .into_iter()
                        .map(bank_end)
                        .find(|&e| e >= arr)
                        .map_or(i64::MAX, |e| e - arr);
                    if (misses, wait) < best.0 {
                        best = ((misses, wait), dep);
                    }
                }
            }
            self.push(from, to, best.1, svc.days, svc.ty);
        }
    }

    /// A point-to-point pair: departures from `a` spread over the day, each aircraft flying
    /// straight back after its minimum turnaround (plus up to 30 minutes).
    fn point_to_point(&mut self, pair: usize, a: usize, b: usize, svc: &Service) {
        let off = self.layout.sites[a].offset_minutes();
        let (first, last) = POINT_TO_POINT_HOURS;
        let turn = TYPES[svc.ty].min_turn as i64;
        let n = svc.per_day as i64;
        for i in 0..n {
            let slot = first + (2 * i + 1) * (last - first) / (2 * n);
            let dep = slot / 5 * 5 + self.jitter(pair, i as u32, 0, 30) - off;
            let back = dep + self.block(a, b) + turn + self.jitter(pair, i as u32, 1, 30);
            self.push(a, b, dep, svc.days, svc.ty);
            self.push(b, a, back, svc.days, svc.ty);
        }
    }
}

/// The flights of every pair, pair by pair.
pub(super) fn build(
    layout: &Layout,
    pairs: &[Pair],
    services: &[Service],
    seed: u64,
) -> Vec<Flight> {
    let mut b = Builder {
        layout,
        seed,
        flights: Vec::new(),
    };
    for (i, (p, svc)) in pairs.iter().zip(services).enumerate() {
        match p.kind {
            Kind::HubSpoke => b.hub_spoke(i, p.a, p.b, svc),
            Kind::HubHub => {
                b.hub_hub(p.a, p.b, svc);
                b.hub_hub(p.b, p.a, svc);
            }
            Kind::PointToPoint => {
                b.point_to_point(i, p.a, p.b, svc);
            }
        }
    }
    b.flights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_times() {
        assert_eq!(block_minutes(1000.0, true), 105);
        assert_eq!(block_minutes(1000.0, false), 115);
        assert_eq!(block_minutes(0.0, true), 25);
    }

    #[test]
    fn banks_spread_over_the_day() {
        assert_eq!(spread_banks(1), vec![4]);
        assert_eq!(spread_banks(2), vec![2, 6]);
        assert_eq!(spread_banks(8), (0..8).collect::<Vec<_>>());
        let ten = spread_banks(10);
        assert_eq!(ten.len(), 10);
        assert!(ten.iter().all(|k| (0..BANKS).contains(k)));
        assert_eq!(bank_end(BANKS), MINUTES_PER_DAY + FIRST_BANK);
    }
}
