//! HTML tables whose rows carry ids (so tests and readers can find a figure).

use super::markup::{Markup, a};

/// A table cell.
pub(super) struct Cell {
    text: String,
    class: &'static str,
}

impl Cell {
    /// A left-aligned text cell.
    pub(super) fn text(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "",
        }
    }
    /// A right-aligned figure.
    pub(super) fn value(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "value",
        }
    }
    /// A confidence interval (smaller, muted).
    pub(super) fn ci(t: &str) -> Cell {
        Cell {
            text: t.to_string(),
            class: "ci",
        }
    }
}

/// An HTML table with a header row and rows with ids.
pub(super) struct Table {
    m: Markup,
}

impl Table {
    /// A table `id` with a header row.
    pub(super) fn new(id: &str, head: Vec<String>) -> Table {
        let mut m = Markup::new();
        m.open("table", &[a("id", id)]);
        m.open("thead", &[]).open("tr", &[]);
        for h in &head {
            m.elem("th", &[], h);
        }
        m.close("tr").close("thead").open("tbody", &[]);
        Table { m }
    }

    /// A row `id` of cells.
    pub(super) fn row(&mut self, id: &str, cells: Vec<Cell>) {
        self.m.open("tr", &[a("id", id)]);
        for c in cells {
            if c.class.is_empty() {
                self.m.elem("td", &[], &c.text);
            } else {
                self.m.elem("td", &[a("class", c.class)], &c.text);
            }
        }
        self.m.close("tr");
    }

    /// The finished table.
    pub(super) fn finish(mut self) -> Markup {
        self.m.close("tbody").close("table");
        self.m
    }
}
