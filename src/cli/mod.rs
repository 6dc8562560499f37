//! The commands of the `flightnet` binary: one module each, plus shared helpers. Each command
//! turns its flags into library calls; the work happens in the library.

pub mod bench;
pub mod common;
pub mod compare;
pub mod generate;
pub mod hugepages;
pub mod merge;
pub mod network;
pub mod report;
pub mod run;
pub mod ssim;
pub mod tune;
