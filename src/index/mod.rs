//! Index: the on-disk tantivy index of documents and their extractions, and search over it.
//!
//! * [`schema`] defines every field once; [`analyzer`] the French/English/exact tokenizers;
//! * [`writer`] turns a `Document` + `Extraction` into an indexed document (one writer per
//!   index, guarded by tantivy's lock);
//! * [`query`] rewrites dossier's shortcuts (`org:`, `money:>1e9`, `date:2023-12`…) into
//!   tantivy syntax; [`search`] runs it and picks the mentions and claims that match.
//!
//! The index stores the whole [`Extraction`] of each document as JSON, so reports can be built
//! from it without re-reading the sources ([`Index::extractions`], [`load_extractions`]).
//! Not for parsing or extracting: the CLI feeds it what `ingest` and `extract` produce.
//! `tantivy` is used only inside this module.

pub mod analyzer;
pub mod baseline;
pub mod query;
pub mod schema;
pub mod search;
pub mod writer;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tantivy::directory::error::LockError;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::{IndexSettings, ReloadPolicy, TantivyError};

use crate::Error;
use crate::model::Extraction;
pub use schema::Fields;
pub use search::{FacetCounts, Hit, SearchRequest, SearchResults};
pub use writer::{PreparedDoc, Writer};

/// Document store compression: zstd level and block size (see `store_settings`).
const STORE_ZSTD_LEVEL: i32 = 3;
const STORE_BLOCK_BYTES: usize = 64 << 10;

/// Memory the writer may use before flushing a segment to disk.
const WRITER_HEAP_BYTES: usize = 256 << 20;

/// Indexing threads of the writer: one per core, at most four (more only adds segments).
fn writer_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().clamp(1, 4))
        .unwrap_or(1)
}

/// The stored extraction JSON repeats its keys in every mention: zstd over 64 KB blocks
/// stores it in about half the space lz4 needs, and reading the ten hits of a page stays
/// well under a millisecond.
fn store_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(STORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: STORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

/// What the index knows of one indexed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedFile {
    /// sha256 of the file (plus what else decided its extraction; see `Fields::file_sha`).
    pub sha: String,
    /// The file's canonical path (`Fields::file_key`).
    pub key: String,
}

/// An on-disk index, opened for reading (and, through [`Index::writer`], writing).
pub struct Index {
    inner: tantivy::Index,
    fields: Fields,
    dir: PathBuf,
}

impl Index {
    /// Opens an existing index; an error says when `dir` holds none.
    pub fn open(dir: &Path) -> Result<Index, Error> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Index(format!(
                "no index in {} (build one with `dossier index PATH --index {}`)",
                dir.display(),
                dir.display()
            )));
        }
        let inner = tantivy::Index::open_in_dir(dir)
            .map_err(|e| Error::Index(format!("{}: {e}", dir.display())))?;
        Self::wrap(inner, dir)
    }

    /// Opens the index in `dir`, creating the folder and an empty index when there is none.
    pub fn create_or_open(dir: &Path) -> Result<Index, Error> {
        if dir.join("meta.json").is_file() {
            return Self::open(dir);
        }
        // Never scatter index files among someone's documents.
        if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
            return Err(Error::Index(format!(
                "{} is not empty and holds no index: choose a new or empty folder for --index",
                dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let (schema, _) = schema::build();
        let inner = tantivy::Index::builder()
            .schema(schema)
            .settings(store_settings())
            .create_in_dir(dir)
            .map_err(|e| Error::Index(format!("{}: {e}", dir.display())))?;
        Self::wrap(inner, dir)
    }

    fn wrap(inner: tantivy::Index, dir: &Path) -> Result<Index, Error> {
        let (expected, fields) = schema::build();
        let actual = inner.schema();
        let same = expected.fields().all(|(_, entry)| {
            actual
                .get_field(entry.name())
                .is_ok_and(|f| actual.get_field_entry(f) == entry)
        });
        if !same {
            return Err(Error::Index(format!(
                "{} was built by another version of dossier or another program; remove it \
                 and index again",
                dir.display()
            )));
        }
        analyzer::register(inner.tokenizers());
        Ok(Index {
            inner,
            fields,
            dir: dir.to_path_buf(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The single writer. A second one (another `dossier index` on the same folder) is
    /// refused with a message saying so.
    pub fn writer(&self) -> Result<Writer, Error> {
        let inner = self
            .inner
            .writer_with_num_threads(writer_threads(), WRITER_HEAP_BYTES)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::Index(format!(
                    "another dossier index is running on {} (wait for it to finish)",
                    self.dir.display()
                )),
                e => Error::Index(format!("{}: {e}", self.dir.display())),
            })?;
        Ok(Writer {
            inner,
            fields: self.fields.clone(),
        })
    }

    pub(crate) fn searcher(&self) -> Result<tantivy::Searcher, Error> {
        let reader = self
            .inner
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| Error::Index(format!("{}: {e}", self.dir.display())))?;
        Ok(reader.searcher())
    }

    /// Number of documents visible in the last commit.
    pub fn num_docs(&self) -> Result<u64, Error> {
        Ok(self.searcher()?.num_docs())
    }

    /// Path → the file's sha256 and canonical path, for every file with documents in the last
    /// commit. A file is committed whole or not at all, so a path here is complete.
    pub fn indexed_files(&self) -> Result<HashMap<String, IndexedFile>, Error> {
        let err = |e: TantivyError| Error::Index(format!("{}: {e}", self.dir.display()));
        let io = |e: std::io::Error| Error::Index(format!("{}: {e}", self.dir.display()));
        let searcher = self.searcher()?;
        let mut files = HashMap::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            let (Some(paths), Some(shas), Some(keys)) = (
                ff.str("path").map_err(err)?,
                ff.str("file_sha").map_err(err)?,
                ff.str("file_key").map_err(err)?,
            ) else {
                continue;
            };
            // Decode each dictionary once: looking terms up one by one decompresses a block
            // per call.
            let (path_terms, sha_terms, key_terms) = (
                all_terms(&paths).map_err(io)?,
                all_terms(&shas).map_err(io)?,
                all_terms(&keys).map_err(io)?,
            );
            for doc in segment.doc_ids_alive() {
                let (Some(p), Some(s), Some(k)) = (
                    paths.term_ords(doc).next(),
                    shas.term_ords(doc).next(),
                    keys.term_ords(doc).next(),
                ) else {
                    continue;
                };
                if let (Some(path), Some(sha), Some(key)) = (
                    path_terms.get(p as usize),
                    sha_terms.get(s as usize),
                    key_terms.get(k as usize),
                ) {
                    files.entry(path.clone()).or_insert_with(|| IndexedFile {
                        sha: sha.clone(),
                        key: key.clone(),
                    });
                }
            }
        }
        Ok(files)
    }

    /// Runs a search: ranked hits with snippets and matching mentions, optional facets.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, Error> {
        search::search(self, req)
    }

    /// The stored extractions: every document's (sorted by path, then message index) when
    /// `query` is `None`, else the hits of the query in rank order. Each carries the document
    /// metadata (path, title, date, sender…) with all its mentions and claims.
    pub fn extractions(&self, query: Option<&str>) -> Result<Vec<Extraction>, Error> {
        match query {
            Some(q) => search::all_hits(self, q),
            None => search::all_documents(self),
        }
    }
}

/// The terms of a fast string column, indexed by term ordinal.
fn all_terms(column: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}

/// Every stored `Extraction` of the index in `index_dir` (or the hits of `query`, in rank
/// order): what reports are built from.
pub fn load_extractions(index_dir: &Path, query: Option<&str>) -> Result<Vec<Extraction>, Error> {
    Index::open(index_dir)?.extractions(query)
}
