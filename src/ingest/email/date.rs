//! Dates written by mail software: the `Date:` header (RFC 2822 and its common broken
//! variants) and the dates of quote attributions ("Le 4 juin 2024 à 18:03", "On Tue, Jun 4,
//! 2024 at 6:03 PM", "Sent: Tuesday, June 4, 2024 6:03 PM").
//!
//! Output is RFC 3339 keeping the written offset when a time is known, `YYYY-MM-DD` otherwise.
//! Not for dates inside prose (relative dates, periods): that is extraction's job.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use regex::Regex;

use super::lexicon::{self, Lang};

/// A date read from mail, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct DateParts {
    year: Option<i32>,
    month: Option<u32>,
    /// True when the month came from a word that is also a day name ("mar" in French).
    month_tentative: bool,
    day: Option<u32>,
    time: Option<(u32, u32, u32)>,
    /// Minutes east of UTC.
    offset: Option<i32>,
}

/// What `parse_header_date` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderDate {
    pub rfc3339: String,
    /// Set when the header had a time but no zone and UTC was assumed.
    pub assumed_utc: bool,
}

/// Reads a `Date:` header. Strict RFC 2822/3339 first, then a tolerant reading that accepts
/// missing day names or seconds, two-digit years, named zones, `UTC+2`, asctime order and
/// extra words.
pub fn parse_header_date(value: &str) -> Option<HeaderDate> {
    let value = value.trim();
    if let Some(s) = strict(value) {
        return Some(HeaderDate {
            rfc3339: s,
            assumed_utc: false,
        });
    }
    let parts = scan(value, Lang::En, true)?;
    let assumed_utc = parts.time.is_some() && parts.offset.is_none();
    render(parts, Some(0)).map(|rfc3339| HeaderDate {
        rfc3339,
        assumed_utc,
    })
}

/// Reads the date of a quote attribution or quoted header line. A time without a zone takes
/// `default_offset` (the quoting message's own offset: the attribution was written by the
/// quoting client in its local time); without one, only the day is returned.
pub fn parse_loose_date(text: &str, lang: Lang, default_offset: Option<i32>) -> Option<String> {
    if let Some(s) = strict(text.trim()) {
        return Some(s);
    }
    let parts = scan(text, lang, lang != Lang::Fr)?;
    render(parts, default_offset)
}

/// The offset (minutes east of UTC) of an RFC 3339 string made by this module.
pub fn offset_minutes(rfc3339: &str) -> Option<i32> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|d| d.offset().local_minus_utc() / 60)
}

fn strict(value: &str) -> Option<String> {
    DateTime::parse_from_rfc2822(value)
        .or_else(|_| DateTime::parse_from_rfc3339(value))
        .ok()
        .map(|d| d.to_rfc3339())
}

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:[:h](\d{2}))?(?::(\d{2}))?(am|pm)?$").expect("valid regex")
});
static NUMERIC_OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$").expect("valid regex")
});
static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})$").expect("valid regex"));
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$").expect("valid regex")
});

fn months(lang: Lang) -> impl Iterator<Item = &'static (&'static str, u32)> {
    let (en, fr): (&[_], &[_]) = match lang {
        Lang::En => (lexicon::MONTHS_EN, &[]),
        Lang::Fr => (&[], lexicon::MONTHS_FR),
        Lang::Any => (lexicon::MONTHS_EN, lexicon::MONTHS_FR),
    };
    en.iter().chain(fr.iter())
}

fn is_weekday(word: &str, lang: Lang) -> bool {
    let en = lang != Lang::Fr && lexicon::WEEKDAYS_EN.contains(&word);
    let fr = lang != Lang::En && lexicon::WEEKDAYS_FR.contains(&word);
    en || fr
}

/// Splits on spaces and commas; a parenthesised comment ("(CEST)") becomes a plain token.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_end_matches(['.', ':']).to_lowercase())
        .filter(|t| !t.is_empty())
}

/// Reads day, month, year, time and zone from the tokens, in whatever order they come.
/// `month_first` settles numeric dates like 06/04/2024 when both readings are valid.
fn scan(text: &str, lang: Lang, month_first: bool) -> Option<DateParts> {
    let mut p = DateParts::default();
    for (n, tok) in tokens(text).enumerate() {
        if n > 40 {
            break;
        }
        if tok.contains('@') || tok.starts_with('<') {
            continue;
        }
        if p.time.is_none()
            && tok.contains([':', 'h', 'm'])
            && let Some(t) = read_time(&tok)
        {
            p.time = Some(t);
            continue;
        }
        if matches!(tok.as_str(), "am" | "pm" | "a.m" | "p.m") {
            if let Some((h, m, s)) = p.time {
                p.time = Some((apply_meridiem(h, tok.starts_with('p')), m, s));
            }
            continue;
        }
        if p.offset.is_none() && p.time.is_some() {
            if let Some(off) = read_offset(&tok) {
                p.offset = Some(off);
                continue;
            }
            if let Some(&(_, off)) = lexicon::ZONES.iter().find(|(z, _)| *z == tok) {
                p.offset = Some(off);
                continue;
            }
        }
        if p.year.is_none()
            && let Some(c) = ISO_DATE.captures(&tok)
        {
            p.year = c[1].parse().ok();
            p.month = c[2].parse().ok();
            p.day = c[3].parse().ok();
            continue;
        }
        if p.year.is_none()
            && let Some(c) = SLASH_DATE.captures(&tok)
        {
            let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
            let (day, month) = if a > 12 || (b <= 12 && !month_first) {
                (a, b)
            } else {
                (b, a)
            };
            p.day = Some(day);
            p.month = Some(month);
            p.year = c[3].parse().ok().map(expand_year);
            continue;
        }
        let weekday = is_weekday(&tok, lang);
        if let Some(&(_, m)) = months(lang).find(|(name, _)| *name == tok)
            && (p.month.is_none() || p.month_tentative)
        {
            p.month = Some(m);
            p.month_tentative = weekday;
            continue;
        }
        if weekday {
            continue;
        }
        if tok == "1er" {
            p.day.get_or_insert(1);
            continue;
        }
        if tok.bytes().all(|b| b.is_ascii_digit()) {
            let Ok(v) = tok.parse::<u32>() else { continue };
            if tok.len() == 4 && (1900..=2200).contains(&v) && p.year.is_none() {
                p.year = i32::try_from(v).ok();
            } else if (3..=4).contains(&tok.len()) && (100..=199).contains(&v) && p.year.is_none() {
                // Years counted from 1900 by a buggy mailer ("0102" for 2002).
                p.year = i32::try_from(1900 + v).ok();
            } else if tok.len() <= 2 && p.day.is_none() && (1..=31).contains(&v) {
                p.day = Some(v);
            } else if tok.len() == 2 && p.year.is_none() && p.day.is_some() && p.month.is_some() {
                p.year = Some(expand_year(v));
            }
        }
    }
    (p.year.is_some() && p.month.is_some() && p.day.is_some()).then_some(p)
}

/// RFC 2822 §4.3: two-digit years below 50 are 20xx.
fn expand_year(v: u32) -> i32 {
    let v = i32::try_from(v).unwrap_or(0);
    match v {
        0..=49 => 2000 + v,
        50..=99 => 1900 + v,
        _ => v,
    }
}

fn apply_meridiem(hour: u32, pm: bool) -> u32 {
    match (hour, pm) {
        (12, false) => 0,
        (h, true) if h < 12 => h + 12,
        (h, _) => h,
    }
}

fn read_time(tok: &str) -> Option<(u32, u32, u32)> {
    let c = TIME.captures(tok)?;
    // A bare number is not a time; "18h" is.
    if c.get(2).is_none() && !tok.ends_with('h') && c.get(4).is_none() {
        return None;
    }
    let mut h: u32 = c[1].parse().ok()?;
    let m: u32 = c.get(2).map_or(Some(0), |m| m.as_str().parse().ok())?;
    let s: u32 = c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if let Some(mer) = c.get(4) {
        h = apply_meridiem(h, mer.as_str() == "pm");
    }
    (h < 24 && m < 60 && s <= 60).then_some((h, m, s.min(59)))
}

fn read_offset(tok: &str) -> Option<i32> {
    let c = NUMERIC_OFFSET.captures(tok)?;
    let sign = if &c[1] == "-" { -1 } else { 1 };
    let digits = &c[2];
    // "+0200" is captured as "02" + "00"; "+2" as a bare hour.
    let (h, m): (i32, i32) = (
        digits.parse().ok()?,
        c.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?,
    );
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

fn render(p: DateParts, default_offset: Option<i32>) -> Option<String> {
    let date = NaiveDate::from_ymd_opt(p.year?, p.month?, p.day?)?;
    let Some((h, m, s)) = p.time else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let Some(offset) = p.offset.or(default_offset) else {
        return Some(date.format("%Y-%m-%d").to_string());
    };
    let tz = FixedOffset::east_opt(offset * 60)?;
    let naive = date.and_time(NaiveTime::from_hms_opt(h, m, s)?);
    tz.from_local_datetime(&naive)
        .single()
        .map(|d| d.to_rfc3339())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(s: &str) -> Option<String> {
        parse_header_date(s).map(|d| d.rfc3339)
    }

    #[test]
    fn header_dates_strict_and_broken() {
        let cases = [
            (
                "Tue, 4 Jun 2024 18:03:00 +0200",
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "Tue, 4 Jun 2024 18:03:00 +0200 (CEST)",
                "2024-06-04T18:03:00+02:00",
            ),
            ("4 Jun 2024 18:03 +0200", "2024-06-04T18:03:00+02:00"),
            ("Tue, 04 Jun 24 18:03:00 PDT", "2024-06-04T18:03:00-07:00"),
            ("Tue Jun  4 18:03:00 2024", "2024-06-04T18:03:00+00:00"),
            ("Tuesday, June 4, 2024 6:03 PM", "2024-06-04T18:03:00+00:00"),
            ("2024-06-04 18:03:00 +02:00", "2024-06-04T18:03:00+02:00"),
            (
                "Tue, 4 Jun 2024 18:03:00 UTC+2",
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "Tue, 4 Jun 2024 18:03:00 -0000",
                "2024-06-04T18:03:00+00:00",
            ),
        ];
        let mut failures = Vec::new();
        for (input, want) in cases {
            let got = header(input);
            if got.as_deref() != Some(want) {
                failures.push(format!("{input:?}: got {got:?}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(header("not a date"), None);
        assert_eq!(header("Tue, 31 Feb 2024 10:00 +0000"), None);
    }

    #[test]
    fn attribution_dates_fr_en() {
        let cases = [
            (
                "Le 4 juin 2024 à 18:03, Claire <c@x.fr> a écrit :",
                Lang::Fr,
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "Le mar. 4 juin 2024 à 18:03, Claire a écrit :",
                Lang::Fr,
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "On Tue, Jun 4, 2024 at 6:03 PM Claire <c@x.fr> wrote:",
                Lang::En,
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "Tuesday, June 4, 2024 6:03 PM",
                Lang::En,
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "mardi 4 juin 2024 18h03",
                Lang::Fr,
                "2024-06-04T18:03:00+02:00",
            ),
            (
                "Mar 4, 2024, at 09:00",
                Lang::Any,
                "2024-03-04T09:00:00+02:00",
            ),
            (
                "mar. 4 juin 2024 09:00",
                Lang::Any,
                "2024-06-04T09:00:00+02:00",
            ),
            (
                "Le 1er juillet 2024, Paul a écrit :",
                Lang::Fr,
                "2024-07-01",
            ),
        ];
        let mut failures = Vec::new();
        for (input, lang, want) in cases {
            let got = parse_loose_date(input, lang, Some(120));
            if got.as_deref() != Some(want) {
                failures.push(format!("{input:?}: got {got:?}, want {want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(
            parse_loose_date("Le 4 juin 2024 à 18:03", Lang::Fr, None).as_deref(),
            Some("2024-06-04")
        );
    }
}
