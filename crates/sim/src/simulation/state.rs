//! Mutable per-replication state: seat inventory and booking groups on each dated leg.

use flightnet_data::network::LegId;

use super::MarketId;

/// Where a group goes after its current leg, packed in 32 bits (groups are the most numerous
/// records of a run): an onward leg, the end of its journey, or a missed onward flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Onward(u32);

/// [`Onward`] unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Next {
    /// Connects onto this leg.
    Leg(LegId),
    /// The journey ends at this leg's destination.
    Final,
    /// The onward flight was missed or cancelled: rebook on arrival.
    Missed,
}

impl Onward {
    /// The journey ends on this leg.
    pub(super) const FINAL: Onward = Onward(u32::MAX);
    /// The onward flight was missed or cancelled.
    pub(super) const MISSED: Onward = Onward(u32::MAX - 1);

    /// Onward on leg `l` (leg ids stay below the two markers).
    #[inline]
    pub(super) fn leg(l: LegId) -> Onward {
        debug_assert!(l.0 < u32::MAX - 1);
        Onward(l.0)
    }

    /// Unpacks.
    #[inline]
    pub(super) fn get(self) -> Next {
        match self.0 {
            u32::MAX => Next::Final,
            x if x == u32::MAX - 1 => Next::Missed,
            l => Next::Leg(LegId(l)),
        }
    }
}

/// Passengers with identical itineraries from this leg on: same market, same onward legs.
/// Identical passengers have identical fates, so they are kept as one count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Group {
    /// The passengers' market.
    pub market: MarketId,
    /// Where they go after this leg.
    pub next: Onward,
    /// Where they go after `next` when it is a leg (the third leg of an itinerary with two
    /// connections); [`Onward::FINAL`] otherwise.
    pub then: Onward,
    /// Passengers.
    pub count: u32,
    /// [`THROUGH`] when the group arrived here on an inbound connection, [`REBOOKED`] when it
    /// travels on a flight it was re-accommodated to.
    pub flags: u8,
    /// The booking class's rank (0 = highest fare).
    pub class: u8,
    /// The passengers' segment.
    pub segment: u8,
}

/// [`Group::flags`]: the group connected onto this leg (it is past its first flight).
pub(super) const THROUGH: u8 = 1;
/// [`Group::flags`]: the group was re-accommodated onto this leg (its ticket was sold for
/// another).
pub(super) const REBOOKED: u8 = 2;

/// A booking waiting in its departure day's bucket until that day opens (a booking with two
/// connections waits with its third leg beside it, so the many others stay 20 bytes).
#[derive(Clone, Copy, Debug)]
pub(super) struct Booking {
    /// The first leg.
    pub first: LegId,
    /// After the first leg.
    pub next: Onward,
    /// The passengers' market.
    pub market: MarketId,
    /// Passengers.
    pub count: u32,
    /// [`Group::flags`].
    pub flags: u8,
    /// [`Group::class`].
    pub class: u8,
    /// [`Group::segment`].
    pub segment: u8,
}

/// Where a dated leg is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Status {
    Scheduled,
    Departed,
    Arrived,
    Cancelled,
}

/// One dated leg during a replication.
#[derive(Clone, Debug)]
pub(super) struct LegState {
    pub status: Status,
    pub boarded: u32,
    pub boarded_local: u32,
    pub boarded_connecting: u32,
    /// Booked passengers who did not show up.
    pub no_shows: u32,
    /// Passengers denied boarding (more showed up than seats).
    pub denied: u32,
    /// The day has been opened (departure may be scheduled).
    pub open: bool,
    /// Whether the aircraft's previous leg has arrived (or there is none).
    pub aircraft_known: bool,
    /// When the aircraft is ready (previous arrival + turnaround); `i64::MIN` when unconstrained.
    pub ready: i64,
    pub actual_dep: i64,
    pub actual_arr: i64,
    /// Groups whose current leg is this one.
    pub groups: Vec<Group>,
    /// Legs holding groups that continue onto this leg.
    pub inbound: Vec<LegId>,
}

impl LegState {
    pub(super) fn new(has_prev: bool) -> LegState {
        LegState {
            status: Status::Scheduled,
            boarded: 0,
            boarded_local: 0,
            boarded_connecting: 0,
            no_shows: 0,
            denied: 0,
            open: false,
            aircraft_known: !has_prev,
            ready: i64::MIN,
            actual_dep: 0,
            actual_arr: 0,
            groups: Vec::new(),
            inbound: Vec::new(),
        }
    }

    /// Returns groups taken out of the leg with [`std::mem::take`], keeping their allocation
    /// while some remain (so the list is not rebuilt) and freeing it when none do (a year of
    /// legs must not hold on to their largest lists).
    pub(super) fn put_back(&mut self, groups: Vec<Group>) {
        if groups.is_empty() {
            return;
        }
        if self.groups.is_empty() {
            self.groups = groups;
        } else {
            self.groups.extend(groups);
        }
    }

    /// Adds `count` passengers of `market` continuing on `next` and then `then`, merging with
    /// an identical group among the last few added (a bounded search keeps booking O(1)).
    pub(super) fn add_group(&mut self, b: Booking, then: Onward) {
        let Booking {
            market,
            next,
            count,
            flags,
            class,
            segment,
            ..
        } = b;
        if let Some(g) = self.groups.iter_mut().rev().take(8).find(|g| {
            g.market == market
                && g.next == next
                && g.then == then
                && g.flags == flags
                && g.class == class
                && g.segment == segment
        }) {
            g.count += count;
        } else {
            if self.groups.capacity() == 0 {
                // Most legs carry dozens of groups: skip the smallest allocations.
                self.groups.reserve(16);
            }
            self.groups.push(Group {
                market,
                next,
                then,
                count,
                flags,
                class,
                segment,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(market: u32) -> Group {
        Group {
            market: MarketId(market),
            next: Onward::FINAL,
            then: Onward::FINAL,
            count: 1,
            flags: 0,
            class: 0,
            segment: 0,
        }
    }

    fn booking(market: u32, count: u32) -> Booking {
        Booking {
            first: LegId(0),
            next: Onward::FINAL,
            market: MarketId(market),
            count,
            flags: 0,
            class: 0,
            segment: 0,
        }
    }

    /// Groups taken out and put back keep their order and allocation; an emptied list frees
    /// its allocation; groups added meanwhile are kept ahead of the returned ones.
    /// Leg ids, the end of a journey and a missed connection pack and unpack.
    #[test]
    fn onward_packs_every_case() {
        for l in [0, 1, 77, u32::MAX - 2] {
            assert_eq!(Onward::leg(LegId(l)).get(), Next::Leg(LegId(l)));
        }
        assert_eq!(Onward::FINAL.get(), Next::Final);
        assert_eq!(Onward::MISSED.get(), Next::Missed);
        assert_eq!(std::mem::size_of::<Group>(), 20);
        assert_eq!(std::mem::size_of::<Booking>(), 20);
    }

    #[test]
    fn put_back_keeps_groups_and_frees_empty_lists() {
        let mut leg = LegState::new(false);
        for m in 0..20 {
            leg.add_group(booking(m, 1), Onward::FINAL);
        }
        let taken = std::mem::take(&mut leg.groups);
        let buffer = taken.as_ptr();
        leg.put_back(taken);
        assert_eq!(leg.groups.as_ptr(), buffer, "the list was copied");
        assert_eq!(
            leg.groups.iter().map(|g| g.market.0).collect::<Vec<_>>(),
            (0..20).collect::<Vec<_>>()
        );

        let mut taken = std::mem::take(&mut leg.groups);
        taken.clear();
        leg.put_back(taken);
        assert_eq!(
            leg.groups.capacity(),
            0,
            "an empty list kept its allocation"
        );

        leg.add_group(booking(7, 2), Onward::FINAL);
        leg.put_back(vec![group(8), group(9)]);
        assert_eq!(
            leg.groups.iter().map(|g| g.market.0).collect::<Vec<_>>(),
            [7, 8, 9]
        );
    }
}
