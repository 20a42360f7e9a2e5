//! Throughput of the value extractor (numbers, money, quantities, percents) and the sentence
//! splitter on ordinary French and English text, single-threaded and with rayon on all cores.
//!
//! Input: the plain-text articles of `corpus/articles/{fr,en}` (and the seed article of
//! `../shared/seed` when present), each language's texts repeated to about 4 MB. The answer
//! is checked before timing: the mention count of the repeated text must be the count of one
//! copy times the number of copies, and one copy must yield mentions at all.
//!
//! Then one long document per language through the whole per-document extraction, at 1 to
//! 8 MB: its MB/s must not fall as it grows.
//!
//! Run: `cargo bench --bench extract`

use std::path::Path;
use std::time::{Duration, Instant};

use dossier::extract::{ExtractOptions, Lang, extract_document, sentence, values};
use dossier::model::{DocKind, Document};
use rayon::prelude::*;

const TARGET_BYTES: usize = 4 << 20;

/// The texts of one language, in a fixed order.
fn base_texts(lang: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("corpus/articles").join(lang))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    if lang == "fr" {
        paths.push(root.join("../shared/seed/article-fr.txt"));
    }
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn count(docs: &[String], lang: Lang) -> usize {
    docs.iter().map(|d| values::extract(d, lang).len()).sum()
}

/// CPU time of the calling thread (Linux `schedstat`): on a shared machine the wall clock
/// also counts the time other processes hold the core.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Best wall time and best thread CPU time over `runs` runs, and the last answer.
fn best_of<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, Option<Duration>, usize) {
    let (mut wall, mut cpu) = (Duration::MAX, None::<Duration>);
    let mut n = 0;
    for _ in 0..runs {
        let c0 = thread_cpu_time();
        let t = Instant::now();
        n = f();
        wall = wall.min(t.elapsed());
        if let (Some(a), Some(b)) = (c0, thread_cpu_time()) {
            let d = b.saturating_sub(a);
            cpu = Some(cpu.map_or(d, |c| c.min(d)));
        }
    }
    (wall, cpu, n)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    println!("cores available to rayon: {}", rayon::current_num_threads());
    for (code, lang) in [("fr", Lang::Fr), ("en", Lang::En)] {
        let base = base_texts(code);
        let base_bytes: usize = base.iter().map(String::len).sum();
        if base_bytes == 0 {
            println!("{code}: no input text found, skipped");
            continue;
        }
        let per_copy = count(&base, lang);
        assert!(per_copy > 0, "{code}: no mention found in the base texts");
        let copies = TARGET_BYTES.div_ceil(base_bytes);
        let docs: Vec<String> = (0..copies).flat_map(|_| base.iter().cloned()).collect();
        let bytes: usize = docs.iter().map(String::len).sum();
        let expected = per_copy * copies;
        assert_eq!(
            count(&docs, lang),
            expected,
            "{code}: mention count is not stable"
        );

        let (single, single_cpu, n) = best_of(5, || count(&docs, lang));
        assert_eq!(n, expected);
        let (parallel, _, n) = best_of(5, || {
            docs.par_iter()
                .map(|d| values::extract(d, lang).len())
                .sum()
        });
        assert_eq!(n, expected);
        let (_, split_cpu, _) = best_of(5, || {
            docs.iter().map(|d| sentence::split(d, lang).len()).sum()
        });
        let per_cpu = |d: Option<Duration>| {
            d.map_or("n/a".to_string(), |d| format!("{:.1}", mb_per_s(bytes, d)))
        };
        println!(
            "{code}: {:.1} MB in {} documents, {} mentions | values: {} MB/s per CPU-second \
             (single thread; {:.1} MB/s wall), {:.1} MB/s wall with rayon | sentence split: \
             {} MB/s per CPU-second",
            bytes as f64 / 1e6,
            docs.len(),
            expected,
            per_cpu(single_cpu),
            mb_per_s(bytes, single),
            mb_per_s(bytes, parallel),
            per_cpu(split_cpu),
        );
        long_document(code, &base);
    }
}

/// One document made of the base texts repeated to 1, 2, 4 and 8 MB, through the whole
/// per-document extraction (every dimension and the claims): the time per MB must not grow
/// with the length, as it did when claims scanned every earlier mention for each sentence
/// (a 24 MB text took 218 s). The claim count must grow with the copies.
fn long_document(code: &str, base: &[String]) {
    let one = base.join("\n\n");
    let opts = ExtractOptions::default();
    let mut line = format!("{code}, one long document (every dimension and claims):");
    for mb in [1usize, 2, 4, 8] {
        let copies = (mb << 20).div_ceil(one.len() + 2);
        let mut doc = Document::new(DocKind::Article, "long.txt");
        doc.lang = code.to_string();
        doc.date = Some("2024-06-05".into());
        doc.text = vec![one.as_str(); copies].join("\n\n");
        let (_, cpu, claims) = best_of(1, || extract_document(&doc, &opts).claims.len());
        assert!(
            claims >= copies,
            "{code}: {claims} claims for {copies} copies"
        );
        let Some(cpu) = cpu else { continue };
        line.push_str(&format!(
            " {mb} MB {:.2} MB/s",
            mb_per_s(doc.text.len(), cpu)
        ));
    }
    println!("{line}");
}
