//! Rule examples as tests: every example sentence must give the claims it lists, and no
//! counterexample may give a claim of its rule (`factcheck rules test`).

use super::engine::display;
use super::rules::{ExpectedClaim, Rule};
use super::{extract_str, Extractor};
use crate::model::Claim;

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: String,
    pub text: String,
    pub ok: bool,
    /// What went wrong, for a failing example.
    pub detail: String,
}

fn matches(c: &Claim, want: &ExpectedClaim) -> bool {
    if c.predicate != want.predicate {
        return false;
    }
    let shown = display(&c.value);
    let value_ok = shown == want.value
        || matches!(&c.value, crate::model::Value::Entity { name, .. } if *name == want.value);
    if !value_ok {
        return false;
    }
    if want.subject.as_ref().is_some_and(|s| *s != c.subject) {
        return false;
    }
    want.qualifiers
        .iter()
        .all(|(k, v)| c.qualifiers.get(k).is_some_and(|have| have == v))
}

fn describe(c: &Claim) -> String {
    let q: Vec<String> = c
        .qualifiers
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    format!(
        "{}({}) = {} [{}]",
        c.predicate,
        c.subject,
        display(&c.value),
        q.join(", ")
    )
}

/// Run the examples of one rule.
pub fn run_rule(rule: &Rule, ex: &Extractor) -> Vec<Outcome> {
    let mut out = vec![];
    for e in &rule.def.examples {
        let claims: Vec<Claim> = extract_str(&e.text, e.published.as_deref(), ex)
            .into_iter()
            .filter(|c| c.rule == rule.def.id)
            .collect();
        let missing: Vec<&ExpectedClaim> = e
            .claims
            .iter()
            .filter(|w| !claims.iter().any(|c| matches(c, w)))
            .collect();
        let detail = if missing.is_empty() {
            String::new()
        } else {
            let got: Vec<String> = claims.iter().map(describe).collect();
            format!(
                "missing {}; got [{}]",
                missing
                    .iter()
                    .map(|w| format!("{}(..) = {}", w.predicate, w.value))
                    .collect::<Vec<_>>()
                    .join(", "),
                got.join("; ")
            )
        };
        out.push(Outcome {
            rule: rule.def.id.clone(),
            text: e.text.clone(),
            ok: missing.is_empty(),
            detail,
        });
    }
    for text in &rule.def.counterexamples {
        let claims: Vec<Claim> = extract_str(text, None, ex)
            .into_iter()
            .filter(|c| c.rule == rule.def.id)
            .collect();
        out.push(Outcome {
            rule: rule.def.id.clone(),
            text: text.clone(),
            ok: claims.is_empty(),
            detail: claims.iter().map(describe).collect::<Vec<_>>().join("; "),
        });
    }
    out
}

/// Run every example of every rule.
pub fn run_all(ex: &Extractor) -> Vec<Outcome> {
    ex.rules
        .rules
        .iter()
        .flat_map(|r| run_rule(r, ex))
        .collect()
}
