//! `dossier report`: evidence reports in Markdown, HTML or JSON.
//!
//! With paths, the documents are ingested and extracted in memory; without, the extractions
//! stored in the index are read (all, or the hits of `--query`). Then they are reconciled;
//! the report is written atomically (a temporary file beside the output, then a rename) so a reader never
//! sees half a report, and nothing is written anywhere but the output path.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use dossier::model::Extraction;
use dossier::report::model::n_of;
use dossier::report::{self, Format, Report};

use super::{ExtractFlags, Outcome};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders to report on (extracted on the fly). Without paths, the index is used.
    /// With --index, or when the one word given is no file and an index exists, the words are
    /// a query instead (`dossier report 'org:Tesla claim:transfer'`).
    #[arg(value_name = "QUERY | PATH")]
    pub paths: Vec<PathBuf>,
    /// Restrict the report to the hits of this query (reads the index).
    #[arg(long, short)]
    pub query: Option<String>,
    /// Index folder to report on when no paths are given (default $DOSSIER_INDEX, else
    /// `.dossier/`).
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Output format.
    #[arg(long, default_value = "html", value_parser = ["md", "html", "json"])]
    pub format: String,
    /// Output file (default `dossier-report.<ext>` in the working directory; `-` for stdout).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Write the generation time into the report (off by default, so reports diff cleanly).
    #[arg(long)]
    pub timestamp: bool,
    /// Do not print the summary lines on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// `dossier report [QUERY] [--index DIR | PATH...]`: the positional words are a query, not
/// paths, when `--index` is given or when there is one word, no such file, and an index to
/// read. Existing paths are never read as a query.
fn positional_query(a: &mut ReportArgs) -> Result<()> {
    // "corpus/", "mail.mbox": a mistyped path must say so, not become an empty query.
    let path_like = |p: &PathBuf| {
        let s = p.to_string_lossy();
        p.exists()
            || s.contains(std::path::MAIN_SEPARATOR)
            || s.contains('/')
            || p.extension().is_some_and(|e| {
                let e = e.to_string_lossy().to_lowercase();
                dossier::ingest::DOCUMENT_EXTENSIONS.contains(&e.as_str())
            })
    };
    if a.paths.is_empty() || a.paths.iter().any(path_like) {
        if a.index.is_some() && !a.paths.is_empty() {
            anyhow::bail!("give files or folders, or --index DIR, not both");
        }
        return Ok(());
    }
    let index_exists = super::index_dir(a.index.as_ref()).is_dir();
    if a.index.is_none() && (a.paths.len() > 1 || !index_exists) {
        // Paths that do not exist: reported as such by the ingest step.
        return Ok(());
    }
    if a.query.is_some() {
        anyhow::bail!("give the query once: as words or with --query, not both");
    }
    let words: Vec<String> = a
        .paths
        .drain(..)
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    a.query = Some(words.join(" "));
    Ok(())
}

pub fn run(mut a: ReportArgs) -> Result<Outcome> {
    let format = Format::parse(&a.format)
        .with_context(|| format!("unknown format '{}' (expected md, html or json)", a.format))?;
    positional_query(&mut a)?;
    let (mut extractions, outcome) = if a.paths.is_empty() {
        from_index(&a)?
    } else {
        if a.query.is_some() {
            anyhow::bail!(
                "--query selects documents of an index; with paths, every document given is reported (drop --query or the paths)"
            );
        }
        super::extract_paths(&a.paths, &a.flags, a.quiet)?
    };
    if let Some(q) = a.query.as_deref()
        && extractions.is_empty()
    {
        eprintln!("dossier: warning: no document of the index matches the query '{q}'");
    }
    // Input order (files, or query rank) must not change the report.
    extractions.sort_by(|x, y| (&x.doc_id, x.message_index).cmp(&(&y.doc_id, y.message_index)));
    let groups = dossier::reconcile::reconcile(&extractions);
    let mut report = Report::build(&extractions, &groups);
    report.query = a.query.clone();
    if a.timestamp {
        report.generated_at =
            Some(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    }
    let text = report::render(&report, format);
    let output = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("dossier-report.{}", format.extension())));
    if output == Path::new("-") {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).context("writing output")?;
        out.flush().context("writing output")?;
    } else {
        write_atomically(&output, text.as_bytes())?;
        if !a.quiet {
            let shown = std::path::absolute(&output).unwrap_or_else(|_| output.clone());
            eprintln!("dossier: wrote {}", shown.display());
        }
    }
    if !a.quiet {
        eprintln!("dossier: {}", summary_line(&report));
    }
    Ok(outcome)
}

/// "5 documents, 9 claims, 4 groups (1 discrepant, 1 corroborated, 2 single-source)".
fn summary_line(r: &Report) -> String {
    let s = &r.summary;
    format!(
        "report: {}, {}, {} ({} discrepant, {} corroborated, {} single-source), {}",
        n_of(s.documents, "document"),
        n_of(s.claims, "claim"),
        n_of(r.groups.len(), "claim group"),
        s.groups.discrepant,
        s.groups.corroborated,
        s.groups.single_source,
        n_of(r.evidence.len(), "cited figure"),
    )
}

/// The extractions stored in the index (`--index`, else `.dossier/`), or the hits of
/// `--query`.
fn from_index(a: &ReportArgs) -> Result<(Vec<Extraction>, Outcome)> {
    let dir = super::index_dir(a.index.as_ref());
    let extractions = dossier::index::load_extractions(&dir, a.query.as_deref()).with_context(|| {
        format!(
            "reading the index {} (build it with `dossier index PATH...`, or give the files to report on)",
            dir.display()
        )
    })?;
    Ok((extractions, Outcome::Success))
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so the
/// output is either the old file or the complete new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("writing {}", path.display()));
    }
    Ok(())
}
