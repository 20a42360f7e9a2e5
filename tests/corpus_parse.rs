//! `dossier parse corpus/`: one correct document per email, mailbox message and article record,
//! accents intact, quotes marked, attachments listed, nothing skipped.

use std::path::PathBuf;

use dossier::ingest::{IngestOptions, parse_paths};
use dossier::model::{DocKind, Document};

fn corpus() -> Vec<Document> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    let (docs, errors, stats) = parse_paths(&[root], &IngestOptions::default());
    assert!(errors.is_empty(), "corpus inputs failed: {errors:?}");
    assert_eq!(stats.skipped, 0);
    docs
}

fn by_path<'a>(docs: &'a [Document], suffix: &str) -> Vec<&'a Document> {
    docs.iter().filter(|d| d.path.ends_with(suffix)).collect()
}

#[test]
fn every_corpus_document_parses_cleanly() {
    let docs = corpus();
    assert_eq!(docs.len(), 41, "28 files, 41 documents (corpus/README.md)");
    for d in &docs {
        assert!(d.warnings.is_empty(), "{}: {:?}", d.path, d.warnings);
        assert!(!d.text.trim().is_empty(), "{}: empty text", d.path);
        assert!(
            d.title.as_deref().is_some_and(|t| !t.trim().is_empty()),
            "{}: no title",
            d.path
        );
        assert!(d.date.is_some(), "{}: no date", d.path);
        assert!(
            matches!(d.lang.as_str(), "fr" | "en"),
            "{}: lang {}",
            d.path,
            d.lang
        );
        let all = format!("{}{}", d.title.as_deref().unwrap_or(""), d.text);
        assert!(!all.contains('\u{fffd}'), "{}: undecodable bytes", d.path);
        assert_eq!(d.sha256.len(), 64);
    }
    let mut ids: Vec<&str> = docs.iter().map(|d| d.doc_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), docs.len(), "document ids are unique");
}

#[test]
fn latin1_quoted_printable_and_base64_emails_decode_with_accents() {
    let docs = corpus();
    let latin1 = by_path(&docs, "chip-03-redaction-fr.eml")[0];
    assert_eq!(
        latin1.title.as_deref(),
        Some("Puces H100 détournées vers X : à vérifier")
    );
    assert!(latin1.text.contains("12 000"), "{}", latin1.text);
    let b64 = by_path(&docs, "chip-04-re-redaction-fr.eml")[0];
    assert!(b64.text.contains("milliards de dollars"), "{}", b64.text);
    let eau = by_path(&docs, "eau-02-reponse-latin1.eml")[0];
    assert!(eau.text.contains("430 000"), "{}", eau.text);
    assert_eq!(eau.kind, DocKind::Email);
    assert_eq!(eau.lang, "fr");
}

#[test]
fn replies_keep_quoted_text_apart_with_the_quote_date() {
    let docs = corpus();
    let fr = by_path(&docs, "chip-04-re-redaction-fr.eml")[0];
    assert_eq!(fr.quoted.len(), 1);
    assert_eq!(
        fr.quoted[0].date.as_deref(),
        Some("2024-06-04T18:03:00+02:00")
    );
    assert!(
        fr.quoted[0]
            .header
            .as_deref()
            .unwrap()
            .ends_with("a écrit :")
    );
    assert!(!fr.text.contains("a écrit :"));
    let en = by_path(&docs, "chip-02-re-factcheck.eml")[0];
    assert_eq!(en.quoted.len(), 1);
    assert!(en.in_reply_to.is_some());
    assert!(en.quoted[0].header.as_deref().unwrap().contains("wrote:"));
    let fwd = by_path(&docs, "chip-05-fwd-analyst.eml")[0];
    assert!(
        fwd.quoted[0]
            .header
            .as_deref()
            .unwrap()
            .contains("Forwarded message")
    );
}

#[test]
fn attachments_are_listed_with_text() {
    let docs = corpus();
    let v = by_path(&docs, "voltanis-02-reponse.eml")[0];
    assert_eq!(v.attachments.len(), 1);
    let a = &v.attachments[0];
    assert_eq!(a.name.as_deref(), Some("livraisons.csv"));
    assert_eq!(a.mime, "text/csv");
    assert_eq!(a.sha256.len(), 64);
    assert!(a.size > 0 && a.text.as_deref().unwrap().starts_with("date;client;"));
    let c = by_path(&docs, "chip-05-fwd-analyst.eml")[0];
    assert_eq!(c.attachments[0].name.as_deref(), Some("notes-capex.txt"));
}

#[test]
fn the_mailbox_is_split_into_indexed_messages_with_from_unescaped() {
    let docs = corpus();
    let thread = by_path(&docs, "chip-desk-thread.mbox");
    assert_eq!(thread.len(), 5);
    for (i, d) in thread.iter().enumerate() {
        assert_eq!(d.message_index, Some(i));
        assert!(d.doc_id.ends_with(&format!(":{i}")), "{}", d.doc_id);
        assert_eq!(d.kind, DocKind::Email);
    }
    let all: String = thread.iter().map(|d| d.text.as_str()).collect();
    assert!(all.contains("\nFrom the memo") || all.starts_with("From the memo"));
    assert!(!all.contains(">From the memo"));
    assert!(thread[2].text.contains("Correction: 12,000, not 12,400"));
}

#[test]
fn records_keep_their_ids() {
    let docs = corpus();
    let wire = by_path(&docs, "wire-items.jsonl");
    assert_eq!(wire.len(), 8);
    assert!(
        wire.iter().all(|d| !d.doc_id.contains(':')),
        "record ids are used"
    );
    assert_eq!(by_path(&docs, "fiches.json").len(), 3);
}
