//! From a scenario to results: load the network, apply the scenario, prepare, run replications
//! in parallel, summarise. The command-line tool and the examples go through here.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use flightnet_data::error::Result;
use flightnet_data::input::{self, NetworkSources};
use flightnet_data::network::NetworkData;
use flightnet_data::scenario::{NetworkLocation, Scenario};
use flightnet_data::time::Day;
use flightnet_sim::simulation::{Prepared, Results};
use flightnet_sim::summary::Summary;

/// Command-line overrides of a scenario's settings.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// Replace the seed.
    pub seed: Option<u64>,
    /// Replace the first departure date.
    pub start: Option<Day>,
    /// Replace the last departure date.
    pub end: Option<Day>,
    /// Replace the number of replications.
    pub replications: Option<u32>,
}

impl Overrides {
    /// Applies the overrides to a scenario.
    pub fn apply(&self, s: &mut Scenario) {
        if let Some(v) = self.seed {
            s.file.seed = Some(v);
            s.set_by_flag("seed", "--seed");
        }
        if let Some(v) = self.start {
            s.file.start = Some(v);
            s.set_by_flag("start", "--start");
        }
        if let Some(v) = self.end {
            s.file.end = Some(v);
            s.set_by_flag("end", "--end");
        }
        if let Some(v) = self.replications {
            s.file.replications = Some(v);
            s.set_by_flag("replications", "--replications");
        }
    }
}

/// Files given besides a network folder: SSIM schedules replacing its `schedule.csv`, and
/// SSIM Chapter 8 MCT files added after its `mct.csv`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    /// SSIM Chapter 7 files read instead of `schedule.csv`.
    pub schedule: Option<Vec<PathBuf>>,
    /// SSIM Chapter 8 MCT files, applied in order after `mct.csv`.
    pub mct: Vec<PathBuf>,
}

impl Inputs {
    /// Only a schedule (or none).
    pub fn schedule(ssim: Option<&[PathBuf]>) -> Inputs {
        Inputs {
            schedule: ssim.map(<[PathBuf]>::to_vec),
            mct: Vec::new(),
        }
    }

    /// The sources of a network folder (or the built-in network) with these files.
    pub fn sources(&self, location: &NetworkLocation) -> NetworkSources {
        let mut sources = match location {
            NetworkLocation::Dir(d) => NetworkSources::in_dir(d),
            NetworkLocation::Builtin => NetworkSources::builtin(),
        };
        if let Some(paths) = &self.schedule {
            sources.schedule = input::ScheduleSource::Ssim(paths.clone());
        }
        sources.mct_files = self.mct.clone();
        sources
    }
}

/// Loads the network a scenario names, with its schedule optionally replaced by SSIM files.
pub fn load_network(location: &NetworkLocation, ssim: Option<&[PathBuf]>) -> Result<NetworkData> {
    load_inputs(location, &Inputs::schedule(ssim))
}

/// Loads the network a scenario names with the files of `inputs`.
pub fn load_inputs(location: &NetworkLocation, inputs: &Inputs) -> Result<NetworkData> {
    input::load(&inputs.sources(location))
}

/// A scenario prepared against its network, ready to run.
pub struct Study {
    /// The scenario (with overrides applied).
    pub scenario: Scenario,
    /// The prepared simulation.
    pub prepared: Prepared,
}

impl Study {
    /// Loads the scenario's network, checks the scenario against it and prepares the
    /// simulation.
    ///
    /// # Example
    /// ```no_run
    /// use flightnet::runner::Study;
    /// use flightnet_data::scenario::Scenario;
    /// let study = Study::new(Scenario::builtin(std::path::Path::new("routes"))).unwrap();
    /// let results = study.run_all(&|_, _| {});
    /// println!("{}", flightnet::report::summary_table::render(&study.summary(&results), 10, None));
    /// ```
    pub fn new(scenario: Scenario) -> Result<Study> {
        let data = load_network(&scenario.network, None)?;
        Study::with_data(scenario, &data)
    }

    /// Like [`Study::new`], reading the schedule from SSIM files when `ssim` is given.
    pub fn with_schedule(scenario: Scenario, ssim: Option<&[PathBuf]>) -> Result<Study> {
        Study::with_inputs(scenario, &Inputs::schedule(ssim))
    }

    /// Like [`Study::new`], with SSIM schedules and Chapter 8 MCT files.
    pub fn with_inputs(scenario: Scenario, inputs: &Inputs) -> Result<Study> {
        let data = load_inputs(&scenario.network, inputs)?;
        Study::with_data(scenario, &data)
    }

    /// Like [`Study::new`] with a network already loaded.
    pub fn with_data(scenario: Scenario, data: &NetworkData) -> Result<Study> {
        let (data, cfg) = scenario.resolve(data)?;
        let prepared = Prepared::new(Arc::new(data), cfg)?;
        Ok(Study { scenario, prepared })
    }

    /// The number of replications the scenario asks for.
    pub fn replications(&self) -> u32 {
        self.scenario.file.replications.unwrap_or(1)
    }

    /// Where the network came from, for reports.
    pub fn network_label(&self) -> String {
        match &self.scenario.network {
            NetworkLocation::Dir(d) => d.display().to_string(),
            NetworkLocation::Builtin => "built-in".to_string(),
        }
    }

    /// Runs the given replications in parallel (one thread each) and returns their results in
    /// replication order. `progress(replication, done)` is called with simulated days.
    pub fn run(&self, reps: &[u32], progress: &(dyn Fn(u32, u64) + Sync)) -> Vec<Results> {
        reps.par_iter()
            .map(|&r| self.prepared.run(r, &|done, _| progress(r, done)))
            .collect()
    }

    /// Runs every replication of the scenario.
    pub fn run_all(&self, progress: &(dyn Fn(u32, u64) + Sync)) -> Vec<Results> {
        let reps: Vec<u32> = (0..self.replications()).collect();
        self.run(&reps, progress)
    }

    /// Days each replication simulates (for progress totals).
    pub fn days_per_replication(&self) -> u64 {
        let legs = &self.prepared.net.legs;
        match (legs.first(), legs.last()) {
            (Some(a), Some(b)) => (b.dep.day().0 - a.dep.day().0 + 1) as u64,
            _ => 0,
        }
    }

    /// The summary of `results`.
    pub fn summary(&self, results: &[Results]) -> Summary {
        Summary::build(
            &self.prepared,
            &self.scenario,
            &self.network_label(),
            results,
        )
    }
}

/// Folder names for the results of several scenarios in one `--out` folder: each scenario's
/// file name without its extension (`daily-ala-pek-urc`), `resumption-2022` for the built-in
/// one, characters other than letters, digits, `-`, `_` and `.` replaced by `-`, and `-2`, `-3`
/// … added when two would clash.
///
/// # Example
/// ```
/// use flightnet::runner::folder_names;
/// assert_eq!(
///     folder_names(&["a/base.toml", "b/base.toml", "built-in resumption-2022", "x y.toml"]),
///     ["base", "base-2", "resumption-2022", "x-y"]
/// );
/// ```
pub fn folder_names(origins: &[&str]) -> Vec<String> {
    let mut taken = std::collections::BTreeSet::new();
    origins
        .iter()
        .map(|o| {
            let stem = match o.strip_prefix("built-in ") {
                Some(name) => name.to_string(),
                None => std::path::Path::new(o)
                    .file_stem()
                    .map_or_else(|| o.to_string(), |s| s.to_string_lossy().into_owned()),
            };
            let mut base: String = stem
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            if base.is_empty() || base.starts_with('.') {
                base = format!("scenario{base}");
            }
            let mut name = base.clone();
            let mut k = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}-{k}");
                k += 1;
            }
            name
        })
        .collect()
}
