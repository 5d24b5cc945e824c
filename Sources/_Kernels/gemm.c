// GEMM: the public entry points, run-time dispatch, and the portable scalar kernels — the
// specification the AVX2 and AVX-512 kernels (gemm_avx2.c, gemm_avx512.c) match bit for bit: every
// product is a fused multiply-add (`fma`, one rounding) in the same order. The per-thread pack buffers
// every ISA's driver uses are in gemm_pack_buffer.c.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#include <math.h>

// ---- The scalar kernels: 4×4 tiles, `fma` for every product ------------------------------------------

#define SCALAR_KERNELS(T, S, FMA, LANES)                                                                     \
  static void S##_kernel_scalar(size_t kc, const T *a, const T *b, T *c, size_t ldc, T alpha, T beta,     \
                                size_t rows, size_t cols) {                                                  \
    T acc[4][4] = {{0}};                                                                                     \
    for (size_t p = 0; p < kc; p++, a += 4, b += 4)                                                          \
      for (int i = 0; i < 4; i++)                                                                            \
        for (int j = 0; j < 4; j++) acc[i][j] = FMA(a[i], b[j], acc[i][j]);                                  \
    for (size_t i = 0; i < rows; i++)                                                                        \
      for (size_t j = 0; j < cols; j++) {                                                                    \
        T *out = c + i * ldc + j;                                                                            \
        *out = beta == 0 ? alpha * acc[i][j] : FMA(alpha, acc[i][j], beta * *out);                           \
      }                                                                                                      \
  }                                                                                                          \
  static T S##_dot_scalar(size_t n, const T *x, const T *y) {                                                \
    T lane[LANES] = {0};                                                                                     \
    for (size_t i = 0; i < n; i++) lane[i % LANES] = FMA(x[i], y[i], lane[i % LANES]);                       \
    for (size_t h = LANES / 2; h > 0; h /= 2)                                                                \
      for (size_t l = 0; l < h; l++) lane[l] = lane[l] + lane[l + h];                                        \
    return lane[0];                                                                                          \
  }                                                                                                          \
  static void S##_axpy_scalar(size_t n, T alpha, const T *x, T *y) {                                         \
    for (size_t i = 0; i < n; i++) y[i] = FMA(alpha, x[i], y[i]);                                            \
  }
SCALAR_KERNELS(float, s, fmaf, 64)
SCALAR_KERNELS(double, d, fma, 32)

#define GEMM_PRECISION 1
#include "gemm_driver-inl.h"
#define GEMM_PRECISION 2
#include "gemm_driver-inl.h"

const nninit_sgemm_isa nninit_sgemm_scalar = {4, 4, 128, 2048, s_kernel_scalar, s_dot_scalar, s_axpy_scalar, NULL,
                                              s_run};
const nninit_dgemm_isa nninit_dgemm_scalar = {4, 4, 64, 1024, d_kernel_scalar, d_dot_scalar, d_axpy_scalar, NULL,
                                              d_run};

// ---- Dispatch ----------------------------------------------------------------------------------------

const nninit_sgemm_isa *nninit_sgemm_active(void) {
  switch (nninit_active_isa()) {
#if defined(__x86_64__) || defined(_M_X64)
  case NNINIT_ISA_AVX512: return &nninit_sgemm_avx512;
  case NNINIT_ISA_AVX2: return &nninit_sgemm_avx2;
#endif
  default: return &nninit_sgemm_scalar;
  }
}

const nninit_dgemm_isa *nninit_dgemm_active(void) {
  switch (nninit_active_isa()) {
#if defined(__x86_64__) || defined(_M_X64)
  case NNINIT_ISA_AVX512: return &nninit_dgemm_avx512;
  case NNINIT_ISA_AVX2: return &nninit_dgemm_avx2;
#endif
  default: return &nninit_dgemm_scalar;
  }
}

// ---- Entry points -------------------------------------------------------------------------------------

void nninit_sgemm(int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha, const float *a,
                  size_t lda, const float *b, size_t ldb, float beta, float *c, size_t ldc) {
  const nninit_sgemm_isa *isa = nninit_sgemm_active();
  isa->run(isa, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void nninit_dgemm(int trans_a, int trans_b, size_t m, size_t n, size_t k, double alpha, const double *a,
                  size_t lda, const double *b, size_t ldb, double beta, double *c, size_t ldc) {
  const nninit_dgemm_isa *isa = nninit_dgemm_active();
  isa->run(isa, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
