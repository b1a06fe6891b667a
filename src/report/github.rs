//! GitHub Actions workflow commands: one `::error …::message` line (or `::warning`,
//! `::notice`) per place of each finding (several claims of one span are one place), so the
//! annotation shows on every article involved. Columns count characters; `endColumn` is the column just after the span and
//! is only given when the span is on one line.

use super::{distinct_places, plural, support_of, written, Ctx, DocText};
use crate::model::{Report, Severity};

/// The workflow commands, one per line.
pub fn render(report: &Report, docs: &[DocText]) -> String {
    let ctx = Ctx::new(report, docs);
    let mut out = String::new();
    for p in &report.problems {
        let props = [
            ("file", p.path.clone()),
            ("title", "factcheck input".to_string()),
        ];
        line(&mut out, p.severity, &props, &p.message);
    }
    for f in &report.findings {
        let title = format!("factcheck {}", f.rule);
        let claims = distinct_places(&ctx, f);
        if claims.is_empty() {
            line(
                &mut out,
                f.severity,
                &[("title", title.clone())],
                &f.message,
            );
        }
        for c in claims {
            let mut props = vec![("file", ctx.path(&c.doc).to_string())];
            if let Some(loc) = ctx.locate(c) {
                props.push(("line", loc.start.line.to_string()));
                props.push(("endLine", loc.end.line.to_string()));
                if loc.start.line == loc.end.line {
                    props.push(("col", loc.start.column.to_string()));
                    props.push(("endColumn", loc.end.column.to_string()));
                }
            }
            props.push(("title", title.clone()));
            let message = match support_of(f, &c.id) {
                Some(v) => format!(
                    "{} (this source: {} — {})",
                    f.message,
                    written(&ctx, c),
                    plural(v.support, "source", "sources")
                ),
                None => f.message.clone(),
            };
            line(&mut out, f.severity, &props, &message);
        }
    }
    out
}

fn line(out: &mut String, severity: Severity, props: &[(&str, String)], message: &str) {
    let command = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    out.push_str("::");
    out.push_str(command);
    for (i, (k, v)) in props.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        out.push_str(k);
        out.push('=');
        out.push_str(&escape_property(v));
    }
    out.push_str("::");
    out.push_str(&escape_data(message));
    out.push('\n');
}

/// Escape a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as [`escape_data`], plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
