//! Events and their status (`event:<action>` claims of `extract::events`): one event is one
//! action class whose actors overlap (a claim that names no actor belongs to the story's
//! event of that class). Within an event:
//!
//! - statuses that cannot both hold at one time (called off / still in talks, completed /
//!   undecided), from two independent sources whose as-of times overlap, are a `conflict`
//!   (warning) naming the claims of both; a status only possible (考虑取消, may call off) or
//!   a former plan (原计划) is never half of one;
//! - otherwise different statuses at different times are a `change` (info), each status with
//!   its earliest as-of time (in talks in December, called off in February);
//! - a status two documents or more give is an `agree` alignment, and so is a due date
//!   (`due`: 计划在2月中旬确定方向, "aims to decide by mid-February") two documents give.

use super::{fingerprint, plural, Context};
use crate::extract::events::{timex_days, COMPARE, PREFIX};
use crate::model::{Alignment, Claim, Finding, Severity, Value, ValueSupport};
use std::collections::{BTreeMap, BTreeSet};

/// Where a status stands: still open, done, stopped, or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Open,
    Agreed,
    Done,
    Stopped,
    Denied,
    /// Going again after a suspension.
    Resumed,
}

fn phase(status: &str) -> Phase {
    match status {
        "agreed" => Phase::Agreed,
        "completed" => Phase::Done,
        "cancelled" | "suspended" => Phase::Stopped,
        "denied" => Phase::Denied,
        "resumed" => Phase::Resumed,
        _ => Phase::Open,
    }
}

/// Can two statuses not both hold at one time?
fn incompatible(a: &str, b: &str) -> bool {
    use Phase::*;
    let (pa, pb) = (phase(a), phase(b));
    let pair = |x: Phase, y: Phase| (pa == x && pb == y) || (pa == y && pb == x);
    // An open status next to a completed one is mostly background (after months of talks);
    // only an explicit "not decided" or "not announced" stands against completion.
    let unsettled = |s: &str| s == "undecided" || s == "unconfirmed";
    pair(Stopped, Open)
        || pair(Stopped, Done)
        || (pair(Done, Open) && (unsettled(a) || unsettled(b)))
        || pair(Denied, Agreed)
        || pair(Denied, Done)
        || (pair(Denied, Open) && (a == "in-talks" || b == "in-talks"))
        || (pair(Agreed, Open) && (unsettled(a) || unsettled(b)))
}

/// How far a status got: a later status of higher rank is progress.
fn rank(status: &str) -> u8 {
    match phase(status) {
        Phase::Open => 0,
        Phase::Agreed => 1,
        Phase::Done | Phase::Stopped | Phase::Denied => 2,
        Phase::Resumed => 3,
    }
}

/// Is `later` a step forward from `earlier` (in talks → agreed → completed; open → called
/// off; suspended → resumed)?
fn forward(earlier: &str, later: &str) -> bool {
    earlier != later
        && (rank(later) > rank(earlier) || (earlier == "suspended" && later == "resumed"))
}

fn status(c: &Claim) -> &str {
    match &c.value {
        Value::Text { text } => text,
        _ => "",
    }
}

fn flag(c: &Claim, k: &str) -> bool {
    c.qualifiers.contains_key(k)
}

/// The days of a claim's as-of time.
fn days(c: &Claim) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    timex_days(c.qualifiers.get("as_of")?)
}

fn same_time(a: &Claim, b: &Claim) -> bool {
    match (days(a), days(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => false,
    }
}

/// The actors of a claim, read through the run's name map; empty when it names none.
fn actors(c: &Claim, canon: &BTreeMap<String, String>) -> BTreeSet<String> {
    // A placeholder, or the article's main organisation standing in for a sentence that names
    // none (the reconciler may have replaced the placeholder by the story's organisation).
    if c.subject.starts_with('(')
        || c.qualifiers.get("subject_from").map(String::as_str) == Some("article")
    {
        return BTreeSet::new();
    }
    c.subject
        .split(" + ")
        .map(|a| canon.get(a).cloned().unwrap_or_else(|| a.to_string()))
        .collect()
}

/// The events of a run: findings (`conflict`, `change`) and alignments.
pub fn reconcile(
    ctx: &Context,
    claims: &[&Claim],
    canon: &BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
    alignments: &mut Vec<Alignment>,
) {
    // One action class of one generation: a plan for the next generation is never compared
    // with the current product.
    let mut by_action: BTreeMap<(&str, Option<&str>), Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        if c.predicate.starts_with(PREFIX)
            && c.qualifiers.get("compare").map(String::as_str) == Some(COMPARE)
        {
            let generation = c.qualifiers.get("generation").map(String::as_str);
            by_action
                .entry((c.predicate.as_str(), generation))
                .or_default()
                .push(c);
        }
    }
    for ((predicate, generation), group) in by_action {
        for event in events(&group, canon) {
            let docs: BTreeSet<&str> = event.iter().map(|c| c.doc.as_str()).collect();
            if docs.len() < 2 {
                continue;
            }
            one_event(
                ctx, predicate, generation, &event, canon, findings, alignments,
            );
        }
    }
}

/// Claims of one action class split into events: claims whose actors overlap are one event;
/// a claim with no actor joins the event with the most claims.
fn events<'c>(group: &[&'c Claim], canon: &BTreeMap<String, String>) -> Vec<Vec<&'c Claim>> {
    let sets: Vec<BTreeSet<String>> = group.iter().map(|c| actors(c, canon)).collect();
    let n = group.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Claims sharing an actor: each joins the first claim that names that actor.
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, set) in sets.iter().enumerate() {
        for actor in set {
            let f = *first.entry(actor.as_str()).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, f));
            parent[a] = b;
        }
    }
    let mut named: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut unnamed = vec![];
    for (i, set) in sets.iter().enumerate() {
        if set.is_empty() {
            unnamed.push(i);
        } else {
            let r = root(&mut parent, i);
            named.entry(r).or_default().push(i);
        }
    }
    let mut out: Vec<Vec<usize>> = named.into_values().collect();
    // The largest named event (then the first) takes the unnamed claims.
    match out
        .iter_mut()
        .enumerate()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
    {
        Some((_, e)) => e.extend(unnamed),
        None if !unnamed.is_empty() => out.push(unnamed),
        None => {}
    }
    out.into_iter()
        .map(|mut e| {
            e.sort();
            e.into_iter().map(|i| group[i]).collect()
        })
        .collect()
}

/// The name of an event: its actors (most claims first), else the story's.
fn event_name(event: &[&Claim], canon: &BTreeMap<String, String>) -> String {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for c in event {
        for a in actors(c, canon) {
            *count.entry(a).or_default() += 1;
        }
    }
    let mut names: Vec<(String, usize)> = count.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = names.into_iter().take(2).map(|(n, _)| n).collect();
    // No actor named: the story's organisation that stood in for the articles' sentences.
    let stand_in = event
        .iter()
        .map(|c| c.subject.as_str())
        .filter(|s| !s.starts_with('('))
        .min();
    if top.is_empty() {
        stand_in.unwrap_or("(story)").into()
    } else {
        let mut top = top;
        top.sort();
        top.join(" + ")
    }
}

fn table(ctx: &Context, claims: &[&Claim]) -> Vec<ValueSupport> {
    let mut by: BTreeMap<String, Vec<&Claim>> = BTreeMap::new();
    for c in claims {
        let reported = if flag(c, "attribution") {
            " (reported)"
        } else {
            ""
        };
        by.entry(format!("{}{reported}", status(c)))
            .or_default()
            .push(c);
    }
    let mut out: Vec<ValueSupport> = by
        .into_iter()
        .map(|(value, cs)| ValueSupport {
            support: ctx.support(&cs),
            claims: cs.iter().map(|c| c.id.clone()).collect(),
            as_of: cs
                .iter()
                .filter_map(|c| c.qualifiers.get("as_of").cloned())
                .min(),
            value,
        })
        .collect();
    out.sort_by(|a, b| b.support.cmp(&a.support).then(a.value.cmp(&b.value)));
    out
}

#[allow(clippy::too_many_arguments)]
fn one_event(
    ctx: &Context,
    predicate: &str,
    generation: Option<&str>,
    event: &[&Claim],
    canon: &BTreeMap<String, String>,
    findings: &mut Vec<Finding>,
    alignments: &mut Vec<Alignment>,
) {
    let action = match generation {
        Some(g) => format!("{} ({g} generation)", predicate.trim_start_matches(PREFIX)),
        None => predicate.trim_start_matches(PREFIX).to_string(),
    };
    let name = event_name(event, canon);
    let ids = |cs: &[&Claim]| -> Vec<String> { cs.iter().map(|c| c.id.clone()).collect() };
    // Agreements: one status, two documents or more.
    let mut by_status: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in event {
        by_status.entry(status(c)).or_default().push(c);
    }
    for (s, cs) in &by_status {
        alignments.extend(super::agreement(
            ctx,
            &name,
            predicate,
            BTreeMap::from([("status".to_string(), s.to_string())]),
            cs,
            ids(cs),
            |c| c.text.trim().to_string(),
        ));
    }
    // Due dates: claims that give the event the same due date (by the end of January, in
    // mid-February) agree on its timetable, whatever status word they use.
    let mut by_due: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
    for c in event {
        if let Some(d) = c.qualifiers.get("due") {
            by_due.entry(d.as_str()).or_default().push(c);
        }
    }
    for (d, cs) in &by_due {
        alignments.extend(super::agreement(
            ctx,
            &name,
            predicate,
            BTreeMap::from([("due".to_string(), d.to_string())]),
            cs,
            ids(cs),
            |_| d.to_string(),
        ));
    }
    // Conflicts: incompatible statuses at one time, from different sources, both asserted.
    let asserted = |c: &Claim| !flag(c, "modality") && !flag(c, "former");
    // Pairs are looked for among distinct readings (status, time, source), which are few
    // even when claims are many.
    let source = |c: &Claim| ctx.source[ctx.positions.get(c.doc.as_str()).copied().unwrap_or(0)];
    let mut readings: BTreeMap<(&str, Option<&String>, usize), Vec<usize>> = BTreeMap::new();
    for (i, c) in event.iter().enumerate() {
        if asserted(c) {
            readings
                .entry((status(c), c.qualifiers.get("as_of"), source(c)))
                .or_default()
                .push(i);
        }
    }
    let keys: Vec<_> = readings.iter().collect();
    let mut in_conflict: BTreeSet<usize> = BTreeSet::new();
    for (k, (ka, ia)) in keys.iter().enumerate() {
        for (kb, ib) in keys.iter().skip(k + 1) {
            let (a, b) = (event[ia[0]], event[ib[0]]);
            if ka.2 != kb.2 && same_time(a, b) && incompatible(ka.0, kb.0) {
                in_conflict.extend(ia.iter().chain(ib.iter()).copied());
            }
        }
    }
    let statuses: BTreeSet<&str> = event.iter().map(|c| status(c)).collect();
    let fp_parts = |kind: &str, st: &BTreeSet<&str>| {
        let mut parts: Vec<&str> = vec![kind, predicate, generation.unwrap_or("")];
        parts.extend(st.iter().copied());
        fingerprint(&parts)
    };
    if !in_conflict.is_empty() {
        let cs: Vec<&Claim> = in_conflict.iter().map(|&i| event[i]).collect();
        let values = table(ctx, &cs);
        let st: BTreeSet<&str> = cs.iter().map(|c| status(c)).collect();
        let summary: Vec<String> = values
            .iter()
            .map(|v| format!("{} ({} {})", v.value, v.support, plural(v.support)))
            .collect();
        findings.push(Finding {
            id: String::new(),
            rule: "event-status".into(),
            kind: "conflict".into(),
            severity: Severity::Warning,
            message: format!(
                "sources disagree on where the {action} of {name} stands at one time: {}",
                summary.join(" vs ")
            ),
            claims: ids(&cs),
            majority: None,
            values,
            fingerprint: fp_parts("event-status-conflict", &st),
        });
        alignments.push(Alignment {
            id: String::new(),
            verdict: "conflict".into(),
            subject: name,
            predicate: predicate.to_string(),
            qualifiers: BTreeMap::new(),
            claims: ids(&cs),
            sources: ctx.support(&cs),
            values: super::value_table(ctx, &cs, |c| status(c).to_string()),
        });
        return;
    }
    stale(ctx, predicate, &action, &name, event, findings);
    // A change: different asserted statuses at different times.
    let timed: Vec<&Claim> = event
        .iter()
        .filter(|c| asserted(c) && days(c).is_some())
        .copied()
        .collect();
    let firsts: Vec<&Claim> = readings.values().map(|ix| event[ix[0]]).collect();
    let changes = firsts.iter().enumerate().any(|(i, a)| {
        firsts[i + 1..].iter().any(|b| {
            status(a) != status(b)
                && source(a) != source(b)
                && days(a).is_some()
                && days(b).is_some()
                && !same_time(a, b)
        })
    });
    if !changes {
        return;
    }
    let mut values = table(ctx, &timed);
    values.sort_by(|a, b| a.as_of.cmp(&b.as_of).then(a.value.cmp(&b.value)));
    let summary: Vec<String> = values
        .iter()
        .map(|v| format!("{} as of {}", v.value, v.as_of.as_deref().unwrap_or("?")))
        .collect();
    findings.push(Finding {
        id: String::new(),
        rule: "event-status".into(),
        kind: "change".into(),
        severity: Severity::Info,
        message: format!(
            "the {action} of {name} changed over time: {}",
            summary.join(", then ")
        ),
        claims: ids(&timed),
        majority: None,
        values,
        fingerprint: fp_parts("event-status-change", &statuses),
    });
    alignments.push(Alignment {
        id: String::new(),
        verdict: "change".into(),
        subject: name,
        predicate: predicate.to_string(),
        qualifiers: BTreeMap::new(),
        claims: ids(&timed),
        sources: ctx.support(&timed),
        values: super::value_table(ctx, &timed, |c| status(c).to_string()),
    });
}

/// Stale statuses: a document that gives a status as current at its publication (no stated
/// time) when another source stated a later status (a step forward: agreed after talks,
/// called off, resumed after a suspension) on an earlier day — a status it could have known.
/// A plan's status (a due date) is no later status; a document that itself writes the later
/// status (or one as far along) is not behind. One finding per document, info: a reader may
/// want to date the statement, nothing in it is wrong for its own time.
fn stale(
    ctx: &Context,
    predicate: &str,
    action: &str,
    name: &str,
    event: &[&Claim],
    findings: &mut Vec<Finding>,
) {
    let asserted = |c: &Claim| !flag(c, "modality") && !flag(c, "former");
    let source = |c: &Claim| ctx.source[ctx.doc_index(&c.doc)];
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for c in event {
        if !asserted(c)
            || c.qualifiers.get("as_of_source").map(String::as_str) != Some("published")
            || reported.contains(c.doc.as_str())
        {
            continue;
        }
        let Some((t0, _)) = days(c) else { continue };
        let x = status(c);
        // When the document's status was first stated by anyone.
        let x_first = event
            .iter()
            .filter(|o| status(o) == x && asserted(o))
            .filter_map(|o| days(o).map(|d| d.0))
            .min()
            .unwrap_or(t0);
        let later = event.iter().filter(|o| {
            asserted(o)
                && !flag(o, "due")
                && source(o) != source(c)
                && forward(x, status(o))
                && days(o).is_some_and(|(o0, o1)| o1 < t0 && o0 > x_first)
        });
        // The latest such status, then the first claim.
        let Some(newest) = later.max_by(|a, b| {
            days(a)
                .cmp(&days(b))
                .then(b.id.len().cmp(&a.id.len()))
                .then(b.id.cmp(&a.id))
        }) else {
            continue;
        };
        let y = status(newest);
        let knows = event
            .iter()
            .any(|d| d.doc == c.doc && (status(d) == y || rank(status(d)) >= rank(y)));
        if knows {
            continue;
        }
        reported.insert(c.doc.as_str());
        let since = newest.qualifiers.get("as_of").cloned().unwrap_or_default();
        let at = c.qualifiers.get("as_of").cloned().unwrap_or_default();
        let values = table(ctx, &[c, newest]);
        findings.push(Finding {
            id: String::new(),
            rule: "event-status".into(),
            kind: "stale".into(),
            severity: Severity::Info,
            message: format!(
                "the {action} of {name} is given as {x} on {at}, but another source says it is {y} since {since}"
            ),
            claims: vec![c.id.clone(), newest.id.clone()],
            majority: Some(y.to_string()),
            values,
            fingerprint: fingerprint(&["event-status-stale", predicate, action, x, y]),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopped_and_open_cannot_both_hold() {
        assert!(incompatible("cancelled", "in-talks"));
        assert!(incompatible("undecided", "suspended"));
        assert!(incompatible("completed", "undecided"));
        assert!(!incompatible("completed", "in-talks"));
        assert!(!incompatible("in-talks", "planned"));
        assert!(!incompatible("agreed", "in-talks"));
        assert!(!incompatible("cancelled", "suspended"));
        assert!(!incompatible("suspended", "resumed"));
    }

    #[test]
    fn progress_goes_forward_only() {
        assert!(forward("in-talks", "agreed"));
        assert!(forward("agreed", "completed"));
        assert!(forward("planned", "cancelled"));
        assert!(forward("suspended", "resumed"));
        assert!(!forward("completed", "in-talks"));
        assert!(!forward("in-talks", "planned"));
        assert!(!forward("cancelled", "suspended"));
    }
}
