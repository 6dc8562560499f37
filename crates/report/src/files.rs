//! The `--out DIR` files: `summary.json`, `flights.csv`, `routes.csv`, `markets.csv`,
//! `hubs.csv`, `daily.csv`, `weekly.csv`. They are written into a staged results folder
//! ([`crate::output::Staging`]) that replaces the old one whole, with its manifest, when the
//! command commits it.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::output::Staging;
use flightnet_data::error::{Error, Result};
use flightnet_data::time::Day;
use flightnet_sim::simulation::{FlightStatus, Prepared, Results};
use flightnet_sim::summary::Summary;

/// Writes `bytes` to `path` atomically (see [`crate::output::write_file`]: symbolic links
/// followed, `-` for standard output).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::output::write_file(path, bytes)
}

/// Serialises rows to CSV text.
pub fn csv_text<T: Serialize>(rows: &[T]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).expect("rows serialise to CSV");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV is UTF-8")
}

/// One row of `flights.csv`: a dated leg in one replication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlightRow {
    /// Replication number.
    pub replication: u32,
    /// Departure date (local at the origin).
    pub date: Day,
    /// Airline code.
    pub airline: String,
    /// Flight number.
    pub flight: u16,
    /// Origin airport.
    pub origin: String,
    /// Destination airport.
    pub destination: String,
    /// Scheduled departure, `YYYY-MM-DDTHH:MMZ`.
    pub scheduled_departure_utc: String,
    /// Scheduled arrival.
    pub scheduled_arrival_utc: String,
    /// Actual departure (empty when cancelled).
    pub actual_departure_utc: String,
    /// Actual arrival (empty when cancelled).
    pub actual_arrival_utc: String,
    /// Departure delay, minutes.
    pub departure_delay: i64,
    /// Arrival delay, minutes.
    pub arrival_delay: i64,
    /// Aircraft type name.
    pub aircraft: String,
    /// Seats.
    pub seats: u32,
    /// Passengers boarded.
    pub passengers: u32,
    /// Of which local.
    pub local: u32,
    /// Of which connecting.
    pub connecting: u32,
    /// `flown` or `cancelled`.
    pub status: String,
}

/// The `flights.csv` rows of some replications, in replication then departure order.
pub fn flight_rows(p: &Prepared, results: &[Results]) -> Vec<FlightRow> {
    let data = p.net.data();
    let mut rows = Vec::new();
    for r in results {
        for f in &r.flights {
            let leg = p.net.leg(f.leg);
            let cancelled = f.status == FlightStatus::Cancelled;
            let utc = |m: i64| flightnet_data::time::UtcMinute(m).to_string();
            rows.push(FlightRow {
                replication: r.replication,
                date: leg.day,
                airline: data.airline(leg.airline).code.clone(),
                flight: leg.flight,
                origin: data.airport(leg.origin).iata.clone(),
                destination: data.airport(leg.destination).iata.clone(),
                scheduled_departure_utc: leg.dep.to_string(),
                scheduled_arrival_utc: leg.arr.to_string(),
                actual_departure_utc: if cancelled {
                    String::new()
                } else {
                    utc(f.actual_dep)
                },
                actual_arrival_utc: if cancelled {
                    String::new()
                } else {
                    utc(f.actual_arr)
                },
                departure_delay: if cancelled {
                    0
                } else {
                    f.actual_dep - leg.dep.0
                },
                arrival_delay: if cancelled {
                    0
                } else {
                    f.actual_arr - leg.arr.0
                },
                aircraft: data.aircraft(leg.aircraft).name.clone(),
                seats: leg.seats,
                passengers: f.passengers,
                local: f.local,
                connecting: f.connecting,
                status: if cancelled { "cancelled" } else { "flown" }.to_string(),
            });
        }
    }
    rows
}

/// Reads `flights.csv` back.
pub fn read_flight_rows(path: &Path) -> Result<Vec<FlightRow>> {
    let mut r = csv::Reader::from_path(path)
        .map_err(|e| Error::Request(format!("{}: {e}", path.display())))?;
    r.deserialize()
        .collect::<std::result::Result<Vec<FlightRow>, _>>()
        .map_err(|e| Error::Request(format!("{}: {e}", path.display())))
}

/// One row of `routes.csv`: a route's figures, its class mix as `CLASS:tickets` pairs joined
/// by `;`.
#[derive(Serialize)]
struct RouteCsv<'a> {
    airline: &'a str,
    origin: &'a str,
    destination: &'a str,
    distance_km: flightnet_sim::summary::Num,
    flights: flightnet_sim::summary::Num,
    cancelled: flightnet_sim::summary::Num,
    seats: flightnet_sim::summary::Num,
    passengers: flightnet_sim::summary::Num,
    local: flightnet_sim::summary::Num,
    connecting: flightnet_sim::summary::Num,
    load_factor: flightnet_sim::summary::Num,
    on_time_performance: flightnet_sim::summary::Num,
    mean_departure_delay: flightnet_sim::summary::Num,
    revenue: flightnet_sim::summary::Num,
    cost: flightnet_sim::summary::Num,
    profit: flightnet_sim::summary::Num,
    network_revenue: flightnet_sim::summary::Num,
    no_shows: flightnet_sim::summary::Num,
    denied_boardings: flightnet_sim::summary::Num,
    class_mix: String,
}

/// `routes.csv`'s text.
pub fn routes_csv(summary: &Summary) -> String {
    let rows: Vec<RouteCsv<'_>> = summary
        .routes
        .iter()
        .map(|r| RouteCsv {
            airline: &r.airline,
            origin: &r.origin,
            destination: &r.destination,
            distance_km: r.distance_km,
            flights: r.flights,
            cancelled: r.cancelled,
            seats: r.seats,
            passengers: r.passengers,
            local: r.local,
            connecting: r.connecting,
            load_factor: r.load_factor,
            on_time_performance: r.on_time_performance,
            mean_departure_delay: r.mean_departure_delay,
            revenue: r.revenue,
            cost: r.cost,
            profit: r.profit,
            network_revenue: r.network_revenue,
            no_shows: r.no_shows,
            denied_boardings: r.denied_boardings,
            class_mix: r
                .class_mix
                .iter()
                .map(|(c, n)| format!("{c}:{}", serde_json::to_string(n).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(";"),
        })
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.serialize(r).expect("rows serialise to CSV");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV is UTF-8")
}

/// Writes every output file of one run into a staged results folder, under `prefix` (`""` for
/// the folder itself, or a sub-folder name followed by `/`).
pub fn write_outputs(
    out: &mut Staging,
    prefix: &str,
    p: &Prepared,
    summary: &Summary,
    results: &[Results],
) -> Result<()> {
    let files: [(&str, String); 8] = [
        ("summary.json", summary.to_json()),
        ("flights.csv", csv_text(&flight_rows(p, results))),
        ("routes.csv", routes_csv(summary)),
        ("airlines.csv", csv_text(&summary.airlines)),
        ("markets.csv", csv_text(&summary.markets)),
        ("hubs.csv", csv_text(&summary.hubs)),
        ("daily.csv", csv_text(&summary.daily)),
        ("weekly.csv", csv_text(&summary.weekly)),
    ];
    for (name, text) in files {
        out.write(&format!("{prefix}{name}"), text.as_bytes())?;
    }
    Ok(())
}
