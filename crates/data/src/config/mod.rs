//! The model's settings, as a scenario file gives them: plain, validated data that the
//! simulation layer reads (`flightnet-sim` turns them into models; nothing here simulates).
//!
//! * [`DemandConfig`]: how passengers ask for flights (`[demand]`);
//! * [`ChoiceConfig`]: itinerary choice (`[choice]`);
//! * [`OperationsConfig`]: delays, cancellations and rebooking (`[operations]`);
//! * [`ConnectionRules`]: what makes two legs a connection (`[connections]`);
//! * [`RmConfig`]: revenue management (`[rm]`);
//! * [`MarketSelector`]: which markets a setting applies to;
//! * [`SimConfig`]: all of them with the period and the seed.

mod choice;
mod connections;
mod demand;
mod operations;
mod rm;
mod selector;

pub use choice::ChoiceConfig;
pub use connections::{ConnectionRules, Interline, RouteConnection};
pub use demand::{
    Arrivals, CurvePoint, DemandConfig, MarketGroup, RecoveryPoint, RecoverySeries,
    RestrictionCosts, Segment,
};
pub use operations::{DelayConfig, DelayModel, Disruption, OperationsConfig};
pub use rm::{AirlineRm, RmConfig, RmMethod, Untruncation};
pub use selector::MarketSelector;

use crate::time::DateRange;

/// Everything a simulation needs besides the network.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// Departure dates whose demand and flights are measured.
    pub period: DateRange,
    /// Master seed.
    pub seed: u64,
    /// Demand model.
    pub demand: DemandConfig,
    /// Itinerary choice.
    pub choice: ChoiceConfig,
    /// Operations.
    pub operations: OperationsConfig,
    /// Connection rules.
    pub rules: ConnectionRules,
    /// Revenue management.
    pub rm: RmConfig,
}
