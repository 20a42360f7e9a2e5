//! Evidence reports: content over a fixed set of extractions and claim groups (the chip
//! story), snapshots of the three formats, escaping of hostile documents, determinism, the
//! JSON schema, and the `report` subcommand's output file.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::sync::LazyLock;

use dossier::model::{
    Address, Amount, Attachment, Claim, ClaimGroup, ClaimKind, DocKind, Document, Evidence,
    Extraction, GroupStatus, GroupSubject, Mention, MentionType, Modality, SourcedClaim, Value,
};
use dossier::report::{self, Report};
use regex::Regex;

// ---------------------------------------------------------------------------------------------
// Fixture: the chip story, as extraction and reconciliation would produce it.

struct Doc {
    id: &'static str,
    path: &'static str,
    index: Option<usize>,
    kind: DocKind,
    lang: &'static str,
    title: &'static str,
    date: &'static str,
    from: Option<(&'static str, &'static str)>,
    author: Option<&'static str>,
    orgs: &'static [&'static str],
}

fn extraction(d: &Doc, claims: Vec<Claim>) -> Extraction {
    let mentions = d
        .orgs
        .iter()
        .map(|org| {
            let mut m = Mention::new(MentionType::Org, "text", org, 0, org.len(), "org-gazetteer");
            m.value = Some(Value::Text(org.to_string()));
            m
        })
        .collect();
    Extraction {
        doc_id: d.id.into(),
        path: d.path.into(),
        message_index: d.index,
        kind: d.kind,
        lang: d.lang.into(),
        sha256: format!(
            "{:0>64}",
            d.id.bytes().map(|b| format!("{b:02x}")).collect::<String>()
        ),
        title: Some(d.title.into()),
        date: Some(d.date.into()),
        from: d.from.map(|(name, address)| Address {
            name: Some(name.into()),
            address: address.into(),
        }),
        to: Vec::new(),
        cc: Vec::new(),
        message_id: None,
        in_reply_to: None,
        references: Vec::new(),
        url: None,
        author: d.author.map(Into::into),
        mentions,
        claims,
    }
}

fn count(value: f64, item: &str, text: &str) -> Amount {
    Amount {
        value: Some(value),
        range: None,
        unit: None,
        item: Some(item.into()),
        text: text.into(),
    }
}

fn usd(value: Option<f64>, range: Option<[f64; 2]>, text: &str) -> Amount {
    Amount {
        value,
        range,
        unit: Some("USD".into()),
        item: None,
        text: text.into(),
    }
}

/// A claim stated in `sentence`, which starts at code point `start` of the text.
fn claim(kind: ClaimKind, sentence: &str, start: usize, modality: Modality) -> Claim {
    Claim {
        kind,
        quantity: None,
        amount: None,
        baseline: None,
        target: None,
        org: None,
        from: None,
        to: None,
        intended_for: None,
        purpose: None,
        date: None,
        speaker: None,
        modality,
        quoted: false,
        rule: format!("{}-fixture", kind.as_str()),
        evidence: Evidence {
            field: "text".into(),
            start,
            end: start + sentence.chars().count(),
            sentence: sentence.into(),
        },
    }
}

fn transfer(sentence: &str, start: usize, n: f64, surface: &str, item: &str) -> Claim {
    let mut c = claim(ClaimKind::Transfer, sentence, start, Modality::Reported);
    c.quantity = Some(count(n, item, surface));
    c.from = Some("Tesla".into());
    c.to = Some("X".into());
    c.intended_for = Some("Tesla".into());
    c.date = Some("2023-12".into());
    c.speaker = Some("Nvidia".into());
    c
}

fn spend(sentence: &str, start: usize, amount: Amount, date: &str) -> Claim {
    let mut c = claim(ClaimKind::Spend, sentence, start, Modality::Reported);
    c.amount = Some(amount);
    c.org = Some("Tesla".into());
    c.purpose = Some("Nvidia chips".into());
    c.date = Some(date.into());
    c.speaker = Some("Elon Musk".into());
    c
}

const MAIL_0: Doc = Doc {
    id: "mbox-a1:0",
    path: "mail/thread.mbox",
    index: Some(0),
    kind: DocKind::Email,
    lang: "fr",
    title: "Puces H100 détournées vers X",
    date: "2024-06-04T18:03:00+02:00",
    from: Some(("Desk", "desk@journal.example")),
    author: None,
    orgs: &["Nvidia", "Tesla", "X"],
};
const MAIL_1: Doc = Doc {
    id: "mbox-a1:1",
    path: "mail/thread.mbox",
    index: Some(1),
    kind: DocKind::Email,
    lang: "fr",
    title: "Re: Puces H100 détournées vers X",
    date: "2024-06-05T09:12:00+02:00",
    from: Some(("Claire", "redaction@journal.example")),
    author: None,
    orgs: &["Tesla", "X"],
};
const ARTICLE_EN: Doc = Doc {
    id: "cnbc-chips",
    path: "articles/en.jsonl",
    index: Some(0),
    kind: DocKind::Article,
    lang: "en",
    title: "Musk diverted thousands of Nvidia AI chips from Tesla to X",
    date: "2024-06-04",
    from: None,
    author: Some("Business desk"),
    orgs: &["Nvidia", "Tesla", "X", "xAI"],
};
const ARTICLE_FR: Doc = Doc {
    id: "fr-puces",
    path: "articles/puces.html",
    index: None,
    kind: DocKind::Article,
    lang: "fr",
    title: "Elon Musk a réorienté des puces Nvidia de Tesla vers X",
    date: "2024-06-05",
    from: None,
    author: Some("Rédaction Tech"),
    orgs: &["Nvidia", "Tesla", "X"],
};

struct Story {
    extractions: Vec<Extraction>,
    groups: Vec<ClaimGroup>,
}

fn sourced(ex: &Extraction, claim: &Claim, superseded: bool, correction: bool) -> SourcedClaim {
    SourcedClaim {
        doc_id: ex.doc_id.clone(),
        path: ex.path.clone(),
        message_index: ex.message_index,
        title: ex.title.clone(),
        doc_date: ex.date.clone(),
        sender: ex.from.as_ref().and_then(|f| f.name.clone()),
        superseded,
        correction,
        claim: claim.clone(),
    }
}

fn chip_story() -> Story {
    let first = transfer(
        "Nvidia indique que Tesla a cédé 12 400 livraisons de GPU H100 à X en décembre 2023, alors qu'elles étaient destinées à Tesla.",
        0,
        12_400.0,
        "12 400 livraisons de GPU H100",
        "GPU H100",
    );
    let mut correction = transfer(
        "Tesla a cédé 12 000 livraisons de GPU H100 à X en décembre 2023.",
        36,
        12_000.0,
        "12 000 livraisons de GPU H100",
        "GPU H100",
    );
    correction.modality = Modality::Asserted;
    correction.speaker = None;
    let en = transfer(
        "Nvidia said 12,000 shipments of H100 GPUs meant for Tesla were sent to X in December 2023.",
        0,
        12_000.0,
        "12,000 shipments of H100 GPUs",
        "H100 GPUs",
    );
    let fr = transfer(
        "Selon Nvidia, 12 000 livraisons de GPU H100 prévues pour Tesla ont été réorientées vers X en décembre 2023.",
        0,
        12_000.0,
        "12 000 livraisons de GPU H100",
        "GPU H100",
    );
    let ten = spend(
        "Musk said earlier in 2024 that Tesla would spend about $10 billion this year on AI, much of it on Nvidia chips.",
        91,
        usd(Some(1e10), None, "$10 billion"),
        "2024",
    );
    let three_four = spend(
        "Tesla dépensera entre 3 et 4 milliards de dollars en puces Nvidia en 2024, a affirmé Elon Musk en juin.",
        108,
        usd(None, Some([3e9, 4e9]), "entre 3 et 4 milliards de dollars"),
        "2024",
    );
    let mut plan = claim(
        ClaimKind::Plan,
        "Tesla planned to take its H100 supply from 35,000 to 85,000 by the end of 2024.",
        203,
        Modality::Planned,
    );
    plan.org = Some("Tesla".into());
    plan.baseline = Some(count(35_000.0, "H100", "35,000"));
    plan.target = Some(count(85_000.0, "H100", "85,000"));
    plan.date = Some("2024-Q4".into());

    let mail_0 = extraction(&MAIL_0, vec![first.clone()]);
    let mail_1 = extraction(&MAIL_1, vec![correction.clone()]);
    let article_en = extraction(&ARTICLE_EN, vec![en.clone(), ten.clone(), plan.clone()]);
    let article_fr = extraction(&ARTICLE_FR, vec![fr.clone(), three_four.clone()]);

    let groups = vec![
        ClaimGroup {
            group_id: "g-plan-tesla-h100".into(),
            kind: ClaimKind::Plan,
            subject: GroupSubject {
                org: Some("Tesla".into()),
                item: Some("H100 supply".into()),
                period: Some("2024".into()),
                ..GroupSubject::default()
            },
            status: GroupStatus::SingleSource,
            values: vec![plan.target.clone().unwrap_or_default()],
            claims: vec![sourced(&article_en, &plan, false, false)],
        },
        ClaimGroup {
            group_id: "g-transfer-tesla-x".into(),
            kind: ClaimKind::Transfer,
            subject: GroupSubject {
                from: Some("Tesla".into()),
                to: Some("X".into()),
                item: Some("GPU H100".into()),
                period: Some("2023-12".into()),
                ..GroupSubject::default()
            },
            status: GroupStatus::Corroborated,
            values: vec![count(12_000.0, "GPU H100", "12 000 livraisons de GPU H100")],
            claims: vec![
                sourced(&article_en, &en, false, false),
                sourced(&mail_1, &correction, false, true),
                sourced(&mail_0, &first, true, false),
                sourced(&article_fr, &fr, false, false),
            ],
        },
        ClaimGroup {
            group_id: "g-spend-tesla-nvidia".into(),
            kind: ClaimKind::Spend,
            subject: GroupSubject {
                org: Some("Tesla".into()),
                item: Some("Nvidia chips".into()),
                period: Some("2024".into()),
                ..GroupSubject::default()
            },
            status: GroupStatus::Discrepant,
            values: vec![
                usd(Some(1e10), None, "$10 billion"),
                usd(None, Some([3e9, 4e9]), "entre 3 et 4 milliards de dollars"),
            ],
            claims: vec![
                sourced(&article_en, &ten, false, false),
                sourced(&article_fr, &three_four, false, false),
            ],
        },
    ];
    Story {
        extractions: vec![mail_0, mail_1, article_en, article_fr],
        groups,
    }
}

fn story_report() -> Report {
    let s = chip_story();
    Report::build(&s.extractions, &s.groups)
}

static HREF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"href="([^"]*)""#).unwrap());
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\bid="([^"]*)""#).unwrap());
/// A Markdown link target: `](…)` where the bracket is not backslash-escaped.
static MD_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\\])\]\(([^)]*)\)").unwrap());

// ---------------------------------------------------------------------------------------------
// Content.

#[test]
fn discrepancies_come_first_and_the_correction_is_flagged() {
    let r = story_report();
    let statuses: Vec<GroupStatus> = r.groups.iter().map(|g| g.status).collect();
    assert_eq!(
        statuses,
        [
            GroupStatus::Discrepant,
            GroupStatus::Corroborated,
            GroupStatus::SingleSource
        ]
    );
    assert_eq!(r.groups[0].values, ["$10 billion", "$3–4 billion"]);
    assert_eq!(
        r.summary.highlights,
        ["g-spend-tesla-nvidia", "g-transfer-tesla-x"]
    );

    let transfer = &r.groups[1];
    assert!(transfer.corrected);
    // Oldest document first: the superseded 12,400 before the correction that replaces it.
    let rows: Vec<(&str, bool, bool)> = transfer
        .claims
        .iter()
        .map(|c| (c.value.as_str(), c.superseded, c.correction))
        .collect();
    assert_eq!(
        rows,
        [
            ("12,000 H100 GPUs", false, false),
            ("12,400 GPU H100", true, false),
            // A date without a time sorts before the same day's timed messages.
            ("12,000 GPU H100", false, false),
            ("12,000 GPU H100", false, true),
        ]
    );

    let superseded: Vec<&str> = r
        .evidence
        .iter()
        .filter(|e| e.superseded)
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(superseded, ["12,400 GPU H100"]);
    assert_eq!(r.evidence.iter().filter(|e| e.correction).count(), 1);

    let md = report::markdown::render(&r);
    assert!(md.contains("corrected later"), "{md}");
    assert!(md.contains("**correction**"));
    let html = report::html::render(&r);
    assert!(html.contains("class=\"tag correction\""));
    assert!(html.contains("<tr class=\"struck\">"));
}

#[test]
fn summary_counts_documents_senders_and_organisations() {
    let s = story_report().summary;
    assert_eq!(s.documents, 4);
    assert_eq!(s.by_kind.get("email"), Some(&2));
    assert_eq!(s.by_kind.get("article"), Some(&2));
    assert_eq!(s.by_lang.get("fr"), Some(&3));
    assert_eq!(
        s.date_span,
        Some(["2024-06-04".to_string(), "2024-06-05".to_string()])
    );
    assert_eq!(s.claims, 7);
    assert_eq!(s.mentions, BTreeMap::from([("org".to_string(), 12)]));
    assert_eq!(
        s.organisations.first().map(|o| o.name.as_str()),
        Some("Tesla")
    );
    let senders: BTreeSet<&str> = s.senders.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        senders,
        BTreeSet::from(["Business desk", "Claire", "Desk", "Rédaction Tech"])
    );
}

#[test]
fn organisation_table_puts_each_figure_in_its_column() {
    let r = story_report();
    let row = |name: &str| {
        r.organisations
            .iter()
            .find(|o| o.org == name)
            .unwrap_or_else(|| panic!("no row for {name}"))
    };
    let tesla = row("Tesla");
    let spent: BTreeSet<&str> = tesla.spent.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(spent, BTreeSet::from(["$10 billion", "$3–4 billion"]));
    // Four transfer claims to X, two figures: each figure is one cell counting its claims.
    let sent: Vec<(&str, usize)> = tesla
        .sent
        .iter()
        .map(|c| (c.value.as_str(), c.claims))
        .collect();
    assert_eq!(sent, [("12,000 GPU H100", 3), ("12,400 GPU H100", 1)]);
    assert!(
        tesla
            .sent
            .iter()
            .all(|c| c.counterparty.as_deref() == Some("X"))
    );
    assert_eq!(tesla.planned.len(), 1);
    assert_eq!(tesla.planned[0].value, "35,000 → 85,000 H100");
    let x = row("X");
    assert_eq!(x.received.iter().map(|c| c.claims).sum::<usize>(), 4);
    assert_eq!(x.received.len(), 2);
    assert!(
        x.received
            .iter()
            .all(|c| c.counterparty.as_deref() == Some("Tesla, meant for Tesla"))
    );
    assert!(x.sent.is_empty() && x.spent.is_empty());
}

#[test]
fn timeline_is_chronological_with_precision() {
    let r = story_report();
    let dates: Vec<(&str, &str)> = r
        .timeline
        .iter()
        .map(|t| (t.date.as_str(), t.precision.as_str()))
        .collect();
    assert_eq!(dates.len(), 7, "{dates:?}");
    assert_eq!(dates[0], ("2023-12", "month"));
    assert!(dates.contains(&("2024", "year")));
    assert!(dates.contains(&("2024-Q4", "quarter")));
    let starts: Vec<&str> = r
        .timeline
        .iter()
        .map(|t| t.interval.as_ref().map(|i| i[0].as_str()).unwrap_or("~"))
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn recipients_count_each_transfer_once_and_skip_corrected_figures() {
    let r = story_report();
    assert_eq!(r.recipients.len(), 1);
    let x = &r.recipients[0];
    assert_eq!(x.recipient, "X");
    // Three sources state 12,000 (one in other words), one says 12,400 and is corrected.
    assert_eq!(x.total, 12_000.0);
    assert_eq!(x.transfers.len(), 1);
}

/// Checks that every link of an HTML report is an in-page anchor that exists; returns how
/// many point at evidence.
fn assert_links_resolve(html: &str) -> usize {
    let ids: BTreeSet<&str> = ID
        .captures_iter(html)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .collect();
    let mut evidence_links = 0;
    for cap in HREF.captures_iter(html) {
        let target = &cap[1];
        let anchor = target
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external href {target}"));
        assert!(ids.contains(anchor), "dangling link #{anchor}");
        evidence_links += usize::from(anchor.starts_with("ev-"));
    }
    evidence_links
}

/// Checks that every link of a Markdown report is an in-page anchor that exists.
fn assert_md_links_resolve(md: &str) {
    let mut md_ids: BTreeSet<String> = ID.captures_iter(md).map(|c| c[1].to_string()).collect();
    // Section headings get GitHub's slugs ("## Claim groups" → `#claim-groups`).
    md_ids.extend(md.lines().filter_map(|l| l.strip_prefix("## ")).map(|h| {
        h.to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' => Some(c),
                _ => None,
            })
            .collect::<String>()
    }));
    for cap in MD_LINK.captures_iter(md) {
        let anchor = cap[1]
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external link {}", &cap[1]));
        assert!(md_ids.contains(anchor), "dangling Markdown link #{anchor}");
    }
}

#[test]
fn every_figure_links_to_an_evidence_anchor_that_exists() {
    let r = story_report();
    let html = report::html::render(&r);
    let evidence_links = assert_links_resolve(&html);
    // Groups (7 rows), organisations (one cell per figure: 2 sent + 2 received + 2 spent + 1
    // planned), timeline table (7) and chart (5: one point per organisation, period and
    // figure; two claims restate another's figure), recipients (chart and table), evidence
    // self-links (7).
    assert!(evidence_links >= 7 + 7 + 7 + 5 + 2 + 7, "{evidence_links}");
    assert_eq!(r.evidence.len(), 7);

    assert_md_links_resolve(&report::markdown::render(&r));
}

#[test]
fn a_claim_normalised_by_reconciliation_keeps_its_evidence() {
    let mut s = chip_story();
    for g in &mut s.groups {
        for c in &mut g.claims {
            c.claim.org = c.claim.org.as_ref().map(|o| format!("{o} Inc."));
            if let Some(q) = &mut c.claim.quantity {
                q.item = Some("H100".into());
            }
        }
    }
    let r = Report::build(&s.extractions, &s.groups);
    assert_eq!(r.evidence.len(), 7, "one evidence item per claim, not two");
    let ids: BTreeSet<&str> = r.evidence.iter().map(|e| e.id.as_str()).collect();
    for g in &r.groups {
        for c in &g.claims {
            assert!(ids.contains(c.evidence.as_str()), "{}", c.evidence);
        }
    }
}

#[test]
fn evidence_highlights_the_figure_in_its_sentence() {
    let r = story_report();
    let html = report::html::render(&r);
    assert!(html.contains("a cédé <mark>12 000 livraisons de GPU H100</mark> à X"));
    assert!(html.contains("from <mark>35,000</mark> to <mark>85,000</mark> by"));
    assert!(html.contains("entre 3 et 4 milliards de dollars</mark>"));
    let md = report::markdown::render(&r);
    assert!(md.contains("> Nvidia said **12,000 shipments of H100 GPUs** meant for Tesla"));
    // Document metadata travels with each sentence.
    assert!(html.contains("<code>mail/thread.mbox</code>, message 1"));
    assert!(md.contains("- **sha256:** "));
}

#[test]
fn html_is_self_contained_and_has_both_figures() {
    let html = report::html::render(&story_report());
    assert_eq!(html.matches("<svg").count(), 2, "timeline and bar chart");
    assert!(html.contains("Timeline of dated claims"));
    assert!(html.contains("Quantities received per recipient"));
    for forbidden in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    // Only the SVG namespace is an absolute URL, and it is never fetched.
    let urls: BTreeSet<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..(i + 26).min(html.len())])
        .collect();
    assert!(
        urls.iter()
            .all(|u| u.starts_with("http://www.w3.org/2000/svg") || u.starts_with("http-equiv")),
        "{urls:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile documents.

const PAYLOADS: [&str; 4] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "x|y`z`*w*[l](javascript:alert(2))<b onmouseover=alert(3)>",
];

fn hostile(i: usize) -> String {
    format!(
        "{} {}",
        PAYLOADS[i % PAYLOADS.len()],
        PAYLOADS[(i + 1) % PAYLOADS.len()]
    )
}

/// A document with a payload in every field a report shows, run through real extraction,
/// plus hand-made claims and a group carrying payloads in every role.
fn hostile_story() -> (Vec<Extraction>, Vec<ClaimGroup>) {
    let mut doc = Document::new(DocKind::Email, hostile(0));
    doc.doc_id = hostile(1);
    doc.title = Some(format!("Subject {}", hostile(0)));
    doc.date = Some(hostile(2));
    doc.lang = hostile(3);
    doc.sha256 = hostile(1);
    doc.message_index = Some(3);
    doc.from = Some(Address {
        name: Some(hostile(1)),
        address: hostile(2),
    });
    doc.text = format!(
        "Tesla a cédé 12 000 puces {} à X en décembre 2023. {}",
        hostile(0),
        hostile(3)
    );
    doc.attachments = vec![Attachment {
        name: Some(hostile(1)),
        mime: "text/plain".into(),
        size: 10,
        sha256: hostile(2),
        text: Some(format!(
            "Tesla a dépensé 3 milliards de dollars. {}",
            hostile(0)
        )),
    }];
    let mut ex = dossier::extract::extract_document(&doc, &Default::default());
    ex.author = Some(hostile(2));
    ex.url = Some("javascript:alert(4)".into());
    let mut mention = Mention::new(MentionType::Org, "text", &doc.text, 0, 5, hostile(3));
    mention.value = Some(Value::Text(hostile(0)));
    ex.mentions.push(mention);

    let sentence = doc.text.clone();
    let mut c = transfer(&sentence, 0, 12_000.0, &hostile(1), &hostile(0));
    c.from = Some(hostile(1));
    c.to = Some(hostile(2));
    c.intended_for = Some(hostile(3));
    c.speaker = Some(hostile(0));
    c.purpose = Some(hostile(1));
    c.rule = hostile(2);
    c.date = Some(hostile(3));
    c.evidence.field = hostile(0);
    let mut dated = c.clone();
    dated.date = Some("2023-12".into());
    let mut s = spend(&sentence, 4, usd(Some(3e9), None, &hostile(3)), "2024");
    s.org = Some(hostile(0));
    s.purpose = Some(hostile(2));
    ex.claims.extend([c.clone(), dated.clone(), s.clone()]);

    let group = ClaimGroup {
        group_id: hostile(0),
        kind: ClaimKind::Transfer,
        subject: GroupSubject {
            org: Some(hostile(1)),
            from: Some(hostile(2)),
            to: Some(hostile(3)),
            item: Some(hostile(0)),
            period: Some(hostile(1)),
        },
        status: GroupStatus::Discrepant,
        values: vec![count(12_000.0, &hostile(2), &hostile(3))],
        claims: vec![
            SourcedClaim {
                doc_id: hostile(2),
                path: hostile(3),
                message_index: None,
                title: Some(hostile(0)),
                doc_date: Some(hostile(1)),
                sender: Some(hostile(2)),
                superseded: true,
                correction: false,
                claim: c,
            },
            sourced(&ex, &dated, false, true),
        ],
    };
    (vec![ex], vec![group])
}

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[A-Za-z][^>]*>").unwrap());
static EVENT_ATTR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"(?i)\son[a-z]+\s*="#).unwrap());
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s([a-zA-Z:-]+)="([^"]*)""#).unwrap());

#[test]
fn hostile_text_is_inert_in_html() {
    let (extractions, groups) = hostile_story();
    let html = report::html::render(&Report::build(&extractions, &groups));
    // Kept for a look in a browser (`scripts/screenshot.sh`).
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-hostile.html");
    std::fs::write(&out, &html).expect("write the hostile report");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "payload shown, escaped"
    );
    assert!(!html.to_lowercase().contains("<script"));
    assert!(!html.contains("<img") && !html.contains("<b "));
    for tag in TAG.find_iter(&html) {
        let tag = tag.as_str();
        assert!(!EVENT_ATTR.is_match(tag), "event handler in {tag}");
        for attr in ATTR.captures_iter(tag) {
            let (name, value) = (&attr[1], &attr[2]);
            assert!(!value.to_lowercase().contains("javascript:"), "{tag}");
            if name == "href" {
                assert!(value.starts_with('#'), "external link in {tag}");
                assert!(
                    value[1..]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-'),
                    "{tag}"
                );
            }
            assert_ne!(name, "src", "{tag}");
        }
    }
    // Tags: only ours. Every `<` that starts a tag must be a known element.
    let allowed: BTreeSet<&str> = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "nav",
        "a",
        "section",
        "div",
        "span",
        "dl",
        "dt",
        "dd",
        "ol",
        "li",
        "article",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "svg",
        "rect",
        "text",
        "line",
        "circle",
        "blockquote",
        "mark",
        "code",
        "strong",
        "footer",
    ]
    .into();
    for tag in TAG.find_iter(&html) {
        let name: String = tag.as_str()[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            allowed.contains(name.as_str()),
            "unexpected tag {}",
            tag.as_str()
        );
    }
}

#[test]
fn hostile_text_is_inert_in_markdown() {
    let (extractions, groups) = hostile_story();
    let md = report::markdown::render(&Report::build(&extractions, &groups));
    assert!(!md.contains("<script") && !md.contains("<img") && !md.contains("<b "));
    assert!(md.contains("&lt;script&gt;"));
    // Links only to in-page anchors: data cannot open a link (its brackets are escaped).
    for cap in MD_LINK.captures_iter(&md) {
        assert!(cap[1].starts_with('#'), "link to {}", &cap[1]);
    }
    // Every table row has as many unescaped pipes as its header: data cannot add cells.
    let mut expected = None;
    for line in md.lines() {
        if !line.starts_with('|') {
            expected = None;
            continue;
        }
        let pipes = line
            .match_indices('|')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count();
        let want = *expected.get_or_insert(pipes);
        assert_eq!(pipes, want, "row with extra cells: {line}");
    }
    // Backticks from data never open a code span.
    for line in md.lines() {
        let raw_ticks = line
            .match_indices('`')
            .filter(|(i, _)| !line[..*i].ends_with('\\'))
            .count();
        assert_eq!(raw_ticks % 2, 0, "{line}");
        assert!(!line.contains("`z`"), "{line}");
    }
}

#[test]
fn hostile_text_round_trips_in_json() {
    let (extractions, groups) = hostile_story();
    let report = Report::build(&extractions, &groups);
    let json = report::json::render(&report);
    let back: Report = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back, report);
    assert!(
        json.contains("<script>alert(1)</script>"),
        "JSON keeps data verbatim"
    );
}

#[test]
fn broken_offsets_and_odd_text_do_not_panic() {
    let (mut extractions, groups) = hostile_story();
    for c in &mut extractions[0].claims {
        c.evidence.start = usize::MAX - 1;
        c.evidence.end = 3;
        c.evidence.sentence = "é\u{0}\u{202e}👩‍👩‍👧".into();
        if let Some(q) = &mut c.quantity {
            q.value = Some(f64::NAN);
            q.text = "👧".into();
        }
        c.date = Some("2024-02-30".into());
    }
    // A megabyte-long "sentence" is quoted as a window around its figure, not in full.
    let mut long = extractions[0].claims[0].clone();
    long.evidence.sentence = format!("{} 77 777 {}", "<b>".repeat(100_000), "x".repeat(500_000));
    long.quantity = Some(count(77_777.0, "items", "77 777"));
    extractions[0].claims.push(long);
    let r = Report::build(&extractions, &groups);
    let clipped = r
        .evidence
        .iter()
        .find(|e| e.value == "77,777 items")
        .expect("long claim");
    assert!(clipped.clipped && clipped.sentence.chars().count() <= 600);
    let html = report::html::render(&r);
    assert!(html.contains("<mark>77 777</mark>"));
    assert!(html.len() < 200_000, "{} bytes", html.len());
    for format in [
        report::Format::Html,
        report::Format::Markdown,
        report::Format::Json,
    ] {
        let out = report::render(&r, format);
        assert!(!out.contains('\u{0}'));
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism and snapshots.

#[test]
fn same_input_in_any_order_gives_the_same_report() {
    let s = chip_story();
    let a = Report::build(&s.extractions, &s.groups);
    let mut extractions = s.extractions.clone();
    extractions.reverse();
    let mut groups = s.groups.clone();
    groups.reverse();
    for g in &mut groups {
        g.claims.reverse();
    }
    let b = Report::build(&extractions, &groups);
    assert_eq!(report::json::render(&a), report::json::render(&b));
    assert_eq!(report::html::render(&a), report::html::render(&b));
    assert_eq!(report::markdown::render(&a), report::markdown::render(&b));
    assert!(a.generated_at.is_none());
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!("chip_story_md", report::markdown::render(&story_report()));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("chip_story_json", report::json::render(&story_report()));
}

#[test]
fn snapshot_html() {
    let html = report::html::render(&story_report());
    // Kept beside the build for `scripts/screenshot.sh`.
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-chip-story.html");
    std::fs::write(&out, &html).expect("write the HTML report for screenshots");
    insta::assert_snapshot!("chip_story_html", html);
}

/// The bundled corpus, through the real pipeline: links resolve, output is stable, and the
/// golden files show what changed when extraction or reconciliation change.
#[test]
fn corpus_report() {
    // Integration tests run in the package root, so paths in the report stay relative.
    let root = std::path::Path::new("corpus");
    if !root.is_dir() {
        eprintln!("note: corpus/ not found, corpus report not checked");
        return;
    }
    let (inputs, errors) = dossier::ingest::collect_inputs(&[root.to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    let opts = dossier::extract::ExtractOptions::default();
    let mut extractions = Vec::new();
    let mut failures = Vec::new();
    dossier::ingest::run(
        &inputs,
        &Default::default(),
        |doc| dossier::extract::extract_document(&doc, &opts),
        |r| match r {
            Ok(ex) => extractions.push(ex),
            Err(e) => failures.push(e.to_string()),
        },
    );
    assert!(failures.is_empty(), "{failures:?}");
    let groups = dossier::reconcile::reconcile(&extractions);
    let r = Report::build(&extractions, &groups);
    assert_eq!(r.summary.documents, extractions.len());
    assert_eq!(r, Report::build(&extractions, &groups), "deterministic");
    // The chip story's one transfer, however each source names the chips, counts once.
    let x = r
        .recipients
        .iter()
        .find(|t| t.recipient == "X")
        .expect("X received chips");
    assert_eq!(x.total, 12_000.0, "{:?}", x.transfers);
    // The mailbox's mistaken 12,400 is shown as corrected, not beside 12,000 as a rival value.
    let transfer = r
        .groups
        .iter()
        .find(|g| g.kind == dossier::model::ClaimKind::Transfer && g.corrected)
        .expect("the corrected transfer group");
    assert!(
        transfer.values.iter().all(|v| v.starts_with("12,000")),
        "{:?}",
        transfer.values
    );
    assert!(
        transfer
            .superseded_values
            .iter()
            .any(|v| v.starts_with("12,400")),
        "{:?}",
        transfer.superseded_values
    );
    // Tables read claims as the groups do: a transfer completed from its thread is dated on
    // the timeline, and a figure that names no party sits in the lane of the organisation
    // whose group it joined, flagged as such.
    let grouped: std::collections::BTreeSet<&str> = r
        .groups
        .iter()
        .filter(|g| g.subject.org.is_some() || g.subject.from.is_some())
        .flat_map(|g| g.claims.iter().map(|c| c.evidence.as_str()))
        .collect();
    let strays: Vec<&str> = r
        .timeline
        .iter()
        .filter(|t| t.org == report::model::UNATTRIBUTED && grouped.contains(t.evidence.as_str()))
        .map(|t| t.value.as_str())
        .collect();
    assert!(strays.is_empty(), "grouped but unattributed: {strays:?}");
    let by_group: Vec<(&str, &str)> = r
        .timeline
        .iter()
        .filter(|t| t.by_group)
        .map(|t| (t.org.as_str(), t.figure.as_str()))
        .collect();
    assert!(by_group.contains(&("Tesla", "$10 billion")), "{by_group:?}");
    assert!(
        by_group.contains(&("Voltanis", "€120 million")),
        "{by_group:?}"
    );
    let dated_transfers = r
        .timeline
        .iter()
        .filter(|t| t.kind == dossier::model::ClaimKind::Transfer && t.figure == "12,000")
        .count();
    let grouped_transfers = transfer
        .claims
        .iter()
        .filter(|c| c.value.starts_with("12,000") && c.date.is_some())
        .count();
    assert_eq!(dated_transfers, grouped_transfers);
    // The corrected 12,400 is marked wherever it shows: organisation table and timeline.
    let tesla = r
        .organisations
        .iter()
        .find(|o| o.org == "Tesla")
        .expect("a Tesla row");
    let sent: Vec<(&str, bool)> = tesla
        .sent
        .iter()
        .filter(|c| c.value.starts_with("12,"))
        .map(|c| (c.value.as_str(), c.superseded))
        .collect();
    assert!(
        sent.iter().any(|&(v, s)| v.starts_with("12,400") && s),
        "{sent:?}"
    );
    assert!(
        sent.iter().any(|&(v, s)| v.starts_with("12,000") && !s),
        "{sent:?}"
    );
    let old: Vec<bool> = r
        .timeline
        .iter()
        .filter(|t| t.figure == "12,400")
        .map(|t| t.superseded)
        .collect();
    assert!(!old.is_empty() && old.iter().all(|&s| s), "{old:?}");
    let html = report::html::render(&r);
    assert_links_resolve(&html);
    assert!(!html.contains("<script"));
    let md = report::markdown::render(&r);
    assert_md_links_resolve(&md);
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-corpus.html");
    std::fs::write(&out, &html).expect("write the corpus report for screenshots");
    insta::assert_snapshot!("corpus_md", md);
    insta::assert_snapshot!("corpus_json", report::json::render(&r));
    insta::assert_snapshot!("corpus_html", html);
}

/// Throughput on a large synthetic input (many documents, claims and groups). Ignored by
/// default; run with `cargo test --release --test report -- --ignored --nocapture scale`.
#[test]
#[ignore]
fn scale() {
    let story = chip_story();
    let mut extractions = Vec::new();
    let mut groups = Vec::new();
    for i in 0..2_500 {
        for ex in &story.extractions {
            let mut ex = ex.clone();
            ex.doc_id = format!("{}-{i}", ex.doc_id);
            ex.path = format!("batch-{i}/{}", ex.path);
            for c in &mut ex.claims {
                if let Some(q) = &mut c.quantity {
                    q.value = Some(1000.0 + i as f64);
                }
                c.to = c.to.as_ref().map(|to| format!("{to}-{}", i % 50));
            }
            extractions.push(ex);
        }
        for g in &story.groups {
            let mut g = g.clone();
            g.group_id = format!("{}-{i}", g.group_id);
            for c in &mut g.claims {
                c.doc_id = format!("{}-{i}", c.doc_id);
            }
            groups.push(g);
        }
    }
    let claims: usize = extractions.iter().map(|e| e.claims.len()).sum();
    let t = std::time::Instant::now();
    let r = Report::build(&extractions, &groups);
    let built = t.elapsed();
    let t = std::time::Instant::now();
    let html = report::html::render(&r);
    let html_time = t.elapsed();
    let t = std::time::Instant::now();
    let md = report::markdown::render(&r);
    let md_time = t.elapsed();
    let t = std::time::Instant::now();
    let json = report::json::render(&r);
    let json_time = t.elapsed();
    assert_eq!(r.summary.documents, 10_000);
    assert!(
        r.evidence.len() >= claims / 2,
        "{} evidence items",
        r.evidence.len()
    );
    println!(
        "{} documents, {claims} claims, {} groups: build {built:?}; html {html_time:?} ({} MB); md {md_time:?} ({} MB); json {json_time:?} ({} MB)",
        r.summary.documents,
        groups.len(),
        html.len() / 1_000_000,
        md.len() / 1_000_000,
        json.len() / 1_000_000
    );
}

// ---------------------------------------------------------------------------------------------
// JSON schema: every field the report writes is documented, every required field is written.

fn schema() -> serde_json::Value {
    let text = include_str!("../docs/report.schema.json");
    serde_json::from_str(text).expect("docs/report.schema.json is JSON")
}

fn resolve<'a>(
    schema: &'a serde_json::Value,
    node: &'a serde_json::Value,
) -> &'a serde_json::Value {
    match node.get("$ref").and_then(|r| r.as_str()) {
        Some(r) => {
            let name = r.trim_start_matches("#/$defs/");
            schema["$defs"]
                .get(name)
                .unwrap_or_else(|| panic!("missing $def {name}"))
        }
        None => node,
    }
}

fn check(
    schema: &serde_json::Value,
    node: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
    errors: &mut Vec<String>,
) {
    let node = resolve(schema, node);
    if let Some(options) = node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(|v| v.as_array())
    {
        let mut best: Option<Vec<String>> = None;
        for option in options {
            let mut errs = Vec::new();
            check(schema, option, value, path, &mut errs);
            if errs.is_empty() {
                return;
            }
            if best.as_ref().is_none_or(|b| errs.len() < b.len()) {
                best = Some(errs);
            }
        }
        errors.extend(best.unwrap_or_default());
        return;
    }
    let types: Vec<&str> = match node.get("type") {
        Some(serde_json::Value::String(t)) => vec![t.as_str()],
        Some(serde_json::Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str()).collect(),
        _ => Vec::new(),
    };
    let actual = match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    };
    let type_ok = types.is_empty()
        || types.contains(&actual)
        || (actual == "integer" && types.contains(&"number"));
    if !type_ok {
        errors.push(format!("{path}: {actual} where the schema says {types:?}"));
        return;
    }
    if let Some(allowed) = node.get("enum").and_then(|e| e.as_array())
        && !allowed.contains(value)
    {
        errors.push(format!("{path}: {value} not in enum"));
    }
    match value {
        serde_json::Value::Object(map) => {
            let props = node.get("properties").and_then(|p| p.as_object());
            for (k, v) in map {
                match props.and_then(|p| p.get(k)) {
                    Some(sub) => check(schema, sub, v, &format!("{path}.{k}"), errors),
                    None => match node.get("additionalProperties") {
                        Some(extra) if extra.is_object() => {
                            check(schema, extra, v, &format!("{path}.{k}"), errors)
                        }
                        _ => errors.push(format!("{path}.{k}: not documented in the schema")),
                    },
                }
            }
            for req in node
                .get("required")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(name) = req.as_str()
                    && !map.contains_key(name)
                {
                    errors.push(format!("{path}.{name}: required but missing"));
                }
            }
        }
        serde_json::Value::Array(items) => {
            if let Some(item) = node.get("items") {
                for (i, v) in items.iter().enumerate() {
                    check(schema, item, v, &format!("{path}[{i}]"), errors);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn json_report_matches_its_documented_schema() {
    let schema = schema();
    let mut reports = vec![story_report()];
    let (extractions, groups) = hostile_story();
    reports.push(Report::build(&extractions, &groups));
    let mut stamped = story_report();
    stamped.generated_at = Some("2024-06-06T00:00:00Z".into());
    stamped.query = Some("H100".into());
    reports.push(stamped);
    reports.push(Report::build(&[], &[]));
    let mut errors = Vec::new();
    for r in &reports {
        let value: serde_json::Value = serde_json::from_str(&report::json::render(r)).unwrap();
        check(&schema, &schema, &value, "$", &mut errors);
    }
    errors.sort();
    errors.dedup();
    assert!(
        errors.is_empty(),
        "{} schema errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    // And the schema is not vacuous: a field it does not know is caught.
    let mut value: serde_json::Value =
        serde_json::from_str(&report::json::render(&reports[0])).unwrap();
    value["groups"][0]["surprise"] = serde_json::json!(1);
    let mut errs = Vec::new();
    check(&schema, &schema, &value, "$", &mut errs);
    assert_eq!(errs, ["$.groups[0].surprise: not documented in the schema"]);
}

// ---------------------------------------------------------------------------------------------
// The subcommand.

const EMAIL: &str = "From: Claire <redaction@journal.example>\r\nTo: desk@journal.example\r\nSubject: Puces <b>H100</b>\r\nDate: Wed, 5 Jun 2024 09:12:00 +0200\r\nMessage-ID: <2@journal.example>\r\n\r\nSelon Nvidia, Tesla a cede 12 000 livraisons de GPU H100 a X en decembre 2023.\r\n";

#[test]
fn report_command_writes_each_format_where_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.eml"), EMAIL).unwrap();
    let mut outputs = BTreeMap::new();
    for (format, name) in [("html", "r.html"), ("md", "r.md"), ("json", "r.json")] {
        let out_path = dir.path().join("out").join(name);
        std::fs::create_dir_all(out_path.parent().unwrap()).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["report", "--format", format, "-o"])
            .arg(&out_path)
            .arg(dir.path().join("a.eml"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains(&format!("wrote {}", out_path.display())),
            "{stderr}"
        );
        assert!(stderr.contains("1 documents"), "{stderr}");
        let text = std::fs::read_to_string(&out_path).unwrap();
        outputs.insert(format, text);
        // Only the report itself is left in the output folder (no temporary file).
        let names: Vec<String> = std::fs::read_dir(out_path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }
    assert!(outputs["html"].starts_with("<!DOCTYPE html>"));
    assert!(outputs["html"].contains("Puces &lt;b&gt;H100&lt;/b&gt;"));
    assert!(outputs["md"].starts_with("# Evidence report"));
    let json: serde_json::Value = serde_json::from_str(&outputs["json"]).unwrap();
    assert_eq!(json["summary"]["documents"], 1);
    assert!(
        json.get("generated_at").is_none(),
        "no timestamp unless asked"
    );
}

#[test]
fn report_command_defaults_to_the_working_directory_and_stamps_on_request() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.eml"), EMAIL).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(dir.path())
        .args(["report", "a.eml", "--format", "json", "--timestamp"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("dossier-report.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        json["generated_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
}

#[test]
fn report_command_reads_an_index_and_its_query_hits() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.eml"), EMAIL).unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Voltanis\n\nVoltanis lève 120 millions d'euros pour son usine de Dunkerque.\n",
    )
    .unwrap();
    let index = dir.path().join("idx");
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["index", "--index"])
        .arg(&index)
        .arg(dir.path().join("a.eml"))
        .arg(dir.path().join("b.txt"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = |query: Option<&str>| -> serde_json::Value {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.args(["report", "--format", "json", "-o", "-", "--index"])
            .arg(&index);
        if let Some(q) = query {
            cmd.args(["--query", q]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON report on stdout")
    };
    assert_eq!(report(None)["summary"]["documents"], 2);
    let hits = report(Some("Voltanis"));
    assert_eq!(hits["summary"]["documents"], 1);
    assert_eq!(hits["query"], "Voltanis");
    // `dossier report QUERY`, as DESIGN.md writes it: with --index, or from the folder that
    // holds the default index, a word that is no file is the query.
    let positional = |args: &[&str], cwd: &std::path::Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["report", "--format", "json", "-o", "-"])
            .args(args)
            .current_dir(cwd)
            .env_remove("DOSSIER_INDEX")
            .output()
            .unwrap();
        let json: Option<serde_json::Value> = serde_json::from_slice(&out.stdout).ok();
        (
            out.status.code(),
            json,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let idx = index.to_str().unwrap();
    let (code, json, err) = positional(&["Voltanis", "--index", idx], dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        json.as_ref().map(|j| j["query"].clone()),
        Some("Voltanis".into())
    );
    std::fs::rename(&index, dir.path().join(".dossier")).unwrap();
    let (code, json, err) = positional(&["Voltanis"], dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        json.map(|j| j["summary"]["documents"].clone()),
        Some(1.into())
    );
    // A file that exists is read as a file; a mistyped path is an error, never a query.
    let (code, json, err) = positional(&["a.eml"], dir.path());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        json.map(|j| j["query"].clone()),
        Some(serde_json::Value::Null)
    );
    let (code, _, err) = positional(&["corpsu/"], dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("corpsu/"), "{err}");
    let (_, _, err) = positional(&["nothingmatches"], dir.path());
    assert!(err.contains("no document of the index matches"), "{err}");
    std::fs::rename(dir.path().join(".dossier"), &index).unwrap();
    // A missing index is an error that says what to do.
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["report", "-o", "-", "--index"])
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn report_command_names_the_output_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.eml"), EMAIL).unwrap();
    let target = dir.path().join("missing-folder").join("r.html");
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["report", "-o"])
        .arg(&target)
        .arg(dir.path().join("a.eml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("r.html"), "{stderr}");
    assert!(!dir.path().join("missing-folder").exists());
}
