//! Revenue management: which fare classes an airline sells on each flight.
//!
//! * [`emsrb`] — EMSR-b protection levels and nested booking limits ([`emsrb()`]), the EMSR-b
//!   bid price of a leg ([`emsrb_bid_price`]), and the normal distribution functions they use;
//! * [`forecast`] — pick-up forecasts per flight series, timeframe and class, with
//!   untruncation of closed-class observations.
//!
//! The simulation (`simulation::inventory`) keeps each leg's bookings by class, observes
//! them at every data collection point and re-optimises the airline's controls there.

pub mod emsrb;
pub mod forecast;

pub use emsrb::{
    ClassDemand, Protection, emsrb, emsrb_bid_price, normal_density, normal_quantile, normal_tail,
};
pub use forecast::PickupForecast;
