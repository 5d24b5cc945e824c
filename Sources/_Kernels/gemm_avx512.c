// GEMM micro-kernels and the QR's dot/axpy with AVX-512F, bit-identical to the scalar ones of gemm.c:
// one fused multiply-add per product in the same order, the same epilogue, the same dot lanes.
//
// float: 12×32 tiles (24 zmm accumulators; per k step two loads of B and twelve broadcasts of A feed 24
// FMAs). double: 12×16 tiles, the same shape in 8-wide vectors. Partial tiles use masked loads/stores.
// The transposing packs go through in-register 16×16 (float) / 8×8 (double) transposes.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define TARGET __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,fma")))

/// The first `count` lanes of a float (16) or double (8) vector.
TARGET static inline __mmask16 mask16(size_t count) { return count >= 16 ? 0xFFFF : (__mmask16)((1u << count) - 1); }
TARGET static inline __mmask8 mask8(size_t count) { return count >= 8 ? 0xFF : (__mmask8)((1u << count) - 1); }
#define S_MLOAD(p, m) _mm512_maskz_loadu_ps(m, p)
#define D_MLOAD(p, m) _mm512_maskz_loadu_pd(m, p)

#include "gemm_kernel-inl.h"
GEMM_KERNEL(s_kernel, float, __m512, 16, 12, _mm512_set1_ps, _mm512_setzero_ps, _mm512_loadu_ps, _mm512_fmadd_ps,
            _mm512_mul_ps, __mmask16, mask16, S_MLOAD, _mm512_mask_storeu_ps)
GEMM_KERNEL(d_kernel, double, __m512d, 8, 12, _mm512_set1_pd, _mm512_setzero_pd, _mm512_loadu_pd, _mm512_fmadd_pd,
            _mm512_mul_pd, __mmask8, mask8, D_MLOAD, _mm512_mask_storeu_pd)

// dot: lanes 0–63 (float) / 0–31 (double) in four vectors; tail lanes masked so untouched lanes keep
// their value exactly as in the scalar loop. Reduction: v0 += v2, v1 += v3 (h = 32/16), v0 += v1, then
// halves of the vector (`hsum`).
TARGET static inline float hsum_ps(__m512 s) {
  __m256 s8 = _mm256_add_ps(_mm512_castps512_ps256(s), _mm512_extractf32x8_ps(s, 1));
  __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
  __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
  return _mm_cvtss_f32(_mm_add_ss(s2, _mm_movehdup_ps(s2)));
}

TARGET static inline double hsum_pd(__m512d s) {
  __m256d s4 = _mm256_add_pd(_mm512_castpd512_pd256(s), _mm512_extractf64x4_pd(s, 1));
  __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
  return _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
}

#define VECTOR_KERNELS(S, T, V, W, MASK, SET1, ZERO, LOAD, MLOAD, STORE, MSTORE, FMADD, MFMADD, ADD, HSUM)    \
  TARGET static T S##_dot(size_t n, const T *x, const T *y) {                                                \
    V v[4] = {ZERO(), ZERO(), ZERO(), ZERO()};                                                               \
    size_t i = 0;                                                                                            \
    for (; i + 4 * W <= n; i += 4 * W)                                                                       \
      for (int q = 0; q < 4; q++) v[q] = FMADD(LOAD(x + i + W * q), LOAD(y + i + W * q), v[q]);              \
    for (int q = 0; q < 4 && i + W * q < n; q++) {                                                           \
      size_t left = n - i - W * q;                                                                           \
      MASK m = left >= W ? (MASK)-1 : (MASK)((1u << left) - 1);                                              \
      v[q] = MFMADD(MLOAD(m, x + i + W * q), MLOAD(m, y + i + W * q), v[q], m);                              \
    }                                                                                                        \
    return HSUM(ADD(ADD(v[0], v[2]), ADD(v[1], v[3])));                                                      \
  }                                                                                                          \
  TARGET static void S##_axpy(size_t n, T alpha, const T *x, T *y) {                                         \
    V va = SET1(alpha);                                                                                      \
    size_t i = 0;                                                                                            \
    for (; i + W <= n; i += W) STORE(y + i, FMADD(va, LOAD(x + i), LOAD(y + i)));                            \
    MASK m = (MASK)((1u << (n - i)) - 1);                                                                    \
    MSTORE(y + i, m, FMADD(va, MLOAD(m, x + i), MLOAD(m, y + i)));                                           \
  }
VECTOR_KERNELS(s, float, __m512, 16, __mmask16, _mm512_set1_ps, _mm512_setzero_ps, _mm512_loadu_ps,
               _mm512_maskz_loadu_ps, _mm512_storeu_ps, _mm512_mask_storeu_ps, _mm512_fmadd_ps,
               _mm512_mask3_fmadd_ps, _mm512_add_ps, hsum_ps)
VECTOR_KERNELS(d, double, __m512d, 8, __mmask8, _mm512_set1_pd, _mm512_setzero_pd, _mm512_loadu_pd,
               _mm512_maskz_loadu_pd, _mm512_storeu_pd, _mm512_mask_storeu_pd, _mm512_fmadd_pd,
               _mm512_mask3_fmadd_pd, _mm512_add_pd, hsum_pd)

// pack_rows: blocks of L rows × L depths (L = 16 floats / 8 doubles) loaded, transposed in registers
// (unpack, shuffle within 128-bit lanes, then across them) and stored with a mask of the panel width.
TARGET static inline void transpose16(__m512 r[16]) {
  __m512 t[16];
  for (int i = 0; i < 16; i += 2) {
    t[i] = _mm512_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 16; i += 4) {
    r[i] = _mm512_shuffle_ps(t[i], t[i + 2], 0x44), r[i + 1] = _mm512_shuffle_ps(t[i], t[i + 2], 0xEE);
    r[i + 2] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0x44), r[i + 3] = _mm512_shuffle_ps(t[i + 1], t[i + 3], 0xEE);
  }
  for (int i = 0; i < 16; i += 8)
    for (int j = i; j < i + 4; j++) {
      t[j] = _mm512_shuffle_f32x4(r[j], r[j + 4], 0x88);
      t[j + 4] = _mm512_shuffle_f32x4(r[j], r[j + 4], 0xDD);
    }
  for (int j = 0; j < 8; j++) {
    r[j] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0x88);
    r[j + 8] = _mm512_shuffle_f32x4(t[j], t[j + 8], 0xDD);
  }
}

TARGET static inline void transpose8(__m512d r[8]) {
  __m512d t[8];
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm512_unpacklo_pd(r[i], r[i + 1]);
    t[i + 1] = _mm512_unpackhi_pd(r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4)
    for (int j = i; j < i + 2; j++) {
      r[j] = _mm512_shuffle_f64x2(t[j], t[j + 2], 0x88);
      r[j + 2] = _mm512_shuffle_f64x2(t[j], t[j + 2], 0xDD);
    }
  for (int j = 0; j < 4; j++) {
    t[j] = _mm512_shuffle_f64x2(r[j], r[j + 4], 0x88);
    t[j + 4] = _mm512_shuffle_f64x2(r[j], r[j + 4], 0xDD);
  }
  for (int j = 0; j < 8; j++) r[j] = t[j];
}

#define PACK_ROWS(NAME, T, V, L, ZERO, LOAD, MSTORE, MASK, TRANSPOSE)                                        \
  TARGET static void NAME(const T *src, size_t ld, size_t count, size_t kc, T *dst, size_t width) {          \
    for (size_t r0 = 0; r0 < width; r0 += L) {                                                               \
      size_t rows = width - r0 < L ? width - r0 : L;                                                         \
      size_t valid = count <= r0 ? 0 : count - r0 < rows ? count - r0 : rows;                                \
      MASK mask = (MASK)((1u << rows) - 1);                                                                  \
      size_t p = 0;                                                                                          \
      for (; p + L <= kc; p += L) {                                                                          \
        V r[L];                                                                                              \
        _Pragma("clang loop unroll(full)") for (size_t i = 0; i < L; i++)                                    \
          r[i] = i < valid ? LOAD(src + (r0 + i) * ld + p) : ZERO();                                         \
        TRANSPOSE(r);                                                                                        \
        _Pragma("clang loop unroll(full)") for (size_t q = 0; q < L; q++)                                    \
          MSTORE(dst + (p + q) * width + r0, mask, r[q]);                                                    \
      }                                                                                                      \
      for (; p < kc; p++)                                                                                    \
        for (size_t i = 0; i < rows; i++) dst[p * width + r0 + i] = i < valid ? src[(r0 + i) * ld + p] : 0;  \
    }                                                                                                        \
  }
PACK_ROWS(s_pack_rows, float, __m512, 16, _mm512_setzero_ps, _mm512_loadu_ps, _mm512_mask_storeu_ps, __mmask16,
          transpose16)
PACK_ROWS(d_pack_rows, double, __m512d, 8, _mm512_setzero_pd, _mm512_loadu_pd, _mm512_mask_storeu_pd, __mmask8,
          transpose8)

// The driver, compiled for this ISA.
#pragma clang attribute push(TARGET, apply_to = function)
#define GEMM_PRECISION 1
#include "gemm_driver-inl.h"
#define GEMM_PRECISION 2
#include "gemm_driver-inl.h"
#pragma clang attribute pop

const nninit_sgemm_isa nninit_sgemm_avx512 = {12, 32, 240, 4096, s_kernel, s_dot, s_axpy, s_pack_rows, s_run};
const nninit_dgemm_isa nninit_dgemm_avx512 = {12, 16, 120, 2048, d_kernel, d_dot, d_axpy, d_pack_rows, d_run};
#endif
