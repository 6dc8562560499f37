//! Semantic checks on flight patterns that need the airports' time zones or other patterns.
//!
//! Shared by every schedule reader (CSV and SSIM) so the rules are the same whatever the
//! format.

use crate::id::Idx;
use std::collections::BTreeMap;

use super::airport::Airport;
use super::pattern::FlightPattern;
use crate::time::{Day, UtcMinute};

/// Longest block time accepted, in minutes (the longest scheduled flights are under 19 h).
pub const MAX_BLOCK_MINUTES: i64 = 20 * 60;

/// A date on which a pattern's UTC times are impossible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeProblem {
    /// The first bad departure date.
    pub day: Day,
    /// Departure in UTC on that date.
    pub dep: UtcMinute,
    /// Arrival in UTC on that date.
    pub arr: UtcMinute,
    /// How many operating dates are bad.
    pub bad_dates: usize,
    /// How many operating dates the pattern has.
    pub dates: usize,
}

/// The UTC departure and arrival of a pattern on one departure local date.
pub fn utc_times(p: &FlightPattern, airports: &[Airport], day: Day) -> (UtcMinute, UtcMinute) {
    let o = &airports[p.origin.index()];
    let d = &airports[p.destination.index()];
    let dep = o.zone.to_utc(day, p.dep);
    let arr = d.zone.to_utc(day.plus_days(p.arr_day as i32), p.arr);
    (dep, arr)
}

/// The operating departure dates of a pattern, in order.
pub fn operating_days(p: &FlightPattern) -> impl Iterator<Item = Day> + '_ {
    p.period.days().filter(|d| p.days.contains(d.weekday()))
}

/// Checks that on every operating date the arrival is after the departure in UTC and the block
/// time is at most [`MAX_BLOCK_MINUTES`].
///
/// # Returns
/// `None` when every date is fine; otherwise the first bad date and how many dates are bad.
///
/// # Complexity
/// O(days in the period) time-zone conversions.
pub fn utc_problem(p: &FlightPattern, airports: &[Airport]) -> Option<TimeProblem> {
    utc_scan(p, airports).0
}

/// [`utc_problem`] and, in the same pass, the shortest and longest UTC block time over the
/// pattern's dates (`(0, 0)` when it has none).
pub fn utc_scan(p: &FlightPattern, airports: &[Airport]) -> (Option<TimeProblem>, (i64, i64)) {
    let mut first = None;
    let mut bad = 0;
    let mut dates = 0;
    let (mut short, mut long) = (i64::MAX, i64::MIN);
    for day in operating_days(p) {
        dates += 1;
        let (dep, arr) = utc_times(p, airports, day);
        let block = arr.0 - dep.0;
        short = short.min(block);
        long = long.max(block);
        if block <= 0 || block > MAX_BLOCK_MINUTES {
            bad += 1;
            first.get_or_insert((day, dep, arr));
        }
    }
    let problem = first.map(|(day, dep, arr)| TimeProblem {
        day,
        dep,
        arr,
        bad_dates: bad,
        dates,
    });
    let range = if dates == 0 { (0, 0) } else { (short, long) };
    (problem, range)
}

/// Finds pairs of patterns that fly the same flight number from the same origin on the same
/// departure date.
///
/// # Returns
/// `(earlier, later, date)` triples: indices into `patterns` (the later one in file order is
/// the one to report) and the first shared date.
///
/// # Complexity
/// O(n + k) where k is the number of pattern pairs sharing a flight number and origin.
pub fn duplicate_dates(patterns: &[FlightPattern]) -> Vec<(usize, usize, Day)> {
    let mut groups: BTreeMap<(u16, u16, u16), Vec<usize>> = BTreeMap::new();
    for (i, p) in patterns.iter().enumerate() {
        groups
            .entry((p.airline.0, p.flight, p.origin.0))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for members in groups.values() {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                let (pi, pj) = (&patterns[i], &patterns[j]);
                let Some(overlap) = pi.period.intersect(&pj.period) else {
                    continue;
                };
                let common = pi.days.0 & pj.days.0;
                if common == 0 {
                    continue;
                }
                if let Some(day) = overlap
                    .days()
                    .take(7)
                    .find(|d| common & (1 << (d.weekday() - 1)) != 0)
                {
                    out.push((i.min(j), i.max(j), day));
                }
            }
        }
    }
    out.sort();
    out
}
