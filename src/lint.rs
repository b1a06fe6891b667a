//! What happens to findings after reconciliation: severity overrides from the configuration,
//! the scope of `factcheck lint` (findings that involve a new article), inline suppression
//! comments in articles, baselines, and the exit code.
//!
//! Order: severity (`off` drops a finding) → lint scope → inline suppressions → baseline.
//! Suppressed findings leave `findings` and are kept, with the reason, in
//! [`Outcome::suppressed`] (the JSON report's `suppressed` array).

use crate::config::Config;
use crate::model::{Finding, Problem, Report, Severity, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// An inline suppression comment in an article:
/// `<!-- factcheck-ignore variant-spelling: the brand really is spelled this way -->`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    /// Rule ids or finding kinds it applies to.
    pub ids: Vec<String>,
    pub reason: String,
    /// Where the comment is, in the file as read from disk.
    pub span: Span,
}

/// The marker that starts a suppression comment.
pub const MARKER: &str = "factcheck-ignore";

/// Find the suppression comments of a document. `text` is the decoded text and `to_original`
/// maps its offsets to the bytes on disk. Comments without a reason are problems, and do not
/// suppress anything.
pub fn scan_directives(
    path: &str,
    text: &str,
    to_original: &dyn Fn(usize) -> usize,
    problems: &mut Vec<Problem>,
) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        let body_start = start + 4;
        let Some(j) = text[body_start..].find("-->") else {
            break;
        };
        let end = body_start + j + 3;
        from = end;
        let body = text[body_start..body_start + j].trim();
        let Some(rest) = body.strip_prefix(MARKER) else {
            continue;
        };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) && !rest.starts_with(':') {
            continue; // e.g. `factcheck-ignored`, not ours
        }
        let span = Span::new(to_original(start), to_original(end));
        let (ids, reason) = match rest.split_once(':') {
            Some((ids, reason)) => (ids, reason.trim()),
            None => (rest, ""),
        };
        let ids: Vec<String> = ids
            .split([',', ' ', '\t', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if ids.is_empty() {
            problems.push(Problem {
                path: path.to_string(),
                span: Some(span),
                severity: Severity::Warning,
                message: format!(
                    "`{MARKER}` names no rule: write `<!-- {MARKER} RULE: reason -->`; \
                     nothing is suppressed"
                ),
            });
            continue;
        }
        if reason.is_empty() {
            problems.push(Problem {
                path: path.to_string(),
                span: Some(span),
                severity: Severity::Warning,
                message: format!(
                    "`{MARKER} {}` gives no reason: write `<!-- {MARKER} {}: why -->`; \
                     nothing is suppressed",
                    ids.join(", "),
                    ids.join(", ")
                ),
            });
            continue;
        }
        out.push(Directive {
            ids,
            reason: reason.to_string(),
            span,
        });
    }
    out
}

/// How a finding was suppressed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppression {
    /// `inline` (a comment in an article) or `baseline`.
    pub kind: String,
    /// The article with the comment, or the baseline file.
    pub path: String,
    /// Where the comment is (inline only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The comment's reason, or the message recorded in the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A suppressed finding: the finding's fields plus `suppression`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suppressed {
    #[serde(flatten)]
    pub finding: Finding,
    pub suppression: Suppression,
}

/// One recorded finding in a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub message: String,
}

/// A baseline file: `{version: 1, findings: [{fingerprint, rule, message}]}`. A bare list of
/// entries is read too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum BaselineForm {
    Full(Baseline),
    List(Vec<BaselineEntry>),
}

impl Baseline {
    /// The baseline of these findings (sorted by fingerprint, each once).
    pub fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .map(|f| BaselineEntry {
                fingerprint: f.fingerprint.clone(),
                rule: f.rule.clone(),
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        entries.dedup_by(|a, b| a.fingerprint == b.fingerprint);
        Baseline {
            version: 1,
            findings: entries,
        }
    }

    /// Is the file JSON (by extension)?
    fn is_json(path: &Path) -> bool {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    }

    /// Serialize as JSON when the path ends in `.json`, else YAML.
    pub fn to_text(&self, path: &Path) -> String {
        if Baseline::is_json(path) {
            let mut s = serde_json::to_string_pretty(self).expect("a baseline serializes");
            s.push('\n');
            s
        } else {
            format!(
                "# factcheck baseline: findings recorded here are not reported by\n\
                 # `factcheck lint --baseline` / `factcheck run --baseline`.\n\
                 # Regenerate with `factcheck baseline`.\n{}",
                crate::yamlio::to_string(self)
            )
        }
    }

    /// Read a baseline file (JSON or YAML, either form).
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = crate::fsread::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        let form: BaselineForm = if Baseline::is_json(path) {
            serde_json::from_str(&text).map_err(|e| crate::diag::quote_excerpts(&e.to_string()))?
        } else {
            crate::yamlio::from_str(&text).map_err(|e| e.message)?
        };
        Ok(match form {
            BaselineForm::Full(b) => b,
            BaselineForm::List(findings) => Baseline {
                version: 1,
                findings,
            },
        })
    }

    pub fn fingerprints(&self) -> BTreeSet<&str> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }
}

/// The findings after severity, scope, suppressions and baseline.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub suppressed: Vec<Suppressed>,
    /// Baseline entries that matched no finding (the baseline may be out of date).
    pub unused_baseline: usize,
}

/// What to do with the findings of a report.
#[derive(Default)]
pub struct Filters<'a> {
    pub config: Option<&'a Config>,
    /// Only findings with a claim in one of these documents (by path); `None`: all.
    pub new_paths: Option<&'a BTreeSet<String>>,
    /// Suppression comments by document path.
    pub directives: Option<&'a BTreeMap<String, Vec<Directive>>>,
    pub baseline: Option<(&'a str, &'a Baseline)>,
}

/// Apply severity overrides, the lint scope, inline suppressions and the baseline to
/// `report.findings`; suppressed findings are moved to the outcome.
pub fn apply(report: &mut Report, filters: &Filters) -> Outcome {
    let mut outcome = Outcome::default();
    // Which document each claim belongs to, by path.
    let doc_path: BTreeMap<&str, &str> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.path.as_str()))
        .collect();
    let claim_path: BTreeMap<String, String> = report
        .claims
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                doc_path
                    .get(c.doc.as_str())
                    .copied()
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    let paths_of = |f: &Finding| -> BTreeSet<String> {
        f.claims
            .iter()
            .filter_map(|c| claim_path.get(c).cloned())
            .collect()
    };
    let findings = std::mem::take(&mut report.findings);
    let mut kept = Vec::new();
    let mut baseline_used: BTreeSet<String> = BTreeSet::new();
    let baseline_set = filters.baseline.map(|(_, b)| b.fingerprints());
    'findings: for mut f in findings {
        if let Some(cfg) = filters.config {
            if let Some(level) = cfg.level_for(&f.rule, &f.kind) {
                match level.severity() {
                    Some(s) => f.severity = s,
                    None => continue,
                }
            }
        }
        let paths = paths_of(&f);
        if let Some(new) = filters.new_paths {
            if !paths.iter().any(|p| new.contains(p)) {
                continue;
            }
        }
        if let Some(dirs) = filters.directives {
            for p in &paths {
                let Some(ds) = dirs.get(p) else { continue };
                if let Some(d) = ds
                    .iter()
                    .find(|d| d.ids.iter().any(|id| id == &f.rule || id == &f.kind))
                {
                    outcome.suppressed.push(Suppressed {
                        finding: f,
                        suppression: Suppression {
                            kind: "inline".into(),
                            path: p.clone(),
                            span: Some(d.span),
                            reason: Some(d.reason.clone()),
                        },
                    });
                    continue 'findings;
                }
            }
        }
        if let (Some((path, b)), Some(set)) = (filters.baseline, &baseline_set) {
            if set.contains(f.fingerprint.as_str()) {
                baseline_used.insert(f.fingerprint.clone());
                let reason = b
                    .findings
                    .iter()
                    .find(|e| e.fingerprint == f.fingerprint)
                    .map(|e| e.message.clone())
                    .filter(|m| !m.is_empty());
                outcome.suppressed.push(Suppressed {
                    finding: f,
                    suppression: Suppression {
                        kind: "baseline".into(),
                        path: path.to_string(),
                        span: None,
                        reason,
                    },
                });
                continue;
            }
        }
        kept.push(f);
    }
    if let Some(set) = &baseline_set {
        outcome.unused_baseline = set
            .iter()
            .filter(|fp| !baseline_used.contains(**fp))
            .count();
    }
    report.findings = kept;
    outcome
}

/// 1 when a reported finding is at or above `fail_on`, else 0. An input directory without
/// articles (a warning problem) counts too: `--fail-on warning` fails a run that checked
/// nothing there. Other input problems never change the exit code.
pub fn exit_code(report: &Report, fail_on: Severity) -> i32 {
    let empty_input = report
        .problems
        .iter()
        .any(|p| crate::ingest::walk::is_no_article(p) && p.severity >= fail_on);
    i32::from(empty_input || report.findings.iter().any(|f| f.severity >= fail_on))
}

/// The JSON report with the `suppressed` array (an addition to version 1).
pub fn render_json(report: &Report, suppressed: &[Suppressed]) -> String {
    let mut out = Vec::new();
    write_json(report, suppressed, &mut out).expect("a report always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`render_json`] written to `out` as it is serialized (no copy of the whole report in
/// memory: at 100k articles the JSON is over a gigabyte). Give it a buffered writer.
pub fn write_json(
    report: &Report,
    suppressed: &[Suppressed],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct WithSuppressed<'a> {
        #[serde(flatten)]
        report: &'a Report,
        suppressed: &'a [Suppressed],
    }
    serde_json::to_writer_pretty(&mut *out, &WithSuppressed { report, suppressed })
        .map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// The SARIF log with the suppressed findings as results carrying SARIF `suppressions`
/// (`inSource` for comments, `external` for the baseline, status `accepted`), after the
/// reported ones. SARIF consumers show them as suppressed, not as open problems.
pub fn render_sarif(
    report: &Report,
    docs: &[crate::report::DocText],
    opts: &crate::report::RenderOptions,
    suppressed: &[Suppressed],
) -> String {
    let mut all = report.clone();
    let reported = all.findings.len();
    all.findings
        .extend(suppressed.iter().map(|s| s.finding.clone()));
    let mut log = crate::report::sarif::log(&all, docs, opts);
    if let Some(results) = log["runs"][0]["results"].as_array_mut() {
        for (r, s) in results.iter_mut().skip(reported).zip(suppressed) {
            let kind = if s.suppression.kind == "inline" {
                "inSource"
            } else {
                "external"
            };
            let mut sup = serde_json::json!({"kind": kind, "status": "accepted"});
            if let Some(reason) = &s.suppression.reason {
                sup["justification"] = serde_json::json!(reason);
            }
            r["suppressions"] = serde_json::json!([sup]);
        }
    }
    let mut text = serde_json::to_string_pretty(&log).expect("a SARIF log always serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_need_a_rule_and_a_reason() {
        let text = "a <!-- factcheck-ignore variant-spelling: brand spelling --> b\n\
                    <!-- factcheck-ignore stale -->\n<!-- just a comment -->\n\
                    <!--factcheck-ignore conflict, change:  two rules -->";
        let mut problems = Vec::new();
        let ds = scan_directives("a.md", text, &|d| d + 3, &mut problems);
        assert_eq!(ds.len(), 2);
        assert_eq!(ds[0].ids, vec!["variant-spelling"]);
        assert_eq!(ds[0].reason, "brand spelling");
        assert_eq!(ds[0].span.start, 2 + 3);
        assert_eq!(ds[1].ids, vec!["conflict", "change"]);
        assert_eq!(ds[1].reason, "two rules");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("no reason"));
        assert_eq!(problems[0].severity, Severity::Warning);
    }

    #[test]
    fn baseline_reads_both_forms() {
        let dir = std::env::temp_dir().join(format!("fc-baseline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = Finding {
            id: "F1".into(),
            rule: "conflict".into(),
            kind: "conflict".into(),
            severity: Severity::Error,
            message: "m".into(),
            claims: vec![],
            values: vec![],
            majority: None,
            fingerprint: "abc".into(),
        };
        let b = Baseline::of(&[f.clone(), f]);
        assert_eq!(b.findings.len(), 1);
        for name in ["b.yaml", "b.json"] {
            let p = dir.join(name);
            std::fs::write(&p, b.to_text(&p)).unwrap();
            assert_eq!(Baseline::read(&p).unwrap(), b);
        }
        let p = dir.join("list.yaml");
        std::fs::write(&p, "- fingerprint: abc\n").unwrap();
        assert_eq!(
            Baseline::read(&p).unwrap().fingerprints(),
            BTreeSet::from(["abc"])
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
