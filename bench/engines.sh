#!/usr/bin/env bash
# Ray Data and Spark grading beside single-process grade_batch, in the same run (bench/engines.py): pairs/s, each
# engine's overhead as a ratio of times, and whether the verdicts are identical. Grades with the installed mathcurate
# (build and install the wheel first: bash scripts/build-wheel.sh release && pip install python/dist/*.whl), or with
# $MATHCURATE_LIBRARY. Needs ray[data], pyspark and pyarrow (installed here when missing) and Java 17
# (bash scripts/setup.sh).
# Usage: bash bench/engines.sh [--pairs N] [--engines ray,spark] [...]   (default 1,000,000 pairs; see engines.py)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import ray.data" 2>/dev/null || python3 -m pip install --quiet "ray[data]"
python3 -c "import pyspark" 2>/dev/null || python3 -m pip install --quiet pyspark
python3 -c "import pyarrow" 2>/dev/null || python3 -m pip install --quiet pyarrow
bash bench/serve/cpu.sh
python3 bench/engines.py "$@"
