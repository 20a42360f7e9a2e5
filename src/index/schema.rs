//! The tantivy schema, defined in one place: every field the writer fills and the searcher
//! queries, with how it is analysed and stored.
//!
//! Field names double as the query language's field names (`from:`, `org:`, `money:`…), so a
//! shortcut needs rewriting only when its value does (dates, numbers with suffixes).
//!
//! Text fields come in families: an exact field (`body`) plus one stemmed field per language
//! (`body_fr`, `body_en`); a document fills the stemmed field of its own language and the
//! query searches both. Not for documents' on-disk layout beyond what the schema says.

use tantivy::schema::{
    FacetOptions, Field, INDEXED, IndexRecordOption, JsonObjectOptions, NumericOptions, STORED,
    STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::analyzer;

/// A searchable text in three analyses: exact, French-stemmed, English-stemmed.
#[derive(Debug, Clone, Copy)]
pub struct TextFamily {
    pub exact: Field,
    pub fr: Field,
    pub en: Field,
    /// Weight of this family in bare-word queries.
    pub boost: f32,
}

impl TextFamily {
    /// The stemmed field for a document language.
    pub fn stemmed_for(&self, lang: &str) -> Field {
        if analyzer::stemmed_tokenizer_for(lang) == analyzer::FRENCH {
            self.fr
        } else {
            self.en
        }
    }

    pub fn all(&self) -> [Field; 3] {
        [self.exact, self.fr, self.en]
    }
}

/// Every field of the index.
#[derive(Debug, Clone)]
pub struct Fields {
    pub doc_id: Field,
    pub kind: Field,
    /// The document's path as given when indexing: what hits and reports show, and the unit
    /// of replacement.
    pub path: Field,
    /// The file's canonical path: the same file indexed from another folder (`corpus/a.eml`
    /// here, `../x/corpus/a.eml` there) is known as itself, and pruning checks it from anywhere.
    pub file_key: Field,
    /// sha256 of the whole file the document came from (the caller may append what else
    /// decided its extraction, such as options): files with the same key are skipped.
    pub file_sha: Field,
    pub message_index: Field,
    pub lang: Field,
    pub date: Field,
    /// Sender: display name and address.
    pub from: Field,
    /// Recipients, To and Cc: display names and addresses.
    pub to: Field,
    /// Message-ID, In-Reply-To and References: one thread's messages share terms here.
    pub thread: Field,
    pub title: TextFamily,
    pub body: TextFamily,
    pub quoted: TextFamily,
    /// Attachment names and texts.
    pub attachment: TextFamily,
    /// Canonical names of the organisations mentioned (one folded token each).
    pub org: Field,
    /// Hierarchical facets for counting: `/org/…`, `/sender/…`, `/kind/…`, `/month/…`.
    pub facet: Field,
    /// Kinds of the claims stated (`transfer`, `spend`…).
    pub claim: Field,
    /// Money amounts (both bounds of ranges), in the currency's unit.
    pub money: Field,
    /// ISO 4217 codes of the money amounts.
    pub currency: Field,
    /// Money amounts by currency (`money_in.USD`), so "over a billion dollars" is one range.
    pub money_in: Field,
    pub quantity: Field,
    pub percent: Field,
    /// The `Extraction` (metadata, mentions, claims) as JSON, for display and reports.
    pub extraction: Field,
}

/// Builds the schema and the handles on its fields.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let keyword = STRING;
    let keyword_fast = STRING | tantivy::schema::FAST;
    let number = NumericOptions::default().set_indexed().set_fast();
    let text = |tokenizer: &str, stored: bool| {
        let mut o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            o = o.set_stored();
        }
        o
    };
    let family = |b: &mut tantivy::schema::SchemaBuilder, name: &str, stored, boost| TextFamily {
        exact: b.add_text_field(name, text(analyzer::EXACT, stored)),
        fr: b.add_text_field(&format!("{name}_fr"), text(analyzer::FRENCH, false)),
        en: b.add_text_field(&format!("{name}_en"), text(analyzer::ENGLISH, false)),
        boost,
    };
    let title = family(&mut b, "title", true, 3.0);
    let body = family(&mut b, "body", true, 1.0);
    let quoted = family(&mut b, "quoted", true, 0.4);
    let attachment = family(&mut b, "attachment", true, 0.6);
    let fields = Fields {
        doc_id: b.add_text_field("id", keyword.clone() | STORED),
        kind: b.add_text_field("kind", keyword.clone()),
        path: b.add_text_field("path", keyword_fast.clone()),
        file_key: b.add_text_field("file_key", keyword_fast.clone()),
        file_sha: b.add_text_field("file_sha", keyword_fast),
        message_index: b.add_u64_field("message_index", INDEXED | STORED),
        lang: b.add_text_field("lang", keyword.clone()),
        date: b.add_date_field(
            "date",
            tantivy::schema::DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored(),
        ),
        from: b.add_text_field("from", text(analyzer::EXACT, false)),
        to: b.add_text_field("to", text(analyzer::EXACT, false)),
        thread: b.add_text_field("thread", keyword.clone()),
        title,
        body,
        quoted,
        attachment,
        org: b.add_text_field(
            "org",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer::KEYWORD)
                    .set_index_option(IndexRecordOption::Basic),
            ),
        ),
        facet: b.add_facet_field("facet", FacetOptions::default()),
        claim: b.add_text_field("claim", keyword.clone()),
        money: b.add_f64_field("money", number.clone()),
        currency: b.add_text_field("currency", keyword),
        money_in: b.add_json_field(
            "money_in",
            JsonObjectOptions::default()
                .set_fast("raw")
                .set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer("raw")
                        .set_index_option(IndexRecordOption::Basic),
                ),
        ),
        quantity: b.add_f64_field("quantity", number.clone()),
        percent: b.add_f64_field("percent", number),
        extraction: b.add_text_field("extraction", STORED),
    };
    (b.build(), fields)
}

impl Fields {
    /// The text families searched by bare words, with their weights.
    pub fn text_families(&self) -> [TextFamily; 4] {
        [self.title, self.body, self.quoted, self.attachment]
    }
}
