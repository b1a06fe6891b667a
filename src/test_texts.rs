//! For unit tests that check an optimisation against the plain computation: the texts of the
//! repository's fixtures and examples (and of ../shared/corpus when it sits beside the
//! checkout), each as read and as the extractor sees it after normalisation.

use std::path::Path;

/// Every readable file under tests/fixtures, docs/examples and ../shared/corpus: its
/// normalized text, and also its raw text when `raw` is set.
pub fn corpus_texts(raw: bool) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![];
    let mut stack = vec![
        root.join("tests/fixtures"),
        root.join("docs/examples"),
        root.join("../shared/corpus"),
    ];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                texts.push(crate::normalize::normalize_str(&t).text);
                if raw {
                    texts.push(t);
                }
            }
        }
    }
    texts
}
