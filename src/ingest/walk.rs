//! Expand the paths given on the command line into the list of article files:
//! directories recursively (honouring .gitignore and .ignore), sorted, without duplicates.

use crate::model::{Problem, Severity};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Is this a file we read when walking a directory?
pub fn is_article(path: &Path) -> bool {
    super::Format::from_path(path).is_some()
}

/// Expand `paths` into article files. Files named explicitly are always taken; inside
/// directories only the known extensions are. The result is sorted and deduplicated, so the
/// order paths are given in does not change the report.
pub fn expand(paths: &[PathBuf], problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    let mut out = BTreeSet::new();
    for p in paths {
        let meta = match std::fs::metadata(p) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Problem {
                    path: super::display_path(p),
                    span: None,
                    severity: Severity::Error,
                    message: if std::fs::symlink_metadata(p)
                        .is_ok_and(|m| m.file_type().is_symlink())
                    {
                        "cannot read: a symbolic link to a missing file".to_string()
                    } else {
                        format!("cannot read: {e}")
                    },
                });
                continue;
            }
        };
        if meta.is_file() {
            out.insert(p.clone());
            continue;
        }
        if !meta.is_dir() {
            problems.push(not_regular(p));
            continue;
        }
        let walker = ignore::WalkBuilder::new(p)
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
    }
    out.into_iter().collect()
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
