//! Extract: find mentions (numbers, money, quantities, percents, dates, organisations,
//! people) and claims in plain text, each with exact offsets and the rule that found it.
//!
//! Works on `&str` + a language + an optional reference date, so every dimension can be tested
//! without files. [`extract_document`] runs it over a [`Document`]'s title, text, quoted blocks
//! and attachment texts and resolves overlaps between dimensions.
//!
//! Layout: one module per dimension (`values` for number/money/quantity/percent, `time` for
//! dates, `org` for organisations and people, `claim` for relations), per-language lexicons in
//! `lang/{fr,en}/`, sentence splitting in `sentence`.

pub mod claim;
pub mod lang;
pub mod org;
pub mod sentence;
pub mod time;
pub mod values;

use std::str::FromStr;

use chrono::NaiveDate;

use crate::model::{Claim, Document, Extraction, Mention, MentionType};

/// The languages extraction has rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// `fr` → French; anything else (`en`, `und`, unknown) → English rules.
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("fr") || code.to_ascii_lowercase().starts_with("fr-") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// Which way ambiguous dates lean ("en décembre" in a June article: last or next December?).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateBias {
    /// Past unless tense or cue words point to the future.
    #[default]
    Auto,
    Past,
    Future,
}

impl FromStr for DateBias {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "auto" => Ok(DateBias::Auto),
            "past" => Ok(DateBias::Past),
            "future" => Ok(DateBias::Future),
            _ => Err(format!(
                "unknown date bias '{s}' (expected auto, past or future)"
            )),
        }
    }
}

/// The reference point relative dates resolve against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub date: NaiveDate,
    /// The time of day of the anchor, in its own offset, when the date gives one (an email's
    /// `Date:` header): "in two hours" is then a clock time, not just the day.
    pub time: Option<chrono::NaiveTime>,
    /// Where the anchor came from, shown in mentions: "document date 2024-06-04".
    pub source: String,
}

impl Anchor {
    /// An anchor on a day, with no time of day.
    pub fn on_day(date: NaiveDate, source: String) -> Anchor {
        Anchor {
            date,
            time: None,
            source,
        }
    }

    /// Reads a document or quote date (`RFC 3339` keeps its own offset's calendar day and
    /// time, `YYYY-MM-DD`, or a longer ISO date-time without offset).
    pub fn from_date_str(s: &str, what: &str) -> Option<Anchor> {
        let (date, time) = chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| (d.date_naive(), Some(d.time())))
            .ok()
            .or_else(|| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                    .or_else(|_| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
                    .map(|d| (d.date(), Some(d.time())))
                    .ok()
            })
            .or_else(|| {
                Some((
                    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?,
                    None,
                ))
            })?;
        Some(Anchor {
            date,
            time,
            source: format!("{what} {date}"),
        })
    }
}

/// Options shared by `extract`, `index`, `claims` and `report`.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Used when a document has no date of its own.
    pub ref_date: Option<NaiveDate>,
    pub date_bias: DateBias,
    /// Only these mention types in the output (all when `None`). Claims are computed from all
    /// mentions regardless.
    pub types: Option<Vec<MentionType>>,
    /// Extra organisations and aliases (from `dossier.toml`).
    pub gazetteer: Option<std::sync::Arc<org::Gazetteer>>,
}

/// Every mention in `text`, resolved against `anchor`, overlaps between dimensions settled.
/// `field` names the string the offsets point into (`text`, `title`, `quoted[0].text`…).
pub fn extract_text(
    text: &str,
    field: &str,
    lang: Lang,
    anchor: Option<&Anchor>,
    opts: &ExtractOptions,
) -> Vec<Mention> {
    let sentences = sentence::split(text, lang);
    let mut mentions = values::extract(text, lang);
    mentions.extend(time::extract(text, lang, anchor, opts.date_bias));
    mentions.extend(org::extract(text, lang, opts.gazetteer.as_deref()));
    let mut mentions = resolve_overlaps(mentions);
    let sentence_chars = sentence_char_spans(text, &sentences);
    for m in &mut mentions {
        m.field = field.to_string();
        // Sentences are sorted and disjoint: the last one starting at or before the mention.
        let i = sentences.partition_point(|&(s, _)| s <= m.byte_start);
        if i > 0 && m.byte_start < sentences[i - 1].1 {
            m.sentence = Some(sentence_chars[i - 1]);
        }
    }
    mentions
}

/// Dates and times take precedence over plain numbers and counted quantities they overlap
/// ("en 2024", "14h30"); money and percents win over dates; organisations and people coexist
/// with everything. Among numeric mentions the value extractor has already chosen.
fn resolve_overlaps(mut mentions: Vec<Mention>) -> Vec<Mention> {
    use MentionType::*;
    let dates = SpanSet::new(mentions.iter().filter(|m| matches!(m.kind, Date | Time)));
    let strong = SpanSet::new(
        mentions
            .iter()
            .filter(|m| matches!(m.kind, Money | Percent)),
    );
    mentions.retain(|m| match m.kind {
        Number | Quantity => !dates.overlaps(m.byte_start, m.byte_end),
        Date | Time => !strong.overlaps(m.byte_start, m.byte_end),
        _ => true,
    });
    mentions.sort_by(|a, b| {
        (a.byte_start, std::cmp::Reverse(a.byte_end), a.kind).cmp(&(
            b.byte_start,
            std::cmp::Reverse(b.byte_end),
            b.kind,
        ))
    });
    mentions
}

/// Code-point spans of byte-range sentences, counted in one pass over the text.
fn sentence_char_spans(text: &str, sentences: &[(usize, usize)]) -> Vec<[usize; 2]> {
    let mut out = Vec::with_capacity(sentences.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut advance = |to: usize| {
        chars += text.get(byte..to).map_or(0, |s| s.chars().count());
        byte = to.max(byte);
        chars
    };
    for &(s, e) in sentences {
        let cs = advance(s);
        let ce = advance(e);
        out.push([cs, ce]);
    }
    out
}

/// Byte spans sorted by start, with the running maximum of their ends, so "does any span
/// overlap [start, end)?" is one binary search instead of a scan of every span.
struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new<'a>(mentions: impl Iterator<Item = &'a Mention>) -> Self {
        let mut spans: Vec<(usize, usize)> = mentions.map(|m| (m.byte_start, m.byte_end)).collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut running = 0;
        for &(_, e) in &spans {
            running = running.max(e);
            max_end.push(running);
        }
        SpanSet {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        // Spans starting before `end`; one of them overlaps iff the largest end passes `start`.
        let n = self.starts.partition_point(|&s| s < end);
        n > 0 && self.max_end[n - 1] > start
    }
}

/// The anchor for a document: its own date, else the `--ref-date`.
pub fn document_anchor(doc: &Document, opts: &ExtractOptions) -> Option<Anchor> {
    doc.date
        .as_deref()
        .and_then(|d| {
            let what = match doc.kind {
                crate::model::DocKind::Email => "email date",
                crate::model::DocKind::Article => "document date",
            };
            Anchor::from_date_str(d, what)
        })
        .or_else(|| {
            opts.ref_date
                .map(|date| Anchor::on_day(date, format!("reference date {date}")))
        })
}

/// The language of a quoted block or an attachment when its words say it clearly.
fn field_lang(text: &str) -> Option<Lang> {
    match crate::ingest::lang::detect(text) {
        "fr" => Some(Lang::Fr),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Mentions and claims of every field of a document: title, text, each quoted block (anchored
/// on the quote's own date when its header gives one) and each attachment's text.
pub fn extract_document(doc: &Document, opts: &ExtractOptions) -> Extraction {
    let lang = Lang::from_code(&doc.lang);
    let anchor = document_anchor(doc, opts);
    let mut mentions = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    let heading = claim::Context {
        heading: doc.title.as_deref(),
    };
    let mut run = |text: &str, field: &str, anchor: Option<&Anchor>, quoted: bool| {
        // A quote or an attachment may be in another language than the message (an English
        // note forwarded in a French email): its own words decide when they are clear.
        let lang = if field == "text" || field == "title" {
            lang
        } else {
            field_lang(text).unwrap_or(lang)
        };
        let found = extract_text(text, field, lang, anchor, opts);
        let context = if field == "title" {
            claim::Context::default()
        } else {
            heading
        };
        claims.extend(claim::extract_in(
            text, field, lang, &found, quoted, context,
        ));
        mentions.extend(found);
    };
    if let Some(title) = &doc.title {
        run(title, "title", anchor.as_ref(), false);
    }
    run(&doc.text, "text", anchor.as_ref(), false);
    for (i, q) in doc.quoted.iter().enumerate() {
        let qa = q
            .date
            .as_deref()
            .and_then(|d| Anchor::from_date_str(d, "quoted message date"))
            .or_else(|| anchor.clone());
        run(&q.text, &format!("quoted[{i}].text"), qa.as_ref(), true);
    }
    for (i, a) in doc.attachments.iter().enumerate() {
        if let Some(t) = &a.text {
            run(t, &format!("attachments[{i}].text"), anchor.as_ref(), false);
        }
    }
    if let Some(types) = &opts.types {
        mentions.retain(|m| types.contains(&m.kind));
    }
    Extraction {
        doc_id: doc.doc_id.clone(),
        path: doc.path.clone(),
        message_index: doc.message_index,
        kind: doc.kind,
        lang: doc.lang.clone(),
        sha256: doc.sha256.clone(),
        title: doc.title.clone(),
        date: doc.date.clone(),
        from: doc.from.clone(),
        to: doc.to.clone(),
        cc: doc.cc.clone(),
        message_id: doc.message_id.clone(),
        in_reply_to: doc.in_reply_to.clone(),
        references: doc.references.clone(),
        url: doc.url.clone(),
        author: doc.author.clone(),
        mentions,
        claims,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(kind: MentionType, text: &str, s: usize, e: usize) -> Mention {
        Mention::new(kind, "text", text, s, e, "test")
    }

    #[test]
    fn span_set_overlap_matches_a_scan_of_every_span() {
        let text = "x".repeat(64);
        let spans = [(3, 9), (5, 6), (20, 40), (22, 25), (50, 51)];
        let ms: Vec<Mention> = spans
            .iter()
            .map(|&(s, e)| mention(MentionType::Date, &text, s, e))
            .collect();
        let set = SpanSet::new(ms.iter());
        for start in 0..60 {
            for end in start + 1..61 {
                let naive = spans.iter().any(|&(s, e)| s < end && start < e);
                assert_eq!(set.overlaps(start, end), naive, "[{start}, {end})");
            }
        }
    }

    #[test]
    fn sentence_spans_are_code_points() {
        let text = "Élan. Été déjà là. Fin";
        let sentences = sentence::split(text, Lang::Fr);
        let spans = sentence_char_spans(text, &sentences);
        let chars: Vec<char> = text.chars().collect();
        for (&(s, e), [cs, ce]) in sentences.iter().zip(spans) {
            let by_chars: String = chars[cs..ce].iter().collect();
            assert_eq!(by_chars, &text[s..e]);
        }
    }

    #[test]
    fn dates_win_over_numbers_and_money_over_dates() {
        let text = "en 2024 pour 2024 dollars";
        let ms = vec![
            mention(MentionType::Date, text, 0, 7),
            mention(MentionType::Number, text, 3, 7),
            mention(MentionType::Money, text, 13, 25),
            mention(MentionType::Date, text, 13, 17),
        ];
        let kept: Vec<MentionType> = resolve_overlaps(ms).iter().map(|m| m.kind).collect();
        assert_eq!(kept, vec![MentionType::Date, MentionType::Money]);
    }
}
