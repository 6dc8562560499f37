//! Each market's itineraries on a date, before seat availability, computed once and read by
//! every request for that market and date.
//!
//! The itineraries of a market on a date depend only on the schedule, so they are computed once
//! and reused by every later request for that market and date; seat availability and the
//! booking deadline are applied when a request reads them. Reading keeps the search's order,
//! so a request sees exactly the list a fresh search would give, whichever store it comes
//! from.
//!
//! Two stores, one answer ([`Itineraries`]):
//! * **Date tables** ([`DateTable`]): every market's itineraries on eight consecutive
//!   departure dates, built in one sweep over the markets the first time one of the dates is
//!   asked for, while those dates' timetable stays in the processor's cache, and dropped once
//!   the last date has passed. A market's lists for the eight dates lie next to each other, so
//!   the requests for one market on nearby dates read the same pages. They serve the dates up
//!   to a window of days ahead of the simulation clock, as many as fit
//!   [`TABLE_BUDGET_BYTES`], and the other dates of a table once it is built.
//! * **The market-date cache** ([`ItineraryCache`]) for dates beyond that (long booking
//!   horizons on networks too big for the budget): one search per market and date when a
//!   request asks, kept in a bounded cache.
//!
//! Cache layout: a direct-mapped table of small slots, (market, date) → where its itineraries are,
//! and one circular log of compact itineraries that fills append to. A slot is valid while its
//! key matches and the log has not wrapped over its items. Slots are 24 bytes and items 16, so
//! many (market, date) pairs fit in a bounded amount of memory whatever their itinerary counts.

use super::{MarketId, Prepared};
use crate::itinerary::{Itinerary, itineraries_on_day};
use flightnet_data::id::Idx;
use flightnet_data::network::LegId;
use flightnet_data::time::{Day, UtcMinute};
use flightnet_engine::prefetch::{prefetch, prefetch_at};

const EMPTY: u64 = u64::MAX;
const NONE: u32 = u32::MAX;
/// Bit of [`Compact::second`] that marks an interline connection (leg ids stay below it).
const INTERLINE: u32 = 1 << 31;
/// Bit of [`Compact::second`] that marks an itinerary with a third leg, held by the next item
/// of the list (a [continuation](Compact::is_continuation)).
const THIRD: u32 = 1 << 30;
/// Leg ids in [`Compact::first`] stay below this; the bits above hold the fare slot.
pub(super) const LEG_BITS: u32 = 28;
const LEG_MASK: u32 = (1 << LEG_BITS) - 1;
/// [`Compact::dep`] of a continuation item: before every request's earliest departure, so a
/// reader that skips itineraries leaving too early skips it too.
const CONTINUATION: i32 = i32::MIN;

/// An itinerary in 16 bytes (UTC minutes fit 32 bits until the year 6053).
///
/// An itinerary with two connections takes two consecutive items of a list: the first as for a
/// one-stop itinerary (first and second legs, departure, arrival) with [`THIRD`] set, then a
/// continuation item holding the third leg whose departure is [`CONTINUATION`]. Nonstop and
/// one-stop itineraries keep one item each, so lists without two-stop itineraries are as they
/// were; readers go through [`legs_at`] and [`itinerary_at`], and skip continuation items as
/// they skip itineraries that leave too early.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Compact {
    /// The first leg, and in the top four bits the slot of its airline's fare structure in the
    /// market (15 = none); a continuation's third leg.
    first: u32,
    /// The second leg, with [`INTERLINE`] set for an interline connection and [`THIRD`] for an
    /// itinerary with a third leg; `NONE` for a nonstop and a continuation.
    second: u32,
    dep: i32,
    arr: i32,
}

impl Compact {
    /// Appends `it` with fare slot `fare_slot` to `out`: one item, or two for an itinerary with
    /// a third leg.
    fn push(it: &Itinerary, fare_slot: u8, out: &mut impl Extend<Compact>) {
        debug_assert!(it.first.0 <= LEG_MASK && fare_slot < 16);
        debug_assert!(it.second.is_none_or(|l| l.0 <= LEG_MASK));
        debug_assert!(it.third.is_none() || it.second.is_some());
        let head = Compact {
            first: it.first.0 | (fare_slot as u32) << LEG_BITS,
            second: it.second.map_or(NONE, |l| {
                l.0 | if it.interline { INTERLINE } else { 0 }
                    | if it.third.is_some() { THIRD } else { 0 }
            }),
            dep: it.dep.0 as i32,
            arr: it.arr.0 as i32,
        };
        match it.third {
            None => out.extend([head]),
            Some(third) => {
                debug_assert!(third.0 <= LEG_MASK);
                out.extend([
                    head,
                    Compact {
                        first: third.0,
                        second: NONE,
                        dep: CONTINUATION,
                        arr: 0,
                    },
                ])
            }
        }
    }

    /// How many items `it` takes in a list.
    fn items(it: &Itinerary) -> usize {
        1 + it.third.is_some() as usize
    }

    /// Departure (UTC minutes); `i32::MIN` for a continuation item.
    #[inline]
    pub(super) fn dep(&self) -> i64 {
        self.dep as i64
    }

    /// Whether this item only continues the itinerary before it (holds its third leg).
    #[inline]
    pub(super) fn is_continuation(&self) -> bool {
        self.dep == CONTINUATION
    }

    /// Whether the next item holds this itinerary's third leg.
    #[inline]
    fn has_third(&self) -> bool {
        self.second != NONE && self.second & THIRD != 0
    }

    /// The slot of the itinerary's fare structure in its market (15 = none).
    #[inline]
    pub(super) fn fare_slot(&self) -> usize {
        (self.first >> LEG_BITS) as usize
    }

    /// The first two legs (second is `None` for a nonstop); a continuation's one leg is its
    /// first.
    #[inline]
    pub(super) fn legs(&self) -> (LegId, Option<LegId>) {
        (
            LegId(self.first & LEG_MASK),
            (self.second != NONE).then_some(LegId(self.second & !(INTERLINE | THIRD))),
        )
    }
}

/// The legs of the itinerary starting at item `i` of `items` (not a continuation).
#[inline]
pub(super) fn legs_at(items: &[Compact], i: usize) -> (LegId, Option<LegId>, Option<LegId>) {
    let c = &items[i];
    debug_assert!(!c.is_continuation());
    let (a, b) = c.legs();
    let third = c.has_third().then(|| items[i + 1].legs().0);
    (a, b, third)
}

/// The full itinerary starting at item `i` of `items` (not a continuation).
#[inline]
pub(super) fn itinerary_at(items: &[Compact], i: usize) -> Itinerary {
    let c = &items[i];
    let (first, second, third) = legs_at(items, i);
    Itinerary {
        first,
        second,
        third,
        dep: UtcMinute(c.dep as i64),
        arr: UtcMinute(c.arr as i64),
        interline: c.second != NONE && c.second & INTERLINE != 0,
    }
}

/// The itineraries of a list, in order (continuation items folded into theirs).
#[cfg(test)]
pub(super) fn decode(items: &[Compact]) -> Vec<Itinerary> {
    (0..items.len())
        .filter(|&i| !items[i].is_continuation())
        .map(|i| itinerary_at(items, i))
        .collect()
}

/// Where one (market, date)'s itineraries are in the log.
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    /// Absolute log position of the first item (positions only grow).
    start: u64,
    len: u32,
}

/// Direct-mapped (market, date) → itineraries.
pub(super) struct ItineraryCache {
    slots: Vec<Slot>,
    mask: usize,
    /// Circular log of itineraries; `log.len()` is a power of two.
    log: Vec<Compact>,
    /// Absolute position of the next item written to the log.
    head: u64,
    scratch: Vec<Itinerary>,
}

impl ItineraryCache {
    /// A cache with `2^bits` slots and a log of four items per slot.
    pub(super) fn new(bits: u32) -> ItineraryCache {
        let n = 1usize << bits;
        ItineraryCache {
            slots: vec![
                Slot {
                    key: EMPTY,
                    start: 0,
                    len: 0,
                };
                n
            ],
            mask: n - 1,
            log: vec![Compact::default(); 4 * n],
            head: 0,
            scratch: Vec::new(),
        }
    }

    /// The number of slot bits suited to `markets` markets: room for about 256 dates each,
    /// between 2^12 and 2^20 slots (at most 24 MiB of slots and 64 MiB of log).
    pub(super) fn bits_for(markets: usize) -> u32 {
        ((markets.max(1) * 256).ilog2() + 1).clamp(12, 20)
    }

    #[inline]
    fn key_and_index(&self, m: MarketId, day: Day) -> (u64, usize) {
        let key = (m.0 as u64) << 32 | day.0 as u32 as u64;
        (key, flightnet_engine::rng::mix64(key) as usize & self.mask)
    }

    /// The slot's items, if the slot holds `key` and the log still has them.
    #[inline]
    fn items(&self, slot: &Slot, key: u64) -> Option<&[Compact]> {
        if slot.key != key || self.head > slot.start + self.log.len() as u64 {
            return None;
        }
        let at = (slot.start & (self.log.len() as u64 - 1)) as usize;
        Some(&self.log[at..at + slot.len as usize])
    }

    /// Starts loading the slot of market `m` on `day` (a memory hint).
    #[inline]
    pub(super) fn prefetch(&self, m: MarketId, day: Day) {
        prefetch_at(&self.slots, self.key_and_index(m, day).1);
    }

    /// The itineraries of market `m` on `day` if they are cached.
    #[inline]
    pub(super) fn peek(&self, m: MarketId, day: Day) -> Option<&[Compact]> {
        let (key, i) = self.key_and_index(m, day);
        self.items(&self.slots[i], key)
    }

    /// Every itinerary of market `m` departing on `day`, regardless of seats.
    #[inline]
    pub(super) fn get(&mut self, p: &Prepared, m: MarketId, day: Day) -> &[Compact] {
        let (key, i) = self.key_and_index(m, day);
        let slot = self.slots[i];
        if self.items(&slot, key).is_none() {
            self.scratch.clear();
            search(p, m, day, &mut self.scratch);
            let n: usize = self.scratch.iter().map(Compact::items).sum();
            let cap = self.log.len();
            if n > cap / 4 {
                // Too many to keep one list contiguous: a bigger log (rare). Positions were
                // relative to the old size, so every slot is forgotten.
                self.log = vec![Compact::default(); (4 * n).next_power_of_two()];
                self.slots.iter_mut().for_each(|s| s.key = EMPTY);
                self.head = 0;
            }
            let cap = self.log.len() as u64;
            let mut start = self.head;
            if (start & (cap - 1)) + n as u64 > cap {
                start = start.next_multiple_of(cap); // keep the list contiguous
            }
            let at = (start & (cap - 1)) as usize;
            let mut out = Filler {
                items: &mut self.log[at..at + n],
                at: 0,
            };
            for it in &self.scratch {
                compact(p, m, it, &mut out);
            }
            debug_assert_eq!(out.at, n);
            self.head = start + n as u64;
            self.slots[i] = Slot {
                key,
                start,
                len: n as u32,
            };
        }
        let slot = self.slots[i];
        let at = (slot.start & (self.log.len() as u64 - 1)) as usize;
        &self.log[at..at + slot.len as usize]
    }
}

/// The most memory the date tables may take together, in bytes; past it, dates further ahead
/// go through the market-date cache.
pub(super) const TABLE_BUDGET_BYTES: usize = 512 << 20;

/// Dates per date table (a power of two, so a date's table and place in it are a shift and a
/// mask away).
const TABLE_DAYS: usize = 8;
const TABLE_SHIFT: u32 = TABLE_DAYS.trailing_zeros();

/// Every market's itineraries on [`TABLE_DAYS`] consecutive departure dates, market-major: one
/// market's lists for the table's dates lie next to each other, so the requests for a busy
/// market on nearby dates read the same few pages.
pub(super) struct DateTable {
    /// Per market and date of the table (`index[m * TABLE_DAYS + k]`): where its itineraries
    /// start in `items`, and how many there are.
    index: Vec<(u32, u32)>,
    items: Vec<Compact>,
    /// Dates covered (fewer than [`TABLE_DAYS`] at the end of the period).
    days: usize,
}

impl DateTable {
    /// Builds the table of the `days` dates from `first`: every market with demand, in market
    /// order, each market's dates in date order.
    ///
    /// # Complexity
    /// One itinerary search per market with demand and date (markets without demand are never
    /// asked for and get empty lists).
    fn build(p: &Prepared, first: Day, days: usize, scratch: &mut Vec<Itinerary>) -> DateTable {
        let mut index = Vec::with_capacity(p.markets.len() * TABLE_DAYS);
        let mut items = Vec::new();
        for (m, market) in p.markets.iter_enumerated() {
            for k in 0..TABLE_DAYS {
                let start = items.len() as u32;
                if market.base > 0.0 && k < days {
                    scratch.clear();
                    search(p, m, first.plus_days(k as i32), scratch);
                    for it in scratch.iter() {
                        compact(p, m, it, &mut items);
                    }
                }
                index.push((start, items.len() as u32 - start));
            }
        }
        items.shrink_to_fit();
        DateTable { index, items, days }
    }

    /// Bytes held per date covered.
    fn bytes_per_day(&self) -> usize {
        (self.index.len() * std::mem::size_of::<(u32, u32)>()
            + self.items.len() * std::mem::size_of::<Compact>())
            / self.days.max(1)
    }

    #[inline]
    fn get(&self, m: MarketId, k: usize) -> &[Compact] {
        let (start, len) = self.index[m.index() * TABLE_DAYS + k];
        &self.items[start as usize..(start + len) as usize]
    }
}

/// Each market's itineraries on each date: date tables for the dates near the clock, the
/// market-date cache beyond them (see the module documentation).
pub(super) struct Itineraries {
    /// The first day of the period (date tables are numbered from it).
    first: Day,
    /// Days in the period.
    period_days: usize,
    /// One slot per [`TABLE_DAYS`] period days.
    tables: Vec<Option<DateTable>>,
    /// The UTC day the simulation clock is in (dates before the day before it are never asked
    /// for again).
    today: i32,
    /// Dates up to this many days after `today` are served by date tables (and so are the
    /// other dates of a table once it is built).
    window: i32,
    /// Created on first use.
    cache: Option<ItineraryCache>,
    cache_bits: u32,
    scratch: Vec<Itinerary>,
}

impl Itineraries {
    /// The stores for prepared simulation `p`, with date tables for dates up to `window` days
    /// ahead of the clock (until the first table shows how many fit the budget).
    pub(super) fn new(p: &Prepared, window: u32) -> Itineraries {
        let period_days = p.simulated.len();
        Itineraries {
            first: p.simulated.first,
            period_days,
            tables: (0..period_days.div_ceil(TABLE_DAYS))
                .map(|_| None)
                .collect(),
            today: p.simulated.first.0 - window as i32,
            window: window as i32,
            cache: None,
            cache_bits: ItineraryCache::bits_for(p.markets.len()),
            scratch: Vec::new(),
        }
    }

    /// Moves the clock to UTC day `today` (if later) and drops the tables whose dates no
    /// request can ask for any more (before yesterday: a request needs a departure after it
    /// is made).
    #[inline]
    pub(super) fn set_today(&mut self, today: i32) {
        if today <= self.today {
            return;
        }
        self.today = today;
        let passed = (today - 1 - self.first.0).max(0) as usize;
        let gone = (passed >> TABLE_SHIFT).min(self.tables.len());
        for t in &mut self.tables[..gone] {
            *t = None;
        }
    }

    /// The date table and the place in it of `day`, if date tables serve it: dates in the
    /// window, and the other dates of tables already built.
    #[inline]
    fn slot(&self, day: Day) -> Option<(usize, usize)> {
        let i = day.0 - self.first.0;
        if i < 0 || i as usize >= self.period_days {
            return None;
        }
        let (t, k) = (i as usize >> TABLE_SHIFT, i as usize & (TABLE_DAYS - 1));
        (day.0 - self.today <= self.window || self.tables[t].is_some()).then_some((t, k))
    }

    /// Starts loading where market `m`'s itineraries on `day` are recorded (a memory hint).
    #[inline]
    pub(super) fn prefetch(&self, m: MarketId, day: Day) {
        match self.slot(day) {
            Some((i, k)) => {
                if let Some(t) = &self.tables[i] {
                    prefetch_at(&t.index, m.index() * TABLE_DAYS + k);
                }
            }
            None => {
                if let Some(c) = &self.cache {
                    c.prefetch(m, day);
                }
            }
        }
    }

    /// Starts loading the itineraries of market `m` on `day`, if they are ready (a memory
    /// hint; reads where they are, so it pays after [`Itineraries::prefetch`]).
    #[inline]
    pub(super) fn prefetch_items(&self, m: MarketId, day: Day) {
        if let Some(items) = self.peek(m, day) {
            for c in items.iter().step_by(4) {
                prefetch(c);
            }
        }
    }

    /// The itineraries of market `m` on `day` if they are ready.
    #[inline]
    pub(super) fn peek(&self, m: MarketId, day: Day) -> Option<&[Compact]> {
        match self.slot(day) {
            Some((i, k)) => self.tables[i].as_ref().map(|t| t.get(m, k)),
            None => self.cache.as_ref().and_then(|c| c.peek(m, day)),
        }
    }

    /// Every itinerary of market `m` departing on `day`, regardless of seats.
    #[inline]
    pub(super) fn get(&mut self, p: &Prepared, m: MarketId, day: Day) -> &[Compact] {
        match self.slot(day) {
            Some((i, k)) => {
                if self.tables[i].is_none() {
                    let start = i * TABLE_DAYS;
                    let days = TABLE_DAYS.min(self.period_days - start);
                    let t = DateTable::build(
                        p,
                        self.first.plus_days(start as i32),
                        days,
                        &mut self.scratch,
                    );
                    // As many days as fit the budget, now that a table's size is known: the
                    // window's, yesterday's and today's, and a table's overhang past the window.
                    let fit = (TABLE_BUDGET_BYTES / t.bytes_per_day().max(1))
                        .saturating_sub(TABLE_DAYS + 1);
                    self.window = self.window.min(fit as i32);
                    self.tables[i] = Some(t);
                }
                self.tables[i].as_ref().expect("just built").get(m, k)
            }
            None => {
                let bits = self.cache_bits;
                self.cache
                    .get_or_insert_with(|| ItineraryCache::new(bits))
                    .get(p, m, day)
            }
        }
    }
}

/// Appends an itinerary of market `m` with its fare slot to `out` (one item, or two with a
/// third leg).
#[inline]
fn compact(p: &Prepared, m: MarketId, it: &Itinerary, out: &mut impl Extend<Compact>) {
    let airline = p.net.leg(it.first).airline;
    Compact::push(it, p.markets[m].fare_slot(airline), out)
}

/// Writes items into a slice of the log, in order.
struct Filler<'a> {
    items: &'a mut [Compact],
    at: usize,
}

impl Extend<Compact> for Filler<'_> {
    #[inline]
    fn extend<I: IntoIterator<Item = Compact>>(&mut self, iter: I) {
        for c in iter {
            self.items[self.at] = c;
            self.at += 1;
        }
    }
}

/// Every itinerary of market `m` departing on `day`, regardless of seats and deadlines: what a
/// slot holds.
fn search(p: &Prepared, m: MarketId, day: Day, out: &mut Vec<Itinerary>) {
    itineraries_on_day(
        &p.timetable,
        &p.markets[m].paths,
        day,
        UtcMinute(i64::MIN),
        p.cfg.rules.max_connect,
        |_| true,
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use flightnet_data::scenario::{NetworkLocation, Scenario, ScenarioFile};

    fn two_weeks() -> (Prepared, Day) {
        two_weeks_with(1)
    }

    /// Two weeks of the shipped network with itineraries of up to `max_stops` connections.
    fn two_weeks_with(max_stops: u8) -> (Prepared, Day) {
        let first = Day::parse("2023-10-09").unwrap();
        let mut file = ScenarioFile {
            start: Some(first),
            end: Some(first.plus_days(13)),
            ..ScenarioFile::default()
        };
        file.connections.max_stops = max_stops;
        let data =
            flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin()).unwrap();
        let scenario = Scenario::new(file, NetworkLocation::Builtin);
        let (data, cfg) = scenario.resolve(&data).unwrap();
        (
            Prepared::new(std::sync::Arc::new(data), cfg).unwrap(),
            first,
        )
    }

    fn fresh(p: &Prepared, m: MarketId, day: Day) -> Vec<Itinerary> {
        let mut out = Vec::new();
        search(p, m, day, &mut out);
        out
    }

    fn cached(cache: &mut ItineraryCache, p: &Prepared, m: MarketId, day: Day) -> Vec<Itinerary> {
        decode(cache.get(p, m, day))
    }

    /// Every market on every day of two weeks of the shipped network through a tiny cache (two
    /// slots, a log of eight items that keeps wrapping and has to grow) gives exactly what a
    /// fresh search gives, each time.
    #[test]
    fn a_tiny_cache_always_returns_a_fresh_search() {
        for max_stops in [1, 2] {
            tiny_cache_returns_a_fresh_search(max_stops);
        }
    }

    fn tiny_cache_returns_a_fresh_search(max_stops: u8) {
        let (prepared, first) = two_weeks_with(max_stops);
        let p = &prepared;
        let mut two_stop = 0;
        let mut cache = ItineraryCache::new(1);
        let (mut lists, mut longest) = (0, 0);
        for pass in 0..2 {
            for k in 0..14 {
                let day = first.plus_days(if pass == 0 { k } else { 13 - k });
                for m in p.markets.ids() {
                    let want = fresh(p, m, day);
                    assert_eq!(cached(&mut cache, p, m, day), want, "market {m:?} on {day}");
                    assert_eq!(
                        cache.peek(m, day).map(|c| decode(c).len()),
                        Some(want.len())
                    );
                    lists += 1;
                    longest = longest.max(want.len());
                    two_stop += want.iter().filter(|i| i.third.is_some()).count();
                }
            }
        }
        // Only meaningful if lists were long enough to wrap and grow the log.
        assert!(
            lists > 10_000 && longest > 8,
            "{lists} lists, longest {longest}"
        );
        assert!(cache.log.len() >= 4 * longest);
        // With two stops allowed, the lists mix one- and two-item itineraries.
        assert_eq!(
            two_stop > 0,
            max_stops == 2,
            "{two_stop} two-stop itineraries"
        );
    }

    /// A slot whose items the log has since overwritten is a miss, not stale data: keep one
    /// market-date in its slot while other slots' fills wrap the log, then read it again.
    #[test]
    fn a_slot_overwritten_by_the_log_is_refilled() {
        let (prepared, first) = two_weeks();
        let p = &prepared;
        let mut cache = ItineraryCache::new(4);
        let busiest = p
            .markets
            .ids()
            .max_by_key(|&m| fresh(p, m, first).len())
            .unwrap();
        let want = fresh(p, busiest, first);
        assert!(!want.is_empty());
        let home = cache.key_and_index(busiest, first).1;
        let mut refills = 0;
        for day in 0..14 {
            assert_eq!(cached(&mut cache, p, busiest, first), want);
            for m in p.markets.ids() {
                let d = first.plus_days(day);
                if cache.key_and_index(m, d).1 != home {
                    assert_eq!(cached(&mut cache, p, m, d), fresh(p, m, d));
                }
            }
            let wrapped = cache.head > cache.slots[home].start + cache.log.len() as u64;
            let before = cache.head;
            assert_eq!(cached(&mut cache, p, busiest, first), want);
            // A refill appends to the log; a hit does not.
            assert_eq!(cache.head > before, wrapped, "day {day}");
            refills += wrapped as u32;
        }
        assert!(
            refills > 0,
            "the log never wrapped: the test proves nothing"
        );
    }

    /// Date tables (near dates) and the market-date cache (dates past the window) both give
    /// exactly a fresh search, for every market with demand on every day; tables of passed
    /// dates are dropped and rebuilt identically if asked for again.
    #[test]
    fn date_tables_and_the_cache_give_a_fresh_search() {
        for max_stops in [1, 2] {
            tables_and_cache_give_a_fresh_search(max_stops);
        }
    }

    fn tables_and_cache_give_a_fresh_search(max_stops: u8) {
        let (prepared, first) = two_weeks_with(max_stops);
        let p = &prepared;
        let mut its = Itineraries::new(p, 3);
        its.set_today(first.0);
        let live: Vec<MarketId> = p
            .markets
            .ids()
            .filter(|&m| p.markets[m].base > 0.0)
            .collect();
        assert!(live.len() > 20);
        let check = |its: &mut Itineraries, day: Day| {
            for &m in &live {
                let got = decode(its.get(p, m, day));
                assert_eq!(got, fresh(p, m, day), "market {m:?} on {day}");
                assert_eq!(its.peek(m, day).map(|c| decode(c).len()), Some(got.len()));
            }
        };
        for k in (0..14).rev() {
            check(&mut its, first.plus_days(k));
        }
        // Days 0..=3 are in the window and built the first table (days 0..=7), which served
        // them; the rest came from the cache, asked for before that table existed.
        let built: Vec<bool> = its.tables.iter().map(Option::is_some).collect();
        assert_eq!(built, [true, false]);
        assert!(its.cache.is_some());
        // Once built, the table serves its days past the window too.
        assert!(its.slot(first.plus_days(7)).is_some());
        assert!(its.slot(first.plus_days(8)).is_none());
        // Ten days on: the first table (days before 9) is gone; day 12 now comes from a table.
        its.set_today(first.0 + 10);
        assert!(its.tables[0].is_none());
        check(&mut its, first.plus_days(12));
        assert!(its.tables[1].is_some());
        // The clock never goes back, and a dropped date asked for again is rebuilt the same.
        its.set_today(first.0);
        assert_eq!(its.today, first.0 + 10);
        check(&mut its, first.plus_days(2));
    }

    #[test]
    fn compact_keeps_every_field() {
        let cases = [
            (None, None, false),
            (Some(7), None, false),
            (Some(123_456), None, true),
            (Some(9), Some(LEG_MASK), false),
            (Some(LEG_MASK), Some(5), true),
        ];
        let mut list = Vec::new();
        let mut want = Vec::new();
        for (second, third, interline) in cases {
            let it = Itinerary {
                first: LegId(42),
                second: second.map(LegId),
                third: third.map(LegId),
                dep: UtcMinute(27_000_000),
                arr: UtcMinute(27_000_300),
                interline,
            };
            let mut one = Vec::new();
            Compact::push(&it, 3, &mut one);
            assert_eq!(one.len(), Compact::items(&it));
            assert_eq!(one[0].fare_slot(), 3);
            assert_eq!(itinerary_at(&one, 0), it);
            assert_eq!(
                legs_at(&one, 0),
                (LegId(42), second.map(LegId), third.map(LegId))
            );
            assert_eq!(one[0].legs(), (LegId(42), second.map(LegId)));
            assert_eq!(one[0].dep(), 27_000_000);
            assert!(!one[0].is_continuation());
            // A continuation leaves before any request's earliest departure.
            if let Some(c) = one.get(1) {
                assert!(c.is_continuation() && c.dep() < 0);
            }
            Compact::push(&it, 3, &mut list);
            want.push(it);
        }
        // Lists mixing one- and two-item itineraries decode to the itineraries in order.
        assert_eq!(list.len(), cases.len() + 2);
        assert_eq!(decode(&list), want);
        // Nonstop and one-stop itineraries stay 16 bytes, one item each.
        assert_eq!(std::mem::size_of::<Compact>(), 16);
    }
}
