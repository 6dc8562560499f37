//! `fares.csv`: `airline,origin,destination,class,fare,currency,advance_purchase_days,
//! restrictions[,basis][,source]`.
//!
//! One row per fare class of an airline in an O&D market, each market's classes listed highest
//! fare first. The classes of one airline form one order across all its markets (its booking
//! classes, highest first), worked out from the order in every market; a market that lists two
//! classes the other way round from another market is an error.

use std::collections::{BTreeMap, BTreeSet};

use super::table::{ColumnSpec, Table, decimal, opt, req};
use super::{Known, provenance};
use crate::error::{Diagnostic, Error};
use crate::network::{AirlineId, AirportId, Fare, Restrictions};

pub(crate) const COLUMNS: &[ColumnSpec] = &[
    req("airline"),
    req("origin"),
    req("destination"),
    req("class"),
    req("fare"),
    req("currency"),
    req("advance_purchase_days"),
    req("restrictions"),
    opt("basis"),
    opt("source"),
];

/// Most booking classes one airline may have.
pub const MAX_CLASSES: usize = 12;

/// An airline's market.
type MarketKey = (AirlineId, AirportId, AirportId);
/// What a market's rows showed so far: each class's line, the last fare and its line.
type MarketSeen = (BTreeMap<String, u64>, f64, u64);

/// Fares as loaded, with each airline's class order.
pub(crate) struct Loaded {
    pub fares: Vec<Fare>,
    pub classes: Vec<Vec<String>>,
    /// The currency and the line that first named it.
    pub currency: Option<(String, u64)>,
}

/// Parses and validates `fares.csv` against the loaded airports and airlines.
pub(crate) fn load(
    file: &super::Source,
    airports: &BTreeMap<String, AirportId>,
    airlines: &BTreeMap<String, AirlineId>,
    diags: &mut Vec<Diagnostic>,
    known: &Known,
) -> Result<Loaded, Error> {
    let table = Table::read(file, COLUMNS, diags)?;
    let mut rows: Vec<(Fare, u64)> = Vec::new();
    let mut currency: Option<(String, u64)> = None;
    // (airline, origin, destination) -> (class -> line, last fare and its line)
    let mut markets: BTreeMap<MarketKey, MarketSeen> = BTreeMap::new();
    for row in table.rows() {
        let before = diags.len();
        let code = row.text("airline");
        let airline = airlines.get(code).copied();
        if airline.is_none() && !known.airlines.contains(code) {
            diags.push(row.error("airline", "an airline code defined in airlines.csv"));
        }
        let airport = |col: &str, diags: &mut Vec<Diagnostic>| {
            let code = row.text(col);
            let id = airports.get(code).copied();
            if id.is_none() && !known.airports.contains(code) {
                diags.push(row.error(col, "an airport code defined in airports.csv"));
            }
            id
        };
        let origin = airport("origin", diags);
        let destination = airport("destination", diags);
        if let (Some(o), Some(d)) = (origin, destination)
            && o == d
        {
            diags.push(row.error("destination", "an airport other than the origin"));
        }
        let class = row.parse(
            "class",
            "a booking class code of 1 to 3 uppercase letters or digits, such as Y",
            diags,
            |s| {
                (!s.is_empty()
                    && s.len() <= 3
                    && s.bytes()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
                .then(|| s.to_string())
            },
        );
        let fare = row.parse(
            "fare",
            "a positive one-way fare of at most 1000000",
            diags,
            |s| decimal(s, f64::MIN_POSITIVE, 1e6),
        );
        let cur = row.parse(
            "currency",
            "an ISO 4217 currency code of 3 uppercase letters, such as USD",
            diags,
            |s| (s.len() == 3 && s.bytes().all(|c| c.is_ascii_uppercase())).then(|| s.to_string()),
        );
        if let Some(c) = &cur {
            match &currency {
                None => currency = Some((c.clone(), row.line)),
                Some((first, line)) if first != c => diags.push(row.error(
                    "currency",
                    format!("{first}, the currency of every fare (as on line {line})"),
                )),
                _ => {}
            }
        }
        let ap = row.parse(
            "advance_purchase_days",
            "whole days from 0 to 365",
            diags,
            |s| s.parse::<u16>().ok().filter(|d| *d <= 365),
        );
        let restrictions = row.parse(
            "restrictions",
            "- or restriction names joined by ';': saturday_stay, non_refundable, change_fee",
            diags,
            Restrictions::parse,
        );
        let provenance = provenance(&row, diags);
        if let (Some(a), Some(o), Some(d), Some(c), Some(f)) =
            (airline, origin, destination, &class, fare)
        {
            let entry = markets
                .entry((a, o, d))
                .or_insert_with(|| (BTreeMap::new(), f64::INFINITY, 0));
            if let Some(prev) = entry.0.get(c) {
                diags.push(row.error(
                    "class",
                    format!("a class not already listed for this market (it is on line {prev})"),
                ));
            } else {
                entry.0.insert(c.clone(), row.line);
            }
            if f > entry.1 {
                diags.push(row.error(
                    "fare",
                    format!(
                        "a fare at most the previous class's ({} on line {}): each market's classes are listed highest fare first",
                        entry.1, entry.2
                    ),
                ));
            }
            entry.1 = f;
            entry.2 = row.line;
        }
        if diags.len() > before {
            continue;
        }
        if let (
            Some(airline),
            Some(origin),
            Some(destination),
            Some(class),
            Some(fare),
            Some(ap),
            Some(restrictions),
            Some(provenance),
        ) = (
            airline,
            origin,
            destination,
            class,
            fare,
            ap,
            restrictions,
            provenance,
        ) {
            rows.push((
                Fare {
                    airline,
                    origin,
                    destination,
                    class,
                    rank: 0,
                    fare,
                    advance_purchase_days: ap,
                    restrictions,
                    provenance,
                },
                row.line,
            ));
        }
    }
    let classes = class_orders(&rows, airlines.len(), file, diags);
    let fares = rows
        .into_iter()
        .map(|(mut f, _)| {
            f.rank = classes[f.airline.0 as usize]
                .iter()
                .position(|c| *c == f.class)
                .unwrap_or(0) as u8;
            f
        })
        .collect();
    Ok(Loaded {
        fares,
        classes,
        currency,
    })
}

/// Each airline's booking classes in one order that agrees with every market's (a topological
/// order of "listed before"; ties by first appearance). A contradiction, or more than
/// [`MAX_CLASSES`] classes, is reported on the row that shows it.
fn class_orders(
    rows: &[(Fare, u64)],
    airlines: usize,
    file: &super::Source,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); airlines];
    for (a, order) in out.iter_mut().enumerate() {
        let mine: Vec<&(Fare, u64)> = rows
            .iter()
            .filter(|(f, _)| f.airline.0 as usize == a)
            .collect();
        // Classes in first-appearance order, and "u before v" edges from each market.
        let mut names: Vec<&str> = Vec::new();
        for (f, _) in &mine {
            if !names.contains(&f.class.as_str()) {
                names.push(&f.class);
            }
        }
        let idx = |c: &str| names.iter().position(|n| *n == c).expect("named");
        let mut edges: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut first_line: BTreeMap<(usize, usize), u64> = BTreeMap::new();
        for w in mine.windows(2) {
            let ((x, _), (y, line)) = (w[0], w[1]);
            if (x.origin, x.destination) == (y.origin, y.destination) {
                let e = (idx(&x.class), idx(&y.class));
                edges.insert(e);
                first_line.entry(e).or_insert(*line);
            }
        }
        // Kahn's algorithm, smallest first-appearance index first.
        let n = names.len();
        let mut indegree = vec![0usize; n];
        for &(_, v) in &edges {
            indegree[v] += 1;
        }
        let mut done = vec![false; n];
        while order.len() < n {
            match (0..n).find(|&i| !done[i] && indegree[i] == 0) {
                Some(i) => {
                    done[i] = true;
                    order.push(names[i].to_string());
                    for &(u, v) in &edges {
                        if u == i {
                            indegree[v] -= 1;
                        }
                    }
                }
                None => {
                    // A cycle: report an edge inside it and stop ordering this airline.
                    let (e, line) = first_line
                        .iter()
                        .find(|((u, v), _)| !done[*u] && !done[*v])
                        .map(|(e, l)| (*e, *l))
                        .unwrap_or(((0, 0), 0));
                    diags.push(Diagnostic::field(
                        file.path(),
                        line,
                        4,
                        "class",
                        names[e.1],
                        format!(
                            "one order of the airline's classes in every market: {} is listed after {} here but before it elsewhere",
                            names[e.1], names[e.0]
                        ),
                    ));
                    for i in 0..n {
                        if !done[i] {
                            done[i] = true;
                            order.push(names[i].to_string());
                        }
                    }
                }
            }
        }
        if order.len() > MAX_CLASSES {
            let line = mine
                .iter()
                .find(|(f, _)| f.class == order[MAX_CLASSES])
                .map_or(0, |(_, l)| *l);
            diags.push(Diagnostic::field(
                file.path(),
                line,
                4,
                "class",
                &order[MAX_CLASSES],
                format!("at most {MAX_CLASSES} booking classes per airline"),
            ));
        }
    }
    out
}
