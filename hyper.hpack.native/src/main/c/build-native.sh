#!/bin/sh
# Builds libhyperhpack.so, the JNI side of hyper.hpack.nghttp2, into the module's classes so it lands
# in the jar. Run by Maven (exec-maven-plugin, process-classes) after javac -h wrote the JNI header.
#
#   build-native.sh JAVA_HOME JNI_HEADER_DIR OUTPUT_DIR OBJECT_DIR
#
# Without a C compiler, the JNI headers or libnghttp2-dev it builds nothing, says so plainly, records
# the reason in OBJECT_DIR/SKIPPED (the tests read it) and exits 0: the Java module is built anyway
# and the pure-Java codec is used. A compile error in our own sources still fails the build.
set -eu

java_home=$1
header_dir=$2
out_dir=$3
obj_dir=$4
src_dir=$(cd "$(dirname "$0")" && pwd)
cc=${CC:-gcc}

mkdir -p "$obj_dir"
rm -f "$obj_dir/SKIPPED"

skip() {
  echo "hyper.hpack.nghttp2: native library NOT built: $1"
  echo "$1" > "$obj_dir/SKIPPED"
  rm -f "$out_dir/libhyperhpack.so" # never ship a stale library next to fresh classes
  exit 0
}

platform="$(uname -s)-$(uname -m)"
[ "$platform" = "Linux-x86_64" ] || skip "this is $platform; the library is built for Linux-x86_64 only"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler '$cc' on the PATH (apt-get install gcc)"
[ -f "$java_home/include/jni.h" ] || skip "no JNI headers in $java_home/include (build with a full JDK)"
printf '#include <nghttp2/nghttp2.h>\n' | "$cc" -E -x c - >/dev/null 2>&1 \
  || skip "nghttp2/nghttp2.h not found (apt-get install libnghttp2-dev)"
[ -f "$header_dir/hyper_hpack_nghttp2_Nghttp2Jni.h" ] || {
  echo "hyper.hpack.nghttp2: $header_dir/hyper_hpack_nghttp2_Nghttp2Jni.h is missing (javac -h did not run?)" >&2
  exit 1
}

mkdir -p "$out_dir"
# -z now: a libnghttp2 lacking a symbol fails System.load (a clean "unavailable") instead of crashing
# at the first call. Hidden visibility: only the JNIEXPORT functions are exported.
"$cc" -std=c11 -D_GNU_SOURCE -O2 -fPIC -shared -fvisibility=hidden \
  -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
  -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$header_dir" \
  -o "$out_dir/libhyperhpack.so" \
  "$src_dir/hh_common.c" "$src_dir/hh_scan.c" "$src_dir/hh_inflate.c" "$src_dir/hh_deflate.c" \
  -Wl,-z,now -Wl,-z,relro -Wl,--no-undefined -lnghttp2

version=$(printf '#include <nghttp2/nghttp2ver.h>\nNGHTTP2_VERSION\n' | "$cc" -E -P -x c - 2>/dev/null | tail -n 1 | tr -d '"')
echo "hyper.hpack.nghttp2: built native/linux-x86_64/libhyperhpack.so against libnghttp2 $version"
