//! Provenance of a fact: sourced, announced, inferred or estimated.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a number in the data is known, carried from the route facts into every `routes/` file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Basis {
    /// Stated in the cited source.
    #[serde(rename = "S")]
    Sourced,
    /// Announced as a plan in the cited source; not confirmed as flown.
    #[serde(rename = "S-plan")]
    Planned,
    /// Inferred from sourced facts.
    #[serde(rename = "S-inf")]
    Inferred,
    /// An estimate (a placeholder to be replaced if better data turns up).
    #[serde(rename = "E")]
    Estimated,
}

impl Basis {
    /// Parses `S`, `S-plan`, `S-inf` or `E`.
    pub fn parse(s: &str) -> Option<Basis> {
        match s {
            "S" => Some(Basis::Sourced),
            "S-plan" => Some(Basis::Planned),
            "S-inf" => Some(Basis::Inferred),
            "E" => Some(Basis::Estimated),
            _ => None,
        }
    }

    /// The code as written in the data files.
    pub fn code(self) -> &'static str {
        match self {
            Basis::Sourced => "S",
            Basis::Planned => "S-plan",
            Basis::Inferred => "S-inf",
            Basis::Estimated => "E",
        }
    }
}

impl fmt::Display for Basis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The basis and source ids of one data row (`source` is `;`-separated ids, `-` for none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// How the row's numbers are known; `None` when the file has no `basis` column.
    pub basis: Option<Basis>,
    /// Source ids (see `routes/SOURCES.md`), empty when the file has no `source` column.
    pub source: String,
}
