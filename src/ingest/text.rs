//! Plain-text and Markdown articles.
//! (Placeholder: to be replaced by the full reader.)

use crate::error::IngestErrorKind;
use crate::model::{DocKind, Document};

/// Parses a .txt or .md article: title = first non-empty line (or front matter).
pub fn parse_text(raw: &[u8], path: &str, _markdown: bool) -> Result<Document, IngestErrorKind> {
    let mut doc = Document::new(DocKind::Article, path);
    let text = String::from_utf8_lossy(raw).into_owned();
    doc.title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string());
    doc.text = text;
    Ok(doc)
}
