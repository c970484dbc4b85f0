#!/usr/bin/env bash
# GOP/s of the fast pass's int8 Linear products on one core (bench/int8_kernels.c against Sources/CEmbedKernels,
# built with -O2 and no -m flags, as the package builds them), for each kernel this CPU has, and whether the AVX-512
# VNNI and AVX-VNNI kernels agree bit for bit. MATHCURATE_CPU_LEVEL=avx-vnni leaves only the 256-bit kernel.
# usage: [MATHCURATE_CPU_LEVEL=avx-vnni] bash bench/int8-kernels.sh [ROWS=2048] [ROUNDS=7]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { echo "int8-kernels: error: clang is missing (it comes with the Swift toolchain)" >&2; exit 1; }
bin="$(mktemp -d)/int8_kernels"
clang -std=c11 -O2 -Wall -I Sources/CEmbedKernels/include bench/int8_kernels.c Sources/CEmbedKernels/int8_linear.c \
    Sources/CEmbedKernels/cpu_features.c -lm -o "$bin"
bash bench/serve/cpu.sh
echo "MATHCURATE_CPU_LEVEL=${MATHCURATE_CPU_LEVEL:-<unset>}  loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" "$@"
