//! ingest → normalize → meta → extract on arbitrary bytes, with the span invariants checked.
//! The first byte picks the format and, for a third of the inputs, re-encodes the rest as
//! GBK or Big5 (so the multi-byte decoders are exercised with text that has claims).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    factcheck_fuzz_check(data);
});

fn factcheck_fuzz_check(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let format = match mode % 3 {
        0 => factcheck::ingest::Format::Markdown,
        1 => factcheck::ingest::Format::Text,
        _ => factcheck::ingest::Format::Html,
    };
    let raw: Vec<u8> = match (mode / 3) % 4 {
        // Valid UTF-8 input re-encoded in a legacy encoding.
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
    check::check(&raw, format);
}
