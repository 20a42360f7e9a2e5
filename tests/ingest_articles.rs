//! Articles: HTML pages, .txt/.md files and JSON records parsed through the ingest driver,
//! checked against the expectations written beside each fixture; language detection on
//! written sentences and on the real article samples; hostile inputs that must not hang or
//! panic.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier::ingest::{self, IngestOptions, html, jsonl, lang, text};
use serde::Deserialize;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus-samples");

/// `NAME.expect.toml`, beside the fixture `NAME.<ext>`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    #[serde(default)]
    errors: usize,
    #[serde(default)]
    error_contains: Vec<String>,
    #[serde(default)]
    doc: Vec<ExpectedDoc>,
}

/// A field left out is not checked; `"<none>"` means the field must be null.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedDoc {
    doc_id: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    warnings: Option<bool>,
    starts_with: Option<String>,
    #[serde(default)]
    contains: Vec<String>,
    #[serde(default)]
    excludes: Vec<String>,
}

const NONE: &str = "<none>";

fn check_field(
    failures: &mut Vec<String>,
    what: &str,
    expected: &Option<String>,
    got: Option<&str>,
) {
    let Some(expected) = expected else { return };
    let ok = if expected == NONE {
        got.is_none()
    } else {
        got == Some(expected.as_str())
    };
    if !ok {
        failures.push(format!("{what}: expected {expected:?}, got {got:?}"));
    }
}

fn fixture_for(expect: &Path) -> Option<PathBuf> {
    let stem = expect.file_name()?.to_str()?.strip_suffix(".expect.toml")?;
    std::fs::read_dir(expect.parent()?)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_stem().and_then(|s| s.to_str()) == Some(stem)
                && p.extension().and_then(|e| e.to_str()) != Some("toml")
        })
}

fn check_fixture(expect_path: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let Some(fixture) = fixture_for(expect_path) else {
        return vec!["no fixture file beside the expectation".into()];
    };
    let expectation: Expectation = match std::fs::read_to_string(expect_path)
        .map_err(|e| e.to_string())
        .and_then(|s| toml::from_str(&s).map_err(|e| e.to_string()))
    {
        Ok(e) => e,
        Err(e) => return vec![format!("bad expectation file: {e}")],
    };
    let (docs, errors, _) = ingest::parse_paths(&[fixture], &IngestOptions::default());
    let error_texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    if errors.len() != expectation.errors {
        failures.push(format!(
            "expected {} errors, got {error_texts:?}",
            expectation.errors
        ));
    }
    for needle in &expectation.error_contains {
        if !error_texts.iter().any(|e| e.contains(needle.as_str())) {
            failures.push(format!("no error mentions {needle:?} in {error_texts:?}"));
        }
    }
    if docs.len() != expectation.doc.len() {
        failures.push(format!(
            "expected {} documents, got {}",
            expectation.doc.len(),
            docs.len()
        ));
    }
    for (i, (want, got)) in expectation.doc.iter().zip(&docs).enumerate() {
        let mut f = Vec::new();
        check_field(&mut f, "doc_id", &want.doc_id, Some(&got.doc_id));
        check_field(&mut f, "title", &want.title, got.title.as_deref());
        check_field(&mut f, "date", &want.date, got.date.as_deref());
        check_field(&mut f, "author", &want.author, got.author.as_deref());
        check_field(&mut f, "url", &want.url, got.url.as_deref());
        check_field(&mut f, "lang", &want.lang, Some(&got.lang));
        if let Some(w) = want.warnings
            && w == got.warnings.is_empty()
        {
            f.push(format!(
                "warnings: expected some={w}, got {:?}",
                got.warnings
            ));
        }
        if let Some(start) = &want.starts_with
            && !got.text.starts_with(start.as_str())
        {
            f.push(format!("text should start with {start:?}"));
        }
        for needle in &want.contains {
            if !got.text.contains(needle.as_str()) {
                f.push(format!("text lacks {needle:?}"));
            }
        }
        for needle in &want.excludes {
            if got.text.contains(needle.as_str()) {
                f.push(format!("text contains boilerplate {needle:?}"));
            }
        }
        if !f.is_empty() {
            failures.push(format!(
                "doc {i}: {}\n      text: {:?}",
                f.join("\n      "),
                got.text
            ));
        }
    }
    failures
}

#[test]
fn fixtures_match_their_expectations() {
    let mut expectations: Vec<PathBuf> = std::fs::read_dir(FIXTURES)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expect.toml"))
        .collect();
    expectations.sort();
    assert!(
        expectations.len() >= 15,
        "fixtures missing: {expectations:?}"
    );
    let mut report = Vec::new();
    for path in &expectations {
        let failures = check_fixture(path);
        if !failures.is_empty() {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            report.push(format!("{name}:\n    {}", failures.join("\n    ")));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} fixtures failed:\n{}",
        report.len(),
        expectations.len(),
        report.join("\n")
    );
}

#[test]
fn language_of_written_sentences() {
    let table = std::fs::read_to_string(Path::new(FIXTURES).join("lang.tsv")).expect("lang.tsv");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (expected, sentence) = line.split_once('\t').unwrap_or((line, ""));
        cases += 1;
        let got = lang::detect(sentence);
        if got != expected {
            failures.push(format!("{sentence:?}: expected {expected}, got {got}"));
        }
    }
    assert!(cases >= 20);
    assert!(
        failures.is_empty(),
        "{} of {cases} wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every record of the real samples parses; with its `lang` field removed, detection agrees
/// with it on at least 95% of the records (on the text, and on the title alone as a report).
#[test]
fn real_article_samples_parse_and_languages_agree() {
    let mut files = Vec::new();
    for sub in ["articles-en", "articles-fr"] {
        let Ok(dir) = std::fs::read_dir(Path::new(SAMPLES).join(sub)) else {
            eprintln!("note: {SAMPLES}/{sub} absent, skipping the real-sample test");
            return;
        };
        files.extend(
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "jsonl")),
        );
    }
    let (mut total, mut agree, mut titles, mut titles_agree, mut titles_und) = (0, 0, 0, 0, 0);
    let mut disagreements = Vec::new();
    for file in &files {
        let raw = std::fs::read_to_string(file).expect("readable sample");
        let path = file.to_string_lossy();
        for (i, line) in raw.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            let mut record: serde_json::Value = serde_json::from_str(line).expect("sample is JSON");
            let declared = record["lang"]
                .as_str()
                .expect("sample has lang")
                .to_string();
            let with_lang = jsonl::parse_record(line.as_bytes(), &path)
                .unwrap_or_else(|e| panic!("{path} record {i}: {e}"));
            assert_eq!(
                with_lang.lang, declared,
                "{path} record {i}: declared lang kept"
            );
            assert!(
                !with_lang.text.is_empty() && with_lang.date.is_some(),
                "{path} record {i}"
            );
            record.as_object_mut().expect("object").remove("lang");
            let bytes = serde_json::to_vec(&record).expect("serialisable");
            let doc = jsonl::parse_record(&bytes, &path).expect("parses without lang");
            assert_eq!(doc.lang, "und", "parser must leave detection to the driver");
            total += 1;
            let detected = lang::detect_document(&doc);
            if detected == declared {
                agree += 1;
            } else {
                disagreements.push(format!(
                    "{path} record {i}: {declared} detected as {detected}"
                ));
            }
            if let Some(title) = &doc.title {
                titles += 1;
                match lang::detect(title) {
                    "und" => titles_und += 1,
                    t if t == declared => titles_agree += 1,
                    t => disagreements.push(format!("title {title:?}: {declared} detected as {t}")),
                }
            }
        }
    }
    let share = agree as f64 / total.max(1) as f64;
    eprintln!(
        "language agreement on real samples: {agree}/{total} texts ({:.1}%); titles alone: \
         {titles_agree}/{titles} right, {titles_und} und, {} wrong",
        share * 100.0,
        titles - titles_agree - titles_und
    );
    for d in &disagreements {
        eprintln!("  {d}");
    }
    assert!(total >= 50, "expected the 60 sample records, found {total}");
    assert!(share >= 0.95, "agreement {share:.3} below 0.95");
    assert!(
        disagreements.iter().all(|d| !d.starts_with("title")),
        "a title was given the wrong language"
    );
}

#[test]
fn html_metadata_variants() {
    let cases: &[(&str, &str, Option<&str>, Option<&str>)] = &[
        // (html, expected title, expected date, expected author)
        (
            r#"<title>Plain title</title><p>x</p>"#,
            "Plain title",
            None,
            None,
        ),
        (
            r#"<title>Site name | Headline here</title><h1>Headline here</h1>"#,
            "Headline here",
            None,
            None,
        ),
        (
            r#"<title>Headline - with a dash inside</title><h1>Another heading</h1>"#,
            "Headline - with a dash inside",
            None,
            None,
        ),
        (
            r#"<script type="application/ld+json">{"@type":["NewsArticle"],"headline":"LD headline","datePublished":"2024-06-04T09:12:00.000+02:00","author":{"name":"Ann Lee"}}</script><p>x</p>"#,
            "LD headline",
            Some("2024-06-04T09:12:00+02:00"),
            Some("Ann Lee"),
        ),
        (
            r#"<meta name="pubdate" content="20240604"><meta name="author" content="Jo Bloggs"><h1>H</h1>"#,
            "H",
            Some("2024-06-04"),
            Some("Jo Bloggs"),
        ),
        (
            r#"<h1>T</h1><article><p>Text <time datetime="2020-01-01">then</time></p><time itemprop="datePublished" datetime="2024-06-05">5 juin</time></article>"#,
            "T",
            Some("2024-06-05"),
            None,
        ),
        (
            r#"<h1>T</h1><div class="byline">By Sam O'Neil | Updated June 4</div>"#,
            "T",
            None,
            Some("Sam O'Neil"),
        ),
    ];
    let mut failures = Vec::new();
    for (source, title, date, author) in cases {
        let doc = html::parse_html(source.as_bytes(), "case.html").expect("parses");
        let got = (
            doc.title.as_deref(),
            doc.date.as_deref(),
            doc.author.as_deref(),
        );
        if got != (Some(*title), *date, *author) {
            failures.push(format!("{source}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_offsets_point_into_the_source_after_front_matter() {
    let raw = "---\ntitle: T\n---\nCorps : 12 000 puces.\n";
    let doc = text::parse_text(raw.as_bytes(), "a.md", true).expect("parses");
    assert_eq!(doc.text, "Corps : 12 000 puces.\n");
    assert_eq!(doc.title.as_deref(), Some("T"));
    // An unclosed fence is not front matter: nothing is lost.
    let doc = text::parse_text(b"---\ntitle: T\nno end", "b.md", true).expect("parses");
    assert_eq!(doc.text, "---\ntitle: T\nno end");
}

#[test]
fn hostile_html_does_not_hang() {
    let deep = "<div>".repeat(10_000_000); // 50 MB of nested <div>s
    let start = Instant::now();
    let doc = html::parse_html(deep.as_bytes(), "deep.html").expect("parses");
    let elapsed = start.elapsed();
    assert!(doc.text.is_empty());
    assert!(
        doc.warnings.iter().any(|w| w.contains("nested")),
        "{:?}",
        doc.warnings
    );
    assert!(elapsed < Duration::from_secs(60), "took {elapsed:?}");
    eprintln!("50 MB of nested <div>: {elapsed:?}");

    // Unclosed formatting elements are reopened by html5ever in every new block.
    let reopened: String = (0..50_000).map(|i| format!("<p><b id={i}>x</p>")).collect();
    let start = Instant::now();
    let doc = html::parse_html(reopened.as_bytes(), "reopened.html").expect("parses");
    assert!(doc.text.starts_with("x\n\nx"));
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );

    let mixed = format!(
        "{}<p>inside</p>{}",
        "<span><b><i>".repeat(100_000),
        "</i></b></span>".repeat(100_000)
    );
    let start = Instant::now();
    assert_eq!(html::html_to_text(&mixed), "inside");
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    for deep in ["[".repeat(100_000), "{\"a\":".repeat(100_000)] {
        let results = jsonl::parse_json_file(deep.as_bytes(), "deep.json");
        assert!(matches!(results.as_slice(), [Err(_)]), "one error expected");
        assert!(jsonl::parse_record(deep.as_bytes(), "deep.jsonl").is_err());
    }
}

/// Pseudo-random soups of markup, JSON and text bytes: the parsers return, whatever they get.
#[test]
fn random_bytes_never_panic() {
    const PIECES: &[&[u8]] = &[
        b"<",
        b">",
        b"</",
        b"<div",
        b"<p>",
        b"<article>",
        b"<script>",
        b"</script>",
        b"<!--",
        b"-->",
        b"\"",
        b"'",
        b"&amp",
        b"&#",
        b";",
        b"{",
        b"}",
        b"[",
        b"]",
        b":",
        b",",
        b"---\n",
        b"+++\n",
        b"\n",
        b"title: ",
        b"date: ",
        b"\xff",
        b"\xe9",
        b"\xc3",
        b"\xef\xbb\xbf",
        b"\0",
        b"text",
        b"\"text\"",
        b"<meta charset=",
        b"utf-16",
        b"<time datetime=\"",
        b"2024-",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2_000 {
        let len = (next() % 60) as usize;
        let mut raw = Vec::new();
        for _ in 0..len {
            raw.extend_from_slice(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        let _ = html::parse_html(&raw, "r.html");
        let _ = html::html_to_text(&String::from_utf8_lossy(&raw));
        let _ = text::parse_text(&raw, "r.md", true);
        let _ = jsonl::parse_record(&raw, "r.jsonl");
        let _ = jsonl::parse_json_file(&raw, "r.json");
        let _ = lang::detect(&String::from_utf8_lossy(&raw));
    }
}

#[test]
fn jsonl_reader_skips_blank_lines_and_bounds_a_monster_line() {
    let input = b"{\"a\":1}\n\n   \n{\"b\":2}\r\n{\"c\":3}";
    let lines: Vec<Vec<u8>> = jsonl::JsonlReader::new(&input[..])
        .map(|l| l.expect("reads"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2], b"{\"c\":3}");
    let mut big = vec![b'x'; jsonl::MAX_RECORD_BYTES + 10];
    big.extend_from_slice(b"\n{\"id\":\"after\",\"text\":\"t\"}\n");
    let lines: Vec<Vec<u8>> = jsonl::JsonlReader::new(&big[..])
        .map(|l| l.expect("reads"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].len(), jsonl::MAX_RECORD_BYTES + 1);
    assert!(jsonl::parse_record(&lines[0], "big.jsonl").is_err());
    assert_eq!(
        jsonl::parse_record(&lines[1], "big.jsonl")
            .expect("next record")
            .doc_id,
        "after"
    );
}

#[test]
fn html_charsets_are_honoured() {
    // (bytes, expected text, a warning expected)
    let cases: Vec<(Vec<u8>, &str, bool)> = vec![
        (
            b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>".to_vec(),
            "café",
            false,
        ),
        (
            b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html><p>\xa4 5</p></html>".to_vec(),
            "€ 5",
            false,
        ),
        (
            b"<meta charset=\"utf-8\"><p>caf\xe9</p>".to_vec(),
            "café",
            true,
        ),
        (b"<p>caf\xc3\xa9</p>".to_vec(), "café", false),
        (
            b"\xef\xbb\xbf<meta charset=\"windows-1252\"><p>caf\xc3\xa9</p>".to_vec(),
            "café",
            false,
        ),
        (
            b"<meta charset=\"klingon-8\"><p>caf\xc3\xa9</p>".to_vec(),
            "café",
            true,
        ),
    ];
    let mut failures = Vec::new();
    for (raw, expected, warned) in cases {
        let doc = html::parse_html(&raw, "c.html").expect("parses");
        if doc.text != expected || doc.warnings.is_empty() == warned {
            failures.push(format!(
                "{:?}: got {:?} {:?}",
                String::from_utf8_lossy(&raw),
                doc.text,
                doc.warnings
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_empty_json_array_is_an_error() {
    assert!(matches!(
        jsonl::parse_json_file(b"[]", "e.json").as_slice(),
        [Err(_)]
    ));
    assert!(matches!(
        jsonl::parse_json_file(b"{\"items\": []}", "e.json").as_slice(),
        [Err(_)]
    ));
}
