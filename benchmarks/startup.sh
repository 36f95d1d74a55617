#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world JVM (com.example.hello.Hello) run three ways, in
# rotating order each round so that all three see the same machine load:
#   none      no agent
#   empty     -javaagent with a premain that returns at once: what the JVM itself charges for
#             any agent (the java.instrument module, the module graph resolved at start-up)
#   agent     -javaagent:agent/target/faultline-agent.jar
# on each JDK given. Prints, side by side, the median wall time, CPU time (user + system, which
# moves less than wall time when other processes share the machine) and max RSS of each.
# Needs `mvn -B -DskipTests package` first.
#
#   [AGENT=other.jar] [BASE=earlier.jar] benchmarks/startup.sh [runs] [java ...]   (default: 15 runs; java on PATH and Temurin 25)
#
# The agent gets its default settings except the service name and a MongoDB URI where nothing
# listens: the figure is what the application pays at start-up, not how fast MongoDB answers.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-15}
shift || true
javas=("$@")
if [ ${#javas[@]} -eq 0 ]; then
  javas=("$(command -v java)")
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && javas+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java)
fi
agent=${AGENT:-agent/target/faultline-agent.jar}   # AGENT=other.jar measures another build
classes=examples/target/classes
[ -f "$agent" ] && [ -d "$classes" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The empty agent, built with the first JDK's tools.
jdk_bin=$(dirname "$(readlink -f "${javas[0]}")")
mkdir -p "$out/emptysrc/e"
echo 'package e; public class Empty { public static void premain(String a, java.lang.instrument.Instrumentation i) { } }' > "$out/emptysrc/e/Empty.java"
"$jdk_bin/javac" --release 11 -d "$out/emptysrc" "$out/emptysrc/e/Empty.java"
printf 'Premain-Class: e.Empty\n' > "$out/emptysrc/manifest"
"$jdk_bin/jar" cfm "$out/empty.jar" "$out/emptysrc/manifest" -C "$out/emptysrc" e/Empty.class

variants=(none empty agent)
base=${BASE:-}   # BASE=earlier.jar adds a fourth variant, interleaved in the same rounds
[ -z "$base" ] || { [ -f "$base" ] || { echo "no BASE jar at $base" >&2; exit 2; }; variants+=(base); }
options() {
  case $1 in
    none) ;;
    empty) echo "-javaagent:$out/empty.jar" ;;
    agent) echo "-javaagent:$agent -Dfaultline.service=hello -Dfaultline.mongo.uri=mongodb://127.0.0.1:1" ;;
    base) echo "-javaagent:$base -Dfaultline.service=hello -Dfaultline.mongo.uri=mongodb://127.0.0.1:1" ;;
  esac
}

# One run: appends "<wall ms> <max RSS KiB> <cpu ms>" to $out/<variant>; fails loudly if hello is not printed.
run() {
  local java=$1 variant=$2 start end
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  /usr/bin/time -f '%M %U %S' -o "$out/time" "$java" $(options "$variant") -cp "$classes" com.example.hello.Hello > "$out/stdout" 2> "$out/stderr"
  end=$(date +%s%N)
  grep -qx hello "$out/stdout" || { echo "run failed: $java $variant" >&2; cat "$out/stderr" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$out/time" | awk '{ printf "%d %d", $1, ($2 + $3) * 1000 }')" >> "$out/$variant"
}

median() { # column $2 of file $1
  sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

printf '%-28s %4s | %-23s | %-23s | %-23s\n' "median of runs" "runs" "wall ms" "CPU ms (user+sys)" "max RSS MB"
printf '%-28s %4s | %5s %5s %5s %5s | %5s %5s %5s %5s | %5s %5s %5s %5s\n' "" "" \
  none empty agent added none empty agent added none empty agent added
for java in "${javas[@]}"; do
  version=$("$java" -version 2>&1 | head -n 1 | tr -d '"')
  for v in "${variants[@]}"; do run "$java" "$v"; done   # warm the file cache, not counted
  for v in "${variants[@]}"; do : > "$out/$v"; done
  for i in $(seq 0 $((runs - 1))); do
    for k in "${!variants[@]}"; do run "$java" "${variants[$(( (i + k) % ${#variants[@]} ))]}"; done
  done
  row=()
  for column in 1 3 2; do   # wall, CPU, RSS
    wo=$(median "$out/none" $column); em=$(median "$out/empty" $column); wi=$(median "$out/agent" $column)
    if [ $column -eq 2 ]; then
      row+=("$(awk -v a="$wo" -v b="$em" -v c="$wi" 'BEGIN { printf "%5.1f %5.1f %5.1f %+5.1f", a / 1024, b / 1024, c / 1024, (c - a) / 1024 }')")
    else
      row+=("$(awk -v a="$wo" -v b="$em" -v c="$wi" 'BEGIN { printf "%5d %5d %5d %+5d", a, b, c, c - a }')")
    fi
  done
  printf '%-28s %4d | %s | %s | %s\n' "${version:0:28}" "$runs" "${row[0]}" "${row[1]}" "${row[2]}"
  if [ -n "$base" ]; then
    printf '%-28s %4s | wall %5d ms (%+d) | CPU %5d ms (%+d) | RSS %5.1f MB (%+.1f)   <- BASE=%s, same rounds\n' "" "" \
      "$(median "$out/base" 1)" "$(( $(median "$out/base" 1) - $(median "$out/none" 1) ))" \
      "$(median "$out/base" 3)" "$(( $(median "$out/base" 3) - $(median "$out/none" 3) ))" \
      "$(awk -v k="$(median "$out/base" 2)" 'BEGIN { print k / 1024 }')" \
      "$(awk -v k="$(median "$out/base" 2)" -v n="$(median "$out/none" 2)" 'BEGIN { print (k - n) / 1024 }')" "$base"
  fi
done
