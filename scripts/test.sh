#!/usr/bin/env bash
# Runs the test suite: installs what the tests need (system libraries and Java, the MiniLM weights, pyarrow and
# jsonschema for the export checks, pytest, Ray Data and pyspark), then the Swift Testing suites (`swift test`, and
# the embedding suites again with the kernels capped at AVX2, at AVX-VNNI where the CPU has it, and at AVX-512
# without AMX where it has AMX), the C smoke test
# of libmathcurate against its header, and the Python package's tests (pytest) on the wheel built from this tree and
# installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/fetch-model.sh
python3 -c "import pyarrow, jsonschema" 2>/dev/null || python3 -m pip install --quiet pyarrow jsonschema
python3 -c "import pytest" 2>/dev/null || python3 -m pip install --quiet pytest
# The engines the Python package runs on (python/tests/test_ray.py, test_spark.py; Spark's Java is in setup.sh).
python3 -c "import ray.data" 2>/dev/null || python3 -m pip install --quiet "ray[data]"
python3 -c "import pyspark" 2>/dev/null || python3 -m pip install --quiet pyspark
swift test
# The embedding tests again with the kernels capped at AVX2+FMA (OpenBLAS's Haswell set, 256-bit activations, no fast
# pass): the path an AVX2-only host runs, checked against the reference vectors on any host that has AVX2; and, where
# the CPU has AVX-VNNI, capped at AVX2+FMA+AVX-VNNI: the 256-bit int8 fast pass of an AVX2 host with VNNI; where it
# has AMX, capped at AVX-512: the AVX-512 VNNI fast pass of an AVX-512 host without tiles (AMD Zen 4).
if grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    echo "== embeddings with MATHCURATE_CPU_LEVEL=avx2"
    MATHCURATE_CPU_LEVEL=avx2 swift test --skip-build --filter CurateEmbedTests
fi
if grep -qw avx_vnni /proc/cpuinfo 2>/dev/null; then
    echo "== embeddings with MATHCURATE_CPU_LEVEL=avx-vnni"
    MATHCURATE_CPU_LEVEL=avx-vnni swift test --skip-build --filter CurateEmbedTests
fi
if grep -qw amx_int8 /proc/cpuinfo 2>/dev/null; then
    echo "== embeddings with MATHCURATE_CPU_LEVEL=avx512"
    MATHCURATE_CPU_LEVEL=avx512 swift test --skip-build --filter CurateEmbedTests
fi

echo "== libmathcurate: C smoke test against Sources/CMathCurate/include/mathcurate.h"
swift build --product mathcurate
swift build --product curate
bin="$(swift build --show-bin-path)"
smoke="$(mktemp -d)/smoke"
cc -std=c11 -Wall -Werror -I Sources/CMathCurate/include Tests/CABISmoke/smoke.c -L "$bin" -lmathcurate -Wl,-rpath,"$bin" -o "$smoke"
"$smoke"

echo "== mathcurate (Python): wheel, install, pytest"
wheel="$(MATHCURATE_SKIP_SWIFT_BUILD=1 bash scripts/build-wheel.sh debug | tail -n 1)"
python3 -m pip install --quiet --force-reinstall --no-deps "$wheel"
(cd python && python3 -m pytest -q)
