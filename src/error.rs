//! Typed errors of the library. The binary wraps them with `anyhow`; users see the `Display`
//! text, which always names the file (and message index) it is about.

use std::path::PathBuf;

/// Why one input (file, mailbox message, record) could not be turned into a document.
/// Never fatal for a batch: the driver reports it, counts it and goes on.
#[derive(Debug, thiserror::Error)]
#[error("{path}{}: {kind}", self.place())]
pub struct IngestError {
    pub path: String,
    pub message_index: Option<usize>,
    pub kind: IngestErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum IngestErrorKind {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("binary file (not an email, mailbox or article)")]
    Binary,
    #[error("unsupported file type: {0}")]
    Unsupported(String),
    #[error("not a valid email: {0}")]
    BadEmail(String),
    #[error("bad JSON record: {0}")]
    BadRecord(String),
    #[error("too large: {size} bytes (limit {limit})")]
    TooLarge { size: u64, limit: u64 },
}

impl IngestError {
    pub fn new(path: impl Into<String>, kind: IngestErrorKind) -> Self {
        IngestError {
            path: path.into(),
            message_index: None,
            kind,
        }
    }

    pub fn at(mut self, message_index: usize) -> Self {
        self.message_index = Some(message_index);
        self
    }

    /// " (message 3)" in a mailbox, " (record 3)" in a JSON file: what the index counts.
    fn place(&self) -> String {
        let Some(i) = self.message_index else {
            return String::new();
        };
        let what = match self.kind {
            IngestErrorKind::BadRecord(_) => "record",
            _ if self.path.ends_with(".json") || self.path.ends_with(".jsonl") => "record",
            _ => "message",
        };
        format!(" ({what} {i})")
    }
}

/// Errors of the whole library: fatal for the command that meets them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("index: {0}")]
    Index(String),
    #[error("invalid query: {0}")]
    Query(String),
    #[error("configuration {path}: {message}")]
    Config { path: PathBuf, message: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
