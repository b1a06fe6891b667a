//! Markdown for a pull request or an issue: a title, a summary table, input problems,
//! then one section per finding with a table of who says what (one row per article and
//! value: its first place, the others counted), and for variant
//! spellings the character diff in a code block.

use super::{
    char_diff, first_places, plural, support_of, variant_pairs, window, written, Counts, Ctx,
    DocText,
};

/// Columns of article text quoted around a claim.
const QUOTE_WIDTH: usize = 60;
use crate::model::{Finding, Report};

/// The whole report as GitHub-flavoured Markdown.
pub fn render(report: &Report, docs: &[DocText]) -> String {
    let ctx = Ctx::new(report, docs);
    let c = Counts::of(report);
    let mut out = String::from("# factcheck report\n\n");
    out.push_str(&format!("{}.\n\n", c.line()));
    out.push_str("| | count |\n|---|---:|\n");
    for (k, v) in [
        ("documents", c.documents),
        ("claims", c.claims),
        ("findings", c.findings),
        ("errors", c.errors),
        ("warnings", c.warnings),
        ("info", c.info),
    ] {
        out.push_str(&format!("| {k} | {v} |\n"));
    }
    if !report.problems.is_empty() {
        out.push_str("\n## Input problems\n\n");
        for p in &report.problems {
            out.push_str(&format!(
                "- **{}** `{}`: {}\n",
                p.severity.as_str().to_uppercase(),
                code(&p.path),
                inline(&p.message)
            ));
        }
    }
    if !report.findings.is_empty() {
        out.push_str("\n## Findings\n");
    }
    for f in &report.findings {
        finding(&mut out, &ctx, f);
    }
    let (agreed, more) = super::agreement_lines(report);
    if !agreed.is_empty() {
        out.push_str("\n## Agreements\n\n");
        for l in &agreed {
            out.push_str(&format!("- {}\n", inline(l)));
        }
        if more > 0 {
            out.push_str(&format!("- … and {more} more (see the JSON report)\n"));
        }
    }
    out
}

fn finding(out: &mut String, ctx: &Ctx, f: &Finding) {
    out.push_str(&format!(
        "\n### {} · **{}** · `{}`\n\n{}\n",
        f.id,
        f.severity.as_str().to_uppercase(),
        code(&f.rule),
        inline(&f.message)
    ));
    let with_as_of = f.values.iter().any(|v| v.as_of.is_some());
    out.push('\n');
    if with_as_of {
        out.push_str("| value | as of | source | support | quoted text |\n");
        out.push_str("|---|---|---|---|---|\n");
    } else {
        out.push_str("| value | source | support | quoted text |\n");
        out.push_str("|---|---|---|---|\n");
    }
    // One row per article and value (its first place; the others counted), the value as
    // written.
    for (c, more) in first_places(ctx, f) {
        let v = support_of(f, &c.id);
        let shown = written(ctx, c);
        let value = shown.as_str();
        let mut support = v
            .map(|v| plural(v.support, "source", "sources"))
            .unwrap_or_default();
        if v.is_some_and(|v| f.majority.as_deref() == Some(v.value.as_str())) {
            support.push_str(" (majority)");
        }
        if more > 0 {
            support.push_str(&format!("; and {more} more in this article"));
        }
        let mut source = match ctx.line(c) {
            Some(l) => format!("`{}:{l}`", code(ctx.path(&c.doc))),
            None => format!("`{}`", code(ctx.path(&c.doc))),
        };
        if let Some(name) = ctx
            .report
            .documents
            .iter()
            .find(|d| d.id == c.doc)
            .and_then(|d| d.source.as_deref())
        {
            source.push_str(&format!(" ({})", inline(name)));
        }
        let quote = quoted(ctx, c);
        if with_as_of {
            let as_of = v.and_then(|v| v.as_of.as_deref()).unwrap_or("");
            out.push_str(&format!(
                "| {} | {} | {source} | {support} | {quote} |\n",
                inline(value),
                inline(as_of)
            ));
        } else {
            out.push_str(&format!(
                "| {} | {source} | {support} | {quote} |\n",
                inline(value)
            ));
        }
    }
    if f.kind == "variant-spelling" {
        let pairs = variant_pairs(f);
        if !pairs.is_empty() {
            out.push_str("\n```text\n");
            for (a, b) in pairs {
                out.push_str(&format!("{a} → {b}: {}\n", char_diff(a, b)));
            }
            out.push_str("```\n");
        }
    }
    if let Some(m) = &f.majority {
        out.push_str(&format!("\nMajority: **{}**\n", inline(m)));
    }
}

/// The line that holds the claim, with the claim in bold; or the claim's text.
fn quoted(ctx: &Ctx, c: &crate::model::Claim) -> String {
    let Some(loc) = ctx.locate(c) else {
        return format!("“{}”", inline(&c.text));
    };
    let Some(ix) = ctx.indexed(&c.doc) else {
        return format!("“{}”", inline(&c.text));
    };
    let line = ix.line_of(loc.range.start);
    let line_start = ix.line_starts[line];
    let text = ix.line_text(line);
    let s = (loc.range.start - line_start).min(text.len());
    let e = (loc.range.end - line_start).clamp(s, text.len());
    // A paragraph on one line is cut to about 60 columns around the claim.
    let (a, b) = window(text, s, e, QUOTE_WIDTH);
    format!(
        "“{}{}**{}**{}{}”",
        if a > 0 { "…" } else { "" },
        inline(text[a..s].trim_start()),
        inline(&text[s..e]),
        inline(text[e..b].trim_end()),
        if b < text.len() { "…" } else { "" },
    )
}

/// Text safe inside a table cell: Markdown punctuation escaped, line breaks as spaces.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// Text inside a code span in a table: only `|` and backticks need care.
fn code(s: &str) -> String {
    s.replace('|', "\\|").replace('`', "'")
}
