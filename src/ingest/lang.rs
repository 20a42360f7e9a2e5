//! Language detection: French, English, or `und` when unsure.
//!
//! The decision rests on stopword statistics (function words are the most frequent and most
//! language-specific tokens of any text, so a few of them suffice even in a headline), with
//! `whatlang` consulted only when the stopwords cannot decide on a longer text. It is fast,
//! deterministic and explainable. It is not a general language identifier: any language other
//! than French or English comes out as `und`, and so do texts too short or too mixed to call.
//!
//! A document's own declaration (a record's `lang`, front matter) is not this module's
//! business: the driver only calls it when the parser left `lang` as `und`.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::model::Document;

/// How much of a document is looked at: the opening of an article says all there is to say
/// about its language, and a bound keeps detection O(1) on huge inputs.
const MAX_SAMPLE_BYTES: usize = 16 * 1024;
/// Fewer stopword hits than this and the text is too short to call.
const MIN_HITS: usize = 2;
/// The winning language must hold at least this share of the stopword hits.
const MIN_SHARE: f64 = 0.7;
/// On texts of at least this many words, stopwords must make up this share of the words,
/// else the text is in some other language (or is not prose).
const DENSITY_MIN_WORDS: usize = 12;
const MIN_DENSITY: f64 = 0.25;
/// A headline with a single stopword is called only when it has this many words and
/// `whatlang`, asked to choose between French and English, agrees.
const SINGLE_HIT_MIN_WORDS: usize = 4;
/// Below this many characters, `whatlang` is not asked (its own reliability drops sharply).
const WHATLANG_MIN_CHARS: usize = 60;

/// One language's function words, lowercase. Words both languages share ("a", "on", "son" …)
/// are left out of both lists: they carry no signal.
struct Lexicon {
    code: &'static str,
    stopwords: &'static [&'static str],
    /// Elided articles and pronouns written with an apostrophe ("l'", "qu'"): counted as
    /// stopwords when a word starts with them.
    elisions: &'static [&'static str],
}

#[rustfmt::skip]
const FRENCH: Lexicon = Lexicon {
    code: "fr",
    stopwords: &[
        "le", "la", "les", "un", "une", "des", "du", "de", "au", "aux", "et", "ou", "mais", "est",
        "sont", "été", "être", "avait", "avoir", "ont", "sera", "fait", "dans", "sur", "sous",
        "avec", "pour", "par", "sans", "chez", "entre", "vers", "depuis", "selon", "après",
        "avant", "pendant", "contre", "ce", "cette", "ces", "cet", "qui", "que", "quoi", "dont",
        "où", "il", "elle", "ils", "elles", "nous", "vous", "je", "à", "tu", "leur", "leurs", "sa",
        "ses", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "lui", "eux", "se", "ne", "pas",
        "plus", "très", "aussi", "comme", "tout", "tous", "toute", "toutes", "même", "encore",
        "déjà", "ainsi", "alors", "donc", "puis", "lors", "y", "en", "était", "étaient", "quand",
        "aujourd'hui", "hier", "millions", "milliards", "année", "ans", "mois", "peut", "doit",
        "cela", "ceci", "celui", "celle", "deux", "trois", "premier", "première", "dernier",
        "dernière", "ici", "là", "chaque", "autre", "autres", "nouveau", "nouvelle", "également",
        "ceux", "auprès",
    ],
    elisions: &[
        "l'", "d'", "qu'", "n'", "j'", "c'", "s'", "m'", "jusqu'", "lorsqu'", "puisqu'",
    ],
};

#[rustfmt::skip]
const ENGLISH: Lexicon = Lexicon {
    code: "en",
    stopwords: &[
        "the", "of", "and", "to", "in", "is", "was", "were", "are", "be", "been", "being", "has",
        "have", "had", "will", "would", "could", "should", "may", "might", "must", "that", "this",
        "these", "those", "with", "for", "from", "by", "at", "as", "it", "its", "he", "she",
        "they", "them", "their", "his", "her", "we", "our", "you", "your", "which", "who", "whom",
        "whose", "what", "when", "where", "why", "how", "not", "no", "but", "or", "if", "than",
        "then", "so", "such", "into", "over", "after", "before", "about", "against", "between",
        "during", "without", "under", "also", "said", "says", "there", "here", "all", "any",
        "some", "more", "most", "other", "only", "just", "very", "up", "out", "off", "down", "did",
        "does", "do", "can", "one", "two", "three", "first", "last", "new", "year", "years",
        "million", "billion", "while", "since", "until", "because", "through", "according", "him",
        "i", "my", "us", "both", "each", "many", "much", "yesterday", "today", "week", "month",
    ],
    elisions: &[],
};

const LEXICONS: [&Lexicon; 2] = [&FRENCH, &ENGLISH];

static STOPWORD_SETS: LazyLock<Vec<HashSet<&'static str>>> = LazyLock::new(|| {
    LEXICONS
        .iter()
        .map(|lex| lex.stopwords.iter().copied().collect())
        .collect()
});

/// Stopword hits per language, and the number of words seen.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Counts {
    hits: [usize; 2],
    words: usize,
}

/// Detects the language of a text: `fr`, `en` or `und`.
pub fn detect(text: &str) -> &'static str {
    let sample = prefix_at_char_boundary(text, MAX_SAMPLE_BYTES);
    let counts = count_stopwords(sample);
    if let Some(lang) = decide_by_stopwords(&counts) {
        return lang;
    }
    decide_single_hit(sample, &counts)
        .or_else(|| decide_by_whatlang(sample, &counts))
        .unwrap_or("und")
}

/// Detects a document's language from its title and text; when they are too short to tell
/// ("Correction: 12,000, not 12,400."), from the messages it quotes, which a reply almost
/// always shares its language with.
pub fn detect_document(doc: &Document) -> &'static str {
    let text = prefix_at_char_boundary(&doc.text, MAX_SAMPLE_BYTES);
    let mut sample = String::with_capacity(text.len() + 128);
    if let Some(title) = &doc.title {
        sample.push_str(title);
        sample.push('\n');
    }
    sample.push_str(text);
    match detect(&sample) {
        "und" if !doc.quoted.is_empty() => {
            for q in &doc.quoted {
                if sample.len() >= MAX_SAMPLE_BYTES {
                    break;
                }
                sample.push('\n');
                sample.push_str(prefix_at_char_boundary(
                    &q.text,
                    MAX_SAMPLE_BYTES - sample.len(),
                ));
            }
            detect(&sample)
        }
        lang => lang,
    }
}

/// Normalises a declared language ("fr-FR", "fr_CA", "French", "français", "EN") to its
/// two-letter code; unknown declarations keep their primary subtag, lowercase. `None` for an
/// empty or unusable declaration.
pub fn normalize_declared(declared: &str) -> Option<String> {
    let lower = declared.trim().to_lowercase();
    // A tag ("fr", "fr-FR", "en_GB.UTF-8") or a language name, nothing else.
    let is_tag = lower.split(['-', '_', '.']).all(|part| {
        !part.is_empty() && part.chars().count() <= 8 && part.chars().all(char::is_alphanumeric)
    });
    if !is_tag {
        return None;
    }
    let primary = lower.split(['-', '_', '.']).next().unwrap_or("");
    let code = match primary {
        "fr" | "fre" | "fra" | "french" | "français" | "francais" => "fr",
        "en" | "eng" | "english" | "anglais" => "en",
        "und" | "unknown" | "auto" => return None,
        other
            if (2..=3).contains(&other.len()) && other.chars().all(|c| c.is_ascii_alphabetic()) =>
        {
            other
        }
        _ => return None,
    };
    Some(code.to_string())
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Splits text into lowercase words (letters and apostrophes) and counts the stopwords of
/// each language.
fn count_stopwords(text: &str) -> Counts {
    let mut counts = Counts::default();
    let mut word = String::new();
    let flush = |word: &mut String, counts: &mut Counts| {
        if !word.is_empty() {
            count_word(word, counts);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ') && !word.is_empty() {
            word.push('\'');
        } else {
            flush(&mut word, &mut counts);
        }
    }
    flush(&mut word, &mut counts);
    counts
}

fn count_word(word: &str, counts: &mut Counts) {
    counts.words += 1;
    for (i, lex) in LEXICONS.iter().enumerate() {
        if STOPWORD_SETS[i].contains(word) {
            counts.hits[i] += 1;
            continue;
        }
        // "l'accord" counts for French through its article; "isn't" counts for nothing.
        if lex
            .elisions
            .iter()
            .any(|e| word.starts_with(e) && word.len() > e.len())
        {
            counts.hits[i] += 1;
            continue;
        }
        if let Some(stem) = word.strip_suffix('\'')
            && STOPWORD_SETS[i].contains(stem)
        {
            counts.hits[i] += 1;
        }
    }
}

/// A clear stopword majority decides; too few hits, a close race or a text whose words are
/// mostly not French or English stopwords does not.
fn decide_by_stopwords(counts: &Counts) -> Option<&'static str> {
    let total: usize = counts.hits.iter().sum();
    if total < MIN_HITS {
        return None;
    }
    if counts.words >= DENSITY_MIN_WORDS && (total as f64) < MIN_DENSITY * counts.words as f64 {
        return None;
    }
    let (best, &hits) = counts.hits.iter().enumerate().max_by_key(|(_, h)| **h)?;
    (hits as f64 >= MIN_SHARE * total as f64).then_some(LEXICONS[best].code)
}

/// A short headline with one stopword ("… opens an inquiry into …"): called when
/// `whatlang`, restricted to French and English, picks the same language.
fn decide_single_hit(text: &str, counts: &Counts) -> Option<&'static str> {
    if counts.hits.iter().sum::<usize>() != 1 || counts.words < SINGLE_HIT_MIN_WORDS {
        return None;
    }
    let idx = counts.hits.iter().position(|&h| h == 1)?;
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Fra, whatlang::Lang::Eng]);
    let code = match detector.detect_lang(text)? {
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Eng => "en",
        _ => return None,
    };
    (LEXICONS[idx].code == code).then_some(code)
}

/// For longer texts the stopwords could not call, a reliable `whatlang` verdict of French or
/// English is accepted, provided the stopwords do not contradict it.
fn decide_by_whatlang(text: &str, counts: &Counts) -> Option<&'static str> {
    if text.chars().count() < WHATLANG_MIN_CHARS {
        return None;
    }
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    let code = match info.lang() {
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Eng => "en",
        _ => return None,
    };
    let idx = LEXICONS.iter().position(|l| l.code == code)?;
    let other = 1 - idx;
    (counts.hits[idx] >= counts.hits[other]).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_reply_takes_the_language_of_what_it_quotes() {
        let mut doc = Document::new(crate::model::DocKind::Email, "t.mbox");
        doc.title = Some("Re: Puces".into());
        doc.text = "Correction : 12 000.".into();
        assert_eq!(detect_document(&doc), "und");
        doc.quoted.push(crate::model::QuotedBlock {
            header: None,
            date: None,
            text: "Selon le mémo, Nvidia a détourné 12 400 puces H100 de Tesla vers X en \
                   décembre 2023, ce que la société n'a pas démenti."
                .into(),
        });
        assert_eq!(detect_document(&doc), "fr");
        // Its own words decide when they can.
        doc.text = "I checked the memo again and the figure is 12,000, not 12,400.".into();
        assert_eq!(detect_document(&doc), "en");
    }

    #[test]
    fn lexicons_share_no_word_and_repeat_none() {
        let (fr, en) = (&STOPWORD_SETS[0], &STOPWORD_SETS[1]);
        assert_eq!(
            fr.len(),
            FRENCH.stopwords.len(),
            "a French stopword is repeated"
        );
        assert_eq!(
            en.len(),
            ENGLISH.stopwords.len(),
            "an English stopword is repeated"
        );
        let shared: Vec<_> = fr.intersection(en).collect();
        assert!(
            shared.is_empty(),
            "shared words carry no signal: {shared:?}"
        );
    }

    #[test]
    fn declared_languages_normalise() {
        assert_eq!(normalize_declared("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalize_declared(" English ").as_deref(), Some("en"));
        assert_eq!(normalize_declared("Français").as_deref(), Some("fr"));
        assert_eq!(normalize_declared("de_DE").as_deref(), Some("de"));
        assert_eq!(normalize_declared("und"), None);
        assert_eq!(normalize_declared("not a language"), None);
    }

    #[test]
    fn elided_articles_count_for_french() {
        let c = count_stopwords("L'acteur qu'il aimait");
        assert_eq!(c.hits, [2, 0]);
    }

    #[test]
    fn prefix_never_splits_a_character() {
        let s = "é".repeat(10);
        assert_eq!(prefix_at_char_boundary(&s, 5), "éé");
    }
}
