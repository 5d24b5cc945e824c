// PyTorch's `normal_fill` Box–Muller blocks (Fill16): the portable Cephes transcription (the
// specification of torch_normal_avx2.c / _avx512.c / _neon.c, and of `CephesMath.swift`), the libm
// kernels, and the dispatch.
#pragma STDC FP_CONTRACT OFF
#define _GNU_SOURCE  // sincosf, sincos
#include "nninit_kernels.h"
#include <math.h>

void nninit_torch_normal16_cephes_avx2(float *data, size_t blocks, float mean, float std);
void nninit_torch_normal16_cephes_avx512(float *data, size_t blocks, float mean, float std);
void nninit_torch_normal16_cephes_neon(float *data, size_t blocks, float mean, float std);

// `log256_ps` for one lane, x in (0, 1].
static float cephes_log(float input) {
  static const float p[9] = {7.0376836292e-2f,  -1.1514610310e-1f, 1.1676998740e-1f,
                             -1.2420140846e-1f, 1.4249322787e-1f,  -1.6668057665e-1f,
                             2.0000714765e-1f,  -2.4999993993e-1f, 3.3333331174e-1f};
  union { float f; uint32_t u; } x = {input < 0x1p-126f ? 0x1p-126f : input};
  int32_t exponent = (int32_t)(x.u >> 23);
  x.u = (x.u & ~0x7F800000u) | 0x3F000000u;
  float e = (float)(exponent - 127);
  e = e + 1.0f;
  int below = x.f < 0.707106781186547524f;
  float tmp = below ? x.f : 0.0f;
  float v = x.f - 1.0f;
  e = e - (below ? 1.0f : 0.0f);
  v = v + tmp;
  float z = v * v;
  float y = p[0];
  for (int k = 1; k < 9; k++) y = fmaf(y, v, p[k]);
  y = y * v;
  y = fmaf(y, z, e * -2.12194440e-4f);
  y = fmaf(-z, 0.5f, y);
  v = v + y;
  return fmaf(e, 0.693359375f, v);
}

// `sincos256_ps` for one lane, x ≥ 0.
static void cephes_sincos(float input, float *sine, float *cosine) {
  union { float f; uint32_t u; } in = {input};
  uint32_t sign_sin = in.u & 0x80000000u;
  float x = fabsf(input);
  float y = x * 1.27323954473516f;
  int32_t j = (int32_t)y;
  j = (j + 1) & ~1;
  y = (float)j;
  uint32_t swap_sign = (uint32_t)(j & 4) << 29;
  int polynomial_sin = (j & 2) == 0;
  x = fmaf(y, -0.78515625f, x);
  x = fmaf(y, -2.4187564849853515625e-4f, x);
  x = fmaf(y, -3.77489497744594108e-8f, x);
  uint32_t sign_cos = (uint32_t)((~(j - 2)) & 4) << 29;
  sign_sin ^= swap_sign;
  float z = x * x;
  float yc = fmaf(2.443315711809948e-5f, z, -1.388731625493765e-3f);
  yc = fmaf(yc, z, 4.166664568298827e-2f);
  yc = yc * z;
  yc = fmaf(yc, z, -(z * 0.5f));
  yc = yc + 1.0f;
  float ys = fmaf(-1.9515295891e-4f, z, 8.3321608736e-3f);
  ys = fmaf(ys, z, -1.6666654611e-1f);
  ys = ys * z;
  ys = fmaf(ys, x, x);
  float ysin2 = polynomial_sin ? ys : 0.0f;
  float ysin1 = polynomial_sin ? 0.0f : yc;
  float ys2 = ys - ysin2;
  float yc2 = yc - ysin1;
  union { float f; uint32_t u; } s = {ysin1 + ysin2}, c = {yc2 + ys2};
  s.u ^= sign_sin;
  c.u ^= sign_cos;
  *sine = s.f;
  *cosine = c.f;
}

static void normal16_cephes_scalar(float *d, size_t blocks, float mean, float std) {
  const float two_pi = (float)(2.0 * 3.14159265358979323846);
  for (size_t b = 0; b < blocks; b++, d += 16) {
    for (int j = 0; j < 8; j++) {
      float u1 = 1.0f - d[j];
      float u2 = d[j + 8];
      float radius = sqrtf(-2.0f * cephes_log(u1));
      float s, c;
      cephes_sincos(two_pi * u2, &s, &c);
      d[j] = fmaf(radius * c, std, mean);
      d[j + 8] = fmaf(radius * s, std, mean);
    }
  }
}

// The libm kernels. Their cost is the libm calls; on x86 they are also compiled for AVX2+FMA so that
// `fmaf`/`fma` are one instruction rather than a call (the same correctly rounded result; on arm64
// they always are). PyTorch's compiled kernels call `sincosf`/`sincos` (GCC merges the sin and cos of
// one angle); glibc computes them with the same code as `sinf`/`cosf`, so they equal the reference's
// separate calls (checked on all 2²⁴ float32 angles) — and take one argument reduction instead of two.
#define ALWAYS_INLINE static inline __attribute__((always_inline))

#if defined(__GLIBC__)
#define SINCOSF(x, s, c) sincosf(x, s, c)
#define SINCOS(x, s, c) sincos(x, s, c)
#else
#define SINCOSF(x, s, c) (*(s) = sinf(x), *(c) = cosf(x))
#define SINCOS(x, s, c) (*(s) = sin(x), *(c) = cos(x))
#endif

ALWAYS_INLINE void normal16_libm_f32(float *d, size_t blocks, float mean, float std) {
  for (size_t b = 0; b < blocks; b++, d += 16) {
    for (int j = 0; j < 8; j++) {
      float u1 = 1.0f - d[j];
      float u2 = d[j + 8];
      float radius = sqrtf(-2.0f * logf(u1));
      float theta = (float)(2.0 * 3.14159265358979323846 * (double)u2), sine, cosine;
      SINCOSF(theta, &sine, &cosine);
      d[j] = fmaf(radius * cosine, std, mean);
      d[j + 8] = fmaf(radius * sine, std, mean);
    }
  }
}

ALWAYS_INLINE void normal16_libm_f64(double *d, size_t blocks, double mean, double std) {
  for (size_t b = 0; b < blocks; b++, d += 16) {
    for (int j = 0; j < 8; j++) {
      double u1 = 1.0 - d[j];
      double u2 = d[j + 8];
      double radius = sqrt(-2.0 * log(u1));
      double theta = 2.0 * 3.14159265358979323846 * u2, sine, cosine;
      SINCOS(theta, &sine, &cosine);
      d[j] = fma(radius * cosine, std, mean);
      d[j + 8] = fma(radius * sine, std, mean);
    }
  }
}

static void normal16_libm_f32_portable(float *d, size_t blocks, float mean, float std) {
  normal16_libm_f32(d, blocks, mean, std);
}

static void normal16_libm_f64_portable(double *d, size_t blocks, double mean, double std) {
  normal16_libm_f64(d, blocks, mean, std);
}

#if defined(__x86_64__) || defined(_M_X64)
__attribute__((target("avx2,fma"))) static void normal16_libm_f32_fma(float *d, size_t blocks, float mean, float std) {
  normal16_libm_f32(d, blocks, mean, std);
}

__attribute__((target("avx2,fma"))) static void normal16_libm_f64_fma(double *d, size_t blocks, double mean, double std) {
  normal16_libm_f64(d, blocks, mean, std);
}
#endif

void nninit_torch_normal16_f32_at(nninit_isa isa, float *data, size_t blocks, float mean, float std, int cephes);
void nninit_torch_normal16_f64_at(nninit_isa isa, double *data, size_t blocks, double mean, double std);

void nninit_torch_normal16_f32_at(nninit_isa isa, float *data, size_t blocks, float mean, float std, int cephes) {
#if defined(__x86_64__) || defined(_M_X64)
  if (!cephes && isa >= NNINIT_ISA_AVX2) normal16_libm_f32_fma(data, blocks, mean, std);
  else if (cephes && isa == NNINIT_ISA_AVX512) nninit_torch_normal16_cephes_avx512(data, blocks, mean, std);
  else if (cephes && isa == NNINIT_ISA_AVX2) nninit_torch_normal16_cephes_avx2(data, blocks, mean, std);
  else
#elif defined(__aarch64__) || defined(_M_ARM64)
  if (cephes && isa == NNINIT_ISA_NEON) nninit_torch_normal16_cephes_neon(data, blocks, mean, std);
  else
#endif
  if (!cephes) normal16_libm_f32_portable(data, blocks, mean, std);
  else normal16_cephes_scalar(data, blocks, mean, std);
}

void nninit_torch_normal16_f64_at(nninit_isa isa, double *data, size_t blocks, double mean, double std) {
#if defined(__x86_64__) || defined(_M_X64)
  if (isa >= NNINIT_ISA_AVX2) normal16_libm_f64_fma(data, blocks, mean, std);
  else
#endif
  normal16_libm_f64_portable(data, blocks, mean, std);
}

void nninit_torch_normal16_f32(float *data, size_t blocks, float mean, float std, int cephes) {
  nninit_torch_normal16_f32_at(nninit_active_isa(), data, blocks, mean, std, cephes);
}

void nninit_torch_normal16_f64(double *data, size_t blocks, double mean, double std) {
  nninit_torch_normal16_f64_at(nninit_active_isa(), data, blocks, mean, std);
}
