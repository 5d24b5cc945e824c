// The AVX-512 MT19937 kernels: 16-wide twist, tempering and `uniform_` conversions. Bit-identical to
// the portable ones in mt19937.c (integer ops, exact conversions, the same fma or mul-then-add).
#pragma STDC FP_CONTRACT OFF
#include "nninit_kernels.h"
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#include <string.h>

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))
enum { N = NNINIT_MT19937_N, M = 397, W = 16 };

AVX512 static inline __m512i twisted16(__m512i current, __m512i following, __m512i far) {
  __m512i y = _mm512_or_si512(_mm512_and_si512(current, _mm512_set1_epi32((int)0x80000000u)),
                              _mm512_and_si512(following, _mm512_set1_epi32(0x7FFFFFFF)));
  __mmask16 odd = _mm512_test_epi32_mask(following, _mm512_set1_epi32(1));
  __m512i magic = _mm512_maskz_mov_epi32(odd, _mm512_set1_epi32((int)0x9908B0DFu));
  return _mm512_xor_si512(_mm512_xor_si512(far, _mm512_srli_epi32(y, 1)), magic);
}

// In place, in index order. Word i needs s[i + 1] (not yet rewritten) and s[(i + M) mod N]: for
// i < N − M the old word (still ahead of i), otherwise the new one (already behind i), so a block of
// 16 indices can be computed at once as long as it does not straddle N − M; the few words around
// that seam and at the end are done one at a time.
AVX512 void nninit_mt19937_twist_avx512(uint32_t *s) {
  int i = 0;
  for (; i + W <= N - M; i += W) {
    __m512i r = twisted16(_mm512_loadu_si512(s + i), _mm512_loadu_si512(s + i + 1), _mm512_loadu_si512(s + i + M));
    _mm512_storeu_si512(s + i, r);
  }
  for (; i < N - M; i++) {
    uint32_t y = (s[i] & 0x80000000u) | (s[i + 1] & 0x7FFFFFFFu);
    s[i] = s[i + M] ^ (y >> 1) ^ ((s[i + 1] & 1u) ? 0x9908B0DFu : 0u);
  }
  for (; i + W <= N - 1; i += W) {
    __m512i r = twisted16(_mm512_loadu_si512(s + i), _mm512_loadu_si512(s + i + 1), _mm512_loadu_si512(s + i + M - N));
    _mm512_storeu_si512(s + i, r);
  }
  for (; i < N; i++) {
    uint32_t following = s[i + 1 == N ? 0 : i + 1];
    uint32_t y = (s[i] & 0x80000000u) | (following & 0x7FFFFFFFu);
    s[i] = s[i + M - N] ^ (y >> 1) ^ ((following & 1u) ? 0x9908B0DFu : 0u);
  }
}

AVX512 static inline __m512i tempered16(__m512i y) {
  y = _mm512_xor_si512(y, _mm512_srli_epi32(y, 11));
  y = _mm512_xor_si512(y, _mm512_and_si512(_mm512_slli_epi32(y, 7), _mm512_set1_epi32((int)0x9D2C5680u)));
  y = _mm512_xor_si512(y, _mm512_and_si512(_mm512_slli_epi32(y, 15), _mm512_set1_epi32((int)0xEFC60000u)));
  return _mm512_xor_si512(y, _mm512_srli_epi32(y, 18));
}

AVX512 void nninit_mt19937_temper_avx512(const uint32_t *s, uint32_t *out, size_t count) {
  size_t i = 0;
  for (; i + W <= count; i += W) _mm512_storeu_si512(out + i, tempered16(_mm512_loadu_si512(s + i)));
  if (i < count) {
    __mmask16 k = (__mmask16)((1u << (count - i)) - 1);
    _mm512_mask_storeu_epi32(out + i, k, tempered16(_mm512_maskz_loadu_epi32(k, s + i)));
  }
}

AVX512 static inline __m512 uniform16(__m512i w, __m512 from, __m512 to, __m512 range, int fused) {
  __m512 x = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_and_si512(w, _mm512_set1_epi32(0xFFFFFF))), _mm512_set1_ps(0x1p-24f));
  __m512 v = fused ? _mm512_fmadd_ps(x, range, from) : _mm512_add_ps(_mm512_mul_ps(x, range), from);
  return _mm512_mask_mov_ps(v, _mm512_cmp_ps_mask(v, to, _CMP_EQ_OQ), from);
}

AVX512 void nninit_torch_uniform_f32_words_avx512(void *data, size_t count, float from, float to, int fused) {
  float *d = data;
  __m512 f = _mm512_set1_ps(from), t = _mm512_set1_ps(to), r = _mm512_set1_ps(to - from);
  size_t i = 0;
  for (; i + W <= count; i += W) _mm512_storeu_ps(d + i, uniform16(_mm512_loadu_si512(d + i), f, t, r, fused));
  if (i < count) {
    __mmask16 k = (__mmask16)((1u << (count - i)) - 1);
    _mm512_mask_storeu_ps(d + i, k, uniform16(_mm512_maskz_loadu_epi32(k, d + i), f, t, r, fused));
  }
}

// Eight (high, low) word pairs → eight doubles: swap the halves, keep 53 bits, convert exactly.
AVX512 static inline __m512d uniform8(__m512i pairs, __m512d from, __m512d to, __m512d range, int fused) {
  __m512i w = _mm512_and_si512(_mm512_ror_epi64(pairs, 32), _mm512_set1_epi64((1LL << 53) - 1));
  __m512d x = _mm512_mul_pd(_mm512_cvtepi64_pd(w), _mm512_set1_pd(0x1p-53));
  __m512d v = fused ? _mm512_fmadd_pd(x, range, from) : _mm512_add_pd(_mm512_mul_pd(x, range), from);
  return _mm512_mask_mov_pd(v, _mm512_cmp_pd_mask(v, to, _CMP_EQ_OQ), from);
}

AVX512 void nninit_torch_uniform_f64_words_avx512(void *data, size_t count, double from, double to, int fused) {
  double *d = data;
  __m512d f = _mm512_set1_pd(from), t = _mm512_set1_pd(to), r = _mm512_set1_pd(to - from);
  size_t i = 0;
  for (; i + 8 <= count; i += 8) _mm512_storeu_pd(d + i, uniform8(_mm512_loadu_si512(d + i), f, t, r, fused));
  if (i < count) {
    __mmask8 k = (__mmask8)((1u << (count - i)) - 1);
    _mm512_mask_storeu_pd(d + i, k, uniform8(_mm512_maskz_loadu_epi64(k, d + i), f, t, r, fused));
  }
}

// Copies with non-temporal stores (no read of the destination's lines); ends with a store fence.
AVX512 void nninit_stream_copy_avx512(void *destination, const void *source, size_t bytes) {
  unsigned char *d = destination;
  const unsigned char *s = source;
  size_t head = (64 - ((uintptr_t)d & 63)) & 63;
  if (head > bytes) head = bytes;
  memcpy(d, s, head);
  d += head, s += head, bytes -= head;
  for (; bytes >= 64; bytes -= 64, d += 64, s += 64) {
    _mm512_stream_si512((__m512i *)(void *)d, _mm512_loadu_si512(s));
  }
  memcpy(d, s, bytes);
  _mm_sfence();
}
#endif
