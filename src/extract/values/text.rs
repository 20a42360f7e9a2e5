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

/// First position at or after `pos` that is not horizontal whitespace.
pub fn skip_hspace(text: &str, pos: usize) -> usize {
    let rest = text.get(pos..).unwrap_or("");
    pos + rest.len() - rest.trim_start_matches(is_hspace).len()
}

/// Last position at or before `pos` preceded by something that is not horizontal whitespace.
pub fn skip_hspace_back(text: &str, pos: usize) -> usize {
    text.get(..pos)
        .unwrap_or("")
        .trim_end_matches(is_hspace)
        .len()
}

/// Case-sensitive when the phrase is short or carries an upper-case letter.
pub fn is_case_sensitive(phrase: &str) -> bool {
    phrase.chars().count() <= 2 || phrase.chars().any(char::is_uppercase)
}

fn chars_match(p: char, t: char, case_sensitive: bool) -> bool {
    if p == t {
        return true;
    }
    if p == ' ' {
        return is_hspace(t);
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
    let cs = is_case_sensitive(phrase);
    let rest = text.get(pos..)?;
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
    let cs = is_case_sensitive(phrase);
    let head = text.get(..end)?;
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
    list.iter()
        .filter_map(|(p, v)| match_at(text, pos, p).map(|e| (e, v)))
        .max_by_key(|(e, _)| *e)
}

/// The longest phrase of `list` written right before `end`: its start.
pub fn longest_before(text: &str, end: usize, list: &[&'static str]) -> Option<usize> {
    list.iter().filter_map(|p| match_before(text, end, p)).min()
}

/// Is one of `list` written at `pos`? Its end.
pub fn any_at(text: &str, pos: usize, list: &[&'static str]) -> Option<usize> {
    list.iter().filter_map(|p| match_at(text, pos, p)).max()
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
            p.chars().count() == word.chars().count()
                && p.chars()
                    .zip(word.chars())
                    .all(|(a, b)| chars_match(a, b, false))
        }
    })
}

/// Like [`word_in`] but always ignoring case (stop lists).
pub fn word_in_ci(word: &str, list: &[&'static str]) -> bool {
    list.iter().any(|p| {
        p.chars().count() == word.chars().count()
            && p.chars()
                .zip(word.chars())
                .all(|(a, b)| chars_match(a, b, false))
    })
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
}
