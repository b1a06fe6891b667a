//! Snapshots of a moving figure: one share-price move quoted by several sources.
//!
//! A price moves all day. Outlets quote it at different moments — at the close, at one
//! point in the session, after hours, "at the time of writing" — and each quote is right
//! for its moment. The claims of one move share a key (subject, direction and horizon: a
//! year-to-date gain is another fact than the day's move); their `moment` qualifier says
//! when each was quoted. They are compared as a reader takes them, by the figure as
//! written ("more than 9%" reads as about 9%, not as anything above 7%):
//!
//! - figures that agree make an `agree` alignment;
//! - figures that differ at one stated moment (both at the close) are a warning: a close
//!   is one figure;
//! - figures that differ otherwise (different moments, or a moment not stated) are an info
//!   note: snapshots of a moving price, reported as one fact (an intraday high quoted as the
//!   day's move). The note lists each figure with its moment, so a reader sees which is
//!   which.
//!
//! Documents published more than a day apart are about different trading days: their
//! quotes are not compared.

use super::{agreement, fingerprint, plural, scope, value_table, Context};
use crate::extract::engine::display;
use crate::model::{Alignment, Claim, Finding, Severity, Value};
use std::collections::BTreeSet;

/// Predicates whose figures are snapshots of something that moves within a day.
pub(super) fn applies(c: &Claim) -> bool {
    c.predicate == "share-price-change"
}

/// The findings and alignments of one key's claims (all from `mode: multi` rules).
pub(super) fn reconcile(
    ctx: &Context,
    key: &str,
    group: &[&Claim],
) -> (Vec<Finding>, Vec<Alignment>) {
    let n = group.len();
    // Pairs compared: different documents of different sources, published within a day.
    let comparable = |a: &Claim, b: &Claim| -> bool {
        if a.doc == b.doc || ctx.support(&[a, b]) < 2 {
            return false;
        }
        let (da, db) = (
            &ctx.docs[ctx.doc_index(&a.doc)],
            &ctx.docs[ctx.doc_index(&b.doc)],
        );
        if let (Some(x), Some(y)) = (day(da.published.as_deref()), day(db.published.as_deref())) {
            if (x - y).abs() > 1 {
                return false;
            }
        }
        true
    };
    let mut agree_pairs: Vec<(usize, usize)> = vec![];
    let mut differ: Vec<(usize, usize)> = vec![];
    for i in 0..n {
        for j in i + 1..n {
            if !comparable(group[i], group[j]) {
                continue;
            }
            match as_read_agree(&group[i].value, &group[j].value) {
                Some(true) => agree_pairs.push((i, j)),
                Some(false) => differ.push((i, j)),
                None => {}
            }
        }
    }
    let mut alignments = vec![];
    // Agreeing sets: claims with one figure as read, held by two documents or more.
    let mut by_value: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for &(i, j) in &agree_pairs {
        for k in [i, j] {
            let v = by_value.entry(read_key(&group[k].value)).or_default();
            if !v.contains(&k) {
                v.push(k);
            }
        }
    }
    for members in by_value.values() {
        let mut cs: Vec<&Claim> = members.iter().map(|&k| group[k]).collect();
        cs.sort_by_key(|c| id_number(&c.id));
        let ids = cs.iter().map(|c| c.id.clone()).collect();
        let c0 = cs[0];
        alignments.extend(agreement(
            ctx,
            &c0.subject,
            &c0.predicate,
            key_qualifiers(c0),
            &cs,
            ids,
            |c| c.text.trim().to_string(),
        ));
    }
    if differ.is_empty() {
        return (vec![], alignments);
    }
    let involved: BTreeSet<usize> = differ.iter().flat_map(|&(i, j)| [i, j]).collect();
    let mut cs: Vec<&Claim> = involved.iter().map(|&k| group[k]).collect();
    cs.sort_by_key(|c| id_number(&c.id));
    let one_moment = differ
        .iter()
        .all(|&(i, j)| moment(group[i]).is_some() && moment(group[i]) == moment(group[j]));
    let fixed = one_moment
        && differ
            .iter()
            .all(|&(i, _)| moment(group[i]) == Some("close"));
    let severity = if fixed {
        Severity::Warning
    } else {
        Severity::Info
    };
    // One row per figure and moment: "8.2%" and "8.2 percent" at the close are one.
    let values = value_table(ctx, &cs, |c| {
        let shown = display(&c.value);
        match moment(c) {
            Some(m) => format!("{shown} ({m})"),
            None => shown,
        }
    });
    let c0 = cs[0];
    let summary: Vec<String> = values
        .iter()
        .map(|v| format!("{} ({} {})", v.value, v.support, plural(v.support)))
        .collect();
    let message = if fixed {
        format!(
            "sources disagree on the close of {} {}{}: {}",
            c0.subject,
            c0.predicate,
            scope(&key_qualifiers(c0)),
            summary.join(" vs ")
        )
    } else {
        format!(
            "snapshots of a moving price quoted as one move of {} {}{}: {} (say when each was quoted)",
            c0.subject,
            c0.predicate,
            scope(&key_qualifiers(c0)),
            summary.join(" vs ")
        )
    };
    let canonical: BTreeSet<String> = cs.iter().map(|c| display(&c.value)).collect();
    let distinct: Vec<&str> = canonical.iter().map(String::as_str).collect();
    let fp = fingerprint(&[&["snapshots", key][..], &distinct[..]].concat());
    let ids: Vec<String> = cs.iter().map(|c| c.id.clone()).collect();
    alignments.push(Alignment {
        id: String::new(),
        verdict: "snapshots".into(),
        subject: c0.subject.clone(),
        predicate: c0.predicate.clone(),
        qualifiers: key_qualifiers(c0),
        claims: ids.clone(),
        sources: ctx.support(&cs),
        values: values.clone(),
    });
    let finding = Finding {
        id: String::new(),
        rule: "snapshots".into(),
        kind: "snapshots".into(),
        severity,
        message,
        claims: ids,
        majority: None,
        values,
        fingerprint: fp,
    };
    (vec![finding], alignments)
}

/// When the claim's figure was quoted (close, intraday, after-hours), if the source says.
fn moment(c: &Claim) -> Option<&str> {
    c.qualifiers.get("moment").map(String::as_str)
}

fn key_qualifiers(c: &Claim) -> std::collections::BTreeMap<String, String> {
    c.qualifiers
        .iter()
        .filter(|(k, _)| !super::NON_KEY_QUALIFIERS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn id_number(id: &str) -> usize {
    id.trim_start_matches('C').parse().unwrap_or(0)
}

/// Days since the epoch of a `YYYY-MM-DD` date (None for a month or no date).
fn day(published: Option<&str>) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(published?, "%Y-%m-%d").ok()?;
    Some(
        d.signed_duration_since(chrono::NaiveDate::default())
            .num_days(),
    )
}

/// The figure as a reader takes it, as a half-open interval: an exact or approximate figure
/// its rounding ("7%" is [6.5, 7.5)); a lower bound the figure up to its next step ("逾9%",
/// "more than 9%" read as 9-point-something, [9, 10), not as anything above 9); an upper
/// bound the step below it ("nearly 12%" is [11, 12)).
fn as_read(v: &Value) -> Option<(f64, f64)> {
    let Value::Percent {
        written,
        step,
        hedge,
        ..
    } = v
    else {
        return None;
    };
    let (w, s) = (*written, step.abs().max(1e-9));
    Some(match hedge.as_str() {
        "more-than" | "at-least" => (w, w + s),
        "nearly" | "less-than" | "at-most" => (w - s, w),
        _ => (w - s / 2.0, w + s / 2.0),
    })
}

fn as_read_agree(a: &Value, b: &Value) -> Option<bool> {
    let ((a0, a1), (b0, b1)) = (as_read(a)?, as_read(b)?);
    let eps = 1e-9 * (a1.abs() + b1.abs() + 1.0);
    Some(a0 < b1 - eps && b0 < a1 - eps)
}

/// The figure as read, as a grouping key.
fn read_key(v: &Value) -> String {
    as_read(v)
        .map(|(lo, hi)| format!("{lo:.6}..{hi:.6}"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(written: f64, step: f64, hedge: &str) -> Value {
        Value::Percent {
            min: Some(written),
            max: None,
            written,
            step,
            hedge: hedge.into(),
        }
    }

    #[test]
    fn figures_are_read_as_written() {
        // "more than 9%" and "more than 7.2%" overlap as bounds, but read as 9 and 7.2.
        assert_eq!(
            as_read_agree(&pct(9.0, 1.0, "more-than"), &pct(7.2, 0.1, "more-than")),
            Some(false)
        );
        // "more than 7%" and "7.2%": 7-point-something holds 7.2.
        assert_eq!(
            as_read_agree(&pct(7.0, 1.0, "more-than"), &pct(7.2, 0.1, "exact")),
            Some(true)
        );
        // "more than 8%" and "more than 9%" are two readings.
        assert_eq!(
            as_read_agree(&pct(8.0, 1.0, "more-than"), &pct(9.0, 1.0, "more-than")),
            Some(false)
        );
        // "8%" and "more than 8%" agree; "nearly 12%" is not 12.3%.
        assert_eq!(
            as_read_agree(&pct(8.0, 1.0, "exact"), &pct(8.0, 1.0, "more-than")),
            Some(true)
        );
        assert_eq!(
            as_read_agree(&pct(12.0, 1.0, "nearly"), &pct(12.3, 0.1, "exact")),
            Some(false)
        );
        assert_eq!(
            as_read_agree(&pct(4.9, 0.1, "exact"), &pct(4.8, 0.1, "exact")),
            Some(false)
        );
    }

    #[test]
    fn days_are_days() {
        assert_eq!(
            day(Some("2026-03-02")).unwrap() - day(Some("2026-02-28")).unwrap(),
            2
        );
        assert_eq!(day(Some("2026-03")), None);
    }
}
