#!/usr/bin/env python3
"""Evaluate a case export with rulebook on Apache Spark: the map step on the executors, the
reduce step on the driver.

The driver splits the export into records (a quoted CSV field may hold line breaks, so records
are told by a CSV parser, never by lines), and Spark spreads them over its partitions. Each
executor writes its partition back out as a CSV file under the export's header, runs
`rulebook eval --partial` on it and hands back the partial result. The driver writes the
partials to a folder and runs `rulebook merge` once per report format. Whatever the number of
partitions, the merged report is the same bytes as `rulebook eval` over the whole export
(docs/scale.md).

    spark-submit contrib/spark/rulebook_spark.py --rulebook .build/release/rulebook \\
        --rules rules/s2-case-management.yaml --cases cases.csv --roster roster.csv \\
        --as-of 2026-12-31T18:00+08:00 --partitions 8 --out reports/ --format json --format html

Needs only PySpark and the rulebook binary on every executor (here: one machine, local[N]).
"""
import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile


def records(text):
    """The export's header and its records, each as the exact text it was written with."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(text))
    out = []
    start = 0
    for _ in reader:
        end = reader.line_num
        out.append("".join(lines[start:end]))
        start = end
    return out[0], out[1:]


def evaluate_partition(index, rows, header, args):
    """The map step: one partition's records through `rulebook eval --partial`."""
    rows = list(rows)
    if not rows:
        return []
    with tempfile.TemporaryDirectory(prefix="rulebook-spark-") as work:
        cases = os.path.join(work, "part-%05d.csv" % index)
        with open(cases, "w", encoding="utf-8", newline="") as f:
            f.write(header if header.endswith(("\n", "\r")) else header + "\n")
            for r in rows:
                f.write(r if r.endswith(("\n", "\r")) else r + "\n")
        partial = os.path.join(work, "part-%05d.partial" % index)
        command = [args["rulebook"], "eval", "--rules", args["rules"], "--cases", cases,
                   "--as-of", args["as_of"], "--partial", partial]
        if args["roster"]:
            command += ["--roster", args["roster"]]
        done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, RULEBOOK_THREADS="1"))
        if done.returncode != 0:
            raise RuntimeError("partition %d: rulebook eval --partial exited %d:\n%s" % (index, done.returncode, done.stderr))
        with open(partial, "rb") as f:
            return [(index, f.read())]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rulebook", required=True, help="the rulebook binary (on every executor)")
    parser.add_argument("--rules", required=True)
    parser.add_argument("--cases", required=True, help="the export (CSV, UTF-8)")
    parser.add_argument("--roster")
    parser.add_argument("--as-of", required=True, help="one instant for every partition")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--out", required=True, help="folder for the partials and the reports")
    parser.add_argument("--format", action="append", default=[], help="report formats (repeat); default jsonl")
    parser.add_argument("--input-name", help="the input the reports name (default: --cases)")
    a = parser.parse_args()

    from pyspark.sql import SparkSession

    rulebook = os.path.abspath(a.rulebook)
    args = {"rulebook": rulebook, "rules": os.path.abspath(a.rules), "roster": a.roster and os.path.abspath(a.roster),
            "as_of": a.as_of}
    with open(a.cases, encoding="utf-8-sig", newline="") as f:
        header, body = records(f.read())

    spark = (SparkSession.builder.master(a.master).appName("rulebook").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rdd = spark.sparkContext.parallelize(body, a.partitions)
        parts = rdd.mapPartitionsWithIndex(lambda i, rows: evaluate_partition(i, rows, header, args)).collect()
    finally:
        spark.stop()

    os.makedirs(a.out, exist_ok=True)
    paths = []
    for index, data in sorted(parts):
        path = os.path.join(a.out, "part-%05d.partial" % index)
        with open(path, "wb") as f:
            f.write(data)
        paths.append(path)
    # The reduce step, on the driver.
    for fmt in a.format or ["jsonl"]:
        command = [rulebook, "merge", "--rules", a.rules, "--input-name", a.input_name or a.cases,
                   "--format", fmt, "-o", os.path.join(a.out, "report." + fmt)] + paths
        if a.roster:
            command += ["--roster", a.roster]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit("rulebook merge exited %d:\n%s" % (done.returncode, done.stderr))
    print("%d rows in %d partitions (%d with rows); reports in %s" % (len(body), a.partitions, len(paths), a.out))


if __name__ == "__main__":
    main()
