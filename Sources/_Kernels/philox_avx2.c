// PhiloxGenerator's fills with AVX2 + FMA, bit-identical to the scalar kernels of philox_scalar.c.
//
// The same structure as philox_avx512.c on 4 blocks per ymm (one per 64-bit lane, `vpmuludq` for the
// 32×32→64 products), with vector masks and `blendv` for AVX-512's mask registers, two xors for
// `vpternlogq`, `vpunpck*qdq` + `vperm2i128` to interleave, and exact magic-number conversions
// (uint64 < 2⁵³ + 1 and |int64| < 2⁵¹ to double) for AVX-512DQ's `vcvt(u)qq2pd`.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include "philox_shared.h"
#include <immintrin.h>
#include <string.h>

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline)) TARGET

// ---- Philox4x32-10 on 4·nv blocks ---------------------------------------------------------------------

/// Words w0…w3 of blocks b + 4v + lane (v < nv) in the low halves of the 64-bit lanes of w[j][v].
INLINE void philox(int nv, uint64_t b, uint32_t stream, const round_keys *keys, __m256i w[4][4]) {
  const __m256i lane = _mm256_set_epi64x(3, 2, 1, 0);
  const __m256i m0 = _mm256_set1_epi64x(M0), m1 = _mm256_set1_epi64x(M1);
  // Round 1 on counter (c0, c1, stream, 0): the product of word 2 is the same in every lane.
  const uint64_t p1 = (uint64_t)M1 * stream;
  const __m256i hi1_k0 = _mm256_set1_epi64x((long long)((p1 >> 32) ^ keys->k0[0])), lo1 = _mm256_set1_epi64x((long long)(uint32_t)p1);
  const __m256i k1 = _mm256_set1_epi64x((long long)keys->k1[0]);
  for (int v = 0; v < nv; v++) {
    __m256i counter = _mm256_add_epi64(_mm256_set1_epi64x((long long)(b + 4 * (uint64_t)v)), lane);
    __m256i p0 = _mm256_mul_epu32(counter, m0);
    w[0][v] = _mm256_xor_si256(_mm256_srli_epi64(counter, 32), hi1_k0);  // hi(p1) ^ c1 ^ k0
    w[1][v] = lo1;
    w[2][v] = _mm256_xor_si256(_mm256_srli_epi64(p0, 32), k1);  // hi(p0) ^ 0 ^ k1
    w[3][v] = p0;
  }
  for (int r = 1; r < 10; r++) {
    __m256i k0 = _mm256_set1_epi64x((long long)keys->k0[r]), k1 = _mm256_set1_epi64x((long long)keys->k1[r]);
    for (int v = 0; v < nv; v++) {
      __m256i p0 = _mm256_mul_epu32(w[0][v], m0), p1 = _mm256_mul_epu32(w[2][v], m1);
      w[0][v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), w[1][v]), k0);
      w[2][v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), w[3][v]), k1);
      w[1][v] = p1;
      w[3][v] = p0;
    }
  }
}

/// Per 64-bit lane: `low | high << 32` (the low halves of both).
INLINE __m256i pack_words(__m256i low, __m256i high) {
  return _mm256_blend_epi32(low, _mm256_slli_epi64(high, 32), 0xAA);
}

/// Per lane: the 53-bit integer `(hi << 32 | lo) >> 11` of words (hi, lo).
INLINE __m256i bits53(__m256i hi, __m256i lo) { return _mm256_srli_epi64(pack_words(lo, hi), 11); }

/// Lanes 0–1 of a and b interleaved (a0 b0 a1 b1), and lanes 2–3.
INLINE __m256i interleave_lo(__m256i a, __m256i b) {
  return _mm256_permute2x128_si256(_mm256_unpacklo_epi64(a, b), _mm256_unpackhi_epi64(a, b), 0x20);
}
INLINE __m256i interleave_hi(__m256i a, __m256i b) {
  return _mm256_permute2x128_si256(_mm256_unpacklo_epi64(a, b), _mm256_unpackhi_epi64(a, b), 0x31);
}
INLINE __m256d interleave_lo_pd(__m256d a, __m256d b) {
  return _mm256_permute2f128_pd(_mm256_unpacklo_pd(a, b), _mm256_unpackhi_pd(a, b), 0x20);
}
INLINE __m256d interleave_hi_pd(__m256d a, __m256d b) {
  return _mm256_permute2f128_pd(_mm256_unpacklo_pd(a, b), _mm256_unpackhi_pd(a, b), 0x31);
}

#define SET(x) _mm256_set1_pd(x)

INLINE __m256d negate_pd(__m256d x) { return _mm256_xor_pd(x, SET(-0.0)); }

/// Exact double of each lane's integer 0 ≤ m ≤ 2⁵³: (2⁸⁴ + hi·2³²) − (2⁸⁴ + 2⁵²) + (2⁵² + lo).
INLINE __m256d u53_to_pd(__m256i m) {
  __m256d hi = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(m, 32), _mm256_set1_epi64x(0x4530000000000000ll)));
  __m256d lo = _mm256_castsi256_pd(_mm256_blend_epi32(m, _mm256_set1_epi64x(0x4330000000000000ll), 0xAA));
  return _mm256_add_pd(_mm256_sub_pd(hi, SET(0x1p84 + 0x1p52)), lo);
}

/// Exact double of each lane's integer |v| < 2⁵¹: the bits of 1.5·2⁵² + v, minus 1.5·2⁵².
INLINE __m256d i51_to_pd(__m256i v) {
  return _mm256_sub_pd(_mm256_castsi256_pd(_mm256_add_epi64(v, _mm256_set1_epi64x(0x4338000000000000ll))), SET(0x1.8p52));
}

// ---- Streaming stores (32-byte alignment; the split is philox_shared.h's) ----------------------------

/// `_mm256_stream_ps` when `streaming` (p 32-byte aligned), else `_mm256_storeu_ps`.
INLINE void store8f(float *p, __m256 v, int streaming) {
  if (streaming)
    _mm256_stream_ps(p, v);
  else
    _mm256_storeu_ps(p, v);
}

// ---- Uniform -------------------------------------------------------------------------------------------

enum { UNIFORM_F32_NV = 2, UNIFORM_F64_NV = 2 };

/// `x = (w >> 8)·2⁻²⁴`, `v = fmaf(x, range, from)`, `v == to` → `from`; with `scaled`, `range` is
/// `range·2⁻²⁴` (exact) and the multiply is folded into the same fused operation (as philox_avx512.c).
INLINE __m256 uniform8f(__m256i words, __m256 range, __m256 from, __m256 to, int scaled) {
  __m256 n = _mm256_cvtepi32_ps(_mm256_srli_epi32(words, 8));
  __m256 v = scaled ? _mm256_fmadd_ps(n, range, from) : _mm256_fmadd_ps(_mm256_mul_ps(n, _mm256_set1_ps(0x1p-24f)), range, from);
  return _mm256_blendv_ps(v, from, _mm256_cmp_ps(v, to, _CMP_EQ_OQ));
}

/// Elements [offset, offset + count) of the uniform; direct batches streamed if `streaming`.
TARGET static void uniform_f32_range(const round_keys *keys, uint32_t stream, uint64_t offset, size_t count,
                                     float *out, float from, float to, int streaming) {
  const float range = to - from, scaled_range = range * 0x1p-24f;
  const int scaled = scaled_range * 0x1p24f == range;  // range·2⁻²⁴ exact
  const __m256 vfrom = _mm256_set1_ps(from), vto = _mm256_set1_ps(to), vrange = _mm256_set1_ps(scaled ? scaled_range : range);
#define UNIFORM_F32_BATCH(b, dst, direct)                                                                      \
  do {                                                                                                         \
    __m256i w[4][4];                                                                                           \
    philox(UNIFORM_F32_NV, b, stream, keys, w);                                                                \
    for (int v = 0; v < UNIFORM_F32_NV; v++) {                                                                 \
      __m256i a = pack_words(w[0][v], w[1][v]), c = pack_words(w[2][v], w[3][v]);                              \
      store8f((dst) + 16 * v, uniform8f(interleave_lo(a, c), vrange, vfrom, vto, scaled), streaming && (direct));    \
      store8f((dst) + 16 * v + 8, uniform8f(interleave_hi(a, c), vrange, vfrom, vto, scaled), streaming && (direct)); \
    }                                                                                                          \
  } while (0)
  if (scaled)  // two copies of the loop, each compiled with `scaled` known
    DRIVE(float, 4, 4 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
  else
    DRIVE(float, 4, 4 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
#undef UNIFORM_F32_BATCH
}

TARGET void nninit_philox_uniform_f32_avx2(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                           size_t count, float *out, float from, float to) {
  round_keys keys = make_keys(k0, k1);
  size_t head = nninit_philox_streaming_head(out, offset, count, 32);
  uniform_f32_range(&keys, stream, offset, head, out, from, to, 0);
  if (head < count) {
    uniform_f32_range(&keys, stream, offset + head, count - head, out + head, from, to, 1);
    _mm_sfence();
  }
}

INLINE __m256d uniform4(__m256i m, __m256d range, __m256d from, __m256d to) {
  __m256d x = _mm256_mul_pd(u53_to_pd(m), SET(0x1p-53));
  __m256d v = _mm256_fmadd_pd(x, range, from);
  return _mm256_blendv_pd(v, from, _mm256_cmp_pd(v, to, _CMP_EQ_OQ));
}

TARGET void nninit_philox_uniform_f64_avx2(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                           size_t count, double *out, double from, double to) {
  round_keys keys = make_keys(k0, k1);
  const __m256d vfrom = SET(from), vto = SET(to), vrange = SET(to - from);
#define UNIFORM_F64_BATCH(b, dst, direct)                                                          \
  do {                                                                                       \
    __m256i w[4][4];                                                                         \
    philox(UNIFORM_F64_NV, b, stream, &keys, w);                                             \
    for (int v = 0; v < UNIFORM_F64_NV; v++) {                                               \
      __m256d even = uniform4(bits53(w[0][v], w[1][v]), vrange, vfrom, vto);                 \
      __m256d odd = uniform4(bits53(w[2][v], w[3][v]), vrange, vfrom, vto);                  \
      _mm256_storeu_pd((dst) + 8 * v, interleave_lo_pd(even, odd));                          \
      _mm256_storeu_pd((dst) + 8 * v + 4, interleave_hi_pd(even, odd));                      \
    }                                                                                        \
  } while (0)
  DRIVE(double, 2, 4 * UNIFORM_F64_NV, UNIFORM_F64_BATCH);
#undef UNIFORM_F64_BATCH
}

// ---- Elementary functions (philox_scalar.c's, lane by lane)----------------------------------------------

// The coefficients (philox_tables.c): fdlibm's Lg1…Lg7, the sin and cos Taylor coefficients, AS 241's A…F.
static const double *const lg = nninit_philox_lg, *const sin_taylor = nninit_philox_sin_taylor,
                    *const cos_taylor = nninit_philox_cos_taylor;
static const double (*const as241)[8] = nninit_philox_as241;

/// fdlibm's log main path.
INLINE __m256d log4(__m256d x) {
  __m256d subnormal = _mm256_cmp_pd(x, SET(0x1p-1022), _CMP_LT_OQ);
  x = _mm256_blendv_pd(x, _mm256_mul_pd(x, SET(0x1p54)), subnormal);
  __m256i bits = _mm256_castpd_si256(x);
  __m256i k = _mm256_sub_epi64(_mm256_srli_epi64(bits, 52), _mm256_set1_epi64x(1023));
  k = _mm256_sub_epi64(k, _mm256_and_si256(_mm256_castpd_si256(subnormal), _mm256_set1_epi64x(54)));
  __m256d m = _mm256_castsi256_pd(_mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi64x(0x000FFFFFFFFFFFFFll)),
                                                  _mm256_set1_epi64x(0x3FF0000000000000ll)));
  __m256d big = _mm256_cmp_pd(m, SET(0x1.6a09e667f3bcdp+0), _CMP_GT_OQ);
  m = _mm256_blendv_pd(m, _mm256_mul_pd(m, SET(0.5)), big);
  k = _mm256_sub_epi64(k, _mm256_castpd_si256(big));  // a true mask is −1
  __m256d f = _mm256_sub_pd(m, SET(1));
  __m256d s = _mm256_div_pd(f, _mm256_add_pd(SET(2), f));
  __m256d z = _mm256_mul_pd(s, s);
  __m256d w = _mm256_mul_pd(z, z);
  __m256d t1 = _mm256_mul_pd(w, _mm256_add_pd(SET(lg[1]), _mm256_mul_pd(w, _mm256_add_pd(SET(lg[3]), _mm256_mul_pd(w, SET(lg[5]))))));
  __m256d t2 = _mm256_mul_pd(
      z, _mm256_add_pd(SET(lg[0]), _mm256_mul_pd(w, _mm256_add_pd(SET(lg[2]), _mm256_mul_pd(w, _mm256_add_pd(SET(lg[4]), _mm256_mul_pd(w, SET(lg[6]))))))));
  __m256d r = _mm256_add_pd(t2, t1);
  __m256d hfsq = _mm256_mul_pd(_mm256_mul_pd(SET(0.5), f), f);
  __m256d dk = i51_to_pd(k);
  __m256d inner = _mm256_add_pd(_mm256_mul_pd(s, _mm256_add_pd(hfsq, r)), _mm256_mul_pd(dk, SET(0x1.a39ef35793c76p-33)));
  return _mm256_sub_pd(_mm256_mul_pd(dk, SET(0x1.62e42feep-1)), _mm256_sub_pd(_mm256_sub_pd(hfsq, inner), f));
}

/// sin and cos of m·2⁻⁵³ turns for 4 53-bit integers m.
INLINE void sincos4(__m256i m, __m256d *sin_out, __m256d *cos_out) {
  __m256i q = _mm256_srli_epi64(_mm256_add_epi64(m, _mm256_set1_epi64x(1ll << 50)), 51);
  __m256i rem = _mm256_sub_epi64(m, _mm256_slli_epi64(q, 51));
  __m256d t = _mm256_mul_pd(i51_to_pd(rem), SET(0x1p-53));
  __m256d x = _mm256_mul_pd(t, SET(0x1.921fb54442d18p+2));
  __m256d x2 = _mm256_mul_pd(x, x);
  __m256d s = SET(sin_taylor[0]);
  for (int i = 1; i < 10; i++) s = _mm256_fmadd_pd(s, x2, SET(sin_taylor[i]));
  s = _mm256_mul_pd(s, x);
  __m256d c = SET(cos_taylor[0]);
  for (int i = 1; i < 11; i++) c = _mm256_fmadd_pd(c, x2, SET(cos_taylor[i]));
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  __m256d odd = _mm256_castsi256_pd(_mm256_cmpeq_epi64(_mm256_and_si256(q, _mm256_set1_epi64x(1)), _mm256_set1_epi64x(1)));
  __m256i sin_sign = _mm256_slli_epi64(_mm256_and_si256(q, _mm256_set1_epi64x(2)), 62);
  __m256i cos_sign = _mm256_slli_epi64(_mm256_xor_si256(q, _mm256_srli_epi64(q, 1)), 63);
  *sin_out = _mm256_xor_pd(_mm256_blendv_pd(s, c, odd), _mm256_castsi256_pd(sin_sign));
  *cos_out = _mm256_xor_pd(_mm256_blendv_pd(c, s, odd), _mm256_castsi256_pd(cos_sign));
}

INLINE __m256d horner8(const double c[8], __m256d x) {
  __m256d v = SET(c[7]);
  for (int i = 6; i >= 0; i--) v = _mm256_add_pd(_mm256_mul_pd(v, x), SET(c[i]));
  return v;
}

/// Φ⁻¹(p), Wichura's AS 241; each branch is evaluated only if some lane takes it.
INLINE __m256d inverse_normal_cdf4(__m256d p) {
  __m256d at_most_0 = _mm256_cmp_pd(p, SET(0), _CMP_LE_OQ);
  __m256d at_least_1 = _mm256_cmp_pd(p, SET(1), _CMP_GE_OQ);
  __m256d q = _mm256_sub_pd(p, SET(0.5));
  __m256d abs_q = _mm256_andnot_pd(SET(-0.0), q);
  __m256d central = _mm256_cmp_pd(abs_q, SET(0.425), _CMP_LE_OQ);
  __m256d tail = _mm256_andnot_pd(_mm256_or_pd(central, _mm256_or_pd(at_most_0, at_least_1)),
                                  _mm256_castsi256_pd(_mm256_set1_epi64x(-1)));
  __m256d result = _mm256_setzero_pd();
  if (_mm256_movemask_pd(central)) {
    __m256d r = _mm256_sub_pd(SET(0.180625), _mm256_mul_pd(q, q));
    __m256d v = _mm256_div_pd(_mm256_mul_pd(q, horner8(as241[0], r)), horner8(as241[1], r));
    result = _mm256_blendv_pd(result, v, central);
  }
  if (_mm256_movemask_pd(tail)) {
    __m256d negative = _mm256_cmp_pd(q, SET(0), _CMP_LT_OQ);
    __m256d tail_p = _mm256_blendv_pd(_mm256_sub_pd(SET(1), p), p, negative);
    __m256d r = _mm256_sqrt_pd(negate_pd(log4(tail_p)));
    __m256d near = _mm256_cmp_pd(r, SET(5), _CMP_LE_OQ);
    __m256d v = _mm256_setzero_pd();
    int near_lanes = _mm256_movemask_pd(near), tail_lanes = _mm256_movemask_pd(tail);
    if (near_lanes & tail_lanes) {
      __m256d r1 = _mm256_sub_pd(r, SET(1.6));
      v = _mm256_blendv_pd(v, _mm256_div_pd(horner8(as241[2], r1), horner8(as241[3], r1)), near);
    }
    if (~near_lanes & tail_lanes) {
      __m256d r2 = _mm256_sub_pd(r, SET(5));
      v = _mm256_blendv_pd(_mm256_div_pd(horner8(as241[4], r2), horner8(as241[5], r2)), v, near);
    }
    v = _mm256_blendv_pd(v, negate_pd(v), negative);
    result = _mm256_blendv_pd(result, v, tail);
  }
  result = _mm256_blendv_pd(result, SET(-__builtin_inf()), at_most_0);
  return _mm256_blendv_pd(result, SET(__builtin_inf()), at_least_1);
}

// ---- Normal and truncated normal ----------------------------------------------------------------------

enum { NORMAL_NV = 2, TRUNC_NV = 2 };

/// Box–Muller on blocks b ..< b + 4·NORMAL_NV: elements 2b ..< 2b + 8·NORMAL_NV.
INLINE void normal_f64_batch(uint64_t b, uint32_t stream, const round_keys *keys, double *dst, __m256d mean,
                             __m256d std) {
  __m256i w[4][4];
  philox(NORMAL_NV, b, stream, keys, w);
  for (int v = 0; v < NORMAL_NV; v++) {
    __m256i m1 = bits53(w[0][v], w[1][v]), m2 = bits53(w[2][v], w[3][v]);
    __m256d u1 = _mm256_mul_pd(u53_to_pd(_mm256_sub_epi64(_mm256_set1_epi64x(1ll << 53), m1)), SET(0x1p-53));
    __m256d r = _mm256_sqrt_pd(_mm256_mul_pd(SET(-2), log4(u1)));
    __m256d s, c;
    sincos4(m2, &s, &c);
    __m256d even = _mm256_fmadd_pd(_mm256_mul_pd(r, c), std, mean);
    __m256d odd = _mm256_fmadd_pd(_mm256_mul_pd(r, s), std, mean);
    _mm256_storeu_pd(dst + 8 * v, interleave_lo_pd(even, odd));
    _mm256_storeu_pd(dst + 8 * v + 4, interleave_hi_pd(even, odd));
  }
}

TARGET void nninit_philox_normal_f64_avx2(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                          double *out, double mean, double std) {
  round_keys keys = make_keys(k0, k1);
  const __m256d vmean = SET(mean), vstd = SET(std);
#define NORMAL_F64_BATCH(b, dst, direct) normal_f64_batch(b, stream, &keys, dst, vmean, vstd)
  DRIVE(double, 2, 4 * NORMAL_NV, NORMAL_F64_BATCH);
#undef NORMAL_F64_BATCH
}

// ---- Binary32 Box–Muller (philox_scalar.c's box_muller24 on 8 lanes) ------------------------------------------

#define SETF(x) _mm256_set1_ps(x)
#define SETI(x) _mm256_set1_epi32(x)

/// Cephes logf on 8 normal floats > 0; k and m from the bits exactly as the scalar code.
INLINE __m256 logf8(__m256 x) {
  __m256i bits = _mm256_castps_si256(x);
  __m256 k = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srli_epi32(bits, 23), SETI(127)));
  __m256 m = _mm256_castsi256_ps(_mm256_or_si256(_mm256_and_si256(bits, SETI(0x007FFFFF)), SETI(0x3F800000)));
  __m256 big = _mm256_cmp_ps(m, SETF(0x1.6a09e6p+0f), _CMP_GT_OQ);
  m = _mm256_blendv_ps(m, _mm256_mul_ps(m, SETF(0.5f)), big);
  k = _mm256_blendv_ps(k, _mm256_add_ps(k, SETF(1)), big);
  __m256 f = _mm256_sub_ps(m, SETF(1)), z = _mm256_mul_ps(f, f);
  __m256 p = SETF(nninit_philox_logf_p[0]);
  for (int i = 1; i < 9; i++) p = _mm256_fmadd_ps(p, f, SETF(nninit_philox_logf_p[i]));
  __m256 y = _mm256_mul_ps(_mm256_mul_ps(p, f), z);
  y = _mm256_fmadd_ps(k, SETF(-2.12194440e-4f), y);
  y = _mm256_fmadd_ps(SETF(-0.5f), z, y);
  return _mm256_fmadd_ps(k, SETF(0.693359375f), _mm256_add_ps(f, y));
}

/// sin and cos of 2π·m·2⁻²⁴ for 8 24-bit integers m.
INLINE void sincosf8(__m256i m, __m256 *sin_out, __m256 *cos_out) {
  __m256i q = _mm256_srli_epi32(_mm256_add_epi32(m, SETI(1 << 21)), 22);
  __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_sub_epi32(m, _mm256_slli_epi32(q, 22))),
                           SETF(0x1.921fb6p+2f * 0x1p-24f));
  __m256 z = _mm256_mul_ps(x, x);
  const float *S = nninit_philox_sinf_s, *C = nninit_philox_cosf_c;
  __m256 s = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_fmadd_ps(SETF(S[0]), z, SETF(S[1])), z, SETF(S[2])),
                             _mm256_mul_ps(z, x), x);
  __m256 c = _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_fmadd_ps(SETF(C[0]), z, SETF(C[1])), z, SETF(C[2])),
                             _mm256_mul_ps(z, z), _mm256_fmadd_ps(SETF(-0.5f), z, SETF(1)));
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  __m256 odd = _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(q, SETI(1)), SETI(1)));
  __m256i sin_sign = _mm256_slli_epi32(_mm256_and_si256(q, SETI(2)), 30);
  __m256i cos_sign = _mm256_slli_epi32(_mm256_xor_si256(q, _mm256_srli_epi32(q, 1)), 31);
  *sin_out = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_castps_si256(_mm256_blendv_ps(s, c, odd)), sin_sign));
  *cos_out = _mm256_castsi256_ps(_mm256_xor_si256(_mm256_castps_si256(_mm256_blendv_ps(c, s, odd)), cos_sign));
}

/// Box–Muller's radius of 8 words a: u = (2²⁴ − (a >> 8))·2⁻²⁴, r = √(−2·logf u).
INLINE __m256 radius8(__m256i words) {
  __m256i n = _mm256_sub_epi32(SETI(1 << 24), _mm256_srli_epi32(words, 8));
  __m256 u = _mm256_mul_ps(_mm256_cvtepi32_ps(n), SETF(0x1p-24f));
  return _mm256_sqrt_ps(_mm256_mul_ps(SETF(-2), logf8(u)));
}

TARGET void nninit_philox_math_f32_avx2(int function, const uint32_t *in, float *out, size_t count) {
  for (size_t n = 0; n < count; n += 8) {
    uint32_t x[8] = {0};
    float y[8];
    size_t len = count - n < 8 ? count - n : 8;
    memcpy(x, in + n, len * sizeof(uint32_t));
    __m256i words = _mm256_loadu_si256((const __m256i *)x);
    __m256 v, s, c;
    if (function == 0) {
      v = radius8(words);
    } else {
      sincosf8(_mm256_srli_epi32(words, 8), &s, &c);
      v = function == 1 ? s : c;
    }
    _mm256_storeu_ps(y, v);
    memcpy(out + n, y, len * sizeof(float));
  }
}

enum { NORMAL_F32_NV = 4 };

/// Blocks b ..< b + 4·NORMAL_F32_NV: elements 4b ..< 4b + 16·NORMAL_F32_NV (lane layout as in
/// philox_avx512.c).
INLINE void normal_f32_batch(uint64_t b, uint32_t stream, const round_keys *keys, float *dst, __m256 mean,
                             __m256 std, int streaming) {
  __m256i w[4][4];
  philox(NORMAL_F32_NV, b, stream, keys, w);
  for (int v = 0; v < NORMAL_F32_NV; v++) {
    __m256i radius_words = pack_words(w[0][v], w[2][v]), angle_words = pack_words(w[1][v], w[3][v]);
    __m256 r = radius8(radius_words);
    __m256 s, c;
    sincosf8(_mm256_srli_epi32(angle_words, 8), &s, &c);
    __m256 even = _mm256_fmadd_ps(_mm256_mul_ps(r, c), std, mean);
    __m256 odd = _mm256_fmadd_ps(_mm256_mul_ps(r, s), std, mean);
    __m256 lo = _mm256_unpacklo_ps(even, odd), hi = _mm256_unpackhi_ps(even, odd);
    store8f(dst + 16 * v, _mm256_permute2f128_ps(lo, hi, 0x20), streaming);
    store8f(dst + 16 * v + 8, _mm256_permute2f128_ps(lo, hi, 0x31), streaming);
  }
}

/// Elements [offset, offset + count) of the float32 normal; direct batches streamed if `streaming`.
TARGET static void normal_f32_range(const round_keys *keys, uint32_t stream, uint64_t offset, size_t count,
                                    float *out, __m256 mean, __m256 std, int streaming) {
#define NORMAL_F32_BATCH(b, dst, direct) normal_f32_batch(b, stream, keys, dst, mean, std, streaming && (direct))
  DRIVE(float, 4, 4 * NORMAL_F32_NV, NORMAL_F32_BATCH);
#undef NORMAL_F32_BATCH
}

TARGET void nninit_philox_normal_f32_avx2(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                          float *out, float mean, float std) {
  round_keys keys = make_keys(k0, k1);
  const __m256 vmean = SETF(mean), vstd = SETF(std);
  size_t head = nninit_philox_streaming_head(out, offset, count, 32);
  normal_f32_range(&keys, stream, offset, head, out, vmean, vstd, 0);
  if (head < count) {
    normal_f32_range(&keys, stream, offset + head, count - head, out + head, vmean, vstd, 1);
    _mm_sfence();
  }
}

/// The truncated normal's value before its clamp, for 4 53-bit integers m.
INLINE __m256d trunc4(__m256i m, const double params[8]) {
  __m256d t = _mm256_fmadd_pd(_mm256_mul_pd(u53_to_pd(m), SET(0x1p-53)), SET(params[T_MASS]), SET(params[T_LOWER_A]));
  __m256d u_upper = _mm256_mul_pd(u53_to_pd(_mm256_sub_epi64(_mm256_set1_epi64x(1ll << 53), m)), SET(0x1p-53));
  __m256d t_upper = _mm256_fmadd_pd(u_upper, SET(params[T_MASS]), SET(params[T_UPPER_B]));
  __m256d lower = _mm256_cmp_pd(t, SET(0.5), _CMP_LE_OQ);
  __m256d z = inverse_normal_cdf4(_mm256_blendv_pd(t_upper, t, lower));
  z = _mm256_blendv_pd(negate_pd(z), z, lower);
  if (params[T_MIRRORED] != 0) z = negate_pd(z);
  return _mm256_fmadd_pd(z, SET(params[T_STD]), SET(params[T_MEAN]));
}

/// Swift's `min(max(x, a), b)`: `max(x, a) = a >= x ? a : x`, `min(y, b) = b < y ? b : y`.
INLINE __m256d clamp4(__m256d x, __m256d a, __m256d b) {
  x = _mm256_blendv_pd(x, a, _mm256_cmp_pd(a, x, _CMP_GE_OQ));
  return _mm256_blendv_pd(x, b, _mm256_cmp_pd(b, x, _CMP_LT_OQ));
}
INLINE __m128 clamp4f(__m128 x, __m128 a, __m128 b) {
  x = _mm_blendv_ps(x, a, _mm_cmp_ps(a, x, _CMP_GE_OQ));
  return _mm_blendv_ps(x, b, _mm_cmp_ps(b, x, _CMP_LT_OQ));
}

INLINE void trunc_batch(uint64_t b, uint32_t stream, const round_keys *keys, void *dst, int f32,
                        const double params[8]) {
  __m256i w[4][4];
  philox(TRUNC_NV, b, stream, keys, w);
  for (int v = 0; v < TRUNC_NV; v++) {
    __m256d even = trunc4(bits53(w[0][v], w[1][v]), params), odd = trunc4(bits53(w[2][v], w[3][v]), params);
    __m256d lo = interleave_lo_pd(even, odd), hi = interleave_hi_pd(even, odd);
    if (f32) {
      __m128 a = _mm_set1_ps((float)params[T_A]), bb = _mm_set1_ps((float)params[T_B]);
      _mm_storeu_ps((float *)dst + 8 * v, clamp4f(_mm256_cvtpd_ps(lo), a, bb));
      _mm_storeu_ps((float *)dst + 8 * v + 4, clamp4f(_mm256_cvtpd_ps(hi), a, bb));
    } else {
      __m256d a = SET(params[T_A]), bb = SET(params[T_B]);
      _mm256_storeu_pd((double *)dst + 8 * v, clamp4(lo, a, bb));
      _mm256_storeu_pd((double *)dst + 8 * v + 4, clamp4(hi, a, bb));
    }
  }
}

TARGET void nninit_philox_trunc_normal_avx2(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,
                                            size_t count, void *out_, int f32, const double params[8]) {
  round_keys keys = make_keys(k0, k1);
  if (f32) {
    float *out = out_;
#define TRUNC_F32_BATCH(b, dst, direct) trunc_batch(b, stream, &keys, dst, 1, params)
    DRIVE(float, 2, 4 * TRUNC_NV, TRUNC_F32_BATCH);
  } else {
    double *out = out_;
#define TRUNC_F64_BATCH(b, dst, direct) trunc_batch(b, stream, &keys, dst, 0, params)
    DRIVE(double, 2, 4 * TRUNC_NV, TRUNC_F64_BATCH);
  }
}

// ---- Test hook ---------------------------------------------------------------------------------------

TARGET void nninit_philox_math_avx2(int function, const double *in, double *out, size_t count) {
  for (size_t n = 0; n < count; n += 4) {
    double x[4] = {1, 1, 1, 1}, y[4];
    size_t len = count - n < 4 ? count - n : 4;
    memcpy(x, in + n, len * sizeof(double));
    __m256d v = _mm256_loadu_pd(x), s, c;
    switch (function) {
      case 0: v = log4(v); break;
      case 1: sincos4(_mm256_castpd_si256(v), &s, &c), v = s; break;
      case 2: sincos4(_mm256_castpd_si256(v), &s, &c), v = c; break;
      default: v = inverse_normal_cdf4(v); break;
    }
    _mm256_storeu_pd(y, v);
    memcpy(out + n, y, len * sizeof(double));
  }
}
#endif
