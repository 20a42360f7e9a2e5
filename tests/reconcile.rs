//! Reconciliation over extractions built in code: corroborated, discrepant, single-source,
//! quoted text that is not an independent source, corrections in a thread, item families
//! across languages, and an order that does not depend on the input order.

use dossier::model::{
    Amount, Claim, ClaimKind, DocKind, Evidence, Extraction, GroupStatus, Modality,
};
use dossier::reconcile::{in_context, item_family, reconcile};

fn extraction(doc_id: &str, kind: DocKind, date: &str, claims: Vec<Claim>) -> Extraction {
    Extraction {
        doc_id: doc_id.into(),
        path: format!("{doc_id}.txt"),
        message_index: None,
        kind,
        lang: "en".into(),
        sha256: format!("sha-{doc_id}"),
        title: Some("H100 diversion".into()),
        date: Some(date.into()),
        from: None,
        to: Vec::new(),
        cc: Vec::new(),
        message_id: Some(format!("<{doc_id}@example>")),
        in_reply_to: None,
        references: Vec::new(),
        url: None,
        author: None,
        mentions: Vec::new(),
        claims,
    }
}

fn base_claim(kind: ClaimKind, start: usize) -> Claim {
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
        modality: Modality::Reported,
        quoted: false,
        rule: format!("{}.verb", kind.as_str()),
        evidence: Evidence {
            field: "text".into(),
            start,
            end: start + 10,
            sentence: "…".into(),
        },
    }
}

fn count(value: f64, item: &str) -> Amount {
    Amount {
        value: Some(value),
        range: None,
        unit: None,
        item: Some(item.into()),
        text: format!("{value} {item}"),
    }
}

fn usd(value: Option<f64>, range: Option<[f64; 2]>) -> Amount {
    Amount {
        value,
        range,
        unit: Some("USD".into()),
        item: None,
        text: "$".into(),
    }
}

fn transfer(n: f64, item: &str, date: Option<&str>) -> Claim {
    let mut c = base_claim(ClaimKind::Transfer, 0);
    c.quantity = Some(count(n, item));
    c.from = Some("Tesla".into());
    c.to = Some("X".into());
    c.intended_for = Some("Tesla".into());
    c.date = date.map(str::to_string);
    c
}

fn spend(amount: Amount, year: &str) -> Claim {
    let mut c = base_claim(ClaimKind::Spend, 40);
    c.amount = Some(amount);
    c.org = Some("Tesla".into());
    c.date = Some(year.into());
    c
}

#[test]
fn same_transfer_in_two_languages_is_corroborated() {
    let groups = reconcile(&[
        extraction(
            "fr",
            DocKind::Article,
            "2024-06-05",
            vec![transfer(12000.0, "livraisons de GPU H100", Some("2023-12"))],
        ),
        extraction(
            "en",
            DocKind::Article,
            "2024-06-04",
            vec![transfer(12000.0, "H100 GPUs", Some("2023-12"))],
        ),
    ]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    assert_eq!(g.status, GroupStatus::Corroborated);
    assert_eq!(g.subject.item.as_deref(), Some("H100"));
    assert_eq!(g.subject.from.as_deref(), Some("Tesla"));
    assert_eq!(g.subject.to.as_deref(), Some("X"));
    assert_eq!(g.values.len(), 1);
    assert_eq!(g.claims.len(), 2);
    // Ordered by document date: the English article came first.
    assert_eq!(g.claims[0].doc_id, "en");
}

#[test]
fn different_amounts_are_discrepant_side_by_side() {
    let groups = reconcile(&[
        extraction(
            "a",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(Some(1e10), None), "2024")],
        ),
        extraction(
            "b",
            DocKind::Article,
            "2024-06-06",
            vec![spend(usd(None, Some([3e9, 4e9])), "2024")],
        ),
    ]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].status, GroupStatus::Discrepant);
    assert_eq!(groups[0].values.len(), 2);
    assert_eq!(groups[0].values[0].value, Some(1e10));
    assert_eq!(groups[0].values[1].range, Some([3e9, 4e9]));
}

#[test]
fn one_document_is_a_single_source() {
    let groups = reconcile(&[extraction(
        "a",
        DocKind::Article,
        "2024-06-05",
        vec![spend(usd(Some(5e8), None), "2024")],
    )]);
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].status, GroupStatus::SingleSource);
}

#[test]
fn quoted_text_and_copies_are_not_independent() {
    let mut quoted = transfer(12000.0, "H100 GPUs", None);
    quoted.quoted = true;
    let original = extraction(
        "m1",
        DocKind::Email,
        "2024-06-04T10:00:00-07:00",
        vec![transfer(12000.0, "H100 GPUs", None)],
    );
    let reply = extraction(
        "m2",
        DocKind::Email,
        "2024-06-04T11:00:00-07:00",
        vec![quoted],
    );
    let groups = reconcile(&[original.clone(), reply]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].claims.len(), 2);
    assert_eq!(groups[0].status, GroupStatus::SingleSource);

    // The same message read twice (same bytes) is one source.
    let mut copy = original.clone();
    copy.doc_id = "m1-copy".into();
    let groups = reconcile(&[original, copy]);
    assert_eq!(groups[0].status, GroupStatus::SingleSource, "{groups:#?}");
}

#[test]
fn correction_in_a_thread_flags_both_values() {
    let first = extraction(
        "t1",
        DocKind::Email,
        "2024-06-04T10:02:00-07:00",
        vec![transfer(12400.0, "H100 GPUs", Some("2023-12"))],
    );
    let mut correction = base_claim(ClaimKind::Transfer, 0);
    correction.rule = "correction".into();
    correction.quantity = Some(count(12000.0, "H100"));
    correction.baseline = Some(count(12400.0, "H100"));
    let mut second = extraction(
        "t3",
        DocKind::Email,
        "2024-06-04T10:44:00-07:00",
        vec![correction],
    );
    second.in_reply_to = Some("<t2@example>".into());
    second.references = vec!["<t1@example>".into(), "<t2@example>".into()];
    let article = extraction(
        "art",
        DocKind::Article,
        "2024-06-05",
        vec![transfer(12000.0, "GPU H100", Some("2023-12"))],
    );
    let groups = reconcile(&[article, second, first]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    let g = &groups[0];
    // The superseded value stays visible, but the current value is corroborated.
    assert_eq!(g.status, GroupStatus::Corroborated);
    assert_eq!(g.values.len(), 2);
    let old = g
        .claims
        .iter()
        .find(|c| c.doc_id == "t1")
        .expect("old claim kept");
    assert!(old.superseded && !old.correction);
    let new = g
        .claims
        .iter()
        .find(|c| c.doc_id == "t3")
        .expect("correction kept");
    assert!(new.correction && !new.superseded);
    let art = g
        .claims
        .iter()
        .find(|c| c.doc_id == "art")
        .expect("article kept");
    assert!(!art.superseded && !art.correction);
}

#[test]
fn correction_outside_the_thread_does_not_supersede() {
    let first = extraction(
        "t1",
        DocKind::Email,
        "2024-06-04T10:02:00-07:00",
        vec![transfer(12400.0, "H100 GPUs", None)],
    );
    let mut correction = base_claim(ClaimKind::Transfer, 0);
    correction.rule = "correction".into();
    correction.quantity = Some(count(12000.0, "H100"));
    correction.baseline = Some(count(12400.0, "H100"));
    let mut other = extraction(
        "z",
        DocKind::Email,
        "2024-06-04T11:00:00-07:00",
        vec![correction],
    );
    other.title = Some("Unrelated".into());
    let groups = reconcile(&[first, other]);
    assert!(
        groups
            .iter()
            .all(|g| g.claims.iter().all(|c| !c.superseded)),
        "{groups:#?}"
    );
}

#[test]
fn item_families_and_periods_keep_groups_apart() {
    let groups = reconcile(&[
        extraction(
            "a",
            DocKind::Article,
            "2024-06-05",
            vec![transfer(12000.0, "H100 GPUs", None)],
        ),
        extraction(
            "b",
            DocKind::Article,
            "2024-06-05",
            vec![transfer(500.0, "A100 GPUs", None)],
        ),
        extraction(
            "c",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(Some(1e10), None), "2024")],
        ),
        extraction(
            "d",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(Some(2e10), None), "2025")],
        ),
    ]);
    assert_eq!(groups.len(), 4, "{groups:#?}");
    assert!(groups.iter().all(|g| g.status == GroupStatus::SingleSource));
}

#[test]
fn output_order_and_ids_do_not_depend_on_input_order() {
    let docs = vec![
        extraction(
            "a",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(Some(1e10), None), "2024")],
        ),
        extraction(
            "b",
            DocKind::Article,
            "2024-06-06",
            vec![spend(usd(None, Some([3e9, 4e9])), "2024")],
        ),
        extraction(
            "c",
            DocKind::Article,
            "2024-06-04",
            vec![transfer(12000.0, "H100", None)],
        ),
        extraction(
            "d",
            DocKind::Article,
            "2024-06-07",
            vec![transfer(12000.0, "H100", None)],
        ),
        extraction(
            "e",
            DocKind::Article,
            "2024-06-07",
            vec![transfer(7.0, "B200", None)],
        ),
    ];
    let forward = reconcile(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(forward, reconcile(&reversed));
    let statuses: Vec<GroupStatus> = forward.iter().map(|g| g.status).collect();
    assert_eq!(
        statuses,
        vec![
            GroupStatus::Discrepant,
            GroupStatus::Corroborated,
            GroupStatus::SingleSource
        ]
    );
}

#[test]
fn a_claim_naming_no_party_joins_the_one_group_of_its_figure() {
    let mut anonymous = base_claim(ClaimKind::Spend, 80);
    anonymous.amount = Some(usd(Some(1e10), None));
    anonymous.date = Some("2024".into());
    let groups = reconcile(&[
        extraction(
            "fiche",
            DocKind::Article,
            "2024-06-03",
            vec![anonymous.clone()],
        ),
        extraction(
            "a",
            DocKind::Article,
            "2024-06-04",
            vec![spend(usd(Some(1e10), None), "2024")],
        ),
        extraction(
            "b",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(None, Some([3e9, 4e9])), "2024")],
        ),
    ]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert!(groups[0].claims.iter().any(|c| c.doc_id == "fiche"));

    // Another period, or two groups holding the figure: it stays on its own.
    let mut other_year = anonymous.clone();
    other_year.date = Some("2025".into());
    let mut nvidia = spend(usd(Some(1e10), None), "2024");
    nvidia.org = Some("Nvidia".into());
    for (claim, others) in [
        (other_year, vec![spend(usd(Some(1e10), None), "2024")]),
        (
            anonymous,
            vec![spend(usd(Some(1e10), None), "2024"), nvidia],
        ),
    ] {
        let mut exs = vec![extraction(
            "fiche",
            DocKind::Article,
            "2024-06-03",
            vec![claim],
        )];
        for (i, o) in others.into_iter().enumerate() {
            exs.push(extraction(
                &format!("d{i}"),
                DocKind::Article,
                "2024-06-04",
                vec![o],
            ));
        }
        let groups = reconcile(&exs);
        let alone = groups
            .iter()
            .any(|g| g.claims.len() == 1 && g.claims[0].doc_id == "fiche");
        assert!(alone, "{groups:#?}");
    }
}

#[test]
fn thread_context_completes_a_transfer_that_restates_it() {
    let first = extraction(
        "m1",
        DocKind::Email,
        "2024-06-04T10:02:00-07:00",
        vec![transfer(12000.0, "H100 GPUs", Some("2023-12"))],
    );
    // "The report I read says 12,000": the figure alone, under the thread's heading.
    let mut bare = base_claim(ClaimKind::Transfer, 0);
    bare.rule = "transfer.heading".into();
    bare.quantity = Some(count(12000.0, "H100"));
    // The same parties and product without a date.
    let mut undated = transfer(12000.0, "H100 GPUs", None);
    undated.evidence.start = 40;
    let mut reply = extraction(
        "m2",
        DocKind::Email,
        "2024-06-04T10:31:00-07:00",
        vec![bare, undated],
    );
    reply.in_reply_to = Some("<m1@example>".into());
    // Outside the thread, nothing is borrowed.
    let mut elsewhere_claim = base_claim(ClaimKind::Transfer, 0);
    elsewhere_claim.rule = "transfer.heading".into();
    elsewhere_claim.quantity = Some(count(12000.0, "H100"));
    let mut elsewhere = extraction(
        "other",
        DocKind::Article,
        "2024-06-05",
        vec![elsewhere_claim],
    );
    elsewhere.title = Some("Unrelated".into());
    let completed = in_context(&[first, reply, elsewhere]);
    for c in &completed[1] {
        assert_eq!(c.from.as_deref(), Some("Tesla"), "{c:#?}");
        assert_eq!(c.to.as_deref(), Some("X"), "{c:#?}");
        assert_eq!(c.date.as_deref(), Some("2023-12"), "{c:#?}");
    }
    assert_eq!(completed[2][0].from, None);
    assert_eq!(completed[2][0].date, None);
}

/// "Musk diverted thousands of Nvidia AI chips from Tesla to X" above "12,000 H100 GPUs …
/// from December 2023": the vague headline takes the one date its article gives that
/// transfer, and nothing from another document or from an article that dates two.
#[test]
fn a_vague_transfer_takes_the_date_of_the_one_counted_in_its_document() {
    let vague = |start: usize| {
        let mut c = transfer(0.0, "Nvidia AI chips", None);
        c.quantity = Some(Amount {
            value: None,
            range: None,
            unit: None,
            item: Some("Nvidia AI chips".into()),
            text: "thousands of Nvidia AI chips".into(),
        });
        c.evidence.start = start;
        c
    };
    let article = extraction(
        "wire",
        DocKind::Article,
        "2024-06-04",
        vec![vague(0), transfer(12000.0, "H100 GPUs", Some("2023-12"))],
    );
    let mut second = transfer(3000.0, "H100 GPUs", Some("2024-03"));
    second.evidence.start = 80;
    let two_dates = extraction(
        "recap",
        DocKind::Article,
        "2024-06-09",
        vec![
            vague(0),
            transfer(12000.0, "H100 GPUs", Some("2023-12")),
            second,
        ],
    );
    let alone = extraction("blog", DocKind::Article, "2024-06-10", vec![vague(0)]);
    let completed = in_context(&[article, two_dates, alone]);
    assert_eq!(completed[0][0].date.as_deref(), Some("2023-12"));
    assert_eq!(
        completed[1][0].date, None,
        "two dated transfers: which one?"
    );
    assert_eq!(
        completed[2][0].date, None,
        "nothing borrowed across documents"
    );
}

#[test]
fn a_large_mailbox_on_one_subject_is_completed_in_bounded_work() {
    // 3,000 messages all titled "Re: hi", each restating a transfer: every one looks back at
    // a bounded number of earlier messages, so this stays fast.
    let mut exs = Vec::new();
    for i in 0..3000 {
        let date = if i == 0 { Some("2023-12") } else { None };
        let mut ex = extraction(
            &format!("m{i:04}"),
            DocKind::Email,
            &format!("2024-06-04T10:{:02}:{:02}Z", i / 60, i % 60),
            vec![transfer(12000.0, "H100 GPUs", date)],
        );
        ex.title = Some("Re: hi".into());
        exs.push(ex);
    }
    let started = std::time::Instant::now();
    let completed = in_context(&exs);
    let took = started.elapsed();
    assert_eq!(completed[1][0].date.as_deref(), Some("2023-12"));
    // Read in date order, each message passes the date on to the next.
    assert_eq!(completed[2999][0].date.as_deref(), Some("2023-12"));
    assert!(took.as_secs() < 20, "in_context took {took:?}");
}

// ---------------------------------------------------------------------------------------------
// End to end on the bundled corpus: ingest, extract, reconcile.

fn corpus_groups() -> Option<Vec<dossier::model::ClaimGroup>> {
    let root = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    if !root.is_dir() {
        eprintln!(
            "note: {} is absent; skipping the end-to-end claim test",
            root.display()
        );
        return None;
    }
    // Claims need money and counted quantities: without the value extractor there is nothing
    // to reconcile.
    let canary = dossier::extract::extract_text(
        "Tesla spent $10 billion on 12,000 chips.",
        "text",
        dossier::extract::Lang::En,
        None,
        &dossier::extract::ExtractOptions::default(),
    );
    if !canary
        .iter()
        .any(|m| m.kind == dossier::model::MentionType::Money)
    {
        eprintln!("note: no money mentions in this build; skipping the end-to-end claim test");
        return None;
    }
    let opts = dossier::ingest::IngestOptions::default();
    let (docs, errors, _) = dossier::ingest::parse_paths(&[root], &opts);
    assert!(errors.is_empty(), "corpus errors: {errors:?}");
    let eopts = dossier::extract::ExtractOptions::default();
    let extractions: Vec<Extraction> = docs
        .iter()
        .map(|d| dossier::extract::extract_document(d, &eopts))
        .collect();
    Some(reconcile(&extractions))
}

fn describe_groups(groups: &[dossier::model::ClaimGroup]) -> String {
    groups
        .iter()
        .map(|g| {
            let sources: Vec<String> = g
                .claims
                .iter()
                .map(|c| {
                    let v = c
                        .claim
                        .quantity
                        .as_ref()
                        .or(c.claim.amount.as_ref())
                        .map(|a| a.text.clone())
                        .unwrap_or_default();
                    format!(
                        "{}[{}]{}{}",
                        c.path,
                        v,
                        if c.superseded { " superseded" } else { "" },
                        if c.correction { " correction" } else { "" }
                    )
                })
                .collect();
            format!(
                "{:?} {} {:?}: {}",
                g.status,
                g.kind.as_str(),
                g.subject,
                sources.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn chip_story_transfer_is_corroborated_across_email_and_articles() {
    let Some(groups) = corpus_groups() else {
        return;
    };
    let all = describe_groups(&groups);
    let transfer = groups
        .iter()
        .find(|g| {
            g.kind == ClaimKind::Transfer
                && g.subject.to.as_deref() == Some("X")
                && g.subject.from.as_deref() == Some("Tesla")
                && g.values.iter().any(|v| v.value == Some(12000.0))
        })
        .unwrap_or_else(|| panic!("no Tesla → X transfer of 12,000 among:\n{all}"));
    assert_eq!(transfer.status, GroupStatus::Corroborated, "{all}");
    assert_eq!(transfer.subject.item.as_deref(), Some("H100"), "{all}");
    let from_dir = |dir: &str| {
        transfer
            .claims
            .iter()
            .any(|c| c.path.contains(dir) && !c.claim.quoted && !c.superseded)
    };
    assert!(from_dir("emails/"), "no email source:\n{all}");
    assert!(from_dir("articles/fr"), "no French article:\n{all}");
    assert!(from_dir("articles/en"), "no English article:\n{all}");
}

#[test]
fn chip_story_spending_figures_are_discrepant() {
    let Some(groups) = corpus_groups() else {
        return;
    };
    let all = describe_groups(&groups);
    let spend = groups
        .iter()
        .find(|g| {
            g.kind == ClaimKind::Spend
                && g.subject.org.as_deref() == Some("Tesla")
                && g.values.iter().any(|v| v.value == Some(1e10))
        })
        .unwrap_or_else(|| panic!("no Tesla $10 billion spending group among:\n{all}"));
    assert_eq!(spend.status, GroupStatus::Discrepant, "{all}");
    assert!(
        spend.values.iter().any(|v| v.range == Some([3e9, 4e9])),
        "no $3–4 billion beside $10 billion:\n{all}"
    );
}

#[test]
fn chip_story_mailbox_correction_is_flagged() {
    let Some(groups) = corpus_groups() else {
        return;
    };
    let all = describe_groups(&groups);
    let flagged = groups
        .iter()
        .find(|g| g.claims.iter().any(|c| c.correction) && g.claims.iter().any(|c| c.superseded));
    let g = flagged.unwrap_or_else(|| panic!("no correction flagged among:\n{all}"));
    let old = g
        .claims
        .iter()
        .find(|c| c.superseded)
        .expect("superseded claim");
    assert!(old.path.ends_with(".mbox"), "{all}");
    assert!(
        old.claim.quantity.as_ref().and_then(|q| q.value) == Some(12400.0),
        "{all}"
    );
    let new = g
        .claims
        .iter()
        .find(|c| c.correction)
        .expect("correction claim");
    assert_eq!(
        new.claim.quantity.as_ref().and_then(|q| q.value),
        Some(12000.0)
    );
}

/// The chip story's facts (corpus/README.md, "Facts table"): which documents state each figure.
/// Paths are suffixes; mailbox messages are 1-based there (`#3`), 0-based here.
struct Fact {
    name: &'static str,
    kind: ClaimKind,
    docs: &'static [(&'static str, Option<usize>)],
    holds: fn(&Claim) -> bool,
}

fn value_of(a: Option<&Amount>) -> Option<f64> {
    a.and_then(|a| a.value)
}

fn chip_facts() -> Vec<Fact> {
    const BOTH_HTML: [(&str, Option<usize>); 2] = [
        ("articles/fr/chip-lejournal.html", None),
        ("articles/en/chip-wire.html", None),
    ];
    vec![
        Fact {
            name: "transfer 12,000 H100 Tesla → X",
            kind: ClaimKind::Transfer,
            docs: &[
                ("chip-01-desk-memo.eml", None),
                ("chip-02-re-factcheck.eml", None),
                ("chip-03-redaction-fr.eml", None),
                ("chip-04-re-redaction-fr.eml", None),
                ("chip-05-fwd-analyst.eml", None),
                ("chip-desk-thread.mbox", Some(2)),
                ("chip-desk-thread.mbox", Some(4)),
                BOTH_HTML[0],
                BOTH_HTML[1],
                ("chip-depeche.txt", None),
                ("chip-analysis.txt", None),
                ("chip-explainer.md", None),
                ("chip-chronologie.md", None),
                ("chip-verification.md", None),
                ("wire-items.jsonl", Some(0)),
                ("fiches.json", Some(0)),
            ],
            holds: |c| {
                value_of(c.quantity.as_ref()) == Some(12000.0)
                    && c.to.as_deref() == Some("X")
                    && c.from.as_deref().is_none_or(|f| f == "Tesla")
            },
        },
        Fact {
            name: "purchases ~$500 million",
            kind: ClaimKind::Purchase,
            docs: &[
                ("chip-01-desk-memo.eml", None),
                ("chip-03-redaction-fr.eml", None),
                ("chip-05-fwd-analyst.eml", None),
                ("chip-desk-thread.mbox", Some(0)),
                ("chip-desk-thread.mbox", Some(1)),
                ("chip-desk-thread.mbox", Some(4)),
                BOTH_HTML[0],
                BOTH_HTML[1],
                ("chip-depeche.txt", None),
                ("chip-analysis.txt", None),
                ("chip-explainer.md", None),
                ("chip-chronologie.md", None),
                ("chip-verification.md", None),
                ("wire-items.jsonl", Some(0)),
                ("fiches.json", Some(0)),
            ],
            holds: |c| {
                value_of(c.amount.as_ref().or(c.quantity.as_ref())) == Some(5e8)
                    && c.org.as_deref().is_none_or(|o| o == "Tesla")
            },
        },
        Fact {
            name: "plan 35,000 → 85,000",
            kind: ClaimKind::Plan,
            docs: &[
                ("chip-01-desk-memo.eml", None),
                ("chip-02-re-factcheck.eml", None),
                ("chip-03-redaction-fr.eml", None),
                ("chip-04-re-redaction-fr.eml", None),
                ("chip-05-fwd-analyst.eml", None),
                ("chip-desk-thread.mbox", Some(4)),
                BOTH_HTML[0],
                BOTH_HTML[1],
                ("chip-depeche.txt", None),
                ("chip-analysis.txt", None),
                ("chip-explainer.md", None),
                ("chip-chronologie.md", None),
                ("fiches.json", Some(0)),
            ],
            holds: |c| {
                value_of(c.baseline.as_ref()) == Some(35000.0)
                    && value_of(c.target.as_ref()) == Some(85000.0)
            },
        },
        Fact {
            name: "spend $10 billion",
            kind: ClaimKind::Spend,
            docs: &[
                ("chip-01-desk-memo.eml", None),
                ("chip-02-re-factcheck.eml", None),
                ("chip-03-redaction-fr.eml", None),
                ("chip-04-re-redaction-fr.eml", None),
                ("chip-05-fwd-analyst.eml", None),
                ("chip-desk-thread.mbox", Some(3)),
                ("chip-desk-thread.mbox", Some(4)),
                BOTH_HTML[0],
                BOTH_HTML[1],
                ("chip-depeche.txt", None),
                ("chip-analysis.txt", None),
                ("chip-explainer.md", None),
                ("chip-chronologie.md", None),
                ("chip-verification.md", None),
                ("wire-items.jsonl", Some(1)),
                ("wire-items.jsonl", Some(2)),
                ("fiches.json", Some(0)),
            ],
            holds: |c| {
                value_of(c.amount.as_ref()) == Some(1e10)
                    && c.org.as_deref().is_none_or(|o| o == "Tesla")
            },
        },
        Fact {
            name: "spend $3–4 billion",
            kind: ClaimKind::Spend,
            docs: &[
                ("chip-02-re-factcheck.eml", None),
                ("chip-04-re-redaction-fr.eml", None),
                ("chip-05-fwd-analyst.eml", None),
                ("chip-desk-thread.mbox", Some(3)),
                ("chip-desk-thread.mbox", Some(4)),
                BOTH_HTML[0],
                BOTH_HTML[1],
                ("chip-depeche.txt", None),
                ("chip-analysis.txt", None),
                ("chip-explainer.md", None),
                ("chip-chronologie.md", None),
                ("chip-verification.md", None),
                ("wire-items.jsonl", Some(1)),
                ("wire-items.jsonl", Some(2)),
                ("fiches.json", Some(0)),
            ],
            holds: |c| {
                c.amount.as_ref().and_then(|a| a.range) == Some([3e9, 4e9])
                    && c.org.as_deref().is_none_or(|o| o == "Tesla")
            },
        },
    ]
}

/// Every corpus document, extracted, with each extraction's claims completed from its
/// document and thread (what reconciliation groups). `None` when the corpus is absent.
fn corpus_claims() -> Option<Vec<(Extraction, Vec<Claim>)>> {
    let root = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"));
    corpus_groups()?;
    let (docs, _, _) = dossier::ingest::parse_paths(&[root], &Default::default());
    let eopts = dossier::extract::ExtractOptions::default();
    let extractions: Vec<Extraction> = docs
        .iter()
        .map(|d| dossier::extract::extract_document(d, &eopts))
        .collect();
    let completed = in_context(&extractions);
    Some(extractions.into_iter().zip(completed).collect())
}

/// The facts table's 12,000 row, field by field: in every document it lists, a transfer of
/// 12,000 H100 from Tesla to X (or xAI) dated December 2023. Every failure is printed at once.
#[test]
fn chip_story_every_listed_document_states_the_whole_transfer() {
    let Some(docs) = corpus_claims() else {
        return;
    };
    let facts = chip_facts();
    let transfer = facts
        .iter()
        .find(|f| f.kind == ClaimKind::Transfer)
        .expect("the transfer fact");
    let whole = |c: &Claim| {
        c.kind == ClaimKind::Transfer
            && value_of(c.quantity.as_ref()) == Some(12000.0)
            && item_family(c).as_deref() == Some("H100")
            && c.from.as_deref() == Some("Tesla")
            && matches!(c.to.as_deref(), Some("X" | "xAI"))
            && c.date.as_deref() == Some("2023-12")
    };
    let describe = |c: &Claim| {
        format!(
            "qty={:?} family={:?} from={:?} to={:?} date={:?} rule={} in {:?}",
            value_of(c.quantity.as_ref()),
            item_family(c),
            c.from,
            c.to,
            c.date,
            c.rule,
            c.evidence.sentence.replace('\n', " ")
        )
    };
    let mut failures = Vec::new();
    for &(suffix, index) in transfer.docs {
        let name = format!(
            "{suffix}{}",
            index.map(|i| format!(" #{i}")).unwrap_or_default()
        );
        let Some((_, claims)) = docs.iter().find(|(ex, _)| {
            ex.path.ends_with(suffix) && (index.is_none() || ex.message_index == index)
        }) else {
            failures.push(format!("{name}: no such document"));
            continue;
        };
        if !claims.iter().any(whole) {
            let near: Vec<String> = claims
                .iter()
                .filter(|c| c.kind == ClaimKind::Transfer)
                .map(|c| format!("\n      got {}", describe(c)))
                .collect();
            failures.push(format!("{name}: no whole transfer{}", near.concat()));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    eprintln!(
        "whole 12,000 transfer in {}/{} listed documents",
        transfer.docs.len() - failures.len(),
        transfer.docs.len()
    );
    assert!(failures.is_empty(), "{} documents fail", failures.len());
}

/// Precision (claims of the story's kinds in chip documents that state one of its facts) and
/// recall (documents of the facts table where the fact is extracted), printed per fact.
#[test]
fn chip_story_claims_against_the_facts_table() {
    let Some(docs) = corpus_claims() else {
        return;
    };
    // Claims as reconciliation sees them: completed from their document and thread.
    let extractions: Vec<Extraction> = docs
        .into_iter()
        .map(|(mut ex, claims)| {
            ex.claims = claims;
            ex
        })
        .collect();
    let facts = chip_facts();
    let chip = |ex: &Extraction| ex.path.contains("chip") || ex.path.contains("/wire/");
    let (mut found, mut listed) = (0, 0);
    for f in &facts {
        let mut missing = Vec::new();
        for &(suffix, index) in f.docs {
            let hit = extractions.iter().any(|ex| {
                ex.path.ends_with(suffix)
                    && (index.is_none() || ex.message_index == index)
                    && ex.claims.iter().any(|c| {
                        // The correction restates the transfer's figure under its own rule.
                        (c.kind == f.kind || c.rule == "correction") && (f.holds)(c)
                    })
            });
            listed += 1;
            if hit {
                found += 1;
            } else {
                missing.push(format!(
                    "{suffix}{}",
                    index.map(|i| format!(" #{i}")).unwrap_or_default()
                ));
            }
        }
        eprintln!(
            "{}: recall {}/{}{}",
            f.name,
            f.docs.len() - missing.len(),
            f.docs.len(),
            if missing.is_empty() {
                String::new()
            } else {
                format!(" (missing: {})", missing.join(", "))
            }
        );
    }
    let kinds = [
        ClaimKind::Transfer,
        ClaimKind::Purchase,
        ClaimKind::Plan,
        ClaimKind::Spend,
    ];
    for kind in kinds {
        let claims: Vec<&Claim> = extractions
            .iter()
            .filter(|ex| chip(ex))
            .flat_map(|ex| ex.claims.iter())
            .filter(|c| c.kind == kind && c.rule != "correction")
            .collect();
        // A claim is right when it states one of the facts, or the story's transfer with
        // another figure a source really gave (the mistaken 12,400, a vague "thousands").
        let right = |c: &&&Claim| {
            facts.iter().any(|f| f.kind == kind && (f.holds)(c))
                || kind == ClaimKind::Transfer
                    && c.to.as_deref() == Some("X")
                    && c.from.as_deref().is_none_or(|f| f == "Tesla")
                    && matches!(value_of(c.quantity.as_ref()), None | Some(12400.0))
        };
        let good = claims.iter().filter(right).count();
        let wrong: Vec<String> = claims
            .iter()
            .filter(|c| !right(c))
            .map(|c| c.evidence.sentence.replace('\n', " "))
            .collect();
        eprintln!(
            "{} precision {good}/{}{}",
            kind.as_str(),
            claims.len(),
            if wrong.is_empty() {
                String::new()
            } else {
                format!("\n    not a fact: {}", wrong.join("\n    not a fact: "))
            }
        );
    }
    let recall = found as f64 / listed.max(1) as f64;
    eprintln!("chip story recall over the facts table: {found}/{listed} = {recall:.3}");
    assert!(recall >= 0.7, "recall {recall:.3} below 0.7");
}

// ---------------------------------------------------------------------------------------------
// The `dossier claims` command.

fn dossier_claims(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("claims")
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

#[test]
fn claims_command_prints_groups_as_json_lines_and_markdown() {
    if corpus_groups().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let fr = dir.path().join("depeche.txt");
    let en = dir.path().join("wire.txt");
    std::fs::write(
        &fr,
        "Puces détournées\n\nSelon CNBC, Nvidia a transféré 12 000 GPU H100 de Tesla vers X.\n",
    )
    .expect("write");
    std::fs::write(
        &en,
        "Chips diverted\n\nAccording to Reuters, Nvidia moved 12,000 H100 GPUs from Tesla to X.\n",
    )
    .expect("write");
    let dir_arg = dir.path().to_str().expect("utf-8 temp path");
    let out = dossier_claims(&[dir_arg, "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON group per line"))
        .collect();
    let transfer = lines
        .iter()
        .find(|g| g["kind"] == "transfer")
        .unwrap_or_else(|| panic!("no transfer group: {lines:?}"));
    assert_eq!(transfer["status"], "corroborated", "{transfer}");
    assert_eq!(transfer["subject"]["from"], "Tesla");
    assert_eq!(transfer["subject"]["to"], "X");
    assert_eq!(transfer["claims"].as_array().map(Vec::len), Some(2));
    assert!(
        transfer["group_id"]
            .as_str()
            .is_some_and(|id| id.len() == 16)
    );

    let md = dossier_claims(&[dir_arg, "--format", "md", "--quiet"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.contains("## corroborated — transfer: Tesla → X, H100"),
        "{md}"
    );
    assert!(
        md.contains("depeche.txt") && md.contains("wire.txt"),
        "{md}"
    );
}

/// The issue's own case: a thread states a figure, a later message corrects it, and nothing
/// else speaks of it. The thread disagrees with itself: discrepant, the later value flagged.
#[test]
fn a_correction_nothing_else_confirms_is_a_discrepancy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mbox = dir.path().join("desk.mbox");
    std::fs::write(
        &mbox,
        "From a@desk.example Tue Jun  4 10:00:00 2024\n\
         From: Ana <ana@desk.example>\n\
         Subject: Chips\n\
         Date: Tue, 4 Jun 2024 10:00:00 -0700\n\
         Message-ID: <1@desk.example>\n\n\
         Nvidia shipped 2,400 H100 GPUs from Tesla to X in December 2023.\n\n\
         From b@desk.example Tue Jun  4 11:00:00 2024\n\
         From: Bo <bo@desk.example>\n\
         Subject: Re: Chips\n\
         Date: Tue, 4 Jun 2024 11:00:00 -0700\n\
         Message-ID: <2@desk.example>\n\
         In-Reply-To: <1@desk.example>\n\n\
         Correction: 2,000, not 2,400.\n",
    )
    .expect("write");
    let path = mbox.to_str().expect("utf-8 temp path");
    let out = dossier_claims(&[path, "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let groups: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON group per line"))
        .collect();
    assert_eq!(groups.len(), 1, "{groups:?}");
    let g = &groups[0];
    assert_eq!(g["status"], "discrepant", "{g}");
    let flagged = |key: &str| -> Vec<f64> {
        g["claims"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|c| c[key] == true)
            .filter_map(|c| c["quantity"]["value"].as_f64())
            .collect()
    };
    assert_eq!(flagged("superseded"), vec![2400.0], "{g}");
    assert_eq!(flagged("correction"), vec![2000.0], "{g}");
    let md = dossier_claims(&[path, "--format", "md", "--quiet"]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(md.contains("## DISCREPANT — transfer: Tesla → X"), "{md}");
    assert!(md.contains("Corrected in thread: 2,400 → 2,000"), "{md}");
}

#[test]
fn claims_command_refuses_an_index_until_there_is_one() {
    let out = dossier_claims(&["--index", "/nonexistent-index"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--index"));
}

#[test]
fn denied_figures_are_listed_but_do_not_make_a_discrepancy() {
    let mut denied = spend(usd(Some(1.5e8), None), "2024");
    denied.modality = Modality::Denied;
    let groups = reconcile(&[
        extraction(
            "a",
            DocKind::Article,
            "2024-06-05",
            vec![spend(usd(Some(1.2e8), None), "2024")],
        ),
        extraction(
            "b",
            DocKind::Article,
            "2024-06-06",
            vec![spend(usd(Some(1.2e8), None), "2024"), denied],
        ),
    ]);
    assert_eq!(groups.len(), 1, "{groups:#?}");
    assert_eq!(groups[0].status, GroupStatus::Corroborated);
    assert_eq!(groups[0].values.len(), 2);
}
