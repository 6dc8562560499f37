//! Compressing dates into periods with days of operation.
//!
//! Both directions need it: the importer turns dated legs back into `schedule.csv` rows, the
//! exporter turns dated flights into SSIM leg records. A run is a period and a weekday set
//! whose operating dates are exactly the given dates, so nothing is gained or lost.

use std::ops::Range;

use crate::time::{DateRange, Day, DaySet};

/// A period and weekdays whose operating dates are exactly `dates[members]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// First and last date of the run (both operate).
    pub period: DateRange,
    /// The weekdays that operate.
    pub days: DaySet,
    /// The indices of the run's dates in the input.
    pub members: Range<usize>,
}

/// Splits sorted, distinct dates into runs, greedily from the first date.
///
/// A date joins the current run when no date between the run's last date and it falls on an
/// operating weekday, and, if its weekday is new, when no date already inside the run falls on
/// that weekday. Every run therefore expands back to exactly its dates: for example a weekly
/// pattern gives one run, a fortnightly one gives one run per week flown.
///
/// # Arguments
/// * `dates`: strictly increasing dates.
///
/// # Returns
/// The runs in date order; together their members cover `dates` once.
///
/// # Complexity
/// O(n): each step looks at most at seven days.
///
/// # Example
/// ```
/// use flightnet_data::ssim::runs::runs;
/// use flightnet_data::time::Day;
/// let d = |s| Day::parse(s).unwrap();
/// // Mondays and Fridays of two weeks, then one Monday a fortnight later.
/// let dates = [d("2023-10-02"), d("2023-10-06"), d("2023-10-09"), d("2023-10-13"), d("2023-10-23")];
/// let r = runs(&dates);
/// assert_eq!(r.len(), 2);
/// assert_eq!(r[0].days.to_string(), "1...5..");
/// assert_eq!(r[0].period.to_string(), "2023-10-02..2023-10-13");
/// assert_eq!(r[1].members, 4..5);
/// ```
pub fn runs(dates: &[Day]) -> Vec<Run> {
    debug_assert!(dates.windows(2).all(|w| w[0] < w[1]));
    let mut out = Vec::new();
    let mut i = 0;
    while i < dates.len() {
        let start = i;
        let first = dates[i];
        let mut last = first;
        let mut days = DaySet(0).with(first.weekday());
        i += 1;
        while let Some(&next) = dates.get(i) {
            let wd = next.weekday();
            let with = days.with(wd);
            let gap_clear = next.0 - last.0 <= 7
                && (last.0 + 1..next.0).all(|d| !with.contains(Day(d).weekday()));
            let new_day_clear = days.contains(wd)
                || (last.0 - first.0 < 6 && (first.0..=last.0).all(|d| Day(d).weekday() != wd));
            if !(gap_clear && new_day_clear) {
                break;
            }
            days = with;
            last = next;
            i += 1;
        }
        out.push(Run {
            period: DateRange { first, last },
            days,
            members: start..i,
        });
    }
    out
}

/// Whether any date of `period` falls on a weekday of `days`.
fn any_on(period: DateRange, days: DaySet) -> bool {
    days.0 != 0 && (period.len() >= 7 || period.days().any(|d| days.contains(d.weekday())))
}

/// The weekdays of one run covering two runs, `a` before `b`, when there is such a run.
///
/// # Returns
/// `Some(days)` when the operating dates of `(a.first..=b.last, days)` are exactly those of
/// `a` and `b`: nothing between them falls on an operating weekday, and neither run gains a
/// date from the other's weekdays.
///
/// # Example
/// ```
/// use flightnet_data::ssim::runs::join;
/// use flightnet_data::time::{DateRange, Day, DaySet};
/// let r = |a, b| DateRange::new(Day::parse(a).unwrap(), Day::parse(b).unwrap()).unwrap();
/// // Monday to Saturday, then daily from Sunday: daily over both.
/// let a = (r("2023-03-20", "2023-03-25"), DaySet::parse("123456.").unwrap());
/// let b = (r("2023-03-26", "2023-04-02"), DaySet::DAILY);
/// assert_eq!(join(a, b), Some(DaySet::DAILY));
/// // A week's gap with Mondays in it: no.
/// let c = (r("2023-04-10", "2023-04-16"), DaySet::DAILY);
/// assert_eq!(join(b, c), None);
/// ```
pub fn join(a: (DateRange, DaySet), b: (DateRange, DaySet)) -> Option<DaySet> {
    let days = DaySet(a.1.0 | b.1.0);
    let gap = DateRange::new(a.0.last.plus_days(1), b.0.first.plus_days(-1));
    let clear = a.0.last < b.0.first
        && gap.is_none_or(|g| !any_on(g, days))
        && !any_on(a.0, DaySet(days.0 & !a.1.0))
        && !any_on(b.0, DaySet(days.0 & !b.1.0));
    clear.then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn expand(r: &Run) -> Vec<Day> {
        r.period
            .days()
            .filter(|x| r.days.contains(x.weekday()))
            .collect()
    }

    #[test]
    fn daily_is_one_run() {
        let dates: Vec<Day> = DateRange::new(d("2022-06-01"), d("2024-12-31"))
            .unwrap()
            .days()
            .collect();
        let r = runs(&dates);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].days, DaySet::DAILY);
    }

    #[test]
    fn fortnightly_gives_one_run_per_week_flown() {
        // Mon/Wed/Fri in the weeks of 2023-01-02, 2023-01-16 and 2023-01-30.
        let dates: Vec<Day> = ["02", "04", "06", "16", "18", "20", "30"]
            .iter()
            .map(|x| d(&format!("2023-01-{x}")))
            .collect();
        let r = runs(&dates);
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].days.to_string(), "1.3.5..");
        assert_eq!(r[2].days.to_string(), "1......");
    }

    #[test]
    fn a_new_weekday_already_passed_starts_a_new_run() {
        // Wednesdays 4 and 11 January form a run; Thursday 12 January cannot join it, because
        // Thursday 5 January lies inside the run and would be added.
        let dates = [d("2023-01-04"), d("2023-01-11"), d("2023-01-12")];
        let r = runs(&dates);
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].members, 2..3);
    }

    proptest! {
        #[test]
        fn runs_expand_to_exactly_their_dates(bits in proptest::collection::vec(any::<bool>(), 1..120)) {
            let dates: Vec<Day> = bits
                .iter()
                .enumerate()
                .filter(|(_, b)| **b)
                .map(|(i, _)| Day(19_000 + i as i32))
                .collect();
            let r = runs(&dates);
            let mut covered = 0;
            for run in &r {
                prop_assert_eq!(run.members.start, covered);
                covered = run.members.end;
                prop_assert_eq!(expand(run), dates[run.members.clone()].to_vec());
            }
            prop_assert_eq!(covered, dates.len());
            // Joining neighbouring runs never changes the dates they cover.
            for w in r.windows(2) {
                if let Some(days) = join((w[0].period, w[0].days), (w[1].period, w[1].days)) {
                    let both = Run {
                        period: DateRange { first: w[0].period.first, last: w[1].period.last },
                        days,
                        members: w[0].members.start..w[1].members.end,
                    };
                    prop_assert_eq!(expand(&both), dates[both.members.clone()].to_vec());
                }
            }
        }
    }
}
