#!/usr/bin/env bash
# GOP/s of the fast pass's int8 Linear products on one core beside OpenBLAS's SGEMM on the same shapes
# (bench/int8_kernels.c against Sources/CEmbedKernels, built with -O2 and no -m flags, as the package builds them):
# each int8 kernel this CPU has (AMX, AVX-512 VNNI, AVX-VNNI), an int8 product for AVX2 without VNNI that the encoder does not ship, and whether
# they agree bit for bit. MATHCURATE_CPU_LEVEL=avx512 leaves out AMX, avx-vnni leaves the 256-bit kernels, avx2 the unshipped one. SGEMM
# runs OpenBLAS's kernel set for the level, as the encoder picks it (OPENBLAS_CORETYPE, unless already set).
# usage: [MATHCURATE_CPU_LEVEL=avx512|avx-vnni|avx2] bash bench/int8-kernels.sh [ROWS=2046] [ROUNDS=9]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang >/dev/null || { echo "int8-kernels: error: clang is missing (it comes with the Swift toolchain)" >&2; exit 1; }
bin="$(mktemp -d)/int8_kernels"
clang -std=c11 -O2 -Wall -I Sources/CEmbedKernels/include $(pkg-config --cflags openblas) bench/int8_kernels.c \
    Sources/CEmbedKernels/int8_linear.c Sources/CEmbedKernels/cpu_features.c $(pkg-config --libs openblas) -lm -o "$bin"
bash bench/serve/cpu.sh
if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
    flags=" $(grep -m1 '^flags' /proc/cpuinfo) "
    case "${MATHCURATE_CPU_LEVEL:-}" in
        avx2 | avx-vnni) OPENBLAS_CORETYPE=Haswell ;;
        *) if [[ "$flags" == *" avx512f "* && "$flags" == *" avx512bw "* && "$flags" == *" avx512vl "* ]]; then
               OPENBLAS_CORETYPE=SkylakeX
           elif [[ "$flags" == *" avx2 "* ]]; then
               OPENBLAS_CORETYPE=Haswell
           fi ;;
    esac
    [[ -z "${OPENBLAS_CORETYPE:-}" ]] || export OPENBLAS_CORETYPE
fi
echo "MATHCURATE_CPU_LEVEL=${MATHCURATE_CPU_LEVEL:-<unset>}  loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" "$@"
