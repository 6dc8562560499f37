//! Pending-event sets, behind a small trait so the structure can be swapped.
//!
//! Events are ordered by `(time, class, sequence)`: integer time first, then the event class
//! (so e.g. arrivals come before departures at the same minute), then the order in which they
//! were scheduled. The order is total, so a run never depends on heap internals.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// The key that orders events: time, class, sequence number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventKey {
    /// Event time (engine minutes; any monotone integer clock).
    pub time: i64,
    /// Tie-break between events at the same time: lower classes run first.
    pub class: u8,
    /// Tie-break within a class: scheduling order.
    pub seq: u64,
}

/// A priority queue of events keyed by [`EventKey`], smallest key first.
pub trait EventQueue<E> {
    /// Adds an event.
    fn push(&mut self, key: EventKey, event: E);
    /// Removes and returns the event with the smallest key.
    fn pop(&mut self) -> Option<(EventKey, E)>;
    /// The smallest key without removing it.
    fn peek_key(&self) -> Option<EventKey>;
    /// Number of pending events.
    fn len(&self) -> usize;
    /// Whether no events are pending.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A heap entry: time and class packed into one word (time in the high bits), then the
/// sequence number.
struct Entry<E> {
    time_class: u64,
    seq: u64,
    event: E,
}

/// Times are stored offset by 2^55 so they pack into 56 unsigned bits above the class byte.
const TIME_OFFSET: i64 = 1 << 55;

impl<E> Entry<E> {
    #[inline]
    fn new(key: EventKey, event: E) -> Self {
        debug_assert!(key.time.abs() < TIME_OFFSET, "event time out of range");
        let t = (key.time + TIME_OFFSET) as u64;
        Entry {
            time_class: t << 8 | key.class as u64,
            seq: key.seq,
            event,
        }
    }

    #[inline]
    fn key(&self) -> EventKey {
        EventKey {
            time: (self.time_class >> 8) as i64 - TIME_OFFSET,
            class: (self.time_class & 0xff) as u8,
            seq: self.seq,
        }
    }
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        (self.time_class, self.seq) == (other.time_class, other.seq)
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the smallest key is on top.
        (other.time_class, other.seq).cmp(&(self.time_class, self.seq))
    }
}

/// A binary heap: O(log n) push and pop, compact, no allocation per event once grown.
pub struct HeapQueue<E> {
    heap: BinaryHeap<Entry<E>>,
    /// An event earlier than everything in `heap`, kept out of it: a model that schedules its
    /// next event before all others (the common case for a stream of requests) then pushes and
    /// pops it without touching the heap. The order of events is the same either way.
    front: Option<Entry<E>>,
}

impl<E> HeapQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// An empty queue with room for `n` events.
    pub fn with_capacity(n: usize) -> Self {
        HeapQueue {
            heap: BinaryHeap::with_capacity(n),
            front: None,
        }
    }
}

impl<E> Default for HeapQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> for HeapQueue<E> {
    #[inline]
    fn push(&mut self, key: EventKey, event: E) {
        let e = Entry::new(key, event);
        match &self.front {
            // `Entry`'s order is reversed (max-heap), so "greater" means "earlier".
            Some(f) if e > *f => {
                let old = self.front.replace(e).expect("front");
                self.heap.push(old);
            }
            Some(_) => self.heap.push(e),
            None if self.heap.peek().is_none_or(|top| e > *top) => self.front = Some(e),
            None => self.heap.push(e),
        }
    }

    #[inline]
    fn pop(&mut self) -> Option<(EventKey, E)> {
        self.front
            .take()
            .or_else(|| self.heap.pop())
            .map(|e| (e.key(), e.event))
    }

    fn peek_key(&self) -> Option<EventKey> {
        self.front
            .as_ref()
            .or_else(|| self.heap.peek())
            .map(|e| e.key())
    }

    fn len(&self) -> usize {
        self.heap.len() + self.front.is_some() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the insertion order, events come out sorted by (time, class, seq).
        #[test]
        fn pops_in_key_order(items in proptest::collection::vec((-50i64..50, 0u8..3), 0..200)) {
            let mut q = HeapQueue::new();
            for (seq, &(time, class)) in items.iter().enumerate() {
                q.push(EventKey { time, class, seq: seq as u64 }, seq);
            }
            let mut last = None;
            let mut n = 0;
            while let Some((k, _)) = q.pop() {
                if let Some(prev) = last {
                    prop_assert!(prev < k);
                }
                last = Some(k);
                n += 1;
            }
            prop_assert_eq!(n, items.len());
        }

        /// Pushes and pops interleaved (as a simulation does) give the same events as a sorted
        /// reference, with the same lengths and next keys at every step.
        #[test]
        fn interleaved_matches_a_sorted_reference(
            ops in proptest::collection::vec((any::<bool>(), 0i64..30, 0u8..3), 0..300)
        ) {
            let mut q = HeapQueue::new();
            let mut reference = std::collections::BTreeSet::new();
            let mut now = 0;
            for (seq, &(pop, dt, class)) in ops.iter().enumerate() {
                if pop {
                    let got = q.pop();
                    let want = reference.pop_first();
                    prop_assert_eq!(got, want);
                    if let Some((k, _)) = want {
                        now = k.time;
                    }
                } else {
                    let key = EventKey { time: now + dt, class, seq: seq as u64 };
                    q.push(key, seq);
                    reference.insert((key, seq));
                }
                prop_assert_eq!(q.len(), reference.len());
                prop_assert_eq!(q.peek_key(), reference.first().map(|(k, _)| *k));
            }
        }
    }
}
