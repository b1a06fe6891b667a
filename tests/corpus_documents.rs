//! The shared corpus (33 real articles from Chinese, Hong Kong, Taiwan and English outlets,
//! some with wrong metadata) reads without a problem, with published dates, sources and
//! languages detected. Skipped when `../shared` is not beside the checkout.

use std::path::{Path, PathBuf};

#[test]
fn shared_corpus_document_list() {
    let corpus = Path::new("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("note: ../shared/corpus is absent; skipped");
        return;
    }
    let run = factcheck::pipeline::run(&[PathBuf::from(corpus)]);
    assert_eq!(run.report.documents.len(), 33, "all 33 articles read");
    assert!(
        run.report.problems.is_empty(),
        "no problem reading the corpus: {:?}",
        run.report.problems
    );
    let lines: Vec<String> = run
        .report
        .documents
        .iter()
        .map(|d| {
            format!(
                "{} published={} lang={} source={}",
                d.path.trim_start_matches("../shared/corpus/"),
                d.published.as_deref().unwrap_or("-"),
                d.lang.as_str(),
                d.source.as_deref().unwrap_or("-")
            )
        })
        .collect();
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("corpus_documents", lines.join("\n"));
    });
}

#[test]
fn seeds_document_list() {
    let seeds = Path::new("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("note: ../shared/seeds is absent; skipped");
        return;
    }
    let run = factcheck::pipeline::run(&[PathBuf::from(seeds)]);
    let lines: Vec<String> = run
        .report
        .documents
        .iter()
        .map(|d| {
            format!(
                "{} published={}{} lang={} source={}",
                d.path.trim_start_matches("../shared/seeds/"),
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
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("seeds_documents", lines.join("\n"));
    });
}
