#!/usr/bin/env bash
# A restart after an outage: the Spring Boot Logback fat jar (examples/spring-boot-logback) runs
# once with MongoDB away, fails one request and is stopped, which leaves its spool file (the
# error and the last agent_health report); then it starts again on that spool. Prints, per agent
# build and round, launch to first HTTP 200 of the restart and how many of the agent's MongoDB
# driver and BSON classes the restart had loaded by then (the client made during the
# application's start-up loads about 600). Builds run side by side in rotating rounds.
# Needs `mvn -B -DskipTests package`.
#
#   [ROUNDS=4] benchmarks/startup-after-outage.sh agent.jar [other-agent.jar ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/startup-apps.sh
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

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1); $(nproc) cores"
for r in $(seq 1 "${ROUNDS:-4}"); do
  for k in "${!jars[@]}"; do
    jar=${jars[$(( (r + k) % ${#jars[@]} ))]}
    spool=$(mktemp -d "$out/spool.XXXX")
    tmp=$(mktemp -d "$out/tmp.XXXX")
    opts="-Djava.io.tmpdir=$tmp -javaagent:$jar -Dfaultline.service=startup -Dfaultline.mongo.uri=mongodb://127.0.0.1:1 -Dfaultline.shutdown.timeout=1s -Dfaultline.spool.dir=$spool"
    outage_run $opts
    left=$(ls "$spool" | wc -l)
    start=$(date +%s%3N)
    run_app boot-logback $opts -Xlog:class+load:file="$out/classes.txt"
    at=$(awk '$1 == "first-200" { print $2 }' "$out/stdout")
    driver=$(grep -c 'dev\.faultline\.shaded\.\(com\.mongodb\|org\.bson\)' "$out/classes.txt" || true)
    printf 'round %d %-32s left spool files %d  restart: ms to first 200 %5d, driver classes loaded by then %4d\n' \
      "$r" "$jar" "$left" $(( at - start )) "$driver"
  done
done
