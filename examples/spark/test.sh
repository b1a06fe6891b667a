#!/usr/bin/env bash
# The Spark test: run examples/spark/factcheck_spark.py with spark-submit in local-cluster
# mode (two executors, each its own JVM and Python workers, one core each) on a generated
# benchmark corpus and on ../shared/corpus when present, then check that each story's
# report is byte-identical to `factcheck run` on the story (examples/spark/check.py).
# Exits non-zero when any report differs, a story is missing, or Spark fails.
#
#   examples/spark/test.sh
#
# Needs: java (17), pyspark (pip; .ci/run installs both), the release binary (built here
# when missing) and the benchmark generator (`cargo bench --bench corpus`).
#
# Environment:
#   MASTER=URL     Spark master (default local-cluster[2,1,1024]; local[2] is one executor
#                  JVM with two task threads)
#   ARTICLES=N     generated articles (default 200: 40 stories of 3-8 articles)
#   PARTITIONS=N   map and reduce partitions (default 4)
#   SHARED=DIR     a corpus of story directories (default ../shared/corpus if present)
#   FACTCHECK=BIN  the binary (default target/release/factcheck, built first)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
MASTER=${MASTER:-local-cluster[2,1,1024]}
ARTICLES=${ARTICLES:-200}
PARTITIONS=${PARTITIONS:-4}
SHARED=${SHARED:-}
if [ -z "$SHARED" ] && [ -d "$ROOT/../shared/corpus" ]; then SHARED=$ROOT/../shared/corpus; fi
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/spark

command -v java >/dev/null || { echo "spark test: no java (apt-get install openjdk-17-jre-headless)" >&2; exit 2; }
SPARK_HOME=$(python3 -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))') \
  || { echo "spark test: no pyspark (python3 -m pip install pyspark)" >&2; exit 2; }
export SPARK_HOME PYSPARK_PYTHON=${PYSPARK_PYTHON:-python3} PYTHONDONTWRITEBYTECODE=1
export SPARK_CONF_DIR=$ROOT/examples/spark/conf
# Everything on this machine: no need to find the host's address.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}

if [ -z "${FACTCHECK:-}" ]; then
  cargo build --release --locked --quiet
  FACTCHECK=$TARGET/release/factcheck
fi
BENCH=$OUT/bench-$ARTICLES
if [ ! -f "$BENCH/.done-42" ]; then
  rm -rf "$BENCH"
  # The release profile, not bench: it reuses the release build (bench would build it all again).
  cargo bench --quiet --locked --profile release --bench corpus -- gen --out "$BENCH" --articles "$ARTICLES" --seed 42
  touch "$BENCH/.done-42"
fi
roots=("$BENCH")
[ -n "$SHARED" ] && roots+=("$(cd "$SHARED" && pwd)")

echo "spark test: $MASTER, $PARTITIONS partitions, pyspark $(python3 -c 'import pyspark; print(pyspark.__version__)'), $(java -version 2>&1 | head -1)"
echo "spark test: corpora ${roots[*]}"
rm -rf "$OUT/reports"
t0=$(date +%s%N)
# One core per executor: factcheck runs one rayon thread there.
"$SPARK_HOME/bin/spark-submit" --master "$MASTER" \
  --conf spark.ui.enabled=false --conf spark.ui.showConsoleProgress=false \
  --conf spark.executorEnv.RAYON_NUM_THREADS=1 \
  --conf spark.executorEnv.PYSPARK_PYTHON="$PYSPARK_PYTHON" \
  "$ROOT/examples/spark/factcheck_spark.py" \
  --factcheck "$FACTCHECK" --out "$OUT/reports" --partitions "$PARTITIONS" \
  --flag=--no-config "${roots[@]}"
t1=$(date +%s%N)
echo "spark test: spark-submit took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s"
python3 "$ROOT/examples/spark/check.py" --factcheck "$FACTCHECK" --reports "$OUT/reports" \
  --flag=--no-config "${roots[@]}"
