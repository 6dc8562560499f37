//! Named, seeded random-number streams.
//!
//! Every stream is derived only from `(seed, replication, purpose, key)`: never from a thread,
//! a clock or the order in which work was scheduled. Results are therefore bit-identical at any
//! thread or shard count, and two scenarios that share a market or a flight draw the same
//! numbers for it (common random numbers).
//!
//! Two kinds of streams:
//! * [`Stream`]: a sequential generator (xoshiro256++), e.g. one per O&D market for demand;
//! * [`keyed_uniform`]: a counter-based draw for one entity (e.g. a dated flight's delay), so
//!   it does not depend on how many other draws happened.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// What a stream is for (part of every stream's seed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u64)]
pub enum Purpose {
    /// Booking requests of an O&D market: arrival times, lead times, preferred times, choices.
    Demand = 1,
    /// Departure delays of dated flights.
    Delay = 2,
    /// Cancellations of dated flights.
    Cancellation = 3,
    /// Synthetic network generation.
    Generate = 4,
    /// Tuning search moves.
    Tune = 5,
    /// Day-to-day demand variates (the k-factor) of a market on a date.
    DemandDay = 6,
    /// Whether booked passengers show up at departure.
    NoShow = 7,
    /// Calibration's search.
    Calibrate = 8,
}

/// SplitMix64's finaliser: a fast, well-mixed 64-bit hash step.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Hashes a byte string into 64 bits (FNV-1a then mixed); stable across platforms and releases.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix64(h)
}

/// The 64-bit seed of the stream `(seed, replication, purpose, key)`.
#[inline]
pub fn stream_seed(seed: u64, replication: u32, purpose: Purpose, key: u64) -> u64 {
    let mut h = mix64(seed ^ 0x5EED_F11E_u64);
    h = mix64(h ^ replication as u64);
    h = mix64(h ^ purpose as u64);
    mix64(h ^ key)
}

/// A sequential random stream.
#[derive(Clone, Debug)]
pub struct Stream(Xoshiro256PlusPlus);

impl Stream {
    /// The stream for `(seed, replication, purpose, key)`.
    ///
    /// # Example
    /// ```
    /// use flightnet_engine::rng::{Purpose, Stream};
    /// let mut a = Stream::new(7, 0, Purpose::Demand, 42);
    /// let mut b = Stream::new(7, 0, Purpose::Demand, 42);
    /// assert_eq!(a.uniform(), b.uniform());
    /// let mut c = Stream::new(7, 1, Purpose::Demand, 42);
    /// assert_ne!(a.uniform(), c.uniform());
    /// ```
    pub fn new(seed: u64, replication: u32, purpose: Purpose, key: u64) -> Stream {
        Stream(Xoshiro256PlusPlus::seed_from_u64(stream_seed(
            seed,
            replication,
            purpose,
            key,
        )))
    }

    /// A uniform draw in [0, 1).
    #[inline]
    pub fn uniform(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// An exponential draw with mean 1.
    #[inline]
    pub fn exp1(&mut self) -> f64 {
        // 1 - u is in (0, 1], so the logarithm is finite.
        -(1.0 - self.uniform()).ln()
    }

    /// A standard normal draw.
    #[inline]
    pub fn normal(&mut self) -> f64 {
        rand_distr::Distribution::<f64>::sample(&rand_distr::StandardNormal, &mut self.0)
    }

    /// A uniform integer in `0..n` (`n > 0`).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        self.0.random_range(0..n)
    }
}

/// `n` uniform draws in [0, 1) for one entity, independent of every other draw.
///
/// # Example
/// ```
/// use flightnet_engine::rng::{Purpose, keyed_uniform};
/// let a = keyed_uniform(1, 0, Purpose::Delay, 99, 0);
/// assert_eq!(a, keyed_uniform(1, 0, Purpose::Delay, 99, 0));
/// assert_ne!(a, keyed_uniform(1, 0, Purpose::Delay, 99, 1));
/// assert!((0.0..1.0).contains(&a));
/// ```
#[inline]
pub fn keyed_uniform(seed: u64, replication: u32, purpose: Purpose, key: u64, index: u64) -> f64 {
    let h = mix64(stream_seed(seed, replication, purpose, key) ^ mix64(index));
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}
