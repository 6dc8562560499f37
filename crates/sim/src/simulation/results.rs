//! What one replication produces.

use serde::{Deserialize, Serialize};

use crate::stats::{FlightCounts, HubCounts, JourneyCounts};
use flightnet_data::id::IdVec;
use flightnet_data::network::{AirportId, LegId, RouteId};

use super::MarketId;

/// How a dated flight ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlightStatus {
    /// Operated.
    Flown,
    /// Cancelled.
    Cancelled,
}

/// One dated flight's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlightRecord {
    /// The leg.
    pub leg: LegId,
    /// Operated or cancelled.
    pub status: FlightStatus,
    /// Actual departure, UTC minutes (the scheduled time when cancelled).
    pub actual_dep: i64,
    /// Actual arrival, UTC minutes (the scheduled time when cancelled).
    pub actual_arr: i64,
    /// Passengers boarded.
    pub passengers: u32,
    /// Boarded passengers travelling only this leg.
    pub local: u32,
    /// Boarded passengers on connecting itineraries.
    pub connecting: u32,
}

/// Engine counters for a replication.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EngineCounters {
    /// Events handled.
    pub events: u64,
    /// Peak size of the pending-event set.
    pub peak_pending: u64,
    /// Booking requests generated (= passengers asking).
    pub requests: u64,
    /// Wall-clock seconds of the run (not part of any deterministic output).
    pub wall_seconds: f64,
}

/// Everything one replication measured. All counters are integers or exact sums, so results of
/// several replications (or shards) can be added.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// The replication number.
    pub replication: u32,
    /// Per route, flights in the period.
    pub routes: IdVec<RouteId, FlightCounts>,
    /// Per market (the prepared markets), requests for dates in the period.
    pub markets: IdVec<MarketId, JourneyCounts>,
    /// Per airport, connections there.
    pub hubs: IdVec<AirportId, HubCounts>,
    /// Per day of the period: flights departing that day.
    pub daily_flights: Vec<FlightCounts>,
    /// Per day of the period: requests for that departure date.
    pub daily_journeys: Vec<JourneyCounts>,
    /// Per day of the period: carried passengers whose first flight leaves that day (the
    /// flight's local date).
    #[serde(default)]
    pub daily_travel: Vec<u64>,
    /// Per passenger segment: tickets sold by days before departure (index = days; the last
    /// index also counts every longer lead).
    #[serde(default)]
    pub booking_curves: Vec<Vec<u64>>,
    /// Tickets sold per UTC booking day, from the first day requests can come (the first
    /// departure date simulated minus the longest lead), for every requested date simulated
    /// (burn-in included).
    #[serde(default)]
    pub sold_by_booking_day: Vec<u64>,
    /// Flights departing in the period, in departure order.
    pub flights: Vec<FlightRecord>,
    /// Engine counters.
    pub engine: EngineCounters,
}

impl Results {
    /// Flight counters over every route.
    pub fn flight_totals(&self) -> FlightCounts {
        let mut t = FlightCounts::default();
        for r in &self.routes {
            t.merge(r);
        }
        t
    }

    /// Journey counters over every market.
    pub fn journey_totals(&self) -> JourneyCounts {
        let mut t = JourneyCounts::default();
        for m in &self.markets {
            t.merge(m);
        }
        t
    }

    /// Connection counters over every hub.
    pub fn hub_totals(&self) -> HubCounts {
        let mut t = HubCounts::default();
        for h in &self.hubs {
            t.merge(h);
        }
        t
    }
}
