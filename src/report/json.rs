//! JSON reports: the [`Report`] serialised as pretty JSON, documented by
//! `docs/report.schema.json`. Stable for scripts: fields are only ever added.
//! Not for presentation choices; the content is exactly the report model.

use super::Report;

/// The report as pretty-printed JSON, ending with a newline.
pub fn render(report: &Report) -> String {
    // A report holds only strings, numbers, maps with string keys and finite floats that
    // serde_json always accepts; the fallback keeps the function total all the same.
    let mut out = serde_json::to_string_pretty(report)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    out.push('\n');
    out
}
