//! Dates and times, resolved against an anchor.
//! (Placeholder: to be replaced by the full extractor.)

use super::{Anchor, DateBias, Lang};
use crate::model::Mention;

/// Every date or time expression of `text`, resolved against `anchor` when given.
pub fn extract(
    _text: &str,
    _lang: Lang,
    _anchor: Option<&Anchor>,
    _bias: DateBias,
) -> Vec<Mention> {
    Vec::new()
}
