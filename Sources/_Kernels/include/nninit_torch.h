// Kernels of the PyTorch-parity generator (`TorchGenerator`): PyTorch's CPU MT19937 and its `uniform_` /
// `normal_` kernels, bit for bit. MT19937 is one sequential stream, so these vectorize *within* the
// stream (the 624-word twist, the tempering, the conversions, Box–Muller) and never change which word
// lands where. Every ISA path (`nninit_active_isa()`) gives the same bits as the pure-Swift reference
// (`TorchGenerator+Reference.swift`).
#ifndef NNINIT_TORCH_H
#define NNINIT_TORCH_H

#include <stddef.h>
#include <stdint.h>

/// Words in an MT19937 state.
#define NNINIT_MT19937_N 624

/// Regenerates the 624 state words in place (`mt19937::next_state`).
void nninit_mt19937_twist(uint32_t *state);

/// Writes the engine's next `count` tempered words to `out`, twisting as needed.
///
/// The engine is `MT19937.swift`'s: `state` (624 words), `left` and `next` with the same meaning
/// (`left - 1` words remain before the next twist, the next one at `state[next]`); both are updated.
void nninit_mt19937_words(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, uint32_t *out, size_t count);

/// Advances the engine by `count` words without producing them (only the twists run).
void nninit_mt19937_skip(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, uint64_t count);

/// `uniform_` for float32 (one word per element): `x = (w & 0xFFFFFF)·2⁻²⁴`, `v = fma(x, to − from, from)`
/// if `fused` else `x·(to − from) + from`, and `v == to` becomes `from`.
void nninit_torch_uniform_f32(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, float *out, size_t count,
                              float from, float to, int fused);

/// `uniform_` for float64 (two words per element, the first high): `x = (w & (2⁵³ − 1))·2⁻⁵³`, then as
/// for float32 in double.
void nninit_torch_uniform_f64(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, double *out, size_t count,
                              double from, double to, int fused);

/// `normal_fill` for float32 without its ragged tail: `count` (a multiple of 16) uniforms as
/// `uniform_f32(0, 1, unfused)`, then Fill16 (`nninit_torch_normal16_f32`) on each block of 16.
void nninit_torch_normal_f32(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, float *out, size_t count,
                             float mean, float std, int cephes);

/// `normal_fill` for float64 without its ragged tail: `count` (a multiple of 16) 53-bit uniforms, then
/// `nninit_torch_normal16_f64` on each block.
void nninit_torch_normal_f64(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, double *out, size_t count,
                             double mean, double std);

/// Box–Muller on `blocks` consecutive blocks of 16 float32 uniforms in place (PyTorch's Fill16): lanes
/// 0–7 give `u1 = 1 − d`, lanes 8–15 `u2`; `r = √(−2·log u1)`, `θ = 2π·u2`; lane j receives
/// `fma(r·cos θ, std, mean)` and lane j+8 `fma(r·sin θ, std, mean)`. `cephes` selects the float32 Cephes
/// log/sincos of PyTorch's AVX2 kernel (vectorized here); otherwise libm `logf`/`cosf`/`sinf` with θ
/// computed in double (the DEFAULT-capability kernel).
void nninit_torch_normal16_f32(float *data, size_t blocks, float mean, float std, int cephes);

/// `normal_fill` for float32 without its ragged tail: `count` (a multiple of 16) uniforms as
/// `uniform_f32(0, 1, unfused)`, then Fill16 (`nninit_torch_normal16_f32`) on each block of 16.
void nninit_torch_normal_f32(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, float *out, size_t count,
                             float mean, float std, int cephes);

/// `normal_fill` for float64 without its ragged tail: `count` (a multiple of 16) 53-bit uniforms, then
/// `nninit_torch_normal16_f64` on each block.
void nninit_torch_normal_f64(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, double *out, size_t count,
                             double mean, double std);

/// Box–Muller on `blocks` blocks of 16 float64 uniforms in place, with libm `log`/`cos`/`sin`.
void nninit_torch_normal16_f64(double *data, size_t blocks, double mean, double std);

#endif
