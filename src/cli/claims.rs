//! `dossier claims`: claim groups across documents (corroborated, discrepant, single-source).

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{ExtractFlags, Outcome};

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Files or folders to read.
    pub paths: Vec<PathBuf>,
    /// Read the extractions stored in this index instead of parsing files.
    #[arg(long, env = "DOSSIER_INDEX")]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Output format: one JSON group per line, or Markdown.
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "md"])]
    pub format: String,
}

pub fn run(_a: ClaimsArgs) -> Result<Outcome> {
    anyhow::bail!("`dossier claims` is not available yet")
}
