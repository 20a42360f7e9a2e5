//! Markdown reports, written for GitHub and common viewers: pipe tables, figures linked to
//! `<a id="ev-…">` anchors in the evidence section, sentences quoted with the figure in bold.
//!
//! Every piece of document text goes through [`escape`]: table pipes, backticks, emphasis and
//! link brackets are backslash-escaped and HTML is turned into entities, so data can neither
//! break a table nor inject markup. Not here: deciding what the report says (see `model`).

use std::fmt::Write;

use super::model::{
    Cell, EvidenceItem, GroupView, Report, claim_traits, interval_text, kind_label, modality_label,
    n_of, split_highlights,
};
use crate::model::GroupStatus;

/// Markdown-escapes untrusted text for inline use (paragraphs and table cells).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Brackets are escaped, so parentheses and `!` can never complete a link or image.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A figure linked to its evidence.
fn figure_link(value: &str, evidence: &str) -> String {
    format!("[{}](#{})", escape(value), anchor(evidence))
}

/// Anchors are ours (`ev-` + hex), but they are still filtered to a safe alphabet.
fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

fn opt(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => escape(s),
        _ => "—".to_string(),
    }
}

/// A document date for tables: day and minute, without seconds or offset.
pub fn short_date(d: &str) -> String {
    d.get(..16).unwrap_or(d).replacen('T', " ", 1)
}

fn status_badge(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Discrepant => "⚠️ **discrepant**",
        GroupStatus::Corroborated => "✅ **corroborated**",
        GroupStatus::SingleSource => "◻️ single source",
    }
}

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("# Evidence report\n\n");
    if let Some(q) = &report.query {
        let _ = writeln!(out, "Query: **{}**\n", escape(q));
    }
    if let Some(t) = &report.generated_at {
        let _ = writeln!(out, "Generated {}\n", escape(t));
    }
    out.push_str("[Summary](#summary) · [Claim groups](#claim-groups) · [Organisations](#organisations) · [Timeline](#timeline) · [Documents](#documents) · [Evidence](#evidence)\n\n");
    summary(&mut out, report);
    groups(&mut out, report);
    organisations(&mut out, report);
    timeline(&mut out, report);
    recipients(&mut out, report);
    documents(&mut out, report);
    evidence(&mut out, report);
    out
}

fn counts(map: &std::collections::BTreeMap<String, usize>, plural: &str) -> String {
    map.iter()
        .map(|(k, v)| {
            let s = if *v == 1 { "" } else { plural };
            format!("{v} {}{s}", escape(k))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary(out: &mut String, r: &Report) {
    let s = &r.summary;
    out.push_str("## Summary\n\n");
    let span = match &s.date_span {
        Some([a, b]) if a == b => format!(", dated {}", escape(a)),
        Some([a, b]) => format!(", dated {} to {}", escape(a), escape(b)),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "**{}** ({}; languages: {}){span}. **{}** in **{}**: {} discrepant, {} corroborated, {} single source.\n",
        n_of(s.documents, "document"),
        counts(&s.by_kind, "s"),
        counts(&s.by_lang, ""),
        n_of(s.claims, "claim"),
        n_of(r.groups.len(), "group"),
        s.groups.discrepant,
        s.groups.corroborated,
        s.groups.single_source,
    );
    let names = |list: &[super::model::NameCount]| {
        list.iter()
            .map(|n| format!("{} ({})", escape(&n.name), n.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !s.mentions.is_empty() {
        let _ = writeln!(out, "- **Mentions found:** {}", counts(&s.mentions, ""));
    }
    if !s.senders.is_empty() {
        let _ = writeln!(out, "- **Senders and authors:** {}", names(&s.senders));
    }
    if !s.organisations.is_empty() {
        let _ = writeln!(out, "- **Key organisations:** {}", names(&s.organisations));
    }
    out.push('\n');
    if s.highlights.is_empty() {
        return;
    }
    out.push_str("### What matters most\n\n| Status | Claim group | Values |\n|---|---|---|\n");
    for id in &s.highlights {
        let Some(g) = r.groups.iter().find(|g| &g.group_id == id) else {
            continue;
        };
        let mut values = g
            .values
            .iter()
            .map(|v| escape(v))
            .collect::<Vec<_>>()
            .join(" · ");
        if !g.superseded_values.is_empty() {
            let old: Vec<String> = g
                .superseded_values
                .iter()
                .map(|v| format!("~~{}~~", escape(v)))
                .collect();
            let _ = write!(values, " (corrected: {})", old.join(", "));
        }
        let _ = writeln!(
            out,
            "| {} | [{}](#{}) | {values} |",
            status_badge(g.status),
            escape(&g.title),
            anchor(&g.anchor)
        );
    }
    out.push('\n');
}

fn groups(out: &mut String, r: &Report) {
    out.push_str("## Claim groups\n\n");
    if r.groups.is_empty() {
        out.push_str("No claim groups.\n\n");
        return;
    }
    for g in &r.groups {
        group(out, g);
    }
}

fn group(out: &mut String, g: &GroupView) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", anchor(&g.anchor));
    let _ = writeln!(out, "### {}\n", escape(&g.title));
    let values = g
        .values
        .iter()
        .map(|v| format!("**{}**", escape(v)))
        .collect::<Vec<_>>()
        .join(" vs ");
    let values = if g.superseded_values.is_empty() {
        values
    } else {
        let old: Vec<String> = g
            .superseded_values
            .iter()
            .map(|v| format!("~~{}~~", escape(v)))
            .collect();
        format!("{values} (corrected: {})", old.join(", "))
    };
    let corrected = if g.corrected {
        " · ✏️ corrected within a thread"
    } else {
        ""
    };
    let _ = writeln!(out, "{} · {values}{corrected}\n", status_badge(g.status));
    out.push_str("| Figure | Source | Document date | Claim date | Speaker | Modality | Note |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for c in &g.claims {
        let mut notes = Vec::new();
        if c.superseded {
            notes.push("corrected later");
        }
        if c.correction {
            notes.push("**correction**");
        }
        if c.quoted {
            notes.push("quoted");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            figure_link(&c.value, &c.evidence),
            escape(&c.source),
            opt(c.doc_date.as_deref().map(short_date).as_deref()),
            opt(c.date.as_deref()),
            opt(c.speaker.as_deref()),
            modality_label(c.modality),
            notes.join(", ")
        );
    }
    out.push('\n');
}

fn cells(list: &[Cell], joiner: &str) -> String {
    list.iter()
        .map(|c| {
            let times = match c.claims {
                0 | 1 => String::new(),
                n => format!(" ×{n}"),
            };
            let figure = if c.superseded {
                format!(
                    "~~{}~~{times} (corrected later)",
                    figure_link(&c.value, &c.evidence)
                )
            } else {
                format!("{}{times}", figure_link(&c.value, &c.evidence))
            };
            match &c.counterparty {
                Some(p) => format!("{figure} ({})", escape(p)),
                None => figure,
            }
        })
        .collect::<Vec<_>>()
        .join(joiner)
}

fn organisations(out: &mut String, r: &Report) {
    out.push_str("## Organisations\n\n");
    if r.organisations.is_empty() {
        out.push_str("No organisation figures.\n\n");
        return;
    }
    out.push_str(
        "| Organisation | Spent | Raised / earned | Received (from) | Sent (to) | Planned |\n",
    );
    out.push_str("|---|---|---|---|---|---|\n");
    for o in &r.organisations {
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} | {} |",
            escape(&o.org),
            cells(&o.spent, "<br>"),
            cells(&o.raised, "<br>"),
            cells(&o.received, "<br>"),
            cells(&o.sent, "<br>"),
            cells(&o.planned, "<br>"),
        );
    }
    out.push('\n');
}

fn timeline(out: &mut String, r: &Report) {
    out.push_str("## Timeline\n\n");
    if r.timeline.is_empty() {
        out.push_str("No dated claims.\n\n");
        return;
    }
    out.push_str("| Date | Precision | Resolved | Organisation | What | Figure |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for t in &r.timeline {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&t.date),
            t.precision.as_str(),
            escape(&interval_text(t.interval.as_ref())),
            escape(&t.org),
            format_args!("{} — {}", kind_label(t.kind), escape(&t.label)),
            figure_link(&t.value, &t.evidence)
        );
    }
    out.push('\n');
}

fn recipients(out: &mut String, r: &Report) {
    if r.recipients.is_empty() {
        return;
    }
    out.push_str("## Quantities received\n\nDistinct transfers per recipient; the same figure from several sources counts once, corrected figures are left out.\n\n");
    out.push_str("| Recipient | Total | Transfers |\n|---|---|---|\n");
    for t in &r.recipients {
        let total = super::model::format_plain(t.total);
        let total = match &t.item {
            Some(item) => format!("{total} {}", escape(item)),
            None => total,
        };
        let _ = writeln!(
            out,
            "| **{}** | {total} | {} |",
            escape(&t.recipient),
            t.transfers
                .iter()
                .map(|s| match &s.from {
                    Some(from) => format!(
                        "{} (from {})",
                        figure_link(&s.value, &s.evidence),
                        escape(from)
                    ),
                    None => figure_link(&s.value, &s.evidence),
                })
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    out.push('\n');
}

fn documents(out: &mut String, r: &Report) {
    out.push_str("## Documents\n\n");
    if r.documents.is_empty() {
        out.push_str("No documents.\n\n");
        return;
    }
    out.push_str("| Date | Title | Kind | Lang. | Sender or author | Where | Claims |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for d in &r.documents {
        let doc = &d.doc;
        let place = match doc.message_index {
            Some(i) => format!("{} #{i}", escape(&doc.path)),
            None => escape(&doc.path),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {place} | {} |",
            opt(doc.date.as_deref().map(|d| d.get(..10).unwrap_or(d))),
            opt(doc.title.as_deref()),
            doc.kind.map(|k| k.as_str()).unwrap_or("—"),
            opt(doc.lang.as_deref()),
            opt(doc.sender.as_deref()),
            d.claims
        );
    }
    out.push('\n');
}

fn evidence(out: &mut String, r: &Report) {
    out.push_str("## Evidence\n\n");
    if r.evidence.is_empty() {
        out.push_str("No cited figures.\n");
        return;
    }
    for e in &r.evidence {
        evidence_item(out, e);
    }
}

fn evidence_item(out: &mut String, e: &EvidenceItem) {
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", anchor(&e.id));
    let title = e
        .doc
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("(untitled)");
    let _ = writeln!(out, "#### {} — {}\n", escape(&e.value), escape(title));
    let mut meta = Vec::new();
    if let Some(k) = e.doc.kind {
        meta.push(k.as_str().to_string());
    }
    if let Some(l) = &e.doc.lang {
        meta.push(escape(l));
    }
    meta.push(opt(e.doc.date.as_deref()));
    if let Some(s) = &e.doc.sender {
        meta.push(format!("from {}", escape(s)));
    }
    let _ = writeln!(out, "- **Document:** {}", meta.join(" · "));
    let place = match e.doc.message_index {
        Some(i) => format!("{}, message {i}", escape(&e.doc.path)),
        None => escape(&e.doc.path),
    };
    let _ = writeln!(
        out,
        "- **Where:** {place}, {} characters {}–{}",
        escape(&e.field),
        e.start,
        e.end
    );
    if let Some(sha) = &e.doc.sha256 {
        let _ = writeln!(out, "- **sha256:** {}", escape(sha));
    }
    let how: Vec<String> = claim_traits(e).iter().map(|t| escape(t)).collect();
    let _ = writeln!(
        out,
        "- **Claim:** {} · id `{}`\n",
        how.join(" · "),
        anchor(&e.id)
    );
    let sentence: String = split_highlights(&e.sentence, &e.highlights)
        .into_iter()
        .map(|(hit, text)| {
            let text = escape(text);
            if hit && !text.trim().is_empty() {
                format!("**{text}**")
            } else {
                text
            }
        })
        .collect();
    let (open, close) = if e.clipped {
        ("… ", " …")
    } else {
        ("", "")
    };
    let _ = writeln!(out, "> {open}{sentence}{close}\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup_and_table_syntax() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("`x`"), "\\`x\\`");
        assert_eq!(escape("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(escape("[t](javascript:x)"), "\\[t\\](javascript:x)");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("12 000 € *environ*"), "12 000 € \\*environ\\*");
    }
}
