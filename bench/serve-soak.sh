#!/usr/bin/env bash
# Bounded soak of `curate serve` on loopback (bench/serve/soak.py): 1,000,000 pairs with malformed and hostile
# input, then SIGTERM under load. Prints peak RSS, latency percentiles and PASS/FAIL; exits non-zero on FAIL.
# Usage: bash bench/serve-soak.sh [SHARED_DATA_DIR] [PAIRS]   (default ../shared/data, 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
bin="$(bash scripts/build-release.sh curate)"
bash bench/serve/cpu.sh
python3 bench/serve/soak.py "$bin/curate" "$data/grading/dev.jsonl" "${2:-1000000}"
