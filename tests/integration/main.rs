//! Integration tests: one binary, one module per area.

mod bench;
mod compare;
mod engine;
mod fixture;
mod golden;
mod network;
mod report;
mod routes_data;
mod run;
mod scenario;
mod shard;
mod ssim;
mod synth;
mod tune;
mod validation;
