#!/usr/bin/env bash
# Grading cost in machine instructions, the measure that does not move with the load of a shared machine: callgrind
# counts the instructions of `MathBench dev-profile` over the dev pairs graded R+1 times and graded once; the
# difference divided by R x pairs is the steady-state cost of one graded pair (loading, and the one-time set-up of
# the lexer's and parser's tables that the first grading pays, fall out of the difference).
# Usage: bash bench/grade-instructions.sh [SHARED_DATA_DIR] [ROUNDS]   (default ../shared/data, 10 rounds)
# It measures the build that bench/grade.sh times (scripts/build-release.sh); MATHCURATE_PGO=0 measures a plain build.
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
rounds="${2:-10}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
bench="$(bash scripts/build-release.sh MathBench)/MathBench"
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bench" dev-profile "$data/grading/dev.jsonl" "$1" 0 2>&1 \
        | sed -n 's/.*I *refs: *//p' | tr -d ','
}
pairs=$(python3 -c "import sys; print(sum(1 for l in open(sys.argv[1]) if l.strip()))" "$data/grading/dev.jsonl")
graded=$(count "$((rounds + 1))")
loading=$(count 1)
echo "instructions per graded pair: $(( (graded - loading) / (rounds * pairs) )) ($pairs pairs x $rounds rounds)"
