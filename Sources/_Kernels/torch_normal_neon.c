// PyTorch's AVX2 `normal_fill` Box–Muller (Cephes `log256_ps` / `sincos256_ps`) with NEON, each block of
// 16 as two halves of 4 lanes pairs. The same per-lane operations, in the same order, as torch_normal.c's
// portable transcription (`fmla`/`fmls` where it has `fmaf`), so the results are bit-identical.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__aarch64__) || defined(_M_ARM64)
#include <arm_neon.h>

#define F(x) vdupq_n_f32(x)
#define U(x) vdupq_n_u32(x)

static inline float32x4_t cephes_log4(float32x4_t x) {
  x = vbslq_f32(vcltq_f32(x, F(0x1p-126f)), F(0x1p-126f), x);
  uint32x4_t bits = vreinterpretq_u32_f32(x);
  int32x4_t exponent = vreinterpretq_s32_u32(vshrq_n_u32(bits, 23));
  x = vreinterpretq_f32_u32(vorrq_u32(vandq_u32(bits, U(~0x7F800000u)), U(0x3F000000u)));
  float32x4_t e = vcvtq_f32_s32(vsubq_s32(exponent, vdupq_n_s32(127)));
  e = vaddq_f32(e, F(1.0f));
  uint32x4_t below = vcltq_f32(x, F(0.707106781186547524f));
  float32x4_t tmp = vbslq_f32(below, x, F(0.0f));
  x = vsubq_f32(x, F(1.0f));
  e = vsubq_f32(e, vbslq_f32(below, F(1.0f), F(0.0f)));
  x = vaddq_f32(x, tmp);
  float32x4_t z = vmulq_f32(x, x);
  float32x4_t y = F(7.0376836292e-2f);
  y = vfmaq_f32(F(-1.1514610310e-1f), y, x);
  y = vfmaq_f32(F(1.1676998740e-1f), y, x);
  y = vfmaq_f32(F(-1.2420140846e-1f), y, x);
  y = vfmaq_f32(F(1.4249322787e-1f), y, x);
  y = vfmaq_f32(F(-1.6668057665e-1f), y, x);
  y = vfmaq_f32(F(2.0000714765e-1f), y, x);
  y = vfmaq_f32(F(-2.4999993993e-1f), y, x);
  y = vfmaq_f32(F(3.3333331174e-1f), y, x);
  y = vmulq_f32(y, x);
  y = vfmaq_f32(vmulq_f32(e, F(-2.12194440e-4f)), y, z);
  y = vfmsq_f32(y, z, F(0.5f));
  x = vaddq_f32(x, y);
  return vfmaq_f32(x, e, F(0.693359375f));
}

static inline void cephes_sincos4(float32x4_t input, float32x4_t *sine, float32x4_t *cosine) {
  uint32x4_t sign_sin = vandq_u32(vreinterpretq_u32_f32(input), U(0x80000000u));
  float32x4_t x = vabsq_f32(input);
  float32x4_t y = vmulq_f32(x, F(1.27323954473516f));
  int32x4_t j = vcvtq_s32_f32(y);
  j = vandq_s32(vaddq_s32(j, vdupq_n_s32(1)), vdupq_n_s32(~1));
  y = vcvtq_f32_s32(j);
  uint32x4_t swap_sign = vshlq_n_u32(vandq_u32(vreinterpretq_u32_s32(j), U(4)), 29);
  uint32x4_t polynomial_sin = vceqq_u32(vandq_u32(vreinterpretq_u32_s32(j), U(2)), U(0));
  x = vfmaq_f32(x, y, F(-0.78515625f));
  x = vfmaq_f32(x, y, F(-2.4187564849853515625e-4f));
  x = vfmaq_f32(x, y, F(-3.77489497744594108e-8f));
  uint32x4_t sign_cos = vshlq_n_u32(vbicq_u32(U(4), vreinterpretq_u32_s32(vsubq_s32(j, vdupq_n_s32(2)))), 29);
  sign_sin = veorq_u32(sign_sin, swap_sign);
  float32x4_t z = vmulq_f32(x, x);
  float32x4_t yc = vfmaq_f32(F(-1.388731625493765e-3f), F(2.443315711809948e-5f), z);
  yc = vfmaq_f32(F(4.166664568298827e-2f), yc, z);
  yc = vmulq_f32(yc, z);
  yc = vfmaq_f32(vnegq_f32(vmulq_f32(z, F(0.5f))), yc, z);
  yc = vaddq_f32(yc, F(1.0f));
  float32x4_t ys = vfmaq_f32(F(8.3321608736e-3f), F(-1.9515295891e-4f), z);
  ys = vfmaq_f32(F(-1.6666654611e-1f), ys, z);
  ys = vmulq_f32(ys, z);
  ys = vfmaq_f32(x, ys, x);
  float32x4_t ysin2 = vbslq_f32(polynomial_sin, ys, F(0.0f));
  float32x4_t ysin1 = vbslq_f32(polynomial_sin, F(0.0f), yc);
  float32x4_t ys2 = vsubq_f32(ys, ysin2);
  float32x4_t yc2 = vsubq_f32(yc, ysin1);
  float32x4_t s = vaddq_f32(ysin1, ysin2);
  float32x4_t c = vaddq_f32(yc2, ys2);
  *sine = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(s), sign_sin));
  *cosine = vreinterpretq_f32_u32(veorq_u32(vreinterpretq_u32_f32(c), sign_cos));
}

// u1 (4 lanes) and u2 (4 lanes), in place → (mean + std·r·cos θ, mean + std·r·sin θ).
static inline void box_muller4(float *u1_lanes, float *u2_lanes, float32x4_t mean, float32x4_t std) {
  float32x4_t u1 = vsubq_f32(F(1.0f), vld1q_f32(u1_lanes));
  float32x4_t radius = vsqrtq_f32(vmulq_f32(F(-2.0f), cephes_log4(u1)));
  float32x4_t sine, cosine;
  cephes_sincos4(vmulq_f32(F((float)(2.0 * 3.14159265358979323846)), vld1q_f32(u2_lanes)), &sine, &cosine);
  vst1q_f32(u1_lanes, vfmaq_f32(mean, vmulq_f32(radius, cosine), std));
  vst1q_f32(u2_lanes, vfmaq_f32(mean, vmulq_f32(radius, sine), std));
}

void nninit_torch_normal16_cephes_neon(float *d, size_t blocks, float mean_value, float std_value) {
  float32x4_t mean = F(mean_value), std = F(std_value);
  for (size_t b = 0; b < blocks; b++, d += 16) {
    box_muller4(d, d + 8, mean, std);
    box_muller4(d + 4, d + 12, mean, std);
  }
}
#endif
