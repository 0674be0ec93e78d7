#!/usr/bin/env bash
# Throughput against ripgrep, the Python baseline and cat, in one run: see benches/compare.py.
#   bash benches/compare.sh [--mb 100] [--rounds 5] [--batch-mb 200]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 benches/compare.py "$@"
