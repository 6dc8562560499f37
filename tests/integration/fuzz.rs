//! Fuzzing every parser on stable Rust: property tests (proptest) that mutate valid inputs —
//! the CSV tables (the five of a network, and fares and costs) through the input loader, scenario TOML, SSIM files, and command-line flags
//! through the binary — and check that nothing panics, that every problem comes back as an
//! error with a location, and that messages stay short.
//!
//! `cargo test --test integration fuzz` runs a small number of cases per parser (quick enough
//! for every test run). More: `FLIGHTNET_FUZZ_CASES=5000 cargo test --release --test
//! integration fuzz`; with `FLIGHTNET_FUZZ_SECONDS=120` each parser stops starting new cases
//! after that long (CI uses both). A failure prints the shrunk input that caused it.

use std::borrow::Cow;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::fixture::{AIRLINES, AIRPORTS, DEMAND, FLEET, Net, SCHEDULE, bin};
use flightnet_data::Error;
use flightnet_data::input;
use flightnet_data::scenario::Scenario;
use flightnet_data::ssim::{self, ImportOptions, SsimFile, Tables};

/// Cases per parser: `FLIGHTNET_FUZZ_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("FLIGHTNET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The time after which no new case starts (`FLIGHTNET_FUZZ_SECONDS`), if any.
fn deadline() -> Option<Instant> {
    std::env::var("FLIGHTNET_FUZZ_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(|s| Instant::now() + Duration::from_secs(s))
}

/// Runs `test` on values of `strategy`: `FLIGHTNET_FUZZ_CASES` cases (else `default_cases`),
/// in batches with their own seeds, starting no batch after `FLIGHTNET_FUZZ_SECONDS`. A failure
/// panics with the shrunk input.
fn fuzz<S: Strategy>(
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    const BATCH: u32 = 64;
    let until = deadline();
    let total = cases(default_cases);
    let mut done = 0;
    let mut batch = 0u64;
    while done < total && until.is_none_or(|t| Instant::now() < t) {
        let n = BATCH.min(total - done);
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&batch.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
        let config = Config {
            cases: n,
            failure_persistence: None,
            ..Config::default()
        };
        if let Err(e) = TestRunner::new_with_rng(config, rng).run(&strategy, &test) {
            panic!("batch {batch}: {e}");
        }
        done += n;
        batch += 1;
    }
}

/// One edit of a byte string.
#[derive(Clone, Debug)]
enum Edit {
    /// Replace the byte at (position mod length).
    Set(usize, u8),
    /// Insert bytes at a position.
    Insert(usize, Vec<u8>),
    /// Delete a range.
    Delete(usize, usize),
    /// Repeat a range.
    Repeat(usize, usize, u8),
    /// Cut the input at a position.
    Truncate(usize),
    /// Swap two lines.
    SwapLines(usize, usize),
}

/// Bytes that matter to the parsers, and any byte.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        Just(b','),
        Just(b'\n'),
        Just(b'\r'),
        Just(b'"'),
        Just(b'#'),
        Just(b'-'),
        Just(b':'),
        Just(b'.'),
        Just(b'='),
        Just(b'['),
        Just(b']'),
        Just(b' '),
        Just(b'0'),
        Just(b'9'),
        Just(0xff),
        Just(0xe2),
        any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), interesting_byte()).prop_map(|(p, b)| Edit::Set(p, b)),
        2 => (any::<usize>(), prop::collection::vec(interesting_byte(), 1..12))
            .prop_map(|(p, v)| Edit::Insert(p, v)),
        2 => (any::<usize>(), 1usize..40).prop_map(|(p, n)| Edit::Delete(p, n)),
        1 => (any::<usize>(), 1usize..30, 1u8..40).prop_map(|(p, n, k)| Edit::Repeat(p, n, k)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(text: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = text.to_vec();
    for e in edits {
        let n = v.len().max(1);
        match e {
            Edit::Set(p, b) => {
                if !v.is_empty() {
                    let i = p % v.len();
                    v[i] = *b;
                }
            }
            Edit::Insert(p, bytes) => {
                let i = p % (v.len() + 1);
                v.splice(i..i, bytes.iter().copied());
            }
            Edit::Delete(p, len) => {
                let i = p % n;
                let j = (i + len).min(v.len());
                if i < j {
                    v.drain(i..j);
                }
            }
            Edit::Repeat(p, len, times) => {
                let i = p % n;
                let j = (i + len).min(v.len());
                if i < j {
                    let piece: Vec<u8> = v[i..j].to_vec();
                    for _ in 0..*times {
                        v.splice(j..j, piece.iter().copied());
                    }
                }
            }
            Edit::Truncate(p) => v.truncate(p % n),
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<Vec<u8>> =
                    v.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
                let k = lines.len();
                lines.swap(a % k, b % k);
                v = lines.join(&b'\n');
            }
        }
    }
    v
}

/// Every problem names a file, and the whole message stays short whatever the input.
fn check_error(e: &Error, input_len: usize) -> Result<(), TestCaseError> {
    let text = e.to_string();
    if let Error::Invalid(d) = e {
        prop_assert!(!d.0.is_empty(), "an invalid input with no problem listed");
        for x in &d.0 {
            prop_assert!(
                !x.file.as_os_str().is_empty(),
                "a problem without a file: {x}"
            );
        }
    }
    // 20 problems per file, values cut to 120 characters: never proportional to the input.
    prop_assert!(
        text.len() < 64 * 1024,
        "a {}-byte message for a {input_len}-byte input",
        text.len()
    );
    Ok(())
}

/// Fares and costs for the fixture's markets and aircraft (optional files of a network).
const FARES: &str = "\
airline,origin,destination,class,fare,currency,advance_purchase_days,restrictions
KC,ALA,PEK,Y,420,USD,0,-
KC,ALA,PEK,M,310,USD,7,change_fee
KC,ALA,PEK,Q,190,USD,21,non_refundable;change_fee
CZ,ALA,URC,Y,260,USD,0,-
";
const COSTS: &str = "\
airline,aircraft,cost_per_block_hour,cost_per_departure,cost_per_passenger,currency
KC,A321LR,5200,1800,12,USD
CZ,B737-800,4300,1500,10,USD
";

const TABLES: [(&str, &str); 7] = [
    ("airports.csv", AIRPORTS),
    ("airlines.csv", AIRLINES),
    ("fleet.csv", FLEET),
    ("schedule.csv", SCHEDULE),
    ("demand.csv", DEMAND),
    ("fares.csv", FARES),
    ("costs.csv", COSTS),
];

#[test]
fn fuzz_csv_tables_start_valid() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in TABLES {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let data = input::load_dir(dir.path()).unwrap();
    assert!(
        data.economics.currency.is_some(),
        "fares and costs were read"
    );
}

#[test]
fn fuzz_csv_tables() {
    let dir = tempfile::tempdir().unwrap();
    let strategy = (0usize..TABLES.len(), prop::collection::vec(edit(), 1..8));
    fuzz(64, strategy, |(which, edits)| {
        let mut len = 0;
        for (k, (name, text)) in TABLES.iter().enumerate() {
            let bytes = if k == which {
                apply(text.as_bytes(), &edits)
            } else {
                text.as_bytes().to_vec()
            };
            len = len.max(bytes.len());
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        match input::load_dir(dir.path()) {
            Ok(data) => {
                for w in &data.warnings {
                    prop_assert!(w.to_string().len() < 4096);
                }
            }
            Err(e) => check_error(&e, len)?,
        }
        Ok(())
    });
}

#[test]
fn fuzz_scenario_toml() {
    let net = Net::valid();
    let data = input::load_dir(net.path()).unwrap();
    let texts: Vec<String> = std::fs::read_dir("routes/scenarios")
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .chain([
            ("start = 2022-11-22\nend = 2022-12-06\n[[frequency]]\nairline = \"KC\"\n\
             origin = \"ALA\"\ndestination = \"PEK\"\nweekly = 3\nfrom = 2022-11-22\n\
             to = 2022-12-06\n[[operations.disruptions]]\nairline = \"KC\"\nflight = 267\n\
             cancel = true\n[connections]\ninterline = [\"KC-CZ\"]\n")
                .to_string(),
        ])
        .collect();
    let strategy = (0..texts.len(), prop::collection::vec(edit(), 1..8));
    fuzz(128, strategy, |(which, edits)| {
        let bytes = apply(texts[which].as_bytes(), &edits);
        let Ok(text) = String::from_utf8(bytes.clone()) else {
            return Ok(()); // Scenario::load reports the encoding; parse takes text
        };
        match Scenario::parse(&text, "fuzz.toml", net.path()) {
            Ok(mut s) => {
                // Keep the period short so that resolving stays fast.
                s.file.start = flightnet_data::time::Day::parse("2022-11-22");
                s.file.end = flightnet_data::time::Day::parse("2022-12-06");
                if let Err(e) = s.resolve(&data) {
                    check_error(&e, bytes.len())?;
                }
            }
            Err(e) => check_error(&e, bytes.len())?,
        }
        Ok(())
    });
}

#[test]
fn fuzz_ssim_files() {
    let net = Net::valid();
    let data = input::load_dir(net.path()).unwrap();
    let opts = ssim::export::ExportOptions {
        created: flightnet_data::time::Day::parse("2024-01-01"),
    };
    let text = ssim::export::export(&data, &opts).unwrap();
    let tables = Tables::of(&data);
    // Edits land anywhere in a 200-byte record: keep them to whole records' worth of text.
    let strategy = (prop::collection::vec(edit(), 1..6), any::<bool>());
    fuzz(128, strategy, |(edits, skip_bad)| {
        let bytes = apply(text.as_bytes(), &edits);
        let file = SsimFile {
            path: PathBuf::from("fuzz.ssim"),
            bytes: Cow::Owned(bytes.clone()),
        };
        match ssim::import(&[file], &tables, ImportOptions { skip_bad }) {
            Ok(i) => {
                for d in i.warnings.iter().chain(&i.skipped) {
                    prop_assert!(d.to_string().len() < 4096);
                }
            }
            Err(e) => check_error(&e, bytes.len())?,
        }
        Ok(())
    });
}

/// Flag values drawn from what a user might type, right or wrong.
fn flag_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2022-11-22".to_string()),
        Just("2022-02-30".to_string()),
        Just("1899-12-31".to_string()),
        Just("KZ-CN".to_string()),
        Just("XX-YY".to_string()),
        Just("0".to_string()),
        Just("-1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("".to_string()),
        Just("-".to_string()),
        Just("json".to_string()),
        "[ -~]{0,12}",
        "[0-9]{1,5}",
    ]
}

fn flag() -> impl Strategy<Value = Vec<String>> {
    let name = prop_oneof![
        Just("--date"),
        Just("--countries"),
        Just("--top"),
        Just("--max-connect"),
        Just("--format"),
        Just("--interline"),
        Just("--strict"),
        Just("--schedule"),
        Just("--bogus"),
    ];
    (name, flag_value()).prop_map(|(n, v)| match n {
        "--interline" | "--strict" => vec![n.to_string()],
        _ => vec![n.to_string(), v],
    })
}

#[test]
fn fuzz_flags() {
    let net = Net::valid();
    let strategy = prop::collection::vec(flag(), 0..4);
    fuzz(16, strategy, |flags| {
        let out = bin()
            .args(["network", "--routes", net.path().to_str().unwrap()])
            .args(flags.concat())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        prop_assert!(!err.contains("panicked"), "{flags:?}: {err}");
        prop_assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{flags:?}: exit {:?}: {err}",
            out.status.code()
        );
        Ok(())
    });
}
