// exp and the erf form of GELU on 512-bit vectors, shared by the AVX-512 element-wise kernels and the int8 product's
// fused GELU (the same instructions in both, so a fused result equals a separate pass bit for bit). Include only
// inside `#if defined(__x86_64__)`.
#ifndef SIMD512_MATH_H
#define SIMD512_MATH_H

#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f")))

// e^x: Cody–Waite reduction x = n·ln2 + r, Cephes expf polynomial on r, 2^n from exponent bits; lanes below -80
// return 0 (no subnormals).
AVX512 static inline __m512 exp16(__m512 input) {
    const __m512 low = _mm512_set1_ps(-80.0f), magic = _mm512_set1_ps(12582912.0f);
    __m512 x = _mm512_min_ps(_mm512_max_ps(input, low), _mm512_set1_ps(88.3f));
    __m512 shifted = _mm512_fmadd_ps(x, _mm512_set1_ps(1.44269504f), magic);
    __m512 n = _mm512_sub_ps(shifted, magic);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    p = _mm512_add_ps(_mm512_fmadd_ps(p, _mm512_mul_ps(r, r), r), _mm512_set1_ps(1.0f));
    __m512i bits = _mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_castps_si512(magic));
    __m512 scale = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(bits, _mm512_set1_epi32(127)), 23));
    __mmask16 under = _mm512_cmp_ps_mask(input, low, _CMP_LT_OQ);
    return _mm512_maskz_mul_ps((__mmask16)~under, p, scale);
}

// 0.5·x·(1 + erf(x/√2)), erf by Abramowitz–Stegun 7.1.26.
AVX512 static inline __m512 gelu16(__m512 x) {
    __m512 z = _mm512_mul_ps(x, _mm512_set1_ps(0.70710677f));
    __m512 a = _mm512_abs_ps(z);
    __m512 one = _mm512_set1_ps(1.0f);
    __m512 t = _mm512_div_ps(one, _mm512_fmadd_ps(_mm512_set1_ps(0.3275911f), a, one));
    __m512 poly = _mm512_set1_ps(1.061405429f);
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-1.453152027f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(1.421413741f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(-0.284496736f));
    poly = _mm512_fmadd_ps(poly, t, _mm512_set1_ps(0.254829592f));
    poly = _mm512_mul_ps(poly, t);
    __m512 erfAbs = _mm512_fnmadd_ps(poly, exp16(_mm512_sub_ps(_mm512_setzero_ps(), _mm512_mul_ps(a, a))), one);
    __mmask16 negative = _mm512_cmp_ps_mask(z, _mm512_setzero_ps(), _CMP_LT_OQ);
    __m512 erf = _mm512_mask_sub_ps(erfAbs, negative, _mm512_setzero_ps(), erfAbs);
    return _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.5f), x), _mm512_add_ps(one, erf));
}

#endif
