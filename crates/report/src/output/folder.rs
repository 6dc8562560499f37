//! Results folders that are always whole: staged in a sibling, closed by a manifest, swapped
//! in.
//!
//! A results folder holds `manifest.json`, written last: the format, the flightnet version, the
//! kind of output (`run`, `merge`, `network`), the sub-folders that are results of their own
//! (one per scenario of a run with several) and every file with its size and SHA-256. A folder
//! counts as a flightnet results folder when it holds such a manifest; an empty folder may also
//! be written into. Anything else is refused rather than overwritten.
//!
//! Writing: [`Staging::begin`] creates `.DIR.tmp-HOST-PID` beside the real folder (symbolic
//! links followed), [`Staging::write`] puts each file there and syncs it, and
//! [`Staging::commit`] writes the manifests, syncs, and swaps the staged folder in: on Linux in
//! one atomic exchange (`renameat2(RENAME_EXCHANGE)`), so the folder's path never stops
//! pointing at a whole run, then removes the old run. Where the exchange is not available the
//! old folder is first renamed to `.DIR.old-HOST-PID` (restored by the next write if the
//! process dies in between).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::atomic::{self, clean_stale, fault_pause, locked, release, resolve, temp_path};
use flightnet_data::error::{Error, Result};

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// The manifest format this version writes.
pub const FORMAT: u32 = 1;

/// One file of a results folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the folder, `/`-separated.
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the contents, lowercase hex.
    pub sha256: String,
}

/// `manifest.json`: what a results folder holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Manifest format (its presence marks a flightnet results folder).
    pub flightnet_results: u32,
    /// The flightnet version that wrote the folder.
    pub version: String,
    /// What wrote it: `run`, `merge` or `network`.
    pub kind: String,
    /// Sub-folders that are results of their own, with their own manifest (one per scenario
    /// of a run with several).
    #[serde(default)]
    pub parts: Vec<String>,
    /// Every file but the manifest itself.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// Reads `DIR/manifest.json` if it is a flightnet manifest.
    fn read(dir: &Path) -> Result<Option<Manifest>> {
        let path = dir.join(MANIFEST);
        match std::fs::read(&path) {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("manifest serialises") + "\n"
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks a results folder: its manifest exists, and every file it lists is there with the
/// listed size and checksum.
///
/// # Errors
/// [`Error::Request`] explaining what is missing or does not match (the folder was written by
/// an interrupted run, edited, or mixes two runs).
pub fn verify(dir: &Path) -> Result<Manifest> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::io(dir, e))?;
    if !meta.is_dir() {
        return Err(Error::Request(format!(
            "{}: not a folder; expected the --out folder of a run",
            dir.display()
        )));
    }
    let path = dir.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Request(format!(
                "{}: not a complete flightnet results folder: {MANIFEST} is missing (flightnet \
                 writes it last, so the run that wrote this folder did not finish, or the \
                 folder was not written by `flightnet run --out`); run again",
                dir.display()
            )));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        Error::Request(format!(
            "{}: not a flightnet results manifest: {e}",
            path.display()
        ))
    })?;
    if manifest.flightnet_results > FORMAT {
        return Err(Error::Request(format!(
            "{}: written by flightnet {} in a newer format ({}); this is flightnet {}",
            path.display(),
            manifest.version,
            manifest.flightnet_results,
            env!("CARGO_PKG_VERSION")
        )));
    }
    for f in &manifest.files {
        let p = dir.join(&f.path);
        let mismatch = || {
            Error::Request(format!(
                "{}: does not match {} (changed or removed since the run, or left from \
                 another run); run again",
                p.display(),
                path.display()
            ))
        };
        let bytes = match std::fs::read(&p) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(mismatch()),
            Err(e) => return Err(Error::io(&p, e)),
        };
        if bytes.len() as u64 != f.bytes || sha256_hex(&bytes) != f.sha256 {
            return Err(mismatch());
        }
    }
    Ok(manifest)
}

/// Whether `dir` may be written as a results folder: it does not exist, is empty, or is a
/// flightnet results folder.
fn check_replaceable(given: &Path, real: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(real) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(real, e)),
    };
    if !meta.is_dir() {
        return Err(Error::Request(format!(
            "{}: exists and is not a folder",
            given.display()
        )));
    }
    let empty = std::fs::read_dir(real)
        .map_err(|e| Error::io(real, e))?
        .next()
        .is_none();
    if empty || Manifest::read(real)?.is_some() {
        return Ok(());
    }
    Err(Error::Request(format!(
        "{}: the folder is not empty and is not a flightnet results folder (it has no {MANIFEST}); \
         flightnet replaces a results folder whole, so it does not write into a folder that \
         holds other files: choose a new or empty folder",
        given.display()
    )))
}

/// The sibling the fallback swap parks the old folder in.
fn old_path(real: &Path) -> PathBuf {
    let tmp = temp_path(real);
    let name = tmp.file_name().map_or_else(String::new, |n| {
        n.to_string_lossy().replacen(".tmp-", ".old-", 1)
    });
    real.with_file_name(name)
}

/// After a fallback swap interrupted between its two renames: put the old folder back when the
/// real one is missing, or remove it when the new one made it.
fn recover_fallback(real: &Path) {
    let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.old-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = old_path(real);
    for e in entries.flatten() {
        let entry = e.file_name().to_string_lossy().into_owned();
        if !entry.starts_with(&prefix) {
            continue;
        }
        let p = dir.join(&entry);
        if p == own {
            continue;
        }
        // Reuse the temporary-name owner check: `.NAME.old-HOST-PID` ↔ `.NAME.tmp-HOST-PID`.
        let as_tmp = dir.join(entry.replacen(".old-", ".tmp-", 1));
        if !is_stale(real, &as_tmp) {
            continue;
        }
        if std::fs::symlink_metadata(real).is_err() {
            let _ = std::fs::rename(&p, real);
        } else {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

/// Whether `tmp` is a temporary of `real` left by a dead process of this machine.
fn is_stale(real: &Path, tmp: &Path) -> bool {
    tmp.file_name()
        .is_some_and(|name| atomic::stale_owner(&name.to_string_lossy(), real))
}

/// A results folder being written: files go into a staged sibling until [`Staging::commit`].
/// Dropping it without committing removes the staged files.
#[derive(Debug)]
pub struct Staging {
    given: PathBuf,
    real: PathBuf,
    tmp: PathBuf,
    files: Vec<FileEntry>,
    dirs: BTreeSet<String>,
    committed: bool,
}

impl Staging {
    /// Starts writing the results folder `dir`.
    ///
    /// # Errors
    /// [`Error::Request`] when `dir` is `-`, a file, or a non-empty folder that is not a
    /// flightnet results folder; [`Error::Io`] when the staged folder cannot be created.
    pub fn begin(dir: &Path) -> Result<Staging> {
        if dir.as_os_str() == "-" {
            return Err(Error::Request(
                "-: a folder is needed here; `-` (standard output) stands only for single files"
                    .into(),
            ));
        }
        let real = resolve(dir)?;
        if real.file_name().is_none() {
            return Err(Error::Request(format!(
                "{}: name a folder (not `.`, `..` or a root) so that it can be replaced whole",
                dir.display()
            )));
        }
        recover_fallback(&real);
        check_replaceable(dir, &real)?;
        if let Some(parent) = real.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        clean_stale(&real);
        let tmp = temp_path(&real);
        locked(|temps| {
            if std::fs::symlink_metadata(&tmp).is_ok() {
                // Left by an earlier process that had this process id.
                let _ = std::fs::remove_dir_all(&tmp);
            }
            std::fs::create_dir(&tmp).map_err(|e| Error::io(&tmp, e))?;
            temps.push(tmp.clone());
            Ok::<(), Error>(())
        })?;
        Ok(Staging {
            given: dir.to_path_buf(),
            real,
            tmp,
            files: Vec::new(),
            dirs: BTreeSet::new(),
            committed: false,
        })
    }

    /// The folder as the user named it.
    pub fn path(&self) -> &Path {
        &self.given
    }

    /// Writes one file, `rel` being a `/`-separated path inside the folder.
    ///
    /// # Errors
    /// [`Error::Io`] naming the file in the final folder.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<()> {
        assert!(
            !rel.is_empty()
                && !rel
                    .split('/')
                    .any(|c| c.is_empty() || c == "." || c == ".."),
            "a plain relative path"
        );
        let shown = self.given.join(rel);
        let parts: Vec<&str> = rel.split('/').collect();
        for k in 1..parts.len() {
            let sub = parts[..k].join("/");
            if self.dirs.insert(sub.clone()) {
                let p = self.tmp.join(&sub);
                // `create_dir`, never `create_dir_all`: if an interrupt removed the staged
                // folder, this must fail rather than bring it back.
                locked(|_| std::fs::create_dir(&p)).map_err(|e| Error::io(&shown, e))?;
            }
        }
        let p = self.tmp.join(rel);
        let mut f = locked(|_| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&p)
        })
        .map_err(|e| Error::io(&shown, e))?;
        f.write_all(bytes)
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(&shown, e))?;
        self.files.retain(|e| e.path != rel);
        self.files.push(FileEntry {
            path: rel.to_string(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
        fault_pause();
        Ok(())
    }

    /// Writes the manifests (one in each of `parts`, then the folder's own, last), syncs and
    /// swaps the staged folder in place of the real one.
    ///
    /// # Errors
    /// [`Error::Io`] when writing or renaming fails; the staged folder is removed and the real
    /// one left as it was.
    pub fn commit(mut self, kind: &str, parts: &[String]) -> Result<()> {
        let version = env!("CARGO_PKG_VERSION").to_string();
        for part in parts {
            let prefix = format!("{part}/");
            let files: Vec<FileEntry> = self
                .files
                .iter()
                .filter_map(|f| {
                    f.path.strip_prefix(&prefix).map(|rest| FileEntry {
                        path: rest.to_string(),
                        ..f.clone()
                    })
                })
                .collect();
            let m = Manifest {
                flightnet_results: FORMAT,
                version: version.clone(),
                kind: kind.to_string(),
                parts: Vec::new(),
                files,
            };
            self.write(&format!("{part}/{MANIFEST}"), m.to_json().as_bytes())?;
        }
        let mut files = self.files.clone();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let m = Manifest {
            flightnet_results: FORMAT,
            version,
            kind: kind.to_string(),
            parts: parts.to_vec(),
            files,
        };
        self.write(MANIFEST, m.to_json().as_bytes())?;
        for d in &self.dirs {
            atomic::sync_dir(&self.tmp.join(d));
        }
        atomic::sync_dir(&self.tmp);
        self.swap()?;
        self.committed = true;
        Ok(())
    }

    /// Puts the staged folder in place of the real one.
    fn swap(&self) -> Result<()> {
        let (tmp, real) = (&self.tmp, &self.real);
        let parent = real.parent().unwrap_or(Path::new("."));
        let leftover = locked(|temps| -> Result<Option<PathBuf>> {
            if std::fs::symlink_metadata(tmp).is_err() {
                return Err(Error::Request(format!(
                    "{}: the staged results vanished before they could be moved in",
                    self.given.display()
                )));
            }
            // A new folder, or an empty one (which rename replaces on POSIX systems).
            if std::fs::rename(tmp, real).is_ok() {
                temps.retain(|p| p != tmp);
                return Ok(None);
            }
            #[cfg(any(target_os = "linux", target_os = "android"))]
            {
                match rustix::fs::renameat_with(
                    rustix::fs::CWD,
                    tmp,
                    rustix::fs::CWD,
                    real,
                    rustix::fs::RenameFlags::EXCHANGE,
                ) {
                    // `tmp` now holds the old run, still registered for removal.
                    Ok(()) => return Ok(Some(tmp.clone())),
                    Err(e)
                        if e != rustix::io::Errno::INVAL
                            && e != rustix::io::Errno::NOSYS
                            && e != rustix::io::Errno::OPNOTSUPP =>
                    {
                        return Err(Error::io(real, e.into()));
                    }
                    Err(_) => {} // no exchange on this file system: fall back
                }
            }
            let old = old_path(real);
            std::fs::rename(real, &old).map_err(|e| Error::io(real, e))?;
            fault_pause();
            if let Err(e) = std::fs::rename(tmp, real) {
                let _ = std::fs::rename(&old, real);
                return Err(Error::io(real, e));
            }
            temps.retain(|p| p != tmp);
            temps.push(old.clone());
            Ok(Some(old))
        })?;
        atomic::sync_dir(parent);
        fault_pause();
        if let Some(old) = leftover {
            release(&old, true);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            release(&self.tmp, true);
        }
    }
}

/// Writes `rel` into an existing results folder and records it in its manifest (used by
/// `flightnet report DIR`, whose page lands beside the run's files). The file is written
/// first, then the manifest, each atomically.
///
/// # Errors
/// As [`verify`] when the folder is not whole; [`Error::Io`] when writing fails.
pub fn add_file(dir: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let mut manifest = verify(dir)?;
    atomic::write_file(&dir.join(rel), bytes)?;
    manifest.files.retain(|f| f.path != rel);
    manifest.files.push(FileEntry {
        path: rel.to_string(),
        bytes: bytes.len() as u64,
        sha256: sha256_hex(bytes),
    });
    manifest.files.sort_by(|a, b| a.path.cmp(&b.path));
    atomic::write_file(&dir.join(MANIFEST), manifest.to_json().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn sha256_of_known_inputs() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_folder_is_replaced_whole() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let mut s = Staging::begin(&out).unwrap();
        s.write("a.csv", b"1").unwrap();
        s.write("old-only.csv", b"x").unwrap();
        s.commit("run", &[]).unwrap();
        assert_eq!(names(&out), ["a.csv", "manifest.json", "old-only.csv"]);
        let mut s = Staging::begin(&out).unwrap();
        s.write("a.csv", b"2").unwrap();
        s.commit("run", &[]).unwrap();
        assert_eq!(names(&out), ["a.csv", "manifest.json"]);
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"2");
        verify(&out).unwrap();
        assert_eq!(names(root.path()), ["out"], "no temporary left");
    }

    #[test]
    fn a_foreign_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("routes.csv"), "mine").unwrap();
        let e = Staging::begin(root.path()).unwrap_err().to_string();
        assert!(e.contains("not a flightnet results folder"), "{e}");
        assert_eq!(
            std::fs::read_to_string(root.path().join("routes.csv")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn an_uncommitted_staging_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        {
            let mut s = Staging::begin(&out).unwrap();
            s.write("a.csv", b"1").unwrap();
        }
        assert!(names(root.path()).is_empty());
    }

    #[test]
    fn verify_detects_a_mix() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let mut s = Staging::begin(&out).unwrap();
        s.write("summary.json", b"{}").unwrap();
        s.write("sub/x.csv", b"1").unwrap();
        s.commit("run", &["sub".to_string()]).unwrap();
        verify(&out).unwrap();
        verify(&out.join("sub")).unwrap();
        std::fs::write(out.join("summary.json"), "{\"other\":1}").unwrap();
        let e = verify(&out).unwrap_err().to_string();
        assert!(e.contains("does not match"), "{e}");
        std::fs::remove_file(out.join("manifest.json")).unwrap();
        let e = verify(&out).unwrap_err().to_string();
        assert!(e.contains("manifest.json is missing"), "{e}");
    }

    #[test]
    fn add_file_updates_the_manifest() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let mut s = Staging::begin(&out).unwrap();
        s.write("summary.json", b"{}").unwrap();
        s.commit("run", &[]).unwrap();
        add_file(&out, "report.html", b"<html>").unwrap();
        let m = verify(&out).unwrap();
        assert!(m.files.iter().any(|f| f.path == "report.html"));
    }
}
