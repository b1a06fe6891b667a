//! The human report: input problems (miette diagnostics), then each finding as a headline
//! and one snippet per article and value, then the agreements and a summary line.
//!
//! A finding reads at a glance: its headline, then for each article the first place it
//! states each value (`and 4 more in this article` counts the rest), drawn as the line of
//! text around it with the value underlined and labelled as the article writes it. A
//! finding takes at most [`MAX_FINDING_LINES`] lines and [`MAX_SNIPPETS`] snippets; the
//! other articles are one line each while lines remain, then counted. `verbose` draws every
//! occurrence and lifts the caps. No place is shown twice (several claims of one span are
//! one place). The report stays linear in the claims of a finding.
//!
//! Problems are miette diagnostics: [`Sources`] lays all documents side by side in one
//! virtual offset space (with a gap between them) and answers each read with the
//! document's own name, line and column.

use super::{
    char_diff, distinct_places, fits, plural, variant_pairs, window, written, Counts, Ctx, DocText,
    RenderOptions,
};
use crate::model::{Claim, Finding, Problem, Report, Severity};
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

/// The most snippets one finding draws (without `verbose`).
pub const MAX_SNIPPETS: usize = 8;

/// The most lines one finding takes (without `verbose`), headline and notes included.
pub const MAX_FINDING_LINES: usize = 32;

/// The most agreement lines (without `verbose`; the JSON and HTML reports have all).
pub const MAX_AGREEMENTS: usize = 12;

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

/// ANSI styles, or none.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity) -> &'static str {
        match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }
}

fn symbol(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "×",
        Severity::Warning => "⚠",
        Severity::Info => "☞",
    }
}

/// Render for a person.
pub fn render_with(report: &Report, docs: &[DocText], opts: &RenderOptions) -> String {
    let ctx = Ctx::new(report, docs);
    let lookup = Lookup::new(report);
    let style = Style { on: opts.color };
    let mut out = String::new();
    if !report.problems.is_empty() {
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
        for p in &report.problems {
            let diag = problem_diagnostic(&ctx, &lookup, &sources, p);
            push_diagnostic(&mut out, &handler, &diag);
        }
        out.push('\n');
    }
    for f in &report.findings {
        for line in finding_lines(&ctx, &lookup, &style, f, opts) {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    }
    let (mut agreed, mut more) = super::agreement_lines(report);
    if !opts.verbose && agreed.len() > MAX_AGREEMENTS {
        more += agreed.len() - MAX_AGREEMENTS;
        agreed.truncate(MAX_AGREEMENTS);
    }
    if !agreed.is_empty() {
        out.push_str("agreements:\n");
        for l in &agreed {
            push_wrapped(&mut out, l, "  = ", "    ", opts.width);
        }
        if more > 0 {
            out.push_str(&format!(
                "  … and {more} more (--verbose, --format html or json)\n"
            ));
        }
        out.push('\n');
    }
    let summary = Counts::of(report).line();
    out.push_str(&style.paint("1", &summary));
    out.push('\n');
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

/// `text` wrapped to `width`, the first line after `first`, the others after `rest`.
fn wrapped(text: &str, first: &str, rest: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let indent = if i == 0 { first } else { rest };
        let opts = textwrap::Options::new(width.max(20))
            .initial_indent(indent)
            .subsequent_indent(rest);
        lines.extend(
            textwrap::wrap(line, opts)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines
}

fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str, width: usize) {
    for l in wrapped(text, first, rest, width) {
        out.push_str(&l);
        out.push('\n');
    }
}

/// A place a finding points to: a claim with its document's text.
struct Place<'c> {
    claim: &'c Claim,
    /// Index of the document in [`Ctx::docs`].
    doc: usize,
    /// Decoded byte range.
    range: std::ops::Range<usize>,
    /// Index of the claim's value in `Finding::values`, if any.
    value: Option<usize>,
    /// Other places of the same article and value, not drawn.
    more: usize,
}

/// The lines of one finding.
fn finding_lines(
    ctx: &Ctx,
    lookup: &Lookup,
    style: &Style,
    f: &Finding,
    opts: &RenderOptions,
) -> Vec<String> {
    let width = opts.width;
    let mut lines = Vec::new();
    let header = format!("{}[{}]: {}", f.severity.as_str(), f.rule, f.message);
    let sev = style.severity(f.severity);
    for (i, l) in wrapped(
        &header,
        &format!("  {} ", symbol(f.severity)),
        "  │ ",
        width,
    )
    .into_iter()
    .enumerate()
    {
        // The severity and rule in colour, the rest plain.
        if i == 0 && style.on {
            let cut = l.find(": ").map(|c| c + 1).unwrap_or(l.len());
            lines.push(format!("{}{}", style.paint(sev, &l[..cut]), &l[cut..]));
        } else {
            lines.push(l);
        }
    }

    // The value group of each claim, by id.
    let mut value_of: HashMap<&str, usize> = HashMap::new();
    for (i, v) in f.values.iter().enumerate() {
        for c in &v.claims {
            value_of.entry(c.as_str()).or_insert(i);
        }
    }
    let doc_index: HashMap<&str, usize> = ctx
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.doc.id, i))
        .collect();
    let mut places: Vec<Place> = Vec::new();
    let mut missing: Vec<&Claim> = Vec::new();
    for c in distinct_places(ctx, f) {
        match doc_index.get(c.doc.as_str()) {
            Some(&doc) => places.push(Place {
                claim: c,
                doc,
                range: ctx.docs[doc].doc.decoded_range(c.span),
                value: value_of.get(c.id.as_str()).copied(),
                more: 0,
            }),
            None => missing.push(c),
        }
    }
    places.sort_by_key(|p| (p.doc, p.range.start, p.range.end));
    // One place per article and value: its first; the others counted on it.
    if !opts.verbose {
        let mut first: HashMap<(usize, Option<usize>), usize> = HashMap::new();
        let mut kept: Vec<Place> = Vec::new();
        for p in places {
            match first.get(&(p.doc, p.value)) {
                Some(&k) => kept[k].more += 1,
                None => {
                    first.insert((p.doc, p.value), kept.len());
                    kept.push(p);
                }
            }
        }
        places = kept;
    }

    let notes = notes(ctx, lookup, f, &places, &missing);
    let note_lines: Vec<String> = notes
        .iter()
        .flat_map(|n| wrapped(n, "  = note: ", "          ", width))
        .collect();

    // Which places get a snippet: all when they fit; past the cap, the values in turn.
    // Then every line is counted as drawn (a long location or label wraps), so the finding
    // keeps to its cap whatever the width.
    let room = if opts.verbose {
        usize::MAX
    } else {
        MAX_FINDING_LINES.saturating_sub(lines.len() + note_lines.len())
    };
    let shown = if opts.verbose {
        vec![true; places.len()]
    } else {
        choose(&places, MAX_SNIPPETS.min(room / 3).max(1))
    };
    let mut body: Vec<String> = Vec::new();
    let mut rest: Vec<&Place> = Vec::new();
    for (i, (p, &s)) in places.iter().zip(&shown).enumerate() {
        if s {
            let drawn = snippet(ctx, style, sev, f, p, width);
            // One line stays free to count what is not shown.
            let reserve = usize::from(i + 1 < places.len() || !rest.is_empty());
            if body.len() + drawn.len() + reserve <= room || body.is_empty() {
                body.extend(drawn);
                continue;
            }
        }
        rest.push(p);
    }
    rest.sort_by_key(|p| (p.doc, p.range.start));
    let mut listed = 0;
    for (i, p) in rest.iter().enumerate() {
        let ix = &ctx.docs[p.doc];
        let pos = ix.pos(p.range.start);
        let text = format!(
            "also in {}:{}:{}: {}",
            ix.doc.path,
            pos.line,
            pos.column,
            label(ctx, f, p)
        );
        let also = wrapped(&text, "  = note: ", "          ", width);
        let reserve = usize::from(i + 1 < rest.len());
        if body.len() + also.len() + reserve > room {
            break;
        }
        body.extend(also);
        listed += 1;
    }
    lines.extend(body);
    if rest.len() > listed {
        let left = &rest[listed..];
        let articles: HashSet<usize> = left.iter().map(|p| p.doc).collect();
        lines.push(format!(
            "  = note: … and {} in {} (--verbose shows every one)",
            plural(left.len(), "more place", "more places"),
            plural(articles.len(), "article", "articles")
        ));
    }
    lines.extend(note_lines);
    lines
}

/// Which places get a snippet: all when they are at most `max`; else one per article,
/// taking the values in turn (each value's next article not shown yet), so that every
/// value of a conflict is seen when there are at most `max` of them.
fn choose(places: &[Place], max: usize) -> Vec<bool> {
    if places.len() <= max {
        return vec![true; places.len()];
    }
    let mut shown = vec![false; places.len()];
    let mut group_of: HashMap<Option<usize>, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, p) in places.iter().enumerate() {
        let g = *group_of.entry(p.value).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    let mut next = vec![0usize; groups.len()];
    let mut docs: HashSet<usize> = HashSet::new();
    let mut count = 0;
    while count < max {
        let mut progressed = false;
        for (g, members) in groups.iter().enumerate() {
            if count == max {
                break;
            }
            while let Some(&i) = members.get(next[g]) {
                next[g] += 1;
                if docs.insert(places[i].doc) {
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

/// `人民幣333.7億元 — 1 source, as of 2026-03 (and 2 more in this article)`: the value as
/// the article writes it, how many sources hold its value, when.
fn label(ctx: &Ctx, f: &Finding, p: &Place) -> String {
    let mut l = short(&written(ctx, p.claim), MAX_LABEL_COLUMNS);
    if let Some(v) = p.value.map(|i| &f.values[i]) {
        l.push_str(&format!(" — {}", plural(v.support, "source", "sources")));
        if let Some(a) = &v.as_of {
            l.push_str(&format!(", as of {a}"));
        }
    }
    if p.more > 0 {
        l.push_str(&format!(" (and {} more in this article)", p.more));
    }
    l
}

/// The most columns of a value in a label; the snippet shows the rest.
const MAX_LABEL_COLUMNS: usize = 24;

/// `s` cut to at most `max` columns, with `…` when cut.
fn short(s: &str, max: usize) -> String {
    let w = textwrap::core::display_width;
    if w(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let mut next = out.clone();
        next.push(c);
        if w(&next) + 1 > max {
            break;
        }
        out = next;
    }
    out.push('…');
    out
}

/// Three lines: where, the line of text around the place (a window of it when it is
/// long), and the place underlined, labelled after the underline when the label fits there.
fn snippet(
    ctx: &Ctx,
    style: &Style,
    sev: &str,
    f: &Finding,
    p: &Place,
    width: usize,
) -> Vec<String> {
    let ix = &ctx.docs[p.doc];
    let pos = ix.pos(p.range.start);
    let at = format!("{}:{}:{}", ix.doc.path, pos.line, pos.column);
    let label = label(ctx, f, p);
    let line = ix.line_of(p.range.start);
    let ls = ix.line_starts[line];
    let text = ix.line_text(line);
    let s = (p.range.start - ls).min(text.len());
    let e = (p.range.end - ls).clamp(s, text.len());
    let budget = width.saturating_sub(9).max(10);
    let (a, b) = window(text, s, e, budget);
    let clean = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let before = format!("{}{}", if a > 0 { "…" } else { "" }, clean(&text[a..s]));
    let span = clean(&text[s..e]);
    let after = format!(
        "{}{}",
        clean(&text[e..b]),
        if b < text.len() { "…" } else { "" }
    );
    let w = textwrap::core::display_width;
    let carets = w(&span).max(1);
    // The label after the carets when it fits there, else after the place.
    let on_carets = 7 + w(&before) + carets + w(&label) <= width;
    let mut lines = if on_carets {
        vec![format!("  ├─ {at}")]
    } else {
        wrapped(&format!("{at}: {label}"), "  ├─ ", "  │    ", width)
    };
    lines.push(format!(
        "  │    {before}{}{after}",
        style.paint(&format!("4;{sev}"), &span)
    ));
    lines.push(format!(
        "  │    {}{}{}",
        " ".repeat(w(&before)),
        style.paint(sev, &"^".repeat(carets)),
        if on_carets {
            format!(" {label}")
        } else {
            String::new()
        }
    ));
    lines
}

/// The notes under a finding: what a headline does not say already.
fn notes(
    ctx: &Ctx,
    lookup: &Lookup,
    f: &Finding,
    places: &[Place],
    missing: &[&Claim],
) -> Vec<String> {
    let mut notes = Vec::new();
    // A value group as written: the first of its places.
    let as_written = |i: usize| -> String {
        places
            .iter()
            .find(|p| p.value == Some(i))
            .map(|p| written(ctx, p.claim))
            .unwrap_or_else(|| f.values[i].value.clone())
    };
    if f.kind == "variant-spelling" {
        for (a, b) in variant_pairs(f) {
            notes.push(format!("spelling: {a} → {b}: {}", char_diff(a, b)));
        }
    }
    let said = |v: &str| f.message.contains(v);
    let all_said = f
        .values
        .iter()
        .enumerate()
        .all(|(i, v)| said(&v.value) || said(&as_written(i)));
    if (f.kind == "change" || f.values.iter().any(|v| v.as_of.is_some())) && !all_said {
        let mut parts = Vec::new();
        for (i, v) in f.values.iter().enumerate() {
            let when = v
                .as_of
                .clone()
                .or_else(|| published_of(ctx, lookup, &v.claims));
            let value = as_written(i);
            parts.push(match when {
                Some(w) => format!("{value} as of {w}"),
                None => format!("{value} (date unknown)"),
            });
        }
        if !parts.is_empty() {
            notes.push(format!("over time: {}", parts.join("; ")));
        }
    }
    if let Some(m) = &f.majority {
        if !said(m) {
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
    }
    // Claims whose text is not available are at least named.
    for c in missing {
        notes.push(format!("also in {}: “{}”", ctx.path(&c.doc), c.text));
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
    /// The virtual spans of all problems: the spans miette may ask for on their own, as opposed to the unions it tries when merging snippets.
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
    use crate::model::{Claim, DocumentInfo, Lang, Span, Value, ValueSupport, REPORT_VERSION};
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
    fn a_small_finding_draws_one_place_per_article_and_value() {
        let out = render_many(3, 1);
        // Article 0 states its figure three times: drawn once, the others counted.
        assert_eq!(out.matches("├─ ").count(), 3, "{out}");
        assert!(out.contains("├─ a00.md:1:4"), "{out}");
        assert!(
            out.contains("18 — 2 sources (and 2 more in this article)"),
            "{out}"
        );
        assert!(out.contains("^^ 20 — 1 source"), "{out}");
        assert!(!out.contains("also in"), "{out}");
        // No location is shown twice.
        assert_eq!(out.matches("a00.md:").count(), 1, "{out}");
    }

    #[test]
    fn verbose_draws_every_occurrence() {
        let (report, texts) = many(3, 1);
        let docs: Vec<DocText> = texts
            .iter()
            .map(|(id, path, text)| DocText::utf8(id, path, text))
            .collect();
        let opts = RenderOptions {
            verbose: true,
            ..RenderOptions::default()
        };
        let out = render_with(&report, &docs, &opts);
        assert_eq!(out.matches("├─ ").count(), 5, "{out}");
        for line in 1..=3 {
            assert!(out.contains(&format!("├─ a00.md:{line}:4")), "{out}");
        }
        assert!(!out.contains("more in this article"), "{out}");
    }

    #[test]
    fn a_large_finding_stays_within_its_line_cap() {
        let out = render_many(40, 3);
        let finding: Vec<&str> = out.split("\n\n").next().unwrap().lines().collect();
        assert!(finding.len() <= MAX_FINDING_LINES, "{}", finding.len());
        assert_eq!(out.matches("├─ ").count(), MAX_SNIPPETS, "{out}");
        // Both values are drawn, though the 20s are the last three articles.
        assert!(out.contains("20 — 3 sources"), "{out}");
        assert!(out.contains("18 — 37 sources"), "{out}");
        // Articles past the snippets are listed one a line, then counted; none twice.
        for i in 0..40 {
            let path = format!("a{i:02}.md:");
            assert!(out.matches(&path).count() <= 1, "{path}\n{out}");
        }
        let listed = out.matches("= note: also in").count();
        assert!(listed > 0, "{out}");
        let rest = 40 - MAX_SNIPPETS - listed;
        assert!(
            out.contains(&format!("… and {rest} more places in {rest} articles")),
            "{out}"
        );
        assert!(out.contains("├─ a00.md:1:4"), "{out}");
        assert!(out.contains("(and 2 more in this article)"), "{out}");
    }

    #[test]
    fn wrapped_lines_count_against_the_cap() {
        let (mut report, texts) = many(40, 3);
        // Long paths wrap every location line at a narrow width.
        for d in &mut report.documents {
            d.path = format!("a/very/long/directory/of/articles/{}", d.path);
        }
        let docs: Vec<DocText> = texts
            .iter()
            .zip(&report.documents)
            .map(|((id, _, text), d)| DocText::utf8(id, &d.path, text))
            .collect();
        for width in [40, 60, 100] {
            let opts = RenderOptions {
                width,
                ..RenderOptions::default()
            };
            let out = render_with(&report, &docs, &opts);
            let finding = out.split("\n\n").next().unwrap().lines().count();
            assert!(
                finding <= MAX_FINDING_LINES,
                "{finding} lines at {width}:\n{out}"
            );
            assert!(out.contains("more places in"), "{out}");
        }
    }

    #[test]
    fn an_article_beyond_the_cap_says_how_many_more_it_holds() {
        let (mut report, texts) = many(40, 3);
        // Article 0 listed after the drawn ones: its claims last in the value group.
        let f = &mut report.findings[0];
        f.claims.rotate_left(3);
        f.values[0].claims.rotate_left(3);
        let docs: Vec<DocText> = texts
            .iter()
            .map(|(id, path, text)| DocText::utf8(id, path, text))
            .collect();
        let opts = RenderOptions {
            verbose: false,
            ..RenderOptions::default()
        };
        let out = render_with(&report, &docs, &opts);
        // Places are in article order: article 0 is drawn first either way.
        assert!(
            out.contains("a00.md:1:4") && out.contains("(and 2 more in this article)"),
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
