//! Separates the author's own text of a message body from the earlier messages it quotes:
//! `> ` lines, attributions ("On … wrote:", "Le … a écrit :"), Outlook header blocks
//! ("-----Original Message-----" / "-----Message d'origine-----" and the bare "From: / Sent:"
//! block) and forwarded messages.
//!
//! Each quote level becomes its own [`QuotedBlock`], outer first: a block's `text` holds that
//! level's lines with one level of `>` removed, and the levels it quotes in turn follow it as
//! further blocks (with their own attribution and date). Nothing is dropped: every line is
//! in the own text, in a block's `header`, or in a block's `text`. Signatures ("-- ") stay
//! in the own text. Not for MIME or charsets (see `email.rs`).

use std::sync::LazyLock;

use regex::Regex;

use super::date::parse_loose_date;
use super::lexicon::{self, Lang};
use crate::model::QuotedBlock;

/// Quote levels deeper than this stay inside the enclosing block's text.
const MAX_QUOTE_DEPTH: usize = 8;
/// An attribution wrapped by the mail client spans at most this many lines.
const MAX_ATTRIBUTION_LINES: usize = 3;
/// Lines scanned after a banner or a bare "From:" line for the header block.
const MAX_HEADER_BLOCK_LINES: usize = 12;

/// A named pattern that marks where quoted material starts.
struct QuoteRule {
    name: &'static str,
    lang: Lang,
    pattern: &'static str,
}

/// Lines that announce a quoted or forwarded message, followed by its header block.
const BANNER_RULES: &[QuoteRule] = &[
    QuoteRule {
        name: "original-message-en",
        lang: Lang::En,
        pattern: r"(?i)^\s*-{2,}\s*original message\s*-{2,}\s*$",
    },
    QuoteRule {
        name: "original-message-fr",
        lang: Lang::Fr,
        pattern: r"(?i)^\s*-{2,}\s*message d['’]origine\s*-{2,}\s*$",
    },
    QuoteRule {
        name: "forwarded-message-en",
        lang: Lang::En,
        pattern: r"(?i)^\s*-{2,}\s*forwarded message\s*-{2,}\s*$",
    },
    QuoteRule {
        name: "forwarded-message-fr",
        lang: Lang::Fr,
        pattern: r"(?i)^\s*-{2,}\s*message (?:transféré|transmis|réexpédié)\s*-{2,}\s*$",
    },
    QuoteRule {
        name: "begin-forwarded-en",
        lang: Lang::En,
        pattern: r"(?i)^\s*begin forwarded message\s*:\s*$",
    },
    QuoteRule {
        name: "debut-reexpedie-fr",
        lang: Lang::Fr,
        pattern: r"(?i)^\s*début du message (?:réexpédié|transféré)\s*:\s*$",
    },
    QuoteRule {
        name: "outlook-underscore-rule",
        lang: Lang::Any,
        pattern: r"^\s*_{10,}\s*$",
    },
];

/// One-line (or wrapped) introductions of a quoted reply.
const ATTRIBUTION_RULES: &[QuoteRule] = &[
    QuoteRule {
        name: "on-date-wrote-en",
        lang: Lang::En,
        pattern: r"(?is)^\s*on\s.{4,300}\swrote\s*:\s*$",
    },
    QuoteRule {
        name: "le-date-a-ecrit-fr",
        lang: Lang::Fr,
        pattern: r"(?is)^\s*le\s.{4,300}\sa\s+écrit\s*:\s*$",
    },
];

static BANNERS: LazyLock<Vec<(&'static QuoteRule, Regex)>> =
    LazyLock::new(|| compile(BANNER_RULES));
static ATTRIBUTIONS: LazyLock<Vec<(&'static QuoteRule, Regex)>> =
    LazyLock::new(|| compile(ATTRIBUTION_RULES));
/// "From: …", "De : …", "*Sent:* …" (bold markers survive HTML-to-text conversion).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\*?([\p{L}][\p{L}-]*(?: à)?)\*?\s*:\*?\s*(.*)$").expect("valid regex")
});

fn compile(rules: &'static [QuoteRule]) -> Vec<(&'static QuoteRule, Regex)> {
    rules
        .iter()
        .map(|r| {
            (
                r,
                Regex::new(r.pattern).expect("quote rule patterns are valid"),
            )
        })
        .collect()
}

/// The names of the quote rules, for documentation and tests.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    BANNER_RULES.iter().chain(ATTRIBUTION_RULES).map(|r| r.name)
}

/// A body split into the author's own text and the blocks it quotes.
#[derive(Debug, Default, PartialEq)]
pub struct Split {
    pub own: String,
    pub blocks: Vec<QuotedBlock>,
}

/// Splits a body (LF line endings). `offset` (minutes east of UTC, from the message's own
/// Date) dates attributions written without a zone.
pub fn split_quotes(body: &str, offset: Option<i32>) -> Split {
    split_at_depth(body, offset, 0)
}

fn split_at_depth(body: &str, offset: Option<i32>, depth: usize) -> Split {
    let lines: Vec<&str> = body.split('\n').collect();
    let mut own: Vec<&str> = Vec::with_capacity(lines.len());
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if depth >= MAX_QUOTE_DEPTH {
            own.extend_from_slice(&lines[i..]);
            break;
        }
        if let Some(h) = header_block_at(&lines, i, offset) {
            // Everything after an Outlook or forwarded header block is the earlier message.
            let content = lines[h.end..].join("\n");
            push_block(&mut blocks, Some(h.header), h.date, &content, offset, depth);
            break;
        }
        if let Some((end, header, lang)) = attribution_at(&lines, i) {
            let date = parse_loose_date(&header, lang, offset);
            let next = (end..lines.len()).find(|&j| !lines[j].trim().is_empty());
            match next {
                Some(j) if is_quoted(lines[j]) => {
                    let run_end = quoted_run_end(&lines, j);
                    let content = unquote(&lines[j..run_end]);
                    push_block(&mut blocks, Some(header), date, &content, offset, depth);
                    i = run_end;
                    continue;
                }
                // Top-posting clients quote without markers: the rest is the quote. Only
                // trusted when the line carries a date or an address, so that prose such as
                // "On Monday the CFO wrote:" does not swallow the author's own text.
                _ if date.is_some() || header.contains('@') => {
                    let content = lines[end..].join("\n");
                    push_block(&mut blocks, Some(header), date, &content, offset, depth);
                    break;
                }
                _ => {}
            }
        }
        if is_quoted(lines[i]) {
            let run_end = quoted_run_end(&lines, i);
            let content = unquote(&lines[i..run_end]);
            push_block(&mut blocks, None, None, &content, offset, depth);
            i = run_end;
            continue;
        }
        own.push(lines[i]);
        i += 1;
    }
    Split {
        own: tidy(&own.join("\n")),
        blocks,
    }
}

/// Trims blank lines (and trailing spaces) at both ends, nothing inside.
fn tidy(text: &str) -> String {
    let start = text
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |p| text[..p].rfind('\n').map_or(0, |n| n + 1));
    text[start..].trim_end().to_string()
}

fn push_block(
    blocks: &mut Vec<QuotedBlock>,
    header: Option<String>,
    date: Option<String>,
    content: &str,
    offset: Option<i32>,
    depth: usize,
) {
    let inner = split_at_depth(content, offset, depth + 1);
    if header.is_none() && inner.own.is_empty() && inner.blocks.is_empty() {
        return;
    }
    blocks.push(QuotedBlock {
        header,
        date,
        text: inner.own,
    });
    blocks.extend(inner.blocks);
}

fn is_quoted(line: &str) -> bool {
    line.starts_with('>')
}

/// End (exclusive) of the run of quoted lines starting at `start`; blank lines inside the
/// run belong to it, blank lines after it do not.
fn quoted_run_end(lines: &[&str], start: usize) -> usize {
    let mut end = start;
    let mut k = start;
    while k < lines.len() {
        if is_quoted(lines[k]) {
            end = k + 1;
        } else if !lines[k].trim().is_empty() {
            break;
        }
        k += 1;
    }
    end
}

/// Removes one level of quote marker ("> " or ">") from each line.
fn unquote(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| {
            let l = l.strip_prefix('>').unwrap_or(l);
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An attribution starting at line `i`: (line after it, the attribution, its language).
fn attribution_at(lines: &[&str], i: usize) -> Option<(usize, String, Lang)> {
    let first = lines[i].trim_start();
    let opener = first.get(..3).map(str::to_ascii_lowercase);
    if !matches!(opener.as_deref(), Some("on " | "le ")) {
        return None;
    }
    for n in 1..=MAX_ATTRIBUTION_LINES.min(lines.len() - i) {
        let joined = lines[i..i + n]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some((rule, _)) = ATTRIBUTIONS.iter().find(|(_, re)| re.is_match(&joined)) {
            return Some((i + n, joined, rule.lang));
        }
    }
    None
}

/// A header block found at a line.
struct HeaderBlock {
    /// Line after the block.
    end: usize,
    /// Banner and header lines as written.
    header: String,
    date: Option<String>,
}

/// A banner followed by header lines, or a bare Outlook block ("From:" then "Sent:"/"Date:"
/// and "Subject:"/"To:" within a few lines) starting at line `i`.
fn header_block_at(lines: &[&str], i: usize, offset: Option<i32>) -> Option<HeaderBlock> {
    let line = lines[i];
    let banner = looks_like_banner(line)
        .then(|| BANNERS.iter().find(|(_, re)| re.is_match(line)))
        .flatten();
    let fields_start = if banner.is_some() { i + 1 } else { i };
    if banner.is_none() {
        let (name, _) = header_field(line)?;
        if !lexicon::BLOCK_OPENERS.contains(&name.as_str()) {
            return None;
        }
    }
    // Outlook and Gmail may leave blank lines between the banner and the fields.
    let mut k = fields_start;
    while banner.is_some() && k < lines.len() && lines[k].trim().is_empty() && k < i + 3 {
        k += 1;
    }
    let mut fields = Vec::new();
    let mut end = k;
    while end < lines.len() && end < k + MAX_HEADER_BLOCK_LINES {
        let l = lines[end];
        if let Some(field) = header_field(l) {
            fields.push(field);
        } else if !(l.starts_with([' ', '\t']) && !l.trim().is_empty() && !fields.is_empty()) {
            break;
        }
        end += 1;
    }
    let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
    let has_date = lexicon::HEADER_NAMES
        .iter()
        .any(|t| t.date.iter().any(|d| names.contains(d)));
    let valid = match banner {
        Some((rule, _)) if rule.lang == Lang::Any => has_date && names.len() >= 2,
        Some(_) => true,
        None => has_date && names.len() >= 3,
    };
    if !valid {
        return None;
    }
    let date = fields.iter().find_map(|(name, value)| {
        let table = lexicon::HEADER_NAMES
            .iter()
            .find(|t| t.date.contains(&name.as_str()))?;
        let lang = if name == "date" {
            Lang::Any
        } else {
            table.lang
        };
        parse_loose_date(value, lang, offset)
    });
    Some(HeaderBlock {
        end,
        header: lines[i..end].join("\n").trim().to_string(),
        date,
    })
}

/// Cheap test before running the banner patterns on a line.
fn looks_like_banner(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("--")
        || t.starts_with("__")
        || t.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("begin"))
        || t.starts_with("Début")
        || t.starts_with("début")
}

/// A quoted header line whose name is one of the lexicon's: (lowercase name, value).
fn header_field(line: &str) -> Option<(String, String)> {
    if line.len() > 2000 || !line.contains(':') {
        return None;
    }
    let c = HEADER_LINE.captures(line)?;
    let name = c.get(1)?.as_str().to_lowercase();
    let known = lexicon::HEADER_NAMES
        .iter()
        .any(|t| t.all.contains(&name.as_str()));
    known.then(|| (name, c.get(2).map_or("", |v| v.as_str()).trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique() {
        let mut names: Vec<_> = rule_names().collect();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn interleaved_reply_keeps_own_lines_in_order() {
        let body = "Top line\n\n> first quoted\n> still\n\nMy answer\n> second quoted\n-- \nSig";
        let s = split_quotes(body, None);
        assert_eq!(s.own, "Top line\n\n\nMy answer\n-- \nSig");
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].text, "first quoted\nstill");
        assert_eq!(s.blocks[1].text, "second quoted");
    }

    #[test]
    fn nested_levels_become_following_blocks() {
        let body = "Reply\n\nOn Wed, Jun 5, 2024 at 9:00 AM Bob <b@x> wrote:\n> Bob text\n> \n> Le 4 juin 2024 à 18:03, Claire <c@x> a écrit :\n>> Claire text\n";
        let s = split_quotes(body, Some(120));
        assert_eq!(s.own, "Reply");
        assert_eq!(s.blocks.len(), 2);
        assert_eq!(s.blocks[0].text, "Bob text");
        assert_eq!(
            s.blocks[0].date.as_deref(),
            Some("2024-06-05T09:00:00+02:00")
        );
        assert_eq!(
            s.blocks[1].header.as_deref(),
            Some("Le 4 juin 2024 à 18:03, Claire <c@x> a écrit :")
        );
        assert_eq!(s.blocks[1].text, "Claire text");
        assert_eq!(
            s.blocks[1].date.as_deref(),
            Some("2024-06-04T18:03:00+02:00")
        );
    }

    #[test]
    fn unmarked_quote_needs_a_dated_or_addressed_attribution() {
        let prose = "On Monday the CFO wrote:\nWe will spend more.\n";
        let s = split_quotes(prose, None);
        assert!(s.blocks.is_empty());
        assert_eq!(s.own, "On Monday the CFO wrote:\nWe will spend more.");
        let reply = "Noted.\n\nLe 4 juin 2024 à 18:03, Claire a écrit :\n\nTexte cité.\n";
        let s = split_quotes(reply, None);
        assert_eq!(s.own, "Noted.");
        assert_eq!(s.blocks.len(), 1);
        assert_eq!(s.blocks[0].text, "Texte cité.");
        assert_eq!(s.blocks[0].date.as_deref(), Some("2024-06-04"));
    }

    #[test]
    fn prose_starting_with_from_is_not_a_header_block() {
        let body = "From: the start we knew.\nIt was late.\n";
        let s = split_quotes(body, None);
        assert!(s.blocks.is_empty());
        assert_eq!(s.own, "From: the start we knew.\nIt was late.");
    }
}
