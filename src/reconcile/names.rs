//! Variant spellings: two surface forms of one name that are near-identical — two adjacent
//! letters transposed (HyperGAI / HyperAGI), one letter off (Anthropic / Anthorpic), a cut-off
//! ending (Qwen2.5-Max / Qwen2.5-Ma). Differences in digits are versions, not typos
//! (GPT-4 / GPT-5), and so are short names.

/// How two forms differ, when they are near-identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Transposition,
    Substitution,
    Omission,
}

impl Variant {
    pub fn as_str(&self) -> &'static str {
        match self {
            Variant::Transposition => "two letters transposed",
            Variant::Substitution => "one letter differs",
            Variant::Omission => "a letter missing",
        }
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Length of the word (letters) around position `i`: a one-letter difference in a short
/// token (XPO / NPO) is another name, not a typo.
fn token_len(chars: &[char], i: usize) -> usize {
    let is_letter = |c: &char| c.is_ascii_alphabetic();
    let left = chars[..i].iter().rev().take_while(|c| is_letter(c)).count();
    let right = chars[i..].iter().take_while(|c| is_letter(c)).count();
    left + right
}

/// Index pairs `(i, j)`, `i < j`, sorted, of the names that may be one edit apart
/// (Damerau–Levenshtein distance 1): two such strings share a string with at most one
/// character deleted. Every pair [`variant`] accepts is among them (it needs ASCII names
/// of five characters or more at distance 1), so the caller need not try every pair.
pub fn candidate_pairs<S: AsRef<str>>(names: &[S]) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let n = n.as_ref();
        if !n.is_ascii() || n.len() < 5 {
            continue;
        }
        let mut keys: Vec<String> = (0..n.len())
            .map(|k| format!("{}{}", &n[..k], &n[k + 1..]))
            .collect();
        keys.push(n.to_string());
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            index.entry(k).or_default().push(i);
        }
    }
    let mut pairs = vec![];
    for ids in index.values() {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Are `a` and `b` one name spelled two ways? Only Latin-script names of some length.
pub fn variant(a: &str, b: &str) -> Option<Variant> {
    if a == b || !a.is_ascii() || !b.is_ascii() {
        return None;
    }
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return None; // case, spaces, hyphens: the same spelling
    }
    let ca: Vec<char> = a.chars().collect();
    let cb: Vec<char> = b.chars().collect();
    let shorter = ca.len().min(cb.len());
    if shorter < 5 {
        return None;
    }
    let d = strsim::damerau_levenshtein(a, b);
    if d != 1 {
        return None;
    }
    // Which characters differ? Digits mean versions.
    if ca.len() == cb.len() {
        let diff: Vec<usize> = (0..ca.len()).filter(|&i| ca[i] != cb[i]).collect();
        // Digits, or letters next to digits (4o / 4V), are versions.
        let near_digit = |i: usize| {
            let around = |v: &Vec<char>| {
                v[i].is_ascii_digit()
                    || (i > 0 && v[i - 1].is_ascii_digit())
                    || v.get(i + 1).is_some_and(|c| c.is_ascii_digit())
            };
            around(&ca) || around(&cb)
        };
        if diff.iter().any(|&i| near_digit(i)) {
            return None;
        }
        if diff.len() == 2 && diff[1] == diff[0] + 1 {
            return Some(Variant::Transposition);
        }
        if diff.len() == 1
            && shorter >= 6
            && ca[diff[0]].is_alphabetic()
            && cb[diff[0]].is_alphabetic()
            && token_len(&ca, diff[0]) >= 5
        {
            return Some(Variant::Substitution);
        }
        return None;
    }
    // One character more: only a letter, and only in a long name.
    if shorter < 7 {
        return None;
    }
    let (long, short) = if ca.len() > cb.len() {
        (&ca, &cb)
    } else {
        (&cb, &ca)
    };
    let i = (0..short.len())
        .find(|&i| long[i] != short[i])
        .unwrap_or(short.len());
    if long[i].is_ascii_digit() {
        return None;
    }
    Some(Variant::Omission)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_variants() {
        assert_eq!(
            variant("HyperGAI", "HyperAGI"),
            Some(Variant::Transposition)
        );
        assert_eq!(
            variant("Anthropic", "Anthorpic"),
            Some(Variant::Transposition)
        );
        assert_eq!(
            variant("Qwen2.5-Max", "Qwen2.5-Ma"),
            Some(Variant::Omission)
        );
        assert_eq!(
            variant("Kestrel Dynamics", "Kestral Dynamics"),
            Some(Variant::Substitution)
        );
    }

    #[test]
    fn candidates_cover_every_variant_pair() {
        let names = [
            "Anthorpic",
            "Anthropic",
            "GPT-4",
            "GPT-4o",
            "HyperAGI",
            "HyperGAI",
            "Kestral Dynamics",
            "Kestrel Dynamics",
            "Qwen2.5-Ma",
            "Qwen2.5-Max",
            "星河集团",
        ];
        let pairs = candidate_pairs(&names);
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                if variant(names[i], names[j]).is_some() {
                    assert!(pairs.contains(&(i, j)), "{} / {}", names[i], names[j]);
                }
            }
        }
        assert!(pairs.len() < names.len() * (names.len() - 1) / 2);
    }

    #[test]
    fn versions_and_short_names_are_not() {
        assert_eq!(variant("GPT-4o", "GPT-4"), None);
        assert_eq!(variant("Qwen2.5", "Qwen3.5"), None);
        assert_eq!(variant("o1", "o3"), None);
        assert_eq!(variant("DeepSeek", "Deepseek"), None);
        assert_eq!(variant("Gemini", "Gemma"), None);
        assert_eq!(variant("GPT-4o", "GPT-4V"), None);
        assert_eq!(variant("DR8 XPO", "DR8 NPO"), None);
        assert_eq!(variant("GPT-4o", "GPT-4V"), None);
        assert_eq!(variant("DR8 XPO", "DR8 NPO"), None);
    }
}
