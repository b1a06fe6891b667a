//! Context a claim takes from its sentence when a rule asks for it: the measure (the nearest
//! metric word before the value, for `predicate: "@metric"`), the period (`period: auto`:
//! Q4, H1, 9M, FY2024) and the business segment (`segment: auto`: 云业务 → 云).

use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    period: Regex,
    /// `period` without its last alternative (a year after "in", "for" …), the only one
    /// with a `\b`: a Unicode `\b` keeps the regex crate off its DFA on Chinese text.
    period_local: Regex,
    /// What that alternative needs, without its `\b`s: where this does not match, `period`
    /// and `period_local` find the same matches.
    period_year_after_word: Regex,
    segment: Regex,
}

const PERIOD_LOCAL: &str = r"(?:(?P<y>(?:19|20)\d\d)\s*(?:财年|財年|年)?\s*)?(?:第?(?P<qz>[一二三四1-4])\s*(?:季度|季)|(?P<qe>Q[1-4])|(?P<qw>first|second|third|fourth)[- ]quarter|(?P<h1>上半年|H1|1H|first[- ]half)|(?P<h2>下半年|H2|2H|second[- ]half)|(?P<m9>前三季度|9M|first nine months)|(?P<fy>全年|full[- ]year|fiscal year)|(?P<m3>1\s*[-至~到]\s*3\s*月)|(?P<m6>1\s*[-至~到]\s*6\s*月)|(?P<m9b>1\s*[-至~到]\s*9\s*月))|(?P<yo>(?:19|20)\d\d)\s*(?:财年|財年|年)(?:度)?(?P<mo>\s*\d{1,2}\s*月)?";
const PERIOD_YEAR_AFTER_WORD: &str =
    r"(?:in|for|during|of) (?:fiscal (?:year )?)?(?P<ye>(?:19|20)\d\d)";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        period: Regex::new(&format!(
            r"(?i){PERIOD_LOCAL}|\b{PERIOD_YEAR_AFTER_WORD}\b"
        ))
        .unwrap(),
        period_local: Regex::new(&format!("(?i){PERIOD_LOCAL}")).unwrap(),
        period_year_after_word: Regex::new(&format!("(?i){PERIOD_YEAR_AFTER_WORD}")).unwrap(),
        segment: Regex::new(r"(?:来自|來自)(?P<f>\p{Han}{1,6}?)(?:市场|市場|地区|地區)?的|(?P<s>[\p{Han}]{1,6}|\b[A-Za-z][A-Za-z \-]{1,20}?)\s?(?:业务|業務|板块|板塊|部门|部門|市场|市場|地区|地區| business| segment| unit| division| markets?\b| regions?\b)").unwrap(),
    })
}

/// The captures of the last match of `re` in `text`: the same as
/// `captures_iter(text).last()`, with the groups resolved for that match only.
fn last_captures<'t>(re: &Regex, text: &'t str) -> Option<regex::Captures<'t>> {
    let m = re.find_iter(text).last()?;
    re.captures_at(text, m.start())
}

/// The last period expression of `text`: a year followed by a month (2024年4月) is a date,
/// not a period, and is passed over (上半年度（即2024年4月至9月）: the period is H1).
fn last_period(text: &str) -> Option<String> {
    let re = period_pattern(text);
    let found: Vec<_> = re.find_iter(text).map(|m| m.start()).collect();
    found
        .into_iter()
        .rev()
        .filter_map(|at| re.captures_at(text, at))
        .find_map(|c| period_of(&c))
}

fn quarter(s: &str) -> &'static str {
    match s {
        "一" | "1" | "Q1" | "q1" | "first" => "Q1",
        "二" | "2" | "Q2" | "q2" | "second" => "Q2",
        "三" | "3" | "Q3" | "q3" | "third" => "Q3",
        _ => "Q4",
    }
}

/// The period pattern to search `text` with: `period`, or the same matches found without
/// leaving the DFA when its one alternative with a `\b` cannot match.
fn period_pattern(text: &str) -> &'static Regex {
    let p = patterns();
    if p.period_year_after_word.is_match(text) {
        &p.period
    } else {
        &p.period_local
    }
}

/// The period of the nearest period expression in `before` (the sentence up to the value).
pub fn period(before: &str) -> Option<String> {
    last_period(before)
}

/// The period of the first period expression in `text` (an article's headline and lead).
pub fn first_period(text: &str) -> Option<String> {
    period_pattern(text)
        .captures_iter(text)
        .find_map(|c| period_of(&c))
}

fn period_of(c: &regex::Captures) -> Option<String> {
    if c.name("mo").is_some() {
        return None;
    }
    let year = c
        .name("y")
        .or(c.name("yo"))
        .or(c.name("ye"))
        .map(|m| m.as_str().to_string());
    let base = if let Some(q) = c.name("qz").or(c.name("qe")).or(c.name("qw")) {
        quarter(&q.as_str().to_lowercase()).to_string()
    } else if c.name("m3").is_some() {
        "Q1".into()
    } else if c.name("h1").is_some() || c.name("m6").is_some() {
        "H1".into()
    } else if c.name("h2").is_some() {
        "H2".into()
    } else if c.name("m9").is_some() || c.name("m9b").is_some() {
        "9M".into()
    } else if c.name("fy").is_some() || c.name("yo").is_some() || c.name("ye").is_some() {
        match &year {
            Some(y) => format!("FY{y}"),
            None => "FY".into(),
        }
    } else {
        return None;
    };
    Some(base)
}

/// The business segment named nearest before the value, if any.
pub fn segment(before: &str) -> Option<String> {
    // Every match holds one of these words (来自 … 的, or a segment word): without them
    // the pattern, which leaves its DFA on Chinese text for its Unicode `\b`, is not run.
    const NEEDED: [&str; 18] = [
        "来自", "來自", "业务", "業務", "板块", "板塊", "部门", "部門", "市场", "市場", "地区",
        "地區", "business", "segment", "unit", "division", "market", "region",
    ];
    if !NEEDED.iter().any(|w| before.contains(w)) {
        return None;
    }
    let p = patterns();
    let c = last_captures(&p.segment, before)?;
    let s = c.name("s").or(c.name("f"))?.as_str().trim();
    // Of a Latin run, the last word: "revenue from the Chinese market" → chinese.
    let s = if s.is_ascii() {
        s.rsplit(' ').next().unwrap_or(s)
    } else {
        s
    };
    // Keep the last few characters of a Chinese run (市场更为关注的云 → 云).
    let s = s.rsplit("来自").next().unwrap_or(s);
    // A segment the lexicon lists, ending the run (其中中国 → 中国): the longest such.
    let folded = crate::extract::lexicon::fold_name(s).to_lowercase();
    if let Some(concept) = folded
        .char_indices()
        .filter(|(i, _)| *i == 0 || !s.is_ascii())
        .find_map(|(i, _)| segments().get(&folded[i..]))
    {
        return Some(concept.clone());
    }
    let s = match s.rfind(['的', '在', '和', '与', '及', '中']) {
        Some(i) if !s.is_ascii() => &s[i + '的'.len_utf8()..],
        _ => s,
    };
    if s.is_empty() {
        return None;
    }
    // A segment is named by a noun: a run the segmenter ends on a verb, a preposition or an
    // adverb (高于市场预期: "above market expectations") names none.
    if !s.is_ascii() {
        let tags = crate::extract::entities::jieba().tag(s, true);
        if tags
            .last()
            .is_some_and(|t| matches!(t.tag.chars().next(), Some('v' | 'p' | 'd' | 'c' | 'u')))
        {
            return None;
        }
    }
    let s = crate::extract::lexicon::fold_name(s).to_lowercase();
    Some(segments().get(&s).cloned().unwrap_or(s))
}

/// One entry of `rules/lexicon/segments.yaml`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SegmentDef {
    pub concept: String,
    pub forms: Vec<String>,
    pub example: String,
}

#[derive(Debug, serde::Deserialize)]
pub struct SegmentFile {
    pub segments: Vec<SegmentDef>,
    #[serde(default)]
    pub moments: Vec<MomentDef>,
}

/// One entry of the `moments:` of `rules/lexicon/segments.yaml`: when in the trading day (or
/// over which horizon) a moving figure such as a share price is quoted.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct MomentDef {
    pub concept: String,
    /// `moment` (a time of the day: snapshots of one move, compared with one another) or
    /// `horizon` (the span a move is measured over: year to date is another fact).
    pub qualifier: String,
    pub forms: Vec<String>,
    /// A clause with a figure (`{}` marks where it stands) whose moment is this entry's.
    pub example: String,
}

/// The moment a moving figure is quoted at, from the words of its clause: `before` ends at
/// the figure, `after` starts after it. Returns (qualifier, concept).
pub fn moment(before: &str, after: &str) -> Option<(String, String)> {
    let before = before
        .rsplit(['，', ',', '；', ';', '。', '.', '：', ':'])
        .next()
        .unwrap_or(before);
    let after = after
        .split(['，', ',', '；', ';', '。', '：', ':'])
        .next()
        .unwrap_or(after);
    let folded_before = crate::extract::lexicon::fold_name(before).to_lowercase();
    let folded_after = crate::extract::lexicon::fold_name(after).to_lowercase();
    // Entries in the file's order (a horizon, then a session, then the time of day): the
    // first with a form in the clause ("盘后一度跌9%" is after hours, at its low).
    moment_defs()
        .iter()
        .find(|d| {
            d.forms
                .iter()
                .any(|f| has_word(&folded_before, f) || has_word(&folded_after, f))
        })
        .map(|d| (d.qualifier.clone(), d.concept.clone()))
}

/// Does `form` occur in `hay` (as a whole word for a Latin form)?
fn has_word(hay: &str, form: &str) -> bool {
    hay.match_indices(form).any(|(i, _)| {
        !form.is_ascii()
            || (!hay[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                && !hay[i + form.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()))
    })
}

/// The moments of the built-in `rules/lexicon/segments.yaml`, folded, loaded once.
fn moment_defs() -> &'static [MomentDef] {
    static M: OnceLock<Vec<MomentDef>> = OnceLock::new();
    M.get_or_init(|| {
        super::builtin_files()
            .into_iter()
            .find(|f| f.path.ends_with("lexicon/segments.yaml"))
            .and_then(|f| crate::yamlio::from_str::<SegmentFile>(&f.text).ok())
            .map(|f| {
                f.moments
                    .into_iter()
                    .map(|mut d| {
                        for f in &mut d.forms {
                            *f = crate::extract::lexicon::fold_name(f).to_lowercase();
                        }
                        d
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// The built-in segment lexicon: form (folded, lower case) → concept, built once per process.
fn segments() -> &'static std::collections::HashMap<String, String> {
    static S: OnceLock<std::collections::HashMap<String, String>> = OnceLock::new();
    S.get_or_init(|| {
        segment_defs()
            .into_iter()
            .flat_map(|d| {
                let concept = d.concept.clone();
                d.forms.into_iter().map(move |f| {
                    (
                        crate::extract::lexicon::fold_name(&f).to_lowercase(),
                        concept.clone(),
                    )
                })
            })
            .collect()
    })
}

/// The entries of the built-in `rules/lexicon/segments.yaml`.
pub fn segment_defs() -> Vec<SegmentDef> {
    super::builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/segments.yaml"))
        .and_then(|f| crate::yamlio::from_str::<SegmentFile>(&f.text).ok())
        .map(|f| f.segments)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_moment_example_gives_its_moment() {
        let defs = moment_defs();
        assert!(defs.len() >= 4, "moments load");
        for d in defs {
            let (before, after) = d
                .example
                .split_once("{}")
                .unwrap_or_else(|| panic!("example of {} marks the figure with {{}}", d.concept));
            assert_eq!(
                moment(before, after),
                Some((d.qualifier.clone(), d.concept.clone())),
                "{}",
                d.example
            );
            assert!(matches!(d.qualifier.as_str(), "moment" | "horizon"));
        }
        assert_eq!(moment("The shares rose ", " after the results."), None);
    }

    #[test]
    fn periods() {
        assert_eq!(
            period("Alphabet在2024年第四季度营收为").as_deref(),
            Some("Q4")
        );
        assert_eq!(period("公司Q2净利润").as_deref(), Some("Q2"));
        assert_eq!(
            period("2024年行业回暖,公司营收升至").as_deref(),
            Some("FY2024")
        );
        assert_eq!(period("上半年营收").as_deref(), Some("H1"));
        assert_eq!(period("2026年1-3月,公司营收").as_deref(), Some("Q1"));
        assert_eq!(period("营收").as_deref(), None);
        // A fiscal year, and a half of one glossed with its months: the months are a date.
        assert_eq!(period("星河汽车2025财年营收").as_deref(), Some("FY2025"));
        assert_eq!(
            period("2025财年上半年度（即2025年4月至9月），营业利润为").as_deref(),
            Some("H1")
        );
        assert_eq!(period("2025年3月，公司营收").as_deref(), None);
    }

    /// `period_pattern` finds what the full pattern finds, with the same groups, on every
    /// text of the fixtures, the examples (and ../shared/corpus when present) and on texts
    /// with a year after a word.
    #[test]
    fn period_pattern_finds_what_the_full_pattern_finds() {
        let mut texts: Vec<String> = vec![
            "Revenue in 2024 rose; for fiscal year 2025 公司in 2024年第四季度, of 2023".into(),
            "2024年上半年营收, 1-3月 and Q4 FY 9M first half 全年".into(),
        ];
        texts.extend(crate::test_texts::corpus_texts(true));
        let p = patterns();
        let names: Vec<&str> = p.period.capture_names().flatten().collect();
        let found = |re: &Regex, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            re.captures_iter(t)
                .map(|c| {
                    names
                        .iter()
                        .map(|n| c.name(n).map(|m| (m.start(), m.end())))
                        .collect()
                })
                .collect()
        };
        for t in &texts {
            for piece in t.split_inclusive(['。', '\n']) {
                assert_eq!(
                    found(&p.period, piece),
                    found(period_pattern(piece), piece),
                    "{piece}"
                );
            }
        }
    }

    #[test]
    fn every_segment_example_gives_its_concept() {
        let defs = segment_defs();
        assert!(!defs.is_empty(), "segments.yaml is built in and loads");
        for d in defs {
            assert_eq!(
                segment(&d.example).as_deref(),
                Some(d.concept.as_str()),
                "{}",
                d.example
            );
        }
    }

    #[test]
    fn segments() {
        assert_eq!(
            segment("市场更为关注的云业务方面,营收为").as_deref(),
            Some("cloud")
        );
        assert_eq!(segment("营收为").as_deref(), None);
        assert_eq!(
            segment("Sales from the Nordic market rose").as_deref(),
            Some("nordic")
        );
        assert_eq!(segment("来自欧洲的收入为").as_deref(), Some("europe"));
        assert_eq!(segment("其中欧洲市场收入为").as_deref(), Some("europe"));
        // A segment no entry lists keeps its own words.
        assert_eq!(segment("来自北欧的收入为").as_deref(), Some("北欧"));
    }
}
