//! `factcheck rules`: list, test and explain the extraction rules: the built-in ones plus
//! those the configuration or `--rules` add. A rule file that fails to load is exit code 2.

use super::{load_config, load_extractor, RulesAction};

pub fn command(action: RulesAction) -> i32 {
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
        RulesAction::Test { filter, .. } => {
            let mut passed = 0;
            let mut failed = 0;
            for r in &ex.rules.rules {
                if filter
                    .as_ref()
                    .is_some_and(|f| !r.def.id.contains(f.as_str()))
                {
                    continue;
                }
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
