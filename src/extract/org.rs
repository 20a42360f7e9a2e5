//! Organisations and people: who acts, who speaks.
//!
//! Two sources of names, in priority order:
//! 1. a gazetteer (`data/orgs.tsv`, built in, merged with the user's `dossier.toml` `[orgs]`
//!    table) matched in one Aho-Corasick pass on word boundaries, with canonical names;
//! 2. context rules for names nobody listed: legal suffixes (`Voltanis SAS`), cue nouns and
//!    appositions (`la start-up Mistral AI`, `chipmaker Nvidia`), institution heads
//!    (`Parti socialiste`, `World Wrestling Federation`), ministries (`ministre des Finances`),
//!    subjects and objects of business verbs, acronyms, and people by title or speech verb.
//!
//! Places (`data/places.txt`) never come out as organisations; the one-letter `X` is the
//! company only in company contexts. Not for: coreference beyond linking a surname to the full
//! name met in the same text, or classifying organisations (company vs agency).

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::Lang;
use super::lang;
use crate::model::{Mention, MentionType, Value};

/// Per-language word lists the engine reads (see `lang/{fr,en}/orgs.rs`). Multi-word entries
/// are matched token by token, lowercased.
#[derive(Debug)]
pub struct OrgLexicon {
    /// Nouns after which a name is an organisation ("la société X", "chipmaker Nvidia").
    pub cues: &'static [&'static str],
    /// Words that make a capitalised sequence an institution's name.
    pub heads: &'static [&'static str],
    /// Lowercase nouns that belong to the name they precede ("comité Nobel").
    pub name_heads: &'static [&'static str],
    /// Nouns after which the department named is an organisation ("ministre des Finances").
    pub ministry: &'static [&'static str],
    /// Titles before a person's name.
    pub titles: &'static [&'static str],
    /// Verbs of saying: the name before them is a speaker.
    pub speech_verbs: &'static [&'static str],
    /// Verbs after a company subject.
    pub business_subject_verbs: &'static [&'static str],
    /// Verbs or phrases before a company object.
    pub business_object_verbs: &'static [&'static str],
    /// Words that end a search for a name after a cue.
    pub stop: &'static [&'static str],
    /// Lowercase words allowed inside a name between capitalised words.
    pub connectors: &'static [&'static str],
    /// The connectors that tie a person to an institution ("Kristen Welker of NBC News"):
    /// when the head word ("News") comes only after one, the institution starts there.
    pub of_connectors: &'static [&'static str],
    /// Lowercase adjectives and words may follow an institution's head inside its name
    /// ("Parti socialiste", "Coalition avenir Québec", "Caisse des dépôts"); in English they
    /// start the sentence's own words ("the Alliance Party presidential nominee", "the
    /// University of Oxford and left").
    pub lowercase_after_head: bool,
}

fn lexicon(lang: Lang) -> &'static OrgLexicon {
    match lang {
        Lang::Fr => &lang::fr::orgs::LEXICON,
        Lang::En => &lang::en::orgs::LEXICON,
    }
}

/// Rule names, carried in `Mention::rule`.
pub mod rules {
    pub const GAZETTEER: &str = "org.gazetteer";
    pub const PERSON_GAZETTEER: &str = "person.gazetteer";
    pub const LEGAL_SUFFIX: &str = "org.legal_suffix";
    pub const CUE: &str = "org.cue_apposition";
    pub const HEAD: &str = "org.institution_name";
    pub const MINISTRY: &str = "org.ministry";
    pub const BUSINESS_SUBJECT: &str = "org.business_verb_subject";
    pub const BUSINESS_OBJECT: &str = "org.business_verb_object";
    pub const ACRONYM: &str = "org.acronym";
    pub const X_CONTEXT: &str = "org.x_company_context";
    pub const PERSON_TITLE: &str = "person.title";
    pub const PERSON_SPEECH: &str = "person.speech_verb";
    pub const PERSON_APPOSITION: &str = "person.apposition";
    pub const PERSON_LINK: &str = "person.name_link";
}

/// Legal forms that end a company name ("Voltanis SAS", "Acme Corp.").
const LEGAL_SUFFIXES: &[&str] = &[
    "Inc",
    "Corp",
    "Corporation",
    "Ltd",
    "LLC",
    "SA",
    "SAS",
    "SARL",
    "SASU",
    "GmbH",
    "AG",
    "plc",
    "PLC",
    "NV",
    "BV",
    "SpA",
    "Co",
];

/// Capitalised words that never start or make a name (sentence-initial function words,
/// greetings, weekdays, months), in both languages: documents mix them.
const CAPITALISED_STOP: &[&str] = &[
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d'",
    "ce",
    "cet",
    "cette",
    "ces",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "tu",
    "mais",
    "et",
    "ou",
    "donc",
    "or",
    "ni",
    "car",
    "selon",
    "pour",
    "par",
    "avec",
    "sans",
    "sur",
    "sous",
    "dans",
    "en",
    "au",
    "aux",
    "à",
    "après",
    "avant",
    "depuis",
    "pendant",
    "lors",
    "alors",
    "ainsi",
    "cependant",
    "toutefois",
    "enfin",
    "puis",
    "ensuite",
    "aussi",
    "plus",
    "moins",
    "tous",
    "tout",
    "toute",
    "toutes",
    "chaque",
    "quand",
    "lorsque",
    "si",
    "comme",
    "que",
    "qui",
    "où",
    "dont",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "mon",
    "ma",
    "mes",
    "notre",
    "nos",
    "votre",
    "vos",
    "cela",
    "ceci",
    "voici",
    "oui",
    "non",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "so",
    "if",
    "when",
    "while",
    "according",
    "after",
    "before",
    "in",
    "on",
    "at",
    "for",
    "from",
    "with",
    "without",
    "by",
    "of",
    "to",
    "as",
    "since",
    "during",
    "also",
    "however",
    "meanwhile",
    "then",
    "there",
    "here",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "its",
    "some",
    "many",
    "all",
    "each",
    "every",
    "no",
    "yes",
    "correction",
    "rectificatif",
    "objet",
    "subject",
    "re",
    "fwd",
    "tr",
    "team",
    "hi",
    "hello",
    "bonjour",
    "salut",
    "cordialement",
    "thanks",
    "merci",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "dear",
    "cher",
    "chère",
    "chers",
    "please",
    "note",
    "update",
    "source",
    "sources",
    "photo",
    "image",
    "lire",
    "voir",
    "see",
    "read",
    "email",
    "e-mail",
    "mail",
    "madame",
    "monsieur",
    "mr",
    "mrs",
    "ms",
    "dr",
    "m",
    "mme",
    "elon",
];

/// All-capital tokens that are not organisations: units, currencies, job titles, technical
/// abbreviations, time zones, email markers, US state codes.
const ACRONYM_STOP: &[&str] = &[
    "PDG", "CEO", "CFO", "CTO", "COO", "DG", "DRH", "PIB", "GDP", "TVA", "VAT", "USD", "EUR",
    "GBP", "CHF", "JPY", "CNY", "IA", "AI", "GPU", "GPUS", "CPU", "TPU", "PC", "TV", "OK", "UTC",
    "GMT", "CET", "CEST", "PST", "PDT", "EST", "EDT", "HT", "TTC", "SMS", "PDF", "CSV", "URL",
    "HTML", "API", "ID", "FAQ", "PS", "NB", "RE", "FW", "FWD", "TR", "CC", "CCI", "BCC", "MW",
    "GW", "KW", "KWH", "MWH", "GWH", "TWH", "KM", "ADN", "DNA", "ARN", "RNA", "VIH", "HIV", "SIDA",
    "AIDS", "COVID", "SARS", "USB", "LED", "OLED", "SUV", "VTC", "TGV", "RER", "FSD", "ADAS", "EV",
    "VE", "IPO", "OPA", "LBO", "ETF", "PO", "NDA", "PR", "HR", "RH", "IT", "AM", "PM", "ASAP",
    "FYI", "BTW", "LOL", "JO", "CDI", "CDD", "SMIC", "RSA", "BAC", "CA", "TX", "NY", "NV", "WA",
    "MA", "FL", "IL", "DC", "NJ", "UK", "US", "USA", "RDC", "UAE", "CNBC-TV", "NB", "PJ", "TBD",
    "ETA", "KPI", "ROI", "B2B", "SAAS", "IOT", "VR", "AR", "XL", "OS", "IOS", "CM", "MM", "KG",
    "LB", "FT", "SQL", "JSON", "XML", "HTTP", "HTTPS", "WWW", "CMS", "SVP", "STP", "NDLR", "AFAIK",
    "IMHO", "TL", "DR", "ET", "OU", "LE", "LA", "LES", "DE", "DU", "DES", "THE", "AND", "OF", "TO",
    "IN", "ON", "AT", "BY", "FOR", "NOT", "NO", "ISBN", "ISSN", "DOI", "RCS", "SIRET", "SIREN",
    "NAF", "APE", "IBAN", "BIC", "R&D", "RTX", "GTX", "HBM", "SSD", "RAM", "LLM", "GPT",
    // software and network terms of technical mail: licences, protocols, formats
    "EOL", "LTS", "GPL", "LGPL", "AGPL", "FOSS", "OSS", "CVE", "RFC", "DNS", "IP", "TCP", "UDP",
    "SSH", "SSL", "TLS", "VPN", "LAN", "WAN", "RPM", "PGP", "GPG", "MIME", "SMTP", "IMAP", "CLI",
    "GUI", "IDE", "SDK", "BIOS", "QA", "RHEL", "UBI",
    // titles and regions, not organisations ("Labour MP Jo Cox", "Sydney, NSW")
    "MP", "MPS", "MEP", "NSW", "QLD",
];

/// Names that signal a document about the company X (then "to X", "dans X" mean it).
const X_CONTEXT_SIGNALS: &[&str] = &["Twitter", "xAI", "Musk", "Tesla", "SpaceX", "X Corp"];

/// Words before a bare `X` that make it the company in any document.
const X_STRONG_CUES: &[&str] = &[
    "société",
    "réseau social",
    "plateforme",
    "portail",
    "entreprise",
    "médias sociaux",
    "company",
    "platform",
    "social network",
    "social media",
    "portal",
    "firm",
    "corp",
    "rebaptisé",
    "renamed",
    "rebranded",
    "network",
];

/// Words before a bare `X` that make it the company when the document is about it.
const X_WEAK_CUES: &[&str] = &[
    "vers", "to", "à", "chez", "at", "dans", "in", "de", "from", "of", "par", "by", "et", "and",
    "avant", "versus", "than", "que", "sur", "on", "for", "pour", "with", "avec", "between",
    "entre", "via",
];

// ---------------------------------------------------------------------------------------------
// Gazetteer

/// One name the gazetteer knows.
#[derive(Debug, Clone)]
struct Entry {
    alias: String,
    canonical: String,
    person: bool,
    /// Acronyms match only in capitals.
    exact_case: bool,
    /// `X`: an organisation only in company contexts.
    context_only: bool,
}

/// Known organisations (and a few people) with their aliases: the built-in list plus the
/// user's `dossier.toml`. Built once, matched in one Aho-Corasick pass.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: AhoCorasick,
    /// Lowercased alias → canonical, for context names and email domains.
    by_alias: HashMap<String, usize>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer::builtin_entries_gazetteer(Vec::new())
            .expect("the built-in gazetteer forms a valid automaton")
    }
}

/// Most names a user table may add: beyond, the file is not a list of organisations.
const MAX_USER_NAMES: usize = 100_000;

const BUILTIN_TSV: &str = include_str!("../../data/orgs.tsv");
const PLACES_TXT: &str = include_str!("../../data/places.txt");

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::default);

static PLACES: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    PLACES_TXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
        .collect()
});

fn is_acronym_alias(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase())
}

fn parse_tsv(tsv: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for line in tsv.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let canonical = cols.next().unwrap_or("").trim();
        let kind = cols.next().unwrap_or("").trim();
        let aliases = cols.next().unwrap_or("");
        if canonical.is_empty() {
            continue;
        }
        let person = kind == "person";
        let mut names: Vec<&str> = vec![canonical];
        names.extend(aliases.split('|').map(str::trim).filter(|a| !a.is_empty()));
        for name in names {
            let (alias, context_only) = match name.strip_prefix('~') {
                Some(a) => (a, true),
                None => (name, false),
            };
            // A bare one-letter canonical ("X") is context-only too.
            let context_only = context_only || alias.chars().count() == 1;
            out.push(Entry {
                alias: alias.to_string(),
                canonical: canonical.to_string(),
                person,
                exact_case: is_acronym_alias(alias),
                context_only,
            });
        }
    }
    out
}

impl Gazetteer {
    fn builtin_entries_gazetteer(extra: Vec<Entry>) -> Result<Gazetteer, String> {
        let mut entries = parse_tsv(BUILTIN_TSV);
        entries.extend(extra);
        Gazetteer::from_entries(entries)
    }

    fn from_entries(mut entries: Vec<Entry>) -> Result<Gazetteer, String> {
        // Later entries (the user's) override earlier ones for the same alias.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut kept: Vec<Entry> = Vec::new();
        for e in entries.drain(..) {
            match seen.get(&e.alias) {
                Some(&i) => kept[i] = e,
                None => {
                    seen.insert(e.alias.clone(), kept.len());
                    kept.push(e);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(kept.iter().map(|e| e.alias.as_str()))
            .map_err(|e| format!("cannot build the name matcher: {e}"))?;
        let by_alias = kept
            .iter()
            .enumerate()
            .map(|(i, e)| (e.alias.to_lowercase(), i))
            .collect();
        Ok(Gazetteer {
            entries: kept,
            matcher,
            by_alias,
        })
    }

    /// The built-in list merged with the `[orgs]` table of a `dossier.toml`:
    ///
    /// ```toml
    /// [orgs]
    /// "Voltanis" = ["Voltanis SAS", "VLT"]   # canonical name = its aliases
    /// "Calcea" = []
    /// ```
    pub fn load(path: &Path) -> Result<Gazetteer, crate::Error> {
        let config = |message: String| crate::Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let text =
            std::fs::read_to_string(path).map_err(|e| config(format!("cannot read: {e}")))?;
        Gazetteer::from_toml(&text).map_err(config)
    }

    /// Same as [`Gazetteer::load`] from the text of a `dossier.toml`.
    pub fn from_toml(text: &str) -> Result<Gazetteer, String> {
        let value: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        let mut extra = Vec::new();
        if let Some(orgs) = value.get("orgs") {
            let orgs = orgs
                .as_table()
                .ok_or("[orgs] must be a table of name = [aliases]")?;
            for (canonical, aliases) in orgs {
                let aliases = aliases
                    .as_array()
                    .ok_or_else(|| format!("orgs.{canonical}: expected a list of aliases"))?;
                let mut names = vec![canonical.clone()];
                for a in aliases {
                    let a = a
                        .as_str()
                        .ok_or_else(|| format!("orgs.{canonical}: aliases must be strings"))?;
                    names.push(a.to_string());
                }
                for alias in names.into_iter().filter(|n| !n.trim().is_empty()) {
                    extra.push(Entry {
                        exact_case: is_acronym_alias(&alias),
                        context_only: alias.chars().count() == 1,
                        alias,
                        canonical: canonical.clone(),
                        person: false,
                    });
                }
            }
        }
        if extra.len() > MAX_USER_NAMES {
            return Err(format!(
                "[orgs] lists {} names (at most {MAX_USER_NAMES})",
                extra.len()
            ));
        }
        Gazetteer::builtin_entries_gazetteer(extra)
    }

    /// The canonical name of a known alias (any case), if any.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        let i = *self.by_alias.get(&name.trim().to_lowercase())?;
        let e = self.entries.get(i)?;
        (!e.person).then_some(e.canonical.as_str())
    }

    /// The organisation behind an email address or domain (`desk@nvidia.com`,
    /// `news.cnbc.com`), when the registrable label names a known organisation.
    pub fn org_for_address(&self, address: &str) -> Option<&str> {
        let domain = address.rsplit('@').next()?.trim().to_lowercase();
        let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
        if labels.len() < 2 {
            return None;
        }
        // The label before the public suffix (one level, or two for "co.uk"-like suffixes).
        let label = if labels.len() >= 3 && labels[labels.len() - 2].len() <= 3 {
            labels[labels.len() - 3]
        } else {
            labels[labels.len() - 2]
        };
        let squash = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let label = squash(label);
        if label.len() < 2 {
            return None;
        }
        self.entries
            .iter()
            .find(|e| !e.person && !e.context_only && squash(&e.alias) == label)
            .map(|e| e.canonical.as_str())
    }
}

/// The organisation behind an email address, from the built-in gazetteer.
pub fn org_for_address(address: &str) -> Option<&'static str> {
    BUILTIN.org_for_address(address)
}

/// True when `name` is a known place.
pub fn is_place(name: &str) -> bool {
    PLACES.contains(&name.trim().to_lowercase())
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// Lowercased once, typographic apostrophes made straight: what lexicons are matched on.
    lowered: String,
    /// A word (letters/digits), not punctuation.
    word: bool,
}

impl<'a> Token<'a> {
    fn new(text: &'a str, start: usize, end: usize, word: bool) -> Self {
        let slice = &text[start..end];
        Token {
            start,
            end,
            text: slice,
            lowered: slice.to_lowercase().replace('’', "'"),
            word,
        }
    }
    fn lower(&self) -> &str {
        &self.lowered
    }
    fn is_cap(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// "xAI", "eBay": lowercase start, capital inside.
    fn is_camel(&self) -> bool {
        let mut cs = self.text.chars();
        self.word
            && cs.next().is_some_and(char::is_lowercase)
            && cs.any(char::is_uppercase)
            && self.text.chars().all(char::is_alphanumeric)
    }
    fn is_upper(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        self.word && letters >= 2 && self.text.chars().all(|c| !c.is_lowercase())
    }
    fn is_name(&self) -> bool {
        (self.is_cap() || self.is_camel())
            && !is_cap_stop(self.text)
            && self.text.chars().count() > 1
    }
}

static CAPITALISED_STOP_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| CAPITALISED_STOP.iter().copied().collect());

fn is_cap_stop(word: &str) -> bool {
    CAPITALISED_STOP_SET.contains(word.to_lowercase().replace('’', "'").as_str())
}

fn is_elision(lower: &str) -> bool {
    matches!(
        lower,
        "l'" | "d'" | "qu'" | "n'" | "s'" | "j'" | "c'" | "m'" | "t'" | "jusqu'" | "lorsqu'"
    )
}

/// Words (letters and digits with inner `-`, `&`, `.`), French elisions split off (`l'`),
/// and single punctuation characters.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let pos = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        // A line break ends any name: headings and list items are separate units.
        if c.is_whitespace() && c != '\n' {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut j = i + 1;
            loop {
                match at(j) {
                    Some(c) if c.is_alphanumeric() => j += 1,
                    Some('-' | '&' | '.') if at(j + 1).is_some_and(char::is_alphanumeric) => j += 2,
                    // English possessive: "France's Voltanis" is two names.
                    Some('\'' | '’')
                        if matches!(at(j + 1), Some('s' | 'S'))
                            && !at(j + 2).is_some_and(char::is_alphanumeric) =>
                    {
                        break;
                    }
                    Some('\'' | '’') => {
                        let word = &text[pos(s)..pos(j + 1)];
                        let lower = word.to_lowercase().replace('’', "'");
                        if is_elision(&lower) {
                            j += 1;
                            break;
                        }
                        if at(j + 1).is_some_and(char::is_alphanumeric) {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            out.push(Token::new(text, pos(s), pos(j), true));
            i = j;
        } else {
            out.push(Token::new(text, pos(i), pos(i + 1), false));
            i += 1;
        }
    }
    out
}

/// Lowercased text of tokens `i..i+k` joined the way lexicon entries are written.
fn joined_lower(toks: &[Token], i: usize, k: usize) -> Option<String> {
    let slice = toks.get(i..i + k)?;
    let mut s = String::new();
    for (n, t) in slice.iter().enumerate() {
        if n > 0 && !s.ends_with('\'') {
            s.push(' ');
        }
        s.push_str(t.lower());
    }
    Some(s)
}

/// True when some phrase starts with the word at `i` (a cheap test before joining tokens).
fn may_start_phrase(toks: &[Token], i: usize, phrases: &[&str]) -> bool {
    toks.get(i).is_some_and(|t| {
        let w = t.lower();
        phrases.iter().any(|p| {
            p.starts_with(w)
                && p[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == ' ' || w.ends_with('\''))
        })
    })
}

/// Length in tokens of the lexicon phrase that starts at `i`, longest first.
fn phrase_at(toks: &[Token], i: usize, phrases: &[&str]) -> Option<usize> {
    if !may_start_phrase(toks, i, phrases) {
        return None;
    }
    (1..=4)
        .rev()
        .find(|&k| joined_lower(toks, i, k).is_some_and(|p| phrases.contains(&p.as_str())))
}

/// Length in tokens of the lexicon phrase that ends just before `i`, longest first.
fn phrase_before(toks: &[Token], i: usize, phrases: &[&str]) -> Option<usize> {
    (1..=4).rev().find(|&k| {
        i >= k
            && may_start_phrase(toks, i - k, phrases)
            && joined_lower(toks, i - k, k).is_some_and(|p| phrases.contains(&p.as_str()))
    })
}

// ---------------------------------------------------------------------------------------------
// Candidates

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    person: bool,
    value: String,
    rule: &'static str,
    /// Lower wins overlaps.
    priority: u8,
}

/// A run of name tokens from `i`: capitalised or camel-case words, with connectors between
/// them ("Sciences et Avenir", "Bank of America"). Returns the index after the run.
fn name_run(toks: &[Token], i: usize, lex: &OrgLexicon, max: usize) -> usize {
    let mut j = i;
    let mut end = i;
    while j < toks.len() && j - i < max {
        let t = &toks[j];
        if t.is_cap()
            || t.is_camel()
            || (t.word && j > i && t.text.chars().all(|c| c.is_ascii_digit()))
        {
            j += 1;
            end = j;
        } else if j > i
            && t.word
            && lex.connectors.contains(&t.lower())
            && toks
                .get(j + 1)
                .is_some_and(|n| n.is_cap() && !is_cap_stop(n.text))
        {
            j += 1;
        } else {
            break;
        }
    }
    end
}

fn span_text(text: &str, toks: &[Token], i: usize, j: usize) -> Option<(usize, usize, String)> {
    let s = toks.get(i)?.start;
    let e = toks.get(j.checked_sub(1)?)?.end;
    let raw = text.get(s..e)?;
    Some((s, e, raw.split_whitespace().collect::<Vec<_>>().join(" ")))
}

/// French/English adjectives that can continue an institution's name ("royale", "européenne").
fn looks_adjectival(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "al", "ale", "aux", "ales", "el", "elle", "ien", "ienne", "ais", "aise", "ois", "oise",
        "ain", "aine", "ique", "iques", "aire", "aires", "iste", "istes", "é", "ée", "if", "ive",
        "eur", "ial", "iale", "an", "ane", "al", "ical",
    ];
    lower.chars().all(char::is_alphabetic) && ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// Continue an institution's name after its head: adjectives, connectors followed by words,
/// capitalised words. Returns the end index (exclusive), trailing connectors trimmed.
fn institution_run(toks: &[Token], i: usize, lex: &OrgLexicon, allow_et: bool) -> usize {
    let mut j = i;
    let mut last_good = i;
    let mut after_connector = false;
    while j < toks.len() && j - i < 8 {
        let t = &toks[j];
        if !t.word {
            break;
        }
        let lower = t.lower().replace('’', "'");
        let is_conn = lex.connectors.contains(&lower.as_str())
            || matches!(lower.as_str(), "la" | "l'")
                && j > 0
                && matches!(toks[j - 1].lower(), "de");
        if lower == "et" && !allow_et {
            break;
        }
        if is_conn {
            after_connector = true;
            j += 1;
            continue;
        }
        if t.is_cap() || t.is_upper() {
            if is_cap_stop(t.text) && !after_connector {
                break;
            }
            j += 1;
            last_good = j;
        } else if lex.stop.contains(&lower.as_str()) || is_cap_stop(&lower) && !after_connector {
            break;
        } else if lex.lowercase_after_head && (after_connector || looks_adjectival(&lower)) {
            j += 1;
            last_good = j;
        } else if lex.lowercase_after_head && toks.get(j + 1).is_some_and(|n| n.is_cap()) {
            // "Coalition avenir Québec": a lowercase word inside a capitalised name.
            j += 1;
        } else {
            break;
        }
        after_connector = false;
    }
    last_good
}

fn push(
    out: &mut Vec<Candidate>,
    (start, end, value): (usize, usize, String),
    person: bool,
    rule: &'static str,
    priority: u8,
) {
    // A name ending in a lone letter is a label ("Groupe B", "Generation X"), not a body.
    let lone_letter = value
        .split_whitespace()
        .last()
        .is_some_and(|w| w.chars().count() == 1);
    if value.is_empty() || is_place(&value) || is_cap_stop(&value) || lone_letter {
        return;
    }
    out.push(Candidate {
        start,
        end,
        person,
        value,
        rule,
        priority,
    });
}

/// True when `text[s..e]` is not glued to letters, digits, an email (`@`) or a domain (`.com`).
fn on_word_boundary(text: &str, s: usize, e: usize) -> bool {
    let (Some(head), Some(tail)) = (text.get(..s), text.get(e..)) else {
        return false;
    };
    let mut back = head.chars().rev();
    let mut fwd = tail.chars();
    let (before, before2) = (back.next(), back.next());
    let (after, after2) = (fwd.next(), fwd.next());
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '@' || c == '_');
    let dotted = |c: Option<char>, next: Option<char>| {
        c == Some('.') && next.is_some_and(char::is_alphanumeric)
    };
    !glued(before) && !glued(after) && !dotted(before, before2) && !dotted(after, after2)
}

fn gazetteer_candidates(text: &str, gaz: &Gazetteer, out: &mut Vec<Candidate>) {
    for m in gaz.matcher.find_overlapping_iter(text) {
        let Some(e) = gaz.entries.get(m.pattern().as_usize()) else {
            continue;
        };
        let (s, en) = (m.start(), m.end());
        let Some(found) = text.get(s..en) else {
            continue;
        };
        let case_ok = found == e.alias || (!e.exact_case && found == e.alias.to_uppercase());
        let boundary = on_word_boundary(text, s, en);
        if !case_ok || !boundary || e.context_only {
            continue;
        }
        out.push(Candidate {
            start: s,
            end: en,
            person: e.person,
            value: e.canonical.clone(),
            rule: if e.person {
                rules::PERSON_GAZETTEER
            } else {
                rules::GAZETTEER
            },
            priority: 0,
        });
    }
}

/// The company X: "X Corp.", "la société X", "réseau social X", "X (ex-Twitter)" anywhere;
/// "vers X", "to X", "dans X" when the document is about Musk's companies. Never "X-ray"
/// (one token), "X H100" (a cluster name), "rayons X", a variable or "Malcolm X".
fn x_candidates(toks: &[Token], x_context: bool, out: &mut Vec<Candidate>) {
    for (i, t) in toks.iter().enumerate() {
        if t.text != "X" {
            continue;
        }
        let next = toks.get(i + 1);
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        // A model code right after ("X H100") or arithmetic around: not the company.
        if next.is_some_and(|n| {
            n.word && n.text.chars().any(|c| c.is_ascii_digit())
                || matches!(n.text, "=" | "+" | "*" | "×" | "/" | "^")
        }) || prev.is_some_and(|p| {
            matches!(p.text, "=" | "+" | "*" | "×" | "/" | "^")
                || p.text.chars().all(|c| c.is_ascii_digit())
                || matches!(
                    p.lower(),
                    "rayons"
                        | "rayon"
                        | "malcolm"
                        | "génération"
                        | "generation"
                        | "axe"
                        | "axis"
                        | "variable"
                        | "gpu"
                        | "cluster"
                        | "m."
                        | "monsieur"
                        | "mr"
                        | "madame"
                        | "mme"
                        | "plainte"
                        | "sous"
                )
        }) {
            continue;
        }
        let strong = phrase_before(toks, i, X_STRONG_CUES).is_some()
            || (toks.get(i + 1).is_some_and(|n| n.text == "(")
                && toks
                    .get(i + 2..(i + 5).min(toks.len()))
                    .is_some_and(|w| w.iter().any(|t| t.text.contains("Twitter"))));
        // "Tesla -> X", "Tesla → X": the recipient end of an arrow between names.
        let arrow = prev.is_some_and(|p| {
            p.text == "→"
                || p.text == ">"
                    && i.checked_sub(2)
                        .and_then(|q| toks.get(q))
                        .is_some_and(|q| matches!(q.text, "-" | "="))
        });
        let weak = x_context
            && (arrow
                || prev.is_some_and(|p| X_WEAK_CUES.contains(&p.lower()))
                || next.is_some_and(|n| {
                    n.word
                        && !n.is_cap()
                        && !n.is_upper()
                        && n.text.chars().all(char::is_alphabetic)
                        && prev.is_none_or(|p| !p.word || p.text == "de")
                }));
        if strong || weak {
            out.push(Candidate {
                start: t.start,
                end: t.end,
                person: false,
                value: "X".into(),
                rule: rules::X_CONTEXT,
                priority: 1,
            });
        }
    }
}

fn context_candidates(
    text: &str,
    toks: &[Token],
    lex: &OrgLexicon,
    gaz: &Gazetteer,
    out: &mut Vec<Candidate>,
) {
    let canon =
        |name: String| -> String { gaz.canonical(&name).map(str::to_string).unwrap_or(name) };
    let n = toks.len();
    for i in 0..n {
        let t = &toks[i];
        // Legal suffix: "Voltanis SAS", "Acme Corp."
        if t.word && LEGAL_SUFFIXES.contains(&t.text) {
            let mut j = i;
            if j > 0 && toks[j - 1].text == "," {
                j -= 1;
            }
            let mut s = j;
            while s > 0
                && (toks[s - 1].is_cap() || toks[s - 1].is_camel() || toks[s - 1].text == "&")
                && j - s < 4
            {
                s -= 1;
            }
            while s < j && (is_cap_stop(toks[s].text) || toks[s].text == "&") {
                s += 1;
            }
            if s < j {
                let mut end = t.end;
                if matches!(t.text, "Inc" | "Corp" | "Ltd" | "Co")
                    && text.get(end..end + 1) == Some(".")
                {
                    end += 1;
                }
                if let Some((_, _, name)) = span_text(text, toks, s, j) {
                    push(
                        out,
                        (toks[s].start, end, canon(name)),
                        false,
                        rules::LEGAL_SUFFIX,
                        2,
                    );
                }
            }
        }
        // Cue noun, optional modifiers, then the name: "la start-up française Mistral AI".
        if let Some(k) = phrase_at(toks, i, lex.cues)
            && !t.is_cap()
        {
            let mut j = i + k;
            let mut skipped = 0;
            while j < n && skipped < 5 {
                let w = &toks[j];
                let lower = w.lower().replace('’', "'");
                if w.is_name()
                    || !w.word
                    || lex.stop.contains(&lower.as_str())
                        && !matches!(lower.as_str(), "de" | "d'" | "des" | "du")
                {
                    break;
                }
                j += 1;
                skipped += 1;
            }
            if j < n
                && toks[j].is_name()
                && toks[j].text != "X"
                && !ACRONYM_STOP.contains(&toks[j].text.to_uppercase().as_str())
            {
                let e = name_run(toks, j, lex, 5);
                if let Some(span) = span_text(text, toks, j, e) {
                    let span = (span.0, span.1, canon(span.2));
                    push(out, span, false, rules::CUE, 3);
                }
            }
        }
        // Lowercase name heads: "comité Nobel", "aéroport de Saint-Hubert".
        if t.word && !t.is_cap() && lex.name_heads.contains(&t.lower()) {
            let mut j = i + 1;
            if toks
                .get(j)
                .is_some_and(|c| matches!(c.lower(), "de" | "du" | "d'" | "des"))
            {
                j += 1;
            }
            if toks.get(j).is_some_and(|c| c.is_name()) {
                let e = name_run(toks, j, lex, 4);
                if let Some(span) = span_text(text, toks, i, e) {
                    push(out, span, false, rules::HEAD, 3);
                }
            }
        }
        // Ministries: "ministre des Finances", "ministère russe de la Défense".
        if let Some(k) = phrase_at(toks, i, lex.ministry).filter(|_| !t.is_cap()) {
            let mut j = i + k;
            // A nationality or other adjective: "ministère russe de la Défense".
            if toks.get(j).is_some_and(|a| {
                a.word
                    && !a.is_cap()
                    && !lex.stop.contains(&a.lower())
                    && !lex.connectors.contains(&a.lower())
            }) {
                j += 1;
            }
            let conn_len = phrase_at(toks, j, &["de la", "de l'", "du", "des", "de"]);
            if let Some(c) = conn_len {
                let s = j + c;
                if toks.get(s).is_some_and(|w| w.is_cap()) {
                    let e = institution_run(toks, s, lex, true);
                    if let Some(span) = span_text(text, toks, s, e) {
                        push(out, span, false, rules::MINISTRY, 2);
                    }
                }
            }
        }
        // Institution names: capitalised head + continuation ("Parti socialiste",
        // "Gendarmerie royale du Canada"), or a capitalised sequence containing a head word
        // ("World Wrestling Federation").
        if t.is_cap()
            && !is_cap_stop(t.text)
            && (i == 0 || !toks[i - 1].is_cap() || is_cap_stop(toks[i - 1].text))
        {
            let head_first = lex.heads.contains(&t.lower());
            let e = if head_first {
                institution_run(toks, i + 1, lex, false).max(i + 1)
            } else {
                name_run(toks, i, lex, 8)
            };
            let is_head = |w: &Token| w.is_cap() && lex.heads.contains(&w.lower());
            // "Immunologist Kristian Andersen of Scripps Research": the head comes only after
            // "of", so what is before it is a person of the institution, not its name.
            let i = if head_first {
                i
            } else {
                (i..e)
                    .find(|&k| lex.of_connectors.contains(&toks[k].lower()))
                    .filter(|&k| {
                        !toks[i..k].iter().any(is_head) && toks[k + 1..e].iter().any(is_head)
                    })
                    .map_or(i, |k| k + 1)
            };
            let has_head = toks[i..e].iter().any(is_head);
            let ministry_before =
                i > 0 && phrase_before(toks, i.saturating_sub(1), lex.ministry).is_some();
            let last_is_letter = toks
                .get(e.saturating_sub(1))
                .is_some_and(|w| w.text.chars().count() == 1);
            if has_head
                && e >= i + 2
                && !ministry_before
                && !last_is_letter
                && let Some(span) = span_text(text, toks, i, e)
            {
                let span = (span.0, span.1, canon(span.2));
                push(out, span, false, rules::HEAD, 3);
            }
        }
        // Business verbs: "Anthropic a levé…", "racheter Twitter".
        if t.is_name() && (i == 0 || !toks[i - 1].is_name()) {
            let e = name_run(toks, i, lex, 4);
            if (phrase_at(toks, e, lex.business_subject_verbs).is_some()
                || phrase_before(toks, i, lex.business_object_verbs).is_some())
                && let Some(span) = span_text(text, toks, i, e)
            {
                let span = (span.0, span.1, canon(span.2));
                push(out, span, false, rules::BUSINESS_SUBJECT, 4);
            }
        }
        // Acronyms: "GRC", "CNDD-FDD" (not units, titles, shouting).
        if t.is_upper()
            && t.text.chars().count() <= 10
            && !t.text.chars().any(|c| c.is_ascii_digit() || c == '.')
            && !ACRONYM_STOP.contains(&t.text.to_uppercase().as_str())
            && !t.text.chars().all(|c| "IVXLCDM".contains(c))
            // Longer capitalised words are shouted words ("FINALE"), not acronyms.
            && t.text.split('-').all(|p| p.chars().count() <= 5)
        {
            let shouting = |k: Option<&Token>| {
                k.is_some_and(|w| w.is_upper() && !ACRONYM_STOP.contains(&w.text))
            };
            let prev = i.checked_sub(1).and_then(|p| toks.get(p));
            // "RTX 4090", "PO 4471": a code or a product line, not a name.
            let numbered = toks
                .get(i + 1)
                .is_some_and(|n| n.word && n.text.chars().all(|c| c.is_ascii_digit()));
            if !(shouting(prev) || shouting(toks.get(i + 1)) || numbered) {
                push(
                    out,
                    (t.start, t.end, canon(t.text.to_string())),
                    false,
                    rules::ACRONYM,
                    5,
                );
            }
        }
    }
}

fn person_candidates(
    text: &str,
    toks: &[Token],
    lex: &OrgLexicon,
    gaz: &Gazetteer,
    out: &mut Vec<Candidate>,
) {
    let n = toks.len();
    let person_run = |i: usize| -> usize {
        let mut j = i;
        while j < n
            && j - i < 3
            && toks[j].is_cap()
            && !is_cap_stop(toks[j].text)
            && !toks[j].is_upper()
        {
            j += 1;
        }
        j
    };
    let not_org = |s: &(usize, usize, String)| gaz.canonical(&s.2).is_none();
    // "President of Argentina Alberto Fernández": a place before a two-word name is not part
    // of it.
    let past_place = |i: usize, e: usize| {
        if e >= i + 3 && is_place(toks[i].text) {
            i + 1
        } else {
            i
        }
    };
    for i in 0..n {
        // Title + name: "l'acteur britannique Alan Rickman", "Chief Executive Elon Musk".
        if let Some(k) = phrase_at(toks, i, lex.titles) {
            let mut j = i + k;
            if toks
                .get(j)
                .is_some_and(|a| a.word && !a.is_cap() && looks_adjectival(a.lower()))
            {
                j += 1;
            }
            if toks.get(j).is_some_and(|w| w.text == ",") {
                j += 1;
            }
            let e = person_run(j);
            let j = past_place(j, e);
            if e > j
                && let Some(span) = span_text(text, toks, j, e)
                && not_org(&span)
            {
                push(out, span, true, rules::PERSON_TITLE, 1);
            }
        }
        // Name + speech verb: "Susanne Nies a déclaré", "Jensen Huang said".
        if toks[i].is_cap() && (i == 0 || !toks[i - 1].is_cap()) {
            let e = person_run(i);
            if e >= i + 2 {
                let speech = phrase_at(toks, e, lex.speech_verbs).is_some()
                    || toks.get(e).is_some_and(|c| c.text == ",")
                        && phrase_at(toks, e + 1, lex.titles).is_some()
                    || toks.get(e).is_some_and(|c| c.text == ",")
                        && toks
                            .get(e + 1)
                            .is_some_and(|a| matches!(a.lower(), "le" | "la" | "l'" | "the"))
                        && phrase_at(toks, e + 2, lex.titles).is_some();
                if speech
                    && let Some(span) = span_text(text, toks, past_place(i, e), e)
                    && not_org(&span)
                {
                    let rule = if phrase_at(toks, e, lex.speech_verbs).is_some() {
                        rules::PERSON_SPEECH
                    } else {
                        rules::PERSON_APPOSITION
                    };
                    // Weaker than a cue noun: "software company Red Hat announced" is a company.
                    push(out, span, true, rule, 4);
                }
            }
        }
    }
}

/// Keeps the best candidate among overlapping ones: lower priority first, then longer.
fn select(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (a.priority, std::cmp::Reverse(a.end - a.start), a.start).cmp(&(
            b.priority,
            std::cmp::Reverse(b.end - b.start),
            b.start,
        ))
    });
    // Accepted spans never overlap, so only the nearest accepted span starting before a
    // candidate's end can collide with it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    for c in cands {
        if !overlaps_taken(&taken, c.start, c.end) {
            taken.insert(c.start, c.end);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.start, c.end));
    kept
}

fn overlaps_taken(
    taken: &std::collections::BTreeMap<usize, usize>,
    start: usize,
    end: usize,
) -> bool {
    taken
        .range(..end)
        .next_back()
        .is_some_and(|(_, &e)| e > start)
}

/// "Musk" and "Elon" after "Elon Musk" in the same text: the same person.
fn link_names(toks: &[Token], kept: &mut Vec<Candidate>) {
    let mut parts: HashMap<String, String> = HashMap::new();
    for c in kept.iter().filter(|c| c.person) {
        let words: Vec<&str> = c.value.split_whitespace().collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            continue;
        };
        if words.len() < 2 {
            continue;
        }
        // The surname always; the first name only for people the gazetteer knows ("Elon"),
        // since a first name alone is too common to stand for one person.
        let mut linkable = vec![*last];
        if c.rule == rules::PERSON_GAZETTEER {
            linkable.push(*first);
        }
        for w in linkable
            .into_iter()
            .filter(|w| !is_place(w) && !is_cap_stop(w))
        {
            parts
                .entry(w.to_string())
                .or_insert_with(|| c.value.clone());
        }
    }
    if parts.is_empty() {
        return;
    }
    let taken: std::collections::BTreeMap<usize, usize> =
        kept.iter().map(|k| (k.start, k.end)).collect();
    let mut extra = Vec::new();
    for t in toks.iter().filter(|t| t.is_cap()) {
        if let Some(full) = parts.get(t.text)
            && !overlaps_taken(&taken, t.start, t.end)
        {
            extra.push(Candidate {
                start: t.start,
                end: t.end,
                person: true,
                value: full.clone(),
                rule: rules::PERSON_LINK,
                priority: 1,
            });
        }
    }
    kept.extend(extra);
    kept.sort_by_key(|c| (c.start, c.end));
}

/// Every organisation and person mention of `text`. `value` is the canonical name.
pub fn extract(text: &str, lang: Lang, extra: Option<&Gazetteer>) -> Vec<Mention> {
    let gaz = extra.unwrap_or(&BUILTIN);
    let lex = lexicon(lang);
    let toks = tokenize(text);
    let x_context = X_CONTEXT_SIGNALS.iter().any(|s| text.contains(s));
    let mut cands = Vec::new();
    gazetteer_candidates(text, gaz, &mut cands);
    x_candidates(&toks, x_context, &mut cands);
    person_candidates(text, &toks, lex, gaz, &mut cands);
    context_candidates(text, &toks, lex, gaz, &mut cands);
    let mut kept = select(cands);
    link_names(&toks, &mut kept);
    // Code-point offsets counted incrementally: candidates are sorted by start.
    let mut out = Vec::with_capacity(kept.len());
    let (mut at_byte, mut at_char) = (0usize, 0usize);
    for c in kept {
        let (Some(before), Some(surface)) = (text.get(at_byte..c.start), text.get(c.start..c.end))
        else {
            continue;
        };
        at_char += before.chars().count();
        at_byte = c.start;
        let start = at_char;
        let end = start + surface.chars().count();
        out.push(Mention {
            kind: if c.person {
                MentionType::Person
            } else {
                MentionType::Org
            },
            field: "text".to_string(),
            text: surface.to_string(),
            start,
            end,
            byte_start: c.start,
            byte_end: c.end,
            value: Some(Value::Text(c.value)),
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
            rule: c.rule.to_string(),
            sentence: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orgs(text: &str, lang: Lang) -> Vec<(String, String)> {
        extract(text, lang, None)
            .into_iter()
            .map(|m| {
                let v = m.text_value().unwrap_or("").to_string();
                (m.text, v)
            })
            .collect()
    }

    #[test]
    fn gazetteer_aliases_get_canonical_names() {
        let found = orgs("NVIDIA Corp. a livré Tesla Inc. selon Reuters.", Lang::Fr);
        assert!(
            found.contains(&("NVIDIA Corp.".into(), "Nvidia".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Tesla Inc.".into(), "Tesla".into())),
            "{found:?}"
        );
    }

    #[test]
    fn x_only_in_company_context() {
        assert!(orgs("An X-ray of the chip.", Lang::En).is_empty());
        assert!(orgs("Let x = 3 and X = 4.", Lang::En).is_empty());
        let found = orgs("vers sa société de médias sociaux X, selon CNBC.", Lang::Fr);
        assert!(found.iter().any(|(t, _)| t == "X"), "{found:?}");
    }

    #[test]
    fn x_renamed_from_twitter_and_places_stay_places() {
        let found = orgs(
            "Le groupe a quitté X (ex-Twitter) pour Austin, Texas.",
            Lang::Fr,
        );
        // "Twitter" inside "(ex-Twitter)" is the same company under its former name.
        assert_eq!(
            found,
            vec![
                ("X".to_string(), "X".to_string()),
                ("Twitter".into(), "X".into())
            ],
            "{found:?}"
        );
        let found = orgs("The memo went from Paris to Reno, Nevada.", Lang::En);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn surnames_link_to_the_full_name() {
        let ms = extract("Elon Musk a parlé. Puis Musk a tweeté.", Lang::Fr, None);
        let people: Vec<_> = ms
            .iter()
            .filter(|m| m.kind == MentionType::Person)
            .map(|m| (m.text.as_str(), m.text_value().unwrap_or("")))
            .collect();
        assert_eq!(
            people,
            vec![("Elon Musk", "Elon Musk"), ("Musk", "Elon Musk")]
        );
    }

    #[test]
    fn domains_map_to_known_orgs() {
        assert_eq!(org_for_address("a.b@nvidia.com"), Some("Nvidia"));
        assert_eq!(org_for_address("desk@news.cnbc.com"), Some("CNBC"));
        assert_eq!(org_for_address("desk@wire.example"), None);
    }

    #[test]
    fn user_table_adds_names() {
        let g = Gazetteer::from_toml("[orgs]\n\"Voltanis\" = [\"VLT\"]\n").expect("valid toml");
        let found: Vec<_> = extract("Le groupe VLT recrute.", Lang::Fr, Some(&g))
            .into_iter()
            .filter_map(|m| m.text_value().map(str::to_string))
            .collect();
        assert_eq!(found, vec!["Voltanis".to_string()]);
    }

    #[test]
    fn tokenizer_never_panics_on_odd_text() {
        for t in [
            "",
            "'",
            "l'",
            "é'",
            "X-",
            "-X",
            "a.b.",
            "’’’",
            "Inc. Corp.",
            "\u{feff}X",
        ] {
            let _ = extract(t, Lang::Fr, None);
            let _ = extract(t, Lang::En, None);
        }
    }
}
