#!/usr/bin/env bash
# Prints the CPU model, core count and the vector-instruction flags that matter for speed figures.
model="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
flags="$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(sse4_2|avx|avx2|fma|avx512f|avx512bw|avx512vl|avx512_bf16|avx512_vnni|avx_vnni|amx_bf16|amx_tile|amx_int8)$' | paste -sd' ')"
echo "cpu: $model, $(nproc) cores; flags: $flags"
