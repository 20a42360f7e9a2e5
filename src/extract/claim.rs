//! Claims: sentence-level relations built from the mentions of a sentence — who moved, spent,
//! bought, invested, raised, earned or planned how much of what, when, according to whom.
//!
//! A claim needs a trigger word of its kind (per-language lexicons in `lang/{fr,en}/claims.rs`)
//! and a value mention (money for amounts, a count for transfers, two values for plans). Roles
//! come from the organisation mentions of the sentence and the markers before them (`vers X`,
//! `from Tesla`, `destinées à Tesla`, `par Tesla`); the speaker from speech verbs and `selon`;
//! the modality from negation, estimate, report and plan cues. A correction sentence
//! ("Correction: 12,000, not 12,400") yields a claim whose `baseline` is the value it replaces
//! (rule `correction`), so reconciliation can flag it.
//!
//! Beyond one sentence: "12,000 H100 Tesla -> X" (an arrow between two names, rule
//! `transfer.arrow`) is a transfer; a bare figure under a heading that names a product's
//! transfer ("H100 diversion: figures…", see [`Context`]) is that transfer's figure (rule
//! `transfer.heading`); a transfer restating the figure of an earlier one in the same text takes
//! the date, roles and item it does not state. A claim's date is the one attached to it, not
//! the nearest (see `date_of`): never a report's date, the deadline of a plan, the same clause.
//!
//! Not for: parsing syntax (the rules are positional), coreference across documents (threads
//! are `reconcile::in_context`), or claims without a number.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Lang;
use super::lang;
use crate::model::{Amount, Claim, ClaimKind, Evidence, Mention, MentionType, Modality};

/// A trigger: the words that announce a claim of `kind`. `name` travels in `Claim::rule`.
#[derive(Debug)]
pub struct Trigger {
    pub name: &'static str,
    pub kind: ClaimKind,
    /// Regex alternation, matched case-insensitively on word boundaries.
    pub pattern: &'static str,
}

/// Per-language claim lexicon (see `lang/{fr,en}/claims.rs`).
#[derive(Debug)]
pub struct ClaimLexicon {
    /// The language of these words: [`either`] and [`both`] find the other lexicon by it.
    pub lang: Lang,
    pub triggers: &'static [Trigger],
    /// Before the actual recipient of a transfer ("vers X", "to X").
    pub to_markers: &'static [&'static str],
    /// Before the intended recipient ("destinées à Tesla", "meant for Tesla").
    pub intended_markers: &'static [&'static str],
    /// Before the giver ("de Tesla", "from Tesla").
    pub from_markers: &'static [&'static str],
    /// Markers that count only when the name follows at once (determiners and cue nouns
    /// aside): "de", "to"…
    pub weak_markers: &'static [&'static str],
    /// Before the agent of a nominal trigger ("l'achat de processeurs par Tesla").
    pub agent_markers: &'static [&'static str],
    pub determiners: &'static [&'static str],
    /// Before the purpose of a spending ("en puces IA", "on AI").
    pub purpose_markers: &'static [&'static str],
    pub reported_cues: &'static [&'static str],
    pub estimated_cues: &'static [&'static str],
    pub planned_cues: &'static [&'static str],
    /// Regex: negation near the trigger makes the claim denied.
    pub negation: &'static str,
    /// Verbs of saying: the name right before or after is the speaker.
    pub speech_verbs: &'static [&'static str],
    /// "selon X", "according to X".
    pub source_cues: &'static [&'static str],
    /// Subject pronouns of speech verbs, resolved to the last person named.
    pub pronouns: &'static [&'static str],
    /// Regex: the sentence corrects an earlier figure.
    pub correction_cue: &'static str,
    /// Regex: what sits between the new and the old value ("et non", ", not").
    pub correction_not: &'static str,
    /// Regex, matched on the words before a money amount: a verb that puts a total on a set
    /// of purchases ("évalue à 3 milliards les achats", "puts its purchases at $3 billion")
    /// makes the claim a spending total rather than one purchase.
    pub aggregate: &'static str,
    /// Before the deadline of a plan or target ("d'ici fin 2026", "by the end of 2026"): that
    /// date, not another of the sentence, dates the plan.
    pub deadline_cues: &'static [&'static str],
    /// Verbs and cues of reporting: a date right after them ("CNBC reported on June 4 that…")
    /// dates the report, not the event reported.
    pub report_date_cues: &'static [&'static str],
    /// Before the date of a document ("a memo dated December 2023", "un mémo de décembre
    /// 2023"): a verb of saying after that date has the document as subject, and the date
    /// stays the event's.
    pub dated_cues: &'static [&'static str],
    /// Words of an aside about the source ("as reported", "tel que rapporté") or of a new
    /// clause ("while he said", "tandis qu'il a dit"): a reporting verb after them does not
    /// make the date before them a report's.
    pub aside_words: &'static [&'static str],
    /// Regex, matched at the start of a sentence: its subject points back to the document
    /// the previous sentence dated ("Un mémo daté de décembre 2023. Il indique que…",
    /// "The memo is from December 2023. It says…"), so that date dates its claims.
    pub anaphora: &'static str,

    // The word lists below are read through [`either`] or [`both`]: from the text's language
    // and the other one alike, because documents mix languages.
    /// Words that end a purpose phrase ("$10 billion on AI chips which…", "en puces IA qui…"):
    /// auxiliaries, modals, relatives, clause conjunctions, and the marker of the agent of a
    /// nominal trigger ("purchases of processors by Tesla"). A purpose is a noun phrase and
    /// these start a verb or a new clause. Between a name and a nominal trigger, such a word
    /// shows the name is not a noun modifier ("Tesla is spending").
    pub purpose_end: &'static [&'static str],
    /// Indefinite articles: a measure right after one ("buy a 2.4GHz model", "acheter une
    /// 5 kW") describes the thing bought, not how much was bought.
    pub indefinite_articles: &'static [&'static str],
    /// Phrases that end right before a discount ("save up to $300", "économisez 50 €"): a
    /// discount is what a buyer does not pay, never the amount of a purchase or a spending.
    pub discount_before: &'static [&'static str],
    /// Phrases that start right after a discount ("$20 off", "30 € de remise").
    pub discount_after: &'static [&'static str],
    /// Units of time and frequency: a number followed by one ("Two days after…", "trois
    /// fois") counts no goods, so it is neither a transfer's count nor a heading's figure.
    pub duration_words: &'static [&'static str],
    /// Links between a count and what it counts ("12k of shipped H100 GPUs", "12 000 de
    /// GPU"): skipped when the item is read from the words after the count.
    pub count_links: &'static [&'static str],
    /// Function words that cannot end the name of what is counted: dropped from the end of an
    /// item read after a count ("500 MW of solar power from Engie" → "solar power").
    pub item_tail_words: &'static [&'static str],
    /// Prepositions and determiners trimmed from both ends of what a plan changes ("sa
    /// fourniture de puces H100 de" → "fourniture de puces H100", "its supply of").
    pub plan_object_edges: &'static [&'static str],
    /// Words that join the two ends of a pair ("35,000 to 85,000", "2 000 et 3 000"): a
    /// figure in a pair is not a bare figure that a heading claims.
    pub pair_words: &'static [&'static str],
    /// The last word before the value a plan reaches ("plans to take it to 85,000", "compte
    /// le porter à 85 000"): that value is the plan's target.
    pub target_markers: &'static [&'static str],
    /// Words before the first value of a change ("from 35,000 to 85,000", "de 35 000 à
    /// 85 000"), one of which must come after the trigger.
    pub range_starts: &'static [&'static str],
    /// The only words allowed between the two values of a change ("to", "à", "jusqu'à").
    pub range_joins: &'static [&'static str],
    /// Links from a nominal trigger or a purpose to its owner ("spending of Tesla", "les
    /// achats de processeurs de Tesla"): the owner is the claim's organisation and leaves the
    /// purpose ("processeurs de Tesla" → "processeurs"). Elided forms end in an apostrophe.
    pub owner_links: &'static [&'static str],
    /// Possessive endings right after a name ("Tesla's 2024 Nvidia spending"): the name owns
    /// the trigger that follows.
    pub genitive_endings: &'static [&'static str],
    /// Before where something was said ("on X", "sur X", "via X"): that name is a venue, not
    /// the subject of the claim.
    pub venue_markers: &'static [&'static str],
    /// Scale words inside the text of a number, with their multipliers ("8 millions", "$3
    /// billion"): the scale of a change's target applies to a bare baseline ("de 5 à 8
    /// millions").
    pub scale_words: &'static [(&'static str, f64)],
    /// Endings of a nominal trigger of spending, purchase or investment ("spending",
    /// "purchases", "expenditure", "dépenses"): a name two words before one may only modify
    /// the noun between ("Nvidia hardware spending"), see `modifies_noun`.
    pub nominal_trigger_endings: &'static [&'static str],
    /// Endings of a word that cannot be such a noun between a name and a nominal trigger: an
    /// adverb or a verb ("also", "reported", "plans").
    pub non_modifier_endings: &'static [&'static str],
    /// Endings of a trigger in the future or conditional ("dépensera", "transférerait"): the
    /// claim is planned.
    pub future_endings: &'static [&'static str],
    /// Regex alternation: an article between a deadline cue and its date ("d'ici la fin de",
    /// "by the end of").
    pub deadline_articles: &'static str,
    /// Regex alternation: "end of" between a deadline cue (and article) and its date ("d'ici
    /// fin 2026", "by the end of 2026").
    pub deadline_ends: &'static str,
    /// Regex alternation: what may sit between a document-date cue and its date ("a memo
    /// dated mid-December", "un mémo de la mi-décembre").
    pub dated_prefixes: &'static str,
}

/// The claim lexicon of `lang`.
fn lexicon(lang: Lang) -> &'static ClaimLexicon {
    match lang {
        Lang::Fr => &lang::fr::claims::LEXICON,
        Lang::En => &lang::en::claims::LEXICON,
    }
}

/// `lex` and the lexicon of the other language, in that order.
///
/// Documents mix languages: an English product name or quote inside a French article, a
/// French reply above an English message, a table of English figures in a French email. The
/// lexicon picked by the document's language (and the other one, for a sentence it finds no
/// claim in) gives the triggers and role markers; but the small words the engine checks
/// around a figure (articles, links, units of time, discount cues, words ending a phrase)
/// are read from both lexicons, so that a figure is read the same whichever language its
/// neighbourhood is written in.
fn both(lex: &ClaimLexicon) -> [&'static ClaimLexicon; 2] {
    match lex.lang {
        Lang::Fr => [lexicon(Lang::Fr), lexicon(Lang::En)],
        Lang::En => [lexicon(Lang::En), lexicon(Lang::Fr)],
    }
}

/// True when `test` holds for `lex` or for the other language's lexicon (see [`both`]).
fn either(lex: &ClaimLexicon, test: impl Fn(&ClaimLexicon) -> bool) -> bool {
    both(lex).into_iter().any(test)
}

/// True when `word` is in the list `list` picks, in either language's lexicon.
fn listed(lex: &ClaimLexicon, list: fn(&ClaimLexicon) -> &[&str], word: &str) -> bool {
    either(lex, |l| list(l).contains(&word))
}

/// True when the words `ws` end with one of `phrases` (words split on whitespace).
fn ends_with_phrase(ws: &[&str], phrases: &[&str]) -> bool {
    phrases
        .iter()
        .any(|p| ws.ends_with(&p.split_whitespace().collect::<Vec<_>>()))
}

/// True when the words `ws` start with one of `phrases` (words split on whitespace).
fn starts_with_phrase(ws: &[&str], phrases: &[&str]) -> bool {
    phrases
        .iter()
        .any(|p| ws.starts_with(&p.split_whitespace().collect::<Vec<_>>()))
}

/// Longest sentence (in bytes) that claims are read from.
const MAX_SENTENCE_BYTES: usize = 4_000;

/// Bytes between a trigger and a date that still dates the claim.
const MAX_DATE_DISTANCE: usize = 150;

/// Rule name of correction claims.
pub const CORRECTION_RULE: &str = "correction";

/// Rule name of a transfer written as an arrow between two organisations ("Tesla -> X").
pub const ARROW_RULE: &str = "transfer.arrow";

/// Rule name of a bare figure under a heading that names a transfer ("H100 diversion:
/// figures…" then "Publishing with 12,000, …").
pub const HEADING_RULE: &str = "transfer.heading";

/// "Tesla -> X", "Tesla → X": an arrow between two names (the names are checked in code).
static ARROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:->|→|=>)\s*").expect("arrow regex compiles"));

/// Product codes that name an item family across languages ("H100", "A100", "MI300X").
pub static PRODUCT_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-Z]{1,3}[0-9]{2,4}[A-Z]?)s?\b").expect("product code regex compiles")
});

/// Smallest bare figure a heading turns into a transfer: list numbers ("1.", "2.") and small
/// counts are not the goods of a story.
const MIN_HEADING_FIGURE: f64 = 100.0;

/// Symbols that join the two ends of a pair ("35,000 -> 85,000"); the words that do are
/// `ClaimLexicon::pair_words`.
const PAIR_SYMBOLS: &[&str] = &["->", "→", "-", "–"];

/// Clause separators: a date behind one of them belongs to another clause than the figure.
const CLAUSE_BREAKS: &[char] = &[',', ';', '(', ')', '—', '\n', '|'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    To,
    Intended,
    From,
    Agent,
}

/// The lexicon with its regexes compiled, once per language.
struct Compiled {
    lex: &'static ClaimLexicon,
    triggers: Vec<(&'static Trigger, Regex)>,
    roles: Vec<(Role, Regex)>,
    purpose: Regex,
    reported: Regex,
    estimated: Regex,
    planned: Regex,
    negation: Regex,
    speech: Regex,
    source: Regex,
    correction_cue: Regex,
    correction_not: Regex,
    aggregate: Regex,
    anaphora: Regex,
    /// The text before a date ends with a deadline cue ("… d'ici").
    deadline_before: Regex,
    /// A date's own text starts with a deadline cue ("d'ici la fin de l'année").
    deadline_inside: Regex,
    /// The text before a date holds a reporting cue ("CNBC reported on").
    report_before: Regex,
    /// The words after a date are a report's ("On Tuesday he said", "Mardi soir, Musk a
    /// répliqué").
    report_after: Regex,
    /// The text before a date ends with a document-date cue ("a memo dated").
    dated_before: Regex,
    /// Cue nouns of organisations ("la société X"), skipped between a marker and a name.
    org_cues: &'static [&'static str],
}

/// The alternation of `phrases`, longest first, each ending on a word boundary when it ends in
/// a letter or digit.
fn alternation(phrases: &[&str]) -> String {
    let mut sorted: Vec<&str> = phrases.to_vec();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let alts: Vec<String> = sorted
        .iter()
        .map(|p| {
            let ends_in_word = p.chars().last().is_some_and(char::is_alphanumeric);
            format!(
                "{}{}",
                regex::escape(p),
                if ends_in_word { r"\b" } else { "" }
            )
        })
        .collect();
    alts.join("|")
}

/// A case-insensitive regex matching any of `phrases` on word boundaries, longest first.
fn phrase_regex(phrases: &[&str]) -> Regex {
    Regex::new(&format!(r"(?i)\b(?:{})", alternation(phrases))).expect("lexicon phrases compile")
}

fn compile(lex: &'static ClaimLexicon, org_cues: &'static [&'static str]) -> Compiled {
    // The words between a cue and its date, in either language (see `both`).
    let [own, other] = both(lex);
    let deadline_articles = format!("{}|{}", own.deadline_articles, other.deadline_articles);
    let deadline_ends = format!("{}|{}", own.deadline_ends, other.deadline_ends);
    let dated_prefixes = format!("{}|{}", own.dated_prefixes, other.dated_prefixes);
    Compiled {
        lex,
        triggers: lex
            .triggers
            .iter()
            .map(|t| {
                let re = Regex::new(&format!(r"(?i)\b(?:{})\b", t.pattern))
                    .expect("trigger patterns compile");
                (t, re)
            })
            .collect(),
        roles: vec![
            (Role::Intended, phrase_regex(lex.intended_markers)),
            (Role::To, phrase_regex(lex.to_markers)),
            (Role::From, phrase_regex(lex.from_markers)),
            (Role::Agent, phrase_regex(lex.agent_markers)),
        ],
        purpose: phrase_regex(lex.purpose_markers),
        reported: phrase_regex(lex.reported_cues),
        estimated: phrase_regex(lex.estimated_cues),
        planned: phrase_regex(lex.planned_cues),
        negation: Regex::new(&format!("(?i){}", lex.negation)).expect("negation compiles"),
        speech: phrase_regex(lex.speech_verbs),
        source: phrase_regex(lex.source_cues),
        correction_cue: Regex::new(lex.correction_cue).expect("correction cue compiles"),
        anaphora: Regex::new(lex.anaphora).expect("anaphora cue compiles"),
        correction_not: Regex::new(lex.correction_not).expect("correction marker compiles"),
        aggregate: Regex::new(lex.aggregate).expect("aggregate cue compiles"),
        deadline_before: Regex::new(&format!(
            r"(?i)\b(?:{})\s*(?:{deadline_articles})?(?:{deadline_ends})?$",
            alternation(lex.deadline_cues)
        ))
        .expect("deadline cues compile"),
        deadline_inside: Regex::new(&format!(r"(?i)^(?:{})", alternation(lex.deadline_cues)))
            .expect("deadline cues compile"),
        report_before: Regex::new(&format!(
            r"(?i)\b(?:{})(?:\s+\S+){{0,3}}\s*$",
            alternation(lex.report_date_cues)
        ))
        .expect("report cues compile"),
        report_after: Regex::new(&format!(
            r"(?i)^[\s,:*]*(?:[\w'’-]+\s+){{0,3}}(?:{})",
            alternation(lex.report_date_cues)
        ))
        .expect("report cues compile"),
        dated_before: Regex::new(&format!(
            r"(?i)\b(?:{})\s*(?:{dated_prefixes})?$",
            alternation(lex.dated_cues)
        ))
        .expect("dated cues compile"),
        org_cues,
    }
}

static FR: LazyLock<Compiled> =
    LazyLock::new(|| compile(lexicon(Lang::Fr), lang::fr::orgs::LEXICON.cues));
static EN: LazyLock<Compiled> =
    LazyLock::new(|| compile(lexicon(Lang::En), lang::en::orgs::LEXICON.cues));

fn compiled(lang: Lang) -> &'static Compiled {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// Largest char boundary ≤ `i` in `s`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Smallest char boundary ≥ `i` in `s`.
fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn slice(text: &str, s: usize, e: usize) -> &str {
    let s = floor_boundary(text, s);
    let e = ceil_boundary(text, e.max(s));
    text.get(s..e).unwrap_or("")
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    kind: ClaimKind,
    rule: &'static str,
    start: usize,
    end: usize,
}

fn is_amount_kind(kind: ClaimKind) -> bool {
    matches!(
        kind,
        ClaimKind::Spend
            | ClaimKind::Purchase
            | ClaimKind::Invest
            | ClaimKind::Funding
            | ClaimKind::Revenue
            | ClaimKind::Valuation
    )
}

fn is_count(m: &Mention) -> bool {
    matches!(m.kind, MentionType::Quantity | MentionType::Number)
        && (m.number().is_some() || m.range.is_some() || m.min.is_some())
}

/// "buy a 900MHz or a 2.4GHz model", "acheter une 5 kW": a measure after an indefinite
/// article describes the thing bought; it is not how much was bought ("buy 500 tonnes").
fn describes_a_thing(lex: &ClaimLexicon, text: &str, m: &Mention) -> bool {
    m.unit.is_some()
        && words(slice(text, m.byte_start.saturating_sub(8), m.byte_start))
            .last()
            .is_some_and(|w| listed(lex, |l| l.indefinite_articles, w))
}

/// "save up to $300", "$20 off", "économisez 50 €", "30 € de remise": a discount is what
/// a buyer does not pay, never the amount of a purchase or a spending.
fn is_discount(lex: &ClaimLexicon, text: &str, m: &Mention) -> bool {
    let before = words(slice(text, m.byte_start.saturating_sub(24), m.byte_start));
    let before: Vec<&str> = before.iter().map(String::as_str).collect();
    let after = words(slice(text, m.byte_end, m.byte_end + 20));
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    either(lex, |l| {
        ends_with_phrase(&before, l.discount_before) || starts_with_phrase(&after, l.discount_after)
    })
}

/// True when a bare number is followed by a unit of time ("Two days after…").
fn counts_time(lex: &ClaimLexicon, text: &str, m: &Mention) -> bool {
    let unit_words = |s: &str| {
        words(s)
            .first()
            .is_some_and(|w| listed(lex, |l| l.duration_words, w))
    };
    m.item.as_deref().is_some_and(unit_words)
        || m.item.is_none() && unit_words(slice(text, m.byte_end, m.byte_end + 24))
}

fn distance(h: &Hit, m: &Mention) -> usize {
    if m.byte_start >= h.end {
        m.byte_start - h.end
    } else {
        h.start.saturating_sub(m.byte_end)
    }
}

/// The claim role of a value mention; counts without an item take the words after them.
fn amount_of(lex: &ClaimLexicon, text: &str, m: &Mention) -> Amount {
    let item = m.item.clone().or_else(|| {
        if m.kind == MentionType::Money {
            return None;
        }
        let after = slice(text, m.byte_end, m.byte_end + 60);
        // Only a lowercase noun or a product code reads as what is counted ("12k of shipped
        // H100 GPUs"), not the next cell of a table ("12,000 | December 2023 memo").
        let first = after
            .split_whitespace()
            .find(|w| !listed(lex, |l| l.count_links, w))?;
        if !(first.starts_with(char::is_lowercase) || first.chars().any(|ch| ch.is_ascii_digit())) {
            return None;
        }
        let ws: Vec<String> = words(after)
            .into_iter()
            .skip_while(|w| listed(lex, |l| l.count_links, w))
            .take(3)
            .collect();
        let mut item: Vec<&str> = after
            .split_whitespace()
            .filter(|w| {
                let l = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                ws.contains(&l)
            })
            .take(3)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        // "500 MW of solar power from Engie": the item ends before a dangling function word.
        while item
            .last()
            .is_some_and(|w| listed(lex, |l| l.item_tail_words, &w.to_lowercase()))
        {
            item.pop();
        }
        (!item.is_empty()).then(|| item.join(" "))
    });
    Amount {
        // Vague amounts ("des milliers") state no definite figure.
        value: m.number(),
        range: m.range,
        unit: m.unit.clone(),
        item,
        text: m.text.clone(),
    }
}

fn name_of(m: &Mention) -> String {
    m.text_value().unwrap_or(&m.text).to_string()
}

/// The role an organisation mention plays, from the last marker before it in the sentence.
fn role_of(c: &Compiled, text: &str, sent_start: usize, org: &Mention) -> Option<Role> {
    let win_start = floor_boundary(text, org.byte_start.saturating_sub(80).max(sent_start));
    let window = slice(text, win_start, org.byte_start);
    let mut best: Option<(usize, usize, Role)> = None;
    for (role, re) in &c.roles {
        for m in re.find_iter(window) {
            let gap = words(&window[m.end()..]);
            let marker = m.as_str().to_lowercase().replace('’', "'");
            let weak = c.lex.weak_markers.contains(&marker.trim());
            // Determiners and the words of organisation cues ("sa société de médias sociaux",
            // "his social network") may sit between a marker and the name.
            let skippable = |w: &String| {
                c.lex.determiners.contains(&w.as_str())
                    || c.org_cues
                        .iter()
                        .any(|cue| cue.split(" ").any(|p| p.len() > 3 && p == w))
            };
            let ok = if weak || *role == Role::Agent {
                gap.iter().all(skippable) && gap.len() <= 3
            } else {
                gap.len() <= 6
            };
            if !ok {
                continue;
            }
            let better =
                best.is_none_or(|(end, len, _)| m.end() > end || m.end() == end && m.len() > len);
            if better {
                best = Some((m.end(), m.len(), *role));
            }
        }
    }
    best.map(|(_, _, r)| r)
}

/// The speaker of a sentence and the byte span of its mention (to keep it out of roles).
fn speaker_of(
    c: &Compiled,
    text: &str,
    sent: (usize, usize),
    ms: &[&Mention],
    people: &[&Mention],
) -> Option<(String, Option<(usize, usize)>)> {
    let sentence = slice(text, sent.0, sent.1);
    let names: Vec<&&Mention> = ms
        .iter()
        .filter(|m| matches!(m.kind, MentionType::Org | MentionType::Person))
        .collect();
    let mut pronoun_speaker: Option<(String, Option<(usize, usize)>)> = None;
    for v in c.speech.find_iter(sentence) {
        let (vs, ve) = (sent.0 + v.start(), sent.0 + v.end());
        // "Nvidia a déclaré", "Musk said": the name just before.
        let before = names
            .iter()
            .filter(|m| m.byte_end <= vs)
            .max_by_key(|m| m.byte_end);
        // ", affirme Tesla": after a comma the verb is inverted and its subject follows.
        let inverted =
            before.is_some_and(|m| slice(text, m.byte_end, vs).contains([',', '"', '»', '”']));
        // At most an adverb or an auxiliary between ("Musk also said"), never another
        // sentence or a new subject ("X. The report said").
        let gap_ok = |m: &Mention| {
            let gap = slice(text, m.byte_end, vs);
            let ws = words(gap);
            ws.len() <= 2
                && !gap.contains(['.', ';', ':', '!', '?'])
                && !ws.iter().any(|w| c.lex.determiners.contains(&w.as_str()))
        };
        if let Some(m) = before.filter(|m| !inverted && gap_ok(m)) {
            return Some((name_of(m), Some((m.byte_start, m.byte_end))));
        }
        // "a déclaré Nvidia", "said Jensen Huang": the name just after.
        // Only in the inverted form, after a comma or a quote: "…", a déclaré Nvidia.
        let lead = slice(text, sent.0, vs).trim_end();
        let inverted_form = lead.ends_with([',', '"', '»', '”', '—', ':']);
        let after = names
            .iter()
            .filter(|m| m.byte_start >= ve)
            .min_by_key(|m| m.byte_start);
        if let Some(m) = after.filter(|_| inverted_form)
            && words(slice(text, ve, m.byte_start)).is_empty()
        {
            return Some((name_of(m), Some((m.byte_start, m.byte_end))));
        }
        // "Il a déclaré": the last person named before this sentence.
        let subject = words(slice(text, vs.saturating_sub(24).max(sent.0), vs));
        if subject
            .iter()
            .rev()
            .take(3)
            .any(|w| c.lex.pronouns.contains(&w.as_str()))
            && pronoun_speaker.is_none()
            && let Some(p) = people[..people.partition_point(|m| m.byte_end <= vs)].last()
        {
            pronoun_speaker = Some((name_of(p), None));
        }
    }
    // A named source ("selon CNBC", "according to Reuters") before a guess from a pronoun;
    // the name must follow the cue closely ("per the report, onward to xAI" names no source).
    for s in c.source.find_iter(sentence) {
        let se = sent.0 + s.end();
        if let Some(m) = names
            .iter()
            .filter(|m| m.byte_start >= se)
            .min_by_key(|m| m.byte_start)
            .filter(|m| {
                let gap = slice(text, se, m.byte_start);
                words(gap).len() <= 3 && !gap.contains([',', '.', ';', ':', '('])
            })
        {
            return Some((name_of(m), Some((m.byte_start, m.byte_end))));
        }
    }
    pronoun_speaker
}

fn modality_of(
    c: &Compiled,
    text: &str,
    sent: (usize, usize),
    hit: &Hit,
    approx: bool,
    has_speaker: bool,
) -> Modality {
    let sentence = slice(text, sent.0, sent.1);
    let near = slice(
        text,
        hit.start.saturating_sub(60).max(sent.0),
        (hit.end + 15).min(sent.1),
    );
    // Only the trigger's own clause: "was not finished, and put the spending at…" is not a
    // denial of the spending.
    let clause_start = near
        .rfind([',', ';', ':', '(', '—'])
        .filter(|&i| {
            i < near
                .len()
                .saturating_sub(slice(text, hit.start, hit.end).len() + 15)
        })
        .map_or(0, |i| {
            i + near[i..].chars().next().map_or(1, char::len_utf8)
        });
    if c.negation.is_match(&near[clause_start..]) {
        return Modality::Denied;
    }
    let trigger = slice(text, hit.start, hit.end).to_lowercase();
    let future_form = either(c.lex, |l| {
        l.future_endings.iter().any(|e| trigger.ends_with(e))
    });
    let planned = future_form || c.planned.is_match(sentence);
    // A target is a plan by nature; a change "de X à Y" is one when tense or cues say so.
    if hit.kind == ClaimKind::Target || hit.kind == ClaimKind::Plan && planned {
        return Modality::Planned;
    }
    if approx || c.estimated.is_match(sentence) {
        Modality::Estimated
    } else if has_speaker || c.reported.is_match(sentence) {
        Modality::Reported
    } else if planned {
        Modality::Planned
    } else {
        Modality::Asserted
    }
}

/// "en puces IA de Nvidia", "on AI training": the words after a purpose marker that follows
/// the amount, up to punctuation, a date or another value.
fn purpose_after(c: &Compiled, text: &str, from: usize, limit: usize) -> Option<String> {
    let rest = slice(text, from, limit);
    let m = c.purpose.find(rest)?;
    if !rest[..m.start()].trim().is_empty() {
        return None;
    }
    let tail = &rest[m.end()..];
    let stop = tail
        .find([',', '.', ';', ':', '(', ')', '"', '«', '»', '\n', '—'])
        .unwrap_or(tail.len());
    // A purpose is a noun phrase: it ends before a verb or a new clause.
    let mut phrase: Vec<&str> = tail[..stop]
        .split_whitespace()
        .take_while(|w| !listed(c.lex, |l| l.purpose_end, &w.to_lowercase()))
        .take(8)
        .collect();
    // "on AI in" (cut before a date), "processeurs d'" (cut before "environ 500 millions"):
    // drop the dangling preposition or elided word.
    while phrase.last().is_some_and(|w| {
        let w = w.to_lowercase().replace('’', "'");
        w.ends_with('\'') || c.lex.purpose_markers.contains(&w.as_str())
    }) {
        phrase.pop();
    }
    let phrase = phrase.join(" ");
    let phrase = phrase.trim_matches(|ch: char| !ch.is_alphanumeric());
    (!phrase.is_empty()).then(|| phrase.to_string())
}

struct Sentence<'a> {
    text: &'a str,
    field: &'a str,
    span: [usize; 2],
    bytes: (usize, usize),
    quoted: bool,
}

impl Sentence<'_> {
    fn claim(&self, kind: ClaimKind, rule: &str, modality: Modality) -> Claim {
        Claim {
            kind,
            quantity: None,
            amount: None,
            baseline: None,
            target: None,
            org: None,
            from: None,
            to: None,
            intended_for: None,
            purpose: None,
            date: None,
            speaker: None,
            modality,
            quoted: self.quoted,
            rule: rule.to_string(),
            evidence: Evidence {
                field: self.field.to_string(),
                start: self.span[0],
                end: self.span[1],
                sentence: slice(self.text, self.bytes.0, self.bytes.1).to_string(),
            },
        }
    }
}

/// What the rest of a document tells the claims of one of its fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The document's heading (an email subject, an article title): when it names a transfer
    /// of a product ("H100 diversion: figures for the story"), a bare figure listed under it
    /// ("Publishing with 12,000, $500 million…") is that transfer's figure.
    pub heading: Option<&'a str>,
}

/// Claims stated in `text`, given all its mentions (each with its `sentence` span). `quoted`
/// marks text quoted from an earlier message (not an independent source).
pub fn extract(
    text: &str,
    field: &str,
    lang: Lang,
    mentions: &[Mention],
    quoted: bool,
) -> Vec<Claim> {
    extract_in(text, field, lang, mentions, quoted, Context::default())
}

/// The product a heading says was transferred: a transfer trigger and a product code in it
/// ("H100 diversion: figures…", "Puces H100 détournées vers X").
fn heading_topic(c: &Compiled, other: &Compiled, heading: &str) -> Option<String> {
    let names_transfer = [c, other].iter().any(|l| {
        l.triggers
            .iter()
            .any(|(t, re)| t.kind == ClaimKind::Transfer && re.is_match(heading))
    });
    let code = PRODUCT_CODE.captures(heading)?.get(1)?.as_str().to_string();
    names_transfer.then_some(code)
}

/// True when some trigger of the lexicon occurs in `sentence`.
fn has_trigger(c: &Compiled, sentence: &str) -> bool {
    c.triggers.iter().any(|(_, re)| re.is_match(sentence))
}

/// A bare figure that a heading can claim: a plain number of goods ("12,000", "12k"), not a
/// list number, a year, a duration, nor one end of a pair ("35,000 to 85,000").
fn is_bare_figure(lex: &ClaimLexicon, text: &str, m: &Mention, counts: &[&Mention]) -> bool {
    let Some(v) = m.number() else {
        return false;
    };
    let year_like = m.text.len() == 4 && (1900.0..2100.0).contains(&v);
    let paired = counts.iter().any(|o| {
        let (a, b) = if o.byte_start >= m.byte_end {
            (m.byte_end, o.byte_start)
        } else if o.byte_end <= m.byte_start {
            (o.byte_end, m.byte_start)
        } else {
            return false;
        };
        let between = slice(text, a, b).trim();
        PAIR_SYMBOLS.contains(&between) || listed(lex, |l| l.pair_words, between)
    });
    m.kind == MentionType::Number
        && m.item.is_none()
        && v >= MIN_HEADING_FIGURE
        && v.fract() == 0.0
        && !year_like
        && !paired
        && !counts_time(lex, text, m)
}

/// Claims with the current (not yet final) sentence's figures under a transfer heading: only
/// in a sentence that no trigger of either language speaks in, and that asks nothing.
fn heading_claims(
    lex: &ClaimLexicon,
    s: &Sentence,
    topic: &str,
    ms: &[&Mention],
    triggered: bool,
    earlier: &Found,
) -> Vec<Claim> {
    let sentence = slice(s.text, s.bytes.0, s.bytes.1);
    if triggered || sentence.trim_end().ends_with('?') {
        return Vec::new();
    }
    let counts: Vec<&Mention> = ms.iter().copied().filter(|m| is_count(m)).collect();
    counts
        .iter()
        .filter(|m| is_bare_figure(lex, s.text, m, &counts))
        // "Please use 12,000 everywhere": a figure the text already claimed adds nothing.
        .filter(|m| !earlier.claims_value(m.number()))
        .map(|m| {
            let mut claim = s.claim(ClaimKind::Transfer, HEADING_RULE, Modality::Asserted);
            let mut q = amount_of(lex, s.text, m);
            q.item = Some(topic.to_string());
            claim.quantity = Some(q);
            claim
        })
        .collect()
}

/// A later claim that states the same figure as an earlier transfer of the same text, with
/// no role against it ("So the figure is 12,000 H100 GPUs, moved from Tesla to X" after the
/// dated memo quote; a table row "Chips redirected to X | 12,000"), is the same transfer:
/// it takes the date, roles and item it does not state.
fn complete_from_earlier(claim: &mut Claim, earlier: &Found) {
    if claim.kind != ClaimKind::Transfer {
        return;
    }
    let Some(value) = claim.quantity.as_ref().and_then(|q| q.value) else {
        return;
    };
    let Some(source) = earlier
        .transfers_by_value
        .get(&value.to_bits())
        .into_iter()
        .flatten()
        .rev()
        .map(|&i| &earlier.claims[i])
        .find(|e| {
            agrees(&e.from, &claim.from)
                && agrees(&e.to, &claim.to)
                && agrees(&e.intended_for, &claim.intended_for)
        })
    else {
        return;
    };
    fill_from(claim, source);
}

/// The claims found so far in a text, with what later sentences look up in them, indexed so
/// that a long text (a 20 MB mail dump) costs in proportion to its length, not its square.
#[derive(Default)]
struct Found {
    claims: Vec<Claim>,
    /// Transfer claims by the bits of their quantity's value, in text order.
    transfers_by_value: HashMap<u64, Vec<usize>>,
    /// The quantity and baseline values claimed so far (bits).
    values: HashSet<u64>,
    /// Some claim so far has no quantity value, or no baseline value.
    lacks_value: bool,
}

impl Found {
    fn extend(&mut self, found: Vec<Claim>) {
        for claim in found {
            let value = claim.quantity.as_ref().and_then(|q| q.value);
            let baseline = claim.baseline.as_ref().and_then(|q| q.value);
            if claim.kind == ClaimKind::Transfer
                && let Some(v) = value
            {
                self.transfers_by_value
                    .entry(v.to_bits())
                    .or_default()
                    .push(self.claims.len());
            }
            for v in [value, baseline] {
                match v {
                    Some(v) => {
                        self.values.insert(v.to_bits());
                    }
                    None => self.lacks_value = true,
                }
            }
            self.claims.push(claim);
        }
    }

    /// Some earlier claim states this value as its quantity or baseline (a value-less figure
    /// matches a claim without one, as `Option` equality does).
    fn claims_value(&self, value: Option<f64>) -> bool {
        match value {
            Some(v) => self.values.contains(&v.to_bits()),
            None => self.lacks_value,
        }
    }
}

/// Neither side names something the other contradicts.
pub fn agrees(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    }
}

/// Fills what `claim` does not state (date, roles, item) from `source`, a claim about the same
/// event.
pub fn fill_from(claim: &mut Claim, source: &Claim) {
    let fill = |mine: &mut Option<String>, theirs: &Option<String>| {
        if mine.is_none() {
            mine.clone_from(theirs);
        }
    };
    fill(&mut claim.date, &source.date);
    fill(&mut claim.from, &source.from);
    fill(&mut claim.to, &source.to);
    fill(&mut claim.intended_for, &source.intended_for);
    fill(&mut claim.org, &source.org);
    if let (Some(q), Some(sq)) = (claim.quantity.as_mut(), source.quantity.as_ref())
        && q.item.is_none()
    {
        q.item.clone_from(&sq.item);
    }
}

/// Claims stated in `text` as [`extract`], with what the rest of the document says.
pub fn extract_in(
    text: &str,
    field: &str,
    lang: Lang,
    mentions: &[Mention],
    quoted: bool,
    context: Context,
) -> Vec<Claim> {
    let c = compiled(lang);
    let other = compiled(match lang {
        Lang::Fr => Lang::En,
        Lang::En => Lang::Fr,
    });
    let topic = context.heading.and_then(|h| heading_topic(c, other, h));
    // Code point → byte offset.
    let mut cp_bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    cp_bytes.push(text.len());
    let mut spans: Vec<[usize; 2]> = mentions.iter().filter_map(|m| m.sentence).collect();
    spans.sort_unstable();
    spans.dedup();
    let mut by_start: Vec<&Mention> = mentions.iter().collect();
    by_start.sort_by_key(|m| m.byte_start);
    // People by where they end: a pronoun's speaker is the last one named before it.
    let mut people: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == MentionType::Person)
        .collect();
    people.sort_by_key(|m| m.byte_end);
    let mut earlier = Found::default();
    for span in join_wrapped_lines(text, &cp_bytes, &spans) {
        let (Some(&bs), Some(&be)) = (cp_bytes.get(span[0]), cp_bytes.get(span[1])) else {
            continue;
        };
        // Mentions sorted by start: only those starting inside the span are looked at.
        let from = by_start.partition_point(|m| m.byte_start < bs);
        let to = by_start.partition_point(|m| m.byte_start < be);
        let ms: Vec<&Mention> = by_start[from..to.max(from)]
            .iter()
            .copied()
            .filter(|m| {
                m.sentence
                    .is_some_and(|[a, b]| span[0] <= a && b <= span[1])
                    && m.byte_start >= bs
                    && m.byte_end <= be
            })
            .collect();
        // A "sentence" of several pages is a table or a run-on dump, not a statement: its
        // pairings would be noise and their cost quadratic.
        if be.saturating_sub(bs) > MAX_SENTENCE_BYTES {
            continue;
        }
        // Every claim needs a figure: sentences without one are not scanned.
        if !ms
            .iter()
            .any(|m| m.kind == MentionType::Money || is_count(m))
        {
            continue;
        }
        let sentence = Sentence {
            text,
            field,
            span,
            bytes: (bs, be),
            quoted,
        };
        let mut found = sentence_claims(c, &sentence, &ms, &people, &earlier.claims);
        if found.is_empty() {
            // Documents mix languages (an English note forwarded in a French email): a
            // sentence the document's language finds nothing in gets the other lexicon.
            found = sentence_claims(other, &sentence, &ms, &people, &earlier.claims);
        }
        if found.is_empty()
            && let Some(topic) = &topic
        {
            let sentence_text = slice(text, bs, be);
            let triggered = has_trigger(c, sentence_text) || has_trigger(other, sentence_text);
            found = heading_claims(c.lex, &sentence, topic, &ms, triggered, &earlier);
        }
        if found.iter().any(|cl| cl.date.is_none()) {
            let introduced = |prev: [usize; 2]| {
                let (Some(&ps), Some(&pe)) = (cp_bytes.get(prev[0]), cp_bytes.get(prev[1])) else {
                    return false;
                };
                // "…from a memo dated December 2023:" then the quoted memo.
                slice(text, ps, pe).trim_end().ends_with(':')
            };
            // The subject points back to a document only when the previous sentence dates a
            // document ("The memo is dated December 2023. It says…"), not an event ("In
            // December 2023, … memo quoted in the report. The report said…").
            let dates_a_document = |d: &Mention| {
                let lead = slice(text, d.byte_start.saturating_sub(48), d.byte_start);
                c.dated_before.is_match(lead)
            };
            if let Some(date) = previous_sentence_date(&by_start, &spans, span, &cp_bytes)
                .filter(|(d, prev)| {
                    c.anaphora.is_match(slice(text, bs, be)) && dates_a_document(d)
                        || introduced(*prev)
                })
                .and_then(|(d, _)| d.text_value().map(str::to_string))
            {
                for cl in found.iter_mut().filter(|cl| cl.date.is_none()) {
                    cl.date = Some(date.clone());
                }
            }
        }
        for cl in &mut found {
            complete_from_earlier(cl, &earlier);
        }
        earlier.extend(found);
    }
    earlier.claims
}

/// The one date of the sentence before `span` (with that sentence's span), if it has exactly
/// one: what an anaphoric subject ("il", "it", "the memo") of this sentence refers back to, or
/// what dates a quotation the previous sentence introduces with a colon.
fn previous_sentence_date<'m>(
    by_start: &[&'m Mention],
    spans: &[[usize; 2]],
    span: [usize; 2],
    cp_bytes: &[usize],
) -> Option<(&'m Mention, [usize; 2])> {
    let i = spans.partition_point(|s| s[0] < span[0]);
    let prev = spans.get(i.checked_sub(1)?)?;
    // Only the mentions starting inside that sentence are looked at.
    let (ps, pe) = (*cp_bytes.get(prev[0])?, *cp_bytes.get(prev[1])?);
    let from = by_start.partition_point(|m| m.byte_start < ps);
    let to = by_start.partition_point(|m| m.byte_start < pe).max(from);
    let mut dates = by_start[from..to]
        .iter()
        .filter(|m| m.kind == MentionType::Date && m.sentence == Some(*prev));
    let date = dates.next()?;
    if dates.next().is_some() {
        return None;
    }
    Some((date, *prev))
}

/// Sentences cut at a line break inside a wrapped paragraph ("12,400 H100 GPUs redirected⏎
/// from Tesla to X.") are one statement: join a span with the next when it does not end in
/// terminal punctuation and only a single line break separates them.
fn join_wrapped_lines(text: &str, cp_bytes: &[usize], spans: &[[usize; 2]]) -> Vec<[usize; 2]> {
    let byte = |cp: usize| cp_bytes.get(cp).copied();
    let mut out: Vec<[usize; 2]> = Vec::new();
    for &span in spans {
        if let Some(last) = out.last_mut()
            && let (Some(ls), Some(le), Some(ns)) = (byte(last[0]), byte(last[1]), byte(span[0]))
            && le <= ns
        {
            let prev = slice(text, ls, le).trim_end();
            let gap = slice(text, le, ns);
            let open = !prev.ends_with(['.', '!', '?', ':', ';', '»', '"', '”']);
            let wrapped = gap.trim().is_empty() && gap.matches('\n').count() <= 1;
            let prev_line_break = slice(text, ls, le).ends_with('\n') || gap.contains('\n');
            // A wrapped sentence goes on in lowercase; a heading or a list item does not.
            let next_start = text
                .get(ns..)
                .and_then(|t| t.chars().find(|ch| !ch.is_whitespace() && *ch != '>'));
            let continues = next_start.is_some_and(char::is_lowercase);
            if open && wrapped && prev_line_break && continues {
                last[1] = span[1];
                continue;
            }
        }
        out.push(span);
    }
    out
}

fn sentence_claims(
    c: &Compiled,
    s: &Sentence,
    ms: &[&Mention],
    people: &[&Mention],
    earlier: &[Claim],
) -> Vec<Claim> {
    let text = s.text;
    let (bs, be) = s.bytes;
    let sentence = slice(text, bs, be);
    let names: Vec<&Mention> = ms
        .iter()
        .copied()
        .filter(|m| matches!(m.kind, MentionType::Org | MentionType::Person))
        .collect();
    let inside_name = |a: usize, b: usize| names.iter().any(|m| m.byte_start < b && a < m.byte_end);
    let mut hits: Vec<Hit> = Vec::new();
    for (t, re) in &c.triggers {
        for m in re.find_iter(sentence) {
            let (a, b) = (bs + m.start(), bs + m.end());
            // Words inside a figure or a date are not triggers ("dépenses" in "3 milliards de
            // dépenses" stays one), but a quantity's item may swallow the verb that follows it
            // ("12 000 GPU H100 transférés"): that verb still counts.
            let in_value = ms.iter().any(|v| {
                !matches!(
                    v.kind,
                    MentionType::Org | MentionType::Person | MentionType::Quantity
                ) && v.byte_start <= a
                    && b <= v.byte_end
            });
            if !inside_name(a, b) && !in_value {
                hits.push(Hit {
                    kind: t.kind,
                    rule: t.name,
                    start: a,
                    end: b,
                });
            }
        }
    }
    // "12,000 H100 Tesla -> X": an arrow between two organisations is a transfer from the
    // first to the second (figures tables and notes write it so).
    let mut arrows: Vec<(usize, String, String)> = Vec::new();
    for a in ARROW.find_iter(sentence) {
        let (a0, a1) = (bs + a.start(), bs + a.end());
        let is_org = |m: &&&Mention| m.kind == MentionType::Org;
        let giver = names.iter().filter(is_org).find(|m| m.byte_end == a0);
        let taker = names.iter().filter(is_org).find(|m| m.byte_start == a1);
        if let (Some(g), Some(t)) = (giver, taker) {
            hits.push(Hit {
                kind: ClaimKind::Transfer,
                rule: ARROW_RULE,
                start: a0,
                end: a1,
            });
            arrows.push((a0, name_of(g), name_of(t)));
        }
    }
    let speaker = speaker_of(c, text, (bs, be), ms, people);
    let speaker_span = speaker.as_ref().and_then(|(_, sp)| *sp);
    let role_names: Vec<&Mention> = names
        .iter()
        .copied()
        .filter(|m| m.kind == MentionType::Org)
        .filter(|m| speaker_span != Some((m.byte_start, m.byte_end)))
        .collect();
    let orgs: Vec<&Mention> = names
        .iter()
        .copied()
        .filter(|m| m.kind == MentionType::Org)
        .collect();
    let dates: Vec<&Mention> = ms
        .iter()
        .copied()
        .filter(|m| m.kind == MentionType::Date)
        .collect();
    let money: Vec<&Mention> = ms
        .iter()
        .copied()
        .filter(|m| m.kind == MentionType::Money && !is_discount(c.lex, text, m))
        .collect();
    let counts: Vec<&Mention> = ms
        .iter()
        .copied()
        .filter(|m| is_count(m) && !counts_time(c.lex, text, m))
        .collect();
    let mut used: Vec<(usize, usize)> = Vec::new();
    let mut out: Vec<Claim> = Vec::new();
    let finish = |claim: &mut Claim, hit: &Hit, figure: &Mention| {
        let approx = figure.approx;
        claim.date = date_of(c, text, bs, hit, figure, &dates);
        claim.speaker = speaker.as_ref().map(|(n, _)| n.clone());
        claim.modality = modality_of(c, text, (bs, be), hit, approx, speaker.is_some());
    };

    // Corrections: "Correction: 12,000, not 12,400."
    if c.correction_cue.is_match(sentence) {
        let values: Vec<&Mention> = ms
            .iter()
            .copied()
            .filter(|m| m.kind == MentionType::Money || is_count(m))
            .collect();
        for pair in values.windows(2) {
            let (new, old) = (pair[0], pair[1]);
            if new.kind != old.kind
                || !c
                    .correction_not
                    .is_match(slice(text, new.byte_end, old.byte_start))
            {
                continue;
            }
            let is_money = new.kind == MentionType::Money;
            let template = earlier
                .iter()
                .rev()
                .find(|cl| is_amount_kind(cl.kind) == is_money && cl.rule != CORRECTION_RULE);
            let kind = template.map_or(
                if is_money {
                    ClaimKind::Spend
                } else {
                    ClaimKind::Transfer
                },
                |t| t.kind,
            );
            let mut claim = s.claim(kind, CORRECTION_RULE, Modality::Asserted);
            if let Some(t) = template {
                claim.org = t.org.clone();
                claim.from = t.from.clone();
                claim.to = t.to.clone();
                claim.intended_for = t.intended_for.clone();
                claim.purpose = t.purpose.clone();
            }
            // Only the items the values carry: "12,000, not 12,400" names none.
            let (mut new_a, mut old_a) = (amount_of(c.lex, text, new), amount_of(c.lex, text, old));
            new_a.item.clone_from(&new.item);
            old_a.item.clone_from(&old.item);
            if is_money {
                claim.amount = Some(new_a);
            } else {
                claim.quantity = Some(new_a);
            }
            claim.baseline = Some(old_a);
            claim.speaker = speaker.as_ref().map(|(n, _)| n.clone());
            used.push((new.byte_start, new.byte_end));
            used.push((old.byte_start, old.byte_end));
            out.push(claim);
        }
    }
    let is_used = |used: &[(usize, usize)], m: &Mention| used.contains(&(m.byte_start, m.byte_end));

    // Plans and targets: "augmenter de 35 000 à 85 000", "grow from 35,000 to 85,000".
    for h in hits
        .iter()
        .filter(|h| matches!(h.kind, ClaimKind::Plan | ClaimKind::Target))
    {
        let after: Vec<&Mention> = ms
            .iter()
            .copied()
            // A value may start inside the trigger: "go from" + "from 35,000 to 85,000".
            .filter(|m| (m.kind == MentionType::Money || is_count(m)) && m.byte_start >= h.start)
            .filter(|m| m.byte_end > h.end && m.byte_start.saturating_sub(h.end) <= 120)
            .filter(|m| !is_used(&used, m))
            .collect();
        let Some(first) = after.first() else {
            continue;
        };
        // "le chiffre d'affaires devrait atteindre 2 milliards": an amount with its own
        // trigger is that kind's claim, not a target.
        if first.kind == MentionType::Money
            && first.range.is_none()
            && after.len() == 1
            && hits.iter().any(|o| is_amount_kind(o.kind))
        {
            continue;
        }
        let mut claim = s.claim(ClaimKind::Plan, h.rule, Modality::Planned);
        if let Some([lo, hi]) = first.range.filter(|_| first.number().is_none()) {
            let mut a = amount_of(c.lex, text, first);
            a.range = None;
            claim.baseline = Some(Amount {
                value: Some(lo),
                ..a.clone()
            });
            claim.target = Some(Amount {
                value: Some(hi),
                ..a
            });
            used.push((first.byte_start, first.byte_end));
        } else if let Some(second) = after
            .get(1)
            .copied()
            .filter(|second| is_from_to(c.lex, text, h, first, second))
        {
            let mut base = amount_of(c.lex, text, first);
            let target = amount_of(c.lex, text, second);
            // "de 5 à 8 millions": the scale word of the target applies to the baseline.
            if let (Some(b), Some(f)) = (base.value, scale_of(c.lex, &second.text))
                && scale_of(c.lex, &first.text).is_none()
                && target
                    .value
                    .is_some_and(|t| b * f <= t * 10.0 && b < t / 100.0)
            {
                base.value = Some(b * f);
            }
            if base.item.is_none() {
                base.item = target.item.clone();
            }
            claim.baseline = Some(base);
            claim.target = Some(target);
            used.push((first.byte_start, first.byte_end));
            used.push((second.byte_start, second.byte_end));
        } else if h.kind == ClaimKind::Target
            || c.planned.is_match(sentence)
                && words(slice(text, h.end, first.byte_start))
                    .last()
                    .is_some_and(|w| listed(c.lex, |l| l.target_markers, w))
        {
            claim.kind = ClaimKind::Target;
            claim.target = Some(amount_of(c.lex, text, first));
            used.push((first.byte_start, first.byte_end));
        } else {
            continue;
        }
        claim.org = subject_org(c, text, bs, h, &role_names)
            .or_else(|| subject_org(c, text, bs, h, &orgs))
            .or_else(|| org_within(&role_names, h.end, first.byte_start))
            .or_else(|| object_org(text, h, &role_names));
        // What changes is named between the trigger and the figures ("sa fourniture de puces
        // H100") unless the figure carries its own item ("85,000 H100s").
        let object = plan_object(c.lex, text, h.end, first.byte_start);
        if first.item.is_none() && object.is_some() {
            for a in [&mut claim.target, &mut claim.baseline]
                .into_iter()
                .flatten()
            {
                a.item.clone_from(&object);
            }
        }
        if let Some(t) = &claim.target
            && t.unit.is_none()
        {
            claim.quantity = Some(t.clone());
        }
        finish(&mut claim, h, first);
        out.push(claim);
    }

    // Transfers: the count nearest to a transfer trigger, with from / to / intended roles.
    for h in hits.iter().filter(|h| h.kind == ClaimKind::Transfer) {
        let Some(q) = counts
            .iter()
            .copied()
            .filter(|m| !is_used(&used, m))
            // A counted quantity ("12 000 GPU H100") over a bare number, then the nearest.
            .min_by_key(|m| (m.kind != MentionType::Quantity, distance(h, m)))
        else {
            continue;
        };
        if distance(h, q) > 160 {
            continue;
        }
        let mut claim = s.claim(ClaimKind::Transfer, h.rule, Modality::Asserted);
        claim.quantity = Some(amount_of(c.lex, text, q));
        if let Some((_, giver, taker)) = arrows.iter().find(|(at, _, _)| *at == h.start) {
            claim.from = Some(giver.clone());
            claim.to = Some(taker.clone());
        }
        // Per role, names after the trigger win over names before it ("Un mémo de Nvidia
        // fait état du transfert … de Tesla vers X"), the nearest first.
        let mut ordered: Vec<&Mention> = role_names.clone();
        ordered.sort_by_key(|o| (o.byte_start < h.start, o.byte_start.abs_diff(h.end)));
        for org in ordered {
            match role_of(c, text, bs, org) {
                Some(Role::To) if claim.to.is_none() => claim.to = Some(name_of(org)),
                Some(Role::Intended) if claim.intended_for.is_none() => {
                    claim.intended_for = Some(name_of(org))
                }
                Some(Role::From) if claim.from.is_none() => claim.from = Some(name_of(org)),
                _ => {}
            }
        }
        if claim.from.is_none() {
            // Goods taken from their intended recipient's allocation, else given by the
            // subject right before an active verb ("Tesla a cédé 2 000 GPU à xAI").
            claim.from = claim
                .intended_for
                .clone()
                .or_else(|| adjacent_subject(text, h, &role_names))
                .filter(|f| claim.to.as_ref() != Some(f));
        }
        // A transfer names where the goods went (or were meant to go).
        if claim.to.is_none() && claim.intended_for.is_none() {
            continue;
        }
        used.push((q.byte_start, q.byte_end));
        finish(&mut claim, h, q);
        out.push(claim);
    }

    // Amounts: each money mention goes to the nearest amount trigger.
    let amount_hits: Vec<&Hit> = hits.iter().filter(|h| is_amount_kind(h.kind)).collect();
    let free_money: Vec<&Mention> = money
        .iter()
        .copied()
        .filter(|m| !is_used(&used, m))
        .collect();
    for m in free_money {
        let Some(h) = amount_hits
            .iter()
            .copied()
            .min_by_key(|h| (distance(h, m), m.byte_start < h.start))
        else {
            break;
        };
        if distance(h, m) > 160 {
            continue;
        }
        let before_money = slice(text, m.byte_start.saturating_sub(80).max(bs), m.byte_start);
        let kind = if h.kind == ClaimKind::Purchase && c.aggregate.is_match(before_money) {
            ClaimKind::Spend
        } else {
            h.kind
        };
        let mut claim = s.claim(kind, h.rule, Modality::Asserted);
        claim.amount = Some(amount_of(c.lex, text, m));
        claim.org = agent_org(c, text, bs, h, &role_names)
            .or_else(|| possessor_org(c.lex, text, h, &role_names))
            .or_else(|| subject_org(c, text, bs, h, &role_names))
            .or_else(|| subject_org(c, text, bs, h, &orgs));
        if matches!(
            h.kind,
            ClaimKind::Spend | ClaimKind::Purchase | ClaimKind::Invest
        ) {
            let next_stop = ms
                .iter()
                .filter(|o| o.byte_start >= m.byte_end && o.kind != MentionType::Org)
                .map(|o| o.byte_start)
                .min()
                .unwrap_or(be)
                .min(be);
            claim.purpose = purpose_after(c, text, m.byte_end, next_stop).or_else(|| {
                (h.end <= m.byte_start)
                    .then(|| purpose_after(c, text, h.end, m.byte_start))
                    .flatten()
            });
        }
        claim.purpose = claim
            .purpose
            .take()
            .map(|p| without_owner(c.lex, p, claim.org.as_deref()));
        used.push((m.byte_start, m.byte_end));
        finish(&mut claim, h, m);
        // "€120m in equity, not €150m": the figure right after a negation is denied.
        if follows_negation(c, text, bs, m) {
            claim.modality = Modality::Denied;
        }
        out.push(claim);
    }
    // Purchases counted in units: "buy 10,000 H100 chips".
    for h in hits.iter().filter(|h| h.kind == ClaimKind::Purchase) {
        if out
            .iter()
            .any(|cl| cl.rule == h.rule && cl.kind == ClaimKind::Purchase)
        {
            continue;
        }
        let Some(q) = counts
            .iter()
            .copied()
            .filter(|m| !is_used(&used, m) && m.byte_start >= h.end && m.byte_start - h.end <= 60)
            .filter(|m| !describes_a_thing(c.lex, text, m))
            .min_by_key(|m| m.byte_start)
        else {
            continue;
        };
        let mut claim = s.claim(ClaimKind::Purchase, h.rule, Modality::Asserted);
        claim.quantity = Some(amount_of(c.lex, text, q));
        claim.org = agent_org(c, text, bs, h, &role_names)
            .or_else(|| possessor_org(c.lex, text, h, &role_names))
            .or_else(|| subject_org(c, text, bs, h, &role_names));
        claim.purpose = claim.quantity.as_ref().and_then(|q| q.item.clone());
        used.push((q.byte_start, q.byte_end));
        finish(&mut claim, h, q);
        out.push(claim);
    }
    out
}

/// The date of a claim among the dates of its sentence: the one attached to its figure or
/// trigger, not merely the nearest. Never the date of a report ("CNBC reported on June 4
/// that…" dates the report, not what it reports); then in order: for a plan or target, the
/// deadline ("1 200 emplois d'ici fin 2026", not the 2028 of another clause); a date in the
/// same clause as the trigger and the figure; then the nearest.
fn date_of(
    c: &Compiled,
    text: &str,
    bs: usize,
    h: &Hit,
    figure: &Mention,
    dates: &[&Mention],
) -> Option<String> {
    let span = (h.start.min(figure.byte_start), h.end.max(figure.byte_end));
    let gap = |d: &Mention| -> (usize, usize) {
        if d.byte_end <= span.0 {
            (d.byte_end, span.0)
        } else if d.byte_start >= span.1 {
            (span.1, d.byte_start)
        } else {
            (d.byte_start, d.byte_start)
        }
    };
    let plan = matches!(h.kind, ClaimKind::Plan | ClaimKind::Target);
    let lead = |d: &Mention| slice(text, d.byte_start.saturating_sub(48).max(bs), d.byte_start);
    dates
        .iter()
        .filter(|d| distance(h, d) <= MAX_DATE_DISTANCE || gap_len(gap(d)) <= MAX_DATE_DISTANCE)
        // The date of a report is never the date of what it reports.
        .filter(|d| {
            let tail = slice(text, d.byte_end, d.byte_end + 48);
            let dated = c.dated_before.is_match(lead(d));
            let reported_after = c.report_after.find(tail).is_some_and(|m| {
                !words(m.as_str())
                    .iter()
                    .any(|w| c.lex.aside_words.contains(&w.as_str()))
            });
            !c.report_before.is_match(lead(d)) && (dated || !reported_after)
        })
        .min_by_key(|d| {
            let deadline =
                c.deadline_before.is_match(lead(d)) || c.deadline_inside.is_match(&d.text);
            let (a, b) = gap(d);
            let breaks = clause_breaks(slice(text, a, b));
            (
                plan && !deadline,
                breaks,
                gap_len((a, b)).min(distance(h, d)),
            )
        })
        .and_then(|d| d.text_value().map(str::to_string))
}

/// Clause separators in `gap`, a parenthesis closed inside it counting as none: "(as
/// reported)" between a figure and its date is an aside, not another clause.
fn clause_breaks(gap: &str) -> usize {
    let mut depth = 0usize;
    let mut breaks = 0;
    for ch in gap.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 && CLAUSE_BREAKS.contains(&ch) => breaks += 1,
            _ => {}
        }
    }
    breaks + depth
}

fn gap_len((a, b): (usize, usize)) -> usize {
    b.saturating_sub(a)
}

/// The multiplier a scale word in a number's text gives ("8 millions" → 1e6): the largest
/// when there are several ("mille milliards" reads 1e9 either way).
fn scale_of(lex: &ClaimLexicon, text: &str) -> Option<f64> {
    let lower = text.to_lowercase();
    both(lex)
        .into_iter()
        .flat_map(|l| l.scale_words)
        .filter(|(w, _)| lower.contains(w))
        .map(|&(_, f)| f)
        .reduce(f64::max)
}

/// What a plan changes: the words between the trigger and the first value ("sa fourniture de
/// puces H100 de" → "fourniture de puces H100").
fn plan_object(lex: &ClaimLexicon, text: &str, from: usize, to: usize) -> Option<String> {
    let ws: Vec<&str> = slice(text, from, to)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let is_edge = |w: &&str| {
        listed(
            lex,
            |l| l.plan_object_edges,
            &w.to_lowercase().replace('’', "'"),
        )
    };
    let start = ws.iter().position(|w| !is_edge(w))?;
    let end = ws.iter().rposition(|w| !is_edge(w))? + 1;
    (start < end && end - start <= 6).then(|| ws[start..end].join(" "))
}

/// True when a value comes right after "not", "et non", "pas" ("€120m, not €150m").
fn follows_negation(c: &Compiled, text: &str, bs: usize, m: &Mention) -> bool {
    let lead = slice(text, m.byte_start.saturating_sub(12).max(bs), m.byte_start);
    let clause = lead.rsplit_once([',', ';']).map_or(lead, |(_, tail)| tail);
    c.correction_not.is_match(clause)
}

/// "de 35 000 à 85 000", "from 35,000 to 85,000": two values joined by "à"/"to", the first
/// after "de"/"from".
fn is_from_to(lex: &ClaimLexicon, text: &str, h: &Hit, first: &Mention, second: &Mention) -> bool {
    let raw = slice(text, first.byte_end, second.byte_start).trim();
    if matches!(raw, "→" | "->" | "=>") {
        return true;
    }
    let between = words(raw);
    let joined = between.iter().all(|w| listed(lex, |l| l.range_joins, w)) && !between.is_empty();
    let lead = words(slice(text, h.start, first.byte_start));
    joined && lead.iter().any(|w| listed(lex, |l| l.range_starts, w))
}

/// "processeurs de Tesla" → "processeurs" when Tesla is who buys: the owner is the claim's
/// organisation, not part of what is bought.
fn without_owner(lex: &ClaimLexicon, purpose: String, org: Option<&str>) -> String {
    let Some(org) = org else { return purpose };
    let lower = purpose.to_lowercase();
    let org = org.to_lowercase();
    // " de " before the name; an elided link ("d'") with either apostrophe and no space.
    let links = both(lex)
        .into_iter()
        .flat_map(|l| l.owner_links)
        .flat_map(|w| match w.strip_suffix('\'') {
            Some(stem) => vec![format!(" {stem}'"), format!(" {stem}’")],
            None => vec![format!(" {w} ")],
        });
    for of in links {
        if let Some(head) = lower.strip_suffix(&format!("{of}{org}"))
            && !head.trim().is_empty()
        {
            // Lowercasing keeps byte lengths for the ASCII cut made here; check all the same.
            if let Some(kept) = purpose.get(..head.len()) {
                return kept.trim_end().to_string();
            }
        }
    }
    purpose
}

/// "l'achat de processeurs par Tesla": the agent after a nominal trigger.
fn agent_org(c: &Compiled, text: &str, bs: usize, h: &Hit, orgs: &[&Mention]) -> Option<String> {
    orgs.iter()
        .filter(|o| o.byte_start >= h.end && o.byte_start - h.end <= 80)
        .find(|o| role_of(c, text, bs, o) == Some(Role::Agent))
        .map(|o| name_of(o))
}

/// The organisation before the trigger, nearest first ("Tesla dépenserait").
fn subject_org(c: &Compiled, text: &str, bs: usize, h: &Hit, orgs: &[&Mention]) -> Option<String> {
    orgs.iter()
        .filter(|o| o.byte_end <= h.start)
        // Same clause: "CNBC publie son enquête ; des achats…" has no subject.
        .filter(|o| !slice(text, o.byte_end, h.start).contains([';', ':']))
        .filter(|o| !matches!(role_of(c, text, bs, o), Some(Role::To | Role::Intended)))
        .filter(|o| !is_venue(c.lex, text, bs, o))
        .filter(|o| !modifies_noun(c.lex, text, o, h))
        .max_by_key(|o| o.byte_end)
        .map(|o| name_of(o))
}

/// "Nvidia hardware spending", "Tesla processor purchases": a name before a noun that modifies
/// a nominal trigger is the maker of what is bought as often as the buyer, and the words alone
/// cannot tell which; no organisation is better than a wrong one (reconciliation still groups
/// the claim by its figure).
fn modifies_noun(lex: &ClaimLexicon, text: &str, o: &Mention, h: &Hit) -> bool {
    let trigger = slice(text, h.start, h.end).to_lowercase();
    let nominal = matches!(
        h.kind,
        ClaimKind::Spend | ClaimKind::Purchase | ClaimKind::Invest
    ) && either(lex, |l| {
        l.nominal_trigger_endings
            .iter()
            .any(|e| trigger.ends_with(e))
    });
    let gap: Vec<&str> = slice(text, o.byte_end, h.start)
        .split_whitespace()
        .collect();
    nominal
        && (1..=2).contains(&gap.len())
        && gap.iter().all(|w| {
            w.chars().all(|ch| ch.is_alphabetic() && ch.is_lowercase())
                // Not an adverb or a verb ("also", "reported", "plans").
                && !either(lex, |l| l.non_modifier_endings.iter().any(|e| w.ends_with(e)))
                && !listed(lex, |l| l.purpose_end, w)
        })
}

/// "sur X", "on X", "via X": where something was said, not who acts.
fn is_venue(lex: &ClaimLexicon, text: &str, bs: usize, o: &Mention) -> bool {
    words(slice(
        text,
        o.byte_start.saturating_sub(12).max(bs),
        o.byte_start,
    ))
    .last()
    .is_some_and(|w| listed(lex, |l| l.venue_markers, w))
}

/// The subject just before the trigger (at most an auxiliary between): "Tesla a cédé".
fn adjacent_subject(text: &str, h: &Hit, orgs: &[&Mention]) -> Option<String> {
    orgs.iter()
        .filter(|o| o.byte_end <= h.start && words(slice(text, o.byte_end, h.start)).len() <= 2)
        .max_by_key(|o| o.byte_end)
        .map(|o| name_of(o))
}

/// "le chiffre d'affaires de Nvidia", "revenue of Nvidia": the organisation right after.
fn object_org(text: &str, h: &Hit, orgs: &[&Mention]) -> Option<String> {
    orgs.iter()
        .filter(|o| o.byte_start >= h.end && words(slice(text, h.end, o.byte_start)).len() <= 2)
        .min_by_key(|o| o.byte_start)
        .map(|o| name_of(o))
}

/// "les dépenses de Tesla", "spending of Tesla", "Tesla's 2024 Nvidia spending": the owner
/// of a nominal trigger.
fn possessor_org(lex: &ClaimLexicon, text: &str, h: &Hit, orgs: &[&Mention]) -> Option<String> {
    let is_of = |w: &str| listed(lex, |l| l.owner_links, w);
    // A plural noun is owned ("les achats de processeurs de Tesla"); a singular purchase names
    // what is bought ("le rachat de Twitter").
    let plural = slice(text, h.start, h.end).ends_with(['s', 'x']);
    if h.kind == ClaimKind::Purchase && !plural {
        return None;
    }
    let after = orgs.iter().filter(|o| o.byte_start >= h.end).find(|o| {
        let gap = words(slice(text, h.end, o.byte_start));
        match gap.as_slice() {
            [of] => is_of(of),
            [of1, _noun, of2] => plural && is_of(of1) && is_of(of2),
            _ => false,
        }
    });
    let genitive = || {
        orgs.iter()
            .filter(|o| o.byte_end <= h.start)
            .filter(|o| {
                let rest = slice(text, o.byte_end, h.start);
                either(lex, |l| {
                    l.genitive_endings.iter().any(|g| rest.starts_with(g))
                }) && words(rest).len() <= 4
            })
            .max_by_key(|o| o.byte_end)
    };
    after.or_else(genitive).map(|o| name_of(o))
}

/// An organisation named inside a span ("porter le parc de puces H100 de Tesla de …").
fn org_within(orgs: &[&Mention], from: usize, to: usize) -> Option<String> {
    orgs.iter()
        .find(|o| o.byte_start >= from && o.byte_end <= to)
        .map(|o| name_of(o))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    /// A mention over the first occurrence of `needle`, in a one-sentence text.
    fn mention(text: &str, needle: &str, kind: MentionType, value: Option<Value>) -> Mention {
        let s = text.find(needle).expect("needle in text");
        let mut m = Mention::new(kind, "text", text, s, s + needle.len(), "test");
        m.value = value;
        m.sentence = Some([0, text.chars().count()]);
        m
    }

    #[test]
    fn transfer_roles_from_markers() {
        let t =
            "Nvidia a transféré 12 000 GPU H100 initialement destinés à Tesla vers X en décembre.";
        let mut q = mention(
            t,
            "12 000 GPU H100",
            MentionType::Quantity,
            Some(Value::Number(12000.0)),
        );
        q.item = Some("GPU H100".into());
        let ms = vec![
            mention(
                t,
                "Nvidia",
                MentionType::Org,
                Some(Value::Text("Nvidia".into())),
            ),
            q,
            mention(
                t,
                "Tesla",
                MentionType::Org,
                Some(Value::Text("Tesla".into())),
            ),
            mention(t, "X", MentionType::Org, Some(Value::Text("X".into()))),
            mention(
                t,
                "décembre",
                MentionType::Date,
                Some(Value::Text("2023-12".into())),
            ),
        ];
        let claims = extract(t, "text", Lang::Fr, &ms, false);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        let c = &claims[0];
        assert_eq!(c.kind, ClaimKind::Transfer);
        assert_eq!(c.to.as_deref(), Some("X"));
        assert_eq!(c.intended_for.as_deref(), Some("Tesla"));
        assert_eq!(c.from.as_deref(), Some("Tesla"));
        assert_eq!(c.date.as_deref(), Some("2023-12"));
    }

    #[test]
    fn negated_spending_is_denied() {
        let t = "Tesla did not spend $10 billion on chips.";
        let mut m = mention(
            t,
            "$10 billion",
            MentionType::Money,
            Some(Value::Number(1e10)),
        );
        m.unit = Some("USD".into());
        let ms = vec![
            mention(
                t,
                "Tesla",
                MentionType::Org,
                Some(Value::Text("Tesla".into())),
            ),
            m,
        ];
        let claims = extract(t, "text", Lang::En, &ms, false);
        assert_eq!(claims.len(), 1);
        assert_eq!(claims[0].modality, Modality::Denied);
        assert_eq!(claims[0].org.as_deref(), Some("Tesla"));
        assert_eq!(claims[0].purpose.as_deref(), Some("chips"));
    }

    #[test]
    fn a_purpose_drops_its_owner_whatever_the_apostrophe() {
        let cut = |p: &str, org: &str| without_owner(lexicon(Lang::Fr), p.to_string(), Some(org));
        assert_eq!(cut("puces d’IA de Tesla", "Tesla"), "puces d’IA");
        assert_eq!(cut("processeurs d’Nvidia", "Nvidia"), "processeurs");
        assert_eq!(cut("processeurs d'Nvidia", "Nvidia"), "processeurs");
        assert_eq!(cut("chips of Tesla", "Tesla"), "chips");
        // Only the owner goes: another name, or the owner alone, stays.
        assert_eq!(cut("puces de Nvidia", "Tesla"), "puces de Nvidia");
        assert_eq!(cut("de Tesla", "Tesla"), "de Tesla");
    }

    #[test]
    fn correction_keeps_the_replaced_value() {
        let t = "Correction: 12,000, not 12,400.";
        let ms = vec![
            mention(
                t,
                "12,000",
                MentionType::Number,
                Some(Value::Number(12000.0)),
            ),
            mention(
                t,
                "12,400",
                MentionType::Number,
                Some(Value::Number(12400.0)),
            ),
        ];
        let claims = extract(t, "text", Lang::En, &ms, false);
        assert_eq!(claims.len(), 1, "{claims:#?}");
        assert_eq!(claims[0].rule, CORRECTION_RULE);
        assert_eq!(
            claims[0].quantity.as_ref().and_then(|q| q.value),
            Some(12000.0)
        );
        assert_eq!(
            claims[0].baseline.as_ref().and_then(|q| q.value),
            Some(12400.0)
        );
    }

    #[test]
    fn random_mentions_do_not_panic() {
        let text = "Selon CNBC, Tesla a transféré 12 000 GPU H100 vers X ; correction : 2 000, et non 2 400. Musk said Tesla would spend $10 billion — from 35,000 to 85,000 🙂.";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let n_chars = bounds.len() - 1;
        let mut state: u64 = 42;
        let mut next = |m: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % m.max(1)
        };
        let kinds = [
            MentionType::Money,
            MentionType::Number,
            MentionType::Quantity,
            MentionType::Org,
            MentionType::Person,
            MentionType::Date,
        ];
        for _ in 0..500 {
            let mut ms = Vec::new();
            for _ in 0..next(8) {
                let a = next(bounds.len());
                let b = (a + next(6)).min(bounds.len() - 1);
                let mut m = Mention::new(
                    kinds[next(kinds.len())],
                    "text",
                    text,
                    bounds[a],
                    bounds[b],
                    "t",
                );
                m.value = match m.kind {
                    MentionType::Org | MentionType::Person | MentionType::Date => {
                        Some(crate::model::Value::Text("v".into()))
                    }
                    _ => Some(crate::model::Value::Number(next(100000) as f64)),
                };
                if next(4) == 0 {
                    m.range = Some([1.0, 2.0]);
                }
                let s0 = next(n_chars + 3);
                let s1 = s0 + next(n_chars + 3);
                // Sometimes reversed: a broken producer must not crash claims.
                m.sentence = Some(if next(5) == 0 { [s1, s0] } else { [s0, s1] });
                ms.push(m);
            }
            for lang in [Lang::Fr, Lang::En] {
                for c in extract(text, "text", lang, &ms, next(2) == 0) {
                    assert!(c.evidence.start <= c.evidence.end);
                }
            }
        }
    }

    #[test]
    fn odd_spans_do_not_panic() {
        let t = "é€ dépensera";
        let mut m = Mention::new(MentionType::Money, "text", t, 0, 2, "test");
        m.sentence = Some([0, 99]);
        let _ = extract(t, "text", Lang::Fr, &[m.clone()], false);
        m.sentence = Some([1, 2]);
        let _ = extract(t, "text", Lang::Fr, &[m], true);
    }
}
