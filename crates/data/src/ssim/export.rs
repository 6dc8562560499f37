//! Writing a network's schedule as an SSIM Chapter 7 data set (local time mode).
//!
//! The schedule is expanded into dated legs in UTC first. Legs with the same airline and
//! flight number that continue each other ([`Leg::continues_as`]) become one multi-leg flight,
//! whose flight date is the first leg's local departure date. Each leg is written with its
//! local clock times and the UTC/local variations that hold at its departure and arrival
//! instants, and date variations counted from the flight date. Flight dates whose legs look the
//! same (times, variations, date variations, aircraft, and source rows) are compressed into
//! periods and days of operation ([`super::runs::runs`]); each such group is one itinerary
//! variation. A pattern that spans a change of UTC offset (summer time, or Kazakhstan's move
//! from UTC+6 to UTC+5 on 2024-03-01) is therefore split into several leg records.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::record::{
    RECORD_LEN, RecordBuf, carrier, format_date, format_date_variation, format_days, format_hhmm,
    format_variation, header, leg, trailer,
};
use super::runs::runs;
use crate::error::{Error, Result};
use crate::network::{AirportId, FleetId, Leg, Network, NetworkData, PatternId};
use crate::time::{Day, LocalTime, UtcMinute};

/// Settings of an export.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Creation date written in the carrier records; today's UTC date when `None`.
    pub created: Option<Day>,
}

/// Longest multi-leg flight written (leg sequence numbers are two digits).
const MAX_LEGS: usize = 99;

/// How one leg of a flight looks on its flight date.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct LegShape {
    pattern: PatternId,
    origin: AirportId,
    destination: AirportId,
    aircraft: FleetId,
    dep: LocalTime,
    dep_var: i32,
    arr: LocalTime,
    arr_var: i32,
    dep_dv: i32,
    arr_dv: i32,
}

/// One itinerary variation to write: its legs and the flight dates it covers.
struct Variation {
    legs: Vec<LegShape>,
    first: Day,
    last: Day,
    days: crate::time::DaySet,
}

/// Splits one flight number's legs (in departure order) into flights: chains of legs that
/// continue each other, never returning to a station already visited.
fn chains(legs: &[&Leg]) -> Vec<Vec<usize>> {
    let mut claimed = vec![false; legs.len()];
    let mut out = Vec::new();
    for i in 0..legs.len() {
        if claimed[i] {
            continue;
        }
        claimed[i] = true;
        let mut chain = vec![i];
        let mut visited: BTreeSet<AirportId> = [legs[i].origin, legs[i].destination].into();
        loop {
            let last = legs[*chain.last().expect("chain has a leg")];
            let next = (chain[chain.len() - 1] + 1..legs.len())
                .take_while(|&j| legs[j].dep.0 <= last.arr.0 + 24 * 60)
                .find(|&j| {
                    !claimed[j]
                        && last.continues_as(legs[j])
                        && !visited.contains(&legs[j].destination)
                });
            match next {
                Some(j) if chain.len() < MAX_LEGS => {
                    claimed[j] = true;
                    visited.insert(legs[j].destination);
                    chain.push(j);
                }
                _ => break,
            }
        }
        out.push(chain);
    }
    out
}

/// Local clock and variation at an instant.
fn local(data: &NetworkData, at: AirportId, utc: UtcMinute) -> (Day, LocalTime, i32) {
    let zone = &data.airport(at).zone;
    let off = zone.offset_minutes(utc);
    let (day, time) = zone.to_local(utc);
    (day, time, off)
}

/// Writes a network's schedule as an SSIM Chapter 7 file.
///
/// # Arguments
/// * `data`: the network; every pattern is expanded over the schedule's whole span.
/// * `opts`: the creation date to write.
///
/// # Returns
/// The file's text: a header, then per airline (by code) a carrier record, its leg records by
/// flight number, itinerary variation and leg sequence, and a trailer; 200-byte records with
/// serial numbers, padded to blocks of five records with zero lines. Airlines without flights
/// are left out. [`Error::Request`] when the schedule is empty or cannot be written (dates
/// outside 2000–2099, more than 999 itinerary variations of one flight number).
///
/// # Complexity
/// O(L log L) for L dated legs.
///
/// # Example
/// ```
/// use flightnet_data::ssim::export::{ExportOptions, export};
/// let data = flightnet_data::input::load(&flightnet_data::input::NetworkSources::builtin()).unwrap();
/// let text = export(&data, &ExportOptions::default()).unwrap();
/// assert!(text.lines().all(|l| l.len() == 200));
/// assert!(text.starts_with("1AIRLINE STANDARD SCHEDULE DATA SET"));
/// ```
pub fn export(data: &NetworkData, opts: &ExportOptions) -> Result<String> {
    let span = data
        .schedule_span()
        .ok_or_else(|| Error::Request("the schedule has no flights to export".into()))?;
    let net = Network::build(Arc::new(data.clone()), span);
    // Legs by (airline code, flight number), in departure order.
    let mut flights: BTreeMap<(String, u16), Vec<&Leg>> = BTreeMap::new();
    for l in &net.legs {
        flights
            .entry((data.airline(l.airline).code.clone(), l.flight))
            .or_default()
            .push(l);
    }
    let mut variations: BTreeMap<(String, u16), Vec<Variation>> = BTreeMap::new();
    for (key, legs) in &flights {
        let mut by_shape: BTreeMap<Vec<LegShape>, Vec<Day>> = BTreeMap::new();
        for chain in chains(legs) {
            let (flight_date, ..) = local(data, legs[chain[0]].origin, legs[chain[0]].dep);
            let shape = chain
                .iter()
                .map(|&i| {
                    let l = legs[i];
                    let (dd, dep, dep_var) = local(data, l.origin, l.dep);
                    let (ad, arr, arr_var) = local(data, l.destination, l.arr);
                    LegShape {
                        pattern: l.pattern,
                        origin: l.origin,
                        destination: l.destination,
                        aircraft: l.aircraft,
                        dep,
                        dep_var,
                        arr,
                        arr_var,
                        dep_dv: dd.0 - flight_date.0,
                        arr_dv: ad.0 - flight_date.0,
                    }
                })
                .collect();
            by_shape.entry(shape).or_default().push(flight_date);
        }
        let mut vs = Vec::new();
        for (shape, mut dates) in by_shape {
            dates.sort();
            dates.dedup();
            for r in runs(&dates) {
                vs.push(Variation {
                    legs: shape.clone(),
                    first: r.period.first,
                    last: r.period.last,
                    days: r.days,
                });
            }
        }
        vs.sort_by(|a, b| (a.first, &a.legs).cmp(&(b.first, &b.legs)));
        if vs.len() > 999 {
            return Err(Error::Request(format!(
                "{}{} needs {} itinerary variations; SSIM holds at most 999",
                key.0,
                key.1,
                vs.len()
            )));
        }
        variations.insert(key.clone(), vs);
    }
    let created = opts.created.unwrap_or_else(today);
    let mut w = Writer::default();
    w.header();
    let mut airlines: Vec<&str> = variations.keys().map(|k| k.0.as_str()).collect();
    airlines.dedup();
    for code in airlines {
        let mine: Vec<(&(String, u16), &Vec<Variation>)> =
            variations.iter().filter(|(k, _)| k.0 == code).collect();
        let first = mine
            .iter()
            .flat_map(|(_, v)| v.iter().map(|x| x.first))
            .min();
        let last = mine
            .iter()
            .flat_map(|(_, v)| v.iter().map(|x| x.last))
            .max();
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let mut rec = RecordBuf::new(b'2');
        rec.left(carrier::TIME_MODE, "L")
            .left(carrier::AIRLINE, code)
            .left(carrier::VALID_FROM, &date(first)?)
            .left(carrier::VALID_TO, &date(last)?)
            .left(carrier::CREATED, &date(created)?)
            .left(carrier::TITLE, "FLIGHTNET SCHEDULE EXPORT")
            .left(carrier::STATUS, "C")
            .left(carrier::CREATOR, "flightnet");
        w.record(rec);
        w.fill_block();
        for ((_, flight), vs) in mine {
            for (k, v) in vs.iter().enumerate() {
                for (seq, shape) in v.legs.iter().enumerate() {
                    w.record(leg_record(data, code, *flight, k + 1, seq + 1, v, shape)?);
                }
            }
        }
        w.fill_block();
        let mut t = RecordBuf::new(b'5');
        t.left(trailer::AIRLINE, code)
            .left(trailer::SERIAL_CHECK, &format!("{:06}", w.serial))
            .left(trailer::END_CODE, "C");
        w.record(t);
    }
    // The last trailer ends the data set.
    if let Some(i) = w.last_trailer {
        w.lines[i].replace_range(trailer::END_CODE.first - 1..trailer::END_CODE.last, "E");
    }
    w.fill_block();
    let mut text = w.lines.join("\n");
    text.push('\n');
    Ok(text)
}

/// One leg record.
fn leg_record(
    data: &NetworkData,
    code: &str,
    flight: u16,
    ivi: usize,
    seq: usize,
    v: &Variation,
    s: &LegShape,
) -> Result<RecordBuf> {
    let (o, d) = (data.airport(s.origin), data.airport(s.destination));
    let ac = data.aircraft(s.aircraft);
    let status = if o.country == d.country { "DD" } else { "II" };
    let dv = |n: i32| {
        format_date_variation(n).ok_or_else(|| {
            Error::Request(format!(
                "{code}{flight} {}-{}: a date variation of {n} days cannot be written in SSIM",
                o.iata, d.iata
            ))
        })
    };
    let date_var: String = [dv(s.dep_dv)?, dv(s.arr_dv)?].iter().collect();
    let mut r = RecordBuf::new(b'3');
    r.left(leg::AIRLINE, code)
        .right(leg::FLIGHT, &flight.to_string())
        .left(leg::IVI, &format!("{:02}", ivi % 100))
        .left(leg::LEG_SEQ, &format!("{seq:02}"))
        .left(leg::SERVICE, "J")
        .left(leg::FROM, &date(v.first)?)
        .left(leg::TO, &date(v.last)?)
        .left(leg::DAYS, &format_days(v.days))
        .left(leg::DEP_STATION, &o.iata)
        .left(leg::PAX_STD, &format_hhmm(s.dep))
        .left(leg::STD, &format_hhmm(s.dep))
        .left(leg::DEP_VAR, &format_variation(s.dep_var))
        .left(leg::ARR_STATION, &d.iata)
        .left(leg::STA, &format_hhmm(s.arr))
        .left(leg::PAX_STA, &format_hhmm(s.arr))
        .left(leg::ARR_VAR, &format_variation(s.arr_var))
        .left(
            leg::DEP_TERMINAL,
            data.patterns[s.pattern.0 as usize].dep_terminal.as_str(),
        )
        .left(
            leg::ARR_TERMINAL,
            data.patterns[s.pattern.0 as usize].arr_terminal.as_str(),
        )
        .left(leg::AIRCRAFT, &ac.iata_type)
        .left(leg::MCT_STATUS, status)
        .left(leg::CONFIG, &format!("Y{}", ac.seats))
        .left(leg::DATE_VAR, &date_var);
    if ivi >= 100 {
        r.left(leg::IVI_OVERFLOW, &(ivi / 100).to_string());
    }
    Ok(r)
}

fn date(d: Day) -> Result<String> {
    format_date(d).ok_or_else(|| {
        Error::Request(format!(
            "{d} cannot be written in SSIM, whose dates hold years 2000-2099 only"
        ))
    })
}

/// Today's date in UTC.
fn today() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    UtcMinute((secs / 60) as i64).day()
}

/// Collects records, numbering them and padding blocks.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    serial: u32,
    last_trailer: Option<usize>,
}

impl Writer {
    fn header(&mut self) {
        let mut r = RecordBuf::new(b'1');
        r.left(header::TITLE, header::TITLE_TEXT)
            .left(header::SEASONS, "1")
            .left(header::DATA_SET_SERIAL, "001");
        self.record(r);
        self.fill_block();
    }

    fn record(&mut self, mut r: RecordBuf) {
        self.serial = if self.serial == 999_999 {
            1
        } else {
            self.serial + 1
        };
        r.serial(self.serial);
        if r.as_str().starts_with('5') {
            self.last_trailer = Some(self.lines.len());
        }
        self.lines.push(r.as_str().to_string());
    }

    /// Pads with zero lines to a multiple of five records.
    fn fill_block(&mut self) {
        while !self.lines.len().is_multiple_of(5) {
            self.lines.push("0".repeat(RECORD_LEN));
        }
    }
}
