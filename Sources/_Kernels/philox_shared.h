// Shared by the Philox kernels (private to _Kernels): the Philox4x32-10 constants and round keys, the
// tables of philox_tables.c, the per-ISA kernels that philox_dispatch.c chooses from (philox_scalar.c,
// philox_avx2.c, philox_avx512.c, philox_neon.c), the prepared truncated-normal parameters, Swift's
// min/max, and the batch driver of the SIMD paths.
#ifndef NNINIT_PHILOX_SHARED_H
#define NNINIT_PHILOX_SHARED_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/// Philox4x32-10's multipliers and Weyl increments (Random123).
enum { M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u };

/// The ten round keys of (k0, k1).
typedef struct {
  uint64_t k0[10], k1[10];
} round_keys;

static inline round_keys make_keys(uint32_t k0, uint32_t k1) {
  round_keys keys;
  for (int r = 0; r < 10; r++, k0 += W0, k1 += W1) keys.k0[r] = k0, keys.k1[r] = k1;
  return keys;
}

// The coefficients (philox_tables.c): fdlibm's Lg1…Lg7, the sin and cos Taylor coefficients, AS 241's A…F,
// Cephes' logf P, sinf S and cosf C.
extern const double nninit_philox_lg[7], nninit_philox_sin_taylor[10], nninit_philox_cos_taylor[11];
extern const double nninit_philox_as241[6][8];
extern const float nninit_philox_logf_p[9], nninit_philox_sinf_s[3], nninit_philox_cosf_c[3];

/// Elements before the first block boundary (index ≡ 0 mod 4) at an `alignment`-byte-aligned address,
/// written with ordinary stores; the rest of a large float32 fill streams. `count` when the fill is too
/// small to stream or has no such boundary (philox_tables.c).
size_t nninit_philox_streaming_head(const float *out, uint64_t offset, size_t count, size_t alignment);

// ---- The per-ISA kernels ----------------------------------------------------------------------------
// Same arguments as the public fills, the source flattened to (k0, k1, stream). The truncated normal
// takes the prepared parameters of `nninit_philox_trunc_setup` (never the degenerate case).

#define PHILOX_DECLARE(isa)                                                                                  \
  void nninit_philox_uniform_f32_##isa(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,          \
                                       size_t count, float *out, float from, float to);                     \
  void nninit_philox_uniform_f64_##isa(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,          \
                                       size_t count, double *out, double from, double to);                  \
  void nninit_philox_normal_f64_##isa(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,           \
                                      size_t count, double *out, double mean, double std);                  \
  void nninit_philox_normal_f32_##isa(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,           \
                                      size_t count, float *out, float mean, float std);                     \
  void nninit_philox_trunc_normal_##isa(uint32_t k0, uint32_t k1, uint32_t stream, uint64_t offset,         \
                                        size_t count, void *out, int f32, const double params[8]);          \
  void nninit_philox_math_##isa(int function, const double *in, double *out, size_t count);                  \
  void nninit_philox_math_f32_##isa(int function, const uint32_t *in, float *out, size_t count);
PHILOX_DECLARE(scalar)
#if defined(__x86_64__) || defined(_M_X64)
PHILOX_DECLARE(avx2)
PHILOX_DECLARE(avx512)
#elif defined(__aarch64__) || defined(_M_ARM64)
PHILOX_DECLARE(neon)
#endif
#undef PHILOX_DECLARE

/// Prepared truncated-normal parameters: {mean, std, a, b, lowerA, mass, upperB, mirrored (0 or 1)}.
enum { T_MEAN, T_STD, T_A, T_B, T_LOWER_A, T_MASS, T_UPPER_B, T_MIRRORED };

/// Fills `params` (philox_scalar.c); returns 0 for the degenerate case (`!(std > 0)` or `!(a < b)`:
/// every value is `clamp(mean, a, b)`).
int nninit_philox_trunc_setup(double mean, double std, double a, double b, double params[8]);

// Swift's `max(x, y)` / `min(x, y)` exactly (which operand wins on ties and NaN).
static inline double swift_max(double x, double y) { return y >= x ? y : x; }
static inline double swift_min(double x, double y) { return y < x ? y : x; }
static inline float swift_maxf(float x, float y) { return y >= x ? y : x; }
static inline float swift_minf(float x, float y) { return y < x ? y : x; }

/// Calls `batch(b, destination, direct)` for the batches of `blocks` blocks (`per` elements each) that
/// cover elements [offset, offset + count): straight into `out` where a batch lies inside (direct = 1),
/// through `tmp` at the two ends (direct = 0).
#define DRIVE(T, per, blocks, batch)                                                            \
  do {                                                                                          \
    uint64_t end_ = offset + count;                                                             \
    for (uint64_t b_ = offset / (per); b_ * (per) < end_; b_ += (blocks)) {                     \
      uint64_t first_ = b_ * (per), last_ = first_ + (uint64_t)(per) * (blocks);                \
      if (first_ >= offset && last_ <= end_) {                                                  \
        batch(b_, out + (first_ - offset), 1);                                                  \
      } else {                                                                                  \
        T tmp_[(per) * (blocks)];                                                               \
        batch(b_, tmp_, 0);                                                                     \
        uint64_t lo_ = first_ > offset ? first_ : offset, hi_ = last_ < end_ ? last_ : end_;    \
        memcpy(out + (lo_ - offset), tmp_ + (lo_ - first_), (size_t)(hi_ - lo_) * sizeof(T));   \
      }                                                                                         \
    }                                                                                           \
  } while (0)

#endif
