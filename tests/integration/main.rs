//! Integration tests: one binary, one module per area.

mod fixture;
mod network;
mod validation;
