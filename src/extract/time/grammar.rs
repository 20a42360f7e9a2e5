//! The shared date grammar: named rules built once per language from its lexicon, each a
//! regex and a function turning a match into an unresolved expression ([`Expr`]).
//!
//! Rules only say what was written ("the 14th of month 12, year unknown"); choosing a year,
//! a week or an interval is the resolver's job (`resolve.rs`), and settling overlaps,
//! prefixes ("fin ", "d'ici ") and date + time pairs is the pipeline's (`mod.rs`).
//!
//! This file holds the shared types, the rule table and the helpers; the rule functions live
//! by family in `absolute.rs` (calendar forms), `relative.rs` (relative to the anchor) and
//! `clock.rs` (times of day).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Captures, Regex};

use super::lexicon::{
    DayPart, Direction, HolidayDate, Modifier, TimeLexicon, Unit, lookup, normalise_word,
};
use super::{absolute, clock, relative};
use crate::extract::Lang;
use crate::extract::lang::{en, fr};

/// What an expression says, before any anchor is applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar day; the year may be unwritten ("14 décembre").
    Date {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// A day and month without a year, with its weekday ("jeudi 28/03"): the weekday picks
    /// the year when the bias alone would pick a year where it does not match.
    DateOnWeekday {
        month: u32,
        day: u32,
        weekday: u32,
    },
    /// A month; `shift` is "dernier" (-1), "prochain" (+1), "this" (0) when written.
    Month {
        year: Option<i32>,
        month: u32,
        shift: Option<i32>,
    },
    Year(i32),
    /// First year of the decade ("les années 1990" → 1990).
    Decade(i32),
    Quarter {
        year: Option<i32>,
        quarter: u32,
    },
    Half {
        year: Option<i32>,
        half: u32,
    },
    Season {
        year: Option<i32>,
        code: &'static str,
        shift: Option<i32>,
    },
    /// A holiday ("Noël", "Thanksgiving 2023"); the year may be unwritten.
    Holiday {
        year: Option<i32>,
        date: HolidayDate,
    },
    /// A holiday in a year relative to the anchor's ("Independence Day of this year", "Noël
    /// de l'année dernière").
    HolidayOfShiftedYear {
        date: HolidayDate,
        shift: i32,
    },
    /// A weekday (1 = Monday); `week_shift` is the week relative to the anchor's when written
    /// ("vendredi prochain" → 1), else the bias chooses. With `by_week`, the shift counts
    /// calendar weeks ("next Friday" = next week's Friday); without, occurrences ("vendredi
    /// prochain" said on a Tuesday = the coming Friday).
    Weekday {
        weekday: u32,
        week_shift: Option<i32>,
        by_week: bool,
    },
    /// A weekday `weeks` whole weeks after its next occurrence on or after the anchor
    /// ("mardi en huit" said on a Tuesday is a week today).
    WeekdayWeeksOn {
        weekday: u32,
        weeks: i64,
    },
    /// The `count`-th such weekday after (positive) or before (negative) the anchor ("3
    /// Fridays from now", "2 Thursdays ago").
    WeekdayCount {
        weekday: u32,
        count: i64,
    },
    /// The week (Monday to Sunday) holding a day ("the week of October 7th").
    WeekOfDate {
        year: Option<i32>,
        month: u32,
        day: u32,
    },
    /// A weekday with a day of the month but no month ("mercredi 13").
    WeekdayDay {
        weekday: u32,
        day: u32,
    },
    /// A day of the month with no month ("the 27th"): the anchor's month or a neighbour.
    DayOfMonth(u32),
    /// A day of a month relative to the anchor's ("the 20th of next month").
    DayOfShiftedMonth {
        day: u32,
        shift: i32,
    },
    /// A month of a year relative to the anchor's ("June next year", "juin de l'année
    /// prochaine").
    MonthOfShiftedYear {
        month: u32,
        shift: i32,
    },
    /// An ISO week number ("week 10", "semaine 12").
    IsoWeek {
        year: Option<i32>,
        week: u32,
    },
    /// "le premier lundi", "the last Friday": waits for the month it belongs to.
    NthWeekday {
        nth: i32,
        weekday: u32,
    },
    /// The n-th (or last, -1) weekday of a month ("the first Monday of March 2024").
    NthWeekdayOfMonth {
        nth: i32,
        weekday: u32,
        year: Option<i32>,
        month: Option<u32>,
        /// The month relative to the anchor's, when written so ("of next month").
        shift: i32,
    },
    /// "la première semaine", "the second week", "the last weekend": waits for the month it
    /// belongs to.
    NthWeek {
        nth: i32,
        weekend: bool,
    },
    /// The n-th (or last, -1) whole week, Monday to Sunday, lying in a month ("the first week
    /// of October 2014", "la dernière semaine de septembre").
    NthWeekOfMonth {
        nth: i32,
        /// The weekend (Saturday and Sunday) whose Saturday is the month's n-th, rather than
        /// a whole week.
        weekend: bool,
        year: Option<i32>,
        month: Option<u32>,
        /// The month relative to the anchor's, when written so ("of this month").
        shift: i32,
    },
    /// The weekend of the anchor's week, shifted ("ce week-end", "last weekend").
    Weekend {
        shift: i32,
    },
    /// The weekend the lean points to ("over the weekend" in a Monday paper is the one just
    /// gone; in a Thursday mail that looks ahead, the coming one).
    NearWeekend,
    /// A day relative to the anchor ("hier" → -1).
    DayOffset(i64),
    /// A part of a day relative to the anchor ("hier soir").
    DayPart {
        offset: i64,
        part: DayPart,
    },
    /// The anchor's unit, shifted ("la semaine dernière" → Week, -1).
    Period {
        unit: Unit,
        shift: i32,
    },
    /// A distance from the anchor ("il y a trois jours" → Day, -3).
    Offset {
        unit: Unit,
        count: i64,
    },
    /// The `count` whole units after (positive) or before (negative) the anchor's own ("the
    /// next 3 months", "2 derniers jours").
    PeriodSpan {
        unit: Unit,
        count: i64,
    },
    /// A distance from the present in clock units ("3 hours ago" → -10800 s).
    ClockOffset {
        seconds: i64,
    },
    /// A time of day with no date of its own.
    TimeOnly,
    /// A part of the day alone ("soir", "evening"): only kept when joined to a date.
    PartOnly(DayPart),
}

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: Option<u32>,
    pub second: Option<u32>,
}

/// How much support a candidate needs from the words before it to count as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// A date by itself.
    Strong,
    /// Needs any context word before it ("en mars", "in May").
    Context,
    /// Needs a modifier, cue or part word ("fin d'année", "la fin de l'année").
    Modifier,
    /// A bare hour ("9h", "9 heures"): needs a time preposition or a date beside it.
    TimePrep,
    /// A bare number that is an hour only beside a part of the day ("at 8 this evening",
    /// "tonight at 11"); nothing before it can vouch for it.
    JoinOnly,
}

/// One expression found by a rule, unresolved.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    pub time: Option<TimeOfDay>,
    /// A part of the day joined to a date ("mardi soir").
    pub day_part: Option<DayPart>,
    pub modifier: Option<Modifier>,
    pub support: Support,
    /// A direction the expression itself gives ("le 29 décembre dernier").
    pub cue: Option<Direction>,
    pub rule: &'static str,
}

/// What a rule's function sees besides its captures.
pub struct RuleCtx<'a> {
    pub text: &'a str,
    pub lex: &'static TimeLexicon,
    pub start: usize,
    pub end: usize,
    /// Where the searched window starts in `text`: capture positions are relative to it.
    pub base: usize,
}

type Produce = fn(&Captures, &RuleCtx) -> Vec<Parsed>;

/// A named rule: its name travels with every mention it produces.
pub struct Rule {
    pub name: &'static str,
    pub regex: Regex,
    pub produce: Produce,
}

/// Everything compiled for one language.
pub struct Grammar {
    pub lex: &'static TimeLexicon,
    pub rules: Vec<Rule>,
    /// All rule patterns in one automaton: which rules can match a window, found in one pass,
    /// so only those run their (slower) capturing search.
    pub rule_set: regex::RegexSet,
    /// Matches a prefix phrase at the very end of a window of text.
    pub prefix: Regex,
    /// Matches a time preposition at the very end of a window.
    pub time_prep: Regex,
    /// Matches what may stand between a date and its time ("à", "at", ",").
    pub date_time_joiner: Regex,
    /// Matches what may stand between a time and its date (", ", "on", "le").
    pub time_date_joiner: Regex,
    /// Matches what may stand between a weekday and a relative week.
    pub weekday_week_joiner: Regex,
    /// Matches the whole text between the two ends of a range ("au", " - ", "until the").
    pub range_connector: Regex,
    /// Like `range_connector`, for the words that join only after an opener ("to", "à").
    pub range_opened_connector: Regex,
    /// Like `range_connector`, for the words that join only after "between" ("and", "et").
    pub range_pair_connector: Regex,
    /// Matches a "between" opener at the very end of a window.
    pub range_pair_opener: Regex,
    /// Matches a range opener ("du", "between the") at the very end of a window.
    pub range_opener: Regex,
    /// Future cue words of a sentence.
    pub future_cue: Regex,
    /// Past cue words of a clause.
    pub past_cue: Regex,
    /// Cheap test: does a text contain anything a rule could start on?
    pub prefilter: AhoCorasick,
}

static FR: LazyLock<Grammar> = LazyLock::new(|| Grammar::build(&fr::time::TIME));
static EN: LazyLock<Grammar> = LazyLock::new(|| Grammar::build(&en::time::TIME));

/// The compiled grammar of a language.
pub fn grammar(lang: Lang) -> &'static Grammar {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// A regex alternation of `words`, longest first, spaces matching any whitespace and
/// apostrophes either form.
pub(super) fn alt<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut ws: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ws.dedup();
    if ws.is_empty() {
        // Matches nothing: keeps the surrounding pattern valid.
        return "[^\\s\\S]".to_string();
    }
    ws.iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+").replace('\'', "'+"))
        .collect::<Vec<_>>()
        .join("|")
}

pub(super) fn keys<T>(list: &'static [(&'static str, T)]) -> impl Iterator<Item = &'static str> {
    list.iter().map(|(k, _)| *k)
}

pub(super) const DAY_NUM: &str = r"[12]\d|3[01]|0?[1-9]";
const YEAR4: &str = r"1[0-9]\d\d|20\d\d|21\d\d";

impl Grammar {
    fn build(lex: &'static TimeLexicon) -> Grammar {
        let month = format!(
            r"(?P<month>(?:{})\b|(?:{})\b\.?)",
            alt(keys(lex.months)),
            alt(keys(lex.month_abbrevs))
        );
        let weekday = format!(r"(?P<wd>(?:{})\b)", alt(keys(lex.weekdays)));
        let weekday_any = format!(
            r"(?P<wd>(?:{})\b|(?:{})\b\.?)",
            alt(keys(lex.weekdays)),
            alt(keys(lex.weekday_abbrevs))
        );
        let suffix = alt(lex.day_suffixes.iter().copied());
        let day = format!(
            r"(?:(?P<day>{DAY_NUM})(?:{suffix})?\b|(?P<dayw>{})\b)",
            alt(keys(lex.ordinals))
        );
        let year = format!(r"(?P<year>{YEAR4})\b");
        let joiners = alt(lex.day_month_joiners.iter().copied());
        let shift_before = alt(keys(lex.shift_before));
        let shift_after = alt(keys(lex.shift_after));
        let units = alt(keys(lex.units));
        let dets = alt(lex.determiners.iter().copied());
        let number = format!(r"(?P<n>\d{{1,3}}|{})", alt(keys(lex.numbers)));
        let ordinal = alt(keys(lex.ordinals));
        let quarter_words = alt(lex.quarter_words.iter().copied());
        let half_words = alt(lex.half_words.iter().copied());

        let r = |name: &'static str, pattern: String, produce: Produce| Rule {
            name,
            regex: Regex::new(&format!("(?i){}", fold_to_ascii(&pattern)))
                .unwrap_or_else(|e| panic!("time rule {name}: {e}")),
            produce,
        };
        let mut rules = vec![
            r(
                "<day> <month> <year>",
                format!(
                    r"\b(?:{weekday_any}\s*,?\s*)?{day}\s*(?:(?:{joiners})\s*)?[-./]?\s*{month}(?:(?:\s+(?:{joiners})\s*|\s*[-,/.]?\s*)(?:{year}|'+(?P<yy>\d\d)\b)|\s+(?P<sa>{shift_after})\b|\s+(?:of\s+)?(?P<yyb>\d\d)\b)?"
                ),
                absolute::produce_day_month,
            ),
            r(
                "<month> <day> <year>",
                format!(
                    r"\b(?:{weekday_any}\s*,?\s*)?{month}\s*[-/.]?\s*(?:the\s+)?{day}(?:(?:\s*,\s*|\s+(?:(?:{joiners})\s+)?){year})?"
                ),
                absolute::produce_month_day,
            ),
            r(
                "<day> <month> range",
                format!(
                    r"\b(?P<d1w>(?P<d1>{DAY_NUM})(?:{suffix})?)\s*(?:-|–|au|jusqu'+au|à|to|till|until|through|thru|and|et(?:\s+le)?)\s*(?:{weekday}\s+)?{day}\s*(?:(?:{joiners})\s*)?{month}(?:\s*,?\s*{year})?"
                ),
                absolute::produce_day_range,
            ),
            r(
                "<day> range of <shifted month>",
                format!(
                    r"\b(?P<d1w>(?P<d1>{DAY_NUM})(?:{suffix})?)\s*(?:-|–|au|jusqu'+au|to|till|until|through|thru|and|et(?:\s+le)?)\s*(?:the\s+)?{day}\s+(?:(?:{joiners}|in)\s+(?P<sb>{shift_before})\s+(?P<unit>{units})\b(?:-ci\b)?|(?:(?:{joiners}|du)\s+)?(?:(?P<det>{dets})\s*)?(?P<unit2>{units})\s+(?P<sa>{shift_after})\b)"
                ),
                absolute::produce_shifted_month_day_range,
            ),
            r(
                "<month> <day> range",
                format!(
                    r"\b{month}\s*(?P<d1>{DAY_NUM})(?:{suffix})?\s*(?:-|–|to|till|until|through|thru|au)\s*{day}(?:\s*,?\s*{year})?"
                ),
                absolute::produce_month_day_range,
            ),
            r(
                "<month> <year>",
                format!(r"\b{month}\s*(?:,|of|de|d'+|-|/)?\s*{year}"),
                absolute::produce_month_year,
            ),
            r(
                "<month>",
                format!(
                    r"\b(?:(?P<sb>{shift_before})\s+)?{month}(?:\s+(?P<sa>{shift_after})\b)?"
                ),
                absolute::produce_month,
            ),
            r(
                "<yyyy>-<mm>-<dd>",
                r"\b(?P<y>\d{4})(?P<s1>[-/.])(?P<m>\d{1,2})(?P<s2>[-/.])(?P<d>\d{1,2})\b".into(),
                absolute::produce_iso_date,
            ),
            r(
                "<dd>/<mm>/<yyyy>",
                r"\b(?P<a>\d{1,2})(?P<s1>[-/.])(?P<b>\d{1,2})(?P<s2>[-/.])(?P<c>\d{4}|\d{2})\b".into(),
                absolute::produce_numeric_date,
            ),
            r(
                "<dd>/<mm>",
                r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})\b".into(),
                absolute::produce_numeric_day_month,
            ),
            r(
                "<mm>/<yyyy>",
                r"\b(?P<m>\d{1,2})\s?[-/]\s?(?P<y>(?:19|20)\d\d)\b".into(),
                absolute::produce_numeric_month_year,
            ),
            r(
                "<yyyy>-<mm>",
                r"\b(?P<y>(?:19|20)\d\d)\s?[-/.]\s?(?P<m>\d{1,2})\b".into(),
                absolute::produce_numeric_month_year,
            ),
            r(
                "<iso date-time>",
                r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d{1,9})?)?(?:Z\b|[+-][01]\d:?[0-5]\d\b)?".into(),
                absolute::produce_iso_datetime,
            ),
            r(
                "<yyyymmdd>",
                r"\b(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])\b".into(),
                absolute::produce_iso_date,
            ),
            r(
                "<quarter letter><n> <year>",
                format!(
                    r"\b(?P<letter>{})(?P<q>[1-4])\b(?:\s*[-/]?\s*{year})?",
                    alt(lex.quarter_letters.iter().chain(lex.half_letters).copied())
                ),
                absolute::produce_letter_period,
            ),
            r(
                "<year> <quarter letter><n>",
                format!(
                    r"\b{year}\s*-?\s*(?P<letter>{})(?P<q>[1-4])\b",
                    alt(lex.quarter_letters.iter().chain(lex.half_letters).copied())
                ),
                absolute::produce_letter_period,
            ),
            r(
                "<ordinal> <quarter|half> <year>",
                format!(
                    r"\b(?P<ord>{ordinal})\s+(?P<unit>{quarter_words}|{half_words})\b(?:\s+(?:of\s+|de\s+|d'+)?(?:l'+année\s+)?{year})?"
                ),
                absolute::produce_ordinal_period,
            ),
            r(
                "fiscal <year>",
                format!(
                    r"\b(?:{})\s*(?:'+)?(?P<fy>(?:19|20)\d\d|\d\d)\b",
                    alt(lex.fiscal_words.iter().copied())
                ),
                absolute::produce_fiscal,
            ),
            r("<year>", r"\b(?P<year>1[5-9]\d\d|20\d\d)\b".into(), absolute::produce_year),
            r(
                "<det> year <year>",
                format!(
                    r"\b(?:(?:{dets})\s*)?(?:{})\s+(?P<year>1[5-9]\d\d|20\d\d)\b",
                    alt(lex.units.iter().filter(|(_, u)| *u == Unit::Year).map(|(k, _)| *k))
                ),
                absolute::produce_named_year,
            ),
            r(
                "<relative day>",
                format!(r"\b(?P<rel>{})\b", alt(keys(lex.relative_days))),
                relative::produce_relative_day,
            ),
            r(
                "<close of day>",
                format!(r"\b(?P<cod>{})\b", alt(lex.close_of_day.iter().copied())),
                relative::produce_close_of_day,
            ),
            r(
                "<weekend>",
                format!(
                    r"\b(?:(?P<we>{})|(?P<wl>{}))\b",
                    alt(keys(lex.weekends)),
                    alt(lex.weekends_by_lean.iter().copied())
                ),
                relative::produce_weekend,
            ),
            r(
                "<part of day>",
                format!(
                    r"\b(?P<dp>{})\b",
                    alt(lex.day_parts.iter().map(|(k, _, _)| *k))
                ),
                relative::produce_day_part,
            ),
            r(
                "<shift> <unit>",
                format!(r"\b(?P<sb>{shift_before})\s+(?P<unit>{units})(?:-ci\b)?\b"),
                relative::produce_period,
            ),
            r(
                "<det> <unit> <shift>",
                format!(
                    r"\b(?:(?P<det>{dets})\s*)?(?P<unit>{units})\s+(?P<sa>{shift_after})\b"
                ),
                relative::produce_period,
            ),
            r(
                "<det> <unit>",
                format!(r"(?:\b(?P<det>{dets})\s*|\b)(?P<unit>{units})\b"),
                relative::produce_bare_period,
            ),
            r(
                "<period end>",
                format!(r"\b(?P<pe>{})\b", alt(keys(lex.period_end_words))),
                relative::produce_period_end,
            ),
            r(
                "<weekday>",
                format!(
                    r"\b(?:(?P<sb>{shift_before})\s+)?(?P<wd>(?:{})\b)(?:\s+(?P<sa>{shift_after})\b|\s+(?P<wo>{})\b)?",
                    alt(keys(lex.weekdays).chain(keys(lex.weekday_abbrevs_alone))),
                    alt(keys(lex.weekday_weeks_on))
                ),
                relative::produce_weekday,
            ),
            r(
                "<nth> <weekday>",
                format!(
                    r"\b(?P<ord>{ordinal}|{})\s+(?:{weekday}|(?P<wk>{})\b|(?P<wen>{})\b)",
                    alt(lex.last_words.iter().copied()),
                    alt(lex
                        .units
                        .iter()
                        .filter(|(k, u)| *u == Unit::Week && !k.ends_with('s'))
                        .map(|(k, _)| *k)),
                    alt(lex.weekend_nouns.iter().copied())
                ),
                relative::produce_nth_weekday,
            ),
            r(
                "<weekday> <day>",
                format!(r"\b{weekday_any}\s*,?\s+(?:the\s+)?{day}"),
                relative::produce_weekday_day,
            ),
            r(
                "<holiday> <year>",
                format!(
                    r"\b(?P<hol>{})\b(?:\s+{year}|\s+(?P<sa>{shift_after})\b)?",
                    alt(keys(lex.holidays))
                ),
                absolute::produce_holiday,
            ),
            r(
                "<season> <year>",
                format!(
                    r"\b(?:(?P<sb>{shift_before})\s+)?(?P<season>{})\b(?:\s+(?P<sa>{shift_after})\b)?(?:\s+(?:de\s+|of\s+)?{year})?",
                    alt(keys(lex.seasons))
                ),
                absolute::produce_season,
            ),
            r(
                "<hh>h<mm>",
                format!(
                    r"\b(?P<h>[01]?\d|2[0-3])\s?[hH](?:\s?(?P<mi>[0-5]\d)\b|\b)(?:\s+(?P<pm>{})|\s+(?P<am>{}))?",
                    alt(lex.pm_words.iter().filter(|w| w.contains(' ')).copied()),
                    alt(lex.am_words.iter().filter(|w| w.contains(' ')).copied())
                ),
                clock::produce_time,
            ),
            r(
                "<hh>:<mm>",
                r"\b(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?:\s?(?P<ap>[ap])(?:\.\s?m\.|\s?m\b)|(?P<ap2>[ap])\b)?".into(),
                clock::produce_time,
            ),
            r(
                "<n> heures",
                format!(
                    r"\b(?P<h>[01]?\d|2[0-3]|{})\s+(?:{})(?:\s+(?P<mi>[0-5]\d)\b|\s+(?P<mw>{})\b)?(?:\s+(?P<pm>{})|\s+(?P<am>{}))?",
                    alt(keys(lex.numbers)),
                    alt(lex.hour_words.iter().copied()),
                    alt(keys(lex.minute_words)),
                    alt(lex.pm_words.iter().filter(|w| w.contains(' ')).copied()),
                    alt(lex.am_words.iter().filter(|w| w.contains(' ')).copied())
                ),
                clock::produce_time,
            ),
            r(
                "<part of day word>",
                format!(r"\b(?P<pw>{})\b", alt(keys(lex.day_part_words))),
                clock::produce_part_word,
            ),
            r(
                "<named time>",
                format!(
                    r"\b(?P<nt>{})\b(?:\s+(?P<mw>{})\b)?",
                    alt(keys(lex.named_times)),
                    alt(keys(lex.minute_words))
                ),
                clock::produce_named_time,
            ),
        ];
        if !lex.day_before_time.is_empty() {
            rules.push(r(
                "le <n> (with a time)",
                format!(
                    r"\b(?:{})\s+(?P<day>{DAY_NUM})(?:{suffix})?\b",
                    alt(lex.day_before_time.iter().copied())
                ),
                absolute::produce_day_before_time,
            ));
        }
        if !lex.day_articles.is_empty() {
            rules.push(r(
                "the <nth>",
                format!(
                    r"\b(?:(?:(?P<the>{})\s+)?(?P<day>{DAY_NUM})(?:{suffix})\b|(?P<bare>{})\s+(?P<dayb>{DAY_NUM})\b)",
                    alt(lex.day_articles.iter().copied()),
                    alt(lex.day_articles_bare.iter().copied())
                ),
                absolute::produce_day_of_month,
            ));
        }
        rules.push(r(
            "week <n>",
            format!(
                r"\b(?:{})\s+(?P<wk>[1-4]\d|5[0-3]|[1-9])\b(?:\s+(?:(?:of|de)\s+)?{year})?",
                alt(lex
                    .units
                    .iter()
                    .filter(|(k, u)| *u == Unit::Week && !k.ends_with('s'))
                    .map(|(k, _)| *k))
            ),
            absolute::produce_iso_week,
        ));
        if !lex.ago_before.is_empty() {
            rules.push(r(
                "il y a <n> <unit>",
                format!(
                    r"\b(?:{})\s+{number}\s+(?P<unit>{units})\b",
                    alt(lex.ago_before.iter().copied())
                ),
                relative::produce_offset_ago,
            ));
        }
        // A unit, or a weekday counted in the plural ("3 Fridays from now", "2 Thursdays ago").
        let unit_or_weekdays = format!(
            r"(?:(?P<unit>{units})|(?P<wd>{})s)",
            alt(keys(lex.weekdays))
        );
        if !lex.ago_after.is_empty() {
            rules.push(r(
                "<n> <unit> ago",
                format!(
                    r"\b{number}\s+{unit_or_weekdays}\s+(?:{})\b",
                    alt(lex.ago_after.iter().copied())
                ),
                relative::produce_offset_ago,
            ));
        }
        if !lex.later_before.is_empty() {
            rules.push(r(
                "in <n> <unit>",
                format!(
                    r"(?:\b|^)(?:{})\s+{number}\s+(?P<unit>{units})\b",
                    alt(lex.later_before.iter().copied())
                ),
                relative::produce_offset_later,
            ));
        }
        if !lex.later_after.is_empty() {
            rules.push(r(
                "<n> <unit> from now",
                format!(
                    r"\b{number}\s+{unit_or_weekdays}\s+(?:{})\b",
                    alt(lex.later_after.iter().copied())
                ),
                relative::produce_offset_later,
            ));
        }
        rules.push(r(
            "<shift> <n> <unit>",
            format!(r"\b(?P<sb>{shift_before})\s+{number}\s+(?P<unit>{units})\b"),
            relative::produce_period_span,
        ));
        if !lex.span_between.is_empty() {
            rules.push(r(
                "<n> <shift> <unit>",
                format!(
                    r"\b{number}\s+(?P<sm>{})\s+(?P<unit>{units})\b",
                    alt(keys(lex.span_between))
                ),
                relative::produce_period_span,
            ));
        }
        if !lex.span_after.is_empty() {
            rules.push(r(
                "<n> <unit> <shift>",
                format!(
                    r"\b{number}\s+(?P<unit>{units})\s+(?P<sa>{})(?:\b|$)",
                    alt(keys(lex.span_after))
                ),
                relative::produce_period_span,
            ));
        }
        let clock_units = alt(keys(lex.clock_units));
        let clock_amount = format!(
            r"(?:{number}\s*(?P<cu>{clock_units})|(?P<cs>{}))",
            alt(keys(lex.clock_spans))
        );
        if !lex.ago_before.is_empty() {
            rules.push(r(
                "il y a <n> <clock unit>",
                format!(
                    r"\b(?:{})\s+{clock_amount}\b",
                    alt(lex.ago_before.iter().copied())
                ),
                relative::produce_clock_ago,
            ));
        }
        if !lex.ago_after.is_empty() {
            rules.push(r(
                "<n> <clock unit> ago",
                format!(
                    r"\b{clock_amount}\s+(?:{})\b",
                    alt(lex.ago_after.iter().copied())
                ),
                relative::produce_clock_ago,
            ));
        }
        if !lex.later_before.is_empty() {
            rules.push(r(
                "in <n> <clock unit>",
                format!(
                    r"(?:\b|^)(?:{})\s+{clock_amount}\b",
                    alt(lex.later_before.iter().copied())
                ),
                relative::produce_clock_later,
            ));
        }
        if !lex.decade_before.is_empty() {
            rules.push(r(
                "les années <decade>",
                format!(
                    r"\b(?:{})\s+(?P<dec>1[5-9]\d0|20\d0|[1-9]0)\b",
                    alt(lex.decade_before.iter().copied())
                ),
                absolute::produce_decade,
            ));
        } else {
            rules.push(r(
                "the <decade>s",
                r"(?:\bthe\s+)?(?:\b(?P<dec>1[5-9]\d0|20\d0)(?:'+)?s\b|'+(?P<dec2>[0-9]0)s\b)"
                    .into(),
                absolute::produce_decade,
            ));
        }

        let prefixes = alt(keys(lex.prefixes));
        let prefix = folded_regex(&format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}'’-])(?P<p>{prefixes})\s*$"
        ))
        .expect("prefix regex");
        let time_prep = folded_regex(&format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}'’-])(?:{})\s*$",
            alt(lex.time_prepositions.iter().copied())
        ))
        .expect("time preposition regex");
        let date_time_joiner = folded_regex(&format!(
            r"(?i)^\s*,?\s*(?:(?:{})\s*)?$",
            alt(lex.date_time_joiners.iter().copied())
        ))
        .expect("date-time joiner regex");
        let time_date_joiner = folded_regex(r"(?i)^\s*(?:,|on|le|du|ce|this|of)?\s*$")
            .expect("time-date joiner regex");
        let weekday_week_joiner = folded_regex(&format!(
            r"(?i)^\s*,?\s*(?:(?:{})\s*)?$",
            alt(lex.weekday_week_joiners.iter().copied())
        ))
        .expect("weekday-week joiner regex");
        let range_articles = alt(lex.range_articles.iter().copied());
        let connector = |words: &'static [&'static str]| {
            folded_regex(&format!(
                r"(?i)^\s*,?\s*(?:{})\s*(?:(?:{range_articles})\s*)?$",
                alt(words.iter().copied())
            ))
            .expect("range connector regex")
        };
        let range_connector = connector(lex.range_connectors);
        let range_opened_connector = connector(lex.range_opened_connectors);
        let range_pair_connector = connector(lex.range_pair_connectors);
        let range_opener = folded_regex(&format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}'’-])(?P<o>{})\s*(?:(?:{range_articles})\s*)?$",
            alt(lex.range_openers.iter().copied())
        ))
        .expect("range opener regex");
        let range_pair_opener = folded_regex(&format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}'’-])(?P<o>{})\s*(?:(?:{range_articles})\s*)?$",
            alt(lex.range_pair_openers.iter().copied())
        ))
        .expect("range pair opener regex");
        let apostrophe_cues: Vec<&str> = lex
            .future_cues
            .iter()
            .copied()
            .filter(|c| c.starts_with('\''))
            .collect();
        let word_cues: Vec<&str> = lex
            .future_cues
            .iter()
            .copied()
            .filter(|c| !c.starts_with('\''))
            .collect();
        let mut future = format!(r"\b(?:{})\b", alt(word_cues));
        if !apostrophe_cues.is_empty() {
            future.push_str(&format!("|(?:{})\\b", alt(apostrophe_cues)));
        }
        if !lex.future_suffix_pattern.is_empty() {
            future.push_str(&format!(r"|\b(?:{})\b", lex.future_suffix_pattern));
        }
        let future_cue = folded_regex(&format!("(?i){future}")).expect("future cue regex");
        let mut past = format!(
            r"(?:^|[^\p{{L}}\p{{N}}'-])(?:{})(?:$|[^\p{{L}}\p{{N}}'-])",
            alt(lex.past_cues.iter().copied())
        );
        if !lex.past_suffix_pattern.is_empty() {
            past.push_str(&format!(r"|\b(?:{})\b", lex.past_suffix_pattern));
        }
        let past_cue = folded_regex(&format!("(?i){past}")).expect("past cue regex");

        let mut anchors: Vec<&str> = Vec::new();
        anchors.extend(keys(lex.months));
        anchors.extend(keys(lex.month_abbrevs));
        anchors.extend(keys(lex.weekdays));
        anchors.extend(keys(lex.weekday_abbrevs_alone));
        anchors.extend(keys(lex.relative_days));
        anchors.extend(lex.day_parts.iter().map(|(k, _, _)| *k));
        anchors.extend(keys(lex.units));
        anchors.extend(keys(lex.clock_units));
        anchors.extend(keys(lex.clock_spans));
        anchors.extend(keys(lex.named_times));
        anchors.extend(keys(lex.seasons));
        anchors.extend(keys(lex.weekends));
        anchors.extend(keys(lex.holidays));
        anchors.extend(keys(lex.period_end_words));
        anchors.extend(lex.quarter_words.iter().copied());
        anchors.extend(lex.half_words.iter().copied());
        anchors.extend(lex.fiscal_words.iter().copied());
        anchors.extend(lex.hour_words.iter().copied());
        anchors.extend(lex.close_of_day.iter().copied());
        // "journée" counts only joined to a date, whose own window reaches it: no window of
        // its own ("la journée de mobilisation" is common and dateless).
        anchors.extend(
            lex.day_part_words
                .iter()
                .filter(|(_, p)| *p != DayPart::Daytime)
                .map(|(k, _)| *k),
        );
        anchors.extend(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        // One word of each multi-word entry is enough to know a rule may fire: its longest,
        // which is its rarest ("ascension" of "the prophet's ascension", not "the", which
        // would open a window at every article); the window's margin reaches the words
        // before it. The automaton folds ASCII case only, so accented words get their
        // capitalised and upper-case forms too ("Été", "ÉTÉ").
        let mut firsts: Vec<String> = anchors
            .iter()
            .map(|a| {
                a.split([' ', '\'', '’', '-'])
                    .rev()
                    .max_by_key(|w| w.chars().count())
                    .unwrap_or(a)
                    .to_string()
            })
            .filter(|a| !a.is_empty())
            .flat_map(|w| {
                let mut cap = String::new();
                let mut chars = w.chars();
                if let Some(f) = chars.next() {
                    cap.extend(f.to_uppercase());
                    cap.push_str(chars.as_str());
                }
                [w.to_uppercase(), cap, w]
            })
            .collect();
        firsts.sort();
        firsts.dedup();
        let prefilter = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(&firsts)
            .expect("prefilter automaton");

        let rule_set = regex::RegexSet::new(rules.iter().map(|r| r.regex.as_str()))
            .expect("time rules compile as a set");
        Grammar {
            lex,
            rule_set,
            rules,
            prefix,
            time_prep,
            date_time_joiner,
            time_date_joiner,
            weekday_week_joiner,
            range_connector,
            range_opened_connector,
            range_pair_connector,
            range_pair_opener,
            range_opener,
            future_cue,
            past_cue,
            prefilter,
        }
    }

    /// The stretches of `text` worth running the rules on: around each digit or time word
    /// that starts a word, widened by [`WINDOW_MARGIN`] bytes and out to whitespace so that
    /// word boundaries at the edges are real, and merged when they touch. Every rule's match
    /// contains such a word and is shorter than the margin.
    pub fn windows(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for hit in self.prefilter.find_iter(text) {
            let (hs, he) = (hit.start(), hit.end());
            let starts_word = text[..hs]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let is_digit = text.as_bytes().get(hs).is_some_and(u8::is_ascii_digit);
            if !starts_word && !is_digit {
                continue;
            }
            let start = widen_left(text, hs.saturating_sub(WINDOW_MARGIN));
            let end = widen_right(text, (he + WINDOW_MARGIN).min(text.len()));
            match out.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => out.push((start, end)),
            }
        }
        out
    }
}

/// A regex over folded text (see [`fold_to_ascii`]), compiled from a folded pattern.
fn folded_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&fold_to_ascii(pattern))
}

/// An ASCII copy of `s` with the same byte length, so that match positions carry over:
/// accented letters lose their accent and fill their bytes ("é" → "ee", "œ" → "oe"), spaces
/// stay spaces, dashes dashes, apostrophes apostrophes, other symbols become `~`. Rules are
/// compiled from folded patterns and run on folded windows: on ASCII text the regex engine
/// keeps its fast automaton, which Unicode word boundaries otherwise disable.
pub fn fold_to_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let n = c.len_utf8();
        let pair = match c {
            'œ' => Some("oe"),
            'Œ' => Some("OE"),
            'æ' => Some("ae"),
            'Æ' => Some("AE"),
            _ => None,
        };
        if let Some(p) = pair.filter(|p| p.len() == n) {
            out.push_str(p);
            continue;
        }
        let base = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'ç' => 'c',
            'Ç' => 'C',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
            'ý' | 'ÿ' => 'y',
            '’' | '‘' | 'ʼ' | '′' => '\'',
            '–' | '—' | '‐' | '‑' | '−' => '-',
            c if c.is_whitespace() => ' ',
            c if c.is_alphanumeric() => 'x',
            _ => '~',
        };
        out.extend(std::iter::repeat_n(base, n));
    }
    out
}

/// How far around a time word or digit the rules look, in bytes.
pub const WINDOW_MARGIN: usize = 96;

/// Moves `pos` left to a char boundary just after whitespace (at most 48 bytes further).
fn widen_left(text: &str, pos: usize) -> usize {
    let mut p = pos;
    while p > 0 && !text.is_char_boundary(p) {
        p -= 1;
    }
    let floor = p.saturating_sub(48);
    while p > floor && !text[..p].ends_with(char::is_whitespace) {
        p -= 1;
        while p > 0 && !text.is_char_boundary(p) {
            p -= 1;
        }
    }
    p
}

/// Moves `pos` right to a char boundary at whitespace (at most 48 bytes further).
fn widen_right(text: &str, pos: usize) -> usize {
    let mut p = pos;
    while p < text.len() && !text.is_char_boundary(p) {
        p += 1;
    }
    let ceil = (p + 48).min(text.len());
    while p < ceil && !text[p..].starts_with(char::is_whitespace) {
        p += 1;
        while p < text.len() && !text.is_char_boundary(p) {
            p += 1;
        }
    }
    p
}

// ---------------------------------------------------------------------------------------
// Helpers shared by the rule functions.

impl<'a> RuleCtx<'a> {
    /// The original text of a capture (rules match the folded copy of the window, see
    /// [`fold_to_ascii`]; lexicon lookups need the real words).
    pub(super) fn cap(&self, c: &Captures, name: &str) -> Option<&'a str> {
        let m = c.name(name)?;
        self.text.get(self.base + m.start()..self.base + m.end())
    }

    pub(super) fn num(&self, c: &Captures, name: &str) -> Option<u32> {
        self.cap(c, name)?.parse().ok()
    }

    /// The shift a word before (`sb`: "next", "ce") or after (`sa`: "dernier") the expression
    /// gives, if any.
    pub(super) fn shift(&self, c: &Captures) -> Option<i32> {
        self.cap(c, "sb")
            .and_then(|w| lookup(self.lex.shift_before, w))
            .or_else(|| {
                self.cap(c, "sa")
                    .and_then(|w| lookup(self.lex.shift_after, w))
            })
    }
}

pub(super) fn parsed(ctx: &RuleCtx, rule: &'static str, expr: Expr, support: Support) -> Parsed {
    parsed_at(ctx.start, ctx.end, rule, expr, support)
}

/// A candidate over `[start, end)` rather than the whole match: one end of a range that one
/// rule writes whole ("13 to 15 July").
pub(super) fn parsed_at(
    start: usize,
    end: usize,
    rule: &'static str,
    expr: Expr,
    support: Support,
) -> Parsed {
    Parsed {
        start,
        end,
        expr,
        time: None,
        day_part: None,
        modifier: None,
        support,
        cue: None,
        rule,
    }
}

/// The day of month of a `day`/`dayw` capture pair.
pub(super) fn day_of(c: &Captures, ctx: &RuleCtx) -> Option<u32> {
    if let Some(d) = ctx.num(c, "day") {
        return (1..=31).contains(&d).then_some(d);
    }
    lookup(ctx.lex.ordinals, ctx.cap(c, "dayw")?)
}

/// A day in cardinal words right before a month and after its article ("le quinze août",
/// "au vingt et un mai"): `(start, day)`. Looked for only once a month is found: in the
/// shared day pattern these frequent words ("deux", "six", "dix") would wake every date rule.
/// Not "vendu quinze mai", where the number may count.
pub(super) fn day_word_before(
    text: &str,
    month_start: usize,
    lex: &TimeLexicon,
) -> Option<(usize, u32)> {
    let end = text.get(..month_start)?.trim_end_matches(' ').len();
    if end == month_start {
        return None;
    }
    let ends_with = |at: usize, w: &str| {
        at >= w.len()
            && text
                .get(at - w.len()..at)
                .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    let (word, day) = lex
        .day_words
        .iter()
        .filter(|(w, _)| ends_with(end, w))
        .max_by_key(|(w, _)| w.len())?;
    let start = end - word.len();
    let article = ["le ", "du ", "au "].iter().any(|a| {
        ends_with(start, a)
            && text
                .get(..start - a.len())
                .is_some_and(|r| r.chars().last().is_none_or(|ch| !ch.is_alphanumeric()))
    });
    article.then_some((start, *day))
}

pub(super) fn month_of(c: &Captures, ctx: &RuleCtx) -> Option<u32> {
    let w = ctx.cap(c, "month")?;
    lookup(ctx.lex.months, w).or_else(|| lookup(ctx.lex.month_abbrevs, w))
}

pub(super) fn year_of(c: &Captures, ctx: &RuleCtx) -> Option<i32> {
    if let Some(y) = ctx.cap(c, "year") {
        return y.parse().ok();
    }
    ctx.cap(c, "yy")
        .or_else(|| ctx.cap(c, "yyb"))
        .and_then(|y| y.parse::<i32>().ok())
        .map(two_digit_year)
}

/// `05` → 2005, `71` → 1971: two-digit years below 50 are this century's.
pub fn two_digit_year(yy: i32) -> i32 {
    if yy < 50 { 2000 + yy } else { 1900 + yy }
}

/// "l'Euro" → "Euro".
pub(super) fn strip_elision(word: &str) -> &str {
    match word.find(['\'', '’']) {
        Some(i) if i <= 3 => &word[i + word[i..].chars().next().map_or(1, char::len_utf8)..],
        _ => word,
    }
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The text just before `pos` (at most `max` bytes, cut at a char boundary).
pub fn before(text: &str, pos: usize, max: usize) -> &str {
    let mut s = pos.saturating_sub(max);
    while s < pos && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..pos).unwrap_or("")
}

/// The text just after `pos` (at most `max` bytes, cut at a char boundary).
pub fn after(text: &str, pos: usize, max: usize) -> &str {
    let mut e = (pos + max).min(text.len());
    while e > pos && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(pos..e).unwrap_or("")
}

/// Is the word right after a day of the month written without its month what the ordinal
/// counts ("the 20th century", "the 21st Century", "Friday the second presidential debate")?
/// Not when it is a word that may follow a day ("of", "at", `day_followers`) or a name of
/// `names` (months, weekdays: a date goes on).
pub(super) fn counts_next_word(ctx: &RuleCtx, names: &[&[(&'static str, u32)]]) -> bool {
    next_word(ctx.text, ctx.end).is_some_and(|next| {
        next.chars().next().is_some_and(char::is_alphabetic)
            && !ctx
                .lex
                .day_followers
                .contains(&normalise_word(next).as_str())
            && names.iter().all(|names| lookup(names, next).is_none())
    })
}

/// The word right before `pos`, if only spaces separate it.
pub(super) fn previous_word(text: &str, pos: usize) -> Option<&str> {
    let b = before(text, pos, 40);
    let trimmed = b.trim_end_matches([' ', '\u{a0}', '\t']);
    if trimmed.len() == b.len() && !b.is_empty() && !b.ends_with(['\'', '’', '-', '(']) {
        // Glued to something (a letter or digit): no separate previous word.
        return None;
    }
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '\'' || *ch == '’' || *ch == '-'))
        .map(|(i, ch)| i + ch.len_utf8())
        .unwrap_or(0);
    let w = &trimmed[word_start..];
    (!w.is_empty()).then_some(w)
}

/// The word right after `pos`, if only spaces separate it.
pub(super) fn next_word(text: &str, pos: usize) -> Option<&str> {
    let a = after(text, pos, 40);
    let trimmed = a.trim_start_matches([' ', '\u{a0}', '\t']);
    let end = trimmed
        .char_indices()
        .find(|(_, ch)| !(ch.is_alphanumeric() || *ch == '\'' || *ch == '’' || *ch == '-'))
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    let w = &trimmed[..end];
    (!w.is_empty()).then_some(w)
}

/// Numbers glued by a separator on either side ("1.2.3.4", "06-12-34-56"): part of a longer
/// code, not a date.
pub(super) fn glued_to_number(text: &str, start: usize, end: usize) -> bool {
    let b = before(text, start, 2).as_bytes();
    let a = after(text, end, 2).as_bytes();
    let sep = |c: u8| matches!(c, b'-' | b'/' | b'.' | b':' | b',');
    (b.len() == 2 && sep(b[1]) && b[0].is_ascii_digit())
        || (a.len() == 2 && sep(a[0]) && a[1].is_ascii_digit())
        || b.last().is_some_and(|c| c.is_ascii_digit())
        || a.first().is_some_and(|c| c.is_ascii_digit())
}

/// A month word alone is risky ("May I", "la planète Mars", "Avril Lavigne"): how much
/// support it needs.
pub(super) fn bare_month_support(word: &str, ctx: &RuleCtx) -> Option<Support> {
    let lower = normalise_word(word);
    let capitalised = is_capitalised(word);
    if capitalised
        && next_word(ctx.text, ctx.end)
            .is_some_and(|w| is_capitalised(w) && !w.chars().all(|c| c.is_ascii_digit()))
    {
        // "Avril Lavigne", "June Carter": a first name.
        return None;
    }
    let ambiguous = ctx.lex.ambiguous_months.contains(&lower.as_str())
        && (ctx.lex.months_capitalised || capitalised);
    if ctx.lex.months_capitalised && !capitalised {
        if ambiguous
            && next_word(ctx.text, ctx.end).is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && !ctx.lex.day_followers.contains(&normalise_word(w).as_str())
            })
        {
            // "prices fluctuate and may have changed": the verb, whatever comes before it.
            return None;
        }
        return Some(Support::Context);
    }
    // An abbreviation alone ("de sept autres", "Oct") says too little; it needs a day or a
    // year beside it.
    lookup(ctx.lex.months, word)?;
    if ambiguous {
        return Some(Support::Context);
    }
    Some(Support::Strong)
}
