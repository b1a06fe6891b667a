//! Lexicons loaded from data files: gazetteers (entities and their names in every script
//! and language) and the title lexicon. Names are folded (traditional → simplified,
//! full-width → ASCII) when loaded, so one entry covers both scripts.

use super::DataFile;
use crate::model::{Problem, Severity};
use crate::normalize::script;
use crate::yamlio;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One gazetteer entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub canonical: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    entities: Vec<EntityDef>,
}

/// One title as written in the title lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TitleDef {
    pub canonical: String,
    pub forms: Vec<String>,
    #[serde(default)]
    pub broader: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleFile {
    titles: Vec<TitleDef>,
}

/// One measure of the metric lexicon.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    pub canonical: String,
    /// `amount`, `ratio` or `count`.
    pub kind: String,
    /// Further kinds the measure takes (an order has a count and an amount).
    #[serde(default)]
    pub also: Vec<String>,
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricFile {
    metrics: Vec<MetricDef>,
}

/// A metric word found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricMatch {
    pub start: usize,
    pub end: usize,
    pub canonical: String,
    pub kind: String,
    pub also: Vec<String>,
}

/// What a lexicon name stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Entity { canonical: String, kind: String },
    Title { canonical: String },
}

/// All lexicons of a run, with one matcher over every name.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entities: Vec<EntityDef>,
    pub titles: Vec<TitleDef>,
    /// Folded (and lower-cased for Latin) name → entry.
    names: Vec<(String, Entry)>,
    matcher: Option<AhoCorasick>,
    /// Every title name of `names` (any occurrence, ASCII case-insensitive).
    title_matcher: Option<AhoCorasick>,
    /// The characters of `names` that are neither alphanumeric nor Han.
    name_marks: Vec<char>,
    pub metrics: Vec<MetricDef>,
    /// Folded metric form → index into `metrics`.
    metric_forms: Vec<(String, usize)>,
    metric_matcher: Option<AhoCorasick>,
    /// Frame cues (`rules/lexicon/frames.yaml`), with one matcher over their forms and, per
    /// pattern, the cue it belongs to.
    cues: Vec<super::frame::CueDef>,
    counted: Vec<super::frame::CountedDef>,
    changes: Vec<super::frame::ChangeDef>,
    cue_forms: Vec<usize>,
    cue_matcher: Option<AhoCorasick>,
    /// Capitalised words the run's articles write in mid-sentence: names wherever they
    /// stand (`entities::mid_sentence_words`); empty outside a run.
    pub run_words: std::sync::Arc<std::collections::BTreeSet<String>>,
    /// `run_words` holds the words of every document extracted with this lexicon.
    pub run_words_hold_own: bool,
    /// Action classes and status words of events (`rules/lexicon/actions.yaml`).
    pub actions: std::sync::Arc<super::events::Actions>,
    /// Attributes with polarity and relations (`rules/lexicon/relations.yaml`).
    pub relations: std::sync::Arc<super::relations::Relations>,
}

/// A name found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub entry: Entry,
}

/// Fold a name for matching.
pub fn fold_name(s: &str) -> String {
    script::to_simplified(s.trim())
}

impl Lexicon {
    /// Load every `*.yaml` under `gazetteer_dirs` and the title lexicons, pushing problems
    /// for files that do not load (the others still do).
    pub fn load(
        gazetteers: &[&DataFile],
        title_files: &[&DataFile],
        problems: &mut Vec<Problem>,
    ) -> Lexicon {
        let mut lex = Lexicon::default();
        for f in gazetteers {
            if let Some(g) = parse_yaml::<GazetteerFile>(f, problems) {
                lex.entities.extend(g.entities);
            }
        }
        for f in title_files {
            if let Some(t) = parse_yaml::<TitleFile>(f, problems) {
                lex.titles.extend(t.titles);
            }
        }
        lex.build();
        lex
    }

    /// Load the metric lexicons.
    pub fn load_metrics(&mut self, files: &[&DataFile], problems: &mut Vec<Problem>) {
        for f in files {
            if let Some(m) = parse_yaml::<MetricFile>(f, problems) {
                self.metrics.extend(m.metrics);
            }
        }
        let mut forms: Vec<(String, usize)> = vec![];
        for (i, m) in self.metrics.iter().enumerate() {
            for f in &m.forms {
                forms.push((fold_name(f), i));
            }
        }
        forms.sort();
        forms.dedup_by(|a, b| a.0 == b.0);
        self.metric_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .ok();
        self.metric_forms = forms;
    }

    /// Load the frame cue lexicons.
    pub fn load_cues(&mut self, files: &[&DataFile], problems: &mut Vec<Problem>) {
        for f in files {
            if let Some(c) = parse_yaml::<super::frame::CueFile>(f, problems) {
                self.cues.extend(c.cues);
                self.counted.extend(c.counted.into_iter().map(|mut d| {
                    d.forms = d.forms.iter().map(|f| fold_name(f)).collect();
                    d
                }));
                self.changes.extend(c.changes.into_iter().map(|mut d| {
                    d.forms = d.forms.iter().map(|f| f.to_lowercase()).collect();
                    d
                }));
            }
        }
        let mut forms: Vec<(String, usize)> = vec![];
        for (i, c) in self.cues.iter().enumerate() {
            for f in &c.forms {
                forms.push((fold_name(f), i));
            }
        }
        self.cue_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .ok();
        self.cue_forms = forms.into_iter().map(|(_, i)| i).collect();
    }

    /// The change nouns of the frame lexicon (forms lower-case).
    pub fn change_defs(&self) -> &[super::frame::ChangeDef] {
        &self.changes
    }

    /// The counted things of the frame lexicon (forms folded).
    pub fn counted_defs(&self) -> &[super::frame::CountedDef] {
        &self.counted
    }

    /// The frame cues, and their matcher with the cue of each pattern.
    pub fn cue_defs(&self) -> &[super::frame::CueDef] {
        &self.cues
    }
    pub fn cue_matcher(&self) -> Option<(&AhoCorasick, &[usize])> {
        self.cue_matcher
            .as_ref()
            .map(|m| (m, self.cue_forms.as_slice()))
    }

    /// Metric words in `text`, leftmost-longest.
    pub fn find_metrics(&self, text: &str) -> Vec<MetricMatch> {
        let Some(m) = &self.metric_matcher else {
            return vec![];
        };
        let bytes = text.as_bytes();
        m.find_iter(text)
            .filter(|hit| {
                let before = hit.start() > 0 && bytes[hit.start() - 1].is_ascii_alphabetic();
                let after = hit.end() < bytes.len() && bytes[hit.end()].is_ascii_alphabetic();
                let latin = bytes[hit.start()].is_ascii_alphabetic();
                !(latin && (before || after))
            })
            .map(|hit| {
                let d = &self.metrics[self.metric_forms[hit.pattern().as_usize()].1];
                MetricMatch {
                    start: hit.start(),
                    end: hit.end(),
                    canonical: d.canonical.clone(),
                    kind: d.kind.clone(),
                    also: d.also.clone(),
                }
            })
            .collect()
    }

    /// Pattern macros: `{@metric}`, `{@amount}`, `{@ratio}`, `{@count}` expand to the
    /// alternation of the metric forms (of that kind).
    pub fn macros(&self) -> std::collections::HashMap<String, String> {
        let mut out = std::collections::HashMap::new();
        for (name, kind) in [
            ("metric", None),
            ("amount", Some("amount")),
            ("ratio", Some("ratio")),
            ("count", Some("count")),
        ] {
            let mut forms: Vec<String> = self
                .metric_forms
                .iter()
                .filter(|(_, i)| kind.is_none_or(|k| self.metrics[*i].kind == k))
                .map(|(f, _)| regex::escape(f))
                .collect();
            forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            let alt = if forms.is_empty() {
                r"[^\s\S]".to_string()
            } else {
                format!("(?i:{})", forms.join("|"))
            };
            out.insert(name.to_string(), alt);
        }
        out
    }

    /// The same lexicon with the capitalised words the run writes in mid-sentence: those
    /// of every document the lexicon will extract (`entities::mid_sentence_words` of each),
    /// so that a document's own need not be gathered again.
    pub fn with_run_words(mut self, words: std::collections::BTreeSet<String>) -> Lexicon {
        self.run_words = std::sync::Arc::new(words);
        self.run_words_hold_own = true;
        self
    }

    /// Add entities found in the articles themselves (appositions), then rebuild.
    pub fn with_entities(&self, extra: &[EntityDef]) -> Lexicon {
        let mut lex = self.clone();
        lex.entities.extend(extra.iter().cloned());
        lex.build();
        lex
    }

    fn build(&mut self) {
        let mut names: BTreeMap<String, Entry> = BTreeMap::new();
        for t in &self.titles {
            for f in &t.forms {
                let k = fold_name(f);
                if k.chars().count() >= 2 {
                    names.entry(k).or_insert(Entry::Title {
                        canonical: t.canonical.clone(),
                    });
                }
            }
        }
        // Entities win over titles on the same name; earlier files win over later ones.
        let mut seen: BTreeMap<String, ()> = BTreeMap::new();
        for e in &self.entities {
            for a in e.aliases.iter().chain(std::iter::once(&e.canonical)) {
                let k = fold_name(a);
                if k.chars().count() < 2 || seen.contains_key(&k) {
                    continue;
                }
                seen.insert(k.clone(), ());
                names.insert(
                    k,
                    Entry::Entity {
                        canonical: e.canonical.clone(),
                        kind: e.kind.clone(),
                    },
                );
            }
        }
        self.names = names.into_iter().collect();
        let patterns: Vec<&str> = self.names.iter().map(|(k, _)| k.as_str()).collect();
        self.matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .ok();
        let titles: Vec<&str> = self
            .names
            .iter()
            .filter(|(_, e)| matches!(e, Entry::Title { .. }))
            .map(|(k, _)| k.as_str())
            .collect();
        self.title_matcher = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(&titles)
            .ok();
        let mut marks: Vec<char> = self
            .names
            .iter()
            .flat_map(|(k, _)| k.chars())
            .filter(|c| !c.is_alphanumeric())
            .collect();
        marks.sort_unstable();
        marks.dedup();
        self.name_marks = marks;
    }

    /// Does `text` contain a title's name anywhere (a superset of what [`Lexicon::find`]
    /// reports as titles)?
    pub fn has_title_form(&self, text: &str) -> bool {
        self.title_matcher
            .as_ref()
            .is_some_and(|m| m.is_match(text))
    }

    /// Does some name of the lexicon contain `c` (a character that is not alphanumeric)?
    pub fn name_has_char(&self, c: char) -> bool {
        c.is_alphanumeric() || self.name_marks.binary_search(&c).is_ok()
    }

    /// Every known name in `text` (normalized), leftmost-longest, not inside a Latin word.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let Some(m) = &self.matcher else {
            return vec![];
        };
        let bytes = text.as_bytes();
        m.find_iter(text)
            .filter(|hit| {
                // A Latin name must not be part of a longer Latin word ("AMD" in "AMDX").
                let first = bytes[hit.start()];
                let last = bytes[hit.end() - 1];
                let before = hit.start() > 0 && bytes[hit.start() - 1].is_ascii_alphanumeric();
                let after = hit.end() < bytes.len() && bytes[hit.end()].is_ascii_alphanumeric();
                !((first.is_ascii_alphanumeric() && before)
                    || (last.is_ascii_alphanumeric() && after))
            })
            .map(|hit| NameMatch {
                start: hit.start(),
                end: hit.end(),
                entry: self.names[hit.pattern().as_usize()].1.clone(),
            })
            .collect()
    }

    /// The broader title of a title, if any.
    pub fn broader_title(&self, canonical: &str) -> Option<&str> {
        self.titles
            .iter()
            .find(|t| t.canonical == canonical)
            .and_then(|t| t.broader.as_deref())
    }

    /// The canonical entity for a folded name, if the lexicon knows it.
    pub fn canonical_of(&self, name: &str) -> Option<(String, String)> {
        let k = fold_name(name);
        self.names.iter().find_map(|(n, e)| match e {
            Entry::Entity { canonical, kind } if n.eq_ignore_ascii_case(&k) => {
                Some((canonical.clone(), kind.clone()))
            }
            _ => None,
        })
    }
}

/// Parse one YAML data file; a problem (naming the file and the place) when it does not
/// load.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(
    file: &DataFile,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match yamlio::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            problems.push(Problem {
                path: file.path.clone(),
                span: e.offset.map(|o| crate::model::Span::new(o, o + 1)),
                severity: Severity::Error,
                message: e.message,
            });
            None
        }
    }
}
