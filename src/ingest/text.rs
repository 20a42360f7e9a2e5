//! Plain-text and Markdown articles, and the helpers every article reader shares: decoding
//! bytes of unknown charset and normalising the dates found in article metadata.
//!
//! A `.txt`/`.md` article may open with front matter (`---` YAML-like `key: value` lines, or
//! `+++` TOML) giving its title, date, author, url and language; it is removed from `text`.
//! Otherwise the title is the first non-empty line, and the date comes from a dateline in the
//! lines under it ("PARIS, 5 juin 2024 - …"). The body is kept as written (Markdown syntax
//! included): offsets point into it, so it is not rendered or reflowed here.
//!
//! Not for HTML (see `html.rs`) nor for JSON records (see `jsonl.rs`).

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::Regex;

use crate::error::IngestErrorKind;
use crate::ingest::lang;
use crate::model::{DocKind, Document};

/// A title longer than this is not a title but a paragraph without line breaks: it is cut.
const MAX_TITLE_CHARS: usize = 300;
/// Front matter longer than this many lines is not front matter.
const MAX_FRONT_MATTER_LINES: usize = 200;

/// Parses a .txt or .md article: title, date, author, url and language from front matter
/// when present, else title = first non-empty line (without its `#` marks for Markdown).
pub fn parse_text(raw: &[u8], path: &str, markdown: bool) -> Result<Document, IngestErrorKind> {
    let mut doc = Document::new(DocKind::Article, path);
    let (decoded, warning) = decode_unlabelled(raw);
    doc.warnings.extend(warning);
    let (front, mut body) = split_front_matter(&decoded);
    if let Some(front) = front {
        apply_front_matter(&front, &mut doc);
        // The blank lines between the closing fence and the body belong to neither.
        body = body.trim_start_matches(['\r', '\n']);
    }
    if doc.title.is_none() {
        doc.title = first_line_title(body, markdown);
    }
    if doc.date.is_none() {
        doc.date = dateline_date(body);
    }
    doc.text = body.to_string();
    Ok(doc)
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Decodes bytes that carry no charset label: a BOM (UTF-8, UTF-16LE/BE) decides, else UTF-8
/// when valid, else windows-1252 (the usual encoding of legacy Western text) with a warning.
pub fn decode_unlabelled(raw: &[u8]) -> (String, Option<String>) {
    decode_labelled(raw, None)
}

/// Decodes bytes with a declared charset (from HTML meta tags); a BOM overrides the
/// declaration, as browsers do. Undecodable bytes become U+FFFD and are reported.
pub fn decode_labelled(
    raw: &[u8],
    declared: Option<&'static Encoding>,
) -> (String, Option<String>) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(raw) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&raw[bom_len..]);
        let warning =
            had_errors.then(|| format!("invalid {} byte sequences replaced", encoding.name()));
        return (text.into_owned(), warning);
    }
    match declared {
        Some(enc) if enc != UTF_8 => {
            let (text, had_errors) = enc.decode_without_bom_handling(raw);
            let warning =
                had_errors.then(|| format!("invalid {} byte sequences replaced", enc.name()));
            (text.into_owned(), warning)
        }
        _ => match std::str::from_utf8(raw) {
            Ok(s) => (s.to_string(), None),
            Err(_) => {
                let (text, _) = WINDOWS_1252.decode_without_bom_handling(raw);
                let warning = "not valid UTF-8: decoded as windows-1252".to_string();
                (text.into_owned(), Some(warning))
            }
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Month names and abbreviations, per language, numbered from 1.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    // French
    ("janvier", 1), ("janv", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2),
    ("mars", 3), ("avril", 4), ("avr", 4), ("mai", 5), ("juin", 6), ("juillet", 7), ("juil", 7),
    ("août", 8), ("aout", 8), ("septembre", 9), ("sept", 9), ("octobre", 10), ("novembre", 11),
    ("décembre", 12), ("decembre", 12), ("déc", 12),
    // English
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3),
    ("april", 4), ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7),
    ("august", 8), ("aug", 8), ("september", 9), ("sep", 9), ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];

/// "4 juin 2024", "1er juin 2024", "mardi 4 juin 2024", "4 June 2024", "4th June, 2024".
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\p{L}+\.?,?\s+)?(\d{1,2})(?:er|re|st|nd|rd|th)?\s+(\p{L}+)\.?,?\s+(\d{4})$",
    )
    .expect("valid day-month-year pattern")
});
/// "June 4, 2024", "Jun. 4th 2024", "Tuesday, June 4, 2024".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\p{L}+\.?,?\s+)?(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
        .expect("valid month-day-year pattern")
});

/// Date-time layouts with an offset, tried after RFC 3339 and RFC 2822.
const ZONED_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M%z",
];
/// Date-time layouts without an offset: the time cannot be placed, only the day is kept.
const NAIVE_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"];

/// Normalises a metadata date: RFC 3339 (original offset kept) when a time and its offset are
/// given, `YYYY-MM-DD` otherwise. French and English written dates are understood
/// ("4 juin 2024", "June 4, 2024"). `None` when the string is not a date; day-first and
/// month-first numeric forms ("04/06/2024") are refused as ambiguous.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim().trim_matches(['"', '\'']).trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    for f in ZONED_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(s, f) {
            return Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
        }
    }
    // A trailing "Z" on a layout chrono's %z does not take.
    if let Some(naive) = s.strip_suffix('Z')
        && let Some(dt) = NAIVE_FORMATS
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(naive, f).ok())
    {
        return Some(dt.and_utc().to_rfc3339_opts(SecondsFormat::Secs, true));
    }
    for f in NAIVE_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(dt.date().format("%Y-%m-%d").to_string());
        }
    }
    for f in DATE_FORMATS {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    written_date(s).map(|d| d.format("%Y-%m-%d").to_string())
}

/// A date written with a month name, French or English.
fn written_date(s: &str) -> Option<NaiveDate> {
    let (day, month, year) = if let Some(c) = DAY_MONTH_YEAR.captures(s) {
        (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str())
    } else if let Some(c) = MONTH_DAY_YEAR.captures(s) {
        (c.get(2)?.as_str(), c.get(1)?.as_str(), c.get(3)?.as_str())
    } else {
        return None;
    };
    let month = month_number(month)?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == lower).map(|(_, m)| *m)
}

// ---------------------------------------------------------------------------------------------
// Front matter and title

/// Article metadata declared at the top of the file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct FrontMatter {
    fields: Vec<(String, String)>,
}

impl FrontMatter {
    /// The first non-empty value among `keys` (lowercase).
    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| {
            self.fields
                .iter()
                .find(|(name, v)| name == k && !v.is_empty())
                .map(|(_, v)| v.as_str())
        })
    }
}

const TITLE_KEYS: &[&str] = &["title", "headline"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "datepublished",
    "pubdate",
    "created",
];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline", "auteur"];
const URL_KEYS: &[&str] = &[
    "url",
    "canonical",
    "canonical_url",
    "permalink",
    "link",
    "source_url",
];
const LANG_KEYS: &[&str] = &["lang", "language", "locale", "langue"];

/// Splits `---` (YAML-like) or `+++` (TOML) front matter from the body. Text without a closed
/// fence within the first lines has no front matter.
fn split_front_matter(text: &str) -> (Option<FrontMatter>, &str) {
    let fence = if text.starts_with("---") {
        "---"
    } else if text.starts_with("+++") {
        "+++"
    } else {
        return (None, text);
    };
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (None, text);
    };
    if first.trim_end() != fence {
        return (None, text);
    }
    let mut offset = first.len();
    let start = offset;
    for line in lines.take(MAX_FRONT_MATTER_LINES) {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            let inner = &text[start..offset];
            let front = if fence == "+++" {
                parse_toml_front(inner)
            } else {
                parse_yaml_like_front(inner)
            };
            return (Some(front), &text[offset + line.len()..]);
        }
        offset += line.len();
    }
    (None, text)
}

/// `key: value` lines; quoted values unquoted; a key with an empty value followed by `- item`
/// lines takes the first item (an author list).
fn parse_yaml_like_front(inner: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    let mut list_key: Option<String> = None;
    for line in inner.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some(key) = list_key.take() {
                front.fields.push((key, unquote(item)));
            }
            continue;
        }
        list_key = None;
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().to_lowercase();
        let value = value.trim();
        if value.is_empty() {
            list_key = Some(key);
        } else if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let first = list.split(',').next().unwrap_or("");
            front.fields.push((key, unquote(first)));
        } else {
            front.fields.push((key, unquote(value)));
        }
    }
    front
}

fn parse_toml_front(inner: &str) -> FrontMatter {
    let mut front = FrontMatter::default();
    let Ok(table) = inner.parse::<toml::Table>() else {
        return front;
    };
    for (key, value) in table {
        let value = match value {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::Array(items) => match items.into_iter().next() {
                Some(toml::Value::String(s)) => s,
                _ => continue,
            },
            _ => continue,
        };
        front.fields.push((key.to_lowercase(), value));
    }
    front
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let unquoted = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
        .unwrap_or(v);
    unquoted.trim().to_string()
}

fn apply_front_matter(front: &FrontMatter, doc: &mut Document) {
    doc.title = front.get(TITLE_KEYS).map(str::to_string);
    if let Some(raw) = front.get(DATE_KEYS) {
        doc.date = normalize_date(raw);
        if doc.date.is_none() {
            doc.warnings
                .push(format!("unrecognised date in front matter: {raw:?}"));
        }
    }
    doc.author = front.get(AUTHOR_KEYS).map(str::to_string);
    doc.url = front.get(URL_KEYS).map(str::to_string);
    if let Some(code) = front.get(LANG_KEYS).and_then(lang::normalize_declared) {
        doc.lang = code;
    }
}

/// The first non-empty line, without Markdown heading marks, cut to a title's length.
fn first_line_title(body: &str, markdown: bool) -> Option<String> {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty())?;
    let line = if markdown {
        line.trim_start_matches('#').trim_end_matches('#').trim()
    } else {
        line
    };
    if line.is_empty() {
        return None;
    }
    Some(truncate_chars(line, MAX_TITLE_CHARS))
}

/// How many non-empty lines after the headline may carry the dateline.
const DATELINE_LINES: usize = 3;
/// A line this short that opens on a date is a dateline whatever follows the date.
const DATELINE_MAX_CHARS: usize = 60;

/// "June 6, 2024", "PARIS, 5 juin 2024 - …", "Dunkerque, le 12 mars 2024", "Monday, February
/// 11, 2019": an optional place (or weekday) and comma, an optional "le", then a written or
/// ISO date, then the end of the line or punctuation.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\p{Lu}[\p{L}\p{M}'’. \-]{0,40},\s+)?(?:le\s+)?(\d{1,2}(?:er|st|nd|rd|th)?\s+\p{L}+\.?,?\s+\d{4}|\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2})(?:$|[\s.,:;\-–—(])",
    )
    .expect("valid dateline pattern")
});

/// The article's date from its dateline, in the first lines after the headline of a file
/// without front matter.
fn dateline_date(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1)
        .take(DATELINE_LINES)
        .find_map(|line| {
            let date = DATELINE.captures(line)?.get(1)?;
            // A sentence that opens on a date ("Le 4 juin 2024, la société…") is story, not
            // dateline: a dateline stands alone or is set off by a dash.
            let rest = line[date.end()..].trim_start_matches([' ', '.']);
            let set_off = rest.is_empty() || rest.starts_with(['-', '–', '—']);
            (set_off || line.chars().count() <= DATELINE_MAX_CHARS)
                .then(|| normalize_date(date.as_str()))
                .flatten()
        })
}

/// At most `max` characters of `s`, cut on a char boundary.
pub(crate) fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((end, _)) => s[..end].trim_end().to_string(),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_normalise_to_rfc3339_or_day() {
        let cases = [
            (
                "2024-06-04T09:12:00+02:00",
                Some("2024-06-04T09:12:00+02:00"),
            ),
            ("2024-06-04T07:12:00.000Z", Some("2024-06-04T07:12:00Z")),
            (
                "2024-06-04T09:12:00+0200",
                Some("2024-06-04T09:12:00+02:00"),
            ),
            (
                "Tue, 4 Jun 2024 09:12:00 +0200",
                Some("2024-06-04T09:12:00+02:00"),
            ),
            ("2024-06-04 09:12", Some("2024-06-04")),
            ("2024-06-04", Some("2024-06-04")),
            ("4 juin 2024", Some("2024-06-04")),
            ("1er août 2024", Some("2024-08-01")),
            ("mardi 4 juin 2024", Some("2024-06-04")),
            ("June 4, 2024", Some("2024-06-04")),
            ("Tuesday, June 4th, 2024", Some("2024-06-04")),
            ("04/06/2024", None),
            ("31 février 2024", None),
            ("yesterday", None),
            ("", None),
        ];
        let mut failures = Vec::new();
        for (input, expected) in cases {
            let got = normalize_date(input);
            if got.as_deref() != expected {
                failures.push(format!("{input:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn datelines_give_the_date() {
        let cases = [
            ("T\n\nJune 6, 2024\n\nBody.", Some("2024-06-06")),
            (
                "T\n\nPARIS, 5 juin 2024 - Elon Musk a dit.",
                Some("2024-06-05"),
            ),
            (
                "T\n\nDunkerque, le 12 mars 2024\n\nCorps.",
                Some("2024-03-12"),
            ),
            (
                "T\nMonday, February 11, 2019 \n\nOn Saturday…",
                Some("2019-02-11"),
            ),
            ("T\n14 janvier 2016 . –\nL'acteur…", Some("2016-01-14")),
            ("June 6, 2024\n\nThe headline line is not a dateline.", None),
            ("T\n\nIn December 2023 the memo said 12,000.", None),
            ("T\n\nThe firm sold 12 units in 2024.", None),
            (
                "T\n\nLe 4 juin 2024, la société a annoncé la fermeture de son usine de Cléon.",
                None,
            ),
        ];
        let mut failures = Vec::new();
        for (body, expected) in cases {
            let got = dateline_date(body);
            if got.as_deref() != expected {
                failures.push(format!("{body:?}: got {got:?}, expected {expected:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn utf16_bom_is_honoured() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "Été".encode_utf16() {
            raw.extend(u.to_le_bytes());
        }
        assert_eq!(decode_unlabelled(&raw), ("Été".to_string(), None));
    }

    #[test]
    fn invalid_utf8_falls_back_to_windows_1252_with_a_warning() {
        let (text, warning) = decode_unlabelled(b"caf\xe9 \x80");
        assert_eq!(text, "café €");
        assert!(warning.is_some());
    }
}
