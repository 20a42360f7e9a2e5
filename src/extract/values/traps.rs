//! Spans that contain digits but are not amounts: URLs, e-mail addresses, message ids, mail
//! header lines copied into a body, IP addresses, phone numbers, times of day, numeric dates,
//! ISBNs, reference marks ("n° 12", "No. 5", "#42"), video formats, hyphenated codes.
//! (Slash pairs such as "24/7" are refused by the engine, which keeps "3/4 cup".) Found with
//! one regex compiled once; the engine skips every digit inside them.
//!
//! Not for traps that need the lexicon (street numbers, postal codes, product names, years):
//! those are rules of the engine, next to the words that reveal them.

use std::sync::LazyLock;

use regex::Regex;

/// Each alternative is one trap family; ASCII word boundaries keep the automaton fast on
/// accented text.
static TRAPS: LazyLock<Regex> = LazyLock::new(|| {
    let families = [
        // URLs and e-mail addresses
        r"(?i:https?://|www\.)[^\s<>]+",
        r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
        // mail header lines copied into a body: MIME-Version: 1.0, Received: from 10.2.3.4
        r"(?m:^(?:MIME-Version|Content-[A-Za-z-]+|Message-I[Dd]|Received|Return-Path|X-[A-Za-z-]+|DKIM-Signature|Authentication-Results):[^\n]*)",
        // IPv4 addresses (no group with a leading zero: "1.200.000.000" is an amount)
        r"(?-u:\b)(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?-u:\b)",
        // message ids quoted in a body: <002001c144a6$8752e060$56104586@oxy.edu>
        r"<[^<>\s@]+@[^<>\s]+>",
        // ISBN
        r"(?i:isbn)(?:-1[03])?:?\s*[\dXx][\dXx -]{8,16}[\dXx]",
        r"(?-u:\b)97[89][- ]\d{1,5}[- ]\d{1,7}[- ]\d{1,7}[- ][\dX](?-u:\b)",
        // phone numbers: international, French, North American
        r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s./-]\d{2,4}){2,5}",
        r"(?-u:\b)0\d(?:[ .-]?\d\d){4}(?-u:\b)",
        r"\(\d{3}\)[\s.-]?\d{3}[\s.-]\d{4}",
        r"(?-u:\b)\d{3}[.-]\d{3}[.-]\d{4}(?-u:\b)",
        // times of day: 14h30, 14 h 30, 14h, 9:15, 9:15:00, 11pm, 9 a.m.
        r"(?-u:\b)\d{1,2}\s?[hH]\s?\d{2}(?-u:\b)",
        r"(?-u:\b)\d{1,2}[hH](?-u:\b)",
        r"(?-u:\b)\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?i:[ap]\.?m\.?))?",
        r"(?-u:\b)\d{1,2}\s?(?:(?i:am|pm)(?-u:\b)|(?i:a\.m\.|p\.m\.))",
        // numeric dates: 2023-12-14, 14/12/2023, 14.12.2023, 12/2023
        r"(?-u:\b)\d{4}-\d{1,2}-\d{1,2}(?-u:\b)",
        r"(?-u:\b)\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?-u:\b)",
        r"(?-u:\b)\d{1,2}/\d{4}(?-u:\b)",
        // reference marks: n° 12, No. 5, #42
        r"(?:[nN][°º]|(?-u:\b)[nN]o\.|#)\s?\d+(?:[-/.]\d+)*",
        // video formats: 720p, 1080i, 2160p
        r"(?-u:\b)(?:240|360|480|576|720|1080|1440|2160|4320)[pi](?-u:\b)",
        // hyphenated codes with three or more parts: 978-2-07, 12-34-56
        r"(?-u:\b)\d+(?:-\d+){2,}(?-u:\b)",
    ];
    Regex::new(&families.join("|")).expect("trap patterns compile")
});

/// Byte spans of `text` that no amount may touch, in order.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    TRAPS
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// Does `[start, end)` overlap one of the sorted `spans`?
pub fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|&(_, e)| e <= start);
    spans.get(i).is_some_and(|&(s, _)| s < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(t: &str) -> Vec<&str> {
        spans(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn masks_each_family() {
        assert_eq!(
            masked("appelez le +33 1 23 45 67 89."),
            ["+33 1 23 45 67 89"]
        );
        assert_eq!(masked("au 01 23 45 67 89"), ["01 23 45 67 89"]);
        assert_eq!(masked("call (415) 555-0134"), ["(415) 555-0134"]);
        assert_eq!(masked("à 14h30 puis 9:15"), ["14h30", "9:15"]);
        assert_eq!(masked("le 2023-12-14"), ["2023-12-14"]);
        assert_eq!(masked("n° 12 et No. 5 et #42"), ["n° 12", "No. 5", "#42"]);
        assert_eq!(masked("ISBN 978-2-07-036822-8"), ["ISBN 978-2-07-036822-8"]);
        assert_eq!(
            masked("a@b2.com https://x.fr/3"),
            ["a@b2.com", "https://x.fr/3"]
        );
        assert!(masked("12 000 GPU pour 3,5 %").is_empty());
        assert_eq!(masked("from 199.164.235.226 by"), ["199.164.235.226"]);
        assert!(masked("1.200.000.000 euros").is_empty());
        assert_eq!(
            masked("Hi\nMIME-Version: 1.0\nBye 3"),
            ["MIME-Version: 1.0"]
        );
    }
}
