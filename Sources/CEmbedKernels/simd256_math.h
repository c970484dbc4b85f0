// exp and the erf form of GELU on 256-bit vectors (AVX2 + FMA): the operations of simd512_math.h, eight lanes at a
// time, so both give the same value for the same input. Include only inside `#if defined(__x86_64__)`.
#ifndef SIMD256_MATH_H
#define SIMD256_MATH_H

#include <immintrin.h>

#define AVX2_FMA __attribute__((target("avx2,fma")))

// e^x: Cody–Waite reduction x = n·ln2 + r, Cephes expf polynomial on r, 2^n from exponent bits; lanes below -80
// return 0 (no subnormals).
AVX2_FMA static inline __m256 exp8(__m256 input) {
    const __m256 low = _mm256_set1_ps(-80.0f), magic = _mm256_set1_ps(12582912.0f);
    __m256 x = _mm256_min_ps(_mm256_max_ps(input, low), _mm256_set1_ps(88.3f));
    __m256 shifted = _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504f), magic);
    __m256 n = _mm256_sub_ps(shifted, magic);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    __m256i bits = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_castps_si256(magic));
    __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(bits, _mm256_set1_epi32(127)), 23));
    __m256 under = _mm256_cmp_ps(input, low, _CMP_LT_OQ);
    return _mm256_andnot_ps(under, _mm256_mul_ps(p, scale));
}

// 0.5·x·(1 + erf(x/√2)), erf by Abramowitz–Stegun 7.1.26.
AVX2_FMA static inline __m256 gelu8(__m256 x) {
    __m256 z = _mm256_mul_ps(x, _mm256_set1_ps(0.70710677f));
    __m256 a = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), z);
    __m256 one = _mm256_set1_ps(1.0f);
    __m256 t = _mm256_div_ps(one, _mm256_fmadd_ps(_mm256_set1_ps(0.3275911f), a, one));
    __m256 poly = _mm256_set1_ps(1.061405429f);
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-1.453152027f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(1.421413741f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(-0.284496736f));
    poly = _mm256_fmadd_ps(poly, t, _mm256_set1_ps(0.254829592f));
    poly = _mm256_mul_ps(poly, t);
    __m256 erfAbs = _mm256_fnmadd_ps(poly, exp8(_mm256_sub_ps(_mm256_setzero_ps(), _mm256_mul_ps(a, a))), one);
    __m256 negative = _mm256_cmp_ps(z, _mm256_setzero_ps(), _CMP_LT_OQ);
    __m256 erf = _mm256_blendv_ps(erfAbs, _mm256_sub_ps(_mm256_setzero_ps(), erfAbs), negative);
    return _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.5f), x), _mm256_add_ps(one, erf));
}

#endif
