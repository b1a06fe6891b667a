//! Analysts' consensus from two providers differs without either outlet being wrong: a
//! disagreement on a `consensus` figure is an info, not an error. Articles of our own.

mod cli_support;
use cli_support::{factcheck, tempdir};

#[test]
fn two_consensus_figures_are_a_note_not_an_alarm() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("a.md"),
        "---\ntitle: \"晨星电器季度业绩\"\ndate: \"2026-07-30\"\n---\n\n晨星科技第二季度营收为88.1亿元，高于市场预期的85.6亿元。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "---\ntitle: \"晨星電器業績\"\ndate: \"2026-07-30\"\n---\n\n晨星科技第二季度營收為88.1億元，高於市場預期的86.2億元。\n",
    )
    .unwrap();
    let out = factcheck(&["run", "--format", "json", dir.path().to_str().unwrap()]);
    let findings = out.json()["findings"].as_array().unwrap().clone();
    let consensus: Vec<_> = findings
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("consensus"))
        .collect();
    assert_eq!(consensus.len(), 1, "{findings:?}");
    assert_eq!(consensus[0]["severity"], "info", "{findings:?}");
}
