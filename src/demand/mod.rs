//! Passenger demand: base O&D demand and (in the engine) the booking-request model.

mod base;

pub use base::BaseDemand;
