// Kernels of the counter-based generator (`PhiloxGenerator`, Docs/Philox.md): Philox4x32-10 fills in
// which element i is a pure function of (key, stream, i). Each fill writes elements
// `offset ..< offset + count` of a conceptual tensor to `out[0 ..< count]`, so any sub-range can be
// computed alone (by another thread, process or machine) and equals the same slice of the whole.
//
// Every ISA path — portable scalar C (philox.c, the reference), AVX2+FMA (philox_avx2.c) and AVX-512
// (philox_avx512.c) — performs the same IEEE-754 operations (+ − × / sqrt, fma only where the
// specification fuses) in the same order, so all give bit-identical output, equal to the pure-Swift
// specification (`PhiloxGenerator+Reference.swift`).
#ifndef NNINIT_PHILOX_H
#define NNINIT_PHILOX_H

#include <stddef.h>
#include <stdint.h>

/// Where a fill draws from, and the ISA level it runs at.
typedef struct {
  uint32_t key0, key1;  ///< The Philox key (k0, k1).
  uint32_t stream;      ///< Counter word 2 (`PhiloxGenerator.Stream`): block b is counter (b mod 2³², b >> 32, stream, 0).
  int isa;              ///< -1: `nninit_active_isa()`; otherwise this `nninit_isa` level, lowered to what the CPU has.
} nninit_philox_source;

/// Philox4x32-10 of one block: `out = philox(counter, key)` (Random123's `philox4x32_R(10, …)`).
void nninit_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4]);

/// U[from, to) float32: element i takes word i, `x = (w >> 8)·2⁻²⁴`, `v = fmaf(x, to − from, from)`,
/// and `v == to` becomes `from`.
void nninit_philox_uniform_f32(nninit_philox_source source, uint64_t offset, size_t count, float *out,
                               float from, float to);

/// U[from, to) float64: element i takes words 2i, 2i+1, `x = ((w₂ᵢ << 32 | w₂ᵢ₊₁) >> 11)·2⁻⁵³`,
/// `v = fma(x, to − from, from)`, and `v == to` becomes `from`.
void nninit_philox_uniform_f64(nninit_philox_source source, uint64_t offset, size_t count, double *out,
                               double from, double to);

/// N(mean, std²) float64: Box–Muller on block i/2 (element 2k the cosine, 2k+1 the sine), then
/// `fma(z, std, mean)`.
void nninit_philox_normal_f64(nninit_philox_source source, uint64_t offset, size_t count, double *out,
                              double mean, double std);

/// N(mean, std²) float32: Box–Muller in binary32, four normals per block — block k gives elements 4k,
/// 4k+1 from words (w0, w1) and 4k+2, 4k+3 from (w2, w3): for words (a, b), `u = (2²⁴ − (a >> 8))·2⁻²⁴`,
/// `r = √(−2·logf u)`, θ = 2π·(b >> 8)·2⁻²⁴, the pair `(r·cos θ, r·sin θ)` (Cephes logf/sinf/cosf with
/// fma, Docs/Philox.md), then `fmaf(z, std, mean)`.
void nninit_philox_normal_f32(nninit_philox_source source, uint64_t offset, size_t count, float *out,
                              float mean, float std);

/// N(mean, std²) truncated to [a, b], float64: inverse CDF of one 53-bit uniform (words 2i, 2i+1),
/// clamped to [a, b]; `clamp(mean, a, b)` when `!(std > 0)` or `!(a < b)`.
void nninit_philox_trunc_normal_f64(nninit_philox_source source, uint64_t offset, size_t count, double *out,
                                    double mean, double std, double a, double b);

/// N(mean, std²) truncated to [a, b], float32: the float64 algorithm's value before its clamp,
/// rounded to float32, then clamped to [(float)a, (float)b].
void nninit_philox_trunc_normal_f32(nninit_philox_source source, uint64_t offset, size_t count, float *out,
                                    double mean, double std, double a, double b);

/// The elementary functions of the fills, elementwise on `count` values at ISA level `isa` (as in
/// `nninit_philox_source`), for tests: 0 `log` (finite x > 0), 1 `sin(2π·m·2⁻⁵³)`, 2 `cos(2π·m·2⁻⁵³)`
/// (inputs: the 53-bit integers m, stored as the doubles' bit patterns), 3 Φ⁻¹.
void nninit_philox_math(int function, int isa, const double *in, double *out, size_t count);

/// The float32 normal's stages, elementwise on `count` Philox words at ISA level `isa`, for tests:
/// 0 the radius `√(−2·logf((2²⁴ − (w >> 8))·2⁻²⁴))`, 1 `sin`, 2 `cos` of `2π·(w >> 8)·2⁻²⁴`.
void nninit_philox_math_f32(int function, int isa, const uint32_t *in, float *out, size_t count);

#endif
