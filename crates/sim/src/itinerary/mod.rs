//! Itineraries: MCT-aware connection building over dated legs.
//!
//! * the connection rules (MCT by status, maximum connect time, interline permission) are
//!   `flightnet_data::config::ConnectionRules`;
//! * [`paths_between`]: route-level paths of a market (computed once per market), with up to
//!   `max_stops` connections; [`paths_from`]: those of every market from one origin;
//! * [`Timetable`]: each route's legs laid out for lookups by date and time;
//! * [`itineraries_on_day`], [`earliest_arrival`] and [`fastest_by_departure`]: dated
//!   itineraries from those paths, MCT and maximum connect time checked at every connection;
//!   [`has_itinerary`]: whether a path can give any at all;
//! * [`DepartureIndex`] and [`for_each_connection`]: connection scans for network analysis.

mod index;
mod paths;
mod search;
mod timetable;

pub use index::{DepartureIndex, for_each_connection};
pub use paths::{MctRule, Path, paths_between, paths_from};
pub use search::{
    Itinerary, earliest_arrival, fastest_by_departure, has_itinerary, itineraries_on_day,
};
pub use timetable::Timetable;
