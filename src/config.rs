//! Configuration: `factcheck.yaml`, found from the working directory upward and in each
//! directory given as an input path (or holding an input file), merged with the command-line flags. Every effective
//! value remembers where it came from (`factcheck config` prints it). See
//! `docs/configuration.md`.
//!
//! Precedence, lowest first: built-in defaults; the nearest `factcheck.yaml` from the working
//! directory upward; the `factcheck.yaml` of each directory given as an input path, or
//! holding an input file (in argument order); command-line flags. `--config FILE` replaces both discovered kinds with
//! that one file; `--no-config` reads no file at all. Lists (`rules`, `gazetteers`,
//! `include`, `exclude`) accumulate; `format`, `fail_on` and each `severity` entry are
//! overridden by later sources.

use crate::model::Severity;
use crate::report::Format;
use miette::{NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file.
pub const FILE_NAME: &str = "factcheck.yaml";

/// What a `severity` entry sets a finding to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    #[serde(alias = "warn")]
    Warning,
    Info,
    /// The finding is dropped.
    Off,
}

impl Level {
    pub fn as_str(&self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Off => "off",
        }
    }
    /// The severity, or `None` for `off`.
    pub fn severity(&self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// A configuration file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Extra rule files or directories, added to the built-in rules.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Extra gazetteer files.
    #[serde(default)]
    pub gazetteers: Vec<String>,
    /// Finding kind or rule id → error | warning | info | off.
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    /// Glob patterns: when any is given, only matching articles are read.
    #[serde(default)]
    pub include: Vec<String>,
    /// Glob patterns: matching articles are not read.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Default output format.
    #[serde(default)]
    pub format: Option<Format>,
    /// Lowest severity that makes the exit code 1.
    #[serde(default, alias = "fail-on")]
    pub fail_on: Option<Severity>,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// A configuration file and the 1-based line of the value.
    File {
        path: String,
        line: usize,
    },
    /// A command-line flag, e.g. `--fail-on`.
    Flag(&'static str),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File { path, line } => write!(f, "{path}:{line}"),
            Origin::Flag(flag) => write!(f, "command line {flag}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    fn new(value: T, origin: Origin) -> Self {
        Sourced { value, origin }
    }
}

/// An include or exclude pattern and the directory it is relative to.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub glob: String,
    /// The directory of the configuration file (absolute when it could be resolved).
    pub base: PathBuf,
    matcher: globset::GlobMatcher,
}

impl Pattern {
    /// Does the pattern match this article? Patterns with a `/` match the path relative to
    /// the configuration file's directory (or the path as given when the article is
    /// elsewhere); patterns without one match the file name or any directory name.
    pub fn matches(&self, path: &Path) -> bool {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs
            .strip_prefix(&self.base)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf());
        let rel_s = crate::ingest::display_path(&rel);
        let rel_s = rel_s.trim_start_matches("./");
        if self.matcher.is_match(rel_s) {
            return true;
        }
        if !self.glob.contains('/') {
            return rel.components().any(|c| {
                self.matcher
                    .is_match(c.as_os_str().to_string_lossy().as_ref())
            });
        }
        false
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The configuration files read, in order.
    pub files: Vec<String>,
    pub rules: Vec<Sourced<PathBuf>>,
    pub gazetteers: Vec<Sourced<PathBuf>>,
    pub severity: BTreeMap<String, Sourced<Level>>,
    pub include: Vec<Sourced<Pattern>>,
    pub exclude: Vec<Sourced<Pattern>>,
    pub format: Sourced<Format>,
    pub fail_on: Sourced<Severity>,
    /// Non-fatal remarks (e.g. a severity key no rule uses), shown on stderr.
    pub warnings: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            files: Vec::new(),
            rules: Vec::new(),
            gazetteers: Vec::new(),
            severity: BTreeMap::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            format: Sourced::new(Format::Human, Origin::Default),
            fail_on: Sourced::new(Severity::Error, Origin::Default),
            warnings: Vec::new(),
        }
    }
}

/// The command-line flags that take part in the configuration.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub rules: Vec<PathBuf>,
    pub gazetteers: Vec<PathBuf>,
    pub format: Option<Format>,
    pub fail_on: Option<Severity>,
    /// `--allow-outside-config-paths`: paths in configuration files may lead anywhere.
    pub allow_outside_config_paths: bool,
}

/// A configuration error: a miette diagnostic pointing into the file. Exit code 2.
pub type ConfigError = crate::diag::FileDiagnostic;

impl ConfigError {
    fn plain(path: &str, message: String) -> Self {
        ConfigError {
            message,
            src: NamedSource::new(path, String::new()),
            at: None,
            help: None,
        }
    }
}

/// What a configuration file's paths are checked against.
struct Bounds {
    /// `--allow-outside-config-paths`.
    allow: bool,
    /// The working directory, canonical.
    cwd: Option<PathBuf>,
    /// The `--rules` and `--gazetteer` paths, canonical: a configuration may name them.
    named: Vec<PathBuf>,
}

impl Bounds {
    /// May a configuration file in `dir` read `path` (both as they are on disk)? When the
    /// path cannot be resolved it is not read anyway (the caller says it is missing).
    fn allows(&self, dir: &Path, path: &Path) -> bool {
        if self.allow {
            return true;
        }
        let Ok(target) = std::fs::canonicalize(path) else {
            return true;
        };
        let dir = std::fs::canonicalize(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .ok();
        dir.iter().chain(&self.cwd).any(|d| target.starts_with(d)) || self.named.contains(&target)
    }
}

/// The help of a path that leaves the configuration's directory.
const OUTSIDE_HELP: &str = "a configuration file may only name paths under its own directory \
     or the working directory (symbolic links resolved): name the file on the command line \
     (--rules, --gazetteer) or pass --allow-outside-config-paths to read it";

/// Is `path` a file or directory factcheck can read as rules (a regular file within the
/// size limit, or a directory)? The reason when not.
fn rules_path_error(path: &Path) -> Option<String> {
    match crate::fsread::metadata(path) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => crate::fsread::check(path).err().map(|e| e.to_string()),
        Err(e) => Some(e.to_string()),
    }
}

/// Is `path` a gazetteer file factcheck can read? The reason when not.
fn file_error(path: &Path) -> Option<String> {
    crate::fsread::check(path).err().map(|e| e.to_string())
}

/// Load the effective configuration for a command reading `inputs`.
pub fn load(flags: &Flags, inputs: &[PathBuf]) -> Result<Config, Box<ConfigError>> {
    let mut cfg = Config::default();
    for r in &flags.rules {
        if let Some(why) = rules_path_error(r) {
            return Err(Box::new(ConfigError::plain(
                &crate::ingest::display_path(r),
                format!("--rules {}: {why}", r.display()),
            )));
        }
    }
    for g in &flags.gazetteers {
        if let Some(why) = file_error(g) {
            return Err(Box::new(ConfigError::plain(
                &crate::ingest::display_path(g),
                format!("--gazetteer {}: {why}", g.display()),
            )));
        }
    }
    let bounds = Bounds {
        allow: flags.allow_outside_config_paths,
        cwd: std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok()),
        named: flags
            .rules
            .iter()
            .chain(&flags.gazetteers)
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect(),
    };
    if !flags.no_config {
        let files: Vec<PathBuf> = match &flags.config {
            Some(f) => {
                if let Some(why) = file_error(f) {
                    return Err(Box::new(ConfigError::plain(
                        &crate::ingest::display_path(f),
                        format!(
                            "cannot read configuration file {}: {why}",
                            crate::ingest::display_path(f)
                        ),
                    )));
                }
                vec![f.clone()]
            }
            None => {
                let found = discover(inputs);
                // A discovered file is found by its name; where it leads must be in bounds
                // too (a `factcheck.yaml` that is a link to a file elsewhere is not read).
                for f in &found {
                    let dir = f.parent().unwrap_or(Path::new(""));
                    if !bounds.allows(dir, f) {
                        let d = crate::ingest::display_path(f);
                        return Err(Box::new(ConfigError {
                            message: format!(
                                "configuration file {d} is a symbolic link that leads outside \
                                 its directory and the working directory; not read"
                            ),
                            src: NamedSource::new(d, String::new()),
                            at: None,
                            help: Some(
                                "give it with --config, pass --allow-outside-config-paths, or \
                                 --no-config"
                                    .into(),
                            ),
                        }));
                    }
                }
                found
            }
        };
        for f in files {
            apply_file(&mut cfg, &f, &bounds)?;
        }
    }
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // Each file once: a path named both in a configuration and on the command line is read
    // once (where the configuration says).
    for r in &flags.rules {
        if !cfg.rules.iter().any(|x| canon(&x.value) == canon(r)) {
            cfg.rules
                .push(Sourced::new(r.clone(), Origin::Flag("--rules")));
        }
    }
    for g in &flags.gazetteers {
        if !cfg.gazetteers.iter().any(|x| canon(&x.value) == canon(g)) {
            cfg.gazetteers
                .push(Sourced::new(g.clone(), Origin::Flag("--gazetteer")));
        }
    }
    if let Some(f) = flags.format {
        cfg.format = Sourced::new(f, Origin::Flag("--format"));
    }
    if let Some(s) = flags.fail_on {
        cfg.fail_on = Sourced::new(s, Origin::Flag("--fail-on"));
    }
    Ok(cfg)
}

/// The configuration files that apply: the nearest `factcheck.yaml` from the working
/// directory upward, then the one in each input directory (each file once).
pub fn discover(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut push = |p: PathBuf, out: &mut Vec<PathBuf>| {
        let canon = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if !seen.contains(&canon) {
            seen.push(canon);
            out.push(p);
        }
    };
    if let Ok(cwd) = std::env::current_dir() {
        for (i, dir) in cwd.ancestors().enumerate() {
            if dir.join(FILE_NAME).is_file() {
                let mut rel = PathBuf::new();
                for _ in 0..i {
                    rel.push("..");
                }
                push(rel.join(FILE_NAME), &mut out);
                break;
            }
        }
    }
    for p in inputs {
        // A directory's own file; for a file, the file of the directory it sits in (so
        // naming the articles one by one reads them as naming their directory does).
        let dir = if p.is_dir() {
            Some(p.as_path())
        } else {
            p.parent()
        };
        if let Some(dir) = dir {
            let f = if dir.as_os_str().is_empty() {
                PathBuf::from(FILE_NAME)
            } else {
                dir.join(FILE_NAME)
            };
            if f.is_file() {
                push(f, &mut out);
            }
        }
    }
    out
}

/// 1-based line of a byte offset.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

/// Where a key (at the start of a line) is, and where `value` is after it.
fn locate(text: &str, key: &str, value: Option<&str>) -> Option<(usize, usize)> {
    let mut key_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let bare = t
            .strip_prefix('"')
            .or_else(|| t.strip_prefix('\''))
            .unwrap_or(t);
        if bare.starts_with(key)
            && bare[key.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            key_at = Some(offset + indent);
            break;
        }
        offset += line.len();
    }
    let k = key_at?;
    match value {
        None => Some((k, key.len())),
        Some(v) => text[k..].find(v).map(|i| (k + i, v.len())),
    }
}

/// Read one configuration file into `cfg`.
fn apply_file(cfg: &mut Config, path: &Path, bounds: &Bounds) -> Result<(), Box<ConfigError>> {
    let display = crate::ingest::display_path(path);
    let text = crate::fsread::read_to_string(path).map_err(|e| {
        Box::new(ConfigError::plain(
            &display,
            format!("cannot read configuration file {display}: {e}"),
        ))
    })?;
    // A YAML file's lines may be shown around an error; any other file given as the
    // configuration (`--config .env`) is only named (its text is not a configuration's).
    let yaml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let error = |message: String, at: Option<(usize, usize)>, help: Option<String>| {
        Box::new(ConfigError {
            message,
            src: NamedSource::new(
                display.clone(),
                if yaml { text.clone() } else { String::new() },
            ),
            at: at
                .filter(|_| yaml)
                .map(|(s, l)| SourceSpan::new(s.into(), l)),
            help,
        })
    };
    let file: ConfigFile = if text.trim().is_empty() {
        ConfigFile::default()
    } else {
        crate::yamlio::from_str(&text).map_err(|e| {
            let at = e.offset.map(|o| {
                let o = o.min(text.len());
                let len = text[o..]
                    .find(['\n', ':'])
                    .unwrap_or(text.len() - o)
                    .max(1)
                    .min(text.len() - o);
                (o, len)
            });
            let help = e.message.contains("unknown field").then(|| {
                "keys: rules, gazetteers, severity, include, exclude, format, fail_on \
                 (docs/configuration.md)"
                    .to_string()
            });
            error(
                format!("invalid configuration in {display}: {}", e.message),
                at,
                help,
            )
        })?
    };
    cfg.files.push(display.clone());
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let origin = |key: &str, value: Option<&str>| Origin::File {
        path: display.clone(),
        line: locate(&text, key, value)
            .map(|(at, _)| line_of(&text, at))
            .unwrap_or(1),
    };
    let relative = "paths in a configuration file are relative to the file's directory";
    for (key, list, target, check) in [
        (
            "rules",
            &file.rules,
            &mut cfg.rules,
            rules_path_error as fn(&Path) -> Option<String>,
        ),
        (
            "gazetteers",
            &file.gazetteers,
            &mut cfg.gazetteers,
            file_error,
        ),
    ] {
        for r in list {
            let p = dir.join(r);
            let at = locate(&text, key, Some(r));
            // Bounds first: a path out of them is not even opened.
            if !bounds.allows(&dir, &p) {
                return Err(error(
                    format!(
                        "{key}: {r}: leads outside the directory of {display} and the working \
                         directory; not read"
                    ),
                    at,
                    Some(OUTSIDE_HELP.into()),
                ));
            }
            if let Some(why) = check(&p) {
                return Err(error(
                    format!("{key}: {r}: {why} (relative to {display})"),
                    at,
                    Some(relative.into()),
                ));
            }
            target.push(Sourced::new(p, origin(key, Some(r.as_str()))));
        }
    }
    let base = std::fs::canonicalize(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &dir
    })
    .unwrap_or_else(|_| dir.clone());
    for (key, list, target) in [
        ("include", &file.include, &mut cfg.include),
        ("exclude", &file.exclude, &mut cfg.exclude),
    ] {
        for g in list {
            let glob = globset::GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    error(
                        format!("{key}: invalid glob pattern {g:?}: {e}"),
                        locate(&text, key, Some(g)),
                        None,
                    )
                })?;
            target.push(Sourced::new(
                Pattern {
                    glob: g.clone(),
                    base: base.clone(),
                    matcher: glob.compile_matcher(),
                },
                origin(key, Some(g.as_str())),
            ));
        }
    }
    let known = known_ids();
    for (k, v) in &file.severity {
        if !known.is_empty() && !known.contains(k) {
            cfg.warnings.push(format!(
                "{display}: severity: no finding rule or kind is called `{k}` (known: {})",
                known.join(", ")
            ));
        }
        cfg.severity
            .insert(k.clone(), Sourced::new(*v, origin(k, None)));
    }
    if let Some(f) = file.format {
        cfg.format = Sourced::new(f, origin("format", None));
    }
    if let Some(s) = file.fail_on {
        let o = if locate(&text, "fail_on", None).is_some() {
            origin("fail_on", None)
        } else {
            origin("fail-on", None)
        };
        cfg.fail_on = Sourced::new(s, o);
    }
    Ok(())
}

/// Finding rule ids and kinds documented in `rules/findings.yaml`.
pub fn known_ids() -> Vec<String> {
    let mut ids: Vec<String> = crate::report::rule_meta()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for k in ["conflict", "variant-spelling", "change", "stale"] {
        ids.push(k.to_string());
    }
    ids.sort();
    ids.dedup();
    ids
}

impl Config {
    /// Is this article to be read (include/exclude)?
    pub fn selects(&self, path: &Path) -> bool {
        if !self.include.is_empty() && !self.include.iter().any(|p| p.value.matches(path)) {
            return false;
        }
        !self.exclude.iter().any(|p| p.value.matches(path))
    }

    /// The severity override for a finding: its rule id first, then its kind.
    pub fn level_for(&self, rule: &str, kind: &str) -> Option<Level> {
        self.severity
            .get(rule)
            .or_else(|| self.severity.get(kind))
            .map(|s| s.value)
    }

    /// The effective configuration as YAML, each value followed by where it came from.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        out.push_str("# effective configuration; `# …` says where each value came from\n");
        if self.files.is_empty() {
            out.push_str("# configuration files: none\n");
        } else {
            out.push_str("# configuration files, lowest precedence first:\n");
            for f in &self.files {
                out.push_str(&format!("#   {f}\n"));
            }
        }
        let q = |s: &str| crate::yamlio::to_string(&s).trim_end().to_string();
        out.push_str(&format!(
            "format: {}  # {}\n",
            q(format_name(self.format.value)),
            self.format.origin
        ));
        out.push_str(&format!(
            "fail_on: {}  # {}\n",
            self.fail_on.value.as_str(),
            self.fail_on.origin
        ));
        let list = |out: &mut String, key: &str, items: Vec<(String, &Origin)>| {
            if items.is_empty() {
                out.push_str(&format!("{key}: []  # default\n"));
            } else {
                out.push_str(&format!("{key}:\n"));
                for (v, o) in items {
                    out.push_str(&format!("  - {}  # {o}\n", q(&v)));
                }
            }
        };
        list(
            &mut out,
            "rules",
            self.rules
                .iter()
                .map(|r| (crate::ingest::display_path(&r.value), &r.origin))
                .collect(),
        );
        list(
            &mut out,
            "gazetteers",
            self.gazetteers
                .iter()
                .map(|r| (crate::ingest::display_path(&r.value), &r.origin))
                .collect(),
        );
        if self.severity.is_empty() {
            out.push_str("severity: {}  # default: each finding's own severity\n");
        } else {
            out.push_str("severity:\n");
            for (k, v) in &self.severity {
                out.push_str(&format!(
                    "  {}: {}  # {}\n",
                    q(k),
                    v.value.as_str(),
                    v.origin
                ));
            }
        }
        list(
            &mut out,
            "include",
            self.include
                .iter()
                .map(|p| (p.value.glob.clone(), &p.origin))
                .collect(),
        );
        list(
            &mut out,
            "exclude",
            self.exclude
                .iter()
                .map(|p| (p.value.glob.clone(), &p.origin))
                .collect(),
        );
        out
    }
}

/// The name of a format as written in configuration and on the command line.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Human => "human",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Sarif => "sarif",
        Format::Github => "github",
        Format::Markdown => "markdown",
        Format::Html => "html",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_keys_and_values() {
        let text = "format: json\ngazetteers:\n  - people.yaml\n  - missing.yaml\n";
        let (at, len) = locate(text, "gazetteers", Some("missing.yaml")).unwrap();
        assert_eq!(&text[at..at + len], "missing.yaml");
        assert_eq!(line_of(text, at), 4);
        assert_eq!(locate(text, "format", None), Some((0, 6)));
        assert_eq!(locate(text, "nothing", None), None);
    }

    #[test]
    fn severity_prefers_rule_over_kind() {
        let mut cfg = Config::default();
        cfg.severity.insert(
            "conflict".into(),
            Sourced::new(Level::Info, Origin::Default),
        );
        cfg.severity.insert(
            "conflict-date".into(),
            Sourced::new(Level::Off, Origin::Default),
        );
        assert_eq!(cfg.level_for("conflict-date", "conflict"), Some(Level::Off));
        assert_eq!(
            cfg.level_for("conflict-number", "conflict"),
            Some(Level::Info)
        );
        assert_eq!(cfg.level_for("stale", "stale"), None);
    }

    fn pattern(glob: &str, base: &Path) -> Pattern {
        Pattern {
            glob: glob.into(),
            base: base.to_path_buf(),
            matcher: globset::GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .unwrap()
                .compile_matcher(),
        }
    }

    #[test]
    fn patterns_match_relative_paths_or_names() {
        let base = Path::new("/nonexistent/base");
        let p = |g| pattern(g, base);
        assert!(p("*.txt").matches(Path::new("/nonexistent/base/a/b.txt")));
        assert!(p("drafts").matches(Path::new("/nonexistent/base/drafts/x.md")));
        assert!(p("articles/**").matches(Path::new("/nonexistent/base/articles/2025/x.md")));
        assert!(!p("articles/*").matches(Path::new("/nonexistent/base/articles/2025/x.md")));
        assert!(!p("articles/**").matches(Path::new("/nonexistent/base/other/x.md")));
        // Outside the base, the path as given.
        assert!(p("corpus/*.md").matches(Path::new("corpus/x.md")));
    }
}
