//! Extract: turn a normalized document into typed claims with exact spans, driven by the
//! rules in `rules/` (see `docs/rules.md`).

pub mod recognize;

use crate::ingest::SourceDoc;
use crate::model::{Claim, DocumentInfo};
use crate::normalize::NormText;

/// Everything extraction needs to know about one document.
pub struct Prepared<'a> {
    pub info: &'a DocumentInfo,
    pub source: &'a SourceDoc,
    pub norm: &'a NormText,
}

/// Extract the claims of one document (ids are assigned later, by the pipeline).
pub fn extract(doc: &Prepared) -> Vec<Claim> {
    let _ = doc;
    Vec::new()
}
