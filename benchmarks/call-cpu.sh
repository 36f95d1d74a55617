#!/usr/bin/env bash
# The application thread's own CPU time and allocation per log call (benchmarks/.../CallCpu), with
# no agent, an empty agent, Faultline and Faultline with its breadcrumbs off, for each framework and call, the
# variants one after the other in one run. CPU time per thread survives a shared machine better
# than JMH's wall clock (docs/BENCHMARKS.md). MongoDB unreachable: the writer spools, as in an
# outage (what the writer does to the application thread's tail: benchmarks/.../CallLatency).
#
#   benchmarks/call-cpu.sh [frameworks] [calls]
#     frameworks: default "logback log4j2 log4j2-async jul"
#     calls:      default "debug info error-exception error error-deep suppressed"
#   ROUNDS=7 AGENT=agent/target/faultline-agent.jar BEFORE=/tmp/earlier.jar (one more variant)
#
# Needs `mvn -B -q -DskipTests package` first. About 10 s per line; never run by mvn verify.
set -euo pipefail
cd "$(dirname "$0")/.."
frameworks=${1:-logback log4j2 log4j2-async jul}
calls=${2:-debug info error-exception error error-deep suppressed}
agent=${AGENT:-agent/target/faultline-agent.jar}
spool=$(mktemp -d)
trap 'rm -rf "$spool"' EXIT
common="-Dfaultline.mongo.uri=mongodb://127.0.0.1:9 -Dfaultline.spool.dir=$spool -Dfaultline.app-packages=com.example,dev.faultline.bench"
# Storms off: one call in a loop is a storm of one key, whose shed path is cheaper than an occurrence.
unshed="-Dfaultline.storm.keep-per-window=1000000"
# An agent whose premain returns at once: what the JVM itself charges for any -javaagent.
mkdir -p "$spool/e"
echo 'package e; public class Empty { public static void premain(String a, java.lang.instrument.Instrumentation i) { } }' > "$spool/e/Empty.java"
javac --release 11 -d "$spool" "$spool/e/Empty.java"
printf 'Premain-Class: e.Empty\nCan-Retransform-Classes: true\n' > "$spool/manifest.txt"
jar cfm "$spool/empty.jar" "$spool/manifest.txt" -C "$spool" e/Empty.class
variants=("none|" "empty-agent|-javaagent:$spool/empty.jar" "faultline|-javaagent:$agent $common $unshed" "no-crumbs|-javaagent:$agent $common $unshed -Dfaultline.breadcrumbs.size=0")
if [ -n "${BEFORE:-}" ]; then
  variants+=("before|-javaagent:$BEFORE $common $unshed")
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | sed -n 2p)"
printf '%-13s %-16s' framework call
for v in "${variants[@]}"; do printf ' | %-22s' "${v%%|*} ns, B"; done
echo
for fw in $frameworks; do
  for call in $calls; do
    printf '%-13s %-16s' "$fw" "$call"
    for v in "${variants[@]}"; do
      # shellcheck disable=SC2086
      line=$(java ${v#*|} -Dbench.framework="$fw" -Dbench.call="$call" -Drounds="${ROUNDS:-7}" \
        -cp benchmarks/target/benchmarks.jar dev.faultline.bench.CallCpu 2>/dev/null | grep ' ns CPU' || echo 'failed')
      printf ' | %-22s' "$(echo "$line" | sed -E 's/.*: ([0-9.]+) ns CPU \(min ([0-9.]+).*, ([0-9.]+) bytes.*/\1 (min \2), \3/')"
    done
    echo
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
