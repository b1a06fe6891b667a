//! Decode the bytes of a file into UTF-8 text, detecting the encoding (UTF-8 with or without
//! BOM, UTF-16 with BOM, GBK/GB18030, Big5 and others via chardetng), and keep a map from
//! every decoded character back to the bytes on disk.

use encoding_rs::{Encoding, UTF_8};

/// Maps a byte offset in the decoded text (on a character boundary) to the offset of the
/// same character in the original bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum ByteMap {
    /// The decoded text is the original shifted by a BOM of this many bytes.
    Shift(usize),
    /// Per character: (decoded offset, original offset), with a closing sentinel.
    Table(Vec<(u32, u32)>),
}

impl ByteMap {
    /// The original offset of the decoded offset `at`.
    pub fn to_original(&self, at: usize) -> usize {
        match self {
            ByteMap::Shift(s) => at + s,
            ByteMap::Table(t) => match t.binary_search_by_key(&(at as u32), |&(d, _)| d) {
                Ok(i) => t[i].1 as usize,
                Err(i) => {
                    // Inside a character: the start of that character.
                    let i = i.saturating_sub(1);
                    t.get(i).map(|&(_, o)| o as usize).unwrap_or(0)
                }
            },
        }
    }

    /// The decoded offset of the original offset `at` (the character containing it).
    pub fn to_decoded(&self, at: usize) -> usize {
        match self {
            ByteMap::Shift(s) => at.saturating_sub(*s),
            ByteMap::Table(t) => match t.binary_search_by_key(&(at as u32), |&(_, o)| o) {
                Ok(i) => t[i].0 as usize,
                Err(i) => t
                    .get(i.saturating_sub(1))
                    .map(|&(d, _)| d as usize)
                    .unwrap_or(0),
            },
        }
    }
}

/// A problem met while decoding, with the original byte offset when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeWarning {
    pub message: String,
    pub at: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub map: ByteMap,
    /// The encoding's name, e.g. `UTF-8`, `GBK`, `Big5`.
    pub encoding: &'static str,
    pub warnings: Vec<DecodeWarning>,
}

/// NUL bytes, or a high share of control characters, in the first 8 KiB: a binary file.
/// (UTF-16 with a BOM is text.)
pub fn looks_binary(raw: &[u8]) -> bool {
    if raw.starts_with(&[0xFF, 0xFE]) || raw.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &raw[..raw.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > head.len()
}

/// Decode `raw`.
pub fn decode(raw: &[u8]) -> Decoded {
    // A BOM decides.
    if let Some((enc, bom)) = Encoding::for_bom(raw) {
        if enc == UTF_8 {
            if let Ok(s) = std::str::from_utf8(&raw[bom..]) {
                return Decoded {
                    text: s.to_string(),
                    map: ByteMap::Shift(bom),
                    encoding: "UTF-8",
                    warnings: vec![],
                };
            }
        }
        return stream_decode(raw, enc, bom);
    }
    if let Ok(s) = std::str::from_utf8(raw) {
        return Decoded {
            text: s.to_string(),
            map: ByteMap::Shift(0),
            encoding: "UTF-8",
            warnings: vec![],
        };
    }
    // Not valid UTF-8. Mostly UTF-8 with a few bad bytes, or another encoding?
    let (valid_multibyte, invalid) = utf8_profile(raw);
    if valid_multibyte > 0 && invalid * 4 <= valid_multibyte {
        return stream_decode(raw, UTF_8, 0);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(raw, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    stream_decode(raw, enc, 0)
}

/// Count valid multi-byte UTF-8 sequences and invalid bytes.
fn utf8_profile(raw: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    let mut rest = raw;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                valid += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| c.len_utf8() > 1).count())
                    .unwrap_or(0);
                let bad = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                invalid += bad;
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
    (valid, invalid)
}

/// Decode UTF-8 with invalid sequences: each maximal invalid subpart becomes one U+FFFD (as
/// WHATWG and `String::from_utf8_lossy` do), and every character keeps its exact offset.
fn utf8_lossy(raw: &[u8], skip: usize) -> Decoded {
    let mut text = String::with_capacity(raw.len() + 16);
    let mut table: Vec<(u32, u32)> = Vec::with_capacity(raw.len() / 2);
    let mut warnings = Vec::new();
    let mut bad = 0usize;
    let mut at = skip;
    let push_valid = |text: &mut String, table: &mut Vec<(u32, u32)>, s: &str, at: usize| {
        for (k, c) in s.char_indices() {
            table.push((text.len() as u32, (at + k) as u32));
            text.push(c);
        }
    };
    while at < raw.len() {
        match std::str::from_utf8(&raw[at..]) {
            Ok(s) => {
                push_valid(&mut text, &mut table, s, at);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix up to valid_up_to is valid UTF-8.
                let s = std::str::from_utf8(&raw[at..at + good]).unwrap_or_default();
                push_valid(&mut text, &mut table, s, at);
                let bad_at = at + good;
                let len = e.error_len().unwrap_or(raw.len() - bad_at);
                table.push((text.len() as u32, bad_at as u32));
                text.push('\u{FFFD}');
                bad += 1;
                if warnings.len() < 5 {
                    warnings.push(DecodeWarning {
                        message: format!(
                            "invalid UTF-8 byte sequence at byte {bad_at}, replaced by U+FFFD"
                        ),
                        at: Some(bad_at),
                    });
                }
                at = bad_at + len;
            }
        }
    }
    finish(text, table, raw.len(), "UTF-8", warnings, bad)
}

fn finish(
    text: String,
    mut table: Vec<(u32, u32)>,
    raw_len: usize,
    encoding: &'static str,
    mut warnings: Vec<DecodeWarning>,
    bad: usize,
) -> Decoded {
    if bad > 5 {
        warnings.push(DecodeWarning {
            message: format!("{bad} invalid byte sequences in all"),
            at: None,
        });
    }
    table.push((text.len() as u32, raw_len as u32));
    Decoded {
        text,
        map: ByteMap::Table(table),
        encoding,
        warnings,
    }
}

/// Decode with `enc`, one input byte at a time, so every output character knows the original
/// bytes it came from. Malformed sequences become U+FFFD and are reported.
///
/// The decoder runs without replacement: on a malformed sequence it says how long it was
/// and how many bytes after it were already consumed, so the U+FFFD and the characters
/// around it map to the bytes they really came from (a byte that ends one bad sequence and
/// starts the next character is not lost).
fn stream_decode(raw: &[u8], enc: &'static Encoding, skip: usize) -> Decoded {
    use encoding_rs::DecoderResult;
    if enc == UTF_8 {
        return utf8_lossy(raw, skip);
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(raw.len() + raw.len() / 2);
    let mut table: Vec<(u32, u32)> = Vec::with_capacity(raw.len() / 2 + 1);
    let mut warnings = Vec::new();
    let mut buf = [0u8; 64];
    // Original offset where the pending (not yet output) character began.
    let mut pending = skip;
    let mut bad = 0usize;
    let mut i = skip;
    let mut stalls = 0;
    loop {
        // Every byte alone, then an empty, final call that flushes what is pending.
        let at_end = i >= raw.len();
        let input = if at_end { &[][..] } else { &raw[i..i + 1] };
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(input, &mut buf, at_end);
        // Characters written started at `pending`; a Big5 pointer may give two characters
        // for one byte pair, both mapped to its first byte.
        let out = std::str::from_utf8(&buf[..written]).unwrap_or_default();
        for c in out.chars() {
            table.push((text.len() as u32, pending as u32));
            text.push(c);
        }
        let pos = i + read;
        match result {
            DecoderResult::Malformed(bad_len, after) => {
                let end = pos.saturating_sub(after as usize).max(pending);
                let start = end.saturating_sub(bad_len as usize).max(pending);
                table.push((text.len() as u32, start as u32));
                text.push('\u{FFFD}');
                bad += 1;
                if warnings.len() < 5 {
                    warnings.push(DecodeWarning {
                        message: format!(
                            "invalid {} byte sequence at byte {start}, replaced by U+FFFD",
                            enc.name()
                        ),
                        at: Some(start),
                    });
                }
                pending = end;
            }
            DecoderResult::InputEmpty => {
                if written > 0 {
                    pending = pos;
                }
                if at_end {
                    break;
                }
            }
            DecoderResult::OutputFull => {}
        }
        if read == 0 && !matches!(result, DecoderResult::Malformed(..)) {
            // No progress (cannot happen with a 64-byte buffer): never loop for ever.
            stalls += 1;
            if stalls > 2 {
                if at_end {
                    break;
                }
                i += 1;
                pending = i;
                stalls = 0;
            }
            continue;
        }
        stalls = 0;
        i = pos;
    }
    finish(text, table, raw.len(), enc.name(), warnings, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_shifts_offsets() {
        let raw = b"\xEF\xBB\xBFabc".to_vec();
        let d = decode(&raw);
        assert_eq!(d.text, "abc");
        assert_eq!(d.map.to_original(1), 4);
    }

    #[test]
    fn gbk_maps_each_character_to_its_bytes() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("阿里巴巴于2月6日宣布，许主洪加入阿里巴巴集团。");
        let d = decode(&bytes);
        assert_eq!(d.text, "阿里巴巴于2月6日宣布，许主洪加入阿里巴巴集团。");
        let at = d.text.find("2月").unwrap();
        assert_eq!(d.map.to_original(at), 10);
        assert_eq!(d.map.to_original(d.text.len()), bytes.len());
    }

    #[test]
    fn big5_is_detected() {
        let s = "許主洪於二月加入阿里巴巴集團，擔任副總裁。這是繁體中文的報導，內容關於人工智慧。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(s);
        let d = decode(&bytes);
        assert_eq!(d.encoding, "Big5");
        assert_eq!(d.text, s);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let mut raw = "许主洪加入阿里巴巴，".as_bytes().to_vec();
        raw.push(0xFF);
        raw.extend_from_slice("担任副总裁。".as_bytes());
        let d = decode(&raw);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(d.warnings.len(), 1);
        let at = d.text.find("担任").unwrap();
        assert_eq!(
            &raw[d.map.to_original(at)..d.map.to_original(at) + 6],
            "担任".as_bytes()
        );
    }

    /// Every character of `d` maps to bytes that decode to it on their own.
    fn assert_exact(raw: &[u8], d: &Decoded, enc: &'static Encoding) {
        let starts: Vec<usize> = d.text.char_indices().map(|(i, _)| i).collect();
        for (k, &at) in starts.iter().enumerate() {
            let next = starts.get(k + 1).copied().unwrap_or(d.text.len());
            let (o0, o1) = (d.map.to_original(at), d.map.to_original(next));
            assert!(o0 <= o1 && o1 <= raw.len(), "{at}: {o0}..{o1}");
            let c = &d.text[at..next];
            if c != "\u{FFFD}" && o1 > o0 {
                let (back, _) = enc.decode_without_bom_handling(&raw[o0..o1]);
                assert_eq!(back, c, "bytes {o0}..{o1}");
            }
        }
        assert_eq!(d.map.to_original(d.text.len()), raw.len());
    }

    #[test]
    fn truncated_utf8_before_a_character_keeps_its_offset() {
        // 林, then the first two bytes of a three-byte character, then 嘉禾…
        let mut raw = "林".as_bytes().to_vec();
        raw.extend_from_slice(&[0xE4, 0xB8]);
        raw.extend_from_slice("嘉禾加入星河集团，出任副总裁。".as_bytes());
        let d = decode(&raw);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.map.to_original(d.text.find('嘉').unwrap()), 5);
        assert_eq!(d.warnings[0].at, Some(3));
        assert_exact(&raw, &d, UTF_8);
    }

    #[test]
    fn gbk_with_bad_bytes_maps_every_character() {
        let (good, _, _) =
            encoding_rs::GBK.encode("阿里巴巴于2月6日宣布，许主洪加入阿里巴巴集团，担任副总裁。");
        let mut raw = good.to_vec();
        // A lead byte before ASCII (re-read as ASCII), and a lead byte at the very end.
        raw.splice(8..8, [0x81, b' ']);
        raw.push(0x81);
        let d = stream_decode(&raw, encoding_rs::GBK, 0);
        assert!(d.text.contains("\u{FFFD} "));
        assert!(d.text.ends_with('\u{FFFD}'));
        assert_eq!(d.warnings.len(), 2);
        assert_exact(&raw, &d, encoding_rs::GBK);
    }

    #[test]
    fn big5_pair_pointer_gives_two_characters_of_one_sequence() {
        // 0x88 0x62 decodes to two code points (Ê and a combining macron).
        let raw = [b'a', 0x88, 0x62, b'b'];
        let d = stream_decode(&raw, encoding_rs::BIG5, 0);
        assert_eq!(d.text, "a\u{CA}\u{304}b");
        assert_eq!(d.map.to_original(1), 1);
        assert_eq!(d.map.to_original(d.text.find('b').unwrap()), 3);
    }

    #[test]
    fn utf16_with_an_odd_last_byte() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "许主洪".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        raw.push(0x41);
        let d = decode(&raw);
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.text, "许主洪\u{FFFD}");
        assert_eq!(d.map.to_original(0), 2);
        assert_eq!(d.map.to_original(d.text.find('\u{FFFD}').unwrap()), 8);
    }
}
