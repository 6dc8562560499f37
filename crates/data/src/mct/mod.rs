//! Minimum connecting times as IATA SSIM Chapter 8 files them: station standards, carrier
//! exceptions and suppressions, and the lookup that applies the most specific matching record.
//!
//! * [`MctRecord`]: one Chapter 8 MCT record (type 2), every criterion optional;
//! * [`MctTable`]: the records of a network, indexed by station, with [`MctTable::lookup`];
//! * [`csv`]: `routes/mct.csv`, one record per row (read and write);
//! * [`chapter8`]: the Chapter 8 fixed-width data set (`--mct FILE`, read and write).
//!
//! # Which record applies (Chapter 8 §8.6, §8.10)
//! Only records whose status matches and whose every filled criterion matches the connection
//! are candidates. **Exceptions** (a record with an arrival, departure or codeshare-operating
//! carrier, and every suppression) win over **station standards** (no carrier), which win over
//! the defaults. Within a tier, the record whose filled criteria rank highest wins, compared
//! column by column in Chapter 8's order of priority ([`PRIORITY`]: departure codeshare
//! indicator, departure carrier, departure codeshare operating carrier, arrival codeshare
//! indicator, arrival carrier, …, departure station, arrival station, suppression state,
//! country, region): the most applicable column that only one of two records fills decides
//! between them (a lexicographic comparison, not a count). Ties go to the narrower departure
//! flight range, then the narrower arrival range, then the record read later.
//!
//! A winning suppression (`Y`) means the connection is not built at all.
//!
//! # What flightnet cannot match
//! flightnet has no codeshare flights, so records with a codeshare indicator `Y` never match;
//! connections are at one airport, so inter-station records (departure station ≠ arrival
//! station) never match; there is no IATA state or region table, so records with a state or
//! region criterion never match (each such record is a warning when loaded). Aircraft body
//! (`W`/`N`) comes from the IATA aircraft type ([`body_of`]).
//!
//! # How the network's MCTs combine
//! For a connection, `ConnectionRules` (in [`crate::config`]) takes the winning exception;
//! else the scenario's `[[connections.mct]]` override for the airport; else the winning
//! station standard of this table; else the airport's `airports.csv` values (the IATA global
//! defaults for airports filled in from the world table).

pub mod chapter8;
pub mod csv;

use std::collections::BTreeMap;

use crate::error::Diagnostic;
use crate::network::{Provenance, Status};
use crate::time::Day;

/// Aircraft body class, as MCT records use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Body {
    /// Wide body (`W`).
    Wide,
    /// Narrow body (`N`).
    Narrow,
}

impl Body {
    /// `W` or `N`.
    pub fn code(self) -> char {
        match self {
            Body::Wide => 'W',
            Body::Narrow => 'N',
        }
    }

    /// Parses `W` or `N`.
    pub fn parse(s: &str) -> Option<Body> {
        match s {
            "W" => Some(Body::Wide),
            "N" => Some(Body::Narrow),
            _ => None,
        }
    }
}

/// The body class of an IATA aircraft type code, for MCT records filed by body: wide for the
/// twin-aisle families (A300/A310 `30x`/`31x`, A330 `33x`, A340 `34x`, A350 `35x`, A380
/// `38x`, Boeing 747 `74x`, 767 `76x`, 777 `77x`, 787 `78x`, MD-11 `M1x`, Il-96 `I9x`), narrow
/// otherwise. SSIM Chapter 7 does not carry the body; this rule is flightnet's.
///
/// # Example
/// ```
/// use flightnet_data::mct::{Body, body_of};
/// assert_eq!(body_of("789"), Body::Wide);
/// assert_eq!(body_of("32Q"), Body::Narrow);
/// ```
pub fn body_of(aircraft: &str) -> Body {
    let b = aircraft.as_bytes();
    let wide = matches!(
        b,
        [b'3', b'0' | b'1' | b'3' | b'4' | b'5' | b'8', ..]
            | [b'7', b'4' | b'6' | b'7' | b'8', ..]
            | [b'M', b'1', ..]
            | [b'I', b'9', ..]
    );
    if wide { Body::Wide } else { Body::Narrow }
}

/// One side (arriving or departing) of an MCT record's carrier and flight criteria.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Side {
    /// Carrier (the marketing carrier of the flight).
    pub carrier: Option<String>,
    /// Codeshare indicator: the record applies to codeshare flights only.
    pub codeshare: bool,
    /// Codeshare operating carrier.
    pub op_carrier: Option<String>,
    /// Flight number range (inclusive).
    pub flights: Option<(u16, u16)>,
    /// IATA aircraft type.
    pub aircraft: Option<String>,
    /// Aircraft body.
    pub body: Option<Body>,
    /// Terminal.
    pub terminal: Option<String>,
}

/// The geography on one side: where the passenger comes from (previous) or goes to (next).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// Station (IATA airport code).
    pub station: Option<String>,
    /// IATA state code (needs the country).
    pub state: Option<String>,
    /// ISO country code.
    pub country: Option<String>,
    /// IATA region code (e.g. `EUR`, `SCH`).
    pub region: Option<String>,
}

/// One Chapter 8 MCT record (type 2): a station standard, an exception or a suppression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MctRecord {
    /// Arrival station; `None` only for a global suppression.
    pub arr_station: Option<String>,
    /// Departure station; the arrival station for a connection at one airport.
    pub dep_station: Option<String>,
    /// Arriving and departing status (`DD`, `DI`, `ID`, `II`).
    pub status: (Status, Status),
    /// The minimum connecting time; `None` for a suppression.
    pub minutes: Option<u16>,
    /// A suppression: the connection is not built.
    pub suppress: bool,
    /// The arriving flight's criteria.
    pub arr: Side,
    /// The departing flight's criteria.
    pub dep: Side,
    /// Where the arriving flight comes from.
    pub prev: Place,
    /// Where the departing flight goes.
    pub next: Place,
    /// First date it applies (local date of the departing flight at the connecting airport).
    pub valid_from: Option<Day>,
    /// Last date it applies.
    pub valid_to: Option<Day>,
    /// Geographic scope of a suppression.
    pub supp: Place,
    /// The carrier that filed it.
    pub submitter: Option<String>,
    /// When it was filed.
    pub filed: Option<Day>,
    /// How it is known and where it comes from.
    pub provenance: Provenance,
    /// Where it was read (`file:line`), for messages.
    pub origin_ref: String,
}

/// Chapter 8's order of priority (§8.6), most applicable first; the bit of priority `k`
/// (1-based) in [`MctRecord::specificity`] is `31 − k`.
pub const PRIORITY: [&str; 31] = [
    "departure codeshare indicator",
    "departure carrier",
    "departure codeshare operating carrier",
    "arrival codeshare indicator",
    "arrival carrier",
    "arrival codeshare operating carrier",
    "departure flight number range start",
    "departure flight number range end",
    "arrival flight number range start",
    "arrival flight number range end",
    "departure terminal",
    "arrival terminal",
    "next station",
    "previous station",
    "next state",
    "previous state",
    "next country",
    "previous country",
    "next region",
    "previous region",
    "departure aircraft type",
    "arrival aircraft type",
    "departure aircraft body",
    "arrival aircraft body",
    "effective from date",
    "effective to date",
    "departure station",
    "arrival station",
    "suppression state",
    "suppression country",
    "suppression region",
];

/// What the table says about a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The minimum connecting time in minutes.
    Minutes(u16),
    /// The connection is suppressed: not built.
    Suppressed,
}

impl Outcome {
    /// The minutes, or `None` for a suppression.
    pub fn minutes(self) -> Option<u16> {
        match self {
            Outcome::Minutes(m) => Some(m),
            Outcome::Suppressed => None,
        }
    }
}

impl MctRecord {
    /// An exception (any carrier criterion) or a suppression: the first tier.
    pub fn is_exception(&self) -> bool {
        self.suppress
            || self.arr.carrier.is_some()
            || self.dep.carrier.is_some()
            || self.arr.op_carrier.is_some()
            || self.dep.op_carrier.is_some()
    }

    /// The filled criteria as a bit set in Chapter 8's order of priority ([`PRIORITY`]):
    /// comparing two records' numbers compares them column by column.
    pub fn specificity(&self) -> u32 {
        let filled = [
            self.dep.codeshare,
            self.dep.carrier.is_some(),
            self.dep.op_carrier.is_some(),
            self.arr.codeshare,
            self.arr.carrier.is_some(),
            self.arr.op_carrier.is_some(),
            self.dep.flights.is_some(),
            self.dep.flights.is_some(),
            self.arr.flights.is_some(),
            self.arr.flights.is_some(),
            self.dep.terminal.is_some(),
            self.arr.terminal.is_some(),
            self.next.station.is_some(),
            self.prev.station.is_some(),
            self.next.state.is_some(),
            self.prev.state.is_some(),
            self.next.country.is_some(),
            self.prev.country.is_some(),
            self.next.region.is_some(),
            self.prev.region.is_some(),
            self.dep.aircraft.is_some(),
            self.arr.aircraft.is_some(),
            self.dep.body.is_some(),
            self.arr.body.is_some(),
            self.valid_from.is_some(),
            self.valid_to.is_some(),
            self.dep_station.is_some(),
            self.arr_station.is_some(),
            self.supp.state.is_some(),
            self.supp.country.is_some(),
            self.supp.region.is_some(),
        ];
        filled
            .iter()
            .enumerate()
            .fold(0, |acc, (k, &f)| if f { acc | 1 << (30 - k) } else { acc })
    }

    /// Whether flightnet can ever match the record (see the module notes): no codeshare
    /// indicator, one airport, no state or region criterion.
    pub fn matchable(&self) -> bool {
        !self.arr.codeshare
            && !self.dep.codeshare
            && self.arr.op_carrier.is_none()
            && self.dep.op_carrier.is_none()
            && (self.arr_station.is_none()
                || self.dep_station.is_none()
                || self.arr_station == self.dep_station)
            && [&self.prev, &self.next, &self.supp]
                .iter()
                .all(|p| p.state.is_none() && p.region.is_none())
    }

    /// Whether the record needs more than the route to decide (flight numbers, terminals,
    /// aircraft, dates).
    pub fn leg_level(&self) -> bool {
        [&self.arr, &self.dep].iter().any(|s| {
            s.flights.is_some() || s.aircraft.is_some() || s.body.is_some() || s.terminal.is_some()
        }) || self.valid_from.is_some()
            || self.valid_to.is_some()
    }

    /// The width of a flight range (a missing range is the widest).
    fn range_width(r: Option<(u16, u16)>) -> u32 {
        r.map_or(u32::MAX, |(a, b)| (b - a) as u32)
    }

    /// The status as written, e.g. `ID`.
    pub fn status_code(&self) -> String {
        format!("{}{}", self.status.0.code(), self.status.1.code())
    }
}

/// A connection as the MCT lookup sees it: an arriving and a departing leg at one station.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    /// The connecting airport.
    pub station: &'a str,
    /// Its country.
    pub country: &'a str,
    /// Arriving and departing status.
    pub status: (Status, Status),
    /// Arriving carrier, flight number, aircraft type, terminal (`""` when unknown).
    pub arr: Leg<'a>,
    /// Departing carrier, flight number, aircraft type, terminal.
    pub dep: Leg<'a>,
    /// Where the arriving leg comes from: station and country.
    pub prev: (&'a str, &'a str),
    /// Where the departing leg goes: station and country.
    pub next: (&'a str, &'a str),
    /// Local date of the departing leg at the connecting airport (`None`: any date, for a
    /// route-level question).
    pub date: Option<Day>,
}

/// One leg of a [`Query`]; `None` fields are unknown (a route-level question).
#[derive(Clone, Copy, Debug)]
pub struct Leg<'a> {
    /// Carrier.
    pub carrier: &'a str,
    /// Flight number.
    pub flight: Option<u16>,
    /// IATA aircraft type.
    pub aircraft: Option<&'a str>,
    /// Terminal (empty when not given).
    pub terminal: Option<&'a str>,
}

fn eq(want: &Option<String>, got: &str) -> bool {
    want.as_deref().is_none_or(|w| w == got)
}

fn side_matches(s: &Side, l: &Leg<'_>) -> bool {
    eq(&s.carrier, l.carrier)
        && s.flights
            .is_none_or(|(a, b)| l.flight.is_some_and(|f| (a..=b).contains(&f)))
        && s.aircraft
            .as_deref()
            .is_none_or(|w| l.aircraft.is_some_and(|a| a == w))
        && s.body
            .is_none_or(|w| l.aircraft.is_some_and(|a| body_of(a) == w))
        && s.terminal
            .as_deref()
            .is_none_or(|w| l.terminal.is_some_and(|t| t == w))
}

/// Whether a record matches on the criteria a route decides (carriers, stations, countries,
/// status), leaving out flight numbers, terminals, aircraft and dates.
fn route_matches(r: &MctRecord, q: &Query<'_>) -> bool {
    r.matchable()
        && r.status == q.status
        && eq(&r.arr_station, q.station)
        && eq(&r.dep_station, q.station)
        && eq(&r.arr.carrier, q.arr.carrier)
        && eq(&r.dep.carrier, q.dep.carrier)
        && eq(&r.prev.station, q.prev.0)
        && eq(&r.prev.country, q.prev.1)
        && eq(&r.next.station, q.next.0)
        && eq(&r.next.country, q.next.1)
        && eq(&r.supp.country, q.country)
}

fn matches(r: &MctRecord, q: &Query<'_>) -> bool {
    route_matches(r, q)
        && side_matches(&r.arr, &q.arr)
        && side_matches(&r.dep, &q.dep)
        && r.valid_from.is_none_or(|f| q.date.is_some_and(|d| d >= f))
        && r.valid_to.is_none_or(|t| q.date.is_some_and(|d| d <= t))
}

/// The query for a connection from pattern `inbound` to pattern `outbound` (at the first's
/// arrival airport), departing on local date `date` (`None` for any date).
pub fn pattern_query<'a>(
    data: &'a crate::network::NetworkData,
    inbound: &'a crate::network::FlightPattern,
    outbound: &'a crate::network::FlightPattern,
    date: Option<Day>,
) -> Query<'a> {
    let hub = data.airport(inbound.destination);
    let (prev, next) = (
        data.airport(inbound.origin),
        data.airport(outbound.destination),
    );
    let leg = |p: &'a crate::network::FlightPattern, t: &'a crate::network::Terminal| Leg {
        carrier: &data.airline(p.airline).code,
        flight: Some(p.flight),
        aircraft: Some(&data.aircraft(p.aircraft).iata_type),
        terminal: Some(t.as_str()),
    };
    Query {
        station: &hub.iata,
        country: &hub.country,
        status: (
            data.status(inbound.destination, inbound.origin),
            data.status(inbound.destination, outbound.destination),
        ),
        arr: leg(inbound, &inbound.arr_terminal),
        dep: leg(outbound, &outbound.dep_terminal),
        prev: (&prev.iata, &prev.country),
        next: (&next.iata, &next.country),
        date,
    }
}

/// The route-level query for connections from airline `a1`'s route `o → hub` to airline
/// `a2`'s route `hub → d` (no flight numbers, aircraft, terminals or date).
pub fn route_query(
    data: &crate::network::NetworkData,
    (a1, o): (crate::network::AirlineId, crate::network::AirportId),
    hub: crate::network::AirportId,
    (a2, d): (crate::network::AirlineId, crate::network::AirportId),
) -> Query<'_> {
    let h = data.airport(hub);
    let (prev, next) = (data.airport(o), data.airport(d));
    let leg = |a| Leg {
        carrier: &data.airline(a).code,
        flight: None,
        aircraft: None,
        terminal: None,
    };
    Query {
        station: &h.iata,
        country: &h.country,
        status: (data.status(hub, o), data.status(hub, d)),
        arr: leg(a1),
        dep: leg(a2),
        prev: (&prev.iata, &prev.country),
        next: (&next.iata, &next.country),
        date: None,
    }
}

/// The MCT records of a network, indexed by connecting station.
#[derive(Clone, Debug, Default)]
pub struct MctTable {
    /// Every record, in the order read.
    pub records: Vec<MctRecord>,
    /// Per station: the indices of the records that may apply there (the station's own and
    /// the global ones), best first.
    by_station: BTreeMap<String, Vec<u32>>,
    /// The records without an arrival station (global suppressions), best first.
    global: Vec<u32>,
}

/// How a route's connections at a hub get their MCT ([`MctTable::route`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteMct {
    /// No record can apply: the standard applies.
    Standard,
    /// The same record applies to every leg pair of the route pair.
    Fixed(Outcome),
    /// It depends on the legs (flight numbers, terminals, aircraft or dates).
    PerLeg,
}

impl MctTable {
    /// The table of `records` (kept in this order; later records win ties).
    pub fn new(records: Vec<MctRecord>) -> MctTable {
        let mut t = MctTable {
            records,
            ..MctTable::default()
        };
        let order = |a: &u32, b: &u32, recs: &[MctRecord]| {
            let (x, y) = (&recs[*a as usize], &recs[*b as usize]);
            y.is_exception()
                .cmp(&x.is_exception())
                .then(y.specificity().cmp(&x.specificity()))
                .then(
                    MctRecord::range_width(x.dep.flights)
                        .cmp(&MctRecord::range_width(y.dep.flights)),
                )
                .then(
                    MctRecord::range_width(x.arr.flights)
                        .cmp(&MctRecord::range_width(y.arr.flights)),
                )
                .then(b.cmp(a))
        };
        for (i, r) in t.records.iter().enumerate() {
            match &r.arr_station {
                Some(s) => t.by_station.entry(s.clone()).or_default().push(i as u32),
                None => t.global.push(i as u32),
            }
        }
        let global = t.global.clone();
        for v in t.by_station.values_mut() {
            v.extend(&global);
            v.sort_by(|a, b| order(a, b, &t.records));
        }
        t.global.sort_by(|a, b| order(a, b, &t.records));
        t
    }

    /// Whether the table has no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn candidates(&self, station: &str) -> &[u32] {
        self.by_station
            .get(station)
            .map_or(self.global.as_slice(), Vec::as_slice)
    }

    /// The winning record for a connection, exceptions first: `(exception, standard)` — the
    /// best matching exception, and the best matching station standard.
    ///
    /// # Complexity
    /// O(k) for k records at the station (they are kept best first).
    pub fn lookup(&self, q: &Query<'_>) -> (Option<&MctRecord>, Option<&MctRecord>) {
        let mut exception = None;
        for &i in self.candidates(q.station) {
            let r = &self.records[i as usize];
            if !matches(r, q) {
                continue;
            }
            if r.is_exception() {
                if exception.is_none() {
                    exception = Some(r);
                }
            } else {
                return (exception, Some(r));
            }
        }
        (exception, None)
    }

    /// The table's answer for a connection: the winning exception's, else (when `standards`)
    /// the winning station standard's, else `None` (the airport's standard applies).
    pub fn resolve(&self, q: &Query<'_>, standards: bool) -> Option<Outcome> {
        if self.records.is_empty() {
            return None;
        }
        let (exception, standard) = self.lookup(q);
        let r = exception.or(if standards { standard } else { None })?;
        Some(match r.minutes {
            Some(m) if !r.suppress => Outcome::Minutes(m),
            _ => Outcome::Suppressed,
        })
    }

    /// What the table says about every leg pair of a route pair (`q` without flight numbers,
    /// aircraft, terminals and date): nothing, one outcome, or "it depends on the legs".
    /// `standards` says whether the table's station standards count (they do not when a
    /// scenario overrides the airport's MCTs).
    pub fn route(&self, q: &Query<'_>, standards: bool) -> RouteMct {
        for &i in self.candidates(q.station) {
            let r = &self.records[i as usize];
            if !route_matches(r, q) || (!standards && !r.is_exception()) {
                continue;
            }
            if r.leg_level() {
                return RouteMct::PerLeg;
            }
            // The best record that needs nothing more than the route decides for every leg
            // pair (records above it in the order were leg-level and returned already).
            return match (r.suppress, r.minutes) {
                (true, _) | (false, None) => RouteMct::Fixed(Outcome::Suppressed),
                (false, Some(m)) => RouteMct::Fixed(Outcome::Minutes(m)),
            };
        }
        RouteMct::Standard
    }

    /// Load-time checks: records flightnet can never match and duplicates (same status, same
    /// criteria, intersecting flight ranges and dates: the later one wins), as warnings.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let at = |r: &MctRecord, expected: String| {
            let (file, line) = r
                .origin_ref
                .rsplit_once(':')
                .map_or((r.origin_ref.as_str(), 0), |(f, l)| {
                    (f, l.parse().unwrap_or(0))
                });
            Diagnostic::line(
                file,
                line,
                &format!(
                    "{} {}",
                    r.arr_station.as_deref().unwrap_or("(global)"),
                    r.status_code()
                ),
                expected,
            )
        };
        for r in &self.records {
            if !r.matchable() {
                out.push(at(
                    r,
                    "an MCT record flightnet can apply; this one is kept but never matches (codeshare criteria, another departure station, or a state or region criterion: flightnet has no codeshare flights, connects at one airport and has no IATA state or region table)".into(),
                ));
            }
        }
        let key = |r: &MctRecord| {
            let mut k = r.clone();
            k.minutes = None;
            k.arr.flights = None;
            k.dep.flights = None;
            k.valid_from = None;
            k.valid_to = None;
            k.submitter = None;
            k.filed = None;
            k.provenance = Provenance {
                basis: None,
                source: String::new(),
            };
            k.origin_ref = String::new();
            format!("{k:?}")
        };
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, r) in self.records.iter().enumerate() {
            groups.entry(key(r)).or_default().push(i);
        }
        let overlap = |a: Option<(u16, u16)>, b: Option<(u16, u16)>| match (a, b) {
            (Some((a0, a1)), Some((b0, b1))) => {
                a0 <= b1 && b0 <= a1 && !(a0 >= b0 && a1 <= b1) && !(b0 >= a0 && b1 <= a1)
                    || (a0, a1) == (b0, b1)
            }
            (None, None) => true,
            _ => false,
        };
        for ids in groups.values() {
            for (k, &j) in ids.iter().enumerate().skip(1) {
                let b = &self.records[j];
                if let Some(&i) = ids[..k].iter().find(|&&i| {
                    let a = &self.records[i];
                    overlap(a.arr.flights, b.arr.flights)
                        && overlap(a.dep.flights, b.dep.flights)
                        && a.valid_from
                            .max(b.valid_from)
                            .zip(a.valid_to.min(b.valid_to))
                            .is_none_or(|(f, t)| f <= t)
                }) {
                    out.push(at(
                        b,
                        format!(
                            "an MCT record that no earlier one duplicates; {} has the same criteria (Chapter 8 §8.10.10), and the later one wins",
                            self.records[i].origin_ref
                        ),
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Status::{Domestic as D, International as I};

    fn rec(f: impl FnOnce(&mut MctRecord)) -> MctRecord {
        let mut r = MctRecord {
            arr_station: Some("MAD".into()),
            dep_station: Some("MAD".into()),
            status: (I, D),
            minutes: Some(60),
            suppress: false,
            arr: Side::default(),
            dep: Side::default(),
            prev: Place::default(),
            next: Place::default(),
            valid_from: None,
            valid_to: None,
            supp: Place::default(),
            submitter: None,
            filed: None,
            provenance: Provenance {
                basis: None,
                source: String::new(),
            },
            origin_ref: "t:1".into(),
        };
        f(&mut r);
        r
    }

    fn query(
        arr_carrier: &'static str,
        arr_flight: u16,
        dep_carrier: &'static str,
    ) -> Query<'static> {
        Query {
            station: "MAD",
            country: "ES",
            status: (I, D),
            arr: Leg {
                carrier: arr_carrier,
                flight: Some(arr_flight),
                aircraft: Some("77W"),
                terminal: None,
            },
            dep: Leg {
                carrier: dep_carrier,
                flight: Some(723),
                aircraft: Some("320"),
                terminal: None,
            },
            prev: ("DFW", "US"),
            next: ("BCN", "ES"),
            date: Day::parse("2018-09-05"),
        }
    }

    /// Chapter 8's worked example at MAD: AA→IB 1:35, any→IB 1:40, AA 0001–2759 → any 1:30.
    #[test]
    fn departure_carrier_outranks_arrival_carrier_and_flight_range() {
        let aa_ib = rec(|r| {
            r.minutes = Some(95);
            r.arr.carrier = Some("AA".into());
            r.dep.carrier = Some("IB".into());
        });
        let any_ib = rec(|r| {
            r.minutes = Some(100);
            r.dep.carrier = Some("IB".into());
        });
        let aa_range = rec(|r| {
            r.minutes = Some(90);
            r.arr.carrier = Some("AA".into());
            r.arr.flights = Some((1, 2759));
        });
        let standard = rec(|r| r.minutes = Some(45));
        let t = MctTable::new(vec![
            standard.clone(),
            aa_range.clone(),
            any_ib.clone(),
            aa_ib.clone(),
        ]);
        let q = query("AA", 1532, "IB");
        assert_eq!(t.lookup(&q).0.unwrap().minutes, Some(95));
        assert_eq!(t.lookup(&q).1.unwrap().minutes, Some(45));
        let t = MctTable::new(vec![standard.clone(), aa_range.clone(), any_ib]);
        assert_eq!(t.lookup(&q).0.unwrap().minutes, Some(100));
        let t = MctTable::new(vec![standard, aa_range]);
        assert_eq!(t.lookup(&q).0.unwrap().minutes, Some(90));
        assert_eq!(t.lookup(&query("AA", 3000, "IB")).0, None);
        assert_eq!(t.route(&q, true), RouteMct::PerLeg);
    }

    #[test]
    fn narrower_ranges_and_later_records_win_ties() {
        let wide = rec(|r| {
            r.minutes = Some(80);
            r.arr.carrier = Some("AA".into());
            r.arr.flights = Some((1, 2000));
        });
        let narrow = rec(|r| {
            r.minutes = Some(70);
            r.arr.carrier = Some("AA".into());
            r.arr.flights = Some((1500, 1600));
        });
        let t = MctTable::new(vec![narrow.clone(), wide.clone()]);
        assert_eq!(
            t.lookup(&query("AA", 1532, "IB")).0.unwrap().minutes,
            Some(70)
        );
        let again = rec(|r| {
            r.minutes = Some(75);
            r.arr.carrier = Some("AA".into());
            r.arr.flights = Some((1500, 1600));
            r.origin_ref = "t:9".into();
        });
        let t = MctTable::new(vec![narrow, wide, again]);
        assert_eq!(
            t.lookup(&query("AA", 1532, "IB")).0.unwrap().minutes,
            Some(75)
        );
        assert_eq!(t.warnings().len(), 1, "{:?}", t.warnings());
    }

    #[test]
    fn suppressions_codeshares_and_route_level_answers() {
        let supp = rec(|r| {
            r.minutes = None;
            r.suppress = true;
            r.dep.carrier = Some("IB".into());
            r.prev.country = Some("US".into());
        });
        let t = MctTable::new(vec![supp]);
        let q = query("AA", 1532, "IB");
        assert!(t.lookup(&q).0.unwrap().suppress);
        assert_eq!(t.route(&q, true), RouteMct::Fixed(Outcome::Suppressed));
        assert_eq!(t.route(&query("AA", 1, "UX"), true), RouteMct::Standard);
        let cs = rec(|r| {
            r.dep.carrier = Some("IB".into());
            r.dep.codeshare = true;
        });
        let t = MctTable::new(vec![cs]);
        assert_eq!(t.lookup(&q).0, None);
        assert_eq!(t.warnings().len(), 1);
    }

    #[test]
    fn specificity_follows_the_priority_order() {
        let dep = rec(|r| r.dep.carrier = Some("IB".into())).specificity();
        let arr_and_range = rec(|r| {
            r.arr.carrier = Some("AA".into());
            r.arr.flights = Some((1, 9));
            r.next.station = Some("BCN".into());
        })
        .specificity();
        assert!(dep > arr_and_range);
        assert_eq!(PRIORITY.len(), 31);
    }
}
