//! Fares and costs: what a seat sells for and what a departure costs.

use serde::Serialize;

use super::airline::{AirlineId, FleetId};
use super::airport::AirportId;
use super::basis::Provenance;

/// Fare restrictions, as bit flags: what a passenger gives up by buying a cheaper class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Restrictions(pub u8);

impl Restrictions {
    /// A Saturday-night stay is required (`saturday_stay`).
    pub const SATURDAY_STAY: u8 = 1;
    /// The ticket cannot be refunded (`non_refundable`).
    pub const NON_REFUNDABLE: u8 = 2;
    /// Changes cost a fee (`change_fee`).
    pub const CHANGE_FEE: u8 = 4;

    /// Every restriction with its flag and its name in `fares.csv`.
    pub const ALL: [(u8, &'static str); 3] = [
        (Self::SATURDAY_STAY, "saturday_stay"),
        (Self::NON_REFUNDABLE, "non_refundable"),
        (Self::CHANGE_FEE, "change_fee"),
    ];

    /// Parses `-` (none) or names joined by `;`, e.g. `non_refundable;change_fee`.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::network::Restrictions;
    /// let r = Restrictions::parse("non_refundable;change_fee").unwrap();
    /// assert!(r.has(Restrictions::CHANGE_FEE) && !r.has(Restrictions::SATURDAY_STAY));
    /// assert_eq!(r.to_string(), "non_refundable;change_fee");
    /// assert_eq!(Restrictions::parse("-"), Some(Restrictions(0)));
    /// assert_eq!(Restrictions::parse("refundable"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Restrictions> {
        if s == "-" || s.is_empty() {
            return Some(Restrictions(0));
        }
        let mut bits = 0u8;
        for part in s.split(';') {
            let (flag, _) = Self::ALL.iter().find(|(_, n)| *n == part.trim())?;
            if bits & flag != 0 {
                return None;
            }
            bits |= flag;
        }
        Some(Restrictions(bits))
    }

    /// Whether `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

impl std::fmt::Display for Restrictions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = Self::ALL
            .iter()
            .filter(|(flag, _)| self.has(*flag))
            .map(|(_, n)| *n)
            .collect();
        if names.is_empty() {
            f.write_str("-")
        } else {
            f.write_str(&names.join(";"))
        }
    }
}

/// One fare class of one airline in one O&D market (a `fares.csv` row).
#[derive(Clone, Debug, PartialEq)]
pub struct Fare {
    /// The airline selling it (the first leg's airline on a connection).
    pub airline: AirlineId,
    /// Where the trip starts.
    pub origin: AirportId,
    /// Where the trip ends.
    pub destination: AirportId,
    /// Booking class code, e.g. `Y`.
    pub class: String,
    /// The class's rank in the airline's class order (0 = highest fare), the same in every
    /// market of the airline.
    pub rank: u8,
    /// One-way fare in the network's currency.
    pub fare: f64,
    /// The class is sold only this many days or more before departure.
    pub advance_purchase_days: u16,
    /// Restrictions.
    pub restrictions: Restrictions,
    /// Where the number comes from.
    pub provenance: Provenance,
}

/// What one aircraft type of one airline costs to fly (a `costs.csv` row).
#[derive(Clone, Debug, PartialEq)]
pub struct AircraftCost {
    /// The airline.
    pub airline: AirlineId,
    /// The aircraft type (a `fleet.csv` row of the airline).
    pub aircraft: FleetId,
    /// Cost per block hour (crew, fuel, maintenance, ownership), in the network's currency.
    pub per_block_hour: f64,
    /// Cost per departure (airport and navigation charges, handling).
    pub per_departure: f64,
    /// Cost per boarded passenger (passenger charges, catering, distribution).
    pub per_passenger: f64,
    /// Where the numbers come from.
    pub provenance: Provenance,
}

/// Fares and costs of a network, when it has them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Economics {
    /// Currency of every fare and cost (ISO 4217, e.g. `USD`); `None` without `fares.csv` and
    /// `costs.csv`.
    pub currency: Option<String>,
    /// Fares, in file order (each market's classes highest first).
    pub fares: Vec<Fare>,
    /// Each airline's booking classes, highest fare first (index = [`Fare::rank`]), by
    /// airline id.
    pub classes: Vec<Vec<String>>,
    /// Costs per aircraft type.
    pub costs: Vec<AircraftCost>,
}

impl Economics {
    /// Whether the network has fares.
    pub fn has_fares(&self) -> bool {
        !self.fares.is_empty()
    }

    /// Whether the network has costs.
    pub fn has_costs(&self) -> bool {
        !self.costs.is_empty()
    }

    /// The cost row of an aircraft type.
    pub fn cost(&self, aircraft: FleetId) -> Option<&AircraftCost> {
        self.costs.iter().find(|c| c.aircraft == aircraft)
    }
}
