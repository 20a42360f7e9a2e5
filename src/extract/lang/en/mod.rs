//! English lexicons.
pub mod orgs;
