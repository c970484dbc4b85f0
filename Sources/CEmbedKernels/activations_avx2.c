// The encoder's element-wise kernels on 256-bit vectors, for CPUs with AVX2 and FMA but not AVX-512 (on the baseline
// build, Kernels+Activations.swift runs the same exp and erf-GELU on 128-bit SSE). Called only after
// `mc_cpu_features()` reports MC_CPU_AVX2 and MC_CPU_FMA; each function carries the instruction sets as a target
// attribute.
#include "embed_kernels.h"

#if defined(__x86_64__)
#include "simd256_math.h"

AVX2_FMA static inline float max8(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

AVX2_FMA static inline float sum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AVX2_FMA void mc_gelu_bias_avx2(float *p, int rows, int dim, const float *bias) {
    for (int r = 0; r < rows; r++) {
        float *row = p + (size_t)r * dim;
        for (int j = 0; j < dim; j += 8)
            _mm256_storeu_ps(row + j, gelu8(_mm256_add_ps(_mm256_loadu_ps(row + j), _mm256_loadu_ps(bias + j))));
    }
}

// As mc_softmax_row_avx512: the partial last vector is read with a mask (lanes past `count` read as -inf), not after
// scalar stores into the pad slots.
AVX2_FMA void mc_softmax_row_avx2(float *p, int count, int padded) {
    const int full = count / 8 * 8, rest = count - full;
    const __m256 minusInfinity = _mm256_set1_ps(-__builtin_inff());
    const __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32(rest), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
#define LOAD_TAIL() _mm256_blendv_ps(minusInfinity, _mm256_maskload_ps(p + full, tail), _mm256_castsi256_ps(tail))
    __m256 m = minusInfinity;
    for (int i = 0; i < full; i += 8) m = _mm256_max_ps(m, _mm256_loadu_ps(p + i));
    if (rest) m = _mm256_max_ps(m, LOAD_TAIL());
    __m256 peak = _mm256_set1_ps(max8(m));
    __m256 sums = _mm256_setzero_ps();
    for (int i = 0; i < full; i += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(p + i), peak));
        _mm256_storeu_ps(p + i, e);
        sums = _mm256_add_ps(sums, e);
    }
    int end = full;
    if (rest) {
        __m256 e = exp8(_mm256_sub_ps(LOAD_TAIL(), peak));
        _mm256_storeu_ps(p + full, e);
        sums = _mm256_add_ps(sums, e);
        end += 8;
    }
#undef LOAD_TAIL
    for (int i = end; i < padded; i += 8) _mm256_storeu_ps(p + i, _mm256_setzero_ps());
    __m256 inv = _mm256_set1_ps(1.0f / sum8(sums));
    for (int i = 0; i < end; i += 8) _mm256_storeu_ps(p + i, _mm256_mul_ps(_mm256_loadu_ps(p + i), inv));
}
#else
void mc_gelu_bias_avx2(float *p, int rows, int dim, const float *bias) { (void)p; (void)rows; (void)dim; (void)bias; }
void mc_softmax_row_avx2(float *p, int count, int padded) { (void)p; (void)count; (void)padded; }
#endif
