//! A compact, cache-friendly timetable for itinerary search: each route's legs in departure
//! order in one contiguous array of small records, with an index by departure date that holds
//! absolute positions (one lookup finds a day's legs).

use std::ops::Range;

use crate::network::{LegId, Network, RouteId};
use crate::time::{Day, MINUTES_PER_DAY, UtcMinute};

/// One leg as the search needs it (one cache line holds several).
#[derive(Clone, Copy, Debug)]
struct Slot {
    dep: i64,
    arr: i64,
    leg: u32,
    flight: u16,
}

/// Legs per route, laid out for fast lookups by date and by departure time.
#[derive(Clone, Debug)]
pub struct Timetable {
    first_day: i32,
    days: usize,
    /// Per route, per day of the window and one more: the position in `slots` of the route's
    /// first leg departing on or after that local date (route-major rows of `days + 1`).
    day_start: Vec<u32>,
    slots: Vec<Slot>,
}

impl Timetable {
    /// Builds the timetable of every route of `net`.
    ///
    /// # Complexity
    /// O(L + R·D) for L legs, R routes and D days in the window.
    pub fn new(net: &Network) -> Timetable {
        let first_day = net.window.first.0;
        let days = net.window.len();
        let mut day_start = Vec::with_capacity(net.route_legs.len() * (days + 1));
        let mut slots = Vec::with_capacity(net.legs.len());
        for legs in &net.route_legs {
            let base = slots.len();
            let mut k = 0usize;
            for d in 0..=days {
                while k < legs.len() && net.leg(legs[k]).day.0 < first_day + d as i32 {
                    k += 1;
                }
                day_start.push((base + k) as u32);
            }
            slots.extend(legs.iter().map(|&l| {
                let x = net.leg(l);
                Slot {
                    dep: x.dep.0,
                    arr: x.arr.0,
                    leg: l.0,
                    flight: x.flight,
                }
            }));
        }
        Timetable {
            first_day,
            days,
            day_start,
            slots,
        }
    }

    #[inline]
    fn row(&self, route: RouteId) -> usize {
        route.0 as usize * (self.days + 1)
    }

    /// Positions of the route's legs departing on local date `day`.
    #[inline]
    pub fn on_day(&self, route: RouteId, day: Day) -> Range<usize> {
        let d = day.0 - self.first_day;
        if d < 0 || d as usize >= self.days {
            return 0..0;
        }
        let i = self.row(route) + d as usize;
        self.day_start[i] as usize..self.day_start[i + 1] as usize
    }

    /// Positions of all the route's legs in the window.
    #[inline]
    pub fn all(&self, route: RouteId) -> Range<usize> {
        let i = self.row(route);
        self.day_start[i] as usize..self.day_start[i + self.days] as usize
    }

    /// Positions of the route's legs departing in `[from, to]`.
    ///
    /// Local dates are within a day of UTC dates, so the legs of UTC day `d` lie between the
    /// starts of local days `d − 1` and `d + 2`: each bound is a binary search over a few legs.
    #[inline]
    pub fn between(&self, route: RouteId, from: i64, to: i64) -> Range<usize> {
        let row = self.row(route);
        let bound = |t: i64, k: i32| -> usize {
            let d = t.div_euclid(MINUTES_PER_DAY) as i32 - self.first_day + k;
            self.day_start[row + d.clamp(0, self.days as i32) as usize] as usize
        };
        let (a, b) = (bound(from, -1), bound(to, 2));
        let slots = &self.slots[a..b.max(a)];
        // Usually a few legs: scan them; bisect when there are many.
        let lo = if slots.len() <= 8 {
            slots
                .iter()
                .position(|s| s.dep >= from)
                .unwrap_or(slots.len())
        } else {
            slots.partition_point(|s| s.dep < from)
        };
        let rest = &slots[lo..];
        let n = if rest.len() <= 8 {
            rest.iter().position(|s| s.dep > to).unwrap_or(rest.len())
        } else {
            rest.partition_point(|s| s.dep <= to)
        };
        a + lo..a + lo + n
    }

    /// The leg at a position.
    #[inline]
    pub fn leg(&self, i: usize) -> LegId {
        LegId(self.slots[i].leg)
    }

    /// Scheduled departure at a position.
    #[inline]
    pub fn dep(&self, i: usize) -> UtcMinute {
        UtcMinute(self.slots[i].dep)
    }

    /// Flight number at a position.
    #[inline]
    pub fn flight(&self, i: usize) -> u16 {
        self.slots[i].flight
    }

    /// Scheduled arrival at a position.
    #[inline]
    pub fn arr(&self, i: usize) -> UtcMinute {
        UtcMinute(self.slots[i].arr)
    }
}
