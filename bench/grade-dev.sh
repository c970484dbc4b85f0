#!/usr/bin/env bash
# The dev pairs through `curate grade --jsonl`, as a user would grade them: with the per-line options the dev file
# calls for (rounded decimals on its tolerance-dependent rows) and without any options; prints accuracy, false
# positives and the misses of each. The same figures as `MathBench grade-dev`, through the command line.
# Usage: bash bench/grade-dev.sh [SHARED_DATA_DIR]   (default ../shared/data; CURATE=path/to/curate to skip the build)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
curate="${CURATE:-$(bash scripts/build-release.sh curate)/curate}"
echo "== with the dev file's options"
python3 bench/dev_items.py items "$data/grading/dev.jsonl" | "$curate" grade --jsonl | python3 bench/dev_items.py score
echo "== without options"
python3 bench/dev_items.py items "$data/grading/dev.jsonl" --no-options | "$curate" grade --jsonl | python3 bench/dev_items.py score
