#!/usr/bin/env bash
# What reading the current OpenTelemetry span costs each captured event (bootstrap/TraceContext):
# benchmarks/trace-cost/TraceCost.java run without the OpenTelemetry Java agent, with it, and with
# it after the writer thread's priming. Five rounds of 20 million calls each; the rounds show the
# noise. Needs `mvn -B -DskipTests package` first (bootstrap/target/classes).
#
#   benchmarks/trace-cost.sh [java]
set -euo pipefail
cd "$(dirname "$0")/.."
java=${1:-java}
jdk_bin=$(dirname "$(readlink -f "$(command -v "$java")")")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
[ -d bootstrap/target/classes ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
for a in io.opentelemetry:opentelemetry-api:1.62.0 io.opentelemetry:opentelemetry-context:1.62.0 \
         io.opentelemetry:opentelemetry-common:1.62.0 io.opentelemetry.javaagent:opentelemetry-javaagent:2.33.1; do
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy -Dartifact=$a -DoutputDirectory="$out/lib" -Dmdep.stripVersion=true
done
cp="bootstrap/target/classes:$out/lib/opentelemetry-api.jar:$out/lib/opentelemetry-context.jar:$out/lib/opentelemetry-common.jar"
"$jdk_bin/javac" -d "$out/classes" -cp "$cp" benchmarks/trace-cost/TraceCost.java
otel=(-javaagent:"$out/lib/opentelemetry-javaagent.jar" -Dotel.traces.exporter=none -Dotel.metrics.exporter=none
      -Dotel.logs.exporter=none -Dotel.javaagent.logging=none)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $("$java" -version 2>&1 | head -1)"
echo "== without the OpenTelemetry agent"; "$java" -cp "$out/classes:$cp" TraceCost
echo "== with the OpenTelemetry agent 2.33.1"; "$java" -Xshare:auto "${otel[@]}" -cp "$out/classes:$cp" TraceCost 2>&1 | grep -v '^OpenJDK.*Sharing'
echo "== with it, primed first"; "$java" "${otel[@]}" -cp "$out/classes:$cp" TraceCost primed 2>&1 | grep -v '^OpenJDK.*Sharing'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
