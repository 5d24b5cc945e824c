// PhiloxGenerator's fills with NEON (Advanced SIMD, part of the arm64 base architecture), bit-identical
// to the scalar kernels of philox_scalar.c.
//
// Philox: 4 blocks per vector set, structure of arrays — w[j] holds word j of the 4 blocks, one block
// per 32-bit lane; a round's 32×32→64 products are `umull`/`umull2`, split into high and low words by
// `uzp2`/`uzp1`. `st4`/`st2` interleave the results back into stream order. The distributions repeat the
// scalar operation sequence lane by lane (same IEEE operations, same order, `fmla` exactly where the
// scalar code has `fma`); the only substitutions are exact ones (`ucvtf`/`scvtf` for integers below
// 2⁵³, sign-bit xors for negation, compare-and-select for Swift's `min`/`max`). No streaming stores.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#include "philox_shared.h"
#if defined(__aarch64__) || defined(_M_ARM64)
#include <arm_neon.h>
#include <string.h>

#define INLINE static inline __attribute__((always_inline))

// ---- Philox4x32-10 on 4·nv blocks ---------------------------------------------------------------------

/// Words w0…w3 of blocks b + 4v + lane (v < nv) in w[j][v].
INLINE void philox(int nv, uint64_t b, uint32_t stream, const round_keys *keys, uint32x4_t w[4][4]) {
  static const uint32_t lanes[4] = {0, 1, 2, 3};
  const uint32x4_t lane = vld1q_u32(lanes);
  for (int v = 0; v < nv; v++) {
    uint64_t first = b + 4 * (uint64_t)v;
    uint32x4_t lo = vaddq_u32(vdupq_n_u32((uint32_t)first), lane);
    // The high word carries where the low one wrapped (a true mask is −1).
    w[0][v] = lo;
    w[1][v] = vsubq_u32(vdupq_n_u32((uint32_t)(first >> 32)), vcltq_u32(lo, vdupq_n_u32((uint32_t)first)));
    w[2][v] = vdupq_n_u32(stream);
    w[3][v] = vdupq_n_u32(0);
  }
  for (int r = 0; r < 10; r++) {
    uint32x4_t k0 = vdupq_n_u32((uint32_t)keys->k0[r]), k1 = vdupq_n_u32((uint32_t)keys->k1[r]);
    for (int v = 0; v < nv; v++) {
      uint64x2_t p0l = vmull_n_u32(vget_low_u32(w[0][v]), M0), p0h = vmull_high_n_u32(w[0][v], M0);
      uint64x2_t p1l = vmull_n_u32(vget_low_u32(w[2][v]), M1), p1h = vmull_high_n_u32(w[2][v], M1);
      uint32x4_t p0_lo = vuzp1q_u32(vreinterpretq_u32_u64(p0l), vreinterpretq_u32_u64(p0h));
      uint32x4_t p0_hi = vuzp2q_u32(vreinterpretq_u32_u64(p0l), vreinterpretq_u32_u64(p0h));
      uint32x4_t p1_lo = vuzp1q_u32(vreinterpretq_u32_u64(p1l), vreinterpretq_u32_u64(p1h));
      uint32x4_t p1_hi = vuzp2q_u32(vreinterpretq_u32_u64(p1l), vreinterpretq_u32_u64(p1h));
      w[0][v] = veorq_u32(veorq_u32(p1_hi, w[1][v]), k0);
      w[2][v] = veorq_u32(veorq_u32(p0_hi, w[3][v]), k1);
      w[1][v] = p1_lo;
      w[3][v] = p0_lo;
    }
  }
}

/// The 53-bit integers `(hi << 32 | lo) >> 11` of words (hi, lo) in lanes 0–1 (`_01`) or 2–3 (`_23`).
INLINE uint64x2_t bits53_01(uint32x4_t hi, uint32x4_t lo) {
  return vshrq_n_u64(vreinterpretq_u64_u32(vzip1q_u32(lo, hi)), 11);
}
INLINE uint64x2_t bits53_23(uint32x4_t hi, uint32x4_t lo) {
  return vshrq_n_u64(vreinterpretq_u64_u32(vzip2q_u32(lo, hi)), 11);
}

#define SETD(x) vdupq_n_f64(x)
#define SETF(x) vdupq_n_f32(x)

/// −x (the sign bit flipped, as the scalar unary minus).
INLINE float64x2_t negate2(float64x2_t x) {
  return vreinterpretq_f64_u64(veorq_u64(vreinterpretq_u64_f64(x), vdupq_n_u64(1ull << 63)));
}

/// True if any lane of the mask is set.
INLINE int any2(uint64x2_t mask) { return vmaxvq_u32(vreinterpretq_u32_u64(mask)) != 0; }

// ---- Uniform -------------------------------------------------------------------------------------------

enum { UNIFORM_F32_NV = 4, UNIFORM_F64_NV = 2 };

/// `x = (w >> 8)·2⁻²⁴`, `v = fmaf(x, range, from)`, `v == to` → `from`; with `scaled`, `range` is
/// `range·2⁻²⁴` (exact) and the multiply is folded into the same fused operation (as philox_avx2.c).
INLINE float32x4_t uniform4f(uint32x4_t words, float32x4_t range, float32x4_t from, float32x4_t to, int scaled) {
  float32x4_t n = vcvtq_f32_u32(vshrq_n_u32(words, 8));
  float32x4_t v = scaled ? vfmaq_f32(from, n, range) : vfmaq_f32(from, vmulq_f32(n, SETF(0x1p-24f)), range);
  return vbslq_f32(vceqq_f32(v, to), from, v);
}

void nninit_philox_uniform_f32_neon(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                    float *out, float from, float to) {
  round_keys keys = make_keys(k0, k1);
  const float range = to - from, scaled_range = range * 0x1p-24f;
  const int scaled = scaled_range * 0x1p24f == range;  // range·2⁻²⁴ exact
  const float32x4_t vfrom = SETF(from), vto = SETF(to), vrange = SETF(scaled ? scaled_range : range);
#define UNIFORM_F32_BATCH(b, dst, direct)                                                        \
  do {                                                                                           \
    uint32x4_t w[4][4];                                                                          \
    philox(UNIFORM_F32_NV, b, stream, &keys, w);                                                 \
    for (int v = 0; v < UNIFORM_F32_NV; v++) {                                                   \
      float32x4x4_t x = {{uniform4f(w[0][v], vrange, vfrom, vto, scaled),                        \
                          uniform4f(w[1][v], vrange, vfrom, vto, scaled),                        \
                          uniform4f(w[2][v], vrange, vfrom, vto, scaled),                        \
                          uniform4f(w[3][v], vrange, vfrom, vto, scaled)}};                      \
      vst4q_f32((dst) + 16 * v, x);                                                              \
    }                                                                                            \
  } while (0)
  if (scaled)  // two copies of the loop, each compiled with `scaled` known
    DRIVE(float, 4, 4 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
  else
    DRIVE(float, 4, 4 * UNIFORM_F32_NV, UNIFORM_F32_BATCH);
#undef UNIFORM_F32_BATCH
}

INLINE float64x2_t uniform2(uint64x2_t m, float64x2_t range, float64x2_t from, float64x2_t to) {
  float64x2_t x = vmulq_f64(vcvtq_f64_u64(m), SETD(0x1p-53));
  float64x2_t v = vfmaq_f64(from, x, range);
  return vbslq_f64(vceqq_f64(v, to), from, v);
}

void nninit_philox_uniform_f64_neon(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                    double *out, double from, double to) {
  round_keys keys = make_keys(k0, k1);
  const float64x2_t vfrom = SETD(from), vto = SETD(to), vrange = SETD(to - from);
#define UNIFORM_F64_BATCH(b, dst, direct)                                                                      \
  do {                                                                                                         \
    uint32x4_t w[4][4];                                                                                        \
    philox(UNIFORM_F64_NV, b, stream, &keys, w);                                                               \
    for (int v = 0; v < UNIFORM_F64_NV; v++) {                                                                 \
      float64x2x2_t lo = {{uniform2(bits53_01(w[0][v], w[1][v]), vrange, vfrom, vto),                          \
                           uniform2(bits53_01(w[2][v], w[3][v]), vrange, vfrom, vto)}};                        \
      float64x2x2_t hi = {{uniform2(bits53_23(w[0][v], w[1][v]), vrange, vfrom, vto),                          \
                           uniform2(bits53_23(w[2][v], w[3][v]), vrange, vfrom, vto)}};                        \
      vst2q_f64((dst) + 8 * v, lo);                                                                            \
      vst2q_f64((dst) + 8 * v + 4, hi);                                                                        \
    }                                                                                                          \
  } while (0)
  DRIVE(double, 2, 4 * UNIFORM_F64_NV, UNIFORM_F64_BATCH);
#undef UNIFORM_F64_BATCH
}

// ---- Elementary functions (philox_scalar.c's, lane by lane) -------------------------------------------

static const double *const lg = nninit_philox_lg, *const sin_taylor = nninit_philox_sin_taylor,
                    *const cos_taylor = nninit_philox_cos_taylor;
static const double (*const as241)[8] = nninit_philox_as241;

/// fdlibm's log main path.
INLINE float64x2_t log2d(float64x2_t x) {
  uint64x2_t subnormal = vcltq_f64(x, SETD(0x1p-1022));
  x = vbslq_f64(subnormal, vmulq_f64(x, SETD(0x1p54)), x);
  uint64x2_t bits = vreinterpretq_u64_f64(x);
  int64x2_t k = vsubq_s64(vreinterpretq_s64_u64(vshrq_n_u64(bits, 52)), vdupq_n_s64(1023));
  k = vsubq_s64(k, vreinterpretq_s64_u64(vandq_u64(subnormal, vdupq_n_u64(54))));
  float64x2_t m = vreinterpretq_f64_u64(
      vorrq_u64(vandq_u64(bits, vdupq_n_u64(0x000FFFFFFFFFFFFFull)), vdupq_n_u64(0x3FF0000000000000ull)));
  uint64x2_t big = vcgtq_f64(m, SETD(0x1.6a09e667f3bcdp+0));
  m = vbslq_f64(big, vmulq_f64(m, SETD(0.5)), m);
  k = vsubq_s64(k, vreinterpretq_s64_u64(big));  // a true mask is −1
  float64x2_t f = vsubq_f64(m, SETD(1));
  float64x2_t s = vdivq_f64(f, vaddq_f64(SETD(2), f));
  float64x2_t z = vmulq_f64(s, s);
  float64x2_t w = vmulq_f64(z, z);
  float64x2_t t1 = vmulq_f64(w, vaddq_f64(SETD(lg[1]), vmulq_f64(w, vaddq_f64(SETD(lg[3]), vmulq_f64(w, SETD(lg[5]))))));
  float64x2_t t2 = vmulq_f64(
      z, vaddq_f64(SETD(lg[0]), vmulq_f64(w, vaddq_f64(SETD(lg[2]), vmulq_f64(w, vaddq_f64(SETD(lg[4]), vmulq_f64(w, SETD(lg[6]))))))));
  float64x2_t r = vaddq_f64(t2, t1);
  float64x2_t hfsq = vmulq_f64(vmulq_f64(SETD(0.5), f), f);
  float64x2_t dk = vcvtq_f64_s64(k);
  float64x2_t inner = vaddq_f64(vmulq_f64(s, vaddq_f64(hfsq, r)), vmulq_f64(dk, SETD(0x1.a39ef35793c76p-33)));
  return vsubq_f64(vmulq_f64(dk, SETD(0x1.62e42feep-1)), vsubq_f64(vsubq_f64(hfsq, inner), f));
}

/// sin and cos of m·2⁻⁵³ turns for 2 53-bit integers m.
INLINE void sincos2d(uint64x2_t m, float64x2_t *sin_out, float64x2_t *cos_out) {
  uint64x2_t q = vshrq_n_u64(vaddq_u64(m, vdupq_n_u64(1ull << 50)), 51);
  int64x2_t rem = vreinterpretq_s64_u64(vsubq_u64(m, vshlq_n_u64(q, 51)));
  float64x2_t t = vmulq_f64(vcvtq_f64_s64(rem), SETD(0x1p-53));
  float64x2_t x = vmulq_f64(t, SETD(0x1.921fb54442d18p+2));
  float64x2_t x2 = vmulq_f64(x, x);
  float64x2_t s = SETD(sin_taylor[0]);
  for (int i = 1; i < 10; i++) s = vfmaq_f64(SETD(sin_taylor[i]), s, x2);
  s = vmulq_f64(s, x);
  float64x2_t c = SETD(cos_taylor[0]);
  for (int i = 1; i < 11; i++) c = vfmaq_f64(SETD(cos_taylor[i]), c, x2);
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  uint64x2_t odd = vtstq_u64(q, vdupq_n_u64(1));
  uint64x2_t sin_sign = vshlq_n_u64(vandq_u64(q, vdupq_n_u64(2)), 62);
  uint64x2_t cos_sign = vshlq_n_u64(veorq_u64(q, vshrq_n_u64(q, 1)), 63);
  *sin_out = vreinterpretq_f64_u64(veorq_u64(vreinterpretq_u64_f64(vbslq_f64(odd, c, s)), sin_sign));
  *cos_out = vreinterpretq_f64_u64(veorq_u64(vreinterpretq_u64_f64(vbslq_f64(odd, s, c)), cos_sign));
}

INLINE float64x2_t horner8(const double c[8], float64x2_t x) {
  float64x2_t v = SETD(c[7]);
  for (int i = 6; i >= 0; i--) v = vaddq_f64(vmulq_f64(v, x), SETD(c[i]));
  return v;
}

/// Φ⁻¹(p), Wichura's AS 241; each branch is evaluated only if some lane takes it.
INLINE float64x2_t inverse_normal_cdf2(float64x2_t p) {
  uint64x2_t at_most_0 = vcleq_f64(p, SETD(0)), at_least_1 = vcgeq_f64(p, SETD(1));
  float64x2_t q = vsubq_f64(p, SETD(0.5));
  uint64x2_t central = vcleq_f64(vabsq_f64(q), SETD(0.425));
  uint64x2_t tail = veorq_u64(vorrq_u64(central, vorrq_u64(at_most_0, at_least_1)), vdupq_n_u64(~0ull));
  float64x2_t result = SETD(0);
  if (any2(central)) {
    float64x2_t r = vsubq_f64(SETD(0.180625), vmulq_f64(q, q));
    float64x2_t v = vdivq_f64(vmulq_f64(q, horner8(as241[0], r)), horner8(as241[1], r));
    result = vbslq_f64(central, v, result);
  }
  if (any2(tail)) {
    uint64x2_t negative = vcltq_f64(q, SETD(0));
    float64x2_t tail_p = vbslq_f64(negative, p, vsubq_f64(SETD(1), p));
    float64x2_t r = vsqrtq_f64(negate2(log2d(tail_p)));
    uint64x2_t near = vcleq_f64(r, SETD(5));
    float64x2_t v = SETD(0);
    if (any2(vandq_u64(near, tail))) {
      float64x2_t r1 = vsubq_f64(r, SETD(1.6));
      v = vbslq_f64(near, vdivq_f64(horner8(as241[2], r1), horner8(as241[3], r1)), v);
    }
    if (any2(vbicq_u64(tail, near))) {
      float64x2_t r2 = vsubq_f64(r, SETD(5));
      v = vbslq_f64(near, v, vdivq_f64(horner8(as241[4], r2), horner8(as241[5], r2)));
    }
    v = vbslq_f64(negative, negate2(v), v);
    result = vbslq_f64(tail, v, result);
  }
  result = vbslq_f64(at_most_0, SETD(-__builtin_inf()), result);
  return vbslq_f64(at_least_1, SETD(__builtin_inf()), result);
}

// ---- Normal and truncated normal ----------------------------------------------------------------------

enum { NORMAL_NV = 2, TRUNC_NV = 2 };

/// Box–Muller on 2 blocks, m1 = bits53(w0, w1) and m2 = bits53(w2, w3) of each: their elements
/// (r·cos θ, r·sin θ) → fma(·, std, mean), interleaved into dst[0 ..< 4].
INLINE void normal_f64_pair(uint64x2_t m1, uint64x2_t m2, double *dst, float64x2_t mean, float64x2_t std) {
  float64x2_t u1 = vmulq_f64(vcvtq_f64_u64(vsubq_u64(vdupq_n_u64(1ull << 53), m1)), SETD(0x1p-53));
  float64x2_t r = vsqrtq_f64(vmulq_f64(SETD(-2), log2d(u1)));
  float64x2_t s, c;
  sincos2d(m2, &s, &c);
  float64x2x2_t z = {{vfmaq_f64(mean, vmulq_f64(r, c), std), vfmaq_f64(mean, vmulq_f64(r, s), std)}};
  vst2q_f64(dst, z);
}

void nninit_philox_normal_f64_neon(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                   double *out, double mean, double std) {
  round_keys keys = make_keys(k0, k1);
  const float64x2_t vmean = SETD(mean), vstd = SETD(std);
#define NORMAL_F64_BATCH(b, dst, direct)                                                                    \
  do {                                                                                                      \
    uint32x4_t w[4][4];                                                                                     \
    philox(NORMAL_NV, b, stream, &keys, w);                                                                 \
    for (int v = 0; v < NORMAL_NV; v++) {                                                                   \
      normal_f64_pair(bits53_01(w[0][v], w[1][v]), bits53_01(w[2][v], w[3][v]), (dst) + 8 * v, vmean, vstd);     \
      normal_f64_pair(bits53_23(w[0][v], w[1][v]), bits53_23(w[2][v], w[3][v]), (dst) + 8 * v + 4, vmean, vstd); \
    }                                                                                                       \
  } while (0)
  DRIVE(double, 2, 4 * NORMAL_NV, NORMAL_F64_BATCH);
#undef NORMAL_F64_BATCH
}

/// The truncated normal's value before its clamp, for 2 53-bit integers m.
INLINE float64x2_t trunc2(uint64x2_t m, const double params[8]) {
  float64x2_t t = vfmaq_f64(SETD(params[T_LOWER_A]), vmulq_f64(vcvtq_f64_u64(m), SETD(0x1p-53)), SETD(params[T_MASS]));
  float64x2_t u_upper = vmulq_f64(vcvtq_f64_u64(vsubq_u64(vdupq_n_u64(1ull << 53), m)), SETD(0x1p-53));
  float64x2_t t_upper = vfmaq_f64(SETD(params[T_UPPER_B]), u_upper, SETD(params[T_MASS]));
  uint64x2_t lower = vcleq_f64(t, SETD(0.5));
  float64x2_t z = inverse_normal_cdf2(vbslq_f64(lower, t, t_upper));
  z = vbslq_f64(lower, z, negate2(z));
  if (params[T_MIRRORED] != 0) z = negate2(z);
  return vfmaq_f64(SETD(params[T_MEAN]), z, SETD(params[T_STD]));
}

/// Swift's `min(max(x, a), b)`: `max(x, a) = a >= x ? a : x`, `min(y, b) = b < y ? b : y`.
INLINE float64x2_t clamp2(float64x2_t x, float64x2_t a, float64x2_t b) {
  x = vbslq_f64(vcgeq_f64(a, x), a, x);
  return vbslq_f64(vcltq_f64(b, x), b, x);
}
INLINE float32x4_t clamp4f(float32x4_t x, float32x4_t a, float32x4_t b) {
  x = vbslq_f32(vcgeq_f32(a, x), a, x);
  return vbslq_f32(vcltq_f32(b, x), b, x);
}

/// Elements of the 2 blocks of lanes 0–1 (`even`: words 0–1, `odd`: words 2–3), clamped, into dst[0 ..< 4].
INLINE void trunc_store(float64x2_t even, float64x2_t odd, void *dst, int f32, const double params[8]) {
  float64x2_t lo = vzip1q_f64(even, odd), hi = vzip2q_f64(even, odd);
  if (f32) {
    float32x4_t x = vcombine_f32(vcvt_f32_f64(lo), vcvt_f32_f64(hi));
    vst1q_f32(dst, clamp4f(x, SETF((float)params[T_A]), SETF((float)params[T_B])));
  } else {
    float64x2_t a = SETD(params[T_A]), b = SETD(params[T_B]);
    vst1q_f64(dst, clamp2(lo, a, b));
    vst1q_f64((double *)dst + 2, clamp2(hi, a, b));
  }
}

INLINE void trunc_batch(uint64_t b, uint32_t stream, const round_keys *keys, void *dst, int f32,
                        const double params[8]) {
  uint32x4_t w[4][4];
  philox(TRUNC_NV, b, stream, keys, w);
  size_t size = f32 ? sizeof(float) : sizeof(double);
  for (int v = 0; v < TRUNC_NV; v++) {
    char *d = (char *)dst + 8 * v * size;
    trunc_store(trunc2(bits53_01(w[0][v], w[1][v]), params), trunc2(bits53_01(w[2][v], w[3][v]), params), d, f32, params);
    trunc_store(trunc2(bits53_23(w[0][v], w[1][v]), params), trunc2(bits53_23(w[2][v], w[3][v]), params), d + 4 * size,
                f32, params);
  }
}

void nninit_philox_trunc_normal_neon(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                     void *out_, int f32, const double params[8]) {
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

// ---- Binary32 Box–Muller (philox_scalar.c's box_muller24 on 4 lanes) ----------------------------------

/// Cephes logf on 4 normal floats > 0; k and m from the bits exactly as the scalar code.
INLINE float32x4_t logf4(float32x4_t x) {
  uint32x4_t bits = vreinterpretq_u32_f32(x);
  float32x4_t k = vcvtq_f32_s32(vsubq_s32(vreinterpretq_s32_u32(vshrq_n_u32(bits, 23)), vdupq_n_s32(127)));
  float32x4_t m = vreinterpretq_f32_u32(vorrq_u32(vandq_u32(bits, vdupq_n_u32(0x007FFFFF)), vdupq_n_u32(0x3F800000)));
  uint32x4_t big = vcgtq_f32(m, SETF(0x1.6a09e6p+0f));
  m = vbslq_f32(big, vmulq_f32(m, SETF(0.5f)), m);
  k = vbslq_f32(big, vaddq_f32(k, SETF(1)), k);
  float32x4_t f = vsubq_f32(m, SETF(1)), z = vmulq_f32(f, f);
  float32x4_t p = SETF(nninit_philox_logf_p[0]);
  for (int i = 1; i < 9; i++) p = vfmaq_f32(SETF(nninit_philox_logf_p[i]), p, f);
  float32x4_t y = vmulq_f32(vmulq_f32(p, f), z);
  y = vfmaq_f32(y, k, SETF(-2.12194440e-4f));
  y = vfmaq_f32(y, SETF(-0.5f), z);
  return vfmaq_f32(vaddq_f32(f, y), k, SETF(0.693359375f));
}

/// sin and cos of 2π·m·2⁻²⁴ for 4 24-bit integers m.
INLINE void sincosf4(uint32x4_t m, float32x4_t *sin_out, float32x4_t *cos_out) {
  uint32x4_t q = vshrq_n_u32(vaddq_u32(m, vdupq_n_u32(1u << 21)), 22);
  float32x4_t x = vmulq_f32(vcvtq_f32_s32(vreinterpretq_s32_u32(vsubq_u32(m, vshlq_n_u32(q, 22)))),
                            SETF(0x1.921fb6p+2f * 0x1p-24f));
  float32x4_t z = vmulq_f32(x, x);
  const float *S = nninit_philox_sinf_s, *C = nninit_philox_cosf_c;
  float32x4_t s = vfmaq_f32(x, vfmaq_f32(SETF(S[2]), vfmaq_f32(SETF(S[1]), SETF(S[0]), z), z), vmulq_f32(z, x));
  float32x4_t c = vfmaq_f32(vfmaq_f32(SETF(1), SETF(-0.5f), z), vfmaq_f32(SETF(C[2]), vfmaq_f32(SETF(C[1]), SETF(C[0]), z), z),
                            vmulq_f32(z, z));
  // Quadrant q mod 4: 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
  uint32x4_t odd = vtstq_u32(q, vdupq_n_u32(1));
  uint32x4_t sin_sign = vshlq_n_u32(vandq_u32(q, vdupq_n_u32(2)), 30);
  uint32x4_t cos_sign = vshlq_n_u32(veorq_u32(q, vshrq_n_u32(q, 1)), 31);
  *sin_out = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(vbslq_f32(odd, c, s)), sin_sign));
  *cos_out = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(vbslq_f32(odd, s, c)), cos_sign));
}

/// Box–Muller's radius of 4 words a: u = (2²⁴ − (a >> 8))·2⁻²⁴, r = √(−2·logf u).
INLINE float32x4_t radius4(uint32x4_t words) {
  uint32x4_t n = vsubq_u32(vdupq_n_u32(1u << 24), vshrq_n_u32(words, 8));
  float32x4_t u = vmulq_f32(vcvtq_f32_u32(n), SETF(0x1p-24f));
  return vsqrtq_f32(vmulq_f32(SETF(-2), logf4(u)));
}

enum { NORMAL_F32_NV = 2 };

/// The pair of words (a, b) of 4 blocks: (fma(r·cos θ, std, mean), fma(r·sin θ, std, mean)).
INLINE void box_muller4(uint32x4_t a, uint32x4_t b, float32x4_t mean, float32x4_t std, float32x4_t *c_out,
                        float32x4_t *s_out) {
  float32x4_t r = radius4(a), s, c;
  sincosf4(vshrq_n_u32(b, 8), &s, &c);
  *c_out = vfmaq_f32(mean, vmulq_f32(r, c), std);
  *s_out = vfmaq_f32(mean, vmulq_f32(r, s), std);
}

void nninit_philox_normal_f32_neon(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                   float *out, float mean, float std) {
  round_keys keys = make_keys(k0, k1);
  const float32x4_t vmean = SETF(mean), vstd = SETF(std);
#define NORMAL_F32_BATCH(b, dst, direct)                                                       \
  do {                                                                                         \
    uint32x4_t w[4][4];                                                                        \
    philox(NORMAL_F32_NV, b, stream, &keys, w);                                                \
    for (int v = 0; v < NORMAL_F32_NV; v++) {                                                  \
      float32x4x4_t z;                                                                         \
      box_muller4(w[0][v], w[1][v], vmean, vstd, &z.val[0], &z.val[1]);                        \
      box_muller4(w[2][v], w[3][v], vmean, vstd, &z.val[2], &z.val[3]);                        \
      vst4q_f32((dst) + 16 * v, z);                                                            \
    }                                                                                          \
  } while (0)
  DRIVE(float, 4, 4 * NORMAL_F32_NV, NORMAL_F32_BATCH);
#undef NORMAL_F32_BATCH
}

// ---- Test hooks ----------------------------------------------------------------------------------------

void nninit_philox_math_f32_neon(int function, const uint32_t *in, float *out, size_t count) {
  for (size_t n = 0; n < count; n += 4) {
    uint32_t x[4] = {0};
    float y[4];
    size_t len = count - n < 4 ? count - n : 4;
    memcpy(x, in + n, len * sizeof(uint32_t));
    uint32x4_t words = vld1q_u32(x);
    float32x4_t v, s, c;
    if (function == 0) {
      v = radius4(words);
    } else {
      sincosf4(vshrq_n_u32(words, 8), &s, &c);
      v = function == 1 ? s : c;
    }
    vst1q_f32(y, v);
    memcpy(out + n, y, len * sizeof(float));
  }
}

void nninit_philox_math_neon(int function, const double *in, double *out, size_t count) {
  for (size_t n = 0; n < count; n += 2) {
    double x[2] = {1, 1}, y[2];
    size_t len = count - n < 2 ? count - n : 2;
    memcpy(x, in + n, len * sizeof(double));
    float64x2_t v = vld1q_f64(x), s, c;
    switch (function) {
      case 0: v = log2d(v); break;
      case 1: sincos2d(vreinterpretq_u64_f64(v), &s, &c), v = s; break;
      case 2: sincos2d(vreinterpretq_u64_f64(v), &s, &c), v = c; break;
      default: v = inverse_normal_cdf2(v); break;
    }
    vst1q_f64(y, v);
    memcpy(out + n, y, len * sizeof(double));
  }
}
#endif
