// MT19937 as PyTorch runs it, and the `uniform_` conversions: the engine walk, the portable kernels
// (the specification the SIMD ones in mt19937_avx2.c / mt19937_avx512.c / mt19937_neon.c match bit for
// bit) and the run-time dispatch.
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#include <math.h>
#include <string.h>

enum { N = NNINIT_MT19937_N, M = 397 };

// The per-ISA kernels. `temper` copies `count` state words tempered; the converters turn words
// in place into uniforms (float32: one word each; float64: a (high, low) pair each).
typedef struct {
  nninit_isa isa;
  void (*twist)(uint32_t *state);
  void (*temper)(const uint32_t *state, uint32_t *out, size_t count);
  void (*uniform_f32)(void *data, size_t count, float from, float to, int fused);
  void (*uniform_f64)(void *data, size_t count, double from, double to, int fused);
  void (*stream_copy)(void *destination, const void *source, size_t bytes);
} mt19937_kernels;

void nninit_mt19937_twist_avx2(uint32_t *state);
void nninit_mt19937_temper_avx2(const uint32_t *state, uint32_t *out, size_t count);
void nninit_torch_uniform_f32_words_avx2(void *data, size_t count, float from, float to, int fused);
void nninit_torch_uniform_f64_words_avx2(void *data, size_t count, double from, double to, int fused);
void nninit_stream_copy_avx2(void *destination, const void *source, size_t bytes);
void nninit_mt19937_twist_avx512(uint32_t *state);
void nninit_mt19937_temper_avx512(const uint32_t *state, uint32_t *out, size_t count);
void nninit_torch_uniform_f32_words_avx512(void *data, size_t count, float from, float to, int fused);
void nninit_torch_uniform_f64_words_avx512(void *data, size_t count, double from, double to, int fused);
void nninit_stream_copy_avx512(void *destination, const void *source, size_t bytes);
void nninit_mt19937_twist_neon(uint32_t *state);
void nninit_mt19937_temper_neon(const uint32_t *state, uint32_t *out, size_t count);
void nninit_torch_uniform_f32_words_neon(void *data, size_t count, float from, float to, int fused);
void nninit_torch_uniform_f64_words_neon(void *data, size_t count, double from, double to, int fused);
// torch_normal.c: Fill16 at a given ISA level (the dispatch done once per fill, not per chunk).
void nninit_torch_normal16_f32_at(nninit_isa isa, float *data, size_t blocks, float mean, float std, int cephes);
void nninit_torch_normal16_f64_at(nninit_isa isa, double *data, size_t blocks, double mean, double std);

// ---- Portable kernels ------------------------------------------------------------------------------

static inline uint32_t twisted(uint32_t current, uint32_t following, uint32_t far) {
  uint32_t y = (current & 0x80000000u) | (following & 0x7FFFFFFFu);
  return far ^ (y >> 1) ^ ((following & 1u) ? 0x9908B0DFu : 0u);
}

static void twist_scalar(uint32_t *s) {
  for (int i = 0; i < N; i++) s[i] = twisted(s[i], s[i + 1 == N ? 0 : i + 1], s[i + M < N ? i + M : i + M - N]);
}

static inline uint32_t tempered(uint32_t y) {
  y ^= y >> 11;
  y ^= (y << 7) & 0x9D2C5680u;
  y ^= (y << 15) & 0xEFC60000u;
  y ^= y >> 18;
  return y;
}

static void temper_scalar(const uint32_t *s, uint32_t *out, size_t count) {
  for (size_t i = 0; i < count; i++) out[i] = tempered(s[i]);
}

static void uniform_f32_scalar(void *data, size_t count, float from, float to, int fused) {
  unsigned char *bytes = data;
  float range = to - from;
  for (size_t i = 0; i < count; i++) {
    uint32_t w;
    memcpy(&w, bytes + 4 * i, 4);
    float x = (float)(w & 0xFFFFFFu) * 0x1p-24f;
    float v = fused ? fmaf(x, range, from) : x * range + from;
    if (v == to) v = from;
    memcpy(bytes + 4 * i, &v, 4);
  }
}

static void uniform_f64_scalar(void *data, size_t count, double from, double to, int fused) {
  unsigned char *bytes = data;
  double range = to - from;
  for (size_t i = 0; i < count; i++) {
    uint32_t hi, lo;
    memcpy(&hi, bytes + 8 * i, 4);
    memcpy(&lo, bytes + 8 * i + 4, 4);
    uint64_t w = ((uint64_t)(hi & 0x1FFFFFu) << 32) | lo;
    double x = (double)w * 0x1p-53;
    double v = fused ? fma(x, range, from) : x * range + from;
    if (v == to) v = from;
    memcpy(bytes + 8 * i, &v, 8);
  }
}

static void stream_copy_scalar(void *destination, const void *source, size_t bytes) {
  memcpy(destination, source, bytes);
}

// ---- Dispatch and the engine walk ------------------------------------------------------------------

static mt19937_kernels kernels(void) {
  switch (nninit_active_isa()) {
#if defined(__x86_64__) || defined(_M_X64)
  case NNINIT_ISA_AVX512:
    return (mt19937_kernels){NNINIT_ISA_AVX512, nninit_mt19937_twist_avx512, nninit_mt19937_temper_avx512,
                             nninit_torch_uniform_f32_words_avx512, nninit_torch_uniform_f64_words_avx512,
                             nninit_stream_copy_avx512};
  case NNINIT_ISA_AVX2:
    return (mt19937_kernels){NNINIT_ISA_AVX2, nninit_mt19937_twist_avx2, nninit_mt19937_temper_avx2,
                             nninit_torch_uniform_f32_words_avx2, nninit_torch_uniform_f64_words_avx2,
                             nninit_stream_copy_avx2};
#elif defined(__aarch64__) || defined(_M_ARM64)
  case NNINIT_ISA_NEON:
    return (mt19937_kernels){NNINIT_ISA_NEON, nninit_mt19937_twist_neon, nninit_mt19937_temper_neon,
                             nninit_torch_uniform_f32_words_neon, nninit_torch_uniform_f64_words_neon,
                             stream_copy_scalar};
#endif
  default:
    return (mt19937_kernels){NNINIT_ISA_SCALAR, twist_scalar, temper_scalar, uniform_f32_scalar, uniform_f64_scalar, stream_copy_scalar};
  }
}

void nninit_mt19937_twist(uint32_t *state) { kernels().twist(state); }

static void words_into(const mt19937_kernels *k, uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, uint32_t *out,
                       size_t count) {
  while (count > 0) {
    size_t remaining = (size_t)(*left - 1);
    if (remaining == 0) {
      k->twist(state);
      *next = 0;
      *left = N + 1;
      remaining = N;
    }
    size_t take = count < remaining ? count : remaining;
    k->temper(state + *next, out, take);
    *next += (ptrdiff_t)take;
    *left -= (ptrdiff_t)take;
    out += take;
    count -= take;
  }
}

void nninit_mt19937_words(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, uint32_t *out, size_t count) {
  mt19937_kernels k = kernels();
  words_into(&k, state, left, next, out, count);
}

void nninit_mt19937_skip(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, uint64_t count) {
  mt19937_kernels k = kernels();
  while (count > 0) {
    uint64_t remaining = (uint64_t)(*left - 1);
    if (remaining == 0) {
      k.twist(state);
      *next = 0;
      *left = N + 1;
      remaining = N;
    }
    uint64_t take = count < remaining ? count : remaining;
    *next += (ptrdiff_t)take;
    *left -= (ptrdiff_t)take;
    count -= take;
  }
}

// What a fill does with its words, chunk by chunk.
typedef enum { UNIFORM_F32, UNIFORM_F64, NORMAL_F32, NORMAL_F64 } fill_kind;
typedef struct {
  fill_kind kind;
  double a, b;  // (from, to) or (mean, std), rounded to float for the float32 kinds
  int flag;     // fused (uniform) or cephes (float32 normal)
} fill_job;

static void transform(const mt19937_kernels *k, const fill_job *job, void *words, size_t n) {
  switch (job->kind) {
  case UNIFORM_F32: k->uniform_f32(words, n, (float)job->a, (float)job->b, job->flag); break;
  case UNIFORM_F64: k->uniform_f64(words, n, job->a, job->b, job->flag); break;
  case NORMAL_F32:
    k->uniform_f32(words, n, 0.0f, 1.0f, 0);
    nninit_torch_normal16_f32_at(k->isa, words, n / 16, (float)job->a, (float)job->b, job->flag);
    break;
  case NORMAL_F64:
    k->uniform_f64(words, n, 0.0, 1.0, 0);
    nninit_torch_normal16_f64_at(k->isa, words, n / 16, job->a, job->b);
    break;
  }
}

// CHUNK words at a time are drawn, converted (and transformed) in an L1-sized buffer: the output
// itself, or for outputs of STREAM_BYTES or more a staging buffer copied out with non-temporal
// stores, which spares reading the output's cache lines before writing them.
enum { CHUNK = 2048, STREAM_BYTES = 8 << 20 };

static void fill(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, void *out, size_t count, fill_job job) {
  mt19937_kernels k = kernels();
  size_t words_per_element = job.kind == UNIFORM_F64 || job.kind == NORMAL_F64 ? 2 : 1;
  size_t bytes_per_element = 4 * words_per_element, step = CHUNK / words_per_element;
  _Alignas(64) uint32_t staging[CHUNK];
  int stream = count * bytes_per_element >= STREAM_BYTES;
  unsigned char *bytes = out;
  for (size_t i = 0; i < count; i += step) {
    size_t n = count - i < step ? count - i : step;
    uint32_t *words = stream ? staging : (uint32_t *)(void *)(bytes + i * bytes_per_element);
    words_into(&k, state, left, next, words, n * words_per_element);
    transform(&k, &job, words, n);
    if (stream) k.stream_copy(bytes + i * bytes_per_element, staging, n * bytes_per_element);
  }
}

void nninit_torch_uniform_f32(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, float *out, size_t count,
                              float from, float to, int fused) {
  fill(state, left, next, out, count, (fill_job){UNIFORM_F32, from, to, fused});
}

void nninit_torch_uniform_f64(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, double *out, size_t count,
                              double from, double to, int fused) {
  fill(state, left, next, out, count, (fill_job){UNIFORM_F64, from, to, fused});
}

void nninit_torch_normal_f32(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, float *out, size_t count,
                             float mean, float std, int cephes) {
  fill(state, left, next, out, count, (fill_job){NORMAL_F32, mean, std, cephes});
}

void nninit_torch_normal_f64(uint32_t *state, ptrdiff_t *left, ptrdiff_t *next, double *out, size_t count,
                             double mean, double std) {
  fill(state, left, next, out, count, (fill_job){NORMAL_F64, mean, std, 0});
}
