//! The robustness matrix: bad input never breaks a run. Every row builds a small directory
//! (under `CARGO_TARGET_TMPDIR`) holding one bad input next to a good article, runs the
//! pipeline on the directory, and checks:
//!
//! - no panic;
//! - a diagnostic (a `Problem`) naming the bad file, and the place when there is one;
//! - the good article is still read and still gives claims;
//! - every claim span is exact: the raw bytes at the span, decoded with the file's encoding,
//!   are the claim's `text`;
//! - `factcheck run` exits as it does on the good article alone (input problems do not
//!   change the exit code).
//!
//! Rule files are checked through `Extractor::load`. The diagnostics of all the rows are
//! snapshotted together in `snapshots/robustness_matrix.snap`. See `docs/robustness.md`.

use factcheck::extract::{self, DataFile, Extractor};
use factcheck::model::{Problem, Report};
use factcheck::pipeline::{self, Run};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const ARTICLE: &str = include_str!("../docs/examples/appointment/01-qianyanpai.md");
/// A plain-text paragraph with claims, for the encodings rows.
const PLAIN: &str = "星河集团任命林嘉禾为副总裁\n\n2月10日，星河集团内部邮件显示，人工智能科学家林嘉禾（Jiahe Lin）正式加入星河，出任集团副总裁、智能终端事业群首席科学家。林嘉禾在AI领域深耕18余年，他发表论文200余篇。\n";
const PLAIN_HANT: &str = "星河集團任命林嘉禾為副總裁\n\n2月10日，星河集團內部郵件顯示，人工智慧科學家林嘉禾（Jiahe Lin）正式加入星河，出任集團副總裁、智慧終端事業群首席科學家。林嘉禾在AI領域深耕18餘年，他發表論文200餘篇。\n";

/// A fresh, empty directory for one row.
/// A fresh directory for one call. Every row runs twice at once (as its own test and inside
/// the matrix snapshot), so each call gets its own directory: a shared one was emptied by one
/// run while the other read it.
fn scratch(name: &str) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("robustness")
        .join(format!("{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A directory with the good article in it.
fn scratch_with_good(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::write(dir.join("good.md"), ARTICLE).unwrap();
    dir
}

/// What a row saw, for the assertions and the snapshot.
struct Outcome {
    dir: PathBuf,
    run: Run,
}

impl Outcome {
    fn report(&self) -> &Report {
        &self.run.report
    }

    /// A path made relative to the row's directory.
    fn rel(&self, s: &str) -> String {
        let d = self.dir.to_string_lossy().replace('\\', "/");
        s.replace(&format!("{d}/"), "").replace(&d, "<dir>")
    }

    /// The problems, one string each, paths relative.
    fn problems(&self) -> Vec<String> {
        self.report()
            .problems
            .iter()
            .map(|p| self.show(p))
            .collect()
    }

    fn show(&self, p: &Problem) -> String {
        let at = p
            .span
            .map(|s| format!("@{}..{}", s.start, s.end))
            .unwrap_or_default();
        format!(
            "{} {}{}: {}",
            p.severity.as_str(),
            self.rel(&p.path),
            at,
            self.rel(&p.message).replace('\n', " ⏎ ")
        )
    }

    /// Problems naming `file`.
    fn about(&self, file: &str) -> Vec<&Problem> {
        self.report()
            .problems
            .iter()
            .filter(|p| p.path.ends_with(file))
            .collect()
    }

    /// Document paths, relative.
    fn docs(&self) -> Vec<String> {
        self.report()
            .documents
            .iter()
            .map(|d| self.rel(&d.path))
            .collect()
    }

    fn claims_of(&self, file: &str) -> usize {
        let Some(doc) = self
            .report()
            .documents
            .iter()
            .find(|d| d.path.ends_with(file))
        else {
            return 0;
        };
        self.report()
            .claims
            .iter()
            .filter(|c| c.doc == doc.id)
            .count()
    }
}

/// Run the pipeline on `dir` and check what every row must hold.
fn run_dir(dir: PathBuf) -> Outcome {
    let run = pipeline::run(std::slice::from_ref(&dir));
    let o = Outcome { dir, run };
    check_spans(&o.run);
    o
}

/// Every claim span, sliced out of the raw bytes and decoded with the file's encoding, is the
/// claim's text; and every problem span lies inside its file.
fn check_spans(run: &Run) {
    for d in &run.docs {
        let raw = &d.source.raw;
        let enc = encoding_rs::Encoding::for_label(d.source.decoded.encoding.as_bytes())
            .unwrap_or(encoding_rs::UTF_8);
        for c in &d.claims {
            assert!(
                c.span.start <= c.span.end && c.span.end <= raw.len(),
                "{}: span {:?} outside the file ({} bytes)",
                d.source.display,
                c.span,
                raw.len()
            );
            let (text, _) = enc.decode_without_bom_handling(&raw[c.span.start..c.span.end]);
            assert_eq!(
                text, c.text,
                "{}: the bytes at {:?} are not the claim's text",
                d.source.display, c.span
            );
        }
    }
    for p in &run.report.problems {
        if let (Some(s), Some(d)) = (p.span, run.docs.iter().find(|d| d.source.display == p.path)) {
            assert!(s.start <= s.end && s.end <= d.source.raw.len() + 1);
        }
    }
}

/// The good article still went through.
fn assert_good_processed(o: &Outcome) {
    assert!(
        o.docs().iter().any(|d| d == "good.md"),
        "good.md missing: {:?}",
        o.docs()
    );
    assert!(o.claims_of("good.md") > 0, "good.md gave no claims");
}

/// The exit code of `factcheck run --format json` on `path`.
fn exit_code(path: &Path) -> i32 {
    let out = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(["run", "--format", "json"])
        .arg(path)
        .output()
        .expect("run the binary");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "the binary panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code().unwrap_or(-1)
}

/// The exit code on the good article alone.
fn baseline_exit() -> i32 {
    static CODE: OnceLock<i32> = OnceLock::new();
    *CODE.get_or_init(|| exit_code(&scratch_with_good("baseline")))
}

/// The row's directory exits as the good article alone does.
fn assert_exit_unchanged(o: &Outcome) -> i32 {
    let code = exit_code(&o.dir);
    assert_eq!(
        code,
        baseline_exit(),
        "input problems changed the exit code"
    );
    code
}

/// One line of the snapshot.
fn line(name: &str, o: &Outcome, exit: i32) -> String {
    let probs = o.problems();
    let probs = if probs.is_empty() {
        "no problems".to_string()
    } else {
        probs.join(" | ")
    };
    format!("{name}: exit {exit}; docs {:?}; {probs}", o.docs())
}

// ---------------------------------------------------------------------------------------
// Rows over article files.

fn row_invalid_utf8() -> String {
    let dir = scratch_with_good("invalid_utf8");
    let mut raw = PLAIN.as_bytes().to_vec();
    // A lone 0xFF after the title, and a truncated 3-byte sequence before a character.
    let at = PLAIN.find("2月").unwrap();
    raw.insert(at, 0xFF);
    let at2 = raw.len() - "篇。\n".len();
    raw.splice(at2..at2, [0xE4, 0xB8]);
    std::fs::write(dir.join("bad-utf8.txt"), &raw).unwrap();
    let o = run_dir(dir);
    let p = o.about("bad-utf8.txt");
    assert_eq!(p.len(), 2, "{:?}", o.problems());
    assert!(p[0].message.contains("invalid UTF-8"));
    assert_eq!(p[0].span.map(|s| s.start), Some(at));
    assert!(o.claims_of("bad-utf8.txt") > 0);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("invalid UTF-8 bytes", &o, exit)
}

fn row_legacy_encoding(name: &str, enc: &'static encoding_rs::Encoding, text: &str) -> String {
    let dir = scratch_with_good(name);
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable);
    let file = format!("{name}.txt");
    std::fs::write(dir.join(&file), &bytes).unwrap();
    let o = run_dir(dir);
    let d = o
        .run
        .docs
        .iter()
        .find(|d| d.source.display.ends_with(&file))
        .expect("decoded");
    assert_eq!(d.source.decoded.encoding, enc.name());
    assert_eq!(d.source.decoded.text, text);
    assert!(o.about(&file).is_empty(), "{:?}", o.problems());
    assert!(o.claims_of(&file) > 0);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line(&format!("{} file", enc.name()), &o, exit)
}

fn row_gbk() -> String {
    row_legacy_encoding("gbk", encoding_rs::GBK, PLAIN)
}

fn row_big5() -> String {
    row_legacy_encoding("big5", encoding_rs::BIG5, PLAIN_HANT)
}

fn row_bom() -> String {
    let dir = scratch_with_good("bom");
    let mut raw = b"\xEF\xBB\xBF".to_vec();
    raw.extend_from_slice(ARTICLE.as_bytes());
    std::fs::write(dir.join("bom.md"), &raw).unwrap();
    let o = run_dir(dir);
    assert!(o.about("bom.md").is_empty(), "{:?}", o.problems());
    // The front matter is still found behind the BOM: same title, same claims.
    let titles: Vec<_> = o
        .report()
        .documents
        .iter()
        .map(|d| d.title.clone())
        .collect();
    assert_eq!(titles[0], titles[1]);
    assert_eq!(o.claims_of("bom.md"), o.claims_of("good.md"));
    let exit = assert_exit_unchanged(&o);
    line("UTF-8 BOM", &o, exit)
}

fn row_crlf() -> String {
    let dir = scratch_with_good("crlf");
    std::fs::write(dir.join("crlf.md"), ARTICLE.replace('\n', "\r\n")).unwrap();
    let o = run_dir(dir);
    assert!(o.about("crlf.md").is_empty(), "{:?}", o.problems());
    let docs = &o.report().documents;
    assert_eq!(docs[0].title, docs[1].title);
    assert_eq!(docs[0].published, docs[1].published);
    assert_eq!(o.claims_of("crlf.md"), o.claims_of("good.md"));
    let exit = assert_exit_unchanged(&o);
    line("CRLF line ends", &o, exit)
}

fn row_binary() -> String {
    let dir = scratch_with_good("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0u8..=255).cycle().take(4096));
    std::fs::write(dir.join("image.md"), &png).unwrap();
    let mut nul = PLAIN.as_bytes().to_vec();
    nul.insert(20, 0);
    std::fs::write(dir.join("nul.txt"), &nul).unwrap();
    let o = run_dir(dir);
    for f in ["image.md", "nul.txt"] {
        let p = o.about(f);
        assert_eq!(p.len(), 1, "{:?}", o.problems());
        assert!(p[0].message.contains("binary"));
    }
    assert_eq!(o.docs(), vec!["good.md"]);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("NUL bytes, binary file", &o, exit)
}

fn row_empty() -> String {
    let dir = scratch_with_good("empty");
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    std::fs::write(dir.join("blank.txt"), b" \n\n\t\n").unwrap();
    let o = run_dir(dir);
    assert_eq!(o.about("empty.md").len(), 1, "{:?}", o.problems());
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("empty file", &o, exit)
}

fn row_unterminated_front_matter() -> String {
    let dir = scratch_with_good("unterminated_fm");
    let text = ARTICLE.replacen("\n---\n", "\n\n", 1);
    std::fs::write(dir.join("open.md"), text).unwrap();
    let o = run_dir(dir);
    let p = o.about("open.md");
    assert_eq!(p.len(), 1, "{:?}", o.problems());
    assert!(p[0].message.contains("never closed"));
    assert_eq!(p[0].span.map(|s| s.start), Some(0));
    // The body is still read (as text, front matter and all).
    assert!(o.claims_of("open.md") > 0);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("unterminated front matter", &o, exit)
}

fn row_front_matter_not_mapping() -> String {
    let dir = scratch_with_good("fm_not_mapping");
    std::fs::write(
        dir.join("list.md"),
        format!("---\n- a\n- b\n---\n{}", PLAIN),
    )
    .unwrap();
    std::fs::write(
        dir.join("scalar.md"),
        format!("---\njust a string\n---\n{}", PLAIN),
    )
    .unwrap();
    std::fs::write(
        dir.join("broken-yaml.md"),
        format!("---\ntitle: \"unclosed\ndate: [2025\n---\n{}", PLAIN),
    )
    .unwrap();
    let o = run_dir(dir);
    for f in ["list.md", "scalar.md", "broken-yaml.md"] {
        let p = o.about(f);
        assert_eq!(p.len(), 1, "{f}: {:?}", o.problems());
        assert!(p[0].message.starts_with("front matter ignored"));
        assert!(p[0].span.is_some());
        assert!(o.claims_of(f) > 0, "{f} gave no claims");
    }
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("front matter not a mapping / invalid", &o, exit)
}

const SOUP: &str = r#"<html><head><title>星河集团请来AI科学家林嘉禾</title>
<style>p { color: red } .x > .y { }</style>
<SCRIPT type="text/javascript">var s = "<p>2023年，林嘉禾加入假公司集团</p>"; if (a < b && c > d) {}</script>
</head><body><div><p>2月10日，星河集团内部邮件显示，人工智能科学家林嘉禾（Jiahe Lin）正式加入星河，出任集团副总裁<b>未闭合<i>标签
<p>软件 & 硬件 &硬件要真正打通 &amp; &#x4E2D; &#99999999; &#xD800; &bogus; &#; &
<a href="x">链接<p>< 5 > 3 <<<>>> <1> </ > <!doctype x> </div></span>
林嘉禾在AI领域深耕18余年。<br/>他发表论文200余篇。
<p>Unclosed <a href="http://example.com/?a=1&b=2">link text
</body>
<script>never closed 2025年，林嘉禾加入假公司集团
"#;

fn row_html_soup() -> String {
    let dir = scratch_with_good("html_soup");
    std::fs::write(dir.join("soup.html"), SOUP).unwrap();
    std::fs::write(dir.join("comment.html"), format!("<p>{PLAIN}</p><!-- open")).unwrap();
    let o = run_dir(dir);
    assert!(o.claims_of("soup.html") > 0);
    assert!(o.claims_of("comment.html") > 0);
    // Nothing from inside script blocks.
    assert!(!o.report().claims.iter().any(|c| c.text.contains("假公司")));
    let soup = o
        .run
        .docs
        .iter()
        .find(|d| d.source.display.ends_with("soup.html"))
        .unwrap();
    assert!(!soup.norm.text.contains("var s"));
    assert!(!soup.norm.text.contains("color: red"));
    assert!(soup.norm.text.contains("软件 & 硬件 &硬件要真正打通 & 中"));
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("HTML soup", &o, exit)
}

fn row_same_article_twice() -> String {
    // The appointment example, then the same five articles plus a copy of the first under
    // another name.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/appointment");
    let articles = [
        "01-qianyanpai.md",
        "02-gangke-daily.md",
        "03-shentong.txt",
        "04-huanyu.txt",
        "05-ludao.txt",
    ];
    let fill = |dir: &Path| {
        for a in articles {
            std::fs::copy(example.join(a), dir.join(a)).unwrap();
        }
    };
    let dir = scratch("twice_base");
    fill(&dir);
    let base = run_dir(dir);
    let dir = scratch("twice");
    fill(&dir);
    std::fs::write(dir.join("01-copy.md"), ARTICLE).unwrap();
    let o = run_dir(dir);
    assert_eq!(o.docs().len(), 6);
    assert_eq!(o.claims_of("01-copy.md"), o.claims_of("01-qianyanpai.md"));
    // The copy counts once: every value has the support it had without the copy.
    let supports = |r: &Report| {
        let mut v: Vec<(String, String, usize)> = r
            .findings
            .iter()
            .flat_map(|f| {
                f.values
                    .iter()
                    .map(|v| (f.rule.clone(), v.value.clone(), v.support))
            })
            .collect();
        v.sort();
        v
    };
    assert!(!supports(base.report()).is_empty());
    assert_eq!(supports(o.report()), supports(base.report()));
    let exit = exit_code(&o.dir);
    assert_eq!(exit, exit_code(&base.dir));
    let s: Vec<String> = supports(o.report())
        .iter()
        .map(|(r, v, n)| format!("{r}={v}×{n}"))
        .collect();
    format!(
        "{}; support {}",
        line("same article twice", &o, exit),
        s.join(",")
    )
}

fn row_unreadable() -> String {
    // Tests run as root here, so permission bits do not stop a read. Unreadable entries are
    // made otherwise: a dangling symlink, a FIFO (never opened: it would block), and a
    // directory named like an article (walked into, not read).
    let dir = scratch_with_good("unreadable");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.join("missing-target.md"), dir.join("gone.md")).unwrap();
        let st = Command::new("mkfifo")
            .arg(dir.join("pipe.md"))
            .status()
            .unwrap();
        assert!(st.success());
    }
    std::fs::create_dir(dir.join("folder.md")).unwrap();
    let o = run_dir(dir.clone());
    #[cfg(unix)]
    {
        assert_eq!(o.about("gone.md").len(), 1, "{:?}", o.problems());
        assert_eq!(o.about("pipe.md").len(), 1, "{:?}", o.problems());
        // Named on the command line, they are diagnosed the same way.
        let named = pipeline::run(&[
            dir.join("gone.md"),
            dir.join("pipe.md"),
            dir.join("good.md"),
        ]);
        assert_eq!(
            named.report.problems.len(),
            2,
            "{:?}",
            named.report.problems
        );
        assert_eq!(named.report.documents.len(), 1);
    }
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("unreadable (dangling symlink, FIFO)", &o, exit)
}

fn row_symlink_loop() -> String {
    let dir = scratch_with_good("symlink_loop");
    #[cfg(unix)]
    {
        std::fs::create_dir(dir.join("sub")).unwrap();
        std::os::unix::fs::symlink("..", dir.join("sub").join("loop")).unwrap();
    }
    let o = run_dir(dir);
    #[cfg(unix)]
    {
        let loops: Vec<_> = o
            .report()
            .problems
            .iter()
            .filter(|p| p.message.contains("loop"))
            .collect();
        assert_eq!(loops.len(), 1, "{:?}", o.problems());
    }
    assert_eq!(o.docs(), vec!["good.md"]);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("directory symlink loop", &o, exit)
}

fn row_symlink_out_of_tree() -> String {
    // Links that leave the paths walked are not followed (issue 13): a link to a file
    // elsewhere must not put that file's text (its title) into the report.
    let dir = scratch_with_good("symlink_out");
    let elsewhere = scratch("symlink_out_target");
    std::fs::write(
        elsewhere.join("other.md"),
        "# 不应出现的标题\n\n这篇文章在目录之外。\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(elsewhere.join("other.md"), dir.join("escape.md")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("escape-dir")).unwrap();
    }
    let o = run_dir(dir);
    #[cfg(unix)]
    {
        assert_eq!(o.about("escape.md").len(), 1, "{:?}", o.problems());
        assert_eq!(o.about("escape-dir").len(), 1, "{:?}", o.problems());
        assert!(o
            .report()
            .problems
            .iter()
            .all(|p| p.message.contains("--follow-links")));
        assert!(o
            .report()
            .documents
            .iter()
            .all(|d| d.title.as_deref() != Some("不应出现的标题")));
    }
    assert_eq!(o.docs(), vec!["good.md"]);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("symbolic links out of the tree", &o, exit)
}

// ---------------------------------------------------------------------------------------
// Rows over rule files, through `Extractor::load`.

/// A good rule file of our own, next to the bad one.
const GOOD_RULES: &str = r#"rules:
  - id: robust-good
    summary: A test rule that must keep working next to broken files.
    patterns:
      - "营收{~}{v:money}"
    emit:
      - predicate: robust-revenue
        value: v
"#;

struct RuleRow {
    problems: Vec<Problem>,
    elapsed: Duration,
}

/// Load the built-in files plus `rules/robust-good.yaml` and `rules/bad.yaml`.
fn load_rules(bad: &str) -> RuleRow {
    let mut files = extract::builtin_files();
    files.push(DataFile {
        path: "rules/robust-good.yaml".into(),
        text: GOOD_RULES.into(),
    });
    files.push(DataFile {
        path: "rules/bad.yaml".into(),
        text: bad.into(),
    });
    let mut problems = Vec::new();
    let start = Instant::now();
    let ex = Extractor::load(&files, &mut problems);
    let elapsed = start.elapsed();
    // The remaining rules still run: the built-in ones and our good file.
    let builtin = Extractor::builtin(&mut Vec::new());
    for r in &builtin.rules.rules {
        assert!(ex.rules.get(&r.def.id).is_some(), "lost {}", r.def.id);
    }
    assert!(ex.rules.get("robust-good").is_some());
    let claims = extract::extract_str(
        // Not starting with a number: see `numbers_at_the_start_of_a_text` below.
        "据悉，2月10日，人工智能科学家林嘉禾正式加入星河集团，出任集团副总裁。星河集团去年营收为120亿元。",
        Some("2025-02-11"),
        &ex,
    );
    let seen: Vec<_> = claims.iter().map(|c| (&c.rule, &c.predicate)).collect();
    assert!(
        claims.iter().any(|c| c.predicate == "robust-revenue"),
        "{seen:?}"
    );
    assert!(claims.iter().any(|c| c.rule != "robust-good"), "{seen:?}");
    // The diagnostics name the bad file and point into it.
    let bad_problems: Vec<Problem> = problems
        .into_iter()
        .filter(|p| p.path == "rules/bad.yaml")
        .collect();
    assert!(!bad_problems.is_empty());
    for p in &bad_problems {
        if let Some(s) = p.span {
            assert!(s.start <= bad.len(), "{p:?} points past the file");
        }
    }
    RuleRow {
        problems: bad_problems,
        elapsed,
    }
}

fn rule_line(name: &str, r: &RuleRow) -> String {
    let probs: Vec<String> = r
        .problems
        .iter()
        .map(|p| {
            let at = p
                .span
                .map(|s| format!("@{}..{}", s.start, s.end))
                .unwrap_or_default();
            format!(
                "{} {}{}: {}",
                p.severity.as_str(),
                p.path,
                at,
                p.message.replace('\n', " ⏎ ")
            )
        })
        .collect();
    format!("{name}: {}", probs.join(" | "))
}

/// "Billion laughs": nine levels of nine aliases each.
fn alias_bomb(tail: &str) -> String {
    let mut s = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        s.push_str(&format!("{cur}: &{cur} [{refs}]\n"));
    }
    s.push_str(tail);
    s
}

fn row_rules_alias_bomb() -> String {
    // Aliases where a rule expects strings, and at the top level (unknown keys).
    let bomb = alias_bomb("rules:\n  - id: bomb\n    summary: x\n    patterns: *i\n    emit: []\n");
    let r = load_rules(&bomb);
    assert!(r.elapsed < Duration::from_secs(10), "took {:?}", r.elapsed);
    // Where any value is accepted (front matter), the aliases are expanded: serde_yaml's
    // repetition limit stops it at once.
    let start = Instant::now();
    let e = factcheck::yamlio::loose(&bomb).unwrap_err();
    assert!(e.message.contains("repetition limit"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(5));
    rule_line("rule file: YAML alias bomb", &r)
}

fn row_rules_bad_regex() -> String {
    let bad = r#"rules:
  - id: bad-regex
    summary: An unbalanced group.
    patterns:
      - "(?:加入{org:org}"
    emit:
      - predicate: affiliation
        value: org
  - id: fine-in-same-file
    summary: A good rule in the same file still loads.
    patterns:
      - "{who:person}{~}加入{org:org}"
    emit:
      - predicate: robust-affiliation
        value: org
        subject: who
"#;
    let r = load_rules(bad);
    assert_eq!(r.problems.len(), 1);
    assert!(r.problems[0].message.contains("bad-regex"));
    // It points at the pattern.
    let at = r.problems[0].span.unwrap().start;
    assert!(bad[at..].starts_with("(?:加入"), "{}", &bad[at..]);
    rule_line("rule file: invalid regular expression", &r)
}

fn row_rules_too_big() -> String {
    let mut big = String::from("rules:\n");
    let one = "  - id: filler-ID\n    summary: filler\n    patterns: [\"填充\"]\n    emit: []\n";
    let mut k = 0;
    while big.len() <= factcheck::yamlio::MAX_YAML_BYTES {
        big.push_str(&one.replace("ID", &k.to_string()));
        k += 1;
    }
    let r = load_rules(&big);
    assert!(r.problems[0].message.contains("over the limit"));
    rule_line("rule file: over the size limit", &r)
}

fn row_rules_unknown_field() -> String {
    let bad = "rules:\n  - id: typo\n    summary: x\n    patterns: [\"x\"]\n    emitt: []\n";
    let r = load_rules(bad);
    let at = r.problems[0].span.expect("a place").start;
    assert!(bad[..at + 1].contains("emitt") || bad[at..].starts_with("emitt") || at > 0);
    rule_line("rule file: unknown field", &r)
}

fn row_rules_missing_field() -> String {
    let bad = "rules:\n  - id: no-emit\n    summary: x\n    patterns: [\"x\"]\n";
    let r = load_rules(bad);
    assert!(r.problems[0].message.contains("missing field"));
    assert!(r.problems[0].span.is_some());
    rule_line("rule file: missing field", &r)
}

fn row_rules_wrong_type() -> String {
    let bad = "rules:\n  - id: wrong\n    summary: x\n    patterns: \"not a list\"\n    emit: []\n";
    let r = load_rules(bad);
    assert!(r.problems[0].message.contains("invalid type"));
    let at = r.problems[0].span.expect("a place").start;
    assert!(bad[at..].starts_with("\"not a list\""), "{}", &bad[at..]);
    rule_line("rule file: wrong type", &r)
}

fn row_front_matter_alias_bomb() -> String {
    let dir = scratch_with_good("fm_alias_bomb");
    let text = format!("---\n{}---\n{}", alias_bomb("title: boom\n"), PLAIN);
    std::fs::write(dir.join("bomb.md"), text).unwrap();
    let start = Instant::now();
    let o = run_dir(dir);
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(o.about("bomb.md").len(), 1, "{:?}", o.problems());
    assert!(o.claims_of("bomb.md") > 0);
    assert_good_processed(&o);
    let exit = assert_exit_unchanged(&o);
    line("front matter: YAML alias bomb", &o, exit)
}

/// One rule with an unknown field should not take the rest of its file down with it.
#[test]
fn a_bad_rule_does_not_take_its_file_down() {
    let bad =
        format!("{GOOD_RULES}  - id: typo\n    summary: x\n    patterns: [\"x\"]\n    emitt: []\n");
    let mut problems = Vec::new();
    let ex = Extractor::load(
        &[DataFile {
            path: "rules/mixed.yaml".into(),
            text: bad,
        }],
        &mut problems,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(ex.rules.get("robust-good").is_some());
}

/// A text that starts with a number: `compose.rs` computes `b - 1` eagerly in
/// `.then_some(b - 1)` with `b == 0`, an overflow panic in debug builds (tests, `cargo run`)
/// and a silent wrap in release.
#[test]

fn numbers_at_the_start_of_a_text() {
    let ex = Extractor::builtin(&mut Vec::new());
    let claims = extract::extract_str("2月10日，林嘉禾正式加入星河集团。", None, &ex);
    assert!(!claims.is_empty());
}

// ---------------------------------------------------------------------------------------
// Size: a 50 MB article, and markup that used to make normalization quadratic.

/// The good article's body repeated to `bytes`, as Markdown with front matter.
fn big_article(bytes: usize) -> Vec<u8> {
    let body_at = ARTICLE[4..].find("\n---\n").unwrap() + 4 + 5;
    let (head, body) = ARTICLE.split_at(body_at);
    let mut out = String::with_capacity(bytes + body.len());
    out.push_str(head);
    while out.len() < bytes {
        out.push_str(body);
        out.push('\n');
    }
    out.into_bytes()
}

/// The 50 MB row. A debug build takes minutes over it, so it runs on demand:
/// `cargo test --release --test robustness -- --ignored large_article` (see
/// docs/robustness.md for the timings).
#[test]
#[ignore = "50 MB: run in release, `cargo test --release --test robustness -- --ignored`"]
fn large_article_50mb() {
    let dir = scratch_with_good("large");
    std::fs::write(dir.join("large.md"), big_article(50 * 1024 * 1024)).unwrap();
    let start = Instant::now();
    let o = run_dir(dir);
    let took = start.elapsed();
    eprintln!("50 MB article: {took:?}");
    assert!(o.claims_of("large.md") > 0);
    assert_good_processed(&o);
    assert!(took < Duration::from_secs(900), "took {took:?}");
}

/// Time to read and normalize `raw` as `format`.
fn normalize_time(raw: Vec<u8>, format: factcheck::ingest::Format) -> Duration {
    let start = Instant::now();
    let mut problems = Vec::new();
    let doc =
        factcheck::ingest::from_bytes(Path::new("x"), "x", format, raw, &mut problems).unwrap();
    let norm = factcheck::normalize::normalize(&doc);
    assert!(norm.text.len() <= doc.text().len() * 2 + 16);
    start.elapsed()
}

/// Markup that makes a naive stripper quadratic: four times the input must take about four
/// times as long, not sixteen.
#[test]
fn pathological_markup_is_linear() {
    use factcheck::ingest::Format;
    let cases: &[(&str, &str, &str, Format)] = &[
        ("`<` without `>`", "a<b ", "", Format::Html),
        (
            "many script blocks",
            "<script>x</script>文",
            "",
            Format::Html,
        ),
        ("long line before a late `>`", "<a 文字", ">", Format::Html),
        ("unclosed link targets", "[a](b", "", Format::Markdown),
        ("nested brackets", "[", "", Format::Markdown),
        ("unterminated comment", "<!-", "", Format::Html),
        ("gloss look-alikes", "擔(dān", "", Format::Text),
    ];
    // Warm up (the script tables are built on first use).
    normalize_time(ARTICLE.as_bytes().to_vec(), Format::Markdown);
    for &(name, unit, tail, format) in cases {
        let make = |n: usize| {
            let mut s = unit.repeat(n / unit.len());
            s.push_str(tail);
            s.into_bytes()
        };
        let small = 512 * 1024;
        // Best of five, to keep scheduler noise out (other builds share the machine).
        let best = |n: usize| {
            (0..5)
                .map(|_| normalize_time(make(n), format))
                .min()
                .unwrap()
        };
        let t1 = best(small);
        let t4 = best(4 * small);
        let ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-3);
        assert!(
            ratio < 12.0,
            "{name}: 512 KiB in {t1:?}, 2 MiB in {t4:?} (×{ratio:.1}): quadratic?"
        );
    }
}

// ---------------------------------------------------------------------------------------
// One test per row, and the snapshot of them all.

macro_rules! rows {
    ($($name:ident),* $(,)?) => {
        $( #[test] fn $name() { let _ = super::$name(); } )*
        const ALL: &[(&str, fn() -> String)] = &[$((stringify!($name), super::$name)),*];
    };
}

mod matrix {
    rows!(
        row_invalid_utf8,
        row_gbk,
        row_big5,
        row_bom,
        row_crlf,
        row_binary,
        row_empty,
        row_unterminated_front_matter,
        row_front_matter_not_mapping,
        row_front_matter_alias_bomb,
        row_html_soup,
        row_same_article_twice,
        row_unreadable,
        row_symlink_loop,
        row_symlink_out_of_tree,
        row_rules_alias_bomb,
        row_rules_bad_regex,
        row_rules_too_big,
        row_rules_unknown_field,
        row_rules_missing_field,
        row_rules_wrong_type,
    );

    #[test]
    fn robustness_matrix_snapshot() {
        let lines: Vec<String> = ALL.iter().map(|(_, f)| f()).collect();
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!("robustness_matrix", lines.join("\n"));
        });
    }
}
