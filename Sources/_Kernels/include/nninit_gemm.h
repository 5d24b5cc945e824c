// Dense linear algebra: a blocked, packed GEMM (gemm*.c; multithreaded by `nninit_?gemm_threaded`) and
// the unblocked pieces of a blocked Householder QR (qr*.c).
//
// Numeric guarantee: every result element is computed by the same sequence of IEEE operations on
// every ISA path (AVX-512, AVX2+FMA, scalar C calling `fma` — the one path on arm64) and for every split of C across callers,
// so results are bit-identical across machines and thread counts. GEMM: each C element accumulates
// fma(a, b, acc) from +0 in increasing k within panels of NNINIT_GEMM_KC, then stores
// fma(alpha, acc, beta·c) — or alpha·acc when beta == 0, where C is never read (BLAS semantics).
#ifndef NNINIT_GEMM_H
#define NNINIT_GEMM_H

#include <stddef.h>

/// The depth (k) of one packed panel; the same on every path so every path rounds at the same points.
#define NNINIT_GEMM_KC 256

/// C = alpha·op(A)·op(B) + beta·C on row-major matrices. op(A) is m×k: A is stored m×k with row stride
/// `lda`, or k×m if `trans_a`. op(B) is k×n: B is stored k×n, or n×k if `trans_b`. C is m×n (`ldc`).
/// Mirrors BLAS `sgemm` (row-major). Any sub-block of C computed alone gives the same bits.
void nninit_sgemm(int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha, const float *a,
                  size_t lda, const float *b, size_t ldb, float beta, float *c, size_t ldc);

/// `nninit_sgemm` for doubles (BLAS `dgemm`).
void nninit_dgemm(int trans_a, int trans_b, size_t m, size_t n, size_t k, double alpha, const double *a,
                  size_t lda, const double *b, size_t ldb, double beta, double *c, size_t ldc);

/// `nninit_sgemm` on up to `threads` threads (the caller and a pool of workers that spin briefly, then
/// sleep): C is cut into `parts` blocks of whole micro-tiles along m or n, never k — 0 parts: as many as
/// `threads` and the size (about 2¹⁸ multiply-adds per block at least) justify. Same bits for every
/// `parts` and `threads`. A call made while another thread's is running runs on the caller alone.
void nninit_sgemm_threaded(int threads, size_t parts, int trans_a, int trans_b, size_t m, size_t n, size_t k,
                           float alpha, const float *a, size_t lda, const float *b, size_t ldb, float beta,
                           float *c, size_t ldc);
void nninit_dgemm_threaded(int threads, size_t parts, int trans_a, int trans_b, size_t m, size_t n, size_t k,
                           double alpha, const double *a, size_t lda, const double *b, size_t ldb, double beta,
                           double *c, size_t ldc);

/// Runs task(context, p) for every p < parts, each once, on up to `threads` threads: the caller and the
/// GEMM's pool of persistent workers (spinning ~20 µs after a job, then sleeping). Runs everything on
/// the caller if `threads` ≤ 1 or the pool is busy with another caller's job. Other parallel kernels
/// can share it, so that one set of threads serves all of them.
void nninit_pool_run(int threads, size_t parts, void (*task)(const void *context, size_t part), const void *context);

/// Unblocked Householder QR of a column-major m×n panel (m ≥ n), LAPACK `sgeqr2` with `slarfg`'s
/// reflectors: H_j = I − tau_j·v_j·v_jᵀ, v_j(j) = 1, R_jj = −sign(a_jj)·‖a_j(j:m)‖. On exit column j
/// holds v_j explicitly (zeros above row j, 1 at row j) — R's off-diagonal part is discarded — and
/// `r_diag[j]` holds R_jj. Dot products use the fixed-order `dot` of the kernel tables.
void nninit_sgeqr2(size_t m, size_t n, float *a, size_t lda, float *tau, float *r_diag);
void nninit_dgeqr2(size_t m, size_t n, double *a, size_t lda, double *tau, double *r_diag);

/// The upper-triangular k×k factor T (column-major, `ldt`; zeros below the diagonal) of the compact WY
/// form H_0·H_1···H_{k−1} = I − V·T·Vᵀ of the reflectors in V (column-major m×k, explicit, as left by
/// `nninit_?geqr2`). LAPACK `slarft('F', 'C')`; VᵀV comes from the GEMM.
void nninit_slarft(size_t m, size_t k, const float *v, size_t ldv, const float *tau, float *t, size_t ldt);
void nninit_dlarft(size_t m, size_t k, const double *v, size_t ldv, const double *tau, double *t, size_t ldt);

// ---- Implementation detail: the per-ISA kernel tables (gemm.c, gemm_avx2.c, gemm_avx512.c) ---------

/// One ISA's float kernels. `kernel` computes an mr×nr tile from packed panels (`a`: kc groups of mr
/// values, `b`: kc groups of nr values) and stores its top-left `rows`×`cols` into C. `dot` sums
/// x[i]·y[i] into lane i mod 64 by fma, then adds lane l + h into lane l for h = 32, 16, …, 1.
/// `axpy`: y[i] = fma(alpha, x[i], y[i]). `pack_rows` (optional) packs `count` ≤ `width` rows of a
/// row-major source (stride `ld`) transposed: dst[p·width + i] = src[i·ld + p] for p < kc, zero for
/// i ≥ count — the packs of op(A) and op(B) that need a transpose; `width` is mr or nr. `run` is the
/// driver (gemm_driver-inl.h) compiled for the ISA.
typedef struct nninit_sgemm_isa nninit_sgemm_isa;
struct nninit_sgemm_isa {
  size_t mr, nr, mc, nc;
  void (*kernel)(size_t kc, const float *a, const float *b, float *c, size_t ldc, float alpha, float beta,
                 size_t rows, size_t cols);
  float (*dot)(size_t n, const float *x, const float *y);
  void (*axpy)(size_t n, float alpha, const float *x, float *y);
  void (*pack_rows)(const float *src, size_t ld, size_t count, size_t kc, float *dst, size_t width);
  void (*run)(const nninit_sgemm_isa *isa, int trans_a, int trans_b, size_t m, size_t n, size_t k, float alpha,
              const float *a, size_t lda, const float *b, size_t ldb, float beta, float *c, size_t ldc);
};

/// One ISA's double kernels (as `nninit_sgemm_isa`; `dot` uses 32 lanes).
typedef struct nninit_dgemm_isa nninit_dgemm_isa;
struct nninit_dgemm_isa {
  size_t mr, nr, mc, nc;
  void (*kernel)(size_t kc, const double *a, const double *b, double *c, size_t ldc, double alpha,
                 double beta, size_t rows, size_t cols);
  double (*dot)(size_t n, const double *x, const double *y);
  void (*axpy)(size_t n, double alpha, const double *x, double *y);
  void (*pack_rows)(const double *src, size_t ld, size_t count, size_t kc, double *dst, size_t width);
  void (*run)(const nninit_dgemm_isa *isa, int trans_a, int trans_b, size_t m, size_t n, size_t k, double alpha,
              const double *a, size_t lda, const double *b, size_t ldb, double beta, double *c, size_t ldc);
};

extern const nninit_sgemm_isa nninit_sgemm_scalar;
extern const nninit_dgemm_isa nninit_dgemm_scalar;
#if defined(__x86_64__) || defined(_M_X64)
extern const nninit_sgemm_isa nninit_sgemm_avx2, nninit_sgemm_avx512;
extern const nninit_dgemm_isa nninit_dgemm_avx2, nninit_dgemm_avx512;
#endif

/// A 64-byte aligned buffer of at least `bytes` owned by the calling thread (slots 0–1 float, 2–3
/// double; contents undefined, freed when the thread exits).
void *nninit_gemm_pack_buffer(int slot, size_t bytes);

/// The tables for `nninit_active_isa()`.
const nninit_sgemm_isa *nninit_sgemm_active(void);
const nninit_dgemm_isa *nninit_dgemm_active(void);

#endif
