//! FollowTheMoney export: extractions as FtM entities, one JSON object per line, for Aleph and
//! the `ftm` tools investigators already use (`ftm validate`, `alephclient write-entities`).
//!
//! What maps to what:
//! * a document → `Email` (subject, from/to/cc, message ids, date) or `Article` (title,
//!   author, publication date, URL); senders and recipients → `LegalEntity` with an `email`;
//! * an organisation or person mention → `Organization` / `Person` (one per canonical name),
//!   a `Mention` linking the document to it, and the name in the document's
//!   `companiesMentioned` / `peopleMentioned`;
//! * a money claim (spend, purchase, invest, funding) → `Payment` (payer, beneficiary,
//!   amount, currency, purpose, date);
//! * a transfer of goods ("12,000 H100 GPUs from Tesla to X") → `UnknownLink` from the giver
//!   to the recipient, whose `role` says what moved (FtM has no schema for goods);
//! * plans, targets, revenue and valuations → `Event` involving the organisation.
//!
//! Every claim entity cites its document in `proof` and its sentence in `summary`. FtM has no
//! place for character offsets, so each entity derived from the text carries them beside
//! `properties`, under `dossier` (document id, field, offsets, rule): FtM readers ignore it.
//!
//! Ids are stable hashes of what the entity is (a document id, a canonical name, a claim's
//! position), so exports of overlapping batches merge instead of duplicating. Not here:
//! reading FtM, or the FtM schema checks themselves (the shapes follow the published schema).

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::model::{Address, Amount, Claim, ClaimKind, DocKind, Extraction, MentionType, Value};
use crate::report::model::{claim_value, modality_label, resolve_timex};

/// One FtM entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub id: String,
    pub schema: &'static str,
    /// FtM properties: every value is a list of strings.
    pub properties: BTreeMap<&'static str, Vec<String>>,
    /// Where in the document the entity was found, for entities derived from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dossier: Option<Provenance>,
}

/// Where an entity comes from: the document (and its file), and for what was found in the
/// text, the field, code-point offsets and rule. FtM has no property for these.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Provenance {
    pub doc_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Code-point offsets in `field`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Provenance {
    fn span(doc_id: &str, field: &str, start: usize, end: usize, rule: &str) -> Self {
        Provenance {
            doc_id: doc_id.to_string(),
            path: None,
            field: Some(field.to_string()),
            start: Some(start),
            end: Some(end),
            rule: Some(rule.to_string()),
        }
    }
}

impl Entity {
    fn new(schema: &'static str, id: String) -> Self {
        Entity {
            id,
            schema,
            properties: BTreeMap::new(),
            dossier: None,
        }
    }

    /// Adds a value, skipping empty strings and values already there.
    fn add(&mut self, prop: &'static str, value: impl Into<String>) {
        let value = value.into();
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let values = self.properties.entry(prop).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }

    fn add_opt(&mut self, prop: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.add(prop, v);
        }
    }
}

/// A stable entity id: the hex SHA-256 of the parts (truncated to 40 digits, as long as
/// FtM's own SHA-1 ids), prefixed by what it is.
fn make_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let digest = hex::encode(h.finalize());
    format!("dossier-{prefix}-{}", digest.get(..40).unwrap_or(&digest))
}

/// The id of the entity standing for a document.
pub fn document_id(doc_id: &str) -> String {
    make_id("doc", &[doc_id])
}

fn org_id(name: &str) -> String {
    make_id("org", &[&name.to_lowercase()])
}

fn person_id(name: &str) -> String {
    make_id("person", &[&name.to_lowercase()])
}

fn address_id(address: &str) -> String {
    make_id("address", &[&address.to_lowercase()])
}

/// FtM languages are ISO 639-2 codes.
fn language(lang: &str) -> Option<&'static str> {
    match lang {
        "fr" => Some("fra"),
        "en" => Some("eng"),
        _ => None,
    }
}

/// FtM dates are ISO 8601 prefixes ("2024", "2024-06", "2024-06-04", with a time). A TIMEX
/// value FtM cannot hold ("2024-Q2", "2024-06-04TEV") gives its resolved bounds instead, as
/// `startDate` and the last day of the period as `endDate`.
fn add_date(e: &mut Entity, timex: Option<&str>) {
    let Some(t) = timex.map(str::trim).filter(|t| !t.is_empty()) else {
        return;
    };
    if is_ftm_date(t) {
        e.add("date", t);
        return;
    }
    if let (_, Some([start, end])) = resolve_timex(t) {
        e.add("startDate", start.to_string());
        let last = end.pred_opt().unwrap_or(end);
        e.add("endDate", last.to_string());
    }
}

fn is_ftm_date(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let dash = |i: usize| b.get(i) == Some(&b'-');
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && dash(4) && digits(5..7),
        10 => digits(0..4) && dash(4) && digits(5..7) && dash(7) && digits(8..10),
        _ => {
            // A full timestamp as the ingest writes it ("2024-06-04T09:12:00-07:00").
            b.len() > 10
                && b.get(10) == Some(&b'T')
                && chrono::DateTime::parse_from_rfc3339(t).is_ok()
        }
    }
}

fn address_text(a: &Address) -> String {
    match &a.name {
        Some(n) if !n.trim().is_empty() => format!("{} <{}>", n.trim(), a.address),
        _ => a.address.clone(),
    }
}

/// The entity of an email address, and its id.
fn address_entity(a: &Address) -> Entity {
    let mut e = Entity::new("LegalEntity", address_id(&a.address));
    e.add("email", a.address.as_str());
    e.add("name", a.name.as_deref().unwrap_or(&a.address));
    e
}

/// The document itself: an `Email` or an `Article`, with the entities of its addresses.
fn document_entities(ex: &Extraction) -> Vec<Entity> {
    let mut out = Vec::new();
    let id = document_id(&ex.doc_id);
    let mut doc = match ex.kind {
        DocKind::Email => {
            let mut e = Entity::new("Email", id);
            e.add_opt("subject", ex.title.as_deref());
            if let Some(from) = &ex.from {
                e.add("from", address_text(from));
                let a = address_entity(from);
                e.add("emitters", a.id.clone());
                out.push(a);
            }
            for (prop, list) in [("to", &ex.to), ("cc", &ex.cc)] {
                for addr in list {
                    e.add(prop, address_text(addr));
                    let a = address_entity(addr);
                    e.add("recipients", a.id.clone());
                    out.push(a);
                }
            }
            e.add_opt("messageId", ex.message_id.as_deref());
            e.add_opt("inReplyTo", ex.in_reply_to.as_deref());
            add_date(&mut e, ex.date.as_deref());
            e
        }
        DocKind::Article => {
            let mut e = Entity::new("Article", id);
            e.add_opt("author", ex.author.as_deref());
            e.add_opt("sourceUrl", ex.url.as_deref());
            if let Some(d) = ex.date.as_deref().filter(|d| is_ftm_date(d)) {
                e.add("publishedAt", d);
            }
            e
        }
    };
    doc.add_opt("title", ex.title.as_deref());
    for m in &ex.mentions {
        let prop = match m.kind {
            MentionType::Org => "companiesMentioned",
            MentionType::Person => "peopleMentioned",
            _ => continue,
        };
        match &m.value {
            Some(Value::Text(name)) => doc.add(prop, name.as_str()),
            _ => doc.add(prop, m.text.as_str()),
        }
    }
    doc.add("fileName", file_name(&ex.path));
    doc.add_opt("language", language(&ex.lang));
    doc.dossier = Some(Provenance {
        doc_id: ex.doc_id.clone(),
        path: Some(ex.path.clone()),
        ..Provenance::default()
    });
    out.insert(0, doc);
    out
}

fn file_name(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.to_string()
}

/// Organisations and people named in the text, and the mentions tying them to the document.
fn mention_entities(ex: &Extraction) -> Vec<Entity> {
    let doc = document_id(&ex.doc_id);
    let mut out = Vec::new();
    for m in &ex.mentions {
        let schema = match m.kind {
            MentionType::Org => "Organization",
            MentionType::Person => "Person",
            _ => continue,
        };
        let name = match &m.value {
            Some(Value::Text(t)) if !t.trim().is_empty() => t.trim().to_string(),
            _ => m.text.trim().to_string(),
        };
        if name.is_empty() {
            continue;
        }
        let id = if schema == "Person" {
            person_id(&name)
        } else {
            org_id(&name)
        };
        let mut named = Entity::new(schema, id.clone());
        named.add("name", name.as_str());
        if m.text.trim() != name {
            named.add("alias", m.text.as_str());
        }
        out.push(named);
        let start = m.start.to_string();
        let mut mention = Entity::new(
            "Mention",
            make_id("mention", &[&ex.doc_id, &m.field, &start, &name]),
        );
        mention.add("document", doc.clone());
        mention.add("resolved", id);
        mention.add("name", m.text.as_str());
        mention.add("detectedSchema", schema);
        mention.dossier = Some(Provenance::span(
            &ex.doc_id, &m.field, m.start, m.end, &m.rule,
        ));
        out.push(mention);
    }
    out
}

/// Numbers of an amount as FtM `amount` values: the value, or both ends of a range.
fn amount_values(a: &Amount) -> Vec<String> {
    match (a.value, a.range) {
        (Some(v), _) if v.is_finite() => vec![format!("{v}")],
        (_, Some([lo, hi])) if lo.is_finite() && hi.is_finite() => {
            vec![format!("{lo}"), format!("{hi}")]
        }
        _ => Vec::new(),
    }
}

fn org_ref(out: &mut Vec<Entity>, name: Option<&str>) -> Option<String> {
    let name = name.map(str::trim).filter(|n| !n.is_empty())?;
    let id = org_id(name);
    let mut e = Entity::new("Organization", id.clone());
    e.add("name", name);
    out.push(e);
    Some(id)
}

/// What a claim says, in words, for `description`.
fn claim_description(c: &Claim) -> String {
    let mut parts = vec![format!("{} claim", c.kind.as_str())];
    parts.push(format!("modality {}", modality_label(c.modality)));
    if let Some(s) = &c.speaker {
        parts.push(format!("speaker {s}"));
    }
    if c.quoted {
        parts.push("inside quoted text".into());
    }
    parts.join(", ")
}

/// One entity per claim (plus the organisations it names).
fn claim_entities(ex: &Extraction) -> Vec<Entity> {
    let doc = document_id(&ex.doc_id);
    let mut out = Vec::new();
    for (i, c) in ex.claims.iter().enumerate() {
        let n = i.to_string();
        let id = make_id("claim", &[&ex.doc_id, &n]);
        let mut e = match c.kind {
            ClaimKind::Spend | ClaimKind::Purchase | ClaimKind::Invest | ClaimKind::Funding => {
                let mut e = Entity::new("Payment", id);
                let org = org_ref(&mut out, c.org.as_deref());
                let other = org_ref(&mut out, c.to.as_deref().or(c.from.as_deref()));
                // Funding is money the organisation receives; the others, money it pays.
                let (payer, beneficiary) = if c.kind == ClaimKind::Funding {
                    (other, org)
                } else {
                    (org, other)
                };
                if let Some(p) = payer {
                    e.add("payer", p);
                }
                if let Some(b) = beneficiary {
                    e.add("beneficiary", b);
                }
                if let Some(a) = &c.amount {
                    for v in amount_values(a) {
                        e.add("amount", v);
                    }
                    e.add_opt("currency", a.unit.as_deref());
                }
                e.add_opt("purpose", c.purpose.as_deref());
                e
            }
            ClaimKind::Transfer => {
                let mut e = Entity::new("UnknownLink", id);
                if let Some(s) = org_ref(&mut out, c.from.as_deref()) {
                    e.add("subject", s);
                }
                if let Some(o) = org_ref(&mut out, c.to.as_deref()) {
                    e.add("object", o);
                }
                let what = c
                    .quantity
                    .as_ref()
                    .map_or_else(String::new, |q| q.text.trim().to_string());
                let mut role = format!("transfer of {what}").trim().to_string();
                if let Some(meant) = &c.intended_for {
                    role.push_str(&format!(" (meant for {meant})"));
                }
                e.add("role", role);
                e
            }
            ClaimKind::Plan | ClaimKind::Target | ClaimKind::Revenue | ClaimKind::Valuation => {
                let mut e = Entity::new("Event", id);
                if let Some(o) = org_ref(&mut out, c.org.as_deref()) {
                    e.add("involved", o);
                }
                let who = c.org.as_deref().unwrap_or("");
                let name = format!("{who} {}: {}", c.kind.as_str(), claim_value(c));
                e.add("name", name);
                if let Some(a) = c.amount.as_ref().filter(|a| a.unit.is_some()) {
                    for v in amount_values(a) {
                        e.add("amount", v);
                    }
                    e.add_opt("currency", a.unit.as_deref());
                }
                e
            }
        };
        add_date(&mut e, c.date.as_deref());
        e.add("summary", c.evidence.sentence.as_str());
        e.add("description", claim_description(c));
        e.add("proof", doc.clone());
        e.dossier = Some(Provenance::span(
            &ex.doc_id,
            &c.evidence.field,
            c.evidence.start,
            c.evidence.end,
            &c.rule,
        ));
        out.push(e);
    }
    out
}

/// Every FtM entity of one extraction: the document first, then what its text names, then
/// its claims. An organisation named twice appears twice with the same id (FtM tools merge
/// entities by id); `Exporter` writes each id once.
pub fn entities(ex: &Extraction) -> Vec<Entity> {
    let mut out = document_entities(ex);
    out.extend(mention_entities(ex));
    out.extend(claim_entities(ex));
    out
}

/// Streams entities of many extractions, each id once (the first, fullest version wins for
/// documents and claims; organisations and people are the same whatever the document).
#[derive(Debug, Default)]
pub struct Exporter {
    seen: std::collections::HashSet<String>,
}

impl Exporter {
    /// The entities of `ex` not written before.
    pub fn fresh(&mut self, ex: &Extraction) -> Vec<Entity> {
        entities(ex)
            .into_iter()
            .filter(|e| self.seen.insert(e.id.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftm_dates_are_iso_prefixes() {
        for ok in ["2024", "2024-06", "2024-06-04", "2024-06-04T09:12:00-07:00"] {
            assert!(is_ftm_date(ok), "{ok}");
        }
        for bad in ["2024-Q2", "2024-06-04TEV", "XXXX-12", "24", "2024-6-4", ""] {
            assert!(!is_ftm_date(bad), "{bad}");
        }
    }

    #[test]
    fn periods_ftm_cannot_hold_become_bounds() {
        let mut e = Entity::new("Event", "x".into());
        add_date(&mut e, Some("2024-Q2"));
        assert_eq!(e.properties["startDate"], ["2024-04-01"]);
        assert_eq!(e.properties["endDate"], ["2024-06-30"]);
        assert!(!e.properties.contains_key("date"));
        let mut e = Entity::new("Event", "x".into());
        add_date(&mut e, Some("XXXX-12"));
        assert!(
            e.properties.is_empty(),
            "no year, no date: {:?}",
            e.properties
        );
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(org_id("Tesla"), org_id("tesla"));
        assert_ne!(org_id("Tesla"), person_id("Tesla"));
        assert_ne!(
            make_id("claim", &["a", "bc"]),
            make_id("claim", &["ab", "c"])
        );
        assert!(document_id("x").starts_with("dossier-doc-"));
    }

    #[test]
    fn empty_values_are_not_written() {
        let mut e = Entity::new("Event", "x".into());
        e.add("name", "  ");
        e.add("name", "A");
        e.add("name", "A");
        assert_eq!(e.properties.get("name").map(Vec::len), Some(1));
    }
}
