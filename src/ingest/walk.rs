//! Expand the paths given on the command line into the list of article files:
//! directories recursively (honouring .gitignore and .ignore), sorted, without duplicates.
//!
//! Symbolic links are followed while they stay under the paths given (a link to an article
//! of another input directory is read); one that leads anywhere else is skipped with a
//! warning, unless [`Walk::follow_links`] (`--follow-links`) says to follow every link.

use crate::model::{Problem, Severity};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How to walk directories.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Follow symbolic links wherever they lead (`--follow-links`).
    pub follow_links: bool,
    /// Where links may lead besides the paths walked: the other paths of the command line.
    pub roots: Vec<PathBuf>,
}

/// The start of the message of an input directory that holds no article to read.
pub const NO_ARTICLE: &str = "no article to read";

/// Is this the problem of an input directory without articles? (`--fail-on warning` makes it
/// fail the run: [`crate::lint::exit_code`].)
pub fn is_no_article(p: &Problem) -> bool {
    p.message.starts_with(NO_ARTICLE)
}

/// The problem of an input directory without articles; `excluded`: articles it holds that
/// the configuration's include/exclude left out.
pub fn no_article(dir: &Path, excluded: usize) -> Problem {
    Problem {
        path: super::display_path(dir),
        span: None,
        severity: Severity::Warning,
        message: if excluded == 0 {
            format!("{NO_ARTICLE} in this directory (no .md .markdown .txt .html .htm file)")
        } else {
            format!(
                "{NO_ARTICLE} in this directory: include/exclude leave out all of its {excluded} \
                 article(s)"
            )
        },
    }
}

/// Is this a file we read when walking a directory?
pub fn is_article(path: &Path) -> bool {
    super::Format::from_path(path).is_some()
}

/// Expand `paths` into article files. Files named explicitly are always taken; inside
/// directories only the known extensions are. The result is sorted and deduplicated, so the
/// order paths are given in does not change the report.
pub fn expand(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut out = BTreeSet::new();
    for files in expand_each(paths, &Walk::default(), problems) {
        out.extend(files);
    }
    out.into_iter().collect()
}

/// Expand each path on its own (sorted, each file once): one list per path, in order.
pub fn expand_each(
    paths: &[PathBuf],
    walk: &Walk,
    problems: &mut Vec<Problem>,
) -> Vec<Vec<PathBuf>> {
    let allowed: Arc<Vec<PathBuf>> = Arc::new(
        paths
            .iter()
            .chain(&walk.roots)
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect(),
    );
    let mut lists = Vec::with_capacity(paths.len());
    for p in paths {
        let mut out = BTreeSet::new();
        expand_one(p, walk, &allowed, &mut out, problems);
        lists.push(out.into_iter().collect());
    }
    lists
}

fn expand_one(
    p: &PathBuf,
    walk: &Walk,
    allowed: &Arc<Vec<PathBuf>>,
    out: &mut BTreeSet<PathBuf>,
    problems: &mut Vec<Problem>,
) {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            problems.push(Problem {
                path: super::display_path(p),
                span: None,
                severity: Severity::Error,
                message: if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) {
                    "cannot read: a symbolic link to a missing file".to_string()
                } else {
                    format!("cannot read: {e}")
                },
            });
            return;
        }
    };
    if meta.is_file() {
        out.insert(p.clone());
        return;
    }
    if !meta.is_dir() {
        problems.push(not_regular(p));
        return;
    }
    let outside: Arc<Mutex<Vec<PathBuf>>> = Arc::default();
    let mut builder = ignore::WalkBuilder::new(p);
    if !walk.follow_links {
        let allowed = Arc::clone(allowed);
        let outside = Arc::clone(&outside);
        builder.filter_entry(move |e| {
            if !e.path_is_symlink() {
                return true;
            }
            // A dangling link is kept: the walk reports it.
            let Ok(target) = std::fs::canonicalize(e.path()) else {
                return true;
            };
            if allowed.iter().any(|r| target.starts_with(r)) {
                return true;
            }
            if e.file_type().is_some_and(|t| t.is_dir()) || is_article(e.path()) {
                outside
                    .lock()
                    .expect("not poisoned")
                    .push(e.path().to_path_buf());
            }
            false
        });
    }
    let walker = builder
        .hidden(true)
        .follow_links(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .ignore(true)
        .parents(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let Some(t) = e.file_type() else { continue };
                if !is_article(e.path()) || t.is_dir() {
                    continue;
                }
                if t.is_file() {
                    out.insert(e.path().to_path_buf());
                } else {
                    // A FIFO, socket or device named like an article: never opened (a
                    // FIFO would block the run).
                    problems.push(not_regular(e.path()));
                }
            }
            Err(e) => problems.push(walk_error(p, e)),
        }
    }
    for l in outside.lock().expect("not poisoned").drain(..) {
        problems.push(Problem {
            path: super::display_path(&l),
            span: None,
            severity: Severity::Warning,
            message: "skipped: a symbolic link that leads outside the paths given on the \
                          command line (--follow-links follows it)"
                .into(),
        });
    }
}

fn not_regular(path: &Path) -> Problem {
    Problem {
        path: super::display_path(path),
        span: None,
        severity: Severity::Warning,
        message: "skipped: not a regular file (a FIFO, socket or device)".into(),
    }
}

/// A problem met while walking `root`, named after the entry it is about when there is one.
fn walk_error(root: &Path, e: ignore::Error) -> Problem {
    let mut path = None;
    let mut loop_ancestor = None;
    let mut inner = &e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err
            }
            ignore::Error::Loop { ancestor, child } => {
                path.get_or_insert_with(|| child.clone());
                loop_ancestor = Some(ancestor.clone());
                break;
            }
            _ => break,
        }
    }
    let path = path.unwrap_or_else(|| root.to_path_buf());
    let message = match (loop_ancestor, inner) {
        (Some(a), _) => format!(
            "skipped: symbolic link loop (points back to {})",
            super::display_path(&a)
        ),
        (None, ignore::Error::Io(io)) if io.kind() == std::io::ErrorKind::NotFound => {
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                "cannot read: a symbolic link to a missing file".to_string()
            } else {
                format!("cannot read: {io}")
            }
        }
        (None, inner) => format!("cannot read: {inner}"),
    };
    Problem {
        path: super::display_path(&path),
        span: None,
        severity: Severity::Warning,
        message,
    }
}
