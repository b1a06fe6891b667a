//! Comparators per value type: do two values of the same fact agree?
//!
//! - quantities, money, percents: as intervals (hedges give open or one-sided intervals,
//!   the written precision gives a rounding tolerance: 333.79亿 and 334亿 agree);
//! - dates: by precision (2月6日 agrees with 2025年2月; a month's `late` part with its days);
//! - entities: by canonical name.

use crate::model::Value;

/// The interval a quantity-like value admits: an exact figure ± just under half its written
/// step; a hedged one its bounds (open where the hedge is one-sided), widened the same way.
fn interval(v: &Value) -> Option<(f64, f64)> {
    let (min, max, written, step, hedge) = match v {
        Value::Quantity {
            min,
            max,
            written,
            step,
            hedge,
            ..
        }
        | Value::Money {
            min,
            max,
            written,
            step,
            hedge,
            ..
        }
        | Value::Percent {
            min,
            max,
            written,
            step,
            hedge,
            ..
        } => (*min, *max, *written, *step, hedge.as_str()),
        _ => return None,
    };
    // Just under half a step: 79.17 and 79.16 are two figures, 334 and 333.79 one.
    let tol = step.abs() * 0.49 + written.abs() * 1e-9;
    if hedge == "exact" {
        return Some((written - tol, written + tol));
    }
    // A stated bound is the figure itself, not the figure rounded: 超过1亿 is not 6700万,
    // whatever the precision of "1亿" (a sliver of slack keeps 超过5万 and 5万 together).
    let tol = if matches!(
        hedge,
        "more-than" | "at-least" | "less-than" | "at-most" | "vague"
    ) {
        tol.min(written.abs() * 0.02)
    } else {
        tol
    };
    Some((
        min.map(|m| m - tol).unwrap_or(f64::NEG_INFINITY),
        max.map(|m| m + tol).unwrap_or(f64::INFINITY),
    ))
}

/// Is the finer of two exact figures the coarser one truncated rather than rounded (33.68%
/// written 33.6%, 171.73亿 written 17.1 billion)? Writers often cut digits; that is worth a
/// note, not an alarm.
pub fn truncated(a: &Value, b: &Value) -> bool {
    let exact = |v: &Value| matches!(v, Value::Quantity { hedge, .. } | Value::Money { hedge, .. } | Value::Percent { hedge, .. } if hedge == "exact");
    if !exact(a) || !exact(b) || !same_measure(a, b) {
        return false;
    }
    let fig = |v: &Value| match v {
        Value::Quantity { written, step, .. }
        | Value::Money { written, step, .. }
        | Value::Percent { written, step, .. } => (*written, *step),
        _ => (0.0, 0.0),
    };
    let ((wa, sa), (wb, sb)) = (fig(a), fig(b));
    let ((coarse, step), fine) = if sa >= sb {
        ((wa, sa), wb)
    } else {
        ((wb, sb), wa)
    };
    let eps = step * 1e-6;
    step > 0.0 && fine >= coarse - eps && fine < coarse + step - eps
}

/// A unit's scale to a common base (durations in months), or None when it is not a duration.
fn duration_scale(unit: &str) -> Option<f64> {
    let u = unit.split_whitespace().next()?;
    Some(match u {
        "day" => 1.0 / 30.0,
        "week" => 7.0 / 30.0,
        "month" => 1.0,
        "quarter" => 3.0,
        "year" => 12.0,
        _ => return None,
    })
}

/// Is this unit a duration (day, week, month, quarter, year)?
pub fn is_duration(unit: &str) -> bool {
    duration_scale(unit).is_some()
}

fn scaled(v: &Value) -> Option<(f64, f64)> {
    let (lo, hi) = interval(v)?;
    // A growth written as a multiple (增长2.42倍) is that many hundred percent.
    if let Value::Quantity { unit: Some(u), .. } = v {
        if u == "x" {
            return Some((lo * 100.0, hi * 100.0));
        }
    }
    if let Value::Quantity { unit: Some(u), .. } = v {
        if let Some(s) = duration_scale(u) {
            return Some((lo * s, hi * s));
        }
    }
    Some((lo, hi))
}

/// Are two units comparable? (Missing units compare with anything.)
fn same_measure(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Quantity { unit: ua, .. }, Value::Quantity { unit: ub, .. }) => match (ua, ub) {
            (Some(x), Some(y)) => {
                x == y || (duration_scale(x).is_some() && duration_scale(y).is_some())
            }
            _ => true,
        },
        (Value::Money { currency: ca, .. }, Value::Money { currency: cb, .. }) => {
            ca.is_none() || cb.is_none() || ca == cb
        }
        (Value::Percent { .. }, Value::Percent { .. }) => true,
        (Value::Percent { .. }, Value::Quantity { unit: Some(u), .. })
        | (Value::Quantity { unit: Some(u), .. }, Value::Percent { .. }) => u == "x",
        (Value::Date { .. }, Value::Date { .. }) => true,
        (Value::Entity { .. }, Value::Entity { .. }) => true,
        (Value::Text { .. }, Value::Text { .. }) => true,
        _ => false,
    }
}

/// Parts of a date value: (year, month, day), None where unknown (`XXXX`); a quarter
/// (`2024-Q4`) or a half (`2026-H1`) as its first and last month.
fn date_parts(s: &str) -> (Option<i32>, Option<(u32, u32)>, Option<u32>) {
    let mut it = s.split('-');
    let y = it.next().and_then(|y| y.parse().ok());
    let m = it.next().and_then(|m| {
        if let Some(q) = m.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
            Some((3 * q - 2, 3 * q))
        } else if let Some(h) = m.strip_prefix('H').and_then(|h| h.parse::<u32>().ok()) {
            Some((6 * h - 5, 6 * h))
        } else {
            m.parse().ok().map(|m| (m, m))
        }
    });
    let d = it.next().and_then(|d| d.parse().ok());
    (y, m, d)
}

fn part_days(part: Option<&str>) -> (u32, u32) {
    match part {
        Some("early") => (1, 10),
        Some("mid") => (11, 20),
        Some("late") => (21, 31),
        _ => (1, 31),
    }
}

/// The days a date value admits, as `month * 100 + day` within its year: a day itself; a
/// month's days, or its part's (early 1–10, mid 11–20, late 21–31); a year's months, or its
/// part's (early: Q1, mid: April–September, late: Q4). "before X" (`before`) ends before X
/// begins, "by X" (`by`, `by-mid` …) at X's end; both are open below (`None`).
fn date_days(value: &str, part: Option<&str>) -> (Option<i32>, Option<u32>, u32) {
    let (y, m, d) = date_parts(value);
    let (bound, part) = match part {
        Some("before") => (Some("before"), None),
        Some("by") => (Some("by"), None),
        Some(p) => match p.strip_prefix("by-") {
            Some(q) => (Some("by"), Some(q)),
            None => (None, Some(p)),
        },
        None => (None, None),
    };
    let (lo, hi) = match (m, d) {
        (Some((m1, _)), Some(d)) => (m1 * 100 + d, m1 * 100 + d),
        (Some((m1, m2)), None) => {
            let (d1, d2) = if m1 == m2 { part_days(part) } else { (1, 31) };
            (m1 * 100 + d1, m2 * 100 + d2)
        }
        (None, _) => match part {
            Some("late") => (1001, 1231),
            Some("early") => (101, 331),
            Some("mid") => (401, 930),
            _ => (101, 1231),
        },
    };
    match bound {
        Some("before") => (y, None, lo.saturating_sub(1)),
        Some(_) => (y, None, hi),
        None => (y, Some(lo), hi),
    }
}

fn dates_agree(a: &Value, b: &Value) -> bool {
    let (
        Value::Date {
            value: va,
            part: pa,
            ..
        },
        Value::Date {
            value: vb,
            part: pb,
            ..
        },
    ) = (a, b)
    else {
        return false;
    };
    let (ya, la, ha) = date_days(va, pa.as_deref());
    let (yb, lb, hb) = date_days(vb, pb.as_deref());
    // Days of the year, on one line across years when both years are known; else within
    // one (unknown) year.
    let key = |y: Option<i32>, md: u32| match (ya, yb) {
        (Some(_), Some(_)) => y.unwrap_or(0) as i64 * 10_000 + md as i64,
        _ => md as i64,
    };
    let lo_a = la.map(|l| key(ya, l)).unwrap_or(i64::MIN);
    let lo_b = lb.map(|l| key(yb, l)).unwrap_or(i64::MIN);
    lo_a <= key(yb, hb) && lo_b <= key(ya, ha)
}

/// Do two values of the same fact agree? `None` when they are not comparable (different
/// measures or units).
pub fn agree(a: &Value, b: &Value) -> Option<bool> {
    if !same_measure(a, b) {
        return None;
    }
    match (a, b) {
        (Value::Date { .. }, Value::Date { .. }) => Some(dates_agree(a, b)),
        (Value::Entity { canonical: x, .. }, Value::Entity { canonical: y, .. }) => Some(
            crate::extract::lexicon::fold_name(x)
                .eq_ignore_ascii_case(&crate::extract::lexicon::fold_name(y)),
        ),
        (Value::Text { text: x }, Value::Text { text: y }) => Some(x == y),
        _ => {
            let (a1, a2) = scaled(a)?;
            let (b1, b2) = scaled(b)?;
            Some(a1 <= b2 && b1 <= a2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(min: Option<f64>, max: Option<f64>, written: f64, step: f64) -> Value {
        let hedge = match (min, max) {
            (Some(a), Some(b)) if (b - a - step).abs() < 1e-9 * b.abs().max(1.0) => "exact",
            (Some(_), None) => "more-than",
            (None, Some(_)) => "less-than",
            _ => "approx",
        };
        Value::Quantity {
            min,
            max,
            written,
            step,
            hedge: hedge.into(),
            unit: None,
        }
    }

    fn date(v: &str, part: Option<&str>) -> Value {
        Value::Date {
            value: v.into(),
            precision: "day".into(),
            part: part.map(str::to_string),
            inferred: false,
        }
    }

    #[test]
    fn hedges_and_rounding() {
        // 五万余 vs 超过5万
        assert_eq!(
            agree(&q(Some(5e4), None, 5e4, 1e4), &q(Some(5e4), None, 5e4, 1e4)),
            Some(true)
        );
        // 4B vs 小于5B
        assert_eq!(
            agree(
                &q(Some(3.5e9), Some(4.5e9), 4e9, 1e9),
                &q(None, Some(5e9), 5e9, 1e9)
            ),
            Some(true)
        );
        // 超过1亿 vs 6700万: a bound is not rounded; 超过20年 vs 20年 still agree.
        assert_eq!(
            agree(
                &q(Some(1e8), None, 1e8, 1e8),
                &q(Some(6.65e7), Some(6.75e7), 6.7e7, 1e6)
            ),
            Some(false)
        );
        assert_eq!(
            agree(
                &q(Some(20.0), None, 20.0, 1.0),
                &q(Some(19.5), Some(20.5), 20.0, 1.0)
            ),
            Some(true)
        );
        // 333.79亿 vs 334亿
        let a = q(Some(333.785e8), Some(333.795e8), 333.79e8, 0.01e8);
        let b = q(Some(333.5e8), Some(334.5e8), 334e8, 1e8);
        assert_eq!(agree(&a, &b), Some(true));
        // 452.03亿 vs 211.02亿
        let c = q(Some(452.025e8), Some(452.035e8), 452.03e8, 0.01e8);
        let d = q(Some(211.015e8), Some(211.025e8), 211.02e8, 0.01e8);
        assert_eq!(agree(&c, &d), Some(false));
    }

    #[test]
    fn dates_by_precision() {
        assert_eq!(
            agree(&date("2025-02-06", None), &date("2025-02", None)),
            Some(true)
        );
        assert_eq!(
            agree(&date("XXXX-02-06", None), &date("2025-02", None)),
            Some(true)
        );
        assert_eq!(
            agree(&date("2024-12", None), &date("2025-01", None)),
            Some(false)
        );
        assert_eq!(
            agree(&date("2016", Some("late")), &date("2016-07", None)),
            Some(false)
        );
        assert_eq!(
            agree(&date("2025-09", Some("late")), &date("2025-09-28", None)),
            Some(true)
        );
        // A month contains its days; mid-month is its middle third.
        assert_eq!(
            agree(&date("2024-12", None), &date("2024-12-23", None)),
            Some(true)
        );
        assert_eq!(
            agree(&date("2025-02", Some("mid")), &date("2025-02-14", None)),
            Some(true)
        );
        assert_eq!(
            agree(&date("2025-02", Some("mid")), &date("2025-02-04", None)),
            Some(false)
        );
        // A quarter contains its months.
        assert_eq!(
            agree(&date("2024-Q4", None), &date("2024-11", None)),
            Some(true)
        );
        assert_eq!(
            agree(&date("2024-Q4", None), &date("2024-08", None)),
            Some(false)
        );
    }

    #[test]
    fn before_and_by_are_open_below() {
        // Before 2026 is not August 2026; by mid-February agrees with mid-February.
        assert_eq!(
            agree(&date("2026", Some("before")), &date("2026-08", None)),
            Some(false)
        );
        assert_eq!(
            agree(&date("2026", Some("before")), &date("2025-11", None)),
            Some(true)
        );
        assert_eq!(
            agree(
                &date("2025-02", Some("by-mid")),
                &date("2025-02", Some("mid"))
            ),
            Some(true)
        );
        assert_eq!(
            agree(
                &date("2025-01", Some("by-late")),
                &date("2025-02", Some("mid"))
            ),
            Some(false)
        );
        assert_eq!(
            agree(
                &date("2025-01", Some("by")),
                &date("2025-02", Some("by-mid"))
            ),
            Some(true)
        );
    }
}
