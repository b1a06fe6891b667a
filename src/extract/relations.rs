//! Attributes with polarity and relations between entities (`rules/lexicon/relations.yaml`).
//!
//! - **Attributes** are yes/no claims `attribute:<id>` ("works offline" yes, "needs a
//!   connection" no; 在欧盟推出 available in the EU). A negation just before a form turns it
//!   over ("does not need a connection" is yes). An attribute marked `region` names the region
//!   of its clause (`region` qualifier) and gives no claim without one.
//! - **Relations** are set-valued claims `relation:<id>` whose value is one member of the set
//!   (the owner, a partner, the outlet that first reported it; `(none)` for "an independent
//!   company"): a cue word and where the subject and the object stand around it
//!   (`subject-cue-object`: "Motional, a unit of Hyundai"; `subject-object-cue`: 甲是乙的子公司;
//!   `object-cue-subject`: 乙旗下的甲). A cue may say how (`extent: whole`: wholly owned).
//! - **Tickers**: a name written with its exchange and symbols (Velmora (NYSE: VLM)) gives
//!   `relation:ticker-of` claims, one per symbol, with the `exchange` qualifier.
//!
//! Every claim is time-varying with an `as_of` (a stated date before the cue in its clause, else
//! the publication date) and `compare=relation` / `compare=attribute`, so the generic groups
//! leave them to `reconcile::relations`; a modal before the cue (will, 计划, proposed, 提议)
//! marks it `modality: possible`.

use super::engine::{Item, ItemVal, Source, MAIN_ORG};
use super::entities::MentionKind;
use super::events::{clauses, dates, within, CueDef, EntryDef, Matcher};
use crate::model::{Claim, Problem, Span, Value};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The rule id of attribute and relation claims.
pub const RULE: &str = "relations";
/// Predicates of attribute claims start with this.
pub const ATTRIBUTE: &str = "attribute:";
/// Predicates of relation claims start with this.
pub const RELATION: &str = "relation:";
/// The subject of a relation about the story itself (first reported by).
pub const STORY: &str = "(story)";
/// The value of "an independent company": no owner.
pub const NONE: &str = "(none)";

/// An example of our own: the text, and the claim it must give.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The value (yes / no for attributes; a member for relations).
    pub value: String,
    #[serde(default)]
    pub subject: Option<String>,
    /// Qualifiers the claim must carry (region, extent, exchange).
    #[serde(default)]
    pub qualifiers: BTreeMap<String, String>,
}

/// A yes/no attribute.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub id: String,
    /// Needs a region in its clause (available in the EU).
    #[serde(default)]
    pub region: bool,
    #[serde(default)]
    pub yes: Vec<String>,
    #[serde(default)]
    pub no: Vec<String>,
    pub examples: Vec<Example>,
}

/// Cue words of a relation, and where subject and object stand around them.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueForms {
    pub forms: Vec<String>,
    /// `subject-cue-object`, `subject-object-cue` or `object-cue-subject`.
    pub order: String,
    #[serde(default)]
    pub extent: Option<String>,
}

/// A relation between entities.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    pub id: String,
    /// `closed` (the set is the whole answer: disjoint sets disagree), `open` (a source names
    /// some members: only a strict subset is reported) or `single` (one value).
    pub values: String,
    /// The subject is the story, not a name (first reported by).
    #[serde(default)]
    pub about_story: bool,
    /// Objects must be news outlets.
    #[serde(default)]
    pub outlets: bool,
    #[serde(default)]
    pub cues: Vec<CueForms>,
    /// Forms that say the set is empty (an independent company).
    #[serde(default)]
    pub none: Vec<String>,
    pub examples: Vec<Example>,
}

/// `rules/lexicon/relations.yaml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationFile {
    #[serde(default)]
    pub negations: Vec<CueDef>,
    #[serde(default)]
    pub modals: Vec<CueDef>,
    #[serde(default)]
    pub regions: Vec<EntryDef>,
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    /// Stock exchanges written before a symbol: (NYSE: VLM).
    #[serde(default)]
    pub exchanges: Vec<EntryDef>,
    /// Owner pronouns right before an owner cue (its subsidiary, 其子公司): the owner is the
    /// nearest other name before them in the sentence, else the previous sentence's first.
    #[serde(default)]
    pub pronouns: Vec<CueDef>,
    /// Words that tie a name to an owner phrase after it (Y是X旗下子公司, 将Y纳为其子公司,
    /// "Y became a Kestrel subsidiary"): the name is the owned one.
    #[serde(default)]
    pub links: Vec<CueDef>,
}

/// What a relation cue form stands for.
#[derive(Debug, Clone)]
struct CueRef {
    relation: usize,
    /// `None`: a form of the empty set.
    cue: Option<usize>,
}

/// The loaded lexicon.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub file: RelationFile,
    /// Per pattern: (attribute, polarity).
    attr_of: Vec<(usize, bool)>,
    attributes: Option<Matcher>,
    cue_of: Vec<CueRef>,
    cues: Option<Matcher>,
    regions: Option<Matcher>,
    negations: Option<Matcher>,
    modals: Option<Matcher>,
    pronouns: Option<Matcher>,
    links: Option<Matcher>,
    ticker: Option<Regex>,
    /// Exchange form (lower case) → exchange id.
    exchange_of: BTreeMap<String, String>,
}

fn cue_matcher(cues: &[CueDef]) -> Option<Matcher> {
    let mut forms = vec![];
    for c in cues {
        forms.extend(
            c.forms
                .iter()
                .map(|f| (super::lexicon::fold_name(f), Some(0))),
        );
        forms.extend(
            c.except
                .iter()
                .map(|f| (super::lexicon::fold_name(f), None)),
        );
    }
    if forms.is_empty() {
        None
    } else {
        Matcher::new(&forms)
    }
}

impl Relations {
    /// Load relation lexicons; files that do not parse become problems.
    pub fn load(files: &[&super::DataFile], problems: &mut Vec<Problem>) -> Relations {
        let mut file = RelationFile::default();
        for f in files {
            if let Some(a) = super::lexicon::parse_yaml::<RelationFile>(f, problems) {
                file.negations.extend(a.negations);
                file.modals.extend(a.modals);
                file.regions.extend(a.regions);
                file.attributes.extend(a.attributes);
                file.relations.extend(a.relations);
                file.exchanges.extend(a.exchanges);
                file.pronouns.extend(a.pronouns);
                file.links.extend(a.links);
            }
        }
        let fold = super::lexicon::fold_name;
        let mut attr_forms = vec![];
        let mut attr_of = vec![];
        for (i, a) in file.attributes.iter().enumerate() {
            for (forms, yes) in [(&a.yes, true), (&a.no, false)] {
                for f in forms {
                    attr_forms.push((fold(f), Some(attr_of.len())));
                    attr_of.push((i, yes));
                }
            }
        }
        let mut cue_forms = vec![];
        let mut cue_of = vec![];
        for (i, r) in file.relations.iter().enumerate() {
            for (k, c) in r.cues.iter().enumerate() {
                for f in &c.forms {
                    cue_forms.push((fold(f), Some(cue_of.len())));
                    cue_of.push(CueRef {
                        relation: i,
                        cue: Some(k),
                    });
                }
            }
            for f in &r.none {
                cue_forms.push((fold(f), Some(cue_of.len())));
                cue_of.push(CueRef {
                    relation: i,
                    cue: None,
                });
            }
        }
        let mut region_forms = vec![];
        for (i, r) in file.regions.iter().enumerate() {
            region_forms.extend(r.forms.iter().map(|f| (fold(f), Some(i))));
        }
        let mut exchange_of = BTreeMap::new();
        let mut alternation = vec![];
        for e in &file.exchanges {
            for f in &e.forms {
                exchange_of.insert(f.to_lowercase(), e.id.clone());
                alternation.push(regex::escape(f));
            }
        }
        alternation.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let ticker = (!alternation.is_empty())
            .then(|| {
                Regex::new(&format!(
                    r"[(（]\s*((?i:{}))\s*[:：]\s*([A-Z0-9][A-Z0-9.]{{0,9}}(?:\s*[,，、/]\s*[A-Z0-9][A-Z0-9.]{{0,9}})*)\s*[)）]",
                    alternation.join("|")
                ))
                .ok()
            })
            .flatten();
        let matcher = |forms: &[(String, Option<usize>)]| {
            if forms.is_empty() {
                None
            } else {
                Matcher::new(forms)
            }
        };
        Relations {
            attributes: matcher(&attr_forms),
            attr_of,
            cues: matcher(&cue_forms),
            cue_of,
            regions: matcher(&region_forms),
            negations: cue_matcher(&file.negations),
            modals: cue_matcher(&file.modals),
            pronouns: cue_matcher(&file.pronouns),
            links: cue_matcher(&file.links),
            ticker,
            exchange_of,
            file,
        }
    }

    /// The attributes and relations whose forms occur in a normalized text (for `factcheck
    /// rules coverage`): (attributes, relations), entry indices.
    pub fn entries_in(&self, text: &str) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let attrs = self
            .attributes
            .as_ref()
            .map(|m| {
                m.find(text)
                    .into_iter()
                    .map(|(_, i)| self.attr_of[i].0)
                    .collect()
            })
            .unwrap_or_default();
        let mut rels: BTreeSet<usize> = self
            .cues
            .as_ref()
            .map(|m| {
                m.find(text)
                    .into_iter()
                    .map(|(_, i)| self.cue_of[i].relation)
                    .collect()
            })
            .unwrap_or_default();
        if let (Some(re), Some(k)) = (
            &self.ticker,
            self.file.relations.iter().position(|r| r.id == "ticker-of"),
        ) {
            if re.is_match(text) {
                rels.insert(k);
            }
        }
        (attrs, rels)
    }
}

fn hits(m: &Option<Matcher>, text: &str) -> Vec<(Range<usize>, usize)> {
    m.as_ref().map(|m| m.find(text)).unwrap_or_default()
}

/// A name of the text that can hold a relation: organisations, products, names of unknown kind
/// (outlets only where asked for; never persons).
struct Name<'i> {
    range: Range<usize>,
    canonical: &'i str,
    outlet: bool,
}

fn names(items: &[Item]) -> Vec<Name<'_>> {
    items
        .iter()
        .filter_map(|it| match &it.val {
            ItemVal::Mention(m)
                if matches!(
                    m.kind,
                    MentionKind::Org
                        | MentionKind::Name
                        | MentionKind::Product
                        | MentionKind::Outlet
                ) =>
            {
                Some(Name {
                    range: it.start..it.end,
                    canonical: m.canonical.as_str(),
                    outlet: m.kind == MentionKind::Outlet,
                })
            }
            _ => None,
        })
        .collect()
}

/// Characters (Han) or words (Latin) between two offsets.
fn gap(text: &str, a: usize, b: usize) -> usize {
    if a >= b {
        return 0;
    }
    let between = &text[a..b];
    if between.is_ascii() {
        between.split_whitespace().count()
    } else {
        between.chars().filter(|c| !c.is_whitespace()).count()
    }
}

/// Only articles, commas or space: "a", "the", "，".
fn filler(s: &str) -> bool {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、'))
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
}

/// An owner phrase read: the owned name, the owner and the span.
struct OwnerPhrase<'n> {
    owned: &'n str,
    owner: &'n str,
    span: Range<usize>,
    /// The owned name follows the phrase (旗下的甲, "its subsidiary Bluelake"): presupposed.
    attributive: bool,
}

/// An `object-cue-subject` cue read around its owner phrase: the owner is the name right
/// before the cue (乙旗下, "a Kestrel subsidiary", "Kestrel's wholly owned subsidiary"), or an
/// owner pronoun (其, its), or — with a link word — nobody written (将甲纳为全资子公司). The owned
/// name follows the phrase, or stands before it tied by a link (甲是乙旗下子公司, 让甲成为其子公司,
/// "making Bluelake its subsidiary"). A pronoun, or an owner not written, stands for the
/// subject: the first other name of the clause, else of the sentence, before it; else `carried`
/// (the previous sentence's first name).
#[allow(clippy::too_many_arguments)]
fn owner_phrase<'n>(
    text: &str,
    names: &[&'n Name<'n>],
    cue: &Range<usize>,
    clause: &Range<usize>,
    before: &dyn Fn(usize, usize) -> Option<&'n &'n Name<'n>>,
    pronouns: &[(Range<usize>, usize)],
    links: &[(Range<usize>, usize)],
    carried: Option<&'n str>,
) -> Option<OwnerPhrase<'n>> {
    let pronoun = pronouns
        .iter()
        .filter(|(p, _)| p.end <= cue.start && filler(&text[p.end..cue.start]))
        .map(|(p, _)| p.clone())
        .max_by_key(|p| p.end);
    // A name right before the cue, or with a possessive (Kestrel's subsidiary), is the owner.
    let named = before(cue.start, 2).filter(|n| {
        let between = text[n.range.end..cue.start]
            .replace("'s", " ")
            .replace("’s", " ")
            .replace('的', " ");
        filler(&between) && pronoun.as_ref().is_none_or(|p| n.range.end > p.end)
    });
    let (owner, start) = match (named, &pronoun) {
        (Some(n), _) => (Some(n.canonical), n.range.start),
        (None, Some(p)) => (None, p.start),
        (None, None) => (None, cue.start),
    };
    let implicit = named.is_none() && pronoun.is_none();
    // The subject: the first other name of the clause before `at`, else of the sentence.
    let antecedent = |owned: &str, at: usize| {
        let other = |n: &&&Name| !n.outlet && n.range.end <= at && n.canonical != owned;
        names
            .iter()
            .filter(other)
            .find(|n| n.range.start >= clause.start)
            .or_else(|| names.iter().find(other))
            .map(|n| n.canonical)
            .or(carried.filter(|c| *c != owned))
    };
    let after = names
        .iter()
        .filter(|n| !n.outlet && n.range.start >= cue.end && gap(text, cue.end, n.range.start) <= 2)
        .min_by_key(|n| n.range.start);
    if let Some(s) = after {
        if implicit {
            return None;
        }
        let owner = owner.or_else(|| antecedent(s.canonical, start))?;
        return Some(OwnerPhrase {
            owned: s.canonical,
            owner,
            span: start..s.range.end,
            attributive: true,
        });
    }
    let o = names
        .iter()
        .filter(|n| !n.outlet && n.range.end <= start)
        .max_by_key(|n| n.range.end)?;
    let linked = links.iter().any(|(l, _)| {
        l.start >= o.range.end
            && l.end <= start
            && filler(&text[o.range.end..l.start])
            && filler(&text[l.end..start])
    });
    // "making Bluelake its subsidiary": the link before the owned name.
    let making = links
        .iter()
        .any(|(l, _)| l.end <= o.range.start && filler(&text[l.end..o.range.start]))
        && filler(&text[o.range.end..start]);
    if !(linked || making) {
        return None;
    }
    let owner = owner.or_else(|| antecedent(o.canonical, o.range.start))?;
    Some(OwnerPhrase {
        owned: o.canonical,
        owner,
        span: o.range.start..cue.end,
        attributive: false,
    })
}

/// Does a cue end within four characters or words before `at`, inside `scope`?
fn cue_before(text: &str, cues: &[(Range<usize>, usize)], scope: &Range<usize>, at: usize) -> bool {
    cues.iter()
        .any(|(r, _)| r.start >= scope.start && r.end <= at && gap(text, r.end, at) <= 4)
}

/// The as-of time of a cue: the nearest date before it in its clause that is not after
/// publication, else the publication date.
fn as_of(
    src: &Source,
    dates: &[super::events::DateAt],
    clause: &Range<usize>,
    at: usize,
    q: &mut BTreeMap<String, String>,
) {
    let stated = dates
        .iter()
        .filter(|d| d.range.start >= clause.start && d.range.end <= at)
        .filter(|d| src.published.is_none_or(|p| d.first <= p))
        .max_by_key(|d| d.range.start);
    match (stated, &src.published_text) {
        (Some(d), _) => {
            q.insert("as_of".into(), d.timex.clone());
            q.insert("as_of_source".into(), "stated".into());
        }
        (None, Some(p)) => {
            q.insert("as_of".into(), p.clone());
            q.insert("as_of_source".into(), "published".into());
        }
        (None, None) => {}
    }
}

fn make_claim(
    src: &Source,
    range: Range<usize>,
    subject: String,
    predicate: String,
    value: String,
    q: BTreeMap<String, String>,
) -> Claim {
    let d = src.norm.decoded_range(range);
    Claim {
        id: String::new(),
        doc: String::new(),
        span: Span::new((src.to_original)(d.start), (src.to_original)(d.end)),
        text: src.decoded[d].to_string(),
        subject,
        predicate,
        value: Value::Text { text: value },
        qualifiers: q,
        rule: RULE.into(),
    }
}

fn base_qualifiers(compare: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("mode".to_string(), "time-varying".to_string()),
        ("compare".to_string(), compare.to_string()),
    ])
}

/// The attribute and relation claims of a document.
pub fn claims(
    src: &Source,
    items: &[Item],
    sentences: &[Range<usize>],
    lex: &super::lexicon::Lexicon,
) -> Vec<Claim> {
    let r = &lex.relations;
    let text = &src.norm.text;
    let attrs = hits(&r.attributes, text);
    let cues = hits(&r.cues, text);
    let tickers: Vec<regex::Captures> = r
        .ticker
        .as_ref()
        .map(|re| re.captures_iter(text).collect())
        .unwrap_or_default();
    if attrs.is_empty() && cues.is_empty() && tickers.is_empty() {
        return vec![];
    }
    let regions = hits(&r.regions, text);
    let negations = hits(&r.negations, text);
    let modals = hits(&r.modals, text);
    let dates = dates(items);
    let all_names = names(items);
    let pronouns = hits(&r.pronouns, text);
    let links = hits(&r.links, text);
    let mut out = vec![];
    // The first name of the previous sentence (of the same paragraph), and where it ended: the
    // owner an owner pronoun at the head of a sentence stands for.
    let mut previous: Option<(&str, usize)> = None;
    for sent in sentences {
        let carried = previous
            .filter(|(_, end)| *end <= sent.start && !text[*end..sent.start].contains("\n\n"))
            .map(|(n, _)| n);
        previous = all_names
            .iter()
            .find(|n| !n.outlet && n.range.start >= sent.start && n.range.end <= sent.end)
            .map(|n| n.canonical)
            .or(carried)
            .map(|n| (n, sent.end));
        let attrs = within(&attrs, sent);
        let cues = within(&cues, sent);
        if attrs.is_empty() && cues.is_empty() {
            continue;
        }
        let names: Vec<&Name> = all_names
            .iter()
            .filter(|n| n.range.start >= sent.start && n.range.end <= sent.end)
            .collect();
        let regions = within(&regions, sent);
        let pronouns = within(&pronouns, sent);
        let links = within(&links, sent);
        let mut seen: BTreeSet<(usize, Option<&str>, String)> = BTreeSet::new();
        let negations = within(&negations, sent);
        let modals = within(&modals, sent);
        let clause_list = clauses(text, sent);
        let clause_of = |at: usize| {
            clause_list
                .iter()
                .position(|c| c.start <= at && at < c.end.max(c.start + 1))
                .unwrap_or(0)
        };
        // A modal before the cue in its clause: a proposal or a plan.
        let possible = |at: usize| {
            let c = &clause_list[clause_of(at).min(clause_list.len().saturating_sub(1))];
            modals
                .iter()
                .any(|(m, _)| m.start >= c.start && m.end <= at)
        };
        let subject_before = |at: usize, outlets: bool| {
            names
                .iter()
                .filter(|n| n.range.end <= at && (outlets || !n.outlet))
                .max_by_key(|n| n.range.end)
        };
        // Attributes.
        for (range, k) in attrs {
            let (attr, mut yes) = r.attr_of[*k];
            let def = &r.file.attributes[attr];
            let Some(clause) = clause_list.get(clause_of(range.start)).cloned() else {
                continue;
            };
            if cue_before(text, negations, &clause, range.start) {
                yes = !yes;
            }
            let mut q = base_qualifiers("attribute");
            as_of(src, &dates, &clause, range.start, &mut q);
            if possible(range.start) {
                q.insert("modality".into(), "possible".into());
            }
            let (subject, from_article) = match subject_before(range.start, false) {
                Some(n) => (n.canonical.to_string(), false),
                None => (MAIN_ORG.to_string(), true),
            };
            if from_article {
                q.insert("subject_from".into(), "article".into());
            }
            let predicate = format!("{ATTRIBUTE}{}", def.id);
            let value = if yes { "yes" } else { "no" }.to_string();
            if !def.region {
                out.push(make_claim(src, range.clone(), subject, predicate, value, q));
                continue;
            }
            // The regions of the clause, and of short clauses after it that only list more
            // (the UK, the EU, Norway).
            let mut scope = vec![clause.clone()];
            for c in clause_list.iter().skip(clause_of(range.start) + 1) {
                if gap(text, c.start, c.end) <= 3
                    && regions.iter().any(|(g, _)| c.contains(&g.start))
                {
                    scope.push(c.clone());
                } else {
                    break;
                }
            }
            let mut seen = BTreeSet::new();
            for (g, i) in regions {
                if !scope.iter().any(|c| c.start <= g.start && g.end <= c.end) {
                    continue;
                }
                let id = &r.file.regions[*i].id;
                if !seen.insert(id.clone()) {
                    continue;
                }
                let mut q = q.clone();
                q.insert("region".into(), id.clone());
                let span = range.start.min(g.start)..range.end.max(g.end);
                out.push(make_claim(
                    src,
                    span,
                    subject.clone(),
                    predicate.clone(),
                    value.clone(),
                    q,
                ));
            }
        }
        // Relations.
        for (range, k) in cues {
            let cref = &r.cue_of[*k];
            let def = &r.file.relations[cref.relation];
            let Some(clause) = clause_list.get(clause_of(range.start)).cloned() else {
                continue;
            };
            let eligible = |n: &&&Name| if def.outlets { n.outlet } else { !n.outlet };
            let after = |at: usize, max: usize| {
                names
                    .iter()
                    .filter(eligible)
                    .filter(|n| n.range.start >= at && gap(text, at, n.range.start) <= max)
                    .min_by_key(|n| n.range.start)
            };
            let before = |at: usize, max: usize| {
                names
                    .iter()
                    .filter(eligible)
                    .filter(|n| n.range.end <= at && gap(text, n.range.end, at) <= max)
                    .max_by_key(|n| n.range.end)
            };
            // An owner phrase before its owned name (旗下的甲, "its subsidiary Bluelake") is
            // presupposed, not proposed: a modal of the clause does not reach it.
            let mut attributive = false;
            let (subject, object, span): (Option<&str>, String, Range<usize>) = match cref.cue {
                None => {
                    let s = subject_before(range.start, false);
                    (
                        s.map(|n| n.canonical),
                        NONE.to_string(),
                        s.map(|n| n.range.start).unwrap_or(range.start)..range.end,
                    )
                }
                Some(c) => {
                    let cue = &def.cues[c];
                    match cue.order.as_str() {
                        "subject-cue-object" => {
                            let Some(o) = after(range.end, 3) else {
                                continue;
                            };
                            // A relation of the story has no subject name to span.
                            let s = subject_before(range.start, false).filter(|_| !def.about_story);
                            (
                                s.map(|n| n.canonical),
                                o.canonical.to_string(),
                                s.map(|n| n.range.start).unwrap_or(range.start)..o.range.end,
                            )
                        }
                        "subject-object-cue" => {
                            let Some(o) = before(range.start, 2) else {
                                continue;
                            };
                            let s =
                                subject_before(o.range.start, false).filter(|_| !def.about_story);
                            // 乙的全资子公司甲: no subject before the owner, the owned name
                            // right after the cue (an owner phrase, presupposed).
                            let next = s
                                .is_none()
                                .then(|| after(range.end, 1))
                                .flatten()
                                .filter(|_| !def.about_story);
                            match next {
                                Some(n) => {
                                    attributive = true;
                                    (
                                        Some(n.canonical),
                                        o.canonical.to_string(),
                                        o.range.start..n.range.end,
                                    )
                                }
                                None => (
                                    s.map(|n| n.canonical),
                                    o.canonical.to_string(),
                                    s.map(|n| n.range.start).unwrap_or(o.range.start)..range.end,
                                ),
                            }
                        }
                        "object-cue-subject" => {
                            match owner_phrase(
                                text, &names, range, &clause, &before, pronouns, links, carried,
                            ) {
                                Some(o) => {
                                    attributive = o.attributive;
                                    (Some(o.owned), o.owner.to_string(), o.span)
                                }
                                None => continue,
                            }
                        }
                        _ => continue,
                    }
                }
            };
            let once = if def.about_story { None } else { subject };
            if subject == Some(object.as_str())
                || !seen.insert((cref.relation, once, object.clone()))
            {
                continue;
            }
            let mut q = base_qualifiers("relation");
            as_of(src, &dates, &clause, range.start, &mut q);
            if !attributive && possible(range.start) {
                q.insert("modality".into(), "possible".into());
            }
            q.insert("values".into(), def.values.clone());
            if let Some(e) = cref.cue.and_then(|c| def.cues[c].extent.clone()) {
                q.insert("extent".into(), e);
            }
            let subject = if def.about_story {
                STORY.to_string()
            } else if let Some(s) = subject {
                s.to_string()
            } else {
                q.insert("subject_from".into(), "article".into());
                MAIN_ORG.to_string()
            };
            out.push(make_claim(
                src,
                span,
                subject,
                format!("{RELATION}{}", def.id),
                object,
                q,
            ));
        }
    }
    // Tickers: the name right before the parenthesis.
    for cap in tickers {
        let (Some(whole), Some(ex), Some(syms)) = (cap.get(0), cap.get(1), cap.get(2)) else {
            continue;
        };
        let Some(name) = all_names
            .iter()
            .filter(|n| !n.outlet && n.range.end <= whole.start())
            .filter(|n| {
                // Right before it, or with a possessive: Alphabet's (NASDAQ: GOOGL).
                let gap = text[n.range.end..whole.start()].trim();
                matches!(gap, "" | "'s" | "’s" | "'" | "’")
            })
            .max_by_key(|n| n.range.end)
        else {
            continue;
        };
        let Some(exchange) = r.exchange_of.get(&ex.as_str().to_lowercase()) else {
            continue;
        };
        let mut q = base_qualifiers("relation");
        q.insert("exchange".into(), exchange.clone());
        let values = r
            .file
            .relations
            .iter()
            .find(|d| d.id == "ticker-of")
            .map(|d| d.values.clone())
            .unwrap_or_else(|| "closed".into());
        q.insert("values".into(), values);
        if let Some(p) = &src.published_text {
            q.insert("as_of".into(), p.clone());
            q.insert("as_of_source".into(), "published".into());
        }
        let mut seen = BTreeSet::new();
        for sym in syms
            .as_str()
            .split([',', '，', '、', '/'])
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
        {
            if seen.insert(sym.clone()) {
                out.push(make_claim(
                    src,
                    name.range.start..whole.end(),
                    name.canonical.to_string(),
                    format!("{RELATION}ticker-of"),
                    sym,
                    q.clone(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_count_words_or_characters() {
        assert_eq!(gap("a unit of  Hyundai", 9, 11), 0);
        assert_eq!(gap("甲是乙的", 0, 6), 2);
        assert_eq!(gap("x the big y", 1, 10), 2);
    }
}
