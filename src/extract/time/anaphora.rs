//! Days that count from the day a text was just speaking of, not from the document's date:
//! "le lendemain", "la veille", "trois jours plus tard", "le même jour", "the next day", "two
//! days later", "the same day". A chronology ("Le conseil s'est réuni le 3 juin, puis trois
//! jours plus tard") is written this way.
//!
//! Each one resolves against the nearest day-precise date before it in the same paragraph
//! (or in the paragraph before, when it opens its own: "Le lendemain, …" continues the
//! story), and says so in `anchor`. Without such a date it is left out: the document's date would be
//! a guess, and a date that is never invented is worth more than one more mention. Forms
//! followed by their own reference ("la veille de l'élection", "the day after the vote") are
//! left out too: they count from that event, not from the date before.

use std::sync::LazyLock;

use chrono::{Duration, NaiveDate};
use regex::Regex;

use crate::extract::Lang;
use crate::model::{Mention, MentionType, Value};

/// How far back (bytes) the date a form counts from may stand.
const MAX_DISTANCE: usize = 600;

/// `shift` names a day offset ("lendemain" +1); `n` and `dir` a counted one ("trois jours
/// plus tard").
static FRENCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<shift>le\s+lendemain|la\s+veille|le\s+surlendemain|l['’]avant-veille|le\s+m[êe]me\s+jour|ce\s+m[êe]me\s+jour)|(?P<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)\s+jours?\s+(?P<dir>plus\s+tard|plus\s+t[ôo]t|auparavant))\b",
    )
    .expect("French anaphoric days compile")
});

static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<shift>the\s+next\s+day|the\s+following\s+day|the\s+previous\s+day|the\s+day\s+after|the\s+day\s+before|the\s+same\s+day|that\s+same\s+day)|(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+days?\s+(?P<dir>later|earlier))\b",
    )
    .expect("English anaphoric days compile")
});

/// The day offset a fixed form names.
fn shift_days(form: &str) -> Option<i64> {
    let f = form
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let f = f.replace('’', "'").replace('ê', "e");
    Some(match f.as_str() {
        "le lendemain" | "the next day" | "the following day" | "the day after" => 1,
        "le surlendemain" => 2,
        "la veille" | "the previous day" | "the day before" => -1,
        "l'avant-veille" => -2,
        "le meme jour" | "ce meme jour" | "the same day" | "that same day" => 0,
        _ => return None,
    })
}

fn count(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    Some(match word.to_lowercase().as_str() {
        "un" | "une" | "a" | "one" => 1,
        "deux" | "two" => 2,
        "trois" | "three" => 3,
        "quatre" | "four" => 4,
        "cinq" | "five" => 5,
        "six" => 6,
        "sept" | "seven" => 7,
        "huit" | "eight" => 8,
        "neuf" | "nine" => 9,
        "dix" | "ten" => 10,
        "onze" | "eleven" => 11,
        "douze" | "twelve" => 12,
        "quinze" | "fifteen" => 15,
        "vingt" | "twenty" => 20,
        _ => return None,
    })
}

/// "la veille de l'élection", "the day after the vote", "le lendemain du scrutin": the form
/// names its own reference.
fn has_own_reference(rest: &str) -> bool {
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '\'' || *c == '’')
        .collect::<String>()
        .to_lowercase();
    matches!(
        next.as_str(),
        "de" | "du"
            | "des"
            | "d'"
            | "d’"
            | "of"
            | "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
    ) || next.starts_with("d'")
        || next.starts_with("d’")
}

/// The anaphoric days of `text`, resolved against the day-precise date mentions of `dates`
/// (sorted by position) that precede them in the same paragraph, or in the paragraph before
/// when they open theirs; none overlap `dates`.
pub fn find(text: &str, lang: Lang, dates: &[Mention]) -> Vec<Mention> {
    let re = match lang {
        Lang::Fr => &*FRENCH,
        Lang::En => &*ENGLISH,
    };
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (start, end) = (whole.start(), whole.end());
        if dates
            .iter()
            .any(|d| d.byte_start < end && start < d.byte_end)
        {
            continue;
        }
        let offset = if let Some(form) = c.name("shift") {
            if has_own_reference(&text[end..]) {
                continue;
            }
            shift_days(form.as_str())
        } else {
            let n = c.name("n").and_then(|n| count(n.as_str()));
            let later = c.name("dir").is_some_and(|d| {
                let d = d.as_str().to_lowercase();
                d == "later" || d.split_whitespace().eq(["plus", "tard"])
            });
            n.map(|n| if later { n } else { -n })
        };
        let Some(offset) = offset else { continue };
        // The nearest day before it, in the same paragraph or, when it opens its paragraph
        // ("Le lendemain, …"), in the one just before: a date of the text or a day resolved
        // just before ("trois jours plus tard … La veille").
        let opens_paragraph = text[..start]
            .trim_end_matches([' ', '\t', '«', '"', '—', '-'])
            .ends_with("\n\n");
        let Some((antecedent, day)) = dates
            .iter()
            .chain(&out)
            .filter(|d| d.byte_end <= start && start - d.byte_end <= MAX_DISTANCE)
            .filter(|d| {
                let breaks = text[d.byte_end..start].matches("\n\n").count();
                breaks == 0 || (breaks == 1 && opens_paragraph)
            })
            .filter_map(|d| Some((d, day_of(d)?)))
            .max_by_key(|(d, _)| d.byte_end)
        else {
            continue;
        };
        let antecedent_text = antecedent.text.clone();
        let Some(target) = day.checked_add_signed(Duration::days(offset)) else {
            continue;
        };
        let value = target.format("%Y-%m-%d").to_string();
        let next = (target + Duration::days(1)).format("%Y-%m-%d").to_string();
        let mut m = Mention::new(
            MentionType::Date,
            "text",
            text,
            start,
            end,
            format!("<anaphoric day> → {offset:+} days from the date before it"),
        );
        m.value = Some(Value::Text(value.clone()));
        m.grain = Some("day".into());
        m.interval = Some([value, next]);
        m.anchor = Some(format!(
            "{} («{}»)",
            day.format("%Y-%m-%d"),
            antecedent_text
        ));
        out.push(m);
    }
    out
}

/// The day a date mention names, when it names exactly one.
fn day_of(m: &Mention) -> Option<NaiveDate> {
    if m.kind != MentionType::Date || m.grain.as_deref() != Some("day") {
        return None;
    }
    let v = m.text_value()?;
    NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DateBias;
    use crate::extract::time::{Anchor, extract};

    fn days(text: &str, lang: Lang) -> Vec<(String, String)> {
        let anchor = Anchor::from_date_str("2024-06-05", "test");
        extract(text, lang, anchor.as_ref(), DateBias::Auto)
            .into_iter()
            .filter(|m| m.kind == MentionType::Date)
            .map(|m| (m.text.clone(), m.text_value().unwrap_or("").to_string()))
            .collect()
    }

    #[test]
    fn counts_from_the_day_before_it() {
        let fr = days(
            "Le conseil s'est réuni le 3 juin, puis trois jours plus tard. La veille, \
             rien n'avait filtré.",
            Lang::Fr,
        );
        assert!(
            fr.contains(&("trois jours plus tard".into(), "2024-06-06".into())),
            "{fr:?}"
        );
        // "La veille" follows "trois jours plus tard" (6 June): the 5th.
        assert!(
            fr.contains(&("La veille".into(), "2024-06-05".into())),
            "{fr:?}"
        );
        let en = days(
            "The memo is dated December 14, 2023. The next day, two days later, the same day.",
            Lang::En,
        );
        assert!(
            en.contains(&("The next day".into(), "2023-12-15".into())),
            "{en:?}"
        );
        assert!(
            en.contains(&("two days later".into(), "2023-12-17".into())),
            "{en:?}"
        );
        assert!(
            en.contains(&("the same day".into(), "2023-12-17".into())),
            "{en:?}"
        );
    }

    #[test]
    fn a_paragraph_that_opens_with_it_continues_the_one_before() {
        let fr = days(
            "Le ministre a démissionné le 3 juin.\n\nLe lendemain, son successeur a été nommé.",
            Lang::Fr,
        );
        assert!(
            fr.contains(&("Le lendemain".into(), "2024-06-04".into())),
            "{fr:?}"
        );
    }

    #[test]
    fn never_guessed_from_the_document_date() {
        // No day before it, or only one in another paragraph, or a reference of its own.
        for (text, lang) in [
            ("Trois jours plus tard, le conseil a tranché.", Lang::Fr),
            (
                "Le 3 juin, le conseil s'est réuni.\n\nRien. Le lendemain, rien.",
                Lang::Fr,
            ),
            (
                "Le 3 juin, le conseil s'est réuni.\n\nRien.\n\nLe lendemain, rien.",
                Lang::Fr,
            ),
            ("Le 3 juin, vote. La veille de l'élection, rien.", Lang::Fr),
            (
                "On June 3 they met. The day after the vote, nothing.",
                Lang::En,
            ),
            ("In June 2024 they met. The next day, nothing.", Lang::En),
        ] {
            let found = days(text, lang);
            assert!(
                found.iter().all(|(t, _)| {
                    let t = t.to_lowercase();
                    !(t.contains("plus tard")
                        || t.contains("lendemain")
                        || t.contains("veille")
                        || t.contains("day after")
                        || t.contains("next day"))
                }),
                "{text}: {found:?}"
            );
        }
    }
}
