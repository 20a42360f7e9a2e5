//! Turning a document and its extraction into a tantivy document, and the single writer that
//! adds, replaces and deletes them.
//!
//! Replacement is by file: a changed file's documents are deleted (`file_key` term) and re-added
//! in the same commit, so a reader sees either the old or the new version, never both. The
//! file's sha256 and canonical path go into every document it produced;
//! `Index::indexed_files` reads them back to skip unchanged files. Not for deciding what to index (that is the CLI's walk) nor for
//! searching.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::schema::{Facet, OwnedValue, Term};
use tantivy::{DateTime, TantivyDocument};

use super::schema::Fields;
use crate::Error;
use crate::model::{Document, Extraction, MentionType};

/// The one writer of an index. Dropping it without `commit` discards what was added since the
/// last commit; the index stays as it was.
pub struct Writer {
    pub(super) inner: tantivy::IndexWriter,
    pub(super) fields: Fields,
}

impl Writer {
    /// Removes every document of `path` (on the next commit).
    pub fn delete_path(&mut self, path: &str) {
        self.inner
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Removes every document of the file whose canonical path is `key` (on the next commit),
    /// whatever path it was indexed under.
    pub fn delete_file(&mut self, key: &str) {
        self.inner
            .delete_term(Term::from_field_text(self.fields.file_key, key));
    }

    /// Adds a document with its extraction; `file_sha` is the sha256 of the whole file it
    /// came from, and the file is known by the document's path as given.
    pub fn add(&mut self, doc: &Document, ex: &Extraction, file_sha: &str) -> Result<(), Error> {
        let prepared = PreparedDoc::new(&self.fields, doc, ex, file_sha, &doc.path)?;
        self.add_prepared(prepared)
    }

    /// Adds a document converted beforehand (see [`PreparedDoc`]).
    pub fn add_prepared(&mut self, prepared: PreparedDoc) -> Result<(), Error> {
        let PreparedDoc { doc, path } = prepared;
        self.inner
            .add_document(doc)
            .map_err(|e| Error::Index(format!("adding {path}: {e}")))?;
        Ok(())
    }

    /// Makes everything added and deleted so far durable and visible to new searches.
    pub fn commit(&mut self) -> Result<(), Error> {
        self.inner
            .commit()
            .map_err(|e| Error::Index(format!("commit: {e}")))?;
        Ok(())
    }

    /// Commits, then waits for background segment merges so the files on disk are final.
    pub fn finish(mut self) -> Result<(), Error> {
        self.commit()?;
        self.inner
            .wait_merging_threads()
            .map_err(|e| Error::Index(format!("merging segments: {e}")))
    }
}

/// A document and its extraction converted for the index (analysis happens later, in the
/// writer's threads). Building it is the costly part of adding a document that does not need
/// the writer, so callers build these in parallel and add them in order.
pub struct PreparedDoc {
    doc: TantivyDocument,
    path: String,
}

impl PreparedDoc {
    /// `file_sha` is the sha256 of the whole file the document came from, `file_key` the
    /// file's canonical path (see [`Fields::file_key`]).
    pub fn new(
        fields: &Fields,
        doc: &Document,
        ex: &Extraction,
        file_sha: &str,
        file_key: &str,
    ) -> Result<PreparedDoc, Error> {
        Ok(PreparedDoc {
            doc: to_tantivy(fields, doc, ex, file_sha, file_key)?,
            path: doc.path.clone(),
        })
    }

    /// The path of the document's file.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// A document date as a tantivy date: RFC 3339 keeps its instant, `YYYY-MM-DD` is midnight UTC.
pub fn parse_doc_date(s: &str) -> Option<DateTime> {
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(DateTime::from_timestamp_secs(d.timestamp()));
    }
    let day = chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let secs = day.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
    Some(DateTime::from_timestamp_secs(secs))
}

/// `YYYY-MM` of a document date, in the date's own calendar (as the writer wrote it).
fn month_of(date: &str) -> Option<&str> {
    let m = date.get(..7)?;
    let b = m.as_bytes();
    (b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..].iter().all(u8::is_ascii_digit))
        .then_some(m)
}

/// Text beyond this many bytes per field value is neither indexed nor stored: a runaway
/// attachment must not stall the writer or bloat the store (extraction still saw all of it).
pub const MAX_INDEXED_TEXT_BYTES: usize = 4 << 20;

/// The longest prefix of `text` within `max` bytes that ends on a character boundary.
fn capped(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn add_text_family(
    tdoc: &mut TantivyDocument,
    family: super::schema::TextFamily,
    lang: &str,
    text: &str,
) {
    let text = capped(text, MAX_INDEXED_TEXT_BYTES);
    if text.is_empty() {
        return;
    }
    tdoc.add_text(family.exact, text);
    tdoc.add_text(family.stemmed_for(lang), text);
}

/// Values a numeric mention stands for: its value, both ends of its range, its bounds.
fn mention_numbers(m: &crate::model::Mention) -> impl Iterator<Item = f64> {
    let range = m.range.unwrap_or([f64::NAN, f64::NAN]);
    [m.number(), Some(range[0]), Some(range[1]), m.min, m.max]
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite())
}

/// Organisation names a document speaks of: org mentions and claim roles.
pub fn organisations(ex: &Extraction) -> BTreeSet<String> {
    let mut orgs = BTreeSet::new();
    for m in &ex.mentions {
        if m.kind == MentionType::Org {
            let name = m.text_value().unwrap_or(&m.text).trim();
            if !name.is_empty() {
                orgs.insert(name.to_string());
            }
        }
    }
    for c in &ex.claims {
        for name in [&c.org, &c.from, &c.to, &c.intended_for]
            .into_iter()
            .flatten()
        {
            if !name.trim().is_empty() {
                orgs.insert(name.trim().to_string());
            }
        }
    }
    orgs
}

fn to_tantivy(
    f: &Fields,
    doc: &Document,
    ex: &Extraction,
    file_sha: &str,
    file_key: &str,
) -> Result<TantivyDocument, Error> {
    let mut t = TantivyDocument::default();
    t.add_text(f.doc_id, &doc.doc_id);
    t.add_text(f.kind, doc.kind.as_str());
    t.add_text(f.path, &doc.path);
    t.add_text(f.file_key, file_key);
    t.add_text(f.file_sha, file_sha);
    if let Some(i) = doc.message_index {
        t.add_u64(f.message_index, i as u64);
    }
    t.add_text(f.lang, doc.lang.to_ascii_lowercase());
    t.add_facet(f.facet, facet("kind", doc.kind.as_str()));
    if let Some(date) = &doc.date {
        if let Some(d) = parse_doc_date(date) {
            t.add_date(f.date, d);
        }
        if let Some(m) = month_of(date) {
            t.add_facet(f.facet, facet("month", m));
        }
    }
    if let Some(from) = &doc.from {
        t.add_text(f.from, format_address(from));
        if !from.address.is_empty() {
            t.add_facet(f.facet, facet("sender", &from.address.to_ascii_lowercase()));
        }
    }
    for a in doc.to.iter().chain(&doc.cc) {
        t.add_text(f.to, format_address(a));
    }
    for id in doc
        .message_id
        .iter()
        .chain(&doc.in_reply_to)
        .chain(&doc.references)
    {
        t.add_text(f.thread, id.trim_matches(['<', '>']));
    }
    let lang = doc.lang.as_str();
    if let Some(title) = &doc.title {
        add_text_family(&mut t, f.title, lang, title);
    }
    add_text_family(&mut t, f.body, lang, &doc.text);
    for q in &doc.quoted {
        add_text_family(&mut t, f.quoted, lang, &q.text);
    }
    for a in &doc.attachments {
        if let Some(name) = &a.name {
            add_text_family(&mut t, f.attachment, lang, name);
        }
        if let Some(text) = &a.text {
            add_text_family(&mut t, f.attachment, lang, text);
        }
    }
    for org in organisations(ex) {
        t.add_text(f.org, &org);
        t.add_facet(f.facet, facet("org", &org));
    }
    let claims: BTreeSet<&str> = ex.claims.iter().map(|c| c.kind.as_str()).collect();
    for c in claims {
        t.add_text(f.claim, c);
    }
    let mut by_currency: BTreeMap<String, Vec<OwnedValue>> = BTreeMap::new();
    for m in &ex.mentions {
        let field = match m.kind {
            MentionType::Money => {
                if let Some(u) = &m.unit {
                    by_currency
                        .entry(u.to_ascii_uppercase())
                        .or_default()
                        .extend(mention_numbers(m).map(OwnedValue::F64));
                }
                f.money
            }
            MentionType::Quantity => f.quantity,
            MentionType::Percent => f.percent,
            _ => continue,
        };
        for v in mention_numbers(m) {
            t.add_f64(field, v);
        }
    }
    for c in by_currency.keys() {
        t.add_text(f.currency, c);
    }
    let by_currency: BTreeMap<String, OwnedValue> = by_currency
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(c, v)| (c, OwnedValue::Array(v)))
        .collect();
    if !by_currency.is_empty() {
        t.add_object(f.money_in, by_currency);
    }
    let json = serde_json::to_string(ex)
        .map_err(|e| Error::Index(format!("{}: cannot serialise extraction: {e}", doc.path)))?;
    t.add_text(f.extraction, json);
    Ok(t)
}

/// A facet under `root`; NUL separates facet segments internally, so it cannot appear in one.
fn facet(root: &str, value: &str) -> Facet {
    Facet::from_path([root, &value.replace('\0', " ")])
}

fn format_address(a: &crate::model::Address) -> String {
    match &a.name {
        Some(n) if !n.is_empty() => format!("{n} {}", a.address),
        _ => a.address.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_instant() {
        let a = parse_doc_date("2024-06-05T09:12:00+02:00").unwrap();
        let b = parse_doc_date("2024-06-05T07:12:00Z").unwrap();
        assert_eq!(a, b);
        assert!(parse_doc_date("2024-06-05").is_some());
        assert!(parse_doc_date("juin 2024").is_none());
        assert_eq!(month_of("2024-06-05T09:12:00+02:00"), Some("2024-06"));
        assert_eq!(month_of("24-6"), None);
        assert_eq!(month_of("é"), None);
    }

    #[test]
    fn capping_respects_characters() {
        assert_eq!(capped("détournées", 2), "d");
        assert_eq!(capped("détournées", 3), "dé");
        assert_eq!(capped("abc", 10), "abc");
    }
}
