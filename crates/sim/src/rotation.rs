//! Aircraft rotations: chaining dated legs into aircraft lines of flying.
//!
//! Per airline and aircraft type, legs are taken in departure order; each takes the aircraft
//! that has waited longest among those on the ground at its origin and ready (arrived at least
//! the type's minimum turnaround before), or else a new aircraft. This greedy rule uses the
//! fewest aircraft possible when aircraft are never ferried empty, and it gives every leg its
//! predecessor on the same aircraft, along which reactionary delay travels.

use flightnet_data::id::Idx;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use serde::{Deserialize, Serialize};

use flightnet_data::network::{FleetId, LegId, Network};
use flightnet_data::time::Day;

/// Aircraft needed against the fleet for one aircraft type.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FleetNeed {
    /// Airline designator.
    pub airline: String,
    /// Aircraft type name.
    pub aircraft: String,
    /// Aircraft in the fleet (`fleet.csv`).
    pub fleet: u32,
    /// Most aircraft any one week's rotations need (weeks Monday to Sunday, each chained on its
    /// own).
    pub needed: u32,
    /// The first week needing that many.
    pub peak_week: Day,
    /// Whether `needed` exceeds `fleet`.
    pub short: bool,
}

/// Rotations of every leg in a network.
#[derive(Clone, Debug)]
pub struct Rotations {
    /// For each leg, the previous leg flown by the same aircraft.
    pub prev: Vec<Option<LegId>>,
    /// Aircraft needed per type that flies in the window, sorted by airline then type.
    pub needs: Vec<FleetNeed>,
}

/// Aircraft on the ground at a station: min-heap of (ready time, aircraft number, last leg).
type Ground = BinaryHeap<Reverse<(i64, u32, u32)>>;

/// Chains `legs` (ids in departure order) greedily; returns each leg's predecessor (indexed like
/// `net.legs`) and the aircraft count per type.
fn chain(
    net: &Network,
    legs: impl Iterator<Item = LegId>,
    prev: &mut [Option<LegId>],
) -> BTreeMap<FleetId, u32> {
    // (type, station) -> min-heap of (ready time, aircraft number, last leg)
    let mut ground: BTreeMap<(FleetId, u16), Ground> = BTreeMap::new();
    let mut count: BTreeMap<FleetId, u32> = BTreeMap::new();
    for l in legs {
        let leg = net.leg(l);
        let turn = net.data().aircraft(leg.aircraft).min_turn as i64;
        let heap = ground.entry((leg.aircraft, leg.origin.0)).or_default();
        let (tail, before) = match heap.peek() {
            Some(Reverse((ready, _, _))) if *ready <= leg.dep.0 => {
                let Reverse((_, tail, last)) = heap.pop().expect("peeked");
                (tail, Some(LegId(last)))
            }
            _ => {
                let c = count.entry(leg.aircraft).or_default();
                *c += 1;
                (*c - 1, None)
            }
        };
        prev[l.index()] = before;
        ground
            .entry((leg.aircraft, leg.destination.0))
            .or_default()
            .push(Reverse((leg.arr.0 + turn, tail, l.0)));
    }
    count
}

impl Rotations {
    /// Builds the rotations of every leg in `net` and the peak-week aircraft needs.
    ///
    /// # Complexity
    /// O(L log L).
    pub fn build(net: &Network) -> Rotations {
        let n = net.legs.len();
        let mut prev = vec![None; n];
        chain(net, (0..n as u32).map(LegId), &mut prev);
        // Peak week: chain each Monday–Sunday week on its own.
        let mut peak: BTreeMap<FleetId, (u32, Day)> = BTreeMap::new();
        let mut scratch = vec![None; n];
        let mut weeks: std::collections::BTreeMap<Day, Vec<LegId>> = Default::default();
        for (i, leg) in net.legs.iter().enumerate() {
            weeks
                .entry(leg.day.week_start())
                .or_default()
                .push(LegId(i as u32));
        }
        for (w, ids) in weeks {
            for (t, c) in chain(net, ids.into_iter(), &mut scratch) {
                let e = peak.entry(t).or_insert((0, w));
                if c > e.0 {
                    *e = (c, w);
                }
            }
        }
        let data = net.data();
        let mut needs: Vec<FleetNeed> = peak
            .into_iter()
            .map(|(t, (needed, week))| {
                let ty = data.aircraft(t);
                FleetNeed {
                    airline: data.airline(ty.airline).code.clone(),
                    aircraft: ty.name.clone(),
                    fleet: ty.count,
                    needed,
                    peak_week: week,
                    // A fleet count of 0 means unknown (an aircraft type filled in from an
                    // SSIM configuration): never short.
                    short: ty.count > 0 && needed > ty.count,
                }
            })
            .collect();
        needs.sort_by(|a, b| (&a.airline, &a.aircraft).cmp(&(&b.airline, &b.aircraft)));
        Rotations { prev, needs }
    }
}
