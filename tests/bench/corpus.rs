//! The benchmark's corpus generator and helpers (`cargo bench --bench corpus -- …`).
//!
//! Not a timed benchmark by itself: `tests/bench/run.sh` builds release, generates corpora
//! with this program, and times `factcheck run` end to end on them.
//!
//! ```text
//! cargo bench --bench corpus -- gen --out DIR --articles N [--seed S] [--shared PATH]
//! cargo bench --bench corpus -- anchors        # the rules' literal anchors, as a regex
//! cargo bench --bench corpus -- doc --out FILE --bytes N [--shape paragraphs|line|run-on]
//! cargo bench --bench corpus -- many --out DIR --articles N   # one finding over N articles
//! ```
//!
//! `gen` recombines the sentences of the project's fixtures (`docs/examples/appointment/`,
//! `tests/fixtures/**`) and, when `--shared` names it, an outside corpus read at run time
//! (never copied into the repository), into stories of 3–8 articles: names and figures are
//! varied per story (a few figures per article differ, so there are conflicts to find), some
//! articles are syndicated copies, and the mix of scripts (simplified, traditional, English)
//! and formats (Markdown with front matter, plain text, HTML) follows the sources'.
//! Deterministic: the same seed gives byte-identical corpora.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// xorshift64*: small, fast, deterministic; no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

fn fnv(s: &str, seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Simplified,
    Traditional,
    English,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Format {
    Markdown,
    Text,
    Html,
}

/// One source article, cut into sentences.
struct SourceDoc {
    script: Script,
    format: Format,
    title: String,
    sentences: Vec<String>,
}

const TRADITIONAL_ONLY: &str =
    "這們國說與為學會從個來時對後實體發經動過當點還關開問麼無長間頭進現業務營億團頁樞驗淨額據";

fn script_of(text: &str) -> Script {
    let han = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if han * 3 < latin {
        return Script::English;
    }
    let trad = text
        .chars()
        .filter(|c| TRADITIONAL_ONLY.contains(*c))
        .count();
    if trad * 40 > han {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&gt;", ">")
        .replace("&lt;", "<")
        .replace("&copy;", "©")
}

/// Split a paragraph into sentences (Chinese stops, and English `. ` before a capital).
fn split_sentences(p: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let chars: Vec<char> = p.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        cur.push(c);
        let english_stop = c == '.'
            && chars.get(i + 1) == Some(&' ')
            && chars.get(i + 2).is_some_and(|n| n.is_uppercase());
        if matches!(c, '。' | '！' | '？' | '!' | '?') || english_stop {
            push_sentence(&mut cur, out);
        }
    }
    push_sentence(&mut cur, out);
}

fn push_sentence(cur: &mut String, out: &mut Vec<String>) {
    let s = cur.trim();
    if s.chars().count() >= 8 && !s.starts_with("![") && !s.starts_with("http") {
        out.push(s.to_string());
    }
    cur.clear();
}

fn read_source(path: &Path) -> Option<SourceDoc> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes).to_string();
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let (format, title, body) = match ext.as_str() {
        "md" | "markdown" => {
            let mut title = String::new();
            let mut body = text.as_str();
            if let Some(rest) = text.strip_prefix("---\n") {
                if let Some(end) = rest.find("\n---") {
                    for line in rest[..end].lines() {
                        if let Some(t) = line.strip_prefix("title:") {
                            title = t.trim().trim_matches('"').to_string();
                        }
                    }
                    body = &rest[end + 4..];
                }
            }
            (Format::Markdown, title, body.to_string())
        }
        "html" | "htm" => {
            let title = text
                .find("<title>")
                .and_then(|a| {
                    let t = &text[a + 7..];
                    t.find("</title>").map(|b| t[..b].to_string())
                })
                .unwrap_or_default();
            let mut body = String::new();
            let mut rest = text.as_str();
            while let Some(a) = rest.find("<p") {
                let t = &rest[a..];
                let Some(b) = t.find("</p>") else { break };
                body.push_str(&t[..b]);
                body.push('\n');
                rest = &t[b + 4..];
            }
            (Format::Html, strip_tags(&title), body)
        }
        "txt" => {
            let title = text.lines().next().unwrap_or_default().trim().to_string();
            (Format::Text, title, text.clone())
        }
        _ => return None,
    };
    let mut sentences = vec![];
    for line in body.lines() {
        let line = strip_tags(line);
        let line = line.trim().trim_start_matches('#').trim();
        if line.starts_with("---") || line.starts_with("|") || line.starts_with("作者") {
            continue;
        }
        split_sentences(line, &mut sentences);
    }
    if sentences.len() < 2 {
        return None;
    }
    Some(SourceDoc {
        script: script_of(&body),
        format,
        title: if title.is_empty() {
            sentences[0].clone()
        } else {
            title
        },
        sentences,
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("EXPECTED") || name.starts_with("README") {
                continue;
            }
            if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "txt" | "html" | "htm")
            ) {
                out.push(p);
            }
        }
    }
}

/// Names in the fixtures that the generator varies per story (Chinese by characters,
/// Latin by syllables), longest first so that 星河集团 goes before 星河.
const NAMES: &[&str] = &[
    "林嘉禾",
    "陈思远",
    "陳思遠",
    "赵明哲",
    "趙明哲",
    "周明远",
    "宋以宁",
    "何颂恩",
    "星河",
    "云岫",
    "雲岫",
    "隼动",
    "驰远",
    "天枢",
    "天樞",
    "Jiahe Lin",
    "Siyuan Chen",
    "Mingzhe Zhao",
    "Grace Ho",
    "Jun Shao",
    "Wei Lin",
    "Xinghe",
    "HyperGAI",
    "Kestrel Dynamics",
    "Chiyuan Motors",
    "NovaVLA",
    "Orbisoft",
    "Tianshu",
];

const HAN_POOL: &str = "安宝北长成春大德东方飞丰光海和恒华嘉江金锦景康乐立林龙明宁鹏启清锐瑞盛顺思泰腾天通万伟文祥新鑫星兴旭阳耀宇远云泽振智中卓";
const SYLLABLES: &[&str] = &[
    "an", "bo", "chen", "da", "fei", "gao", "hua", "jin", "kai", "lan", "ming", "nan", "peng",
    "qi", "rui", "shan", "tai", "wei", "xin", "yu", "zhi", "tor", "vex", "lum", "sar", "dor",
];

fn varied_name(name: &str, rng: &mut Rng) -> String {
    if name.is_ascii() {
        name.split(' ')
            .map(|w| {
                let n = 1 + (w.len() > 5) as usize + rng.below(2);
                let mut s: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
                s[..1].make_ascii_uppercase();
                s
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        let pool: Vec<char> = HAN_POOL.chars().collect();
        name.chars().map(|_| *rng.pick(&pool)).collect()
    }
}

/// A figure varied by story: years move by a year or two, other figures scale.
fn varied_number(num: &str, story: u64, article_salt: Option<u64>) -> String {
    let salt = article_salt.unwrap_or(0);
    let h = fnv(num, story ^ salt.wrapping_mul(0x9E37));
    let int_part = num.split('.').next().unwrap_or(num);
    let decimals = num.split('.').nth(1).map(str::len).unwrap_or(0);
    if decimals == 0 && int_part.len() == 4 && (num.starts_with("19") || num.starts_with("20")) {
        let y: i64 = num.parse().unwrap_or(2020);
        return (y + (h % 3) as i64 - 1).to_string();
    }
    let Ok(v) = num.parse::<f64>() else {
        return num.to_string();
    };
    if v < 13.0 && decimals == 0 {
        // Months, days, small counts: keep plausible.
        return (1 + (v as u64 + h % 3) % 12).to_string();
    }
    let f = 0.5 + (h % 1000) as f64 / 666.0;
    format!("{:.*}", decimals, v * f)
}

struct Story {
    seed: u64,
    names: Vec<(&'static str, String)>,
}

impl Story {
    fn apply(&self, s: &str, article_salt: u64, rng: &mut Rng) -> String {
        let mut s = s.to_string();
        for (from, to) in &self.names {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
        // Figures: the story's value; now and then an article's own (a conflict).
        let mut out = String::with_capacity(s.len());
        let mut num = String::new();
        let flush = |num: &mut String, out: &mut String, rng: &mut Rng| {
            if !num.is_empty() {
                let own = rng.chance(0.03).then_some(article_salt);
                out.push_str(&varied_number(num, self.seed, own));
                num.clear();
            }
        };
        for c in s.chars() {
            if c.is_ascii_digit() || (c == '.' && !num.is_empty() && !num.contains('.')) {
                num.push(c);
            } else {
                if num.ends_with('.') {
                    num.pop();
                    flush(&mut num, &mut out, rng);
                    out.push('.');
                } else {
                    flush(&mut num, &mut out, rng);
                }
                out.push(c);
            }
        }
        if num.ends_with('.') {
            num.pop();
            flush(&mut num, &mut out, rng);
            out.push('.');
        } else {
            flush(&mut num, &mut out, rng);
        }
        out
    }
}

const OUTLETS: &[&str] = &[
    "chenbao",
    "wire",
    "portal",
    "taipei",
    "caijing",
    "kejiwang",
    "autoasia",
    "shangbao",
    "techfinance",
    "jixian",
    "ludao",
    "huanyu",
];

fn render(
    format: Format,
    script: Script,
    title: &str,
    date: (u32, u32, u32),
    outlet: &str,
    paragraphs: &[Vec<String>],
) -> String {
    let (y, m, d) = date;
    let joiner = if script == Script::English { " " } else { "" };
    let mut out = String::new();
    match format {
        Format::Markdown => {
            let lang = match script {
                Script::Simplified => "zh-CN",
                Script::Traditional => "zh-TW",
                Script::English => "en",
            };
            let _ = write!(
                out,
                "---\ntitle: \"{}\"\ndate: \"{y:04}-{m:02}-{d:02} 09:30:00\"\ncategories:\n  - \"{outlet}\"\nlang:\n  - \"{lang}\"\n---\n\n",
                title.replace('"', "'")
            );
            for p in paragraphs {
                out.push_str(&p.join(joiner));
                out.push_str("\n\n");
            }
        }
        Format::Text => {
            let _ = write!(out, "{title}\n{outlet} {y:04}-{m:02}-{d:02}\n\n");
            for p in paragraphs {
                out.push_str(&p.join(joiner));
                out.push_str("\n\n");
            }
        }
        Format::Html => {
            let _ = write!(
                out,
                "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{title}_{outlet}</title>\n\
                 <meta property=\"article:published_time\" content=\"{y:04}-{m:02}-{d:02}T08:00:00+08:00\">\n\
                 <meta name=\"source\" content=\"{outlet}\">\n<script>var _hmt = _hmt || [];</script>\n</head>\n<body>\n\
                 <div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/tech/\">科技</a></div>\n<div class=\"art\">\n<h1>{title}</h1>\n"
            );
            for p in paragraphs {
                let _ = writeln!(out, "<p>{}</p>", p.join(joiner));
            }
            out.push_str("</div>\n<div class=\"footer\">&copy; 2025</div>\n</body>\n</html>\n");
        }
    }
    out
}

fn generate(out: &Path, articles: usize, seed: u64, shared: Option<&Path>) -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![];
    collect(&root.join("docs/examples/appointment"), &mut paths);
    collect(&root.join("tests/fixtures"), &mut paths);
    if let Some(s) = shared {
        collect(s, &mut paths);
    }
    let sources: Vec<SourceDoc> = paths.iter().filter_map(|p| read_source(p)).collect();
    if sources.is_empty() {
        return Err(std::io::Error::other("no source articles found"));
    }
    // Pools by script; formats in the sources' proportions.
    let mut by_script: BTreeMap<Script, Vec<&SourceDoc>> = BTreeMap::new();
    for s in &sources {
        by_script.entry(s.script).or_default().push(s);
    }
    let scripts: Vec<Script> = sources.iter().map(|s| s.script).collect();
    let formats: Vec<Format> = sources.iter().map(|s| s.format).collect();
    let mean_sentences = sources.iter().map(|s| s.sentences.len()).sum::<usize>() / sources.len();
    eprintln!(
        "corpus: {} source articles ({} simplified, {} traditional, {} English; {} md, {} txt, {} html), {} sentences per article on average",
        sources.len(),
        scripts.iter().filter(|s| **s == Script::Simplified).count(),
        scripts.iter().filter(|s| **s == Script::Traditional).count(),
        scripts.iter().filter(|s| **s == Script::English).count(),
        formats.iter().filter(|s| **s == Format::Markdown).count(),
        formats.iter().filter(|s| **s == Format::Text).count(),
        formats.iter().filter(|s| **s == Format::Html).count(),
        mean_sentences
    );
    let mut rng = Rng::new(seed);
    std::fs::create_dir_all(out)?;
    let mut written = 0usize;
    let mut bytes = 0usize;
    let mut story_no = 0usize;
    while written < articles {
        story_no += 1;
        let story_seed = rng.next();
        let mut srng = Rng::new(story_seed);
        let story = Story {
            seed: story_seed,
            names: NAMES
                .iter()
                .map(|n| (*n, varied_name(n, &mut srng)))
                .collect(),
        };
        let n = (3 + srng.below(6)).min(articles - written);
        // The story's sentences: one or two source articles of one script, plus strays.
        let script = *srng.pick(&scripts);
        let pool = &by_script[&script];
        let mut base: Vec<(Script, &str)> = vec![];
        let lead = *srng.pick(pool);
        base.extend(lead.sentences.iter().map(|s| (lead.script, s.as_str())));
        if srng.chance(0.5) {
            let other = *srng.pick(pool);
            base.extend(other.sentences.iter().map(|s| (other.script, s.as_str())));
        }
        let dir = out.join(format!("s{story_no:06}"));
        std::fs::create_dir_all(&dir)?;
        let (year, month) = (2024 + srng.below(3) as u32, 1 + srng.below(12) as u32);
        let mut previous: Option<String> = None;
        for a in 0..n {
            let format = *srng.pick(&formats);
            let outlet = *srng.pick(OUTLETS);
            let ext = match format {
                Format::Markdown => "md",
                Format::Text => "txt",
                Format::Html => "html",
            };
            let path = dir.join(format!("{:02}-{outlet}.{ext}", a + 1));
            // A syndicated copy of the previous article, now and then.
            if let (Some(prev), true) = (&previous, srng.chance(0.1)) {
                std::fs::write(&path, prev)?;
                bytes += prev.len();
                written += 1;
                continue;
            }
            // This article's script: mostly the story's, sometimes another outlet's.
            let (art_script, sentences): (Script, Vec<&str>) = if srng.chance(0.2) {
                let other = srng.pick(&sources);
                (
                    other.script,
                    other.sentences.iter().map(String::as_str).collect(),
                )
            } else {
                (script, base.iter().map(|(_, s)| *s).collect())
            };
            let salt = srng.next();
            let mut chosen: Vec<String> = vec![];
            for s in &sentences {
                if srng.chance(0.75) {
                    chosen.push(story.apply(s, salt, &mut srng));
                }
            }
            // Strays from anywhere in the pool of this script.
            let art_pool = &by_script[&art_script];
            for _ in 0..srng.below(4) {
                let d = *srng.pick(art_pool);
                let raw = srng.pick(&d.sentences).clone();
                let s = story.apply(&raw, salt, &mut srng);
                let at = srng.below(chosen.len() + 1);
                chosen.insert(at, s);
            }
            if chosen.is_empty() {
                chosen.push(story.apply(sentences[0], salt, &mut srng));
            }
            let paragraphs: Vec<Vec<String>> = chosen
                .chunks(1 + srng.below(4))
                .map(|c| c.to_vec())
                .collect();
            let title = story.apply(&lead.title, salt, &mut srng);
            let date = (year, month, 1 + srng.below(28) as u32);
            let text = render(format, art_script, &title, date, outlet, &paragraphs);
            std::fs::write(&path, &text)?;
            bytes += text.len();
            written += 1;
            previous = Some(text);
        }
    }
    eprintln!(
        "corpus: wrote {written} articles in {story_no} stories, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

/// How one large article is laid out (`doc --shape`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Paragraphs of 1–4 sentences, a blank line between them.
    Paragraphs,
    /// Every sentence on one line: one paragraph of the whole article.
    Line,
    /// One line and one sentence: the sentence stops (。！？.!?) replaced by commas.
    RunOn,
}

/// One article of about `bytes` bytes, for `scaling-doc.sh`: the sentences of the project's
/// fixtures (and `--shared`, when given) recombined as one long story: names varied once,
/// figures varied by the generator's usual 3 %, laid out by `shape`. Simplified Chinese and
/// English sentences only, so the text is one article a person could have written.
/// Deterministic for a seed; the same seed and shape give a prefix of the longer article.
fn generate_doc(
    out: &Path,
    bytes: usize,
    shape: Shape,
    seed: u64,
    shared: Option<&Path>,
) -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![];
    collect(&root.join("docs/examples/appointment"), &mut paths);
    collect(&root.join("tests/fixtures"), &mut paths);
    if let Some(s) = shared {
        collect(s, &mut paths);
    }
    // Sentences one by one: a simplified source can quote a traditional title.
    let mut sources: Vec<SourceDoc> = paths.iter().filter_map(|p| read_source(p)).collect();
    for d in &mut sources {
        d.sentences = std::mem::take(&mut d.sentences)
            .into_iter()
            .map(|s| s.replace('\u{feff}', ""))
            .filter(|s| !s.starts_with('#') && script_of(s) != Script::Traditional)
            .collect();
        d.script = script_of(&d.sentences.concat());
    }
    sources.retain(|d| !d.sentences.is_empty());
    if sources.is_empty() {
        return Err(std::io::Error::other("no source articles found"));
    }
    let mut rng = Rng::new(seed);
    let story_seed = rng.next();
    let mut srng = Rng::new(story_seed);
    let story = Story {
        seed: story_seed,
        names: NAMES
            .iter()
            .map(|n| (*n, varied_name(n, &mut srng)))
            .collect(),
    };
    let mut text = format!(
        "---\ntitle: \"{}\"\ndate: \"2025-06-02 09:30:00\"\ncategories:\n  - \"wire\"\n---\n\n",
        story
            .apply(&sources[0].title, 0, &mut rng)
            .replace('"', "'")
    );
    let mut in_paragraph = 0usize;
    let mut paragraph_len = 1 + rng.below(4);
    while text.len() < bytes {
        let d = rng.pick(&sources);
        let raw = rng.pick(&d.sentences).clone();
        let salt = rng.next();
        let s = story.apply(&raw, salt, &mut rng);
        let s = if shape == Shape::RunOn {
            s.replace(['。', '！', '？'], "，")
                .replace(['!', '?'], ",")
                .replace(". ", ", ")
                .trim_end_matches('.')
                .to_string()
                + if d.script == Script::English {
                    ", "
                } else {
                    ""
                }
        } else {
            s
        };
        if d.script == Script::English && !text.ends_with(['\n', ' ']) {
            text.push(' ');
        }
        text.push_str(&s);
        in_paragraph += 1;
        if shape == Shape::Paragraphs && in_paragraph >= paragraph_len {
            text.push_str("\n\n");
            in_paragraph = 0;
            paragraph_len = 1 + rng.below(4);
        }
    }
    text.push('\n');
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, &text)?;
    eprintln!(
        "doc: wrote {:.2} MB ({shape:?}) to {}",
        text.len() as f64 / 1e6,
        out.display()
    );
    Ok(())
}

/// `n` small articles about one story for `human-many.sh`: each a few random clauses of
/// invented filler around one sentence that states a figure, 18 in three articles of four
/// and 20 in the others, so the run has one finding over every article (the case where the
/// human report's snippets of one finding matter). Each article names its own outlet, and
/// the filler keeps the texts apart, so every article is an independent source.
fn generate_many(out: &Path, n: usize, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let pool: Vec<char> = HAN_POOL.chars().collect();
    let filler =
        |rng: &mut Rng, len: usize| -> String { (0..len).map(|_| *rng.pick(&pool)).collect() };
    let mut bytes = 0;
    for i in 0..n {
        let dir = out.join(format!("d{:03}", i / 1000));
        std::fs::create_dir_all(&dir)?;
        let years = if rng.chance(0.75) { 18 } else { 20 };
        let text = format!(
            "---\ntitle: \"星河集团任命{}\"\ndate: \"2025-02-{:02}\"\ncategories:\n  - \"outlet{i}\"\n---\n\n{}。2月10日，人工智能科学家林嘉禾正式加入星河集团，出任集团副总裁。{}。副总裁林嘉禾表示，他在AI领域深耕{years}年。{}。\n",
            filler(&mut rng, 6),
            1 + i % 28,
            filler(&mut rng, 30),
            filler(&mut rng, 40),
            filler(&mut rng, 25),
        );
        bytes += text.len();
        std::fs::write(dir.join(format!("a{i:06}.md")), text)?;
    }
    eprintln!(
        "many: wrote {n} articles, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(())
}

/// The literal words of the rule patterns (runs of two or more Han characters, Latin words
/// of four letters or more, outside slots and escapes), as one alternation for `rg`.
fn anchors() -> String {
    let mut problems = vec![];
    let ex = factcheck::extract::Extractor::builtin(&mut problems);
    let mut words = std::collections::BTreeSet::new();
    for rule in &ex.rules.rules {
        for p in &rule.def.patterns {
            // Drop slots and gaps `{…}`, escapes `\s` and named groups `(?P<…>`.
            let mut clean = String::new();
            let mut depth = 0;
            let mut chars = p.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    '\\' => {
                        chars.next();
                        clean.push(' ');
                    }
                    '<' if clean.ends_with("?P") => {
                        for c in chars.by_ref() {
                            if c == '>' {
                                break;
                            }
                        }
                        clean.push(' ');
                    }
                    _ if depth == 0 => clean.push(c),
                    _ => {}
                }
            }
            let mut cur = String::new();
            let mut han = false;
            for c in clean.chars().chain(std::iter::once(' ')) {
                let is_han = ('\u{4E00}'..='\u{9FFF}').contains(&c);
                let is_latin = c.is_ascii_alphabetic();
                if (is_han && (han || cur.is_empty())) || (is_latin && (!han || cur.is_empty())) {
                    han = is_han;
                    cur.push(c);
                    continue;
                }
                let n = cur.chars().count();
                if (han && n >= 2) || (!han && n >= 4) {
                    words.insert(cur.clone());
                }
                cur.clear();
                if is_han || is_latin {
                    han = is_han;
                    cur.push(c);
                }
            }
        }
    }
    words.into_iter().collect::<Vec<_>>().join("|")
}

/// `factcheck run --format json` stage by stage, with the time of each (the same calls as
/// `pipeline::run_with` and the CLI; wall-clock seconds on stderr).
fn phases(paths: &[PathBuf]) {
    use factcheck::{extract, ingest, meta, normalize, pipeline, report};
    use rayon::prelude::*;
    use std::time::Instant;
    let t = Instant::now();
    let lap = |what: &str, t: &mut Instant| {
        eprintln!("{what:>24}: {:8.3} s", t.elapsed().as_secs_f64());
        *t = Instant::now();
    };
    let mut t0 = t;
    let mut problems = vec![];
    let ex = extract::Extractor::builtin(&mut problems);
    lap("load rules", &mut t0);
    let files = ingest::walk::expand(paths, &mut problems);
    lap("walk", &mut t0);
    let mut docs: Vec<pipeline::Processed> = files
        .par_iter()
        .filter_map(|p| {
            let mut probs = vec![];
            let display = ingest::display_path(p);
            let source = ingest::load(p, &display, &mut probs)?;
            let norm = normalize::normalize(&source);
            let info = meta::describe(String::new(), &source, &norm);
            Some(pipeline::Processed {
                source,
                norm,
                info,
                claims: vec![],
                directives: vec![],
            })
        })
        .collect();
    lap("ingest+normalize+meta", &mut t0);
    let anchors: Vec<chrono::NaiveDate> = docs
        .iter()
        .filter(|d| !d.info.published_inferred)
        .filter_map(|d| extract::reference_date(d.info.published.as_deref()))
        .collect();
    for d in docs.iter_mut() {
        meta::reinfer_year(&mut d.info, &d.norm, &anchors);
    }
    lap("reinfer years", &mut t0);
    let learned = extract::entities::rank_appositions(
        docs.iter()
            .map(|d| extract::entities::appositions(&d.norm.text, &ex.lexicon))
            .collect(),
    );
    let lexicon = ex.lexicon.with_entities(&learned);
    lap("appositions+lexicon", &mut t0);
    docs.par_iter_mut().for_each(|d| {
        d.claims = extract::extract(
            &extract::Prepared {
                info: &d.info,
                source: &d.source,
                norm: &d.norm,
            },
            &ex,
            &lexicon,
        );
    });
    lap("extract", &mut t0);
    let parts: Vec<pipeline::DocClaims> = docs.iter().map(pipeline::DocClaims::of).collect();
    lap("signatures", &mut t0);
    let (rep, _) = pipeline::assemble(parts, problems.clone(), &lexicon);
    lap("assemble+reconcile", &mut t0);
    let run = pipeline::finish(docs, problems, &lexicon);
    lap("finish (again, whole)", &mut t0);
    let texts: Vec<report::DocText> = run
        .docs
        .iter()
        .map(report::DocText::from_processed)
        .collect();
    let opts = report::RenderOptions::for_stdout(false, report::rule_meta());
    let json = report::render(report::Format::Json, &run.report, &texts, &opts);
    lap("render json", &mut t0);
    eprintln!(
        "{:>24}: {} documents, {} claims, {} findings, {} bytes of JSON",
        "counts",
        rep.documents.len(),
        rep.claims.len(),
        rep.findings.len(),
        json.len()
    );
    eprintln!("{:>24}: {:8.3} s", "total", t.elapsed().as_secs_f64());
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let get = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    match args.first().map(String::as_str) {
        Some("gen") => {
            let out = PathBuf::from(get("--out").unwrap_or_else(|| "target/bench-corpus".into()));
            let n: usize = get("--articles")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1000);
            let seed: u64 = get("--seed").and_then(|n| n.parse().ok()).unwrap_or(42);
            let shared = get("--shared").map(PathBuf::from);
            if let Err(e) = generate(&out, n, seed, shared.as_deref()) {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        }
        Some("doc") => {
            let out = PathBuf::from(get("--out").unwrap_or_else(|| "target/bench-doc/a.md".into()));
            let bytes: usize = get("--bytes")
                .and_then(|n| n.parse().ok())
                .unwrap_or(1_000_000);
            let shape = match get("--shape").as_deref() {
                None | Some("paragraphs") => Shape::Paragraphs,
                Some("line") => Shape::Line,
                Some("run-on") => Shape::RunOn,
                Some(other) => {
                    eprintln!("error: --shape {other}: expected paragraphs, line or run-on");
                    std::process::exit(2);
                }
            };
            let seed: u64 = get("--seed").and_then(|n| n.parse().ok()).unwrap_or(42);
            let shared = get("--shared").map(PathBuf::from);
            if let Err(e) = generate_doc(&out, bytes, shape, seed, shared.as_deref()) {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        }
        Some("many") => {
            let out = PathBuf::from(get("--out").unwrap_or_else(|| "target/bench-many".into()));
            let n: usize = get("--articles")
                .and_then(|n| n.parse().ok())
                .unwrap_or(20_000);
            let seed: u64 = get("--seed").and_then(|n| n.parse().ok()).unwrap_or(42);
            if let Err(e) = generate_many(&out, n, seed) {
                eprintln!("error: {e}");
                std::process::exit(2);
            }
        }
        Some("anchors") => println!("{}", anchors()),
        Some("phases") => phases(&args[1..].iter().map(PathBuf::from).collect::<Vec<_>>()),
        _ => {
            // `cargo bench` with no arguments: say how to use it, succeed.
            eprintln!(
                "usage: cargo bench --bench corpus -- gen --out DIR --articles N [--seed S] [--shared PATH]\n       cargo bench --bench corpus -- doc --out FILE --bytes N [--shape paragraphs|line|run-on] [--seed S] [--shared PATH]\n       cargo bench --bench corpus -- many --out DIR --articles N [--seed S]\n       cargo bench --bench corpus -- anchors\nsee tests/bench/run.sh, tests/bench/scaling-doc.sh and tests/bench/human-many.sh"
            );
        }
    }
}
