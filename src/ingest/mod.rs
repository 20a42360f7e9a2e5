//! Ingest: turn files into [`Document`]s.
//!
//! This module walks the paths it is given, decides what each file is (by extension, then by
//! sniffing its first bytes), hands it to the parser for its format and streams the documents
//! out in a stable order. Files and mailbox messages are parsed in parallel (rayon) in bounded
//! batches, so memory stays flat however large the input is.
//!
//! It knows nothing about extraction: callers pass a `work` closure that runs on each document
//! inside the parallel section (extraction, serialisation…) and an `emit` closure that receives
//! the results in input order.
//!
//! One bad file (or message, or record) never stops the batch: it becomes an [`IngestError`]
//! naming the file, passed to `emit`, and counted in [`Stats`].

pub mod email;
pub mod html;
pub mod jsonl;
pub mod lang;
pub mod mbox;
pub mod text;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{IngestError, IngestErrorKind};
use crate::model::Document;

/// Files larger than this are refused unless they are mailboxes or JSONL, which are streamed.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// How many documents are parsed in parallel before their results are emitted in order.
const BATCH: usize = 64;

/// The formats dossier reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Email,
    Mbox,
    Html,
    Text,
    Markdown,
    Json,
    Jsonl,
}

/// How to ingest.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Force the language of every document (`fr`, `en`) instead of detecting it.
    pub lang: Option<String>,
}

/// One input: a file found under the given roots, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The path as users see it (lossy UTF-8 for non-UTF-8 names).
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.to_string_lossy().into_owned(),
            Input::Stdin => "-".into(),
        }
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub files: usize,
    pub documents: usize,
    /// Inputs (files, messages, records) that could not be read.
    pub skipped: usize,
    /// Documents parsed with at least one warning.
    pub with_warnings: usize,
}

impl Stats {
    pub fn summary(&self) -> String {
        format!(
            "{} documents from {} files, {} skipped, {} with warnings",
            self.documents, self.files, self.skipped, self.with_warnings
        )
    }
}

/// Expands the roots into a sorted list of inputs. Folders are walked recursively (hidden
/// entries and the default index folder `.dossier` skipped, symlinks not followed); a root that
/// does not exist is an error naming it, the others are still returned.
pub fn collect_inputs(roots: &[PathBuf]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        if root.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(root) {
            Err(e) => errors.push(IngestError::new(root.to_string_lossy(), e.into())),
            Ok(meta) if meta.is_file() => inputs.push(Input::File(root.clone())),
            Ok(_) => {
                let mut found = Vec::new();
                let walker = walkdir::WalkDir::new(root)
                    .follow_links(false)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
                for entry in walker {
                    match entry {
                        Ok(e) if e.file_type().is_file() && !is_ignored_name(e.file_name()) => {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => {
                            let path = e
                                .path()
                                .map(|p| p.to_string_lossy().into_owned())
                                .unwrap_or_else(|| root.to_string_lossy().into_owned());
                            let io = e.into_io_error().unwrap_or_else(|| {
                                std::io::Error::other("filesystem loop or unreadable entry")
                            });
                            errors.push(IngestError::new(path, io.into()));
                        }
                    }
                }
                inputs.extend(found.into_iter().map(Input::File));
            }
        }
    }
    (inputs, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Documentation files that sit beside a corpus and are not part of it.
fn is_ignored_name(name: &std::ffi::OsStr) -> bool {
    let n = name.to_string_lossy().to_ascii_lowercase();
    matches!(
        n.as_str(),
        "readme.md" | "license" | "licence" | "license.md"
    )
}

/// Extensions read as documents (those [`sniff`] knows, and `.txt`): what makes a word on the
/// command line a file name rather than a query.
pub const DOCUMENT_EXTENSIONS: &[&str] = &[
    "eml", "msg", "mbox", "mbx", "html", "htm", "xhtml", "md", "markdown", "json", "jsonl",
    "ndjson", "txt",
];

/// Decides the format of a file from its extension, then from its first bytes when the
/// extension says nothing (or says `.txt` of something that is really a mailbox or an email).
pub fn sniff(path: &Path, head: &[u8]) -> Result<Format, IngestErrorKind> {
    if head.is_empty() {
        return Err(IngestErrorKind::Empty);
    }
    if looks_binary(head) {
        return Err(IngestErrorKind::Binary);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let by_ext = match ext.as_str() {
        "eml" | "msg" => Some(Format::Email),
        "mbox" | "mbx" => Some(Format::Mbox),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Markdown),
        "json" => Some(Format::Json),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    };
    if let Some(f) = by_ext {
        // An .eml that is really a mailbox (starts with a "From " line) is read as one.
        if f == Format::Email && mbox::looks_like_mbox(head) {
            return Ok(Format::Mbox);
        }
        return Ok(f);
    }
    Ok(sniff_content(head))
}

fn sniff_content(head: &[u8]) -> Format {
    if mbox::looks_like_mbox(head) {
        return Format::Mbox;
    }
    let start = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let trimmed = start.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
    {
        return Format::Html;
    }
    if trimmed.starts_with('{') {
        let first_line = trimmed.lines().next().unwrap_or("");
        if serde_json::from_str::<serde_json::Value>(first_line).is_ok()
            && trimmed.lines().nth(1).is_some()
        {
            return Format::Jsonl;
        }
        return Format::Json;
    }
    if trimmed.starts_with('[') {
        return Format::Json;
    }
    if looks_like_email_headers(trimmed) {
        return Format::Email;
    }
    Format::Text
}

/// True when the text opens with RFC 5322 header lines that include typical mail headers.
fn looks_like_email_headers(s: &str) -> bool {
    const KNOWN: [&str; 9] = [
        "from:",
        "to:",
        "subject:",
        "date:",
        "received:",
        "message-id:",
        "mime-version:",
        "return-path:",
        "delivered-to:",
    ];
    let mut known = 0;
    for line in s.lines().take(30) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || name.contains(' ') {
            return false;
        }
        let lower = format!("{}:", name.to_ascii_lowercase());
        if KNOWN.contains(&lower.as_str()) {
            known += 1;
        }
    }
    known >= 2
}

/// NUL bytes, or many control characters, mean this is not text.
fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(8192)];
    // UTF-16 text is full of NUL bytes; its byte order mark says it is text.
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 10 > sample.len()
}

/// Lowercase hex sha256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Streams a file through sha256 without holding it in memory.
fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Fills what every document needs and parsers leave to the driver: id, sha256, language.
fn finish(
    mut doc: Document,
    file_sha: &str,
    index: Option<usize>,
    raw: &[u8],
    opts: &IngestOptions,
) -> Document {
    doc.message_index = index;
    if doc.sha256.is_empty() {
        doc.sha256 = sha256_hex(raw);
    }
    if doc.doc_id.is_empty() {
        doc.doc_id = match index {
            Some(i) => format!("{}:{i}", &file_sha[..16]),
            None => file_sha[..16].to_string(),
        };
    }
    if let Some(lang) = &opts.lang {
        doc.lang = lang.clone();
    } else if doc.lang.is_empty() || doc.lang == "und" {
        doc.lang = lang::detect_document(&doc).to_string();
    }
    doc
}

/// Parses every input, runs `work` on each document in parallel, and passes the results to
/// `emit` in input order (files sorted, messages and records in file order).
pub fn run<T, W, E>(inputs: &[Input], opts: &IngestOptions, work: W, mut emit: E) -> Stats
where
    T: Send,
    W: Fn(Document) -> T + Sync,
    E: FnMut(Result<T, IngestError>),
{
    let mut stats = Stats::default();
    let mut small: Vec<(PathBuf, Format, Vec<u8>)> = Vec::new();
    let work = &work;

    let flush = |small: &mut Vec<(PathBuf, Format, Vec<u8>)>, stats: &mut Stats, emit: &mut E| {
        let results: Vec<Vec<Result<(T, bool), IngestError>>> = small
            .par_iter()
            .map(|(path, format, raw)| parse_whole_file(path, *format, raw, opts, work))
            .collect();
        small.clear();
        for r in results.into_iter().flatten() {
            count_and_emit(r, stats, emit);
        }
    };

    for input in inputs {
        stats.files += 1;
        let path = match input {
            Input::Stdin => {
                flush(&mut small, &mut stats, &mut emit);
                let mut raw = Vec::new();
                let r = std::io::stdin()
                    .read_to_end(&mut raw)
                    .map_err(|e| IngestError::new("-", e.into()))
                    .and_then(|_| {
                        text::parse_text(&raw, "-", false)
                            .map_err(|k| IngestError::new("-", k))
                            .map(|d| {
                                let sha = sha256_hex(&raw);
                                let d = finish(d, &sha, None, &raw, opts);
                                let warned = !d.warnings.is_empty();
                                (work(d), warned)
                            })
                    });
                count_and_emit(r, &mut stats, &mut emit);
                continue;
            }
            Input::File(p) => p,
        };
        let display = input.display();
        let format = match read_head(path)
            .and_then(|head| sniff(path, &head).map_err(|k| IngestError::new(display.clone(), k)))
        {
            Ok(f) => f,
            Err(e) => {
                count_and_emit(Err(e), &mut stats, &mut emit);
                continue;
            }
        };
        match format {
            Format::Mbox | Format::Jsonl => {
                flush(&mut small, &mut stats, &mut emit);
                stream_file(path, format, opts, work, &mut stats, &mut emit);
            }
            _ => {
                let raw = std::fs::metadata(path)
                    .map_err(|e| IngestError::new(display.clone(), e.into()))
                    .and_then(|m| {
                        if m.len() > MAX_FILE_BYTES {
                            Err(IngestError::new(
                                display.clone(),
                                IngestErrorKind::TooLarge {
                                    size: m.len(),
                                    limit: MAX_FILE_BYTES,
                                },
                            ))
                        } else {
                            std::fs::read(path)
                                .map_err(|e| IngestError::new(display.clone(), e.into()))
                        }
                    });
                match raw {
                    Ok(raw) => {
                        small.push((path.clone(), format, raw));
                        if small.len() >= BATCH {
                            flush(&mut small, &mut stats, &mut emit);
                        }
                    }
                    Err(e) => count_and_emit(Err(e), &mut stats, &mut emit),
                }
            }
        }
    }
    flush(&mut small, &mut stats, &mut emit);
    stats
}

fn count_and_emit<T, E: FnMut(Result<T, IngestError>)>(
    r: Result<(T, bool), IngestError>,
    stats: &mut Stats,
    emit: &mut E,
) {
    match r {
        Ok((t, warned)) => {
            stats.documents += 1;
            if warned {
                stats.with_warnings += 1;
            }
            emit(Ok(t));
        }
        Err(e) => {
            stats.skipped += 1;
            emit(Err(e));
        }
    }
}

fn read_head(path: &Path) -> Result<Vec<u8>, IngestError> {
    let display = path.to_string_lossy();
    let mut head = Vec::with_capacity(8192);
    File::open(path)
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .map_err(|e| IngestError::new(display, e.into()))?;
    Ok(head)
}

/// Parses a file read whole (.eml, .html, .txt, .md, .json) into its document(s).
fn parse_whole_file<T, W: Fn(Document) -> T + Sync>(
    path: &Path,
    format: Format,
    raw: &[u8],
    opts: &IngestOptions,
    work: &W,
) -> Vec<Result<(T, bool), IngestError>> {
    let display = path.to_string_lossy().into_owned();
    let file_sha = sha256_hex(raw);
    let parsed: Vec<Result<Document, IngestError>> = match format {
        Format::Email => vec![email::parse_email(raw, &display)],
        Format::Html => vec![html::parse_html(raw, &display)],
        Format::Text => vec![text::parse_text(raw, &display, false)],
        Format::Markdown => vec![text::parse_text(raw, &display, true)],
        Format::Json => {
            return jsonl::parse_json_file(raw, &display)
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    r.map(|(doc, rec_raw)| {
                        let d = finish(doc, &file_sha, Some(i), &rec_raw, opts);
                        let warned = !d.warnings.is_empty();
                        (work(d), warned)
                    })
                    .map_err(|k| IngestError::new(display.clone(), k).at(i))
                })
                .collect();
        }
        Format::Mbox | Format::Jsonl => unreachable!("streamed formats are not read whole"),
    }
    .into_iter()
    .map(|r| r.map_err(|k| IngestError::new(display.clone(), k)))
    .collect();
    parsed
        .into_iter()
        .map(|r| {
            r.map(|doc| {
                let d = finish(doc, &file_sha, None, raw, opts);
                let warned = !d.warnings.is_empty();
                (work(d), warned)
            })
        })
        .collect()
}

/// Streams a mailbox or a JSONL file: messages/records are read one by one, parsed in parallel
/// batches and emitted in order, so a multi-gigabyte file is never held in memory.
fn stream_file<T, W, E>(
    path: &Path,
    format: Format,
    opts: &IngestOptions,
    work: &W,
    stats: &mut Stats,
    emit: &mut E,
) where
    T: Send,
    W: Fn(Document) -> T + Sync,
    E: FnMut(Result<T, IngestError>),
{
    let display = path.to_string_lossy().into_owned();
    // The id of a message is the file's hash plus its index: hash the file first, streaming.
    let file_sha = match sha256_file(path) {
        Ok(s) => s,
        Err(e) => return count_and_emit(Err(IngestError::new(display, e.into())), stats, emit),
    };
    let file = match File::open(path) {
        Ok(f) => BufReader::with_capacity(1 << 20, f),
        Err(e) => return count_and_emit(Err(IngestError::new(display, e.into())), stats, emit),
    };
    let units: Box<dyn Iterator<Item = std::io::Result<Vec<u8>>>> = match format {
        Format::Mbox => Box::new(mbox::MboxReader::new(file)),
        _ => Box::new(jsonl::JsonlReader::new(file)),
    };
    let mut batch: Vec<(usize, Vec<u8>)> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0usize;
    let process = |batch: &mut Vec<(usize, Vec<u8>)>, stats: &mut Stats, emit: &mut E| {
        let results: Vec<Result<(T, bool), IngestError>> = batch
            .par_iter()
            .map(|(i, raw)| {
                let parsed = match format {
                    Format::Mbox => email::parse_email(raw, &display),
                    _ => jsonl::parse_record(raw, &display),
                };
                parsed
                    .map(|doc| {
                        let d = finish(doc, &file_sha, Some(*i), raw, opts);
                        let warned = !d.warnings.is_empty();
                        (work(d), warned)
                    })
                    .map_err(|k| IngestError::new(display.clone(), k).at(*i))
            })
            .collect();
        batch.clear();
        for r in results {
            count_and_emit(r, stats, emit);
        }
    };
    for (i, unit) in units.enumerate() {
        match unit {
            Ok(raw) => {
                batch_bytes += raw.len();
                batch.push((i, raw));
                if batch.len() >= BATCH || batch_bytes >= 32 << 20 {
                    process(&mut batch, stats, emit);
                    batch_bytes = 0;
                }
            }
            Err(e) => {
                process(&mut batch, stats, emit);
                count_and_emit(
                    Err(IngestError::new(display.clone(), e.into()).at(i)),
                    stats,
                    emit,
                );
                return;
            }
        }
    }
    process(&mut batch, stats, emit);
}

/// Convenience for tests and small inputs: every document of `roots`, errors beside them.
pub fn parse_paths(
    roots: &[PathBuf],
    opts: &IngestOptions,
) -> (Vec<Document>, Vec<IngestError>, Stats) {
    let (inputs, mut errors) = collect_inputs(roots);
    let mut docs = Vec::new();
    let mut stats = run(
        &inputs,
        opts,
        |d| d,
        |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        },
    );
    stats.skipped = errors.len();
    (docs, errors, stats)
}
