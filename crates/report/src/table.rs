//! Plain-text tables for terminals: left-aligned text, right-aligned numbers.

/// A table being built row by row.
#[derive(Clone, Debug)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column headings.
    pub fn new(header: &[&str]) -> Table {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells render empty).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders with a title line, a heading rule and a trailing blank line.
    ///
    /// # Example
    /// ```
    /// let mut t = flightnet_report::table::Table::new(&["route", "seats"]);
    /// t.row(vec!["ALA-PEK".into(), "996".into()]);
    /// assert_eq!(t.render("Routes"), "Routes\nroute    seats\n-------  -----\nALA-PEK    996\n\n");
    /// ```
    pub fn render(&self, title: &str) -> String {
        let n = self.header.len();
        let mut width: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                width[i] = width[i].max(c.chars().count());
            }
        }
        let numeric: Vec<bool> = (0..n)
            .map(|i| {
                self.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
                    && self.rows.iter().all(|r| {
                        r.get(i).is_none_or(|c| {
                            c.is_empty()
                                || c.trim_end_matches('%')
                                    .replace([',', '+', '-', '.', ':'], "")
                                    .chars()
                                    .all(|ch| ch.is_ascii_digit())
                        })
                    })
            })
            .collect();
        let mut out = String::new();
        if !title.is_empty() {
            out.push_str(title);
            out.push('\n');
        }
        let line = |cells: &[String], out: &mut String| {
            let mut s = String::new();
            for i in 0..n {
                let c = cells.get(i).map_or("", |c| c.as_str());
                let pad = width[i] - c.chars().count();
                if i > 0 {
                    s.push_str("  ");
                }
                if numeric[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(c);
                } else {
                    s.push_str(c);
                    s.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(&self.header, &mut out);
        out.push_str(
            &width
                .iter()
                .map(|w| "-".repeat(*w))
                .collect::<Vec<_>>()
                .join("  "),
        );
        out.push('\n');
        for r in &self.rows {
            line(r, &mut out);
        }
        out.push('\n');
        out
    }
}
