#!/usr/bin/env python3
"""Scores the held-out pages with no vocabulary at all: the shapes of rules/common.toml (its
`weak = true` rules: dates, counts, numbers, symbols, handles, breadcrumbs) and the structure
stage, with every other rule file and rule left out (`--no-default-rules`). What structure and
shapes achieve alone, next to the full cleaner's score.

    python3 benches/heldout/no_vocabulary.py [--bin target/release/boilerstrip]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def shapes_only(common: str) -> str:
    """The file's header and its weak rules; tests and every other rule dropped."""
    parts = re.split(r"(?m)^(?=\[\[(?:rule|test)\]\])", common)
    weak = [p for p in parts[1:] if p.startswith("[[rule]]") and re.search(r"(?m)^weak = true", p)]
    return parts[0] + "".join(weak)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "boilerstrip"))
    args = ap.parse_args()
    with open(os.path.join(ROOT, "rules", "common.toml"), encoding="utf-8") as f:
        common = f.read()
    with tempfile.TemporaryDirectory() as rules:
        with open(os.path.join(rules, "common.toml"), "w", encoding="utf-8") as f:
            f.write(shapes_only(common))
        for name, corpus in [("dev", "corpus"), ("test", "test-corpus")]:
            env = dict(os.environ, HELDOUT_CORPUS=os.path.join(ROOT, "benches", "heldout", corpus))
            for label, cmd in [("full cleaner", args.bin), ("shapes and structure alone", f"{args.bin} --no-default-rules --rules {rules}")]:
                out = subprocess.run([sys.executable, os.path.join(ROOT, "benches", "heldout", "score.py"), "--cmd", cmd],
                                     env=env, capture_output=True, text=True, check=True).stdout
                print(f"{name:5} {label:28} {out.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
