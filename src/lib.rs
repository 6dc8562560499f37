//! # flightnet
//!
//! A flight route schedule simulator. flightnet loads an airline network (airports, airlines,
//! fleets, a dated schedule and O&D demand), turns local schedule times into UTC through a
//! bundled IANA time-zone database with its history, builds the route graph, and simulates
//! passengers booking, flying, connecting and missing connections with a deterministic
//! discrete-event engine.
//!
//! This crate is the top of a workspace whose crates are the pipeline's layers (arrows point
//! down only; see ARCHITECTURE.md):
//!
//! | crate | layer |
//! |---|---|
//! | [`engine`] (`flightnet-engine`) | the event queue, the scheduler, named random streams |
//! | [`data`] (`flightnet-data`) | time, CSV tables, scenario files, SSIM, the network graph |
//! | [`sim`] (`flightnet-sim`) | itineraries, demand, choice, operations, the simulation, statistics |
//! | [`report`] (`flightnet-report`) | terminal tables, JSON and CSV files, the HTML report |
//! | `flightnet` (this crate) | workflows: run, compare, tune, shard, bench, synth; the binary |
//!
//! The workflows here:
//!
//! * [`runner`] — scenario → network → prepared simulation → replications in parallel;
//! * [`calibrate`] — fit a scenario's free demand parameters to observed aggregates;
//! * [`compare`] — two scenarios on common random numbers, paired differences;
//! * [`tune`] — frequency search under fleet and bilateral constraints;
//! * [`shard`] — sharded runs and their exact merge;
//! * [`bench`] — engine throughput on synthetic networks;
//! * [`synth`] — synthetic networks in the `routes/` format.
//!
//! ```
//! use flightnet::data::{input, network::Network, time::{DateRange, Day}};
//! let data = input::load(&input::NetworkSources::builtin()).unwrap();
//! let day = Day::parse("2023-10-15").unwrap();
//! let net = Network::build(data.into(), DateRange::new(day, day.plus_days(6)).unwrap());
//! assert!(net.route_count() >= 60);
//! ```

pub use flightnet_data as data;
pub use flightnet_engine as engine;
pub use flightnet_report as report;
pub use flightnet_sim as sim;

pub mod bench;
pub mod calibrate;
pub mod compare;
pub mod runner;
pub mod shard;
pub mod synth;
pub mod tune;
