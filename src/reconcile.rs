//! Reconcile: group claims about the same thing across documents and languages, and say
//! whether the sources agree. (Placeholder: to be replaced by the full grouping.)

use crate::model::{ClaimGroup, Extraction};

/// Claim groups over all the extractions given, discrepancies first.
pub fn reconcile(_extractions: &[Extraction]) -> Vec<ClaimGroup> {
    Vec::new()
}
