//! Map/reduce: `factcheck claims` writes each document's description, signature,
//! suppression comments and claims as JSON lines; `factcheck reconcile` reads any number of
//! such files (shards, in any order) and builds the same report as `factcheck run` on all
//! the articles would. Format: docs/report-format.md.

use super::check::{emit_report, read_baseline};
use super::progress::Progress;
use super::{
    check_inputs, extractor_for, load_config, write_output, ConfigArgs, InputArgs, ReportArgs,
};
use crate::lint::{self, Directive, Filters};
use crate::model::{Claim, DocumentInfo, Problem, Severity, Span};
use crate::pipeline::{self, DocClaims};
use crate::report::{self, Format};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The `format` of the header line.
pub const CLAIMS_FORMAT: &str = "factcheck-claims";
/// The version of the claims format.
pub const CLAIMS_VERSION: u32 = 1;

/// One line as written.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum LineOut<'a> {
    Header {
        format: &'static str,
        version: u32,
    },
    Document {
        info: &'a DocumentInfo,
        signature: &'a [u64],
        #[serde(skip_serializing_if = "<[Directive]>::is_empty")]
        directives: &'a [Directive],
    },
    Claim(&'a Claim),
    Problem(&'a Problem),
}

/// One line as read.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
enum LineIn {
    Header {
        format: String,
        version: u32,
    },
    Document {
        info: DocumentInfo,
        signature: Vec<u64>,
        #[serde(default)]
        directives: Vec<Directive>,
    },
    Claim(Claim),
    Problem(Problem),
}

/// Serialize the documents of a run as claims lines.
pub fn write_lines(docs: &[DocClaims], problems: &[Problem]) -> String {
    // Serialized straight into one buffer: no string per line.
    let mut out: Vec<u8> = Vec::new();
    let mut push = |l: &LineOut| {
        serde_json::to_writer(&mut out, l).expect("a line serializes");
        out.push(b'\n');
    };
    push(&LineOut::Header {
        format: CLAIMS_FORMAT,
        version: CLAIMS_VERSION,
    });
    for d in docs {
        push(&LineOut::Document {
            info: &d.info,
            signature: &d.signature,
            directives: &d.directives,
        });
        for c in &d.claims {
            push(&LineOut::Claim(c));
        }
    }
    for p in problems {
        push(&LineOut::Problem(p));
    }
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Read claims lines. Lines that do not parse are problems naming the file and line; the
/// rest is read.
pub fn read_lines(display: &str, text: &str, problems: &mut Vec<Problem>) -> Vec<DocClaims> {
    let mut docs: Vec<DocClaims> = Vec::new();
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let mut problem = |severity: Severity, message: String| {
            problems.push(Problem {
                path: display.to_string(),
                span: Some(Span::new(start, start + line.len())),
                severity,
                message: format!("line {}: {message}", i + 1),
            })
        };
        match serde_json::from_str::<LineIn>(line) {
            Ok(LineIn::Header { format, version }) => {
                if format != CLAIMS_FORMAT || version != CLAIMS_VERSION {
                    problem(
                        Severity::Warning,
                        format!(
                            "written as {format} version {version}; this factcheck reads \
                             {CLAIMS_FORMAT} version {CLAIMS_VERSION}"
                        ),
                    );
                }
            }
            Ok(LineIn::Document {
                info,
                signature,
                directives,
            }) => docs.push(DocClaims {
                info,
                claims: Vec::new(),
                signature,
                directives,
            }),
            Ok(LineIn::Claim(c)) => match docs.last_mut() {
                Some(d) => d.claims.push(c),
                None => problem(
                    Severity::Error,
                    "a claim before any document line; skipped".into(),
                ),
            },
            Ok(LineIn::Problem(p)) => problems.push(p),
            Err(e) => problem(
                Severity::Error,
                format!(
                    "not a claims line ({}); skipped",
                    crate::diag::quote_excerpts(&e.to_string())
                ),
            ),
        }
    }
    docs
}

pub fn claims(
    paths: &[PathBuf],
    context: &[PathBuf],
    output: Option<&Path>,
    args: &ConfigArgs,
    input: &InputArgs,
) -> i32 {
    let cfg = match load_config(args, None, None, paths) {
        Ok(c) => c,
        Err(f) => return f.exit(None),
    };
    if let Err(f) = check_inputs(&[("input path", paths), ("--context", context)]) {
        return f.exit(None);
    }
    let (ex, data_problems) = match extractor_for(&cfg, args) {
        Ok(x) => x,
        Err(f) => return f.exit(None),
    };
    let select = |p: &Path| cfg.selects(p);
    let filtering = !cfg.include.is_empty() || !cfg.exclude.is_empty();
    let progress = Progress::start("extracting");
    // The map stage only: no reconciliation (that is `factcheck reconcile`'s job).
    let (docs, problems) = pipeline::map_opts(
        paths,
        &ex,
        data_problems,
        pipeline::Options {
            select: if filtering { Some(&select) } else { None },
            progress: Some(&progress.bar),
            context,
            follow_links: input.follow_links,
            roots: &[],
        },
    );
    progress.finish();
    if !problems.is_empty() {
        let articles: Vec<&str> = docs.iter().map(|d| d.info.path.as_str()).collect();
        eprint!("{}", crate::diag::render_problems_in(&problems, &articles));
    }
    match write_output(output, &write_lines(&docs, &problems)) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot write: {e}");
            2
        }
    }
}

pub fn reconcile(files: &[PathBuf], args: &ReportArgs, config: &ConfigArgs) -> i32 {
    let cfg = match load_config(config, args.format, args.fail_on, &[]) {
        Ok(c) => c,
        Err(f) => return f.exit(Some(args)),
    };
    let checked = check_inputs(&[("claims file", files)])
        .and_then(|()| extractor_for(&cfg, config))
        .and_then(|x| Ok((x, read_baseline(args)?)));
    let ((ex, mut problems), baseline) = match checked {
        Ok(x) => x,
        Err(mut f) => {
            f.format = Some(cfg.format.value);
            return f.exit(Some(args));
        }
    };
    let mut docs: Vec<DocClaims> = Vec::new();
    for f in files {
        let display = crate::ingest::display_path(f);
        let text = match crate::fsread::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                problems.push(file_problem(&display, format!("cannot read: {e}; skipped")));
                continue;
            }
        };
        for d in read_lines(&display, &text, &mut problems) {
            if docs.iter().any(|x| x.info.path == d.info.path) {
                problems.push(Problem {
                    path: display.clone(),
                    span: None,
                    severity: Severity::Warning,
                    message: format!(
                        "document {} is in more than one claims file; the first is kept",
                        d.info.path
                    ),
                });
                continue;
            }
            docs.push(d);
        }
    }
    let directives: BTreeMap<String, Vec<Directive>> = docs
        .iter()
        .filter(|d| !d.directives.is_empty())
        .map(|d| (d.info.path.clone(), d.directives.clone()))
        .collect();
    let (mut report, _) = pipeline::assemble(docs, problems, &ex.lexicon);
    let outcome = lint::apply(
        &mut report,
        &Filters {
            config: Some(&cfg),
            new_paths: None,
            directives: Some(&directives),
            baseline: baseline.as_ref().map(|(p, b)| (p.as_str(), b)),
        },
    );
    // Snippets need the articles' text: read them back when they are where the claims
    // say (the JSON formats do not need them).
    let sources: Vec<(String, crate::ingest::SourceDoc)> =
        if matches!(cfg.format.value, Format::Json | Format::Jsonl) {
            Vec::new()
        } else {
            report
                .documents
                .iter()
                .filter_map(|d| {
                    let p = Path::new(&d.path);
                    let s = crate::ingest::load(p, &d.path, &mut Vec::new())?;
                    Some((d.id.clone(), s))
                })
                .collect()
        };
    let texts: Vec<report::DocText> = sources
        .iter()
        .map(|(id, s)| report::DocText {
            id,
            path: &s.display,
            text: &s.decoded.text,
            map: &s.decoded.map,
        })
        .collect();
    emit_report(&cfg, args, &report, &texts, &outcome)
}

fn file_problem(path: &str, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        span: None,
        severity: Severity::Error,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_problems_with_their_line() {
        let text = "{\"type\":\"header\",\"format\":\"factcheck-claims\",\"version\":1}\n\
                    not json\n\
                    {\"type\":\"claim\",\"id\":\"C1\"}\n";
        let mut problems = Vec::new();
        let docs = read_lines("shard.jsonl", text, &mut problems);
        assert!(docs.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.starts_with("line 2:"));
        assert_eq!(problems[0].path, "shard.jsonl");
        assert!(problems[1].message.starts_with("line 3:"));
    }
}
