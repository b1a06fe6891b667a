//! Rule files: `rules/*.yaml`. A rule binds recognized values and names into claims with
//! patterns over the normalized text in which every recognized item is a typed slot, so the
//! words that vary (names, numbers, units, dates) are slots, not literals. See
//! `docs/rules.md` for the author's guide.
//!
//! A rule file that does not load is a diagnostic pointing into the YAML; the other files
//! (and the other rules of a file whose single rule has a bad pattern) still load.

use super::DataFile;
use crate::model::{Problem, Severity, Span};
use crate::yamlio;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// A rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub doc: Option<String>,
    pub rules: Vec<RuleDef>,
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    /// One line: what the rule extracts.
    pub summary: String,
    /// Longer documentation (Markdown).
    #[serde(default)]
    pub doc: Option<String>,
    /// Patterns over tagged text; `{name:type}` is a slot (see `docs/rules.md`).
    pub patterns: Vec<String>,
    /// The claims each match makes.
    pub emit: Vec<EmitDef>,
    /// Sentences the rule must extract, with the claims expected.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Sentences the rule must not fire on.
    #[serde(default)]
    pub counterexamples: Vec<String>,
    /// A fallback rule only claims values no other rule claimed in the sentence.
    #[serde(default)]
    pub fallback: bool,
}

/// How a predicate's values relate over time and to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// One true value: different values conflict.
    #[default]
    Single,
    /// One value at a time: different values at different times are a change.
    TimeVarying,
    /// Several values can all be true (titles, awards): never a conflict by themselves.
    Multi,
}

/// One claim a match makes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmitDef {
    pub predicate: String,
    /// The slot holding the value.
    pub value: String,
    /// The slot naming the subject; without it the subject is the nearest preceding name of
    /// `subject_kind` in the sentence, else the article's main entity of that kind.
    #[serde(default)]
    pub subject: Option<String>,
    /// `person`, `org` or `any` (default `any`).
    #[serde(default)]
    pub subject_kind: Option<String>,
    /// Qualifiers: a literal, or `{slot}` for a slot's value.
    #[serde(default)]
    pub qualifiers: BTreeMap<String, String>,
    #[serde(default)]
    pub mode: Mode,
    /// Read the value as another type: `year` turns a count such as 1998 (1998级) into a
    /// year.
    #[serde(default)]
    pub value_as: Option<String>,
    /// Skip values whose written figure is below this (an amount without a currency must
    /// carry a scale: 418亿, not 1).
    #[serde(default)]
    pub at_least: Option<f64>,
    /// A count slot the value is stated for: the value is divided by it, and the claim's
    /// span runs from that count to the value (每10股派12元 is 1.2元 per share).
    #[serde(default)]
    pub per: Option<String>,
}

/// An example: a sentence and the claims it must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    pub claims: Vec<ExpectedClaim>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedClaim {
    pub predicate: String,
    /// The value in its display form (see `Value` display in docs/rules.md).
    pub value: String,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub qualifiers: BTreeMap<String, String>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub def: RuleDef,
    pub file: String,
    pub regexes: Vec<Regex>,
    /// Per pattern: `Some` when the pattern is one slot and nothing else (`{n:name}`).
    pub single: Vec<Option<SingleSlot>>,
}

/// A pattern that is one slot and nothing else (`{n:name}`, `{m:money}`): it compiles to
/// `(?P<n>[markers])`, whose matches are the marker characters of the slot's type, one by
/// one, left to right. The engine finds them with a scan of the tagged sentence instead of
/// a regex search (the `names` and `values` rules: most of all claims).
#[derive(Debug, Clone)]
pub struct SingleSlot {
    pub name: String,
    pub markers: &'static [char],
}

impl SingleSlot {
    /// The single slot `pattern` is, if it is one (the same parse as
    /// [`compile_pattern_with`]).
    pub fn of(pattern: &str) -> Option<SingleSlot> {
        let inner = pattern.strip_prefix('{')?.strip_suffix('}')?;
        if inner.contains(['{', '}']) || inner.starts_with('@') {
            return None;
        }
        let (name, ty) = inner.split_once(':')?;
        let (name, ty) = (name.trim(), ty.trim());
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        Some(SingleSlot {
            name: name.to_string(),
            markers: marker::for_type(ty)?,
        })
    }

    /// The byte ranges of the matches in `tagged`, as `captures_iter` gives them.
    pub fn matches<'t>(&'t self, tagged: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        tagged
            .char_indices()
            .filter(|(_, c)| self.markers.contains(c))
            .map(|(i, c)| i..i + c.len_utf8())
    }
}

/// Slot types and the marker characters that stand for items of that type in tagged text.
pub mod marker {
    pub const COUNT: char = '\u{E000}';
    pub const PERCENT: char = '\u{E001}';
    pub const MONEY: char = '\u{E002}';
    pub const DATE: char = '\u{E003}';
    pub const DURATION: char = '\u{E004}';
    pub const MULTIPLE: char = '\u{E005}';
    pub const ORDINAL: char = '\u{E006}';
    pub const RANGE: char = '\u{E007}';
    pub const PERSON: char = '\u{E010}';
    pub const ORG: char = '\u{E011}';
    pub const PRODUCT: char = '\u{E012}';
    pub const NAME: char = '\u{E013}';
    pub const TITLE: char = '\u{E014}';

    /// The markers a slot type accepts.
    pub fn for_type(t: &str) -> Option<&'static [char]> {
        Some(match t {
            "count" | "number" => &[COUNT],
            "percent" => &[PERCENT],
            "money" => &[MONEY],
            "date" => &[DATE],
            "duration" => &[DURATION],
            "multiple" => &[MULTIPLE],
            "ordinal" => &[ORDINAL],
            "range" => &[RANGE],
            "figure" => &[COUNT, PERCENT, MONEY, MULTIPLE, RANGE],
            "person" => &[PERSON],
            "org" => &[ORG, NAME],
            "product" => &[PRODUCT, NAME],
            "name" => &[PERSON, ORG, PRODUCT, NAME],
            "title" => &[TITLE],
            _ => return None,
        })
    }

    /// Is this a marker character?
    pub fn is_marker(c: char) -> bool {
        ('\u{E000}'..='\u{E01F}').contains(&c)
    }
}

/// Gaps usable in patterns: `{~}` a few characters within a clause, `{~~}` within a sentence.
/// Gaps never step over another date: a date slot before a gap is the one nearest the words
/// after it.
const GAP_CLAUSE: &str = "[^,，。;；!！?？\\n\\x{E003}]{0,12}?";
const GAP_SENTENCE: &str = "[^。;；!！?？\\n\\x{E003}]{0,40}?";

/// Compile a pattern: `{name:type}` → a named group of the type's markers, `{~}`/`{~~}` →
/// gaps; everything else is regex syntax over the normalized text.
pub fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    compile_pattern_with(pattern, &std::collections::HashMap::new())
}

/// Compile a pattern with lexicon macros (`{@metric}` …).
pub fn compile_pattern_with(
    pattern: &str,
    macros: &std::collections::HashMap<String, String>,
) -> Result<Regex, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &after[..close];
        if let Some(name) = inner.strip_prefix('@') {
            let m = macros
                .get(name)
                .ok_or_else(|| format!("unknown lexicon macro `{{@{name}}}`"))?;
            out.push_str(m);
        } else if inner == "~" {
            out.push_str(GAP_CLAUSE);
        } else if inner == "~~" {
            out.push_str(GAP_SENTENCE);
        } else if let Some((name, ty)) = inner.split_once(':') {
            let name = name.trim();
            let ty = ty.trim();
            let markers = marker::for_type(ty)
                .ok_or_else(|| format!("unknown slot type `{ty}` in `{{{inner}}}`"))?;
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(format!("bad slot name `{name}` in `{{{inner}}}`"));
            }
            out.push_str(&format!("(?P<{name}>["));
            for m in markers {
                out.push_str(&format!("\\x{{{:X}}}", *m as u32));
            }
            out.push_str("])");
        } else {
            // A regex repetition like {0,12}: keep it.
            out.push('{');
            out.push_str(inner);
            out.push('}');
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    regex::RegexBuilder::new(&out)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| e.to_string())
}

/// All rules of a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Which patterns can match a sentence, from the literals they require.
    pub prefilter: Prefilter,
}

/// A prefilter over every pattern of a rule set: for each pattern, sets of literal strings
/// such that every match of the pattern contains at least one literal of each set (a word
/// such as 加入 or `citations`, a slot's marker characters: {@amount} … {v:money} needs a
/// measure word *and* a money amount), found with one Aho-Corasick pass over a sentence. A
/// pattern one of whose sets has no literal in the sentence cannot match it and is not run.
#[derive(Debug, Clone, Default)]
pub struct Prefilter {
    matcher: Option<aho_corasick::AhoCorasick>,
    literals: usize,
    /// Per pattern (rule order, then pattern order): the literal ids of each required set;
    /// `None`: no required literal is known, so it always runs.
    needs: Vec<Option<Vec<Vec<usize>>>>,
}

/// Literal alternatives at least one of which every match of `h` contains.
fn required(h: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::{Class, HirKind};
    match h.kind() {
        HirKind::Empty | HirKind::Look(_) => None,
        HirKind::Literal(l) => Some(vec![String::from_utf8(l.0.to_vec()).ok()?]),
        HirKind::Class(Class::Unicode(c)) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if size > 8 {
                return None;
            }
            Some(
                c.ranges()
                    .iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|c| c.to_string())
                    .collect(),
            )
        }
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Concat(subs) => {
            // The most selective part: words before marker characters, then the longest
            // shortest literal, then the fewest alternatives.
            subs.iter().filter_map(required).max_by_key(|set| {
                let words = set.iter().all(|l| !l.chars().any(marker::is_marker));
                let shortest = set.iter().map(|l| l.len()).min().unwrap_or(0);
                (words, shortest, usize::MAX - set.len())
            })
        }
        HirKind::Alternation(subs) => {
            let mut out = vec![];
            for s in subs {
                out.extend(required(s)?);
            }
            Some(out)
        }
    }
}

/// Sets of literal alternatives, every match of `h` containing one of each: the
/// [`required`] set of every part of a concatenation (each part must match), else the
/// [`required`] set of the whole.
fn required_all(h: &regex_syntax::hir::Hir, out: &mut Vec<Vec<String>>) {
    use regex_syntax::hir::HirKind;
    match h.kind() {
        HirKind::Concat(subs) => subs.iter().for_each(|s| required_all(s, out)),
        HirKind::Capture(c) => required_all(&c.sub, out),
        HirKind::Repetition(r) if r.min >= 1 => required_all(&r.sub, out),
        _ => out.extend(required(h)),
    }
}

impl Prefilter {
    /// The prefilter of these rules' patterns.
    pub fn new(rules: &[Rule]) -> Prefilter {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut needs = vec![];
        for re in rules.iter().flat_map(|r| &r.regexes) {
            let mut sets = vec![];
            if let Ok(h) = regex_syntax::Parser::new().parse(re.as_str()) {
                required_all(&h, &mut sets);
                // (A set with a single ASCII character, such as a letter of a
                // case-insensitive word, filters little and would slow the search: left
                // out, unless it is the most selective set.)
                sets.retain(|set| !set.iter().any(|l| l.len() == 1));
                sets.extend(required(&h));
            }
            sets.retain(|set| !set.is_empty() && set.iter().all(|l| !l.is_empty()));
            sets.sort();
            sets.dedup();
            needs.push((!sets.is_empty()).then(|| {
                sets.into_iter()
                    .map(|set| {
                        let mut v: Vec<usize> = set
                            .into_iter()
                            .map(|l| {
                                let n = ids.len();
                                *ids.entry(l).or_insert(n)
                            })
                            .collect();
                        v.sort_unstable();
                        v.dedup();
                        v
                    })
                    .collect::<Vec<_>>()
            }));
        }
        let mut literals: Vec<(usize, String)> = ids.into_iter().map(|(l, i)| (i, l)).collect();
        literals.sort();
        // A DFA: searched once per sentence, it is several times faster than the NFA the
        // builder picks for this many literals (same matches).
        let matcher = aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(literals.iter().map(|(_, l)| l))
            .ok();
        if matcher.is_none() {
            needs.iter_mut().for_each(|n| *n = None);
        }
        Prefilter {
            matcher,
            literals: literals.len(),
            needs,
        }
    }

    /// Which patterns may match `text`: `result[k]` for the k-th pattern of the rule set.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        // A pattern may match when it needs nothing or each of its sets has a literal in
        // the text.
        let mut present = vec![false; self.literals];
        if let Some(m) = &self.matcher {
            for hit in m.find_overlapping_iter(text) {
                present[hit.pattern().as_usize()] = true;
            }
        }
        self.needs
            .iter()
            .map(|n| match n {
                None => true,
                Some(sets) => sets.iter().all(|set| set.iter().any(|&l| present[l])),
            })
            .collect()
    }
}

/// Byte offset of the line of `needle` (e.g. `id: foo`) in `text`, for diagnostics.
fn find_offset(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
}

impl RuleSet {
    /// Load every rule file; problems for files or rules that do not load.
    pub fn load(
        files: &[&DataFile],
        macros: &std::collections::HashMap<String, String>,
        problems: &mut Vec<Problem>,
    ) -> RuleSet {
        let mut rules = Vec::new();
        let mut ids: BTreeMap<String, String> = BTreeMap::new();
        for data in files {
            let display = data.path.clone();
            let text = &data.text;
            let file: RuleFile = match yamlio::from_str(text) {
                Ok(f) => f,
                Err(e) => match rules_one_by_one(text, &display, &e, problems) {
                    // The file is YAML with a `rules` list: the bad rules are reported one by
                    // one, the good ones still load.
                    Some(defs) => RuleFile {
                        doc: None,
                        rules: defs,
                    },
                    None => {
                        problems.push(problem(
                            &display,
                            e.offset,
                            format!("invalid rule file: {}", e.message),
                        ));
                        continue;
                    }
                },
            };
            for def in file.rules {
                let at = find_offset(text, &format!("id: {}", def.id));
                if let Some(prev) = ids.get(&def.id) {
                    problems.push(problem(
                        &display,
                        at,
                        format!("rule `{}` is defined twice (also in {prev})", def.id),
                    ));
                    continue;
                }
                match compile_rule(def.clone(), &display, macros) {
                    Ok(rule) => {
                        ids.insert(def.id.clone(), display.clone());
                        rules.push(rule);
                    }
                    Err(msg) => {
                        let at = find_offset(text, &msg.1).or(at);
                        problems.push(problem(
                            &display,
                            at,
                            format!("rule `{}` skipped: {}", def.id, msg.0),
                        ));
                    }
                }
            }
        }
        let prefilter = Prefilter::new(&rules);
        RuleSet { rules, prefilter }
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.def.id == id)
    }
}

/// Read a rule file whose whole does not deserialize rule by rule: each rule that does not
/// is reported at its `id:`; `None` when the file is not a mapping with a `rules` list.
fn rules_one_by_one(
    text: &str,
    display: &str,
    whole: &yamlio::YamlError,
    problems: &mut Vec<Problem>,
) -> Option<Vec<RuleDef>> {
    let loose = yamlio::loose(text).ok()?;
    let list = yamlio::loose_get(&loose, "rules")?.as_sequence()?;
    let mut out = vec![];
    for (i, item) in list.iter().enumerate() {
        let id = yamlio::loose_get(item, "id")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        match yamlio::from_loose::<RuleDef>(item.clone()) {
            Ok(def) => out.push(def),
            Err(e) => {
                let name = id.clone().unwrap_or_else(|| format!("#{}", i + 1));
                // The first bad rule is the one the whole file's error points into, with its
                // exact place; later ones are pointed at by their `id:`.
                let first = !problems.iter().any(|p| p.path == display);
                let (at, message) = if first && whole.offset.is_some() {
                    (whole.offset, whole.message.clone())
                } else {
                    (
                        id.as_ref()
                            .and_then(|id| find_offset(text, &format!("id: {id}"))),
                        e.message,
                    )
                };
                problems.push(problem(
                    display,
                    at,
                    format!("rule `{name}` skipped: {message}"),
                ));
            }
        }
    }
    Some(out)
}

fn problem(path: &str, at: Option<usize>, message: String) -> Problem {
    Problem {
        path: path.to_string(),
        span: at.map(|a| Span::new(a, a + 1)),
        severity: Severity::Error,
        message,
    }
}

/// Compile one rule; the error carries a message and a snippet to locate it in the file.
fn compile_rule(
    def: RuleDef,
    path: &str,
    macros: &std::collections::HashMap<String, String>,
) -> Result<Rule, (String, String)> {
    if def.patterns.is_empty() {
        return Err(("no patterns".into(), format!("id: {}", def.id)));
    }
    let mut regexes = Vec::new();
    let single = def.patterns.iter().map(|p| SingleSlot::of(p)).collect();
    for p in &def.patterns {
        let re = compile_pattern_with(p, macros).map_err(|e| {
            (
                format!("invalid pattern: {e}"),
                p.chars().take(20).collect(),
            )
        })?;
        regexes.push(re);
    }
    for e in &def.emit {
        if let Some(a) = &e.value_as {
            if a != "year" && a != "money" {
                return Err((
                    format!("unknown value_as `{a}` (known: year, money)"),
                    format!("value_as: {a}"),
                ));
            }
        }
        let known = |slot: &str| {
            regexes
                .iter()
                .any(|r| r.capture_names().flatten().any(|n| n == slot))
        };
        if !known(&e.value) {
            return Err((
                format!("emit value slot `{}` is not in any pattern", e.value),
                format!("value: {}", e.value),
            ));
        }
        if let Some(s) = &e.per {
            if !known(s) {
                return Err((
                    format!("emit per slot `{s}` is not in any pattern"),
                    format!("per: {s}"),
                ));
            }
        }
        if let Some(s) = &e.subject {
            if !known(s) {
                return Err((
                    format!("emit subject slot `{s}` is not in any pattern"),
                    format!("subject: {s}"),
                ));
            }
        }
    }
    Ok(Rule {
        def,
        file: path.to_string(),
        regexes,
        single,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_compile_to_marker_classes() {
        let re = compile_pattern("{when:date}{~}加入{org:org}").unwrap();
        let text = format!("{}正式加入{}", marker::DATE, marker::ORG);
        let c = re.captures(&text).unwrap();
        assert_eq!(c.name("org").unwrap().as_str(), marker::ORG.to_string());
    }

    /// A one-slot pattern's scan finds what its regex finds, on strings of every marker
    /// mixed with text, and only one-slot patterns are taken for one.
    #[test]
    fn single_slot_scan_matches_the_regex() {
        let all: String = [
            marker::COUNT,
            marker::PERCENT,
            marker::MONEY,
            marker::DATE,
            marker::DURATION,
            marker::MULTIPLE,
            marker::ORDINAL,
            marker::RANGE,
            marker::PERSON,
            marker::ORG,
            marker::PRODUCT,
            marker::NAME,
            marker::TITLE,
        ]
        .iter()
        .collect();
        let mut texts = vec![String::new(), "星河科技今天表示".to_string()];
        for t in [
            "name", "org", "person", "product", "money", "percent", "date", "count",
        ] {
            texts.push(format!(
                "a{}b",
                marker::for_type(t).unwrap().iter().collect::<String>()
            ));
        }
        texts.push(format!("{all}中文{all}x{all}"));
        for ty in [
            "name", "org", "person", "product", "money", "percent", "date", "count",
        ] {
            let p = format!("{{v:{ty}}}");
            let slot = SingleSlot::of(&p).expect("one slot");
            assert_eq!(slot.name, "v");
            let re = compile_pattern(&p).unwrap();
            for t in &texts {
                let want: Vec<Range<usize>> = re
                    .captures_iter(t)
                    .map(|c| c.name("v").unwrap().range())
                    .collect();
                let got: Vec<Range<usize>> = slot.matches(t).collect();
                assert_eq!(got, want, "{p} on {t:?}");
            }
        }
        for p in [
            "{v:money}x",
            "{v:money}{w:date}",
            "{@metric}",
            "{~}",
            "{v:nosuch}",
            "x{v:date}",
        ] {
            assert!(SingleSlot::of(p).is_none(), "{p}");
        }
        assert!(SingleSlot::of("{ v : date }").is_some());
    }

    #[test]
    fn prefilter_keeps_what_can_match() {
        let rules = [
            "{when:date}{~}加入{org:org}",
            "{n:count}\\s?(?:颗星|stars)",
            "(?:elected|named)(?: an?)? {award:name}",
        ];
        let compiled: Vec<Rule> = rules
            .iter()
            .map(|p| Rule {
                def: RuleDef {
                    id: "t".into(),
                    summary: String::new(),
                    doc: None,
                    patterns: vec![p.to_string()],
                    emit: vec![],
                    examples: vec![],
                    counterexamples: vec![],
                    fallback: false,
                },
                file: String::new(),
                regexes: vec![compile_pattern(p).unwrap()],
                single: vec![SingleSlot::of(p)],
            })
            .collect();
        let pf = Prefilter::new(&compiled);
        let d = marker::DATE;
        let o = marker::ORG;
        let c = marker::COUNT;
        assert_eq!(
            pf.candidates(&format!("{d}正式加入{o}")),
            vec![true, false, false]
        );
        assert_eq!(
            pf.candidates(&format!("获得了{c}颗星")),
            vec![false, true, false]
        );
        assert_eq!(pf.candidates("nothing here"), vec![false, false, false]);
        // Every part a match needs: the word without the organisation is not enough.
        assert_eq!(
            pf.candidates(&format!("{d}正式加入")),
            vec![false, false, false]
        );
    }

    #[test]
    fn unknown_slot_type_is_an_error() {
        assert!(compile_pattern("{x:nonsense}").is_err());
    }
}
