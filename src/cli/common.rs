//! Pieces shared by the commands: formats, parsers, output, progress bars.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context;
use clap::ValueEnum;

use flightnet_data::error::{Diagnostic, Diagnostics, Error};
use flightnet_data::scenario::{NetworkLocation, Scenario};
use flightnet_data::time::Day;

/// Output format on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable tables.
    Table,
    /// One JSON document.
    Json,
}

/// Parses a `YYYY-MM-DD` flag value.
pub(crate) fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse(s).ok_or_else(|| format!("{s:?} is not {}", flightnet_data::time::DATE_EXPECTED))
}

/// Parses a country pair such as `KZ-CN`.
pub(crate) fn parse_countries(s: &str) -> Result<(String, String), String> {
    let bad = || format!("{s:?} is not a country pair; expected two ISO codes like KZ-CN");
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let ok = |c: &str| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase());
    if ok(a) && ok(b) && a != b {
        Ok((a.to_string(), b.to_string()))
    } else {
        Err(bad())
    }
}

/// Writes data to stdout (a closed pipe ends the program quietly, see `main`).
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes one message line to stderr. A closed or failing stderr is ignored: a message is
/// never worth a crash (`eprintln!` would panic).
pub(crate) fn say(message: std::fmt::Arguments<'_>) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_fmt(message);
    let _ = err.write_all(b"\n");
}

/// A progress bar on stderr (hidden when stderr is not a terminal).
pub(crate) fn progress_bar(total: u64, what: &str, unit: &str) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{msg}} [{{elapsed_precise}}] {{wide_bar}} {{pos}}/{{len}} {unit} (eta {{eta}})"
        ))
        .expect("valid template"),
    );
    bar.set_message(what.to_string());
    bar
}

/// Sets the worker-thread count for replications (results never depend on it).
pub(crate) fn configure_threads(threads: Option<u16>) -> anyhow::Result<()> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global()
            .context("setting up worker threads")?;
    }
    Ok(())
}

/// A scenario file, or the built-in scenario. Its network is the one the file names; for the
/// built-in scenario and a file that names none, `--routes`, else `routes/`, else the network
/// compiled into the binary ([`network_location`]).
pub(crate) fn load_scenario(
    path: &Option<PathBuf>,
    routes: &Option<PathBuf>,
) -> anyhow::Result<Scenario> {
    let mut s = match path {
        Some(p) => {
            Scenario::load(p).with_context(|| format!("loading scenario {}", p.display()))?
        }
        None => Scenario::builtin(Path::new("routes")),
    };
    if path.is_none() || s.file.network.is_none() {
        s.network = network_location(routes)?;
    }
    Ok(s)
}

/// The files every command that builds a network takes besides its folder.
#[derive(clap::Args, Debug, Clone)]
pub(crate) struct InputArgs {
    /// Network folder (airports.csv, airlines.csv, fleet.csv, schedule.csv, demand.csv and the
    /// optional fares.csv, costs.csv and mct.csv) for the built-in scenario and for scenario
    /// files that name none (default: routes/, or the network compiled into the binary when
    /// there is no routes/ folder). A folder that does not exist is an error.
    #[arg(long, value_name = "DIR")]
    pub routes: Option<PathBuf>,
    /// Read the schedule from IATA SSIM Chapter 7 files instead of schedule.csv.
    #[arg(long, value_name = "FILE.ssim", num_args = 1..)]
    pub schedule: Option<Vec<PathBuf>>,
    /// IATA SSIM Chapter 8 MCT files (station standards, carrier exceptions, suppressions),
    /// applied after the network's mct.csv.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub mct: Vec<PathBuf>,
}

impl InputArgs {
    /// The schedule and MCT files as the library takes them.
    pub(crate) fn inputs(&self) -> flightnet::runner::Inputs {
        flightnet::runner::Inputs {
            schedule: self.schedule.clone(),
            mct: self.mct.clone(),
        }
    }
}

/// Where a command's network comes from: `--routes DIR` when given (a folder that does not
/// exist is an error, never a silent fallback), else `routes/` when it holds a network, else
/// the copy compiled into the binary, which is said on stderr.
pub(crate) fn network_location(routes: &Option<PathBuf>) -> anyhow::Result<NetworkLocation> {
    match routes {
        Some(d) if d.is_dir() => Ok(NetworkLocation::Dir(d.clone())),
        Some(d) => anyhow::bail!(
            "--routes {}: no such folder (leave --routes out to use routes/ or the network compiled into the binary)",
            d.display()
        ),
        None => {
            let d = Path::new("routes");
            if d.join("airports.csv").is_file() {
                Ok(NetworkLocation::Dir(d.to_path_buf()))
            } else {
                static SAID: std::sync::Once = std::sync::Once::new();
                SAID.call_once(|| {
                    say(format_args!(
                        "note: no routes/ folder here; using the network compiled into the binary"
                    ))
                });
                Ok(NetworkLocation::Builtin)
            }
        }
    }
}

/// A name for a network location in messages.
pub(crate) fn location_label(l: &NetworkLocation) -> String {
    match l {
        NetworkLocation::Dir(d) => d.display().to_string(),
        NetworkLocation::Builtin => "the built-in network".to_string(),
    }
}

/// `to` relative to the folder `from` when both are relative or share a root, else absolute.
pub(crate) fn relative_to(to: &Path, from: &Path) -> PathBuf {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (to, from) = (abs(to), abs(from));
    let (tc, fc): (Vec<_>, Vec<_>) = (to.components().collect(), from.components().collect());
    let common = tc.iter().zip(&fc).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return to;
    }
    let mut out = PathBuf::new();
    for _ in common..fc.len() {
        out.push("..");
    }
    for c in &tc[common..] {
        out.push(c);
    }
    out
}

static STRICT: AtomicBool = AtomicBool::new(false);

/// Sets `--strict` for the whole process.
pub(crate) fn set_strict(strict: bool) {
    STRICT.store(strict, Ordering::Relaxed);
}

/// Reports warnings: each on stderr as `warning: …` (once per process, at most
/// [`flightnet_data::error::MAX_PER_FILE`] per file); with `--strict`, an error listing them
/// instead (exit code 2).
pub(crate) fn warnings(diags: &[Diagnostic]) -> anyhow::Result<()> {
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    let new: Vec<Diagnostic> = diags
        .iter()
        .filter(|d| {
            let text = d.to_string();
            if seen.contains(&text) {
                false
            } else {
                seen.push(text);
                true
            }
        })
        .cloned()
        .collect();
    if new.is_empty() {
        return Ok(());
    }
    if STRICT.load(Ordering::Relaxed) {
        let mut d = Diagnostics(new);
        d.sort();
        return Err(
            anyhow::Error::new(Error::Invalid(d)).context("warnings are errors with --strict")
        );
    }
    for line in flightnet_data::error::listing(&new, "warning: ") {
        say(format_args!("{line}"));
    }
    Ok(())
}

/// A diagnostic about a command-line flag.
pub(crate) fn flag_problem(flag: &str, value: &str, expected: impl Into<String>) -> Diagnostic {
    Diagnostic::line(flag, 0, value, expected)
}

/// The country pair the tables focus on when `--countries` is not given.
pub(crate) fn default_countries() -> (String, String) {
    ("KZ".to_string(), "CN".to_string())
}

/// Checks a `--countries` pair against the networks: a country no airport is in is an error
/// when the flag was given (and quietly skipped for the default pair); a pair with no
/// scheduled flight between its countries is a warning.
pub(crate) fn check_countries<'a>(
    networks: impl Iterator<Item = &'a flightnet_data::network::NetworkData> + Clone,
    given: Option<&(String, String)>,
) -> anyhow::Result<()> {
    let Some((a, b)) = given else {
        return Ok(());
    };
    let value = format!("{a}-{b}");
    let known: std::collections::BTreeSet<&str> = networks
        .clone()
        .flat_map(|d| d.airports.iter().map(|x| x.country.as_str()))
        .collect();
    let unknown: Vec<&str> = [a.as_str(), b.as_str()]
        .into_iter()
        .filter(|c| !known.contains(c))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::Invalid(Diagnostics(vec![flag_problem(
            "--countries",
            &value,
            format!(
                "two countries of the network's airports ({} has none; the network has {})",
                unknown.join(" and "),
                known.iter().copied().collect::<Vec<_>>().join(", ")
            ),
        )]))
        .into());
    }
    let flown = networks.clone().any(|d| {
        d.patterns.iter().any(|p| {
            let (o, e) = (
                d.airport(p.origin).country.as_str(),
                d.airport(p.destination).country.as_str(),
            );
            (o == a && e == b) || (o == b && e == a)
        })
    });
    if !flown {
        warnings(&[flag_problem(
            "--countries",
            &value,
            format!(
                "a pair of countries with flights between them (the schedule has none between {a} and {b})"
            ),
        )])?;
    }
    Ok(())
}
