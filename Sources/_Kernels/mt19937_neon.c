// The NEON MT19937 kernels: 4-wide twist, tempering and `uniform_` conversions. Bit-identical to the
// portable ones in mt19937.c (integer ops, exact conversions, the same fma or mul-then-add); the
// twist's blocking is mt19937_avx2.c's. No streaming copy: mt19937.c's `memcpy` serves arm64.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__aarch64__) || defined(_M_ARM64)
#include <arm_neon.h>
#include <string.h>

enum { N = NNINIT_MT19937_N, M = 397, W = 4 };

static inline uint32x4_t twisted4(uint32x4_t current, uint32x4_t following, uint32x4_t far) {
  uint32x4_t y = vorrq_u32(vandq_u32(current, vdupq_n_u32(0x80000000u)), vandq_u32(following, vdupq_n_u32(0x7FFFFFFFu)));
  uint32x4_t magic = vandq_u32(vtstq_u32(following, vdupq_n_u32(1)), vdupq_n_u32(0x9908B0DFu));
  return veorq_u32(veorq_u32(far, vshrq_n_u32(y, 1)), magic);
}

static inline uint32_t twisted(uint32_t current, uint32_t following, uint32_t far) {
  uint32_t y = (current & 0x80000000u) | (following & 0x7FFFFFFFu);
  return far ^ (y >> 1) ^ ((following & 1u) ? 0x9908B0DFu : 0u);
}

void nninit_mt19937_twist_neon(uint32_t *s) {
  int i = 0;
  for (; i + W <= N - M; i += W) vst1q_u32(s + i, twisted4(vld1q_u32(s + i), vld1q_u32(s + i + 1), vld1q_u32(s + i + M)));
  for (; i < N - M; i++) s[i] = twisted(s[i], s[i + 1], s[i + M]);
  for (; i + W <= N - 1; i += W)
    vst1q_u32(s + i, twisted4(vld1q_u32(s + i), vld1q_u32(s + i + 1), vld1q_u32(s + i + M - N)));
  for (; i < N; i++) s[i] = twisted(s[i], s[i + 1 == N ? 0 : i + 1], s[i + M - N]);
}

static inline uint32x4_t tempered4(uint32x4_t y) {
  y = veorq_u32(y, vshrq_n_u32(y, 11));
  y = veorq_u32(y, vandq_u32(vshlq_n_u32(y, 7), vdupq_n_u32(0x9D2C5680u)));
  y = veorq_u32(y, vandq_u32(vshlq_n_u32(y, 15), vdupq_n_u32(0xEFC60000u)));
  return veorq_u32(y, vshrq_n_u32(y, 18));
}

void nninit_mt19937_temper_neon(const uint32_t *s, uint32_t *out, size_t count) {
  size_t i = 0;
  for (; i + W <= count; i += W) vst1q_u32(out + i, tempered4(vld1q_u32(s + i)));
  if (i < count) {
    uint32_t tail[W] = {0};
    memcpy(tail, s + i, 4 * (count - i));
    vst1q_u32(tail, tempered4(vld1q_u32(tail)));
    memcpy(out + i, tail, 4 * (count - i));
  }
}

static inline float32x4_t uniform4(uint32x4_t w, float32x4_t from, float32x4_t to, float32x4_t range, int fused) {
  float32x4_t x = vmulq_f32(vcvtq_f32_u32(vandq_u32(w, vdupq_n_u32(0xFFFFFF))), vdupq_n_f32(0x1p-24f));
  float32x4_t v = fused ? vfmaq_f32(from, x, range) : vaddq_f32(vmulq_f32(x, range), from);
  return vbslq_f32(vceqq_f32(v, to), from, v);
}

void nninit_torch_uniform_f32_words_neon(void *data, size_t count, float from, float to, int fused) {
  float *d = data;
  float32x4_t f = vdupq_n_f32(from), t = vdupq_n_f32(to), r = vdupq_n_f32(to - from);
  size_t i = 0;
  for (; i + W <= count; i += W) vst1q_f32(d + i, uniform4(vld1q_u32((const uint32_t *)(void *)(d + i)), f, t, r, fused));
  if (i < count) {
    uint32_t tail[W] = {0};
    memcpy(tail, d + i, 4 * (count - i));
    vst1q_f32((float *)(void *)tail, uniform4(vld1q_u32(tail), f, t, r, fused));
    memcpy(d + i, tail, 4 * (count - i));
  }
}

// Two (high, low) word pairs → two doubles: swap the halves (`rev64`), keep 53 bits, convert exactly.
static inline float64x2_t uniform2(uint32x4_t pairs, float64x2_t from, float64x2_t to, float64x2_t range, int fused) {
  uint64x2_t w = vandq_u64(vreinterpretq_u64_u32(vrev64q_u32(pairs)), vdupq_n_u64((1ull << 53) - 1));
  float64x2_t x = vmulq_f64(vcvtq_f64_u64(w), vdupq_n_f64(0x1p-53));
  float64x2_t v = fused ? vfmaq_f64(from, x, range) : vaddq_f64(vmulq_f64(x, range), from);
  return vbslq_f64(vceqq_f64(v, to), from, v);
}

void nninit_torch_uniform_f64_words_neon(void *data, size_t count, double from, double to, int fused) {
  double *d = data;
  float64x2_t f = vdupq_n_f64(from), t = vdupq_n_f64(to), r = vdupq_n_f64(to - from);
  size_t i = 0;
  for (; i + 2 <= count; i += 2) vst1q_f64(d + i, uniform2(vld1q_u32((const uint32_t *)(void *)(d + i)), f, t, r, fused));
  if (i < count) {
    uint32_t tail[4] = {0};
    memcpy(tail, d + i, 8 * (count - i));
    vst1q_f64((double *)(void *)tail, uniform2(vld1q_u32(tail), f, t, r, fused));
    memcpy(d + i, tail, 8 * (count - i));
  }
}
#endif
