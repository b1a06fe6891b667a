//! Normalize: build the view of a document that extractors match against, with a map from
//! every normalized character back to the decoded text (and, through
//! [`ByteMap`](crate::ingest::ByteMap), to the bytes on disk).
//!
//! Steps, in order, each keeping the per-character map:
//! 1. [`markup`]: HTML tags, comments, script/style blocks, entities and Markdown markup
//!    removed; link targets and image URLs are not prose.
//! 2. [`gloss`]: pinyin glosses a converter left inside words (`擔(dān)任` → `擔任`).
//! 3. [`script`]: full-width → half-width, traditional → simplified, one character for one
//!    character (the character count is kept, the UTF-8 length may not be).

pub mod gloss;
pub mod markup;
pub mod script;

use crate::ingest::{Format, SourceDoc};
use crate::model::Span;
use std::ops::Range;

/// One normalized character and the decoded bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NChar {
    pub c: char,
    /// Decoded byte range `[start, end)` this character came from.
    pub start: u32,
    pub end: u32,
}

/// The normalized text of a document.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub text: String,
    /// Per normalized character: its byte offset in `text`, and its decoded range.
    index: Vec<(u32, u32, u32)>,
    /// Where the title ends in `text` (the body follows); 0 when there is no title.
    pub title_end: usize,
}

impl NormText {
    /// Build from characters.
    pub fn from_chars(chars: &[NChar]) -> NormText {
        let mut text = String::with_capacity(chars.len() * 3);
        let mut index = Vec::with_capacity(chars.len() + 1);
        for ch in chars {
            index.push((text.len() as u32, ch.start, ch.end));
            text.push(ch.c);
        }
        let end = chars.last().map(|c| c.end).unwrap_or(0);
        index.push((text.len() as u32, end, end));
        NormText {
            text,
            index,
            title_end: 0,
        }
    }

    fn slot(&self, at: usize) -> usize {
        match self
            .index
            .binary_search_by_key(&(at as u32), |&(n, _, _)| n)
        {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The decoded range a normalized byte range stands for: from the start of its first
    /// character to the end of its last.
    pub fn decoded_range(&self, norm: Range<usize>) -> Range<usize> {
        if self.index.len() <= 1 {
            return 0..0;
        }
        let first = self.slot(norm.start);
        let start = self.index[first].1 as usize;
        if norm.end <= norm.start {
            return start..start;
        }
        let last = self.slot(norm.end - 1);
        let end = self.index[last].2 as usize;
        start..end.max(start)
    }

    /// The span in the bytes on disk of a normalized byte range.
    pub fn span(&self, doc: &SourceDoc, norm: Range<usize>) -> Span {
        let d = self.decoded_range(norm);
        let map = &doc.decoded.map;
        Span::new(map.to_original(d.start), map.to_original(d.end))
    }

    /// The normalized byte offset of a decoded offset (the first character at or after it).
    pub fn norm_offset(&self, decoded: usize) -> usize {
        let i = self
            .index
            .partition_point(|&(_, s, _)| (s as usize) < decoded);
        self.index
            .get(i)
            .map(|&(n, _, _)| n as usize)
            .unwrap_or(self.text.len())
    }
}

/// Normalize a document: its title, a blank line, then its body.
pub fn normalize(doc: &SourceDoc) -> NormText {
    let text = doc.text();
    let mut chars: Vec<NChar> = Vec::with_capacity(text.len() / 2);
    let mut title_chars = 0;
    if let Some(t) = doc.title.clone() {
        if t.start < doc.body.start || doc.front_matter.is_some() {
            markup::strip(text, t.clone(), Format::Text, &mut chars);
            let end = t.end as u32;
            chars.push(NChar {
                c: '\n',
                start: end,
                end,
            });
            chars.push(NChar {
                c: '\n',
                start: end,
                end,
            });
            title_chars = chars.len();
        }
    }
    markup::strip(text, doc.body.clone(), doc.format, &mut chars);
    let mut norm = fold_and_index(chars);
    norm.title_end = norm
        .index
        .get(title_chars)
        .map(|&(n, _, _)| n as usize)
        .unwrap_or(0);
    norm
}

/// Normalize a bare string (for `recognize`, tests and rule examples): the offset map
/// points into `s` itself.
pub fn normalize_str(s: &str) -> NormText {
    let chars: Vec<NChar> = s
        .char_indices()
        .map(|(i, c)| NChar {
            c,
            start: i as u32,
            end: (i + c.len_utf8()) as u32,
        })
        .collect();
    fold_and_index(chars)
}

/// The steps after markup: drop glosses, fold scripts, index.
fn fold_and_index(chars: Vec<NChar>) -> NormText {
    let chars: Vec<NChar> = gloss::remove(chars)
        .into_iter()
        .map(|mut ch| {
            ch.c = script::fold(ch.c);
            ch
        })
        .collect();
    NormText::from_chars(&chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_maps_back_per_character() {
        let s = "許主洪擔(dān)任阿里集團(tuán)副總裁";
        let n = normalize_str(s);
        assert_eq!(n.text, "许主洪担任阿里集团副总裁");
        let at = n.text.find("副总裁").unwrap();
        let r = n.decoded_range(at..at + "副总裁".len());
        assert_eq!(&s[r], "副總裁");
        let at = n.text.find("担任").unwrap();
        let r = n.decoded_range(at..at + "担任".len());
        assert_eq!(&s[r], "擔(dān)任");
    }

    #[test]
    fn full_width_is_folded() {
        let n = normalize_str("ＡＢＣ１２３，");
        assert_eq!(n.text, "ABC123,");
    }
}
