//! French lexicons.
pub mod orgs;
