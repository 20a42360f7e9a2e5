//! Text analysis for the index: which tokenizer chain each field uses.
//!
//! French and English text is lowercased, accent-folded and stemmed with the stemmer of its
//! language, so `detournees` finds `détournées` and `chips` finds `chip`. An exact chain
//! (lowercased and folded, not stemmed) serves phrases and precise queries; a keyword chain
//! keeps a whole value (an organisation name) as one folded token.
//!
//! Not for deciding a document's language: ingest does that; the writer only picks the
//! stemmed field named after it.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TokenizerManager,
};

/// Tokenizer names as the schema refers to them.
pub const FRENCH: &str = "dossier_fr";
pub const ENGLISH: &str = "dossier_en";
pub const EXACT: &str = "dossier_exact";
pub const KEYWORD: &str = "dossier_keyword";

/// Tokens longer than this are dropped: base64 debris and hashes say nothing searchable and
/// would bloat the term dictionary.
const MAX_TOKEN_BYTES: usize = 64;

fn stemmed(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn keyword() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers every chain the schema names; call on each opened index.
pub fn register(manager: &TokenizerManager) {
    manager.register(FRENCH, stemmed(Language::French));
    manager.register(ENGLISH, stemmed(Language::English));
    manager.register(EXACT, exact());
    manager.register(KEYWORD, keyword());
}

/// The stemmed chain for a document language code (`fr`, else English).
pub fn stemmed_tokenizer_for(lang: &str) -> &'static str {
    if lang.eq_ignore_ascii_case("fr") {
        FRENCH
    } else {
        ENGLISH
    }
}

/// Folds a string the way the exact chain does (lowercase, accents removed), for comparing
/// query words with stored mention texts.
pub fn fold(text: &str) -> Vec<String> {
    let mut analyzer = exact();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut a: TextAnalyzer, text: &str) -> Vec<String> {
        let mut s = a.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    #[test]
    fn french_folds_accents_and_stems() {
        assert_eq!(
            tokens(stemmed(Language::French), "détournées"),
            tokens(stemmed(Language::French), "detournees")
        );
    }

    #[test]
    fn english_stems_plurals() {
        assert_eq!(
            tokens(stemmed(Language::English), "chips"),
            tokens(stemmed(Language::English), "chip")
        );
    }

    #[test]
    fn exact_keeps_inflection() {
        assert_eq!(tokens(exact(), "Puces DÉTOURNÉES"), ["puces", "detournees"]);
        assert_eq!(tokens(keyword(), "Rio Tinto"), ["rio tinto"]);
    }
}
