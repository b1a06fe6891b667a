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

/// The text of a file a problem names: a built-in data file, or the file on disk when it is
/// UTF-8 (spans of article problems index the bytes on disk).
fn file_text(path: &str) -> Option<String> {
    if let Some(f) = crate::extract::builtin_files()
        .into_iter()
        .find(|f| f.path == path)
    {
        return Some(f.text);
    }
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() > 16 * 1024 * 1024 {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// Render problems for stderr: a miette snippet pointing into the file when the problem has
/// a place and the file can be shown, else one line naming the file.
pub fn render_problems(problems: &[Problem]) -> String {
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let handler = if color {
        miette::GraphicalReportHandler::new()
    } else {
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
    }
    .with_width(100);
    let mut out = String::new();
    for p in problems {
        let snippet = p.span.and_then(|span| {
            let text = file_text(&p.path)?;
            let start = span.start.min(text.len());
            if !text.is_char_boundary(start) {
                return None;
            }
            let len = text[start..]
                .chars()
                .next()
                .map(char::len_utf8)
                .unwrap_or(0);
            let d = FileDiagnostic {
                message: format!("{}: {}: {}", p.severity.as_str(), p.path, p.message),
                src: NamedSource::new(p.path.clone(), text),
                at: Some(SourceSpan::new(start.into(), len)),
                help: None,
            };
            let mut s = String::new();
            handler.render_report(&mut s, &d).ok()?;
            Some(s)
        });
        match snippet {
            Some(s) => out.push_str(&s),
            None => {
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
        }
    }
    out
}
