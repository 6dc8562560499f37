//! Revenue-management settings (the `[rm]` section of a scenario file): how each airline
//! decides which fare classes to sell.

use serde::{Deserialize, Serialize};

/// An airline's seat-inventory control.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RmMethod {
    /// First come, first served: every class open while seats remain.
    Fcfs,
    /// Leg-based EMSR-b: nested booking limits per leg, re-optimised at each data collection
    /// point from pick-up forecasts of the simulated history.
    Emsrb,
    /// Network (O&D) control: leg bid prices from EMSR-b on displacement-adjusted class values;
    /// an itinerary's fare class sells when its fare covers the bid prices of all its legs.
    Bidprice,
}

impl RmMethod {
    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        match self {
            RmMethod::Fcfs => "fcfs",
            RmMethod::Emsrb => "emsrb",
            RmMethod::Bidprice => "bidprice",
        }
    }
}

/// One airline's method (`[[rm.airlines]]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AirlineRm {
    /// Airline code.
    pub airline: String,
    /// Its method.
    pub method: RmMethod,
}

/// How closed-class observations are untruncated before they enter the forecasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Untruncation {
    /// Bookings as observed.
    None,
    /// A closed class's observation is replaced by its expectation given that demand was at
    /// least what was booked (one expectation-maximisation step under the current forecast).
    Em,
}

/// Revenue-management settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RmConfig {
    /// The method of every airline not listed in `airlines`.
    pub method: RmMethod,
    /// Per-airline methods.
    pub airlines: Vec<AirlineRm>,
    /// Data collection points: days before departure at which forecasts are updated and
    /// controls re-optimised, decreasing, each above 0.
    pub dcps: Vec<u32>,
    /// Days simulated before `start` to build the forecasts' history, excluded from results.
    pub burn_in_days: u32,
    /// Weight of the newest observation in the exponentially smoothed pick-up forecasts.
    pub forecast_alpha: f64,
    /// Observations a flight's forecast needs before its controls are used (first come, first
    /// served until then).
    pub min_history: u32,
    /// Untruncation of closed-class observations.
    pub untruncation: Untruncation,
    /// Sell above the seats by the expected no-shows (capped at `max_overbooking`).
    pub overbooking: bool,
    /// Largest overbooking as a share of the seats (0 to 0.5).
    pub max_overbooking: f64,
}

impl Default for RmConfig {
    fn default() -> Self {
        RmConfig {
            method: RmMethod::Emsrb,
            airlines: Vec::new(),
            // PassengerSim's standard data collection points.
            dcps: vec![63, 56, 49, 42, 35, 31, 28, 24, 21, 17, 14, 10, 7, 5, 3, 1],
            burn_in_days: 0,
            forecast_alpha: 0.15,
            min_history: 4,
            untruncation: Untruncation::Em,
            overbooking: false,
            max_overbooking: 0.1,
        }
    }
}

impl RmConfig {
    /// The method of the airline with code `code`.
    pub fn method_of(&self, code: &str) -> RmMethod {
        self.airlines
            .iter()
            .find(|a| a.airline == code)
            .map_or(self.method, |a| a.method)
    }
}
