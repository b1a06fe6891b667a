//! Attributes with polarity and relations (`rules/lexicon/relations.yaml`,
//! `extract::relations`, `reconcile::relations`), and the later parts of events: generations
//! and stale statuses. Every sentence here is our own.

mod cli_support;
use cli_support::*;
use factcheck::extract::{
    builtin_files, events::ActionFile, extract_str, relations::RelationFile, Extractor,
};
use factcheck::model::{Claim, Value};

fn extractor() -> Extractor {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    ex
}

fn file(name: &str) -> String {
    builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with(name))
        .expect("built in")
        .text
}

fn value(c: &Claim) -> &str {
    match &c.value {
        Value::Text { text } => text,
        _ => "",
    }
}

fn of(text: &str, ex: &Extractor, prefix: &str) -> Vec<Claim> {
    extract_str(text, Some("2026-05-01"), ex)
        .into_iter()
        .filter(|c| c.predicate.starts_with(prefix))
        .collect()
}

fn describe(cs: &[Claim]) -> Vec<String> {
    cs.iter()
        .map(|c| {
            format!(
                "{} {} = {} {:?}",
                c.subject,
                c.predicate,
                value(c),
                c.qualifiers
            )
        })
        .collect()
}

#[test]
fn every_attribute_and_relation_example_gives_its_claim() {
    let ex = extractor();
    let lex: RelationFile = serde_yaml::from_str(&file("lexicon/relations.yaml")).unwrap();
    assert!(lex.attributes.len() >= 3 && lex.relations.len() >= 5);
    let mut failures = vec![];
    let mut check = |predicate: String, e: &factcheck::extract::relations::Example| {
        let cs = of(&e.text, &ex, &predicate);
        let ok = cs.iter().any(|c| {
            c.predicate == predicate
                && value(c) == e.value
                && e.subject.as_ref().is_none_or(|s| &c.subject == s)
                && e.qualifiers
                    .iter()
                    .all(|(k, v)| c.qualifiers.get(k) == Some(v))
        });
        if !ok {
            failures.push(format!(
                "{predicate} {:?} want {:?} {:?} got {:?}",
                e.text,
                e.value,
                e.subject,
                describe(&cs)
            ));
        }
    };
    for a in &lex.attributes {
        assert!(!a.examples.is_empty(), "{} has no example", a.id);
        for e in &a.examples {
            check(format!("attribute:{}", a.id), e);
        }
    }
    for r in &lex.relations {
        assert!(!r.examples.is_empty(), "{} has no example", r.id);
        for e in &r.examples {
            check(format!("relation:{}", r.id), e);
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn region_and_exchange_examples_are_read() {
    let ex = extractor();
    let lex: RelationFile = serde_yaml::from_str(&file("lexicon/relations.yaml")).unwrap();
    for r in &lex.regions {
        let cs = of(&r.example, &ex, "attribute:");
        assert!(
            cs.iter().any(|c| c.qualifiers.get("region") == Some(&r.id)),
            "{}: {:?}",
            r.example,
            describe(&cs)
        );
    }
    for x in &lex.exchanges {
        let cs = of(&format!("{} said on Monday.", x.example), &ex, "relation:");
        assert!(
            cs.iter()
                .any(|c| c.qualifiers.get("exchange") == Some(&x.id)),
            "{}: {:?}",
            x.example,
            describe(&cs)
        );
    }
}

#[test]
fn negations_and_modals_are_read() {
    let ex = extractor();
    let lex: RelationFile = serde_yaml::from_str(&file("lexicon/relations.yaml")).unwrap();
    for n in &lex.negations {
        let cs = of(&n.example, &ex, "attribute:");
        // The example negates a "no" form: the claim is yes.
        assert!(cs.iter().any(|c| value(c) == "yes"), "{:?}", describe(&cs));
    }
    for m in &lex.modals {
        let cs = of(&m.example, &ex, "relation:");
        assert!(
            !cs.is_empty()
                && cs
                    .iter()
                    .all(|c| c.qualifiers.get("modality").map(String::as_str) == Some("possible")),
            "{:?}",
            describe(&cs)
        );
    }
    // Without the negation, the same sentence says no.
    let cs = of(
        "The Bluelake Pad needs an internet connection.",
        &ex,
        "attribute:",
    );
    assert!(cs.iter().any(|c| value(c) == "no"), "{:?}", describe(&cs));
}

#[test]
fn every_generation_example_gives_its_qualifier() {
    let ex = extractor();
    let lex: ActionFile = serde_yaml::from_str(&file("lexicon/actions.yaml")).unwrap();
    assert!(!lex.generations.is_empty());
    for g in &lex.generations {
        let cs = of(&g.example, &ex, "event:");
        assert!(
            cs.iter()
                .any(|c| c.qualifiers.get("generation") == Some(&g.id)),
            "{}: {:?}",
            g.example,
            describe(&cs)
        );
    }
    // The current product has none.
    let cs = of("晨星电器计划明年推出洗碗机。", &ex, "event:");
    assert!(
        !cs.is_empty() && cs.iter().all(|c| !c.qualifiers.contains_key("generation")),
        "{:?}",
        describe(&cs)
    );
}

/// Run on articles (name, published, body); the JSON report.
fn report_of(articles: &[(&str, &str, &str)]) -> serde_json::Value {
    let dir = tempdir();
    for (name, date, body) in articles {
        std::fs::write(
            dir.path().join(name),
            format!("---\ntitle: \"蓝湖新闻\"\ndate: \"{date}\"\n---\n\n{body}\n"),
        )
        .unwrap();
    }
    let out = factcheck(&["run", s(dir.path()), "--format", "json", "--no-config"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    out.json()
}

fn findings(r: &serde_json::Value, rule: &str) -> Vec<(String, String)> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(sev: &str, kind: &str) -> (String, String) {
    (sev.to_string(), kind.to_string())
}

#[test]
fn opposite_polarity_at_one_time_is_a_warning_and_at_two_a_change() {
    let one = report_of(&[
        ("a.md", "2026-03-02", "The Bluelake Pad works offline."),
        (
            "b.md",
            "2026-03-02",
            "The Bluelake Pad needs an internet connection to work.",
        ),
    ]);
    assert_eq!(
        findings(&one, "attribute"),
        vec![pair("warning", "conflict")]
    );
    let two = report_of(&[
        (
            "a.md",
            "2026-01-10",
            "The Bluelake Pad is not available in the EU.",
        ),
        (
            "b.md",
            "2026-03-02",
            "The Bluelake Pad is now available in the EU.",
        ),
    ]);
    assert_eq!(findings(&two, "attribute"), vec![pair("info", "change")]);
    let same = report_of(&[
        ("a.md", "2026-03-02", "The Bluelake Pad works offline."),
        (
            "b.md",
            "2026-03-02",
            "The Bluelake Pad does not need an internet connection.",
        ),
    ]);
    assert!(findings(&same, "attribute").is_empty());
}

#[test]
fn an_owner_against_independent_is_a_warning_and_wholly_owned_is_narrower() {
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "Bluelake Motors is a subsidiary of Kestrel Holdings.",
        ),
        (
            "b.md",
            "2026-03-02",
            "Bluelake Motors says it remains an independent company.",
        ),
    ]);
    assert_eq!(findings(&r, "relation"), vec![pair("warning", "conflict")]);
    let r = report_of(&[
        ("a.md", "2026-03-02", "蓝湖汽车是晨星集团的子公司。"),
        ("b.md", "2026-03-02", "蓝湖汽车是晨星集团的全资子公司。"),
    ]);
    assert_eq!(findings(&r, "relation"), vec![pair("info", "narrower")]);
    // A proposal is not compared.
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "Kestrel Holdings proposed that Bluelake Motors become a subsidiary of Kestrel Holdings.",
        ),
        (
            "b.md",
            "2026-03-02",
            "Bluelake Motors says it remains an independent company.",
        ),
    ]);
    assert!(findings(&r, "relation").is_empty());
}

#[test]
fn tickers_share_classes_are_narrower_and_two_first_reporters_disagree() {
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "Kestrel Holdings (Nasdaq: KSTA, KSTB) reported results.",
        ),
        (
            "b.md",
            "2026-03-02",
            "Shares of Kestrel Holdings (Nasdaq: KSTB) rose.",
        ),
    ]);
    assert_eq!(findings(&r, "relation"), vec![pair("info", "narrower")]);
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "The merger talks were first reported by Reuters on Monday morning.",
        ),
        (
            "b.md",
            "2026-03-02",
            "Bloomberg first reported the talks, and both companies later confirmed them.",
        ),
    ]);
    assert_eq!(findings(&r, "relation"), vec![pair("warning", "conflict")]);
    // Partners are an open set: two articles naming different partners do not disagree.
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "Kestrel Dynamics is partnering with Bluelake Motors on drones.",
        ),
        (
            "b.md",
            "2026-03-02",
            "Kestrel Dynamics is partnering with Morningstar Appliances on robots.",
        ),
    ]);
    assert!(findings(&r, "relation").is_empty());
}

fn event_findings(r: &serde_json::Value) -> Vec<(String, String)> {
    findings(r, "event-status")
}

#[test]
fn a_source_that_stays_behind_a_status_it_could_have_known_is_stale() {
    let r = report_of(&[
        ("a.md", "2026-01-10", "晨星电器与蓝湖家居正在进行合并谈判。"),
        (
            "b.md",
            "2026-02-01",
            "Morningstar Appliances said it had completed the merger with Bluelake Home.",
        ),
        ("c.md", "2026-03-05", "晨星电器与蓝湖家居仍在进行合并谈判。"),
    ]);
    let f = event_findings(&r);
    assert!(f.contains(&pair("info", "stale")), "{f:?}");
    assert!(f.contains(&pair("info", "change")), "{f:?}");
    // Published before the later status: not stale.
    let r = report_of(&[
        ("a.md", "2026-01-10", "晨星电器与蓝湖家居正在进行合并谈判。"),
        (
            "b.md",
            "2026-02-01",
            "Morningstar Appliances said it had completed the merger with Bluelake Home.",
        ),
    ]);
    assert!(!event_findings(&r).contains(&pair("info", "stale")));
}

#[test]
fn a_plan_for_the_next_generation_is_not_the_current_product() {
    let r = report_of(&[
        ("a.md", "2026-03-02", "蓝湖科技已完成洗碗机的推出。"),
        (
            "b.md",
            "2026-03-02",
            "蓝湖科技取消了下一代洗碗机的推出计划。",
        ),
    ]);
    assert!(event_findings(&r).is_empty(), "{:?}", event_findings(&r));
    // The same two statuses about one generation are a conflict.
    let r = report_of(&[
        ("a.md", "2026-03-02", "蓝湖科技已完成洗碗机的推出。"),
        ("b.md", "2026-03-02", "蓝湖科技取消了洗碗机的推出计划。"),
    ]);
    assert_eq!(event_findings(&r), vec![pair("warning", "conflict")]);
}
