//! Numbers, money, counted quantities, measures and percents.
//! (Placeholder: to be replaced by the full extractor.)

use super::Lang;
use crate::model::Mention;

/// Every numeric mention of `text` (field set by the caller).
pub fn extract(_text: &str, _lang: Lang) -> Vec<Mention> {
    Vec::new()
}
