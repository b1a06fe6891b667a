//! Map/reduce: `factcheck claims` on shards, `factcheck reconcile` on the shards' files,
//! gives the report of `factcheck run` on all articles.

mod cli_support;
use cli_support::*;
use std::path::Path;

/// Run `claims` on each shard (with `extra` flags), reconcile, and compare with `run`.
fn compare_with_run(shards: &[&[&str]], all: &[&str], extra: &[&str]) {
    let dir = tempdir();
    let mut files = Vec::new();
    for (i, shard) in shards.iter().enumerate() {
        let f = dir.path().join(format!("shard{i}.jsonl"));
        let out = factcheck(&[&["claims", "--no-config", "-o", s(&f)][..], extra, shard].concat());
        assert_eq!(out.code, 0, "{}", out.stderr);
        files.push(f);
    }
    let run = factcheck(&[&["run", "--format", "json", "--no-config"][..], extra, all].concat());
    // Shards in reverse order: ids are reassigned, order does not matter.
    let mut args: Vec<&str> = vec!["reconcile", "--format", "json", "--no-config"];
    args.extend(extra);
    args.extend(files.iter().rev().map(|f| s(f)));
    let rec = factcheck(&args);
    assert_eq!(rec.code, run.code, "{}", rec.stderr);
    let (a, b) = (run.json(), rec.json());
    assert!(!a["findings"].as_array().unwrap().is_empty());
    assert_eq!(a["findings"], b["findings"]);
    assert_eq!(
        run.stdout, rec.stdout,
        "the whole JSON report must be identical"
    );
}

#[test]
fn shards_of_the_example_give_the_report_of_run() {
    let a = "docs/examples/appointment";
    let p = |f: &str| format!("{a}/{f}");
    let (d1, d2, d3, d4, d5, d6) = (
        p("01-qianyanpai.md"),
        p("02-gangke-daily.md"),
        p("03-shentong.txt"),
        p("04-huanyu.txt"),
        p("05-ludao.txt"),
        p("06-chaoxi.md"),
    );
    let gaz = p("people.yaml");
    // Each shard reads the other articles as context (names they pair, dates that fix an
    // inferred year), as `docs/scaling.md` says a shard of one story must.
    compare_with_run(
        &[
            &[&d1, &d3, &d5, "--context", a],
            &[&d2, &d4, &d6, "--context", a],
        ],
        &[a],
        &["--gazetteer", &gaz],
    );
}

#[test]
fn shards_of_the_lint_fixture_with_context_give_the_report_of_run() {
    // The new article learns a name pairing from the corpus: each shard gets all the
    // articles as context.
    compare_with_run(
        &[
            &[
                "tests/fixtures/lint/corpus",
                "--context",
                "tests/fixtures/lint",
            ],
            &[
                "tests/fixtures/lint/new",
                "--context",
                "tests/fixtures/lint",
            ],
        ],
        &["tests/fixtures/lint/corpus", "tests/fixtures/lint/new"],
        &[],
    );
}

#[test]
fn the_claims_file_is_documents_followed_by_their_claims() {
    let out = factcheck(&["claims", "--no-config", "tests/fixtures/lint/corpus"]);
    assert_eq!(out.code, 0);
    let lines: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "header");
    assert_eq!(lines[0]["version"], 1);
    assert_eq!(lines[1]["type"], "document");
    assert!(lines[1]["info"]["path"]
        .as_str()
        .unwrap()
        .ends_with("01-jixian.md"));
    assert!(lines[1]["signature"].is_array());
    let docs = lines.iter().filter(|l| l["type"] == "document").count();
    assert_eq!(docs, 3);
    assert!(lines.iter().filter(|l| l["type"] == "claim").count() > 10);
}

#[test]
fn a_malformed_line_is_reported_with_file_and_line_and_the_rest_is_read() {
    let dir = tempdir();
    let out = factcheck(&[
        "claims",
        "--no-config",
        "tests/fixtures/lint/corpus",
        "tests/fixtures/lint/new",
    ]);
    let mut lines: Vec<&str> = out.stdout.lines().collect();
    lines.insert(3, "{\"type\": \"claim\", \"this is\": not json");
    let file = dir.path().join("broken.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let rec = factcheck(&["reconcile", "--no-config", "--format", "json", s(&file)]);
    assert!(rec.stderr.contains("broken.jsonl"), "{}", rec.stderr);
    assert!(rec.stderr.contains("line 4:"), "{}", rec.stderr);
    let r = rec.json();
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with("broken.jsonl"))
        .expect("a problem about the file");
    assert!(p["message"].as_str().unwrap().starts_with("line 4:"));
    assert_eq!(r["documents"].as_array().unwrap().len(), 4);
    // The findings are still found, and still decide the exit code.
    assert!(kinds(&r).contains(&"variant-spelling".to_string()));
    assert_eq!(rec.code, 1);
    assert!(!Path::new(&file).with_extension("tmp").exists());
}

#[test]
fn suppression_comments_travel_through_the_claims_file() {
    let dir = tempdir();
    let root = lint_fixture(dir.path());
    let article = root.join("new/kestral-k2-review.md");
    let mut text = std::fs::read_to_string(&article).unwrap();
    text.push_str("\n<!-- factcheck-ignore variant-spelling: as printed on the box -->\n");
    std::fs::write(&article, text).unwrap();
    let shard = dir.path().join("all.jsonl");
    let out = factcheck(&["claims", "--no-config", "-o", s(&shard), s(&root)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read_to_string(&shard)
        .unwrap()
        .contains("\"directives\""));
    let rec = factcheck(&["reconcile", "--no-config", "--format", "json", s(&shard)]);
    let r = rec.json();
    assert!(!kinds(&r).contains(&"variant-spelling".to_string()));
    let sup = r["suppressed"].as_array().unwrap();
    assert!(sup
        .iter()
        .any(|x| x["kind"] == "variant-spelling" && x["suppression"]["kind"] == "inline"));
    // The same as `run`.
    let run = factcheck(&["run", "--no-config", "--format", "json", s(&root)]);
    assert_eq!(run.stdout, rec.stdout);
}
