//! Passenger demand: base O&D demand, recovery indices and the lazy booking-request model.

mod alias;
mod base;
mod config;
mod curve;
mod selector;

pub use alias::Alias;
pub use base::BaseDemand;
pub use config::{Arrivals, DemandConfig, RecoveryPoint, RecoverySeries};
pub use curve::{Curve, StreamPos, recovery_index};
pub use selector::MarketSelector;
