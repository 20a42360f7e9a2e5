//! Email and mailbox ingestion: golden messages (each parsed with LF and with CRLF line
//! endings), mailbox splitting, hostile input, and the public sample corpus when present.

use std::path::{Path, PathBuf};

use dossier::error::IngestErrorKind;
use dossier::ingest::email::parse_email;
use dossier::ingest::mbox::{MboxReader, looks_like_mbox};
use dossier::ingest::{IngestOptions, parse_paths};
use serde_json::{Map, Value};

const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/email");
const SAMPLES_DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus-samples/emails"
);

/// The Document fields a golden file pins (ids, hashes of the raw bytes and language are
/// the driver's business).
const GOLDEN_FIELDS: [&str; 13] = [
    "title",
    "date",
    "from",
    "to",
    "cc",
    "reply_to",
    "message_id",
    "in_reply_to",
    "references",
    "text",
    "quoted",
    "attachments",
    "warnings",
];

fn to_lf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

fn to_crlf(lf: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lf.len() + lf.len() / 20);
    for &b in lf {
        if b == b'\n' {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

fn project(doc: &dossier::Document) -> Value {
    let full = serde_json::to_value(doc).expect("documents serialise");
    let mut out = Map::new();
    for field in GOLDEN_FIELDS {
        out.insert(
            field.to_string(),
            full.get(field).cloned().unwrap_or(Value::Null),
        );
    }
    Value::Object(out)
}

/// Removes whitespace from every string: used for documents whose text comes out of the
/// HTML converter, whose spacing is not this parser's contract (the words and their order
/// still are).
fn loosen(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.split_whitespace().collect()),
        Value::Array(a) => Value::Array(a.iter().map(loosen).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), loosen(v))).collect()),
        other => other.clone(),
    }
}

fn golden_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(GOLDEN_DIR)
        .expect("golden directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    cases.sort();
    cases
}

/// Every `NNN.eml` parses (LF and CRLF) to the fields of `NNN.json`. On mismatch the actual
/// result is written to `NNN.failed` and every failure is reported at once. With
/// `DOSSIER_BLESS=1`, missing expectations are written instead (to be reviewed by hand).
#[test]
fn golden_emails() {
    let bless = std::env::var_os("DOSSIER_BLESS").is_some();
    let cases = golden_cases();
    assert!(cases.len() >= 15, "expected at least 15 golden messages");
    let mut failures = Vec::new();
    for eml in &cases {
        let name = eml
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let raw = std::fs::read(eml).expect("readable fixture");
        let lf = to_lf(&raw);
        let expected_path = eml.with_extension("json");
        let expected: Option<Value> = std::fs::read_to_string(&expected_path)
            .ok()
            .map(|s| serde_json::from_str(&s).expect("golden JSON is valid"));
        let loose = expected
            .as_ref()
            .and_then(|e| e.get("loose_whitespace"))
            .is_some_and(|v| v == &Value::Bool(true));
        for (variant, bytes) in [("LF", lf.clone()), ("CRLF", to_crlf(&lf))] {
            let actual = match parse_email(&bytes, &name) {
                Ok(doc) => project(&doc),
                Err(e) => {
                    failures.push(format!("{name} ({variant}): error {e}"));
                    continue;
                }
            };
            let Some(expected) = &expected else {
                if bless && variant == "LF" {
                    let pretty = serde_json::to_string_pretty(&actual).expect("serialises");
                    std::fs::write(&expected_path, pretty + "\n").expect("writable");
                } else {
                    failures.push(format!("{name}: no {}", expected_path.display()));
                }
                continue;
            };
            let mut expected = expected.clone();
            if let Value::Object(o) = &mut expected {
                o.remove("loose_whitespace");
            }
            let (want, got) = if loose {
                (loosen(&expected), loosen(&actual))
            } else {
                (expected, actual.clone())
            };
            if want != got {
                let pretty = serde_json::to_string_pretty(&actual).expect("serialises");
                let failed = eml.with_extension("failed");
                std::fs::write(&failed, pretty + "\n").expect("writable");
                failures.push(format!(
                    "{name} ({variant}): differs from {}; actual written to {}",
                    expected_path.display(),
                    failed.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    MboxReader::new(bytes)
        .collect::<std::io::Result<Vec<_>>>()
        .expect("in-memory reads do not fail")
}

const THREAD_MBOX: &str = "From claire@redaction.example Tue Jun  4 18:03:00 2024
From: Claire <claire@redaction.example>
Subject: one
Date: Tue, 4 Jun 2024 18:03:00 +0200

First message.
>From the archive: a line that was escaped.
>>From deeper.

From the start, a body line after a blank line that is not a separator.

From ben@wire.example Wed Jun  5 09:12:00 2024
From: Ben <ben@wire.example>
Subject: two
Date: Wed, 5 Jun 2024 09:12:00 +0100

Second message.

From claire@redaction.example Wed Jun  5 10:00:00 2024
From: Claire <claire@redaction.example>
Subject: three

Third.
";

#[test]
fn mbox_splits_unescapes_and_keeps_quoted_from_lines() {
    for (variant, bytes) in [
        ("LF", THREAD_MBOX.as_bytes().to_vec()),
        ("CRLF", to_crlf(THREAD_MBOX.as_bytes())),
    ] {
        assert!(looks_like_mbox(&bytes), "{variant}");
        let msgs = split_mbox(&bytes);
        assert_eq!(msgs.len(), 3, "{variant}");
        let first = String::from_utf8_lossy(&to_lf(&msgs[0])).into_owned();
        assert!(
            first.ends_with(
                "First message.\nFrom the archive: a line that was escaped.\n>From deeper.\n\n\
                 From the start, a body line after a blank line that is not a separator.\n"
            ),
            "{variant}: {first:?}"
        );
        // The once-escaped line is a quote again, and is read as one.
        let doc = parse_email(&msgs[0], "thread.mbox").expect("parses");
        assert_eq!(doc.quoted.len(), 1, "{variant}");
        assert_eq!(doc.quoted[0].text, "From deeper.", "{variant}");
        let titles: Vec<_> = msgs
            .iter()
            .map(|m| parse_email(m, "thread.mbox").expect("parses").title)
            .collect();
        assert_eq!(
            titles,
            vec![Some("one".into()), Some("two".into()), Some("three".into())],
            "{variant}"
        );
        // The separator's blank line is not part of the message before it.
        assert!(
            !String::from_utf8_lossy(&msgs[1]).ends_with("\n\n"),
            "{variant}"
        );
    }
}

/// A message over the size limit comes back cut at the limit, and the next one is intact.
#[test]
fn oversized_mailbox_message_is_cut_not_buffered() {
    use dossier::ingest::mbox::MAX_MESSAGE_BYTES;
    let mut mbox = b"From a@x.example Tue Jun  4 18:03:00 2024\nSubject: big\n\n".to_vec();
    let line = [b'x'; 1023];
    while mbox.len() < MAX_MESSAGE_BYTES + (4 << 20) {
        mbox.extend_from_slice(&line);
        mbox.push(b'\n');
    }
    mbox.extend_from_slice(b"\nFrom b@x.example Tue Jun  4 18:04:00 2024\nSubject: small\n\nok\n");
    let mut reader = MboxReader::new(mbox.as_slice());
    let big = reader.next().expect("first message").expect("reads");
    assert_eq!(big.len(), MAX_MESSAGE_BYTES);
    drop(big);
    let small = reader.next().expect("second message").expect("reads");
    assert_eq!(small, b"Subject: small\n\nok\n");
    assert!(reader.next().is_none());
}

#[test]
fn mbox_documents_have_stable_indexes_and_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("thread.mbox");
    std::fs::write(&path, THREAD_MBOX).expect("writable");
    let opts = IngestOptions::default();
    let (first, errors, _) = parse_paths(std::slice::from_ref(&path), &opts);
    assert!(errors.is_empty(), "{errors:?}");
    let (second, _, _) = parse_paths(&[path], &opts);
    let indexes: Vec<_> = first.iter().map(|d| d.message_index).collect();
    assert_eq!(indexes, vec![Some(0), Some(1), Some(2)]);
    let ids: Vec<_> = first.iter().map(|d| d.doc_id.clone()).collect();
    let ids_again: Vec<_> = second.iter().map(|d| d.doc_id.clone()).collect();
    assert_eq!(ids, ids_again);
    assert!(ids[0].ends_with(":0") && ids[2].ends_with(":2"), "{ids:?}");
    assert_ne!(first[0].sha256, first[1].sha256);
}

#[test]
fn hostile_inputs_never_panic() {
    assert!(matches!(
        parse_email(b"", "e.eml"),
        Err(IngestErrorKind::Empty)
    ));
    assert!(matches!(
        parse_email(b"\n\r\n  ", "e.eml"),
        Err(IngestErrorKind::Empty)
    ));

    // Binary junk is refused with a reason, not parsed into garbage.
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 32) as u8).collect();
    let r = parse_email(&[b" ".as_slice(), &junk].concat(), "junk.eml");
    assert!(r.is_err() || r.is_ok_and(|d| !d.warnings.is_empty()));

    // A one-megabyte header line.
    let mut raw = b"From: a@x.example\nSubject: ".to_vec();
    raw.extend(std::iter::repeat_n(b'A', 1 << 20));
    raw.extend_from_slice(b"\nX-Long: ");
    raw.extend(std::iter::repeat_n(b'B', 1 << 20));
    raw.extend_from_slice(b"\n\nbody\n");
    let doc = parse_email(&raw, "long.eml").expect("parses");
    assert_eq!(doc.text, "body");
    assert!(doc.title.is_some_and(|t| t.len() <= 16 * 1024));
    assert!(doc.warnings.iter().any(|w| w.contains("longer than")));

    // 10 000 nested multiparts.
    let mut bomb = String::from("From: a@x.example\nSubject: bomb\n");
    for i in 0..10_000 {
        bomb.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"n{i}\"\n\n--n{i}\n"
        ));
    }
    bomb.push_str("Content-Type: text/plain\n\ninnermost\n");
    let doc = parse_email(bomb.as_bytes(), "bomb.eml").expect("parses");
    assert!(doc.warnings.iter().any(|w| w.contains("nested deeper")));

    // Invalid UTF-8 and NUL bytes in headers and body.
    let doc = parse_email(
        b"From: \xff\xfe <a@x.example>\nSubject: a\x00b \xc3\n\nbody\x00text \xff\n",
        "bad.eml",
    )
    .expect("parses");
    assert_eq!(doc.title.as_deref(), Some("ab Ã"));
    assert!(!doc.text.contains('\0'));
    assert!(!doc.warnings.is_empty());

    // A part nested inside message/rfc822 parts, deeper than the limit.
    let mut nested = String::from("Subject: innermost\n\ncore\n");
    for i in 0..40 {
        nested = format!("Subject: level {i}\nContent-Type: message/rfc822\n\n{nested}");
    }
    let doc = parse_email(nested.as_bytes(), "chain.eml").expect("parses");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.contains("attached messages nested deeper"))
    );
}

/// A tiny deterministic generator (xorshift), so mutations are reproducible without a
/// dependency.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Golden messages cut, flipped, spliced and repeated: every variant parses or is refused
/// with a reason, and none reaches the panic guard.
#[test]
fn mutated_messages_never_panic() {
    let mut rng = Xorshift(0x5eed_2024_0604);
    let mut checked = 0;
    for eml in golden_cases() {
        let raw = std::fs::read(&eml).expect("readable fixture");
        for _ in 0..150 {
            let mut m = raw.clone();
            match rng.below(5) {
                0 => m.truncate(rng.below(raw.len())),
                1 => {
                    for _ in 0..1 + rng.below(20) {
                        let i = rng.below(m.len());
                        m[i] = rng.next() as u8;
                    }
                }
                2 => {
                    let (a, b) = (rng.below(m.len()), rng.below(m.len()));
                    let (a, b) = (a.min(b), a.max(b));
                    let chunk = m[a..b].to_vec();
                    let at = rng.below(m.len());
                    m.splice(at..at, chunk);
                }
                3 => {
                    let i = rng.below(m.len());
                    m.insert(
                        i,
                        [b'\n', b'=', b'>', b'\0', b'\r', b'-', b'?'][rng.below(7)],
                    );
                }
                _ => {
                    let i = rng.below(m.len());
                    m.drain(i..(i + rng.below(200)).min(m.len()));
                }
            }
            if let Err(IngestErrorKind::BadEmail(reason)) = parse_email(&m, "mutant.eml") {
                assert!(
                    !reason.contains("parser failed"),
                    "{}: {reason}",
                    eml.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 15 * 150);
}

/// The deepest structure the limits allow (attached messages nested to the limit, each with
/// multiparts nested to the limit) parses on a thread with a small (2 MiB) stack.
#[test]
fn deepest_allowed_structure_fits_a_small_stack() {
    fn multipart_tower(name: &str, levels: usize, core: &str) -> String {
        let mut s = String::new();
        for i in 0..levels {
            s.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"{name}-{i}\"\n\n--{name}-{i}\n"
            ));
        }
        s.push_str(core);
        for i in (0..levels).rev() {
            s.push_str(&format!("\n--{name}-{i}--\n"));
        }
        s
    }
    let build = |multipart_levels: usize| {
        let mut message = String::from("Content-Type: text/plain\n\ncore text\n");
        for level in 0..10 {
            let inner = format!("Content-Type: message/rfc822\n\n{message}");
            message = format!(
                "Subject: level {level}\n{}",
                multipart_tower(&format!("m{level}"), multipart_levels, &inner)
            );
        }
        message
    };
    // Few multiparts per message: the attached-message limit applies. Many: the multipart
    // limit, which counts boundaries through attached messages too, applies first.
    for (levels, expected) in [
        (3, "attached messages nested deeper"),
        (31, "MIME parts nested deeper"),
    ] {
        let message = build(levels);
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || parse_email(message.as_bytes(), "deep.eml").map(|d| d.warnings))
            .expect("thread starts");
        let warnings = handle.join().expect("no stack overflow").expect("parses");
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{levels}: {warnings:?}"
        );
    }
}

#[test]
fn truncated_base64_decodes_what_it_can() {
    let raw = b"Subject: t\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nVGhlIGJvYXJkIG1ldCBvbiAz\nIERlY2VtYm";
    let doc = parse_email(raw, "t.eml").expect("parses");
    assert!(
        doc.text.starts_with("The board met on 3 Decemb"),
        "{}",
        doc.text
    );
    assert!(doc.warnings.iter().any(|w| w.contains("truncated base64")));
}

/// Every public sample parses or fails with a reason; none panics. Skipped without the
/// samples (they are not part of the repository).
#[test]
fn public_samples_parse_or_explain() {
    let dir = Path::new(SAMPLES_DIR);
    if !dir.is_dir() {
        eprintln!("note: {SAMPLES_DIR} absent; sample test skipped");
        return;
    }
    let (docs, errors, stats) = parse_paths(&[dir.to_path_buf()], &IngestOptions::default());
    for e in &errors {
        eprintln!("sample not parsed: {e}");
        assert!(!e.to_string().is_empty());
    }
    assert!(stats.files > 0);
    assert!(!docs.is_empty());
    for d in &docs {
        let readable = d.title.is_some() || !d.text.is_empty() || !d.attachments.is_empty();
        assert!(
            readable || !d.warnings.is_empty(),
            "{}: nothing read, no warning",
            d.path
        );
    }
}
