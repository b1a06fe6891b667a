//! Map/reduce: `factcheck claims` on shards, `factcheck reconcile` on the shards' files,
//! gives the report of `factcheck run` on all articles.

mod cli_support;
use cli_support::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

/// Two stories where what one run learns crosses over: story `a` pairs 林嘉禾 with Jiahe Lin
/// (an apposition), story `b` names 林嘉禾 only. Alone, `b` has no claim about Jiahe Lin.
fn two_stories(root: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (root.join("a"), root.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let article = |date: &str, source: &str, body: &str| {
        format!("---\ndate: {date}\nsource: {source}\n---\n{body}\n")
    };
    std::fs::write(
        a.join("1.md"),
        article(
            "2024-03-01",
            "Alpha",
            "# 星河集团任命新技术官\n\n星河集团宣布，林嘉禾(Jiahe Lin)出任首席技术官。\
             林嘉禾此前在星河云工作了12年。",
        ),
    )
    .unwrap();
    std::fs::write(
        b.join("1.md"),
        article(
            "2024-03-02",
            "Beta",
            "# 林嘉禾上任\n\n林嘉禾表示，星河集团有500名员工。林嘉禾在星河云工作了12年。",
        ),
    )
    .unwrap();
    std::fs::write(
        b.join("2.md"),
        article(
            "2024-03-02",
            "Gamma",
            "# 林嘉禾上任\n\n林嘉禾表示，星河集团有600名员工。",
        ),
    )
    .unwrap();
    (a, b)
}

/// Split claims lines by story (the directory of each document's path): a document line
/// and its claims go together; the header starts every part.
fn split_by_story(lines: &str) -> BTreeMap<PathBuf, String> {
    let mut header = String::new();
    let mut parts: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut current: Option<PathBuf> = None;
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        match v["type"].as_str().unwrap() {
            "header" => {
                header = format!("{line}\n");
                continue;
            }
            "document" => {
                let path = Path::new(v["info"]["path"].as_str().unwrap());
                current = Some(path.parent().unwrap().to_path_buf());
            }
            "claim" => {}
            other => panic!("unexpected line type {other}: {line}"),
        }
        let part = parts
            .entry(current.clone().expect("a document line first"))
            .or_insert_with(|| header.clone());
        part.push_str(line);
        part.push('\n');
    }
    parts
}

/// Reconcile each story's part of `lines` on its own and compare with `run` on the story's
/// directory: the stories whose report differs.
fn stories_unlike_run(dir: &Path, lines: &str) -> Vec<PathBuf> {
    let mut unlike = Vec::new();
    for (i, (story, part)) in split_by_story(lines).iter().enumerate() {
        let f = dir.join(format!("story{i}.jsonl"));
        std::fs::write(&f, part).unwrap();
        let rec = factcheck(&["reconcile", "--no-config", "--format", "json", s(&f)]);
        let run = factcheck(&["run", "--no-config", "--format", "json", s(story)]);
        assert!(!run.json()["claims"].as_array().unwrap().is_empty());
        if rec.code != run.code || rec.stdout != run.stdout {
            unlike.push(story.clone());
        }
    }
    unlike
}

#[test]
fn per_story_claims_of_a_partition_are_each_storys_run() {
    let dir = tempdir();
    let (a, b) = two_stories(dir.path());
    // The paths one a line, as a partition of a map/reduce job hands them over.
    let list = dir.path().join("paths.txt");
    std::fs::write(&list, format!("{}\n\n{}\n", s(&a), s(&b))).unwrap();
    let per_story = factcheck(&[
        "claims",
        "--no-config",
        "--per-story",
        "--paths-from",
        s(&list),
    ]);
    assert_eq!(per_story.code, 0, "{}", per_story.stderr);
    assert_eq!(split_by_story(&per_story.stdout).len(), 2);
    assert_eq!(
        stories_unlike_run(dir.path(), &per_story.stdout),
        Vec::<PathBuf>::new()
    );
    // One run over both: `b` learns a's pairing, and its report is not `run b`'s.
    let mixed = factcheck(&["claims", "--no-config", s(&a), s(&b)]);
    assert_eq!(mixed.code, 0, "{}", mixed.stderr);
    assert_eq!(
        stories_unlike_run(dir.path(), &mixed.stdout),
        vec![b.clone()]
    );
    // Paths on the command line and in the file are one list.
    let both = factcheck(&[
        "claims",
        "--no-config",
        "--per-story",
        s(&b),
        "--paths-from",
        s(&list),
    ]);
    assert_eq!(both.stdout, per_story.stdout);
}

#[test]
fn paths_from_stdin_and_reconcile_from_stdin() {
    let dir = tempdir();
    let (a, b) = two_stories(dir.path());
    let with_stdin = |args: &[&str], input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
        )
    };
    let (code, lines) = with_stdin(
        &["claims", "--no-config", "--per-story", "--paths-from", "-"],
        &format!("{}\r\n{}\n", s(&b), s(&a)),
    );
    assert_eq!(code, 0);
    let on_disk = factcheck(&["claims", "--no-config", "--per-story", s(&a), s(&b)]);
    assert_eq!(lines, on_disk.stdout);
    // Story b's part into `reconcile -`: the report of `run b`.
    let part = split_by_story(&lines).remove(&b).unwrap();
    let (code, report) = with_stdin(
        &["reconcile", "--no-config", "--format", "json", "-"],
        &part,
    );
    let run = factcheck(&["run", "--no-config", "--format", "json", s(&b)]);
    assert_eq!((code, report), (run.code, run.stdout));
}

#[test]
fn a_missing_paths_from_file_or_path_in_it_is_a_usage_error() {
    let dir = tempdir();
    let missing = dir.path().join("nope.txt");
    let out = factcheck(&["claims", "--no-config", "--paths-from", s(&missing)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope.txt"), "{}", out.stderr);
    let list = dir.path().join("paths.txt");
    std::fs::write(&list, "docs/examples/appointment\nno/such/article.md\n").unwrap();
    let out = factcheck(&["claims", "--no-config", "--paths-from", s(&list)]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no/such/article.md"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
    // Neither paths nor a list: usage.
    assert_eq!(factcheck(&["claims", "--no-config"]).code, 2);
}

/// `factcheck ARGS` with RAYON_NUM_THREADS=threads: (exit code, stdout bytes).
fn with_threads(threads: usize, args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.code().is_some());
    (out.status.code().unwrap(), out.stdout)
}

#[test]
fn run_claims_and_reconcile_are_byte_identical_across_1_2_and_8_threads() {
    let dir = tempdir();
    let stories = [
        "docs/examples/appointment",
        "tests/fixtures/lint/corpus",
        "tests/fixtures/earnings",
    ];
    let gaz = "docs/examples/appointment/people.yaml";
    let mut reference: Option<Vec<(i32, Vec<u8>)>> = None;
    for threads in [1, 2, 8] {
        let run = with_threads(
            threads,
            &[
                &["run", "--no-config", "--format", "json", "--gazetteer", gaz][..],
                &stories,
            ]
            .concat(),
        );
        let claims = with_threads(
            threads,
            &[&["claims", "--no-config", "--gazetteer", gaz][..], &stories].concat(),
        );
        let per_story = with_threads(
            threads,
            &[
                &["claims", "--no-config", "--per-story", "--gazetteer", gaz][..],
                &stories,
            ]
            .concat(),
        );
        let f = dir.path().join(format!("claims{threads}.jsonl"));
        std::fs::write(&f, &claims.1).unwrap();
        let rec = with_threads(
            threads,
            &[
                "reconcile",
                "--no-config",
                "--format",
                "json",
                "--gazetteer",
                gaz,
                s(&f),
            ],
        );
        // The reduce of the map is the run, at every thread count.
        assert_eq!(rec, run, "{threads} threads: reconcile differs from run");
        let all = vec![run, claims, per_story];
        assert!(all.iter().all(|(code, out)| *code != 2 && !out.is_empty()));
        match &reference {
            None => reference = Some(all),
            Some(r) => {
                for (what, (x, y)) in ["run", "claims", "claims --per-story"]
                    .iter()
                    .zip(r.iter().zip(&all))
                {
                    assert!(x == y, "{what}: {threads} threads differ from 1 thread");
                }
            }
        }
    }
}
