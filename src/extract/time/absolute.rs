//! Rule functions for calendar expressions: day-month-year in words or digits, months,
//! years, quarters, halves, fiscal years, decades, seasons, ISO weeks, a day of the month.
//!
//! Each function turns one rule's match into unresolved expressions ([`Expr`]) or refuses
//! it (a version number, a count of employees, a first name); choosing a year when the text
//! leaves it open is `resolve.rs`'s job.

use regex::Captures;

use super::grammar::{
    Expr, Parsed, RuleCtx, Support, TimeOfDay, after, bare_month_support, before, counts_next_word,
    day_of, day_word_before, glued_to_number, is_capitalised, month_of, next_word, parsed,
    parsed_at, previous_word, strip_elision, two_digit_year, year_of,
};
use super::lexicon::{Direction, HolidayDate, TimeLexicon, Unit, lookup, normalise_word};

/// Does the clause end right here (end of text or a closing punctuation mark)?
fn ends_clause(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\u{a0}'])
        .chars()
        .next()
        .is_none_or(|ch| matches!(ch, '.' | ',' | ';' | '!' | '?' | ')' | '"' | '»' | '\n'))
}

pub(super) fn produce_day_month(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(day), Some(month)) = (day_of(c, ctx), month_of(c, ctx)) else {
        return vec![];
    };
    // "31 octobre 74" is a year where the clause ends; in "le 31 octobre 74 salariés" the
    // number counts something: the date ends with the month.
    let short;
    let (ctx, year) = match c.name("month") {
        Some(m) if c.name("yyb").is_some() && !ends_clause(&ctx.text[ctx.end..]) => {
            short = RuleCtx {
                end: ctx.base + m.end(),
                ..*ctx
            };
            (&short, None)
        }
        _ => (ctx, year_of(c, ctx)),
    };
    let mword = ctx.cap(c, "month").unwrap_or("");
    let b = before(ctx.text, ctx.start, 2).as_bytes();
    if b.last().is_some_and(|ch| matches!(ch, b'$' | b'#'))
        || before(ctx.text, ctx.start, 3).ends_with(['€', '£'])
        || (b.len() == 2 && b[0].is_ascii_digit() && matches!(b[1], b'.' | b','))
    {
        // "$12 December 27", "6,107.31 August": the number belongs to an amount.
        return vec![];
    }
    let matched = ctx.text[ctx.start..ctx.end].to_lowercase();
    if matched.contains(" -") || matched.contains("- ") {
        // "July 13 - July 15": a spaced dash separates the ends of a range; "13-July" stays.
        return vec![];
    }
    let joined = ctx.lex.day_month_joiners.iter().any(|j| {
        matched.contains(&format!(" {j} "))
            || matched.contains(&format!(" {j}")) && j.ends_with('\'')
    });
    if year.is_none()
        && !joined
        && ctx.lex.months_capitalised
        && !is_capitalised(mword)
        && ctx
            .lex
            .ambiguous_months
            .contains(&normalise_word(mword).as_str())
    {
        // "3 may be": a modal verb after a number ("first of march" is a date).
        return vec![];
    }
    if year.is_none()
        && ctx.cap(c, "dayw").is_some()
        && ctx.cap(c, "wd").is_none()
        && lookup(ctx.lex.months, mword).is_none()
    {
        // "second of March" is a date, but "second mar" is too terse.
        return vec![];
    }
    let shift = ctx
        .cap(c, "sa")
        .and_then(|w| lookup(ctx.lex.shift_after, w));
    let mut p = parsed(
        ctx,
        if year.is_some() {
            "<day> <month> <year>"
        } else if shift.is_some() {
            "<day> <month> <shift>"
        } else {
            "<day> <month>"
        },
        Expr::Date { year, month, day },
        Support::Strong,
    );
    // "le 29 décembre dernier" is in the past whatever the sentence's tense.
    p.cue = match shift {
        Some(s) if s < 0 => Some(Direction::Past),
        Some(s) if s > 0 => Some(Direction::Future),
        _ => None,
    };
    vec![p]
}

pub(super) fn produce_month_day(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(day), Some(month)) = (day_of(c, ctx), month_of(c, ctx)) else {
        return vec![];
    };
    let mword = ctx.cap(c, "month").unwrap_or("");
    let year = year_of(c, ctx);
    if !ctx.lex.months_capitalised && !is_capitalised(mword) {
        // French writes the day first; "juin 3 banques" is a month then a count.
        return vec![];
    }
    if ctx.lex.months_capitalised
        && !is_capitalised(mword)
        && year.is_none()
        && ctx
            .lex
            .ambiguous_months
            .contains(&normalise_word(mword).as_str())
    {
        // "may 3": a modal and a number; "march 3 2015" with its year is a date.
        return vec![];
    }
    let prev = before(ctx.text, ctx.start, 4);
    let prev_day = prev.trim_end_matches(' ');
    if year.is_none()
        && prev.len() > prev_day.len()
        && prev_day
            .rsplit(|ch: char| !ch.is_ascii_digit())
            .next()
            .is_some_and(|d| (1..=2).contains(&d.len()))
    {
        // "On 3 March 15 people died": the day came first; the number after counts.
        return vec![];
    }
    let rest = after(ctx.text, ctx.end, 8);
    if year.is_none()
        && (rest.starts_with(|ch: char| ch.is_ascii_digit())
            || rest
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit())
            || rest.starts_with(['%', '.', ','])
                && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()))
    {
        // "June 3 000": a number after a month, not a day.
        return vec![];
    }
    vec![parsed(
        ctx,
        if year.is_some() {
            "<month> <day> <year>"
        } else {
            "<month> <day>"
        },
        Expr::Date { year, month, day },
        Support::Strong,
    )]
}

pub(super) fn produce_day_range(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(d1), Some(day), Some(month)) = (ctx.num(c, "d1"), day_of(c, ctx), month_of(c, ctx))
    else {
        return vec![];
    };
    if !(1..=31).contains(&d1) || d1 >= day {
        return vec![];
    }
    let year = year_of(c, ctx);
    // The first end keeps its ordinal suffix ("du 13e au 15"): what follows it is the
    // connector alone.
    let (Some(m1), Some(m2)) = (c.name("d1w"), c.name("day").or(c.name("dayw"))) else {
        return vec![];
    };
    vec![
        parsed_at(
            ctx.base + m1.start(),
            ctx.base + m1.end(),
            "<day> … <day> <month> (range start)",
            Expr::Date {
                year,
                month,
                day: d1,
            },
            Support::Strong,
        ),
        parsed_at(
            ctx.base + m2.start(),
            ctx.end,
            "<day> <month> <year> (range end)",
            Expr::Date { year, month, day },
            Support::Strong,
        ),
    ]
}

/// "du 4 au 22 de ce mois", "from the 10th to the 15th of next month": the two ends of a
/// range of days in a month counted from the anchor's; `range.rs` joins them.
pub(super) fn produce_shifted_month_day_range(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let unit = ctx
        .cap(c, "unit")
        .or(ctx.cap(c, "unit2"))
        .and_then(|w| lookup(ctx.lex.units, w));
    let shift = ctx.shift(c);
    let (Some(d1), Some(day), Some(Unit::Month), Some(shift)) =
        (ctx.num(c, "d1"), day_of(c, ctx), unit, shift)
    else {
        return vec![];
    };
    if !(1..=31).contains(&d1) || d1 >= day || glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let (Some(m1), Some(m2)) = (c.name("d1w"), c.name("day").or(c.name("dayw"))) else {
        return vec![];
    };
    vec![
        parsed_at(
            ctx.base + m1.start(),
            ctx.base + m1.end(),
            "<day> … <day> of <shifted month> (range start)",
            Expr::DayOfShiftedMonth { day: d1, shift },
            Support::Strong,
        ),
        parsed_at(
            ctx.base + m2.start(),
            ctx.end,
            "<day> of <shifted month> (range end)",
            Expr::DayOfShiftedMonth { day, shift },
            Support::Strong,
        ),
    ]
}

/// "July 13-15", "November 19 to 20", "Sept. 3 through 5, 2024": the two ends of a range
/// written once with the month first; `range.rs` joins them.
pub(super) fn produce_month_day_range(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(d1), Some(day), Some(month)) = (ctx.num(c, "d1"), day_of(c, ctx), month_of(c, ctx))
    else {
        return vec![];
    };
    if !(1..=31).contains(&d1) || d1 >= day {
        return vec![];
    }
    let year = year_of(c, ctx);
    let (Some(m1), Some(m2)) = (c.name("d1"), c.name("day").or(c.name("dayw"))) else {
        return vec![];
    };
    vec![
        parsed_at(
            ctx.start,
            ctx.base + m1.end(),
            "<month> <day> … <day> (range start)",
            Expr::Date {
                year,
                month,
                day: d1,
            },
            Support::Strong,
        ),
        parsed_at(
            ctx.base + m2.start(),
            ctx.end,
            "<month> … <day> <year> (range end)",
            Expr::Date { year, month, day },
            Support::Strong,
        ),
    ]
}

/// "Jan-Feb 2017", "sept.-oct. 2020": an abbreviated month glued by a dash before a month and
/// its year opens a range with it. Alone, an abbreviation says too little ("Oct", "de sept
/// autres"); a full month name before the dash is found by its own rule.
fn abbreviated_month_before(ctx: &RuleCtx, month: u32, year: i32) -> Option<Parsed> {
    let head = ctx.text.get(..ctx.start)?;
    let dash = head.strip_suffix(['-', '–'])?;
    let word_end = dash.strip_suffix('.').unwrap_or(dash).len();
    let word_start = dash[..word_end].trim_end_matches(char::is_alphabetic).len();
    let word = &dash[word_start..word_end];
    if word.is_empty()
        || dash[..word_start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        || lookup(ctx.lex.months, word).is_some()
    {
        return None;
    }
    let first = lookup(ctx.lex.month_abbrevs, word).filter(|&m| m < month)?;
    let at = RuleCtx {
        start: word_start,
        end: dash.len(),
        ..*ctx
    };
    Some(parsed(
        &at,
        "<abbreviated month> (range start)",
        Expr::Month {
            year: Some(year),
            month: first,
            shift: None,
        },
        Support::Strong,
    ))
}

/// "le quinze août", "le vingt et un mai 2019": the month with the day written in words before
/// it (`day_word_before`), as one date.
fn with_day_word(ctx: &RuleCtx, month: u32, year: Option<i32>) -> Option<Parsed> {
    let (start, day) = day_word_before(ctx.text, ctx.start, ctx.lex)?;
    let whole = RuleCtx { start, ..*ctx };
    Some(parsed(
        &whole,
        if year.is_some() {
            "<day> <month> <year>"
        } else {
            "<day> <month>"
        },
        Expr::Date { year, month, day },
        Support::Strong,
    ))
}

pub(super) fn produce_month_year(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(month), Some(year)) = (month_of(c, ctx), year_of(c, ctx)) else {
        return vec![];
    };
    if let Some(p) = with_day_word(ctx, month, Some(year)) {
        return vec![p];
    }
    if let Some(first) = abbreviated_month_before(ctx, month, year) {
        return vec![
            first,
            Parsed {
                rule: "<month> <year> (range end)",
                ..parsed(
                    ctx,
                    "",
                    Expr::Month {
                        year: Some(year),
                        month,
                        shift: None,
                    },
                    Support::Strong,
                )
            },
        ];
    }
    vec![parsed(
        ctx,
        "<month> <year>",
        Expr::Month {
            year: Some(year),
            month,
            shift: None,
        },
        Support::Strong,
    )]
}

pub(super) fn produce_month(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(month) = month_of(c, ctx) else {
        return vec![];
    };
    let shift = ctx.shift(c);
    if shift.is_none()
        && let Some(p) = with_day_word(ctx, month, None)
    {
        return vec![p];
    }
    let mword = ctx.cap(c, "month").unwrap_or("");
    let support = if shift.is_some() {
        if ctx.lex.months_capitalised && !is_capitalised(mword) {
            Support::Context
        } else {
            Support::Strong
        }
    } else {
        let Some(s) = bare_month_support(mword, ctx) else {
            return vec![];
        };
        s
    };
    vec![parsed(
        ctx,
        match shift {
            Some(_) => "<month> <shift>",
            None => "<month>",
        },
        Expr::Month {
            year: None,
            month,
            shift,
        },
        support,
    )]
}

fn valid_ymd(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

pub(super) fn produce_iso_date(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if ctx.cap(c, "s1") != ctx.cap(c, "s2") || glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let (Some(y), Some(m), Some(d)) = (ctx.cap(c, "y"), ctx.num(c, "m"), ctx.num(c, "d")) else {
        return vec![];
    };
    let Ok(y) = y.parse::<i32>() else {
        return vec![];
    };
    if !(1000..2200).contains(&y) || !valid_ymd(y, m, d) {
        return vec![];
    }
    vec![parsed(
        ctx,
        if ctx.cap(c, "s1").is_some() {
            "<yyyy>-<mm>-<dd>"
        } else {
            "<yyyymmdd>"
        },
        Expr::Date {
            year: Some(y),
            month: m,
            day: d,
        },
        Support::Strong,
    )]
}

/// "2024-09-10T06:00:00+02:00" (feeds, metadata): the local date and time as written; the
/// offset is dropped, the value keeps the writer's wall clock.
pub(super) fn produce_iso_datetime(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(y), Some(m), Some(d), Some(hour), Some(minute)) = (
        ctx.cap(c, "y").and_then(|y| y.parse::<i32>().ok()),
        ctx.num(c, "m"),
        ctx.num(c, "d"),
        ctx.num(c, "h"),
        ctx.num(c, "mi"),
    ) else {
        return vec![];
    };
    if !(1000..2200).contains(&y) || !valid_ymd(y, m, d) {
        return vec![];
    }
    let mut p = parsed(
        ctx,
        "<iso date-time>",
        Expr::Date {
            year: Some(y),
            month: m,
            day: d,
        },
        Support::Strong,
    );
    p.time = Some(TimeOfDay {
        hour,
        minute: Some(minute),
        second: ctx.num(c, "s"),
    });
    vec![p]
}

pub(super) fn produce_numeric_date(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(s1), Some(s2)) = (ctx.cap(c, "s1"), ctx.cap(c, "s2")) else {
        return vec![];
    };
    let c_str = ctx.cap(c, "c").unwrap_or("");
    if s1 != s2 && !(s2 == "," && c_str.len() == 4) {
        return vec![];
    }
    if s1 == "." && c_str.len() != 4 {
        // "2.4.10" is a version number.
        return vec![];
    }
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let (Some(a), Some(b), Ok(y)) = (ctx.num(c, "a"), ctx.num(c, "b"), c_str.parse::<i32>()) else {
        return vec![];
    };
    let year = if c_str.len() == 2 {
        two_digit_year(y)
    } else {
        y
    };
    let Some((month, day)) = day_month_order(a, b, ctx.lex) else {
        return vec![];
    };
    if !valid_ymd(year, month, day) {
        return vec![];
    }
    vec![parsed(
        ctx,
        if ctx.lex.months_capitalised {
            "<mm>/<dd>/<yyyy>"
        } else {
            "<dd>/<mm>/<yyyy>"
        },
        Expr::Date {
            year: Some(year),
            month,
            day,
        },
        Support::Strong,
    )]
}

/// French writes day/month; English (US) month/day, unless the first number cannot be a
/// month.
fn day_month_order(a: u32, b: u32, lex: &TimeLexicon) -> Option<(u32, u32)> {
    let month_first = lex.months_capitalised && a <= 12 && (1..=31).contains(&b);
    let (month, day) = if month_first { (a, b) } else { (b, a) };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

/// Day-month shapes that mostly name something else, in either language: "24/7" (always),
/// "24/24" (round the clock) are dates only after an article ("le 24/7"); "the 9/11 attacks"
/// are not 11 September of the anchor's year.
const ROUND_THE_CLOCK: &[&str] = &["24/7", "24/24"];
const NAMED_EVENTS: &[&str] = &["9/11"];

pub(super) fn produce_numeric_day_month(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(a_str), Some(b_str)) = (ctx.cap(c, "a"), ctx.cap(c, "b")) else {
        return vec![];
    };
    let shape = format!("{a_str}/{b_str}");
    if NAMED_EVENTS.contains(&shape.as_str()) {
        return vec![];
    }
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let rest = after(ctx.text, ctx.end, 3);
    if rest.starts_with(['%', '€', '$']) || rest.trim_start().starts_with(['%', '€']) {
        return vec![];
    }
    let prev = previous_word(ctx.text, ctx.start).map(normalise_word);
    let introduced = prev.as_deref().is_some_and(|w| {
        matches!(
            w,
            "le" | "du" | "au" | "on" | "the" | "from" | "until" | "sur" | "by"
        ) || lookup(ctx.lex.weekdays, w).is_some()
    });
    if !introduced && ROUND_THE_CLOCK.contains(&shape.as_str()) {
        return vec![];
    }
    // "1/2" and "3/4" are fractions; a two-digit part or an article makes a date.
    if !(introduced || a_str.len() == 2 || b_str.len() == 2) {
        return vec![];
    }
    let (Some(a), Some(b)) = (ctx.num(c, "a"), ctx.num(c, "b")) else {
        return vec![];
    };
    let Some((month, day)) = day_month_order(a, b, ctx.lex) else {
        return vec![];
    };
    if !valid_ymd(2000, month, day) {
        return vec![];
    }
    vec![parsed(
        ctx,
        if ctx.lex.months_capitalised {
            "<mm>/<dd>"
        } else {
            "<dd>/<mm>"
        },
        Expr::Date {
            year: None,
            month,
            day,
        },
        Support::Strong,
    )]
}

pub(super) fn produce_numeric_month_year(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let (Some(m), Some(y)) = (
        ctx.num(c, "m"),
        ctx.cap(c, "y").and_then(|y| y.parse::<i32>().ok()),
    ) else {
        return vec![];
    };
    if !(1..=12).contains(&m) {
        return vec![];
    }
    let m_str = ctx.cap(c, "m").unwrap_or("");
    let matched = &ctx.text[ctx.start..ctx.end];
    if matched.starts_with(|ch: char| ch.is_ascii_digit())
        && matched
            .get(..4)
            .is_some_and(|p| p.chars().all(|ch| ch.is_ascii_digit()))
        && matched.contains('-')
        && m_str.len() != 2
    {
        // "2015-3" is more often a score or a range than March 2015; ISO writes "2015-03".
        return vec![];
    }
    vec![parsed(
        ctx,
        "<mm>/<yyyy>",
        Expr::Month {
            year: Some(y),
            month: m,
            shift: None,
        },
        Support::Strong,
    )]
}

pub(super) fn produce_letter_period(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(letter), Some(n)) = (ctx.cap(c, "letter"), ctx.num(c, "q")) else {
        return vec![];
    };
    let year = year_of(c, ctx);
    let upper = letter.to_uppercase();
    let is_quarter = ctx.lex.quarter_letters.contains(&upper.as_str());
    // Only "Q" may be lowercase ("q3 2019"); "T2", "S1", "H1" need their capital, and "T"
    // and "S" need a year ("T2" is also a flat size, "S1" a seat).
    if letter != upper && upper != "Q" {
        return vec![];
    }
    if year.is_none() && (upper == "T" || upper == "S") {
        return vec![];
    }
    let after_text = after(ctx.text, ctx.end, 2);
    if after_text.starts_with(|ch: char| ch.is_alphanumeric()) {
        return vec![];
    }
    if is_quarter {
        vec![parsed(
            ctx,
            "<quarter letter><n> <year>",
            Expr::Quarter { year, quarter: n },
            Support::Strong,
        )]
    } else if n <= 2 {
        vec![parsed(
            ctx,
            "<half letter><n> <year>",
            Expr::Half { year, half: n },
            if year.is_some() {
                Support::Strong
            } else {
                Support::Context
            },
        )]
    } else {
        vec![]
    }
}

pub(super) fn produce_ordinal_period(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(ord), Some(unit)) = (ctx.cap(c, "ord"), ctx.cap(c, "unit")) else {
        return vec![];
    };
    let Some(n) = lookup(ctx.lex.ordinals, ord) else {
        return vec![];
    };
    let year = year_of(c, ctx);
    let unit = normalise_word(unit);
    if ctx.lex.quarter_words.contains(&unit.as_str()) {
        if !(1..=4).contains(&n) {
            return vec![];
        }
        return vec![parsed(
            ctx,
            "<ordinal> quarter <year>",
            Expr::Quarter { year, quarter: n },
            Support::Strong,
        )];
    }
    if !(1..=2).contains(&n) {
        return vec![];
    }
    // "the first half" of a match is not a date: English "half" without a year needs context.
    let support = if year.is_none() && ctx.lex.months_capitalised {
        Support::Context
    } else {
        Support::Strong
    };
    vec![parsed(
        ctx,
        "<ordinal> half <year>",
        Expr::Half { year, half: n },
        support,
    )]
}

pub(super) fn produce_fiscal(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(fy) = ctx.cap(c, "fy") else {
        return vec![];
    };
    let Ok(y) = fy.parse::<i32>() else {
        return vec![];
    };
    let year = if fy.len() == 2 { two_digit_year(y) } else { y };
    vec![parsed(
        ctx,
        "fiscal <year>",
        Expr::Year(year),
        Support::Strong,
    )]
}

/// A bare 4-digit number is a year only in a date-like context: after "en", "in", "depuis",
/// "année"…, after a capitalised name ("Euro 2016"), in parentheses, or next to another year
/// ("2015-2016"); never inside a number ("2 024 salariés"), a code ("PO 2024-118") or before
/// a counted noun ("2024 salariés").
pub(super) fn produce_year(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(y) = ctx.cap(c, "year").and_then(|y| y.parse::<i32>().ok()) else {
        return vec![];
    };
    let text = ctx.text;
    let b = before(text, ctx.start, 3);
    let a = after(text, ctx.end, 6);
    let bb = b.as_bytes();
    // Inside a number or a code.
    if bb
        .last()
        .is_some_and(|ch| ch.is_ascii_digit() || matches!(ch, b'.' | b',' | b'/' | b':' | b'#'))
        || (bb.len() >= 2 && matches!(bb[bb.len() - 1], b' ') && bb[bb.len() - 2].is_ascii_digit())
        || b.ends_with('\u{a0}')
            && b.trim_end_matches('\u{a0}')
                .ends_with(|ch: char| ch.is_ascii_digit())
        || b.ends_with('\u{202f}')
    {
        return vec![];
    }
    let a_bytes = a.as_bytes();
    if a.starts_with(['%', '€', '$', '£'])
        || (a_bytes.len() >= 2
            && matches!(a_bytes[0], b'.' | b',' | b'/' | b':')
            && a_bytes[1].is_ascii_digit())
        || (a_bytes.len() >= 4
            && matches!(a_bytes[0], b' ')
            && a_bytes[1..4].iter().all(|ch| ch.is_ascii_digit()))
        || a.trim_start().starts_with(['%', '€', '$'])
    {
        return vec![];
    }
    if a_bytes.first() == Some(&b'-') {
        // "2015-2016" is a season; "2024-118" a code.
        let tail = after(text, ctx.end + 1, 4);
        if !(tail.len() == 4
            && tail
                .parse::<i32>()
                .is_ok_and(|y2| y2 == y + 1 || y2 > y && y2 - y < 20))
        {
            return vec![];
        }
        return vec![parsed(ctx, "<year>-<year>", Expr::Year(y), Support::Strong)];
    }
    if b.ends_with('-') {
        if previous_word(text, ctx.start)
            .map(normalise_word)
            .is_some_and(|w| ctx.lex.year_context.contains(&w.trim_end_matches('-')))
        {
            // "mi-2025", "mid-2025"
            return vec![parsed(
                ctx,
                "<context> <year>",
                Expr::Year(y),
                Support::Strong,
            )];
        }
        let prev = before(text, ctx.start.saturating_sub(1), 4);
        if prev.len() == 4 && prev.parse::<i32>().is_ok_and(|y0| y0 < y && y - y0 < 20) {
            return vec![parsed(ctx, "<year>-<year>", Expr::Year(y), Support::Strong)];
        }
        return vec![];
    }
    if b.ends_with('(') && a.starts_with(')') {
        return vec![parsed(ctx, "(<year>)", Expr::Year(y), Support::Strong)];
    }
    let prev = previous_word(text, ctx.start);
    let prev_norm = prev.map(normalise_word);
    let in_context = prev_norm
        .as_deref()
        .is_some_and(|w| ctx.lex.year_context.contains(&w));
    let after_name = prev.map(strip_elision).is_some_and(|w| {
        is_capitalised(w)
            && w.chars().count() >= 2
            && w.chars().any(|ch| ch.is_lowercase())
            && !ctx.lex.year_context.contains(&normalise_word(w).as_str())
    });
    // "the 2024 election", "its 2023 budget": a determiner, the year, a singular noun.
    let before_noun = prev_norm
        .as_deref()
        .is_some_and(|w| ctx.lex.year_determiners.contains(&w))
        && next_word(text, ctx.end).is_some_and(|n| {
            n.chars().next().is_some_and(char::is_lowercase)
                && !n.ends_with('s')
                && n.chars().count() >= 3
        });
    if before_noun {
        return vec![parsed(
            ctx,
            "<det> <year> <noun>",
            Expr::Year(y),
            Support::Strong,
        )];
    }
    if !(in_context || after_name) {
        return vec![];
    }
    if let Some(next) = next_word(text, ctx.end) {
        let n = normalise_word(next);
        let lowercase_word = next.chars().next().is_some_and(|ch| ch.is_lowercase());
        // After a name ("World Cup 2018 final") only a plural noun makes a count
        // ("Tesla 2000 cars"); after a weak context word any unexpected word does.
        let counted = if after_name && !in_context {
            n.ends_with('s') || n.ends_with('x')
        } else {
            !ctx.lex.year_followers.contains(&n.as_str())
        };
        if lowercase_word && counted {
            let strong_context = prev_norm.as_deref().is_some_and(|w| {
                !matches!(
                    w,
                    "de" | "d'"
                        | "à"
                        | "et"
                        | "ou"
                        | "and"
                        | "or"
                        | "to"
                        | "of"
                        | "for"
                        | "pour"
                        | "than"
                )
            }) && in_context;
            if !strong_context {
                // "plus de 2000 personnes", "Euro 2016 millions"
                return vec![];
            }
        }
    }
    vec![parsed(
        ctx,
        if in_context {
            "<context> <year>"
        } else {
            "<name> <year>"
        },
        Expr::Year(y),
        Support::Strong,
    )]
}

pub(super) fn produce_named_year(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(y) = ctx.cap(c, "year").and_then(|y| y.parse::<i32>().ok()) else {
        return vec![];
    };
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let unit_word = ctx
        .text
        .get(ctx.start..ctx.end)
        .and_then(|m| m.split_whitespace().rev().nth(1))
        .map(normalise_word)
        .unwrap_or_default();
    if unit_word.ends_with('s') {
        // "des années 2000" is a decade (the decade rule), "the years 2019 and 2020" two
        // years: never the one year.
        return vec![];
    }
    vec![parsed(
        ctx,
        "<det> year <year>",
        Expr::Year(y),
        Support::Strong,
    )]
}

pub(super) fn produce_day_of_month(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    if let Some(day) = ctx.num(c, "dayb") {
        // "by the 15", "for the 27!": without its suffix a number is a day only where the
        // clause ends.
        let rest = after(ctx.text, ctx.end, 2);
        let clause_ends = rest.trim_start().is_empty()
            || rest
                .trim_start()
                .starts_with(['.', ',', '!', '?', ';', ':', ')'])
                && !rest
                    .get(1..)
                    .is_some_and(|r| r.starts_with(|ch: char| ch.is_ascii_digit()));
        if !(1..=31).contains(&day) || !clause_ends {
            return vec![];
        }
        let mut p = parsed(ctx, "the <nth>", Expr::DayOfMonth(day), Support::Strong);
        // The span starts at the article: the preposition before it is a prefix ("by" a
        // deadline cue), absorbed like any other.
        if let Some(m) = c.name("bare")
            && let Some((i, ws)) = ctx
                .cap(c, "bare")
                .and_then(|b| b.char_indices().rfind(|(_, ch)| ch.is_whitespace()))
        {
            p.start = ctx.base + m.start() + i + ws.len_utf8();
        }
        return vec![p];
    }
    let Some(day) = ctx.num(c, "day").filter(|d| (1..=31).contains(d)) else {
        return vec![];
    };
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    // "the 20th day of next month": a joiner of several words ("day of") leads on to the
    // month like "of" alone.
    let rest = after(ctx.text, ctx.end, 40).trim_start().to_lowercase();
    let long_joiner = ctx
        .lex
        .day_month_joiners
        .iter()
        .filter(|j| j.contains(' '))
        .filter_map(|j| rest.strip_prefix(j))
        .filter(|r| r.starts_with(char::is_whitespace))
        .any(|r| {
            // Only a month counted from the anchor's follows: "the 3rd day of the trial" is
            // no date.
            let r = r.trim_start();
            ctx.lex.shift_before.iter().any(|(w, _)| {
                r.strip_prefix(w)
                    .filter(|t| t.starts_with(char::is_whitespace))
                    .and_then(|t| t.split_whitespace().next())
                    .and_then(|unit| lookup(ctx.lex.units, unit.trim_end_matches(['.', ','])))
                    == Some(Unit::Month)
            })
        });
    if !long_joiner
        && counts_next_word(
            ctx,
            &[ctx.lex.months, ctx.lex.month_abbrevs, ctx.lex.weekdays],
        )
    {
        // "the 20th century", "the 3rd floor", "the 21st Century", "the 82nd Airborne": a
        // word after the ordinal is what it counts.
        return vec![];
    }
    let support = if ctx.cap(c, "the").is_some() {
        Support::Strong
    } else {
        Support::Context
    };
    vec![parsed(ctx, "the <nth>", Expr::DayOfMonth(day), support)]
}

/// "le 16" alone is anything ("le 16 a gagné"); with a time after it ("le 16 à 18h") it is
/// a day of the month. The candidate only survives joined to that time.
pub(super) fn produce_day_before_time(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let (Some(day), Some(m)) = (
        ctx.num(c, "day").filter(|d| (1..=31).contains(d)),
        c.name("day"),
    ) else {
        return vec![];
    };
    if glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    let mut p = parsed(ctx, "le <n>", Expr::DayOfMonth(day), Support::Modifier);
    p.start = ctx.base + m.start();
    vec![p]
}

pub(super) fn produce_iso_week(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(week) = ctx.num(c, "wk") else {
        return vec![];
    };
    let rest = after(ctx.text, ctx.end, 3);
    if rest.starts_with([',', '.', '%']) && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return vec![];
    }
    vec![parsed(
        ctx,
        "week <n>",
        Expr::IsoWeek {
            year: year_of(c, ctx),
            week,
        },
        Support::Strong,
    )]
}

pub(super) fn produce_holiday(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(word) = ctx.cap(c, "hol") else {
        return vec![];
    };
    let Some(date) = lookup(ctx.lex.holidays, word) else {
        return vec![];
    };
    let year = year_of(c, ctx);
    if year.is_none()
        && is_capitalised(word)
        && next_word(ctx.text, ctx.end)
            .is_some_and(|w| is_capitalised(w) && !w.chars().all(|ch| ch.is_ascii_digit()))
    {
        // "Noël Le Graët", "Easter Island": a name.
        return vec![];
    }
    if refused_holiday(word, date, ctx) {
        return vec![];
    }
    let mut p = parsed(
        ctx,
        "<holiday> <year>",
        Expr::Holiday { year, date },
        Support::Strong,
    );
    // "Noël dernier", "Pâques prochain": the occurrence on that side of the anchor, whatever
    // the tense ("last Christmas" is the prefix "last", a cue).
    let shift = ctx
        .cap(c, "sa")
        .and_then(|w| lookup(ctx.lex.shift_after, w));
    p.cue = match shift {
        Some(s) if s < 0 => Some(Direction::Past),
        Some(s) if s > 0 => Some(Direction::Future),
        _ => None,
    };
    vec![p]
}

/// Names that look like a holiday but are not one: a surname ("Tariq Ramadan": a capitalised
/// word before a Hebrew, Islamic or Chinese holiday's name, unless a preposition or greeting),
/// a war ("the Yom Kippur war", "la guerre du Kippour"), or a common phrase written in lower
/// case ("a spring festival").
fn refused_holiday(word: &str, date: HolidayDate, ctx: &RuleCtx) -> bool {
    let w = normalise_word(word);
    if ctx.lex.holidays_proper_only.contains(&w.as_str()) && !is_capitalised(word) {
        return true;
    }
    // These words are read in both languages: a holiday's name is often quoted in a text of
    // the other language ("the Yom Kippur war" in a French article).
    let both = [
        &crate::extract::lang::en::time::TIME,
        &crate::extract::lang::fr::time::TIME,
    ];
    if next_word(ctx.text, ctx.end).is_some_and(|n| {
        both.iter()
            .any(|l| l.war_after.iter().any(|w| n.eq_ignore_ascii_case(w)))
    }) {
        return true;
    }
    let before_text = before(ctx.text, ctx.start, 24).to_lowercase();
    let before_text = before_text.trim_end();
    if both
        .iter()
        .any(|l| l.war_before.iter().any(|g| before_text.ends_with(g)))
    {
        return true;
    }
    matches!(date, HolidayDate::Lunar(_))
        && is_capitalised(word)
        && previous_word(ctx.text, ctx.start).is_some_and(|p| {
            let p_low = p.to_lowercase().replace('’', "'");
            let p_low = p_low.trim_end_matches('\'');
            is_capitalised(p) && !both.iter().any(|l| l.holiday_openers.contains(&p_low))
        })
}

pub(super) fn produce_season(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(code) = ctx
        .cap(c, "season")
        .and_then(|w| lookup(ctx.lex.seasons, w))
    else {
        return vec![];
    };
    let year = year_of(c, ctx);
    let shift = ctx.shift(c);
    if year.is_none() && shift.is_none() {
        // "été" is also "been"; a season alone says little.
        return vec![];
    }
    vec![parsed(
        ctx,
        "<season> <year>",
        Expr::Season { year, code, shift },
        Support::Strong,
    )]
}

pub(super) fn produce_decade(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let decade = if let Some(d) = ctx.cap(c, "dec").and_then(|d| d.parse::<i32>().ok()) {
        if d < 100 { 1900 + d } else { d }
    } else if let Some(d) = ctx.cap(c, "dec2").and_then(|d| d.parse::<i32>().ok()) {
        1900 + d
    } else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "<decade>",
        Expr::Decade(decade),
        Support::Strong,
    )]
}
