// Throughput of the fast pass's int8 Linear products (Sources/CEmbedKernels/int8_linear.c) on one core, on the
// encoder's four Linear shapes, beside OpenBLAS's fp32 SGEMM (the exact path's product) on the same shapes:
// - the AMX kernel, the AVX-512 VNNI one and the 256-bit AVX-VNNI one, each where this CPU has it (and
//   MATHCURATE_CPU_LEVEL does not cap it away), and whether they give the same outputs bit for bit;
// - an int8 product for AVX2 without VNNI (`vpmaddwd` on int16, defined here only: the encoder does not ship it), to
//   measure whether such a CPU would gain from a fast pass. It computes the same int32 sums, so its outputs are
//   compared bit for bit too.
// Built and run by bench/int8-kernels.sh.
#define _POSIX_C_SOURCE 200112L
#include "embed_kernels.h"
#include <cblas.h>
#include <immintrin.h>
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

// ---- The AVX2 product without VNNI (not shipped). Weights widened to int16 in the int8 kernels' panels: for each
// pair of inputs, 16 channels × 2 int16 (two 8-channel vectors); activations quantized as the int8 kernels do but
// kept signed (q − 128) in int16, so one `vpmaddwd` sums two products exactly and the result needs no zero-point term.
#define AVX2 __attribute__((target("avx2,fma")))
enum { ROWS16 = 6 };

static int16_t *widen_weights(const int8_t *packed, int n, int k) {
    int16_t *w16 = malloc(sizeof(int16_t) * (size_t)n * k);
    for (int c = 0; c < n; c++)
        for (int i = 0; i < k; i++)
            w16[(size_t)(c / 16) * 16 * k + (size_t)(i / 2) * 32 + (c % 16) * 2 + i % 2] =
                packed[(size_t)(c / 16) * 16 * k + (size_t)(i / 4) * 64 + (c % 16) * 4 + i % 4];
    return w16;
}

AVX2 static void quantize_rows_int16(const float *x, int m, int k, int16_t *q, float *rowScales) {
    const __m256 signBit = _mm256_set1_ps(-0.0f);
    for (int r = 0; r < m; r++) {
        const float *row = x + (size_t)r * k;
        __m256 peak = _mm256_setzero_ps();
        for (int i = 0; i < k; i += 8) peak = _mm256_max_ps(peak, _mm256_andnot_ps(signBit, _mm256_loadu_ps(row + i)));
        float lanes[8], p = 0;
        _mm256_storeu_ps(lanes, peak);
        for (int i = 0; i < 8; i++) p = lanes[i] > p ? lanes[i] : p;
        float s = p > 0 ? p / 127.0f : 1.0f;
        rowScales[r] = s;
        __m256 inv = _mm256_set1_ps(1.0f / s);
        for (int i = 0; i < k; i += 16) {
            __m256i lo = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(row + i), inv));
            __m256i hi = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(row + i + 8), inv));
            _mm256_storeu_si256((__m256i *)(q + (size_t)r * k + i), _mm256_permute4x64_epi64(_mm256_packs_epi32(lo, hi), 0xD8));
        }
    }
}

AVX2 static void tile_int16(const int16_t *q, int k, const int16_t *panel, __m256i *acc) {
    __m256i a0[ROWS16], a1[ROWS16];
    for (int r = 0; r < ROWS16; r++) { a0[r] = _mm256_setzero_si256(); a1[r] = _mm256_setzero_si256(); }
    for (int g = 0; g < k / 2; g++) {
        __m256i w0 = _mm256_loadu_si256((const __m256i *)(panel + (size_t)g * 32));
        __m256i w1 = _mm256_loadu_si256((const __m256i *)(panel + (size_t)g * 32 + 16));
        for (int r = 0; r < ROWS16; r++) {
            int32_t two;
            memcpy(&two, q + (size_t)r * k + (size_t)g * 2, 4);
            __m256i b = _mm256_set1_epi32(two);
            a0[r] = _mm256_add_epi32(a0[r], _mm256_madd_epi16(b, w0));
            a1[r] = _mm256_add_epi32(a1[r], _mm256_madd_epi16(b, w1));
        }
    }
    for (int r = 0; r < ROWS16; r++) { acc[2 * r] = a0[r]; acc[2 * r + 1] = a1[r]; }
}

// The plain epilogue of the int8 kernels (bias, no GELU); m a multiple of ROWS16.
AVX2 static void linear_int16(const float *x, int m, int k, const int16_t *w16, const float *scales, const float *bias,
                              int n, float *out, int16_t *q, float *rowScales) {
    quantize_rows_int16(x, m, k, q, rowScales);
    __m256i acc[2 * ROWS16];
    for (int r0 = 0; r0 < m; r0 += ROWS16)
        for (int c = 0; c < n; c += 16) {
            tile_int16(q + (size_t)r0 * k, k, w16 + (size_t)c * k, acc);
            for (int r = 0; r < ROWS16; r++)
                for (int h = 0; h < 2; h++) {
                    __m256 scale = _mm256_mul_ps(_mm256_loadu_ps(scales + c + 8 * h), _mm256_set1_ps(rowScales[r0 + r]));
                    __m256 v = _mm256_add_ps(_mm256_mul_ps(_mm256_cvtepi32_ps(acc[2 * r + h]), scale), _mm256_loadu_ps(bias + c + 8 * h));
                    _mm256_storeu_ps(out + (size_t)(r0 + r) * n + c + 8 * h, v);
                }
        }
}

// ---- The instructions' own throughput: 12 independent accumulators in registers (16 vector registers without
// AVX-512), no loads, so the figure is the core's ceiling for each kind of product, the one the kernels above are
// measured against.
#define PEAK_LOOP(ACC_T, SETUP, STEP, OPS_PER_STEP)                                                                 \
    ACC_T a[12];                                                                                                     \
    SETUP;                                                                                                           \
    double t = seconds();                                                                                            \
    for (long it = 0; it < iterations; it++) {                                                                       \
        for (int i = 0; i < 12; i++) a[i] = STEP;                                                                    \
        __asm__ volatile("" : "+x"(a[0]), "+x"(a[1]), "+x"(a[2]), "+x"(a[3]), "+x"(a[4]), "+x"(a[5]), "+x"(a[6]),   \
                         "+x"(a[7]), "+x"(a[8]), "+x"(a[9]), "+x"(a[10]), "+x"(a[11]));                              \
    }                                                                                                                \
    t = seconds() - t;                                                                                               \
    return (double)iterations * 12.0 * (OPS_PER_STEP) / t / 1e9;

__attribute__((target("avx512f,avx512bw,avx512vnni"))) static double peak_vnni512(long iterations) {
    PEAK_LOOP(__m512i, __m512i b = _mm512_set1_epi32(0x01020304); __m512i w = _mm512_set1_epi32(0x01010101);
              for (int i = 0; i < 12; i++) a[i] = _mm512_set1_epi32(i),
              _mm512_dpbusd_epi32(a[i], b, w), 2.0 * 64)
}
__attribute__((target("avx2,avxvnni"))) static double peak_vnni256(long iterations) {
    PEAK_LOOP(__m256i, __m256i b = _mm256_set1_epi32(0x01020304); __m256i w = _mm256_set1_epi32(0x01010101);
              for (int i = 0; i < 12; i++) a[i] = _mm256_set1_epi32(i),
              _mm256_dpbusd_avx_epi32(a[i], b, w), 2.0 * 32)
}
__attribute__((target("avx512f"))) static double peak_fma512(long iterations) {
    PEAK_LOOP(__m512, __m512 b = _mm512_set1_ps(1.0f); __m512 w = _mm512_set1_ps(0.0f);
              for (int i = 0; i < 12; i++) a[i] = _mm512_set1_ps((float)i),
              _mm512_fmadd_ps(a[i], b, w), 2.0 * 16)
}
AVX2 static double peak_fma256(long iterations) {
    PEAK_LOOP(__m256, __m256 b = _mm256_set1_ps(1.0f); __m256 w = _mm256_set1_ps(0.0f);
              for (int i = 0; i < 12; i++) a[i] = _mm256_set1_ps((float)i),
              _mm256_fmadd_ps(a[i], b, w), 2.0 * 8)
}

// tdpbusd on tiles that stay in the tile registers: four independent 16×16 accumulators.
typedef struct {
    uint8_t palette, startRow, reserved[14];
    uint16_t bytesPerRow[16];
    uint8_t rows[16];
} tile_config;
__attribute__((target("amx-tile,amx-int8"))) static double peak_amx(long iterations) {
    tile_config config;
    memset(&config, 0, sizeof config);
    config.palette = 1;
    for (int t = 0; t < 8; t++) { config.rows[t] = 16; config.bytesPerRow[t] = 64; }
    _tile_loadconfig(&config);
    static uint8_t zeros[1024] __attribute__((aligned(64)));
    _tile_loadd(4, zeros, 64); _tile_loadd(5, zeros, 64); _tile_loadd(6, zeros, 64); _tile_loadd(7, zeros, 64);
    _tile_zero(0); _tile_zero(1); _tile_zero(2); _tile_zero(3);
    iterations /= 16;
    double t = seconds();
    for (long i = 0; i < iterations; i++) {
        _tile_dpbusd(0, 4, 6); _tile_dpbusd(1, 4, 7); _tile_dpbusd(2, 5, 6); _tile_dpbusd(3, 5, 7);
    }
    t = seconds() - t;
    _tile_release();
    return (double)iterations * 4.0 * 2.0 * 16 * 16 * 64 / t / 1e9;
}

// ---- The measurement.
int main(int argc, char **argv) {
    int m = argc > 1 ? atoi(argv[1]) : 2046, rounds = argc > 2 ? atoi(argv[2]) : 9;
    m -= m % ROWS16;
    uint32_t cpu = mc_cpu_features();
    const char *cap = getenv("MATHCURATE_CPU_LEVEL");
    int capAVX512 = cap && strcmp(cap, "avx512") == 0, capVNNI = cap && strcmp(cap, "avx-vnni") == 0,
        capAVX2 = cap && strcmp(cap, "avx2") == 0;
    int avx512vnni = (cpu & MC_CPU_AVX512F) && (cpu & MC_CPU_AVX512BW) && (cpu & MC_CPU_AVX512VNNI);
    enum { KERNELS = 4 };
    int present[KERNELS] = {
        !capAVX512 && !capVNNI && !capAVX2 && avx512vnni && (cpu & MC_CPU_AMXINT8),
        !capVNNI && !capAVX2 && avx512vnni,
        !capAVX2 && (cpu & MC_CPU_AVX2) && (cpu & MC_CPU_FMA) && (cpu & MC_CPU_AVXVNNI),
        (cpu & MC_CPU_AVX2) && (cpu & MC_CPU_FMA),
    };
    const char *kernelNames[KERNELS] = {"int8 AMX tiles", "int8 AVX-512 VNNI", "int8 AVX-VNNI 256",
                                        "int8 AVX2 vpmaddwd (not shipped)"};
    openblas_set_num_threads(1);
    printf("rows %d, one thread, best of %d; OpenBLAS kernels %s\n", m, rounds, openblas_get_corename());
    const long iterations = 20000000;
    printf("ceilings (registers only): fp32 FMA %.1f GFLOP/s", present[1] ? peak_fma512(iterations) : peak_fma256(iterations));
    if (present[0]) printf(", int8 AMX %.1f GOP/s", peak_amx(iterations));
    if (present[1]) printf(", int8 AVX-512 VNNI %.1f GOP/s", peak_vnni512(iterations));
    if (present[2]) printf(", int8 AVX-VNNI 256 %.1f GOP/s", peak_vnni256(iterations));
    printf("\n");
    const int shapes[4][2] = {{384, 1152}, {384, 384}, {384, 1536}, {1536, 384}};  // (inputs, outputs)
    const char *names[4] = {"QKV", "attention out", "FFN up", "FFN down"};
    srand(17);
    for (int s = 0; s < 4; s++) {
        int k = shapes[s][0], n = shapes[s][1];
        float *w = malloc(sizeof(float) * (size_t)n * k), *x = malloc(sizeof(float) * (size_t)m * k);
        float *bias = malloc(sizeof(float) * (size_t)n), *outs[KERNELS + 1], *sgemmOut;
        for (int v = 0; v <= KERNELS; v++) outs[v] = malloc(sizeof(float) * (size_t)m * n);
        sgemmOut = outs[KERNELS];
        for (size_t i = 0; i < (size_t)n * k; i++) w[i] = (float)(rand() % 2001 - 1000) / 10000.0f;
        for (size_t i = 0; i < (size_t)m * k; i++) x[i] = (float)(rand() % 2001 - 1000) / 1000.0f;
        for (int i = 0; i < n; i++) bias[i] = (float)(i % 7) / 10.0f;
        int8_t *packed = aligned_alloc(64, (mc_int8_packed_size(n, k) + 63) / 64 * 64);  // as the encoder keeps them
        float *scales = malloc(sizeof(float) * (size_t)n), *rowScales = malloc(sizeof(float) * (size_t)m);
        int32_t *sums = malloc(sizeof(int32_t) * (size_t)n);
        mc_int8_pack_weights(w, n, k, packed, scales, sums);
        int16_t *w16 = widen_weights(packed, n, k), *q16 = malloc(sizeof(int16_t) * (size_t)m * k);
        void *scratch = aligned_alloc(64, mc_int8_scratch_size(k));
        double ops = 2.0 * m * k * n, best[KERNELS + 1] = {1e30, 1e30, 1e30, 1e30, 1e30};
        int8_kernel shipped[3] = {mc_int8_linear_amx, mc_int8_linear_avx512vnni, mc_int8_linear_avxvnni};
        for (int r = 0; r < rounds; r++) {
            double t = seconds();
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1, x, k, w, k, 0, sgemmOut, n);
            t = seconds() - t;
            if (t < best[KERNELS]) best[KERNELS] = t;
            for (int v = 0; v < KERNELS; v++) {
                if (!present[v]) continue;
                t = seconds();
                if (v < 3) shipped[v](x, m, k, NULL, packed, scales, sums, bias, MC_INT8_PLAIN, n, outs[v], scratch);
                else linear_int16(x, m, k, w16, scales, bias, n, outs[v], q16, rowScales);
                t = seconds() - t;
                if (t < best[v]) best[v] = t;
            }
        }
        printf("%-13s %d x %d -> %d: fp32 SGEMM %.1f GFLOP/s\n", names[s], m, k, n, ops / best[KERNELS] / 1e9);
        int reference = -1;
        for (int v = 0; v < KERNELS; v++) {
            if (!present[v]) continue;
            const char *agreement = reference < 0 ? "" : memcmp(outs[reference], outs[v], sizeof(float) * (size_t)m * n) == 0
                                                             ? ", outputs equal to the first's bit for bit" : ", outputs DIFFER";
            printf("%-13s   %-32s %6.1f GOP/s, %.2fx SGEMM%s\n", "", kernelNames[v], ops / best[v] / 1e9, best[KERNELS] / best[v], agreement);
            if (reference < 0) reference = v;
        }
        free(w); free(x); free(bias); free(packed); free(scales); free(rowScales); free(sums); free(w16); free(q16); free(scratch);
        for (int v = 0; v <= KERNELS; v++) free(outs[v]);
    }
    return 0;
}
