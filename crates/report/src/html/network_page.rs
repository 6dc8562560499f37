//! The `flightnet network --report` page: one week's connectivity as a self-contained HTML
//! file (the run report's theme, no scripts, nothing fetched; the same report gives the same
//! bytes).

use super::markup::{Markup, a};
use super::style::THEME;
use super::table::{Cell, Table};
use crate::network::NetworkReport;
use flightnet_data::time::format_hm;

fn section(m: &mut Markup, id: &str, title: &str) {
    m.open("section", &[a("id", id)]);
    m.elem("h2", &[], title);
}

/// Renders the network report of a week, listing the top `top` hubs and O&D pairs.
pub fn render(r: &NetworkReport, top: usize) -> String {
    let c = &r.connectivity;
    let mut m = Markup::new();
    m.raw("<!DOCTYPE html>\n");
    m.open("html", &[a("lang", "en")]);
    m.open("head", &[]);
    m.leaf("meta", &[a("charset", "utf-8")]);
    let title = format!("flightnet network: week {} to {}", r.week_start, r.week_end);
    m.elem("title", &[], &title);
    m.elem("style", &[], &THEME.css());
    m.close("head");
    m.open("body", &[]).open("main", &[]).open("header", &[]);
    m.elem("h1", &[], &title);
    let t = &r.totals;
    m.elem(
        "p",
        &[a("class", "lead")],
        &format!(
            "{} airports served, {} routes, {} flights, {} seats; itineraries of up to {} connection{}.",
            t.airports_served,
            t.routes,
            t.flights,
            t.seats,
            c.max_stops,
            if c.max_stops == 1 { "" } else { "s" }
        ),
    );
    m.close("header");

    section(&mut m, "hubs", "Hub connectivity");
    m.elem(
        "p",
        &[a("class", "note")],
        "Legal connections (at least the MCT, at most the maximum connect time, airlines allowed to connect) whose first leg departs in the week, by scheduled connect time.",
    );
    let mut head = vec!["hub".to_string(), "connections".to_string()];
    head.extend(c.bands.iter().map(|b| b.to_string()));
    head.push("interline".to_string());
    let mut tb = Table::new("hub-connectivity", head);
    for h in c.hubs.iter().take(top) {
        let mut cells = vec![
            Cell::text(&h.airport),
            Cell::value(&h.connections.to_string()),
        ];
        cells.extend(h.by_band.iter().map(|n| Cell::value(&n.to_string())));
        cells.push(Cell::value(&h.interline.to_string()));
        tb.row(&format!("hub-{}", h.airport), cells);
    }
    m.append(tb.finish());
    m.close("section");

    section(&mut m, "markets", "O&D service quality");
    let rch = &r.reachability;
    m.elem(
        "p",
        &[a("class", "note")],
        &format!(
            "{} O&D pairs reachable: {} nonstop, {} with one connection ({} only so), {} with two ({} only so). Departures count once per number of stops with their fastest continuation; the quality index weighs a nonstop, one-stop and two-stop departure {}, {} and {}, each scaled by the pair's fastest elapsed time over its own.",
            rch.reachable_pairs,
            rch.nonstop_pairs,
            rch.one_connection_pairs,
            rch.connection_only_pairs,
            rch.two_connection_pairs,
            rch.two_connection_only_pairs,
            c.qsi_weights[0],
            c.qsi_weights[1],
            c.qsi_weights[2]
        ),
    );
    let mut markets: Vec<_> = c.markets.iter().collect();
    markets.sort_by(|a, b| {
        b.qsi
            .total_cmp(&a.qsi)
            .then((&a.origin, &a.destination).cmp(&(&b.origin, &b.destination)))
    });
    let head = [
        "O&D", "km", "nonstop", "1 stop", "2 stops", "fastest", "QSI",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut tb = Table::new("od-quality", head);
    for q in markets.iter().take(top.max(10)) {
        let fastest = q
            .fastest_minutes
            .iter()
            .flatten()
            .min()
            .map_or("-".to_string(), |&m| format_hm(m));
        tb.row(
            &format!("od-{}-{}", q.origin, q.destination),
            vec![
                Cell::text(&format!("{}–{}", q.origin, q.destination)),
                Cell::value(&format!("{:.0}", q.distance_km)),
                Cell::value(&q.nonstop.to_string()),
                Cell::value(&q.one_stop.to_string()),
                Cell::value(&q.two_stop.to_string()),
                Cell::value(&fastest),
                Cell::value(&format!("{:.2}", q.qsi)),
            ],
        );
    }
    m.append(tb.finish());
    m.close("section");

    let filled: Vec<&str> = r
        .airports
        .iter()
        .filter(|a| a.filled_in)
        .map(|a| a.iata.as_str())
        .collect();
    m.open("footer", &[]);
    if !filled.is_empty() {
        m.elem(
            "p",
            &[a("class", "note")],
            &format!(
                "Filled in from the world airport table (not in airports.csv; basis E, IATA default MCTs): {}.",
                filled.join(" ")
            ),
        );
    }
    m.elem(
        "p",
        &[a("class", "note")],
        &format!("Written by flightnet {}.", env!("CARGO_PKG_VERSION")),
    );
    m.close("footer");
    m.close("main").close("body").close("html");
    m.finish()
}
