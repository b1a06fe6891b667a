//! Property tests for the offset maps. Generated articles mix simplified and traditional
//! Chinese, English, full-width characters, HTML tags and entities, Markdown links and
//! images, pinyin glosses, numbers and dates, in UTF-8 (with or without BOM, LF or CRLF)
//! and GBK, as Markdown, text or HTML. For every one:
//!
//! - every normalized character maps to a decoded range on character boundaries, and a
//!   character that was kept (not inserted as a block break) folds from the first character
//!   of that range (or stands for the entity there);
//! - every claim span lies on character boundaries of the original bytes, and decodes to the
//!   claim's text (`fuzz/check.rs`, the fuzz target's own check).

#[path = "../fuzz/check.rs"]
mod check;

use factcheck::ingest::{self, Format};
use factcheck::normalize::{self, script};
use proptest::prelude::*;
use std::path::Path;

const PIECES: &[&str] = &[
    // Sentences that make claims.
    "2月10日，星河集团内部邮件显示，人工智能科学家林嘉禾（Jiahe Lin）正式加入星河，出任集团副总裁。",
    "林嘉禾在AI领域深耕18余年，他发表论文200余篇，被引六万余次。",
    "許主洪於2025年2月6日加入阿里巴巴集團，擔任副總裁。",
    "許主洪擔(dān)任阿里集團(tuán)副總裁",
    "Alphabet reported revenue of $96.5 billion, up 15% year over year, on Feb. 4, 2025.",
    "星语App用户量已达1.5亿，同比增长约20%。",
    "2003年，他获得浙江大学计算机科学学士学位。",
    // Words and fragments.
    "星河集团",
    "通義實驗室",
    "副總裁",
    "the company said",
    "ＡＢＣ１２３，全角：",
    "　",
    "担(dān)",
    "集(jí)团",
    "(ab)",
    "（中文括号）",
    // Markup.
    "<p>",
    "</p>",
    "<br/>",
    "<b>",
    "<a href=\"https://example.com/a?b=1&c=2\">",
    "</a>",
    "<script>var x = '<p>2月10日加入</p>';</script>",
    "<style>p{}</style>",
    "<!-- comment -->",
    "&amp;",
    "&#x4E2D;",
    "&#20013;",
    "&lt;",
    "&nbsp;",
    "& ",
    "&硬件",
    "&#99999999;",
    "[链接文字](https://example.com/x)",
    "![图片](https://img.example/a.png)",
    "**粗体**",
    "`code`",
    "_强调_",
    "https://example.com/path?q=1 ",
    "\n# 标题\n",
    "\n> 引用\n",
    "\n- 列表\n",
    "\n---\n",
    // Numbers and dates.
    "18",
    "1.5亿",
    "2025年2月10日",
    "2月",
    "10日",
    "Feb. 10, 2025",
    "三万余",
    "¥100亿",
    "50%",
    // Separators.
    "，",
    "。",
    " ",
    "\n",
    "\n\n",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

#[derive(Debug, Clone, Copy)]
enum Enc {
    Utf8,
    Utf8Bom,
    Gbk,
}

fn format() -> impl Strategy<Value = Format> {
    prop::sample::select(vec![Format::Markdown, Format::Text, Format::Html])
}

fn encoding() -> impl Strategy<Value = Enc> {
    prop::sample::select(vec![Enc::Utf8, Enc::Utf8Bom, Enc::Gbk])
}

fn encode(text: &str, enc: Enc) -> Option<Vec<u8>> {
    match enc {
        Enc::Utf8 => Some(text.as_bytes().to_vec()),
        Enc::Utf8Bom => {
            let mut v = b"\xEF\xBB\xBF".to_vec();
            v.extend_from_slice(text.as_bytes());
            Some(v)
        }
        Enc::Gbk => {
            let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
            (!unmappable).then(|| bytes.into_owned())
        }
    }
}

/// The normalized → decoded map of `raw`.
fn check_norm_map(raw: &[u8], format: Format) -> Result<(), TestCaseError> {
    let mut problems = Vec::new();
    let Some(doc) = ingest::from_bytes(
        Path::new("prop.md"),
        "prop.md",
        format,
        raw.to_vec(),
        &mut problems,
    ) else {
        return Ok(());
    };
    let text = doc.text();
    let norm = normalize::normalize(&doc);
    for (i, c) in norm.text.char_indices() {
        let r = norm.decoded_range(i..i + c.len_utf8());
        prop_assert!(r.start <= r.end && r.end <= text.len());
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        if r.is_empty() {
            // An inserted block break.
            prop_assert!(c == '\n', "{:?} at {} maps to nothing", c, i);
            continue;
        }
        let src = &text[r.clone()];
        let first = src.chars().next().unwrap();
        prop_assert!(
            script::fold(first) == c || first == '&',
            "{:?} at {} comes from {:?}",
            c,
            i,
            src
        );
        // The whole range is one character, an entity, or a character and the gloss it
        // absorbed (with any markup between them).
        prop_assert!(
            src.chars().count() == 1 || first == '&' || src.ends_with(')'),
            "{:?} at {} comes from {:?}",
            c,
            i,
            src
        );
        // The span on disk decodes back to the same text.
        let span = norm.span(&doc, i..i + c.len_utf8());
        prop_assert!(span.start <= span.end && span.end <= raw.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn offsets_map_back_exactly(
        body in article(),
        title in article(),
        format in format(),
        enc in encoding(),
        crlf in any::<bool>(),
        front_matter in any::<bool>(),
    ) {
        // Titles start with a word: a text that starts with a number trips a debug-build
        // overflow in the recognizers (`numbers_at_the_start_of_a_text` in
        // tests/robustness.rs, ignored until it is fixed).
        let title = format!("标题{title}");
        let mut text = String::new();
        if front_matter {
            text.push_str("---\ntitle: \"");
            text.push_str(&title.replace(['"', '\n', '\\'], ""));
            text.push_str("\"\ndate: 2025-02-11\n---\n");
        } else {
            text.push_str(&title.replace('\n', " "));
            text.push('\n');
        }
        text.push_str(&body);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let Some(raw) = encode(&text, enc) else { return Ok(()) };
        check_norm_map(&raw, format)?;
        check::check(&raw, format);
    }

    /// Arbitrary bytes spliced into a generated article: broken sequences next to real
    /// characters.
    #[test]
    fn broken_bytes_keep_spans_exact(
        body in article(),
        junk in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        format in format(),
        gbk in any::<bool>(),
    ) {
        let body = format!("标题{body}");
        let Some(mut raw) = encode(&body, if gbk { Enc::Gbk } else { Enc::Utf8 }) else {
            return Ok(());
        };
        for (at, b) in junk {
            // After the leading word (see above).
            let lead = if gbk { 4 } else { 6 };
            let at = lead + at.index(raw.len() - lead + 1);
            raw.insert(at, b);
        }
        check_norm_map(&raw, format)?;
        check::check(&raw, format);
    }
}
