//! Running a query: rank hits by BM25, build a highlighted snippet, pick the stored mentions
//! and claims of each hit that match the query, count facets.
//!
//! Presentation (text or JSON lines) is the CLI's business; this module returns data.

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, Query, QueryParser, QueryParserError};
use tantivy::schema::{Field, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::Index;
use super::analyzer;
use super::query::{self, Filters};
use crate::Error;
use crate::model::{Address, Claim, DocKind, Extraction, Mention, MentionType};

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 200;
/// Most values listed per facet.
const FACET_TOP: usize = 20;

/// What to search for.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    pub facets: bool,
}

/// One ranked document.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: f32,
    pub doc_id: String,
    pub path: String,
    pub message_index: Option<usize>,
    pub kind: DocKind,
    pub lang: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub from: Option<Address>,
    /// Best passage (body, else quoted text or attachments), at most 200 characters.
    pub snippet: String,
    /// Byte ranges of `snippet` that match query terms.
    pub highlights: Vec<[usize; 2]>,
    /// The stored mentions of this document that match the query's filters or words.
    pub mentions: Vec<Mention>,
    /// The stored claims that match the query's filters or words.
    pub claims: Vec<Claim>,
}

/// Hits counted by facet value, most frequent first.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FacetCounts {
    pub org: Vec<(String, u64)>,
    pub sender: Vec<(String, u64)>,
    pub kind: Vec<(String, u64)>,
    pub month: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// Number of matching documents (all of them, not only this page).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Option<FacetCounts>,
}

/// A query parsed for this index, with the filters used to select mentions.
struct Prepared {
    query: Box<dyn Query>,
    filters: Filters,
}

fn prepare(index: &Index, text: &str) -> Result<Prepared, Error> {
    if text.trim().is_empty() || text.trim() == "*" {
        return Ok(Prepared {
            query: Box::new(AllQuery),
            filters: Filters::default(),
        });
    }
    let rewritten = query::rewrite(text).map_err(Error::Query)?;
    let f = index.fields();
    let mut defaults: Vec<Field> = Vec::new();
    let mut boosts = Vec::new();
    for family in f.text_families() {
        for field in family.all() {
            defaults.push(field);
            boosts.push((field, family.boost));
        }
    }
    let mut parser = QueryParser::for_index(&index.inner, defaults);
    // Every clause must hold unless OR says otherwise: "org:Tesla money:>1e9" narrows.
    parser.set_conjunction_by_default();
    for (field, boost) in boosts {
        parser.set_field_boost(field, boost);
    }
    let query = parser
        .parse_query(&rewritten.tantivy)
        .map_err(|e| Error::Query(explain(&e, text)))?;
    Ok(Prepared {
        query,
        filters: rewritten.filters,
    })
}

/// A parser error in words a user can act on.
fn explain(e: &QueryParserError, query: &str) -> String {
    match e {
        QueryParserError::SyntaxError(s) => format!(
            "cannot read '{s}' in '{query}': expected words, \"a phrase\", field:value, \
             AND/OR/NOT, +required, -excluded, or (groups)"
        ),
        QueryParserError::AllButQueryForbidden => format!(
            "'{query}' only excludes documents: add something to look for, e.g. '* {query}'"
        ),
        QueryParserError::FieldDoesNotExist(field) => {
            format!("unknown field '{field}' in '{query}'")
        }
        QueryParserError::FieldDoesNotHavePositionsIndexed(field) => {
            format!("field '{field}' takes one value, not a phrase: write {field}:value")
        }
        QueryParserError::ExpectedFloat(_) | QueryParserError::ExpectedInt(_) => {
            format!("'{query}': expected a number")
        }
        QueryParserError::DateFormatError(_) => {
            format!("'{query}': expected a date like 2023-12-01")
        }
        other => format!("'{query}': {other}"),
    }
}

/// Runs a search request.
pub fn search(index: &Index, req: &SearchRequest) -> Result<SearchResults, Error> {
    let prepared = prepare(index, &req.query)?;
    let searcher = index.searcher()?;
    // The collector reserves room for offset + limit hits: never more than the index holds.
    let num_docs = searcher.num_docs() as usize;
    let top = TopDocs::with_limit(req.limit.clamp(1, num_docs.max(1)))
        .and_offset(req.offset.min(num_docs))
        .order_by_score();
    let mut facet_collector = FacetCollector::for_field("facet");
    for root in ["/org", "/sender", "/kind", "/month"] {
        facet_collector.add_facet(root);
    }
    let err = |e: tantivy::TantivyError| Error::Index(format!("search: {e}"));
    let (top_docs, total, facets) = if req.facets {
        let (t, c, fc) = searcher
            .search(&prepared.query, &(top, Count, facet_collector))
            .map_err(err)?;
        (t, c, Some(facet_counts(&fc)))
    } else {
        let (t, c) = searcher
            .search(&prepared.query, &(top, Count))
            .map_err(err)?;
        (t, c, None)
    };
    let top_docs = if req.limit == 0 { Vec::new() } else { top_docs };
    let snippets = Snippets::new(index, &searcher, prepared.query.as_ref())?;
    let mut hits = Vec::with_capacity(top_docs.len());
    for (score, addr) in top_docs {
        let (tdoc, ex) = load(index, &searcher, addr)?;
        let (snippet, highlights) = snippets.best(index, &tdoc, &ex.lang);
        hits.push(Hit {
            score,
            mentions: matching_mentions(&ex.mentions, &prepared.filters),
            claims: matching_claims(&ex.claims, &prepared.filters),
            doc_id: ex.doc_id,
            path: ex.path,
            message_index: ex.message_index,
            kind: ex.kind,
            lang: ex.lang,
            title: ex.title,
            date: ex.date,
            from: ex.from,
            snippet,
            highlights,
        });
    }
    Ok(SearchResults {
        total,
        hits,
        facets,
    })
}

/// The extractions of every hit of `query`, in rank order.
pub(super) fn all_hits(index: &Index, text: &str) -> Result<Vec<Extraction>, Error> {
    let prepared = prepare(index, text)?;
    let searcher = index.searcher()?;
    let limit = (searcher.num_docs() as usize).max(1);
    let top = searcher
        .search(
            &prepared.query,
            &TopDocs::with_limit(limit).order_by_score(),
        )
        .map_err(|e| Error::Index(format!("search: {e}")))?;
    top.into_iter()
        .map(|(_, addr)| load(index, &searcher, addr).map(|(_, ex)| ex))
        .collect()
}

/// Every stored extraction, sorted by path then message index.
pub(super) fn all_documents(index: &Index) -> Result<Vec<Extraction>, Error> {
    let searcher = index.searcher()?;
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in segment.doc_ids_alive() {
            let (_, ex) = load(index, &searcher, DocAddress::new(ord as u32, doc))?;
            out.push(ex);
        }
    }
    out.sort_by(|a, b| (&a.path, a.message_index).cmp(&(&b.path, b.message_index)));
    Ok(out)
}

fn load(
    index: &Index,
    searcher: &Searcher,
    addr: DocAddress,
) -> Result<(TantivyDocument, Extraction), Error> {
    let tdoc: TantivyDocument = searcher
        .doc(addr)
        .map_err(|e| Error::Index(format!("reading a stored document: {e}")))?;
    let json = tdoc
        .get_first(index.fields().extraction)
        .and_then(|v| v.as_str())
        .ok_or_else(|| Error::Index("a stored document has no extraction".into()))?;
    let ex: Extraction = serde_json::from_str(json)
        .map_err(|e| Error::Index(format!("a stored extraction is unreadable: {e}")))?;
    Ok((tdoc, ex))
}

/// Snippet generators for the stored text fields, in the order they are tried.
struct Snippets {
    /// (stored field, language of the stemmed analysis or `None` for exact, generator)
    generators: Vec<(Field, Option<&'static str>, SnippetGenerator)>,
}

impl Snippets {
    fn new(index: &Index, searcher: &Searcher, query: &dyn Query) -> Result<Snippets, Error> {
        let f = index.fields();
        let mut generators = Vec::new();
        for family in [f.body, f.title, f.quoted, f.attachment] {
            for (analysed, lang) in [
                (family.fr, Some("fr")),
                (family.en, Some("en")),
                (family.exact, None),
            ] {
                let mut g = SnippetGenerator::create(searcher, query, analysed)
                    .map_err(|e| Error::Index(format!("snippet: {e}")))?;
                g.set_max_num_chars(SNIPPET_CHARS);
                generators.push((family.exact, lang, g));
            }
        }
        Ok(Snippets { generators })
    }

    /// The first passage with a highlighted term, trying the document's stemmed field before
    /// the exact one; the opening of the body when nothing is highlighted.
    fn best(&self, index: &Index, tdoc: &TantivyDocument, lang: &str) -> (String, Vec<[usize; 2]>) {
        let f = index.fields();
        let doc_analysis = analyzer::stemmed_tokenizer_for(lang);
        for (stored, analysis_lang, g) in &self.generators {
            // A French body was never analysed with the English stemmer: skip that pairing.
            if analysis_lang.is_some_and(|l| analyzer::stemmed_tokenizer_for(l) != doc_analysis) {
                continue;
            }
            for value in tdoc.get_all(*stored) {
                let Some(text) = value.as_str() else { continue };
                let snippet = g.snippet(text);
                if !snippet.highlighted().is_empty() {
                    let highlights = snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect();
                    return (snippet.fragment().to_string(), highlights);
                }
            }
        }
        let body = tdoc
            .get_first(f.body.exact)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        (opening(body, SNIPPET_CHARS), Vec::new())
    }
}

/// The first `max` characters of a text, whitespace collapsed.
fn opening(text: &str, max: usize) -> String {
    text.split_whitespace()
        .flat_map(|w| [w, " "])
        .flat_map(str::chars)
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn facet_counts(fc: &tantivy::collector::FacetCounts) -> FacetCounts {
    let list = |root: &str| -> Vec<(String, u64)> {
        fc.top_k(root, FACET_TOP)
            .into_iter()
            .map(|(facet, n)| {
                let value = facet.to_path().last().copied().unwrap_or_default();
                (value.to_string(), n)
            })
            .collect()
    };
    FacetCounts {
        org: list("/org"),
        sender: list("/sender"),
        kind: list("/kind"),
        month: list("/month"),
    }
}

/// Numbers a mention stands for (value, range ends, bounds).
fn numbers(m: &Mention) -> Vec<f64> {
    let mut v: Vec<f64> = [m.number(), m.min, m.max].into_iter().flatten().collect();
    if let Some([a, b]) = m.range {
        v.extend([a, b]);
    }
    v
}

fn words_in(text: &str, words: &[String]) -> bool {
    !words.is_empty() && analyzer::fold(text).iter().any(|t| words.contains(t))
}

/// Mentions whose value satisfies a value filter, whose organisation is asked for, or whose
/// text contains a query word.
pub fn matching_mentions(mentions: &[Mention], filters: &Filters) -> Vec<Mention> {
    mentions
        .iter()
        .filter(|m| mention_matches(m, filters))
        .cloned()
        .collect()
}

fn mention_matches(m: &Mention, f: &Filters) -> bool {
    let in_ranges = |ranges: &[query::NumberRange]| {
        !ranges.is_empty()
            && numbers(m)
                .iter()
                .any(|v| ranges.iter().any(|r| r.contains(*v)))
    };
    let by_value = match m.kind {
        MentionType::Money => {
            let currency_ok = f.currencies.is_empty()
                || m.unit
                    .as_deref()
                    .is_some_and(|u| f.currencies.iter().any(|c| c.eq_ignore_ascii_case(u)));
            currency_ok && (in_ranges(&f.money) || (f.money.is_empty() && !f.currencies.is_empty()))
        }
        MentionType::Quantity => in_ranges(&f.quantity),
        MentionType::Percent => in_ranges(&f.percent),
        MentionType::Org => {
            let name = analyzer::fold(m.text_value().unwrap_or(&m.text)).join(" ");
            f.orgs.contains(&name)
        }
        _ => false,
    };
    by_value || words_in(&m.text, &f.words)
}

/// Claims of a kind asked for, with an amount or quantity satisfying a value filter, naming
/// an organisation asked for, or whose sentence contains a query word.
pub fn matching_claims(claims: &[Claim], filters: &Filters) -> Vec<Claim> {
    claims
        .iter()
        .filter(|c| claim_matches(c, filters))
        .cloned()
        .collect()
}

fn claim_matches(c: &Claim, f: &Filters) -> bool {
    let amount_in = |a: &Option<crate::model::Amount>, ranges: &[query::NumberRange]| {
        a.as_ref().is_some_and(|a| {
            let mut vals: Vec<f64> = a.value.into_iter().collect();
            if let Some([x, y]) = a.range {
                vals.extend([x, y]);
            }
            vals.iter().any(|v| ranges.iter().any(|r| r.contains(*v)))
        })
    };
    let org_named = [&c.org, &c.from, &c.to, &c.intended_for]
        .into_iter()
        .flatten()
        .any(|o| f.orgs.contains(&analyzer::fold(o).join(" ")));
    f.claims.iter().any(|k| k == c.kind.as_str())
        || amount_in(&c.amount, &f.money)
        || amount_in(&c.quantity, &f.quantity)
        || org_named
        || words_in(&c.evidence.sentence, &f.words)
}
