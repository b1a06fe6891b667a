//! factcheck: read several articles about one story, extract the facts they state,
//! align the ones that talk about the same thing, and report where the sources disagree.
//!
//! The modules follow the data (see `docs/architecture.md`):
//!
//! ```text
//! ingest ──► normalize ──► extract ──► reconcile ──► report
//!  files      matching      claims      findings      human / json / …
//!  + metadata view + offset map
//! ```
//!
//! Nothing reaches back up this chain; `pipeline` strings the stages together and `cli`
//! sits on top.

pub mod config;
pub mod diag;
pub mod extract;
pub mod fsread;
pub mod ingest;
pub mod lint;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod reconcile;
pub mod report;
#[cfg(test)]
mod test_texts;
pub mod yamlio;

pub mod cli;
