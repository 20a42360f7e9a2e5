//! Integration tests of the index: queries over documents whose extractions are known (built
//! in the test), the `index`/`search` commands on folders written in a temporary directory
//! (incremental runs, pruning, the writer lock, query errors), recovery after killing an
//! indexing run, and, when present, the bundled `corpus/`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use dossier::index::{Index, SearchRequest};
use dossier::model::{
    Address, Amount, Claim, ClaimKind, DocKind, Document, Evidence, Extraction, Mention,
    MentionType, Modality, Value,
};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

// ---------------------------------------------------------------------------------------------
// Library-level: documents with hand-made extractions, so value fields are predictable.

struct Fixture {
    doc: Document,
    mentions: Vec<Mention>,
    claims: Vec<Claim>,
}

fn doc(id: &str, kind: DocKind, lang: &str, title: &str, text: &str, date: &str) -> Document {
    let mut d = Document::new(kind, format!("fixtures/{id}.txt"));
    d.doc_id = id.into();
    d.lang = lang.into();
    d.sha256 = format!("sha-{id}");
    d.title = Some(title.into());
    d.text = text.into();
    d.date = Some(date.into());
    d
}

/// A mention of `needle` in `text` (which must contain it).
fn mention(kind: MentionType, text: &str, needle: &str, value: Option<Value>) -> Mention {
    let start = text.find(needle).expect("needle in text");
    let mut m = Mention::new(kind, "text", text, start, start + needle.len(), "test");
    m.value = value;
    m
}

fn money(text: &str, needle: &str, amount: f64, unit: &str) -> Mention {
    let mut m = mention(
        MentionType::Money,
        text,
        needle,
        Some(Value::Number(amount)),
    );
    m.unit = Some(unit.into());
    m
}

fn org(text: &str, needle: &str, canonical: &str) -> Mention {
    mention(
        MentionType::Org,
        text,
        needle,
        Some(Value::Text(canonical.into())),
    )
}

fn transfer(sentence: &str, qty: f64) -> Claim {
    Claim {
        kind: ClaimKind::Transfer,
        quantity: Some(Amount {
            value: Some(qty),
            range: None,
            unit: None,
            item: Some("GPU H100".into()),
            text: format!("{qty}"),
        }),
        amount: None,
        baseline: None,
        target: None,
        org: None,
        from: Some("Nvidia".into()),
        to: Some("X".into()),
        intended_for: Some("Tesla".into()),
        purpose: None,
        date: Some("2023-12".into()),
        speaker: None,
        modality: Modality::Reported,
        quoted: false,
        rule: "test".into(),
        evidence: Evidence {
            field: "text".into(),
            start: 0,
            end: sentence.chars().count(),
            sentence: sentence.into(),
        },
    }
}

fn fixtures() -> Vec<Fixture> {
    let t1 = "Les puces H100 destinées à Tesla ont été détournées vers X en décembre. \
              Tesla dépensera 10 milliards de dollars.";
    let mut d1 = doc(
        "fr-mail",
        DocKind::Email,
        "fr",
        "Puces détournées",
        t1,
        "2023-12-05T09:12:00+01:00",
    );
    d1.from = Some(Address {
        name: Some("Claire Dupont".into()),
        address: "claire@journal.example".into(),
    });
    d1.to = vec![Address {
        name: None,
        address: "desk@journal.example".into(),
    }];
    d1.message_id = Some("<m1@journal.example>".into());
    let mut q1 = mention(
        MentionType::Quantity,
        t1,
        "H100",
        Some(Value::Number(12000.0)),
    );
    q1.item = Some("GPU H100".into());

    let t2 = "Nvidia shipped chips worth $3 billion to xAI, about 500 units.";
    let mut d2 = doc(
        "en-article",
        DocKind::Article,
        "en",
        "Chip deal",
        t2,
        "2024-06-06",
    );
    d2.author = Some("Ann".into());

    let t3 = "Le budget de 2 millions d'euros pour la chip factory reste modeste.";
    let mut d3 = doc(
        "fr-article",
        DocKind::Article,
        "fr",
        "Budget modeste",
        t3,
        "2024-01-15",
    );
    d3.quoted = vec![dossier::model::QuotedBlock {
        header: None,
        date: None,
        text: "texte cité sur les semi-conducteurs".into(),
    }];

    let t4 = "Reply: the transfer to X happened in December, as you said.";
    let mut d4 = doc(
        "en-mail",
        DocKind::Email,
        "en",
        "Re: Puces détournées",
        t4,
        "2023-12-20T18:00:00Z",
    );
    d4.from = Some(Address {
        name: Some("Desk".into()),
        address: "desk@journal.example".into(),
    });
    d4.to = vec![Address {
        name: Some("Claire Dupont".into()),
        address: "claire@journal.example".into(),
    }];
    d4.in_reply_to = Some("<m1@journal.example>".into());

    vec![
        Fixture {
            mentions: vec![
                org(t1, "Tesla", "Tesla"),
                q1,
                money(t1, "10 milliards de dollars", 1e10, "USD"),
            ],
            claims: vec![transfer(
                "Les puces H100 destinées à Tesla ont été détournées vers X en décembre.",
                12000.0,
            )],
            doc: d1,
        },
        Fixture {
            mentions: vec![
                org(t2, "Nvidia", "Nvidia"),
                org(t2, "xAI", "xAI"),
                money(t2, "$3 billion", 3e9, "USD"),
                mention(
                    MentionType::Quantity,
                    t2,
                    "500 units",
                    Some(Value::Number(500.0)),
                ),
            ],
            claims: vec![],
            doc: d2,
        },
        Fixture {
            mentions: vec![money(t3, "2 millions d'euros", 2e6, "EUR")],
            claims: vec![],
            doc: d3,
        },
        Fixture {
            mentions: vec![],
            claims: vec![],
            doc: d4,
        },
    ]
}

fn extraction(f: &Fixture) -> Extraction {
    let d = &f.doc;
    Extraction {
        doc_id: d.doc_id.clone(),
        path: d.path.clone(),
        message_index: d.message_index,
        kind: d.kind,
        lang: d.lang.clone(),
        sha256: d.sha256.clone(),
        title: d.title.clone(),
        date: d.date.clone(),
        from: d.from.clone(),
        to: d.to.clone(),
        cc: d.cc.clone(),
        message_id: d.message_id.clone(),
        in_reply_to: d.in_reply_to.clone(),
        references: d.references.clone(),
        url: d.url.clone(),
        author: d.author.clone(),
        mentions: f.mentions.clone(),
        claims: f.claims.clone(),
    }
}

fn build_fixture_index(dir: &Path) -> Index {
    let index = Index::create_or_open(dir).unwrap();
    let mut w = index.writer().unwrap();
    for f in fixtures() {
        w.add(&f.doc, &extraction(&f), "file-sha").unwrap();
    }
    w.finish().unwrap();
    index
}

fn ids(index: &Index, query: &str) -> BTreeSet<String> {
    let r = index
        .search(&SearchRequest {
            query: query.into(),
            limit: 100,
            offset: 0,
            facets: false,
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(r.total, r.hits.len(), "{query}: total counts every hit");
    r.hits.into_iter().map(|h| h.doc_id).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn queries_return_exactly_the_expected_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let index = build_fixture_index(tmp.path());
    // (query, expected ids): every failure is collected and printed.
    let cases: &[(&str, &[&str])] = &[
        // accent-insensitive and stemmed
        ("detournees", &["fr-mail", "en-mail"]),
        ("DÉTOURNÉES", &["fr-mail", "en-mail"]),
        ("body:detournees", &["fr-mail"]),
        ("chips", &["en-article", "fr-article"]),
        ("shipping", &["en-article"]),
        ("chip", &["en-article", "fr-article"]),
        ("semi-conducteurs", &["fr-article"]),
        // phrases (exact field keeps word order)
        ("\"puces h100 destinees\"", &["fr-mail"]),
        ("\"destinees puces\"", &[]),
        ("\"Puces détournées\"", &["fr-mail", "en-mail"]),
        // fielded
        ("from:claire", &["fr-mail"]),
        ("from:\"claire@journal.example\"", &["fr-mail"]),
        ("to:claire", &["en-mail"]),
        ("to:desk@journal.example", &["fr-mail"]),
        ("kind:email", &["fr-mail", "en-mail"]),
        ("kind:article lang:fr", &["fr-article"]),
        ("lang:EN", &["en-article", "en-mail"]),
        ("org:tesla", &["fr-mail"]),
        ("org:Nvidia", &["en-article", "fr-mail"]),
        ("org:XAI", &["en-article"]),
        ("title:chip", &["en-article"]),
        ("thread:m1@journal.example", &["fr-mail", "en-mail"]),
        ("quoted:cite", &["fr-article"]),
        ("quoted:cité", &["fr-article"]),
        // dates
        ("date:2023-12", &["fr-mail", "en-mail"]),
        ("date:[2023-12-01 TO 2023-12-10]", &["fr-mail"]),
        ("date:2024", &["en-article", "fr-article"]),
        ("after:2024-06-06", &["en-article"]),
        ("before:2024-01-15", &["fr-mail", "en-mail"]),
        ("after:2024-01-01 before:2024-02", &["fr-article"]),
        ("date:>2023-12", &["en-article", "fr-article"]),
        // values
        ("money:>1e9", &["fr-mail", "en-article"]),
        ("money:>=3bn", &["fr-mail", "en-article"]),
        ("money:>3e9", &["fr-mail"]),
        ("money:[1M TO 5M]", &["fr-article"]),
        ("currency:usd", &["fr-mail", "en-article"]),
        ("currency:EUR", &["fr-article"]),
        ("quantity:>=10000", &["fr-mail"]),
        ("quantity:<1000", &["en-article"]),
        ("claim:transfer", &["fr-mail"]),
        ("claim:spend", &[]),
        // combinations and operators
        ("org:Tesla money:>1e9 currency:USD", &["fr-mail"]),
        ("chip -kind:article", &[]),
        (
            "puces OR chips",
            &["fr-mail", "en-mail", "en-article", "fr-article"],
        ),
        ("puces OR shipping", &["fr-mail", "en-mail", "en-article"]),
        ("* -org:Tesla", &["en-article", "fr-article", "en-mail"]),
        ("(org:xAI OR org:Tesla) after:2024", &["en-article"]),
    ];
    let mut failures = Vec::new();
    for (q, expected) in cases {
        let got = ids(&index, q);
        if got != set(expected) {
            failures.push(format!("{q}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing queries:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn hits_carry_snippet_and_the_mentions_that_match() {
    let tmp = tempfile::tempdir().unwrap();
    let index = build_fixture_index(tmp.path());
    let r = index
        .search(&SearchRequest {
            query: "detournees money:>1e9".into(),
            limit: 10,
            offset: 0,
            facets: true,
        })
        .unwrap();
    assert_eq!(r.total, 1);
    let hit = &r.hits[0];
    assert_eq!(hit.doc_id, "fr-mail");
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|[s, e]| &hit.snippet[*s..*e])
        .collect();
    assert!(marked.contains(&"détournées"), "{hit:?}");
    let kinds: Vec<_> = hit.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(kinds, ["10 milliards de dollars"]);
    // The claim's sentence holds the query word.
    assert_eq!(hit.claims.len(), 1);
    let r = index
        .search(&SearchRequest {
            query: "money:>1e9 currency:USD".into(),
            limit: 10,
            offset: 0,
            facets: false,
        })
        .unwrap();
    assert_eq!(r.total, 2);
    for hit in &r.hits {
        assert!(hit.claims.is_empty(), "{hit:?}");
        let units: Vec<_> = hit.mentions.iter().map(|m| m.unit.as_deref()).collect();
        assert_eq!(units, [Some("USD")], "{hit:?}");
    }

    // A claim filter selects the claim; a quantity filter selects the quantity.
    let r = index
        .search(&SearchRequest {
            query: "claim:transfer quantity:>=10000".into(),
            limit: 10,
            offset: 0,
            facets: false,
        })
        .unwrap();
    assert_eq!(r.hits[0].claims.len(), 1);
    assert_eq!(r.hits[0].mentions.len(), 1);
    assert_eq!(r.hits[0].mentions[0].kind, MentionType::Quantity);

    let f = index
        .search(&SearchRequest {
            query: "*".into(),
            limit: 0,
            offset: 0,
            facets: true,
        })
        .unwrap();
    assert_eq!(f.total, 4);
    assert!(f.hits.is_empty());
    let facets = f.facets.unwrap();
    let count =
        |list: &[(String, u64)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, n)| *n);
    assert_eq!(count(&facets.kind, "email"), Some(2));
    assert_eq!(count(&facets.month, "2023-12"), Some(2));
    assert_eq!(count(&facets.org, "Nvidia"), Some(2));
    assert_eq!(count(&facets.sender, "claire@journal.example"), Some(1));
}

#[test]
fn paging_and_stored_extractions() {
    let tmp = tempfile::tempdir().unwrap();
    let index = build_fixture_index(tmp.path());
    let page = |offset| {
        index
            .search(&SearchRequest {
                query: "*".into(),
                limit: 2,
                offset,
                facets: false,
            })
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.doc_id)
            .collect::<Vec<_>>()
    };
    let (a, b) = (page(0), page(2));
    assert_eq!(a.len() + b.len(), 4);
    assert!(a.iter().all(|id| !b.contains(id)));

    let all = dossier::index::load_extractions(tmp.path(), None).unwrap();
    let expected: Vec<Extraction> = {
        let mut v: Vec<_> = fixtures().iter().map(extraction).collect();
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    };
    assert_eq!(all, expected, "stored extractions round-trip");
    let hits = dossier::index::load_extractions(tmp.path(), Some("org:Tesla")).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].claims.len(), 1);
}

#[test]
fn replacing_a_path_keeps_one_version() {
    let tmp = tempfile::tempdir().unwrap();
    let index = build_fixture_index(tmp.path());
    let mut f = fixtures().remove(1);
    f.doc.text = "Nvidia now ships wafers.".into();
    f.mentions.clear();
    let mut w = index.writer().unwrap();
    w.delete_path(&f.doc.path);
    w.add(&f.doc, &extraction(&f), "new-sha").unwrap();
    w.finish().unwrap();
    assert_eq!(ids(&index, "wafers"), set(&["en-article"]));
    assert_eq!(ids(&index, "money:>2e9 currency:USD"), set(&["fr-mail"]));
    assert_eq!(index.num_docs().unwrap(), 4);
    assert_eq!(
        index
            .indexed_files()
            .unwrap()
            .get("fixtures/en-article.txt")
            .map(|f| f.sha.as_str()),
        Some("new-sha")
    );
}

// ---------------------------------------------------------------------------------------------
// The commands, on folders written here.

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env_remove("DOSSIER_INDEX")
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn article(id: &str, title: &str, text: &str, date: &str, lang: &str) -> String {
    serde_json::json!({"id": id, "title": title, "text": text, "date": date, "lang": lang})
        .to_string()
}

/// Ids of the hits of a query, through `dossier search --json`.
fn search_ids(cwd: &Path, query: &str) -> BTreeSet<String> {
    let o = run(&["search", query, "--json", "--limit", "1000"], cwd);
    assert!(o.status.success(), "{query}: {}", stderr(&o));
    let mut ids = BTreeSet::new();
    let mut total = None;
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        match v.get("doc_id").and_then(|x| x.as_str()) {
            Some(id) => {
                ids.insert(id.to_string());
            }
            None => total = v.get("total").and_then(|t| t.as_u64()),
        }
    }
    assert_eq!(
        total,
        Some(ids.len() as u64),
        "{query}: last line gives the total"
    );
    ids
}

#[test]
fn incremental_reindex_skips_replaces_and_prunes() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let corpus = cwd.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let write = |name: &str, lines: &[String]| {
        std::fs::write(corpus.join(name), lines.join("\n") + "\n").unwrap()
    };
    write(
        "a.jsonl",
        &[
            article(
                "a1",
                "Puces détournées",
                "Les puces ont été détournées.",
                "2023-12-05",
                "fr",
            ),
            article("a2", "Chips", "The chips were shipped.", "2024-01-05", "en"),
        ],
    );
    write(
        "b.jsonl",
        &[article(
            "b1",
            "Rapport",
            "Un rapport annuel.",
            "2024-02-01",
            "fr",
        )],
    );
    write(
        "c.jsonl",
        &[article(
            "c1",
            "Old news",
            "Wafers and more.",
            "2022-02-01",
            "en",
        )],
    );

    let first = run(&["index", "corpus", "--quiet"], cwd);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        cwd.join(".dossier/meta.json").is_file(),
        "default index folder"
    );
    assert_eq!(search_ids(cwd, "*").len(), 4);
    assert_eq!(search_ids(cwd, "detournees"), set(&["a1"]));

    // Unchanged: nothing parsed again.
    let second = run(&["index", "corpus"], cwd);
    assert!(second.status.success());
    let summary = stderr(&second);
    assert!(
        summary.contains("indexed 0 documents from 0 files") && summary.contains("3 unchanged"),
        "{summary}"
    );

    // Changed, removed, added.
    write(
        "b.jsonl",
        &[article(
            "b2",
            "Rapport révisé",
            "Un rapport trimestriel.",
            "2024-03-01",
            "fr",
        )],
    );
    std::fs::remove_file(corpus.join("c.jsonl")).unwrap();
    write(
        "d.jsonl",
        &[article("d1", "New", "Fresh wafers.", "2024-04-01", "en")],
    );
    let third = run(&["index", "corpus"], cwd);
    assert!(third.status.success(), "{}", stderr(&third));
    let summary = stderr(&third);
    assert!(
        summary.contains("from 2 files") && summary.contains("1 unchanged"),
        "{summary}"
    );
    assert_eq!(
        search_ids(cwd, "rapport"),
        set(&["b2"]),
        "old version replaced"
    );
    assert_eq!(
        search_ids(cwd, "wafers"),
        set(&["c1", "d1"]),
        "no prune yet"
    );

    let fourth = run(&["index", "corpus", "--prune"], cwd);
    assert!(fourth.status.success());
    assert!(stderr(&fourth).contains("1 removed"), "{}", stderr(&fourth));
    assert_eq!(search_ids(cwd, "wafers"), set(&["d1"]));
    assert_eq!(search_ids(cwd, "*").len(), 4);
}

#[test]
fn second_writer_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    std::fs::write(
        cwd.join("a.jsonl"),
        article("a", "t", "x", "2024-01-01", "en"),
    )
    .unwrap();
    assert!(
        run(&["index", "a.jsonl", "--index", "idx", "-q"], cwd)
            .status
            .success()
    );
    let index = Index::open(&cwd.join("idx")).unwrap();
    let _held = index.writer().unwrap();
    let o = run(&["index", "a.jsonl", "--index", "idx"], cwd);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("another dossier index is running on idx"),
        "{}",
        stderr(&o)
    );
    // Readers need no lock: searching while a writer is open works.
    let o = run(&["search", "x", "--index", "idx"], cwd);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("1 of 1"));
}

#[test]
fn query_errors_are_explained_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    std::fs::write(
        cwd.join("a.jsonl"),
        article("a", "t", "x", "2024-01-01", "en"),
    )
    .unwrap();
    assert!(run(&["index", "a.jsonl", "-q"], cwd).status.success());
    for (q, says) in [
        ("money:>lots", "'money:>lots': expected a number"),
        ("date:[2024-01-01 TO", "unclosed range"),
        ("colour:red", "unknown field 'colour'"),
        ("-puces", "only excludes"),
        ("kind:memo", "expected kind:email or kind:article"),
    ] {
        let o = run(&["search", q], cwd);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{q}: {err}");
        assert!(err.contains(says), "{q}: {err}");
        assert!(
            !err.contains("panicked") && !err.contains("backtrace"),
            "{err}"
        );
    }
    let o = run(&["index", "a.jsonl", "--index", "."], cwd);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not empty and holds no index"),
        "{}",
        stderr(&o)
    );
    let o = run(&["search", "x", "--index", "nowhere"], cwd);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no index in nowhere"), "{}", stderr(&o));
}

#[test]
fn killed_run_leaves_a_usable_index_and_the_next_run_completes() {
    const FILES: usize = 60;
    const PER_FILE: usize = 50;
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let corpus = cwd.join("big");
    std::fs::create_dir(&corpus).unwrap();
    let words = ["puces", "chips", "budget", "livraison", "wafers", "contrat"];
    for f in 0..FILES {
        let lines: Vec<String> = (0..PER_FILE)
            .map(|i| {
                let w = words[(f + i) % words.len()];
                let text = format!(
                    "Document {f}-{i}: {w} et {} pour la filiale numéro {i}. {}",
                    words[i % words.len()],
                    "Une phrase de remplissage pour donner du corps au texte. ".repeat(20)
                );
                article(
                    &format!("d{f}-{i}"),
                    &format!("Titre {w}"),
                    &text,
                    "2024-01-01",
                    "fr",
                )
            })
            .collect();
        std::fs::write(corpus.join(format!("f{f:03}.jsonl")), lines.join("\n")).unwrap();
    }
    let idx = cwd.join("idx");
    // Extraction is beside the point here (and slow in debug builds): index text only.
    let mut child = Command::new(BIN)
        .args([
            "index",
            "big",
            "--index",
            "idx",
            "--quiet",
            "--no-extract",
            "--commit-docs",
            "100",
        ])
        .current_dir(cwd)
        .spawn()
        .unwrap();
    // Wait for a first commit, searching while the writer runs, then kill it.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen_during_run = 0;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "indexing finished ({status}) before it could be killed; make the corpus larger"
            );
        }
        if let Ok(index) = Index::open(&idx) {
            seen_during_run = index.num_docs().unwrap();
            if seen_during_run > 0 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(seen_during_run > 0, "no commit seen within the deadline");

    let index = Index::open(&idx).expect("a killed run leaves an openable index");
    let after_kill = index.num_docs().unwrap() as usize;
    assert!(after_kill >= seen_during_run as usize);
    assert_eq!(
        after_kill % PER_FILE,
        0,
        "files are committed whole: {after_kill}"
    );
    assert!(after_kill < FILES * PER_FILE, "killed before the end");
    let r = index
        .search(&SearchRequest {
            query: "puces".into(),
            limit: 5,
            offset: 0,
            facets: false,
        })
        .unwrap();
    assert!(r.total > 0);

    let o = run(&["index", "big", "--index", "idx", "--no-extract"], cwd);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stderr(&o);
    let unchanged = format!("{} unchanged", after_kill / PER_FILE);
    assert!(summary.contains(&unchanged), "{summary}");
    let index = Index::open(&idx).unwrap();
    assert_eq!(index.num_docs().unwrap() as usize, FILES * PER_FILE);
    let all = index.extractions(None).unwrap();
    let distinct: BTreeSet<_> = all.iter().map(|e| e.doc_id.clone()).collect();
    assert_eq!(distinct.len(), FILES * PER_FILE, "no document twice");
}

// ---------------------------------------------------------------------------------------------
// The bundled corpus.

/// `path` or `path#N` of each hit.
fn search_locations(cwd: &Path, index: &Path, query: &str) -> BTreeSet<String> {
    let o = Command::new(BIN)
        .args(["search", query, "--json", "--limit", "1000", "--index"])
        .arg(index)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert!(o.status.success(), "{query}: {}", stderr(&o));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let path = v.get("path")?.as_str()?.to_string();
            Some(match v.get("message_index").and_then(|i| i.as_u64()) {
                Some(i) => format!("{path}#{i}"),
                None => path,
            })
        })
        .collect()
}

#[test]
fn corpus_queries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("corpus/README.md").is_file() {
        eprintln!("corpus/ absent: skipping");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("idx");
    let o = Command::new(BIN)
        .args(["index", "corpus", "--index"])
        .arg(&index)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let cases: &[(&str, &[&str])] = &[
        // accent-insensitive: "Calcéa" in every water-story document
        (
            "calcea",
            &[
                "corpus/emails/eau-01-question.eml",
                "corpus/emails/eau-02-reponse-latin1.eml",
                "corpus/articles/fr/eau-calcea.html",
                "corpus/articles/fr/eau-conseil-syndical.txt",
                "corpus/articles/en/eau-datacentre-water.md",
                "corpus/wire/fiches.json#2",
                "corpus/wire/wire-items.jsonl#6",
                "corpus/wire/wire-items.jsonl#7",
            ],
        ),
        (
            "kind:email voltanis",
            &[
                "corpus/emails/voltanis-01-question.eml",
                "corpus/emails/voltanis-02-reponse.eml",
                "corpus/emails/voltanis-03-subvention-latin1.eml",
            ],
        ),
        // a phrase across punctuation: "Correction: 12,000"
        (
            "\"correction 12 000\"",
            &["corpus/mbox/chip-desk-thread.mbox#2"],
        ),
        ("kind:email", &[]),
        // dates of the messages themselves (offsets kept: -07:00, +02:00)
        (
            "kind:email date:[2024-06-01 TO 2024-06-30]",
            &[
                "corpus/emails/chip-01-desk-memo.eml",
                "corpus/emails/chip-02-re-factcheck.eml",
                "corpus/emails/chip-03-redaction-fr.eml",
                "corpus/emails/chip-04-re-redaction-fr.eml",
                "corpus/emails/chip-05-fwd-analyst.eml",
                "corpus/mbox/chip-desk-thread.mbox#0",
                "corpus/mbox/chip-desk-thread.mbox#1",
                "corpus/mbox/chip-desk-thread.mbox#2",
                "corpus/mbox/chip-desk-thread.mbox#3",
                "corpus/mbox/chip-desk-thread.mbox#4",
            ],
        ),
        (
            "kind:email before:2024-06",
            &[
                "corpus/emails/eau-01-question.eml",
                "corpus/emails/eau-02-reponse-latin1.eml",
            ],
        ),
        (
            "kind:email after:2024-09-17",
            &[
                "corpus/emails/voltanis-02-reponse.eml",
                "corpus/emails/voltanis-03-subvention-latin1.eml",
            ],
        ),
        // fielded: sender name, attachment name
        (
            "from:dana",
            &[
                "corpus/emails/chip-01-desk-memo.eml",
                "corpus/mbox/chip-desk-thread.mbox#0",
                "corpus/mbox/chip-desk-thread.mbox#2",
                "corpus/mbox/chip-desk-thread.mbox#4",
            ],
        ),
        (
            "attachment:livraisons",
            &["corpus/emails/voltanis-02-reponse.eml"],
        ),
        // value range: Musk's "about $10 billion", per the corpus README's facts table
        (
            "money:>5e9 currency:USD",
            &[
                "corpus/emails/chip-01-desk-memo.eml",
                "corpus/emails/chip-02-re-factcheck.eml",
                "corpus/emails/chip-03-redaction-fr.eml",
                "corpus/emails/chip-04-re-redaction-fr.eml",
                "corpus/emails/chip-05-fwd-analyst.eml",
                "corpus/mbox/chip-desk-thread.mbox#3",
                "corpus/mbox/chip-desk-thread.mbox#4",
                "corpus/articles/fr/chip-lejournal.html",
                "corpus/articles/en/chip-wire.html",
                "corpus/articles/fr/chip-depeche.txt",
                "corpus/articles/en/chip-analysis.txt",
                "corpus/articles/en/chip-explainer.md",
                "corpus/articles/fr/chip-chronologie.md",
                "corpus/articles/fr/chip-verification.md",
                "corpus/wire/wire-items.jsonl#1",
                "corpus/wire/wire-items.jsonl#2",
            ],
        ),
    ];
    // The facts table also lists fiches.json #0, whose text sits under the `body` alias: it
    // is found once the JSON reader reads aliases, and is not required before.
    const ALIAS_RECORD: &str = "corpus/wire/fiches.json#0";
    let mut failures = Vec::new();
    for (q, expected) in cases {
        let mut got = search_locations(root, &index, q);
        if q.starts_with("money:") {
            got.remove(ALIAS_RECORD);
        }
        if *q == "kind:email" {
            if got.len() != 15 {
                failures.push(format!("{q}: expected 15 emails, got {}", got.len()));
            }
            continue;
        }
        if got != set(expected) {
            failures.push(format!("{q}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let again = Command::new(BIN)
        .args(["index", "corpus", "--index"])
        .arg(&index)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        stderr(&again).contains("indexed 0 documents from 0 files"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn facet_values_keep_slashes_and_survive_nul() {
    let tmp = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(tmp.path()).unwrap();
    let text = "Warner/Discovery and Bad\0Name signed.";
    let f = Fixture {
        doc: doc("slash", DocKind::Article, "en", "Deal", text, "2024-02-01"),
        mentions: vec![
            org(text, "Warner/Discovery", "Warner/Discovery"),
            org(text, "Bad\0Name", "Bad\0Name"),
        ],
        claims: vec![],
    };
    let mut w = index.writer().unwrap();
    w.add(&f.doc, &extraction(&f), "sha").unwrap();
    w.finish().unwrap();
    let r = index
        .search(&SearchRequest {
            query: "org:\"Warner/Discovery\"".into(),
            limit: 1,
            offset: 0,
            facets: true,
        })
        .unwrap();
    assert_eq!(r.total, 1);
    let orgs: BTreeSet<String> = r.facets.unwrap().org.into_iter().map(|(k, _)| k).collect();
    assert_eq!(orgs, set(&["Warner/Discovery", "Bad Name"]));
}

#[test]
fn changing_extraction_flags_reextracts() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    std::fs::write(
        cwd.join("a.jsonl"),
        article("a", "t", "x", "2024-01-01", "en"),
    )
    .unwrap();
    assert!(run(&["index", "a.jsonl", "-q"], cwd).status.success());
    let same = run(&["index", "a.jsonl"], cwd);
    assert!(stderr(&same).contains("1 unchanged"), "{}", stderr(&same));
    let other = run(&["index", "a.jsonl", "--date-bias", "future"], cwd);
    assert!(
        stderr(&other).contains("indexed 1 documents from 1 files"),
        "{}",
        stderr(&other)
    );
    assert_eq!(
        search_ids(cwd, "*"),
        set(&["a"]),
        "replaced, not duplicated"
    );
}

#[test]
fn amount_and_currency_are_compared_together() {
    let tmp = tempfile::tempdir().unwrap();
    let index = Index::create_or_open(tmp.path()).unwrap();
    let t1 = "Un prêt de 2 milliards d'euros et une avance de 5 millions de dollars.";
    let t2 = "A $3 billion deal.";
    let t3 = "Une fourchette de 1 à 4 milliards de dollars.";
    let mut ranged = money(t3, "1 à 4 milliards de dollars", 0.0, "USD");
    ranged.value = None;
    ranged.range = Some([1e9, 4e9]);
    let fixtures = [
        Fixture {
            doc: doc("mixed", DocKind::Article, "fr", "Prêt", t1, "2024-01-01"),
            mentions: vec![
                money(t1, "2 milliards d'euros", 2e9, "EUR"),
                money(t1, "5 millions de dollars", 5e6, "USD"),
            ],
            claims: vec![],
        },
        Fixture {
            doc: doc("dollars", DocKind::Article, "en", "Deal", t2, "2024-01-02"),
            mentions: vec![money(t2, "$3 billion", 3e9, "USD")],
            claims: vec![],
        },
        Fixture {
            doc: doc(
                "range",
                DocKind::Article,
                "fr",
                "Fourchette",
                t3,
                "2024-01-03",
            ),
            mentions: vec![ranged],
            claims: vec![],
        },
    ];
    let mut w = index.writer().unwrap();
    for f in &fixtures {
        w.add(&f.doc, &extraction(f), "sha").unwrap();
    }
    w.finish().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("money:>1e9 currency:USD", &["dollars", "range"]),
        ("money:>1e9 currency:EUR", &["mixed"]),
        ("money:<1e7 currency:USD", &["mixed"]),
        ("money:>1e9", &["mixed", "dollars", "range"]),
        ("money:[3.5e9 TO 5e9] currency:usd", &["range"]),
        (
            "money:>1e9 (currency:USD OR currency:EUR)",
            &["mixed", "dollars", "range"],
        ),
    ];
    let mut failures = Vec::new();
    for (q, expected) in cases {
        let got = ids(&index, q);
        if got != set(expected) {
            failures.push(format!("{q}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn changing_the_organisations_config_reextracts() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    let text = "Le contrat signé par qwixel hier.";
    std::fs::write(
        cwd.join("a.jsonl"),
        article("a", "t", text, "2024-01-01", "fr"),
    )
    .unwrap();
    assert!(run(&["index", "a.jsonl", "-q"], cwd).status.success());
    assert_eq!(search_ids(cwd, "org:\"Qwixel Labs\""), set(&[]));
    std::fs::write(
        cwd.join("dossier.toml"),
        "[orgs]\n\"Qwixel Labs\" = [\"qwixel\"]\n",
    )
    .unwrap();
    let o = run(&["index", "a.jsonl"], cwd);
    assert!(
        stderr(&o).contains("indexed 1 documents from 1 files"),
        "{}",
        stderr(&o)
    );
    assert_eq!(search_ids(cwd, "org:\"Qwixel Labs\""), set(&["a"]));
}

#[test]
fn text_hits_show_a_vague_amount_by_its_bound() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    std::fs::write(
        cwd.join("a.jsonl"),
        article(
            "a",
            "Chips",
            "Nvidia shipped thousands of chips to X.",
            "2024-06-04",
            "en",
        ),
    )
    .unwrap();
    assert!(run(&["index", "a.jsonl", "-q"], cwd).status.success());
    let o = run(&["search", "chips"], cwd);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("«thousands of chips» = ≥ 1000"), "{out}");
}

/// The index knows a file by its canonical path: indexing the same folder from another
/// working directory adds nothing, a change made there replaces the file's documents, pruning
/// works from anywhere, and two files that share a relative path are two files.
#[test]
fn a_file_is_itself_from_any_working_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let docs = root.join("a/docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(root.join("b/docs")).unwrap();
    let write = |p: &Path, text: &str| {
        std::fs::write(p, format!("Titre\n\n{text}\n")).unwrap();
    };
    write(&docs.join("one.txt"), "Nvidia livre des puces à Tesla.");
    write(&docs.join("two.txt"), "Voltanis lève des fonds.");
    let idx = root.join("idx");
    let idx_arg = idx.to_str().unwrap();
    let index = |cwd: &Path, what: &str, extra: &[&str]| -> String {
        let mut args = vec!["index", what, "--index", idx_arg];
        args.extend_from_slice(extra);
        let o = run(&args, cwd);
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    let count = || Index::open(&idx).unwrap().num_docs().unwrap();
    index(&root.join("a"), "docs", &[]);
    assert_eq!(count(), 2);
    // Same files from the parent folder, and twice in one run: nothing new.
    let said = index(root, "a/docs", &[]);
    assert!(said.contains("2 unchanged"), "{said}");
    index(root, "a/docs/one.txt", &[]);
    assert_eq!(count(), 2);
    // Changed from elsewhere: replaced, not doubled.
    write(&docs.join("one.txt"), "Nvidia détourne des puces vers X.");
    index(root, "a/docs", &[]);
    assert_eq!(count(), 2);
    let hits = |q: &str| {
        let o = run(&["search", q, "--json", "--index", idx_arg], root);
        String::from_utf8_lossy(&o.stdout).lines().count() - 1
    };
    assert_eq!(hits("détourne"), 1);
    assert_eq!(hits("livre"), 0);
    // Another file with the same relative path, from its own folder: a third document.
    write(&root.join("b/docs/one.txt"), "Une autre note sur Calcéa.");
    index(&root.join("b"), "docs", &[]);
    assert_eq!(count(), 3);
    // Pruning from a third folder removes only the file that is gone.
    std::fs::remove_file(docs.join("two.txt")).unwrap();
    let said = index(&root.join("b"), "docs", &["--prune"]);
    assert!(said.contains("1 removed"), "{said}");
    assert_eq!(count(), 2);
}
