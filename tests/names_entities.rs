//! The entity stage end to end: copies count once, forms gather under one entity, and the
//! report's `entities` array says so.

use factcheck::pipeline;
use std::path::PathBuf;

const ARTICLE: &str = "# Ferry operator expands\n\nThe harbour authority said on Tuesday that the \
ferry operator Lorvanta would add six vessels to its northern routes next spring, after \
passenger numbers at Lorvanta rose for a third straight quarter.\n";

const OTHER: &str = "# Island routes\n\nA regional newspaper reported that the operator \
Lrovatna plans new crossings, citing a filing that lists two additional terminals.\n";

fn run(files: &[(String, &str)]) -> factcheck::model::Report {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    pipeline::run(&[PathBuf::from(dir.path())]).report
}

#[test]
fn twenty_identical_copies_are_one_source() {
    let mut files: Vec<(String, &str)> = (0..20)
        .map(|i| (format!("{i:02}-copy.md"), ARTICLE))
        .collect();
    files.push(("99-other.md".into(), OTHER));
    let report = run(&files);
    assert_eq!(report.documents.len(), 21);
    let e = report
        .entities
        .iter()
        .find(|e| e.forms.iter().any(|f| f.form == "Lorvanta"))
        .expect("an entity for Lorvanta");
    let forms: Vec<(&str, usize, usize)> = e
        .forms
        .iter()
        .map(|f| (f.form.as_str(), f.support, f.mentions))
        .collect();
    // Forty mentions in twenty copies: one source; the other form is in the same entity.
    assert_eq!(forms, [("Lorvanta", 1, 40), ("Lrovatna", 1, 1)], "{e:?}");
    // One source against one: a tie, no majority, a warning.
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == "variant-spelling")
        .expect("a variant-spelling finding");
    assert_eq!(f.majority, None, "{}", f.message);
    assert_eq!(f.severity, factcheck::model::Severity::Warning);
}

#[test]
fn three_sources_against_one_is_an_error() {
    let a = ARTICLE.to_string();
    let b = "# Fleet plans\n\nLorvanta, the ferry operator, told investors it had ordered six \
             vessels; analysts expect Lorvanta to announce routes soon.\n";
    let c = "# Northern crossings\n\nShipping data show that Lorvanta carried more passengers \
             this quarter than any rival on the northern routes.\n";
    let report = run(&[
        ("01.md".into(), a.as_str()),
        ("02.md".into(), b),
        ("03.md".into(), c),
        ("04.md".into(), OTHER),
    ]);
    let f = report
        .findings
        .iter()
        .find(|f| f.kind == "variant-spelling")
        .expect("a variant-spelling finding");
    assert_eq!(f.majority.as_deref(), Some("Lorvanta"));
    assert_eq!(f.severity, factcheck::model::Severity::Error);
    // Every mention's subject is an entity: its id or one of its forms.
    let lrovatna = report
        .entities
        .iter()
        .find(|e| e.forms.iter().any(|f| f.form == "Lrovatna"))
        .unwrap();
    assert_eq!(lrovatna.id, "Lorvanta");
    let names: std::collections::BTreeSet<&str> = report
        .entities
        .iter()
        .flat_map(|e| std::iter::once(e.id.as_str()).chain(e.forms.iter().map(|f| f.form.as_str())))
        .collect();
    for c in report.claims.iter().filter(|c| c.predicate == "mentions") {
        assert!(names.contains(c.subject.as_str()), "{}", c.subject);
    }
    let json = serde_json::to_value(&report).unwrap();
    assert!(json["entities"].as_array().is_some_and(|a| !a.is_empty()));
}

/// The entities of each fixture corpus, one line per entity (id, kind, forms with their
/// support and mentions): read line by line when it changes.
fn names_snapshot(corpus: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(corpus);
    let report = pipeline::run(&[dir]).report;
    let lines: Vec<String> = report
        .entities
        .iter()
        .map(|e| {
            let forms: Vec<String> = e
                .forms
                .iter()
                .map(|f| format!("{} ({}/{})", f.form, f.support, f.mentions))
                .collect();
            format!("{} [{}]: {}", e.id, e.kind, forms.join(", "))
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(format!("names_{corpus}"), lines.join("\n"));
    });
}

#[test]
fn names_of_the_fixture_corpora() {
    for corpus in ["earnings", "generality", "report", "lint"] {
        names_snapshot(corpus);
    }
}

/// Two outlets transliterate one foreign executive's name with other characters of the same
/// sound: an info finding naming both forms. The traditional spelling of one of them is that
/// form, not a third one.
#[test]
fn a_name_transliterated_two_ways_is_an_info() {
    let a = "# 车企访问\n\n首席执行官鲁比奥表示，双方将继续会谈。鲁比奥还称，贸易问题另议。\n";
    let b = "# 车企行程\n\n首席执行官卢比奥称，会谈将在周二举行。\n";
    let c = "# 會談\n\n行政總裁魯比奧表示，下周再談。\n";
    let report = run(&[
        ("01.md".into(), a),
        ("02.md".into(), b),
        ("03.md".into(), c),
    ]);
    let found: Vec<&factcheck::model::Finding> = report
        .findings
        .iter()
        .filter(|f| f.kind == "transliteration-variant")
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", report.findings);
    let f = found[0];
    assert_eq!(f.severity, factcheck::model::Severity::Info);
    let forms: Vec<&str> = f.values.iter().map(|v| v.value.as_str()).collect();
    // 鲁比奥 (two sources: one simplified, one traditional) before 卢比奥 (one).
    assert_eq!(forms, ["鲁比奥", "卢比奥"], "{}", f.message);
    assert!(f.message.contains("lu bi ao"), "{}", f.message);
    assert_eq!(f.majority, None);
}

#[test]
fn sound_variants_need_the_same_sounds_and_a_shared_character() {
    use factcheck::reconcile::names::sound_variant;
    assert!(sound_variant("卢比奥", "鲁比奥").is_some());
    assert!(sound_variant("马克·卡尼", "马克·卡妮").is_some());
    // Another sound (li / rui), another length, nothing shared, the same form.
    assert!(sound_variant("格里尔", "格瑞尔").is_none());
    assert!(sound_variant("卢比奥", "卢比").is_none());
    assert!(sound_variant("王宁", "汪凝").is_none());
    assert!(sound_variant("卢比奥", "卢比奥").is_none());
    // Latin names are the spelling stage's.
    assert!(sound_variant("Rubio", "Rubeo").is_none());
}
