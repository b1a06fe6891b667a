//! The robustness matrix, continued for CI (issue 13): a lint that cannot pass by accident.
//! Each test is one row of the "CI" table in docs/robustness.md:
//!
//! - a missing or unreadable input, corpus, claims file or baseline is exit 2 naming the
//!   path, and a SARIF log asked for says `executionSuccessful: false`;
//! - an input directory without articles is a warning that `--fail-on warning` fails;
//! - configuration paths stay in the tree, links that leave it are not followed, and no
//!   message echoes more than a short excerpt of a file that is not an article or rule file;
//! - only regular files within `--max-file-size` are read (FIFOs, devices refused at once);
//! - outputs get the umask's mode, or keep the mode of the file they replace.
//!
//! Unix only: the rows need symbolic links, FIFOs, devices and file modes.
#![cfg(unix)]

mod cli_support;
use cli_support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARTICLE: &str = include_str!("../docs/examples/appointment/01-qianyanpai.md");
/// An invented article of our own, with a title to look for.
const OTHER: &str =
    "# 云舟科技发布新款巡检机器人\n\n3月5日，云舟科技宣布推出第二代巡检机器人，首批交付120台。\n";
/// The "secret" of the leak tests: a line no report may print whole.
const SECRET: &str = "ZQX-7731-TOKEN-kappa-do-not-print-0099";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A directory holding the good article (and `NEW.md`, a second one).
fn articles(root: &Path, name: &str) -> PathBuf {
    let d = root.join(name);
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("good.md"), ARTICLE).unwrap();
    d
}

fn mkfifo(p: &Path) {
    let st = Command::new("mkfifo").arg(p).status().expect("mkfifo runs");
    assert!(st.success());
}

/// Run the binary in `dir`, killing it (and failing) if it takes more than 60 s: a FIFO
/// that is opened blocks forever.
fn bounded(dir: &Path, args: &[&str]) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("factcheck {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    Out {
        code: o.status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The invocation of a SARIF log, after checking the log against the SARIF 2.1.0 schema.
fn sarif_invocation(text: &str) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_str(text).expect("SARIF is JSON");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/sarif-2.1.0.schema.json"
        ))
        .unwrap(),
    )
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
    log["runs"][0]["invocations"][0].clone()
}

// ---------------------------------------------------------------------------------------
// 1. Exit codes a CI can trust.

#[test]
fn lint_with_a_corpus_that_does_not_exist_is_a_usage_error_and_the_sarif_says_so() {
    let t = tempdir();
    let new = articles(t.path(), "new").join("good.md");
    let sarif = t.path().join("out.sarif");
    let out = factcheck_in(
        Some(t.path()),
        &[
            "lint",
            s(&new),
            "--corpus",
            "typo-in-path",
            "--no-config",
            "--format",
            "sarif",
            "-o",
            s(&sarif),
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--corpus typo-in-path: no such file or directory"),
        "{}",
        out.stderr
    );
    let inv = sarif_invocation(&std::fs::read_to_string(&sarif).unwrap());
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert!(n["message"]["text"]
        .as_str()
        .unwrap()
        .contains("typo-in-path"));
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "typo-in-path"
    );
    // On stdout too, and also when no new article is given.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "lint",
            "--corpus",
            "typo-in-path",
            "--no-config",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(out.code, 2);
    assert_eq!(sarif_invocation(&out.stdout)["executionSuccessful"], false);
    // A good run says it succeeded.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "lint",
            s(&new),
            "--corpus",
            s(new.parent().unwrap()),
            "--no-config",
            "--format",
            "sarif",
        ],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert_eq!(sarif_invocation(&out.stdout)["executionSuccessful"], true);
}

#[test]
fn missing_inputs_claims_files_and_baselines_are_exit_2_naming_the_path() {
    let t = tempdir();
    let good = articles(t.path(), "in");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["run", "missing-path"], "input path missing-path"),
        (
            vec!["run", s(&good), "also-missing.md"],
            "input path also-missing.md",
        ),
        (
            vec!["reconcile", "missing.jsonl"],
            "claims file missing.jsonl",
        ),
        (
            vec!["baseline", "--corpus", "typo", "-o", "b.yaml"],
            "--corpus typo",
        ),
        (
            vec!["baseline", "NEW.md", "--corpus", s(&good), "-o", "b.yaml"],
            "input path NEW.md",
        ),
        (vec!["claims", "gone", "-o", "c.jsonl"], "input path gone"),
        (
            vec!["claims", s(&good), "--context", "ctx", "-o", "c.jsonl"],
            "--context ctx",
        ),
        (
            vec!["run", s(&good), "--baseline", "nope.yaml"],
            "baseline nope.yaml",
        ),
        (vec!["config", "nowhere"], "input path nowhere"),
    ];
    for (mut args, named) in cases {
        args.push("--no-config");
        let out = factcheck_in(Some(t.path()), &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!("error: {named}: "))
                && out.stderr.contains("no such file or directory"),
            "{args:?}: {}",
            out.stderr
        );
    }
    // A directory is no claims file.
    let out = factcheck_in(Some(t.path()), &["reconcile", s(&good), "--no-config"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("a directory, not a file"),
        "{}",
        out.stderr
    );
    // With --format github, the error is an annotation as well.
    let out = factcheck_in(
        Some(t.path()),
        &["run", "missing-path", "--no-config", "--format", "github"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stdout,
        "::error file=missing-path,title=factcheck input::input path missing-path: no such \
         file or directory\n"
    );
    // Nothing was written on the way.
    assert!(!t.path().join("b.yaml").exists());
    assert!(!t.path().join("c.jsonl").exists());
    // A dangling symbolic link given as an input is a usage error too.
    std::os::unix::fs::symlink(t.path().join("none.md"), t.path().join("dangling.md")).unwrap();
    let out = factcheck_in(Some(t.path()), &["run", "dangling.md", "--no-config"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("a symbolic link to a missing file"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_input_directory_without_articles_is_a_warning_that_fail_on_can_fail() {
    let t = tempdir();
    let empty = t.path().join("empty");
    std::fs::create_dir_all(empty.join("sub")).unwrap();
    std::fs::write(empty.join("notes.pdf"), "not an article").unwrap();
    let out = factcheck_in(
        Some(t.path()),
        &["run", "empty", "--no-config", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let p = &out.json()["problems"][0];
    assert_eq!(p["path"], "empty");
    assert_eq!(p["severity"], "warning");
    assert!(p["message"]
        .as_str()
        .unwrap()
        .starts_with("no article to read"));
    for level in ["warning", "info"] {
        let out = factcheck_in(
            Some(t.path()),
            &["run", "empty", "--no-config", "--fail-on", level],
        );
        assert_eq!(out.code, 1, "--fail-on {level}: {}", out.stderr);
    }
    // A corpus directory that holds nothing: the lint's new article alone is no check.
    let new = articles(t.path(), "new").join("good.md");
    let out = factcheck_in(
        Some(t.path()),
        &[
            "lint",
            s(&new),
            "--corpus",
            "empty",
            "--no-config",
            "--fail-on",
            "warning",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("no article to read"), "{}", out.stdout);
    // Articles all left out by the configuration count as none.
    let cfgd = articles(t.path(), "excluded");
    std::fs::write(cfgd.join("factcheck.yaml"), "exclude: ['*.md']\n").unwrap();
    let out = factcheck_in(Some(t.path()), &["run", "excluded", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let msg = out.json()["problems"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("include/exclude leave out all of its 1 article(s)"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------------------
// 3. Nothing read, followed or echoed outside the tree.

/// A tree `repo/articles` with a configuration, and a secret file outside `repo`; the
/// binary runs in `repo`.
struct Tree {
    _t: tempfile::TempDir,
    repo: PathBuf,
    outside: PathBuf,
}

fn tree(config: &str) -> Tree {
    let t = tempdir();
    let repo = t.path().join("repo");
    let arts = articles(&repo, "articles");
    let outside = t.path().join("private");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    let config = config.replace("OUTSIDE", s(&outside));
    std::fs::write(arts.join("factcheck.yaml"), config).unwrap();
    Tree {
        _t: t,
        repo,
        outside,
    }
}

#[test]
fn configuration_paths_may_not_leave_the_configuration_or_the_working_directory() {
    for config in [
        "gazetteers: [../../private/secret.txt]\n",
        "rules: [OUTSIDE/secret.txt]\n",
        "rules: [../../private]\n",
    ] {
        let t = tree(config);
        for format in ["human", "json", "sarif", "github"] {
            let out = factcheck_in(Some(&t.repo), &["run", "articles", "--format", format]);
            assert_eq!(out.code, 2, "{config}: {}", out.stderr);
            // miette wraps the help; read it unwrapped.
            let flat = out
                .stderr
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("- ", "-");
            assert!(
                flat.contains("leads outside the directory of")
                    && flat.contains("--allow-outside-config-paths"),
                "{config}: {}",
                out.stderr
            );
            let all = format!("{}{}", out.stdout, out.stderr);
            assert!(!all.contains(&SECRET[..13]), "{config}: {all}");
        }
        // The SARIF log says why.
        let out = factcheck_in(Some(&t.repo), &["run", "articles", "--format", "sarif"]);
        let inv = sarif_invocation(&out.stdout);
        assert_eq!(inv["executionSuccessful"], false);
        assert!(inv["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("leads outside"));
    }
    // A link inside the configuration's directory that leads out counts as out.
    let t = tree("gazetteers: [people.yaml]\n");
    std::os::unix::fs::symlink(
        t.outside.join("secret.txt"),
        t.repo.join("articles/people.yaml"),
    )
    .unwrap();
    let out = factcheck_in(Some(&t.repo), &["run", "articles"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("gazetteers: people.yaml: leads outside"),
        "{}",
        out.stderr
    );
}

#[test]
fn outside_configuration_paths_need_a_flag_or_the_command_line() {
    let t = tree("gazetteers: [OUTSIDE/people.yaml]\n");
    std::fs::write(
        t.outside.join("people.yaml"),
        "entities:\n  - canonical: Yunzhou Tech\n    kind: org\n    aliases: [云舟科技]\n",
    )
    .unwrap();
    let out = factcheck_in(Some(&t.repo), &["run", "articles", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = factcheck_in(
        Some(&t.repo),
        &[
            "run",
            "articles",
            "--format",
            "json",
            "--allow-outside-config-paths",
        ],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    let g = t.outside.join("people.yaml");
    let out = factcheck_in(
        Some(&t.repo),
        &["run", "articles", "--format", "json", "--gazetteer", s(&g)],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    // Named both ways, it is read once: `factcheck config` lists it once.
    let out = factcheck_in(Some(&t.repo), &["config", "articles", "--gazetteer", s(&g)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.matches("people.yaml").count(),
        1,
        "{}",
        out.stdout
    );
    // From the working directory's side, a path under it is fine.
    std::fs::create_dir_all(t.repo.join("shared")).unwrap();
    std::fs::copy(&g, t.repo.join("shared/people.yaml")).unwrap();
    std::fs::write(
        t.repo.join("articles/factcheck.yaml"),
        "gazetteers: [../shared/people.yaml]\n",
    )
    .unwrap();
    let out = factcheck_in(Some(&t.repo), &["run", "articles", "--format", "json"]);
    assert_ne!(out.code, 2, "{}", out.stderr);
}

#[test]
fn a_discovered_configuration_that_links_out_of_the_tree_is_not_read() {
    let t = tree("format: json\n");
    let cfg = t.repo.join("articles/factcheck.yaml");
    std::fs::remove_file(&cfg).unwrap();
    std::fs::write(t.outside.join("factcheck.yaml"), format!("{SECRET}: x\n")).unwrap();
    std::os::unix::fs::symlink(t.outside.join("factcheck.yaml"), &cfg).unwrap();
    let out = factcheck_in(Some(&t.repo), &["run", "articles"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("symbolic link that leads outside"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(&SECRET[..13]), "{}", out.stderr);
}

#[test]
fn a_file_that_is_not_a_rule_file_is_never_echoed_whole() {
    // Inside the tree (allowed), named as a gazetteer and as rules: the problems say what
    // is wrong and quote at most a short excerpt, in every format.
    let t = tree("gazetteers: [secret.txt]\nrules: [secret.txt]\n");
    std::fs::copy(
        t.outside.join("secret.txt"),
        t.repo.join("articles/secret.txt"),
    )
    .unwrap();
    std::fs::write(t.repo.join("articles/.ignore"), "secret.txt\n").unwrap();
    for format in ["human", "json", "sarif", "github", "markdown", "jsonl"] {
        let out = factcheck_in(Some(&t.repo), &["run", "articles", "--format", format]);
        assert_ne!(out.code, 2, "{format}: {}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(all.contains("invalid type: string"), "{format}: {all}");
        assert!(all.contains(&SECRET[..12]), "{format}: the excerpt: {all}");
        assert!(
            !all.contains(&SECRET[..13]),
            "{format}: more than the excerpt: {all}"
        );
    }
    // The same file given as the configuration: named, not shown.
    let out = factcheck_in(
        Some(&t.repo),
        &["run", "articles", "--config", "articles/secret.txt"],
    );
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains(&SECRET[..13]), "{}", out.stderr);
    // A baseline that is not one.
    let out = factcheck_in(
        Some(&t.repo),
        &["run", "articles", "--baseline", "articles/secret.txt"],
    );
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains(&SECRET[..13]), "{}", out.stderr);
}

#[test]
fn symbolic_links_that_leave_the_input_paths_are_skipped() {
    let t = tempdir();
    let arts = articles(t.path(), "articles");
    let outside = t.path().join("elsewhere");
    std::fs::create_dir_all(outside.join("dir")).unwrap();
    std::fs::write(outside.join("other.md"), OTHER).unwrap();
    std::fs::write(outside.join("dir/other.md"), OTHER).unwrap();
    std::os::unix::fs::symlink(outside.join("other.md"), arts.join("link.md")).unwrap();
    std::os::unix::fs::symlink(outside.join("dir"), arts.join("linked-dir")).unwrap();
    let out = factcheck_in(
        Some(t.path()),
        &["run", "articles", "--no-config", "--format", "json"],
    );
    let r = out.json();
    let docs: Vec<&str> = r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["articles/good.md"]);
    assert!(
        !out.stdout.contains("云舟科技"),
        "the linked article was read"
    );
    let skipped: Vec<(&str, &str)> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["path"].as_str().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    for (path, message) in &skipped {
        assert!(["articles/link.md", "articles/linked-dir"].contains(path));
        assert!(message.contains("--follow-links"), "{message}");
    }
    // Given on the command line as well, the place it leads to is in the tree.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "run",
            "articles",
            "elsewhere",
            "--no-config",
            "--format",
            "json",
        ],
    );
    assert!(
        out.json()["problems"].as_array().unwrap().is_empty(),
        "{}",
        out.stdout
    );
    // --follow-links follows them.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "run",
            "articles",
            "--no-config",
            "--format",
            "json",
            "--follow-links",
        ],
    );
    assert_eq!(out.json()["documents"].as_array().unwrap().len(), 3);
}

// ---------------------------------------------------------------------------------------
// Regular files within the size limit only.

#[test]
fn devices_and_fifos_are_refused_at_once() {
    let t = tempdir();
    let arts = articles(t.path(), "articles");
    let good = arts.join("good.md");
    let fifo = t.path().join("pipe");
    mkfifo(&fifo);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--baseline", "/dev/zero"],
            "baseline /dev/zero: cannot read: not a regular file (a character device)",
        ),
        (
            vec!["--baseline", "pipe"],
            "baseline pipe: cannot read: not a regular file (a FIFO)",
        ),
        (
            vec!["--rules", "pipe"],
            "--rules pipe: not a regular file (a FIFO)",
        ),
        (
            vec!["--rules", "/dev/zero"],
            "--rules /dev/zero: not a regular file (a character device)",
        ),
        (
            vec!["--gazetteer", "pipe"],
            "--gazetteer pipe: not a regular file (a FIFO)",
        ),
        (
            vec!["--config", "pipe"],
            "configuration file pipe: not a regular file (a FIFO)",
        ),
        (vec!["pipe"], "input path pipe: not a regular file (a FIFO)"),
        (
            vec!["/dev/zero"],
            "input path /dev/zero: not a regular file (a character device)",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec!["run", s(&good)];
        args.extend(extra);
        let start = Instant::now();
        let out = bounded(t.path(), &args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{args:?} took {:?}",
            start.elapsed()
        );
    }
    let out = bounded(t.path(), &["reconcile", "pipe"]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .contains("claims file pipe: not a regular file (a FIFO)"));
    // In a rules directory, a FIFO named like a rule file is a problem, not a hang.
    let rules = t.path().join("rules");
    std::fs::create_dir_all(&rules).unwrap();
    mkfifo(&rules.join("more.yaml"));
    let out = bounded(
        t.path(),
        &["run", s(&good), "--rules", "rules", "--format", "json"],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("not a regular file (a FIFO)"),
        "{}",
        out.stderr
    );
}

#[test]
fn max_file_size_limits_every_read() {
    let t = tempdir();
    let arts = articles(t.path(), "articles");
    let big = "林嘉禾出任副总裁。\n".repeat(200); // ~5.6 KB
    std::fs::write(arts.join("big.md"), &big).unwrap();
    // In a directory: a problem, and the rest of the run goes on.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "run",
            "articles",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "4K",
        ],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    let r = out.json();
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"] == "articles/big.md")
        .expect("a problem about big.md");
    assert!(
        p["message"]
            .as_str()
            .unwrap()
            .contains("is over the limit of 4096 bytes (--max-file-size)"),
        "{p}"
    );
    // Named on the command line: a usage error. The default limit reads it.
    let out = factcheck_in(
        Some(t.path()),
        &[
            "run",
            "articles/big.md",
            "--no-config",
            "--max-file-size",
            "4K",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = factcheck_in(Some(t.path()), &["run", "articles/big.md", "--no-config"]);
    assert_ne!(out.code, 2, "{}", out.stderr);
    // A baseline too; a bad size is a usage error.
    std::fs::write(
        t.path().join("b.yaml"),
        format!("version: 1\nfindings: []\n{}", "#\n".repeat(3000)),
    )
    .unwrap();
    let out = factcheck_in(
        Some(t.path()),
        &[
            "run",
            "articles/good.md",
            "--no-config",
            "--baseline",
            "b.yaml",
            "--max-file-size",
            "4K",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("over the limit"), "{}", out.stderr);
    let out = factcheck_in(
        Some(t.path()),
        &["run", "articles", "--max-file-size", "lots"],
    );
    assert_eq!(out.code, 2);
}

// ---------------------------------------------------------------------------------------
// 4. Outputs keep the usual permissions.

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

#[test]
fn outputs_get_the_umask_mode_or_keep_the_mode_they_replace() {
    use std::os::unix::fs::PermissionsExt;
    let t = tempdir();
    articles(t.path(), "articles");
    let bin = env!("CARGO_BIN_EXE_factcheck");
    let run_umask = |umask: &str, args: &str| {
        let st = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask}; exec '{bin}' {args}"))
            .current_dir(t.path())
            .env("NO_COLOR", "1")
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert_ne!(st.code(), Some(2), "{args}");
    };
    // New files: 0666 less the umask.
    run_umask(
        "022",
        "run articles --no-config --format json -o new-022.json",
    );
    assert_eq!(mode(&t.path().join("new-022.json")), 0o644);
    run_umask(
        "027",
        "run articles --no-config --format sarif -o new-027.sarif",
    );
    assert_eq!(mode(&t.path().join("new-027.sarif")), 0o640);
    run_umask("022", "baseline --corpus articles --no-config -o base.yaml");
    assert_eq!(mode(&t.path().join("base.yaml")), 0o644);
    run_umask("022", "claims articles --no-config -o shard.jsonl");
    assert_eq!(mode(&t.path().join("shard.jsonl")), 0o644);
    // Replaced files keep their mode, whatever the umask; the content is new.
    for m in [0o644, 0o600, 0o664] {
        let p = t.path().join("report.json");
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
        run_umask(
            "077",
            "run articles --no-config --format json -o report.json",
        );
        assert_eq!(mode(&p), m);
        assert!(std::fs::read_to_string(&p).unwrap().starts_with('{'));
    }
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".factcheck-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn an_output_that_is_not_a_regular_file_is_written_in_place() {
    // A FIFO stands for /dev/null or /dev/stdout: renaming over it would put a file where
    // the device was.
    let t = tempdir();
    articles(t.path(), "articles");
    let fifo = t.path().join("out.pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = bounded(
        t.path(),
        &[
            "run",
            "articles",
            "--no-config",
            "--format",
            "json",
            "-o",
            "out.pipe",
        ],
    );
    assert_ne!(out.code, 2, "{}", out.stderr);
    let text = reader.join().unwrap();
    assert!(text.starts_with('{'), "{text}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}
