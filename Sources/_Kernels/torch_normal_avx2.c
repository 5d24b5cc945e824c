// PyTorch's AVX2 `normal_fill` Box–Muller (Cephes `log256_ps` / `sincos256_ps`), one block of 16 at a
// time. The same per-lane operations, in the same order, as torch_normal.c's portable transcription,
// so the results are bit-identical.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define F(x) _mm256_set1_ps(x)

AVX2 static inline __m256 cephes_log8(__m256 x) {
  x = _mm256_max_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(0x00800000)));
  __m256i exponent = _mm256_srli_epi32(_mm256_castps_si256(x), 23);
  x = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(_mm256_castps_si256(x), _mm256_set1_epi32(~0x7F800000)),
                                          _mm256_set1_epi32(0x3F000000)));
  __m256 e = _mm256_cvtepi32_ps(_mm256_sub_epi32(exponent, _mm256_set1_epi32(127)));
  e = _mm256_add_ps(e, F(1.0f));
  __m256 below = _mm256_cmp_ps(x, F(0.707106781186547524f), _CMP_LT_OS);
  __m256 tmp = _mm256_and_ps(below, x);
  x = _mm256_sub_ps(x, F(1.0f));
  e = _mm256_sub_ps(e, _mm256_and_ps(below, F(1.0f)));
  x = _mm256_add_ps(x, tmp);
  __m256 z = _mm256_mul_ps(x, x);
  __m256 y = F(7.0376836292e-2f);
  y = _mm256_fmadd_ps(y, x, F(-1.1514610310e-1f));
  y = _mm256_fmadd_ps(y, x, F(1.1676998740e-1f));
  y = _mm256_fmadd_ps(y, x, F(-1.2420140846e-1f));
  y = _mm256_fmadd_ps(y, x, F(1.4249322787e-1f));
  y = _mm256_fmadd_ps(y, x, F(-1.6668057665e-1f));
  y = _mm256_fmadd_ps(y, x, F(2.0000714765e-1f));
  y = _mm256_fmadd_ps(y, x, F(-2.4999993993e-1f));
  y = _mm256_fmadd_ps(y, x, F(3.3333331174e-1f));
  y = _mm256_mul_ps(y, x);
  y = _mm256_fmadd_ps(y, z, _mm256_mul_ps(e, F(-2.12194440e-4f)));
  y = _mm256_fnmadd_ps(z, F(0.5f), y);
  x = _mm256_add_ps(x, y);
  return _mm256_fmadd_ps(e, F(0.693359375f), x);
}

AVX2 static inline void cephes_sincos8(__m256 input, __m256 *sine, __m256 *cosine) {
  __m256i sign_sin = _mm256_and_si256(_mm256_castps_si256(input), _mm256_set1_epi32((int)0x80000000u));
  __m256 x = _mm256_castsi256_ps(_mm256_and_si256(_mm256_castps_si256(input), _mm256_set1_epi32(0x7FFFFFFF)));
  __m256 y = _mm256_mul_ps(x, F(1.27323954473516f));
  __m256i j = _mm256_cvttps_epi32(y);
  j = _mm256_and_si256(_mm256_add_epi32(j, _mm256_set1_epi32(1)), _mm256_set1_epi32(~1));
  y = _mm256_cvtepi32_ps(j);
  __m256i swap_sign = _mm256_slli_epi32(_mm256_and_si256(j, _mm256_set1_epi32(4)), 29);
  __m256 polynomial_sin = _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(j, _mm256_set1_epi32(2)), _mm256_setzero_si256()));
  x = _mm256_fmadd_ps(y, F(-0.78515625f), x);
  x = _mm256_fmadd_ps(y, F(-2.4187564849853515625e-4f), x);
  x = _mm256_fmadd_ps(y, F(-3.77489497744594108e-8f), x);
  __m256i sign_cos = _mm256_slli_epi32(
      _mm256_andnot_si256(_mm256_sub_epi32(j, _mm256_set1_epi32(2)), _mm256_set1_epi32(4)), 29);
  sign_sin = _mm256_xor_si256(sign_sin, swap_sign);
  __m256 z = _mm256_mul_ps(x, x);
  __m256 yc = _mm256_fmadd_ps(F(2.443315711809948e-5f), z, F(-1.388731625493765e-3f));
  yc = _mm256_fmadd_ps(yc, z, F(4.166664568298827e-2f));
  yc = _mm256_mul_ps(yc, z);
  yc = _mm256_fmsub_ps(yc, z, _mm256_mul_ps(z, F(0.5f)));
  yc = _mm256_add_ps(yc, F(1.0f));
  __m256 ys = _mm256_fmadd_ps(F(-1.9515295891e-4f), z, F(8.3321608736e-3f));
  ys = _mm256_fmadd_ps(ys, z, F(-1.6666654611e-1f));
  ys = _mm256_mul_ps(ys, z);
  ys = _mm256_fmadd_ps(ys, x, x);
  __m256 ysin2 = _mm256_and_ps(polynomial_sin, ys);
  __m256 ysin1 = _mm256_andnot_ps(polynomial_sin, yc);
  __m256 ys2 = _mm256_sub_ps(ys, ysin2);
  __m256 yc2 = _mm256_sub_ps(yc, ysin1);
  __m256 s = _mm256_add_ps(ysin1, ysin2);
  __m256 c = _mm256_add_ps(yc2, ys2);
  *sine = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_castps_si256(s), sign_sin));
  *cosine = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_castps_si256(c), sign_cos));
}

// u1 (8 lanes) and u2 (8 lanes) → (mean + std·r·cos θ, mean + std·r·sin θ).
AVX2 static inline void box_muller8(__m256 u1_from, __m256 u2, __m256 mean, __m256 std, __m256 *c, __m256 *s) {
  __m256 u1 = _mm256_sub_ps(F(1.0f), u1_from);
  __m256 radius = _mm256_sqrt_ps(_mm256_mul_ps(F(-2.0f), cephes_log8(u1)));
  __m256 sine, cosine;
  cephes_sincos8(_mm256_mul_ps(F((float)(2.0 * 3.14159265358979323846)), u2), &sine, &cosine);
  *c = _mm256_fmadd_ps(_mm256_mul_ps(radius, cosine), std, mean);
  *s = _mm256_fmadd_ps(_mm256_mul_ps(radius, sine), std, mean);
}

AVX2 void nninit_torch_normal16_cephes_avx2(float *d, size_t blocks, float mean_value, float std_value) {
  __m256 mean = F(mean_value), std = F(std_value), c, s;
  for (size_t b = 0; b < blocks; b++, d += 16) {
    box_muller8(_mm256_loadu_ps(d), _mm256_loadu_ps(d + 8), mean, std, &c, &s);
    _mm256_storeu_ps(d, c);
    _mm256_storeu_ps(d + 8, s);
  }
}
#endif
