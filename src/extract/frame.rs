//! The generic figure frame: every money amount, percent, multiple and count that a measure
//! word governs becomes a claim under that measure, whether or not a rule was written for its
//! phrasing. Rules refine; they are not the gate to comparison.
//!
//! For a figure in a sentence the frame finds:
//! - the **measure**: the nearest word of the metric lexicon before the figure in its clause
//!   (营收171.73亿元), else right after it (3亿元订单, 5,000 employees), else — for a percent
//!   or a multiple, or a figure whose clause carries a role cue (去年同期为79亿元) — the measure
//!   of the clause before it in the same sentence (营收88亿元，同比增长12%);
//! - the **role** qualifiers, from the cues of `rules/lexicon/frames.yaml` between the measure
//!   word and the figure: growth, decline, previous, consensus, target, share, per unit, part;
//! - the **period** (Q2, H1, FY2025) for a measure that varies by period, from the sentence or
//!   else from the article's headline and lead; and the **segment** (云业务 → 云);
//! - the **subject**: the nearest organisation or name before the figure in its sentence, else
//!   in its paragraph; the article's main organisation stands for "the story's company".
//! - a money amount no measure word governs is the value of its **head noun** ([`concepts`]:
//!   `money:商品`); a percent, of the whole it is a share of (`percent:export`) or of the rate
//!   it premodifies with what that rate is levied on (`percent:关税`, `on: 商品`).
//!
//! The frame knows only its document: it never looks at other articles ([`unify_concepts`],
//! run over a whole run's claims, names Chinese head nouns by their English concept).

use super::context;
pub(crate) mod concepts;
pub use concepts::{glosses, unify as unify_concepts};
// The segmenter with part-of-speech tags: one instance per process (its dictionary takes a
// fifth of a second to load).
use super::engine::{item_value, Item, ItemVal, MainEntities, Source, MAIN_ORG};
use super::entities::jieba;
use super::entities::MentionKind;
use super::lexicon::{Lexicon, MetricMatch};
use super::recognize::Kind;
use crate::model::{Claim, Span};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

/// One cue of the frame lexicon.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueDef {
    pub qualifier: String,
    pub value: String,
    #[serde(default)]
    pub applies: Vec<String>,
    pub forms: Vec<String>,
    /// A sentence of our own in which the cue qualifies a figure (run by `cargo test`).
    pub example: String,
}

/// A counted thing: the nouns and measure words that count it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountedDef {
    pub concept: String,
    pub forms: Vec<String>,
    /// A sentence of our own in which a count of this thing is found (run by `cargo test`).
    pub example: String,
}

/// A change noun: a percent or multiple right before it, then "in" and a measure word, is a
/// change of that measure ("a 12% rise in revenue"). `value` is the `measure` it gives.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeDef {
    pub value: String,
    pub forms: Vec<String>,
    /// A sentence of our own in which a figure gets this change (run by `cargo test`).
    pub example: String,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueFile {
    pub cues: Vec<CueDef>,
    #[serde(default)]
    pub counted: Vec<CountedDef>,
    #[serde(default)]
    pub changes: Vec<ChangeDef>,
}

/// The singular of an English noun (robotaxis → robotaxi, companies → company).
fn lemma(w: &str) -> String {
    let w = w.to_lowercase();
    if let Some(s) = w.strip_suffix("ies") {
        if s.len() >= 2 {
            return format!("{s}y");
        }
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && w.len() > 3 {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// What a count counts: the noun right after it (5,000 robotaxis; 100辆无人车; 2000台无人
/// 出租车: the head noun, not the classifier 台), else its measure word (300辆). `after` is
/// the text after the count (its measure word excluded).
fn counted_concept(lex: &Lexicon, unit: Option<&str>, after: &str) -> Option<String> {
    let table = lex.counted_defs();
    let find = |w: &str| {
        table
            .iter()
            .find(|d| d.forms.iter().any(|f| f == w))
            .map(|d| d.concept.clone())
    };
    let rest = after.trim_start_matches(['的', ' ', '\u{a0}', '-']);
    // English: the next word (or a hyphenated "5,000-vehicle"), as a lemma, past up to two
    // modifiers ("1.5 billion small packages", "300 new electric buses"); a closed-class word
    // or punctuation ends the noun phrase.
    for token in rest
        .split([' ', '\u{a0}'])
        .filter(|t| !t.is_empty())
        .take(3)
    {
        let word: String = token
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if word.is_empty() || NOT_HEADS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        if let Some(c) = find(&lemma(&word)) {
            return Some(c);
        }
        if word.len() != token.len() && !token[word.len()..].starts_with('-') {
            break;
        }
    }
    // Chinese: the known noun that ends last in the run of characters that follows (a noun
    // phrase ends on its head: 无人出租车 → 出租车), the longest of those.
    let han: Vec<char> = rest
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c) && !"的和与及或、".contains(*c))
        .take(6)
        .collect();
    for end in (1..=han.len()).rev() {
        for start in 0..end {
            let w: String = han[start..end].iter().collect();
            if let Some(c) = find(&w) {
                return Some(c);
            }
        }
    }
    unit.and_then(|u| find(u.trim()).or_else(|| find(&lemma(u.trim()))))
}

/// The head noun of the phrase a figure modifies or quantifies, for a figure no measure word
/// governs. English, as a lemma: the noun after "of" or "worth of", past determiners,
/// possessives and capitalised words ("$20 billion of Canadian goods", "5% of the company's
/// exports" → good, export); the noun a figure after an article premodifies ("a 10 percent
/// tariff", "the $800-threshold"); the noun before "of" right before the figure ("a threshold
/// of $800"). Chinese: of the words jieba reads right after the figure (past 的), the last
/// noun of the leading nouns (约200亿美元的进口商品 → 商品, 10%关税 → 关税). Only a noun that
/// CC-CEDICT glosses counts (no function words, no names); none otherwise, and the figure
/// stays a mention. `before` and `after` are the clause's text on either side of the figure.
fn head_noun(before: &str, after: &str) -> Option<String> {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-') {
        if let Some(h) = english_head(before, rest) {
            return Some(h);
        }
    }
    if before.ends_with(' ') || before.ends_with('\u{a0}') {
        return english_head_before(before);
    }
    chinese_head(rest.trim_start_matches('的'))
}

/// Closed classes of English that are never the noun a figure is the value of.
const NOT_HEADS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "its", "their", "his", "her", "our", "this", "that", "these", "those", "some", "all", "about",
    "more", "less", "than", "over", "under", "year", "month", "week", "day", "time", "percent",
    "per", "cent", "point", "last", "next", "higher", "lower", "each", "total", "one", "after",
    "before", "since", "when", "while", "amid", "against", "compared", "ago", "earlier", "later",
    "also", "still", "only", "just", "even", "again", "during", "between", "worth",
];

/// An English word as a content-noun lemma, when it is one.
fn english_noun(w: &str) -> Option<String> {
    let w = w.trim_end_matches(|c: char| !c.is_ascii_alphabetic());
    if w.len() < 3 || !w.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let l = lemma(w);
    (!NOT_HEADS.contains(&w) && !NOT_HEADS.contains(&l.as_str()) && concepts::english_known(&l))
        .then_some(l)
}

/// "5% of the company's exports" → export: the noun after "of" right after the figure.
fn english_of_head(after: &str) -> Option<String> {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    rest.starts_with("of ")
        .then(|| english_head("", rest))
        .flatten()
}

/// "a 93 percent plunge in first-half net profit": the change a percent names with the noun
/// after it, and the measure word after "in" (past at most three words: a period, a
/// possessive). `rest_at` is where the figure ends; the measure must lie in the clause.
fn english_change<'m>(
    lex: &'m Lexicon,
    text: &str,
    rest_at: usize,
    clause_metrics: &[&'m MetricMatch],
) -> Option<(&'m MetricMatch, &'m str)> {
    let rest = &text[rest_at..];
    let body = rest.trim_start_matches([' ', '\u{a0}', '-']);
    let word: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if word.is_empty() || body.len() == rest.len() && !rest.starts_with(' ') {
        return None;
    }
    let lemma = lemma(&word);
    let change = lex
        .change_defs()
        .iter()
        .find(|d| d.forms.contains(&lemma))?;
    let after_noun = &body[word.len()..];
    let after_in = after_noun.strip_prefix(" in ")?;
    let from = text.len() - after_in.len();
    let m = clause_metrics.iter().find(|m| m.start >= from)?;
    let between = &text[from..m.start];
    if between.split_whitespace().count() > 3 || between.contains([',', '.', ';']) {
        return None;
    }
    Some((m, change.value.as_str()))
}

/// A rate a percent premodifies and what it is levied on: "a 10 percent tariff on imported
/// goods" → (tariff, good); "对进口商品加征10%关税" → (关税, 商品) — the first noun after the
/// figure, and the noun before the verb after 对 / 向 before it. None without both.
fn rate_head(before: &str, after: &str) -> Option<(String, String)> {
    let rest = after.trim_start_matches([' ', '\u{a0}', '-']);
    if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let words: Vec<&str> = rest.split_whitespace().take(10).collect();
        let rate = english_noun(words.first()?)?;
        if words.get(1) != Some(&"on") {
            return None;
        }
        // Past determiners, possessives, names and words that are not nouns, the nouns of
        // the phrase; its head is the last ("liquefied natural gas" → gas).
        let mut i = 2;
        while i < words.len().min(5) && english_noun(words[i]).is_none() {
            i += 1;
        }
        let mut on = None;
        while let Some(n) = words.get(i).and_then(|w| english_noun(w)) {
            on = Some(n);
            if words[i].ends_with([',', '.', ';']) {
                break;
            }
            i += 1;
        }
        return Some((rate, on?));
    }
    let rate = chinese_nouns(rest.trim_start_matches('的'))
        .into_iter()
        .next()?;
    let on = chinese_object(before)?;
    Some((rate, on))
}

/// What a Chinese rate is levied on: in the Han run that ends at the figure and holds 对 or
/// 向, the noun right before the verb before the figure (对进口自中国的商品加征 → 商品).
fn chinese_object(before: &str) -> Option<String> {
    let run: String = before
        .chars()
        .rev()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(16)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    if !run.contains(['对', '向']) {
        return None;
    }
    let tags = jieba().tag(&run, true);
    let mut k = tags.len();
    let mut skipped = 0;
    while k > 0 && skipped < 3 && {
        let t = tags[k - 1].tag;
        t.starts_with('v') && t != "vn" || t.starts_with('u') || t == "d" || t == "p"
    } {
        k -= 1;
        skipped += 1;
    }
    if skipped == 0 || k == 0 {
        return None;
    }
    let t = &tags[k - 1];
    (matches!(t.tag, "n" | "nz")
        && t.word.chars().count() >= 2
        && concepts::glosses(t.word).is_some())
    .then(|| t.word.to_string())
}

fn english_head(before: &str, rest: &str) -> Option<String> {
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let mut i = 0;
    if words.first() == Some(&"worth") {
        i = 1;
    }
    if words.get(i) == Some(&"of") {
        i += 1;
        while let Some(w) = words.get(i) {
            let det = ["the", "a", "an", "its", "their", "all", "total"].contains(w);
            let poss = w.ends_with("'s") || w.ends_with("\u{2019}s");
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            if det || poss || cap {
                i += 1;
            } else {
                break;
            }
        }
        return noun_run(&words[i.min(words.len())..]);
    }
    // "a 10 percent tariff", "a $800-threshold": premodified, after an article.
    let article = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|w| ["a", "an", "the", "A", "An", "The"].contains(&w));
    if i == 0 && article {
        let mut ws = words.clone();
        ws[0] = ws[0].trim_start_matches('-');
        return noun_run(&ws);
    }
    None
}

/// The head of the noun phrase at the start of `words`: its nouns, the last of them ("share
/// buyback" → buyback), when the phrase ends there (a function word, punctuation, the end) and
/// not at a word the dictionary does not know ("global NAND supply": none).
fn noun_run(words: &[&str]) -> Option<String> {
    let mut head = None;
    for w in words {
        match english_noun(w) {
            Some(n) => {
                head = Some(n);
                if w.ends_with([',', '.', ';', ':', ')']) {
                    return head;
                }
            }
            None => {
                // A function word, a verb, punctuation or a figure ends the phrase; a
                // capitalised word continues it with a name ("global NAND supply").
                let ends = !w.starts_with(|c: char| c.is_uppercase());
                return head.filter(|_| ends);
            }
        }
    }
    head
}

/// The noun before the figure: "a threshold of $800" (the noun before "of"), "parcels valued
/// at $50", "parcels that are worth $50" (the noun before a verb of value).
fn english_head_before(before: &str) -> Option<String> {
    let mut ws = before.split_whitespace().rev().peekable();
    let hedge = [
        "about", "around", "some", "nearly", "almost", "roughly", "over", "under",
    ];
    let mut w = ws.next()?;
    if hedge.contains(&w) {
        w = ws.next()?;
    }
    if w == "at" {
        w = ws.next()?;
    }
    match w {
        "of" => english_noun(ws.next()?),
        "valued" | "worth" | "priced" => {
            // "that are worth", "which were valued"
            if ws
                .peek()
                .is_some_and(|w| ["are", "is", "were", "was", "be"].contains(w))
            {
                ws.next();
                if ws.peek().is_some_and(|w| ["that", "which"].contains(w)) {
                    ws.next();
                }
            }
            english_noun(ws.next()?)
        }
        _ => None,
    }
}

/// The head noun right after a Chinese figure: the last noun (CC-CEDICT defines it, jieba
/// tags it a noun) of the leading nouns of the Han run after it.
fn chinese_head(rest: &str) -> Option<String> {
    chinese_nouns(rest).pop()
}

/// Heads that name the whole of a measure, not what it measures (出口总额 is exports).
const WHOLE_HEADS: &[&str] = &[
    "总额", "总量", "总数", "总值", "总和", "总计", "比例", "比重", "份额", "部分", "总体",
];

/// The whole a Chinese share is of: 占全国出口总额的6% → 出口 (the noun of the phrase between
/// 占 and the figure, past a head that only says "total"), as English gives it with "6% of
/// the country's exports". None unless 占 stands within a short Han phrase before the figure.
fn chinese_share_head(before: &str) -> Option<String> {
    let at = before.rfind('占')?;
    let phrase = &before[at + '占'.len_utf8()..];
    let phrase = phrase.trim_end_matches(|c: char| "的约近达逾超过略不足到为了 ".contains(c));
    if phrase.is_empty()
        || phrase.chars().count() > 16
        || !phrase
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return None;
    }
    let tags = jieba().tag(phrase, true);
    let mut words: Vec<&str> = tags
        .iter()
        .filter(|t| matches!(t.tag, "n" | "nz" | "vn" | "v"))
        .map(|t| t.word)
        .collect();
    while words.last().is_some_and(|w| WHOLE_HEADS.contains(w)) {
        words.pop();
    }
    let head = *words.last()?;
    (head.chars().count() >= 2 && concepts::glosses(head).is_some()).then(|| head.to_string())
}

/// The nouns (CC-CEDICT defines them, jieba tags them nouns, not verbal nouns; two characters
/// or more) of the leading nouns and names of the Han run at the start of `rest`.
fn chinese_nouns(rest: &str) -> Vec<String> {
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    let run: String = rest.chars().take_while(han).take(12).collect();
    if run.is_empty() {
        return vec![];
    }
    let mut tags = jieba().tag(&run, true);
    // A window that cuts the run may cut its last word too: that word is not read.
    if rest.chars().take_while(han).nth(12).is_some() {
        tags.pop();
    }
    let mut nouns = vec![];
    for t in &tags {
        match t.tag {
            "n" | "nz" => {
                if concepts::glosses(t.word).is_some() && t.word.chars().count() >= 2 {
                    nouns.push(t.word.to_string());
                }
            }
            // Names and places modify the head (加拿大商品).
            "ns" | "nr" | "nt" | "nrt" | "nrfg" => {}
            _ => break,
        }
    }
    nouns
}

/// The class of a figure, for `applies` and measure kinds.
fn class(k: &Kind) -> Option<&'static str> {
    match k {
        Kind::Money(_) => Some("money"),
        Kind::Percent(_) => Some("percent"),
        Kind::Multiple(_) => Some("multiple"),
        Kind::Range(r) => match r.unit.as_deref() {
            Some("%") => Some("percent"),
            Some("x") => Some("multiple"),
            Some(_) => Some("money"),
            None => Some("count"),
        },
        Kind::Number(_) => Some("count"),
        _ => None,
    }
}

/// Does a measure of this kind (amount, ratio, count) take a figure of this class, in this
/// role? Growth and share take percents and multiples of any measure.
fn fits(kind: &str, class: &str, role: Option<&str>) -> bool {
    let relative = matches!(
        role,
        Some("yoy-growth" | "yoy-decline" | "qoq-growth" | "share")
    );
    match class {
        "percent" | "multiple" => relative || (kind == "ratio" && class == "percent"),
        "money" => kind == "amount" && !relative,
        "count" => kind == "count" && !relative,
        _ => false,
    }
}

/// Measures whose figures do not vary by period: a valuation, an amount raised, a stake.
pub fn periodic(canonical: &str) -> bool {
    !matches!(
        canonical,
        "valuation"
            | "amount-raised"
            | "market-value"
            | "share-price"
            | "share-price-change"
            | "buyback"
            | "dividend"
            | "investment"
            | "deal-value"
            | "stake"
            | "count:employee"
            | "job-cuts"
            | "orders"
    )
}

/// Clause ranges of a sentence: split after ，,；;： (a comma between digits is a thousands
/// separator, not a clause break).
pub(crate) fn clauses(text: &str, sent: &Range<usize>) -> Vec<Range<usize>> {
    let mut out = vec![];
    let mut start = sent.start;
    let s = &text[sent.clone()];
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let brk = match c {
            '，' | '；' | '：' | ';' => true,
            ',' => {
                let digit_before = i > 0 && b[i - 1].is_ascii_digit();
                let digit_after = b.get(i + 1).is_some_and(|x| x.is_ascii_digit());
                !(digit_before && digit_after)
            }
            _ => false,
        };
        if brk {
            let end = sent.start + i + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < sent.end {
        out.push(start..sent.end);
    }
    out
}

/// A cue found in the text.
struct CueHit {
    start: usize,
    end: usize,
    cue: usize,
}

/// Is the match `start..end` of `hay` a whole word? Han forms always are; a Latin form must
/// not continue a Latin word on either side ("cut" is not in "execute").
pub(crate) fn whole_word(hay: &[u8], start: usize, end: usize) -> bool {
    let latin = hay[start].is_ascii_alphabetic();
    let before = start > 0 && hay[start - 1].is_ascii_alphabetic();
    let after = end < hay.len() && hay[end].is_ascii_alphabetic();
    !(latin && (before || after))
}

/// Cues in `text[range]`, leftmost-longest, whole words for Latin forms.
fn cues_in(lex: &Lexicon, text: &str, range: Range<usize>) -> Vec<CueHit> {
    let Some((m, forms)) = lex.cue_matcher() else {
        return vec![];
    };
    let hay = &text[range.clone()];
    let bytes = hay.as_bytes();
    m.find_iter(hay)
        .filter(|h| whole_word(bytes, h.start(), h.end()))
        .map(|h| CueHit {
            start: range.start + h.start(),
            end: range.start + h.end(),
            cue: forms[h.pattern().as_usize()],
        })
        .collect()
}

/// The period an article's headline or lead gives (its first period expression), for
/// sentences that do not repeat it.
pub fn doc_period(text: &str) -> Option<String> {
    let lead_end = text
        .char_indices()
        .filter(|(_, c)| *c == '\n')
        .nth(3)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    context::first_period(&text[..lead_end.min(text.len())])
}

/// The figure claims of one document.
#[allow(clippy::too_many_arguments)]
pub fn figures(
    src: &Source,
    items: &[Item],
    sentences: &[Range<usize>],
    metrics: &[MetricMatch],
    main: &MainEntities,
    claimed: &HashSet<Span>,
    lex: &Lexicon,
    rule_id: &str,
) -> Vec<Claim> {
    let text = &src.norm.text;
    let cues = lex.cue_defs();
    let period_of_doc = doc_period(text);
    let mut out = vec![];
    let mut k = 0; // first item of the current sentence
    for sent in sentences {
        while k < items.len() && items[k].start < sent.start {
            k += 1;
        }
        let mut carried: Option<&MetricMatch> = None;
        let mut carried_of: Option<String> = None;
        for clause in clauses(text, sent) {
            let clause_metrics: Vec<&MetricMatch> = metrics
                [metrics.partition_point(|m| m.start < clause.start)..]
                .iter()
                .take_while(|m| m.end <= clause.end)
                .collect();
            let clause_cues = cues_in(lex, text, clause.clone());
            let mut j = k;
            while j < items.len() && items[j].start < clause.start {
                j += 1;
            }
            for (idx, it) in items.iter().enumerate().skip(j) {
                if it.start >= clause.end {
                    break;
                }
                let ItemVal::Value(kind) = &it.val else {
                    continue;
                };
                let Some(cls) = class(kind) else { continue };
                let d = src.norm.decoded_range(it.start..it.end);
                let span = Span::new((src.to_original)(d.start), (src.to_original)(d.end));
                if claimed.contains(&span) {
                    continue;
                }
                // The measure word: before the figure in the clause, with no other figure
                // between them; else right after the figure.
                let before = clause_metrics
                    .iter()
                    .rev()
                    .find(|m| m.end <= it.start)
                    .filter(|m| {
                        !items[j..idx].iter().any(|o| {
                            o.start >= m.end
                                && matches!(&o.val, ItemVal::Value(ok) if class(ok) == Some(cls))
                        })
                    })
                    .copied();
                let after = clause_metrics
                    .iter()
                    .find(|m| {
                        m.start >= it.end && {
                            let gap = &text[it.end..m.start];
                            gap.chars().count() <= 2
                                && gap.chars().all(|c| c == '的' || c.is_whitespace())
                        }
                    })
                    .copied();
                // "a 12% rise in revenue": the change noun names the role, "in" the measure.
                let change = if matches!(cls, "percent" | "multiple") {
                    english_change(lex, text, it.end, &clause_metrics)
                } else {
                    None
                };
                // The role: the cue of the clause nearest before the figure.
                let candidates: Vec<&CueHit> = clause_cues
                    .iter()
                    .filter(|h| h.end <= it.start)
                    .filter(|h| {
                        !clause_metrics
                            .iter()
                            .any(|m| m.start <= h.start && h.end <= m.end)
                    })
                    .collect();
                let role_cue = pick_role(cues, &candidates, cls);
                let role_cue = match (role_cue, hedge_of_kind(kind)) {
                    // "最多300辆": the recognizer took the bound into the value.
                    (None, Some(super::recognize::Hedge::AtMost)) => {
                        lex.cue_defs().iter().find(|c| c.value == "cap")
                    }
                    (r, _) => r,
                };
                let role_cue = match change {
                    Some((_, value)) => lex
                        .cue_defs()
                        .iter()
                        .find(|c| c.qualifier == "measure" && c.value == value)
                        .or(role_cue),
                    None => role_cue,
                };
                let carry_ok = matches!(cls, "percent" | "multiple") || role_cue.is_some();
                let metric = change.map(|(m, _)| m).or(before).or(after).or(if carry_ok {
                    carried
                } else {
                    None
                });
                let counted;
                let mut object: Option<String> = None;
                let metric = match metric {
                    Some(m) => m,
                    None if cls == "count" && !matches!(kind, Kind::Range(_)) => {
                        let after = &text[it.end..clause.end];
                        let Some(concept) = counted_concept(lex, it.unit.as_deref(), after) else {
                            continue;
                        };
                        // Small counts of things name sets (two companies, three sites), not
                        // measures: only counts of ten or more are compared.
                        if matches!(kind, Kind::Number(n) if n.value < 10.0) {
                            continue;
                        }
                        counted = MetricMatch {
                            start: it.start,
                            end: it.start,
                            canonical: format!("count:{concept}"),
                            kind: "count".into(),
                            also: vec![],
                        };
                        &counted
                    }
                    // A money amount or percent that no measure word governs is the value
                    // of the noun it modifies or quantifies ("$20 billion of goods", "10%关税").
                    None if matches!(cls, "money" | "percent") => {
                        let relative = role_cue.is_some_and(|c| {
                            c.qualifier == "measure"
                                && matches!(
                                    c.value.as_str(),
                                    "yoy-growth" | "yoy-decline" | "qoq-growth"
                                )
                        });
                        if relative {
                            continue;
                        }
                        let (before_fig, after_fig) =
                            (&text[clause.start..it.start], &text[it.end..clause.end]);
                        // A percent is the share of a whole it names ("5% of exports"), or a
                        // rate it premodifies with what the rate is levied on ("a 10 percent
                        // tariff on goods", "对进口商品加征10%关税"): the rate alone is too
                        // coarse a key, a story gives many (on goods, on coal).
                        let noun = if cls == "percent" {
                            english_of_head(after_fig)
                                .or_else(|| {
                                    let (rate, on) = rate_head(before_fig, after_fig)?;
                                    object = Some(on);
                                    Some(rate)
                                })
                                .or_else(|| chinese_share_head(before_fig))
                        } else {
                            head_noun(before_fig, after_fig)
                        };
                        let Some(noun) = noun else {
                            continue;
                        };
                        counted = MetricMatch {
                            start: it.start,
                            end: it.start,
                            canonical: format!("{cls}:{noun}"),
                            kind: if cls == "money" { "amount" } else { "ratio" }.into(),
                            also: vec![],
                        };
                        &counted
                    }
                    None => continue,
                };
                let role = role_cue
                    .filter(|c| c.qualifier == "measure")
                    .map(|c| c.value.as_str());
                if !std::iter::once(&metric.kind)
                    .chain(metric.also.iter())
                    .any(|k| fits(k, cls, role))
                {
                    continue;
                }
                let mut qualifiers: BTreeMap<String, String> = BTreeMap::new();
                if let Some(c) = role_cue {
                    qualifiers.insert(c.qualifier.clone(), c.value.clone());
                }
                // The period and segment words before the figure, or before the measure of
                // a change ("a 93 percent plunge in first-half net profit").
                let sent_before = &text[sent.start..change.map_or(it.start, |(m, _)| m.start)];
                if periodic(&metric.canonical) {
                    if let Some(p) = context::period(sent_before).or(period_of_doc.clone()) {
                        qualifiers.insert("period".into(), p);
                    }
                }
                if let Some(s) = context::segment(sent_before) {
                    qualifiers.insert("segment".into(), s);
                }
                let carried_of = if before.is_none() && after.is_none() {
                    carried_of.clone()
                } else {
                    None
                };
                let of = before.and_then(|m| noun_of_measure(text, items, clause.start, m.start));
                // A share of a whole is a fact about the part: without a word naming the
                // part (or a measure that is itself a share), it is not comparable.
                if role == Some("share") && metric.kind != "ratio" && of.is_none() {
                    continue;
                }
                // A segment of its own (the hardware unit grew 6%) is not the carried noun.
                let carried_of = carried_of.filter(|_| !qualifiers.contains_key("segment"));
                if let Some(m) = of.or(carried_of) {
                    qualifiers.insert("of".into(), m);
                }
                if let Some(on) = object {
                    qualifiers.insert("on".into(), on);
                }
                let (subject, by_default) = subject_of(text, items, sent, idx, main);
                if by_default {
                    qualifiers.insert("subject_from".into(), "article".into());
                }
                let mut value = item_value(it);
                // A count of a thing compares in that thing, whatever the measure word (辆,
                // 台, "vehicles").
                if let (Some(c), crate::model::Value::Quantity { unit, .. }) =
                    (metric.canonical.strip_prefix("count:"), &mut value)
                {
                    *unit = Some(c.to_string());
                }
                out.push(Claim {
                    id: String::new(),
                    doc: String::new(),
                    span,
                    text: src.decoded[d].to_string(),
                    subject,
                    predicate: metric.canonical.clone(),
                    value,
                    qualifiers,
                    rule: rule_id.to_string(),
                });
            }
            if let Some(m) = clause_metrics.last() {
                carried = Some(m);
                // The noun of the carried measure word goes with it (星星人营收…，同比增长…).
                carried_of = noun_of_measure(text, items, clause.start, m.start);
            }
        }
    }
    out
}

/// The subject of the figure at `items[idx]`: the nearest organisation or name before it in
/// its sentence, else in its paragraph; the article's main organisation is the story's.
/// The flag is true when the article's main organisation stands in for a subject the sentence
/// does not name. Names coordinated right before the figure's subject (特斯拉、优步和Waymo获准
/// 投放8000台; "Tesla, Uber and Waymo may deploy 8,000") make a joint subject, `A + B + C`
/// sorted: a figure of the list is none of its members' — unless the sentence distributes
/// it (各, 分别, each, respectively).
pub(crate) fn subject_of(
    text: &str,
    items: &[Item],
    sent: &Range<usize>,
    idx: usize,
    main: &MainEntities,
) -> (String, bool) {
    let org = |it: &Item| match &it.val {
        ItemVal::Mention(m)
            if matches!(
                m.kind,
                MentionKind::Org | MentionKind::Name | MentionKind::Product
            ) =>
        {
            Some(m.canonical.clone())
        }
        _ => None,
    };
    let found = items[..idx]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, it)| it.start >= sent.start)
        .find_map(|(k, it)| org(it).map(|n| (k, n)));
    let Some((k, name)) = found else {
        return main
            .org
            .clone()
            .map(|n| (n, true))
            .unwrap_or_else(|| (MAIN_ORG.to_string(), false));
    };
    let mut names = vec![name.clone()];
    let mut cur = k;
    while let Some(j) = items[..cur]
        .iter()
        .rposition(|it| it.end <= items[cur].start && it.start >= sent.start)
    {
        let Some(n) = org(&items[j]) else { break };
        if !coordinator(text.get(items[j].end..items[cur].start).unwrap_or("")) {
            break;
        }
        names.push(n);
        cur = j;
    }
    names.sort();
    names.dedup();
    let figure_at = items[idx].start;
    let between = text.get(items[k].end..figure_at).unwrap_or("");
    let distributed = ["各", "分别", "分別", "each", "respectively"]
        .iter()
        .any(|w| between.contains(w));
    if names.len() < 2 || distributed {
        return (name, false);
    }
    (names.join(" + "), false)
}

/// Is this the text between two coordinated names (、, 和, 以及, ", ", " and ")? It may hold
/// members the recognizers do not know (特斯拉、优步、Waymo: a short Han word, or capitalised
/// Latin words, between separators). Link syntax left around names (`[特斯拉](url)、[优步]`)
/// is not text.
fn coordinator(gap: &str) -> bool {
    let mut g = gap.to_string();
    while let (Some(a), Some(b)) = (g.find("]("), g.find(')')) {
        if b < a {
            break;
        }
        g.replace_range(a..=b, "");
    }
    let mut g = format!(" {} ", g.replace(['[', ']'], ""));
    for sep in [
        "以及", ", and ", " and ", "、", "和", "与", "與", "及", ",", " & ",
    ] {
        g = g.replace(sep, "|");
    }
    let parts: Vec<&str> = g.split('|').map(str::trim).collect();
    let member = |t: &str| {
        let n = t.chars().count();
        ((1..=6).contains(&n) && t.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            || (!t.is_empty()
                && t.split(' ').all(|w| {
                    w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                        && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                }))
    };
    parts.len() >= 2
        && parts[0].is_empty()
        && parts[parts.len() - 1].is_empty()
        && parts[1..parts.len() - 1].iter().all(|p| member(p))
}

/// The noun of the measure word at `metric_start`: [`modifier`] over the text between the
/// last item that ends before the measure word (or `floor`, the clause or sentence start)
/// and the measure word. Items are sorted by start, so the search is a binary search and a
/// walk back over the items of this clause only.
pub fn noun_of_measure(
    text: &str,
    items: &[Item],
    floor: usize,
    metric_start: usize,
) -> Option<String> {
    let k = items.partition_point(|o| o.start < metric_start);
    let from = items[..k]
        .iter()
        .rev()
        .take_while(|o| o.end > floor)
        .map(|o| o.end)
        .find(|&e| e <= metric_start)
        .unwrap_or(floor)
        .max(floor);
    modifier(text, from, metric_start)
}

/// English: the capitalised word right before the measure word ("Cloud revenue", "Europe
/// sales"), when it is not a determiner, a period or a word for "total" (closed classes of
/// English, not a list of names).
fn english_modifier(before: &str) -> Option<String> {
    let word: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    // A proper noun modifies a measure ("Cloud revenue", "Labubu sales"); a lower-case word
    // before one is as often a verb ("expects revenue of").
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let w = word.to_lowercase();
    const FUNCTION: &[&str] = &[
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "this",
        "that",
        "these",
        "those",
        "total",
        "overall",
        "net",
        "gross",
        "group",
        "company",
        "quarterly",
        "annual",
        "yearly",
        "monthly",
        "half-year",
        "full-year",
        "first-half",
        "second-half",
        "first-quarter",
        "second-quarter",
        "third-quarter",
        "fourth-quarter",
        "fiscal",
        "adjusted",
        "reported",
        "and",
        "or",
        "of",
        "in",
        "on",
        "for",
        "with",
        "to",
        "from",
        "by",
        "at",
        "as",
        "whose",
        "which",
        "record",
        "higher",
        "lower",
        "strong",
        "weak",
        "core",
        "operating",
        "combined",
    ];
    if w.len() < 3 || FUNCTION.contains(&w.as_str()) {
        return None;
    }
    Some(w)
}

/// The noun that modifies a measure word in Chinese (星星人收入 → 星星人; X带来的营收 → X;
/// 海外收入 is a measure of its own): going back from the measure word over the Han run
/// before it, past particles and verbs (的, 带来), the nearest words the segmenter tags as
/// nouns, joined; none when they only say "the company", a time or a quantity.
pub fn modifier(text: &str, from: usize, metric_start: usize) -> Option<String> {
    let before = &text[from.min(metric_start)..metric_start];
    if before.ends_with(' ') {
        return english_modifier(before);
    }
    let run: String = before
        .chars()
        .rev()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(12)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    if run.chars().count() < 2 {
        return None;
    }
    let tags = jieba().tag(&run, true);
    let is_noun = |t: &str| matches!(t, "n" | "nr" | "ns" | "nt" | "nz" | "nrt" | "nrfg" | "x");
    let skippable = |t: &str| t.starts_with('u') || t.starts_with('v') || t == "d" || t == "p";
    let mut k = tags.len();
    // Past particles and verbs right before the measure word (的, 带来的), at most three.
    let mut skipped = 0;
    while k > 0 && skippable(tags[k - 1].tag) && skipped < 3 {
        k -= 1;
        skipped += 1;
    }
    let end = k;
    while k > 0 && is_noun(tags[k - 1].tag) {
        k -= 1;
    }
    if k == end {
        return None;
    }
    let words: Vec<&str> = tags[k..end].iter().map(|t| t.word).collect();
    let noun = words.concat();
    let generic = [
        "公司",
        "集团",
        "企业",
        "业务",
        "整体",
        "期间",
        "同期",
        "年度",
        "季度",
        "上半年",
        "下半年",
        "全年",
        "亿元",
        "万元",
        "美元",
        "港元",
        "单季",
        "当季",
        "本季",
        "市场",
    ];
    if noun.chars().count() < 2 || generic.iter().any(|g| noun.ends_with(g)) {
        return None;
    }
    Some(noun)
}

/// The role cue (qualifier, value) that qualifies the figure starting at `value_start` in
/// sentence `sent`, for claims that rules emit under a measure word: the same cues as the
/// frame's, so rule and frame claims of one role meet.
pub fn role_of(
    lex: &Lexicon,
    text: &str,
    sent: &Range<usize>,
    value_start: usize,
    cls: &str,
) -> Option<(String, String)> {
    let clause = clauses(text, sent)
        .into_iter()
        .find(|c| c.start <= value_start && value_start < c.end.max(c.start + 1))?;
    let cues = lex.cue_defs();
    let metric_words = lex.find_metrics(&text[clause.start..value_start]);
    let inside_metric = |h: &CueHit| {
        metric_words
            .iter()
            .any(|m| clause.start + m.start <= h.start && h.end <= clause.start + m.end)
    };
    let hits = cues_in(lex, text, clause.start..value_start);
    let candidates: Vec<&CueHit> = hits.iter().filter(|h| !inside_metric(h)).collect();
    pick_role(cues, &candidates, cls).map(|c| (c.qualifier.clone(), c.value.clone()))
}

/// The role cue of a figure among the cues before it in its clause: the nearest that applies
/// to its class. A new-value cue (增至, to) nearest the figure cancels the comparative roles
/// before it (previous, growth, decline): "rose from a year earlier to 33 billion" gives this
/// year's figure; the other roles (target, cap, share…) still hold ("计划扩大到500家").
fn pick_role<'c>(cues: &'c [CueDef], hits: &[&CueHit], cls: &str) -> Option<&'c CueDef> {
    let applies = |c: &CueDef| c.applies.is_empty() || c.applies.iter().any(|a| a == cls);
    let mut ordered: Vec<&&CueHit> = hits.iter().filter(|h| applies(&cues[h.cue])).collect();
    ordered.sort_by_key(|h| (h.end, h.end - h.start));
    let nearest = &cues[ordered.last()?.cue];
    if nearest.qualifier != "none" {
        return Some(nearest);
    }
    let comparative = ["previous", "yoy-growth", "yoy-decline", "qoq-growth"];
    ordered
        .iter()
        .rev()
        .map(|h| &cues[h.cue])
        .find(|c| c.qualifier != "none")
        .filter(|c| !comparative.contains(&c.value.as_str()))
}

/// The hedge of a recognized figure.
fn hedge_of_kind(k: &Kind) -> Option<super::recognize::Hedge> {
    match k {
        Kind::Number(n) | Kind::Percent(n) | Kind::Multiple(n) => Some(n.hedge),
        Kind::Money(m) => Some(m.amount.hedge),
        _ => None,
    }
}

/// The class of a claim value (money, percent, count), for cues.
pub fn value_class(v: &crate::model::Value) -> Option<&'static str> {
    match v {
        crate::model::Value::Money { .. } => Some("money"),
        crate::model::Value::Percent { .. } => Some("percent"),
        crate::model::Value::Quantity { unit: Some(u), .. } if u == "x" => Some("multiple"),
        crate::model::Value::Quantity { .. } => Some("count"),
        _ => None,
    }
}
