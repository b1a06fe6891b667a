//! Dates and spans of time, Chinese and English: absolute ("2025年2月6日", "2025-09-30",
//! "August 21, 2025"), partial ("2月6日", "9月底", "Feb 2025"), relative to a reference
//! ("今年6月", "上月底", "last month", "yesterday", "5天前", "in two weeks") and durations
//! ("7个多月后", "半年多后", "两年前", "2020年至今").

use super::compose::{cn_word, Cand};
use super::english::ORDINALS;
use super::numbers::{cn_digit, NumTok};
use super::text::Text;
use super::{DateVal, Duration, Hedge, Kind, Num, Part, TimeUnit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

fn date(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> DateVal {
    DateVal {
        year,
        month,
        day,
        part: None,
        relative: false,
        inferred: false,
        since: false,
        quarter: None,
        half: None,
    }
}

/// A quarter or a half of the year written at `k` (after a year or alone): 第四季度, 一季度,
/// 四季度, 第1季, 首季, Q4, 上半年, 下半年. Returns (end, quarter, half).
fn cn_period(t: &Text, k: usize) -> Option<(usize, Option<u32>, Option<u32>)> {
    let k = if t.at(k) == '的' { k + 1 } else { k };
    if let Some(e) = t.starts(k, "上半年") {
        return Some((e, None, Some(1)));
    }
    if let Some(e) = t.starts(k, "下半年") {
        return Some((e, None, Some(2)));
    }
    if let Some(e) = t.starts(k, "首季") {
        return Some((if t.at(e) == '度' { e + 1 } else { e }, Some(1), None));
    }
    if matches!(t.at(k), 'Q' | 'q')
        && ('1'..='4').contains(&t.at(k + 1))
        && !t.at(k + 2).is_ascii_alphanumeric()
    {
        return Some((k + 2, t.at(k + 1).to_digit(10), None));
    }
    let j = if t.at(k) == '第' { k + 1 } else { k };
    let q = match t.at(j) {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return None,
    };
    let e = t.starts(j + 1, "季度").or_else(|| t.starts(j + 1, "季"))?;
    Some((e, Some(q), None))
}

/// The year that puts a quarter or half nearest the reference.
fn infer_period_year(mut d: DateVal, r: Option<NaiveDate>) -> DateVal {
    let Some(r) = r else { return d };
    let mid_month = match (d.quarter, d.half) {
        (Some(q), _) => 3 * q - 1,
        (None, Some(h)) => 6 * h - 3,
        _ => return d,
    };
    let best = [r.year() - 1, r.year(), r.year() + 1]
        .into_iter()
        .filter_map(|y| {
            NaiveDate::from_ymd_opt(y, mid_month, 15).map(|x| (y, (x - r).num_days().abs()))
        })
        .min_by_key(|&(y, dist)| (dist, (y != r.year()) as i32));
    if let Some((y, _)) = best {
        d.year = Some(y);
        d.relative = true;
        d.inferred = true;
    }
    d
}

fn valid_md(m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// Fill a missing year from the reference (marked relative and inferred).
fn infer_year(mut d: DateVal, r: Option<NaiveDate>) -> DateVal {
    if d.year.is_some() {
        return d;
    }
    let (Some(r), Some(m)) = (r, d.month) else {
        return d;
    };
    // the year that puts the date nearest the reference: a December date in a January
    // article is last year's, a January date in a December article next year's
    let day = d.day.unwrap_or(15);
    let best = [r.year() - 1, r.year(), r.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, day).map(|x| (y, (x - r).num_days().abs())))
        .min_by_key(|&(y, dist)| (dist, (y != r.year()) as i32));
    if let Some((y, _)) = best {
        if d.day.is_none() || NaiveDate::from_ymd_opt(y, m, day).is_some() {
            d.year = Some(y);
            d.relative = true;
            d.inferred = true;
        }
    }
    d
}

fn from_naive(n: NaiveDate) -> DateVal {
    let mut d = date(Some(n.year()), Some(n.month()), Some(n.day()));
    d.relative = true;
    d
}

fn cand(start: usize, end: usize, d: DateVal) -> Cand {
    Cand {
        start,
        end,
        kind: Kind::Date(d),
        prio: 6,
    }
}

/// The figure token starting exactly at `i`.
fn tok_at(toks: &[NumTok], i: usize) -> Option<&NumTok> {
    let k = toks.partition_point(|t| t.start < i);
    toks.get(k).filter(|t| t.start == i)
}

fn small_int(tok: &NumTok) -> Option<u32> {
    (tok.value.fract() == 0.0
        && tok.value >= 0.0
        && tok.value < 10000.0
        && tok.hedge == Hedge::Exact)
        .then_some(tok.value as u32)
}

/// A Chinese year figure ending at `end` (before 年): 4 digits, or 2 with a leading zero.
fn cn_year(t: &Text, tok: &NumTok, month_follows: bool) -> Option<i32> {
    let v = small_int(tok)?;
    let digits = tok.int_digits as usize;
    let first = t.at(tok.start);
    if digits == 4 && (1000..=2999).contains(&v) {
        return Some(v as i32);
    }
    if digits == 2 {
        let lead0 = first == '0' || first == '零' || first == '〇';
        if lead0 || month_follows || v >= 50 {
            return Some(if v < 50 {
                2000 + v as i32
            } else {
                1900 + v as i32
            });
        }
    }
    None
}

/// Eras: (name, year of year 1).
const ERAS: &[(&str, i32)] = &[
    ("民国", 1911),
    ("康熙", 1661),
    ("雍正", 1722),
    ("乾隆", 1735),
    ("嘉庆", 1795),
    ("道光", 1820),
    ("光绪", 1874),
    ("神龙", 704),
];

fn part_after(t: &Text, k: usize) -> Option<(usize, Part)> {
    for (w, p) in [
        ("上旬", Part::Early),
        ("中旬", Part::Mid),
        ("下旬", Part::Late),
        ("初", Part::Early),
        ("中", Part::Mid),
        ("底", Part::Late),
        ("末", Part::Late),
        ("尾", Part::Late),
    ] {
        if let Some(e) = t.starts(k, w) {
            if w == "初" && cn_digit(t.at(e)).is_some() {
                continue;
            }
            if w == "中" && !matches!(t.at(e), '旬') && t.at(k - 1) == '月' {
                continue;
            }
            return Some((e, p));
        }
    }
    None
}

/// Month then day after a Chinese month figure at `i` (the token `tok`). Returns
/// (end, month, day?, part?).
fn cn_month_day(
    t: &Text,
    toks: &[NumTok],
    i: usize,
) -> Option<(usize, u32, Option<u32>, Option<Part>)> {
    let k = t.skip_sp(i);
    let (m, e) = if let Some(e) = t.starts(k, "正月") {
        (1, e)
    } else if let Some(e) = t.starts(k, "腊月") {
        (12, e)
    } else {
        let tok = tok_at(toks, k)?;
        let m = small_int(tok)?;
        let e = t.skip_sp(tok.end);
        if t.at(e) != '月' || !(1..=12).contains(&m) || tok.value.fract() != 0.0 {
            return None;
        }
        (m, e + 1)
    };
    // the day
    let d0 = t.skip_sp(e);
    if let Some(e2) = t.starts(d0, "初") {
        if let Some(tok) = tok_at(toks, e2) {
            if let Some(d) = small_int(tok).filter(|d| (1..=10).contains(d)) {
                return Some((tok.end, m, Some(d), None));
            }
        }
    }
    if let Some(tok) = tok_at(toks, d0) {
        if let Some(d) = small_int(tok).filter(|d| (1..=31).contains(d)) {
            let a = t.skip_sp(tok.end);
            if matches!(t.at(a), '日' | '号' | '號') {
                return Some((a + 1, m, Some(d), None));
            }
            // 八月十五 (no 日): Chinese numerals, not followed by another unit
            let nx = t.at(tok.end);
            if tok.chinese
                && !matches!(
                    nx,
                    '个' | '天' | '年' | '月' | '万' | '亿' | '人' | '次' | '家' | '点' | '时'
                )
            {
                return Some((tok.end, m, Some(d), None));
            }
            if !tok.chinese
                && tok.end == d0 + tok.int_digits as usize
                && matches!(nx, '\0' | ',' | '，' | '。' | ' ' | '、')
            {
                return Some((tok.end, m, Some(d), None));
            }
        }
    }
    if let Some((e2, p)) = part_after(t, e) {
        return Some((e2, m, None, Some(p)));
    }
    Some((e, m, None, None))
}

/// Relative Chinese words for a year: (word, offset).
const CN_REL_YEAR: &[(&str, i32)] = &[
    ("今年", 0),
    ("本年", 0),
    ("去年", -1),
    ("明年", 1),
    ("前年", -2),
    ("后年", 2),
    ("大前年", -3),
];
const CN_REL_MONTH: &[(&str, i32)] = &[
    ("这个月", 0),
    ("本月", 0),
    ("当月", 0),
    ("上个月", -1),
    ("上月", -1),
    ("下个月", 1),
    ("下月", 1),
];
const CN_REL_DAY: &[(&str, i64)] = &[
    ("大前天", -3),
    ("大后天", 3),
    ("今天", 0),
    ("今日", 0),
    ("昨天", -1),
    ("昨日", -1),
    ("明天", 1),
    ("明日", 1),
    ("前天", -2),
    ("前日", -2),
    ("后天", 2),
];

fn add_months(r: NaiveDate, n: i32) -> NaiveDate {
    let first = r.with_day(1).unwrap_or(r);
    if n >= 0 {
        first
            .checked_add_months(Months::new(n as u32))
            .unwrap_or(first)
    } else {
        first
            .checked_sub_months(Months::new((-n) as u32))
            .unwrap_or(first)
    }
}

fn shift(r: NaiveDate, amount: f64, unit: TimeUnit, sign: i32) -> Option<NaiveDate> {
    if amount.fract() != 0.0 || amount < 0.0 {
        return None;
    }
    let n = amount as u32;
    let days = |d: u64| {
        if sign > 0 {
            r.checked_add_days(Days::new(d))
        } else {
            r.checked_sub_days(Days::new(d))
        }
    };
    let months = |m: u32| {
        if sign > 0 {
            r.checked_add_months(Months::new(m))
        } else {
            r.checked_sub_months(Months::new(m))
        }
    };
    match unit {
        TimeUnit::Day => days(n as u64),
        TimeUnit::Week => days(7 * n as u64),
        TimeUnit::Month => months(n),
        TimeUnit::Quarter => months(3 * n),
        TimeUnit::Year => months(12 * n),
    }
}

/// Resolve a duration with a direction against a reference day (for "5天前", "in two weeks").
pub(crate) fn resolve_duration(d: &Duration, r: NaiveDate) -> Option<NaiveDate> {
    if d.amount.hedge != Hedge::Exact && d.amount.hedge != Hedge::MoreThan {
        return None;
    }
    let sign = match d.direction.as_deref() {
        Some("before") => -1,
        Some("after") => 1,
        _ => return None,
    };
    shift(r, d.amount.value, d.unit, sign)
}

/// Chinese dates and durations.
fn chinese(t: &Text, toks: &[NumTok], r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    let n = t.len();
    // year-first dates
    for tok in toks {
        let e = t.skip_sp(tok.end);
        if t.at(e) != '年' {
            continue;
        }
        let after = e + 1;
        let month = cn_month_day(t, toks, after);
        let mut start = tok.start;
        let mut year = cn_year(t, tok, month.is_some());
        // eras: 康熙三年, 民国三年, 神龙元年
        for (name, base) in ERAS {
            if let Some(st) = t.ends(tok.start, name) {
                if let Some(v) = small_int(tok) {
                    year = Some(base + v as i32);
                    start = st;
                }
            }
        }
        let Some(year) = year else { continue };
        // 2026年1至3月, 2026年1-3月: the first and the last month of a span
        if let Some(a) = tok_at(toks, t.skip_sp(after)) {
            let k = t.skip_sp(a.end);
            if matches!(t.at(k), '至' | '到' | '-' | '–' | '~') {
                if let Some(b) = tok_at(toks, t.skip_sp(k + 1)) {
                    let m_end = t.skip_sp(b.end);
                    let (ma, mb) = (small_int(a), small_int(b));
                    if let (Some(ma), Some(mb), '月') = (ma, mb, t.at(m_end)) {
                        if (1..=12).contains(&ma) && (1..=12).contains(&mb) && ma < mb {
                            out.push(cand(start, a.end, date(Some(year), Some(ma), None)));
                            out.push(cand(b.start, m_end + 1, date(Some(year), Some(mb), None)));
                            continue;
                        }
                    }
                }
            }
        }
        if tok.hedge != Hedge::Exact
            || matches!(t.at(after), '代' | '级' | '间' | '来' | '内' | '多' | '半')
        {
            continue;
        }
        if tok.int_digits == 2 && matches!(t.at(after), '前' | '后') && month.is_none() {
            continue;
        }
        let mut d = date(Some(year), None, None);
        let mut end = after;
        if let Some((e2, q, h)) = cn_period(t, after) {
            d.quarter = q;
            d.half = h;
            end = e2;
        } else if let Some((e2, m, day, part)) = month {
            d.month = Some(m);
            d.day = day;
            d.part = part;
            end = e2;
        } else if let Some((e2, p)) = part_after(t, after) {
            d.part = Some(p);
            end = e2;
        } else {
            // 2021年的第三个月
            let k = t.skip_sp(after);
            let k = if t.at(k) == '的' { k + 1 } else { k };
            if let Some((e2, m)) = nth_month(t, toks, k) {
                d.month = Some(m);
                end = e2;
            }
        }
        // 2020年至今, 2018年以来
        let k = t.skip_sp(end);
        if t.starts(k, "至今").is_some() || t.starts(k, "以来").is_some() {
            d.since = true;
            end = k + 2;
        }
        out.push(cand(start, end, d));
    }
    // 元年
    for i in 0..n.saturating_sub(3) {
        if !(t.cs[i + 2] == '元' && t.cs[i + 3] == '年') {
            continue;
        }
        for (name, base) in ERAS {
            if let Some(e) = t.starts(i, name) {
                if let Some(e2) = t.starts(e, "元年") {
                    let mut d = date(Some(base + 1), None, None);
                    let mut end = e2;
                    if let Some((e3, m, day, part)) = cn_month_day(t, toks, e2) {
                        d.month = Some(m);
                        d.day = day;
                        d.part = part;
                        end = e3;
                    }
                    out.push(cand(i, end, d));
                }
            }
        }
    }
    // month-first dates (year from context words or the reference)
    for tok in toks {
        if let Some((e, m, day, part)) = cn_month_day(t, toks, tok.start) {
            let mut start = tok.start;
            let mut d = date(None, Some(m), day);
            d.part = part;
            // 今年6月, 去年12月
            let b = t.back_sp(start);
            let mut rel = None;
            for (w, off) in CN_REL_YEAR {
                if let Some(st) = t.ends(b, w) {
                    rel = Some((st, *off));
                    break;
                }
            }
            if let Some((st, off)) = rel {
                if let Some(r) = r {
                    d.year = Some(r.year() + off);
                    d.relative = true;
                }
                start = st;
            } else {
                d = infer_year(d, r);
            }
            out.push(cand(start, e, d));
        }
    }
    // 正月三十, 腊月初八 (no figure before the month)
    for i in 0..n {
        if matches!(t.cs[i], '正' | '腊') && t.at(i + 1) == '月' && (i == 0 || t.at(i - 1) != '年')
        {
            if let Some((e, m, day, part)) = cn_month_day(t, toks, i) {
                let mut d = date(None, Some(m), day);
                d.part = part;
                out.push(cand(i, e, infer_year(d, r)));
            }
        }
    }
    // weeks: 上周三, 下下周日, 本周五, 这个星期一
    if let Some(r) = r {
        for i in 0..n {
            if !matches!(t.cs[i], '上' | '下' | '本' | '这')
                || (i > 0 && matches!(t.cs[i - 1], '上' | '下'))
            {
                continue;
            }
            let mut j = i;
            let mut weeks = 0i64;
            while matches!(t.at(j), '上' | '下') {
                weeks += if t.at(j) == '上' { -1 } else { 1 };
                j += 1;
            }
            if j == i {
                j += 1;
            }
            if t.at(j) == '个' {
                j += 1;
            }
            let k = if t.at(j) == '周' {
                j + 1
            } else if let Some(e) = t.starts(j, "星期").or_else(|| t.starts(j, "礼拜")) {
                e
            } else {
                continue;
            };
            let wd = match t.at(k) {
                '一' => 0,
                '二' => 1,
                '三' => 2,
                '四' => 3,
                '五' => 4,
                '六' => 5,
                '日' | '天' | '末' if t.at(k) != '末' => 6,
                _ => continue,
            };
            let cur = r.weekday().num_days_from_monday() as i64;
            if let Some(day) = r.checked_add_signed(chrono::TimeDelta::days(7 * weeks - cur + wd)) {
                out.push(cand(i, k + 1, from_naive(day)));
            }
        }
    }
    // relative words
    let mut i = 0;
    while i < n {
        let c = t.cs[i];
        if !matches!(
            c,
            '今' | '本'
                | '当'
                | '去'
                | '明'
                | '前'
                | '后'
                | '大'
                | '这'
                | '上'
                | '下'
                | '昨'
                | '最'
        ) {
            i += 1;
            continue;
        }
        let mut hit = false;
        for (w, off) in CN_REL_YEAR {
            if let Some(e) = t.starts(i, w) {
                let mut d = date(None, None, None);
                if let Some(r) = r {
                    d.year = Some(r.year() + off);
                }
                d.relative = true;
                let mut end = e;
                if let Some((e2, q, h)) = cn_period(t, e) {
                    d.quarter = q;
                    d.half = h;
                    end = e2;
                } else if let Some((e2, p)) = part_after(t, e) {
                    d.part = Some(p);
                    end = e2;
                } else if let Some((e2, m)) = nth_month(t, toks, t.skip_sp(e)) {
                    d.month = Some(m);
                    end = e2;
                }
                if d.year.is_some() || r.is_none() {
                    out.push(cand(i, end, d));
                }
                hit = true;
                i = end;
                break;
            }
        }
        if hit {
            continue;
        }
        for (w, off) in CN_REL_MONTH {
            if let Some(e) = t.starts(i, w) {
                let mut d = date(None, None, None);
                d.relative = true;
                if let Some(r) = r {
                    let m = add_months(r, *off);
                    d.year = Some(m.year());
                    d.month = Some(m.month());
                }
                let mut end = e;
                // 本月十日
                if let Some(tok) = tok_at(toks, t.skip_sp(e)) {
                    if let Some(day) = small_int(tok).filter(|d| (1..=31).contains(d)) {
                        let a = t.skip_sp(tok.end);
                        if matches!(t.at(a), '日' | '号') {
                            d.day = Some(day);
                            end = a + 1;
                        }
                    }
                }
                if d.day.is_none() {
                    if let Some((e2, p)) = part_after(t, e) {
                        d.part = Some(p);
                        end = e2;
                    }
                }
                if d.month.is_some() {
                    out.push(cand(i, end, d));
                }
                hit = true;
                i = end;
                break;
            }
        }
        if hit {
            continue;
        }
        for (w, off) in CN_REL_DAY {
            if let Some(e) = t.starts(i, w) {
                if let Some(r) = r {
                    if let Some(day) = r.checked_add_signed(chrono::TimeDelta::days(*off)) {
                        out.push(cand(i, e, from_naive(day)));
                    }
                }
                hit = true;
                i = e;
                break;
            }
        }
        if !hit {
            i += 1;
        }
    }
    // durations: 7个多月后, 半年多后, 两年前, 5天前, 三个季度
    for tok in toks {
        // a written year is not a span: 2015年前, 07年以后
        let lead0 = matches!(t.at(tok.start), '0' | '零' | '〇');
        if tok.int_digits == 4 || (tok.int_digits == 2 && lead0) {
            continue;
        }
        if let Some(c) = cn_duration(t, tok.start, tok.end, num_of(tok)) {
            out.push(c);
        }
    }
    let mut i = 0;
    while i < n {
        if t.cs[i] == '半' {
            if let Some(c) = cn_duration(
                t,
                i,
                i + 1,
                Num {
                    value: 0.5,
                    step: 0.5,
                    hedge: Hedge::Exact,
                },
            ) {
                i = c.end;
                out.push(c);
                continue;
            }
        }
        i += 1;
    }
}

fn num_of(tok: &NumTok) -> Num {
    Num {
        value: tok.value,
        step: tok.step,
        hedge: tok.hedge,
    }
}

/// 第N个月 after a year phrase.
fn nth_month(t: &Text, toks: &[NumTok], k: usize) -> Option<(usize, u32)> {
    if t.at(k) != '第' {
        return None;
    }
    let tok = tok_at(toks, k + 1)?;
    let m = small_int(tok).filter(|m| (1..=12).contains(m))?;
    let e = cn_word(t, tok.end, "个月")?;
    Some((e, m))
}

/// A Chinese duration after a figure `[s, e)`.
fn cn_duration(t: &Text, s: usize, e: usize, mut amount: Num) -> Option<Cand> {
    let mut k = t.skip_sp(e);
    let mut hedge_between = |k: &mut usize| {
        if matches!(t.at(*k), '多' | '余') {
            amount.hedge = Hedge::MoreThan;
            *k += 1;
        }
    };
    hedge_between(&mut k);
    let had_ge = t.at(k) == '个';
    if had_ge {
        k += 1;
        hedge_between(&mut k);
    }
    let (unit, mut end) = if let Some(e2) = t.starts(k, "季度") {
        (TimeUnit::Quarter, e2)
    } else {
        match t.at(k) {
            '年' if !had_ge => (TimeUnit::Year, k + 1),
            '月' if had_ge => (TimeUnit::Month, k + 1),
            '周' | '星' if t.at(k) == '周' || t.at(k + 1) == '期' => {
                (TimeUnit::Week, if t.at(k) == '周' { k + 1 } else { k + 2 })
            }
            '天' | '日' if !had_ge && t.at(k) == '天' => (TimeUnit::Day, k + 1),
            _ => return None,
        }
    };
    // 一年半
    if t.at(end) == '半' {
        amount.value += 0.5;
        end += 1;
    }
    if matches!(t.at(end), '多' | '余') {
        amount.hedge = Hedge::MoreThan;
        end += 1;
    }
    let mut direction = None;
    for (w, d) in [
        ("以后", "after"),
        ("之后", "after"),
        ("以前", "before"),
        ("之前", "before"),
        ("以来", "since"),
        ("后", "after"),
        ("前", "before"),
        ("来", "since"),
    ] {
        if let Some(e2) = t.starts(end, w) {
            direction = Some(d.to_string());
            end = e2;
            break;
        }
    }
    // 超20年, 近20年来
    let mut s = s;
    if amount.hedge == Hedge::Exact {
        if let Some((st, h)) = super::compose::prefix_hedge(t, s) {
            amount.hedge = h;
            s = st;
        }
    }
    Some(Cand {
        start: s,
        end,
        kind: Kind::Duration(Duration {
            amount,
            unit,
            direction,
        }),
        prio: 5,
    })
}

// ---------------------------------------------------------------- numeric formats

fn digits_at(t: &Text, i: usize) -> Option<(usize, u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while t.at(j).is_ascii_digit() && j - i < 8 {
        v = v * 10 + t.at(j).to_digit(10)?;
        j += 1;
    }
    if j == i || t.at(j).is_ascii_digit() {
        return None;
    }
    Some((j, v, j - i))
}

/// Numeric dates: 2025-09-30, 2025/9/30, 2025.09.30, 2015-3, 12/1, 1/2/2020, 12-11-10,
/// 20161016, 2016 10 16.
fn numeric(t: &Text, han: bool, r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !t.cs[i].is_ascii_digit()
            || (i > 0 && (t.cs[i - 1].is_ascii_digit() || t.cs[i - 1] == '.'))
        {
            i += 1;
            continue;
        }
        let Some((e1, a, la)) = digits_at(t, i) else {
            i += 1;
            continue;
        };
        let sep = t.at(e1);
        // YYYYMMDD
        if la == 8 && !t.at(e1).is_ascii_alphanumeric() {
            let (y, m, d) = (a / 10000, a / 100 % 100, a % 100);
            if (1900..=2099).contains(&y) && valid_md(m, d) {
                out.push(cand(i, e1, date(Some(y as i32), Some(m), Some(d))));
            }
            i = e1;
            continue;
        }
        if matches!(sep, '-' | '/' | '.' | ' ') {
            if let Some((e2, b, lb)) = digits_at(t, e1 + 1) {
                let sep2 = t.at(e2);
                let third = (sep2 == sep).then(|| digits_at(t, e2 + 1)).flatten();
                let after_ok = |e: usize| {
                    !(t.at(e).is_ascii_alphanumeric()
                        || t.at(e) == sep && t.at(e + 1).is_ascii_digit())
                        && t.at(e) != ':'
                };
                if let Some((e3, c, lc)) = third {
                    if !after_ok(e3) {
                        i = e3;
                        continue;
                    }
                    let d = if la == 4 {
                        // Y-M-D
                        valid_md(b, c).then(|| date(Some(a as i32), Some(b), Some(c)))
                    } else if lc == 4 || lc == 2 && sep == '/' && !han {
                        let y = if lc == 4 {
                            c as i32
                        } else if c < 30 {
                            2000 + c as i32
                        } else {
                            1900 + c as i32
                        };
                        // M/D/Y in English, D/M/Y in Chinese (unless impossible)
                        let (m, d) = if a > 12 {
                            (b, a)
                        } else if b > 12 {
                            (a, b)
                        } else if han {
                            (b, a)
                        } else {
                            (a, b)
                        };
                        valid_md(m, d).then(|| date(Some(y), Some(m), Some(d)))
                    } else if la == 2 && lb == 2 && lc == 2 && han && sep == '-' {
                        valid_md(b, c).then(|| date(Some(2000 + a as i32), Some(b), Some(c)))
                    } else {
                        None
                    };
                    if sep == ' ' && la != 4 {
                        i = e1;
                        continue;
                    }
                    if let Some(d) = d {
                        out.push(cand(i, e3, d));
                    }
                    i = e3;
                    continue;
                }
                if sep == ' ' || sep == '.' {
                    i = e1;
                    continue;
                }
                if !after_ok(e2) {
                    i = e2;
                    continue;
                }
                if la == 4 && lb <= 2 && (1..=12).contains(&b) && sep == '-' {
                    out.push(cand(i, e2, date(Some(a as i32), Some(b), None)));
                } else if lb == 4 && la <= 2 && (1..=12).contains(&a) && sep == '-' {
                    out.push(cand(i, e2, date(Some(b as i32), Some(a), None)));
                } else if la <= 2 && lb <= 2 && sep == '/' {
                    let (m, d) = if a > 12 { (b, a) } else { (a, b) };
                    // in Chinese prose "2/3 步" is a fraction: a bare M/D needs no word after it
                    let nx = t.at(t.skip_sp(e2));
                    let word_after = han && ('\u{4e00}'..='\u{9fff}').contains(&nx);
                    if valid_md(m, d) && !word_after {
                        out.push(cand(i, e2, infer_year(date(None, Some(m), Some(d)), r)));
                    }
                }
                i = e2;
                continue;
            }
        }
        i = e1;
    }
}

// ---------------------------------------------------------------- English

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("sept", 9),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("tues", Weekday::Tue),
    ("thurs", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// A month name at `i`: (end after an optional '.', month, full name?). Digits may follow
/// directly ("Dec31", "mar3").
fn month_at(t: &Text, i: usize) -> Option<(usize, u32, bool)> {
    if (i > 0 && t.lat(i - 1).is_ascii_alphabetic())
        || !matches!(t.lat(i), 'j' | 'f' | 'm' | 'a' | 's' | 'o' | 'n' | 'd')
    {
        return None;
    }
    for (w, m) in MONTHS {
        if let Some(e) = t.starts(i, w) {
            if t.lat(e).is_ascii_alphabetic() {
                continue;
            }
            let full = w.len() > 4 || *w == "june" || *w == "july";
            let e = if t.at(e) == '.' && !full { e + 1 } else { e };
            return Some((e, *m, full && *w != "may" && *w != "march"));
        }
    }
    None
}

fn weekday_at(t: &Text, i: usize) -> Option<(usize, Weekday)> {
    if (i > 0 && t.lat(i - 1).is_ascii_alphabetic())
        || !matches!(t.lat(i), 'm' | 't' | 'w' | 'f' | 's')
    {
        return None;
    }
    WEEKDAYS
        .iter()
        .find_map(|(w, d)| t.word(i, w).map(|e| (e, *d)))
}

fn ordinal_value(t: &Text, i: usize) -> Option<(usize, u32)> {
    let mut best: Option<(usize, u32)> = None;
    for (w, v) in ORDINALS {
        if *v > 31.0 {
            continue;
        }
        if let Some(e) = t.word(i, w) {
            if best.map(|b| e > b.0).unwrap_or(true) {
                best = Some((e, *v as u32));
            }
        }
    }
    best
}

const TENS: &[(&str, u32)] = &[("twenty", 20), ("thirty", 30)];
const UNIT_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
];

/// A day of the month at `i`: "21", "21st", "04th", "first", "twenty nine",
/// "thirty-first". Returns (end, day, written as an ordinal).
fn day_at(t: &Text, i: usize) -> Option<(usize, u32, bool)> {
    if t.at(i).is_ascii_digit() {
        let (e, v, l) = digits_at(t, i)?;
        if l > 2 || !(1..=31).contains(&v) {
            return None;
        }
        for suf in ["st", "nd", "rd", "th"] {
            if let Some(e2) = t.word(e, suf) {
                return Some((e2, v, true));
            }
        }
        if t.lat(e).is_ascii_alphabetic()
            || t.at(e) == ':'
            || (t.at(e) == '.' && t.at(e + 1).is_ascii_digit())
        {
            return None;
        }
        return Some((e, v, false));
    }
    for (w, tv) in TENS {
        if let Some(e) = t.word(i, w) {
            let k = if t.at(e) == '-' { e + 1 } else { t.skip_sp(e) };
            if let Some((e2, o)) = ordinal_value(t, k).filter(|o| o.1 < 10) {
                let d = tv + o;
                return (d <= 31).then_some((e2, d, true));
            }
            if let Some((e2, u)) = UNIT_WORDS
                .iter()
                .find_map(|(w2, u)| t.word(k, w2).map(|e2| (e2, *u)))
                .filter(|x| x.1 < 10)
            {
                let d = tv + u;
                return (d <= 31).then_some((e2, d, false));
            }
            return Some((e, *tv, false));
        }
    }
    if let Some((e, v)) = ordinal_value(t, i) {
        return Some((e, v, true));
    }
    UNIT_WORDS
        .iter()
        .find_map(|(w, u)| t.word(i, w).map(|e| (e, *u, false)))
}

/// A year at `i`: four digits, or English words ("nineteen eighty six"), from the figure
/// tokens. `short` admits two digits ("of 87", "first 12").
fn year_at(t: &Text, toks: &[NumTok], i: usize, short: bool) -> Option<(usize, i32)> {
    if t.at(i).is_ascii_digit() {
        let (e, v, l) = digits_at(t, i)?;
        if t.lat(e).is_ascii_alphanumeric() || t.at(e) == ':' {
            return None;
        }
        if l == 4 && (1000..=2999).contains(&v) {
            return Some((e, v as i32));
        }
        if l == 2 && short {
            return Some((
                e,
                if v < 50 {
                    2000 + v as i32
                } else {
                    1900 + v as i32
                },
            ));
        }
        return None;
    }
    let tok = tok_at(toks, i)?;
    if tok.words && tok.value.fract() == 0.0 && (1000.0..=2999.0).contains(&tok.value) {
        return Some((tok.end, tok.value as i32));
    }
    None
}

/// The separator between date parts: spaces, a comma, a dash, a slash, "of", "in".
fn date_gap(t: &Text, i: usize, words: bool) -> usize {
    let mut k = t.skip_sp(i);
    if matches!(t.at(k), ',' | '-' | '/') {
        k = t.skip_sp(k + 1);
    }
    if words {
        for w in ["of", "in"] {
            if let Some(e) = t.word(k, w) {
                let k2 = t.skip_sp(e);
                if k2 > e {
                    return k2;
                }
            }
        }
    }
    k
}

fn english(t: &Text, toks: &[NumTok], r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        if !t.lat(i).is_ascii_alphabetic() || (i > 0 && t.lat(i - 1).is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        if let Some((e, m, free)) = month_at(t, i) {
            let mut d = date(None, Some(m), None);
            let mut start = i;
            let mut end = e;
            let mut anchored = false;
            // the day after: "Aug. 21", "Dec31", "Oct/2", "may twenty nine", "Sep-23-2020"
            let k = if t.at(e).is_ascii_digit() {
                e
            } else {
                date_gap(t, e, false)
            };
            let k = if let Some(e2) = t.word(k, "the") {
                t.skip_sp(e2)
            } else {
                k
            };
            if let Some((y_end, y)) = year_at(t, toks, k, false) {
                // "Feb 2025", "Dec-2018", "September-2020-23"
                d.year = Some(y);
                end = y_end;
                anchored = true;
                if t.at(y_end) == '-' {
                    if let Some((e3, dd, _)) = day_at(t, y_end + 1) {
                        d.day = Some(dd);
                        end = e3;
                    }
                }
            } else if let Some((d_end, dd, _)) = day_at(t, k) {
                d.day = Some(dd);
                end = d_end;
                anchored = true;
                let k2 = date_gap(t, d_end, true);
                if let Some((y_end, y)) = year_at(t, toks, k2, true) {
                    if t.at(k2).is_ascii_digit() || tok_at(toks, k2).is_some() {
                        d.year = Some(y);
                        end = y_end;
                    }
                }
            } else {
                let k2 = date_gap(t, e, true);
                if let Some((y_end, y)) = year_at(
                    t,
                    toks,
                    k2,
                    k2 > e && t.word(t.back_sp(k2) - 2, "of").is_some(),
                ) {
                    d.year = Some(y);
                    end = y_end;
                    anchored = true;
                }
            }
            // the day before: "21 August", "the 09th of May", "fourth of july"
            if d.day.is_none() || d.year.is_none() {
                let mut b = t.back_sp(i);
                if let Some(st) = t.ends_word(b, "of") {
                    b = t.back_sp(st);
                }
                if matches!(t.at(b.saturating_sub(1)), '/' | '-') && b > 0 {
                    b -= 1;
                }
                // find a day ending at b
                let lo = b.saturating_sub(20);
                for s in lo..b {
                    if s > 0 && t.lat(s - 1).is_ascii_alphanumeric() {
                        continue;
                    }
                    if let Some((de, dd, _)) = day_at(t, s) {
                        if de == b && d.day.is_none() {
                            d.day = Some(dd);
                            start = s;
                            anchored = true;
                            break;
                        }
                    }
                    // "2020/Sep/23", "2019/aug/01", "23-2020-September"
                    if let Some((ye, y)) = year_at(t, toks, s, false) {
                        if ye == b && d.year.is_none() {
                            d.year = Some(y);
                            start = s;
                            anchored = true;
                            // "2020/23/Sep", "23-2020-September"
                            let bb = s;
                            if bb > 1 && matches!(t.at(bb - 1), '/' | '-') {
                                for s2 in bb.saturating_sub(3)..bb - 1 {
                                    if let Some((de, dd, _)) = day_at(t, s2) {
                                        if de == bb - 1 && d.day.is_none() {
                                            d.day = Some(dd);
                                            start = s2;
                                        }
                                    }
                                }
                            }
                            break;
                        }
                    }
                }
                if start > 0 && start != i {
                    if let Some(st) = t.ends_word(t.back_sp(start), "the") {
                        start = st;
                    }
                }
                // "2020/23/Sep": a day after the year
                if d.year.is_some() && d.day.is_none() && start < i {
                    let seg: String = t.cs[start..i].iter().collect();
                    let parts: Vec<&str> =
                        seg.split(['/', '-']).filter(|p| !p.is_empty()).collect();
                    if parts.len() == 2 {
                        if let Ok(dd) = parts[1].trim().parse::<u32>() {
                            if (1..=31).contains(&dd) {
                                d.day = Some(dd);
                            }
                        }
                    }
                }
                // "2019/aug/01"
                if d.year.is_some() && d.day.is_none() && matches!(t.at(e), '/' | '-') {
                    if let Some((e3, dd, _)) = day_at(t, e + 1) {
                        d.day = Some(dd);
                        end = e3;
                    }
                }
            }
            // relative: this/next/last September
            let b = t.back_sp(start);
            let mut rel = None;
            for (w, off) in [
                ("this", 0),
                ("next", 1),
                ("last", -1),
                ("previous", -1),
                ("coming", 1),
            ] {
                if let Some(st) = t.ends_word(b, w) {
                    rel = Some((st, off));
                }
            }
            if d.year.is_none() && d.day.is_none() {
                if let (Some((st, off)), Some(r)) = (rel, r) {
                    d.year = Some(r.year() + off);
                    d.relative = true;
                    start = st;
                    anchored = true;
                }
            }
            // "mid-November", "early September", "late July"
            let b = t.back_sp(start);
            for (w, p) in [
                ("early", Part::Early),
                ("mid", Part::Mid),
                ("late", Part::Late),
            ] {
                if let Some(st) = t.ends_word(
                    if t.at(start.saturating_sub(1)) == '-' {
                        start - 1
                    } else {
                        b
                    },
                    w,
                ) {
                    d.part = Some(p);
                    start = st;
                    anchored = true;
                }
            }
            if !anchored && !free {
                // "may", "march", abbreviations: only after a preposition
                let prep = [
                    "in", "of", "since", "after", "before", "until", "by", "from", "during",
                    "since", "through", "till",
                ]
                .iter()
                .any(|w| t.ends_word(b, w).is_some());
                if !prep {
                    i = e;
                    continue;
                }
            }
            d = infer_year(d, r);
            out.push(cand(start, end, d));
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    // relative words
    let Some(r) = r else { return };
    let mut cursor = 0;
    let mut i = 0;
    while i < n {
        let c = t.lat(i);
        if !c.is_ascii_alphanumeric() || (i > 0 && t.lat(i - 1).is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let w = t.word_at(i);
        while cursor < toks.len() && toks[cursor].start < i {
            cursor += 1;
        }
        let starts_something = toks.get(cursor).is_some_and(|x| x.start == i)
            || (!w.is_empty()
                && (REL_FIRST
                    .iter()
                    .any(|k| k.len() == w.len() && k.chars().eq(w.iter().copied()))
                    || weekday_at(t, i).is_some()));
        if !starts_something {
            i += w.len().max(1);
            continue;
        }
        if let Some(c) = english_relative(t, toks, r, i) {
            i = c.end;
            out.push(c);
            continue;
        }
        i += 1;
    }
}

/// The words an English relative date can start with (besides weekdays and figures).
const REL_FIRST: &[&str] = &[
    "the",
    "today",
    "tonight",
    "otd",
    "tomorrow",
    "tmrw",
    "yesterday",
    "this",
    "next",
    "last",
    "previous",
    "past",
    "coming",
    "upcoming",
    "following",
    "earlier",
    "later",
    "end",
    "by",
    "eoy",
    "year",
    "in",
    "more",
    "a",
    "an",
];

fn unit_word(t: &Text, k: usize) -> Option<(usize, TimeUnit)> {
    for (w, u) in [
        ("days", TimeUnit::Day),
        ("day", TimeUnit::Day),
        ("weeks", TimeUnit::Week),
        ("week", TimeUnit::Week),
        ("fortnights", TimeUnit::Week),
        ("fortnight", TimeUnit::Week),
        ("months", TimeUnit::Month),
        ("month", TimeUnit::Month),
        ("quarters", TimeUnit::Quarter),
        ("years", TimeUnit::Year),
        ("year", TimeUnit::Year),
    ] {
        if let Some(e) = t.word(k, w) {
            return Some((e, u));
        }
    }
    None
}

/// "2 weeks", "two days", "a fortnight" at `i`: (end, amount, unit).
fn en_duration(t: &Text, toks: &[NumTok], i: usize) -> Option<(usize, f64, TimeUnit)> {
    let (e, v) = if let Some(e) = t.word(i, "a").or_else(|| t.word(i, "an")) {
        (e, 1.0)
    } else {
        let tok = tok_at(toks, i)?;
        (tok.end, tok.value)
    };
    // "a three-year period"
    let k = if t.at(e) == '-' && t.lat(e + 1).is_ascii_alphabetic() {
        e + 1
    } else {
        t.skip_sp(e)
    };
    let (e2, u) = unit_word(t, k)?;
    let fort = t.starts(k, "fortnight").is_some();
    Some((e2, if fort { v * 2.0 } else { v }, u))
}

/// English spans of time: "3 years", "two months ago", "3 weeks later", "in a fortnight",
/// "more than 2 years". Resolved against the reference by the reader (see
/// [`resolve_duration`]).
fn english_durations(t: &Text, toks: &[NumTok], out: &mut Vec<Cand>) {
    let n = t.len();
    let mut i = 0;
    let mut cursor = 0;
    while i < n {
        let c = t.lat(i);
        if !c.is_ascii_alphanumeric() || (i > 0 && t.lat(i - 1).is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // a span starts with a figure or with "a"/"an": skip other words whole
        while cursor < toks.len() && toks[cursor].start < i {
            cursor += 1;
        }
        let at_tok = toks.get(cursor).is_some_and(|x| x.start == i);
        let at_a = c == 'a'
            && (!t.lat(i + 1).is_ascii_alphabetic()
                || (t.lat(i + 1) == 'n' && !t.lat(i + 2).is_ascii_alphabetic()));
        if !at_tok && !at_a {
            i += t.word_at(i).len().max(1);
            continue;
        }
        let Some((e, amount, unit)) = en_duration(t, toks, i) else {
            i += 1;
            continue;
        };
        let mut start = i;
        let mut end = e;
        let k = t.skip_sp(e);
        let mut direction = None;
        for (w, d) in [("ago", "before"), ("later", "after"), ("hence", "after")] {
            if let Some(e2) = t.word(k, w) {
                direction = Some(d);
                end = e2;
            }
        }
        if let Some(e2) = t.word(k, "from").and_then(|x| t.word(t.skip_sp(x), "now")) {
            direction = Some("after");
            end = e2;
        }
        let b = t.back_sp(i);
        if direction.is_none() {
            if let Some(st) = t.ends_word(b, "in").or_else(|| t.ends_word(b, "within")) {
                // "in 2 weeks" (not "in two days from today", which is anchored on a day)
                let k2 = t.skip_sp(e);
                let anchored = ["from", "after", "before"]
                    .iter()
                    .any(|w| t.word(k2, w).is_some());
                if !anchored && t.ends_word(b, "in").is_some() {
                    direction = Some("after");
                    start = st;
                }
            }
        }
        let mut num = Num {
            value: amount,
            step: 1.0,
            hedge: Hedge::Exact,
        };
        if let Some((st, h)) = super::compose::prefix_hedge(t, start) {
            num.hedge = h;
            start = st;
        }
        out.push(Cand {
            start,
            end,
            kind: Kind::Duration(Duration {
                amount: num,
                unit,
                direction: direction.map(str::to_string),
            }),
            prio: 5,
        });
        i = end.max(i + 1);
    }
}

fn english_relative(t: &Text, toks: &[NumTok], r: NaiveDate, i: usize) -> Option<Cand> {
    let day = |off: i64| r.checked_add_signed(chrono::TimeDelta::days(off));
    // fixed words
    const DAYS: &[(&str, i64)] = &[
        ("the day before yesterday", -2),
        ("the next day", 1),
        ("the following day", 1),
        ("the previous day", -1),
        ("the day after tomorrow", 2),
        ("the day before", -1),
        ("the day after", 1),
        ("today", 0),
        ("tonight", 0),
        ("otd", 0),
        ("tomorrow", 1),
        ("tmrw", 1),
        ("yesterday", -1),
        ("the day", 0),
    ];
    // "two days after today", "3 days from today", "2 weeks before yesterday"
    let j = if let Some(e) = t.word(i, "more") {
        t.word(t.skip_sp(e), "than")
            .map(|e2| t.skip_sp(e2))
            .unwrap_or(i)
    } else {
        i
    };
    if let Some((e, amount, unit)) = en_duration(t, toks, j) {
        let k = t.skip_sp(e);
        let mut dir = 0;
        let mut k2 = k;
        for (w, d) in [
            ("after", 1),
            ("from", 1),
            ("before", -1),
            ("ago", -2),
            ("later", 2),
            ("hence", 2),
        ] {
            if let Some(e2) = t.word(k, w) {
                dir = d;
                k2 = e2;
                break;
            }
        }
        let mut anchor = None;
        let mut end = k2;
        if dir == 1 || dir == -1 {
            let k3 = t.skip_sp(k2);
            for (w, off) in DAYS.iter().chain([("now", 0)].iter()) {
                if let Some(e3) = t.word(k3, w) {
                    if !w.starts_with("the") {
                        anchor = day(*off);
                        end = e3;
                        break;
                    }
                }
            }
        }
        if let Some(a) = anchor {
            let sign = if dir > 0 { 1 } else { -1 };
            if let Some(d) = shift(a, amount, unit, sign) {
                return Some(cand(i, end, from_naive(d)));
            }
        }
    }
    for (w, off) in DAYS {
        if let Some(e) = t.word(i, w) {
            if *w == "the day" && t.word(t.skip_sp(e), "of").is_some() {
                continue;
            }
            return day(*off).map(|d| cand(i, e, from_naive(d)));
        }
    }
    // this/next/last month/year/week-day
    for (w, off) in [
        ("this past", -10),
        ("this upcoming", 10),
        ("this coming", 10),
        ("this", 0),
        ("next", 1),
        ("last", -1),
        ("previous", -1),
        ("past", -10),
        ("coming", 10),
        ("upcoming", 10),
        ("following", 1),
        ("the following", 1),
        ("earlier this", 0),
        ("later this", 0),
        ("end of this", 0),
        ("by end of this", 0),
        ("the end of this", 0),
        ("this calendar", 0),
    ] {
        let Some(e) = t.word(i, w) else { continue };
        let k = t.skip_sp(e);
        if k == e {
            continue;
        }
        if let Some(e2) = t.word(k, "month") {
            let off = off.clamp(-1, 1);
            let m = add_months(r, off);
            let mut d = date(Some(m.year()), Some(m.month()), None);
            d.relative = true;
            return Some(cand(i, e2, d));
        }
        if let Some(e2) = t.word(k, "year") {
            let off = off.clamp(-1, 1);
            let mut d = date(Some(r.year() + off), None, None);
            d.relative = true;
            return Some(cand(i, e2, d));
        }
        if let Some((e2, wd)) = weekday_at(t, k) {
            let target = wd.num_days_from_monday() as i64;
            let cur = r.weekday().num_days_from_monday() as i64;
            let delta = match off {
                0 => target - cur,
                1 => 7 - cur + target,
                -1 => target - cur - 7,
                -10 => {
                    let dd = (cur - target).rem_euclid(7);
                    -(if dd == 0 { 7 } else { dd })
                }
                _ => {
                    let dd = (target - cur).rem_euclid(7);
                    if dd == 0 {
                        7
                    } else {
                        dd
                    }
                }
            };
            return day(delta).map(|d| cand(i, e2, from_naive(d)));
        }
        // next week Monday
        if let Some(e2) = t.word(k, "week") {
            let k2 = t.skip_sp(e2);
            let k2 = if matches!(t.at(k2), '-' | ',') {
                t.skip_sp(k2 + 1)
            } else {
                k2
            };
            let k2 = t.word(k2, "on").map(|e| t.skip_sp(e)).unwrap_or(k2);
            if let Some((e3, wd)) = weekday_at(t, k2) {
                let weeks = off.clamp(-1, 1) as i64;
                let cur = r.weekday().num_days_from_monday() as i64;
                let delta = 7 * weeks - cur + wd.num_days_from_monday() as i64;
                return day(delta).map(|d| cand(i, e3, from_naive(d)));
            }
        }
    }
    // "monday of next week", "tuesday of last week"
    if let Some((e, wd)) = weekday_at(t, i) {
        let k = t.skip_sp(e);
        if let Some(e2) = t.word(k, "of") {
            let k2 = t.skip_sp(e2);
            let k2 = t.word(k2, "the").map(|x| t.skip_sp(x)).unwrap_or(k2);
            for (w, weeks) in [
                ("next", 1i64),
                ("last", -1),
                ("this", 0),
                ("following", 1),
                ("previous", -1),
            ] {
                if let Some(e3) = t.word(k2, w) {
                    if let Some(e4) = t.word(t.skip_sp(e3), "week") {
                        let cur = r.weekday().num_days_from_monday() as i64;
                        let delta = 7 * weeks - cur + wd.num_days_from_monday() as i64;
                        return day(delta).map(|d| cand(i, e4, from_naive(d)));
                    }
                }
            }
        }
        // "Monday 21", "tuesday the eleventh"
        let k2 = t.word(k, "the").map(|x| t.skip_sp(x)).unwrap_or(k);
        // "Friday 7.6", "friday 7/6", "Friday 7-6"
        if let Some((e2, m, 1..=2)) = digits_at(t, k) {
            if matches!(t.at(e2), '.' | '/' | '-') {
                if let Some((e3, d2, 1..=2)) = digits_at(t, e2 + 1) {
                    let more = matches!(t.at(e3), '.' | '/' | '-') && t.at(e3 + 1).is_ascii_digit();
                    if valid_md(m, d2) && !more {
                        let d = infer_year(date(None, Some(m), Some(d2)), Some(r));
                        return Some(cand(i, e3, d));
                    }
                }
            }
        }
        if let Some((e2, dd, _)) = day_at(t, k2) {
            let digit_after =
                matches!(t.at(e2), '/' | '.' | '-' | ':') && t.at(e2 + 1).is_ascii_digit();
            if month_at(t, k2).is_none() && !t.at(e2).is_ascii_digit() && !digit_after {
                let mut d = date(Some(r.year()), Some(r.month()), Some(dd));
                d.relative = true;
                if NaiveDate::from_ymd_opt(r.year(), r.month(), dd).is_some() {
                    return Some(cand(i, e2, d));
                }
            }
        }
    }
    // "the month", "the year", "eoy", "year to date", "end of month/year"
    for (w, what) in [
        ("end of month", 1),
        ("end of the month", 1),
        ("end of year", 2),
        ("end of the year", 2),
        ("the year to date", 2),
        ("year to date", 2),
        ("eoy", 2),
        ("later in the year", 2),
        ("the month", 1),
        ("the year", 2),
    ] {
        if let Some(e) = t.word(i, w) {
            let mut d = date(Some(r.year()), (what == 1).then_some(r.month()), None);
            d.relative = true;
            return Some(cand(i, e, d));
        }
    }
    // the 15th day of next month / of the month
    let k = t.word(i, "the").map(|e| t.skip_sp(e)).unwrap_or(i);
    if let Some((e, dd, true)) = day_at(t, k) {
        let k1 = t.skip_sp(e);
        let k1 = t.word(k1, "of").map(|x| t.skip_sp(x)).unwrap_or(k1);
        for (w, off) in [("this month", 0), ("next month", 1), ("last month", -1)] {
            if let Some(e4) = t.word(k1, w) {
                let m = add_months(r, off);
                let mut d = date(Some(m.year()), Some(m.month()), Some(dd));
                d.relative = true;
                return Some(cand(i, e4, d));
            }
        }
        if let Some(e2) = t.word(t.skip_sp(e), "day") {
            if let Some(e3) = t.word(t.skip_sp(e2), "of") {
                let k3 = t.skip_sp(e3);
                for (w, off) in [
                    ("the month", 0),
                    ("this month", 0),
                    ("next month", 1),
                    ("last month", -1),
                ] {
                    if let Some(e4) = t.word(k3, w) {
                        let m = add_months(r, off);
                        let mut d = date(Some(m.year()), Some(m.month()), Some(dd));
                        d.relative = true;
                        return Some(cand(i, e4, d));
                    }
                }
                if let Some((e4, m, _)) = month_at(t, k3) {
                    let d = infer_year(date(None, Some(m), Some(dd)), Some(r));
                    return Some(cand(i, e4, d));
                }
            }
        }
        // the third month of 2021 / of next year
        if let Some(e2) = t.word(t.skip_sp(e), "month") {
            if let Some(e3) = t.word(t.skip_sp(e2), "of") {
                let k3 = t.skip_sp(e3);
                if dd <= 12 {
                    if let Some((e4, y)) = year_at(t, toks, k3, false) {
                        return Some(cand(i, e4, date(Some(y), Some(dd), None)));
                    }
                    for (w, off) in [("next year", 1), ("this year", 0), ("last year", -1)] {
                        if let Some(e4) = t.word(k3, w) {
                            let mut d = date(Some(r.year() + off), Some(dd), None);
                            d.relative = true;
                            return Some(cand(i, e4, d));
                        }
                    }
                }
            }
        }
    }
    None
}

/// English years written alone: "in 2017", "before 2018", "2007 and 2009".
fn bare_years(t: &Text, toks: &[NumTok], han: bool, out: &mut Vec<Cand>) {
    for tok in toks {
        let v = tok.value;
        let ok_digits = tok.int_digits == 4 && !tok.chinese;
        let ok_words = tok.words
            && v >= 1000.0
            && t.cs[tok.start..tok.end]
                .iter()
                .filter(|c| **c == ' ')
                .count()
                >= 1;
        if !(ok_digits || ok_words)
            || v.fract() != 0.0
            || !(1000.0..=2999.0).contains(&v)
            || tok.hedge != Hedge::Exact
        {
            continue;
        }
        let after = t.at(tok.end);
        if matches!(after, '/' | '-' | ':' | '%' | '年') || after.is_alphanumeric() {
            continue;
        }
        if after == '.' && t.at(tok.end + 1).is_ascii_digit() {
            continue;
        }
        if tok.start > 0 && matches!(t.at(tok.start - 1), '/' | '-' | '.' | '$' | ':' | '#') {
            continue;
        }
        if han {
            // Chinese writes 年; a bare year only after a comparison sign
            let b = t.back_sp(tok.start);
            if !(b > 0 && matches!(t.at(b - 1), '=' | '>' | '<')) {
                continue;
            }
        } else if ok_digits && !(1800.0..=2100.0).contains(&v) {
            continue;
        }
        let mut start = tok.start;
        // "year 2008", "cy 2008"
        let b = t.back_sp(start);
        for w in ["calendar year", "the year", "year", "cy"] {
            if let Some(st) = t.ends_word(b, w) {
                start = st;
                break;
            }
        }
        // comparisons belong to the date: "after 2016", "later than 2020", "> = 2019"
        let b = t.back_sp(start);
        let mut prep = false;
        for w in [
            "no later than",
            "later than",
            "earlier than",
            "greater than",
            "after",
            "before",
            "since",
            "until",
            "till",
            "by",
            "in",
            "of",
            "from",
            "to",
            "and",
            "or",
            "through",
            "between",
            "during",
        ] {
            if let Some(st) = t.ends_word(b, w) {
                prep = true;
                if w.len() > 3 && !matches!(w, "from" | "through") {
                    start = st;
                }
                break;
            }
        }
        let mut m = b;
        while m > 0 && matches!(t.at(m - 1), '=' | '>' | '<' | '≥' | '≤' | ' ') {
            m -= 1;
        }
        if m < b {
            start = t.skip_sp(m);
            prep = true;
        }
        if !han && !prep && start == tok.start {
            // a bare figure is a year only at the end of a phrase: "… not 1998", "1865,"
            let nx = t.skip_sp(tok.end);
            // "its 2024 to 2026 policy": the first year of a span of years
            let span_next = [
                t.word(nx, "to"),
                t.word(nx, "through"),
                (matches!(t.at(nx), '-' | '–')).then_some(nx + 1),
            ]
            .into_iter()
            .flatten()
            .any(|e| {
                tok_at(toks, t.skip_sp(e))
                    .is_some_and(|b| b.int_digits == 4 && (1900.0..=2100.0).contains(&b.value))
            });
            let end_ok = span_next
                || matches!(t.at(nx), '\0' | ',' | '.' | ';' | ')' | '!' | '?' | '\n')
                || t.word(nx, "and").is_some()
                || t.word(nx, "or").is_some();
            if !end_ok {
                continue;
            }
        }
        out.push(cand(start, tok.end, date(Some(v as i32), None, None)));
    }
    // "cy18"
    let n = t.len();
    for i in 0..n.saturating_sub(3) {
        if t.lat(i) == 'c' && t.lat(i + 1) == 'y' && (i == 0 || !t.lat(i - 1).is_ascii_alphabetic())
        {
            if let Some((e, v, 2)) = digits_at(t, i + 2) {
                out.push(cand(i, e, date(Some(2000 + v as i32), None, None)));
            }
        }
    }
}

/// Fixed-date holidays.
fn holidays(t: &Text, r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    const H: &[(&str, u32, u32)] = &[
        ("christmas eve", 12, 24),
        ("christmas day", 12, 25),
        ("christmas", 12, 25),
        ("new year's day", 1, 1),
        ("new year day", 1, 1),
        ("new year", 1, 1),
        ("new year's eve", 12, 31),
        ("independence day", 7, 4),
        ("international workers' day", 5, 1),
        ("juneteenth", 6, 19),
        ("freedom day", 6, 19),
        ("jubilee day", 6, 19),
        ("saint patrick", 3, 17),
        ("st. patrick's day", 3, 17),
        ("earth day", 4, 22),
        ("valentine's day", 2, 14),
        ("halloween", 10, 31),
        ("元旦", 1, 1),
        ("国庆节", 10, 1),
        ("劳动节", 5, 1),
        ("圣诞节", 12, 25),
    ];
    let n = t.len();
    let mut i = 0;
    while i < n {
        let mut hit = None;
        if !matches!(
            t.lat(i),
            'c' | 'n' | 'i' | 'j' | 'f' | 's' | 'e' | 'v' | 'h' | '元' | '国' | '劳' | '圣'
        ) {
            i += 1;
            continue;
        }
        if i == 0 || !t.lat(i - 1).is_ascii_alphabetic() {
            for (w, m, d) in H {
                if let Some(e) = t.starts(i, w) {
                    if !t.lat(e).is_ascii_alphabetic() {
                        hit = Some((e, *m, *d));
                        break;
                    }
                }
            }
        }
        if let Some((e, m, d)) = hit {
            let mut dv = date(None, Some(m), Some(d));
            let mut end = e;
            let k = t.skip_sp(e);
            if let Some((e2, y, _)) = digits_at(t, k).filter(|x| x.2 == 4) {
                dv.year = Some(y as i32);
                end = e2;
            } else {
                let k2 = t.word(k, "of").map(|x| t.skip_sp(x)).unwrap_or(k);
                if let Some(e2) = t
                    .word(k2, "this")
                    .and_then(|x| t.word(t.skip_sp(x), "year"))
                {
                    if let Some(r) = r {
                        dv.year = Some(r.year());
                        dv.relative = true;
                        end = e2;
                    }
                }
            }
            out.push(cand(i, end, infer_year(dv, r)));
            i = end;
            continue;
        }
        i += 1;
    }
}

/// Easter Sunday of a year (the anonymous Gregorian computus).
fn easter_sunday(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// "easter 2018", "last easter", "next easter", "Easter Monday".
fn easter(t: &Text, r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    let n = t.len();
    for i in 0..n {
        if t.lat(i) != 'e' || (i > 0 && t.lat(i - 1).is_ascii_alphabetic()) {
            continue;
        }
        let Some(e) = t.word(i, "easter") else {
            continue;
        };
        let mut start = i;
        let mut end = e;
        let k = t.skip_sp(e);
        let monday = t.word(k, "monday");
        let shift_days = if let Some(e2) = monday {
            end = e2;
            1
        } else {
            0
        };
        let year = digits_at(t, t.skip_sp(end)).filter(|x| x.2 == 4);
        let b = t.back_sp(i);
        let rel = [
            ("last", -1),
            ("previous", -1),
            ("next", 1),
            ("following", 1),
            ("this", 0),
        ]
        .into_iter()
        .find_map(|(w, o)| t.ends_word(b, w).map(|st| (st, o)));
        let day = if let Some((e2, y, _)) = year {
            end = e2;
            easter_sunday(y as i32)
        } else if let (Some((st, o)), Some(r)) = (rel, r) {
            start = st;
            let this = easter_sunday(r.year());
            match (o, this) {
                (-1, Some(x)) if x < r => Some(x),
                (-1, _) => easter_sunday(r.year() - 1),
                (1, Some(x)) if x > r => Some(x),
                (1, _) => easter_sunday(r.year() + 1),
                _ => this,
            }
        } else if let Some(r) = r {
            easter_sunday(r.year())
        } else {
            None
        };
        let Some(day) = day.and_then(|d| d.checked_add_days(Days::new(shift_days))) else {
            continue;
        };
        let mut d = date(Some(day.year()), Some(day.month()), Some(day.day()));
        d.relative = year.is_none();
        d.inferred = year.is_none() && rel.is_none();
        out.push(cand(start, end, d));
    }
}

/// Spans anchored on a named day: "3 days after January 12th", "2 weeks before Christmas",
/// "16 days from 01/02/2018". A year-less anchor is its next occurrence from the reference.
fn anchored_spans(t: &Text, r: NaiveDate, out: &mut Vec<Cand>) {
    let mut extra = Vec::new();
    for c in out.iter() {
        let Kind::Duration(dur) = &c.kind else {
            continue;
        };
        if dur.direction.is_some() || dur.amount.hedge != Hedge::Exact {
            continue;
        }
        let k = t.skip_sp(c.end);
        let Some((e, sign)) = [("after", 1), ("from", 1), ("before", -1)]
            .into_iter()
            .find_map(|(w, sg)| t.word(k, w).map(|e| (e, sg)))
        else {
            continue;
        };
        let a = t.skip_sp(e);
        let anchor = out.iter().filter(|x| x.start == a).max_by_key(|x| x.end);
        let Some(Cand {
            end,
            kind: Kind::Date(ad),
            ..
        }) = anchor
        else {
            continue;
        };
        let (Some(y), Some(m), Some(dd)) = (ad.year, ad.month, ad.day) else {
            continue;
        };
        let Some(mut day) = NaiveDate::from_ymd_opt(y, m, dd) else {
            continue;
        };
        if ad.inferred && day < r {
            day = NaiveDate::from_ymd_opt(y + 1, m, dd).unwrap_or(day);
        }
        if let Some(res) = shift(day, dur.amount.value, dur.unit, sign) {
            extra.push(cand(c.start, *end, from_naive(res)));
        }
    }
    out.extend(extra);
}

/// Quarters and halves written without a year word before them: 一季度, 第四季度, 首季, Q4,
/// Q4 2024, the fourth quarter (of 2024), first half of 2026, H1 2026.
fn periods(t: &Text, r: Option<NaiveDate>, out: &mut Vec<Cand>) {
    let n = t.len();
    let mut i = 0;
    while i < n {
        let c = t.cs[i];
        let starts = matches!(
            c,
            '第' | '一'
                | '二'
                | '三'
                | '四'
                | '首'
                | 'Q'
                | 'q'
                | 'H'
                | 'f'
                | 's'
                | 't'
                | 'F'
                | 'S'
                | 'T'
        ) || ('1'..='4').contains(&c);
        if !starts || (c.is_ascii_alphanumeric() && i > 0 && t.at(i - 1).is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        // 前三季度 is a span of quarters, not the third one
        if i > 0 && t.at(i - 1) == '前' {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, Option<u32>, Option<u32>)> = None;
        if !c.is_ascii_alphabetic() || matches!(c, 'Q' | 'q') {
            found = cn_period(t, i).filter(|(e, _, _)| {
                // 第1季, 1季度 need the whole figure: not the 1 of 21季
                !(i > 0 && t.at(i - 1).is_ascii_digit()) && *e > i
            });
        }
        if found.is_none() {
            if matches!(c, 'H' | 'h')
                && matches!(t.at(i + 1), '1' | '2')
                && !t.at(i + 2).is_ascii_alphanumeric()
            {
                found = Some((i + 2, None, t.at(i + 1).to_digit(10)));
            }
            for (w, q) in [("first", 1), ("second", 2), ("third", 3), ("fourth", 4)] {
                if let Some(e) = t.word(i, w) {
                    let k = if t.at(e) == '-' { e + 1 } else { t.skip_sp(e) };
                    if let Some(e2) = t.word(k, "quarter") {
                        found = Some((e2, Some(q), None));
                    } else if q <= 2 {
                        if let Some(e2) = t.word(k, "half") {
                            found = Some((e2, None, Some(q)));
                        }
                    }
                }
            }
        }
        let Some((e, q, h)) = found else {
            i += 1;
            continue;
        };
        let mut d = date(None, None, None);
        d.quarter = q;
        d.half = h;
        let mut start = i;
        let mut end = e;
        // the year: "Q4 2024", "fourth quarter of 2024", "Q4 of last year"
        let k = t.skip_sp(e);
        let k2 = t.word(k, "of").map(|x| t.skip_sp(x)).unwrap_or(k);
        if let Some((e2, y, 4)) = digits_at(t, k2) {
            if !t.at(e2).is_ascii_alphanumeric() && t.at(e2) != '年' {
                d.year = Some(y as i32);
                end = e2;
            }
        } else if let (Some(r), true) = (r, k2 > k || t.word(k, "this").is_some()) {
            for (w, off) in [("this year", 0), ("last year", -1), ("next year", 1)] {
                if let Some(e2) = t.word(k2, w) {
                    d.year = Some(r.year() + off);
                    d.relative = true;
                    end = e2;
                }
            }
        }
        // "FY2024 Q4", "2024 Q4"
        if d.year.is_none() {
            let b = t.back_sp(i);
            if b >= 4 {
                if let Some((e0, y, 4)) = digits_at(t, b - 4) {
                    if e0 == b && !(b > 4 && t.at(b - 5).is_ascii_digit()) {
                        d.year = Some(y as i32);
                        start = b - 4;
                    }
                }
            }
        }
        if d.year.is_none() {
            d = infer_period_year(d, r);
        }
        if let Some(st) = t.ends_word(t.back_sp(start), "the") {
            start = st;
        }
        out.push(cand(start, end, d));
        i = end.max(i + 1);
    }
}

/// All date and duration candidates.
pub(crate) fn scan(t: &Text, toks: &[NumTok], r: Option<NaiveDate>, han: bool) -> Vec<Cand> {
    let mut out = Vec::new();
    numeric(t, han, r, &mut out);
    chinese(t, toks, r, &mut out);
    english(t, toks, r, &mut out);
    english_durations(t, toks, &mut out);
    bare_years(t, toks, han, &mut out);
    holidays(t, r, &mut out);
    easter(t, r, &mut out);
    periods(t, r, &mut out);
    if let Some(r) = r {
        anchored_spans(t, r, &mut out);
    }
    // "since"/"自…以来" marks
    for c in out.iter_mut() {
        if let Kind::Date(d) = &mut c.kind {
            let b = t.back_sp(c.start);
            if t.ends_word(b, "since").is_some()
                || t.ends(b, "自从").is_some()
                || t.ends(b, "自").is_some()
            {
                d.since = true;
            }
        }
    }
    out
}
