//! A schema for scenario files, checked against the parsed TOML before deserialisation so that
//! every unknown key, wrong type and out-of-range value is reported at once, with its line.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The type (and range) a key accepts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    Str,
    /// A string matching one of these values.
    OneOf(&'static [&'static str]),
    /// A `HH:MM` clock time.
    Clock,
    /// A `H:MM` duration.
    Duration,
    Int {
        min: i64,
        max: i64,
    },
    Float {
        min: f64,
        max: f64,
    },
    Bool,
    /// A date, `2023-01-01` (TOML date) or `"2023-01-01"`.
    Date,
    Table(&'static [Field]),
    /// An array of this kind.
    Array(&'static Kind),
    /// An array of exactly `n` floats within a range.
    Floats {
        n: usize,
        min: f64,
        max: f64,
    },
}

/// A key and its kind.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub kind: Kind,
}

pub(crate) const fn f(name: &'static str, kind: Kind) -> Field {
    Field { name, kind }
}

/// A problem found by the schema walk: byte span, the key path, the value and the expectation.
#[derive(Debug)]
pub(crate) struct Problem {
    pub span: std::ops::Range<usize>,
    pub path: String,
    pub value: String,
    pub expected: String,
}

fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => s.to_string(),
        DeValue::Integer(i) => i.to_string(),
        DeValue::Float(x) => x.to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        DeValue::Array(_) => "(an array)".to_string(),
        DeValue::Table(_) => "(a table)".to_string(),
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Checks a table against its fields.
pub(crate) fn check_table(
    table: &DeTable<'_>,
    fields: &[Field],
    path: &str,
    out: &mut Vec<Problem>,
) {
    for (k, v) in table.iter() {
        let key: &str = k.get_ref();
        match fields.iter().find(|fl| fl.name == key) {
            None => out.push(Problem {
                span: k.span(),
                path: join(path, key),
                value: key.to_string(),
                expected: format!(
                    "one of the keys {}",
                    fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                ),
            }),
            Some(fl) => check_value(v, fl.kind, &join(path, key), out),
        }
    }
}

fn number(v: &DeValue<'_>) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i.to_string().replace('_', "").parse::<f64>().ok(),
        DeValue::Float(x) => x.to_string().replace('_', "").parse::<f64>().ok(),
        _ => None,
    }
}

fn check_value(v: &Spanned<DeValue<'_>>, kind: Kind, path: &str, out: &mut Vec<Problem>) {
    let val = v.get_ref();
    let mut bad = |expected: String| {
        out.push(Problem {
            span: v.span(),
            path: path.to_string(),
            value: describe(val),
            expected,
        })
    };
    match kind {
        Kind::Str => {
            if !matches!(val, DeValue::String(_)) {
                bad("a string".into());
            }
        }
        Kind::OneOf(options) => match val {
            DeValue::String(s) if options.contains(&s.as_ref()) => {}
            _ => bad(format!(
                "one of {}",
                options
                    .iter()
                    .map(|o| format!("\"{o}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        },
        Kind::Clock => match val {
            DeValue::String(s) if crate::time::LocalTime::parse(s.as_ref()).is_some() => {}
            _ => bad("a local time \"HH:MM\" from 00:00 to 23:59".into()),
        },
        Kind::Duration => match val {
            DeValue::String(s) if parse_duration(s.as_ref()).is_some() => {}
            _ => bad("a duration \"H:MM\" between 0:10 and 20:00".into()),
        },
        Kind::Int { min, max } => match val {
            DeValue::Integer(_) => {
                let n = number(val).unwrap_or(f64::NAN);
                if !(n >= min as f64 && n <= max as f64) {
                    bad(format!("a whole number from {min} to {max}"));
                }
            }
            _ => bad(format!("a whole number from {min} to {max}")),
        },
        Kind::Float { min, max } => match number(val) {
            Some(x) if x >= min && x <= max => {}
            _ => bad(format!("a number from {min} to {max}")),
        },
        Kind::Bool => {
            if !matches!(val, DeValue::Boolean(_)) {
                bad("true or false".into());
            }
        }
        Kind::Date => {
            let ok = match val {
                DeValue::String(s) => crate::time::Day::parse(s.as_ref()).is_some(),
                DeValue::Datetime(d) => {
                    d.time.is_none()
                        && d.offset.is_none()
                        && d.date.is_some_and(|x| {
                            crate::time::Day::from_ymd(x.year as i32, x.month as u32, x.day as u32)
                                .is_some()
                        })
                }
                _ => false,
            };
            if !ok {
                bad(crate::time::DATE_EXPECTED.into());
            }
        }
        Kind::Table(fields) => match val {
            DeValue::Table(t) => check_table(t, fields, path, out),
            _ => bad("a table".into()),
        },
        Kind::Array(inner) => match val {
            DeValue::Array(a) => {
                for (i, item) in a.iter().enumerate() {
                    check_value(item, *inner, &format!("{path}[{i}]"), out);
                }
            }
            _ => bad("an array".into()),
        },
        Kind::Floats { n, min, max } => match val {
            DeValue::Array(a) if a.len() == n => {
                for (i, item) in a.iter().enumerate() {
                    check_value(item, Kind::Float { min, max }, &format!("{path}[{i}]"), out);
                }
            }
            _ => bad(format!("an array of {n} numbers from {min} to {max}")),
        },
    }
}

/// Parses `H:MM` into minutes (10 minutes to 20 hours).
pub(crate) fn parse_duration(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u32 = h.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let total = h * 60 + m;
    (m < 60 && (10..=1200).contains(&total)).then_some(total)
}

/// Finds the span of the value at a dotted path like `frequency[2].origin`.
pub(crate) fn locate(table: &DeTable<'_>, path: &str) -> Option<std::ops::Range<usize>> {
    let mut span = None;
    let mut current: Option<&DeValue<'_>>;
    let mut tbl = Some(table);
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        let t = tbl?;
        let (_, v) = t.iter().find(|(k, _)| {
            let k: &str = k.get_ref();
            k == key
        })?;
        span = Some(v.span());
        current = Some(v.get_ref());
        for idx in indices.split('[').filter(|s| !s.is_empty()) {
            let i: usize = idx.trim_end_matches(']').parse().ok()?;
            match current? {
                DeValue::Array(a) => {
                    let item = a.get(i)?;
                    span = Some(item.span());
                    current = Some(item.get_ref());
                }
                _ => return span,
            }
        }
        tbl = match current? {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    span
}

/// Like [`locate`], falling back to the nearest enclosing key that is in the file (a setting
/// left at its default is reported where its section is).
pub(crate) fn locate_or_parent(table: &DeTable<'_>, path: &str) -> Option<std::ops::Range<usize>> {
    let mut p = path;
    loop {
        if let Some(span) = locate(table, p) {
            return Some(span);
        }
        let cut = p.rfind(['.', '['])?;
        p = &p[..cut];
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (u64, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
