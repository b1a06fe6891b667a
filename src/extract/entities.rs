//! Entity mentions: names the lexicons know, names the article itself pairs (an apposition
//! such as `许主洪教授(Steven Hoi)`), and names nobody listed, found by pattern: Latin-script
//! names (`HyperGAI`, `Qwen2.5-Max`), Chinese organisation names by suffix (公司, 集团, 实验室,
//! 大学 …), transliterated names with `·`, and a Chinese personal name right after a title
//! (`总裁吴嘉`).
//!
//! All offsets are byte offsets into the normalized text.

mod latin;

pub use latin::mid_sentence_words;

use super::lexicon::{fold_name, EntityDef, Entry, Lexicon};
use regex::Regex;
use std::sync::OnceLock;

/// What kind of thing a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    Person,
    Org,
    Product,
    /// A name found by pattern whose kind is unknown.
    Name,
    Title,
    /// A news outlet (Reuters, 彭博): attribution, never a subject of the story.
    Outlet,
}

impl MentionKind {
    pub fn from_lexicon(kind: &str) -> MentionKind {
        match kind {
            "person" => MentionKind::Person,
            "org" | "organisation" | "organization" | "company" | "university" | "lab" => {
                MentionKind::Org
            }
            "product" | "model" => MentionKind::Product,
            "outlet" => MentionKind::Outlet,
            _ => MentionKind::Name,
        }
    }
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Person => "person",
            MentionKind::Org => "org",
            MentionKind::Product => "product",
            MentionKind::Name => "name",
            MentionKind::Title => "title",
            MentionKind::Outlet => "outlet",
        }
    }
}

/// One mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// The name as written (normalized).
    pub name: String,
    /// The canonical name (lexicon, apposition), or the folded name itself.
    pub canonical: String,
    /// True when a lexicon or an apposition vouches for it.
    pub known: bool,
}

struct Patterns {
    apposition: Regex,
    apposition_latin_first: Regex,
    org_suffix: Regex,
    transliterated: Regex,
    after_title: Regex,
    ticker: Regex,
    /// A Latin name and its stock symbol: Velmora (NYSE:VLM), Velmora Motors (VLMR).
    latin_ticker: Regex,
    /// A single Latin word in brackets after a Han name: 星河汽车（Xinghe）.
    single_latin: Regex,
    /// A short name declared after a full one: 星河科技股份有限公司（简称“星河科技”）.
    short_name: Regex,
}

/// Characters that end a Chinese name on its left (function words, verbs of joining).
const LEFT_STOPS: &str = "的在至到了和与及是为从向于将由被对把给让跟同或而并且也都又再已曾入盟任往";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        apposition: Regex::new(
            r"(\p{Han}[\p{Han}·]{1,15})\s*\(\s*([A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2})\s*\)",
        )
        .unwrap(),
        apposition_latin_first: Regex::new(
            r"([A-Z][a-z]+(?:[ \-][A-Z][a-z]+){1,2})\s*\(\s*(\p{Han}{2,8})\s*\)",
        )
        .unwrap(),
        org_suffix: Regex::new(
            r"\p{Han}{2,6}?(?:股份有限公司|有限责任公司|有限公司|公司|集团|实验室|研究院|研究所|大学|学院|事业群|事业部|银行|交易所|委员会|基金会|科技|电子|证券|保险|控股|半导体|存储|通信|光电|传媒|医药|能源)",
        )
        .unwrap(),
        transliterated: Regex::new(r"\p{Han}{1,5}·\p{Han}{1,6}").unwrap(),
        // A listed company's name and its stock code: 星河科技(0123), 星河(01234.HK),
        // 星河（SZ:300123）, 星河(688123.SH).
        ticker: Regex::new(
            r"(\p{Han}{2,12})\s*[(（]\s*(?:(?:HK|SH|SZ|BJ|TW|HKEX|SEHK)\s*[:：.]?\s*)?\d{4,6}(?:\s*\.\s*(?:HK|SH|SZ|BJ|TW|KS|T))?\s*[)）]",
        )
        .unwrap(),
        latin_ticker: Regex::new(
            r"([A-Z][A-Za-z0-9.&'’\-]*(?: [A-Z][A-Za-z0-9.&'’\-]*){0,4})\s*[(（]\s*(?:([A-Z]{2,7})\s*[:：]\s*)?([A-Z0-9]{1,6}(?:\.[A-Z]{1,2})?)\s*[)）]",
        )
        .unwrap(),
        short_name: Regex::new(
            r#"[(（]\s*(?:以下|下文)?(?:简称|下称|簡稱|下稱)\s*[:：]?\s*[“"「]([^”"」]{2,12})[”"」]"#,
        )
        .unwrap(),
        single_latin: Regex::new(r"(\p{Han}{2,8})\s*[(（]\s*([A-Z][a-z]{2,})\s*[)）]").unwrap(),
        after_title: Regex::new(r"^\s?(\p{Han}{2,3}?)(?:汇报|表示|透露|称|说|指出|亲自|同样|介绍|认为|卸任|辞任|辞去|接任|出任|转任|改任|担任|兼任|加入|加盟|宣布|即日|在|于|将|已|曾|也|就|的|和|与|及|是|为|[,，。、;；:：\s\(]|$)").unwrap(),
    })
}

/// Markets written after a stock symbol (TSLA-US).
const MARKETS: &[&str] = &["US", "HK", "SH", "SZ", "TW", "JP", "CN", "SG", "UK", "KS"];

/// Latin tokens that are words, not names.
const NOT_NAMES: &[&str] = &[
    "AI",
    "A",
    "I",
    "The",
    "To",
    "C",
    "In",
    "On",
    "At",
    "Of",
    "And",
    "For",
    "It",
    "We",
    "He",
    "She",
    "They",
    "This",
    "That",
    "App",
    "APP",
    "PK",
    "VS",
    "OK",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "GPU",
    "CPU",
    "AGI",
    "API",
    "PC",
    "IT",
    "HR",
    "PR",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "H1",
    "H2",
    "YoY",
    "QoQ",
    "US",
    "UK",
    "EU",
    "EPS",
    "AM",
    "PM",
    "No",
    "Mr",
    "Ms",
    "Dr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Initially",
    "However",
    "Meanwhile",
    "Founded",
    "According",
    "Co",
    "Ltd",
    "Inc",
    "Corp",
    "Calif",
    "GMT",
    "EDT",
    "IPO",
    "EV",
    "AV",
    "SUV",
    "OEM",
    "ODM",
    "ETF",
    "GDP",
    // Generic acronyms of technology and business, like AI and API above: kinds of things,
    // never a name in a story.
    "LLM",
    "LLMs",
    "NLP",
    "SOTA",
    "AIGC",
    "GenAI",
    "PDF",
    "HTML",
    "PCB",
    "APAC",
    "EMEA",
    "CapEx",
    "B2B",
    "B2C",
];

/// The Chinese personal name at the end of `s`: honorifics dropped on the right, known
/// titles and names and function words dropped on the left, then at most three characters.
fn person_name_before(s: &str, lex: &Lexicon) -> Option<String> {
    let mut s = s;
    for h in ["教授", "博士", "先生", "女士", "院士", "老师"] {
        s = s.strip_suffix(h).unwrap_or(s);
    }
    let cut = lex.find(s).iter().map(|m| m.end).max().unwrap_or(0);
    let mut rest = &s[cut..];
    if let Some((i, c)) = rest.char_indices().rfind(|(_, c)| LEFT_STOPS.contains(*c)) {
        rest = &rest[i + c.len_utf8()..];
    }
    let n = rest.chars().count();
    if n < 2 {
        return None;
    }
    // A transliteration is whole up to its separator (埃里克·厄尔利), not three characters.
    if rest.contains('·') {
        let p = patterns();
        let m = p
            .transliterated
            .find_iter(rest)
            .last()
            .filter(|m| m.end() == rest.len())?;
        let dot = m.start() + m.as_str().find('·')?;
        let given = trailing_name(&rest[m.start()..dot]);
        return (!given.is_empty()).then(|| rest[dot - given.len()..].to_string());
    }
    // The segmenter's name at the end, at most three characters (加拿大总理卡尼 → 卡尼).
    let tail = trailing_name(rest);
    let tail = if tail.chars().count() >= 2 {
        tail
    } else {
        rest
    };
    let k = tail.chars().count();
    Some(tail.chars().skip(k.saturating_sub(3)).collect())
}

/// An organisation name found by suffix, cut on the left after the last function word.
fn org_name_cut(s: &str) -> &str {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if LEFT_STOPS.contains(c) && i + c.len_utf8() + 6 <= s.len() {
            start = i + c.len_utf8();
        }
    }
    let name = &s[start..];
    // A description before the name (研发机构天枢实验室): the name is what follows it.
    KIND_STEMS
        .iter()
        .filter_map(|k| name.strip_prefix(k))
        .find(|rest| rest.chars().count() >= 3)
        .unwrap_or(name)
}

/// A suffix name checked against the segmenter's words: it starts on a word (制造商日产汽车公司
/// matched from inside 制造商 starts at 日产), its suffix ends one (根据公司公告 holds no name:
/// 公司公告 is one word; 星河集团公司 extends to the word's end), and words that cannot begin
/// a name are cut on the left: pronouns, times, verbs, adverbs, prepositions (他更关注公司,
/// 彼时公司) and a noun of agents or kinds (制造商, 竞争者, 品牌: a description standing before
/// the name); the name is the run of noun words that ends at the suffix. None
/// when no word of a name is left before the suffix.
fn org_by_words(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    name_by_words(text, start, end, true)
}

/// [`org_by_words`] for a name that ends where a bracket opens (`suffix: false`): only the
/// left edge is checked.
fn name_by_words(text: &str, start: usize, end: usize, suffix: bool) -> Option<(usize, usize)> {
    // Some context on both sides, so that the words at the edges are segmented as in the text.
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(5)
        .map_or(0, |(i, _)| i);
    let to = text[end..]
        .char_indices()
        .nth(4)
        .map_or(text.len(), |(i, _)| end + i);
    let window = &text[from..to];
    // Not `fold_name`: it trims, and the characters must stay where they are.
    let folded = crate::normalize::script::to_simplified(window);
    // Character offsets of the folded text are those of the window (conversion keeps the
    // count of characters): byte offsets in the text, per character.
    let bytes: Vec<usize> = window
        .char_indices()
        .map(|(i, _)| from + i)
        .chain(std::iter::once(to))
        .collect();
    let mut words: Vec<(usize, usize, &str)> = Vec::new(); // byte start, byte end, tag
    let mut ch = 0;
    for t in jieba().tag(&folded, true) {
        let n = t.word.chars().count();
        words.push((bytes[ch], bytes[(ch + n).min(bytes.len() - 1)], t.tag));
        ch += n;
    }
    let mut end = end;
    if let Some(w) = words.iter().find(|w| suffix && w.0 < end && w.1 > end) {
        // The suffix is cut inside a word: that word must end as an organisation does.
        let word = &text[w.0..w.1];
        if patterns()
            .org_suffix
            .find(word)
            .is_none_or(|m| m.end() != word.len())
        {
            return None;
        }
        end = w.1;
    }
    let inside: Vec<&(usize, usize, &str)> = words
        .iter()
        .filter(|w| w.0 >= start && w.1 <= end)
        .collect();
    let opens_name = |w: &(usize, usize, &str)| {
        let word = &text[w.0..w.1];
        let noun = matches!(
            w.2,
            "n" | "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "nw" | "j"
        ) || w.2 == "eng"
            || w.2 == "x";
        noun && !(w.2 == "n" && (word.ends_with(['商', '厂', '者']) || word.ends_with("品牌")))
    };
    // The name is the run of noun words that ends at the suffix (消息刺激本田汽车: 本田汽车).
    // A localizer of one character between two nouns is inside the name (北京中石伟业科技:
    // 北京/ns 中/f 石/n …), not where it begins.
    let single_localizer = |k: usize| {
        let w = inside[k];
        w.2 == "f"
            && text[w.0..w.1].chars().count() == 1
            && k > 0
            && opens_name(inside[k - 1])
            && inside.get(k + 1).is_some_and(|n| opens_name(n))
    };
    let mut first = inside.len();
    while first > 0 && (opens_name(inside[first - 1]) || single_localizer(first - 1)) {
        first -= 1;
    }
    if first == inside.len() {
        return None;
    }
    // The segmenter tags a name it does not know as a verb now and then (对深瞳科技: 深瞳/v):
    // a two-character verb right after a preposition or a bracket is where a noun phrase
    // begins, so it opens the name.
    if first > 0 {
        let w = inside[first - 1];
        let before = words.iter().rev().find(|p| p.1 <= w.0);
        // Only a verb the segmenter made up (its dictionary does not hold it): a verb it
        // knows (实现集团, 引述公司, 显见公司) is the verb of the clause.
        let word = crate::normalize::script::to_simplified(&text[w.0..w.1]);
        if matches!(w.2, "v" | "vn")
            && word.chars().count() == 2
            && !jieba().has_word(&word)
            && before.is_none_or(|p| matches!(p.2, "p" | "x" | "w"))
        {
            first -= 1;
        }
    }
    // Nothing but the suffix word itself is left, or the name is one common noun (控股公司): a
    // kind of organisation, not a name.
    if suffix && first + 1 >= inside.len() && (inside.len() > 1 || inside[0].2 == "n") {
        return None;
    }
    let mut start = inside[first].0;
    // The unit of a date is no part of a name the segmenter glued it to (8月18日天孚通信: 日天孚).
    if text[..start].ends_with(|c: char| c.is_ascii_digit())
        && text[start..].starts_with(['日', '月', '年'])
    {
        start += '日'.len_utf8();
    }
    if suffix && text[start..end].chars().count() < 3 && inside.len() > 1 {
        return None;
    }
    if suffix && describes_a_kind(text, &inside[first..], end) {
        return None;
    }
    Some((start, end))
}

/// Suffixes that are also common nouns of an industry (长江存储, 星河科技, but 企业级存储,
/// 国产存储: storage).
const INDUSTRY_SUFFIXES: &[&str] = &[
    "科技",
    "电子",
    "证券",
    "保险",
    "控股",
    "半导体",
    "存储",
    "通信",
    "光电",
    "传媒",
    "医药",
    "能源",
];

/// Is the suffix name made of `words` (the segmenter's, ending at `end`) a description of a
/// kind of organisation rather than a name? An industry suffix after a common word of two
/// characters or more (企业级存储, 中国核心半导体, 固态硬盘分层存储: no name, only what they
/// do; 长江存储, 华泰证券, 美光科技 have a proper noun or characters the segmenter does not
/// know before it), unless a legal suffix follows (星河智能科技有限公司); 公司 after
/// common words and places only (日本汽车公司, 大模型公司, 企业软件公司) or after a place
/// alone (美国公司).
fn describes_a_kind(text: &str, words: &[&(usize, usize, &str)], end: usize) -> bool {
    let name = &text[words[0].0..end];
    let common = |t: &str| {
        matches!(
            t,
            "n" | "vn" | "v" | "a" | "ad" | "b" | "l" | "t" | "d" | "m" | "f" | "s"
        )
    };
    let chars = |w: &(usize, usize, &str)| text[w.0..w.1].chars().count();
    if let Some(sfx) = INDUSTRY_SUFFIXES.iter().find(|s| name.ends_with(*s)) {
        let rest = &text[end..];
        if LEGAL_SUFFIXES.iter().any(|l| rest.starts_with(l)) {
            return false;
        }
        let stem_end = end - sfx.len();
        let stem: Vec<&&(usize, usize, &str)> = words.iter().filter(|w| w.1 <= stem_end).collect();
        // One common word alone before the suffix can be a brand (晨星科技, 招商证券); a
        // phrase ending in one is a description. A word the segmenter made up (芯飞/v) is a
        // name's, whatever its tag.
        return stem.len() >= 2
            && stem.last().is_some_and(|w| {
                w.1 == stem_end
                    && chars(w) >= 2
                    && common(w.2)
                    && jieba().has_word(&crate::normalize::script::to_simplified(&text[w.0..w.1]))
            });
    }
    if !name.ends_with("公司") || LEGAL_SUFFIXES[..3].iter().any(|l| name.ends_with(l)) {
        return false;
    }
    let stem_end = end - "公司".len();
    let stem: Vec<&&(usize, usize, &str)> = words.iter().filter(|w| w.1 <= stem_end).collect();
    match stem[..] {
        // One word holding the suffix (美国公司/nt): the segmenter's tag of its stem.
        [] => {
            let stem = crate::normalize::script::to_simplified(&name[..name.len() - "公司".len()]);
            let tags = jieba().tag(&stem, true);
            tags.len() == 1 && tags[0].tag == "ns"
        }
        [w] => w.2 == "ns",
        _ => stem.iter().all(|w| common(w.2) || w.2 == "ns"),
    }
}

/// Words that make a suffix name generic (一家初创公司, 上市公司, 子公司): not a name.
const GENERIC: &[&str] = &[
    "初创", "创业", "创企", "上市", "子", "母", "分", "合资", "家", "该", "其", "多", "大", "新",
    "本", "我", "贵", "头部", "龙头", "领先", "知名", "全球", "国际", "国内", "海外", "相关", "这",
    "那", "各", "两", "几", "顶级", "重点", "一流", "名校", "研究",
];

/// Words no organisation name contains: a suffix match that holds them is a clause.
const CLAUSE_WORDS: &[&str] = &[
    "负责", "继续", "主要", "进行", "开始", "完成", "发布", "宣布", "表示", "成为", "推出", "交付",
    "客户", "生产", "通过", "以及", "其中", "这是", "我们", "他们", "已经", "正在",
];

/// Stems that alone only say what kind of organisation it is (软件公司, 投资银行).
const KIND_STEMS: &[&str] = &[
    "软件",
    "投资",
    "科技",
    "机构",
    "研发机构",
    "人形机器人",
    "人形机械人",
    "机器人",
    "互联网",
    "电商",
    "芯片",
    "汽车",
    "能源",
    "医药",
    "金融",
    "咨询",
    "商业",
    "国有",
    "民营",
    "外资",
];

/// Words of time that stand where a name could (负责人近期表示).
const TIME_WORDS: &[&str] = &[
    "近期", "目前", "此前", "今年", "日前", "近日", "当时", "随后", "此后",
];

fn is_generic(name: &str) -> bool {
    if CLAUSE_WORDS.iter().any(|w| name.contains(w)) {
        return true;
    }
    if KIND_STEMS.iter().any(|k| {
        name.strip_prefix(k)
            .is_some_and(|rest| rest.chars().count() <= 2)
    }) {
        return true;
    }
    let suffixes = [
        "股份有限公司",
        "有限公司",
        "公司",
        "集团",
        "实验室",
        "研究院",
        "研究所",
        "大学",
        "学院",
        "事业群",
        "事业部",
        "银行",
        "交易所",
        "委员会",
        "基金会",
    ];
    let stem = suffixes
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name);
    stem.is_empty()
        || GENERIC
            .iter()
            .any(|g| stem.ends_with(g) || stem.starts_with(g))
}

/// Words that make a Latin name an organisation's.
const ORG_WORDS: &[&str] = &[
    "County",
    "City",
    "State",
    "Province",
    "District",
    "Capital",
    "Management",
    "Group",
    "Holdings",
    "Holding",
    "Inc",
    "Corp",
    "Corporation",
    "Company",
    "Co",
    "Ltd",
    "Limited",
    "Partners",
    "Investments",
    "Investment",
    "Fund",
    "Bank",
    "Securities",
    "Technologies",
    "Technology",
    "Motors",
    "Motor",
    "Industries",
    "Systems",
    "Labs",
    "Lab",
    "Ventures",
    "Associates",
    "Asset",
    "Advisors",
    "Electronics",
    "Pharma",
    "University",
    "Institute",
    "Association",
    "Authority",
    "Agency",
    "Foundation",
    "Exchange",
];

fn has_org_word(latin: &str) -> bool {
    latin
        .split([' ', '-'])
        .any(|w| ORG_WORDS.contains(&w.trim_end_matches('.')))
}

/// Appositions in `text`: pairs of a Chinese name and a Latin name for the same person.
pub fn appositions(text: &str, lex: &Lexicon) -> Vec<EntityDef> {
    let p = patterns();
    let mut out = vec![];
    // A name with its stock code is an organisation's name (泡泡玛特(9992)).
    for c in p.ticker.captures_iter(text) {
        let m = c.get(1).unwrap();
        let cut = org_name_cut(m.as_str());
        let Some((start, end)) = name_by_words(text, m.end() - cut.len(), m.end(), false) else {
            continue;
        };
        let name = &text[start..end];
        // A name the lexicon knows ends it (概念龙头星河科技(300123)): nothing to learn.
        if lex.find(name).iter().any(|m| m.end == name.len()) {
            continue;
        }
        if name.chars().count() >= 2 && !is_generic(name) {
            out.push(EntityDef {
                canonical: fold_name(name),
                kind: "org".into(),
                aliases: vec![name.to_string()],
                parent: None,
                note: Some("stock code".into()),
            });
        }
    }
    // A short name declared after an organisation's full name is that organisation.
    for c in p.short_name.captures_iter(text) {
        let start = c.get(0).unwrap().start();
        let Some(full) = full_name_before(text, start) else {
            continue;
        };
        let short = &c[1];
        if short.chars().count() >= 2 && !is_generic(short) {
            out.push(EntityDef {
                canonical: fold_name(full),
                kind: "org".into(),
                aliases: vec![full.to_string(), short.to_string()],
                parent: None,
                note: Some("short name".into()),
            });
        }
    }
    out.extend(ticker_orgs(text));
    out.extend(brand_orgs(text, lex));
    // "Grace Ho (何颂恩)": the Latin name first.
    for c in p.apposition_latin_first.captures_iter(text) {
        let latin = c[1].to_string();
        let han = &c[2];
        // A gloss in common words (Scaling Law (规模化法则)) pairs no person.
        if latin::common_phrase(han) {
            continue;
        }
        let is_org =
            p.org_suffix.find(han).is_some_and(|m| m.end() == han.len()) || has_org_word(&latin);
        out.push(EntityDef {
            canonical: latin.clone(),
            kind: if is_org { "org" } else { "person" }.into(),
            aliases: vec![c[2].to_string(), latin],
            parent: None,
            note: Some("apposition".into()),
        });
    }
    for c in p.apposition.captures_iter(text) {
        // An organisation (隼动科技(Kestrel Dynamics)): the suffix name before the bracket.
        if let Some(m) = p
            .org_suffix
            .find_iter(&c[1])
            .last()
            .filter(|m| m.end() == c[1].len())
        {
            let name = org_name_cut(m.as_str());
            if name.chars().count() >= 3 && !is_generic(name) {
                let latin = c[2].to_string();
                out.push(EntityDef {
                    canonical: latin.clone(),
                    kind: "org".into(),
                    aliases: vec![name.to_string(), latin],
                    parent: None,
                    note: Some("apposition".into()),
                });
                continue;
            }
        }
        // The Latin side names an organisation (X Capital Management): the Chinese side is
        // the whole name before the bracket, cut at a function word, not a person.
        if has_org_word(&c[2]) {
            let name = org_name_cut(&c[1]);
            if name.chars().count() >= 2 && !is_generic(name) {
                let latin = c[2].to_string();
                out.push(EntityDef {
                    canonical: latin.clone(),
                    kind: "org".into(),
                    aliases: vec![name.to_string(), latin],
                    parent: None,
                    note: Some("apposition".into()),
                });
            }
            continue;
        }
        let Some(han) = person_name_before(&c[1], lex) else {
            continue;
        };
        let latin = c[2].to_string();
        out.push(EntityDef {
            canonical: latin.clone(),
            kind: "person".into(),
            aliases: vec![han, latin],
            parent: None,
            note: Some("apposition".into()),
        });
    }
    out
}

/// The organisation's full name that ends at `end` (where a bracket declaring its short name
/// opens): the longest legal suffix ending there (股份有限公司 before 有限公司 and 公司), and
/// the name before it as the segmenter's words give it (北京青禾伟业科技股份有限公司, not
/// the bare suffix 股份有限公司 that a search from the left would end on).
fn full_name_before(text: &str, end: usize) -> Option<&str> {
    let head = &text[..end];
    let suffix = LEGAL_SUFFIXES.iter().find(|s| head.ends_with(*s))?;
    let stem_end = end - suffix.len();
    let from = head[..stem_end]
        .char_indices()
        .rev()
        .take_while(|(_, c)| latin_is_han(*c))
        .take(16)
        .last()
        .map(|(i, _)| i)?;
    let cut = org_name_cut(&text[from..end]);
    let longer = |n: &str| n.chars().count() > suffix.chars().count() + 1;
    // The segmenter's name, else the name from the last proper noun that follows a word of
    // the clause (控股股东山东中际投资控股有限公司, 受理长江存储控股股份有限公司: the
    // segmenter reads 控股 as a verb there, so the run of nouns stops short).
    name_by_words(text, end - cut.len(), end, false)
        .map(|(s, e)| &text[s..e])
        .filter(|n| longer(n))
        .or_else(|| {
            let base = end - cut.len();
            let simple = crate::normalize::script::to_simplified(cut);
            let proper = |t: &str| matches!(t, "ns" | "nz" | "nr" | "nrt" | "nt" | "j");
            let mut at = None;
            let (mut ch, mut prev) = (0, None::<&str>);
            for t in jieba().tag(&simple, true) {
                if proper(t.tag) && prev.is_none_or(|p| !proper(p)) {
                    at = Some(ch);
                }
                prev = Some(t.tag);
                ch += t.word.chars().count();
            }
            let i = cut.char_indices().nth(at?).map(|(i, _)| base + i)?;
            let name = &text[i..end];
            longer(name).then_some(name)
        })
}

/// Legal and group suffixes, longest first.
const LEGAL_SUFFIXES: &[&str] = &["股份有限公司", "有限责任公司", "有限公司", "公司", "集团"];

/// Latin names written with a stock symbol — an exchange and a symbol (Velmora
/// (NYSE:VLM)), or a symbol that is not the name's initials (Velmora Motors (VLMR); not
/// Chief Executive Officer (CEO)) — are organisations for the run.
fn ticker_orgs(text: &str) -> Vec<EntityDef> {
    let p = patterns();
    let mut out = vec![];
    for c in p.latin_ticker.captures_iter(text) {
        let m = c.get(1).unwrap();
        // The words after a possessive (Japan's Velmora → Velmora), without a descriptor
        // (Velmora-backed → Velmora).
        let mut name = m.as_str();
        if let Some(i) = name.rfind(['\'', '’']) {
            if name[i..].starts_with("'s ") || name[i..].starts_with("’s ") {
                name = &name[i + "'s ".len() + usize::from(name[i..].starts_with('’')) * 2..];
            }
        }
        let name = name.split('-').next().unwrap_or(name).trim();
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("’s"))
            .unwrap_or(name);
        // A leading article is no part of the name (The Velmora Group).
        let name = name.strip_prefix("The ").unwrap_or(name);
        // An amount (HKD149 (USD19)) is no name.
        if name.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        // A name cut after a connective (Customs and Border Protection (CBP)).
        let before = text[..m.start()].trim_end();
        let connective = ["and", "&"]
            .iter()
            .find_map(|c| before.strip_suffix(c).filter(|b| b.ends_with(' ')));
        if connective.is_some_and(|b| {
            b.trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        }) {
            continue;
        }
        let symbol = &c[3];
        let initials: String = name
            .split(' ')
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let exchange = c.get(2).is_some();
        // The name itself in capitals (Velmora (VELMORA)) restates it: no evidence.
        let restated = symbol.eq_ignore_ascii_case(&name.replace(' ', ""));
        if name.chars().count() < 2
            || NOT_NAMES.contains(&name)
            || (!exchange
                && (initials == symbol
                    || restated
                    || !symbol.chars().any(|c| c.is_ascii_alphabetic())))
        {
            continue;
        }
        out.push(EntityDef {
            canonical: name.to_string(),
            kind: "org".into(),
            aliases: vec![name.to_string()],
            parent: None,
            note: Some("stock symbol".into()),
        });
    }
    out
}

/// Words that only an organisation takes right after its name: its shares, market value,
/// units and officers (星河股价, 星河旗下, 星河发言人), and the car maker's 汽车 (星河汽车).
const COMPANY_CUES: &[&str] = &[
    "股价",
    "股票",
    "股份",
    "股东",
    "市值",
    "旗下",
    "发言人",
    "董事会",
    "社长",
    "汽车",
    "财报",
    "子公司",
    "母公司",
];

/// The cues no person takes (a person has 旗下 companies, 股份 and a 董事会 seat too).
const PERSONLESS_CUES: &[&str] = &["股价", "股票", "市值", "汽车", "财报", "子公司", "母公司"];

/// Brand names used as company names (two to four Han characters, no legal suffix): a word
/// the segmenter tags as a proper noun (`nz`, `nt`, `j`) right before a word only an
/// organisation takes ([`COMPANY_CUES`]) or a title (星河社长, 星河首席执行官), or a
/// transliteration it tags as a person's name before a word no person takes
/// ([`PERSONLESS_CUES`]: 马自达汽车, 马自达股价). Learned for the
/// run, with its Latin name when the text gives one (星河汽车（Xinghe）).
fn brand_orgs(text: &str, lex: &Lexicon) -> Vec<EntityDef> {
    let p = patterns();
    let simple = crate::normalize::script::to_simplified(text);
    if simple.chars().count() != text.chars().count() {
        return vec![];
    }
    let mut brands: std::collections::BTreeSet<String> = Default::default();
    for segment in brand_segments(&simple, lex) {
        brands_in(&jieba().tag(segment, true), lex, &mut brands);
    }
    if brands.is_empty() {
        return vec![];
    }
    // Its Latin name: 星河汽车（Xinghe）, 星河（Xinghe）; the pairs in the text, read once.
    let pairs: Vec<(String, String)> = p
        .single_latin
        .captures_iter(&simple)
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let mut out = vec![];
    for b in brands {
        let latin = pairs
            .iter()
            .find(|(han, _)| {
                han.ends_with(b.as_str())
                    || COMPANY_CUES
                        .iter()
                        .any(|cue| han.ends_with(&format!("{b}{cue}")))
            })
            .map(|(_, l)| l.clone());
        let mut aliases = vec![b.clone(), format!("{b}汽车")];
        if let Some(l) = &latin {
            aliases.push(l.clone());
        }
        out.push(EntityDef {
            canonical: latin.unwrap_or_else(|| b.clone()),
            kind: "org".into(),
            aliases,
            parent: None,
            note: Some("brand".into()),
        });
    }
    out
}

/// Punctuation the segmenter always cuts at: jieba splits its input into runs of Han
/// characters, ASCII alphanumerics and `+#&._%-`, segments each run on its own and emits
/// every other character as a token of its own.
const SEGMENTER_CUTS: &[char] = &[
    ',', ';', '!', '?', ':', '(', ')', '。', '、', '，', '；', '！', '？', '：', '（', '）', '“',
    '”', '「', '」', '《', '》',
];

/// The parts of `simple` that can hold a brand, each to be segmented on its own. Cut at
/// [`SEGMENTER_CUTS`] (those that no lexicon name and no cue contains), a text tags as the
/// concatenation of its parts' tags, apart from the cut characters themselves, and a brand
/// needs its cue or title after it in the same part: a cut character is neither, nor does
/// a name start with one. So only the parts that hold a cue word or a title are segmented;
/// the others (most of an article) cannot give one.
fn brand_segments<'a>(simple: &'a str, lex: &Lexicon) -> Vec<&'a str> {
    static CUES: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let cues = CUES.get_or_init(|| {
        aho_corasick::AhoCorasick::new(COMPANY_CUES.iter().chain(PERSONLESS_CUES)).unwrap()
    });
    let cut = |c: char| {
        SEGMENTER_CUTS.contains(&c)
            && !COMPANY_CUES
                .iter()
                .chain(PERSONLESS_CUES)
                .any(|w| w.contains(c))
            && !lex.name_has_char(c)
    };
    simple
        .split(cut)
        .filter(|s| !s.is_empty() && (cues.is_match(*s) || lex.has_title_form(s)))
        .collect()
}

/// The brands of one segmented part of a text (see [`brand_orgs`]).
fn brands_in(
    tags: &[jieba_rs::Tag<'_>],
    lex: &Lexicon,
    brands: &mut std::collections::BTreeSet<String>,
) {
    let p = patterns();
    for (i, t) in tags.iter().enumerate() {
        let n = t.word.chars().count();
        // A transliteration the segmenter reads as a person's name (nr, nrt, nrfg) is a
        // company's only before a word no person takes (its share price, 汽车).
        let person_tag = matches!(t.tag, "nr" | "nrt" | "nrfg");
        if !(matches!(t.tag, "nz" | "nt" | "j") || person_tag)
            || !(2..=4).contains(&n)
            || !t.word.chars().all(latin_is_han)
        {
            continue;
        }
        let Some(next) = tags.get(i + 1) else {
            continue;
        };
        let rest: String = tags[i + 1..tags.len().min(i + 4)]
            .iter()
            .map(|t| t.word)
            .collect();
        let title_after = lex
            .find(&rest)
            .first()
            .is_some_and(|m| m.start == 0 && matches!(m.entry, Entry::Title { .. }));
        // A title after an abbreviation (研发负责人) is a unit's, not a company's.
        let cue = if person_tag {
            PERSONLESS_CUES.contains(&next.word)
        } else {
            COMPANY_CUES.contains(&next.word) || (title_after && t.tag != "j")
        };
        if !cue {
            continue;
        }
        // A name the lexicon knows, or a kind of organisation, teaches nothing.
        // A suffix name is found by its suffix (and 上市公司 is none); an abbreviation led
        // by a numeral (两企, 四大) is a count of organisations, not one.
        let numeral = t.tag == "j"
            && t.word
                .starts_with(|c| "一二两三四五六七八九十几多".contains(c));
        if !lex.find(t.word).is_empty()
            || KIND_STEMS.contains(&t.word)
            || TIME_WORDS.contains(&t.word)
            || numeral
            || p.org_suffix
                .find(t.word)
                .is_some_and(|m| m.end() == t.word.len())
        {
            continue;
        }
        brands.insert(t.word.to_string());
    }
}

fn latin_is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Merge the appositions of several documents: each pairing once, the pairings more
/// documents make first, so that when one name is paired two ways (隼动科技 with "Kestrel
/// Dynamics" in three articles, with a misspelt "Kestral Dynamics" in one) the lexicon keeps
/// the better supported one.
pub fn rank_appositions(per_doc: Vec<Vec<EntityDef>>) -> Vec<EntityDef> {
    // A brand one document gives with its Latin name (星河汽车（Xinghe）) has that name in
    // every document.
    let mut with_latin: std::collections::BTreeMap<String, EntityDef> = Default::default();
    for e in per_doc.iter().flatten() {
        if e.note.as_deref() == Some("brand") && e.aliases.len() > 2 {
            with_latin
                .entry(e.aliases[0].clone())
                .or_insert_with(|| e.clone());
        }
    }
    let per_doc: Vec<Vec<EntityDef>> = per_doc
        .into_iter()
        .map(|doc| {
            doc.into_iter()
                .map(
                    |e| match e.aliases.first().and_then(|a| with_latin.get(a)) {
                        Some(l) if e.note.as_deref() == Some("brand") => l.clone(),
                        _ => e,
                    },
                )
                .collect()
        })
        .collect();
    let mut count: std::collections::BTreeMap<Vec<String>, (usize, EntityDef)> = Default::default();
    for doc in per_doc {
        let mut seen = std::collections::BTreeSet::new();
        for e in doc {
            if seen.insert(e.aliases.clone()) {
                count.entry(e.aliases.clone()).or_insert((0, e)).0 += 1;
            }
        }
    }
    let mut all: Vec<(usize, EntityDef)> = count.into_values().collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.aliases.cmp(&b.1.aliases)));
    all.into_iter().map(|(_, e)| e).collect()
}

/// Every mention in `text`, sorted by start, without overlaps (known names first, then the
/// longest).
pub fn mentions(text: &str, lex: &Lexicon) -> Vec<Mention> {
    let p = patterns();
    let mut all: Vec<Mention> = Vec::new();
    for m in lex.find(text) {
        let name = text[m.start..m.end].to_string();
        let (kind, canonical) = match m.entry {
            Entry::Entity { canonical, kind } => (MentionKind::from_lexicon(&kind), canonical),
            Entry::Title { canonical } => (MentionKind::Title, canonical),
        };
        all.push(Mention {
            start: m.start,
            end: m.end,
            kind,
            name,
            canonical,
            known: true,
        });
    }
    // Latin names, without the words capitalised only by where they stand, and without
    // the titles written inside them (Tesla CEO Elon Musk: Tesla, Elon Musk).
    let latin_spans = latin::names_with(text, &lex.run_words, lex.run_words_hold_own)
        .into_iter()
        .flat_map(|(start, end)| split_at_titles(text, start, end, lex));
    for (start, end) in latin_spans {
        let s = &text[start..end];
        // A plural of capitals is a common noun (SSDs, EVs, OEMs).
        if s.len() >= 3
            && s.ends_with('s')
            && s[..s.len() - 1].chars().all(|c| c.is_ascii_uppercase())
        {
            continue;
        }
        if s.len() < 2 || NOT_NAMES.contains(&s) || s.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // A stock symbol with its market (TSLA-US, 0700-HK): a code for the shares, not a
        // name of its own.
        if s.split_once('-').is_some_and(|(sym, market)| {
            (1..=6).contains(&sym.len())
                && sym
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && MARKETS.contains(&market)
        }) {
            continue;
        }
        // Two capitals alone are an abbreviation of a common noun or a code (IP, KV, UI, a
        // market's SZ or HK) far more often than a name: a name only when the gazetteer
        // knows it (found above) or inside a longer name (SK Hynix).
        if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // Figures like 4B, 5G, 2025Q4 are values, not names.
        if s.chars().next().is_some_and(|c| c.is_ascii_digit())
            && s.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 2
        {
            continue;
        }
        all.push(Mention {
            start,
            end,
            kind: MentionKind::Name,
            name: s.to_string(),
            canonical: s.to_string(),
            known: false,
        });
    }
    // Chinese organisations by suffix, cut on the left at a function word.
    for m in p.org_suffix.find_iter(text) {
        let cut = org_name_cut(m.as_str());
        let Some((start, end)) = org_by_words(text, m.end() - cut.len(), m.end()) else {
            continue;
        };
        let name = &text[start..end];
        if name.chars().count() < 3 || is_generic(name) {
            continue;
        }
        all.push(Mention {
            start,
            end,
            kind: MentionKind::Org,
            name: name.to_string(),
            canonical: fold_name(name),
            known: false,
        });
    }
    for m in p.transliterated.find_iter(text) {
        let Some((start, end)) = trim_transliteration(text, m.start(), m.end(), lex) else {
            continue;
        };
        let name = &text[start..end];
        all.push(Mention {
            start,
            end,
            kind: MentionKind::Person,
            name: name.to_string(),
            canonical: name.to_string(),
            known: false,
        });
    }
    // An organisation name ending inside a title form ("星河集团" + "集团副总裁"): the title
    // keeps only its own part when that part is a title too ("副总裁").
    // (start, end, order in `all`) of the organisations, by start: for each title, only
    // those starting less than the longest organisation before it can cover its start
    // (a search of all of them per title was quadratic in a long text).
    let mut orgs: Vec<(usize, usize, usize)> = all
        .iter()
        .filter(|m| m.kind == MentionKind::Org)
        .enumerate()
        .map(|(i, m)| (m.start, m.end, i))
        .collect();
    orgs.sort_unstable();
    let longest = orgs.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
    for t in all.iter_mut().filter(|m| m.kind == MentionKind::Title) {
        // The first in `all` order of those with os < t.start < oe < t.end.
        let lo = orgs.partition_point(|&(os, _, _)| os + longest <= t.start);
        let hi = orgs.partition_point(|&(os, _, _)| os < t.start);
        if let Some(&(_, oe, _)) = orgs[lo..hi]
            .iter()
            .filter(|&&(_, oe, _)| oe > t.start && oe < t.end)
            .min_by_key(|&&(_, _, i)| i)
        {
            let tail = &text[oe..t.end];
            if let Some(Entry::Title { canonical }) = lex
                .find(tail)
                .first()
                .filter(|m| m.start == 0 && m.end == tail.len())
                .map(|m| m.entry.clone())
            {
                t.start = oe;
                t.name = tail.to_string();
                t.canonical = canonical;
            }
        }
    }
    // A Chinese personal name right after a title: 总裁吴嘉, CTO 周靖人.
    let titles: Vec<(usize, usize)> = all
        .iter()
        .filter(|m| m.kind == MentionKind::Title)
        .map(|m| (m.start, m.end))
        .collect();
    for (tstart, end) in titles {
        if !text.is_char_boundary(end) || !title_ends_word(text, tstart, end) {
            continue;
        }
        // A transliterated name, whole up to its separators (埃隆·马斯克): found above.
        if p.transliterated
            .find(&text[end..])
            .is_some_and(|m| text[end..end + m.start()].trim().is_empty())
        {
            continue;
        }
        if let Some(c) = p.after_title.captures(&text[end..]) {
            let g = c.get(1).unwrap();
            let name = g.as_str();
            let starts_with_stop = name.chars().next().is_some_and(|c| LEFT_STOPS.contains(c));
            if lex.find(name).is_empty()
                && !starts_with_stop
                && !TIME_WORDS.contains(&name)
                && !starts_with_function_word(&text[end + g.start()..])
            {
                all.push(Mention {
                    start: end + g.start(),
                    end: end + g.end(),
                    kind: MentionKind::Person,
                    name: name.to_string(),
                    canonical: name.to_string(),
                    known: false,
                });
            }
        }
    }
    // A Chinese person found once by pattern (after a title) is the same person wherever the
    // document writes the name again (宋以宁表示 …), so every occurrence is a mention.
    let found: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|m| {
            m.kind == MentionKind::Person
                && !m.known
                && m.name.chars().all(|c| c.is_alphabetic() && !c.is_ascii())
        })
        .map(|m| m.name.clone())
        .collect();
    for name in found {
        for (i, _) in text.match_indices(name.as_str()) {
            if !all.iter().any(|m| m.start <= i && m.end >= i + name.len()) {
                all.push(Mention {
                    start: i,
                    end: i + name.len(),
                    kind: MentionKind::Person,
                    name: name.clone(),
                    canonical: name.clone(),
                    known: false,
                });
            }
        }
    }
    resolve_overlaps(all)
        .into_iter()
        .filter(|m| !market_code(text, m))
        .collect()
}

/// Does `before` end with a person's or a company's initials and their dot (R.J., D.A., J.)
/// — no end of a sentence — rather than a word or a place's initials (U.S., U.K.)?
pub fn after_initials(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    !stem.is_empty()
        && stem
            .split('.')
            .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()))
        && !latin::PLACE_INITIALS.contains(&word.as_str())
}

/// A market's code before a stock symbol ((NYSE:VLM), [XHKG: 1234]): it names where the
/// shares trade, not an entity of the story.
fn market_code(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].trim_end();
    let after = text[m.end..].trim_start();
    let symbol_after =
        |r: &str| r.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit());
    m.name.chars().all(|c| c.is_ascii_uppercase())
        && ((before.ends_with(['(', '[', '（'])
            && after
                .strip_prefix([':', '：'])
                .is_some_and(|r| symbol_after(r.trim_start())))
            // NYSE:VLM written bare.
            || text[m.end..].strip_prefix(':').is_some_and(symbol_after))
}

/// The parts of the Latin name `text[start..end]` outside the titles written in it, cut
/// at word boundaries.
fn split_at_titles(text: &str, start: usize, end: usize, lex: &Lexicon) -> Vec<(usize, usize)> {
    let span = &text[start..end];
    let boundary = |i: usize| {
        i == 0 || i == span.len() || span.as_bytes()[i] == b' ' || span.as_bytes()[i - 1] == b' '
    };
    let mut out = vec![];
    let mut from = 0;
    for m in lex.find(span) {
        // Only a title with a name after it (Tesla CEO Elon Musk); ACM Fellow stays.
        if !matches!(m.entry, Entry::Title { .. })
            || !boundary(m.start)
            || !boundary(m.end)
            || m.end == span.len()
        {
            continue;
        }
        if m.start > from {
            out.push((start + from, start + span[..m.start].trim_end().len()));
        }
        from = m.end + span[m.end..].len() - span[m.end..].trim_start().len();
    }
    if from < span.len() {
        out.push((start + from, end));
    }
    // Words that are not names (CXMT IPO, AI Stock …) at either end are cut off; what is left
    // of a name that was a common English word after or before such a word (AI Agents, LLM
    // Agent, Agent AI: an English content word of CC-CEDICT's glosses) is a term, not a name.
    let mut terms = vec![];
    for (s, e) in out.iter_mut() {
        let whole = (*s, *e);
        loop {
            let part = &text[*s..*e];
            if let Some((first, rest)) = part
                .split_once(' ')
                .filter(|(f, _)| f.len() > 1 && NOT_NAMES.contains(f))
            {
                *s += first.len() + 1 + (rest.len() - rest.trim_start().len());
            } else if let Some((rest, _)) = part
                .rsplit_once(' ')
                .filter(|(_, l)| l.len() > 1 && NOT_NAMES.contains(l))
            {
                *e = *s + rest.trim_end().len();
            } else {
                break;
            }
        }
        if (*s, *e) != whole && *e > *s && common_english_word(&text[*s..*e]) {
            terms.push((*s, *e));
        }
    }
    out.retain(|(s, e)| e > s && !terms.contains(&(*s, *e)));
    out
}

/// One word in title case whose lower-case form (or its singular) CC-CEDICT glosses a
/// Chinese word with: a common English word (Agent, Agents, Research).
fn common_english_word(w: &str) -> bool {
    let mut cs = w.chars();
    let title = cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && cs.clone().count() >= 2
        && cs.all(|c| c.is_ascii_lowercase());
    if !title {
        return false;
    }
    let lower = w.to_lowercase();
    let known = crate::extract::frame::concepts::english_known;
    known(&lower) || lower.strip_suffix('s').is_some_and(known)
}

/// A transliterated name (`X·Y`) found by pattern, cut on the left after a known name or
/// title and a function word (首席科学家埃德里安·…), on the right before a verb or a function
/// word as the segmenter tags them (…·卡斯特罗表示).
fn trim_transliteration(
    text: &str,
    start: usize,
    end: usize,
    lex: &Lexicon,
) -> Option<(usize, usize)> {
    let dot = start + text[start..end].find('·')?;
    // Known names and titles may begin before the match: look from eight characters back.
    let ws = text[..start]
        .char_indices()
        .rev()
        .take(8)
        .last()
        .map_or(start, |(i, _)| i);
    let cut = lex
        .find(&text[ws..dot])
        .iter()
        .map(|m| ws + m.end)
        .max()
        .unwrap_or(start);
    let mut s = cut.max(start);
    if let Some((i, c)) = text[s..dot]
        .char_indices()
        .rfind(|(_, c)| LEFT_STOPS.contains(*c))
    {
        s += i + c.len_utf8();
    }
    let right_start = dot + '·'.len_utf8();
    let mut e = right_start;
    for (i, c) in text[right_start..end].char_indices() {
        let rest = &text[right_start + i..];
        if LEFT_STOPS.contains(c) || SPEECH_VERBS.iter().any(|v| rest.starts_with(v)) {
            break;
        }
        e = right_start + i + c.len_utf8();
    }
    // On the left, the segmenter's words back from the separator, up to a common noun or a
    // verb (首席工程师埃里克, 贸易代表杰米森).
    s = s.max(dot - trailing_name(&text[s..dot]).len());
    (s < dot && e > right_start).then_some((s, e))
}

/// Verbs of speech and their kin that follow a name (…表示, …称).
const SPEECH_VERBS: &[&str] = &[
    "表示", "透露", "指出", "认为", "介绍", "强调", "宣布", "告诉", "回应", "解释", "补充", "称",
    "说", "谈到", "提到", "坦言", "直言",
];

/// The end of `s` that can be a name, by the segmenter: words back from the end while they
/// are names, foreign words or single characters, stopping at a word of two or more
/// characters tagged as a common noun, verb, adverb or function word (总理卡尼 → 卡尼,
/// 教授林嘉禾 → 林嘉禾).
fn trailing_name(s: &str) -> &str {
    // The segmenter's dictionary is in simplified characters; the count of characters is
    // what maps back to `s`.
    let simple = fold_name(s);
    if simple.chars().count() != s.chars().count() {
        return s;
    }
    let tags = jieba().tag(&simple, true);
    let mut len = 0;
    for t in tags.iter().rev() {
        let common = matches!(
            t.tag,
            "n" | "v"
                | "vn"
                | "vd"
                | "d"
                | "p"
                | "c"
                | "u"
                | "uj"
                | "ul"
                | "a"
                | "ad"
                | "f"
                | "m"
                | "r"
                | "t"
                | "q"
        );
        if common && t.word.chars().count() >= 2 {
            break;
        }
        len += t.word.chars().count();
    }
    let skip = s.chars().count() - len;
    &s[s.char_indices().nth(skip).map_or(s.len(), |(i, _)| i)..]
}

/// Is a title found at `start..end` of `text` a word of its own, by the segmenter? It is
/// not when the segmenter reads it as the start of a longer word (董事 in 董事会退任); a word
/// that only begins inside the title (官司 in 首席运营官司德) does not count.
fn title_ends_word(text: &str, start: usize, end: usize) -> bool {
    let stop = text[end..]
        .char_indices()
        .nth(6)
        .map_or(text.len(), |(i, _)| end + i);
    let title = text[start..end].chars().count();
    jieba()
        .cut(&fold_name(&text[start..stop]), true)
        .first()
        .is_none_or(|t| t.word.chars().count() <= title)
}

/// The segmenter, loaded once (its dictionary is built in).
pub(crate) fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

/// Does `text` start with a word of two characters or more that the segmenter tags as a verb,
/// an adverb, an adjective, a localizer, a pronoun, a numeral, a conjunction or a common noun
/// (首席执行官表示, 担任首席执行官以来, 六小虎之一, 董事席位: no names; the segmenter tags
/// the names it knows `nr`)? Names it does not know it cuts into pieces
/// tagged as names, nouns, times or even prepositions (周靖/t 人/n, 宋以/p 宁…), which pass;
/// single function characters are `LEFT_STOPS`.
pub fn starts_with_function_word(text: &str) -> bool {
    let window: String = text.trim_start().chars().take(8).collect();
    let window = fold_name(&window);
    let tags = jieba().tag(&window, true);
    tags.first().is_some_and(|t| {
        t.word.chars().count() >= 2
            && matches!(
                t.tag,
                "v" | "vd"
                    | "vn"
                    | "vi"
                    | "d"
                    | "ad"
                    | "a"
                    | "f"
                    | "r"
                    | "m"
                    | "mq"
                    | "c"
                    | "u"
                    | "n"
            )
    })
}

fn text_is_latin(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_graphic() || c == ' ')
}

/// Keep non-overlapping mentions: a known name beats an unknown one that it overlaps unless
/// the unknown one strictly contains it and is a Latin name (`Qwen2.5-Max` over `Qwen`);
/// otherwise the longer wins.
fn resolve_overlaps(mut all: Vec<Mention>) -> Vec<Mention> {
    all.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(b.known.cmp(&a.known))
    });
    let score = |m: &Mention| -> (usize, usize) {
        let known_bonus = usize::from(m.known && m.kind != MentionKind::Title);
        (known_bonus, m.end - m.start)
    };
    let mut out: Vec<Mention> = Vec::with_capacity(all.len());
    for m in all {
        if let Some(last) = out.last() {
            if m.start < last.end {
                // Overlap: keep the better one.
                let containing_latin =
                    m.kind == MentionKind::Name && m.start <= last.start && m.end > last.end;
                // A longer Latin name keeps a known name inside it (Qwen2.5-Max, not Qwen).
                let kept_latin = last.kind == MentionKind::Name
                    && last.start <= m.start
                    && last.end > m.end
                    && text_is_latin(&last.name);
                if kept_latin {
                    continue;
                }
                if containing_latin || score(&m) > score(last) {
                    out.pop();
                    // The new one may overlap an earlier one too.
                    if out.last().is_some_and(|l| m.start < l.end) {
                        continue;
                    }
                    out.push(m);
                }
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apposition_pairs_names() {
        let a = appositions("研究员林嘉禾博士(Jiahe Lin)今日加入", &Lexicon::default());
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].canonical, "Jiahe Lin");
        assert_eq!(a[0].aliases[0], "林嘉禾");
    }

    #[test]
    fn a_name_with_its_stock_code_is_an_organisation() {
        let a = appositions(
            "今日星河玩具(01234.HK)公布业绩，青禾(688123.SH)亦然。",
            &Lexicon::default(),
        );
        let names: Vec<&str> = a.iter().map(|d| d.aliases[0].as_str()).collect();
        assert_eq!(names, ["星河玩具", "青禾"], "{a:?}");
        assert!(a.iter().all(|d| d.kind == "org"));
    }

    #[test]
    fn suffix_names_start_and_end_on_words() {
        let orgs = |t: &str| -> Vec<String> {
            mentions(t, &Lexicon::default())
                .into_iter()
                .filter(|m| m.kind == MentionKind::Org)
                .map(|m| m.name)
                .collect()
        };
        // A description of agents before the name is no part of it.
        assert_eq!(orgs("欧洲家电制造商青岚集团宣布裁员。"), ["青岚集团"]);
        // A pronoun, a time or a verb before the suffix: no name at all.
        assert!(orgs("他更关注公司的现金流。").is_empty());
        assert!(orgs("彼时公司营收下滑。").is_empty());
        // The suffix inside a longer word (公司公告) is no suffix.
        assert!(orgs("根据公司公告，利润下降。").is_empty());
        // One common noun is a kind of organisation, not a name.
        assert!(orgs("两家将成立控股公司。").is_empty());
    }

    #[test]
    fn an_organisation_apposition_is_no_person() {
        let a = appositions(
            "投资方为澄岳资本管理(Chengyue Capital Management)。",
            &Lexicon::default(),
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].kind, "org");
        assert_eq!(a[0].aliases[0], "澄岳资本管理");
    }

    #[test]
    fn a_transliteration_is_kept_whole() {
        let lex = lexicon_with_titles();
        let a = appositions("首席科学家埃德里安·卡斯特罗(Adrian Castro)说", &lex);
        assert_eq!(a[0].aliases[0], "埃德里安·卡斯特罗");
        let m = mentions("首席科学家埃德里安·卡斯特罗表示同意。", &lex);
        let people: Vec<&str> = m
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(people, ["埃德里安·卡斯特罗"]);
        let m = mentions("贸易代表杰米森·格雷称，谈判继续。", &lex);
        let people: Vec<&str> = m
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| m.name.as_str())
            .collect();
        assert_eq!(people, ["杰米森·格雷"]);
    }

    /// Segmenting only the parts of a text that hold a cue finds the brands that
    /// segmenting the whole text finds, on every fixture, example and shared article.
    #[test]
    fn brands_from_parts_are_the_brands_of_the_whole_text() {
        let lex = lexicon_with_titles();
        let mut texts: Vec<String> =
            vec!["星河汽车（Xinghe）股价上涨，马自达汽车、星河社长表示。".into()];
        texts.extend(crate::test_texts::corpus_texts(false));
        let mut some = 0;
        for t in &texts {
            let simple = crate::normalize::script::to_simplified(t);
            let mut whole = Default::default();
            brands_in(&jieba().tag(&simple, true), &lex, &mut whole);
            let mut parts = Default::default();
            for s in brand_segments(&simple, &lex) {
                brands_in(&jieba().tag(s, true), &lex, &mut parts);
            }
            some += whole.len();
            assert_eq!(whole, parts, "{t}");
        }
        assert!(some > 0);
    }

    fn lexicon_with_titles() -> Lexicon {
        let ex = crate::extract::Extractor::builtin(&mut Vec::new());
        ex.lexicon.clone()
    }

    #[test]
    fn a_verb_after_a_title_is_no_person() {
        let lex = lexicon_with_titles();
        for t in [
            "公司首席执行官表示，收入将增长。",
            "该行行政总裁透露，计划不变。",
        ] {
            let m = mentions(t, &lex);
            assert!(
                !m.iter().any(|m| m.kind == MentionKind::Person),
                "{t}: {m:?}"
            );
        }
        let m = mentions("首席运营官司德表示，门店将升级。", &lex);
        assert!(
            m.iter()
                .any(|m| m.kind == MentionKind::Person && m.name == "司德"),
            "{m:?}"
        );
        let m = mentions("首席执行官柯明远说，柯明远将留任。", &lex);
        let n = m.iter().filter(|m| m.name == "柯明远").count();
        assert_eq!(n, 2, "{m:?}");
        let m = mentions("董事会即将改选。", &lex);
        assert!(!m.iter().any(|m| m.kind == MentionKind::Person), "{m:?}");
        let m = mentions("首席执行官柯明远表示，收入将增长。", &lex);
        assert!(
            m.iter()
                .any(|m| m.kind == MentionKind::Person && m.name == "柯明远"),
            "{m:?}"
        );
    }

    #[test]
    fn brands_and_stock_symbols_are_organisations() {
        let lex = lexicon_with_titles();
        // A proper noun before a word only companies take, with its Latin name.
        let t = "马自达汽车（Mazda）宣布裁员，马自达股价下跌。";
        let learned = appositions(t, &lex);
        let brand = learned.iter().find(|e| e.note.as_deref() == Some("brand"));
        assert!(
            brand.is_some_and(|e| e.canonical == "Mazda" && e.aliases.contains(&"马自达".into())),
            "{learned:?}"
        );
        // A Latin name with an exchange and a symbol; not a title and its initials.
        let t = "Shares of Velmora (NYSE:VLM) rose, the Chief Executive Officer (CEO) said.";
        let learned = appositions(t, &lex);
        let names: Vec<&str> = learned.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(names, ["Velmora"], "{learned:?}");
        // The market's code is no name.
        let m = mentions(t, &lex);
        assert!(!m.iter().any(|m| m.name == "NYSE"), "{m:?}");
    }

    #[test]
    fn a_declared_short_name_is_the_organisation() {
        let t = "公告称，北京青禾伟业科技股份有限公司（简称：“青禾科技”）同意转让。";
        let a = appositions(t, &Lexicon::default());
        let short = a.iter().find(|e| e.note.as_deref() == Some("short name"));
        assert!(
            short.is_some_and(|e| e.aliases.contains(&"青禾科技".to_string())),
            "{a:?}"
        );
        // The full name is the whole name before the bracket, not its legal suffix alone.
        assert_eq!(
            short.unwrap().aliases[0],
            "北京青禾伟业科技股份有限公司",
            "{a:?}"
        );
        let t = "控股股东山东青禾投资控股有限公司（简称“青禾控股”）减持。";
        let a = appositions(t, &Lexicon::default());
        let short = a.iter().find(|e| e.note.as_deref() == Some("short name"));
        assert_eq!(
            short.map(|e| e.aliases[0].as_str()),
            Some("山东青禾投资控股有限公司"),
            "{a:?}"
        );
    }

    #[test]
    fn outlets_are_outlets_and_codes_are_not_names() {
        let lex = lexicon_with_titles();
        let m = mentions("据彭博社报道，Velmora在IP和UI上投入更多。", &lex);
        let kinds: Vec<(&str, &str)> = m
            .iter()
            .map(|m| (m.name.as_str(), m.kind.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [("彭博社", "outlet"), ("Velmora", "name")],
            "{kinds:?}"
        );
        // A localizer or a pronoun after a title is no person.
        for t in ["他担任首席执行官以来，收入增长。", "她是六位董事之一。"]
        {
            let m = mentions(t, &lex);
            assert!(
                !m.iter().any(|m| m.kind == MentionKind::Person),
                "{t}: {m:?}"
            );
        }
    }

    #[test]
    fn descriptions_of_a_kind_are_no_organisations() {
        let orgs = |t: &str| -> Vec<String> {
            mentions(t, &Lexicon::default())
                .into_iter()
                .filter(|m| m.kind == MentionKind::Org)
                .map(|m| m.name)
                .collect()
        };
        // An industry word after a phrase of common words: what they do, not who they are.
        assert!(orgs("订单转向固态硬盘分层存储方案。").is_empty());
        assert!(orgs("政策利好中国核心半导体企业。").is_empty());
        // One common word alone before it can be a brand.
        assert_eq!(orgs("星火科技第二季度营收增长。"), ["星火科技"]);
        // 公司 after common words and places, or a place alone.
        assert!(orgs("所有日本汽车公司都面临压力。").is_empty());
        assert!(orgs("估值远低于类似的美国公司。").is_empty());
        // A verb of the clause the segmenter knows opens no name.
        assert!(orgs("双方紧密合作，实现集团下一阶段目标。").is_empty());
        assert!(orgs("据报道，引述公司文件称利润下降。").is_empty());
        // Names stay: a place before an industry word, a proper noun, a legal suffix after.
        assert_eq!(orgs("青岚存储公布业绩。"), ["青岚存储"]);
        assert_eq!(orgs("华泰证券发布报告。"), ["华泰证券"]);
        assert_eq!(orgs("公告称，青岚智能科技有限公司增资。"), ["青岚智能科技"]);
        // The unit of a date is no part of a name.
        assert_eq!(orgs("8月18日天岚通信（300123.SZ）发布业绩。"), ["天岚通信"]);
    }

    #[test]
    fn a_common_noun_after_a_title_is_no_person() {
        let lex = lexicon_with_titles();
        let m = mentions("收购方将任命过半数董事席位。", &lex);
        assert!(!m.iter().any(|m| m.kind == MentionKind::Person), "{m:?}");
    }

    #[test]
    fn terms_and_codes_in_han_text_are_not_names() {
        let lex = lexicon_with_titles();
        let names = |t: &str| -> Vec<String> {
            let words = mid_sentence_words(t);
            let lex = lex.clone().with_run_words(words);
            mentions(t, &lex)
                .into_iter()
                .filter(|m| m.kind == MentionKind::Name)
                .map(|m| m.name)
                .collect()
        };
        // An acronym before a common noun is a kind of thing, wherever the text writes it.
        // (ZPO, written only in the list, has no evidence either way: a name.)
        assert_eq!(names("新一代QPO模块无需EUV光刻机，QPO、ZPO等产品"), ["ZPO"]);
        // Initials with their dots stay one name.
        assert_eq!(
            names("分析师称，R.J. Calloway 的研究主管表示放缓。"),
            ["R.J. Calloway"]
        );
        // A model with versions, a glossed agency: names, whatever noun follows them.
        assert_eq!(
            names("KLIP模型系列广受关注，KLIP-2随后发布。"),
            ["KLIP", "KLIP-2"]
        );
        assert_eq!(
            names("州交通管理局(NTA)周四批准，特斯拉代表在NTA会议上发言。"),
            ["NTA", "NTA"]
        );
        // A common English word left of a generic acronym is a term (AI Agents, LLM Agent).
        assert!(names("开发AI Agents应用，以及LLM Agent框架。").is_empty());
        // A stock symbol with its market.
        assert!(names("特斯拉([TSLA-US](https://example.com/q))股价上涨").is_empty());
    }

    #[test]
    fn finds_latin_and_suffix_names() {
        let lex = Lexicon::default();
        let m = mentions(
            "他创办了初创公司NovaMind,后转岗至星河集团的云图实验室。",
            &lex,
        );
        let names: Vec<&str> = m.iter().map(|m| m.name.as_str()).collect();
        assert!(names.contains(&"NovaMind"), "{names:?}");
        assert!(names.contains(&"云图实验室"), "{names:?}");
        assert!(names.contains(&"星河集团"), "{names:?}");
    }
}
