//! The figure frame's cue lexicon (`rules/lexicon/frames.yaml`): every cue carries an example
//! sentence of our own, and in it some figure gets the cue's qualifier. Also: a figure no rule
//! was written for is a comparable claim under its measure.

use factcheck::extract::{builtin_files, extract_str, frame::CueFile, Extractor};

fn extractor() -> Extractor {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    ex
}

#[test]
fn every_cue_example_gets_its_qualifier() {
    let ex = extractor();
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/frames.yaml"))
        .expect("frames.yaml is built in");
    let cues: CueFile = serde_yaml::from_str(&file.text).unwrap();
    assert!(!cues.cues.is_empty());
    let mut failures = vec![];
    for cue in &cues.cues {
        let claims = extract_str(&cue.example, Some("2026-05-01"), &ex);
        // A `none` cue marks the new value: its example's last figure has no role.
        let hit = if cue.qualifier == "none" {
            claims
                .iter()
                .rfind(|c| c.predicate != "mentions-date")
                .is_some_and(|c| !c.qualifiers.contains_key("measure"))
        } else {
            claims
                .iter()
                .any(|c| c.qualifiers.get(&cue.qualifier) == Some(&cue.value))
        };
        if !hit {
            failures.push(format!(
                "{}={}: {:?} gives {:?}",
                cue.qualifier,
                cue.value,
                cue.example,
                claims
                    .iter()
                    .map(|c| format!("{} {} {:?}", c.predicate, c.text, c.qualifiers))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_figure_without_a_rule_is_comparable_under_its_measure() {
    let ex = extractor();
    // "订单" governs the amount after it; no rule is written for this phrasing.
    let claims = extract_str(
        "晨星电器近日收到一笔来自海外客户的3亿元订单。",
        Some("2026-05-01"),
        &ex,
    );
    let order = claims
        .iter()
        .find(|c| c.text.contains("3亿元"))
        .expect("the amount is a claim");
    assert_eq!(order.predicate, "orders", "{order:?}");
    assert!(!order.qualifiers.contains_key("mode"), "{order:?}");
}

#[test]
fn every_counted_example_gives_a_count_of_its_concept() {
    let ex = extractor();
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/frames.yaml"))
        .unwrap();
    let cues: CueFile = serde_yaml::from_str(&file.text).unwrap();
    assert!(!cues.counted.is_empty());
    let mut failures = vec![];
    for d in &cues.counted {
        let claims = extract_str(&d.example, Some("2026-05-01"), &ex);
        let want = format!("count:{}", d.concept);
        if !claims.iter().any(|c| c.predicate == want) {
            failures.push(format!(
                "{want}: {:?} gives {:?}",
                d.example,
                claims
                    .iter()
                    .map(|c| format!("{} {}", c.predicate, c.text))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn counts_of_one_thing_meet_across_scripts_and_languages() {
    let ex = extractor();
    let unit_of = |text: &str| {
        extract_str(text, Some("2026-05-01"), &ex)
            .into_iter()
            .find(|c| c.predicate == "count:vehicle")
            .map(|c| match c.value {
                factcheck::model::Value::Quantity { unit, written, .. } => (unit, written),
                _ => (None, 0.0),
            })
    };
    let zh = unit_of("晨星出行目前在市区运营着300辆汽车。");
    let hant = unit_of("晨星出行目前在市區運營著300輛汽車。");
    let en = unit_of("Chenxing Mobility now runs 300 vehicles in the city.");
    assert_eq!(zh, Some((Some("vehicle".into()), 300.0)));
    assert_eq!(zh, hant);
    assert_eq!(zh, en);
}

/// The figure claims (rule `frame`) and the alignments of the project's own corpora, one line
/// each: a diff shows what the frame and the reconciler now compare, and how it came out.
#[test]
fn frame_claims_and_alignments_snapshot() {
    let mut lines = vec![];
    for dir in [
        "docs/examples/appointment",
        "tests/fixtures/earnings",
        "tests/fixtures/generality",
    ] {
        let run = factcheck::pipeline::run(&[std::path::PathBuf::from(dir)]);
        let r = &run.report;
        let path_of = |doc: &str| {
            r.documents
                .iter()
                .find(|d| d.id == doc)
                .map(|d| d.path.clone())
                .unwrap_or_default()
        };
        lines.push(format!("## {dir}"));
        for c in r.claims.iter().filter(|c| c.rule == "frame") {
            lines.push(format!(
                "{}:{}-{} {:?} {}({}) {:?}",
                path_of(&c.doc),
                c.span.start,
                c.span.end,
                c.text,
                c.predicate,
                c.subject,
                c.qualifiers
            ));
        }
        for a in &r.alignments {
            let texts: Vec<String> = a.values.iter().map(|v| v.value.clone()).collect();
            lines.push(format!(
                "{} {} of {} {:?}: {} sources: {}",
                a.verdict,
                a.predicate,
                a.subject,
                a.qualifiers,
                a.sources,
                texts.join(" / ")
            ));
        }
    }
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("frames_and_alignments", lines.join("\n"));
    });
}
