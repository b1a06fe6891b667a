//! The date frame: a date or a duration is a comparable fact when its clause says what it is
//! the date (or the length) of. For every date, bare weekday, bare day of the month and
//! duration that no specific rule took, the frame finds:
//!
//! - the **event concept**: the nearest word of the event lexicon (`rules/lexicon/events.yaml`)
//!   to the value in its clause, with no other date between them; a date standing alone at the
//!   head of a sentence ("2025年3月2日，…", "In March, …") takes the words of the next clause.
//!   An object right after the verb names the event (签署谅解备忘录 → `mou`); a word that moves
//!   an event (延至, pushed back to) carries the event named before it in the sentence;
//! - the **value**: the date as the recognizer read it, "before" (X之前, before X) and "by"
//!   (by X) as open intervals; a bare weekday ("on Tuesday", 周二) or a bare day (19日) resolved
//!   against the article's own publication date (the nearest such day on or before it, after it
//!   when the clause says will / next / 将); a duration as a figure with its time unit (滿9年,
//!   nine-year, 三天; 近九年 is just under nine years);
//! - the **subject**: the figure frame's (`frame::subject_of`): the nearest organisation or
//!   name before the value in its sentence, else the article's main organisation, marked
//!   `subject_from: article`.
//!
//! The claim is `date:<concept>` or `duration:<concept>`; the reconciler groups it like any
//! other claim. A date whose clause names no event stays `mentions-date`. The frame knows only
//! its document: it never looks at other articles.

use super::engine::{item_value, Item, ItemVal, MainEntities, Source};
use super::entities::MentionKind;
use super::recognize::{Hedge, Kind, TimeUnit};
use crate::model::{Claim, Span, Value};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{Datelike, Duration as Days, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// One event concept of the lexicon.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub concept: String,
    pub forms: Vec<String>,
    /// A thing a verb acts on (a memorandum): right after the verb, it names the event.
    #[serde(default)]
    pub object: bool,
    /// A word that moves an event (延至): the date is the new date of the event named before.
    #[serde(default)]
    pub carry: bool,
    /// A sentence of our own in which a date or duration gets this concept (run by `cargo test`).
    pub example: String,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub events: Vec<EventDef>,
}

/// The compiled event lexicon: definitions, one matcher over all forms, the entry of each form.
pub struct Events {
    pub defs: Vec<EventDef>,
    matcher: Option<AhoCorasick>,
    entry: Vec<usize>,
}

impl Events {
    /// Compile event definitions (forms folded as the text is: traditional → simplified,
    /// full-width → ASCII).
    pub fn new(defs: Vec<EventDef>) -> Events {
        let mut forms: Vec<(String, usize)> = vec![];
        for (i, d) in defs.iter().enumerate() {
            for f in &d.forms {
                let folded = crate::normalize::normalize_str(f).text;
                if !folded.is_empty() && !forms.iter().any(|(g, _)| *g == folded) {
                    forms.push((folded, i));
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(forms.iter().map(|(f, _)| f.as_str()))
            .ok();
        Events {
            defs,
            matcher,
            entry: forms.into_iter().map(|(_, i)| i).collect(),
        }
    }

    /// Event words in `text[range]`: (start, end, entry), whole words for Latin forms.
    fn hits(&self, text: &str, range: Range<usize>) -> Vec<(usize, usize, usize)> {
        let Some(m) = &self.matcher else {
            return vec![];
        };
        let hay = &text[range.clone()];
        let b = hay.as_bytes();
        m.find_iter(hay)
            .filter(|h| super::frame::whole_word(b, h.start(), h.end()))
            // A Latin word glued to the Han noun after it modifies that noun (IPO招股书,
            // MOU文本): it names no event.
            .filter(|h| {
                let latin = b[h.start()].is_ascii_alphabetic();
                !(latin
                    && hay[h.end()..]
                        .chars()
                        .next()
                        .is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            })
            .map(|h| {
                (
                    range.start + h.start(),
                    range.start + h.end(),
                    self.entry[h.pattern().as_usize()],
                )
            })
            .collect()
    }
}

/// The built-in event lexicon (`rules/lexicon/events.yaml`), compiled once per process.
pub fn events() -> &'static Events {
    static EVENTS: OnceLock<Events> = OnceLock::new();
    EVENTS.get_or_init(|| {
        let defs = super::builtin_files()
            .into_iter()
            .find(|f| f.path.ends_with("lexicon/events.yaml"))
            .and_then(|f| crate::yamlio::from_str::<EventFile>(&f.text).ok())
            .map(|f| f.events)
            .unwrap_or_default();
        Events::new(defs)
    })
}

/// What a candidate is.
#[derive(Debug, Clone)]
enum Cand {
    /// A recognized date or duration item (index into the items).
    Item(usize),
    /// A count with a time unit (滿9年, nine-year, 三天): the item, its unit.
    Length(usize, TimeUnit),
    /// A bare weekday or a bare day of the month, resolved.
    Day(NaiveDate),
}

/// A time unit written right after a count: 年, 个月, 天, 周; -year, years, days …
fn time_unit_after(text: &str, end: usize, unit: Option<&str>) -> Option<TimeUnit> {
    let of = |u: &str| -> Option<TimeUnit> {
        let u = u.trim().trim_start_matches('-').to_lowercase();
        Some(match u.as_str() {
            "年" | "year" | "years" => TimeUnit::Year,
            "个月" | "month" | "months" => TimeUnit::Month,
            "天" | "day" | "days" => TimeUnit::Day,
            "周" | "星期" | "week" | "weeks" => TimeUnit::Week,
            _ => return None,
        })
    };
    if let Some(u) = unit.and_then(of) {
        return Some(u);
    }
    let rest = &text[end.min(text.len())..];
    for w in ["个月", "年", "天", "星期"] {
        if rest.starts_with(w) {
            // 年 right after a count of four digits is a year, not a length.
            return of(w);
        }
    }
    let word: String = rest
        .trim_start_matches([' ', '-'])
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if rest.starts_with([' ', '-']) {
        return of(&word);
    }
    None
}

/// Does the text before `start` (in its clause) speak of what is to come (will, next, 将)?
fn forward(clause: &str) -> bool {
    let l = clause.to_lowercase();
    ["将", "下周", "下星期", "明天"]
        .iter()
        .any(|w| l.contains(w))
        || l.split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| matches!(w, "will" | "next"))
}

/// A bare weekday resolved against the reference: the nearest such day on or before it,
/// or on or after it when `ahead`.
fn resolve_weekday(r: NaiveDate, wd: u32, ahead: bool) -> NaiveDate {
    let today = r.weekday().num_days_from_monday() as i64;
    let wd = wd as i64;
    if ahead {
        r + Days::days((wd - today).rem_euclid(7))
    } else {
        r - Days::days((today - wd).rem_euclid(7))
    }
}

/// A bare day of the month (19日, 19号) at `i`, not part of a longer date: the day of that
/// number nearest the reference.
fn bare_day(text: &str, i: usize, end: usize, r: NaiveDate) -> Option<(usize, NaiveDate)> {
    let digits = &text[i..end];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let unit = ["日", "号"].iter().find(|u| text[end..].starts_with(**u))?;
    let prev = text[..i].chars().next_back();
    if matches!(prev, Some('月' | '/' | '-' | '.')) || prev.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let best = super::weekday::nearest_day(r, digits.parse().ok()?)?;
    Some((end + unit.len(), best))
}

/// "Before" or "by" around a date: X之前 / X以前 / X前 / before X / prior to X / ahead of X
/// (before: the event falls before the date begins), by X / no later than X (by: on or before
/// its end). Before a part of a month (2月中旬之前), the part's edge is loose: "by".
fn bound(text: &str, start: usize, end: usize) -> Option<&'static str> {
    let after = text[end..].trim_start();
    if ["之前", "以前"].iter().any(|w| after.starts_with(w))
        || (after.starts_with('前') && !after.starts_with("前后") && !after.starts_with("前夕"))
    {
        return Some("before");
    }
    // Only the last two words matter, and only when the last is short (each character
    // lowercases to at least one): lowercase those, not the whole text before.
    let before = text[..start].trim_end();
    if before
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.chars().nth(6).is_some())
    {
        return None;
    }
    let tail = before
        .rmatch_indices(' ')
        .nth(1)
        .map_or(before, |(i, _)| &before[i..]);
    let before = tail.to_lowercase();
    let last: Vec<&str> = before.rsplit(' ').take(2).collect();
    match last.as_slice() {
        ["before", ..] | ["to", "prior"] | ["of", "ahead"] => Some("before"),
        ["by", ..] | ["than", "later"] => Some("by"),
        _ => None,
    }
}

/// Does the clause say the date was the one originally set (原定, originally scheduled)? Such
/// a date is the superseded schedule, compared with the same, not with the date now set.
fn originally(before: &str) -> bool {
    let l = before.to_lowercase();
    let clause = l.rsplit(['，', ',', '；', ';']).next().unwrap_or(&l);
    [
        "原定",
        "原订",
        "originally scheduled",
        "originally due",
        "originally set",
        "had been scheduled",
        "had been due",
    ]
    .iter()
    .any(|w| clause.contains(w))
}

/// The day of a statement a sentence reports (a full date before the value, a week or more
/// before publication), for a value after it.
fn stated_on(
    cands: &[(Range<usize>, Cand, usize)],
    items: &[Item],
    range: &Range<usize>,
    published: Option<NaiveDate>,
) -> Option<String> {
    let r = published?;
    cands
        .iter()
        .filter(|(c, _, _)| c.end <= range.start)
        .find_map(|(_, c, _)| {
            let Cand::Item(i) = c else { return None };
            let Value::Date { value, .. } = item_value(&items[*i]) else {
                return None;
            };
            let day = NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok()?;
            ((r - day).num_days() >= 7).then_some(value)
        })
}

/// Is the date at `start` the end of a period (截至, 截止, as of, ended, ending, through)?
fn period_end(text: &str, start: usize) -> bool {
    // The words are at most 7 characters long, and the last 7 characters of a lowercased
    // text come from its last 7: lowercase those, not the whole text before.
    let before = text[..start].trim_end();
    let from = before.char_indices().rev().nth(6).map_or(0, |(i, _)| i);
    let before = before[from..].to_lowercase();
    [
        "截至",
        "截止",
        "截止到",
        "截至到",
        "as of",
        "ended",
        "ending",
        "through",
    ]
    .iter()
    .any(|w| before.ends_with(w))
}

/// How far an event word may stand from its value: Han characters and Latin words.
const MAX_DISTANCE: usize = 10;

/// Is the value at `i` written in Han text (the character before or at it is Han)?
fn is_han(text: &str, i: usize) -> bool {
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    text[i..].chars().next().is_some_and(han) || text[..i].chars().next_back().is_some_and(han)
}

/// The length of a stretch of text in Han characters and Latin words.
fn units(s: &str) -> usize {
    let han = s
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let words = s
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .count();
    han + words
}

/// Does this value stand alone in its clause (a time adverbial at the head of a sentence)?
fn alone(text: &str, clause: &Range<usize>, value: &Range<usize>) -> bool {
    let head = &text[clause.start..value.start.max(clause.start)];
    let tail = &text[value.end.min(clause.end)..clause.end];
    let rest = format!("{head}{tail}");
    let words: String = rest
        .chars()
        .filter(|c| c.is_alphanumeric() || ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    let w = words.to_lowercase();
    w.chars().count() <= 2 || matches!(w.as_str(), "on" | "in" | "since" | "until" | "from")
}

/// The event concept of the value at `v` in sentence `sent` (clauses `cls`), given the other
/// values of the sentence (`others`): the entry index of the event lexicon.
fn concept_of(
    ev: &Events,
    text: &str,
    sent: &Range<usize>,
    cls: &[Range<usize>],
    v: &Range<usize>,
    others: &[Range<usize>],
    length: bool,
) -> Option<(usize, usize)> {
    let ci = cls
        .iter()
        .position(|c| c.start <= v.start && v.start < c.end)?;
    // Values strictly between a word and this value: the word is theirs, not this one's.
    let blocked = |lo: usize, hi: usize| {
        others
            .iter()
            .any(|o| o != v && o.start >= lo && o.end <= hi)
    };
    let gap = |h: &(usize, usize, usize)| {
        if h.1 <= v.start {
            (h.1, v.start)
        } else {
            (v.end, h.0)
        }
    };
    let pick = |range: Range<usize>| -> Option<(usize, usize, usize)> {
        ev.hits(text, range)
            .into_iter()
            .filter(|h| h.1 <= v.start || h.0 >= v.end)
            .filter(|h| {
                let (lo, hi) = gap(h);
                !blocked(lo, hi)
            })
            .map(|h| {
                let (lo, hi) = gap(&h);
                // Han text puts the time before its verb (5月8日举行), English after it
                // (signed in May): a word on the other side counts as farther.
                let han = is_han(text, v.start);
                let other_side = if han { h.1 <= v.start } else { h.0 >= v.end };
                let d = units(&text[lo..hi]);
                // In Han text a word before a date governs it only right before it
                // (成立于2019年); before a length it is the verb the length measures (任职近九年).
                let far_before = han && other_side && !length && d > 2;
                (d + if other_side { 3 } else { 0 }, far_before, h)
            })
            .filter(|(d, far, _)| *d <= MAX_DISTANCE && !far)
            .map(|(d, _, h)| (d, h))
            .min_by_key(|(d, h)| (*d, h.0))
            .map(|(_, h)| h)
    };
    let mut hit = pick(cls[ci].clone());
    if hit.is_none() && alone(text, &cls[ci], v) {
        if let Some(next) = cls.get(ci + 1) {
            hit = ev
                .hits(text, next.clone())
                .into_iter()
                .find(|h| !blocked(v.end, h.0));
        }
    }
    let (hs, he, mut entry) = hit?;
    if ev.defs[entry].carry {
        // The event named before the word that moved it, in the same sentence.
        entry = ev
            .hits(text, sent.start..hs)
            .into_iter()
            .rev()
            .find(|h| !ev.defs[h.2].carry && !ev.defs[h.2].object)
            .map(|h| h.2)?;
        return Some((entry, hs));
    }
    if !ev.defs[entry].object {
        // An object right after the verb names the event (签署谅解备忘录).
        let clause_end = cls[ci].end.max(he);
        if let Some(o) = ev
            .hits(text, he..clause_end)
            .into_iter()
            .find(|h| ev.defs[h.2].object && text[he..h.0].chars().count() <= 6)
        {
            entry = o.2;
        }
    }
    Some((entry, hs))
}

/// The date and duration claims of one document. `taken`: spans specific rules claimed.
pub fn claims(
    src: &Source,
    items: &[Item],
    sentences: &[Range<usize>],
    main: &MainEntities,
    taken: &HashSet<Span>,
    rule_id: &str,
) -> Vec<Claim> {
    let ev = events();
    if ev.defs.is_empty() {
        return vec![];
    }
    let text = &src.norm.text;
    let weekdays = super::weekday::weekdays(text);
    let mut out = vec![];
    for sent in sentences {
        let k0 = items.partition_point(|it| it.start < sent.start);
        let k1 = items.partition_point(|it| it.start < sent.end);
        // The values of the sentence: (range, candidate, index of the item before or at it).
        let mut cands: Vec<(Range<usize>, Cand, usize)> = vec![];
        for (idx, it) in items.iter().enumerate().take(k1).skip(k0) {
            let ItemVal::Value(kind) = &it.val else {
                continue;
            };
            match kind {
                // A quarter or a half is a reporting period, not the date of an event.
                Kind::Date(dv) if dv.quarter.is_none() && dv.half.is_none() => {
                    cands.push((it.start..it.end, Cand::Item(idx), idx))
                }
                Kind::Duration(d) if d.direction.is_none() => {
                    cands.push((it.start..it.end, Cand::Item(idx), idx))
                }
                Kind::Number(n) => {
                    if let Some(r) = src.published {
                        if let Some((end, day)) = bare_day(text, it.start, it.end, r) {
                            cands.push((it.start..end, Cand::Day(day), idx));
                            continue;
                        }
                    }
                    // A four-digit count before 年 is a year, not a length.
                    if n.value >= 1000.0 {
                        continue;
                    }
                    if let Some(u) = time_unit_after(text, it.end, it.unit.as_deref()) {
                        cands.push((it.start..it.end, Cand::Length(idx, u), idx));
                    }
                }
                _ => {}
            }
        }
        if let Some(r) = src.published {
            for (wr, wd) in weekdays
                .iter()
                .filter(|(w, _)| w.start >= sent.start && w.end <= sent.end)
            {
                // A weekday written next to a date is that date (the weekday check's claim).
                if cands
                    .iter()
                    .any(|(c, _, _)| c.start <= wr.end + 6 && wr.start <= c.end + 6)
                {
                    continue;
                }
                let clause_before = &text[sent.start..wr.start];
                let pre = clause_before.trim_end();
                let ahead = forward(clause_before)
                    || pre.ends_with('下')
                    || pre.to_lowercase().ends_with("next")
                    || pre.to_lowercase().ends_with("this");
                if pre.ends_with('上') || pre.to_lowercase().ends_with("last") {
                    cands.push((
                        wr.clone(),
                        Cand::Day(resolve_weekday(r - Days::days(7), *wd, false)),
                        items.partition_point(|it| it.start < wr.start),
                    ));
                    continue;
                }
                cands.push((
                    wr.clone(),
                    Cand::Day(resolve_weekday(r, *wd, ahead)),
                    items.partition_point(|it| it.start < wr.start),
                ));
            }
        }
        if cands.is_empty() {
            continue;
        }
        cands.sort_by_key(|c| (c.0.start, c.0.end));
        let cls = super::frame::clauses(text, sent);
        let ranges: Vec<Range<usize>> = cands.iter().map(|c| c.0.clone()).collect();
        // Words that move an event (延至, pushed back to), with the event they move: a date of
        // that event before them is the superseded schedule.
        let all_hits = ev.hits(text, sent.clone());
        let moved: Vec<(usize, usize)> = all_hits
            .iter()
            .filter(|h| ev.defs[h.2].carry)
            .filter_map(|h| {
                all_hits
                    .iter()
                    .rev()
                    .find(|o| o.1 <= h.0 && !ev.defs[o.2].carry && !ev.defs[o.2].object)
                    .map(|o| (h.0, o.2))
            })
            .collect();
        for (range, cand, idx) in &cands {
            let d = src.norm.decoded_range(range.clone());
            let span = Span::new((src.to_original)(d.start), (src.to_original)(d.end));
            if taken.contains(&span) {
                continue;
            }
            // A date that bounds a period (截至6月底, as of June 30, the six months ended
            // June 30) is the period's end, not the date of an event.
            if period_end(text, range.start) {
                continue;
            }
            let length = match cand {
                Cand::Length(..) => true,
                Cand::Item(i) => matches!(&items[*i].val, ItemVal::Value(Kind::Duration(_))),
                Cand::Day(_) => false,
            };
            let Some((entry, at)) = concept_of(ev, text, sent, &cls, range, &ranges, length) else {
                continue;
            };
            let concept = &ev.defs[entry].concept;
            let (kind, value) = match cand {
                Cand::Item(i) if matches!(&items[*i].val, ItemVal::Value(Kind::Duration(_))) => {
                    let ItemVal::Value(Kind::Duration(dd)) = &items[*i].val else {
                        continue;
                    };
                    (
                        "duration",
                        length_value(text, range.start, &dd.amount, dd.unit),
                    )
                }
                Cand::Item(i) => {
                    let mut v = item_value(&items[*i]);
                    let kind = match &mut v {
                        Value::Date { part, .. } => {
                            if let Some(b) = bound(text, range.start, range.end) {
                                *part = Some(match (b, part.as_deref()) {
                                    (_, Some(p)) => format!("by-{p}"),
                                    (b, None) => b.to_string(),
                                });
                            }
                            "date"
                        }
                        _ => "duration",
                    };
                    (kind, v)
                }
                Cand::Day(day) => (
                    "date",
                    Value::Date {
                        value: day.format("%Y-%m-%d").to_string(),
                        precision: "day".into(),
                        part: None,
                        inferred: true,
                    },
                ),
                Cand::Length(i, u) => {
                    let it = &items[*i];
                    let ItemVal::Value(Kind::Number(n)) = &it.val else {
                        continue;
                    };
                    ("duration", length_value(text, range.start, n, *u))
                }
            };
            let (subject, by_default) = match possessor(text, sent.start, at) {
                Some(owner) => (owner, false),
                None => subject_of(items, sent, *idx, main),
            };
            let mut qualifiers = BTreeMap::new();
            if by_default {
                qualifiers.insert("subject_from".to_string(), "article".to_string());
            }
            if moved.iter().any(|&(at, e)| at >= range.end && e == entry)
                || originally(&text[sent.start..range.start])
            {
                qualifiers.insert("schedule".to_string(), "superseded".to_string());
            }
            // A plan reported as stated on an earlier day (2024年12月23日，…宣布…计划于1月底前
            // 决定) is that day's plan, not the plan at publication.
            if kind == "date" {
                if let Some(day) = stated_on(&cands, items, range, src.published) {
                    qualifiers.insert("stated".to_string(), day);
                }
            }
            out.push(Claim {
                id: String::new(),
                doc: String::new(),
                span,
                text: src.decoded[d].to_string(),
                subject,
                predicate: format!("{kind}:{concept}"),
                value,
                qualifiers,
                rule: rule_id.to_string(),
            });
        }
    }
    out
}

/// The owner an English possessive gives the event word at `at` ("CXMT's blockbuster IPO"):
/// a capitalised word with 's, at most one word before the event word.
fn possessor(text: &str, floor: usize, at: usize) -> Option<String> {
    let before = text[floor..at].trim_end();
    let mut words: Vec<&str> = before.rsplit(' ').take(2).collect();
    words.retain(|w| !w.is_empty());
    words.iter().find_map(|w| {
        let owner = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"))?;
        let cap = owner.chars().next().is_some_and(char::is_uppercase);
        (cap && owner.chars().all(|c| c.is_alphanumeric() || c == '-')).then(|| owner.to_string())
    })
}

/// The subject of a date: the nearest organisation (or product) named before it in its
/// sentence, else the article's main organisation (the flag). A person's name is not taken:
/// the articles of one story write a person by the given name, the family name or the full
/// name, while the organisation is one entity across them; the event concept and the date
/// keep two people's events apart.
fn subject_of(
    items: &[Item],
    sent: &Range<usize>,
    idx: usize,
    main: &MainEntities,
) -> (String, bool) {
    let found = items[..idx.min(items.len())]
        .iter()
        .rev()
        .take_while(|it| it.start >= sent.start)
        .find_map(|it| match &it.val {
            ItemVal::Mention(m) if matches!(m.kind, MentionKind::Org | MentionKind::Product) => {
                Some(m.canonical.clone())
            }
            _ => None,
        });
    match found {
        Some(n) => (n, false),
        // The figure frame's fallback: the article's main organisation stands in.
        None => super::frame::subject_of("", &[], sent, 0, main),
    }
}

/// A count with a time unit as a duration value: "nearly" (近, 将近, 接近, nearly, almost)
/// before it is just under the count, down to one step less.
fn length_value(text: &str, start: usize, n: &super::recognize::Num, u: TimeUnit) -> Value {
    let unit = match u {
        TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
        TimeUnit::Quarter => "quarter",
        TimeUnit::Year => "year",
    };
    let before = text[..start].trim_end().to_lowercase();
    let nearly = [
        "近",
        "将近",
        "接近",
        "nearly",
        "almost",
        "close to",
        "approaching",
    ]
    .iter()
    .any(|w| before.ends_with(w));
    let step = n.step.max(1.0);
    // A length is counted in whole units: "nearly nine years" is more than eight.
    let (min, max, hedge) = if (nearly && n.hedge == Hedge::Exact) || n.hedge == Hedge::Nearly {
        (Some(n.value - step), Some(n.value), "nearly".to_string())
    } else {
        let (a, b) = n.interval();
        (a, b, n.hedge.as_str().to_string())
    };
    Value::Quantity {
        min,
        max,
        written: n.value,
        step,
        hedge,
        unit: Some(unit.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekdays_resolve_against_the_reference() {
        // 2025-02-05 is a Wednesday.
        let r = d("2025-02-05");
        assert_eq!(resolve_weekday(r, 1, false), d("2025-02-04"));
        assert_eq!(resolve_weekday(r, 2, false), d("2025-02-05"));
        assert_eq!(resolve_weekday(r, 3, false), d("2025-01-30"));
        assert_eq!(resolve_weekday(r, 3, true), d("2025-02-06"));
    }

    #[test]
    fn bare_days_are_nearest_the_reference() {
        let r = d("2026-08-20");
        let t = "原定19日生效";
        let i = t.find('1').unwrap();
        assert_eq!(bare_day(t, i, i + 2, r), Some((i + 5, d("2026-08-19"))));
        let t = "由3日起";
        let i = t.find('3').unwrap();
        assert_eq!(bare_day(t, i, i + 1, r).map(|x| x.1), Some(d("2026-09-03")));
        // Part of a longer date: not a bare day.
        let t = "8月19日";
        let i = t.find("19").unwrap();
        assert_eq!(bare_day(t, i, i + 2, r), None);
    }

    #[test]
    fn before_and_by() {
        let t = "计划在2026年之前成立";
        let s = t.find("2026").unwrap();
        assert_eq!(bound(t, s, s + "2026年".len()), Some("before"));
        let t = "to decide by mid-February";
        let s = t.find("mid").unwrap();
        assert_eq!(bound(t, s, t.len()), Some("by"));
        let t = "前后";
        assert_eq!(bound(t, 0, 0), None);
    }

    #[test]
    fn time_units_after_a_count() {
        assert_eq!(time_unit_after("9年的任期", 1, None), Some(TimeUnit::Year));
        assert_eq!(
            time_unit_after("nine-year term", 4, None),
            Some(TimeUnit::Year)
        );
        assert_eq!(
            time_unit_after("three days of talks", 5, None),
            Some(TimeUnit::Day)
        );
        assert_eq!(time_unit_after("three companies", 5, None), None);
    }
}
