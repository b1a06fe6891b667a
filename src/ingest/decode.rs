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

/// Decode with `enc`, one input byte at a time, so every output character knows the original
/// bytes it came from. Malformed sequences become U+FFFD and are reported.
fn stream_decode(raw: &[u8], enc: &'static Encoding, skip: usize) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(raw.len() + raw.len() / 2);
    let mut table: Vec<(u32, u32)> = Vec::with_capacity(raw.len());
    let mut warnings = Vec::new();
    let mut buf = [0u8; 64];
    let mut char_start = skip; // original offset where the pending character began
    let mut bad = 0usize;
    for i in skip..raw.len() {
        let last = i + 1 == raw.len();
        let (_, _, written, had_errors) = decoder.decode_to_utf8(&raw[i..i + 1], &mut buf, last);
        if written > 0 {
            let out = std::str::from_utf8(&buf[..written]).unwrap_or("\u{FFFD}");
            for (k, c) in out.chars().enumerate() {
                // With several characters out of one byte, the first starts at char_start,
                // the following ones at this byte.
                let orig = if k == 0 { char_start } else { i };
                table.push((text.len() as u32, orig as u32));
                text.push(c);
            }
            char_start = i + 1;
            if had_errors {
                bad += 1;
                if warnings.len() < 5 {
                    warnings.push(DecodeWarning {
                        message: format!(
                            "invalid {} byte sequence near byte {i}, replaced by U+FFFD",
                            enc.name()
                        ),
                        at: Some(i),
                    });
                }
            }
        }
    }
    if bad > 5 {
        warnings.push(DecodeWarning {
            message: format!("{bad} invalid byte sequences in all"),
            at: None,
        });
    }
    table.push((text.len() as u32, raw.len() as u32));
    Decoded {
        text,
        map: ByteMap::Table(table),
        encoding: enc.name(),
        warnings,
    }
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
}
