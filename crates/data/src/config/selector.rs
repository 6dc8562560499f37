//! Market selectors: which O&D markets a setting applies to.

use crate::network::{AirportId, NetworkData};

/// A parsed market selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarketSelector {
    /// Every market.
    All,
    /// Markets between two countries, either direction.
    Countries(String, String),
    /// Domestic markets of one country.
    Domestic(String),
    /// International markets touching one country (`CN-*`).
    International(String),
    /// One airport pair, either direction.
    Airports(String, String),
}

impl MarketSelector {
    /// Parses `*`, `KZ` (domestic), `CN-*` (international to or from CN), `KZ-CN` or `ALA-PEK`.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::config::MarketSelector;
    /// assert_eq!(MarketSelector::parse("KZ-CN"), Some(MarketSelector::Countries("KZ".into(), "CN".into())));
    /// assert_eq!(MarketSelector::parse("ALA-PEK"), Some(MarketSelector::Airports("ALA".into(), "PEK".into())));
    /// assert_eq!(MarketSelector::parse("CN-*"), Some(MarketSelector::International("CN".into())));
    /// assert_eq!(MarketSelector::parse("kz"), None);
    /// ```
    pub fn parse(s: &str) -> Option<MarketSelector> {
        let up = |x: &str, n: usize| x.len() == n && x.bytes().all(|c| c.is_ascii_uppercase());
        if s == "*" {
            return Some(MarketSelector::All);
        }
        if up(s, 2) {
            return Some(MarketSelector::Domestic(s.to_string()));
        }
        let (a, b) = s.split_once('-')?;
        if up(a, 2) && b == "*" {
            return Some(MarketSelector::International(a.into()));
        }
        if up(a, 2) && up(b, 2) {
            Some(MarketSelector::Countries(a.into(), b.into()))
        } else if up(a, 3) && up(b, 3) {
            Some(MarketSelector::Airports(a.into(), b.into()))
        } else {
            None
        }
    }

    /// Whether the market `o → d` is selected.
    pub fn matches(&self, data: &NetworkData, o: AirportId, d: AirportId) -> bool {
        let (ao, ad) = (data.airport(o), data.airport(d));
        match self {
            MarketSelector::All => true,
            MarketSelector::Countries(a, b) => {
                (ao.country == *a && ad.country == *b) || (ao.country == *b && ad.country == *a)
            }
            MarketSelector::Domestic(c) => ao.country == *c && ad.country == *c,
            MarketSelector::International(c) => {
                ao.country != ad.country && (ao.country == *c || ad.country == *c)
            }
            MarketSelector::Airports(a, b) => {
                (ao.iata == *a && ad.iata == *b) || (ao.iata == *b && ad.iata == *a)
            }
        }
    }
}
