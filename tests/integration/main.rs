//! Integration tests: one binary, one module per area.

mod engine;
mod fixture;
mod network;
mod validation;
