//! The integrations docs/ci.md documents, exercised: the pre-commit hooks of
//! `.pre-commit-hooks.yaml` (each `entry` run on a fixture repository), the lint step of the
//! composite action `action.yml`, `factcheck completions`, a help text for every flag, and
//! `rules test` with a filter that matches nothing.

mod cli_support;
use cli_support::{copy_dir, factcheck, tempdir};
use std::path::{Path, PathBuf};
use std::process::Command;

const NEW: &str = "tests/fixtures/lint/new/kestral-k2-review.md";
const CORPUS: &str = "tests/fixtures/lint/corpus";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(path: &str) -> serde_yaml::Value {
    serde_yaml::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

/// A repository as docs/ci.md has it: the agreed articles and the new one in `articles/`.
fn repo() -> tempfile::TempDir {
    let dir = tempdir();
    copy_dir(&root().join(CORPUS), &dir.path().join("articles"));
    std::fs::copy(
        root().join(NEW),
        dir.path().join("articles/kestral-k2-review.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "# notes\n").unwrap();
    dir
}

/// A PATH whose `factcheck` is the binary under test.
fn path_with_factcheck() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_factcheck"));
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
fn every_pre_commit_hook_entry_lints_the_staged_articles() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_sequence().expect("a list of hooks");
    assert!(!hooks.is_empty());
    let repo = repo();
    for hook in hooks {
        let id = hook["id"].as_str().unwrap();
        for key in ["name", "entry", "language", "files"] {
            assert!(hook[key].as_str().is_some(), "{id}: no {key}");
        }
        // pre-commit passes the staged files its `files` pattern matches.
        let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
        let staged = ["articles/kestral-k2-review.md", "README.md"];
        let passed: Vec<&str> = staged.into_iter().filter(|f| files.is_match(f)).collect();
        assert_eq!(passed, ["articles/kestral-k2-review.md"], "{id}");
        let entry: Vec<&str> = hook["entry"].as_str().unwrap().split_whitespace().collect();
        assert_eq!(entry[0], "factcheck", "{id}");
        let out = Command::new(entry[0])
            .args(&entry[1..])
            .args(&passed)
            .current_dir(repo.path())
            .env("PATH", path_with_factcheck())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        // The misspelt maker in the new article fails the commit.
        assert_eq!(out.status.code(), Some(1), "{id}: {stdout}");
        assert!(stdout.contains("Kestral"), "{id}: {stdout}");
    }
}

#[test]
fn the_actions_lint_step_writes_sarif_and_its_exit_code() {
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_sequence().unwrap();
    let install = steps[0]["run"].as_str().unwrap();
    assert!(install.contains("cargo install") && install.contains("GITHUB_ACTION_PATH"));
    assert!(steps
        .iter()
        .any(|s| s["uses"].as_str() == Some("github/codeql-action/upload-sarif@v3")));
    let lint = steps
        .iter()
        .find(|s| s["id"].as_str() == Some("lint"))
        .expect("a lint step");
    let script = lint["run"].as_str().unwrap();
    // Every variable the script reads is set by the step from an input or the context.
    for var in lint["env"].as_mapping().unwrap().keys() {
        assert!(script.contains(var.as_str().unwrap()), "{var:?} unused");
    }
    let repo = repo();
    let output = repo.path().join("github-output");
    let input = |k: &str| action["inputs"][k]["default"].as_str().unwrap().to_string();
    // As GitHub runs a `shell: bash` step.
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(repo.path())
        .env("PATH", path_with_factcheck())
        .env("RUNNER_TEMP", repo.path())
        .env("GITHUB_OUTPUT", &output)
        .env("FACTCHECK_CORPUS", input("corpus"))
        .env("FACTCHECK_NEW", "articles/kestral-k2-review.md")
        .env("FACTCHECK_BASELINE", input("baseline"))
        .env("FACTCHECK_FAIL_ON", input("fail-on"))
        .env("FACTCHECK_SARIF", input("sarif-file"))
        .env("FACTCHECK_ARGS", "--no-config")
        .env("BASE_REF", "main")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written.trim(), "exit-code=1");
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join(input("sarif-file"))).unwrap(),
    )
    .unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = factcheck(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("factcheck"), "{shell}");
        assert!(out.stdout.contains("baseline"), "{shell}");
    }
    assert!(factcheck(&["completions", "bash"])
        .stdout
        .contains("--format"));
    assert_eq!(factcheck(&["completions", "tcsh"]).code, 2);
}

#[test]
fn every_flag_and_argument_has_a_help_text() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{path} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_about().is_none() && sub.get_name() != "help" {
                missing.push(format!("{path} {} (command)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&factcheck::cli::Cli::command(), "factcheck", &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}

#[test]
fn rules_test_with_a_filter_that_matches_nothing_is_a_usage_error() {
    let out = factcheck(&["rules", "test", "zzzz-no-such-rule"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("no rule id contains"), "{}", out.stderr);
}
