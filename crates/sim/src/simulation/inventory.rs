//! Seat inventory and revenue management of every dated leg during a replication.
//!
//! Each leg has seats for sale (`avail`: its authorised capacity, the seats plus any
//! overbooking, minus what is sold) and, for its airline's control:
//! * **first come, first served**: every class open while a seat is left;
//! * **EMSR-b**: protection levels per class, re-optimised at each data collection point; class
//!   `r` is open while more seats are left than are protected for the classes above it;
//! * **bid price**: a price per seat, re-optimised at each data collection point; every class
//!   is open on the leg, and an itinerary's class sells when its fare covers the bid prices of
//!   all its legs.
//!
//! Between data collection points the leg counts the tickets sold per class (the pick-up) and
//! which classes closed, and sums the value of its tickets; at each point those become an
//! observation of the leg's flight series for the forecasts.

use flightnet_data::config::RmMethod;
use flightnet_data::id::{IdVec, Idx};
use flightnet_data::network::LegId;

use crate::rm::{ClassDemand, PickupForecast, emsrb, emsrb_bid_price};

/// [`Inventory::open`] of a leg with no seat left.
pub(super) const CLOSED: u8 = u8::MAX;
/// A leg's timeframe before its first data collection point.
const BEFORE_FIRST: u8 = u8::MAX;

/// What the inventory needs to know of each leg, fixed for the run.
pub(super) struct LegControl {
    /// The leg's airline's method.
    pub method: RmMethod,
    /// The airline's number of classes (≥ 1).
    pub classes: u8,
    /// The leg's flight series.
    pub series: u32,
}

/// The inventory of every leg.
pub(super) struct Inventory {
    /// Seats still for sale (0 once departed or cancelled).
    pub avail: IdVec<LegId, u32>,
    /// The lowest open class rank, or [`CLOSED`].
    pub open: IdVec<LegId, u8>,
    /// Bid price per leg (bid-price control; 0 otherwise).
    pub bid: IdVec<LegId, f32>,
    /// Classes per leg (the stride of the per-class arrays).
    stride: usize,
    /// Per leg and rank: seats protected for ranks `0..=r` against rank `r + 1`.
    protect: Vec<u16>,
    /// Per leg and rank: tickets sold in the current timeframe.
    picked: Vec<u16>,
    /// Per leg and rank: value of those tickets.
    value: Vec<f32>,
    /// Per leg: classes closed at some point of the current timeframe.
    closed: IdVec<LegId, u16>,
    /// Per leg: its current timeframe.
    timeframe: IdVec<LegId, u8>,
}

/// What a data collection point needs besides the inventory.
pub(super) struct Controls<'a> {
    /// Each leg's control.
    pub legs: &'a IdVec<LegId, LegControl>,
    /// Forecasts (updated with the observations).
    pub forecast: &'a mut PickupForecast,
    /// Per series and rank: smoothed value of a ticket (stride = the inventory's).
    pub values: &'a mut Vec<f32>,
    /// Per series and rank: whether `values` has been observed.
    pub valued: &'a mut Vec<bool>,
    /// Weight of the newest observation.
    pub alpha: f32,
    /// Observations needed before a forecast is used.
    pub min_history: u16,
}

impl Inventory {
    /// Every leg with `capacity[l]` seats for sale and every class open.
    pub(super) fn new(
        capacity: IdVec<LegId, u32>,
        legs: &IdVec<LegId, LegControl>,
        stride: usize,
    ) -> Inventory {
        let n = capacity.len();
        let mut inv = Inventory {
            open: IdVec::filled(0, n),
            avail: capacity,
            bid: IdVec::filled(0.0, n),
            stride,
            protect: vec![0; n * stride],
            picked: vec![0; n * stride],
            value: vec![0.0; n * stride],
            closed: IdVec::filled(0, n),
            timeframe: IdVec::filled(BEFORE_FIRST, n),
        };
        for l in legs.ids() {
            inv.reopen(l, legs[l].classes);
        }
        inv
    }

    /// Recomputes the lowest open class of `l` from its seats and protection levels, and marks
    /// the classes that closed.
    #[inline]
    fn reopen(&mut self, l: LegId, classes: u8) {
        let a = self.avail[l];
        let all = (1u16 << classes) - 1;
        if a == 0 {
            self.open[l] = CLOSED;
            self.closed[l] |= all;
            return;
        }
        let row = &self.protect[l.index() * self.stride..];
        let mut r = classes - 1;
        while r > 0 && a <= row[r as usize - 1] as u32 {
            r -= 1;
        }
        self.open[l] = r;
        self.closed[l] |= all & !((1u16 << (r + 1)) - 1);
    }

    /// Sells `count` seats of `l` in class `rank` worth `value` each (`rank` `None` for a
    /// re-accommodation, which takes seats without a sale).
    #[inline]
    pub(super) fn sell(&mut self, l: LegId, count: u32, rank: Option<u8>, value: f32, classes: u8) {
        self.avail[l] -= count;
        if let Some(r) = rank {
            let r = (r as usize).min(self.stride - 1);
            let i = l.index() * self.stride + r;
            self.picked[i] = self.picked[i].saturating_add(count.min(u16::MAX as u32) as u16);
            self.value[i] += value * count as f32;
        }
        self.reopen(l, classes);
    }

    /// Gives back `count` seats of `l` (passengers who will not fly it).
    #[inline]
    pub(super) fn release(&mut self, l: LegId, count: u32, classes: u8) {
        self.avail[l] += count;
        self.reopen(l, classes);
    }

    /// Closes `l` for good (departed or cancelled).
    #[inline]
    pub(super) fn close(&mut self, l: LegId) {
        self.avail[l] = 0;
        self.open[l] = CLOSED;
    }

    /// Ends the leg's current timeframe: its pick-up and closures become an observation of its
    /// series, and the value of its tickets updates the series' class values.
    pub(super) fn observe(&mut self, l: LegId, c: &mut Controls<'_>) {
        let tf = self.timeframe[l];
        if tf == BEFORE_FIRST {
            return;
        }
        let lc = &c.legs[l];
        let n = lc.classes as usize;
        let at = l.index() * self.stride;
        let series = lc.series as usize;
        c.forecast.observe(
            series,
            tf as usize,
            &self.picked[at..at + n],
            self.closed[l],
        );
        for r in 0..n {
            let k = self.picked[at + r];
            if k > 0 {
                let v = self.value[at + r] / k as f32;
                let s = series * self.stride + r;
                if c.valued[s] {
                    c.values[s] += c.alpha * (v - c.values[s]);
                } else {
                    c.values[s] = v;
                    c.valued[s] = true;
                }
            }
            self.picked[at + r] = 0;
            self.value[at + r] = 0.0;
        }
    }

    /// A data collection point of `l`: ends its timeframe, starts timeframe `tf`, and
    /// re-optimises its controls for the demand to come.
    pub(super) fn collect(&mut self, l: LegId, tf: usize, c: &mut Controls<'_>) {
        self.observe(l, c);
        self.timeframe[l] = tf as u8;
        let lc = &c.legs[l];
        let n = lc.classes as usize;
        let series = lc.series as usize;
        let at = l.index() * self.stride;
        let ready = c.forecast.seen(series, tf) >= c.min_history;
        if lc.method == RmMethod::Fcfs || n < 2 || !ready || self.avail[l] == 0 {
            self.protect[at..at + n].fill(0);
            self.bid[l] = 0.0;
        } else {
            // Class values, falling with rank (a class is never worth more than one above it).
            let mut classes = [ClassDemand {
                fare: 0.0,
                mean: 0.0,
                sd: 0.0,
            }; flightnet_data::input::MAX_CLASSES];
            let mut cap = f64::INFINITY;
            for (r, cd) in classes.iter_mut().enumerate().take(n) {
                let s = series * self.stride + r;
                cap = cap.min(c.values[s] as f64);
                let (mean, var) = c.forecast.to_come(series, tf, r);
                *cd = ClassDemand {
                    fare: cap.max(0.0),
                    mean,
                    sd: var.sqrt(),
                };
            }
            let seats = self.avail[l] as f64;
            match lc.method {
                RmMethod::Emsrb => {
                    let p = emsrb(&classes[..n], seats);
                    for (r, y) in p.protection_levels.iter().enumerate() {
                        self.protect[at + r] = y.ceil().min(u16::MAX as f64) as u16;
                    }
                    self.protect[at + n - 1] = 0;
                    self.bid[l] = 0.0;
                }
                RmMethod::Bidprice => {
                    self.protect[at..at + n].fill(0);
                    let bp = emsrb_bid_price(&classes[..n], seats) as f32;
                    self.bid[l] = bp;
                }
                RmMethod::Fcfs => unreachable!("handled above"),
            }
        }
        // The timeframe starts with the classes closed now.
        self.closed[l] = 0;
        self.reopen(l, lc.classes);
        if lc.method == RmMethod::Bidprice && self.bid[l] > 0.0 {
            // A class is closed for the observations when its value falls below the price.
            let bid = self.bid[l];
            let mut m = 0u16;
            for r in 0..n {
                if c.values[series * self.stride + r] < bid {
                    m |= 1 << r;
                }
            }
            self.closed[l] |= m;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn legs(method: RmMethod) -> IdVec<LegId, LegControl> {
        IdVec::from_vec(vec![LegControl {
            method,
            classes: 3,
            series: 0,
        }])
    }

    /// EMSR-b closes the lowest class once the seats left reach its protection level, and
    /// classes reopen as seats come back; FCFS keeps everything open until the last seat.
    #[test]
    fn classes_close_and_reopen_with_the_seats_left() {
        let l = LegId(0);
        let ctrl = legs(RmMethod::Emsrb);
        let mut inv = Inventory::new(IdVec::from_vec(vec![100]), &ctrl, 3);
        assert_eq!(inv.open[l], 2);
        let mut forecast = PickupForecast::new(1, 2, 3, 0.5, false);
        for _ in 0..5 {
            forecast.observe(0, 1, &[10, 20, 200], 0);
        }
        let (mut values, mut valued) = (vec![400.0, 200.0, 100.0], vec![true; 3]);
        let mut c = Controls {
            legs: &ctrl,
            forecast: &mut forecast,
            values: &mut values,
            valued: &mut valued,
            alpha: 0.5,
            min_history: 4,
        };
        inv.collect(l, 1, &mut c);
        let (y0, y1) = (inv.protect[0], inv.protect[1]);
        assert!(0 < y0 && y0 <= y1 && y1 < 100, "{y0} {y1}");
        // Sell down to the protection of classes 0..=1: the lowest class closes.
        inv.sell(l, 100 - y1 as u32, Some(2), 100.0, 3);
        assert_eq!(inv.open[l], 1);
        assert_eq!(inv.closed[l], 0b100);
        inv.release(l, 1, 3);
        assert_eq!(inv.open[l], 2);
        inv.sell(l, inv.avail[l], Some(0), 400.0, 3);
        assert_eq!(inv.open[l], CLOSED);

        let ctrl = legs(RmMethod::Fcfs);
        let mut inv = Inventory::new(IdVec::from_vec(vec![2]), &ctrl, 3);
        inv.sell(l, 1, Some(2), 1.0, 3);
        assert_eq!(inv.open[l], 2);
        inv.sell(l, 1, Some(2), 1.0, 3);
        assert_eq!(inv.open[l], CLOSED);
    }
}
