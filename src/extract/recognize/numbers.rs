//! The number layer: every figure in the text, Arabic ("1,234.5", "2.5亿", "4B", "3.5k"),
//! Chinese ("三千二百万", "两亿", "十 余 万"), mixed ("5万4千6百"), fractions ("三分之一",
//! "3/4"), and English words ("one hundred and six", "two thirds").
//!
//! A hedge written inside the figure ("五万余", "十几万", "500多亿") is kept on the token.

use super::english;
use super::text::{is_sp, Text};
use super::Hedge;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumKind {
    Plain,
    /// "百分之", "千分之", "万分之" …: a percent marker with this denominator; the figure
    /// that follows is a separate token.
    PercentOf(f64),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumTok {
    /// Character indices `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub step: f64,
    pub hedge: Hedge,
    pub kind: NumKind,
    /// Number of integer digits when written as a bare Arabic integer ("2025" → 4), else 0.
    pub int_digits: u8,
    /// Written with Chinese numerals only.
    pub chinese: bool,
    /// Written in English words.
    pub words: bool,
}

impl NumTok {
    pub(crate) fn new(start: usize, end: usize, value: f64, step: f64) -> NumTok {
        NumTok {
            start,
            end,
            value,
            step,
            hedge: Hedge::Exact,
            kind: NumKind::Plain,
            int_digits: 0,
            chinese: false,
            words: false,
        }
    }
}

pub(crate) fn cn_digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' | '○' => 0.0,
        '一' | '壹' | '幺' => 1.0,
        '二' | '贰' | '貳' | '两' | '兩' | '俩' | '倆' => 2.0,
        '三' | '叁' | '參' => 3.0,
        '四' | '肆' => 4.0,
        '五' | '伍' => 5.0,
        '六' | '陆' | '陸' => 6.0,
        '七' | '柒' => 7.0,
        '八' | '捌' => 8.0,
        '九' | '玖' => 9.0,
        _ => return None,
    })
}

pub(crate) fn cn_small(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        _ => return None,
    })
}

pub(crate) fn cn_big(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

fn is_point(c: char) -> bool {
    c == '点' || c == '點'
}

fn is_inner_hedge(c: char) -> bool {
    matches!(c, '余' | '餘' | '多' | '几' | '幾')
}

fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_small(c).is_some() || cn_big(c).is_some()
}

/// A bare Arabic literal at `i` (no sign): digits with thousands separators, a decimal
/// part, an exponent. Returns (end, value, step, integer digits or 0).
pub(crate) fn arabic(t: &Text, i: usize) -> Option<(usize, f64, f64, u8)> {
    let n = t.len();
    let dig = |k: usize| k < n && t.cs[k].is_ascii_digit();
    let run = |mut k: usize| {
        let s = k;
        while dig(k) {
            k += 1;
        }
        (s, k)
    };
    let mut int = String::new();
    let mut j;
    let mut frac = String::new();
    if dig(i) {
        let (s, e) = run(i);
        int.push_str(&t.cs[s..e].iter().collect::<String>());
        j = e;
        // thousands separators: commas (standard or Indian grouping) or single spaces
        let first_len = e - s;
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut k = j;
        while t.at(k) == ',' && dig(k + 1) {
            let (gs, ge) = run(k + 1);
            groups.push((gs, ge));
            k = ge;
        }
        let lens: Vec<usize> = groups.iter().map(|(a, b)| b - a).collect();
        let standard = !lens.is_empty() && lens.iter().all(|&l| l == 3) && first_len <= 3;
        let indian = lens.len() >= 2
            && lens[..lens.len() - 1].iter().all(|&l| l == 2)
            && lens[lens.len() - 1] == 3
            && first_len <= 2;
        if standard || indian {
            for (a, b) in &groups {
                int.extend(t.cs[*a..*b].iter());
            }
            j = k;
        } else if lens.len() == 1
            && lens[0] <= 2
            && !(i >= 2 && t.at(i - 1) == ',' && t.at(i - 2).is_ascii_digit())
            && !(t.at(k) == ',' || t.at(k) == '.' && dig(k + 1))
        {
            // a decimal comma: "1,3", "5,00"
            let (a, b) = groups[0];
            frac.extend(t.cs[a..b].iter());
            j = k;
            let v: f64 = format!("{int}.{frac}").parse().ok()?;
            let step = 10f64.powi(-(frac.len() as i32));
            return Some((j, v, step, 0));
        } else if groups.is_empty() && first_len <= 3 {
            // European "1.111,11" or space grouping "1 234 567"
            let mut k = j;
            let mut eu = String::new();
            while t.at(k) == '.' && dig(k + 1) {
                let (gs, ge) = run(k + 1);
                if ge - gs != 3 {
                    break;
                }
                eu.extend(t.cs[gs..ge].iter());
                k = ge;
            }
            if !eu.is_empty() && t.at(k) == ',' && dig(k + 1) {
                let (gs, ge) = run(k + 1);
                let s: String = t.cs[gs..ge].iter().collect();
                let v: f64 = format!("{int}{eu}.{s}").parse().ok()?;
                return Some((ge, v, 10f64.powi(-((ge - gs) as i32)), 0));
            }
            let mut k = j;
            let mut sp = String::new();
            while k < n && is_sp(t.cs[k]) && dig(k + 1) {
                let (gs, ge) = run(k + 1);
                if ge - gs != 3 {
                    break;
                }
                sp.extend(t.cs[gs..ge].iter());
                k = ge;
            }
            if !(sp.is_empty() || t.at(k) == '/' || t.at(k) == ':') {
                int.push_str(&sp);
                j = k;
            }
        }
    } else {
        j = i;
        if t.at(i) != '.' || !dig(i + 1) {
            return None;
        }
        if i > 0 && (t.at(i - 1) == '.' || t.at(i - 1).is_ascii_digit()) {
            return None;
        }
        int.push('0');
    }
    // decimal part, unless this is a dotted sequence (192.168.1.2)
    let in_chain = i >= 2 && t.at(i - 1) == '.' && t.at(i - 2).is_ascii_digit();
    if t.at(j) == '.' && dig(j + 1) && !in_chain {
        let (s, e) = run(j + 1);
        if !(t.at(e) == '.' && dig(e + 1)) {
            frac.extend(t.cs[s..e].iter());
            j = e;
        }
    }
    let digits_int = if frac.is_empty() { int.len() } else { 0 };
    let mut v: f64 = if frac.is_empty() {
        int.parse().ok()?
    } else {
        format!("{int}.{frac}").parse().ok()?
    };
    let mut step = if frac.is_empty() {
        1.0
    } else {
        10f64.powi(-(frac.len() as i32))
    };
    let mut int_digits = digits_int.min(255) as u8;
    // exponent: 2e5, 12.32e+14, 2.7890e-1
    if (t.at(j) == 'e' || t.at(j) == 'E') && !t.at(j.saturating_sub(1)).is_alphabetic() {
        let mut k = j + 1;
        let mut neg = false;
        if t.at(k) == '+' || t.at(k) == '-' {
            neg = t.at(k) == '-';
            k += 1;
        }
        if dig(k) {
            let (s, e) = run(k);
            if !t.at(e).is_ascii_alphabetic() {
                let ex: i32 = t.cs[s..e].iter().collect::<String>().parse().ok()?;
                let ex = if neg { -ex } else { ex };
                v *= 10f64.powi(ex);
                step *= 10f64.powi(ex);
                j = e;
                int_digits = 0;
            }
        }
    }
    // power: 2^5, 2^-1, 1.1^+23, 1.1^--23; 1.3x10^6
    if t.at(j) == 'x' && t.at(j + 1) == '1' && t.at(j + 2) == '0' && t.at(j + 3) == '^' {
        if let Some((e, p)) = power_exp(t, j + 4) {
            v *= 10f64.powf(p);
            step = v.abs() * 1e-3;
            j = e;
            int_digits = 0;
        }
    } else if t.at(j) == '^' {
        if let Some((e, p)) = power_exp(t, j + 1) {
            v = v.powf(p);
            step = v.abs() * 1e-3;
            j = e;
            int_digits = 0;
        }
    }
    Some((j, v, step, int_digits))
}

fn power_exp(t: &Text, mut k: usize) -> Option<(usize, f64)> {
    let mut neg = false;
    while t.at(k) == '+' || t.at(k) == '-' {
        if t.at(k) == '-' {
            neg = !neg;
        }
        k += 1;
    }
    // "--23" reads as a positive exponent in the specs' convention
    if t.at(k - 1) == '-' && t.at(k.saturating_sub(2)) == '-' {
        neg = false;
    }
    let s = k;
    while t.at(k).is_ascii_digit() {
        k += 1;
    }
    if k == s {
        return None;
    }
    let p: f64 = t.cs[s..k].iter().collect::<String>().parse().ok()?;
    Some((k, if neg { -p } else { p }))
}

/// A letter scale after an Arabic literal: "k", "M", "bn", " million", " lakh".
pub(crate) fn letter_scale(t: &Text, j: usize) -> Option<(usize, f64)> {
    let k = t.skip_sp(j);
    // words (need a boundary)
    const WORDS: &[(&str, f64)] = &[
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("hundred", 1e2),
        ("lakh", 1e5),
        ("crore", 1e7),
        ("bln", 1e9),
        ("tln", 1e12),
        ("mln", 1e6),
        ("mil", 1e6),
        ("bn", 1e9),
        ("mn", 1e6),
        ("tn", 1e12),
        ("trn", 1e12),
        ("mm", 1e6),
        ("k", 1e3),
        ("b", 1e9),
    ];
    for (w, s) in WORDS {
        if let Some(e) = t.word(k, w) {
            // "mm" only in upper case (1MM), a lone "b" only right after the figure
            if *w == "mm" && t.at(k) != 'M' {
                continue;
            }
            if *w == "b" && k != j {
                continue;
            }
            return Some((e, *s));
        }
    }
    // upper-case single letters: M, G, T, B
    let c = t.at(k);
    if matches!(c, 'M' | 'G' | 'T' | 'B')
        && !t.at(k + 1).is_ascii_alphanumeric()
        && t.at(k + 1) != '%'
    {
        let s = match c {
            'M' => 1e6,
            'G' => 1e9,
            'T' => 1e12,
            _ => 1e9,
        };
        return Some((k + 1, s));
    }
    None
}

/// The parser state of a Chinese / mixed figure.
struct Acc {
    total: f64,
    section: f64,
    /// (value, step, a single Chinese digit right after a unit: "一万三")
    pending: Option<(f64, f64, bool)>,
    step: f64,
    last_small: f64,
    last_unit: f64,
    /// The previous token was 零.
    after_zero: bool,
    /// The previous token was a unit.
    after_unit: bool,
    max_big: f64,
    any: bool,
    hedge: Hedge,
}

impl Acc {
    fn new() -> Acc {
        Acc {
            total: 0.0,
            section: 0.0,
            pending: None,
            step: 1.0,
            last_small: 0.0,
            last_unit: 0.0,
            after_zero: false,
            after_unit: false,
            max_big: 0.0,
            any: false,
            hedge: Hedge::Exact,
        }
    }

    /// Close the figure: a trailing single digit after a unit abbreviates ("一万三" = 13000).
    fn finish(&mut self) -> f64 {
        if let Some((v, st, single)) = self.pending.take() {
            if single && self.last_unit >= 100.0 {
                self.section += v * self.last_unit / 10.0;
                self.step = self.last_unit / 10.0;
            } else {
                self.section += v;
                self.step = st;
            }
        }
        self.total + self.section
    }
}

/// A Chinese or mixed figure at `i`.
fn chinese(t: &Text, i: usize) -> Option<NumTok> {
    let n = t.len();
    let mut j = i;
    let mut neg = false;
    if matches!(t.at(j), '负' | '負') {
        neg = true;
        j += 1;
    }
    let start_body = j;
    let mut acc = Acc::new();
    let mut end = j;
    let mut only_cn = true;
    let mut int_digits = 0u8;
    let mut seen_unit = false;
    // a run of bare digits: 二零零四, 五五
    {
        let mut k = j;
        while k < n && cn_digit(t.cs[k]).is_some() {
            k += 1;
        }
        if k - j >= 2
            && !(cn_small(t.at(k)).is_some() || cn_big(t.at(k)).is_some() || is_point(t.at(k)))
        {
            let mut v = 0.0;
            for c in &t.cs[j..k] {
                v = v * 10.0 + cn_digit(*c).unwrap_or(0.0);
            }
            let mut tok = NumTok::new(i, k, if neg { -v } else { v }, 1.0);
            tok.chinese = true;
            tok.int_digits = (k - j) as u8;
            return Some(tok);
        }
    }
    loop {
        // spaces are allowed between the parts of a figure when a numeral follows
        let k = if acc.any {
            let k = t.skip_sp(j);
            let c = t.at(k);
            if k > j
                && !(is_cn_numeral(c)
                    || is_point(c)
                    || (is_inner_hedge(c) && acc.after_unit)
                    || (c.is_ascii_digit() && acc.after_unit))
            {
                break;
            }
            k
        } else {
            j
        };
        let c = t.at(k);
        if let Some(d) = cn_digit(c) {
            if d == 0.0 {
                if acc.pending.is_some() {
                    break;
                }
                if !acc.any && is_point(t.at(t.skip_sp(k + 1))) {
                    // 零点五
                    acc.pending = Some((0.0, 1.0, false));
                    acc.any = true;
                    j = k + 1;
                    end = j;
                    continue;
                }
                acc.after_zero = true;
                acc.after_unit = false;
                acc.any = true;
                j = k + 1;
                // a 零 that ends the figure is not part of it, unless the figure is only 零
                continue;
            }
            if acc.pending.is_some() {
                break;
            }
            acc.pending = Some((d, 1.0, acc.after_unit));
            acc.after_zero = false;
            acc.after_unit = false;
            acc.any = true;
            j = k + 1;
            end = j;
            continue;
        }
        if c.is_ascii_digit() {
            if acc.pending.is_some() {
                break;
            }
            let (e, v, st, d) = arabic(t, k)?;
            // an Arabic literal joins Chinese units only
            only_cn = false;
            int_digits = d;
            acc.pending = Some((v, st, false));
            acc.after_zero = false;
            acc.after_unit = false;
            acc.any = true;
            j = e;
            end = j;
            continue;
        }
        if c == '半' && acc.pending.is_none() && !acc.any {
            let k2 = t.skip_sp(k + 1);
            if cn_small(t.at(k2)).is_some() || cn_big(t.at(k2)).is_some() {
                acc.pending = Some((0.5, 1.0, false));
                acc.any = true;
                j = k + 1;
                continue;
            }
            break;
        }
        if let Some(u) = cn_small(c) {
            let have = acc.pending.is_some();
            if !have {
                // 十 at the start, after 零, or after a big unit: an implicit 一
                let ok = !acc.any || acc.after_zero || (acc.after_unit && acc.last_unit >= 1e4);
                if !ok || (u != 10.0 && acc.any && !acc.after_zero && acc.after_unit) {
                    break;
                }
            }
            if acc.last_small > 0.0 && u >= acc.last_small && acc.section > 0.0 {
                break;
            }
            let (v, st, _) = acc.pending.take().unwrap_or((1.0, 1.0, true));
            acc.section += v * u;
            acc.step = st * u;
            acc.last_small = u;
            acc.last_unit = u;
            acc.after_unit = true;
            acc.after_zero = false;
            acc.any = true;
            seen_unit = true;
            j = k + 1;
            end = j;
            continue;
        }
        if let Some(u) = cn_big(c) {
            if !acc.any {
                break;
            }
            let sec = acc.section + acc.pending.map(|p| p.0).unwrap_or(0.0);
            if let Some((_, st, _)) = acc.pending.take() {
                acc.step = st;
            }
            if sec == 0.0 {
                if acc.total == 0.0 {
                    break;
                }
                acc.total *= u;
            } else if u > acc.max_big {
                acc.total = (acc.total + sec) * u;
            } else {
                acc.total += sec * u;
            }
            acc.step *= u;
            acc.section = 0.0;
            acc.last_small = 0.0;
            acc.last_unit = u;
            acc.max_big = acc.max_big.max(u);
            acc.after_unit = true;
            acc.after_zero = false;
            seen_unit = true;
            j = k + 1;
            end = j;
            continue;
        }
        if is_inner_hedge(c) && acc.any {
            // 十余万, 五百多, 二十几万, 500多亿
            let nx = t.at(t.skip_sp(k + 1));
            let trailing_ok = acc.after_unit
                || (acc.after_zero && (cn_big(nx).is_some() || cn_small(nx).is_some()))
                || acc
                    .pending
                    .map(|(v, _, single)| !single && v.fract() == 0.0 && v >= 10.0)
                    .unwrap_or(false);
            if !trailing_ok {
                break;
            }
            acc.hedge = Hedge::MoreThan;
            j = k + 1;
            end = j;
            continue;
        }
        break;
    }
    if !acc.any {
        return None;
    }
    // a lone 零 run: "零" alone is zero
    if acc.pending.is_none() && acc.total == 0.0 && acc.section == 0.0 {
        if acc.after_zero && t.at(start_body) == '零' || t.at(start_body) == '〇' {
            let mut tok = NumTok::new(i, start_body + 1, 0.0, 1.0);
            tok.chinese = true;
            return Some(tok);
        }
        return None;
    }
    let mut v = acc.finish();
    let mut step = acc.step;
    // decimal part: 点五, 点 五五
    let k = t.skip_sp(end);
    if is_point(t.at(k)) && acc.hedge == Hedge::Exact {
        let mut m = t.skip_sp(k + 1);
        let mut frac = String::new();
        while m < n {
            if let Some(d) =
                cn_digit(t.cs[m]).filter(|_| !matches!(t.cs[m], '两' | '兩' | '俩' | '倆'))
            {
                frac.push(char::from(b'0' + d as u8));
                m += 1;
            } else if is_sp(t.cs[m]) && cn_digit(t.at(t.skip_sp(m))).is_some() {
                m = t.skip_sp(m);
            } else {
                break;
            }
        }
        if !frac.is_empty() {
            let f: f64 = format!("0.{frac}").parse().unwrap_or(0.0);
            v += f;
            step = 10f64.powi(-(frac.len() as i32));
            end = m;
            // 二点五亿
            if let Some(u) = cn_big(t.at(end)) {
                if acc.max_big == 0.0 {
                    v *= u;
                    step *= u;
                    end += 1;
                }
            }
            seen_unit = true;
        }
    }
    // 打 (dozen) after a figure: 一打, 五十打
    if t.at(end) == '打' && only_cn && acc.hedge == Hedge::Exact {
        v *= 12.0;
        step *= 12.0;
        end += 1;
    }
    if neg {
        v = -v;
    }
    let mut tok = NumTok::new(i, end, v, step);
    tok.hedge = acc.hedge;
    tok.chinese = only_cn;
    if !only_cn && !seen_unit {
        tok.int_digits = int_digits;
    }
    Some(tok)
}

/// An Arabic figure with sign, letter scale and mixed fraction, at `i`.
fn arabic_full(t: &Text, i: usize) -> Option<NumTok> {
    let mut j = i;
    let mut neg = false;
    let prev = if i > 0 { t.at(i - 1) } else { ' ' };
    if t.at(j) == '-' || t.at(j) == '−' {
        if prev.is_ascii_alphanumeric() || matches!(prev, '-' | '.' | '%' | ')') {
            return None;
        }
        let k = t.skip_sp(j + 1);
        if !(t.at(k).is_ascii_digit() || (t.at(k) == '.' && t.at(k + 1).is_ascii_digit())) {
            return None;
        }
        neg = true;
        j = k;
    }
    let (mut e, mut v, mut step, mut digits) = arabic(t, j)?;
    if neg && t.at(e) == '-' && j == i + 1 {
        return None;
    }
    // a fraction a/b or a mixed number "1 3/5"
    let frac_at = |k: usize| -> Option<(usize, f64)> {
        if t.at(k).is_ascii_digit() {
            let (e1, a, _, da) = arabic(t, k)?;
            if da > 0 && t.at(e1) == '/' && t.at(e1 + 1).is_ascii_digit() {
                let (e2, b, _, db) = arabic(t, e1 + 1)?;
                if db > 0 && b != 0.0 && t.at(e2) != '/' && !t.at(e2).is_ascii_alphanumeric() {
                    return Some((e2, a / b));
                }
            }
        }
        None
    };
    let before_slash = i > 0 && (t.at(i - 1) == '/' || t.at(i - 1) == '-' && !neg);
    if digits > 0 && !before_slash {
        if let Some((e2, f)) = frac_at(j) {
            v = f;
            e = e2;
            step = 0.0;
            digits = 0;
        } else {
            let k = t.skip_sp(e);
            if k > e && k == e + t.cs[e..k].len() && k - e <= 2 {
                if let Some((e2, f)) = frac_at(k) {
                    v += f;
                    e = e2;
                    step = 0.0;
                    digits = 0;
                }
            }
        }
    }
    if digits > 0 || step > 0.0 {
        if let Some((e2, s)) = letter_scale(t, e) {
            v *= s;
            step *= s;
            e = e2;
            digits = 0;
        } else if let Some(e2) = english::dozen_after(t, e) {
            v *= 12.0;
            step *= 12.0;
            e = e2;
            digits = 0;
        }
    }
    if neg {
        v = -v;
    }
    let mut tok = NumTok::new(i, e, v, if step == 0.0 { v.abs() * 1e-3 } else { step });
    tok.int_digits = digits;
    Some(tok)
}

/// "X分之Y" fractions (and "X又Y分之Z", "百分之Y" markers) starting at `i`.
fn chinese_fraction(t: &Text, i: usize, first: &NumTok) -> Option<NumTok> {
    // denominator is `first`; expect 分之
    let k = t.skip_sp(first.end);
    if t.at(k) != '分' {
        return None;
    }
    let k = t.skip_sp(k + 1);
    if t.at(k) != '之' {
        return None;
    }
    let k = t.skip_sp(k + 1);
    let num = number_at(t, k, false)?;
    if first.value == 0.0 {
        return None;
    }
    let v = num.value / first.value;
    let mut tok = NumTok::new(i, num.end, v, v.abs() * 1e-3);
    tok.chinese = first.chinese && num.chinese;
    Some(tok)
}

/// Is the figure at `i` a bare power of ten written without a digit (百, 千, 万, 百万)?
fn bare_scale(t: &Text, i: usize) -> Option<(usize, f64)> {
    let mut j = i;
    let mut v = 1.0;
    while let Some(u) = cn_small(t.at(j)).or_else(|| cn_big(t.at(j))) {
        v *= u;
        j += 1;
    }
    if j == i {
        return None;
    }
    let k = t.skip_sp(j);
    if t.at(k) == '分' && t.at(t.skip_sp(k + 1)) == '之' {
        return Some((t.skip_sp(k + 1) + 1, v));
    }
    // "百 分之", "百  分 之"
    None
}

/// One figure at `i` (any script), without the composite layer.
pub(crate) fn number_at(t: &Text, i: usize, allow_fraction: bool) -> Option<NumTok> {
    let c = t.at(i);
    let mut tok = if c.is_ascii_digit() || c == '-' || c == '−' || c == '.' {
        let mut a = arabic_full(t, i)?;
        if t.lat(t.skip_sp(a.end)).is_ascii_alphabetic()
            || t.lat(t.skip_sp(i + 1)).is_ascii_alphabetic()
        {
            if let Some(w) = english::words(t, i) {
                if w.end > a.end {
                    a = w;
                }
            }
        }
        // Arabic followed by Chinese units: 5万, 2.3亿, 1,100万, 5万4千6百
        let k = t.skip_sp(a.end);
        let joins = a.int_digits > 0 || a.step < 1.0 && a.step > 0.0;
        if joins
            && (cn_big(t.at(k)).is_some()
                || (cn_small(t.at(k)).is_some() && a.int_digits > 0 && a.int_digits <= 2)
                || (is_inner_hedge(t.at(k))
                    && a.int_digits > 0
                    && a.value >= 10.0
                    && (cn_big(t.at(k + 1)).is_some()
                        || cn_small(t.at(k + 1)).is_some()
                        || matches!(t.at(k), '多' | '余'))))
        {
            let neg = a.value < 0.0;
            let body = if neg { t.skip_sp(i + 1) } else { i };
            match chinese(t, body) {
                Some(mut m) if m.end > a.end => {
                    m.start = i;
                    if neg {
                        m.value = -m.value;
                    }
                    m
                }
                _ => a,
            }
        } else {
            a
        }
    } else if cn_digit(c).is_some() || cn_small(c).is_some() || matches!(c, '负' | '負' | '半') {
        chinese(t, i)?
    } else if c.is_ascii_alphabetic()
        || c == '½'
        || c == '¼'
        || c == '¾'
        || c == '⅓'
        || c == '⅔'
        || c == '⅙'
    {
        if i > 0 && t.at(i - 1).is_ascii_alphabetic() {
            return None;
        }
        english::words(t, i)?
    } else {
        return None;
    };
    if allow_fraction {
        if let Some(f) = chinese_fraction(t, i, &tok) {
            tok = f;
        }
        // X又Y分之Z
        let k = t.skip_sp(tok.end);
        if t.at(k) == '又' {
            let k2 = t.skip_sp(k + 1);
            if let Some(d) = number_at(t, k2, false) {
                if let Some(f) = chinese_fraction(t, k2, &d) {
                    let v = if tok.value < 0.0 {
                        tok.value - f.value
                    } else {
                        tok.value + f.value
                    };
                    let mut m = NumTok::new(i, f.end, v, v.abs() * 1e-3);
                    m.chinese = tok.chinese;
                    tok = m;
                }
            }
        }
    }
    Some(tok)
}

/// Drop the binary noise of decimal arithmetic: 333.79 × 1e8 is 33379000000, not
/// 33379000000.000004 (12 significant digits are kept).
pub(crate) fn clean(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() || (v.fract() == 0.0 && v.abs() < 1e15) {
        return v;
    }
    format!("{v:.11e}").parse().unwrap_or(v)
}

/// All figures in the text, left to right, longest first, non-overlapping.
pub(crate) fn scan(t: &Text) -> Vec<NumTok> {
    let mut out = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.cs[i];
        // 百分之 / 千分之 / 万分之 markers
        if cn_small(c).is_some() || cn_big(c).is_some() {
            let prev_digit =
                i > 0 && (cn_digit(t.cs[i - 1]).is_some() || t.cs[i - 1].is_ascii_digit());
            if !prev_digit {
                if let Some((e, d)) = bare_scale(t, i) {
                    let mut tok = NumTok::new(i, e, 0.0, 1.0);
                    tok.kind = NumKind::PercentOf(d);
                    out.push(tok);
                    i = e;
                    continue;
                }
            }
        }
        // vague counts: 上百 (a hundred or more), 数百, 几千, 数十万 (several …)
        if matches!(c, '上' | '数' | '几' | '數' | '幾')
            && (cn_small(t.at(i + 1)).is_some() || cn_big(t.at(i + 1)).is_some())
        {
            let mut j = i + 1;
            let mut v = 1.0;
            while let Some(u) = cn_small(t.at(j)).or_else(|| cn_big(t.at(j))) {
                v *= u;
                j += 1;
            }
            // a measure word must follow: 上百个, 数十款, 数百亿美元 — not 上百度
            let after = t.at(if matches!(t.at(j), '余' | '多') {
                j + 1
            } else {
                j
            });
            let han = ('\u{4e00}'..='\u{9fff}').contains(&after);
            // or a currency: 数十亿美元, 几千港元
            // (数 and 几 before a scale always make an amount; 上 can start a word)
            if han
                && c == '上'
                && !super::compose::COUNTED.contains(after)
                && super::compose::currency_after(t, j).is_none()
            {
                i += 1;
                continue;
            }
            let mut tok = NumTok::new(i, j, v, v);
            tok.hedge = Hedge::Vague;
            tok.chinese = true;
            if matches!(t.at(j), '余' | '多') {
                tok.end = j + 1;
            }
            out.push(tok);
            i = tok.end;
            continue;
        }
        // 一半 (half)
        if c == '一'
            && t.at(i + 1) == '半'
            && !matches!(t.at(i + 2), '年' | '月' | '天' | '个' | '小' | '周')
        {
            let mut tok = NumTok::new(i, i + 2, 0.5, 0.5);
            tok.chinese = true;
            out.push(tok);
            i += 2;
            continue;
        }
        // a letter continues a word: English figures start only at word starts
        if c.is_ascii_alphabetic() && i > 0 && t.cs[i - 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        // vague English amounts: "hundreds of", "tens of thousands of", "billions"
        if c.is_ascii_alphabetic() {
            if let Some(tok) = english::vague(t, i) {
                out.push(tok);
                i = tok.end;
                continue;
            }
        }
        if let Some(mut tok) = number_at(t, i, true) {
            if tok.end > i {
                i = tok.end;
                tok.value = clean(tok.value);
                out.push(tok);
                continue;
            }
        }
        i += 1;
    }
    out
}
