//! Sentence splitting that knows French and English abbreviations ("M.", "Mme", "Dr",
//! "p. ex.", "U.S.", "Inc.", "No."), decimals ("3.5"), ellipses, guillemets and quotes;
//! line breaks end a sentence when the line is blank or when the next line does not
//! continue the previous one.
//!
//! Not a tokenizer, and not for deciding what a sentence says: it only gives byte ranges
//! that claims and mention contexts are cut from.

use super::Lang;

/// Abbreviations after which a period does not end a sentence (lower-cased, without the
/// final period).
const ABBREVIATIONS_FR: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste", "cf", "p",
    "pp", "ex", "etc", "env", "av", "bd", "n", "no", "vol", "chap", "art", "fig", "éd", "coll",
    "cie", "sté", "min", "max", "tél", "hab", "apr", "av. j.-c", "j.-c", "c.-à-d", "janv", "févr",
    "avr", "juil", "sept", "oct", "nov", "déc", "mds", "md", "mrd", "mio", "inc", "corp", "ltd",
    "co", "vs", "id", "op", "cit", "resp", "dir", "trad",
];
const ABBREVIATIONS_EN: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "inc", "corp", "ltd", "co", "llc",
    "plc", "no", "nos", "vol", "vols", "p", "pp", "fig", "figs", "e.g", "i.e", "etc", "vs",
    "approx", "est", "dept", "gov", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "rev", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "a.m", "p.m", "ca", "cf", "al", "op", "ed", "eds", "ave", "blvd", "rd", "mln", "bn",
    "mn",
];

fn abbreviations(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Fr => ABBREVIATIONS_FR,
        Lang::En => ABBREVIATIONS_EN,
    }
}

/// Closing marks that stay with the sentence they end.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '»' | '”' | '’' | ')' | ']' | '\u{a0}' | '\u{202f}'
    )
}

/// Byte ranges `[start, end)` of the sentences of `text`, in order, covering every
/// non-blank character.
pub fn split(text: &str, lang: Lang) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let mut cut: Option<usize> = None;
        match c {
            '\n' => {
                // a blank line, or a line break not followed by a lower-case continuation
                let next = chars[i + 1..]
                    .iter()
                    .find(|(_, c)| *c != ' ' && *c != '\t' && *c != '\r');
                let continues = next.is_some_and(|&(_, c)| c.is_lowercase() || c.is_ascii_digit())
                    && !text[start..pos].trim_end().ends_with(['.', '!', '?', ':']);
                if !continues {
                    cut = Some(pos + 1);
                }
            }
            '!' | '?' | '…' => {
                let mut j = i + 1;
                while j < chars.len()
                    && (matches!(chars[j].1, '!' | '?' | '.' | '…') || is_closer(chars[j].1))
                {
                    j += 1;
                }
                j = past_spaced_closer(&chars, j);
                if next_starts_sentence(&chars, j) {
                    cut = Some(chars.get(j).map_or(text.len(), |&(p, _)| p));
                    i = j - 1;
                }
            }
            '.' => {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].1 == '.' || is_closer(chars[j].1)) {
                    j += 1;
                }
                j = past_spaced_closer(&chars, j);
                let ellipsis = j > i + 1 && chars[i + 1].1 == '.';
                let decimal = i > 0
                    && chars[i - 1].1.is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|(_, c)| c.is_ascii_digit());
                if !decimal
                    && (ellipsis || !is_abbreviation(text, pos, lang))
                    && next_starts_sentence(&chars, j)
                {
                    cut = Some(chars.get(j).map_or(text.len(), |&(p, _)| p));
                    i = j - 1;
                }
            }
            _ => {}
        }
        if let Some(end) = cut {
            push(text, &mut out, start, end);
            start = end;
        }
        i += 1;
    }
    push(text, &mut out, start, text.len());
    out
}

/// French typography puts a space before a closing guillemet ("fini. »"): the guillemet
/// still belongs to the sentence.
fn past_spaced_closer(chars: &[(usize, char)], j: usize) -> usize {
    let mut k = j;
    while k < chars.len() && matches!(chars[k].1, ' ' | '\u{a0}' | '\u{202f}') {
        k += 1;
    }
    if k > j && chars.get(k).is_some_and(|&(_, c)| c == '»') {
        k + 1
    } else {
        j
    }
}

/// Keeps `[start, end)` trimmed of surrounding whitespace, if anything is left.
fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// After the punctuation: whitespace then an upper-case letter, a digit, an opening quote
/// or bracket, or the end of the text.
fn next_starts_sentence(chars: &[(usize, char)], j: usize) -> bool {
    let Some(&(_, c)) = chars.get(j) else {
        return true;
    };
    if !c.is_whitespace() {
        return false;
    }
    let next = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
    match next {
        None => true,
        Some(&(_, c)) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '«' | '"' | '“' | '(' | '[' | '-' | '—' | '–' | '\'' | '‘'
                )
        }
    }
}

/// Is the word ending at the period at `dot` an abbreviation (or an initial, "J.")?
fn is_abbreviation(text: &str, dot: usize, lang: Lang) -> bool {
    let head = &text[..dot];
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[word_start..];
    if word.is_empty() {
        return false;
    }
    // a single capital is an initial ("J. Smith", "John F. Kennedy") when it starts the
    // sentence or follows a capitalised word; "sent to X. The…" ends a sentence
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if abbreviations(lang).contains(&word.to_lowercase().as_str()) {
        return true;
    }
    if letters == 1 && word.chars().next().is_some_and(char::is_uppercase) {
        let before = head[..word_start].trim_end();
        let prev_word = before
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        return before.is_empty()
            || before.ends_with(['.', '!', '?', '\n', '«', '"', '('])
            || prev_word.chars().next().is_some_and(char::is_uppercase);
    }
    let lower = word.to_lowercase();
    if abbreviations(lang).contains(&lower.as_str()) {
        return true;
    }
    // "p. ex." : "ex" after "p."
    let last = lower.rsplit('.').next().unwrap_or("");
    abbreviations(lang).contains(&last) && lower.contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn french_abbreviations_and_decimals() {
        let t = "Selon M. Dupont, rien. M. Dupont a payé 3.5 millions. Mme Durand, p. ex. la directrice, a dit non. Fin…";
        assert_eq!(
            sentences(t, Lang::Fr),
            [
                "Selon M. Dupont, rien.",
                "M. Dupont a payé 3.5 millions.",
                "Mme Durand, p. ex. la directrice, a dit non.",
                "Fin…"
            ]
        );
    }

    #[test]
    fn english_abbreviations() {
        let t = "The U.S. Army paid Acme Inc. $3 million. No. 5 was sold. Dr. Lee agreed!";
        assert_eq!(
            sentences(t, Lang::En),
            [
                "The U.S. Army paid Acme Inc. $3 million.",
                "No. 5 was sold.",
                "Dr. Lee agreed!"
            ]
        );
    }

    #[test]
    fn guillemets_and_quotes_stay_with_their_sentence() {
        let t = "Il a dit : « C'est fini. » Puis il est parti. \"Done.\" Then left.";
        assert_eq!(
            sentences(t, Lang::Fr),
            [
                "Il a dit : « C'est fini. »",
                "Puis il est parti.",
                "\"Done.\"",
                "Then left."
            ]
        );
    }

    #[test]
    fn blank_lines_are_hard_breaks() {
        let t = "Objet : budget\n\nBonjour,\nle montant est de 3 M€\n\nCordialement";
        assert_eq!(
            sentences(t, Lang::Fr),
            [
                "Objet : budget",
                "Bonjour,\nle montant est de 3 M€",
                "Cordialement"
            ]
        );
    }

    #[test]
    fn initials_do_not_end_sentences_but_a_one_letter_name_does() {
        let t = "John F. Kennedy spoke. J. Smith too. Chips went to X. The rest stayed.";
        assert_eq!(
            sentences(t, Lang::En),
            [
                "John F. Kennedy spoke.",
                "J. Smith too.",
                "Chips went to X.",
                "The rest stayed."
            ]
        );
    }

    #[test]
    fn ellipsis_ends_a_sentence() {
        let t = "Il hésite... Puis signe.";
        assert_eq!(sentences(t, Lang::Fr), ["Il hésite...", "Puis signe."]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in ["", ".", "...", "\n\n", "é.É", "a.\u{a0}B", "«»", "3.", "M."] {
            let _ = split(t, Lang::Fr);
            let _ = split(t, Lang::En);
        }
    }
}
