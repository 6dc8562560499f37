//! Transparent huge pages for the simulating commands, through glibc's allocator switch.
//!
//! A simulation reads memory at random over hundreds of MiB, and most of what it reads lives in
//! many small allocations (each flight's booking groups). glibc 2.35 and later back their
//! allocator's memory with 2 MiB pages when `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` is set, and
//! that takes 3–10% off a large network's year on the build machine (BENCHMARKS.md, step 12);
//! results never change. The switch is only read when a program starts, so the simulating
//! commands start the program again, once, with it set: same arguments, same process id, same
//! standard streams, before anything is read or written.
//!
//! Nothing happens when `GLIBC_TUNABLES` is already set (the user's choice, and the mark of
//! the restarted program), when `FLIGHTNET_HUGE_PAGES=0`, off Linux or glibc, or when the
//! restart fails (the command then runs as it is).

/// Restarts the program with glibc's huge-page switch on, if it is not on yet (see the module
/// documentation); returns only when the program goes on without it.
pub(crate) fn restart_with_huge_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        if std::env::var_os("GLIBC_TUNABLES").is_some()
            || std::env::var_os("FLIGHTNET_HUGE_PAGES").is_some_and(|v| v == "0")
        {
            return;
        }
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let mut args = std::env::args_os();
        let mut cmd = std::process::Command::new(exe);
        if let Some(name) = args.next() {
            cmd.arg0(name);
        }
        // `exec` returns only if it failed: then go on as we are.
        let _ = cmd
            .args(args)
            .env("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1")
            .exec();
    }
}

/// Whether this process runs with glibc's huge-page switch on (Linux with glibc only).
pub(crate) fn on() -> bool {
    cfg!(all(target_os = "linux", target_env = "gnu"))
        && std::env::var("GLIBC_TUNABLES")
            .is_ok_and(|v| v.split(':').any(|t| t.trim() == "glibc.malloc.hugetlb=1"))
}
