//! Corpus tests for date and time extraction: `tests/corpus/{fr,en}/date.tsv`, one example a
//! line, run by one runner that prints every failure before failing.
//!
//! Columns (tab-separated): reference date (`-` for none), bias (`auto`, `past`, `future`),
//! sentence, expected mentions. Expected mentions are separated by ` || `; each is
//! `surface => value`, optionally followed by ` ; key=value` checks (`grain`, `mod`,
//! `interval` and `range` (the bounds a stretch exposes) as `start..end`, `anchor` as `none`, `type` as `date` or `time`). `-` expects no date at all (negatives).
//! A literal `\n` in a sentence stands for a line break.
//! Every found mention must be expected and every expected one found; offsets are checked
//! against the sentence.

use std::path::Path;

use chrono::NaiveDate;
use dossier::extract::{Anchor, DateBias, Lang, time};
use dossier::model::Mention;

struct Case {
    line: usize,
    anchor: Option<Anchor>,
    bias: DateBias,
    text: String,
    expected: Vec<Expected>,
}

struct Expected {
    surface: String,
    value: String,
    checks: Vec<(String, String)>,
}

fn parse_corpus(path: &Path) -> Vec<Case> {
    let content =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "{}:{}: expected 4 tab-separated columns",
            path.display(),
            i + 1
        );
        // A day ("2024-06-04") or an instant with its offset ("2024-06-04T10:02:00+02:00"),
        // as documents give them.
        let anchor = (cols[0] != "-").then(|| {
            Anchor::from_date_str(cols[0], "document date")
                .unwrap_or_else(|| panic!("{}:{}: bad date {}", path.display(), i + 1, cols[0]))
        });
        let bias: DateBias = cols[1]
            .parse()
            .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let expected = if cols[3].trim() == "-" {
            Vec::new()
        } else {
            cols[3]
                .split(" || ")
                .map(|item| {
                    let mut parts = item.split(" ; ");
                    let head = parts.next().unwrap_or("");
                    let (surface, value) = head.split_once(" => ").unwrap_or_else(|| {
                        panic!("{}:{}: item without ' => ': {item}", path.display(), i + 1)
                    });
                    let checks = parts
                        .map(|kv| {
                            let (k, v) = kv.split_once('=').unwrap_or_else(|| {
                                panic!("{}:{}: bad check {kv}", path.display(), i + 1)
                            });
                            (k.trim().to_string(), v.trim().to_string())
                        })
                        .collect();
                    Expected {
                        surface: surface.trim().to_string(),
                        value: value.trim().to_string(),
                        checks,
                    }
                })
                .collect()
        };
        cases.push(Case {
            line: i + 1,
            anchor,
            bias,
            // "\n" in the sentence column stands for a line break (hard-wrapped emails).
            text: cols[2].replace("\\n", "\n"),
            expected,
        });
    }
    cases
}

fn check_attribute(m: &Mention, key: &str, want: &str) -> Result<(), String> {
    let got = match key {
        "grain" => m.grain.clone().unwrap_or_else(|| "none".into()),
        "mod" => m.modifier.clone().unwrap_or_else(|| "none".into()),
        "interval" => m
            .interval
            .as_ref()
            .map(|[a, b]| format!("{a}..{b}"))
            .unwrap_or_else(|| "none".into()),
        "range" => m
            .bounds
            .as_ref()
            .map(|[a, b]| format!("{a}..{b}"))
            .unwrap_or_else(|| "none".into()),
        "anchor" => m.anchor.clone().unwrap_or_else(|| "none".into()),
        "type" => m.kind.as_str().to_string(),
        other => return Err(format!("unknown check '{other}'")),
    };
    if got == want {
        Ok(())
    } else {
        Err(format!("{key}: expected {want}, got {got}"))
    }
}

fn run_case(case: &Case, lang: Lang) -> Vec<String> {
    let mut problems = Vec::new();
    let mentions = time::extract(&case.text, lang, case.anchor.as_ref(), case.bias);
    for m in &mentions {
        let by_offsets: String = case
            .text
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        if by_offsets != m.text || case.text.get(m.byte_start..m.byte_end) != Some(m.text.as_str())
        {
            problems.push(format!("offsets of '{}' do not point at it", m.text));
        }
    }
    let show = |m: &Mention| format!("'{}' => {}", m.text, m.text_value().unwrap_or("null"));
    let mut used = vec![false; mentions.len()];
    for e in &case.expected {
        let found = mentions
            .iter()
            .enumerate()
            .find(|(i, m)| !used[*i] && m.text == e.surface);
        match found {
            None => problems.push(format!(
                "missing '{}' => {} (found: [{}])",
                e.surface,
                e.value,
                mentions.iter().map(show).collect::<Vec<_>>().join(", ")
            )),
            Some((i, m)) => {
                used[i] = true;
                let got = m.text_value().unwrap_or("null");
                if got != e.value {
                    problems.push(format!(
                        "'{}': expected {}, got {} (rule: {})",
                        e.surface, e.value, got, m.rule
                    ));
                }
                for (k, v) in &e.checks {
                    if let Err(p) = check_attribute(m, k, v) {
                        problems.push(format!("'{}': {p}", e.surface));
                    }
                }
            }
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        if !used[i] {
            problems.push(format!("unexpected {} (rule: {})", show(m), m.rule));
        }
    }
    problems
}

fn run_corpus(lang: Lang, file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    let cases = parse_corpus(&path);
    let mut failures = Vec::new();
    for case in &cases {
        for p in run_case(case, lang) {
            failures.push(format!("{}:{}: {}\n    {}", file, case.line, p, case.text));
        }
    }
    let failed_cases = {
        let mut lines: Vec<&str> = failures
            .iter()
            .filter_map(|f| f.split(": ").next())
            .collect();
        lines.dedup();
        lines.len()
    };
    eprintln!("{file}: {} cases, {} failing", cases.len(), failed_cases);
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in {file}",
        failures.len()
    );
}

#[test]
fn french_date_corpus() {
    run_corpus(Lang::Fr, "fr/date.tsv");
}

#[test]
fn english_date_corpus() {
    run_corpus(Lang::En, "en/date.tsv");
}

#[test]
fn corpora_are_large_enough() {
    for file in ["fr/date.tsv", "en/date.tsv"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(file);
        let cases = parse_corpus(&path);
        let negatives = cases.iter().filter(|c| c.expected.is_empty()).count();
        assert!(cases.len() >= 120, "{file}: only {} cases", cases.len());
        assert!(negatives >= 10, "{file}: only {negatives} negative cases");
    }
}

/// A corpus file, its language, its document date and the (surface, value) pairs it must yield.
type StoryFile = (
    &'static str,
    Lang,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The chip-allocation story of the bundled corpus: every date it states resolves to the
/// right month or day against its document's own date.
#[test]
fn chip_story_dates_resolve() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    if !root.exists() {
        eprintln!("corpus/ absent: skipping");
        return;
    }
    let expectations: &[StoryFile] = &[
        (
            "articles/fr/chip-depeche.txt",
            Lang::Fr,
            "2024-06-05",
            &[
                ("5 juin 2024", "2024-06-05"),
                ("hier", "2024-06-04"),
                ("la mi-décembre", "2023-12"),
                ("plus tôt dans l'année", "2024"),
                ("d'ici la fin de l'année", "2024"),
                ("cette année", "2024"),
                ("Mardi soir", "2024-06-04TEV"),
                ("2024", "2024"),
                ("août", "2024-08"),
            ],
        ),
        (
            "articles/en/chip-analysis.txt",
            Lang::En,
            "2024-06-06",
            &[
                ("June 6, 2024", "2024-06-06"),
                ("December 2023", "2023-12"),
                ("Earlier this year", "2024"),
                ("by year end", "2024"),
                ("Tuesday", "2024-06-04"),
                ("yesterday", "2024-06-05"),
                ("Q2 2024", "2024-Q2"),
                ("July", "2024-07"),
                ("August", "2024-08"),
            ],
        ),
        (
            "articles/fr/chip-chronologie.md",
            Lang::Fr,
            "2024-06-08",
            &[
                ("Décembre 2023", "2023-12"),
                ("Printemps 2024", "2024-SP"),
                ("4 juin 2024", "2024-06-04"),
                ("Août 2024", "2024-08"),
                ("La semaine dernière", "2024-W22"),
            ],
        ),
        (
            "articles/fr/chip-verification.md",
            Lang::Fr,
            "2024-06-10",
            &[
                ("décembre dernier", "2023-12"),
                ("4 juin", "2024-06-04"),
                ("la semaine dernière", "2024-W23"),
            ],
        ),
        (
            "articles/en/chip-explainer.md",
            Lang::En,
            "2024-06-07",
            &[
                ("June 4, 2024", "2024-06-04"),
                ("mid-December", "2023-12"),
                ("by the end of the year", "2024"),
                ("by end of 2024", "2024"),
                ("December 2023", "2023-12"),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (file, lang, date, wanted) in expectations {
        let path = root.join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let anchor = Anchor::on_day(
            NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date"),
            format!("document date {date}"),
        );
        let mentions = time::extract(&text, *lang, Some(&anchor), DateBias::Auto);
        for (surface, value) in *wanted {
            let found: Vec<&Mention> = mentions.iter().filter(|m| m.text == *surface).collect();
            if !found.iter().any(|m| m.text_value() == Some(value)) {
                failures.push(format!(
                    "{file}: '{surface}' should be {value}, found {:?}",
                    found
                        .iter()
                        .map(|m| (m.text_value().unwrap_or("null"), m.rule.as_str()))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    // Wire records carry their own dates.
    let wire = std::fs::read_to_string(root.join("wire/wire-items.jsonl")).expect("wire items");
    let wire_expect: &[(&str, &str, &str)] = &[
        ("wire-2024-0604-001", "Tuesday", "2024-06-04"),
        ("wire-2024-0604-001", "December 2023", "2023-12"),
        ("wire-2024-0604-002", "this year", "2024"),
        ("wire-2024-0605-004", "August", "2024-08"),
    ];
    let mut seen = vec![false; wire_expect.len()];
    for line in wire.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).expect("wire record");
        let id = record["id"].as_str().unwrap_or_default();
        let anchor = record["date"]
            .as_str()
            .and_then(|d| Anchor::from_date_str(d, "document date"));
        let lang = Lang::from_code(record["lang"].as_str().unwrap_or("en"));
        for field in ["title", "text"] {
            let text = record[field].as_str().unwrap_or_default();
            let mentions = time::extract(text, lang, anchor.as_ref(), DateBias::Auto);
            for (k, (_, surface, value)) in wire_expect
                .iter()
                .enumerate()
                .filter(|(_, (i, _, _))| *i == id)
            {
                for m in mentions.iter().filter(|m| m.text == *surface) {
                    seen[k] = true;
                    if m.text_value() != Some(value) {
                        failures.push(format!(
                            "{id} {field}: '{surface}' should be {value}, got {:?} ({})",
                            m.text_value(),
                            m.rule
                        ));
                    }
                }
            }
        }
    }
    for (k, (id, surface, _)) in wire_expect.iter().enumerate() {
        if !seen[k] {
            failures.push(format!("{id}: '{surface}' not found"));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} chip-story date(s) wrong",
        failures.len()
    );
}

/// Documents are attacker-controlled: odd mixes of date fragments, separators and
/// multi-byte characters never panic and always give offsets that point at the text.
#[test]
fn never_panics_on_fragment_soup() {
    const FRAGMENTS: &[&str] = &[
        "1",
        "12",
        "31",
        "2024",
        "/",
        "-",
        ".",
        ":",
        "h",
        " ",
        "\u{a0}",
        "\u{202f}",
        "mi-",
        "fin ",
        "d'ici ",
        "d’ici ",
        "la fin de l'année",
        "décembre",
        "Dec.",
        "May",
        "mars",
        "lundi",
        "prochain",
        "dernier",
        "T2",
        "Q4",
        "H1",
        "the",
        "27th",
        "of",
        "next",
        "week",
        "semaine",
        "il y a",
        "trois",
        "ago",
        "à",
        "pm",
        "a.m.",
        "é",
        "’",
        "😀",
        "(",
        ")",
        ",",
        "années",
        "90",
        "'80s",
        "fiscal",
        "FY",
        "hier",
        "tonight",
        "soir",
        "à 14h30",
    ];
    let anchor = Anchor::on_day(
        NaiveDate::from_ymd_opt(2024, 2, 29).expect("leap day"),
        "document date 2024-02-29".into(),
    );
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1500 {
        let len = (next() % 12) as usize;
        let text: String = (0..len)
            .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
            .collect();
        for lang in [Lang::Fr, Lang::En] {
            for bias in [DateBias::Auto, DateBias::Past, DateBias::Future] {
                for a in [None, Some(&anchor)] {
                    for m in time::extract(&text, lang, a, bias) {
                        assert_eq!(
                            text.get(m.byte_start..m.byte_end),
                            Some(m.text.as_str()),
                            "{text:?}"
                        );
                        assert!(m.start <= m.end);
                    }
                }
            }
        }
    }
}

/// Throughput of date extraction over the bundled corpus's article texts, repeated to a few
/// megabytes. Checks its answer (the chip-story "décembre 2023" is found every time) before
/// timing. Run with `cargo test --release --test extract_dates throughput -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/articles");
    let mut fr = String::new();
    let mut en = String::new();
    for (dir, buf) in [("fr", &mut fr), ("en", &mut en)] {
        for entry in std::fs::read_dir(root.join(dir)).expect("corpus articles") {
            let path = entry.expect("entry").path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "md")
            ) {
                buf.push_str(&std::fs::read_to_string(&path).expect("article"));
                buf.push('\n');
            }
        }
    }
    let anchor = Anchor::on_day(
        NaiveDate::from_ymd_opt(2024, 6, 5).expect("date"),
        "document date 2024-06-05".into(),
    );
    for (lang, text) in [(Lang::Fr, fr), (Lang::En, en)] {
        let once = time::extract(&text, lang, Some(&anchor), DateBias::Auto).len();
        assert!(once > 10, "too few dates in the sample ({once})");
        let reps = (4 << 20) / text.len().max(1) + 1;
        let big = text.repeat(reps);
        let start = std::time::Instant::now();
        let found = time::extract(&big, lang, Some(&anchor), DateBias::Auto).len();
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(found, once * reps, "every repetition yields the same dates");
        eprintln!(
            "{lang:?}: {:.1} MB in {secs:.2} s = {:.1} MB/s, {found} dates",
            big.len() as f64 / 1e6,
            big.len() as f64 / 1e6 / secs
        );
    }
}
