//! The HTML report's figures, drawn as inline SVG: a timeline of dated claims (time on x, one
//! lane per organisation) and a bar chart of quantities received per recipient.
//!
//! Every mark links to its evidence anchor, every label is escaped, and nothing refers to an
//! external resource. Not here: choosing what is drawn (see `model`) or page layout (`html`).

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::html::escape;
use super::model::{Report, TimelineEntry, day_number, format_plain, kind_label, most_common};
use crate::model::ClaimKind;

const WIDTH: f64 = 920.0;
const LABEL_WIDTH: f64 = 150.0;
const RIGHT_MARGIN: f64 = 24.0;
const LANE_HEIGHT: f64 = 76.0;
const TOP: f64 = 34.0;
const AXIS_HEIGHT: f64 = 36.0;
const BAR_HEIGHT: f64 = 24.0;
/// Height of a row of marks inside a lane.
const ROW_HEIGHT: f64 = 20.0;
/// Room in a lane above and below its rows.
const LANE_PADDING: f64 = 8.0;
/// A mark grows with the number of claims it stands for, up to this radius.
const MAX_RADIUS: f64 = 9.0;
/// Approximate advance of a label character (11 px semi-bold), to keep labels apart.
const LABEL_CHAR_WIDTH: f64 = 6.6;
/// Horizontal room kept between marks of one row.
const MARK_GAP: f64 = 6.0;
const BAR_GAP: f64 = 14.0;
/// A timeline narrower than this (in days) is widened so points do not pile up.
const MIN_SPAN_DAYS: i64 = 90;
/// Labels longer than this are cut with an ellipsis (the full text is in the tooltip).
const MAX_LABEL_CHARS: usize = 26;

/// The colour of a claim kind, shared by the timeline and its legend.
pub fn kind_colour(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Transfer => "#1f5f99",
        ClaimKind::Spend | ClaimKind::Purchase | ClaimKind::Invest => "#b3261e",
        ClaimKind::Plan | ClaimKind::Target => "#a06a00",
        ClaimKind::Funding | ClaimKind::Revenue | ClaimKind::Valuation => "#2e7d4f",
    }
}

fn cut(text: &str) -> String {
    cut_to(text, MAX_LABEL_CHARS)
}

fn cut_to(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn href(id: &str) -> String {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("#{safe}")
}

/// A dated entry placed in time.
struct Placed<'a> {
    entry: &'a TimelineEntry,
    start: i64,
    end: i64,
}

fn placed(report: &Report) -> Vec<Placed<'_>> {
    let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    report
        .timeline
        .iter()
        .filter_map(|entry| {
            let [s, e] = entry.interval.as_ref()?;
            let (s, e) = (parse(s)?, parse(e)?);
            Some(Placed {
                entry,
                start: day_number(s),
                end: day_number(e).max(day_number(s) + 1),
            })
        })
        .collect()
}

/// Axis ticks: (day number, label), yearly, quarterly or monthly depending on the span.
fn ticks(lo: i64, hi: i64) -> Vec<(i64, String)> {
    let span = hi - lo;
    // About ten ticks at most: whole years (or several) beyond three years, else quarters or
    // months.
    let step_months = if span > 3 * 365 {
        let years = u32::try_from(span / 365).unwrap_or(u32::MAX);
        12 * years.div_ceil(10).max(1)
    } else if span > 400 {
        3
    } else {
        1
    };
    let Some(first) = NaiveDate::from_num_days_from_ce_opt(i32::try_from(lo).unwrap_or(1)) else {
        return Vec::new();
    };
    let mut d = NaiveDate::from_ymd_opt(first.year(), 1, 1);
    let mut out = Vec::new();
    while let Some(day) = d {
        let n = day_number(day);
        if n > hi {
            break;
        }
        if n >= lo {
            let label = match (step_months, day.month()) {
                (s, _) if s >= 12 => day.year().to_string(),
                (_, 1) => day.format("%b %Y").to_string(),
                _ => day.format("%b").to_string(),
            };
            out.push((n, label));
        }
        d = day.checked_add_months(chrono::Months::new(step_months));
    }
    out
}

/// One mark of the timeline: the claims of one lane and one period that state the same
/// figure for the same kind of claim, however each source names the item ("12,000 H100
/// GPUs", "12 000 livraisons de GPU H100"). Drawn once, larger the more claims it stands for.
struct Mark<'a> {
    lane: usize,
    start: i64,
    end: i64,
    kind: ClaimKind,
    figure: &'a str,
    members: Vec<&'a TimelineEntry>,
    /// The value as most of its claims write it.
    label: String,
    /// Row inside the lane, set by `place_marks`.
    row: usize,
    label_left: bool,
}

impl Mark<'_> {
    fn radius(&self) -> f64 {
        (5.0 + 1.5 * (self.members.len() as f64).ln()).min(MAX_RADIUS)
    }

    /// The label: the value, with the number of claims when there are several, and
    /// "corrected" when a later message of its thread corrects every one of them.
    fn text(&self) -> String {
        let value = cut_to(&self.label, 2 * MAX_LABEL_CHARS);
        let value = match self.members.len() {
            0 | 1 => value,
            n => format!("{value} ×{n}"),
        };
        if self.corrected() {
            format!("{value} (corrected)")
        } else {
            value
        }
    }

    fn corrected(&self) -> bool {
        self.members.iter().all(|e| e.superseded)
    }
}

/// Groups placed claims into marks, in order of first appearance.
fn marks<'a>(points: &'a [Placed<'a>], lanes: &BTreeMap<&str, usize>) -> Vec<Mark<'a>> {
    let mut marks: Vec<Mark> = Vec::new();
    let mut index: BTreeMap<(usize, i64, i64, ClaimKind, &str), usize> = BTreeMap::new();
    for p in points {
        let lane = lanes.get(p.entry.org.as_str()).copied().unwrap_or(0);
        let key = (lane, p.start, p.end, p.entry.kind, p.entry.figure.as_str());
        match index.get(&key).and_then(|&i| marks.get_mut(i)) {
            Some(m) => m.members.push(p.entry),
            None => {
                index.insert(key, marks.len());
                marks.push(Mark {
                    lane,
                    start: p.start,
                    end: p.end,
                    kind: p.entry.kind,
                    figure: &p.entry.figure,
                    members: vec![p.entry],
                    label: String::new(),
                    row: 0,
                    label_left: false,
                });
            }
        }
    }
    for m in &mut marks {
        m.label = most_common(m.members.iter().map(|e| e.value.as_str()))
            .unwrap_or(m.figure)
            .to_string();
    }
    marks
}

/// Gives each mark a row in its lane so that no two marks, their labels or their period
/// bars overlap: first fit, marks taken from left to right. Labels of marks right of
/// `flip_x` go to the left of their point. Returns the number of rows of each lane.
fn place_marks(marks: &mut [Mark], x: impl Fn(i64) -> f64, flip_x: f64) -> Vec<usize> {
    let lanes = marks.iter().map(|m| m.lane + 1).max().unwrap_or(0);
    let mut occupied: Vec<Vec<Vec<(f64, f64)>>> = vec![Vec::new(); lanes];
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by(|&a, &b| {
        let mid = |m: &Mark| m.start + m.end;
        marks[a]
            .lane
            .cmp(&marks[b].lane)
            .then_with(|| mid(&marks[a]).cmp(&mid(&marks[b])))
    });
    for i in order {
        let Some(m) = marks.get_mut(i) else { continue };
        let (x1, x2) = (x(m.start), x(m.end));
        let cx = (x1 + x2) / 2.0;
        let r = m.radius();
        let width = m.text().chars().count() as f64 * LABEL_CHAR_WIDTH;
        m.label_left = cx > flip_x;
        let (from, to) = if m.label_left {
            (cx - r - 4.0 - width, cx + r)
        } else {
            (cx - r, cx + r + 4.0 + width)
        };
        let span = (from.min(x1) - MARK_GAP, to.max(x2) + MARK_GAP);
        let Some(rows) = occupied.get_mut(m.lane) else {
            continue;
        };
        let free = |row: &Vec<(f64, f64)>| row.iter().all(|&(a, b)| b <= span.0 || a >= span.1);
        let row = rows.iter().position(free).unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(Vec::new());
        }
        if let Some(r) = rows.get_mut(row) {
            r.push(span);
        }
        m.row = row;
    }
    occupied.iter().map(|rows| rows.len().max(1)).collect()
}

/// The timeline figure, or `None` when no claim has a resolved date.
pub fn timeline(report: &Report) -> Option<String> {
    let points = placed(report);
    let lo = points.iter().map(|p| p.start).min()?;
    let hi = points.iter().map(|p| p.end).max()?;
    let (lo, hi) = if hi - lo < MIN_SPAN_DAYS {
        let mid = (lo + hi) / 2;
        (mid - MIN_SPAN_DAYS / 2, mid + MIN_SPAN_DAYS / 2)
    } else {
        let pad = (hi - lo) / 40;
        (lo - pad, hi + pad)
    };
    let mut lanes: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &points {
        lanes.entry(p.entry.org.as_str()).or_insert(0);
    }
    for (i, v) in lanes.values_mut().enumerate() {
        *v = i;
    }
    let plot_w = WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
    let x = |day: i64| LABEL_WIDTH + (day - lo) as f64 / (hi - lo).max(1) as f64 * plot_w;
    let mut marks = marks(&points, &lanes);
    let rows = place_marks(&mut marks, x, LABEL_WIDTH + plot_w * 0.7);
    // A lane is as tall as its rows of marks need, and never shorter than LANE_HEIGHT.
    let lane_height: Vec<f64> = rows
        .iter()
        .map(|&n| LANE_HEIGHT.max(n as f64 * ROW_HEIGHT + 2.0 * LANE_PADDING))
        .collect();
    let lane_top: Vec<f64> = lane_height
        .iter()
        .scan(TOP, |y, h| {
            let top = *y;
            *y += h;
            Some(top)
        })
        .collect();
    let lanes_bottom = TOP + lane_height.iter().sum::<f64>();
    let height = lanes_bottom + AXIS_HEIGHT;
    let axis_y = lanes_bottom;
    // The y of a row: the rows of a lane are centred in it.
    let row_y = |lane: usize, row: usize| {
        let top = lane_top.get(lane).copied().unwrap_or(TOP);
        let h = lane_height.get(lane).copied().unwrap_or(LANE_HEIGHT);
        let used = rows.get(lane).copied().unwrap_or(1) as f64 * ROW_HEIGHT;
        top + (h - used) / 2.0 + (row as f64 + 0.5) * ROW_HEIGHT
    };

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"timeline-title\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"timeline-title\">Timeline of dated claims, one lane per organisation</title>"
    );
    // Legend: one swatch per kind present.
    let mut kinds: Vec<ClaimKind> = points.iter().map(|p| p.entry.kind).collect();
    kinds.sort();
    kinds.dedup();
    let mut lx = LABEL_WIDTH;
    for k in kinds {
        let label = kind_label(k);
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"14\" r=\"5\" fill=\"{}\"/><text x=\"{:.1}\" y=\"18\" class=\"legend\">{}</text>",
            lx + 5.0,
            kind_colour(k),
            lx + 14.0,
            escape(label)
        );
        lx += 24.0 + label.len() as f64 * 7.0;
    }
    for (name, i) in &lanes {
        let y = lane_top.get(*i).copied().unwrap_or(TOP);
        let h = lane_height.get(*i).copied().unwrap_or(LANE_HEIGHT);
        if i.is_multiple_of(2) {
            let _ = write!(
                svg,
                "<rect x=\"0\" y=\"{y:.1}\" width=\"{WIDTH}\" height=\"{h:.1}\" class=\"band\"/>"
            );
        }
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"lane\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 10.0,
            y + h / 2.0 + 4.0,
            escape(&cut(name))
        );
    }
    for (day, label) in ticks(lo, hi) {
        let tx = x(day);
        let _ = write!(
            svg,
            "<line x1=\"{tx:.1}\" y1=\"{TOP}\" x2=\"{tx:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{tx:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"middle\">{}</text>",
            axis_y + 4.0,
            axis_y + 20.0,
            escape(&label)
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{LABEL_WIDTH}\" y1=\"{axis_y:.1}\" x2=\"{:.1}\" y2=\"{axis_y:.1}\" class=\"axis\"/>",
        WIDTH - RIGHT_MARGIN
    );
    // Periods first, so that no bar covers a point or a label.
    for m in &marks {
        let y = row_y(m.lane, m.row);
        let (x1, x2) = (x(m.start), x(m.end));
        let _ = write!(
            svg,
            "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"2\" fill=\"{}\" fill-opacity=\"0.22\"/>",
            y - 4.0,
            (x2 - x1).max(2.0),
            kind_colour(m.kind)
        );
    }
    for m in &marks {
        let y = row_y(m.lane, m.row);
        let cx = (x(m.start) + x(m.end)) / 2.0;
        // The point links to a claim that names its organisation when one does.
        let first = m
            .members
            .iter()
            .find(|e| !e.by_group)
            .or(m.members.first())
            .copied();
        let tooltip = first.map_or_else(String::new, |e| {
            let n = m.members.len();
            let sources = if n > 1 {
                format!(" · stated by {n} claims")
            } else {
                String::new()
            };
            format!(
                "{} · {} · {} ({}){sources}",
                e.date,
                e.label,
                m.label,
                e.precision.as_str()
            )
        });
        // A corrected figure is drawn hollow: it was said, then taken back.
        let (fill, stroke) = if m.corrected() {
            ("#fff", kind_colour(m.kind))
        } else {
            (kind_colour(m.kind), "#fff")
        };
        let _ = write!(
            svg,
            "<a href=\"{}\"><title>{}</title><circle cx=\"{cx:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/></a>",
            href(first.map_or("", |e| e.evidence.as_str())),
            escape(&tooltip),
            m.radius(),
        );
        let (label_x, anchor) = if m.label_left {
            (cx - m.radius() - 4.0, "end")
        } else {
            (cx + m.radius() + 4.0, "start")
        };
        let _ = write!(
            svg,
            "<text x=\"{label_x:.1}\" y=\"{:.1}\" class=\"point\" text-anchor=\"{anchor}\">{}</text>",
            y + 4.0,
            escape(&m.text())
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The bar chart of quantities received per recipient (one segment per distinct transfer),
/// or `None` when there are no transfers.
pub fn recipients(report: &Report) -> Option<String> {
    let max = report
        .recipients
        .iter()
        .map(|r| r.total)
        .fold(0.0_f64, f64::max);
    if report.recipients.is_empty() || max <= 0.0 {
        return None;
    }
    let value_room = 190.0;
    let plot_w = WIDTH - LABEL_WIDTH - RIGHT_MARGIN - value_room;
    let height = 12.0 + report.recipients.len() as f64 * (BAR_HEIGHT + BAR_GAP);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"bars-title\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"bars-title\">Quantities received per recipient</title>"
    );
    for (i, r) in report.recipients.iter().enumerate() {
        let y = 6.0 + i as f64 * (BAR_HEIGHT + BAR_GAP);
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"lane\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 10.0,
            y + BAR_HEIGHT / 2.0 + 4.0,
            escape(&cut(&r.recipient))
        );
        let mut x = LABEL_WIDTH;
        for share in &r.transfers {
            let w = (share.quantity / max * plot_w).max(1.0);
            let from = share.from.as_deref().unwrap_or("unknown giver");
            let _ = write!(
                svg,
                "<a href=\"{}\"><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_HEIGHT}\" class=\"bar\"/></a>",
                href(&share.evidence),
                escape(&format!("{} from {from}", share.value))
            );
            x += w + 1.0;
        }
        let total = match &r.item {
            Some(item) => format!("{} {item}", format_plain(r.total)),
            None => format_plain(r.total),
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{}</text>",
            x + 8.0,
            y + BAR_HEIGHT / 2.0 + 4.0,
            escape(&cut(&total))
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .map(day_number)
            .unwrap_or_default()
    }

    #[test]
    fn ticks_stay_few_and_in_range() {
        for (lo, hi) in [
            (day(2023, 11, 15), day(2024, 2, 1)),
            (day(2023, 1, 1), day(2025, 1, 1)),
            (day(1990, 1, 1), day(2030, 1, 1)),
        ] {
            let t = ticks(lo, hi);
            assert!(!t.is_empty() && t.len() <= 13, "{} ticks", t.len());
            assert!(t.iter().all(|(d, _)| *d >= lo && *d <= hi));
        }
        let labels: Vec<String> = ticks(day(2023, 11, 15), day(2024, 2, 1))
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["Dec", "Jan 2024", "Feb"]);
    }

    fn entry(org: &str, date: &str, n: usize) -> TimelineEntry {
        let (precision, interval) = super::super::model::resolve_timex(date);
        TimelineEntry {
            date: date.into(),
            precision,
            interval: interval.map(|[s, e]| [s.to_string(), e.to_string()]),
            org: org.into(),
            kind: ClaimKind::Transfer,
            value: format!("{n} <GPUs>"),
            figure: n.to_string(),
            label: "A → B".into(),
            by_group: false,
            superseded: false,
            evidence: format!("ev-{n:012x}"),
        }
    }

    #[test]
    fn stacked_points_stay_apart_and_inside_the_figure() {
        let mut r = Report::build(&[], &[]);
        r.timeline = (0..15).map(|n| entry("Tesla", "2023-12", n)).collect();
        r.timeline.push(entry("Voltanis", "2024-Q2", 99));
        let svg = timeline(&r).expect("a figure");
        let number = |s: &str, attr: &str| -> Vec<f64> {
            s.match_indices(attr)
                .filter_map(|(i, _)| {
                    let rest = &s[i + attr.len()..];
                    rest.split('"').next()?.parse().ok()
                })
                .collect()
        };
        let height = number(&svg, "viewBox=\"0 0 920 ")[0];
        let mut ys = number(&svg, " cy=\"");
        assert_eq!(
            ys.len(),
            16 + 1,
            "one point per claim, plus the legend swatch"
        );
        ys.sort_by(f64::total_cmp);
        assert!(
            ys.windows(2).all(|w| w[1] - w[0] >= ROW_HEIGHT - 0.01),
            "{ys:?}"
        );
        assert!(
            ys.iter().all(|y| *y > 0.0 && *y < height),
            "{ys:?} in {height}"
        );
        assert!(svg.contains("&lt;GPUs&gt;") && !svg.contains("<GPUs>"));
        assert_eq!(svg.matches("href=\"#ev-").count(), 16);
    }

    #[test]
    fn one_mark_per_figure_whatever_the_item_is_called() {
        let mut r = Report::build(&[], &[]);
        r.timeline = (0..3)
            .map(|n| {
                let mut e = entry("Tesla", "2023-12", 7);
                e.evidence = format!("ev-{n:012x}");
                e.value = ["12,000 H100 GPUs", "12,000 GPU H100", "12,000 H100 GPUs"][n].into();
                e.figure = "12,000".into();
                e
            })
            .collect();
        r.timeline.push(entry("Tesla", "2023-12", 8));
        let svg = timeline(&r).expect("a figure");
        assert_eq!(svg.matches("<circle").count(), 2 + 1, "{svg}");
        assert!(svg.contains(">12,000 H100 GPUs ×3</text>"), "{svg}");
        assert!(svg.contains("stated by 3 claims"));
    }

    #[test]
    fn marks_whose_labels_would_overlap_go_to_other_rows() {
        // Two figures a few days apart in one lane: their labels would cross on one line.
        let mut r = Report::build(&[], &[]);
        r.timeline = vec![entry("X", "2024-03-01", 1), entry("X", "2024-03-04", 2)];
        r.timeline.push(entry("X", "2025-06-01", 3));
        let svg = timeline(&r).expect("a figure");
        let cys: Vec<&str> = svg
            .match_indices(" cy=\"")
            .filter_map(|(i, _)| svg.get(i + 5..)?.split('"').next())
            .skip(1)
            .collect();
        assert_eq!(cys.len(), 3);
        assert_ne!(cys[0], cys[1], "close marks share a row: {svg}");
    }

    #[test]
    fn the_most_common_spelling_labels_a_mark() {
        let v = [
            "12 000 GPU",
            "12,000 H100 GPUs",
            "12,000 H100 GPUs",
            "12,000 GPU",
        ];
        assert_eq!(most_common(v.into_iter()), Some("12,000 H100 GPUs"));
        assert_eq!(most_common(["bb", "a"].into_iter()), Some("a"));
        assert_eq!(most_common(std::iter::empty()), None);
    }

    #[test]
    fn empty_reports_draw_nothing() {
        let r = Report::build(&[], &[]);
        assert!(timeline(&r).is_none() && recipients(&r).is_none());
    }
}
