//! Report: write a [`Report`](crate::model::Report) in one of the output formats.
//!
//! Every renderer is a pure function of the report, the documents' decoded text (for
//! snippets and line/column positions) and [`RenderOptions`]; see `docs/formats.md`.
//!
//! Claim spans are byte offsets into the files as read from disk. [`DocText`] carries the
//! decoded text and the [`ByteMap`] that maps those offsets into it, so positions are right
//! for files with a BOM or in a legacy encoding too.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod sarif;

use crate::ingest::ByteMap;
use crate::model::{Claim, Finding, Report, Severity, Span, ValueSupport};
use crate::pipeline::Processed;
use clap::ValueEnum;
use std::collections::HashMap;

/// The output formats (docs/formats.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// For a person at a terminal: one snippet per article and value.
    Human,
    /// The report (docs/report-format.md).
    Json,
    /// One JSON object per line: documents, claims, findings (streams).
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…`).
    Github,
    /// GitHub-flavoured Markdown, for a pull request or an issue.
    Markdown,
    /// One self-contained HTML page: findings, a source × fact matrix, timelines.
    Html,
}

/// Render `report` in `format`.
pub fn render(format: Format, report: &Report, docs: &[DocText], opts: &RenderOptions) -> String {
    match format {
        Format::Human => human::render_with(report, docs, opts),
        Format::Json => json::render(report),
        Format::Jsonl => jsonl::render(report),
        Format::Sarif => sarif::render(report, docs, opts),
        Format::Github => github::render(report, docs),
        Format::Markdown => markdown::render(report, docs),
        Format::Html => html::render(report, docs),
    }
}

/// Options shared by the renderers.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// ANSI colours (human format only).
    pub color: bool,
    /// Terminal width in columns (human format only).
    pub width: usize,
    /// Metadata of the rules, for SARIF's `tool.driver.rules`.
    pub rules: Vec<RuleMeta>,
    /// Every occurrence of every claim, with no cap on the lines of a finding (human format
    /// only; by default one snippet per article and value).
    pub verbose: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
            rules: Vec::new(),
            verbose: false,
        }
    }
}

impl RenderOptions {
    /// Options for writing to standard output: `color` as the CLI decided, the width of
    /// the terminal when stdout is one (else 100 columns), and the rules' metadata.
    pub fn for_stdout(color: bool, rules: Vec<RuleMeta>) -> Self {
        RenderOptions {
            color,
            width: terminal_width(),
            rules,
            verbose: false,
        }
    }
}

/// The width of the terminal on stdout, or 100 when stdout is not a terminal.
/// `COLUMNS`, when set to a number, wins (as in most CLIs).
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        return n.max(40);
    }
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w).max(40))
        .unwrap_or(100)
}

/// What a report says about a rule (SARIF rule metadata).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMeta {
    /// The rule id as used in `Finding::rule`, e.g. `variant-spelling`.
    pub id: String,
    /// A CamelCase or human name, e.g. `VariantSpelling`.
    pub name: String,
    pub short_description: String,
    /// Longer explanation: what the finding means and what to do about it.
    pub help: String,
    pub default_severity: Severity,
}

/// The identity mapping of a UTF-8 file without BOM.
static IDENTITY: ByteMap = ByteMap::Shift(0);

/// A document's text as the renderers need it.
#[derive(Debug, Clone, Copy)]
pub struct DocText<'a> {
    /// The document id (`D1`, …).
    pub id: &'a str,
    /// The path as shown in reports, `/`-separated.
    pub path: &'a str,
    /// The decoded text.
    pub text: &'a str,
    /// Maps byte offsets on disk to offsets in `text`.
    pub map: &'a ByteMap,
}

impl<'a> DocText<'a> {
    /// A document whose bytes on disk are exactly `text` (UTF-8, no BOM).
    pub fn utf8(id: &'a str, path: &'a str, text: &'a str) -> Self {
        DocText {
            id,
            path,
            text,
            map: &IDENTITY,
        }
    }

    /// The view of a processed document (borrows; no copy).
    pub fn from_processed(p: &'a Processed) -> Self {
        DocText {
            id: &p.info.id,
            path: &p.info.path,
            text: &p.source.decoded.text,
            map: &p.source.decoded.map,
        }
    }

    /// The decoded byte range of a span on disk, clamped to the text and to character
    /// boundaries.
    pub fn decoded_range(&self, span: Span) -> std::ops::Range<usize> {
        let fix = |at: usize| {
            let mut at = self.map.to_decoded(at).min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let start = fix(span.start);
        let end = fix(span.end).max(start);
        start..end
    }
}

/// A position in a document: 1-based line, columns in characters and in UTF-16 units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    /// 1-based, in Unicode code points.
    pub column: usize,
    /// 1-based, in UTF-16 code units.
    pub column_utf16: usize,
}

/// Where a claim is: file, positions (end exclusive) and offsets.
#[derive(Debug, Clone)]
pub struct Located<'a> {
    pub doc: &'a DocText<'a>,
    /// Decoded byte range.
    pub range: std::ops::Range<usize>,
    pub start: Pos,
    /// The position just after the span.
    pub end: Pos,
}

/// A document with its line index.
pub(crate) struct Indexed<'a> {
    pub doc: &'a DocText<'a>,
    /// Byte offsets (decoded) where lines start.
    pub line_starts: Vec<usize>,
}

impl<'a> Indexed<'a> {
    fn new(doc: &'a DocText<'a>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(doc.text.match_indices('\n').map(|(i, _)| i + 1));
        Indexed { doc, line_starts }
    }

    /// 0-based line of a decoded offset.
    pub fn line_of(&self, at: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= at) - 1
    }

    pub fn pos(&self, at: usize) -> Pos {
        let line = self.line_of(at);
        let before = &self.doc.text[self.line_starts[line]..at];
        Pos {
            line: line + 1,
            column: before.chars().count() + 1,
            column_utf16: before.encode_utf16().count() + 1,
        }
    }

    /// The text of the 0-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.doc.text.len());
        self.doc.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Everything a renderer looks up: claims by id, documents by id, with line indexes.
pub(crate) struct Ctx<'a> {
    pub report: &'a Report,
    pub claims: HashMap<&'a str, &'a Claim>,
    pub docs: Vec<Indexed<'a>>,
    doc_index: HashMap<&'a str, usize>,
    doc_paths: HashMap<&'a str, &'a str>,
}

impl<'a> Ctx<'a> {
    pub fn new(report: &'a Report, docs: &'a [DocText<'a>]) -> Self {
        let docs: Vec<Indexed> = docs.iter().map(Indexed::new).collect();
        let doc_index = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.doc.id, i))
            .collect();
        Ctx {
            report,
            claims: report.claims.iter().map(|c| (c.id.as_str(), c)).collect(),
            docs,
            doc_index,
            doc_paths: report
                .documents
                .iter()
                .map(|d| (d.id.as_str(), d.path.as_str()))
                .collect(),
        }
    }

    pub fn claim(&self, id: &str) -> Option<&'a Claim> {
        self.claims.get(id).copied()
    }

    /// The claims of a finding that exist, in the finding's order.
    pub fn finding_claims(&self, f: &'a Finding) -> Vec<&'a Claim> {
        f.claims.iter().filter_map(|id| self.claim(id)).collect()
    }

    pub fn indexed(&self, doc: &str) -> Option<&Indexed<'a>> {
        self.doc_index.get(doc).map(|&i| &self.docs[i])
    }

    /// The path of a document: from its text if given, else from the report.
    pub fn path(&self, doc: &str) -> &'a str {
        if let Some(d) = self.indexed(doc) {
            return d.doc.path;
        }
        self.doc_paths.get(doc).copied().unwrap_or("<unknown>")
    }

    pub fn locate(&self, claim: &Claim) -> Option<Located<'a>> {
        let ix = self.indexed(&claim.doc)?;
        let range = ix.doc.decoded_range(claim.span);
        Some(Located {
            doc: ix.doc,
            start: ix.pos(range.start),
            end: ix.pos(range.end),
            range,
        })
    }

    /// The 1-based line of a claim, when its text is known.
    pub fn line(&self, claim: &Claim) -> Option<usize> {
        self.locate(claim).map(|l| l.start.line)
    }
}

/// Whether `line` is at most `budget` columns wide (`textwrap`'s display width), reading
/// only as much of a long line as it takes to tell: prefixes of doubling length, since a
/// prefix is never wider than the line.
pub(crate) fn fits(line: &str, budget: usize) -> bool {
    let width = textwrap::core::display_width;
    let mut len = budget.saturating_mul(4).saturating_add(16);
    loop {
        if len >= line.len() {
            return width(line) <= budget;
        }
        let mut cut = len;
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        if width(&line[..cut]) > budget {
            return false;
        }
        len = len.saturating_mul(2);
    }
}

/// The part of `line` to show around `start..end` (byte offsets into `line`) in at most
/// `budget` columns: the whole line when it fits, else a window centred on the span (never
/// less than the span itself). Returns byte offsets into `line`. Reads the line only as far
/// as the window reaches.
pub(crate) fn window(line: &str, start: usize, end: usize, budget: usize) -> (usize, usize) {
    let width = textwrap::core::display_width;
    if fits(line, budget) {
        return (0, line.len());
    }
    let char_width = |c: char| width(c.encode_utf8(&mut [0; 4]));
    let spare = budget.saturating_sub(width(&line[start..end]));
    let mut left = line[..start]
        .char_indices()
        .rev()
        .map(|(i, c)| (i, char_width(c)))
        .peekable();
    let mut right = line[end..]
        .char_indices()
        .map(|(i, c)| (end + i + c.len_utf8(), char_width(c)))
        .peekable();
    let (mut from, mut to) = (start, end);
    let mut used = 0;
    // Alternate sides so the span stays in the middle.
    loop {
        let mut grew = false;
        if let Some(&(i, w)) = left.peek() {
            if used + w <= spare {
                left.next();
                used += w;
                from = i;
                grew = true;
            }
        }
        if let Some(&(i, w)) = right.peek() {
            if used + w <= spare {
                right.next();
                used += w;
                to = i;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (from, to)
}

/// The claims of a finding at distinct places, in the finding's order: several claims of one
/// span (a name and what it was said to be, a figure under two measures) are one place, so
/// no format lists a location twice.
pub(crate) fn distinct_places<'a>(ctx: &Ctx<'a>, f: &'a Finding) -> Vec<&'a Claim> {
    let mut seen = std::collections::HashSet::new();
    ctx.finding_claims(f)
        .into_iter()
        .filter(|c| seen.insert((c.doc.as_str(), c.span.start, c.span.end)))
        .collect()
}

/// One place per article and value of a finding: the first place (in the finding's order)
/// of each value in each article, with how many more places of that value the article
/// has.
pub(crate) fn first_places<'a>(ctx: &Ctx<'a>, f: &'a Finding) -> Vec<(&'a Claim, usize)> {
    let mut value_of: HashMap<&str, usize> = HashMap::new();
    for (i, v) in f.values.iter().enumerate() {
        for id in &v.claims {
            value_of.entry(id.as_str()).or_insert(i);
        }
    }
    let mut at: HashMap<(&str, Option<usize>), usize> = HashMap::new();
    let mut out: Vec<(&Claim, usize)> = Vec::new();
    for c in distinct_places(ctx, f) {
        let value = value_of.get(c.id.as_str()).copied();
        match at.get(&(c.doc.as_str(), value)) {
            Some(&i) => out[i].1 += 1,
            None => {
                at.insert((c.doc.as_str(), value), out.len());
                out.push((c, 0));
            }
        }
    }
    out
}

/// A claim's value as the article writes it: its text at its span (from the document when
/// known, else the claim's copy), without a converter's pinyin glosses, on one line.
pub(crate) fn written(ctx: &Ctx, c: &Claim) -> String {
    let raw = match ctx.locate(c) {
        Some(l) => &l.doc.text[l.range.clone()],
        None => c.text.as_str(),
    };
    let raw = if raw.trim().is_empty() { &c.text } else { raw };
    unglossed(raw)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value group of a finding that holds `claim`.
pub(crate) fn support_of<'f>(f: &'f Finding, claim: &str) -> Option<&'f ValueSupport> {
    f.values
        .iter()
        .find(|v| v.claims.iter().any(|c| c == claim))
}

/// `1 source`, `3 sources`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A character-level diff of two forms: `Hyper[-GA-]{+AG+}I` (deleted from `from`,
/// inserted in `to`). Changes separated by a single unchanged character are shown as one
/// replacement, which reads better for transpositions.
pub fn char_diff(from: &str, to: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_chars(from, to);
    // Runs of equal text, and hunks of (deleted, inserted).
    enum Piece {
        Same(String),
        Edit(String, String),
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let v = change.value();
        match (change.tag(), pieces.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(s))) => s.push_str(v),
            (ChangeTag::Equal, _) => pieces.push(Piece::Same(v.to_string())),
            (ChangeTag::Delete, Some(Piece::Edit(d, _))) => d.push_str(v),
            (ChangeTag::Insert, Some(Piece::Edit(_, i))) => i.push_str(v),
            (ChangeTag::Delete, _) => pieces.push(Piece::Edit(v.to_string(), String::new())),
            (ChangeTag::Insert, _) => pieces.push(Piece::Edit(String::new(), v.to_string())),
        }
    }
    // Merge edit, one-character run, edit into one edit.
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        if let Piece::Edit(d2, i2) = &piece {
            if let [.., Piece::Edit(_, _), Piece::Same(s)] = merged.as_slice() {
                if s.chars().count() == 1 {
                    let Some(Piece::Same(s)) = merged.pop() else {
                        unreachable!()
                    };
                    if let Some(Piece::Edit(d, i)) = merged.last_mut() {
                        d.push_str(&s);
                        d.push_str(d2);
                        i.push_str(&s);
                        i.push_str(i2);
                    }
                    continue;
                }
            }
        }
        merged.push(piece);
    }
    let mut out = String::new();
    for piece in merged {
        match piece {
            Piece::Same(s) => out.push_str(&s),
            Piece::Edit(d, i) => {
                if !d.is_empty() {
                    out.push_str(&format!("[-{d}-]"));
                }
                if !i.is_empty() {
                    out.push_str(&format!("{{+{i}+}}"));
                }
            }
        }
    }
    out
}

/// The forms compared in a variant-spelling finding: (majority, other) pairs.
pub(crate) fn variant_pairs(f: &Finding) -> Vec<(&str, &str)> {
    let majority = f
        .majority
        .as_deref()
        .or_else(|| f.values.first().map(|v| v.value.as_str()));
    let Some(majority) = majority else {
        return Vec::new();
    };
    f.values
        .iter()
        .filter(|v| v.value != majority)
        .map(|v| (majority, v.value.as_str()))
        .collect()
}

/// Counts for summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub documents: usize,
    pub claims: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Counts {
    pub fn of(report: &Report) -> Self {
        let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
        Counts {
            documents: report.documents.len(),
            claims: report.claims.len(),
            findings: report.findings.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            info: count(Severity::Info),
        }
    }

    /// `4 documents, 12 claims, 4 findings (1 error, 2 warnings, 1 info)`.
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {} ({}, {}, {} info)",
            plural(self.documents, "document", "documents"),
            plural(self.claims, "claim", "claims"),
            plural(self.findings, "finding", "findings"),
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            self.info,
        )
    }
}

/// A value as written without a converter's pinyin glosses (集團(tuán) → 集團).
pub(crate) fn unglossed(s: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\([a-zàáâãäåāǎèéêëēěìíîïīǐòóôõöōǒùúûüūǔǖǘǚǜ]+\)").unwrap()
    });
    re.replace_all(s, "").into_owned()
}

/// At most this many agreement lines in the human and Markdown reports (the JSON has all).
pub(crate) const MAX_AGREEMENT_LINES: usize = 40;

/// One line per fact the sources agree on, most sources first: `5 sources agree on revenue
/// of 星河集团 (period H1): 171.73億元 / 171.7亿`. The second value is how many more there are.
pub(crate) fn agreement_lines(report: &Report) -> (Vec<String>, usize) {
    let mut agreed: Vec<&crate::model::Alignment> = report
        .alignments
        .iter()
        .filter(|a| a.verdict == "agree" && a.sources >= 2)
        .collect();
    agreed.sort_by(|a, b| b.sources.cmp(&a.sources).then(a.id.cmp(&b.id)));
    let total = agreed.len();
    let lines = agreed
        .iter()
        .take(MAX_AGREEMENT_LINES)
        .map(|a| {
            let scope = crate::reconcile::scope(&a.qualifiers);
            let mut written: Vec<String> = vec![];
            for v in &a.values {
                let w = unglossed(&v.value);
                if !written.contains(&w) && written.len() < 4 {
                    written.push(w);
                }
            }
            format!(
                "{} sources agree on {} of {}{}: {}",
                a.sources,
                a.predicate,
                a.subject,
                scope,
                written.join(" / ")
            )
        })
        .collect();
    (lines, total.saturating_sub(MAX_AGREEMENT_LINES))
}

/// Rule metadata for the finding kinds, from the built-in `rules/findings.yaml`.
pub fn rule_meta() -> Vec<RuleMeta> {
    let mut problems = Vec::new();
    crate::extract::finding_docs(&crate::extract::builtin_files(), &mut problems)
        .into_iter()
        .map(|d| RuleMeta {
            id: d.id,
            name: d.name,
            short_description: d.summary,
            help: d.help,
            default_severity: d.severity,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_diff_marks_changed_letters() {
        assert_eq!(char_diff("HyperGAI", "HyperAGI"), "Hyper[-GA-]{+AG+}I");
        assert_eq!(char_diff("abc", "abc"), "abc");
        assert_eq!(char_diff("海珀", "海铂"), "海[-珀-]{+铂+}");
        assert_eq!(char_diff("Ortiz", "Ortíz"), "Ort[-i-]{+í+}z");
        assert_eq!(char_diff("Lena", "Lina Ortiz"), "L[-e-]{+i+}na{+ Ortiz+}");
    }

    #[test]
    fn windows_centre_the_span() {
        let line = "abcdefghij0123456789KLMNOPQRST";
        assert_eq!(window(line, 10, 12, 100), (0, line.len()));
        let (a, b) = window(line, 10, 12, 8);
        assert_eq!(&line[a..b], "hij01234");
        // Wide characters count twice.
        let line = "一二三四五六七八九十HyperGAI一二三四五六七八九十";
        let s = line.find('H').unwrap();
        let (a, b) = window(line, s, s + 8, 16);
        assert_eq!(&line[a..b], "九十HyperGAI一二");
        // At the start of the line the window extends to the right.
        let (a, b) = window(line, 0, 3, 8);
        assert_eq!(&line[a..b], "一二三四");
    }

    #[test]
    fn decoded_range_follows_the_map() {
        let map = ByteMap::Shift(3);
        let d = DocText {
            id: "D1",
            path: "a.md",
            text: "一二三",
            map: &map,
        };
        assert_eq!(d.decoded_range(Span::new(6, 9)), 3..6);
        // Past the end is clamped.
        assert_eq!(d.decoded_range(Span::new(6, 99)), 3..9);
    }
}
