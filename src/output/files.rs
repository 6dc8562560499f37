//! The `--out DIR` files: `summary.json`, `flights.csv`, `routes.csv`, `markets.csv`,
//! `hubs.csv`, `daily.csv`, `weekly.csv`. Each is written to a temporary name and renamed, so a
//! reader never sees half a file.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::summary::Summary;
use crate::error::{Error, Result};
use crate::sim::{FlightStatus, Prepared, Results};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!(
        "{}.tmp{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    let mut f = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
    f.write_all(bytes).map_err(|e| Error::io(&tmp, e))?;
    f.sync_all().map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

/// Serialises rows to CSV text.
pub fn csv_text<T: Serialize>(rows: &[T]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.serialize(r).expect("rows serialise to CSV");
    }
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV is UTF-8")
}

#[derive(Serialize)]
struct FlightRow<'a> {
    replication: u32,
    date: String,
    airline: &'a str,
    flight: u16,
    origin: &'a str,
    destination: &'a str,
    scheduled_departure_utc: String,
    scheduled_arrival_utc: String,
    actual_departure_utc: String,
    actual_arrival_utc: String,
    departure_delay: i64,
    arrival_delay: i64,
    aircraft: &'a str,
    seats: u32,
    passengers: u32,
    local: u32,
    connecting: u32,
    status: &'static str,
}

/// `flights.csv`: one row per dated leg of the period per replication.
pub fn flights_csv(p: &Prepared, results: &[Results]) -> String {
    let data = p.net.data();
    let mut rows = Vec::new();
    for r in results {
        for f in &r.flights {
            let leg = p.net.leg(f.leg);
            let cancelled = f.status == FlightStatus::Cancelled;
            rows.push(FlightRow {
                replication: r.replication,
                date: leg.day.to_string(),
                airline: &data.airline(leg.airline).code,
                flight: leg.flight,
                origin: &data.airport(leg.origin).iata,
                destination: &data.airport(leg.destination).iata,
                scheduled_departure_utc: leg.dep.to_string(),
                scheduled_arrival_utc: leg.arr.to_string(),
                actual_departure_utc: if cancelled {
                    String::new()
                } else {
                    crate::time::UtcMinute(f.actual_dep).to_string()
                },
                actual_arrival_utc: if cancelled {
                    String::new()
                } else {
                    crate::time::UtcMinute(f.actual_arr).to_string()
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
                aircraft: &data.aircraft(leg.aircraft).name,
                seats: leg.seats,
                passengers: f.passengers,
                local: f.local,
                connecting: f.connecting,
                status: if cancelled { "cancelled" } else { "flown" },
            });
        }
    }
    csv_text(&rows)
}

/// Writes every output file into `dir` (created if needed).
pub fn write_outputs(
    dir: &Path,
    p: &Prepared,
    summary: &Summary,
    results: &[Results],
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    write_atomic(&dir.join("summary.json"), summary.to_json().as_bytes())?;
    write_atomic(&dir.join("flights.csv"), flights_csv(p, results).as_bytes())?;
    write_atomic(
        &dir.join("routes.csv"),
        csv_text(&summary.routes).as_bytes(),
    )?;
    write_atomic(
        &dir.join("markets.csv"),
        csv_text(&summary.markets).as_bytes(),
    )?;
    write_atomic(&dir.join("hubs.csv"), csv_text(&summary.hubs).as_bytes())?;
    write_atomic(&dir.join("daily.csv"), csv_text(&summary.daily).as_bytes())?;
    write_atomic(
        &dir.join("weekly.csv"),
        csv_text(&summary.weekly).as_bytes(),
    )?;
    Ok(())
}
