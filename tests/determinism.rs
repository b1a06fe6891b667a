//! The JSON report is byte-identical across runs, thread counts (`RAYON_NUM_THREADS`), and
//! the order and form in which the paths are given (a directory, its files, its files in
//! reverse), on the project's own fixtures.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &[&str] = &["docs/examples/appointment", "tests/fixtures"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `factcheck run --format json ARGS` from the crate root: (exit code, stdout).
fn run(args: &[PathBuf], threads: usize) -> (i32, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .current_dir(root())
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("NO_COLOR", "1")
        .args(["run", "--format", "json"])
        .args(args)
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), out.stdout)
}

/// The article files under `dir`, as relative paths, in walk order.
fn files_of(dir: &str) -> Vec<PathBuf> {
    let mut problems = Vec::new();
    let abs = factcheck::ingest::walk::expand(&[root().join(dir)], &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    abs.iter()
        .map(|p| p.strip_prefix(root()).unwrap().to_path_buf())
        .collect()
}

fn assert_same(what: &str, a: &(i32, Vec<u8>), b: &(i32, Vec<u8>)) {
    assert_eq!(a.0, b.0, "{what}: exit codes differ");
    if a.1 != b.1 {
        let (x, y) = (String::from_utf8_lossy(&a.1), String::from_utf8_lossy(&b.1));
        let line = x
            .lines()
            .zip(y.lines())
            .position(|(p, q)| p != q)
            .unwrap_or(0);
        panic!(
            "{what}: reports differ from line {}:\n{}\nvs\n{}",
            line + 1,
            x.lines().nth(line).unwrap_or(""),
            y.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn same_report_across_runs_threads_and_path_order() {
    for dir in FIXTURES {
        let as_dir = vec![PathBuf::from(dir)];
        let files = files_of(dir);
        assert!(files.len() > 1, "{dir}: {files:?}");
        let mut reversed = files.clone();
        reversed.reverse();

        let reference = run(&as_dir, 1);
        assert!(!reference.1.is_empty());
        let report: serde_json::Value = serde_json::from_slice(&reference.1).unwrap();
        assert!(!report["claims"].as_array().unwrap().is_empty(), "{dir}");

        assert_same(&format!("{dir}: run twice"), &reference, &run(&as_dir, 1));
        assert_same(
            &format!("{dir}: 1 vs 4 threads"),
            &reference,
            &run(&as_dir, 4),
        );
        assert_same(
            &format!("{dir}: directory vs files"),
            &reference,
            &run(&files, 4),
        );
        assert_same(
            &format!("{dir}: files in reverse"),
            &reference,
            &run(&reversed, 2),
        );
        // The same files named twice, and the directory next to its own files.
        let mut twice = reversed.clone();
        twice.extend(files.iter().cloned());
        twice.push(PathBuf::from(dir));
        assert_same(&format!("{dir}: duplicates"), &reference, &run(&twice, 4));
    }
}

/// In-process too: two runs of the pipeline give equal reports.
#[test]
fn pipeline_runs_are_equal() {
    let paths: Vec<PathBuf> = FIXTURES.iter().map(|d| root().join(d)).collect();
    let a = factcheck::pipeline::run(&paths).report;
    let mut rev = paths.clone();
    rev.reverse();
    let b = factcheck::pipeline::run(&rev).report;
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}
