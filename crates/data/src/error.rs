//! Typed errors for the library.
//!
//! Input problems are reported as [`Diagnostic`]s: each names the file, the line, the column,
//! the offending value and what was expected. Loading collects every diagnostic in every file
//! before failing, so a user sees all of the problems at once ([`Error::Invalid`]).

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in a user-supplied file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file that holds the problem.
    pub file: PathBuf,
    /// 1-based line number (0 when the problem concerns the whole file).
    pub line: u64,
    /// The column (1-based position and name), when the problem is in one field.
    pub column: Option<Column>,
    /// The offending value as written (may be empty).
    pub value: String,
    /// What was expected instead, in words.
    pub expected: String,
}

/// A column of a tabular input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// 1-based position of the column in the row (for fixed-width files: the first byte).
    pub index: usize,
    /// The column's name (header name, TOML key or SSIM field name).
    pub name: String,
}

impl Diagnostic {
    /// A problem in one field of one line.
    ///
    /// # Example
    /// ```
    /// use flightnet_data::error::Diagnostic;
    /// let d = Diagnostic::field("routes/schedule.csv", 3, 5, "dep", "25:00", "a time HH:MM from 00:00 to 23:59");
    /// assert_eq!(
    ///     d.to_string(),
    ///     "routes/schedule.csv:3:5: column `dep`: found \"25:00\", expected a time HH:MM from 00:00 to 23:59"
    /// );
    /// ```
    pub fn field(
        file: impl AsRef<Path>,
        line: u64,
        index: usize,
        name: &str,
        value: &str,
        expected: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            column: Some(Column {
                index,
                name: name.to_string(),
            }),
            value: value.to_string(),
            expected: expected.into(),
        }
    }

    /// A problem with a whole line (or the whole file when `line` is 0).
    pub fn line(
        file: impl AsRef<Path>,
        line: u64,
        value: &str,
        expected: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.as_ref().to_path_buf(),
            line,
            column: None,
            value: value.to_string(),
            expected: expected.into(),
        }
    }
}

/// The longest value a message shows, in characters; longer ones are cut with a count of the
/// rest, so a megabyte-long line never floods the terminal.
pub const MAX_SHOWN: usize = 120;

/// `text` cut to [`MAX_SHOWN`] characters, with `… (N more bytes)` when it was longer.
///
/// # Example
/// ```
/// use flightnet_data::error::shorten;
/// assert_eq!(shorten("ALA"), "ALA");
/// assert!(shorten(&"x".repeat(1_000_000)).ends_with("… (999880 more bytes)"));
/// ```
pub fn shorten(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(MAX_SHOWN) {
        None => std::borrow::Cow::Borrowed(text),
        Some((cut, _)) => std::borrow::Cow::Owned(format!(
            "{}… ({} more bytes)",
            &text[..cut],
            text.len() - cut
        )),
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(col) = &self.column {
            if self.line > 0 && col.index > 0 {
                write!(f, ":{}", col.index)?;
            }
            write!(f, ": column `{}`", col.name)?;
        }
        write!(
            f,
            ": found {:?}, expected {}",
            shorten(&self.value),
            shorten_expected(&self.expected)
        )
    }
}

/// Expectations are written by flightnet but may quote a value; cut them more generously.
fn shorten_expected(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= 4 * MAX_SHOWN {
        std::borrow::Cow::Borrowed(text)
    } else {
        let cut = text
            .char_indices()
            .nth(4 * MAX_SHOWN)
            .map_or(text.len(), |(i, _)| i);
        std::borrow::Cow::Owned(format!(
            "{}… ({} more bytes)",
            &text[..cut],
            text.len() - cut
        ))
    }
}

/// All the diagnostics found while loading some input, in file then line order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column so the report reads top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.line, a.column.as_ref().map(|c| c.index)).cmp(&(
                &b.file,
                b.line,
                b.column.as_ref().map(|c| c.index),
            ))
        });
    }
}

/// How many problems a message lists per file before it only counts the rest.
pub const MAX_PER_FILE: usize = 20;

/// The lines that list `diags`: each one as `{prefix}{diagnostic}`, at most [`MAX_PER_FILE`]
/// per file, then `{prefix}… and N more in FILE` for the rest of that file.
///
/// # Example
/// ```
/// use flightnet_data::error::{Diagnostic, listing};
/// let d: Vec<_> = (1..=25).map(|i| Diagnostic::line("a.csv", i, "x", "y")).collect();
/// let lines = listing(&d, "");
/// assert_eq!(lines.len(), 21);
/// assert_eq!(lines[20], "… and 5 more problems in a.csv");
/// ```
pub fn listing(diags: &[Diagnostic], prefix: &str) -> Vec<String> {
    let mut count: std::collections::BTreeMap<&Path, usize> = std::collections::BTreeMap::new();
    for d in diags {
        *count.entry(d.file.as_path()).or_default() += 1;
    }
    let mut shown: std::collections::BTreeMap<&Path, usize> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for d in diags {
        let file = d.file.as_path();
        let n = shown.entry(file).or_default();
        *n += 1;
        if *n <= MAX_PER_FILE {
            out.push(format!("{prefix}{d}"));
        }
        let total = count[file];
        // After the file's last problem, the count of those not listed.
        if *n == total && total > MAX_PER_FILE {
            let rest = total - MAX_PER_FILE;
            out.push(format!(
                "{prefix}… and {rest} more problem{} in {}",
                if rest == 1 { "" } else { "s" },
                file.display()
            ));
        }
    }
    out
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in listing(&self.0, "") {
            writeln!(f, "{line}")?;
        }
        // Problems with command-line flags are named after the flag, not a file.
        let files: std::collections::BTreeSet<_> = self
            .0
            .iter()
            .map(|d| &d.file)
            .filter(|p| !p.to_string_lossy().starts_with("--"))
            .collect();
        write!(
            f,
            "{} error{}",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" },
        )?;
        if !files.is_empty() {
            write!(
                f,
                " in {} file{}",
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// The library's error type.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// User input failed validation; every problem found is listed.
    #[error("invalid input:\n{0}")]
    Invalid(Diagnostics),
    /// A file could not be read or written. (The I/O error is shown in the message, not
    /// chained as a source, so that it is printed once.)
    #[error("{path}: {error}")]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying I/O error.
        error: std::io::Error,
    },
    /// A request that the data cannot satisfy (for example a date outside every schedule).
    #[error("{0}")]
    Request(String),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            error: source,
        }
    }

    /// The kind of I/O error, when this is one (a closed pipe ends the command-line tool
    /// quietly).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::Io { error, .. } => Some(error.kind()),
            _ => None,
        }
    }

    /// True when the error is the user's input (exit code 2 in the command-line tool).
    pub fn is_user_input(&self) -> bool {
        matches!(self, Error::Invalid(_) | Error::Request(_))
    }
}

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
