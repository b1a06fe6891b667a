//! Rules are data, and each carries its own tests: every example sentence of every rule
//! must give the claims it lists, and no counterexample may fire. Then, per rule file, a
//! snapshot of the claims its rules extract from the project's own fixture articles (read
//! every `.snap` diff before accepting it).

use factcheck::extract::{builtin_files, examples, Extractor};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[test]
fn every_rule_example_passes() {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(
        problems.is_empty(),
        "built-in data files must load: {problems:?}"
    );
    assert!(ex.rules.rules.len() >= 20, "the built-in rules are there");
    let outcomes = examples::run_all(&ex);
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.ok)
        .map(|o| format!("{}: {}\n    {}", o.rule, o.text, o.detail))
        .collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // Every rule has at least one example (LanguageTool-style: a rule documents itself).
    for r in &ex.rules.rules {
        assert!(
            !r.def.examples.is_empty(),
            "rule {} has no example",
            r.def.id
        );
    }
}

/// The fixture articles of the project.
fn fixture_dirs() -> Vec<PathBuf> {
    [
        "docs/examples/appointment",
        "tests/fixtures/generality",
        "tests/fixtures/earnings",
        "tests/fixtures/lint/corpus",
        "tests/fixtures/lint/new",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

#[test]
fn claims_per_rule_file_snapshot() {
    let run = factcheck::pipeline::run(&fixture_dirs());
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    // Rule id → the file it is defined in.
    let file_of: BTreeMap<String, String> = ex
        .rules
        .rules
        .iter()
        .map(|r| (r.def.id.clone(), r.file.clone()))
        .collect();
    let files: Vec<String> = builtin_files()
        .into_iter()
        .filter(|f| f.kind() == factcheck::extract::DataKind::Rules)
        .map(|f| f.path)
        .collect();
    assert!(!files.is_empty());
    for file in files {
        let mut lines = vec![];
        for c in &run.report.claims {
            if file_of.get(&c.rule) != Some(&file) || c.predicate == "mentions" {
                continue;
            }
            let doc = run.report.documents.iter().find(|d| d.id == c.doc).unwrap();
            let q: Vec<String> = c
                .qualifiers
                .iter()
                .filter(|(k, _)| k.as_str() != "mode")
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            lines.push(format!(
                "{}:{}-{} {:?} {} {}({}) = {} [{}]",
                doc.path,
                c.span.start,
                c.span.end,
                c.text,
                c.rule,
                c.predicate,
                c.subject,
                factcheck::extract::engine::display(&c.value),
                q.join(", ")
            ));
        }
        // The names rule gives one line per distinct name and document instead.
        if file.ends_with("names.yaml") {
            let mut names: Vec<String> = run
                .report
                .claims
                .iter()
                .filter(|c| c.predicate == "mentions")
                .map(|c| {
                    let doc = run.report.documents.iter().find(|d| d.id == c.doc).unwrap();
                    format!(
                        "{} {:?} = {}",
                        doc.path,
                        c.text,
                        factcheck::extract::engine::display(&c.value)
                    )
                })
                .collect();
            names.sort();
            names.dedup();
            lines = names;
        }
        let name = format!(
            "rules__{}",
            file.trim_start_matches("rules/")
                .trim_end_matches(".yaml")
                .replace('/', "__")
        );
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!(name, lines.join("\n"));
        });
    }
}

#[test]
fn rules_explain_shows_a_rule_and_a_finding_kind() {
    let run = |id: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(["rules", "explain", id, "--no-config"])
            .output()
            .unwrap()
    };
    let rule = run("job-cuts");
    assert_eq!(rule.status.code(), Some(0));
    let text = String::from_utf8_lossy(&rule.stdout);
    assert!(
        text.contains("裁员") && text.contains("must not fire on"),
        "{text}"
    );
    let kind = run("stale");
    assert_eq!(kind.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&kind.stdout).contains("finding kind"));
    assert_eq!(run("no-such-rule").status.code(), Some(2));
}
