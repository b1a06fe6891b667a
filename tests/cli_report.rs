//! The reports an editor reads: the compact terminal report (one snippet per article and
//! value, `--verbose` for every occurrence, a cap on a finding's lines), no location
//! repeated in any format, values as the articles write them, and `--color`.
//! Fixture articles: tests/fixtures/compact (our own sentences).

mod cli_support;
use cli_support::{factcheck, factcheck_in};
use std::collections::HashSet;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/compact";

#[test]
fn one_snippet_per_article_and_value_with_the_rest_counted() {
    let out = factcheck(&["run", FIXTURE]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = &out.stdout;
    // The name the first article repeats six times is drawn once, at its first place.
    assert_eq!(
        text.matches("├─ tests/fixtures/compact/a-daily.md").count(),
        2
    );
    assert!(
        text.contains("Corvantis — 2 sources (and 5 more in this article)"),
        "{text}"
    );
    // Values as written: the year with its character, the traditional text as it is.
    assert!(text.contains("2018 年 — 1 source"), "{text}");
    assert!(text.contains("該公司成立於 2019 年"), "{text}");
    for line in text.lines() {
        assert!(textwrap::core::display_width(line) <= 100, "{line}");
    }
}

#[test]
fn verbose_shows_every_occurrence() {
    let out = factcheck(&["run", "--verbose", FIXTURE]);
    let text = &out.stdout;
    assert!(!text.contains("more in this article"), "{text}");
    // Both places on line 9 of the first article.
    assert!(text.contains("a-daily.md:9:1\n"), "{text}");
    assert!(text.contains("a-daily.md:9:29"), "{text}");
}

/// `path:line:col` locations of every format, per finding: none repeated.
#[test]
fn no_format_repeats_a_location() {
    let md = factcheck(&["run", "--format", "markdown", FIXTURE]).stdout;
    for section in md.split("\n### ").skip(1) {
        let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| ")).collect();
        let keys: HashSet<(&str, &str)> = rows
            .iter()
            .skip(1)
            .map(|r| {
                let cells: Vec<&str> = r.split(" | ").collect();
                (cells[0], cells[1])
            })
            .collect();
        assert_eq!(keys.len(), rows.len() - 1, "{section}");
    }
    assert!(md.contains("and 5 more in this article"), "{md}");

    let gh = factcheck(&["run", "--format", "github", FIXTURE]).stdout;
    let lines: Vec<&str> = gh.lines().map(|l| l.split("::").nth(1).unwrap()).collect();
    let unique: HashSet<&&str> = lines.iter().collect();
    assert_eq!(unique.len(), lines.len(), "{gh}");

    let sarif = factcheck(&["run", "--format", "sarif", FIXTURE]).json();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let locs = result["locations"].as_array().unwrap();
        let keys: HashSet<String> = locs
            .iter()
            .map(|l| l["physicalLocation"].to_string())
            .collect();
        assert_eq!(keys.len(), locs.len(), "{result}");
    }
}

#[test]
fn color_follows_the_flag_and_the_environment() {
    let always = factcheck(&["run", "--color", "always", FIXTURE]).stdout;
    assert!(always.contains("\x1b["));
    let never = factcheck(&["run", "--color", "never", FIXTURE]).stdout;
    assert!(!never.contains('\x1b'));
    // Not a terminal: no colour, unless FORCE_COLOR says so.
    let auto = factcheck(&["run", FIXTURE]).stdout;
    assert!(!auto.contains('\x1b'));
    let forced = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["run", FIXTURE])
        .env("FORCE_COLOR", "1")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b["));
}

/// The seeds' terminal report fits on a screen or two, and every finding still names each
/// article it involves.
#[test]
fn the_seeds_report_is_compact_and_names_every_article() {
    let seeds = Path::new("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no ../shared/seeds");
        return;
    }
    let human = factcheck_in(None, &["run", "../shared/seeds"]).stdout;
    let lines = human.lines().count();
    assert!(lines <= 80, "{lines} lines:\n{human}");
    let report = factcheck(&["run", "--format", "json", "../shared/seeds"]).json();
    let path_of = |doc: &str| -> String {
        report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == doc)
            .map(|d| d["path"].as_str().unwrap().to_string())
            .unwrap()
    };
    let blocks: Vec<&str> = human.split("\n\n").collect();
    for (i, f) in report["findings"].as_array().unwrap().iter().enumerate() {
        let claims: HashSet<&str> = f["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        let docs: HashSet<String> = report["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| claims.contains(c["id"].as_str().unwrap()))
            .map(|c| path_of(c["doc"].as_str().unwrap()))
            .collect();
        for d in docs {
            assert!(blocks[i].contains(&d), "{d} not named in:\n{}", blocks[i]);
        }
    }
}
