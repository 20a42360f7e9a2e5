//! The shape of a language's number lexicon: what the value engine reads from
//! `lang/{fr,en}/numbers.rs`. Data only; no matching logic lives here.

/// How a number word combines with the words around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WordKind {
    /// 0–19 (French 0–16): added to the running group.
    Unit,
    /// Tens (twenty, soixante): added to the running group.
    Ten,
    /// "hundred" / "cent": multiplies the running group by 100.
    Hundred,
    /// "dozen" / "douzaine": multiplies the running group by 12.
    Dozen,
    /// thousand and above: closes the running group.
    Scale,
}

/// A surface phrase and what it stands for. Phrases of one or two characters, or containing
/// an upper-case letter, match case-sensitively ("M" is a scale, "m" a metre); longer
/// lower-case phrases match case-insensitively. A space in a phrase matches any one
/// whitespace character (including no-break spaces); an apostrophe matches `'` and `’`.
pub type Phrase<T> = (&'static str, T);

/// Names of a shared currency, its ISO 4217 code, and the words that point to it.
pub type SharedCurrency = (
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);

/// Everything the value engine needs to know about one language.
pub struct NumberLexicon {
    /// `3,5` is three and a half (French); otherwise `3.5`.
    pub decimal_comma: bool,
    /// Number words and how they combine.
    pub number_words: &'static [Phrase<(f64, WordKind)>],
    /// Words that may join number words inside one number ("vingt et un", "hundred and six").
    pub number_joiners: &'static [&'static str],
    /// Articles that count as "one" before a scale word ("a million").
    pub article_one: &'static [&'static str],
    /// Units that "a"/"an" counts as one ("a kg", "a gallon"; not "a bit", "a ton of").
    pub article_units: &'static [&'static str],
    /// Words that never make a number on their own (articles that are also "one").
    pub lone_one: &'static [&'static str],
    /// Fraction denominators ("third" → 3, "quarts" → 4): "two thirds", "cinq et un quart".
    pub fractions: &'static [Phrase<f64>],
    /// Hundreds said without "hundred": "one twenty two" is 122 (flight numbers, prices
    /// read aloud).
    pub spoken_hundreds: bool,
    /// Words for the decimal point in spelled numbers ("point", "virgule").
    pub decimal_points: &'static [&'static str],
    /// Words between two numbers that make a ratio ("one over three", "1 sur 3").
    pub ratio_joiners: &'static [&'static str],
    /// Determiners before a number that names a model ("the 8088 chip", "le 737").
    pub determiners: &'static [&'static str],
    /// After a scale word, the counted thing needs a link word ("3 millions de personnes",
    /// never "10 milliards annoncés").
    pub scale_needs_link: bool,
    /// Scales of the other language's usage, used after a currency sign ("$10 billion" in a
    /// French text is ten thousand million).
    pub scales_after_currency_sign: &'static [Phrase<f64>],
    /// Percent marks written before the number ("per cent of 210", "pourcentage de vingt").
    pub percent_before: &'static [&'static str],
    /// Words between two counts that make a score or a vote ("21 voix contre 4").
    pub score_joiners: &'static [&'static str],
    /// Words that make the number after them negative ("minus", "moins").
    pub minus_words: &'static [&'static str],
    /// Articles that count as "one" before a fraction ("and a half", "et un quart").
    pub fraction_articles: &'static [&'static str],
    /// Scale words and abbreviations written after a number, separated by a space.
    pub scales: &'static [Phrase<f64>],
    /// Scale suffixes glued to the digits ("2k", "1.2M", "10bn"); `true` = only with money.
    pub attached_scales: &'static [Phrase<(f64, bool)>],
    /// Single-letter scales that need a currency right after them when spaced ("10 M€").
    pub spaced_scales_need_currency: &'static [&'static str],
    /// Words linking a scale to what it counts ("millions de dollars", "d'euros").
    pub scale_links: &'static [&'static str],
    /// Currency marks written before the amount → ISO 4217.
    pub currency_before: &'static [Phrase<&'static str>],
    /// Currency names written before the amount in contracts, invoices and cheques ("US
    /// Dollars 2,500,000", "Rupees five lakh", "Kenya Shillings 5,000") → ISO 4217; never
    /// before a year ("Euros 2024" is not money), and only names that are no verb ("won")
    /// or tournament ("Euro 96").
    pub currency_names_before: &'static [Phrase<&'static str>],
    /// Currency marks and names written after the amount → ISO 4217 (empty when the name is
    /// shared by several currencies: "francs", "pesos").
    pub currency_after: &'static [Phrase<&'static str>],
    /// Currency names that are money only after a scale ("millions de livres"; "300 livres"
    /// are books).
    pub currency_after_scaled_only: &'static [Phrase<&'static str>],
    /// Currency names shared by several currencies, resolved by the places and nationalities
    /// named in the sentence: (names, ISO 4217, cue words). "300 francs" next to "Genève" is
    /// CHF; when the cues of two currencies appear, or none, the code stays unknown.
    pub shared_currency_cues: &'static [SharedCurrency],
    /// Names that are money only when the sentence speaks of money ("ten pounds" after
    /// "tickets cost", a weight otherwise; "300 livres" are books unless paid for).
    pub currency_after_in_money_context: &'static [Phrase<&'static str>],
    /// Words and signs that make a sentence speak of money ("£", "paid", "price"); signs
    /// match anywhere, words whole and in any case.
    pub money_cues: &'static [&'static str],
    /// Words that make it speak of weight or of things counted ("weighs", "lost", "of"
    /// right after the name: "two pounds of meat"); they win over money cues.
    pub not_money_cues: &'static [&'static str],
    /// Hundredth units (cents, pence) → ISO 4217 of the main unit.
    pub subunits_after: &'static [Phrase<&'static str>],
    /// Hundredth marks glued to the digits that are money only when the sentence speaks of
    /// money ("the stamp costs 50p"; "a 2p orbital" is not).
    pub glued_subunits_in_money_context: &'static [Phrase<&'static str>],
    /// Percent marks → unit (`None` for percent, `Some("pp")` for percentage points,
    /// `Some("bp")` for basis points; the value stays in the unit written).
    pub percent_after: &'static [Phrase<Option<&'static str>>],
    /// Measure units → canonical unit symbol.
    pub units: &'static [Phrase<&'static str>],
    /// Cues before a number that make it approximate.
    pub approx_before: &'static [&'static str],
    /// Cues before a number that make it a lower bound.
    pub lower_before: &'static [&'static str],
    /// Cues before a number that make it an upper bound.
    pub upper_before: &'static [&'static str],
    /// Range openers and the joiners they expect ("entre … et", "from … to").
    pub range_open: &'static [(&'static str, &'static [&'static str])],
    /// Joiners that make a range without an opener ("3 à 4 %", "$3-4 billion").
    pub range_join: &'static [&'static str],
    /// Words of change before an amount: "rose $2 to $50" is a rise of $2 to a level of
    /// $50, not a range, when the first amount carries its own currency, percent mark or
    /// unit ("rose 2 to 3 percent" stays a range).
    pub change_before: &'static [&'static str],
    /// Words between a word of change and its amount that keep it a change: "increased by
    /// £200 to £2,000", "a progressé de 2 € à 50 €" (after a word of change, French "de"
    /// says by how much, not from where).
    pub change_links: &'static [&'static str],
    /// Words between two alternatives that share the scale and unit written after the
    /// second ("120 ou 150 millions", "3 or 4 million").
    pub alternative_join: &'static [&'static str],
    /// Vague amounts → lower bound ("des milliers" → 1000); must be followed by a link word.
    pub vague: &'static [Phrase<f64>],
    /// Approximate amounts ("une dizaine" ≈ 10); `true` when the amount is exact ("a dozen").
    pub approx_amounts: &'static [Phrase<(f64, bool)>],
    /// Words right before a bare 4-digit number that make it a year.
    pub year_cues_before: &'static [&'static str],
    /// Names of product series and numbered things that a number after them names
    /// ("Model 3", "Boeing 737", "Flight 370"): they stay traps in title-case headlines,
    /// where any other capitalised word before a number is just a headline word.
    pub model_words: &'static [&'static str],
    /// Headlines are written in title case (English); French capitalises only the first
    /// word and names, so a capitalised line there is names (an address, a footer).
    pub title_case_headlines: bool,
    /// Words right before a number that make it a reference, not an amount.
    pub trap_before: &'static [&'static str],
    /// Words right after a number that make it a street number or a reference.
    pub trap_after: &'static [&'static str],
    /// Words that follow numbers but are not the thing counted.
    pub not_items: &'static [&'static str],
    /// Plural endings of nouns: a whole number above one before a singular noun is a model
    /// name ("the 8088 chip"), not a count.
    pub plural_endings: &'static [&'static str],
    /// Nouns that count without a plural ending ("people", "personnel", "prix").
    pub invariable_plurals: &'static [&'static str],
    /// Word endings that mark adverbs, never counted things ("exactly", "seulement").
    pub not_item_suffixes: &'static [&'static str],
    /// The head noun of a noun phrase comes after its modifiers ("H100 GPUs"), so a plural
    /// word after a name is what is counted; in French it follows ("GPU H100 transférés":
    /// what comes after the name is a participle or an adjective).
    pub head_noun_last: bool,
    /// Words that link a counted noun to its complement ("livraisons de GPU H100").
    pub item_links: &'static [&'static str],
    /// Month names and abbreviations (numbers next to them are dates).
    pub months: &'static [&'static str],
    /// Ordinal words: after a number word they make a rank ("twenty-second floor",
    /// "vingt et unième siècle"), not an amount.
    pub ordinal_words: &'static [&'static str],
    /// Ordinal suffixes glued to digits ("1er", "2nd").
    pub ordinal_suffixes: &'static [&'static str],
}
