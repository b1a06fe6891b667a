//! JSON lines: one object per line, `{"type":"document",…}` lines first, then
//! `{"type":"claim",…}`, then `{"type":"finding",…}`, then `{"type":"problem",…}`; each
//! in the report's order. The other fields are exactly those of the JSON report.

use crate::model::Report;
use serde::Serialize;

/// One line per record, each ending in a newline.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.documents {
        push(&mut out, "document", d);
    }
    for c in &report.claims {
        push(&mut out, "claim", c);
    }
    for f in &report.findings {
        push(&mut out, "finding", f);
    }
    for p in &report.problems {
        push(&mut out, "problem", p);
    }
    out
}

/// `{"type":"<kind>", <the fields of item>}`: `type` first, then the fields in their
/// declared order.
fn push<T: Serialize>(out: &mut String, kind: &str, item: &T) {
    let body = serde_json::to_string(item).expect("a report item always serializes");
    out.push_str("{\"type\":\"");
    out.push_str(kind);
    out.push('"');
    let rest = body.strip_prefix('{').unwrap_or(&body);
    if rest != "}" {
        out.push(',');
    }
    out.push_str(rest);
    out.push('\n');
}
