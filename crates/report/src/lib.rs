//! # flightnet-report
//!
//! The output layer of flightnet: what users read. It depends on `flightnet-data` and
//! `flightnet-sim` and is never depended on by them.
//!
//! * [`table`] — plain-text tables for the terminal;
//! * [`summary_table`] — a run summary as terminal tables;
//! * [`files`] — the `--out` folder's JSON and CSV files;
//! * [`output`] — every write: single files atomically (through symbolic links, `-` for
//!   standard output), results folders whole (staged, with a manifest, swapped in);
//! * [`network`] — the `flightnet network` report (table and JSON);
//! * [`html`] — the self-contained HTML report.

pub mod files;
pub mod html;
pub mod network;
pub mod output;
pub mod summary_table;
pub mod table;
