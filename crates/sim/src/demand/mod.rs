//! Passenger demand: base O&D demand, recovery indices and the lazy booking-request model.

mod alias;
mod curve;

pub use alias::Alias;
pub use curve::{Curve, StreamPos, recovery_index};
