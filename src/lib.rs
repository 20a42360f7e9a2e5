//! dossier turns emails and news articles into searchable, cited evidence.
//!
//! The pipeline has one module per stage, each knowing nothing of the stages after it:
//!
//! * [`ingest`] reads files (.eml, .mbox, .html, .txt, .md, .json, .jsonl) into [`Document`]s;
//! * [`extract`] finds mentions (numbers, money, quantities, percents, dates, organisations)
//!   and claims in plain text, with exact offsets;
//! * [`reconcile`] groups claims across documents: corroborated, discrepant, single-source;
//! * [`index`] stores documents and extractions in an on-disk tantivy index and searches it;
//! * [`report`] renders Markdown, HTML and JSON reports where every figure cites its source;
//! * [`ftm`] exports extractions as FollowTheMoney entities for Aleph and the `ftm` tools.
//!
//! ```
//! use dossier::extract::{extract_text, ExtractOptions, Lang};
//! let mentions = extract_text("Tesla dépensera 10 milliards de dollars.", "text", Lang::Fr,
//!                             None, &ExtractOptions::default());
//! assert!(mentions.iter().any(|m| m.kind == dossier::model::MentionType::Money));
//! ```

pub mod error;
pub mod extract;
pub mod ftm;
pub mod index;
pub mod ingest;
pub mod model;
pub mod reconcile;
pub mod report;

pub use error::{Error, IngestError};
pub use model::{Claim, ClaimGroup, Document, Extraction, Mention};
