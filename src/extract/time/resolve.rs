//! The resolver: turns an unresolved expression ([`Expr`]) into a TIMEX3-style value, a grain
//! and a half-open interval, using the anchor (document date) and a direction (past or future)
//! for what the text leaves open, and says in words how it chose.
//!
//! Pure calendar arithmetic on `chrono`; no text, no patterns.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use super::calendars;
use super::grammar::{Expr, TimeOfDay};
use super::lexicon::{DayPart, Direction, HolidayDate, Modifier, Part, Unit};

/// A resolved expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// TIMEX3 value; `None` when nothing can be said without an anchor ("hier").
    pub value: Option<String>,
    pub grain: &'static str,
    pub interval: Option<[String; 2]>,
    /// True when the anchor was used.
    pub anchored: bool,
    /// How an unwritten year, week or day was chosen ("past year (bias past)").
    pub note: Option<String>,
}

/// Why a direction was chosen, for the rule note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lean {
    pub direction: Direction,
    pub reason: &'static str,
    /// A cue or a forced bias: the direction is a rule, not a preference.
    pub strict: bool,
}

/// The reason of the lean taken when the text says nothing either way.
pub const NO_EVIDENCE: &str = "bias past";

impl Lean {
    /// The text itself (a cue, a tense) or the user chose the direction, rather than the
    /// default.
    fn has_evidence(self) -> bool {
        self.strict || self.reason != NO_EVIDENCE
    }

    fn describe(self) -> String {
        let d = match self.direction {
            Direction::Past => "past",
            Direction::Future => "future",
        };
        format!("{d}: {}", self.reason)
    }
}

/// Everything the resolver needs besides the expression.
pub struct Resolution<'a> {
    pub expr: &'a Expr,
    pub time: Option<TimeOfDay>,
    pub day_part: Option<DayPart>,
    pub modifier: Option<Modifier>,
    pub part: Option<Part>,
    pub anchor: Option<NaiveDate>,
    /// The anchor's time of day, when its date gives one.
    pub anchor_time: Option<chrono::NaiveTime>,
    pub lean: Lean,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    ymd(y, m, 1)
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(u32::try_from(n).ok()?))
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-n).ok()?))
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

fn weekday_from(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// A calendar span: value, grain, [start, end).
struct Span {
    value: String,
    grain: &'static str,
    start: NaiveDate,
    end: NaiveDate,
}

fn day_span(d: NaiveDate) -> Option<Span> {
    Some(Span {
        value: iso(d),
        grain: "day",
        start: d,
        end: d.succ_opt()?,
    })
}

fn month_span(y: i32, m: u32) -> Option<Span> {
    let start = first_of_month(y, m)?;
    Some(Span {
        value: format!("{y:04}-{m:02}"),
        grain: "month",
        start,
        end: add_months(start, 1)?,
    })
}

fn year_span(y: i32) -> Option<Span> {
    Some(Span {
        value: format!("{y:04}"),
        grain: "year",
        start: ymd(y, 1, 1)?,
        end: ymd(y.checked_add(1)?, 1, 1)?,
    })
}

fn quarter_span(y: i32, q: u32) -> Option<Span> {
    let start = first_of_month(y, (q - 1) * 3 + 1)?;
    Some(Span {
        value: format!("{y:04}-Q{q}"),
        grain: "quarter",
        start,
        end: add_months(start, 3)?,
    })
}

fn half_span(y: i32, h: u32) -> Option<Span> {
    let start = first_of_month(y, (h - 1) * 6 + 1)?;
    Some(Span {
        value: format!("{y:04}-H{h}"),
        grain: "half",
        start,
        end: add_months(start, 6)?,
    })
}

fn week_span(d: NaiveDate) -> Option<Span> {
    let start = monday_of(d);
    let w = start.iso_week();
    Some(Span {
        value: format!("{:04}-W{:02}", w.year(), w.week()),
        grain: "week",
        start,
        end: start + Duration::days(7),
    })
}

fn decade_span(d: i32) -> Option<Span> {
    Some(Span {
        value: format!("{:03}X", d / 10),
        grain: "decade",
        start: ymd(d, 1, 1)?,
        end: ymd(d + 10, 1, 1)?,
    })
}

/// Astronomical seasons as TIMEX3 codes, from solstice or equinox to the last day the next
/// one can fall on (the September equinox is the 22nd or 23rd, the March one the 19th–21st),
/// so neighbouring seasons may share a day; winter starts in December of the year before.
fn season_span(y: i32, code: &str) -> Option<Span> {
    let (start, end) = match code {
        "SP" => (ymd(y, 3, 20)?, ymd(y, 6, 21)?),
        "SU" => (ymd(y, 6, 21)?, ymd(y, 9, 24)?),
        "FA" => (ymd(y, 9, 23)?, ymd(y, 12, 21)?),
        _ => (ymd(y - 1, 12, 21)?, ymd(y, 3, 21)?),
    };
    Some(Span {
        value: format!("{y:04}-{code}"),
        grain: "season",
        start,
        end,
    })
}

fn span_for_unit(anchor: NaiveDate, unit: Unit) -> Option<Span> {
    match unit {
        Unit::Day => day_span(anchor),
        Unit::Week => week_span(anchor),
        Unit::Month => month_span(anchor.year(), anchor.month()),
        Unit::Quarter => quarter_span(anchor.year(), (anchor.month() - 1) / 3 + 1),
        Unit::Half => half_span(anchor.year(), (anchor.month() - 1) / 6 + 1),
        Unit::Year => year_span(anchor.year()),
    }
}

/// Moves `anchor` by `n` units (calendar-aware for months and years).
fn shift_date(anchor: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    match unit {
        Unit::Day => anchor.checked_add_signed(Duration::try_days(n)?),
        Unit::Week => anchor.checked_add_signed(Duration::try_days(n.checked_mul(7)?)?),
        Unit::Month => add_months(anchor, n),
        Unit::Quarter => add_months(anchor, n.checked_mul(3)?),
        Unit::Half => add_months(anchor, n.checked_mul(6)?),
        Unit::Year => add_months(anchor, n.checked_mul(12)?),
    }
}

/// The year of an unwritten-year month (and day): the anchor's, or the one before or after
/// when the month-day lies on the other side of the anchor from the chosen direction.
/// The month a "first Monday of …" or "last week of …" lies in: written in full (not
/// anchored), a month whose year the anchor chooses, or the anchor's month shifted ("of
/// this month", "of next month"): (year, month, anchored, note). `None` without enough.
fn month_in_view(
    year: Option<i32>,
    month: Option<u32>,
    shift: i32,
    anchor: Option<NaiveDate>,
    lean: Lean,
) -> Option<(i32, u32, bool, Option<String>)> {
    match (year, month, anchor) {
        (Some(y), Some(m), _) => Some((y, m, false, None)),
        (None, Some(m), Some(a)) => {
            let (y, note) = choose_year(a, m, None, lean);
            Some((y, m, true, Some(note)))
        }
        (None, None, Some(a)) => {
            let d = add_months(first_of_month(a.year(), a.month())?, i64::from(shift))?;
            Some((d.year(), d.month(), true, None))
        }
        _ => None,
    }
}

fn choose_year(anchor: NaiveDate, month: u32, day: Option<u32>, lean: Lean) -> (i32, String) {
    let here = (anchor.month(), day.map(|_| anchor.day()).unwrap_or(0));
    let there = (month, day.unwrap_or(0));
    let y = anchor.year();
    if let Some(d) = day
        && lean.direction == Direction::Past
        && !lean.strict
    {
        // A day within the week after the anchor is the coming one, not last year's ("le 25
        // décembre" in a 23 December article): past-leaning is for months-old events.
        let next_y = if there > here { y } else { y + 1 };
        if let Some(next) = ymd(next_y, month, d)
            && (next - anchor).num_days() <= UPCOMING_DAYS
            && next > anchor
        {
            return (next_y, "within a week after the anchor".to_string());
        }
    }
    match lean.direction {
        Direction::Past if there > here => (y - 1, format!("previous year ({})", lean.describe())),
        Direction::Future if there < here => (y + 1, format!("next year ({})", lean.describe())),
        _ => (y, format!("year of anchor ({})", lean.describe())),
    }
}

/// How many days after the anchor a day without a year is still taken as the coming one
/// when the lean is only the default past.
const UPCOMING_DAYS: i64 = 7;

/// The date of a bare weekday: the nearest on or before the anchor (past) or on or after it
/// (future).
fn choose_weekday(anchor: NaiveDate, weekday: Weekday, lean: Lean) -> (NaiveDate, String) {
    let from = anchor.weekday().num_days_from_monday() as i64;
    let to = weekday.num_days_from_monday() as i64;
    let (d, note) = match lean.direction {
        Direction::Past => {
            let back = (from - to).rem_euclid(7);
            (
                anchor - Duration::days(back),
                format!("nearest before anchor ({})", lean.describe()),
            )
        }
        Direction::Future => {
            let ahead = (to - from).rem_euclid(7);
            (
                anchor + Duration::days(ahead),
                format!("nearest after anchor ({})", lean.describe()),
            )
        }
    };
    (d, note)
}

/// The date with this weekday and day of month nearest to the anchor, the direction breaking
/// ties (or ruling, when strict) ("mercredi 13" in a February 2013 text is 13 February 2013, a Wednesday).
fn choose_weekday_day(
    anchor: NaiveDate,
    weekday: Weekday,
    day: u32,
    lean: Lean,
) -> Option<(NaiveDate, String)> {
    let base = first_of_month(anchor.year(), anchor.month())?;
    let mut best: Option<NaiveDate> = None;
    for k in -14i64..=14 {
        let Some(m) = add_months(base, k) else {
            continue;
        };
        let Some(d) = ymd(m.year(), m.month(), day) else {
            continue;
        };
        if d.weekday() != weekday {
            continue;
        }
        let distance = |x: NaiveDate| (x - anchor).num_days().abs();
        let on_lean_side = |x: NaiveDate| match lean.direction {
            Direction::Past => x <= anchor,
            Direction::Future => x >= anchor,
        };
        if lean.has_evidence() && !on_lean_side(d) {
            // "The plant closed on Friday the 13th": the past one, even if next month's is
            // nearer.
            continue;
        }
        // Without evidence the nearest match wins; the direction only breaks ties.
        let closer = best.is_none_or(|b| {
            distance(d) < distance(b) || (distance(d) == distance(b) && on_lean_side(d))
        });
        if closer {
            best = Some(d);
        }
    }
    best.map(|d| (d, format!("nearest matching day ({})", lean.describe())))
}

/// Narrows a span to its start, middle or end for START/MID/END, in the calendar's own
/// pieces: a month's ten-day thirds (1–10, 11–20, 21–end: "fin du mois" is from the 21st), a
/// week's working start and end (Monday–Wednesday, Wednesday–Thursday, Friday–Sunday: "by the
/// end of the week" includes Friday), whole-month thirds of years, quarters and halves (late
/// 2023 is September–December); other spans by thirds of their days.
fn narrow(span: &Span, m: Option<Modifier>) -> (NaiveDate, NaiveDate) {
    let (start, end) = (span.start, span.end);
    let Some(m @ (Modifier::Start | Modifier::Mid | Modifier::End)) = m else {
        return (start, end);
    };
    let days = |n: i64| start + Duration::days(n);
    let months = |n: i64| add_months(start, n);
    let pick = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) if start <= a && a < b && b <= end => (a, b),
        _ => (start, end),
    };
    match span.grain {
        "month" => match m {
            Modifier::Start => pick(Some(start), Some(days(10))),
            Modifier::Mid => pick(Some(days(10)), Some(days(20))),
            _ => pick(Some(days(20)), Some(end)),
        },
        "week" => match m {
            Modifier::Start => pick(Some(start), Some(days(3))),
            Modifier::Mid => pick(Some(days(2)), Some(days(4))),
            _ => pick(Some(days(4)), Some(end)),
        },
        // Whole years: "the early 1980s" is 1980-1983, the mid 1984-1986, the late 1987-1989.
        "decade" => match m {
            Modifier::Start => pick(Some(start), months(48)),
            Modifier::Mid => pick(months(48), months(84)),
            _ => pick(months(84), Some(end)),
        },
        "year" | "half" | "quarter" => {
            let total =
                (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
            let third = i64::from(total / 3);
            match m {
                Modifier::Start => pick(Some(start), months(third)),
                Modifier::Mid => pick(months(third), months(2 * third)),
                _ => pick(months(2 * third), Some(end)),
            }
        }
        _ => {
            let n = (end - start).num_days();
            if n < 3 {
                return (start, end);
            }
            let third = Duration::days((n as f64 / 3.0).round() as i64);
            match m {
                Modifier::Start => (start, start + third),
                Modifier::Mid => (start + third, end - third),
                _ => (end - third, end),
            }
        }
    }
}

fn time_value(date: Option<NaiveDate>, t: TimeOfDay) -> String {
    let day = date.map(iso).unwrap_or_else(|| "XXXX-XX-XX".to_string());
    let mut v = format!("{day}T{:02}:{:02}", t.hour, t.minute.unwrap_or(0));
    if let Some(s) = t.second {
        v.push_str(&format!(":{s:02}"));
    }
    v
}

fn with_time(span: Span, t: TimeOfDay) -> Resolved {
    let value = time_value(Some(span.start), t);
    let start = format!(
        "{}T{:02}:{:02}",
        iso(span.start),
        t.hour,
        t.minute.unwrap_or(0)
    );
    let end_dt = span
        .start
        .and_hms_opt(t.hour, t.minute.unwrap_or(0), 0)
        .map(|dt| {
            dt + if t.minute.is_some() {
                Duration::minutes(1)
            } else {
                Duration::hours(1)
            }
        });
    Resolved {
        value: Some(value),
        grain: if t.minute.is_some() { "minute" } else { "hour" },
        interval: end_dt.map(|e| [start, e.format("%Y-%m-%dT%H:%M").to_string()]),
        anchored: false,
        note: None,
    }
}

/// "8" in "ce soir à 8h" or "this evening at 8" is 20:00.
fn in_day_part(t: TimeOfDay, part: Option<DayPart>) -> TimeOfDay {
    let shift = match part {
        Some(DayPart::Afternoon | DayPart::Evening) => (1..12).contains(&t.hour),
        Some(DayPart::Night) => (6..12).contains(&t.hour),
        _ => false,
    };
    TimeOfDay {
        hour: if shift { t.hour + 12 } else { t.hour },
        ..t
    }
}

fn finish(span: Span, r: &Resolution, anchored: bool, note: Option<String>) -> Resolved {
    // A time or a part of the day narrows one day, not a holiday of several.
    let one_day = span.grain == "day" && span.start.succ_opt() == Some(span.end);
    if let Some(t) = r.time.map(|t| in_day_part(t, r.day_part))
        && one_day
    {
        let mut out = with_time(span, t);
        out.anchored = anchored;
        out.note = note;
        return out;
    }
    if let Some(part) = r.day_part
        && one_day
    {
        let (from, to) = part.hours_with(r.modifier);
        let at = |h: u32| {
            span.start.and_hms_opt(0, 0, 0).map(|d| {
                (d + Duration::hours(i64::from(h)))
                    .format("%Y-%m-%dT%H:%M")
                    .to_string()
            })
        };
        return Resolved {
            value: Some(format!("{}T{}", span.value, part.timex())),
            grain: "day",
            interval: at(from).zip(at(to)).map(|(s, e)| [s, e]),
            anchored,
            note,
        };
    }
    let (mut start, mut end) = narrow(&span, r.modifier);
    let mid_month = |s: NaiveDate| s.with_day(16).unwrap_or(s);
    if let Some(part) = r.part.filter(|p| p.of_month() && span.grain == "month") {
        (start, end) = match part {
            Part::FirstFortnight => (span.start, mid_month(span.start)),
            _ => (mid_month(span.start), span.end),
        };
    } else if let (Some(part), Some(a)) = (r.part, r.anchor)
        && span.start <= a
        && a < span.end
    {
        match part {
            Part::Earlier => {
                start = span.start;
                end = a;
            }
            Part::Later => {
                start = a.succ_opt().unwrap_or(a);
                end = span.end;
            }
            Part::Rest => {
                start = a;
                end = span.end;
            }
            Part::FirstFortnight | Part::SecondFortnight => {}
        }
    }
    Resolved {
        value: Some(span.value),
        grain: span.grain,
        interval: (start < end).then(|| [iso(start), iso(end)]),
        anchored,
        note,
    }
}

/// A value that keeps only what is written, for texts without an anchor.
fn unanchored(value: Option<String>, grain: &'static str, r: &Resolution) -> Resolved {
    let value = match (value, r.time) {
        (Some(v), Some(t)) if grain == "day" => Some(format!("{v}{}", &time_value(None, t)[10..])),
        (v, _) => v,
    };
    Resolved {
        value,
        grain,
        interval: None,
        anchored: false,
        note: Some("no anchor: left unresolved".to_string()),
    }
}

/// Resolves one expression.
pub fn resolve(r: &Resolution) -> Option<Resolved> {
    let anchor = r.anchor;
    let lean = r.lean;
    match *r.expr {
        Expr::Date {
            year: Some(y),
            month,
            day,
        } => {
            let d = ymd(y, month, day)?;
            Some(finish(day_span(d)?, r, false, None))
        }
        Expr::Date {
            year: None,
            month,
            day,
        } => {
            let Some(a) = anchor else {
                return Some(unanchored(
                    Some(format!("XXXX-{month:02}-{day:02}")),
                    "day",
                    r,
                ));
            };
            let (y, note) = choose_year(a, month, Some(day), lean);
            let d = ymd(y, month, day).or_else(|| ymd(y + 1, month, day))?;
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::DateOnWeekday {
            month,
            day,
            weekday,
        } => {
            let Some(a) = anchor else {
                return Some(unanchored(
                    Some(format!("XXXX-{month:02}-{day:02}")),
                    "day",
                    r,
                ));
            };
            let wd = weekday_from(weekday)?;
            let (y, note) = choose_year(a, month, Some(day), lean);
            let other = if y > a.year() || (y == a.year() && lean.direction == Direction::Future) {
                y - 1
            } else {
                y + 1
            };
            let d = match (ymd(y, month, day), ymd(other, month, day)) {
                (Some(d), _) if d.weekday() == wd => d,
                (_, Some(o)) if o.weekday() == wd => {
                    return Some(finish(
                        day_span(o)?,
                        r,
                        true,
                        Some("year where the weekday matches".into()),
                    ));
                }
                _ => {
                    // Further years, nearest first, the lean's side first ("Jul 18, Fri" in
                    // February 2013 is 2014's).
                    let step = match lean.direction {
                        Direction::Future => 1,
                        Direction::Past => -1,
                    };
                    let found = (2..=11)
                        .flat_map(|k| [y + step * (k / 2), y - step * (k / 2)])
                        .filter_map(|yy| ymd(yy, month, day))
                        .find(|d| d.weekday() == wd);
                    if let Some(d) = found {
                        return Some(finish(
                            day_span(d)?,
                            r,
                            true,
                            Some("year where the weekday matches".into()),
                        ));
                    }
                    ymd(y, month, day).or_else(|| ymd(other, month, day))?
                }
            };
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::Month {
            year: Some(y),
            month,
            ..
        } => Some(finish(month_span(y, month)?, r, false, None)),
        Expr::Month {
            year: None,
            month,
            shift,
        } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-{month:02}")), "month", r));
            };
            let (y, note) = match shift {
                Some(s) if s < 0 => {
                    let y = if month < a.month() {
                        a.year()
                    } else {
                        a.year() - 1
                    };
                    (y, "last such month before anchor".to_string())
                }
                Some(s) if s > 0 => {
                    let y = if month > a.month() {
                        a.year()
                    } else {
                        a.year() + 1
                    };
                    (y, "next such month after anchor".to_string())
                }
                Some(_) => (a.year(), "year of anchor".to_string()),
                None => choose_year(a, month, None, lean),
            };
            Some(finish(month_span(y, month)?, r, true, Some(note)))
        }
        Expr::Year(y) => Some(finish(year_span(y)?, r, false, None)),
        Expr::Decade(d) => Some(finish(decade_span(d)?, r, false, None)),
        Expr::Quarter {
            year: Some(y),
            quarter,
        } => Some(finish(quarter_span(y, quarter)?, r, false, None)),
        Expr::Half {
            year: Some(y),
            half,
        } => Some(finish(half_span(y, half)?, r, false, None)),
        Expr::Quarter {
            year: None,
            quarter,
        } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-Q{quarter}")), "quarter", r));
            };
            let (y, note) = choose_year(
                a,
                (quarter - 1) * 3 + 1,
                None,
                period_lean(a, (quarter - 1) * 3 + 1, 3, lean),
            );
            Some(finish(quarter_span(y, quarter)?, r, true, Some(note)))
        }
        Expr::Half { year: None, half } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-H{half}")), "half", r));
            };
            let (y, note) = choose_year(
                a,
                (half - 1) * 6 + 1,
                None,
                period_lean(a, (half - 1) * 6 + 1, 6, lean),
            );
            Some(finish(half_span(y, half)?, r, true, Some(note)))
        }
        Expr::Season {
            year: Some(y),
            code,
            ..
        } => Some(finish(season_span(y, code)?, r, false, None)),
        Expr::Season {
            year: None,
            code,
            shift,
        } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(code.to_string()), "season", r));
            };
            let y = a.year() + shift.unwrap_or(0);
            Some(finish(
                season_span(y, code)?,
                r,
                true,
                Some("year of anchor, shifted".into()),
            ))
        }
        Expr::Weekday {
            weekday,
            week_shift,
            by_week,
        } => {
            let wd = weekday_from(weekday)?;
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-WXX-{weekday}")), "day", r));
            };
            let (d, note) = match week_shift {
                Some(s) if !by_week => {
                    let from = i64::from(a.weekday().num_days_from_monday());
                    let to = i64::from(wd.num_days_from_monday());
                    if s > 0 {
                        let ahead = (to - from - 1).rem_euclid(7) + 1;
                        (
                            a + Duration::days(ahead),
                            "first such day after anchor".to_string(),
                        )
                    } else {
                        let back = (from - to - 1).rem_euclid(7) + 1;
                        (
                            a - Duration::days(back),
                            "last such day before anchor".to_string(),
                        )
                    }
                }
                Some(s) => {
                    let monday = monday_of(a) + Duration::days(7 * i64::from(s));
                    let d = monday + Duration::days(i64::from(weekday) - 1);
                    if s == 0 && d < a && lean.direction == Direction::Future {
                        // "Le conseil se réunira ce lundi" said on a Tuesday: this week's
                        // Monday is past, the sentence looks ahead, so the coming one.
                        (
                            d + Duration::days(7),
                            format!("this week's is past: the coming one ({})", lean.describe()),
                        )
                    } else {
                        (
                            d,
                            match s {
                                0 => "this week's".to_string(),
                                s if s < 0 => "previous week's".to_string(),
                                _ => "next week's".to_string(),
                            },
                        )
                    }
                }
                None => choose_weekday(a, wd, lean),
            };
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::WeekdayWeeksOn { weekday, weeks } => {
            let wd = weekday_from(weekday)?;
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-WXX-{weekday}")), "day", r));
            };
            let from = i64::from(a.weekday().num_days_from_monday());
            let to = i64::from(wd.num_days_from_monday());
            let ahead = (to - from).rem_euclid(7) + 7 * weeks;
            let d = a.checked_add_signed(Duration::try_days(ahead)?)?;
            let note = format!("{weeks} week(s) after the next such day");
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::WeekdayCount { weekday, count } => {
            let wd = weekday_from(weekday)?;
            let a = anchor?;
            let from = i64::from(a.weekday().num_days_from_monday());
            let to = i64::from(wd.num_days_from_monday());
            let days = if count > 0 {
                (to - from - 1).rem_euclid(7) + 1 + 7 * (count - 1)
            } else {
                -((from - to - 1).rem_euclid(7) + 1 + 7 * (-count - 1))
            };
            let d = a.checked_add_signed(Duration::try_days(days)?)?;
            Some(finish(day_span(d)?, r, true, None))
        }
        Expr::WeekOfDate { year, month, day } => {
            let (d, anchored, note) = match (year, anchor) {
                (Some(y), _) => (ymd(y, month, day)?, false, None),
                (None, Some(a)) => {
                    let (y, note) = choose_year(a, month, Some(day), lean);
                    (ymd(y, month, day)?, true, Some(note))
                }
                (None, None) => return Some(unanchored(None, "week", r)),
            };
            Some(finish(week_span(d)?, r, anchored, note))
        }
        Expr::WeekdayDay { weekday, day } => {
            let wd = weekday_from(weekday)?;
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-WXX-{weekday}")), "day", r));
            };
            let (d, note) = choose_weekday_day(a, wd, day, lean).or_else(|| {
                let other = Lean {
                    direction: match lean.direction {
                        Direction::Past => Direction::Future,
                        Direction::Future => Direction::Past,
                    },
                    reason: "no match the other way",
                    strict: false,
                };
                choose_weekday_day(a, wd, day, other)
            })?;
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::DayOfMonth(day) => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-XX-{day:02}")), "day", r));
            };
            let base = first_of_month(a.year(), a.month())?;
            let step: i64 = match lean.direction {
                Direction::Past if day > a.day() => -1,
                Direction::Future if day < a.day() => 1,
                _ => 0,
            };
            // Months without that day (the 31st in a 30-day month) are skipped.
            let d = (0..4)
                .filter_map(|k| {
                    let m = add_months(base, step + k * step.signum())?;
                    ymd(m.year(), m.month(), day)
                })
                .next()?;
            let note = match step {
                0 => "anchor's month".to_string(),
                s if s < 0 => format!("previous month ({})", lean.describe()),
                _ => format!("next month ({})", lean.describe()),
            };
            Some(finish(day_span(d)?, r, true, Some(note)))
        }
        Expr::DayOfShiftedMonth { day, shift } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-XX-{day:02}")), "day", r));
            };
            let m = add_months(first_of_month(a.year(), a.month())?, i64::from(shift))?;
            let d = ymd(m.year(), m.month(), day)?;
            Some(finish(day_span(d)?, r, true, None))
        }
        Expr::HolidayOfShiftedYear { date, shift } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "day", r));
            };
            let d = holiday_in(a.year().checked_add(shift)?, date)?;
            Some(finish(holiday_span(d)?, r, true, None))
        }
        Expr::MonthOfShiftedYear { month, shift } => {
            let Some(a) = anchor else {
                return Some(unanchored(Some(format!("XXXX-{month:02}")), "month", r));
            };
            let y = a.year().checked_add(shift)?;
            Some(finish(month_span(y, month)?, r, true, None))
        }
        Expr::IsoWeek { year, week } => {
            let y = match (year, anchor) {
                (Some(y), _) => y,
                (None, Some(a)) => a.iso_week().year(),
                (None, None) => {
                    return Some(unanchored(Some(format!("XXXX-W{week:02}")), "week", r));
                }
            };
            let monday = NaiveDate::from_isoywd_opt(y, week, Weekday::Mon)?;
            Some(finish(week_span(monday)?, r, year.is_none(), None))
        }
        Expr::NthWeekday { .. } => None,
        Expr::Holiday {
            year: Some(y),
            date,
        } => Some(finish(holiday_span(holiday_in(y, date)?)?, r, false, None)),
        Expr::Holiday { year: None, date } => {
            let Some(a) = anchor else {
                let v = match date {
                    HolidayDate::Fixed(m, d) => Some(format!("XXXX-{m:02}-{d:02}")),
                    _ => None,
                };
                return Some(unanchored(v, "day", r));
            };
            // The occurrence on the lean's side of the anchor, or the one under way. Islamic
            // holidays drift eleven days a year and may start twice in one year, so the
            // occurrences of three years are compared rather than this year's with the next.
            let y = a.year();
            let all: Vec<(NaiveDate, NaiveDate)> = (y - 1..=y + 1)
                .flat_map(|y| holiday_occurrences(y, date))
                .collect();
            let current = all.iter().find(|(s, e)| *s <= a && a < *e);
            let next = all.iter().find(|(s, _)| *s > a);
            let prev = all.iter().rev().find(|(_, e)| *e <= a);
            let side = |d: NaiveDate| match d.year().cmp(&y) {
                std::cmp::Ordering::Less => format!("previous year ({})", lean.describe()),
                std::cmp::Ordering::Greater => format!("next year ({})", lean.describe()),
                std::cmp::Ordering::Equal => "year of anchor".to_string(),
            };
            let (d, note) = match (current, lean.direction) {
                (Some(c), _) if (c.1 - c.0).num_days() > 1 => {
                    (*c, "under way at the anchor".to_string())
                }
                (Some(c), _) => (*c, side(c.0)),
                (None, Direction::Past)
                    if !lean.strict
                        && next.is_some_and(|n| (n.0 - a).num_days() <= UPCOMING_DAYS) =>
                {
                    (*next?, "within a week after the anchor".to_string())
                }
                (None, Direction::Past) => (*prev?, side(prev?.0)),
                (None, Direction::Future) => (*next?, side(next?.0)),
            };
            Some(finish(holiday_span(d)?, r, true, Some(note)))
        }
        Expr::NthWeekdayOfMonth {
            nth,
            weekday,
            year,
            month,
            shift,
        } => {
            let wd = weekday_from(weekday)?;
            let Some((y, m, anchored, note)) = month_in_view(year, month, shift, anchor, lean)
            else {
                let v = month.map(|m| {
                    if nth > 0 {
                        format!("XXXX-{m:02}-WXX-{weekday}-#{nth}")
                    } else {
                        format!("XXXX-{m:02}-WXX-{weekday}-#L")
                    }
                });
                return Some(unanchored(v, "day", r));
            };
            let d = nth_weekday_of(y, m, wd, nth)?;
            Some(finish(day_span(d)?, r, anchored, note))
        }
        Expr::NthWeek { .. } => None,
        Expr::NthWeekOfMonth {
            nth,
            weekend,
            year,
            month,
            shift,
        } => {
            let Some((y, m, anchored, note)) = month_in_view(year, month, shift, anchor, lean)
            else {
                return Some(unanchored(
                    None,
                    if weekend { "weekend" } else { "week" },
                    r,
                ));
            };
            if weekend {
                let saturday = nth_weekday_of(y, m, Weekday::Sat, nth)?;
                return Some(Resolved {
                    anchored,
                    note,
                    ..weekend_of(saturday)
                });
            }
            let monday = nth_whole_week_of(y, m, nth)?;
            Some(finish(week_span(monday)?, r, anchored, note))
        }
        Expr::Weekend { shift } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "weekend", r));
            };
            let saturday = monday_of(a) + Duration::days(7 * i64::from(shift) + 5);
            Some(weekend_of(saturday))
        }
        Expr::NearWeekend => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "weekend", r));
            };
            // This week's weekend (Saturday and Sunday close the ISO week) once it has begun
            // or when looking ahead; else the one before.
            let this = monday_of(a) + Duration::days(5);
            let saturday = match r.lean.direction {
                Direction::Past if a < this => this - Duration::days(7),
                _ => this,
            };
            let mut out = weekend_of(saturday);
            out.note = Some(format!("nearest weekend ({})", r.lean.describe()));
            Some(out)
        }
        Expr::DayOffset(n) => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "day", r));
            };
            let d = a.checked_add_signed(Duration::try_days(n)?)?;
            Some(finish(day_span(d)?, r, true, None))
        }
        Expr::DayPart { offset, part } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "day", r));
            };
            let d = a.checked_add_signed(Duration::try_days(offset)?)?;
            let with_part = Resolution {
                day_part: Some(part),
                ..*r
            };
            Some(finish(day_span(d)?, &with_part, true, None))
        }
        Expr::Period { unit, shift } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, unit_grain(unit), r));
            };
            let d = shift_date(a, unit, i64::from(shift))?;
            Some(finish(span_for_unit(d, unit)?, r, true, None))
        }
        Expr::Offset { unit, count } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "day", r));
            };
            let d = shift_date(a, unit, count)?;
            // A count of years names a month at best ("il y a trois ans"); days, weeks and
            // months land on a day.
            let span = match unit {
                Unit::Year | Unit::Half | Unit::Quarter => month_span(d.year(), d.month())?,
                _ => day_span(d)?,
            };
            Some(finish(span, r, true, None))
        }
        Expr::PeriodSpan { unit, count } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, unit_grain(unit), r));
            };
            let current = span_for_unit(a, unit)?;
            let (start, end) = if count > 0 {
                (current.end, shift_date(current.end, unit, count)?)
            } else {
                (shift_date(current.start, unit, count)?, current.start)
            };
            let n = count.abs();
            let duration = match unit {
                Unit::Day => format!("P{n}D"),
                Unit::Week => format!("P{n}W"),
                Unit::Month => format!("P{n}M"),
                Unit::Quarter => format!("P{}M", n * 3),
                Unit::Half => format!("P{}M", n * 6),
                Unit::Year => format!("P{n}Y"),
            };
            Some(Resolved {
                value: Some(format!("({},{},{duration})", iso(start), iso(end))),
                grain: unit_grain(unit),
                interval: Some([iso(start), iso(end)]),
                anchored: true,
                note: Some(if count > 0 {
                    "whole units after the anchor's".into()
                } else {
                    "whole units before the anchor's".into()
                }),
            })
        }
        Expr::ClockOffset { seconds } => {
            let Some(a) = anchor else {
                return Some(unanchored(None, "day", r));
            };
            if let Some(t) = r.anchor_time {
                // An email sent at 10:02 that says "in two hours" means 12:02.
                let at = a.and_time(t) + Duration::try_seconds(seconds)?;
                let time = TimeOfDay {
                    hour: chrono::Timelike::hour(&at),
                    minute: Some(chrono::Timelike::minute(&at)),
                    second: None,
                };
                let mut out = with_time(day_span(at.date())?, time);
                out.anchored = true;
                out.note = Some(format!(
                    "clock offset from the anchor's time {}",
                    t.format("%H:%M")
                ));
                return Some(out);
            }
            // The anchor is a date without a time of day: the moment is known to the day at
            // best, counting whole days only ("in 30 minutes" is the anchor's day, "in 48
            // hours" two days later).
            let d = a.checked_add_signed(Duration::try_days(seconds / 86_400)?)?;
            let note = Some("clock offset → anchor day (the anchor has no time of day)".into());
            Some(finish(day_span(d)?, r, true, note))
        }
        Expr::PartOnly(_) => None,
        Expr::TimeOnly => {
            let t = r.time?;
            // A time with no date in its expression is read on the anchor's day: "before
            // 2 p.m." in an email is today. The anchor is a date, not an instant, so even
            // with a future lean there is no "next occurrence" to move to: the day stays.
            if let Some(a) = anchor {
                // When the anchor has a time of day too (a mail sent at 16:00), a time already
                // past that the text looks ahead to ("I'll call at 9am") is the next day's, and
                // one still to come that it looks back on ("the 5pm call went well", sent at
                // 10:00) the day before's. Without a tense or a cue the day stays.
                let at = r.anchor_time.zip(chrono::NaiveTime::from_hms_opt(
                    t.hour,
                    t.minute.unwrap_or(0),
                    0,
                ));
                let (day, note) = match at {
                    Some((now, said)) if r.lean.has_evidence() => match r.lean.direction {
                        Direction::Future if said < now => (
                            a.succ_opt()?,
                            format!(
                                "time of day → the day after the anchor, {} already past",
                                now.format("%H:%M")
                            ),
                        ),
                        Direction::Past if said > now => (
                            a.pred_opt()?,
                            format!(
                                "time of day → the day before the anchor, {} still to come",
                                now.format("%H:%M")
                            ),
                        ),
                        _ => (a, "time of day → anchor day".to_string()),
                    },
                    _ => (a, "time of day → anchor day".to_string()),
                };
                let mut out = with_time(day_span(day)?, t);
                out.anchored = true;
                out.note = Some(note);
                return Some(out);
            }
            Some(Resolved {
                value: Some(time_value(None, t)),
                grain: if t.minute.is_some() { "minute" } else { "hour" },
                interval: None,
                anchored: false,
                note: Some("time of day alone: day left unresolved".into()),
            })
        }
    }
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Every occurrence of a holiday that starts in year `y`, earliest first, as half-open day
/// ranges: one for most, one or two for an Islamic holiday (see `calendars.rs`).
fn holiday_occurrences(y: i32, date: HolidayDate) -> Vec<(NaiveDate, NaiveDate)> {
    let day = match date {
        HolidayDate::Fixed(m, d) => ymd(y, m, d),
        HolidayDate::Easter(offset) => {
            easter(y).and_then(|e| e.checked_add_signed(Duration::try_days(offset)?))
        }
        HolidayDate::NthWeekday(m, wd, nth) => {
            weekday_from(wd).and_then(|wd| nth_weekday_of(y, m, wd, nth))
        }
        HolidayDate::AfterNthWeekday(m, wd, nth, days) => weekday_from(wd)
            .and_then(|wd| nth_weekday_of(y, m, wd, nth))
            .and_then(|d| d.checked_add_signed(Duration::try_days(days)?)),
        HolidayDate::Lunar(h) => return calendars::occurrences_in(y, h),
    };
    day.and_then(|d| Some((d, d.succ_opt()?)))
        .into_iter()
        .collect()
}

/// A holiday in year `y` (the first occurrence when there are two): its first day and the
/// day after its last.
fn holiday_in(y: i32, date: HolidayDate) -> Option<(NaiveDate, NaiveDate)> {
    holiday_occurrences(y, date).into_iter().next()
}

/// A one-day holiday is a day; a longer one ("Hanukkah 2018", "le ramadan") is a range of
/// days written as the range rules write theirs, `(start,end,PnD)` with `end` excluded.
fn holiday_span((start, end): (NaiveDate, NaiveDate)) -> Option<Span> {
    let days = (end - start).num_days();
    if days <= 1 {
        return day_span(start);
    }
    Some(Span {
        value: format!("({},{},P{days}D)", iso(start), iso(end)),
        grain: "day",
        start,
        end,
    })
}

/// The Monday of the n-th (1-based; -1 = last) week lying wholly in a month: "the first week
/// of October 2014" starts on Monday 6 October (the week of 1 October began in September).
fn nth_whole_week_of(y: i32, m: u32, nth: i32) -> Option<NaiveDate> {
    let monday = if nth > 0 {
        nth_weekday_of(y, m, Weekday::Mon, nth)?
    } else {
        nth_weekday_of(y, m, Weekday::Sun, -1)? - Duration::days(6)
    };
    let sunday = monday + Duration::days(6);
    (monday.month() == m && sunday.month() == m).then_some(monday)
}

/// The weekend starting on `saturday`: `2013-W07-WE`, Saturday and Sunday.
fn weekend_of(saturday: NaiveDate) -> Resolved {
    let w = saturday.iso_week();
    Resolved {
        value: Some(format!("{:04}-W{:02}-WE", w.year(), w.week())),
        grain: "weekend",
        interval: Some([iso(saturday), iso(saturday + Duration::days(2))]),
        anchored: true,
        note: None,
    }
}

/// The n-th (1-based; -1 = last) weekday of a month.
fn nth_weekday_of(y: i32, m: u32, wd: Weekday, nth: i32) -> Option<NaiveDate> {
    let first = first_of_month(y, m)?;
    if nth > 0 {
        let offset = (7 + wd.num_days_from_monday() as i64
            - first.weekday().num_days_from_monday() as i64)
            % 7;
        let d = first + Duration::days(offset + 7 * i64::from(nth - 1));
        (d.month() == m).then_some(d)
    } else {
        let last = add_months(first, 1)?.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() as i64
            - wd.num_days_from_monday() as i64)
            % 7;
        Some(last - Duration::days(back))
    }
}

/// A quarter or half containing the anchor is "this" one whatever the direction.
fn period_lean(anchor: NaiveDate, first_month: u32, len: u32, lean: Lean) -> Lean {
    let m = anchor.month();
    if m >= first_month && m < first_month + len {
        Lean {
            direction: Direction::Past,
            reason: "contains the anchor",
            strict: false,
        }
    } else {
        lean
    }
}

fn unit_grain(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
        Unit::Quarter => "quarter",
        Unit::Half => "half",
        Unit::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lean(direction: Direction) -> Lean {
        Lean {
            direction,
            reason: "test",
            strict: false,
        }
    }

    fn resolve_with(expr: Expr, anchor: &str, direction: Direction) -> Resolved {
        let a = NaiveDate::parse_from_str(anchor, "%Y-%m-%d").ok();
        resolve(&Resolution {
            expr: &expr,
            time: None,
            day_part: None,
            modifier: None,
            part: None,
            anchor: a,
            anchor_time: None,
            lean: lean(direction),
        })
        .expect("resolves")
    }

    #[test]
    fn month_without_year_follows_the_direction() {
        let m = Expr::Month {
            year: None,
            month: 12,
            shift: None,
        };
        assert_eq!(
            resolve_with(m.clone(), "2024-06-04", Direction::Past)
                .value
                .as_deref(),
            Some("2023-12")
        );
        assert_eq!(
            resolve_with(m, "2024-06-04", Direction::Future)
                .value
                .as_deref(),
            Some("2024-12")
        );
    }

    #[test]
    fn easter_dates() {
        // Known Easter Sundays.
        assert_eq!(easter(2024), ymd(2024, 3, 31));
        assert_eq!(easter(2013), ymd(2013, 3, 31));
        assert_eq!(easter(2019), ymd(2019, 4, 21));
        assert_eq!(easter(2000), ymd(2000, 4, 23));
    }

    #[test]
    fn weeks_are_iso_weeks() {
        let w = Expr::Period {
            unit: Unit::Week,
            shift: -1,
        };
        let r = resolve_with(w, "2013-02-12", Direction::Past);
        assert_eq!(r.value.as_deref(), Some("2013-W06"));
        assert_eq!(
            r.interval,
            Some(["2013-02-04".to_string(), "2013-02-11".to_string()])
        );
    }

    #[test]
    fn weekday_past_and_future() {
        let thu = Expr::Weekday {
            weekday: 4,
            week_shift: None,
            by_week: true,
        };
        // 2024-06-04 is a Tuesday.
        assert_eq!(
            resolve_with(thu.clone(), "2024-06-04", Direction::Past)
                .value
                .as_deref(),
            Some("2024-05-30")
        );
        assert_eq!(
            resolve_with(thu, "2024-06-04", Direction::Future)
                .value
                .as_deref(),
            Some("2024-06-06")
        );
    }

    #[test]
    fn end_modifier_narrows_to_last_third() {
        let r = resolve(&Resolution {
            expr: &Expr::Year(2024),
            time: None,
            day_part: None,
            modifier: Some(Modifier::End),
            part: None,
            anchor: None,
            anchor_time: None,
            lean: lean(Direction::Past),
        })
        .expect("resolves");
        assert_eq!(
            r.interval,
            Some(["2024-09-01".to_string(), "2025-01-01".to_string()])
        );
    }
}
