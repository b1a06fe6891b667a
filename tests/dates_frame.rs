//! The date frame's event lexicon (`rules/lexicon/events.yaml`): every entry carries an example
//! sentence of our own, and in it some date or duration gets a claim under the entry's concept.
//! Also: dates of one event at two precisions, a bare weekday against the publication date,
//! "before" a year, and durations with a time unit.

use factcheck::extract::{builtin_files, dates_frame::EventFile, extract_str, Extractor};
use factcheck::model::Value;

fn extractor() -> Extractor {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    ex
}

fn events() -> EventFile {
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/events.yaml"))
        .expect("events.yaml is built in");
    serde_yaml::from_str(&file.text).unwrap()
}

#[test]
fn every_event_example_gets_its_concept() {
    let ex = extractor();
    let file = events();
    assert!(!file.events.is_empty());
    let mut failures = vec![];
    for ev in &file.events {
        let claims = extract_str(&ev.example, Some("2026-05-01"), &ex);
        let ok = if ev.carry {
            // A word that moves an event: the moved date keeps the event named before it.
            let dated: Vec<&str> = claims
                .iter()
                .filter(|c| c.predicate.starts_with("date:"))
                .map(|c| c.predicate.as_str())
                .collect();
            dated.len() >= 2 && dated.windows(2).any(|w| w[0] == w[1])
        } else {
            claims.iter().any(|c| {
                c.predicate == format!("date:{}", ev.concept)
                    || c.predicate == format!("duration:{}", ev.concept)
            })
        };
        if !ok {
            failures.push(format!(
                "{}: {:?} gives {:?}",
                ev.concept,
                ev.example,
                claims
                    .iter()
                    .map(|c| format!("{} {}", c.predicate, c.text))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn date_of<'a>(claims: &'a [factcheck::model::Claim], pred: &str) -> Option<&'a Value> {
    claims
        .iter()
        .find(|c| c.predicate == pred)
        .map(|c| &c.value)
}

#[test]
fn a_bare_weekday_is_the_day_before_publication() {
    let ex = extractor();
    // 2026-03-05 is a Thursday: "on Tuesday" is 3 March.
    let claims = extract_str(
        "Morning Star Appliances signed the supply contract on Tuesday.",
        Some("2026-03-05"),
        &ex,
    );
    match date_of(&claims, "date:sign") {
        Some(Value::Date { value, .. }) => assert_eq!(value, "2026-03-03"),
        other => panic!("{other:?} in {claims:?}"),
    }
}

#[test]
fn before_a_year_is_kept_as_before() {
    let ex = extractor();
    let claims = extract_str(
        "两家公司计划在2028年之前成立合资公司。",
        Some("2026-03-05"),
        &ex,
    );
    match date_of(&claims, "date:found") {
        Some(Value::Date { value, part, .. }) => {
            assert_eq!(value, "2028");
            assert_eq!(part.as_deref(), Some("before"));
        }
        other => panic!("{other:?} in {claims:?}"),
    }
}

#[test]
fn durations_have_a_time_unit_and_nearly_is_just_under() {
    let ex = extractor();
    let claims = extract_str("晨星电器董事长任职已近六年。", Some("2026-03-05"), &ex);
    match date_of(&claims, "duration:term") {
        Some(Value::Quantity { min, max, unit, .. }) => {
            assert_eq!(unit.as_deref(), Some("year"));
            assert_eq!((*min, *max), (Some(5.0), Some(6.0)));
        }
        other => panic!("{other:?} in {claims:?}"),
    }
    let claims = extract_str(
        "Lina Park is nearing the end of her six-year term as chair.",
        Some("2026-03-05"),
        &ex,
    );
    assert!(date_of(&claims, "duration:term").is_some(), "{claims:?}");
}

#[test]
fn a_date_with_no_event_stays_a_mention() {
    let ex = extractor();
    let claims = extract_str("晨星电器的股价在3月5日收于12元。", Some("2026-03-05"), &ex);
    assert!(
        claims.iter().all(|c| !c.predicate.starts_with("date:")),
        "{claims:?}"
    );
}
