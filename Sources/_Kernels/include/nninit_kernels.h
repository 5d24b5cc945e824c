// NNInit's hot kernels. Each public function dispatches at run time to the best implementation the
// CPU supports (x86-64: AVX-512, AVX2+FMA; arm64: NEON; everywhere: portable scalar C); every path
// gives identical results.
#ifndef NNINIT_KERNELS_H
#define NNINIT_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Instruction-set levels a kernel can run at, slowest first. Levels are per architecture: 0 is the
/// portable scalar C everywhere; x86-64 adds 1 (AVX2 + FMA) and 2 (AVX-512); arm64 adds 1 (NEON).
typedef enum {
  NNINIT_ISA_SCALAR = 0,
#if defined(__x86_64__) || defined(_M_X64)
  NNINIT_ISA_AVX2 = 1,   // AVX2 + FMA
  NNINIT_ISA_AVX512 = 2  // AVX-512F (+ DQ, BW, VL)
#elif defined(__aarch64__) || defined(_M_ARM64)
  NNINIT_ISA_NEON = 1    // Advanced SIMD with fused multiply-add (always present on arm64)
#endif
} nninit_isa;

/// The best level this CPU supports.
nninit_isa nninit_detected_isa(void);

/// The level kernels use: the detected one, lowered by `nninit_force_isa` or by the environment
/// variable `NNINIT_ISA` — `scalar`, `avx2` or `avx512` on x86-64, `scalar` or `neon` on arm64; other
/// values are ignored — never raised above what the CPU supports.
nninit_isa nninit_active_isa(void);

/// Forces kernels to run at most at `isa` (tests use it to check every path); -1 restores automatic choice.
void nninit_force_isa(int isa);

#include "nninit_torch.h"
#include "nninit_philox.h"
#include "nninit_gemm.h"

#endif
