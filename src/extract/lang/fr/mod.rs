//! French lexicons.
