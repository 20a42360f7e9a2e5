//! Report: evidence reports in Markdown, self-contained HTML and JSON, where every figure links
//! to the sentence and document it comes from.
//!
//! [`Report::build`] turns extractions and claim groups into the report's own data
//! ([`model`]); the renderers ([`markdown`], [`html`], [`json`]) only lay it out, and
//! [`svg`] draws the HTML figures. Not here: reading files, extracting or reconciling (the
//! caller does that), and writing files (the CLI does, atomically).
//!
//! ```
//! use dossier::report::{self, Report};
//! let report = Report::build(&[], &[]);
//! assert!(report::markdown::render(&report).contains("# Evidence report"));
//! assert!(!report::html::render(&report).contains("<script"));
//! ```

pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod svg;

pub use model::Report;

/// The output formats, with their file extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Json,
}

impl Format {
    /// Parses `md`, `markdown`, `html` or `json`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "md" | "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Renders a report in the given format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
        Format::Json => json::render(report),
    }
}
