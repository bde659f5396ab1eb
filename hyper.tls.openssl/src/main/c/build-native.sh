#!/bin/sh
# Builds libhypertls.so, the JNI side of hyper.tls.openssl, into the module's classes so it lands in the jar:
# dev/build-jni.sh does it (arguments and behaviour there); without gcc or libssl-dev nothing is built and hyper
# keeps JSSE.
module=hyper.tls.openssl
library=libhypertls.so
jni_header=hyper_tls_openssl_OpenSslJni.h
requires='#include <openssl/ssl.h>
#if OPENSSL_VERSION_NUMBER < 0x30000000L
#error OpenSSL 3 is needed
#endif'
requires_package=libssl-dev
sources=ht_tls.c
libs="-lssl -lcrypto"
built_against="openssl version"
. "$(cd "$(dirname "$0")/../../../.." && pwd)/dev/build-jni.sh"
