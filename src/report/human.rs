//! The human report: input problems, then one miette diagnostic per finding with a
//! labelled snippet from every article involved and notes, then a summary line.
//!
//! miette draws snippets from one [`SourceCode`]; [`Sources`] lays all documents side by
//! side in one virtual offset space (with a gap between them) and answers each read with
//! the document's own name, line and column, so one diagnostic can point into many files.

use super::{
    char_diff, plural, support_of, variant_pairs, window, Counts, Ctx, DocText, RenderOptions,
};
use crate::model::{Finding, Problem, Report, Severity};
use crate::pipeline::Processed;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Render for a person. `color` chooses ANSI colours. (Kept for the CLI; prefer
/// [`super::render`].)
pub fn render(report: &Report, docs: &[Processed], color: bool) -> String {
    let texts: Vec<DocText> = docs.iter().map(DocText::from_processed).collect();
    let opts = RenderOptions {
        color,
        ..RenderOptions::default()
    };
    render_with(report, &texts, &opts)
}

/// Render for a person.
pub fn render_with(report: &Report, docs: &[DocText], opts: &RenderOptions) -> String {
    let ctx = Ctx::new(report, docs);
    let sources = Sources::new(&ctx, opts.width);
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_urls(false);
    let mut out = String::new();
    for p in &report.problems {
        let diag = problem_diagnostic(&ctx, &sources, p);
        push_diagnostic(&mut out, &handler, &diag);
    }
    if !report.problems.is_empty() {
        out.push('\n');
    }
    for f in &report.findings {
        let diag = finding_diagnostic(&ctx, &sources, f);
        push_diagnostic(&mut out, &handler, &diag);
        for note in notes(&ctx, f) {
            push_note(&mut out, &note, opts.width);
        }
        out.push('\n');
    }
    let (agreed, more) = super::agreement_lines(report);
    if !agreed.is_empty() {
        out.push_str("agreements:\n");
        for l in &agreed {
            out.push_str(&format!("  = {l}\n"));
        }
        if more > 0 {
            out.push_str(&format!("  … and {more} more (see --format json)\n"));
        }
        out.push('\n');
    }
    let summary = Counts::of(report).line();
    if opts.color {
        out.push_str(&format!("\x1b[1m{summary}\x1b[0m\n"));
    } else {
        out.push_str(&summary);
        out.push('\n');
    }
    out
}

fn push_diagnostic(out: &mut String, handler: &GraphicalReportHandler, diag: &Diag) {
    let mut s = String::new();
    if handler.render_report(&mut s, diag).is_err() {
        // A snippet could not be read: fall back to the header alone.
        s = format!("  {}\n", diag.header);
    }
    // miette ends with a blank line after snippets; keep exactly one newline.
    out.push_str(s.trim_end_matches('\n'));
    out.push('\n');
}

/// `  = note: text`, wrapped to `width` with a hanging indent.
fn push_note(out: &mut String, note: &str, width: usize) {
    let first = "  = note: ";
    let rest = " ".repeat(first.len());
    for (i, line) in note.lines().enumerate() {
        let indent = if i == 0 { first } else { rest.as_str() };
        let opts = textwrap::Options::new(width.max(20))
            .initial_indent(indent)
            .subsequent_indent(&rest);
        out.push_str(&textwrap::fill(line, opts));
        out.push('\n');
    }
}

/// The notes under a finding.
fn notes(ctx: &Ctx, f: &Finding) -> Vec<String> {
    let mut notes = Vec::new();
    if f.kind == "variant-spelling" {
        for (a, b) in variant_pairs(f) {
            notes.push(format!("spelling: {a} → {b}: {}", char_diff(a, b)));
        }
    }
    if f.kind == "change" || f.values.iter().any(|v| v.as_of.is_some()) {
        let mut parts = Vec::new();
        for v in &f.values {
            let when = v.as_of.clone().or_else(|| published_of(ctx, &v.claims));
            parts.push(match when {
                Some(w) => format!("{} as of {w}", v.value),
                None => format!("{} (date unknown)", v.value),
            });
        }
        if !parts.is_empty() {
            notes.push(format!("over time: {}", parts.join("; ")));
        }
    }
    if let Some(m) = &f.majority {
        let support = f
            .values
            .iter()
            .find(|v| &v.value == m)
            .map(|v| v.support)
            .unwrap_or(0);
        let total: usize = f.values.iter().map(|v| v.support).sum();
        notes.push(format!(
            "majority: {m} ({support} of {})",
            plural(total, "source", "sources")
        ));
    }
    // Claims whose text is not available are at least named.
    for c in ctx.finding_claims(f) {
        if ctx.locate(c).is_none() {
            notes.push(format!("also in {}: “{}”", ctx.path(&c.doc), c.text));
        }
    }
    notes
}

/// The published date of the first document among `claims` that has one.
fn published_of(ctx: &Ctx, claims: &[String]) -> Option<String> {
    claims.iter().find_map(|id| {
        let c = ctx.claim(id)?;
        let d = ctx.report.documents.iter().find(|d| d.id == c.doc)?;
        d.published.as_ref().map(|p| format!("{p} (published)"))
    })
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn finding_diagnostic<'s>(ctx: &Ctx, sources: &'s Sources<'s>, f: &Finding) -> Diag<'s> {
    let mut labels = Vec::new();
    for c in ctx.finding_claims(f) {
        let Some(loc) = ctx.locate(c) else { continue };
        let Some(base) = sources.base(&c.doc) else {
            continue;
        };
        let label = match support_of(f, &c.id) {
            Some(v) => {
                let mut l = format!("{} — {}", v.value, plural(v.support, "source", "sources"));
                if let Some(a) = &v.as_of {
                    l.push_str(&format!(", as of {a}"));
                }
                l
            }
            None => c.text.clone(),
        };
        // Several claims of one span (a name and what it was said to be) show once.
        let offset = base + loc.range.start;
        if labels.iter().any(|l: &LabeledSpan| {
            l.offset() == offset && l.len() == loc.range.len() && l.label() == Some(label.as_str())
        }) {
            continue;
        }
        labels.push(LabeledSpan::new(Some(label), offset, loc.range.len()));
    }
    Diag {
        header: format!("{}[{}]: {}", f.severity.as_str(), f.rule, f.message),
        severity: miette_severity(f.severity),
        labels,
        sources,
    }
}

fn problem_diagnostic<'s>(ctx: &Ctx, sources: &'s Sources<'s>, p: &Problem) -> Diag<'s> {
    let mut labels = Vec::new();
    let doc = ctx
        .report
        .documents
        .iter()
        .find(|d| d.path == p.path)
        .map(|d| d.id.as_str());
    if let (Some(span), Some(doc)) = (p.span, doc) {
        if let (Some(ix), Some(base)) = (ctx.indexed(doc), sources.base(doc)) {
            let r = ix.doc.decoded_range(span);
            labels.push(LabeledSpan::new(
                Some("here".to_string()),
                base + r.start,
                r.len(),
            ));
        }
    }
    Diag {
        header: format!("{}: {}: {}", p.severity.as_str(), p.path, p.message),
        severity: miette_severity(p.severity),
        labels,
        sources,
    }
}

/// One diagnostic as miette sees it.
struct Diag<'s> {
    header: String,
    severity: miette::Severity,
    labels: Vec<LabeledSpan>,
    sources: &'s Sources<'s>,
}

impl fmt::Debug for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diag")
            .field("header", &self.header)
            .finish()
    }
}

impl fmt::Display for Diag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Diag<'_> {}

impl Diagnostic for Diag<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.labels.is_empty() {
            None
        } else {
            Some(self.sources)
        }
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// All documents in one virtual offset space: document `i` occupies
/// `[base_i, base_i + len_i]`, and one unused offset separates neighbours.
///
/// Lines wider than `budget` columns (a paragraph on one line, as in most articles) are
/// shown as a window around the label instead, without context lines.
struct Sources<'a> {
    docs: Vec<SourceEntry<'a>>,
    by_id: HashMap<&'a str, usize>,
    budget: usize,
    /// The virtual spans of all claims and problems: the spans miette may ask for on their
    /// own, as opposed to the unions it tries when merging snippets.
    labels: HashSet<(usize, usize)>,
}

struct SourceEntry<'a> {
    id: &'a str,
    name: &'a str,
    text: &'a str,
    base: usize,
    line_starts: &'a [usize],
}

impl<'a> Sources<'a> {
    fn new(ctx: &'a Ctx<'a>, width: usize) -> Self {
        let mut base = 0;
        let docs = ctx
            .docs
            .iter()
            .map(|ix| {
                let e = SourceEntry {
                    id: ix.doc.id,
                    name: ix.doc.path,
                    text: ix.doc.text,
                    base,
                    line_starts: &ix.line_starts,
                };
                base += ix.doc.text.len() + 1;
                e
            })
            .collect::<Vec<_>>();
        let by_id = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let mut sources = Sources {
            docs,
            by_id,
            // Room for the gutter (` 123 │ `) and a margin.
            budget: width.saturating_sub(12).max(20),
            labels: HashSet::new(),
        };
        let mut labels = HashSet::new();
        for c in &ctx.report.claims {
            if let (Some(ix), Some(base)) = (ctx.indexed(&c.doc), sources.base(&c.doc)) {
                let r = ix.doc.decoded_range(c.span);
                labels.insert((base + r.start, r.len()));
            }
        }
        for p in &ctx.report.problems {
            let doc = ctx.report.documents.iter().find(|d| d.path == p.path);
            if let (Some(span), Some(doc)) = (p.span, doc) {
                if let (Some(ix), Some(base)) = (ctx.indexed(&doc.id), sources.base(&doc.id)) {
                    let r = ix.doc.decoded_range(span);
                    labels.insert((base + r.start, r.len()));
                }
            }
        }
        sources.labels = labels;
        sources
    }

    fn base(&self, doc: &str) -> Option<usize> {
        self.by_id.get(doc).map(|&i| self.docs[i].base)
    }
}

impl fmt::Debug for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.docs.iter().map(|d| d.name))
            .finish()
    }
}

impl SourceCode for Sources<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let at = span.offset();
        let i = self.docs.partition_point(|d| d.base <= at);
        let d = i
            .checked_sub(1)
            .map(|i| &self.docs[i])
            .ok_or(MietteError::OutOfBounds)?;
        let start = at - d.base;
        let end = start + span.len();
        // A span that leaves its document (e.g. miette trying to merge two snippets from
        // different files) cannot be read.
        if end > d.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line_of = |at: usize| d.line_starts.partition_point(|&s| s <= at) - 1;
        let first = line_of(start);
        let last = line_of(if end > start { end - 1 } else { start });
        let column = d.text[d.line_starts[first]..start].chars().count();
        if context_lines_before == 0 && context_lines_after == 0 {
            return Ok(Box::new(MietteSpanContents::new_named(
                d.name.to_string(),
                &d.text.as_bytes()[start..end],
                SourceSpan::new((d.base + start).into(), end - start),
                first,
                column,
                last - first + 1,
            )));
        }
        let from_line = first.saturating_sub(context_lines_before);
        let to_line = (last + context_lines_after).min(d.line_starts.len() - 1);
        let line_text = |l: usize| {
            let s = d.line_starts[l];
            let e = d.line_starts.get(l + 1).copied().unwrap_or(d.text.len());
            d.text[s..e].trim_end_matches(['\n', '\r'])
        };
        let fits = (from_line..=to_line)
            .all(|l| textwrap::core::display_width(line_text(l)) <= self.budget);
        if !fits {
            if first != last && !self.labels.contains(&(at, span.len())) {
                // miette trying to merge snippets on long lines: keep them apart.
                return Err(MietteError::OutOfBounds);
            }
            if first == last {
                let ls = d.line_starts[first];
                let line = line_text(first);
                let (a, b) = window(
                    line,
                    (start - ls).min(line.len()),
                    (end - ls).min(line.len()),
                    self.budget,
                );
                let (from, to) = (ls + a, ls + b.max(end - ls));
                return Ok(Box::new(MietteSpanContents::new_named(
                    d.name.to_string(),
                    &d.text.as_bytes()[from..to],
                    SourceSpan::new((d.base + from).into(), to - from),
                    first,
                    line[..a].chars().count(),
                    1,
                )));
            }
            // A claim over several long lines: those lines, as they are.
            let from = d.line_starts[first];
            let to = d.line_starts.get(last + 1).copied().unwrap_or(d.text.len());
            return Ok(Box::new(MietteSpanContents::new_named(
                d.name.to_string(),
                &d.text.as_bytes()[from..to],
                SourceSpan::new((d.base + from).into(), to - from),
                first,
                0,
                last - first + 1,
            )));
        }
        let from = d.line_starts[from_line];
        let to = d
            .line_starts
            .get(to_line + 1)
            .copied()
            .unwrap_or(d.text.len());
        Ok(Box::new(MietteSpanContents::new_named(
            d.name.to_string(),
            &d.text.as_bytes()[from..to],
            SourceSpan::new((d.base + from).into(), to - from),
            from_line,
            0,
            to_line - from_line + 1,
        )))
    }
}
