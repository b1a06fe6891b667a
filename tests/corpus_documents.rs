//! The shared corpus (real articles from Chinese, Hong Kong, Taiwan and English outlets, some
//! with wrong metadata) and the seeds read without a problem, with published dates,
//! sources and languages detected. Skipped when `../shared` is not beside the checkout.

use std::path::{Path, PathBuf};

/// One line per document: path (relative to `dir`), published, language, source.
fn document_lines(dir: &Path) -> Option<(factcheck::model::Report, Vec<String>)> {
    if !dir.is_dir() {
        eprintln!("note: {} is absent; skipped", dir.display());
        return None;
    }
    let run = factcheck::pipeline::run(&[PathBuf::from(dir)]);
    let prefix = format!("{}/", dir.display());
    let lines = run
        .report
        .documents
        .iter()
        .map(|d| {
            format!(
                "{} published={}{} lang={} source={}",
                d.path.trim_start_matches(prefix.as_str()),
                d.published.as_deref().unwrap_or("-"),
                if d.published_inferred {
                    " (inferred)"
                } else {
                    ""
                },
                d.lang.as_str(),
                d.source.as_deref().unwrap_or("-")
            )
        })
        .collect();
    Some((run.report, lines))
}

/// Article files under `dir` (the extensions the walk takes).
fn walk_count(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk_count(&p);
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("md" | "markdown" | "txt" | "html" | "htm")
        ) {
            n += 1;
        }
    }
    n
}

fn snapshot(name: &str, lines: &[String]) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, lines.join("\n"));
    });
}

#[test]
fn shared_corpus_document_list() {
    let Some((report, lines)) = document_lines(Path::new("../shared/corpus")) else {
        return;
    };
    // Every article file of the corpus is read (SOURCES.tsv is not an article).
    let articles = walk_count(Path::new("../shared/corpus"));
    assert_eq!(
        report.documents.len(),
        articles,
        "all {articles} articles read"
    );
    assert!(
        report.problems.is_empty(),
        "no problem reading the corpus: {:?}",
        report.problems
    );
    snapshot("corpus_documents", &lines);
}

#[test]
fn seeds_document_list() {
    let Some((_, lines)) = document_lines(Path::new("../shared/seeds")) else {
        return;
    };
    snapshot("seeds_documents", &lines);
}
