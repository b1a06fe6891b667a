//! The CI story of docs/ci.md, run on the fixture of tests/fixtures/lint: a pull request adds
//! one article; `factcheck lint` checks it against the agreed corpus, fails, a baseline
//! accepts the current findings, and the same lint passes.

mod cli_support;
use cli_support::*;

const NEW: &str = "tests/fixtures/lint/new/kestral-k2-review.md";
const CORPUS: &str = "tests/fixtures/lint/corpus";

#[test]
fn the_corpus_alone_has_no_error_or_warning() {
    let out = factcheck(&["run", "--no-config", "--format", "json", CORPUS]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r = out.json();
    for f in r["findings"].as_array().unwrap() {
        assert_eq!(
            f["severity"], "info",
            "unexpected finding in the corpus: {f}"
        );
    }
}

#[test]
fn lint_fails_on_the_new_article_and_reports_only_about_it() {
    let out = factcheck(&["lint", NEW, "--corpus", CORPUS, "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let r = out.json();
    // Every document and claim is in the report, …
    assert_eq!(r["documents"].as_array().unwrap().len(), 4);
    // … but each finding involves a claim of the new article.
    let new_claims = claims_of(&r, "kestral-k2-review.md");
    let findings = r["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(
            f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| new_claims.contains(&c.as_str().unwrap().to_string())),
            "finding without a claim of the new article: {f}"
        );
    }
    // The misspelling is found, as an error, and the CEO title that was true before the
    // change the corpus reports is stale. A change over time may be listed, at info.
    let kinds = kinds(&r);
    assert!(kinds.contains(&"variant-spelling".to_string()), "{kinds:?}");
    assert!(kinds.contains(&"stale".to_string()), "{kinds:?}");
    for f in findings {
        let k = f["kind"].as_str().unwrap();
        assert!(
            ["variant-spelling", "stale"].contains(&k)
                || (k == "change" && f["severity"] == "info"),
            "{kinds:?}"
        );
    }
    let stale = findings.iter().find(|f| f["kind"] == "stale").unwrap();
    assert!(
        stale["message"].as_str().unwrap().contains("宋以宁"),
        "{stale}"
    );
    let spelling = findings
        .iter()
        .find(|f| f["kind"] == "variant-spelling")
        .unwrap();
    assert_eq!(spelling["severity"], "error");
    assert!(spelling["message"].as_str().unwrap().contains("Kestral"));
}

#[test]
fn a_baseline_accepts_the_current_findings() {
    let dir = tempdir();
    let baseline = dir.path().join("factcheck-baseline.yaml");
    let out = factcheck(&["baseline", NEW, "--corpus", CORPUS, "-o", s(&baseline)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(text.contains("fingerprint:") && text.contains("variant-spelling"));
    // Only the baseline is left in the directory (the write went through a temp file).
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);

    let out = factcheck(&["lint", NEW, "--corpus", CORPUS, "--baseline", s(&baseline)]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("0 findings"), "{}", out.stdout);
    assert!(out.stderr.contains("suppressed"), "{}", out.stderr);

    // In JSON the suppressed findings are listed with the baseline that suppressed them.
    let out = factcheck(&[
        "lint",
        NEW,
        "--corpus",
        CORPUS,
        "--baseline",
        s(&baseline),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0);
    let r = out.json();
    assert!(r["findings"].as_array().unwrap().is_empty());
    let sup = r["suppressed"].as_array().unwrap();
    assert!(!sup.is_empty());
    assert!(sup.iter().all(|s| s["suppression"]["kind"] == "baseline"));
    assert!(sup.iter().any(|s| s["kind"] == "variant-spelling"));
}

#[test]
fn a_json_baseline_over_a_whole_directory_works_too() {
    let dir = tempdir();
    let baseline = dir.path().join("baseline.json");
    let out = factcheck(&[
        "baseline",
        "--corpus",
        "tests/fixtures/lint",
        "-o",
        s(&baseline),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(b["version"], 1);
    assert!(!b["findings"].as_array().unwrap().is_empty());
    let out = factcheck(&["lint", NEW, "--corpus", CORPUS, "--baseline", s(&baseline)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn sarif_and_github_annotations_for_ci() {
    let dir = tempdir();
    let sarif = dir.path().join("factcheck.sarif");
    let out = factcheck(&[
        "lint",
        NEW,
        "--corpus",
        CORPUS,
        "--format",
        "sarif",
        "-o",
        s(&sarif),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["ruleId"].is_string()));

    let out = factcheck(&["lint", NEW, "--corpus", CORPUS, "--format", "github"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("::error"), "{}", out.stdout);
    assert!(
        out.stdout.contains("kestral-k2-review.md"),
        "{}",
        out.stdout
    );
}

#[test]
fn linting_nothing_passes() {
    // `git diff` found no new article: the hook or workflow still calls lint.
    // An empty report is still written, so that the upload step finds a file.
    let dir = tempdir();
    let sarif = dir.path().join("factcheck.sarif");
    let out = factcheck(&[
        "lint",
        "--corpus",
        CORPUS,
        "--format",
        "sarif",
        "-o",
        s(&sarif),
    ]);
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("nothing to check"));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert!(log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn fail_on_decides_the_exit_code() {
    // No error once the misspelling is a warning, unless warnings fail too.
    let dir = tempdir();
    let cfg = dir.path().join("factcheck.yaml");
    std::fs::write(&cfg, "severity:\n  variant-spelling: warning\n").unwrap();
    let base = ["lint", NEW, "--corpus", CORPUS, "--config", s(&cfg)];
    let out = factcheck(&base);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let out = factcheck(&[&base[..], &["--fail-on", "warning"]].concat());
    assert_eq!(out.code, 1);
    // `off` drops the finding.
    std::fs::write(&cfg, "severity:\n  variant-spelling: off\n").unwrap();
    let out = factcheck(&[&base[..], &["--format", "json", "--fail-on", "info"]].concat());
    assert!(!kinds(&out.json()).contains(&"variant-spelling".to_string()));
}

#[test]
fn sarif_lists_baselined_findings_as_suppressed_results() {
    let dir = tempdir();
    let baseline = dir.path().join("b.yaml");
    assert_eq!(
        factcheck(&["baseline", NEW, "--corpus", CORPUS, "-o", s(&baseline)]).code,
        0
    );
    let out = factcheck(&[
        "lint",
        NEW,
        "--corpus",
        CORPUS,
        "--baseline",
        s(&baseline),
        "--format",
        "sarif",
    ]);
    assert_eq!(out.code, 0);
    let log = out.json();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert_eq!(r["suppressions"][0]["kind"], "external", "{r}");
        assert_eq!(r["suppressions"][0]["status"], "accepted");
    }
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/sarif-2.1.0.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
