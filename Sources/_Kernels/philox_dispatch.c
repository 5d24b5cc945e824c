// PhiloxGenerator's public fills (include/nninit_philox.h): each resolves the ISA level and runs that
// level's kernel — philox_scalar.c everywhere; philox_avx2.c / philox_avx512.c on x86-64; philox_neon.c
// on arm64. Every level gives the same bits. Nothing called from here calls back into this file.
#include "nninit_kernels.h"
#include "philox_shared.h"

/// The level to run at: `requested` (or the active level for -1), never above the CPU's.
static int resolve_isa(int requested) {
  static _Atomic int detected = -1;
  int best = detected;
  if (best < 0) detected = best = (int)nninit_detected_isa();
  int isa = requested < 0 ? (int)nninit_active_isa() : requested;
  return isa < best ? isa : best;
}

#if defined(__x86_64__) || defined(_M_X64)
/// `name_avx512(args)`, `name_avx2(args)` or `name_scalar(args)` for the level `isa`.
#define DISPATCH(isa, name, ...)                                                          \
  switch (resolve_isa(isa)) {                                                             \
    case NNINIT_ISA_AVX512: name##_avx512(__VA_ARGS__); break;                            \
    case NNINIT_ISA_AVX2: name##_avx2(__VA_ARGS__); break;                                \
    default: name##_scalar(__VA_ARGS__); break;                                           \
  }
#elif defined(__aarch64__) || defined(_M_ARM64)
/// `name_neon(args)` or `name_scalar(args)` for the level `isa`.
#define DISPATCH(isa, name, ...)                                                          \
  switch (resolve_isa(isa)) {                                                             \
    case NNINIT_ISA_NEON: name##_neon(__VA_ARGS__); break;                                \
    default: name##_scalar(__VA_ARGS__); break;                                           \
  }
#else
/// `name_scalar(args)`: the only level of other architectures.
#define DISPATCH(isa, name, ...) name##_scalar(__VA_ARGS__)
#endif

void nninit_philox_uniform_f32(nninit_philox_source s, uint64_t offset, size_t count, float *out, float from,
                               float to) {
  DISPATCH(s.isa, nninit_philox_uniform_f32, s.key0, s.key1, s.stream, offset, count, out, from, to)
}

void nninit_philox_uniform_f64(nninit_philox_source s, uint64_t offset, size_t count, double *out, double from,
                               double to) {
  DISPATCH(s.isa, nninit_philox_uniform_f64, s.key0, s.key1, s.stream, offset, count, out, from, to)
}

void nninit_philox_normal_f64(nninit_philox_source s, uint64_t offset, size_t count, double *out, double mean,
                              double std) {
  DISPATCH(s.isa, nninit_philox_normal_f64, s.key0, s.key1, s.stream, offset, count, out, mean, std)
}

void nninit_philox_normal_f32(nninit_philox_source s, uint64_t offset, size_t count, float *out, float mean,
                              float std) {
  DISPATCH(s.isa, nninit_philox_normal_f32, s.key0, s.key1, s.stream, offset, count, out, mean, std)
}

static void trunc_normal(nninit_philox_source s, uint64_t offset, size_t count, void *out, int f32, double mean,
                         double std, double a, double b) {
  double params[8];
  if (!nninit_philox_trunc_setup(mean, std, a, b, params)) {
    for (size_t n = 0; n < count; n++) {
      if (f32)
        ((float *)out)[n] = swift_minf(swift_maxf((float)mean, (float)a), (float)b);
      else
        ((double *)out)[n] = swift_min(swift_max(mean, a), b);
    }
    return;
  }
  DISPATCH(s.isa, nninit_philox_trunc_normal, s.key0, s.key1, s.stream, offset, count, out, f32, params)
}

void nninit_philox_trunc_normal_f64(nninit_philox_source s, uint64_t offset, size_t count, double *out,
                                    double mean, double std, double a, double b) {
  trunc_normal(s, offset, count, out, 0, mean, std, a, b);
}

void nninit_philox_trunc_normal_f32(nninit_philox_source s, uint64_t offset, size_t count, float *out,
                                    double mean, double std, double a, double b) {
  trunc_normal(s, offset, count, out, 1, mean, std, a, b);
}


void nninit_philox_math(int function, int isa, const double *in, double *out, size_t count) {
  DISPATCH(isa, nninit_philox_math, function, in, out, count)
}

void nninit_philox_math_f32(int function, int isa, const uint32_t *in, float *out, size_t count) {
  DISPATCH(isa, nninit_philox_math_f32, function, in, out, count)
}
