#!/usr/bin/env bash
# scaling-doc: how the time of one article grows with its length. Builds release, generates
# one article of each size and shape with `cargo bench --bench corpus -- doc`, times
# `factcheck run --format json` on it (report to /dev/null), and prints the time and peak
# memory of each size and the ratio to the smallest. A benchmark, not a test: nothing fails;
# docs/performance.md records the figures ("An 8 MB article takes at most 10x the time of
# a 1 MB one").
#
#   tests/bench/scaling-doc.sh [SIZES_MB...]      # default: 1 2 4 8
#
# Shapes (SHAPES, default all three):
#   paragraphs  sentences of the fixtures in paragraphs of 1-4 sentences
#   line        the same sentences, all on one line (one paragraph of N MB)
#   run-on      one line and one sentence: the sentence stops replaced by commas
#
# Environment:
#   SHAPES="..."  shapes to run (default: paragraphs line run-on)
#   RUNS=N        timed runs per size (default 3; the table keeps the median)
#   SEED=N        generator seed (default 42)
#   SHARED=PATH   an outside corpus to take sentences from too (default: none, the
#                 project's own fixtures only)
#   OUT=DIR       where articles go (default target/bench-doc, ignored by git)
#   THREADS=N     RAYON_NUM_THREADS for factcheck (default 1: one article is one thread's
#                 work, and one thread keeps the CPU time comparable between sizes)
#   BIN=PATH      the factcheck binary to time (default: target/release/factcheck, built
#                 first), e.g. a copy of an older build to compare
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1 2 4 8)
read -r -a SHAPES <<<"${SHAPES:-paragraphs line run-on}"
RUNS=${RUNS:-3}
SEED=${SEED:-42}
OUT=${OUT:-$ROOT/target/bench-doc}
THREADS=${THREADS:-1}
SHARED=${SHARED:-}
[ -x /usr/bin/time ] || { echo "scaling-doc needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$TARGET/release/factcheck
fi
cargo bench --quiet --bench corpus --no-run 2>/dev/null

# One timed run: prints "wall_s cpu_s maxrss_kb" (wall from `date` in nanoseconds, CPU =
# user + system and peak RSS from /usr/bin/time).
timed() {
  local log t0 t1
  log=$(mktemp)
  t0=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$log" "$@" >/dev/null 2>/dev/null || true
  t1=$(date +%s%N)
  tail -1 "$log" | awk -v a="$t0" -v b="$t1" '{ printf "%.3f %.2f %d\n", (b - a) / 1e9, $1 + $2, $3 }'
  rm -f "$log"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf "%-10s %5s %9s %9s %8s %9s %9s %9s\n" shape MB wall_s cpu_s RSS_MB x_wall x_cpu x/size
for shape in "${SHAPES[@]}"; do
  base_wall=""; base_cpu=""; base_mb=""
  for mb in "${SIZES[@]}"; do
    file=$OUT/$shape-$mb-$SEED/article.md
    if [ ! -f "$file" ]; then
      cargo bench --quiet --bench corpus -- doc --out "$file" --bytes "$((mb * 1000000))" \
        --shape "$shape" --seed "$SEED" ${SHARED:+--shared "$SHARED"} 2>/dev/null
    fi
    walls=(); cpus=(); rss=0
    for _ in $(seq "$RUNS"); do
      read -r wall cpu kb < <(timed env RAYON_NUM_THREADS="$THREADS" "$BIN" run --format json "$file")
      walls+=("$wall"); cpus+=("$cpu")
      [ "$kb" -gt "$rss" ] && rss=$kb
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    if [ -z "$base_wall" ]; then base_wall=$wall; base_cpu=$cpu; base_mb=$mb; fi
    awk -v s="$shape" -v mb="$mb" -v w="$wall" -v c="$cpu" -v r="$rss" \
      -v bw="$base_wall" -v bc="$base_cpu" -v bm="$base_mb" 'BEGIN {
      xw = w / bw; xc = (bc > 0 ? c / bc : 0)
      printf "%-10s %5d %9.2f %9.2f %8.0f %8.2fx %8.2fx %8.2f\n", s, mb, w, c, r / 1024, xw, xc, xw / (mb / bm)
    }'
  done
done
echo "median of $RUNS runs; RAYON_NUM_THREADS=$THREADS; x_wall, x_cpu = time / time of the ${SIZES[0]} MB article;"
echo "x/size = x_wall / (MB / ${SIZES[0]}): 1.00 is linear. Report written to /dev/null."
