//! A strict CSV table reader that turns every problem into a [`Diagnostic`].
//!
//! Each file declares its columns ([`ColumnSpec`]): required columns must be present,
//! optional ones may be, and any other header is an error. Rows with too few or too many
//! fields are errors. Lines starting with `#` are comments; fields are trimmed.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error};

/// Whether a column must appear in the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Required,
    Optional,
}

/// One column a table accepts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColumnSpec {
    pub name: &'static str,
    pub need: Need,
}

pub(crate) const fn req(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        need: Need::Required,
    }
}

pub(crate) const fn opt(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        need: Need::Optional,
    }
}

/// A parsed table: the header mapping and the raw rows, ready for typed access.
pub(crate) struct Table {
    pub file: PathBuf,
    /// For each spec column, its position in the file (if present).
    positions: Vec<Option<usize>>,
    specs: &'static [ColumnSpec],
    rows: Vec<(u64, csv::StringRecord)>,
    /// False when the header was missing or unusable, so no row could be read: other tables
    /// then skip their references to this one rather than report every row.
    pub usable: bool,
}

impl Table {
    /// Reads `file`, checking the header against `specs`. Problems go into `diags`; when the
    /// header itself is unusable (missing required columns), no rows are returned.
    pub(crate) fn read(
        source: &super::Source,
        specs: &'static [ColumnSpec],
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Table, Error> {
        let bytes = source.read()?;
        Ok(Table::from_bytes(&source.path(), &bytes, specs, diags))
    }

    /// Parses CSV text already in memory (used by [`Table::read`] and tests).
    pub(crate) fn from_bytes(
        file: &Path,
        bytes: &[u8],
        specs: &'static [ColumnSpec],
        diags: &mut Vec<Diagnostic>,
    ) -> Table {
        let mut table = Table {
            file: file.to_path_buf(),
            positions: vec![None; specs.len()],
            specs,
            rows: Vec::new(),
            usable: false,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let mut records = reader.records();
        // Header: the first record.
        let header = loop {
            match records.next() {
                None => {
                    diags.push(Diagnostic::line(
                        file,
                        0,
                        "",
                        format!("a header row with the columns {}", names(specs)),
                    ));
                    return table;
                }
                Some(Err(e)) => {
                    diags.push(csv_error(file, &e));
                    return table;
                }
                Some(Ok(r)) if r.iter().all(str::is_empty) || is_comment(&r) => continue,
                Some(Ok(r)) => break r,
            }
        };
        let header_line = header.position().map_or(1, |p| p.line());
        if !header
            .iter()
            .any(|name| specs.iter().any(|s| s.name == name))
        {
            // Not a header at all (a file without its header line, or another file): one
            // problem, not one per column and then one per row.
            diags.push(Diagnostic::line(
                file,
                header_line,
                &header.iter().collect::<Vec<_>>().join(","),
                format!(
                    "a header row naming the columns {} (the first line names none of them; \
                     is the header line missing?)",
                    names(specs)
                ),
            ));
            return table;
        }
        let mut ok = true;
        for (i, name) in header.iter().enumerate() {
            match specs.iter().position(|s| s.name == name) {
                Some(k) if table.positions[k].is_some() => {
                    diags.push(Diagnostic::field(
                        file,
                        header_line,
                        i + 1,
                        name,
                        name,
                        "each column name once",
                    ));
                    ok = false;
                }
                Some(k) => table.positions[k] = Some(i),
                None => {
                    diags.push(Diagnostic::field(
                        file,
                        header_line,
                        i + 1,
                        name,
                        name,
                        format!("one of the columns {}", names(specs)),
                    ));
                    ok = false;
                }
            }
        }
        for (k, spec) in specs.iter().enumerate() {
            if spec.need == Need::Required && table.positions[k].is_none() {
                diags.push(Diagnostic::line(
                    file,
                    header_line,
                    &header.iter().collect::<Vec<_>>().join(","),
                    format!("a column named `{}` in the header", spec.name),
                ));
                ok = false;
            }
        }
        if !ok {
            return table;
        }
        table.usable = true;
        let width = header.len();
        for rec in records {
            match rec {
                Err(e) => diags.push(csv_error(file, &e)),
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line());
                    if (r.len() == 1 && r.get(0) == Some("")) || is_comment(&r) {
                        continue; // blank line or comment
                    }
                    if r.len() != width {
                        diags.push(Diagnostic::line(
                            file,
                            line,
                            &r.iter().collect::<Vec<_>>().join(","),
                            format!(
                                "{width} fields as in the header, found {} ({})",
                                r.len(),
                                if r.len() < width {
                                    "missing columns"
                                } else {
                                    "extra columns"
                                }
                            ),
                        ));
                        continue;
                    }
                    table.rows.push((line, r));
                }
            }
        }
        table
    }

    /// Iterates the rows as [`Row`]s that report problems into `diags`.
    pub(crate) fn rows<'t>(&'t self) -> impl Iterator<Item = Row<'t>> + 't {
        self.rows.iter().map(move |(line, rec)| Row {
            table: self,
            line: *line,
            rec,
        })
    }

    /// Number of data rows that had the right shape.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }
}

/// One data row of a [`Table`].
pub(crate) struct Row<'t> {
    table: &'t Table,
    pub line: u64,
    rec: &'t csv::StringRecord,
}

impl<'t> Row<'t> {
    fn position(&self, name: &str) -> Option<(usize, usize)> {
        let k = self.table.specs.iter().position(|s| s.name == name)?;
        self.table.positions[k].map(|p| (k, p))
    }

    /// The raw text of a column (empty when an optional column is absent).
    pub(crate) fn text(&self, name: &str) -> &'t str {
        self.position(name)
            .and_then(|(_, p)| self.rec.get(p))
            .unwrap_or("")
    }

    /// Whether the file has this (optional) column.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// A diagnostic for column `name` of this row.
    pub(crate) fn error(&self, name: &str, expected: impl Into<String>) -> Diagnostic {
        let index = self.position(name).map_or(0, |(_, p)| p + 1);
        Diagnostic::field(
            &self.table.file,
            self.line,
            index,
            name,
            self.text(name),
            expected,
        )
    }

    /// A diagnostic for column `name` of this row showing `value` rather than the column's
    /// text (a derived figure such as a block time).
    pub(crate) fn error_with(
        &self,
        name: &str,
        value: &str,
        expected: impl Into<String>,
    ) -> Diagnostic {
        let index = self.position(name).map_or(0, |(_, p)| p + 1);
        Diagnostic::field(&self.table.file, self.line, index, name, value, expected)
    }

    /// A diagnostic about the row as a whole.
    pub(crate) fn line_error(&self, expected: impl Into<String>) -> Diagnostic {
        Diagnostic::line(
            &self.table.file,
            self.line,
            &self.rec.iter().collect::<Vec<_>>().join(","),
            expected,
        )
    }

    /// Parses column `name` with `parse`; on failure records a diagnostic saying `expected`.
    pub(crate) fn parse<T>(
        &self,
        name: &str,
        expected: &str,
        diags: &mut Vec<Diagnostic>,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Option<T> {
        let v = parse(self.text(name));
        if v.is_none() {
            diags.push(self.error(name, expected));
        }
        v
    }

    /// A non-empty text field.
    pub(crate) fn nonempty(&self, name: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        self.parse(name, "a non-empty value", diags, |s| {
            (!s.is_empty()).then(|| s.to_string())
        })
    }
}

/// A line whose first field starts with `#` is a comment.
fn is_comment(r: &csv::StringRecord) -> bool {
    r.get(0).is_some_and(|f| f.starts_with('#'))
}

fn names(specs: &[ColumnSpec]) -> String {
    specs
        .iter()
        .map(|s| match s.need {
            Need::Required => s.name.to_string(),
            Need::Optional => format!("[{}]", s.name),
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn csv_error(file: &Path, e: &csv::Error) -> Diagnostic {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            let line = pos.as_ref().map_or(0, |p| p.line());
            Diagnostic::line(
                file,
                line.max(1),
                "(invalid bytes)",
                format!(
                    "UTF-8 text (field {} is not valid UTF-8; save the file as UTF-8)",
                    err.field() + 1
                ),
            )
        }
        _ => {
            let line = e.position().map_or(0, |p| p.line());
            Diagnostic::line(file, line, &e.to_string(), "well-formed CSV")
        }
    }
}

/// Parses a positive integer within `1..=max`.
pub(crate) fn positive_int(s: &str, max: u64) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse::<u64>().ok().filter(|&v| v >= 1 && v <= max)
}

/// Parses a finite decimal number within `[min, max]`.
pub(crate) fn decimal(s: &str, min: f64, max: f64) -> Option<f64> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= min && *v <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] = &[req("a"), req("b"), opt("note")];

    fn read(text: &str) -> (Table, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t = Table::from_bytes(Path::new("t.csv"), text.as_bytes(), SPECS, &mut d);
        (t, d)
    }

    #[test]
    fn reads_rows_and_optional_columns() {
        let (t, d) = read("a,b\n1,2\n# comment\n3, 4 \n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(t.len(), 2);
        let rows: Vec<_> = t.rows().collect();
        assert_eq!(rows[1].text("b"), "4");
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[0].text("note"), "");
    }

    #[test]
    fn header_problems_are_reported_together() {
        let (t, d) = read("a,zzz,a\n1,2,3\n");
        assert_eq!(t.len(), 0);
        let text: Vec<_> = d.iter().map(|x| x.to_string()).collect();
        assert_eq!(d.len(), 3, "{text:?}");
        assert!(text[0].contains("column `zzz`"));
        assert!(text[1].contains("each column name once"));
        assert!(text[2].contains("a column named `b`"));
    }

    #[test]
    fn wrong_field_counts() {
        let (t, d) = read("a,b\n1\n1,2,3\n5,6\n");
        assert_eq!(t.len(), 1);
        assert_eq!(d.len(), 2);
        assert!(d[0].expected.contains("missing columns"));
        assert_eq!(d[0].line, 2);
        assert!(d[1].expected.contains("extra columns"));
        assert_eq!(d[1].line, 3);
    }

    #[test]
    fn empty_file_and_bad_utf8() {
        let (_, d) = read("");
        assert_eq!(d.len(), 1);
        let mut d = Vec::new();
        let _ = Table::from_bytes(Path::new("t.csv"), b"a,b\n1,\xff\n", SPECS, &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].line, 2);
        assert!(d[0].expected.starts_with("UTF-8 text"), "{:?}", d[0]);
    }

    #[test]
    fn a_missing_header_is_one_problem() {
        let (t, d) = read("1,2\n3,4\n5,6\n");
        assert!(!t.usable);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].line, 1);
        assert!(d[0].expected.contains("header line missing"));
    }

    #[test]
    fn number_parsers() {
        assert_eq!(positive_int("12", 100), Some(12));
        assert_eq!(positive_int("0", 100), None);
        assert_eq!(positive_int("-3", 100), None);
        assert_eq!(positive_int("1e3", 10000), None);
        assert_eq!(decimal("2.5", 0.0, 10.0), Some(2.5));
        assert_eq!(decimal("NaN", 0.0, 10.0), None);
        assert_eq!(decimal("inf", 0.0, f64::MAX), None);
    }
}
