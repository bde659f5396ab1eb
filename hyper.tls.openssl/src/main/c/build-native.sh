#!/bin/sh
# Builds libhypertls.so, the JNI side of hyper.tls.openssl, into the module's classes so it lands in the jar.
# Run by Maven (exec-maven-plugin, process-classes) after javac -h wrote the JNI header.
#
#   build-native.sh JAVA_HOME JNI_HEADER_DIR OUTPUT_DIR OBJECT_DIR
#
# Without a C compiler, the JNI headers or libssl-dev it builds nothing, says so plainly, records the reason in
# OBJECT_DIR/SKIPPED (the tests read it and fail, saying why) and exits 0: the Java module is built anyway and
# reports itself unavailable, so hyper keeps JSSE. A compile error in our own sources still fails the build.
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
  echo "hyper.tls.openssl: native library NOT built: $1"
  echo "$1" > "$obj_dir/SKIPPED"
  rm -f "$out_dir/libhypertls.so" # never ship a stale library next to fresh classes
  exit 0
}

platform="$(uname -s)-$(uname -m)"
[ "$platform" = "Linux-x86_64" ] || skip "this is $platform; the library is built for Linux-x86_64 only"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler '$cc' on the PATH (apt-get install gcc)"
[ -f "$java_home/include/jni.h" ] || skip "no JNI headers in $java_home/include (build with a full JDK)"
printf '#include <openssl/ssl.h>\n#if OPENSSL_VERSION_NUMBER < 0x30000000L\n#error old\n#endif\n' | "$cc" -E -x c - >/dev/null 2>&1 \
  || skip "openssl/ssl.h of OpenSSL 3 not found (apt-get install libssl-dev)"
[ -f "$header_dir/hyper_tls_openssl_OpenSslJni.h" ] || {
  echo "hyper.tls.openssl: $header_dir/hyper_tls_openssl_OpenSslJni.h is missing (javac -h did not run?)" >&2
  exit 1
}

mkdir -p "$out_dir"
# -z now: a libssl lacking a symbol fails System.load (a clean "unavailable") instead of crashing at the first
# call. Hidden visibility: only the JNI functions are exported.
"$cc" -std=c11 -D_GNU_SOURCE -O2 -fPIC -shared -fvisibility=hidden \
  -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
  -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$header_dir" \
  -o "$out_dir/libhypertls.so" "$src_dir/ht_tls.c" \
  -Wl,-z,now -Wl,-z,relro -Wl,--no-undefined -lssl -lcrypto

echo "hyper.tls.openssl: built native/linux-x86_64/libhypertls.so against $(openssl version 2>/dev/null || echo libssl 3)"
