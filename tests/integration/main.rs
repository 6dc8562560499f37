//! Integration tests: one binary, one module per area.

mod engine;
mod fixture;
mod network;
mod report;
mod routes_data;
mod run;
mod shard;
mod ssim;
mod synth;
mod tune;
mod validation;
