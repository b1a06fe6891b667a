//! Inline suppression comments, and fingerprints that survive unrelated edits.

mod cli_support;
use cli_support::*;

const ARTICLE: &str = "new/kestral-k2-review.md";

fn lint_json(root: &std::path::Path) -> Out {
    factcheck(&[
        "lint",
        s(&root.join(ARTICLE)),
        "--corpus",
        s(&root.join("corpus")),
        "--format",
        "json",
        "--no-config",
    ])
}

#[test]
fn a_comment_with_a_reason_suppresses_the_rule_in_its_article() {
    let dir = tempdir();
    let root = lint_fixture(dir.path());
    let path = root.join(ARTICLE);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(
        "\n<!-- factcheck-ignore variant-spelling: the review spells the brand as printed on the box -->\n",
    );
    std::fs::write(&path, &text).unwrap();
    let out = lint_json(&root);
    let r = out.json();
    assert!(
        !kinds(&r).contains(&"variant-spelling".to_string()),
        "{}",
        out.stdout
    );
    let sup = r["suppressed"].as_array().unwrap();
    let s0 = sup
        .iter()
        .find(|s| s["kind"] == "variant-spelling")
        .expect("listed as suppressed");
    assert_eq!(s0["suppression"]["kind"], "inline");
    assert!(s0["suppression"]["path"]
        .as_str()
        .unwrap()
        .ends_with(ARTICLE));
    assert!(s0["suppression"]["reason"]
        .as_str()
        .unwrap()
        .contains("printed on the box"));
    // The span is the comment, in the bytes on disk.
    let span = s0["suppression"]["span"].as_array().unwrap();
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    assert!(text[a..b].starts_with("<!--") && text[a..b].ends_with("-->"));
    // Suppressed findings do not count for the exit code, nor show in the human report.
    let errors = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error");
    assert_eq!(out.code, i32::from(errors));
    let human = factcheck(&[
        "lint",
        s(&path),
        "--corpus",
        s(&root.join("corpus")),
        "--no-config",
    ]);
    assert!(!human.stdout.contains("Kestral"), "{}", human.stdout);
}

#[test]
fn a_comment_without_a_reason_is_a_problem_and_suppresses_nothing() {
    let dir = tempdir();
    let root = lint_fixture(dir.path());
    let path = root.join(ARTICLE);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\n<!-- factcheck-ignore variant-spelling -->\n");
    std::fs::write(&path, &text).unwrap();
    let out = lint_json(&root);
    assert_eq!(out.code, 1);
    let r = out.json();
    assert!(kinds(&r).contains(&"variant-spelling".to_string()));
    let p = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message"].as_str().unwrap().contains("no reason"))
        .expect("a problem");
    assert_eq!(p["severity"], "warning");
    assert!(p["path"].as_str().unwrap().ends_with(ARTICLE));
}

#[test]
fn a_comment_for_another_rule_does_not_suppress() {
    let dir = tempdir();
    let root = lint_fixture(dir.path());
    let other = root.join("corpus/01-jixian.md");
    let mut text = std::fs::read_to_string(&other).unwrap();
    text.push_str("\n<!-- factcheck-ignore stale: not this one -->\n");
    std::fs::write(&other, text).unwrap();
    let r = lint_json(&root).json();
    assert!(kinds(&r).contains(&"variant-spelling".to_string()));
}

#[test]
fn fingerprints_survive_an_unrelated_edit() {
    let dir = tempdir();
    let root = lint_fixture(dir.path());
    let fingerprints = |r: &serde_json::Value| -> Vec<String> {
        let mut v: Vec<String> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let before = lint_json(&root).json();
    // Rewrite the second sentence of the first body paragraph (a remark about the visit, no
    // fact the corpus states) and add a paragraph before it: every span and line moves.
    let path = root.join(ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.rfind("---\n").unwrap() + 4;
    let para_start = body + text[body..].find(|c: char| !c.is_whitespace()).unwrap();
    let para_end = para_start + text[para_start..].find('\n').unwrap();
    let first_stop = para_start + text[para_start..para_end].find('。').unwrap() + '。'.len_utf8();
    let edited = format!(
        "{}编者按：本文为上手体验。\n\n{}下午的试用安排得很紧凑。{}",
        &text[..para_start],
        &text[para_start..first_stop],
        &text[para_end..]
    );
    assert_ne!(edited, text);
    std::fs::write(&path, &edited).unwrap();
    let after = lint_json(&root).json();
    assert!(!fingerprints(&before).is_empty());
    assert_eq!(fingerprints(&before), fingerprints(&after));
    // The spans did move.
    assert_ne!(before["claims"], after["claims"]);
}
