//! English lexicons.
pub mod numbers;
