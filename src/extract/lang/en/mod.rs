//! English lexicons.

pub mod numbers;
pub mod time;
