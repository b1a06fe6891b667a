//! The command line: one module per command family.
//!
//! Exit codes (README.md): 0 no reported finding at or above `--fail-on`; 1 some (or an input
//! directory without articles, when `--fail-on` is `warning` or `info`); 2 usage or
//! configuration error: an input path, `--corpus`, claims file or baseline that is missing or
//! cannot be read, a bad configuration (also a rule or gazetteer file that fails to load, with
//! `--strict`). A usage error still writes the SARIF log when SARIF is asked for
//! ([`Fail::exit`]).

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
    /// Largest file read (articles, rules, gazetteers, configuration, baselines, claims):
    /// bytes, or with K, M or G [default: 256M].
    #[arg(long, global = true, value_name = "SIZE", value_parser = crate::fsread::parse_size)]
    pub max_file_size: Option<u64>,
}

/// Flags of the commands that walk input directories.
#[derive(Debug, Clone, Default, Args)]
pub struct InputArgs {
    /// Follow symbolic links that lead outside the paths given on the command line (by
    /// default they are skipped, with a warning).
    #[arg(long)]
    pub follow_links: bool,
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
    /// Let configuration files name rules and gazetteers outside their own directory and the
    /// working directory.
    #[arg(long)]
    pub allow_outside_config_paths: bool,
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
    /// Human report: show every occurrence of every claim, every agreement, and no cap on
    /// the lines of a finding (by default one snippet per article and value).
    #[arg(long, short)]
    pub verbose: bool,
    /// Colours in the human report: auto (when stdout is a terminal; NO_COLOR turns them
    /// off, FORCE_COLOR on), always or never.
    #[arg(long, value_enum, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,
}

/// When to use ANSI colours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal, unless NO_COLOR is set; always when FORCE_COLOR is.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether the output is a terminal: FORCE_COLOR (set, not
    /// `0` or `false`) wins over NO_COLOR (set, not empty), which wins over the terminal.
    pub fn resolve(self, terminal: bool) -> bool {
        let set = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if let Some(v) = set("FORCE_COLOR") {
                    return v != "0" && v != "false";
                }
                set("NO_COLOR").is_none() && terminal
            }
        }
    }
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
        #[command(flatten)]
        input: InputArgs,
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
        #[command(flatten)]
        input: InputArgs,
    },
    /// Record the current findings in a baseline file: those `lint NEW... --corpus DIR`
    /// reports, or with no NEW every finding of the corpus.
    Baseline {
        /// New articles, as for `lint`; none: the whole corpus.
        new: Vec<PathBuf>,
        /// The agreed articles the findings are computed against (repeatable).
        #[arg(long, required = true, value_name = "DIR")]
        corpus: Vec<PathBuf>,
        /// The baseline file to write (JSON when it ends in .json, else YAML).
        #[arg(long, short, required = true)]
        output: PathBuf,
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Print the effective configuration and where each value comes from.
    Config {
        /// Input paths, as for `run` (their directories' factcheck.yaml apply too).
        paths: Vec<PathBuf>,
        /// A `--format` as `run` would get it, to show how it combines with the files.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// A `--fail-on` as `run` would get it, to show how it combines with the files.
        #[arg(long, value_enum, value_name = "SEVERITY")]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Map stage: extract the claims of articles as JSON lines, for `factcheck reconcile`.
    Claims {
        /// Files and directories of articles (searched as for `run`).
        #[arg(required_unless_present = "paths_from")]
        paths: Vec<PathBuf>,
        /// Also read the paths of articles from this file, one a line (`-`: stdin), as a
        /// partition of a map/reduce job hands them over (no limit on their number).
        #[arg(long, value_name = "FILE")]
        paths_from: Option<PathBuf>,
        /// One run per story: the articles a directory holds are a story, and what a run
        /// learns across its articles (name pairings, inferred years, head nouns) is learned
        /// within each story only, so the claims of every story are those of `claims` (and
        /// `run`) on its directory alone. For a partition of many stories in one process.
        #[arg(long)]
        per_story: bool,
        /// Output format (JSON lines is the only one).
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
        #[command(flatten)]
        input: InputArgs,
    },
    /// Reduce stage: reconcile the claims written by `factcheck claims` (one or more
    /// shards) and report, as `run` does.
    Reconcile {
        /// Files written by `factcheck claims` (any number, any order; `-`: stdin).
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
    /// Print a shell completion script: `factcheck completions bash > /etc/bash_completion.d/factcheck`.
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
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
        /// A rule id (`factcheck rules list`) or a finding kind (variant-spelling, conflict …).
        id: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// How many documents and stories (directories holding the articles) each rule, pattern
    /// and lexicon entry fires in; marks those that fire nowhere or in one story only
    /// (docs/rules.md).
    Coverage {
        /// Files and directories of articles.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CoverageFormat,
        #[command(flatten)]
        config: ConfigArgs,
        #[command(flatten)]
        input: InputArgs,
    },
}

/// The formats of `factcheck rules coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    /// A table and a summary line.
    Human,
    /// One JSON object: the entries and the summary.
    Json,
}

impl RulesAction {
    fn config(&self) -> &ConfigArgs {
        match self {
            RulesAction::List { config }
            | RulesAction::Test { config, .. }
            | RulesAction::Explain { config, .. }
            | RulesAction::Coverage { config, .. } => config,
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
    if let Some(n) = cli.max_file_size {
        crate::fsread::set_max_file_size(n);
    }
    match cli.command {
        Command::Run {
            paths,
            report,
            config,
            input,
        } => check::run(&paths, &report, &config, &input),
        Command::Lint {
            new,
            corpus,
            report,
            config,
            input,
        } => check::lint(&new, &corpus, &report, &config, &input),
        Command::Baseline {
            new,
            corpus,
            output,
            config,
            input,
        } => check::baseline(&new, &corpus, &output, &config, &input),
        Command::Config {
            paths,
            format,
            fail_on,
            config,
        } => config_cmd::show(&paths, format, fail_on, &config),
        Command::Claims {
            paths,
            paths_from,
            per_story,
            format: _,
            output,
            context,
            config,
            input,
        } => mapreduce::claims(
            &mapreduce::MapArgs {
                paths,
                paths_from,
                context,
                per_story,
            },
            output.as_deref(),
            &config,
            &input,
        ),
        Command::Reconcile {
            files,
            report,
            config,
        } => mapreduce::reconcile(&files, &report, &config),
        Command::Rules { action } => rules::command(action),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut cmd, "factcheck", &mut out);
            0
        }
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

/// A usage or configuration error: exit code 2. Its message is on stderr already; `problems`
/// say it again for the SARIF log ([`Fail::exit`]).
#[derive(Debug, Default)]
pub struct Fail {
    pub problems: Vec<Problem>,
    /// The configured format, when the configuration was read.
    pub format: Option<Format>,
}

impl Fail {
    fn new(problems: Vec<Problem>) -> Fail {
        Fail {
            problems,
            format: None,
        }
    }

    /// Exit code 2. When the command prints a report and that report is SARIF, the log is
    /// written all the same (to `-o` or stdout), with `executionSuccessful: false` and the
    /// error as a tool execution notification: a CI step that uploads it shows why the run
    /// failed instead of an old log or none. GitHub workflow commands get the error as an
    /// `::error` annotation likewise.
    pub fn exit(self, report: Option<&ReportArgs>) -> i32 {
        let Some(r) = report else { return 2 };
        let opts = crate::report::RenderOptions {
            color: false,
            width: 100,
            rules: crate::report::rule_meta(),
            verbose: false,
        };
        let text = match r.format.or(self.format) {
            Some(Format::Sarif) => crate::report::sarif::render_failed(&self.problems, &opts),
            Some(Format::Github) => {
                let report = crate::model::Report::of_problems(self.problems);
                crate::report::github::render(&report, &[])
            }
            _ => return 2,
        };
        if let Err(e) = write_output(r.output.as_deref(), &text) {
            let to = r
                .output
                .as_deref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "stdout".into());
            eprintln!("error: cannot write {to}: {e}");
        }
        2
    }
}

/// An error about a path, as a problem (for the SARIF log) and a line on stderr.
fn path_error(path: &Path, message: String) -> Problem {
    eprintln!("error: {message}");
    Problem {
        path: crate::ingest::display_path(path),
        span: None,
        severity: Severity::Error,
        message,
    }
}

/// The paths of the command line must be there: each a directory that can be listed or a
/// file that can be read (a regular file within the size limit). Anything else is a usage
/// error naming the path: `what` says which argument it is (`input path`, `--corpus` …).
/// A `claims file` must be a file.
fn check_inputs(groups: &[(&str, &[PathBuf])]) -> Result<(), Fail> {
    let mut problems = Vec::new();
    for (what, paths) in groups {
        let dirs = *what != "claims file";
        for p in *paths {
            let why = match crate::fsread::metadata(p) {
                Ok(m) if m.is_dir() && dirs => std::fs::read_dir(p).err().map(|e| e.to_string()),
                Ok(_) => crate::fsread::check(p).err().map(|e| e.to_string()),
                Err(e) => Some(e.to_string()),
            };
            if let Some(why) = why {
                problems.push(path_error(
                    p,
                    format!("{what} {}: {why}", crate::ingest::display_path(p)),
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Fail::new(problems))
    }
}

/// Load the configuration for a command reading `inputs`; a configuration error is printed
/// (a miette diagnostic pointing into the file) and is a [`Fail`].
fn load_config(
    args: &ConfigArgs,
    format: Option<Format>,
    fail_on: Option<FailOn>,
    inputs: &[PathBuf],
) -> Result<Config, Fail> {
    let flags = config::Flags {
        config: args.config.clone(),
        no_config: args.no_config,
        rules: args.rules.clone(),
        gazetteers: args.gazetteers.clone(),
        format,
        fail_on: fail_on.map(Severity::from),
        allow_outside_config_paths: args.allow_outside_config_paths,
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
            let message = match &e.help {
                Some(h) => format!("{} ({h})", e.message),
                None => e.message.clone(),
            };
            Err(Fail::new(vec![Problem {
                path: e.src.name().to_string(),
                span: None,
                severity: Severity::Error,
                message,
            }]))
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
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build()
        .filter_map(Result::ok)
        // Regular files, and FIFOs or devices too, so that reading them says what they are
        // (symbolic links inside are not followed).
        .filter(|e| {
            e.file_type()
                .is_some_and(|t| !t.is_dir() && !t.is_symlink())
        })
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

/// Load the rules; with `--strict`, a file that fails to load is a [`Fail`].
fn extractor_for(cfg: &Config, args: &ConfigArgs) -> Result<(Extractor, Vec<Problem>), Fail> {
    let (ex, problems) = load_extractor(cfg);
    if args.strict && !problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&problems));
        eprintln!("error: a rule or gazetteer file failed to load (--strict)");
        return Err(Fail {
            problems,
            format: Some(cfg.format.value),
        });
    }
    Ok((ex, problems))
}

/// Write to a file atomically (a temporary file in the same directory, then renamed over
/// the target), or to stdout.
///
/// The file keeps the usual permissions: a file replaced keeps its mode, a new one gets the
/// mode the umask gives (`0666 & !umask`, as `>` in a shell would), not the temporary file's
/// 0600. A target that exists and is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`)
/// is written to in place: renaming over it would replace a device with a file.
pub fn write_output(path: Option<&Path>, text: &str) -> std::io::Result<()> {
    write_output_with(path, &mut |w| w.write_all(text.as_bytes()))
}

/// [`write_output`] of what `write` writes, through a buffer, as it writes it.
pub fn write_output_with(
    path: Option<&Path>,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    match path {
        Some(p) => {
            let existing = std::fs::metadata(p).ok();
            if let Some(m) = &existing {
                if m.is_dir() {
                    return Err(std::io::Error::other("is a directory"));
                }
                if !m.is_file() {
                    let f = std::fs::OpenOptions::new().write(true).open(p)?;
                    let mut f = std::io::BufWriter::with_capacity(1 << 16, f);
                    write(&mut f)?;
                    return f.flush();
                }
            }
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            let mut builder = tempfile::Builder::new();
            builder.prefix(".factcheck-").suffix(".tmp");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                // Created with 0666, less the umask (the kernel applies it).
                builder.permissions(std::fs::Permissions::from_mode(0o666));
            }
            let mut tmp = builder.tempfile_in(dir)?;
            if let Some(m) = &existing {
                // fchmod: the mode of the file replaced, umask or not.
                tmp.as_file().set_permissions(m.permissions())?;
            }
            {
                let mut buf = std::io::BufWriter::with_capacity(1 << 16, &mut tmp);
                write(&mut buf)?;
                buf.flush()?;
            }
            tmp.as_file().sync_all()?;
            tmp.persist(p).map_err(|e| e.error)?;
            Ok(())
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            write(&mut out)?;
            out.flush()
        }
    }
}

/// The paths of a report's documents (articles whose problems may show snippets).
fn article_paths(report: &crate::model::Report) -> Vec<&str> {
    report.documents.iter().map(|d| d.path.as_str()).collect()
}
