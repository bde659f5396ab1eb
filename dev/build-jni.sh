#!/bin/sh
# The build of a JNI library that a hyper module packs in its jar, shared by hyper.hpack.native and
# hyper.tls.openssl. Each module's src/main/c/build-native.sh sets what differs and sources this file; Maven runs
# that script (exec-maven-plugin, process-classes) after javac -h wrote the JNI header:
#
#   build-native.sh JAVA_HOME JNI_HEADER_DIR OUTPUT_DIR OBJECT_DIR
#
# The sourcing script sets: module (JPMS name, for messages), library (file name), jni_header (javac -h's file),
# requires (C lines that must preprocess: the system headers needed), requires_package (the Debian package that
# has them), sources (C files beside the script), libs (linker flags) and, optionally, built_against (a command whose
# output says what was linked).
#
# Without a C compiler, the JNI headers or the system headers it builds nothing, says so plainly, records the
# reason in OBJECT_DIR/SKIPPED (the module's tests read it and fail, saying why) and exits 0: the Java module is
# built anyway and its provider reports itself unavailable. A compile error in our own sources fails the build.
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
  echo "$module: native library NOT built: $1"
  echo "$1" > "$obj_dir/SKIPPED"
  rm -f "$out_dir/$library" # never ship a stale library next to fresh classes
  exit 0
}

platform="$(uname -s)-$(uname -m)"
[ "$platform" = "Linux-x86_64" ] || skip "this is $platform; the library is built for Linux-x86_64 only"
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler '$cc' on the PATH (apt-get install gcc)"
[ -f "$java_home/include/jni.h" ] || skip "no JNI headers in $java_home/include (build with a full JDK)"
printf '%s\n' "$requires" | "$cc" -E -x c - >/dev/null 2>&1 \
  || skip "the headers of $requires_package are missing (apt-get install $requires_package)"
[ -f "$header_dir/$jni_header" ] || {
  echo "$module: $header_dir/$jni_header is missing (javac -h did not run?)" >&2
  exit 1
}

mkdir -p "$out_dir"
files=""
for f in $sources; do
  files="$files $src_dir/$f"
done
# -z now: a system library lacking a symbol fails System.load (a clean "unavailable") instead of crashing at the
# first call. Hidden visibility: only the JNI functions are exported.
# shellcheck disable=SC2086
"$cc" -std=c11 -D_GNU_SOURCE -O2 -fPIC -shared -fvisibility=hidden \
  -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes \
  -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
  -I"$java_home/include" -I"$java_home/include/linux" -I"$header_dir" \
  -o "$out_dir/$library" $files \
  -Wl,-z,now -Wl,-z,relro -Wl,--no-undefined $libs

echo "$module: built native/linux-x86_64/$library${built_against:+ against $(eval "$built_against" 2>/dev/null)}"
