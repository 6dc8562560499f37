//! # flightnet-data
//!
//! The input layer of flightnet: everything a user gives the simulator, loaded, checked and
//! turned into the network the simulation runs on. It depends on no other flightnet crate.
//!
//! * [`error`] — diagnostics (file, line, column, value, expectation)
//!   and the [`Error`] type; every problem in a file is reported at once;
//! * [`time`] — days, local clock times and UTC minutes, with the bundled IANA time-zone
//!   history; [`geo`]: great-circle distances;
//! * [`input`] — the CSV tables of a `routes/` folder, one module per table;
//! * [`ssim`] — IATA SSIM Chapter 7 import and export;
//! * [`scenario`] — scenario TOML files, checked key by key, and their frequency overrides;
//! * [`mct`] — SSIM Chapter 8 minimum connecting times: station standards, carrier
//!   exceptions and suppressions, read from `routes/mct.csv` and Chapter 8 files;
//! * [`config`] — the model's settings as plain data ([`config::SimConfig`]);
//! * [`id`] — typed ids and the vectors they index ([`id::IdVec`]);
//! * [`world`] — the world airport table compiled in, the fallback for codes a network's
//!   own tables do not define;
//! * [`network`] — airports, airlines, fleets, flight patterns, the petgraph route graph and the
//!   dated legs in UTC (sorted vectors, not graph edges).
//!
//! Data flows `input`/`ssim` → [`network::NetworkData`] → `scenario` (overrides applied,
//! [`config::SimConfig`] resolved) → [`network::Network`] (dated legs over a period), which the
//! simulation layer (`flightnet-sim`) reads and never changes.
//!
//! ```
//! use flightnet_data::{input, network::Network, time::{DateRange, Day}};
//! let data = input::load(&input::NetworkSources::builtin()).unwrap();
//! let day = Day::parse("2023-10-15").unwrap();
//! let net = Network::build(data.into(), DateRange::new(day, day.plus_days(6)).unwrap());
//! assert!(net.route_count() >= 60);
//! ```

pub mod config;
pub mod error;
pub mod geo;
pub mod id;
pub mod input;
pub mod mct;
pub mod network;
pub mod scenario;
pub mod ssim;
pub mod time;
pub mod world;

pub use error::{Error, Result};
