#!/usr/bin/env bash
# human-many: the human report against the JSON report on many small articles with one
# finding over all of them (the human renderer's cost in the snippets of one finding).
# Builds release, generates the articles with `cargo bench --bench corpus -- many`, times
# `factcheck run --format json` and `--format human` (report to /dev/null) and prints the
# medians and their ratio. A benchmark, not a test; docs/performance.md records it ("the
# human report takes at most 2x the time of the JSON report").
#
#   tests/bench/human-many.sh [N]        # default: 20000 articles
#
# Environment: RUNS (default 3), SEED (default 42), OUT (default target/bench-many),
# THREADS (RAYON_NUM_THREADS, default: all cores), BIN (the binary; default: build release).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
N=${1:-20000}
RUNS=${RUNS:-3}
SEED=${SEED:-42}
OUT=${OUT:-$ROOT/target/bench-many}
[ -x /usr/bin/time ] || { echo "human-many needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet
  BIN=$TARGET/release/factcheck
fi
dir=$OUT/$N-$SEED
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"
  cargo bench --quiet --bench corpus -- many --out "$dir" --articles "$N" --seed "$SEED" 2>/dev/null
  touch "$dir/.done"
fi

# Median wall and CPU (user + system) seconds of RUNS runs of one format.
measure() {
  local walls=() cpus=() log t0 t1 u s
  for _ in $(seq "$RUNS"); do
    log=$(mktemp)
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$log" env ${THREADS:+RAYON_NUM_THREADS=$THREADS} \
      "$BIN" run --format "$1" -o /dev/null "$dir" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    read -r u s < <(tail -1 "$log")
    rm -f "$log"
    walls+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')")
    cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')")
  done
  med() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  echo "$(printf '%s\n' "${walls[@]}" | med) $(printf '%s\n' "${cpus[@]}" | med)"
}

read -r jw jc < <(measure json)
read -r hw hc < <(measure human)
printf "%-8s %9s %9s\n" format wall_s cpu_s
printf "%-8s %9.2f %9.2f\n" json "$jw" "$jc" human "$hw" "$hc"
awk -v jw="$jw" -v hw="$hw" -v jc="$jc" -v hc="$hc" -v n="$N" -v r="$RUNS" 'BEGIN {
  printf "human / json: %.2fx wall, %.2fx CPU (%d articles, median of %d runs)\n", hw / jw, hc / jc, n, r
}'
