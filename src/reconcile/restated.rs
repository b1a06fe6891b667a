//! Restated figures: one distinctive figure that several sources state, matched by its value.
//!
//! Keyed groups (subject, predicate, qualifiers) compare what the extractor attributed alike.
//! Attribution is the weak link: a sentence that names no company takes its article's main
//! organisation, a bare percent ("closed 8.2 percent higher") has no measure, and a subject
//! read off the nearest name can be wrong. The same figure, written to the same precision in
//! two independent sources of one story, is still one fact: 13.6亿件 and "1.36 billion" items,
//! 49.72亿元 and 49.72亿元. This stage finds such figures by value, then checks that nothing
//! the claims do say sets them apart, and reports each set as an `agree` alignment marked
//! `matched: by-value`. It never reports a conflict: a figure that differs may belong to
//! another fact, and only the keyed groups are sure enough of the fact to call a difference.
//!
//! A pair is one fact when
//! - both values are figures of one kind (count, money in one currency, percent) whose written
//!   figures agree (within just under half the coarser step) and whose intervals agree;
//! - the figure is distinctive: three significant digits or more when one side is a bare
//!   mention (no measure: "8.3 percent" may be a share price as well as a growth); one when
//!   both give the same measure, and a figure of one digit only as written (5,000 and
//!   5000辆; not 1亿 and 6723万);
//! - their measures are equal, or one side is a bare mention;
//! - no role qualifier sets them apart (two periods, two segments, growth against a level …);
//! - their subjects agree: the same entity, an organisation and its parent, or one of them is
//!   only inferred (the article's main organisation stood in, or a bare mention's nearest name).

use super::{compare, Context, NON_KEY_QUALIFIERS};
use crate::model::{Alignment, Claim, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Qualifiers that make two figures of one measure different facts when they differ.
const ROLE_QUALIFIERS: &[&str] = &[
    "period",
    "measure",
    "segment",
    "of",
    "direction",
    "on",
    "scope",
    "per",
];

/// A figure claim, with what matching needs computed once.
struct Figure<'c> {
    claim: &'c Claim,
    /// The value compared: a count without its counted noun.
    value: Value,
    /// `q`, `m:CUR` or `p`: figures of different kinds never match.
    kind: String,
    /// The rank of `kind` among the run's kinds (same order as the strings): compared in
    /// the inner loop instead of the strings.
    kind_id: usize,
    written: f64,
    step: f64,
    /// Significant digits of the written figure (13.6亿 → 3, 9,000 → 1).
    digits: usize,
    /// A bare mention (`mentions-*`): no measure, and a subject that is only the nearest name.
    generic: bool,
    /// The subject is inferred, not read off the claim's own clause.
    weak: bool,
    source: usize,
}

fn figure<'c>(ctx: &Context, c: &'c Claim, weak: &HashSet<&str>) -> Option<Figure<'c>> {
    let (written, step, kind) = match &c.value {
        Value::Quantity {
            written,
            step,
            unit,
            ..
        } => {
            // Durations and multiples compare through their own scales: leave them to the
            // keyed groups. Other units are counted nouns, which the measure already names
            // (9,000人 and 9,000 employees cut).
            if unit
                .as_deref()
                .is_some_and(|u| u == "x" || compare::is_duration(u))
            {
                return None;
            }
            (*written, *step, "q".to_string())
        }
        Value::Money {
            written,
            step,
            currency,
            ..
        } => (
            *written,
            *step,
            format!("m:{}", currency.as_deref().unwrap_or("")),
        ),
        Value::Percent { written, step, .. } => (*written, *step, "p".to_string()),
        _ => return None,
    };
    if !written.is_finite() || written == 0.0 || step <= 0.0 {
        return None;
    }
    let generic = c.predicate.starts_with("mentions-");
    let mut value = c.value.clone();
    if let Value::Quantity { unit, .. } = &mut value {
        *unit = None;
    }
    Some(Figure {
        claim: c,
        value,
        kind,
        kind_id: 0,
        written,
        step,
        digits: super::digits(written).len(),
        generic,
        weak: generic || weak.contains(c.id.as_str()),
        source: ctx.source[ctx.doc_index(&c.doc)],
    })
}

/// Do the written figures agree as written (13.6亿 and 1.36 billion; not 93.5 and 93)?
fn same_written(a: &Figure, b: &Figure) -> bool {
    let tol = 0.49 * a.step.max(b.step) + 1e-9 * a.written.abs().max(b.written.abs());
    (a.written - b.written).abs() <= tol
}

fn qualifiers_agree(a: &Claim, b: &Claim) -> bool {
    ROLE_QUALIFIERS
        .iter()
        .all(|k| match (a.qualifiers.get(*k), b.qualifiers.get(*k)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        })
}

/// Can these two figures be one fact? (Sources are not checked here.)
fn compatible(ctx: &Context, a: &Figure, b: &Figure) -> bool {
    if a.kind_id != b.kind_id || !same_written(a, b) {
        return false;
    }
    let need = match (a.generic, b.generic) {
        (false, false) if a.claim.predicate == b.claim.predicate => 1,
        (false, false) => return false,
        _ => 3,
    };
    if a.digits.min(b.digits) < need {
        return false;
    }
    // A figure of one significant digit is matched only as written, not within its rounding:
    // 超过1亿 is not 6723万, 不到10% is not 10.14%.
    if a.digits.min(b.digits) < 2 && a.written != b.written {
        return false;
    }
    if !qualifiers_agree(a.claim, b.claim) {
        return false;
    }
    let subjects = a.weak
        || b.weak
        || a.claim.subject == b.claim.subject
        || ctx.knowledge.related(&a.claim.subject, &b.claim.subject);
    subjects && compare::agree(&a.value, &b.value) == Some(true)
}

/// Adds the restated-figure alignments of a run to `alignments` (those found so far). `weak`
/// holds the ids of claims whose subject was inferred. A set that an agreement already holds
/// is not repeated; a set that shares claims with one agreement extends it (its claims then
/// agree by value with claims the keyed group did not reach), when every value still agrees.
pub fn extend(
    ctx: &Context,
    claims: &[&Claim],
    weak: &HashSet<&str>,
    alignments: &mut Vec<Alignment>,
) {
    let mut figs: Vec<Figure> = claims
        .iter()
        .filter(|c| c.predicate != "mentions")
        .filter_map(|c| figure(ctx, c, weak))
        .collect();
    // Kinds as ranks (the order of their strings), compared as numbers from here on.
    let kinds: BTreeSet<String> = figs.iter().map(|f| f.kind.clone()).collect();
    let rank: HashMap<&str, usize> = kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    for f in figs.iter_mut() {
        f.kind_id = rank[f.kind.as_str()];
    }
    // Sorted by kind and figure, so that candidates for a match are neighbours.
    figs.sort_by(|a, b| {
        a.kind_id
            .cmp(&b.kind_id)
            .then(a.written.total_cmp(&b.written))
            .then(claim_num(&a.claim.id).cmp(&claim_num(&b.claim.id)))
    });
    // The figures of each kind and step, in the order above (so by written figure): a
    // figure matches the anchor only within half the coarser step of the two, so each
    // bucket is searched over that much, not the whole window (which grows with the run).
    let mut buckets: BTreeMap<(usize, u64), Vec<usize>> = BTreeMap::new();
    for (i, f) in figs.iter().enumerate() {
        buckets
            .entry((f.kind_id, f.step.to_bits()))
            .or_default()
            .push(i);
    }
    let mut by_kind: Vec<Vec<(f64, Vec<usize>)>> = vec![Vec::new(); kinds.len()];
    for ((kind, step), list) in buckets {
        by_kind[kind].push((f64::from_bits(step), list));
    }
    // Anchors: claims with a measure first, then finer figures, then in claim order.
    let mut order: Vec<usize> = (0..figs.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&figs[i], &figs[j]);
        a.generic
            .cmp(&b.generic)
            .then(a.weak.cmp(&b.weak))
            .then(b.digits.cmp(&a.digits))
            .then(claim_num(&a.claim.id).cmp(&claim_num(&b.claim.id)))
    });
    let by_id: HashMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), *c)).collect();
    let mut taken = vec![false; figs.len()];
    let mut added = Vec::new();
    // The agreements holding each claim (indices into `alignments`, in order), kept up to
    // date as agreements grow: no scan of every alignment per set.
    let mut agreeing: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, al) in alignments.iter().enumerate() {
        if al.verdict == "agree" {
            for c in &al.claims {
                if let Some((&id, _)) = by_id.get_key_value(c.as_str()) {
                    agreeing.entry(id).or_default().push(i);
                }
            }
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    for &anchor in &order {
        if taken[anchor] {
            continue;
        }
        let a = &figs[anchor];
        // Neighbours whose written figure can agree: within a quarter of the figure or a step.
        let reach = (a.written.abs() * 0.25).max(a.step);
        let (from, to) = (a.written - reach, a.written + reach);
        // Of those, the ones `same_written` can accept, bucket by bucket (a little wider
        // than its tolerance: the checks below decide).
        candidates.clear();
        for (step, list) in &by_kind[a.kind_id] {
            let tol = (0.49 * a.step.max(*step) + 1e-9 * (a.written.abs() + reach)) * 1.001;
            let (lo, hi) = (a.written - tol, a.written + tol);
            let start = list.partition_point(|&j| figs[j].written < lo);
            for &j in &list[start..] {
                if figs[j].written > hi {
                    break;
                }
                candidates.push(j);
            }
        }
        candidates.sort_unstable();
        let mut set = vec![anchor];
        for &j in &candidates {
            let f = &figs[j];
            // The window of neighbours, as before the buckets.
            if f.written < from || f.written > to {
                continue;
            }
            if j == anchor || taken[j] {
                continue;
            }
            if set.iter().all(|&k| compatible(ctx, &figs[k], f)) {
                set.push(j);
            }
        }
        let sources: BTreeSet<usize> = set.iter().map(|&k| figs[k].source).collect();
        if sources.len() < 2 {
            continue;
        }
        for &k in &set {
            taken[k] = true;
        }
        let ids: BTreeSet<&str> = set.iter().map(|&k| figs[k].claim.id.as_str()).collect();
        let overlapping: Vec<usize> = ids
            .iter()
            .filter_map(|id| agreeing.get(id))
            .flatten()
            .copied()
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        if let [one] = overlapping[..] {
            let held: BTreeSet<&str> = alignments[one].claims.iter().map(String::as_str).collect();
            if ids.is_subset(&held) {
                continue;
            }
            let union: Vec<&Claim> = held
                .union(&ids)
                .filter_map(|id| by_id.get(id).copied())
                .collect();
            if union.len() == held.union(&ids).count() && all_agree(&union) {
                let grown = grow(ctx, &alignments[one], &union);
                alignments[one] = grown;
                for &id in &ids {
                    let holders = agreeing.entry(id).or_default();
                    if !holders.contains(&one) {
                        holders.push(one);
                    }
                }
                continue;
            }
        }
        added.push(alignment(
            ctx,
            &set.iter().map(|&k| &figs[k]).collect::<Vec<_>>(),
        ));
    }
    alignments.extend(added);
}

/// Do all these values agree pairwise?
fn all_agree(claims: &[&Claim]) -> bool {
    claims.iter().enumerate().all(|(i, a)| {
        claims[i + 1..]
            .iter()
            .all(|b| compare::agree(&a.value, &b.value) != Some(false))
    })
}

/// An agreement grown by the claims matched to it by value.
fn grow(ctx: &Context, al: &Alignment, claims: &[&Claim]) -> Alignment {
    let mut ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    ids.sort_by_key(|id| claim_num(id));
    let mut qualifiers = al.qualifiers.clone();
    qualifiers.insert("matched".to_string(), "by-value".to_string());
    Alignment {
        id: String::new(),
        verdict: al.verdict.clone(),
        subject: al.subject.clone(),
        predicate: al.predicate.clone(),
        qualifiers,
        claims: ids,
        sources: ctx.support(claims),
        values: super::value_table(ctx, claims, |c| c.text.trim().to_string()),
    }
}

fn claim_num(id: &str) -> usize {
    id.trim_start_matches('C').parse().unwrap_or(usize::MAX)
}

fn alignment(ctx: &Context, set: &[&Figure]) -> Alignment {
    // Named after its best-attributed claim: one with a measure and a subject of its own.
    let lead = set
        .iter()
        .min_by_key(|f| (f.generic, f.weak, claim_num(&f.claim.id)))
        .map(|f| f.claim)
        .unwrap_or(set[0].claim);
    let mut qualifiers: BTreeMap<String, String> = BTreeMap::new();
    for f in set {
        for (k, v) in &f.claim.qualifiers {
            if ROLE_QUALIFIERS.contains(&k.as_str()) && !NON_KEY_QUALIFIERS.contains(&k.as_str()) {
                qualifiers.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    qualifiers.insert("matched".to_string(), "by-value".to_string());
    let claims: Vec<&Claim> = set.iter().map(|f| f.claim).collect();
    let mut ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    ids.sort_by_key(|id| claim_num(id));
    ids.dedup();
    Alignment {
        id: String::new(),
        verdict: "agree".to_string(),
        subject: lead.subject.clone(),
        predicate: lead.predicate.clone(),
        qualifiers,
        claims: ids,
        sources: ctx.support(&claims),
        values: super::value_table(ctx, &claims, |c| c.text.trim().to_string()),
    }
}
