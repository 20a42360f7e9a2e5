//! Date and time ranges: two neighbouring expressions joined by a range word ("du 13 au 15
//! juillet", "from 9:30 to 11:00", "between Monday and Wednesday", "de 2019 à 2021") become
//! ONE mention covering the whole range.
//!
//! Value convention: the TIMEX-style interval string `(start,end,duration)`, where `start`
//! and `end` are the bounds of the half-open `interval` (so `end` is the day after the last
//! day named: "July 13-15" → `(2013-07-13,2013-07-16,P3D)`; "9:30 - 11:00" ends at 11:01,
//! the end of the minute named) and `duration` is counted in the ends' grain (`P3D`, `P2M`,
//! `P3Y`, `PT91M`, `PT11H`). The `interval` field carries the same two bounds.
//!
//! The `range` (`Mention::bounds`) of a range gives its two ends as named, each in its own
//! grain and inclusive, the way a money range gives its two amounts: "du 6 au 8 septembre
//! 2018" → `["2018-09-06", "2018-09-08"]`, "from January to April 2015" → `["2015-01",
//! "2015-04"]`. A reader (or a spreadsheet's `range_max`) sees the last day named, not the
//! day after it; arithmetic uses `interval`.
//!
//! Not for: ranges whose ends cannot both be resolved (no anchor: the ends stay two
//! mentions), ends in the wrong order (two separate dates), or durations ("pendant trois
//! jours"), which are not anchored.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use regex::Regex;

use crate::model::{Mention, MentionType, Value};

/// The parts of a range found around two neighbouring expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RangeWords {
    /// Byte offset where an opener ("from", "du", "entre") starts, if any.
    pub opener_start: Option<usize>,
    /// The connector joins only after an opener ("and", "à").
    pub needs_opener: bool,
}

/// The language's compiled range patterns (see `Grammar`).
pub struct RangePatterns<'a> {
    pub connector: &'a Regex,
    pub opened_connector: &'a Regex,
    pub pair_connector: &'a Regex,
    pub opener: &'a Regex,
    pub pair_opener: &'a Regex,
}

/// Does `between` (the text between two expressions) join them as a range, given the text
/// `before` the first one? `paired` is true when one rule wrote both ends ("13 to 15 July");
/// `dated` when both ends name their day and month ("26 June to 28 June"): "to" between them
/// needs no "from".
pub fn range_words(
    before: &str,
    first_start: usize,
    between: &str,
    (paired, dated): (bool, bool),
    p: &RangePatterns,
) -> Option<RangeWords> {
    if between.contains('\n') {
        return None;
    }
    let alone = p.connector.is_match(between);
    let opened = p.opened_connector.is_match(between);
    let pair = p.pair_connector.is_match(between);
    if !alone && !opened && !pair {
        return None;
    }
    // "between … and …" needs "between"; the other connectors accept any opener.
    let opener = if pair && !alone && !opened {
        p.pair_opener
    } else {
        p.opener
    };
    let opener_start = opener
        .captures(before)
        .and_then(|c| c.name("o"))
        .map(|m| first_start - (before.len() - m.start()));
    let needs_opener = !(alone || paired || (dated && opened));
    if needs_opener && opener_start.is_none() {
        return None;
    }
    Some(RangeWords {
        opener_start,
        needs_opener,
    })
}

/// A bound of an interval, as a day or a date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd)]
enum Bound {
    Day(NaiveDate),
    At(NaiveDateTime),
}

fn parse_bound(s: &str) -> Option<Bound> {
    if s.len() == 10 {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(Bound::Day);
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .map(Bound::At)
}

/// The duration between two bounds in the grain of the range's ends.
fn duration(start: Bound, end: Bound, grain: &str) -> Option<String> {
    match (start, end) {
        (Bound::Day(s), Bound::Day(e)) => {
            let months = (e.year() - s.year()) * 12 + e.month() as i32 - s.month() as i32;
            let whole_months = s.day() == 1 && e.day() == 1;
            Some(match grain {
                "year" | "decade" if whole_months && months % 12 == 0 => {
                    format!("P{}Y", months / 12)
                }
                "month" | "quarter" | "half" | "year" if whole_months => format!("P{months}M"),
                "week" => format!("P{}W", (e - s).num_days() / 7),
                _ => format!("P{}D", (e - s).num_days()),
            })
        }
        (Bound::At(s), Bound::At(e)) => {
            let minutes = (e - s).num_minutes();
            // Whole hours unless the ends were written to the minute.
            Some(
                if !matches!(grain, "minute" | "second") && minutes % 60 == 0 {
                    format!("PT{}H", minutes / 60)
                } else {
                    format!("PT{minutes}M")
                },
            )
        }
        _ => None,
    }
}

/// `m` with its interval moved by `days` whole days.
pub fn shift_days(m: &Mention, days: i64) -> Option<Mention> {
    let [s, e] = m.interval.as_ref()?;
    let by = chrono::Duration::try_days(days)?;
    let shift = |v: &str| match parse_bound(v)? {
        Bound::Day(d) => Some((d + by).format("%Y-%m-%d").to_string()),
        Bound::At(t) => Some((t + by).format("%Y-%m-%dT%H:%M").to_string()),
    };
    let mut out = m.clone();
    out.interval = Some([shift(s)?, shift(e)?]);
    // A day's value moves with it: a range's `range` shows its ends' values.
    if let Some(v) = m.text_value().and_then(shift) {
        out.value = Some(Value::Text(v));
    }
    // Ends that are not calendar bounds ("…TMO") are dropped; the interval's are used then.
    out.bounds = m
        .bounds
        .as_ref()
        .and_then(|[a, b]| Some([shift(a)?, shift(b)?]));
    Some(out)
}

/// A clock range ("from 9:30 to 11:00", resolved on the anchor's day) moved to `day`, its
/// value's bounds with it.
pub fn on_day(m: &Mention, day: NaiveDate) -> Option<Mention> {
    let [s, _] = m.interval.as_ref()?;
    let Bound::At(t) = parse_bound(s)? else {
        return None;
    };
    let mut out = shift_days(m, (day - t.date()).num_days())?;
    let [s2, e2] = out.interval.as_ref()?;
    let dur = m.text_value()?.trim_end_matches(')').rsplit(',').next()?;
    out.value = Some(Value::Text(format!("({s2},{e2},{dur})")));
    Some(out)
}

/// Grains that may stand at the two ends of one range.
fn compatible(a: &str, b: &str) -> bool {
    let clock = |g: &str| matches!(g, "hour" | "minute" | "second");
    a == b || (clock(a) && clock(b))
}

/// The one mention for a range whose ends were resolved as `first` and `second`, spanning
/// `[span_start, second.end)` of `text` (byte offsets; `span_start` is at or before
/// `first.byte_start`). `None` when the ends do not make a range.
pub fn join(text: &str, span_start: usize, first: &Mention, second: &Mention) -> Option<Mention> {
    let (ga, gb) = (first.grain.as_deref()?, second.grain.as_deref()?);
    if !compatible(ga, gb) {
        return None;
    }
    let [s, _] = first.interval.as_ref()?;
    let [second_start, e] = second.interval.as_ref()?;
    let mut end = parse_bound(e)?;
    if ga == "minute"
        && gb == "hour"
        && let Some(Bound::At(t)) = parse_bound(second_start)
    {
        // "de 9h30 à 11h": the range is counted in minutes, so it ends with the minute 11:00,
        // not with the hour.
        end = Bound::At(t + chrono::Duration::minutes(1));
    }
    let e = &match end {
        Bound::Day(d) => d.format("%Y-%m-%d").to_string(),
        Bound::At(t) => t.format("%Y-%m-%dT%H:%M").to_string(),
    };
    let start = parse_bound(s)?;
    if start >= end {
        return None;
    }
    // A clock range takes the finer grain ("8am until 6:30" counts minutes).
    let grain = if ga == "hour" { gb } else { ga };
    let dur = duration(start, end, grain)?;
    let surface = text.get(span_start..second.byte_end)?;
    let lead_chars = text.get(span_start..first.byte_start)?.chars().count();
    let mut m = first.clone();
    // Two bare times make a time range; any calendar date at either end makes a date range.
    if second.kind != first.kind {
        m.kind = MentionType::Date;
    }
    m.text = surface.to_string();
    m.start = first.start.checked_sub(lead_chars)?;
    m.end = second.end;
    m.byte_start = span_start;
    m.byte_end = second.byte_end;
    m.value = Some(Value::Text(format!("({s},{e},{dur})")));
    m.grain = Some(grain.to_string());
    m.modifier = None;
    m.interval = Some([s.clone(), e.clone()]);
    m.bounds = first
        .text_value()
        .zip(second.text_value())
        .map(|(a, b)| [a.to_string(), b.to_string()]);
    m.anchor = first.anchor.clone().or_else(|| second.anchor.clone());
    m.rule = format!("range: {} … {}", first.rule, second.rule);
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_the_grain_of_the_ends() {
        let d = |s: &str| parse_bound(s).expect("bound");
        assert_eq!(
            duration(d("2013-07-13"), d("2013-07-16"), "day").as_deref(),
            Some("P3D")
        );
        assert_eq!(
            duration(d("2019-01-01"), d("2022-01-01"), "year").as_deref(),
            Some("P3Y")
        );
        assert_eq!(
            duration(d("2024-01-01"), d("2024-04-01"), "month").as_deref(),
            Some("P3M")
        );
        assert_eq!(
            duration(d("2013-02-12T09:30"), d("2013-02-12T11:01"), "minute").as_deref(),
            Some("PT91M")
        );
        assert_eq!(
            duration(d("2013-02-12T08:00"), d("2013-02-12T19:00"), "hour").as_deref(),
            Some("PT11H")
        );
        assert_eq!(
            duration(d("2013-02-12"), d("2013-02-12T19:00"), "day"),
            None
        );
    }
}
