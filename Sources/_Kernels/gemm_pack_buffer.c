// The GEMM's pack buffers (`nninit_gemm_pack_buffer`): per thread, 64-byte aligned, grown on demand,
// freed when the thread exits. Used by the driver of every ISA (gemm_driver-inl.h); calls no kernel.
#include "nninit_kernels.h"
#include <pthread.h>
#include <stdlib.h>

typedef struct {
  void *data;
  size_t size;
} pack_slot;

static _Thread_local pack_slot slots[4];
static pthread_key_t slots_key;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static void free_slots(void *value) {
  pack_slot *s = value;
  for (int i = 0; i < 4; i++) free(s[i].data), s[i].data = NULL, s[i].size = 0;
}
static void make_slots_key(void) { pthread_key_create(&slots_key, free_slots); }

void *nninit_gemm_pack_buffer(int index, size_t size) {
  pack_slot *slot = &slots[index];
  if (slot->size >= size) return slot->data;
  pthread_once(&slots_once, make_slots_key);
  pthread_setspecific(slots_key, slots);
  free(slot->data);
  slot->data = NULL, slot->size = 0;
  if (posix_memalign(&slot->data, 64, size) != 0) return slot->data = NULL;
  slot->size = size;
  return slot->data;
}
