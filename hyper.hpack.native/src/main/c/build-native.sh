#!/bin/sh
# Builds libhyperhpack.so, the JNI side of hyper.hpack.nghttp2, into the module's classes so it lands in the jar:
# dev/build-jni.sh does it (arguments and behaviour there); without gcc or libnghttp2-dev nothing is built and the
# pure-Java codec is used.
module=hyper.hpack.nghttp2
library=libhyperhpack.so
jni_header=hyper_hpack_nghttp2_Nghttp2Jni.h
requires='#include <nghttp2/nghttp2.h>'
requires_package=libnghttp2-dev
sources="hh_common.c hh_scan.c hh_inflate.c hh_deflate.c"
libs=-lnghttp2
built_against="printf '#include <nghttp2/nghttp2ver.h>\nNGHTTP2_VERSION\n' | \${CC:-gcc} -E -P -x c - | tail -n 1 | tr -d '\"' | sed 's/^/libnghttp2 /'"
. "$(cd "$(dirname "$0")/../../../.." && pwd)/dev/build-jni.sh"
