//! Organisations and people.
//! (Placeholder: to be replaced by the full recogniser.)

use super::Lang;
use crate::model::Mention;

/// Known organisations and their aliases: the built-in list plus the user's `dossier.toml`.
#[derive(Debug, Default)]
pub struct Gazetteer {}

/// Every organisation and person mention of `text`.
pub fn extract(_text: &str, _lang: Lang, _extra: Option<&Gazetteer>) -> Vec<Mention> {
    Vec::new()
}
