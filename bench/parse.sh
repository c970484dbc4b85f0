#!/usr/bin/env bash
# Parser coverage and speed (release, one thread): every answer of DeepScaleR's test sets, MATH train, AIME train
# and Omni-MATH; prints the parse rate per file with every failure, then answers parsed per second.
# Usage: bash bench/parse.sh [SHARED_DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
bench="$(bash scripts/build-release.sh MathBench)/MathBench"
MATHCURATE_DATA="$data" "$bench" parse-check 40
MATHCURATE_DATA="$data" "$bench" speed | head -n 1
"$bench" fuzz 1000000 | tail -n 3
