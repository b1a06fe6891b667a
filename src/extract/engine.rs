//! The rule engine: recognized values and entity mentions become typed items; each sentence
//! is rewritten as tagged text in which every item is one marker character; rule patterns
//! match the tagged text, and each match emits claims whose spans are the items' spans.

use super::entities::{self, Mention, MentionKind};
use super::lexicon::Lexicon;
use super::recognize::{self, Hedge, Kind, Num, Recognized};
use super::rules::{marker, EmitDef, Mode, Rule, RuleSet};
use crate::model::{Claim, Value};
use crate::normalize::NormText;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::ops::Range;

/// What an item is.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemVal {
    Value(Kind),
    Mention(Mention),
}

/// A typed item of the normalized text.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub start: usize,
    /// End of the claim span (a count's unit included).
    pub end: usize,
    /// End of the item in tagged text (its unit stays visible to patterns).
    pub tag_end: usize,
    pub val: ItemVal,
    /// A measure word or unit written right after a count (次, 篇, 年, stars …).
    pub unit: Option<String>,
}

impl Item {
    fn marker(&self) -> char {
        match &self.val {
            ItemVal::Value(k) => match k {
                Kind::Number(_) => marker::COUNT,
                Kind::Ordinal(_) => marker::ORDINAL,
                Kind::Percent(_) => marker::PERCENT,
                Kind::Multiple(_) => marker::MULTIPLE,
                Kind::Range(_) => marker::RANGE,
                Kind::Money(_) => marker::MONEY,
                Kind::Date(_) => marker::DATE,
                Kind::Duration(_) => marker::DURATION,
            },
            ItemVal::Mention(m) => match m.kind {
                MentionKind::Person => marker::PERSON,
                MentionKind::Org => marker::ORG,
                MentionKind::Product => marker::PRODUCT,
                MentionKind::Name | MentionKind::Outlet => marker::NAME,
                MentionKind::Title => marker::TITLE,
            },
        }
    }

    fn mention(&self) -> Option<&Mention> {
        match &self.val {
            ItemVal::Mention(m) => Some(m),
            _ => None,
        }
    }
}

/// Subject placeholders for an article that names no person or organisation: the reconciler
/// reads them as the story's most mentioned person or organisation.
pub const MAIN_PERSON: &str = "(main person)";
pub const MAIN_ORG: &str = "(main org)";

/// Measure words and units that belong to the count before them.
const UNITS: &[&str] = &[
    "颗星",
    "余次",
    "多次",
    "次",
    "篇",
    "年",
    "个月",
    "个",
    "款",
    "颗",
    "名",
    "人",
    "家",
    "位",
    "项",
    "倍",
    "分",
    "天",
    "周",
    "亿次",
    "万次",
    "股",
    "条",
    "部",
    "台",
    "辆",
    "架",
    "艘",
    "吨",
    "件",
    "张",
    "座",
    "所",
    "stars",
    " stars",
    " citations",
    " papers",
    " years",
    " users",
    " downloads",
    " points",
    " employees",
];

/// Build the items of a text.
pub fn items(text: &str, lex: &Lexicon, reference: Option<NaiveDate>) -> Vec<Item> {
    items_of(text, lex, recognize::recognize(text, reference))
}

/// [`items`] from the values `recognize::recognize` found in `text`.
fn items_of(text: &str, lex: &Lexicon, values: Vec<Recognized>) -> Vec<Item> {
    // A date followed by 消息/电/讯 is a dateline (when the news came), not an event date.
    let values: Vec<Recognized> = values
        .into_iter()
        .filter(|v| {
            !(matches!(v.kind, Kind::Date(_))
                && ["消息", "电", "讯", "报道"]
                    .iter()
                    .any(|w| text[v.end..].starts_with(w)))
        })
        .collect();
    let mentions = entities::mentions(text, lex);
    let mut all: Vec<(Item, u8)> = Vec::with_capacity(values.len() + mentions.len());
    for v in values {
        all.push((
            Item {
                start: v.start,
                end: v.end,
                tag_end: v.end,
                val: ItemVal::Value(v.kind),
                unit: None,
            },
            1,
        ));
    }
    for m in mentions {
        let prio = if m.known { 2 } else { 0 };
        all.push((
            Item {
                start: m.start,
                end: m.end,
                tag_end: m.end,
                val: ItemVal::Mention(m),
                unit: None,
            },
            prio,
        ));
    }
    all.sort_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)));
    let mut out: Vec<(Item, u8)> = Vec::with_capacity(all.len());
    for (it, prio) in all {
        if let Some((last, lprio)) = out.last() {
            if it.start < last.end {
                // An unknown Latin name that strictly contains a value keeps it (Qwen2.5-Max);
                // otherwise the higher priority, then the longer, wins.
                let it_contains = it.start <= last.start && it.end >= last.end;
                let better = (prio, it.end - it.start) > (*lprio, last.end - last.start);
                let name_over_value = prio == 0 && *lprio == 1 && it_contains && it.end > last.end;
                // A Latin name keeps the figure inside it (Qwen2.5-Max holds no 2.5).
                let inside_name = *lprio == 0
                    && prio == 1
                    && last.start <= it.start
                    && last.end >= it.end
                    && last.mention().is_some_and(|m| m.name.is_ascii());
                if inside_name {
                    continue;
                }
                if better || name_over_value {
                    out.pop();
                    if out.last().is_some_and(|(l, _)| it.start < l.end) {
                        continue;
                    }
                    out.push((it, prio));
                }
                continue;
            }
        }
        out.push((it, prio));
    }
    let mut items: Vec<Item> = out.into_iter().map(|(i, _)| i).collect();
    // A hedge written right before a span of time ("超20年"): the duration is hedged.
    for i in 0..items.len() {
        let prev_end = if i > 0 { items[i - 1].end } else { 0 };
        let start = items[i].start;
        if let ItemVal::Value(Kind::Duration(d)) = &mut items[i].val {
            if d.amount.hedge != Hedge::Exact {
                continue;
            }
            for (w, h) in [
                ("超过", Hedge::MoreThan),
                ("超", Hedge::MoreThan),
                ("逾", Hedge::MoreThan),
                ("接近", Hedge::Nearly),
                ("近", Hedge::Nearly),
                ("大约", Hedge::Approx),
                ("约", Hedge::Approx),
            ] {
                if text[prev_end..start].ends_with(w) {
                    d.amount.hedge = h;
                    items[i].start = start - w.len();
                    break;
                }
            }
        }
    }
    // Units after counts.
    for i in 0..items.len() {
        if !matches!(items[i].val, ItemVal::Value(Kind::Number(_))) {
            continue;
        }
        let end = items[i].end;
        let limit = items.get(i + 1).map(|n| n.start).unwrap_or(text.len());
        let rest = &text[end..limit];
        if let Some(u) = UNITS.iter().find(|u| rest.starts_with(**u)) {
            items[i].end = end + u.len();
            // The unit stays in the tagged text for patterns to read.
            let u = u.trim().trim_start_matches(['余', '多']);
            // Units of time read as durations' units, so 20余年 compares with 超20年.
            let u = match u {
                "年" | "years" => "year",
                "个月" => "month",
                "天" => "day",
                "周" => "week",
                other => other,
            };
            items[i].unit = Some(u.to_string());
        }
    }
    items
}

/// Sentence ranges of a text: split after 。！？!? and newlines (a ； joins clauses of one
/// sentence, which share their subject and period).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = vec![];
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
            let end = i + c.len_utf8();
            if text[start..end].trim().chars().count() > 1 {
                out.push(start..end);
            }
            start = end;
        } else if c == '.' {
            // An English full stop: followed by a space and a capital or end.
            let next = text[i + 1..].chars().next();
            let after = text[i + 1..].chars().nth(1);
            if next == Some(' ')
                && after.is_some_and(|a| a.is_uppercase())
                && !entities::after_initials(&text[..i + 1])
            {
                let end = i + 1;
                out.push(start..end);
                start = end;
            }
        }
    }
    if text[start..].trim().chars().count() > 1 {
        out.push(start..text.len());
    }
    out
}

/// The longest sentence, in characters, that the rules see. A longer one (a text without
/// sentence stops, or one huge line of clauses) is cut into pieces of at most this many
/// characters, at the last clause mark (，,；;：:、 or a space) in the second half of the
/// piece when there is one, and never inside an item. Patterns with gaps search to the end
/// of their sentence, and the period and segment of a claim are read from the sentence up to
/// its value, so an unbounded sentence makes extraction quadratic. The longest sentence of
/// the fixtures and the shared corpus is about 900 characters.
pub const MAX_SENTENCE_CHARS: usize = 1000;

/// `sent`, cut into pieces of at most [`MAX_SENTENCE_CHARS`] characters (see there).
fn bounded(text: &str, sent: Range<usize>, items: &[Item], out: &mut Vec<Range<usize>>) {
    let mut start = sent.start;
    loop {
        // The byte offset MAX_SENTENCE_CHARS characters on, and the last clause mark
        // after half of that.
        let mut limit = None;
        let mut soft = None;
        for (n, (i, c)) in text[start..sent.end].char_indices().enumerate() {
            if n == MAX_SENTENCE_CHARS {
                limit = Some(start + i);
                break;
            }
            if n >= MAX_SENTENCE_CHARS / 2
                && matches!(c, '，' | ',' | '；' | ';' | '：' | ':' | '、' | ' ')
            {
                soft = Some(start + i + c.len_utf8());
            }
        }
        let Some(limit) = limit else {
            push_sentence(text, start..sent.end, out);
            return;
        };
        // Never inside an item: the item that starts last before the cut ends before it.
        let inside = |at: usize| {
            let k = items.partition_point(|it| it.start < at);
            (k > 0 && items[k - 1].end.max(items[k - 1].tag_end) > at).then(|| &items[k - 1])
        };
        let mut cut = soft.filter(|&b| inside(b).is_none()).unwrap_or(limit);
        if let Some(it) = inside(cut) {
            cut = if it.start > start {
                it.start
            } else {
                it.end.max(it.tag_end).min(sent.end)
            };
        }
        push_sentence(text, start..cut, out);
        if cut >= sent.end {
            return;
        }
        start = cut;
    }
}

/// Keep a sentence of more than one character (after trimming).
fn push_sentence(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    if text[r.clone()].trim().chars().nth(1).is_some() {
        out.push(r);
    }
}

/// A sentence in tagged form.
struct Tagged {
    text: String,
    /// (tagged byte offset of an item marker, item index), by offset.
    at: Vec<(usize, usize)>,
    /// (tagged offset, normalized offset) at every character, with a closing sentinel.
    offsets: Vec<(usize, usize)>,
}

impl Tagged {
    /// The item whose marker is at this tagged offset.
    fn item_at(&self, offset: usize) -> Option<usize> {
        self.at
            .binary_search_by_key(&offset, |&(o, _)| o)
            .ok()
            .map(|i| self.at[i].1)
    }
    /// The normalized range of a tagged range.
    fn norm_range(&self, r: Range<usize>) -> Range<usize> {
        let find = |t: usize| {
            let i = self.offsets.partition_point(|&(a, _)| a < t);
            self.offsets.get(i).map(|&(_, n)| n).unwrap_or(0)
        };
        find(r.start)..find(r.end)
    }
}

fn tag(text: &str, range: Range<usize>, items: &[Item], first: usize) -> Tagged {
    let mut out = String::with_capacity(range.len());
    let mut at = Vec::new();
    let mut offsets = Vec::with_capacity(range.len() / 2);
    let mut i = range.start;
    let mut k = first;
    while i < range.end {
        if k < items.len() && items[k].start == i && items[k].tag_end <= range.end {
            at.push((out.len(), k));
            offsets.push((out.len(), i));
            out.push(items[k].marker());
            i = items[k].tag_end;
            k += 1;
            continue;
        }
        while k < items.len() && items[k].start < i {
            k += 1;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        offsets.push((out.len(), i));
        out.push(c);
        i += c.len_utf8();
    }
    offsets.push((out.len(), range.end));
    Tagged {
        text: out,
        at,
        offsets,
    }
}

/// The main entities of a document: the most mentioned person and organisation.
#[derive(Debug, Clone, Default)]
pub struct MainEntities {
    pub person: Option<String>,
    pub org: Option<String>,
}

pub fn main_entities(items: &[Item]) -> MainEntities {
    let mut counts: BTreeMap<(MentionKind, String), (usize, usize)> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        if let Some(m) = it.mention() {
            let e = counts
                .entry((m.kind, m.canonical.clone()))
                .or_insert((0, i));
            e.0 += 1;
        }
    }
    // A person mentioned once is never the main person (a name in passing, or a word the
    // extractor took for a name).
    let best = |kinds: &[MentionKind], min: usize| {
        counts
            .iter()
            .filter(|((k, _), (n, _))| kinds.contains(k) && *n >= min)
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|((_, n), _)| n.clone())
    };
    MainEntities {
        person: best(&[MentionKind::Person], 2),
        org: best(&[MentionKind::Org], 1),
    }
}

/// Format a number without trailing zeros.
pub fn fmt_num(v: f64) -> String {
    // Floating-point products of scales (265.4 × 1e8) print as the figure written.
    let r = v.round();
    if (v - r).abs() <= v.abs() * 1e-9 && r.abs() < 1e16 {
        format!("{}", r as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn hedge_sign(h: &str) -> &'static str {
    match h {
        "more-than" => ">",
        "at-least" => "≥",
        "nearly" => "≲",
        "less-than" => "<",
        "at-most" => "≤",
        "approx" => "~",
        _ => "",
    }
}

/// The display form of a value (used in messages, examples and groupings).
pub fn display(v: &Value) -> String {
    match v {
        Value::Quantity {
            min: Some(lo),
            max: Some(hi),
            hedge,
            unit,
            ..
        } if hedge == "range" => format!(
            "{}–{}{}",
            fmt_num(*lo),
            fmt_num(*hi),
            unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
        ),
        Value::Quantity {
            written,
            hedge,
            unit,
            ..
        } => format!(
            "{}{}{}",
            hedge_sign(hedge),
            fmt_num(*written),
            unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
        ),
        Value::Money {
            min: Some(lo),
            max: Some(hi),
            hedge,
            currency,
            ..
        } if hedge == "range" => format!(
            "{}–{} {}",
            fmt_num(*lo),
            fmt_num(*hi),
            currency.as_deref().unwrap_or("?")
        ),
        Value::Percent {
            min: Some(lo),
            max: Some(hi),
            hedge,
            ..
        } if hedge == "range" => format!("{}–{}%", fmt_num(*lo), fmt_num(*hi)),
        Value::Money {
            written,
            hedge,
            currency,
            ..
        } => format!(
            "{}{} {}",
            hedge_sign(hedge),
            fmt_num(*written),
            currency.as_deref().unwrap_or("?")
        ),
        Value::Percent { written, hedge, .. } => {
            format!("{}{}%", hedge_sign(hedge), fmt_num(*written))
        }
        Value::Date { value, part, .. } => match part {
            Some(p) => format!("{value} ({p})"),
            None => value.clone(),
        },
        Value::Entity { canonical, .. } => canonical.clone(),
        Value::Text { text } => text.clone(),
    }
}

fn num_value(n: &Num, unit: Option<String>) -> Value {
    let (min, max) = n.interval();
    Value::Quantity {
        min,
        max,
        written: n.value,
        step: n.step,
        hedge: n.hedge.as_str().into(),
        unit,
    }
}

/// The claim value of an item.
pub fn item_value(it: &Item) -> Value {
    match &it.val {
        ItemVal::Value(k) => match k {
            Kind::Number(n) => num_value(n, it.unit.clone()),
            Kind::Ordinal(n) => num_value(n, Some("rank".into())),
            Kind::Multiple(n) => num_value(n, Some("x".into())),
            Kind::Percent(n) => {
                let (min, max) = n.interval();
                Value::Percent {
                    min,
                    max,
                    written: n.value,
                    step: n.step,
                    hedge: n.hedge.as_str().into(),
                }
            }
            Kind::Money(m) => {
                let (min, max) = m.amount.interval();
                Value::Money {
                    min,
                    max,
                    written: m.amount.value,
                    step: m.amount.step,
                    hedge: m.amount.hedge.as_str().into(),
                    currency: m.currency.clone(),
                }
            }
            Kind::Range(r) => {
                let (min, max, written) = (r.min, r.max, r.min.or(r.max).unwrap_or(0.0));
                let hedge = "range".to_string();
                match r.unit.as_deref() {
                    // 30亿至40亿元, "$2bn-$3bn": a range of money compares with amounts.
                    Some(u) if u != "%" && u != "x" => Value::Money {
                        min,
                        max,
                        written,
                        step: 1.0,
                        hedge,
                        currency: (u != "money").then(|| u.to_string()),
                    },
                    Some("%") => Value::Percent {
                        min,
                        max,
                        written,
                        step: 1.0,
                        hedge,
                    },
                    _ => Value::Quantity {
                        min,
                        max,
                        written,
                        step: 1.0,
                        hedge,
                        unit: match r.unit.as_deref() {
                            Some("x") => Some("x".into()),
                            _ => it.unit.clone(),
                        },
                    },
                }
            }
            Kind::Date(d) => Value::Date {
                value: d.timex(),
                precision: d.precision().into(),
                part: d.part.map(|p| p.as_str().to_string()),
                inferred: d.relative,
            },
            Kind::Duration(d) => {
                let unit = match d.unit {
                    recognize::TimeUnit::Day => "day",
                    recognize::TimeUnit::Week => "week",
                    recognize::TimeUnit::Month => "month",
                    recognize::TimeUnit::Quarter => "quarter",
                    recognize::TimeUnit::Year => "year",
                };
                let mut v = num_value(&d.amount, Some(unit.into()));
                if let (Value::Quantity { .. }, Some(_)) = (&v, &d.direction) {
                    // Keep the direction in the unit for display: "month after".
                    if let Value::Quantity { unit: u, .. } = &mut v {
                        *u = Some(format!("{unit} {}", d.direction.as_deref().unwrap_or("")));
                    }
                }
                v
            }
        },
        ItemVal::Mention(m) => Value::Entity {
            name: m.name.clone(),
            canonical: m.canonical.clone(),
            kind: m.kind.as_str().into(),
        },
    }
}

/// The text needed to turn normalized ranges into claims.
pub struct Source<'a> {
    pub norm: &'a NormText,
    /// The decoded text the normalized text maps into.
    pub decoded: &'a str,
    /// Decoded offset → offset in the bytes on disk.
    pub to_original: &'a dyn Fn(usize) -> usize,
    /// The publication date, for relative dates and as-of times.
    pub published: Option<NaiveDate>,
    /// The publication date as reported (`YYYY-MM-DD` or `YYYY-MM`).
    pub published_text: Option<String>,
}

/// Extract claims from a normalized text.
pub fn extract(src: &Source, rules: &RuleSet, lex: &Lexicon) -> Vec<Claim> {
    extract_with(
        src,
        rules,
        lex,
        recognize::recognize(&src.norm.text, src.published),
    )
}

/// [`extract`] from the values `recognize::recognize(text, src.published)` found.
pub fn extract_with(
    src: &Source,
    rules: &RuleSet,
    lex: &Lexicon,
    values: Vec<Recognized>,
) -> Vec<Claim> {
    let text = &src.norm.text;
    let items = items_of(text, lex, values);
    let metrics = lex.find_metrics(text);
    let main = main_entities(&items);
    let doc_period = super::frame::doc_period(text);
    let mut claims = Vec::new();
    // Rules run in order, fallback rules last; `pattern_start[i]` is the index of rule i's
    // first pattern in the prefilter.
    let mut rule_order: Vec<usize> = (0..rules.rules.len())
        .filter(|&i| !rules.rules[i].def.fallback)
        .collect();
    rule_order.extend((0..rules.rules.len()).filter(|&i| rules.rules[i].def.fallback));
    let mut pattern_start = Vec::with_capacity(rules.rules.len());
    let mut n = 0;
    for r in &rules.rules {
        pattern_start.push(n);
        n += r.regexes.len();
    }
    let nearest = NearestMentions::new(&items);
    let mut pieces = Vec::new();
    for sent in sentences(text) {
        bounded(text, sent, &items, &mut pieces);
    }
    let mut first = 0;
    for sent in pieces.iter().cloned() {
        while first < items.len() && items[first].start < sent.start {
            first += 1;
        }
        let tagged = tag(text, sent.clone(), &items, first);
        // Values claimed by specific rules; `fallback` rules only take the others.
        let mut claimed: std::collections::HashSet<crate::model::Span> = Default::default();
        // Patterns whose required literals are not in the sentence cannot match it.
        let candidates = rules.prefilter.candidates(&tagged.text);
        let may_match = |k: usize| candidates.get(k).copied().unwrap_or(true);
        let ordered = rule_order.iter().map(|&i| (i, &rules.rules[i]));
        for (ri, rule) in ordered {
            let first_pattern = pattern_start[ri];
            let k = first_pattern + rule.regexes.len();
            if !(first_pattern..k).any(may_match) {
                continue;
            }
            // Patterns are tried in order: a value an earlier pattern of the rule claimed is
            // not claimed again by a later one.
            let mut taken: std::collections::HashSet<(crate::model::Span, String)> =
                Default::default();
            for (j, re) in rule.regexes.iter().enumerate() {
                if !may_match(first_pattern + j) {
                    continue;
                }
                let mut found = vec![];
                let ctx = Ctx {
                    src,
                    tagged: &tagged,
                    items: &items,
                    sent: &sent,
                    nearest: &nearest,
                    main: &main,
                    metrics: &metrics,
                    lex,
                    doc_period: doc_period.as_deref(),
                };
                let mut emit_all = |slots: &Slots| {
                    for emit in &rule.def.emit {
                        if let Some(c) = emit_claim(&ctx, rule, emit, slots) {
                            found.push(c);
                        }
                    }
                };
                // A pattern that is one slot: its matches are the slot's markers.
                match rule.single.get(j).and_then(Option::as_ref) {
                    Some(one) => {
                        for r in one.matches(&tagged.text) {
                            emit_all(&Slots::One(&one.name, r));
                        }
                    }
                    None => {
                        for caps in re.captures_iter(&tagged.text) {
                            emit_all(&Slots::Caps(&caps));
                        }
                    }
                }
                for c in found {
                    if rule.def.fallback && claimed.contains(&c.span) {
                        continue;
                    }
                    if taken.insert((c.span, c.predicate.clone())) {
                        if c.predicate != "mentions" {
                            claimed.insert(c.span);
                        }
                        claims.push(c);
                    }
                }
            }
        }
    }
    // The generic frame: every figure a measure word governs that no specific rule took is
    // a claim under that measure; it replaces the figure's fallback `mentions-*` claim.
    let specific: std::collections::HashSet<crate::model::Span> = claims
        .iter()
        .filter(|c| !c.predicate.starts_with("mentions"))
        .map(|c| c.span)
        .collect();
    let framed = super::frame::figures(
        src, &items, &pieces, &metrics, &main, &specific, lex, "frame",
    );
    if !framed.is_empty() {
        let spans: std::collections::HashSet<crate::model::Span> =
            framed.iter().map(|c| c.span).collect();
        claims.retain(|c| !(c.predicate.starts_with("mentions-") && spans.contains(&c.span)));
        claims.extend(framed);
    }
    claims.extend(super::events::claims(src, &items, &pieces, lex));
    claims.extend(super::relations::claims(src, &items, &pieces, lex));
    // The date frame: every date and duration whose clause names an event is a claim under
    // that event; it replaces the value's fallback `mentions-date` claim (a claim a rule
    // keeps but never compares, `mode: multi`, stays beside it).
    let taken: std::collections::HashSet<crate::model::Span> = claims
        .iter()
        .filter(|c| !c.predicate.starts_with("mentions"))
        .filter(|c| c.qualifiers.get("mode").map(String::as_str) != Some("multi"))
        .map(|c| c.span)
        .collect();
    let dated = super::dates_frame::claims(src, &items, &pieces, &main, &taken, "date-frame");
    if !dated.is_empty() {
        let spans: std::collections::HashSet<crate::model::Span> =
            dated.iter().map(|c| c.span).collect();
        claims.retain(|c| !(c.predicate.starts_with("mentions-") && spans.contains(&c.span)));
        claims.extend(dated);
    }
    // One claim per (span, predicate, subject, value): several patterns may find the same.
    // (Keys borrow the claims: no copies of predicates and subjects.)
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(claims.len());
        claims
            .iter()
            .map(|c| {
                seen.insert((
                    c.span,
                    c.predicate.as_str(),
                    c.subject.as_str(),
                    display(&c.value),
                ))
            })
            .collect()
    };
    let mut keep = keep.into_iter();
    claims.retain(|_| keep.next().unwrap_or(true));
    claims
}

/// The kinds of mention a claim's subject may be (`subject_kind`).
#[derive(Clone, Copy)]
enum SubjectKind {
    Person,
    Org,
    Product,
    Any,
}

impl SubjectKind {
    const ALL: [SubjectKind; 4] = [Self::Person, Self::Org, Self::Product, Self::Any];

    fn of(kind: &str) -> SubjectKind {
        match kind {
            "person" => Self::Person,
            "org" => Self::Org,
            "product" => Self::Product,
            _ => Self::Any,
        }
    }

    fn accepts(self, m: &Mention) -> bool {
        match self {
            Self::Person => m.kind == MentionKind::Person,
            Self::Org => matches!(m.kind, MentionKind::Org | MentionKind::Name),
            Self::Product => matches!(m.kind, MentionKind::Product | MentionKind::Name),
            Self::Any => matches!(m.kind, MentionKind::Person | MentionKind::Org),
        }
    }
}

/// For each subject kind and item index `k`, the last item before `k` that is a mention of
/// that kind: the subject search in constant time instead of a walk back through the
/// paragraph for every claim (quadratic in a long paragraph without such a name).
struct NearestMentions {
    /// `last[kind][k]`: the index + 1 of the last accepted mention among `items[..k]`, or 0.
    last: [Vec<usize>; 4],
}

impl NearestMentions {
    fn new(items: &[Item]) -> NearestMentions {
        let last = SubjectKind::ALL.map(|kind| {
            let mut v = Vec::with_capacity(items.len() + 1);
            let mut cur = 0;
            v.push(cur);
            for (k, it) in items.iter().enumerate() {
                if it.mention().is_some_and(|m| kind.accepts(m)) {
                    cur = k + 1;
                }
                v.push(cur);
            }
            v
        });
        NearestMentions { last }
    }

    /// The last mention of `kind` among the items before index `k`.
    fn before(&self, kind: SubjectKind, k: usize) -> Option<usize> {
        self.last[kind as usize][k].checked_sub(1)
    }
}

/// What a match sees of its sentence and document.
struct Ctx<'a> {
    src: &'a Source<'a>,
    tagged: &'a Tagged,
    items: &'a [Item],
    sent: &'a Range<usize>,
    nearest: &'a NearestMentions,
    main: &'a MainEntities,
    metrics: &'a [super::lexicon::MetricMatch],
    lex: &'a Lexicon,
    /// The period the article's headline and lead give, for sentences that name none.
    doc_period: Option<&'a str>,
}

/// The groups of one match of a pattern: a regex match, or the one slot of a pattern that
/// is nothing else ([`super::rules::SingleSlot`]), found without the regex.
enum Slots<'a, 'h> {
    Caps(&'a regex::Captures<'h>),
    One(&'a str, Range<usize>),
}

impl Slots<'_, '_> {
    /// The tagged byte range of the group `name`, if it took part in the match.
    fn name(&self, name: &str) -> Option<Range<usize>> {
        match self {
            Slots::Caps(c) => c.name(name).map(|m| m.range()),
            Slots::One(n, r) => (*n == name).then(|| r.clone()),
        }
    }
}

fn emit_claim(ctx: &Ctx, rule: &Rule, emit: &EmitDef, caps: &Slots) -> Option<Claim> {
    let Ctx {
        src,
        tagged,
        items,
        sent,
        nearest,
        main,
        metrics,
        lex,
        doc_period,
    } = *ctx;
    let slot_item = |name: &str| -> Option<usize> {
        let m = caps.name(name)?;
        tagged.item_at(m.start)
    };
    // A raw group `(?P<name>…)` that is not a slot: its normalized text.
    let raw = |name: &str| -> Option<Range<usize>> {
        let m = caps.name(name)?;
        if tagged.item_at(m.start).is_some() || m.is_empty() {
            return None;
        }
        Some(tagged.norm_range(m))
    };
    let (mut value_range, value, vi) = match slot_item(&emit.value) {
        Some(vi) => {
            let it = &items[vi];
            (it.start..it.end, item_value(it), vi)
        }
        None => {
            let r = raw(&emit.value)?;
            let t = &src.norm.text[r.clone()];
            // The first item at or after the raw group, for the subject search.
            let vi = items.partition_point(|it| it.start < r.start);
            // A name the lexicons know is that entity, under its canonical name.
            let v = match lex.canonical_of(t) {
                Some((canonical, kind)) => Value::Entity {
                    name: t.to_string(),
                    canonical,
                    kind,
                },
                None => raw_value(t),
            };
            (r.clone(), v, vi)
        }
    };
    let value = match (emit.value_as.as_deref(), &value) {
        (Some("year"), Value::Quantity { written, .. }) if (1900.0..2100.0).contains(written) => {
            raw_value(&fmt_num(*written))
        }
        (Some("year"), Value::Date { .. }) => value,
        (Some("year"), _) => return None,
        // An amount written without its currency (营收418亿) is still money: it compares
        // with the amounts of its measure in any currency the story gives.
        (
            Some("money"),
            Value::Quantity {
                min,
                max,
                written,
                step,
                hedge,
                unit: None,
            },
        ) => Value::Money {
            min: *min,
            max: *max,
            written: *written,
            step: *step,
            hedge: hedge.clone(),
            currency: None,
        },
        _ => value,
    };
    // A value stated per N units (每10股派12元): the value of one unit, with the span from
    // the count on, so that a reader sees what was divided.
    let mut value = value;
    if let Some(slot) = &emit.per {
        let ni = slot_item(slot)?;
        let n = match item_value(&items[ni]) {
            Value::Quantity { written, .. } if written > 0.0 => written,
            _ => return None,
        };
        if let Value::Money {
            min,
            max,
            written,
            step,
            ..
        }
        | Value::Quantity {
            min,
            max,
            written,
            step,
            ..
        } = &mut value
        {
            *min = min.map(|v| v / n);
            *max = max.map(|v| v / n);
            *written /= n;
            *step /= n;
        } else {
            return None;
        }
        value_range = items[ni].start.min(value_range.start)..value_range.end;
    }
    if let (Some(min), Value::Quantity { written, .. } | Value::Money { written, .. }) =
        (emit.at_least, &value)
    {
        if *written < min {
            return None;
        }
    }
    let kind = emit.subject_kind.as_deref().unwrap_or("any");
    // True when no name in the sentence is the subject: the article's main organisation
    // stands in, and the reconciler reads it as the story's.
    let mut default_subject = false;
    let subject = match emit.subject.as_deref().and_then(slot_item) {
        Some(si) => items[si].mention().map(|m| m.canonical.clone()),
        None => {
            // The nearest name of the right kind before the value, in the sentence.
            // Only the sentence: a name of an earlier sentence is not the subject of this
            // one's figures ("公司…" refers to the article's company, the story's).
            let from = sent.start;
            let lo = items.partition_point(|it| it.start < from);
            let before = nearest
                .before(SubjectKind::of(kind), vi)
                .filter(|&k| k >= lo)
                .and_then(|k| items[k].mention())
                .map(|m| m.canonical.clone());
            // Else the article's main entity of that kind; an article that names none
            // leaves the subject to the story's main entity, resolved by the reconciler.
            before.or_else(|| match kind {
                "person" => main.person.clone().or_else(|| Some(MAIN_PERSON.into())),
                "org" | "product" => {
                    default_subject = true;
                    main.org.clone().or_else(|| Some(MAIN_ORG.into()))
                }
                _ => main.person.clone().or_else(|| main.org.clone()),
            })
        }
    };
    let subject = subject.unwrap_or_else(|| "(unknown)".into());
    // "@metric": the nearest metric word before the value in the sentence.
    let mut modifier = None;
    let predicate = if emit.predicate == "@metric" {
        // Metric matches do not overlap and are in order, so their ends are sorted too: the
        // last one ending before the value is the only candidate.
        let k = metrics.partition_point(|m| m.end <= value_range.start);
        let m = k
            .checked_sub(1)
            .map(|k| &metrics[k])
            .filter(|m| m.start >= sent.start)?;
        // The noun right before the measure word, after the last item before it.
        modifier = Some(super::frame::noun_of_measure(
            &src.norm.text,
            items,
            sent.start,
            m.start,
        ));
        m.canonical.clone()
    } else {
        emit.predicate.clone()
    };
    let before = &src.norm.text[sent.start..value_range.start.max(sent.start)];
    let mut qualifiers = BTreeMap::new();
    for (k, v) in &emit.qualifiers {
        let resolved = if let Some(slot) = v.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            match (slot_item(slot), raw(slot)) {
                (Some(i), _) => display(&item_value(&items[i])),
                (None, Some(r)) => display(&raw_value(&src.norm.text[r])),
                (None, None) => continue,
            }
        } else if k == "period" && (v == "auto" || v == "required") {
            // The sentence's period, else the article's (a results story says 上半年 in its
            // headline and lead, not in every sentence) for a measure that varies by period.
            let of_doc = doc_period
                .filter(|_| super::frame::periodic(&predicate))
                .map(str::to_string);
            match super::context::period(before).or(of_doc) {
                Some(p) => p,
                // Without a period, figures of a measure that varies by period are not
                // compared (kept in the report, marked).
                None if v == "required" => {
                    qualifiers.insert("compare".into(), "no-period".into());
                    continue;
                }
                None => continue,
            }
        } else if k == "moment" && v == "auto" {
            // When in the day (or over which horizon) a moving figure is quoted: 收盘 → close.
            let after = &src.norm.text[value_range.end.min(sent.end)..sent.end];
            if let Some((q, m)) = super::context::moment(before, after) {
                qualifiers.insert(q, m);
            }
            continue;
        } else if k == "segment" && v == "auto" {
            match super::context::segment(before) {
                Some(p) => p,
                None => continue,
            }
        } else if k == "as_of" && v == "before" {
            // The value held until the time of the sentence (从X转岗至Y): just before it.
            match &src.published_text {
                Some(p) => format!("before {p}"),
                None => continue,
            }
        } else {
            v.clone()
        };
        qualifiers.insert(k.clone(), resolved);
    }
    if let Some(m) = modifier {
        if let Some(m) = m {
            qualifiers.entry("of".into()).or_insert(m);
        }
        // A measure word's figure takes the role its clause's cues give, unless the rule
        // set one.
        if let Some(cls) = super::frame::value_class(&value) {
            if let Some((q, v)) =
                super::frame::role_of(lex, &src.norm.text, sent, value_range.start, cls)
            {
                qualifiers.entry(q).or_insert(v);
            }
        }
    }
    if default_subject {
        qualifiers.insert("subject_from".into(), "article".into());
    }
    if emit.mode == Mode::TimeVarying && !qualifiers.contains_key("as_of") {
        if let Some(p) = &src.published_text {
            qualifiers.insert("as_of".into(), p.clone());
            qualifiers.insert("as_of_source".into(), "published".into());
        }
    }
    if emit.mode != Mode::Single {
        qualifiers.insert(
            "mode".into(),
            match emit.mode {
                Mode::TimeVarying => "time-varying",
                Mode::Multi => "multi",
                Mode::Single => "single",
            }
            .into(),
        );
    }
    let d = src.norm.decoded_range(value_range);
    let span = crate::model::Span::new((src.to_original)(d.start), (src.to_original)(d.end));
    Some(Claim {
        id: String::new(),
        doc: String::new(),
        span,
        text: src.decoded[d].to_string(),
        subject,
        predicate,
        value,
        qualifiers,
        rule: rule.def.id.clone(),
    })
}

/// The value of a raw pattern group: a year, a number, or text.
pub fn raw_value(t: &str) -> Value {
    let t = t.trim();
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return Value::Date {
            value: t.to_string(),
            precision: "year".into(),
            part: None,
            inferred: false,
        };
    }
    if let Ok(v) = t.parse::<f64>() {
        return num_value(&Num::exact(v), None);
    }
    Value::Text {
        text: t.to_string(),
    }
}

/// Hedge for tests and examples.
pub fn hedge_of(v: &Value) -> Option<Hedge> {
    let h = match v {
        Value::Quantity { hedge, .. }
        | Value::Money { hedge, .. }
        | Value::Percent { hedge, .. } => hedge,
        _ => return None,
    };
    Some(match h.as_str() {
        "more-than" => Hedge::MoreThan,
        "at-least" => Hedge::AtLeast,
        "nearly" => Hedge::Nearly,
        "less-than" => Hedge::LessThan,
        "at-most" => Hedge::AtMost,
        "approx" => Hedge::Approx,
        "vague" => Hedge::Vague,
        _ => Hedge::Exact,
    })
}

/// Which patterns match somewhere in a text's tagged sentences: `(rule index, pattern
/// index)` pairs, whether or not the match gave a claim (`factcheck rules coverage`).
pub fn pattern_hits(
    text: &str,
    published: Option<NaiveDate>,
    rules: &RuleSet,
    lex: &Lexicon,
) -> std::collections::BTreeSet<(usize, usize)> {
    let items = items(text, lex, published);
    let mut out = std::collections::BTreeSet::new();
    let mut first = 0;
    for sent in sentences(text) {
        while first < items.len() && items[first].start < sent.start {
            first += 1;
        }
        let tagged = tag(text, sent, &items, first);
        for (ri, rule) in rules.rules.iter().enumerate() {
            for (j, re) in rule.regexes.iter().enumerate() {
                if !out.contains(&(ri, j)) && re.is_match(&tagged.text) {
                    out.insert((ri, j));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, items: &[Item]) -> Vec<Range<usize>> {
        let mut out = vec![];
        for s in sentences(text) {
            bounded(text, s, items, &mut out);
        }
        out
    }

    fn count(item_start: usize, item_end: usize) -> Item {
        Item {
            start: item_start,
            end: item_end,
            tag_end: item_end,
            val: ItemVal::Value(Kind::Number(Num::exact(1.0))),
            unit: None,
        }
    }

    #[test]
    fn a_sentence_without_stops_is_cut_after_a_clause() {
        let text = "星河集团宣布林嘉禾出任副总裁，".repeat(300);
        assert_eq!(sentences(&text).len(), 1);
        let p = pieces(&text, &[]);
        assert!(p.len() >= 5, "{}", p.len());
        assert_eq!(p[0].start, 0);
        assert_eq!(p.last().unwrap().end, text.len());
        for w in p.windows(2) {
            assert_eq!(w[0].end, w[1].start, "pieces are contiguous");
        }
        for r in &p {
            let n = text[r.clone()].chars().count();
            assert!(
                n <= MAX_SENTENCE_CHARS && n > MAX_SENTENCE_CHARS / 2 - 15,
                "{n}"
            );
            assert!(text[r.clone()].ends_with('，'));
        }
    }

    #[test]
    fn a_cut_without_clause_marks_is_hard_and_never_inside_an_item() {
        let text = "一".repeat(2500);
        let p = pieces(&text, &[]);
        let lens: Vec<usize> = p.iter().map(|r| text[r.clone()].chars().count()).collect();
        assert_eq!(lens, [1000, 1000, 500]);
        // An item across the first hard cut (characters 998..1003): the cut moves before it.
        let c = '一'.len_utf8();
        let items = [count(998 * c, 1003 * c)];
        let p = pieces(&text, &items);
        assert_eq!(p[0], 0..998 * c);
        assert_eq!(p[1].start, 998 * c);
        // Short sentences are untouched.
        assert_eq!(pieces("他加入了星河。她也加入了。", &[]).len(), 2);
    }
}
