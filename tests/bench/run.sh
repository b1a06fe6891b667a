#!/usr/bin/env bash
# The end-to-end benchmark: build release, generate corpora of 1k, 10k and 100k articles,
# time `factcheck run --format json` on each (report to /dev/null), and `rg -c` over the
# same files for the rules' literal anchors as a reference. See docs/performance.md.
#
#   tests/bench/run.sh [SIZES...]          # default: 1000 10000 100000
#
# Environment:
#   SHARED=PATH   an outside corpus to recombine too (default ../shared/corpus if present;
#                 read at run time, never copied into the repository)
#   RUNS=N        timed runs per size (default 3; the table keeps the fastest and the spread)
#   SEED=N        generator seed (default 42)
#   OUT=DIR       where corpora go (default target/bench-corpus, ignored by git)
#   THREADS=N     RAYON_NUM_THREADS for factcheck (default: all cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
RUNS=${RUNS:-3}
SEED=${SEED:-42}
OUT=${OUT:-$ROOT/target/bench-corpus}
SHARED=${SHARED:-}
if [ -z "$SHARED" ] && [ -d "$ROOT/../shared/corpus" ]; then SHARED=$ROOT/../shared/corpus; fi

need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "installing $2 (apt-get)" >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y "$2" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
  else sudo apt-get install -y "$2" >/dev/null; fi
}
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release --quiet
cargo bench --quiet --bench corpus --no-run 2>/dev/null
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$TARGET/release/factcheck
gen() { cargo bench --quiet --bench corpus -- "$@"; }
ANCHORS=$(gen anchors)
CORES=$(nproc)

# One timed command, output to /dev/null: prints "wall_s maxrss_kb user_s" (wall time in
# nanoseconds from `date`, as /usr/bin/time rounds to 10 ms; peak RSS from /usr/bin/time).
timed() {
  local log t0 t1
  log=$(mktemp)
  t0=$(date +%s%N)
  /usr/bin/time -f "%M %U" -o "$log" "$@" >/dev/null 2>/dev/null || true
  t1=$(date +%s%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b - a) / 1e9}') $(tail -1 "$log")"
  rm -f "$log"
}

printf "%-8s %9s %8s %9s %10s %11s %9s %10s %8s %8s\n" \
  articles MB wall_s spread MB/s MB/s/core art/s us/art RSS_MB rg_x
for n in "${SIZES[@]}"; do
  dir=$OUT/$n
  if [ ! -f "$dir/.done-$SEED" ]; then
    rm -rf "$dir"
    gen gen --out "$dir" --articles "$n" --seed "$SEED" ${SHARED:+--shared "$SHARED"} 2>/dev/null
    touch "$dir/.done-$SEED"
  fi
  bytes=$(find "$dir" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \) -printf '%s\n' | awk '{s+=$1} END {print s}')
  best=""; worst=0; rss=0
  for _ in $(seq "$RUNS"); do
    read -r wall kb user < <(timed env ${THREADS:+RAYON_NUM_THREADS=$THREADS} "$BIN" run --format json "$dir")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
    if awk "BEGIN{exit !($wall > $worst)}"; then worst=$wall; fi
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  # The reference: rg counting lines with any anchor, same files, best of $RUNS.
  rgbest=""
  for _ in $(seq "$RUNS"); do
    read -r rwall _ _ < <(timed rg -c --no-ignore "$ANCHORS" "$dir")
    if [ -z "$rgbest" ] || awk "BEGIN{exit !($rwall < $rgbest)}"; then rgbest=$rwall; fi
  done
  awk -v n="$n" -v b="$bytes" -v w="$best" -v wo="$worst" -v r="$rss" -v rg="$rgbest" -v c="$CORES" 'BEGIN {
    mb = b / 1e6; rgw = (rg > 0 ? rg : 0.001)
    printf "%-8d %9.1f %8.2f %8.0f%% %10.2f %11.2f %9.0f %10.0f %8.0f %8.1f\n",
      n, mb, w, (wo - w) / w * 100, mb / w, mb / w / c, n / w, w / n * 1e6, r / 1024, w / rgw
  }'
done
echo "cores: $CORES; wall = fastest of $RUNS runs, spread = (slowest - fastest) / fastest;"
echo "report written to /dev/null; rg_x = factcheck wall / rg -c wall over the same files."
