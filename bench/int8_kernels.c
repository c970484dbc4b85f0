// Throughput of the fast pass's int8 Linear products (CEmbedKernels/int8_linear.c) on one core, on the encoder's four
// Linear shapes: the AVX-512 VNNI kernel and the 256-bit AVX-VNNI one, each where this CPU has it (and
// MATHCURATE_CPU_LEVEL does not cap it away), and whether the two give the same outputs bit for bit.
// Built and run by bench/int8-kernels.sh.
#define _POSIX_C_SOURCE 200112L
#include "embed_kernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef void (*int8_kernel)(const float *, int, int, const float *, const int8_t *, const float *, const int32_t *,
                            const float *, mc_int8_epilogue, int, float *, void *);

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    int m = argc > 1 ? atoi(argv[1]) : 2048, rounds = argc > 2 ? atoi(argv[2]) : 7;
    uint32_t cpu = mc_cpu_features();
    const char *cap = getenv("MATHCURATE_CPU_LEVEL");
    int wide = (cpu & MC_CPU_AVX512F) && (cpu & MC_CPU_AVX512BW) && (cpu & MC_CPU_AVX512VNNI);
    int narrow = (cpu & MC_CPU_AVX2) && (cpu & MC_CPU_FMA) && (cpu & MC_CPU_AVXVNNI);
    if (cap && strcmp(cap, "avx-vnni") == 0) wide = 0;
    if (cap && (strcmp(cap, "avx2") == 0 || strcmp(cap, "baseline") == 0)) wide = narrow = 0;
    if (!wide && !narrow) {
        printf("int8 kernels: none on this CPU (needs AVX-512 VNNI or AVX-VNNI)\n");
        return 0;
    }
    const int shapes[4][2] = {{384, 1152}, {384, 384}, {384, 1536}, {1536, 384}};  // (inputs, outputs)
    const char *names[4] = {"QKV", "attention out", "FFN up + GELU", "FFN down"};
    srand(17);
    for (int s = 0; s < 4; s++) {
        int k = shapes[s][0], n = shapes[s][1];
        float *w = malloc(sizeof(float) * (size_t)n * k), *x = malloc(sizeof(float) * (size_t)m * k);
        float *bias = malloc(sizeof(float) * (size_t)n);
        float *outs[2] = {malloc(sizeof(float) * (size_t)m * n), malloc(sizeof(float) * (size_t)m * n)};
        for (size_t i = 0; i < (size_t)n * k; i++) w[i] = (float)(rand() % 2001 - 1000) / 10000.0f;
        for (size_t i = 0; i < (size_t)m * k; i++) x[i] = (float)(rand() % 2001 - 1000) / 1000.0f;
        for (int i = 0; i < n; i++) bias[i] = (float)(i % 7) / 10.0f;
        int8_t *packed = malloc(mc_int8_packed_size(n, k));
        float *scales = malloc(sizeof(float) * (size_t)n);
        int32_t *sums = malloc(sizeof(int32_t) * (size_t)n);
        mc_int8_pack_weights(w, n, k, packed, scales, sums);
        void *scratch = aligned_alloc(64, (mc_int8_scratch_size(m, k) + 63) / 64 * 64);
        mc_int8_epilogue epilogue = s == 2 ? MC_INT8_GELU : MC_INT8_PLAIN;
        int8_kernel kernels[2] = {mc_int8_linear_avx512vnni, mc_int8_linear_avxvnni};
        const char *kernelNames[2] = {"AVX-512 VNNI", "AVX-VNNI 256"};
        int present[2] = {wide, narrow};
        for (int v = 0; v < 2; v++) {
            if (!present[v]) continue;
            double best = 1e30;
            for (int r = 0; r < rounds; r++) {
                double t = seconds();
                kernels[v](x, m, k, NULL, packed, scales, sums, bias, epilogue, n, outs[v], scratch);
                t = seconds() - t;
                if (t < best) best = t;
            }
            printf("%-13s %-14s %d x %d -> %d: %6.1f GOP/s (best of %d)\n", names[s], kernelNames[v], m, k, n,
                   2.0 * m * k * n / best / 1e9, rounds);
        }
        if (wide && narrow)
            printf("%-13s outputs of the two kernels: %s\n", names[s],
                   memcmp(outs[0], outs[1], sizeof(float) * (size_t)m * n) == 0 ? "equal bit for bit" : "DIFFERENT");
        free(w); free(x); free(bias); free(outs[0]); free(outs[1]); free(packed); free(scales); free(sums); free(scratch);
    }
    return 0;
}
