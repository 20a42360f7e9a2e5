//! Presentation of extractions: JSON lines, one JSON array, CSV with one row per mention, or
//! FollowTheMoney entities (see `dossier::ftm`).

use std::io::Write;

use anyhow::{Context, Result};

use dossier::model::{Extraction, Mention, Value};

/// Columns of the mention CSV, stable for spreadsheets and pandas.
const CSV_HEADER: [&str; 22] = [
    "doc_id",
    "path",
    "message_index",
    "kind",
    "lang",
    "doc_date",
    "field",
    "type",
    "text",
    "start",
    "end",
    "byte_start",
    "byte_end",
    "value",
    "range_min",
    "range_max",
    "unit",
    "approx",
    "item",
    "grain",
    "mod",
    "rule",
];

pub enum ExtractionPrinter<W: Write> {
    Jsonl(std::io::BufWriter<W>),
    Json {
        out: std::io::BufWriter<W>,
        first: bool,
    },
    Csv(Box<csv::Writer<W>>),
    Ftm {
        out: std::io::BufWriter<W>,
        exporter: dossier::ftm::Exporter,
    },
}

impl<W: Write> ExtractionPrinter<W> {
    pub fn new(format: &str, w: W) -> Result<Self> {
        Ok(match format {
            "jsonl" => ExtractionPrinter::Jsonl(std::io::BufWriter::new(w)),
            "json" => {
                let mut out = std::io::BufWriter::new(w);
                out.write_all(b"[").context("writing output")?;
                ExtractionPrinter::Json { out, first: true }
            }
            "csv" => {
                let mut c = csv::Writer::from_writer(w);
                c.write_record(CSV_HEADER).context("writing output")?;
                ExtractionPrinter::Csv(Box::new(c))
            }
            "ftm" => ExtractionPrinter::Ftm {
                out: std::io::BufWriter::new(w),
                exporter: dossier::ftm::Exporter::default(),
            },
            other => anyhow::bail!("unknown format '{other}'"),
        })
    }

    pub fn print(&mut self, ex: &Extraction) -> Result<()> {
        match self {
            ExtractionPrinter::Jsonl(out) => {
                serde_json::to_writer(&mut *out, ex)?;
                out.write_all(b"\n").context("writing output")?;
            }
            ExtractionPrinter::Json { out, first } => {
                if !*first {
                    out.write_all(b",").context("writing output")?;
                }
                *first = false;
                out.write_all(b"\n").context("writing output")?;
                serde_json::to_writer(&mut *out, ex)?;
            }
            ExtractionPrinter::Ftm { out, exporter } => {
                for entity in exporter.fresh(ex) {
                    serde_json::to_writer(&mut *out, &entity)?;
                    out.write_all(b"\n").context("writing output")?;
                }
            }
            ExtractionPrinter::Csv(c) => {
                for m in &ex.mentions {
                    let value = match &m.value {
                        Some(Value::Number(v)) => v.to_string(),
                        Some(Value::Text(s)) => s.clone(),
                        None => String::new(),
                    };
                    let opt = |o: Option<String>| o.unwrap_or_default();
                    c.write_record([
                        ex.doc_id.clone(),
                        ex.path.clone(),
                        ex.message_index.map(|i| i.to_string()).unwrap_or_default(),
                        ex.kind.as_str().to_string(),
                        ex.lang.clone(),
                        opt(ex.date.clone()),
                        m.field.clone(),
                        m.kind.as_str().to_string(),
                        m.text.clone(),
                        m.start.to_string(),
                        m.end.to_string(),
                        m.byte_start.to_string(),
                        m.byte_end.to_string(),
                        value,
                        opt(range_end(m, 0)),
                        opt(range_end(m, 1)),
                        opt(m.unit.clone()),
                        m.approx.to_string(),
                        opt(m.item.clone()),
                        opt(m.grain.clone()),
                        opt(m.modifier.clone()),
                        m.rule.clone(),
                    ])
                    .context("writing output")?;
                }
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<()> {
        match self {
            ExtractionPrinter::Jsonl(mut out) => out.flush().context("writing output"),
            ExtractionPrinter::Json { mut out, .. } => {
                out.write_all(b"\n]\n").context("writing output")?;
                out.flush().context("writing output")
            }
            ExtractionPrinter::Csv(mut c) => c.flush().context("writing output"),
            ExtractionPrinter::Ftm { mut out, .. } => out.flush().context("writing output"),
        }
    }
}

/// One end of a mention's range for CSV: a money or count range's amount, else a date's
/// bound ("2018-09-06").
fn range_end(m: &Mention, i: usize) -> Option<String> {
    m.range
        .map(|r| r[i].to_string())
        .or_else(|| m.bounds.as_ref().map(|b| b[i].clone()))
}
