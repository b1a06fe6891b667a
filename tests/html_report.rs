//! `--format html`: the page of docs/examples/appointment, checked as text (every alignment
//! one matrix row, every dated claim one timeline row, no external resource) and, when
//! Chromium is installed (.ci/run installs Debian's `chromium`), rendered headless: no
//! console message, the same row counts in the DOM after scripts ran, and a screenshot in
//! target/html-report/ for a person to look at. `FACTCHECK_REQUIRE_CHROMIUM=1` makes a
//! missing Chromium a failure instead of a skip.

mod cli_support;
use cli_support::factcheck;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLE: &str = "docs/examples/appointment";

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/html-report");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The page, and the counts the JSON report says it must have: (alignments, dated facts).
/// Each test writes its own file (tests run at once).
fn page(name: &str) -> (PathBuf, usize, usize) {
    let path = out_dir().join(name);
    let out = factcheck(&[
        "run",
        "--format",
        "html",
        "-o",
        path.to_str().unwrap(),
        EXAMPLE,
    ]);
    assert!(out.code <= 1, "{}", out.stderr);
    let report = factcheck(&["run", "--format", "json", EXAMPLE]).json();
    let alignments = report["alignments"].as_array().unwrap().len();
    // The timeline's points: dated claims (an as_of, or a date value with its year), not
    // mentions, one per entity, fact, date, value as written and document.
    let mut points = HashSet::new();
    for c in report["claims"].as_array().unwrap() {
        let pred = c["predicate"].as_str().unwrap();
        if pred.starts_with("mentions") {
            continue;
        }
        let date = if c["value"]["type"] == "date" {
            c["value"]["value"].as_str().unwrap().to_string()
        } else if let Some(a) = c["qualifiers"]["as_of"].as_str() {
            a.to_string()
        } else {
            continue;
        };
        let bare = date
            .trim_start_matches("before ")
            .trim_start_matches("after ")
            .trim_start_matches("since ");
        if !bare
            .get(..4)
            .is_some_and(|y| y.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let title = c["qualifiers"]["title"].as_str().unwrap_or("");
        points.insert((
            c["subject"].to_string(),
            format!("{pred}{title}"),
            date,
            c["text"].to_string(),
            c["doc"].to_string(),
        ));
    }
    (path, alignments, points.len())
}

#[test]
fn the_page_is_self_contained_with_a_matrix_and_timelines() {
    let (path, alignments, points) = page("appointment-text.html");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(alignments > 0 && points > 0);
    assert_eq!(html.matches("<tr class=\"fact\"").count(), alignments);
    assert_eq!(html.matches("<tr class=\"point\"").count(), points);
    // Nothing is fetched: no external script, style, font or image.
    for needle in ["src=\"http", "href=\"http", "@import", "url(", "<link"] {
        assert!(!html.contains(needle), "{needle} in the page");
    }
    // Accessible structure: headings, captions, header cells with scope.
    for needle in [
        "<h1>",
        "<h2 id=\"matrix-h\">",
        "<caption>",
        "scope=\"col\"",
        "scope=\"row\"",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    // Findings most severe first: the error before the infos.
    let err = html.find("class=\"finding error\"").unwrap();
    let info = html.find("class=\"finding info\"").unwrap();
    assert!(err < info);
    // Every document in the header, with its outlet and date.
    for d in [
        "01-qianyanpai.md",
        "05-ludao.txt",
        "2025-02-11",
        "qianyanpai",
    ] {
        assert!(html.contains(d), "{d} missing");
    }
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        if let Some(p) = found.filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
    }
    None
}

/// Chromium headless with a fresh profile and nothing that reaches the network.
fn headless(bin: &Path, profile: &Path, extra: &[&str], url: &str) -> std::process::Output {
    Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs")
}

#[test]
fn chromium_renders_the_page_without_console_errors() {
    let Some(bin) = chromium() else {
        if std::env::var_os("FACTCHECK_REQUIRE_CHROMIUM").is_some() {
            panic!("no chromium, and FACTCHECK_REQUIRE_CHROMIUM is set");
        }
        eprintln!("skipped: no chromium (apt-get install -y chromium)");
        return;
    };
    let (path, alignments, points) = page("appointment.html");
    let url = format!("file://{}", path.display());
    let profile = tempfile::Builder::new()
        .prefix("factcheck-chromium-")
        .tempdir()
        .unwrap();
    let dom = headless(&bin, profile.path(), &["--dump-dom"], &url);
    let stderr = String::from_utf8_lossy(&dom.stderr);
    let console: Vec<&str> = stderr.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "console messages:\n{}",
        console.join("\n")
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(
        dom.matches("<tr class=\"fact\"").count(),
        alignments,
        "{dom}"
    );
    assert_eq!(dom.matches("<tr class=\"point\"").count(), points);

    let shot = out_dir().join("appointment.png");
    let _ = std::fs::remove_file(&shot);
    let out = headless(
        &bin,
        profile.path(),
        &[
            "--window-size=1280,4000",
            &format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("screenshot: {}", shot.display());
}
