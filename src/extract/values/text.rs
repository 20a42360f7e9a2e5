//! Small, panic-free helpers to look around a position in a text: skip spaces, read the
//! word before or after, match lexicon phrases forwards or backwards.
//!
//! Every position is a byte offset on a char boundary; every function returns positions on
//! char boundaries. Not for tokenising whole documents: the engine only looks around
//! candidate numbers.

/// Horizontal whitespace, including no-break and narrow no-break spaces (never a newline:
/// a value does not continue across lines).
pub fn is_hspace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}'
    )
}

/// A letter or digit: what a word is made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The char starting at `pos`, if any.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The char ending at `pos`, if any.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// First position at or after `pos` that is not whitespace between two words: horizontal
/// spaces and at most one line break, because mail and plain-text articles wrap lines in the
/// middle of phrases ("500 millions de\ndollars"). A blank line (paragraph break) stops.
pub fn skip_hspace(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    let after_spaces = rest.trim_start_matches(is_hspace);
    let wrapped = after_spaces
        .strip_prefix("\r\n")
        .or_else(|| after_spaces.strip_prefix('\n'))
        .map(|r| r.trim_start_matches(is_hspace))
        .filter(|r| !r.starts_with(['\n', '\r']));
    pos + rest.len() - wrapped.unwrap_or(after_spaces).len()
}

/// Last position at or before `pos` preceded by something that is not whitespace between two
/// words (horizontal spaces and at most one line break, as [`skip_hspace`]).
pub fn skip_hspace_back(text: &str, pos: usize) -> usize {
    let before = text.get(..pos).unwrap_or("");
    let after_spaces = before.trim_end_matches(is_hspace);
    let wrapped = after_spaces
        .strip_suffix('\n')
        .map(|r| r.strip_suffix('\r').unwrap_or(r))
        .map(|r| r.trim_end_matches(is_hspace))
        .filter(|r| !r.ends_with(['\n', '\r']));
    wrapped.unwrap_or(after_spaces).len()
}

/// Case-sensitive when the phrase is short or carries an upper-case letter.
pub fn is_case_sensitive(phrase: &str) -> bool {
    if phrase.is_ascii() {
        return phrase.len() <= 2 || phrase.bytes().any(|b| b.is_ascii_uppercase());
    }
    phrase.chars().count() <= 2 || phrase.chars().any(char::is_uppercase)
}

fn chars_match(p: char, t: char, case_sensitive: bool) -> bool {
    if p == t {
        return true;
    }
    if p.is_ascii() && t.is_ascii() {
        return match p {
            ' ' => t == '\t' || t == '\n',
            '\'' => false,
            _ => !case_sensitive && p.eq_ignore_ascii_case(&t),
        };
    }
    if p == ' ' {
        // A line break inside a phrase is a wrapped line ("de\ndollars").
        return is_hspace(t) || t == '\n';
    }
    if is_apostrophe(p) {
        return is_apostrophe(t);
    }
    !case_sensitive && p.to_lowercase().eq(t.to_lowercase())
}

/// A phrase ending in a letter or digit may not be followed by one ("km" is not "kms");
/// nor by an apostrophe ("l" is not "l'usine").
fn boundary_after(text: &str, end: usize, phrase: &str) -> bool {
    let last_is_word = phrase.chars().next_back().is_some_and(is_word_char);
    !last_is_word || !char_at(text, end).is_some_and(|c| is_word_char(c) || is_apostrophe(c))
}

fn boundary_before(text: &str, start: usize, phrase: &str) -> bool {
    let first_is_word = phrase.chars().next().is_some_and(is_word_char);
    !first_is_word || !char_before(text, start).is_some_and(is_word_char)
}

/// End of `phrase` if it is written at `pos` (word boundary after it).
pub fn match_at(text: &str, pos: usize, phrase: &str) -> Option<usize> {
    let rest = text.get(pos..)?;
    // most phrases fail on their first character: check it before anything else
    let (p0, t0) = (phrase.chars().next()?, rest.chars().next()?);
    if p0 != t0
        && p0.is_ascii()
        && t0.is_ascii()
        && !p0.eq_ignore_ascii_case(&t0)
        && p0 != ' '
        && p0 != '\''
    {
        return None;
    }
    let cs = is_case_sensitive(phrase);
    let mut tchars = rest.char_indices();
    let mut end = 0;
    for p in phrase.chars() {
        let (i, t) = tchars.next()?;
        if !chars_match(p, t, cs) {
            return None;
        }
        end = i + t.len_utf8();
    }
    let end = pos + end;
    boundary_after(text, end, phrase).then_some(end)
}

/// Start of `phrase` if it is written right before `end` (word boundary before it).
pub fn match_before(text: &str, end: usize, phrase: &str) -> Option<usize> {
    let head = text.get(..end)?;
    let (pn, tn) = (phrase.chars().next_back()?, head.chars().next_back()?);
    if pn != tn
        && pn.is_ascii()
        && tn.is_ascii()
        && !pn.eq_ignore_ascii_case(&tn)
        && pn != ' '
        && pn != '\''
    {
        return None;
    }
    let cs = is_case_sensitive(phrase);
    let mut tchars = head.char_indices().rev();
    let mut start = end;
    for p in phrase.chars().rev() {
        let (i, t) = tchars.next()?;
        if !chars_match(p, t, cs) {
            return None;
        }
        start = i;
    }
    boundary_before(text, start, phrase).then_some(start)
}

/// The longest phrase of `list` written at `pos`: (end, its payload).
pub fn longest_at<'a, T>(
    text: &str,
    pos: usize,
    list: &'a [(&'static str, T)],
) -> Option<(usize, &'a T)> {
    let first = text.as_bytes().get(pos).copied()?;
    candidates_first(list.as_ptr() as usize, list.len(), first)
        .filter_map(|i| {
            let (p, v) = list.get(i)?;
            match_at(text, pos, p).map(|e| (e, v))
        })
        .max_by_key(|(e, _)| *e)
}

/// The longest phrase of `list` written right before `end`: its start.
pub fn longest_before(text: &str, end: usize, list: &[&'static str]) -> Option<usize> {
    let last = text.as_bytes().get(end.checked_sub(1)?).copied()?;
    candidates_last(list.as_ptr() as usize, list.len(), last)
        .filter_map(|i| match_before(text, end, list.get(i)?))
        .min()
}

/// Every phrase of `list` written right before `end`: (start, its payload).
pub fn phrases_before<'a, 't, T>(
    text: &'t str,
    end: usize,
    list: &'a [(&'static str, T)],
) -> impl Iterator<Item = (usize, &'a T)> + use<'a, 't, T> {
    let last = end
        .checked_sub(1)
        .and_then(|i| text.as_bytes().get(i).copied());
    last.map(|l| candidates_last(list.as_ptr() as usize, list.len(), l))
        .into_iter()
        .flatten()
        .filter_map(move |i| {
            let (p, v) = list.get(i)?;
            match_before(text, end, p).map(|s| (s, v))
        })
}

/// Is one of `list` written at `pos`? Its end.
pub fn any_at(text: &str, pos: usize, list: &[&'static str]) -> Option<usize> {
    let first = text.as_bytes().get(pos).copied()?;
    candidates_first(list.as_ptr() as usize, list.len(), first)
        .filter_map(|i| match_at(text, pos, list.get(i)?))
        .max()
}

/// Phrase lists indexed by their first and last byte (ASCII folded to lower case), so that
/// a lookup tries only the phrases that can match. Lexicon lists are registered once by
/// their address; other lists are scanned in full.
pub struct PhraseIndex {
    by_first: Vec<Vec<u16>>,
    by_last: Vec<Vec<u16>>,
    /// Phrases ending in a non-ASCII character (its last byte depends on case).
    last_any: Vec<u16>,
}

impl PhraseIndex {
    pub fn new(phrases: &[&str]) -> PhraseIndex {
        let mut idx = PhraseIndex {
            by_first: vec![Vec::new(); 256],
            by_last: vec![Vec::new(); 256],
            last_any: Vec::new(),
        };
        for (i, p) in phrases.iter().enumerate() {
            let i = i as u16;
            let (Some(&f), Some(&l)) = (p.as_bytes().first(), p.as_bytes().last()) else {
                continue;
            };
            idx.by_first[f.to_ascii_lowercase() as usize].push(i);
            if f.is_ascii_alphabetic() {
                idx.by_first[f.to_ascii_uppercase() as usize].push(i);
            }
            if l.is_ascii() {
                idx.by_last[l.to_ascii_lowercase() as usize].push(i);
                if l.is_ascii_alphabetic() {
                    idx.by_last[l.to_ascii_uppercase() as usize].push(i);
                }
            } else {
                idx.last_any.push(i);
            }
        }
        idx
    }
}

/// Phrase indices to try: an indexed bucket (and the phrases of any last byte), or the
/// whole list.
pub enum Candidates<'a> {
    Indexed(std::iter::Chain<std::slice::Iter<'a, u16>, std::slice::Iter<'a, u16>>),
    All(std::ops::Range<usize>),
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        match self {
            Candidates::Indexed(it) => it.next().map(|&i| i as usize),
            Candidates::All(r) => r.next(),
        }
    }
}

/// Indices of the phrases of the list at `addr` that may start with byte `first`.
fn candidates_first(addr: usize, len: usize, first: u8) -> Candidates<'static> {
    match super::phrase_index(addr) {
        Some(idx) => Candidates::Indexed(idx.by_first[first as usize].iter().chain([].iter())),
        None => Candidates::All(0..len),
    }
}

/// Indices of the phrases of the list at `addr` that may end with byte `last`.
fn candidates_last(addr: usize, len: usize, last: u8) -> Candidates<'static> {
    match super::phrase_index(addr) {
        Some(idx) => {
            Candidates::Indexed(idx.by_last[last as usize].iter().chain(idx.last_any.iter()))
        }
        None => Candidates::All(0..len),
    }
}

/// The word (letters and digits) starting at `pos`, after spaces: (start, end).
pub fn word_after(text: &str, pos: usize) -> Option<(usize, usize)> {
    let start = skip_hspace(text, pos);
    let rest = text.get(start..)?;
    let len = rest.len() - rest.trim_start_matches(is_word_char).len();
    (len > 0).then_some((start, start + len))
}

/// The word (letters and digits) ending at `pos`, before spaces and a dot: (start, end).
pub fn word_before(text: &str, pos: usize) -> Option<(usize, usize)> {
    let mut end = skip_hspace_back(text, pos);
    if char_before(text, end) == Some('.') {
        end -= 1;
    }
    let head = text.get(..end)?;
    let start = head.trim_end_matches(is_word_char).len();
    (start < end).then_some((start, end))
}

/// Does `word` equal one of `list` (case rules of [`is_case_sensitive`])?
pub fn word_in(word: &str, list: &[&'static str]) -> bool {
    list.iter().any(|p| {
        if is_case_sensitive(p) {
            *p == word
        } else {
            same_ignoring_case(p, word)
        }
    })
}

/// Like [`word_in`] but always ignoring case (stop lists).
pub fn word_in_ci(word: &str, list: &[&'static str]) -> bool {
    let Some(&first) = word.as_bytes().first() else {
        return false;
    };
    candidates_first(list.as_ptr() as usize, list.len(), first)
        .any(|i| list.get(i).is_some_and(|p| same_ignoring_case(p, word)))
}

/// The payload of the phrase of `list` equal to `word`, ignoring case.
pub fn find_word_ci<'a, T>(word: &str, list: &'a [(&'static str, T)]) -> Option<&'a T> {
    let &first = word.as_bytes().first()?;
    candidates_first(list.as_ptr() as usize, list.len(), first)
        .filter_map(|i| list.get(i))
        .find(|(p, _)| same_ignoring_case(p, word))
        .map(|(_, v)| v)
}

/// Equal ignoring case, stopping at the first difference.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let (mut x, mut y) = (a.chars(), b.chars());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(t)) if chars_match(p, t, false) => {}
            _ => return false,
        }
    }
}

/// Is `pos` the start of a sentence (only spaces, quotes or brackets since the last
/// sentence end or the start of the text)?
pub fn at_sentence_start(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or("");
    match head
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '«' | '"' | '“' | '(' | '[' | '-' | '—' | '*' | '•')
        })
        .chars()
        .next_back()
    {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | '\n'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_phrases_with_accents_and_spaces() {
        let t = "3 Mètres\u{a0}carrés";
        assert_eq!(match_at(t, 2, "mètres carrés"), Some(t.len()));
        assert_eq!(match_at("3 kms", 2, "km"), None);
        assert_eq!(match_at("3 l'usine", 2, "l"), None);
        assert_eq!(match_before("plus de 3", 7, "plus de"), Some(0));
        assert_eq!(match_before("surplus de 3", 10, "plus de"), None);
    }

    #[test]
    fn reads_words_around() {
        let t = "rue no. 12";
        assert_eq!(word_before(t, 8), Some((4, 6)));
        assert_eq!(word_after("12  salariés.", 2), Some((4, 13)));
    }

    #[test]
    fn a_wrapped_line_joins_words_but_a_paragraph_break_does_not() {
        assert_eq!(skip_hspace("de\ndollars", 2), 3);
        assert_eq!(skip_hspace("de \r\n  dollars", 2), 7);
        assert_eq!(skip_hspace("de\n\ndollars", 2), 2);
        assert_eq!(skip_hspace_back("de\n dollars", 4), 2);
        assert_eq!(skip_hspace_back("de\n\ndollars", 4), 4);
    }

    #[test]
    fn money_survives_a_wrapped_email_line() {
        let text = "des achats d'environ 500 millions de\ndollars pourraient attendre.";
        let found = super::super::extract(text, crate::extract::Lang::Fr);
        let money: Vec<_> = found
            .iter()
            .filter(|m| m.kind == crate::model::MentionType::Money)
            .collect();
        assert_eq!(money.len(), 1, "{found:?}");
        assert_eq!(money[0].number(), Some(5e8));
        assert_eq!(money[0].unit.as_deref(), Some("USD"));
    }
}
