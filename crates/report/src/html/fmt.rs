//! Numbers as people read them: thousands separators, percentages, minutes, axis ticks.
//!
//! Every number in the report is formatted here, with a fixed number of decimals, so the
//! output is deterministic.

use super::markup::fixed;
use flightnet_sim::summary::Figure;

/// What a number measures, which decides how it is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A count, rounded to a whole number with thousands separators.
    Count,
    /// A share (0..1), printed as a percentage with one decimal.
    Share,
    /// Minutes, one decimal.
    Minutes,
    /// Kilometre products (ASK, RPK), in millions with one decimal.
    Millions,
    /// Money in whole currency units, with thousands separators (the currency is named in
    /// the label).
    Money,
    /// Hundredths of the currency per kilometre (yield, RASK, CASK), two decimals.
    Cents,
}

impl Unit {
    /// `v` printed for this unit.
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Count => count(v),
            Unit::Share => percent(v),
            Unit::Minutes => format!("{} min", fixed(v, 1)),
            Unit::Millions => format!("{} M", grouped(&fixed(v / 1e6, 1))),
            Unit::Money => count(v),
            Unit::Cents => grouped(&fixed(v, 2)),
        }
    }
}

/// Inserts thousands separators into a plain decimal number (`-1234567.8` → `-1,234,567.8`).
fn grouped(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A count rounded to a whole number, with thousands separators.
///
/// # Example
/// ```
/// assert_eq!(flightnet_report::html::fmt::count(1234567.6), "1,234,568");
/// ```
pub fn count(v: f64) -> String {
    grouped(&fixed(v, 0))
}

/// A share as a percentage with one decimal (`0.6934` → `69.3%`).
pub fn percent(v: f64) -> String {
    format!("{}%", fixed(v * 100.0, 1))
}

/// The unit of a headline figure, by name.
pub fn headline_unit(name: &str) -> Unit {
    match name {
        "load_factor" | "spill_rate" | "on_time_performance" => Unit::Share,
        "mean_departure_delay" | "mean_arrival_delay" => Unit::Minutes,
        "ask" | "rpk" => Unit::Millions,
        "revenue" | "cost" | "profit" => Unit::Money,
        "yield" | "rask" | "cask" => Unit::Cents,
        _ => Unit::Count,
    }
}

/// The label of a headline figure, by name, with the currency of money figures when known
/// (`Revenue (USD)`, `RASK (USD cents per ASK)`).
pub fn money_label(name: &str, currency: Option<&str>) -> String {
    let cur = currency.map_or(String::new(), |c| format!("{c} "));
    match name {
        "revenue" | "cost" | "profit" => match currency {
            Some(c) => format!("{} ({c})", headline_label(name)),
            None => headline_label(name),
        },
        "yield" => format!("Yield ({cur}cents per RPK)"),
        "rask" => format!("RASK ({cur}cents per ASK)"),
        "cask" => format!("CASK ({cur}cents per ASK)"),
        _ => headline_label(name),
    }
}

/// The label of a headline figure, by name.
pub fn headline_label(name: &str) -> String {
    match name {
        "ask" => "Available seat-km (ASK)".to_string(),
        "rpk" => "Revenue passenger-km (RPK)".to_string(),
        "connections" => "Connections attempted".to_string(),
        "no_shows" => "No-shows".to_string(),
        "yield" => "Yield (revenue per RPK)".to_string(),
        "rask" => "RASK (revenue per ASK)".to_string(),
        "cask" => "CASK (cost per ASK)".to_string(),
        _ => {
            let words = name.replace('_', " ");
            let mut c = words.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// A headline figure: the value, and its 95% interval when there are several replications.
pub fn figure(unit: Unit, f: &Figure) -> (String, Option<String>) {
    match f {
        Figure::Value(n) => (unit.format(n.0), None),
        Figure::Estimate(e) => (
            unit.format(e.mean),
            Some(format!(
                "{} – {}",
                unit.format(e.ci95_low),
                unit.format(e.ci95_high)
            )),
        ),
    }
}

/// The change from `a` to `b`: in percentage points for shares (`+1.2 pp`), relative for
/// everything else (`+12.5%`, `−3.0%`; `–` when `a` is 0).
pub fn change(unit: Unit, a: f64, b: f64) -> String {
    if !a.is_finite() || !b.is_finite() || (unit != Unit::Share && a == 0.0) {
        return "–".to_string();
    }
    let (c, suffix) = match unit {
        Unit::Share => ((b - a) * 100.0, " pp"),
        _ => ((b - a) / a.abs() * 100.0, "%"),
    };
    let s = fixed(c, 1);
    match s.strip_prefix('-') {
        Some(abs) => format!("−{abs}{suffix}"),
        None if s == "0.0" => format!("0.0{suffix}"),
        None => format!("+{s}{suffix}"),
    }
}

/// An axis tick label: `v` with as many decimals as the tick `step` needs, in thousands (`k`)
/// or millions (`M`) when the axis reaches `max` that high; percentages for shares.
pub fn tick(v: f64, step: f64, max: f64, unit: Unit) -> String {
    let (scale, suffix) = match unit {
        Unit::Share => (0.01, "%"),
        _ if max.abs() >= 1e6 => (1e6, "M"),
        _ if max.abs() >= 1e4 => (1e3, "k"),
        _ => (1.0, ""),
    };
    if v == 0.0 {
        return if unit == Unit::Share { "0%" } else { "0" }.to_string();
    }
    let s = step / scale;
    // The fewest decimals (up to 3) that print the step exactly.
    let decimals = (0..3)
        .find(|d| {
            let k = s * 10f64.powi(*d);
            (k - k.round()).abs() < 1e-6 * k.abs().max(1.0)
        })
        .unwrap_or(3) as usize;
    format!("{}{suffix}", grouped(&fixed(v / scale, decimals)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(count(-1234.4), "-1,234");
        assert_eq!(count(999.0), "999");
        assert_eq!(percent(0.69345), "69.3%");
        assert_eq!(Unit::Millions.format(21_683_012_345.0), "21,683.0 M");
        assert_eq!(headline_label("load_factor"), "Load factor");
        assert_eq!(change(Unit::Count, 100.0, 112.5), "+12.5%");
        assert_eq!(change(Unit::Count, 100.0, 97.0), "−3.0%");
        assert_eq!(change(Unit::Count, 0.0, 3.0), "–");
        assert_eq!(change(Unit::Share, 0.693, 0.681), "−1.2 pp");
        assert_eq!(tick(25_000.0, 5_000.0, 40_000.0, Unit::Count), "25k");
        assert_eq!(tick(2_500.0, 500.0, 4_000.0, Unit::Count), "2,500");
        assert_eq!(tick(1_500_000.0, 500_000.0, 2e6, Unit::Count), "1.5M");
        assert_eq!(tick(0.25, 0.25, 1.0, Unit::Share), "25%");
        assert_eq!(tick(7_500.0, 2_500.0, 12_500.0, Unit::Count), "7.5k");
        assert_eq!(tick(10_000.0, 2_500.0, 12_500.0, Unit::Count), "10.0k");
        assert_eq!(tick(0.0, 2_500.0, 12_500.0, Unit::Count), "0");
        assert_eq!(Unit::Money.format(-270_505_290.42), "-270,505,290");
        assert_eq!(Unit::Cents.format(5.8959), "5.90");
        assert_eq!(headline_unit("profit"), Unit::Money);
        assert_eq!(money_label("revenue", Some("USD")), "Revenue (USD)");
        assert_eq!(money_label("rask", Some("USD")), "RASK (USD cents per ASK)");
        assert_eq!(money_label("cask", None), "CASK (cents per ASK)");
        assert_eq!(money_label("flights", Some("USD")), "Flights");
        assert_eq!(change(Unit::Money, -200.0, -100.0), "+50.0%");
    }
}
