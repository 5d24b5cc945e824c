// Run-time CPU feature detection and the ISA override used by every kernel's dispatcher.
#include "nninit_kernels.h"
#include <stdlib.h>
#include <string.h>

static _Atomic int forced_isa = -1;

nninit_isa nninit_detected_isa(void) {
#if defined(__x86_64__) || defined(_M_X64)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
    return NNINIT_ISA_AVX512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return NNINIT_ISA_AVX2;
  return NNINIT_ISA_SCALAR;
#elif defined(__aarch64__) || defined(_M_ARM64)
  return NNINIT_ISA_NEON;  // Advanced SIMD (with fma) is part of the arm64 base architecture
#else
  return NNINIT_ISA_SCALAR;
#endif
}

/// The level `NNINIT_ISA` names on this architecture, -1 if unset or unknown.
static int environment_isa(void) {
  const char *value = getenv("NNINIT_ISA");
  if (!value) return -1;
  if (strcmp(value, "scalar") == 0) return NNINIT_ISA_SCALAR;
#if defined(__x86_64__) || defined(_M_X64)
  if (strcmp(value, "avx2") == 0) return NNINIT_ISA_AVX2;
  if (strcmp(value, "avx512") == 0) return NNINIT_ISA_AVX512;
#elif defined(__aarch64__) || defined(_M_ARM64)
  if (strcmp(value, "neon") == 0) return NNINIT_ISA_NEON;
#endif
  return -1;
}

nninit_isa nninit_active_isa(void) {
  int isa = (int)nninit_detected_isa();
  int forced = forced_isa;
  if (forced < 0) forced = environment_isa();
  if (forced >= 0 && forced < isa) isa = forced;
  return (nninit_isa)isa;
}

void nninit_force_isa(int isa) { forced_isa = isa; }
