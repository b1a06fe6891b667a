//! Writes `src/extract/frame/glosses.tsv`: for every word of jieba's dictionary tagged n, nz,
//! vn, v, ng or an that CC-CEDICT defines, the head words of its English glosses, as lemmas
//! (the table keeps CC-CEDICT's licence, CC BY-SA 4.0).
//! Usage: cargo run --release --features chinese_dictionary --example glosses -- \
//!     ~/.cargo/registry/src/*/jieba-rs-0.11.0/src/data/dict.txt > src/extract/frame/glosses.tsv
use std::collections::BTreeMap;
use std::io::{BufRead, Write};

/// The singular of an English noun (the same rule as `frame::lemma`).
fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies") {
        if s.len() >= 2 {
            return format!("{s}y");
        }
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// The head word of one gloss ("customs duty" → duty, "(retail) store" → store, "to export"
/// → export); none for notes, cross-references, phrases of more than three words.
fn head(gloss: &str) -> Option<String> {
    let mut g = String::new();
    let mut depth = 0;
    for c in gloss.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth == 0 => g.push(c),
            _ => {}
        }
    }
    let g = g.trim();
    let skip = [
        "fig.",
        "lit.",
        "CL:",
        "abbr.",
        "surname",
        "variant of",
        "old variant",
        "see ",
        "used in",
        "erhua",
        "Taiwan pr.",
        "also pr.",
        "also written",
        "sb",
        "sth",
        "e.g.",
    ];
    if g.is_empty()
        || skip
            .iter()
            .any(|s| g.starts_with(s) || g.contains(&format!(" {s}")))
    {
        return None;
    }
    let mut words: Vec<&str> = g.split_whitespace().collect();
    // A verb's gloss ("to export", "to wrap up") is headed by its verb; a noun's ("customs
    // duty") by its last word.
    let verb = words.first() == Some(&"to");
    while let Some(f) = words.first() {
        if ["a", "an", "the", "to"].contains(f) {
            words.remove(0);
        } else {
            break;
        }
    }
    if words.is_empty() || words.len() > 3 {
        return None;
    }
    let w = if verb {
        words[0]
    } else {
        words[words.len() - 1]
    };
    const FUNCTION: &[&str] = &[
        "up",
        "out",
        "on",
        "with",
        "in",
        "of",
        "down",
        "off",
        "for",
        "over",
        "oneself",
        "into",
        "back",
        "away",
        "together",
        "at",
        "by",
        "from",
        "about",
        "as",
        "one",
        "sb",
        "sth",
        "etc",
        "and",
        "or",
        "it",
        "is",
        "be",
        "not",
        "no",
        "all",
        "other",
        "thing",
        "something",
    ];
    if w.len() < 2 || !w.chars().all(|c| c.is_ascii_lowercase()) || FUNCTION.contains(&w) {
        return None;
    }
    Some(lemma(w))
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("the path of jieba's dict.txt");
    let f = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in f.lines() {
        let line = line.unwrap();
        let mut it = line.split_whitespace();
        let (Some(w), _, Some(tag)) = (it.next(), it.next(), it.next()) else {
            continue;
        };
        if !matches!(tag, "n" | "nz" | "vn" | "v" | "ng" | "an") {
            continue;
        }
        let mut heads: Vec<String> = vec![];
        for e in chinese_dictionary::query_by_simplified(w) {
            for g in e.english.iter().flat_map(|g| g.split(';')) {
                if let Some(h) = head(g) {
                    if !heads.contains(&h) {
                        heads.push(h);
                    }
                }
            }
        }
        if !heads.is_empty() {
            heads.truncate(8);
            table.insert(w.to_string(), heads);
        }
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    for (w, hs) in &table {
        writeln!(out, "{w}\t{}", hs.join(" ")).unwrap();
    }
}
