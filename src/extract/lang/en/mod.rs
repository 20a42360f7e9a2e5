//! English lexicons.

pub mod claims;
pub mod numbers;
pub mod orgs;
pub mod time;
