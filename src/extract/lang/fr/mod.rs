//! French lexicons.

pub mod time;
