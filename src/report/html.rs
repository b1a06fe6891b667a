//! One self-contained HTML page (inline CSS and a few lines of JavaScript, no network, no
//! external fonts), for an editor holding several reports of one story:
//!
//! - a header: the story (the directory of its articles), the documents with outlet,
//!   language, published date and which are copies of one another (shared text, as the
//!   reconciler counts sources);
//! - the findings, most severe first, each with one snippet per article and value (the
//!   value as the article writes it, the others counted);
//! - a **source × fact matrix**: one row per alignment of the report, one column per
//!   document, each cell the value as that document writes it, marked agree (the value
//!   most documents of the row state; none on a tie), differs (another value) or silent
//!   (no claim); a cell opens on click to show its snippet (`<details>`: no script needed);
//! - a **timeline per entity**: every dated claim (a role, affiliation, status or figure
//!   with an `as_of`, and every date-valued claim) on an axis with one step per distinct
//!   date, with its source, and the same points as a table.
//!
//! A page of a hundred articles opens in about 1.3 s (docs/formats.md says how it was
//! measured): a fixed table layout and `content-visibility: auto` keep layout to what is on
//! screen, and a silent cell is a dash.
//!
//! Tables have captions and header cells with `scope`; colours are paired with a text mark
//! (✓ ≠ —) and meet WCAG AA contrast; the print stylesheet opens every cell.

use super::{first_places, plural, window, written, Counts, Ctx, DocText};
use crate::model::{Claim, Finding, Report, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// Columns of article text in a snippet.
const SNIPPET_WIDTH: usize = 80;

const CSS: &str = r#"
:root{--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--line:#c8c8c8;--agree:#e3f4e6;--agree-fg:#0b5d1e;
--differs:#fde7e4;--differs-fg:#9b1c12;--silent:#f1f1f1;--silent-fg:#4a4a4a;--err:#9b1c12;--warn:#7a4b00;--info:#0b4f8a}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:1rem 1.5rem;max-width:80rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;border-bottom:2px solid var(--line);margin-top:2rem}h3{font-size:1.05rem;margin:.8rem 0 .3rem}
table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:#f6f6f6}
.scroll{overflow-x:auto}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem;padding:0 .3rem;border:1px solid currentColor;border-radius:3px}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.finding{border-left:4px solid var(--line);padding:.2rem .8rem;margin:.8rem 0;content-visibility:auto;contain-intrinsic-size:auto 12rem}
.entity{content-visibility:auto;contain-intrinsic-size:auto 30rem}
.finding.error{border-color:var(--err)}.finding.warning{border-color:var(--warn)}.finding.info{border-color:var(--info)}
.finding h3 code{font-weight:400}
.places{list-style:none;padding:0;margin:.3rem 0}.places li{margin:.3rem 0}
.at{font-family:ui-monospace,monospace;font-size:.85rem;color:var(--muted)}
q{quotes:none;display:block;padding-left:1rem}mark{background:#ffe58a;color:inherit;padding:0 .1rem}
.note{color:var(--muted);margin:.2rem 0}
.matrix{table-layout:fixed}.matrix .fact-h{width:16rem}.matrix .verdict-h{width:5rem}
td.agree{background:var(--agree);color:var(--agree-fg)}td.differs{background:var(--differs);color:var(--differs-fg)}td.silent{background:var(--silent);color:var(--silent-fg)}
td details summary{cursor:pointer}td details q{color:var(--fg);font-size:.85rem;padding:.2rem 0;min-width:14rem}
.legend span{display:inline-block;padding:0 .5rem;margin-right:.5rem;border:1px solid var(--line)}
.axis{position:relative;height:2.2rem;border-bottom:2px solid var(--fg);margin:1.2rem 2rem 3.5rem}
.axis .pt{position:absolute;bottom:-7px;width:12px;height:12px;margin-left:-6px;border-radius:50%;background:var(--info);border:2px solid #fff}
.axis .tick{position:absolute;top:2.3rem;font-size:.7rem;color:var(--muted);transform:translateX(-50%) rotate(-30deg);transform-origin:top center;white-space:nowrap}
.toolbar button{font:inherit;margin-right:.5rem}
@media print{.toolbar{display:none}.scroll{overflow:visible}details>*{display:block}body{max-width:none;padding:0}.finding,tr{break-inside:avoid}}
"#;

const JS: &str = r#"
(function(){
  function all(open){document.querySelectorAll('#matrix details').forEach(function(d){d.open=open;});}
  var o=document.getElementById('open-all'),c=document.getElementById('close-all');
  if(o)o.addEventListener('click',function(){all(true);});
  if(c)c.addEventListener('click',function(){all(false);});
  window.addEventListener('beforeprint',function(){all(true);});
})();
"#;

/// Text safe in HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The story: the directory that holds every document (its last component), else the
/// common prefix of their paths.
fn story(report: &Report) -> String {
    let dirs: Vec<&str> = report
        .documents
        .iter()
        .map(|d| d.path.rsplit_once('/').map(|(dir, _)| dir).unwrap_or(""))
        .collect();
    let Some(first) = dirs.first() else {
        return "no documents".into();
    };
    let mut common: Vec<&str> = first.split('/').collect();
    for d in &dirs[1..] {
        let parts: Vec<&str> = d.split('/').collect();
        let n = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(n);
    }
    common
        .iter()
        .rev()
        .find(|p| !p.is_empty() && **p != "." && **p != "..")
        .map(|s| s.to_string())
        .unwrap_or_else(|| "articles".into())
}

/// The line of text around a claim, the claim marked, at most [`SNIPPET_WIDTH`] columns.
fn snippet(ctx: &Ctx, c: &Claim) -> String {
    let (Some(loc), Some(ix)) = (ctx.locate(c), ctx.indexed(&c.doc)) else {
        return format!("<mark>{}</mark>", esc(&c.text));
    };
    let line = ix.line_of(loc.range.start);
    let ls = ix.line_starts[line];
    let text = ix.line_text(line);
    let s = (loc.range.start - ls).min(text.len());
    let e = (loc.range.end - ls).clamp(s, text.len());
    let (a, b) = window(text, s, e, SNIPPET_WIDTH);
    format!(
        "{}{}<mark>{}</mark>{}{}",
        if a > 0 { "…" } else { "" },
        esc(&text[a..s]),
        esc(&text[s..e]),
        esc(&text[e..b]),
        if b < text.len() { "…" } else { "" }
    )
}

/// `path:line:col`.
fn at(ctx: &Ctx, c: &Claim) -> String {
    match ctx.locate(c) {
        Some(l) => format!("{}:{}:{}", l.doc.path, l.start.line, l.start.column),
        None => ctx.path(&c.doc).to_string(),
    }
}

/// A value folded for comparison: simplified script, lower case, no pinyin glosses or
/// spaces.
fn fold(v: &str) -> String {
    crate::normalize::script::to_simplified(&super::unglossed(v))
        .to_lowercase()
        .split_whitespace()
        .collect()
}

/// The page.
pub fn render(report: &Report, docs: &[DocText]) -> String {
    let ctx = Ctx::new(report, docs);
    let story = story(report);
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>factcheck: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&story)
    );
    header(&mut out, &ctx, &story);
    out.push_str("<main>\n");
    findings(&mut out, &ctx);
    matrix(&mut out, &ctx);
    timeline(&mut out, &ctx);
    out.push_str("</main>\n");
    let _ = write!(out, "<script>{JS}</script>\n</body>\n</html>\n");
    out
}

/// The outlet of a document, else its file name.
fn outlet<'a>(ctx: &Ctx<'a>, doc: &'a str) -> &'a str {
    ctx.report
        .documents
        .iter()
        .find(|d| d.id == doc)
        .and_then(|d| d.source.as_deref())
        .unwrap_or_else(|| {
            let p = ctx.path(doc);
            p.rsplit('/').next().unwrap_or(p)
        })
}

fn header(out: &mut String, ctx: &Ctx, story: &str) {
    let report = ctx.report;
    let _ = writeln!(
        out,
        "<header>\n<h1>factcheck report: {}</h1>\n<p>{}.</p>",
        esc(story),
        esc(&Counts::of(report).line())
    );
    // Copies: documents that share most of their text (as the reconciler counts sources).
    let texts: HashMap<&str, &str> = ctx.docs.iter().map(|d| (d.doc.id, d.doc.text)).collect();
    let sigs: Vec<Vec<u64>> = report
        .documents
        .iter()
        .map(|d| {
            texts
                .get(d.id.as_str())
                .map(|t| crate::reconcile::sources::signature(t))
                .unwrap_or_default()
        })
        .collect();
    let groups = crate::reconcile::sources::source_groups(&sigs);
    out.push_str(
        "<div class=\"scroll\"><table id=\"documents\"><caption>Documents</caption>\n<thead><tr>\
         <th scope=\"col\">Document</th><th scope=\"col\">Outlet</th><th scope=\"col\">Language</th>\
         <th scope=\"col\">Published</th><th scope=\"col\">Copies</th></tr></thead>\n<tbody>\n",
    );
    for (i, d) in report.documents.iter().enumerate() {
        let copies: Vec<&str> = report
            .documents
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i && groups.get(j) == groups.get(i))
            .map(|(_, o)| o.id.as_str())
            .collect();
        let published = match (&d.published, d.published_inferred) {
            (Some(p), false) => esc(p),
            (Some(p), true) => format!("{} (inferred)", esc(p)),
            (None, _) => "unknown".into(),
        };
        let _ = writeln!(
            out,
            "<tr id=\"doc-{id}\"><th scope=\"row\">{id} <span class=\"at\">{path}</span></th>\
             <td>{outlet}</td><td>{lang}</td><td>{published}</td><td>{copies}</td></tr>",
            id = esc(&d.id),
            path = esc(&d.path),
            outlet = esc(d.source.as_deref().unwrap_or("unknown")),
            lang = esc(d.lang.as_str()),
            copies = if copies.is_empty() {
                "independent".to_string()
            } else {
                format!("copy of {}", esc(&copies.join(", ")))
            },
        );
    }
    out.push_str("</tbody></table></div>\n</header>\n");
}

fn findings(out: &mut String, ctx: &Ctx) {
    let mut fs: Vec<&Finding> = ctx.report.findings.iter().collect();
    // Most severe first; otherwise the report's order.
    fs.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let _ = writeln!(
        out,
        "<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">Findings ({})</h2>",
        fs.len()
    );
    if fs.is_empty() {
        out.push_str("<p>No finding: the sources do not contradict one another.</p>\n");
    }
    for f in fs {
        let sev = f.severity.as_str();
        let _ = writeln!(
            out,
            "<article class=\"finding {sev}\" id=\"{id}\">\n<h3><span class=\"sev sev-{sev}\">{sev}</span> \
             <code>{rule}</code> {msg}</h3>\n<ul class=\"places\">",
            id = esc(&f.id),
            rule = esc(&f.rule),
            msg = esc(&f.message)
        );
        for (c, more) in first_places(ctx, f) {
            let support = super::support_of(f, &c.id)
                .map(|v| {
                    let mut s = format!(" — {}", plural(v.support, "source", "sources"));
                    if let Some(a) = &v.as_of {
                        s.push_str(&format!(", as of {a}"));
                    }
                    s
                })
                .unwrap_or_default();
            let more = if more > 0 {
                format!(" (and {more} more in this article)")
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<li><span class=\"at\">{at}</span> · {outlet} · <strong>{value}</strong>{support}{more}<q>{snip}</q></li>",
                at = esc(&at(ctx, c)),
                outlet = esc(outlet(ctx, &c.doc)),
                value = esc(&written(ctx, c)),
                support = esc(&support),
                more = esc(&more),
                snip = snippet(ctx, c)
            );
        }
        out.push_str("</ul>\n");
        if let Some(m) = &f.majority {
            let _ = writeln!(out, "<p class=\"note\">Majority: {}</p>", esc(m));
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// The matrix: one row per alignment, one column per document.
fn matrix(out: &mut String, ctx: &Ctx) {
    let report = ctx.report;
    let _ = writeln!(
        out,
        "<section id=\"matrix\" aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">Sources × facts ({})</h2>\n\
         <p class=\"legend\"><span class=\"agree-key\" style=\"background:var(--agree)\">✓ agrees</span>\
         <span style=\"background:var(--differs)\">≠ differs</span><span style=\"background:var(--silent)\">— silent</span> \
         A cell is the value as that source writes it; open it for the snippet.</p>\n\
         <p class=\"toolbar\"><button type=\"button\" id=\"open-all\">Open every cell</button>\
         <button type=\"button\" id=\"close-all\">Close every cell</button></p>",
        report.alignments.len()
    );
    // A fixed layout (widths from the first row) keeps a page of a hundred sources quick
    // to open: the browser need not measure every cell.
    let _ = write!(
        out,
        "<div class=\"scroll\"><table class=\"matrix\" style=\"width:max(100%,{}rem)\"><caption>Each fact the sources state, by source</caption>\n\
         <thead><tr><th scope=\"col\" class=\"fact-h\">Fact</th><th scope=\"col\" class=\"verdict-h\">Verdict</th>",
        16 + 5 + 9 * report.documents.len()
    );
    for d in &report.documents {
        let _ = write!(
            out,
            "<th scope=\"col\" title=\"{path}\">{id}<br>{outlet}</th>",
            path = esc(&d.path),
            id = esc(&d.id),
            outlet = esc(outlet(ctx, &d.id))
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for a in &report.alignments {
        // Each claim's value, folded (script, case, pinyin glosses): the row's value groups
        // are forms as written, and 陳思遠 and 陈思远 are one value. The value most
        // documents state "agrees".
        let mut key_of: HashMap<&str, String> = HashMap::new();
        for v in &a.values {
            let key = fold(&v.value);
            for c in &v.claims {
                key_of.entry(c.as_str()).or_insert_with(|| key.clone());
            }
        }
        let mut docs_of: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
        for id in &a.claims {
            if let (Some(c), Some(k)) = (ctx.claim(id), key_of.get(id.as_str())) {
                docs_of
                    .entry(k.as_str())
                    .or_default()
                    .insert(c.doc.as_str());
            }
        }
        // A tie has no agreeing side: every stated value differs.
        let mut counts: Vec<(usize, &str)> = docs_of.iter().map(|(k, d)| (d.len(), *k)).collect();
        counts.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(y.1)));
        let top: Option<&str> = match counts.as_slice() {
            [(a, k), (b, _), ..] if a > b => Some(k),
            [(_, k)] => Some(k),
            _ => None,
        };
        let mut by_doc: HashMap<&str, Vec<&Claim>> = HashMap::new();
        for id in &a.claims {
            if let Some(c) = ctx.claim(id) {
                by_doc.entry(c.doc.as_str()).or_default().push(c);
            }
        }
        let scope = crate::reconcile::scope(&a.qualifiers);
        let _ = write!(
            out,
            "<tr class=\"fact\" id=\"{id}\"><th scope=\"row\">{pred} of {subj}{scope}</th><td>{verdict}</td>",
            id = esc(&a.id),
            pred = esc(&a.predicate),
            subj = esc(&a.subject),
            scope = esc(&scope),
            verdict = esc(&a.verdict)
        );
        for d in &report.documents {
            let Some(claims) = by_doc.get(d.id.as_str()) else {
                out.push_str("<td class=\"silent\">—</td>");
                continue;
            };
            let differs = a.verdict != "agree"
                && claims
                    .iter()
                    .any(|c| key_of.get(c.id.as_str()).map(String::as_str) != top);
            let (class, mark) = if differs {
                ("differs", "≠")
            } else {
                ("agree", "✓")
            };
            let c = claims[0];
            let mut values: Vec<String> = Vec::new();
            for c in claims {
                let w = written(ctx, c);
                if !values.contains(&w) {
                    values.push(w);
                }
            }
            let _ = write!(
                out,
                "<td class=\"{class}\"><details><summary>{mark} {value}</summary><q>{snip}</q>\
                 <span class=\"at\">{at}</span></details></td>",
                value = esc(&values.join(" / ")),
                snip = snippet(ctx, c),
                at = esc(&at(ctx, c))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>\n</section>\n");
}

/// One point of a timeline.
struct Point<'a> {
    /// The date as stated (`2025-02`, `before 2025-09-28`).
    date: String,
    /// Sort key and axis position: days, roughly.
    key: i64,
    fact: String,
    value: String,
    claim: &'a Claim,
}

/// `2025-02-10` → a sort key (twice a day number); `2025-02`, `2019` at their start;
/// `before X` just before X, `after X` just after. None for a date without a year.
fn day_key(date: &str) -> Option<i64> {
    let d = date
        .trim_start_matches("before ")
        .trim_start_matches("after ")
        .trim_start_matches("since ");
    let mut parts = d.split(['-', ' ']).map(|p| p.parse::<i64>());
    let y = parts.next()?.ok()?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let m = parts.next().and_then(|p| p.ok()).unwrap_or(1).clamp(1, 12);
    let day = parts.next().and_then(|p| p.ok()).unwrap_or(1).clamp(1, 31);
    let shift = if date.starts_with("before ") {
        -1
    } else if date.starts_with("after ") || date.starts_with("since ") {
        1
    } else {
        0
    };
    Some(2 * (y * 372 + (m - 1) * 31 + (day - 1)) + shift)
}

/// The dated claims of each entity: claims with an `as_of` (roles, affiliations, statuses,
/// figures) and date-valued claims; mentions are not facts. One point per entity, fact,
/// date, value and document.
fn points<'a>(ctx: &Ctx<'a>) -> BTreeMap<String, Vec<Point<'a>>> {
    let mut out: BTreeMap<String, Vec<Point>> = BTreeMap::new();
    let mut seen: HashSet<(String, String, String, String, String)> = HashSet::new();
    for c in &ctx.report.claims {
        if c.predicate.starts_with("mentions") {
            continue;
        }
        let (date, fact) = match (&c.value, c.qualifiers.get("as_of")) {
            (Value::Date { value, .. }, _) => (value.clone(), c.predicate.clone()),
            (_, Some(as_of)) => (as_of.clone(), c.predicate.clone()),
            _ => continue,
        };
        let Some(key) = day_key(&date) else { continue };
        let fact = match c.qualifiers.get("title") {
            Some(t) => format!("{fact} ({t})"),
            None => fact,
        };
        let value = written(ctx, c);
        if !seen.insert((
            c.subject.clone(),
            fact.clone(),
            date.clone(),
            value.clone(),
            c.doc.clone(),
        )) {
            continue;
        }
        out.entry(c.subject.clone()).or_default().push(Point {
            date,
            key,
            fact,
            value,
            claim: c,
        });
    }
    for ps in out.values_mut() {
        ps.sort_by(|a, b| {
            (a.key, &a.fact, &a.claim.doc, &a.value).cmp(&(b.key, &b.fact, &b.claim.doc, &b.value))
        });
    }
    out
}

fn timeline(out: &mut String, ctx: &Ctx) {
    let points = points(ctx);
    // Entities with most points first.
    let mut entities: Vec<(&String, &Vec<Point>)> = points.iter().collect();
    entities.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let total: usize = entities.iter().map(|(_, p)| p.len()).sum();
    let _ = writeln!(
        out,
        "<section id=\"timeline\" aria-labelledby=\"timeline-h\">\n<h2 id=\"timeline-h\">Timeline ({})</h2>",
        plural(total, "dated fact", "dated facts")
    );
    if entities.is_empty() {
        out.push_str("<p>No dated fact.</p>\n");
    }
    for (n, (entity, ps)) in entities.iter().enumerate() {
        // An ordinal axis: each distinct date one step (a birth year would squeeze a
        // February and a September of one year into one dot on a linear axis).
        let mut dates: Vec<(i64, &str)> = Vec::new();
        for p in ps.iter() {
            if !dates.iter().any(|(_, d)| *d == p.date) {
                dates.push((p.key, &p.date));
            }
        }
        let step = |d: &str| dates.iter().position(|(_, x)| *x == d).unwrap_or(0);
        let pos = |i: usize| {
            if dates.len() < 2 {
                50.0
            } else {
                3.0 + 94.0 * i as f64 / (dates.len() - 1) as f64
            }
        };
        let _ = writeln!(
            out,
            "<section class=\"entity\" aria-labelledby=\"tl-{n}\"><h3 id=\"tl-{n}\">{}</h3>\n<div class=\"axis\" aria-hidden=\"true\">",
            esc(entity)
        );
        for p in ps.iter() {
            let _ = write!(
                out,
                "<span class=\"pt\" style=\"left:{:.1}%\" title=\"{} · {} · {} · {}\"></span>",
                pos(step(&p.date)),
                esc(&p.date),
                esc(&p.fact),
                esc(&p.value),
                esc(outlet(ctx, &p.claim.doc))
            );
        }
        // Tick labels: every date when there are few, else about ten of them.
        let every = dates.len().div_ceil(10).max(1);
        for (i, (_, d)) in dates.iter().enumerate() {
            if i % every == 0 || i + 1 == dates.len() {
                let _ = write!(
                    out,
                    "<span class=\"tick\" style=\"left:{:.1}%\">{}</span>",
                    pos(i),
                    esc(d)
                );
            }
        }
        let _ = writeln!(
            out,
            "</div>\n<div class=\"scroll\"><table class=\"timeline\"><caption>{} over time</caption>\n<thead><tr>\
             <th scope=\"col\">Date</th><th scope=\"col\">Fact</th><th scope=\"col\">Value as written</th>\
             <th scope=\"col\">Source</th></tr></thead>\n<tbody>",
            esc(entity)
        );
        for p in ps.iter() {
            let _ = writeln!(
                out,
                "<tr class=\"point\"><td>{}</td><td>{}</td><td>{}</td><td>{} <span class=\"at\">{}</span></td></tr>",
                esc(&p.date),
                esc(&p.fact),
                esc(&p.value),
                esc(outlet(ctx, &p.claim.doc)),
                esc(&at(ctx, p.claim))
            );
        }
        out.push_str("</tbody></table></div>\n</section>\n");
    }
    out.push_str("</section>\n");
}

/// The number of timeline rows [`render`] writes (for tests and the CLI's note).
pub fn timeline_rows(report: &Report, docs: &[DocText]) -> usize {
    let ctx = Ctx::new(report, docs);
    points(&ctx).values().map(Vec::len).sum()
}
