#!/usr/bin/env python3
"""boilerstrip as one step of a Spark job: rdd.pipe() streams JSON Lines through the binary.

Usage: spark_pipe.py PATH/TO/boilerstrip

Builds one JSON Lines record per sample page (with extra fields that must pass through), runs
them through `rdd.pipe` in Spark local mode over three partitions, and checks that every record
comes back once, with its fields in order and its text equal to the sample's gold. Prints
"N passed, M failed" and exits non-zero on any failure.
"""
import json
import os
import shlex
import sys

from pyspark import SparkConf, SparkContext

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    binary = os.path.abspath(sys.argv[1])
    samples = os.path.join(ROOT, "samples")
    records, gold = [], {}
    for name in sorted(os.listdir(samples)):
        if name.endswith(".raw"):
            stem = name[:-4]
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(samples, stem + ".gold.txt"), encoding="utf-8") as f:
                gold[stem] = f.read()
            records.append(json.dumps({"id": stem, "text": text, "crawl": "test", "rank": len(records)}))
    # A record with a URL that names the site, and one malformed line the step must skip.
    records.append(json.dumps({"id": "by-url", "url": "https://www.gate.com/fr/post/status/1",
                               "text": "Titre\n\nCorps.\nVoir l'original\nApres.\n"}))
    gold["by-url"] = "Titre\n\nCorps.\n"
    records.append("{not json")

    conf = SparkConf().setMaster("local[2]").setAppName("boilerstrip-pipe-test").set("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        command = shlex.join([binary, "--input-format", "jsonl", "--output-format", "jsonl", "--quiet"])
        # checkCode=False: the malformed line makes boilerstrip exit 1 after writing every good record.
        out = sc.parallelize(records, 3).pipe(command, checkCode=False).collect()
    finally:
        sc.stop()

    passed, failures = 0, []
    seen = {}
    for line in out:
        record = json.loads(line)
        seen[record["id"]] = record
    for key, want in gold.items():
        record = seen.get(key)
        if record is None:
            failures.append(f"{key}: missing from the output")
        elif record["text"] != want:
            failures.append(f"{key}: text differs from the gold")
        elif key != "by-url" and list(record)[:4] != ["id", "text", "crawl", "rank"]:
            failures.append(f"{key}: fields not passed through in order: {list(record)}")
        elif key == "by-url" and record["boilerstrip"]["site"] != "gate":
            failures.append(f"{key}: url did not choose the site")
        else:
            passed += 1
    if len(out) != len(gold):
        failures.append(f"{len(out)} records out for {len(gold)} good records in")
    for failure in failures:
        print("FAILED", failure)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
