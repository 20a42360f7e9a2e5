//! Claims: sentence-level relations built from the mentions of a sentence.
//! (Placeholder: to be replaced by the full extractor.)

use super::Lang;
use crate::model::{Claim, Mention};

/// Claims stated in `text`, given its mentions. `quoted` marks text quoted from an earlier
/// message (not an independent source).
pub fn extract(
    _text: &str,
    _field: &str,
    _lang: Lang,
    _mentions: &[Mention],
    _quoted: bool,
) -> Vec<Claim> {
    Vec::new()
}
