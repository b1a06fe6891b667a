//! The pipeline: paths → documents → normalized views → metadata → claims → findings →
//! report. Per-document stages run in parallel (rayon); every ordering is by path and
//! offset, so the report is byte-identical whatever the thread count or argument order.

use crate::extract::{self, Extractor, Prepared};
use crate::ingest::{self, SourceDoc};
use crate::meta;
use crate::model::{Claim, DocumentInfo, Problem, Report, REPORT_VERSION};
use crate::normalize::{self, NormText};
use crate::reconcile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One document after the per-document stages.
pub struct Processed {
    pub source: SourceDoc,
    pub norm: NormText,
    pub info: DocumentInfo,
    /// The document's claims until the report is assembled (then in `Report::claims`).
    pub claims: Vec<Claim>,
    /// Inline suppression comments (`<!-- factcheck-ignore RULE: reason -->`).
    pub directives: Vec<crate::lint::Directive>,
}

/// The result of a run: the report plus the documents (for snippets).
pub struct Run {
    pub report: Report,
    pub docs: Vec<Processed>,
}

/// Read, normalize, describe and extract one file.
fn process(path: &std::path::Path, problems: &mut Vec<Problem>) -> Option<Processed> {
    let display = ingest::display_path(path);
    let source = ingest::load(path, &display, problems)?;
    let norm = normalize::normalize(&source);
    let info = meta::describe(String::new(), &source, &norm);
    let directives = crate::lint::scan_directives(
        &display,
        source.text(),
        &|d| source.decoded.map.to_original(d),
        problems,
    );
    Some(Processed {
        source,
        norm,
        info,
        claims: Vec::new(),
        directives,
    })
}

/// Options of a run besides the paths and the rules.
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// Which article files to read (include/exclude); `None`: all.
    pub select: Option<&'a (dyn Fn(&Path) -> bool + Sync)>,
    /// Advanced by one per document and stage (its length is set to twice the documents).
    pub progress: Option<&'a indicatif::ProgressBar>,
    /// Articles read for context only: their dates anchor inferred years and the names they
    /// pair (appositions) are learned, but their claims are not extracted and they are not
    /// in the report. With every article as context, each shard of a map/reduce run
    /// extracts exactly what a run on all articles would.
    pub context: &'a [PathBuf],
    /// Follow symbolic links wherever they lead (`--follow-links`); by default a link that
    /// leaves the paths (and `context`, `roots`) is skipped with a warning.
    pub follow_links: bool,
    /// Other paths of the command line, where links may lead too.
    pub roots: &'a [PathBuf],
}

/// Expand `paths` into article files: sorted, each file once (also when reached by two
/// spellings of its path), filtered by `select`. An input directory left with no article is
/// a warning ([`ingest::walk::no_article`]).
pub fn expand(
    paths: &[PathBuf],
    select: Option<&(dyn Fn(&Path) -> bool + Sync)>,
    walk: &ingest::walk::Walk,
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let lists = ingest::walk::expand_each(paths, walk, problems);
    let mut files = std::collections::BTreeSet::new();
    for (p, list) in paths.iter().zip(lists) {
        let found = list.len();
        let mut kept = 0;
        for f in list {
            if select.is_none_or(|s| s(&f)) {
                kept += 1;
                files.insert(f);
            }
        }
        if kept == 0 && p.is_dir() {
            problems.push(ingest::walk::no_article(p, found));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    files
        .into_iter()
        .filter(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())))
        .collect()
}

/// Run the whole pipeline on `paths` with the built-in rules.
pub fn run(paths: &[PathBuf]) -> Run {
    let mut problems = Vec::new();
    let ex = Extractor::builtin(&mut problems);
    run_with(paths, &ex, problems)
}

/// Run the whole pipeline on `paths` with the given rules and lexicons.
pub fn run_with(paths: &[PathBuf], ex: &Extractor, problems: Vec<Problem>) -> Run {
    run_opts(paths, ex, problems, Options::default())
}

/// Run the whole pipeline with [`Options`].
pub fn run_opts(paths: &[PathBuf], ex: &Extractor, problems: Vec<Problem>, opts: Options) -> Run {
    let (docs, problems, lexicon) = extract_opts(paths, ex, problems, opts);
    if let Some(p) = opts.progress {
        p.set_message("reconciling");
    }
    finish(docs, problems, &lexicon)
}

/// The map stage alone (`factcheck claims`): the per-document stages and the run-level
/// learning of [`run_opts`], then ids and the run's head-noun concepts as
/// [`assemble`] gives them, but no reconciliation. The documents come back in path order
/// with their claims, exactly as a run would number them, and the problems as the report
/// would list them.
pub fn map_opts(
    paths: &[PathBuf],
    ex: &Extractor,
    problems: Vec<Problem>,
    opts: Options,
) -> (Vec<DocClaims>, Vec<Problem>) {
    let (mut docs, problems, _) = extract_opts(paths, ex, problems, opts);
    let parts = to_parts(&mut docs);
    drop(docs);
    let numbered = number(parts, problems);
    let mut claims = numbered.claims.into_iter();
    let docs = numbered
        .docs
        .into_iter()
        .zip(numbered.counts)
        .map(|(mut d, n)| {
            d.claims = claims.by_ref().take(n).collect();
            d
        })
        .collect();
    (docs, numbered.problems)
}

/// The per-document stages and the run-level learning: documents with their claims (no
/// ids yet), the problems, and the lexicon with what the run learned.
fn extract_opts(
    paths: &[PathBuf],
    ex: &Extractor,
    mut problems: Vec<Problem>,
    opts: Options,
) -> (Vec<Processed>, Vec<Problem>, extract::lexicon::Lexicon) {
    let walk = ingest::walk::Walk {
        follow_links: opts.follow_links,
        roots: opts.context.iter().chain(opts.roots).cloned().collect(),
    };
    let files = expand(paths, opts.select, &walk, &mut problems);
    let mut all: Vec<(PathBuf, bool)> = files.iter().map(|f| (f.clone(), true)).collect();
    if !opts.context.is_empty() {
        let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let targets: std::collections::BTreeSet<PathBuf> = files.iter().map(|f| canon(f)).collect();
        // Problems of context articles are reported by the runs that own them.
        let walk = ingest::walk::Walk {
            follow_links: opts.follow_links,
            roots: paths.iter().chain(opts.roots).cloned().collect(),
        };
        for f in expand(opts.context, opts.select, &walk, &mut Vec::new()) {
            if !targets.contains(&canon(&f)) {
                all.push((f, false));
            }
        }
        all.sort();
    }
    let tick = || {
        if let Some(p) = opts.progress {
            p.inc(1);
        }
    };
    if let Some(p) = opts.progress {
        p.set_length((all.len() + files.len()) as u64);
    }
    let results: Vec<(Option<Processed>, Vec<Problem>, bool)> = all
        .par_iter()
        .map(|(p, target)| {
            let mut probs = Vec::new();
            let doc = process(p, &mut probs);
            tick();
            (doc, probs, *target)
        })
        .collect();
    let mut docs = Vec::new();
    let mut context = Vec::new();
    for (doc, probs, target) in results {
        if !target {
            context.extend(doc);
            continue;
        }
        problems.extend(probs);
        if let Some(d) = doc {
            docs.push(d);
        }
    }
    // Years inferred from a text alone are checked against the other documents' dates.
    // Context articles take part, in path order with the others.
    let mut everyone: Vec<&Processed> = docs.iter().chain(&context).collect();
    everyone.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    let anchors: Vec<chrono::NaiveDate> = everyone
        .iter()
        .filter(|d| !d.info.published_inferred)
        .filter_map(|d| extract::reference_date(d.info.published.as_deref()))
        .collect();
    // Names the articles pair themselves (appositions) hold for the whole run.
    let learned = extract::entities::rank_appositions(
        everyone
            .iter()
            .map(|d| extract::entities::appositions(&d.norm.text, &ex.lexicon))
            .collect(),
    );
    // Capitalised words written in mid-sentence anywhere: names also where they stand at
    // the start of a sentence or in a headline.
    let run_words: std::collections::BTreeSet<String> = everyone
        .par_iter()
        .map(|d| extract::entities::mid_sentence_words(&d.norm.text))
        .reduce(Default::default, |mut a, b| {
            a.extend(b);
            a
        });
    drop(everyone);
    // Sorted once here, not once per document that needs it.
    let mut anchors = anchors;
    anchors.sort_unstable();
    docs.par_iter_mut()
        .for_each(|d| meta::reinfer_year(&mut d.info, &d.norm, &anchors));
    let lexicon = ex.lexicon.with_entities(&learned).with_run_words(run_words);
    docs.par_iter_mut().for_each(|d| {
        d.claims = extract::extract(
            &Prepared {
                info: &d.info,
                source: &d.source,
                norm: &d.norm,
            },
            ex,
            &lexicon,
        );
        tick();
    });
    (docs, problems, lexicon)
}

/// What the reconciler knows from the lexicons and the claims: organisation parents.
pub fn knowledge(lexicon: &extract::lexicon::Lexicon, claims: &[Claim]) -> reconcile::Knowledge {
    let mut k = reconcile::Knowledge::default();
    for e in &lexicon.entities {
        if e.note.as_deref() != Some("apposition") {
            for n in std::iter::once(&e.canonical).chain(&e.aliases) {
                k.gazetteer.insert(reconcile::names::fold(n));
            }
        }
        if let Some(p) = &e.parent {
            k.parents.insert(e.canonical.clone(), p.clone());
        }
    }
    for c in claims.iter().filter(|c| c.predicate == "part-of") {
        if let crate::model::Value::Entity { canonical, .. } = &c.value {
            if canonical != &c.subject {
                k.parents
                    .entry(c.subject.clone())
                    .or_insert_with(|| canonical.clone());
            }
        }
    }
    k
}

/// What the reduce stage needs of one document: its description, its claims and the
/// signature that tells copies apart (`factcheck claims` writes these; `factcheck reconcile`
/// reads them back).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocClaims {
    pub info: DocumentInfo,
    pub claims: Vec<Claim>,
    pub signature: Vec<u64>,
    /// Inline suppression comments of the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directives: Vec<crate::lint::Directive>,
}

impl DocClaims {
    /// The reduce stage's view of a processed document.
    pub fn of(d: &Processed) -> DocClaims {
        DocClaims {
            claims: d.claims.clone(),
            ..DocClaims::of_without_claims(d)
        }
    }

    /// The same without the claims (the caller moves them in).
    pub fn of_without_claims(d: &Processed) -> DocClaims {
        DocClaims {
            info: d.info.clone(),
            claims: Vec::new(),
            signature: reconcile::sources::signature(&d.norm.text),
            directives: d.directives.clone(),
        }
    }
}

/// Documents in path order with ids, their claims numbered and moved out (in document
/// order, `counts[i]` of them for document `i`), the problems sorted and each once.
struct Numbered {
    docs: Vec<DocClaims>,
    counts: Vec<usize>,
    claims: Vec<Claim>,
    problems: Vec<Problem>,
    /// Where each input document went.
    order: Vec<usize>,
}

/// Ids, claim order and the run's head-noun concepts: everything of [`assemble`] before
/// reconciliation.
fn number(mut docs: Vec<DocClaims>, mut problems: Vec<Problem>) -> Numbered {
    // Problems by path (stable: a file's problems keep their order), each once, so the
    // report does not depend on the order of the paths or of the shards.
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    let mut seen = Vec::new();
    problems.retain(|p| {
        if seen.contains(p) {
            false
        } else {
            seen.push(p.clone());
            true
        }
    });
    // Order by path; remember where each input went.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].info.path.cmp(&docs[b].info.path));
    let mut sorted: Vec<DocClaims> = Vec::with_capacity(docs.len());
    let mut slots: Vec<Option<DocClaims>> = docs.drain(..).map(Some).collect();
    for &i in &order {
        sorted.push(slots[i].take().expect("each index once"));
    }
    let mut claims = Vec::new();
    let mut counts = Vec::with_capacity(sorted.len());
    let mut n = 0;
    for (i, d) in sorted.iter_mut().enumerate() {
        let id = format!("D{}", i + 1);
        d.info.id = id.clone();
        d.claims.sort_by(|a, b| {
            (a.span, &a.predicate, &a.rule, &a.subject).cmp(&(
                b.span,
                &b.predicate,
                &b.rule,
                &b.subject,
            ))
        });
        for c in d.claims.iter_mut() {
            n += 1;
            c.id = format!("C{n}");
            c.doc = id.clone();
        }
        counts.push(d.claims.len());
        // Moved, not copied: the documents' claims are not used after this.
        claims.append(&mut d.claims);
    }
    // Chinese head nouns of figures take the English concept the run's claims share.
    extract::frame::unify_concepts(&mut claims);
    Numbered {
        docs: sorted,
        counts,
        claims,
        problems,
        order,
    }
}

/// Assign ids, reconcile and assemble the report from per-document results (in any order).
pub fn assemble(
    docs: Vec<DocClaims>,
    problems: Vec<Problem>,
    lexicon: &extract::lexicon::Lexicon,
) -> (Report, Vec<usize>) {
    let Numbered {
        docs: sorted,
        claims,
        problems,
        order,
        ..
    } = number(docs, problems);
    let infos: Vec<DocumentInfo> = sorted.iter().map(|d| d.info.clone()).collect();
    let signatures: Vec<Vec<u64>> = sorted.into_iter().map(|d| d.signature).collect();
    let knowledge = knowledge(lexicon, &claims);
    // Findings and the entity list read the same claims and write nothing shared.
    let (reconciled, entities) = rayon::join(
        || reconcile::reconcile(&infos, &claims, &signatures, &knowledge),
        || reconcile::names::entities(&infos, &claims, &signatures, &knowledge),
    );
    (
        Report {
            version: REPORT_VERSION,
            documents: infos,
            claims,
            findings: reconciled.findings,
            alignments: reconciled.alignments,
            problems,
            entities,
        },
        order,
    )
}

/// The documents' parts for [`assemble`], their claims moved in.
fn to_parts(docs: &mut [Processed]) -> Vec<DocClaims> {
    docs.par_iter_mut()
        .map(|d| {
            let mut part = DocClaims::of_without_claims(d);
            part.claims = std::mem::take(&mut d.claims);
            part
        })
        .collect()
}

/// Assign ids, reconcile and assemble the report of a run.
pub fn finish(
    mut docs: Vec<Processed>,
    problems: Vec<Problem>,
    lexicon: &extract::lexicon::Lexicon,
) -> Run {
    let parts = to_parts(&mut docs);
    let (report, order) = assemble(parts, problems, lexicon);
    let mut slots: Vec<Option<Processed>> = docs.into_iter().map(Some).collect();
    let mut docs: Vec<Processed> = order
        .iter()
        .map(|&i| slots[i].take().expect("each index once"))
        .collect();
    // The documents keep their texts (for snippets); their claims live in the report only,
    // so that a large run holds each claim once.
    for (d, info) in docs.iter_mut().zip(&report.documents) {
        d.info = info.clone();
    }
    Run { report, docs }
}
