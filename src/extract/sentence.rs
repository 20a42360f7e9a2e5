//! Sentence splitting that knows abbreviations, decimals and guillemets.
//! (Placeholder: to be replaced by the full splitter.)

use super::Lang;

/// Byte ranges `[start, end)` of the sentences of `text`, in order, covering every
/// non-blank character.
pub fn split(text: &str, _lang: Lang) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n') {
            let end = i + c.len_utf8();
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}
