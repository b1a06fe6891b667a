//! Weekdays written next to a date: 周一（4日）, 2月4日（星期二）, "Monday, Feb. 4",
//! "on Tuesday (Feb 4)". Each pair is a `weekday-of-date` claim: its value is the date
//! (the year from the text, else inferred from the publication date as the recognizers do),
//! its `weekday` qualifier the weekday written, its span both. The reconciler reports a
//! `weekday-mismatch` when the date falls on another day (`reconcile::weekday`). The claims
//! are marked `compare=within-document`: they are not compared across sources.

use super::engine::Source;
use super::recognize::{self, Kind};
use crate::model::{Claim, Value};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::ops::Range;

/// The predicate of a weekday written next to a date.
pub const PREDICATE: &str = "weekday-of-date";

const NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Weekday words in normalized text: (range, 0 = Monday … 6 = Sunday). Chinese 周一,
/// 星期一, 礼拜一 (traditional forms are folded already; after 上/本/下 too: 上周五（1月31日）),
/// not after 每 (a recurring day); English weekday names as whole words.
pub(crate) fn weekdays(text: &str) -> Vec<(Range<usize>, u32)> {
    let mut out = vec![];
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let after_prefix = ["周", "星期", "礼拜"]
            .iter()
            .find(|p| rest.starts_with(**p))
            .map(|p| i + p.len());
        if let Some(k) = after_prefix {
            let before = text[..i].chars().next_back();
            if before == Some('每') {
                continue;
            }
            let d = match text[k..].chars().next() {
                Some('一') => 0,
                Some('二') => 1,
                Some('三') => 2,
                Some('四') => 3,
                Some('五') => 4,
                Some('六') => 5,
                Some('日' | '天') => 6,
                _ => continue,
            };
            out.push((i..k + 3, d));
            continue;
        }
        let prev_alpha = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if prev_alpha || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        for (d, name) in NAMES.iter().enumerate() {
            let n = name.len();
            if rest.len() >= n
                && rest.is_char_boundary(n)
                && rest[..n].eq_ignore_ascii_case(name)
                && !rest[n..].starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                out.push((i..i + n, d as u32));
            }
        }
    }
    out
}

/// Skip what may stand between a weekday and its date: spaces, commas, an opening
/// parenthesis, "the".
fn skip_between(text: &str, mut i: usize) -> usize {
    loop {
        let rest = &text[i..];
        if let Some(c) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, ' ' | ',' | '，' | '(' | '（' | '、'))
        {
            i += c.len_utf8();
        } else if rest
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case("the "))
        {
            i += 4;
        } else {
            return i;
        }
    }
}

/// Skip backwards from `i` over what may stand between a date and the weekday after it.
fn skip_between_back(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[..i]
        .chars()
        .next_back()
        .filter(|c| matches!(c, ' ' | ',' | '，' | '(' | '（'))
    {
        i -= c.len_utf8();
    }
    i
}

/// A bare day of the month at `i` (4日, 4号), read as the day of that number nearest the
/// reference: (end, date).
fn bare_day(text: &str, i: usize, reference: Option<NaiveDate>) -> Option<(usize, NaiveDate)> {
    let r = reference?;
    let digits: String = text[i..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let after = i + digits.len();
    let unit = ["日", "号"]
        .iter()
        .find(|u| text[after..].starts_with(**u))?;
    Some((after + unit.len(), nearest_day(r, digits.parse().ok()?)?))
}

/// The date with day of month `day` nearest `r` (in its month, the one before or the one
/// after).
pub(crate) fn nearest_day(r: NaiveDate, day: u32) -> Option<NaiveDate> {
    (-1..=1)
        .filter_map(|off: i32| {
            let m0 = r.year() * 12 + r.month0() as i32 + off;
            NaiveDate::from_ymd_opt(m0.div_euclid(12), m0.rem_euclid(12) as u32 + 1, day)
        })
        .min_by_key(|d| (*d - r).num_days().abs())
}

/// A full date (year, month and day known) of a recognized value.
fn full_date(k: &Kind) -> Option<(NaiveDate, bool)> {
    match k {
        Kind::Date(d) if d.part.is_none() && !d.since => {
            let date = NaiveDate::from_ymd_opt(d.year?, d.month?, d.day?)?;
            Some((date, d.inferred))
        }
        _ => None,
    }
}

/// The `weekday-of-date` claims of a document.
pub fn claims(src: &Source) -> Vec<Claim> {
    claims_with(src, None)
}

/// [`claims`] with the document's recognized values when the caller has them already
/// (`recognize::recognize(text, src.published)`): they are not recognized twice.
pub fn claims_with(src: &Source, values: Option<&[recognize::Recognized]>) -> Vec<Claim> {
    let text = &src.norm.text;
    let days = weekdays(text);
    if days.is_empty() {
        return vec![];
    }
    let owned;
    let values = match values {
        Some(v) => v,
        None => {
            owned = recognize::recognize(text, src.published);
            &owned
        }
    };
    let dates: Vec<(Range<usize>, NaiveDate, bool)> = values
        .iter()
        .filter_map(|v| full_date(&v.kind).map(|(d, inf)| (v.start..v.end, d, inf)))
        .collect();
    let mut out = vec![];
    for (wr, wd) in days {
        // The date after the weekday (周一（4日）, Monday, Feb. 4), one that starts with it
        // (Monday 4), or the date before it (2月4日（周一）, Feb. 4 (Monday)).
        let next = skip_between(text, wr.end);
        let found = dates
            .iter()
            .find(|(r, _, _)| r.start == next || (r.start == wr.start && r.end > wr.end))
            .map(|(r, d, inf)| (wr.start..r.end, *d, *inf))
            .or_else(|| bare_day(text, next, src.published).map(|(e, d)| (wr.start..e, d, true)))
            .or_else(|| {
                let prev = skip_between_back(text, wr.start);
                dates
                    .iter()
                    .find(|(r, _, _)| r.end == prev && prev < wr.start)
                    .map(|(r, d, inf)| (r.start..wr.end, *d, *inf))
            });
        let Some((range, date, inferred)) = found else {
            continue;
        };
        // A closing parenthesis belongs to the pair.
        let mut end = range.end;
        for c in [')', '）'] {
            if text[end..].starts_with(c) && text[range.start..end].contains(['(', '（']) {
                end += c.len_utf8();
            }
        }
        let d = src.norm.decoded_range(range.start..end);
        let span = crate::model::Span::new((src.to_original)(d.start), (src.to_original)(d.end));
        let mut qualifiers = BTreeMap::new();
        qualifiers.insert("weekday".to_string(), NAMES[wd as usize].to_string());
        qualifiers.insert("compare".to_string(), "within-document".to_string());
        out.push(Claim {
            id: String::new(),
            doc: String::new(),
            span,
            text: src.decoded[d].to_string(),
            subject: "(document)".into(),
            predicate: PREDICATE.into(),
            value: Value::Date {
                value: date.format("%Y-%m-%d").to_string(),
                precision: "day".into(),
                part: None,
                inferred,
            },
            qualifiers,
            rule: "weekday".into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_weekday_words() {
        let w = weekdays("周一（4日）上周三，每周二，星期日和Monday, not Mondays");
        let found: Vec<u32> = w.iter().map(|(_, d)| *d).collect();
        assert_eq!(found, vec![0, 2, 6, 0]);
    }

    #[test]
    fn bare_day_is_nearest_the_reference() {
        let r = NaiveDate::from_ymd_opt(2025, 3, 2);
        let (_, d) = bare_day("28日", 0, r).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 2, 28).unwrap());
        let (_, d) = bare_day("4日", 0, r).unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2025, 3, 4).unwrap());
        assert!(bare_day("4月", 0, r).is_none());
    }
}
