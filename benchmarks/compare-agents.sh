#!/usr/bin/env bash
# One command for the comparison with the agents people use: the application thread's cost per
# log call (JMH, benchmarks/Compare) with no agent, Faultline, the OpenTelemetry Java agent
# (exporters off, Logback code attributes and MDC captured) and Sentry's Logback appender (its DSN
# a local port where nothing listens), then start-up (benchmarks/startup.sh). Writes the section
# between the compare-agents markers of docs/BENCHMARKS.md: machine, load, versions, figures, ratios.
# Fetches the competitors through Maven (-Pcompetitors, into benchmarks/target/competitors).
#
#   benchmarks/compare-agents.sh [jmh-regex]     (default: LogCallBenchmark|Log4j2Benchmark|JulBenchmark)
#   ROUNDS=2 FORKS=1 ITERATIONS=3 WARMUPS=2 STARTUP_RUNS=5   (the defaults; more rounds, steadier figures)
#   BEFORE=/tmp/faultline-before.jar   (optional: an earlier build as one more variant, for before/after)
#
# Takes about 4 minutes per benchmark class and round on a 2-core machine. Never run by mvn verify.
set -euo pipefail
cd "$(dirname "$0")/.."
include=${1:-'LogCallBenchmark|Log4j2Benchmark|JulBenchmark'}
mvn -B -q -DskipTests package
mvn -B -q -pl benchmarks -Pcompetitors -DskipTests package
comp=benchmarks/target/competitors
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

otel="otel=-javaagent:$comp/opentelemetry-javaagent.jar -Dotel.traces.exporter=none -Dotel.metrics.exporter=none"
otel+=" -Dotel.logs.exporter=none -Dotel.javaagent.logging=none"
otel+=" -Dotel.instrumentation.logback-appender.experimental.capture-code-attributes=true"
otel+=" -Dotel.instrumentation.logback-appender.experimental.capture-mdc-attributes=*"
# Port 9 (discard): nothing listens here, so Sentry's transport fails fast and drops, as when its server is down.
sentry="sentry=-Dbench.sentry.dsn=http://benchkey@127.0.0.1:9/1"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -Drounds="${ROUNDS:-2}" -Dforks="${FORKS:-1}" -Diterations="${ITERATIONS:-3}" -Dwarmups="${WARMUPS:-2}" \
  -Dmarkdown="$out/calls.md" \
  -cp "benchmarks/target/benchmarks.jar:$comp/sentry.jar:$comp/sentry-logback.jar" dev.faultline.bench.Compare \
  "${BEFORE:+$BEFORE,}agent/target/faultline-agent.jar,$otel,$sentry" "$include" | tee "$out/jmh.log" | grep -A40 '^benchmark (ns/op)'
benchmarks/startup.sh "${STARTUP_RUNS:-5}" "$(command -v java)" | tee "$out/startup.log"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo '<!-- compare-agents:begin (written by benchmarks/compare-agents.sh; edits here are overwritten) -->'
  echo '## Faultline beside the agents people use'
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git rev-parse --short HEAD) by \`benchmarks/compare-agents.sh '$include'\`"
  echo "(rounds ${ROUNDS:-2}, forks ${FORKS:-1}, ${WARMUPS:-2} warm-up and ${ITERATIONS:-3} measured iterations of 2 s; variants interleaved)."
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "load average $load_before before and $load_after after. $(java -version 2>&1 | sed -n 2p)."
  echo "Versions: Faultline $(git describe --always --dirty), OpenTelemetry Java agent $(unzip -p $comp/opentelemetry-javaagent.jar META-INF/MANIFEST.MF | awk -F': ' '/Implementation-Version/{print $2}' | tr -d '\r'),"
  echo "sentry-logback $(unzip -p $comp/sentry-logback.jar META-INF/MANIFEST.MF | awk -F': ' '/Implementation-Version/{print $2}' | tr -d '\r'), Logback, Log4j2 and JUL as in the benchmarks module."
  echo
  echo 'Application-thread nanoseconds per call (median of the rounds), each with what it adds and its ratio to no agent.'
  echo 'The OpenTelemetry agent and the Sentry appender hook Logback only, so their Log4j2 and JUL rows measure them idle.'
  echo
  cat "$out/calls.md"
  echo
  echo 'Start-up of a hello-world JVM (`benchmarks/startup.sh`):'
  echo
  echo '```'
  cat "$out/startup.log"
  echo '```'
  echo '<!-- compare-agents:end -->'
} > "$out/section.md"
python3 - "$out/section.md" docs/BENCHMARKS.md <<'PY'
import re, sys
section, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
pattern = re.compile(r'<!-- compare-agents:begin.*?<!-- compare-agents:end -->\n', re.S)
if pattern.search(doc):
    doc = pattern.sub(lambda m: section, doc)
else:
    head, _, rest = doc.partition('\n## ')
    doc = head + '\n' + section + '\n## ' + rest
open(sys.argv[2], 'w').write(doc)
PY
echo "written: docs/BENCHMARKS.md"
