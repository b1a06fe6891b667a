//! Reconcile: align equivalent claims across documents and decide, per group, whether the
//! sources agree, conflict, differ by a probable typo, or describe a change over time.
//! The model is in `docs/reconciliation.md`.
//!
//! 1. [`sources`]: documents sharing long passages are one independent source.
//! 2. [`names`]: near-identical spellings of one name are a `variant-spelling` finding, and
//!    the minority form is read as the majority form from then on.
//! 3. Claims are grouped by (subject, predicate, qualifiers); [`compare`] decides agreement.
//!    Time-varying predicates ([`timeline`]) give `change` and `stale`, not `conflict`.

pub mod compare;
mod events;
pub mod names;
pub mod relations;
mod restated;
mod snapshots;
pub mod sources;
pub mod timeline;
pub mod weekday;

use crate::extract::engine::display;
use crate::model::{Alignment, Claim, DocumentInfo, Finding, Severity, Value, ValueSupport};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Qualifiers that describe a claim's time or provenance, not which fact it is about.
pub(crate) const NON_KEY_QUALIFIERS: &[&str] = &[
    "as_of",
    "as_of_source",
    "mode",
    "via",
    "compare",
    "subject_from",
    // When in the day a moving figure was quoted: snapshots of one move share a key.
    "moment",
];

/// Everything the reconciler needs besides the claims.
pub struct Context<'a> {
    pub docs: &'a [DocumentInfo],
    pub knowledge: &'a Knowledge,
    /// `source[i]`: the independent source of document `i` (same order as `docs`).
    pub source: Vec<usize>,
    /// Document id → index in `docs` (the first, as a linear search would find).
    pub positions: HashMap<&'a str, usize>,
}

impl<'a> Context<'a> {
    /// A context over `docs`, with the document index built once.
    pub fn new(docs: &'a [DocumentInfo], knowledge: &'a Knowledge, source: Vec<usize>) -> Self {
        let mut positions = HashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            positions.entry(d.id.as_str()).or_insert(i);
        }
        Context {
            docs,
            knowledge,
            source,
            positions,
        }
    }

    pub(crate) fn doc_index(&self, id: &str) -> usize {
        self.positions.get(id).copied().unwrap_or(0)
    }

    /// Independent sources among these claims.
    pub fn support(&self, claims: &[&Claim]) -> usize {
        claims
            .iter()
            .map(|c| self.source[self.doc_index(&c.doc)])
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// What the reconciler knows besides the claims: which organisation is part of which
/// (gazetteer `parent`, and `part-of` claims of the articles).
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    pub parents: BTreeMap<String, String>,
    /// Every name the gazetteer lists (canonical and aliases), folded: the reference forms
    /// of `names::variant_spellings`.
    pub gazetteer: BTreeSet<String>,
}

impl Knowledge {
    /// Is `a` the same as `b` or one of its ancestors (or the reverse)?
    pub fn related(&self, a: &str, b: &str) -> bool {
        self.is_ancestor(a, b) || self.is_ancestor(b, a)
    }

    fn is_ancestor(&self, a: &str, b: &str) -> bool {
        let mut cur = b;
        for _ in 0..8 {
            if cur == a {
                return true;
            }
            match self.parents.get(cur) {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }
}

/// Stable 64-bit FNV-1a, hex: fingerprints must not change between runs or versions.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{h:016x}")
}

/// The key a claim is grouped under.
pub fn group_key(c: &Claim) -> String {
    let q: Vec<String> = c
        .qualifiers
        .iter()
        .filter(|(k, _)| !NON_KEY_QUALIFIERS.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!("{}|{}|{}", c.subject, c.predicate, q.join(","))
}

fn mode(c: &Claim) -> &str {
    c.qualifiers
        .get("mode")
        .map(String::as_str)
        .unwrap_or("single")
}

/// A fact's qualifiers as a reader sees them in a message, " (period Q2, segment cloud)": those
/// that make the fact, without time, provenance or how it was matched (`matched`).
pub fn scope(qualifiers: &BTreeMap<String, String>) -> String {
    let qual: Vec<String> = qualifiers
        .iter()
        .filter(|(k, _)| !NON_KEY_QUALIFIERS.contains(&k.as_str()) && k.as_str() != "matched")
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    if qual.is_empty() {
        String::new()
    } else {
        format!(" ({})", qual.join(", "))
    }
}

/// Values and their support, majority first (ties by value text).
pub fn value_table(
    ctx: &Context,
    claims: &[&Claim],
    label: impl Fn(&Claim) -> String,
) -> Vec<ValueSupport> {
    let mut by: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        by.entry(label(c)).or_default().push(c);
    }
    let mut out: Vec<ValueSupport> = by
        .into_iter()
        .map(|(value, cs)| ValueSupport {
            support: ctx.support(&cs),
            claims: cs.iter().map(|c| c.id.clone()).collect(),
            value,
            as_of: None,
        })
        .collect();
    out.sort_by(|a, b| b.support.cmp(&a.support).then(a.value.cmp(&b.value)));
    out
}

/// The value as people write it: the form most of its claims use (333.79亿元, US$2.4bn), for
/// messages; entities and dates keep their canonical display.
pub fn as_written(claims: &[&Claim]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in claims {
        *counts.entry(c.text.trim()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(t, _)| t.to_string())
        .unwrap_or_default()
}

/// Values grouped by their canonical display, each shown as written.
pub fn written_table(ctx: &Context, claims: &[&Claim]) -> Vec<ValueSupport> {
    let mut by: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        by.entry(display(&c.value)).or_default().push(c);
    }
    let mut out: Vec<ValueSupport> = by
        .into_values()
        .map(|cs| {
            let written = match &cs[0].value {
                Value::Quantity { .. } | Value::Money { .. } | Value::Percent { .. } => {
                    as_written(&cs)
                }
                v => display(v),
            };
            ValueSupport {
                support: ctx.support(&cs),
                claims: cs.iter().map(|c| c.id.clone()).collect(),
                value: written,
                as_of: None,
            }
        })
        .collect();
    out.sort_by(|a, b| b.support.cmp(&a.support).then(a.value.cmp(&b.value)));
    out
}

fn majority(values: &[ValueSupport]) -> Option<String> {
    match values {
        [a, b, ..] if a.support > b.support => Some(a.value.clone()),
        [a] => Some(a.value.clone()),
        _ => None,
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        "source"
    } else {
        "sources"
    }
}

/// What reconciliation gives: the findings, and the alignments (what was compared as one
/// fact, and whether it agreed).
#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    pub findings: Vec<Finding>,
    pub alignments: Vec<Alignment>,
}

/// Reconcile all claims of a run into findings and alignments, in a deterministic order.
pub fn reconcile(
    docs: &[DocumentInfo],
    claims: &[Claim],
    shingles: &[Vec<u64>],
    knowledge: &Knowledge,
) -> Reconciled {
    let ctx = Context::new(
        docs,
        knowledge,
        if shingles.len() == docs.len() {
            sources::source_groups(shingles)
        } else {
            (0..docs.len()).collect()
        },
    );
    let mut findings = Vec::new();
    // 1. Variant spellings, and the map from minority to majority form.
    let (mut spelling, mut canon) = names::variant_spellings(&ctx, claims);
    // Claims of articles that name no subject belong to the story's main entities.
    // The story's main organisation: the organisation most documents mention, else the name.
    let story_org = story_main(claims, &["org"]).or_else(|| story_main(claims, &["org", "name"]));
    if let Some(main) = story_main(claims, &["person"]) {
        canon.insert(crate::extract::engine::MAIN_PERSON.to_string(), main);
    }
    if let Some(main) = &story_org {
        canon.insert(crate::extract::engine::MAIN_ORG.to_string(), main.clone());
    }
    findings.append(&mut spelling);
    findings.append(&mut names::transliteration_variants(&ctx, claims));
    let mut alignments = names::entity_alignments(&ctx, claims, &canon);
    // A subject the sentence did not name is the article's main organisation standing in
    // for the story's: read it as the story's main organisation.
    // So is each article's own main organisation when it is named: the same story, told by
    // another outlet, in another script (泡泡玛特 here, Pop Mart there).
    let doc_main = doc_mains(claims, &["org"]);
    let by_article = |c: &Claim| {
        c.qualifiers.get("subject_from").map(String::as_str) == Some("article")
            || (c.predicate != "mentions" && doc_main.get(c.doc.as_str()) == Some(&c.subject))
    };
    // Claims whose subject was inferred, not read off their own clause: by-value matching
    // (restated figures) does not hold their subject against them.
    let weak: HashSet<&str> = claims
        .iter()
        .filter(|c| {
            by_article(c)
                || c.subject == "(unknown)"
                || c.subject == crate::extract::engine::MAIN_PERSON
                || c.subject == crate::extract::engine::MAIN_ORG
        })
        .map(|c| c.id.as_str())
        .collect();
    // Only the claims that use a minority form are copied (usually a handful).
    let uses_minority = |c: &Claim| {
        (by_article(c) && story_org.as_ref().is_some_and(|o| *o != c.subject))
            || canon.contains_key(&c.subject)
            || matches!(&c.value, Value::Entity { canonical, .. } if canon.contains_key(canonical))
            || c.qualifiers.values().any(|v| canon.contains_key(v))
    };
    let claims: Vec<std::borrow::Cow<Claim>> = claims
        .iter()
        .map(|c| {
            if !uses_minority(c) {
                return std::borrow::Cow::Borrowed(c);
            }
            let mut c = c.clone();
            if by_article(&c) {
                if let Some(o) = &story_org {
                    c.subject = o.clone();
                }
            }
            if let Some(to) = canon.get(&c.subject) {
                c.subject = to.clone();
            }
            if let Value::Entity { canonical, .. } = &mut c.value {
                if let Some(to) = canon.get(canonical) {
                    *canonical = to.clone();
                }
            }
            for v in c.qualifiers.values_mut() {
                if let Some(to) = canon.get(v) {
                    *v = to.clone();
                }
            }
            std::borrow::Cow::Owned(c)
        })
        .collect();
    // 2. Groups.
    let mut groups: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in &claims {
        if c.predicate == "mentions"
            || c.qualifiers.contains_key("compare")
            || c.subject == "(unknown)"
            || c.subject == crate::extract::engine::MAIN_PERSON
            || c.subject == crate::extract::engine::MAIN_ORG
        {
            continue;
        }
        groups.entry(group_key(c)).or_default().push(c.as_ref());
    }
    // Every figure claim of each document, for the headline check.
    let mut by_doc: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in &claims {
        if matches!(c.value, Value::Quantity { .. }) {
            by_doc.entry(c.doc.as_str()).or_default().push(c.as_ref());
        }
    }
    // Each group on its own (in parallel); the results are concatenated in key order, as
    // one loop over the groups would give them.
    let groups: Vec<(&String, &Vec<&Claim>)> = groups.iter().collect();
    let per_group: Vec<(Vec<Finding>, Vec<Alignment>)> = groups
        .par_iter()
        .map(|(key, group)| one_group(&ctx, key, group, &by_doc))
        .collect();
    for (f, a) in per_group {
        findings.extend(f);
        alignments.extend(a);
    }
    let refs: Vec<&Claim> = claims.iter().map(|c| c.as_ref()).collect();
    // The run-wide checks are independent of one another (restated figures read only the
    // keyed groups' alignments): run side by side, appended in the order of one thread.
    let ((restated_alignments, figure), ((weekday, events), relations)) = rayon::join(
        || {
            rayon::join(
                || {
                    restated::extend(&ctx, &refs, &weak, &mut alignments);
                    alignments
                },
                || figure_checks(&ctx, &refs),
            )
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || weekday::findings(&refs),
                        || {
                            let (mut f, mut a) = (Vec::new(), Vec::new());
                            events::reconcile(&ctx, &refs, &canon, &mut f, &mut a);
                            (f, a)
                        },
                    )
                },
                || {
                    let (mut f, mut a) = (Vec::new(), Vec::new());
                    relations::reconcile(&ctx, &refs, &canon, &mut f, &mut a);
                    (f, a)
                },
            )
        },
    );
    let mut alignments = restated_alignments;
    findings.extend(figure);
    findings.extend(weekday);
    findings.extend(events.0);
    alignments.extend(events.1);
    findings.extend(relations.0);
    alignments.extend(relations.1);
    // Deterministic order and ids.
    let num = |id: &str| {
        id.trim_start_matches('C')
            .parse::<usize>()
            .unwrap_or(usize::MAX)
    };
    findings.sort_by(|a, b| {
        let ka = a.claims.iter().map(|c| num(c)).min();
        let kb = b.claims.iter().map(|c| num(c)).min();
        ka.cmp(&kb)
            .then(a.kind.cmp(&b.kind))
            .then(a.fingerprint.cmp(&b.fingerprint))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("F{}", i + 1);
    }
    alignments.sort_by(|a, b| {
        let ka = a.claims.iter().map(|c| num(c)).min();
        let kb = b.claims.iter().map(|c| num(c)).min();
        ka.cmp(&kb)
            .then(a.verdict.cmp(&b.verdict))
            .then(a.claims.cmp(&b.claims))
    });
    for (i, a) in alignments.iter_mut().enumerate() {
        a.id = format!("A{}", i + 1);
    }
    Reconciled {
        findings,
        alignments,
    }
}

/// The findings and alignments of one keyed group (subject, predicate, qualifiers).
fn one_group(
    ctx: &Context,
    key: &str,
    group: &[&Claim],
    by_doc: &BTreeMap<&str, Vec<&Claim>>,
) -> (Vec<Finding>, Vec<Alignment>) {
    let mut findings = Vec::new();
    let mut alignments = Vec::new();
    let docs_in: BTreeSet<&str> = group.iter().map(|c| c.doc.as_str()).collect();
    if docs_in.len() < 2 {
        return (findings, alignments);
    }
    match mode(group[0]) {
        "multi" if snapshots::applies(group[0]) => {
            let (found, aligned) = snapshots::reconcile(ctx, key, group);
            findings.extend(found);
            alignments.extend(aligned);
        }
        "multi" => {}
        "time-varying" => {
            let found = timeline::findings(ctx, key, group);
            alignments.extend(align(ctx, group, !found.is_empty(), "change"));
            findings.extend(found);
        }
        _ => {
            findings.extend(headline_body(ctx, group, by_doc));
            let group = &unambiguous(group);
            let docs_in: BTreeSet<&str> = group.iter().map(|c| c.doc.as_str()).collect();
            if docs_in.len() < 2 {
                return (findings, alignments);
            }
            let found = conflicts(ctx, key, group);
            alignments.extend(align(ctx, group, !found.is_empty(), "conflict"));
            findings.extend(found);
        }
    }
    (findings, alignments)
}

/// An `agree` alignment of claims that state one value, when two documents or more hold
/// them (none otherwise). `claims` are the ids as the caller orders them; `shown` is what the
/// value table shows of each claim.
pub(crate) fn agreement(
    ctx: &Context,
    subject: &str,
    predicate: &str,
    qualifiers: BTreeMap<String, String>,
    cs: &[&Claim],
    claims: Vec<String>,
    shown: impl Fn(&Claim) -> String,
) -> Option<Alignment> {
    let docs: BTreeSet<&str> = cs.iter().map(|c| c.doc.as_str()).collect();
    (docs.len() >= 2).then(|| Alignment {
        id: String::new(),
        verdict: "agree".into(),
        subject: subject.to_string(),
        predicate: predicate.to_string(),
        qualifiers,
        claims,
        sources: ctx.support(cs),
        values: value_table(ctx, cs, shown),
    })
}

/// A headline that contradicts its own article's body on one fact (a single-valued key):
/// the headline's figure agrees with none of the body's, and disagrees with one. A headline
/// claim is one whose text is in the document's title, the first of the document with that
/// text (the title comes first). A warning: the article contradicts itself, whichever is
/// right.
fn headline_body(
    ctx: &Context,
    group: &[&Claim],
    figures: &BTreeMap<&str, Vec<&Claim>>,
) -> Vec<Finding> {
    let mut by_doc: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in group {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    let mut out = vec![];
    for (doc, cs) in by_doc {
        let Some(title) = ctx
            .positions
            .get(doc)
            .and_then(|&i| ctx.docs[i].title.as_deref())
        else {
            continue;
        };
        let Some(head) = cs
            .iter()
            .filter(|c| !c.text.trim().is_empty() && title.contains(c.text.trim()))
            .min_by_key(|c| c.span.start)
        else {
            continue;
        };
        let body: Vec<&&Claim> = cs
            .iter()
            .filter(|c| c.span.start > head.span.start && c.text.trim() != head.text.trim())
            .collect();
        if body.is_empty()
            || body
                .iter()
                .any(|b| compare::agree(&head.value, &b.value) != Some(false))
        {
            continue;
        }
        // The body states the headline's figure itself, under another reading (the frame put
        // it elsewhere): two facts, not a contradiction. Once is the headline repeated above
        // the text, as feeds do.
        let restated = figures.get(doc).map_or(0, |fs| {
            fs.iter()
                .filter(|f| {
                    f.span.start > head.span.start
                        && compare::agree(&head.value, &f.value) == Some(true)
                })
                .count()
        });
        if restated >= 2 {
            continue;
        }
        let b = body[0];
        let values = written_table(ctx, &[head, b]);
        out.push(Finding {
            id: String::new(),
            rule: "headline-body".into(),
            kind: "headline-body".into(),
            severity: Severity::Warning,
            message: format!(
                "the headline says {} of {} is {}, its own article says {}",
                head.predicate,
                head.subject,
                head.text.trim(),
                b.text.trim()
            ),
            claims: vec![head.id.clone(), b.id.clone()],
            majority: None,
            values,
            fingerprint: fingerprint(&[
                "headline-body",
                &head.subject,
                &head.predicate,
                &display(&head.value),
            ]),
        });
    }
    out
}

/// The claims of a group, less those of documents that give the fact two values that
/// disagree: a document stating two growth rates under one key is describing two facts the
/// frame could not tell apart. Of such a document only the values that another document
/// corroborates are kept (they agree, and are shown as agreeing), or that lie within 1 % of
/// another document's value (79.16亿 against 79.17亿: one fact, misprinted in one of them;
/// the document's 7.12亿 is another fact); the others are never compared.
fn unambiguous<'c>(group: &[&'c Claim]) -> Vec<&'c Claim> {
    let mut by_doc: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in group {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    let ambiguous: BTreeSet<&str> = by_doc
        .iter()
        .filter(|(_, cs)| {
            cs.iter().enumerate().any(|(i, a)| {
                cs[i + 1..]
                    .iter()
                    .any(|b| compare::agree(&a.value, &b.value) == Some(false))
            })
        })
        .map(|(d, _)| *d)
        .collect();
    // Of an ambiguous document, only the values another document corroborates stay.
    group
        .iter()
        .filter(|c| {
            !ambiguous.contains(c.doc.as_str())
                || group.iter().any(|o| {
                    o.doc != c.doc
                        && (compare::agree(&c.value, &o.value) == Some(true)
                            || near(&c.value, &o.value))
                })
        })
        .copied()
        .collect()
}

/// The alignments of one compared group: every set of values that agree with one another
/// and come from two documents or more is an `agree` alignment; when the group as a whole
/// disagrees (`differs`), the whole group is one more alignment with that verdict.
fn align(ctx: &Context, group: &[&Claim], differs: bool, verdict: &str) -> Vec<Alignment> {
    // Distinct values (by display), the claims holding each.
    let mut distinct: Vec<(&Value, Vec<&Claim>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for c in group {
        let i = *index.entry(display(&c.value)).or_insert_with(|| {
            distinct.push((&c.value, Vec::new()));
            distinct.len() - 1
        });
        distinct[i].1.push(c);
    }
    // Components of values that agree (union-find over agreeing pairs).
    let n = distinct.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if compare::agree(distinct[i].0, distinct[j].0) == Some(true) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(i);
    }
    let make = |members: &[usize], verdict: &str| -> Option<Alignment> {
        let claims: Vec<&Claim> = members
            .iter()
            .flat_map(|&i| distinct[i].1.iter().copied())
            .collect();
        // Copies of one article agree with themselves: an alignment needs two sources.
        if ctx.support(&claims) < 2 {
            return None;
        }
        // Within one agreeing set, every pair must agree (agreement is not transitive).
        let consistent = members.iter().enumerate().all(|(k, &i)| {
            members[k + 1..]
                .iter()
                .all(|&j| compare::agree(distinct[i].0, distinct[j].0) != Some(false))
        });
        if verdict == "agree" && !consistent {
            return None;
        }
        let mut ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
        ids.sort_by_key(|id| id.trim_start_matches('C').parse::<usize>().unwrap_or(0));
        ids.dedup();
        let c0 = claims[0];
        Some(Alignment {
            id: String::new(),
            verdict: verdict.to_string(),
            subject: c0.subject.clone(),
            predicate: c0.predicate.clone(),
            qualifiers: c0
                .qualifiers
                .iter()
                .filter(|(k, _)| !NON_KEY_QUALIFIERS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            claims: ids,
            sources: ctx.support(&claims),
            values: value_table(ctx, &claims, |c| c.text.trim().to_string()),
        })
    };
    // A component whose values do not all agree pairwise (417.7 and 417.78 both agree with
    // 418) splits into agreeing sets: the best-supported value first, with every value that
    // agrees with it and contradicts none already taken; then the rest, the same way.
    let docs_of = |i: usize| -> usize {
        distinct[i]
            .1
            .iter()
            .map(|c| c.doc.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut sets: Vec<Vec<usize>> = Vec::new();
    for members in components.values() {
        let mut left: Vec<usize> = members.clone();
        left.sort_by_key(|&i| (std::cmp::Reverse(docs_of(i)), i));
        while let Some(&anchor) = left.first() {
            let mut set = vec![anchor];
            for &i in &left[1..] {
                if compare::agree(distinct[anchor].0, distinct[i].0) == Some(true)
                    && set
                        .iter()
                        .all(|&j| compare::agree(distinct[i].0, distinct[j].0) != Some(false))
                {
                    set.push(i);
                }
            }
            left.retain(|i| !set.contains(i));
            set.sort_unstable();
            sets.push(set);
        }
    }
    let mut out: Vec<Alignment> = sets.iter().filter_map(|m| make(m, "agree")).collect();
    if differs {
        let all: Vec<usize> = (0..n).collect();
        out.extend(make(&all, verdict));
    }
    out
}

/// The story's main entity of these kinds: the one most documents mention (then most
/// mentions, then by name).
fn story_main(claims: &[Claim], kinds: &[&str]) -> Option<String> {
    let mut docs: BTreeMap<&str, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.predicate == "mentions") {
        if let Value::Entity {
            canonical, kind, ..
        } = &c.value
        {
            if kinds.contains(&kind.as_str()) {
                let e = docs.entry(canonical.as_str()).or_default();
                e.0.insert(c.doc.as_str());
                e.1 += 1;
            }
        }
    }
    docs.into_iter()
        .max_by(|a, b| {
            (a.1 .0.len(), a.1 .1)
                .cmp(&(b.1 .0.len(), b.1 .1))
                .then(b.0.cmp(a.0))
        })
        .map(|(n, _)| n.to_string())
}

/// Each document's main entity of these kinds: the one it mentions most (then by name), when
/// it is mentioned at least twice.
fn doc_mains<'c>(claims: &'c [Claim], kinds: &[&str]) -> BTreeMap<&'c str, String> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for c in claims.iter().filter(|c| c.predicate == "mentions") {
        if let Value::Entity {
            canonical, kind, ..
        } = &c.value
        {
            if kinds.contains(&kind.as_str()) {
                *counts
                    .entry((c.doc.as_str(), canonical.as_str()))
                    .or_default() += 1;
            }
        }
    }
    let mut best: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
    for ((doc, name), n) in counts {
        let e = best.entry(doc).or_insert((0, name));
        if n > e.0 {
            *e = (n, name);
        }
    }
    best.into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .map(|(d, (_, name))| (d, name.to_string()))
        .collect()
}

/// `conflict` findings in a group of claims of a single-valued predicate.
fn conflicts(ctx: &Context, key: &str, group: &[&Claim]) -> Vec<Finding> {
    // Pairs of distinct values, held by different documents, that disagree (distinct values
    // are few even when claims are many).
    let mut distinct: Vec<(&Value, BTreeSet<&str>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for c in group {
        let k = display(&c.value);
        let i = *index.entry(k).or_insert_with(|| {
            distinct.push((&c.value, BTreeSet::new()));
            distinct.len() - 1
        });
        distinct[i].1.insert(c.doc.as_str());
    }
    let mut disagree = false;
    let mut all_truncated = true;
    let mut all_far = true;
    for (i, (a, da)) in distinct.iter().enumerate() {
        for (b, db) in distinct.iter().skip(i + 1) {
            let different_docs = da.iter().any(|x| db.iter().any(|y| x != y));
            if different_docs && compare::agree(a, b) == Some(false) {
                disagree = true;
                all_truncated &= compare::truncated(a, b);
                all_far &= far_apart(a, b);
            }
        }
    }
    if !disagree {
        return vec![];
    }
    // Many sets of values that disagree with one another are not one fact told many ways
    // but several facts under one key (the revenue of several products, none named): not a
    // conflict.
    if key_collision(ctx, group) {
        return vec![];
    }
    let values = written_table(ctx, group);
    let c0 = group[0];
    let exact = group.iter().all(|c| {
        crate::extract::engine::hedge_of(&c.value)
            .is_none_or(|h| h == crate::extract::recognize::Hedge::Exact)
    });
    let mut severity = if exact {
        Severity::Error
    } else {
        Severity::Warning
    };
    if names_in_two_scripts(group) {
        severity = Severity::Info;
    }
    if all_truncated {
        severity = Severity::Info;
    }
    // Analysts' consensus comes from several providers (LSEG, FactSet, Bloomberg …), each
    // with its own panel: two outlets quoting two of them differ without either being wrong.
    // Worth a note, not an alarm.
    if c0.qualifiers.get("measure").map(String::as_str) == Some("consensus") {
        severity = severity.min(Severity::Info);
    }
    // No sentence names the subject, no value has a second source, and the figures are far
    // apart (a misprint is near its figure: 79.17 / 79.16): the frame has probably put two
    // facts under one key. Worth a look, not an alarm.
    let unnamed = group
        .iter()
        .all(|c| c.qualifiers.get("subject_from").map(String::as_str) == Some("article"));
    if unnamed && values.iter().all(|v| v.support <= 1) && all_far {
        severity = Severity::Info;
    }
    let summary: Vec<String> = values
        .iter()
        .map(|v| format!("{} ({} {})", v.value, v.support, plural(v.support)))
        .collect();
    let scope = scope(&c0.qualifiers);
    let mut ids: Vec<String> = group.iter().map(|c| c.id.clone()).collect();
    ids.dedup();
    // The fingerprint holds the values' canonical forms, not how an outlet wrote them.
    let canonical: BTreeSet<String> = group.iter().map(|c| display(&c.value)).collect();
    let distinct: Vec<&str> = canonical.iter().map(String::as_str).collect();
    let fp = fingerprint(&[&["conflict", key][..], &distinct[..]].concat());
    vec![Finding {
        id: String::new(),
        rule: "conflict".into(),
        kind: "conflict".into(),
        severity,
        message: format!(
            "sources disagree on {} of {}{}: {}{}",
            c0.predicate,
            c0.subject,
            scope,
            summary.join(" vs "),
            if all_truncated {
                " (digits probably cut rather than rounded)"
            } else {
                ""
            }
        ),
        claims: ids,
        majority: majority(&values),
        values,
        fingerprint: fp,
    }]
}

/// Are two figures of one kind within 1 % of each other (relative to the larger)?
fn near(a: &Value, b: &Value) -> bool {
    if std::mem::discriminant(a) != std::mem::discriminant(b) {
        return false;
    }
    match (figure_or_percent(a), figure_or_percent(b)) {
        (Some(x), Some(y)) => {
            let hi = x.abs().max(y.abs());
            hi > 0.0 && (x - y).abs() / hi <= 0.01
        }
        _ => false,
    }
}

/// Are two figures more than a quarter apart (relative to the larger)?
fn far_apart(a: &Value, b: &Value) -> bool {
    match (figure_or_percent(a), figure_or_percent(b)) {
        (Some(x), Some(y)) => {
            let hi = x.abs().max(y.abs());
            hi > 0.0 && (x - y).abs() / hi > 0.25
        }
        _ => false,
    }
}

fn figure_or_percent(v: &Value) -> Option<f64> {
    match v {
        Value::Percent { written, .. } => Some(*written),
        _ => figure(v).map(|(w, _, _)| w),
    }
}

/// Do the claims of a group hold four or more mutually disagreeing values, or three none of
/// which two sources hold? One fact is rarely told so many ways; several facts under one
/// key are.
fn key_collision(ctx: &Context, group: &[&Claim]) -> bool {
    // Exact figures first: an open bound (超过1亿) agrees with every large figure and must not
    // found a cluster that swallows them all.
    let mut ordered: Vec<&Claim> = group.to_vec();
    ordered.sort_by_key(|c| {
        crate::extract::engine::hedge_of(&c.value)
            .is_some_and(|h| h != crate::extract::recognize::Hedge::Exact)
    });
    let mut clusters: Vec<Vec<&Claim>> = vec![];
    for c in ordered {
        match clusters.iter_mut().find(|k| {
            k.iter()
                .all(|m| compare::agree(&m.value, &c.value) != Some(false))
        }) {
            Some(k) => k.push(c),
            None => clusters.push(vec![c]),
        }
    }
    clusters.len() >= 4 || (clusters.len() >= 3 && clusters.iter().all(|k| ctx.support(k) < 2))
}

/// The significant digits of a figure (6,232億 and 6232萬億 both give "6232").
pub(crate) fn digits(v: f64) -> String {
    let s = format!("{:.6e}", v.abs());
    let mantissa = s.split('e').next().unwrap_or("");
    mantissa.replace('.', "").trim_end_matches('0').to_string()
}

/// The figures a value states: its written figure, and both bounds of a range.
fn figures(v: &Value) -> Vec<f64> {
    match v {
        Value::Quantity {
            min,
            max,
            hedge,
            written,
            ..
        } if hedge == "range" => [*min, *max, Some(*written)].into_iter().flatten().collect(),
        Value::Money {
            min, max, hedge, ..
        }
        | Value::Percent {
            min, max, hedge, ..
        } if hedge == "range" => [*min, *max].into_iter().flatten().collect(),
        _ => figure(v).map(|(w, _, _)| vec![w]).unwrap_or_default(),
    }
}

fn figure(v: &Value) -> Option<(f64, f64, &str)> {
    match v {
        Value::Quantity { written, step, .. } => Some((*written, *step, "")),
        Value::Money {
            written,
            step,
            currency,
            ..
        } => Some((*written, *step, currency.as_deref().unwrap_or(""))),
        _ => None,
    }
}

/// Checks over all figures of a subject and measure, whatever their qualifiers:
/// - `unit-error`: the same digits at scales a thousand or more apart (6232萬億 / 6,232億);
/// - `misattributed-figure`: one specific figure given as different measures by different
///   sources (579亿 as the analysts' estimate in some, as the previous value in others).
fn figure_checks(ctx: &Context, claims: &[&Claim]) -> Vec<Finding> {
    let mut by: BTreeMap<(String, String), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if c.predicate == "mentions" || figure(&c.value).is_none() {
            continue;
        }
        by.entry((c.subject.clone(), c.predicate.clone()))
            .or_default()
            .push(c);
    }
    let mut out = vec![];
    for ((subject, predicate), group) in &by {
        // Unit errors: only figures with the same significant digits can be one, so pairs
        // are looked for inside each digits bucket.
        let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
        let mut buckets: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
        // Each claim's figures with their digits, computed once for all pairs.
        let figs: Vec<Vec<(f64, String)>> = group
            .iter()
            .map(|c| {
                figures(&c.value)
                    .into_iter()
                    .map(|v| (v, digits(v)))
                    .collect()
            })
            .collect();
        for (i, fs) in figs.iter().enumerate() {
            for (v, d) in fs {
                if *v > 0.0 && d.len() >= 3 {
                    buckets.entry(d.clone()).or_default().push((i, *v));
                }
            }
        }
        let mut pairs: Vec<(usize, usize, f64, String, f64, f64)> = vec![];
        for (d, entries) in &buckets {
            // The smallest and the largest scale of these digits: one pair per bucket.
            let lo = entries.iter().min_by(|a, b| a.1.total_cmp(&b.1));
            let hi = entries.iter().max_by(|a, b| a.1.total_cmp(&b.1));
            if let (Some(&(ia, va)), Some(&(ib, vb))) = (lo, hi) {
                if vb / va >= 999.0 {
                    pairs.push((ia.min(ib), ia.max(ib), vb / va, d.clone(), va, vb));
                }
            }
        }
        pairs.sort_by_key(|a| (a.0, a.1));
        for (ia, ib, ratio, da, va, vb) in pairs {
            let (a, b) = (group[ia], group[ib]);
            {
                let (sa, sb) = (display(&a.value), display(&b.value));
                if !seen.insert((sa.clone(), sb.clone())) {
                    continue;
                }
                // Both forms, and every figure within 2 % of either (the other sources' own
                // statements of it, in any notation).
                let near = |(v, d): &(f64, String)| {
                    *d == da
                        || (v - va).abs() <= va.abs() * 0.02
                        || (v - vb).abs() <= vb.abs() * 0.02
                };
                // The claims by index (group order), not ids searched for each claim.
                let within: Vec<&Claim> = group
                    .iter()
                    .zip(&figs)
                    .filter(|(_, fs)| fs.iter().any(near))
                    .map(|(c, _)| *c)
                    .collect();
                let ids: Vec<String> = within.iter().map(|c| c.id.clone()).collect();
                let values = value_table(ctx, &within, |c| display(&c.value));
                out.push(Finding {
                    id: String::new(),
                    rule: "unit-error".into(),
                    kind: "unit-error".into(),
                    severity: Severity::Error,
                    message: format!(
                        "{predicate} of {subject}: \"{}\" and \"{}\" have the same digits at scales {:.0} times apart: probably a unit error",
                        a.text, b.text, ratio
                    ),
                    claims: ids,
                    majority: majority(&values),
                    values,
                    fingerprint: fingerprint(&["unit-error", subject, predicate, &da]),
                });
            }
        }
        // One figure, several measures.
        let mut by_fig: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
        for c in group {
            let (v, step, cur) = figure(&c.value).unwrap_or((0.0, 1.0, ""));
            let specific = step > 0.0 && (v / step).abs() >= 100.0;
            if specific {
                by_fig
                    .entry(format!("{}{cur}", crate::extract::engine::fmt_num(v)))
                    .or_default()
                    .push(c);
            }
        }
        for (fig, cs) in by_fig {
            // A company's own forecast and a figure stated without a role are one reading.
            let measure = |c: &Claim| match c.qualifiers.get("measure").map(String::as_str) {
                None | Some("guidance" | "target" | "cap" | "cumulative") => "stated".to_string(),
                Some(m) => m.to_string(),
            };
            let mut docs_by_measure: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
            for c in &cs {
                docs_by_measure
                    .entry(measure(c))
                    .or_default()
                    .insert(c.doc.as_str());
            }
            if docs_by_measure.len() < 2 {
                continue;
            }
            // Different documents must disagree: a document giving both is comparing them.
            let sets: Vec<&BTreeSet<&str>> = docs_by_measure.values().collect();
            let disjoint = sets
                .iter()
                .enumerate()
                .all(|(i, a)| sets.iter().skip(i + 1).all(|b| a.is_disjoint(b)));
            if !disjoint {
                continue;
            }
            let values = value_table(ctx, &cs, |c| {
                format!("{} as {}", display(&c.value), measure(c))
            });
            let summary: Vec<String> = values
                .iter()
                .map(|v| format!("{} ({} {})", v.value, v.support, plural(v.support)))
                .collect();
            out.push(Finding {
                id: String::new(),
                rule: "misattributed-figure".into(),
                kind: "misattributed-figure".into(),
                severity: Severity::Warning,
                message: format!(
                    "{predicate} of {subject}: the same figure is given as different measures: {}",
                    summary.join(" vs ")
                ),
                claims: cs.iter().map(|c| c.id.clone()).collect(),
                majority: majority(&values),
                values,
                fingerprint: fingerprint(&["misattributed-figure", subject, predicate, &fig]),
            });
        }
    }
    out
}

/// Entity values written in two scripts (邵骏 / Jun Shao) that no lexicon or apposition
/// aligned: they may be one name, so a difference between them is only worth a look.
pub fn names_in_two_scripts(group: &[&Claim]) -> bool {
    let mut latin = false;
    let mut han = false;
    for c in group {
        if let Value::Entity { canonical, .. } = &c.value {
            if canonical.is_ascii() {
                latin = true;
            } else {
                han = true;
            }
        }
    }
    latin && han
}
