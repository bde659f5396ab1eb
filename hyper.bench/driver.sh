#!/usr/bin/env bash
# Builds hyper.bench in the reactor (never `mvn install`) and runs the peer driver with the given options, e.g.
#   hyper.bench/driver.sh --smoke
#   hyper.bench/driver.sh --servers h2o --workloads small --jdk /usr/lib/jvm/temurin-25-jdk-amd64
# JAVA picks the launching JVM; JAVA_OPTS adds JVM options (also passed on to --jdk runs), e.g. JFR:
#   JAVA_OPTS="-XX:StartFlightRecording=filename=driver.jfr,settings=profile" hyper.bench/driver.sh ...
set -euo pipefail
cd "$(dirname "$0")/.."
# one invocation: on a machine whose local repository has no hyper snapshot installed, build-classpath needs the
# reactor's modules packaged in the same session
mvn -B -q -pl hyper.bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=cp.txt \
    -Dmdep.excludeGroupIds=io.hyper
# hyper.tls.openssl: for the OpenSSL rows (the JSSE rows name their provider)
CP=hyper.bench/target/classes:hyper.api/target/classes:hyper.impl/target/classes:hyper.httpbin/target/classes:hyper.tls.openssl/target/classes:$(cat hyper.bench/cp.txt)
# a fixed, pre-touched heap: the driver runs System.gc() before each round, after which G1 would shrink a growable
# heap and the next round would fault its pages in again; on this VM that doubled hyper async's CPU per request
exec "${JAVA:-java}" -Xms2g -Xmx2g -XX:+AlwaysPreTouch ${JAVA_OPTS:-} -cp "$CP" hyper.bench.driver.PeerDriver "$@"
