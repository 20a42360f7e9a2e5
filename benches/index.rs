//! Indexing and search benchmark on the synthetic corpus of `benches/gen_corpus.py`.
//!
//! Measures, on the same documents: `dossier index` with extraction, without extraction
//! (`--no-extract`), a second run on the unchanged corpus, parsing alone, parsing + extraction
//! alone, a plain tantivy index of titles and bodies (parse + default tokenizer, no
//! extraction), index sizes, and the latency of 20 fixed
//! queries (p50/p99). Answers are checked first: document counts must match the generator's
//! manifest.
//!
//!     python3 benches/gen_corpus.py --docs 200000 --out /tmp/dossier-bench
//!     cargo bench --bench index            # DOSSIER_BENCH_CORPUS, DOSSIER_BENCH_WORK to move
//!
//! Prints a Markdown table for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use dossier::extract::ExtractOptions;
use dossier::index::baseline::PlainIndex;
use dossier::index::{Index, SearchRequest};
use dossier::ingest::{self, IngestOptions};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

const QUERIES: [&str; 20] = [
    "detournees",
    "chips",
    "\"puces H100\"",
    "org:Tesla",
    "org:Nvidia money:>1e9",
    "money:>1e9 currency:USD",
    "quantity:>=10000",
    "claim:transfer",
    "kind:email date:2023-12",
    "lang:fr after:2024-06-01",
    "from:claire1",
    "budget AND audit",
    "contract OR contrat",
    "\"according to Tesla\"",
    "shipment -kind:email",
    "org:xAI date:[2024-01-01 TO 2024-03-31]",
    "percent:>50",
    "satellites SpaceX",
    "retard livraison",
    "delay kind:article lang:en",
];
const RUNS_PER_QUERY: usize = 30;

fn main() {
    let corpus = PathBuf::from(
        std::env::var("DOSSIER_BENCH_CORPUS").unwrap_or_else(|_| "/tmp/dossier-bench".into()),
    );
    let work = PathBuf::from(
        std::env::var("DOSSIER_BENCH_WORK").unwrap_or_else(|_| "/tmp/dossier-bench-work".into()),
    );
    let Ok(manifest) = std::fs::read_to_string(corpus.join(".manifest.json")) else {
        eprintln!(
            "no corpus in {}: run python3 benches/gen_corpus.py --out {}",
            corpus.display(),
            corpus.display()
        );
        return;
    };
    let manifest: serde_json::Value = serde_json::from_str(&manifest).expect("manifest");
    let count = |k: &str| manifest[k].as_u64().expect("manifest count");
    let (docs, bytes) = (count("documents"), count("bytes"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("work dir");
    println!(
        "corpus: {} documents ({} emails, {} articles), {:.1} MB; {} cores",
        docs,
        count("emails"),
        count("articles"),
        bytes as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Wall time depends on what else the machine runs; CPU time (all threads) much less.
    let row = |name: &str, (wall, cpu): (Duration, f64)| {
        let s = wall.as_secs_f64();
        println!(
            "| {name} | {s:.1} s | {cpu:.1} s | {:.0} | {:.2} | {:.0} |",
            docs as f64 / s,
            bytes as f64 / 1e6 / s,
            docs as f64 / cpu.max(1e-3),
        );
    };
    println!(
        "\n| run | wall | CPU | docs/s (wall) | MB/s (wall) | docs per CPU-second |\n\
         |---|---:|---:|---:|---:|---:|"
    );

    let full = work.join("full");
    let first = measure_child(|| run_index(&corpus, &full, &[]));
    row("dossier index (parse + extract + index)", first);
    let second = measure_child(|| run_index(&corpus, &full, &[]));
    let speedup = first.0.as_secs_f64() / second.0.as_secs_f64();
    row(
        &format!("dossier index, second run, unchanged corpus ({speedup:.0}× faster)"),
        second,
    );
    let text = work.join("text");
    row(
        "dossier index --no-extract (parse + index)",
        measure_child(|| run_index(&corpus, &text, &["--no-extract"])),
    );
    let mut parsed = 0;
    row(
        "parse only (ingest, no index)",
        measure_self(|| parsed = parse_only(&corpus, false)),
    );
    assert_eq!(parsed, docs, "parse finds every generated document");
    row(
        "parse + extract (no index)",
        measure_self(|| {
            parse_only(&corpus, true);
        }),
    );
    let plain = work.join("plain");
    row(
        "plain tantivy (parse + 2 text fields, default tokenizer)",
        measure_self(|| plain_index(&corpus, &plain)),
    );

    println!("\n| index | size |\n|---|---|");
    for (name, dir) in [
        ("dossier", &full),
        ("dossier --no-extract", &text),
        ("plain tantivy", &plain),
    ] {
        println!("| {name} | {:.1} MB |", dir_size(dir) as f64 / 1e6);
    }

    let index = Index::open(&full).expect("open index");
    let total = |q: &str| search(&index, q).0;
    assert_eq!(total("*"), docs as usize, "every document is indexed");
    assert_eq!(total("kind:email"), count("emails") as usize, "emails");
    assert_eq!(
        total("kind:article"),
        count("articles") as usize,
        "articles"
    );

    let mut all = Vec::new();
    println!("\n| query | hits | p50 | p99 |\n|---|---|---|---|");
    for q in QUERIES {
        let (hits, _) = search(&index, q);
        let mut times: Vec<Duration> = (0..RUNS_PER_QUERY).map(|_| search(&index, q).1).collect();
        times.sort();
        println!(
            "| `{q}` | {hits} | {:.2} ms | {:.2} ms |",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "| **all {} queries × {RUNS_PER_QUERY} runs** | | **{:.2} ms** | **{:.2} ms** |",
        QUERIES.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99))
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// CPU seconds (user + system) from `/proc/self/stat`: of this process (all its threads), or
/// of its waited-for children. Zero where `/proc` is unavailable.
fn cpu_seconds(children: bool) -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return 0.0;
    };
    let fields: Vec<f64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // After the command name: state is field 0, utime 11, stime 12, cutime 13, cstime 14;
    // the unit is the kernel's clock tick, 1/100 s on Linux.
    let (u, s) = if children { (13, 14) } else { (11, 12) };
    (fields.get(u).unwrap_or(&0.0) + fields.get(s).unwrap_or(&0.0)) / 100.0
}

/// Wall time and CPU time of work done in this process.
fn measure_self(work: impl FnOnce()) -> (Duration, f64) {
    let (cpu, start) = (cpu_seconds(false), Instant::now());
    work();
    (start.elapsed(), cpu_seconds(false) - cpu)
}

/// Wall time and CPU time of a child process run by `work`.
fn measure_child(work: impl FnOnce()) -> (Duration, f64) {
    let (cpu, start) = (cpu_seconds(true), Instant::now());
    work();
    (start.elapsed(), cpu_seconds(true) - cpu)
}

fn run_index(corpus: &Path, index: &Path, extra: &[&str]) {
    let status = Command::new(BIN)
        .arg("index")
        .arg(corpus)
        .arg("--index")
        .arg(index)
        .arg("--quiet")
        .args(extra)
        .status()
        .expect("run dossier");
    assert!(status.success(), "dossier index failed");
}

/// Parses (and extracts, with `extract`) every document without indexing; the number of
/// documents.
fn parse_only(corpus: &Path, extract: bool) -> u64 {
    let (inputs, _) = ingest::collect_inputs(&[corpus.to_path_buf()]);
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|i| !i.display().ends_with(".manifest.json"))
        .collect();
    let opts = ExtractOptions::default();
    let stats = ingest::run(
        &inputs,
        &IngestOptions::default(),
        |d| {
            if extract {
                dossier::extract::extract_document(&d, &opts).mentions.len()
            } else {
                d.text.len()
            }
        },
        |_| {},
    );
    stats.documents as u64
}

fn plain_index(corpus: &Path, dir: &Path) {
    let (inputs, _) = ingest::collect_inputs(&[corpus.to_path_buf()]);
    let inputs: Vec<_> = inputs
        .into_iter()
        .filter(|i| !i.display().ends_with(".manifest.json"))
        .collect();
    let mut plain = PlainIndex::create(dir).expect("plain index");
    ingest::run(
        &inputs,
        &IngestOptions::default(),
        |d| (d.title.unwrap_or_default(), d.text),
        |r| {
            if let Ok((title, body)) = r {
                plain.add(&title, &body).expect("add");
            }
        },
    );
    plain.finish().expect("commit");
}

fn search(index: &Index, q: &str) -> (usize, Duration) {
    let start = Instant::now();
    let r = index
        .search(&SearchRequest {
            query: q.into(),
            limit: 10,
            offset: 0,
            facets: false,
        })
        .unwrap_or_else(|e| panic!("{q}: {e}"));
    (r.total, start.elapsed())
}

fn dir_size(dir: &Path) -> u64 {
    walk(dir)
        .iter()
        .filter_map(|p| p.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
