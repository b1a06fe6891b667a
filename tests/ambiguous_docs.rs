//! A document that gives one key two values is describing two facts: the value near another
//! source's figure is that fact (misprinted in one of them), the far one is another fact and
//! is never compared. An amount written without its currency (营收418亿) compares with the
//! amounts of its measure. Articles of our own.

mod cli_support;
use cli_support::{factcheck, tempdir};

fn write(dir: &std::path::Path, name: &str, body: &str) {
    std::fs::write(
        dir.join(name),
        format!("---\ntitle: \"晨星电器季度业绩\"\ndate: \"2026-07-30\"\n---\n\n{body}\n"),
    )
    .unwrap();
}

#[test]
fn a_misprint_in_a_document_with_two_values_is_still_found() {
    let dir = tempdir();
    write(dir.path(), "a.md", "晨星科技第二季度净利润为63.42亿元。");
    // The second article also gives another company's quarter, unnamed, under the same key.
    write(
        dir.path(),
        "b.md",
        "晨星科技第二季度净利润为63.24亿元。同行业的另一家公司第二季度净利润5.18亿元。",
    );
    let out = factcheck(&["run", "--format", "json", dir.path().to_str().unwrap()]);
    let findings = out.json()["findings"].as_array().unwrap().clone();
    let conflict: Vec<_> = findings
        .iter()
        .filter(|f| f["kind"] == "conflict")
        .collect();
    assert_eq!(conflict.len(), 1, "{findings:?}");
    let message = conflict[0]["message"].as_str().unwrap();
    assert!(
        message.contains("63.42") && message.contains("63.24"),
        "{message}"
    );
    assert!(!message.contains("5.18"), "{message}");
}

#[test]
fn an_amount_without_its_currency_agrees_with_the_amount_in_one() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "晨星科技上半年营收为356.81亿元，同比增长12%。",
    );
    write(dir.path(), "b.md", "晨星科技上半年营收357亿，再创新高。");
    let out = factcheck(&["run", "--format", "json", dir.path().to_str().unwrap()]);
    let json = out.json();
    let claims = json["claims"].as_array().unwrap();
    let text_of = |id: &serde_json::Value| {
        claims
            .iter()
            .find(|c| c["id"] == *id)
            .map(|c| c["text"].as_str().unwrap().to_string())
            .unwrap()
    };
    let agree = json["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["verdict"] == "agree" && a["predicate"] == "revenue")
        .map(|a| {
            a["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(text_of)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    assert!(
        agree.iter().any(
            |t| t.iter().any(|x| x.contains("356.81")) && t.iter().any(|x| x.contains("357亿"))
        ),
        "{agree:?}"
    );
}
