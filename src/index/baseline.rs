//! A plain tantivy index of titles and bodies (default tokenizer, no stemming, no extraction,
//! nothing stored): the baseline the benchmarks compare dossier's indexing against.
//!
//! Not for searching: it exists to measure what our schema and extraction cost.

use std::path::Path;

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Schema, TEXT};

use crate::Error;

/// A writer on a plain two-field index.
pub struct PlainIndex {
    writer: tantivy::IndexWriter,
    title: Field,
    body: Field,
}

impl PlainIndex {
    /// Creates an empty plain index in `dir` (which must not hold one).
    pub fn create(dir: &Path) -> Result<PlainIndex, Error> {
        let err = |e: tantivy::TantivyError| Error::Index(format!("{}: {e}", dir.display()));
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut b = Schema::builder();
        let title = b.add_text_field("title", TEXT);
        let body = b.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_dir(dir, b.build()).map_err(err)?;
        let writer = index
            .writer_with_num_threads(super::writer_threads(), super::WRITER_HEAP_BYTES)
            .map_err(err)?;
        Ok(PlainIndex {
            writer,
            title,
            body,
        })
    }

    pub fn add(&mut self, title: &str, body: &str) -> Result<(), Error> {
        let mut d = TantivyDocument::default();
        d.add_text(self.title, title);
        d.add_text(self.body, body);
        self.writer
            .add_document(d)
            .map_err(|e| Error::Index(e.to_string()))?;
        Ok(())
    }

    /// Commits and waits for merges, like `Writer::finish`.
    pub fn finish(mut self) -> Result<(), Error> {
        self.writer
            .commit()
            .map_err(|e| Error::Index(e.to_string()))?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| Error::Index(e.to_string()))
    }
}
