//! What commands write: results folders that are always one whole run (manifest, replaced
//! whole, never a mix, refused when foreign), single files through symbolic links and `-` for
//! standard output, no temporary left behind, and a fault-injection test that kills
//! `run --out` at many points.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::fixture::{bin, ok};
use flightnet_report::output::folder::verify;

/// A two-day scenario on the shipped network, in `dir`.
fn scenario(dir: &Path, name: &str) -> PathBuf {
    let routes = std::fs::canonicalize("routes").unwrap();
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(
        &path,
        format!(
            "network = {:?}\nstart = 2023-10-02\nend = 2023-10-03\n",
            routes.display().to_string()
        ),
    )
    .unwrap();
    path
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn seed_in(dir: &Path) -> u64 {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("summary.json")).unwrap()).unwrap();
    v["scenario"]["seed"].as_u64().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_results_folder_has_a_manifest_and_is_replaced_whole() {
    let root = tempfile::tempdir().unwrap();
    let s = scenario(root.path(), "short");
    let out = root.path().join("out");
    let report = out.join("report.html");
    ok(bin()
        .args(["run", s.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--report", report.to_str().unwrap()])
        .output()
        .unwrap());
    let m = verify(&out).unwrap();
    assert_eq!(m.kind, "run");
    let listed: Vec<&str> = m.files.iter().map(|f| f.path.as_str()).collect();
    for f in ["summary.json", "flights.csv", "daily.csv", "report.html"] {
        assert!(listed.contains(&f), "{f} in the manifest: {listed:?}");
    }
    // A shorter re-run without --report replaces the folder whole: no stale report.
    ok(bin()
        .args(["run", s.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--end", "2023-10-02", "--seed", "7"])
        .output()
        .unwrap());
    assert!(!report.exists(), "the old report went with the old run");
    verify(&out).unwrap();
    assert_eq!(seed_in(&out), 7);
    assert_eq!(
        names(root.path()),
        ["out", "short.toml"],
        "no temporary left"
    );
}

#[test]
fn a_folder_that_is_not_a_results_folder_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let s = scenario(root.path(), "short");
    let mine = root.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("routes.csv"), "my own file").unwrap();
    let out = bin()
        .args(["run", s.to_str().unwrap(), "--out", mine.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a flightnet results folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(names(&mine), ["routes.csv"]);
    assert_eq!(
        std::fs::read_to_string(mine.join("routes.csv")).unwrap(),
        "my own file"
    );
    // `-` is no folder.
    let out = bin()
        .args(["run", s.to_str().unwrap(), "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn report_and_merge_refuse_a_folder_that_is_not_one_whole_run() {
    let root = tempfile::tempdir().unwrap();
    let s = scenario(root.path(), "short");
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    for (dir, seed) in [(&a, "1"), (&b, "2")] {
        ok(bin()
            .args(["run", s.to_str().unwrap(), "--seed", seed])
            .args(["--out", dir.to_str().unwrap()])
            .output()
            .unwrap());
    }
    // The mix the issue found: a new summary.json beside the old run's CSV files.
    std::fs::copy(b.join("summary.json"), a.join("summary.json")).unwrap();
    let out = bin()
        .args(["report", a.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not match"), "{}", stderr(&out));
    // A folder without its manifest (an interrupted writer) is refused too.
    std::fs::remove_file(b.join("manifest.json")).unwrap();
    let out = bin()
        .args(["report", b.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("manifest.json is missing"),
        "{}",
        stderr(&out)
    );
    // merge wants shard files, not a results folder.
    ok(bin()
        .args(["run", s.to_str().unwrap(), "--out", a.to_str().unwrap()])
        .output()
        .unwrap());
    let out = bin().args(["merge", a.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is a results folder"),
        "{}",
        stderr(&out)
    );
    // report DIR records its page in the manifest, so the folder stays whole.
    ok(bin()
        .args(["report", a.to_str().unwrap()])
        .output()
        .unwrap());
    let m = verify(&a).unwrap();
    assert!(m.files.iter().any(|f| f.path == "report.html"));
}

#[test]
fn several_scenarios_get_folders_named_after_them() {
    let root = tempfile::tempdir().unwrap();
    let s1 = scenario(root.path(), "base");
    let s2 = scenario(root.path(), "more-flights");
    let out = root.path().join("out");
    ok(bin()
        .args(["run", s1.to_str().unwrap(), s2.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap());
    assert_eq!(names(&out), ["base", "manifest.json", "more-flights"]);
    let m = verify(&out).unwrap();
    assert_eq!(m.parts, ["base", "more-flights"]);
    verify(&out.join("base")).unwrap();
    let r = bin()
        .args(["report", out.to_str().unwrap(), "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("more-flights"), "{}", stderr(&r));
    ok(bin()
        .args(["report", out.join("base").to_str().unwrap(), "--out", "-"])
        .output()
        .unwrap());
}

#[cfg(unix)]
#[test]
fn writes_follow_symbolic_links_and_dash_is_standard_output() {
    let root = tempfile::tempdir().unwrap();
    let real = root.path().join("real.ssim");
    std::fs::write(&real, "old").unwrap();
    let link = root.path().join("link.ssim");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    ok(bin()
        .args(["export-ssim", "routes", "--created", "2024-01-01"])
        .args(["--out", link.to_str().unwrap()])
        .output()
        .unwrap());
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.starts_with("1AIRLINE STANDARD SCHEDULE DATA SET"));
    // `-` and /dev/stdout: the file goes to standard output, nothing is replaced.
    for target in ["-", "/dev/stdout"] {
        let out = ok(bin()
            .args(["export-ssim", "routes", "--created", "2024-01-01"])
            .args(["--out", target])
            .stdout(Stdio::piped())
            .output()
            .unwrap());
        assert_eq!(String::from_utf8_lossy(&out.stdout), text, "{target}");
    }
    assert!(
        std::fs::symlink_metadata("/dev/stdout")
            .map(|m| !m.is_file())
            .unwrap_or(true)
    );
    // report --out through a link, and to standard output.
    let s = scenario(root.path(), "short");
    let run = root.path().join("run");
    ok(bin()
        .args(["run", s.to_str().unwrap(), "--out", run.to_str().unwrap()])
        .output()
        .unwrap());
    let page = root.path().join("page.html");
    std::fs::write(&page, "old").unwrap();
    let page_link = root.path().join("page-link.html");
    std::os::unix::fs::symlink("page.html", &page_link).unwrap();
    ok(bin()
        .args(["report", run.to_str().unwrap()])
        .args(["--out", page_link.to_str().unwrap()])
        .output()
        .unwrap());
    assert!(
        std::fs::symlink_metadata(&page_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let out = ok(bin()
        .args(["report", run.to_str().unwrap(), "--out", "-"])
        .output()
        .unwrap());
    assert!(out.stdout.starts_with(b"<!DOCTYPE html>"));
    // run --report -: the page instead of the tables.
    let out = ok(bin()
        .args(["run", s.to_str().unwrap(), "--report", "-"])
        .output()
        .unwrap());
    assert!(out.stdout.starts_with(b"<!DOCTYPE html>"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Headline\n"));
}

#[test]
fn temporaries_are_removed_when_a_command_fails() {
    let root = tempfile::tempdir().unwrap();
    let bad = root.path().join("bad.toml");
    std::fs::write(
        &bad,
        "start = 2023-10-02\nend = 2023-10-03\nnetwork = \"nowhere\"\n",
    )
    .unwrap();
    let out = root.path().join("out");
    let r = bin()
        .args(["run", bad.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(names(root.path()), ["bad.toml"], "nothing staged is left");
    // A single file whose folder does not exist: an error, and nothing left either.
    let r = bin()
        .args(["export-ssim", "routes", "--created", "2024-01-01"])
        .args([
            "--out",
            root.path().join("no/such/x.ssim").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(names(root.path()), ["bad.toml"]);
}

/// A small deterministic generator for the kill delays (no clock or OS randomness, so a
/// failure can be replayed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Kills `flightnet run --out DIR` with SIGINT, SIGTERM or SIGKILL at 60 points spread over
/// its whole life (the writes slowed by `FLIGHTNET_FAULT_PAUSE_MS` so that many land while
/// files are written and swapped) and checks each time that DIR is exactly the previous run or
/// the new one, with no temporary inside it; after a catchable signal no temporary of that
/// process is left anywhere, and the next runs remove what killed processes left.
#[cfg(unix)]
#[test]
fn killed_runs_leave_the_old_run_or_the_new_one() {
    let root = tempfile::tempdir().unwrap();
    let s = scenario(root.path(), "short");
    let out = root.path().join("out");
    let start = |seed: u64, pause: bool| {
        let mut c = bin();
        c.args(["run", s.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .args(["--seed", &seed.to_string(), "--threads", "1"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if pause {
            c.env("FLIGHTNET_FAULT_PAUSE_MS", "15");
        }
        c.spawn().unwrap()
    };
    // The first run, complete; and how long a whole (slowed) run takes.
    let t0 = std::time::Instant::now();
    assert!(start(1, true).wait().unwrap().success());
    let whole = t0.elapsed().as_secs_f64();
    let mut current = seed_in(&out);
    let mut rng = Lcg(2024);
    let mut kills = 0;
    let mut changed = 0;
    for k in 0..60u64 {
        let seed = 100 + k;
        let signal = ["INT", "KILL", "TERM"][(k % 3) as usize];
        let mut child = start(seed, true);
        let delay = rng.next() * whole * 1.1;
        std::thread::sleep(std::time::Duration::from_secs_f64(delay));
        let pid = child.id();
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success() || child.try_wait().unwrap().is_some());
        child.wait().unwrap();
        kills += 1;
        // The folder: whole, and one of the two runs.
        let m = verify(&out).unwrap_or_else(|e| panic!("kill {k} ({signal}, {delay:.3} s): {e}"));
        let found = seed_in(&out);
        assert!(
            found == current || found == seed,
            "kill {k}: seed {found}, expected {current} or {seed}"
        );
        if found != current {
            changed += 1;
        }
        current = found;
        let mut expected: Vec<String> = m.files.iter().map(|f| f.path.clone()).collect();
        expected.push("manifest.json".into());
        expected.sort();
        assert_eq!(
            names(&out),
            expected,
            "kill {k}: only the run's files in DIR"
        );
        // Siblings: only temporaries of processes killed with SIGKILL may remain.
        for n in names(root.path()) {
            if n == "out" || n == "short.toml" {
                continue;
            }
            assert!(
                n.starts_with(".out.tmp-") || n.starts_with(".out.old-"),
                "kill {k}: unexpected {n}"
            );
            let owner: u32 = n.rsplit('-').next().unwrap().parse().unwrap();
            assert!(
                owner != pid || signal == "KILL",
                "kill {k}: {signal} left {n} behind"
            );
        }
    }
    assert!(kills >= 50);
    assert!(changed > 0, "some runs finished before their kill");
    assert!(changed < 60, "most kills interrupted a run");
    // A final run removes whatever the SIGKILLed ones left.
    assert!(start(999, false).wait().unwrap().success());
    assert_eq!(names(root.path()), ["out", "short.toml"]);
    assert_eq!(seed_in(&out), 999);
}
