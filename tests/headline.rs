//! A headline that contradicts its own article: `headline-body`, a warning, naming both
//! claims; a headline whose figure the body also states is no finding.

mod cli_support;
use cli_support::{factcheck, tempdir};

fn write(dir: &std::path::Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn kinds(dir: &std::path::Path) -> Vec<(String, String)> {
    let out = factcheck(&["run", "--format", "json", dir.to_str().unwrap()]);
    out.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_headline_figure_the_body_contradicts_is_a_warning() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: \"青岚集团上半年营收80亿元\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收80亿元\n\n青岚集团今日公布，上半年营收约30亿元，同比增长12%。\n",
    );
    write(
        dir.path(),
        "b.md",
        "---\ntitle: \"青岚集团中期业绩\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收30亿元，同比增长12%。\n",
    );
    let found = kinds(dir.path());
    let hb: Vec<_> = found.iter().filter(|(k, _)| k == "headline-body").collect();
    assert_eq!(hb.len(), 1, "{found:?}");
    assert!(
        hb[0].1.contains("80亿元") && hb[0].1.contains("30亿元"),
        "{hb:?}"
    );
}

#[test]
fn a_headline_figure_the_body_restates_is_not() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "---\ntitle: \"青岚集团上半年营收30亿元\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收30亿元，同比增长12%。\n",
    );
    write(
        dir.path(),
        "b.md",
        "---\ntitle: \"青岚集团中期业绩\"\ndate: \"2026-07-30\"\n---\n\n青岚集团上半年营收约30亿元。\n",
    );
    let found = kinds(dir.path());
    assert!(
        !found.iter().any(|(k, _)| k == "headline-body"),
        "{found:?}"
    );
}
