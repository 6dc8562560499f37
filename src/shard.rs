//! Sharded runs for clusters: split the (variant, replication) work list across independent
//! processes and merge their results exactly.
//!
//! A *variant* is one scenario; a run of V scenarios with R replications each has the work list
//! `(0, 0), (0, 1), …, (0, R−1), (1, 0), …` (variant-major). Shard `K` of `N` (0-based) takes
//! the items whose position `i` has `i mod N = K`, so heavy and light variants spread evenly.
//! Each replication's random streams depend only on (seed, replication, purpose), so a shard
//! computes exactly what an unsharded run computes for its items, and [`merge`] reproduces the
//! unsharded results (every counter and histogram adds exactly).
//!
//! A shard writes one JSON file (atomically: temporary name, then rename, so a re-run or a
//! requeued job never leaves half a file) holding its items' results and the scenario text and
//! network fingerprint, which `merge` checks before combining.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::runner::{Inputs, Study, load_inputs};
use flightnet_data::error::{Error, Result};
use flightnet_data::input::{NetworkSources, ScheduleSource, Source};
use flightnet_data::scenario::{NetworkLocation, Scenario};
use flightnet_sim::simulation::Results;
use flightnet_sim::summary::Summary;

/// Shard `index` of `count` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSpec {
    /// This shard, `0..count`.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl ShardSpec {
    /// Parses `K/N` with `0 ≤ K < N`.
    ///
    /// # Example
    /// ```
    /// use flightnet::shard::ShardSpec;
    /// assert_eq!(ShardSpec::parse("2/4"), Some(ShardSpec { index: 2, count: 4 }));
    /// assert_eq!(ShardSpec::parse("4/4"), None);
    /// ```
    pub fn parse(s: &str) -> Option<ShardSpec> {
        let (k, n) = s.split_once('/')?;
        let (index, count): (u32, u32) = (k.parse().ok()?, n.parse().ok()?);
        (count > 0 && index < count).then_some(ShardSpec { index, count })
    }

    /// Positions of the work list this shard runs.
    pub fn positions(&self, total: usize) -> impl Iterator<Item = usize> + use<> {
        let (k, n) = (self.index as usize, self.count as usize);
        (k..total).step_by(n)
    }

    /// The shard file's name.
    pub fn file_name(&self) -> String {
        format!("shard-{}-of-{}.json", self.index, self.count)
    }
}

/// One scenario of a sharded run, as needed to check and merge its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VariantInfo {
    /// Where the scenario came from (as reported).
    pub origin: String,
    /// The scenario with every default and override written out.
    pub scenario_toml: String,
    /// The network as reported (`routes`, a path, or `built-in`).
    pub network_label: String,
    /// The network folder to load when merging (absolute), or `None` for the built-in one.
    pub network_path: Option<PathBuf>,
    /// SSIM files replacing schedule.csv, if any (absolute).
    pub schedule: Option<Vec<PathBuf>>,
    /// SSIM Chapter 8 MCT files added after mct.csv (absolute).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mct: Vec<PathBuf>,
    /// A fingerprint of the network's files, to refuse merging against changed data.
    pub network_fingerprint: u64,
    /// Replications of this variant.
    pub replications: u32,
}

/// One work item's results.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShardItem {
    /// Position in the work list.
    pub position: usize,
    /// Variant (scenario) index.
    pub variant: u32,
    /// The replication's results.
    pub results: Results,
}

/// What one shard writes.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShardFile {
    /// File format version.
    pub format: u32,
    /// flightnet version that wrote it.
    pub version: String,
    /// Which shard.
    pub shard: ShardSpec,
    /// Length of the whole work list.
    pub total_items: usize,
    /// Every variant of the run (the same in every shard).
    pub variants: Vec<VariantInfo>,
    /// This shard's items.
    pub items: Vec<ShardItem>,
}

/// A variant's (variant, replication) work list, variant-major.
pub fn work_list(replications: &[u32]) -> Vec<(u32, u32)> {
    replications
        .iter()
        .enumerate()
        .flat_map(|(v, &r)| (0..r).map(move |rep| (v as u32, rep)))
        .collect()
}

/// A fingerprint of a network's files (their bytes, in a fixed order).
pub fn fingerprint(location: &NetworkLocation, inputs: &Inputs) -> Result<u64> {
    let schedule = inputs.schedule.as_deref();
    let src = match location {
        NetworkLocation::Dir(d) => NetworkSources::in_dir(d),
        NetworkLocation::Builtin => NetworkSources::builtin(),
    };
    let mut bytes = Vec::new();
    for s in [&src.airports, &src.airlines, &src.fleet, &src.demand] {
        bytes.extend_from_slice(&s.read()?);
    }
    // MCT records, only when there are any (so older shard files keep their fingerprint).
    if let Some(s) = &src.mct {
        bytes.extend_from_slice(&s.read()?);
    }
    for p in &inputs.mct {
        bytes.extend_from_slice(&Source::File(p.clone()).read()?);
    }
    match (schedule, &src.schedule) {
        (Some(paths), _) => {
            for p in paths {
                bytes.extend_from_slice(&Source::File(p.clone()).read()?);
            }
        }
        (None, ScheduleSource::Csv(s)) => bytes.extend_from_slice(&s.read()?),
        (None, ScheduleSource::Ssim(paths)) => {
            for p in paths {
                bytes.extend_from_slice(&Source::File(p.clone()).read()?);
            }
        }
    }
    Ok(flightnet_engine::rng::hash_bytes(&bytes))
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Describes a prepared study for a shard file.
pub fn variant_info(study: &Study, inputs: &Inputs) -> Result<VariantInfo> {
    let schedule = inputs.schedule.as_deref();
    let s = &study.scenario;
    Ok(VariantInfo {
        origin: s.origin.clone(),
        scenario_toml: s.to_toml(),
        network_label: study.network_label(),
        network_path: match &s.network {
            NetworkLocation::Dir(d) => Some(absolute(d)),
            NetworkLocation::Builtin => None,
        },
        schedule: schedule.map(|p| p.iter().map(|x| absolute(x)).collect()),
        mct: inputs.mct.iter().map(|x| absolute(x)).collect(),
        network_fingerprint: fingerprint(&s.network, inputs)?,
        replications: study.replications(),
    })
}

/// Reads every `shard-*-of-*.json` in `dir`.
pub fn read_shards(dir: &Path) -> Result<Vec<(PathBuf, ShardFile)>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("shard-") && n.ends_with(".json"))
        })
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?;
        let file: ShardFile = serde_json::from_str(&text).map_err(|e| {
            Error::Request(format!("{}: not a flightnet shard file: {e}", p.display()))
        })?;
        out.push((p, file));
    }
    if out.is_empty() {
        return Err(Error::Request(format!(
            "{}: no shard-K-of-N.json files",
            dir.display()
        )));
    }
    Ok(out)
}

/// One merged variant: its study and its results in replication order.
pub struct Merged {
    /// The study, prepared again from the shard's scenario and network.
    pub study: Study,
    /// The network label as the shards reported it.
    pub network_label: String,
    /// Results of every replication, in order.
    pub results: Vec<Results>,
}

impl Merged {
    /// The summary, identical to an unsharded run's (timings aside).
    pub fn summary(&self) -> Summary {
        Summary::build(
            &self.study.prepared,
            &self.study.scenario,
            &self.network_label,
            &self.results,
        )
    }
}

/// Merges shard files: checks that they belong to one run, that every work item is present
/// exactly once and that the network is unchanged, then rebuilds each variant's results.
///
/// # Errors
/// [`Error::Request`] naming the files and items when shards disagree, items are missing or
/// duplicated, or the network's files changed since the shards ran.
pub fn merge(shards: Vec<(PathBuf, ShardFile)>) -> Result<Vec<Merged>> {
    let (first_path, first) = &shards[0];
    let mut problems = Vec::new();
    for (p, s) in &shards[1..] {
        if s.variants != first.variants
            || s.total_items != first.total_items
            || s.shard.count != first.shard.count
        {
            problems.push(format!(
                "{} belongs to a different run than {} (scenario, network, work list or shard count differ)",
                p.display(),
                first_path.display()
            ));
        }
    }
    let mut by_position: BTreeMap<usize, (PathBuf, ShardItem)> = BTreeMap::new();
    for (p, s) in shards.iter() {
        for item in &s.items {
            if let Some((q, _)) = by_position.get(&item.position) {
                problems.push(format!(
                    "work item {} is in both {} and {}",
                    item.position,
                    q.display(),
                    p.display()
                ));
            } else {
                by_position.insert(item.position, (p.clone(), item.clone()));
            }
        }
    }
    let missing: Vec<usize> = (0..first.total_items)
        .filter(|i| !by_position.contains_key(i))
        .collect();
    if !missing.is_empty() {
        let shards_missing: std::collections::BTreeSet<u32> = missing
            .iter()
            .map(|i| (*i % first.shard.count as usize) as u32)
            .collect();
        problems.push(format!(
            "{} of {} work items are missing (positions {:?}); rerun shards {:?} of {}",
            missing.len(),
            first.total_items,
            &missing[..missing.len().min(10)],
            shards_missing,
            first.shard.count
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Request(problems.join("\n")));
    }
    let list = work_list(
        &first
            .variants
            .iter()
            .map(|v| v.replications)
            .collect::<Vec<_>>(),
    );
    let mut merged = Vec::new();
    for (v, info) in first.variants.iter().enumerate() {
        let location = match &info.network_path {
            Some(p) => NetworkLocation::Dir(p.clone()),
            None => NetworkLocation::Builtin,
        };
        let inputs = Inputs {
            schedule: info.schedule.clone(),
            mct: info.mct.clone(),
        };
        if fingerprint(&location, &inputs)? != info.network_fingerprint {
            return Err(Error::Request(format!(
                "the network of {} changed since the shards ran ({}); rerun the shards",
                info.origin, info.network_label
            )));
        }
        let mut scenario = Scenario::parse(&info.scenario_toml, &info.origin, Path::new("/"))?;
        scenario.network = location.clone();
        let data = load_inputs(&location, &inputs)?;
        let study = Study::with_data(scenario, &data)?;
        let results: Vec<Results> = list
            .iter()
            .enumerate()
            .filter(|(_, (var, _))| *var == v as u32)
            .map(|(pos, _)| by_position[&pos].1.results.clone())
            .collect();
        merged.push(Merged {
            study,
            network_label: info.network_label.clone(),
            results,
        });
    }
    Ok(merged)
}
