/*
 * The encoder: nghttp2's HPACK deflater, one JNI call per header block.
 *
 * Java marshals the whole header list into |in| (native byte order), and this side points an
 * nghttp2_nv at each field in place, so nothing is copied on the way in:
 *
 *   +---------------+----------------------------------------------------------------------+
 *   | count (u32)   | count times:                                                         |
 *   +---------------+--------------+---------------+-------+-------------+----------------+
 *                   | name len u32 | value len u32 | flags | name octets | value octets   |
 *                   +--------------+---------------+-------+-------------+----------------+
 *   flags bit 0: sensitive, sent as never indexed (RFC 7541 §6.2.3, §7.1.3)
 *
 * Every length is checked against the octets actually marshalled before anything points past them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "hh_common.h"
#include "hyper_hpack_nghttp2_Nghttp2Jni.h"

#define DEFLATER_MAGIC 0x48484446u /* "HHDF" */
#define FIELD_HEADER 9u
#define STATIC_ENTRIES 61u

/* Negative results of deflate; Nghttp2Jni.DEFLATE_*. */
#define DF_BAD_INPUT (-1)
#define DF_NOMEM (-2)
#define DF_FAILED (-3)
#define DF_TOO_LARGE (-4)

typedef struct {
  uint32_t magic;
  nghttp2_hd_deflater *deflater;
  hh_buf in;
  hh_buf out;
  nghttp2_nv *nva;
  size_t nva_cap;
  /* nghttp2 refuses every later block once one failed, and so do we */
  int failed;
} hh_deflater;

static hh_deflater *deflater_of(JNIEnv *env, jlong handle) {
  hh_deflater *h = (hh_deflater *)(intptr_t)handle;
  if (h == NULL || h->magic != DEFLATER_MAGIC) {
    hh_throw(env, "java/lang/IllegalStateException", "not a live HPACK deflater");
    return NULL;
  }
  return h;
}

static int reserve_nva(hh_deflater *h, size_t count) {
  nghttp2_nv *p;
  size_t cap;
  if (count <= h->nva_cap) {
    return 0;
  }
  cap = h->nva_cap < 16 ? 16 : h->nva_cap;
  while (cap < count) {
    cap *= 2;
  }
  if (cap > HH_MAX_BUFFER / sizeof(nghttp2_nv)) {
    return -1;
  }
  p = realloc(h->nva, cap * sizeof(nghttp2_nv));
  if (p == NULL) {
    return -1;
  }
  h->nva = p;
  h->nva_cap = cap;
  return 0;
}

/* Points h->nva at the fields marshalled in in[0..length). The field count, or a DF_* code. */
static long parse_fields(hh_deflater *h, size_t length) {
  const uint8_t *in = h->in.data;
  size_t pos = 4;
  uint32_t count;
  uint32_t i;
  if (length < 4) {
    return DF_BAD_INPUT;
  }
  count = hh_load32(in);
  if (count > (length - 4) / FIELD_HEADER) { /* each field takes at least its header */
    return DF_BAD_INPUT;
  }
  if (reserve_nva(h, count) != 0) {
    return DF_NOMEM;
  }
  for (i = 0; i < count; i++) {
    size_t name_length;
    size_t value_length;
    uint8_t flags;
    if (length - pos < FIELD_HEADER) {
      return DF_BAD_INPUT;
    }
    name_length = hh_load32(in + pos);
    value_length = hh_load32(in + pos + 4);
    flags = in[pos + 8];
    pos += FIELD_HEADER;
    if (name_length > length - pos || value_length > length - pos - name_length) {
      return DF_BAD_INPUT;
    }
    h->nva[i].name = (uint8_t *)(in + pos);
    h->nva[i].namelen = name_length;
    h->nva[i].value = (uint8_t *)(in + pos + name_length);
    h->nva[i].valuelen = value_length;
    h->nva[i].flags = (flags & 1u) ? NGHTTP2_NV_FLAG_NO_INDEX : NGHTTP2_NV_FLAG_NONE;
    pos += name_length + value_length;
  }
  return pos == length ? (long)count : DF_BAD_INPUT;
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterNew(JNIEnv *env, jclass cls, jint max_table_size) {
  hh_deflater *h;
  (void)env;
  (void)cls;
  if (max_table_size < 0) {
    return 0;
  }
  h = calloc(1, sizeof *h);
  if (h == NULL) {
    return 0;
  }
  /* nghttp2 starts at 4,096 (RFC 7541 §4.2) and signals a smaller maximum in the first block */
  if (nghttp2_hd_deflate_new(&h->deflater, (size_t)max_table_size) != 0) {
    free(h);
    return 0;
  }
  if (hh_buf_reserve(&h->in, 4096) != 0 || hh_buf_reserve(&h->out, 4096) != 0) {
    nghttp2_hd_deflate_del(h->deflater);
    hh_buf_free(&h->in);
    hh_buf_free(&h->out);
    free(h);
    return 0;
  }
  h->magic = DEFLATER_MAGIC;
  hh_live_add(1);
  return (jlong)(intptr_t)h;
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterFree(JNIEnv *env, jclass cls, jlong handle) {
  hh_deflater *h = deflater_of(env, handle);
  (void)cls;
  if (h == NULL) {
    return;
  }
  h->magic = 0;
  nghttp2_hd_deflate_del(h->deflater);
  hh_buf_free(&h->in);
  hh_buf_free(&h->out);
  free(h->nva);
  free(h);
  hh_live_add(-1);
}

JNIEXPORT jboolean JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterReserveInput(JNIEnv *env, jclass cls,
                                                                                   jlong handle, jint capacity) {
  hh_deflater *h = deflater_of(env, handle);
  (void)cls;
  if (h == NULL || capacity < 0) {
    return JNI_FALSE;
  }
  return hh_buf_reserve(&h->in, (size_t)capacity) == 0 ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT jobject JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterInput(JNIEnv *env, jclass cls, jlong handle) {
  hh_deflater *h = deflater_of(env, handle);
  (void)cls;
  return h == NULL ? NULL : hh_buf_view(env, &h->in);
}

JNIEXPORT jobject JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterOutput(JNIEnv *env, jclass cls, jlong handle) {
  hh_deflater *h = deflater_of(env, handle);
  (void)cls;
  return h == NULL ? NULL : hh_buf_view(env, &h->out);
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflate(JNIEnv *env, jclass cls, jlong handle,
                                                                   jint input_length) {
  hh_deflater *h = deflater_of(env, handle);
  long count;
  size_t bound;
  ssize_t rv;
  (void)cls;
  if (h == NULL) {
    return DF_FAILED;
  }
  if (h->failed) {
    return DF_FAILED;
  }
  if (input_length < 0 || (size_t)input_length > h->in.cap) {
    return DF_BAD_INPUT;
  }
  count = parse_fields(h, (size_t)input_length);
  if (count < 0) {
    return count;
  }
  /* nghttp2 fails for good on a short buffer, so size it for the worst case first */
  bound = nghttp2_hd_deflate_bound(h->deflater, h->nva, (size_t)count);
  if (bound > HH_MAX_BUFFER) {
    return DF_TOO_LARGE;
  }
  if (hh_buf_reserve(&h->out, bound) != 0) {
    return DF_NOMEM;
  }
  rv = nghttp2_hd_deflate_hd(h->deflater, h->out.data, h->out.cap, h->nva, (size_t)count);
  if (rv < 0 || (size_t)rv > h->out.cap) {
    h->failed = 1;
    return rv == NGHTTP2_ERR_NOMEM ? DF_NOMEM : DF_FAILED;
  }
  h->out.len = (size_t)rv;
  return ((jlong)(h->out.generation & 0xffffu) << 32) | (jlong)(uint32_t)rv;
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterChangeTableSize(JNIEnv *env, jclass cls,
                                                                                  jlong handle, jint size) {
  hh_deflater *h = deflater_of(env, handle);
  (void)cls;
  if (h != NULL && size >= 0 && !h->failed) {
    /* min(size, our maximum); signalled at the start of the next block, smallest value first (§4.2) */
    if (nghttp2_hd_deflate_change_table_size(h->deflater, (size_t)size) != 0) {
      h->failed = 1;
    }
  }
}

JNIEXPORT jint JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterTableSize(JNIEnv *env, jclass cls, jlong handle) {
  hh_deflater *h = deflater_of(env, handle);
  size_t size;
  (void)cls;
  if (h == NULL) {
    return 0;
  }
  size = nghttp2_hd_deflate_get_dynamic_table_size(h->deflater);
  return size > INT32_MAX ? INT32_MAX : (jint)size;
}

JNIEXPORT jint JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_deflaterTableEntries(JNIEnv *env, jclass cls,
                                                                               jlong handle) {
  hh_deflater *h = deflater_of(env, handle);
  size_t n;
  (void)cls;
  if (h == NULL) {
    return 0;
  }
  n = nghttp2_hd_deflate_get_num_table_entries(h->deflater);
  return n > STATIC_ENTRIES ? (jint)(n - STATIC_ENTRIES) : 0;
}
