#!/usr/bin/env bash
# Rewards from Python (bench/python_reward.py): mathcurate.grade_batch and mathcurate.verl.compute_score beside
# Math-Verify's verl reward function, same run, same pairs. Uses the optimised library through MATHCURATE_LIBRARY and
# the package from this tree, in a venv that has math-verify.
# Usage: bash bench/python-reward.sh [SHARED_DATA_DIR] [SECONDS]   (default ../shared/data, 6 s per figure)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
venv="${VENV:-/tmp/mathverify-venv}"
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q math-verify; }
bin="$(bash scripts/build-release.sh mathcurate)"
bash bench/serve/cpu.sh
MATHCURATE_LIBRARY="$bin/libmathcurate.so" PYTHONPATH="$PWD/python" OMP_NUM_THREADS=1 \
    "$venv/bin/python" bench/python_reward.py "$data/grading/dev.jsonl" "${2:-6}"
