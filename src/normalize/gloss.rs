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
/// character covers the gloss too. Works in place (no second copy of a large document).
pub fn remove(mut chars: Vec<NChar>) -> Vec<NChar> {
    // `chars[w..]` is untouched input: writing never overtakes reading, so `gloss_len`
    // still sees the original neighbours.
    let mut w = 0;
    let mut i = 0;
    while i < chars.len() {
        let n = gloss_len(&chars, i);
        if n > 0 {
            if w > 0 {
                chars[w - 1].end = chars[i + n - 1].end;
            }
            i += n;
            continue;
        }
        chars[w] = chars[i];
        w += 1;
        i += 1;
    }
    chars.truncate(w);
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<NChar> {
        s.char_indices()
            .map(|(i, c)| NChar {
                c,
                start: i as u32,
                end: (i + c.len_utf8()) as u32,
            })
            .collect()
    }

    #[test]
    fn glosses_are_dropped_and_absorbed() {
        let s = "擔(dān)任集團(tuán)(x)副(fù)總裁(ab)";
        let out = remove(chars(s));
        let text: String = out.iter().map(|c| c.c).collect();
        assert_eq!(text, "擔任集團(x)副總裁(ab)");
        assert_eq!(&s[out[0].start as usize..out[0].end as usize], "擔(dān)");
        assert_eq!(&s[out[3].start as usize..out[3].end as usize], "團(tuán)");
    }
}
