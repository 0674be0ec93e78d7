#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS (default 600), starting from the checked-in
# seeds; new corpus entries go to fuzz/corpus/<target> (not committed), crashes to fuzz/artifacts.
#   bash fuzz/run.sh [SECONDS] [TARGET...]
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(decode split rule_file classify html jsonl read_documents)
fi
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    echo "== $target: ${seconds}s"
    cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 2>&1 |
        grep -E '^(==|stat::|Done|#[0-9]+ +DONE|SUMMARY|.*(panicked|ERROR|crash|timeout|leak))' || true
done
