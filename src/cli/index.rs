//! `dossier index` and `dossier search`: the on-disk index.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{ExtractFlags, Outcome};

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
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (tantivy syntax plus from:, to:, org:, kind:, lang:, date:, after:, before:,
    /// money:, currency:, quantity:, claim:).
    pub query: String,
    /// Index folder (default `.dossier/`, or $DOSSIER_INDEX).
    #[arg(long, env = "DOSSIER_INDEX", default_value = ".dossier")]
    pub index: PathBuf,
    /// JSON lines instead of text.
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

pub fn run_index(_a: IndexArgs) -> Result<Outcome> {
    anyhow::bail!("`dossier index` is not available yet")
}

pub fn run_search(_a: SearchArgs) -> Result<Outcome> {
    anyhow::bail!("`dossier search` is not available yet")
}
