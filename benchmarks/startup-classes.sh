#!/usr/bin/env bash
# Where an application's added start-up goes, in figures that survive a busy machine: one run of
# each application of benchmarks/startup-apps.sh without and with the agent (and with BASE=earlier.jar,
# an earlier build) under -Xlog:class+load, counting the classes each variant loads on the
# application's main thread and on other threads, the agent's own (dev.faultline.*, its relocated
# libraries included) apart, how long premain took (the agent's first class to the application's
# main class), and the CPU time of the whole process. The woven-class cache is warmed by one
# unmeasured run of each variant first.
#
#   [AGENT=other.jar] [BASE=earlier.jar] benchmarks/startup-classes.sh [app ...]
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/startup-apps.sh
setup "$@"

run() { # app variant -> "<classes> <main: agent> <main: other> <others: agent> <others: other> <premain ms> <cpu ms>"
  local app=$1 variant=$2 jar=$agent
  [ "$variant" != base ] || jar=$base
  run_app "$app" -Xlog:class+load:file="$out/cl":uptime,tid $(agent_options "$variant" "$jar" "$out")
  grep -q '^first-200 ' "$out/stdout" || { echo "no HTTP 200: $app $variant" >&2; cat "$out/stderr" >&2; exit 1; }
  awk -v main="$(mainclass "$app")" '
    { t = $1; sub(/^.*\]\[/, "", t); sub(/\]$/, "", t); s = $1; sub(/^\[/, "", s); sub(/s\].*$/, "", s)
      if (NR == 1) m = t
      own = ($2 ~ /^dev\.faultline\./); n++
      if (t == m) { if (own) ma++; else mo++ } else { if (own) oa++; else oo++ }
      if (own && first == "") first = s
      if ($2 == main && at == "") at = s }
    END { p = (first == "") ? 0 : (at - first) * 1000; printf "%d %d %d %d %d %d", n, ma, mo, oa, oo, p }' "$out/cl"
  echo " $(tail -n 1 "$out/time" | awk '{ printf "%d", ($1 + $2) * 1000 }')"
}

variants=(none agent)
[ -z "$base" ] || variants+=(base)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -n 1)"
printf '%-15s %-6s %8s | %-22s | %-22s | %8s %7s\n' app variant classes "main: agent + other" "other threads: agent + other" premain CPU
for app in "${apps[@]}"; do
  for v in "${variants[@]}"; do run "$app" "$v" > /dev/null; done   # warm the cache and the file cache
  for v in "${variants[@]}"; do
    read -r n ma mo oa oo p cpu <<< "$(run "$app" "$v")"
    printf '%-15s %-6s %8d | %6d + %-13d | %6d + %-19d | %5d ms %4d ms\n' "$app" "$v" "$n" "$ma" "$mo" "$oa" "$oo" "$p" "$cpu"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
