#!/usr/bin/env bash
# Records pgo/grading.profdata, the profile of the profile-guided release build (scripts/build-release.sh): builds an
# instrumented MathBench in .build/pgo-gen, grades the training workload (`MathBench pgo-train`: the answer files'
# neighbour, reformatted and random pairs and the AIME worked solutions, not the dev set that bench/grade.sh times)
# and merges the counts with the toolchain's llvm-profdata. Run it again after changing the grader, and commit the file.
# Usage: bash bench/pgo-profile.sh [SHARED_DATA_DIR] [ROUNDS]   (default ../shared/data, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
rounds="${2:-3}"
bin="$(dirname "$(readlink -f "$(command -v swift)")")"
runtime="$(find "$bin/../lib/clang" -name 'libclang_rt.profile-x86_64.a' | head -n 1)"
[ -n "$runtime" ] || { echo "no libclang_rt.profile in the toolchain" >&2; exit 2; }
raw="$(mktemp -d)"
trap 'rm -rf "$raw"' EXIT
swift build -c release --product MathBench --build-path .build/pgo-gen \
    -Xswiftc -Xfrontend -Xswiftc "-ir-profile-generate=$raw/grading.profraw" \
    -Xlinker "$runtime" -Xlinker -u -Xlinker __llvm_profile_runtime >&2
LLVM_PROFILE_FILE="$raw/grading.profraw" MATHCURATE_DATA="$data" .build/pgo-gen/release/MathBench pgo-train "$rounds"
mkdir -p pgo
"$bin/llvm-profdata" merge -o pgo/grading.profdata "$raw/grading.profraw"
echo "wrote pgo/grading.profdata ($(wc -c < pgo/grading.profdata) bytes)"
