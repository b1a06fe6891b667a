//! `factcheck run`, `factcheck lint` and `factcheck baseline`: the same pipeline, with
//! different scopes for the findings.

use super::progress::Progress;
use super::{
    check_inputs, extractor_for, load_config, path_error, write_output, ConfigArgs, Fail,
    InputArgs, ReportArgs,
};
use crate::config::Config;
use crate::lint::{self, Baseline, Filters, Outcome};
use crate::pipeline::{self, Run};
use crate::report::{self, Format};
use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// A run with its configuration and what happened to its findings.
struct Analysis {
    cfg: Config,
    run: Run,
    outcome: Outcome,
}

/// What an analysis reads: the paths of the pipeline, and the arguments they came from (each
/// must exist and be readable: a usage error otherwise).
struct Inputs<'a> {
    paths: &'a [PathBuf],
    /// `(what, paths)`: `input path` for `run`'s paths and the new articles, `--corpus` …
    named: &'a [(&'a str, &'a [PathBuf])],
}

/// Read the configuration and rules, run the pipeline on `paths`, and filter the findings:
/// with `new`, only those involving one of these articles; with a baseline, not those it
/// records.
fn analyze(
    inputs: &Inputs,
    new: Option<&[PathBuf]>,
    report: Option<&ReportArgs>,
    args: &ConfigArgs,
    input: &InputArgs,
) -> Result<Analysis, Fail> {
    let paths = inputs.paths;
    let cfg = load_config(
        args,
        report.and_then(|r| r.format),
        report.and_then(|r| r.fail_on),
        paths,
    )?;
    let with_format = |mut f: Fail| {
        f.format = Some(cfg.format.value);
        f
    };
    check_inputs(inputs.named).map_err(with_format)?;
    let (ex, data_problems) = extractor_for(&cfg, args)?;
    let baseline = match report {
        Some(r) => read_baseline(r).map_err(with_format)?,
        None => None,
    };
    let select = |p: &Path| cfg.selects(p);
    let filtering = !cfg.include.is_empty() || !cfg.exclude.is_empty();
    let select: Option<&(dyn Fn(&Path) -> bool + Sync)> =
        if filtering { Some(&select) } else { None };
    let progress = Progress::start("checking");
    let mut run = pipeline::run_opts(
        paths,
        &ex,
        data_problems,
        pipeline::Options {
            select,
            progress: Some(&progress.bar),
            context: &[],
            follow_links: input.follow_links,
            roots: &[],
        },
    );
    progress.finish();
    let new_paths: Option<BTreeSet<String>> = new.map(|new| {
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let walk = crate::ingest::walk::Walk {
            follow_links: input.follow_links,
            roots: paths.to_vec(),
        };
        let wanted: BTreeSet<PathBuf> = pipeline::expand(new, select, &walk, &mut Vec::new())
            .iter()
            .map(|p| canon(p))
            .collect();
        run.docs
            .iter()
            .filter(|d| wanted.contains(&canon(&d.source.path)))
            .map(|d| d.info.path.clone())
            .collect()
    });
    if new_paths.as_ref().is_some_and(BTreeSet::is_empty) {
        eprintln!("note: none of the new articles was read; nothing to check");
    }
    let directives: BTreeMap<String, Vec<lint::Directive>> = run
        .docs
        .iter()
        .filter(|d| !d.directives.is_empty())
        .map(|d| (d.info.path.clone(), d.directives.clone()))
        .collect();
    let outcome = lint::apply(
        &mut run.report,
        &Filters {
            config: Some(&cfg),
            new_paths: new_paths.as_ref(),
            directives: Some(&directives),
            baseline: baseline.as_ref().map(|(p, b)| (p.as_str(), b)),
        },
    );
    Ok(Analysis { cfg, run, outcome })
}

/// The baseline of `--baseline`, with its path as shown; one that is missing or cannot be
/// read (not a regular file, over the size limit, invalid) is a usage error.
pub(super) fn read_baseline(args: &ReportArgs) -> Result<Option<(String, Baseline)>, Fail> {
    match args.baseline.as_deref() {
        Some(p) => match Baseline::read(p) {
            Ok(b) => Ok(Some((crate::ingest::display_path(p), b))),
            Err(e) => Err(Fail::new(vec![path_error(
                p,
                format!("baseline {}: {e}", crate::ingest::display_path(p)),
            )])),
        },
        None => Ok(None),
    }
}

/// Print the report of an analysis and return the exit code.
fn emit(a: &Analysis, args: &ReportArgs) -> i32 {
    let docs: Vec<report::DocText> = a
        .run
        .docs
        .iter()
        .map(report::DocText::from_processed)
        .collect();
    emit_report(&a.cfg, args, &a.run.report, &docs, &a.outcome)
}

/// Render `report` as configured, write it, print notes on stderr; the exit code.
pub(super) fn emit_report(
    cfg: &Config,
    args: &ReportArgs,
    report: &crate::model::Report,
    docs: &[report::DocText],
    outcome: &Outcome,
) -> i32 {
    let format = cfg.format.value;
    // The human report lists the problems itself.
    if format != Format::Human && !report.problems.is_empty() {
        eprint!(
            "{}",
            crate::diag::render_problems_in(&report.problems, &super::article_paths(report))
        );
    }
    let color = args
        .color
        .resolve(args.output.is_none() && std::io::stdout().is_terminal());
    let opts = report::RenderOptions {
        color,
        width: if args.output.is_none() {
            report::terminal_width()
        } else {
            100
        },
        rules: report::rule_meta(),
        verbose: args.verbose,
    };
    // JSON is serialized straight into the (buffered) output; the other formats are
    // rendered as text first.
    let written = match format {
        Format::Json => super::write_output_with(args.output.as_deref(), &mut |w| {
            lint::write_json(report, &outcome.suppressed, w)
        }),
        _ => {
            let text = match format {
                Format::Sarif => lint::render_sarif(report, docs, &opts, &outcome.suppressed),
                _ => report::render(format, report, docs, &opts),
            };
            write_output(args.output.as_deref(), &text)
        }
    };
    if let Err(e) = written {
        let to = args
            .output
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "stdout".into());
        eprintln!("error: cannot write {to}: {e}");
        return 2;
    }
    if !outcome.suppressed.is_empty() && format != Format::Json {
        let inline = outcome
            .suppressed
            .iter()
            .filter(|s| s.suppression.kind == "inline")
            .count();
        eprintln!(
            "note: {} finding(s) suppressed ({} by comments in articles, {} by the baseline)",
            outcome.suppressed.len(),
            inline,
            outcome.suppressed.len() - inline
        );
    }
    if outcome.unused_baseline > 0 {
        eprintln!(
            "note: {} baseline entr{} matched no finding; regenerate it with `factcheck baseline`",
            outcome.unused_baseline,
            if outcome.unused_baseline == 1 {
                "y"
            } else {
                "ies"
            }
        );
    }
    lint::exit_code(report, cfg.fail_on.value)
}

pub fn run(paths: &[PathBuf], args: &ReportArgs, config: &ConfigArgs, input: &InputArgs) -> i32 {
    let inputs = Inputs {
        paths,
        named: &[("input path", paths)],
    };
    match analyze(&inputs, None, Some(args), config, input) {
        Ok(a) => {
            let code = emit(&a, args);
            // The process ends with this command: freeing every claim, text and finding one
            // by one is serial work for nothing (about 2 % of the CPU of a 10k run). The
            // operating system takes the memory back at exit.
            std::mem::forget(a);
            code
        }
        Err(f) => f.exit(Some(args)),
    }
}

/// All paths a lint reads: the corpus, then the new articles.
fn lint_paths(new: &[PathBuf], corpus: &[PathBuf]) -> Vec<PathBuf> {
    corpus.iter().chain(new).cloned().collect()
}

pub fn lint(
    new: &[PathBuf],
    corpus: &[PathBuf],
    args: &ReportArgs,
    config: &ConfigArgs,
    input: &InputArgs,
) -> i32 {
    if new.is_empty() {
        // Validate the configuration, the corpus and the baseline all the same (a broken one
        // should fail CI), and write an empty report, so that a CI step uploading it finds
        // one.
        let cfg = match load_config(config, args.format, args.fail_on, corpus) {
            Ok(c) => c,
            Err(f) => return f.exit(Some(args)),
        };
        let checked = check_inputs(&[("--corpus", corpus)]).and_then(|()| read_baseline(args));
        if let Err(mut f) = checked {
            f.format = Some(cfg.format.value);
            return f.exit(Some(args));
        }
        eprintln!("note: no new articles given; nothing to check");
        let empty = crate::model::Report::of_problems(Vec::new());
        return emit_report(&cfg, args, &empty, &[], &Outcome::default());
    }
    let paths = lint_paths(new, corpus);
    let inputs = Inputs {
        paths: &paths,
        named: &[("--corpus", corpus), ("input path", new)],
    };
    match analyze(&inputs, Some(new), Some(args), config, input) {
        Ok(a) => emit(&a, args),
        Err(f) => f.exit(Some(args)),
    }
}

pub fn baseline(
    new: &[PathBuf],
    corpus: &[PathBuf],
    output: &Path,
    config: &ConfigArgs,
    input: &InputArgs,
) -> i32 {
    let scope = (!new.is_empty()).then_some(new);
    let paths = lint_paths(new, corpus);
    let inputs = Inputs {
        paths: &paths,
        named: &[("--corpus", corpus), ("input path", new)],
    };
    let a = match analyze(&inputs, scope, None, config, input) {
        Ok(a) => a,
        Err(f) => return f.exit(None),
    };
    if !a.run.report.problems.is_empty() {
        eprint!(
            "{}",
            crate::diag::render_problems_in(
                &a.run.report.problems,
                &super::article_paths(&a.run.report)
            )
        );
    }
    let b = Baseline::of(&a.run.report.findings);
    if let Err(e) = write_output(Some(output), &b.to_text(output)) {
        eprintln!("error: cannot write {}: {e}", output.display());
        return 2;
    }
    eprintln!(
        "wrote {} finding(s) to {}",
        b.findings.len(),
        output.display()
    );
    0
}
