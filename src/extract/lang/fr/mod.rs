//! French lexicons.

pub mod numbers;
pub mod time;
