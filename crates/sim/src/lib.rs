//! # flightnet-sim
//!
//! The model layer of flightnet: from a network and its settings to counted results. It
//! depends on `flightnet-engine` (the event queue and random streams) and `flightnet-data`
//! (the network and the settings), never on the outputs above it.
//!
//! * [`itinerary`] — MCT-aware connection building over the dated legs;
//! * [`rotation`] — aircraft rotations and fleet needs;
//! * [`demand`] — booking-request intensity, recovery curves and lazy request streams;
//! * [`fares`] — each market's fare structures and what each segment makes of them;
//! * [`rm`] — revenue management: EMSR-b, bid prices, pick-up forecasts;
//! * [`choice`] — the multinomial-logit itinerary choice;
//! * [`operations`] — delays and cancellations drawn per dated flight;
//! * [`simulation`] — the passenger and flight model on the engine ([`simulation::Prepared`]
//!   is built once and run per replication, giving [`simulation::Results`]);
//! * [`observe`] — simulated values of observed aggregates, and their errors;
//! * [`stats`] — counters and histograms that merge exactly, confidence intervals;
//! * [`summary`] — the results of replications aggregated into one [`summary::Summary`];
//! * [`analysis`] — network analysis of a week (hubs, reachability, critical airports).
//!
//! Rules: results depend only on the inputs, the seed and the replication, never on threads,
//! shards, prefetching or allocation; each request's draws come from its own keyed stream;
//! counters are integers (or exact sums) so replications and shards merge exactly.

pub mod analysis;
pub mod choice;
pub mod demand;
pub mod fares;
pub mod itinerary;
pub mod observe;
pub mod operations;
pub mod rm;
pub mod rotation;
pub mod simulation;
pub mod stats;
pub mod summary;
