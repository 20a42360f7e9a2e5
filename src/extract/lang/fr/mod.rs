//! French lexicons.
pub mod numbers;
