// PhiloxGenerator's fills with AVX-512 (F, DQ, VL, BW), bit-identical to the scalar kernels of philox_scalar.c.
//
// Philox: 8 blocks per zmm, one block per 64-bit lane (counter word in the low half; the high half
// holds don't-care bits that `vpmuludq`, which reads only the low halves, ignores): a round is two
// `vpmuludq` 32×32→64 products, two shifts and two 3-way xors (`vpternlogq`). The words are then
// paired (`w0 | w1 << 32`, `w2 | w3 << 32`) and interleaved back into stream order with `vpermt2q`.
// The distributions repeat the scalar operation sequence lane by lane (same IEEE operations, same
// order, `fma` exactly where the scalar code has it), so every lane equals the scalar result; the only
// substitutions are exact ones (`vgetexppd`/`vgetmantpd` for the logarithm's exponent and significand,
// `vcvt(u)qq2pd` for integers below 2⁵³, sign-bit xors for negation, compare-and-blend for Swift's
// `min`/`max`).
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include "philox_shared.h"
#include <immintrin.h>
#include <string.h>

#define TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
#define INLINE static inline __attribute__((always_inline)) TARGET

// ---- Philox4x32-10 on 8·nv blocks ---------------------------------------------------------------------

/// Words w0…w3 of blocks b + 8v + lane (v < nv) in the low halves of the 64-bit lanes of w[j][v].
INLINE void philox(int nv, uint64_t b, uint32_t stream, const round_keys *keys, __m512i w[4][4]) {
  const __m512i lane = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
  const __m512i m0 = _mm512_set1_epi64(M0), m1 = _mm512_set1_epi64(M1);
  // Round 1 on counter (c0, c1, stream, 0): the product of word 2 is the same in every lane.
  const uint64_t p1 = (uint64_t)M1 * stream;
  const __m512i hi1_k0 = _mm512_set1_epi64((long long)((p1 >> 32) ^ keys->k0[0])), lo1 = _mm512_set1_epi64((long long)(uint32_t)p1);
  const __m512i k1 = _mm512_set1_epi64((long long)keys->k1[0]);
  for (int v = 0; v < nv; v++) {
    __m512i counter = _mm512_add_epi64(_mm512_set1_epi64((long long)(b + 8 * (uint64_t)v)), lane);
    __m512i p0 = _mm512_mul_epu32(counter, m0);
    w[0][v] = _mm512_xor_si512(_mm512_srli_epi64(counter, 32), hi1_k0);  // hi(p1) ^ c1 ^ k0
    w[1][v] = lo1;
    w[2][v] = _mm512_xor_si512(_mm512_srli_epi64(p0, 32), k1);  // hi(p0) ^ 0 ^ k1
    w[3][v] = p0;
  }
  for (int r = 1; r < 10; r++) {
    __m512i k0 = _mm512_set1_epi64((long long)keys->k0[r]), k1 = _mm512_set1_epi64((long long)keys->k1[r]);
    for (int v = 0; v < nv; v++) {
      __m512i p0 = _mm512_mul_epu32(w[0][v], m0), p1 = _mm512_mul_epu32(w[2][v], m1);
      w[0][v] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p1, 32), w[1][v], k0, 0x96);
      w[2][v] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(p0, 32), w[3][v], k1, 0x96);
      w[1][v] = p1;
      w[3][v] = p0;
    }
  }
}

/// Per 64-bit lane: `low | high << 32` (the low halves of both), in one `vpermt2d` (measured ~10 %
/// faster for the float32 uniform than a shift and a blend, which compete with Philox's shifts).
INLINE __m512i pack_words(__m512i low, __m512i high) {
  return _mm512_permutex2var_epi32(low, _mm512_set_epi32(30, 14, 28, 12, 26, 10, 24, 8, 22, 6, 20, 4, 18, 2, 16, 0), high);
}

/// Per lane: the 53-bit integer `(hi << 32 | lo) >> 11` of words (hi, lo).
INLINE __m512i bits53(__m512i hi, __m512i lo) { return _mm512_srli_epi64(pack_words(lo, hi), 11); }

/// Lanes 0–3 of a and b interleaved (a0 b0 a1 b1 …), and lanes 4–7.
INLINE __m512i interleave_lo(__m512i a, __m512i b) {
  return _mm512_permutex2var_epi64(a, _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0), b);
}
INLINE __m512i interleave_hi(__m512i a, __m512i b) {
  return _mm512_permutex2var_epi64(a, _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4), b);
}
INLINE __m512d interleave_lo_pd(__m512d a, __m512d b) {
  return _mm512_permutex2var_pd(a, _mm512_set_epi64(11, 3, 10, 2, 9, 1, 8, 0), b);
}
INLINE __m512d interleave_hi_pd(__m512d a, __m512d b) {
  return _mm512_permutex2var_pd(a, _mm512_set_epi64(15, 7, 14, 6, 13, 5, 12, 4), b);
}

INLINE __m512d negate_pd(__m512d x) {
  return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(x), _mm512_set1_epi64((long long)0x8000000000000000ull)));
}

// ---- Streaming stores (64-byte alignment; the split is philox_shared.h's) ----------------------------

/// `_mm512_stream_ps` when `streaming` (p 64-byte aligned), else `_mm512_storeu_ps`.
INLINE void store16(float *p, __m512 v, int streaming) {
  if (streaming)
    _mm512_stream_ps(p, v);
  else
    _mm512_storeu_ps(p, v);
}

// ---- Uniform -------------------------------------------------------------------------------------------

enum { UNIFORM_F32_NV = 4, UNIFORM_F64_NV = 4 };

/// `x = (w >> 8)·2⁻²⁴`, `v = fmaf(x, range, from)`, `v == to` → `from`, on 16 words. When `range·2⁻²⁴`
/// is exact (`scaled`, i.e. `range` is not below 2⁻¹⁰², nor NaN), `fmaf(w >> 8, range·2⁻²⁴, from)` is the
/// same fused operation on the same exact product, one multiply fewer.
INLINE __m512 uniform16(__m512i words, __m512 range, __m512 from, __m512 to, int scaled) {
  __m512 n = _mm512_cvtepi32_ps(_mm512_srli_epi32(words, 8));
  __m512 v = scaled ? _mm512_fmadd_ps(n, range, from) : _mm512_fmadd_ps(_mm512_mul_ps(n, _mm512_set1_ps(0x1p-24f)), range, from);
  return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v, to, _CMP_EQ_OQ), v, from);
}

/// Elements [offset, offset + count) of the uniform; direct batches streamed if `streaming`.
TARGET static void uniform_f32_range(const round_keys *keys, uint32_t stream, uint64_t offset, size_t count,
                                     float *out, float from, float to, int streaming) {
  const float range = to - from, scaled_range = range * 0x1p-24f;
  const int scaled = scaled_range * 0x1p24f == range;  // range·2⁻²⁴ exact
  const __m512 vfrom = _mm512_set1_ps(from), vto = _mm512_set1_ps(to), vrange = _mm512_set1_ps(scaled ? scaled_range : range);
#define UNIFORM_F32_BATCH(b, dst, direct)                                                                       \
  do {                                                                                                          \
    __m512i w[4][4];                                                                                            \
    philox(UNIFORM_F32_NV, b, stream, keys, w);                                                                 \
    for (int v = 0; v < UNIFORM_F32_NV; v++) {                                                                  \
      __m512i a = pack_words(w[0][v], w[1][v]), c = pack_words(w[2][v], w[3][v]);                               \
      store16((dst) + 32 * v, uniform16(interleave_lo(a, c), vrange, vfrom, vto, scaled), streaming && (direct));      \
      store16((dst) + 32 * v + 16, uniform16(interleave_hi(a, c), vrange, vfrom, vto, scaled), streaming && (direct)); \
    }                                                                                                           \
  } while (0)
  if (scaled)  // two copies of the loop, each compiled with `scaled` known
    DRIVE(float, 4, 8 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
  else
    DRIVE(float, 4, 8 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
#undef UNIFORM_F32_BATCH
}

TARGET void nninit_philox_uniform_f32_avx512(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                             size_t count, float *out, float from, float to) {
  round_keys keys = make_keys(k0, k1);
  size_t head = nninit_philox_streaming_head(out, offset, count, 64);
  uniform_f32_range(&keys, stream, offset, head, out, from, to, 0);
  if (head < count) {
    uniform_f32_range(&keys, stream, offset + head, count - head, out + head, from, to, 1);
    _mm_sfence();
  }
}

/// `x = m·2⁻⁵³`, `v = fma(x, range, from)`, `v == to` → `from`, on 8 53-bit integers.
INLINE __m512d uniform8(__m512i m, __m512d range, __m512d from, __m512d to) {
  __m512d x = _mm512_mul_pd(_mm512_cvtepu64_pd(m), _mm512_set1_pd(0x1p-53));
  __m512d v = _mm512_fmadd_pd(x, range, from);
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(v, to, _CMP_EQ_OQ), v, from);
}

TARGET void nninit_philox_uniform_f64_avx512(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                             size_t count, double *out, double from, double to) {
  round_keys keys = make_keys(k0, k1);
  const __m512d vfrom = _mm512_set1_pd(from), vto = _mm512_set1_pd(to), vrange = _mm512_set1_pd(to - from);
#define UNIFORM_F64_BATCH(b, dst, direct)                                                          \
  do {                                                                                       \
    __m512i w[4][4];                                                                         \
    philox(UNIFORM_F64_NV, b, stream, &keys, w);                                             \
    for (int v = 0; v < UNIFORM_F64_NV; v++) {                                               \
      __m512d even = uniform8(bits53(w[0][v], w[1][v]), vrange, vfrom, vto);                 \
      __m512d odd = uniform8(bits53(w[2][v], w[3][v]), vrange, vfrom, vto);                  \
      _mm512_storeu_pd((dst) + 16 * v, interleave_lo_pd(even, odd));                         \
      _mm512_storeu_pd((dst) + 16 * v + 8, interleave_hi_pd(even, odd));                     \
    }                                                                                        \
  } while (0)
  DRIVE(double, 2, 8 * UNIFORM_F64_NV, UNIFORM_F64_BATCH);
#undef UNIFORM_F64_BATCH
}

// ---- Elementary functions (philox_scalar.c's, lane by lane)----------------------------------------------

// The coefficients (philox_tables.c): fdlibm's Lg1…Lg7, the sin and cos Taylor coefficients, AS 241's A…F.
static const double *const lg = nninit_philox_lg, *const sin_taylor = nninit_philox_sin_taylor,
                    *const cos_taylor = nninit_philox_cos_taylor;
static const double (*const as241)[8] = nninit_philox_as241;

#define SET(x) _mm512_set1_pd(x)

/// fdlibm's log main path. `vgetexppd` / `vgetmantpd` give k and m ∈ [1, 2) exactly as the scalar
/// code's exponent and significand bits do, subnormals included (which it scales by 2⁵⁴ first).
INLINE __m512d log8(__m512d x) {
  __m512d m = _mm512_getmant_pd(x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src);
  __m512d dk = _mm512_getexp_pd(x);
  __mmask8 big = _mm512_cmp_pd_mask(m, SET(0x1.6a09e667f3bcdp+0), _CMP_GT_OQ);
  m = _mm512_mask_mul_pd(m, big, m, SET(0.5));
  dk = _mm512_mask_add_pd(dk, big, dk, SET(1));
  __m512d f = _mm512_sub_pd(m, SET(1));
  __m512d s = _mm512_div_pd(f, _mm512_add_pd(SET(2), f));
  __m512d z = _mm512_mul_pd(s, s);
  __m512d w = _mm512_mul_pd(z, z);
  __m512d t1 = _mm512_mul_pd(w, _mm512_add_pd(SET(lg[1]), _mm512_mul_pd(w, _mm512_add_pd(SET(lg[3]), _mm512_mul_pd(w, SET(lg[5]))))));
  __m512d t2 = _mm512_mul_pd(
      z, _mm512_add_pd(SET(lg[0]), _mm512_mul_pd(w, _mm512_add_pd(SET(lg[2]), _mm512_mul_pd(w, _mm512_add_pd(SET(lg[4]), _mm512_mul_pd(w, SET(lg[6]))))))));
  __m512d r = _mm512_add_pd(t2, t1);
  __m512d hfsq = _mm512_mul_pd(_mm512_mul_pd(SET(0.5), f), f);
  __m512d inner = _mm512_add_pd(_mm512_mul_pd(s, _mm512_add_pd(hfsq, r)), _mm512_mul_pd(dk, SET(0x1.a39ef35793c76p-33)));
  return _mm512_sub_pd(_mm512_mul_pd(dk, SET(0x1.62e42feep-1)), _mm512_sub_pd(_mm512_sub_pd(hfsq, inner), f));
}

/// sin and cos of m·2⁻⁵³ turns for 8 53-bit integers m.
INLINE void sincos8(__m512i m, __m512d *sin_out, __m512d *cos_out) {
  __m512i q = _mm512_srli_epi64(_mm512_add_epi64(m, _mm512_set1_epi64(1ll << 50)), 51);
  __m512i rem = _mm512_sub_epi64(m, _mm512_slli_epi64(q, 51));
  __m512d t = _mm512_mul_pd(_mm512_cvtepi64_pd(rem), SET(0x1p-53));
  __m512d x = _mm512_mul_pd(t, SET(0x1.921fb54442d18p+2));
  __m512d x2 = _mm512_mul_pd(x, x);
  __m512d s = SET(sin_taylor[0]);
  for (int i = 1; i < 10; i++) s = _mm512_fmadd_pd(s, x2, SET(sin_taylor[i]));
  s = _mm512_mul_pd(s, x);
  __m512d c = SET(cos_taylor[0]);
  for (int i = 1; i < 11; i++) c = _mm512_fmadd_pd(c, x2, SET(cos_taylor[i]));
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  __mmask8 odd = _mm512_test_epi64_mask(q, _mm512_set1_epi64(1));
  __m512i sin_sign = _mm512_slli_epi64(_mm512_and_si512(q, _mm512_set1_epi64(2)), 62);
  __m512i cos_sign = _mm512_slli_epi64(_mm512_xor_si512(q, _mm512_srli_epi64(q, 1)), 63);
  *sin_out = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(_mm512_mask_blend_pd(odd, s, c)), sin_sign));
  *cos_out = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(_mm512_mask_blend_pd(odd, c, s)), cos_sign));
}

/// c[7]·x⁷ + … + c[0], Horner from the highest coefficient, unfused.
INLINE __m512d horner8(const double c[8], __m512d x) {
  __m512d v = SET(c[7]);
  for (int i = 6; i >= 0; i--) v = _mm512_add_pd(_mm512_mul_pd(v, x), SET(c[i]));
  return v;
}

/// Φ⁻¹(p), Wichura's AS 241; each branch is evaluated only if some lane takes it.
INLINE __m512d inverse_normal_cdf8(__m512d p) {
  __mmask8 at_most_0 = _mm512_cmp_pd_mask(p, SET(0), _CMP_LE_OQ);
  __mmask8 at_least_1 = _mm512_cmp_pd_mask(p, SET(1), _CMP_GE_OQ);
  __m512d q = _mm512_sub_pd(p, SET(0.5));
  __m512d abs_q = _mm512_castsi512_pd(_mm512_and_si512(_mm512_castpd_si512(q), _mm512_set1_epi64(0x7FFFFFFFFFFFFFFFll)));
  __mmask8 central = _mm512_cmp_pd_mask(abs_q, SET(0.425), _CMP_LE_OQ);
  __mmask8 tail = (__mmask8)(~central & ~at_most_0 & ~at_least_1);
  __m512d result = _mm512_setzero_pd();
  if (central) {
    __m512d r = _mm512_sub_pd(SET(0.180625), _mm512_mul_pd(q, q));
    __m512d v = _mm512_div_pd(_mm512_mul_pd(q, horner8(as241[0], r)), horner8(as241[1], r));
    result = _mm512_mask_mov_pd(result, central, v);
  }
  if (tail) {
    __mmask8 negative = _mm512_cmp_pd_mask(q, SET(0), _CMP_LT_OQ);
    __m512d tail_p = _mm512_mask_blend_pd(negative, _mm512_sub_pd(SET(1), p), p);
    __m512d r = _mm512_sqrt_pd(negate_pd(log8(tail_p)));
    __mmask8 near = _mm512_cmp_pd_mask(r, SET(5), _CMP_LE_OQ);
    __m512d v = _mm512_setzero_pd();
    if (near & tail) {
      __m512d r1 = _mm512_sub_pd(r, SET(1.6));
      v = _mm512_mask_mov_pd(v, near, _mm512_div_pd(horner8(as241[2], r1), horner8(as241[3], r1)));
    }
    if (~near & tail) {
      __m512d r2 = _mm512_sub_pd(r, SET(5));
      v = _mm512_mask_mov_pd(v, (__mmask8)~near, _mm512_div_pd(horner8(as241[4], r2), horner8(as241[5], r2)));
    }
    v = _mm512_mask_mov_pd(v, negative, negate_pd(v));
    result = _mm512_mask_mov_pd(result, tail, v);
  }
  result = _mm512_mask_mov_pd(result, at_most_0, SET(-__builtin_inf()));
  return _mm512_mask_mov_pd(result, at_least_1, SET(__builtin_inf()));
}

// ---- Normal and truncated normal ----------------------------------------------------------------------

enum { NORMAL_NV = 4, TRUNC_NV = 2 };

/// Box–Muller on blocks b ..< b + 8·NORMAL_NV: elements 2b ..< 2b + 16·NORMAL_NV.
INLINE void normal_f64_batch(uint64_t b, uint32_t stream, const round_keys *keys, double *dst, __m512d mean,
                             __m512d std) {
  __m512i w[4][4];
  philox(NORMAL_NV, b, stream, keys, w);
  for (int v = 0; v < NORMAL_NV; v++) {
    __m512i m1 = bits53(w[0][v], w[1][v]), m2 = bits53(w[2][v], w[3][v]);
    __m512d u1 = _mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_sub_epi64(_mm512_set1_epi64(1ll << 53), m1)), SET(0x1p-53));
    __m512d r = _mm512_sqrt_pd(_mm512_mul_pd(SET(-2), log8(u1)));
    __m512d s, c;
    sincos8(m2, &s, &c);
    __m512d even = _mm512_fmadd_pd(_mm512_mul_pd(r, c), std, mean);
    __m512d odd = _mm512_fmadd_pd(_mm512_mul_pd(r, s), std, mean);
    _mm512_storeu_pd(dst + 16 * v, interleave_lo_pd(even, odd));
    _mm512_storeu_pd(dst + 16 * v + 8, interleave_hi_pd(even, odd));
  }
}

TARGET void nninit_philox_normal_f64_avx512(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                            size_t count, double *out, double mean, double std) {
  round_keys keys = make_keys(k0, k1);
  const __m512d vmean = SET(mean), vstd = SET(std);
#define NORMAL_F64_BATCH(b, dst, direct) normal_f64_batch(b, stream, &keys, dst, vmean, vstd)
  DRIVE(double, 2, 8 * NORMAL_NV, NORMAL_F64_BATCH);
#undef NORMAL_F64_BATCH
}

// ---- Binary32 Box–Muller (philox_scalar.c's box_muller24 on 16 lanes) -----------------------------------------

#define SETF(x) _mm512_set1_ps(x)

/// Cephes logf on 16 normal floats > 0; `vgetexpps` / `vgetmantps` are the scalar code's k and m.
INLINE __m512 logf16(__m512 x) {
  __m512 m = _mm512_getmant_ps(x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src);
  __m512 k = _mm512_getexp_ps(x);
  __mmask16 big = _mm512_cmp_ps_mask(m, SETF(0x1.6a09e6p+0f), _CMP_GT_OQ);
  m = _mm512_mask_mul_ps(m, big, m, SETF(0.5f));
  k = _mm512_mask_add_ps(k, big, k, SETF(1));
  __m512 f = _mm512_sub_ps(m, SETF(1)), z = _mm512_mul_ps(f, f);
  __m512 p = SETF(nninit_philox_logf_p[0]);
  for (int i = 1; i < 9; i++) p = _mm512_fmadd_ps(p, f, SETF(nninit_philox_logf_p[i]));
  __m512 y = _mm512_mul_ps(_mm512_mul_ps(p, f), z);
  y = _mm512_fmadd_ps(k, SETF(-2.12194440e-4f), y);
  y = _mm512_fmadd_ps(SETF(-0.5f), z, y);
  return _mm512_fmadd_ps(k, SETF(0.693359375f), _mm512_add_ps(f, y));
}

/// sin and cos of 2π·m·2⁻²⁴ for 16 24-bit integers m.
INLINE void sincosf16(__m512i m, __m512 *sin_out, __m512 *cos_out) {
  __m512i q = _mm512_srli_epi32(_mm512_add_epi32(m, _mm512_set1_epi32(1 << 21)), 22);
  __m512 x = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(m, _mm512_slli_epi32(q, 22))),
                           SETF(0x1.921fb6p+2f * 0x1p-24f));
  __m512 z = _mm512_mul_ps(x, x);
  const float *S = nninit_philox_sinf_s, *C = nninit_philox_cosf_c;
  __m512 s = _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_fmadd_ps(SETF(S[0]), z, SETF(S[1])), z, SETF(S[2])),
                             _mm512_mul_ps(z, x), x);
  __m512 c = _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_fmadd_ps(SETF(C[0]), z, SETF(C[1])), z, SETF(C[2])),
                             _mm512_mul_ps(z, z), _mm512_fmadd_ps(SETF(-0.5f), z, SETF(1)));
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  // The sign of sin is bit 1 of q, that of cos bit 1 of q + 1; `vpternlogd` 0x78 is a ^ (b & c).
  __mmask16 odd = _mm512_test_epi32_mask(q, _mm512_set1_epi32(1));
  const __m512i sign = _mm512_set1_epi32((int)0x80000000u);
  __m512i sin_bits = _mm512_slli_epi32(q, 30);
  __m512i cos_bits = _mm512_slli_epi32(_mm512_add_epi32(q, _mm512_set1_epi32(1)), 30);
  *sin_out = _mm512_castsi512_ps(
      _mm512_ternarylogic_epi32(_mm512_castps_si512(_mm512_mask_blend_ps(odd, s, c)), sin_bits, sign, 0x78));
  *cos_out = _mm512_castsi512_ps(
      _mm512_ternarylogic_epi32(_mm512_castps_si512(_mm512_mask_blend_ps(odd, c, s)), cos_bits, sign, 0x78));
}

/// Box–Muller's radius of 16 words a: u = (2²⁴ − (a >> 8))·2⁻²⁴, r = √(−2·logf u).
INLINE __m512 radius16(__m512i words) {
  __m512i n = _mm512_sub_epi32(_mm512_set1_epi32(1 << 24), _mm512_srli_epi32(words, 8));
  __m512 u = _mm512_mul_ps(_mm512_cvtepi32_ps(n), SETF(0x1p-24f));
  return _mm512_sqrt_ps(_mm512_mul_ps(SETF(-2), logf16(u)));
}

TARGET void nninit_philox_math_f32_avx512(int function, const uint32_t *in, float *out, size_t count) {
  for (size_t n = 0; n < count; n += 16) {
    uint32_t x[16] = {0};
    float y[16];
    size_t len = count - n < 16 ? count - n : 16;
    memcpy(x, in + n, len * sizeof(uint32_t));
    __m512i words = _mm512_loadu_si512(x);
    __m512 v, s, c;
    if (function == 0) {
      v = radius16(words);
    } else {
      sincosf16(_mm512_srli_epi32(words, 8), &s, &c);
      v = function == 1 ? s : c;
    }
    _mm512_storeu_ps(y, v);
    memcpy(out + n, y, len * sizeof(float));
  }
}

enum { NORMAL_F32_NV = 4 };

/// Blocks b ..< b + 8·NORMAL_F32_NV: elements 4b ..< 4b + 32·NORMAL_F32_NV. 32-bit lane 2j holds
/// block j's pair (w0, w1), lane 2j + 1 its pair (w2, w3); each lane's (cos, sin) values become two
/// consecutive elements.
INLINE void normal_f32_batch(uint64_t b, uint32_t stream, const round_keys *keys, float *dst, __m512 mean,
                             __m512 std, int streaming) {
  // Lanes 0–7 (8–15) of `even` and `odd` interleaved: even₀ odd₀ even₁ odd₁ …
  static const int32_t first_half[16] = {0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23};
  static const int32_t second_half[16] = {8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31};
  const __m512i first = _mm512_loadu_si512(first_half), second = _mm512_loadu_si512(second_half);
  __m512i w[4][4];
  philox(NORMAL_F32_NV, b, stream, keys, w);
  for (int v = 0; v < NORMAL_F32_NV; v++) {
    __m512i radius_words = pack_words(w[0][v], w[2][v]), angle_words = pack_words(w[1][v], w[3][v]);
    __m512 r = radius16(radius_words);
    __m512 s, c;
    sincosf16(_mm512_srli_epi32(angle_words, 8), &s, &c);
    __m512 even = _mm512_fmadd_ps(_mm512_mul_ps(r, c), std, mean);
    __m512 odd = _mm512_fmadd_ps(_mm512_mul_ps(r, s), std, mean);
    store16(dst + 32 * v, _mm512_permutex2var_ps(even, first, odd), streaming);
    store16(dst + 32 * v + 16, _mm512_permutex2var_ps(even, second, odd), streaming);
  }
}

/// Elements [offset, offset + count) of the float32 normal; direct batches streamed if `streaming`.
TARGET static void normal_f32_range(const round_keys *keys, uint32_t stream, uint64_t offset, size_t count,
                                    float *out, __m512 mean, __m512 std, int streaming) {
#define NORMAL_F32_BATCH(b, dst, direct) normal_f32_batch(b, stream, keys, dst, mean, std, streaming && (direct))
  DRIVE(float, 4, 8 * NORMAL_F32_NV, NORMAL_F32_BATCH);
#undef NORMAL_F32_BATCH
}

TARGET void nninit_philox_normal_f32_avx512(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                            size_t count, float *out, float mean, float std) {
  round_keys keys = make_keys(k0, k1);
  const __m512 vmean = SETF(mean), vstd = SETF(std);
  size_t head = nninit_philox_streaming_head(out, offset, count, 64);
  normal_f32_range(&keys, stream, offset, head, out, vmean, vstd, 0);
  if (head < count) {
    normal_f32_range(&keys, stream, offset + head, count - head, out + head, vmean, vstd, 1);
    _mm_sfence();
  }
}

/// The truncated normal's value before its clamp, for 8 53-bit integers m.
INLINE __m512d trunc8(__m512i m, const double params[8]) {
  __m512d t = _mm512_fmadd_pd(_mm512_mul_pd(_mm512_cvtepu64_pd(m), SET(0x1p-53)), SET(params[T_MASS]), SET(params[T_LOWER_A]));
  __m512d u_upper = _mm512_mul_pd(_mm512_cvtepu64_pd(_mm512_sub_epi64(_mm512_set1_epi64(1ll << 53), m)), SET(0x1p-53));
  __m512d t_upper = _mm512_fmadd_pd(u_upper, SET(params[T_MASS]), SET(params[T_UPPER_B]));
  __mmask8 lower = _mm512_cmp_pd_mask(t, SET(0.5), _CMP_LE_OQ);
  __m512d z = inverse_normal_cdf8(_mm512_mask_blend_pd(lower, t_upper, t));
  z = _mm512_mask_blend_pd(lower, negate_pd(z), z);
  if (params[T_MIRRORED] != 0) z = negate_pd(z);
  return _mm512_fmadd_pd(z, SET(params[T_STD]), SET(params[T_MEAN]));
}

/// Swift's `min(max(x, a), b)`: `max(x, a) = a >= x ? a : x`, `min(y, b) = b < y ? b : y`.
INLINE __m512d clamp8(__m512d x, __m512d a, __m512d b) {
  x = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(a, x, _CMP_GE_OQ), x, a);
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(b, x, _CMP_LT_OQ), x, b);
}
INLINE __m256 clamp8f(__m256 x, __m256 a, __m256 b) {
  x = _mm256_mask_blend_ps(_mm256_cmp_ps_mask(a, x, _CMP_GE_OQ), x, a);
  return _mm256_mask_blend_ps(_mm256_cmp_ps_mask(b, x, _CMP_LT_OQ), x, b);
}

INLINE void trunc_batch(uint64_t b, uint32_t stream, const round_keys *keys, void *dst, int f32,
                        const double params[8]) {
  __m512i w[4][4];
  philox(TRUNC_NV, b, stream, keys, w);
  for (int v = 0; v < TRUNC_NV; v++) {
    __m512d even = trunc8(bits53(w[0][v], w[1][v]), params), odd = trunc8(bits53(w[2][v], w[3][v]), params);
    __m512d lo = interleave_lo_pd(even, odd), hi = interleave_hi_pd(even, odd);
    if (f32) {
      __m256 a = _mm256_set1_ps((float)params[T_A]), bb = _mm256_set1_ps((float)params[T_B]);
      _mm256_storeu_ps((float *)dst + 16 * v, clamp8f(_mm512_cvtpd_ps(lo), a, bb));
      _mm256_storeu_ps((float *)dst + 16 * v + 8, clamp8f(_mm512_cvtpd_ps(hi), a, bb));
    } else {
      __m512d a = SET(params[T_A]), bb = SET(params[T_B]);
      _mm512_storeu_pd((double *)dst + 16 * v, clamp8(lo, a, bb));
      _mm512_storeu_pd((double *)dst + 16 * v + 8, clamp8(hi, a, bb));
    }
  }
}

TARGET void nninit_philox_trunc_normal_avx512(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                              size_t count, void *out_, int f32, const double params[8]) {
  round_keys keys = make_keys(k0, k1);
  if (f32) {
    float *out = out_;
#define TRUNC_F32_BATCH(b, dst, direct) trunc_batch(b, stream, &keys, dst, 1, params)
    DRIVE(float, 2, 8 * TRUNC_NV, TRUNC_F32_BATCH);
  } else {
    double *out = out_;
#define TRUNC_F64_BATCH(b, dst, direct) trunc_batch(b, stream, &keys, dst, 0, params)
    DRIVE(double, 2, 8 * TRUNC_NV, TRUNC_F64_BATCH);
  }
}

// ---- Test hook ---------------------------------------------------------------------------------------

TARGET void nninit_philox_math_avx512(int function, const double *in, double *out, size_t count) {
  for (size_t n = 0; n < count; n += 8) {
    double x[8] = {1, 1, 1, 1, 1, 1, 1, 1}, y[8];
    size_t len = count - n < 8 ? count - n : 8;
    memcpy(x, in + n, len * sizeof(double));
    __m512d v = _mm512_loadu_pd(x), s, c;
    switch (function) {
      case 0: v = log8(v); break;
      case 1: sincos8(_mm512_castpd_si512(v), &s, &c), v = s; break;
      case 2: sincos8(_mm512_castpd_si512(v), &s, &c), v = c; break;
      default: v = inverse_normal_cdf8(v); break;
    }
    _mm512_storeu_pd(y, v);
    memcpy(out + n, y, len * sizeof(double));
  }
}
#endif
