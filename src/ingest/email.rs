//! Emails (.eml, and each message of a mailbox), parsed with `mailparse`.
//! (Placeholder: to be replaced by the full parser.)

use crate::error::IngestErrorKind;
use crate::model::{DocKind, Document};

/// Parses one RFC 5322 message into a document.
pub fn parse_email(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    let mail = mailparse::parse_mail(raw).map_err(|e| IngestErrorKind::BadEmail(e.to_string()))?;
    let mut doc = Document::new(DocKind::Email, path);
    use mailparse::MailHeaderMap;
    doc.title = mail.headers.get_first_value("Subject");
    doc.text = mail.get_body().unwrap_or_default();
    Ok(doc)
}
