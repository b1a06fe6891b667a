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
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        if meta.is_file() {
            out.insert(p.clone());
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
                    if e.file_type().is_some_and(|t| t.is_file()) && is_article(e.path()) {
                        out.insert(e.path().to_path_buf());
                    }
                }
                Err(e) => problems.push(Problem {
                    path: super::display_path(p),
                    span: None,
                    severity: Severity::Warning,
                    message: format!("while walking the directory: {e}"),
                }),
            }
        }
    }
    out.into_iter().collect()
}
