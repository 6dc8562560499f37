//! Passenger demand: base O&D demand, recovery indices and the lazy booking-request model.

mod alias;
mod curve;
mod kfactor;

pub use alias::Alias;
pub use curve::{Curve, CurveSpec, LeadTimes, StreamPos, recovery_index, recovery_index_known};
pub use kfactor::{DayAlias, DayMix, day_variate, stream_day_factors};
