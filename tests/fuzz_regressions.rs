//! Inputs the fuzzer (`fuzz/`, see `docs/robustness.md`) found, replayed through the same
//! invariant check the fuzz target runs (`fuzz/check.rs`). Each file in
//! `tests/fixtures/fuzz/*.bin` is a raw fuzz input that passes now: its first byte picks
//! the format and the encoding, as in `fuzz/fuzz_targets/pipeline.rs`. Inputs that still
//! fail because of code outside ingest/normalize are `*.input`, replayed by ignored tests.

#[path = "../fuzz/check.rs"]
mod check;

use factcheck::ingest::Format;

/// Decode a fuzz input as the fuzz target does.
fn replay(data: &[u8]) -> usize {
    let Some((&mode, rest)) = data.split_first() else {
        return 0;
    };
    let format = match mode % 3 {
        0 => Format::Markdown,
        1 => Format::Text,
        _ => Format::Html,
    };
    let raw: Vec<u8> = match (mode / 3) % 4 {
        1 => match std::str::from_utf8(rest) {
            Ok(s) => encoding_rs::GBK.encode(s).0.into_owned(),
            Err(_) => rest.to_vec(),
        },
        2 => match std::str::from_utf8(rest) {
            Ok(s) => encoding_rs::BIG5.encode(s).0.into_owned(),
            Err(_) => rest.to_vec(),
        },
        _ => rest.to_vec(),
    };
    check::check(&raw, format)
}

#[test]
fn every_saved_fuzz_input_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .collect();
    names.sort();
    for p in names {
        let data = std::fs::read(&p).unwrap();
        let result = std::panic::catch_unwind(|| replay(&data));
        assert!(result.is_ok(), "{} fails the invariants", p.display());
    }
}

/// A malformed UTF-8 sequence cut short by the lead byte of the next character: that
/// character must keep its own offset (it used to be mapped one byte late).
#[test]
fn truncated_sequence_before_a_character() {
    let mut raw = "林嘉禾加入星河".as_bytes().to_vec();
    raw.splice(3..3, [0xE4, 0xB8]);
    raw.extend_from_slice("集团，出任副总裁。".as_bytes());
    check::check(&raw, Format::Text);
    let d = factcheck::ingest::decode::decode(&raw);
    let at = d.text.find("嘉").unwrap();
    assert_eq!(d.map.to_original(at), 5);
}

/// Found by the fuzzer with debug assertions on (`-a`): a text whose first value is a number
/// at offset 0 panics with "attempt to subtract with overflow" in the `等于X` check of
/// `src/extract/recognize/compose.rs` (`.then_some(b - 1)` evaluates `b - 1` even when
/// `b == 0`). Release builds wrap silently and are not affected. Every debug-assertion
/// crash of the first fuzzing run was this one.
#[test]

fn number_at_offset_zero_overflows_in_debug() {
    let data = include_bytes!("fixtures/fuzz/compose-then-some-overflow.input");
    replay(data);
}
