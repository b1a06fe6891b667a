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
use rayon::prelude::*;
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

/// What `factcheck claims` is asked to read.
pub struct MapArgs {
    pub paths: Vec<PathBuf>,
    /// A file of more paths, one a line; `-` is stdin.
    pub paths_from: Option<PathBuf>,
    pub context: Vec<PathBuf>,
    /// One run per story (the directory holding an article).
    pub per_story: bool,
}

/// Paths one a line (blank lines skipped, a `\r` before the `\n` dropped).
fn path_lines(text: &str) -> Vec<PathBuf> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect()
}

/// Read `--paths-from`: a file, or stdin for `-`.
fn read_paths_from(from: &Path) -> Result<Vec<PathBuf>, String> {
    let text = if from == Path::new("-") {
        std::io::read_to_string(std::io::stdin().lock())
            .map_err(|e| format!("--paths-from -: cannot read stdin: {e}"))?
    } else {
        crate::fsread::read_to_string(from)
            .map_err(|e| format!("--paths-from {}: {e}", crate::ingest::display_path(from)))?
    };
    Ok(path_lines(&text))
}

/// The article files of `paths` grouped by story (the directory holding them), stories in
/// path order, with each story's context articles (those of `context` in the same
/// directory).
fn stories(
    paths: &[PathBuf],
    context: &[PathBuf],
    select: Option<&(dyn Fn(&Path) -> bool + Sync)>,
    follow_links: bool,
    problems: &mut Vec<Problem>,
) -> Vec<(Vec<PathBuf>, Vec<PathBuf>)> {
    let walk = |roots: &[PathBuf]| crate::ingest::walk::Walk {
        follow_links,
        roots: roots.to_vec(),
    };
    let files = pipeline::expand(paths, select, &walk(context), problems);
    // Problems of context articles are reported by the runs that own them.
    let context = pipeline::expand(context, select, &walk(paths), &mut Vec::new());
    let story = |f: &PathBuf| f.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut by: BTreeMap<PathBuf, (Vec<PathBuf>, Vec<PathBuf>)> = BTreeMap::new();
    for f in files {
        by.entry(story(&f)).or_default().0.push(f);
    }
    for f in context {
        if let Some(s) = by.get_mut(&story(&f)) {
            s.1.push(f);
        }
    }
    by.into_values().collect()
}

pub fn claims(map: &MapArgs, output: Option<&Path>, args: &ConfigArgs, input: &InputArgs) -> i32 {
    let mut paths = map.paths.clone();
    if let Some(from) = &map.paths_from {
        match read_paths_from(from) {
            Ok(more) => paths.extend(more),
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    }
    let (paths, context) = (&paths[..], &map.context[..]);
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
    let select: Option<&(dyn Fn(&Path) -> bool + Sync)> =
        if filtering { Some(&select) } else { None };
    let progress = Progress::start("extracting");
    // The map stage only: no reconciliation (that is `factcheck reconcile`'s job).
    let (docs, problems) = if map.per_story {
        let mut problems = data_problems;
        let runs = stories(paths, context, select, input.follow_links, &mut problems);
        // Stories in parallel (each run is parallel over its articles too); the output in
        // story order.
        let roots: Vec<PathBuf> = paths.iter().chain(context).cloned().collect();
        let done: Vec<(Vec<DocClaims>, Vec<Problem>)> = runs
            .par_iter()
            .map(|(files, context)| {
                pipeline::map_opts(
                    files,
                    &ex,
                    Vec::new(),
                    pipeline::Options {
                        select,
                        progress: None,
                        context,
                        follow_links: input.follow_links,
                        roots: &roots,
                    },
                )
            })
            .collect();
        let mut docs = Vec::new();
        for (d, p) in done {
            docs.extend(d);
            problems.extend(p);
        }
        // As one run lists them: by path (stable), each once.
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        problems.dedup();
        (docs, problems)
    } else {
        pipeline::map_opts(
            paths,
            &ex,
            data_problems,
            pipeline::Options {
                select,
                progress: Some(&progress.bar),
                context,
                follow_links: input.follow_links,
                roots: &[],
            },
        )
    };
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
    // `-` is stdin (read once, however often it is named).
    let stdin = Path::new("-");
    let on_disk: Vec<PathBuf> = files.iter().filter(|f| *f != stdin).cloned().collect();
    let checked = check_inputs(&[("claims file", &on_disk)])
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
    let mut stdin_read = false;
    for f in files {
        let display = crate::ingest::display_path(f);
        let read = if f == stdin {
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            std::io::read_to_string(std::io::stdin().lock()).map_err(|e| e.to_string())
        } else {
            crate::fsread::read_to_string(f).map_err(|e| e.to_string())
        };
        let text = match read {
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
