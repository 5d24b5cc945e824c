// The QR kernels of qr.c, written once: qr.c includes this template (hence `-inl.h`) with
// QR_PRECISION 1 (float: `nninit_sgeqr2`, `nninit_slarft`) and 2 (double).
#ifndef QR_PRECISION
#error "qr-inl.h is a template: define QR_PRECISION (1 float, 2 double) before including it"
#endif
#if QR_PRECISION == 1
#define QR_T float
#define QR_SUFFIX s
#define QR_ACTIVE nninit_sgemm_active
#define QR_GEMM nninit_sgemm
#define QR_SQRT sqrtf
#define QR_COPYSIGN copysignf
#else
#define QR_T double
#define QR_SUFFIX d
#define QR_ACTIVE nninit_dgemm_active
#define QR_GEMM nninit_dgemm
#define QR_SQRT sqrt
#define QR_COPYSIGN copysign
#endif

#define QR_CAT2(a, b) nninit_##a##b
#define QR_CAT(a, b) QR_CAT2(a, b)
#define Q(name) QR_CAT(QR_SUFFIX, name)

void Q(geqr2)(size_t m, size_t n, QR_T *a, size_t lda, QR_T *tau, QR_T *r_diag) {
  const __typeof__(*QR_ACTIVE()) *isa = QR_ACTIVE();
  for (size_t j = 0; j < n; j++) {
    QR_T *x = a + j * lda + j;
    size_t length = m - j;
    // slarfg: beta = −sign(alpha)·‖x‖, tau = (beta − alpha)/beta, v = x / (alpha − beta) with v0 = 1.
    QR_T alpha = x[0], tail = length > 1 ? isa->dot(length - 1, x + 1, x + 1) : 0, t = 0, beta = alpha;
    if (tail != 0) {
      beta = -QR_COPYSIGN(QR_SQRT(alpha * alpha + tail), alpha);
      t = (beta - alpha) / beta;
      QR_T scale = 1 / (alpha - beta);
      for (size_t i = 1; i < length; i++) x[i] *= scale;
    }
    tau[j] = t;
    r_diag[j] = beta;
    x[0] = 1;
    for (size_t i = 0; i < j; i++) a[j * lda + i] = 0;
    if (t == 0) continue;
    // Columns j+1… of the panel: y −= t·(vᵀy)·v.
    for (size_t c = j + 1; c < n; c++) {
      QR_T *y = a + c * lda + j;
      QR_T w = isa->dot(length, x, y);
      isa->axpy(length, -(t * w), x, y);
    }
  }
}

void Q(larft)(size_t m, size_t k, const QR_T *v, size_t ldv, const QR_T *tau, QR_T *t, size_t ldt) {
  if (k == 0) return;
  QR_T *s = malloc(sizeof(QR_T) * (k * k + k));
  if (!s) abort();
  QR_T *w = s + k * k;
  QR_GEMM(0, 1, k, k, m, 1, v, ldv, v, ldv, 0, s, k);  // S = VᵀV (symmetric, so layout-agnostic)
  for (size_t i = 0; i < k; i++) {
    // T[0:i, i] = −tau_i · T[0:i, 0:i] · V[:, 0:i]ᵀ v_i, T[i, i] = tau_i (slarft, forward, columnwise).
    for (size_t l = 0; l < i; l++) w[l] = -tau[i] * s[i * k + l];
    for (size_t l = 0; l < i; l++) {
      QR_T sum = 0;
      if (tau[i] != 0)
        for (size_t q = l; q < i; q++) sum += t[q * ldt + l] * w[q];
      t[i * ldt + l] = sum;
    }
    t[i * ldt + i] = tau[i];
    for (size_t l = i + 1; l < k; l++) t[i * ldt + l] = 0;
  }
  free(s);
}

#undef Q
#undef QR_CAT
#undef QR_CAT2
#undef QR_T
#undef QR_SUFFIX
#undef QR_ACTIVE
#undef QR_GEMM
#undef QR_SQRT
#undef QR_COPYSIGN
#undef QR_PRECISION
