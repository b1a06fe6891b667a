//! Currency notes: `265億元(美元‧下同)`, `（港元，下同）`. Hong Kong and Taiwan papers state
//! the currency once, after the first amount, and write every later amount in bare 元: the
//! note gives the currency of the amount it follows and of every bare 元 amount after it,
//! up to the next note. Without it, 2.15元 in a story about a US company reads as yuan and
//! never meets "US$2.15".

use super::recognize::{Kind, Recognized};
use regex::Regex;
use std::sync::OnceLock;

/// Currency words a note names (normalized text is simplified), with their ISO codes.
const NOTE_CURRENCIES: &[(&str, &str)] = &[
    ("美元", "USD"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("人民币", "CNY"),
    ("新台币", "TWD"),
    ("台币", "TWD"),
    ("日元", "JPY"),
    ("日圆", "JPY"),
    ("欧元", "EUR"),
    ("英镑", "GBP"),
    ("韩元", "KRW"),
    ("韩圜", "KRW"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("新加坡元", "SGD"),
    ("新元", "SGD"),
];

fn note() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let names: Vec<&str> = NOTE_CURRENCIES.iter().map(|(w, _)| *w).collect();
        Regex::new(&format!(
            r"[(（]\s*(?P<c>{})\s*[‧·・•,，、;；]?\s*下同\s*[)）]",
            names.join("|")
        ))
        .unwrap()
    })
}

/// Is this amount written in bare 元 (a figure, maybe 万/亿, then 元), not 美元, 港元 …?
fn bare_yuan(text: &str, v: &Recognized) -> bool {
    let s = &text[v.start..v.end];
    let Some(before) = s.strip_suffix('元') else {
        return false;
    };
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || "万亿千百十零一二三四五六七八九两".contains(c))
}

/// Give the amounts that a currency note covers the note's currency.
pub fn apply(text: &str, values: &mut [Recognized]) {
    let notes: Vec<(usize, &str)> = note()
        .captures_iter(text)
        .filter_map(|c| {
            let word = c.name("c")?.as_str();
            let code = NOTE_CURRENCIES.iter().find(|(w, _)| *w == word)?.1;
            Some((c.get(0)?.start(), code))
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    for (k, &(at, code)) in notes.iter().enumerate() {
        let until = notes.get(k + 1).map(|n| n.0).unwrap_or(usize::MAX);
        // The amount the note follows, then every bare 元 amount up to the next note.
        let first = values.iter().rposition(|v| v.end <= at);
        for (i, v) in values.iter_mut().enumerate() {
            let covered =
                (Some(i) == first && at - v.end <= 3) || (v.start > at && v.start < until);
            if !covered || !bare_yuan(text, v) {
                continue;
            }
            if let Kind::Money(m) = &mut v.kind {
                if m.currency.as_deref() == Some("CNY") {
                    m.currency = Some(code.to_string());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::recognize::recognize;

    fn currencies(text: &str) -> Vec<Option<String>> {
        let mut values = recognize(text, None);
        apply(text, &mut values);
        values
            .into_iter()
            .filter_map(|v| match v.kind {
                Kind::Money(m) => Some(m.currency),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_note_gives_its_currency_to_the_amount_it_follows_and_later_bare_yuan() {
        let c =
            currencies("晨星公司季度盈利12.5亿元(美元·下同)，每股盈利1.35元，另派息8000万港元。");
        assert_eq!(
            c,
            vec![Some("USD".into()), Some("USD".into()), Some("HKD".into())]
        );
    }

    #[test]
    fn without_a_note_bare_yuan_is_renminbi() {
        let c = currencies("晨星公司季度盈利12.5亿元，每股盈利1.35元。");
        assert_eq!(c, vec![Some("CNY".into()), Some("CNY".into())]);
    }
}
