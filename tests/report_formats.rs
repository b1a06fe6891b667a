//! The report renderers on a synthetic report over four small articles
//! (`tests/fixtures/report/`): simplified Chinese, a simplified one that misspells the
//! company, traditional Chinese with a UTF-8 BOM, and English. Spans are found by
//! searching the fixture text, so they are exact; snapshots live in `snapshots/`.

use factcheck::ingest::decode::{decode, Decoded};
use factcheck::model::{
    Claim, DocumentInfo, Finding, Lang, Problem, Report, Severity, Span, Value, ValueSupport,
    REPORT_VERSION,
};
use factcheck::report::{self, DocText, Format, RenderOptions, RuleMeta};
use std::collections::BTreeMap;

struct Fixture {
    id: String,
    path: String,
    raw: Vec<u8>,
    decoded: Decoded,
}

impl Fixture {
    fn text(&self) -> &str {
        &self.decoded.text
    }

    /// The on-disk span of `needle` inside the first occurrence of `context`.
    fn span(&self, context: &str, needle: &str) -> Span {
        let text = self.text();
        let at = text
            .find(context)
            .unwrap_or_else(|| panic!("{context:?} not in {}", self.path));
        let start = at
            + context
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} not in {context:?}"));
        let end = start + needle.len();
        Span::new(
            self.decoded.map.to_original(start),
            self.decoded.map.to_original(end),
        )
    }
}

const DIR: &str = "tests/fixtures/report";

fn fixtures() -> Vec<Fixture> {
    ["chenbao.md", "portal.txt", "taipei.md", "wire.md"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let path = format!("{DIR}/{name}");
            let raw = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let decoded = decode(&raw);
            Fixture {
                id: format!("D{}", i + 1),
                path,
                raw,
                decoded,
            }
        })
        .collect()
}

fn texts(fx: &[Fixture]) -> Vec<DocText<'_>> {
    fx.iter()
        .map(|f| DocText {
            id: &f.id,
            path: &f.path,
            text: &f.decoded.text,
            map: &f.decoded.map,
        })
        .collect()
}

fn doc(
    f: &Fixture,
    title: &str,
    published: &str,
    source: Option<&str>,
    lang: Lang,
) -> DocumentInfo {
    DocumentInfo {
        id: f.id.clone(),
        path: f.path.clone(),
        title: Some(title.into()),
        published: Some(published.into()),
        published_inferred: false,
        source: source.map(String::from),
        lang,
        provenance: BTreeMap::new(),
    }
}

fn org(name: &str) -> Value {
    Value::Entity {
        name: name.into(),
        canonical: "HyperGAI".into(),
        kind: "org".into(),
    }
}

fn usd(amount: f64) -> Value {
    Value::Money {
        min: Some(amount),
        max: Some(amount),
        written: amount,
        step: amount,
        hedge: "exact".into(),
        currency: Some("USD".into()),
    }
}

fn users(n: f64) -> Value {
    Value::Quantity {
        min: Some(n),
        max: None,
        written: n,
        step: 1_000_000.0,
        hedge: "at-least".into(),
        unit: Some("users".into()),
    }
}

fn year(y: &str) -> Value {
    Value::Date {
        value: y.into(),
        precision: "year".into(),
        part: None,
        inferred: false,
    }
}

fn support(value: &str, n: usize, claims: &[&str], as_of: Option<&str>) -> ValueSupport {
    ValueSupport {
        value: value.into(),
        support: n,
        claims: claims.iter().map(|s| s.to_string()).collect(),
        as_of: as_of.map(String::from),
    }
}

/// The report and the fixtures it points into.
fn sample() -> (Report, Vec<Fixture>) {
    let fx = fixtures();
    let (d1, d2, d3, d4) = (&fx[0], &fx[1], &fx[2], &fx[3]);
    let mut claims = Vec::new();
    let mut claim = |f: &Fixture, context: &str, needle: &str, predicate: &str, value: Value| {
        let mut qualifiers = BTreeMap::new();
        if predicate == "users" {
            let as_of = if f.id == "D1" {
                "2025-03-02"
            } else {
                "2025-03-04"
            };
            qualifiers.insert("as_of".to_string(), as_of.to_string());
        }
        claims.push(Claim {
            id: format!("C{}", claims.len() + 1),
            doc: f.id.clone(),
            span: f.span(context, needle),
            text: needle.into(),
            subject: "HyperGAI".into(),
            predicate: predicate.into(),
            value,
            qualifiers,
            rule: format!("test.{predicate}"),
        });
    };
    claim(
        d1,
        "人工智能公司 HyperGAI",
        "HyperGAI",
        "name",
        org("HyperGAI"),
    ); // C1
    claim(d1, "金额为 2 亿美元", "2 亿美元", "funding", usd(2e8)); // C2
    claim(d1, "已达 300 万", "300 万", "users", users(3e6)); // C3
    claim(d1, "成立于 2019 年", "2019 年", "founded", year("2019")); // C4
    claim(d2, "初创企业 HyperAGI", "HyperAGI", "name", org("HyperAGI")); // C5
    claim(d2, "已完成 2 亿美元", "2 亿美元", "funding", usd(2e8)); // C6
    claim(d3, "新創 HyperGAI", "HyperGAI", "name", org("HyperGAI")); // C7
    claim(d3, "規模達 2 億美元", "2 億美元", "funding", usd(2e8)); // C8
    claim(d3, "突破 500 萬", "500 萬", "users", users(5e6)); // C9
    claim(d3, "成立於 2020 年", "2020 年", "founded", year("2020")); // C10
    claim(
        d4,
        "Singapore-based HyperGAI",
        "HyperGAI",
        "name",
        org("HyperGAI"),
    ); // C11
    claim(
        d4,
        "a $200 million Series",
        "$200 million",
        "funding",
        usd(2e8),
    ); // C12
    claim(d4, "founded in 2019", "2019", "founded", year("2019")); // C13
    let ceo = Value::Entity {
        name: "Lena Ortiz".into(),
        canonical: "Lena Ortiz".into(),
        kind: "person".into(),
    };
    claim(
        d4,
        "executive Lena Ortiz",
        "Lena Ortiz",
        "chief-executive",
        ceo,
    ); // C14

    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let findings = vec![
        Finding {
            id: "F1".into(),
            rule: "conflicting-values".into(),
            kind: "conflict".into(),
            severity: Severity::Error,
            message: "sources disagree on the year HyperGAI was founded".into(),
            claims: ids(&["C4", "C10", "C13"]),
            values: vec![
                support("2019", 2, &["C4", "C13"], None),
                support("2020", 1, &["C10"], None),
            ],
            majority: Some("2019".into()),
            fingerprint: "5d1c0a9e27b4f3c8".into(),
        },
        Finding {
            id: "F2".into(),
            rule: "variant-spelling".into(),
            kind: "variant-spelling".into(),
            severity: Severity::Warning,
            message: "the company's name is spelled two ways".into(),
            claims: ids(&["C1", "C5", "C7", "C11"]),
            values: vec![
                support("HyperGAI", 3, &["C1", "C7", "C11"], None),
                support("HyperAGI", 1, &["C5"], None),
            ],
            majority: Some("HyperGAI".into()),
            fingerprint: "a07f3e51c96d2b84".into(),
        },
        Finding {
            id: "F3".into(),
            rule: "value-changed".into(),
            kind: "change".into(),
            severity: Severity::Warning,
            message: "HyperGAI's user count changed between reports".into(),
            claims: ids(&["C3", "C9"]),
            values: vec![
                support("3 million", 1, &["C3"], Some("2025-03-02")),
                support("5 million", 1, &["C9"], Some("2025-03-04")),
            ],
            majority: None,
            fingerprint: "c2e8b7d40f195a63".into(),
        },
        Finding {
            id: "F4".into(),
            rule: "single-source".into(),
            kind: "single-source".into(),
            severity: Severity::Info,
            message: "only one source names HyperGAI's chief executive".into(),
            claims: ids(&["C14"]),
            values: vec![support("Lena Ortiz", 1, &["C14"], None)],
            majority: None,
            fingerprint: "9b36f1a8e05c7d21".into(),
        },
    ];

    let report = Report {
        version: REPORT_VERSION,
        documents: vec![
            doc(
                d1,
                "HyperGAI 完成新一轮融资",
                "2025-03-02",
                Some("晨报"),
                Lang::ZhHans,
            ),
            doc(
                d2,
                "HyperAGI 获 2 亿美元投资",
                "2025-03-03",
                None,
                Lang::ZhHans,
            ),
            doc(d3, "HyperGAI 宣布新融資", "2025-03-04", None, Lang::ZhHant),
            doc(
                d4,
                "HyperGAI raises $200 million",
                "2025-03-03",
                Some("Wire Service"),
                Lang::En,
            ),
        ],
        claims,
        findings,
        alignments: vec![],
        problems: vec![Problem {
            path: format!("{DIR}/notes.pdf"),
            span: None,
            severity: Severity::Warning,
            message: "skipped: not a text file".into(),
        }],
        entities: vec![],
    };
    (report, fx)
}

fn rules() -> Vec<RuleMeta> {
    let rule = |id: &str, name: &str, short: &str, help: &str, sev| RuleMeta {
        id: id.into(),
        name: name.into(),
        short_description: short.into(),
        help: help.into(),
        default_severity: sev,
    };
    vec![
        rule(
            "conflicting-values",
            "ConflictingValues",
            "Sources state different values for the same fact",
            "Check the primary source; the majority is not always right.",
            Severity::Error,
        ),
        rule(
            "variant-spelling",
            "VariantSpelling",
            "A name is spelled differently across sources",
            "Use the spelling of the organisation's own materials.",
            Severity::Warning,
        ),
        rule(
            "value-changed",
            "ValueChanged",
            "A figure changed over time",
            "Report the figure with its date.",
            Severity::Warning,
        ),
        rule(
            "single-source",
            "SingleSource",
            "A fact only one source states",
            "Look for a second, independent source.",
            Severity::Info,
        ),
    ]
}

fn opts() -> RenderOptions {
    RenderOptions {
        color: false,
        width: 100,
        rules: rules(),
        verbose: false,
    }
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn human_snapshot() {
    let (report, fx) = sample();
    let text = report::render(Format::Human, &report, &texts(&fx), &opts());
    snapshot!("report_human", text);
}

#[test]
fn json_snapshot_is_the_json_report() {
    let (report, fx) = sample();
    let text = report::render(Format::Json, &report, &texts(&fx), &opts());
    assert_eq!(text, report::json::render(&report));
    assert!(text.ends_with("}\n"));
    snapshot!("report_json", text);
}

#[test]
fn jsonl_snapshot() {
    let (report, _fx) = sample();
    let text = report::jsonl::render(&report);
    snapshot!("report_jsonl", text);
}

#[test]
fn sarif_snapshot() {
    let (report, fx) = sample();
    let text = report::sarif::render(&report, &texts(&fx), &opts());
    // The tool version changes with every release; the snapshot should not.
    let version = format!("\"{}\"", env!("CARGO_PKG_VERSION"));
    let text = text.replace(&version, "\"[version]\"");
    snapshot!("report_sarif", text);
}

#[test]
fn github_snapshot() {
    let (report, fx) = sample();
    let text = report::github::render(&report, &texts(&fx));
    snapshot!("report_github", text);
}

#[test]
fn markdown_snapshot() {
    let (report, fx) = sample();
    let text = report::markdown::render(&report, &texts(&fx));
    snapshot!("report_markdown", text);
}

/// The HTML page's structure (the CSS and script left out: they are not the structure).
#[test]
fn html_snapshot() {
    let (report, fx) = sample();
    let text = report::render(Format::Html, &report, &texts(&fx), &opts());
    let strip = |s: &str, open: &str, close: &str| -> String {
        let (a, b) = (s.find(open).unwrap(), s.find(close).unwrap());
        format!("{}{open}…{}", &s[..a], &s[b..])
    };
    let text = strip(&text, "<style>", "</style>");
    let text = strip(&text, "<script>", "</script>");
    snapshot!("report_html", text);
}

#[test]
fn human_has_no_ansi_without_color() {
    let (report, fx) = sample();
    let text = report::render(Format::Human, &report, &texts(&fx), &opts());
    assert!(!text.contains('\x1b'), "ANSI escape in:\n{text}");
    let colored = report::render(
        Format::Human,
        &report,
        &texts(&fx),
        &RenderOptions {
            color: true,
            ..opts()
        },
    );
    assert!(colored.contains("\x1b["), "no colour with color=true");
}

#[test]
fn human_lines_fit_in_100_columns() {
    let (report, fx) = sample();
    let text = report::render(Format::Human, &report, &texts(&fx), &opts());
    for line in text.lines() {
        let w = textwrap::core::display_width(line);
        assert!(w <= 100, "{w} columns: {line}");
    }
}

#[test]
fn human_points_into_every_article() {
    let (report, fx) = sample();
    let text = report::render(Format::Human, &report, &texts(&fx), &opts());
    let f2 = text
        .split("warning[value-changed]")
        .next()
        .unwrap()
        .split("warning[variant-spelling]")
        .nth(1)
        .unwrap();
    // The variant spelling is shown in all four files, at the right line:column.
    for at in [
        "chenbao.md:8:8",
        "portal.txt:3:9",
        "taipei.md:3:8",
        "wire.md:8:17",
    ] {
        assert!(f2.contains(at), "{at} missing in:\n{f2}");
    }
    assert!(f2.contains("HyperGAI — 3 sources"));
    assert!(f2.contains("HyperAGI — 1 source"));
    assert!(text.contains("4 documents, 14 claims, 4 findings (1 error, 2 warnings, 1 info)"));
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let (report, fx) = sample();
    let log = report::sarif::log(&report, &texts(&fx), &opts());
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-2.1.0.schema.json")).expect("the schema is JSON");
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // Negative control: the validator does reject a broken log.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_regions_match_the_bytes_on_disk() {
    let (report, fx) = sample();
    let log = report::sarif::log(&report, &texts(&fx), &opts());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    // The traditional article has a BOM: byte offsets count it, columns do not.
    let taipei = results[1]["locations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"] == "tests/fixtures/report/taipei.md"
        })
        .unwrap();
    let region = &taipei["physicalLocation"]["region"];
    let offset = region["byteOffset"].as_u64().unwrap() as usize;
    let len = region["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&fx[2].raw[offset..offset + len], b"HyperGAI");
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 8); // 人工智慧新創 + space: 7 UTF-16 units
    assert_eq!(region["endColumn"], 16);
    assert_eq!(
        results[1]["partialFingerprints"]["factcheck/v1"],
        "a07f3e51c96d2b84"
    );
    assert_eq!(results[3]["level"], "note");
    // The message links every article through relatedLocations (GitHub shows only the
    // first location); a single-claim finding keeps its plain message.
    assert_eq!(
        results[1]["message"]["text"],
        "the company's name is spelled two ways — HyperGAI in [chenbao.md:8](1), \
         HyperAGI in [portal.txt:3](2), HyperGAI in [taipei.md:3](3), HyperGAI in [wire.md:8](4)"
    );
    assert_eq!(results[1]["relatedLocations"].as_array().unwrap().len(), 4);
    assert_eq!(
        results[3]["message"]["text"],
        "only one source names HyperGAI's chief executive"
    );
    assert!(results[3].get("relatedLocations").is_none());
}

#[test]
fn github_escapes_properties_and_data() {
    use report::github::{escape_data, escape_property};
    assert_eq!(escape_data("100% sure\r\nnext"), "100%25 sure%0D%0Anext");
    assert_eq!(escape_property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");

    let (mut report, fx) = sample();
    report.findings[0].message = "50% of sources: 2019,\nthe rest 2020".into();
    report.findings[0].rule = "rule:with,punct".into();
    let text = report::github::render(&report, &texts(&fx));
    let first = text.lines().find(|l| l.starts_with("::error")).unwrap();
    assert_eq!(
        first,
        "::error file=tests/fixtures/report/chenbao.md,line=14,endLine=14,col=14,endColumn=20,\
         title=factcheck rule%3Awith%2Cpunct::50%25 of sources: 2019,%0Athe rest 2020 \
         (this source: 2019 年 — 2 sources)"
    );
    // One command per line: every line is a command.
    assert!(text.lines().all(|l| l.starts_with("::")));
}

#[test]
fn jsonl_records_in_order() {
    let (report, _fx) = sample();
    let text = report::jsonl::render(&report);
    let types: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("each line is JSON");
            v["type"].as_str().unwrap().to_string()
        })
        .collect();
    let expected = [
        vec!["document"; 4],
        vec!["claim"; 14],
        vec!["finding"; 4],
        vec!["problem"],
    ]
    .concat();
    assert_eq!(types, expected);
    // `type` comes first; the rest is the JSON report's object.
    let first = text.lines().next().unwrap();
    assert!(first.starts_with(r#"{"type":"document","id":"D1","path":"#));
    let claim: serde_json::Value = serde_json::from_str(text.lines().nth(4).unwrap()).unwrap();
    let mut expected = serde_json::to_value(&report.claims[0]).unwrap();
    expected["type"] = "claim".into();
    assert_eq!(claim, expected);
}

/// A report over one in-memory document, for the edge cases below.
fn one_doc_report(path: &str, claims: Vec<Claim>, findings: Vec<Finding>) -> Report {
    Report {
        version: REPORT_VERSION,
        documents: vec![DocumentInfo {
            id: "D1".into(),
            path: path.into(),
            title: None,
            published: None,
            published_inferred: false,
            source: None,
            lang: Lang::ZhHans,
            provenance: BTreeMap::new(),
        }],
        claims,
        findings,
        alignments: vec![],
        problems: vec![],
        entities: vec![],
    }
}

fn text_claim(id: &str, span: Span, text: &str) -> Claim {
    Claim {
        id: id.into(),
        doc: "D1".into(),
        span,
        text: text.into(),
        subject: "s".into(),
        predicate: "p".into(),
        value: Value::Text { text: text.into() },
        qualifiers: BTreeMap::new(),
        rule: "test".into(),
    }
}

fn finding_over(claims: &[(&str, &str)], message: &str) -> Finding {
    Finding {
        id: "F1".into(),
        rule: "conflicting-values".into(),
        kind: "conflict".into(),
        severity: Severity::Error,
        message: message.into(),
        claims: claims.iter().map(|(c, _)| c.to_string()).collect(),
        values: claims
            .iter()
            .map(|(c, v)| support(v, 1, &[c], None))
            .collect(),
        majority: None,
        fingerprint: "0".into(),
    }
}

#[test]
fn positions_in_a_gbk_file_count_characters_and_bytes_on_disk() {
    let text = "新闻稿\n人工智能公司 HyperGAI 宣布完成融资，\n金额为 2 亿美元。\n";
    let (raw, _, _) = encoding_rs::GBK.encode(text);
    let raw = raw.into_owned();
    let decoded = decode(&raw);
    assert_eq!(decoded.encoding, "GBK");
    assert_eq!(decoded.text, text);
    // "2 亿美元" on disk: '2', ' ' and three GBK characters of two bytes.
    let needle = encoding_rs::GBK.encode("2 亿美元").0.into_owned();
    let start = raw.windows(needle.len()).position(|w| w == needle).unwrap();
    let span = Span::new(start, start + needle.len());
    let report = one_doc_report(
        "gbk.txt",
        vec![
            text_claim("C1", Span::new(start - 10, start - 2), "HyperGAI"),
            text_claim("C2", span, "2 亿美元"),
        ],
        vec![finding_over(&[("C2", "2 亿美元")], "amount")],
    );
    let docs = [DocText {
        id: "D1",
        path: "gbk.txt",
        text: &decoded.text,
        map: &decoded.map,
    }];
    let human = report::render(Format::Human, &report, &docs, &opts());
    assert!(human.contains("gbk.txt:3:5"), "{human}");
    let log = report::sarif::log(&report, &docs, &opts());
    let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(region["startColumn"], 5);
    assert_eq!(region["endColumn"], 10);
    assert_eq!(region["byteOffset"], start);
    assert_eq!(region["byteLength"], 8);
    assert_eq!(region["snippet"]["text"], "2 亿美元");
}

#[test]
fn human_draws_each_value_an_article_states() {
    let text = "甲说是 3 人。\n乙说是 5 人。\n\n\n\n\n丙说是 7 人。\n";
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let report = one_doc_report(
        "a.md",
        vec![
            text_claim("C1", at("3 人"), "3 人"),
            text_claim("C2", at("5 人"), "5 人"),
            text_claim("C3", at("7 人"), "7 人"),
        ],
        vec![finding_over(
            &[("C1", "3"), ("C2", "5"), ("C3", "7")],
            "counts differ",
        )],
    );
    let docs = [DocText::utf8("D1", "a.md", text)];
    let human = report::render(Format::Human, &report, &docs, &opts());
    // One article, three values: each at its first place, as the article writes it.
    assert_eq!(human.matches("├─ a.md:").count(), 3, "{human}");
    for at in ["├─ a.md:1:5", "├─ a.md:2:5", "├─ a.md:7:5"] {
        assert!(human.contains(at), "{at} missing:\n{human}");
    }
    for label in ["3 人 — 1 source", "5 人 — 1 source", "7 人 — 1 source"] {
        assert!(human.contains(label), "{label} missing:\n{human}");
    }
}

#[test]
fn human_wraps_long_messages_and_notes() {
    let text = "一二三四五六七八九十\n";
    let long =
        "a very long message that goes on and on about the ways sources disagree, ".repeat(3);
    let report = one_doc_report(
        "a.md",
        vec![text_claim("C1", Span::new(0, 6), "一二")],
        vec![Finding {
            majority: Some("x".repeat(30) + &" word".repeat(30)),
            ..finding_over(&[("C1", "一二")], &long)
        }],
    );
    let docs = [DocText::utf8("D1", "a.md", text)];
    for width in [100, 60] {
        let human = report::render(
            Format::Human,
            &report,
            &docs,
            &RenderOptions { width, ..opts() },
        );
        for line in human.lines() {
            let w = textwrap::core::display_width(line);
            assert!(w <= width, "{w} > {width}: {line}\n{human}");
        }
    }
}

#[test]
fn human_notes_claims_whose_text_is_missing_and_problem_spans() {
    let text = "第一行\n坏字节在这里\n";
    let mut report = one_doc_report(
        "a.md",
        vec![text_claim("C1", Span::new(0, 6), "第一")],
        vec![finding_over(&[("C1", "第一")], "m")],
    );
    report.documents[0].path = "a.md".into();
    report.problems.push(Problem {
        path: "a.md".into(),
        span: Some(Span::new(10, 16)),
        severity: Severity::Warning,
        message: "invalid bytes replaced".into(),
    });
    // Without the document's text: no snippet, but the claim is named.
    let human = report::render(Format::Human, &report, &[], &opts());
    assert!(human.contains("also in a.md: “第一”"), "{human}");
    assert!(human.contains("warning: a.md: invalid bytes replaced"));
    // With it: the problem points into the file.
    let docs = [DocText::utf8("D1", "a.md", text)];
    let human = report::render(Format::Human, &report, &docs, &opts());
    assert!(human.contains("╭─[a.md:2:1]"), "{human}");
    assert!(human.contains("here"), "{human}");
}

#[test]
fn long_paragraph_lines_are_windowed() {
    // Articles often keep a paragraph on one line.
    let para = "据报道，".repeat(20) + "该公司称其用户已达 300 万，" + &"并计划扩张。".repeat(20);
    let text = format!("标题\n\n{para}\n{para}\n");
    let i = text.find("300 万").unwrap();
    let j = text.rfind("300 万").unwrap();
    let report = one_doc_report(
        "long.md",
        vec![
            text_claim("C1", Span::new(i, i + 8), "300 万"),
            text_claim("C2", Span::new(j, j + 8), "300 万"),
        ],
        vec![finding_over(&[("C1", "300 万"), ("C2", "3 百万")], "m")],
    );
    let docs = [DocText::utf8("D1", "long.md", &text)];
    let human = report::render(Format::Human, &report, &docs, &opts());
    for line in human.lines() {
        let w = textwrap::core::display_width(line);
        assert!(w <= 100, "{w} columns: {line}\n{human}");
    }
    // Both claims are shown, each at its own line:column (81 characters precede it).
    assert!(human.contains("├─ long.md:3:91"), "{human}");
    assert!(human.contains("├─ long.md:4:91"), "{human}");
    assert!(human.contains("用户已达 300 万，并计划扩张"), "{human}");
    // Each labelled as the article writes it, whatever its value group says.
    assert_eq!(human.matches("300 万 — 1 source").count(), 2, "{human}");
    assert!(!human.contains("3 百万"), "{human}");

    let md = report::markdown::render(&report, &docs);
    let row = md.lines().find(|l| l.contains("long.md:3")).unwrap();
    assert!(
        row.contains("“…") && row.contains("**300 万**") && row.contains("…”"),
        "{row}"
    );
    assert!(textwrap::core::display_width(row) < 140, "{row}");
}
