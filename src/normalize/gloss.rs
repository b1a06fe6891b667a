//! Pinyin glosses that a converter left inside words: `擔(dān)任`, `集團(tuán)`.
//! A gloss is an ASCII-parenthesized lowercase pinyin syllable right after a Han character;
//! it is dropped from the normalized text (the surrounding characters keep their spans).

use super::NChar;

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c)
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || is_tone_vowel(c)
}

/// Length in characters of a gloss starting at `chars[i]` (the `(`), or 0.
fn gloss_len(chars: &[NChar], i: usize) -> usize {
    if chars[i].c != '(' || i == 0 || !is_han(chars[i - 1].c) {
        return 0;
    }
    let mut j = i + 1;
    let mut toned = false;
    while j < chars.len() && j - i <= 7 && is_pinyin_letter(chars[j].c) {
        toned |= is_tone_vowel(chars[j].c);
        j += 1;
    }
    let letters = j - i - 1;
    if letters == 0 || letters > 6 || j >= chars.len() || chars[j].c != ')' {
        return 0;
    }
    // Without a tone mark, only when a Han character follows (a neutral-tone gloss).
    let han_after = chars.get(j + 1).is_some_and(|c| is_han(c.c));
    if !toned && !han_after {
        return 0;
    }
    letters + 2
}

/// Drop glosses; the character before a gloss absorbs its bytes, so a span ending on that
/// character covers the gloss too.
pub fn remove(chars: Vec<NChar>) -> Vec<NChar> {
    let mut out: Vec<NChar> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let n = gloss_len(&chars, i);
        if n > 0 {
            if let Some(prev) = out.last_mut() {
                prev.end = chars[i + n - 1].end;
            }
            i += n;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}
