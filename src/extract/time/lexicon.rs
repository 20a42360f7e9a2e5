//! The shape of a language's time lexicon: month and weekday names, ordinals, number words,
//! relative words, modifiers and tense cues, as plain data.
//!
//! The words themselves live in `extract/lang/{fr,en}/time.rs`; the shared grammar
//! (`grammar.rs`) turns them into patterns. Nothing here matches text or resolves dates.

/// A calendar unit a relative expression counts or names ("trois semaines", "last month").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
}

/// TIMEX3 `mod` values a prefix can add ("mi-décembre", "fin 2024", "avant 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
}

impl Modifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
            Modifier::Approx => "APPROX",
            Modifier::Before => "BEFORE",
            Modifier::After => "AFTER",
        }
    }
}

/// Which way a cue points in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
}

/// What a word placed before a date expression does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrefixEffect {
    /// A TIMEX modifier, kept in the span ("fin ", "mid-", "avant ").
    Modifier(Modifier),
    /// A direction cue, kept in the span ("d'ici ", "by ").
    Cue(Direction),
    /// Only the earlier or later part of the current period ("plus tôt dans ", "earlier this").
    Part(Part),
    /// A preposition that makes a bare month or year a date ("en ", "in ", "depuis "); not kept
    /// in the span.
    Context,
    /// Like `Context`, but also a direction ("depuis " points to the past).
    ContextCue(Direction),
    /// A deadline at the close of a day, kept in the span: that day's end, ahead of the
    /// writing ("COB Friday" is the coming Friday's close).
    Deadline,
}

/// The part of a current period an "earlier/later" phrase keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// From the period's start up to the anchor.
    Earlier,
    /// From the day after the anchor to the period's end.
    Later,
    /// From the anchor's day, included, to the period's end ("the rest of the year": today
    /// counts, unlike "later this year").
    Rest,
    /// Days 1 to 15 of a month ("la première quinzaine de mars", "the first half of March").
    FirstFortnight,
    /// Day 16 to the month's end ("la seconde quinzaine d'avril", "the second half of May").
    SecondFortnight,
}

impl Part {
    /// A part that narrows a month wherever it lies, not only the anchor's current period.
    pub fn of_month(self) -> bool {
        matches!(self, Part::FirstFortnight | Part::SecondFortnight)
    }
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayDate {
    /// Same month and day every year (Christmas: 12, 25).
    Fixed(u32, u32),
    /// Days from Easter Sunday (Good Friday: -2).
    Easter(i64),
    /// The n-th weekday of a month, -1 for the last (Thanksgiving: 11, Thursday = 4, 4th).
    NthWeekday(u32, u32, i32),
    /// Days after the n-th weekday of a month (Black Friday: the day after Thanksgiving).
    AfterNthWeekday(u32, u32, i32, i64),
    /// A day of the Hebrew, Islamic or Chinese calendar, which moves against the Gregorian
    /// one and may last several days (Hanukkah, Ramadan); see `calendars.rs`.
    Lunar(LunarHoliday),
}

/// A calendar other than the Gregorian whose holidays the news names ("Yom Kippur",
/// "l'Aïd el-Kébir", "Chinese New Year").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calendar {
    /// Months numbered from Tishrei (1) to Elul (12); 6 is Adar, Adar II in leap years.
    Hebrew,
    /// Months numbered from Muharram (1) to Dhu al-Hijjah (12).
    Hijri,
    /// The Chinese lunisolar calendar; month 1 is Zhengyue.
    Chinese,
}

/// How long a holiday of another calendar lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Days(u8),
    /// To the end of its month, whose length (29 or 30 days) varies (Ramadan).
    Month,
}

/// A rule that moves a holiday off a day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observance {
    /// Kept on its day.
    AsIs,
    /// A fast that falls on the Sabbath is postponed to Sunday (Tisha B'Av).
    SundayIfSabbath,
    /// Yom HaShoah (27 Nisan): on Thursday when that is a Friday, on Monday when a Sunday,
    /// so that it touches neither the Sabbath nor its eve or end.
    YomHaShoah,
}

/// A holiday of another calendar: its month and day there, length and weekday rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarHoliday {
    pub calendar: Calendar,
    pub month: u8,
    pub day: u8,
    pub length: Length,
    pub observance: Observance,
}

const fn lunar(calendar: Calendar, month: u8, day: u8, length: Length) -> HolidayDate {
    lunar_with(calendar, month, day, length, Observance::AsIs)
}

/// A one-day holiday moved by its weekday rule (Tisha B'Av, Yom HaShoah).
const fn lunar_with(
    calendar: Calendar,
    month: u8,
    day: u8,
    length: Length,
    observance: Observance,
) -> HolidayDate {
    HolidayDate::Lunar(LunarHoliday {
        calendar,
        month,
        day,
        length,
        observance,
    })
}

/// The holidays of other calendars, shared by the languages' lexicons. Jewish holidays begin
/// at sunset the evening before; the value is the civil day they fall on (Yom Kippur 2018 is
/// 2018-09-19, not the eve). Where the diaspora and Israel differ, the diaspora is followed, as
/// in the French and English news: Passover lasts 8 days (7 in Israel), Shavuot 2 (1),
/// Simchat Torah is 23 Tishrei (22). Islamic dates follow the Umm al-Qura calendar; where
/// the month starts on sighting the moon the real day may differ by one or two.
impl HolidayDate {
    /// 1–2 Tishrei: two days everywhere.
    pub const ROSH_HASHANAH: HolidayDate = lunar(Calendar::Hebrew, 1, 1, Length::Days(2));
    pub const YOM_KIPPUR: HolidayDate = lunar(Calendar::Hebrew, 1, 10, Length::Days(1));
    /// 15–21 Tishrei; Shemini Atzeret that follows is a holiday of its own.
    pub const SUKKOT: HolidayDate = lunar(Calendar::Hebrew, 1, 15, Length::Days(7));
    pub const SHEMINI_ATZERET: HolidayDate = lunar(Calendar::Hebrew, 1, 22, Length::Days(1));
    pub const SIMCHAT_TORAH: HolidayDate = lunar(Calendar::Hebrew, 1, 23, Length::Days(1));
    /// 25 Kislev, eight days.
    pub const HANUKKAH: HolidayDate = lunar(Calendar::Hebrew, 3, 25, Length::Days(8));
    pub const TU_BISHVAT: HolidayDate = lunar(Calendar::Hebrew, 5, 15, Length::Days(1));
    /// 14 Adar (Adar II in leap years).
    pub const PURIM: HolidayDate = lunar(Calendar::Hebrew, 6, 14, Length::Days(1));
    /// 15 Nisan, eight days as in the diaspora (seven in Israel).
    pub const PASSOVER: HolidayDate = lunar(Calendar::Hebrew, 7, 15, Length::Days(8));
    pub const YOM_HASHOAH: HolidayDate = lunar_with(
        Calendar::Hebrew,
        7,
        27,
        Length::Days(1),
        Observance::YomHaShoah,
    );
    /// 6–7 Sivan, two days as in the diaspora (one in Israel).
    pub const SHAVUOT: HolidayDate = lunar(Calendar::Hebrew, 9, 6, Length::Days(2));
    pub const TISHA_BAV: HolidayDate = lunar_with(
        Calendar::Hebrew,
        11,
        9,
        Length::Days(1),
        Observance::SundayIfSabbath,
    );
    pub const ISLAMIC_NEW_YEAR: HolidayDate = lunar(Calendar::Hijri, 1, 1, Length::Days(1));
    pub const ASHURA: HolidayDate = lunar(Calendar::Hijri, 1, 10, Length::Days(1));
    pub const MAWLID: HolidayDate = lunar(Calendar::Hijri, 3, 12, Length::Days(1));
    pub const ISRA_MIRAJ: HolidayDate = lunar(Calendar::Hijri, 7, 27, Length::Days(1));
    /// The whole month of Ramadan, to the day before Eid al-Fitr.
    pub const RAMADAN: HolidayDate = lunar(Calendar::Hijri, 9, 1, Length::Month);
    /// The 27th night by the usual reckoning (it is sought among the last ten nights).
    pub const LAYLAT_AL_QADR: HolidayDate = lunar(Calendar::Hijri, 9, 27, Length::Days(1));
    /// 1 Shawwal, the first day of the feast.
    pub const EID_AL_FITR: HolidayDate = lunar(Calendar::Hijri, 10, 1, Length::Days(1));
    /// 10 Dhu al-Hijjah, the first day of the feast.
    pub const EID_AL_ADHA: HolidayDate = lunar(Calendar::Hijri, 12, 10, Length::Days(1));
    pub const CHINESE_NEW_YEAR: HolidayDate = lunar(Calendar::Chinese, 1, 1, Length::Days(1));
}

/// A part of the day, as TIMEX3 writes it (`TMO`, `TAF`, `TEV`, `TNI`, `TDT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    /// The working day ("la journée"), as opposed to the night.
    Daytime,
}

impl DayPart {
    pub fn timex(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
            DayPart::Daytime => "DT",
        }
    }

    /// The hours the part covers, as a half-open range from the day's midnight (a night runs
    /// into the next morning): morning 04–12, afternoon 12–19, evening 18–24, night 21–30,
    /// daytime 06–21. Parts overlap because speakers' parts do; the interval says "somewhere
    /// in here".
    pub fn hours(self) -> (u32, u32) {
        match self {
            DayPart::Morning => (4, 12),
            DayPart::Afternoon => (12, 19),
            DayPart::Evening => (18, 24),
            DayPart::Night => (21, 30),
            DayPart::Daytime => (6, 21),
        }
    }

    /// The hours of the part's start, middle or end ("en début de matinée", "late
    /// afternoon", "en fin de soirée"), as office life counts them: early morning 07–09,
    /// mid-morning 09–11, late morning 10–12; early afternoon 12–14, mid-afternoon 14–17, late
    /// afternoon 17–19; early evening 18–20, mid-evening 20–22, late evening 21–24; start of the
    /// day 06–10, midday 11–16, end of the day 17–21. A night is not narrowed ("late tonight"
    /// is read both as late evening and as small hours).
    pub fn hours_with(self, m: Option<Modifier>) -> (u32, u32) {
        let table: [(u32, u32); 3] = match self {
            DayPart::Morning => [(7, 9), (9, 11), (10, 12)],
            DayPart::Afternoon => [(12, 14), (14, 17), (17, 19)],
            DayPart::Evening => [(18, 20), (20, 22), (21, 24)],
            DayPart::Daytime => [(6, 10), (11, 16), (17, 21)],
            DayPart::Night => return self.hours(),
        };
        match m {
            Some(Modifier::Start) => table[0],
            Some(Modifier::Mid) => table[1],
            Some(Modifier::End) => table[2],
            _ => self.hours(),
        }
    }
}

/// One language's time words. Every list is lowercase; accents variants are listed
/// explicitly ("février", "fevrier") because news text is not always accented.
pub struct TimeLexicon {
    /// Full month names (1 = January).
    pub months: &'static [(&'static str, u32)],
    /// Month abbreviations; a trailing dot is allowed after them.
    pub month_abbrevs: &'static [(&'static str, u32)],
    /// Month names that are also common words ("may", "march"; "Mars" the planet): alone they
    /// need a context word before them. In a language that does not capitalise months, only
    /// the capitalised form is ambiguous (lowercase "mars" is the month).
    pub ambiguous_months: &'static [&'static str],
    /// English capitalises month names; a lowercase bare month is then not a date.
    pub months_capitalised: bool,
    /// Weekday names (1 = Monday).
    pub weekdays: &'static [(&'static str, u32)],
    /// Weekday abbreviations, accepted only before a date ("Fri, Jul 18").
    pub weekday_abbrevs: &'static [(&'static str, u32)],
    /// Weekday abbreviations that are no other word, accepted alone ("see you thu"); "sat",
    /// "sun", "wed", "mon" are not among them.
    pub weekday_abbrevs_alone: &'static [(&'static str, u32)],
    /// Suffixes of numeric ordinals after a day number ("1er", "21st").
    pub day_suffixes: &'static [&'static str],
    /// Articles before a day of the month written alone ("the 27th"); empty when the language
    /// has no safe form.
    pub day_articles: &'static [&'static str],
    /// Prepositions and article before a day number written without its suffix ("by the
    /// 15", "for the 27"): a day only at the end of a clause ("by the 15 members" is a count).
    pub day_articles_bare: &'static [&'static str],
    /// Articles before a bare day of the month that only count when a time follows
    /// ("le 16 à 18h").
    pub day_before_time: &'static [&'static str],
    /// Ordinal words and forms for days, quarters and halves ("premier", "2e", "second").
    pub ordinals: &'static [(&'static str, u32)],
    /// Words for "last" before a weekday of a month ("the last Friday of June").
    pub last_words: &'static [&'static str],
    /// Cardinal number words used in relative expressions ("trois", "three", "a").
    pub numbers: &'static [(&'static str, i64)],
    /// Days of the month written as cardinal words after the article ("le quinze août", "le
    /// vingt et un mai"); ordinals ("premier", "fifteenth") are in `ordinals`.
    pub day_words: &'static [(&'static str, u32)],
    /// Words between a day and a month ("of", "de").
    pub day_month_joiners: &'static [&'static str],
    /// Words naming a day relative to the anchor, with the offset in days.
    pub relative_days: &'static [(&'static str, i64)],
    /// The close of the working day ("EOD", "close of business"): the end of the anchor's
    /// day after a time preposition ("by EOD"); before a day, that day's end ("COB Friday",
    /// through `prefixes`).
    pub close_of_day: &'static [&'static str],
    /// Calendar unit nouns, singular and plural.
    pub units: &'static [(&'static str, Unit)],
    /// Words between a count and its unit that make "the N units before or after the current
    /// one" ("3 derniers mois", "trois prochaines semaines"), with the direction.
    pub span_between: &'static [(&'static str, i32)],
    /// Words after "N units" that do the same ("2 années passées").
    pub span_after: &'static [(&'static str, i32)],
    /// Unit words worth several of their unit ("fortnight": 2 weeks); others count 1.
    pub unit_multiples: &'static [(&'static str, i64)],
    /// Shift words placed before a unit or weekday ("last", "next", "this", "ce").
    pub shift_before: &'static [(&'static str, i32)],
    /// True when "next Friday" means the Friday of next week (English); false when it means
    /// the first Friday after the anchor ("vendredi prochain" said on a Tuesday).
    pub weekday_shift_by_week: bool,
    /// Shift words that count occurrences even where the language counts weeks: "this coming
    /// Friday" is the next Friday to come, "this past Friday" the last one gone.
    pub weekday_shift_by_occurrence: &'static [&'static str],
    /// Words after a weekday counting whole weeks past its next occurrence ("lundi en huit":
    /// the Monday a week after the coming one), with the number of weeks.
    pub weekday_weeks_on: &'static [(&'static str, i64)],
    /// Shift words placed after a unit, weekday or month ("dernier", "prochain").
    pub shift_after: &'static [(&'static str, i32)],
    /// Determiners before a unit noun ("la", "l'", "the").
    pub determiners: &'static [&'static str],
    /// Words before "N units" meaning "ago" ("il y a").
    pub ago_before: &'static [&'static str],
    /// Words after "N units" meaning "ago" ("ago", "back").
    pub ago_after: &'static [&'static str],
    /// Words before "N units" meaning "from now" ("dans", "in").
    pub later_before: &'static [&'static str],
    /// Words after "N units" meaning "from now" ("from now", "hence").
    pub later_after: &'static [&'static str],
    /// Quarter nouns ("trimestre", "quarter").
    pub quarter_words: &'static [&'static str],
    /// Clock units for offsets from the present ("3 hours ago", "dans 20 minutes"), in
    /// seconds.
    pub clock_units: &'static [(&'static str, i64)],
    /// Fractions of an hour written as words ("half an hour", "un quart d'heure"), in seconds.
    pub clock_spans: &'static [(&'static str, i64)],
    /// Half-year nouns ("semestre", "half").
    pub half_words: &'static [&'static str],
    /// Letters before a quarter number ("Q", "T").
    pub quarter_letters: &'static [&'static str],
    /// Letters before a half number ("H", "S").
    pub half_letters: &'static [&'static str],
    /// Words before a fiscal year ("fiscal", "FY", "exercice").
    pub fiscal_words: &'static [&'static str],
    /// Words before a decade ("les années").
    pub decade_before: &'static [&'static str],
    /// Season names, with the TIMEX3 code (`SP`, `SU`, `FA`, `WI`).
    pub seasons: &'static [(&'static str, &'static str)],
    /// Holidays by name ("Noël", "Thanksgiving"); a capitalised name followed by another
    /// capitalised word is a person ("Noël Le Graët"), not the holiday.
    pub holidays: &'static [(&'static str, HolidayDate)],
    /// Holiday names that are also common phrases ("spring festival", "fête du printemps"),
    /// taken only when capitalised ("the Spring Festival").
    pub holidays_proper_only: &'static [&'static str],
    /// Capitalised words that may stand before a holiday of another calendar without making
    /// its name a surname: prepositions, articles, greetings ("During Ramadan", "Happy
    /// Hanukkah", "Pendant le ramadan"; not "Tariq Ramadan").
    pub holiday_openers: &'static [&'static str],
    /// Words before a holiday's name that make it a war's ("la guerre du Kippour").
    pub war_before: &'static [&'static str],
    /// Words after a holiday's name that make it a war's ("the Yom Kippur war").
    pub war_after: &'static [&'static str],
    /// Phrases placed before a date expression and what they do, longest first is not
    /// required (the grammar sorts).
    pub prefixes: &'static [(&'static str, PrefixEffect)],
    /// Phrases naming the end of the current year or month by themselves ("year-end").
    pub period_end_words: &'static [(&'static str, Unit)],
    /// Words before a time of day ("à", "at", "vers").
    pub time_prepositions: &'static [&'static str],
    /// Words for an hour ("heures", "o'clock").
    pub hour_words: &'static [&'static str],
    /// Named times ("midi", "noon") with the hour.
    pub named_times: &'static [(&'static str, u32)],
    /// Minutes written as words after an hour ("et quart", "et demie").
    pub minute_words: &'static [(&'static str, u32)],
    /// Words after a time that move it to the afternoon or evening ("du soir", "pm").
    pub pm_words: &'static [&'static str],
    /// Words after a time that keep it in the morning ("du matin", "am").
    pub am_words: &'static [&'static str],
    /// Part-of-day phrases relative to the anchor ("ce matin", "tonight"), with the day offset.
    pub day_parts: &'static [(&'static str, i64, DayPart)],
    /// Weekend phrases relative to the anchor's week ("ce week-end" 0, "last weekend" -1).
    pub weekends: &'static [(&'static str, i32)],
    /// A weekend named without a shift, after a preposition that makes it one weekend
    /// ("over the weekend", "au cours du week-end"): the lean chooses which.
    pub weekends_by_lean: &'static [&'static str],
    /// The noun of a weekend, counted in a month ("the last weekend of July", "le premier
    /// week-end de mai").
    pub weekend_nouns: &'static [&'static str],
    /// Part-of-day words that may follow a date ("soir" in "mardi soir").
    pub day_part_words: &'static [(&'static str, DayPart)],
    /// Words joining a date and a time in one expression ("à", "at", ",").
    pub date_time_joiners: &'static [&'static str],
    /// Words joining the two ends of a range by themselves ("au", "until", "-").
    pub range_connectors: &'static [&'static str],
    /// Words joining the two ends of a range only after an opener ("from … to …", "de … à
    /// …"): alone they join changes ("moved Monday to Friday") and lists.
    pub range_opened_connectors: &'static [&'static str],
    /// Words joining the two ends of a range only after a pair opener ("between … and …").
    pub range_pair_connectors: &'static [&'static str],
    /// Openers of "between … and …" ranges (also in `range_openers`).
    pub range_pair_openers: &'static [&'static str],
    /// Words opening a range before its first end ("du", "entre", "from", "between").
    pub range_openers: &'static [&'static str],
    /// Articles that may follow a range word ("le", "the").
    pub range_articles: &'static [&'static str],
    /// Words joining a weekday and a relative week ("de", "of", "on").
    pub weekday_week_joiners: &'static [&'static str],
    /// Words of a sentence pointing to the future ("prévoit", "will", "d'ici").
    pub future_cues: &'static [&'static str],
    /// A regex fragment for future verb endings ("-era", "-ront"), empty when none.
    pub future_suffix_pattern: &'static str,
    /// Words of a clause pointing to the past ("a", "était", "said"): in the clause of the
    /// date they outweigh a future cue elsewhere in the sentence.
    pub past_cues: &'static [&'static str],
    /// A regex fragment for past verb endings ("-ed"), empty when none.
    pub past_suffix_pattern: &'static str,
    /// Words that may follow a bare year in running text ("et", "and", "le"): any other
    /// lowercase word after a weakly supported 4-digit number makes it a quantity
    /// ("2024 salariés").
    pub year_followers: &'static [&'static str],
    /// Words that may follow a day of the month written without its month ("the 21st of",
    /// "Friday the second at noon"): any other word after it is what the ordinal counts
    /// ("the 21st Century", "Friday the second presidential debate").
    pub day_followers: &'static [&'static str],
    /// Determiners before a year used as an adjective ("the 2024 election"); a singular noun
    /// must follow.
    pub year_determiners: &'static [&'static str],
    /// Words before a 4-digit number that make it a year ("en", "in", "depuis", "année").
    pub year_context: &'static [&'static str],
}

/// Time-zone abbreviations written after a time ("8:00 PST", "12 h 43 HAE"), in both
/// languages. Lowercase forms only where they are not words ("est", "cet" are French words).
pub const TIME_ZONES: &[&str] = &[
    "UTC", "GMT", "CET", "CEST", "WET", "WEST", "EET", "EEST", "BST", "PST", "PDT", "MST", "MDT",
    "CST", "CDT", "EST", "EDT", "HAE", "HNE", "HAA", "HNA", "HAC", "HNC", "HAP", "HNP", "utc",
    "gmt", "pst", "pdt", "edt", "cdt",
];

/// The value of the first entry of `list` whose word equals `word` (case-insensitive,
/// trailing dot ignored, typographic apostrophes normalised).
pub fn lookup<T: Copy>(list: &[(&'static str, T)], word: &str) -> Option<T> {
    let w = normalise_word(word);
    list.iter().find(|(k, _)| *k == w).map(|&(_, v)| v)
}

/// Lowercase, `’` → `'`, collapsed inner whitespace, no trailing dot.
pub fn normalise_word(word: &str) -> String {
    let lower = word
        .trim()
        .trim_end_matches('.')
        .to_lowercase()
        .replace('’', "'");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}
