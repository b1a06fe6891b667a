//! Restated figures (`src/reconcile/restated.rs`): one distinctive figure stated by two
//! sources is one fact, matched by value, even where attribution differs; figures that only
//! look alike are never matched. Articles of our own.

mod cli_support;
use cli_support::{factcheck, tempdir};
use serde_json::Value;

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The report's alignments, each as the texts of its claims.
fn alignments(dir: &std::path::Path) -> Vec<(String, Vec<String>)> {
    let out = factcheck(&["run", "--format", "json", dir.to_str().unwrap()]);
    let r = out.json();
    let text = |id: &Value| -> String {
        r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| &c["id"] == id)
            .map(|c| c["text"].as_str().unwrap().to_string())
            .unwrap()
    };
    r["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["verdict"].as_str().unwrap().to_string(),
                a["claims"].as_array().unwrap().iter().map(text).collect(),
            )
        })
        .collect()
}

fn holding<'a>(
    found: &'a [(String, Vec<String>)],
    a: &str,
    b: &str,
) -> Vec<&'a (String, Vec<String>)> {
    found
        .iter()
        .filter(|(_, texts)| texts.iter().any(|t| t == a) && texts.iter().any(|t| t == b))
        .collect()
}

const ZH: &str = "---\ntitle: \"海川物流发布年报\"\ndate: \"2026-03-02\"\nsource: \"甲报\"\n---\n\n海川物流周一发布年报。公司表示，2025年经其网络寄送的包裹逾27.4亿件，一季度营收41.5亿元，比上年增长8.3%。\n";

const EN: &str = "---\ntitle: \"Haichuan Logistics posts annual report\"\ndate: \"2026-03-02\"\nsource: \"B Daily\"\n---\n\nHaichuan Logistics published its annual report on Monday. In 2025, more than 2.74 billion parcels went through its network, the company said. Second-quarter revenue was 4.15 billion yuan, and the shares closed 8.3 percent higher.\n";

#[test]
fn one_figure_in_two_scripts_and_notations_agrees() {
    let dir = tempdir();
    write(dir.path(), "a.md", ZH);
    write(dir.path(), "b.md", EN);
    let found = alignments(dir.path());
    let both = holding(&found, "逾27.4亿件", "more than 2.74 billion");
    assert_eq!(both.len(), 1, "{found:?}");
    assert_eq!(both[0].0, "agree");
}

#[test]
fn figures_that_only_look_alike_are_not_matched() {
    let dir = tempdir();
    write(dir.path(), "a.md", ZH);
    write(dir.path(), "b.md", EN);
    let found = alignments(dir.path());
    // Two periods: first-quarter revenue is not second-quarter revenue, whatever the digits.
    assert!(
        holding(&found, "41.5亿元", "4.15 billion yuan").is_empty(),
        "{found:?}"
    );
    // A bare percent of two digits (a share move) is not the growth of the same digits.
    assert!(
        holding(&found, "8.3%", "8.3 percent").is_empty(),
        "{found:?}"
    );
}

#[test]
fn a_one_digit_figure_matches_only_as_written() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: \"青岚集团\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收超过1亿元。\n",
    );
    write(
        dir.path(),
        "b.md",
        "---\ntitle: \"青岚集团中期\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收6700万元。\n",
    );
    write(
        dir.path(),
        "c.md",
        "---\ntitle: \"青嵐集團中期業績\"\ndate: \"2026-07-30\"\n---\n\n青嵐集團上半年營收超過1億元，比去年同期多出兩成。\n",
    );
    let found = alignments(dir.path());
    // More than 1亿 and 6700万 disagree: compared, and not found equal.
    let apart = holding(&found, "超过1亿元", "6700万元");
    assert!(apart.iter().all(|(v, _)| v != "agree"), "{found:?}");
    let same = holding(&found, "超过1亿元", "超過1億元");
    assert!(same.iter().any(|(v, _)| v == "agree"), "{found:?}");
}

#[test]
fn copies_of_one_article_are_one_source_and_match_nothing() {
    let dir = tempdir();
    write(dir.path(), "a.md", EN);
    write(dir.path(), "b.md", &EN.replace("B Daily", "C Wire"));
    let found = alignments(dir.path());
    assert!(found.is_empty(), "{found:?}");
}
