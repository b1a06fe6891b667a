//! SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules from
//! [`RuleMeta`](super::RuleMeta), one result per finding with a location for every place
//! involved (in every file; several claims of one span are one location), and
//! `partialFingerprints["factcheck/v1"]`.
//!
//! Columns count UTF-16 code units (SARIF's default, stated on the run as
//! `columnKind: "utf16CodeUnits"`); `endColumn` is the column just after the span.
//! `byteOffset`/`byteLength` are offsets into the file as read from disk.

use super::{distinct_places, plural, support_of, written, Ctx, DocText, RenderOptions};
use crate::model::{Finding, Problem, Report, Severity};
use serde_json::{json, Map, Value};

/// The schema URI written as `$schema`.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where to learn about the tool: the package's homepage or repository, when set.
fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|s| !s.is_empty())
}

/// Pretty SARIF with a trailing newline.
pub fn render(report: &Report, docs: &[DocText], opts: &RenderOptions) -> String {
    let mut s = serde_json::to_string_pretty(&log(report, docs, opts))
        .expect("a SARIF log always serializes");
    s.push('\n');
    s
}

/// The log of a run that failed before it read anything (a usage or configuration error):
/// no results, `executionSuccessful: false`, and `problems` (the errors) as tool execution
/// notifications.
pub fn render_failed(problems: &[Problem], opts: &RenderOptions) -> String {
    let report = Report::of_problems(problems.to_vec());
    let mut log = log(&report, &[], opts);
    log["runs"][0]["invocations"][0]["executionSuccessful"] = json!(false);
    let mut s = serde_json::to_string_pretty(&log).expect("a SARIF log always serializes");
    s.push('\n');
    s
}

/// The SARIF log as a JSON value.
pub fn log(report: &Report, docs: &[DocText], opts: &RenderOptions) -> Value {
    let ctx = Ctx::new(report, docs);

    // Rules: the given metadata, then any rule a finding uses that has none.
    let mut rules: Vec<Value> = Vec::new();
    let mut rule_ids: Vec<&str> = Vec::new();
    for r in &opts.rules {
        if rule_ids.contains(&r.id.as_str()) {
            continue;
        }
        rule_ids.push(&r.id);
        let mut rule = json!({
            "id": r.id,
            "name": r.name,
            "shortDescription": {"text": r.short_description},
            "defaultConfiguration": {"level": level(r.default_severity)},
        });
        if !r.help.is_empty() {
            rule["fullDescription"] = json!({"text": r.help});
            rule["help"] = json!({"text": r.help});
        }
        rules.push(rule);
    }
    for f in &report.findings {
        if !rule_ids.contains(&f.rule.as_str()) {
            rule_ids.push(&f.rule);
            rules.push(json!({
                "id": f.rule,
                "shortDescription": {"text": f.rule},
            }));
        }
    }

    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let index = rule_ids.iter().position(|r| *r == f.rule).unwrap_or(0);
            result(&ctx, f, index)
        })
        .collect();

    let mut driver = json!({
        "name": "factcheck",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = json!(uri);
    }

    let artifacts: Vec<Value> = report
        .documents
        .iter()
        .map(|d| {
            let mut a = json!({
                "location": {"uri": uri(ctx.path(&d.id)), "uriBaseId": "%SRCROOT%"},
                "properties": {"factcheck/document": d.id},
            });
            if d.lang != crate::model::Lang::Und {
                a["properties"]["lang"] = json!(d.lang.as_str());
            }
            a
        })
        .collect();

    let notifications: Vec<Value> = report.problems.iter().map(notification).collect();

    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "artifacts": artifacts,
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(ctx: &Ctx, f: &Finding, rule_index: usize) -> Value {
    let mut locations = Vec::new();
    let mut related = Vec::new();
    let mut links = Vec::new();
    for c in distinct_places(ctx, f) {
        let mut physical = json!({
            "artifactLocation": {"uri": uri(ctx.path(&c.doc)), "uriBaseId": "%SRCROOT%"},
        });
        let mut region = Map::new();
        let loc = ctx.locate(c);
        if let Some(loc) = &loc {
            region.insert("startLine".into(), json!(loc.start.line));
            region.insert("startColumn".into(), json!(loc.start.column_utf16));
            region.insert("endLine".into(), json!(loc.end.line));
            region.insert("endColumn".into(), json!(loc.end.column_utf16));
            region.insert(
                "snippet".into(),
                json!({"text": &loc.doc.text[loc.range.clone()]}),
            );
        }
        region.insert("byteOffset".into(), json!(c.span.start));
        region.insert("byteLength".into(), json!(c.span.len()));
        physical["region"] = Value::Object(region);
        let support = support_of(f, &c.id);
        let shown = written(ctx, c);
        let value = shown.as_str();
        let text = match support {
            Some(v) => format!("{value} — {}", plural(v.support, "source", "sources")),
            None => shown.clone(),
        };
        locations.push(json!({
            "physicalLocation": physical,
            "message": {"text": text},
            "properties": {"factcheck/claim": c.id},
        }));
        // The same places as related locations, linked from the message: GitHub shows
        // only a result's first location, and the links reach the other articles.
        let id = related.len() + 1;
        related.push(json!({
            "id": id,
            "physicalLocation": physical,
            "message": {"text": text},
        }));
        let path = ctx.path(&c.doc);
        let name = path.rsplit('/').next().unwrap_or(path);
        let at = match &loc {
            Some(l) => format!("{name}:{}", l.start.line),
            None => name.to_string(),
        };
        links.push(format!(
            "{} in [{}]({id})",
            escape_brackets(value),
            escape_brackets(&at)
        ));
    }
    let message = if links.len() > 1 {
        format!("{} — {}", f.message, links.join(", "))
    } else {
        f.message.clone()
    };
    let mut properties = json!({
        "factcheck/finding": f.id,
        "factcheck/kind": f.kind,
        "values": f.values,
    });
    if let Some(m) = &f.majority {
        properties["majority"] = json!(m);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": level(f.severity),
        "message": {"text": message},
        "locations": locations,
        "partialFingerprints": {"factcheck/v1": f.fingerprint},
        "properties": properties,
    });
    if links.len() > 1 {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

/// Text inside an embedded link (SARIF 3.11.6) with `[`, `]` and `\` escaped.
fn escape_brackets(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

fn notification(p: &Problem) -> Value {
    let mut n = json!({
        "level": level(p.severity),
        "message": {"text": p.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&p.path), "uriBaseId": "%SRCROOT%"},
            },
        }],
    });
    if let Some(span) = p.span {
        n["locations"][0]["physicalLocation"]["region"] =
            json!({"byteOffset": span.start, "byteLength": span.len()});
    }
    n
}

/// A path as a URI reference: relative paths stay relative (`./` dropped), absolute
/// ones become `file://` URIs; everything but unreserved characters and `/` is
/// percent-encoded (UTF-8).
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut p = path.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    let (prefix, p) = if p.starts_with('/') {
        ("file://", p.to_string())
    } else if p.len() >= 3 && p.as_bytes()[0].is_ascii_alphabetic() && p.as_bytes()[1..3] == *b":/"
    {
        ("file:///", p.to_string())
    } else {
        ("", p.to_string())
    };
    let mut out = String::from(prefix);
    for (i, b) in p.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && !prefix.is_empty() && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("news/a.md"), "news/a.md");
        assert_eq!(uri("./news/a b.md"), "news/a%20b.md");
        assert_eq!(uri("新闻/一.md"), "%E6%96%B0%E9%97%BB/%E4%B8%80.md");
        assert_eq!(uri("/tmp/x.md"), "file:///tmp/x.md");
        assert_eq!(uri("C:\\news\\a.md"), "file:///C:/news/a.md");
        assert_eq!(uri("a:b.md"), "a%3Ab.md");
    }
}
