"""Check the Spark job's reports against `factcheck run` on each story, byte for byte.

    python3 examples/spark/check.py --factcheck BIN --reports OUT_DIR [--format json]
        [--flag=--no-config ...] ROOT...

Reads every line of OUT_DIR/part-* ({"story", "exit", "report"}), and for each story (the
directory holding articles under the ROOTs, as the job lists them) runs
`factcheck run --format FORMAT FLAGS STORY` and compares the exit code and the report
bytes. Exits 1, naming each story that differs and its first differing line, when a report
differs, a story is missing or reported twice, or a report names a story not under the
ROOTs; 0 when all are identical.
"""

import argparse
import glob
import json
import os
import subprocess
import sys

from factcheck_spark import list_articles


def first_difference(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return i + 1, x, y
    n = min(len(al), len(bl))
    return n + 1, (al[n] if n < len(al) else "<end>"), (bl[n] if n < len(bl) else "<end>")


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--factcheck", required=True)
    ap.add_argument("--reports", required=True)
    ap.add_argument("--format", default="json")
    ap.add_argument("--flag", action="append", default=[])
    ap.add_argument("roots", nargs="+")
    args = ap.parse_args(argv)

    parts = sorted(glob.glob(os.path.join(args.reports, "part-*")))
    if not parts or not os.path.exists(os.path.join(args.reports, "_SUCCESS")):
        sys.exit("check: no complete Spark output in %s" % args.reports)
    got = {}
    failures = []
    for part in parts:
        with open(part, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["story"] in got:
                    failures.append("%s: reported twice" % r["story"])
                got[r["story"]] = r
    stories = sorted({os.path.dirname(p) for p in list_articles(args.roots)})
    for extra in sorted(set(got) - set(stories)):
        failures.append("%s: reported, but not a story under the roots" % extra)
    findings = 0
    for story in stories:
        if story not in got:
            failures.append("%s: no report from Spark" % story)
            continue
        run = subprocess.run(
            [args.factcheck, "run", "--format", args.format, *args.flag, story],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        if run.returncode not in (0, 1):
            failures.append(
                "%s: factcheck run exited %d: %s"
                % (story, run.returncode, run.stderr.decode("utf-8", "replace"))
            )
            continue
        expected = run.stdout.decode("utf-8")
        spark = got[story]
        if spark["exit"] != run.returncode:
            failures.append(
                "%s: exit %d from Spark, %d from run" % (story, spark["exit"], run.returncode)
            )
        if spark["report"] != expected:
            line, a, b = first_difference(spark["report"], expected)
            failures.append(
                "%s: report differs from run's at line %d:\n  spark: %s\n  run:   %s"
                % (story, line, a[:300], b[:300])
            )
        if args.format == "json":
            findings += len(json.loads(expected)["findings"])
    failed = {f.split(": ", 1)[0] for f in failures}
    if failures:
        print("check: FAILED, %d of %d stories:" % (len(failed), len(stories)), file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        print("spark: %d passed, %d failed" % (len(set(stories) - failed), len(failed)))
        return 1
    if args.format == "json" and findings == 0:
        print("check: FAILED: no finding in any story, nothing was compared", file=sys.stderr)
        return 1
    print(
        "check: %d stories, reports byte-identical to factcheck run (%s, %d findings)"
        % (len(stories), args.format, findings)
    )
    print("spark: %d passed, 0 failed" % len(stories))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
