#!/usr/bin/env bash
# Builds hyper.bench and runs the HPACK benchmarks the way RESULTS.md reports them.
#   hyper.bench/run-hpack-bench.sh [OUT_DIR] [extra JMH arguments...]
# e.g. BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java hyper.bench/run-hpack-bench.sh /tmp/hpack-jdk25 HpackDecodeBenchmark
#      RUN_OPTS='-f 1 -wi 3 -w 1s -i 10 -r 500ms' hyper.bench/run-hpack-bench.sh /tmp/hpack -p codec=java,netty
# Writes OUT_DIR/hpack.txt (JMH's log), hpack.json (-rf json) and hpack.md (the tables of RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-hyper.bench/target/results}
shift || true
mkdir -p "$out"
# the JVM that runs the benchmarks (Maven builds with its own, JAVA_HOME's)
java=${BENCH_JAVA:-java}

mvn -B -q -pl hyper.bench -am package -DskipTests
"$java" -version 2>&1 | tee "$out/jdk.txt"
# Both benchmarks unless a JMH pattern is given. RUN_OPTS replaces the run length
# (default -f 1 -wi 3 -w 1s -i 5 -r 1s, which suits a shared 2-core machine).
run_opts=${RUN_OPTS:--f 1 -wi 3 -w 1s -i 5 -r 1s}
pattern='hyper\.bench\.hpack\.Hpack(Encode|Decode)Benchmark'
if [[ $# -gt 0 && $1 != -* ]]; then
    pattern=$1
    shift
fi
"$java" -jar hyper.bench/target/benchmarks.jar "$pattern" \
    $run_opts -prof gc -prof hyper.bench.hpack.CpuTimeProfiler -rf json -rff "$out/hpack.json" "$@" | tee "$out/hpack.txt"
"$java" -cp hyper.bench/target/benchmarks.jar hyper.bench.hpack.ResultsTable "$out/hpack.json" | tee "$out/hpack.md"
