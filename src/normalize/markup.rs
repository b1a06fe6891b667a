//! Remove HTML and Markdown markup, keeping prose. Link targets, image URLs, bare URLs,
//! tags, comments and script/style blocks are dropped; entities are decoded (the decoded
//! character spans the whole entity). Block boundaries become a newline so sentences do
//! not run together.

use super::NChar;
use crate::ingest::Format;
use std::ops::Range;

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
    "title",
    "pre",
];

struct Out<'a> {
    out: &'a mut Vec<NChar>,
}

impl Out<'_> {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.out.push(NChar {
            c,
            start: start as u32,
            end: end as u32,
        });
    }
    fn newline(&mut self, at: usize) {
        if self.out.last().is_some_and(|c| c.c != '\n') {
            self.push('\n', at, at);
        }
    }
}

/// Strip markup from `text[range]`, appending the kept characters to `out`.
///
/// Every look-ahead is either bounded or consumes what it scans (or is cached), so the
/// work is linear in the length of the text whatever it holds: no `>` after many `<`, many
/// `<script>` tags, unclosed links, deeply nested brackets.
pub fn strip(text: &str, range: Range<usize>, format: Format, out: &mut Vec<NChar>) {
    let mut o = Out { out };
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end.min(text.len());
    let markdown = format == Format::Markdown;
    let html = format != Format::Text;
    let mut line_start = true;
    let mut next = NextByte::default();
    // Open Markdown links: (end of the link text, end of the whole link). Link text is read
    // in place and the target skipped when the text ends (no recursion).
    let mut links: Vec<(usize, usize)> = Vec::new();
    loop {
        while let Some(&(text_end, link_end)) = links.last() {
            if i < text_end {
                break;
            }
            i = i.max(link_end);
            links.pop();
        }
        let cur_end = links.last().map(|l| l.0).unwrap_or(end);
        if i >= cur_end {
            break;
        }
        let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
        let clen = c.len_utf8();
        // Line-start Markdown markers.
        if markdown && line_start {
            let skip = line_marker_len(&text[i..cur_end]);
            if skip > 0 {
                i += skip;
                line_start = false;
                continue;
            }
        }
        line_start = c == '\n';
        match c {
            '<' if html => {
                if let Some(n) = html_construct(text, i, cur_end, &mut o, &mut next) {
                    i += n;
                    continue;
                }
            }
            '&' if html => {
                if let Some((ch, n)) = entity(&text[i..cur_end]) {
                    o.push(ch, i, i + n);
                    i += n;
                    continue;
                }
            }
            '!' if markdown && bytes.get(i + 1) == Some(&b'[') => {
                // Image: ![alt](url) is dropped whole.
                if let Some(n) = md_link(text, i + 1, cur_end, &mut next) {
                    i += 1 + n.total;
                    continue;
                }
            }
            '[' if markdown && links.len() < MAX_LINK_DEPTH => {
                if let Some(n) = md_link(text, i, cur_end, &mut next) {
                    // Keep the link text, drop the target.
                    links.push((i + 1 + n.text_len, i + n.total));
                    i += 1;
                    continue;
                }
            }
            '*' | '_' | '`' if markdown => {
                // Emphasis and code markers; a lone '_' inside a word is kept.
                let prev = text[..i].chars().next_back();
                let next = text[i + clen..].chars().next();
                let inside_word = c == '_'
                    && prev.is_some_and(|p| p.is_alphanumeric())
                    && next.is_some_and(|n| n.is_alphanumeric());
                if !inside_word {
                    i += clen;
                    continue;
                }
            }
            'h' => {
                if let Some(n) = url_len(&text[i..cur_end]) {
                    i += n;
                    continue;
                }
            }
            _ => {}
        }
        o.push(c, i, i + clen);
        i += clen;
    }
}

/// Links nested deeper than this are read as text.
const MAX_LINK_DEPTH: usize = 16;

/// Cached forward searches for a byte: the answer for a later start is reused while it is
/// still ahead, so repeated searches over the same stretch cost one scan in all.
#[derive(Default)]
struct NextByte {
    gt: Option<(usize, Option<usize>)>,
    nl: Option<(usize, Option<usize>)>,
    bracket: Option<(usize, Option<usize>)>,
    paren: Option<(usize, Option<usize>)>,
}

/// The position of the first `needle` in `text[from..]`, with `cache` holding the last
/// answer as (searched from, found at).
fn find_cached(
    text: &[u8],
    from: usize,
    needle: u8,
    cache: &mut Option<(usize, Option<usize>)>,
) -> Option<usize> {
    if let Some((start, found)) = *cache {
        if from >= start {
            match found {
                Some(at) if at >= from => return Some(at),
                None => return None,
                _ => {}
            }
        }
    }
    let found = text[from..]
        .iter()
        .position(|&b| b == needle)
        .map(|k| from + k);
    *cache = Some((from, found));
    found
}

/// ASCII-case-insensitive search for `needle` (lowercase ASCII) in `hay`.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut k = 0;
    while k + needle.len() <= hay.len() {
        let rel = hay[k..=hay.len() - needle.len()]
            .iter()
            .position(|b| b.to_ascii_lowercase() == *first)?;
        let at = k + rel;
        if hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        k = at + 1;
    }
    None
}

/// Markdown line markers: headings, quotes, list bullets, rules, setext underlines.
fn line_marker_len(s: &str) -> usize {
    let line = s.split('\n').next().unwrap_or("");
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let tt = t.trim_end();
    if tt.len() >= 3 && (tt.chars().all(|c| c == '-') || tt.chars().all(|c| c == '=')) {
        return line.len();
    }
    if tt.len() >= 3 && tt.chars().all(|c| c == '*' || c == ' ') && tt.contains("**") {
        return line.len();
    }
    let mut n = lead;
    let mut rest = t;
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            n += 1;
            let r2 = r.strip_prefix(' ').unwrap_or(r);
            n += r.len() - r2.len();
            rest = r2;
            continue;
        }
        break;
    }
    let hashes = rest.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
        return n + hashes + 1;
    }
    for bullet in ["- ", "* ", "+ "] {
        if rest.starts_with(bullet) {
            return n + 2;
        }
    }
    n
}

struct Link {
    text_len: usize,
    total: usize,
}

/// Longest link target read (longer ones, e.g. inline data URIs, are left as text): keeps
/// the look-ahead bounded on long lines full of `[x](`.
const MAX_TARGET: usize = 8192;

/// `[text](target)` at `text[at..end]`.
fn md_link(text: &str, at: usize, end: usize, next: &mut NextByte) -> Option<Link> {
    let s = &text[at..end];
    if !s.starts_with('[') {
        return None;
    }
    // Quick rejections from cached searches: a `]` must come soon, and a `)` after it.
    let all = text.as_bytes();
    let bracket = find_cached(all, at, b']', &mut next.bracket).filter(|&p| p < end)?;
    if bracket - at > 4000 {
        return None;
    }
    find_cached(all, bracket, b')', &mut next.paren).filter(|&p| p < end)?;
    let mut depth = 0;
    let mut close = None;
    for (k, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(k);
                    break;
                }
            }
            '\n' if k > 2000 => return None,
            _ => {}
        }
        if k > 4000 {
            return None;
        }
    }
    let close = close?;
    let rest = &s[close + 1..];
    if !rest.starts_with('(') {
        return None;
    }
    let mut depth = 0;
    for (k, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(Link {
                        text_len: close - 1,
                        total: close + 1 + k + 1,
                    });
                }
            }
            '\n' => return None,
            _ => {}
        }
        if k > MAX_TARGET {
            return None;
        }
    }
    None
}

/// A bare URL at the start of `s`.
fn url_len(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let n = s
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ')' | ']' | '"' | '<' | '>') || !c.is_ascii()
        })
        .unwrap_or(s.len());
    Some(n)
}

/// An HTML tag, comment or script/style block at `text[at..end]`: its length.
fn html_construct(
    text: &str,
    at: usize,
    end: usize,
    o: &mut Out,
    next: &mut NextByte,
) -> Option<usize> {
    let s = &text[at..end];
    if let Some(rest) = s.strip_prefix("<!--") {
        return Some(rest.find("-->").map(|k| 4 + k + 3).unwrap_or(s.len()));
    }
    let b = s.as_bytes();
    let name_start = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_len = s[name_start..]
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 && !s[1..].starts_with('!') {
        return None;
    }
    let all = text.as_bytes();
    let close = find_cached(all, at, b'>', &mut next.gt).filter(|&g| g < end)? - at;
    if close > 2000 && find_cached(all, at, b'\n', &mut next.nl).is_some_and(|n| n < at + close) {
        return None;
    }
    let name = s[name_start..name_start + name_len].to_ascii_lowercase();
    let mut len = close + 1;
    if name_start == 1 && (name == "script" || name == "style") {
        let end_tag = format!("</{name}");
        len = match find_ascii_ci(&b[len..], end_tag.as_bytes()) {
            Some(k) => {
                let after = len + k;
                after
                    + s[after..]
                        .find('>')
                        .map(|x| x + 1)
                        .unwrap_or(s.len() - after)
            }
            None => s.len(),
        };
    }
    if BLOCK_TAGS.contains(&name.as_str()) {
        o.newline(at);
    }
    Some(len)
}

/// An HTML entity at the start of `s`.
fn entity(s: &str) -> Option<(char, usize)> {
    // Look for the ';' within the first 12 characters (not bytes: never cut a character).
    let semi = s
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i)?;
    let name = &s[1..semi];
    let c = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => ' ',
            "middot" => '·',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "yen" => '¥',
            "times" => '×',
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, f: Format) -> String {
        let mut v = vec![];
        strip(s, 0..s.len(), f, &mut v);
        v.iter().map(|c| c.c).collect()
    }

    #[test]
    fn markdown_links_and_images() {
        assert_eq!(
            run(
                "see [pingwest](https://x.y/z) ![](https://img/a.png) **bold**",
                Format::Markdown
            ),
            "see pingwest  bold"
        );
    }

    #[test]
    fn html_tags_entities_scripts() {
        assert_eq!(
            run(
                "<p>A&amp;B</p><script>var x=1;</script><b>C</b>",
                Format::Html
            ),
            "A&B\nC"
        );
    }

    #[test]
    fn bare_ampersand_before_chinese_text() {
        assert_eq!(run("A &硬件要求很高", Format::Html), "A &硬件要求很高");
    }

    #[test]
    fn headings_and_quotes() {
        assert_eq!(
            run("## Title\n> quoted\n", Format::Markdown),
            "Title\nquoted\n"
        );
    }
}
