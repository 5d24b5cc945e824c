// The GEMM micro-kernel, written once for the SIMD ISAs: gemm_avx2.c and gemm_avx512.c include this
// file (a template, hence `-inl.h`, as in google/highway), then instantiate GEMM_KERNEL for float and double.
//
// An MR×(2·W) tile of C: MR rows × two W-wide vectors of accumulators. Per k step two vectors of the
// packed B micro-panel are loaded and each of the MR values of the packed A micro-panel is broadcast
// into two fused multiply-adds — acc = fma(a, b, acc) from +0, in increasing k, exactly the scalar
// kernel's order. Epilogue: c = alpha·acc if beta == 0 (C not read), else fma(alpha, acc, beta·c);
// the columns past `cols` are masked (MASK(n): the first n lanes of a vector, MLOAD(ptr, mask),
// MSTORE(ptr, mask, v)) and the rows past `rows` skipped, so edge tiles round like full ones.

#define GEMM_KERNEL(NAME, T, V, W, MR, SET1, ZERO, LOAD, FMADD, MUL, MASK_T, MASK, MLOAD, MSTORE)            \
  TARGET static void NAME(size_t kc, const T *a, const T *b, T *c, size_t ldc, T alpha, T beta, size_t rows, \
                          size_t cols) {                                                                     \
    V acc[MR][2];                                                                                            \
    _Pragma("clang loop unroll(full)") for (int i = 0; i < MR; i++) {                                        \
      acc[i][0] = acc[i][1] = ZERO();                                                                        \
      _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);                                                \
      _mm_prefetch((const char *)(c + i * ldc + 2 * W - 1), _MM_HINT_T0);                                    \
    }                                                                                                        \
    for (size_t p = 0; p < kc; p++, a += MR, b += 2 * W) {                                                   \
      V b0 = LOAD(b), b1 = LOAD(b + W);                                                                      \
      _Pragma("clang loop unroll(full)") for (int i = 0; i < MR; i++) {                                      \
        V ai = SET1(a[i]);                                                                                   \
        acc[i][0] = FMADD(ai, b0, acc[i][0]);                                                                \
        acc[i][1] = FMADD(ai, b1, acc[i][1]);                                                                \
      }                                                                                                      \
    }                                                                                                        \
    MASK_T m0 = MASK(cols), m1 = MASK(cols > W ? cols - W : 0);                                              \
    V va = SET1(alpha), vb = SET1(beta);                                                                     \
    _Pragma("clang loop unroll(full)") for (int i = 0; i < MR; i++) {                                        \
      if ((size_t)i >= rows) break;                                                                          \
      T *row = c + i * ldc;                                                                                  \
      if (beta == 0) {                                                                                       \
        MSTORE(row, m0, MUL(va, acc[i][0]));                                                                 \
        MSTORE(row + W, m1, MUL(va, acc[i][1]));                                                             \
      } else {                                                                                               \
        MSTORE(row, m0, FMADD(va, acc[i][0], MUL(vb, MLOAD(row, m0))));                                      \
        MSTORE(row + W, m1, FMADD(va, acc[i][1], MUL(vb, MLOAD(row + W, m1))));                              \
      }                                                                                                      \
    }                                                                                                        \
  }
