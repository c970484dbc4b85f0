#!/usr/bin/env bash
# Ingest throughput (release build): DeepScaleR's math.json (7,474 rows) and 100,000 synthetic JSONL rows,
# each into a fresh store, then the same files again (nothing new to store). Prints rows/s.
# Usage: bash bench/ingest.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data}"
swift build -c release --product curate >&2
curate=.build/release/curate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/synthetic.jsonl" <<'PY'
import json, random, sys
random.seed(7)
words = "let find the number of positive integers such that triangle area circle radius sum product".split()
with open(sys.argv[1], "w") as f:
    for i in range(100_000):
        text = " ".join(random.choice(words) for _ in range(60)) + f" $x^{i % 97} + {i}$?"
        f.write(json.dumps({"id": i, "problem": text, "answer": str(i % 1000),
                            "solution": "We compute " + text[:120] + " so $\\boxed{%d}$." % (i % 1000),
                            "difficulty": i % 10}) + "\n")
PY
measure() { # name format file rows
  local db="$work/$1.sqlite" start end
  start=$(date +%s.%N); "$curate" ingest "$2" "$3" --db "$db" --source "$1" >/dev/null; end=$(date +%s.%N)
  python3 -c "import sys; s=$end-$start; print(f'{sys.argv[1]:<24} first ingest  {int(sys.argv[2]):>7} rows  {s:6.2f} s  {int(sys.argv[2])/s:>9,.0f} rows/s')" "$1" "$4"
  start=$(date +%s.%N); "$curate" ingest "$2" "$3" --db "$db" --source "$1" >/dev/null; end=$(date +%s.%N)
  python3 -c "import sys; s=$end-$start; print(f'{sys.argv[1]:<24} re-ingest     {int(sys.argv[2]):>7} rows  {s:6.2f} s  {int(sys.argv[2])/s:>9,.0f} rows/s')" "$1" "$4"
}
measure math-json json "$data/deepscaler/train/math.json" 7474
measure synthetic-jsonl jsonl "$work/synthetic.jsonl" 100000
