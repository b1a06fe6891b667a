//! Extract: turn a normalized document into typed claims with exact spans, driven by the
//! rules in `rules/` (see `docs/rules.md`).
//!
//! - [`recognize`]: values (numbers, money, percents, dates, durations) in Rust;
//! - [`lexicon`] and [`entities`]: names from gazetteers, appositions and patterns;
//! - [`rules`]: the rule files (data) and their compiled patterns;
//! - [`engine`]: items → tagged sentences → rule matches → claims.

pub mod context;
mod currency_note;
pub mod dates_frame;
pub mod engine;
pub mod entities;
pub mod events;
pub mod examples;
pub mod frame;
pub mod lexicon;
pub mod recognize;
pub mod relations;
pub mod rules;
pub mod weekday;

use crate::ingest::SourceDoc;
use crate::model::{Claim, DocumentInfo, Problem};
use crate::normalize::NormText;
use lexicon::Lexicon;
use rules::RuleSet;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// A data file (rules, gazetteer, lexicon): where it came from and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
}

/// What a data file holds, by where it sits: `gazetteer/` and `lexicon/` folders hold
/// gazetteers and title lexicons; anything else is a rule file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Rules,
    Gazetteer,
    Titles,
    /// Measures of company figures (`rules/lexicon/metrics.yaml`).
    Metrics,
    /// Documentation of the finding kinds (`rules/findings.yaml`).
    Findings,
    /// Cues of the figure frame (`rules/lexicon/frames.yaml`).
    Frames,
    /// Action classes and status words of events (`rules/lexicon/actions.yaml`).
    Actions,
    /// Attributes with polarity and relations (`rules/lexicon/relations.yaml`).
    Relations,
    /// Event concepts of the date frame (`rules/lexicon/events.yaml`, read by
    /// [`dates_frame::events`]).
    Events,
    /// Segment concepts (`rules/lexicon/segments.yaml`, read by [`context::segment`]).
    Segments,
}

impl DataFile {
    pub fn kind(&self) -> DataKind {
        if self.path.ends_with("findings.yaml") {
            DataKind::Findings
        } else if self.path.ends_with("metrics.yaml") {
            DataKind::Metrics
        } else if self.path.ends_with("frames.yaml") {
            DataKind::Frames
        } else if self.path.ends_with("actions.yaml") {
            DataKind::Actions
        } else if self.path.ends_with("relations.yaml") {
            DataKind::Relations
        } else if self.path.ends_with("events.yaml") {
            DataKind::Events
        } else if self.path.ends_with("segments.yaml") {
            DataKind::Segments
        } else if self.path.contains("gazetteer") {
            DataKind::Gazetteer
        } else if self.path.contains("lexicon/") {
            DataKind::Titles
        } else {
            DataKind::Rules
        }
    }

    /// Read a file from disk (through [`crate::fsread`]: a regular file within the size
    /// limit).
    pub fn read(path: &std::path::Path, problems: &mut Vec<Problem>) -> Option<DataFile> {
        let display = crate::ingest::display_path(path);
        match crate::fsread::read_to_string(path) {
            Ok(text) => Some(DataFile {
                path: display,
                text,
            }),
            Err(e) => {
                problems.push(Problem {
                    path: display,
                    span: None,
                    severity: crate::model::Severity::Error,
                    message: format!("cannot read: {e}"),
                });
                None
            }
        }
    }
}

/// The data files built into the binary (the repository's `rules/`).
pub fn builtin_files() -> Vec<DataFile> {
    builtin::BUILTIN
        .iter()
        .map(|(p, t)| DataFile {
            path: p.to_string(),
            text: t.to_string(),
        })
        .collect()
}

/// Rules and lexicons, loaded once per run.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    pub rules: RuleSet,
    pub lexicon: Lexicon,
}

impl Extractor {
    /// Load from data files; files that do not load become problems.
    pub fn load(files: &[DataFile], problems: &mut Vec<Problem>) -> Extractor {
        let of = |k: DataKind| files.iter().filter(|f| f.kind() == k).collect::<Vec<_>>();
        let mut lexicon = Lexicon::load(&of(DataKind::Gazetteer), &of(DataKind::Titles), problems);
        lexicon.load_metrics(&of(DataKind::Metrics), problems);
        lexicon.load_cues(&of(DataKind::Frames), problems);
        lexicon.actions =
            std::sync::Arc::new(events::Actions::load(&of(DataKind::Actions), problems));
        lexicon.relations = std::sync::Arc::new(relations::Relations::load(
            &of(DataKind::Relations),
            problems,
        ));
        let rules = RuleSet::load(&of(DataKind::Rules), &lexicon.macros(), problems);
        Extractor { rules, lexicon }
    }

    /// The built-in rules and lexicons.
    pub fn builtin(problems: &mut Vec<Problem>) -> Extractor {
        Extractor::load(&builtin_files(), problems)
    }
}

/// Everything extraction needs to know about one document.
pub struct Prepared<'a> {
    pub info: &'a DocumentInfo,
    pub source: &'a SourceDoc,
    pub norm: &'a NormText,
}

/// Parse a report date (`YYYY-MM-DD` or `YYYY-MM`) as a reference day.
pub fn reference_date(published: Option<&str>) -> Option<chrono::NaiveDate> {
    let p = published?;
    chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::NaiveDate::parse_from_str(&format!("{p}-15"), "%Y-%m-%d").ok())
}

/// Extract the claims of one document (ids are assigned later, by the pipeline).
pub fn extract(doc: &Prepared, ex: &Extractor, lexicon: &Lexicon) -> Vec<Claim> {
    let map = |d: usize| doc.source.decoded.map.to_original(d);
    let src = engine::Source {
        norm: doc.norm,
        decoded: doc.source.text(),
        to_original: &map,
        published: reference_date(doc.info.published.as_deref()),
        published_text: doc.info.published.clone(),
    };
    // Values are recognized once, for the rules and for the weekday check.
    let mut values = recognize::recognize(&doc.norm.text, src.published);
    currency_note::apply(&doc.norm.text, &mut values);
    let weekdays = weekday::claims_with(&src, Some(&values));
    let mut claims = engine::extract_with(&src, &ex.rules, lexicon, values);
    claims.extend(weekdays);
    claims
}

/// Extract claims from a bare sentence (rule examples, tests): spans index `text`.
pub fn extract_str(text: &str, published: Option<&str>, ex: &Extractor) -> Vec<Claim> {
    let norm = crate::normalize::normalize_str(text);
    let lex = ex
        .lexicon
        .with_entities(&entities::appositions(&norm.text, &ex.lexicon));
    let id = |d: usize| d;
    let src = engine::Source {
        norm: &norm,
        decoded: text,
        to_original: &id,
        published: reference_date(published),
        published_text: published.map(str::to_string),
    };
    let mut values = recognize::recognize(&norm.text, src.published);
    currency_note::apply(&norm.text, &mut values);
    let weekdays = weekday::claims_with(&src, Some(&values));
    let mut claims = engine::extract_with(&src, &ex.rules, &lex, values);
    claims.extend(weekdays);
    claims
}

/// Documentation of one kind of finding (`rules/findings.yaml`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingDoc {
    pub id: String,
    pub name: String,
    pub severity: crate::model::Severity,
    pub summary: String,
    pub help: String,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingDocs {
    findings: Vec<FindingDoc>,
}

/// The documentation of every kind of finding in these data files.
pub fn finding_docs(files: &[DataFile], problems: &mut Vec<Problem>) -> Vec<FindingDoc> {
    files
        .iter()
        .filter(|f| f.kind() == DataKind::Findings)
        .filter_map(|f| lexicon::parse_yaml::<FindingDocs>(f, problems))
        .flat_map(|d| d.findings)
        .collect()
}
