//! French lexicons.
pub mod claims;
pub mod orgs;
