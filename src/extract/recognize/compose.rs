//! The composite layer over the figures: percents, multiples, money, hedges, ordinals and
//! ranges. Produces candidates; `mod.rs` keeps the longest non-overlapping ones.

use super::numbers::{cn_big, cn_digit, NumKind, NumTok};
use super::text::Text;
use super::{Hedge, Kind, Money, Num, RangeVal};

/// A candidate value over character indices `[start, end)`.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Tie-break among equally long candidates: higher wins.
    pub prio: u8,
}

/// Match a Chinese word at `i`, allowing spaces between its characters ("个 百 分点").
pub(crate) fn cn_word(t: &Text, i: usize, w: &str) -> Option<usize> {
    let mut j = i;
    for (k, c) in w.chars().enumerate() {
        if k > 0 {
            j = t.skip_sp(j);
        }
        if t.at(j) != c {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn num(tok: &NumTok) -> Num {
    Num {
        value: tok.value,
        step: tok.step,
        hedge: tok.hedge,
    }
}

/// Currency words written after a figure, longest first: (word, ISO code, unit value).
const CURRENCY_AFTER: &[(&str, &str, f64)] = &[
    ("元人民币", "CNY", 1.0),
    ("新台币", "TWD", 1.0),
    ("新台幣", "TWD", 1.0),
    ("新加坡元", "SGD", 1.0),
    ("瑞士法郎", "CHF", 1.0),
    ("人民币", "CNY", 1.0),
    ("美元", "USD", 1.0),
    ("美圆", "USD", 1.0),
    ("美金", "USD", 1.0),
    ("美分", "USD", 0.01),
    ("欧元", "EUR", 1.0),
    ("英镑", "GBP", 1.0),
    ("日元", "JPY", 1.0),
    ("日圆", "JPY", 1.0),
    ("韩元", "KRW", 1.0),
    ("韩圜", "KRW", 1.0),
    ("韩圆", "KRW", 1.0),
    ("韩币", "KRW", 1.0),
    ("港元", "HKD", 1.0),
    ("港币", "HKD", 1.0),
    ("港圆", "HKD", 1.0),
    ("台币", "TWD", 1.0),
    ("澳元", "AUD", 1.0),
    ("加元", "CAD", 1.0),
    ("新元", "SGD", 1.0),
    ("卢布", "RUB", 1.0),
    ("卢比", "INR", 1.0),
    ("奈拉", "NGN", 1.0),
    ("泰铢", "THB", 1.0),
    ("澳门元", "MOP", 1.0),
    ("澳门币", "MOP", 1.0),
    ("比特币", "", 1.0),
    ("法郎", "CHF", 1.0),
    ("元", "CNY", 1.0),
    ("圆", "CNY", 1.0),
    ("块", "CNY", 1.0),
];

const CURRENCY_WORDS_AFTER: &[(&str, &str)] = &[
    ("us dollars", "USD"),
    ("dollars", "USD"),
    ("dollar", "USD"),
    ("euros", "EUR"),
    ("euro", "EUR"),
    ("yuan", "CNY"),
    ("renminbi", "CNY"),
    ("pounds", "GBP"),
    ("yen", "JPY"),
    ("won", "KRW"),
    ("rupees", "INR"),
    ("usd", "USD"),
    ("cny", "CNY"),
    ("rmb", "CNY"),
    ("hkd", "HKD"),
    ("eur", "EUR"),
    ("jpy", "JPY"),
    ("krw", "KRW"),
    ("twd", "TWD"),
    ("gbp", "GBP"),
];

const CURRENCY_BEFORE: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("hk$", "HKD"),
    ("nt$", "TWD"),
    ("s$", "SGD"),
    ("a$", "AUD"),
    ("c$", "CAD"),
    ("rmb", "CNY"),
    ("usd", "USD"),
    ("cny", "CNY"),
    ("hkd", "HKD"),
    ("eur", "EUR"),
    ("jpy", "JPY"),
    ("krw", "KRW"),
    ("twd", "TWD"),
    ("gbp", "GBP"),
    ("人民币", "CNY"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("港币", "HKD"),
    ("港元", "HKD"),
    ("美元", "USD"),
    ("日元", "JPY"),
    ("韩元", "KRW"),
    ("韩圜", "KRW"),
    ("欧元", "EUR"),
    ("$", "USD"),
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("₩", "KRW"),
];

/// Currency after a figure ending at `e`: (end, iso, unit value).
pub(crate) fn currency_after(t: &Text, e: usize) -> Option<(usize, &'static str, f64)> {
    let k = t.skip_sp(e);
    // "20个比特币"
    let k = if t.at(k) == '个' && t.starts(k + 1, "比特币").is_some() {
        k + 1
    } else {
        k
    };
    for (w, iso, u) in CURRENCY_AFTER {
        if let Some(end) = t.starts(k, w) {
            // 块 before a noun is a measure word (一块拼图, 三块屏幕), not yuan (50块, 50块钱).
            if *w == "块" && is_han(t.at(end)) && t.at(end) != '钱' {
                return None;
            }
            if *w == "元" && matches!(t.at(end), '素' | '旦' | '首' | '宵' | '件' | '老' | '月')
            {
                return None;
            }
            return Some((end, iso, *u));
        }
    }
    if k > e || t.lat(k).is_ascii_alphabetic() {
        for (w, iso) in CURRENCY_WORDS_AFTER {
            if let Some(end) = t.word(k, w) {
                return Some((end, iso, 1.0));
            }
        }
    }
    None
}

fn currency_before(t: &Text, s: usize) -> Option<(usize, &'static str)> {
    let k = t.back_sp(s);
    if s - k > 1 {
        return None;
    }
    for (w, iso) in CURRENCY_BEFORE {
        if let Some(st) = t.ends(k, w) {
            if w.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && st > 0
                && t.lat(st - 1).is_ascii_alphabetic()
            {
                continue;
            }
            return Some((st, iso));
        }
    }
    None
}

/// Prefix hedges: (word, hedge). `Equal` ranges are handled apart.
const PREFIX: &[(&str, Hedge)] = &[
    ("大于或者等于", Hedge::AtLeast),
    ("大于或等于", Hedge::AtLeast),
    ("大于等于", Hedge::AtLeast),
    ("不小于", Hedge::AtLeast),
    ("不少于", Hedge::AtLeast),
    ("不低于", Hedge::AtLeast),
    ("至少", Hedge::AtLeast),
    ("最少", Hedge::AtLeast),
    ("起码", Hedge::AtLeast),
    ("小于或者等于", Hedge::AtMost),
    ("小于或等于", Hedge::AtMost),
    ("小于等于", Hedge::AtMost),
    ("不大于", Hedge::AtMost),
    ("不多于", Hedge::AtMost),
    ("不超过", Hedge::AtMost),
    ("不高于", Hedge::AtMost),
    ("至多", Hedge::AtMost),
    ("最多", Hedge::AtMost),
    ("顶多", Hedge::AtMost),
    ("大于", Hedge::MoreThan),
    ("多于", Hedge::MoreThan),
    ("高于", Hedge::MoreThan),
    ("超过", Hedge::MoreThan),
    ("超出", Hedge::MoreThan),
    ("逾", Hedge::MoreThan),
    ("超", Hedge::MoreThan),
    ("过", Hedge::MoreThan),
    ("小于", Hedge::LessThan),
    ("少于", Hedge::LessThan),
    ("低于", Hedge::LessThan),
    ("不足", Hedge::LessThan),
    ("不到", Hedge::LessThan),
    ("未满", Hedge::LessThan),
    ("接近", Hedge::Nearly),
    ("将近", Hedge::Nearly),
    ("逼近", Hedge::Nearly),
    ("几乎", Hedge::Nearly),
    ("近", Hedge::Nearly),
    ("约合", Hedge::Approx),
    ("大约", Hedge::Approx),
    ("大概", Hedge::Approx),
    ("大致", Hedge::Approx),
    ("约", Hedge::Approx),
    (">=", Hedge::AtLeast),
    ("≥", Hedge::AtLeast),
    ("<=", Hedge::AtMost),
    ("≤", Hedge::AtMost),
    (">", Hedge::MoreThan),
    ("<", Hedge::LessThan),
];

const PREFIX_EN: &[(&str, Hedge)] = &[
    ("greater than or equal to", Hedge::AtLeast),
    ("more than or equal to", Hedge::AtLeast),
    ("less than or equal to", Hedge::AtMost),
    ("no less than", Hedge::AtLeast),
    ("not less than", Hedge::AtLeast),
    ("no fewer than", Hedge::AtLeast),
    ("at least", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("no more than", Hedge::AtMost),
    ("not more than", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("up to", Hedge::AtMost),
    ("a maximum of", Hedge::AtMost),
    ("more than", Hedge::MoreThan),
    ("greater than", Hedge::MoreThan),
    ("higher than", Hedge::MoreThan),
    ("larger than", Hedge::MoreThan),
    ("in excess of", Hedge::MoreThan),
    ("exceeding", Hedge::MoreThan),
    ("over", Hedge::MoreThan),
    ("above", Hedge::MoreThan),
    ("less than", Hedge::LessThan),
    ("fewer than", Hedge::LessThan),
    ("lower than", Hedge::LessThan),
    ("under", Hedge::LessThan),
    ("below", Hedge::LessThan),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("close to", Hedge::Nearly),
    ("approximately", Hedge::Approx),
    ("roughly", Hedge::Approx),
    ("around", Hedge::Approx),
    ("about", Hedge::Approx),
    ("approx.", Hedge::Approx),
    ("some", Hedge::Approx),
];

const SUFFIX: &[(&str, Hedge)] = &[
    ("或者以上", Hedge::AtLeast),
    ("或以上", Hedge::AtLeast),
    ("及以上", Hedge::AtLeast),
    ("或者更多", Hedge::AtLeast),
    ("或更多", Hedge::AtLeast),
    ("或者以下", Hedge::AtMost),
    ("或以下", Hedge::AtMost),
    ("及以下", Hedge::AtMost),
    ("以上", Hedge::MoreThan),
    ("之上", Hedge::MoreThan),
    ("有余", Hedge::MoreThan),
    ("出头", Hedge::MoreThan),
    ("以下", Hedge::LessThan),
    ("之下", Hedge::LessThan),
    ("以内", Hedge::AtMost),
    ("之内", Hedge::AtMost),
    ("左右", Hedge::Approx),
    ("上下", Hedge::Approx),
];

const SUFFIX_EN: &[(&str, Hedge)] = &[
    ("or more", Hedge::AtLeast),
    ("or above", Hedge::AtLeast),
    ("and above", Hedge::AtLeast),
    ("or greater", Hedge::AtLeast),
    ("or higher", Hedge::AtLeast),
    ("or less", Hedge::AtMost),
    ("or fewer", Hedge::AtMost),
    ("or below", Hedge::AtMost),
];

/// A prefix hedge ending just before `s` (spaces and 了/是/有/为/达 allowed in between).
pub(crate) fn prefix_hedge(t: &Text, s: usize) -> Option<(usize, Hedge)> {
    let mut k = t.back_sp(s);
    if k > 0 && matches!(t.at(k - 1), '了' | '是' | '有' | '为' | '达') {
        let k2 = t.back_sp(k - 1);
        if let Some((st, h)) = prefix_word(t, k2) {
            return Some((st, h));
        }
    }
    if let Some(r) = prefix_word(t, k) {
        return Some(r);
    }
    // "< = 100", "> = 2019"
    if k > 0 && t.at(k - 1) == '=' {
        k = t.back_sp(k - 1);
        if k > 0 && t.at(k - 1) == '<' {
            return Some((k - 1, Hedge::AtMost));
        }
        if k > 0 && t.at(k - 1) == '>' {
            return Some((k - 1, Hedge::AtLeast));
        }
    }
    None
}

/// Like `Text::ends` for a Chinese word, allowing spaces between its characters.
fn ends_cn(t: &Text, k: usize, w: &str) -> Option<usize> {
    let mut j = k;
    for (n, c) in w.chars().rev().enumerate() {
        if n > 0 {
            j = t.back_sp(j);
        }
        if j == 0 || t.at(j - 1) != c {
            return None;
        }
        j -= 1;
    }
    Some(j)
}

fn prefix_word(t: &Text, k: usize) -> Option<(usize, Hedge)> {
    if k == 0 {
        return None;
    }
    let last = t.lat(k - 1);
    let english = last.is_ascii_alphabetic() || last == '.';
    // a quick filter on the last UTF-8 byte of the word (the exact match follows)
    let mut buf = [0u8; 4];
    let last_byte = last.encode_utf8(&mut buf).as_bytes().last().copied();
    for (w, h) in PREFIX.iter().filter(|_| !english) {
        if w.as_bytes().last().copied() != last_byte {
            continue;
        }
        if let Some(st) = ends_cn(t, k, w) {
            if *w == "过"
                && st > 0
                && matches!(
                    t.at(st - 1),
                    '经' | '通' | '不' | '超' | '错' | '度' | '难' | '越' | '跳' | '走' | '去'
                )
            {
                continue;
            }
            if *w == "近"
                && st > 0
                && matches!(t.at(st - 1), '最' | '附' | '接' | '将' | '靠' | '逼')
            {
                continue;
            }
            if *w == "超" && st > 0 && matches!(t.at(st - 1), '赶') {
                continue;
            }
            return Some((st, *h));
        }
    }
    for (w, h) in PREFIX_EN.iter().filter(|_| english) {
        if w.as_bytes().last().copied() != last_byte {
            continue;
        }
        if let Some(st) = t.ends_word(k, w) {
            return Some((st, *h));
        }
    }
    None
}

fn suffix_hedge(t: &Text, e: usize) -> Option<(usize, Hedge)> {
    let k = t.skip_sp(e);
    // a measure word may stand between: 1000人左右, 20家以上
    if MEASURE.contains(t.at(k)) {
        if let Some(r) = suffix_hedge_at(t, k + 1) {
            return Some(r);
        }
    }
    suffix_hedge_at(t, k)
}

/// Measure words that may sit between a figure and its suffix hedge.
const MEASURE: &str = "人个次家名位台辆件款岁株只条项所座套部篇场位倍";

fn suffix_hedge_at(t: &Text, k: usize) -> Option<(usize, Hedge)> {
    for (w, h) in SUFFIX {
        if let Some(end) = cn_word(t, k, w) {
            return Some((end, *h));
        }
    }
    for (w, h) in SUFFIX_EN {
        if let Some(end) = t.word(k, w) {
            return Some((end, *h));
        }
    }
    None
}

/// What kind of value a figure is, once its context is read.
#[derive(Debug, Clone)]
pub(crate) struct Valued {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// Percent, multiple and money around a figure (no hedge yet).
fn value_of(t: &Text, toks: &[NumTok], k: usize) -> Valued {
    let tok = &toks[k];
    let n = num(tok);
    let (s, e) = (tok.start, tok.end);
    // 百分之X / 千分之X
    if k > 0 {
        if let NumKind::PercentOf(d) = toks[k - 1].kind {
            if t.skip_sp(toks[k - 1].end) == s {
                let v = tok.value * 100.0 / d;
                return Valued {
                    start: toks[k - 1].start,
                    end: e,
                    kind: Kind::Percent(Num {
                        value: v,
                        step: tok.step * 100.0 / d,
                        hedge: tok.hedge,
                    }),
                };
            }
        }
    }
    let k2 = t.skip_sp(e);
    let c = t.at(k2);
    if c == '%' || c == '％' || c == '‰' {
        let v = if c == '‰' {
            tok.value / 10.0
        } else {
            tok.value
        };
        return Valued {
            start: s,
            end: k2 + 1,
            kind: Kind::Percent(Num { value: v, ..n }),
        };
    }
    for w in ["个百分点", "百分点"] {
        if let Some(end) = cn_word(t, k2, w) {
            return Valued {
                start: s,
                end,
                kind: Kind::Percent(n),
            };
        }
    }
    for w in [
        "percentage points",
        "percentage point",
        "percentage",
        "percents",
        "percent",
        "per cent",
        "pct",
    ] {
        if let Some(end) = t.word(k2, w) {
            return Valued {
                start: s,
                end,
                kind: Kind::Percent(n),
            };
        }
    }
    // "percent of 10"
    for w in ["percents of", "percent of", "per cent of"] {
        if let Some(st) = t.ends_word(t.back_sp(s), w) {
            return Valued {
                start: st,
                end: e,
                kind: Kind::Percent(n),
            };
        }
    }
    // 成 / 折
    if c == '成' && tok.value > 0.0 && tok.value <= 10.0 {
        let e = k2;
        let nx = t.at(e + 1);
        if !NOT_CHENG.contains(nx) {
            let mut v = tok.value * 10.0;
            let mut end = e + 1;
            let m = t.skip_sp(end);
            if let Some(d) = cn_digit(t.at(m)).or_else(|| t.at(m).to_digit(10).map(f64::from)) {
                if !t.at(m + 1).is_ascii_digit()
                    && cn_digit(t.at(m + 1)).is_none()
                    && tok.value.fract() == 0.0
                {
                    v += d;
                    end = m + 1;
                }
            } else if t.at(m) == '半' && m == end {
                v += 5.0;
                end = m + 1;
            }
            return Valued {
                start: s,
                end,
                kind: Kind::Percent(Num {
                    value: v,
                    step: 1.0,
                    hedge: tok.hedge,
                }),
            };
        }
    }
    if c == '折' && tok.value > 0.0 && tok.value < 100.0 {
        let nx = t.at(k2 + 1);
        if !matches!(
            nx,
            '合' | '算' | '旧' | '叠' | '返' | '腾' | '扣' | '射' | '磨' | '服'
        ) {
            let mut v = tok.value;
            let mut start = s;
            // "7 2 折": two digits written apart
            if k > 0
                && toks[k - 1].value < 10.0
                && tok.value < 10.0
                && toks[k - 1].value.fract() == 0.0
                && t.skip_sp(toks[k - 1].end) == s
                && s > toks[k - 1].end
            {
                v = toks[k - 1].value * 10.0 + tok.value;
                start = toks[k - 1].start;
            } else if v < 10.0 {
                v *= 10.0;
            }
            return Valued {
                start,
                end: k2 + 1,
                kind: Kind::Percent(Num {
                    value: v,
                    step: 1.0,
                    hedge: tok.hedge,
                }),
            };
        }
    }
    if c == '倍' {
        // 两倍四 = 2.4 times (a single digit after 倍 is its tenths)
        let mut n = n;
        let mut end = k2 + 1;
        if let Some(d) = cn_digit(t.at(end)) {
            let nx = t.at(end + 1);
            let more = cn_digit(nx).is_some()
                || super::numbers::cn_small(nx).is_some()
                || cn_big(nx).is_some();
            if !more && tok.value.fract() == 0.0 {
                n.value = tok.value + d / 10.0;
                n.step = 0.1;
                end += 1;
            }
        }
        return Valued {
            start: s,
            end,
            kind: Kind::Multiple(n),
        };
    }
    // "five times", "a 250-fold jump"
    let fold = if t.at(e) == '-' {
        t.word(e + 1, "fold")
    } else {
        None
    };
    if let Some(end) = fold.or_else(|| (k2 > e).then(|| t.word(k2, "times")).flatten()) {
        return Valued {
            start: s,
            end,
            kind: Kind::Multiple(n),
        };
    }
    // money
    if let Some((end, iso, u)) = currency_after(t, e) {
        let mut amount = Num {
            value: tok.value * u,
            step: tok.step * u,
            ..n
        };
        let mut end = end;
        // sub-units: 五元三毛, 两美元又三美分, 10日元5日本銭
        let m = t.skip_sp(end);
        let m = if matches!(t.at(m), '又' | '零') {
            t.skip_sp(m + 1)
        } else {
            m
        };
        if let Some(next) = toks.get(k + 1) {
            if next.start == m {
                let m2 = t.skip_sp(next.end);
                let sub = [
                    ("美分", 0.01),
                    ("角", 0.1),
                    ("毛", 0.1),
                    ("分", 0.01),
                    ("日本銭", 0.01),
                    ("日本钱", 0.01),
                    ("銭", 0.01),
                    ("钱", 0.01),
                ]
                .iter()
                .find_map(|(w, f)| t.starts(m2, w).map(|e2| (e2, *f)));
                if let Some((e2, f)) = sub {
                    amount.value += next.value * f;
                    amount.step = f;
                    end = e2;
                }
            }
        }
        // 新台币2兆5445亿元, 人民币12.34亿元: a currency named before the figure wins over a
        // bare 元 after it
        let mut start = s;
        let mut iso = iso;
        if let Some((st, before)) = currency_before(t, s) {
            let word: String = t.cs[t.skip_sp(e)..end].iter().collect();
            let generic = matches!(word.as_str(), "元" | "圆" | "块");
            if t.cs[st..s].iter().any(|c| !c.is_ascii()) && (generic || before == iso) {
                start = st;
                iso = before;
            }
        }
        return Valued {
            start,
            end,
            kind: Kind::Money(Money {
                amount,
                currency: (!iso.is_empty()).then(|| iso.to_string()),
            }),
        };
    }
    if let Some((st, iso)) = currency_before(t, s) {
        if tok.value >= 0.0 {
            return Valued {
                start: st,
                end: e,
                kind: Kind::Money(Money {
                    amount: n,
                    currency: Some(iso.to_string()),
                }),
            };
        }
    }
    Valued {
        start: s,
        end: e,
        kind: Kind::Number(n),
    }
}

fn with_hedge(kind: &Kind, h: Hedge) -> Kind {
    let f = |n: &Num| Num { hedge: h, ..*n };
    match kind {
        Kind::Number(n) => Kind::Number(f(n)),
        Kind::Percent(n) => Kind::Percent(f(n)),
        Kind::Multiple(n) => Kind::Multiple(f(n)),
        Kind::Money(m) => Kind::Money(Money {
            amount: f(&m.amount),
            currency: m.currency.clone(),
        }),
        k => k.clone(),
    }
}

pub(crate) fn main_num(kind: &Kind) -> Option<&Num> {
    match kind {
        Kind::Number(n) | Kind::Percent(n) | Kind::Multiple(n) | Kind::Ordinal(n) => Some(n),
        Kind::Money(m) => Some(&m.amount),
        _ => None,
    }
}

/// The range unit of a value kind.
fn unit_of(kind: &Kind) -> Option<String> {
    match kind {
        Kind::Percent(_) => Some("%".into()),
        Kind::Multiple(_) => Some("x".into()),
        Kind::Money(m) => m.currency.clone().or_else(|| Some("money".into())),
        _ => None,
    }
}

/// A one-sided bound from a hedge: (is_lower, inclusive).
fn bound(h: Hedge) -> Option<(bool, bool)> {
    match h {
        Hedge::MoreThan => Some((true, false)),
        Hedge::AtLeast => Some((true, true)),
        Hedge::LessThan => Some((false, false)),
        Hedge::AtMost => Some((false, true)),
        _ => None,
    }
}

fn ordinal_prefix(t: &Text, s: usize) -> usize {
    if s > 0 && t.at(s - 1) == '第' {
        s - 1
    } else {
        s
    }
}

/// After 成, characters that make it a word (成员, 成为, 成本, 成品 …), not a tenth.
const NOT_CHENG: &str = "员为功立本绩交果长都就熟年型品效份分人语群事批千";

/// Characters that show a lone Chinese numeral counts something: measure words and units.
pub(crate) const COUNTED: &str = "个次名位家年月日天周季倍成折款项篇种类条件台辆部只张本所座栋人岁秒号层批轮届期场份股元块万亿千百十多余几来枚颗架艘道门间套组对双页章节句字段版代级遍趟回声步招点到至%";

/// A lone Chinese numeral inside a word (文心一言, 百度, 通义千问, 三星, 唯一一个, 零一万物)
/// is not a figure: a single numeral character, a short run of digits or a figure led by
/// 零 counts as a Number only when a measure word or unit follows, or 第 precedes.
fn weak_numeral(t: &Text, tok: &NumTok) -> bool {
    if tok.kind != NumKind::Plain {
        return false;
    }
    if !tok.chinese {
        // Arabic digits glued to Latin letters name things (9To5Google, 3D, A100); digits
        // around a colon are a clock time or a ratio (15:40:31, 3:1)
        let c = t.at(tok.start);
        let glued = (tok.start > 0 && t.at(tok.start - 1).is_ascii_alphabetic())
            || t.at(tok.end).is_ascii_alphabetic();
        let colon =
            (tok.start > 1 && t.at(tok.start - 1) == ':' && t.at(tok.start - 2).is_ascii_digit())
                || (t.at(tok.end) == ':' && t.at(tok.end + 1).is_ascii_digit());
        return c.is_ascii_digit() && (glued || colon);
    }
    let len = tok.end - tok.start;
    let first = t.at(tok.start);
    let run = tok.int_digits > 0 && tok.int_digits < 4;
    let zero_led = first == '零'
        && len > 1
        && !t.cs[tok.start..tok.end]
            .iter()
            .any(|c| matches!(c, '点' | '點'));
    if !(len == 1 || run || zero_led) {
        return false;
    }
    if zero_led {
        return true;
    }
    if tok.start > 0 && t.at(tok.start - 1) == '第' {
        return false;
    }
    let next = t.at(tok.end);
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    // before punctuation, Latin text or the end it stands alone
    han(next) && !COUNTED.contains(next)
}

/// English ordinals: "7th", "21st", "first", "twenty-first" ("second" only after "the").
fn english_ordinals(t: &Text, toks: &[NumTok], out: &mut Vec<Cand>) {
    for tok in toks {
        if tok.int_digits == 0 || tok.chinese || tok.words {
            continue;
        }
        for suf in ["st", "nd", "rd", "th"] {
            if let Some(e) = t.word(tok.end, suf) {
                out.push(Cand {
                    start: tok.start,
                    end: e,
                    kind: Kind::Ordinal(Num::exact(tok.value)),
                    prio: 2,
                });
            }
        }
    }
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.lat(i);
        if !c.is_ascii_alphabetic() || (i > 0 && t.lat(i - 1).is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let w = t.word_at(i);
        let mut v = None;
        let mut end = i + w.len();
        // twenty-first, thirty first
        if let Some(tens) = [
            ("twenty", 20.0),
            ("thirty", 30.0),
            ("forty", 40.0),
            ("fifty", 50.0),
        ]
        .iter()
        .find(|(s, _)| s.chars().eq(w.iter().copied()))
        .map(|x| x.1)
        {
            let k = if t.at(end) == '-' {
                end + 1
            } else {
                t.skip_sp(end)
            };
            let w2 = t.word_at(k);
            if let Some((_, o)) = super::english::ORDINALS
                .iter()
                .find(|(s, o)| *o < 10.0 && s.chars().eq(w2.iter().copied()))
            {
                v = Some(tens + o);
                end = k + w2.len();
            }
        } else if let Some((s, o)) = super::english::ORDINALS
            .iter()
            .find(|(s, _)| s.chars().eq(w.iter().copied()))
        {
            let after_the = t.ends_word(t.back_sp(i), "the").is_some();
            if *s != "second" || after_the {
                v = Some(*o);
            }
        }
        if let Some(v) = v {
            out.push(Cand {
                start: i,
                end,
                kind: Kind::Ordinal(Num::exact(v)),
                prio: 2,
            });
        }
        i = end.max(i + 1);
    }
}

/// Build all composite candidates.
pub(crate) fn candidates(t: &Text, toks: &[NumTok]) -> Vec<Cand> {
    let mut out = Vec::new();
    english_ordinals(t, toks, &mut out);
    // doubling: 翻倍, 翻一番 (× 2), 翻两番 (× 4)
    for i in 0..t.len() {
        if t.cs[i] != '翻' {
            continue;
        }
        let (v, end) = if matches!(t.at(i + 1), '倍' | '番') {
            (2.0, i + 2)
        } else if t.at(i + 2) == '番' && matches!(t.at(i + 1), '一' | '两' | '兩') {
            (if t.at(i + 1) == '一' { 2.0 } else { 4.0 }, i + 3)
        } else {
            continue;
        };
        out.push(Cand {
            start: i,
            end,
            kind: Kind::Multiple(Num::exact(v)),
            prio: 4,
        });
    }
    // percents written without a figure: 对折 (50 %), 半折 (50 %), 半成 (5 %)
    for i in 0..t.len() {
        let v = match (t.cs[i], t.at(i + 1)) {
            ('对', '折') | ('半', '折') => 50.0,
            ('半', '成') if !NOT_CHENG.contains(t.at(i + 2)) => 5.0,
            _ => continue,
        };
        out.push(Cand {
            start: i,
            end: i + 2,
            kind: Kind::Percent(Num::exact(v)),
            prio: 4,
        });
    }
    let mut hedged: Vec<Option<Valued>> = Vec::with_capacity(toks.len());
    for (k, tok) in toks.iter().enumerate() {
        if let NumKind::PercentOf(_) = tok.kind {
            hedged.push(None);
            continue;
        }
        let mut v = value_of(t, toks, k);
        // ordinals: 第七, 7th
        if v.start == tok.start && v.end == tok.end && tok.start > 0 && t.at(tok.start - 1) == '第'
        {
            out.push(Cand {
                start: tok.start - 1,
                end: tok.end,
                kind: Kind::Ordinal(num(tok)),
                prio: 2,
            });
        }
        // a written year takes no hedge: 超过2025年全年 compares with the year's figure
        let year_like = tok.int_digits == 4 && (1900.0..=2100.0).contains(&tok.value);
        if year_like && t.at(t.skip_sp(tok.end)) == '年' {
            out.push(Cand {
                start: tok.start,
                end: tok.end,
                kind: Kind::Number(num(tok)),
                prio: 1,
            });
            hedged.push(None);
            continue;
        }
        // hedges
        let mut h = tok.hedge;
        if let Some((end, sh)) = suffix_hedge(t, v.end) {
            if h == Hedge::Exact || sh == Hedge::MoreThan {
                h = sh;
                v.end = end;
            }
        }
        if let Some((st, ph)) = prefix_hedge(t, v.start) {
            if h == Hedge::Exact || (h == Hedge::MoreThan && ph == Hedge::MoreThan) {
                h = ph;
                v.start = st;
            }
        }
        // 比X大 / 比X小
        if h == Hedge::Exact {
            let b = t.back_sp(v.start);
            if b > 0 && t.at(b - 1) == '比' {
                let a = t.skip_sp(v.end);
                let ch = t.at(a);
                let hh = match ch {
                    '大' | '高' | '多' | '长' => Some(Hedge::MoreThan),
                    '小' | '低' | '少' | '短' => Some(Hedge::LessThan),
                    _ => None,
                };
                if let Some(hh) = hh {
                    h = hh;
                    v.start = b - 1;
                    v.end = a + 1;
                }
            }
        }
        if h != Hedge::Exact {
            v.kind = with_hedge(&v.kind, h);
        }
        // 等于X: a one-point range
        if h == Hedge::Exact && matches!(v.kind, Kind::Number(_)) {
            let b = t.back_sp(v.start);
            if let Some(st) = t.ends(b, "等于") {
                if !(st > 0 && matches!(t.at(st - 1), '大' | '小' | '不')) {
                    out.push(Cand {
                        start: st,
                        end: v.end,
                        kind: Kind::Range(RangeVal {
                            min: Some(tok.value),
                            max: Some(tok.value),
                            min_inclusive: true,
                            max_inclusive: true,
                            unit: None,
                        }),
                        prio: 3,
                    });
                }
            }
        }
        if matches!(v.kind, Kind::Number(n) if n.hedge == Hedge::Exact) && weak_numeral(t, tok) {
            hedged.push(None);
            continue;
        }
        let prio = match v.kind {
            Kind::Money(_) => 5,
            Kind::Percent(_) => 4,
            Kind::Multiple(_) => 4,
            _ => 1,
        };
        out.push(Cand {
            start: v.start,
            end: v.end,
            kind: v.kind.clone(),
            prio,
        });
        hedged.push(Some(v));
    }
    // ranges between consecutive figures
    for k in 0..toks.len().saturating_sub(1) {
        let (Some(a), Some(b)) = (&hedged[k], &hedged[k + 1]) else {
            continue;
        };
        let (ta, tb) = (&toks[k], &toks[k + 1]);
        // two one-sided bounds: 大于10小于20, 1000以上, 1500以下
        let (ha, hb) = (
            main_num(&a.kind).map(|n| n.hedge),
            main_num(&b.kind).map(|n| n.hedge),
        );
        if let (Some(ha), Some(hb)) = (ha, hb) {
            if let (Some((la, ia)), Some((lb, ib))) = (bound(ha), bound(hb)) {
                let gap: String = t.cs[a.end..b.start.max(a.end)].iter().collect();
                let g = gap.trim();
                let joins = g.len() <= 12
                    && [
                        "",
                        ",",
                        "，",
                        "的同时",
                        "并且",
                        "且",
                        "并",
                        "而且",
                        "而",
                        "和",
                        "与",
                        "、",
                        "and",
                        ", and",
                        "but",
                    ]
                    .contains(&g);
                if la != lb && joins {
                    let (lo, hi, li, hi_in) = if la {
                        (ta.value, tb.value, ia, ib)
                    } else {
                        (tb.value, ta.value, ib, ia)
                    };
                    if lo < hi {
                        out.push(Cand {
                            start: a.start,
                            end: b.end,
                            kind: Kind::Range(RangeVal {
                                min: Some(lo),
                                max: Some(hi),
                                min_inclusive: li,
                                max_inclusive: hi_in,
                                unit: unit_of(&b.kind),
                            }),
                            prio: 3,
                        });
                    }
                }
            }
        }
        // A到B, A-B, A~B, A至B, A和B之间, between A and B
        // figures glued into a word are not bounds ("hpt-1-5-edge", "X3-4C")
        let glued = |s: usize, e: usize| {
            let before = s > 0
                && (t.at(s - 1).is_ascii_alphabetic()
                    || (t.at(s - 1) == '-'
                        && s > 2
                        && t.at(s - 2).is_ascii_alphabetic()
                        && t.at(s - 3).is_ascii_alphabetic()));
            let after = t.at(e) == '-' && t.at(e + 1).is_ascii_alphabetic();
            before || after
        };
        // (a currency code before a bound is not glue: "EUR3 million")
        if glued(ta.start.min(a.start), ta.end) || glued(tb.start.min(b.start), tb.end) {
            continue;
        }
        // 77.46%-102.88%: the separator follows the percent sign
        // 345亿元至355亿元: so does the currency after the first of two amounts
        let ea = if (matches!(a.kind, Kind::Percent(_)) && matches!(b.kind, Kind::Percent(_)))
            || (matches!(a.kind, Kind::Money(_)) && matches!(b.kind, Kind::Money(_)))
        {
            a.end.max(ta.end)
        } else {
            ta.end
        };
        // the second bound may carry its own currency: "$2 billion to $5 billion"
        let b_at =
            |k: usize| k == ordinal_prefix(t, tb.start) || (k == b.start && b.start < tb.start);
        let k1 = t.skip_sp(ea);
        let sep = t.at(k1);
        let mut b_val = tb.value;
        let mut start = a.start.min(ta.start);
        let mut end = b.end;
        let mut ok = false;
        let mut between = false;
        if (matches!(sep, '到' | '至' | '~' | '〜' | '～') || is_dash(sep))
            && b_at(t.skip_sp(k1 + 1))
        {
            ok = true;
        } else if sep == '-' && tb.start == k1 && tb.value < 0.0 {
            // "20 - 100": the dash was read as a sign
            b_val = -tb.value;
            ok = true;
        } else if matches!(sep, '和' | '与' | '及') && b_at(t.skip_sp(k1 + 1)) {
            let m = t.skip_sp(tb.end);
            let m = if let Some(e) = currency_after(t, tb.end) {
                t.skip_sp(e.0)
            } else {
                m
            };
            if let Some(e) = cn_word(t, m, "之间").or_else(|| (t.at(m) == '间').then_some(m + 1))
            {
                ok = true;
                between = true;
                end = e.max(end);
            }
        } else if (t.word(k1, "to").is_some() || t.word(k1, "and").is_some())
            // "in 2015 to more than 1.36 billion": a bound of its own ends no range
            && hb.is_none_or(|h| bound(h).is_none())
        {
            let is_and = t.word(k1, "and").is_some();
            let before = t.back_sp(ta.start.min(a.start));
            let lead = if is_and {
                t.ends_word(before, "between")
            } else {
                t.ends_word(before, "from")
            };
            let nxt = t.skip_sp(k1 + if is_and { 3 } else { 2 });
            // "raised from $200 to $800" is a change, not a range
            let change = !is_and
                && lead.is_some_and(|st| {
                    let w = t.back_sp(st);
                    CHANGE_VERBS.iter().any(|v| t.ends_word(w, v).is_some())
                });
            if change {
                continue;
            }
            if nxt == tb.start || (nxt == b.start && b.start < tb.start) {
                if let Some(st) = lead {
                    ok = true;
                    start = st;
                } else if !is_and {
                    ok = true;
                }
            }
        }
        if !ok {
            continue;
        }
        // 在/位于 before "A和B之间"
        if between {
            let b0 = t.back_sp(ordinal_prefix(t, ta.start));
            if let Some(st) = t
                .ends(b0, "位于")
                .or_else(|| t.ends(b0, "介于"))
                .or_else(|| t.ends(b0, "在"))
            {
                start = st;
            }
        }
        // scale the first end by the second's unit: 70-80亿, 5-10万
        let mut a_val = ta.value;
        let big_b = {
            let mut s = 1.0;
            let mut m = tb.end;
            while m > tb.start {
                if let Some(u) = cn_big(t.at(m - 1)) {
                    s *= u;
                    m -= 1;
                } else {
                    break;
                }
            }
            if s == 1.0 && !tb.words {
                // a letter scale: 5-10 billion, $3-4bn
                let mut m = tb.start;
                while m < tb.end && (t.at(m).is_ascii_digit() || matches!(t.at(m), '.' | ',' | '-'))
                {
                    m += 1;
                }
                if m > tb.start && m < tb.end {
                    if let Some((e, sc)) = super::numbers::letter_scale(t, m) {
                        if e == tb.end {
                            s = sc;
                        }
                    }
                }
            }
            s
        };
        let a_has_big = t.cs[ta.start..ta.end]
            .iter()
            .any(|c| cn_big(*c).is_some() || c.is_ascii_alphabetic());
        if big_b > 1.0
            && !a_has_big
            && a_val.abs() * big_b <= b_val.abs() * 1.0001 * big_b
            && a_val.abs() < b_val.abs() / big_b * 10.0 + 1.0
        {
            a_val *= big_b;
        }
        if a_val >= b_val {
            continue;
        }
        // 2024至2026年, "between 2025 and 2027": a span of years, read by the date layer
        let after_b = t.at(t.skip_sp(tb.end));
        if (after_b == '年' && ta.int_digits == 4) || matches!(after_b, '月' | '日' | '号') {
            continue;
        }
        let yearish = |n: &NumTok| n.int_digits == 4 && (1900.0..=2100.0).contains(&n.value);
        let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        if yearish(ta) && yearish(tb) && matches!(b.kind, Kind::Number(_)) && !han(after_b) {
            continue;
        }
        let unit = unit_of(&b.kind).or_else(|| unit_of(&a.kind));
        out.push(Cand {
            start: ordinal_prefix(t, start),
            end,
            kind: Kind::Range(RangeVal {
                min: Some(a_val),
                max: Some(b_val),
                min_inclusive: true,
                max_inclusive: false,
                unit,
            }),
            prio: 3,
        });
    }
    out
}

/// Verbs before "from X to Y" that make it a change of value rather than a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "rise",
    "rises",
    "risen",
    "raised",
    "raise",
    "raises",
    "increased",
    "increase",
    "increases",
    "grew",
    "grow",
    "grows",
    "jumped",
    "climbed",
    "fell",
    "fall",
    "falls",
    "fallen",
    "dropped",
    "declined",
    "decreased",
    "cut",
    "cuts",
    "lowered",
    "lifted",
    "reduced",
    "expanded",
    "shrank",
    "slipped",
    "surged",
    "soared",
    "plunged",
    "changed",
    "moved",
    "up",
    "down",
];

/// A dash between two bounds: hyphen-minus, hyphen, non-breaking hyphen, figure dash, en
/// dash, em dash, minus sign.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '–' | '—' | '\u{2212}'
    )
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}
