//! `factcheck rules`: list, test and explain the extraction rules: the built-in ones plus
//! those the configuration or `--rules` add, and measure how widely they fire
//! (`coverage`). A rule file that fails to load is exit code 2.

use super::{load_config, load_extractor, CoverageFormat, RulesAction};
use crate::extract::lexicon::Entry;
use crate::extract::{engine, entities, reference_date, Extractor};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub fn command(action: RulesAction) -> i32 {
    if let RulesAction::Coverage {
        paths,
        format,
        config,
        input,
    } = &action
    {
        return coverage(paths, *format, config, input);
    }
    let cfg = match load_config(action.config(), None, None, &[]) {
        Ok(c) => c,
        Err(f) => return f.exit(None),
    };
    let (ex, problems) = load_extractor(&cfg);
    if !problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&problems));
    }
    match action {
        RulesAction::List { .. } => {
            for r in &ex.rules.rules {
                let preds: Vec<&str> = r.def.emit.iter().map(|e| e.predicate.as_str()).collect();
                println!(
                    "{:<16} {:<40} {}",
                    r.def.id,
                    preds.join(", "),
                    r.def.summary
                );
            }
            i32::from(!problems.is_empty()) * 2
        }
        RulesAction::Coverage { .. } => unreachable!("handled above"),
        RulesAction::Test { filter, .. } => {
            let mut passed = 0;
            let mut failed = 0;
            let mut matched = 0;
            for r in &ex.rules.rules {
                if filter
                    .as_ref()
                    .is_some_and(|f| !r.def.id.contains(f.as_str()))
                {
                    continue;
                }
                matched += 1;
                for o in crate::extract::examples::run_rule(r, &ex) {
                    if o.ok {
                        passed += 1;
                        println!("PASS {}: {}", o.rule, o.text);
                    } else {
                        failed += 1;
                        println!("FAIL {}: {}\n     {}", o.rule, o.text, o.detail);
                    }
                }
            }
            // A filter that selects no rule is a mistake (a typo), not a pass.
            if let (Some(f), 0) = (&filter, matched) {
                eprintln!(
                    "error: no rule id contains {f:?} (see `factcheck rules list`); nothing tested"
                );
                return 2;
            }
            println!("{passed} passed, {failed} failed");
            if !problems.is_empty() {
                2
            } else {
                i32::from(failed > 0)
            }
        }
        RulesAction::Explain { id, .. } => {
            match ex.rules.get(&id) {
                Some(r) => {
                    println!("{} ({})\n\n{}\n", r.def.id, r.file, r.def.summary);
                    if let Some(d) = &r.def.doc {
                        println!("{d}\n");
                    }
                    println!("patterns:");
                    for p in &r.def.patterns {
                        println!("  {p}");
                    }
                    println!("emits:");
                    for e in &r.def.emit {
                        println!("  {} = {{{}}} ({:?})", e.predicate, e.value, e.mode);
                    }
                    if !r.def.examples.is_empty() {
                        println!("examples:");
                        for e in &r.def.examples {
                            println!("  {}", e.text);
                        }
                    }
                    if !r.def.counterexamples.is_empty() {
                        println!("must not fire on:");
                        for e in &r.def.counterexamples {
                            println!("  {e}");
                        }
                    }
                    0
                }
                None => {
                    // A kind of finding (variant-spelling, conflict, change, stale …).
                    let mut probs = Vec::new();
                    let docs =
                        crate::extract::finding_docs(&crate::extract::builtin_files(), &mut probs);
                    match docs.iter().find(|d| d.id == id) {
                        Some(d) => {
                            println!(
                                "{} (finding kind, default severity {})\n\n{}\n\n{}",
                                d.id,
                                d.severity.as_str(),
                                d.summary,
                                d.help
                            );
                            0
                        }
                        None => {
                            eprintln!("error: no rule or finding kind `{id}` (see `factcheck rules list`)");
                            2
                        }
                    }
                }
            }
        }
    }
}

/// One row of the coverage table: a rule, a pattern or a lexicon entry, and the documents
/// and stories it fires in.
#[derive(Debug, Clone, serde::Serialize)]
struct Row {
    /// `rule`, `pattern`, `metric`, `cue`, `counted`, `action`, `status`, `title` or `entity`.
    kind: &'static str,
    /// The rule id (a pattern: `id#n`, n from 1), the canonical id, or the cue's
    /// `qualifier=value`.
    id: String,
    /// Where it is defined.
    file: String,
    /// A pattern's text (JSON only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    docs: usize,
    stories: usize,
    /// `NONE`, `ONE-STORY` or empty.
    mark: &'static str,
}

/// What each entry fires in: entry index → documents (by index).
#[derive(Default)]
struct Hits(BTreeMap<usize, BTreeSet<usize>>);

impl Hits {
    fn add(&mut self, entry: usize, doc: usize) {
        self.0.entry(entry).or_default().insert(doc);
    }
}

/// English words of a text, lower-cased (for the counted forms, which are singular lemmas).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Is a counted form in the text? A Chinese form anywhere; an English form as a word, in
/// the singular or a regular plural (vehicle(s), company/companies, bus(es)).
fn counted_form_in(form: &str, text: &str, words: &BTreeSet<String>) -> bool {
    if !form.is_ascii() {
        return text.contains(form);
    }
    let f = form.to_ascii_lowercase();
    if f.contains(' ') {
        return text.to_ascii_lowercase().contains(&f);
    }
    let ies = f.strip_suffix('y').map(|s| format!("{s}ies"));
    words.contains(&f)
        || words.contains(&format!("{f}s"))
        || words.contains(&format!("{f}es"))
        || ies.is_some_and(|p| words.contains(&p))
}

/// Cue forms found in the text (the frame's matcher: leftmost-longest, Latin forms as whole
/// words): the cue indices.
fn cues_in(ex: &Extractor, text: &str) -> BTreeSet<usize> {
    let Some((m, forms)) = ex.lexicon.cue_matcher() else {
        return BTreeSet::new();
    };
    let bytes = text.as_bytes();
    m.find_iter(text)
        .filter(|h| crate::extract::frame::whole_word(bytes, h.start(), h.end()))
        .map(|h| forms[h.pattern().as_usize()])
        .collect()
}

/// `factcheck rules coverage PATHS...`.
fn coverage(
    paths: &[PathBuf],
    format: CoverageFormat,
    config: &super::ConfigArgs,
    input: &super::InputArgs,
) -> i32 {
    let cfg = match load_config(config, None, None, paths) {
        Ok(c) => c,
        Err(f) => return f.exit(None),
    };
    if let Err(f) = super::check_inputs(&[("input path", paths)]) {
        return f.exit(None);
    }
    let (ex, data_problems) = match super::extractor_for(&cfg, config) {
        Ok(x) => x,
        Err(f) => return f.exit(None),
    };
    let select = |p: &Path| cfg.selects(p);
    let filtering = !cfg.include.is_empty() || !cfg.exclude.is_empty();
    let select: Option<&(dyn Fn(&Path) -> bool + Sync)> =
        if filtering { Some(&select) } else { None };
    let run = crate::pipeline::run_opts(
        paths,
        &ex,
        data_problems,
        crate::pipeline::Options {
            select,
            progress: None,
            context: &[],
            follow_links: input.follow_links,
            roots: &[],
        },
    );
    if !run.report.problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&run.report.problems));
    }
    // The lexicon the extractor ran with: the configured one plus the names the articles
    // pair themselves (they tag the sentences the patterns see).
    let learned = entities::rank_appositions(
        run.docs
            .iter()
            .map(|d| entities::appositions(&d.norm.text, &ex.lexicon))
            .collect(),
    );
    let tagging = ex.lexicon.with_entities(&learned);
    // Stories: the directory that holds each article.
    let story_of: Vec<String> = run
        .docs
        .iter()
        .map(|d| {
            Path::new(&d.info.path)
                .parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        })
        .collect();
    let doc_index: BTreeMap<&str, usize> = run
        .report
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let rule_index: BTreeMap<&str, usize> = ex
        .rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.def.id.as_str(), i))
        .collect();
    let lex = &ex.lexicon;
    let mut rules = Hits::default();
    let mut patterns = Hits::default();
    let mut metrics = Hits::default();
    let mut cues = Hits::default();
    let mut counted = Hits::default();
    let mut titles = Hits::default();
    let mut entities_hit = Hits::default();
    let (mut actions, mut statuses) = (Hits::default(), Hits::default());
    let (mut attributes, mut relations) = (Hits::default(), Hits::default());
    let mut generations = Hits::default();
    for c in &run.report.claims {
        if let (Some(&d), Some(&r)) = (
            doc_index.get(c.doc.as_str()),
            rule_index.get(c.rule.as_str()),
        ) {
            rules.add(r, d);
        }
    }
    let pattern_of: Vec<(usize, usize)> = ex
        .rules
        .rules
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| (0..r.regexes.len()).map(move |j| (ri, j)))
        .collect();
    let title_of: BTreeMap<&str, usize> = lex
        .titles
        .iter()
        .enumerate()
        .rev()
        .map(|(i, t)| (t.canonical.as_str(), i))
        .collect();
    let entity_of: BTreeMap<&str, usize> = lex
        .entities
        .iter()
        .enumerate()
        .rev()
        .map(|(i, e)| (e.canonical.as_str(), i))
        .collect();
    let metric_of: BTreeMap<&str, usize> = lex
        .metrics
        .iter()
        .enumerate()
        .rev()
        .map(|(i, m)| (m.canonical.as_str(), i))
        .collect();
    for (d, doc) in run.docs.iter().enumerate() {
        let text = &doc.norm.text;
        let published = reference_date(doc.info.published.as_deref());
        for hit in engine::pattern_hits(text, published, &ex.rules, &tagging) {
            if let Some(k) = pattern_of.iter().position(|p| *p == hit) {
                patterns.add(k, d);
            }
        }
        for m in lex.find_metrics(text) {
            if let Some(&i) = metric_of.get(m.canonical.as_str()) {
                metrics.add(i, d);
            }
        }
        for i in cues_in(&ex, text) {
            cues.add(i, d);
        }
        let (a, s) = lex.actions.entries_in(text);
        a.into_iter().for_each(|i| actions.add(i, d));
        s.into_iter().for_each(|i| statuses.add(i, d));
        for i in lex.actions.generations_in(text) {
            generations.add(i, d);
        }
        let (a, r) = lex.relations.entries_in(text);
        a.into_iter().for_each(|i| attributes.add(i, d));
        r.into_iter().for_each(|i| relations.add(i, d));
        let ws = words(text);
        for (i, c) in lex.counted_defs().iter().enumerate() {
            if c.forms.iter().any(|f| counted_form_in(f, text, &ws)) {
                counted.add(i, d);
            }
        }
        for m in lex.find(text) {
            match m.entry {
                Entry::Title { canonical } => {
                    if let Some(&i) = title_of.get(canonical.as_str()) {
                        titles.add(i, d);
                    }
                }
                Entry::Entity { canonical, .. } => {
                    if let Some(&i) = entity_of.get(canonical.as_str()) {
                        entities_hit.add(i, d);
                    }
                }
            }
        }
    }
    let row = |kind: &'static str, id: String, file: String, hits: &Hits, k: usize| {
        let docs = hits.0.get(&k).cloned().unwrap_or_default();
        let stories: BTreeSet<&str> = docs.iter().map(|&d| story_of[d].as_str()).collect();
        Row {
            kind,
            id,
            file,
            pattern: None,
            docs: docs.len(),
            stories: stories.len(),
            mark: match stories.len() {
                0 => "NONE",
                1 => "ONE-STORY",
                _ => "",
            },
        }
    };
    let mut rows = vec![];
    for (ri, r) in ex.rules.rules.iter().enumerate() {
        rows.push(row("rule", r.def.id.clone(), r.file.clone(), &rules, ri));
        for (k, (pr, j)) in pattern_of.iter().enumerate() {
            if *pr == ri {
                let mut p = row(
                    "pattern",
                    format!("{}#{}", r.def.id, j + 1),
                    r.file.clone(),
                    &patterns,
                    k,
                );
                p.pattern = r.def.patterns.get(*j).cloned();
                rows.push(p);
            }
        }
    }
    let lexicon_file = |name: &str| format!("lexicon/{name}");
    for (i, m) in lex.metrics.iter().enumerate() {
        if metric_of.get(m.canonical.as_str()) == Some(&i) {
            rows.push(row(
                "metric",
                m.canonical.clone(),
                lexicon_file("metrics.yaml"),
                &metrics,
                i,
            ));
        }
    }
    for (i, c) in lex.cue_defs().iter().enumerate() {
        rows.push(row(
            "cue",
            format!("{}={}", c.qualifier, c.value),
            lexicon_file("frames.yaml"),
            &cues,
            i,
        ));
    }
    for (i, c) in lex.counted_defs().iter().enumerate() {
        rows.push(row(
            "counted",
            c.concept.clone(),
            lexicon_file("frames.yaml"),
            &counted,
            i,
        ));
    }
    for (kind, defs, hits) in [
        ("action", &lex.actions.file.actions, &actions),
        ("status", &lex.actions.file.statuses, &statuses),
        ("generation", &lex.actions.file.generations, &generations),
    ] {
        for (i, e) in defs.iter().enumerate() {
            rows.push(row(
                kind,
                e.id.clone(),
                lexicon_file("actions.yaml"),
                hits,
                i,
            ));
        }
    }
    for (i, a) in lex.relations.file.attributes.iter().enumerate() {
        rows.push(row(
            "attribute",
            a.id.clone(),
            lexicon_file("relations.yaml"),
            &attributes,
            i,
        ));
    }
    for (i, r) in lex.relations.file.relations.iter().enumerate() {
        rows.push(row(
            "relation",
            r.id.clone(),
            lexicon_file("relations.yaml"),
            &relations,
            i,
        ));
    }
    for (i, t) in lex.titles.iter().enumerate() {
        if title_of.get(t.canonical.as_str()) == Some(&i) {
            rows.push(row(
                "title",
                t.canonical.clone(),
                lexicon_file("titles.yaml"),
                &titles,
                i,
            ));
        }
    }
    for (i, e) in lex.entities.iter().enumerate() {
        if entity_of.get(e.canonical.as_str()) == Some(&i) {
            rows.push(row(
                "entity",
                e.canonical.clone(),
                "gazetteer".into(),
                &entities_hit,
                i,
            ));
        }
    }
    let stories: BTreeSet<&str> = story_of.iter().map(String::as_str).collect();
    let wide = rows.iter().filter(|r| r.stories >= 2).count();
    let one = rows.iter().filter(|r| r.stories == 1).count();
    let none = rows.iter().filter(|r| r.stories == 0).count();
    let summary = format!(
        "{} entries over {} documents in {} stories: {wide} fire in 2 or more stories, {one} in one story only, {none} in none",
        rows.len(),
        run.docs.len(),
        stories.len()
    );
    match format {
        CoverageFormat::Json => {
            let v = serde_json::json!({
                "documents": run.docs.len(),
                "stories": stories.len(),
                "entries": rows,
                "summary": {"several_stories": wide, "one_story": one, "none": none},
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        CoverageFormat::Human => {
            let width = rows
                .iter()
                .map(|r| r.id.chars().count() + 2)
                .max()
                .unwrap_or(5);
            println!(
                "{:<8} {:<width$} {:>5} {:>7}  MARK",
                "KIND", "ENTRY", "DOCS", "STORIES"
            );
            for r in &rows {
                let id = if r.kind == "pattern" {
                    format!("  {}", r.id)
                } else {
                    r.id.clone()
                };
                println!(
                    "{:<8} {:<width$} {:>5} {:>7}  {}",
                    r.kind, id, r.docs, r.stories, r.mark
                );
            }
            println!("{summary}");
        }
    }
    0
}
