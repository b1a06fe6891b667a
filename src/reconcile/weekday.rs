//! `weekday-mismatch`: a weekday written next to a date on which the date does not fall
//! (周一（4日）where the 4th is a Tuesday). A check within one document: the extractor pairs
//! the weekday and the date in a `weekday-of-date` claim (value: the date, qualifier
//! `weekday`: the weekday written, in English); this module compares the two.

use super::fingerprint;
use crate::model::{Claim, Finding, Severity, Value};
use chrono::{Datelike, NaiveDate, Weekday};

/// The predicate the extractor gives a weekday written next to a date.
pub const PREDICATE: &str = "weekday-of-date";

fn name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The date and the weekday written of a `weekday-of-date` claim.
fn pair(c: &Claim) -> Option<(NaiveDate, Weekday, bool)> {
    if c.predicate != PREDICATE {
        return None;
    }
    let Value::Date {
        value, inferred, ..
    } = &c.value
    else {
        return None;
    };
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?;
    let written = c.qualifiers.get("weekday")?.parse::<Weekday>().ok()?;
    Some((date, written, *inferred))
}

/// A `weekday-mismatch` finding for every `weekday-of-date` claim whose date falls on
/// another day than the weekday written. The finding also cites the claims of other
/// documents that write the same weekday with a date of that week that fits it (周一(2月3日)
/// beside 周一（4日）): they say which day the weekday was.
pub fn findings(claims: &[&Claim]) -> Vec<Finding> {
    let pairs: Vec<(&Claim, NaiveDate, Weekday, bool)> = claims
        .iter()
        .filter_map(|c| pair(c).map(|(d, w, i)| (*c, d, w, i)))
        .collect();
    let mut out = vec![];
    for &(c, date, written, inferred) in &pairs {
        let actual = date.weekday();
        if actual == written {
            continue;
        }
        let value = date.format("%Y-%m-%d").to_string();
        let others: Vec<(&Claim, NaiveDate)> = pairs
            .iter()
            .filter(|(o, d, w, _)| {
                o.doc != c.doc
                    && *w == written
                    && d.weekday() == written
                    && (*d - date).num_days().abs() <= 6
            })
            .map(|(o, d, _, _)| (*o, *d))
            .collect();
        let mut dates: Vec<String> = others
            .iter()
            .map(|(_, d)| d.format("%Y-%m-%d").to_string())
            .collect();
        dates.sort();
        dates.dedup();
        let elsewhere = if dates.is_empty() {
            String::new()
        } else {
            format!(
                "; other sources put that {} on {}",
                name(written),
                dates.join(", ")
            )
        };
        let year = if inferred {
            " (year inferred from the publication date)"
        } else {
            ""
        };
        out.push(Finding {
            id: String::new(),
            rule: "weekday-mismatch".into(),
            kind: "weekday-mismatch".into(),
            severity: Severity::Warning,
            message: format!(
                "\"{}\": {value}{year} is a {}, not a {}{elsewhere}",
                c.text,
                name(actual),
                name(written)
            ),
            claims: std::iter::once(c.id.clone())
                .chain(others.iter().map(|(o, _)| o.id.clone()))
                .collect(),
            values: vec![],
            majority: None,
            fingerprint: fingerprint(&["weekday-mismatch", &c.text, &value]),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(date: &str, weekday: &str) -> Claim {
        Claim {
            id: "C1".into(),
            doc: "D1".into(),
            span: crate::model::Span::new(0, 3),
            text: "周一（4日）".into(),
            subject: "(document)".into(),
            predicate: PREDICATE.into(),
            value: Value::Date {
                value: date.into(),
                precision: "day".into(),
                part: None,
                inferred: false,
            },
            qualifiers: [("weekday".to_string(), weekday.to_string())].into(),
            rule: "weekday".into(),
        }
    }

    #[test]
    fn a_date_on_another_day_is_a_mismatch() {
        // 2025-02-04 is a Tuesday.
        let c = claim("2025-02-04", "monday");
        let f = findings(&[&c]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, "weekday-mismatch");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(
            f[0].message.contains("is a Tuesday, not a Monday"),
            "{}",
            f[0].message
        );
        assert!(findings(&[&claim("2025-02-04", "tuesday")]).is_empty());
    }

    #[test]
    fn another_source_that_dates_the_weekday_is_cited() {
        let wrong = claim("2025-02-04", "monday");
        let mut other = claim("2025-02-03", "monday");
        other.id = "C2".into();
        other.doc = "D2".into();
        // Same document, or a Monday of another week: not cited.
        let mut same_doc = claim("2025-02-03", "monday");
        same_doc.id = "C3".into();
        let mut far = claim("2025-02-17", "monday");
        far.id = "C4".into();
        far.doc = "D3".into();
        let f = findings(&[&wrong, &other, &same_doc, &far]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].claims, vec!["C1", "C2"]);
        assert!(
            f[0].message
                .ends_with("other sources put that Monday on 2025-02-03"),
            "{}",
            f[0].message
        );
    }
}
