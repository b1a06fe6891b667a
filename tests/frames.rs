//! The figure frame's cue lexicon (`rules/lexicon/frames.yaml`): every cue carries an example
//! sentence of our own, and in it some figure gets the cue's qualifier. Also: a figure no rule
//! was written for is a comparable claim under its measure.

use factcheck::extract::{builtin_files, extract_str, frame::CueFile, Extractor};

fn extractor() -> Extractor {
    let mut problems = vec![];
    let ex = Extractor::builtin(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    ex
}

#[test]
fn every_cue_example_gets_its_qualifier() {
    let ex = extractor();
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/frames.yaml"))
        .expect("frames.yaml is built in");
    let cues: CueFile = serde_yaml::from_str(&file.text).unwrap();
    assert!(!cues.cues.is_empty());
    let mut failures = vec![];
    for cue in &cues.cues {
        let claims = extract_str(&cue.example, Some("2026-05-01"), &ex);
        // A `none` cue marks the new value: its example's last figure has no role.
        let hit = if cue.qualifier == "none" {
            claims
                .iter()
                .rfind(|c| c.predicate != "mentions-date")
                .is_some_and(|c| !c.qualifiers.contains_key("measure"))
        } else {
            claims
                .iter()
                .any(|c| c.qualifiers.get(&cue.qualifier) == Some(&cue.value))
        };
        if !hit {
            failures.push(format!(
                "{}={}: {:?} gives {:?}",
                cue.qualifier,
                cue.value,
                cue.example,
                claims
                    .iter()
                    .map(|c| format!("{} {} {:?}", c.predicate, c.text, c.qualifiers))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_figure_without_a_rule_is_comparable_under_its_measure() {
    let ex = extractor();
    // "订单" governs the amount after it; no rule is written for this phrasing.
    let claims = extract_str(
        "晨星电器近日收到一笔来自海外客户的3亿元订单。",
        Some("2026-05-01"),
        &ex,
    );
    let order = claims
        .iter()
        .find(|c| c.text.contains("3亿元"))
        .expect("the amount is a claim");
    assert_eq!(order.predicate, "orders", "{order:?}");
    assert!(!order.qualifiers.contains_key("mode"), "{order:?}");
}

#[test]
fn every_counted_example_gives_a_count_of_its_concept() {
    let ex = extractor();
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/frames.yaml"))
        .unwrap();
    let cues: CueFile = serde_yaml::from_str(&file.text).unwrap();
    assert!(!cues.counted.is_empty());
    let mut failures = vec![];
    for d in &cues.counted {
        let claims = extract_str(&d.example, Some("2026-05-01"), &ex);
        let want = format!("count:{}", d.concept);
        if !claims.iter().any(|c| c.predicate == want) {
            failures.push(format!(
                "{want}: {:?} gives {:?}",
                d.example,
                claims
                    .iter()
                    .map(|c| format!("{} {}", c.predicate, c.text))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_count_counts_its_head_noun_not_its_classifier() {
    let ex = extractor();
    let claims = extract_str(
        "晨星出行计划明年投放1200台无人出租车。",
        Some("2026-05-01"),
        &ex,
    );
    assert!(
        claims
            .iter()
            .any(|c| c.predicate == "count:vehicle" && c.text.contains("1200")),
        "{claims:?}"
    );
}

#[test]
fn counts_of_one_thing_meet_across_scripts_and_languages() {
    let ex = extractor();
    let unit_of = |text: &str| {
        extract_str(text, Some("2026-05-01"), &ex)
            .into_iter()
            .find(|c| c.predicate == "count:vehicle")
            .map(|c| match c.value {
                factcheck::model::Value::Quantity { unit, written, .. } => (unit, written),
                _ => (None, 0.0),
            })
    };
    let zh = unit_of("晨星出行目前在市区运营着300辆汽车。");
    let hant = unit_of("晨星出行目前在市區運營著300輛汽車。");
    let en = unit_of("Chenxing Mobility now runs 300 vehicles in the city.");
    assert_eq!(zh, Some((Some("vehicle".into()), 300.0)));
    assert_eq!(zh, hant);
    assert_eq!(zh, en);
}

/// The figure claims (rule `frame`) and the alignments of the project's own corpora, one line
/// each: a diff shows what the frame and the reconciler now compare, and how it came out.
#[test]
fn frame_claims_and_alignments_snapshot() {
    let mut lines = vec![];
    for dir in [
        "docs/examples/appointment",
        "tests/fixtures/earnings",
        "tests/fixtures/generality",
    ] {
        let run = factcheck::pipeline::run(&[std::path::PathBuf::from(dir)]);
        let r = &run.report;
        let path_of = |doc: &str| {
            r.documents
                .iter()
                .find(|d| d.id == doc)
                .map(|d| d.path.clone())
                .unwrap_or_default()
        };
        lines.push(format!("## {dir}"));
        for c in r.claims.iter().filter(|c| c.rule == "frame") {
            lines.push(format!(
                "{}:{}-{} {:?} {}({}) {:?}",
                path_of(&c.doc),
                c.span.start,
                c.span.end,
                c.text,
                c.predicate,
                c.subject,
                c.qualifiers
            ));
        }
        for a in &r.alignments {
            let texts: Vec<String> = a.values.iter().map(|v| v.value.clone()).collect();
            lines.push(format!(
                "{} {} of {} {:?}: {} sources: {}",
                a.verdict,
                a.predicate,
                a.subject,
                a.qualifiers,
                a.sources,
                texts.join(" / ")
            ));
        }
    }
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("frames_and_alignments", lines.join("\n"));
    });
}

/// The claims under a head-noun measure (`money:…`, `percent:…`) of one text.
fn head_noun_claims(text: &str, ex: &Extractor) -> Vec<factcheck::model::Claim> {
    extract_str(text, Some("2026-05-01"), ex)
        .into_iter()
        .filter(|c| c.predicate.starts_with("money:") || c.predicate.starts_with("percent:"))
        .collect()
}

#[test]
fn an_amount_without_a_measure_word_is_the_value_of_its_head_noun() {
    let ex = extractor();
    // English: the noun after "of" (plural folded), the noun before a verb of value.
    let of = head_noun_claims(
        "Customs officers seized $4 million of watches on Friday.",
        &ex,
    );
    assert_eq!(of.len(), 1, "{of:?}");
    assert_eq!(of[0].predicate, "money:watch");
    let valued = head_noun_claims("The port let through parcels valued at $150 each.", &ex);
    assert!(
        valued.iter().any(|c| c.predicate == "money:parcel"),
        "{valued:?}"
    );
    // Chinese: the noun after the figure or its 的 (a place before it only modifies it).
    let zh = head_noun_claims("海关上周查获了价值约400万美元的瑞士手表。", &ex);
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert_eq!(zh[0].predicate, "money:手表");
    // Function words and times are not head nouns: the figure stays a mention.
    for text in [
        "The fine came to $4 million after a long appeal.",
        "晨星电器去年向员工发放了400万元。",
    ] {
        let got = head_noun_claims(text, &ex);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn a_percent_is_a_share_of_the_noun_it_names_or_a_rate_levied_on_something() {
    let ex = extractor();
    let share = head_noun_claims("Timber was 7% of the province's exports last year.", &ex);
    assert_eq!(share.len(), 1, "{share:?}");
    assert_eq!(share[0].predicate, "percent:export");
    // A rate a figure premodifies, with what it is levied on.
    let en = head_noun_claims(
        "Ministers agreed a 12 percent tariff on imported steel.",
        &ex,
    );
    assert_eq!(en.len(), 1, "{en:?}");
    assert_eq!(en[0].predicate, "percent:tariff");
    assert_eq!(
        en[0].qualifiers.get("on").map(String::as_str),
        Some("steel")
    );
    let zh = head_noun_claims("政府决定对进口钢材加征12%关税。", &ex);
    assert_eq!(zh.len(), 1, "{zh:?}");
    assert_eq!(zh[0].predicate, "percent:关税");
    assert_eq!(zh[0].qualifiers.get("on").map(String::as_str), Some("钢材"));
    // Without it the rate is too coarse a key (one story gives a levy on steel and another on
    // grain): not framed.
    for text in [
        "Ministers agreed a 12 percent tariff last week.",
        "政府决定加征12%关税。",
    ] {
        let got = head_noun_claims(text, &ex);
        assert!(got.is_empty(), "{text}: {got:?}");
    }
    // In one run, 关税 is named "tariff" and 钢材 "steel", as the English claim has them.
    let mut both = en;
    both.extend(zh);
    factcheck::extract::frame::unify_concepts(&mut both);
    assert_eq!(both[0].predicate, both[1].predicate);
    assert_eq!(both[0].qualifiers, both[1].qualifiers);
}

#[test]
fn a_chinese_head_noun_takes_the_english_concept_the_run_shares() {
    let ex = extractor();
    let mut claims = head_noun_claims(
        "Customs officers seized $4 million of furniture on Friday.",
        &ex,
    );
    claims.extend(head_noun_claims(
        "海关上周查获了价值约400万美元的意大利家具。",
        &ex,
    ));
    claims.extend(head_noun_claims(
        "海關上週查獲了價值約400萬美元的意大利家具。",
        &ex,
    ));
    assert_eq!(claims.len(), 3, "{claims:?}");
    factcheck::extract::frame::unify_concepts(&mut claims);
    for c in &claims {
        assert_eq!(c.predicate, "money:furniture", "{}", c.text);
    }
    // CC-CEDICT gives both heads of 关税; with no English claim, its first gloss head names it.
    assert_eq!(
        factcheck::extract::frame::glosses("关税"),
        Some(&["duty", "tariff"][..])
    );
}

#[test]
fn a_figure_of_a_list_of_names_is_the_list_s_unless_distributed() {
    let ex = extractor();
    let subjects = |text: &str| -> Vec<(String, String)> {
        extract_str(text, Some("2026-05-01"), &ex)
            .into_iter()
            .filter(|c| c.predicate.starts_with("count:"))
            .map(|c| (c.subject, c.text))
            .collect()
    };
    let joint = subjects("监管机构批准星河集团、晨岚和青川科技公司合计投放3000辆无人驾驶汽车。");
    assert!(
        joint
            .iter()
            .any(|(s, t)| t == "3000辆" && s.contains(" + ")),
        "{joint:?}"
    );
    let english = subjects("Regulators allowed Xinghe Group, Chenlan and Qingchuan Technology to deploy up to 3,000 vehicles in all.");
    assert!(
        english.iter().any(|(s, _)| s.contains(" + ")),
        "{english:?}"
    );
    let each = subjects("Xinghe Group and Qingchuan Technology can each deploy 500 vehicles.");
    assert!(
        !each.is_empty() && each.iter().all(|(s, _)| !s.contains(" + ")),
        "{each:?}"
    );
}

#[test]
fn an_english_count_counts_its_noun_past_modifiers() {
    let ex = extractor();
    let claims = extract_str(
        "Officials said more than 1.52 billion small packages entered the country last year.",
        Some("2026-05-01"),
        &ex,
    );
    assert!(
        claims
            .iter()
            .any(|c| c.predicate == "count:item" && c.text.contains("1.52 billion")),
        "{claims:?}"
    );
}

#[test]
fn every_change_example_gives_a_change_of_its_measure() {
    let ex = extractor();
    let file = builtin_files()
        .into_iter()
        .find(|f| f.path.ends_with("lexicon/frames.yaml"))
        .unwrap();
    let cues: CueFile = serde_yaml::from_str(&file.text).unwrap();
    assert!(!cues.changes.is_empty());
    for d in &cues.changes {
        let claims = extract_str(&d.example, Some("2026-05-01"), &ex);
        assert!(
            claims.iter().any(|c| !c.predicate.starts_with("mentions")
                && c.qualifiers.get("measure") == Some(&d.value)),
            "{}: {:?} gives {:?}",
            d.value,
            d.example,
            claims
                .iter()
                .map(|c| format!("{} {} {:?}", c.predicate, c.text, c.qualifiers))
                .collect::<Vec<_>>()
        );
    }
    // The measure is the word after "in", its period read between them.
    let claims = extract_str(
        "Xinghe Motor reported a 93 percent plunge in first-half net profit.",
        Some("2026-05-01"),
        &ex,
    );
    let c = claims
        .iter()
        .find(|c| c.text.contains("93"))
        .expect("a claim");
    assert_eq!(c.predicate, "net-profit", "{c:?}");
    assert_eq!(c.qualifiers.get("period").map(String::as_str), Some("H1"));
    // A change noun not followed by "in" and a measure names no measure.
    let claims = extract_str(
        "Xinghe Motor shares saw a 4 percent rise after the results.",
        Some("2026-05-01"),
        &ex,
    );
    assert!(
        !claims
            .iter()
            .any(|c| c.predicate == "net-profit" || c.predicate == "revenue"),
        "{claims:?}"
    );
}

#[test]
fn a_chinese_share_is_of_the_whole_after_zhan() {
    let ex = extractor();
    // The whole is 出口 (exports), past 总额 ("total"), as "12% of the country's exports".
    let claims = extract_str(
        "星河电子的芯片仅占全国电子产品出口总额的约12%。",
        Some("2026-05-01"),
        &ex,
    );
    let c = claims
        .iter()
        .find(|c| c.text.contains("12%"))
        .expect("a claim");
    assert_eq!(c.predicate, "percent:出口", "{c:?}");
    assert_eq!(
        c.qualifiers.get("measure").map(String::as_str),
        Some("share")
    );
    // A long clause before the figure is no share phrase.
    let claims = extract_str(
        "星河电子表示占据主动之后公司在多个地区推进合作并且逐步扩大了规模达到12%。",
        Some("2026-05-01"),
        &ex,
    );
    assert!(
        !claims.iter().any(|c| c.predicate.starts_with("percent:")),
        "{claims:?}"
    );
}
