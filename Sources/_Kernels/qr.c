// The unblocked pieces of NNInit's blocked Householder QR (the blocking and the level-3 updates are
// in Sources/Initializers/HouseholderQR.swift): panel factorization (`nninit_?geqr2`) and the compact
// WY factor T (`nninit_?larft`). qr-inl.h holds the code, included once per precision for the float and
// double versions.
//
// Same operations in the same order on every ISA path — the dot/axpy kernels of the GEMM tables are
// bit-identical, the rest is this portable C with no contraction — so the QR, and `orthogonal_`, give
// the same bits on every machine and thread count.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#include <math.h>
#include <stdlib.h>

#define QR_PRECISION 1
#include "qr-inl.h"
#define QR_PRECISION 2
#include "qr-inl.h"
