// The encoder's element-wise kernels on 512-bit vectors: the same exp and erf-GELU as Kernels+Activations.swift
// (which the baseline build runs on 128-bit SSE), for CPUs with AVX-512 F. Called only after `mc_cpu_features()`
// reports MC_CPU_AVX512F; each function carries the instruction set as a target attribute.
#include "embed_kernels.h"

#if defined(__x86_64__)
#include "simd512_math.h"

AVX512 void mc_gelu_bias_avx512(float *p, int rows, int dim, const float *bias) {
    for (int r = 0; r < rows; r++) {
        float *row = p + (size_t)r * dim;
        for (int j = 0; j < dim; j += 16)
            _mm512_storeu_ps(row + j, gelu16(_mm512_add_ps(_mm512_loadu_ps(row + j), _mm512_loadu_ps(bias + j))));
    }
}

// The row's last partial vector is read with a mask (lanes past `count` read as -inf) rather than after scalar stores
// of -inf into the pad slots, which a vector load of the same bytes would wait for (a store-forwarding stall).
AVX512 void mc_softmax_row_avx512(float *p, int count, int padded) {
    const int full = count / 16 * 16;
    const __mmask16 tail = (__mmask16)((1u << (count - full)) - 1);
    const __m512 minusInfinity = _mm512_set1_ps(-__builtin_inff());
    __m512 m = minusInfinity;
    for (int i = 0; i < full; i += 16) m = _mm512_max_ps(m, _mm512_loadu_ps(p + i));
    if (tail) m = _mm512_max_ps(m, _mm512_mask_loadu_ps(minusInfinity, tail, p + full));
    __m512 peak = _mm512_set1_ps(_mm512_reduce_max_ps(m));
    __m512 sums = _mm512_setzero_ps();
    for (int i = 0; i < full; i += 16) {
        __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(p + i), peak));
        _mm512_storeu_ps(p + i, e);
        sums = _mm512_add_ps(sums, e);
    }
    int end = full;
    if (tail) {
        __m512 e = exp16(_mm512_sub_ps(_mm512_mask_loadu_ps(minusInfinity, tail, p + full), peak));
        _mm512_storeu_ps(p + full, e);
        sums = _mm512_add_ps(sums, e);
        end += 16;
    }
    for (int i = end; i < padded; i += 16) _mm512_storeu_ps(p + i, _mm512_setzero_ps());
    __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(sums));
    for (int i = 0; i < end; i += 16) _mm512_storeu_ps(p + i, _mm512_mul_ps(_mm512_loadu_ps(p + i), inv));
}
#else
void mc_gelu_bias_avx512(float *p, int rows, int dim, const float *bias) { (void)p; (void)rows; (void)dim; (void)bias; }
void mc_softmax_row_avx512(float *p, int count, int padded) { (void)p; (void)count; (void)padded; }
#endif
