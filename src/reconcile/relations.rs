//! Attributes with polarity and set-valued relations (`attribute:<id>` and `relation:<id>`
//! claims of `extract::relations`).
//!
//! - **Attributes**: claims of one subject, attribute and region. Yes against no from two
//!   independent sources whose as-of times overlap is a `conflict` (warning); at different
//!   times a `change` (info). One value in two documents is an `agree` alignment.
//! - **Relations**: each document's set of members (owners, partners, symbols on one
//!   exchange) for one subject and relation. Equal sets agree; a strict subset, or the same
//!   set said more specifically (`extent: whole`: wholly owned), is `narrower` (info);
//!   disjoint sets of a `closed` relation (an owner against "independent") and two values of a
//!   `single` one are a `conflict` (warning) at one time and a `change` (info) at two; the
//!   members of an `open` relation (partners) are only ever narrower. Two symbols of which one
//!   extends the other (share classes: GOOG, GOOGL) are not disjoint.
//!
//! Claims only possible (a proposal, a plan) are compared only with each other and only for
//! `narrower` (a subsidiary / a wholly owned subsidiary, as proposed); attributes only possible
//! are never compared.

use super::{fingerprint, plural, Context};
use crate::extract::events::timex_days;
use crate::extract::relations::{ATTRIBUTE, RELATION};
use crate::model::{Alignment, Claim, Finding, Severity, Value, ValueSupport};
use std::collections::{BTreeMap, BTreeSet};

fn text(c: &Claim) -> &str {
    match &c.value {
        Value::Text { text } => text,
        _ => "",
    }
}

fn q<'c>(c: &'c Claim, k: &str) -> &'c str {
    c.qualifiers.get(k).map(String::as_str).unwrap_or("")
}

fn days(c: &Claim) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    timex_days(c.qualifiers.get("as_of")?)
}

fn overlap(
    a: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    b: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> bool {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => false,
    }
}

fn canonical(s: &str, canon: &BTreeMap<String, String>) -> String {
    canon.get(s).cloned().unwrap_or_else(|| s.to_string())
}

/// The findings and alignments of attributes and relations.
pub fn reconcile(
    ctx: &Context,
    claims: &[&Claim],
    canon: &BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
    alignments: &mut Vec<Alignment>,
) {
    let mut attrs: BTreeMap<(String, String, String), Vec<&Claim>> = BTreeMap::new();
    let mut rels: BTreeMap<(String, String, String, bool), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        let possible = c.qualifiers.contains_key("modality");
        let subject = canonical(&c.subject, canon);
        if possible && !c.predicate.starts_with(RELATION) {
            continue;
        }
        if c.predicate.starts_with(ATTRIBUTE) && q(c, "compare") == "attribute" {
            attrs
                .entry((c.predicate.clone(), subject, q(c, "region").to_string()))
                .or_default()
                .push(c);
        } else if c.predicate.starts_with(RELATION) && q(c, "compare") == "relation" {
            rels.entry((
                c.predicate.clone(),
                subject,
                q(c, "exchange").to_string(),
                possible,
            ))
            .or_default()
            .push(c);
        }
    }
    for ((predicate, subject, region), group) in &attrs {
        attribute(ctx, predicate, subject, region, group, findings, alignments);
    }
    for ((predicate, subject, exchange, possible), group) in &rels {
        relation(
            ctx, predicate, subject, exchange, *possible, group, canon, findings, alignments,
        );
    }
}

fn source(ctx: &Context, c: &Claim) -> usize {
    ctx.source[ctx.doc_index(&c.doc)]
}

fn table(ctx: &Context, by: &BTreeMap<String, Vec<&Claim>>) -> Vec<ValueSupport> {
    let mut out: Vec<ValueSupport> = by
        .iter()
        .map(|(value, cs)| ValueSupport {
            support: ctx.support(cs),
            claims: cs.iter().map(|c| c.id.clone()).collect(),
            as_of: cs
                .iter()
                .filter_map(|c| c.qualifiers.get("as_of").cloned())
                .min(),
            value: value.clone(),
        })
        .collect();
    out.sort_by(|a, b| a.as_of.cmp(&b.as_of).then(a.value.cmp(&b.value)));
    out
}

fn summary(values: &[ValueSupport]) -> String {
    values
        .iter()
        .map(|v| {
            format!(
                "{} ({} {}, as of {})",
                v.value,
                v.support,
                plural(v.support),
                v.as_of.as_deref().unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join(" vs ")
}

fn ids(cs: &[&Claim]) -> Vec<String> {
    let mut v: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
    v.sort();
    v.dedup();
    v
}

#[allow(clippy::too_many_arguments)]
fn attribute(
    ctx: &Context,
    predicate: &str,
    subject: &str,
    region: &str,
    group: &[&Claim],
    findings: &mut Vec<Finding>,
    alignments: &mut Vec<Alignment>,
) {
    let docs: BTreeSet<&str> = group.iter().map(|c| c.doc.as_str()).collect();
    if docs.len() < 2 {
        return;
    }
    let what = predicate.trim_start_matches(ATTRIBUTE);
    let what = if region.is_empty() {
        what.to_string()
    } else {
        format!("{what} in {region}")
    };
    let mut by: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in group {
        by.entry(text(c).to_string()).or_default().push(c);
    }
    for (v, cs) in &by {
        let qualifiers = [("value", v.as_str()), ("region", region)]
            .into_iter()
            .filter(|(_, x)| !x.is_empty())
            .map(|(k, x)| (k.to_string(), x.to_string()))
            .collect();
        alignments.extend(super::agreement(
            ctx,
            subject,
            predicate,
            qualifiers,
            cs,
            ids(cs),
            |c| c.text.trim().to_string(),
        ));
    }
    let (Some(yes), Some(no)) = (by.get("yes"), by.get("no")) else {
        return;
    };
    let mut at_once = false;
    let mut apart = false;
    for a in yes {
        for b in no {
            if source(ctx, a) == source(ctx, b) {
                continue;
            }
            if overlap(days(a), days(b)) {
                at_once = true;
            } else if days(a).is_some() && days(b).is_some() {
                apart = true;
            }
        }
    }
    if !at_once && !apart {
        return;
    }
    let values = table(ctx, &by);
    let all: Vec<&Claim> = group.to_vec();
    let (kind, severity, message) = if at_once {
        (
            "conflict",
            Severity::Warning,
            format!(
                "sources disagree on whether {subject} has {what} at one time: {}",
                summary(&values)
            ),
        )
    } else {
        (
            "change",
            Severity::Info,
            format!(
                "whether {subject} has {what} changed over time: {}",
                summary(&values)
            ),
        )
    };
    findings.push(Finding {
        id: String::new(),
        rule: "attribute".into(),
        kind: kind.into(),
        severity,
        message,
        claims: ids(&all),
        majority: None,
        values,
        fingerprint: fingerprint(&["attribute", kind, predicate, subject, region]),
    });
    alignments.push(Alignment {
        id: String::new(),
        verdict: if at_once { "conflict" } else { "change" }.into(),
        subject: subject.to_string(),
        predicate: predicate.to_string(),
        qualifiers: [("region", region)]
            .into_iter()
            .filter(|(_, x)| !x.is_empty())
            .map(|(k, x)| (k.to_string(), x.to_string()))
            .collect(),
        claims: ids(&all),
        sources: ctx.support(&all),
        values: super::value_table(ctx, &all, |c| text(c).to_string()),
    });
}

/// Do two members overlap? Equal, or (symbols) one extends the other: share classes; or
/// (names) one is the other with more words after it: Hyundai, Hyundai Motor.
fn same_member(a: &str, b: &str, symbols: bool) -> bool {
    let words = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    a == b
        || (symbols && a.len() >= 2 && b.len() >= 2 && (a.starts_with(b) || b.starts_with(a)))
        || (!symbols && (words(a, b) || words(b, a)))
}

/// One document's view of a relation.
struct View<'c> {
    claims: Vec<&'c Claim>,
    members: BTreeSet<String>,
    whole: bool,
    days: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    source: usize,
}

impl View<'_> {
    fn label(&self) -> String {
        let m: Vec<&str> = self.members.iter().map(String::as_str).collect();
        let m = m.join(", ");
        if self.whole {
            format!("{m} (whole)")
        } else {
            m
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn relation(
    ctx: &Context,
    predicate: &str,
    subject: &str,
    exchange: &str,
    possible: bool,
    group: &[&Claim],
    canon: &BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
    alignments: &mut Vec<Alignment>,
) {
    let mut by_doc: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in group {
        by_doc.entry(c.doc.as_str()).or_default().push(c);
    }
    if by_doc.len() < 2 {
        return;
    }
    // Proposals are compared with proposals, and only for how narrowly they are told: two
    // proposals naming different owners may be two proposals.
    let kind_of_values = if possible {
        "open".to_string()
    } else {
        q(group[0], "values").to_string()
    };
    let symbols = predicate.ends_with("ticker-of");
    let views: Vec<View> = by_doc
        .values()
        .map(|cs| View {
            members: cs.iter().map(|c| canonical(text(c), canon)).collect(),
            whole: cs.iter().any(|c| q(c, "extent") == "whole"),
            days: cs.iter().filter_map(|c| days(c)).min(),
            source: source(ctx, cs[0]),
            claims: cs.clone(),
        })
        .collect();
    // Agreements: a member two documents name.
    let mut by_member: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for v in &views {
        for c in &v.claims {
            by_member.entry(text(c)).or_default().push(c);
        }
    }
    for (m, cs) in &by_member {
        alignments.extend(super::agreement(
            ctx,
            subject,
            predicate,
            [
                ("member", m.to_string()),
                ("modality", "possible".to_string()),
            ]
            .into_iter()
            .take(if possible { 2 } else { 1 })
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
            cs,
            ids(cs),
            |c| c.text.trim().to_string(),
        ));
    }
    // Pairs of views from independent sources.
    let (mut conflict, mut change, mut narrower) = (false, false, false);
    for (i, a) in views.iter().enumerate() {
        for b in &views[i + 1..] {
            if a.source == b.source {
                continue;
            }
            let shared = |x: &View, y: &View| {
                x.members
                    .iter()
                    .filter(|m| y.members.iter().any(|n| same_member(m, n, symbols)))
                    .count()
            };
            let (sa, sb) = (shared(a, b), shared(b, a));
            // Equal and subset by the members as written; disjoint only when no member of
            // one overlaps one of the other (a share class overlaps its sibling).
            let inside = |x: &View, y: &View| x.members.is_subset(&y.members);
            // Names that only add words (Hyundai, Hyundai Motor) are the same set.
            let equal = a.members == b.members
                || (!symbols && sa == a.members.len() && sb == b.members.len());
            let subset = !equal && (inside(a, b) || inside(b, a));
            let disjoint = sa == 0 && sb == 0;
            let at_once = overlap(a.days, b.days);
            match kind_of_values.as_str() {
                "single" if !equal => {
                    if at_once {
                        conflict = true;
                    } else {
                        change = true;
                    }
                }
                "closed" if disjoint => {
                    if at_once {
                        conflict = true;
                    } else {
                        change = true;
                    }
                }
                _ => {
                    if subset || (equal && a.whole != b.whole) || (!disjoint && !equal) {
                        narrower = true;
                    }
                }
            }
        }
    }
    let (kind, severity) = if conflict {
        ("conflict", Severity::Warning)
    } else if change {
        ("change", Severity::Info)
    } else if narrower {
        ("narrower", Severity::Info)
    } else {
        return;
    };
    let mut by_label: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for v in &views {
        by_label
            .entry(v.label())
            .or_default()
            .extend(v.claims.iter().copied());
    }
    let values = table(ctx, &by_label);
    let what = predicate.trim_start_matches(RELATION);
    let what = if possible {
        format!("{what} (as proposed)")
    } else {
        what.to_string()
    };
    let what = if exchange.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({exchange})")
    };
    let message = match kind {
        "conflict" => format!(
            "sources disagree on {what} of {subject} at one time: {}",
            summary(&values)
        ),
        "change" => format!(
            "{what} of {subject} changed over time: {}",
            summary(&values)
        ),
        _ => format!(
            "sources name {what} of {subject} more or less narrowly: {}",
            summary(&values)
        ),
    };
    let all: Vec<&Claim> = group.to_vec();
    let labels: Vec<&str> = by_label.keys().map(String::as_str).collect();
    let mut parts = vec!["relation", kind, predicate, subject, exchange];
    if possible {
        parts.push("possible");
    }
    parts.extend(labels);
    findings.push(Finding {
        id: String::new(),
        rule: "relation".into(),
        kind: kind.into(),
        severity,
        message,
        claims: ids(&all),
        majority: None,
        values,
        fingerprint: fingerprint(&parts),
    });
    if kind == "narrower" {
        return;
    }
    alignments.push(Alignment {
        id: String::new(),
        verdict: kind.into(),
        subject: subject.to_string(),
        predicate: predicate.to_string(),
        qualifiers: [("exchange", exchange)]
            .into_iter()
            .filter(|(_, x)| !x.is_empty())
            .map(|(k, x)| (k.to_string(), x.to_string()))
            .collect(),
        claims: ids(&all),
        sources: ctx.support(&all),
        values: super::value_table(ctx, &all, |c| text(c).to_string()),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_classes_are_one_member() {
        assert!(same_member("GOOG", "GOOGL", true));
        assert!(!same_member("GOOG", "GOOGL", false));
        assert!(!same_member("VLM", "KSR", true));
        assert!(same_member("Kestrel", "Kestrel Motor", false));
        assert!(!same_member("Kestrel", "Kestrels", false));
    }
}
