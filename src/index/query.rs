//! The search language: tantivy's query syntax plus dossier's shortcuts, rewritten into plain
//! tantivy syntax before parsing, and the filters kept aside to pick the mentions and claims
//! of a hit that match.
//!
//! Shortcuts: `from:`, `to:`, `org:`, `kind:email`, `lang:fr`, `claim:transfer`,
//! `currency:USD`, `date:2023-12`, `date:[2023-12-01 TO 2023-12-31]`, `date:>=2024`,
//! `after:2023-12-01` (on or after), `before:2024-01-01` (strictly before), `money:>1e9`,
//! `money:[1M TO 5bn]`, `quantity:>=10000`, `percent:<5`. Bare words search titles, bodies,
//! quoted text and attachments.
//!
//! Not for running queries (that is `search`) nor for tokenizing text (that is `analyzer`).
//! Errors name the offending token and say what was expected.

use std::ops::Bound;

use chrono::{Datelike, NaiveDate};

use super::analyzer;
use crate::model::ClaimKind;

/// A query rewritten for tantivy's parser, with what the hits' mentions are matched against.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RewrittenQuery {
    /// Plain tantivy query syntax.
    pub tantivy: String,
    pub filters: Filters,
}

/// Value filters and words of the query's positive clauses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub money: Vec<NumberRange>,
    pub currencies: Vec<String>,
    pub quantity: Vec<NumberRange>,
    pub percent: Vec<NumberRange>,
    /// Folded organisation names.
    pub orgs: Vec<String>,
    pub claims: Vec<String>,
    /// Folded words of the free-text part (and of `title:`/`body:` clauses).
    pub words: Vec<String>,
}

/// A numeric interval from a value filter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberRange {
    pub lower: Bound<f64>,
    pub upper: Bound<f64>,
}

impl NumberRange {
    pub fn contains(&self, v: f64) -> bool {
        let above = match self.lower {
            Bound::Included(l) => v >= l,
            Bound::Excluded(l) => v > l,
            Bound::Unbounded => true,
        };
        let below = match self.upper {
            Bound::Included(u) => v <= u,
            Bound::Excluded(u) => v < u,
            Bound::Unbounded => true,
        };
        above && below
    }
}

/// Fields a query may name directly, beside the shortcuts that are rewritten.
const PLAIN_FIELDS: &[&str] = &[
    "from",
    "to",
    "title",
    "body",
    "quoted",
    "attachment",
    "title_fr",
    "title_en",
    "body_fr",
    "body_en",
    "quoted_fr",
    "quoted_en",
    "attachment_fr",
    "attachment_en",
    "thread",
    "id",
    "path",
];

const SHORTCUTS: &[&str] = &[
    "org", "kind", "lang", "claim", "currency", "date", "after", "before", "money", "quantity",
    "percent",
];

/// Multipliers accepted after numbers in value filters ("2.5M", "3bn", "10k", "4Md").
const NUMBER_SUFFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("K", 1e3),
    ("M", 1e6),
    ("m", 1e6),
    ("mn", 1e6),
    ("bn", 1e9),
    ("B", 1e9),
    ("G", 1e9),
    ("Md", 1e9),
    ("md", 1e9),
    ("T", 1e12),
    ("tn", 1e12),
];

/// Rewrites a user query into tantivy syntax, checking every shortcut's value.
pub fn rewrite(query: &str) -> Result<RewrittenQuery, String> {
    let chunks = split_chunks(query)?;
    check_operators(&chunks)?;
    let mut out = RewrittenQuery::default();
    let mut pieces = Vec::with_capacity(chunks.len());
    for chunk in chunks {
        let (prefix, core, suffix) = split_affixes(chunk);
        let negated = prefix.contains('-') || prefix.contains('!');
        check_boost(core)?;
        let rewritten = match core.split_once(':') {
            Some((name, value)) if is_field_name(name) && !value.starts_with("//") => {
                rewrite_field(name, value, core, negated, &mut out.filters)?
            }
            _ => {
                if !negated && !is_operator(core) {
                    out.filters.words.extend(analyzer::fold(core));
                }
                // "12:30", "https://…": a colon that names no field is text.
                if core.starts_with('"') {
                    core.to_string()
                } else {
                    core.replace(':', "\\:")
                }
            }
        };
        pieces.push(format!("{prefix}{rewritten}{suffix}"));
    }
    // With one currency asked for, amounts are compared in that currency only: "money:>1e9
    // currency:USD" means more than a billion dollars, not a billion of anything plus dollars.
    if let [currency] = out.filters.currencies.as_slice() {
        for piece in &mut pieces {
            if let Some(at) = piece.find("money:[").or_else(|| piece.find("money:{")) {
                piece.replace_range(at..at + "money".len(), &format!("money_in.{currency}"));
            }
        }
    }
    out.tantivy = pieces.join(" ");
    out.filters.words.sort();
    out.filters.words.dedup();
    Ok(out)
}

fn is_operator(chunk: &str) -> bool {
    matches!(chunk, "AND" | "OR" | "NOT" | "&&" | "||")
}

/// AND/OR need a clause on each side, NOT one after it.
fn check_operators(chunks: &[&str]) -> Result<(), String> {
    for (i, c) in chunks.iter().enumerate() {
        if !is_operator(c) {
            continue;
        }
        let binary = *c != "NOT";
        let next_ok = chunks
            .get(i + 1)
            .is_some_and(|n| !is_operator(n) || *n == "NOT");
        let prev_ok = i > 0 && !is_operator(chunks[i - 1]);
        if !next_ok || (binary && !prev_ok) {
            let side = if binary {
                "a search term on each side"
            } else {
                "a search term after it"
            };
            return Err(format!("'{c}' (word {}) needs {side}", i + 1));
        }
    }
    Ok(())
}

/// A `^` must be followed by a number (`title:chips^2`).
fn check_boost(core: &str) -> Result<(), String> {
    if core.starts_with('"') && core.ends_with('"') && core.len() > 1 {
        return Ok(());
    }
    match core.rsplit_once('^') {
        Some((_, boost)) if boost.parse::<f32>().is_err() => Err(format!(
            "'{core}': expected a number after '^' (a boost, like chips^2)"
        )),
        _ => Ok(()),
    }
}

/// `name` looks like a field reference (`word:`), not a URL scheme or a time.
fn is_field_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains('"')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

fn rewrite_field(
    name: &str,
    value: &str,
    token: &str,
    negated: bool,
    filters: &mut Filters,
) -> Result<String, String> {
    if value.is_empty() {
        return Err(format!(
            "'{token}': expected a value after '{name}:' (no space between them)"
        ));
    }
    let collect = !negated;
    if value == "*" {
        // "Has any value" needs a fast field: the numeric and date fields have one.
        return if matches!(name, "money" | "quantity" | "percent" | "date") {
            Ok(token.to_string())
        } else {
            Err(format!(
                "'{token}': 'field:*' works for money, quantity, percent and date; give a value"
            ))
        };
    }
    match name {
        "org" => {
            if collect {
                filters.orgs.push(analyzer::fold(unquote(value)).join(" "));
            }
            Ok(format!("org:{}", quoted(unquote(value))))
        }
        "kind" => {
            let v = unquote(value).to_ascii_lowercase();
            if v != "email" && v != "article" {
                return Err(format!("'{token}': expected kind:email or kind:article"));
            }
            Ok(format!("kind:{v}"))
        }
        "lang" => {
            let v = unquote(value).to_ascii_lowercase();
            if !v.chars().all(|c| c.is_ascii_alphabetic()) || v.len() > 8 {
                return Err(format!("'{token}': expected a language code like fr or en"));
            }
            Ok(format!("lang:{v}"))
        }
        "claim" => {
            let v = unquote(value).to_ascii_lowercase();
            if !CLAIM_KINDS.iter().any(|k| k.as_str() == v) {
                let names: Vec<_> = CLAIM_KINDS.iter().map(|k| k.as_str()).collect();
                return Err(format!(
                    "'{token}': unknown claim kind (expected one of {})",
                    names.join(", ")
                ));
            }
            if collect {
                filters.claims.push(v.clone());
            }
            Ok(format!("claim:{v}"))
        }
        "currency" => {
            let v = unquote(value).to_ascii_uppercase();
            if v.len() != 3 || !v.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(format!(
                    "'{token}': expected an ISO 4217 code like USD or EUR"
                ));
            }
            if collect {
                filters.currencies.push(v.clone());
            }
            Ok(format!("currency:{v}"))
        }
        "date" => Ok(format!("date:{}", date_range(value, token)?)),
        "after" => Ok(format!(
            "date:{}",
            date_range(&format!(">={value}"), token)?
        )),
        "before" => Ok(format!("date:{}", date_range(&format!("<{value}"), token)?)),
        "money" | "quantity" | "percent" => {
            let range = number_range(value, token)?;
            if collect {
                match name {
                    "money" => filters.money.push(range),
                    "quantity" => filters.quantity.push(range),
                    _ => filters.percent.push(range),
                }
            }
            Ok(format!("{name}:{}", render_number_range(range)))
        }
        _ if PLAIN_FIELDS.contains(&name) => {
            if collect && matches!(name, "title" | "body" | "quoted" | "attachment") {
                filters.words.extend(analyzer::fold(unquote(value)));
            }
            Ok(token.to_string())
        }
        _ => {
            let mut known: Vec<&str> = SHORTCUTS.to_vec();
            known.extend(PLAIN_FIELDS.iter().filter(|f| !f.contains('_')));
            Err(format!(
                "'{token}': unknown field '{name}' (known: {}); put the text in quotes to \
                 search it literally",
                known.join(", ")
            ))
        }
    }
}

const CLAIM_KINDS: [ClaimKind; 9] = [
    ClaimKind::Transfer,
    ClaimKind::Spend,
    ClaimKind::Purchase,
    ClaimKind::Invest,
    ClaimKind::Plan,
    ClaimKind::Target,
    ClaimKind::Funding,
    ClaimKind::Revenue,
    ClaimKind::Valuation,
];

fn unquote(v: &str) -> &str {
    v.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(v)
}

fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace(['"', '\\'], " "))
}

/// Splits at whitespace outside quotes and range brackets, so `date:[a TO b]` and
/// `"a phrase"` stay whole. Unbalanced quotes or brackets are errors naming the column.
fn split_chunks(query: &str) -> Result<Vec<&str>, String> {
    let mut chunks = Vec::new();
    let mut start: Option<usize> = None;
    let mut in_quote: Option<usize> = None;
    let mut bracket: Option<usize> = None;
    for (i, c) in query.char_indices() {
        if let Some(_q) = in_quote {
            if c == '"' {
                in_quote = None;
            }
            continue;
        }
        match c {
            '"' => {
                in_quote = Some(i);
                start.get_or_insert(i);
            }
            '[' | '{' if bracket.is_none() => {
                bracket = Some(i);
                start.get_or_insert(i);
            }
            ']' | '}' if bracket.is_some() => bracket = None,
            ']' | '}' => {
                return Err(format!(
                    "unexpected '{c}' at column {}: no range was opened with '[' or '{{'",
                    column(query, i)
                ));
            }
            c if c.is_whitespace() && bracket.is_none() => {
                if let Some(s) = start.take() {
                    chunks.push(&query[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(q) = in_quote {
        return Err(format!(
            "unclosed quote opened at column {}: expected a closing '\"'",
            column(query, q)
        ));
    }
    if let Some(b) = bracket {
        return Err(format!(
            "unclosed range opened at column {}: expected '[low TO high]'",
            column(query, b)
        ));
    }
    if let Some(s) = start {
        chunks.push(&query[s..]);
    }
    let depth: i64 = chunks
        .iter()
        .map(|c| {
            let (p, _, s) = split_affixes(c);
            p.matches('(').count() as i64 - s.matches(')').count() as i64
        })
        .sum();
    if depth > 0 {
        return Err("unbalanced parentheses: expected a closing ')'".into());
    }
    if depth < 0 {
        return Err("unbalanced parentheses: a ')' closes nothing".into());
    }
    Ok(chunks)
}

/// 1-based character column of a byte offset, for error messages.
fn column(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count()) + 1
}

/// Leading `+`, `-`, `!`, `(` and trailing `)` (and a `^boost`) around a clause.
fn split_affixes(chunk: &str) -> (&str, &str, &str) {
    let core_start = chunk
        .find(|c: char| !matches!(c, '+' | '-' | '!' | '('))
        .unwrap_or(chunk.len());
    let (prefix, rest) = chunk.split_at(core_start);
    let trimmed = rest.trim_end_matches(')');
    let (core, suffix) = rest.split_at(trimmed.len());
    (prefix, core, suffix)
}

/// The bounds a value filter states: `>x`, `>=x`, `<x`, `<=x`, `[a TO b]`, `{a TO b}`, `x`.
fn bounds(value: &str) -> Option<(Bound<&str>, Bound<&str>, bool)> {
    let value = value.trim();
    for (op, is_lower, inclusive) in [
        (">=", true, true),
        ("<=", false, true),
        (">", true, false),
        ("<", false, false),
    ] {
        if let Some(v) = value.strip_prefix(op) {
            let v = v.trim();
            let b = if inclusive {
                Bound::Included(v)
            } else {
                Bound::Excluded(v)
            };
            return Some(if is_lower {
                (b, Bound::Unbounded, false)
            } else {
                (Bound::Unbounded, b, false)
            });
        }
    }
    let open = value.chars().next()?;
    if open == '[' || open == '{' {
        let close = value.chars().last()?;
        let inner = value.get(1..value.len() - close.len_utf8())?;
        let (lo, hi) = inner.split_once(" TO ")?;
        let (lo, hi) = (lo.trim(), hi.trim());
        let lower = match (lo, open) {
            ("*", _) => Bound::Unbounded,
            (v, '[') => Bound::Included(v),
            (v, _) => Bound::Excluded(v),
        };
        let upper = match (hi, close) {
            ("*", _) => Bound::Unbounded,
            (v, ']') => Bound::Included(v),
            (v, '}') => Bound::Excluded(v),
            _ => return None,
        };
        return Some((lower, upper, false));
    }
    Some((Bound::Included(value), Bound::Included(value), true))
}

/// A number with an optional multiplier suffix; `_` and `,` as digit separators.
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| *c != '_' && *c != ',').collect();
    if let Ok(v) = s.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    NUMBER_SUFFIXES.iter().find_map(|(suffix, mult)| {
        let n = s.strip_suffix(suffix)?.parse::<f64>().ok()?;
        let v = n * mult;
        v.is_finite().then_some(v)
    })
}

fn number_range(value: &str, token: &str) -> Result<NumberRange, String> {
    let expected = || {
        format!("'{token}': expected a number or a range, like >1e9, >=10000, [1M TO 5bn] or 2.5M")
    };
    let (lo, hi, _) = bounds(value).ok_or_else(expected)?;
    let num = |b: Bound<&str>| -> Result<Bound<f64>, String> {
        Ok(match b {
            Bound::Included(v) => Bound::Included(parse_number(v).ok_or_else(expected)?),
            Bound::Excluded(v) => Bound::Excluded(parse_number(v).ok_or_else(expected)?),
            Bound::Unbounded => Bound::Unbounded,
        })
    };
    Ok(NumberRange {
        lower: num(lo)?,
        upper: num(hi)?,
    })
}

fn render_number_range(r: NumberRange) -> String {
    let open = match r.lower {
        Bound::Included(v) => format!("[{v:?}"),
        Bound::Excluded(v) => format!("{{{v:?}"),
        Bound::Unbounded => "[*".into(),
    };
    let close = match r.upper {
        Bound::Included(v) => format!("{v:?}]"),
        Bound::Excluded(v) => format!("{v:?}}}"),
        Bound::Unbounded => "*]".into(),
    };
    format!("{open} TO {close}")
}

/// A calendar period written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: its first day and the first
/// day after it.
fn period(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
            ))
        }
        [y, m] if y.len() == 4 => {
            let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
            let next = if start.month() == 12 {
                NaiveDate::from_ymd_opt(start.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(start.year(), start.month() + 1, 1)?
            };
            Some((start, next))
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
            Some((day, day.succ_opt()?))
        }
        _ => None,
    }
}

fn rfc3339(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

/// A date filter as a tantivy range over whole days (UTC): `[start TO end}`.
fn date_range(value: &str, token: &str) -> Result<String, String> {
    let expected = || {
        format!(
            "'{token}': expected a date (2023, 2023-12 or 2023-12-01) or a range like \
             [2023-12-01 TO 2023-12-31]"
        )
    };
    let (lo, hi, single) = bounds(value).ok_or_else(expected)?;
    let p = |v: &str| period(v).ok_or_else(expected);
    // Periods are whole: "> 2023-12" starts after December, "<= 2023-12" ends with it.
    let start = match lo {
        Bound::Included(v) => Some(p(v)?.0),
        Bound::Excluded(v) => Some(p(v)?.1),
        Bound::Unbounded => None,
    };
    let end = match hi {
        Bound::Included(v) if single => Some(p(v)?.1),
        Bound::Included(v) => Some(p(v)?.1),
        Bound::Excluded(v) => Some(p(v)?.0),
        Bound::Unbounded => None,
    };
    Ok(format!(
        "[{} TO {}}}",
        start.map_or("*".into(), rfc3339),
        end.map_or("*".into(), rfc3339)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_rewritten() {
        let q = rewrite("puces org:Tesla money:>1e9 currency:usd date:2023-12").unwrap();
        assert_eq!(
            q.tantivy,
            "puces org:\"Tesla\" money_in.USD:{1000000000.0 TO *] currency:USD \
             date:[2023-12-01T00:00:00Z TO 2024-01-01T00:00:00Z}"
        );
        let either = rewrite("money:>1e9 (currency:USD OR currency:EUR)").unwrap();
        assert!(either.tantivy.starts_with("money:{"), "{}", either.tantivy);
        assert_eq!(q.filters.words, ["puces"]);
        assert_eq!(q.filters.orgs, ["tesla"]);
        assert_eq!(q.filters.currencies, ["USD"]);
        assert!(q.filters.money[0].contains(2e9));
        assert!(!q.filters.money[0].contains(1e9));
    }

    #[test]
    fn date_ranges_cover_whole_days() {
        let q = rewrite("date:[2023-12-01 TO 2023-12-31] after:2024 before:2024-07").unwrap();
        assert_eq!(
            q.tantivy,
            "date:[2023-12-01T00:00:00Z TO 2024-01-01T00:00:00Z} \
             date:[2024-01-01T00:00:00Z TO *} date:[* TO 2024-07-01T00:00:00Z}"
        );
    }

    #[test]
    fn number_suffixes() {
        assert_eq!(parse_number("2.5M"), Some(2.5e6));
        assert_eq!(parse_number("3bn"), Some(3e9));
        assert_eq!(parse_number("10,000"), Some(1e4));
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn errors_name_the_token() {
        let e = rewrite("money:>lots").unwrap_err();
        assert!(
            e.contains("'money:>lots'") && e.contains("expected a number"),
            "{e}"
        );
        let e = rewrite("date:2023-13").unwrap_err();
        assert!(e.contains("'date:2023-13'"), "{e}");
        let e = rewrite("\"puces H100").unwrap_err();
        assert!(e.contains("column 1"), "{e}");
        let e = rewrite("colour:red").unwrap_err();
        assert!(e.contains("unknown field 'colour'"), "{e}");
        let e = rewrite("(a OR b").unwrap_err();
        assert!(e.contains("parentheses"), "{e}");
        let e = rewrite("puces AND").unwrap_err();
        assert!(e.contains("'AND' (word 2)"), "{e}");
        let e = rewrite("OR chips").unwrap_err();
        assert!(e.contains("'OR' (word 1)"), "{e}");
        assert!(rewrite("puces AND NOT chips").is_ok());
        let e = rewrite("chips^").unwrap_err();
        assert!(e.contains("after '^'"), "{e}");
        let e = rewrite("org:*").unwrap_err();
        assert!(e.contains("'org:*'"), "{e}");
        assert_eq!(rewrite("money:*").unwrap().tantivy, "money:*");
        let e = rewrite("claim:gift").unwrap_err();
        assert!(e.contains("transfer"), "{e}");
    }

    #[test]
    fn colons_that_name_no_field_are_text() {
        assert_eq!(rewrite("12:30").unwrap().tantivy, "12\\:30");
        assert_eq!(
            rewrite("https://example.com/a").unwrap().tantivy,
            "https\\://example.com/a"
        );
        assert_eq!(rewrite("\"à 14:30\"").unwrap().tantivy, "\"à 14:30\"");
    }

    #[test]
    fn negated_clauses_do_not_select_mentions() {
        let q = rewrite("-org:Tesla puces -chips").unwrap();
        assert!(q.filters.orgs.is_empty());
        assert_eq!(q.filters.words, ["puces"]);
        assert_eq!(q.tantivy, "-org:\"Tesla\" puces -chips");
    }
}
