//! Words mail clients write around dates and quoted messages, per language: month and day
//! names, time-zone abbreviations, and the header names of quoted header blocks.
//!
//! Data only: the date parser (`date.rs`) and the quote splitter (`quote.rs`) compose these
//! tables by language. Not for the quote patterns themselves (named rules in `quote.rs`).

/// The language a quote marker or date is written in; `Any` tries every table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Any,
}

/// Month names and abbreviations (lowercase, without a trailing dot) → month number.
pub const MONTHS_EN: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

pub const MONTHS_FR: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("dec", 12),
];

/// Day names and abbreviations (lowercase, no dot): skipped when reading a date.
pub const WEEKDAYS_EN: &[&str] = &[
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thur",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
];

pub const WEEKDAYS_FR: &[&str] = &[
    "lundi", "lun", "mardi", "mar", "mercredi", "mer", "jeudi", "jeu", "vendredi", "ven", "samedi",
    "sam", "dimanche", "dim",
];

/// Time-zone abbreviations still seen in mail headers (RFC 822 obsolete zones and the
/// common European ones) → offset in minutes east of UTC.
pub const ZONES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("est", -5 * 60),
    ("edt", -4 * 60),
    ("cst", -6 * 60),
    ("cdt", -5 * 60),
    ("mst", -7 * 60),
    ("mdt", -6 * 60),
    ("pst", -8 * 60),
    ("pdt", -7 * 60),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 2 * 60),
    ("met", 60),
    ("mest", 2 * 60),
    ("eet", 2 * 60),
    ("eest", 3 * 60),
];

/// Header names of a quoted header block (Outlook's "-----Original Message-----", a forwarded
/// message's summary), lowercase, per language. `date` names the fields holding the date.
pub struct HeaderNames {
    pub lang: Lang,
    pub all: &'static [&'static str],
    pub date: &'static [&'static str],
}

pub const HEADER_NAMES: &[HeaderNames] = &[
    HeaderNames {
        lang: Lang::En,
        all: &[
            "from",
            "sent",
            "date",
            "to",
            "cc",
            "bcc",
            "subject",
            "reply-to",
            "importance",
        ],
        date: &["sent", "date"],
    },
    HeaderNames {
        lang: Lang::Fr,
        all: &[
            "de",
            "envoyé",
            "envoye",
            "date",
            "à",
            "a",
            "cc",
            "cci",
            "objet",
            "répondre à",
            "sujet",
            "pour",
            "importance",
        ],
        date: &["envoyé", "envoye", "date"],
    },
];

/// Header names that open a quoted header block without a banner (Outlook replies).
pub const BLOCK_OPENERS: &[&str] = &["from", "de"];
