#!/usr/bin/env python3
"""Times boilerstrip against reference tools on the same corpus, in one run, and prints a table.

Streaming (one thread): boilerstrip, ripgrep filtering the same noise patterns, the plain Python
baseline, and cat, alternating tool by tool for each round; medians of the rounds; peak RSS of each
process (wait4). Start-up: boilerstrip on an empty input. Batch (--batch): a folder tree with -j 1
and -j 2. Ratios are computed within this run only; nothing here is a pass/fail limit.

    python3 benches/compare.py [--mb 100] [--rounds 5] [--batch-mb 200]

The corpus comes from benches/reference/make_corpus.py (a copy of shared/bench, deterministic) and
is cached under target/bench-corpus/.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(ROOT, "benches", "reference")
BINARY = os.path.join(ROOT, "target", "release", "boilerstrip")


def corpus(mb, layout):
    out = os.path.join(ROOT, "target", "bench-corpus", "%s-%d" % (layout, mb))
    marker = os.path.join(out, ".complete")
    if not os.path.exists(marker):
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        subprocess.run(
            [sys.executable, os.path.join(REFERENCE, "make_corpus.py"), "--out", out, "--mb", str(mb),
             "--seed", "1", "--layout", layout, "--seeds", os.path.join(ROOT, "samples")],
            check=True, stdout=subprocess.DEVNULL)
        open(marker, "w").close()
    return os.path.join(out, "corpus.txt") if layout == "concat" else out


def run_once(argv, stdin_path=None):
    """Seconds and peak RSS (MB) of one process, its output discarded."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if stdin_path:
        stdin.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit("failed: %s" % " ".join(argv))
    return elapsed, usage.ru_maxrss / 1024.0


def measure(tools, rounds):
    """Alternates the tools round by round; returns {name: (median seconds, max RSS MB)}."""
    times = {name: [] for name, _, _ in tools}
    rss = {name: 0.0 for name, _, _ in tools}
    for _ in range(rounds):
        for name, argv, stdin in tools:
            seconds, peak = run_once(argv, stdin)
            times[name].append(seconds)
            rss[name] = max(rss[name], peak)
    return {name: (statistics.median(times[name]), rss[name]) for name in times}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=int, default=100, help="stream corpus size (default 100)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch-mb", type=int, default=0, help="also time batch mode on a tree of this size")
    ap.add_argument("--batch-out", default=os.path.join(ROOT, "target", "bench-out"),
                    help="where batch mode writes (default target/bench-out; a tmpfs such as /dev/shm/x "
                         "leaves out the file system's cost of creating thousands of files)")
    ap.add_argument("--sites", type=int, nargs="*", default=[], help="also time with this many extra site files")
    ap.add_argument("--floor", action="store_true",
                    help="also time examples/stream_floor: the per-byte work alone, stage by stage")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    if args.floor:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--example", "stream_floor"],
                       cwd=ROOT, check=True)
    text = text_path = corpus(args.mb, "concat")
    size_mb = os.path.getsize(text) / 1e6
    patterns = os.path.join(REFERENCE, "patterns.regex")
    tools = [("boilerstrip", [BINARY], text), ("boilerstrip -j 2 (two threads)", [BINARY, "-j", "2"], text)]
    if shutil.which("rg"):
        tools.append(("ripgrep -j1 -v -f patterns", ["rg", "-j1", "-v", "--crlf", "-f", patterns, text], None))
    else:
        print("(ripgrep not found: apt-get install ripgrep, or cargo install ripgrep)")
    tools.append(("python baseline", [sys.executable, os.path.join(REFERENCE, "py_baseline.py")], text))
    tools.append(("cat", ["cat", text], None))
    if args.floor:
        # Cumulative: each stage also does the ones before it (see examples/stream_floor.rs).
        floor = os.path.join(ROOT, "target", "release", "examples", "stream_floor")
        for stage, label in (("split", "read, UTF-8 check, lines"), ("keys", "+ match keys"),
                             ("phrases", "+ phrase scan"), ("tokens", "+ word hashes")):
            tools.append(("floor: %s" % label, [floor, stage], text))
    results = measure(tools, args.rounds)

    ours = results["boilerstrip"][0]
    print("Streaming, one thread: %.0f MB corpus (%d rounds, medians), %d cores" % (size_mb, args.rounds, os.cpu_count()))
    print("| tool | seconds | MB/s | boilerstrip MB/s ÷ its MB/s | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    for name, (seconds, peak) in results.items():
        print("| %s | %.3f | %.0f | %.2fx | %.1f |" % (name, seconds, size_mb / seconds, seconds / ours, peak))

    # Start-up: the whole process on small inputs, with `cat` of the same input as the floor a
    # process start costs on this machine.
    one_line = os.path.join(ROOT, "target", "bench-corpus", "one-line.txt")
    with open(one_line, "w", encoding="utf-8") as out:
        out.write("Hello world, this is a short line of text.\n")
    page = os.path.join(ROOT, "samples", sorted(n for n in os.listdir(os.path.join(ROOT, "samples")) if n.endswith(".raw"))[0])
    print("\nStart-up, embedded rules (median of 30 alternating runs, process start included):")
    print("| input | boilerstrip ms | cat ms |")
    print("| --- | --- | --- |")
    for label, path in (("empty", os.devnull), ("one line", one_line), ("one page (%d KB)" % (os.path.getsize(page) // 1000), page)):
        timed = measure([("ours", [BINARY], path), ("cat", ["cat"], path)], 30)
        print("| %s | %.1f | %.1f |" % (label, timed["ours"][0] * 1e3, timed["cat"][0] * 1e3))

    if args.sites:
        # Rule-set scaling: extra site files made from a shipped one (renamed, own fingerprints).
        template = open(os.path.join(ROOT, "rules", "okx.toml"), encoding="utf-8").read()
        print("\nRule files loaded (streaming %.0f MB; start-up on an empty input):" % size_mb)
        print("| extra site files | MB/s | start-up ms |")
        print("| --- | --- | --- |")
        for count in args.sites:
            folder = os.path.join(ROOT, "target", "bench-sites-%d" % count)
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            for n in range(count):
                text = template.replace('name = "okx"', 'name = "synthetic-%d"' % n)
                text = re.sub(r"(?m)^hosts = .*$", 'hosts = ["synthetic-%d.example"]' % n, text)
                text = re.sub(r"(?m)^fingerprints = .*$", 'fingerprints = ["synthetic site %d marker"]' % n, text)
                text = text.replace("fingerprint = true", "fingerprint = false")
                with open(os.path.join(folder, "synthetic-%d.toml" % n), "w", encoding="utf-8") as out:
                    out.write(text)
            extra = ["--rules", folder] if count else []
            stream = measure([("s", [BINARY] + extra, text_path)], args.rounds)["s"]
            start = measure([("s", [BINARY] + extra, os.devnull)], 10)["s"]
            print("| %d | %.0f | %.1f |" % (count, size_mb / stream[0], start[0] * 1e3))

    if args.batch_mb:
        tree = corpus(args.batch_mb, "dir")
        out = args.batch_out
        jobs = []
        for n in (1, 2):
            jobs.append(("-j %d" % n, [BINARY, tree, "-o", out + str(n), "-j", str(n), "--quiet"], None))
        # `-j 1` cleans on one thread while the writer and the duplicate decisions run on others,
        # so unpinned it already uses part of the second core. Pinned to one core it shows what
        # the second core adds.
        if shutil.which("taskset"):
            jobs.append(("-j 1, one core", ["taskset", "-c", "0", BINARY, tree, "-o", out + "p", "-j", "1", "--quiet"], None))
        batch = measure(jobs, max(1, args.rounds // 2))
        two = batch["-j 2"][0]
        print("\nBatch, %d MB tree (output under %s):" % (args.batch_mb, out))
        print("| run | seconds | MB/s | peak RSS MB | -j 2 speed-up over it |")
        print("| --- | --- | --- | --- | --- |")
        for name, (seconds, peak) in batch.items():
            print("| %s | %.2f | %.0f | %.0f | %.2fx |" % (name, seconds, args.batch_mb / seconds, peak, seconds / two))

if __name__ == "__main__":
    main()
