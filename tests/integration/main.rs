//! Integration tests: one binary, one module per area.

mod bench;
mod commands;
mod compare;
mod demand;
mod engine;
mod fixture;
mod fuzz;
mod golden;
mod itineraries;
mod mct;
mod network;
mod outputs;
mod plausibility;
mod report;
mod routes_data;
mod run;
mod scenario;
mod shard;
mod ssim;
mod ssim_wild;
mod synth;
mod synthnet;
mod tune;
mod two_stop;
mod validation;
