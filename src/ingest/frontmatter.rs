//! YAML front matter (`---` … `---` at the top of a Markdown page, Hugo style).

use crate::yamlio;
use std::ops::Range;

/// Parsed front matter.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    /// The YAML between the fences, as a byte range of the decoded text.
    pub yaml: Range<usize>,
    /// Where the body starts (after the closing fence).
    pub end: usize,
    pub value: yamlio::Loose,
    /// Where the title's text is, when there is a `title:` line.
    pub title: Option<Range<usize>>,
}

impl FrontMatter {
    /// All string values of `key` (a scalar or a list).
    pub fn strings(&self, key: &str) -> Vec<String> {
        yamlio::loose_get(&self.value, key)
            .map(yamlio::loose_strings)
            .unwrap_or_default()
            .into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

pub enum Split {
    None,
    Found(FrontMatter),
    /// Front matter was opened but is unusable; `at` is the decoded offset of the problem.
    Broken {
        message: String,
        at: usize,
    },
}

/// Split front matter off the top of `text`.
pub fn split(text: &str) -> Split {
    let open_len = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return Split::None;
    };
    // Find the closing fence: a line that is exactly `---` (or `...`).
    let mut offset = open_len;
    let mut close: Option<(usize, usize)> = None;
    for line in text[open_len..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content == "---" || content == "..." {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, end)) = close else {
        return Split::Broken {
            message: "the front matter opened on line 1 is never closed with `---`".into(),
            at: 0,
        };
    };
    let yaml = &text[open_len..yaml_end];
    let value = match yamlio::loose(yaml) {
        Ok(v) => v,
        Err(e) => {
            return Split::Broken {
                message: format!("invalid YAML: {}", e.message),
                at: open_len + e.offset.unwrap_or(0).min(yaml.len()),
            }
        }
    };
    if !value.is_mapping() {
        return Split::Broken {
            message: "front matter is not a mapping of keys to values".into(),
            at: open_len,
        };
    }
    let title = title_range(text, open_len..yaml_end);
    Split::Found(FrontMatter {
        yaml: open_len..yaml_end,
        end,
        value,
        title,
    })
}

/// The byte range of the title's text in a `title: "…"` line, quotes excluded.
fn title_range(text: &str, yaml: Range<usize>) -> Option<Range<usize>> {
    let mut offset = yaml.start;
    for line in text[yaml.clone()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(rest) = line.strip_prefix("title:") else {
            continue;
        };
        let content = rest.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let v = content.trim();
        let vstart = start + "title:".len() + lead;
        let (s, e) = if (v.starts_with('"') && v.ends_with('"') && v.len() >= 2)
            || (v.starts_with('\'') && v.ends_with('\'') && v.len() >= 2)
        {
            (vstart + 1, vstart + v.len() - 1)
        } else {
            (vstart, vstart + v.len())
        };
        return (e > s).then_some(s..e);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_title_and_body() {
        let t = "---\ntitle: \"Hello\"\ndate: 2025-02-10\n---\nbody";
        let Split::Found(fm) = split(t) else { panic!() };
        assert_eq!(&t[fm.title.clone().unwrap()], "Hello");
        assert_eq!(&t[fm.end..], "body");
        assert_eq!(fm.strings("date"), vec!["2025-02-10"]);
    }

    #[test]
    fn unterminated_is_broken() {
        assert!(matches!(split("---\ntitle: x\nbody"), Split::Broken { .. }));
    }

    #[test]
    fn not_a_mapping_is_broken() {
        assert!(matches!(
            split("---\n- a\n- b\n---\nbody"),
            Split::Broken { .. }
        ));
    }

    #[test]
    fn yaml_error_offset_is_a_byte_offset() {
        // serde_yaml's error index counts bytes (not characters): it points right at the
        // second `:` after the Chinese title.
        let t = "---\ntitle: 星河集团: x\n---\nbody";
        let Split::Broken { at, message } = split(t) else {
            panic!()
        };
        assert!(t.is_char_boundary(at), "{at}");
        assert_eq!(&t[at..at + 1], ":", "{message}");
    }
}
