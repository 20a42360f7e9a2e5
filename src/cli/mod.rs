//! Command-line interface: a typed enum of subcommands (clap derive), then one function per
//! subcommand that wires the library's stages. Output formats live here and in `report`,
//! never in the pipeline.

mod claims;
mod index;
mod output;
mod report;

use std::io::{BufRead, Seek, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};

use dossier::extract::org::Gazetteer;
use dossier::extract::{DateBias, ExtractOptions};
use dossier::ingest::{self, IngestOptions};
use dossier::model::MentionType;

/// Turn emails and news articles (French and English) into searchable, cited evidence.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse emails, mailboxes and articles into documents (one JSON document per line).
    ///
    /// Reads .eml, .mbox, .html/.htm, .txt, .md, .json and .jsonl files; folders are walked
    /// recursively; files without a known extension are sniffed. Problems are reported on
    /// stderr with the file name; the run ends with a summary line.
    ///
    /// Example: dossier parse corpus/ | jq -r .title
    Parse(ParseArgs),
    /// Extract numbers, money, quantities, percents, dates, organisations and claims.
    ///
    /// One JSON line per document with its mentions (exact offsets, normalised values, the
    /// rule that matched) and its claims. `-` reads plain text from stdin.
    ///
    /// Example: dossier extract corpus/ --types money,date --format csv > mentions.csv
    Extract(ExtractArgs),
    /// Build or update the on-disk full-text index (incremental: unchanged files are skipped).
    ///
    /// Example: dossier index corpus/ --index .dossier
    Index(index::IndexArgs),
    /// Search the index: full text plus fields and value filters.
    ///
    /// Example: dossier search 'org:Tesla money:>1e9' --json
    Search(index::SearchArgs),
    /// Group claims across documents: corroborated, discrepant or single-source.
    ///
    /// Example: dossier claims corpus/ --format md
    Claims(claims::ClaimsArgs),
    /// Write an evidence report (HTML, Markdown or JSON) where every figure cites its source.
    ///
    /// Example: dossier report corpus/ --format html -o report.html
    Report(report::ReportArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or folders to read (`-` for plain text on stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Force the language of every document instead of detecting it.
    #[arg(long, value_parser = ["auto", "fr", "en"], default_value = "auto")]
    pub lang: String,
    /// Do not print the summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Extraction flags shared by `extract`, `index`, `claims` and `report`.
#[derive(Debug, Args, Clone)]
pub struct ExtractFlags {
    /// Force the language of every document instead of detecting it.
    #[arg(long, value_parser = ["auto", "fr", "en"], default_value = "auto")]
    pub lang: String,
    /// Reference date for relative dates in documents that have no date of their own.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub ref_date: Option<chrono::NaiveDate>,
    /// Which way ambiguous dates lean: `auto` (past unless tense or cue words say future),
    /// `past` or `future`.
    #[arg(long, default_value = "auto", value_parser = ["auto", "past", "future"])]
    pub date_bias: String,
    /// Configuration with extra organisations and aliases (`[orgs]` table); `./dossier.toml`
    /// is read when present.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ExtractFlags {
    pub fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            lang: (self.lang != "auto").then(|| self.lang.clone()),
        }
    }

    pub fn extract_options(&self) -> Result<ExtractOptions> {
        Ok(ExtractOptions {
            ref_date: self.ref_date,
            date_bias: self
                .date_bias
                .parse::<DateBias>()
                .map_err(anyhow::Error::msg)?,
            types: None,
            gazetteer: user_gazetteer(self.config.as_ref())?,
        })
    }
}

/// The user's gazetteer: `--config`, else `./dossier.toml` if it exists.
fn user_gazetteer(config: Option<&PathBuf>) -> Result<Option<Arc<Gazetteer>>> {
    let default = PathBuf::from("dossier.toml");
    let path = match config {
        Some(p) => p.clone(),
        None if default.is_file() => default,
        None => return Ok(None),
    };
    Ok(Some(Arc::new(Gazetteer::load(&path)?)))
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders to read (`-` for plain text on stdin).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Output format: one JSON line per document, one JSON array, CSV (one row per mention),
    /// or FollowTheMoney entities, one per line (for Aleph and the `ftm` tools).
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "json", "csv", "ftm"])]
    pub format: String,
    /// Only these mention types (comma-separated): number, money, quantity, percent, date,
    /// org, person.
    #[arg(long, value_delimiter = ',')]
    pub types: Option<Vec<String>>,
    /// Complete transfer claims from their document and thread (date, parties, product), as
    /// `claims` and `report` read them. Reads every document before printing the first
    /// (holding transfer claims in memory, the rest in a temporary file); without it, output
    /// streams one document at a time.
    #[arg(long)]
    pub in_context: bool,
    /// Do not print the summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// How a command ended when it did not fail outright.
pub enum Outcome {
    Success,
    SomeInputsFailed,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Parse(a) => parse(a),
        Command::Extract(a) => extract(a),
        Command::Index(a) => index::run_index(a),
        Command::Search(a) => index::run_search(a),
        Command::Claims(a) => claims::run(a),
        Command::Report(a) => report::run(a),
    }
}

/// True when the error is a closed pipe (`dossier parse … | head`): not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Extractions held back by `extract --in-context` until every document is read: each whole
/// extraction in a temporary file, one JSON line per document, and in memory only what
/// completion reads (thread keys, dates, titles, transfer claims), so memory follows the
/// transfers rather than the whole output.
struct Held {
    light: Vec<dossier::model::Extraction>,
    spill: std::io::BufWriter<std::fs::File>,
}

impl Held {
    fn new() -> Result<Self> {
        let file = tempfile::tempfile().context("creating a temporary file for --in-context")?;
        Ok(Held {
            light: Vec::new(),
            spill: std::io::BufWriter::new(file),
        })
    }

    fn push(&mut self, ex: dossier::model::Extraction) -> Result<()> {
        serde_json::to_writer(&mut self.spill, &ex).context("writing a temporary file")?;
        self.spill
            .write_all(b"\n")
            .context("writing a temporary file")?;
        // What `reconcile::in_context` reads: thread keys, dates, titles and the transfers
        // (collected in place, so their vector is shrunk to them).
        let mut light = dossier::model::Extraction {
            path: String::new(),
            lang: String::new(),
            sha256: String::new(),
            from: None,
            to: Vec::new(),
            cc: Vec::new(),
            url: None,
            author: None,
            mentions: Vec::new(),
            claims: ex
                .claims
                .into_iter()
                .filter(|c| c.kind == dossier::model::ClaimKind::Transfer)
                .collect(),
            ..ex
        };
        light.claims.shrink_to_fit();
        self.light.push(light);
        Ok(())
    }

    /// Completes the claims across documents and prints each extraction, in input order.
    fn print_completed<W: std::io::Write>(
        self,
        printer: &mut output::ExtractionPrinter<W>,
    ) -> Result<()> {
        let completed = dossier::reconcile::in_context(&self.light);
        let mut file = self
            .spill
            .into_inner()
            .map_err(|e| e.into_error())
            .context("writing a temporary file")?;
        file.seek(std::io::SeekFrom::Start(0))
            .context("reading a temporary file")?;
        let mut lines = std::io::BufReader::new(file).lines();
        drop(self.light);
        for claims in completed {
            let line = lines
                .next()
                .context("temporary file ended early")?
                .context("reading a temporary file")?;
            let mut ex: dossier::model::Extraction =
                serde_json::from_str(&line).context("reading a temporary file")?;
            // The completed transfers take their places among the document's claims.
            let mut transfers = claims.into_iter();
            ex.claims = std::mem::take(&mut ex.claims)
                .into_iter()
                .map(|c| match c.kind {
                    dossier::model::ClaimKind::Transfer => transfers.next().unwrap_or(c),
                    _ => c,
                })
                .collect();
            printer.print(&ex)?;
        }
        Ok(())
    }
}

/// Parses and extracts every document under `paths` in memory (for `claims` and `report`),
/// reporting failed inputs on stderr; the outcome says whether any failed.
fn extract_paths(
    paths: &[PathBuf],
    flags: &ExtractFlags,
    quiet: bool,
) -> Result<(Vec<dossier::model::Extraction>, Outcome)> {
    let opts = flags.extract_options()?;
    let (inputs, root_errors) = inputs(paths);
    let mut extractions = Vec::new();
    let stats = ingest::run(
        &inputs,
        &flags.ingest_options(),
        |doc| dossier::extract::extract_document(&doc, &opts),
        |r| match r {
            Ok(ex) => extractions.push(ex),
            Err(e) => eprintln!("dossier: {e}"),
        },
    );
    Ok((extractions, finish(stats, root_errors, quiet)))
}

/// The index folder: the one given, else `$DOSSIER_INDEX`, else `.dossier/`.
fn index_dir(explicit: Option<&PathBuf>) -> PathBuf {
    explicit
        .cloned()
        .or_else(|| std::env::var_os("DOSSIER_INDEX").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(".dossier"))
}

/// Walks the paths, reporting the roots that cannot be read.
fn inputs(paths: &[PathBuf]) -> (Vec<ingest::Input>, usize) {
    let (inputs, errors) = ingest::collect_inputs(paths);
    for e in &errors {
        eprintln!("dossier: {e}");
    }
    (inputs, errors.len())
}

fn finish(stats: ingest::Stats, root_errors: usize, quiet: bool) -> Outcome {
    let mut stats = stats;
    stats.skipped += root_errors;
    if !quiet {
        eprintln!("dossier: {}", stats.summary());
    }
    if stats.skipped > 0 {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Success
    }
}

fn parse(a: ParseArgs) -> Result<Outcome> {
    let opts = IngestOptions {
        lang: (a.lang != "auto").then(|| a.lang.clone()),
    };
    let (inputs, root_errors) = inputs(&a.paths);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write_err: Option<std::io::Error> = None;
    let stats = ingest::run(
        &inputs,
        &opts,
        |doc| serde_json::to_string(&doc),
        |r| {
            if write_err.is_some() {
                return;
            }
            match r {
                Ok(Ok(line)) => {
                    if let Err(e) = writeln!(out, "{line}") {
                        write_err = Some(e);
                    }
                }
                Ok(Err(e)) => eprintln!("dossier: cannot serialise document: {e}"),
                Err(e) => eprintln!("dossier: {e}"),
            }
        },
    );
    if let Some(e) = write_err {
        return Err(e).context("writing output");
    }
    out.flush().context("writing output")?;
    Ok(finish(stats, root_errors, a.quiet))
}

fn extract(a: ExtractArgs) -> Result<Outcome> {
    let mut opts = a.flags.extract_options()?;
    if let Some(types) = &a.types {
        let parsed = types
            .iter()
            .map(|t| {
                MentionType::parse(t.trim()).with_context(|| {
                    format!(
                        "unknown type '{t}' (expected number, money, quantity, percent, date, org, person)"
                    )
                })
            })
            .collect::<Result<Vec<_>>>()?;
        opts.types = Some(parsed);
    }
    let (inputs, root_errors) = inputs(&a.paths);
    let mut printer = output::ExtractionPrinter::new(&a.format, std::io::stdout().lock())?;
    let mut write_err: Option<anyhow::Error> = None;
    let mut held = if a.in_context {
        Some(Held::new()?)
    } else {
        None
    };
    let stats = ingest::run(
        &inputs,
        &a.flags.ingest_options(),
        |doc| dossier::extract::extract_document(&doc, &opts),
        |r| {
            if write_err.is_some() {
                return;
            }
            match r {
                Ok(ex) => {
                    let done = match held.as_mut() {
                        Some(h) => h.push(ex),
                        None => printer.print(&ex),
                    };
                    if let Err(e) = done {
                        write_err = Some(e);
                    }
                }
                Err(e) => eprintln!("dossier: {e}"),
            }
        },
    );
    if let Some(e) = write_err {
        return Err(e);
    }
    if let Some(h) = held {
        h.print_completed(&mut printer)?;
    }
    printer.finish()?;
    Ok(finish(stats, root_errors, a.quiet))
}
