//! `factcheck run`, `factcheck lint` and `factcheck baseline`: the same pipeline, with
//! different scopes for the findings.

use super::progress::Progress;
use super::{extractor_for, load_config, write_output, ConfigArgs, ReportArgs};
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

/// Read the configuration and rules, run the pipeline on `paths`, and filter the findings:
/// with `new`, only those involving one of these articles; with a baseline, not those it
/// records.
fn analyze(
    paths: &[PathBuf],
    new: Option<&[PathBuf]>,
    report: Option<&ReportArgs>,
    args: &ConfigArgs,
) -> Result<Analysis, i32> {
    let cfg = load_config(
        args,
        report.and_then(|r| r.format),
        report.and_then(|r| r.fail_on),
        paths,
    )?;
    let (ex, data_problems) = extractor_for(&cfg, args)?;
    let baseline = match report {
        Some(r) => read_baseline(r)?,
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
        },
    );
    progress.finish();
    let new_paths: Option<BTreeSet<String>> = new.map(|new| {
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let wanted: BTreeSet<PathBuf> = pipeline::expand(new, select, &mut Vec::new())
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

/// The baseline of `--baseline`, with its path as shown; an unreadable one is `Err(2)`.
pub(super) fn read_baseline(args: &ReportArgs) -> Result<Option<(String, Baseline)>, i32> {
    match args.baseline.as_deref() {
        Some(p) => match Baseline::read(p) {
            Ok(b) => Ok(Some((crate::ingest::display_path(p), b))),
            Err(e) => {
                eprintln!("error: baseline {}: {e}", p.display());
                Err(2)
            }
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
        eprint!("{}", crate::diag::render_problems(&report.problems));
    }
    let color = args.output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let opts = report::RenderOptions {
        color,
        width: if args.output.is_none() {
            report::terminal_width()
        } else {
            100
        },
        rules: report::rule_meta(),
    };
    let text = match format {
        Format::Json => lint::render_json(report, &outcome.suppressed),
        Format::Sarif => lint::render_sarif(report, docs, &opts, &outcome.suppressed),
        _ => report::render(format, report, docs, &opts),
    };
    if let Err(e) = write_output(args.output.as_deref(), &text) {
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

pub fn run(paths: &[PathBuf], args: &ReportArgs, config: &ConfigArgs) -> i32 {
    match analyze(paths, None, Some(args), config) {
        Ok(a) => emit(&a, args),
        Err(code) => code,
    }
}

/// All paths a lint reads: the corpus, then the new articles.
fn lint_paths(new: &[PathBuf], corpus: &[PathBuf]) -> Vec<PathBuf> {
    corpus.iter().chain(new).cloned().collect()
}

pub fn lint(new: &[PathBuf], corpus: &[PathBuf], args: &ReportArgs, config: &ConfigArgs) -> i32 {
    if new.is_empty() {
        // Validate the configuration all the same (a broken one should fail CI), and write
        // an empty report, so that a CI step uploading it finds one.
        let cfg = match load_config(config, args.format, args.fail_on, corpus) {
            Ok(c) => c,
            Err(code) => return code,
        };
        if let Err(code) = read_baseline(args) {
            return code;
        }
        eprintln!("note: no new articles given; nothing to check");
        let empty = crate::model::Report {
            version: crate::model::REPORT_VERSION,
            documents: Vec::new(),
            claims: Vec::new(),
            findings: Vec::new(),
            problems: Vec::new(),
            entities: Vec::new(),
        };
        return emit_report(&cfg, args, &empty, &[], &Outcome::default());
    }
    match analyze(&lint_paths(new, corpus), Some(new), Some(args), config) {
        Ok(a) => emit(&a, args),
        Err(code) => code,
    }
}

pub fn baseline(new: &[PathBuf], corpus: &[PathBuf], output: &Path, config: &ConfigArgs) -> i32 {
    let scope = (!new.is_empty()).then_some(new);
    let a = match analyze(&lint_paths(new, corpus), scope, None, config) {
        Ok(a) => a,
        Err(code) => return code,
    };
    if !a.run.report.problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&a.run.report.problems));
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
