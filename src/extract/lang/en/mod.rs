//! English lexicons.
pub mod claims;
pub mod orgs;
