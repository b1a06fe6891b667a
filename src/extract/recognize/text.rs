//! The character view the recognizers scan: characters, their ASCII-lowercased twins and
//! their byte offsets, built once per call.

pub(crate) struct Text {
    /// Characters of the normalized text.
    pub cs: Vec<char>,
    /// The same characters with ASCII letters lowercased (for English word matching).
    pub lc: Vec<char>,
    /// Byte offset of each character, plus one past the end.
    pub off: Vec<usize>,
}

impl Text {
    pub fn new(s: &str) -> Text {
        let mut cs = Vec::with_capacity(s.len());
        let mut off = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            cs.push(c);
            off.push(i);
        }
        off.push(s.len());
        let lc = cs.iter().map(|c| c.to_ascii_lowercase()).collect();
        Text { cs, lc, off }
    }

    pub fn len(&self) -> usize {
        self.cs.len()
    }

    pub fn at(&self, i: usize) -> char {
        self.cs.get(i).copied().unwrap_or('\0')
    }

    pub fn lat(&self, i: usize) -> char {
        self.lc.get(i).copied().unwrap_or('\0')
    }

    /// Does the (lowercased) text at `i` start with `w`? Returns the index after it.
    pub fn starts(&self, i: usize, w: &str) -> Option<usize> {
        let mut j = i;
        for c in w.chars() {
            if self.lat(j) != c || j >= self.len() {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Like [`starts`](Self::starts) but the match must end at a word boundary.
    pub fn word(&self, i: usize, w: &str) -> Option<usize> {
        let j = self.starts(i, w)?;
        if self.lat(j).is_ascii_alphanumeric() {
            return None;
        }
        Some(j)
    }

    /// Does the (lowercased) text end with `w` just before `i`? Returns where `w` starts.
    pub fn ends(&self, i: usize, w: &str) -> Option<usize> {
        let mut s = i;
        for c in w.chars().rev() {
            if s == 0 || self.lat(s - 1) != c {
                return None;
            }
            s -= 1;
        }
        Some(s)
    }

    /// Like [`ends`](Self::ends) but `w` must start at a word boundary.
    pub fn ends_word(&self, i: usize, w: &str) -> Option<usize> {
        let s = self.ends(i, w)?;
        if s > 0 && self.lat(s - 1).is_ascii_alphanumeric() {
            return None;
        }
        Some(s)
    }

    /// The lowercased ASCII word starting at `i` (letters only), empty when none.
    pub fn word_at(&self, i: usize) -> &[char] {
        let mut j = i;
        while j < self.len() && self.lc[j].is_ascii_alphabetic() {
            j += 1;
        }
        &self.lc[i..j]
    }

    /// Skip spaces (not line breaks) from `i`.
    pub fn skip_sp(&self, mut i: usize) -> usize {
        while i < self.len() && is_sp(self.cs[i]) {
            i += 1;
        }
        i
    }

    /// Skip spaces backwards: the index just after the last non-space before `i`.
    pub fn back_sp(&self, mut i: usize) -> usize {
        while i > 0 && is_sp(self.cs[i - 1]) {
            i -= 1;
        }
        i
    }
}

pub(crate) fn is_sp(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{202f}' || c == '\u{a0}' || c == '\u{3000}'
}
