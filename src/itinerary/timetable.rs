//! A compact, cache-friendly timetable for itinerary search: each route's legs in departure
//! order, with their UTC times in contiguous arrays and an index by departure date.

use std::ops::Range;

use crate::network::{LegId, Network, RouteId};
use crate::time::{Day, UtcMinute};

/// Legs per route, laid out for fast lookups by date and by departure time.
#[derive(Clone, Debug)]
pub struct Timetable {
    first_day: i32,
    days: usize,
    /// Per route: offset of its first leg in the flat arrays, and its leg count.
    spans: Vec<(u32, u32)>,
    /// Per route, per day of the window (+1): offset (relative to the route) of the first leg on
    /// or after that departure date.
    day_start: Vec<u32>,
    leg: Vec<u32>,
    dep: Vec<i64>,
    arr: Vec<i64>,
}

impl Timetable {
    /// Builds the timetable of every route of `net`.
    ///
    /// # Complexity
    /// O(L + R·D) for L legs, R routes and D days in the window.
    pub fn new(net: &Network) -> Timetable {
        let first_day = net.window.first.0;
        let days = net.window.len();
        let mut spans = Vec::with_capacity(net.route_legs.len());
        let mut day_start = Vec::with_capacity(net.route_legs.len() * (days + 1));
        let (mut leg, mut dep, mut arr) = (Vec::new(), Vec::new(), Vec::new());
        for legs in &net.route_legs {
            spans.push((leg.len() as u32, legs.len() as u32));
            let mut k = 0usize;
            for d in 0..=days {
                while k < legs.len() && net.leg(legs[k]).day.0 < first_day + d as i32 {
                    k += 1;
                }
                day_start.push(k as u32);
            }
            for &l in legs {
                let x = net.leg(l);
                leg.push(l.0);
                dep.push(x.dep.0);
                arr.push(x.arr.0);
            }
        }
        Timetable {
            first_day,
            days,
            spans,
            day_start,
            leg,
            dep,
            arr,
        }
    }

    /// Flat indices of the route's legs departing on local date `day`.
    #[inline]
    pub fn on_day(&self, route: RouteId, day: Day) -> Range<usize> {
        let d = day.0 - self.first_day;
        if d < 0 || d as usize >= self.days {
            return 0..0;
        }
        let (start, _) = self.spans[route.0 as usize];
        let row = route.0 as usize * (self.days + 1) + d as usize;
        (start + self.day_start[row]) as usize..(start + self.day_start[row + 1]) as usize
    }

    /// Flat indices of the route's legs departing in `[from, to]`.
    ///
    /// The date index narrows the search to the legs within a day of each end, so each bound is
    /// a binary search over a few legs, not over the whole route.
    #[inline]
    pub fn between(&self, route: RouteId, from: i64, to: i64) -> Range<usize> {
        let (start, len) = self.spans[route.0 as usize];
        let (s, e) = (start as usize, (start + len) as usize);
        let row = route.0 as usize * (self.days + 1);
        // Local dates are within a day of UTC dates, so a UTC day d's departures lie between the
        // starts of local days d-1 and d+2.
        let bound = |t: i64, k: i32| -> usize {
            let d = t.div_euclid(crate::time::MINUTES_PER_DAY) as i32 - self.first_day + k;
            if d < 0 {
                s
            } else if d as usize > self.days {
                e
            } else {
                s + self.day_start[row + d as usize] as usize
            }
        };
        let (a, b) = (bound(from, -1), bound(from, 2));
        let lo = a + self.dep[a..b].partition_point(|&t| t < from);
        let (c, d) = (bound(to, -1).max(lo), bound(to, 2).max(lo));
        let hi = c + self.dep[c..d].partition_point(|&t| t <= to);
        lo..hi.max(lo)
    }

    /// The leg at a flat index.
    #[inline]
    pub fn leg(&self, i: usize) -> LegId {
        LegId(self.leg[i])
    }

    /// Scheduled departure at a flat index.
    #[inline]
    pub fn dep(&self, i: usize) -> UtcMinute {
        UtcMinute(self.dep[i])
    }

    /// Scheduled arrival at a flat index.
    #[inline]
    pub fn arr(&self, i: usize) -> UtcMinute {
        UtcMinute(self.arr[i])
    }
}
