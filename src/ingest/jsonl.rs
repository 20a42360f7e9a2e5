//! Article records in JSON (.json: one object, an array, or an object wrapping an array under
//! `items`/`articles`/`records`) and JSON Lines (.jsonl: one object per line).
//!
//! A record gives `id`, `title`, `text` (aliases `body`, `content`), `date` (aliases
//! `published`, `published_at`, `datePublished`), `lang`, `url` and `author` (a string, an
//! object with a `name`, or a list of either). Its `id` becomes the document id; its `lang`
//! wins over detection. A bad record is an error for that record only.
//!
//! Not for HTML inside records: `text` is taken as plain text, exactly as offsets will see it.

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::error::IngestErrorKind;
use crate::ingest::{lang, text};
use crate::model::{DocKind, Document};

/// A JSONL line longer than this is refused (as a bad record) rather than held in memory.
pub const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;

const ID_KEYS: &[&str] = &["id", "doc_id", "_id"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const TEXT_KEYS: &[&str] = &["text", "body", "content"];
const DATE_KEYS: &[&str] = &["date", "published", "published_at", "datePublished"];
const LANG_KEYS: &[&str] = &["lang", "language"];
const URL_KEYS: &[&str] = &["url", "link"];
const AUTHOR_KEYS: &[&str] = &["author", "authors", "byline"];
/// Keys under which a .json file may wrap its array of records.
const WRAPPER_KEYS: &[&str] = &["items", "articles", "records", "documents", "data"];

/// Yields the non-blank lines of a JSONL file. A line longer than [`MAX_RECORD_BYTES`] is
/// yielded cut just past the limit (so that [`parse_record`] rejects it) and the rest of it
/// skipped: one monster line never takes the memory, nor the records after it.
pub struct JsonlReader<R> {
    reader: R,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R) -> Self {
        JsonlReader { reader }
    }

    /// Reads one line (without keeping more than the limit); `Ok(None)` at end of input.
    fn read_line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let mut seen_any = false;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(seen_any.then_some(line));
            }
            seen_any = true;
            let (chunk, found_newline) = match memchr::memchr(b'\n', buf) {
                Some(i) => (&buf[..=i], true),
                None => (buf, false),
            };
            let room = (MAX_RECORD_BYTES + 1).saturating_sub(line.len());
            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            let consumed = chunk.len();
            self.reader.consume(consumed);
            if found_newline {
                return Ok(Some(line));
            }
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = std::io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.read_line() {
                Err(e) => return Some(Err(e)),
                Ok(None) => return None,
                Ok(Some(line)) if line.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(Some(line)) => return Some(Ok(line)),
            }
        }
    }
}

/// Parses one JSON record (one line of a JSONL file, or one element of a .json array).
pub fn parse_record(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    if raw.len() > MAX_RECORD_BYTES {
        return Err(IngestErrorKind::BadRecord(format!(
            "record longer than {MAX_RECORD_BYTES} bytes"
        )));
    }
    let (decoded, warning) = text::decode_unlabelled(raw);
    let value: Value = serde_json::from_str(decoded.trim_start_matches('\u{feff}'))
        .map_err(|e| IngestErrorKind::BadRecord(e.to_string()))?;
    let mut doc = record_to_document(&value, path)?;
    doc.warnings.extend(warning);
    Ok(doc)
}

/// Parses a .json file: one record, an array of records, or an object wrapping the array.
/// Each record comes with its own bytes (re-serialised) for its sha256.
pub fn parse_json_file(
    raw: &[u8],
    path: &str,
) -> Vec<Result<(Document, Vec<u8>), IngestErrorKind>> {
    let (decoded, warning) = text::decode_unlabelled(raw);
    let value = match serde_json::from_str::<Value>(decoded.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => return vec![Err(IngestErrorKind::BadRecord(e.to_string()))],
    };
    let with_warning = |mut doc: Document| {
        doc.warnings.extend(warning.clone());
        doc
    };
    match records_of(value) {
        Records::Many(items) if items.is_empty() => {
            vec![Err(IngestErrorKind::BadRecord(
                "no records (empty array)".into(),
            ))]
        }
        Records::Many(items) => items
            .into_iter()
            .map(|item| {
                let bytes = serde_json::to_vec(&item).unwrap_or_default();
                record_to_document(&item, path).map(|d| (with_warning(d), bytes))
            })
            .collect(),
        Records::One(item) => {
            vec![record_to_document(&item, path).map(|d| (with_warning(d), raw.to_vec()))]
        }
    }
}

enum Records {
    One(Value),
    Many(Vec<Value>),
}

/// An array is a list of records; an object holding an array under a wrapper key (and no
/// text of its own) is too; any other value is one record.
fn records_of(value: Value) -> Records {
    match value {
        Value::Array(items) => Records::Many(items),
        Value::Object(mut map) => {
            let has_text = TEXT_KEYS.iter().any(|k| map.contains_key(*k));
            let wrapper = WRAPPER_KEYS
                .iter()
                .find(|k| matches!(map.get(**k), Some(Value::Array(_))));
            match wrapper {
                Some(k) if !has_text => match map.remove(*k) {
                    Some(Value::Array(items)) => Records::Many(items),
                    _ => Records::One(Value::Object(map)),
                },
                _ => Records::One(Value::Object(map)),
            }
        }
        other => Records::One(other),
    }
}

fn record_to_document(value: &Value, path: &str) -> Result<Document, IngestErrorKind> {
    let Value::Object(map) = value else {
        return Err(IngestErrorKind::BadRecord(format!(
            "expected an object, found {}",
            json_kind(value)
        )));
    };
    let id = first(map, ID_KEYS).and_then(scalar_string);
    let body = first(map, TEXT_KEYS)
        .and_then(scalar_string)
        .unwrap_or_default();
    if body.trim().is_empty() {
        let name = id
            .as_deref()
            .map(|i| format!("record {i:?}"))
            .unwrap_or("record".into());
        return Err(IngestErrorKind::BadRecord(format!(
            "{name} has no text (expected one of: {})",
            TEXT_KEYS.join(", ")
        )));
    }
    let mut doc = Document::new(DocKind::Article, path);
    doc.doc_id = id.unwrap_or_default();
    doc.text = body;
    doc.title = first(map, TITLE_KEYS)
        .and_then(scalar_string)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    if let Some(raw_date) = first(map, DATE_KEYS).and_then(scalar_string) {
        doc.date = text::normalize_date(&raw_date);
        if doc.date.is_none() {
            doc.warnings
                .push(format!("unrecognised date: {raw_date:?}"));
        }
    }
    if let Some(code) = first(map, LANG_KEYS)
        .and_then(Value::as_str)
        .and_then(lang::normalize_declared)
    {
        doc.lang = code;
    }
    doc.url = first(map, URL_KEYS).and_then(scalar_string);
    doc.author = first(map, AUTHOR_KEYS).and_then(author_name);
    Ok(doc)
}

/// The value of the first key present and not null.
fn first<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| map.get(*k).filter(|v| !v.is_null()))
}

/// Strings as they are, numbers and booleans as written (an `id` of 42 is "42").
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// "Ann Lee", {"name": "Ann Lee"}, or a list of those (names joined with ", ").
fn author_name(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Object(m) => m.get("name").and_then(Value::as_str)?.trim().to_string(),
        Value::Array(items) => items
            .iter()
            .filter(|i| !i.is_array())
            .filter_map(author_name)
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!name.is_empty()).then_some(name)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
