//! Numbers, money, counted quantities, measures and percents in plain text, normalised,
//! with exact offsets and the name of the rule that matched.
//!
//! One engine for every language: it finds number cores (digits, see `number`; words,
//! see `words`), reads what surrounds each core through the language's lexicon
//! (`lang/{fr,en}/numbers.rs`: currencies, scales, units, percent marks, bound and range
//! cues, trap words), joins ranges, and drops what is not an amount (years, product names,
//! phone numbers, street numbers, postal codes, times, references — see `traps` and
//! `Expr::is_trap`). Dates are not found here: the caller drops plain numbers that
//! overlap the date extractor's mentions.
//!
//! Not for sentences, claims or cross-document reasoning.

pub mod lexicon;
mod number;
mod rule;
mod text;
mod traps;
mod units;
mod words;

use std::sync::LazyLock;

use super::Lang;
use crate::model::{Mention, MentionType, Value};
use lexicon::NumberLexicon;
use number::DigitScan;
use text::*;
use words::{WordIndex, WordNumberKind};

/// A language's lexicon with its word automaton, built once.
struct Language {
    lex: &'static NumberLexicon,
    words: WordIndex,
    /// ISO codes that a currency name shared by several countries may stand for by default
    /// ("rupees" → INR): only money in these codes (or in none) looks for a country in its
    /// sentence; "$", "€", "£" never do.
    resolvable_codes: Vec<&'static str>,
}

impl Language {
    fn new(lex: &'static NumberLexicon) -> Language {
        let shared = |phrase: &str| {
            phrase.split(|c: char| !c.is_alphabetic()).any(|w| {
                !w.is_empty()
                    && lex
                        .shared_currency_cues
                        .iter()
                        .any(|(names, ..)| word_in_ci(w, names))
            })
        };
        let mut resolvable_codes: Vec<&'static str> = lex
            .currency_before
            .iter()
            .chain(lex.currency_names_before)
            .chain(lex.currency_after)
            .filter(|&&(phrase, code)| !code.is_empty() && shared(phrase))
            .map(|&(_, code)| code)
            .collect();
        resolvable_codes.sort_unstable();
        resolvable_codes.dedup();
        Language {
            lex,
            words: WordIndex::new(lex),
            resolvable_codes,
        }
    }
}

static FRENCH: LazyLock<Language> =
    LazyLock::new(|| Language::new(&super::lang::fr::numbers::LEXICON));
static ENGLISH: LazyLock<Language> =
    LazyLock::new(|| Language::new(&super::lang::en::numbers::LEXICON));

fn language(lang: Lang) -> &'static Language {
    match lang {
        Lang::Fr => &FRENCH,
        Lang::En => &ENGLISH,
    }
}

/// First- and last-byte indexes of every phrase list of both lexicons, sorted by list
/// address (a binary search is cheaper than hashing on this hot path).
static PHRASE_INDEXES: LazyLock<Vec<(usize, text::PhraseIndex)>> = LazyLock::new(|| {
    let mut all: Vec<(usize, text::PhraseIndex)> = Vec::new();
    for lex in [
        &super::lang::fr::numbers::LEXICON,
        &super::lang::en::numbers::LEXICON,
    ] {
        for (addr, phrases) in phrase_lists(lex) {
            all.push((addr, text::PhraseIndex::new(&phrases)));
        }
    }
    all.push((
        units::ISO_CURRENCIES.as_ptr() as usize,
        text::PhraseIndex::new(units::ISO_CURRENCIES),
    ));
    all.sort_by_key(|(addr, _)| *addr);
    all.dedup_by_key(|(addr, _)| *addr);
    all
});

/// The index of the lexicon list at `addr`, if it is one.
fn phrase_index(addr: usize) -> Option<&'static text::PhraseIndex> {
    let all = &*PHRASE_INDEXES;
    all.binary_search_by_key(&addr, |(a, _)| *a)
        .ok()
        .map(|i| &all[i].1)
}

/// Every phrase list of a lexicon that the engine searches, with its address.
fn phrase_lists(lex: &'static NumberLexicon) -> Vec<(usize, Vec<&'static str>)> {
    fn keys<T>(l: &'static [(&'static str, T)]) -> (usize, Vec<&'static str>) {
        (l.as_ptr() as usize, l.iter().map(|(p, _)| *p).collect())
    }
    fn words(l: &'static [&'static str]) -> (usize, Vec<&'static str>) {
        (l.as_ptr() as usize, l.to_vec())
    }
    vec![
        keys(lex.number_words),
        keys(lex.fractions),
        words(lex.fraction_articles),
        words(lex.lone_one),
        words(lex.article_one),
        words(lex.number_joiners),
        words(lex.decimal_points),
        words(lex.ratio_joiners),
        words(lex.score_joiners),
        words(lex.spaced_scales_need_currency),
        words(lex.not_item_suffixes),
        keys(lex.scales),
        keys(lex.attached_scales),
        keys(lex.currency_before),
        keys(lex.currency_names_before),
        keys(lex.currency_after),
        keys(lex.currency_after_scaled_only),
        keys(lex.currency_after_in_money_context),
        keys(lex.subunits_after),
        keys(lex.glued_subunits_in_money_context),
        keys(lex.percent_after),
        keys(lex.units),
        keys(lex.scales_after_currency_sign),
        words(lex.approx_before),
        words(lex.lower_before),
        words(lex.upper_before),
        words(lex.range_join),
        words(lex.change_before),
        words(lex.change_links),
        words(lex.alternative_join),
        words(lex.year_cues_before),
        words(lex.trap_before),
        words(lex.model_words),
        words(lex.ordinal_words),
        words(lex.money_cues),
        words(lex.not_money_cues),
        words(lex.trap_after),
        words(lex.not_items),
        words(lex.months),
        words(lex.ordinal_suffixes),
        words(lex.invariable_plurals),
        words(lex.determiners),
        words(lex.minus_words),
        words(lex.percent_before),
        words(lex.item_links),
        words(lex.scale_links),
    ]
}

/// Where a core came from; traps depend on it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Origin {
    Digits { bare_integer: bool, digits: usize },
    Spelled { lone_one: bool, scaled: bool },
    Vague,
    Approx,
}

/// A number before its context is read.
#[derive(Debug, Clone)]
struct Core {
    start: usize,
    end: usize,
    value: Option<f64>,
    min: Option<f64>,
    approx: bool,
    origin: Origin,
}

/// What an amount is once its context is read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum What {
    Plain,
    Money(&'static str),
    Percent(Option<&'static str>),
    Measure(&'static str),
    Count { item_start: usize, item_end: usize },
}

impl What {
    fn is_marked(self) -> bool {
        !matches!(self, What::Plain)
    }
}

/// A core with its context: the span to report and the normalised value.
#[derive(Debug, Clone)]
struct Expr {
    start: usize,
    end: usize,
    core: Core,
    value: Option<f64>,
    range: Option<[f64; 2]>,
    min: Option<f64>,
    max: Option<f64>,
    approx: bool,
    scale: Option<f64>,
    what: What,
    rule: Vec<&'static str>,
}

/// Every number, money amount, quantity and percent of `text`; offsets are exact (bytes and
/// code points), `field` is left for the caller.
pub fn extract(text: &str, lang: Lang) -> Vec<Mention> {
    let language = language(lang);
    let lex = language.lex;
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let traps = if has_digit {
        traps::spans(text)
    } else {
        Vec::new()
    };
    let mut cores = if has_digit {
        digit_cores(text, lex, &traps)
    } else {
        Vec::new()
    };
    cores.extend(word_cores(text, language));
    if cores.is_empty() {
        return Vec::new();
    }
    for core in &mut cores {
        if matches!(core.origin, Origin::Digits { .. } | Origin::Spelled { .. }) {
            apply_minus_word(text, lex, core);
        }
    }
    cores.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));

    let mut out = Vec::new();
    let mut cursor = CharCursor::default();
    let mut consumed = 0;
    let mut i = 0;
    while i < cores.len() {
        let core = &cores[i];
        i += 1;
        if core.start < consumed {
            continue;
        }
        let Some(a) = build(text, lex, core, consumed) else {
            continue;
        };
        // the next core after this amount (a scale word inside it is not one)
        let next = (i..cores.len()).find(|&j| cores[j].start >= a.end);
        let a = match next {
            Some(j) => scale_of_alternative(text, lex, &a, &cores[j]).unwrap_or(a),
            None => a,
        };
        let mut expr = a.clone();
        if let Some(j) = next {
            let nc = &cores[j];
            match join_range(text, lex, &a, nc) {
                RangeJoin::Range(r) => {
                    expr = *r;
                    i = j + 1;
                }
                RangeJoin::Neither => {
                    // "3-1", "10-20" with nothing after: a score or a reference.
                    consumed = nc.end;
                    i = j + 1;
                    continue;
                }
                RangeJoin::No => {
                    if let Some(r) = join_ratio(text, lex, &a, nc) {
                        expr = r;
                        i = j + 1;
                    } else if is_score(text, lex, &a, nc) {
                        // "21 voix contre 4": a vote, neither is an amount
                        consumed = nc.end;
                        i = j + 1;
                        continue;
                    }
                }
            }
        }
        if expr.range.is_none() && expr.is_trap(text, lex) {
            continue;
        }
        if expr.range.is_none() {
            while let Some(j) = (i..cores.len()).find(|&j| cores[j].start >= expr.end) {
                let joined = add_measure(text, lex, &expr, &cores[j])
                    .or_else(|| add_hundredths(text, lex, &expr, &cores[j]));
                match joined {
                    Some(e) => {
                        expr = e;
                        i = j + 1;
                    }
                    None => break,
                }
            }
        }
        // a shared name ("francs", "rupees") takes the currency of the one country its
        // sentence names, over the lexicon's default when it has one ("Rs" is Indian)
        if let What::Money(code) = expr.what
            && (code.is_empty() || language.resolvable_codes.contains(&code))
            && let Some(iso) = shared_currency(text, lex, &expr)
            && iso != code
        {
            expr.what = What::Money(iso);
            expr.rule.push(rule::COUNTRY_CUE);
        }
        apply_cues(text, lex, &mut expr, consumed);
        consumed = expr.end;
        out.push(to_mention(text, &expr, &mut cursor));
    }
    out
}

/// Digit cores, skipping codes glued to letters ("H100", "GPT-4") and trap spans.
fn digit_cores(text: &str, lex: &NumberLexicon, traps: &[(usize, usize)]) -> Vec<Core> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(off) = bytes[i..].iter().position(u8::is_ascii_digit) else {
            break;
        };
        i += off;
        let run_end = i + bytes[i..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let prev = char_before(text, i);
        if prev.is_some_and(is_word_char) && !currency_glued_before(text, lex, i) {
            // a code: letters then digits ("H100", "v3", "v3.2")
            i = code_end(text, run_end).max(i + 1);
            continue;
        }
        if prev == Some('-') && is_code_before_dash(text, i - 1) {
            // "GPT-4", "COVID-19", "F-35", "GPT-4.5", "lame-3.92-fr5.src.rpm"
            i = code_end(text, run_end).max(i + 1);
            continue;
        }
        if let Some(core) = leading_decimal(text, lex, i) {
            i = core.end;
            out.push(core);
            continue;
        }
        // traps are sorted and disjoint: a binary search keeps hostile input linear
        let t = traps.partition_point(|&(_, e)| e <= i);
        if let Some(&(_, e)) = traps.get(t).filter(|&&(s, _)| s <= i) {
            i = e;
            continue;
        }
        match number::scan(text, i, lex.decimal_comma) {
            DigitScan::Number(n) => {
                let end = n.end;
                if traps::overlaps(traps, n.start, n.end) {
                    i = end.max(i + 1);
                    continue;
                }
                if char_at(text, end) == Some('/') {
                    // "3/4 cup", "10 1/2 miles": a fraction before a unit; any other slash
                    // pair ("24/7", "12/05") is not an amount
                    i = slash_fraction(text, lex, &n, &mut out).max(i + 1);
                    continue;
                }
                let (end, value) = foreign_decimal_comma(text, lex, &n).unwrap_or((end, n.value));
                let (start, value) =
                    negative_sign(text, n.start).map_or((n.start, value), |s| (s, -value));
                out.push(Core {
                    start,
                    end,
                    value: Some(value),
                    min: None,
                    approx: false,
                    origin: Origin::Digits {
                        bare_integer: n.bare_integer,
                        digits: n.digits,
                    },
                });
                i = end.max(i + 1);
            }
            DigitScan::NotANumber { end } => i = end.max(i + 1),
        }
    }
    out
}

/// "€1,2 billion", "EUR 3,75 million" in an English text: a comma followed by one or two
/// digits cannot mark thousands, and with a currency before or a scale after it is the
/// decimal comma of a writer used to it (elsewhere "1,2" is a list and stays two numbers):
/// (end, value).
fn foreign_decimal_comma(
    text: &str,
    lex: &NumberLexicon,
    n: &number::DigitNumber,
) -> Option<(usize, f64)> {
    if lex.decimal_comma || !n.bare_integer || n.digits > 3 || char_at(text, n.end) != Some(',') {
        return None;
    }
    let frac = text
        .as_bytes()
        .get(n.end + 1..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = n.end + 1 + frac;
    if !(1..=2).contains(&frac) || matches!(char_at(text, end), Some(',' | '.')) {
        return None;
    }
    let q = skip_hspace(text, end);
    let scaled = longest_at(text, q, lex.scales).is_some()
        || longest_at(text, end, lex.attached_scales).is_some();
    let currency = currency_before(text, lex, skip_hspace_back(text, n.start), &[]).is_some();
    if !(scaled || currency) {
        return None;
    }
    let value: f64 = format!(
        "{}.{}",
        text.get(n.start..n.end)?,
        text.get(n.end + 1..end)?
    )
    .parse()
    .ok()?;
    Some((end, value))
}

/// Reads "a/b" at a digit number followed by a slash; pushes it (merged with a whole number
/// written just before: "10 1/2") when a unit follows, and returns where scanning resumes.
fn slash_fraction(
    text: &str,
    lex: &NumberLexicon,
    n: &number::DigitNumber,
    out: &mut Vec<Core>,
) -> usize {
    let bytes = text.as_bytes();
    let den_start = n.end + 1;
    let den_len = bytes
        .get(den_start..)
        .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count());
    let den_end = den_start + den_len;
    if den_len == 0 || char_at(text, den_end).is_some_and(|c| is_word_char(c) || c == '/') {
        return den_end.max(n.end + 1);
    }
    let Some(den) = text
        .get(den_start..den_end)
        .and_then(|d| d.parse::<f64>().ok())
        .filter(|d| *d > 0.0)
    else {
        return den_end;
    };
    let after = skip_hspace(text, den_end);
    // a whole number written just before: "2 1/4", "10 1/2 miles"
    let whole_before = out.last().filter(|prev| {
        prev.end < n.start
            && text
                .get(prev.end..n.start)
                .is_some_and(|g| g.chars().all(is_hspace))
            && matches!(
                prev.origin,
                Origin::Digits {
                    bare_integer: true,
                    ..
                }
            )
    });
    if !n.bare_integer || (unit_at(text, lex, after).is_none() && whole_before.is_none()) {
        return den_end;
    }
    let mut start = n.start;
    let mut value = n.value / den;
    if let Some(prev) = out.last()
        && prev.end < n.start
        && text
            .get(prev.end..n.start)
            .is_some_and(|g| g.chars().all(is_hspace))
        && matches!(
            prev.origin,
            Origin::Digits {
                bare_integer: true,
                ..
            }
        )
        && let Some(whole) = prev.value
    {
        start = prev.start;
        value += whole;
        out.pop();
    }
    out.push(Core {
        start,
        end: den_end,
        value: Some(value),
        min: None,
        approx: false,
        origin: Origin::Digits {
            bare_integer: false,
            digits: 0,
        },
    });
    den_end
}

/// "CNY3", "Rs20", "UAH3.04": a currency code glued to the digits.
fn currency_glued_before(text: &str, lex: &NumberLexicon, at: usize) -> bool {
    currency_before(text, lex, at, &[]).is_some()
}

/// The earliest-starting currency mark written right before `end` (signs, codes, and the
/// `names` allowed there): (start, ISO 4217). Indexed lookups: this runs for every number.
fn currency_before(
    text: &str,
    lex: &NumberLexicon,
    end: usize,
    names: &'static [(&'static str, &'static str)],
) -> Option<(usize, &'static str)> {
    let iso = longest_before(text, end, units::ISO_CURRENCIES).and_then(|s| {
        let code = text.get(s..end)?;
        let &code = units::ISO_CURRENCIES.iter().find(|c| **c == code)?;
        Some((s, code))
    });
    phrases_before(text, end, lex.currency_before)
        .chain(phrases_before(text, end, names))
        .map(|(s, &iso)| (s, iso))
        .chain(iso)
        .min_by_key(|(s, _)| *s)
}

/// End of a code that goes on past its first digits: ".5" in "GPT-4.5", ".2" in "v3.2",
/// ".92-fr5.src.rpm" in "lame-3.92-fr5.src.rpm". A dot, dash or underscore joins only when a
/// letter or digit follows it, so the full stop of "runs on GPT-4." is left alone.
fn code_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while let [b'.' | b'-' | b'_', next, ..] = bytes.get(end..).unwrap_or(&[]) {
        if !next.is_ascii_alphanumeric() {
            break;
        }
        end += 1;
        end += bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
    }
    end
}

/// Is the dash at `dash` glued to a word that starts with a letter ("GPT-4"), not to an
/// amount ("3km-5km")?
fn is_code_before_dash(text: &str, dash: usize) -> bool {
    // walk back over the whole chain: "BL-2024-0112" is a code from its first letter
    let head = text.get(..dash).unwrap_or("");
    let run = &head[head
        .trim_end_matches(|c: char| is_word_char(c) || c == '-')
        .len()..];
    run.chars().next().is_some_and(char::is_alphabetic)
}

/// ".25", ",08" (French): a number starting with its decimal mark.
fn leading_decimal(text: &str, lex: &NumberLexicon, digit: usize) -> Option<Core> {
    let mark = char_before(text, digit)?;
    let expected = if lex.decimal_comma { ',' } else { '.' };
    if mark != expected {
        return None;
    }
    let before = char_before(text, digit - 1);
    if before.is_some_and(|c| !(c.is_whitespace() || c == '(' || c == '-')) {
        return None;
    }
    let len = text.as_bytes()[digit..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = digit + len;
    if char_at(text, end).is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let value: f64 = format!("0.{}", text.get(digit..end)?).parse().ok()?;
    let start = digit - 1;
    let (start, value) = negative_sign(text, start).map_or((start, value), |s| (s, -value));
    Some(Core {
        start,
        end,
        value: Some(value),
        min: None,
        approx: false,
        origin: Origin::Digits {
            bare_integer: false,
            digits: 0,
        },
    })
}

/// "minus one", "moins 1200000": a minus word right before a core (not "moins de").
fn apply_minus_word(text: &str, lex: &NumberLexicon, core: &mut Core) {
    let p = skip_hspace_back(text, core.start);
    if p == core.start {
        return;
    }
    // "au moins 10" is a bound, not a negative number
    let in_cue = [lex.lower_before, lex.upper_before, lex.approx_before]
        .iter()
        .any(|cues| longest_before(text, p, cues).is_some());
    if in_cue {
        return;
    }
    if let Some(s) = longest_before(text, p, lex.minus_words)
        && let Some(v) = core.value.filter(|v| *v > 0.0)
    {
        core.value = Some(-v);
        core.start = s;
        // "minus one" is a number, not an article
        if let Origin::Spelled { scaled, .. } = core.origin {
            core.origin = Origin::Spelled {
                lone_one: false,
                scaled,
            };
        }
    }
}

/// Start of a minus sign glued to the digits at `start`, when it is not a dash between two
/// numbers ("3-4").
fn negative_sign(text: &str, start: usize) -> Option<usize> {
    let sign = char_before(text, start).filter(|c| matches!(c, '-' | '−'))?;
    let s = start - sign.len_utf8();
    let before = char_before(text, s);
    if before.is_some_and(|c| !c.is_whitespace() && c != '(') {
        return None;
    }
    let p = skip_hspace_back(text, s);
    if char_before(text, p).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(s)
}

fn word_cores(text: &str, language: &Language) -> Vec<Core> {
    words::find(text, language.lex, &language.words)
        .into_iter()
        .map(|w| Core {
            start: w.start,
            end: w.end,
            value: w.value,
            min: w.min,
            approx: w.approx,
            origin: match w.kind {
                WordNumberKind::Spelled { lone_one, scaled } => {
                    Origin::Spelled { lone_one, scaled }
                }
                WordNumberKind::Vague => Origin::Vague,
                WordNumberKind::Approx => Origin::Approx,
            },
        })
        .collect()
}

/// Reads the context of `core` (what is written before it only from `floor` on, so that
/// a previous amount's words are not read twice): currency before, scale, currency, percent mark, unit or
/// counted thing after. `None` when the core is glued to something that makes it a code
/// or an ordinal.
fn build(text: &str, lex: &NumberLexicon, core: &Core, floor: usize) -> Option<Expr> {
    let mut e = Expr {
        start: core.start,
        end: core.end,
        core: core.clone(),
        value: core.value,
        range: None,
        min: core.min,
        max: None,
        approx: core.approx,
        scale: None,
        what: What::Plain,
        rule: Vec::new(),
    };
    // currency written before: "$3", "US$ 4.7", "EUR 20", "US Dollars 2,500,000"
    let p = skip_hspace_back(text, core.start);
    let names_before: &'static [(&str, &str)] = if p < core.start && !is_year_like(core) {
        lex.currency_names_before
    } else {
        &[]
    };
    if let Some((s, iso)) = currency_before(text, lex, p, names_before).filter(|&(s, _)| s >= floor)
    {
        e.start = s;
        e.what = What::Money(iso);
        e.rule.push(rule::CURRENCY);
        // "-$5 million", "−€3bn": a minus sign before the currency mark
        if let Some(ns) = negative_sign(text, s).filter(|&ns| ns >= floor)
            && e.value.is_some_and(|v| v > 0.0)
        {
            e.start = ns;
            e.value = e.value.map(|v| -v);
        }
    }
    // percent written before: "per cent of 210", "pourcentage de vingt"
    if !matches!(e.what, What::Money(_))
        && let Some(s) = longest_before(text, p, lex.percent_before)
        && s >= floor
    {
        e.start = s;
        e.what = What::Percent(None);
        e.rule.push(rule::PERCENT);
    }
    e.rule.push(match core.origin {
        Origin::Digits { .. } => rule::DIGITS,
        Origin::Spelled { .. } => rule::WORDS,
        Origin::Vague => rule::VAGUE,
        Origin::Approx => rule::APPROX_AMOUNT,
    });
    let mut pos = core.end;
    let is_digits = matches!(core.origin, Origin::Digits { .. });
    let is_money = |e: &Expr| matches!(e.what, What::Money(_));

    // scientific notation and powers: "1e10", "-12e-1", "2,5^-1"
    // (never after a currency sign: "$8752e060" is a hexadecimal id)
    if is_digits
        && !is_money(&e)
        && let Some((end, exp)) = exponent_at(text, pos)
    {
        let base = e.value?;
        let marker = text.as_bytes().get(pos).copied();
        let v = if marker == Some(b'^') {
            base.abs().powf(exp).copysign(base)
        } else if exp < 0.0 {
            base / 10f64.powf(-exp)
        } else {
            base * 10f64.powf(exp)
        };
        if !v.is_finite() {
            return None;
        }
        e.value = Some(v);
        e.end = end;
        e.rule.push(rule::EXPONENT);
        return Some(e);
    }
    // a height in feet and inches: 6'2", 5′ 10″ (a lone 5' or 5" may be a quote mark)
    if is_digits
        && !is_money(&e)
        && let Some((end, inches)) = feet_and_inches_at(text, pos)
        && let Some(feet) = e.value
    {
        e.value = Some(feet * 12.0 + inches);
        e.end = end;
        e.what = What::Measure("in");
        e.rule.extend([rule::UNIT, rule::DIGITS, rule::UNIT]);
        return Some(e);
    }
    // glued suffixes: "2k", "1.2M", "10bn", "150MW", "3km", "45-acre", "1er"
    if is_digits && char_at(text, pos).is_some_and(char::is_alphabetic) {
        if any_at(text, pos, lex.ordinal_suffixes).is_some() {
            return None;
        }
        let scale =
            longest_at(text, pos, lex.attached_scales).filter(|&(end, &(_, money_only))| {
                !money_only
                    || is_money(&e)
                    || currency_at(text, lex, end, true).is_some()
                    || counts_after_glued_scale(text, lex, core.start, end)
            });
        let glued_currency = currency_at(text, lex, pos, false).filter(|_| !is_money(&e));
        if let Some((end, &(s, _))) = scale {
            e.scale = Some(s);
            pos = end;
            e.rule.push(rule::SCALE);
        } else if let Some((end, iso)) = glued_currency {
            // "42MYR", "20€"
            e.what = What::Money(iso);
            e.end = end;
            e.rule.push(rule::CURRENCY);
            return Some(finish_value(e));
        } else if let Some((end, &iso)) = longest_at(text, pos, lex.glued_subunits_in_money_context)
            .filter(|&(end, _)| !is_money(&e) && speaks_of_money(text, lex, e.start, end))
        {
            // "the stamp costs 50p": a hundredth of the main unit, in the main unit
            e.what = What::Money(iso);
            e.end = end;
            e.scale = Some(0.01);
            e.rule.push(rule::SUBUNIT);
            e.rule.push(rule::CURRENCY_IN_CONTEXT);
            return Some(finish_value(e));
        } else if let Some((end, &unit)) = unit_at(text, lex, pos) {
            if !is_money(&e) {
                e.what = What::Measure(unit);
                e.end = end;
                e.rule.push(rule::UNIT);
                return Some(finish_value(e));
            }
            return None;
        } else {
            return None;
        }
    } else if char_at(text, pos) == Some('-')
        && char_at(text, pos + 1).is_some_and(char::is_alphabetic)
        && !is_money(&e)
        && let Some((end, &unit)) = unit_at(text, lex, pos + 1)
    {
        e.what = What::Measure(unit);
        e.end = end;
        e.rule.push(rule::UNIT);
        return Some(finish_value(e));
    } else if char_at(text, pos) == Some('-')
        && char_at(text, pos + 1).is_some_and(char::is_alphabetic)
        && !is_money(&e)
        && let Some((end, &iso)) = longest_at(text, pos + 1, lex.currency_after)
    {
        // "one-yen bid", "a 10-dollar bill"
        e.what = What::Money(iso);
        e.end = end;
        e.rule.push(rule::CURRENCY);
        return Some(finish_value(e));
    }

    // spaced scale: "3 millions", "1,2 milliard", "10 Md€", "$4.7 billion"; hyphenated in
    // compound adjectives: "a $5-million fine", "a 2-billion-dollar deal"
    let q = hyphenated_scale_at(text, lex, pos).unwrap_or_else(|| skip_hspace(text, pos));
    let words_scaled = matches!(core.origin, Origin::Spelled { scaled: true, .. });
    if e.scale.is_none()
        && !words_scaled
        && q > pos
        && !matches!(core.origin, Origin::Vague | Origin::Approx)
        && let Some((end, &s)) = longest_at(text, q, lex.scales)
    {
        let word = &text[q..end];
        // "$10 billion" follows the usage of the sign, not the language of the text
        let s = if is_money(&e) {
            longest_at(text, q, lex.scales_after_currency_sign)
                .filter(|(e2, _)| *e2 == end)
                .map_or(s, |(_, &s2)| s2)
        } else {
            s
        };
        let needs_currency = word_in(word, lex.spaced_scales_need_currency);
        // "10 M€", "500 M d'euros"
        let currency_follows = || {
            currency_at(text, lex, end, true).is_some()
                || lex.scale_links.iter().any(|l| {
                    match_at_link(text, skip_hspace(text, end), l)
                        .is_some_and(|at| currency_at(text, lex, at, true).is_some())
                })
        };
        if !needs_currency || is_money(&e) || currency_follows() {
            e.scale = Some(s);
            pos = end;
            e.rule.push(rule::SCALE);
            // "Rs 3.5 lakh crore", "3 mille milliards", "2 thousand million": a larger
            // spelled scale after the first multiplies it
            let q2 = skip_hspace(text, end);
            if q2 > end
                && let Some((end2, &s2)) = longest_at(text, q2, lex.scales)
                && s2 > s
                && end2 - q2 > 2
            {
                e.scale = Some(s * s2);
                pos = end2;
                e.rule.push(rule::SCALE);
            }
        }
    }
    let scaled = e.scale.is_some() || words_scaled || matches!(core.origin, Origin::Vague);
    e.end = pos;

    // what follows: currency, percent mark, unit, counted thing
    let q = skip_hspace(text, pos);
    // "un quart de litre": a spelled fraction links to its unit like a scale does
    let spelled_fraction = matches!(core.origin, Origin::Spelled { .. })
        && core.value.is_some_and(|v| v > 0.0 && v < 1.0);
    let linked = if scaled || spelled_fraction || matches!(core.origin, Origin::Approx) {
        lex.scale_links
            .iter()
            .chain(lex.item_links.iter())
            .filter_map(|l| match_at_link(text, q, l))
            .max()
    } else {
        None
    };
    if matches!(e.what, What::Plain) {
        let hyphenated = || {
            let c = char_at(text, pos).filter(|c| matches!(c, '-' | '‑'))?;
            let at = pos + c.len_utf8();
            char_at(text, at)
                .is_some_and(char::is_alphabetic)
                .then(|| currency_at(text, lex, at, scaled))
                .flatten()
        };
        let direct = currency_at(text, lex, pos, scaled)
            .or_else(|| if scaled { hyphenated() } else { None })
            .map(|c| (c, false));
        let via_link = linked
            .and_then(|l| currency_at(text, lex, l, true))
            .map(|c| (c, true));
        if let Some(((end, iso), link)) = direct.or(via_link) {
            e.what = What::Money(iso);
            e.end = end;
            e.rule.push(if link {
                rule::LINK_CURRENCY
            } else {
                rule::CURRENCY
            });
            return Some(finish_value(e));
        }
        if !scaled
            && let Some((end, &iso)) = longest_at(text, q, lex.subunits_after).or_else(|| {
                (q == pos)
                    .then(|| longest_at(text, pos, lex.subunits_after))
                    .flatten()
            })
        {
            e.what = What::Money(iso);
            e.end = end;
            e.scale = Some(0.01);
            e.rule.push(rule::SUBUNIT);
            return Some(finish_value(e));
        }
        if let Some((end, &unit)) = longest_at(text, q, lex.percent_after) {
            e.what = What::Percent(unit);
            e.end = end;
            e.rule.push(rule::PERCENT);
            return Some(finish_value(e));
        }
        if q > pos
            && let Some((end, &iso)) = longest_at(text, q, lex.currency_after_in_money_context)
            && speaks_of_money(text, lex, e.start, end)
        {
            // "tickets cost about ten pounds"
            e.what = What::Money(iso);
            e.end = end;
            e.rule.push(rule::CURRENCY_IN_CONTEXT);
            return Some(finish_value(e));
        }
        let unit_after = |at: usize| unit_at(text, lex, at);
        let unit =
            if q > pos { unit_after(q) } else { None }.or_else(|| linked.and_then(unit_after));
        if let Some((end, &unit)) = unit {
            e.what = What::Measure(unit);
            e.end = end;
            e.rule.push(rule::UNIT);
            return Some(finish_value(e));
        }
        // "3 millions de personnes" (fr) needs its link; "3 million people" (en) does not
        let direct_item_ok = !(lex.scale_needs_link && e.scale.is_some());
        let item_from = if q > pos && direct_item_ok {
            Some(q)
        } else {
            None
        };
        let item = item_from
            .and_then(|at| item_at(text, lex, at))
            .or_else(|| linked.and_then(|l| item_at(text, lex, l)));
        if let Some((is, ie)) = item {
            e.what = What::Count {
                item_start: is,
                item_end: ie,
            };
            e.end = ie;
            e.rule.push(rule::ITEM);
            return Some(finish_value(e));
        }
    }
    if matches!(core.origin, Origin::Vague) {
        // "des milliers" without anything counted is not an amount
        return None;
    }
    Some(finish_value(e))
}

/// "1.5m people", "2bn users": a glued scale that is otherwise money's only ("1.5m" alone is
/// a length) before a counted noun. Not after a determiner: "the 400m hurdles" is a race.
fn counts_after_glued_scale(text: &str, lex: &NumberLexicon, start: usize, end: usize) -> bool {
    let q = skip_hspace(text, end);
    q > end
        && item_at(text, lex, q).is_some()
        && !word_before(text, start).is_some_and(|(s, e)| {
            e == skip_hspace_back(text, start) && word_in_ci(&text[s..e], lex.determiners)
        })
}

/// `'2"`, `′ 10″`, `'11''` right after a whole number of feet: (end, inches).
fn feet_and_inches_at(text: &str, pos: usize) -> Option<(usize, f64)> {
    let foot = char_at(text, pos).filter(|c| matches!(c, '\'' | '′' | '’'))?;
    let at = skip_hspace(text, pos + foot.len_utf8());
    let digits = text
        .as_bytes()
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let inches: f64 = text.get(at..at + digits)?.parse().ok()?;
    let mark = at + digits;
    let end = ["\"", "″", "''", "”", "’’"]
        .iter()
        .find(|m| text.get(mark..).is_some_and(|t| t.starts_with(**m)))
        .map(|m| mark + m.len())?;
    (inches < 12.0 && !char_at(text, end).is_some_and(is_word_char)).then_some((end, inches))
}

/// A bare four-digit number of the years 1900–2099: no currency name before it makes it
/// money ("Euros 2024").
fn is_year_like(core: &Core) -> bool {
    matches!(
        core.origin,
        Origin::Digits {
            bare_integer: true,
            digits: 4
        }
    ) && core.value.is_some_and(|v| (1900.0..=2099.0).contains(&v))
}

/// After "5-": where a spelled scale word starts ("5-million"); single letters ("5-M") are
/// codes, not scales.
fn hyphenated_scale_at(text: &str, lex: &NumberLexicon, pos: usize) -> Option<usize> {
    if !matches!(char_at(text, pos), Some('-' | '‑')) {
        return None;
    }
    let at = pos + char_at(text, pos)?.len_utf8();
    let (end, _) = longest_at(text, at, lex.scales)?;
    (end - at > 2).then_some(at)
}

/// The one currency a shared name ("francs", "pesos") stands for, by the places and
/// nationalities named in its sentence; `None` when no cue or the cues of two currencies
/// appear.
fn shared_currency(text: &str, lex: &NumberLexicon, e: &Expr) -> Option<&'static str> {
    let surface = text.get(e.start..e.end)?;
    let named = |names: &[&'static str]| {
        surface
            .split(|c: char| !c.is_alphabetic())
            .any(|w| !w.is_empty() && word_in_ci(w, names))
    };
    let candidates: Vec<_> = lex
        .shared_currency_cues
        .iter()
        .filter(|(names, ..)| named(names))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let sentence = sentence_around(text, e.start, e.end);
    let mut found: Option<&'static str> = None;
    for word in sentence
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        for (_, iso, cues) in &candidates {
            if word_in_ci(word, cues) {
                match found {
                    Some(f) if f != *iso => return None,
                    _ => found = Some(iso),
                }
            }
        }
    }
    found
}

/// Does the sentence around `start..end` speak of money and not of weight? A link right
/// after the amount ("two pounds of meat") makes it a measure.
fn speaks_of_money(text: &str, lex: &NumberLexicon, start: usize, end: usize) -> bool {
    let after = skip_hspace(text, end);
    if lex
        .scale_links
        .iter()
        .any(|l| match_at_link(text, after, l).is_some())
    {
        return false;
    }
    let sentence = sentence_around(text, start, end);
    let mut money = false;
    for word in sentence
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        if word_in_ci(word, lex.not_money_cues) {
            return false;
        }
        money = money || word_in_ci(word, lex.money_cues);
    }
    money
        || lex
            .money_cues
            .iter()
            .any(|cue| !cue.chars().any(char::is_alphanumeric) && sentence.contains(cue))
}

/// The sentence around `start..end`, at most [`SENTENCE_WINDOW`] bytes on each side: up to
/// the sentence marks or a blank line.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    const SENTENCE_WINDOW: usize = 300;
    const ENDS: [&str; 7] = [". ", "! ", "? ", ".\n", "!\n", "?\n", "\n\n"];
    let mut lo = start.saturating_sub(SENTENCE_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (end + SENTENCE_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let head = text.get(lo..start).unwrap_or("");
    let from = ENDS
        .iter()
        .filter_map(|m| head.rfind(m).map(|i| lo + i + m.len()))
        .max()
        .unwrap_or(lo);
    let tail = text.get(end..hi).unwrap_or("");
    let to = ENDS
        .iter()
        .filter_map(|m| tail.find(m).map(|i| end + i))
        .min()
        .unwrap_or(hi);
    text.get(from..to).unwrap_or("")
}

/// Applies the scale to the value and bounds.
fn finish_value(mut e: Expr) -> Expr {
    if let Some(s) = e.scale {
        e.value = e.value.map(|v| apply_scale(v, s));
        e.min = e.min.map(|v| apply_scale(v, s));
    }
    e
}

/// `v × scale`, decimal-exact where it can be: a fraction scale divides (95 × 0.01 is
/// 0.9500000000000001 in binary, 95 / 100 is 0.95).
fn apply_scale(v: f64, scale: f64) -> f64 {
    if scale > 0.0 && scale < 1.0 {
        let divisor = (1.0 / scale).round();
        if (divisor * scale - 1.0).abs() < 1e-12 {
            return v / divisor;
        }
    }
    round_scaled(v * scale)
}

/// 1.15 × 1e7 is 11499999.999999998 in binary; amounts are decimal.
fn round_scaled(v: f64) -> f64 {
    if v.abs() >= 1.0 {
        let r = (v * 100.0).round() / 100.0;
        if ((r - v) / v).abs() < 1e-9 {
            return r;
        }
    }
    v
}

/// "e10", "e-1", "^23", "^+23" glued to a number, ending the word: (end, exponent).
fn exponent_at(text: &str, pos: usize) -> Option<(usize, f64)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.get(pos), Some(b'e' | b'E' | b'^')) {
        return None;
    }
    let mut p = pos + 1;
    if matches!(bytes.get(p), Some(b'+' | b'-')) {
        p += 1;
    }
    let digits = bytes
        .get(p..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    // "e060" is a hexadecimal id; exponents are written "e60", "e+06", "e-05"
    let signed = p > pos + 1;
    let leading_zero = digits > 1 && text.as_bytes().get(p) == Some(&b'0');
    if digits == 0
        || digits > 3
        || (leading_zero && !signed)
        || char_at(text, p + digits).is_some_and(is_word_char)
    {
        return None;
    }
    let exp: f64 = text.get(pos + 1..p + digits)?.parse().ok()?;
    Some((p + digits, exp))
}

/// A measure unit written at `pos`, unless it is the start of a code ("L-202", "m212"):
/// (end, canonical unit).
fn unit_at<'a>(
    text: &str,
    lex: &'a NumberLexicon,
    pos: usize,
) -> Option<(usize, &'a &'static str)> {
    let (end, unit) = longest_at(text, pos, lex.units)?;
    // "L-202" is a code, "3km-5km" a range
    let code = char_at(text, end) == Some('-') && {
        let digits = text.as_bytes().get(end + 1..).map_or(0, |b| {
            b.iter()
                .take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b',')
                .count()
        });
        digits > 0 && longest_at(text, end + 1 + digits, lex.units).is_none()
    };
    (!code).then_some((end, unit))
}

/// A link word ("de", "d'", "of") at `pos`: where what it links starts.
fn match_at_link(text: &str, pos: usize, link: &str) -> Option<usize> {
    if link.ends_with('\'') || link.ends_with('’') {
        let stem = &link[..link.len() - 1];
        let e = match_at(text, pos, stem);
        // match_at refuses a stem followed by an apostrophe; check by hand
        let e = e.or_else(|| {
            let end = pos + stem.len();
            (text
                .get(pos..end)
                .is_some_and(|s| s.eq_ignore_ascii_case(stem)))
            .then_some(end)
        })?;
        let c = char_at(text, e).filter(|&c| is_apostrophe(c))?;
        return Some(e + c.len_utf8());
    }
    let e = match_at(text, pos, link)?;
    let after = skip_hspace(text, e);
    (after > e).then_some(after)
}

/// A currency written at `pos` (glued or after spaces): (end, ISO code).
fn currency_at(
    text: &str,
    lex: &NumberLexicon,
    pos: usize,
    scaled: bool,
) -> Option<(usize, &'static str)> {
    let q = skip_hspace(text, pos);
    let iso = units::ISO_CURRENCIES
        .iter()
        .find_map(|c| match_at(text, q, c).map(|e| (e, c)));
    let main = longest_at(text, q, lex.currency_after).or(iso);
    let extra = if scaled {
        longest_at(text, q, lex.currency_after_scaled_only)
    } else {
        None
    };
    let found = match (main, extra) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { (b.0, *b.1) } else { (a.0, *a.1) }),
        (Some(a), None) | (None, Some(a)) => Some((a.0, *a.1)),
        (None, None) => None,
    };
    // a sign glued to the next digits is that amount's ("2024\n$3-4 billion", "10 $20")
    found.filter(|&(end, _)| !char_at(text, end).is_some_and(|c| c.is_ascii_digit()))
}

/// The thing counted after a number: a noun (not a stop word, month or number word) and
/// its capitalised or coded complement ("livraisons de GPU H100"): (start, end).
fn item_at(text: &str, lex: &NumberLexicon, pos: usize) -> Option<(usize, usize)> {
    let (s, e) = word_after(text, pos)?;
    if s != pos || !could_be_item(text, lex, s, e) {
        return None;
    }
    let head = &text[s..e];
    let mut end = e;
    // in a title-case headline capitals mark every word, not names: only codes count
    // looked up only when a capitalised word asks
    let title_case = std::cell::OnceCell::new();
    let is_name = |w: &str| {
        if !names_a_thing(w) {
            return false;
        }
        is_code_like(w) || !*title_case.get_or_init(|| in_title_case_line(text, lex, s))
    };
    if is_name(head) {
        // "H100 GPUs", "Nvidia AI chips": names and codes, then one common noun
        for _ in 0..3 {
            match next_item_word(text, end) {
                Some((ws, we)) if is_name(&text[ws..we]) => end = we,
                _ => break,
            }
        }
        if lex.head_noun_last
            && let Some((ws, we)) = next_item_word(text, end)
            && could_be_item(text, lex, ws, we)
            && is_plural(&text[ws..we], lex)
        {
            end = we;
        }
        return Some((s, end));
    }
    if !is_plural(head, lex) {
        // "funding rounds", "direct jobs": a singular word is kept only before a plural noun
        let (ws, we) = next_item_word(text, end)?;
        if is_name(&text[ws..we])
            || !could_be_item(text, lex, ws, we)
            || !is_plural(&text[ws..we], lex)
        {
            return None;
        }
        end = we;
    }
    // "puces H100": names and codes right after the noun
    let noun_end = end;
    for _ in 0..3 {
        match next_item_word(text, end) {
            Some((ws, we)) if is_name(&text[ws..we]) => end = we,
            _ => break,
        }
    }
    if end > noun_end {
        return Some((s, end));
    }
    // "livraisons de GPU H100", "shipments of Nvidia chips": one link to a name or code
    let q = skip_hspace(text, end);
    if q > end + 2 {
        return Some((s, end));
    }
    if let Some(at) = lex
        .item_links
        .iter()
        .filter_map(|l| match_at_link(text, q, l))
        .max()
    {
        let mut named = at;
        for _ in 0..3 {
            let Some((ws, we)) = word_after(text, named).filter(|&(ws, _)| ws <= named + 2) else {
                break;
            };
            if !is_name(&text[ws..we]) || word_in_ci(&text[ws..we], lex.months) {
                break;
            }
            named = we;
        }
        if named > at {
            end = named;
        }
    }
    Some((s, end))
}

/// A code: letters and digits ("H100s", "A320") or capitals ("GPU", "AI").
fn is_code_like(w: &str) -> bool {
    (w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic))
        || (w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()))
}

/// A name or a code: "Nvidia", "GPU", "H100s".
fn names_a_thing(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        || (w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic))
}

/// The next word right after `end` (one or two spaces, no line break).
fn next_item_word(text: &str, end: usize) -> Option<(usize, usize)> {
    let q = skip_hspace(text, end);
    if q == end || q > end + 2 {
        return None;
    }
    word_after(text, q)
}

/// Not a stop word, adverb, month, number word or elided article.
fn could_be_item(text: &str, lex: &NumberLexicon, s: usize, e: usize) -> bool {
    let word = &text[s..e];
    word.chars().next().is_some_and(char::is_alphabetic)
        && word.chars().count() >= 2
        && !word_in_ci(word, lex.not_items)
        && !lex
            .not_item_suffixes
            .iter()
            .any(|suf| word.len() > suf.len() + 2 && word.to_lowercase().ends_with(suf))
        && !word_in_ci(word, lex.months)
        && !char_at(text, e).is_some_and(is_apostrophe)
        && find_word_ci(word, lex.number_words).is_none()
}

/// A plural noun ("salariés", "servers") or one that counts without a plural ending.
fn is_plural(word: &str, lex: &NumberLexicon) -> bool {
    if word_in_ci(word, lex.invariable_plurals) {
        return true;
    }
    let lower = word.to_lowercase();
    lower.chars().count() > 2 && lex.plural_endings.iter().any(|p| lower.ends_with(p))
}

enum RangeJoin {
    Range(Box<Expr>),
    /// Two bare numbers joined by a dash, nothing after: neither is an amount.
    Neither,
    No,
}

/// "entre 3 et 4 milliards de dollars", "from 35,000 to 85,000", "$3-4 billion", "3 à 4 %".
fn join_range(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> RangeJoin {
    let g = skip_hspace(text, a.end);
    let opener = lex
        .range_open
        .iter()
        .filter_map(|(o, joins)| {
            match_before(text, skip_hspace_back(text, a.start), o).map(|s| (s, *joins))
        })
        .min_by_key(|(s, _)| *s);
    let joiners: &[&str] = opener.map_or(lex.range_join, |(_, j)| j);
    let Some(je) = any_at(text, g, joiners).or_else(|| {
        // an opener also allows the plain dash: "between 3-4"
        opener.and_then(|_| any_at(text, g, lex.range_join))
    }) else {
        return RangeJoin::No;
    };
    let dash = text.get(g..je).is_some_and(|j| j == "-" || j == "–");
    if !dash && is_change_then_level(text, lex, a) {
        return RangeJoin::No;
    }
    let mut h = skip_hspace(text, je);
    // "between 2.0 g and about 7.0 g"
    if let Some(e) = any_at(text, h, lex.approx_before) {
        h = skip_hspace(text, e);
    }
    let Some(b) = build(text, lex, next, a.end) else {
        return RangeJoin::No;
    };
    if b.start != h {
        return RangeJoin::No;
    }
    let (Some(mut av), Some(bv)) = (a.value, b.value) else {
        return RangeJoin::No;
    };
    let mut b = b;
    if let (What::Money(_), What::Count { item_start, .. }) = (a.what, b.what)
        && b.scale.is_some()
    {
        // "$3-4 billion Nvidia hardware": the sign makes both money, what follows the
        // scale is what the money buys
        b.end = skip_hspace_back(text, item_start);
        b.what = What::Plain;
        b.rule.retain(|r| *r != rule::ITEM);
    }
    let what = match (a.what, b.what) {
        (x, What::Plain) => x,
        (What::Plain, y) => y,
        (What::Money(x), What::Money(y)) if x == y => a.what,
        (What::Percent(x), What::Percent(y)) if x == y => a.what,
        (What::Measure(x), What::Measure(y)) if x == y => a.what,
        (What::Count { .. }, y @ What::Count { .. }) => y,
        _ => return RangeJoin::No,
    };
    if a.scale.is_none()
        && !matches!(a.core.origin, Origin::Spelled { scaled: true, .. })
        && let Some(s) = b.scale
    {
        av = apply_scale(av, s);
    }
    let both_bare = !what.is_marked() && a.scale.is_none() && b.scale.is_none();
    if both_bare && opener.is_none() {
        return if dash && is_bare_digits(a) && is_bare_digits(&b) {
            RangeJoin::Neither
        } else {
            RangeJoin::No
        };
    }
    if av >= bv || matches!(what, What::Money(_)) && !matches!(a.what, What::Plain | What::Money(_))
    {
        return if dash && both_bare {
            RangeJoin::Neither
        } else {
            RangeJoin::No
        };
    }
    let mut rule = Vec::new();
    let start = match opener {
        Some((s, _)) => {
            rule.push(rule::RANGE_OPEN);
            s
        }
        None => a.start,
    };
    rule.extend(a.rule.iter().copied());
    rule.push(rule::RANGE_JOIN);
    rule.extend(b.rule.iter().copied());
    RangeJoin::Range(Box::new(Expr {
        start,
        end: b.end,
        core: a.core.clone(),
        value: None,
        range: Some([av, bv]),
        min: None,
        max: None,
        approx: a.approx || b.approx,
        scale: b.scale,
        what,
        rule,
    }))
}

/// "rose $2 to $50", "fell 12p to 210p", "gained 30 cents to $15.40": after a word of change,
/// an amount marked on its own (currency, percent mark, unit, counted noun) is the change
/// and the amount after "to" the new level. A bare first number shares the mark of the
/// second and stays a range ("rose 2 to 3 percent").
fn is_change_then_level(text: &str, lex: &NumberLexicon, a: &Expr) -> bool {
    if !a.what.is_marked() || lex.change_before.is_empty() {
        return false;
    }
    let mut p = skip_hspace_back(text, a.start);
    // "rose about $2 to $50", "fell more than 12p to 210p"
    if let Some(s) = [lex.approx_before, lex.lower_before, lex.upper_before]
        .iter()
        .filter_map(|cues| longest_before(text, p, cues))
        .min()
    {
        p = skip_hspace_back(text, s);
    }
    // "increased by £200", "a progressé de 2 €"
    if let Some(s) = longest_before(text, p, lex.change_links) {
        p = skip_hspace_back(text, s);
    }
    word_before(text, p).is_some_and(|(s, e)| e == p && word_in_ci(&text[s..e], lex.change_before))
}

/// "120 ou 150 millions d'euros", "3 or 4 million", "3 ou 4 %": a bare number before an
/// alternative takes the scale and the currency, percent mark or unit written after the
/// second.
fn scale_of_alternative(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> Option<Expr> {
    if a.scale.is_some()
        || a.what != What::Plain
        || !matches!(
            a.core.origin,
            Origin::Digits { .. } | Origin::Spelled { scaled: false, .. }
        )
    {
        return None;
    }
    let g = skip_hspace(text, a.end);
    let je = any_at(text, g, lex.alternative_join)?;
    let h = skip_hspace(text, je);
    if h == je || h != next.start {
        return None;
    }
    let b = build(text, lex, next, a.end)?;
    let marked = matches!(b.what, What::Money(_) | What::Percent(_) | What::Measure(_));
    if b.start != h || (b.scale.is_none() && !marked) {
        return None;
    }
    let mut e = a.clone();
    e.scale = b.scale;
    e.what = if marked { b.what } else { What::Plain };
    e.rule.push(rule::SHARED_SCALE);
    Some(finish_value(e))
}

/// Between two parts of one amount: spaces, a comma, or "and"/"et".
fn compound_gap(text: &str, lex: &NumberLexicon, from: usize, to: usize) -> bool {
    let mut p = skip_hspace(text, from);
    if char_at(text, p) == Some(',') {
        p = skip_hspace(text, p + 1);
    }
    if let Some(e) = lex.number_joiners.iter().find_map(|j| match_at(text, p, j)) {
        p = skip_hspace(text, e);
    }
    p == to && to > from
}

/// "7 feet and 10 inches", "2 kilometer 1 metre": measures of one dimension written one
/// after the other, summed in the smallest unit (or the first one when metric and imperial
/// units are mixed).
fn add_measure(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> Option<Expr> {
    let What::Measure(ua) = a.what else {
        return None;
    };
    let (da, fa, ma) = units::measure(ua)?;
    let b = build(text, lex, next, a.end)?;
    let What::Measure(ub) = b.what else {
        return None;
    };
    let (db, fb, mb) = units::measure(ub)?;
    if da != db || ua == ub || b.range.is_some() || !compound_gap(text, lex, a.end, b.start) {
        return None;
    }
    let (unit, f) = if ma == mb && fb < fa {
        (ub, fb)
    } else {
        (ua, fa)
    };
    let total = a.value? * fa / f + b.value? * fb / f;
    let mut e = a.clone();
    e.end = b.end;
    e.value = Some(round_scaled(total));
    e.what = What::Measure(unit);
    e.rule.push(rule::COMPOUND);
    e.rule.extend(b.rule.iter().copied());
    Some(e)
}

/// "$20 43", "20 dollar and 43 cents", "15 dollars et 15": the hundredths written after
/// a whole amount, when nothing else follows them.
fn add_hundredths(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> Option<Expr> {
    if !matches!(a.what, What::Money(_)) || a.scale.is_some() || a.range.is_some() {
        return None;
    }
    let whole = a.value?;
    let cents = next.value?;
    if whole.fract() != 0.0 || cents.fract() != 0.0 || !(1.0..100.0).contains(&cents) {
        return None;
    }
    if matches!(next.origin, Origin::Digits { digits, .. } if digits > 2)
        || !matches!(
            next.origin,
            Origin::Digits {
                bare_integer: true,
                ..
            } | Origin::Spelled { .. }
        )
        || !compound_gap(text, lex, a.end, next.start)
    {
        return None;
    }
    let mut end = next.end;
    if let Some((e, _)) = longest_at(text, skip_hspace(text, end), lex.subunits_after)
        .or_else(|| longest_at(text, skip_hspace(text, end), &[("c", ""), ("sens", "")]))
    {
        end = e;
    }
    let after = skip_hspace(text, end);
    if char_at(text, after)
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '$' | '€' | '£' | '¥'))
    {
        return None;
    }
    let mut e = a.clone();
    e.end = end;
    e.value = Some(round_scaled(whole + cents / 100.0));
    e.rule.push(rule::HUNDREDTHS);
    Some(e)
}

/// "one over three", "1 sur 3", "one out of three": a ratio of two plain numbers.
fn join_ratio(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> Option<Expr> {
    if a.what.is_marked() || a.scale.is_some() {
        return None;
    }
    let g = skip_hspace(text, a.end);
    let je = any_at(text, g, lex.ratio_joiners)?;
    let b = build(text, lex, next, a.end)?;
    if b.start != skip_hspace(text, je) || b.what.is_marked() || b.scale.is_some() {
        return None;
    }
    let (num, den) = (a.value?, b.value?);
    if den == 0.0 {
        return None;
    }
    let mut e = a.clone();
    e.end = b.end;
    e.value = Some(num / den);
    e.core.origin = Origin::Spelled {
        lone_one: false,
        scaled: false,
    };
    e.rule.push(rule::RATIO);
    e.rule.extend(b.rule.iter().copied());
    Some(e)
}

/// A count, then "contre"/"against", then a number.
fn is_score(text: &str, lex: &NumberLexicon, a: &Expr, next: &Core) -> bool {
    if matches!(a.what, What::Money(_) | What::Percent(_) | What::Measure(_)) {
        return false;
    }
    let g = skip_hspace(text, a.end);
    any_at(text, g, lex.score_joiners).is_some_and(|e| skip_hspace(text, e) == next.start)
}

fn is_bare_digits(e: &Expr) -> bool {
    matches!(e.core.origin, Origin::Digits { .. }) && e.scale.is_none() && !e.what.is_marked()
}

impl Expr {
    /// Plain numbers and counts that are not amounts: years, dates, product and model
    /// names, street numbers, postal codes, references, and a lone "un"/"one".
    fn is_trap(&self, text: &str, lex: &NumberLexicon) -> bool {
        if matches!(
            self.what,
            What::Money(_) | What::Percent(_) | What::Measure(_)
        ) || self.scale.is_some()
        {
            return false;
        }
        if self.rule.contains(&rule::EXPONENT) {
            return false;
        }
        let core = &self.core;
        if let Origin::Spelled { lone_one: true, .. } = core.origin {
            return true;
        }
        // "the one hundredth anniversary": a rank after a determiner, not a fraction
        if matches!(core.origin, Origin::Spelled { .. })
            && core.value.is_some_and(|v| v > 0.0 && v < 1.0)
            && word_before(text, core.start)
                .is_some_and(|(s, e)| word_in_ci(&text[s..e], lex.determiners))
        {
            return true;
        }
        let Origin::Digits {
            bare_integer,
            digits,
        } = core.origin
        else {
            return false;
        };
        let before = word_before(text, core.start).map(|(s, e)| (s, &text[s..e]));
        let after = word_after(text, core.end).map(|(s, e)| (s, &text[s..e]));
        let value = core.value.unwrap_or(0.0);
        // years: "en 2024", "fiscal 2025"; a bare 19xx/20xx with nothing counted
        let year_like = bare_integer && digits == 4 && (1900.0..=2099.0).contains(&value);
        if year_like
            && (!matches!(self.what, What::Count { .. })
                || before.is_some_and(|(_, w)| word_in_ci(w, lex.year_cues_before)))
        {
            return true;
        }
        // dates: "1er janvier" (ordinals are refused earlier), "12 mai", "May 4"; but after a
        // whole date ("le 31 octobre 74 salariés") a number with a thing counted is a count.
        let after_day_and_month = || {
            before.is_some_and(|(s, _)| {
                word_before(text, s).is_some_and(|(ds, de)| {
                    let d = &text[ds..de];
                    d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
                })
            })
        };
        if before.is_some_and(|(_, w)| word_in_ci(w, lex.months))
            && !(matches!(self.what, What::Count { .. }) && after_day_and_month())
            || after.is_some_and(|(_, w)| word_in_ci(w, lex.months))
        {
            return true;
        }
        if before
            .is_some_and(|(_, w)| word_in(w, lex.trap_before) || word_in_ci(w, lex.trap_before))
        {
            return true;
        }
        if after.is_some_and(|(_, w)| word_in_ci(w, lex.trap_after)) {
            return true;
        }
        if bare_integer && street_name_follows(text, lex, core.end) {
            return true;
        }
        // postal codes: "75001 Paris"
        if bare_integer
            && digits == 5
            && after.is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        {
            return true;
        }
        // a whole number after a determiner and before a singular noun names a model:
        // "the 8088 chip", "le 737 de Boeing" is caught by the capital rule below
        if bare_integer
            && value >= 2.0
            && before.is_some_and(|(_, w)| word_in_ci(w, lex.determiners))
            && after.is_some_and(|(s, w)| {
                w.chars().all(char::is_lowercase)
                    && could_be_item(text, lex, s, s + w.len())
                    && !is_plural(w, lex)
            })
        {
            return true;
        }
        // codes with a leading zero: "0731", "047"
        if bare_integer && digits >= 2 && text.get(core.start..core.start + 1) == Some("0") {
            return true;
        }
        // "1 er", "2 nd": an ordinal written apart
        if after.is_some_and(|(_, w)| word_in(w, lex.ordinal_suffixes)) {
            return true;
        }
        // a year before a name: "2024 Wire Desk"
        if year_like
            && let What::Count { item_start, .. } = self.what
            && text[item_start..].starts_with(char::is_uppercase)
        {
            return true;
        }
        // product and model names: "Model 3", "Boeing 737", "RTX 4090", "PO 4471"
        let paren = text
            .get(..core.start)
            .unwrap_or("")
            .trim_end_matches(|c: char| is_hspace(c) || c == '(')
            .len();
        let before_paren = word_before(text, paren).map(|(s, e)| (s, &text[s..e]));
        if let Some((s, w)) = before
            .or(before_paren)
            .filter(|(_, w)| !word_in_ci(w, lex.months))
        {
            let capital = w.chars().any(char::is_uppercase);
            let all_caps =
                w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            let gap = text.get(s + w.len()..core.start).unwrap_or("");
            let glued_space = gap.chars().all(|c| is_hspace(c) || c == '(') && gap.len() <= 3;
            // in a title-case headline every word is capitalised: only product words
            // ("Tesla Model 3") and codes ("RTX 4090") name models there
            let names_model = || {
                all_caps
                    || (capital
                        && (word_in_ci(w, lex.model_words)
                            || (!at_sentence_start(text, s) && !in_title_case_line(text, lex, s))))
            };
            if glued_space && names_model() {
                return true;
            }
        }
        false
    }
}

/// Is the line around `pos` a title-case headline ("Musk Diverted 12,000 Nvidia Chips To
/// X")? At least four words of four letters or more, nearly all capitalised.
fn in_title_case_line(text: &str, lex: &NumberLexicon, pos: usize) -> bool {
    if !lex.title_case_headlines {
        return false;
    }
    const LINE_WINDOW: usize = 200;
    let mut lo = pos.saturating_sub(LINE_WINDOW);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (pos + LINE_WINDOW).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let head = text.get(lo..pos).unwrap_or("");
    let from = head.rfind('\n').map_or(lo, |i| lo + i + 1);
    let tail = text.get(pos..hi).unwrap_or("");
    let to = tail.find('\n').map_or(hi, |i| pos + i);
    let line = text.get(from..to).unwrap_or("");
    let (mut long, mut capitalised) = (0usize, 0usize);
    for w in line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
    {
        long += 1;
        capitalised += usize::from(w.chars().next().is_some_and(char::is_uppercase));
    }
    // "nearly all": one lower-case long word is allowed in six
    long >= 4 && capitalised * 6 >= long * 5
}

/// "1600 Pennsylvania Avenue": capitalised words then a street word.
fn street_name_follows(text: &str, lex: &NumberLexicon, pos: usize) -> bool {
    let mut p = pos;
    for _ in 0..3 {
        let Some((s, e)) = word_after(text, p) else {
            return false;
        };
        let w = &text[s..e];
        if word_in_ci(w, lex.trap_after) {
            return true;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        p = e;
    }
    false
}

/// Bound and approximation cues before the amount: "plus de", "up to", "environ".
/// Cues are read from `floor` on: a previous amount's words are never a cue.
fn apply_cues(text: &str, lex: &NumberLexicon, e: &mut Expr, floor: usize) {
    let p = skip_hspace_back(text, e.start);
    let cue = |list: &[&'static str]| longest_before(text, p, list).filter(|&s| s >= floor);
    if let Some(s) = cue(lex.approx_before) {
        e.approx = true;
        e.start = s;
        e.rule.insert(0, rule::APPROX);
        return;
    }
    if e.range.is_some() {
        return;
    }
    if let Some(s) = cue(lex.lower_before) {
        e.min = e.value.or(e.min);
        e.start = s;
        e.rule.insert(0, rule::LOWER_BOUND);
    } else if let Some(s) = cue(lex.upper_before) {
        e.max = e.value;
        e.start = s;
        e.rule.insert(0, rule::UPPER_BOUND);
    }
}

/// Code-point offsets counted once through the text, not from its start for every mention.
#[derive(Default)]
struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    fn chars_at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharCursor::default();
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

fn to_mention(text: &str, e: &Expr, cursor: &mut CharCursor) -> Mention {
    let (kind, unit, item) = match e.what {
        What::Plain => (MentionType::Number, None, None),
        What::Money(iso) => (
            MentionType::Money,
            (!iso.is_empty()).then(|| iso.to_string()),
            None,
        ),
        What::Percent(u) => (MentionType::Percent, u.map(str::to_string), None),
        What::Measure(u) => (MentionType::Quantity, Some(u.to_string()), None),
        What::Count {
            item_start,
            item_end,
        } => (
            MentionType::Quantity,
            None,
            text.get(item_start..item_end).map(str::to_string),
        ),
    };
    let offset = cursor.chars_at(text, e.start);
    let tail = &text[e.start..];
    let mut m = Mention::new(
        kind,
        "",
        tail,
        0,
        e.end - e.start,
        rule::name(kind, &e.rule),
    );
    m.start += offset;
    m.end += offset;
    m.byte_start += e.start;
    m.byte_end += e.start;
    m.value = e.value.map(Value::Number);
    m.range = e.range;
    m.unit = unit;
    m.item = item;
    m.approx = e.approx;
    m.min = e.min;
    m.max = e.max;
    m
}
