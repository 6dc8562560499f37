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

struct Entry<E> {
    key: EventKey,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl<E> Eq for Entry<E> {}
impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<E> Ord for Entry<E> {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse so the smallest key is on top.
        other.key.cmp(&self.key)
    }
}

/// A binary heap: O(log n) push and pop, compact, no allocation per event once grown.
pub struct HeapQueue<E> {
    heap: BinaryHeap<Entry<E>>,
}

impl<E> HeapQueue<E> {
    /// An empty queue.
    pub fn new() -> Self {
        HeapQueue {
            heap: BinaryHeap::new(),
        }
    }

    /// An empty queue with room for `n` events.
    pub fn with_capacity(n: usize) -> Self {
        HeapQueue {
            heap: BinaryHeap::with_capacity(n),
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
        self.heap.push(Entry { key, event });
    }

    #[inline]
    fn pop(&mut self) -> Option<(EventKey, E)> {
        self.heap.pop().map(|e| (e.key, e.event))
    }

    fn peek_key(&self) -> Option<EventKey> {
        self.heap.peek().map(|e| e.key)
    }

    fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the insertion order, events come out sorted by (time, class, seq).
        #[test]
        fn pops_in_key_order(items in proptest::collection::vec((0i64..50, 0u8..3), 0..200)) {
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
    }
}
