//! English lexicons.
