// The C kernels' cross-architecture check (Scripts/check_arm64.sh): runs every kernel of
// Sources/_Kernels — Philox uniform / normal / truncated normal in float32 and float64, the elementary
// functions of the fills (the float32 Box–Muller stages on all 2²⁴ inputs), MT19937, PyTorch's
// uniform_ / normal_ conversions (its float32 Box–Muller on all 2²⁴ uniforms) and the GEMM — at every
// ISA level of this CPU (x86-64: scalar, AVX2, AVX-512; arm64: scalar, NEON), on odd sizes and
// offsets, and reduces each output to a 64-bit hash.
//
//   kernel_check generate          prints "case hash" lines (every level must agree): the golden file
//   kernel_check check GOLDEN      recomputes every case at every level, compares with GOLDEN
//
// Exit status 0 only if every level of every case agrees (and, for `check`, equals the golden hash).
#include "nninit_kernels.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// ---- Hashing and case bookkeeping -------------------------------------------------------------------

/// A 64-bit hash of `bytes` bytes (a multiple of 4), word by word (FNV-1a's mixing on 32-bit words).
static uint64_t hash_bytes(const void *data, size_t bytes, uint64_t h) {
  const unsigned char *p = data;
  for (size_t i = 0; i + 4 <= bytes; i += 4) {
    uint32_t w;
    memcpy(&w, p + i, 4);
    h = (h ^ w) * 0x100000001B3ull;
    h ^= h >> 29;
  }
  return h;
}
#define HASH_SEED 0xCBF29CE484222325ull

enum { MAX_CASES = 1024, MAX_LEVELS = 3 };
static char case_names[MAX_CASES][96];
static uint64_t case_hashes[MAX_CASES][MAX_LEVELS];
static int case_count, level_count, failures;

static const char *level_name(int level) {
#if defined(__x86_64__) || defined(_M_X64)
  static const char *names[] = {"scalar", "avx2", "avx512"};
#elif defined(__aarch64__) || defined(_M_ARM64)
  static const char *names[] = {"scalar", "neon", "?"};
#else
  static const char *names[] = {"scalar", "?", "?"};
#endif
  return names[level];
}

/// Records the hash of case `name` at `level` (the first level opens the case).
static void record(int level, const char *name, uint64_t hash) {
  int index = -1;
  for (int i = case_count - 1; i >= 0; i--)
    if (strcmp(case_names[i], name) == 0) { index = i; break; }
  if (index < 0) {
    if (case_count == MAX_CASES) { fprintf(stderr, "too many cases\n"); exit(2); }
    index = case_count++;
    snprintf(case_names[index], sizeof case_names[index], "%s", name);
  }
  case_hashes[index][level] = hash;
}

// ---- Deterministic inputs ---------------------------------------------------------------------------

static uint64_t lcg_state = 0x853C49E6748FEA9Bull;
static uint64_t next64(void) {
  lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
  uint64_t x = lcg_state;
  x ^= x >> 33, x *= 0xFF51AFD7ED558CCDull, x ^= x >> 33;
  return x;
}

static void *checked_malloc(size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (!p) { fprintf(stderr, "out of memory\n"); exit(2); }
  return p;
}

// ---- Philox fills -----------------------------------------------------------------------------------

typedef struct { uint64_t offset; size_t count; } range;
static const range philox_ranges[] = {{0, 1}, {3, 5}, {1, 17}, {7, 63}, {5, 1000}, {0, 4096}, {12345, 4099},
                                      {0xFFFFFFFFull * 4 - 9, 37}, {(1ull << 33) - 5, 21}, {(1ull << 40) + 3, 130}};
typedef struct { uint32_t k0, k1, stream; } philox_key;
static const philox_key philox_keys[] = {{0x12345678u, 0x9ABCDEF0u, 0}, {0xFFFFFFFFu, 1u, 0xDEADBEEFu}};

static void philox_cases(int level) {
  char name[96];
  for (size_t k = 0; k < sizeof philox_keys / sizeof *philox_keys; k++) {
    nninit_philox_source s = {philox_keys[k].k0, philox_keys[k].k1, philox_keys[k].stream, level};
    for (size_t r = 0; r < sizeof philox_ranges / sizeof *philox_ranges; r++) {
      uint64_t off = philox_ranges[r].offset;
      size_t n = philox_ranges[r].count;
      float *f = checked_malloc(n * sizeof(float) + 64);
      double *d = checked_malloc(n * sizeof(double) + 64);
      float *fo = f + 1;  // an odd address too: the kernels must not assume alignment
      // U[from, to): ordinary, unit, and a range too small for the exact 2⁻²⁴ scaling.
      static const float uf[][2] = {{-0.5f, 2.0f}, {0.0f, 1.0f}, {0.0f, 1e-38f}};
      for (int u = 0; u < 3; u++) {
        nninit_philox_uniform_f32(s, off, n, fo, uf[u][0], uf[u][1]);
        snprintf(name, sizeof name, "philox.uniform_f32.k%zu.r%zu.u%d", k, r, u);
        record(level, name, hash_bytes(fo, n * 4, HASH_SEED));
        nninit_philox_uniform_f64(s, off, n, d, uf[u][0], uf[u][1]);
        snprintf(name, sizeof name, "philox.uniform_f64.k%zu.r%zu.u%d", k, r, u);
        record(level, name, hash_bytes(d, n * 8, HASH_SEED));
      }
      nninit_philox_normal_f32(s, off, n, fo, 0.5f, 2.0f);
      snprintf(name, sizeof name, "philox.normal_f32.k%zu.r%zu", k, r);
      record(level, name, hash_bytes(fo, n * 4, HASH_SEED));
      nninit_philox_normal_f64(s, off, n, d, 0.5, 2.0);
      snprintf(name, sizeof name, "philox.normal_f64.k%zu.r%zu", k, r);
      record(level, name, hash_bytes(d, n * 8, HASH_SEED));
      // N(mean, std²) on [a, b]: symmetric, mirrored, far tail (AS 241's r > 5 branch), degenerate.
      static const double tn[][4] = {{0, 1, -2, 2}, {1, 0.5, 0.8, 3}, {0, 1, -40, -8.5}, {0, 1, 6, 9}, {0.3, 0, -1, 1}};
      for (int t = 0; t < 5; t++) {
        nninit_philox_trunc_normal_f32(s, off, n, fo, tn[t][0], tn[t][1], tn[t][2], tn[t][3]);
        snprintf(name, sizeof name, "philox.trunc_normal_f32.k%zu.r%zu.t%d", k, r, t);
        record(level, name, hash_bytes(fo, n * 4, HASH_SEED));
        nninit_philox_trunc_normal_f64(s, off, n, d, tn[t][0], tn[t][1], tn[t][2], tn[t][3]);
        snprintf(name, sizeof name, "philox.trunc_normal_f64.k%zu.r%zu.t%d", k, r, t);
        record(level, name, hash_bytes(d, n * 8, HASH_SEED));
      }
      free(f), free(d);
    }
  }
}

// ---- Elementary functions ---------------------------------------------------------------------------

/// The float32 Box–Muller stages on all 2²⁴ inputs (words i << 8 | 0xA5: the low byte is ignored).
static void math_f32_exhaustive(int level) {
  enum { COUNT = 1 << 24, CHUNK = 1 << 16 };
  uint32_t *in = checked_malloc(CHUNK * sizeof(uint32_t));
  float *out = checked_malloc(CHUNK * sizeof(float));
  static const char *names[] = {"radius", "sin", "cos"};
  for (int function = 0; function < 3; function++) {
    uint64_t h = HASH_SEED;
    for (uint32_t start = 0; start < COUNT; start += CHUNK) {
      for (uint32_t i = 0; i < CHUNK; i++) in[i] = (start + i) << 8 | 0xA5u;
      nninit_philox_math_f32(function, level, in, out, CHUNK);
      h = hash_bytes(out, CHUNK * sizeof(float), h);
    }
    char name[96];
    snprintf(name, sizeof name, "philox.math_f32.%s.all_2^24", names[function]);
    record(level, name, h);
  }
  free(in), free(out);
}

static void math_f64_cases(int level) {
  enum { COUNT = 20003 };
  double *in = checked_malloc(COUNT * sizeof(double)), *out = checked_malloc(COUNT * sizeof(double));
  static const char *names[] = {"log", "sin", "cos", "inverse_normal_cdf"};
  for (int function = 0; function < 4; function++) {
    lcg_state = 0x853C49E6748FEA9Bull + (uint64_t)function;
    for (size_t i = 0; i < COUNT; i++) {
      uint64_t r = next64();
      double x;
      if (function == 0) {  // finite x > 0 across the exponent range, subnormals included
        uint64_t bits = r & 0x7FEFFFFFFFFFFFFFull;
        memcpy(&x, &bits, 8);
        if (x == 0) x = 0x1p-1074;
      } else if (function < 3) {  // 53-bit turn counts, as bit patterns
        uint64_t m = i < 4 ? (uint64_t[]){0, 1ull << 50, (1ull << 51) - 1, (1ull << 53) - 1}[i] : r >> 11;
        memcpy(&x, &m, 8);
      } else {  // probabilities: uniform, then tiny tails and the edges
        x = (double)(r >> 11) * 0x1p-53;
        if (i % 7 == 0) x = x * 0x1p-900;
        if (i % 11 == 0) x = 1 - x * 0x1p-40;
        if (i < 6) x = (double[]){0, 1, 0.5, 0.075, 0.925, 1e-300}[i];
      }
      in[i] = x;
    }
    nninit_philox_math(function, level, in, out, COUNT);
    char name[96];
    snprintf(name, sizeof name, "philox.math_f64.%s", names[function]);
    record(level, name, hash_bytes(out, COUNT * sizeof(double), HASH_SEED));
  }
  free(in), free(out);
}

// ---- MT19937 and PyTorch's conversions ---------------------------------------------------------------

typedef struct {
  uint32_t state[NNINIT_MT19937_N];
  ptrdiff_t left, next;
} engine;

/// PyTorch's `mt19937(seed)`: the standard initialization, a twist due on the first draw.
static engine seeded(uint32_t seed) {
  engine e;
  e.state[0] = seed;
  for (uint32_t i = 1; i < NNINIT_MT19937_N; i++) e.state[i] = 1812433253u * (e.state[i - 1] ^ (e.state[i - 1] >> 30)) + i;
  e.left = 1, e.next = 0;
  return e;
}

/// The hash of an engine's position and state (so a wrong walk fails even if the words agree).
static uint64_t engine_hash(const engine *e, uint64_t h) {
  uint32_t position[2] = {(uint32_t)e->left, (uint32_t)e->next};
  return hash_bytes(position, sizeof position, hash_bytes(e->state, sizeof e->state, h));
}

static void torch_cases(int level) {
  nninit_force_isa(level);
  char name[96];
  static const size_t counts[] = {1, 7, 623, 625, 1001, 5000, (1u << 21) + 3};  // the last one streams
  for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
    size_t n = counts[c];
    uint32_t *words = checked_malloc(n * 4);
    float *f = checked_malloc(n * 4 + 4);
    double *d = checked_malloc(n * 8);
    engine e = seeded(5489u + (uint32_t)c);
    nninit_mt19937_words(e.state, &e.left, &e.next, words, n);
    snprintf(name, sizeof name, "mt19937.words.n%zu", n);
    record(level, name, engine_hash(&e, hash_bytes(words, n * 4, HASH_SEED)));
    nninit_mt19937_skip(e.state, &e.left, &e.next, 3 * (uint64_t)n + 1);
    snprintf(name, sizeof name, "mt19937.skip.n%zu", n);
    record(level, name, engine_hash(&e, HASH_SEED));
    for (int fused = 0; fused < 2; fused++) {
      e = seeded(67280421u + (uint32_t)c);
      nninit_mt19937_skip(e.state, &e.left, &e.next, c);  // start mid-state
      nninit_torch_uniform_f32(e.state, &e.left, &e.next, f + 1, n, -0.25f, 3.0f, fused);
      snprintf(name, sizeof name, "torch.uniform_f32.fused%d.n%zu", fused, n);
      record(level, name, engine_hash(&e, hash_bytes(f + 1, n * 4, HASH_SEED)));
      nninit_torch_uniform_f64(e.state, &e.left, &e.next, d, n, -0.25, 3.0, fused);
      snprintf(name, sizeof name, "torch.uniform_f64.fused%d.n%zu", fused, n);
      record(level, name, engine_hash(&e, hash_bytes(d, n * 8, HASH_SEED)));
    }
    size_t n16 = n / 16 * 16;
    for (int cephes = 0; cephes < 2 && n16 > 0; cephes++) {
      e = seeded(42u + (uint32_t)c);
      nninit_torch_normal_f32(e.state, &e.left, &e.next, f, n16, 0.5f, 2.0f, cephes);
      snprintf(name, sizeof name, "torch.normal_f32.cephes%d.n%zu", cephes, n16);
      record(level, name, engine_hash(&e, hash_bytes(f, n16 * 4, HASH_SEED)));
    }
    if (n16 > 0) {
      e = seeded(43u + (uint32_t)c);
      nninit_torch_normal_f64(e.state, &e.left, &e.next, d, n16, 0.5, 2.0);
      snprintf(name, sizeof name, "torch.normal_f64.n%zu", n16);
      record(level, name, engine_hash(&e, hash_bytes(d, n16 * 8, HASH_SEED)));
    }
    free(words), free(f), free(d);
  }
  nninit_force_isa(-1);
}

/// PyTorch's float32 Fill16, both flavors, on every float32 uniform k·2⁻²⁴: block lanes 0–7 take u1
/// = k·2⁻²⁴ for 8 consecutive k, lanes 8–15 u2 = (k·0x9E3779B1 mod 2²⁴)·2⁻²⁴ (a permutation), so
/// every value meets the log once and the sincos once.
static void torch_normal16_exhaustive(int level) {
  enum { COUNT = 1 << 24, CHUNK = 1 << 16 };
  nninit_force_isa(level);
  float *data = checked_malloc(2 * CHUNK * sizeof(float));
  for (int cephes = 0; cephes < 2; cephes++) {
    uint64_t h = HASH_SEED;
    for (uint32_t start = 0; start < COUNT; start += CHUNK) {
      for (uint32_t i = 0; i < CHUNK; i++) {
        uint32_t k = start + i, block = i / 8, lane = i % 8;
        data[16 * block + lane] = (float)k * 0x1p-24f;
        data[16 * block + 8 + lane] = (float)((k * 0x9E3779B1u) & 0xFFFFFFu) * 0x1p-24f;
      }
      nninit_torch_normal16_f32(data, CHUNK / 8, 0.5f, 2.0f, cephes);
      h = hash_bytes(data, 2 * CHUNK * sizeof(float), h);
    }
    char name[96];
    snprintf(name, sizeof name, "torch.normal16_f32.cephes%d.all_2^24", cephes);
    record(level, name, h);
  }
  free(data);
  nninit_force_isa(-1);
}

// ---- GEMM -------------------------------------------------------------------------------------------

static void gemm_cases(int level) {
  nninit_force_isa(level);
  enum { M = 37, N = 29, K = 300 };  // K crosses a KC panel; M, N are not multiples of any tile
  float *a = checked_malloc(M * K * 4), *b = checked_malloc(K * N * 4), *c = checked_malloc(M * N * 4);
  double *ad = checked_malloc(M * K * 8), *bd = checked_malloc(K * N * 8), *cd = checked_malloc(M * N * 8);
  char name[96];
  for (int trans = 0; trans < 4; trans++) {
    lcg_state = 99 + (uint64_t)trans;
    for (size_t i = 0; i < M * K; i++) ad[i] = (double)(next64() >> 11) * 0x1p-52 - 1, a[i] = (float)ad[i];
    for (size_t i = 0; i < K * N; i++) bd[i] = (double)(next64() >> 11) * 0x1p-52 - 1, b[i] = (float)bd[i];
    for (size_t i = 0; i < M * N; i++) cd[i] = (double)(next64() >> 11) * 0x1p-53, c[i] = (float)cd[i];
    int ta = trans & 1, tb = trans >> 1;
    nninit_sgemm(ta, tb, M, N, K, 0.75f, a, ta ? M : K, b, tb ? K : N, 0.5f, c, N);
    nninit_dgemm(ta, tb, M, N, K, 0.75, ad, ta ? M : K, bd, tb ? K : N, 0.5, cd, N);
    snprintf(name, sizeof name, "gemm.sgemm.t%d", trans);
    record(level, name, hash_bytes(c, M * N * 4, HASH_SEED));
    snprintf(name, sizeof name, "gemm.dgemm.t%d", trans);
    record(level, name, hash_bytes(cd, M * N * 8, HASH_SEED));
  }
  free(a), free(b), free(c), free(ad), free(bd), free(cd);
  nninit_force_isa(-1);
}

// ---- Throughput (a functional figure under emulation, not a speed claim) -----------------------------

/// Million float32 Philox normals per second at `level` (one warm-up call, then one timed call).
static double philox_normal_f32_rate(int level) {
  enum { COUNT = 1 << 20 };
  float *out = checked_malloc(COUNT * sizeof(float));
  nninit_philox_source s = {1, 2, 0, level};
  nninit_philox_normal_f32(s, 0, COUNT, out, 0, 1);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  nninit_philox_normal_f32(s, 0, COUNT, out, 0, 1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  free(out);
  double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  return COUNT / seconds / 1e6;
}

// ---- Main -------------------------------------------------------------------------------------------

int main(int argc, char **argv) {
  int generate = argc == 2 && strcmp(argv[1], "generate") == 0;
  if (!generate && !(argc == 3 && strcmp(argv[1], "check") == 0)) {
    fprintf(stderr, "usage: kernel_check generate | kernel_check check GOLDEN\n");
    return 2;
  }
  level_count = (int)nninit_detected_isa() + 1;
  for (int level = 0; level < level_count; level++) {
    philox_cases(level);
    math_f32_exhaustive(level);
    math_f64_cases(level);
    torch_cases(level);
    torch_normal16_exhaustive(level);
    gemm_cases(level);
  }
  // Every level must agree with the scalar one.
  for (int i = 0; i < case_count; i++)
    for (int level = 1; level < level_count; level++)
      if (case_hashes[i][level] != case_hashes[i][0]) {
        printf("FAIL %s: %s %016" PRIx64 " != scalar %016" PRIx64 "\n", case_names[i], level_name(level),
               case_hashes[i][level], case_hashes[i][0]);
        failures++;
      }
  if (generate) {
    for (int i = 0; i < case_count; i++) printf("%s %016" PRIx64 "\n", case_names[i], case_hashes[i][0]);
    return failures ? 1 : 0;
  }
  FILE *golden = fopen(argv[2], "r");
  if (!golden) { fprintf(stderr, "cannot read %s\n", argv[2]); return 2; }
  char line[256], name[128];
  uint64_t expected;
  int matched = 0, golden_count = 0;
  while (fgets(line, sizeof line, golden)) {
    if (line[0] == '#' || sscanf(line, "%127s %" SCNx64, name, &expected) != 2) continue;
    golden_count++;
    int found = 0;
    for (int i = 0; i < case_count && !found; i++) {
      if (strcmp(case_names[i], name) != 0) continue;
      found = 1;
      for (int level = 0; level < level_count; level++) {
        if (case_hashes[i][level] == expected) continue;
        printf("FAIL %s: %s %016" PRIx64 " != golden %016" PRIx64 "\n", name, level_name(level), case_hashes[i][level],
               expected);
        failures++;
      }
      if (found) matched++;
    }
    if (!found) printf("FAIL %s: in the golden file, not computed here\n", name), failures++;
  }
  fclose(golden);
  if (golden_count != case_count) printf("FAIL %d cases computed, %d in the golden file\n", case_count, golden_count), failures++;
  printf("levels:");
  for (int level = 0; level < level_count; level++)
    printf(" %s (philox normal f32 %.1f M values/s)", level_name(level), philox_normal_f32_rate(level));
  printf("\n%s: %d cases x %d levels, %d matched the golden hashes, %d failures\n", failures ? "FAIL" : "PASS",
         case_count, level_count, matched, failures);
  return failures ? 1 : 0;
}
