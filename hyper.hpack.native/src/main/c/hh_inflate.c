/*
 * The decoder: nghttp2's HPACK inflater behind hyper's limits and error reasons.
 *
 * Java copies a chunk of a header block fragment into |in| and makes one call. Here the pre-scan
 * (hh_scan.c) reads one representation ahead, nghttp2 inflates exactly that representation, and the
 * field it emits is appended to |out| as a record. nghttp2 only ever gets whole representations: one
 * cut by the end of a fragment waits in |pending| (the scan has already bounded its strings), because
 * nghttp2 judges an integer before it is complete and would report a block that merely continues in
 * the next fragment as broken. Java then reads all records of the call and hands
 * them to the listener: no upcall per field, no JNI object access on this side.
 *
 * Record, native byte order:
 *
 *   +-------+--------+-------------------+-------------------+-------------+--------------+
 *   | flags | static | name length (u32) | value length (u32)| name octets | value octets |
 *   +-------+--------+-------------------+-------------------+-------------+--------------+
 *   flags bit 0: never indexed (RFC 7541 §6.2.3). static: the name is static-table entry 1..61, sent
 *   as length 0 with no octets, so Java can share one constant per name; 0 otherwise.
 *
 * The input is untrusted network data: nothing read from it sizes a copy without a bound check, and
 * nghttp2 only ever sees the octets the scan vouched for.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "hh_common.h"
#include "hh_scan.h"
#include "hyper_hpack_nghttp2_Nghttp2Jni.h"

#define INFLATER_MAGIC 0x48484946u /* "HHIF": catches a handle that is not an inflater */
#define INPUT_CAPACITY 16384u      /* one default-sized frame; Java feeds larger fragments in chunks */
#define OUTPUT_SOFT_LIMIT 65536u   /* hand records to Java once this many octets wait, bounding memory */
#define RECORD_HEADER 10u
#define FIELD_OVERHEAD 32u /* RFC 9113 §6.5.2 and RFC 7541 §4.1 */

/* Statuses, bits 48..55 of a result; Nghttp2Jni.INFLATE_*. */
#define ST_DONE 0
#define ST_OUTPUT_FULL 1
#define ST_FATAL 2
#define ST_BLOCK_ERROR 3

typedef struct {
  uint32_t magic;
  nghttp2_hd_inflater *inflater;
  hh_scan scan;
  hh_buf in;
  hh_buf out;
  hh_buf pending;
  size_t in_len;
  size_t in_pos;
  int in_final;

  uint32_t max_list;
  uint32_t max_fields;
  uint64_t list_size; /* of the current block, as name + value + 32 per field */
  uint64_t fields;

  /* a non-fatal limit broken in the current block, reported once the block is consumed */
  int block_error;
  uint64_t block_error_value;
  uint64_t block_error_limit;
  uint64_t block_error_field;

  /* a fatal error: the context is lost for good (RFC 7541 §2.2: the tables are out of step) */
  int fatal;

  /* the error behind the last ST_FATAL or ST_BLOCK_ERROR, for Nghttp2Jni.inflaterError */
  int error;
  uint64_t error_value;
  uint64_t error_limit;
  uint64_t error_field;

  /* the table size limit nghttp2 enforces; raised only, and only between blocks (see raise_limit) */
  uint32_t nghttp2_limit;
} hh_inflater;

static hh_inflater *inflater_of(JNIEnv *env, jlong handle) {
  hh_inflater *h = (hh_inflater *)(intptr_t)handle;
  if (h == NULL || h->magic != INFLATER_MAGIC) {
    hh_throw(env, "java/lang/IllegalStateException", "not a live HPACK inflater");
    return NULL;
  }
  return h;
}

static uint32_t dynamic_entries(hh_inflater *h) {
  size_t n = nghttp2_hd_inflate_get_num_table_entries(h->inflater);
  return n > HH_STATIC_ENTRIES ? (uint32_t)(n - HH_STATIC_ENTRIES) : 0u;
}

static jlong result(hh_inflater *h, int status) {
  return ((jlong)status << 48) | ((jlong)(h->out.generation & 0xffffu) << 32) | (jlong)(uint32_t)h->out.len;
}

static jlong fatal(hh_inflater *h, int reason, uint64_t value, uint64_t limit) {
  h->fatal = 1;
  h->error = reason;
  h->error_value = value;
  h->error_limit = limit;
  h->error_field = h->fields;
  return result(h, ST_FATAL);
}

/*
 * nghttp2 refused octets the scan found well-formed. Its error code says only "compression error", so
 * name the one rule the scan does not check: Huffman data (RFC 7541 §5.2). Without a Huffman string,
 * nghttp2 and the scan disagree about the structure, and the closest reason for each kind is used.
 */
static jlong fatal_from_nghttp2(hh_inflater *h, long code) {
  if (code == NGHTTP2_ERR_NOMEM) {
    return fatal(h, HH_NOMEM, 0, 0);
  }
  if (code == NGHTTP2_ERR_BUFFER_ERROR) {
    return fatal(h, HH_STRING_TOO_LONG, 0, h->scan.max_string);
  }
  if (h->scan.kind == HK_SIZE_UPDATE) {
    return fatal(h, HH_TABLE_SIZE_UPDATE_TOO_LARGE, 0, h->scan.allowed_max);
  }
  if (h->scan.huffman) {
    return fatal(h, HH_INVALID_HUFFMAN, 0, 0);
  }
  return fatal(h, HH_INVALID_INDEX, h->scan.name_index, HH_STATIC_ENTRIES + (uint64_t)dynamic_entries(h));
}

/* Counts a field against the limits and, while none is broken, appends its record. -1 when out of memory. */
static int emit(hh_inflater *h, const nghttp2_nv *nv) {
  uint32_t static_index = h->scan.name_index <= HH_STATIC_ENTRIES ? h->scan.name_index : 0u;
  size_t name_length = static_index != 0 ? 0 : nv->namelen;
  uint8_t *r;

  h->fields++;
  h->list_size += (uint64_t)nv->namelen + nv->valuelen + FIELD_OVERHEAD;
  if (h->block_error == HH_OK) {
    if (h->fields > h->max_fields) {
      h->block_error = HH_TOO_MANY_FIELDS;
      h->block_error_value = h->fields;
      h->block_error_limit = h->max_fields;
      h->block_error_field = h->fields - 1;
    } else if (h->list_size > h->max_list) {
      h->block_error = HH_HEADER_LIST_TOO_LARGE;
      h->block_error_value = h->list_size;
      h->block_error_limit = h->max_list;
      h->block_error_field = h->fields - 1;
    }
  }
  if (h->block_error != HH_OK) {
    return 0; /* keep decoding so the table stays in step (RFC 9113 §10.5.1), deliver nothing more */
  }
  if (nv->namelen > HH_MAX_BUFFER || nv->valuelen > HH_MAX_BUFFER ||
      hh_buf_reserve(&h->out, h->out.len + RECORD_HEADER + name_length + nv->valuelen) != 0) {
    return -1;
  }
  r = h->out.data + h->out.len;
  r[0] = h->scan.kind == HK_NEVER_INDEXED ? 1u : 0u;
  r[1] = (uint8_t)static_index;
  hh_store32(r + 2, (uint32_t)name_length);
  hh_store32(r + 6, (uint32_t)nv->valuelen);
  r += RECORD_HEADER;
  if (name_length > 0) {
    memcpy(r, nv->name, name_length);
    r += name_length;
  }
  if (nv->valuelen > 0) {
    memcpy(r, nv->value, nv->valuelen);
  }
  h->out.len += RECORD_HEADER + name_length + nv->valuelen;
  return 0;
}

/*
 * Inflates p[0..n), exactly one representation. nghttp2 returns after each field it emits, so it must
 * take all n octets and emit once (a size update: never); anything else means nghttp2 and the scan
 * disagree about the structure, and the block is refused.
 */
static int feed(hh_inflater *h, const uint8_t *p, size_t n) {
  int emitted = 0;
  while (n > 0) {
    nghttp2_nv nv;
    int flags = 0;
    ssize_t rv = nghttp2_hd_inflate_hd2(h->inflater, &nv, &flags, p, n, 0);
    if (rv < 0) {
      fatal_from_nghttp2(h, (long)rv);
      return -1;
    }
    if ((size_t)rv > n || (rv == 0 && !(flags & NGHTTP2_HD_INFLATE_EMIT))) {
      fatal_from_nghttp2(h, NGHTTP2_ERR_HEADER_COMP);
      return -1;
    }
    p += rv;
    n -= (size_t)rv;
    if (flags & NGHTTP2_HD_INFLATE_EMIT) {
      if (n != 0 || emitted || h->scan.kind == HK_SIZE_UPDATE) {
        fatal_from_nghttp2(h, NGHTTP2_ERR_HEADER_COMP);
        return -1;
      }
      emitted = 1;
      if (emit(h, &nv) != 0) {
        fatal(h, HH_NOMEM, 0, 0);
        return -1;
      }
    }
  }
  if (!emitted && h->scan.kind != HK_SIZE_UPDATE) {
    fatal_from_nghttp2(h, NGHTTP2_ERR_HEADER_COMP);
    return -1;
  }
  return 0;
}

/* Keeps the octets of a representation the fragment cut, until the rest arrives. */
static int hold(hh_inflater *h, const uint8_t *p, size_t n) {
  if (hh_buf_reserve(&h->pending, h->pending.len + n) != 0) {
    return -1;
  }
  memcpy(h->pending.data + h->pending.len, p, n);
  h->pending.len += n;
  return 0;
}

/*
 * The scan enforces the table size rules, so nghttp2's own limit only has to stay at or above the
 * acknowledged one. It is never lowered: nghttp2 would shrink the table at once and demand an update
 * by its own rule (the first update at most the lowest limit), where RFC 7541 §4.2 and hyper's Java
 * decoder shrink the table when the update arrives. nghttp2 accepts a change only between blocks.
 */
static void raise_limit(hh_inflater *h) {
  uint32_t wanted = h->scan.allowed_max;
  if (wanted > h->nghttp2_limit && hh_scan_between_blocks(&h->scan) && !h->fatal &&
      nghttp2_hd_inflate_change_table_size(h->inflater, wanted) == 0) {
    h->nghttp2_limit = wanted;
  }
}

static jlong end_block(hh_inflater *h) {
  int status = ST_DONE;

  if (hh_scan_end_block(&h->scan) == HS_ERROR) {
    return fatal(h, h->scan.error, h->scan.error_value, h->scan.error_limit);
  }
  /*
   * nghttp2 has been fed whole representations only, so it stands between two of them: no final
   * in_final=1 call is needed to make it check that (it would cost a third of a small block's time).
   */
  nghttp2_hd_inflate_end_headers(h->inflater);
  raise_limit(h); /* a limit raised during the block */
  if (h->pending.cap > OUTPUT_SOFT_LIMIT) { /* a long cut literal: do not keep its memory for good */
    hh_buf_free(&h->pending);
  }
  if (h->block_error != HH_OK) {
    status = ST_BLOCK_ERROR;
    h->error = h->block_error;
    h->error_value = h->block_error_value;
    h->error_limit = h->block_error_limit;
    h->error_field = h->block_error_field;
  }
  h->block_error = HH_OK;
  h->fields = 0;
  h->list_size = 0;
  return result(h, status);
}

static jlong run(hh_inflater *h) {
  h->out.len = 0;
  if (h->fatal) {
    return result(h, ST_FATAL);
  }
  while (h->in_pos < h->in_len) {
    size_t left = h->in_len - h->in_pos;
    size_t used = 0;
    int r;
    if (h->out.len >= OUTPUT_SOFT_LIMIT) {
      return result(h, ST_OUTPUT_FULL);
    }
    r = hh_scan_step(&h->scan, h->in.data + h->in_pos, left, &used, dynamic_entries(h));
    if (r == HS_ERROR) {
      return fatal(h, h->scan.error, h->scan.error_value, h->scan.error_limit);
    }
    if (used == 0 || used > left) {
      return fatal(h, HH_TRUNCATED_BLOCK, 0, 0);
    }
    if (r == HS_PARTIAL || h->pending.len > 0) {
      if (hold(h, h->in.data + h->in_pos, used) != 0) {
        return fatal(h, HH_NOMEM, 0, 0);
      }
    }
    if (r == HS_COMPLETE) {
      int rv;
      if (h->pending.len > 0) {
        rv = feed(h, h->pending.data, h->pending.len);
        h->pending.len = 0;
      } else {
        rv = feed(h, h->in.data + h->in_pos, used);
      }
      if (rv != 0) {
        return result(h, ST_FATAL);
      }
    }
    h->in_pos += used;
  }
  if (h->in_final) {
    h->in_final = 0;
    return end_block(h);
  }
  return result(h, ST_DONE);
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterNew(JNIEnv *env, jclass cls, jint max_table_size,
                                                                       jint max_header_list_size, jint max_fields,
                                                                       jint max_string_length) {
  hh_inflater *h;
  (void)env;
  (void)cls;
  if (max_table_size < 0 || max_header_list_size < 0 || max_fields < 0 || max_string_length < 0) {
    return 0;
  }
  h = calloc(1, sizeof *h);
  if (h == NULL) {
    return 0;
  }
  if (nghttp2_hd_inflate_new(&h->inflater) != 0) {
    free(h);
    return 0;
  }
  if (hh_buf_reserve(&h->in, INPUT_CAPACITY) != 0 || hh_buf_reserve(&h->out, 4096) != 0) {
    nghttp2_hd_inflate_del(h->inflater);
    hh_buf_free(&h->in);
    hh_buf_free(&h->out);
    free(h);
    return 0;
  }
  h->magic = INFLATER_MAGIC;
  h->max_list = (uint32_t)max_header_list_size;
  h->max_fields = (uint32_t)max_fields;
  hh_scan_init(&h->scan, (uint32_t)max_string_length);
  h->nghttp2_limit = 4096; /* nghttp2's initial SETTINGS_HEADER_TABLE_SIZE, RFC 7541 §4.2 */
  hh_scan_settings(&h->scan, (uint32_t)max_table_size);
  raise_limit(h);
  hh_live_add(1);
  return (jlong)(intptr_t)h;
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterFree(JNIEnv *env, jclass cls, jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  if (h == NULL) {
    return;
  }
  h->magic = 0;
  nghttp2_hd_inflate_del(h->inflater);
  hh_buf_free(&h->in);
  hh_buf_free(&h->out);
  hh_buf_free(&h->pending);
  free(h);
  hh_live_add(-1);
}

JNIEXPORT jobject JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterInput(JNIEnv *env, jclass cls, jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  return h == NULL ? NULL : hh_buf_view(env, &h->in);
}

JNIEXPORT jobject JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterOutput(JNIEnv *env, jclass cls, jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  return h == NULL ? NULL : hh_buf_view(env, &h->out);
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflate(JNIEnv *env, jclass cls, jlong handle,
                                                                   jint input_length, jboolean end_of_block) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  if (h == NULL) {
    return 0;
  }
  if (input_length < 0 || (size_t)input_length > h->in.cap) {
    hh_throw(env, "java/lang/IllegalArgumentException", "input length out of range");
    return 0;
  }
  h->in_len = (size_t)input_length;
  h->in_pos = 0;
  h->in_final = end_of_block == JNI_TRUE;
  return run(h);
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflateResume(JNIEnv *env, jclass cls, jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  return h == NULL ? 0 : run(h);
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterError(JNIEnv *env, jclass cls, jlong handle,
                                                                        jlongArray into) {
  hh_inflater *h = inflater_of(env, handle);
  jlong details[4];
  (void)cls;
  if (h == NULL) {
    return;
  }
  if (into == NULL || (*env)->GetArrayLength(env, into) < 4) {
    hh_throw(env, "java/lang/IllegalArgumentException", "need 4 slots");
    return;
  }
  details[0] = h->error;
  details[1] = (jlong)h->error_value;
  details[2] = (jlong)h->error_limit;
  details[3] = (jlong)h->error_field;
  (*env)->SetLongArrayRegion(env, into, 0, 4, details);
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterSetMaxTableSize(JNIEnv *env, jclass cls,
                                                                                  jlong handle, jint size) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  if (h == NULL || size < 0) {
    return;
  }
  hh_scan_settings(&h->scan, (uint32_t)size);
  raise_limit(h);
}

JNIEXPORT void JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterSetMaxHeaderListSize(JNIEnv *env, jclass cls,
                                                                                       jlong handle, jint size) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  if (h != NULL && size >= 0) {
    h->max_list = (uint32_t)size;
  }
}

JNIEXPORT jint JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterTableSize(JNIEnv *env, jclass cls, jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  size_t size;
  (void)cls;
  if (h == NULL) {
    return 0;
  }
  size = nghttp2_hd_inflate_get_dynamic_table_size(h->inflater);
  return size > INT32_MAX ? INT32_MAX : (jint)size;
}

JNIEXPORT jint JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_inflaterTableEntries(JNIEnv *env, jclass cls,
                                                                               jlong handle) {
  hh_inflater *h = inflater_of(env, handle);
  (void)cls;
  return h == NULL ? 0 : (jint)dynamic_entries(h);
}
