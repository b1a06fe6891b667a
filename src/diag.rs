//! Diagnostics about the input itself (files, rule files, configuration), as miette reports
//! that point into the file.

use crate::model::Problem;
use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// A problem in a file, with the file's text for the snippet.
#[derive(Debug, Error, Diagnostic)]
#[error("{message}")]
pub struct FileDiagnostic {
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub at: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

/// Render problems as a short text block for stderr.
pub fn render_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        let at = p
            .span
            .map(|s| format!(" (byte {})", s.start))
            .unwrap_or_default();
        out.push_str(&format!(
            "{}: {}{at}: {}\n",
            p.severity.as_str(),
            p.path,
            p.message
        ));
    }
    out
}
