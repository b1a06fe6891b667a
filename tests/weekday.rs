//! `weekday-mismatch`: a weekday written next to a date on which the date does not fall.
//! The sentences are our own; 4 February 2025 is a Tuesday.

mod cli_support;
use cli_support::*;

/// Run on one article published on 6 February 2025; the JSON report.
fn report_of(body: &str) -> serde_json::Value {
    let dir = tempdir();
    let path = dir.path().join("article.md");
    std::fs::write(
        &path,
        format!("---\ntitle: \"晨星电器新闻\"\ndate: \"2025-02-06\"\n---\n\n{body}\n"),
    )
    .unwrap();
    let out = factcheck(&[
        "run",
        s(dir.path()),
        "--format",
        "json",
        "--no-config",
        "--fail-on",
        "error",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.json()
}

/// The weekday findings, each with the text of its claim.
fn mismatches(report: &serde_json::Value) -> Vec<(String, String)> {
    let claims = report["claims"].as_array().unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "weekday-mismatch")
        .map(|f| {
            assert_eq!(f["severity"], "warning");
            let id = &f["claims"][0];
            let c = claims.iter().find(|c| &c["id"] == id).expect("its claim");
            (
                c["text"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn weekday_claims(report: &serde_json::Value) -> usize {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["predicate"] == "weekday-of-date")
        .count()
}

#[test]
fn a_weekday_that_contradicts_its_day_is_a_warning() {
    let r = report_of("晨星电器周一（4日）宣布在杭州开设第一家旗舰店。");
    let m = mismatches(&r);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "周一（4日）");
    assert!(
        m[0].1.contains("2025-02-04") && m[0].1.contains("is a Tuesday, not a Monday"),
        "{}",
        m[0].1
    );
}

#[test]
fn traditional_script_and_a_full_date_before_the_weekday() {
    let r = report_of("晨星電器於2025年2月4日（星期三）公布新款吸塵器。");
    let m = mismatches(&r);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].0, "2025年2月4日（星期三）");
    assert!(m[0].1.contains("not a Wednesday"), "{}", m[0].1);
}

#[test]
fn a_weekday_that_fits_its_date_gives_nothing() {
    let r =
        report_of("晨星电器星期二（2月4日）发布了新款吸尘器。周二（4日）下午，门店排起了长队。");
    assert_eq!(weekday_claims(&r), 2, "both pairs are read");
    assert!(mismatches(&r).is_empty());
}

#[test]
fn last_weeks_day_with_its_date() {
    // 31 January 2025 was a Friday.
    let ok = report_of("晨星电器上周五（1月31日）发布了年度报告。");
    assert_eq!(weekday_claims(&ok), 1);
    assert!(mismatches(&ok).is_empty());
    let wrong = report_of("晨星电器上周四（1月31日）发布了年度报告。");
    let m = mismatches(&wrong);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].1.contains("is a Friday, not a Thursday"), "{}", m[0].1);
}

#[test]
fn a_weekday_without_a_date_gives_nothing() {
    let r = report_of("晨星电器周一宣布裁员，公司每周三召开例会，上周五股价下跌4%。");
    assert_eq!(weekday_claims(&r), 0);
    assert!(mismatches(&r).is_empty());
}

#[test]
fn english_weekdays() {
    let r = report_of(
        "Morningstar Appliances said on Monday, Feb. 4, 2025, that it would open a flagship store.",
    );
    let m = mismatches(&r);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].0.starts_with("Monday, Feb. 4"), "{}", m[0].0);
    assert!(m[0].1.contains("is a Tuesday, not a Monday"), "{}", m[0].1);
    let ok = report_of("The store opened on Tuesday (Feb 4) and sold out by noon.");
    assert_eq!(weekday_claims(&ok), 1);
    assert!(mismatches(&ok).is_empty());
    let none = report_of("The store opened on Tuesday and sold out by noon.");
    assert_eq!(weekday_claims(&none), 0);
}
