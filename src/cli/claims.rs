//! `dossier claims`: claim groups across documents (corroborated, discrepant, single-source),
//! as JSON lines or a Markdown summary. Reads files (ingest + extract + reconcile) or the
//! extractions stored in an index.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use dossier::model::{Amount, ClaimGroup, GroupStatus};
use dossier::report::model::{format_plain, modality_label};

use super::{ExtractFlags, Outcome};

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files or folders to read.
    pub paths: Vec<PathBuf>,
    /// Read the extractions stored in this index instead of parsing files.
    /// (Without paths, the index in $DOSSIER_INDEX, else `.dossier/`.)
    #[arg(long)]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Output format: one JSON group per line, or Markdown.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "md"])]
    pub format: String,
    /// Do not print the summary line on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(a: ClaimsArgs) -> Result<Outcome> {
    let (mut extractions, outcome) = match (&a.index, a.paths.is_empty()) {
        (index, true) => {
            let dir = &super::index_dir(index.as_ref());
            let extractions = dossier::index::load_extractions(dir, None)
                .with_context(|| format!("reading the index {}", dir.display()))?;
            (extractions, Outcome::Success)
        }
        (Some(_), false) => anyhow::bail!("give files or folders, or --index DIR, not both"),
        (None, false) => super::extract_paths(&a.paths, &a.flags, a.quiet)?,
    };
    // Input order must not change the output.
    extractions.sort_by(|x, y| (&x.doc_id, x.message_index).cmp(&(&y.doc_id, y.message_index)));
    let groups = dossier::reconcile::reconcile(&extractions);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format.as_str() {
        "md" => write_markdown(&mut out, &groups)?,
        _ => {
            for g in &groups {
                let line = serde_json::to_string(g).context("serialising a claim group")?;
                writeln!(out, "{line}").context("writing output")?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(outcome)
}

fn format_number(v: f64) -> String {
    let abs = v.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (v / 1e9, " billion")
    } else if abs >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    };
    format!("{}{suffix}", format_plain(scaled))
}

fn format_amount(a: &Amount) -> String {
    let figure = match (a.value, a.range) {
        (Some(v), _) => format_number(v),
        (None, Some([lo, hi])) => format!("{}–{}", format_number(lo), format_number(hi)),
        _ => a.text.clone(),
    };
    match (&a.unit, &a.item) {
        (Some(u), _) => format!("{figure} {u}"),
        (None, Some(item)) => format!("{figure} ({item})"),
        _ => figure,
    }
}

fn status_label(s: GroupStatus) -> &'static str {
    match s {
        GroupStatus::Discrepant => "DISCREPANT",
        GroupStatus::Corroborated => "corroborated",
        GroupStatus::SingleSource => "single source",
    }
}

/// "Corrected in thread: 12400 (H100 GPUs) → 12000 (H100), `chip-desk.mbox #2` 2024-06-04…":
/// one line per correction in the group, so a figure a thread took back is never silent.
fn correction_lines(g: &ClaimGroup) -> Vec<String> {
    let mut lines: Vec<String> = g
        .claims
        .iter()
        .filter(|c| c.correction)
        .filter_map(|c| {
            let new = c.claim.quantity.as_ref().or(c.claim.amount.as_ref())?;
            let old = c.claim.baseline.as_ref()?;
            Some(format!(
                "Corrected in thread: {} → {} (later message: `{}{}` {})",
                format_amount(old),
                format_amount(new),
                c.path,
                c.message_index
                    .map(|i| format!(" #{i}"))
                    .unwrap_or_default(),
                c.doc_date.as_deref().unwrap_or("undated"),
            ))
        })
        .collect();
    lines.dedup();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Markdown: one section per group, values side by side, each claim cited with its sentence.
fn write_markdown(out: &mut impl Write, groups: &[ClaimGroup]) -> Result<()> {
    writeln!(out, "# Claims\n")?;
    for g in groups {
        let s = &g.subject;
        let mut about: Vec<String> = Vec::new();
        if let Some(o) = &s.org {
            about.push(o.clone());
        }
        match (&s.from, &s.to) {
            (Some(f), Some(t)) => about.push(format!("{f} → {t}")),
            (Some(f), None) => about.push(format!("from {f}")),
            (None, Some(t)) => about.push(format!("to {t}")),
            _ => {}
        }
        if let Some(i) = &s.item {
            about.push(i.clone());
        }
        if let Some(p) = &s.period {
            about.push(p.clone());
        }
        writeln!(
            out,
            "## {} — {}: {}\n",
            status_label(g.status),
            g.kind.as_str(),
            about.join(", ")
        )?;
        let values: Vec<String> = g.values.iter().map(format_amount).collect();
        writeln!(out, "Values: {}\n", values.join(" | "))?;
        for line in correction_lines(g) {
            writeln!(out, "{line}")?;
        }
        for c in &g.claims {
            let figure = [&c.claim.amount, &c.claim.quantity, &c.claim.target]
                .into_iter()
                .find_map(|a| a.as_ref().map(format_amount))
                .unwrap_or_default();
            let mut flags = vec![modality_label(c.claim.modality).to_string()];
            if c.claim.quoted {
                flags.push("quoted".into());
            }
            if c.superseded {
                flags.push("superseded".into());
            }
            if c.correction {
                flags.push("correction".into());
            }
            let place = match c.message_index {
                Some(i) => format!("{} #{i}", c.path),
                None => c.path.clone(),
            };
            writeln!(
                out,
                "- **{figure}** ({}){} — `{place}` {}, {}:{}–{}: “{}”",
                flags.join(", "),
                c.claim
                    .speaker
                    .as_ref()
                    .map(|s| format!(", according to {s}"))
                    .unwrap_or_default(),
                c.doc_date.as_deref().unwrap_or("undated"),
                c.claim.evidence.field,
                c.claim.evidence.start,
                c.claim.evidence.end,
                c.claim.evidence.sentence.trim().replace('\n', " ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
