//! Scales and ticks: linear scales, "nice" tick steps, month ticks on a time axis.

use flightnet_data::time::Day;

/// A linear map from a domain interval to a range of pixels.
#[derive(Clone, Copy, Debug)]
pub struct Linear {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Linear {
    /// Maps `domain` onto `range` (an empty domain maps everything to the range start).
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Linear {
        Linear {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    /// The pixel position of `v` (clamped to the range, so bad data cannot escape the plot).
    pub fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        let t = if span == 0.0 || !v.is_finite() {
            0.0
        } else {
            ((v - self.d0) / span).clamp(-0.02, 1.02)
        };
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// Ticks covering `lo..=hi` with a step of 1, 2, 2.5 or 5 times a power of ten, about
/// `target` of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// Tick values, ascending.
    pub values: Vec<f64>,
    /// Step between ticks.
    pub step: f64,
    /// First tick (the axis start).
    pub lo: f64,
    /// Last tick (the axis end).
    pub hi: f64,
}

/// Nice ticks for an axis showing `lo..=hi`.
///
/// # Example
/// ```
/// let t = flightnet_report::html::axis::nice_ticks(0.0, 7_300.0, 5);
/// assert_eq!(t.values, vec![0.0, 2_000.0, 4_000.0, 6_000.0, 8_000.0]);
/// ```
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let (lo, hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) if hi > lo => (lo, hi),
        (true, _) => (lo, lo + 1.0),
        _ => (0.0, 1.0),
    };
    let raw = (hi - lo) / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor();
    let last = (hi / step - 1e-9).ceil();
    let values: Vec<f64> = (0..=((last - first) as i64).max(1))
        .map(|i| (first + i as f64) * step)
        .collect();
    Ticks {
        lo: values[0],
        hi: values[values.len() - 1],
        values,
        step,
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Month starts within `first..=last`, every 1, 2, 3, 6 or 12 months so that at most `max`
/// remain, labelled `Jun 2022`.
pub fn month_ticks(first: Day, last: Day, max: usize) -> Vec<(Day, String)> {
    let mut months = Vec::new();
    let (mut y, mut m, d) = first.ymd();
    if d > 1 {
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    while let Some(day) = Day::from_ymd(y, m, 1) {
        if day > last {
            break;
        }
        months.push((day, y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let step = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|s| months.iter().filter(|(_, _, m)| (m - 1) % s == 0).count() <= max.max(1))
        .unwrap_or(12);
    months
        .into_iter()
        .filter(|(_, _, m)| (m - 1) % step == 0)
        .map(|(day, y, m)| (day, format!("{} {y}", MONTHS[m as usize - 1])))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks() {
        let t = nice_ticks(0.0, 0.93, 5);
        assert_eq!(t.step, 0.2);
        assert_eq!(t.hi, 1.0);
        let t = nice_ticks(5.0, 5.0, 5);
        assert!(t.hi > t.lo);
        let t = nice_ticks(f64::NAN, 3.0, 4);
        assert_eq!(t.lo, 0.0);
    }

    #[test]
    fn months() {
        let d = |s| Day::parse(s).unwrap();
        let t = month_ticks(d("2022-06-01"), d("2023-12-31"), 8);
        let labels: Vec<&str> = t.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Jul 2022", "Oct 2022", "Jan 2023", "Apr 2023", "Jul 2023", "Oct 2023"
            ]
        );
        assert_eq!(month_ticks(d("2022-06-02"), d("2022-06-20"), 4), vec![]);
    }
}
