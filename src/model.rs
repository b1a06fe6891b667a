//! The types that flow between the stages, and the JSON report contract (version 1,
//! documented in `docs/report-format.md`).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the JSON report contract.
pub const REPORT_VERSION: u32 = 1;

/// A half-open byte range `[start, end)` into the file **as read from disk**.
/// Serialized as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

impl From<[usize; 2]> for Span {
    fn from(a: [usize; 2]) -> Self {
        Span::new(a[0], a[1])
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

/// Language and script of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "und")]
    Und,
}

impl Lang {
    pub fn as_str(&self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
    pub fn is_chinese(&self) -> bool {
        matches!(self, Lang::ZhHans | Lang::ZhHant)
    }
}

/// One document as it appears in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
    pub published: Option<String>,
    /// True when the year (or the whole date) was inferred rather than stated.
    pub published_inferred: bool,
    pub source: Option<String>,
    pub lang: Lang,
    /// Where the metadata came from, e.g. `{"published": "front-matter"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
}

/// A typed value of a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Value {
    /// A count or amount as an interval; `min`/`max` are `None` when open.
    Quantity {
        min: Option<f64>,
        max: Option<f64>,
        /// The value as written (its centre), e.g. 50000 for "五万余".
        written: f64,
        /// The precision of the written figure (the unit of its last digit).
        step: f64,
        /// exact, at-least, more-than, at-most, less-than, approx.
        hedge: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// An amount of money.
    Money {
        min: Option<f64>,
        max: Option<f64>,
        written: f64,
        step: f64,
        hedge: String,
        currency: Option<String>,
    },
    Percent {
        min: Option<f64>,
        max: Option<f64>,
        written: f64,
        step: f64,
        hedge: String,
    },
    /// A calendar date at some precision: `2025-02-06`, `2025-02`, `2025`, `XXXX-02-06`;
    /// `part` narrows a month (`early`, `mid`, `late`).
    Date {
        value: String,
        precision: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        part: Option<String>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        inferred: bool,
    },
    /// A named thing (organisation, person, product, title) under its canonical name.
    Entity {
        name: String,
        canonical: String,
        kind: String,
    },
    /// Free text (a role, a status).
    Text { text: String },
}

/// A fact stated by one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub doc: String,
    pub span: Span,
    /// The original text at `span` (decoded), for readers of the JSON.
    pub text: String,
    pub subject: String,
    pub predicate: String,
    pub value: Value,
    #[serde(default)]
    pub qualifiers: BTreeMap<String, String>,
    pub rule: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// One value held by some sources in a finding, with its support.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueSupport {
    pub value: String,
    /// Independent sources holding it (copies count once).
    pub support: usize,
    pub claims: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
}

/// A diagnostic about a group of claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
    pub claims: Vec<String>,
    #[serde(default)]
    pub values: Vec<ValueSupport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub majority: Option<String>,
    /// Stable across unrelated edits; used by baselines.
    pub fingerprint: String,
}

/// A group of claims from different documents that the reconciler compared as one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    pub id: String,
    /// `agree` (every value compared agrees), `conflict` (values disagree at one time),
    /// `change` (values differ over time).
    pub verdict: String,
    pub subject: String,
    pub predicate: String,
    /// The fact's qualifiers (period, scope, …) that all its claims share.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub qualifiers: BTreeMap<String, String>,
    pub claims: Vec<String>,
    /// Independent sources among the claims (copies count once).
    #[serde(default)]
    pub sources: usize,
    /// The values as written, with their support.
    #[serde(default)]
    pub values: Vec<ValueSupport>,
}

/// A problem with the input (a file, a rule file, configuration), not with the facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    pub severity: Severity,
    pub message: String,
}

impl Report {
    /// A report of nothing but these problems (a run that failed before reading anything).
    pub fn of_problems(problems: Vec<Problem>) -> Report {
        Report {
            version: REPORT_VERSION,
            documents: Vec::new(),
            claims: Vec::new(),
            findings: Vec::new(),
            alignments: Vec::new(),
            problems,
            entities: Vec::new(),
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    pub documents: Vec<DocumentInfo>,
    pub claims: Vec<Claim>,
    pub findings: Vec<Finding>,
    /// Every group of claims from different documents compared as one fact.
    #[serde(default)]
    pub alignments: Vec<Alignment>,
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// The named things of the run, each with the forms the documents write
    /// (`reconcile::names::entities`); a claim's subject is an entity's `id` or a
    /// placeholder.
    #[serde(default)]
    pub entities: Vec<Entity>,
}

/// One named thing across the documents of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name: what claims use as subject and entity value.
    pub id: String,
    /// person, org, product, name (kind unknown).
    pub kind: String,
    /// Every written form, most supported first.
    pub forms: Vec<EntityForm>,
}

/// One written form of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityForm {
    pub form: String,
    /// Independent sources that write it.
    pub support: usize,
    /// Mentions (claims `mentions`) of it.
    pub mentions: usize,
}
