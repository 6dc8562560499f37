//! Typed ids and vectors indexed by them.
//!
//! Every table of the network and the simulation is a vector indexed by an id: airports by
//! [`AirportId`](crate::network::AirportId), dated legs by [`LegId`](crate::network::LegId),
//! markets by the simulation's `MarketId`. [`IdVec`] is such a vector that only accepts its own
//! id type, so a leg id can never index the market table, and no `.0 as usize` is needed.
//!
//! # Example
//! ```
//! use flightnet_data::id::{Idx, IdVec};
//! use flightnet_data::network::LegId;
//! let mut seats: IdVec<LegId, u32> = IdVec::new();
//! let a = seats.push(166);
//! let b = seats.push(104);
//! seats[b] -= 4;
//! assert_eq!((a, seats[a], seats[b]), (LegId(0), 166, 100));
//! assert_eq!(seats.ids().collect::<Vec<_>>(), [LegId(0), LegId(1)]);
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A typed index: a small integer newtype that converts to and from a vector position.
pub trait Idx: Copy + Ord + fmt::Debug {
    /// The position this id stands for.
    fn index(self) -> usize;
    /// The id of position `i`.
    ///
    /// # Panics
    /// If `i` does not fit the id's integer type (a table that large is a bug).
    fn from_index(i: usize) -> Self;
}

/// Implements [`Idx`] for newtypes over an unsigned integer (`struct LegId(pub u32)`).
#[macro_export]
macro_rules! impl_idx {
    ($($t:ty => $inner:ty),* $(,)?) => {$(
        impl $crate::id::Idx for $t {
            #[inline(always)]
            fn index(self) -> usize {
                self.0 as usize
            }
            #[inline(always)]
            fn from_index(i: usize) -> Self {
                Self(<$inner>::try_from(i).expect("id within its integer type"))
            }
        }
    )*};
}

/// A vector indexed by the id type `I`.
///
/// It serialises as a plain sequence, so files written with a `Vec` read back unchanged.
pub struct IdVec<I, T> {
    items: Vec<T>,
    _id: PhantomData<fn(I) -> I>,
}

impl<I: Idx, T> IdVec<I, T> {
    /// An empty vector.
    pub fn new() -> Self {
        Self::from_vec(Vec::new())
    }

    /// Takes over a plain vector (position `i` becomes id `I::from_index(i)`).
    pub fn from_vec(items: Vec<T>) -> Self {
        IdVec {
            items,
            _id: PhantomData,
        }
    }

    /// `n` copies of `value`.
    pub fn filled(value: T, n: usize) -> Self
    where
        T: Clone,
    {
        Self::from_vec(vec![value; n])
    }

    /// Appends `value` and returns its id.
    pub fn push(&mut self, value: T) -> I {
        self.items.push(value);
        I::from_index(self.items.len() - 1)
    }

    /// Number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no items.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The item of `id`, if there is one.
    #[inline]
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// The items in id order.
    #[inline]
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The items in id order, mutably.
    #[inline]
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// `(id, item)` pairs in id order.
    pub fn iter_enumerated(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, x)| (I::from_index(i), x))
    }

    /// Every id in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::from_index)
    }

    /// The items as a plain slice (positions are ids' indices).
    #[inline]
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// The items as a plain mutable slice.
    #[inline]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        &mut self.items
    }

    /// Gives back the plain vector.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<I: Idx, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I, T: Clone> Clone for IdVec<I, T> {
    fn clone(&self) -> Self {
        IdVec {
            items: self.items.clone(),
            _id: PhantomData,
        }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl<I, T: PartialEq> PartialEq for IdVec<I, T> {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<I: Idx, T> Index<I> for IdVec<I, T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Idx, T> IndexMut<I> for IdVec<I, T> {
    #[inline(always)]
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I: Idx, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::from_vec(iter.into_iter().collect())
    }
}

impl<'a, I: Idx, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I, T: Serialize> Serialize for IdVec<I, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

impl<'de, I, T: Deserialize<'de>> Deserialize<'de> for IdVec<I, T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(IdVec {
            items: Vec::deserialize(d)?,
            _id: PhantomData,
        })
    }
}
