//! `dossier index` and `dossier search`: the on-disk index.
//!
//! `index` hashes the input files, skips those already indexed with the same content, parses
//! and extracts the others in parallel (rayon, through `ingest::run`) and feeds one writer,
//! committing in batches at file boundaries so an interrupted run leaves a consistent index
//! that the next run completes. `search` prints ranked hits as text or JSON lines.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use rayon::prelude::*;

use dossier::index::{Hit, Index, PreparedDoc, SearchRequest, SearchResults};
use dossier::ingest::{self, Input};
use dossier::model::{Extraction, Value};

use super::{ExtractFlags, Outcome};

/// Commit after this many documents by default (at the next file boundary)…
const COMMIT_EVERY_DOCS: usize = 50_000;
/// …or after this long, so an interrupted run loses little work. Each commit flushes segments
/// and feeds merges: committing every 10 s costs about 10 % of the indexing time.
const COMMIT_EVERY: Duration = Duration::from_secs(30);

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Index folder (default `.dossier/`, or $DOSSIER_INDEX).
    #[arg(long, env = "DOSSIER_INDEX", default_value = ".dossier")]
    pub index: PathBuf,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Remove documents whose files are gone.
    #[arg(long)]
    pub prune: bool,
    /// No progress bar, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Index text only, without mentions and claims (for measuring the cost of extraction).
    #[arg(long, hide = true)]
    pub no_extract: bool,
    /// Commit after this many documents (at the next file boundary).
    #[arg(long, hide = true, default_value_t = COMMIT_EVERY_DOCS)]
    pub commit_docs: usize,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (tantivy syntax plus from:, to:, org:, kind:, lang:, date:, after:, before:,
    /// money:, currency:, quantity:, percent:, claim:).
    ///
    /// Examples: 'puces detournees', '"H100 chips" after:2023-12-01',
    /// 'org:Tesla money:>1e9 currency:USD', 'kind:email date:[2023-12-01 TO 2023-12-31]',
    /// 'quantity:>=10000 claim:transfer'. `after:` is inclusive, `before:` exclusive; numbers
    /// take k, M, bn suffixes; with one `currency:`, `money:` compares amounts in that currency.
    /// Words must all match unless joined by OR.
    #[arg(allow_hyphen_values = true)]
    pub query: String,
    /// Index folder (default `.dossier/`, or $DOSSIER_INDEX).
    #[arg(long, env = "DOSSIER_INDEX", default_value = ".dossier")]
    pub index: PathBuf,
    /// JSON lines instead of text: one line per hit, then one line with the total (and the
    /// facets with --facets).
    #[arg(long)]
    pub json: bool,
    /// Number of hits.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Count hits by organisation, sender, kind and month.
    #[arg(long)]
    pub facets: bool,
}

/// What a run did, for the summary line.
#[derive(Debug, Default)]
struct IndexSummary {
    files_indexed: usize,
    files_unchanged: usize,
    files_failed: usize,
    documents: usize,
    removed_files: usize,
    bytes: u64,
}

pub fn run_index(a: IndexArgs) -> Result<Outcome> {
    let started = Instant::now();
    let extract_opts = a.flags.extract_options()?;
    let index = Index::create_or_open(&a.index)?;
    let mut writer = index.writer()?;
    let indexed = index.indexed_files()?;

    let (inputs, root_errors) = ingest::collect_inputs(&a.paths);
    for e in &root_errors {
        eprintln!("dossier: {e}");
    }
    let index_dir = std::fs::canonicalize(&a.index).unwrap_or_else(|_| a.index.clone());
    let inputs: Vec<Input> = inputs
        .into_iter()
        .filter(|i| !is_inside(i, &index_dir))
        .collect();

    let mut summary = IndexSummary {
        files_failed: root_errors.len(),
        ..Default::default()
    };
    // Hash every file first (in parallel): unchanged ones are never parsed. The options the
    // documents were extracted with are part of the key, so changing them re-extracts.
    let options = options_fingerprint(&a);
    let hashed: Vec<(Input, std::io::Result<(String, u64)>)> = inputs
        .into_par_iter()
        .map(|i| {
            let h = match &i {
                Input::File(p) => hash_file(p),
                Input::Stdin => Ok((String::new(), 0)),
            };
            let h = h.map(|(sha, size)| (format!("{sha}+{options}"), size));
            (i, h)
        })
        .collect();
    // What the index holds of each file, by canonical path (it may have been indexed under
    // another path, from another folder): the shas of its documents.
    let mut by_key: HashMap<&str, Vec<&str>> = HashMap::new();
    for f in indexed.values() {
        by_key
            .entry(f.key.as_str())
            .or_default()
            .push(f.sha.as_str());
    }
    let mut todo = Vec::new();
    // Path as given → (sha, canonical path), for the documents about to be added.
    let mut file_shas: HashMap<String, (String, String)> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    // Path as given → the file its new documents replace, deleted in the same commit.
    let mut stale: HashMap<String, String> = HashMap::new();
    for (input, h) in hashed {
        let path = input.display();
        match h {
            Err(e) => {
                eprintln!("dossier: {path}: cannot read: {e}");
                summary.files_failed += 1;
            }
            Ok((sha, size)) => {
                let key = file_key(&input);
                if !seen.insert(key.clone()) && matches!(input, Input::File(_)) {
                    // The same file twice in one run ("corpus" and "./corpus/a.eml").
                    continue;
                }
                let shas = by_key.get(key.as_str());
                let unchanged = shas.is_some_and(|s| s.contains(&sha.as_str()));
                if matches!(input, Input::File(_)) && unchanged {
                    summary.files_unchanged += 1;
                    continue;
                }
                if shas.is_some() {
                    stale.insert(path.clone(), key.clone());
                }
                summary.bytes += size;
                file_shas.insert(path, (sha, key));
                todo.push(input);
            }
        }
    }
    if a.prune {
        for key in by_key.keys() {
            if !seen.contains(*key) && !Path::new(key).is_file() {
                writer.delete_file(key);
                summary.removed_files += 1;
            }
        }
    }

    let show_progress = !a.quiet && std::io::stderr().is_terminal();
    let progress = show_progress.then(|| progress_bar(todo.len() as u64));
    let no_extract = a.no_extract;
    let fields = index.fields().clone();
    let file_shas = &file_shas;
    let mut current_path: Option<String> = None;
    let mut since_commit = (0usize, Instant::now());
    let mut write_err: Option<anyhow::Error> = None;
    let stats = ingest::run(
        &todo,
        &a.flags.ingest_options(),
        |doc| {
            let ex = if no_extract {
                text_only(&doc)
            } else {
                dossier::extract::extract_document(&doc, &extract_opts)
            };
            let (sha, key) = file_shas
                .get(&doc.path)
                .map_or(("", doc.path.as_str()), |(s, k)| (s.as_str(), k.as_str()));
            PreparedDoc::new(&fields, &doc, &ex, sha, key)
        },
        |r| {
            if write_err.is_some() {
                return;
            }
            let path = match &r {
                Ok(Ok(prepared)) => prepared.path().to_string(),
                Ok(Err(_)) => current_path.clone().unwrap_or_default(),
                Err(e) => e.path.clone(),
            };
            if current_path.as_deref() != Some(path.as_str()) {
                // A file boundary: everything before it is complete and may be committed.
                if current_path.is_some() {
                    summary.files_indexed += 1;
                    if let Some(p) = &progress {
                        p.inc(1);
                    }
                }
                if since_commit.0 >= a.commit_docs || since_commit.1.elapsed() >= COMMIT_EVERY {
                    if let Err(e) = writer.commit() {
                        write_err = Some(e.into());
                        return;
                    }
                    since_commit = (0, Instant::now());
                }
                if let Some(key) = stale.remove(&path) {
                    writer.delete_file(&key);
                }
                current_path = Some(path.clone());
            }
            match r {
                Ok(Err(e)) => {
                    write_err = Some(e.into());
                }
                Ok(Ok(prepared)) => {
                    if let Err(e) = writer.add_prepared(prepared) {
                        write_err = Some(e.into());
                        return;
                    }
                    summary.documents += 1;
                    since_commit.0 += 1;
                    if let Some(p) = &progress {
                        let secs = started.elapsed().as_secs_f64().max(1e-3);
                        p.set_message(format!(
                            "{} docs, {:.0} docs/s",
                            summary.documents,
                            summary.documents as f64 / secs
                        ));
                    }
                }
                Err(e) => {
                    if let Some(p) = &progress {
                        p.suspend(|| eprintln!("dossier: {e}"));
                    } else {
                        eprintln!("dossier: {e}");
                    }
                }
            }
        },
    );
    if let Some(e) = write_err {
        return Err(e);
    }
    if current_path.is_some() {
        summary.files_indexed += 1;
    }
    // Changed files that produced no document now: their old documents are stale too.
    for key in stale.values() {
        writer.delete_file(key);
    }
    writer.finish()?;
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    summary.files_failed += stats.skipped;
    if !a.quiet {
        let total = Index::open(&a.index)?.num_docs()?;
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "dossier: indexed {} documents from {} files ({:.1} MB) in {:.1}s ({:.0} docs/s, \
             {:.1} MB/s); {} unchanged files skipped, {} removed, {} inputs failed; {} \
             documents in {}",
            summary.documents,
            summary.files_indexed,
            summary.bytes as f64 / 1e6,
            secs,
            summary.documents as f64 / secs.max(1e-3),
            summary.bytes as f64 / 1e6 / secs.max(1e-3),
            summary.files_unchanged,
            summary.removed_files,
            summary.files_failed,
            total,
            a.index.display()
        );
    }
    Ok(if summary.files_failed > 0 {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    })
}

fn progress_bar(files: u64) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(files);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files · {msg} · ETA {eta}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The file's canonical path, which names it whatever folder the command runs from; the
/// path as given when it cannot be resolved, `-` for stdin.
fn file_key(input: &Input) -> String {
    match input {
        Input::File(p) => std::fs::canonicalize(p)
            .map(|c| c.to_string_lossy().into_owned())
            .unwrap_or_else(|_| input.display()),
        Input::Stdin => input.display(),
    }
}

/// True when the input lies inside the index folder (an index inside the corpus).
fn is_inside(input: &Input, index_dir: &Path) -> bool {
    match input {
        Input::File(p) => std::fs::canonicalize(p).is_ok_and(|c| c.starts_with(index_dir)),
        Input::Stdin => false,
    }
}

/// What, beside a file's bytes, decides its documents and extractions: the program version,
/// the extraction flags and the organisations configuration. A short hash, stored with each
/// file's content hash.
fn options_fingerprint(a: &IndexArgs) -> String {
    use sha2::{Digest, Sha256};
    // The organisations configuration (`--config`, else ./dossier.toml), by content.
    let config = a
        .flags
        .config
        .clone()
        .or_else(|| Some(PathBuf::from("dossier.toml")).filter(|p| p.is_file()))
        .and_then(|p| std::fs::read(p).ok())
        .map(|bytes| hex::encode(Sha256::digest(&bytes)));
    let description = format!(
        "dossier {}; lang {}; ref-date {:?}; date-bias {}; extract {}; config {:?}",
        env!("CARGO_PKG_VERSION"),
        a.flags.lang,
        a.flags.ref_date,
        a.flags.date_bias,
        !a.no_extract,
        config
    );
    hex::encode(&Sha256::digest(description.as_bytes())[..6])
}

/// sha256 and size of a file, streamed.
fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// An extraction with the document's metadata and no mentions or claims.
fn text_only(doc: &dossier::Document) -> Extraction {
    Extraction {
        doc_id: doc.doc_id.clone(),
        path: doc.path.clone(),
        message_index: doc.message_index,
        kind: doc.kind,
        lang: doc.lang.clone(),
        sha256: doc.sha256.clone(),
        title: doc.title.clone(),
        date: doc.date.clone(),
        from: doc.from.clone(),
        to: doc.to.clone(),
        cc: doc.cc.clone(),
        message_id: doc.message_id.clone(),
        in_reply_to: doc.in_reply_to.clone(),
        references: doc.references.clone(),
        url: doc.url.clone(),
        author: doc.author.clone(),
        mentions: Vec::new(),
        claims: Vec::new(),
    }
}

pub fn run_search(a: SearchArgs) -> Result<Outcome> {
    let index = Index::open(&a.index)?;
    let results = index.search(&SearchRequest {
        query: a.query.clone(),
        limit: a.limit,
        offset: a.offset,
        facets: a.facets,
    })?;
    let stdout = std::io::stdout();
    let colour = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.json {
        print_json(&mut out, &results)?;
    } else {
        print_text(&mut out, &results, a.offset, colour)?;
    }
    out.flush().context("writing output")?;
    Ok(Outcome::Success)
}

fn print_json(out: &mut impl Write, results: &SearchResults) -> Result<()> {
    for hit in &results.hits {
        serde_json::to_writer(&mut *out, hit)?;
        writeln!(out).context("writing output")?;
    }
    let tail = serde_json::json!({ "total": results.total, "facets": results.facets });
    serde_json::to_writer(&mut *out, &tail)?;
    writeln!(out).context("writing output")?;
    Ok(())
}

fn print_text(
    out: &mut impl Write,
    results: &SearchResults,
    offset: usize,
    colour: bool,
) -> Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(out, offset + i + 1, hit, colour).context("writing output")?;
    }
    writeln!(
        out,
        "{} of {} matching documents",
        results.hits.len(),
        results.total
    )?;
    if let Some(f) = &results.facets {
        for (name, counts) in [
            ("organisations", &f.org),
            ("senders", &f.sender),
            ("kinds", &f.kind),
            ("months", &f.month),
        ] {
            let list: Vec<String> = counts.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            writeln!(out, "{name}: {}", list.join(", "))?;
        }
    }
    Ok(())
}

fn print_hit(out: &mut impl Write, rank: usize, hit: &Hit, colour: bool) -> std::io::Result<()> {
    let title = hit.title.as_deref().unwrap_or("(no title)");
    writeln!(out, "{rank}. {title}  [{:.2}]", hit.score)?;
    let mut meta = vec![hit.kind.as_str().to_string(), hit.lang.clone()];
    if let Some(d) = &hit.date {
        meta.push(d.clone());
    }
    if let Some(f) = &hit.from {
        meta.push(match &f.name {
            Some(n) if !n.is_empty() => format!("{n} <{}>", f.address),
            _ => f.address.clone(),
        });
    }
    let location = match hit.message_index {
        Some(i) => format!("{}#{i}", hit.path),
        None => hit.path.clone(),
    };
    meta.push(location);
    writeln!(out, "   {}", meta.join(" · "))?;
    if !hit.snippet.is_empty() {
        writeln!(
            out,
            "   {}",
            highlight(&hit.snippet, &hit.highlights, colour)
        )?;
    }
    for m in &hit.mentions {
        let value = match (&m.value, m.range) {
            (Some(Value::Number(v)), _) => format!("{v}"),
            (Some(Value::Text(s)), _) => s.clone(),
            (None, Some([lo, hi])) => format!("{lo}–{hi}"),
            // "des milliers de puces": no figure, a lower (or upper) bound
            (None, None) => match (m.min, m.max) {
                (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                (Some(lo), None) => format!("≥ {lo}"),
                (None, Some(hi)) => format!("≤ {hi}"),
                (None, None) => "?".to_string(),
            },
        };
        let unit = m.unit.as_deref().unwrap_or("");
        writeln!(
            out,
            "   {} «{}» = {value} {unit}  ({} {}..{})",
            m.kind.as_str(),
            m.text,
            m.field,
            m.start,
            m.end
        )?;
    }
    for c in &hit.claims {
        writeln!(out, "   claim {}: {}", c.kind.as_str(), c.evidence.sentence)?;
    }
    Ok(())
}

/// Marks the highlighted byte ranges: bold on a terminal, `**…**` otherwise.
fn highlight(text: &str, ranges: &[[usize; 2]], colour: bool) -> String {
    let (open, close) = if colour {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut s = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for &[start, end] in ranges {
        let (Some(before), Some(word)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        s.push_str(before);
        s.push_str(open);
        s.push_str(word);
        s.push_str(close);
        at = end;
    }
    s.push_str(text.get(at..).unwrap_or(""));
    s.replace('\n', " ")
}
