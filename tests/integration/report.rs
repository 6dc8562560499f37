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
        self.find(id)
            .unwrap_or_else(|| panic!("no element with id {id}"))
    }

    fn find(&self, id: &str) -> Option<&Node> {
        self.all()
            .into_iter()
            .find(|n| n.attrs.get("id").map(String::as_str) == Some(id))
    }

    /// The targets of the navigation links (`#map` → `map`).
    fn nav(&self) -> Vec<String> {
        self.all()
            .into_iter()
            .filter(|n| n.name == "nav")
            .flat_map(|n| n.children.iter())
            .filter_map(|a| a.attrs.get("href"))
            .map(|h| h.trim_start_matches('#').to_string())
            .collect()
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

/// `12,345` → 12345, `69.3%` → 0.693, `−5.3%` → -0.053.
fn number(text: &str) -> f64 {
    let t = text.trim().replace(',', "").replace('−', "-");
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
        "money",
        "booking",
    ] {
        assert_eq!(doc.by_id(id).name, "section", "{id}");
    }
    // No comparison with observations: no calibration section, and no link to one.
    assert!(doc.find("calibration").is_none());
    assert_eq!(
        doc.nav(),
        [
            "scenario",
            "headline",
            "map",
            "resumption",
            "connections",
            "capacity",
            "money",
            "booking"
        ]
    );
    for id in [
        "map-run",
        "chart-market-weekly",
        "chart-market-lf",
        "chart-made-missed",
        "chart-lf-focus",
        "chart-lf-busiest",
        "chart-spill",
        "chart-demand-outcomes",
        "chart-rask-cask",
        "chart-route-profit",
        "chart-class-mix",
        "chart-booking-curves",
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
    // A percentage with one decimal of the figure as summary.json writes it (four decimals):
    // two roundings, 0.0005 + 0.00005 at most.
    let lf = number(&doc.by_id("headline-load_factor").cells()[1]);
    assert!((lf - summary.totals["load_factor"].mean()).abs() <= 0.00055);

    // A route's load factor.
    let route = summary
        .routes
        .iter()
        .find(|r| r.airline == "KC" && r.origin == "ALA" && r.destination == "PEK")
        .expect("KC flies ALA-PEK in March 2023");
    let cells = doc.by_id("route-KC-ALA-PEK").cells();
    assert_eq!(cells[0], "KC ALA→PEK");
    assert_eq!(number(&cells[2]), route.seats.0);
    assert!((number(&cells[4]) - route.load_factor.0).abs() <= 0.00055);

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
fn money_booking_curves_and_demand_outcomes_are_true_to_the_summary() {
    let run = cached(7, 1);
    let (summary, flights) = (&run.0, &run.1);
    assert_eq!(summary.scenario.currency.as_deref(), Some("USD"));
    let doc = parse(
        report(summary, flights)
            .strip_prefix("<!DOCTYPE html>\n")
            .unwrap(),
    );
    let close = |x: f64, y: f64, tol: f64, what: &str| {
        assert!((x - y).abs() <= tol, "{what}: {x} against {y}");
    };

    // The money headline: whole currency units, the currency in the label; per-km figures
    // in cents with two decimals. The headline table formats them the same way.
    for name in ["revenue", "cost", "profit"] {
        for table in ["money", "headline"] {
            let cells = doc.by_id(&format!("{table}-{name}")).cells();
            assert!(cells[0].ends_with("(USD)"), "{cells:?}");
            assert_eq!(
                number(&cells[1]),
                summary.totals[name].mean().round(),
                "{name}"
            );
        }
    }
    for name in ["yield", "rask", "cask"] {
        let cells = doc.by_id(&format!("money-{name}")).cells();
        assert!(cells[0].contains("USD cents per"), "{cells:?}");
        close(number(&cells[1]), summary.totals[name].mean(), 0.005, name);
    }
    let profit = summary.totals["revenue"].mean() - summary.totals["cost"].mean();
    close(summary.totals["profit"].mean(), profit, 0.01, "profit");

    // Airlines.
    assert!(!summary.airlines.is_empty());
    for x in &summary.airlines {
        let cells = doc.by_id(&format!("airline-{}", x.airline)).cells();
        assert_eq!(cells[0], x.airline);
        assert_eq!(number(&cells[1]), x.revenue.0.round());
        assert_eq!(number(&cells[2]), x.cost.0.round());
        assert_eq!(number(&cells[3]), x.profit.0.round());
        close(number(&cells[5]), x.rask.0, 0.005, "rask");
        close(number(&cells[6]), x.cask.0, 0.005, "cask");
    }

    // Routes by profit, with their network contribution, most profitable first.
    let table = doc.by_id("money-route-table");
    let rows: Vec<&Node> = table
        .all()
        .into_iter()
        .filter(|n| n.name == "tr" && n.attrs.contains_key("id"))
        .collect();
    assert_eq!(rows.len(), summary.routes.len());
    let profits: Vec<f64> = rows.iter().map(|r| number(&r.cells()[4])).collect();
    assert!(profits.windows(2).all(|w| w[0] >= w[1]), "{profits:?}");
    let route = summary
        .routes
        .iter()
        .find(|r| r.airline == "KC" && r.origin == "ALA" && r.destination == "PEK")
        .unwrap();
    let cells = doc.by_id("money-route-KC-ALA-PEK").cells();
    assert_eq!(cells[0], "KC ALA→PEK");
    assert_eq!(number(&cells[1]), route.passengers.0);
    assert_eq!(number(&cells[2]), route.revenue.0.round());
    assert_eq!(number(&cells[3]), route.cost.0.round());
    assert_eq!(number(&cells[4]), route.profit.0.round());
    assert_eq!(number(&cells[5]), route.network_revenue.0.round());
    assert!(route.network_revenue.0 >= route.revenue.0);
    // Losses are drawn leftwards from a zero line.
    let chart = doc.by_id("chart-route-profit").full_text();
    if summary.routes.iter().any(|r| r.profit.0 < 0.0) {
        assert!(chart.contains("loss"), "{chart}");
    }

    // The fare class mix: tickets and shares per class, in fare order (Y first).
    assert!(!route.class_mix.is_empty());
    let head: Vec<String> = doc
        .by_id("class-table")
        .all()
        .into_iter()
        .filter(|n| n.name == "th")
        .map(|n| n.full_text())
        .collect();
    let cells = doc.by_id("class-KC-ALA-PEK").cells();
    let tickets: f64 = route.class_mix.values().map(|n| n.0).sum();
    assert_eq!(number(&cells[1]), tickets);
    let mut shares = 0.0;
    for (code, n) in &route.class_mix {
        let col = head
            .iter()
            .position(|h| h == &format!("{code} %"))
            .unwrap_or_else(|| panic!("no column for class {code}: {head:?}"));
        close(number(&cells[col]), n.0 / tickets, 0.0005, code);
        shares += number(&cells[col]);
    }
    close(shares, 1.0, 0.005, "shares");
    if head.iter().any(|h| h == "Y %") {
        assert_eq!(head[2], "Y %", "{head:?}");
    }

    // Booking curves: one line and one table row per segment with tickets.
    let curves = doc.by_id("chart-booking-curves");
    let lines = curves
        .all()
        .into_iter()
        .filter(|n| n.name == "path" && n.attrs.get("fill").map(String::as_str) == Some("none"))
        .count();
    assert_eq!(lines, summary.booking_curves.len());
    let mut sold = 0.0;
    for c in &summary.booking_curves {
        let cells = doc.by_id(&format!("booking-{}", c.segment)).cells();
        let total: f64 = c.tickets.iter().map(|t| t.0).sum();
        assert_eq!(number(&cells[1]), total.round(), "{}", c.segment);
        // Shares booked at least 7, 14 and 30 days ahead fall with the lead.
        let ahead: Vec<f64> = cells[3..6].iter().map(|c| number(c)).collect();
        assert!(ahead[0] >= ahead[1] && ahead[1] >= ahead[2], "{ahead:?}");
        let by7: f64 = c.tickets[7..].iter().map(|t| t.0).sum::<f64>() / total;
        close(ahead[0], by7, 0.0005, "7 days");
        sold += total;
    }
    // Every carried request bought one ticket, counted once.
    assert_eq!(sold, summary.totals["carried"].mean());

    // What became of the demand: the four outcomes add up to it.
    let demand = number(&doc.by_id("outcome-demand").cells()[1]);
    assert_eq!(demand, summary.totals["demand"].mean());
    let mut sum = 0.0;
    for name in ["carried", "spilled", "unserved", "no_purchase"] {
        let cells = doc.by_id(&format!("outcome-{name}")).cells();
        assert_eq!(number(&cells[1]), summary.totals[name].mean(), "{name}");
        close(
            number(&cells[2]),
            summary.totals[name].mean() / demand,
            0.0005,
            name,
        );
        sum += number(&cells[1]);
    }
    assert_eq!(sum, demand);
    assert!(
        doc.by_id("chart-demand-outcomes")
            .full_text()
            .contains("All markets")
    );
}

#[test]
fn without_fares_or_booking_curves_their_sections_are_left_out() {
    let mut summary = cached(7, 1).0.clone();
    summary.scenario.currency = None;
    summary.booking_curves.clear();
    let html = report(&summary, &[]);
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    for id in ["money", "booking", "calibration", "chart-booking-curves"] {
        assert!(doc.find(id).is_none(), "{id}");
    }
    assert!(!doc.nav().iter().any(|n| n == "money" || n == "booking"));
    // The headline still lists the money figures, without a currency.
    assert_eq!(doc.by_id("headline-revenue").cells()[0], "Revenue");
    // Curves without a single ticket draw nothing either.
    let mut summary = cached(7, 1).0.clone();
    for c in &mut summary.booking_curves {
        c.tickets.iter_mut().for_each(|t| t.0 = 0.0);
    }
    let doc = parse(
        report(&summary, &[])
            .strip_prefix("<!DOCTYPE html>\n")
            .unwrap(),
    );
    assert!(doc.find("booking").is_none());
    assert!(doc.find("money").is_some());
}

/// A comparison with observations as a calibrated scenario records it: values before
/// calibration and one observation held back.
fn calibrated(summary: &Summary) -> flightnet_sim::observe::Comparison {
    use flightnet_data::input::Metric;
    use flightnet_sim::observe::{Compared, Comparison, mape};
    let d = |s| Day::parse(s).unwrap();
    let row = |metric, selector: &str, from, to, observed: f64, before, simulated: f64, fitted| {
        Compared {
            metric,
            selector: selector.to_string(),
            from: d(from),
            to: d(to),
            observed,
            simulated_before: Some(before),
            simulated,
            error: (simulated - observed) / observed,
            fitted,
            outside: false,
        }
    };
    let lf = summary.totals["load_factor"].mean();
    let flights = summary.totals["flights"].mean();
    let observations = vec![
        row(Metric::LoadFactor, "all", START, END, 0.8, 0.6, lf, true),
        row(
            Metric::Flights,
            "all",
            START,
            END,
            flights * 1.1,
            flights,
            flights,
            true,
        ),
        row(
            Metric::Passengers,
            "KC",
            "2023-03-01",
            "2023-03-07",
            1e4,
            5e3,
            9e3,
            false,
        ),
        row(
            Metric::Rpk,
            "KZ-CN",
            "2022-01-01",
            "2022-01-31",
            2e8,
            0.0,
            0.0,
            true,
        ),
    ];
    let fitted = |before: bool| {
        mape(observations.iter().filter(|o| o.fitted).map(|o| {
            (
                if before {
                    o.simulated_before.unwrap()
                } else {
                    o.simulated
                },
                o.observed,
            )
        }))
    };
    Comparison {
        observed_file: "routes/observed.csv".to_string(),
        mape: fitted(false),
        mape_before: Some(fitted(true)),
        holdout_mape: Some(0.1),
        observations,
    }
}

#[test]
fn calibration_shows_observed_against_simulated_before_and_after() {
    let run = cached(7, 1);
    let mut summary = run.0.clone();
    let c = calibrated(&summary);
    summary.calibration = Some(c.clone());
    let html = report(&summary, &run.1);
    let doc = parse(html.strip_prefix("<!DOCTYPE html>\n").unwrap());
    assert_eq!(doc.by_id("calibration").name, "section");
    assert_eq!(doc.nav().last().map(String::as_str), Some("calibration"));
    let pct = |cell: &str| number(cell);
    let close = |x: f64, y: f64| assert!((x - y).abs() <= 0.0005, "{x} against {y}");
    close(
        pct(&doc.by_id("mape-before").cells()[1]),
        c.mape_before.unwrap(),
    );
    close(pct(&doc.by_id("mape-after").cells()[1]), c.mape);
    close(pct(&doc.by_id("mape-holdout").cells()[1]), 0.1);
    let head: Vec<String> = doc
        .by_id("calibration-table")
        .all()
        .into_iter()
        .filter(|n| n.name == "th")
        .map(|n| n.full_text())
        .collect();
    assert_eq!(
        head,
        [
            "#",
            "Metric",
            "Flights",
            "Dates",
            "Observed",
            "Simulated before",
            "Simulated",
            "Error",
            "Use",
            "Note"
        ]
    );
    let cells = doc.by_id("observation-1").cells();
    assert_eq!(cells[1], "load factor");
    assert_eq!(cells[2], "all");
    assert_eq!(cells[3], format!("{START} to {END}"));
    close(pct(&cells[4]), 0.8);
    close(pct(&cells[5]), 0.6);
    close(pct(&cells[6]), c.observations[0].simulated);
    close(pct(&cells[7]), c.observations[0].error);
    assert_eq!(cells[8], "fitted");
    assert_eq!(cells[9], "");
    let cells = doc.by_id("observation-2").cells();
    assert_eq!(number(&cells[4]), (c.observations[1].observed).round());
    assert_eq!(doc.by_id("observation-3").cells()[8], "held back");
    assert_eq!(
        doc.by_id("observation-4").cells()[9],
        "outside the run's period"
    );
    assert!(doc.find("observation-5").is_none());
    // The chart: a pair of bars (before, now) per observation and the 100% line.
    let chart = doc.by_id("chart-calibration");
    let text = chart.full_text();
    assert!(text.contains("observed (100%)") && text.contains("before calibration"));
    assert!(text.contains("(held back)"));
    let bars = chart
        .all()
        .into_iter()
        .filter(|n| {
            n.name == "rect"
                && n.attrs.contains_key("height")
                && !n.attrs.contains_key("fill-opacity")
        })
        .count();
    assert_eq!(bars, 2 * 4, "before and now for each observation");
    assert!(
        chart
            .all()
            .iter()
            .any(|n| n.name == "line" && n.attrs.contains_key("stroke-dasharray"))
    );
    // A run compared with --observed has no values from before: no such column or row.
    let mut plain = c.clone();
    plain.mape_before = None;
    plain.holdout_mape = None;
    for o in &mut plain.observations {
        o.simulated_before = None;
        o.fitted = true;
    }
    summary.calibration = Some(plain);
    let again = report(&summary, &run.1);
    assert_eq!(again, report(&summary, &run.1), "deterministic");
    let doc = parse(again.strip_prefix("<!DOCTYPE html>\n").unwrap());
    assert_eq!(doc.by_id("mape-before").cells()[1], "–");
    assert_eq!(doc.by_id("observation-1").cells().len(), 9);
    assert!(
        !doc.by_id("chart-calibration")
            .full_text()
            .contains("before calibration")
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
    // Money side by side, with the change.
    let cells = doc.by_id("money-revenue").cells();
    assert_eq!(number(&cells[1]), a.totals["revenue"].mean().round());
    assert_eq!(number(&cells[2]), b.totals["revenue"].mean().round());
    assert!(cells[3].ends_with('%') || cells[3] == "–", "{cells:?}");
    assert_eq!(doc.by_id("airline-KC").cells().len(), 1 + 2 * 6);
    // The class mix: tickets per class in A and in B.
    let head: Vec<String> = doc
        .by_id("class-table")
        .all()
        .into_iter()
        .filter(|n| n.name == "th")
        .map(|n| n.full_text())
        .collect();
    let find = |s: &Summary| {
        s.routes
            .iter()
            .find(|r| r.airline == "KC" && r.origin == "ALA" && r.destination == "PEK")
            .unwrap()
            .clone()
    };
    let (ra_, rb_) = (find(a), find(b));
    let cells = doc.by_id("class-KC-ALA-PEK").cells();
    assert_eq!(cells.len(), head.len());
    for (code, n) in &ra_.class_mix {
        let col = head
            .iter()
            .position(|h| h == &format!("A {code}"))
            .unwrap_or_else(|| panic!("{head:?}"));
        assert_eq!(head[col + 1], format!("B {code}"));
        assert_eq!(number(&cells[col]), n.0.round());
        match rb_.class_mix.get(code) {
            Some(m) => assert_eq!(number(&cells[col + 1]), m.0.round()),
            None => assert_eq!(cells[col + 1], "–"),
        }
    }
    let outcome = doc.by_id("outcome-carried").cells();
    assert_eq!(number(&outcome[1]), a.totals["carried"].mean());
    assert_eq!(number(&outcome[3]), b.totals["carried"].mean());
    assert!(doc.by_id("chart-booking-curves").full_text().contains("A "));
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
        .args(["--observed", "routes/observed.csv"])
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
    // A run compared with observations has a calibration section, one row per observation.
    let c = files
        .summary
        .calibration
        .as_ref()
        .expect("--observed compares");
    let doc = parse(
        std::str::from_utf8(&after)
            .unwrap()
            .strip_prefix("<!DOCTYPE html>\n")
            .unwrap(),
    );
    assert_eq!(doc.by_id("calibration").name, "section");
    let n = c.observations.len();
    assert!(n > 0);
    assert!(doc.find(&format!("observation-{n}")).is_some());
    assert!(doc.find(&format!("observation-{}", n + 1)).is_none());
    let mape = number(&doc.by_id("mape-after").cells()[1]);
    assert!((mape - c.mape).abs() <= 0.0005);
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
