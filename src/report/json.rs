//! The JSON report (contract version 1, `docs/report-format.md`).

use crate::model::Report;

/// Pretty JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("a report always serializes");
    s.push('\n');
    s
}
