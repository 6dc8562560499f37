//! The `flightnet network` report: everything about one week of the schedule.

use flightnet_data::id::Idx;
use std::collections::BTreeSet;

use serde::Serialize;

use flightnet_data::config::ConnectionRules;
use flightnet_data::network::{Mct, Network};
use flightnet_data::time::{Day, format_hm};
use flightnet_sim::analysis::connectivity::{Connectivity, connectivity};
use flightnet_sim::analysis::critical::{Critical, critical};
use flightnet_sim::analysis::hubs::{HubStats, rank_hubs};
use flightnet_sim::analysis::market::{CountryPairService, country_pair};
use flightnet_sim::analysis::reach::{Reachability, reachability};

/// What to put in a [`NetworkReport`].
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// Connection rules for hubs and reachability.
    pub rules: ConnectionRules,
    /// How many hubs to list.
    pub top_hubs: usize,
    /// The country pair whose frequencies are broken down by carrier (ISO codes).
    pub countries: (String, String),
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            rules: ConnectionRules::default(),
            top_hubs: 10,
            countries: ("KZ".into(), "CN".into()),
        }
    }
}

/// One airport in the report.
#[derive(Clone, Debug, Serialize)]
pub struct AirportRow {
    /// IATA code.
    pub iata: String,
    /// ICAO code.
    pub icao: String,
    /// Name.
    pub name: String,
    /// City.
    pub city: String,
    /// Country (ISO 3166-1 alpha-2).
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// IANA zone.
    pub tz: String,
    /// UTC offset on the report date, e.g. `+06:00`.
    pub utc_offset: String,
    /// Minimum connecting times.
    pub mct: Mct,
    /// Legs departing in the week.
    pub weekly_departures: u32,
    /// Seats departing in the week.
    pub weekly_seats: u64,
    /// How the row is known (`S`, `S-plan`, `S-inf`, `E`).
    pub basis: Option<String>,
    /// Its sources: ids from `routes/SOURCES.md`, or `airportsdata` for a row filled in from
    /// the world airport table.
    pub source: String,
    /// Whether the row was filled in from the world airport table (the network's
    /// `airports.csv` does not define it).
    pub filled_in: bool,
}

/// One airline in the report.
#[derive(Clone, Debug, Serialize)]
pub struct AirlineRow {
    /// Designator.
    pub code: String,
    /// Name.
    pub name: String,
    /// Country.
    pub country: String,
    /// Airports it serves in the week.
    pub airports: u32,
    /// Routes (directed) it flies in the week.
    pub routes: u32,
    /// Legs in the week.
    pub weekly_flights: u32,
    /// Seats in the week.
    pub weekly_seats: u64,
    /// Whether the row is a placeholder (the network's `airlines.csv` does not define it).
    pub filled_in: bool,
}

/// One route in the report.
#[derive(Clone, Debug, Serialize)]
pub struct RouteRow {
    /// Airline designator.
    pub airline: String,
    /// Origin IATA code.
    pub origin: String,
    /// Destination IATA code.
    pub destination: String,
    /// Great-circle distance, km.
    pub distance_km: f64,
    /// Median block time in the week, minutes.
    pub block_minutes: i64,
    /// Legs in the week.
    pub weekly_flights: u32,
    /// Seats in the week.
    pub weekly_seats: u64,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct NetworkReport {
    /// First day of the week reported.
    pub week_start: Day,
    /// Last day of the week reported.
    pub week_end: Day,
    /// Totals for the week.
    pub totals: Totals,
    /// Every airport in the network, with its weekly activity.
    pub airports: Vec<AirportRow>,
    /// Airlines with service in the week.
    pub airlines: Vec<AirlineRow>,
    /// Routes flown in the week, by airline, origin, destination.
    pub routes: Vec<RouteRow>,
    /// Top hubs by connections.
    pub hubs: Vec<HubStats>,
    /// Frequencies between the chosen country pair.
    pub country_pair: CountryPairService,
    /// O&D pairs reachable nonstop, with one connection and with two.
    pub reachability: Reachability,
    /// Legal connections per hub by connect-time band, and the service quality of every O&D
    /// pair.
    pub connectivity: Connectivity,
    /// Critical airports and routes.
    pub critical: Critical,
}

/// Week totals.
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    /// Airports with service.
    pub airports_served: u32,
    /// Directed routes flown.
    pub routes: u32,
    /// Legs.
    pub flights: u32,
    /// Seats.
    pub seats: u64,
    /// Available seat-kilometres.
    pub ask: f64,
}

/// Builds the report for the week starting at `start`.
///
/// The network's window must cover the week and, for connections, the day after it.
pub fn network_report(net: &Network, start: Day, opts: &ReportOptions) -> NetworkReport {
    let data = net.data();
    let weeks = net.week(start);
    let n = data.airports.len();
    let mut deps = vec![0u32; n];
    let mut seats = vec![0u64; n];
    for w in &weeks {
        deps[w.origin.index()] += w.weekly_flights;
        seats[w.origin.index()] += w.weekly_seats;
    }
    let at = start.start_utc().plus(12 * 60);
    let airports = data
        .airports
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let off = a.zone.offset_minutes(at);
            AirportRow {
                iata: a.iata.clone(),
                icao: a.icao.clone(),
                name: a.name.clone(),
                city: a.city.clone(),
                country: a.country.clone(),
                lat: a.lat,
                lon: a.lon,
                tz: a.zone.name().to_string(),
                utc_offset: format!(
                    "{}{:02}:{:02}",
                    if off < 0 { '-' } else { '+' },
                    off.abs() / 60,
                    off.abs() % 60
                ),
                mct: a.mct,
                weekly_departures: deps[i],
                weekly_seats: seats[i],
                basis: a.provenance.basis.map(|b| b.code().to_string()),
                source: a.provenance.source.clone(),
                filled_in: flightnet_data::world::is_filled_in(&a.provenance),
            }
        })
        .collect();
    let airlines = data
        .airlines
        .iter()
        .enumerate()
        .filter_map(|(i, al)| {
            let mine: Vec<_> = weeks.iter().filter(|w| w.airline.index() == i).collect();
            if mine.is_empty() {
                return None;
            }
            let served: BTreeSet<u16> = mine
                .iter()
                .flat_map(|w| [w.origin.0, w.destination.0])
                .collect();
            Some(AirlineRow {
                code: al.code.clone(),
                name: al.name.clone(),
                country: al.country.clone(),
                airports: served.len() as u32,
                routes: mine.len() as u32,
                weekly_flights: mine.iter().map(|w| w.weekly_flights).sum(),
                weekly_seats: mine.iter().map(|w| w.weekly_seats).sum(),
                filled_in: flightnet_data::world::is_filled_in(&al.provenance),
            })
        })
        .collect();
    let mut routes: Vec<RouteRow> = weeks
        .iter()
        .map(|w| RouteRow {
            airline: data.airline(w.airline).code.clone(),
            origin: data.airport(w.origin).iata.clone(),
            destination: data.airport(w.destination).iata.clone(),
            distance_km: (w.distance_km * 10.0).round() / 10.0,
            block_minutes: w.block_minutes,
            weekly_flights: w.weekly_flights,
            weekly_seats: w.weekly_seats,
        })
        .collect();
    routes.sort_by(|a, b| {
        (&a.airline, &a.origin, &a.destination).cmp(&(&b.airline, &b.origin, &b.destination))
    });
    let totals = Totals {
        airports_served: deps.iter().filter(|&&d| d > 0).count() as u32,
        routes: weeks.len() as u32,
        flights: weeks.iter().map(|w| w.weekly_flights).sum(),
        seats: weeks.iter().map(|w| w.weekly_seats).sum(),
        ask: weeks
            .iter()
            .map(|w| w.weekly_seats as f64 * w.distance_km)
            .sum::<f64>()
            .round(),
    };
    let conn = connectivity(net, start, &opts.rules);
    let mut reach = reachability(net, start, &opts.rules);
    reach.add_two_stops(&conn.markets);
    NetworkReport {
        week_start: start,
        week_end: start.plus_days(6),
        totals,
        airports,
        airlines,
        routes,
        hubs: rank_hubs(net, start, &opts.rules, opts.top_hubs),
        country_pair: country_pair(net, start, &opts.countries.0, &opts.countries.1),
        reachability: reach,
        connectivity: conn,
        critical: critical(net, start),
    }
}

impl NetworkReport {
    /// Renders the report as plain-text tables for a terminal.
    pub fn to_table(&self) -> String {
        use crate::table::Table;
        let mut out = String::new();
        let t = &self.totals;
        out.push_str(&format!(
            "Network week {} to {}: {} airports served, {} routes, {} flights, {} seats, {:.1} M ASK\n\n",
            self.week_start,
            self.week_end,
            t.airports_served,
            t.routes,
            t.flights,
            t.seats,
            t.ask / 1e6
        ));
        let mut tb = Table::new(&[
            "airline",
            "name",
            "airports",
            "routes",
            "flights/wk",
            "seats/wk",
        ]);
        for a in &self.airlines {
            tb.row(vec![
                a.code.clone(),
                a.name.clone(),
                a.airports.to_string(),
                a.routes.to_string(),
                a.weekly_flights.to_string(),
                a.weekly_seats.to_string(),
            ]);
        }
        out.push_str(&tb.render("Airlines"));
        let filled: Vec<&str> = self
            .airports
            .iter()
            .filter(|a| a.filled_in)
            .map(|a| a.iata.as_str())
            .collect();
        if !filled.is_empty() {
            out.push_str(&format!(
                "Filled in from the world airport table (not in airports.csv; basis E, IATA default MCTs): {}\n",
                filled.join(" ")
            ));
        }
        let placeholders: Vec<&str> = self
            .airlines
            .iter()
            .filter(|a| a.filled_in)
            .map(|a| a.code.as_str())
            .collect();
        if !placeholders.is_empty() {
            out.push_str(&format!(
                "Placeholder airlines (not in airlines.csv): {}\n",
                placeholders.join(" ")
            ));
        }
        if !filled.is_empty() || !placeholders.is_empty() {
            out.push('\n');
        }
        let cp = &self.country_pair;
        let mut tb = Table::new(&["airline", "pair", "out", "back", "round trips/wk"]);
        for c in &cp.carriers {
            for p in &c.pairs {
                tb.row(vec![
                    c.airline.clone(),
                    format!("{}–{}", p.a, p.b),
                    p.a_to_b.to_string(),
                    p.b_to_a.to_string(),
                    fmt_freq(p.round_trips),
                ]);
            }
            tb.row(vec![
                c.airline.clone(),
                "all".into(),
                String::new(),
                String::new(),
                fmt_freq(c.round_trips),
            ]);
        }
        tb.row(vec![
            "all".into(),
            String::new(),
            String::new(),
            String::new(),
            fmt_freq(cp.round_trips),
        ]);
        out.push_str(&tb.render(&format!(
            "{}–{} weekly frequencies by carrier",
            cp.country_a, cp.country_b
        )));
        let mut tb = Table::new(&[
            "hub",
            "departures",
            "seats",
            "destinations",
            "connections",
            "connecting O&Ds",
        ]);
        for h in &self.hubs {
            tb.row(vec![
                h.airport.clone(),
                h.weekly_departures.to_string(),
                h.weekly_seats.to_string(),
                h.destinations.to_string(),
                h.connections.to_string(),
                h.connecting_markets.to_string(),
            ]);
        }
        out.push_str(&tb.render("Top hubs (legal connections in the week)"));
        let r = &self.reachability;
        out.push_str(&format!(
            "O&D pairs reachable: {} (nonstop {}, with one MCT-feasible connection {}, connection only {})\n",
            r.reachable_pairs, r.nonstop_pairs, r.one_connection_pairs, r.connection_only_pairs
        ));
        let c = &self.connectivity;
        if c.max_stops >= 2 {
            out.push_str(&format!(
                "  with two connections: {} pairs, {} of them reachable only so\n",
                r.two_connection_pairs, r.two_connection_only_pairs
            ));
        }
        out.push('\n');
        out.push_str(&self.connectivity_tables(self.hubs.len()));
        out.push_str(&format!(
            "Critical airports (articulation points): {}\n",
            if self.critical.airports.is_empty() {
                "none".to_string()
            } else {
                self.critical.airports.join(" ")
            }
        ));
        out.push_str(&format!(
            "Critical routes (bridges): {}\n\n",
            if self.critical.routes.is_empty() {
                "none".to_string()
            } else {
                self.critical
                    .routes
                    .iter()
                    .map(|(a, b)| format!("{a}–{b}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        ));
        let mut tb = Table::new(&[
            "airline",
            "origin",
            "dest",
            "km",
            "block",
            "flights/wk",
            "seats/wk",
        ]);
        for r in &self.routes {
            tb.row(vec![
                r.airline.clone(),
                r.origin.clone(),
                r.destination.clone(),
                format!("{:.0}", r.distance_km),
                format_hm(r.block_minutes),
                r.weekly_flights.to_string(),
                r.weekly_seats.to_string(),
            ]);
        }
        out.push_str(&tb.render("Routes"));
        out
    }
}

impl NetworkReport {
    /// The connectivity tables: the top `top` hubs' connections by connect-time band, and the
    /// O&D pairs with the highest service quality index.
    pub fn connectivity_tables(&self, top: usize) -> String {
        use crate::table::Table;
        let c = &self.connectivity;
        let mut out = String::new();
        let mut head = vec!["hub", "connections"];
        head.extend(c.bands.iter().copied());
        head.push("interline");
        let mut tb = Table::new(&head);
        for h in c.hubs.iter().take(top) {
            let mut row = vec![h.airport.clone(), h.connections.to_string()];
            row.extend(h.by_band.iter().map(u64::to_string));
            row.push(h.interline.to_string());
            tb.row(row);
        }
        out.push_str(
            &tb.render(
                "Hub connectivity (legal connections in the week by scheduled connect time)",
            ),
        );
        let mut markets: Vec<_> = c.markets.iter().collect();
        markets.sort_by(|a, b| {
            b.qsi
                .total_cmp(&a.qsi)
                .then((&a.origin, &a.destination).cmp(&(&b.origin, &b.destination)))
        });
        let mut tb = Table::new(&[
            "O&D", "km", "nonstop", "1 stop", "2 stops", "fastest", "QSI",
        ]);
        let hm = |m: Option<i64>| m.map_or("-".to_string(), format_hm);
        for m in markets.iter().take(top.max(10)) {
            let fastest = m.fastest_minutes.iter().flatten().min().copied();
            tb.row(vec![
                format!("{}–{}", m.origin, m.destination),
                format!("{:.0}", m.distance_km),
                m.nonstop.to_string(),
                m.one_stop.to_string(),
                m.two_stop.to_string(),
                hm(fastest),
                format!("{:.2}", m.qsi),
            ]);
        }
        out.push_str(&tb.render(&format!(
            "O&D service quality (weekly departures by stops; QSI weights {}/{}/{}; {} pairs served best nonstop, {} with one stop, {} with two)",
            c.qsi_weights[0],
            c.qsi_weights[1],
            c.qsi_weights[2],
            c.pairs_by_best[0],
            c.pairs_by_best[1],
            c.pairs_by_best[2]
        )));
        out
    }
}

fn fmt_freq(f: f64) -> String {
    if f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        format!("{f:.1}")
    }
}
