// NNInit's hot kernels. Each public function dispatches at run time to the best implementation the
// CPU supports (AVX-512, AVX2+FMA, or portable scalar C); every path gives identical results.
#ifndef NNINIT_KERNELS_H
#define NNINIT_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Instruction-set levels a kernel can run at, slowest first.
typedef enum {
  NNINIT_ISA_SCALAR = 0,
  NNINIT_ISA_AVX2 = 1,   // AVX2 + FMA
  NNINIT_ISA_AVX512 = 2  // AVX-512F (+ DQ, BW, VL)
} nninit_isa;

/// The best level this CPU supports.
nninit_isa nninit_detected_isa(void);

/// The level kernels use: the detected one, lowered by `nninit_force_isa` or by the environment
/// variable `NNINIT_ISA=scalar|avx2|avx512` (never raised above what the CPU supports).
nninit_isa nninit_active_isa(void);

/// Forces kernels to run at most at `isa` (tests use it to check every path); -1 restores automatic choice.
void nninit_force_isa(int isa);

#include "nninit_torch.h"
#include "nninit_philox.h"
#include "nninit_gemm.h"

#endif
