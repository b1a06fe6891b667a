//! Reconciliation quality, checked the way `../shared/tools/check-report` checks it: for each
//! corpus with an `EXPECTED.yaml` (the project's own fixtures, and the shared stories when
//! `../shared` is beside the checkout), the required findings are found at an allowed
//! severity, every agreement is extracted on both sides and never flagged as error or
//! warning, and no error or warning is left unexplained beyond what the corpus allows.

use factcheck::model::{Report, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Side {
    #[serde(default)]
    doc_any: Vec<String>,
    says_any: Vec<serde_yaml::Value>,
}

#[derive(Deserialize)]
struct MustFind {
    id: String,
    severity: Vec<String>,
    involves: Vec<Side>,
    #[serde(default)]
    optional: bool,
}

#[derive(Deserialize)]
struct MustNotFlag {
    id: String,
    sides: Vec<Side>,
}

#[derive(Deserialize)]
struct DocWant {
    published: Option<String>,
    #[serde(default)]
    source_any: Vec<String>,
}

#[derive(Deserialize)]
struct Expect {
    #[serde(default)]
    documents: BTreeMap<String, DocWant>,
    #[serde(default)]
    must_find: Vec<MustFind>,
    #[serde(default)]
    must_not_flag: Vec<MustNotFlag>,
}

fn token(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}

/// Pinyin glosses such as "(tuán)" are not part of what a claim says.
fn strip_glosses(s: &str) -> String {
    let re = regex::Regex::new(r"\([a-zA-Zàáâãäåāǎèéêëēěìíîïīǐòóôõöōǒùúûüūǔǖǘǚǜ]+\)").unwrap();
    re.replace_all(s, "").into_owned()
}

struct Checked {
    failures: Vec<String>,
    unexpected: usize,
}

fn check(expect: &Expect, report: &Report) -> Checked {
    let mut failures = vec![];
    let name_of = |doc: &str| {
        report
            .documents
            .iter()
            .find(|d| d.id == doc)
            .map(|d| {
                Path::new(&d.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            })
            .unwrap_or_default()
    };
    let key_of = |doc: &str| {
        let name = name_of(doc);
        expect
            .documents
            .keys()
            .find(|k| name.starts_with(k.as_str()))
            .cloned()
            .unwrap_or(name)
    };
    // What each claim says: the file's bytes at its span.
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut said: BTreeMap<String, (String, String)> = BTreeMap::new();
    for c in &report.claims {
        let doc = report.documents.iter().find(|d| d.id == c.doc).unwrap();
        let raw = files
            .entry(doc.path.clone())
            .or_insert_with(|| std::fs::read(&doc.path).unwrap());
        let text = std::str::from_utf8(&raw[c.span.start..c.span.end])
            .unwrap_or_else(|_| panic!("claim {} does not slice whole characters", c.id));
        said.insert(c.id.clone(), (key_of(&c.doc), strip_glosses(text)));
    }
    for (k, want) in &expect.documents {
        let Some(d) = report
            .documents
            .iter()
            .find(|d| name_of(&d.id).starts_with(k.as_str()))
        else {
            failures.push(format!("document {k} not in the report"));
            continue;
        };
        if let Some(p) = &want.published {
            if !d.published.as_deref().unwrap_or("").starts_with(p.as_str()) {
                failures.push(format!(
                    "document {k}: published {:?}, want {p}",
                    d.published
                ));
            }
        }
        let src = serde_json::to_string(&d.source).unwrap().to_lowercase();
        if !want.source_any.is_empty()
            && !want
                .source_any
                .iter()
                .any(|s| src.contains(&s.to_lowercase()))
        {
            failures.push(format!(
                "document {k}: source {src}, want one of {:?}",
                want.source_any
            ));
        }
    }
    let hits = |side: &Side, ids: &[String]| {
        ids.iter().any(|id| {
            let Some((k, text)) = said.get(id) else {
                return false;
            };
            (side.doc_any.is_empty() || side.doc_any.contains(k))
                && side.says_any.iter().any(|t| text.contains(&token(t)))
        })
    };
    let loud = |s: Severity| s >= Severity::Warning;
    let mut explained = vec![false; report.findings.len()];
    for want in &expect.must_find {
        let mut ok = false;
        for (i, f) in report.findings.iter().enumerate() {
            if want.involves.iter().all(|s| hits(s, &f.claims)) {
                explained[i] = true;
                ok |= want.severity.iter().any(|s| s == f.severity.as_str());
            }
        }
        if !ok && !want.optional {
            failures.push(format!("must find {}: not found", want.id));
        }
    }
    let all: Vec<String> = report.claims.iter().map(|c| c.id.clone()).collect();
    for trap in &expect.must_not_flag {
        for side in &trap.sides {
            if !hits(side, &all) {
                failures.push(format!(
                    "{}: nothing extracted says {:?} in {:?}",
                    trap.id,
                    side.says_any.iter().map(token).collect::<Vec<_>>(),
                    side.doc_any
                ));
            }
        }
        for (i, f) in report.findings.iter().enumerate() {
            if !explained[i] && loud(f.severity) && trap.sides.iter().all(|s| hits(s, &f.claims)) {
                failures.push(format!(
                    "{}: flagged by {} {}",
                    trap.id,
                    f.severity.as_str(),
                    f.message
                ));
                explained[i] = true;
            }
        }
    }
    let unexpected = report
        .findings
        .iter()
        .enumerate()
        .filter(|(i, f)| !explained[*i] && loud(f.severity))
        .count();
    Checked {
        failures,
        unexpected,
    }
}

fn run(dir: &Path, extra: &[&str]) -> Report {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["run", "--format", "json"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap() <= 1,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn load(path: &Path) -> Expect {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The project's own corpora: every expectation holds, and no error or warning is left
/// unexplained.
#[test]
fn project_fixtures_meet_their_expectations() {
    let corpora = [
        "docs/examples/appointment",
        "tests/fixtures/generality",
        "tests/fixtures/earnings",
    ];
    let mut report_lines = vec![];
    for c in corpora {
        let dir = PathBuf::from(c);
        let expect = load(&dir.join("EXPECTED.yaml"));
        let checked = check(&expect, &run(&dir, &[]));
        for f in &checked.failures {
            report_lines.push(format!("{c}: {f}"));
        }
        if checked.unexpected > 0 {
            report_lines.push(format!(
                "{c}: {} unexplained error/warning findings",
                checked.unexpected
            ));
        }
    }
    // Known gaps are listed in tests/fixtures/KNOWN_GAPS.txt; anything else fails.
    let known: Vec<String> = std::fs::read_to_string("tests/fixtures/KNOWN_GAPS.txt")
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let new: Vec<&String> = report_lines.iter().filter(|l| !known.contains(l)).collect();
    assert!(
        new.is_empty(),
        "new failures:\n{}",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let fixed: Vec<&String> = known.iter().filter(|k| !report_lines.contains(k)).collect();
    assert!(
        fixed.is_empty(),
        "known gaps now pass, remove them from KNOWN_GAPS.txt:\n{fixed:?}"
    );
}

/// The shared seeds and corpus stories (skipped when ../shared is absent). The seeds pass in
/// full. The corpus stories are a scoreboard, not a gate: the stories grow faster than the
/// product, so each story's checks (failed expectations and unexplained errors/warnings) are a
/// snapshot, `snapshots/shared_scoreboard.snap`. Any change, better or worse, shows up as a
/// diff to read before it is accepted; tests/bench/score.sh prints the same figures with
/// check-report.
#[test]
fn shared_stories_meet_their_expectations() {
    let shared = Path::new("../shared");
    if !shared.join("expected").is_dir() {
        eprintln!("note: ../shared is absent; shared expectations not checked");
        return;
    }
    let seeds = check(
        &load(&shared.join("expected/seeds.yaml")),
        &run(&shared.join("seeds"), &[]),
    );
    assert!(seeds.failures.is_empty(), "seeds: {:?}", seeds.failures);
    assert_eq!(
        seeds.unexpected, 0,
        "seeds: unexplained error/warning findings"
    );
    let mut stories: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    stories.sort();
    let mut board = vec![];
    for dir in stories {
        let story = dir.file_name().unwrap().to_string_lossy().to_string();
        let expect = load(&shared.join(format!("expected/{story}.yaml")));
        let required = expect.must_find.iter().filter(|m| !m.optional).count();
        let checked = check(&expect, &run(&dir, &[]));
        let missing = checked
            .failures
            .iter()
            .filter(|f| f.starts_with("must find"))
            .count();
        board.push(format!(
            "{story}: required {}/{required}, unexplained errors/warnings {}",
            required - missing,
            checked.unexpected
        ));
        for f in &checked.failures {
            board.push(format!("  {f}"));
        }
    }
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("shared_scoreboard", board.join("\n"));
    });
}
