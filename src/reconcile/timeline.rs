//! Time-varying predicates (affiliation, reports-to, title holders): values carry an as-of
//! time (stated in the sentence, else the article's publication date). Different values at
//! different times are a `change`; an article that, after a change, still states the old
//! value as current is `stale`. Neither is a contradiction.

use super::{fingerprint, plural, value_table, Context};
use crate::extract::engine::display;
use crate::model::{Claim, Finding, Severity};
use std::collections::{BTreeMap, BTreeSet};

/// An as-of time: (year, month, day, order), 0 for unknown parts; `order` is -1 for "just
/// before" that date (a value a sentence says was left: 从X转岗至Y).
type When = (i32, u32, u32, i8);

/// The as-of time of a claim.
fn when(c: &Claim) -> Option<When> {
    let s = c.qualifiers.get("as_of")?;
    let (order, s) = match s.strip_prefix("before ") {
        Some(rest) => (-1, rest),
        None => (0, s.as_str()),
    };
    let mut it = s.split(['-', ' ']);
    let mut y: i32 = it.next()?.parse().ok()?;
    let mut m: u32 = it.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    let d = it.next().and_then(|d| d.parse().ok()).unwrap_or(0);
    if order < 0 {
        // Held until just before that date: place it a month earlier on the timeline.
        if m > 1 {
            m -= 1;
        } else if m == 1 {
            y -= 1;
            m = 12;
        }
    }
    Some((y, m, d, order))
}

fn implicit(c: &Claim) -> bool {
    c.qualifiers
        .get("as_of_source")
        .is_some_and(|s| s == "published")
}

fn show(t: When) -> String {
    // A "before" time was placed a month early on the timeline: show the date as stated.
    let t = if t.3 < 0 {
        match t {
            (y, 12, d, o) => (y + 1, 1, d, o),
            (y, m, d, o) if m > 0 => (y, m + 1, d, o),
            other => other,
        }
    } else {
        t
    };
    let date = match t {
        (y, 0, _, _) => format!("{y:04}"),
        (y, m, 0, _) => format!("{y:04}-{m:02}"),
        (y, m, d, _) => format!("{y:04}-{m:02}-{d:02}"),
    };
    if t.3 < 0 {
        format!("before {date}")
    } else {
        date
    }
}

/// Findings for one group of a time-varying predicate.
pub fn findings(ctx: &Context, key: &str, group: &[&Claim]) -> Vec<Finding> {
    let dated: Vec<(&Claim, When)> = group
        .iter()
        .filter_map(|c| when(c).map(|t| (*c, t)))
        .collect();
    let mut by_value: BTreeMap<String, Vec<(&Claim, When)>> = BTreeMap::new();
    for (c, t) in &dated {
        by_value.entry(display(&c.value)).or_default().push((c, *t));
    }
    if by_value.len() < 2 {
        return vec![];
    }
    // Values that are one organisation and a unit of it are not different.
    let names: Vec<&String> = by_value.keys().collect();
    let all_related = names.iter().enumerate().all(|(i, a)| {
        names
            .iter()
            .skip(i + 1)
            .all(|b| ctx.knowledge.related(a, b))
    });
    if all_related {
        return vec![];
    }
    let c0 = group[0];
    let mut out = vec![];
    // The timeline: each value at its earliest time.
    let mut order: Vec<(String, When)> = by_value
        .iter()
        .map(|(v, cs)| {
            (
                v.clone(),
                cs.iter().map(|(_, t)| *t).min().unwrap_or((0, 0, 0, 0)),
            )
        })
        .collect();
    order.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let first_time = order.first().map(|o| o.1);
    let last_time = order.last().map(|o| o.1);
    let mut values = value_table(ctx, group, |c| display(&c.value));
    for v in values.iter_mut() {
        v.as_of = order.iter().find(|o| o.0 == v.value).map(|o| show(o.1));
    }
    values.sort_by(|a, b| a.as_of.cmp(&b.as_of).then(a.value.cmp(&b.value)));
    let steps: Vec<String> = order
        .iter()
        .map(|(v, t)| {
            let n = values
                .iter()
                .find(|x| &x.value == v)
                .map(|x| x.support)
                .unwrap_or(0);
            format!("{v} (as of {}, {n} {})", show(*t), plural(n))
        })
        .collect();
    let ids: Vec<String> = group.iter().map(|c| c.id.clone()).collect();
    let distinct: Vec<&str> = order.iter().map(|o| o.0.as_str()).collect();
    if first_time == last_time {
        // Different values at the same time: a conflict, softened (time-varying facts).
        out.push(Finding {
            id: String::new(),
            rule: "conflict".into(),
            kind: "conflict".into(),
            severity: if super::names_in_two_scripts(group) {
                Severity::Info
            } else {
                Severity::Warning
            },
            message: format!(
                "sources disagree on {} of {} as of {}: {}",
                c0.predicate,
                c0.subject,
                show(first_time.unwrap_or((0, 0, 0, 0))),
                steps.join(" vs ")
            ),
            claims: ids,
            majority: None,
            values,
            fingerprint: fingerprint(&[&["conflict", key][..], &distinct[..]].concat()),
        });
        return out;
    }
    out.push(Finding {
        id: String::new(),
        rule: "change".into(),
        kind: "change".into(),
        severity: Severity::Info,
        message: format!(
            "{} of {} changed over time: {}",
            c0.predicate,
            c0.subject,
            steps.join(" → ")
        ),
        claims: ids,
        majority: None,
        values: values.clone(),
        fingerprint: fingerprint(&[&["change", key][..], &distinct[..]].concat()),
    });
    // Stale: an article states X as current at its publication date, but other documents
    // say the value became Y earlier than that, after X.
    // The claims in time order (with their display value, computed once), so each article
    // looks back only until the time its own value was first stated.
    let mut timeline: Vec<(When, String, &Claim)> = dated
        .iter()
        .map(|(c, t)| (*t, display(&c.value), *c))
        .collect();
    timeline.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.id.cmp(&b.2.id)));
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for (c, t) in &dated {
        if !implicit(c) {
            continue;
        }
        let x = display(&c.value);
        let x_first = by_value[&x].iter().map(|(_, t)| *t).min().unwrap_or(*t);
        // Walk back from just before the article's time.
        let end = timeline.partition_point(|e| e.0 < *t);
        let mut newer: Vec<(&Claim, When)> = vec![];
        let mut latest: Option<When> = None;
        for (ot, y, o) in timeline[..end].iter().rev() {
            if *ot <= x_first || latest.is_some_and(|l| *ot < l) {
                break;
            }
            if o.doc != c.doc && *y != x && !ctx.knowledge.related(&x, y) {
                latest = Some(*ot);
                newer.push((*o, *ot));
            }
        }
        let Some(latest) = latest else {
            continue;
        };
        // One stale finding per document and value.
        if !reported.insert((c.doc.clone(), x.clone())) {
            continue;
        }
        // The value in force just before the article: the latest change before it.
        let current: Vec<&Claim> = newer
            .iter()
            .filter(|(_, ot)| *ot == latest)
            .map(|(o, _)| *o)
            .collect();
        let y = display(&current[0].value);
        let mut ids: Vec<String> = std::iter::once(c.id.clone())
            .chain(current.iter().map(|o| o.id.clone()))
            .collect();
        ids.dedup();
        out.push(Finding {
            id: String::new(),
            rule: "stale".into(),
            kind: "stale".into(),
            severity: Severity::Warning,
            message: format!(
                "{} of {} given as \"{x}\" on {}, but other sources say it is \"{y}\" since {}",
                c0.predicate,
                c0.subject,
                show(*t),
                show(latest)
            ),
            claims: ids,
            majority: Some(y.clone()),
            values: vec![],
            fingerprint: fingerprint(&["stale", key, &x, &y]),
        });
    }
    out
}
