// PhiloxGenerator's portable scalar fills (Docs/Philox.md) — the reference every SIMD path matches bit
// for bit — and their elementary functions. Called by philox_dispatch.c; calls only the tables.
//
// Floating-point rules (as for every philox*.c): IEEE-754 binary64/binary32 with round-to-nearest-even,
// no contraction of a·b + c (the pragma below), `fma` only where the specification fuses (a single
// instruction on arm64 and on x86-64 builds with FMA, otherwise libm's correctly rounded `fma`).
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#include "philox_shared.h"
#include <math.h>
#include <string.h>

// ---- Philox4x32-10 ---------------------------------------------------------------------------------

/// Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1).
static inline void philox10(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3, uint32_t k0, uint32_t k1,
                            uint32_t out[4]) {
  for (int round = 0; round < 10; round++) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    uint64_t p0 = (uint64_t)M0 * c0, p1 = (uint64_t)M1 * c2;
    uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0, n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
    c1 = (uint32_t)p1;
    c3 = (uint32_t)p0;
    c0 = n0;
    c2 = n2;
  }
  out[0] = c0, out[1] = c1, out[2] = c2, out[3] = c3;
}

/// Words of block `b` of `stream` under key (k0, k1): counter (b lo, b hi, stream, 0).
static inline void philox_block(uint64_t b, uint32_t stream, uint32_t k0, uint32_t k1, uint32_t w[4]) {
  philox10((uint32_t)b, (uint32_t)(b >> 32), stream, 0, k0, k1, w);
}

void nninit_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4]) {
  philox10(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out);
}

// ---- Elementary functions (PhiloxMath.swift, PhiloxMath+NormalDistribution.swift) -----------------

static inline double from_bits(uint64_t u) {
  double d;
  memcpy(&d, &u, 8);
  return d;
}

static inline uint64_t to_bits(double d) {
  uint64_t u;
  memcpy(&u, &d, 8);
  return u;
}

static const double ln2_hi = 0x1.62e42feep-1, ln2_lo = 0x1.a39ef35793c76p-33;
static const double sqrt2 = 0x1.6a09e667f3bcdp+0, two_pi = 0x1.921fb54442d18p+2;
static const double *const lg = nninit_philox_lg, *const sin_taylor = nninit_philox_sin_taylor,
                    *const cos_taylor = nninit_philox_cos_taylor;
// 1/k!, k = 13…0 (the exponential of the truncated normal's setup; scalar only).
static const double exp_taylor[14] = {0x1.6124613a86d09p-33, 0x1.1eed8eff8d898p-29, 0x1.ae64567f544e4p-26,
                                      0x1.27e4fb7789f5cp-22, 0x1.71de3a556c734p-19, 0x1.a01a01a01a01ap-16,
                                      0x1.a01a01a01a01ap-13, 0x1.6c16c16c16c17p-10, 0x1.1111111111111p-7,
                                      0x1.5555555555555p-5,  0x1.5555555555555p-3,  0x1p-1,
                                      0x1p+0,                0x1p+0};

/// fdlibm's log main path (PhiloxMath.log).
static double philox_log(double x) {
  int64_t k = 0;
  if (x < 0x1p-1022) {
    x *= 0x1p54;
    k = -54;
  }
  uint64_t bits = to_bits(x);
  k += (int64_t)(bits >> 52) - 1023;
  double m = from_bits((bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);
  if (m > sqrt2) {
    m *= 0.5;
    k += 1;
  }
  double f = m - 1;
  double s = f / (2 + f);
  double z = s * s;
  double w = z * z;
  double t1 = w * (lg[1] + w * (lg[3] + w * lg[5]));
  double t2 = z * (lg[0] + w * (lg[2] + w * (lg[4] + w * lg[6])));
  double r = t2 + t1;
  double hfsq = 0.5 * f * f;
  double dk = (double)k;
  return dk * ln2_hi - ((hfsq - (s * (hfsq + r) + dk * ln2_lo)) - f);
}

/// e^x for x ≤ 0 (PhiloxMath.exp).
static double philox_exp(double x) {
  if (!(x > -745.2)) return 0;
  double kf = nearbyint(x * (1 / 0.693147180559945309417232121458176568));
  double r = (x - kf * ln2_hi) - kf * ln2_lo;
  double p = exp_taylor[0];
  for (int i = 1; i < 14; i++) p = fma(p, r, exp_taylor[i]);
  int64_t k = (int64_t)kf;
  if (k >= -1022) return p * from_bits((uint64_t)(k + 1023) << 52);
  return (p * from_bits((uint64_t)(k + 64 + 1023) << 52)) * 0x1p-64;
}

/// sin and cos of the angle m·2⁻⁵³ turns, m a 53-bit integer (PhiloxMath.sinCos(turns53:)).
static void philox_sincos(uint64_t m, double *sin_out, double *cos_out) {
  uint64_t q = (m + (1ull << 50)) >> 51;
  double t = (double)(int64_t)(m - (q << 51)) * 0x1p-53;
  double x = t * two_pi;
  double x2 = x * x;
  double s = sin_taylor[0];
  for (int i = 1; i < 10; i++) s = fma(s, x2, sin_taylor[i]);
  s = s * x;
  double c = cos_taylor[0];
  for (int i = 1; i < 11; i++) c = fma(c, x2, cos_taylor[i]);
  switch (q & 3) {
    case 0: *sin_out = s, *cos_out = c; break;
    case 1: *sin_out = c, *cos_out = -s; break;
    case 2: *sin_out = -s, *cos_out = -c; break;
    default: *sin_out = -c, *cos_out = s; break;
  }
}

static const double cody_a[5] = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
                                 18154.981253343561249, 0.065682337918207449113};
static const double cody_b[4] = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
                                 45507.789335026729956};
static const double cody_c[9] = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
                                 597.27027639480026226,  2494.5375852903726711, 6848.1904505362823326,
                                 11602.651437647350124,  9842.7148383839780218, 1.0765576773720192317e-8};
static const double cody_d[8] = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
                                 6485.558298266760755,  18615.571640885098091, 34900.952721145977266,
                                 38912.003286093271411, 19685.429676859990727};
static const double cody_p[6] = {0.21589853405795699,   0.1274011611602473639,   0.022235277870649807,
                                 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
static const double cody_q[5] = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
                                 0.00378239633202758244, 7.29751555083966205e-5};

/// Φ(x) and 1 − Φ(x) (PhiloxMath.normalCDF: Cody's approximations as R's pnorm_both).
static void philox_normal_cdf(double x, double *lower, double *upper) {
  if (isnan(x)) {
    *lower = *upper = x;
    return;
  }
  double y = fabs(x);
  if (y <= 0.67448975) {
    double xnum = 0, xden = 0;
    if (y > 0x1p-53) {
      double xsq = x * x;
      xnum = cody_a[4] * xsq;
      xden = xsq;
      for (int i = 0; i < 3; i++) {
        xnum = (xnum + cody_a[i]) * xsq;
        xden = (xden + cody_b[i]) * xsq;
      }
    }
    double temp = x * (xnum + cody_a[3]) / (xden + cody_b[3]);
    *lower = 0.5 + temp, *upper = 0.5 - temp;
    return;
  }
  double temp;
  if (y <= 5.656854249492380195206754896838) {
    double xnum = cody_c[8] * y, xden = y;
    for (int i = 0; i < 7; i++) {
      xnum = (xnum + cody_c[i]) * y;
      xden = (xden + cody_d[i]) * y;
    }
    temp = (xnum + cody_c[7]) / (xden + cody_d[7]);
  } else if (y < 37.5193) {
    double xsq = 1 / (x * x);
    double xnum = cody_p[5] * xsq, xden = xsq;
    for (int i = 0; i < 4; i++) {
      xnum = (xnum + cody_p[i]) * xsq;
      xden = (xden + cody_q[i]) * xsq;
    }
    temp = xsq * (xnum + cody_p[4]) / (xden + cody_q[4]);
    temp = (0.398942280401432677939946059934 - temp) / y;
  } else {
    *lower = x > 0 ? 1 : 0, *upper = x > 0 ? 0 : 1;
    return;
  }
  double xsq = trunc(y * 16) / 16;
  double del = (y - xsq) * (y + xsq);
  double tail = philox_exp(-xsq * xsq * 0.5) * philox_exp(-del * 0.5) * temp;
  if (x > 0)
    *lower = 1 - tail, *upper = tail;
  else
    *lower = tail, *upper = 1 - tail;
}

static const double (*const as241)[8] = nninit_philox_as241;

static inline double horner8(const double c[8], double x) {
  double v = c[7];
  for (int i = 6; i >= 0; i--) v = v * x + c[i];
  return v;
}

/// Φ⁻¹(p) (PhiloxMath.inverseNormalCDF: Wichura's AS 241).
static double philox_inverse_normal_cdf(double p) {
  if (p <= 0) return -INFINITY;
  if (p >= 1) return INFINITY;
  double q = p - 0.5;
  if (fabs(q) <= 0.425) {
    double r = 0.180625 - q * q;
    return q * horner8(as241[0], r) / horner8(as241[1], r);
  }
  double r = sqrt(-philox_log(q < 0 ? p : 1 - p));
  double value;
  if (r <= 5) {
    r = r - 1.6;
    value = horner8(as241[2], r) / horner8(as241[3], r);
  } else {
    r = r - 5;
    value = horner8(as241[4], r) / horner8(as241[5], r);
  }
  return q < 0 ? -value : value;
}

// ---- Scalar kernels ----------------------------------------------------------------------------------

void nninit_philox_uniform_f32_scalar(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                               float *out, float from, float to) {
  float range = to - from;
  size_t n = 0;
  uint64_t j = offset;
  while (n < count) {
    uint32_t w[4];
    philox_block(j >> 2, stream, k0, k1, w);
    for (unsigned lane = (unsigned)(j & 3); lane < 4 && n < count; lane++, n++, j++) {
      float x = (float)(w[lane] >> 8) * 0x1p-24f;
      float v = fmaf(x, range, from);
      out[n] = v == to ? from : v;
    }
  }
}

/// The 53-bit integer of words (hi, lo): `(hi << 32 | lo) >> 11`.
static inline uint64_t bits53(uint32_t hi, uint32_t lo) { return ((uint64_t)hi << 32 | lo) >> 11; }

void nninit_philox_uniform_f64_scalar(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                               double *out, double from, double to) {
  double range = to - from;
  for (size_t n = 0; n < count; n++) {
    uint64_t i = offset + n;
    uint32_t w[4];
    philox_block(i >> 1, stream, k0, k1, w);
    unsigned lane = 2 * (unsigned)(i & 1);
    double x = (double)bits53(w[lane], w[lane + 1]) * 0x1p-53;
    double v = fma(x, range, from);
    out[n] = v == to ? from : v;
  }
}

/// The Box–Muller pair of block `b`: (r·cos θ, r·sin θ).
static void normal_pair(uint64_t b, uint32_t stream, uint32_t k0, uint32_t k1, double pair[2]) {
  uint32_t w[4];
  philox_block(b, stream, k0, k1, w);
  uint64_t m1 = bits53(w[0], w[1]), m2 = bits53(w[2], w[3]);
  double u1 = (double)((1ull << 53) - m1) * 0x1p-53;
  double r = sqrt(-2 * philox_log(u1));
  double s, c;
  philox_sincos(m2, &s, &c);
  pair[0] = r * c;
  pair[1] = r * s;
}

void nninit_philox_normal_f64_scalar(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count, double *out,
                          double mean, double std) {
  size_t n = 0;
  uint64_t i = offset;
  while (n < count) {
    double pair[2];
    normal_pair(i >> 1, stream, k0, k1, pair);
    for (unsigned lane = (unsigned)(i & 1); lane < 2 && n < count; lane++, n++, i++) out[n] = fma(pair[lane], std, mean);
  }
}

// ---- Binary32 Box–Muller (PhiloxMath+Float32.swift) ------------------------------------------------

static const float sqrt2f = 0x1.6a09e6p+0f, two_pi_2p24 = 0x1.921fb6p+2f * 0x1p-24f;

static inline float from_bits32(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

static inline uint32_t to_bits32(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

/// Cephes logf for normal x > 0: x = 2ᵏ·m, m ∈ [1, 2) (halved above √2), f = m − 1, fma-Horner P.
static float philox_logf(float x) {
  uint32_t bits = to_bits32(x);
  float k = (float)((int)(bits >> 23) - 127);
  float m = from_bits32((bits & 0x007FFFFFu) | 0x3F800000u);
  if (m > sqrt2f) {
    m *= 0.5f;
    k += 1;
  }
  float f = m - 1, z = f * f;
  float p = nninit_philox_logf_p[0];
  for (int i = 1; i < 9; i++) p = fmaf(p, f, nninit_philox_logf_p[i]);
  float y = (p * f) * z;
  y = fmaf(k, -2.12194440e-4f, y);
  y = fmaf(-0.5f, z, y);
  return fmaf(k, 0.693359375f, f + y);
}

/// sin and cos of 2π·m·2⁻²⁴ for a 24-bit m: exact quarter-turn reduction, Cephes sinf / cosf.
static void philox_sincosf(uint32_t m, float *sin_out, float *cos_out) {
  uint32_t q = (m + (1u << 21)) >> 22;
  float x = (float)(int32_t)(m - (q << 22)) * two_pi_2p24;
  float z = x * x;
  const float *S = nninit_philox_sinf_s, *C = nninit_philox_cosf_c;
  float s = fmaf(fmaf(fmaf(S[0], z, S[1]), z, S[2]), z * x, x);
  float c = fmaf(fmaf(fmaf(C[0], z, C[1]), z, C[2]), z * z, fmaf(-0.5f, z, 1.0f));
  switch (q & 3) {
    case 0: *sin_out = s, *cos_out = c; break;
    case 1: *sin_out = c, *cos_out = -s; break;
    case 2: *sin_out = -s, *cos_out = -c; break;
    default: *sin_out = -c, *cos_out = s; break;
  }
}

/// Box–Muller's radius of word a: u = (2²⁴ − (a >> 8))·2⁻²⁴ ∈ (0, 1], r = √(−2·logf u).
static float radius24(uint32_t a) {
  float u = (float)((1u << 24) - (a >> 8)) * 0x1p-24f;
  return sqrtf(-2 * philox_logf(u));
}

/// The binary32 Box–Muller pair of words (a, b): (r·cos θ, r·sin θ), θ = 2π·(b >> 8)·2⁻²⁴.
static void box_muller24(uint32_t a, uint32_t b, float pair[2]) {
  float r = radius24(a);
  float s, c;
  philox_sincosf(b >> 8, &s, &c);
  pair[0] = r * c;
  pair[1] = r * s;
}

/// Block k gives elements 4k, 4k+1 (pair of w0, w1) and 4k+2, 4k+3 (pair of w2, w3).
void nninit_philox_normal_f32_scalar(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                              float *out, float mean, float std) {
  size_t n = 0;
  uint64_t i = offset;
  while (n < count) {
    uint32_t w[4];
    float z[4];
    philox_block(i >> 2, stream, k0, k1, w);
    box_muller24(w[0], w[1], z);
    box_muller24(w[2], w[3], z + 2);
    for (unsigned lane = (unsigned)(i & 3); lane < 4 && n < count; lane++, n++, i++) out[n] = fmaf(z[lane], std, mean);
  }
}

/// Fills `params`; returns 0 for the degenerate case (`!(std > 0)` or `!(a < b)`: every value is `mean`).
int nninit_philox_trunc_setup(double mean, double std, double a, double b, double params[8]) {
  if (!(std > 0) || !(a < b)) return 0;
  double alpha = (a - mean) / std, beta = (b - mean) / std;
  int mirrored = alpha + beta > 0;
  if (mirrored) {
    double t = alpha;
    alpha = -beta;
    beta = -t;
  }
  double lower_a, unused, lower_b, upper_b;
  philox_normal_cdf(alpha, &lower_a, &unused);
  philox_normal_cdf(beta, &lower_b, &upper_b);
  params[T_MEAN] = mean, params[T_STD] = std, params[T_A] = a, params[T_B] = b;
  params[T_LOWER_A] = lower_a, params[T_MASS] = lower_b - lower_a, params[T_UPPER_B] = upper_b;
  params[T_MIRRORED] = mirrored;
  return 1;
}

void nninit_philox_trunc_normal_scalar(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset, size_t count,
                                void *out, int f32, const double params[8]) {
  double mean = params[T_MEAN], std = params[T_STD], a = params[T_A], b = params[T_B];
  double lower_a = params[T_LOWER_A], mass = params[T_MASS], upper_b = params[T_UPPER_B];
  int mirrored = params[T_MIRRORED] != 0;
  float lo = (float)a, hi = (float)b;
  for (size_t n = 0; n < count; n++) {
    uint64_t i = offset + n;
    uint32_t w[4];
    philox_block(i >> 1, stream, k0, k1, w);
    unsigned lane = 2 * (unsigned)(i & 1);
    uint64_t m = bits53(w[lane], w[lane + 1]);
    double t = fma((double)m * 0x1p-53, mass, lower_a);
    double z;
    if (t <= 0.5)
      z = philox_inverse_normal_cdf(t);
    else
      z = -philox_inverse_normal_cdf(fma((double)((1ull << 53) - m) * 0x1p-53, mass, upper_b));
    if (mirrored) z = -z;
    double x = fma(z, std, mean);
    if (f32)
      ((float *)out)[n] = swift_minf(swift_maxf((float)x, lo), hi);
    else
      ((double *)out)[n] = swift_min(swift_max(x, a), b);
  }
}

void nninit_philox_math_scalar(int function, const double *in, double *out, size_t count) {
  for (size_t n = 0; n < count; n++) {
    double s, c;
    switch (function) {
      case 0: out[n] = philox_log(in[n]); break;
      case 1: philox_sincos(to_bits(in[n]), &s, &c), out[n] = s; break;
      case 2: philox_sincos(to_bits(in[n]), &s, &c), out[n] = c; break;
      default: out[n] = philox_inverse_normal_cdf(in[n]); break;
    }
  }
}

void nninit_philox_math_f32_scalar(int function, const uint32_t *in, float *out, size_t count) {
  for (size_t n = 0; n < count; n++) {
    float s, c;
    if (function == 0) {
      out[n] = radius24(in[n]);
    } else {
      philox_sincosf(in[n] >> 8, &s, &c);
      out[n] = function == 1 ? s : c;
    }
  }
}
