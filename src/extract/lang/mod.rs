//! Per-language lexicons and patterns: data, not logic. Each dimension has its own submodule
//! per language (`fr::numbers`, `en::time`…), read by the shared engines of `extract`.

pub mod en;
pub mod fr;
