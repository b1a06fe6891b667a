//! Latin-script names without junk. A capitalised word is a name candidate; it is not a name
//! when it is capitalised only by its position — at the start of a sentence, on a title-case
//! headline, in a byline ("By …") or a boilerplate line ("All Rights Reserved", a time stamp
//! "10:05 AM EDT") — unless the same word is written capitalised in mid-sentence somewhere in
//! the document or the run. Inside a name: letters with accents (Citroën), an apostrophe
//! before a capital (O'Neill), a possessive that belongs to the name (Macy's, when the bare
//! form is never written alone), versions (Llama 3.1). "Tencent-backed" names Tencent.

use regex::Regex;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// One word of a candidate name.
struct Word {
    start: usize,
    end: usize,
}

/// Where a line stands in the article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum LineKind {
    Body,
    /// Title case (most words capitalised), or all capitals.
    Headline,
    Byline,
    Boilerplate,
}

struct Patterns {
    /// A word of a name: letters, digits, inner `.+-`, an apostrophe before a capital or a
    /// possessive `'s`.
    word: Regex,
    /// A candidate: capitalised words separated by one space, with versions (`3.1`) after
    /// the first.
    candidate: Regex,
    boilerplate: Regex,
    time_stamp: Regex,
    descriptor: Regex,
    /// A credit line: "Editor: …", "Photo: …", "Written by …".
    credit: Regex,
    /// Markup or code left in the text.
    code: Regex,
    /// A Latin name or term glossed in brackets: `HBM（高带宽内存）`, `high-bandwidth memory
    /// (HBM)`, `监督微调（SFT）`.
    latin_gloss: Regex,
    gloss_latin: Regex,
    /// Where a run-on byline ends: a dateline in capitals, a bracket, a dash.
    byline_end: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    // Initials keep their final dot (U.S., D.A.): `(?:X\.)+X\.` comes first.
    const W: &str = r"(?:(?:[\p{Lu}&&\p{Latin}]\.)+[\p{Lu}&&\p{Latin}]\.|[\p{Latin}0-9]*[\p{Lu}&&\p{Latin}][\p{Latin}0-9]*(?:[.+\-][\p{Latin}0-9]+|['’][\p{Lu}&&\p{Latin}][\p{Latin}0-9]*|['’]s\b)*)";
    P.get_or_init(|| Patterns {
        word: Regex::new(W).unwrap(),
        candidate: Regex::new(&format!(r"{W}(?: (?:{W}|[0-9]+(?:\.[0-9]+)+\b))*")).unwrap(),
        boilerplate: Regex::new(
            r"(?i)all rights reserved|copyright|©|\b(?:reporting|editing|writing|additional reporting|compiled|edited) by\b|also read|read more|sign up|subscribe|click here|follow us|newsletter|terms of (?:use|service)|privacy policy|cookie|\bwrite to\b",
        )
        .unwrap(),
        time_stamp: Regex::new(r"\b\d{1,2}:\d{2}\s*(?:AM|PM|a\.m\.|p\.m\.)?\s*(?:EDT|EST|ET|GMT|UTC|BST|PDT|PST|CST|HKT|JST)?\b|\b(?:AM|PM) (?:EDT|EST|ET|GMT|UTC|PDT|PST)\b").unwrap(),
        credit: Regex::new(r"^(?i:editor|editing|editors|photo|photos|image|images|source|sources|written by|text|author|authors)\s*[:：]").unwrap(),
        code: Regex::new(r#"[a-z_]+=\s*"|<\?|\?>|\{\{|\}\}|\[[a-z_\\]+ [a-z_]+=|function\s*\("#).unwrap(),
        latin_gloss: Regex::new(r"([A-Za-z0-9][A-Za-z0-9\-]*(?: [A-Za-z][A-Za-z0-9\-]*){0,4})\s*[(（]\s*([^()（）]{2,40}?)\s*[)）]").unwrap(),
        gloss_latin: Regex::new(r"(\p{Han}{2,12})\s*[(（]\s*([A-Za-z][A-Za-z0-9\- ]*(?:[,，、]\s*[A-Za-z][A-Za-z0-9\- ]*)*)\s*[)）]").unwrap(),
        byline_end: Regex::new(r"\b[A-Z]{3,}\b|[(（]| [-–—] ").unwrap(),
        descriptor: Regex::new(r"(?i)-(?:backed|owned|linked|based|led|made|listed|controlled|funded|run|operated|supported|affiliated|registered|headquartered|focused|style|era|bound|born|built|branded|designed|developed|dominated|related|sponsored|specific|exclusive|powered|driven|enabled|friendly|only|free|wide)$").unwrap(),
    })
}

/// Small words that title case leaves in lower case, and function words that start a
/// sentence capitalised but never start a name on their own.
const SMALL: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "vs", "is", "are", "its", "but", "nor", "per", "via", "up", "out", "over", "into", "after",
    "amid", "than", "about", "says", "new",
];

const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "Its", "It", "Our", "Their", "His", "Her",
    "My", "Your", "We", "They", "He", "She", "I", "You", "But", "And", "Or", "So", "If", "As",
    "At", "In", "On", "Of", "For", "By", "To", "With", "From", "When", "While", "Where", "What",
    "Whether", "Which", "Who", "Why", "How", "Unlike", "Like", "Under", "After", "Before", "Since",
    "Although", "Though", "Because", "Despite", "Without", "With", "There", "Here", "Also",
    "Still", "Yet", "Then", "Now", "Not", "No", "All", "Some", "Many", "Most", "Such", "Both",
    "Each", "Every", "Even", "Only", "Just", "Earlier", "Later", "Last", "Next",
];

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// A line is Latin-dominant when it has more than twice as many Latin letters as Han
/// characters (a Han character carries about a word).
fn latin_dominant(line: &str) -> bool {
    // One pass: Latin letters (alphabetic, not Han) and Han characters.
    let (mut latin, mut han) = (0usize, 0usize);
    for c in line.chars() {
        if c.is_ascii() {
            latin += usize::from(c.is_ascii_alphabetic());
        } else if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    latin > 2 * han
}

fn line_kind(line: &str, latin_dominant: bool) -> LineKind {
    let p = patterns();
    let bare = line
        .trim_start_matches(|c: char| c.is_whitespace() || "#*>-_|".contains(c) || c == '\u{2014}');
    if !latin_dominant {
        return LineKind::Body;
    }
    if bare.starts_with("By ") || bare.starts_with("BY ") {
        return LineKind::Byline;
    }
    // A signature: a line of a name alone after a dash ("-Dana Whitcombe"), or a credit
    // ("Editor: …", "Photo: …").
    let raw = line.trim_start();
    let name_alone = bare.trim_end().split(' ').count() <= 3
        && bare
            .trim_end()
            .split(' ')
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    // (A dash and a space is a list item, not a signature.)
    let dash = raw
        .strip_prefix('-')
        .is_some_and(|r| r.starts_with(char::is_alphabetic))
        || raw.starts_with(['\u{2014}', '\u{2013}']);
    if (name_alone && dash) || p.credit.is_match(bare) {
        return LineKind::Byline;
    }
    // Markup or code that a page left in the text (voice="…", <?php … ?>, {{ … }}).
    if p.code.is_match(line) {
        return LineKind::Boilerplate;
    }
    let words: Vec<&str> = bare
        .split(|c: char| c.is_whitespace() || c == '|' || c == ',')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_alphabetic()))
        .collect();
    if maybe_boilerplate(line) && p.boilerplate.is_match(line)
        || (words.len() < 14
            && (line.contains([':']) || line.contains("AM ") || line.contains("PM "))
            && p.time_stamp.find(line).is_some_and(|m| m.len() > 4))
    {
        return LineKind::Boilerplate;
    }
    let content: Vec<&&str> = words
        .iter()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase());
    // A sentence ends with a full stop; a headline usually does not, and writes every
    // content word with a capital.
    if content.len() >= 3
        && content.iter().all(|w| capital(w))
        && !bare.trim_end().ends_with(['.', '。'])
    {
        return LineKind::Headline;
    }
    LineKind::Body
}

/// Can `boilerplate` match `line`? Each of its alternatives holds one of these words, in
/// any case; the only non-ASCII letters that fold to ASCII ones are ſ and the Kelvin sign.
/// (The pattern's Unicode `\b` keeps the regex crate off its DFA on curly quotes and dashes,
/// so the pattern is not run on lines without them.)
fn maybe_boilerplate(line: &str) -> bool {
    const WORDS: [&str; 18] = [
        "all rights reserved",
        "copyright",
        "©",
        "reporting",
        "editing",
        "writing",
        "compiled",
        "edited",
        "also read",
        "read more",
        "sign up",
        "subscribe",
        "click here",
        "follow us",
        "newsletter",
        "terms of",
        "privacy policy",
        "cookie",
    ];
    if line.contains(['\u{17F}', '\u{212A}']) {
        return true;
    }
    let l = line.to_ascii_lowercase();
    WORDS.iter().any(|w| l.contains(w))
}

/// Words that neither start nor end a name (Planet Daily News According to …).
const NOT_AT_EDGE: &[&str] = &["According", "Said", "Says", "Told", "Reported", "Added"];

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Ms", "Mrs", "Dr", "St", "Inc", "Co", "Corp", "Ltd", "Jr", "Sr", "U.S", "U.K", "vs",
    "No", "Gov", "Sen", "Rep", "Prof", "Gen", "Lt", "Col", "Capt", "Sgt", "Mt", "Ft", "approx",
    "e.g", "i.e", "p.m", "a.m", "U.N", "E.U",
];

/// Initials of places, which can end a sentence; other initials (R.J. Calloway) cannot.
pub const PLACE_INITIALS: &[&str] = &["U.S.", "U.K.", "U.N.", "E.U."];

/// Does a word at `start` of `text` (Latin-dominant line) begin a sentence?
fn sentence_initial(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let trimmed = before.trim_end_matches(|c: char| {
        c == ' ' || c == '\t' || "\"'“‘(「『[*_#>-".contains(c) || c == '\u{2014}' || c == '–'
    });
    let Some(last) = trimmed.chars().next_back() else {
        return true;
    };
    match last {
        '\n' => true,
        '!' | '?' | ':' | ';' | '。' | '！' | '？' | '：' | '”' | '"' => {
            // "… said:" and a closing quote followed by a capital: a new sentence.
            last != '”' && last != '"' || trimmed.ends_with(".\"") || trimmed.ends_with(".”")
        }
        '.' => {
            let word: String = trimmed[..trimmed.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            // One capital letter (J. Smith) or an abbreviation: not an end of sentence.
            // Initials with their dots (D.A. Davidson, J.P. Morgan) are one too.
            let initials = word
                .split('.')
                .all(|p| p.chars().count() == 1 && p.chars().all(|c| c.is_uppercase()));
            !(ABBREVIATIONS.contains(&word.as_str()) || initials)
        }
        _ => false,
    }
}

/// Where each line of `text` starts, with its kind and whether it is Latin-dominant
/// (computed once per line, not once per word).
fn lines(text: &str) -> Vec<(usize, usize, LineKind, bool)> {
    let mut out = vec![];
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let latin = latin_dominant(line);
        let kind = line_kind(line, latin);
        // A byline that runs on into the article (By A and B TOKYO (Reuters) - …): the
        // credit ends at the dateline, a bracket or a dash.
        let cut = (kind == LineKind::Byline && line.split(' ').count() > 12)
            .then(|| patterns().byline_end.find(line).map(|m| m.start()))
            .flatten();
        match cut {
            Some(c) => {
                out.push((start, start + c, kind, latin));
                out.push((start + c, end, LineKind::Body, latin));
            }
            None => out.push((start, end, kind, latin)),
        }
        start = end;
    }
    out
}

/// Where a word stands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Pos {
    /// In mid-sentence of body text: capitalised because it is a name.
    Mid,
    /// At the start of a sentence of body text.
    Start,
    /// On a headline or boilerplate line.
    Line,
    /// On a byline or credit line: never a name of the story.
    Credit,
}

fn position(text: &str, lines: &[(usize, usize, LineKind, bool)], start: usize) -> Pos {
    let i = lines.partition_point(|l| l.1 <= start);
    let Some(&(_, _, kind, latin)) = lines.get(i) else {
        return Pos::Mid;
    };
    if kind == LineKind::Byline {
        Pos::Credit
    } else if kind != LineKind::Body {
        Pos::Line
    } else if latin && sentence_initial(text, start) {
        Pos::Start
    } else {
        Pos::Mid
    }
}

/// The capitalised words of `text` written in mid-sentence of body text (or in Chinese
/// text, where a Latin capital is never a sentence's): the forms that are names wherever
/// they stand.
pub fn mid_sentence_words(text: &str) -> BTreeSet<String> {
    mid_sentence_words_in(text, &lines(text))
}

/// [`mid_sentence_words`] with the lines of `text` already known.
fn mid_sentence_words_in(text: &str, ls: &[(usize, usize, LineKind, bool)]) -> BTreeSet<String> {
    let p = patterns();
    let mut out = BTreeSet::new();
    for m in latin_matches(&p.word, text) {
        if m.start() > 0
            && text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() && !is_han(c))
        {
            continue;
        }
        if position(text, ls, m.start()) == Pos::Mid {
            out.insert(strip_descriptor(m.as_str()).to_string());
            out.insert(m.as_str().to_string());
        }
    }
    // Words written in lower case: a word in capitals whose lower-case form the run writes
    // is a word shouted (COMPANIES, RELATED TOPICS), not an acronym.
    // (Only English lines count: a lower-case word in Han text is a quoted query or code.)
    // A whole line's dominance is known from `lines`; only the parts of a cut byline are
    // counted again.
    let b = text.as_bytes();
    let whole = |l: &(usize, usize, LineKind, bool)| {
        (l.0 == 0 || b[l.0 - 1] == b'\n') && (l.1 == b.len() || b[l.1 - 1] == b'\n')
    };
    let latin_lines: Vec<(usize, usize)> = ls
        .iter()
        .filter(|l| {
            if whole(l) {
                l.3
            } else {
                latin_dominant(&text[l.0..l.1])
            }
        })
        .map(|l| (l.0, l.1))
        .collect();
    for (ws, we) in lower_words(text) {
        let i = latin_lines.partition_point(|l| l.1 <= ws);
        if latin_lines.get(i).is_none_or(|l| l.0 > ws) {
            continue;
        }
        // Not inside a link or a file name (velmora.com, /velmora-fleet/).
        let joined = |c: Option<char>| c.is_some_and(|c| "./-_=?&#@:".contains(c));
        if joined(text[..ws].chars().next_back()) || joined(text[we..].chars().next()) {
            continue;
        }
        out.insert(text[ws..we].to_string());
    }
    for t in glossed_terms(text) {
        out.insert(format!("{TERM}{t}"));
    }
    for t in modifier_terms(text, ls) {
        out.insert(format!("{HAN_TERM}{t}"));
    }
    for t in named_acronyms(text) {
        out.insert(format!("{HAN_NAME}{t}"));
    }
    out
}

/// The prefix of an acronym the run shows to be a name ([`named_acronyms`]).
const HAN_NAME: &str = "#han-name:";

/// Acronyms the run shows to be names whatever noun follows them elsewhere: written with a
/// version (QLIP-2, QLIP2: a model has versions, a kind of thing has none), or glossed by a
/// Han phrase that is not a common one (运输管理局(NTA), 美国邮政(USPS): a name's
/// translation).
fn named_acronyms(text: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let gloss = RE
        .get_or_init(|| Regex::new(r"(\p{Han}{2,12})\s*[(（]\s*([A-Z][A-Z0-9]+)\s*[)）]").unwrap());
    let mut out: Vec<String> = versioned_acronyms(text)
        .into_iter()
        .map(|(s, e)| text[s..e].to_string())
        .collect();
    for c in gloss.captures_iter(text) {
        let han = &c[1];
        let simple = super::fold_name(han);
        let tags = super::jieba().tag(&simple, true);
        let n = tags.len();
        let tail: String = tags[n.saturating_sub(2)..].iter().map(|t| t.word).collect();
        if !common_phrase(&tail) {
            out.push(c[2].to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The acronyms of `\b([A-Z][A-Z0-9]*[A-Z])(?:-?[0-9]|-[A-Z][a-z])` in `text` (group 1 of
/// each match, as byte ranges), found without the regex crate: a Unicode `\b` keeps its
/// DFA off non-ASCII text, and the backtracker it falls back to searched the whole rest of
/// the document at every call (4.6 % of all instructions on the shared corpus ×10). A
/// match starts at a capital with no word character before it (that is the `\b`), and
/// from there the pattern is anchored: the greedy `[A-Z0-9]*` backs off to the last
/// capital after which `-?[0-9]` or `-[A-Z][a-z]` follows. The next search starts where
/// the match ended, as `captures_iter` does.
fn versioned_acronyms(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_uppercase() || (i > 0 && word_char_before(text, i)) {
            i += 1;
            continue;
        }
        // The run of [A-Z0-9] from i; the match ends at the last capital in it (after
        // the first) that a version or a capitalised part follows.
        let mut run_end = i + 1;
        while run_end < b.len() && (b[run_end].is_ascii_uppercase() || b[run_end].is_ascii_digit())
        {
            run_end += 1;
        }
        let follows = |k: usize| -> Option<usize> {
            // k: the byte after the group. `-?[0-9]` or `-[A-Z][a-z]`.
            let at = |j: usize| b.get(j).copied();
            if at(k).is_some_and(|c| c.is_ascii_digit()) {
                return Some(k + 1);
            }
            if at(k) == Some(b'-') {
                if at(k + 1).is_some_and(|c| c.is_ascii_digit()) {
                    return Some(k + 2);
                }
                if at(k + 1).is_some_and(|c| c.is_ascii_uppercase())
                    && at(k + 2).is_some_and(|c| c.is_ascii_lowercase())
                {
                    return Some(k + 3);
                }
            }
            None
        };
        let found = (i + 1..run_end)
            .rev()
            .filter(|&j| b[j].is_ascii_uppercase())
            .find_map(|j| follows(j + 1).map(|end| (j + 1, end)));
        match found {
            Some((group_end, end)) => {
                out.push((i, group_end));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the character before byte `i` of `text` is a word character of the regex
/// crate's Unicode `\b` (`\w`: alphanumeric, a mark, a connector punctuation or a join
/// control).
fn word_char_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(regex_syntax::is_word_character)
}

/// The prefix of an acronym that Han text of the run writes as the modifier of a common noun
/// ([`modifier_terms`]): a term there, wherever Han text writes it.
const HAN_TERM: &str = "#han-term:";

/// Acronyms that Han text writes right before a common noun, as a modifier of what it names
/// (EUV光刻机, PDF 文件, 8×DR8 QPO模块: a kind of machine, file, module; a code with digits
/// such as K2 or DR8 is left alone, a product's model as often as not): by the segmenter,
/// the next word is a common noun (`n`) of two characters or more that names no person, role
/// or organisation (not 基金, 首席分析师, 股价, 公司: TAL基金 and ICTIME首席分析师 are
/// names). The acronym and each of its words are returned.
fn modifier_terms(text: &str, ls: &[(usize, usize, LineKind, bool)]) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"([A-Z][A-Z0-9]*[A-Z0-9](?: [A-Z0-9]*[A-Z][A-Z0-9]*)*) ?(\p{Han}{2,6})")
            .unwrap()
    });
    // The last character of a word that names a person, a role, an organisation or a trade.
    const AGENTIVE: &str = "人员师官长家者监席理裁事会商厂司社部局院所团行金股";
    let mut out = vec![];
    for l in ls.iter().filter(|l| !l.3) {
        let line = &text[l.0..l.1];
        for c in re.captures_iter(line) {
            let m = c.get(1).unwrap();
            if line[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_ascii_alphanumeric() || ".-".contains(ch))
            {
                continue;
            }
            let han = super::fold_name(&c[2]);
            let tags = super::jieba().tag(&han, true);
            let Some(t) = tags.first() else { continue };
            let noun = t.tag == "n"
                && t.word.chars().count() >= 2
                && !t.word.ends_with(|ch: char| AGENTIVE.contains(ch))
                && !super::COMPANY_CUES.contains(&t.word);
            // Only letters: a code with digits (K2, X7) is a product's model more often
            // than a kind of thing.
            if noun {
                let words: Vec<&str> = m
                    .as_str()
                    .split(' ')
                    .filter(|w| w.chars().all(|c| c.is_ascii_uppercase()))
                    .collect();
                if words.len() == m.as_str().split(' ').count() {
                    out.push(m.as_str().to_string());
                }
                out.extend(words.into_iter().map(str::to_string));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The matches of `\b[a-z]{4,}\b` in `text` (Unicode word boundaries), as byte ranges: the
/// runs of four ASCII small letters or more with no word character on either side (a
/// match can neither start nor end between two letters, so it is a whole run). Found
/// without the regex crate, whose DFA gives up on a Unicode `\b` in non-ASCII text.
fn lower_words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        let word = |c: Option<char>| c.is_some_and(regex_syntax::is_word_character);
        if i - start >= 4
            && !word(text[..start].chars().next_back())
            && !word(text[i..].chars().next())
        {
            out.push((start, i));
        }
    }
    out
}

/// The prefix of a term in the set [`mid_sentence_words`] gives: a Latin form the run
/// glosses as a common noun.
const TERM: &str = "#term:";

/// An acronym or a form led by one: two capitals or more, no more small letters than
/// capitals (HBM, MoE, NAND Flash — not Nvidia).
fn acronym_like(w: &str) -> bool {
    let first = w.split(' ').next().unwrap_or(w);
    let up = first.chars().filter(|c| c.is_ascii_uppercase()).count();
    let low = first.chars().filter(|c| c.is_ascii_lowercase()).count();
    up >= 2 && up >= low
}

/// Is `han` a common phrase, by the segmenter — every word a common word of two characters
/// or more (or a function word), no proper name (people, places, organisations, brands),
/// nothing an organisation's name ends or is made with? A term's gloss (高带宽内存, 共封装光学)
/// is; a name (何颂恩, 拼多多, 边境保护局, 工程师协会会士) is not. Names the segmenter does not
/// know fall apart into single characters, which fails the first test.
pub(super) fn common_phrase(han: &str) -> bool {
    let simple = super::fold_name(han);
    if simple.chars().count() < 2 || simple.chars().count() != han.chars().count() {
        return false;
    }
    const ORGISH: &[&str] = &[
        "公司",
        "集团",
        "协会",
        "学会",
        "委员会",
        "大学",
        "学院",
        "研究院",
        "研究所",
        "实验室",
        "银行",
        "交易所",
        "基金",
        "控股",
    ];
    if ORGISH.iter().any(|o| simple.contains(o))
        || super::patterns()
            .org_suffix
            .find(&simple)
            .is_some_and(|m| m.end() == simple.len())
        || simple.ends_with([
            '局', '署', '部', '会', '院', '所', '厅', '处', '委', '社', '台', '报',
        ])
    {
        return false;
    }
    let tags = super::jieba().tag(&simple, true);
    let function = |t: &str| matches!(t, "c" | "u" | "uj" | "p" | "m" | "q" | "x");
    let proper = |t: &str| matches!(t, "nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "j" | "eng");
    // One character of a common word is allowed among two words or more (共/d 封装 光学).
    let long = tags.iter().filter(|t| t.word.chars().count() >= 2).count();
    let loose = tags
        .iter()
        .filter(|t| t.word.chars().count() < 2 && !function(t.tag))
        .count();
    long >= 1 && (loose == 0 || (loose == 1 && long >= 2)) && tags.iter().all(|t| !proper(t.tag))
}

/// Latin terms the text glosses as common nouns: `HBM（高带宽内存）`, `高带宽内存（HBM）`,
/// `强化学习（Reinforcement Learning, RL）`, `high-bandwidth memory (HBM)`,
/// `HBM (high-bandwidth memory)`. A glossed name (Grace Ho (何颂恩), 拼多多(PDD), Customs and
/// Border Protection (CBP)) is not one.
fn glossed_terms(text: &str) -> Vec<String> {
    let p = patterns();
    let mut out = vec![];
    let initials = |words: &[&str]| -> String {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let lower_parts = |s: &str| -> Vec<String> {
        s.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let is_lower = |w: &str| w.chars().next().is_some_and(|c| c.is_lowercase());
    for c in p.latin_gloss.captures_iter(text) {
        let latin = c[1].trim();
        let inner = c[2].trim();
        let words: Vec<&str> = latin.split(' ').collect();
        if inner.starts_with(is_han) {
            // The Latin side from its acronym on: HBM, NAND Flash.
            let Some(i) = words.iter().position(|w| acronym_like(w)) else {
                continue;
            };
            if !words[i + 1..]
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
            {
                continue;
            }
            // A gloss of four characters or more: two or three are a name's (吴憾).
            let han: String = inner.chars().take_while(|c| is_han(*c)).collect();
            if han.chars().count() >= 4 && common_phrase(&han) {
                out.push(words[i..].join(" "));
                out.push(words[i].to_string());
            }
        } else if acronym_like(inner) && !inner.contains(' ') {
            // high-bandwidth memory (HBM): the last words' initials, in lower case.
            let parts = lower_parts(latin);
            let k = inner.chars().filter(|c| c.is_ascii_uppercase()).count();
            if parts.len() >= k && k >= 2 {
                let tail: Vec<&str> = parts[parts.len() - k..]
                    .iter()
                    .map(String::as_str)
                    .collect();
                if tail.iter().all(|w| is_lower(w)) && initials(&tail) == inner.to_lowercase() {
                    out.push(inner.to_string());
                }
            }
        } else if acronym_like(words[words.len() - 1]) && inner.starts_with(char::is_lowercase) {
            // HBM (high-bandwidth memory).
            let acro = words[words.len() - 1];
            let parts = lower_parts(inner);
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            if parts.iter().all(|w| is_lower(w)) && initials(&parts) == acro.to_lowercase() {
                out.push(acro.to_string());
            }
        }
    }
    for c in p.gloss_latin.captures_iter(text) {
        // The phrase before the bracket: its last words, by the segmenter.
        let han = &c[1];
        let simple = super::fold_name(han);
        let tags = super::jieba().tag(&simple, true);
        let n = tags.len();
        let tail: String = tags[n.saturating_sub(2)..].iter().map(|t| t.word).collect();
        let tail: String = han
            .chars()
            .skip(han.chars().count() - tail.chars().count())
            .collect();
        if !common_phrase(&tail) {
            continue;
        }
        for item in c[2].split([',', '，', '、']) {
            let item = item.trim();
            if acronym_like(item) {
                out.push(item.to_string());
                out.push(item.split(' ').next().unwrap_or(item).to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Is the name `s` a term of the run (NAND, 3D NAND Flash): its words, versions and
/// figures aside, glossed as a common noun?
fn is_term(s: &str, known: &dyn Fn(&str) -> bool) -> bool {
    let words: Vec<&str> = s
        .split(' ')
        .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    !words.is_empty()
        && (known(&format!("{TERM}{}", words.join(" ")))
            || words.iter().all(|w| known(&format!("{TERM}{w}"))))
}

/// One English word capitalised by habit inside Han text (AI Agent, 每个Token): a word in
/// title case, four letters or more, on a line that is not Latin, that the run also writes
/// in lower case ("an agent"), is a common word, not a name.
fn habit_capital(
    text: &str,
    lines: &[(usize, usize, LineKind, bool)],
    s: usize,
    e: usize,
    known: &dyn Fn(&str) -> bool,
) -> bool {
    let w = &text[s..e];
    let mut cs = w.chars();
    let title_case = cs.next().is_some_and(|c| c.is_ascii_uppercase())
        && cs.clone().count() >= 3
        && cs.all(|c| c.is_ascii_lowercase());
    if !title_case {
        return false;
    }
    let i = lines.partition_point(|l| l.1 <= s);
    let han_line = lines.get(i).is_some_and(|&(_, _, _, latin)| !latin);
    han_line && known(&w.to_lowercase())
}

/// A name on a Han line whose every word the run's Han text writes as the modifier of a
/// common noun ([`modifier_terms`]): a term, not a name. Only on Han lines: English text
/// of the run is not judged by the habits of Chinese text.
fn han_term(
    text: &str,
    lines: &[(usize, usize, LineKind, bool)],
    s: usize,
    e: usize,
    known: &dyn Fn(&str) -> bool,
) -> bool {
    let i = lines.partition_point(|l| l.1 <= s);
    if lines.get(i).is_none_or(|&(_, _, _, latin)| latin) {
        return false;
    }
    let name = &text[s..e];
    if known(&format!("{HAN_NAME}{name}")) {
        return false;
    }
    known(&format!("{HAN_TERM}{name}")) || name.split(' ').all(|w| known(&format!("{HAN_TERM}{w}")))
}

/// A word in capitals (four letters or more) whose lower-case form the run writes: a word
/// shouted, not an acronym (COMPANIES; not NASA).
fn shouted(w: &str, known: &dyn Fn(&str) -> bool) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && w.chars().all(|c| !c.is_lowercase())
        && known(&w.to_lowercase())
}

/// A word no sentence capitalises: a capital after its first letter (NovaMind, YMTC), or a
/// digit (Qwen2.5). It is a name wherever it stands.
fn distinctive(w: &str) -> bool {
    w.chars()
        .skip(1)
        .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

fn strip_descriptor(w: &str) -> &str {
    match patterns().descriptor.find(w) {
        Some(m) => &w[..m.start()],
        None => w,
    }
}

/// Latin names of `text` as byte ranges. `run_words`: capitalised words written in
/// mid-sentence anywhere in the run (see [`mid_sentence_words`]); the document's own are
/// added.
#[cfg(test)]
pub fn names(text: &str, run_words: &BTreeSet<String>) -> Vec<(usize, usize)> {
    names_with(text, run_words, false)
}

/// [`names`], where `own_in_run` says that `run_words` already holds the document's own
/// (the pipeline gathers them from every document of the run).
pub fn names_with(
    text: &str,
    run_words: &BTreeSet<String>,
    own_in_run: bool,
) -> Vec<(usize, usize)> {
    let p = patterns();
    let ls = lines(text);
    let own = if own_in_run {
        BTreeSet::new()
    } else {
        mid_sentence_words_in(text, &ls)
    };
    let known = |w: &str| own.contains(w) || run_words.contains(w);
    let mut out = vec![];
    for m in latin_matches(&p.candidate, text) {
        if m.start() > 0
            && text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() && !is_han(c))
        {
            continue;
        }
        // The later part of a hyphenated compound (U.S.-Mexico-Canada): no name of its own.
        let mut back = text[..m.start()].chars().rev();
        if back.next() == Some('-') && back.next().is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            continue;
        }
        // Words with their keep flag.
        let mut words: Vec<(Word, bool)> = vec![];
        // A possessive inside a candidate ends a name when the bare form is a name of its own
        // (Tesla's Cybercab: Tesla, Cybercab); Macy's Plaza stays one name.
        let mut breaks: Vec<bool> = vec![];
        let mut pos = m.start();
        let all: Vec<&str> = m.as_str().split(' ').collect();
        for (k, w) in all.iter().copied().enumerate() {
            // Capitalised words after this one in the candidate (versions aside).
            let more = all[k + 1..]
                .iter()
                .filter(|w| !w.starts_with(|c: char| c.is_ascii_digit()))
                .count();
            let (s, e) = (pos, pos + w.len());
            pos = e + 1;
            let is_version = w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && w.contains('.')
                && w.chars().all(|c| c.is_ascii_digit() || c == '.');
            if is_version {
                // A version only after a kept word, and not a figure (3.5 billion).
                let after = text[e..].trim_start().to_lowercase();
                let figure = [
                    "billion", "million", "trillion", "percent", "%", "bn", "per",
                ]
                .iter()
                .any(|u| after.starts_with(u));
                let keep = k > 0 && words.last().is_some_and(|(_, kept)| *kept) && !figure;
                words.push((Word { start: s, end: e }, keep));
                breaks.push(false);
                continue;
            }
            let base = strip_descriptor(strip_possessive(w));
            let pos = position(text, &ls, s);
            // At the start of a sentence, a word the sentence does not capitalise
            // (NovaMind, YMTC), or the first of several capitalised words (Xinghe Group
            // moves …), is a name.
            let starts_name = pos == Pos::Start && (distinctive(base) || more > 0);
            // A capital letter and a hyphen before a word in lower case (U-turn, A-share)
            // is a common noun.
            let letter_compound = {
                let mut cs = base.chars();
                cs.next().is_some_and(char::is_uppercase)
                    && cs.next() == Some('-')
                    && cs.next().is_some_and(char::is_lowercase)
            };
            let keep = if pos == Pos::Credit || letter_compound || shouted(base, &known) {
                false
            } else if FUNCTION_WORDS.contains(&base) {
                // A function word starts no name (The U.S.), but stays inside one
                // (Bank of The …) when it is in mid-sentence.
                pos == Pos::Mid && k > 0
            } else {
                pos == Pos::Mid || starts_name || known(base) || known(w)
            };
            words.push((Word { start: s, end: e }, keep));
            let bare = strip_possessive(w);
            // "X-powered Y": X, then Y.
            // A sentence may end after the initials of a place (… in the U.S. Commerce …):
            // they end the name, as the sentence splitter ends the sentence there.
            breaks.push(
                (bare.len() < w.len() && known(bare))
                    || strip_descriptor(w).len() < w.len()
                    || PLACE_INITIALS.contains(&w),
            );
        }
        // Runs of kept words.
        let mut i = 0;
        while i < words.len() {
            if !words[i].1 {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < words.len() && words[j + 1].1 && !breaks[j] {
                j += 1;
            }
            // No function word at either end of a name.
            let mut a = i;
            let mut b = j;
            let word = |k: usize| &text[words[k].0.start..words[k].0.end];
            let edge_word = |w: &str| FUNCTION_WORDS.contains(&w) || NOT_AT_EDGE.contains(&w);
            while a <= b && edge_word(word(a)) {
                a += 1;
            }
            while b > a && edge_word(word(b)) {
                b -= 1;
            }
            if a <= b && !FUNCTION_WORDS.contains(&word(a)) {
                let s = words[a].0.start;
                let mut e = words[b].0.end;
                let last = &text[s..e];
                // "Tencent-backed" is Tencent; "Tesla's" is Tesla when Tesla is written
                // alone somewhere, "Macy's" stays.
                let trimmed = strip_descriptor(last);
                e = s + trimmed.len();
                let bare = strip_possessive(trimmed);
                if bare.len() < trimmed.len() && known(bare.rsplit(' ').next().unwrap_or(bare)) {
                    e = s + bare.len();
                }
                if !is_term(&text[s..e], &known)
                    && !habit_capital(text, &ls, s, e, &known)
                    && !han_term(text, &ls, s, e, &known)
                {
                    out.push((s, e));
                }
            }
            i = j + 1;
        }
    }
    out
}

/// A character no match of `word` or `candidate` contains: ASCII other than letters, digits,
/// `.+-'` and the space; CJK punctuation and ideographs; general punctuation but `’`.
fn outside_latin(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || ".+-' ".contains(c));
    }
    matches!(c,
        '\u{2000}'..='\u{2018}' | '\u{201A}'..='\u{206F}' | '\u{3000}'..='\u{303F}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
}

/// `re.find_iter(text)`, searched run by run: the runs of `text` between characters no
/// match contains ([`outside_latin`]) that hold a capital. The matches are the same (none
/// crosses such a character, and each search sees the text before its run and the
/// character after it, so `\b` reads the same context), but a search no longer spans the
/// rest of the document: a Unicode `\b` makes the regex crate leave its DFA on non-ASCII
/// text, and the engine it falls back to cleared state for the whole remaining text at every
/// match (quadratic in a Chinese article).
fn latin_matches<'t>(re: &'t Regex, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
    let mut runs = vec![];
    let mut start = None;
    let mut upper = false;
    for (i, c) in text.char_indices() {
        if outside_latin(c) {
            if let (Some(s), true) = (start.take(), upper) {
                runs.push((s, i + c.len_utf8()));
            }
            upper = false;
        } else {
            start.get_or_insert(i);
            upper |= c.is_uppercase();
        }
    }
    if let (Some(s), true) = (start, upper) {
        runs.push((s, text.len()));
    }
    runs.into_iter().flat_map(move |(s, e)| {
        let hay = &text[..e];
        let mut at = s;
        std::iter::from_fn(move || {
            let m = re.find_at(hay, at)?;
            at = m.end();
            Some(m)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        names(text, &BTreeSet::new())
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    /// Searching run by run finds exactly what one search over the whole text finds, on
    /// every text of the repository's fixtures and examples (and ../shared/corpus when
    /// present), normalized as the extractor sees them, and on mixed strings.
    #[test]
    fn run_by_run_search_finds_the_same_matches() {
        let mut texts: Vec<String> = vec![
            "Tesla's Cybercab和Waymo's车队。Grace Ho (何颂恩)说，“NovaMind”的Qwen2.5-Max 3.1版。"
                .into(),
            "By JANE DOE\nReporting by A. Smith; Editing by Bob Lee\nO'Neill’s Macy's ＡＢＣ"
                .into(),
        ];
        texts.extend(crate::test_texts::corpus_texts(true));
        assert!(texts.len() > 10);
        let p = patterns();
        let lower = Regex::new(r"\b[a-z]{4,}\b").unwrap();
        for t in &texts {
            for re in [&p.word, &p.candidate] {
                let all: Vec<_> = re.find_iter(t).map(|m| m.range()).collect();
                let runs: Vec<_> = latin_matches(re, t).map(|m| m.range()).collect();
                assert_eq!(all, runs, "{t}");
            }
            let all: Vec<_> = lower.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(all, lower_words(t), "{t}");
        }
        let t = "ab abcd,abcdé naïve été Qabcd 中abcd中 abcd_x abcd1 (abcd) ‿abcd";
        let all: Vec<_> = Regex::new(r"\b[a-z]{4,}\b")
            .unwrap()
            .find_iter(t)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(all, lower_words(t));
    }

    /// The version acronyms found by bytes are the regex's, and a line's dominance from one
    /// pass is the two counts', on every text of the repository (and ../shared/corpus).
    #[test]
    fn versioned_acronyms_and_dominance_match_the_plain_forms() {
        let mut texts: Vec<String> = vec![
            "QLIP-2和QLIP2，星河QLIP-2，AB1C2 X-Ray AB-Cd ABC-D A1 ÉAB-1 _AB-2 AB-".into(),
            "Zhongji ABC-Max，DR8-3 (NTA-Pro) 中AB3 ＡＢ-1 AB‿CD-1".into(),
        ];
        texts.extend(crate::test_texts::corpus_texts(true));
        let re = Regex::new(r"\b([A-Z][A-Z0-9]*[A-Z])(?:-?[0-9]|-[A-Z][a-z])").unwrap();
        for t in &texts {
            let want: Vec<(usize, usize)> = re
                .captures_iter(t)
                .map(|c| (c.get(1).unwrap().start(), c.get(1).unwrap().end()))
                .collect();
            assert_eq!(versioned_acronyms(t), want, "{t}");
            for line in t.split_inclusive('\n') {
                let latin = line
                    .chars()
                    .filter(|c| c.is_alphabetic() && !is_han(*c))
                    .count();
                let han = line.chars().filter(|c| is_han(*c)).count();
                assert_eq!(latin_dominant(line), latin > 2 * han, "{line}");
            }
        }
    }

    #[test]
    fn initials_keep_their_dots() {
        assert_eq!(
            found("Analysts at R.J. Calloway said sales in the U.S. slowed."),
            ["R.J. Calloway", "U.S."]
        );
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let t = "Shares of Velmora rose on Friday. While analysts cheered, Velmora said little. \
                 Earlier, the company met Dana Whitcombe.";
        let n = found(t);
        assert!(
            !n.iter()
                .any(|n| n == "Shares" || n == "While" || n == "Earlier"),
            "{n:?}"
        );
        assert!(n.contains(&"Velmora".to_string()), "{n:?}");
        assert!(n.contains(&"Dana Whitcombe".to_string()), "{n:?}");
        // A word no sentence capitalises is a name anywhere.
        assert_eq!(found("NovaMind cut jobs. QX9 rose."), ["NovaMind", "QX9"]);
    }

    #[test]
    fn a_sentence_initial_name_is_kept_when_written_mid_sentence() {
        let n = found("Velmora rose. Analysts like Velmora.");
        assert_eq!(n.iter().filter(|n| *n == "Velmora").count(), 2, "{n:?}");
        // Known from elsewhere in the run.
        let run: BTreeSet<String> = ["Ostrava".to_string()].into();
        let t = "Ostrava fell.";
        let n: Vec<&str> = names(t, &run).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(n, ["Ostrava"]);
        assert!(found(t).is_empty());
    }

    #[test]
    fn headlines_bylines_and_boilerplate_are_not_names() {
        let t = "Velmora Quietly Expands Northern Fleet Plans\n\
                 By Jonas Pembrook\n\
                 10:42 AM EDT, Tuesday\n\
                 The carrier Velmora said it would add ferries.\n\
                 © 2031 Harbour Press. All Rights Reserved.\n";
        let n = found(t);
        assert_eq!(n, ["Velmora", "Velmora"], "{n:?}");
    }

    #[test]
    fn descriptors_accents_possessives_versions() {
        let n = found(
            "a Quillon-backed start-up, owned by a Quillon-linked fund, and the firm Citroën.",
        );
        assert_eq!(n, ["Quillon", "Quillon", "Citroën"]);
        let n = found("shoppers at Harwick's said; the model Merlo 3.1 beat Merlo 2.");
        assert_eq!(n, ["Harwick's", "Merlo 3.1", "Merlo"]);
        let n = found(
            "analysts at Velmora said Velmora's fleet grew 3.5 billion, like Velmora 3.5 billion",
        );
        assert_eq!(n, ["Velmora", "Velmora", "Velmora"]);
        let n = found("the Quillon Max-powered Skyferry app");
        assert_eq!(n, ["Quillon Max", "Skyferry"]);
        let n = found("a deal with O'Farrell Group.");
        assert_eq!(n, ["O'Farrell Group"]);
        let n =
            found("analysts said Velmora's Skyferry and Harwick's Plaza grew, then Velmora fell.");
        assert_eq!(n, ["Velmora", "Skyferry", "Harwick's Plaza", "Velmora"]);
    }

    /// Names with the run's evidence from the same text (as a run of one document).
    fn found_in_run(text: &str) -> Vec<String> {
        let text = &crate::normalize::normalize_str(text).text;
        names(text, &mid_sentence_words(text))
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn glossed_terms_are_not_names() {
        // A Latin term glossed by common words, in either order and language.
        let n = found_in_run(
            "芯片采用QLM（量子逻辑芯片工艺），并配备超速缓存（USB Cache）。Velmora也用QLM。",
        );
        assert_eq!(n, ["Velmora"], "{n:?}");
        let n = found_in_run("a flat quantum memory (FQM) chip, and Velmora ships FQM parts.");
        assert_eq!(n, ["Velmora"], "{n:?}");
        // A glossed name stays a name: an organisation, a person.
        let n = found_in_run("据星河海关总署（XCA）称，Dana Ho（何颂恩）同意。");
        assert!(n.contains(&"XCA".to_string()), "{n:?}");
        assert!(n.contains(&"Dana Ho".to_string()), "{n:?}");
    }

    #[test]
    fn shouted_words_credits_and_compounds_are_not_names() {
        let t = "PARTNERS:\nThe partners of Velmora met.\nEditor: Jonas Pembrook\n\
                 The U-turn came after the U.S.-Velmora deal.\n-Dana Whitcombe\n";
        let n = found_in_run(t);
        assert_eq!(n, ["Velmora", "U.S."], "{n:?}");
        // A byline that runs on into the article ends at its dateline.
        let t = "By Jonas Pembrook and Ana Lee OSTRAVA (Wire) - Velmora said on Monday that it \
                 would add ferries to its fleet this year.\n";
        let n = found_in_run(t);
        assert!(n.contains(&"Velmora".to_string()), "{n:?}");
        assert!(!n.iter().any(|n| n.contains("Pembrook")), "{n:?}");
    }

    #[test]
    fn habit_capitals_in_han_text_are_not_names() {
        // "agent" is written in lower case elsewhere in the run: 智能Agent is a common noun.
        let t =
            "据报道，星河公司旗下的Velmora推出了新的智能Agent产品。\nAn agent books the ferry.\n";
        assert_eq!(found_in_run(t), ["Velmora"]);
    }

    #[test]
    fn latin_in_chinese_text_is_always_in_mid_sentence() {
        let n = found("据报道，Velmora今日宣布。\nQuillon表示同意。");
        assert_eq!(n, ["Velmora", "Quillon"]);
    }
}
