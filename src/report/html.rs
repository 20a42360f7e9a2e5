//! HTML reports: one self-contained page (inline CSS and SVG, no script, no external
//! resource of any kind), laid out like a newspaper data desk and fit for printing.
//!
//! Documents are untrusted, so every piece of their text goes through [`escape`], in text and
//! in attributes alike; the only links are in-page anchors built from our own ids, and a
//! Content-Security-Policy forbids scripts and remote loads should anything slip through.
//! Not here: what the report says (see `model`) or the figures' drawing (`svg`).

use std::fmt::Write;

use super::model::{
    Cell, EvidenceItem, GroupView, NameCount, Report, claim_traits, format_plain, interval_text,
    kind_label, modality_label, split_highlights, status_label,
};
use super::svg;
use crate::model::GroupStatus;

/// The page's stylesheet: system fonts only (no web fonts), a print layout, and `:target` to
/// show which evidence a link led to without any script.
const STYLE: &str = include_str!("report.css");

/// Escapes text for HTML and SVG, in element content and quoted attributes alike.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than whitespace are not valid in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// An in-page anchor built from one of our ids, filtered to a safe alphabet all the same.
fn anchor(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

fn figure_link(value: &str, evidence: &str) -> String {
    format!(
        "<a class=\"fig\" href=\"#{}\">{}</a>",
        anchor(evidence),
        escape(value)
    )
}

fn opt(s: Option<&str>) -> String {
    match s.map(str::trim) {
        Some(s) if !s.is_empty() => escape(s),
        _ => "<span class=\"none\">—</span>".to_string(),
    }
}

fn status_class(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Discrepant => "discrepant",
        GroupStatus::Corroborated => "corroborated",
        GroupStatus::SingleSource => "single-source",
    }
}

fn badge(status: GroupStatus) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        status_class(status),
        status_label(status)
    )
}

/// The whole report as one HTML page.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<title>Evidence report</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    header(&mut out, report);
    summary(&mut out, report);
    groups(&mut out, report);
    organisations(&mut out, report);
    timeline(&mut out, report);
    recipients(&mut out, report);
    documents(&mut out, report);
    evidence(&mut out, report);
    out.push_str("<footer>Every figure links to the sentence it comes from. Offsets are Unicode code points into the named field of the document.</footer>\n");
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, r: &Report) {
    out.push_str("<header class=\"masthead\">\n<p class=\"kicker\">dossier · evidence report</p>\n<h1>What the documents say, and where</h1>\n");
    let mut dek = Vec::new();
    if let Some(q) = &r.query {
        dek.push(format!("Query: <strong>{}</strong>", escape(q)));
    }
    if let Some([a, b]) = &r.summary.date_span {
        dek.push(format!("Documents dated {} to {}", escape(a), escape(b)));
    }
    if let Some(t) = &r.generated_at {
        dek.push(format!("Generated {}", escape(t)));
    }
    if !dek.is_empty() {
        let _ = writeln!(out, "<p class=\"dek\">{}</p>", dek.join(" · "));
    }
    out.push_str("<nav><a href=\"#summary\">Summary</a><a href=\"#groups\">Claim groups</a><a href=\"#organisations\">Organisations</a><a href=\"#timeline\">Timeline</a><a href=\"#recipients\">Quantities</a><a href=\"#documents\">Documents</a><a href=\"#evidence\">Evidence</a></nav>\n</header>\n");
}

fn names(list: &[NameCount]) -> String {
    list.iter()
        .map(|n| {
            format!(
                "{} <span class=\"count\">{}</span>",
                escape(&n.name),
                n.count
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn stat(out: &mut String, number: usize, label: &str, class: &str) {
    let _ = write!(
        out,
        "<div class=\"stat {class}\"><span class=\"n\">{number}</span><span class=\"l\">{label}</span></div>"
    );
}

fn summary(out: &mut String, r: &Report) {
    let s = &r.summary;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"stats\">");
    stat(out, s.documents, "documents", "");
    stat(out, s.claims, "claims", "");
    stat(out, s.groups.discrepant, "discrepant", "discrepant");
    stat(out, s.groups.corroborated, "corroborated", "corroborated");
    stat(
        out,
        s.groups.single_source,
        "single source",
        "single-source",
    );
    out.push_str("</div>\n<dl class=\"facts\">");
    let counts = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter()
            .map(|(k, v)| format!("{} <span class=\"count\">{v}</span>", escape(k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(out, "<dt>Kinds</dt><dd>{}</dd>", counts(&s.by_kind));
    let _ = write!(out, "<dt>Languages</dt><dd>{}</dd>", counts(&s.by_lang));
    if let Some([a, b]) = &s.date_span {
        let _ = write!(out, "<dt>Dated</dt><dd>{} to {}</dd>", escape(a), escape(b));
    }
    if !s.mentions.is_empty() {
        let _ = write!(
            out,
            "<dt>Mentions found</dt><dd>{}</dd>",
            counts(&s.mentions)
        );
    }
    if !s.senders.is_empty() {
        let _ = write!(
            out,
            "<dt>Senders and authors</dt><dd>{}</dd>",
            names(&s.senders)
        );
    }
    if !s.organisations.is_empty() {
        let _ = write!(
            out,
            "<dt>Key organisations</dt><dd>{}</dd>",
            names(&s.organisations)
        );
    }
    out.push_str("</dl>\n");
    if !s.highlights.is_empty() {
        out.push_str("<h3>What matters most</h3>\n<ol class=\"highlights\">\n");
        for id in &s.highlights {
            let Some(g) = r.groups.iter().find(|g| &g.group_id == id) else {
                continue;
            };
            let mut values = g
                .values
                .iter()
                .map(|v| format!("<span class=\"v\">{}</span>", escape(v)))
                .collect::<Vec<_>>()
                .join("<span class=\"vs\">vs</span>");
            if let Some(old) = corrected_values(g) {
                values.push(' ');
                values.push_str(&old);
            }
            let _ = writeln!(
                out,
                "<li>{} <a href=\"#{}\">{}</a> <span class=\"values-inline\">{values}</span></li>",
                badge(g.status),
                anchor(&g.anchor),
                escape(&g.title)
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// "corrected: ~~12,400 H100 GPUs~~": the values a later message of the thread took back.
fn corrected_values(g: &GroupView) -> Option<String> {
    if g.superseded_values.is_empty() {
        return None;
    }
    let old: Vec<String> = g
        .superseded_values
        .iter()
        .map(|v| format!("<s>{}</s>", escape(v)))
        .collect();
    Some(format!(
        "<span class=\"superseded-values\">corrected: {}</span>",
        old.join(", ")
    ))
}

fn groups(out: &mut String, r: &Report) {
    out.push_str("<section id=\"groups\">\n<h2>Claim groups</h2>\n");
    if r.groups.is_empty() {
        out.push_str("<p class=\"empty\">No claim groups.</p>\n");
    }
    for g in &r.groups {
        group(out, g);
    }
    out.push_str("</section>\n");
}

fn group(out: &mut String, g: &GroupView) {
    let _ = writeln!(
        out,
        "<article class=\"group {}\" id=\"{}\">",
        status_class(g.status),
        anchor(&g.anchor)
    );
    let corrected = if g.corrected {
        " <span class=\"badge corrected\">corrected in thread</span>"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<h3>{}{corrected} {}</h3>",
        badge(g.status),
        escape(&g.title)
    );
    out.push_str("<div class=\"values\">");
    for (i, v) in g.values.iter().enumerate() {
        if i > 0 {
            out.push_str("<span class=\"vs\">vs</span>");
        }
        let _ = write!(out, "<span class=\"value\">{}</span>", escape(v));
    }
    if let Some(old) = corrected_values(g) {
        out.push_str(&old);
    }
    out.push_str("</div>\n<table><thead><tr><th>Figure</th><th>Source</th><th>Doc. date</th><th>Claim date</th><th>Speaker</th><th>Modality</th><th>Note</th></tr></thead><tbody>\n");
    for c in &g.claims {
        let mut notes = Vec::new();
        if c.superseded {
            notes.push("<span class=\"tag superseded\">corrected later</span>");
        }
        if c.correction {
            notes.push("<span class=\"tag correction\">correction</span>");
        }
        if c.quoted {
            notes.push("<span class=\"tag\">quoted</span>");
        }
        let row_class = if c.superseded {
            " class=\"struck\""
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<tr{row_class}><td class=\"num\">{}</td><td>{}</td><td class=\"date\">{}</td><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            figure_link(&c.value, &c.evidence),
            escape(&c.source),
            opt(c
                .doc_date
                .as_deref()
                .map(super::markdown::short_date)
                .as_deref()),
            opt(c.date.as_deref()),
            opt(c.speaker.as_deref()),
            modality_label(c.modality),
            notes.join(" ")
        );
    }
    out.push_str("</tbody></table>\n</article>\n");
}

fn cells(list: &[Cell]) -> String {
    list.iter()
        .map(|c| {
            let times = match c.claims {
                0 | 1 => String::new(),
                n => format!(" <span class=\"times\" title=\"stated by {n} claims\">×{n}</span>"),
            };
            let (open, figure) = if c.superseded {
                (
                    "<div class=\"superseded\">",
                    format!(
                        "<s>{}</s>{times} <span class=\"tag superseded\">corrected later</span>",
                        figure_link(&c.value, &c.evidence)
                    ),
                )
            } else {
                (
                    "<div>",
                    format!("{}{times}", figure_link(&c.value, &c.evidence)),
                )
            };
            match &c.counterparty {
                Some(p) => format!(
                    "{open}{figure} <span class=\"cp\">{}</span></div>",
                    escape(p)
                ),
                None => format!("{open}{figure}</div>"),
            }
        })
        .collect()
}

fn organisations(out: &mut String, r: &Report) {
    out.push_str("<section id=\"organisations\">\n<h2>Organisations</h2>\n");
    if r.organisations.is_empty() {
        out.push_str("<p class=\"empty\">No organisation figures.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"orgs\"><thead><tr><th>Organisation</th><th>Spent</th><th>Raised / earned</th><th>Received <span class=\"cp\">from</span></th><th>Sent <span class=\"cp\">to</span></th><th>Planned</th></tr></thead><tbody>\n");
    for o in &r.organisations {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&o.org),
            cells(&o.spent),
            cells(&o.raised),
            cells(&o.received),
            cells(&o.sent),
            cells(&o.planned)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn timeline(out: &mut String, r: &Report) {
    out.push_str("<section id=\"timeline\">\n<h2>Timeline</h2>\n");
    if r.timeline.is_empty() {
        out.push_str("<p class=\"empty\">No dated claims.</p>\n</section>\n");
        return;
    }
    if let Some(chart) = svg::timeline(r) {
        out.push_str("<figure>");
        out.push_str(&chart);
        out.push_str("<figcaption>Each point stands for the claims of one organisation and period that state the same figure (×N: how many), at the middle of the period; the shaded bar is the period (a month, a quarter, a year). Click a point for the evidence of the first claim; the full list is in the table below.</figcaption></figure>\n");
    }
    out.push_str("<table><thead><tr><th>Date</th><th>Precision</th><th>Resolved</th><th>Organisation</th><th>What</th><th>Figure</th></tr></thead><tbody>\n");
    for t in &r.timeline {
        let _ = writeln!(
            out,
            "<tr><td class=\"date\">{}</td><td>{}</td><td class=\"period\">{}</td><td>{}</td><td><span class=\"kind\" style=\"color:{}\">{}</span> {}</td><td class=\"num\">{}</td></tr>",
            escape(&t.date),
            t.precision.as_str(),
            escape(&interval_text(t.interval.as_ref())),
            escape(&t.org),
            svg::kind_colour(t.kind),
            kind_label(t.kind),
            escape(&t.label),
            figure_link(&t.value, &t.evidence)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn recipients(out: &mut String, r: &Report) {
    out.push_str("<section id=\"recipients\">\n<h2>Quantities received</h2>\n");
    let Some(chart) = svg::recipients(r) else {
        out.push_str("<p class=\"empty\">No transfers with quantities.</p>\n</section>\n");
        return;
    };
    out.push_str("<figure>");
    out.push_str(&chart);
    out.push_str("<figcaption>Distinct transfers per recipient: the same figure reported by several sources counts once; figures corrected later are left out. Each segment links to its evidence.</figcaption></figure>\n");
    out.push_str("<table><thead><tr><th>Recipient</th><th>Total</th><th>Transfers</th></tr></thead><tbody>\n");
    for t in &r.recipients {
        let total = match &t.item {
            Some(item) => format!("{} {}", format_plain(t.total), escape(item)),
            None => format_plain(t.total),
        };
        let transfers: String = t
            .transfers
            .iter()
            .map(|s| {
                let from = s
                    .from
                    .as_deref()
                    .map(|f| format!(" <span class=\"cp\">from {}</span>", escape(f)))
                    .unwrap_or_default();
                format!("<div>{}{from}</div>", figure_link(&s.value, &s.evidence))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{total}</td><td>{transfers}</td></tr>",
            escape(&t.recipient)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn documents(out: &mut String, r: &Report) {
    out.push_str("<section id=\"documents\">\n<h2>Documents</h2>\n");
    if r.documents.is_empty() {
        out.push_str("<p class=\"empty\">No documents.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"docs\"><thead><tr><th>Date</th><th>Title</th><th>Kind</th><th>Lang.</th><th>Sender or author</th><th>Where</th><th>Claims</th></tr></thead><tbody>\n");
    for d in &r.documents {
        let doc = &d.doc;
        let place = match doc.message_index {
            Some(i) => format!("<code>{}</code> #{i}", escape(&doc.path)),
            None => format!("<code>{}</code>", escape(&doc.path)),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{place}</td><td class=\"num\">{}</td></tr>",
            opt(doc.date.as_deref().map(|d| d.get(..10).unwrap_or(d))),
            opt(doc.title.as_deref()),
            doc.kind.map(|k| k.as_str()).unwrap_or("—"),
            opt(doc.lang.as_deref()),
            opt(doc.sender.as_deref()),
            d.claims
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn evidence(out: &mut String, r: &Report) {
    out.push_str("<section id=\"evidence\">\n<h2>Evidence</h2>\n");
    if r.evidence.is_empty() {
        out.push_str("<p class=\"empty\">No cited figures.</p>\n");
    }
    for e in &r.evidence {
        evidence_item(out, e);
    }
    out.push_str("</section>\n");
}

fn evidence_item(out: &mut String, e: &EvidenceItem) {
    let _ = writeln!(out, "<article class=\"ev\" id=\"{}\">", anchor(&e.id));
    let title = e
        .doc
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("(untitled)");
    let tag = match (e.superseded, e.correction) {
        (true, _) => " <span class=\"tag superseded\">corrected later</span>",
        (false, true) => " <span class=\"tag correction\">correction</span>",
        _ => "",
    };
    let _ = writeln!(
        out,
        "<h4><span class=\"ev-value\">{}</span>{tag} {}</h4>",
        escape(&e.value),
        escape(title)
    );
    let sentence: String = split_highlights(&e.sentence, &e.highlights)
        .into_iter()
        .map(|(hit, text)| {
            if hit {
                format!("<mark>{}</mark>", escape(text))
            } else {
                escape(text)
            }
        })
        .collect();
    let (open, close) = if e.clipped {
        ("… ", " …")
    } else {
        ("", "")
    };
    let _ = writeln!(out, "<blockquote>{open}{sentence}{close}</blockquote>");
    out.push_str("<dl class=\"meta\">");
    let mut doc = Vec::new();
    if let Some(k) = e.doc.kind {
        doc.push(k.as_str().to_string());
    }
    if let Some(l) = &e.doc.lang {
        doc.push(escape(l));
    }
    if let Some(d) = &e.doc.date {
        doc.push(escape(d));
    }
    if let Some(s) = &e.doc.sender {
        doc.push(format!("from {}", escape(s)));
    }
    let _ = write!(out, "<dt>Document</dt><dd>{}</dd>", doc.join(" · "));
    let place = match e.doc.message_index {
        Some(i) => format!("<code>{}</code>, message {i}", escape(&e.doc.path)),
        None => format!("<code>{}</code>", escape(&e.doc.path)),
    };
    let _ = write!(
        out,
        "<dt>Where</dt><dd>{place}, {} characters {}–{}</dd>",
        escape(&e.field),
        e.start,
        e.end
    );
    if let Some(sha) = &e.doc.sha256 {
        let _ = write!(out, "<dt>sha256</dt><dd><code>{}</code></dd>", escape(sha));
    }
    let how: Vec<String> = claim_traits(e).iter().map(|t| escape(t)).collect();
    let _ = write!(
        out,
        "<dt>Claim</dt><dd>{} · <a href=\"#{id}\">#{id}</a></dd>",
        how.join(" · "),
        id = anchor(&e.id)
    );
    out.push_str("</dl>\n</article>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape("\"><img src=x onerror='a'>&"),
            "&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
        assert_eq!(escape("é\u{0}\u{7}x"), "éx");
    }
}
