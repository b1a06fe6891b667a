//! Configuration: discovery, precedence, errors pointing into the file, include/exclude,
//! severity, exit codes.

mod cli_support;
use cli_support::*;

const APPOINTMENT: &str = "docs/examples/appointment";

#[test]
fn an_input_directory_brings_its_configuration() {
    let out = factcheck(&["config", APPOINTMENT]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "docs/examples/appointment/people.yaml  # docs/examples/appointment/factcheck.yaml:1"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("fail_on: error  # default"));

    // Its gazetteer is used: more names are known than without the configuration.
    let with = factcheck(&["run", "--format", "json", APPOINTMENT]).json();
    let without = factcheck(&["run", "--format", "json", "--no-config", APPOINTMENT]).json();
    let n = |r: &serde_json::Value| r["claims"].as_array().unwrap().len();
    assert!(n(&with) > n(&without), "{} vs {}", n(&with), n(&without));
    // … the same as naming the gazetteer on the command line.
    let flag = factcheck(&[
        "run",
        "--format",
        "json",
        "--no-config",
        "--gazetteer",
        "docs/examples/appointment/people.yaml",
        APPOINTMENT,
    ])
    .json();
    assert_eq!(with, flag);
}

#[test]
fn configuration_is_found_upward_and_flags_win() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("factcheck.yaml"),
        "format: json\nfail_on: warning\nseverity:\n  stale: info\n",
    )
    .unwrap();
    let sub = dir.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let out = factcheck_in(Some(&sub), &["config", "--fail-on", "info"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("format: json  # ../../factcheck.yaml:1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("fail_on: info  # command line --fail-on"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("stale: info  # ../../factcheck.yaml:4"),
        "{}",
        out.stdout
    );
    // --no-config reads nothing.
    let out = factcheck_in(Some(&sub), &["config", "--no-config"]);
    assert!(
        out.stdout.contains("format: human  # default"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_unknown_key_is_an_error_pointing_into_the_file() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("factcheck.yaml"),
        "format: json\nseverity:\n  stale: warning\ngazeteers: [people.yaml]\n",
    )
    .unwrap();
    let out = factcheck_in(Some(dir.path()), &["run", "."]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("unknown field `gazeteers`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("factcheck.yaml:4:1"), "{}", out.stderr);
}

#[test]
fn a_wrong_type_and_a_missing_file_are_errors_too() {
    let dir = tempdir();
    let cfg = dir.path().join("factcheck.yaml");
    std::fs::write(&cfg, "fail_on: sometimes\n").unwrap();
    let out = factcheck_in(Some(dir.path()), &["config"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("factcheck.yaml:1:10"), "{}", out.stderr);

    std::fs::write(&cfg, "rules: []\ngazetteers:\n  - nowhere.yaml\n").unwrap();
    let out = factcheck_in(Some(dir.path()), &["config"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("nowhere.yaml: no such file"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("factcheck.yaml:3:5"), "{}", out.stderr);

    // An explicit --config that does not exist.
    let out = factcheck(&["run", "--config", "no/such/factcheck.yaml", APPOINTMENT]);
    assert_eq!(out.code, 2);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(factcheck(&["run"]).code, 2);
    assert_eq!(
        factcheck(&["run", "--fail-on", "loud", APPOINTMENT]).code,
        2
    );
    assert_eq!(factcheck(&["lint", "x.md"]).code, 2); // --corpus is required
    let out = factcheck(&["run", "--baseline", "no-such-baseline.yaml", APPOINTMENT]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no-such-baseline.yaml"));
    // Also when there is nothing to lint: a broken CI setup shows at once.
    let out = factcheck(&[
        "lint",
        "--corpus",
        APPOINTMENT,
        "--baseline",
        "no-such-baseline.yaml",
    ]);
    assert_eq!(out.code, 2);
}

#[test]
fn a_broken_rule_file_is_reported_and_fatal_only_with_strict() {
    let dir = tempdir();
    let rules = dir.path().join("extra.yaml");
    std::fs::write(&rules, "rules: [ {id: broken\n").unwrap();
    let args = [
        "run",
        "--no-config",
        "--format",
        "json",
        "--rules",
        s(&rules),
        APPOINTMENT,
    ];
    let out = factcheck(&args);
    assert_ne!(out.code, 2, "{}", out.stderr);
    let r = out.json();
    assert!(r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["path"].as_str().unwrap().ends_with("extra.yaml")));
    let out = factcheck(&[&args[..], &["--strict"]].concat());
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("extra.yaml"));
}

#[test]
fn include_and_exclude_select_articles() {
    let dir = tempdir();
    let corpus = dir.path().join("corpus");
    copy_dir(std::path::Path::new(APPOINTMENT), &corpus);
    std::fs::write(
        corpus.join("factcheck.yaml"),
        "gazetteers: [people.yaml]\nexclude: ['*.txt']\n",
    )
    .unwrap();
    let r = factcheck(&["run", "--format", "json", s(&corpus)]).json();
    let paths: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    // The example's three Markdown articles (01, 02, 06); EXPECTED.md is in `.ignore`.
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert!(paths.iter().all(|p| p.ends_with(".md")));
    std::fs::write(
        corpus.join("factcheck.yaml"),
        "include: ['0[12]-*']\nexclude: ['02-*']\n",
    )
    .unwrap();
    let r = factcheck(&["run", "--format", "json", s(&corpus)]).json();
    let docs = r["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    assert!(docs[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("01-qianyanpai.md"));
}

#[test]
fn the_format_comes_from_the_configuration() {
    let dir = tempdir();
    let cfg = dir.path().join("c.yaml");
    std::fs::write(&cfg, "format: json\n").unwrap();
    let out = factcheck(&["run", "--config", s(&cfg), APPOINTMENT]);
    assert_eq!(out.json()["version"], 1);
    // The flag wins.
    let out = factcheck(&["run", "--config", s(&cfg), "--format", "human", APPOINTMENT]);
    assert!(out.stdout.contains("documents,"), "{}", out.stdout);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = factcheck(&["run", "--format", "json", APPOINTMENT]);
    assert!(!out.stderr.contains("checking"), "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
}

#[test]
fn rules_commands_see_the_configured_rules() {
    let dir = tempdir();
    let rules = dir.path().join("broken.yaml");
    std::fs::write(&rules, "rules: [ {id: broken\n").unwrap();
    let ok = factcheck(&["rules", "list", "--no-config"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(!ok.stdout.is_empty());
    let bad = factcheck(&["rules", "list", "--no-config", "--rules", s(&rules)]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("broken.yaml"), "{}", bad.stderr);
}

#[test]
fn an_alias_bomb_or_an_oversized_configuration_is_an_error_not_a_hang() {
    let dir = tempdir();
    let cfg = dir.path().join("factcheck.yaml");
    // "Billion laughs": nine levels of nine aliases.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            std::iter::repeat_n(prev.as_str(), 9)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    std::fs::write(&cfg, &bomb).unwrap();
    let start = std::time::Instant::now();
    let out = factcheck_in(Some(dir.path()), &["config"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("factcheck.yaml"), "{}", out.stderr);
    assert!(start.elapsed() < std::time::Duration::from_secs(20));

    let mut big = String::from("include:\n");
    while big.len() <= factcheck::yamlio::MAX_YAML_BYTES {
        big.push_str("  - 'articles/some/long/path/pattern/**/*.md'\n");
    }
    std::fs::write(&cfg, &big).unwrap();
    let out = factcheck_in(Some(dir.path()), &["config"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("over the limit"), "{}", out.stderr);
}
