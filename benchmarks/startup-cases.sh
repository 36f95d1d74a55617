#!/usr/bin/env bash
# Two starts of the Spring Boot Logback fat jar (examples/spring-boot-logback) that the other
# start-up scripts do not cover, per agent build and round, builds side by side in rotating rounds:
#
#   after-outage   a restart after a run that ended while MongoDB was away: that run fails one
#                  request and is stopped, leaving its spool file (the error and the last
#                  agent_health report). Prints launch to first HTTP 200 of the restart and how
#                  many of the agent's MongoDB driver and BSON classes it had loaded by then (a
#                  client made during the application's start-up loads about 600).
#   no-cache-dir   a start whose woven-class cache directory may not be used (made open to
#                  others here; a read-only root file system in a container). Prints launch to
#                  first HTTP 200 and the classes woven on the application's main thread with the
#                  milliseconds it spent weaving them (from debug=true).
#
# Needs `mvn -B -DskipTests package`.
#
#   [ROUNDS=4] benchmarks/startup-cases.sh after-outage|no-cache-dir agent.jar [other-agent.jar ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/startup-apps.sh
case=${1:?after-outage or no-cache-dir}
shift
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=(agent/target/faultline-agent.jar)
setup boot-logback

# The run during the outage: started, one failed request, stopped once the writer has met the
# outage (its warning "cannot write to MongoDB"), which leaves the spool.
outage_run() { # options...
  java "$@" $(launch boot-logback) > "$out/first.out" 2>&1 &
  local pid=$! port="" i
  for i in $(seq 1 600); do
    port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$out/first.out" | head -n 1)
    [ -z "$port" ] || break
    sleep 0.1
  done
  curl -s -o /dev/null "http://127.0.0.1:$port/orders/1" || true
  for i in $(seq 1 100); do
    ! grep -q "cannot write to MongoDB" "$out/first.out" || break
    sleep 0.1
  done
  kill "$pid"
  wait "$pid" || true
}

echo "$case; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1); $(nproc) cores"
for r in $(seq 1 "${ROUNDS:-4}"); do
  for k in "${!jars[@]}"; do
    jar=${jars[$(( (r + k) % ${#jars[@]} ))]}
    tmp=$(mktemp -d "$out/tmp.XXXX")
    opts="-Djava.io.tmpdir=$tmp -javaagent:$jar -Dfaultline.service=startup -Dfaultline.mongo.uri=mongodb://127.0.0.1:1 -Dfaultline.shutdown.timeout=1s -Dfaultline.spool.dir=$tmp/spool"
    if [ "$case" = after-outage ]; then
      outage_run $opts
      left=$(ls "$tmp/spool" | wc -l)
      start=$(date +%s%3N)
      run_app boot-logback $opts -Xlog:class+load:file="$out/classes.txt"
      at=$(awk '$1 == "first-200" { print $2 }' "$out/stdout")
      driver=$(grep -c 'dev\.faultline\.shaded\.\(com\.mongodb\|org\.bson\)' "$out/classes.txt" || true)
      printf 'round %d %-32s left spool files %d  restart: ms to first 200 %5d, driver classes loaded by then %4d\n' \
        "$r" "$jar" "$left" $(( at - start )) "$driver"
    else
      mkdir -m 777 "$tmp/faultline-woven-$(whoami)"
      start=$(date +%s%3N)
      run_app boot-logback $opts -Dfaultline.debug=true
      at=$(awk '$1 == "first-200" { print $2 }' "$out/stdout")
      woven=$(grep -o "instrumented [^ ]* in [0-9]* ms on main" "$out/stderr" || true)
      printf 'round %d %-32s ms to first 200 %5d, classes woven on main %d in %4d ms\n' "$r" "$jar" $(( at - start )) \
        "$(grep -c . <<< "$woven" || true)" "$(awk '{ s += $(NF - 3) } END { print s + 0 }' <<< "$woven")"
    fi
  done
done
