//! `factcheck rules coverage`: how many documents and stories each rule, pattern and lexicon
//! entry fires in, on tests/fixtures/coverage (story-a: two articles, story-b: one) with the
//! rules of tests/fixtures/coverage-rules.yaml and the gazetteer coverage-gazetteer.yaml.

mod cli_support;
use cli_support::*;

fn coverage(format: &str) -> Out {
    factcheck(&[
        "rules",
        "coverage",
        "tests/fixtures/coverage",
        "--no-config",
        "--rules",
        "tests/fixtures/coverage-rules.yaml",
        "--gazetteer",
        "tests/fixtures/coverage-gazetteer.yaml",
        "--format",
        format,
    ])
}

/// (docs, stories, mark) of an entry of the JSON output.
fn entry(v: &serde_json::Value, kind: &str, id: &str) -> (u64, u64, String) {
    let e = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind && e["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id}"));
    (
        e["docs"].as_u64().unwrap(),
        e["stories"].as_u64().unwrap(),
        e["mark"].as_str().unwrap().to_string(),
    )
}

#[test]
fn counts_documents_and_stories_per_rule_pattern_and_entry() {
    let out = coverage("json");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v = out.json();
    assert_eq!(v["documents"], 3);
    assert_eq!(v["stories"], 2);
    // A rule that fires in both stories; its second pattern (English) nowhere.
    assert_eq!(entry(&v, "rule", "cov-kilns"), (3, 2, String::new()));
    assert_eq!(entry(&v, "pattern", "cov-kilns#1"), (3, 2, String::new()));
    assert_eq!(entry(&v, "pattern", "cov-kilns#2"), (0, 0, "NONE".into()));
    let kilns2 = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "cov-kilns#2")
        .unwrap();
    assert_eq!(kilns2["pattern"], "fired {n:count} kilns");
    // One story only, in both of its documents.
    assert_eq!(
        entry(&v, "rule", "cov-classrooms"),
        (2, 1, "ONE-STORY".into())
    );
    // Nowhere.
    assert_eq!(entry(&v, "rule", "cov-furnaces"), (0, 0, "NONE".into()));
    assert_eq!(
        entry(&v, "pattern", "cov-furnaces#1"),
        (0, 0, "NONE".into())
    );
    // Gazetteer entities: in both stories, in one document of one, nowhere.
    assert_eq!(
        entry(&v, "entity", "Celadon Workshop"),
        (3, 2, String::new())
    );
    assert_eq!(
        entry(&v, "entity", "White Porcelain Workshop"),
        (1, 1, "ONE-STORY".into())
    );
    assert_eq!(
        entry(&v, "entity", "Black Pottery Workshop"),
        (0, 0, "NONE".into())
    );
    // The counted things of frames.yaml: no article counts ships.
    assert_eq!(entry(&v, "counted", "ship"), (0, 0, "NONE".into()));
    // The summary adds up.
    let n = v["entries"].as_array().unwrap().len() as u64;
    let s = &v["summary"];
    assert_eq!(
        s["several_stories"].as_u64().unwrap()
            + s["one_story"].as_u64().unwrap()
            + s["none"].as_u64().unwrap(),
        n
    );
}

#[test]
fn the_table_marks_entries_and_ends_with_a_summary() {
    let out = coverage("human");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let row = |id: &str| {
        lines
            .iter()
            .find(|l| l.split_whitespace().nth(1) == Some(id))
            .unwrap_or_else(|| panic!("no row {id}:\n{}", out.stdout))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(row("cov-kilns"), ["rule", "cov-kilns", "3", "2"]);
    assert_eq!(
        row("cov-classrooms"),
        ["rule", "cov-classrooms", "2", "1", "ONE-STORY"]
    );
    assert_eq!(
        row("cov-furnaces"),
        ["rule", "cov-furnaces", "0", "0", "NONE"]
    );
    assert_eq!(
        row("cov-kilns#2"),
        ["pattern", "cov-kilns#2", "0", "0", "NONE"]
    );
    let last = lines.last().unwrap();
    assert!(last.contains("over 3 documents in 2 stories"), "{last}");
    // The same run twice prints the same table.
    assert_eq!(coverage("human").stdout, out.stdout);
}
