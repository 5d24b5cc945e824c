// GEMM micro-kernels and the QR's dot/axpy with AVX2+FMA, bit-identical to the scalar ones of gemm.c:
// one fused multiply-add per product in the same order, the same epilogue, the same dot lanes.
//
// float: 6×16 tiles (12 ymm accumulators, two loads of B and six broadcasts of A per k step).
// double: 6×8 tiles. Partial tiles use vmaskmov loads/stores.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))

/// Lanes [0, count) of a 32-bit (float) or 64-bit (double) mask vector.
TARGET static inline __m256i mask32(size_t count) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count > 8 ? 8 : count)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}
TARGET static inline __m256i mask64(size_t count) {
  return _mm256_cmpgt_epi64(_mm256_set1_epi64x((long long)(count > 4 ? 4 : count)), _mm256_setr_epi64x(0, 1, 2, 3));
}

#include "gemm_kernel-inl.h"
GEMM_KERNEL(s_kernel, float, __m256, 8, 6, _mm256_set1_ps, _mm256_setzero_ps, _mm256_loadu_ps, _mm256_fmadd_ps,
            _mm256_mul_ps, __m256i, mask32, _mm256_maskload_ps, _mm256_maskstore_ps)
GEMM_KERNEL(d_kernel, double, __m256d, 4, 6, _mm256_set1_pd, _mm256_setzero_pd, _mm256_loadu_pd, _mm256_fmadd_pd,
            _mm256_mul_pd, __m256i, mask64, _mm256_maskload_pd, _mm256_maskstore_pd)

// dot: lanes 0–63 (float) / 0–31 (double) in eight vectors, the tail blended so untouched lanes keep
// their value; reduction v[q] += v[q + 4], v[q] += v[q + 2], v0 += v1, then halves of the vector (`hsum`).
TARGET static inline float hsum_ps(__m256 s8) {
  __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
  __m128 s2 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
  return _mm_cvtss_f32(_mm_add_ss(s2, _mm_movehdup_ps(s2)));
}

TARGET static inline double hsum_pd(__m256d s4) {
  __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
  return _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
}

#define VECTOR_KERNELS(S, T, V, W, MASK, SET1, ZERO, LOAD, MLOAD, STORE, MSTORE, FMADD, BLEND, CAST, ADD, HSUM)  \
  TARGET static T S##_dot(size_t n, const T *x, const T *y) {                                                \
    V v[8];                                                                                                  \
    for (int q = 0; q < 8; q++) v[q] = ZERO();                                                               \
    size_t i = 0;                                                                                            \
    for (; i + 8 * W <= n; i += 8 * W)                                                                       \
      for (int q = 0; q < 8; q++) v[q] = FMADD(LOAD(x + i + W * q), LOAD(y + i + W * q), v[q]);              \
    for (int q = 0; q < 8 && i + W * q < n; q++) {                                                           \
      __m256i m = MASK(n - i - W * q);                                                                       \
      v[q] = BLEND(v[q], FMADD(MLOAD(x + i + W * q, m), MLOAD(y + i + W * q, m), v[q]), CAST(m));            \
    }                                                                                                        \
    for (int q = 0; q < 4; q++) v[q] = ADD(v[q], v[q + 4]);                                                  \
    for (int q = 0; q < 2; q++) v[q] = ADD(v[q], v[q + 2]);                                                  \
    return HSUM(ADD(v[0], v[1]));                                                                            \
  }                                                                                                          \
  TARGET static void S##_axpy(size_t n, T alpha, const T *x, T *y) {                                         \
    V va = SET1(alpha);                                                                                      \
    size_t i = 0;                                                                                            \
    for (; i + W <= n; i += W) STORE(y + i, FMADD(va, LOAD(x + i), LOAD(y + i)));                            \
    __m256i m = MASK(n - i);                                                                                 \
    MSTORE(y + i, m, FMADD(va, MLOAD(x + i, m), MLOAD(y + i, m)));                                           \
  }
VECTOR_KERNELS(s, float, __m256, 8, mask32, _mm256_set1_ps, _mm256_setzero_ps, _mm256_loadu_ps, _mm256_maskload_ps,
               _mm256_storeu_ps, _mm256_maskstore_ps, _mm256_fmadd_ps, _mm256_blendv_ps, _mm256_castsi256_ps,
               _mm256_add_ps, hsum_ps)
VECTOR_KERNELS(d, double, __m256d, 4, mask64, _mm256_set1_pd, _mm256_setzero_pd, _mm256_loadu_pd, _mm256_maskload_pd,
               _mm256_storeu_pd, _mm256_maskstore_pd, _mm256_fmadd_pd, _mm256_blendv_pd, _mm256_castsi256_pd,
               _mm256_add_pd, hsum_pd)

// The driver, compiled for this ISA.
#pragma clang attribute push(TARGET, apply_to = function)
#define GEMM_PRECISION 1
#include "gemm_driver-inl.h"
#define GEMM_PRECISION 2
#include "gemm_driver-inl.h"
#pragma clang attribute pop

const nninit_sgemm_isa nninit_sgemm_avx2 = {6, 16, 240, 4096, s_kernel, s_dot, s_axpy, NULL, s_run};
const nninit_dgemm_isa nninit_dgemm_avx2 = {6, 8, 120, 2048, d_kernel, d_dot, d_axpy, NULL, d_run};
#endif
