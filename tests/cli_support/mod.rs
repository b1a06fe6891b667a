//! Helpers shared by the `cli_*` integration tests: run the built binary, copy fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Run `factcheck` with `args` in `dir` (the package root when `None`).
pub fn factcheck_in(dir: Option<&Path>, args: &[&str]) -> Out {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factcheck"));
    cmd.args(args).env("NO_COLOR", "1").env("COLUMNS", "100");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let o = cmd.output().expect("the binary runs");
    Out {
        code: o.status.code().expect("an exit code"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

pub fn factcheck(args: &[&str]) -> Out {
    factcheck_in(None, args)
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("factcheck-cli-test-")
        .tempdir()
        .expect("a temp dir")
}

/// Copy a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// The lint fixture (corpus + new article) copied into `dir/lint`.
pub fn lint_fixture(dir: &Path) -> PathBuf {
    let to = dir.join("lint");
    copy_dir(Path::new("tests/fixtures/lint"), &to);
    to
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Kinds of the findings of a JSON report.
pub fn kinds(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap().to_string())
        .collect()
}

/// The ids of the claims of the document whose path ends with `suffix`.
pub fn claims_of(report: &serde_json::Value, suffix: &str) -> Vec<String> {
    let doc = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no document {suffix}"));
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["doc"] == doc["id"])
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}
