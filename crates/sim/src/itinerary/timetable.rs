//! A compact, cache-friendly timetable for itinerary search: each route's legs in departure
//! order in one contiguous array of small records, with an index by departure date that holds
//! absolute positions (one lookup finds a day's legs).

use flightnet_data::id::Idx;
use std::ops::Range;

use std::sync::Arc;

use flightnet_data::mct::pattern_query;
use flightnet_data::network::{LegId, Network, NetworkData, RouteId};
use flightnet_data::time::{Day, MINUTES_PER_DAY, UtcMinute};

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
    /// When the network has MCT records: what looking them up needs.
    mct: Option<MctLookup>,
}

/// What per-leg MCT lookups need: the tables and each position's schedule pattern.
#[derive(Clone, Debug)]
struct MctLookup {
    data: Arc<NetworkData>,
    /// The pattern of the leg at each position.
    patterns: Vec<u32>,
    /// The local departure date of the leg at each position.
    days: Vec<i32>,
}

/// The index of the first slot failing `before` (which holds on a prefix of `slots`): a scan
/// when there are a few slots, as there usually are, and a bisection otherwise.
#[inline]
fn first_not(slots: &[Slot], before: impl Fn(&Slot) -> bool) -> usize {
    if slots.len() <= 8 {
        slots.iter().position(|s| !before(s)).unwrap_or(slots.len())
    } else {
        slots.partition_point(before)
    }
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
        let mct = (!net.data().mct.is_empty()).then(|| MctLookup {
            data: net.data_arc(),
            patterns: slots
                .iter()
                .map(|s| net.leg(LegId(s.leg)).pattern.0)
                .collect(),
            days: slots.iter().map(|s| net.leg(LegId(s.leg)).day.0).collect(),
        });
        Timetable {
            first_day,
            days,
            day_start,
            slots,
            mct,
        }
    }

    /// The MCT for connecting from the leg at position `i` to the leg at position `j` when MCT
    /// records may apply ([`crate::itinerary::MctRule::PerLeg`]): the winning record's (an
    /// exception, or a station standard when `standards`), else `standard`; `None` when a
    /// suppression wins. The same answer as `ConnectionRules::connection_mct` for those legs.
    pub fn connection_mct(
        &self,
        i: usize,
        j: usize,
        standard: u16,
        standards: bool,
    ) -> Option<u16> {
        let Some(m) = &self.mct else {
            return Some(standard);
        };
        let (pi, pj) = (
            &m.data.patterns[m.patterns[i] as usize],
            &m.data.patterns[m.patterns[j] as usize],
        );
        let q = pattern_query(&m.data, pi, pj, Some(Day(m.days[j])));
        match m.data.mct.resolve(&q, standards) {
            Some(o) => o.minutes(),
            None => Some(standard),
        }
    }

    #[inline]
    fn row(&self, route: RouteId) -> usize {
        route.index() * (self.days + 1)
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
    /// starts of local days `d − 1` and `d + 2`: each bound is found among the few legs
    /// between those starts.
    #[inline]
    pub fn between(&self, route: RouteId, from: i64, to: i64) -> Range<usize> {
        let row = self.row(route);
        let bound = |t: i64, k: i32| -> usize {
            let d = t.div_euclid(MINUTES_PER_DAY) as i32 - self.first_day + k;
            self.day_start[row + d.clamp(0, self.days as i32) as usize] as usize
        };
        let (a, b) = (bound(from, -1), bound(to, 2));
        let slots = &self.slots[a..b.max(a)];
        let lo = first_not(slots, |s| s.dep < from);
        let n = first_not(&slots[lo..], |s| s.dep <= to);
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

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::time::DateRange;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    /// The shipped network over two months, with its timetable.
    fn shipped() -> &'static (Network, Timetable) {
        static NET: OnceLock<(Network, Timetable)> = OnceLock::new();
        NET.get_or_init(|| {
            let data =
                flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin())
                    .unwrap();
            let window = DateRange::new(
                Day::parse("2023-09-01").unwrap(),
                Day::parse("2023-10-31").unwrap(),
            )
            .unwrap();
            let net = Network::build(data.into(), window);
            let tt = Timetable::new(&net);
            (net, tt)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// `between` gives exactly the route's legs departing in `[from, to]`, whether the
        /// window holds a few legs (scanned) or many (bisected), and none when `to < from`;
        /// windows often start or end on a departure minute, or one minute either side.
        #[test]
        fn between_is_the_legs_departing_in_the_window(
            route in 0usize..1000,
            start in -2i64 * 24 * 60..64 * 24 * 60,
            len in -600i64..10 * 24 * 60,
            anchor in any::<prop::sample::Index>(),
            snap in 0u8..4,
            nudge in -1i64..=1,
        ) {
            let (net, tt) = shipped();
            let route = RouteId((route % net.route_count()) as u32);
            let all = tt.all(route);
            let mut from = net.window.first.start_utc().0 + start;
            let mut to = from + len;
            if !all.is_empty() {
                let dep = tt.dep(all.start + anchor.index(all.len())).0 + nudge;
                match snap {
                    0 => (from, to) = (dep, dep + len),
                    1 => (from, to) = (dep - len, dep),
                    2 => (from, to) = (dep, dep),
                    _ => {}
                }
            }
            let want: Vec<usize> =
                all.filter(|&i| (from..=to).contains(&tt.dep(i).0)).collect();
            let got: Vec<usize> = tt.between(route, from, to).collect();
            prop_assert_eq!(got, want);
        }
    }

    /// The property above covers windows with many legs, so the bisecting branch runs.
    #[test]
    fn some_route_has_many_legs_in_ten_days() {
        let (net, tt) = shipped();
        let from = net.window.first.start_utc().0;
        let most = (0..net.route_count() as u32)
            .map(|r| tt.between(RouteId(r), from, from + 10 * 24 * 60).len())
            .max()
            .unwrap();
        assert!(most > 8, "{most}");
    }
}
