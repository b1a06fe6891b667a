//! Ingest: find the input files, read their bytes, decode them, and split off front
//! matter, title and body. Every region is kept as a byte range into the decoded text,
//! and [`decode::ByteMap`] maps decoded offsets back to the bytes on disk.

pub mod decode;
pub mod frontmatter;
pub mod walk;

use crate::model::{Problem, Severity};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use decode::{ByteMap, Decoded};
pub use frontmatter::FrontMatter;

/// The kind of file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Html,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// A document as read from disk.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub path: PathBuf,
    /// The path as shown in reports (as given on the command line, `/`-separated).
    pub display: String,
    pub format: Format,
    /// The bytes on disk.
    pub raw: Vec<u8>,
    /// The decoded text and the map back to `raw`.
    pub decoded: Decoded,
    pub front_matter: Option<FrontMatter>,
    /// Where the title text is, in `decoded.text`.
    pub title: Option<Range<usize>>,
    /// Where the body is, in `decoded.text`.
    pub body: Range<usize>,
}

impl SourceDoc {
    pub fn text(&self) -> &str {
        &self.decoded.text
    }

    /// The title as written.
    pub fn title_text(&self) -> Option<&str> {
        self.title.clone().map(|r| &self.decoded.text[r])
    }
}

/// Read (through [`crate::fsread`]: a regular file within the size limit) and decode one
/// file. Problems that do not stop the file are pushed to `problems`.
pub fn load(path: &Path, display: &str, problems: &mut Vec<Problem>) -> Option<SourceDoc> {
    let problem = |message: String| Problem {
        path: display.to_string(),
        span: None,
        severity: Severity::Warning,
        message,
    };
    let format = Format::from_path(path).unwrap_or(Format::Text);
    let raw = match crate::fsread::read(path) {
        Ok(raw) => raw,
        Err(
            e @ (crate::fsread::ReadError::TooLarge { .. }
            | crate::fsread::ReadError::NotRegular(_)
            | crate::fsread::ReadError::Directory),
        ) => {
            problems.push(problem(format!("skipped: {e}")));
            return None;
        }
        Err(e) => {
            problems.push(problem(format!("cannot read: {e}")));
            return None;
        }
    };
    from_bytes(path, display, format, raw, problems)
}

/// Build a [`SourceDoc`] from bytes already read.
pub fn from_bytes(
    path: &Path,
    display: &str,
    format: Format,
    raw: Vec<u8>,
    problems: &mut Vec<Problem>,
) -> Option<SourceDoc> {
    let mut note = |severity: Severity, message: String, span: Option<crate::model::Span>| {
        problems.push(Problem {
            path: display.to_string(),
            span,
            severity,
            message,
        })
    };
    if raw.is_empty() {
        note(Severity::Info, "empty file: nothing to read".into(), None);
        return None;
    }
    if decode::looks_binary(&raw) {
        note(
            Severity::Warning,
            "skipped: binary file (NUL bytes or mostly control characters)".into(),
            None,
        );
        return None;
    }
    let decoded = decode::decode(&raw);
    for w in &decoded.warnings {
        note(
            Severity::Warning,
            w.message.clone(),
            w.at.map(|a| crate::model::Span::new(a, a + 1)),
        );
    }
    let text = &decoded.text;
    let (front_matter, body_start) = match frontmatter::split(text) {
        frontmatter::Split::None => (None, 0),
        frontmatter::Split::Found(fm) => {
            let end = fm.end;
            (Some(fm), end)
        }
        frontmatter::Split::Broken { message, at } => {
            let orig = decoded.map.to_original(at);
            note(
                Severity::Warning,
                format!("front matter ignored: {message}"),
                Some(crate::model::Span::new(orig, orig + 1)),
            );
            (None, 0)
        }
    };
    let body = body_start..text.len();
    let title = front_matter
        .as_ref()
        .and_then(|fm| fm.title.clone())
        .or_else(|| first_line_title(text, body.clone(), format));
    Some(SourceDoc {
        path: path.to_path_buf(),
        display: display.to_string(),
        format,
        raw,
        decoded,
        front_matter,
        title,
        body,
    })
}

/// The first heading, or else the first non-empty line, of the body.
fn first_line_title(text: &str, body: Range<usize>, format: Format) -> Option<Range<usize>> {
    let mut offset = body.start;
    let mut first: Option<Range<usize>> = None;
    for line in text[body.clone()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_end_matches(['\n', '\r']);
        let content = trimmed.trim();
        if content.is_empty() {
            continue;
        }
        if format == Format::Html {
            // The <title> element, when there is one (any case, with or without attributes).
            let b = text.as_bytes();
            if let Some(i) = find_ascii_ci(&b[body.clone()], b"<title") {
                let open = body.start + i + "<title".len();
                if matches!(b.get(open), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
                    let s = open + b[open..].iter().position(|&c| c == b'>')? + 1;
                    let e = s + find_ascii_ci(&b[s..body.end], b"</title")?;
                    return Some(s..e);
                }
            }
            return None;
        }
        let lead = trimmed.len() - trimmed.trim_start().len();
        if let Some(h) = content.strip_prefix('#') {
            let h = h.trim_start_matches('#').trim();
            let s = start + trimmed.find(h).unwrap_or(lead);
            return Some(s..s + h.len());
        }
        if first.is_none() {
            first = Some(start + lead..start + lead + content.len());
        }
        break;
    }
    first
}

/// The first ASCII-case-insensitive occurrence of `needle` in `hay`.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// A path as shown in reports.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(html: &str) -> Option<String> {
        let doc = from_bytes(
            Path::new("a.html"),
            "a.html",
            Format::Html,
            html.as_bytes().to_vec(),
            &mut Vec::new(),
        )?;
        doc.title_text().map(str::to_string)
    }

    #[test]
    fn html_title_in_any_case() {
        assert_eq!(title("<html><title>星河</title>").as_deref(), Some("星河"));
        assert_eq!(
            title("<HTML><TITLE lang=zh>星河集团</TITLE>").as_deref(),
            Some("星河集团")
        );
        assert_eq!(title("<html><titles>x</titles>"), None);
        assert_eq!(title("<html><title>never closed"), None);
    }
}
