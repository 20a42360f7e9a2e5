//! The report's own data: what a reader sees, computed once from extractions and claim groups,
//! then rendered by `markdown`, `html` and `json` without further analysis.
//!
//! This is where figures get their evidence ids, dates their precision and organisations their
//! rows. It does no extraction and no grouping (that is `extract` and `reconcile`), and no
//! presentation (no escaping, no markup): renderers only lay out what is here.
//!
//! Everything is sorted and keyed by stable ids (hashes of what a figure is and where it was
//! said), so the same input always gives the same report, byte for byte.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::{
    Amount, Claim, ClaimGroup, ClaimKind, DocKind, Extraction, GroupStatus, GroupSubject,
    MentionType, Modality,
};

/// Version of the JSON report format (`docs/report.schema.json`); bumped on breaking changes.
pub const SCHEMA_VERSION: u32 = 1;
/// How many claim groups the summary puts forward.
const HIGHLIGHTED_GROUPS: usize = 5;
/// Longest sentence quoted as evidence; longer ones (a run-on paragraph, a table flattened
/// into one line, hostile input) are cut to a window around the figures.
pub const MAX_EXCERPT_CHARS: usize = 600;
/// Longest document title shown.
const MAX_TITLE_CHARS: usize = 300;
/// How many senders and organisations the summary lists.
const SUMMARY_LIST_LEN: usize = 10;
/// Lane of the timeline for claims that name no organisation.
pub const UNATTRIBUTED: &str = "(unattributed)";

/// A complete evidence report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    /// When the report was written (RFC 3339); absent unless asked for, so reports diff cleanly.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub generated_at: Option<String>,
    /// The query the report is restricted to, if any.
    pub query: Option<String>,
    pub summary: Summary,
    /// Discrepancies first, then corroborated, then single-source groups.
    pub groups: Vec<GroupView>,
    /// One row per organisation, by name.
    pub organisations: Vec<OrgRow>,
    /// Every dated claim, in chronological order; unresolved dates last.
    pub timeline: Vec<TimelineEntry>,
    /// Quantities received per recipient (distinct transfers, corrections applied).
    pub recipients: Vec<RecipientTotal>,
    /// Every document covered, oldest first.
    pub documents: Vec<SourceDoc>,
    /// Every cited figure, with its document and sentence; ids are the `#ev-…` anchors.
    pub evidence: Vec<EvidenceItem>,
}

/// A document covered by the report, with what was found in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDoc {
    #[serde(flatten)]
    pub doc: DocRef,
    pub mentions: usize,
    pub claims: usize,
}

/// What the report covers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub documents: usize,
    pub by_kind: BTreeMap<String, usize>,
    pub by_lang: BTreeMap<String, usize>,
    /// Earliest and latest document dates (`YYYY-MM-DD`).
    pub date_span: Option<[String; 2]>,
    /// Most frequent senders (emails), then authors (articles).
    pub senders: Vec<NameCount>,
    /// Organisations most often mentioned or acting in claims.
    pub organisations: Vec<NameCount>,
    /// Mentions found, per type (`money`, `quantity`, `date`…).
    pub mentions: BTreeMap<String, usize>,
    pub claims: usize,
    pub groups: StatusCounts,
    /// Ids of the claim groups that matter most, discrepancies first.
    pub highlights: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    pub discrepant: usize,
    pub corroborated: usize,
    pub single_source: usize,
}

/// A claim group as the reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    pub group_id: String,
    /// Anchor of this group in the report (`grp-…`).
    pub anchor: String,
    pub kind: ClaimKind,
    /// "Tesla → X: GPU H100, 2023-12".
    pub title: String,
    pub subject: GroupSubject,
    pub status: GroupStatus,
    /// The distinct values, as displayed ("$3–4 billion"), without those only stated by claims
    /// a later message corrects.
    pub values: Vec<String>,
    /// Values only stated by claims a later message of their thread corrects ("12,400 H100
    /// GPUs" before "Correction: 12,000, not 12,400").
    pub superseded_values: Vec<String>,
    /// True when a thread corrects itself inside this group.
    pub corrected: bool,
    /// The claims, oldest document first.
    pub claims: Vec<GroupClaim>,
}

/// One source's statement inside a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupClaim {
    /// The figure as displayed.
    pub value: String,
    /// Id of the evidence item (`ev-…`).
    pub evidence: String,
    pub source: String,
    pub doc_date: Option<String>,
    /// TIMEX value of the claim's own date.
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub modality: Modality,
    /// Stated inside quoted email text: not an independent source.
    pub quoted: bool,
    /// A later message of the same thread corrects this value.
    pub superseded: bool,
    /// This claim is the correction.
    pub correction: bool,
}

/// What one organisation spent, raised, received, sent and planned.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OrgRow {
    pub org: String,
    pub spent: Vec<Cell>,
    pub raised: Vec<Cell>,
    pub received: Vec<Cell>,
    pub sent: Vec<Cell>,
    pub planned: Vec<Cell>,
}

/// One figure in the organisation table: the claims of one organisation stating the same
/// figure in the same role (with the same other party, for transfers), written once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The figure as most of its claims write it.
    pub value: String,
    /// The other party (giver, recipient, purpose) when there is one.
    pub counterparty: Option<String>,
    /// The first claim stating it.
    pub evidence: String,
    /// How many claims state it.
    pub claims: usize,
    /// Every claim of the cell states a figure a later message of its thread corrects.
    #[serde(default)]
    pub superseded: bool,
}

/// How precise a date is, from its TIMEX value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    /// Not placeable in time (`XXXX-12`, seasons, free text).
    Unknown,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Half => "half-year",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

/// One dated claim on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// TIMEX value as extracted.
    pub date: String,
    pub precision: Precision,
    /// Resolved half-open interval `[start, end)`, ISO dates; absent when unknown.
    pub interval: Option<[String; 2]>,
    /// Lane: the acting organisation (or the giver of a transfer).
    pub org: String,
    pub kind: ClaimKind,
    pub value: String,
    /// The figure alone, without the item counted ("12,000", "$3–4 billion",
    /// "35,000 → 85,000"): claims of one lane, period and kind stating the same figure are
    /// one mark on the timeline, however each source names the item.
    pub figure: String,
    /// "Tesla → X" or "Tesla: Nvidia chips".
    pub label: String,
    /// True when the claim's sentence names no organisation and the lane is that of the claim
    /// group reconciliation put it in ("10 milliards pour l'IA" among Tesla's spending).
    #[serde(default)]
    pub by_group: bool,
    /// A later message of the claim's thread corrects this figure.
    #[serde(default)]
    pub superseded: bool,
    pub evidence: String,
}

/// Total quantity received by one recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecipientTotal {
    pub recipient: String,
    pub total: f64,
    /// Unit or item counted, when all transfers agree on it.
    pub item: Option<String>,
    pub transfers: Vec<Share>,
}

/// One distinct transfer counted in a recipient's total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    pub quantity: f64,
    pub value: String,
    pub from: Option<String>,
    pub evidence: String,
}

/// The document a figure comes from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocRef {
    pub doc_id: String,
    pub kind: Option<DocKind>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub sender: Option<String>,
    pub path: String,
    pub message_index: Option<usize>,
    pub sha256: Option<String>,
}

/// One cited figure: the sentence it is stated in, where, and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    /// Stable anchor (`ev-` + 12 hex digits of a hash of document, place and figure).
    pub id: String,
    pub doc: DocRef,
    pub kind: ClaimKind,
    pub value: String,
    /// Field of the document (`text`, `title`, `quoted[0].text`…).
    pub field: String,
    /// Code-point offsets of the sentence in the field.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    /// Code-point spans `[start, end)` of the figures inside `sentence`, sorted, disjoint.
    pub highlights: Vec<[usize; 2]>,
    /// The sentence was longer than [`MAX_EXCERPT_CHARS`]: `sentence` is the window around
    /// the figures, and `start`/`end` are that window's offsets.
    pub clipped: bool,
    pub speaker: Option<String>,
    pub modality: Modality,
    pub quoted: bool,
    /// A later message of the same thread corrects this figure.
    pub superseded: bool,
    /// This figure corrects an earlier one.
    pub correction: bool,
    /// Rule of the claim extractor that produced it.
    pub rule: String,
}

impl Report {
    /// Builds the report over these extractions and the claim groups reconciled from them.
    pub fn build(extractions: &[Extraction], groups: &[ClaimGroup]) -> Report {
        let docs = doc_refs(extractions);
        let mut evidence: BTreeMap<String, EvidenceItem> = BTreeMap::new();
        let mut add = |doc: DocRef, claim: &Claim| -> String {
            let item = evidence_item(doc, claim);
            let id = item.id.clone();
            evidence.entry(id.clone()).or_insert(item);
            id
        };

        // Every figure gets an evidence item. Claims come first from the groups, which hold
        // them as reconciliation read them (transfers completed from their document and
        // thread), so the tables agree with the groups; then any claim of the extractions no
        // group holds.
        let mut claim_ids: Vec<(String, &Claim)> = Vec::new();
        let mut known: BTreeSet<String> = BTreeSet::new();

        let mut superseded: BTreeSet<String> = BTreeSet::new();
        let mut corrections: BTreeSet<String> = BTreeSet::new();
        // Claims naming no party, by evidence id: the organisation of the group they joined.
        let mut group_orgs: HashMap<String, String> = HashMap::new();
        let mut group_views = Vec::new();
        for g in groups {
            let mut claims = Vec::new();
            for sc in &g.claims {
                let doc = docs
                    .get(sc.doc_id.as_str())
                    .cloned()
                    .unwrap_or_else(|| DocRef {
                        doc_id: sc.doc_id.clone(),
                        title: sc.title.clone(),
                        date: sc.doc_date.clone(),
                        sender: sc.sender.clone(),
                        path: sc.path.clone(),
                        message_index: sc.message_index,
                        ..DocRef::default()
                    });
                let source = source_label(&doc);
                let id = add(doc, &sc.claim);
                if known.insert(id.clone()) {
                    claim_ids.push((id.clone(), &sc.claim));
                }
                if sc.superseded {
                    superseded.insert(id.clone());
                }
                if sc.correction {
                    corrections.insert(id.clone());
                }
                if lane(&sc.claim) == UNATTRIBUTED
                    && let Some(org) = g.subject.org.as_ref().or(g.subject.from.as_ref())
                {
                    group_orgs.insert(id.clone(), org.clone());
                }
                claims.push(GroupClaim {
                    value: claim_value(&sc.claim),
                    evidence: id,
                    source,
                    doc_date: sc.doc_date.clone(),
                    date: sc.claim.date.clone(),
                    speaker: sc.claim.speaker.clone(),
                    modality: sc.claim.modality,
                    quoted: sc.claim.quoted,
                    superseded: sc.superseded,
                    correction: sc.correction,
                });
            }
            claims.sort_by_cached_key(|c| {
                (
                    date_key(c.doc_date.as_deref()),
                    c.source.clone(),
                    c.evidence.clone(),
                )
            });
            let corrected = claims.iter().any(|c| c.superseded || c.correction);
            let (current, old) = split_superseded_values(g);
            group_views.push(GroupView {
                anchor: format!("grp-{}", short_hash(&g.group_id)),
                group_id: g.group_id.clone(),
                kind: g.kind,
                title: group_title(g.kind, &g.subject),
                subject: g.subject.clone(),
                status: g.status,
                values: current.into_iter().map(amount_text).collect(),
                superseded_values: old.into_iter().map(amount_text).collect(),
                corrected,
                claims,
            });
        }
        for ex in extractions {
            let doc = docs.get(ex.doc_id.as_str()).cloned().unwrap_or_default();
            for claim in &ex.claims {
                let id = add(doc.clone(), claim);
                if known.insert(id.clone()) {
                    claim_ids.push((id, claim));
                }
            }
        }
        group_views.sort_by(|a, b| {
            (
                a.status,
                std::cmp::Reverse(a.claims.len()),
                &a.title,
                &a.group_id,
            )
                .cmp(&(
                    b.status,
                    std::cmp::Reverse(b.claims.len()),
                    &b.title,
                    &b.group_id,
                ))
        });

        claim_ids.sort_by(|a, b| a.0.cmp(&b.0));
        claim_ids.dedup_by(|a, b| a.0 == b.0);

        let mut evidence: Vec<EvidenceItem> = evidence.into_values().collect();
        for e in &mut evidence {
            e.superseded = superseded.contains(&e.id);
            e.correction = corrections.contains(&e.id);
        }
        evidence.sort_by_cached_key(|e| {
            (
                date_key(e.doc.date.as_deref()),
                e.doc.path.clone(),
                e.doc.message_index,
                e.field.clone(),
                e.start,
                e.id.clone(),
            )
        });

        let mut documents: Vec<SourceDoc> = extractions
            .iter()
            .map(|ex| SourceDoc {
                doc: docs.get(ex.doc_id.as_str()).cloned().unwrap_or_default(),
                mentions: ex.mentions.len(),
                claims: ex.claims.len(),
            })
            .collect();
        documents.sort_by_cached_key(|d| {
            (
                date_key(d.doc.date.as_deref()),
                d.doc.path.clone(),
                d.doc.message_index,
                d.doc.doc_id.clone(),
            )
        });

        // Figures in tables follow the order of their documents, oldest first.
        let position: HashMap<&str, usize> = evidence
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        claim_ids.sort_by_key(|(id, _)| position.get(id.as_str()).copied().unwrap_or(usize::MAX));

        Report {
            schema_version: SCHEMA_VERSION,
            documents,
            generated_at: None,
            query: None,
            summary: summary(extractions, &group_views, claim_ids.len()),
            organisations: organisation_rows(&claim_ids, &group_orgs, &superseded),
            timeline: timeline(&claim_ids, &group_orgs, &superseded),
            recipients: recipient_totals(&claim_ids, &superseded),
            groups: group_views,
            evidence,
        }
    }

    /// The evidence item with this id.
    pub fn evidence(&self, id: &str) -> Option<&EvidenceItem> {
        self.evidence.iter().find(|e| e.id == id)
    }
}

/// Document metadata by id, for evidence items.
fn doc_refs(extractions: &[Extraction]) -> HashMap<&str, DocRef> {
    extractions
        .iter()
        .map(|ex| {
            let doc = DocRef {
                doc_id: ex.doc_id.clone(),
                kind: Some(ex.kind),
                lang: Some(ex.lang.clone()),
                title: ex.title.as_deref().map(|t| clip(t, MAX_TITLE_CHARS)),
                date: ex.date.clone(),
                sender: sender_name(ex).map(|s| clip(&s, MAX_TITLE_CHARS)),
                path: ex.path.clone(),
                message_index: ex.message_index,
                sha256: (!ex.sha256.is_empty()).then(|| ex.sha256.clone()),
            };
            (ex.doc_id.as_str(), doc)
        })
        .collect()
}

/// Who wrote a document: the sender's name (or address) for emails, the author for articles.
fn sender_name(ex: &Extraction) -> Option<String> {
    if let Some(from) = &ex.from {
        let name = from.name.as_deref().map(str::trim).unwrap_or("");
        if !name.is_empty() {
            return Some(name.to_string());
        }
        if !from.address.is_empty() {
            return Some(from.address.clone());
        }
    }
    ex.author.clone().filter(|a| !a.trim().is_empty())
}

/// How a source is named in tables: its title, or its path.
fn source_label(doc: &DocRef) -> String {
    match doc.title.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => match doc.message_index {
            Some(i) => format!("{} #{i}", doc.path),
            None => doc.path.clone(),
        },
    }
}

/// Sort key for optional document dates: RFC 3339 times compared in UTC (messages carry
/// their sender's offset), plain dates as written, undated last.
fn date_key(date: Option<&str>) -> (bool, String) {
    match date {
        Some(d) => match chrono::DateTime::parse_from_rfc3339(d) {
            Ok(t) => (false, t.to_utc().format("%Y-%m-%dT%H:%M:%S").to_string()),
            Err(_) => (false, d.to_string()),
        },
        None => (true, String::new()),
    }
}

fn short_hash(s: &str) -> String {
    let digest = Sha256::digest(s.as_bytes());
    hex::encode(&digest[..6])
}

/// The evidence item of one claim in one document; its id depends only on what and where.
fn evidence_item(doc: DocRef, claim: &Claim) -> EvidenceItem {
    let value = claim_value(claim);
    let surfaces = claim_amounts(claim)
        .into_iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>();
    // The id depends on where the claim is and the words it quotes, not on normalised values,
    // so the same claim seen in an extraction and in a reconciled group gets one id.
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        doc.doc_id,
        claim.evidence.field,
        claim.evidence.start,
        claim.evidence.end,
        claim.kind.as_str(),
        claim.rule,
        surfaces.join("\u{1e}")
    );
    let spans = highlight_spans(&claim.evidence.sentence, &surfaces);
    let excerpt = excerpt(&claim.evidence.sentence, &spans);
    let start = claim.evidence.start.saturating_add(excerpt.skipped);
    EvidenceItem {
        id: format!("ev-{}", short_hash(&key)),
        doc,
        kind: claim.kind,
        value,
        field: claim.evidence.field.clone(),
        start,
        end: start.saturating_add(excerpt.text.chars().count()),
        highlights: excerpt.highlights,
        clipped: excerpt.clipped,
        sentence: excerpt.text,
        speaker: claim.speaker.clone(),
        modality: claim.modality,
        quoted: claim.quoted,
        superseded: false,
        correction: false,
        rule: claim.rule.clone(),
    }
}

/// A sentence cut to at most [`MAX_EXCERPT_CHARS`] around its highlights.
struct Excerpt {
    text: String,
    /// Code points dropped before the window.
    skipped: usize,
    highlights: Vec<[usize; 2]>,
    clipped: bool,
}

fn excerpt(sentence: &str, spans: &[[usize; 2]]) -> Excerpt {
    let len = sentence.chars().count();
    if len <= MAX_EXCERPT_CHARS {
        return Excerpt {
            text: sentence.to_string(),
            skipped: 0,
            highlights: spans.to_vec(),
            clipped: false,
        };
    }
    let first = spans.first().map_or(0, |s| s[0]);
    let last = spans.last().map_or(0, |s| s[1]);
    let context = MAX_EXCERPT_CHARS.saturating_sub(last.saturating_sub(first)) / 2;
    let from = first.saturating_sub(context);
    let to = (from + MAX_EXCERPT_CHARS).min(len);
    Excerpt {
        text: sentence.chars().skip(from).take(to - from).collect(),
        skipped: from,
        highlights: spans
            .iter()
            .filter(|s| s[0] >= from && s[1] <= to)
            .map(|s| [s[0] - from, s[1] - from])
            .collect(),
        clipped: true,
    }
}

/// A name or title cut to `max` code points, with an ellipsis when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The amounts a claim states, in reading order of their roles.
fn claim_amounts(claim: &Claim) -> Vec<&Amount> {
    [
        &claim.baseline,
        &claim.target,
        &claim.quantity,
        &claim.amount,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Code-point spans of each non-empty surface string in the sentence (first occurrence not
/// already covered), sorted and disjoint.
pub fn highlight_spans(sentence: &str, surfaces: &[&str]) -> Vec<[usize; 2]> {
    let mut spans: Vec<[usize; 2]> = Vec::new();
    for surface in surfaces.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let mut from = 0;
        while let Some(pos) = sentence.get(from..).and_then(|rest| rest.find(surface)) {
            let byte_start = from + pos;
            let byte_end = byte_start + surface.len();
            let start = sentence[..byte_start].chars().count();
            let span = [start, start + surface.chars().count()];
            if spans.iter().all(|s| span[1] <= s[0] || span[0] >= s[1]) {
                spans.push(span);
                break;
            }
            from = byte_end;
        }
    }
    spans.sort_unstable();
    spans
}

/// Splits a sentence into `(highlighted, text)` pieces along code-point spans; spans that are
/// out of range or overlapping are ignored, so untrusted offsets never panic.
pub fn split_highlights<'a>(sentence: &'a str, spans: &[[usize; 2]]) -> Vec<(bool, &'a str)> {
    let bounds: Vec<usize> = sentence
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(sentence.len()))
        .collect();
    let byte_at = |cp: usize| bounds.get(cp).copied();
    let mut pieces = Vec::new();
    let mut cursor = 0;
    for span in spans {
        let (Some(s), Some(e)) = (byte_at(span[0]), byte_at(span[1])) else {
            continue;
        };
        if s < cursor || e <= s {
            continue;
        }
        if s > cursor {
            pieces.push((false, &sentence[cursor..s]));
        }
        pieces.push((true, &sentence[s..e]));
        cursor = e;
    }
    if cursor < sentence.len() {
        pieces.push((false, &sentence[cursor..]));
    }
    pieces
}

/// A group's values split into those some standing claim states (or that no single claim's
/// main figure carries, such as a plan's baseline) and those only corrected claims state.
fn split_superseded_values(g: &ClaimGroup) -> (Vec<&Amount>, Vec<&Amount>) {
    let same = |a: &Amount, b: &Amount| a.value == b.value && a.range == b.range;
    g.values.iter().partition(|v| {
        let stating: Vec<bool> = g
            .claims
            .iter()
            .filter(|sc| main_amount(&sc.claim).is_some_and(|a| same(a, v)))
            .map(|sc| sc.superseded)
            .collect();
        stating.is_empty() || stating.iter().any(|superseded| !superseded)
    })
}

/// How an evidence item's claim is stated, in words, unescaped: kind, modality, speaker,
/// whether it sits in quoted text ("transfer", "reported", "speaker CNBC").
pub fn claim_traits(e: &EvidenceItem) -> Vec<String> {
    let mut how = vec![
        kind_label(e.kind).to_lowercase(),
        modality_label(e.modality).to_string(),
    ];
    if let Some(s) = &e.speaker {
        how.push(format!("speaker {s}"));
    }
    if e.quoted {
        how.push("inside quoted text".into());
    }
    how
}

/// The amount a claim is about: the count of transfers and plans, the money of the others.
fn main_amount(c: &Claim) -> Option<&Amount> {
    match c.kind {
        ClaimKind::Transfer | ClaimKind::Plan | ClaimKind::Target => c
            .quantity
            .as_ref()
            .or(c.target.as_ref())
            .or(c.amount.as_ref()),
        _ => c.amount.as_ref().or(c.quantity.as_ref()),
    }
}

/// The figure a claim states, as displayed: "12,000 GPU H100", "$3–4 billion",
/// "35,000 → 85,000 H100".
pub fn claim_value(claim: &Claim) -> String {
    if let (Some(base), Some(target)) = (&claim.baseline, &claim.target) {
        let item = target.item.as_deref().or(base.item.as_deref());
        let from = amount_number(base).unwrap_or_else(|| base.text.clone());
        let to = amount_number(target).unwrap_or_else(|| target.text.clone());
        return match item {
            Some(item) => format!("{from} → {to} {item}"),
            None => format!("{from} → {to}"),
        };
    }
    match main_amount(claim) {
        Some(a) => amount_text(a),
        None => claim.evidence.sentence.chars().take(40).collect(),
    }
}

/// The figure of a claim without its item: "12,000", "$3–4 billion", "35,000 → 85,000".
fn claim_figure(claim: &Claim) -> String {
    if let (Some(base), Some(target)) = (&claim.baseline, &claim.target) {
        let from = amount_number(base).unwrap_or_else(|| base.text.trim().to_string());
        let to = amount_number(target).unwrap_or_else(|| target.text.trim().to_string());
        return format!("{from} → {to}");
    }
    match main_amount(claim) {
        Some(a) => amount_number(a).unwrap_or_else(|| a.text.trim().to_string()),
        None => claim_value(claim),
    }
}

/// An amount as displayed, with its item for counts.
pub fn amount_text(a: &Amount) -> String {
    // Vague amounts ("thousands of AI processors") have no number: their text already
    // names the item.
    let Some(number) = amount_number(a) else {
        return a.text.trim().to_string();
    };
    let money = a.unit.as_deref().is_some_and(is_currency);
    match (&a.item, money) {
        (Some(item), false) if !item.trim().is_empty() => format!("{number} {}", item.trim()),
        _ => number,
    }
}

fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// The number (or range) of an amount with its unit: "$10 billion", "€3–4 million", "12,000".
fn amount_number(a: &Amount) -> Option<String> {
    let (lo, hi) = match (a.value, a.range) {
        (_, Some([lo, hi])) if lo.is_finite() && hi.is_finite() => (lo, Some(hi)),
        (Some(v), _) if v.is_finite() => (v, None),
        _ => return None,
    };
    let unit = a.unit.as_deref();
    let (prefix, suffix) = match unit {
        Some("USD") => ("$".to_string(), String::new()),
        Some("EUR") => ("€".to_string(), String::new()),
        Some("GBP") => ("£".to_string(), String::new()),
        Some(u) if is_currency(u) => (format!("{u} "), String::new()),
        Some(u) if !u.is_empty() => (String::new(), format!(" {u}")),
        _ => (String::new(), String::new()),
    };
    let text = match hi {
        None => format_scaled(lo),
        Some(hi) => {
            let (lo_n, lo_scale) = scale(lo);
            let (hi_n, hi_scale) = scale(hi);
            if lo_scale == hi_scale {
                format!("{}–{}{}", format_plain(lo_n), format_plain(hi_n), hi_scale)
            } else {
                format!("{}–{prefix}{}", format_scaled(lo), format_scaled(hi))
            }
        }
    };
    Some(format!("{prefix}{text}{suffix}"))
}

/// Splits a number into a mantissa and a word scale (" billion", " million").
fn scale(v: f64) -> (f64, &'static str) {
    let abs = v.abs();
    if abs >= 1e12 {
        (v / 1e12, " trillion")
    } else if abs >= 1e9 {
        (v / 1e9, " billion")
    } else if abs >= 1e6 {
        (v / 1e6, " million")
    } else {
        (v, "")
    }
}

fn format_scaled(v: f64) -> String {
    let (n, word) = scale(v);
    format!("{}{word}", format_plain(n))
}

/// A number with thousands separators and at most two decimals: "12,000", "3.5".
pub fn format_plain(v: f64) -> String {
    // "$0.001 per record": below one, keep three significant digits rather than round to 0.
    if v != 0.0 && v.abs() < 0.995 && v.is_finite() {
        let decimals = (2 - v.abs().log10().floor() as i32).clamp(2, 12) as usize;
        let s = format!("{v:.decimals$}");
        return s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc();
    let frac = ((abs - int) * 100.0).round() as u64;
    let digits = format!("{int:.0}");
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = if negative {
        format!("-{grouped}")
    } else {
        grouped
    };
    if frac > 0 {
        let decimals = format!("{frac:02}");
        out.push('.');
        out.push_str(decimals.trim_end_matches('0'));
    }
    out
}

/// A readable title for a group: "Tesla → X: GPU H100, 2023-12".
pub fn group_title(kind: ClaimKind, s: &GroupSubject) -> String {
    let who = match (&s.from, &s.to, &s.org) {
        (Some(from), Some(to), _) => format!("{from} → {to}"),
        (Some(from), None, _) => format!("from {from}"),
        (None, Some(to), _) => format!("to {to}"),
        (None, None, Some(org)) => org.clone(),
        (None, None, None) => "unattributed".to_string(),
    };
    let mut title = format!("{} · {who}", kind_label(kind));
    if let Some(item) = s.item.as_deref().filter(|i| !i.trim().is_empty()) {
        title.push_str(": ");
        title.push_str(item);
    }
    if let Some(period) = s.period.as_deref().filter(|p| !p.trim().is_empty()) {
        title.push_str(", ");
        title.push_str(period);
    }
    title
}

/// Human label of a claim kind.
pub fn kind_label(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Transfer => "Transfer",
        ClaimKind::Spend => "Spending",
        ClaimKind::Purchase => "Purchase",
        ClaimKind::Invest => "Investment",
        ClaimKind::Plan => "Plan",
        ClaimKind::Target => "Target",
        ClaimKind::Funding => "Funding",
        ClaimKind::Revenue => "Revenue",
        ClaimKind::Valuation => "Valuation",
    }
}

/// Human label of a group status.
pub fn status_label(status: GroupStatus) -> &'static str {
    match status {
        GroupStatus::Discrepant => "discrepant",
        GroupStatus::Corroborated => "corroborated",
        GroupStatus::SingleSource => "single source",
    }
}

/// Human label of a modality.
pub fn modality_label(m: Modality) -> &'static str {
    match m {
        Modality::Asserted => "asserted",
        Modality::Reported => "reported",
        Modality::Estimated => "estimated",
        Modality::Planned => "planned",
        Modality::Denied => "denied",
    }
}

fn summary(extractions: &[Extraction], groups: &[GroupView], claims: usize) -> Summary {
    let mut s = Summary {
        documents: extractions.len(),
        claims,
        ..Summary::default()
    };
    let mut senders: BTreeMap<String, usize> = BTreeMap::new();
    let mut orgs: BTreeMap<String, usize> = BTreeMap::new();
    let mut dates: Vec<&str> = Vec::new();
    for ex in extractions {
        *s.by_kind.entry(ex.kind.as_str().to_string()).or_default() += 1;
        *s.by_lang.entry(ex.lang.clone()).or_default() += 1;
        if let Some(day) = ex.date.as_deref().and_then(|d| d.get(..10))
            && NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
        {
            dates.push(day);
        }
        if let Some(name) = sender_name(ex) {
            *senders.entry(name).or_default() += 1;
        }
        for m in &ex.mentions {
            *s.mentions.entry(m.kind.as_str().to_string()).or_default() += 1;
        }
        for m in ex.mentions.iter().filter(|m| m.kind == MentionType::Org) {
            let name = m.text_value().unwrap_or(&m.text).trim();
            if !name.is_empty() {
                *orgs.entry(name.to_string()).or_default() += 1;
            }
        }
        for c in &ex.claims {
            for name in [&c.org, &c.from, &c.to, &c.intended_for]
                .into_iter()
                .flatten()
            {
                *orgs.entry(name.clone()).or_default() += 1;
            }
        }
    }
    dates.sort_unstable();
    if let (Some(first), Some(last)) = (dates.first(), dates.last()) {
        s.date_span = Some([first.to_string(), last.to_string()]);
    }
    s.senders = top_counts(senders);
    s.organisations = top_counts(orgs);
    for g in groups {
        match g.status {
            GroupStatus::Discrepant => s.groups.discrepant += 1,
            GroupStatus::Corroborated => s.groups.corroborated += 1,
            GroupStatus::SingleSource => s.groups.single_source += 1,
        }
    }
    let multi: Vec<String> = groups
        .iter()
        .filter(|g| g.status != GroupStatus::SingleSource)
        .map(|g| g.group_id.clone())
        .collect();
    s.highlights = if multi.is_empty() {
        groups.iter().map(|g| g.group_id.clone()).collect()
    } else {
        multi
    };
    s.highlights.truncate(HIGHLIGHTED_GROUPS);
    s
}

/// The most frequent names, most frequent first, ties by name.
fn top_counts(counts: BTreeMap<String, usize>) -> Vec<NameCount> {
    let mut list: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, count)| NameCount { name, count })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    list.truncate(SUMMARY_LIST_LEN);
    list
}

/// Which column of the organisation table a claim kind fills for its acting organisation.
enum OrgColumn {
    Spent,
    Raised,
    Planned,
}

fn org_column(kind: ClaimKind) -> Option<OrgColumn> {
    match kind {
        ClaimKind::Spend | ClaimKind::Purchase | ClaimKind::Invest => Some(OrgColumn::Spent),
        ClaimKind::Funding | ClaimKind::Revenue => Some(OrgColumn::Raised),
        ClaimKind::Plan | ClaimKind::Target | ClaimKind::Valuation => Some(OrgColumn::Planned),
        ClaimKind::Transfer => None,
    }
}

/// One row per organisation; a claim naming no party counts for the organisation whose group
/// it joined (`group_orgs`, by evidence id), as on the timeline.
fn organisation_rows(
    claims: &[(String, &Claim)],
    group_orgs: &HashMap<String, String>,
    superseded: &BTreeSet<String>,
) -> Vec<OrgRow> {
    /// Claims of one cell: same organisation, column, figure and party.
    struct Pending {
        values: Vec<String>,
        notes: Vec<String>,
        evidence: String,
        superseded: bool,
    }
    type Column = BTreeMap<(String, Option<String>), usize>;
    #[derive(Default)]
    struct Row {
        index: [Column; 5],
        cells: [Vec<Pending>; 5],
    }
    const SPENT: usize = 0;
    const RAISED: usize = 1;
    const RECEIVED: usize = 2;
    const SENT: usize = 3;
    const PLANNED: usize = 4;
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut add = |org: &str,
                   column: usize,
                   party: Option<&String>,
                   note: Option<String>,
                   id: &str,
                   c: &Claim| {
        let row = rows.entry(org.to_string()).or_default();
        let (Some(index), Some(cells)) = (row.index.get_mut(column), row.cells.get_mut(column))
        else {
            return;
        };
        let key = (claim_figure(c), party.map(|p| p.to_lowercase()));
        let i = *index.entry(key).or_insert_with(|| {
            cells.push(Pending {
                values: Vec::new(),
                notes: Vec::new(),
                evidence: id.to_string(),
                superseded: true,
            });
            cells.len() - 1
        });
        if let Some(p) = cells.get_mut(i) {
            p.values.push(claim_value(c));
            p.notes.extend(note);
            p.superseded &= superseded.contains(id);
        }
    };
    for (id, c) in claims {
        if c.kind == ClaimKind::Transfer {
            if let Some(from) = &c.from {
                add(from, SENT, c.to.as_ref(), c.to.clone(), id, c);
            }
            if let Some(to) = &c.to {
                let note = match (&c.from, &c.intended_for) {
                    (Some(from), Some(meant)) if meant != to => {
                        Some(format!("{from}, meant for {meant}"))
                    }
                    (from, _) => from.clone(),
                };
                add(to, RECEIVED, c.from.as_ref(), note, id, c);
            }
            continue;
        }
        let Some(org) = c.org.as_ref().or_else(|| group_orgs.get(id)) else {
            continue;
        };
        let column = match org_column(c.kind) {
            Some(OrgColumn::Spent) => SPENT,
            Some(OrgColumn::Raised) => RAISED,
            Some(OrgColumn::Planned) => PLANNED,
            None => continue,
        };
        add(org, column, None, c.purpose.clone(), id, c);
    }
    let finish = |cells: Vec<Pending>| -> Vec<Cell> {
        cells
            .into_iter()
            .map(|p| Cell {
                value: most_common(p.values.iter().map(String::as_str))
                    .unwrap_or_default()
                    .to_string(),
                counterparty: most_common(p.notes.iter().map(String::as_str)).map(String::from),
                evidence: p.evidence,
                claims: p.values.len(),
                superseded: p.superseded,
            })
            .collect()
    };
    rows.into_iter()
        .map(|(org, row)| {
            let [spent, raised, received, sent, planned] = row.cells.map(finish);
            OrgRow {
                org,
                spent,
                raised,
                received,
                sent,
                planned,
            }
        })
        .collect()
}

/// "1 claim group", "2 claim groups": a count with its noun, singular for one.
pub fn n_of(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The most frequent string, the shortest among equals, then the first seen: how most
/// sources write a figure.
pub fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(s, _)| *s == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts
        .iter()
        .enumerate()
        .max_by(|(i, (a, n)), (j, (b, m))| {
            n.cmp(m)
                .then_with(|| b.chars().count().cmp(&a.chars().count()))
                .then_with(|| j.cmp(i))
        })
        .map(|(_, (s, _))| *s)
}

/// Resolves a TIMEX date value to its precision and half-open interval.
pub fn resolve_timex(value: &str) -> (Precision, Option<[NaiveDate; 2]>) {
    let unknown = (Precision::Unknown, None);
    let Some(year) = value.get(..4).and_then(|y| y.parse::<i32>().ok()) else {
        return unknown;
    };
    let rest = value.get(4..).unwrap_or("");
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let months = |start: NaiveDate, n: u32| start.checked_add_months(chrono::Months::new(n));
    let span = |p: Precision, start: Option<NaiveDate>, end: Option<NaiveDate>| match (start, end) {
        (Some(s), Some(e)) => (p, Some([s, e])),
        _ => (Precision::Unknown, None),
    };
    if rest.is_empty() {
        let start = ymd(year, 1, 1);
        return span(Precision::Year, start, start.and_then(|s| months(s, 12)));
    }
    let Some(rest) = rest.strip_prefix('-') else {
        return unknown;
    };
    if let Some(q) = rest.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
        if (1..=4).contains(&q) {
            let start = ymd(year, (q - 1) * 3 + 1, 1);
            return span(Precision::Quarter, start, start.and_then(|s| months(s, 3)));
        }
        return unknown;
    }
    if let Some(h) = rest.strip_prefix('H').and_then(|h| h.parse::<u32>().ok()) {
        if (1..=2).contains(&h) {
            let start = ymd(year, (h - 1) * 6 + 1, 1);
            return span(Precision::Half, start, start.and_then(|s| months(s, 6)));
        }
        return unknown;
    }
    if let Some(week) = rest.strip_prefix('W') {
        // `2024-W23` is the ISO week; `2024-W23-WE` its weekend (Saturday and Sunday).
        let (number, weekend) = match week.strip_suffix("-WE") {
            Some(n) => (n, true),
            None => (week, false),
        };
        let Ok(w) = number.parse::<u32>() else {
            return unknown;
        };
        let first_day = if weekend {
            chrono::Weekday::Sat
        } else {
            chrono::Weekday::Mon
        };
        let start = NaiveDate::from_isoywd_opt(year, w, first_day);
        let days = if weekend { 2 } else { 7 };
        return span(
            Precision::Week,
            start,
            start.and_then(|s| s.checked_add_days(chrono::Days::new(days))),
        );
    }
    let parts: Vec<&str> = rest.split('-').collect();
    match parts.as_slice() {
        [m] if m.len() == 2 => {
            let start = m.parse().ok().and_then(|m| ymd(year, m, 1));
            span(Precision::Month, start, start.and_then(|s| months(s, 1)))
        }
        [m, d] if m.len() == 2 && d.get(..2).is_some() => {
            let day = d.get(..2).and_then(|d| d.parse().ok());
            let start = match (m.parse().ok(), day) {
                (Some(m), Some(d)) => ymd(year, m, d),
                _ => None,
            };
            span(
                Precision::Day,
                start,
                start.and_then(|s| s.checked_add_days(chrono::Days::new(1))),
            )
        }
        _ => unknown,
    }
}

/// The timeline lane of a claim: who acts.
fn lane(c: &Claim) -> String {
    c.org
        .clone()
        .or_else(|| c.from.clone())
        .or_else(|| c.to.clone())
        .unwrap_or_else(|| UNATTRIBUTED.to_string())
}

/// "Tesla → X", "Tesla: Nvidia chips".
fn claim_label(c: &Claim) -> String {
    match (&c.from, &c.to) {
        (Some(f), Some(t)) => match &c.intended_for {
            Some(meant) if meant != t => format!("{f} → {t} (meant for {meant})"),
            _ => format!("{f} → {t}"),
        },
        _ => {
            let who = lane(c);
            match &c.purpose {
                Some(p) => format!("{who}: {p}"),
                None => who,
            }
        }
    }
}

/// Timeline entries of the dated claims; a claim naming no party goes in the lane of the
/// organisation whose group it joined (`group_orgs`, by evidence id), flagged `by_group`.
fn timeline(
    claims: &[(String, &Claim)],
    group_orgs: &HashMap<String, String>,
    superseded: &BTreeSet<String>,
) -> Vec<TimelineEntry> {
    let mut entries: Vec<(Option<[NaiveDate; 2]>, TimelineEntry)> = claims
        .iter()
        .filter_map(|(id, c)| {
            let date = c.date.as_deref()?.trim();
            if date.is_empty() {
                return None;
            }
            let (precision, interval) = resolve_timex(date);
            let group_org = group_orgs.get(id);
            let (org, label) = match group_org {
                Some(org) => (
                    org.clone(),
                    match &c.purpose {
                        Some(p) => format!("{org} (by its group): {p}"),
                        None => format!("{org} (by its group)"),
                    },
                ),
                None => (lane(c), claim_label(c)),
            };
            Some((
                interval,
                TimelineEntry {
                    date: date.to_string(),
                    precision,
                    interval: interval.map(|[s, e]| [s.to_string(), e.to_string()]),
                    org,
                    kind: c.kind,
                    value: claim_value(c),
                    figure: claim_figure(c),
                    label,
                    by_group: group_org.is_some(),
                    superseded: superseded.contains(id),
                    evidence: id.clone(),
                },
            ))
        })
        .collect();
    entries.sort_by(|(ia, a), (ib, b)| {
        // Ties keep the order of the documents (the sort is stable).
        (ia.is_none(), ia, &a.org).cmp(&(ib.is_none(), ib, &b.org))
    });
    entries.into_iter().map(|(_, e)| e).collect()
}

/// Quantities received per recipient, each distinct transfer counted once: the same figure
/// stated by several sources is one transfer, and figures a later message corrects are left
/// out.
fn recipient_totals(
    claims: &[(String, &Claim)],
    superseded: &BTreeSet<String>,
) -> Vec<RecipientTotal> {
    // One transfer = one recipient, one item family, one count, whoever reports it and
    // however they name the item ("H100 chips", "livraisons de GPU H100"). Claims that name
    // no item come last and only count when no named transfer of that count reached the
    // recipient ("Correction: 12,000" restates the memo's 12,000 H100s).
    let mut transfers: Vec<&(String, &Claim)> = claims
        .iter()
        .filter(|(id, c)| c.kind == ClaimKind::Transfer && !superseded.contains(id))
        .collect();
    transfers.sort_by_key(|(_, c)| c.quantity.as_ref().and_then(|q| q.item.as_ref()).is_none());
    let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut counted: BTreeSet<(String, String)> = BTreeSet::new();
    let mut totals: BTreeMap<String, RecipientTotal> = BTreeMap::new();
    for (id, c) in transfers {
        let (Some(to), Some(q)) = (&c.to, &c.quantity) else {
            continue;
        };
        let Some(v) = q.value.filter(|v| v.is_finite() && *v > 0.0) else {
            continue;
        };
        let item = q.item.clone().unwrap_or_default();
        let family = crate::reconcile::item_family(c).unwrap_or_else(|| item_key(&item));
        let count = (to.clone(), format!("{v}"));
        if item.is_empty() && counted.contains(&count) {
            continue;
        }
        if !seen.insert((to.clone(), family, format!("{v}"))) {
            continue;
        }
        counted.insert(count);
        let t = totals.entry(to.clone()).or_insert_with(|| RecipientTotal {
            recipient: to.clone(),
            total: 0.0,
            item: q.item.clone(),
            transfers: Vec::new(),
        });
        t.total += v;
        if t.item.as_deref().map(item_key) != q.item.as_deref().map(item_key) {
            t.item = None;
        }
        t.transfers.push(Share {
            quantity: v,
            value: claim_value(c),
            from: c.from.clone(),
            evidence: id.clone(),
        });
    }
    let mut list: Vec<RecipientTotal> = totals.into_values().collect();
    list.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then_with(|| a.recipient.cmp(&b.recipient))
    });
    list
}

/// Items compared loosely: "GPU H100" and "H100 GPUs" are the same thing for counting, as are
/// French and English spellings of the same words in another order.
fn item_key(item: &str) -> String {
    let mut words: Vec<String> = item
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().trim_end_matches('s').to_string())
        .collect();
    words.sort();
    words.join(" ")
}

/// A resolved interval for readers, with an inclusive end: "2023-12-01 to 2023-12-31", or one
/// day; "unresolved" when there is none.
pub fn interval_text(interval: Option<&[String; 2]>) -> String {
    let Some([start, end]) = interval else {
        return "unresolved".to_string();
    };
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    match (parse(start), parse(end).and_then(|e| e.pred_opt())) {
        (Some(s), Some(last)) if s == last => s.to_string(),
        (Some(s), Some(last)) => format!("{s} to {last}"),
        _ => format!("{start} to {end}"),
    }
}

/// Days since the common era, for placing dates on a scale.
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timex_precision_and_interval() {
        let cases = [
            ("2024", Precision::Year, "2024-01-01", "2025-01-01"),
            ("2024-Q2", Precision::Quarter, "2024-04-01", "2024-07-01"),
            ("2023-12", Precision::Month, "2023-12-01", "2024-01-01"),
            ("2024-06-06", Precision::Day, "2024-06-06", "2024-06-07"),
            ("2024-H2", Precision::Half, "2024-07-01", "2025-01-01"),
            ("2024-W01", Precision::Week, "2024-01-01", "2024-01-08"),
            ("2024-W23-WE", Precision::Week, "2024-06-08", "2024-06-10"),
            (
                "2024-06-06T10:00",
                Precision::Day,
                "2024-06-06",
                "2024-06-07",
            ),
        ];
        for (timex, p, s, e) in cases {
            let (precision, interval) = resolve_timex(timex);
            assert_eq!(precision, p, "{timex}");
            let [start, end] = interval.unwrap_or_else(|| panic!("{timex} unresolved"));
            assert_eq!(
                (start.to_string().as_str(), end.to_string().as_str()),
                (s, e)
            );
        }
        for bad in [
            "XXXX-12",
            "",
            "20",
            "2024-13",
            "2024-Q5",
            "2024-02-30",
            "2024-é",
            "2024x",
        ] {
            assert_eq!(resolve_timex(bad), (Precision::Unknown, None), "{bad}");
        }
    }

    #[test]
    fn numbers_are_grouped_and_scaled() {
        assert_eq!(format_plain(12000.0), "12,000");
        assert_eq!(format_plain(3.5), "3.5");
        assert_eq!(format_plain(-1234567.0), "-1,234,567");
        // Below one, three significant digits: a tenth of a cent is not zero.
        assert_eq!(format_plain(0.001), "0.001");
        assert_eq!(format_plain(0.0015), "0.0015");
        assert_eq!(format_plain(0.1427), "0.143");
        assert_eq!(format_plain(0.5), "0.5");
        assert_eq!(format_plain(-0.25), "-0.25");
        assert_eq!(format_plain(0.999), "1");
        let money = |value, range, unit: &str| Amount {
            value,
            range,
            unit: Some(unit.into()),
            item: None,
            text: String::new(),
        };
        assert_eq!(
            amount_number(&money(Some(1e10), None, "USD")).as_deref(),
            Some("$10 billion")
        );
        assert_eq!(
            amount_number(&money(None, Some([3e9, 4e9]), "USD")).as_deref(),
            Some("$3–4 billion")
        );
        assert_eq!(
            amount_number(&money(None, Some([5e8, 2e9]), "EUR")).as_deref(),
            Some("€500 million–€2 billion")
        );
        assert_eq!(
            amount_number(&money(Some(5.0), None, "MW")).as_deref(),
            Some("5 MW")
        );
    }

    #[test]
    fn long_sentences_are_cut_around_their_figures() {
        let before = "a".repeat(2000);
        let sentence = format!("{before} 12 000 puces {}", "é".repeat(3000));
        let spans = highlight_spans(&sentence, &["12 000"]);
        let e = excerpt(&sentence, &spans);
        assert!(e.clipped);
        assert_eq!(e.text.chars().count(), MAX_EXCERPT_CHARS);
        let pieces = split_highlights(&e.text, &e.highlights);
        assert_eq!(
            pieces
                .iter()
                .filter(|p| p.0)
                .map(|p| p.1)
                .collect::<Vec<_>>(),
            ["12 000"]
        );
        // The window's offsets still point into the original sentence.
        let [s, _] = e.highlights[0];
        assert_eq!(
            sentence
                .chars()
                .skip(e.skipped + s)
                .take(6)
                .collect::<String>(),
            "12 000"
        );
        let short = excerpt("court", &[]);
        assert!(!short.clipped && short.text == "court");
    }

    #[test]
    fn highlights_are_safe_on_any_text() {
        let s = "Tesla a cédé 12 000 puces à X, pas 12 400.";
        let spans = highlight_spans(s, &["12 000", "12 000", "absent", ""]);
        assert_eq!(spans, vec![[13, 19]]);
        let pieces = split_highlights(s, &spans);
        assert_eq!(
            pieces
                .iter()
                .filter(|p| p.0)
                .map(|p| p.1)
                .collect::<Vec<_>>(),
            ["12 000"]
        );
        assert_eq!(pieces.iter().map(|p| p.1).collect::<String>(), s);
        // Out-of-range, reversed and overlapping spans are ignored rather than panicking.
        let pieces = split_highlights("été", &[[1, 2], [0, 9], [2, 1], [1, 3]]);
        assert_eq!(pieces.iter().map(|p| p.1).collect::<String>(), "été");
    }
}
