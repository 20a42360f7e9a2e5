//! Names of the pieces a value rule is made of. A mention's `rule` is its type followed by
//! the pieces that matched, in text order: `money: <currency> <digits> <scale>`.

use crate::model::MentionType;

pub const DIGITS: &str = "<digits>";
pub const WORDS: &str = "<number-words>";
pub const VAGUE: &str = "<vague-amount>";
pub const APPROX_AMOUNT: &str = "<approximate-amount>";
pub const SCALE: &str = "<scale>";
pub const CURRENCY: &str = "<currency>";
/// A currency name read as money because the sentence speaks of money ("ten pounds").
pub const CURRENCY_IN_CONTEXT: &str = "<currency-in-money-sentence>";
/// A currency name shared by several currencies, resolved by a place named in the sentence.
pub const COUNTRY_CUE: &str = "<country-in-sentence>";
/// The scale, currency, percent mark or unit of the alternative written after: "120 ou 150
/// millions", "3 ou 4 %".
pub const SHARED_SCALE: &str = "<as-the-alternative>";
pub const LINK_CURRENCY: &str = "de|of <currency>";
/// A hundredth of a currency ("10 cents", "50p", "210 pence"), given in the main unit: the
/// text keeps the written form, the value is comparable with amounts of the main unit.
pub const SUBUNIT: &str = "<hundredths → main unit>";
pub const PERCENT: &str = "<percent-mark>";
pub const UNIT: &str = "<unit>";
pub const ITEM: &str = "<counted-noun>";
pub const RATIO: &str = "<over>";
pub const EXPONENT: &str = "<exponent>";
pub const COMPOUND: &str = "<and>";
pub const HUNDREDTHS: &str = "<hundredths>";
pub const RANGE_OPEN: &str = "<range-opener>";
pub const RANGE_JOIN: &str = "<range-joiner>";
pub const APPROX: &str = "<approximately>";
pub const LOWER_BOUND: &str = "<at-least>";
pub const UPPER_BOUND: &str = "<at-most>";

/// "money: <currency> <digits> <scale>"
pub fn name(kind: MentionType, pieces: &[&str]) -> String {
    let mut s = String::with_capacity(16 + pieces.len() * 12);
    s.push_str(kind.as_str());
    s.push(':');
    for p in pieces {
        s.push(' ');
        s.push_str(p);
    }
    s
}
