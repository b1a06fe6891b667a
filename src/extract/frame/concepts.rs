//! What a figure with no measure word is the value of, across languages: the head noun of
//! the phrase it modifies or quantifies ("goods worth $20 billion", "约200亿美元的商品", "a 10
//! percent tariff", "10%关税"), and the English concept a Chinese noun shares with an English
//! one.
//!
//! The dictionary is CC-CEDICT (community maintained, published by MDBG, CC BY-SA 4.0),
//! reduced to what the frame needs: `glosses.tsv` lists, for every word of jieba's dictionary
//! (nouns, verbal nouns and verbs) that CC-CEDICT defines, the head words of its English
//! glosses as lemmas (商品 → commodity good merchandise; 关税 → duty tariff). It is generated
//! by `examples/glosses.rs` from the `chinese_dictionary` crate, which embeds CC-CEDICT; the
//! crate itself is not a dependency of the binary (its tables take 0.37 s to load, more than
//! a whole run of a story, and 28 MB). The file keeps CC-CEDICT's licence (CC BY-SA 4.0).
//!
//! An English noun and a Chinese noun share a concept when the English lemma is one of the
//! Chinese word's gloss head words. The frame knows only its document, so a Chinese figure's
//! claim is written `<kind>:<Chinese noun>` and [`unify`] — run over all the claims of a run,
//! before they are reconciled — names it by the gloss head that most claims of the run share
//! (商品 and "goods" meet as `money:good`).

use crate::model::Claim;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

/// CC-CEDICT gloss heads of jieba's words (CC BY-SA 4.0; see the module docs).
static GLOSSES: &str = include_str!("glosses.tsv");

struct Table {
    /// Chinese word → its gloss heads, in CC-CEDICT's order.
    heads: HashMap<&'static str, Vec<&'static str>>,
    /// English lemma → the number of Chinese words it heads a gloss of.
    english: HashMap<&'static str, u32>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut heads = HashMap::new();
        let mut english: HashMap<&'static str, u32> = HashMap::new();
        for line in GLOSSES.lines() {
            let Some((w, hs)) = line.split_once('\t') else {
                continue;
            };
            let hs: Vec<&'static str> = hs.split(' ').filter(|h| !h.is_empty()).collect();
            for h in &hs {
                *english.entry(h).or_default() += 1;
            }
            heads.insert(w, hs);
        }
        Table { heads, english }
    })
}

/// The English gloss heads of a (simplified) Chinese word, none when CC-CEDICT does not
/// define it.
pub fn glosses(word: &str) -> Option<&'static [&'static str]> {
    table().heads.get(word).map(|v| v.as_slice())
}

/// Is this English lemma a word CC-CEDICT glosses some Chinese word with (a content word,
/// not a function word or a name)?
pub fn english_known(lemma: &str) -> bool {
    table().english.contains_key(lemma)
}

/// Is the concept part of a predicate a Chinese word (to be named by [`unify`])?
fn is_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The kinds whose predicates name a head noun's concept.
const KINDS: [&str; 3] = ["money:", "percent:", "count:"];

fn split(p: &str) -> Option<(&'static str, &str)> {
    KINDS
        .iter()
        .find_map(|k| p.strip_prefix(k).map(|rest| (&k[..k.len() - 1], rest)))
}

/// Names every `<kind>:<Chinese noun>` predicate of a run by an English concept: of the
/// Chinese word's gloss heads, the one that the most claims of the run of that kind could
/// be named by (an English claim by its own lemma, a Chinese one by any of its gloss heads),
/// then the first in CC-CEDICT's order. So "goods" and 商品 and 货品 meet as `good`, "tariff"
/// and 关税 as `tariff`. Deterministic: it depends on the set of claims, not on their order.
pub fn unify(claims: &mut [Claim]) {
    unify_predicates(claims);
    unify_objects(claims);
}

/// The gloss head of `noun` that most of the run's values could be named by (`support`), then
/// the first in CC-CEDICT's order.
fn best_head(noun: &str, support: Option<&BTreeMap<String, usize>>) -> Option<&'static str> {
    let hs = glosses(noun)?;
    let count = |h: &str| support.and_then(|b| b.get(h)).copied().unwrap_or(0);
    // Most support first, then CC-CEDICT's order (max_by_key keeps the last maximum).
    hs.iter()
        .enumerate()
        .max_by_key(|(i, h)| (count(h), std::cmp::Reverse(*i)))
        .map(|(_, h)| *h)
}

/// Adds what a value could be named by to `by`: an English lemma itself, a Chinese word each
/// of its gloss heads.
fn count_names(by: &mut BTreeMap<String, usize>, noun: &str) {
    if is_han(noun) {
        let hs: HashSet<&str> = glosses(noun).into_iter().flatten().copied().collect();
        for h in hs {
            *by.entry(h.to_string()).or_default() += 1;
        }
    } else {
        *by.entry(noun.to_string()).or_default() += 1;
    }
}

/// The `on` qualifier of rates (what a tariff is levied on), named the same way per rate.
fn unify_objects(claims: &mut [Claim]) {
    let mut support: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for c in claims.iter() {
        if let Some(on) = c.qualifiers.get("on") {
            count_names(support.entry(c.predicate.clone()).or_default(), on);
        }
    }
    for c in claims.iter_mut() {
        let Some(on) = c.qualifiers.get("on").filter(|o| is_han(o)) else {
            continue;
        };
        if let Some(best) = best_head(on, support.get(&c.predicate)) {
            c.qualifiers.insert("on".into(), best.to_string());
        }
    }
}

fn unify_predicates(claims: &mut [Claim]) {
    // kind → concept → number of claims that could take it.
    let mut support: BTreeMap<&str, BTreeMap<String, usize>> = BTreeMap::new();
    for c in claims.iter() {
        let Some((kind, noun)) = split(&c.predicate) else {
            continue;
        };
        count_names(support.entry(kind).or_default(), noun);
    }
    for c in claims.iter_mut() {
        let Some((kind, noun)) = split(&c.predicate) else {
            continue;
        };
        if !is_han(noun) {
            continue;
        }
        let Some(best) = best_head(noun, support.get(kind)) else {
            continue;
        };
        let unit_was = noun.to_string();
        let best = best.to_string();
        c.predicate = format!("{kind}:{best}");
        if let crate::model::Value::Quantity { unit: Some(u), .. } = &mut c.value {
            if *u == unit_was {
                *u = best.to_string();
            }
        }
    }
}
