//! HTML articles: title, date, author and the main text without boilerplate.
//! (Placeholder: to be replaced by the full extractor.)

use crate::error::IngestErrorKind;
use crate::model::{DocKind, Document};

/// Parses an HTML page into an article document.
pub fn parse_html(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    let mut doc = Document::new(DocKind::Article, path);
    doc.text = html_to_text(&String::from_utf8_lossy(raw));
    Ok(doc)
}

/// Turns an HTML fragment (an email's HTML body, an HTML attachment) into clean text.
pub fn html_to_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    doc.root_element().text().collect::<Vec<_>>().join(" ")
}
