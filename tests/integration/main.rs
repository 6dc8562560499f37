//! Integration tests: one binary, one module per area.

mod bench;
mod compare;
mod demand;
mod engine;
mod fixture;
mod fuzz;
mod golden;
mod network;
mod outputs;
mod plausibility;
mod report;
mod routes_data;
mod run;
mod scenario;
mod shard;
mod ssim;
mod synth;
mod tune;
mod validation;
