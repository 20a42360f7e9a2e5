//! `dossier report`: evidence reports in Markdown, HTML or JSON.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::{ExtractFlags, Outcome};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or folders to report on (extracted on the fly). Without paths, the index is used.
    pub paths: Vec<PathBuf>,
    /// Restrict the report to the hits of this query (with --index).
    #[arg(long, short)]
    pub query: Option<String>,
    /// Index folder to report on.
    #[arg(long, env = "DOSSIER_INDEX")]
    pub index: Option<PathBuf>,
    #[command(flatten)]
    pub flags: ExtractFlags,
    /// Output format.
    #[arg(long, default_value = "html", value_parser = ["md", "html", "json"])]
    pub format: String,
    /// Output file (default `dossier-report.<ext>` in the working directory; `-` for stdout).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

pub fn run(_a: ReportArgs) -> Result<Outcome> {
    anyhow::bail!("`dossier report` is not available yet")
}
