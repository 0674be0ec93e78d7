#!/usr/bin/env python3
"""Scores an article-cleaning tool against the evaluation corpus.

  python3 score.py --cmd 'TOOL ARGS'
  python3 score.py --pred-dir DIR   [--split ...]   # DIR/<id>.txt per document
  python3 score.py --samples --cmd 'TOOL ARGS'      # the five samples in ../samples

With --cmd, each raw file's bytes are piped to the command's stdin (run by
the shell, in the current directory); its stdout is decoded as UTF-8
(invalid bytes become U+FFFD) and compared with the gold file.

Per document and overall it reports
  exact   : output == gold after normalising line endings (CRLF/CR -> LF) and
            trailing whitespace (at line ends and at the end of the text) only
  P/R/F1  : line-level precision/recall/F1 over non-blank lines, multiset match;
            lines are compared with leading/trailing whitespace removed
  leaked  : output lines not in the gold that occur in the raw input (noise kept)
  altered : output lines not in the gold that do not occur in the raw input
            (changed, merged or invented lines)
  lost    : gold lines missing from the output (body lost)
Exit status is always 0.  The last line is "exact N/M, line-F1 X.XXXX"
(F1 micro-averaged over all lines of the selected documents).
"""
import argparse
import csv
import difflib
import os
import subprocess
import sys
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
PYENC = {"utf-8": "utf-8-sig", "gbk": "gbk", "shift_jis": "shift_jis",
         "euc-kr": "euc_kr", "windows-1251": "cp1251", "windows-1256": "cp1256",
         "windows-1252": "cp1252", "iso-8859-1": "latin-1"}


def norm_exact(s):
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(ln.rstrip() for ln in s.split("\n")).rstrip()


def content_lines(s):
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return [ln.strip() for ln in s.split("\n") if ln.strip()]


def load_docs(args):
    docs = []
    if args.seeds:
        d = os.path.join(os.path.dirname(HERE), "samples")
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".raw"):
                stem = fn[:-4]
                docs.append(dict(id=stem, split="seed", enc="utf-8", fmt="text", tags="",
                                 raw=os.path.join(d, fn),
                                 gold=os.path.join(d, stem + ".gold.txt")))
        return docs
    d = os.environ.get("HELDOUT_CORPUS", os.path.join(HERE, "corpus"))
    with open(os.path.join(d, "index.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if args.split != "all" and row["split"] != args.split:
                continue
            ext = ".html" if row["format"] == "html" else ".raw"
            docs.append(dict(id=row["id"], split=row["split"], enc=row["encoding"],
                             fmt=row["format"], tags=row["tags"],
                             raw=os.path.join(d, row["id"] + ext),
                             gold=os.path.join(d, row["id"] + ".gold.txt")))
    if args.only:
        keep = set(args.only.split(","))
        docs = [x for x in docs if x["id"] in keep]
    return docs


def predict(args, doc, raw):
    """Returns (text, note)."""
    if args.pred_dir:
        p = os.path.join(args.pred_dir, doc["id"] + ".txt")
        if not os.path.exists(p):
            return "", "missing"
        with open(p, "rb") as f:
            return f.read().decode("utf-8", errors="replace"), ""
    try:
        r = subprocess.run(args.cmd, shell=True, input=raw, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=args.timeout)
        note = "" if r.returncode == 0 else "exit %d" % r.returncode
        return r.stdout.decode("utf-8", errors="replace"), note
    except subprocess.TimeoutExpired as e:
        out = e.stdout or b""
        return out.decode("utf-8", errors="replace"), "timeout"


def score_doc(pred, gold, raw_text, fmt):
    exact = norm_exact(pred) == norm_exact(gold)
    pl, gl = Counter(content_lines(pred)), Counter(content_lines(gold))
    tp = sum((pl & gl).values())
    fp_lines = pl - gl
    fn = sum((gl - pl).values())
    if fmt == "text":
        raw_set = set(content_lines(raw_text))
        in_raw = lambda x: x in raw_set  # noqa: E731
    else:
        in_raw = lambda x: x in raw_text  # noqa: E731
    leaked = sum(n for x, n in fp_lines.items() if in_raw(x))
    altered = sum(fp_lines.values()) - leaked
    return dict(exact=exact, tp=tp, fp=sum(fp_lines.values()), fn=fn,
                leaked=leaked, altered=altered)


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--cmd", help="shell command: raw bytes on stdin, clean UTF-8 text on stdout")
    g.add_argument("--pred-dir", help="directory holding <id>.txt predictions")
    ap.add_argument("--split", choices=["public", "hidden", "all"], default="all")
    ap.add_argument("--samples", dest="seeds", action="store_true", help="score the five samples in ../samples instead of the corpus")
    ap.add_argument("--only", help="comma-separated document ids")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per document (--cmd)")
    ap.add_argument("--by-tag", action="store_true", help="also print results per hard-case tag")
    ap.add_argument("--diff", action="store_true", help="print a diff for each non-exact document")
    ap.add_argument("--quiet", action="store_true", help="only print the totals")
    args = ap.parse_args()

    docs = load_docs(args)
    tot = Counter()
    by_tag = {}
    n_exact = 0
    if not args.quiet:
        print("%-22s %-6s %-5s %6s %6s %6s %6s %6s %6s  %s" % (
            "doc", "split", "exact", "P", "R", "F1", "leaked", "altered", "lost", "note"))
    t0 = time.time()
    for d in docs:
        with open(d["raw"], "rb") as f:
            raw = f.read()
        with open(d["gold"], encoding="utf-8") as f:
            gold = f.read()
        raw_text = raw.decode(PYENC.get(d["enc"], d["enc"]), errors="replace")
        pred, note = predict(args, d, raw)
        s = score_doc(pred, gold, raw_text, d["fmt"])
        p, r, f1 = prf(s["tp"], s["fp"], s["fn"])
        n_exact += s["exact"]
        for k in ("tp", "fp", "fn", "leaked", "altered"):
            tot[k] += s[k]
        for t in [x for x in d["tags"].split(",") if x]:
            bt = by_tag.setdefault(t, Counter())
            bt["n"] += 1
            bt["exact"] += s["exact"]
            for k in ("tp", "fp", "fn"):
                bt[k] += s[k]
        if not args.quiet:
            print("%-22s %-6s %-5s %6.3f %6.3f %6.3f %6d %6d %6d  %s" % (
                d["id"], d["split"], "yes" if s["exact"] else "no", p, r, f1,
                s["leaked"], s["altered"], s["fn"], note))
        if args.diff and not s["exact"]:
            diff = difflib.unified_diff(norm_exact(gold).split("\n"),
                                        norm_exact(pred).split("\n"),
                                        "gold/" + d["id"], "output/" + d["id"], lineterm="", n=1)
            for i, ln in enumerate(diff):
                if i >= 60:
                    print("    ... (diff cut)")
                    break
                print("    " + ln[:160])
    if args.by_tag and by_tag:
        print()
        print("%-28s %4s %6s %7s" % ("tag", "docs", "exact", "line-F1"))
        for t in sorted(by_tag):
            bt = by_tag[t]
            print("%-28s %4d %6d %7.4f" % (t, bt["n"], bt["exact"],
                                          prf(bt["tp"], bt["fp"], bt["fn"])[2]))
    p, r, f1 = prf(tot["tp"], tot["fp"], tot["fn"])
    print()
    print("documents %d (%.1fs); lines: P %.4f R %.4f; noise lines leaked %d, "
          "altered lines %d, body lines lost %d" % (
              len(docs), time.time() - t0, p, r, tot["leaked"], tot["altered"], tot["fn"]))
    print("exact %d/%d, line-F1 %.4f" % (n_exact, len(docs), f1))
    return 0


if __name__ == "__main__":
    try:
        main()
    except SystemExit as e:  # argparse errors and --help
        if e.code not in (0, None):
            print("exact 0/0, line-F1 0.0000")
    except Exception as e:  # never fail the caller
        print("score.py error: %s" % e, file=sys.stderr)
        print("exact 0/0, line-F1 0.0000")
    sys.exit(0)
