//! The SSIM Chapter 7 record layout: 200-byte records, their fields by byte position, and the
//! parsing and formatting of each field type.
//!
//! One table of [`Field`]s serves both directions: the reader slices a record with it and names
//! the bytes in diagnostics, the writer ([`RecordBuf`]) places values with it. Positions are
//! 1-based and inclusive, as the SSIM manual (and the project notes in
//! `/work/shared/reference/ssim-and-mct.md`) write them.

use std::fmt;

use crate::time::{Day, DaySet, LocalTime};

/// Length of every SSIM record, in bytes.
pub const RECORD_LEN: usize = 200;

/// One field of a record: a name for messages and its byte positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// What the field holds, in words (e.g. `days of operation`).
    pub name: &'static str,
    /// First byte, 1-based.
    pub first: usize,
    /// Last byte, 1-based, inclusive.
    pub last: usize,
}

impl Field {
    const fn new(name: &'static str, first: usize, last: usize) -> Field {
        Field { name, first, last }
    }

    /// Width in bytes.
    pub const fn len(&self) -> usize {
        self.last - self.first + 1
    }

    /// Always false: every field holds at least one byte.
    pub const fn is_empty(&self) -> bool {
        false
    }

    /// The field's bytes in a record (empty when the record is too short).
    pub fn get<'a>(&self, record: &'a str) -> &'a str {
        record.get(self.first - 1..self.last).unwrap_or("")
    }

    /// The column label used in diagnostics, e.g. `days of operation (bytes 29-35)`.
    pub fn label(&self) -> String {
        if self.first == self.last {
            format!("{} (byte {})", self.name, self.first)
        } else {
            format!("{} (bytes {}-{})", self.name, self.first, self.last)
        }
    }
}

/// The record type (byte 1) shared by every record.
pub const RECORD_TYPE: Field = Field::new("record type", 1, 1);
/// Record serial number (bytes 195–200), shared by every record.
pub const SERIAL: Field = Field::new("record serial number", 195, 200);

/// Type 1 (header) fields.
pub mod header {
    use super::Field;
    /// `AIRLINE STANDARD SCHEDULE DATA SET`.
    pub const TITLE: Field = Field::new("title of contents", 2, 35);
    /// The title every header holds.
    pub const TITLE_TEXT: &str = "AIRLINE STANDARD SCHEDULE DATA SET";
    /// Number of seasons.
    pub const SEASONS: Field = Field::new("number of seasons", 41, 41);
    /// Data set serial number.
    pub const DATA_SET_SERIAL: Field = Field::new("data set serial number", 192, 194);
}

/// Type 2 (carrier) fields.
pub mod carrier {
    use super::Field;
    /// `U` (UTC) or `L` (local).
    pub const TIME_MODE: Field = Field::new("time mode", 2, 2);
    /// Airline designator.
    pub const AIRLINE: Field = Field::new("airline designator", 3, 5);
    /// Season, e.g. `W22`.
    pub const SEASON: Field = Field::new("season", 11, 13);
    /// Period of schedule validity, from.
    pub const VALID_FROM: Field = Field::new("validity from", 15, 21);
    /// Period of schedule validity, to.
    pub const VALID_TO: Field = Field::new("validity to", 22, 28);
    /// Creation date.
    pub const CREATED: Field = Field::new("creation date", 29, 35);
    /// Title of data.
    pub const TITLE: Field = Field::new("title of data", 36, 64);
    /// Schedule status (`P` or `C`).
    pub const STATUS: Field = Field::new("schedule status", 72, 72);
    /// Creator reference.
    pub const CREATOR: Field = Field::new("creator reference", 73, 107);
}

/// Type 3 (flight leg) fields.
pub mod leg {
    use super::Field;
    /// Operational suffix.
    pub const SUFFIX: Field = Field::new("operational suffix", 2, 2);
    /// Airline designator.
    pub const AIRLINE: Field = Field::new("airline designator", 3, 5);
    /// Flight number.
    pub const FLIGHT: Field = Field::new("flight number", 6, 9);
    /// Itinerary variation identifier.
    pub const IVI: Field = Field::new("itinerary variation identifier", 10, 11);
    /// Leg sequence number.
    pub const LEG_SEQ: Field = Field::new("leg sequence number", 12, 13);
    /// Service type.
    pub const SERVICE: Field = Field::new("service type", 14, 14);
    /// Period of operation, from.
    pub const FROM: Field = Field::new("period of operation from", 15, 21);
    /// Period of operation, to.
    pub const TO: Field = Field::new("period of operation to", 22, 28);
    /// Days of operation.
    pub const DAYS: Field = Field::new("days of operation", 29, 35);
    /// Frequency rate.
    pub const FREQUENCY: Field = Field::new("frequency rate", 36, 36);
    /// Departure station.
    pub const DEP_STATION: Field = Field::new("departure station", 37, 39);
    /// Passenger STD.
    pub const PAX_STD: Field = Field::new("passenger STD", 40, 43);
    /// Aircraft STD.
    pub const STD: Field = Field::new("aircraft STD", 44, 47);
    /// UTC/local time variation at departure.
    pub const DEP_VAR: Field = Field::new("departure UTC/local time variation", 48, 52);
    /// Departure terminal.
    pub const DEP_TERMINAL: Field = Field::new("departure terminal", 53, 54);
    /// Arrival station.
    pub const ARR_STATION: Field = Field::new("arrival station", 55, 57);
    /// Aircraft STA.
    pub const STA: Field = Field::new("aircraft STA", 58, 61);
    /// Passenger STA.
    pub const PAX_STA: Field = Field::new("passenger STA", 62, 65);
    /// UTC/local time variation at arrival.
    pub const ARR_VAR: Field = Field::new("arrival UTC/local time variation", 66, 70);
    /// Arrival terminal.
    pub const ARR_TERMINAL: Field = Field::new("arrival terminal", 71, 72);
    /// Aircraft type (IATA 3-character code).
    pub const AIRCRAFT: Field = Field::new("aircraft type", 73, 75);
    /// Passenger reservations booking designator.
    pub const PRBD: Field = Field::new("PRBD", 76, 95);
    /// MCT international/domestic status (departure, arrival).
    pub const MCT_STATUS: Field = Field::new("international/domestic status", 120, 121);
    /// Itinerary variation identifier overflow.
    pub const IVI_OVERFLOW: Field = Field::new("itinerary variation identifier overflow", 128, 128);
    /// Onward flight: airline designator.
    pub const ONWARD_AIRLINE: Field = Field::new("onward airline designator", 138, 140);
    /// Onward flight: flight number.
    pub const ONWARD_FLIGHT: Field = Field::new("onward flight number", 141, 144);
    /// Onward flight: aircraft rotation layover (days).
    pub const ONWARD_LAYOVER: Field = Field::new("aircraft rotation layover", 145, 145);
    /// Onward flight: operational suffix.
    pub const ONWARD_SUFFIX: Field = Field::new("onward operational suffix", 146, 146);
    /// Aircraft configuration/version.
    pub const CONFIG: Field = Field::new("aircraft configuration/version", 173, 192);
    /// Date variation of the departure and of the arrival.
    pub const DATE_VAR: Field = Field::new("date variation", 193, 194);
}

/// Type 4 (segment data) fields.
pub mod segment {
    use super::Field;
    /// The flight key, same bytes as in the type 3 record it follows.
    pub const FLIGHT_KEY: Field = Field::new("flight key", 2, 14);
    /// Data element identifier (three digits).
    pub const DEI: Field = Field::new("data element identifier", 31, 33);
    /// The data element.
    pub const DATA: Field = Field::new("data", 40, 194);
    /// DEI 108: the aircraft configuration/version when the leg's bytes 173–192 hold `XX`.
    pub const DEI_CONFIG: &str = "108";
}

/// Type 5 (trailer) fields.
pub mod trailer {
    use super::Field;
    /// Airline designator.
    pub const AIRLINE: Field = Field::new("airline designator", 3, 5);
    /// Release date.
    pub const RELEASE: Field = Field::new("release date", 6, 12);
    /// Serial number check reference (the previous record's serial number).
    pub const SERIAL_CHECK: Field = Field::new("serial number check reference", 188, 193);
    /// Continuation/end code.
    pub const END_CODE: Field = Field::new("continuation/end code", 194, 194);
}

/// A field that does not hold what it should.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field.
    pub field: Field,
    /// The bytes found.
    pub value: String,
    /// What was expected, in words.
    pub expected: String,
}

impl FieldError {
    /// The field's value in `record` did not parse.
    pub fn new(field: Field, record: &str, expected: impl Into<String>) -> FieldError {
        FieldError {
            field,
            value: field.get(record).to_string(),
            expected: expected.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: found {:?}, expected {}",
            self.field.label(),
            self.value,
            self.expected
        )
    }
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// What a date field may hold in words.
pub const DATE_EXPECTED: &str = "a date DDMMMYY such as 01JUN22 (years 2000-2099)";

/// Parses a `DDMMMYY` date (years are 2000–2099).
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::{format_date, parse_date};
/// use flightnet_data::time::Day;
/// let d = parse_date("29FEB24").unwrap();
/// assert_eq!(d, Day::parse("2024-02-29").unwrap());
/// assert_eq!(format_date(d).unwrap(), "29FEB24");
/// assert_eq!(parse_date("29FEB23"), None);
/// assert_eq!(parse_date("01Jan23"), None);
/// ```
pub fn parse_date(s: &str) -> Option<Day> {
    let b = s.as_bytes();
    if b.len() != 7 || !b[..2].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
        return None;
    }
    let day = (b[0] - b'0') as u32 * 10 + (b[1] - b'0') as u32;
    let month = MONTHS.iter().position(|m| m.as_bytes() == &b[2..5])? as u32 + 1;
    let year = 2000 + (b[5] - b'0') as i32 * 10 + (b[6] - b'0') as i32;
    Day::from_ymd(year, month, day)
}

/// Formats a date as `DDMMMYY`; `None` outside 2000–2099, which the format cannot hold.
pub fn format_date(day: Day) -> Option<String> {
    let (y, m, d) = day.ymd();
    (2000..2100)
        .contains(&y)
        .then(|| format!("{d:02}{}{:02}", MONTHS[m as usize - 1], y - 2000))
}

/// The `to` date that means "until further notice" (the carrier's validity end applies).
pub const OPEN_DATE: &str = "00XXX00";

/// Parses a `HHMM` clock time from 0000 to 2359.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::parse_hhmm;
/// assert_eq!(parse_hhmm("0135").map(|t| t.0), Some(95));
/// assert_eq!(parse_hhmm("2400"), None);
/// ```
pub fn parse_hhmm(s: &str) -> Option<LocalTime> {
    let b = s.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let h = (b[0] - b'0') as u16 * 10 + (b[1] - b'0') as u16;
    let m = (b[2] - b'0') as u16 * 10 + (b[3] - b'0') as u16;
    (h < 24 && m < 60).then_some(LocalTime(h * 60 + m))
}

/// Formats a clock time as `HHMM`.
pub fn format_hhmm(t: LocalTime) -> String {
    format!("{:02}{:02}", t.hour(), t.minute())
}

/// Parses a UTC/local time variation `±HHMM` into minutes (−14:00 to +14:00).
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::{format_variation, parse_variation};
/// assert_eq!(parse_variation("+0600"), Some(360));
/// assert_eq!(parse_variation("-0330"), Some(-210));
/// assert_eq!(parse_variation("0600"), None);
/// assert_eq!(format_variation(-210), "-0330");
/// ```
pub fn parse_variation(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    if b.len() != 5 || !b[1..].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let h = (b[1] - b'0') as i32 * 10 + (b[2] - b'0') as i32;
    let m = (b[3] - b'0') as i32 * 10 + (b[4] - b'0') as i32;
    (m < 60 && h * 60 + m <= 14 * 60).then_some(sign * (h * 60 + m))
}

/// Formats minutes east of UTC as `±HHMM`.
pub fn format_variation(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// Formats days of operation the SSIM way: digit n at position n, blank when not operated.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::format_days;
/// use flightnet_data::time::DaySet;
/// assert_eq!(format_days(DaySet::parse("1.3.5..").unwrap()), "1 3 5  ");
/// ```
pub fn format_days(days: DaySet) -> String {
    (1..=7u8)
        .map(|wd| {
            if days.contains(wd) {
                (b'0' + wd) as char
            } else {
                ' '
            }
        })
        .collect()
}

/// Parses one date-variation character: `0`–`9` days later, `A` one day earlier.
pub fn parse_date_variation(c: u8) -> Option<i32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as i32),
        b'A' => Some(-1),
        _ => None,
    }
}

/// Formats a date variation; `None` outside −1..=9.
pub fn format_date_variation(days: i32) -> Option<char> {
    match days {
        -1 => Some('A'),
        0..=9 => Some((b'0' + days as u8) as char),
        _ => None,
    }
}

/// An aircraft configuration/version (ACV, type 3 bytes 173–192) as SSIM Chapter 2 writes it:
/// passenger compartment codes in order, each optionally followed by a seat count (1–4
/// digits, leading zeros allowed), then cargo codes (`LL` containers, `PP` pallets) each
/// optionally followed by a capacity, then optionally `VV` and the carrier's aircraft version
/// reference, a free label that is not a seat count (`Y118VV118`, `W18Y97VV097`,
/// `Y189VV738H`). `XX` alone means the configuration is in DEI 108 on a segment record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The configuration as written (trailing blanks removed).
    pub text: String,
    /// Passenger compartments and their seat counts, in order.
    pub cabins: Vec<(u8, Option<u32>)>,
    /// Cargo codes (`LL`, `PP`) and their capacities.
    pub cargo: Vec<(&'static str, Option<u32>)>,
    /// The aircraft version reference after `VV`, when given.
    pub version: Option<String>,
    /// `XX`: the configuration is in DEI 108.
    pub overflow: bool,
}

impl Config {
    /// The total passenger seats: the sum of the compartments' counts, when every compartment
    /// has one (`None` for `FY`, `C16Y`, a cargo-only or an overflowed configuration).
    pub fn seats(&self) -> Option<u32> {
        if self.cabins.is_empty() {
            return None;
        }
        self.cabins.iter().map(|c| c.1).sum()
    }

    /// Whether the configuration has no passenger compartment at all (`PP`, `LLPP10`,
    /// `VVCGO`): a freighter.
    pub fn cargo_only(&self) -> bool {
        !self.overflow && self.cabins.is_empty()
    }
}

/// What an aircraft configuration may hold, in words.
pub const CONFIG_EXPECTED: &str = "an aircraft configuration: compartment letters each optionally followed by a seat count of up to 4 digits, such as C16Y150, then optionally LL/PP cargo codes and VV with a version reference (Y118VV118), or XX, or blanks";

/// Parses an aircraft configuration/version (see [`Config`]).
///
/// # Returns
/// `None` when the text does not follow the grammar.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::parse_config;
/// let c = parse_config("J14W34Y316VV364").unwrap();
/// assert_eq!((c.seats(), c.version.as_deref()), (Some(364), Some("364")));
/// assert_eq!(parse_config("W18Y97VV097").unwrap().seats(), Some(115));
/// assert_eq!(parse_config("Y0158PP04").unwrap().seats(), Some(158));
/// assert_eq!(parse_config("FY").unwrap().seats(), None);
/// assert!(parse_config("VVCGO").unwrap().cargo_only());
/// assert!(parse_config("XX").unwrap().overflow);
/// assert_eq!(parse_config("Y12345"), None);
/// assert_eq!(parse_config("16"), None);
/// ```
pub fn parse_config(s: &str) -> Option<Config> {
    let text = s.trim_end();
    let b = text.as_bytes();
    let mut c = Config {
        text: text.to_string(),
        cabins: Vec::new(),
        cargo: Vec::new(),
        version: None,
        overflow: false,
    };
    if b.is_empty() {
        return None;
    }
    if text == "XX" {
        c.overflow = true;
        return Some(c);
    }
    let count = |i: &mut usize| -> Option<Option<u32>> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        match *i - start {
            0 => Some(None),
            1..=4 => Some(Some(text[start..*i].parse().ok()?)),
            _ => None,
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"VV") {
            let v = &text[i + 2..];
            if v.is_empty() || !v.bytes().all(|x| x.is_ascii_alphanumeric()) {
                return None;
            }
            c.version = Some(v.to_string());
            break;
        }
        if rest.starts_with(b"LL") || rest.starts_with(b"PP") {
            let code = if rest[0] == b'L' { "LL" } else { "PP" };
            i += 2;
            c.cargo.push((code, count(&mut i)?));
            continue;
        }
        if !b[i].is_ascii_uppercase() || !c.cargo.is_empty() {
            return None;
        }
        let code = b[i];
        i += 1;
        c.cabins.push((code, count(&mut i)?));
    }
    Some(c)
}

/// Parses an aircraft configuration such as `C16Y150` into its total seats (166).
///
/// # Returns
/// `None` when the text is not a configuration ([`parse_config`]) or does not give a seat
/// count for every compartment.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::config_seats;
/// assert_eq!(config_seats("C16Y150"), Some(166));
/// assert_eq!(config_seats("Y180"), Some(180));
/// assert_eq!(config_seats("Y118VV118"), Some(118));
/// assert_eq!(config_seats("C16Y"), None);
/// assert_eq!(config_seats("16"), None);
/// ```
pub fn config_seats(s: &str) -> Option<u32> {
    parse_config(s)?.seats()
}

/// The seats a passenger reservations booking designator (PRBD, bytes 76–95) gives: the sum of
/// its counts when every group of booking classes has one (`F008C038BQV145` = 191, `Y158` =
/// 158); `None` for classes without counts (`JWY`), an overflow (`XX`) or anything else.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::prbd_seats;
/// assert_eq!(prbd_seats("F008C038BQV145"), Some(191));
/// assert_eq!(prbd_seats("JWY"), None);
/// assert_eq!(prbd_seats("Y158"), Some(158));
/// ```
pub fn prbd_seats(s: &str) -> Option<u32> {
    let t = s.trim_end();
    let b = t.as_bytes();
    if b.is_empty() || t == "XX" {
        return None;
    }
    let (mut i, mut total) = (0, 0u32);
    while i < b.len() {
        let letters = i;
        while i < b.len() && b[i].is_ascii_uppercase() {
            i += 1;
        }
        let digits = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == letters || digits == letters || i == digits || i - digits > 3 {
            return None;
        }
        total += t[digits..i].parse::<u32>().ok()?;
    }
    Some(total)
}

/// How a carrier's leg records give their dates and times (type 2, byte 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeMode {
    /// `U`: periods, days and times are UTC.
    Utc,
    /// `L`: periods, days and times are local at each station.
    Local,
}

/// A parsed type 2 record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CarrierRecord {
    /// Time mode.
    pub time_mode: TimeMode,
    /// Airline designator (trimmed).
    pub airline: String,
    /// First day of validity (`None` when it does not parse).
    pub valid_from: Option<Day>,
    /// Last day of validity; `None` for `00XXX00` (until further notice) or when it does not
    /// parse.
    pub valid_to: Option<Day>,
}

/// An onward flight (type 3, bytes 138–146): the flight the aircraft flies next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Onward {
    /// Airline designator (trimmed).
    pub airline: String,
    /// Flight number.
    pub flight: u16,
    /// Aircraft rotation layover: days between this leg's arrival date and the onward
    /// departure date (blank reads as 0).
    pub layover: u8,
}

/// A parsed type 3 record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegRecord {
    /// Operational suffix (blank when none).
    pub suffix: u8,
    /// Airline designator (trimmed).
    pub airline: String,
    /// Flight number.
    pub flight: u16,
    /// Itinerary variation identifier, with the overflow digit as hundreds.
    pub ivi: u16,
    /// Leg sequence number.
    pub leg_seq: u8,
    /// Period of operation, from (a flight date: the first leg's departure date).
    pub from: Day,
    /// Period of operation, to; `None` for `00XXX00`.
    pub to: Option<Day>,
    /// Days of operation (of the flight date).
    pub days: DaySet,
    /// 1 = every week, 2 = every other week from the week of `from`.
    pub frequency: u8,
    /// Departure station.
    pub dep_station: String,
    /// Aircraft STD.
    pub std: LocalTime,
    /// UTC/local time variation at departure, minutes east of UTC.
    pub dep_var: i32,
    /// Arrival station.
    pub arr_station: String,
    /// Aircraft STA.
    pub sta: LocalTime,
    /// UTC/local time variation at arrival, minutes east of UTC.
    pub arr_var: i32,
    /// IATA aircraft type.
    pub aircraft: String,
    /// Service type (byte 14), e.g. `J` scheduled passenger, `F` cargo, `P` positioning.
    pub service: u8,
    /// Departure terminal (bytes 53–54, trimmed; empty when blank).
    pub dep_terminal: String,
    /// Arrival terminal (bytes 71–72, trimmed; empty when blank).
    pub arr_terminal: String,
    /// Aircraft configuration/version, when given.
    pub config: Option<Config>,
    /// The seats the PRBD gives, when it has counts ([`prbd_seats`]).
    pub prbd_seats: Option<u32>,
    /// International/domestic status at departure and arrival (`D`/`I`), when given.
    pub status: [Option<u8>; 2],
    /// The onward flight, when given.
    pub onward: Option<Onward>,
    /// Departure date minus the flight date, in days.
    pub dep_dv: i32,
    /// Arrival date minus the flight date, in days.
    pub arr_dv: i32,
    /// Whether the departure and the arrival date variation bytes (193, 194) were blank (read
    /// as 0; the importer may infer a blank arrival variation from the UTC times).
    pub dv_blank: [bool; 2],
}

impl LegRecord {
    /// The seats the record gives: the configuration's total, else the PRBD's.
    pub fn seats(&self) -> Option<u32> {
        self.config
            .as_ref()
            .and_then(Config::seats)
            .or(self.prbd_seats)
    }
}

/// The codes of a leg record that parse on their own, for checking a record that failed to
/// parse against the network tables all the same (so one kind of problem never hides another).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LegCodes {
    /// Airline designator.
    pub airline: Option<String>,
    /// Departure station.
    pub dep_station: Option<String>,
    /// Arrival station.
    pub arr_station: Option<String>,
}

/// The codes of a leg record that parse ([`LegCodes`]).
pub fn leg_codes(record: &str) -> LegCodes {
    LegCodes {
        airline: airline_code(leg::AIRLINE.get(record)),
        dep_station: station(leg::DEP_STATION.get(record)),
        arr_station: station(leg::ARR_STATION.get(record)),
    }
}

/// A parsed type 5 record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailerRecord {
    /// Airline designator (trimmed).
    pub airline: String,
    /// Serial number check reference.
    pub serial_check: u32,
}

fn airline_code(s: &str) -> Option<String> {
    let t = s.trim_end();
    ((2..=3).contains(&t.len())
        && t.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    .then(|| t.to_string())
}

fn flight_number(s: &str) -> Option<u16> {
    let t = s.trim_start();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<u16>().ok().filter(|n| (1..=9999).contains(n))
}

fn two_digits(s: &str) -> Option<u16> {
    (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
}

fn station(s: &str) -> Option<String> {
    (s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())).then(|| s.to_string())
}

/// Collects field problems while parsing one record.
struct Fields<'a> {
    record: &'a str,
    errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    fn get<T>(
        &mut self,
        f: Field,
        expected: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let v = parse(f.get(self.record));
        if v.is_none() {
            self.errors.push(FieldError::new(f, self.record, expected));
        }
        v
    }

    /// A date field that may be `00XXX00` (until further notice): `Some(None)`.
    fn end_date(&mut self, f: Field) -> Option<Option<Day>> {
        if f.get(self.record) == OPEN_DATE {
            return Some(None);
        }
        self.get(f, &format!("{DATE_EXPECTED}, or {OPEN_DATE}"), parse_date)
            .map(Some)
    }
}

/// Parses the serial number (bytes 195–200).
pub fn parse_serial(record: &str) -> Result<u32, FieldError> {
    let s = SERIAL.get(record);
    (s.len() == 6 && s.bytes().all(|c| c.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
        .ok_or_else(|| FieldError::new(SERIAL, record, "six digits from 000001 to 999999"))
}

/// Checks a type 1 record's title.
pub fn parse_header(record: &str) -> Result<(), Vec<FieldError>> {
    if header::TITLE.get(record) == header::TITLE_TEXT {
        Ok(())
    } else {
        Err(vec![FieldError::new(
            header::TITLE,
            record,
            format!("{:?}", header::TITLE_TEXT),
        )])
    }
}

/// Parses a type 2 record.
///
/// # Returns
/// The record and the problems that do not stop it from being used (a validity date that
/// does not parse: such a carrier cannot close an open period `00XXX00`), or every problem
/// when the time mode or the airline does not parse.
pub fn parse_carrier(record: &str) -> Result<(CarrierRecord, Vec<FieldError>), Vec<FieldError>> {
    let mut p = Fields {
        record,
        errors: Vec::new(),
    };
    let time_mode = p.get(
        carrier::TIME_MODE,
        "U (UTC) or L (local time)",
        |s| match s {
            "U" => Some(TimeMode::Utc),
            "L" => Some(TimeMode::Local),
            _ => None,
        },
    );
    let airline = p.get(
        carrier::AIRLINE,
        "an airline designator such as \"KC \"",
        airline_code,
    );
    let fatal = std::mem::take(&mut p.errors);
    let valid_from = p.get(carrier::VALID_FROM, DATE_EXPECTED, parse_date);
    let valid_to = p.end_date(carrier::VALID_TO).flatten();
    match (time_mode, airline) {
        (Some(time_mode), Some(airline)) if fatal.is_empty() => Ok((
            CarrierRecord {
                time_mode,
                airline,
                valid_from,
                valid_to,
            },
            p.errors,
        )),
        _ => Err(fatal.into_iter().chain(p.errors).collect()),
    }
}

/// Parses a type 3 record; every field is checked and every problem returned.
///
/// # Example
/// ```
/// use flightnet_data::ssim::record::{parse_leg, RecordBuf, leg};
/// let mut r = RecordBuf::new(b'3');
/// r.left(leg::AIRLINE, "KC").right(leg::FLIGHT, "267").left(leg::IVI, "01")
///     .left(leg::LEG_SEQ, "01").left(leg::SERVICE, "J").left(leg::FROM, "22NOV22")
///     .left(leg::TO, "28FEB23").left(leg::DAYS, " 2     ").left(leg::DEP_STATION, "ALA")
///     .left(leg::STD, "0135").left(leg::DEP_VAR, "+0600").left(leg::ARR_STATION, "PEK")
///     .left(leg::STA, "0830").left(leg::ARR_VAR, "+0800").left(leg::AIRCRAFT, "32Q")
///     .left(leg::CONFIG, "C16Y150").left(leg::DATE_VAR, "00").serial(3);
/// let l = parse_leg(r.as_str()).unwrap();
/// assert_eq!((l.flight, l.dep_var, l.seats()), (267, 360, Some(166)));
/// ```
pub fn parse_leg(record: &str) -> Result<LegRecord, Vec<FieldError>> {
    let mut p = Fields {
        record,
        errors: Vec::new(),
    };
    let suffix = p.get(leg::SUFFIX, "a letter or a blank", |s| {
        let c = s.as_bytes().first().copied()?;
        (c == b' ' || c.is_ascii_uppercase()).then_some(c)
    });
    let airline = p.get(
        leg::AIRLINE,
        "an airline designator such as \"KC \"",
        airline_code,
    );
    let flight = p.get(
        leg::FLIGHT,
        "a flight number from 1 to 9999, right-justified",
        flight_number,
    );
    let overflow = p.get(leg::IVI_OVERFLOW, "a digit or a blank", |s| {
        match s.as_bytes() {
            [b' '] => Some(0u16),
            [d] if d.is_ascii_digit() => Some((d - b'0') as u16),
            _ => None,
        }
    });
    let ivi = p.get(leg::IVI, "two digits from 01 to 99", |s| {
        (s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    });
    let ivi = match (ivi, overflow) {
        (Some(i), Some(o)) if i + o * 100 > 0 => Some(i + o * 100),
        (Some(_), Some(_)) => {
            p.errors.push(FieldError::new(
                leg::IVI,
                record,
                "two digits from 01 to 99",
            ));
            None
        }
        _ => None,
    };
    let leg_seq = p.get(leg::LEG_SEQ, "two digits from 01 to 99", two_digits);
    let service = p.get(leg::SERVICE, "a service type letter such as J", |s| {
        let c = *s.as_bytes().first()?;
        c.is_ascii_uppercase().then_some(c)
    });
    let from = p.get(leg::FROM, DATE_EXPECTED, parse_date);
    let to = p.end_date(leg::TO);
    if let (Some(f), Some(Some(t))) = (from, to)
        && t < f
    {
        p.errors.push(FieldError::new(
            leg::TO,
            record,
            format!("a date on or after the period's first day ({f})"),
        ));
    }
    let days = p.get(
        leg::DAYS,
        "digit n at position n for each weekday operated (1 = Monday) and blanks, e.g. \"1 3 5  \"",
        DaySet::parse,
    );
    let frequency = p.get(
        leg::FREQUENCY,
        "a blank or 1 (weekly) or 2 (fortnightly)",
        |s| match s {
            " " | "1" => Some(1u8),
            "2" => Some(2),
            _ => None,
        },
    );
    let station_expected = "a 3-letter IATA airport code";
    let dep_station = p.get(leg::DEP_STATION, station_expected, station);
    let std = p.get(leg::STD, "a time HHMM from 0000 to 2359", parse_hhmm);
    let var_expected = "a UTC/local time variation \u{b1}HHMM such as +0600";
    let dep_var = p.get(leg::DEP_VAR, var_expected, parse_variation);
    let arr_station = p.get(leg::ARR_STATION, station_expected, station);
    let sta = p.get(leg::STA, "a time HHMM from 0000 to 2359", parse_hhmm);
    let arr_var = p.get(leg::ARR_VAR, var_expected, parse_variation);
    let aircraft = p.get(
        leg::AIRCRAFT,
        "a 3-character IATA aircraft type such as 32Q",
        |s| {
            (s.len() == 3
                && s.bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
            .then(|| s.to_string())
        },
    );
    let config = p.get(leg::CONFIG, CONFIG_EXPECTED, |s| {
        if s.trim_end().is_empty() {
            Some(None)
        } else {
            parse_config(s).map(Some)
        }
    });
    let prbd = prbd_seats(leg::PRBD.get(record));
    let terminal = |f: Field| f.get(record).trim().to_string();
    let status = p.get(
        leg::MCT_STATUS,
        "D or I (or a blank) for departure and arrival",
        |s| {
            let mut out = [None; 2];
            if s.len() != 2 {
                return None;
            }
            for (i, c) in s.bytes().enumerate() {
                out[i] = match c {
                    b'D' | b'I' => Some(c),
                    b' ' => None,
                    _ => return None,
                };
            }
            Some(out)
        },
    );
    let onward = parse_onward(&mut p);
    let dv = p.get(
        leg::DATE_VAR,
        "two date variations (departure, arrival), each 0-9 or A for the day before",
        |s| {
            let b = s.as_bytes();
            let one = |c: u8| {
                if c == b' ' {
                    Some((0, true))
                } else {
                    parse_date_variation(c).map(|d| (d, false))
                }
            };
            Some((one(*b.first()?)?, one(*b.get(1)?)?))
        },
    );
    if !p.errors.is_empty() {
        return Err(p.errors);
    }
    match (
        (suffix, service),
        airline,
        flight,
        ivi,
        leg_seq,
        from,
        to,
        days,
        frequency,
        dep_station,
        std,
        dep_var,
        arr_station,
        sta,
        arr_var,
        aircraft,
        config,
        status,
        onward,
        dv,
    ) {
        (
            (Some(suffix), Some(service)),
            Some(airline),
            Some(flight),
            Some(ivi),
            Some(leg_seq),
            Some(from),
            Some(to),
            Some(days),
            Some(frequency),
            Some(dep_station),
            Some(std),
            Some(dep_var),
            Some(arr_station),
            Some(sta),
            Some(arr_var),
            Some(aircraft),
            Some(config),
            Some(status),
            Some(onward),
            Some(((dep_dv, dep_blank), (arr_dv, arr_blank))),
        ) => Ok(LegRecord {
            suffix,
            airline,
            flight,
            ivi,
            leg_seq: leg_seq as u8,
            from,
            to,
            days,
            frequency,
            dep_station,
            std,
            dep_var,
            arr_station,
            sta,
            arr_var,
            aircraft,
            service,
            dep_terminal: terminal(leg::DEP_TERMINAL),
            arr_terminal: terminal(leg::ARR_TERMINAL),
            config,
            prbd_seats: prbd,
            status,
            onward,
            dep_dv,
            arr_dv,
            dv_blank: [dep_blank, arr_blank],
        }),
        _ => Err(p.errors),
    }
}

/// The onward-flight fields: all blank (none), or an airline and a flight number.
fn parse_onward(p: &mut Fields<'_>) -> Option<Option<Onward>> {
    let r = p.record;
    if [
        leg::ONWARD_AIRLINE,
        leg::ONWARD_FLIGHT,
        leg::ONWARD_LAYOVER,
        leg::ONWARD_SUFFIX,
    ]
    .iter()
    .all(|f| f.get(r).trim().is_empty())
    {
        return Some(None);
    }
    let airline = p.get(
        leg::ONWARD_AIRLINE,
        "an airline designator such as \"KC \" (or all onward-flight bytes blank)",
        airline_code,
    );
    let flight = p.get(
        leg::ONWARD_FLIGHT,
        "a flight number from 1 to 9999 (or all onward-flight bytes blank)",
        flight_number,
    );
    let layover = p.get(leg::ONWARD_LAYOVER, "a digit or a blank", |s| {
        match s.as_bytes() {
            [b' '] => Some(0u8),
            [d] if d.is_ascii_digit() => Some(d - b'0'),
            _ => None,
        }
    });
    Some(Some(Onward {
        airline: airline?,
        flight: flight?,
        layover: layover?,
    }))
}

/// Parses a type 5 record.
pub fn parse_trailer(record: &str) -> Result<TrailerRecord, Vec<FieldError>> {
    let mut p = Fields {
        record,
        errors: Vec::new(),
    };
    let airline = p.get(
        trailer::AIRLINE,
        "an airline designator such as \"KC \"",
        airline_code,
    );
    let serial_check = p.get(trailer::SERIAL_CHECK, "six digits", |s| {
        (s.len() == 6 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    });
    p.get(trailer::END_CODE, "C (continued) or E (end)", |s| {
        matches!(s, "C" | "E").then_some(())
    });
    match (airline, serial_check) {
        (Some(airline), Some(serial_check)) if p.errors.is_empty() => Ok(TrailerRecord {
            airline,
            serial_check,
        }),
        _ => Err(p.errors),
    }
}

/// A record under construction: 200 bytes, blank-filled, with fields placed by [`Field`].
#[derive(Clone, Debug)]
pub struct RecordBuf([u8; RECORD_LEN]);

impl RecordBuf {
    /// A blank record of type `kind` (`b'1'` to `b'5'`).
    pub fn new(kind: u8) -> RecordBuf {
        let mut b = [b' '; RECORD_LEN];
        b[0] = kind;
        RecordBuf(b)
    }

    /// Writes `value` left-justified in `field` (blank-padded; truncated if longer).
    pub fn left(&mut self, field: Field, value: &str) -> &mut Self {
        let slot = &mut self.0[field.first - 1..field.last];
        for (i, c) in slot.iter_mut().enumerate() {
            *c = value.as_bytes().get(i).copied().unwrap_or(b' ');
        }
        self
    }

    /// Writes `value` right-justified in `field` (blank-padded on the left).
    pub fn right(&mut self, field: Field, value: &str) -> &mut Self {
        let pad = field.len().saturating_sub(value.len());
        self.left(field, &format!("{}{value}", " ".repeat(pad)))
    }

    /// Writes the record serial number.
    pub fn serial(&mut self, serial: u32) -> &mut Self {
        self.left(SERIAL, &format!("{serial:06}"))
    }

    /// The record as text (always ASCII when the values were).
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fields_fit_the_record() {
        for f in [
            leg::SUFFIX,
            leg::DAYS,
            leg::CONFIG,
            leg::DATE_VAR,
            carrier::VALID_TO,
            trailer::SERIAL_CHECK,
            SERIAL,
        ] {
            assert!(f.first >= 1 && f.last <= RECORD_LEN && f.first <= f.last);
        }
        assert_eq!(leg::DAYS.label(), "days of operation (bytes 29-35)");
        assert_eq!(leg::FREQUENCY.label(), "frequency rate (byte 36)");
    }

    #[test]
    fn record_buf_places_fields() {
        let mut r = RecordBuf::new(b'3');
        r.left(leg::AIRLINE, "KC")
            .right(leg::FLIGHT, "267")
            .serial(12);
        let s = r.as_str();
        assert_eq!(s.len(), RECORD_LEN);
        assert_eq!(leg::AIRLINE.get(s), "KC ");
        assert_eq!(leg::FLIGHT.get(s), " 267");
        assert_eq!(SERIAL.get(s), "000012");
    }

    proptest! {
        #[test]
        fn field_parsers_never_panic(s in "\\PC{0,10}") {
            let _ = parse_date(&s);
            let _ = parse_hhmm(&s);
            let _ = parse_variation(&s);
            let _ = config_seats(&s);
            let _ = parse_config(&s);
            let _ = prbd_seats(&s);
        }

        #[test]
        fn dates_round_trip(n in 10_957i32..47_481) {
            let d = Day(n); // 2000-01-01 ..= 2099-12-31
            prop_assert_eq!(parse_date(&format_date(d).unwrap()), Some(d));
        }

        #[test]
        fn variations_round_trip(m in -840i32..=840) {
            prop_assert_eq!(parse_variation(&format_variation(m)), Some(m));
        }
    }
}
