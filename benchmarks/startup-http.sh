#!/usr/bin/env bash
# Added start-up of real applications, launch to first HTTP 200, without and with the agent, side
# by side: each round runs every variant of every application in rotating order, so all see the
# same machine load. The applications are those of benchmarks/startup-apps.sh.
# Prints per application the median launch-to-200 ms and the median CPU seconds (user + sys, whole
# process, which moves less than wall time when other processes share the machine), with the
# spread (min..max) of each so the noise is visible, and the median and quartiles of the same
# round's difference (agent - none), which a drift of the machine's load over the run moves less.
# Needs `mvn -B -DskipTests package`.
#
#   [AGENT=other.jar] [BASE=earlier.jar] benchmarks/startup-http.sh [runs] [app ...]   (default: 7 runs, all apps)
#
# BASE=earlier.jar adds a third variant, an earlier build, in the same rounds.
#
# The agent gets its default settings and a MongoDB URI where nothing listens: the figure is what
# the application pays, not how fast MongoDB answers.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/startup-apps.sh
runs=${1:-7}
shift || true
setup "$@"

# One run: appends "<ms to first 200> <cpu ms>" to $out/<app>.<variant>.
run() {
  local app=$1 variant=$2 start jar=$agent
  [ "$variant" != base ] || jar=$base
  start=$(date +%s%3N)
  run_app "$app" $(agent_options "$variant" "$jar" "$out")
  local at
  at=$(awk '$1 == "first-200" { print $2 }' "$out/stdout")
  [ -n "$at" ] || { echo "no HTTP 200: $app $variant" >&2; cat "$out/stderr" >&2; exit 1; }
  echo "$(( at - start )) $(tail -n 1 "$out/time" | awk '{ printf "%d", ($1 + $2) * 1000 }')" >> "$out/$app.$variant"
}

stat() { # file column -> "median (min..max)"
  sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%d (%d..%d)", m, v[1], v[NR] }'
}
med() { sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The same round's difference, agent - none, per round (the rounds see the same load): its median and quartiles.
paired() { paste -d' ' "$1" "$2" | awk '{ print $1 - $3 }' | sort -n | awk '{ v[NR] = $1 } END {
  printf "%+d ms (quartiles %+d..%+d)", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[int((NR + 3) / 4)], v[int((3 * NR + 3) / 4)] }'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1); $(nproc) cores"
variants=(none agent)
[ -z "$base" ] || variants+=(base)
for app in "${apps[@]}"; do for v in "${variants[@]}"; do run "$app" "$v"; : > "$out/$app.$v"; done; done   # warm the file cache
for i in $(seq 0 $((runs - 1))); do
  for app in "${apps[@]}"; do
    for k in "${!variants[@]}"; do run "$app" "${variants[$(( (i + k) % ${#variants[@]} ))]}"; done
  done
done
printf '%-16s %4s | %-20s %-20s %7s | %-20s %-20s %7s\n' "median (min..max)" runs "none: ms to 200" "agent: ms to 200" added "none: CPU ms" "agent: CPU ms" added
for app in "${apps[@]}"; do
  printf '%-16s %4d | %-20s %-20s %+7d | %-20s %-20s %+7d\n' "$app" "$runs" \
    "$(stat "$out/$app.none" 1)" "$(stat "$out/$app.agent" 1)" $(( $(med "$out/$app.agent" 1) - $(med "$out/$app.none" 1) )) \
    "$(stat "$out/$app.none" 2)" "$(stat "$out/$app.agent" 2)" $(( $(med "$out/$app.agent" 2) - $(med "$out/$app.none" 2) ))
  printf '%-16s %4s | paired, ms to 200 added in the same round: %s\n' "" "" "$(paired "$out/$app.agent" "$out/$app.none")"
  if [ -n "$base" ]; then
    printf '%-16s %4s | %-20s %-20s %+7d | %-20s %-20s %+7d   <- BASE=%s\n' "" "" "" "$(stat "$out/$app.base" 1)" \
      $(( $(med "$out/$app.base" 1) - $(med "$out/$app.none" 1) )) "" "$(stat "$out/$app.base" 2)" \
      $(( $(med "$out/$app.base" 2) - $(med "$out/$app.none" 2) )) "$base"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
