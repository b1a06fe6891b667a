//! Events and their status (`rules/lexicon/actions.yaml`, `extract::events`,
//! `reconcile::events`). Every sentence here is our own.

mod cli_support;
use cli_support::*;
use factcheck::extract::{builtin_files, events::ActionFile, extract_str, Extractor};
use factcheck::model::{Claim, Value};

fn extractor() -> Extractor {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    ex
}

fn lexicon() -> ActionFile {
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/actions.yaml"))
        .expect("actions.yaml is built in");
    serde_yaml::from_str(&file.text).unwrap()
}

fn events(text: &str, ex: &Extractor) -> Vec<Claim> {
    extract_str(text, Some("2026-05-01"), ex)
        .into_iter()
        .filter(|c| c.predicate.starts_with("event:"))
        .collect()
}

fn status(c: &Claim) -> &str {
    match &c.value {
        Value::Text { text } => text,
        _ => "",
    }
}

fn describe(cs: &[Claim]) -> Vec<String> {
    cs.iter()
        .map(|c| {
            format!(
                "{} {} {:?} {:?}",
                c.predicate,
                status(c),
                c.qualifiers,
                c.text
            )
        })
        .collect()
}

#[test]
fn every_action_and_status_example_gives_its_claim() {
    let ex = extractor();
    let lex = lexicon();
    assert!(lex.actions.len() >= 14 && lex.statuses.len() >= 9);
    let mut failures = vec![];
    for a in &lex.actions {
        for e in std::iter::once(&a.example).chain(&a.examples) {
            let cs = events(e, &ex);
            if !cs.iter().any(|c| c.predicate == format!("event:{}", a.id)) {
                failures.push(format!("action {} {e:?}: {:?}", a.id, describe(&cs)));
            }
        }
    }
    for s in &lex.statuses {
        for e in std::iter::once(&s.example).chain(&s.examples) {
            let cs = events(e, &ex);
            if !cs.iter().any(|c| status(c) == s.id) {
                failures.push(format!("status {} {e:?}: {:?}", s.id, describe(&cs)));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn every_cue_example_gives_its_reading() {
    let ex = extractor();
    let lex = lexicon();
    let has = |text: &str, k: &str, v: &str| {
        let cs = events(text, &ex);
        assert!(
            cs.iter()
                .any(|c| c.qualifiers.get(k).map(String::as_str) == Some(v)),
            "{text}: want {k}={v}, got {:?}",
            describe(&cs)
        );
    };
    for n in &lex.negations {
        has(&n.example, "negated", "true");
    }
    for m in &lex.modals {
        has(&m.example, "modality", "possible");
    }
    for h in &lex.hedges {
        has(&h.example, "attribution", "reported");
    }
    for f in &lex.former {
        has(&f.example, "former", "true");
    }
    // A failure to agree is no status of the deal; the talks that go on are.
    for i in &lex.inabilities {
        let cs = events(&i.example, &ex);
        assert!(
            cs.iter().all(|c| status(c) != "agreed"),
            "{:?}",
            describe(&cs)
        );
        assert!(
            cs.iter().any(|c| status(c) == "in-talks"),
            "{:?}",
            describe(&cs)
        );
    }
}

#[test]
fn a_negated_status_is_undecided_and_the_span_covers_action_and_status() {
    let ex = extractor();
    let text = "晨星電器表示，對藍湖家居的收購尚未完成。";
    let cs = events(text, &ex);
    let c = cs.iter().find(|c| c.predicate == "event:acquire").unwrap();
    assert_eq!(status(c), "undecided");
    // Traditional script: the span indexes the original text.
    assert_eq!(&text[c.span.start..c.span.end], "收購尚未完成");
}

#[test]
fn a_sentence_without_an_action_continues_the_one_before() {
    let ex = extractor();
    let cs = events(
        "Bluelake Group and Kestrel Holdings have been negotiating a merger. Bluelake said no decision has been made.",
        &ex,
    );
    assert!(
        cs.iter()
            .any(|c| c.predicate == "event:merge" && status(c) == "undecided"),
        "{:?}",
        describe(&cs)
    );
}

#[test]
fn a_future_date_is_the_due_date_not_the_time_of_the_status() {
    let ex = extractor();
    let cs = events("晨星电器表示，双方计划在6月下旬就合并作出决定。", &ex);
    let c = cs.iter().find(|c| status(c) == "planned").unwrap();
    assert_eq!(c.qualifiers.get("due").map(String::as_str), Some("2026-06"));
    assert_eq!(
        c.qualifiers.get("as_of").map(String::as_str),
        Some("2026-05-01")
    );
    assert!(c.text.contains("6月下旬"), "{}", c.text);
}

/// Run on articles (name, published, body); the JSON report.
fn report_of(articles: &[(&str, &str, &str)]) -> serde_json::Value {
    let dir = tempdir();
    for (name, date, body) in articles {
        std::fs::write(
            dir.path().join(name),
            format!("---\ntitle: \"晨星电器新闻\"\ndate: \"{date}\"\n---\n\n{body}\n"),
        )
        .unwrap();
    }
    let out = factcheck(&["run", s(dir.path()), "--format", "json", "--no-config"]);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    out.json()
}

fn event_findings(r: &serde_json::Value) -> Vec<(String, String)> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "event-status")
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn called_off_against_still_undecided_on_one_day_is_a_warning() {
    let r = report_of(&[
        (
            "a.md",
            "2026-03-02",
            "晨星电器与蓝湖家居的合并谈判已经告吹。",
        ),
        (
            "b.md",
            "2026-03-02",
            "晨星电器表示，目前仍在与蓝湖家居进行合并谈判，尚未作出决定。",
        ),
    ]);
    let f = event_findings(&r);
    assert_eq!(f, vec![("warning".to_string(), "conflict".to_string())]);
    let finding = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "event-status")
        .unwrap();
    // The claims of both documents are named.
    let claims = r["claims"].as_array().unwrap();
    let docs: std::collections::BTreeSet<&str> = finding["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            claims.iter().find(|c| &c["id"] == id).unwrap()["doc"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(docs.len(), 2);
}

#[test]
fn in_talks_then_completed_is_a_change_over_time() {
    let r = report_of(&[
        ("a.md", "2026-01-10", "晨星电器与蓝湖家居正在进行合并谈判。"),
        (
            "b.md",
            "2026-03-02",
            "Morningstar Appliances said it had completed the merger with Bluelake Home.",
        ),
    ]);
    assert_eq!(
        event_findings(&r),
        vec![("info".to_string(), "change".to_string())]
    );
}

#[test]
fn one_status_in_two_articles_is_an_agreement_and_a_rumour_is_no_conflict() {
    let r = report_of(&[
        ("a.md", "2026-03-02", "晨星电器与蓝湖家居正在进行合并谈判。"),
        (
            "b.md",
            "2026-03-02",
            "晨星電器與藍湖家居仍在磋商合併事宜，或將取消談判。",
        ),
    ]);
    assert!(event_findings(&r).is_empty(), "{:?}", event_findings(&r));
    let agree = r["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["verdict"] == "agree" && a["predicate"] == "event:merge");
    assert!(agree, "{}", r["alignments"]);
}
