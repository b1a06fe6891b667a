//! `factcheck recognize --jsonl`: one JSON line in (`{"text", "lang", "reference"}`), one JSON
//! line out (`{"entities": [...]}`), in order. The contract is the one
//! `../shared/tools/conformance` documents.
//!
//! Every input line yields exactly one output line: a line that is not valid JSON, or lacks
//! `text`, yields `{"entities":[]}`.
//!
//! Entities are the values of [`recognize`](super::recognize) plus, as a number recognizer
//! reports them, every figure (also those inside dates, money and percents), and for a
//! figure hedged one-sidedly ("五百多", "超过80") the open range it states. Figures that
//! `recognize` does not report as numbers on their own carry `"figure": true`. `text` is the
//! original slice folded the way the specs write it (full-width to ASCII, ASCII lower case);
//! `original` is the exact original slice.

use super::{dates, figures, recognize, DateVal, Hedge, Kind, Num, Recognized};
use crate::normalize::normalize_str;
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

/// Process every line of `input`, writing one line per input line to `output`.
pub fn run<R: BufRead, W: Write>(input: R, mut output: W) -> std::io::Result<()> {
    for line in input.split(b'\n') {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        let entities = std::panic::catch_unwind(|| entities_of_line(&line)).unwrap_or_default();
        let out = json!({ "entities": entities });
        writeln!(output, "{out}")?;
    }
    output.flush()
}

fn parse_reference(v: &Value) -> Option<NaiveDate> {
    let s = v.as_str()?;
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The entities of one input line (empty when the line is malformed).
pub fn entities_of_line(line: &str) -> Vec<Value> {
    let line = line.trim_end_matches('\r');
    let Ok(v) = serde_json::from_str::<Value>(line) else {
        return Vec::new();
    };
    let Some(text) = v.get("text").and_then(Value::as_str) else {
        return Vec::new();
    };
    let reference = v.get("reference").and_then(parse_reference);
    entities(text, reference)
}

fn fold_display(s: &str) -> String {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let c = match u {
                0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            c.to_ascii_lowercase()
        })
        .collect()
}

fn number(v: f64) -> Value {
    let v = super::numbers::clean(v);
    if v.fract() == 0.0 && v.abs() < 9e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn one_sided(n: &Num) -> Option<Value> {
    if n.hedge == Hedge::Vague {
        return Some(
            json!({"kind": "range", "min": number(n.value), "max": number(n.value * 10.0), "min_inclusive": true, "max_inclusive": false}),
        );
    }
    let (lo, inc) = match n.hedge {
        Hedge::MoreThan => (true, false),
        Hedge::AtLeast => (true, true),
        Hedge::LessThan => (false, false),
        Hedge::AtMost => (false, true),
        _ => return None,
    };
    Some(if lo {
        json!({"kind": "range", "min": number(n.value), "max": null, "min_inclusive": inc, "max_inclusive": false})
    } else {
        json!({"kind": "range", "min": null, "max": number(n.value), "min_inclusive": false, "max_inclusive": inc})
    })
}

fn date_value(d: &DateVal) -> String {
    if d.inferred {
        DateVal {
            year: None,
            ..d.clone()
        }
        .timex()
    } else {
        d.timex()
    }
}

/// The entities of a text, as the conformance contract writes them.
pub fn entities(text: &str, reference: Option<NaiveDate>) -> Vec<Value> {
    let norm = normalize_str(text);
    let slice = |r: &Recognized| {
        let d = norm.decoded_range(r.start..r.end);
        text.get(d).unwrap_or("").to_string()
    };
    let mut out = Vec::new();
    let mut push = |r: &Recognized, mut e: Value| {
        let original = slice(r);
        e["text"] = json!(fold_display(&original));
        e["original"] = json!(original);
        out.push(e);
    };
    let found = recognize(&norm.text, reference);
    for r in &found {
        match &r.kind {
            Kind::Number(n) | Kind::Ordinal(n) | Kind::Multiple(n) => {
                if let Some(e) = one_sided(n) {
                    push(r, e);
                }
                if matches!(r.kind, Kind::Number(_)) {
                    push(
                        r,
                        json!({"kind": "number", "value": number(n.value), "hedge": n.hedge.as_str()}),
                    );
                }
            }
            Kind::Percent(n) => {
                if let Some(e) = one_sided(n) {
                    push(r, e);
                }
                push(
                    r,
                    json!({"kind": "percent", "value": number(n.value), "hedge": n.hedge.as_str()}),
                );
            }
            Kind::Range(g) => push(
                r,
                json!({"kind": "range", "min": g.min.map(number), "max": g.max.map(number),
                       "min_inclusive": g.min_inclusive, "max_inclusive": g.max_inclusive}),
            ),
            Kind::Money(m) => {
                if let Some(e) = one_sided(&m.amount) {
                    push(r, e);
                }
                push(
                    r,
                    json!({"kind": "money", "amount": number(m.amount.value), "currency": m.currency}),
                )
            }
            // quarters and halves have no value in the contract's formats
            Kind::Date(d) if d.quarter.is_some() || d.half.is_some() => {}
            Kind::Date(d) => push(r, json!({"kind": "date", "value": date_value(d)})),
            Kind::Duration(d) => {
                if let Some(rf) = reference {
                    if let Some(day) = dates::resolve_duration(d, rf) {
                        push(
                            r,
                            json!({"kind": "date", "value": day.format("%Y-%m-%d").to_string()}),
                        );
                    }
                }
            }
        }
    }
    // the figures as a number recognizer reports them
    for f in figures(&norm.text) {
        let dup = found
            .iter()
            .any(|r| r.start == f.start && r.end == f.end && matches!(r.kind, Kind::Number(_)));
        if let (false, Kind::Number(n)) = (dup, &f.kind) {
            push(
                &f,
                json!({"kind": "number", "value": number(n.value), "hedge": n.hedge.as_str(), "figure": true}),
            );
        }
    }
    out
}
