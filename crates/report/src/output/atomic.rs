//! Writing one file atomically, through symbolic links, or to standard output; and the registry
//! of temporaries that an interrupted process removes.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use flightnet_data::error::{Error, Result};

/// Where a single output goes: a file, or standard output (`-`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    /// Standard output.
    Stdout,
    /// A file (symbolic links are followed when it is written).
    File(PathBuf),
}

impl Dest {
    /// `-` is standard output; anything else a file.
    ///
    /// # Example
    /// ```
    /// use flightnet_report::output::Dest;
    /// assert_eq!(Dest::of("-".as_ref()), Dest::Stdout);
    /// assert_eq!(Dest::of("a.html".as_ref()), Dest::File("a.html".into()));
    /// ```
    pub fn of(path: &Path) -> Dest {
        if path.as_os_str() == "-" {
            Dest::Stdout
        } else {
            Dest::File(path.to_path_buf())
        }
    }

    /// Writes `bytes` there: atomically for a file ([`write_file`]).
    pub fn write(&self, bytes: &[u8]) -> Result<()> {
        match self {
            Dest::Stdout => write_stdout(bytes),
            Dest::File(p) => write_file(p, bytes),
        }
    }

    /// How messages name it.
    pub fn label(&self) -> String {
        match self {
            Dest::Stdout => "standard output".to_string(),
            Dest::File(p) => p.display().to_string(),
        }
    }
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("standard output", e))
}

/// The temporaries this process has created and not yet renamed or removed.
fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    static TEMPS: OnceLock<Mutex<Vec<PathBuf>>> = OnceLock::new();
    TEMPS
        .get_or_init(|| Mutex::new(Vec::new()))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Holds the registry: while it lives no temporary can be created, renamed or swapped in.
pub struct Held(#[allow(dead_code)] MutexGuard<'static, Vec<PathBuf>>);

/// Removes every temporary file and folder this process has registered and keeps the registry
/// locked, so that nothing new is created or renamed into place afterwards. For a signal
/// handler: call it, then end the process while the returned guard is alive.
pub fn remove_temporaries() -> Held {
    let mut temps = registry();
    for p in temps.drain(..) {
        remove_path(&p);
    }
    Held(temps)
}

/// Runs `f` with the registry locked (creating, renaming and swapping temporaries), so that an
/// interrupting signal either sees the temporary registered or not created yet.
pub(crate) fn locked<T>(f: impl FnOnce(&mut Vec<PathBuf>) -> T) -> T {
    f(&mut registry())
}

/// Forgets a temporary (it was renamed into place) or removes it.
pub(crate) fn release(path: &Path, remove: bool) {
    let mut temps = registry();
    temps.retain(|p| p != path);
    if remove {
        remove_path(path);
    }
}

fn remove_path(p: &Path) {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_dir() => {
            // A second try covers a file created while the first walk ran.
            if std::fs::remove_dir_all(p).is_err() {
                let _ = std::fs::remove_dir_all(p);
            }
        }
        Ok(_) => {
            let _ = std::fs::remove_file(p);
        }
        Err(_) => {}
    }
}

/// This machine's name as it appears in temporary names (so that a shared file system never
/// has one machine remove another's temporaries).
fn host() -> &'static str {
    static HOST: OnceLock<String> = OnceLock::new();
    HOST.get_or_init(|| {
        #[cfg(unix)]
        let name = rustix::system::uname()
            .nodename()
            .to_string_lossy()
            .into_owned();
        #[cfg(not(unix))]
        let name = std::env::var("COMPUTERNAME").unwrap_or_default();
        let clean: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if clean.is_empty() {
            "host".to_string()
        } else {
            clean
        }
    })
}

/// The temporary sibling of `target` this process uses: `.NAME.tmp-HOST-PID`.
pub fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.tmp-{}-{}", host(), std::process::id()))
}

/// Whether a process of this machine is alive (unknown counts as alive).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The process id of a temporary name of `target` on this machine, if `entry` is one.
fn temp_owner(entry: &str, target_name: &str) -> Option<u32> {
    let rest = entry.strip_prefix(&format!(".{target_name}.tmp-"))?;
    let (host_part, pid) = rest.rsplit_once('-')?;
    (host_part == host()).then(|| pid.parse().ok())?
}

/// Whether `entry` (a file name) is a temporary of `target` left by a dead process of this
/// machine.
pub(crate) fn stale_owner(entry: &str, target: &Path) -> bool {
    let Some(name) = target.file_name() else {
        return false;
    };
    temp_owner(entry, &name.to_string_lossy())
        .is_some_and(|pid| pid != std::process::id() && !alive(pid))
}

/// Removes the temporaries of `target` that processes of this machine left when they were
/// killed (`.NAME.tmp-HOST-PID` whose process no longer runs). Temporaries of live processes
/// and of other machines are left alone.
pub fn clean_stale(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let entry = e.file_name().to_string_lossy().into_owned();
        if temp_owner(&entry, &name).is_some_and(|pid| pid != std::process::id() && !alive(pid)) {
            remove_path(&dir.join(&entry));
        }
    }
}

/// Follows symbolic links from `path` to the file they end at (which may not exist yet).
///
/// # Errors
/// A loop of links, or a link that cannot be read.
pub fn resolve(path: &Path) -> Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p).map_err(|e| Error::io(&p, e))?;
                p = if to.is_absolute() {
                    to
                } else {
                    p.parent().unwrap_or(Path::new("")).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Error::Request(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Pauses between the steps of a write when `FLIGHTNET_FAULT_PAUSE_MS` is set: the
/// fault-injection test uses it to widen the moments it interrupts. Never set in normal use.
pub(crate) fn fault_pause() {
    static PAUSE: OnceLock<u64> = OnceLock::new();
    let ms = *PAUSE.get_or_init(|| {
        std::env::var("FLIGHTNET_FAULT_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    });
    if ms > 0 {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Creates a new file at a registered temporary path (under the registry lock).
pub(crate) fn create_temp_file(tmp: &Path) -> Result<File> {
    locked(|temps| {
        let open = || OpenOptions::new().write(true).create_new(true).open(tmp);
        let f = match open() {
            // Left by an earlier process that had this process id.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                remove_path(tmp);
                open()
            }
            other => other,
        }
        .map_err(|e| Error::io(tmp, e))?;
        temps.push(tmp.to_path_buf());
        Ok(f)
    })
}

/// Syncs a folder so that a rename inside it survives a crash (best effort: not every file
/// system or platform allows opening a folder).
pub(crate) fn sync_dir(dir: &Path) {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
}

/// Writes `bytes` to `path` atomically: symbolic links are followed to the real file, the bytes
/// go to a temporary sibling of it (`.NAME.tmp-HOST-PID`), are synced to disk and the temporary
/// is renamed over the real file, so a reader sees the old file or the new one, never a part.
/// A target that exists and is not a regular file (a terminal, a pipe, `/dev/stdout`) is
/// written in place; `-` is standard output. The temporary is removed on every error.
///
/// # Errors
/// [`Error::Io`] naming the file; [`Error::Request`] when the target is a folder.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        return write_stdout(bytes);
    }
    // What the path ends at, links followed by the system (this also opens /proc's magic
    // links such as /dev/stdout → /proc/self/fd/1 → pipe:[…], which have no path to follow).
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_dir() {
            return Err(Error::Request(format!(
                "{}: is a folder, expected a file name",
                path.display()
            )));
        }
        if !m.is_file() {
            // A device or a pipe: there is nothing to replace, so write into it.
            let mut f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            return f
                .write_all(bytes)
                .and_then(|()| f.flush())
                .map_err(|e| Error::io(path, e));
        }
    }
    let real = resolve(path)?;
    let meta = std::fs::metadata(&real).ok();
    clean_stale(&real);
    let tmp = temp_path(&real);
    let result = (|| {
        let mut f = create_temp_file(&tmp)?;
        if let Some(m) = &meta {
            // Keep the replaced file's permissions.
            let _ = f.set_permissions(m.permissions());
        }
        f.write_all(bytes).map_err(|e| Error::io(&real, e))?;
        f.sync_all().map_err(|e| Error::io(&real, e))?;
        drop(f);
        fault_pause();
        locked(|temps| {
            std::fs::rename(&tmp, &real).map_err(|e| Error::io(&real, e))?;
            temps.retain(|p| p != &tmp);
            Ok(())
        })?;
        sync_dir(real.parent().unwrap_or(Path::new(".")));
        Ok(())
    })();
    if result.is_err() {
        release(&tmp, true);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_file(&p, b"one").unwrap();
        write_file(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary left");
    }

    #[cfg(unix)]
    #[test]
    fn follows_symbolic_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.html");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.html");
        std::os::unix::fs::symlink("real.html", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_folder_is_refused_and_errors_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_file(dir.path(), b"x").is_err());
        let missing = dir.path().join("no/such/dir/file.txt");
        assert!(write_file(&missing, b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        // A pid far above any real one is dead; another machine's temporary is left alone.
        let dead = dir
            .path()
            .join(format!(".out.json.tmp-{}-{}", host(), 2_000_000_000u32));
        let other = dir.path().join(".out.json.tmp-elsewhere-1");
        std::fs::write(&dead, "x").unwrap();
        std::fs::write(&other, "x").unwrap();
        write_file(&target, b"y").unwrap();
        assert!(!dead.exists());
        assert!(other.exists());
    }
}
