//! The command line as users drive it: exit codes, error messages naming files, summaries,
//! bad input that must not lose the batch, closed pipes.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn dossier() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

const GOOD_EMAIL: &[u8] = b"From: Ann <ann@example.org>\r\nTo: bob@example.org\r\nSubject: Quarterly figures\r\nDate: Tue, 4 Jun 2024 09:12:00 +0200\r\nMessage-ID: <1@example.org>\r\n\r\nThe board met yesterday.\r\n";

#[test]
fn bad_inputs_are_reported_by_name_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a-good.eml", GOOD_EMAIL);
    write(dir.path(), "b-empty.txt", b"");
    write(
        dir.path(),
        "c-binary.bin",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    );
    write(
        dir.path(),
        "d-article.txt",
        "Titre\n\nUn article en français sur les chiffres.\n".as_bytes(),
    );
    write(dir.path(), "e-records.jsonl", b"{\"id\": \"r1\", \"title\": \"T\", \"text\": \"Body one.\"}\nnot json\n{\"id\": \"r3\", \"text\": \"Body three.\"}\n");
    let out = dossier().arg("parse").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "some inputs failed: exit 1\n{stderr}"
    );
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let ids: Vec<&str> = docs.iter().map(|d| d["doc_id"].as_str().unwrap()).collect();
    assert_eq!(
        docs.len(),
        4,
        "good email, article, two good records: {ids:?}"
    );
    assert!(ids.contains(&"r1") && ids.contains(&"r3"), "{ids:?}");
    assert!(
        stderr.contains("b-empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("c-binary.bin") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(stderr.contains("e-records.jsonl (record 1)"), "{stderr}");
    assert!(
        stderr.contains("4 documents from 5 files, 3 skipped"),
        "summary line: {stderr}"
    );
}

#[test]
fn all_good_inputs_exit_zero_and_missing_paths_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "m.eml", GOOD_EMAIL);
    let ok = dossier().arg("parse").arg(dir.path()).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
    let missing = dossier()
        .arg("parse")
        .arg(dir.path())
        .arg(dir.path().join("nope.eml"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(stderr.contains("nope.eml"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&missing.stdout).lines().count(), 1);
}

#[test]
fn usage_errors_exit_two() {
    let out = dossier().arg("parse").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = dossier()
        .args(["extract", "--types", "colour", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown type 'colour'"));
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_read_and_named_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.txt");
    std::fs::write(
        dir.path().join(name),
        "A title\n\nSome text about 12 things.\n",
    )
    .unwrap();
    let out = dossier().arg("parse").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert!(
        doc["path"]
            .as_str()
            .unwrap()
            .contains("r\u{fffd}sum\u{fffd}.txt")
    );
}

#[test]
fn stdin_text_is_one_document() {
    let mut child = dossier()
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Le conseil s'est réuni hier.".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["path"], "-");
    assert_eq!(line["lang"], "fr");
    assert!(line["mentions"].is_array());
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        write(
            dir.path(),
            &format!("{i:04}.txt"),
            format!("Title {i}\n\n{}\n", "Some words. ".repeat(200)).as_bytes(),
        );
    }
    let mut child = dossier()
        .arg("parse")
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line then close the pipe, as `| head -n 1` does.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn extract_csv_has_a_header_and_one_row_per_mention() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Title\n\nNothing numeric here.\n");
    let out = dossier()
        .args(["extract", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("doc_id,path,message_index,kind,lang,doc_date,field,type,text,"));
}

#[test]
fn extract_csv_gives_the_ends_of_money_and_date_ranges() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Salon\n\nLe salon se tiendra du 6 au 8 septembre 2018 et coûtera entre 3 et 4 millions d'euros.\n"
            .as_bytes(),
    );
    let out = dossier()
        .args([
            "extract",
            "--format",
            "csv",
            "--lang",
            "fr",
            "--ref-date",
            "2018-06-01",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    let mut rows = csv::Reader::from_reader(s.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (ty, lo, hi) = (col("type"), col("range_min"), col("range_max"));
    let ends: Vec<(String, String, String)> = rows
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[lo].is_empty())
        .map(|r| (r[ty].to_string(), r[lo].to_string(), r[hi].to_string()))
        .collect();
    assert!(
        ends.contains(&("date".into(), "2018-09-06".into(), "2018-09-08".into())),
        "{ends:?}"
    );
    assert!(
        ends.contains(&("money".into(), "3000000".into(), "4000000".into())),
        "{ends:?}"
    );
}

#[test]
fn help_explains_each_command_with_an_example() {
    for cmd in ["parse", "extract", "index", "search", "claims", "report"] {
        let out = dossier().args([cmd, "--help"]).output().unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            s.contains("Example: dossier"),
            "{cmd} --help lacks an example:\n{s}"
        );
    }
}

#[test]
fn a_user_config_adds_organisations_and_a_bad_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "dossier.toml",
        "[orgs]\n\"Quillon Freight\" = [\"Quillon\", \"QF Logistics\"]\n".as_bytes(),
    );
    write(
        dir.path(),
        "note.txt",
        b"Shipping note\n\nQF Logistics moved 300 containers for the port yesterday.\n",
    );
    let out = dossier()
        .current_dir(dir.path())
        .args(["extract", "--types", "org", "note.txt"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let orgs: Vec<&str> = line["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["value"].as_str())
        .collect();
    assert!(orgs.contains(&"Quillon Freight"), "{orgs:?}");

    write(dir.path(), "bad.toml", b"[orgs\nnot toml");
    let out = dossier()
        .current_dir(dir.path())
        .args(["extract", "--config", "bad.toml", "note.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
}

#[test]
fn claims_from_the_index_equal_claims_from_the_files() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    let out = dossier()
        .args(["index", "--quiet", corpus, "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_files = dossier()
        .args(["claims", "--quiet", corpus])
        .output()
        .unwrap();
    let from_index = dossier()
        .args(["claims", "--index"])
        .arg(&index)
        .output()
        .unwrap();
    assert_eq!(from_index.status.code(), Some(0));
    assert!(!from_files.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&from_files.stdout),
        String::from_utf8_lossy(&from_index.stdout)
    );
}

/// Properties of the FtM schemata that hold entity ids (the ones the export writes).
const FTM_REFERENCES: [&str; 10] = [
    "emitters",
    "recipients",
    "document",
    "resolved",
    "payer",
    "beneficiary",
    "subject",
    "object",
    "involved",
    "proof",
];

#[test]
fn extract_ftm_gives_linked_followthemoney_entities() {
    let out = dossier()
        .args(["extract", "--format", "ftm"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/emails"))
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/articles/en/chip-analysis.txt"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let entities: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON entity per line"))
        .collect();
    let ids: std::collections::BTreeSet<&str> =
        entities.iter().filter_map(|e| e["id"].as_str()).collect();
    assert_eq!(ids.len(), entities.len(), "each entity once");
    let of = |schema: &str| -> Vec<&serde_json::Value> {
        entities.iter().filter(|e| e["schema"] == schema).collect()
    };
    let prop = |e: &serde_json::Value, p: &str| -> Vec<String> {
        e["properties"][p]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    // Every reference resolves to an entity of the export.
    for e in &entities {
        assert!(e["properties"].is_object(), "{e}");
        for p in FTM_REFERENCES {
            if e["schema"] == "Email" && p == "subject" {
                continue; // an Email's subject is its subject line
            }
            for v in prop(e, p) {
                assert!(
                    ids.contains(v.as_str()),
                    "{} {p} → {v} dangles",
                    e["schema"]
                );
            }
        }
    }
    // The ten emails, with their headers.
    let emails = of("Email");
    assert_eq!(emails.len(), 10, "one Email per message");
    assert!(emails.iter().any(|e| {
        prop(e, "messageId")
            .iter()
            .any(|m| m.contains("desk.4471@wire.example"))
    }));
    assert!(emails.iter().all(|e| !prop(e, "emitters").is_empty()));
    // The transfer: Tesla's chips to X, with its document as proof and offsets beside.
    let org_name = |id: &str| -> String {
        entities
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| prop(e, "name").join(""))
            .unwrap_or_default()
    };
    let transfer = of("UnknownLink")
        .into_iter()
        .find(|e| {
            prop(e, "role").iter().any(|r| r.contains("12,000"))
                && prop(e, "subject").iter().any(|s| org_name(s) == "Tesla")
                && prop(e, "date") == ["2023-12"]
        })
        .expect("the 12,000-chip transfer from Tesla, December 2023");
    assert!(prop(transfer, "object").iter().any(|o| org_name(o) == "X"));
    assert!(!prop(transfer, "proof").is_empty() && !prop(transfer, "summary").is_empty());
    assert!(transfer["dossier"]["start"].as_u64() < transfer["dossier"]["end"].as_u64());
    // Spending figures are payments in dollars.
    assert!(
        of("Payment")
            .iter()
            .any(|p| prop(p, "currency") == ["USD"] && prop(p, "amount") == ["10000000000"])
    );
}

/// `extract --in-context` prints the claims `claims` and `report` reconcile: on the chip
/// story, every transfer with its giver, recipient and date, and no claim added or lost.
#[test]
fn extract_in_context_completes_transfers_from_their_thread() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let transfers = |extra: &[&str]| -> Vec<serde_json::Value> {
        let out = dossier()
            .args(["extract", "--quiet", corpus])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .flat_map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["claims"].as_array().cloned().unwrap_or_default()
            })
            .filter(|c| c["kind"] == "transfer")
            .collect()
    };
    let plain = transfers(&[]);
    let completed = transfers(&["--in-context"]);
    assert_eq!(plain.len(), completed.len());
    let whole = |c: &&serde_json::Value| {
        c["from"].is_string() && c["to"].is_string() && c["date"].is_string()
    };
    let incomplete: Vec<&serde_json::Value> = completed.iter().filter(|c| !whole(c)).collect();
    assert!(incomplete.is_empty(), "{incomplete:#?}");
    assert!(
        plain.iter().filter(whole).count() < completed.len(),
        "the corpus has transfers that only their thread completes"
    );
}
