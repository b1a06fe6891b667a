//! Script folding, one character for one character: full-width forms to ASCII, and
//! traditional to simplified Chinese through OpenCC's tables (ferrous-opencc, Apache-2.0).
//! Phrase-level conversions that would change the character count are not applied: the
//! normalized view must map back to the original per character.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Character tables built once from OpenCC: traditional → simplified, and the set of
/// characters that only simplified writing uses.
struct Tables {
    t2s: HashMap<char, char>,
    simplified_only: std::collections::HashSet<char>,
}

fn han_ranges() -> impl Iterator<Item = char> {
    (0x3400u32..=0x4DBF)
        .chain(0x4E00..=0x9FFF)
        .chain(0xF900..=0xFAFF)
        .filter_map(char::from_u32)
}

/// Convert each character on its own line so phrase rules cannot merge neighbours.
fn per_char_map(config: ferrous_opencc::config::BuiltinConfig) -> HashMap<char, char> {
    let mut map = HashMap::new();
    let Ok(cc) = ferrous_opencc::OpenCC::from_config(config) else {
        return map;
    };
    let chars: Vec<char> = han_ranges().collect();
    let mut input = String::with_capacity(chars.len() * 4);
    for c in &chars {
        input.push(*c);
        input.push('\n');
    }
    let output = cc.convert(&input);
    for (c, line) in chars.iter().zip(output.split('\n')) {
        let mut it = line.chars();
        if let (Some(d), None) = (it.next(), it.next()) {
            if d != *c {
                map.insert(*c, d);
            }
        }
    }
    map
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        use ferrous_opencc::config::BuiltinConfig;
        let t2s = per_char_map(BuiltinConfig::T2s);
        let s2t = per_char_map(BuiltinConfig::S2t);
        // A character is simplified-only when converting it to traditional changes it and
        // it is not itself the simplified form of nothing (i.e. some traditional maps to it).
        let targets: std::collections::HashSet<char> = t2s.values().copied().collect();
        let simplified_only = s2t
            .keys()
            .copied()
            .filter(|c| targets.contains(c) && !t2s.contains_key(c))
            .collect();
        Tables {
            t2s,
            simplified_only,
        }
    })
}

/// Fold one character for matching.
pub fn fold(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        0x00A0 => ' ',
        0x2018 | 0x2019 => '\'',
        0x3400..=0x9FFF | 0xF900..=0xFAFF => tables().t2s.get(&c).copied().unwrap_or(c),
        _ => c,
    }
}

/// Traditional → simplified for a whole string, character by character.
pub fn to_simplified(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Does this character only occur in traditional writing?
pub fn is_traditional_only(c: char) -> bool {
    tables().t2s.contains_key(&c)
}

/// Does this character only occur in simplified writing?
pub fn is_simplified_only(c: char) -> bool {
    tables().simplified_only.contains(&c)
}

/// Counts used to tell the language and script of a text.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCounts {
    pub han: usize,
    pub traditional: usize,
    pub simplified: usize,
    pub latin_letters: usize,
}

pub fn count(s: &str) -> ScriptCounts {
    let mut k = ScriptCounts::default();
    for c in s.chars() {
        let u = c as u32;
        if (0x3400..=0x9FFF).contains(&u) || (0xF900..=0xFAFF).contains(&u) {
            k.han += 1;
            if is_traditional_only(c) {
                k.traditional += 1;
            } else if is_simplified_only(c) {
                k.simplified += 1;
            }
        } else if c.is_ascii_alphabetic() {
            k.latin_letters += 1;
        }
    }
    k
}

/// Language and script of a text from its characters.
pub fn detect(s: &str) -> crate::model::Lang {
    use crate::model::Lang;
    let k = count(s);
    // A Han character carries about as much as a short English word (~4 letters).
    if k.han == 0 && k.latin_letters == 0 {
        return Lang::Und;
    }
    if k.han * 4 < k.latin_letters {
        return Lang::En;
    }
    if k.traditional > k.simplified {
        Lang::ZhHant
    } else {
        Lang::ZhHans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional() {
        assert_eq!(
            to_simplified("許主洪擔任阿里集團副總裁"),
            "许主洪担任阿里集团副总裁"
        );
        assert_eq!(to_simplified("通義實驗室"), "通义实验室");
    }

    #[test]
    fn detects_scripts() {
        use crate::model::Lang;
        assert_eq!(detect("许主洪担任阿里集团副总裁"), Lang::ZhHans);
        assert_eq!(detect("許主洪擔任阿里集團副總裁"), Lang::ZhHant);
        assert_eq!(
            detect("Alphabet reported revenue of $96.5 billion"),
            Lang::En
        );
    }
}
