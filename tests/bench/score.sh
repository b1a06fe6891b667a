#!/usr/bin/env bash
# Scores the release binary on every story of ../shared/corpus and on ../shared/seeds with
# ../shared/tools/check-report, one line per story, then totals:
#   req    required must_find found / required
#   opt    optional must_find found / optional
#   loud   unexpected error/warning findings
#   agree  same:true agreements compared and found AGREE / same:true items
#   merged same:false pairs MERGED into one alignment / same:false items
# Usage: tests/bench/score.sh [STORY...]   (build first: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/../.."
shared=../shared
bin=target/release/factcheck
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
[ -d "$shared/corpus" ] || { echo "no $shared/corpus here" >&2; exit 2; }
stories=("$@")
if [ ${#stories[@]} -eq 0 ]; then
    for d in "$shared"/corpus/*/; do stories+=("$(basename "$d")"); done
    stories+=(seeds)
fi
printf '%-42s %7s %7s %5s %7s %7s\n' story req opt loud agree merged
T=(0 0 0 0 0 0 0 0 0)
for s in "${stories[@]}"; do
    if [ "$s" = seeds ]; then dir=$shared/seeds; else dir=$shared/corpus/$s; fi
    out=$("$shared"/tools/check-report "$shared/expected/$s.yaml" -- "$bin" run --format json "$dir" 2>&1 || true)
    rp=$(grep -c '^PASS must find' <<<"$out" || true)
    rf=$(grep -c '^FAIL must find' <<<"$out" || true)
    op=$(grep -c '^OPT+ must find' <<<"$out" || true)
    om=$(grep -c '^MISS must find' <<<"$out" || true)
    loud=$(grep -oP '\d+(?= unexpected error/warning)' <<<"$out" || echo 0)
    ag=$(grep -c '^AGREE alignment' <<<"$out" || true)
    un=$(grep -c '^UNCOMPARED alignment' <<<"$out" || true)
    me=$(grep -c '^MERGED alignment' <<<"$out" || true)
    ap=$(grep -c '^APART alignment' <<<"$out" || true)
    printf '%-42s %3d/%-3d %3d/%-3d %5d %3d/%-3d %3d/%-3d\n' "$s" "$rp" $((rp+rf)) "$op" $((op+om)) "$loud" "$ag" $((ag+un)) "$me" $((me+ap))
    T=($((T[0]+rp)) $((T[1]+rp+rf)) $((T[2]+op)) $((T[3]+op+om)) $((T[4]+loud)) $((T[5]+ag)) $((T[6]+ag+un)) $((T[7]+me)) $((T[8]+me+ap)))
done
printf '%-42s %3d/%-3d %3d/%-3d %5d %3d/%-3d %3d/%-3d\n' total "${T[@]}"
