//! English lexicons.

pub mod time;
