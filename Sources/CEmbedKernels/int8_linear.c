// The int8 Linear product of the encoder's fast pass: weights quantized per output channel, activations per row,
// products summed exactly in int32 with VNNI's vpdpbusd: on 512-bit vectors with AVX-512 VNNI (64 byte products per
// instruction, four times the work of an fp32 FMA), or on 256-bit ones with AVX-VNNI. Both read the same packed
// weights and quantize the activations the same way, so they compute the same int32 sums and the same outputs, bit
// for bit. Only the two product functions need the wide instructions; each carries them as a target attribute, so
// this file builds for the x86-64 baseline.
#include "embed_kernels.h"
#include <math.h>
#include <string.h>

// PANEL channels a weight panel; ROWS rows a 512-bit tile, ROWS256 a 256-bit one. Each kernel quantizes one tile of
// rows at a time, just before multiplying it, so the quantized bytes stay in the first-level cache.
// ROWS_AMX rows the AMX kernel's block: two tiles of 16 rows.
enum { PANEL = 16, ROWS = 8, ROWS256 = 6, ROWS_AMX = 32 };

size_t mc_int8_packed_size(int n, int k) { return (size_t)n * (size_t)k; }

size_t mc_int8_scratch_size(int k) { return ((size_t)ROWS_AMX * (size_t)k + 63) / 64 * 64; }

void mc_int8_pack_weights(const float *w, int n, int k, int8_t *packed, float *scales, int32_t *sums) {
    for (int c = 0; c < n; c++) {
        const float *row = w + (size_t)c * k;
        float peak = 0;
        for (int i = 0; i < k; i++) peak = fmaxf(peak, fabsf(row[i]));
        float scale = peak > 0 ? peak / 127.0f : 1.0f;
        scales[c] = scale;
        int32_t sum = 0;
        // Panel c/16 holds, for each group g of 4 inputs, 16 channels × 4 bytes: one 64-byte vector per group.
        int8_t *panel = packed + (size_t)(c / PANEL) * PANEL * k;
        for (int i = 0; i < k; i++) {
            long q = lrintf(row[i] / scale);
            int8_t b = (int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
            sum += b;
            panel[(size_t)(i / 4) * PANEL * 4 + (c % PANEL) * 4 + i % 4] = b;
        }
        sums[c] = sum;
    }
}

#if defined(__x86_64__)
#include "simd512_math.h"

#define VNNI __attribute__((target("avx512f,avx512bw,avx512vnni")))

// Row r of x to bytes: q = round(x / s) + 128 with s = max |x| / 127, so q is in 1...255.
// With `smooth`, x is first multiplied by it channel by channel (the weights were divided by it when packed).
VNNI static void quantize_rows(const float *x, int m, int k, const float *smooth, uint8_t *q, float *rowScales) {
    for (int r = 0; r < m; r++) {
        const float *row = x + (size_t)r * k;
#define LOAD(i) (smooth ? _mm512_mul_ps(_mm512_loadu_ps(row + (i)), _mm512_loadu_ps(smooth + (i))) : _mm512_loadu_ps(row + (i)))
        __m512 peak = _mm512_setzero_ps();
        for (int i = 0; i < k; i += 16) peak = _mm512_max_ps(peak, _mm512_abs_ps(LOAD(i)));
        float p = _mm512_reduce_max_ps(peak);
        float s = p > 0 ? p / 127.0f : 1.0f;
        rowScales[r] = s;
        __m512 inv = _mm512_set1_ps(1.0f / s);
        __m512i zero = _mm512_set1_epi32(128);
        for (int i = 0; i < k; i += 16) {
            __m512i v = _mm512_add_epi32(_mm512_cvtps_epi32(_mm512_mul_ps(LOAD(i), inv)), zero);
            _mm_storeu_si128((__m128i *)(q + (size_t)r * k + i), _mm512_cvtusepi32_epi8(v));
        }
#undef LOAD
    }
}

// ROWS_ rows × two panels (32 channels): 2·ROWS_ accumulators, each group of 4 inputs one broadcast per row.
#define DEFINE_TILE(ROWS_)                                                                                           \
    VNNI static void tile_##ROWS_(const uint8_t *q, int k, const int8_t *p0, const int8_t *p1, __m512i *acc) {       \
        __m512i a0[ROWS_], a1[ROWS_];                                                                                \
        for (int r = 0; r < ROWS_; r++) { a0[r] = _mm512_setzero_si512(); a1[r] = _mm512_setzero_si512(); }         \
        for (int g = 0; g < k / 4; g++) {                                                                            \
            __m512i w0 = _mm512_loadu_si512(p0 + (size_t)g * 64), w1 = _mm512_loadu_si512(p1 + (size_t)g * 64);     \
            for (int r = 0; r < ROWS_; r++) {                                                                        \
                int32_t four;                                                                                        \
                memcpy(&four, q + (size_t)r * k + (size_t)g * 4, 4);                                                 \
                __m512i b = _mm512_set1_epi32(four);                                                                 \
                a0[r] = _mm512_dpbusd_epi32(a0[r], b, w0);                                                           \
                a1[r] = _mm512_dpbusd_epi32(a1[r], b, w1);                                                           \
            }                                                                                                        \
        }                                                                                                            \
        for (int r = 0; r < ROWS_; r++) { acc[2 * r] = a0[r]; acc[2 * r + 1] = a1[r]; }                              \
    }
DEFINE_TILE(8)
DEFINE_TILE(1)

// out = (acc - 128·sum) · rowScale · scale (+ bias), then GELU with MC_INT8_GELU, for one row and one panel.
VNNI static void store_panel(__m512i acc, const int32_t *sums, const float *scales, const float *bias, float rowScale,
                             mc_int8_epilogue epilogue, float *out) {
    __m512i centred = _mm512_sub_epi32(acc, _mm512_slli_epi32(_mm512_loadu_si512(sums), 7));
    __m512 v = _mm512_mul_ps(_mm512_cvtepi32_ps(centred), _mm512_mul_ps(_mm512_loadu_ps(scales), _mm512_set1_ps(rowScale)));
    if (bias) v = _mm512_add_ps(v, _mm512_loadu_ps(bias));
    if (epilogue == MC_INT8_GELU) v = gelu16(v);
    _mm512_storeu_ps(out, v);
}

VNNI void mc_int8_linear_avx512vnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                                    const float *scales, const int32_t *sums, const float *bias,
                                    mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    uint8_t *q = scratch;
    float rowScales[ROWS];
    __m512i acc[2 * ROWS];
    for (int r0 = 0; r0 < m; r0 += ROWS) {
        int rows = m - r0 < ROWS ? m - r0 : ROWS;
        quantize_rows(x + (size_t)r0 * k, rows, k, smooth, q, rowScales);
        for (int c = 0; c < n; c += 2 * PANEL) {
            int two = c + PANEL < n;
            const int8_t *p0 = packed + (size_t)c * k, *p1 = two ? p0 + (size_t)PANEL * k : p0;
            for (int r = 0; r < rows; r += (rows == ROWS ? ROWS : 1)) {
                if (rows == ROWS) tile_8(q, k, p0, p1, acc);
                else tile_1(q + (size_t)r * k, k, p0, p1, acc + 2 * r);
            }
            for (int r = 0; r < rows; r++) {
                float *o = out + (size_t)(r0 + r) * n + c;
                store_panel(acc[2 * r], sums + c, scales + c, bias ? bias + c : NULL, rowScales[r], epilogue, o);
                if (two) store_panel(acc[2 * r + 1], sums + c + PANEL, scales + c + PANEL, bias ? bias + c + PANEL : NULL,
                                     rowScales[r], epilogue, o + PANEL);
            }
        }
    }
}

// The same product on AMX tiles. A block is 32 rows × 32 channels: four 16×16 int32 accumulator tiles (0-3), two
// tiles of 16 quantized rows × 64 inputs (4, 5) and two of a panel's next 16 groups of 4 inputs × 16 channels (6, 7),
// which is how the panels are packed already. tdpbusd sums u8 × s8 products exactly in int32, as vpdpbusd does, so
// the accumulators equal the AVX-512 kernel's; they go through memory to its store_panel.
#define AMX_TILES __attribute__((target("amx-tile,amx-int8,avx512f,avx512bw,avx512vnni")))

/// The tile shapes, in the layout ldtilecfg reads (palette 1).
typedef struct {
    uint8_t palette, startRow, reserved[14];
    uint16_t bytesPerRow[16];
    uint8_t rows[16];
} amx_tile_config;

AMX_TILES void mc_int8_linear_amx(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                                  const float *scales, const int32_t *sums, const float *bias,
                                  mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    amx_tile_config config;
    memset(&config, 0, sizeof config);
    config.palette = 1;
    for (int t = 0; t < 8; t++) { config.rows[t] = 16; config.bytesPerRow[t] = 64; }
    _tile_loadconfig(&config);
    uint8_t *q = scratch;
    float rowScales[ROWS_AMX];
    int32_t acc[ROWS_AMX * 2 * PANEL] __attribute__((aligned(64)));
    const size_t stride = 2 * PANEL * sizeof(int32_t);
    for (int r0 = 0; r0 < m; r0 += ROWS_AMX) {
        int rows = m - r0 < ROWS_AMX ? m - r0 : ROWS_AMX;
        quantize_rows(x + (size_t)r0 * k, rows, k, smooth, q, rowScales);
        int lower = rows > 16;  // whether the block's second row tile holds rows
        int tileRows = lower ? ROWS_AMX : 16;
        if (rows < tileRows) memset(q + (size_t)rows * k, 128, (size_t)(tileRows - rows) * k);
        for (int c = 0; c < n; c += 2 * PANEL) {
            int two = c + PANEL < n;
            const int8_t *p0 = packed + (size_t)c * k, *p1 = p0 + (size_t)PANEL * k;
            _tile_zero(0); _tile_zero(1); _tile_zero(2); _tile_zero(3);
            for (int i = 0; i < k; i += 64) {
                _tile_loadd(4, q + i, k);
                _tile_loadd(6, p0 + (size_t)i * PANEL, 64);
                _tile_dpbusd(0, 4, 6);
                if (two) { _tile_loadd(7, p1 + (size_t)i * PANEL, 64); _tile_dpbusd(1, 4, 7); }
                if (lower) {
                    _tile_loadd(5, q + (size_t)16 * k + i, k);
                    _tile_dpbusd(2, 5, 6);
                    if (two) _tile_dpbusd(3, 5, 7);
                }
            }
            _tile_stored(0, acc, stride);
            if (two) _tile_stored(1, acc + PANEL, stride);
            if (lower) {
                _tile_stored(2, acc + 16 * 2 * PANEL, stride);
                if (two) _tile_stored(3, acc + 16 * 2 * PANEL + PANEL, stride);
            }
            for (int r = 0; r < rows; r++) {
                float *o = out + (size_t)(r0 + r) * n + c;
                const int32_t *a = acc + (size_t)r * 2 * PANEL;
                store_panel(_mm512_load_si512(a), sums + c, scales + c, bias ? bias + c : NULL, rowScales[r], epilogue, o);
                if (two) store_panel(_mm512_load_si512(a + PANEL), sums + c + PANEL, scales + c + PANEL,
                                     bias ? bias + c + PANEL : NULL, rowScales[r], epilogue, o + PANEL);
            }
        }
    }
    _tile_release();
}

// The same product on 256-bit vectors (AVX2, FMA and AVX-VNNI, for CPUs without AVX-512): a 16-channel panel is two
// vectors of 8 channels, and a tile is 6 rows × one panel (12 accumulators, 2 weight vectors and a broadcast of the
// 16 registers). Every step is the 512-bit one's on half the lanes: same bytes, same int32 sums, same float epilogue.
#include "simd256_math.h"

#define AVXVNNI __attribute__((target("avx2,fma,avxvnni")))

AVXVNNI static void quantize_rows_256(const float *x, int m, int k, const float *smooth, uint8_t *q, float *rowScales) {
    for (int r = 0; r < m; r++) {
        const float *row = x + (size_t)r * k;
#define LOAD(i) (smooth ? _mm256_mul_ps(_mm256_loadu_ps(row + (i)), _mm256_loadu_ps(smooth + (i))) : _mm256_loadu_ps(row + (i)))
        const __m256 signBit = _mm256_set1_ps(-0.0f);
        __m256 peak = _mm256_setzero_ps();
        for (int i = 0; i < k; i += 8) peak = _mm256_max_ps(peak, _mm256_andnot_ps(signBit, LOAD(i)));
        __m128 half = _mm_max_ps(_mm256_castps256_ps128(peak), _mm256_extractf128_ps(peak, 1));
        half = _mm_max_ps(half, _mm_movehl_ps(half, half));
        half = _mm_max_ss(half, _mm_shuffle_ps(half, half, 1));
        float p = _mm_cvtss_f32(half);
        float s = p > 0 ? p / 127.0f : 1.0f;
        rowScales[r] = s;
        __m256 inv = _mm256_set1_ps(1.0f / s);
        __m256i zero = _mm256_set1_epi32(128);
        for (int i = 0; i < k; i += 16) {
            __m256i lo = _mm256_add_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(LOAD(i), inv)), zero);
            __m256i hi = _mm256_add_epi32(_mm256_cvtps_epi32(_mm256_mul_ps(LOAD(i + 8), inv)), zero);
            // Values are in 1...255: pack to 16 bits (lane-interleaved), restore the order, pack to bytes.
            __m256i words = _mm256_permute4x64_epi64(_mm256_packus_epi32(lo, hi), 0xD8);
            __m128i bytes = _mm_packus_epi16(_mm256_castsi256_si128(words), _mm256_extracti128_si256(words, 1));
            _mm_storeu_si128((__m128i *)(q + (size_t)r * k + i), bytes);
        }
#undef LOAD
    }
}

// ROWS_ rows × one panel (16 channels as two 8-channel halves).
#define DEFINE_TILE_256(ROWS_)                                                                                       \
    AVXVNNI static void tile256_##ROWS_(const uint8_t *q, int k, const int8_t *panel, __m256i *acc) {               \
        __m256i a0[ROWS_], a1[ROWS_];                                                                                \
        for (int r = 0; r < ROWS_; r++) { a0[r] = _mm256_setzero_si256(); a1[r] = _mm256_setzero_si256(); }         \
        for (int g = 0; g < k / 4; g++) {                                                                            \
            __m256i w0 = _mm256_loadu_si256((const __m256i *)(panel + (size_t)g * 64));                             \
            __m256i w1 = _mm256_loadu_si256((const __m256i *)(panel + (size_t)g * 64 + 32));                        \
            for (int r = 0; r < ROWS_; r++) {                                                                        \
                int32_t four;                                                                                        \
                memcpy(&four, q + (size_t)r * k + (size_t)g * 4, 4);                                                 \
                __m256i b = _mm256_set1_epi32(four);                                                                 \
                a0[r] = _mm256_dpbusd_avx_epi32(a0[r], b, w0);                                                       \
                a1[r] = _mm256_dpbusd_avx_epi32(a1[r], b, w1);                                                       \
            }                                                                                                        \
        }                                                                                                            \
        for (int r = 0; r < ROWS_; r++) { acc[2 * r] = a0[r]; acc[2 * r + 1] = a1[r]; }                              \
    }
DEFINE_TILE_256(6)
DEFINE_TILE_256(1)

// store_panel on 8 channels.
AVXVNNI static void store_half(__m256i acc, const int32_t *sums, const float *scales, const float *bias, float rowScale,
                               mc_int8_epilogue epilogue, float *out) {
    __m256i centred = _mm256_sub_epi32(acc, _mm256_slli_epi32(_mm256_loadu_si256((const __m256i *)sums), 7));
    __m256 v = _mm256_mul_ps(_mm256_cvtepi32_ps(centred), _mm256_mul_ps(_mm256_loadu_ps(scales), _mm256_set1_ps(rowScale)));
    if (bias) v = _mm256_add_ps(v, _mm256_loadu_ps(bias));
    if (epilogue == MC_INT8_GELU) v = gelu8(v);
    _mm256_storeu_ps(out, v);
}

AVXVNNI void mc_int8_linear_avxvnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                                    const float *scales, const int32_t *sums, const float *bias,
                                    mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    uint8_t *q = scratch;
    float rowScales[ROWS256];
    __m256i acc[2 * ROWS256];
    for (int r0 = 0; r0 < m; r0 += ROWS256) {
        int rows = m - r0 < ROWS256 ? m - r0 : ROWS256;
        quantize_rows_256(x + (size_t)r0 * k, rows, k, smooth, q, rowScales);
        for (int c = 0; c < n; c += PANEL) {
            const int8_t *panel = packed + (size_t)c * k;
            if (rows == ROWS256) tile256_6(q, k, panel, acc);
            else for (int r = 0; r < rows; r++) tile256_1(q + (size_t)r * k, k, panel, acc + 2 * r);
            for (int r = 0; r < rows; r++) {
                float *o = out + (size_t)(r0 + r) * n + c;
                for (int h = 0; h < 2; h++) {
                    int at = c + 8 * h;
                    store_half(acc[2 * r + h], sums + at, scales + at, bias ? bias + at : NULL, rowScales[r], epilogue,
                               o + 8 * h);
                }
            }
        }
    }
}
#else
void mc_int8_linear_amx(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                        const float *scales, const int32_t *sums, const float *bias,
                        mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    (void)epilogue; (void)smooth; (void)x; (void)m; (void)k; (void)packed; (void)scales; (void)sums; (void)bias; (void)n; (void)out; (void)scratch;
}
void mc_int8_linear_avxvnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                            const float *scales, const int32_t *sums, const float *bias,
                            mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    (void)epilogue; (void)smooth; (void)x; (void)m; (void)k; (void)packed; (void)scales; (void)sums; (void)bias; (void)n; (void)out; (void)scratch;
}
void mc_int8_linear_avx512vnni(const float *x, int m, int k, const float *smooth, const int8_t *packed,
                               const float *scales, const int32_t *sums, const float *bias,
                               mc_int8_epilogue epilogue, int n, float *out, void *scratch) {
    (void)epilogue; (void)smooth; (void)x; (void)m; (void)k; (void)packed; (void)scales; (void)sums; (void)bias; (void)n; (void)out; (void)scratch;
}
#endif
