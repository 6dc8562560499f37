//! Writing markup: escaped text, quoted attributes, fixed-precision coordinates.
//!
//! Every element of the report (HTML and inline SVG) goes through [`Markup`], so every tag is
//! closed, every attribute is quoted and every piece of text is escaped: the output is
//! well-formed XML as well as HTML.

use std::fmt::Write;

/// Escapes text for an element body or a quoted attribute value.
///
/// # Example
/// ```
/// assert_eq!(flightnet_report::html::markup::esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
/// ```
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate or length with one decimal (no `-0.0`, non-finite values become 0), so output
/// is byte-identical for the same inputs.
pub fn px(v: f64) -> String {
    fixed(v, 1)
}

/// `v` with `decimals` decimals, `-0` printed as `0` and non-finite values as `0`.
pub fn fixed(v: f64, decimals: usize) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// An attribute value: anything that prints.
pub type Attr<'a> = (&'a str, String);

/// A markup buffer with an element writer.
#[derive(Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    /// An empty buffer.
    pub fn new() -> Markup {
        Markup::default()
    }

    fn tag(&mut self, name: &str, attrs: &[Attr<'_>]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"{}\"", esc(v));
        }
    }

    /// Opens `<name attrs>`; close it with [`Markup::close`].
    pub fn open(&mut self, name: &str, attrs: &[Attr<'_>]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        self
    }

    /// Closes `</name>`.
    pub fn close(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.out, "</{name}>");
        self.out.push('\n');
        self
    }

    /// An empty element `<name attrs/>`.
    pub fn leaf(&mut self, name: &str, attrs: &[Attr<'_>]) -> &mut Self {
        self.tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    /// An element holding escaped text: `<name attrs>text</name>`.
    pub fn elem(&mut self, name: &str, attrs: &[Attr<'_>], text: &str) -> &mut Self {
        self.tag(name, attrs);
        self.out.push('>');
        self.out.push_str(&esc(text));
        let _ = write!(self.out, "</{name}>");
        self.out.push('\n');
        self
    }

    /// Escaped text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&esc(text));
        self
    }

    /// Markup made elsewhere by a [`Markup`] (already well-formed, for example a chart).
    pub fn raw(&mut self, markup: &str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Markup produced by another [`Markup`] (already well-formed).
    pub fn append(&mut self, other: Markup) -> &mut Self {
        self.out.push_str(&other.out);
        self
    }

    /// The markup written so far.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Shorthand for an attribute list entry: `a("class", "x")`.
pub fn a(name: &str, value: impl ToString) -> Attr<'_> {
    (name, value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_has_no_negative_zero() {
        assert_eq!(fixed(-0.01, 1), "0.0");
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(f64::NAN, 2), "0.00");
        assert_eq!(px(12.345), "12.3");
    }

    #[test]
    fn elements_are_closed_and_escaped() {
        let mut m = Markup::new();
        m.open("g", &[a("id", "x\"y")])
            .elem("text", &[], "A<B")
            .leaf("rect", &[a("x", 1)])
            .close("g");
        assert_eq!(
            m.finish(),
            "<g id=\"x&quot;y\"><text>A&lt;B</text>\n<rect x=\"1\"/>\n</g>\n"
        );
    }
}
