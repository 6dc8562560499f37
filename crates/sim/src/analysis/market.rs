//! Weekly frequencies between two countries, by carrier and airport pair.

use std::collections::BTreeMap;

use serde::Serialize;

use flightnet_data::network::Network;
use flightnet_data::time::Day;

/// Service between two airports by one carrier in one week.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct PairService {
    /// Airport in the first country.
    pub a: String,
    /// Airport in the second country.
    pub b: String,
    /// Flights from `a` to `b`.
    pub a_to_b: u32,
    /// Flights from `b` to `a`.
    pub b_to_a: u32,
    /// Weekly frequency in round trips: `(a_to_b + b_to_a) / 2`.
    pub round_trips: f64,
}

/// One carrier's service between the two countries.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CarrierService {
    /// Airline designator.
    pub airline: String,
    /// Weekly round trips over all its pairs.
    pub round_trips: f64,
    /// Seats per week, both directions.
    pub weekly_seats: u64,
    /// The airport pairs it serves.
    pub pairs: Vec<PairService>,
}

/// Weekly service between two countries.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct CountryPairService {
    /// First country (ISO code).
    pub country_a: String,
    /// Second country (ISO code).
    pub country_b: String,
    /// Weekly round trips, all carriers.
    pub round_trips: f64,
    /// Per carrier, by designator.
    pub carriers: Vec<CarrierService>,
}

/// Counts the legs between airports of `country_a` and `country_b` departing in the week that
/// starts at `start`, by carrier and airport pair. A multi-leg flight counts on each leg that
/// crosses the border (e.g. XIY–NQZ), not on its domestic legs.
///
/// # Complexity
/// O(L) over the network's legs.
pub fn country_pair(
    net: &Network,
    start: Day,
    country_a: &str,
    country_b: &str,
) -> CountryPairService {
    let data = net.data();
    // airline -> (seats, (a, b) -> (a_to_b, b_to_a))
    type Pairs = BTreeMap<(String, String), (u32, u32)>;
    let mut acc: BTreeMap<String, (u64, Pairs)> = BTreeMap::new();
    for l in super::week_legs(net, start) {
        let leg = net.leg(l);
        let (o, d) = (data.airport(leg.origin), data.airport(leg.destination));
        let forward = o.country == country_a && d.country == country_b;
        let backward = o.country == country_b && d.country == country_a;
        if !forward && !backward {
            continue;
        }
        let key = if forward {
            (o.iata.clone(), d.iata.clone())
        } else {
            (d.iata.clone(), o.iata.clone())
        };
        let carrier = acc
            .entry(data.airline(leg.airline).code.clone())
            .or_default();
        carrier.0 += leg.seats as u64;
        let e = carrier.1.entry(key).or_default();
        if forward {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    let carriers: Vec<CarrierService> = acc
        .into_iter()
        .map(|(airline, (weekly_seats, pairs))| {
            let pairs: Vec<PairService> = pairs
                .into_iter()
                .map(|((a, b), (ab, ba))| PairService {
                    a,
                    b,
                    a_to_b: ab,
                    b_to_a: ba,
                    round_trips: (ab + ba) as f64 / 2.0,
                })
                .collect();
            CarrierService {
                airline,
                // A fold from +0.0: an empty float `sum` is -0.0, printed as "-0".
                round_trips: pairs.iter().fold(0.0, |t, p| t + p.round_trips),
                weekly_seats,
                pairs,
            }
        })
        .collect();
    CountryPairService {
        country_a: country_a.to_string(),
        country_b: country_b.to_string(),
        round_trips: carriers.iter().fold(0.0, |t, c| t + c.round_trips),
        carriers,
    }
}
