//! Base O&D demand as loaded from `demand.csv`.

use crate::network::{AirportId, Provenance};

/// Base (pre-pandemic level) average daily passengers wanting to travel from `origin` to
/// `destination` (one direction).
#[derive(Clone, Debug)]
pub struct BaseDemand {
    /// Where the trip starts.
    pub origin: AirportId,
    /// Where the trip ends.
    pub destination: AirportId,
    /// Average daily passengers at the base level (before recovery, scale and weekday factors).
    pub daily_pax: f64,
    /// Where the number comes from.
    pub provenance: Provenance,
}
