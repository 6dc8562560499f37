//! Everything a command writes goes through here, so that no output is ever half written or a
//! mix of two runs:
//!
//! - [`atomic`]: one file. The bytes go to a temporary sibling of the real target (symbolic
//!   links are followed, so a link stays a link), are synced, and are renamed over it; `-` is
//!   standard output; a target that is not a regular file (`/dev/stdout`, a pipe) is written in
//!   place. Every temporary is registered, removed on every error path, and removed by
//!   [`remove_temporaries`] when the process is interrupted (the binary calls it from its signal
//!   handler); temporaries that a killed process left behind are removed by the next write to
//!   the same place.
//! - [`folder`]: a results folder (`run --out`, `merge --out`, `generate --out`). The files are
//!   written into a fresh sibling folder with a `manifest.json` (tool version and a SHA-256 per
//!   file) written last, and the sibling is swapped in whole, so the folder is always either the
//!   old run or the new one. [`folder::verify`] is how readers (`report`) check a folder.

pub mod atomic;
pub mod folder;

pub use atomic::{Dest, remove_temporaries, write_file};
pub use folder::{Manifest, Staging};
