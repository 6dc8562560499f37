//! Connection rules: minimum connecting time by status, maximum connect time, interline.

use std::collections::{BTreeMap, BTreeSet};

use crate::mct::{Outcome, RouteMct, pattern_query, route_query};
use crate::network::{AirlineId, AirportId, Leg, Mct, NetworkData};

/// How the connections of one route pair at a hub get their MCT
/// ([`ConnectionRules::route_mct`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteConnection {
    /// Every leg pair has this MCT.
    Fixed(u16),
    /// An MCT record suppresses every leg pair: no connection.
    Suppressed,
    /// MCT records may apply to some leg pairs (by flight number, terminal, aircraft or
    /// date), so each pair is looked up; `standard` applies when none does. `standards` says
    /// whether the table's station standards count (not when the scenario overrides the
    /// airport's MCTs).
    PerLeg {
        /// The MCT when no record applies.
        standard: u16,
        /// Whether the MCT table's station standards take part.
        standards: bool,
    },
}

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
    /// great-circle distance (connection builders drop roundabout routings); for a path with
    /// two connections, of its whole length.
    pub max_circuity: f64,
    /// The most connections an itinerary may have: 1, or 2 for two-stop itineraries.
    pub max_stops: u8,
}

impl Default for ConnectionRules {
    /// Online only, a 12-hour maximum connect time, the airports' own MCTs, circuity up to 2.5,
    /// one connection at most.
    fn default() -> Self {
        ConnectionRules {
            max_connect: 720,
            interline: Interline::OnlineOnly,
            mct_overrides: BTreeMap::new(),
            max_circuity: 2.5,
            max_stops: 1,
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

    /// The standard MCT at `hub` for a passenger arriving from `from` and leaving for `to`: the
    /// scenario's override for the airport, else its `airports.csv` values (MCT records are not
    /// consulted; [`ConnectionRules::mct`] does that for a pair of legs).
    ///
    /// The arriving status is domestic when `from` is in the hub's country; the departing
    /// status likewise for `to`.
    pub fn standard_mct(
        &self,
        data: &NetworkData,
        hub: AirportId,
        from: AirportId,
        to: AirportId,
    ) -> u16 {
        let table = self
            .mct_overrides
            .get(&hub)
            .unwrap_or(&data.airport(hub).mct);
        table.get(data.status(hub, from), data.status(hub, to))
    }

    /// The MCT for connecting from leg `inbound` to leg `outbound` at `inbound`'s arrival
    /// airport, with the MCT records applied as SSIM Chapter 8 orders them: the winning
    /// exception; else the scenario's override for the airport; else the winning station
    /// standard record; else the airport's `airports.csv` values. `None` when a suppression
    /// wins: the connection is not built.
    ///
    /// # Example
    /// ```
    /// # use flightnet_data::{input, network::Network, time::{DateRange, Day}, config::ConnectionRules};
    /// # let data = input::load(&input::NetworkSources::builtin()).unwrap();
    /// # let d = Day::parse("2023-10-16").unwrap();
    /// # let net = Network::build(data.into(), DateRange::new(d, d.plus_days(6)).unwrap());
    /// let rules = ConnectionRules::default();
    /// let (a, b) = (&net.legs[0], &net.legs[1]);
    /// // Without MCT records it is the airport's standard.
    /// assert_eq!(
    ///     rules.connection_mct(net.data(), a, b),
    ///     Some(rules.standard_mct(net.data(), a.destination, a.origin, b.destination))
    /// );
    /// ```
    pub fn connection_mct(&self, data: &NetworkData, inbound: &Leg, outbound: &Leg) -> Option<u16> {
        let hub = inbound.destination;
        let standard = || self.standard_mct(data, hub, inbound.origin, outbound.destination);
        if data.mct.is_empty() {
            return Some(standard());
        }
        let (pi, po) = (
            &data.patterns[inbound.pattern.0 as usize],
            &data.patterns[outbound.pattern.0 as usize],
        );
        let q = pattern_query(data, pi, po, Some(outbound.day));
        match data.mct.resolve(&q, !self.mct_overrides.contains_key(&hub)) {
            Some(o) => o.minutes(),
            None => Some(standard()),
        }
    }

    /// The MCT for connecting from `inbound` to `outbound` ([`ConnectionRules::connection_mct`]),
    /// `u16::MAX` when the connection is suppressed (no passenger makes it).
    pub fn mct(&self, data: &NetworkData, inbound: &Leg, outbound: &Leg) -> u16 {
        self.connection_mct(data, inbound, outbound)
            .unwrap_or(u16::MAX)
    }

    /// How the connections from airline `a1`'s route `o → hub` to airline `a2`'s route
    /// `hub → d` get their MCT: one value for every leg pair, suppressed, or leg by leg.
    pub fn route_mct(
        &self,
        data: &NetworkData,
        (a1, o): (AirlineId, AirportId),
        hub: AirportId,
        (a2, d): (AirlineId, AirportId),
    ) -> RouteConnection {
        let standard = self.standard_mct(data, hub, o, d);
        if data.mct.is_empty() {
            return RouteConnection::Fixed(standard);
        }
        let standards = !self.mct_overrides.contains_key(&hub);
        let q = route_query(data, (a1, o), hub, (a2, d));
        match data.mct.route(&q, standards) {
            RouteMct::Standard => RouteConnection::Fixed(standard),
            RouteMct::Fixed(Outcome::Minutes(m)) => RouteConnection::Fixed(m),
            RouteMct::Fixed(Outcome::Suppressed) => RouteConnection::Suppressed,
            RouteMct::PerLeg => RouteConnection::PerLeg {
                standard,
                standards,
            },
        }
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
        match self.connection_mct(data, first, second) {
            Some(mct) => gap >= mct as i64 && gap <= self.max_connect as i64,
            None => false,
        }
    }
}
