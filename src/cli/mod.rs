//! The command line: one module per command family.
//!
//! Exit codes (README.md): 0 no reported finding at or above `--fail-on`; 1 some; 2 usage or
//! configuration error (also a rule or gazetteer file that fails to load, with `--strict`).

mod check;
mod config_cmd;
mod mapreduce;
mod progress;
mod rules;

use crate::config::{self, Config};
use crate::extract::{DataFile, DataKind, Extractor};
use crate::model::{Problem, Severity};
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Find where news sources about one story disagree"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Flags that choose the configuration and the rules.
#[derive(Debug, Clone, Default, Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of discovering factcheck.yaml files.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Read no configuration file.
    #[arg(long)]
    pub no_config: bool,
    /// Extra rule file or directory, added to the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR|FILE")]
    pub rules: Vec<PathBuf>,
    /// Extra gazetteer file (repeatable).
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteers: Vec<PathBuf>,
    /// Exit with 2 when a rule or gazetteer file fails to load (else it is reported and
    /// the run goes on without it).
    #[arg(long)]
    pub strict: bool,
}

/// Flags of the commands that print a report.
#[derive(Debug, Clone, Default, Args)]
pub struct ReportArgs {
    /// Output format [default: from the configuration, else human].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report here instead of stdout (atomically).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding at or above this severity is reported [default: from the
    /// configuration, else error].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
    /// Do not report the findings recorded in this baseline file (see `factcheck baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
}

/// A severity on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// The formats of `factcheck claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// One JSON object per line: documents, each followed by its claims
    /// (docs/report-format.md).
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, extract claims, reconcile them and report the findings.
    Run {
        /// Files and directories (searched recursively for .md .markdown .txt .html .htm).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Check new articles against a corpus: report only the findings that involve a new
    /// article.
    Lint {
        /// The new articles (files or directories). None: nothing to check; an empty report
        /// is written and the exit code is 0.
        new: Vec<PathBuf>,
        /// The agreed articles to check against (repeatable).
        #[arg(long, required = true, value_name = "DIR")]
        corpus: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Record the current findings in a baseline file: those `lint NEW... --corpus DIR`
    /// reports, or with no NEW every finding of the corpus.
    Baseline {
        /// New articles, as for `lint`; none: the whole corpus.
        new: Vec<PathBuf>,
        #[arg(long, required = true, value_name = "DIR")]
        corpus: Vec<PathBuf>,
        /// The baseline file to write (JSON when it ends in .json, else YAML).
        #[arg(long, short, required = true)]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Print the effective configuration and where each value comes from.
    Config {
        /// Input paths, as for `run` (their directories' factcheck.yaml apply too).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[arg(long, value_enum, value_name = "SEVERITY")]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Map stage: extract the claims of articles as JSON lines, for `factcheck reconcile`.
    Claims {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ClaimsFormat,
        /// Write here instead of stdout (atomically).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Also read these articles for context (dates, name pairings) without writing
        /// their claims: give every shard all the articles as context and `reconcile`
        /// gives exactly the report of `run` on all of them (repeatable).
        #[arg(long, value_name = "PATH")]
        context: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Reduce stage: reconcile the claims written by `factcheck claims` (one or more
    /// shards) and report, as `run` does.
    Reconcile {
        /// Files written by `factcheck claims` (any number, any order).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Work with the extraction rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Recognize values in text: JSON lines in ({"text","lang","reference"}), JSON lines out.
    Recognize {
        /// Read JSON lines from stdin (the only mode).
        #[arg(long)]
        jsonl: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// List every rule with its summary.
    List {
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Run every rule's examples and counterexamples.
    Test {
        /// Only the rules whose id contains this.
        filter: Option<String>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Show a rule's documentation, patterns and examples.
    Explain {
        id: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

impl RulesAction {
    fn config(&self) -> &ConfigArgs {
        match self {
            RulesAction::List { config }
            | RulesAction::Test { config, .. }
            | RulesAction::Explain { config, .. } => config,
        }
    }
}

/// Entry point; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Run {
            paths,
            report,
            config,
        } => check::run(&paths, &report, &config),
        Command::Lint {
            new,
            corpus,
            report,
            config,
        } => check::lint(&new, &corpus, &report, &config),
        Command::Baseline {
            new,
            corpus,
            output,
            config,
        } => check::baseline(&new, &corpus, &output, &config),
        Command::Config {
            paths,
            format,
            fail_on,
            config,
        } => config_cmd::show(&paths, format, fail_on, &config),
        Command::Claims {
            paths,
            format: _,
            output,
            context,
            config,
        } => mapreduce::claims(&paths, &context, output.as_deref(), &config),
        Command::Reconcile {
            files,
            report,
            config,
        } => mapreduce::reconcile(&files, &report, &config),
        Command::Rules { action } => rules::command(action),
        Command::Recognize { jsonl: _ } => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            match crate::extract::recognize::jsonl::run(stdin, std::io::BufWriter::new(stdout)) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
    }
}

/// Load the configuration for a command reading `inputs`; a configuration error is printed
/// (a miette diagnostic pointing into the file) and becomes `Err(2)`.
fn load_config(
    args: &ConfigArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    inputs: &[PathBuf],
) -> Result<Config, i32> {
    let flags = config::Flags {
        config: args.config.clone(),
        no_config: args.no_config,
        rules: args.rules.clone(),
        gazetteers: args.gazetteers.clone(),
        format,
        fail_on: fail_on.map(Severity::from),
    };
    match config::load(&flags, inputs) {
        Ok(cfg) => {
            for w in &cfg.warnings {
                eprintln!("warning: {w}");
            }
            Ok(cfg)
        }
        Err(e) => {
            eprintln!("{}", render_diagnostic(&*e));
            Err(2)
        }
    }
}

/// A miette diagnostic as text for stderr (colour only on a terminal).
pub fn render_diagnostic(diag: &dyn miette::Diagnostic) -> String {
    use std::io::IsTerminal;
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let _ = miette::GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .render_report(&mut out, diag);
    out
}

/// Every `.yaml`/`.yml` file under a rules path (itself when it is a file), sorted.
fn rule_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        })
        .collect();
    out.sort();
    out
}

/// The built-in rules and lexicons plus the configured ones. Files that do not load are
/// problems (returned apart from the run's other problems, for `--strict`).
fn load_extractor(cfg: &Config) -> (Extractor, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut files = crate::extract::builtin_files();
    for r in &cfg.rules {
        for f in rule_files(&r.value) {
            files.extend(DataFile::read(&f, &mut problems));
        }
    }
    for g in &cfg.gazetteers {
        files.extend(DataFile::read(&g.value, &mut problems).map(as_gazetteer));
    }
    let ex = Extractor::load(&files, &mut problems);
    (ex, problems)
}

/// A data file named as a gazetteer is one, wherever it is: `DataFile::kind` goes by the
/// path, so a path that does not say `gazetteer` gets a ` (gazetteer)` suffix (shown in
/// problems about the file).
fn as_gazetteer(mut f: DataFile) -> DataFile {
    if f.kind() != DataKind::Gazetteer {
        f.path.push_str(" (gazetteer)");
    }
    debug_assert_eq!(f.kind(), DataKind::Gazetteer);
    f
}

/// Load the rules; with `--strict`, a file that fails to load is `Err(2)`.
fn extractor_for(cfg: &Config, args: &ConfigArgs) -> Result<(Extractor, Vec<Problem>), i32> {
    let (ex, problems) = load_extractor(cfg);
    if args.strict && !problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&problems));
        eprintln!("error: a rule or gazetteer file failed to load (--strict)");
        return Err(2);
    }
    Ok((ex, problems))
}

/// Write to a file atomically (a temporary file in the same directory, then renamed over
/// the target), or to stdout.
pub fn write_output(path: Option<&Path>, text: &str) -> std::io::Result<()> {
    match path {
        Some(p) => {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut tmp = tempfile::Builder::new()
                .prefix(".factcheck-")
                .suffix(".tmp")
                .tempfile_in(dir)?;
            tmp.write_all(text.as_bytes())?;
            tmp.as_file().sync_all()?;
            tmp.persist(p).map_err(|e| e.error)?;
            Ok(())
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
    }
}
