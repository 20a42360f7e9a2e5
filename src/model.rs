//! The types every stage agrees on: `Document` (what ingest produces), `Mention` and `Claim`
//! (what extract produces), `ClaimGroup` (what reconcile produces).
//!
//! These are the JSON contracts of `dossier parse`, `dossier extract` and `dossier claims`
//! (see README.md). Change them only additively: scripts depend on the field names.
//! Nothing here knows how a document was read or how a mention was found.

use serde::{Deserialize, Serialize};

/// What a document is, as far as later stages care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Email,
    Article,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Email => "email",
            DocKind::Article => "article",
        }
    }
}

/// A mailbox: display name (decoded) and address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub name: Option<String>,
    pub address: String,
}

/// A block of quoted text from an earlier message (a reply's "> " lines, or what follows
/// "Le … a écrit :", "-----Original Message-----", a forwarded-message banner).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QuotedBlock {
    /// The attribution line as written ("On Tue, 4 Jun 2024 …, Ann <a@b> wrote:"), if any.
    pub header: Option<String>,
    /// The quoted message's date when the header gives one (RFC 3339, or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// The quoted text with the quote markers ("> ") removed; offsets of mentions found in a
    /// quote point into this string.
    pub text: String,
}

/// A MIME part that is not the message body.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Attachment {
    pub name: Option<String>,
    pub mime: String,
    /// Decoded size in bytes.
    pub size: u64,
    /// sha256 of the decoded bytes, lowercase hex.
    pub sha256: String,
    /// Text for text-like parts (text/*, CSV, HTML turned into text, nested messages);
    /// searchable and extracted like the body.
    pub text: Option<String>,
}

/// One email, mailbox message or article, ready for extraction.
///
/// `text` is kept exactly as extraction sees it: every offset of a `Mention` whose field is
/// `text` points into this string (Unicode code points for `start`/`end`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the record's own `id` for JSON records, else derived from the file's sha256
    /// (plus `:N` for the N-th message of a mailbox).
    pub doc_id: String,
    /// Path as given on the command line (lossy UTF-8 for non-UTF-8 names).
    pub path: String,
    /// Index of the message in a mailbox, or of the record in a JSONL file.
    pub message_index: Option<usize>,
    pub kind: DocKind,
    /// `fr`, `en`, or `und` when unsure.
    pub lang: String,
    /// sha256 of the raw bytes of this document (the message, the record, or the file).
    pub sha256: String,
    /// Email subject (decoded) or article headline.
    pub title: Option<String>,
    /// The document's own date: RFC 3339 with its original offset when a time is known,
    /// `YYYY-MM-DD` otherwise.
    pub date: Option<String>,
    pub from: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub reply_to: Vec<Address>,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// The author's own text (quoted replies removed), exactly what offsets point into.
    pub text: String,
    pub quoted: Vec<QuotedBlock>,
    pub attachments: Vec<Attachment>,
    /// Problems met while reading this document that did not stop it (bad charset, truncated
    /// base64, missing boundary…).
    pub warnings: Vec<String>,
}

impl Document {
    /// An empty document of the given kind; ingest fills in the rest.
    pub fn new(kind: DocKind, path: impl Into<String>) -> Self {
        Document {
            doc_id: String::new(),
            path: path.into(),
            message_index: None,
            kind,
            lang: "und".into(),
            sha256: String::new(),
            title: None,
            date: None,
            from: None,
            to: Vec::new(),
            cc: Vec::new(),
            reply_to: Vec::new(),
            message_id: None,
            in_reply_to: None,
            references: Vec::new(),
            url: None,
            author: None,
            text: String::new(),
            quoted: Vec::new(),
            attachments: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The text of a named field (`text`, `title`, `quoted[N].text`, `attachments[N].text`),
    /// the strings that mention offsets point into.
    pub fn field_text(&self, field: &str) -> Option<&str> {
        if field == "text" {
            return Some(&self.text);
        }
        if field == "title" {
            return self.title.as_deref();
        }
        let (list, rest) = field.split_once('[')?;
        let (idx, suffix) = rest.split_once(']')?;
        let idx: usize = idx.parse().ok()?;
        if suffix != ".text" {
            return None;
        }
        match list {
            "quoted" => self.quoted.get(idx).map(|q| q.text.as_str()),
            "attachments" => self.attachments.get(idx)?.text.as_deref(),
            _ => None,
        }
    }
}

/// What a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum MentionType {
    Number,
    Money,
    Quantity,
    Percent,
    Date,
    Org,
    Person,
    /// A time of day written without a calendar date ("à 14h30", "before 2 p.m."), resolved
    /// on the anchor's day like a date.
    Time,
}

impl MentionType {
    pub const ALL: [MentionType; 8] = [
        MentionType::Number,
        MentionType::Money,
        MentionType::Quantity,
        MentionType::Percent,
        MentionType::Date,
        MentionType::Org,
        MentionType::Person,
        MentionType::Time,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MentionType::Number => "number",
            MentionType::Money => "money",
            MentionType::Quantity => "quantity",
            MentionType::Percent => "percent",
            MentionType::Date => "date",
            MentionType::Org => "org",
            MentionType::Person => "person",
            MentionType::Time => "time",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A mention's normalised value: a float for numeric types, a string for dates (TIMEX3) and
/// names (canonical organisation or person name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// One thing found in a text, with where it is and why it matched.
///
/// Offsets: `start`/`end` are Unicode code points into the named `field` (Python
/// `text[start:end]` gives `text`), `byte_start`/`byte_end` the UTF-8 byte offsets.
///
/// In JSON, `range` is a money or number range (`[3e9, 4e9]`) or, for a date naming a
/// stretch of time, its bounds (`["2024-06-03T18:00", "2024-06-04T00:00"]`, field `bounds`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "MentionWire")]
pub struct Mention {
    #[serde(rename = "type")]
    pub kind: MentionType,
    /// `text`, `title`, `quoted[N].text`, `attachments[N].text`.
    pub field: String,
    /// The surface string.
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    /// Normalised value; null when only a range or a bound is known.
    pub value: Option<Value>,
    /// Inclusive range for "between 3 and 4 billion", "de 35 000 à 85 000".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub range: Option<[f64; 2]>,
    /// ISO 4217 for money; canonical unit (`km`, `t`, `MW`…) for measures.
    pub unit: Option<String>,
    /// True for "environ", "about", "une soixantaine"…
    #[serde(default)]
    pub approx: bool,
    /// Lower bound for vague amounts ("des milliers de", "more than 300").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub min: Option<f64>,
    /// Upper bound ("up to 500", "moins de 10").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub max: Option<f64>,
    /// What is counted, for quantities ("livraisons de GPU H100").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub item: Option<String>,
    /// Dates: TIMEX3 grain (`day`, `month`, `quarter`, `year`, `week`, `hour`, `minute`…).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub grain: Option<String>,
    /// Dates: TIMEX3 `mod` (`START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`).
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none", default)]
    pub modifier: Option<String>,
    /// Dates: resolved half-open interval `[start, end)` as ISO dates or date-times.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub interval: Option<[String; 2]>,
    /// Dates that name a stretch of time rather than one day or one clock time (stretches of
    /// units, parts of the day, weekends, seasons, weeks, months, quarters, years, periods
    /// narrowed by a `mod`): the half-open bounds `[start, end)`, the same as `interval`. A
    /// range written with two ends gives them as named, inclusive ("du 6 au 8 septembre" →
    /// `["…-06", "…-08"]`), the way a money range gives its amounts. Written under the JSON
    /// key `range`, and in CSV's `range_min` / `range_max`.
    #[serde(rename = "range", skip_serializing_if = "Option::is_none", default)]
    pub bounds: Option<[String; 2]>,
    /// Dates: what a relative expression was resolved against ("document date 2024-06-04").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub anchor: Option<String>,
    /// The name of the rule that produced this mention.
    pub rule: String,
    /// Code-point span `[start, end)` of the sentence containing the mention, in `field`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sentence: Option<[usize; 2]>,
}

/// A `range` as JSON carries it: numbers (money, quantities) or date bounds.
#[derive(Deserialize)]
#[serde(untagged)]
enum RangeWire {
    Numbers([f64; 2]),
    Bounds([String; 2]),
}

/// How a `Mention` is read back from JSON: as written, except that `range` may hold numbers
/// or date bounds (see [`Mention::bounds`]).
#[derive(Deserialize)]
struct MentionWire {
    #[serde(rename = "type")]
    kind: MentionType,
    field: String,
    text: String,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    value: Option<Value>,
    #[serde(default)]
    range: Option<RangeWire>,
    unit: Option<String>,
    #[serde(default)]
    approx: bool,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    item: Option<String>,
    #[serde(default)]
    grain: Option<String>,
    #[serde(rename = "mod", default)]
    modifier: Option<String>,
    #[serde(default)]
    interval: Option<[String; 2]>,
    #[serde(default)]
    anchor: Option<String>,
    rule: String,
    #[serde(default)]
    sentence: Option<[usize; 2]>,
}

impl From<MentionWire> for Mention {
    fn from(w: MentionWire) -> Mention {
        let (range, bounds) = match w.range {
            Some(RangeWire::Numbers(r)) => (Some(r), None),
            Some(RangeWire::Bounds(b)) => (None, Some(b)),
            None => (None, None),
        };
        Mention {
            kind: w.kind,
            field: w.field,
            text: w.text,
            start: w.start,
            end: w.end,
            byte_start: w.byte_start,
            byte_end: w.byte_end,
            value: w.value,
            range,
            unit: w.unit,
            approx: w.approx,
            min: w.min,
            max: w.max,
            item: w.item,
            grain: w.grain,
            modifier: w.modifier,
            interval: w.interval,
            bounds,
            anchor: w.anchor,
            rule: w.rule,
            sentence: w.sentence,
        }
    }
}

impl Mention {
    /// A mention of `kind` covering `text[byte_start..byte_end]` of `field`, with code-point
    /// offsets computed from the text. Other fields start empty.
    pub fn new(
        kind: MentionType,
        field: &str,
        text: &str,
        byte_start: usize,
        byte_end: usize,
        rule: impl Into<String>,
    ) -> Self {
        let start = text[..byte_start].chars().count();
        let end = start + text[byte_start..byte_end].chars().count();
        Mention {
            kind,
            field: field.to_string(),
            text: text[byte_start..byte_end].to_string(),
            start,
            end,
            byte_start,
            byte_end,
            value: None,
            range: None,
            unit: None,
            approx: false,
            min: None,
            max: None,
            item: None,
            grain: None,
            modifier: None,
            interval: None,
            bounds: None,
            anchor: None,
            rule: rule.into(),
            sentence: None,
        }
    }

    /// The numeric value, if any.
    pub fn number(&self) -> Option<f64> {
        match self.value {
            Some(Value::Number(v)) => Some(v),
            _ => None,
        }
    }

    /// The text value (date TIMEX or canonical name), if any.
    pub fn text_value(&self) -> Option<&str> {
        match &self.value {
            Some(Value::Text(s)) => Some(s),
            _ => None,
        }
    }
}

/// What kind of relation a claim states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Transfer,
    Spend,
    Purchase,
    Invest,
    Plan,
    Target,
    Funding,
    Revenue,
    Valuation,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Transfer => "transfer",
            ClaimKind::Spend => "spend",
            ClaimKind::Purchase => "purchase",
            ClaimKind::Invest => "invest",
            ClaimKind::Plan => "plan",
            ClaimKind::Target => "target",
            ClaimKind::Funding => "funding",
            ClaimKind::Revenue => "revenue",
            ClaimKind::Valuation => "valuation",
        }
    }
}

/// How the source presents a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact by the document itself.
    Asserted,
    /// Attributed to someone ("selon", "according to", "said").
    Reported,
    /// An estimate ("estime", "estimated", "about").
    Estimated,
    /// A plan or intention ("prévoit", "will", "d'ici").
    Planned,
    /// Negated or denied.
    Denied,
}

/// A number with what it counts or measures, as a claim role.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Amount {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub range: Option<[f64; 2]>,
    /// ISO 4217 for money, canonical unit for measures, null for counts.
    pub unit: Option<String>,
    /// What is counted ("GPU H100").
    pub item: Option<String>,
    /// The surface text of the mention.
    pub text: String,
}

/// Where in a document a claim is stated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    pub field: String,
    /// Code-point offsets of the sentence in `field`.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
}

/// A sentence-level relation: who moved, spent, planned how much of what, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    /// Counted quantity (transfers, plans in units).
    pub quantity: Option<Amount>,
    /// Money amount (spend, purchase, invest, funding, revenue, valuation).
    pub amount: Option<Amount>,
    /// Plans and targets: the starting value ("de 35 000") and the target ("à 85 000").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub baseline: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub target: Option<Amount>,
    /// The acting organisation (spender, buyer, investor, planner, company valued…).
    pub org: Option<String>,
    /// Transfers: the giver.
    pub from: Option<String>,
    /// Transfers: the actual recipient.
    pub to: Option<String>,
    /// Transfers: the intended recipient ("meant for Tesla").
    pub intended_for: Option<String>,
    /// Purpose or object ("puces IA de Nvidia").
    pub purpose: Option<String>,
    /// TIMEX value of the claim's date (`2023-12`, `2024`), from a date mention in the sentence.
    pub date: Option<String>,
    pub speaker: Option<String>,
    pub modality: Modality,
    /// Stated inside quoted email text: not an independent source.
    pub quoted: bool,
    pub rule: String,
    pub evidence: Evidence,
}

/// Everything extracted from one document: one line of `dossier extract`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub doc_id: String,
    pub path: String,
    pub message_index: Option<usize>,
    pub kind: DocKind,
    pub lang: String,
    pub sha256: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub from: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
}

/// Reconciliation verdict for a group of claims about the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum GroupStatus {
    Discrepant,
    Corroborated,
    SingleSource,
}

/// What a claim group is about.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupSubject {
    pub org: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub item: Option<String>,
    pub period: Option<String>,
}

/// A claim together with the document it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourcedClaim {
    pub doc_id: String,
    pub path: String,
    pub message_index: Option<usize>,
    pub title: Option<String>,
    /// The document's own date.
    pub doc_date: Option<String>,
    pub sender: Option<String>,
    /// True when a later message of the same thread corrects this value.
    #[serde(default)]
    pub superseded: bool,
    /// True when this claim is the correction.
    #[serde(default)]
    pub correction: bool,
    #[serde(flatten)]
    pub claim: Claim,
}

/// Claims from several documents that speak about the same thing, with a verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimGroup {
    pub group_id: String,
    pub kind: ClaimKind,
    pub subject: GroupSubject,
    pub status: GroupStatus,
    /// The distinct values, in the order first seen.
    pub values: Vec<Amount>,
    pub claims: Vec<SourcedClaim>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_reads_back_as_numbers_or_date_bounds() {
        let mut money = Mention::new(MentionType::Money, "text", "3 to 4 bn", 0, 9, "r");
        money.range = Some([3e9, 4e9]);
        let mut date = Mention::new(MentionType::Date, "text", "this evening", 0, 12, "r");
        date.bounds = Some(["2024-06-03T18:00".into(), "2024-06-04T00:00".into()]);
        for m in [money, date] {
            let json = serde_json::to_string(&m).expect("serialises");
            assert_eq!(json.matches("\"range\"").count(), 1, "{json}");
            let back: Mention = serde_json::from_str(&json).expect("reads back");
            assert_eq!(back, m);
        }
        let plain = Mention::new(MentionType::Date, "text", "today", 0, 5, "r");
        let json = serde_json::to_string(&plain).expect("serialises");
        assert!(!json.contains("\"range\""), "{json}");
        assert_eq!(
            serde_json::from_str::<Mention>(&json).expect("reads back"),
            plain
        );
    }
}
