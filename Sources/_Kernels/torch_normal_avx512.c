// PyTorch's AVX2 `normal_fill` Box–Muller (Cephes `log256_ps` / `sincos256_ps`) on AVX-512, two blocks
// of 16 at a time. The same per-lane operations, in the same order, as torch_normal.c's portable
// transcription, so the results are bit-identical.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))
#define F(x) _mm512_set1_ps(x)

AVX512 static inline __m512 cephes_log16(__m512 x) {
  x = _mm512_max_ps(x, _mm512_castsi512_ps(_mm512_set1_epi32(0x00800000)));
  __m512i exponent = _mm512_srli_epi32(_mm512_castps_si512(x), 23);
  x = _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(~0x7F800000)),
                                          _mm512_set1_epi32(0x3F000000)));
  __m512 e = _mm512_cvtepi32_ps(_mm512_sub_epi32(exponent, _mm512_set1_epi32(127)));
  e = _mm512_add_ps(e, F(1.0f));
  __mmask16 below = _mm512_cmp_ps_mask(x, F(0.707106781186547524f), _CMP_LT_OS);
  __m512 tmp = _mm512_maskz_mov_ps(below, x);
  x = _mm512_sub_ps(x, F(1.0f));
  e = _mm512_sub_ps(e, _mm512_maskz_mov_ps(below, F(1.0f)));
  x = _mm512_add_ps(x, tmp);
  __m512 z = _mm512_mul_ps(x, x);
  __m512 y = F(7.0376836292e-2f);
  y = _mm512_fmadd_ps(y, x, F(-1.1514610310e-1f));
  y = _mm512_fmadd_ps(y, x, F(1.1676998740e-1f));
  y = _mm512_fmadd_ps(y, x, F(-1.2420140846e-1f));
  y = _mm512_fmadd_ps(y, x, F(1.4249322787e-1f));
  y = _mm512_fmadd_ps(y, x, F(-1.6668057665e-1f));
  y = _mm512_fmadd_ps(y, x, F(2.0000714765e-1f));
  y = _mm512_fmadd_ps(y, x, F(-2.4999993993e-1f));
  y = _mm512_fmadd_ps(y, x, F(3.3333331174e-1f));
  y = _mm512_mul_ps(y, x);
  y = _mm512_fmadd_ps(y, z, _mm512_mul_ps(e, F(-2.12194440e-4f)));
  y = _mm512_fnmadd_ps(z, F(0.5f), y);
  x = _mm512_add_ps(x, y);
  return _mm512_fmadd_ps(e, F(0.693359375f), x);
}

AVX512 static inline void cephes_sincos16(__m512 input, __m512 *sine, __m512 *cosine) {
  __m512i sign_sin = _mm512_and_si512(_mm512_castps_si512(input), _mm512_set1_epi32((int)0x80000000u));
  __m512 x = _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(input), _mm512_set1_epi32(0x7FFFFFFF)));
  __m512 y = _mm512_mul_ps(x, F(1.27323954473516f));
  __m512i j = _mm512_cvttps_epi32(y);
  j = _mm512_and_si512(_mm512_add_epi32(j, _mm512_set1_epi32(1)), _mm512_set1_epi32(~1));
  y = _mm512_cvtepi32_ps(j);
  __m512i swap_sign = _mm512_slli_epi32(_mm512_and_si512(j, _mm512_set1_epi32(4)), 29);
  __mmask16 polynomial_sin = _mm512_testn_epi32_mask(j, _mm512_set1_epi32(2));
  x = _mm512_fmadd_ps(y, F(-0.78515625f), x);
  x = _mm512_fmadd_ps(y, F(-2.4187564849853515625e-4f), x);
  x = _mm512_fmadd_ps(y, F(-3.77489497744594108e-8f), x);
  __m512i sign_cos = _mm512_slli_epi32(
      _mm512_andnot_si512(_mm512_sub_epi32(j, _mm512_set1_epi32(2)), _mm512_set1_epi32(4)), 29);
  sign_sin = _mm512_xor_si512(sign_sin, swap_sign);
  __m512 z = _mm512_mul_ps(x, x);
  __m512 yc = _mm512_fmadd_ps(F(2.443315711809948e-5f), z, F(-1.388731625493765e-3f));
  yc = _mm512_fmadd_ps(yc, z, F(4.166664568298827e-2f));
  yc = _mm512_mul_ps(yc, z);
  yc = _mm512_fmsub_ps(yc, z, _mm512_mul_ps(z, F(0.5f)));
  yc = _mm512_add_ps(yc, F(1.0f));
  __m512 ys = _mm512_fmadd_ps(F(-1.9515295891e-4f), z, F(8.3321608736e-3f));
  ys = _mm512_fmadd_ps(ys, z, F(-1.6666654611e-1f));
  ys = _mm512_mul_ps(ys, z);
  ys = _mm512_fmadd_ps(ys, x, x);
  __m512 ysin2 = _mm512_maskz_mov_ps(polynomial_sin, ys);
  __m512 ysin1 = _mm512_maskz_mov_ps((__mmask16)~polynomial_sin, yc);
  __m512 ys2 = _mm512_sub_ps(ys, ysin2);
  __m512 yc2 = _mm512_sub_ps(yc, ysin1);
  __m512 s = _mm512_add_ps(ysin1, ysin2);
  __m512 c = _mm512_add_ps(yc2, ys2);
  *sine = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(s), sign_sin));
  *cosine = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(c), sign_cos));
}

// u1 (16 lanes) and u2 (16 lanes) → (mean + std·r·cos θ, mean + std·r·sin θ).
AVX512 static inline void box_muller16(__m512 u1_from, __m512 u2, __m512 mean, __m512 std, __m512 *c, __m512 *s) {
  __m512 u1 = _mm512_sub_ps(F(1.0f), u1_from);
  __m512 radius = _mm512_sqrt_ps(_mm512_mul_ps(F(-2.0f), cephes_log16(u1)));
  __m512 sine, cosine;
  cephes_sincos16(_mm512_mul_ps(F((float)(2.0 * 3.14159265358979323846)), u2), &sine, &cosine);
  *c = _mm512_fmadd_ps(_mm512_mul_ps(radius, cosine), std, mean);
  *s = _mm512_fmadd_ps(_mm512_mul_ps(radius, sine), std, mean);
}

AVX512 void nninit_torch_normal16_cephes_avx512(float *d, size_t blocks, float mean_value, float std_value) {
  __m512 mean = F(mean_value), std = F(std_value), c, s;
  size_t b = 0;
  for (; b + 2 <= blocks; b += 2, d += 32) {
    __m512 first = _mm512_loadu_ps(d), second = _mm512_loadu_ps(d + 16);
    // Lanes 0–7 of each block are u1, lanes 8–15 u2.
    box_muller16(_mm512_shuffle_f32x4(first, second, 0x44), _mm512_shuffle_f32x4(first, second, 0xEE), mean, std, &c, &s);
    _mm512_storeu_ps(d, _mm512_shuffle_f32x4(c, s, 0x44));
    _mm512_storeu_ps(d + 16, _mm512_shuffle_f32x4(c, s, 0xEE));
  }
  if (b < blocks) {
    __m512 block = _mm512_loadu_ps(d);
    box_muller16(_mm512_shuffle_f32x4(block, block, 0x44), _mm512_shuffle_f32x4(block, block, 0xEE), mean, std, &c, &s);
    _mm512_storeu_ps(d, _mm512_shuffle_f32x4(c, s, 0x44));
  }
}
#endif
