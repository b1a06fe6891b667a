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
    /// 余, 多, 逾, 超过, more than, over: strictly above (or at least) the figure.
    MoreThan,
    /// 以上, at least.
    AtLeast,
    /// 近, 接近, nearly, almost: at most the figure, close to it.
    Nearly,
    /// 小于, 不到, less than, under.
    LessThan,
    /// 以内, 至多, up to, at most.
    AtMost,
    /// 约, 大约, 左右, about, around.
    Approx,
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
    /// reference (the reference's own year). `timex()` still shows the guessed year; the
    /// conformance output writes `XXXX` for these.
    pub inferred: bool,
    /// The text dates something from this point on: "2020年至今", "自2018年以来", "since 2016".
    pub since: bool,
}

impl DateVal {
    /// `2025-02-06`, `2025-02`, `2025`, `XXXX-02-06`, `XXXX-02`.
    pub fn timex(&self) -> String {
        let y = self
            .year
            .map(|y| format!("{y:04}"))
            .unwrap_or_else(|| "XXXX".into());
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y}-{m:02}"),
            _ => y,
        }
    }

    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
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
