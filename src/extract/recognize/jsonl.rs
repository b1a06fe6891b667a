//! `factcheck recognize --jsonl`: one JSON line in (`{"text", "lang", "reference"}`), one JSON
//! line out (`{"entities": [...]}`), in order. The contract is the one
//! `../shared/tools/conformance` documents.

use std::io::{BufRead, Write};

/// Process every line of `input`, writing one line per input line to `output`.
pub fn run<R: BufRead, W: Write>(input: R, mut output: W) -> std::io::Result<()> {
    for line in input.lines() {
        let line = line?;
        let _ = line;
        writeln!(output, "{{\"entities\":[]}}")?;
    }
    output.flush()
}
