#!/usr/bin/env python3
"""Precision on real article text: cleans the article-extraction benchmark's ground-truth bodies.

Each of the 181 hand-made bodies (`shared/aeb/ground-truth.json`, real news and blog articles in
several languages) is one document of a form-feed separated stream, one paragraph per line.
Every line of them is article text, so every line the cleaner drops is a line of real article
text lost. Prints the count and each dropped line with what dropped it.

  python3 benches/heldout/aeb_bodies.py [--bin target/release/boilerstrip] [--aeb ../shared/aeb]
"""
import argparse
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/boilerstrip"))
    ap.add_argument("--aeb", default=os.path.join(os.path.dirname(ROOT), "shared/aeb"))
    args = ap.parse_args()
    with open(os.path.join(args.aeb, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    docs = []
    for key in sorted(truth):
        lines = [ln.strip() for ln in truth[key]["articleBody"].replace("\f", " ").splitlines() if ln.strip()]
        docs.append("\n".join(lines))
    stream = "\n\f\n".join(docs) + "\n"
    out = subprocess.run([args.bin, "explain", "--format", "jsonl"], input=stream.encode(),
                         capture_output=True, check=True).stdout.decode()
    total, dropped = 0, []
    for line in out.splitlines():
        record = json.loads(line)
        if record.get("type") != "line" or not record.get("text", "").strip():
            continue
        total += 1
        if record.get("output_position") is None:
            dropped.append(record)
    for record in dropped:
        rule = (record.get("rule") or {}).get("id") or record.get("decision")
        print(f"  {rule}: {record['text'][:100]}")
    print(f"documents {len(docs)}, article lines {total}, dropped {len(dropped)}")


if __name__ == "__main__":
    main()
