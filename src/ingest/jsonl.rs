//! Article records in JSON (.json: one object or an array) and JSON Lines (.jsonl).
//! (Placeholder: to be replaced by the full reader.)

use std::io::BufRead;

use crate::error::IngestErrorKind;
use crate::model::{DocKind, Document};

/// Yields the non-blank lines of a JSONL file.
pub struct JsonlReader<R> {
    reader: R,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R) -> Self {
        JsonlReader { reader }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = std::io::Result<Vec<u8>>;
    fn next(&mut self) -> Option<Self::Item> {
        let mut line = Vec::new();
        loop {
            line.clear();
            match self.reader.read_until(b'\n', &mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(_) if line.iter().all(|b| b.is_ascii_whitespace()) => continue,
                Ok(_) => return Some(Ok(line)),
            }
        }
    }
}

/// Parses one JSON record (one line of a JSONL file).
pub fn parse_record(raw: &[u8], path: &str) -> Result<Document, IngestErrorKind> {
    let v: serde_json::Value =
        serde_json::from_slice(raw).map_err(|e| IngestErrorKind::BadRecord(e.to_string()))?;
    let mut doc = Document::new(DocKind::Article, path);
    let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    doc.doc_id = s("id").unwrap_or_default();
    doc.title = s("title");
    doc.text = s("text").unwrap_or_default();
    doc.date = s("date");
    if let Some(l) = s("lang") {
        doc.lang = l;
    }
    Ok(doc)
}

/// Parses a .json file: one record, or an array of records. Each record comes with its own
/// bytes (re-serialised) for its sha256.
pub fn parse_json_file(
    raw: &[u8],
    path: &str,
) -> Vec<Result<(Document, Vec<u8>), IngestErrorKind>> {
    match serde_json::from_slice::<serde_json::Value>(raw) {
        Err(e) => vec![Err(IngestErrorKind::BadRecord(e.to_string()))],
        Ok(serde_json::Value::Array(items)) => items
            .into_iter()
            .map(|item| {
                let bytes = serde_json::to_vec(&item).unwrap_or_default();
                parse_record(&bytes, path).map(|d| (d, bytes))
            })
            .collect(),
        Ok(_) => vec![parse_record(raw, path).map(|d| (d, raw.to_vec()))],
    }
}
