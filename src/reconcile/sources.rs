//! Independent sources: documents that share long identical passages (one copied from the
//! other, or syndicated) count as one source. Shingles of normalized text are compared; a
//! pair sharing at least half of the smaller document's shingles is one source.

use std::collections::HashMap;

/// Shingle length in characters.
const SHINGLE: usize = 16;

fn fnv(s: &[char]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for c in s {
        h ^= *c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The shingle hashes of a text, sorted and deduplicated.
pub fn shingles(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < SHINGLE {
        return vec![];
    }
    let mut out: Vec<u64> = chars.windows(SHINGLE).map(fnv).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How many of the smallest shingle hashes a signature keeps (a bottom-k sketch).
pub const SIGNATURE_SIZE: usize = 128;

/// A small, mergeable signature of a text: the smallest shingle hashes. Two documents'
/// signatures estimate how much text they share without the texts themselves, so the
/// reduce stage (`factcheck reconcile`) can tell copies apart from claims files alone.
pub fn signature(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.len() < SHINGLE {
        return vec![];
    }
    let mut all: Vec<u64> = chars.windows(SHINGLE).map(fnv).collect();
    // Only the smallest SIGNATURE_SIZE distinct hashes are kept: select, then sort those.
    if all.len() > 4 * SIGNATURE_SIZE {
        let k = 4 * SIGNATURE_SIZE;
        all.select_nth_unstable(k);
        all.truncate(k + 1);
    }
    all.sort_unstable();
    all.dedup();
    all.truncate(SIGNATURE_SIZE);
    all
}

/// Group documents into independent sources: `result[i]` is the source id of document `i`
/// (the smallest index of its group).
pub fn source_groups(shingles: &[Vec<u64>]) -> Vec<usize> {
    let n = shingles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Copies first, whatever their number: documents whose sketches start alike (any of the
    // first bands of two hashes) are checked against the first document of that band.
    // Without this, twenty copies of one article would make every shingle of it look like
    // boilerplate (below) and count as twenty sources.
    let mut first_with: HashMap<(usize, u64, u64), usize> = HashMap::new();
    for (d, s) in shingles.iter().enumerate() {
        for b in 0..BANDS {
            let Some(&[x, y]) = s.get(2 * b..2 * b + 2) else {
                break;
            };
            match first_with.get(&(b, x, y)) {
                None => {
                    first_with.insert((b, x, y), d);
                }
                Some(&f) => {
                    if same_text(&shingles[f], s) {
                        union(&mut parent, f, d);
                    }
                }
            }
        }
    }
    // Then shared shingles per pair through an inverted index over one document per group of
    // copies; very common shingles (boilerplate in many documents) are skipped.
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (d, s) in shingles.iter().enumerate() {
        if find(&mut parent, d) != d {
            continue;
        }
        for h in s {
            index.entry(*h).or_default().push(d);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for docs in index.values() {
        if docs.len() < 2 || docs.len() > 16 {
            continue;
        }
        for i in 0..docs.len() {
            for j in i + 1..docs.len() {
                *shared.entry((docs[i], docs[j])).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<((usize, usize), usize)> = shared.into_iter().collect();
    pairs.sort();
    for ((a, b), k) in pairs {
        // With bottom-k sketches, the shared share of the smaller sketch estimates the share
        // of the smaller text found in the other one.
        let smaller = shingles[a].len().min(shingles[b].len());
        if smaller >= 4 && k * 2 >= smaller {
            union(&mut parent, a, b);
        }
    }
    (0..n).map(|i| find(&mut parent, i)).collect()
}

/// Bands of two hashes at the start of a sketch that find copies before the index.
const BANDS: usize = 8;

fn find(p: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while p[i] != i {
        p[i] = p[p[i]];
        i = p[i];
    }
    i
}

/// Join the groups of `a` and `b` under the smaller index.
fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        p[hi] = lo;
    }
}

/// Do two sorted sketches share at least half of the smaller one (the rule of the index)?
fn same_text(a: &[u64], b: &[u64]) -> bool {
    let smaller = a.len().min(b.len());
    if smaller < 4 {
        return false;
    }
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                k += 1;
                i += 1;
                j += 1;
            }
        }
    }
    k * 2 >= smaller
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_one_source() {
        let a = "星河集团今天宣布，研究员林嘉禾加入集团，出任副总裁兼首席科学家，负责多模态研究与应用。\
                 他此前在新加坡的大学任教十余年，发表论文两百余篇，并在二〇二二年创办了一家初创公司。";
        let b = format!("转载：{a}");
        let c =
            "另一家媒体的独立报道，内容完全不同，讲的是季度营收和利润，以及研发投入的变化情况。";
        let g = source_groups(&[signature(a), signature(&b), signature(c)]);
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
    }

    #[test]
    fn twenty_copies_are_one_source() {
        let a =
            "The harbour authority of Port Velda said on Tuesday that cargo volumes rose for a \
                 third month, helped by new ferry routes and a rebound in container traffic from \
                 the northern islands, while passenger numbers stayed flat.";
        let other =
            "A separate report on the city's water utility, which raised tariffs by a fifth \
                     and promised to replace ageing pipes across four districts by next spring.";
        let mut sigs: Vec<Vec<u64>> = (0..20)
            .map(|i| signature(&format!("Syndicated copy {i}. {a}")))
            .collect();
        sigs.push(signature(other));
        // Identical copies too, more than the boilerplate limit.
        sigs.extend((0..20).map(|_| signature(a)));
        let g = source_groups(&sigs);
        assert!(g[..20].iter().chain(&g[21..]).all(|&x| x == g[0]), "{g:?}");
        assert_ne!(g[20], g[0]);
        let distinct: std::collections::BTreeSet<usize> = g.iter().copied().collect();
        assert_eq!(distinct.len(), 2);
    }
}
