// The AVX2 MT19937 kernels: 8-wide twist, tempering and `uniform_` conversions. Bit-identical to the
// portable ones in mt19937.c (see mt19937_avx512.c for the twist's blocking).
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <string.h>

#define AVX2 __attribute__((target("avx2,fma")))
enum { N = NNINIT_MT19937_N, M = 397, W = 8 };

AVX2 static inline __m256i twisted8(__m256i current, __m256i following, __m256i far) {
  __m256i y = _mm256_or_si256(_mm256_and_si256(current, _mm256_set1_epi32((int)0x80000000u)),
                              _mm256_and_si256(following, _mm256_set1_epi32(0x7FFFFFFF)));
  __m256i odd = _mm256_srai_epi32(_mm256_slli_epi32(following, 31), 31);
  __m256i magic = _mm256_and_si256(odd, _mm256_set1_epi32((int)0x9908B0DFu));
  return _mm256_xor_si256(_mm256_xor_si256(far, _mm256_srli_epi32(y, 1)), magic);
}

#define LOAD(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STORE(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), v)

AVX2 void nninit_mt19937_twist_avx2(uint32_t *s) {
  int i = 0;
  for (; i + W <= N - M; i += W) STORE(s + i, twisted8(LOAD(s + i), LOAD(s + i + 1), LOAD(s + i + M)));
  for (; i < N - M; i++) {
    uint32_t y = (s[i] & 0x80000000u) | (s[i + 1] & 0x7FFFFFFFu);
    s[i] = s[i + M] ^ (y >> 1) ^ ((s[i + 1] & 1u) ? 0x9908B0DFu : 0u);
  }
  for (; i + W <= N - 1; i += W) STORE(s + i, twisted8(LOAD(s + i), LOAD(s + i + 1), LOAD(s + i + M - N)));
  for (; i < N; i++) {
    uint32_t following = s[i + 1 == N ? 0 : i + 1];
    uint32_t y = (s[i] & 0x80000000u) | (following & 0x7FFFFFFFu);
    s[i] = s[i + M - N] ^ (y >> 1) ^ ((following & 1u) ? 0x9908B0DFu : 0u);
  }
}

AVX2 static inline __m256i tempered8(__m256i y) {
  y = _mm256_xor_si256(y, _mm256_srli_epi32(y, 11));
  y = _mm256_xor_si256(y, _mm256_and_si256(_mm256_slli_epi32(y, 7), _mm256_set1_epi32((int)0x9D2C5680u)));
  y = _mm256_xor_si256(y, _mm256_and_si256(_mm256_slli_epi32(y, 15), _mm256_set1_epi32((int)0xEFC60000u)));
  return _mm256_xor_si256(y, _mm256_srli_epi32(y, 18));
}

AVX2 void nninit_mt19937_temper_avx2(const uint32_t *s, uint32_t *out, size_t count) {
  size_t i = 0;
  for (; i + W <= count; i += W) STORE(out + i, tempered8(LOAD(s + i)));
  if (i < count) {
    uint32_t tail[W] = {0};
    memcpy(tail, s + i, 4 * (count - i));
    STORE(tail, tempered8(LOAD(tail)));
    memcpy(out + i, tail, 4 * (count - i));
  }
}

AVX2 static inline __m256 uniform8(__m256i w, __m256 from, __m256 to, __m256 range, int fused) {
  __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_and_si256(w, _mm256_set1_epi32(0xFFFFFF))), _mm256_set1_ps(0x1p-24f));
  __m256 v = fused ? _mm256_fmadd_ps(x, range, from) : _mm256_add_ps(_mm256_mul_ps(x, range), from);
  return _mm256_blendv_ps(v, from, _mm256_cmp_ps(v, to, _CMP_EQ_OQ));
}

AVX2 void nninit_torch_uniform_f32_words_avx2(void *data, size_t count, float from, float to, int fused) {
  float *d = data;
  __m256 f = _mm256_set1_ps(from), t = _mm256_set1_ps(to), r = _mm256_set1_ps(to - from);
  size_t i = 0;
  for (; i + W <= count; i += W) _mm256_storeu_ps(d + i, uniform8(LOAD(d + i), f, t, r, fused));
  if (i < count) {
    float tail[W] = {0};
    memcpy(tail, d + i, 4 * (count - i));
    _mm256_storeu_ps(tail, uniform8(LOAD(tail), f, t, r, fused));
    memcpy(d + i, tail, 4 * (count - i));
  }
}

// Four (high, low) word pairs → four doubles: swap the halves, keep 53 bits, and convert exactly by
// parts (AVX2 has no 64-bit integer conversion): x = high21·2⁻²¹ + low32·2⁻⁵³, both terms and the
// sum exact.
AVX2 static inline __m256d uniform4(__m256i pairs, __m256d from, __m256d to, __m256d range, int fused) {
  __m256i w = _mm256_shuffle_epi32(pairs, 0xB1);
  __m256i magic = _mm256_set1_epi64x(0x4330000000000000LL);  // 2⁵² as bits: or-ing in k < 2⁵² gives 2⁵² + k
  __m256i high = _mm256_and_si256(_mm256_srli_epi64(w, 32), _mm256_set1_epi64x(0x1FFFFF));
  __m256i low = _mm256_and_si256(w, _mm256_set1_epi64x(0xFFFFFFFFLL));
  __m256d two52 = _mm256_set1_pd(0x1p52);
  __m256d dh = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(high, magic)), two52);
  __m256d dl = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(low, magic)), two52);
  __m256d x = _mm256_add_pd(_mm256_mul_pd(dh, _mm256_set1_pd(0x1p-21)), _mm256_mul_pd(dl, _mm256_set1_pd(0x1p-53)));
  __m256d v = fused ? _mm256_fmadd_pd(x, range, from) : _mm256_add_pd(_mm256_mul_pd(x, range), from);
  return _mm256_blendv_pd(v, from, _mm256_cmp_pd(v, to, _CMP_EQ_OQ));
}

AVX2 void nninit_torch_uniform_f64_words_avx2(void *data, size_t count, double from, double to, int fused) {
  double *d = data;
  __m256d f = _mm256_set1_pd(from), t = _mm256_set1_pd(to), r = _mm256_set1_pd(to - from);
  size_t i = 0;
  for (; i + 4 <= count; i += 4) _mm256_storeu_pd(d + i, uniform4(LOAD(d + i), f, t, r, fused));
  if (i < count) {
    double tail[4] = {0};
    memcpy(tail, d + i, 8 * (count - i));
    _mm256_storeu_pd(tail, uniform4(LOAD(tail), f, t, r, fused));
    memcpy(d + i, tail, 8 * (count - i));
  }
}

// Copies with non-temporal stores (no read of the destination's lines); ends with a store fence.
AVX2 void nninit_stream_copy_avx2(void *destination, const void *source, size_t bytes) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  size_t head = (64 - ((uintptr_t)d & 63)) & 63;
  if (head > bytes) head = bytes;
  memcpy(d, s, head);
  d += head, s += head, bytes -= head;
  for (; bytes >= 64; bytes -= 64, d += 64, s += 64) {
    _mm256_stream_si256((__m256i *)(void *)d, LOAD(s));
    _mm256_stream_si256((__m256i *)(void *)(d + 32), LOAD(s + 32));
  }
  memcpy(d, s, bytes);
  _mm_sfence();
}
#endif
