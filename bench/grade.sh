#!/usr/bin/env bash
# Grading speed: MathCurate's Grader and math-verify on the same labelled pairs (dev.jsonl repeated), one thread
# each, in the same run; prints both rates (three interleaved runs each) and their ratios. Also the dev-set accuracy
# and the fuzz worst case. `bench/grade-instructions.sh` gives the cost per pair in instructions, which load does not move.
# BASELINE=DIR also runs DIR/MathBench (a build of another commit, say main before a change) in the same interleaved
# runs and prints its rate beside ours and the ratio of the medians: a change's cost measured under one load.
# Usage: [BASELINE=DIR] bash bench/grade.sh [SHARED_DATA_DIR] [SECONDS]   (default ../shared/data, 5 s per side)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
seconds="${2:-5}"
venv="${VENV:-/tmp/mathverify-venv}"
bench="$(bash scripts/build-release.sh MathBench)/MathBench"
bash bench/serve/cpu.sh
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q math-verify; }
# Three runs per side, interleaved: a shared machine's load moves single runs by up to 1.5x, so every run is printed
# with the median and the best of each side, and both ratios.
ours=(); theirs=(); base=()
for run in 1 2 3; do
    ours+=("$(MATHCURATE_DATA="$data" "$bench" dev-speed "$data/grading/dev.jsonl" "$seconds")")
    if [ -n "${BASELINE:-}" ]; then
        base+=("$(MATHCURATE_DATA="$data" "$BASELINE/MathBench" dev-speed "$data/grading/dev.jsonl" "$seconds")")
        echo "baseline: ${base[-1]}"
    fi
    theirs+=("$(OMP_NUM_THREADS=1 "$venv/bin/python" bench/mathverify_dev.py "$data/grading/dev.jsonl" "$seconds")")
    echo "${ours[-1]}"
    echo "${theirs[-1]}"
done
python3 - "${ours[@]}" "${theirs[@]}" ${base[@]+"${base[@]}"} <<'PY'
import re, statistics, sys
rates = [float(re.search(r"= (\d+) pairs/s", s).group(1)) for s in sys.argv[1:]]
ours, theirs, base = rates[:3], rates[3:6], rates[6:]
for name, xs in (("mathcurate", ours), ("math-verify", theirs), ("baseline", base)):
    if xs:
        print(f"{name}: median {statistics.median(xs):.0f} pairs/s, best {max(xs):.0f} pairs/s")
print(f"ratio: {statistics.median(ours) / statistics.median(theirs):.0f}x math-verify (medians), "
      f"{max(ours) / max(theirs):.0f}x (bests)")
if base:
    print(f"against the baseline: {statistics.median(ours) / statistics.median(base):.3f}x (medians), "
          f"{max(ours) / max(base):.3f}x (bests)")
PY
MATHCURATE_DATA="$data" "$bench" grade-dev | tail -n 25
"$bench" fuzz 100000 | tail -n 3
