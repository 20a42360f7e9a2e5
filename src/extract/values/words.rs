//! Numbers written in words ("douze mille", "quatre-vingt-dix", "two hundred and five"),
//! vague amounts ("des milliers de", "thousands of") and approximate ones ("une soixantaine",
//! "a dozen"), found with one Aho-Corasick automaton per language built from the lexicon.
//!
//! Not for digits (see `number`) nor for what follows a number (the engine's job).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon::{NumberLexicon, WordKind};
use super::text::{
    char_at, char_before, find_word_ci, is_hspace, is_word_char, match_at, skip_hspace, word_after,
    word_in_ci,
};

/// What a pattern of the word automaton stands for.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Word,
    Vague(usize),
    Approx(usize),
    /// "half", "quarter", "demi" before a scale: "half a million", "un demi-million".
    Fraction(usize),
    /// "a dollar", "an euro": the article counts one.
    ArticleCurrency(usize),
}

/// The automaton of one language's number words and vague/approximate phrases.
pub struct WordIndex {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl WordIndex {
    pub fn new(lex: &NumberLexicon) -> WordIndex {
        let mut strings: Vec<&str> = Vec::new();
        let mut patterns = Vec::new();
        for (i, (w, _)) in lex.vague.iter().enumerate() {
            strings.push(w);
            patterns.push(Pattern::Vague(i));
        }
        for (i, (w, _)) in lex.approx_amounts.iter().enumerate() {
            strings.push(w);
            patterns.push(Pattern::Approx(i));
        }
        // after the phrases: on equal length, the automaton prefers the earlier pattern
        for (w, _) in lex.number_words.iter() {
            strings.push(w);
            patterns.push(Pattern::Word);
        }
        for (i, (w, _)) in lex.fractions.iter().enumerate() {
            strings.push(w);
            patterns.push(Pattern::Fraction(i));
        }
        let mut owned: Vec<String> = Vec::new();
        // "a dollar", "a kilogram": lower-case names of two letters or more
        for article in lex.article_one {
            let units = lex.article_units.iter().map(|u| (*u, ""));
            for (name, _) in lex
                .currency_after
                .iter()
                .map(|&(n, _)| (n, ""))
                .chain(units)
            {
                if name.chars().count() >= 2 && name.chars().all(|c| c.is_lowercase() || c == ' ') {
                    owned.push(format!("{article} {name}"));
                    patterns.push(Pattern::ArticleCurrency(article.len()));
                }
            }
        }
        strings.extend(owned.iter().map(String::as_str));
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&strings)
            .expect("number-word lexicon builds an automaton");
        WordIndex { ac, patterns }
    }
}

/// A number found in words.
#[derive(Debug, Clone, PartialEq)]
pub struct WordNumber {
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
    /// Lower bound of a vague amount ("des milliers" → 1000).
    pub min: Option<f64>,
    pub approx: bool,
    pub kind: WordNumberKind,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WordNumberKind {
    /// A spelled-out number; `lone_one` when it is only "un"/"one" (an article or pronoun
    /// unless a unit, currency or scale follows).
    Spelled { lone_one: bool, scaled: bool },
    /// "des milliers", "thousands": needs "de"/"of" and a thing after it.
    Vague,
    /// "une dizaine", "a dozen".
    Approx,
}

fn lookup<'a>(lex: &'a NumberLexicon, word: &str) -> Option<&'a (f64, WordKind)> {
    find_word_ci(word, lex.number_words)
}

/// The running value of a spelled-out number, fed word by word.
#[derive(Default)]
struct Accumulator {
    total: f64,
    group: f64,
    last_scale: f64,
    last_was_scale: bool,
    words: usize,
    closed: bool,
}

impl Accumulator {
    /// Adds a word; `false` when the word cannot continue this number.
    fn feed(&mut self, value: f64, kind: WordKind, french: bool) -> bool {
        if self.closed {
            return false;
        }
        let small = self.group % 100.0;
        match kind {
            WordKind::Unit | WordKind::Ten => {
                let fits = self.words == 0
                    || small == 0.0
                    || (french && small == 10.0 && (7.0..10.0).contains(&value))
                    || (small % 10.0 == 0.0 && small >= 20.0 && value < 10.0)
                    || (french
                        && (small == 60.0 || small == 80.0)
                        && (10.0..20.0).contains(&value));
                if french && kind == WordKind::Ten && value == 20.0 && small == 4.0 {
                    // quatre-vingt(s)
                    self.group += 76.0;
                } else if fits {
                    self.group += value;
                } else {
                    return false;
                }
            }
            WordKind::Hundred => {
                if self.group >= 100.0 {
                    return false;
                }
                self.group = self.group.max(1.0) * 100.0;
            }
            WordKind::Dozen => {
                // "three hundred and two dozens" = 300 + 2 × 12; "two hundred dozens" = 2400
                self.group = if small == 0.0 {
                    self.group.max(1.0) * 12.0
                } else {
                    self.group - small + small * 12.0
                };
                self.closed = true;
            }
            WordKind::Scale => {
                if self.last_scale != 0.0 && value >= self.last_scale {
                    // "three thousand millions"
                    if self.group == 0.0 && self.last_was_scale {
                        self.total *= value;
                        self.last_scale = value;
                        self.words += 1;
                        return true;
                    }
                    return false;
                }
                self.total += self.group.max(1.0) * value;
                self.group = 0.0;
                self.last_scale = value;
            }
        }
        self.words += 1;
        self.last_was_scale = kind == WordKind::Scale;
        true
    }

    fn value(&self) -> f64 {
        self.total + self.group
    }
}

/// Where the next number word may start after a word ending at `pos`: spaces, a hyphen
/// (with optional spaces), or a joiner ("et", "and") when `joiner_ok`.
fn next_word_start(
    text: &str,
    pos: usize,
    lex: &NumberLexicon,
    joiner_ok: bool,
) -> Option<(usize, bool)> {
    let p = skip_hspace(text, pos);
    if matches!(char_at(text, p), Some('-') | Some('‑')) {
        return Some((skip_hspace(text, p + 1), false));
    }
    if p == pos {
        return None;
    }
    if joiner_ok {
        for j in lex.number_joiners {
            if let Some(e) = match_at(text, p, j) {
                return Some((skip_hspace(text, e), true));
            }
        }
    }
    Some((p, false))
}

/// Reads a spelled-out number starting at `start`.
fn spelled(text: &str, start: usize, lex: &NumberLexicon) -> Option<WordNumber> {
    let french = lex.decimal_comma;
    let mut acc = Accumulator::default();
    let mut pos = start;
    let mut end = start;
    let mut first_word = String::new();
    let mut scaled = false;
    // value before the last "and"/"et": "one hundred and three quarters" = 100 + 3/4
    let mut before_joiner: Option<f64> = None;
    // the scale closing the number before that "and": "two million and one half"
    let mut scale_before_joiner: Option<f64> = None;
    if let Some((head, next)) = spoken_hundreds_at(text, start, lex) {
        // "one twenty two": the first word counts hundreds
        acc.feed(head, WordKind::Unit, french);
        acc.feed(100.0, WordKind::Hundred, french);
        first_word = text.get(start..next).unwrap_or("").to_lowercase();
        pos = next;
    }
    while let Some((ws, we)) = word_after(text, pos) {
        if ws != pos {
            break;
        }
        let word = &text[ws..we];
        let Some(&(value, kind)) = lookup(lex, word) else {
            break;
        };
        if !acc.feed(value, kind, french) {
            break;
        }
        if acc.words == 1 {
            first_word = word.to_lowercase();
        }
        scaled |= kind == WordKind::Scale;
        end = we;
        // "et"/"and" only inside a number: "vingt et un", "one hundred and six".
        let joiner_ok = if french {
            acc.group % 10.0 == 0.0 && acc.group % 100.0 >= 20.0
        } else {
            acc.group % 100.0 == 0.0 && acc.words > 0 && acc.value() >= 100.0
        };
        let Some((next, via_joiner)) = next_word_start(text, we, lex, joiner_ok) else {
            break;
        };
        if via_joiner {
            before_joiner = Some(acc.value());
            scale_before_joiner =
                (acc.group == 0.0 && acc.last_scale > 0.0).then_some(acc.last_scale);
            // the joiner must be followed by a number word that fits
            let Some((ns, ne)) = word_after(text, next) else {
                break;
            };
            if ns != next {
                break;
            }
            let Some(&(v, k)) = lookup(lex, &text[ns..ne]) else {
                break;
            };
            if french && !(k == WordKind::Unit && (v == 1.0 || v == 11.0)) {
                break;
            }
        }
        pos = next;
    }
    if acc.words == 0 {
        return None;
    }
    // "twenty-fifth", "thirty third", "one hundred and first", "vingt et unième": a rank,
    // not an amount (but "one fifth" is a fraction)
    let small = acc.group % 100.0;
    let fraction_of_one = acc.value() == 1.0 && denominator_at(text, end, lex).is_some();
    if !fraction_of_one && ordinal_follows(text, end, lex) {
        return None;
    }
    let mut value = acc.value();
    let mut words = acc.words;
    let scale_last = (acc.group == 0.0 && acc.last_scale > 0.0).then_some(acc.last_scale);
    let joined = before_joiner.map(|w| (w, scale_before_joiner.unwrap_or(1.0)));
    let last_ten = (small >= 20.0 && small % 10.0 == 0.0).then_some(small);
    if let Some((e, v)) = fraction_tail(text, end, value, joined, scale_last, last_ten, lex)
        .or_else(|| decimal_tail(text, end, value, lex))
    {
        end = e;
        value = v;
        words += 1;
    }
    // "un", "one", or a bare scale word ("millions") is not a number on its own
    let lone_scale = lookup(lex, &first_word).is_some_and(|&(_, k)| k == WordKind::Scale);
    let lone_one = words == 1 && (word_in_ci(&first_word, lex.lone_one) || lone_scale);
    Some(WordNumber {
        start,
        end,
        value: Some(value),
        min: None,
        approx: false,
        kind: WordNumberKind::Spelled { lone_one, scaled },
    })
}

/// "one twenty two" (a digit word, a tens word, a digit word; spaces between the first
/// two): (value of the first word, start of the tens word).
fn spoken_hundreds_at(text: &str, start: usize, lex: &NumberLexicon) -> Option<(f64, usize)> {
    if !lex.spoken_hundreds {
        return None;
    }
    let digit_word = |s: usize, e: usize| {
        lookup(lex, text.get(s..e)?)
            .filter(|&&(v, k)| k == WordKind::Unit && (1.0..10.0).contains(&v))
            .map(|&(v, _)| v)
    };
    let (s1, e1) = word_after(text, start).filter(|&(s, _)| s == start)?;
    let head = digit_word(s1, e1)?;
    let p2 = skip_hspace(text, e1);
    let (s2, e2) = word_after(text, p2).filter(|&(s, _)| s == p2 && p2 > e1)?;
    let &(tens, WordKind::Ten) = lookup(lex, &text[s2..e2])? else {
        return None;
    };
    if tens < 20.0 {
        return None;
    }
    let mut p3 = skip_hspace(text, e2);
    if matches!(char_at(text, p3), Some('-' | '‑')) {
        p3 = skip_hspace(text, p3 + 1);
    } else if p3 == e2 {
        return None;
    }
    let (s3, e3) = word_after(text, p3).filter(|&(s, _)| s == p3)?;
    digit_word(s3, e3)?;
    Some((head, p2))
}

/// "half a million", "quarter million", "demi-million", "half a dozen": the fraction of
/// the scale word after it: (end, value).
fn fraction_of_scale(
    text: &str,
    pos: usize,
    denominator: f64,
    lex: &NumberLexicon,
) -> Option<(usize, f64)> {
    let mut p = skip_hspace(text, pos);
    if char_at(text, p) == Some('-') {
        p += 1;
    } else if p == pos {
        return None;
    }
    if let Some(e) = lex.article_one.iter().find_map(|a| match_at(text, p, a)) {
        p = skip_hspace(text, e);
    }
    let (ws, we) = word_after(text, p)?;
    if ws != p {
        return None;
    }
    match lookup(lex, &text[ws..we]) {
        Some(&(v, WordKind::Scale | WordKind::Dozen | WordKind::Hundred)) => {
            Some((we, v / denominator))
        }
        _ => None,
    }
}

/// "demi-litre", "quart de litre", "half a gallon", "tenth of a gallon": where the
/// fraction's words end when a unit follows them (the unit itself is read by the engine).
fn fraction_of_unit(text: &str, pos: usize, lex: &NumberLexicon) -> Option<usize> {
    if char_at(text, pos) == Some('-') {
        return lex
            .units
            .iter()
            .any(|(u, _)| match_at(text, pos + 1, u).is_some())
            .then_some(pos);
    }
    let mut end = pos;
    let mut p = skip_hspace(text, pos);
    if let Some(e) = lex.item_links.iter().find_map(|l| match_at(text, p, l)) {
        end = e;
        p = skip_hspace(text, e);
    }
    if let Some(e) = lex.article_one.iter().find_map(|a| match_at(text, p, a)) {
        end = e;
        p = skip_hspace(text, e);
    }
    (p > end
        && lex
            .units
            .iter()
            .any(|(u, _)| u.chars().count() > 2 && match_at(text, p, u).is_some()))
    .then_some(end)
}

/// The denominator word written at `pos` (after spaces or a hyphen): (end, denominator).
fn denominator_at(text: &str, pos: usize, lex: &NumberLexicon) -> Option<(usize, f64)> {
    let mut p = skip_hspace(text, pos);
    if char_at(text, p) == Some('-') {
        p = skip_hspace(text, p + 1);
    } else if p == pos {
        return None;
    }
    let (ws, we) = word_after(text, p)?;
    (ws == p).then_some(())?;
    let word = &text[ws..we];
    find_word_ci(word, lex.fractions).map(|&d| (we, d))
}

/// Is an ordinal word right after the number word ending at `end` (after a hyphen, a space
/// or a joiner: "twenty-second", "hundred and first", "vingt et unième")?
fn ordinal_follows(text: &str, end: usize, lex: &NumberLexicon) -> bool {
    let mut p = skip_hspace(text, end);
    if matches!(char_at(text, p), Some('-' | '‑')) {
        p = skip_hspace(text, p + 1);
    } else if p == end {
        return false;
    }
    if let Some(e) = lex.number_joiners.iter().find_map(|j| match_at(text, p, j)) {
        let q = skip_hspace(text, e);
        if matches!(char_at(text, q), Some('-' | '‑')) {
            p = skip_hspace(text, q + 1);
        } else if q > e {
            p = q;
        }
    }
    word_after(text, p)
        .filter(|&(s, _)| s == p)
        .is_some_and(|(s, e)| word_in_ci(&text[s..e], lex.ordinal_words))
}

/// "one twenty-fifth", "three twenty-fifths": after a numerator of one digit, a tens word
/// and a denominator of one digit make the denominator 25: (end, denominator).
fn compound_denominator_at(text: &str, pos: usize, lex: &NumberLexicon) -> Option<(usize, f64)> {
    let p = skip_hspace(text, pos);
    let (ws, we) = word_after(text, p).filter(|&(ws, _)| ws == p && p > pos)?;
    let &(tens, WordKind::Ten) = lookup(lex, &text[ws..we])? else {
        return None;
    };
    let (end, d) = denominator_at(text, we, lex).filter(|&(_, d)| d < 10.0)?;
    Some((end, tens + d))
}

/// "two thirds" (the number read so far is the numerator), "five and a quarter",
/// "cent et trois quarts", "un million et demi": (end, value).
fn fraction_tail(
    text: &str,
    end: usize,
    value: f64,
    before_joiner: Option<(f64, f64)>,
    scale_last: Option<f64>,
    last_ten: Option<f64>,
    lex: &NumberLexicon,
) -> Option<(usize, f64)> {
    let compound = || {
        (before_joiner.is_none() && (1.0..10.0).contains(&value) && value.fract() == 0.0)
            .then(|| compound_denominator_at(text, end, lex))
            .flatten()
    };
    if let Some((e, d)) = denominator_at(text, end, lex).or_else(compound) {
        // "two thirds"; "one hundred and three quarters"; "six million and two thirds";
        // "one billion and three quarters million" (the scale after the fraction wins)
        let (whole, unit) = before_joiner.unwrap_or((0.0, 1.0));
        if before_joiner.is_some()
            && let Some((ss, se)) = word_after(text, e).filter(|&(ss, _)| ss > e && ss <= e + 2)
            && let Some(&(scale, WordKind::Scale)) = lookup(lex, &text[ss..se])
        {
            return Some((se, whole + (value - whole) / d * scale));
        }
        // "one hundred thirty fifths": the tens word and the denominator make thirty-fifths
        if let Some(t) = last_ten.filter(|&t| d < 10.0 && before_joiner.is_none() && value > t) {
            return Some((e, (value - t) / (t + d)));
        }
        // "one hundred and thirty fifths": a numerator as large as the denominator is not
        // a fraction added to the whole (130/5, where "and three quarters" adds 3/4)
        if before_joiner.is_some() && value - whole >= d {
            return Some((e, value / d));
        }
        return Some((e, whole + (value - whole) / d * unit));
    }
    // "one million and a half" is a million and a half million
    let unit = scale_last.unwrap_or(1.0);
    let p = skip_hspace(text, end);
    let after_joiner = lex
        .number_joiners
        .iter()
        .find_map(|j| match_at(text, p, j))
        .map(|e| skip_hspace(text, e))?;
    if after_joiner == p {
        return None;
    }
    // "et demi": the article is implied
    if let Some((e, d)) = denominator_at(text, after_joiner - 1, lex).filter(|_| after_joiner > p)
        && d == 2.0
    {
        return Some((e, value + 0.5 * unit));
    }
    // numerator: an article ("a", "un") or a small number word
    let (ns, ne) = word_after(text, after_joiner)?;
    let word = &text[ns..ne];
    let numerator = if word_in_ci(word, lex.fraction_articles) {
        1.0
    } else {
        match lookup(lex, word) {
            Some(&(v, WordKind::Unit)) => v,
            _ => return None,
        }
    };
    let (e, d) = denominator_at(text, ne, lex)?;
    // "one billion and a quarter million": the fraction of the scale written after it
    if let Some((ss, se)) = word_after(text, e).filter(|&(ss, _)| ss > e && ss <= e + 2)
        && let Some(&(scale, WordKind::Scale)) = lookup(lex, &text[ss..se])
    {
        return Some((se, value + numerator / d * scale));
    }
    Some((e, value + numerator / d * unit))
}

/// "two hundred point zero three", "deux cent virgule cinquante deux": (end, value).
fn decimal_tail(text: &str, end: usize, value: f64, lex: &NumberLexicon) -> Option<(usize, f64)> {
    let p = skip_hspace(text, end);
    if p == end {
        return None;
    }
    let after = lex
        .decimal_points
        .iter()
        .find_map(|d| match_at(text, p, d))?;
    let mut q = skip_hspace(text, after);
    if q == after {
        return None;
    }
    // digit by digit ("zero three") or one number ("cinquante deux")
    let mut digits = String::new();
    let mut last_end = None;
    while let Some((ws, we)) = word_after(text, q) {
        if ws != q {
            break;
        }
        match lookup(lex, &text[ws..we]) {
            Some(&(v, WordKind::Unit)) if v < 10.0 => digits.push(char::from(b'0' + v as u8)),
            _ => break,
        }
        last_end = Some(we);
        q = skip_hspace(text, we);
    }
    if digits.is_empty() {
        // The fraction is a number below a thousand: "deux virgule cinquante milliards" is
        // 2.50 milliards, so the words stop before a scale, which applies to the whole.
        let start = skip_hspace(text, after);
        let mut limit = text.len();
        let mut w = start;
        while let Some((ws, we)) = word_after(text, w).filter(|&(ws, _)| ws <= w + 1) {
            // "cinquante-deux" is read part by part
            let kinds: Vec<Option<WordKind>> = text[ws..we]
                .split('-')
                .map(|part| lookup(lex, part).map(|&(_, k)| k))
                .collect();
            if kinds.contains(&Some(WordKind::Scale)) {
                limit = ws;
                break;
            }
            if kinds.contains(&None) {
                break;
            }
            // "vingt-cinq": the hyphen joins the next word of the same number
            w = if text[we..].starts_with('-') {
                we + 1
            } else {
                we
            };
        }
        let n = spelled(text.get(..limit)?, start, lex)?;
        digits = format!("{}", n.value? as u64);
        last_end = Some(n.end);
    }
    let frac: f64 = format!("0.{digits}").parse().ok()?;
    Some((last_end?, value + frac))
}

/// Every number written in words in `text`, in order, not overlapping.
pub fn find(text: &str, lex: &NumberLexicon, index: &WordIndex) -> Vec<WordNumber> {
    let mut out: Vec<WordNumber> = Vec::new();
    let mut consumed = 0;
    let mut from = 0;
    while from < text.len() {
        let Some(m) = index
            .ac
            .find(aho_corasick::Input::new(text).span(from..text.len()))
        else {
            break;
        };
        let (s, e) = (m.start(), m.end());
        // a match cut inside a word ("a mi|llion") must not hide the one after it
        from = s + text
            .get(s..)
            .and_then(|t| t.chars().next())
            .map_or(1, char::len_utf8);
        if s < consumed
            || char_before(text, s).is_some_and(is_word_char)
            || char_at(text, e).is_some_and(is_word_char)
            || !text.is_char_boundary(s)
            || !text.is_char_boundary(e)
        {
            continue;
        }
        let found = match index.patterns.get(m.pattern().as_usize()) {
            Some(Pattern::Word) => spelled(text, s, lex).map(|mut w| {
                // "a million", "an hundred"
                if let WordNumberKind::Spelled { scaled, .. } = w.kind
                    && let Some(a) = article_before(text, s, lex)
                {
                    w.start = a;
                    w.kind = WordNumberKind::Spelled {
                        lone_one: false,
                        scaled,
                    };
                }
                w
            }),
            Some(&Pattern::Vague(i)) => lex.vague.get(i).map(|&(_, min)| WordNumber {
                start: s,
                end: e,
                value: None,
                min: Some(min),
                approx: true,
                kind: WordNumberKind::Vague,
            }),
            Some(&Pattern::Fraction(i)) => lex
                .fractions
                .get(i)
                .and_then(|&(_, d)| {
                    fraction_of_scale(text, e, d, lex)
                        .map(|(end, v)| (end, v, true))
                        .or_else(|| fraction_of_unit(text, e, lex).map(|end| (end, 1.0 / d, false)))
                })
                .map(|(end, v, scaled)| WordNumber {
                    // "a half million", "A quarter million people"
                    start: if scaled {
                        article_start(text, s, lex).unwrap_or(s)
                    } else {
                        s
                    },
                    end,
                    value: Some(v),
                    min: None,
                    approx: false,
                    kind: WordNumberKind::Spelled {
                        lone_one: false,
                        scaled,
                    },
                }),
            Some(&Pattern::ArticleCurrency(len)) => Some(WordNumber {
                start: s,
                end: s + len,
                value: Some(1.0),
                min: None,
                approx: false,
                kind: WordNumberKind::Spelled {
                    lone_one: false,
                    scaled: false,
                },
            }),
            Some(&Pattern::Approx(i)) => {
                lex.approx_amounts
                    .get(i)
                    .map(|&(_, (v, exact))| WordNumber {
                        start: s,
                        end: e,
                        value: Some(v),
                        min: None,
                        approx: !exact,
                        kind: WordNumberKind::Approx,
                    })
            }
            None => None,
        };
        if let Some(w) = found {
            consumed = w.end;
            from = from.max(w.end);
            out.push(w);
        } else {
            from = from.max(e);
        }
    }
    out
}

/// Start of "a"/"an" right before a number starting with a multiplier word.
fn article_before(text: &str, start: usize, lex: &NumberLexicon) -> Option<usize> {
    let (ws, we) = word_after(text, start)?;
    let &(_, kind) = lookup(lex, &text[ws..we])?;
    if !matches!(kind, WordKind::Hundred | WordKind::Scale | WordKind::Dozen) {
        return None;
    }
    article_start(text, start, lex)
}

/// Where the article written right before `start` begins ("a", "an"; capitalised at a
/// sentence start: "A million people came").
fn article_start(text: &str, start: usize, lex: &NumberLexicon) -> Option<usize> {
    let before = text.get(..start)?;
    let trimmed = before.trim_end_matches(is_hspace);
    if trimmed.len() == before.len() {
        return None;
    }
    if let Some(s) = lex
        .article_one
        .iter()
        .filter_map(|a| super::text::match_before(text, trimmed.len(), a))
        .min()
    {
        return Some(s);
    }
    // "A million people came": the capitalised article of a sentence start
    let (ws, we) = super::text::word_before(text, trimmed.len())?;
    (we == trimmed.len()
        && super::text::word_in_ci(&text[ws..we], lex.article_one)
        && super::text::at_sentence_start(text, ws))
    .then_some(ws)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lang::{en, fr};

    fn one(text: &str, lex: &NumberLexicon) -> Option<(f64, String)> {
        let idx = WordIndex::new(lex);
        let w = find(text, lex, &idx).into_iter().next()?;
        Some((w.value?, text[w.start..w.end].to_string()))
    }

    #[test]
    fn french_words() {
        let l = &fr::numbers::LEXICON;
        assert_eq!(one("douze mille", l), Some((12000.0, "douze mille".into())));
        assert_eq!(one("deux cents", l), Some((200.0, "deux cents".into())));
        assert_eq!(
            one("quatre-vingt-dix", l),
            Some((90.0, "quatre-vingt-dix".into()))
        );
        assert_eq!(
            one("quatre vingt dix neuf", l),
            Some((99.0, "quatre vingt dix neuf".into()))
        );
        assert_eq!(one("vingt et un", l), Some((21.0, "vingt et un".into())));
        assert_eq!(one("soixante-dix", l), Some((70.0, "soixante-dix".into())));
        assert_eq!(
            one("trois cent trente et un", l),
            Some((331.0, "trois cent trente et un".into()))
        );
        assert_eq!(
            one("deux cent deux mille", l),
            Some((202000.0, "deux cent deux mille".into()))
        );
        assert_eq!(one("entre trois et quatre", l), Some((3.0, "trois".into())));
    }

    #[test]
    fn english_words() {
        let l = &en::numbers::LEXICON;
        assert_eq!(
            one("two hundred and five", l),
            Some((205.0, "two hundred and five".into()))
        );
        assert_eq!(
            one("twelve thousand", l),
            Some((12000.0, "twelve thousand".into()))
        );
        assert_eq!(one("a million", l), Some((1e6, "a million".into())));
        assert_eq!(one("fifty - two", l), Some((52.0, "fifty - two".into())));
        assert_eq!(
            one("seven hundred twenty-one thousand and twelve", l),
            Some((
                721012.0,
                "seven hundred twenty-one thousand and twelve".into()
            ))
        );
        assert_eq!(
            one("between three and four", l),
            Some((3.0, "three".into()))
        );
    }
}
