//! Diagnostics about the input itself (files, rule files, configuration), as miette reports
//! that point into the file.
//!
//! What a diagnostic may show of a file: the lines around the place for an article of the
//! run or a YAML file (rules, gazetteers, configuration); of any other file (something named
//! as a gazetteer that is not one, say), its name and the byte offset only; and a message
//! never quotes more than [`EXCERPT_CHARS`] characters of a value ([`quote_excerpts`]).

use crate::model::Problem;
use miette::{Diagnostic, NamedSource, SourceSpan};
use std::path::Path;
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

/// The longest excerpt of a file's text a message quotes, in characters.
pub const EXCERPT_CHARS: usize = 12;

/// `s` as a short excerpt: at most [`EXCERPT_CHARS`] characters, then `…`, with control
/// characters, quotes and backslashes escaped (`\n`, `\u{1b}` …) so that it stays on one
/// line and cannot drive a terminal or a CI log.
pub fn excerpt(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == EXCERPT_CHARS {
            out.push('…');
            break;
        }
        out.extend(c.escape_debug());
    }
    out
}

/// A parser's error message with every quoted value cut to a short excerpt. serde's
/// messages quote the offending value, `string "…"` (escaped) or `` `…` `` (as is): from a
/// file that is not what it was named as (a file of secrets given as a gazetteer), that
/// value would be the file's text. Now at most [`EXCERPT_CHARS`] characters of it reach
/// the report, stderr, SARIF or a CI annotation. What follows `expected` (the names the
/// parser knows) is kept whole.
pub fn quote_excerpts(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        // What follows `expected` is the parser's own (the names it knows), not the file's.
        if out.ends_with("expected")
            && !out[..out.len() - "expected".len()].ends_with(char::is_alphabetic)
        {
            out.push(c);
            out.extend(chars.by_ref());
            break;
        }
        match c {
            '"' => {
                // An escaped (Debug) string: keep its first characters, escapes whole.
                out.push('"');
                let mut kept = 0;
                let mut cut = false;
                let mut closed = false;
                while let Some(c) = chars.next() {
                    if c == '"' {
                        closed = true;
                        break;
                    }
                    let mut unit = String::from(c);
                    if c == '\\' {
                        if let Some(n) = chars.next() {
                            unit.push(n);
                            if n == 'u' {
                                for n in chars.by_ref() {
                                    unit.push(n);
                                    if n == '}' {
                                        break;
                                    }
                                }
                            }
                        }
                    } else if c.is_control() {
                        unit = c.escape_debug().collect();
                    }
                    if kept < EXCERPT_CHARS {
                        out.push_str(&unit);
                        kept += 1;
                    } else {
                        cut = true;
                    }
                }
                if cut {
                    out.push('…');
                }
                if closed {
                    out.push('"');
                }
            }
            '`' => {
                let mut inner = String::new();
                let mut closed = false;
                for c in chars.by_ref() {
                    if c == '`' {
                        closed = true;
                        break;
                    }
                    inner.push(c);
                }
                out.push('`');
                out.push_str(&excerpt(&inner));
                if closed {
                    out.push('`');
                }
            }
            c if c.is_control() && c != '\n' => out.extend(c.escape_debug()),
            c => out.push(c),
        }
    }
    out
}

/// Does a problem about this file show the file's text (a snippet with its lines) on
/// stderr? Only an article of the run (`articles`) or a YAML file (rules, gazetteers,
/// configuration): any other file is named, with the byte offset, and never quoted.
fn shows_text(path: &str, articles: &[&str]) -> bool {
    articles.contains(&path)
        || Path::new(path)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The text of a file a problem names: a built-in data file, or the file on disk when it is
/// UTF-8 (spans of article problems index the bytes on disk), read as every file is
/// ([`crate::fsread`]: a regular file within the size limit).
fn file_text(path: &str, articles: &[&str]) -> Option<String> {
    if let Some(f) = crate::extract::builtin_files()
        .into_iter()
        .find(|f| f.path == path)
    {
        return Some(f.text);
    }
    if !shows_text(path, articles) {
        return None;
    }
    // A snippet is not worth reading a huge file again.
    let limit = crate::fsread::max_file_size().min(16 * 1024 * 1024);
    String::from_utf8(crate::fsread::read_limited(Path::new(path), limit).ok()?).ok()
}

/// Render problems for stderr: a miette snippet pointing into the file when the problem has
/// a place and the file can be shown (a YAML file: rules, gazetteers), else one line naming
/// the file.
pub fn render_problems(problems: &[Problem]) -> String {
    render_problems_in(problems, &[])
}

/// [`render_problems`], where the problems of `articles` (the paths of the run's documents)
/// show their snippets too.
pub fn render_problems_in(problems: &[Problem], articles: &[&str]) -> String {
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
            let text = file_text(&p.path, articles)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_cut_and_escaped() {
        let m = r#"invalid type: string "AKIAIOSFODNN7EXAMPLE-secret", expected struct X"#;
        assert_eq!(
            quote_excerpts(m),
            r#"invalid type: string "AKIAIOSFODNN…", expected struct X"#
        );
        assert_eq!(
            quote_excerpts(r#"string "a\nb\u{1b}[31m""#),
            r#"string "a\nb\u{1b}[31m""#
        );
        assert_eq!(
            quote_excerpts("unknown variant `hunter2hunter2hunter2`, expected `json`"),
            "unknown variant `hunter2hunte…`, expected `json`"
        );
        assert_eq!(
            quote_excerpts("unknown field `a\u{1b}b`"),
            "unknown field `a\\u{1b}b`"
        );
        assert_eq!(
            quote_excerpts("unknown field `emitt`, expected one of `id`, `counterexamples`"),
            "unknown field `emitt`, expected one of `id`, `counterexamples`"
        );
        // Short values and the rest of the message are kept.
        let m = r#"invalid type: string "not a list", expected a sequence at line 4 column 15"#;
        assert_eq!(quote_excerpts(m), m);
    }
}
