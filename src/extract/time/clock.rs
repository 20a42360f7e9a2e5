//! Rule functions for times of day: "14h30", "2:30 pm", "à 9 heures", "midi et demi", and
//! the part-of-day words ("soir", "morning") that only count beside a date.

use regex::Captures;

use super::grammar::{
    Expr, Parsed, RuleCtx, Support, TimeOfDay, after, before, glued_to_number, is_capitalised,
    parsed,
};
use super::lexicon::lookup;

pub(super) fn produce_time(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(h_str) = ctx.cap(c, "h") else {
        return vec![];
    };
    let Some(mut hour) = h_str
        .parse::<u32>()
        .ok()
        .or_else(|| lookup(ctx.lex.numbers, h_str).map(|n| n as u32))
    else {
        return vec![];
    };
    let minute = ctx.num(c, "mi").or_else(|| {
        ctx.cap(c, "mw")
            .and_then(|w| lookup(ctx.lex.minute_words, w))
    });
    let second = ctx.num(c, "s");
    let ap = ctx
        .cap(c, "ap")
        .or(ctx.cap(c, "ap2"))
        .map(|s| s.to_ascii_lowercase());
    let pm = ctx.cap(c, "pm").is_some() || ap.as_deref() == Some("p");
    let am = ctx.cap(c, "am").is_some() || ap.as_deref() == Some("a");
    let matched = &ctx.text[ctx.start..ctx.end];
    if ctx.cap(c, "sep") == Some(".") && !(pm || am) {
        // "6.45" is a decimal unless "pm" follows ("8.30pm").
        return vec![];
    }
    let colon = ctx.cap(c, "sep").is_some() || matched.contains(':');
    let h_form = matched.contains(['h', 'H']) && !matched.to_lowercase().contains("heure");
    if !(colon
        || h_form
        || pm
        || am
        || matched.to_lowercase().contains("heure")
        || matched.contains("o'clock"))
    {
        let rest = after(ctx.text, ctx.end, 3).trim_start();
        if (1..=12).contains(&hour)
            && !rest.starts_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '%' | '€' | '$'))
            && !glued_to_number(ctx.text, ctx.start, ctx.end)
        {
            let mut p = parsed(ctx, "<hour>", Expr::TimeOnly, Support::JoinOnly);
            p.time = Some(TimeOfDay {
                hour,
                minute: None,
                second: None,
            });
            return vec![p];
        }
        return vec![];
    }
    if ctx.cap(c, "ap2").is_some() && !colon {
        // "4a", "5p": too terse without minutes.
        return vec![];
    }
    if (pm || am) && hour > 12 {
        return vec![];
    }
    if pm && hour < 12 {
        hour += 12;
    }
    if am && hour == 12 {
        hour = 0;
    }
    if colon && glued_to_number(ctx.text, ctx.start, ctx.end) {
        return vec![];
    }
    if !colon && !h_form && !pm && !am && minute.is_none() && hour > 24 {
        return vec![];
    }
    let support = if colon || pm || am || (h_form && minute.is_some()) {
        Support::Strong
    } else {
        Support::TimePrep
    };
    let mut p = parsed(ctx, "<time of day>", Expr::TimeOnly, support);
    p.time = Some(TimeOfDay {
        hour,
        minute,
        second,
    });
    vec![p]
}

pub(super) fn produce_part_word(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(part) = ctx
        .cap(c, "pw")
        .and_then(|w| lookup(ctx.lex.day_part_words, w))
    else {
        return vec![];
    };
    vec![parsed(
        ctx,
        "<part of day>",
        Expr::PartOnly(part),
        Support::Modifier,
    )]
}

pub(super) fn produce_named_time(c: &Captures, ctx: &RuleCtx) -> Vec<Parsed> {
    let Some(w) = ctx.cap(c, "nt") else {
        return vec![];
    };
    if before(ctx.text, ctx.start, 1) == "-" || is_capitalised(w) && !ctx.lex.months_capitalised {
        // "après-midi"; "le Midi" (the South of France).
        return vec![];
    }
    let Some(hour) = lookup(ctx.lex.named_times, w) else {
        return vec![];
    };
    let mut p = parsed(ctx, "<named time>", Expr::TimeOnly, Support::Strong);
    p.time = Some(TimeOfDay {
        hour,
        minute: Some(
            ctx.cap(c, "mw")
                .and_then(|w| lookup(ctx.lex.minute_words, w))
                .unwrap_or(0),
        ),
        second: None,
    });
    vec![p]
}
