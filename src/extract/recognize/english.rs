//! English number words: "one hundred and six", "twenty-one trillion", "two thirds",
//! "five and a half million", "two hundred point zero three", "3 hundred and 21".

use super::numbers::{arabic, NumTok};
use super::text::Text;

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("nought", 0.0),
    ("naught", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("lakh", 1e5),
    ("crore", 1e7),
];

/// Ordinal words as (word, value): also the denominators of fractions.
pub(crate) const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
    ("eleventh", 11.0),
    ("twelfth", 12.0),
    ("thirteenth", 13.0),
    ("fourteenth", 14.0),
    ("fifteenth", 15.0),
    ("sixteenth", 16.0),
    ("seventeenth", 17.0),
    ("eighteenth", 18.0),
    ("nineteenth", 19.0),
    ("twentieth", 20.0),
    ("thirtieth", 30.0),
    ("fortieth", 40.0),
    ("fiftieth", 50.0),
    ("sixtieth", 60.0),
    ("seventieth", 70.0),
    ("eightieth", 80.0),
    ("ninetieth", 90.0),
    ("hundredth", 1e2),
    ("thousandth", 1e3),
    ("millionth", 1e6),
    ("billionth", 1e9),
    ("trillionth", 1e12),
];

/// A whole word from `list` at `i` (longest listed first wins by checking all).
fn lookup(t: &Text, i: usize, list: &[(&str, f64)]) -> Option<(usize, f64)> {
    // the whole word at `i`, compared once per entry (no per-entry decoding of the text)
    let w = t.word_at(i);
    if w.is_empty() || t.lat(i + w.len()).is_ascii_digit() {
        return None;
    }
    list.iter()
        .find(|(s, _)| s.len() == w.len() && s.chars().eq(w.iter().copied()))
        .map(|(_, v)| (i + w.len(), *v))
}

fn unit_word(t: &Text, i: usize) -> Option<(usize, f64)> {
    lookup(t, i, UNITS)
}

fn scale_word(t: &Text, i: usize) -> Option<(usize, f64)> {
    lookup(t, i, SCALES).or_else(|| {
        // plural scales: "hundreds", "millions"
        let w = t.word_at(i);
        if w.len() < 4 || w[w.len() - 1] != 's' || t.lat(i + w.len()).is_ascii_digit() {
            return None;
        }
        let stem = &w[..w.len() - 1];
        SCALES
            .iter()
            .find(|(s, _)| s.chars().eq(stem.iter().copied()))
            .map(|(_, v)| (i + w.len(), *v))
    })
}

/// A fraction denominator word: "third(s)", "half/halves", "quarter(s)", "fifths", and
/// compounds "twenty-first(s)". Returns (end, denominator).
fn denominator(t: &Text, i: usize) -> Option<(usize, f64)> {
    for (w, v) in [
        ("halves", 2.0),
        ("half", 2.0),
        ("quarters", 4.0),
        ("quarter", 4.0),
    ] {
        if let Some(e) = t.word(i, w) {
            return Some((e, v));
        }
    }
    // tens-unit compounds: twenty-first, twenty firsts
    if let Some((e, tens)) = unit_word(t, i) {
        if tens >= 20.0 && tens % 10.0 == 0.0 {
            let k = if t.at(e) == '-' { e + 1 } else { t.skip_sp(e) };
            if let Some((e2, o)) = ordinal_word(t, k) {
                if o < 10.0 {
                    return Some((e2, tens + o));
                }
            }
        }
    }
    ordinal_word(t, i)
}

/// An ordinal word, singular or plural ("fifth", "fifths").
fn ordinal_word(t: &Text, i: usize) -> Option<(usize, f64)> {
    let w = t.word_at(i);
    if w.is_empty() || t.lat(i + w.len()).is_ascii_digit() {
        return None;
    }
    let end = i + w.len();
    let stem = if w.len() > 3 && w[w.len() - 1] == 's' {
        &w[..w.len() - 1]
    } else {
        w
    };
    ORDINALS
        .iter()
        .find(|(s, _)| s.chars().eq(w.iter().copied()) || s.chars().eq(stem.iter().copied()))
        .map(|(_, v)| (end, *v))
}

/// A cardinal in words (Arabic integers allowed before a scale word). Returns
/// (end, value, step, words used).
fn cardinal(t: &Text, i: usize) -> Option<(usize, f64, f64, usize)> {
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut end = i;
    let mut j = i;
    let mut nwords = 0;
    let mut last: f64 = -1.0; // value of the last atom, -1 for a scale
    let mut step: f64 = 1.0;
    let mut after_and = false;
    let mut last_scale = f64::MAX;
    loop {
        // an atom
        if let Some((e, v)) = unit_word(t, j) {
            if last >= 0.0 {
                // fifty two / nineteen ninety six
                let combine = last >= 20.0 && last % 10.0 == 0.0 && v < 10.0 && v > 0.0;
                let year = (10.0..100.0).contains(&last) && last % 10.0 != 0.0
                    || last >= 10.0 && v >= 10.0;
                if combine {
                    cur += v;
                } else if year && !after_and && v >= 10.0 {
                    cur = cur * 100.0 + v;
                } else {
                    break;
                }
            } else {
                if after_and && v >= 1.0 && cur == 0.0 && total == 0.0 {
                    break;
                }
                cur += v;
            }
            last = v;
            step = 1.0;
            nwords += 1;
            end = e;
            j = e;
        } else if t.at(j).is_ascii_digit() && last < 0.0 {
            let (e, v, st, d) = arabic(t, j)?;
            // digits only before a scale word, or after "and" following a scale
            let k = t.skip_sp(e);
            let scale_next = scale_word(t, k).is_some();
            if !(scale_next || (after_and && d > 0 && nwords > 0)) {
                break;
            }
            if t.at(e).is_ascii_alphanumeric() {
                break;
            }
            cur += v;
            last = v;
            step = st;
            nwords += 1;
            end = e;
            j = e;
        } else if let Some((e, s)) = scale_word(t, j) {
            if nwords == 0 {
                // "a hundred", "hundred" alone
                return None;
            }
            if last < 0.0 && s <= 100.0 {
                break;
            }
            if last < 0.0 && cur == 0.0 && total > 0.0 && s > 1e3 {
                // "three lakh crore": a scale of a scale
                total *= s;
                step *= s;
                nwords += 1;
                end = e;
                j = e;
                let k = t.skip_sp(j);
                if k > j {
                    j = k;
                    continue;
                }
                break;
            }
            if cur == 0.0 {
                cur = 1.0;
            }
            if s == 100.0 {
                cur *= 100.0;
                step = 100.0;
            } else if s == 1e7 && total == 0.0 && cur >= 1e5 {
                // "three lakh crore"
                cur *= s;
                step = s;
            } else {
                total += cur * s;
                cur = 0.0;
                step = s;
            }
            last = -1.0;
            last_scale = s;
            nwords += 1;
            end = e;
            j = e;
        } else {
            break;
        }
        after_and = false;
        // what separates the next atom
        let k = t.skip_sp(j);
        if t.at(k) == '-' && unit_word(t, t.skip_sp(k + 1)).is_some() {
            j = t.skip_sp(k + 1);
            continue;
        }
        if let Some(e) = t.word(k, "and") {
            let k2 = t.skip_sp(e);
            if k2 > e && (unit_word(t, k2).is_some() || t.at(k2).is_ascii_digit()) && last < 0.0 {
                // "and" only after a scale: "one hundred and six"
                if denominator_follows(t, k2) {
                    break;
                }
                // "3 hundred and 2 hundred": a second figure, not a part of the first
                let atom_end = unit_word(t, k2)
                    .map(|x| x.0)
                    .or_else(|| arabic(t, k2).map(|x| x.0));
                if let Some(ae) = atom_end {
                    let k3 = t.skip_sp(ae);
                    if let Some((_, s2)) = scale_word(t, k3) {
                        if s2 == last_scale {
                            break;
                        }
                    }
                    let zero =
                        t.cs[k2..ae].iter().all(|c| *c == '0') || t.word(k2, "zero").is_some();
                    if zero {
                        break;
                    }
                }
                after_and = true;
                j = k2;
                continue;
            }
            break;
        }
        if k > j {
            j = k;
            continue;
        }
        break;
    }
    if nwords == 0 {
        return None;
    }
    Some((end, total + cur, step, nwords))
}

/// Does "<cardinal> <denominator>" start at `k` ("three fifths", "a half")?
fn denominator_follows(t: &Text, k: usize) -> bool {
    if let Some((e, _)) = unit_word(t, k).or_else(|| t.word(k, "a").map(|e| (e, 1.0))) {
        let mut e = e;
        if t.at(e) == '-' {
            if let Some((e2, _)) = unit_word(t, e + 1) {
                e = e2;
            }
        }
        let k2 = t.skip_sp(e);
        return denominator(t, k2).is_some() && t.word(k2, "second").is_none();
    }
    false
}

/// " dozen(s)" / " dzs" / " dozs" after a figure.
pub(crate) fn dozen_after(t: &Text, e: usize) -> Option<usize> {
    let k = t.skip_sp(e);
    for w in ["dozens", "dozen", "dozs", "dzs", "doz"] {
        if let Some(e2) = t.word(k, w) {
            return Some(e2);
        }
    }
    None
}

fn vulgar(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '⅙' => 1.0 / 6.0,
        _ => return None,
    })
}

/// "point zero three", "point seventy-one": the digits after a spoken decimal point.
fn point_digits(t: &Text, i: usize) -> Option<(usize, String)> {
    let mut j = i;
    let mut s = String::new();
    let mut end = i;
    loop {
        let k = if s.is_empty() { j } else { t.skip_sp(j) };
        if let Some((e, v)) = unit_word(t, k) {
            let mut v = v as u32;
            let mut e = e;
            if v >= 20 && v % 10 == 0 && t.at(e) == '-' {
                if let Some((e2, u)) = unit_word(t, e + 1) {
                    v += u as u32;
                    e = e2;
                }
            }
            s.push_str(&v.to_string());
            end = e;
            j = e;
            continue;
        }
        break;
    }
    (!s.is_empty()).then_some((end, s))
}

/// A figure in English words at `i`.
pub(crate) fn words(t: &Text, i: usize) -> Option<NumTok> {
    if let Some(v) = vulgar(t.at(i)) {
        return Some(mk(i, i + 1, v, 0.0));
    }
    // the first letters of number words (and of minus, negative, a, an, half, quarter)
    let c = t.lat(i);
    if c.is_ascii_alphabetic() && !"zntfseohmbalcq".contains(c) {
        return None;
    }
    let mut j = i;
    let mut sign = 1.0;
    for w in ["minus", "negative"] {
        if let Some(e) = t.word(j, w) {
            let k = t.skip_sp(e);
            if k > e {
                sign = -1.0;
                j = k;
                break;
            }
        }
    }
    let start_body = j;
    let mut arabic_only = false;
    // "a"/"an" as one before a scale, dozen or fraction; "half"/"quarter" + scale
    let mut value;
    let mut end;
    let mut step;
    let a_word = t.word(j, "a").or_else(|| t.word(j, "an"));
    if let Some(e) = a_word {
        let k = t.skip_sp(e);
        if k == e {
            return None;
        }
        if let Some((e2, s)) = scale_word(t, k) {
            value = s;
            end = e2;
            step = s;
            // "a hundred thousand trillionths"
            let mut k2 = t.skip_sp(end);
            while let Some((e3, s2)) = scale_word(t, k2) {
                value *= s2;
                end = e3;
                k2 = t.skip_sp(end);
            }
        } else if let Some(e2) = dozen_word(t, k) {
            return Some(mk(i, e2, 12.0 * sign, 12.0));
        } else if let Some((e2, d)) = denominator(t, k) {
            if t.word(k, "second").is_some() {
                return None;
            }
            return Some(mk(i, e2, sign / d, 0.0));
        } else {
            return None;
        }
    } else if let Some((e, v)) = t
        .word(j, "half")
        .map(|e| (e, 0.5))
        .or_else(|| t.word(j, "quarter").map(|e| (e, 0.25)))
    {
        let k = t.skip_sp(e);
        if let Some((e2, s)) = scale_word(t, k) {
            return Some(mk(i, e2, sign * v * s, s));
        }
        // "half a dozen"
        if let Some(e2) = t.word(k, "a") {
            if let Some(e3) = dozen_word(t, t.skip_sp(e2)) {
                return Some(mk(i, e3, sign * v * 12.0, 1.0));
            }
        }
        if v == 0.5 && start_body == i {
            return Some(mk(i, e, 0.5, 0.0));
        }
        return None;
    } else {
        match cardinal(t, j) {
            Some((e, v, st, _))
                if t.at(j).is_ascii_alphabetic()
                    || t.cs[j..e].iter().any(|c| c.is_ascii_alphabetic()) =>
            {
                value = v;
                end = e;
                step = st;
            }
            _ => {
                // an Arabic integer: kept only with "minus" or a spoken fraction ("1 over 3")
                let (e, v, st, d) = arabic(t, j)?;
                if d == 0 || t.at(e).is_ascii_alphanumeric() {
                    return None;
                }
                value = v;
                end = e;
                step = st;
                arabic_only = sign > 0.0;
            }
        }
    }
    // point: "two hundred point zero three"
    let k = t.skip_sp(end);
    if let Some(e) = t.word(k, "point") {
        if let Some((e2, digits)) = point_digits(t, t.skip_sp(e)) {
            let f: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
            value += f;
            step = 10f64.powi(-(digits.len() as i32));
            end = e2;
        }
    }
    // a fraction: "two thirds", "three quarters"; "one over three"
    let mut k = t.skip_sp(end);
    if t.at(k) == '-' && !arabic_only {
        let k2 = t.skip_sp(k + 1);
        if denominator(t, k2).is_some() {
            k = k2;
        }
    }
    if k > end {
        if let Some((e, d)) = denominator(t, k) {
            let plural = t.lat(e - 1) == 's';
            let half = t.word(k, "half").is_some() || t.word(k, "quarter").is_some();
            if t.word(k, "second").is_none()
                && d != 1.0
                && !arabic_only
                && (plural || half || value == 1.0)
            {
                value /= d;
                end = e;
                step = 0.0;
                // "two thirds of a million"
                let k2 = t.skip_sp(end);
                if let Some(e2) = t.word(k2, "of") {
                    let k3 = t.skip_sp(e2);
                    if let Some(e3) = t.word(k3, "a") {
                        if let Some((e4, s)) = scale_word(t, t.skip_sp(e3)) {
                            value *= s;
                            end = e4;
                        }
                    }
                }
            }
        } else if let Some((e, strict)) = t
            .word(k, "over")
            .map(|e| (e, false))
            .or_else(|| {
                t.word(k, "out")
                    .and_then(|e| t.word(t.skip_sp(e), "of"))
                    .map(|e| (e, true))
            })
            .or_else(|| t.word(k, "in").map(|e| (e, true)))
        {
            let k2 = t.skip_sp(e);
            let is_in = t.word(k, "in").is_some();
            let den_words = t.lat(k2).is_ascii_alphabetic();
            if let Some((e2, d, _, _)) = cardinal(t, k2).or_else(|| {
                arabic(t, k2).and_then(|(e, v, s, dd)| {
                    (dd > 0 && !t.at(e).is_ascii_alphanumeric()).then_some((e, v, s, 1))
                })
            }) {
                let ok = d != 0.0
                    && t.word(t.skip_sp(e2), "years").is_none()
                    && (!strict || value < d)
                    && (!is_in || den_words);
                if ok {
                    arabic_only = false;
                    value /= d;
                    end = e2;
                    step = 0.0;
                }
            }
        } else if let Some(e2) = dozen_word(t, k) {
            value *= 12.0;
            end = e2;
        }
    }
    // "and a half", "and three fifths", "and a half million"
    loop {
        let k = t.skip_sp(end);
        let Some(e) = t.word(k, "and") else { break };
        let k2 = t.skip_sp(e);
        let (num, k3) = if let Some(e2) = t.word(k2, "a").or_else(|| t.word(k2, "one")) {
            (1.0, t.skip_sp(e2))
        } else if let Some((e2, v, _, _)) = cardinal(t, k2) {
            (v, t.skip_sp(e2))
        } else {
            break;
        };
        let Some((e3, d)) = denominator(t, k3) else {
            // "twenty and three and three fifths"
            if let Some((e2, v, _, _)) = cardinal(t, k2) {
                let k4 = t.skip_sp(e2);
                if t.word(k4, "and").is_some() && v < 100.0 && value >= 10.0 {
                    value += v;
                    end = e2;
                    continue;
                }
            }
            break;
        };
        if t.word(k3, "second").is_some() {
            break;
        }
        let f = num / d;
        let k4 = t.skip_sp(e3);
        if let Some((e4, s)) = scale_word(t, k4) {
            // "five and a half million", "one billion and three quarters million"
            if value >= s {
                value += f * s;
            } else {
                value = (value + f) * s;
            }
            end = e4;
        } else {
            // "one million and a half": the fraction of the last scale
            let scale = [1e12, 1e9, 1e6, 1e3]
                .into_iter()
                .find(|s| value >= *s && value % s == 0.0)
                .filter(|_| value >= 1e6)
                .unwrap_or(1.0);
            value += f * scale;
            end = e3;
        }
        step = 0.0;
        break;
    }
    if arabic_only {
        return None;
    }
    if sign < 0.0 {
        value = -value;
    }
    let mut tok = mk(i, end, value, step);
    tok.words = true;
    Some(tok)
}

fn dozen_word(t: &Text, k: usize) -> Option<usize> {
    t.word(k, "dozen")
        .or_else(|| t.word(k, "dozens"))
        .or_else(|| t.word(k, "dozs"))
        .or_else(|| t.word(k, "dzs"))
}

fn mk(s: usize, e: usize, v: f64, step: f64) -> NumTok {
    let mut tok = NumTok {
        start: s,
        end: e,
        value: v,
        step: if step == 0.0 { v.abs() * 1e-3 } else { step },
        hedge: super::Hedge::Exact,
        kind: super::numbers::NumKind::Plain,
        int_digits: 0,
        chinese: false,
        words: true,
    };
    if tok.step == 0.0 {
        tok.step = 1.0;
    }
    tok
}

/// A vague amount in plural scale words at `i`: "hundreds", "thousands of", "tens of
/// thousands of", "hundreds of millions of", "billions". The value is the product of the
/// scales, hedged [`Hedge::Vague`](super::Hedge::Vague) (at least it, below ten times it);
/// a trailing "of" before a word belongs to the figure, so the counted noun or currency
/// follows it ("hundreds of sources", "billions of dollars").
pub(crate) fn vague(t: &Text, i: usize) -> Option<NumTok> {
    if !matches!(t.lat(i), 't' | 'h' | 'm' | 'b') {
        return None;
    }
    const PLURALS: &[(&str, f64)] = &[
        ("tens", 1e1),
        ("hundreds", 1e2),
        ("thousands", 1e3),
        ("millions", 1e6),
        ("billions", 1e9),
        ("trillions", 1e12),
    ];
    let plural = |k: usize| {
        PLURALS
            .iter()
            .find_map(|(w, v)| t.word(k, w).map(|e| (e, *v)))
    };
    let (mut end, mut value) = plural(i)?;
    let mut scales = 1;
    loop {
        let k = t.skip_sp(end);
        let Some(e) = t.word(k, "of") else { break };
        let k2 = t.skip_sp(e);
        if k2 == e {
            break;
        }
        match plural(k2) {
            Some((e2, v)) if v > 10.0 => {
                value *= v;
                end = e2;
                scales += 1;
            }
            Some(_) => break,
            None => {
                // "hundreds of sources": the "of" joins the figure to its noun
                if t.lat(k2).is_ascii_alphabetic() {
                    end = e;
                }
                break;
            }
        }
    }
    // "tens" alone is no amount ("tens of" must scale something)
    if scales == 1 && value == 1e1 {
        return None;
    }
    let mut tok = NumTok::new(i, end, value, value);
    tok.hedge = super::Hedge::Vague;
    tok.words = true;
    Some(tok)
}
