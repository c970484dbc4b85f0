#!/usr/bin/env bash
# Grading speed: MathCurate's Grader and math-verify on the same labelled pairs (dev.jsonl repeated), one thread
# each, in the same run; prints both rates and their ratio. Also the dev-set accuracy and the fuzz worst case.
# Usage: bash bench/grade.sh [SHARED_DATA_DIR] [SECONDS]   (default ../shared/data, 5 s per side)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
seconds="${2:-5}"
venv="${VENV:-/tmp/mathverify-venv}"
swift build -c release --product MathBench >&2
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q math-verify; }
bench=.build/release/MathBench
ours=$(MATHCURATE_DATA="$data" "$bench" dev-speed "$data/grading/dev.jsonl" "$seconds")
theirs=$(OMP_NUM_THREADS=1 "$venv/bin/python" bench/mathverify_dev.py "$data/grading/dev.jsonl" "$seconds")
echo "$ours"
echo "$theirs"
python3 - "$ours" "$theirs" <<'PY'
import re, sys
rate = lambda s: float(re.search(r"= (\d+) pairs/s", s).group(1))
print(f"ratio: {rate(sys.argv[1]) / rate(sys.argv[2]):.0f}x math-verify")
PY
MATHCURATE_DATA="$data" "$bench" grade-dev | tail -n 25
"$bench" fuzz 100000 | tail -n 3
