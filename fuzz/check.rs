//! The invariants the fuzz target checks, shared with `tests/fuzz_regressions.rs` (which
//! includes this file) so every crash input is replayed through the very same function.

use factcheck::extract::{self, Extractor, Prepared};
use factcheck::ingest::{self, Format};
use factcheck::{meta, normalize};
use std::path::Path;
use std::sync::OnceLock;

/// The built-in rules and lexicons, loaded once.
pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::builtin(&mut Vec::new()))
}

/// Run ingest → normalize → meta → extract on `raw` and check the span invariants; panics
/// on a violation. Returns the number of claims.
pub fn check(raw: &[u8], format: Format) -> usize {
    let name = match format {
        Format::Markdown => "fuzz.md",
        Format::Text => "fuzz.txt",
        Format::Html => "fuzz.html",
    };
    let mut problems = Vec::new();
    let doc = ingest::from_bytes(Path::new(name), name, format, raw.to_vec(), &mut problems);
    for p in &problems {
        if let Some(s) = p.span {
            assert!(
                s.start <= s.end && s.start <= raw.len(),
                "problem span {s:?}"
            );
        }
    }
    let Some(doc) = doc else { return 0 };
    let text = doc.text();
    let map = &doc.decoded.map;
    assert_eq!(
        map.to_original(text.len()),
        raw.len(),
        "end of text maps to end of file"
    );
    assert!(doc.body.start <= doc.body.end && doc.body.end <= text.len());
    assert!(text.is_char_boundary(doc.body.start));
    if let Some(t) = &doc.title {
        assert!(t.start <= t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    let norm = normalize::normalize(&doc);
    // Every normalized character maps to a decoded range on character boundaries.
    for (i, c) in norm.text.char_indices() {
        let r = norm.decoded_range(i..i + c.len_utf8());
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{c:?} at {i} → {r:?}"
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{c:?} at {i} → {r:?} not on character boundaries"
        );
    }
    let info = meta::describe(String::new(), &doc, &norm);
    let ex = extractor();
    let claims = extract::extract(
        &Prepared {
            info: &info,
            source: &doc,
            norm: &norm,
        },
        ex,
        &ex.lexicon,
    );
    for c in &claims {
        let s = c.span;
        assert!(s.start <= s.end, "{s:?} reversed");
        assert!(
            s.end <= raw.len(),
            "{s:?} past the end ({} bytes)",
            raw.len()
        );
        let (d0, d1) = (map.to_decoded(s.start), map.to_decoded(s.end));
        assert!(
            text.is_char_boundary(d0) && text.is_char_boundary(d1),
            "{s:?} → {d0}..{d1} not on character boundaries"
        );
        // The span's ends are character starts in the original bytes too.
        assert_eq!(
            map.to_original(d0),
            s.start,
            "{s:?} starts inside a character"
        );
        assert_eq!(map.to_original(d1), s.end, "{s:?} ends inside a character");
        assert_eq!(&text[d0..d1], c.text, "{s:?}: text differs");
    }
    claims.len()
}
