//! Connection rules: minimum connecting time by status, maximum connect time, interline.

use std::collections::{BTreeMap, BTreeSet};

use crate::network::{AirlineId, AirportId, Leg, Mct, NetworkData};

/// Which airline pairs may be combined in one itinerary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Interline {
    /// Only connections within one airline (online).
    OnlineOnly,
    /// Online connections plus these airline pairs (either order).
    Pairs(BTreeSet<(AirlineId, AirlineId)>),
    /// Any two airlines.
    Any,
}

/// The rules that make a pair of legs a legal connection.
#[derive(Clone, Debug)]
pub struct ConnectionRules {
    /// Longest accepted connect time, in minutes.
    pub max_connect: u32,
    /// Interline permission.
    pub interline: Interline,
    /// Per-airport MCTs replacing the values in `airports.csv`.
    pub mct_overrides: BTreeMap<AirportId, Mct>,
    /// Longest connecting routing accepted, as a multiple of the origin–destination
    /// great-circle distance (connection builders drop roundabout routings).
    pub max_circuity: f64,
}

impl Default for ConnectionRules {
    /// Online only, a 12-hour maximum connect time, the airports' own MCTs, circuity up to 2.5.
    fn default() -> Self {
        ConnectionRules {
            max_connect: 720,
            interline: Interline::OnlineOnly,
            mct_overrides: BTreeMap::new(),
            max_circuity: 2.5,
        }
    }
}

impl ConnectionRules {
    /// Whether airlines `a` and `b` may be combined.
    pub fn allows(&self, a: AirlineId, b: AirlineId) -> bool {
        a == b
            || match &self.interline {
                Interline::OnlineOnly => false,
                Interline::Any => true,
                Interline::Pairs(p) => p.contains(&(a, b)) || p.contains(&(b, a)),
            }
    }

    /// The MCT at `hub` for a passenger arriving from `from` and leaving for `to`.
    ///
    /// The arriving status is domestic when `from` is in the hub's country; the departing
    /// status likewise for `to`.
    pub fn mct(&self, data: &NetworkData, hub: AirportId, from: AirportId, to: AirportId) -> u16 {
        let table = self
            .mct_overrides
            .get(&hub)
            .unwrap_or(&data.airport(hub).mct);
        table.get(data.status(hub, from), data.status(hub, to))
    }

    /// Whether flying `o → hub → d` is direct enough: total distance at most `max_circuity` times
    /// the `o → d` distance.
    pub fn direct_enough(
        &self,
        data: &NetworkData,
        o: AirportId,
        hub: AirportId,
        d: AirportId,
    ) -> bool {
        let km = |a: AirportId, b: AirportId| {
            let (x, y) = (data.airport(a), data.airport(b));
            crate::geo::great_circle_km(x.lat, x.lon, y.lat, y.lon)
        };
        km(o, hub) + km(hub, d) <= self.max_circuity * km(o, d)
    }

    /// Whether `second` can follow `first` as a connection at a scheduled connect time:
    /// same airport, not straight back to where the first leg came from, airlines allowed to
    /// combine, direct enough (see [`ConnectionRules::direct_enough`]), and `MCT ≤ connect time ≤ max_connect` (no MCT when `second` continues the same
    /// flight number, as on a multi-leg flight).
    ///
    /// # Example
    /// ```
    /// # use flightnet_data::{input, network::Network, time::{DateRange, Day}, config::ConnectionRules};
    /// # let data = input::load(&input::NetworkSources::builtin()).unwrap();
    /// # let d = Day::parse("2023-10-16").unwrap();
    /// # let net = Network::build(data.into(), DateRange::new(d, d.plus_days(6)).unwrap());
    /// let rules = ConnectionRules::default();
    /// let legs = &net.legs;
    /// // A leg never connects to itself.
    /// assert!(!rules.connects(net.data(), &legs[0], &legs[0]));
    /// ```
    pub fn connects(&self, data: &NetworkData, first: &Leg, second: &Leg) -> bool {
        if first.destination != second.origin
            || second.destination == first.origin
            || !self.allows(first.airline, second.airline)
        {
            return false;
        }
        let gap = second.dep.0 - first.arr.0;
        if first.continues_as(second) {
            return gap <= self.max_connect as i64;
        }
        if gap < 0 || gap > self.max_connect as i64 {
            return false;
        }
        if !self.direct_enough(data, first.origin, first.destination, second.destination) {
            return false;
        }
        let mct = self.mct(data, first.destination, first.origin, second.destination) as i64;
        gap >= mct && gap <= self.max_connect as i64
    }
}
