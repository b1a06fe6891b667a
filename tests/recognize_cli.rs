//! `factcheck recognize --jsonl` end to end: one output line per input line, in order, with
//! the values the conformance contract asks for; a malformed line still yields a line.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn run(input: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["recognize", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start factcheck");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit status {:?}", out.status);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

fn entities(v: &Value) -> &Vec<Value> {
    v["entities"].as_array().expect("entities array")
}

fn has(v: &Value, kind: &str, key: &str, want: &Value) -> bool {
    entities(v)
        .iter()
        .any(|e| e["kind"] == kind && &e[key] == want)
}

#[test]
fn one_line_out_per_line_in_with_values() {
    let input = concat!(
        r#"{"text": "公司去年营收417.78亿元，增长12.5%，员工五万余人", "lang": "zh", "reference": "2025-03-01T00:00:00"}"#,
        "\n",
        "this is not json\n",
        r#"{"text": "On Aug. 21, 2025 it raised US$6bn from between 20 and 30 investors", "lang": "en", "reference": null}"#,
        "\n",
        r#"{"lang": "zh"}"#,
        "\n",
        r#"{"text": "去年12月，兩億港元", "lang": "zh", "reference": "2025-09-15T08:00:00"}"#,
        "\n",
    );
    let out = run(input);
    assert_eq!(out.len(), 5, "{out:?}");
    let first = &out[0];
    assert!(
        has(first, "money", "amount", &serde_json::json!(41778000000i64)),
        "{first}"
    );
    assert!(has(first, "money", "currency", &serde_json::json!("CNY")));
    assert!(has(first, "percent", "value", &serde_json::json!(12.5)));
    assert!(has(first, "number", "value", &serde_json::json!(50000)));
    assert!(has(first, "range", "min", &serde_json::json!(50000)));
    assert!(has(first, "date", "value", &serde_json::json!("2024")));
    assert!(entities(&out[1]).is_empty());
    let third = &out[2];
    assert!(
        has(third, "date", "value", &serde_json::json!("2025-08-21")),
        "{third}"
    );
    assert!(has(third, "money", "currency", &serde_json::json!("USD")));
    assert!(has(third, "range", "max", &serde_json::json!(30)));
    assert!(entities(&out[3]).is_empty());
    // traditional script: the text field is the original slice
    let fifth = &out[4];
    assert!(
        has(fifth, "date", "value", &serde_json::json!("2024-12")),
        "{fifth}"
    );
    assert!(
        has(fifth, "money", "original", &serde_json::json!("兩億港元")),
        "{fifth}"
    );
    assert!(has(fifth, "money", "amount", &serde_json::json!(200000000)));
}

#[test]
fn empty_input_gives_empty_output() {
    assert!(run("").is_empty());
}

/// The conformance scorer over the Recognizers-Text specs, when `../shared` is present.
#[test]
fn conformance_at_least_90_percent() {
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/conformance");
    if !scorer.exists() {
        eprintln!("note: {} absent, conformance not run", scorer.display());
        return;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("note: python3 absent, conformance not run");
        return;
    }
    let out = Command::new("python3")
        .arg(&scorer)
        .args(["--min", "90", "--"])
        .arg(env!("CARGO_BIN_EXE_factcheck"))
        .args(["recognize", "--jsonl"])
        .output()
        .expect("run the scorer");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "conformance under 90%:\n{report}");
    assert!(report.contains("conformance:"), "{report}");
}
