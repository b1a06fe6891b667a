//! The command line.

use crate::report::{self, Format};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Find where news sources about one story disagree"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, extract claims, reconcile them and report the findings.
    Run {
        /// Files and directories (searched recursively for .md .markdown .txt .html .htm).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Write the report here instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Work with the extraction rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Recognize values in text: JSON lines in ({"text","lang","reference"}), JSON lines out.
    Recognize {
        /// Read JSON lines from stdin (the only mode).
        #[arg(long)]
        jsonl: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// List every rule with its summary.
    List,
    /// Run every rule's examples and counterexamples.
    Test {
        /// Only the rules whose id contains this.
        filter: Option<String>,
    },
    /// Show a rule's documentation, patterns and examples.
    Explain { id: String },
}

/// Entry point; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Run {
            paths,
            format,
            output,
        } => {
            let run = crate::pipeline::run(&paths);
            // The human report lists the problems itself.
            if format != Format::Human && !run.report.problems.is_empty() {
                eprint!("{}", crate::diag::render_problems(&run.report.problems));
            }
            let color = output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none();
            let opts = report::RenderOptions {
                color,
                width: if output.is_none() {
                    report::terminal_width()
                } else {
                    100
                },
                rules: report::rule_meta(),
            };
            let docs: Vec<report::DocText> = run
                .docs
                .iter()
                .map(report::DocText::from_processed)
                .collect();
            let text = report::render(format, &run.report, &docs, &opts);
            if let Err(e) = write_output(output.as_deref(), &text) {
                eprintln!("error: {e}");
                return 2;
            }
            let failing = run
                .report
                .findings
                .iter()
                .any(|f| f.severity == crate::model::Severity::Error);
            i32::from(failing)
        }
        Command::Rules { action } => rules_command(action),
        Command::Recognize { jsonl: _ } => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::stdout().lock();
            match crate::extract::recognize::jsonl::run(stdin, std::io::BufWriter::new(stdout)) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("error: {e}");
                    2
                }
            }
        }
    }
}

/// Write to a file (atomically, through a temporary file) or stdout.
pub fn write_output(path: Option<&std::path::Path>, text: &str) -> std::io::Result<()> {
    match path {
        Some(p) => {
            let tmp = p.with_extension("tmp~");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, p)
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
    }
}

fn rules_command(action: RulesAction) -> i32 {
    let mut problems = Vec::new();
    let ex = crate::extract::Extractor::builtin(&mut problems);
    if !problems.is_empty() {
        eprint!("{}", crate::diag::render_problems(&problems));
    }
    match action {
        RulesAction::List => {
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
        RulesAction::Test { filter } => {
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
        RulesAction::Explain { id } => match ex.rules.get(&id) {
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
                eprintln!("error: no rule `{id}` (see `factcheck rules list`)");
                2
            }
        },
    }
}
