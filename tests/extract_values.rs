//! Corpus-driven tests of the number, money, quantity and percent extractor: every line of
//! `tests/corpus/{fr,en}/{number,money,quantity,percent}.tsv` (format in
//! `tests/corpus/README.md`) is run, every failure is printed, then the test fails if any.

use std::path::Path;

use dossier::extract::{Lang, values};
use dossier::model::{Mention, MentionType};

const DIMENSIONS: [&str; 4] = ["number", "money", "quantity", "percent"];

/// One expected mention of a corpus line.
#[derive(Debug)]
struct Expected {
    kind: String,
    surface: String,
    value: Option<f64>,
    range: Option<[f64; 2]>,
    unit: Option<String>,
    item: Option<String>,
    approx: Option<bool>,
    min: Option<f64>,
    max: Option<f64>,
}

fn opt(field: Option<&str>) -> Option<String> {
    field
        .filter(|s| !s.is_empty() && *s != "-")
        .map(str::to_string)
}

fn parse_expected(spec: &str) -> Result<Expected, String> {
    let f: Vec<&str> = spec.split('|').collect();
    let kind = f.first().ok_or("empty mention")?.to_string();
    let surface = f.get(1).ok_or("no surface")?.to_string();
    let num = |s: &str| {
        s.parse::<f64>()
            .map_err(|e| format!("bad number '{s}': {e}"))
    };
    let (mut value, mut range) = (None, None);
    match f.get(2).copied().filter(|s| *s != "-" && !s.is_empty()) {
        Some(v) if v.contains("..") => {
            let (lo, hi) = v.split_once("..").ok_or("bad range")?;
            range = Some([num(lo)?, num(hi)?]);
        }
        Some(v) => value = Some(num(v)?),
        None => {}
    }
    let (mut approx, mut min, mut max) = (None, None, None);
    if let Some(flags) = f.get(5) {
        approx = Some(false);
        for flag in flags.split(',').filter(|s| !s.is_empty()) {
            match flag.split_once('=') {
                None if flag == "approx" => approx = Some(true),
                Some(("min", v)) => min = Some(num(v)?),
                Some(("max", v)) => max = Some(num(v)?),
                _ => return Err(format!("unknown flag '{flag}'")),
            }
        }
    }
    Ok(Expected {
        kind,
        surface,
        value,
        range,
        unit: opt(f.get(3).copied()),
        item: opt(f.get(4).copied()),
        approx,
        min,
        max,
    })
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn same_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => close(x, y),
        _ => false,
    }
}

/// Differences between what was expected and what was found, as readable lines.
fn compare(text: &str, exp: &Expected, m: &Mention) -> Vec<String> {
    let mut errs = Vec::new();
    if m.kind.as_str() != exp.kind {
        errs.push(format!("type {} ≠ expected {}", m.kind.as_str(), exp.kind));
    }
    if m.text != exp.surface {
        errs.push(format!("surface {:?} ≠ expected {:?}", m.text, exp.surface));
    }
    if text.get(m.byte_start..m.byte_end) != Some(m.text.as_str()) {
        errs.push(format!(
            "byte offsets {}..{} do not point at {:?}",
            m.byte_start, m.byte_end, m.text
        ));
    }
    let by_chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
    if by_chars != m.text {
        errs.push(format!(
            "code-point offsets {}..{} do not point at {:?}",
            m.start, m.end, m.text
        ));
    }
    if !same_opt(m.number(), exp.value) {
        errs.push(format!("value {:?} ≠ expected {:?}", m.number(), exp.value));
    }
    let range_ok = match (m.range, exp.range) {
        (None, None) => true,
        (Some(a), Some(b)) => close(a[0], b[0]) && close(a[1], b[1]),
        _ => false,
    };
    if !range_ok {
        errs.push(format!("range {:?} ≠ expected {:?}", m.range, exp.range));
    }
    if m.unit != exp.unit {
        errs.push(format!("unit {:?} ≠ expected {:?}", m.unit, exp.unit));
    }
    if m.item != exp.item {
        errs.push(format!("item {:?} ≠ expected {:?}", m.item, exp.item));
    }
    if let Some(a) = exp.approx {
        if m.approx != a {
            errs.push(format!("approx {} ≠ expected {a}", m.approx));
        }
        if !same_opt(m.min, exp.min) {
            errs.push(format!("min {:?} ≠ expected {:?}", m.min, exp.min));
        }
        if !same_opt(m.max, exp.max) {
            errs.push(format!("max {:?} ≠ expected {:?}", m.max, exp.max));
        }
    }
    errs
}

fn describe(m: &Mention) -> String {
    format!(
        "{}|{}|{:?}|{:?}|{:?}|{:?} ({})",
        m.kind.as_str(),
        m.text,
        m.number(),
        m.range,
        m.unit,
        m.item,
        m.rule
    )
}

/// Runs one corpus file; returns (examples, failures).
fn run_file(path: &Path, lang: Lang, failures: &mut Vec<String>) -> usize {
    let content =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut examples = 0;
    for (n, line) in content.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        examples += 1;
        let loc = format!("{}:{}", path.display(), n + 1);
        let mut cols = line.split('\t');
        let text = cols.next().unwrap_or_default();
        let specs: Vec<&str> = cols.filter(|c| *c != "-" && !c.is_empty()).collect();
        let expected: Vec<Expected> = match specs.iter().map(|s| parse_expected(s)).collect() {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{loc}: bad line: {e}"));
                continue;
            }
        };
        let found: Vec<Mention> = values::extract(text, lang)
            .into_iter()
            .filter(|m| {
                matches!(
                    m.kind,
                    MentionType::Number
                        | MentionType::Money
                        | MentionType::Quantity
                        | MentionType::Percent
                )
            })
            .collect();
        let mut errs = Vec::new();
        if found.len() != expected.len() {
            errs.push(format!(
                "expected {} mention(s), found {}: [{}]",
                expected.len(),
                found.len(),
                found.iter().map(describe).collect::<Vec<_>>().join("; ")
            ));
        } else {
            for (e, m) in expected.iter().zip(&found) {
                errs.extend(
                    compare(text, e, m)
                        .into_iter()
                        .map(|x| format!("{} → {x}", describe(m))),
                );
            }
        }
        for e in errs {
            failures.push(format!("{loc}: {text}\n    {e}"));
        }
    }
    examples
}

#[test]
fn value_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut failures = Vec::new();
    let mut totals = Vec::new();
    for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
        let mut total = 0;
        for dim in DIMENSIONS {
            let path = root.join(code).join(format!("{dim}.tsv"));
            total += run_file(&path, lang, &mut failures);
        }
        totals.push((code, total));
    }
    for f in &failures {
        eprintln!("{f}");
    }
    for (code, total) in totals {
        assert!(
            total >= 120,
            "{code}: only {total} examples (at least 120 expected)"
        );
    }
    assert!(
        failures.is_empty(),
        "{} corpus failure(s), listed above",
        failures.len()
    );
}

#[test]
fn never_panics_on_hostile_text() {
    let samples = [
        "",
        "$",
        "€€€",
        "1",
        "-",
        "1.",
        ",5",
        "12 000 000 000 000 000 000 000 000",
        "9".repeat(400).as_str().to_owned().leak(),
        "entre et",
        "de à",
        "1-",
        "-1-",
        "$-",
        "1e",
        "n°",
        "#",
        "1\u{a0}",
        "\u{202f}000",
        "é1é",
        "1é",
        "ÀÉ 3 ₿",
        "des milliers de",
        "thousands of",
        "une dizaine",
        "plus de",
        "3 à",
        "3 to",
        "between 3 and",
        "1,",
        "1.,2",
        "1..2",
        "5-",
        "$5-million-",
        "5-\u{2011}",
        "one twenty",
        "one twenty-",
        "ONE TWENTY TWO",
        "twenty-",
        "one twenty-fifth",
        "ten pounds",
        "£ ten pounds ",
        "pounds é 3 pounds",
        "A B C D 3 E\nF G H 4",
    ];
    for s in samples {
        for lang in [Lang::Fr, Lang::En] {
            for m in values::extract(s, lang) {
                assert_eq!(s.get(m.byte_start..m.byte_end), Some(m.text.as_str()));
            }
        }
    }
}

/// A currency sign glued to the digits after a line break opens the next amount; it is not
/// the unit of the number that ends the line above (tables in mail, wrapped lines).
#[test]
fn sign_after_line_break_belongs_to_next_amount() {
    let text = "Musk post on X   2024\n$3-4 billion Nvidia hardware";
    let found = values::extract(text, Lang::En);
    let money: Vec<&str> = found
        .iter()
        .filter(|m| m.kind == MentionType::Money)
        .map(|m| m.text.as_str())
        .collect();
    assert_eq!(money, ["$3-4 billion"], "{found:?}");
}

/// Random strings over an alphabet of digits, separators, signs, cue words and multi-byte
/// characters: no panic, every offset on the surface, every value finite.
#[test]
fn random_text_keeps_offsets_exact() {
    let alphabet: Vec<&str> = vec![
        "1",
        "2",
        "0",
        "9",
        "12",
        "000",
        " ",
        "\u{a0}",
        "\u{202f}",
        ",",
        ".",
        "-",
        "–",
        "/",
        ":",
        "%",
        "$",
        "€",
        "£",
        "k",
        "M",
        "Md",
        "bn",
        "h",
        "é",
        "É",
        "’",
        "'",
        "\n",
        "de",
        "à",
        "et",
        "and",
        "to",
        "entre",
        "between",
        "plus de",
        "about",
        "million",
        "milliards",
        "dollars",
        "euros",
        "km",
        "MW",
        "tonnes",
        "salariés",
        "servers",
        "vingt",
        "trois",
        "two",
        "hundred",
        "une dizaine",
        "des milliers",
        "of",
        "pour cent",
        "per cent",
        "n°",
        "#",
        "rue",
        "H",
        "GPU",
        "(",
        ")",
        "«",
        "»",
        "😀",
        "ß",
        "İ",
        "ﬁ",
        "rose",
        "by",
        "a progressé",
        "p",
        "Rs",
        "Rupees",
        "lakh",
        "crore",
        "usd",
        "−",
        "′",
        "″",
        "\"",
        "A",
        "half",
        "m",
        "people",
        "e",
        "@",
        "<",
        ">",
        "shillings",
        "Nairobi",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..6000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        for lang in [Lang::Fr, Lang::En] {
            let found = values::extract(&text, lang);
            for pair in found.windows(2) {
                assert!(
                    pair[0].byte_end <= pair[1].byte_start,
                    "overlap in {text:?}: {pair:?}"
                );
            }
            for m in found {
                assert_eq!(
                    text.get(m.byte_start..m.byte_end),
                    Some(m.text.as_str()),
                    "{text:?}"
                );
                let by_chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
                assert_eq!(by_chars, m.text, "{text:?}");
                for v in [m.number(), m.min, m.max].into_iter().flatten() {
                    assert!(v.is_finite(), "{text:?}: {v}");
                }
            }
            let mut last = 0;
            for (s, e) in dossier::extract::sentence::split(&text, lang) {
                assert!(s >= last && s < e && text.get(s..e).is_some(), "{text:?}");
                last = e;
            }
        }
    }
}
