//! A bounded cache of each market's itineraries on a date, before seat availability.
//!
//! The itineraries of a market on a date depend only on the schedule, so they are computed once
//! and reused by every later request for that market and date; seat availability and the
//! booking deadline are applied when a request reads them. Reading keeps the search's order,
//! so a request sees exactly the list a fresh search would give. The cache is direct-mapped
//! with a fixed number of slots, each holding its itineraries inline in a compact form (one
//! place in memory per lookup; memory is bounded whatever the network size).

use super::Prepared;
use crate::itinerary::{Itinerary, itineraries_on_day};
use crate::network::LegId;
use crate::time::{Day, UtcMinute};

const EMPTY: u64 = u64::MAX;
/// Itineraries held inline per slot; more spill to a heap buffer.
const INLINE: usize = 12;
const NONE: u32 = u32::MAX;

/// An itinerary in 20 bytes (UTC minutes fit 32 bits until the year 6053).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Compact {
    first: u32,
    second: u32,
    dep: i32,
    arr: i32,
    interline: bool,
}

impl Compact {
    fn new(it: &Itinerary) -> Compact {
        Compact {
            first: it.first.0,
            second: it.second.map_or(NONE, |l| l.0),
            dep: it.dep.0 as i32,
            arr: it.arr.0 as i32,
            interline: it.interline,
        }
    }

    /// The full itinerary.
    #[inline]
    pub fn itinerary(&self) -> Itinerary {
        Itinerary {
            first: LegId(self.first),
            second: (self.second != NONE).then_some(LegId(self.second)),
            dep: UtcMinute(self.dep as i64),
            arr: UtcMinute(self.arr as i64),
            interline: self.interline,
        }
    }

    /// Departure (UTC minutes).
    #[inline]
    pub fn dep(&self) -> i64 {
        self.dep as i64
    }

    /// The legs (second is `None` for a nonstop).
    #[inline]
    pub fn legs(&self) -> (u32, Option<u32>) {
        (self.first, (self.second != NONE).then_some(self.second))
    }
}

#[repr(C)] // header and inline items first and together, as the prefetch expects
struct Slot {
    key: u64,
    len: u32,
    items: [Compact; INLINE],
    spill: Vec<Compact>,
}

/// Direct-mapped (market, date) → itineraries.
pub(super) struct ItineraryCache {
    slots: Vec<Slot>,
    mask: usize,
    scratch: Vec<Itinerary>,
}

impl ItineraryCache {
    /// A cache with `2^bits` slots.
    pub fn new(bits: u32) -> ItineraryCache {
        let n = 1usize << bits;
        ItineraryCache {
            slots: (0..n)
                .map(|_| Slot {
                    key: EMPTY,
                    len: 0,
                    items: [Compact::default(); INLINE],
                    spill: Vec::new(),
                })
                .collect(),
            mask: n - 1,
            scratch: Vec::new(),
        }
    }

    #[inline]
    fn key_and_index(&self, m: u32, day: Day) -> (u64, usize) {
        let key = (m as u64) << 32 | day.0 as u32 as u64;
        (key, crate::rng::mix64(key) as usize & self.mask)
    }

    /// Starts loading the slot of market `m` on `day` (a memory hint).
    #[inline]
    pub fn prefetch(&self, m: u32, day: Day) {
        let slot = &self.slots[self.key_and_index(m, day).1];
        crate::prefetch::prefetch(slot);
        crate::prefetch::prefetch(&slot.items[3]);
        crate::prefetch::prefetch(&slot.items[6]);
    }

    /// The itineraries of market `m` on `day` if they are cached.
    #[inline]
    pub fn peek(&self, m: u32, day: Day) -> Option<&[Compact]> {
        let (key, i) = self.key_and_index(m, day);
        let slot = &self.slots[i];
        (slot.key == key).then(|| {
            if slot.len as usize <= INLINE {
                &slot.items[..slot.len as usize]
            } else {
                &slot.spill[..]
            }
        })
    }

    /// Every itinerary of market `m` departing on `day`, regardless of seats.
    #[inline]
    pub fn get(&mut self, p: &Prepared, m: u32, day: Day) -> &[Compact] {
        let (key, i) = self.key_and_index(m, day);
        let slot = &mut self.slots[i];
        if slot.key != key {
            slot.key = key;
            self.scratch.clear();
            itineraries_on_day(
                &p.timetable,
                &p.markets[m as usize].paths,
                day,
                UtcMinute(i64::MIN),
                p.cfg.rules.max_connect,
                |_| true,
                &mut self.scratch,
            );
            slot.len = self.scratch.len() as u32;
            slot.spill.clear();
            if self.scratch.len() <= INLINE {
                for (d, it) in slot.items.iter_mut().zip(&self.scratch) {
                    *d = Compact::new(it);
                }
            } else {
                slot.spill.extend(self.scratch.iter().map(Compact::new));
            }
        }
        if slot.len as usize <= INLINE {
            &slot.items[..slot.len as usize]
        } else {
            &slot.spill
        }
    }
}
