//! Value recognizers: numbers, percents, multiples, ranges, money, dates and spans of time
//! in Chinese (simplified, after normalization) and English text, with hedges as intervals.
//!
//! Input is normalized text (traditional already folded to simplified, full-width to ASCII);
//! offsets in [`Recognized`] are byte offsets into that text.

mod compose;
mod dates;
mod english;
pub mod jsonl;
mod numbers;
mod text;

use chrono::NaiveDate;

/// How a figure is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hedge {
    Exact,
    /// 余, 多, 逾, 超过, 以上 (exclusive, as in the Recognizers-Text specs), more than, over:
    /// strictly above the figure.
    MoreThan,
    /// 至少, 不少于, 或以上, at least, or more.
    AtLeast,
    /// 近, 接近, nearly, almost: at most the figure, close to it.
    Nearly,
    /// 小于, 不到, less than, under.
    LessThan,
    /// 以内, 至多, up to, at most.
    AtMost,
    /// 约, 大约, 左右, about, around.
    Approx,
    /// A vague amount of an order of magnitude: 数百, 几千, 上百, 数十亿, "hundreds of",
    /// "billions": at least the figure, below ten times it.
    Vague,
}

impl Hedge {
    pub fn as_str(&self) -> &'static str {
        match self {
            Hedge::Exact => "exact",
            Hedge::MoreThan => "more-than",
            Hedge::AtLeast => "at-least",
            Hedge::Nearly => "nearly",
            Hedge::LessThan => "less-than",
            Hedge::AtMost => "at-most",
            Hedge::Approx => "approx",
            Hedge::Vague => "vague",
        }
    }
}

/// A written figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    /// The unit of the last written digit: 0.01e8 for "333.79亿", 1e4 for "5万", 1 for "300".
    pub step: f64,
    pub hedge: Hedge,
}

impl Num {
    pub fn exact(value: f64) -> Num {
        Num {
            value,
            step: 1.0,
            hedge: Hedge::Exact,
        }
    }

    /// The interval of true values this written figure admits: (min, max), None = open.
    pub fn interval(&self) -> (Option<f64>, Option<f64>) {
        let v = self.value;
        let half = self.step / 2.0;
        match self.hedge {
            Hedge::Exact => (Some(v - half), Some(v + half)),
            Hedge::MoreThan | Hedge::AtLeast => (Some(v), None),
            Hedge::Nearly => (Some(v * 0.8), Some(v)),
            Hedge::LessThan | Hedge::AtMost => (None, Some(v)),
            Hedge::Approx => (
                Some(v - self.step.max(v * 0.05)),
                Some(v + self.step.max(v * 0.05)),
            ),
            Hedge::Vague => (Some(v), Some(v * 10.0)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RangeVal {
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub min_inclusive: bool,
    pub max_inclusive: bool,
    /// What the bounds count: an ISO currency code for a money range ("USD"; "money" when
    /// the currency is unknown), "%" for percents, "x" for multiples, None for plain figures.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    pub amount: Num,
    /// ISO 4217 where known (CNY, USD, HKD, KRW, TWD, EUR, JPY …).
    pub currency: Option<String>,
}

/// Part of a month or year: 初/上旬 (early), 中旬 (mid), 底/末/下旬 (late).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Early,
    Mid,
    Late,
}

impl Part {
    pub fn as_str(&self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DateVal {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub part: Option<Part>,
    /// True when the year (or more) came from the reference date, not the text.
    pub relative: bool,
    /// True when the text names no year at all ("2月6日") and the year was guessed from the
    /// reference (the year that puts the date nearest it). `timex()` still shows the guessed
    /// year; the conformance output writes `XXXX` for these.
    pub inferred: bool,
    /// The text dates something from this point on: "2020年至今", "自2018年以来", "since 2016".
    pub since: bool,
    /// A quarter of the year, 1–4 ("2024年第四季度", "一季度", "Q4 2024", "fourth quarter").
    pub quarter: Option<u32>,
    /// A half of the year, 1–2 ("2026年上半年", "H1 2026", "first half of 2026").
    pub half: Option<u32>,
}

impl DateVal {
    /// `2025-02-06`, `2025-02`, `2025`, `XXXX-02-06`, `XXXX-02`, `2024-Q4`, `2026-H1`.
    pub fn timex(&self) -> String {
        let y = self
            .year
            .map(|y| format!("{y:04}"))
            .unwrap_or_else(|| "XXXX".into());
        match (self.month, self.day, self.quarter, self.half) {
            (Some(m), Some(d), _, _) => format!("{y}-{m:02}-{d:02}"),
            (Some(m), None, _, _) => format!("{y}-{m:02}"),
            (None, _, Some(q), _) => format!("{y}-Q{q}"),
            (None, _, None, Some(h)) => format!("{y}-H{h}"),
            _ => y,
        }
    }

    /// "day", "month", "quarter", "half" or "year".
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day, self.quarter, self.half) {
            (Some(_), Some(_), _, _) => "day",
            (Some(_), None, _, _) => "month",
            (None, _, Some(_), _) => "quarter",
            (None, _, None, Some(_)) => "half",
            _ => "year",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// A span of time: "7个多月后", "半年多后", "2020年至今".
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    pub amount: Num,
    pub unit: TimeUnit,
    /// "after", "before", "since", or None for a bare length.
    pub direction: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Number(Num),
    Ordinal(Num),
    Percent(Num),
    /// 2.3倍
    Multiple(Num),
    Range(RangeVal),
    Money(Money),
    Date(DateVal),
    Duration(Duration),
}

/// One recognized value with its byte range in the input text.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognized {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Recognize values in normalized text. `reference` resolves relative dates (今年6月,
/// last month); without it those keep an unknown year.
///
/// The result is sorted by start and non-overlapping: among overlapping candidates the
/// longest wins (a money expression swallows its figure, a date its numbers), ties going
/// to the more specific kind (date > money > percent > range > number).
pub fn recognize(text: &str, reference: Option<NaiveDate>) -> Vec<Recognized> {
    let t = text::Text::new(text);
    let toks = numbers::scan(&t);
    let han = t.cs.iter().any(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    let mut cands = dates::scan(&t, &toks, reference, han);
    cands.extend(compose::candidates(&t, &toks));
    select(&t, cands)
}

/// The figures alone, as a number recognizer sees them (numbers inside dates, money and
/// percents included; "百分之" markers left out). Used by the conformance output.
pub fn figures(text: &str) -> Vec<Recognized> {
    let t = text::Text::new(text);
    numbers::scan(&t)
        .into_iter()
        .filter(|n| n.kind == numbers::NumKind::Plain)
        .map(|n| Recognized {
            start: t.off[n.start],
            end: t.off[n.end],
            kind: Kind::Number(Num {
                value: n.value,
                step: n.step,
                hedge: n.hedge,
            }),
        })
        .collect()
}

fn select(t: &text::Text, mut cands: Vec<compose::Cand>) -> Vec<Recognized> {
    cands.retain(|c| c.end > c.start);
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.prio.cmp(&a.prio))
            .then(a.start.cmp(&b.start))
    });
    // taken spans never overlap, so the one starting last before `end` decides
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for c in cands {
        if let Some((_, &e)) = taken.range(..c.end).next_back() {
            if e > c.start {
                continue;
            }
        }
        taken.insert(c.start, c.end);
        out.push(Recognized {
            start: t.off[c.start],
            end: t.off[c.end],
            kind: c.kind,
        });
    }
    out.sort_by_key(|r| r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    fn rec_at(text: &str, reference: Option<&str>) -> Vec<(String, Kind)> {
        let norm = normalize_str(text);
        let r = reference.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        recognize(&norm.text, r)
            .into_iter()
            .map(|x| {
                let d = norm.decoded_range(x.start..x.end);
                (text[d].to_string(), x.kind)
            })
            .collect()
    }

    /// The value recognized over exactly `span`.
    fn find(text: &str, reference: Option<&str>, span: &str) -> Kind {
        let all = rec_at(text, reference);
        all.iter()
            .find(|(s, _)| s == span)
            .map(|(_, k)| k.clone())
            .unwrap_or_else(|| panic!("{span:?} not recognized in {text:?}: {all:?}"))
    }

    fn num(k: &Kind) -> Num {
        match k {
            Kind::Number(n) | Kind::Percent(n) | Kind::Multiple(n) | Kind::Ordinal(n) => *n,
            Kind::Money(m) => m.amount,
            other => panic!("not a figure: {other:?}"),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn arabic_and_mixed_figures_with_steps() {
        let n = num(&find("净利润333.79亿。", None, "333.79亿"));
        assert!(close(n.value, 3.3379e10) && close(n.step, 1e6), "{n:?}");
        let n = num(&find("约有5万人", None, "约有5万"));
        assert!(close(n.value, 5e4) && close(n.step, 1e4) && n.hedge == Hedge::Approx);
        let n = num(&find("共300人", None, "300"));
        assert_eq!((n.value, n.step), (300.0, 1.0));
        let n = num(&find("sold 1,234.5 units", None, "1,234.5"));
        assert!(close(n.value, 1234.5) && close(n.step, 0.1));
        for (text, span, v) in [
            ("models with 4B parameters", "4B", 4e9),
            ("a 1.2 trillion bet", "1.2 trillion", 1.2e12),
            ("3.5k stars", "3.5k", 3500.0),
            ("1.2 million users", "1.2 million", 1.2e6),
            ("增至2.5亿", "2.5亿", 2.5e8),
        ] {
            assert!(close(num(&find(text, None, span)).value, v), "{text}");
        }
    }

    #[test]
    fn chinese_numerals_simplified_and_traditional() {
        for (text, span, v) in [
            ("员工三千二百万人", "三千二百万", 3.2e7),
            ("筹得两亿", "两亿", 2e8),
            ("价格一百五", "一百五", 150.0),
            ("第二批一千零八件", "一千零八", 1008.0),
            ("二〇二五届", "二〇二五", 2025.0),
            ("這裡有兩億", "兩億", 2e8),
            ("賣出一萬三千件", "一萬三千", 13000.0),
            ("比例为零点五", "零点五", 0.5),
        ] {
            assert!(close(num(&find(text, None, span)).value, v), "{text}");
        }
        let n = num(&find("三分之一的人", None, "三分之一"));
        assert!(close(n.value, 1.0 / 3.0));
    }

    #[test]
    fn hedges_attach_to_figures() {
        let n = num(&find("调用五万余次", None, "五万余"));
        assert_eq!((n.value, n.hedge), (50000.0, Hedge::MoreThan));
        let n = num(&find("下载近四万次", None, "近四万"));
        assert_eq!((n.value, n.hedge), (40000.0, Hedge::Nearly));
        let n = num(&find("参数小于 5B 的模型", None, "小于 5B"));
        assert_eq!((n.value, n.hedge), (5e9, Hedge::LessThan));
        let n = num(&find("用户1000人左右", None, "1000人左右").clone());
        assert_eq!(n.hedge, Hedge::Approx);
        let n = num(&find("more than 300 staff", None, "more than 300"));
        assert_eq!((n.value, n.hedge), (300.0, Hedge::MoreThan));
        let n = num(&find("around 40 teams", None, "around 40"));
        assert_eq!(n.hedge, Hedge::Approx);
        match find("深耕超20年", None, "超20年") {
            Kind::Duration(d) => {
                assert_eq!(
                    (d.amount.value, d.amount.hedge, d.unit),
                    (20.0, Hedge::MoreThan, TimeUnit::Year)
                )
            }
            k => panic!("{k:?}"),
        }
        // the interval a hedge admits
        let exact = Num {
            value: 300.0,
            step: 1.0,
            hedge: Hedge::Exact,
        };
        assert_eq!(exact.interval(), (Some(299.5), Some(300.5)));
    }

    #[test]
    fn percents_multiples_ordinals() {
        for (text, span, v) in [
            ("涨幅182.49%", "182.49%", 182.49),
            ("占百分之五", "百分之五", 5.0),
            ("up 5 percent", "5 percent", 5.0),
            ("營收增長12%", "12%", 12.0),
            ("打七五折", "七五折", 75.0),
            ("三成用户", "三成", 30.0),
        ] {
            match find(text, None, span) {
                Kind::Percent(n) => assert!(close(n.value, v), "{text}"),
                k => panic!("{text}: {k:?}"),
            }
        }
        assert!(matches!(find("增长2.3倍", None, "2.3倍"), Kind::Multiple(n) if n.value == 2.3));
        assert!(matches!(find("净利润翻倍", None, "翻倍"), Kind::Multiple(n) if n.value == 2.0));
        assert!(matches!(find("收入翻两番", None, "翻两番"), Kind::Multiple(n) if n.value == 4.0));
        assert!(matches!(find("排名第七", None, "第七"), Kind::Ordinal(n) if n.value == 7.0));
        assert!(matches!(find("排名第7位", None, "第7"), Kind::Ordinal(n) if n.value == 7.0));
        assert!(
            matches!(find("ranked 7th overall", None, "7th"), Kind::Ordinal(n) if n.value == 7.0)
        );
        assert!(
            matches!(find("the first model", None, "first"), Kind::Ordinal(n) if n.value == 1.0)
        );
        assert!(
            matches!(find("its twenty-first year", None, "twenty-first"), Kind::Ordinal(n) if n.value == 21.0)
        );
        assert!(rec_at("wait a second", None).is_empty());
    }

    #[test]
    fn ranges_scale_both_ends() {
        let r = |text: &str, span: &str| match find(text, None, span) {
            Kind::Range(r) => r,
            k => panic!("{text}: {k:?}"),
        };
        let g = r("估值70-80亿", "70-80亿");
        assert_eq!((g.min, g.max), (Some(7e9), Some(8e9)));
        let g = r("估值70–80亿美元", "70–80亿美元");
        assert_eq!(
            (g.min, g.max, g.unit.as_deref()),
            (Some(7e9), Some(8e9), Some("USD"))
        );
        let g = r("raised $5-10 billion", "$5-10 billion");
        assert_eq!(
            (g.min, g.max, g.unit.as_deref()),
            (Some(5e9), Some(1e10), Some("USD"))
        );
        let g = r("每队20到30人", "20到30");
        assert_eq!(
            (g.min, g.max, g.min_inclusive, g.max_inclusive),
            (Some(20.0), Some(30.0), true, false)
        );
        let g = r("between 20 and 30 people", "between 20 and 30");
        assert_eq!((g.min, g.max), (Some(20.0), Some(30.0)));
        let g = r("x大于10小于20", "大于10小于20");
        assert_eq!(
            (g.min, g.max, g.min_inclusive),
            (Some(10.0), Some(20.0), false)
        );
    }

    #[test]
    fn money_with_currency_and_scale() {
        for (text, span, v, cur) in [
            ("融资60亿美元", "60亿美元", 6e9, "USD"),
            ("投资110万亿韩圜", "110万亿韩圜", 1.1e14, "KRW"),
            ("a US$6bn deal", "US$6bn", 6e9, "USD"),
            ("revenue of $96.5 billion", "$96.5 billion", 9.65e10, "USD"),
            ("收入417.78亿元", "417.78亿元", 4.1778e10, "CNY"),
            ("年薪逾三千萬港元", "逾三千萬港元", 3e7, "HKD"),
            ("售价5000新台币", "5000新台币", 5000.0, "TWD"),
            ("HK$3.5 million", "HK$3.5 million", 3.5e6, "HKD"),
            ("罚款2亿日元", "2亿日元", 2e8, "JPY"),
            ("投入3亿欧元", "3亿欧元", 3e8, "EUR"),
            (
                "約新台幣2兆5445億元的股票",
                "約新台幣2兆5445億元",
                2.5445e12,
                "TWD",
            ),
            ("研发投入人民币12.34亿元", "人民币12.34亿元", 1.234e9, "CNY"),
        ] {
            match find(text, None, span) {
                Kind::Money(m) => {
                    assert!(close(m.amount.value, v), "{text}: {m:?}");
                    assert_eq!(m.currency.as_deref(), Some(cur), "{text}");
                }
                k => panic!("{text}: {k:?}"),
            }
        }
    }

    fn date_of(text: &str, reference: Option<&str>, span: &str) -> DateVal {
        match find(text, reference, span) {
            Kind::Date(d) => d,
            k => panic!("{text}: {k:?}"),
        }
    }

    #[test]
    fn absolute_and_partial_dates() {
        assert_eq!(
            date_of("于2025年2月6日宣布", None, "2025年2月6日").timex(),
            "2025-02-06"
        );
        assert_eq!(
            date_of("截至2025.09.30", None, "2025.09.30").timex(),
            "2025-09-30"
        );
        assert_eq!(
            date_of("as of 2025-09-30", None, "2025-09-30").timex(),
            "2025-09-30"
        );
        assert_eq!(
            date_of("on August 21, 2025 he", None, "August 21, 2025").timex(),
            "2025-08-21"
        );
        assert_eq!(
            date_of("since Feb 2025", None, "Feb 2025").timex(),
            "2025-02"
        );
        assert_eq!(
            date_of("於2025年2月加入", None, "2025年2月").precision(),
            "month"
        );
        let d = date_of("2月6日上线", None, "2月6日");
        assert_eq!((d.timex(), d.relative), ("XXXX-02-06".to_string(), false));
        let d = date_of("2月6日上线", Some("2025-03-01"), "2月6日");
        assert_eq!(
            (d.timex(), d.relative, d.inferred),
            ("2025-02-06".to_string(), true, true)
        );
        let d = date_of("9月底发布", Some("2025-10-02"), "9月底");
        assert_eq!(
            (d.timex(), d.part),
            ("2025-09".to_string(), Some(Part::Late))
        );
        assert_eq!(date_of("12月初", None, "12月初").part, Some(Part::Early));
        assert_eq!(date_of("3月下旬", None, "3月下旬").part, Some(Part::Late));
        assert_eq!(
            date_of("on Aug. 21 it", Some("2025-09-01"), "Aug. 21").timex(),
            "2025-08-21"
        );
        // a year-less date takes the year that puts it nearest the reference
        assert_eq!(
            date_of("12月30日发布", Some("2026-01-05"), "12月30日").timex(),
            "2025-12-30"
        );
        assert_eq!(
            date_of("1月3日上线", Some("2025-12-20"), "1月3日").timex(),
            "2026-01-03"
        );
    }

    #[test]
    fn relative_dates() {
        let r = Some("2025-09-15");
        let d = date_of("今年6月", r, "今年6月");
        assert_eq!(
            (d.timex(), d.relative, d.inferred),
            ("2025-06".to_string(), true, false)
        );
        assert_eq!(date_of("去年12月", r, "去年12月").timex(), "2024-12");
        assert_eq!(date_of("明年", r, "明年").timex(), "2026");
        let d = date_of("上月底", r, "上月底");
        assert_eq!(
            (d.timex(), d.part),
            ("2025-08".to_string(), Some(Part::Late))
        );
        assert_eq!(date_of("本月", r, "本月").timex(), "2025-09");
        assert_eq!(date_of("last month", r, "last month").timex(), "2025-08");
        assert_eq!(date_of("next year", r, "next year").timex(), "2026");
        assert_eq!(date_of("yesterday", r, "yesterday").timex(), "2025-09-14");
        assert_eq!(date_of("昨日", r, "昨日").timex(), "2025-09-14");
        assert_eq!(date_of("前天", r, "前天").timex(), "2025-09-13");
        assert_eq!(date_of("today", r, "today").timex(), "2025-09-15");
        assert_eq!(
            date_of(
                "When was the last easter?",
                Some("2019-06-12"),
                "last easter"
            )
            .timex(),
            "2019-04-21"
        );
        assert_eq!(
            date_of(
                "2 weeks before Christmas",
                Some("2016-11-07"),
                "2 weeks before Christmas"
            )
            .timex(),
            "2016-12-11"
        );
        assert_eq!(
            date_of(
                "3 days after January 12th",
                Some("2016-11-07"),
                "3 days after January 12th"
            )
            .timex(),
            "2017-01-15"
        );
        // traditional script folds first
        assert_eq!(date_of("去年十二月", r, "去年十二月").timex(), "2024-12");
    }

    #[test]
    fn durations() {
        let dur = |text: &str, span: &str| match find(text, Some("2025-09-15"), span) {
            Kind::Duration(d) => d,
            k => panic!("{text}: {k:?}"),
        };
        let d = dur("7个多月后", "7个多月后");
        assert_eq!(
            (
                d.amount.value,
                d.amount.hedge,
                d.unit,
                d.direction.as_deref()
            ),
            (7.0, Hedge::MoreThan, TimeUnit::Month, Some("after"))
        );
        let d = dur("半年多后", "半年多后");
        assert_eq!(
            (d.amount.value, d.amount.hedge, d.unit),
            (0.5, Hedge::MoreThan, TimeUnit::Year)
        );
        let d = dur("兩年前", "兩年前");
        assert_eq!(
            (d.amount.value, d.direction.as_deref()),
            (2.0, Some("before"))
        );
        let d = dur("two years later", "two years later");
        assert_eq!(
            (d.amount.value, d.unit, d.direction.as_deref()),
            (2.0, TimeUnit::Year, Some("after"))
        );
        let d = dur("in a fortnight", "in a fortnight");
        assert_eq!(
            (d.amount.value, d.unit, d.direction.as_deref()),
            (2.0, TimeUnit::Week, Some("after"))
        );
        let d = dur("more than 3 months ago", "more than 3 months ago");
        assert_eq!(
            (d.amount.hedge, d.direction.as_deref()),
            (Hedge::MoreThan, Some("before"))
        );
        let d = dur("over the three-year period", "three-year");
        assert_eq!((d.amount.value, d.unit), (3.0, TimeUnit::Year));
        let d = dur("for 3 years", "3 years");
        assert_eq!((d.amount.value, d.direction), (3.0, None));
        let r = NaiveDate::from_ymd_opt(2018, 8, 30).unwrap();
        let five_days_ago = dur("他5天前就回来了", "5天前");
        assert_eq!(
            dates::resolve_duration(&five_days_ago, r),
            NaiveDate::from_ymd_opt(2018, 8, 25)
        );
        let d = date_of("2020年至今", None, "2020年至今");
        assert_eq!((d.timex(), d.since), ("2020".to_string(), true));
    }

    #[test]
    fn news_traps() {
        // a range of percents
        match find("净利预增77.46%-102.88%。", None, "77.46%-102.88%") {
            Kind::Range(g) => assert_eq!(
                (g.min, g.max, g.unit.as_deref()),
                (Some(77.46), Some(102.88), Some("%"))
            ),
            k => panic!("{k:?}"),
        }
        // a span of years is two dates, not a numeric range
        let all = rec_at("延續2024至2026年的計劃", None);
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Range(_))),
            "{all:?}"
        );
        assert!(all
            .iter()
            .any(|(s, k)| s == "2026年" && matches!(k, Kind::Date(d) if d.year == Some(2026))));
        // figures glued into identifiers are not ranges; a reported loss stays negative
        let all = rec_at("see hpt-1-5-edge and Qwen2.5-Max", None);
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Range(_))),
            "{all:?}"
        );
        assert!(
            matches!(find("上年同期为-8.63亿美元", None, "-8.63亿美元"), Kind::Money(m) if m.amount.value == -8.63e8)
        );
        // lone numerals inside words, digits glued to letters, clock times
        let all = rec_at(
            "文心一言、百度和通义千问，9To5Google 的 3D 报道，15:40:31 发布",
            None,
        );
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Number(_))),
            "{all:?}"
        );
        assert!(matches!(find("发布了三款模型", None, "三"), Kind::Number(n) if n.value == 3.0));
        // 一半, 约合, 上半年
        assert!(
            matches!(find("近一半份额", None, "近一半"), Kind::Number(n) if n.value == 0.5 && n.hedge == Hedge::Nearly)
        );
        assert!(
            matches!(find("约合790亿美元", None, "约合790亿美元"), Kind::Money(m) if m.amount.hedge == Hedge::Approx)
        );
        let d = date_of("2026年上半年营收", None, "2026年上半年");
        assert_eq!((d.timex(), d.precision()), ("2026-H1".to_string(), "half"));
        // quarters
        assert_eq!(
            date_of("2024年第四季度营收", None, "2024年第四季度").timex(),
            "2024-Q4"
        );
        assert_eq!(
            date_of("今年一季度", Some("2026-08-21"), "今年一季度").timex(),
            "2026-Q1"
        );
        assert_eq!(
            date_of("Q4 2024 revenue", None, "Q4 2024").timex(),
            "2024-Q4"
        );
        assert_eq!(
            date_of(
                "in the fourth quarter of 2024",
                None,
                "the fourth quarter of 2024"
            )
            .timex(),
            "2024-Q4"
        );
        assert_eq!(
            date_of("first half of 2026", None, "first half of 2026").timex(),
            "2026-H1"
        );
        let d = date_of("第四季度营收", Some("2025-02-05"), "第四季度");
        assert_eq!((d.timex(), d.inferred), ("2024-Q4".to_string(), true));
        let all = rec_at("前三季度营收", None);
        assert!(
            all.iter()
                .all(|(_, k)| !matches!(k, Kind::Date(d) if d.quarter == Some(3))),
            "{all:?}"
        );
        // 两倍四 is 2.4 times; vague counts
        assert!(
            matches!(find("多賺兩倍四", None, "兩倍四"), Kind::Multiple(n) if (n.value - 2.4).abs() < 1e-9)
        );
        assert!(
            matches!(find("上百个", None, "上百"), Kind::Number(n) if n.value == 100.0 && n.hedge == Hedge::Vague)
        );
        assert!(
            matches!(find("数百个", None, "数百"), Kind::Number(n) if n.value == 100.0 && n.hedge == Hedge::Vague)
        );
        assert!(rec_at("上百度搜索", None).is_empty());
        // English multiples and spans of years
        assert!(
            matches!(find("a more than 250-fold jump", None, "more than 250-fold"), Kind::Multiple(n) if n.hedge == Hedge::MoreThan)
        );
        assert!(
            matches!(find("over five times the size", None, "over five times"), Kind::Multiple(n) if n.value == 5.0)
        );
        let all = rec_at("under its 2024 to 2026 policy", None);
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Range(_))),
            "{all:?}"
        );
        // a month span after a year, a year that is compared, 半成品
        let all = rec_at("2026年1至3月营收", None);
        assert!(
            all.iter().any(
                |(s, k)| s == "2026年1" && matches!(k, Kind::Date(d) if d.timex() == "2026-01")
            ),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|(s, k)| s == "3月" && matches!(k, Kind::Date(d) if d.timex() == "2026-03")),
            "{all:?}"
        );
        let all = rec_at("已超过2025年全年净利润", None);
        assert!(
            all.iter()
                .any(|(s, k)| s == "2025年" && matches!(k, Kind::Date(_))),
            "{all:?}"
        );
        assert!(rec_at("闪存颗粒是半成品", None).is_empty());
        let all = rec_at("给出 2/3 步的示例", None);
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Date(_))),
            "{all:?}"
        );
        // 最近 (recently) and 当年 (that year) are not dated by the reference
        let all = rec_at("最近当年的情况", Some("2025-09-15"));
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Date(_))),
            "{all:?}"
        );
    }

    #[test]
    fn vague_amounts_are_an_order_of_magnitude() {
        let iv = |text: &str, span: &str| {
            let k = find(text, None, span);
            let n = num(&k);
            assert_eq!(n.hedge, Hedge::Vague, "{text}: {k:?}");
            n.interval()
        };
        assert_eq!(
            iv("仓库里堆着数百箱货", "数百"),
            (Some(100.0), Some(1000.0))
        );
        assert_eq!(iv("上百位志愿者到场", "上百"), (Some(100.0), Some(1000.0)));
        assert_eq!(iv("幾千名球迷湧入", "幾千"), (Some(1e3), Some(1e4)));
        assert_eq!(iv("吸引数万人次", "数万"), (Some(1e4), Some(1e5)));
        assert_eq!(iv("几十万件包裹", "几十万"), (Some(1e5), Some(1e6)));
        // a vague amount of money
        match find("项目耗资数十亿美元", None, "数十亿美元") {
            Kind::Money(m) => {
                assert_eq!(m.currency.as_deref(), Some("USD"));
                assert_eq!(m.amount.interval(), (Some(1e9), Some(1e10)));
            }
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            find("花了几千港元", None, "几千港元"),
            Kind::Money(_)
        ));
        // English plural scales; "of" joins the figure to what it counts
        assert_eq!(
            iv("the app drew hundreds of reviewers", "hundreds of"),
            (Some(100.0), Some(1000.0))
        );
        assert_eq!(
            iv("Thousands of fans waited outside", "Thousands of"),
            (Some(1e3), Some(1e4))
        );
        assert_eq!(
            iv("tens of thousands of riders", "tens of thousands of"),
            (Some(1e4), Some(1e5))
        );
        assert_eq!(
            iv("hundreds of millions of viewers", "hundreds of millions of"),
            (Some(1e8), Some(1e9))
        );
        assert_eq!(
            iv("a plan worth billions, aides said", "billions"),
            (Some(1e9), Some(1e10))
        );
        match find(
            "it spent billions of dollars on chips",
            None,
            "billions of dollars",
        ) {
            Kind::Money(m) => assert_eq!(
                (m.currency.as_deref(), m.amount.interval()),
                (Some("USD"), (Some(1e9), Some(1e10)))
            ),
            k => panic!("{k:?}"),
        }
        // not amounts: a place word, "tens" alone, a scale after a figure
        assert!(rec_at("他上百度查了地图", None).is_empty());
        assert!(rec_at("the tens column", None).is_empty());
        assert!(
            matches!(find("nearly 3 thousands", None, "nearly 3 thousands"), Kind::Number(n) if n.value == 3000.0 && n.hedge == Hedge::Nearly)
        );
    }

    #[test]
    fn trillion_before_a_currency() {
        for (text, span, v, cur) in [
            ("政府撥款1.5兆韓圜", "1.5兆韓圜", 1.5e12, "KRW"),
            ("投资3兆韩元", "3兆韩元", 3e12, "KRW"),
            ("国债余额达1100兆日元", "1100兆日元", 1.1e15, "JPY"),
            ("市值突破4兆美元", "4兆美元", 4e12, "USD"),
        ] {
            match find(text, None, span) {
                Kind::Money(m) => {
                    assert!(close(m.amount.value, v), "{text}: {m:?}");
                    assert_eq!(m.currency.as_deref(), Some(cur), "{text}");
                }
                k => panic!("{text}: {k:?}"),
            }
        }
        match find("预算在80兆至95兆韩元之间", None, "80兆至95兆韩元") {
            Kind::Range(g) => assert_eq!(
                (g.min, g.max, g.unit.as_deref()),
                (Some(8e13), Some(9.5e13), Some("KRW"))
            ),
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn ranges_with_currencies_and_dashes() {
        let r = |text: &str, span: &str| match find(text, None, span) {
            Kind::Range(r) => (r.min, r.max, r.unit),
            k => panic!("{text}: {k:?}"),
        };
        assert_eq!(
            r(
                "a fine of between EUR3 million and EUR7 million",
                "between EUR3 million and EUR7 million"
            ),
            (Some(3e6), Some(7e6), Some("EUR".into()))
        );
        assert_eq!(
            r(
                "costs from $4 billion to $6 billion",
                "from $4 billion to $6 billion"
            ),
            (Some(4e9), Some(6e9), Some("USD".into()))
        );
        assert_eq!(
            r("计划募资15至25亿元", "15至25亿元"),
            (Some(1.5e9), Some(2.5e9), Some("CNY".into()))
        );
        // a bound of its own ends no range: a year, then "to more than" a count
        let all = rec_at(
            "shipments went from about 210 million in 2019 to more than 480 million in 2025",
            None,
        );
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Range(_))),
            "{all:?}"
        );
        // a change of value is not a range
        let all = rec_at("the cap was raised from $300 to $900 last year", None);
        assert!(
            all.iter().all(|(_, k)| !matches!(k, Kind::Range(_))),
            "{all:?}"
        );
        // a floor and a ceiling
        let g = match find(
            "发行规模不低于6亿元、不高于9亿元",
            None,
            "不低于6亿元、不高于9亿元",
        ) {
            Kind::Range(g) => g,
            k => panic!("{k:?}"),
        };
        assert_eq!(
            (g.min, g.max, g.min_inclusive, g.max_inclusive),
            (Some(6e8), Some(9e8), true, true)
        );
        assert!(matches!(
            find("回购不少于3亿元且不超过5亿元", None, "不少于3亿元且不超过5亿元"),
            Kind::Range(g) if g.min == Some(3e8) && g.max == Some(5e8)
        ));
        // any dash
        for dash in [
            '-', '\u{2010}', '\u{2011}', '\u{2012}', '–', '—', '\u{2212}',
        ] {
            let text = format!("每周训练4{dash}6小时");
            let span = format!("4{dash}6");
            assert_eq!(r(&text, &span), (Some(4.0), Some(6.0), None), "{dash:?}");
        }
    }

    #[test]
    fn output_is_sorted_and_disjoint() {
        let text = "2025年2月6日，公司融资60亿美元，同比增长12%，员工超过3000人，估值70-80亿。";
        let norm = normalize_str(text);
        let found = recognize(&norm.text, None);
        assert!(found.len() >= 5, "{found:?}");
        for w in found.windows(2) {
            assert!(w[0].end <= w[1].start, "{found:?}");
        }
    }
}
/// Random mixes of the characters and words the recognizers react to: no panic, and the
/// output stays sorted and disjoint.
#[cfg(test)]
mod robustness {
    #[test]
    fn random_inputs_never_panic() {
        let alphabet: Vec<char> = "0123456789.,-/ %$¥年月日号十百千万亿零一二两三五九半余多几近超约第分之又点成折倍元美港币到至和与间之间以上下大于小于等于前后个天周星期今去明上本月底初旬the of and in a next last may june dec monday hundred thousand million half third point minus percent over between from to k M B bn"
            .chars()
            .collect();
        let words: Vec<&str> = vec![
            "the",
            "of",
            "and",
            "in",
            "a",
            "next",
            "last",
            "may",
            "june",
            "dec",
            "monday",
            "hundred",
            "million",
            "half",
            "third",
            "point",
            "minus",
            "percent",
            "over",
            "between",
            "from",
            "to",
            "百分之",
            "分之",
            "个百分点",
            "美元",
            "港元",
            "年",
            "月",
            "日",
            "之间",
            "以上",
            "左右",
            "2025",
            "12",
            "3.5",
            "-",
            "/",
            ".",
            ",",
            " ",
        ];
        let mut seed: u64 = 0x9e3779b97f4a7c15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let r = chrono::NaiveDate::from_ymd_opt(2024, 2, 29);
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                if next() % 2 == 0 {
                    s.push(alphabet[(next() % alphabet.len() as u64) as usize]);
                } else {
                    s.push_str(words[(next() % words.len() as u64) as usize]);
                }
            }
            let out = std::panic::catch_unwind(|| super::recognize(&s, r));
            assert!(out.is_ok(), "panic on {s:?}");
            let out = out.unwrap();
            for w in out.windows(2) {
                assert!(w[0].end <= w[1].start, "{s:?}");
            }
        }
    }
}
