//! The run summary as terminal tables a planner can read at a glance.

use crate::table::Table;
use flightnet_sim::summary::{Figure, HEADLINES, RouteRow, Summary};

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A count with thousands separators (`1,234,567`), or one decimal when not whole.
pub fn thousands(x: f64) -> String {
    count(x)
}

fn count(x: f64) -> String {
    if x.fract() == 0.0 {
        let s = format!("{}", x as i64);
        // thousands separators
        let bytes: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, c) in bytes.iter().enumerate() {
            if i > 0 && (bytes.len() - i).is_multiple_of(3) && *c != '-' && bytes[i - 1] != '-' {
                out.push(',');
            }
            out.push(*c);
        }
        out
    } else {
        format!("{x:.1}")
    }
}

/// The route table: airline, route, flights, seats, passengers, load factor, connecting
/// passengers and on-time performance, one row per route in the given order.
fn route_table(routes: &[&RouteRow]) -> Table {
    let mut t = Table::new(&[
        "airline",
        "route",
        "flights",
        "seats",
        "passengers",
        "LF",
        "connecting",
        "OTP",
    ]);
    for r in routes {
        t.row(vec![
            r.airline.clone(),
            format!("{}–{}", r.origin, r.destination),
            count(r.flights.0),
            count(r.seats.0),
            count(r.passengers.0),
            pct(r.load_factor.0),
            count(r.connecting.0),
            pct(r.on_time_performance.0),
        ]);
    }
    t
}

/// Renders a run summary's headline totals, the busiest routes, the largest markets, hubs
/// and fleet needs; `top` limits the route and market tables; with `countries` (e.g. `KZ`,
/// `CN`), every route between the two countries follows the headline figures.
pub fn render(summary: &Summary, top: usize, countries: Option<(&str, &str)>) -> String {
    let this = summary;
    let mut out = String::new();
    let s = &this.scenario;
    out.push_str(&format!(
        "Scenario {} ({}), {} to {}, seed {}, {} replication{}\n\n",
        s.name,
        s.file,
        s.start,
        s.end,
        s.seed,
        s.replications,
        if s.replications == 1 { "" } else { "s" }
    ));
    let filled: Vec<&str> = this
        .airports
        .iter()
        .filter(|a| a.filled_in.is_some())
        .map(|a| a.iata.as_str())
        .collect();
    if !filled.is_empty() {
        out.push_str(&format!(
            "Airports filled in from the world airport table (not in airports.csv; basis E, IATA default MCTs): {}\n\n",
            filled.join(" ")
        ));
    }
    let several = s.replications > 1;
    let mut t = if several {
        Table::new(&["figure", "mean", "95% CI low", "95% CI high"])
    } else {
        Table::new(&["figure", "value"])
    };
    for name in HEADLINES {
        let fig = this.totals[*name];
        let currency = this.scenario.currency.as_deref().unwrap_or("");
        let fmt = |x: f64| match *name {
            "load_factor" | "spill_rate" | "on_time_performance" => pct(x),
            "mean_departure_delay" | "mean_arrival_delay" => format!("{x:.1} min"),
            "ask" | "rpk" => format!("{:.1} M", x / 1e6),
            // Whole currency units with separators, like compare's tables.
            "revenue" | "cost" | "profit" => format!("{} {currency}", count(x.round()))
                .trim_end()
                .to_string(),
            // Hundredths of the currency per km.
            "yield" | "rask" | "cask" => format!("{x:.2}"),
            _ => count(x),
        };
        match fig {
            Figure::Value(v) => t.row(vec![name.replace('_', " "), fmt(v.0)]),
            Figure::Estimate(e) => t.row(vec![
                name.replace('_', " "),
                fmt(e.mean),
                fmt(e.ci95_low),
                fmt(e.ci95_high),
            ]),
        }
    }
    out.push_str(&t.render("Headline"));

    if let Some((a, b)) = countries {
        let country = |iata: &str| {
            this.airports
                .iter()
                .find(|x| x.iata == iata)
                .map_or("", |x| x.country.as_str())
        };
        let between: Vec<_> = this
            .routes
            .iter()
            .filter(|r| {
                let (o, d) = (country(&r.origin), country(&r.destination));
                (o == a && d == b) || (o == b && d == a)
            })
            .collect();
        if !between.is_empty() {
            out.push_str(&route_table(&between).render(&format!("{a}–{b} routes")));
        }
    }
    let mut routes: Vec<_> = this.routes.iter().collect();
    routes.sort_by(|a, b| {
        b.passengers
            .0
            .total_cmp(&a.passengers.0)
            .then(a.airline.cmp(&b.airline))
    });
    let t = route_table(&routes[..routes.len().min(top)]);
    let more = routes.len().saturating_sub(top);
    out.push_str(&t.render(&format!(
        "Routes by passengers{}",
        if more > 0 {
            format!(
                " (top {top} of {}; all in --format json or --out)",
                routes.len()
            )
        } else {
            String::new()
        }
    )));

    let mut markets: Vec<_> = this.markets.iter().collect();
    markets.sort_by(|a, b| {
        b.demand
            .0
            .total_cmp(&a.demand.0)
            .then(a.origin.cmp(&b.origin))
    });
    // The two-stop column only when some passengers booked two connections.
    let two_stop = markets.iter().any(|m| m.two_stop.0 > 0.0);
    let mut columns = vec![
        "market",
        "demand",
        "carried",
        "spilled",
        "spill",
        "nonstop",
        "connecting",
    ];
    if two_stop {
        columns.push("two-stop");
    }
    columns.extend(["misconnected", "stranded"]);
    let mut t = Table::new(&columns);
    for m in markets.iter().take(top) {
        let mut row = vec![
            format!("{}–{}", m.origin, m.destination),
            count(m.demand.0),
            count(m.carried.0),
            count(m.spilled.0),
            pct(m.spill_rate.0),
            count(m.nonstop.0),
            count(m.connecting.0),
        ];
        if two_stop {
            row.push(count(m.two_stop.0));
        }
        row.extend([count(m.misconnected.0), count(m.stranded.0)]);
        t.row(row);
    }
    let more = markets.len().saturating_sub(top);
    out.push_str(&t.render(&format!(
        "Markets by demand{}",
        if more > 0 {
            format!(" (top {top} of {})", markets.len())
        } else {
            String::new()
        }
    )));

    let mut t = Table::new(&[
        "hub",
        "connecting",
        "made",
        "missed",
        "miss rate",
        "p50 min",
        "p90 min",
        "MCT dd/di/id/ii",
    ]);
    for h in &this.hubs {
        t.row(vec![
            h.airport.clone(),
            count(h.connecting.0),
            count(h.made.0),
            count(h.missed.0),
            pct(h.miss_rate.0),
            h.connect_p50.map_or("-".into(), |v| v.to_string()),
            h.connect_p90.map_or("-".into(), |v| v.to_string()),
            format!("{}/{}/{}/{}", h.mct_dd, h.mct_di, h.mct_id, h.mct_ii),
        ]);
    }
    out.push_str(&t.render("Hubs (connections)"));

    let mut t = Table::new(&[
        "airline",
        "aircraft",
        "fleet",
        "needed",
        "peak week",
        "status",
    ]);
    for f in &this.fleet {
        t.row(vec![
            f.airline.clone(),
            f.aircraft.clone(),
            f.fleet.to_string(),
            f.needed.to_string(),
            f.peak_week.to_string(),
            if f.short { "SHORT".into() } else { "ok".into() },
        ]);
    }
    out.push_str(&t.render("Aircraft needed by the rotations (peak week) against the fleet"));
    let e = &this.engine;
    out.push_str(&format!(
        "Engine: {} events, {} booking requests, peak {} pending events, {:.2} s, {:.2} M events/s\n",
        count(e.events as f64),
        count(e.requests as f64),
        e.peak_pending,
        e.wall_seconds,
        e.events_per_second / 1e6
    ));
    out
}
