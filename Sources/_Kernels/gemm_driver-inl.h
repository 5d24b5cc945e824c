// The GEMM driver, written once and compiled for every ISA: gemm.c, gemm_avx2.c and gemm_avx512.c
// include this file twice, with GEMM_PRECISION 1 (float: defines `s_run`) and 2 (double: `d_run`) —
// the SIMD files inside a `#pragma clang attribute` giving every function their target, so the packing
// loops vectorize too (a template, hence `-inl.h`, as in google/highway).
//
// Blocking (BLIS's five loops, row-major): for each NC-wide column block of C, for each KC-deep panel
// of k, pack op(B)[pc, jc] into NR-wide micro-panels; for each MC-tall row block, pack op(A)[ic, pc]
// into MR-tall micro-panels (L2); then run the micro-kernel over every MR×NR tile, the B micro-panel
// (KC×NR) staying in L1 while the A micro-panels stream past it. When all of C's rows fit one MC block
// the packed B block is used once, so NC shrinks to keep it in L2. Edges are zero-padded in the packs
// and masked in the kernels, so every tile is computed the same way.
#ifndef GEMM_PRECISION
#error "gemm_driver-inl.h is a template: define GEMM_PRECISION (1 float, 2 double) before including it"
#endif
#include <stdlib.h>

#if GEMM_PRECISION == 1
#define GEMM_T float
#define GEMM_ISA nninit_sgemm_isa
#define GEMM_RUN s_run
#define GEMM_SLOT 0
#else
#define GEMM_T double
#define GEMM_ISA nninit_dgemm_isa
#define GEMM_RUN d_run
#define GEMM_SLOT 2
#endif

#define GEMM_CAT2(a, b) a##_##b
#define GEMM_CAT(a, b) GEMM_CAT2(a, b)
#define G(name) GEMM_CAT(name, GEMM_RUN)

/// Packs `count` contiguous values per depth p (row p at src + p·ld) into panels `width` wide — the
/// panel of value q starts at dst + (q − q mod width)·kc and holds `width` values per p — zero past
/// `count`: the packs that need no transpose (op(A) = Aᵀ, op(B) = B), read row by row.
static void G(pack_copy)(const GEMM_T *src, size_t ld, size_t count, size_t kc, size_t width, GEMM_T *dst) {
  for (size_t p = 0; p < kc; p++, src += ld) {
    if (p + 2 < kc)  // rows are far apart: fetch two ahead, a cache line at a time
      for (size_t q = 0; q < count; q += 64 / sizeof(GEMM_T)) __builtin_prefetch(src + 2 * ld + q);
    for (size_t q = 0; q < count; q += width) {
      size_t w = count - q < width ? count - q : width, j = 0;
      GEMM_T *out = dst + q * kc + p * width;
      for (; j < w; j++) out[j] = src[q + j];
      for (; j < width; j++) out[j] = 0;
    }
  }
}

/// Packs `count` rows of a row-major source (stride ld) transposed into panels of `width` (zero past
/// `count`): the packs of op(A) = A and op(B) = Bᵀ.
static void G(pack_transposed)(const GEMM_ISA *isa, const GEMM_T *src, size_t ld, size_t count, size_t kc,
                               size_t width, GEMM_T *dst) {
  for (size_t q = 0; q < count; q += width, dst += width * kc) {
    size_t h = count - q < width ? count - q : width;
    if (isa->pack_rows) {
      isa->pack_rows(src + q * ld, ld, h, kc, dst, width);
      continue;
    }
    for (size_t i = 0; i < width; i++)
      for (size_t p = 0; p < kc; p++) dst[p * width + i] = i < h ? src[(q + i) * ld + p] : 0;
  }
}

/// C = beta·C (zeros when beta == 0, never reading C): the whole product when k == 0 or alpha == 0.
static void G(scale_c)(size_t m, size_t n, GEMM_T beta, GEMM_T *c, size_t ldc) {
  for (size_t i = 0; i < m; i++)
    for (size_t j = 0; j < n; j++) c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j];
}

/// The micro-kernel over every tile of the packed blocks (mc rows × nc columns of C at c).
static void G(tiles)(const GEMM_ISA *isa, size_t mc, size_t nc, size_t kc, const GEMM_T *packed_a,
                     const GEMM_T *packed_b, GEMM_T alpha, GEMM_T beta, GEMM_T *c, size_t ldc) {
  for (size_t jr = 0; jr < nc; jr += isa->nr) {
    size_t cols = nc - jr < isa->nr ? nc - jr : isa->nr;
    for (size_t ir = 0; ir < mc; ir += isa->mr) {
      size_t rows = mc - ir < isa->mr ? mc - ir : isa->mr;
      isa->kernel(kc, packed_a + ir * kc, packed_b + jr * kc, c + ir * ldc + jr, ldc, alpha, beta, rows, cols);
    }
  }
}

static void GEMM_RUN(const GEMM_ISA *isa, int trans_a, int trans_b, size_t m, size_t n, size_t k, GEMM_T alpha,
                     const GEMM_T *a, size_t lda, const GEMM_T *b, size_t ldb, GEMM_T beta, GEMM_T *c, size_t ldc) {
  if (m == 0 || n == 0) return;
  if (k == 0 || alpha == 0) return G(scale_c)(m, n, beta, c, ldc);
  const size_t kc_max = NNINIT_GEMM_KC, mr = isa->mr, nr = isa->nr, mc_max = isa->mc;
  // One row block (m ≤ MC): pack A once per depth panel, then B in blocks of at most 512 KiB, which stay
  // in L2 while used (once). Otherwise BLIS's order, the B block shared by every row block. Either way
  // each element of C sees the depth panels in increasing order, so the bits do not depend on it.
  const int one_row_block = m <= mc_max;
  size_t nc_max = isa->nc;
  if (one_row_block && (512 * 1024 / (kc_max * sizeof(GEMM_T))) / nr * nr < nc_max)
    nc_max = (512 * 1024 / (kc_max * sizeof(GEMM_T))) / nr * nr;
  if (n < nc_max) nc_max = (n + nr - 1) / nr * nr;
  size_t rows_max = m < mc_max ? (m + mr - 1) / mr * mr : mc_max;
  GEMM_T *packed_a = nninit_gemm_pack_buffer(GEMM_SLOT, rows_max * kc_max * sizeof(GEMM_T));
  GEMM_T *packed_b = nninit_gemm_pack_buffer(GEMM_SLOT + 1, nc_max * kc_max * sizeof(GEMM_T));
  if (!packed_a || !packed_b) abort();
#define PACK_A(ic, mc, pc, kc)                                                                               \
  (trans_a ? G(pack_copy)(a + (pc) * lda + (ic), lda, mc, kc, mr, packed_a)                                  \
           : G(pack_transposed)(isa, a + (ic) * lda + (pc), lda, mc, kc, mr, packed_a))
#define PACK_B(jc, nc, pc, kc)                                                                               \
  (trans_b ? G(pack_transposed)(isa, b + (jc) * ldb + (pc), ldb, nc, kc, nr, packed_b)                       \
           : G(pack_copy)(b + (pc) * ldb + (jc), ldb, nc, kc, nr, packed_b))
  if (one_row_block) {
    for (size_t pc = 0; pc < k; pc += kc_max) {
      size_t kc = k - pc < kc_max ? k - pc : kc_max;
      PACK_A(0, m, pc, kc);
      for (size_t jc = 0; jc < n; jc += nc_max) {
        size_t nc = n - jc < nc_max ? n - jc : nc_max;
        PACK_B(jc, nc, pc, kc);
        G(tiles)(isa, m, nc, kc, packed_a, packed_b, alpha, pc == 0 ? beta : 1, c + jc, ldc);
      }
    }
  } else {
    for (size_t jc = 0; jc < n; jc += nc_max) {
      size_t nc = n - jc < nc_max ? n - jc : nc_max;
      for (size_t pc = 0; pc < k; pc += kc_max) {
        size_t kc = k - pc < kc_max ? k - pc : kc_max;
        PACK_B(jc, nc, pc, kc);
        for (size_t ic = 0; ic < m; ic += mc_max) {
          size_t mc = m - ic < mc_max ? m - ic : mc_max;
          PACK_A(ic, mc, pc, kc);
          G(tiles)(isa, mc, nc, kc, packed_a, packed_b, alpha, pc == 0 ? beta : 1, c + ic * ldc + jc, ldc);
        }
      }
    }
  }
#undef PACK_A
#undef PACK_B
}

#undef G
#undef GEMM_CAT
#undef GEMM_CAT2
#undef GEMM_T
#undef GEMM_ISA
#undef GEMM_RUN
#undef GEMM_SLOT
#undef GEMM_PRECISION
