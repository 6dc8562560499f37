//! # flightnet
//!
//! A flight route schedule simulator. flightnet loads an airline network (airports, airlines,
//! fleets, a dated schedule and O&D demand), turns local schedule times into UTC through a
//! bundled IANA time-zone database with its history, builds the route graph, and simulates
//! passengers booking, flying, connecting and missing connections with a deterministic
//! discrete-event engine.
//!
//! The library is a pipeline; each stage is a module:
//!
//! 1. [`input`]: load and validate the CSV tables (every problem reported with file, line and
//!    column).
//! 2. [`network`]: the petgraph route graph and the dated legs in UTC.
//! 3. [`analysis`]: network reports (hubs, reachability, critical airports and routes).
//!
//! ```
//! use flightnet::{input, network::Network, time::{DateRange, Day}};
//! let data = input::load_dir(std::path::Path::new("routes")).unwrap();
//! let day = Day::parse("2023-10-15").unwrap();
//! let net = Network::build(data.into(), DateRange::new(day, day.plus_days(6)).unwrap());
//! assert!(net.route_count() >= 60);
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod bench;
pub mod choice;
pub mod compare;
pub mod demand;
pub mod engine;
pub mod error;
pub mod geo;
pub mod input;
pub mod itinerary;
pub mod network;
pub mod operations;
pub mod output;
pub mod prefetch;
pub mod report;
pub mod rng;
pub mod rotation;
pub mod runner;
pub mod scenario;
pub mod shard;
pub mod sim;
pub mod ssim;
pub mod stats;
pub mod synth;
pub mod time;
pub mod tune;

pub use error::{Error, Result};
