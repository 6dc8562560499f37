//! The commands of the `flightnet` binary: one module each, plus shared helpers. Each command
//! turns its flags into library calls; the work happens in the library.

pub(crate) mod bench;
pub(crate) mod calibrate;
pub(crate) mod common;
pub(crate) mod compare;
pub(crate) mod emsrb;
pub(crate) mod generate;
pub(crate) mod mct;
pub(crate) mod merge;
pub(crate) mod network;
pub(crate) mod report;
pub(crate) mod run;
pub(crate) mod ssim;
pub(crate) mod tune;
