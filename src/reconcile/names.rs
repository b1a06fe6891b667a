//! Variant spellings: two surface forms of one name that are near-identical — two adjacent
//! letters transposed (HyperGAI / HyperAGI), one letter off (Anthropic / Anthorpic), a cut-off
//! ending (Qwen2.5-Max / Qwen2.5-Ma), or two letters moved in a long name (Meridon /
//! Mredion: Damerau–Levenshtein distance 2, same first letter, same letters). Differences in
//! digits are versions, not typos (GPT-4 / GPT-5), short names are other names, accents are
//! the same spelling (Viñals / Vinals), and inflections are not misspellings (Robotaxi /
//! Robotaxis, America / American).
//!
//! [`variant_spellings`] turns the pairs into findings: a gazetteer form is always the
//! reference against a form the gazetteer does not know; otherwise the form more independent
//! sources write; a tie is called a tie, never decided by order.

use super::{fingerprint, plural, Context};
use crate::model::{
    Alignment, Claim, DocumentInfo, Entity, EntityForm, Finding, Severity, Value, ValueSupport,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How two forms differ, when they are near-identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Transposition,
    Substitution,
    Omission,
    /// Two edits (Damerau–Levenshtein distance 2) that keep the same letters.
    TwoMoved,
}

impl Variant {
    pub fn as_str(&self) -> &'static str {
        match self {
            Variant::Transposition => "two letters transposed",
            Variant::Substitution => "one letter differs",
            Variant::Omission => "a letter missing",
            Variant::TwoMoved => "two letters moved",
        }
    }
}

/// A Latin-script letter without its accent (ñ → n, ë → e, Ø → O); other characters as
/// they are.
pub fn strip_accent(c: char) -> char {
    const FROM: &str = "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž";
    const TO: &str = "AAAAAAaaaaaaAaAaAaCcCcCcCcCcDdDdEEEEeeeeEeEeEeEeEeGgGgGgGgHhHhIIIIiiiiIiIiIiIiIiJjKkLlLlLlLlLlNnNnNnNnOOOOOOooooooOoOoOoRrRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuUuUuWwYyyYyYZzZzZz";
    if c.is_ascii() {
        return c;
    }
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

/// Is `s` a name in Latin script (ASCII, or Latin letters with accents)?
fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_ascii() || c == '’' || (c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c))
    })
}

/// The spelling that matters: no case, spaces, hyphens or accents.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
        .map(strip_accent)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Length of the word (letters) around position `i`: a one-letter difference in a short
/// token (XPO / NPO) is another name, not a typo.
fn token_len(chars: &[char], i: usize) -> usize {
    let is_letter = |c: &char| c.is_alphabetic();
    let left = chars[..i].iter().rev().take_while(|c| is_letter(c)).count();
    let right = chars[i..].iter().take_while(|c| is_letter(c)).count();
    left + right
}

/// Endings that make another word of the same name, not a misspelling of it: plurals and
/// possessives (Robotaxi / Robotaxis, Canadian / Canadians), demonyms and adjectives
/// (America / American, Korea / Korean).
const INFLECTIONS: &[&str] = &[
    "s", "es", "'s", "’s", "'", "’", "n", "an", "ns", "ic", "ish",
];

/// Do `a` and `b` differ only by an inflection of one of their words?
fn inflected(a: &str, b: &str) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    if wa.len() != wb.len() {
        return false;
    }
    let diff: Vec<(&str, &str)> = wa
        .iter()
        .zip(&wb)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    let [(x, y)] = diff[..] else {
        return false;
    };
    let (long, short) = if x.len() > y.len() { (x, y) } else { (y, x) };
    long.strip_prefix(short)
        .is_some_and(|rest| INFLECTIONS.iter().any(|i| i.eq_ignore_ascii_case(rest)))
}

/// The letters and digits of a name, folded and sorted: two forms with the same multiset
/// may be one name with letters moved.
fn letters(s: &str) -> Vec<char> {
    let mut v: Vec<char> = fold(s).chars().filter(|c| c.is_alphanumeric()).collect();
    v.sort_unstable();
    v
}

/// Index pairs `(i, j)`, `i < j`, sorted, of the names that may be variants: two strings one
/// edit apart share a string with at most one character deleted, and two strings two edits
/// apart that [`variant`] accepts have the same letters. Every pair [`variant`] accepts is
/// among them, so the caller need not try every pair.
pub fn candidate_pairs<S: AsRef<str>>(names: &[S]) -> Vec<(usize, usize)> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    let mut anagrams: HashMap<Vec<char>, Vec<usize>> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        let n = n.as_ref();
        let chars: Vec<char> = n.chars().collect();
        if !is_latin(n) || chars.len() < 5 {
            continue;
        }
        let mut keys: Vec<String> = (0..chars.len())
            .map(|k| chars[..k].iter().chain(&chars[k + 1..]).collect())
            .collect();
        keys.push(n.to_string());
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            index.entry(k).or_default().push(i);
        }
        if chars.len() >= 6 {
            anagrams.entry(letters(n)).or_default().push(i);
        }
    }
    let mut pairs = vec![];
    for ids in index.values().chain(anagrams.values()) {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                if i != j {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Are `a` and `b` one name spelled two ways? Only Latin-script names of some length.
pub fn variant(a: &str, b: &str) -> Option<Variant> {
    if a == b || !is_latin(a) || !is_latin(b) {
        return None;
    }
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return None; // case, spaces, hyphens, accents: the same spelling
    }
    if inflected(a, b) {
        return None;
    }
    // Accents do not count as edits (Citroën / Citroen is the same; Citroën / Citreon is
    // one transposition).
    let ca: Vec<char> = a.chars().map(strip_accent).collect();
    let cb: Vec<char> = b.chars().map(strip_accent).collect();
    let shorter = ca.len().min(cb.len());
    if shorter < 5 {
        return None;
    }
    let (sa, sb): (String, String) = (ca.iter().collect(), cb.iter().collect());
    let d = strsim::damerau_levenshtein(&sa, &sb);
    if d == 2 {
        return two_moved(&ca, &cb);
    }
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
    if !long[i].is_alphabetic() {
        return None;
    }
    Some(Variant::Omission)
}

/// Distance 2: the same first letter, at least six letters, the same letters (Meridon /
/// Mredion), and no digit out of place.
fn two_moved(ca: &[char], cb: &[char]) -> Option<Variant> {
    let first = |v: &[char]| v.first().map(|c| c.to_lowercase().collect::<String>());
    let n_letters = |v: &[char]| v.iter().filter(|c| c.is_alphabetic()).count();
    let (sa, sb): (String, String) = (ca.iter().collect(), cb.iter().collect());
    if first(ca) != first(cb)
        || n_letters(ca).min(n_letters(cb)) < 6
        || letters(&sa) != letters(&sb)
        || ca.len() != cb.len()
    {
        return None;
    }
    let digits_at =
        |v: &[char]| -> Vec<usize> { (0..v.len()).filter(|&i| v[i].is_ascii_digit()).collect() };
    if digits_at(ca) != digits_at(cb) {
        return None;
    }
    // Every difference inside one word of five letters or more (not two short codes).
    let diff: Vec<usize> = (0..ca.len()).filter(|&i| ca[i] != cb[i]).collect();
    if diff
        .iter()
        .any(|&i| !ca[i].is_alphabetic() || token_len(ca, i) < 6)
    {
        return None;
    }
    Some(Variant::TwoMoved)
}

/// One surface form of a name with the claims that write it.
struct Form<'c> {
    name: String,
    claims: Vec<&'c Claim>,
    support: usize,
    gazetteer: bool,
}

/// `variant-spelling` findings over every name the claims use, and the map from each
/// misspelt form to its reference form.
///
/// The reference is the gazetteer form when only one of the two is in the gazetteer, else
/// the form more independent sources write. A tie in sources has no reference: the finding
/// says so, and the two forms are still read as one name (under the form written more often,
/// then the first in alphabetical order — that only names the entity, it calls nothing a
/// misspelling). Severity: error when a rare form (one source, at most two mentions) stands
/// against a well-supported (two sources or more) or gazetteer form; info when one source
/// alone writes both forms (nobody else to tell which is right); warning otherwise.
pub fn variant_spellings(
    ctx: &Context,
    claims: &[Claim],
) -> (Vec<Finding>, BTreeMap<String, String>) {
    let mut by_name: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if let Value::Entity { name, kind, .. } = &c.value {
            if kind != "title" && kind != "outlet" {
                by_name.entry(name.clone()).or_default().push(c);
            }
        }
    }
    let forms: Vec<Form> = by_name
        .into_iter()
        .map(|(name, claims)| Form {
            support: ctx.support(&claims),
            gazetteer: ctx.knowledge.gazetteer.contains(&fold(&name)),
            name,
            claims,
        })
        .collect();
    let names: Vec<&str> = forms.iter().map(|f| f.name.as_str()).collect();
    let mut findings = vec![];
    let mut canon = BTreeMap::new();
    for (i, j) in candidate_pairs(&names) {
        let Some(how) = variant(names[i], names[j]) else {
            continue;
        };
        let (a, b) = (&forms[i], &forms[j]);
        // Two gazetteer forms are two names the gazetteer knows apart.
        if a.gazetteer && b.gazetteer {
            continue;
        }
        let rank = |f: &Form| (f.gazetteer, f.support);
        let tie = rank(a) == rank(b);
        let (major, minor) = if rank(a) > rank(b)
            || (tie
                && (a.claims.len(), std::cmp::Reverse(&a.name))
                    >= (b.claims.len(), std::cmp::Reverse(&b.name)))
        {
            (a, b)
        } else {
            (b, a)
        };
        if canon.contains_key(&minor.name) {
            continue;
        }
        canon.insert(minor.name.clone(), major.name.clone());
        let sources = |f: &Form| -> BTreeSet<usize> {
            f.claims
                .iter()
                .map(|c| ctx.source[ctx.positions.get(c.doc.as_str()).copied().unwrap_or(0)])
                .collect()
        };
        let one_source = {
            let s: BTreeSet<usize> = sources(major).union(&sources(minor)).copied().collect();
            s.len() == 1
        };
        let rare = minor.support == 1 && minor.claims.len() <= 2;
        let severity = if one_source && !major.gazetteer {
            Severity::Info
        } else if !tie && rare && (major.support >= 2 || major.gazetteer) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut ids: Vec<String> = major
            .claims
            .iter()
            .chain(minor.claims.iter())
            .map(|c| c.id.clone())
            .collect();
        ids.sort_by_key(|id| id.trim_start_matches('C').parse::<usize>().unwrap_or(0));
        ids.dedup();
        let values = [major, minor]
            .iter()
            .map(|f| ValueSupport {
                value: f.name.clone(),
                support: f.support,
                claims: f.claims.iter().map(|c| c.id.clone()).collect(),
                as_of: None,
            })
            .collect();
        let describe = |f: &Form| {
            if f.gazetteer {
                format!("{} {}, gazetteer", f.support, plural(f.support))
            } else {
                format!("{} {}", f.support, plural(f.support))
            }
        };
        let message = if tie {
            format!(
                "\"{}\" and \"{}\" ({} each) are probably one name, one of them misspelt: {}",
                major.name,
                minor.name,
                describe(major),
                how.as_str()
            )
        } else {
            format!(
                "\"{}\" ({}) is probably a misspelling of \"{}\" ({}): {}",
                minor.name,
                describe(minor),
                major.name,
                describe(major),
                how.as_str()
            )
        };
        findings.push(Finding {
            id: String::new(),
            rule: "variant-spelling".into(),
            kind: "variant-spelling".into(),
            severity,
            message,
            claims: ids,
            values,
            majority: (!tie).then(|| major.name.clone()),
            fingerprint: fingerprint(&["variant-spelling", &major.name, &minor.name]),
        });
    }
    // A chain (A → B → C) ends at its last form.
    let keys: Vec<String> = canon.keys().cloned().collect();
    for k in keys {
        let mut to = canon[&k].clone();
        for _ in 0..8 {
            match canon.get(&to) {
                Some(next) if next != &k => to = next.clone(),
                _ => break,
            }
        }
        canon.insert(k, to);
    }
    (findings, canon)
}

/// The entities of a run: every `mentions` claim under its canonical name, a misspelt
/// form under its reference (as [`variant_spellings`] decides), with each written form and
/// its support. Sorted by id; the kind is the one most mentions give.
pub fn entities(
    docs: &[DocumentInfo],
    claims: &[Claim],
    shingles: &[Vec<u64>],
    knowledge: &super::Knowledge,
) -> Vec<Entity> {
    let source = if shingles.len() == docs.len() {
        super::sources::source_groups(shingles)
    } else {
        (0..docs.len()).collect()
    };
    let ctx = Context::new(docs, knowledge, source);
    let (_, canon) = variant_spellings(&ctx, claims);
    // id → form → claims; id → kind → count.
    let mut forms: BTreeMap<String, BTreeMap<String, Vec<&Claim>>> = BTreeMap::new();
    let mut kinds: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.predicate == "mentions") {
        let Value::Entity {
            name,
            canonical,
            kind,
        } = &c.value
        else {
            continue;
        };
        if kind == "title" {
            continue;
        }
        let id = canon
            .get(name)
            .or_else(|| canon.get(canonical))
            .unwrap_or(canonical)
            .clone();
        forms
            .entry(id.clone())
            .or_default()
            .entry(name.clone())
            .or_default()
            .push(c);
        *kinds
            .entry(id)
            .or_default()
            .entry(kind.clone())
            .or_default() += 1;
    }
    forms
        .into_iter()
        .map(|(id, fs)| {
            let mut forms: Vec<EntityForm> = fs
                .into_iter()
                .map(|(form, cs)| EntityForm {
                    support: ctx.support(&cs),
                    mentions: cs.len(),
                    form,
                })
                .collect();
            forms.sort_by(|a, b| {
                (b.support, b.mentions)
                    .cmp(&(a.support, a.mentions))
                    .then(a.form.cmp(&b.form))
            });
            let kind = kinds[&id]
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .map(|(k, _)| k.clone())
                .unwrap_or_default();
            Entity { id, kind, forms }
        })
        .collect()
}

/// The names compared across sources: every entity written in two forms or more by two
/// documents or more is one alignment of its mentions. Forms that differ only in case,
/// accents or spacing (MARIA RAMOS, Viñals / Vinals) or that are the surname alone of one
/// full name of the run (Vinals, Jose Vinals) are the same name: `agree`. A group holding a
/// misspelt form ([`variant_spellings`]' minority, in `canon`) is a `conflict`.
pub fn entity_alignments(
    ctx: &Context,
    claims: &[Claim],
    canon: &BTreeMap<String, String>,
) -> Vec<Alignment> {
    let mentions: Vec<(&Claim, &str, String)> = claims
        .iter()
        .filter(|c| c.predicate == "mentions")
        .filter_map(|c| match &c.value {
            Value::Entity {
                name,
                canonical,
                kind,
            } if kind != "title" => {
                let id = canon
                    .get(name)
                    .or_else(|| canon.get(canonical))
                    .unwrap_or(canonical);
                Some((c, name.as_str(), id.clone()))
            }
            _ => None,
        })
        .collect();
    // Latin ids of two words or more, by their last word folded: a surname names its full
    // name when only one full name of the run ends with it.
    let mut by_surname: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, _, id) in &mentions {
        let words: Vec<&str> = id.split_whitespace().collect();
        if words.len() >= 2
            && is_latin(id)
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            by_surname
                .entry(fold(words[words.len() - 1]))
                .or_default()
                .insert(fold(id));
        }
    }
    let key = |id: &str| -> String {
        let f = fold(id);
        if is_latin(id) && !id.contains(' ') {
            if let Some(full) = by_surname.get(&f).filter(|s| s.len() == 1) {
                return full.iter().next().unwrap().clone();
            }
        }
        if is_latin(id) {
            f
        } else {
            id.to_string()
        }
    };
    let mut groups: BTreeMap<String, Vec<&(&Claim, &str, String)>> = BTreeMap::new();
    for m in &mentions {
        groups.entry(key(&m.2)).or_default().push(m);
    }
    let mut out = vec![];
    for group in groups.values() {
        let docs: BTreeSet<&str> = group.iter().map(|m| m.0.doc.as_str()).collect();
        let forms: BTreeSet<&str> = group.iter().map(|m| m.1).collect();
        if docs.len() < 2 || forms.len() < 2 {
            continue;
        }
        let misspelt = group.iter().any(|m| canon.contains_key(m.1));
        let cs: Vec<&Claim> = group.iter().map(|m| m.0).collect();
        // The subject: the id most mentions use (then the first by name).
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        for m in group {
            *ids.entry(m.2.as_str()).or_default() += 1;
        }
        let subject = ids
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(id, _)| id.to_string())
            .unwrap_or_default();
        let mut claim_ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
        claim_ids.sort_by_key(|id| id.trim_start_matches('C').parse::<usize>().unwrap_or(0));
        claim_ids.dedup();
        out.push(Alignment {
            id: String::new(),
            verdict: if misspelt { "conflict" } else { "agree" }.to_string(),
            subject,
            predicate: "name".to_string(),
            qualifiers: BTreeMap::new(),
            claims: claim_ids,
            sources: ctx.support(&cs),
            values: super::value_table(ctx, &cs, |c| match &c.value {
                Value::Entity { name, .. } => name.clone(),
                _ => c.text.clone(),
            }),
        });
    }
    out
}

/// A Han form's mentions and the canonical names they were given.
type FormClaims<'c> = (Vec<&'c Claim>, BTreeSet<&'c str>);

/// Is `s` a name in Han script (with a transliteration's `·`)?
fn is_han_name(s: &str) -> bool {
    s.chars().count() >= 2
        && s.chars()
            .all(|c| c == '·' || ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The readings of a Han character without tones (重: zhong, chong); none for `·`.
fn readings(c: char) -> Vec<&'static str> {
    use pinyin::ToPinyinMulti;
    c.to_pinyin_multi()
        .map(|m| m.into_iter().map(|p| p.plain()).collect())
        .unwrap_or_default()
}

/// Are `a` and `b` (simplified) one name written with other characters of the same sound:
/// as many characters, the separators `·` in the same places, at least one character the
/// same and every other pair sharing a reading without tones (卢比奥 / 鲁比奥: lu bi ao)?
/// The readings of the differing characters, when they are.
pub fn sound_variant(a: &str, b: &str) -> Option<String> {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if ca.len() != cb.len() || ca == cb || !is_han_name(a) || !is_han_name(b) {
        return None;
    }
    let mut same = 0;
    let mut sounds = vec![];
    for (x, y) in ca.iter().zip(&cb) {
        if x == y {
            same += usize::from(*x != '·');
            if *x != '·' {
                sounds.push(readings(*x).first().copied().unwrap_or("?").to_string());
            }
            continue;
        }
        let (rx, ry) = (readings(*x), readings(*y));
        let shared = rx.iter().find(|r| ry.contains(r))?;
        sounds.push(shared.to_string());
    }
    (same >= 1).then(|| sounds.join(" "))
}

/// `transliteration-variant` findings (info): two Han forms of the run that [`sound_variant`]
/// reads as one name written with other characters of the same sound — two outlets
/// transliterating a foreign name each its own way, or a homophone slip. Not when script
/// folding already makes them one (格里爾 / 格里尔), when one entity already holds both
/// (an apposition or the gazetteer paired them), or when the gazetteer knows them as two
/// entities. Forms of titles and outlets are not names.
pub fn transliteration_variants(ctx: &Context, claims: &[Claim]) -> Vec<Finding> {
    // Simplified form → (claims, canonicals).
    let mut by_form: BTreeMap<String, FormClaims> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.predicate == "mentions") {
        if let Value::Entity {
            name,
            canonical,
            kind,
        } = &c.value
        {
            let simple = crate::normalize::script::to_simplified(name);
            if kind != "title" && kind != "outlet" && is_han_name(&simple) {
                let e = by_form.entry(simple).or_default();
                e.0.push(c);
                e.1.insert(canonical.as_str());
            }
        }
    }
    let forms: Vec<(&String, &FormClaims)> = by_form.iter().collect();
    // Candidates share a character at one place: buckets by (length, place, character).
    let mut buckets: BTreeMap<(usize, usize, char), Vec<usize>> = BTreeMap::new();
    for (i, (f, _)) in forms.iter().enumerate() {
        let n = f.chars().count();
        for (k, c) in f.chars().enumerate().filter(|(_, c)| *c != '·') {
            buckets.entry((n, k, c)).or_default().push(i);
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for ids in buckets.values() {
        for (x, &i) in ids.iter().enumerate() {
            for &j in &ids[x + 1..] {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut out = vec![];
    for (i, j) in pairs {
        let ((a, (ca, ka)), (b, (cb, kb))) = (forms[i], forms[j]);
        let Some(sound) = sound_variant(a, b) else {
            continue;
        };
        // One entity already (an apposition, the gazetteer), or two the gazetteer tells apart.
        let known = |k: &BTreeSet<&str>, f: &str| k.iter().any(|c| fold(c) != fold(f));
        if !ka.is_disjoint(kb) || (known(ka, a) && known(kb, b)) {
            continue;
        }
        let (sa, sb) = (ctx.support(ca), ctx.support(cb));
        let mut ids: Vec<String> = ca.iter().chain(cb).map(|c| c.id.clone()).collect();
        ids.sort_by_key(|id| id.trim_start_matches('C').parse::<usize>().unwrap_or(0));
        ids.dedup();
        let value = |f: &str, s: usize, cs: &[&Claim]| ValueSupport {
            value: f.to_string(),
            support: s,
            claims: cs.iter().map(|c| c.id.clone()).collect(),
            as_of: None,
        };
        let mut values = vec![value(a, sa, ca), value(b, sb, cb)];
        values.sort_by(|x, y| y.support.cmp(&x.support).then(x.value.cmp(&y.value)));
        out.push(Finding {
            id: String::new(),
            rule: "transliteration-variant".into(),
            kind: "transliteration-variant".into(),
            severity: Severity::Info,
            message: format!(
                "\"{}\" ({} {}) and \"{}\" ({} {}) may be one name written with other characters of the same sound ({sound})",
                values[0].value,
                values[0].support,
                plural(values[0].support),
                values[1].value,
                values[1].support,
                plural(values[1].support),
            ),
            claims: ids,
            majority: None,
            fingerprint: fingerprint(&["transliteration-variant", a, b]),
            values,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentInfo, Span};
    use crate::reconcile::Knowledge;

    #[test]
    fn accent_table_is_aligned() {
        assert_eq!(strip_accent('ñ'), 'n');
        assert_eq!(strip_accent('ë'), 'e');
        assert_eq!(strip_accent('Ø'), 'O');
        assert_eq!(strip_accent('ž'), 'z');
        assert_eq!(strip_accent('中'), '中');
    }

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
        // Two letters moved in a long name.
        assert_eq!(variant("Lorvanta", "Lrovatna"), Some(Variant::TwoMoved));
        assert_eq!(
            variant("Quintessa Bank", "Qiuntessa Bank"),
            Some(Variant::Transposition)
        );
        assert_eq!(
            variant("Brümmel Werke", "Brümmle Werke"),
            Some(Variant::Transposition)
        );
    }

    #[test]
    fn two_edits_need_the_guards() {
        // Another first letter, too short, other letters: other names.
        assert_eq!(variant("Lorvanta", "Olrvanta"), None);
        assert_eq!(variant("Zapolo", "Zpaloo"), Some(Variant::TwoMoved));
        assert_eq!(variant("Zapol", "Zpalo"), None);
        assert_eq!(variant("Lorvanta", "Lorvinto"), None);
        assert_eq!(variant("Tessaro 12", "Tessaro 21"), None);
    }

    #[test]
    fn inflections_and_accents_are_not_misspellings() {
        assert_eq!(variant("Skyferry", "Skyferrys"), None);
        assert_eq!(variant("Robocabs", "Robocab"), None);
        assert_eq!(variant("Valdoria", "Valdorian"), None);
        assert_eq!(variant("Valdorians", "Valdorian"), None);
        assert_eq!(variant("Valdorian Navy", "Valdoria Navy"), None);
        assert_eq!(variant("Ibáñez", "Ibanez"), None);
        assert_eq!(variant("Citroën", "Citroen"), None);
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
            "Lorvanta",
            "Lrovatna",
            "Qwen2.5-Ma",
            "Qwen2.5-Max",
            "Brümmel",
            "Brümmle",
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
    }

    /// Claims `mentions` of `names`: (document, form) pairs.
    fn mention_claims(pairs: &[(&str, &str)]) -> Vec<Claim> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (doc, name))| Claim {
                id: format!("C{}", i + 1),
                doc: doc.to_string(),
                span: Span { start: 0, end: 1 },
                text: name.to_string(),
                subject: name.to_string(),
                predicate: "mentions".into(),
                value: Value::Entity {
                    name: name.to_string(),
                    canonical: name.to_string(),
                    kind: "name".into(),
                },
                qualifiers: Default::default(),
                rule: "names".into(),
            })
            .collect()
    }

    fn docs(ids: &[&str]) -> Vec<DocumentInfo> {
        ids.iter()
            .map(|id| DocumentInfo {
                id: id.to_string(),
                path: id.to_string(),
                title: None,
                published: None,
                published_inferred: false,
                source: None,
                lang: crate::model::Lang::En,
                provenance: Default::default(),
            })
            .collect()
    }

    fn run(
        ids: &[&str],
        source: Vec<usize>,
        k: &Knowledge,
        pairs: &[(&str, &str)],
    ) -> (Vec<Finding>, BTreeMap<String, String>) {
        let d = docs(ids);
        let ctx = Context::new(&d, k, source);
        variant_spellings(&ctx, &mention_claims(pairs))
    }

    #[test]
    fn names_in_other_cases_accents_and_surnames_agree() {
        let d = docs(&["a", "b", "c"]);
        let k = Knowledge::default();
        let ctx = Context::new(&d, &k, vec![0, 1, 2]);
        let claims = mention_claims(&[
            ("a", "Inés Okafor"),
            ("b", "Ines Okafor"),
            ("b", "Okafor"),
            ("c", "INÉS OKAFOR"),
            ("a", "Tomas Brandt"),
            ("c", "Tomas Brandt"),
        ]);
        let (_, canon) = variant_spellings(&ctx, &claims);
        let a = entity_alignments(&ctx, &claims, &canon);
        // One alignment: the four forms of one name; a name written one way is not listed.
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].verdict, "agree");
        assert_eq!(a[0].claims, ["C1", "C2", "C3", "C4"]);
        // A misspelt form in the group makes it a conflict.
        let claims = mention_claims(&[("a", "Lorvanta"), ("b", "Lorvanta"), ("c", "Lrovatna")]);
        let (_, canon) = variant_spellings(&ctx, &claims);
        let a = entity_alignments(&ctx, &claims, &canon);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].verdict, "conflict");
    }

    #[test]
    fn majority_of_sources_is_the_reference() {
        let (f, canon) = run(
            &["a", "b", "c"],
            vec![0, 1, 2],
            &Knowledge::default(),
            &[("a", "Lorvanta"), ("b", "Lorvanta"), ("c", "Lrovatna")],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].majority.as_deref(), Some("Lorvanta"));
        assert_eq!(canon["Lrovatna"], "Lorvanta");
    }

    #[test]
    fn a_tie_is_not_decided_by_order() {
        // One source each: no majority, a warning that names both.
        let (f, _) = run(
            &["a", "b"],
            vec![0, 1],
            &Knowledge::default(),
            &[("a", "Quintessa"), ("b", "Qiuntessa")],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].majority, None);
        assert!(
            f[0].message.contains("one of them misspelt"),
            "{}",
            f[0].message
        );
        // The same, in the other order of documents.
        let (g, _) = run(
            &["a", "b"],
            vec![0, 1],
            &Knowledge::default(),
            &[("a", "Qiuntessa"), ("b", "Quintessa")],
        );
        assert_eq!(g[0].majority, None);
        assert_eq!(g[0].fingerprint, f[0].fingerprint);
    }

    #[test]
    fn one_source_writing_both_forms_is_info() {
        let (f, _) = run(
            &["a", "b"],
            vec![0, 0],
            &Knowledge::default(),
            &[("a", "Quintessa"), ("a", "Qiuntessa"), ("b", "Quintessa")],
        );
        assert_eq!(f[0].severity, Severity::Info);
    }

    #[test]
    fn entities_gather_forms_under_the_reference() {
        let d = docs(&["a", "b", "c"]);
        let claims = mention_claims(&[("a", "Lorvanta"), ("b", "Lorvanta"), ("c", "Lrovatna")]);
        let e = entities(&d, &claims, &[], &Knowledge::default());
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "Lorvanta");
        assert_eq!(e[0].kind, "name");
        let forms: Vec<(&str, usize)> = e[0]
            .forms
            .iter()
            .map(|f| (f.form.as_str(), f.support))
            .collect();
        assert_eq!(forms, [("Lorvanta", 2), ("Lrovatna", 1)]);
    }

    #[test]
    fn a_gazetteer_form_is_the_reference() {
        let mut k = Knowledge::default();
        k.gazetteer.insert(fold("Quintessa"));
        // The misspelt form has more sources, the gazetteer still wins.
        let (f, canon) = run(
            &["a", "b", "c"],
            vec![0, 1, 2],
            &k,
            &[("a", "Qiuntessa"), ("b", "Qiuntessa"), ("c", "Quintessa")],
        );
        assert_eq!(f[0].majority.as_deref(), Some("Quintessa"));
        assert_eq!(canon["Qiuntessa"], "Quintessa");
        assert_eq!(f[0].severity, Severity::Warning);
        // A rare form against the gazetteer: error.
        let (f, _) = run(
            &["a", "b"],
            vec![0, 1],
            &k,
            &[("a", "Qiuntessa"), ("b", "Quintessa")],
        );
        assert_eq!(f[0].severity, Severity::Error);
    }
}
