//! Time: integer UTC minutes, calendar days, local clock times, SSIM day sets and
//! historical time zones.
//!
//! Everything after loading runs on [`UtcMinute`]s (minutes since 1970-01-01T00:00Z) and
//! [`Day`]s (days since 1970-01-01). Local schedule times are converted exactly once, through
//! the IANA time-zone database **bundled into the binary** (jiff's `tzdb-bundle-always`), so a
//! result never depends on the machine's tzdata. The bundle carries the history we need, e.g.
//! Kazakhstan's move from UTC+6 to UTC+5 on 2024-03-01.

use std::fmt;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// Minutes in a day.
pub const MINUTES_PER_DAY: i64 = 1440;

/// A calendar day, counted from 1970-01-01 (day 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// The years flightnet accepts in dates. Schedules are historical or planned, so this is
/// generous; it keeps every UTC minute within 32 bits, which compact tables rely on.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// What a date in user input must look like (for error messages).
pub const DATE_EXPECTED: &str = "a date YYYY-MM-DD (years 1900-2199)";

impl Day {
    /// The day for a proleptic Gregorian date, or `None` when the date does not exist or its
    /// year is outside [`YEARS`].
    ///
    /// # Example
    /// ```
    /// use flightnet_data::time::Day;
    /// assert_eq!(Day::from_ymd(1970, 1, 2), Some(Day(1)));
    /// assert_eq!(Day::from_ymd(2023, 2, 29), None);
    /// assert_eq!(Day::from_ymd(9000, 1, 1), None);
    /// ```
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !YEARS.contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day((era * 146_097 + doe - 719_468) as i32))
    }

    /// Year, month (1–12) and day of month (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 as i64 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::time::Day;
    /// assert_eq!(Day::parse("2022-11-22").unwrap().weekday(), 2); // a Tuesday
    /// ```
    pub fn weekday(self) -> u8 {
        ((self.0 as i64 + 3).rem_euclid(7) + 1) as u8
    }

    /// Parses a strict `YYYY-MM-DD` date.
    pub fn parse(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        Day::from_ymd(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// The day `n` days later (earlier when negative).
    pub fn plus_days(self, n: i32) -> Day {
        Day(self.0 + n)
    }

    /// The first minute of this day in UTC.
    pub fn start_utc(self) -> UtcMinute {
        UtcMinute(self.0 as i64 * MINUTES_PER_DAY)
    }

    /// The same day as a jiff civil date.
    pub fn to_date(self) -> Date {
        let (y, m, d) = self.ymd();
        Date::new(y as i16, m as i8, d as i8).expect("Day always holds a valid date")
    }

    /// The Monday on or before this day (start of its ISO week).
    pub fn week_start(self) -> Day {
        self.plus_days(1 - self.weekday() as i32)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    /// Accepts a `"YYYY-MM-DD"` string, or a TOML local date (`2023-01-01` unquoted).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(DATE_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Day, E> {
                Day::parse(s).ok_or_else(|| E::custom(format!("{s:?} is not {DATE_EXPECTED}")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Day, A::Error> {
                // TOML datetimes arrive as a one-entry map holding their text.
                let Some((_, text)) = map.next_entry::<String, String>()? else {
                    return Err(serde::de::Error::custom(format!(
                        "expected {DATE_EXPECTED}"
                    )));
                };
                self.visit_str(&text)
            }
        }
        d.deserialize_any(V)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    /// First day in the range.
    pub first: Day,
    /// Last day in the range (inclusive).
    pub last: Day,
}

impl DateRange {
    /// A range; `None` when `last` is before `first`.
    pub fn new(first: Day, last: Day) -> Option<DateRange> {
        (first <= last).then_some(DateRange { first, last })
    }

    /// Whether `day` lies in the range.
    pub fn contains(&self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }

    /// Number of days in the range.
    pub fn len(&self) -> usize {
        (self.last.0 - self.first.0 + 1) as usize
    }

    /// Always false: a range holds at least one day.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The days of the range in order.
    pub fn days(&self) -> impl Iterator<Item = Day> + use<> {
        (self.first.0..=self.last.0).map(Day)
    }

    /// The overlap of two ranges, if any.
    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        DateRange::new(self.first.max(other.first), self.last.min(other.last))
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.first, self.last)
    }
}

/// An instant in UTC, in whole minutes since 1970-01-01T00:00Z.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcMinute(pub i64);

impl UtcMinute {
    /// The UTC calendar day holding this minute.
    pub fn day(self) -> Day {
        Day(self.0.div_euclid(MINUTES_PER_DAY) as i32)
    }

    /// Minutes after UTC midnight.
    pub fn minute_of_day(self) -> u16 {
        self.0.rem_euclid(MINUTES_PER_DAY) as u16
    }

    /// This instant plus `minutes`.
    pub fn plus(self, minutes: i64) -> UtcMinute {
        UtcMinute(self.0 + minutes)
    }
}

impl fmt::Display for UtcMinute {
    /// Formats as `YYYY-MM-DDTHH:MMZ`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{}Z", self.day(), LocalTime(self.minute_of_day()))
    }
}

impl Serialize for UtcMinute {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A clock time of day, in minutes after midnight (0–1439).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(pub u16);

impl LocalTime {
    /// Parses a strict `HH:MM` (00:00 to 23:59).
    ///
    /// # Example
    /// ```
    /// use flightnet_data::time::LocalTime;
    /// assert_eq!(LocalTime::parse("01:35"), Some(LocalTime(95)));
    /// assert_eq!(LocalTime::parse("25:00"), None);
    /// assert_eq!(LocalTime::parse("7:05"), None);
    /// ```
    pub fn parse(s: &str) -> Option<LocalTime> {
        let b = s.as_bytes();
        if b.len() != 5 || b[2] != b':' || ![0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit()) {
            return None;
        }
        let h = ((b[0] - b'0') * 10 + (b[1] - b'0')) as u16;
        let m = ((b[3] - b'0') * 10 + (b[4] - b'0')) as u16;
        (h < 24 && m < 60).then_some(LocalTime(h * 60 + m))
    }

    /// Hours (0–23).
    pub fn hour(self) -> u16 {
        self.0 / 60
    }

    /// Minutes (0–59).
    pub fn minute(self) -> u16 {
        self.0 % 60
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

/// SSIM-style days of operation: a set of ISO weekdays (1 = Monday … 7 = Sunday).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DaySet(pub u8);

impl DaySet {
    /// Every day of the week.
    pub const DAILY: DaySet = DaySet(0x7f);

    /// Parses the 7-character form: position n holds the digit n when weekday n operates and
    /// `.` (or a space, as SSIM writes it) when it does not.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::time::DaySet;
    /// let d = DaySet::parse("1.3.5.7").unwrap();
    /// assert!(d.contains(1) && !d.contains(2) && d.contains(7));
    /// assert_eq!(d.count(), 4);
    /// assert_eq!(DaySet::parse("1.3.5.8"), None);
    /// assert_eq!(DaySet::parse("......."), None);
    /// ```
    pub fn parse(s: &str) -> Option<DaySet> {
        let b = s.as_bytes();
        if b.len() != 7 {
            return None;
        }
        let mut bits = 0u8;
        for (i, &c) in b.iter().enumerate() {
            if c == b'1' + i as u8 {
                bits |= 1 << i;
            } else if c != b'.' && c != b' ' {
                return None;
            }
        }
        (bits != 0).then_some(DaySet(bits))
    }

    /// Whether ISO weekday `wd` (1–7) is in the set.
    pub fn contains(self, wd: u8) -> bool {
        (1..=7).contains(&wd) && self.0 & (1 << (wd - 1)) != 0
    }

    /// Number of days in the set.
    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// The set with weekday `wd` added.
    pub fn with(self, wd: u8) -> DaySet {
        DaySet(self.0 | (1 << (wd - 1)))
    }

    /// Every day shifted by `offset` days (e.g. the arrival days of an overnight flight).
    pub fn shifted(self, offset: i32) -> DaySet {
        let mut out = 0u8;
        for wd in 1..=7u8 {
            if self.contains(wd) {
                let w = (wd as i32 - 1 + offset).rem_euclid(7);
                out |= 1 << w;
            }
        }
        DaySet(out)
    }
}

impl fmt::Display for DaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for wd in 1..=7u8 {
            if self.contains(wd) {
                write!(f, "{wd}")?;
            } else {
                write!(f, ".")?;
            }
        }
        Ok(())
    }
}

/// An IANA time zone from the bundled database.
#[derive(Clone, Debug)]
pub struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    /// Looks up a zone by IANA name (e.g. `Asia/Almaty`) in the bundled database.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::time::{Day, LocalTime, Zone};
    /// let almaty = Zone::get("Asia/Almaty").unwrap();
    /// // KC267 leaves Almaty at 01:35 local on 2022-11-22: 19:35 UTC the day before (UTC+6).
    /// let utc = almaty.to_utc(Day::parse("2022-11-22").unwrap(), LocalTime::parse("01:35").unwrap());
    /// assert_eq!(utc.to_string(), "2022-11-21T19:35Z");
    /// assert!(Zone::get("Mars/Olympus").is_none());
    /// ```
    pub fn get(name: &str) -> Option<Zone> {
        let tz = jiff::tz::db().get(name).ok()?;
        Some(Zone {
            name: name.to_string(),
            tz,
        })
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Converts a local date and clock time to UTC.
    ///
    /// A clock time skipped by a forward change (a DST gap) is read as if the clock had not
    /// changed yet (it lands after the gap); a repeated clock time (a backward change) takes
    /// the earlier instant. This is RFC 5545's "compatible" rule, the common practice for
    /// timetables.
    pub fn to_utc(&self, day: Day, time: LocalTime) -> UtcMinute {
        let (y, m, d) = day.ymd();
        let dt = DateTime::new(
            y as i16,
            m as i8,
            d as i8,
            time.hour() as i8,
            time.minute() as i8,
            0,
            0,
        )
        .expect("Day and LocalTime always form a valid civil datetime");
        let ts = self
            .tz
            .to_ambiguous_timestamp(dt)
            .compatible()
            .expect("schedule dates are far inside jiff's supported range");
        UtcMinute(ts.as_second().div_euclid(60))
    }

    /// The zone's offset from UTC, in minutes, at a UTC instant.
    pub fn offset_minutes(&self, at: UtcMinute) -> i32 {
        let ts = jiff::Timestamp::from_second(at.0 * 60)
            .expect("schedule dates are far inside jiff's supported range");
        self.tz.to_offset(ts).seconds() / 60
    }

    /// The local day and clock time at a UTC instant.
    pub fn to_local(&self, at: UtcMinute) -> (Day, LocalTime) {
        let local = at.plus(self.offset_minutes(at) as i64);
        (local.day(), LocalTime(local.minute_of_day()))
    }
}

/// Formats a duration in minutes as `H:MM` (negative values get a leading `-`).
pub fn format_hm(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn kc267_utc_times_2022_and_2024() {
        let ala = Zone::get("Asia/Almaty").unwrap();
        let pek = Zone::get("Asia/Shanghai").unwrap();
        let day = Day::parse("2022-11-22").unwrap();
        let dep = ala.to_utc(day, LocalTime::parse("01:35").unwrap());
        let arr = pek.to_utc(day, LocalTime::parse("08:30").unwrap());
        assert_eq!(dep.to_string(), "2022-11-21T19:35Z");
        assert_eq!(arr.0 - dep.0, 4 * 60 + 55);
        // Same clock time after Kazakhstan's 2024-03-01 move to UTC+5: one hour later in UTC.
        let day24 = Day::parse("2024-04-16").unwrap();
        let dep24 = ala.to_utc(day24, LocalTime::parse("01:35").unwrap());
        assert_eq!(dep24.to_string(), "2024-04-15T20:35Z");
    }

    #[test]
    fn offsets_across_the_kazakhstan_change() {
        let ala = Zone::get("Asia/Almaty").unwrap();
        let before = Day::parse("2024-02-29").unwrap().start_utc();
        let after = Day::parse("2024-03-01").unwrap().start_utc();
        assert_eq!(ala.offset_minutes(before), 360);
        assert_eq!(ala.offset_minutes(after), 300);
    }

    #[test]
    fn gap_and_fold_resolution() {
        let berlin = Zone::get("Europe/Berlin").unwrap();
        // 02:30 does not exist on 2023-03-26 in Berlin: read with the old offset (+1) → 01:30Z.
        let gap = berlin.to_utc(Day::parse("2023-03-26").unwrap(), LocalTime(150));
        assert_eq!(gap.to_string(), "2023-03-26T01:30Z");
        // 02:30 happens twice on 2023-10-29: take the earlier (+2) → 00:30Z.
        let fold = berlin.to_utc(Day::parse("2023-10-29").unwrap(), LocalTime(150));
        assert_eq!(fold.to_string(), "2023-10-29T00:30Z");
    }

    #[test]
    fn weekdays_and_display() {
        assert_eq!(Day(0).weekday(), 4); // 1970-01-01 was a Thursday
        assert_eq!(Day::parse("2023-10-15").unwrap().weekday(), 7);
        assert_eq!(Day::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(
            Day::parse("2023-10-15").unwrap().week_start().to_string(),
            "2023-10-09"
        );
        assert_eq!(format_hm(295), "4:55");
        assert_eq!(Day::parse("1900-01-01"), Some(Day(-25_567)));
        assert!(Day::parse("2199-12-31").is_some());
        assert_eq!(Day::parse("1899-12-31"), None);
        assert_eq!(Day::parse("2200-01-01"), None);
        assert_eq!(DaySet::parse("1234567").unwrap(), DaySet::DAILY);
        assert_eq!(
            DaySet::parse("..3....").unwrap().shifted(1).to_string(),
            "...4..."
        );
        assert_eq!(
            DaySet::parse("......7").unwrap().shifted(1).to_string(),
            "1......"
        );
    }

    proptest! {
        #[test]
        fn day_roundtrips(n in -25_567i32..84_000) {
            // 1900-01-01 to 2199-12-31 (years outside YEARS are refused).
            let d = Day(n);
            let (y, m, dd) = d.ymd();
            prop_assert_eq!(Day::from_ymd(y, m, dd), Some(d));
            prop_assert_eq!(Day::parse(&d.to_string()), Some(d));
            let jd = d.to_date();
            prop_assert_eq!(jd.year() as i32, y);
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,12}") {
            let _ = Day::parse(&s);
            let _ = LocalTime::parse(&s);
            let _ = DaySet::parse(&s);
        }

        #[test]
        fn local_time_roundtrips(m in 0u16..1440) {
            prop_assert_eq!(LocalTime::parse(&LocalTime(m).to_string()), Some(LocalTime(m)));
        }

        #[test]
        fn utc_local_roundtrip(n in 18_000i32..21_000, t in 0u16..1440) {
            let zone = Zone::get("Asia/Almaty").unwrap();
            let utc = zone.to_utc(Day(n), LocalTime(t));
            prop_assert_eq!(zone.to_local(utc), (Day(n), LocalTime(t)));
        }
    }
}
