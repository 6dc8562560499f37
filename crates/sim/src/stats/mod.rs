//! Streamed statistics: counters per route, market, hub and day, exact histograms of connect
//! times, and one record per dated flight. Nothing is kept per passenger.
//!
//! Every counter is an integer (or a sum of integers), so results from replications and shards
//! add exactly.

mod confidence;
mod histogram;

pub use confidence::{Estimate, t975};
pub use histogram::Histogram;

use serde::{Deserialize, Serialize};

/// Longest connect time kept in histogram bins (minutes); longer ones go to the overflow.
pub const CONNECT_BINS: usize = 2881;

/// Flight counters (for one route, one day, or everything).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FlightCounts {
    /// Flights operated.
    pub flights: u64,
    /// Flights cancelled.
    pub cancelled: u64,
    /// Seats on operated flights.
    pub seats: u64,
    /// Passengers boarded.
    pub passengers: u64,
    /// Boarded passengers travelling only this leg.
    pub local: u64,
    /// Boarded passengers on a connecting itinerary.
    pub connecting: u64,
    /// Available seat-kilometres.
    pub ask: f64,
    /// Revenue passenger-kilometres.
    pub rpk: f64,
    /// Sum of departure delays, minutes.
    pub departure_delay_minutes: u64,
    /// Sum of arrival delays, minutes.
    pub arrival_delay_minutes: u64,
    /// Flights arriving no more than 15 minutes late.
    pub on_time: u64,
    /// Ticket revenue prorated to these flights by distance, in cents (credited when sold).
    #[serde(default)]
    pub revenue_cents: i64,
    /// Full fares of every ticket whose itinerary uses these flights, in cents (the network
    /// contribution: what would be at stake without them).
    #[serde(default)]
    pub itinerary_revenue_cents: i64,
    /// Operating cost of the flights flown, in cents.
    #[serde(default)]
    pub cost_cents: i64,
    /// Tickets sold on these flights by the airline's class rank (0 = highest fare).
    #[serde(default)]
    pub class_tickets: [u64; CLASS_SLOTS],
    /// Booked passengers who did not show up.
    #[serde(default)]
    pub no_shows: u64,
    /// Passengers who showed up but found no seat (overbooking).
    #[serde(default)]
    pub denied_boardings: u64,
}

/// Class ranks counted per flight (the most booking classes an airline may have).
pub const CLASS_SLOTS: usize = flightnet_data::input::MAX_CLASSES;

impl FlightCounts {
    /// Adds another set of counters.
    pub fn merge(&mut self, o: &FlightCounts) {
        self.flights += o.flights;
        self.cancelled += o.cancelled;
        self.seats += o.seats;
        self.passengers += o.passengers;
        self.local += o.local;
        self.connecting += o.connecting;
        self.ask += o.ask;
        self.rpk += o.rpk;
        self.departure_delay_minutes += o.departure_delay_minutes;
        self.arrival_delay_minutes += o.arrival_delay_minutes;
        self.on_time += o.on_time;
        self.revenue_cents += o.revenue_cents;
        self.itinerary_revenue_cents += o.itinerary_revenue_cents;
        self.cost_cents += o.cost_cents;
        for (a, b) in self.class_tickets.iter_mut().zip(o.class_tickets) {
            *a += b;
        }
        self.no_shows += o.no_shows;
        self.denied_boardings += o.denied_boardings;
    }

    /// Passengers over seats (0 with no seats).
    pub fn load_factor(&self) -> f64 {
        ratio(self.passengers as f64, self.seats as f64)
    }
}

/// Passenger-journey counters (for one market, one day, or everything).
///
/// Every request ends one way: `demand = carried + spilled + unserved + no_purchase`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyCounts {
    /// Booking requests.
    pub demand: u64,
    /// Requests that got a booking.
    pub carried: u64,
    /// Requests lost for capacity: itineraries existed on the requested or nearby dates, but
    /// none had a seat (or an open class) left.
    pub spilled: u64,
    /// Requests lost because no itinerary existed on the requested and nearby dates.
    #[serde(default)]
    pub unserved: u64,
    /// Requests whose passenger saw an available itinerary and chose not to fly (too dear, too
    /// long, too far from the wanted time).
    #[serde(default)]
    pub no_purchase: u64,
    /// Ticket revenue of the carried requests, in cents.
    #[serde(default)]
    pub revenue_cents: i64,
    /// Carried requests booked on another day than requested.
    pub recaptured: u64,
    /// Carried requests booked nonstop.
    pub nonstop: u64,
    /// Carried requests booked with a connection (one or two).
    pub connecting: u64,
    /// Of `connecting`, those booked with two connections.
    #[serde(default)]
    pub two_stop: u64,
    /// Carried passengers who reached their destination.
    pub arrived: u64,
    /// Carried passengers who could not be re-accommodated after a misconnection, a
    /// cancellation or a denied boarding.
    pub stranded: u64,
    /// Carried passengers who did not show up for their first flight.
    #[serde(default)]
    pub no_shows: u64,
    /// Missed connections (a passenger can miss more than once).
    pub misconnected: u64,
    /// Re-accommodations (after a misconnection or a cancellation).
    pub rebooked: u64,
}

impl JourneyCounts {
    /// Adds another set of counters.
    pub fn merge(&mut self, o: &JourneyCounts) {
        self.demand += o.demand;
        self.carried += o.carried;
        self.spilled += o.spilled;
        self.unserved += o.unserved;
        self.no_purchase += o.no_purchase;
        self.revenue_cents += o.revenue_cents;
        self.recaptured += o.recaptured;
        self.nonstop += o.nonstop;
        self.connecting += o.connecting;
        self.two_stop += o.two_stop;
        self.arrived += o.arrived;
        self.stranded += o.stranded;
        self.no_shows += o.no_shows;
        self.misconnected += o.misconnected;
        self.rebooked += o.rebooked;
    }
}

/// Connection counters at one hub.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubCounts {
    /// Connections attempted (`made + missed`).
    pub connecting: u64,
    /// Connections made.
    pub made: u64,
    /// Connections missed (late inbound, or onward flight cancelled).
    pub missed: u64,
    /// Actual connect times of made connections, minutes.
    pub actual: Histogram,
    /// Scheduled connect times of booked connections, minutes.
    pub planned: Histogram,
}

impl Default for HubCounts {
    fn default() -> Self {
        HubCounts {
            connecting: 0,
            made: 0,
            missed: 0,
            actual: Histogram::new(CONNECT_BINS),
            planned: Histogram::new(CONNECT_BINS),
        }
    }
}

impl HubCounts {
    /// Adds another hub's counters.
    pub fn merge(&mut self, o: &HubCounts) {
        self.connecting += o.connecting;
        self.made += o.made;
        self.missed += o.missed;
        self.actual.merge(&o.actual);
        self.planned.merge(&o.planned);
    }
}

/// `a / b`, or 0 when `b` is 0.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 { 0.0 } else { a / b }
}
