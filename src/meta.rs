//! Describe a document: its published date, source (outlet) and language, from front
//! matter when it has it and from the text (datelines, outlet lines, bylines, a closing
//! source link) when it does not. Front matter `lang` is only a hint: the script of the
//! text decides.

use crate::ingest::SourceDoc;
use crate::model::{DocumentInfo, Lang};
use crate::normalize::{script, NormText};
use chrono::Datelike;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A date with optional parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

struct Patterns {
    iso: Regex,
    full: Regex,
    dateline_md: Regex,
    any_md: Regex,
    explicit_ymd: Regex,
    outlet_account: Regex,
    source_line: Regex,
    closing_link: Regex,
    html_meta: Regex,
    dateline_prefix: Regex,
    dateline_en: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        iso: Regex::new(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})").unwrap(),
        full: Regex::new(r"^\s*(\d{4})[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$").unwrap(),
        dateline_md: Regex::new(r"^.{0,40}?(\d{1,2})月(\d{1,2})日(?:电|讯|消息|晚间|早间|凌晨|报道|快讯)").unwrap(),
        any_md: Regex::new(r"(?:^|[^\d年])(\d{1,2})月(\d{1,2})日").unwrap(),
        explicit_ymd: Regex::new(r"((?:19|20)\d{2})\s*年\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?").unwrap(),
        outlet_account: Regex::new(r"^\s*(\S{2,16}?)\s*\(\s*公众号\s*[:]\s*([A-Za-z0-9_]+)\s*\)").unwrap(),
        source_line: Regex::new(r"(?m)^\s*(?:来源|本文来源|文章来源|source)\s*[:]\s*(.{2,30}?)\s*$").unwrap(),
        closing_link: Regex::new(r"^\[([^\]\n]{2,40})\]\([^)\n]+\)\s*$").unwrap(),
        html_meta: Regex::new(r#"(?i)<meta\s+(?:name|property)\s*=\s*["']([^"']+)["']\s+content\s*=\s*["']([^"']*)["']"#).unwrap(),
        dateline_en: Regex::new(r"^\s*[A-Z][A-Za-z .]{1,30},\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})\b").unwrap(),
        dateline_prefix: Regex::new(r"^\s*([^\s\d,，。:：|]{2,10})\s*\d{1,2}月\d{1,2}日(?:电|讯|消息)").unwrap(),
    })
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// The explicit dates a text states, as (y, m, d) with 0 for a missing part.
fn explicit_dates(norm: &str) -> Vec<Ymd> {
    let p = patterns();
    let mut out = vec![];
    for c in p.explicit_ymd.captures_iter(norm) {
        let y: i32 = c[1].parse().unwrap_or(0);
        let m: u32 = c.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        let d: u32 = c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
        if m <= 12 && d <= 31 {
            out.push(Ymd { y, m, d });
        }
    }
    for c in p.iso.captures_iter(norm) {
        let (y, m, d) = (
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if (1990..2100).contains(&y) && valid(y, m, d) {
            out.push(Ymd { y, m, d });
        }
    }
    out
}

/// The year of a month-day stated without one: the first year in which it falls on or after
/// the latest date the text states explicitly (an article is written after what it reports).
pub fn infer_year(norm: &str, m: u32, d: u32) -> Option<i32> {
    let latest = explicit_dates(norm).into_iter().max()?;
    let y = latest.y;
    if (m, d) >= (latest.m, latest.d) {
        Some(y)
    } else {
        Some(y + 1)
    }
}

/// The first valid `YYYY-MM-DD` (or `/`, `.` separated) date in a string, as `YYYY-MM-DD`.
fn iso_date(v: &str) -> Option<String> {
    let c = patterns().iso.captures(v)?;
    let (y, m, d): (i32, u32, u32) = (
        c[1].parse().unwrap_or(0),
        c[2].parse().unwrap_or(0),
        c[3].parse().unwrap_or(0),
    );
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `<meta name|property=… content=…>` pairs of an HTML page.
fn html_meta(doc: &SourceDoc) -> Vec<(String, String)> {
    if doc.format != crate::ingest::Format::Html {
        return vec![];
    }
    let head = &doc.text()[..doc.text().len().min(64 * 1024)];
    let head = &head[..(0..=head.len())
        .rev()
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(0)];
    patterns()
        .html_meta
        .captures_iter(head)
        .map(|c| (c[1].to_ascii_lowercase(), c[2].trim().to_string()))
        .collect()
}

/// Published date as (text, inferred, how).
fn published(doc: &SourceDoc, norm: &NormText) -> Option<(String, bool, &'static str)> {
    let p = patterns();
    for (k, v) in html_meta(doc) {
        if matches!(
            k.as_str(),
            "article:published_time" | "pubdate" | "publishdate" | "date" | "og:published_time"
        ) {
            if let Some(date) = iso_date(&v) {
                return Some((date, false, "html-meta"));
            }
        }
    }
    if let Some(fm) = &doc.front_matter {
        for key in ["date", "published", "pubDate", "publishDate"] {
            for v in fm.strings(key) {
                if let Some(date) = iso_date(&v) {
                    return Some((date, false, "front-matter"));
                }
            }
        }
    }
    let body = &norm.text[norm.title_end..];
    let head: Vec<&str> = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(15)
        .collect();
    // A line that is a full date (and maybe a time): "2025.09.30 06:00".
    for line in &head {
        if let Some(c) = p.full.captures(line) {
            let (y, m, d) = (
                c[1].parse().unwrap_or(0),
                c[2].parse().unwrap_or(0),
                c[3].parse().unwrap_or(0),
            );
            if valid(y, m, d) {
                return Some((format!("{y:04}-{m:02}-{d:02}"), false, "dateline"));
            }
        }
    }
    // "智东西9月29日消息", "SEOUL, Aug 21 :": a month-day dateline, the year inferred (from
    // the text, else later from the other documents of the run).
    for line in &head {
        let md = if let Some(c) = p.dateline_md.captures(line) {
            Some((c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)))
        } else {
            p.dateline_en
                .captures(line)
                .map(|c| (month_number(&c[1]), c[2].parse().unwrap_or(0)))
        };
        if let Some((m, d)) = md {
            if !valid(2000, m, d) {
                continue;
            }
            return Some(
                match infer_year(&norm.text, m, d).filter(|&y| valid(y, m, d)) {
                    Some(y) => (format!("{y:04}-{m:02}-{d:02}"), true, "dateline"),
                    None => (format!("XXXX-{m:02}-{d:02}"), true, "dateline"),
                },
            );
        }
    }
    // The first event date of the lead: the article dates from that month.
    for line in head.iter().take(3) {
        if let Some(c) = p.any_md.captures(line) {
            let (m, d): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
            if let Some(y) = infer_year(&norm.text, m, d).filter(|&y| valid(y, m, d)) {
                return Some((format!("{y:04}-{m:02}"), true, "lead-date"));
            }
        }
    }
    None
}

fn month_number(m: &str) -> u32 {
    match &m[..3] {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        _ => 12,
    }
}

/// The original text behind a normalized range, trimmed.
fn original(doc: &SourceDoc, norm: &NormText, r: std::ops::Range<usize>) -> String {
    let d = norm.decoded_range(r);
    doc.text()[d].trim().to_string()
}

fn source(doc: &SourceDoc, norm: &NormText) -> Option<(String, &'static str)> {
    let p = patterns();
    if let Some(fm) = &doc.front_matter {
        for key in ["source", "categories", "tags", "author"] {
            if let Some(v) = fm.strings(key).into_iter().next() {
                return Some((v, "front-matter"));
            }
        }
    }
    for (k, v) in html_meta(doc) {
        if matches!(
            k.as_str(),
            "source" | "og:site_name" | "author" | "article:publisher"
        ) && !v.is_empty()
        {
            return Some((v, "html-meta"));
        }
    }
    let text = &norm.text;
    let body_start = norm.title_end;
    let lines: Vec<(usize, &str)> = line_offsets(text, body_start);
    let nonempty: Vec<(usize, &str)> = lines
        .iter()
        .copied()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    // "智东西(公众号:zhidxcom)" or "量子位 | 公众号 QbitAI".
    for &(at, line) in nonempty.iter().take(6) {
        if let Some(c) = p.outlet_account.captures(line) {
            let m = c.get(0).unwrap();
            return Some((
                original(doc, norm, at + m.start()..at + m.end()),
                "outlet-line",
            ));
        }
    }
    // A wire dateline: "车知家 3月18日电".
    for &(at, line) in nonempty.iter().take(6) {
        if let Some(c) = p.dateline_prefix.captures(line) {
            let m = c.get(1).unwrap();
            return Some((
                original(doc, norm, at + m.start()..at + m.end()),
                "dateline",
            ));
        }
    }
    // "来源:新浪财经".
    if let Some(c) = p.source_line.captures(&text[body_start..]) {
        let m = c.get(1).unwrap();
        return Some((
            original(doc, norm, body_start + m.start()..body_start + m.end()),
            "source-line",
        ));
    }
    // A short line right above a dateline: "华尔街见闻\n2025.09.30 06:00".
    for w in nonempty.windows(2).take(8) {
        let (at, line) = w[0];
        let t = line.trim();
        if p.full.is_match(w[1].1)
            && (2..=16).contains(&t.chars().count())
            && !t.contains([',', '。', ',', ' '])
        {
            return Some((original(doc, norm, at..at + line.len()), "byline"));
        }
    }
    // The closing "[outlet](url)" link, as the aggregator appends it.
    let last_raw = doc.text()[doc.body.clone()]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())?;
    if let Some(c) = p.closing_link.captures(last_raw.trim()) {
        return Some((c[1].to_string(), "closing-link"));
    }
    None
}

fn line_offsets(text: &str, from: usize) -> Vec<(usize, &str)> {
    let mut out = vec![];
    let mut at = from;
    for line in text[from..].split('\n') {
        out.push((at, line));
        at += line.len() + 1;
    }
    out
}

/// Re-infer the year of a document whose date was inferred from its text alone, using the
/// publication dates of the other documents of the run (the same story): the year that puts
/// the date nearest to them, never before the latest date the text states.
pub fn reinfer_year(info: &mut DocumentInfo, norm: &NormText, anchors: &[chrono::NaiveDate]) {
    reinfer(info, norm, anchors);
    // A date whose year nothing could tell is not a publication date.
    if info
        .published
        .as_deref()
        .is_some_and(|p| p.starts_with("XXXX"))
    {
        info.published = None;
        info.published_inferred = false;
        info.provenance.remove("published");
    }
}

fn reinfer(info: &mut DocumentInfo, norm: &NormText, anchors: &[chrono::NaiveDate]) {
    if !info.published_inferred || anchors.is_empty() {
        return;
    }
    let Some(p) = info.published.clone() else {
        return;
    };
    let unknown_year = p.starts_with("XXXX");
    let parts: Vec<u32> = p.split('-').filter_map(|x| x.parse().ok()).collect();
    let (m, d) = match (unknown_year, parts.as_slice()) {
        (true, [m, d]) => (*m, Some(*d)),
        (false, [_, m, d]) => (*m, Some(*d)),
        (false, [_, m]) => (*m, None),
        _ => return,
    };
    // Callers with many documents pass the anchors sorted (the pipeline does): no copy.
    let copy;
    let sorted = if anchors.is_sorted() {
        anchors
    } else {
        let mut v = anchors.to_vec();
        v.sort();
        copy = v;
        &copy[..]
    };
    // Dates after every other document's publication are plans, not the past.
    let latest = sorted[sorted.len() - 1];
    let latest = Ymd {
        y: latest.year_ce().1 as i32,
        m: latest.month(),
        d: latest.day(),
    };
    let floor = explicit_dates(&norm.text)
        .into_iter()
        .filter(|e| *e <= latest)
        .max();
    let median = sorted[sorted.len() / 2];
    let mut best: Option<(i64, i32)> = None;
    let base = floor.map(|f| f.y).unwrap_or(median.year_ce().1 as i32 - 5);
    for y in base..=base + 10 {
        let Some(date) = chrono::NaiveDate::from_ymd_opt(y, m, d.unwrap_or(15)) else {
            continue;
        };
        if let Some(f) = floor {
            if (y, m, d.unwrap_or(31)) < (f.y, f.m, f.d) {
                continue;
            }
        }
        // Nearest to any other document of the story (binary search in the sorted dates).
        let i = sorted.partition_point(|a| *a < date);
        let dist = [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|k| sorted.get(k))
            .map(|a| (date - *a).num_days().abs())
            .min()
            .unwrap_or(i64::MAX);
        if best.is_none_or(|(bd, _)| dist < bd) {
            best = Some((dist, y));
        }
    }
    if let Some((_, y)) = best {
        info.published = Some(match d {
            Some(d) => format!("{y:04}-{m:02}-{d:02}"),
            None => format!("{y:04}-{m:02}"),
        });
        info.provenance
            .insert("published_year".into(), "other-documents".into());
    }
}

/// Describe a document.
pub fn describe(id: String, doc: &SourceDoc, norm: &NormText) -> DocumentInfo {
    let mut provenance = BTreeMap::new();
    let mut sample = doc.title_text().unwrap_or_default().to_string();
    sample.push('\n');
    sample.push_str(&doc.text()[doc.body.clone()]);
    let mut lang = script::detect(&sample);
    if lang == Lang::Und {
        if let Some(fm) = &doc.front_matter {
            if let Some(hint) = fm.strings("lang").into_iter().next() {
                lang = match hint.as_str() {
                    "zh-CN" | "zh-SG" | "zh-Hans" | "zh" => Lang::ZhHans,
                    "zh-TW" | "zh-HK" | "zh-Hant" => Lang::ZhHant,
                    h if h.starts_with("en") => Lang::En,
                    _ => Lang::Und,
                };
                provenance.insert("lang".into(), "front-matter".into());
            }
        }
    } else {
        provenance.insert("lang".into(), "text".into());
    }
    let (published, published_inferred) = match published(doc, norm) {
        Some((p, inferred, how)) => {
            provenance.insert("published".into(), how.into());
            (Some(p), inferred)
        }
        None => (None, false),
    };
    let source = source(doc, norm).map(|(s, how)| {
        provenance.insert("source".into(), how.into());
        s
    });
    let title = doc
        .title_text()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    DocumentInfo {
        id,
        path: doc.display.clone(),
        title,
        published,
        published_inferred,
        source,
        lang,
        provenance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_year_from_latest_explicit_date() {
        assert_eq!(infer_year("2024年11月13日，某事。", 2, 6), Some(2025));
        assert_eq!(infer_year("2025年2月，他加入。", 9, 29), Some(2025));
        assert_eq!(infer_year("没有年份", 9, 29), None);
    }
}
