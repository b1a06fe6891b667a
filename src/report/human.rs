//! The human report: input problems, then one miette diagnostic per finding with labelled
//! snippets from the articles involved and notes, then a summary line.
//!
//! A finding shows at most [`MAX_SNIPPETS`] labelled claims; past that, every other article
//! is one note line (`also in PATH:LINE:COL: label (+N more here)`), so the report stays
//! linear in the claims of a finding (miette itself is quadratic in the labels of one
//! diagnostic) and readable for a finding over thousands of articles.
//!
//! miette draws snippets from one [`SourceCode`]; [`Sources`] lays all documents side by
//! side in one virtual offset space (with a gap between them) and answers each read with
//! the document's own name, line and column, so one diagnostic can point into many files.

use super::{char_diff, fits, plural, variant_pairs, window, Counts, Ctx, DocText, RenderOptions};
use crate::model::{Claim, Finding, Problem, Report, Severity, ValueSupport};
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

/// The most claims of one finding drawn as labelled snippets; the other articles of the
/// finding are listed one line each.
pub const MAX_SNIPPETS: usize = 10;

/// What the human renderer looks up besides [`Ctx`]: documents by path, publication dates.
struct Lookup<'a> {
    doc_by_path: HashMap<&'a str, &'a str>,
    published: HashMap<&'a str, &'a str>,
}

impl<'a> Lookup<'a> {
    fn new(report: &'a Report) -> Self {
        let mut doc_by_path = HashMap::new();
        for d in &report.documents {
            // The first document of a path, as a search in order would find.
            doc_by_path.entry(d.path.as_str()).or_insert(d.id.as_str());
        }
        let mut published = HashMap::new();
        for d in &report.documents {
            if let Some(p) = &d.published {
                published.entry(d.id.as_str()).or_insert(p.as_str());
            }
        }
        Lookup {
            doc_by_path,
            published,
        }
    }
}

/// Render for a person.
pub fn render_with(report: &Report, docs: &[DocText], opts: &RenderOptions) -> String {
    let ctx = Ctx::new(report, docs);
    let lookup = Lookup::new(report);
    let sources = Sources::new(&ctx, &lookup, opts.width);
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
        let diag = problem_diagnostic(&ctx, &lookup, &sources, p);
        push_diagnostic(&mut out, &handler, &diag);
    }
    if !report.problems.is_empty() {
        out.push('\n');
    }
    for f in &report.findings {
        let (diag, more) = finding_diagnostic(&ctx, &sources, f);
        push_diagnostic(&mut out, &handler, &diag);
        for note in more.into_iter().chain(notes(&ctx, &lookup, f)) {
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
fn notes(ctx: &Ctx, lookup: &Lookup, f: &Finding) -> Vec<String> {
    let mut notes = Vec::new();
    if f.kind == "variant-spelling" {
        for (a, b) in variant_pairs(f) {
            notes.push(format!("spelling: {a} → {b}: {}", char_diff(a, b)));
        }
    }
    if f.kind == "change" || f.values.iter().any(|v| v.as_of.is_some()) {
        let mut parts = Vec::new();
        for v in &f.values {
            let when = v
                .as_of
                .clone()
                .or_else(|| published_of(ctx, lookup, &v.claims));
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
        if ctx.indexed(&c.doc).is_none() {
            notes.push(format!("also in {}: “{}”", ctx.path(&c.doc), c.text));
        }
    }
    notes
}

/// The published date of the first document among `claims` that has one.
fn published_of(ctx: &Ctx, lookup: &Lookup, claims: &[String]) -> Option<String> {
    claims.iter().find_map(|id| {
        let c = ctx.claim(id)?;
        let p = lookup.published.get(c.doc.as_str())?;
        Some(format!("{p} (published)"))
    })
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// A claim of a finding as it would be labelled.
struct Candidate<'c> {
    claim: &'c Claim,
    /// Index of the claim's value in `Finding::values`, if any.
    value: Option<usize>,
    offset: usize,
    len: usize,
    label: String,
}

/// The finding's diagnostic (at most [`MAX_SNIPPETS`] labels), and one note line for each
/// other article, in the order of the articles.
fn finding_diagnostic<'s>(
    ctx: &Ctx,
    sources: &'s Sources<'s>,
    f: &Finding,
) -> (Diag<'s>, Vec<String>) {
    // The value group of each claim, by id (one pass; a search per claim was quadratic).
    let mut value_of: HashMap<&str, usize> = HashMap::new();
    for (i, v) in f.values.iter().enumerate() {
        for c in &v.claims {
            value_of.entry(c.as_str()).or_insert(i);
        }
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut seen: HashSet<(usize, usize, String)> = HashSet::new();
    for c in ctx.finding_claims(f) {
        let Some(ix) = ctx.indexed(&c.doc) else {
            continue;
        };
        let Some(base) = sources.base(&c.doc) else {
            continue;
        };
        let range = ix.doc.decoded_range(c.span);
        let value = value_of.get(c.id.as_str()).copied();
        let label = match value.map(|i| &f.values[i]) {
            Some(v) => value_label(v),
            None => c.text.clone(),
        };
        // Several claims of one span (a name and what it was said to be) show once.
        let offset = base + range.start;
        if !seen.insert((offset, range.len(), label.clone())) {
            continue;
        }
        candidates.push(Candidate {
            claim: c,
            value,
            offset,
            len: range.len(),
            label,
        });
    }
    let shown = choose_snippets(&candidates);
    // Claims not drawn: counted on their article's drawn claim when it has one, else
    // listed below.
    let mut drawn: HashMap<&str, usize> = HashMap::new();
    for (i, cand) in candidates.iter().enumerate() {
        if shown[i] {
            drawn.entry(cand.claim.doc.as_str()).or_insert(i);
        }
    }
    let mut extra = vec![0usize; candidates.len()];
    let mut rest: Vec<&Candidate> = Vec::new();
    for (i, cand) in candidates.iter().enumerate() {
        if shown[i] {
            continue;
        }
        match drawn.get(cand.claim.doc.as_str()) {
            Some(&d) => extra[d] += 1,
            None => rest.push(cand),
        }
    }
    let mut labels = Vec::new();
    for (i, cand) in candidates.iter().enumerate() {
        if shown[i] {
            let label = match extra[i] {
                0 => cand.label.clone(),
                n => format!("{} (+{n} more here)", cand.label),
            };
            labels.push(LabeledSpan::new(Some(label), cand.offset, cand.len));
        }
    }
    // The others: one line per article, at its first claim not shown, in article order.
    rest.sort_by_key(|c| c.offset);
    let mut more = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let doc = &rest[i].claim.doc;
        let n = rest[i..].iter().take_while(|c| &c.claim.doc == doc).count();
        let first = rest[i];
        let at = ctx
            .indexed(doc)
            .map(|ix| {
                let p = sources.position(ix, first.offset - sources.base(doc).unwrap_or(0));
                format!("{}:{}:{}", ix.doc.path, p.0 + 1, p.1 + 1)
            })
            .unwrap_or_else(|| ctx.path(doc).to_string());
        let extra = if n > 1 {
            format!(" (+{} more here)", n - 1)
        } else {
            String::new()
        };
        more.push(format!("also in {at}: {}{extra}", first.label));
        i += n;
    }
    let diag = Diag {
        header: format!("{}[{}]: {}", f.severity.as_str(), f.rule, f.message),
        severity: miette_severity(f.severity),
        labels,
        sources,
    };
    (diag, more)
}

/// `18 year — 6 sources, as of 2025-02`.
fn value_label(v: &ValueSupport) -> String {
    let mut l = format!("{} — {}", v.value, plural(v.support, "source", "sources"));
    if let Some(a) = &v.as_of {
        l.push_str(&format!(", as of {a}"));
    }
    l
}

/// Which candidates get a snippet: all of them up to [`MAX_SNIPPETS`]; past that, one claim
/// per article, taking the values in turn (each value's next article not shown yet), so
/// every value of a conflict is seen when there are at most `MAX_SNIPPETS` of them.
fn choose_snippets(candidates: &[Candidate]) -> Vec<bool> {
    if candidates.len() <= MAX_SNIPPETS {
        return vec![true; candidates.len()];
    }
    let mut shown = vec![false; candidates.len()];
    // Candidates by value group, groups in order of first appearance.
    let mut group_of: HashMap<Option<usize>, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let g = *group_of.entry(c.value).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut next = vec![0usize; groups.len()];
    let mut docs: HashSet<&str> = HashSet::new();
    let mut count = 0;
    while count < MAX_SNIPPETS {
        let mut progressed = false;
        for (g, members) in groups.iter().enumerate() {
            if count == MAX_SNIPPETS {
                break;
            }
            // This group's next claim in an article without a snippet yet.
            while let Some(&i) = members.get(next[g]) {
                next[g] += 1;
                if docs.insert(candidates[i].claim.doc.as_str()) {
                    shown[i] = true;
                    count += 1;
                    progressed = true;
                    break;
                }
            }
        }
        if !progressed {
            break;
        }
    }
    shown
}

fn problem_diagnostic<'s>(
    ctx: &Ctx,
    lookup: &Lookup,
    sources: &'s Sources<'s>,
    p: &Problem,
) -> Diag<'s> {
    let mut labels = Vec::new();
    let doc = lookup.doc_by_path.get(p.path.as_str()).copied();
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
    chars: CharIndex<'a>,
}

impl<'a> Sources<'a> {
    fn new(ctx: &'a Ctx<'a>, lookup: &Lookup, width: usize) -> Self {
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
                    chars: CharIndex::new(ix.doc.text),
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
            let doc = lookup.doc_by_path.get(p.path.as_str()).copied();
            if let (Some(span), Some(doc)) = (p.span, doc) {
                if let (Some(ix), Some(base)) = (ctx.indexed(doc), sources.base(doc)) {
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

    /// 0-based line and column (in characters) of a decoded offset of a document.
    fn position(&self, ix: &super::Indexed, at: usize) -> (usize, usize) {
        let line = ix.line_of(at);
        let column = match self.by_id.get(ix.doc.id) {
            Some(&i) => self.docs[i].chars.count(ix.line_starts[line], at),
            None => ix.doc.text[ix.line_starts[line]..at].chars().count(),
        };
        (line, column)
    }
}

/// Characters between two byte offsets of a text in time independent of the distance (a
/// claim deep in a paragraph of megabytes on one line would otherwise cost a count from the
/// start of the line, for every snippet on that line).
struct CharIndex<'a> {
    text: &'a [u8],
    /// Characters before byte `k * CharIndex::STEP`.
    before: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    const STEP: usize = 4096;

    fn new(text: &'a str) -> Self {
        let text = text.as_bytes();
        let mut before = Vec::with_capacity(text.len() / Self::STEP + 2);
        let mut n = 0;
        for chunk in text.chunks(Self::STEP) {
            before.push(n);
            n += chunk.iter().filter(|&&b| !is_continuation(b)).count();
        }
        // For an offset at the end of a text whose length is a multiple of STEP.
        before.push(n);
        CharIndex { text, before }
    }

    /// Characters before byte offset `at` (on a character boundary).
    fn at(&self, at: usize) -> usize {
        let k = at / Self::STEP;
        self.before[k]
            + self.text[k * Self::STEP..at]
                .iter()
                .filter(|&&b| !is_continuation(b))
                .count()
    }

    /// Characters in `from..to` (character boundaries).
    fn count(&self, from: usize, to: usize) -> usize {
        self.at(to) - self.at(from)
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
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
        let column = d.chars.count(d.line_starts[first], start);
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
        let fits = (from_line..=to_line).all(|l| fits(line_text(l), self.budget));
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
                    d.chars.count(ls, ls + a),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, DocumentInfo, Lang, Span, Value, REPORT_VERSION};
    use std::collections::BTreeMap;

    fn doc(i: usize) -> DocumentInfo {
        DocumentInfo {
            id: format!("D{i}"),
            path: format!("a{i:02}.md"),
            title: None,
            published: None,
            published_inferred: false,
            source: None,
            lang: Lang::ZhHans,
            provenance: BTreeMap::new(),
        }
    }

    fn claim(id: String, doc: usize, span: Span, text: &str) -> Claim {
        Claim {
            id,
            doc: format!("D{doc}"),
            span,
            text: text.into(),
            subject: "s".into(),
            predicate: "p".into(),
            value: Value::Text { text: text.into() },
            qualifiers: BTreeMap::new(),
            rule: "test".into(),
        }
    }

    /// `n` articles of one line, `他深耕18年。` (the last `twenties` say 20), and one finding
    /// over all of their figures; article 0 states its figure three times.
    fn many(n: usize, twenties: usize) -> (Report, Vec<(String, String, String)>) {
        let mut texts = vec![];
        let mut claims = vec![];
        let (mut c18, mut c20) = (vec![], vec![]);
        for i in 0..n {
            let y = if i >= n - twenties { "20" } else { "18" };
            let reps = if i == 0 { 3 } else { 1 };
            let text = format!("他深耕{y}年。\n").repeat(reps);
            for r in 0..reps {
                let at = r * text.len() / reps + "他深耕".len();
                let id = format!("C{i}-{r}");
                claims.push(claim(id.clone(), i, Span::new(at, at + 2), y));
                if y == "18" {
                    c18.push(id)
                } else {
                    c20.push(id)
                }
            }
            texts.push((format!("D{i}"), format!("a{i:02}.md"), text));
        }
        let all: Vec<String> = c18.iter().chain(&c20).cloned().collect();
        let finding = Finding {
            id: "F1".into(),
            rule: "conflicting-values".into(),
            kind: "conflict".into(),
            severity: Severity::Error,
            message: "sources disagree".into(),
            claims: all,
            values: vec![
                ValueSupport {
                    value: "18 year".into(),
                    support: n - twenties,
                    claims: c18,
                    as_of: None,
                },
                ValueSupport {
                    value: "20 year".into(),
                    support: twenties,
                    claims: c20,
                    as_of: None,
                },
            ],
            majority: None,
            fingerprint: "0".into(),
        };
        let report = Report {
            version: REPORT_VERSION,
            documents: (0..n).map(doc).collect(),
            claims,
            findings: vec![finding],
            alignments: vec![],
            problems: vec![],
            entities: vec![],
        };
        (report, texts)
    }

    fn render_many(n: usize, twenties: usize) -> String {
        let (report, texts) = many(n, twenties);
        let docs: Vec<DocText> = texts
            .iter()
            .map(|(id, path, text)| DocText::utf8(id, path, text))
            .collect();
        render_with(&report, &docs, &RenderOptions::default())
    }

    #[test]
    fn a_small_finding_draws_every_claim() {
        let out = render_many(3, 1);
        // Article 0's three claims are on neighbouring lines: one snippet.
        assert_eq!(out.matches("╭─[").count(), 3, "{out}");
        assert_eq!(out.matches("18 year — 2 sources").count(), 4, "{out}");
        assert!(!out.contains("also in"), "{out}");
    }

    #[test]
    fn a_large_finding_draws_a_few_articles_and_lists_the_others() {
        let out = render_many(40, 3);
        assert_eq!(out.matches("╭─[").count(), MAX_SNIPPETS, "{out}");
        // Both values are drawn, though the 20s are the last three articles.
        assert!(out.contains("╰── 20 year — 3 sources"), "{out}");
        assert!(out.contains("╰── 18 year — 37 sources"), "{out}");
        // Every article is named exactly once: drawn, or on its own line.
        for i in 0..40 {
            let path = format!("a{i:02}.md:");
            assert_eq!(out.matches(&path).count(), 1, "{path}\n{out}");
        }
        assert_eq!(out.matches("= note: also in").count(), 40 - MAX_SNIPPETS);
        // Article 0 is drawn at its first claim; its two others are counted, not drawn.
        assert!(out.contains("╭─[a00.md:1:4]"), "{out}");
        assert!(
            out.contains("╰── 18 year — 37 sources (+2 more here)"),
            "{out}"
        );
        // An article listed on a line: where, its label, and no count when it has one claim.
        assert!(
            out.contains("also in a20.md:1:4: 18 year — 37 sources\n"),
            "{out}"
        );
    }

    #[test]
    fn an_article_beyond_the_cap_says_how_many_more_it_holds() {
        let (mut report, texts) = many(40, 3);
        // Article 0's figures as the finding's last claims: it is listed, not drawn.
        let f = &mut report.findings[0];
        f.claims.rotate_left(3);
        f.values[0].claims.rotate_left(3);
        let docs: Vec<DocText> = texts
            .iter()
            .map(|(id, path, text)| DocText::utf8(id, path, text))
            .collect();
        let out = render_with(&report, &docs, &RenderOptions::default());
        assert!(
            out.contains("also in a00.md:1:4: 18 year — 37 sources (+2 more here)"),
            "{out}"
        );
    }

    #[test]
    fn char_index_counts_like_chars() {
        let text = "一a二bc三".repeat(3000) + "end";
        let ix = CharIndex::new(&text);
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(97)
            .chain([text.len()])
            .collect();
        for w in bounds.windows(2) {
            assert_eq!(ix.count(0, w[1]), text[..w[1]].chars().count());
            assert_eq!(ix.count(w[0], w[1]), text[w[0]..w[1]].chars().count());
        }
        // A text whose length is a multiple of the step.
        let exact = "ab".repeat(CharIndex::STEP);
        let ix = CharIndex::new(&exact);
        assert_eq!(ix.count(0, exact.len()), exact.len());
    }

    #[test]
    fn fits_is_the_display_width_test() {
        let budget = 20;
        for line in [
            "short".to_string(),
            "一".repeat(10),
            "一".repeat(11),
            "x".repeat(500),
            format!("\x1b[1m{}\x1b[0m", "y".repeat(20)),
            format!("{}\x1b[0m", "\x1b[1m".repeat(200)),
            "e\u{301}".repeat(200),
        ] {
            let exact = textwrap::core::display_width(&line) <= budget;
            assert_eq!(fits(&line, budget), exact, "{line:?}");
        }
    }
}
