//! One share-price move quoted by several sources: snapshots at different moments are an
//! info note that lists each moment, two different closes are a warning, a year-to-date gain
//! is another fact, and ranges of money compare whole. Articles of our own.

mod cli_support;
use cli_support::{factcheck, tempdir};

fn write(dir: &std::path::Path, name: &str, date: &str, body: &str) {
    std::fs::write(
        dir.join(name),
        format!("---\ntitle: \"晨星电器股价\"\ndate: \"{date}\"\n---\n\n{body}\n"),
    )
    .unwrap();
}

fn run(dir: &std::path::Path) -> serde_json::Value {
    factcheck(&["run", "--format", "json", dir.to_str().unwrap()]).json()
}

fn of_kind<'a>(json: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == kind)
        .collect()
}

#[test]
fn an_intraday_high_and_the_close_are_snapshots_noted_with_their_moments() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "2026-05-08",
        "晨星电器公布新品后，股价盘中一度大涨12%。",
    );
    write(
        dir.path(),
        "b.md",
        "2026-05-08",
        "Morningstar Appliances (晨星电器) shares closed 7.5% higher on Friday.",
    );
    let json = run(dir.path());
    let notes = of_kind(&json, "snapshots");
    assert_eq!(notes.len(), 1, "{:?}", json["findings"]);
    assert_eq!(notes[0]["severity"], "info");
    let message = notes[0]["message"].as_str().unwrap();
    assert!(
        message.contains("(intraday)") && message.contains("(close)"),
        "{message}"
    );
    assert!(
        of_kind(&json, "conflict").is_empty(),
        "{:?}",
        json["findings"]
    );
}

#[test]
fn two_different_closes_are_a_warning_and_equal_ones_agree() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "2026-05-08",
        "晨星科技股价周五收盘上涨4.2%。",
    );
    write(
        dir.path(),
        "b.md",
        "2026-05-08",
        "晨星科技股價周五收市升4.7%。",
    );
    let json = run(dir.path());
    let notes = of_kind(&json, "snapshots");
    assert_eq!(notes.len(), 1, "{:?}", json["findings"]);
    assert_eq!(notes[0]["severity"], "warning");

    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "2026-05-08",
        "晨星科技股价周五收盘上涨4.2%。",
    );
    write(
        dir.path(),
        "b.md",
        "2026-05-08",
        "晨星科技股價周五收市升4.2%。",
    );
    let json = run(dir.path());
    assert!(of_kind(&json, "snapshots").is_empty());
    let agree = json["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["predicate"] == "share-price-change" && a["verdict"] == "agree")
        .count();
    assert_eq!(agree, 1, "{:?}", json["alignments"]);
}

#[test]
fn a_year_to_date_gain_and_quotes_of_other_days_are_not_compared() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "2026-05-08",
        "晨星科技股价今年以来累计上涨60%。",
    );
    write(
        dir.path(),
        "b.md",
        "2026-05-08",
        "晨星科技股价周五收盘上涨4.2%。",
    );
    // A week later: another trading day.
    write(
        dir.path(),
        "c.md",
        "2026-05-15",
        "晨星科技股价周五收盘上涨1.3%。",
    );
    let json = run(dir.path());
    assert!(
        of_kind(&json, "snapshots").is_empty(),
        "{:?}",
        json["findings"]
    );
}

#[test]
fn a_range_of_money_compares_whole() {
    let dir = tempdir();
    write(
        dir.path(),
        "a.md",
        "2026-05-08",
        "晨星电器董事会批准，拟回购30亿元至40亿元股份。",
    );
    write(
        dir.path(),
        "b.md",
        "2026-05-08",
        "晨星電器董事會批准回購30億元至40億元股份。",
    );
    let json = run(dir.path());
    let claims = json["claims"].as_array().unwrap();
    let ranges: Vec<_> = claims
        .iter()
        .filter(|c| c["predicate"] == "buyback")
        .collect();
    assert_eq!(ranges.len(), 2, "{claims:?}");
    for c in &ranges {
        assert_eq!(c["value"]["type"], "money");
        assert_eq!(c["value"]["min"], 3e9);
        assert_eq!(c["value"]["max"], 4e9);
    }
    let agree = json["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["predicate"] == "buyback" && a["verdict"] == "agree");
    assert!(agree, "{:?}", json["alignments"]);
}
