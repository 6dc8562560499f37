//! The HTML report: well-formed, complete, true to summary.json, deterministic, the same from
//! `run --report` and `report DIR`, and errors on bad input name the file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use quick_xml::XmlVersion;
use quick_xml::events::Event;

use flightnet::runner::{Overrides, Study};
use flightnet_data::scenario::Scenario;
use flightnet_data::time::Day;
use flightnet_report::files::{FlightRow, flight_rows};
use flightnet_report::html::{ReportInput, RunFiles, render, render_compare};
use flightnet_sim::summary::Summary;

use crate::fixture::bin;

/// Four weeks of the built-in scenario while KZ–CN flights run.
const START: &str = "2023-03-01";
const END: &str = "2023-03-28";

fn simulate(seed: u64, replications: u32) -> (Summary, Vec<FlightRow>) {
    let mut scenario = Scenario::builtin(Path::new("routes"));
    Overrides {
        seed: Some(seed),
        start: Day::parse(START),
        end: Day::parse(END),
        replications: Some(replications),
    }
    .apply(&mut scenario);
    let study = Study::new(scenario).unwrap();
    let results = study.run_all(&|_, _| {});
    (
        study.summary(&results),
        flight_rows(&study.prepared, &results),
    )
}

/// [`simulate`] once per process for each `(seed, replications)`.
fn cached(seed: u64, replications: u32) -> Arc<(Summary, Vec<FlightRow>)> {
    type Cell = Arc<OnceLock<Arc<(Summary, Vec<FlightRow>)>>>;
    static RUNS: Mutex<BTreeMap<(u64, u32), Cell>> = Mutex::new(BTreeMap::new());
    let cell = RUNS
        .lock()
        .unwrap()
        .entry((seed, replications))
        .or_default()
        .clone();
    cell.get_or_init(|| Arc::new(simulate(seed, replications)))
        .clone()
}

fn report(s: &Summary, f: &[FlightRow]) -> String {
    render(&ReportInput {
        summary: s,
        flights: f,
    })
}

/// An element of the parsed report.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    /// Every element below (and including) this one, depth first.
    fn all(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.all());
        }
        out
    }

    fn by_id(&self, id: &str) -> &Node {
        self.all()
            .into_iter()
            .find(|n| n.attrs.get("id").map(String::as_str) == Some(id))
            .unwrap_or_else(|| panic!("no element with id {id}"))
    }

    /// The text of this element and everything below it.
    fn full_text(&self) -> String {
        let mut s = self.text.clone();
        for c in &self.children {
            s.push_str(&c.full_text());
        }
        s
    }

    /// The texts of the `<td>` cells of a table row.
    fn cells(&self) -> Vec<String> {
        self.children
            .iter()
            .filter(|c| c.name == "td")
            .map(|c| c.full_text())
            .collect()
    }
}

/// Parses the report as XML (every tag closed, attributes quoted, only XML's entities).
fn parse(html: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut stack = vec![Node::default()];
    let open = |e: &quick_xml::events::BytesStart| Node {
        name: e.name().as_ref().to_string(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("well-formed attribute");
                (
                    a.key.as_ref().to_string(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => stack.push(open(&e)),
            Ok(Event::Empty(e)) => {
                let n = open(&e);
                stack.last_mut().unwrap().children.push(n);
            }
            Ok(Event::End(_)) => {
                let n = stack.pop().unwrap();
                stack.last_mut().expect("balanced tags").children.push(n);
            }
            Ok(Event::Text(t)) => stack.last_mut().unwrap().text.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(r)) => {
                let c = match r.resolve_char_ref().expect("valid character reference") {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.xml10_content();
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_else(|| panic!("entity &{name}; is not XML"))
                            .to_string()
                    }
                };
                stack.last_mut().unwrap().text.push_str(&c);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at byte {}: {e}", reader.error_position()),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}

/// `12,345` → 12345, `69.3%` → 0.693.
fn number(text: &str) -> f64 {
    let t = text.trim().replace(',', "");
    match t.strip_suffix('%') {
        Some(p) => p.parse::<f64>().unwrap() / 100.0,
        None => t
            .parse()
            .unwrap_or_else(|_| panic!("{text:?} is not a number")),
    }
}

#[test]
fn the_report_is_well_formed_with_every_section_and_true_to_the_summary() {
    let run = cached(7, 1);
    let (summary, flights) = (&run.0, &run.1);
    let html = report(summary, flights);
    assert!(html.starts_with("<!DOCTYPE html>\n<html"));
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    assert_eq!(doc.name, "html");
    for id in [
        "scenario",
        "headline",
        "map",
        "resumption",
        "connections",
        "capacity",
    ] {
        assert_eq!(doc.by_id(id).name, "section", "{id}");
    }
    for id in [
        "map-run",
        "chart-market-weekly",
        "chart-market-lf",
        "chart-made-missed",
        "chart-lf-focus",
        "chart-lf-busiest",
        "chart-spill",
    ] {
        let svg = doc.by_id(id);
        assert_eq!(svg.name, "svg", "{id}");
        assert!(svg.children.iter().any(|c| c.name == "title"), "{id}");
    }
    // Self-contained: no scripts, nothing fetched.
    assert!(
        doc.all()
            .iter()
            .all(|n| n.name != "script" && n.name != "link")
    );
    assert!(
        !html
            .replace("http://www.w3.org/2000/svg", "")
            .contains("http")
    );

    // Traceable: seed and period.
    let seed = doc.by_id("scenario-seed").cells();
    assert_eq!(seed[1], "7");
    assert!(doc.by_id("scenario-period").cells()[1].starts_with("2023-03-01 to 2023-03-28"));
    assert!(doc.by_id("scenario-focus").cells()[1].contains("Kazakhstan–China"));

    // Headline figures.
    for name in ["flights", "passengers", "spilled", "connections_made"] {
        let cells = doc.by_id(&format!("headline-{name}")).cells();
        assert_eq!(
            number(&cells[1]),
            summary.totals[name].mean().round(),
            "{name}"
        );
    }
    let lf = number(&doc.by_id("headline-load_factor").cells()[1]);
    assert!((lf - summary.totals["load_factor"].mean()).abs() <= 0.0005);

    // A route's load factor.
    let route = summary
        .routes
        .iter()
        .find(|r| r.airline == "KC" && r.origin == "ALA" && r.destination == "PEK")
        .expect("KC flies ALA-PEK in March 2023");
    let cells = doc.by_id("route-KC-ALA-PEK").cells();
    assert_eq!(cells[0], "KC ALA→PEK");
    assert_eq!(number(&cells[2]), route.seats.0);
    assert!((number(&cells[4]) - route.load_factor.0).abs() <= 0.0005);

    // A hub's made and missed connections.
    let hub = &summary.hubs[0];
    let cells = doc.by_id(&format!("hub-{}", hub.airport)).cells();
    assert_eq!(number(&cells[2]), hub.made.0);
    assert_eq!(number(&cells[3]), hub.missed.0);
    assert!(
        doc.by_id(&format!("chart-connect-{}", hub.airport))
            .full_text()
            .contains(&format!(
                "{} missed",
                flightnet_report::html::fmt::count(hub.missed.0)
            ))
    );
}

#[test]
fn the_summary_holds_connect_time_histograms() {
    let run = cached(7, 1);
    let summary = &run.0;
    assert_eq!(summary.connect_times.len(), summary.hubs.len());
    for (h, t) in summary.hubs.iter().zip(&summary.connect_times) {
        assert_eq!(h.airport, t.airport);
        assert_eq!((t.bin_minutes, t.max_minutes), (15, 720));
        assert_eq!(t.made.len(), 49);
        let made: f64 = t.made.iter().map(|n| n.0).sum();
        assert_eq!(made, h.made.0, "{}", h.airport);
    }
    // Older summaries without them still load.
    let mut v: serde_json::Value = serde_json::from_str(&summary.to_json()).unwrap();
    v.as_object_mut().unwrap().remove("connect_times");
    let old = Summary::from_json(&v.to_string()).unwrap();
    assert!(old.connect_times.is_empty());
    parse(report(&old, &[]).strip_prefix("<!DOCTYPE html>\n").unwrap());
}

#[test]
fn an_empty_run_still_renders_every_section() {
    let json = serde_json::json!({
        "scenario": {"name": "<empty> & \"odd\"", "file": "x.toml", "network": "n",
            "start": "2023-03-10", "end": "2023-03-01", "seed": 1, "replications": 1,
            "version": "0"},
        "totals": {}, "airports": [], "routes": [], "markets": [], "hubs": [], "daily": [],
        "weekly": [], "fleet": [],
        "engine": {"events": 0, "requests": 0, "peak_pending": 0, "wall_seconds": 0.0,
            "events_per_second": 0.0}
    });
    let summary = Summary::from_json(&json.to_string()).unwrap();
    let html = report(&summary, &[]);
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    for id in [
        "scenario",
        "headline",
        "map",
        "resumption",
        "connections",
        "capacity",
    ] {
        doc.by_id(id);
    }
    assert_eq!(doc.by_id("scenario-name").cells()[1], "<empty> & \"odd\"");
}

#[test]
fn the_report_is_byte_identical_for_the_same_seed() {
    let (s1, f1) = simulate(7, 1);
    let again = cached(7, 1);
    assert_eq!(report(&s1, &f1), report(&again.0, &again.1));
    let other = cached(12, 1);
    assert_ne!(report(&s1, &f1), report(&other.0, &other.1));
}

#[test]
fn replications_draw_confidence_bands_and_intervals() {
    let (summary, flights) = simulate(5, 3);
    let html = report(&summary, &flights);
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    let weekly = doc.by_id("chart-market-weekly");
    assert!(weekly.full_text().contains("95% confidence band"));
    let bands = weekly
        .all()
        .into_iter()
        .filter(|n| n.name == "path" && n.attrs.contains_key("fill-opacity"))
        .count();
    assert_eq!(bands, 2, "passengers and seats");
    let cells = doc.by_id("headline-passengers").cells();
    assert_eq!(cells.len(), 3);
    assert!(cells[2].contains(" – "), "{cells:?}");
}

#[test]
fn compare_puts_two_runs_side_by_side() {
    let (ra, rb) = (cached(7, 1), cached(12, 1));
    let (a, b) = (&ra.0, &rb.0);
    let html = render_compare(
        &ReportInput {
            summary: a,
            flights: &ra.1,
        },
        &ReportInput {
            summary: b,
            flights: &rb.1,
        },
    );
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    assert_eq!(doc.by_id("map-A").name, "svg");
    assert_eq!(doc.by_id("map-B").name, "svg");
    let cells = doc.by_id("headline-passengers").cells();
    assert_eq!(number(&cells[1]), a.totals["passengers"].mean());
    assert_eq!(number(&cells[2]), b.totals["passengers"].mean());
    let weekly = doc.by_id("chart-market-weekly").full_text();
    assert!(weekly.contains("A passengers") && weekly.contains("B passengers"));
}

#[test]
fn report_dir_equals_run_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let during = tmp.path().join("during.html");
    let status = bin()
        .args([
            "run",
            "--start",
            START,
            "--end",
            "2023-03-14",
            "--seed",
            "3",
        ])
        .arg("--out")
        .arg(&out)
        .arg("--report")
        .arg(&during)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let o = bin().arg("report").arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = std::fs::read(out.join("report.html")).unwrap();
    assert_eq!(std::fs::read(&during).unwrap(), after);
    // The library reads the folder the same way.
    let files = RunFiles::read(&out).unwrap();
    assert_eq!(render(&files.input()).into_bytes(), after);
}

#[test]
fn bad_run_folders_are_errors_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let check = |file: &str| {
        let o = bin().arg("report").arg(dir).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains(file), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    };
    // No manifest: not a (whole) results folder.
    check("manifest.json is missing");
    // Folders whole by their manifest but with bad files: the file is named.
    let folder = |files: &[(&str, &str)]| {
        let mut s = flightnet_report::output::Staging::begin(dir).unwrap();
        for (name, text) in files {
            s.write(name, text.as_bytes()).unwrap();
        }
        s.commit("run", &[]).unwrap();
    };
    folder(&[]);
    check("summary.json");
    folder(&[("summary.json", "{\"scenario\": 3}")]);
    check("summary.json");
    let good = cached(7, 1).0.to_json();
    folder(&[("summary.json", &good)]);
    check("flights.csv");
    folder(&[
        ("summary.json", &good),
        ("flights.csv", "replication,date\nx,y\n"),
    ]);
    check("flights.csv");
    assert!(!dir.join("report.html").exists());
}
