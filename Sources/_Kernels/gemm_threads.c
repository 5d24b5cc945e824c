// Multithreaded GEMM: C cut into blocks of whole micro-tiles along m or n (never k, so every element is
// computed exactly as single-threaded), run by the caller and a pool of persistent workers.
//
// The pool is built for many small products in a row (a training step is dozens of 256³ GEMMs): a
// worker spins for up to SPIN_NS after its last job before sleeping on a condition variable, so a job
// that follows within that time starts on every thread within a microsecond, where waking a sleeping
// thread costs tens. The spin is short because the cores are needed between products (by the caller's
// elementwise loops, which `Parallel.forEachChunk` also runs on this pool, and by other programs): on 2 cores a 200 µs spin made a 2-thread training step 30–50 %
// slower, 0–50 µs did not; yielding the core while spinning lost it for a whole time slice.
// One job runs at a time; a caller that finds the pool busy (another thread's GEMM) runs its blocks
// itself. A job's parts are claimed with one 64-bit atomic holding (generation, next part): the caller
// first closes the ticket under a new generation, then writes the job, then opens it under the next
// one, so a late worker can never claim a part of a job it has not fully seen.
#include "nninit_kernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

enum { MAX_WORKERS = 255, SPIN_NS = 20000 };
static const uint64_t CLOSED = 0xFFFFFFFFu;  // a `next part` no job reaches

static struct {
  void (*task)(const void *context, size_t part);
  const void *context;
  _Atomic size_t parts, helpers;   // the job: parts, and how many workers may join it (read by late
                                   // workers as a job is written, hence atomic; stale values fail the CAS)
  _Atomic uint64_t ticket;         // generation << 32 | next unclaimed part
  _Atomic size_t done, sleepers;   // parts finished; workers in pthread_cond_wait
  pthread_mutex_t lock, busy;      // `lock` guards sleeping, `busy` admits one job at a time
  pthread_cond_t wake;
  size_t workers;                  // started (never stopped)
} pool = {.lock = PTHREAD_MUTEX_INITIALIZER, .busy = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static uint64_t nanoseconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

/// Claims and runs parts of generation `generation` until none is left; `helper` 0 is the caller,
/// worker i is helper i + 1 and joins only if the job admits that many.
static void run_parts(uint32_t generation, size_t helper) {
  uint64_t ticket = atomic_load(&pool.ticket);
  for (;;) {
    if ((uint32_t)(ticket >> 32) != generation || helper > atomic_load_explicit(&pool.helpers, memory_order_relaxed) ||
        (ticket & 0xFFFFFFFFu) >= atomic_load_explicit(&pool.parts, memory_order_relaxed))
      return;
    if (!atomic_compare_exchange_weak(&pool.ticket, &ticket, ticket + 1)) continue;
    pool.task(pool.context, (size_t)(ticket & 0xFFFFFFFFu));
    atomic_fetch_add(&pool.done, 1);
    ticket = atomic_load(&pool.ticket);
  }
}

static void *worker(void *argument) {
  size_t index = (size_t)(uintptr_t)argument;
  uint32_t seen = (uint32_t)(atomic_load(&pool.ticket) >> 32);
  for (;;) {
    uint64_t start = nanoseconds();
    uint32_t generation;
    for (unsigned spins = 1;; spins++) {  // spin, then sleep until the generation changes
      if ((generation = (uint32_t)(atomic_load(&pool.ticket) >> 32)) != seen) break;
      relax();
      if (spins % 256 == 0 && nanoseconds() - start > SPIN_NS) {
        pthread_mutex_lock(&pool.lock);
        atomic_fetch_add(&pool.sleepers, 1);
        while ((generation = (uint32_t)(atomic_load(&pool.ticket) >> 32)) == seen)
          pthread_cond_wait(&pool.wake, &pool.lock);
        atomic_fetch_sub(&pool.sleepers, 1);
        pthread_mutex_unlock(&pool.lock);
        break;
      }
    }
    seen = generation;
    run_parts(generation, index + 1);
  }
  return NULL;
}

void nninit_pool_run(int threads, size_t parts, void (*task)(const void *context, size_t part), const void *context) {
  size_t helpers = threads > 1 ? (size_t)threads - 1 : 0;
  if (helpers > parts - 1) helpers = parts - 1;
  if (helpers > MAX_WORKERS) helpers = MAX_WORKERS;
  if (helpers == 0 || pthread_mutex_trylock(&pool.busy) != 0) {
    for (size_t p = 0; p < parts; p++) task(context, p);
    return;
  }
  while (pool.workers < helpers) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    int failed = pthread_create(&thread, &attributes, worker, (void *)(uintptr_t)pool.workers);
    pthread_attr_destroy(&attributes);
    if (failed) break;
    pool.workers++;
  }
  if (helpers > pool.workers) helpers = pool.workers;
  uint32_t generation = (uint32_t)(atomic_load(&pool.ticket) >> 32) + 1;
  atomic_store(&pool.ticket, (uint64_t)generation << 32 | CLOSED);
  pool.task = task, pool.context = context;
  atomic_store_explicit(&pool.parts, parts, memory_order_relaxed);
  atomic_store_explicit(&pool.helpers, helpers, memory_order_relaxed);
  atomic_store(&pool.done, 0);
  atomic_store(&pool.ticket, (uint64_t)++generation << 32);  // publishes the job
  if (atomic_load(&pool.sleepers) > 0) {
    pthread_mutex_lock(&pool.lock);
    pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.lock);
  }
  run_parts(generation, 0);
  uint64_t start = nanoseconds();  // the last parts are running elsewhere: spin, then yield the CPU
  for (unsigned spins = 1; atomic_load(&pool.done) < parts; spins++)
    if (spins % 256 == 0 && nanoseconds() - start > SPIN_NS) sched_yield();
    else relax();
  pthread_mutex_unlock(&pool.busy);
}

// ---- The split: `parts` blocks of whole micro-tiles along the rows of C when m ≥ n (each thread then
// packs all of B), else along the columns — unless that side has fewer tiles than wanted. ------------

#define THREADED_GEMM(S, T)                                                                                   \
  typedef struct {                                                                                            \
    const nninit_##S##gemm_isa *isa;                                                                          \
    int trans_a, trans_b, split_rows;                                                                         \
    size_t m, n, k, lda, ldb, ldc, parts;                                                                     \
    T alpha, beta;                                                                                            \
    const T *a, *b;                                                                                           \
    T *c;                                                                                                     \
  } S##_job;                                                                                                  \
  static void S##_part(const void *context, size_t part) {                                                    \
    const S##_job *j = context;                                                                               \
    size_t size = j->split_rows ? j->m : j->n, tile = j->split_rows ? j->isa->mr : j->isa->nr;               \
    size_t panels = (size + tile - 1) / tile, start = part * panels / j->parts * tile;                        \
    size_t end = (part + 1) * panels / j->parts * tile;                                                       \
    if (end > size) end = size;                                                                               \
    if (start >= end) return;                                                                                 \
    if (j->split_rows)                                                                                        \
      j->isa->run(j->isa, j->trans_a, j->trans_b, end - start, j->n, j->k, j->alpha,                         \
                  j->trans_a ? j->a + start : j->a + start * j->lda, j->lda, j->b, j->ldb, j->beta,            \
                  j->c + start * j->ldc, j->ldc);                                                             \
    else                                                                                                      \
      j->isa->run(j->isa, j->trans_a, j->trans_b, j->m, end - start, j->k, j->alpha, j->a, j->lda,           \
                  j->trans_b ? j->b + start * j->ldb : j->b + start, j->ldb, j->beta, j->c + start, j->ldc);  \
  }                                                                                                           \
  void nninit_##S##gemm_threaded(int threads, size_t parts, int trans_a, int trans_b, size_t m, size_t n,     \
                                 size_t k, T alpha, const T *a, size_t lda, const T *b, size_t ldb, T beta,   \
                                 T *c, size_t ldc) {                                                          \
    const nninit_##S##gemm_isa *isa = nninit_##S##gemm_active();                                             \
    if (m == 0 || n == 0) return;                                                                             \
    size_t wanted = parts ? parts : (m * n * (k ? k : 1)) >> 18;                                              \
    if (!parts && wanted > (size_t)(threads > 1 ? threads : 1)) wanted = (size_t)(threads > 1 ? threads : 1); \
    size_t row_panels = (m + isa->mr - 1) / isa->mr, column_panels = (n + isa->nr - 1) / isa->nr;             \
    size_t fewer = wanted < column_panels ? wanted : column_panels;                                           \
    int split_rows = m >= n ? row_panels >= fewer : column_panels < (wanted < row_panels ? wanted : row_panels); \
    size_t panels = split_rows ? row_panels : column_panels, count = wanted < panels ? wanted : panels;       \
    S##_job job = {isa, trans_a, trans_b, split_rows, m, n, k, lda, ldb, ldc, count ? count : 1,              \
                   alpha, beta, a, b, c};                                                                     \
    if (job.parts == 1) return isa->run(isa, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc); \
    nninit_pool_run(threads, job.parts, S##_part, &job);                                                      \
  }
THREADED_GEMM(s, float)
THREADED_GEMM(d, double)
