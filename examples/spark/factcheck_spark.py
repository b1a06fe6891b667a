"""factcheck on Apache Spark: the map (`factcheck claims`) per partition of article paths,
a shuffle of whole documents by story, the reduce (`factcheck reconcile`) per story.

    spark-submit examples/spark/factcheck_spark.py --factcheck target/release/factcheck \
        --out OUT_DIR [--partitions N] [--format json] [-- FACTCHECK_FLAGS...] ROOT...

ROOT... are directories of articles. The story of an article is the directory holding it
(the input gives it; docs/scaling.md, "The story key"). The job:

1. lists the article files under each ROOT (the extensions factcheck reads), sorted, and
   slices that list into N partitions of consecutive paths: a story may straddle two;
2. map: on each partition, one `factcheck claims --per-story --paths-from -` process, the
   partition's paths on its stdin and the directories of its stories as `--context`, so a
   story cut in two still learns from all its articles (name pairings, inferred years): the
   claims of each article are those of `factcheck run` on its story;
3. splits the claims lines into documents (a document line and its claims) keyed by story,
   and shuffles them: `groupByKey(story)`;
4. reduce: one `factcheck reconcile -` per story, the story's documents on stdin;
5. writes one JSON line per story, sorted by story, with saveAsTextFile:
   {"story": DIR, "exit": CODE, "report": "<the report, byte for byte>"}.

The binary is shipped to the executors with SparkContext.addFile (as `--files` would on a
cluster); the articles must be readable from the executors at the paths listed (a shared
file system here; on S3/HDFS, fetch them to local disk first, keeping their names).
A factcheck exit code of 2 (usage or configuration error) fails the task, loudly.
"""

import argparse
import json
import os
import stat
import subprocess
import sys
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession

ARTICLE_EXTENSIONS = (".md", ".markdown", ".txt", ".html", ".htm")
HEADER = '{"type":"header","format":"factcheck-claims","version":1}\n'


def list_articles(roots):
    """Absolute paths of the article files under each root, sorted (hidden entries skipped,
    as factcheck's walk skips them)."""
    found = []
    for root in roots:
        for d, dirs, files in os.walk(os.path.abspath(root)):
            dirs[:] = sorted(x for x in dirs if not x.startswith("."))
            found += [
                os.path.join(d, f)
                for f in files
                if f.endswith(ARTICLE_EXTENSIONS) and not f.startswith(".")
            ]
    return sorted(found)


def executable(name):
    """The shipped binary on this executor, made executable (addFile keeps the bytes)."""
    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def run_factcheck(binary, args, stdin_text, seconds, ok=(0,)):
    """Run factcheck with `stdin_text` on its stdin; its wall time is added to the
    accumulator `seconds`. An exit code not in `ok` fails the task with factcheck's stderr."""
    t = time.monotonic()
    r = subprocess.run(
        [binary, *args],
        input=stdin_text.encode("utf-8"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seconds.add(time.monotonic() - t)
    if r.returncode not in ok:
        raise RuntimeError(
            "factcheck %s exited %d:\n%s"
            % (" ".join(args[:2]), r.returncode, r.stderr.decode("utf-8", "replace"))
        )
    return r.returncode, r.stdout.decode("utf-8")


def map_partition(binary_name, flags, seconds):
    def run(paths):
        paths = list(paths)
        if not paths:
            return
        binary = executable(binary_name)
        stories = sorted({os.path.dirname(p) for p in paths})
        context = [a for s in stories for a in ("--context", s)]
        _, lines = run_factcheck(
            binary,
            ["claims", "--per-story", "--paths-from", "-", *context, *flags],
            "".join(p + "\n" for p in paths),
            seconds,
        )
        # Documents keyed by story: a document line and the claims after it travel together.
        story, path, block = None, None, []
        problems = []
        for line in lines.splitlines(keepends=True):
            kind = json.loads(line)["type"]
            if kind == "document":
                if block:
                    yield story, (path, "".join(block))
                path = json.loads(line)["info"]["path"]
                story, block = os.path.dirname(path), [line]
            elif kind == "claim":
                block.append(line)
            elif kind == "problem":
                problems.append(line)
        if block:
            yield story, (path, "".join(block))
        # A problem goes with the story of its file; one about no article of these stories
        # (a rule file, say) would be in the report of every story's run.
        for line in problems:
            owner = os.path.dirname(json.loads(line)["path"])
            for s in [owner] if owner in stories else stories:
                yield s, ("\uffff" + line, line)

    return run


def reduce_partition(binary_name, fmt, flags, seconds):
    def run(groups):
        binary = None
        for story, docs in groups:
            binary = binary or executable(binary_name)
            lines = HEADER + "".join(text for _, text in sorted(docs))
            code, report = run_factcheck(
                binary, ["reconcile", "--format", fmt, "-", *flags], lines, seconds, ok=(0, 1)
            )
            yield json.dumps(
                {"story": story, "exit": code, "report": report}, ensure_ascii=False
            )

    return run


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--factcheck", required=True, help="the factcheck binary to ship")
    ap.add_argument("--out", required=True, help="output directory (saveAsTextFile)")
    ap.add_argument("--partitions", type=int, default=4, help="map and reduce partitions")
    ap.add_argument("--format", default="json", help="report format of reconcile")
    ap.add_argument("roots", nargs="+", help="directories of articles")
    ap.add_argument(
        "--flag",
        action="append",
        default=[],
        help="a flag for both claims and reconcile (repeatable), e.g. --flag=--no-config",
    )
    args = ap.parse_args(argv)

    spark = SparkSession.builder.appName("factcheck").getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    binary_name = os.path.basename(args.factcheck)
    sc.addFile(os.path.abspath(args.factcheck))

    map_s, reduce_s = sc.accumulator(0.0), sc.accumulator(0.0)
    t0 = time.monotonic()
    paths = list_articles(args.roots)
    if not paths:
        sys.exit("no article under %s" % " ".join(args.roots))
    n = args.partitions
    # Consecutive slices of the sorted paths: partitions cut through stories.
    by_story = sc.parallelize(paths, n).mapPartitions(
        map_partition(binary_name, args.flag, map_s)
    )
    reports = (
        by_story.groupByKey(n)
        .mapPartitions(reduce_partition(binary_name, args.format, args.flag, reduce_s))
        .sortBy(lambda line: json.loads(line)["story"], numPartitions=1)
    )
    reports.saveAsTextFile(args.out)
    seconds = time.monotonic() - t0
    stories = len({os.path.dirname(p) for p in paths})
    print(
        "factcheck_spark: %d articles, %d stories, %d partitions on %s: %.1f s "
        "(inside factcheck: claims %.1f s, reconcile %.1f s, summed over tasks)"
        % (len(paths), stories, n, sc.master, seconds, map_s.value, reduce_s.value),
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
