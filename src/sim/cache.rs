//! A bounded cache of each market's itineraries on a date, before seat availability.
//!
//! The itineraries of a market on a date depend only on the schedule, so they are computed once
//! and reused by every later request for that market and date; seat availability and the
//! booking deadline are applied when a request reads them. Filtering the cached list keeps its
//! order, so a request sees exactly the list a fresh search would give. The cache is
//! direct-mapped with a fixed number of slots (memory is bounded whatever the network size);
//! a slot reuses its buffer when another (market, date) takes it.

use super::Prepared;
use crate::itinerary::{Itinerary, itineraries_on_day};
use crate::time::{Day, UtcMinute};

const EMPTY: u64 = u64::MAX;

struct Slot {
    key: u64,
    its: Vec<Itinerary>,
}

/// Direct-mapped (market, date) → itineraries.
pub(super) struct ItineraryCache {
    slots: Vec<Slot>,
    mask: usize,
}

impl ItineraryCache {
    /// A cache with `2^bits` slots.
    pub fn new(bits: u32) -> ItineraryCache {
        let n = 1usize << bits;
        ItineraryCache {
            slots: (0..n)
                .map(|_| Slot {
                    key: EMPTY,
                    its: Vec::new(),
                })
                .collect(),
            mask: n - 1,
        }
    }

    /// Every itinerary of market `m` departing on `day`, regardless of seats.
    #[inline]
    pub fn get(&mut self, p: &Prepared, m: u32, day: Day) -> &[Itinerary] {
        let key = (m as u64) << 32 | day.0 as u32 as u64;
        let slot = &mut self.slots[crate::rng::mix64(key) as usize & self.mask];
        if slot.key != key {
            slot.key = key;
            slot.its.clear();
            itineraries_on_day(
                &p.net,
                &p.timetable,
                &p.markets[m as usize].paths,
                day,
                UtcMinute(i64::MIN),
                p.cfg.rules.max_connect,
                |_| true,
                &mut slot.its,
            );
        }
        &slot.its
    }
}
