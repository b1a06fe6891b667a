//! Events and their status: "the merger talks were called off", 收购已完成, "no decision has
//! been made". The lexicon (`rules/lexicon/actions.yaml`) lists action classes (merge, acquire,
//! list …), status words (rumoured … completed, called off, denied), and the cues that change
//! how a status reads: negations (尚未完成 → undecided), inabilities (未能达成一致: no claim),
//! modals (考虑取消: only possible) and hedges (据报道, people familiar with the matter: reported).
//!
//! Each clause with a status word gives one claim `event:<action>` whose value is the status, for
//! the action word of its sentence nearest the status — or, when the sentence names no action,
//! the last action of the sentence just before it in the same paragraph (Chinese and English
//! news both drop the noun: 公司表示尚未作出决定). Subject: the organisations written in the
//! clauses of the action and the status, canonical, sorted, joined with ` + ` (else the
//! article's main organisation, `subject_from: article`). Time: a date written before the status
//! in its clause (either side in English) that is not after publication is the `as_of`; a date
//! after publication is the `due` date of a plan; else `as_of` is the publication date. The span
//! runs from the action (when in the same sentence) or the status to the status, the due date
//! included. The claims are time-varying and marked `compare=event`: the generic groups leave
//! them to `reconcile::events`.

use super::engine::{Item, ItemVal, Source, MAIN_ORG};
use super::entities::MentionKind;
use super::recognize::Kind;
use crate::model::{Claim, Problem, Span, Value};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The rule id of event claims.
pub const RULE: &str = "events";
/// Predicates of event claims start with this.
pub const PREFIX: &str = "event:";
/// The `compare` qualifier of event claims.
pub const COMPARE: &str = "event";

/// One action class or status: its id, forms and an example of our own.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDef {
    pub id: String,
    pub forms: Vec<String>,
    pub example: String,
    /// More examples of our own (other senses and scripts), tested like `example`.
    #[serde(default)]
    pub examples: Vec<String>,
}

/// Cue words (negations, modals, hedges), with forms that look like them but are not.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueDef {
    pub forms: Vec<String>,
    #[serde(default)]
    pub except: Vec<String>,
    /// Words that may stand between a negation and the Chinese status it governs (尚未正式完成);
    /// any other word there is the verb it negates (并没有公布暂停的原因: 公布, not 暂停).
    #[serde(default)]
    pub between: Vec<String>,
    pub example: String,
}

/// `rules/lexicon/actions.yaml`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFile {
    #[serde(default)]
    pub actions: Vec<EntryDef>,
    #[serde(default)]
    pub ignore: Vec<String>,
    #[serde(default)]
    pub statuses: Vec<EntryDef>,
    #[serde(default)]
    pub negations: Vec<CueDef>,
    #[serde(default)]
    pub inabilities: Vec<CueDef>,
    #[serde(default)]
    pub modals: Vec<CueDef>,
    #[serde(default)]
    pub hedges: Vec<CueDef>,
    #[serde(default)]
    pub former: Vec<CueDef>,
    /// Generations of the object (下一代, next-generation): a plan for a next generation is
    /// another event than the current product's.
    #[serde(default)]
    pub generations: Vec<EntryDef>,
}

/// One matcher over forms; per pattern, the entry it stands for (`None`: a form to ignore).
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    of: Vec<Option<usize>>,
}

impl Matcher {
    pub(crate) fn new(entries: &[(String, Option<usize>)]) -> Option<Matcher> {
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(entries.iter().map(|(f, _)| f.as_str()))
            .ok()?;
        Some(Matcher {
            ac,
            of: entries.iter().map(|(_, i)| *i).collect(),
        })
    }

    /// Hits in `text`: (range, entry). Latin forms only as whole words.
    pub(crate) fn find(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let b = text.as_bytes();
        self.ac
            .find_iter(text)
            .filter(|h| {
                let (s, e) = (h.start(), h.end());
                let open =
                    b[s].is_ascii_alphanumeric() && s > 0 && b[s - 1].is_ascii_alphanumeric();
                let close =
                    b[e - 1].is_ascii_alphanumeric() && e < b.len() && b[e].is_ascii_alphanumeric();
                !open && !close
            })
            .filter_map(|h| self.of[h.pattern().as_usize()].map(|i| (h.start()..h.end(), i)))
            .collect()
    }
}

/// The loaded lexicon of actions and statuses.
#[derive(Debug, Clone, Default)]
pub struct Actions {
    pub file: ActionFile,
    actions: Option<Matcher>,
    statuses: Option<Matcher>,
    negations: Option<Matcher>,
    inabilities: Option<Matcher>,
    modals: Option<Matcher>,
    hedges: Option<Matcher>,
    former: Option<Matcher>,
    generations: Option<Matcher>,
}

fn cue_matcher(cues: &[CueDef]) -> Option<Matcher> {
    let mut forms = vec![];
    for c in cues {
        forms.extend(
            c.forms
                .iter()
                .map(|f| (super::lexicon::fold_name(f), Some(0))),
        );
        forms.extend(
            c.except
                .iter()
                .map(|f| (super::lexicon::fold_name(f), None)),
        );
    }
    if forms.is_empty() {
        return None;
    }
    Matcher::new(&forms)
}

impl Actions {
    /// Load action lexicons; files that do not parse become problems.
    pub fn load(files: &[&super::DataFile], problems: &mut Vec<Problem>) -> Actions {
        let mut file = ActionFile::default();
        for f in files {
            if let Some(a) = super::lexicon::parse_yaml::<ActionFile>(f, problems) {
                file.actions.extend(a.actions);
                file.ignore.extend(a.ignore);
                file.statuses.extend(a.statuses);
                file.negations.extend(a.negations);
                file.inabilities.extend(a.inabilities);
                file.modals.extend(a.modals);
                file.hedges.extend(a.hedges);
                file.former.extend(a.former);
                file.generations.extend(a.generations);
            }
        }
        let entries = |defs: &[EntryDef]| {
            let mut forms: Vec<(String, Option<usize>)> = vec![];
            for (i, d) in defs.iter().enumerate() {
                forms.extend(
                    d.forms
                        .iter()
                        .map(|f| (super::lexicon::fold_name(f), Some(i))),
                );
            }
            forms.extend(
                file.ignore
                    .iter()
                    .map(|f| (super::lexicon::fold_name(f), None)),
            );
            if defs.is_empty() {
                None
            } else {
                Matcher::new(&forms)
            }
        };
        Actions {
            actions: entries(&file.actions),
            statuses: entries(&file.statuses),
            negations: cue_matcher(&file.negations),
            inabilities: cue_matcher(&file.inabilities),
            modals: cue_matcher(&file.modals),
            hedges: cue_matcher(&file.hedges),
            former: cue_matcher(&file.former),
            generations: entries(&file.generations),
            file,
        }
    }

    /// The action classes and statuses whose forms occur in a normalized text (for
    /// `factcheck rules coverage`): (actions, statuses), entry indices.
    pub fn entries_in(&self, text: &str) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let hits = |m: &Option<Matcher>| -> BTreeSet<usize> {
            m.as_ref()
                .map(|m| m.find(text).into_iter().map(|(_, i)| i).collect())
                .unwrap_or_default()
        };
        (hits(&self.actions), hits(&self.statuses))
    }

    /// The generations whose forms occur in a normalized text (for `factcheck rules coverage`).
    pub fn generations_in(&self, text: &str) -> BTreeSet<usize> {
        self.generations
            .as_ref()
            .map(|m| m.find(text).into_iter().map(|(_, i)| i).collect())
            .unwrap_or_default()
    }
}

/// The hits (sorted by start) that start inside `r`: a slice, found by binary search, so a
/// long document is not walked once per sentence.
pub(crate) fn within<'h>(
    hits: &'h [(Range<usize>, usize)],
    r: &Range<usize>,
) -> &'h [(Range<usize>, usize)] {
    let lo = hits.partition_point(|(h, _)| h.start < r.start);
    let hi = hits.partition_point(|(h, _)| h.start < r.end);
    &hits[lo..hi.max(lo)]
}

fn hits(m: &Option<Matcher>, text: &str) -> Vec<(Range<usize>, usize)> {
    m.as_ref().map(|m| m.find(text)).unwrap_or_default()
}

/// Clause ends: commas, semicolons, colons (Chinese and Latin).
pub(crate) fn clauses(text: &str, sent: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = vec![];
    let mut start = sent.start;
    for (i, c) in text[sent.clone()].char_indices() {
        if matches!(
            c,
            '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '\n'
        ) {
            let at = sent.start + i;
            if at > start {
                out.push(start..at);
            }
            start = at + c.len_utf8();
        }
    }
    if sent.end > start {
        out.push(start..sent.end);
    }
    out
}

/// Does a cue end within four characters (Chinese) or four words (English) before `at`,
/// without overlapping the status word?
fn just_before(
    text: &str,
    cues: &[(Range<usize>, usize)],
    clause: &Range<usize>,
    at: usize,
    chars: usize,
) -> bool {
    cues.iter().any(|(r, _)| {
        if r.start < clause.start || r.end > at {
            return false;
        }
        let between = &text[r.end..at];
        if between.is_ascii() {
            between.split_whitespace().count() <= 4
        } else {
            between.chars().count() <= chars
        }
    })
}

/// Does a negation govern the status at `at`? English: within four words before it (not yet
/// formally completed). Chinese: right before it, or with only the listed `between` words
/// (正式, 完全 …) in between.
fn negation_governs(
    text: &str,
    cues: &[(Range<usize>, usize)],
    clause: &Range<usize>,
    at: usize,
    defs: &[CueDef],
) -> bool {
    cues.iter().any(|(r, _)| {
        if r.start < clause.start || r.end > at {
            return false;
        }
        let between = text[r.end..at].trim();
        if between.is_ascii() {
            return between.split_whitespace().count() <= 4;
        }
        let mut rest = between;
        for _ in 0..3 {
            if rest.is_empty() {
                return true;
            }
            let fold = |f: &String| super::lexicon::fold_name(f);
            match defs
                .iter()
                .flat_map(|d| d.between.iter())
                .map(fold)
                .find(|f| !f.is_empty() && rest.starts_with(f.as_str()))
            {
                Some(f) => rest = rest[f.len()..].trim_start(),
                None => return false,
            }
        }
        rest.is_empty()
    })
}

/// A recognized date of the text: (range, timex, first day, last day).
pub(crate) struct DateAt {
    pub(crate) range: Range<usize>,
    pub(crate) timex: String,
    /// The first day it may mean: a date after publication is a due date.
    pub(crate) first: chrono::NaiveDate,
}

/// The days a timex (`2025-02-05`, `2025-02`, `2025`) covers.
pub fn timex_days(t: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let parts: Vec<&str> = t.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    let m: Option<u32> = parts.get(1).and_then(|m| m.parse().ok());
    let d: Option<u32> = parts.get(2).and_then(|d| d.parse().ok());
    let ymd = chrono::NaiveDate::from_ymd_opt;
    match (m, d) {
        (Some(m), Some(d)) => ymd(y, m, d).map(|x| (x, x)),
        (Some(m), None) => {
            let first = ymd(y, m, 1)?;
            let next = if m == 12 {
                ymd(y + 1, 1, 1)
            } else {
                ymd(y, m + 1, 1)
            }?;
            Some((first, next.pred_opt()?))
        }
        _ if parts.len() == 1 => Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?)),
        _ => None,
    }
}

pub(crate) fn dates(items: &[Item]) -> Vec<DateAt> {
    items
        .iter()
        .filter_map(|it| match &it.val {
            ItemVal::Value(Kind::Date(d)) if d.year.is_some() && !d.since => {
                let timex = d.timex();
                let (mut first, last) = timex_days(&timex)?;
                // The part of a month: its first day (early 1, mid 11, late 21).
                if let (Some(p), None) = (d.part, d.day) {
                    let day = match p {
                        super::recognize::Part::Early => 1,
                        super::recognize::Part::Mid => 11,
                        super::recognize::Part::Late => 21,
                    };
                    first = first.with_day(day).unwrap_or(first);
                }
                first = first.min(last);
                Some(DateAt {
                    range: it.start..it.end,
                    timex,
                    first,
                })
            }
            _ => None,
        })
        .collect()
}

/// A status found in a clause, read with its cues.
struct Reading {
    status: usize,
    range: Range<usize>,
    clause: Range<usize>,
    undecided: bool,
    possible: bool,
    former: bool,
}

/// The event claims of a document.
pub fn claims(
    src: &Source,
    items: &[Item],
    sentences: &[Range<usize>],
    lex: &super::lexicon::Lexicon,
) -> Vec<Claim> {
    let a = &lex.actions;
    let text = &src.norm.text;
    let statuses = hits(&a.statuses, text);
    if statuses.is_empty() {
        return vec![];
    }
    let actions = hits(&a.actions, text);
    let negations = hits(&a.negations, text);
    let inabilities = hits(&a.inabilities, text);
    let modals = hits(&a.modals, text);
    let hedges = hits(&a.hedges, text);
    let former = hits(&a.former, text);
    let generations = hits(&a.generations, text);
    let dates = dates(items);
    let undecided = a.file.statuses.iter().position(|s| s.id == "undecided");
    let firm_negative = |i: usize| {
        matches!(
            a.file.statuses[i].id.as_str(),
            "undecided" | "unconfirmed" | "denied"
        )
    };
    let mut out = vec![];
    // The last action of the previous sentence, and where that sentence ended.
    let mut previous: Option<(usize, usize)> = None;
    for sent in sentences {
        let statuses = within(&statuses, sent);
        let actions = within(&actions, sent);
        let negations = within(&negations, sent);
        let inabilities = within(&inabilities, sent);
        let modals = within(&modals, sent);
        let hedges = within(&hedges, sent);
        let former = within(&former, sent);
        let generations = within(&generations, sent);
        let items = {
            let lo = items.partition_point(|it| it.start < sent.start);
            let hi = items.partition_point(|it| it.start < sent.end);
            &items[lo..hi.max(lo)]
        };
        let dates = {
            let lo = dates.partition_point(|d| d.range.start < sent.start);
            let hi = dates.partition_point(|d| d.range.start < sent.end);
            &dates[lo..hi.max(lo)]
        };
        let in_sent = |r: &Range<usize>| r.start >= sent.start && r.end <= sent.end;
        let sent_actions: Vec<&(Range<usize>, usize)> =
            actions.iter().filter(|(r, _)| in_sent(r)).collect();
        let carried = previous
            .filter(|(_, end)| *end <= sent.start && !text[*end..sent.start].contains("\n\n"));
        previous = sent_actions
            .last()
            .map(|(_, i)| (*i, sent.end))
            .or_else(|| {
                // A sentence without an action passes the carried one on only when it is about it.
                carried
                    .filter(|_| statuses.iter().any(|(r, _)| in_sent(r)))
                    .map(|(i, _)| (i, sent.end))
            });
        if !statuses.iter().any(|(r, _)| in_sent(r)) {
            continue;
        }
        let reported = hedges.iter().any(|(r, _)| in_sent(r));
        let mut seen: BTreeSet<(usize, String)> = BTreeSet::new();
        let clause_list = clauses(text, sent);
        for clause in clause_list.iter().cloned() {
            let in_clause = |r: &Range<usize>| r.start >= clause.start && r.end <= clause.end;
            // The first listed status of the clause wins.
            let Some((range, status)) = statuses
                .iter()
                .filter(|(r, _)| in_clause(r))
                .min_by_key(|(r, i)| (*i, r.start))
                .cloned()
            else {
                continue;
            };
            if just_before(text, inabilities, &clause, range.start, 6) {
                continue;
            }
            let negated = !firm_negative(status)
                && negation_governs(text, negations, &clause, range.start, &a.file.negations)
                && undecided.is_some();
            let before_status = |cues: &[(Range<usize>, usize)]| {
                cues.iter()
                    .any(|(r, _)| r.start >= clause.start && r.end <= range.start)
            };
            let possible = before_status(modals);
            // A former plan's cue governs the status unless an action stands between them: in
            // 原计划年内推出的耳机将推迟 the plan was the launch, the postponement is news.
            let was = former.iter().any(|(r, _)| {
                r.start >= clause.start
                    && r.end <= range.start
                    && !actions
                        .iter()
                        .any(|(x, _)| x.start >= r.end && x.end <= range.start)
            });
            let reading = Reading {
                status: if negated {
                    undecided.unwrap_or(status)
                } else {
                    status
                },
                range,
                clause,
                undecided: negated,
                possible,
                former: was,
            };
            // The action: nearest in the clause or the one before it; else, when the sentence
            // names no action, the previous sentence's.
            let reach = clause_list
                .iter()
                .position(|c| *c == reading.clause)
                .and_then(|k| k.checked_sub(1))
                .map(|k| clause_list[k].start)
                .unwrap_or(reading.clause.start);
            let near = sent_actions
                .iter()
                .filter(|(r, _)| r.start >= reach && r.end <= reading.clause.end)
                .min_by_key(|(r, _)| {
                    let d = if r.start >= reading.range.end {
                        r.start - reading.range.end
                    } else {
                        reading.range.start.saturating_sub(r.end)
                    };
                    (d, r.start)
                });
            let (action, action_range) = match (near, carried) {
                (Some((r, i)), _) => (*i, Some(r.clone())),
                (None, Some((i, _))) if sent_actions.is_empty() => (i, None),
                _ => continue,
            };
            let status_id = &a.file.statuses[reading.status].id;
            if !seen.insert((action, status_id.clone())) {
                continue;
            }
            let generation =
                generation_of(text, generations, &reading, action_range.as_ref(), sent)
                    .map(|g| a.file.generations[g].id.clone());
            out.push(claim(
                src,
                items,
                dates,
                statuses,
                generation,
                &a.file.actions[action].id,
                status_id,
                &reading,
                action_range,
                reported,
                sent,
            ));
        }
    }
    out
}

/// The generation a status is about: a generation word in the clause of the action or of the
/// status (下一代芯片的量产计划, the next-generation model's launch), the one nearest the action.
fn generation_of(
    text: &str,
    generations: &[(Range<usize>, usize)],
    reading: &Reading,
    action: Option<&Range<usize>>,
    sent: &Range<usize>,
) -> Option<usize> {
    let mut scope = reading.clause.clone();
    if let Some(r) = action {
        for c in clauses(text, sent) {
            if c.start <= r.start && r.end <= c.end {
                scope = scope.start.min(c.start)..scope.end.max(c.end);
            }
        }
    }
    let anchor = action.map(|r| r.start).unwrap_or(reading.range.start);
    generations
        .iter()
        .filter(|(r, _)| r.start >= scope.start && r.end <= scope.end)
        .min_by_key(|(r, _)| (r.start.abs_diff(anchor), r.start))
        .map(|(_, g)| *g)
}

#[allow(clippy::too_many_arguments)]
fn claim(
    src: &Source,
    items: &[Item],
    dates: &[DateAt],
    statuses: &[(Range<usize>, usize)],
    generation: Option<String>,
    action: &str,
    status: &str,
    reading: &Reading,
    action_range: Option<Range<usize>>,
    reported: bool,
    sent: &Range<usize>,
) -> Claim {
    let text = &src.norm.text;
    let mut start = reading.range.start;
    let mut end = reading.range.end;
    // The clauses that hold the action and the status.
    let mut scope = reading.clause.clone();
    if let Some(r) = &action_range {
        start = start.min(r.start);
        end = end.max(r.end);
        for c in clauses(text, sent) {
            if c.start <= r.start && r.end <= c.end {
                scope = scope.start.min(c.start)..scope.end.max(c.end);
            }
        }
    }
    // Actors: organisations (and names of unknown kind) in those clauses.
    let actors: BTreeSet<&str> = items
        .iter()
        .filter(|it| it.start >= scope.start && it.end <= scope.end)
        .filter_map(|it| match &it.val {
            ItemVal::Mention(m) if matches!(m.kind, MentionKind::Org | MentionKind::Name) => {
                Some(m.canonical.as_str())
            }
            _ => None,
        })
        .collect();
    // Time: a stated date (not after publication) before the status, with no other status
    // word between them; a later date in the clause is the plan's due date.
    let published = src.published;
    let latin = text[reading.clause.clone()].is_ascii();
    let mut as_of: Option<&DateAt> = None;
    let mut due: Option<&DateAt> = None;
    let distance = |r: &Range<usize>| {
        if r.start >= reading.range.end {
            r.start - reading.range.end
        } else {
            reading.range.start.saturating_sub(r.end)
        }
    };
    for d in dates
        .iter()
        .filter(|d| d.range.start >= scope.start && d.range.end <= scope.end)
    {
        let future = published.is_some_and(|p| d.first > p);
        if future {
            if due.is_none_or(|x| distance(&d.range) < distance(&x.range)) {
                due = Some(d);
            }
            continue;
        }
        let before = d.range.end <= reading.range.start;
        if !(before || (latin && d.range.start >= reading.range.end)) {
            continue;
        }
        if !reading.clause.contains(&d.range.start) {
            continue;
        }
        let (lo, hi) = if before {
            (d.range.end, reading.range.start)
        } else {
            (reading.range.end, d.range.start)
        };
        if statuses.iter().any(|(r, _)| r.start >= lo && r.end <= hi) {
            continue;
        }
        if as_of.is_none_or(|x| distance(&d.range) < distance(&x.range)) {
            as_of = Some(d);
        }
    }
    // A date in an earlier clause of the sentence (当地时间周二（2月4日），…宣布暂停; On
    // Tuesday, …) dates the statement that brings the status, when no other status stands
    // between them.
    if as_of.is_none() {
        as_of = dates
            .iter()
            .filter(|d| d.range.start >= sent.start && d.range.end <= reading.clause.start)
            .filter(|d| published.is_none_or(|p| d.first <= p))
            .filter(|d| {
                !statuses
                    .iter()
                    .any(|(r, _)| r.start >= d.range.end && r.end <= reading.clause.start)
            })
            .max_by_key(|d| d.range.start);
    }
    if let Some(d) = due {
        start = start.min(d.range.start);
        end = end.max(d.range.end);
    }
    let mut q = BTreeMap::new();
    q.insert("mode".to_string(), "time-varying".to_string());
    q.insert("compare".to_string(), COMPARE.to_string());
    match (as_of, &src.published_text) {
        (Some(d), _) => {
            q.insert("as_of".into(), d.timex.clone());
            q.insert("as_of_source".into(), "stated".into());
        }
        (None, Some(p)) => {
            q.insert("as_of".into(), p.clone());
            q.insert("as_of_source".into(), "published".into());
        }
        (None, None) => {}
    }
    if let Some(d) = due {
        q.insert("due".into(), d.timex.clone());
    }
    if reported {
        q.insert("attribution".into(), "reported".into());
    }
    if reading.possible {
        q.insert("modality".into(), "possible".into());
    }
    if reading.former {
        q.insert("former".into(), "true".into());
    }
    if reading.undecided {
        q.insert("negated".into(), "true".into());
    }
    if let Some(g) = generation {
        q.insert("generation".into(), g);
    }
    let subject = if actors.is_empty() {
        q.insert("subject_from".into(), "article".into());
        MAIN_ORG.to_string()
    } else {
        actors.into_iter().collect::<Vec<_>>().join(" + ")
    };
    let d = src.norm.decoded_range(start..end);
    Claim {
        id: String::new(),
        doc: String::new(),
        span: Span::new((src.to_original)(d.start), (src.to_original)(d.end)),
        text: src.decoded[d].to_string(),
        subject,
        predicate: format!("{PREFIX}{action}"),
        value: Value::Text {
            text: status.to_string(),
        },
        qualifiers: q,
        rule: RULE.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timex_days_cover_their_period() {
        let (a, b) = timex_days("2024-02").unwrap();
        assert_eq!(a.to_string(), "2024-02-01");
        assert_eq!(b.to_string(), "2024-02-29");
        let (a, b) = timex_days("2025-03-04").unwrap();
        assert_eq!(a, b);
        assert!(timex_days("XXXX-02").is_none());
    }

    #[test]
    fn clauses_split_at_commas() {
        let t = "甲公司表示，谈判仍在继续; the deal is off";
        let c = clauses(t, &(0..t.len()));
        assert_eq!(c.len(), 3);
    }
}
