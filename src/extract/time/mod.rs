//! Dates and times: finds absolute, relative and time-of-day expressions in French and English
//! text and resolves them against an anchor (the document's date) into TIMEX3-style values
//! with a grain, a TIMEX `mod`, a half-open interval and the rule and anchor used.
//!
//! Not for: durations ("pendant trois ans"), recurring times ("chaque lundi"), conversion
//! between time zones (a zone after a time joins the span and is named in the rule; the time
//! stays as written). Overlaps with numbers are settled by the caller (`extract_text`).
//!
//! Pipeline, one pass per text:
//! 1. a cheap prefilter: an Aho-Corasick pass over digits and time words finds the windows
//!    worth looking at (`grammar::Grammar::windows`);
//! 2. every rule of the language's grammar (`grammar.rs`, lexicons in `lang/{fr,en}/time.rs`)
//!    proposes candidates in those windows; the longest non-overlapping ones are kept;
//! 3. prefixes before a candidate are absorbed: modifiers ("fin ", "mi-", "early") and cues
//!    ("d'ici ", "by ") join the span, context words ("en", "in") only vouch for a bare month
//!    or year;
//! 4. neighbours join: a date and a time ("le 4 juin 2024 à 18:03"), a date and a part of
//!    the day ("mardi soir"), a weekday and a relative week ("lundi de la semaine
//!    prochaine"), a weekday and its date ("jeudi 28/03"), an n-th weekday and its month
//!    ("le premier lundi de septembre");
//! 5. each expression is resolved (`resolve.rs`): the direction for what the text leaves open
//!    comes from a cue in the expression, else from the bias, else (auto) from future cues in
//!    the sentence, else the past.
//!
//! Values: `2024-06-06`, `2023-12`, `2024`, `2024-Q2`, `2024-H1`, `2024-W23`, `199X`,
//! `2024-SU`, `2024-06-06T14:30`, `2024-06-04TEV` ("mardi soir", whose interval gives the
//! evening's hours). Ranges ("du 13 au 15 juillet", "de 9h à 11h", `range.rs`) and stretches
//! of whole units beside the anchor's ("the next 3 months", "3 derniers jours") are one
//! mention whose value is the interval string `(start,end,duration)` with the half-open
//! `interval`'s bounds: `(2013-07-13,2013-07-16,P3D)`.
//!
//! A mention naming a stretch of time (every value but one day or one clock time: stretches,
//! parts of the day, weekends, seasons, weeks, months, quarters, years, periods narrowed by a
//! `mod`) also exposes its interval as `bounds`, written `range` in JSON (`stretch_bounds`);
//! a range written with two ends gives them as named instead, inclusive like a money range
//! (`range.rs`).
//!
//! Holidays: fixed, Easter-based and n-th-weekday ones by rule, those of the Hebrew, Islamic
//! and Chinese calendars through `calendars.rs`.
//!
//! A time of day with no date in its expression is a mention of type `time` (not `date`: a
//! clock time is no answer to a calendar question, and news schedules list times of other
//! days), read on the anchor's day (rule note "time of day → anchor day"): "before 2 p.m." in
//! an email is that day; the anchor is a date, not an instant, so a future lean does not move
//! it to the next day. Offsets in clock units ("dans une heure", "3 hours ago") resolve to the
//! anchor's day too, counting whole days only.
//!
//! Without an anchor only what is written is kept (`XXXX-12`, `XXXX-12-14`, `XXXX-WXX-4`,
//! `XXXX-XX-XXT14:30`) and relative expressions ("hier") have no value.

mod absolute;
mod anaphora;
mod calendars;
mod clock;
pub mod grammar;
pub mod lexicon;
mod range;
mod relative;
pub mod resolve;

use grammar::{Expr, Grammar, Parsed, Support, before, fold_to_ascii};
use lexicon::{Direction, Part, PrefixEffect, lookup};
use resolve::{Lean, Resolution};

use std::sync::LazyLock;

use regex::Regex;

use super::{Anchor, DateBias, Lang};
use crate::model::{Mention, MentionType, Value};

/// How far before a candidate prefixes are looked for, in bytes.
const PREFIX_WINDOW: usize = 48;
/// How far a sentence is looked for around a date, in bytes.
const SENTENCE_WINDOW: usize = 400;
/// The lean's reason when the date's own clause is in the past tense.
const PAST_CLAUSE: &str = "past tense in clause";
/// How far apart a date and its time may be, in bytes.
const JOIN_WINDOW: usize = 24;

/// A candidate on its way to becoming a mention.
#[derive(Debug, Clone)]
struct Candidate {
    parsed: Parsed,
    part: Option<Part>,
    cue: Option<Direction>,
    /// Rule name parts: prefixes, the base rule, merges.
    rule: Vec<String>,
}

/// Every date or time expression of `text`, resolved against `anchor` when given.
pub fn extract(text: &str, lang: Lang, anchor: Option<&Anchor>, bias: DateBias) -> Vec<Mention> {
    // The whole text, however long, like the other extractors: every pass below is linear
    // (rules run in windows, offsets are counted incrementally).
    let g = grammar::grammar(lang);
    let candidates = propose(text, g);
    if candidates.is_empty() {
        return Vec::new();
    }
    let candidates = select_longest(candidates);
    let candidates = absorb_prefixes(text, g, candidates);
    let candidates = absorb_zones(text, candidates);
    let candidates = join_neighbours(text, g, candidates);
    let mut offsets = CharOffsets::default();
    let candidates: Vec<Candidate> = candidates
        .into_iter()
        .filter(|c| c.parsed.support != Support::JoinOnly)
        .collect();
    // Weakly supported candidates are resolved only when a range word follows them: they
    // count only as the first end of a range ("de 9h à 11h").
    let wanted: Vec<bool> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.parsed.support == Support::Strong
                || candidates
                    .get(i + 1)
                    .is_some_and(|n| range_word_between(text, g, c, n))
        })
        .collect();
    let resolved: Vec<(Candidate, Option<Mention>)> = candidates
        .into_iter()
        .zip(wanted)
        .map(|(c, wanted)| {
            let m = wanted
                .then(|| to_mention(text, g, &c, anchor, bias, &mut offsets))
                .flatten();
            (c, m)
        })
        .collect();
    let mut out = date_with_clock_range(text, g, join_ranges(text, g, resolved, anchor, bias));
    let counted = anaphora::find(text, lang, &out);
    if !counted.is_empty() {
        out.extend(counted);
        out.sort_by_key(|m| (m.byte_start, m.byte_end));
    }
    for m in out.iter_mut().filter(|m| m.bounds.is_none()) {
        m.bounds = stretch_bounds(m);
    }
    out
}

/// Joins a day and the clock range right after it ("Thursday from 9:30 to 11:00", "jeudi
/// entre 9h et 11h") into one range on that day.
fn date_with_clock_range(text: &str, g: &Grammar, ms: Vec<Mention>) -> Vec<Mention> {
    let is_clock_range = |m: &Mention| {
        m.kind == MentionType::Time && m.text_value().is_some_and(|v| v.starts_with('('))
    };
    if !ms.iter().any(is_clock_range) {
        return ms;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
    for m in ms {
        if let Some(day_m) = out.last()
            && day_m.kind == MentionType::Date
            && day_m.grain.as_deref() == Some("day")
            && is_clock_range(&m)
            && text.get(day_m.byte_end..m.byte_start).is_some_and(|b| {
                !b.contains('\n') && g.date_time_joiner.is_match(&fold_to_ascii(b))
            })
            && let Some(day) = day_m
                .text_value()
                .filter(|v| v.len() == 10 && is_point_value(v))
                .and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
            && let Some(mut joined) = range::on_day(&m, day)
            && let Some(surface) = text.get(day_m.byte_start..m.byte_end)
        {
            joined.kind = MentionType::Date;
            joined.text = surface.to_string();
            joined.start = day_m.start;
            joined.byte_start = day_m.byte_start;
            joined.anchor = day_m.anchor.clone().or(joined.anchor);
            joined.rule = format!(
                "{} + {}",
                day_m.rule,
                m.rule.replace(" → time of day → anchor day", "")
            );
            if let Some(last) = out.last_mut() {
                *last = joined;
            }
            continue;
        }
        out.push(m);
    }
    out
}

/// Is `v` a single calendar day or clock time as a TIMEX value (`2024-06-04`,
/// `2024-06-04T14:30`, `2024-06-04T14:30:05`)? Checked byte by byte: it runs on every mention.
fn is_point_value(v: &str) -> bool {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let day = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    match b.len() {
        10 => day,
        16 => day && b[10] == b'T' && digits(11..13) && b[13] == b':' && digits(14..16),
        19 => {
            day && b[10] == b'T'
                && digits(11..13)
                && b[13] == b':'
                && digits(14..16)
                && b[16] == b':'
                && digits(17..19)
        }
        _ => false,
    }
}

/// The bounds a date mention exposes as its `range` when no range set them (a range gives its
/// ends as named, `range.rs`): those of its interval when it names a
/// stretch of time (a range, a stretch of units, a part of the day, a weekend, a season, a
/// week, a month, a quarter, a year, a period narrowed by a `mod`); none for one day or one
/// clock time, whose value says it all, nor without an interval (no anchor).
fn stretch_bounds(m: &Mention) -> Option<[String; 2]> {
    let interval = m.interval.as_ref()?;
    let point = m.modifier.is_none() && m.text_value().is_some_and(is_point_value);
    (!point).then(|| interval.clone())
}

/// A zone after a time ("8:00 PST", "15:00 GMT+1"): `(zone, length in bytes)` of the text
/// right after a time, spaces included.
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s?(?P<z>(?:{})(?:[+-]\d{{1,2}}(?::?\d\d)?)?)\b",
        lexicon::TIME_ZONES.join("|")
    ))
    .expect("zone regex")
});

/// Extends times over a zone written after them. The time is kept as written (not converted
/// to the anchor's zone, which is not known); the rule names the zone.
fn absorb_zones(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for mut c in cands {
        if out.last().is_some_and(|p| c.parsed.start < p.parsed.end) {
            // Inside a zone just absorbed ("+1" of "GMT+1").
            continue;
        }
        if c.parsed.time.is_some()
            && let Some(z) = text
                .get(c.parsed.end..)
                .and_then(|rest| ZONE.captures(rest))
                .and_then(|m| m.name("z"))
        {
            c.rule.push(format!(
                "+ zone {} (time as written, not converted)",
                z.as_str()
            ));
            c.parsed.end += z.end();
        }
        out.push(c);
    }
    out
}

/// Joins neighbouring ends of a range into one mention (`range.rs`) and drops what is left
/// without enough support. A bare hour ("de 9h à 11h") counts as an end when a range word
/// vouches for it.
fn join_ranges(
    text: &str,
    g: &Grammar,
    resolved: Vec<(Candidate, Option<Mention>)>,
    anchor: Option<&Anchor>,
    bias: DateBias,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(resolved.len());
    let mut i = 0;
    while let Some((a, ma)) = resolved.get(i) {
        if let Some((b, mb)) = resolved.get(i + 1)
            && let (Some(ma), Some(mb)) = (ma, mb)
            && let Some(m) = try_range(text, g, (a, ma), (b, mb), out.last(), anchor, bias)
        {
            out.push(m);
            i += 2;
            continue;
        }
        if a.parsed.support == Support::Strong
            && let Some(m) = ma
        {
            out.push(m.clone());
        }
        i += 1;
    }
    out
}

/// "la nuit de lundi à mardi", "the night from Sunday to Monday": not a two-day range but the
/// night between two consecutive days, one mention on the first day with the night's hours.
fn night_between(
    text: &str,
    g: &Grammar,
    opener: usize,
    first: &Mention,
    second: &Mention,
) -> Option<Mention> {
    let window = before(text, opener, PREFIX_WINDOW);
    let window_start = opener - window.len();
    let before = window.trim_end();
    let word_start = before
        .rfind(|ch: char| !ch.is_alphabetic() && ch != '-')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = before.get(word_start..)?;
    if lookup(g.lex.day_part_words, word) != Some(lexicon::DayPart::Night) {
        return None;
    }
    let [a, _] = first.interval.as_ref()?;
    let [b, _] = second.interval.as_ref()?;
    let day = chrono::NaiveDate::parse_from_str(a, "%Y-%m-%d").ok()?;
    if chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").ok()? != day.succ_opt()? {
        return None;
    }
    let (from, to) = lexicon::DayPart::Night.hours();
    let at = |h: u32| {
        day.and_hms_opt(0, 0, 0).map(|d| {
            (d + chrono::Duration::hours(i64::from(h)))
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        })
    };
    let span_start = window_start + word_start;
    let lead = text.get(span_start..first.byte_start)?.chars().count();
    let mut m = first.clone();
    m.text = text.get(span_start..second.byte_end)?.to_string();
    m.start = first.start.checked_sub(lead)?;
    m.end = second.end;
    m.byte_start = span_start;
    m.byte_end = second.byte_end;
    m.value = Some(Value::Text(format!("{}TNI", day.format("%Y-%m-%d"))));
    m.interval = Some([at(from)?, at(to)?]);
    m.rule = format!("night of {} … {}", first.rule, second.rule);
    Some(m)
}

/// Is the text between `a` and `b` a range word of any kind?
fn range_word_between(text: &str, g: &Grammar, a: &Candidate, b: &Candidate) -> bool {
    text.get(a.parsed.end..b.parsed.start).is_some_and(|s| {
        let s = fold_to_ascii(s);
        g.range_connector.is_match(&s)
            || g.range_opened_connector.is_match(&s)
            || g.range_pair_connector.is_match(&s)
    })
}

/// The one mention of a range `a` … `b`, when the words between them make one.
fn try_range(
    text: &str,
    g: &Grammar,
    (a, ma): (&Candidate, &Mention),
    (b, mb): (&Candidate, &Mention),
    previous: Option<&Mention>,
    anchor: Option<&Anchor>,
    bias: DateBias,
) -> Option<Mention> {
    let between = fold_to_ascii(text.get(a.parsed.end..b.parsed.start)?);
    let before_a = fold_to_ascii(before(text, a.parsed.start, PREFIX_WINDOW));
    // Ends written by one rule ("13 to 15 July") are a range by construction.
    let paired = a.parsed.rule.ends_with("(range start)") || b.parsed.rule.ends_with("(range end)");
    let patterns = range::RangePatterns {
        connector: &g.range_connector,
        opened_connector: &g.range_opened_connector,
        pair_connector: &g.range_pair_connector,
        opener: &g.range_opener,
        pair_opener: &g.range_pair_opener,
    };
    let dated = |c: &Candidate| matches!(c.parsed.expr, Expr::Date { .. });
    let words = range::range_words(
        &before_a,
        a.parsed.start,
        &between,
        (paired, dated(a) && dated(b)),
        &patterns,
    )?;
    let floor = previous.map_or(0, |p| p.byte_end);
    let opener_start = words.opener_start.filter(|&s| s >= floor);
    if words.needs_opener && opener_start.is_none() {
        return None;
    }
    let weak = |c: &Candidate| !matches!(c.parsed.support, Support::Strong | Support::TimePrep);
    if weak(b) || (weak(a) || a.parsed.support == Support::TimePrep) && opener_start.is_none() {
        return None;
    }
    // A candidate changed from what it was read as (its month, its year, its date), resolved
    // again at the place of its first mention.
    let again = |c: &Candidate, m: &Mention| {
        let mut at = CharOffsets {
            byte: m.byte_start,
            chars: m.start,
        };
        to_mention(text, g, c, anchor, bias, &mut at)
    };
    // A day of the month before a dated end takes its month and year ("from the 13th to the
    // 15th July").
    let ma_dated;
    let ma = match (&a.parsed.expr, &b.parsed.expr) {
        (&Expr::DayOfMonth(day), Expr::Date { .. } | Expr::DateOnWeekday { .. }) => {
            let [b_start, _] = mb.interval.as_ref()?;
            let b_day = chrono::NaiveDate::parse_from_str(b_start.get(..10)?, "%Y-%m-%d").ok()?;
            let mut c = a.clone();
            c.parsed.expr = Expr::Date {
                year: Some(chrono::Datelike::year(&b_day)),
                month: chrono::Datelike::month(&b_day),
                day,
            };
            c.rule.push(format!("(month of {})", b.rule.join(" ")));
            ma_dated = again(&c, ma)?;
            &ma_dated
        }
        // "between the 10th and the 15th of next month": the month the end counts to.
        (&Expr::DayOfMonth(day), &Expr::DayOfShiftedMonth { shift, .. }) => {
            let mut c = a.clone();
            c.parsed.expr = Expr::DayOfShiftedMonth { day, shift };
            c.rule.push(format!("(month of {})", b.rule.join(" ")));
            ma_dated = again(&c, ma)?;
            &ma_dated
        }
        _ => ma,
    };
    // The ends of one range share the year the text gives once ("from January to April
    // 2015", "du 26 juin au 28 juin 2020") and follow each other ("between Oct. 2 and October
    // 22", "from 10/25 to 01/25"): a year-less end is read from the other end, not alone.
    let with_year = |c: &Candidate, m: &Mention, year: i32| -> Option<Mention> {
        let mut c = c.clone();
        c.parsed.expr = match c.parsed.expr {
            Expr::Date { month, day, .. } => Expr::Date {
                year: Some(year),
                month,
                day,
            },
            Expr::Month { month, .. } => Expr::Month {
                year: Some(year),
                month,
                shift: None,
            },
            _ => return None,
        };
        c.rule.push("(year of the range's other end)".into());
        again(&c, m)
    };
    let (ma_year, mb_year);
    let (ma, mb) = match (calendar_key(&a.parsed.expr), calendar_key(&b.parsed.expr)) {
        (Some((None, ka)), Some((Some(yb), kb))) => {
            let y = if ka > kb { yb - 1 } else { yb };
            ma_year = with_year(a, ma, y)?;
            (&ma_year, mb)
        }
        (Some((None, ka)), Some((None, kb)))
            if lean_for(text, g, a, bias).direction == Direction::Past =>
        {
            // Looking back, the range is the last one to have ended: its end chooses.
            let yb = mention_year(mb)?;
            let y = if ka > kb { yb - 1 } else { yb };
            if mention_year(ma)? == y {
                (ma, mb)
            } else {
                ma_year = with_year(a, ma, y)?;
                (&ma_year, mb)
            }
        }
        (Some((None, ka)), Some((None, kb))) => {
            let ya = mention_year(ma)?;
            let y = if kb < ka { ya + 1 } else { ya };
            if mention_year(mb)? == y {
                (ma, mb)
            } else {
                mb_year = with_year(b, mb, y)?;
                (ma, &mb_year)
            }
        }
        _ => (ma, mb),
    };
    // A bare time at one end takes the date of the other ("9:30 - 11:00 on Thursday").
    let dated_time = |c: &Candidate| c.parsed.time.is_some() && c.parsed.expr != Expr::TimeOnly;
    let redo = |c: &Candidate, other: &Candidate, m: &Mention| -> Option<Mention> {
        let mut c = c.clone();
        c.parsed.expr = other.parsed.expr.clone();
        c.parsed.day_part = c.parsed.day_part.or(other.parsed.day_part);
        c.cue = c.cue.or(other.cue);
        again(&c, m)
    };
    let ma2;
    let mb2;
    let (ma, mb) = if a.parsed.expr == Expr::TimeOnly && dated_time(b) {
        ma2 = redo(a, b, ma)?;
        (&ma2, mb)
    } else if b.parsed.expr == Expr::TimeOnly && dated_time(a) {
        mb2 = redo(b, a, mb)?;
        (ma, &mb2)
    } else {
        (ma, mb)
    };
    if ma.interval.is_some() && ma.interval == mb.interval {
        // "on Monday — today — in their honor": two names for one day, not a range.
        return None;
    }
    let start = opener_start.unwrap_or(ma.byte_start);
    if let Some(night) = night_between(text, g, start, ma, mb) {
        return Some(night);
    }
    let is_weekday = |c: &Candidate| matches!(c.parsed.expr, Expr::Weekday { .. });
    if is_weekday(a) && is_weekday(b) && ma.interval.as_ref()?[0] >= mb.interval.as_ref()?[0] {
        // "entre lundi et mercredi": each weekday alone leans its own way; the range is one
        // week's stretch, so the end that crossed the other moves by a week in the lean's
        // direction.
        return match lean_for(text, g, a, bias).direction {
            Direction::Future => range::join(text, start, ma, &range::shift_days(mb, 7)?),
            Direction::Past => range::join(text, start, &range::shift_days(ma, -7)?, mb),
        };
    }
    range::join(text, start, ma, mb)
}

/// The written year and the (month, day) of a calendar date or month (day 0 for a month) with
/// no shift word: what two ends of a range compare to share a year.
fn calendar_key(e: &Expr) -> Option<(Option<i32>, (u32, u32))> {
    match *e {
        Expr::Date { year, month, day } => Some((year, (month, day))),
        Expr::Month {
            year,
            month,
            shift: None,
        } => Some((year, (month, 0))),
        _ => None,
    }
}

/// The year a resolved mention starts in.
fn mention_year(m: &Mention) -> Option<i32> {
    m.interval.as_ref()?[0].get(..4)?.parse().ok()
}

/// Code-point offsets computed incrementally: candidates come in text order, so each mention
/// only counts the characters since the previous one (counting from the start of the text for
/// every mention would be quadratic on long documents).
#[derive(Default)]
struct CharOffsets {
    byte: usize,
    chars: usize,
}

impl CharOffsets {
    /// The code-point offset of `byte` (a char boundary at or after the previous call's).
    fn at(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            *self = CharOffsets::default();
        }
        self.chars += text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

/// Every rule's candidates.
fn propose(text: &str, g: &Grammar) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (ws, we) in g.windows(text) {
        let folded = grammar::fold_to_ascii(&text[ws..we]);
        for i in g.rule_set.matches(&folded).iter() {
            propose_in(text, g, &g.rules[i], &folded, ws, &mut out);
        }
    }
    out
}

/// One rule's candidates in one window (`base` is the window's offset in `text`).
fn propose_in(
    text: &str,
    g: &Grammar,
    rule: &grammar::Rule,
    window: &str,
    base: usize,
    out: &mut Vec<Candidate>,
) {
    {
        for caps in rule.regex.captures_iter(window) {
            let Some(m) = caps.get(0) else { continue };
            if !text.is_char_boundary(base + m.start()) || !text.is_char_boundary(base + m.end()) {
                // Inside a folded multi-byte character: not a match of the real text.
                continue;
            }
            let ctx = grammar::RuleCtx {
                text,
                lex: g.lex,
                start: base + m.start(),
                end: base + m.end(),
                base,
            };
            for p in (rule.produce)(&caps, &ctx) {
                if p.start < p.end && text.is_char_boundary(p.start) && text.is_char_boundary(p.end)
                {
                    out.push(Candidate {
                        rule: vec![p.rule.to_string()],
                        cue: p.cue,
                        parsed: p,
                        part: None,
                    });
                }
            }
        }
    }
}

/// Longest first; among equals, strong before weak, then leftmost.
fn select_longest(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        let la = a.parsed.end - a.parsed.start;
        let lb = b.parsed.end - b.parsed.start;
        lb.cmp(&la)
            .then((a.parsed.support != Support::Strong).cmp(&(b.parsed.support != Support::Strong)))
            .then(a.parsed.start.cmp(&b.parsed.start))
    });
    // Kept spans are disjoint, so the one starting last before a candidate's end is the only
    // one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        let overlaps = taken
            .range(..c.parsed.end)
            .next_back()
            .is_some_and(|(_, &end)| end > c.parsed.start);
        if !overlaps {
            taken.insert(c.parsed.start, c.parsed.end);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.parsed.start);
    kept
}

/// Absorbs modifier, cue and context words before each candidate.
fn absorb_prefixes(text: &str, g: &Grammar, mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut floor = 0;
    for c in cands.iter_mut() {
        for _ in 0..4 {
            let window = before(text, c.parsed.start, PREFIX_WINDOW);
            // Prefixes never reach across a line break.
            let window = window.rsplit('\n').next().unwrap_or(window);
            let window_start = c.parsed.start - window.len();
            let folded = fold_to_ascii(window);
            if c.parsed.support == Support::TimePrep && g.time_prep.is_match(&folded) {
                c.parsed.support = Support::Strong;
            }
            let Some(caps) = g.prefix.captures(&folded) else {
                break;
            };
            let Some(p) = caps.name("p") else { break };
            let p_start = window_start + p.start();
            if p_start < floor {
                break;
            }
            let Some(p_text) = window.get(p.start()..p.end()) else {
                break;
            };
            let Some(effect) = lookup(g.lex.prefixes, p_text) else {
                break;
            };
            let keeps_span = match effect {
                PrefixEffect::Modifier(m) => {
                    if c.parsed.modifier.is_some() {
                        break;
                    }
                    c.parsed.modifier = Some(m);
                    true
                }
                PrefixEffect::Cue(d) => {
                    c.cue = Some(d);
                    true
                }
                PrefixEffect::Deadline => {
                    if c.parsed.modifier.is_some() {
                        break;
                    }
                    c.parsed.modifier = Some(lexicon::Modifier::End);
                    c.cue = Some(Direction::Future);
                    true
                }
                PrefixEffect::Part(part) => {
                    let fits = if part.of_month() {
                        matches!(
                            c.parsed.expr,
                            Expr::Month { .. }
                                | Expr::MonthOfShiftedYear { .. }
                                | Expr::Period {
                                    unit: lexicon::Unit::Month,
                                    ..
                                }
                        )
                    } else {
                        matches!(c.parsed.expr, Expr::Period { shift: 0, .. })
                    };
                    if !fits {
                        break;
                    }
                    c.part = Some(part);
                    true
                }
                PrefixEffect::Context => false,
                PrefixEffect::ContextCue(d) => {
                    c.cue = Some(d);
                    false
                }
            };
            let lifts = match c.parsed.support {
                Support::Strong => false,
                Support::Context => true,
                Support::Modifier => keeps_span,
                Support::TimePrep | Support::JoinOnly => false,
            };
            if lifts {
                c.parsed.support = Support::Strong;
            }
            if !keeps_span {
                break;
            }
            c.rule.insert(0, normalise_prefix(p_text));
            c.parsed.start = p_start;
        }
        floor = c.parsed.end;
    }
    cands
}

fn normalise_prefix(p: &str) -> String {
    lexicon::normalise_word(p)
}

/// Joins a date and a time side by side, and a weekday with a relative week.
fn join_neighbours(text: &str, g: &Grammar, cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(prev) = out.last_mut()
            && let Some(joined) = try_join(text, g, prev, &c)
        {
            *prev = joined;
            continue;
        }
        out.push(c);
    }
    out
}

fn takes_time(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Date { .. }
            | Expr::DateOnWeekday { .. }
            | Expr::DayOfMonth(_)
            | Expr::DayOfShiftedMonth { .. }
            | Expr::Weekday { .. }
            | Expr::WeekdayDay { .. }
            | Expr::WeekdayWeeksOn { .. }
            | Expr::WeekdayCount { .. }
            | Expr::DayOffset(_)
            | Expr::DayPart { .. }
            | Expr::Holiday { .. }
            | Expr::HolidayOfShiftedYear { .. }
    )
}

fn try_join(text: &str, g: &Grammar, a: &Candidate, b: &Candidate) -> Option<Candidate> {
    if b.parsed.start < a.parsed.end || b.parsed.start - a.parsed.end > JOIN_WINDOW {
        return None;
    }
    let between = text.get(a.parsed.end..b.parsed.start)?;
    if between.contains('\n') {
        // Lines of a list or a timeline are separate expressions.
        return None;
    }
    let (ae, be) = (&a.parsed.expr, &b.parsed.expr);
    let mut joined = a.clone();
    joined.parsed.end = b.parsed.end;
    // A bare number is an hour only beside a part of the day ("tonight at 11"), never beside
    // a date ("le 4 juin 2024, 3 personnes").
    let has_day_part = |c: &Candidate| {
        matches!(c.parsed.expr, Expr::DayPart { .. }) || c.parsed.day_part.is_some()
    };
    if (a.parsed.support == Support::JoinOnly && !has_day_part(b))
        || (b.parsed.support == Support::JoinOnly && !has_day_part(a))
    {
        return None;
    }
    // Date then time: "le 4 juin 2024 à 18:03", "demain à 11h".
    if takes_time(ae)
        && a.parsed.time.is_none()
        && *be == Expr::TimeOnly
        && g.date_time_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.time = b.parsed.time;
        joined.parsed.support = strongest(a.parsed.support, Support::Strong);
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // Time then date: "13:00 February 28, 2013", "9am on Tuesday".
    if *ae == Expr::TimeOnly
        && takes_time(be)
        && b.parsed.time.is_none()
        && g.time_date_joiner.is_match(&fold_to_ascii(between))
    {
        let mut j = b.clone();
        j.parsed.start = a.parsed.start;
        j.parsed.time = a.parsed.time;
        j.parsed.support = strongest(b.parsed.support, Support::Strong);
        j.rule.insert(0, format!("{} +", a.rule.join(" ")));
        return Some(j);
    }
    // "la journée" names a part of the day only narrowed ("en fin de journée") or introduced
    // ("dans la journée"); "mardi, journée de grève" is a day.
    if let Expr::PartOnly(lexicon::DayPart::Daytime) = be
        && b.parsed.modifier.is_none()
        && !fold_to_ascii(between).contains("dans")
    {
        return None;
    }
    // Date then part of day: "mardi soir", "Monday morning".
    if let Expr::PartOnly(part) = be
        && takes_time(ae)
        && a.parsed.time.is_none()
        && a.parsed.day_part.is_none()
        && g.date_time_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.day_part = Some(*part);
        // "aujourd'hui en fin de matinée": the part's modifier narrows the part.
        joined.parsed.modifier = a.parsed.modifier.or(b.parsed.modifier);
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // Part of day then its date: "matinée du 15 février", "the morning of June 4".
    if let Expr::PartOnly(part) = ae
        && takes_time(be)
        && b.parsed.time.is_none()
        && b.parsed.day_part.is_none()
        && g.time_date_joiner.is_match(&fold_to_ascii(between))
    {
        let mut j = b.clone();
        j.parsed.start = a.parsed.start;
        j.parsed.day_part = Some(*part);
        j.parsed.modifier = b.parsed.modifier.or(a.parsed.modifier);
        j.rule.insert(0, format!("{} +", a.rule.join(" ")));
        return Some(j);
    }
    // Time then part of day: "à 3 heures cet après-midi", "8 this evening".
    if *ae == Expr::TimeOnly
        && matches!(be, Expr::DayPart { .. })
        && b.parsed.time.is_none()
        && g.date_time_joiner.is_match(&fold_to_ascii(between))
    {
        let mut j = b.clone();
        j.parsed.start = a.parsed.start;
        j.parsed.time = a.parsed.time;
        j.rule.insert(0, format!("{} +", a.rule.join(" ")));
        return Some(j);
    }
    // Weekday then its date: "Friday 7/6", "jeudi 29/03".
    if let Expr::Weekday {
        weekday,
        week_shift: None,
        ..
    } = ae
        && matches!(be, Expr::Date { .. })
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        let mut j = b.clone();
        j.parsed.start = a.parsed.start;
        if let Expr::Date {
            year: None,
            month,
            day,
        } = *be
        {
            j.parsed.expr = Expr::DateOnWeekday {
                month,
                day,
                weekday: *weekday,
            };
        }
        j.rule.insert(0, format!("{} +", a.rule.join(" ")));
        return Some(j);
    }
    // A weekday and its day, then the month: "Friday the 13th of March (2020)".
    if let (
        &Expr::WeekdayDay { weekday, day },
        &Expr::Month {
            year,
            month,
            shift: None,
        },
    ) = (ae, be)
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.expr = match year {
            Some(year) => Expr::Date {
                year: Some(year),
                month,
                day,
            },
            None => Expr::DateOnWeekday {
                month,
                day,
                weekday,
            },
        };
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // The week holding a day: "the week of October 7th", "la semaine du 7 octobre".
    if let (
        Expr::Period {
            unit: lexicon::Unit::Week,
            shift: 0,
        },
        &Expr::Date { year, month, day },
    ) = (ae, be)
        && a.rule.first().is_some_and(|r| r == "<det> <unit>")
        && g.time_date_joiner.is_match(&fold_to_ascii(between))
        && !between.trim().is_empty()
    {
        joined.parsed.expr = Expr::WeekOfDate { year, month, day };
        joined.parsed.support = Support::Strong;
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // A date then its weekday: "Jul 18, Fri" (the weekday picks the year).
    if let (
        &Expr::Date {
            year: None,
            month,
            day,
        },
        &Expr::Weekday {
            weekday,
            week_shift: None,
            ..
        },
    ) = (ae, be)
        && between.trim() == ","
    {
        joined.parsed.expr = Expr::DateOnWeekday {
            month,
            day,
            weekday,
        };
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // Holiday and relative year: "Independence Day of this year", "Noël l'an dernier".
    if let (
        &Expr::Holiday { year: None, date },
        &Expr::Period {
            unit: lexicon::Unit::Year,
            shift,
        },
    ) = (ae, be)
        && a.cue.is_none()
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.expr = Expr::HolidayOfShiftedYear { date, shift };
        joined.parsed.support = Support::Strong;
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // Month and relative year: "June next year", "juin de l'année prochaine".
    if let (
        &Expr::Month {
            year: None,
            month,
            shift: None,
        },
        &Expr::Period {
            unit: lexicon::Unit::Year,
            shift,
        },
    ) = (ae, be)
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.expr = Expr::MonthOfShiftedYear { month, shift };
        joined.parsed.support = Support::Strong;
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // A year said after its day or month: "from April to June in 2017", "June of 2017". The
    // other end of a range then shares it (see `try_range`).
    if let Expr::Year(y) = *be
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        let dated = match *ae {
            Expr::Date {
                year: None,
                month,
                day,
            } => Some(Expr::Date {
                year: Some(y),
                month,
                day,
            }),
            Expr::Month {
                year: None,
                month,
                shift: None,
            } => Some(Expr::Month {
                year: Some(y),
                month,
                shift: None,
            }),
            _ => None,
        };
        if let Some(expr) = dated {
            joined.parsed.expr = expr;
            joined.parsed.support = Support::Strong;
            joined.rule.push(format!("+ {}", b.rule.join(" ")));
            return Some(joined);
        }
    }
    // A half of a month: "the second half of March", "the first half of next month".
    if let Expr::Half { year: None, half } = *ae
        && matches!(
            be,
            Expr::Month { .. }
                | Expr::MonthOfShiftedYear { .. }
                | Expr::Period {
                    unit: lexicon::Unit::Month,
                    ..
                }
        )
        && b.part.is_none()
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        let mut j = b.clone();
        j.parsed.start = a.parsed.start;
        j.parsed.support = Support::Strong;
        j.part = Some(if half == 1 {
            lexicon::Part::FirstFortnight
        } else {
            lexicon::Part::SecondFortnight
        });
        j.rule.insert(0, format!("{} +", a.rule.join(" ")));
        return Some(j);
    }
    // Day of month and relative month: "the 20th of next month".
    if let (
        Expr::DayOfMonth(day),
        Expr::Period {
            unit: lexicon::Unit::Month,
            shift,
        },
    ) = (ae, be)
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        joined.parsed.expr = Expr::DayOfShiftedMonth {
            day: *day,
            shift: *shift,
        };
        joined.parsed.support = Support::Strong;
        joined.rule.push(format!("+ {}", b.rule.join(" ")));
        return Some(joined);
    }
    // "premier lundi de septembre", "the last Friday of next month".
    let nth_weekday = match *ae {
        Expr::NthWeekday { nth, weekday } => Some((nth, weekday)),
        // English "last Monday" is first read as last week's Monday.
        Expr::Weekday {
            weekday,
            week_shift: Some(-1),
            ..
        } if text.get(a.parsed.start..a.parsed.end).is_some_and(|s| {
            g.lex
                .last_words
                .iter()
                .any(|w| s.to_lowercase().trim_start_matches("the ").starts_with(w))
        }) =>
        {
            Some((-1, weekday))
        }
        _ => None,
    };
    if let Some((nth, weekday)) = nth_weekday
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        let target = month_target(be);
        if let Some((year, month, shift)) = target {
            joined.parsed.expr = Expr::NthWeekdayOfMonth {
                nth,
                weekday,
                year,
                month,
                shift,
            };
            joined.parsed.support = Support::Strong;
            joined.rule.push(format!("+ {}", b.rule.join(" ")));
            return Some(joined);
        }
    }
    // "la première semaine d'octobre", "the last week of this month": "last week" is first
    // read as the week before the anchor's.
    let is_last_word = |c: &Candidate| {
        text.get(c.parsed.start..c.parsed.end).is_some_and(|s| {
            s.split_whitespace().any(|w| {
                g.lex
                    .last_words
                    .contains(&lexicon::normalise_word(w).as_str())
            })
        })
    };
    let nth_week = match *ae {
        Expr::NthWeek { nth, weekend } => Some((nth, weekend)),
        Expr::Period {
            unit: lexicon::Unit::Week,
            shift: -1,
        } if is_last_word(a) => Some((-1, false)),
        // "last weekend" is first read as the weekend before the anchor's.
        Expr::Weekend { shift: -1 } if is_last_word(a) => Some((-1, true)),
        _ => None,
    };
    if let Some((nth, weekend)) = nth_week
        && g.weekday_week_joiner.is_match(&fold_to_ascii(between))
    {
        let target = month_target(be);
        if let Some((year, month, shift)) = target {
            joined.parsed.expr = Expr::NthWeekOfMonth {
                nth,
                weekend,
                year,
                month,
                shift,
            };
            joined.parsed.support = Support::Strong;
            joined.rule.push(format!(
                "+ {} ({} of the month)",
                b.rule.join(" "),
                if weekend { "weekend" } else { "whole week" }
            ));
            return Some(joined);
        }
    }
    // Weekday and relative week, either order.
    let week_shift = |e: &Expr| match e {
        Expr::Period {
            unit: lexicon::Unit::Week,
            shift,
        } => Some(*shift),
        _ => None,
    };
    if g.weekday_week_joiner.is_match(&fold_to_ascii(between)) {
        if let (
            Expr::Weekday {
                weekday,
                week_shift: None,
                ..
            },
            Some(s),
        ) = (ae, week_shift(be))
        {
            joined.parsed.expr = Expr::Weekday {
                weekday: *weekday,
                week_shift: Some(s),
                by_week: true,
            };
            joined.rule.push(format!("+ {}", b.rule.join(" ")));
            return Some(joined);
        }
        if let (
            Some(s),
            Expr::Weekday {
                weekday,
                week_shift: None,
                ..
            },
        ) = (week_shift(ae), be)
        {
            joined.parsed.expr = Expr::Weekday {
                weekday: *weekday,
                week_shift: Some(s),
                by_week: true,
            };
            joined.parsed.support = Support::Strong;
            joined.rule.push(format!("+ {}", b.rule.join(" ")));
            return Some(joined);
        }
    }
    None
}

fn strongest(a: Support, b: Support) -> Support {
    if a == Support::Strong || b == Support::Strong {
        Support::Strong
    } else {
        a
    }
}

/// The sentence around `[start, end)`: from the last sentence end (or blank line) before it
/// to the next after, within [`SENTENCE_WINDOW`] bytes. Single line breaks do not end a
/// sentence: emails wrap lines in mid-sentence.
fn sentence_around(text: &str, start: usize, end: usize) -> (&str, usize) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | ';');
    let left = before(text, start, SENTENCE_WINDOW);
    let left_start = start - left.len();
    let s = [
        left.rfind(is_end).map(|i| i + 1),
        left.rfind("\n\n").map(|i| i + 2),
    ]
    .into_iter()
    .flatten()
    .max()
    .map_or(left_start, |i| left_start + i);
    let right = grammar::after(text, end, SENTENCE_WINDOW);
    let e = [right.find(is_end), right.find("\n\n")]
        .into_iter()
        .flatten()
        .min()
        .map_or(end + right.len(), |i| end + i);
    (text.get(s..e).unwrap_or(""), s)
}

/// The byte bounds of the clause of a sentence around `[start, end)` (offsets in the
/// sentence): between the nearest commas, semicolons, colons, parentheses or dashes. "Il
/// livrera d'ici la fin de l'année, a-t-il dit jeudi": "jeudi" is in the past clause.
fn clause_bounds(sentence: &str, start: usize, end: usize) -> (usize, usize) {
    let is_sep = |c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–');
    let s = sentence
        .get(..start)
        .and_then(|b| {
            b.rfind(is_sep)
                .map(|i| i + b[i..].chars().next().map_or(1, char::len_utf8))
        })
        .unwrap_or(0);
    let e = sentence
        .get(end..)
        .and_then(|a| a.find(is_sep).map(|i| end + i))
        .unwrap_or(sentence.len());
    (s, e)
}

/// Which way what the text leaves open should lean, and why.
fn lean_for(text: &str, g: &Grammar, c: &Candidate, bias: DateBias) -> Lean {
    if let Some(d) = c.cue {
        return Lean {
            direction: d,
            reason: "cue word",
            strict: true,
        };
    }
    match bias {
        DateBias::Past => Lean {
            direction: Direction::Past,
            reason: "bias past",
            strict: true,
        },
        DateBias::Future => Lean {
            direction: Direction::Future,
            reason: "bias future",
            strict: true,
        },
        DateBias::Auto => {
            let (sentence, sentence_start) = sentence_around(text, c.parsed.start, c.parsed.end);
            // The tense or cue of one stretch of the sentence, if it has one.
            let lean_in = |from: usize, to: usize, future: &'static str, past: &'static str| {
                let part = fold_to_ascii(sentence.get(from..to).unwrap_or(""));
                let direction = if g.future_cue.is_match(&part) {
                    Direction::Future
                } else if g.past_cue.is_match(&part) {
                    Direction::Past
                } else {
                    return None;
                };
                Some(Lean {
                    direction,
                    reason: match direction {
                        Direction::Future => future,
                        Direction::Past => past,
                    },
                    strict: false,
                })
            };
            let (cs, ce) = clause_bounds(
                sentence,
                c.parsed.start - sentence_start,
                c.parsed.end - sentence_start,
            );
            if let Some(lean) = lean_in(cs, ce, "future cue in clause", PAST_CLAUSE) {
                return lean;
            }
            // A date in a clause of its own ("On October 8, CPD announced that …") takes the
            // tense of the clause it introduces, else of the clause it closes, before a cue
            // anywhere else in the sentence.
            let next = sentence
                .get(ce..)
                .and_then(|r| r.char_indices().nth(1).map(|(i, _)| ce + i))
                .map(|from| clause_bounds(sentence, from, from));
            let prev = sentence
                .get(..cs)
                .and_then(|b| b.char_indices().next_back())
                .map(|(to, _)| clause_bounds(sentence, to, to));
            for (from, to) in [next, prev].into_iter().flatten() {
                if let Some(lean) = lean_in(
                    from,
                    to,
                    "future cue in neighbouring clause",
                    "past tense in neighbouring clause",
                ) {
                    return lean;
                }
            }
            if g.future_cue.is_match(&fold_to_ascii(sentence)) {
                Lean {
                    direction: Direction::Future,
                    reason: "future cue in sentence",
                    strict: false,
                }
            } else {
                Lean {
                    direction: Direction::Past,
                    reason: resolve::NO_EVIDENCE,
                    strict: false,
                }
            }
        }
    }
}

fn to_mention(
    text: &str,
    g: &Grammar,
    c: &Candidate,
    anchor: Option<&Anchor>,
    bias: DateBias,
    offsets: &mut CharOffsets,
) -> Option<Mention> {
    let lean = lean_for(text, g, c, bias);
    if matches!(c.parsed.expr, Expr::ClockOffset { seconds } if seconds > 0)
        && lean.reason == PAST_CLAUSE
    {
        // "scored twice in 10 minutes": in a past clause, "in" + clock units is a duration.
        return None;
    }
    let resolved = resolve::resolve(&Resolution {
        expr: &c.parsed.expr,
        time: c.parsed.time,
        day_part: c.parsed.day_part,
        modifier: c.parsed.modifier,
        part: c.part,
        anchor: anchor.map(|a| a.date),
        anchor_time: anchor.and_then(|a| a.time),
        lean,
    })?;
    let mut rule = c.rule.join(" ");
    if let Some(note) = &resolved.note {
        rule.push_str(" → ");
        rule.push_str(note);
    }
    // Built on the text from the mention's start, then shifted: see `CharOffsets`.
    let base = c.parsed.start;
    let char_base = offsets.at(text, base);
    // A time of day written without a date is its own type: a calendar question ("when?")
    // should not be answered by a clock time guessed onto the anchor's day.
    let kind = if c.parsed.expr == Expr::TimeOnly {
        MentionType::Time
    } else {
        MentionType::Date
    };
    let mut m = Mention::new(kind, "text", &text[base..], 0, c.parsed.end - base, rule);
    m.start += char_base;
    m.end += char_base;
    m.byte_start += base;
    m.byte_end += base;
    m.value = resolved.value.map(Value::Text);
    m.grain = Some(resolved.grain.to_string());
    m.modifier = c.parsed.modifier.map(|x| x.as_str().to_string());
    m.interval = resolved.interval;
    if resolved.anchored {
        m.anchor = anchor.map(|a| a.source.clone());
    }
    Some(m)
}

/// The month an "n-th weekday" or "n-th week" is joined to: a named month ("of October
/// 2014": year, month) or one relative to the anchor's ("of this month": its shift).
fn month_target(e: &Expr) -> Option<(Option<i32>, Option<u32>, i32)> {
    match *e {
        Expr::Month {
            year,
            month,
            shift: None,
        } => Some((year, Some(month), 0)),
        Expr::Period {
            unit: lexicon::Unit::Month,
            shift,
        } => Some((None, None, shift)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn anchor(d: &str) -> Anchor {
        Anchor::on_day(
            NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"),
            format!("document date {d}"),
        )
    }

    #[test]
    fn finds_a_french_date_with_time() {
        let a = anchor("2024-06-05");
        let ms = extract(
            "Le 4 juin 2024 à 18:03, il a écrit.",
            Lang::Fr,
            Some(&a),
            DateBias::Auto,
        );
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(ms[0].text, "4 juin 2024 à 18:03");
        assert_eq!(ms[0].text_value(), Some("2024-06-04T18:03"));
    }

    #[test]
    fn end_of_year_cue() {
        let a = anchor("2024-06-04");
        let ms = extract(
            "Il livrera d'ici la fin de l'année.",
            Lang::Fr,
            Some(&a),
            DateBias::Auto,
        );
        assert_eq!(ms.len(), 1, "{ms:?}");
        assert_eq!(ms[0].text, "d'ici la fin de l'année");
        assert_eq!(ms[0].text_value(), Some("2024"));
        assert_eq!(ms[0].modifier.as_deref(), Some("END"));
    }

    #[test]
    fn point_values_are_one_day_or_one_clock_time() {
        for v in ["2024-06-04", "2024-06-04T14:30", "2024-06-04T14:30:05"] {
            assert!(is_point_value(v), "{v}");
        }
        for v in [
            "2024-06",
            "2024-06-04TEV",
            "2024-W23",
            "(2024-06-04,2024-06-05,P1D)",
            "2024-06-04T14",
            "é024-06-04",
        ] {
            assert!(!is_point_value(v), "{v}");
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "é",
            "1/",
            "2024-",
            "le 31/02/2024",
            "\u{a0}2024",
            "mi-",
            "à 25h",
            "’’’",
        ] {
            let _ = extract(t, Lang::Fr, None, DateBias::Auto);
            let _ = extract(t, Lang::En, None, DateBias::Auto);
        }
    }
}
