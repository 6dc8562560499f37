//! Itinerary choice settings (the `[choice]` section of a scenario file): multinomial-logit
//! coefficients.

use serde::{Deserialize, Serialize};

/// Multinomial logit coefficients (utility units per hour or per occurrence).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChoiceConfig {
    /// Per hour of elapsed time (first departure to last arrival); ≤ 0.
    pub elapsed_per_hour: f64,
    /// Per connection (an itinerary with two connections counts it twice); ≤ 0.
    pub per_connection: f64,
    /// Per hour between the preferred and the actual departure time; ≤ 0.
    pub displacement_per_hour: f64,
    /// Per hour squared between the preferred and the actual departure time (a convex schedule
    /// delay cost: small shifts cost little, large ones much); ≤ 0.
    pub displacement_per_hour_squared: f64,
    /// For an itinerary combining two airlines; ≤ 0.
    pub interline: f64,
    /// Utility of not flying at all (the outside option, −1000 to 5): the lower, the more
    /// passengers fly whatever the schedule; below about −745 nobody declines.
    pub no_purchase: f64,
}

impl Default for ChoiceConfig {
    fn default() -> Self {
        ChoiceConfig {
            elapsed_per_hour: -0.40,
            per_connection: -1.00,
            displacement_per_hour: -0.12,
            displacement_per_hour_squared: 0.0,
            interline: -0.50,
            // Estimate: a daily nonstop near the preferred time keeps most passengers; a
            // 12-hour connection loses most of them.
            no_purchase: -4.0,
        }
    }
}
