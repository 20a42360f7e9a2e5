//! Rule functions for expressions relative to the anchor: "hier", "la semaine dernière",
//! "il y a trois jours", weekdays ("jeudi", "next Friday", "le premier lundi").
//!
//! Not for calendar dates (`absolute.rs`) or times of day (`clock.rs`).

use regex::Captures;

use super::grammar::{
    Expr, Parsed, RuleCtx, Support, after, counts_next_word, day_of, is_capitalised, next_word,
    parsed, previous_word,
};
use super::lexicon::{Modifier, Unit, lookup, normalise_word};

pub(super) fn produce_relative_day(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(offset) = ctx
        .cap(c, "rel")
        .and_then(|w| lookup(ctx.lex.relative_days, w))
    else {
        return vec![];
    };
    let word = ctx.cap(c, "rel").unwrap_or("");
    let title_case = is_capitalised(word) && word.chars().skip(1).any(char::is_lowercase);
    if title_case
        && previous_word(ctx.text, ctx.start).is_some_and(|p| {
            p.chars().count() >= 2 && p.chars().all(|ch| ch.is_alphabetic() && ch.is_uppercase())
        })
    {
        // "moderated by USA Today": after an acronym, a capitalised "Today" names a paper.
        return vec![];
    }
    vec![parsed(
        ctx,
        "<relative day>",
        Expr::DayOffset(offset),
        Support::Strong,
    )]
}

/// "by EOD", "until close of business": the end of the anchor's day, once a time preposition
/// vouches for it ("the EOD team" is bomb disposal). Before a day ("COB Friday", "EOD
/// tomorrow") the words are that day's prefix instead.
pub(super) fn produce_close_of_day(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if ctx.cap(c, "cod").is_none() {
        return vec![];
    }
    if let Some(next) = next_word(ctx.text, ctx.end).map(normalise_word)
        && (next == "on"
            || [ctx.lex.weekdays, ctx.lex.weekday_abbrevs, ctx.lex.months]
                .iter()
                .any(|names| lookup(names, &next).is_some())
            || lookup(ctx.lex.relative_days, &next).is_some())
    {
        return vec![];
    }
    let mut p = parsed(ctx, "<close of day>", Expr::DayOffset(0), Support::TimePrep);
    p.modifier = Some(Modifier::End);
    vec![p]
}

pub(super) fn produce_weekend(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if ctx.cap(c, "wl").is_some() {
        return vec![parsed(ctx, "<weekend>", Expr::NearWeekend, Support::Strong)];
    }
    let Some(shift) = ctx.cap(c, "we").and_then(|w| lookup(ctx.lex.weekends, w)) else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "<weekend>",
        Expr::Weekend { shift },
        Support::Strong,
    )]
}

pub(super) fn produce_day_part(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(w) = ctx.cap(c, "dp") else {
        return vec![];
    };
    let w = normalise_word(w);
    let Some(&(_, offset, part)) = ctx.lex.day_parts.iter().find(|(k, _, _)| *k == w) else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "<part of day>",
        Expr::DayPart { offset, part },
        Support::Strong,
    )]
}

pub(super) fn produce_period(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(unit) = ctx.cap(c, "unit").and_then(|w| lookup(ctx.lex.units, w)) else {
        return vec![];
    };
    let shift = ctx.shift(c);
    let Some(shift) = shift else {
        return vec![];
    };
    if unit == Unit::Day {
        return vec![];
    }
    let unit_word = normalise_word(ctx.cap(c, "unit").unwrap_or(""));
    if unit_word.ends_with('s') && unit_word != "mois" {
        // "les dernières semaines", "past years": a stretch, not one period.
        return vec![];
    }
    vec![parsed(
        ctx,
        if ctx.cap(c, "sb").is_some() {
            "<shift> <unit>"
        } else {
            "<det> <unit> <shift>"
        },
        Expr::Period { unit, shift },
        Support::Strong,
    )]
}

pub(super) fn produce_bare_period(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(unit) = ctx.cap(c, "unit").and_then(|w| lookup(ctx.lex.units, w)) else {
        return vec![];
    };
    let unit_word = normalise_word(ctx.cap(c, "unit").unwrap_or(""));
    if unit == Unit::Day || (unit_word.ends_with('s') && unit_word != "mois") {
        return vec![];
    }
    if unit == Unit::Month && followed_by_month(ctx) {
        // "début du mois d'avril": the month is the date, "mois" only introduces it.
        return vec![];
    }
    vec![parsed(
        ctx,
        "<det> <unit>",
        Expr::Period { unit, shift: 0 },
        Support::Modifier,
    )]
}

/// True when the next words are "de"/"d'"/"of" and a month name.
fn followed_by_month(ctx: &RuleCtx) -> bool {
    let rest = after(ctx.text, ctx.end, 24)
        .trim_start()
        .to_lowercase()
        .replace('’', "'");
    let rest = ["de ", "d'", "of "]
        .iter()
        .find_map(|j| rest.strip_prefix(j))
        .unwrap_or("");
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    !word.is_empty()
        && (lookup(ctx.lex.months, &word).is_some()
            || lookup(ctx.lex.month_abbrevs, &word).is_some())
}

pub(super) fn produce_period_end(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(unit) = ctx
        .cap(c, "pe")
        .and_then(|w| lookup(ctx.lex.period_end_words, w))
    else {
        return vec![];
    };
    let mut p = parsed(
        ctx,
        "<period end>",
        Expr::Period { unit, shift: 0 },
        Support::Strong,
    );
    p.modifier = Some(Modifier::End);
    vec![p]
}

pub(super) fn produce_weekday(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(weekday) = ctx.cap(c, "wd").and_then(|w| {
        lookup(ctx.lex.weekdays, w).or_else(|| lookup(ctx.lex.weekday_abbrevs_alone, w))
    }) else {
        return vec![];
    };
    if let Some(weeks) = ctx
        .cap(c, "wo")
        .and_then(|w| lookup(ctx.lex.weekday_weeks_on, w))
    {
        // "lundi en huit", "jeudi en quinze", "Friday after next"; not "the Friday after next
        // week", where "next" belongs to the unit.
        if next_word(ctx.text, ctx.end).is_some_and(|w| lookup(ctx.lex.units, w).is_some())
            && let Some(wd) = c.name("wd")
        {
            let alone = RuleCtx {
                end: ctx.base + wd.end(),
                ..*ctx
            };
            let expr = Expr::Weekday {
                weekday,
                week_shift: None,
                by_week: ctx.lex.weekday_shift_by_week,
            };
            return vec![parsed(&alone, "<weekday>", expr, Support::Strong)];
        }
        return vec![parsed(
            ctx,
            "<weekday> <weeks on>",
            Expr::WeekdayWeeksOn { weekday, weeks },
            Support::Strong,
        )];
    }
    let shift = ctx.shift(c);
    vec![parsed(
        ctx,
        if shift.is_some() {
            "<weekday> <shift>"
        } else {
            "<weekday>"
        },
        Expr::Weekday {
            weekday,
            week_shift: shift,
            by_week: (ctx.lex.weekday_shift_by_week
                && !ctx.cap(c, "sb").is_some_and(|w| {
                    ctx.lex
                        .weekday_shift_by_occurrence
                        .contains(&normalise_word(w).as_str())
                }))
                || shift == Some(0),
        },
        Support::Strong,
    )]
}

/// "3 Fridays from now", "2 Thursdays back": `sign` is -1 for "ago".
fn weekday_count(c: &Captures, ctx: &RuleCtx, sign: i64) -> Vec<Parsed> {
    let (Some(weekday), Some(n)) = (
        ctx.cap(c, "wd").and_then(|w| lookup(ctx.lex.weekdays, w)),
        count_of(c, ctx),
    ) else {
        return vec![];
    };
    if !(1..=60).contains(&n) {
        return vec![];
    }
    vec![parsed(
        ctx,
        "<n> <weekday>s from now",
        Expr::WeekdayCount {
            weekday,
            count: sign * n,
        },
        Support::Strong,
    )]
}

/// "première" → 1 … "cinquième" → 5, "dernière" / "last" → -1: which week or weekday of a
/// month.
fn nth_of(ctx: &RuleCtx, ord: &str) -> Option<i32> {
    if ctx.lex.last_words.contains(&normalise_word(ord).as_str()) {
        return Some(-1);
    }
    match lookup(ctx.lex.ordinals, ord) {
        Some(n @ 1..=5) => Some(n as i32),
        _ => None,
    }
}

/// "la première semaine", "the last week": a week of a month, once joined to one.
fn produce_nth_week(c: &Captures, ctx: &RuleCtx, weekend: bool) -> Vec<Parsed> {
    let Some(nth) = ctx.cap(c, "ord").and_then(|ord| nth_of(ctx, ord)) else {
        return vec![];
    };
    vec![parsed(
        ctx,
        if weekend {
            "<nth> weekend"
        } else {
            "<nth> week"
        },
        Expr::NthWeek { nth, weekend },
        Support::Modifier,
    )]
}

pub(super) fn produce_nth_weekday(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if c.name("wk").is_some() || c.name("wen").is_some() {
        return produce_nth_week(c, ctx, c.name("wen").is_some());
    }
    let (Some(nth), Some(weekday)) = (
        ctx.cap(c, "ord").and_then(|ord| nth_of(ctx, ord)),
        ctx.cap(c, "wd").and_then(|w| lookup(ctx.lex.weekdays, w)),
    ) else {
        return vec![];
    };
    // Alone it is a weekday with an odd word before it; only a month after it makes a date.
    vec![parsed(
        ctx,
        "<nth> <weekday>",
        Expr::NthWeekday { nth, weekday },
        Support::Modifier,
    )]
}

pub(super) fn produce_weekday_day(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let wd_word = ctx.cap(c, "wd").unwrap_or("");
    let Some(weekday) = lookup(ctx.lex.weekdays, wd_word).or_else(|| {
        // Abbreviations only capitalised: "Sun" the weekday, not "sun".
        is_capitalised(wd_word)
            .then(|| lookup(ctx.lex.weekday_abbrevs, wd_word))
            .flatten()
    }) else {
        return vec![];
    };
    let Some(day) = day_of(c, ctx) else {
        return vec![];
    };
    let rest = after(ctx.text, ctx.end, 3);
    let rb = rest.as_bytes();
    if rest
        .trim_start()
        .starts_with(|ch: char| ch.is_ascii_digit())
        || rest.starts_with([':', 'h', 'H'])
        || (rb.len() >= 2 && matches!(rb[0], b'/' | b'.' | b'-') && rb[1].is_ascii_digit())
    {
        // "lundi 14h30", "Monday 10 000": not a day of the month.
        return vec![];
    }
    if c.name("dayw").is_some() && counts_next_word(ctx, &[ctx.lex.months, ctx.lex.month_abbrevs]) {
        // "announced on Friday the second presidential debate": the ordinal counts debates.
        return vec![];
    }
    vec![parsed(
        ctx,
        "<weekday> <day>",
        Expr::WeekdayDay { weekday, day },
        Support::Strong,
    )]
}

fn count_of(c: &Captures, ctx: &RuleCtx) -> Option<i64> {
    let n = ctx.cap(c, "n")?;
    n.parse::<i64>().ok().or_else(|| lookup(ctx.lex.numbers, n))
}

/// The count in the unit's own terms: "a fortnight" is 2 weeks.
fn scaled_count(c: &Captures, ctx: &RuleCtx) -> Option<i64> {
    let scale = ctx
        .cap(c, "unit")
        .and_then(|w| lookup(ctx.lex.unit_multiples, w))
        .unwrap_or(1);
    count_of(c, ctx)?.checked_mul(scale)
}

pub(super) fn produce_offset_ago(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if c.name("wd").is_some() {
        return weekday_count(c, ctx, -1);
    }
    let (Some(n), Some(unit)) = (
        scaled_count(c, ctx),
        ctx.cap(c, "unit").and_then(|w| lookup(ctx.lex.units, w)),
    ) else {
        return vec![];
    };
    if n > 500 {
        return vec![];
    }
    vec![parsed(
        ctx,
        "<n> <unit> ago",
        Expr::Offset { unit, count: -n },
        Support::Strong,
    )]
}

pub(super) fn produce_offset_later(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if c.name("wd").is_some() {
        return weekday_count(c, ctx, 1);
    }
    let (Some(n), Some(unit)) = (
        scaled_count(c, ctx),
        ctx.cap(c, "unit").and_then(|w| lookup(ctx.lex.units, w)),
    ) else {
        return vec![];
    };
    if n > 500 {
        return vec![];
    }
    let article = ctx
        .cap(c, "n")
        .is_some_and(|w| !w.starts_with(|ch: char| ch.is_ascii_digit()) && n == 1);
    let from_now = ctx.text.get(ctx.start..ctx.end).is_some_and(|m| {
        let m = normalise_word(m);
        ctx.lex.later_after.iter().any(|w| m.ends_with(w))
    });
    if article
        && !from_now
        && ctx.lex.months_capitalised
        && matches!(unit, Unit::Month | Unit::Quarter | Unit::Half | Unit::Year)
    {
        // "rose 9% in a year" is a duration as often as "in a year" is a date; "a year from
        // now" is a date.
        return vec![];
    }
    vec![parsed(
        ctx,
        "in <n> <unit>",
        Expr::Offset { unit, count: n },
        Support::Strong,
    )]
}

/// The signed number of seconds of a clock amount ("3 hours", "half an hour").
fn clock_seconds(c: &Captures, ctx: &RuleCtx) -> Option<i64> {
    if let Some(span) = ctx.cap(c, "cs") {
        return lookup(ctx.lex.clock_spans, span);
    }
    let n = count_of(c, ctx)?;
    let unit = lookup(ctx.lex.clock_units, ctx.cap(c, "cu")?)?;
    // More than 30 days of clock units is a duration, not a moment from now.
    (n <= 30 * 24 * 60)
        .then(|| n * unit)
        .filter(|s| *s <= 30 * 86_400)
}

pub(super) fn produce_clock_ago(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(s) = clock_seconds(c, ctx) else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "<n> <clock unit> ago",
        Expr::ClockOffset { seconds: -s },
        Support::Strong,
    )]
}

pub(super) fn produce_clock_later(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(s) = clock_seconds(c, ctx) else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "in <n> <clock unit>",
        Expr::ClockOffset { seconds: s },
        Support::Strong,
    )]
}

/// "the next 3 months", "past two weeks", "3 derniers jours", "2 années passées": whole units
/// next to the anchor's own.
pub(super) fn produce_period_span(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(n), Some(unit)) = (
        scaled_count(c, ctx),
        ctx.cap(c, "unit").and_then(|w| lookup(ctx.lex.units, w)),
    ) else {
        return vec![];
    };
    let direction = ctx
        .cap(c, "sb")
        .and_then(|w| lookup(ctx.lex.shift_before, w))
        .or_else(|| {
            ctx.cap(c, "sm")
                .and_then(|w| lookup(ctx.lex.span_between, w))
        })
        .or_else(|| ctx.cap(c, "sa").and_then(|w| lookup(ctx.lex.span_after, w)));
    let Some(direction) = direction.filter(|d| *d != 0) else {
        return vec![];
    };
    if !(1..=100).contains(&n) {
        return vec![];
    }
    vec![parsed(
        ctx,
        "<shift> <n> <unit>",
        Expr::PeriodSpan {
            unit,
            count: n * i64::from(direction.signum()),
        },
        Support::Strong,
    )]
}
