/*
 * libhyperhpack: the JNI side of hyper.hpack.nghttp2, an HPACK (RFC 7541) codec backed by
 * libnghttp2's nghttp2_hd_deflate_* and nghttp2_hd_inflate_* functions.
 *
 * Shared by hh_common.c, hh_scan.c, hh_inflate.c and hh_deflate.c.
 */
#ifndef HH_COMMON_H
#define HH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <jni.h>
#include <nghttp2/nghttp2.h>

/* Must equal Nghttp2Jni.ABI_VERSION: a library from another build is refused, not trusted. */
#define HH_ABI_VERSION 1

/* Largest buffer we ever hand to Java: a ByteBuffer's capacity is an int. */
#define HH_MAX_BUFFER ((size_t)1 << 30)

/*
 * Why a header block was refused. Numbered like hyper.api.HpackDecodingException.Reason, mapped by
 * Nghttp2Decoder.reasonOf; HH_NOMEM is not a decoding error and becomes OutOfMemoryError.
 */
enum hh_reason {
  HH_OK = 0,
  HH_INTEGER_OVERFLOW = 1,
  HH_INVALID_INDEX = 2,
  HH_INVALID_HUFFMAN = 3,
  HH_TABLE_SIZE_UPDATE_TOO_LARGE = 4,
  HH_TABLE_SIZE_UPDATE_MISPLACED = 5,
  HH_TABLE_SIZE_UPDATE_MISSING = 6,
  HH_TRUNCATED_BLOCK = 7,
  HH_STRING_TOO_LONG = 8,
  HH_HEADER_LIST_TOO_LARGE = 9,
  HH_TOO_MANY_FIELDS = 10,
  HH_NOMEM = 20
};

/* A growable octet buffer owned by C; Java reads or writes it through a direct ByteBuffer view. */
typedef struct {
  uint8_t *data;
  size_t cap;
  size_t len;
  /* bumped whenever data may have moved, so Java knows its view is stale */
  uint32_t generation;
} hh_buf;

/* Makes room for at least |need| octets, keeping the contents. 0, or -1 when over HH_MAX_BUFFER or out of memory. */
int hh_buf_reserve(hh_buf *b, size_t need);

void hh_buf_free(hh_buf *b);

/* Throws a new |class_name| (e.g. "java/lang/IllegalStateException"); the caller then returns at once. */
void hh_throw(JNIEnv *env, const char *class_name, const char *message);

/* A ByteBuffer over the whole capacity of |b|, or NULL with a Java exception pending. */
jobject hh_buf_view(JNIEnv *env, hh_buf *b);

/* Counts deflaters and inflaters alive, process-wide (Nghttp2Jni.liveHandles). */
void hh_live_add(long delta);

/* Native-endian 32-bit loads and stores at any alignment; Java uses ByteOrder.nativeOrder(). */
uint32_t hh_load32(const uint8_t *p);
void hh_store32(uint8_t *p, uint32_t v);

#endif /* HH_COMMON_H */
