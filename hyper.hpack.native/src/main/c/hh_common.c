/*
 * Buffers, the live-handle count and the library-level JNI functions of libhyperhpack.
 */
#include "hh_common.h"

#include <stdlib.h>
#include <string.h>

#include "hyper_hpack_nghttp2_Nghttp2Jni.h"

static long live_handles;

void hh_live_add(long delta) {
  __atomic_add_fetch(&live_handles, delta, __ATOMIC_RELAXED);
}

int hh_buf_reserve(hh_buf *b, size_t need) {
  size_t cap;
  uint8_t *p;
  if (need <= b->cap) {
    return 0;
  }
  if (need > HH_MAX_BUFFER) {
    return -1;
  }
  /* double, so a block that keeps growing costs amortised O(1) copies */
  cap = b->cap < 256 ? 256 : b->cap;
  while (cap < need) {
    cap = cap > HH_MAX_BUFFER / 2 ? HH_MAX_BUFFER : cap * 2;
  }
  p = realloc(b->data, cap);
  if (p == NULL) {
    return -1;
  }
  b->data = p;
  b->cap = cap;
  b->generation++;
  return 0;
}

void hh_buf_free(hh_buf *b) {
  free(b->data);
  b->data = NULL;
  b->cap = 0;
  b->len = 0;
}

void hh_throw(JNIEnv *env, const char *class_name, const char *message) {
  jclass c = (*env)->FindClass(env, class_name);
  if (c != NULL) { /* else FindClass left its own error (NoClassDefFoundError, OutOfMemoryError) pending */
    (*env)->ThrowNew(env, c, message);
  }
}

jobject hh_buf_view(JNIEnv *env, hh_buf *b) {
  if (b->data == NULL || b->cap > HH_MAX_BUFFER) {
    hh_throw(env, "java/lang/IllegalStateException", "native buffer missing");
    return NULL;
  }
  /* NULL with OutOfMemoryError pending when the JVM cannot make the object */
  return (*env)->NewDirectByteBuffer(env, b->data, (jlong)b->cap);
}

uint32_t hh_load32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, sizeof v);
  return v;
}

void hh_store32(uint8_t *p, uint32_t v) {
  memcpy(p, &v, sizeof v);
}

JNIEXPORT jint JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_abiVersion(JNIEnv *env, jclass cls) {
  (void)env;
  (void)cls;
  return HH_ABI_VERSION;
}

JNIEXPORT jstring JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_nghttp2Version(JNIEnv *env, jclass cls) {
  nghttp2_info *info = nghttp2_version(0);
  (void)cls;
  return (*env)->NewStringUTF(env, info != NULL && info->version_str != NULL ? info->version_str : "unknown");
}

JNIEXPORT jlong JNICALL Java_hyper_hpack_nghttp2_Nghttp2Jni_liveHandles(JNIEnv *env, jclass cls) {
  (void)env;
  (void)cls;
  return (jlong)__atomic_load_n(&live_handles, __ATOMIC_RELAXED);
}
