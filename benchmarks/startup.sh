#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world JVM (com.example.hello.Hello) run three ways, in
# rotating order each round so that all three see the same machine load:
#   without   no agent
#   empty     -javaagent with a premain that returns at once: what the JVM itself charges for
#             any agent (the java.instrument module, the module graph resolved at start-up)
#   with      -javaagent:agent/target/faultline-agent.jar
# on each JDK given. Prints the median wall time and median max RSS of each, side by side.
# Needs `mvn -B -DskipTests package` first.
#
#   benchmarks/startup.sh [runs] [java ...]     (default: 15 runs; java on PATH and Temurin 25)
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
agent=agent/target/faultline-agent.jar
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

variants=(without empty with)
options() {
  case $1 in
    without) ;;
    empty) echo "-javaagent:$out/empty.jar" ;;
    with) echo "-javaagent:$agent -Dfaultline.service=hello -Dfaultline.mongo.uri=mongodb://127.0.0.1:1" ;;
  esac
}

# One run: appends "<wall ms> <max RSS KiB>" to $out/<variant>; fails loudly if hello is not printed.
run() {
  local java=$1 variant=$2 start end
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  /usr/bin/time -f %M -o "$out/rss" "$java" $(options "$variant") -cp "$classes" com.example.hello.Hello > "$out/stdout" 2> "$out/stderr"
  end=$(date +%s%N)
  grep -qx hello "$out/stdout" || { echo "run failed: $java $variant" >&2; cat "$out/stderr" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$out/rss")" >> "$out/$variant"
}

median() { # column $2 of file $1
  sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }

printf '%-28s %4s | %-21s | %-21s | %-21s | %s\n' "median of runs" "runs" "without agent" "empty agent" "Faultline agent" "Faultline added"
printf '%-28s %4s | %8s %12s | %8s %12s | %8s %12s | %8s %10s\n' "" "" "ms" "max RSS" "ms" "max RSS" "ms" "max RSS" "ms" "MB"
for java in "${javas[@]}"; do
  version=$("$java" -version 2>&1 | head -n 1 | tr -d '"')
  for v in "${variants[@]}"; do run "$java" "$v"; done   # warm the file cache, not counted
  for v in "${variants[@]}"; do : > "$out/$v"; done
  for i in $(seq 0 $((runs - 1))); do
    for k in 0 1 2; do run "$java" "${variants[$(( (i + k) % 3 ))]}"; done
  done
  wo=$(median "$out/without" 1); em=$(median "$out/empty" 1); wi=$(median "$out/with" 1)
  rwo=$(median "$out/without" 2); rem=$(median "$out/empty" 2); rwi=$(median "$out/with" 2)
  printf '%-28s %4d | %8s %12s | %8s %12s | %8s %12s | %+8g %+10.1f\n' "${version:0:28}" "$runs" \
    "$wo" "$(mb "$rwo")" "$em" "$(mb "$rem")" "$wi" "$(mb "$rwi")" \
    "$(awk -v a="$wi" -v b="$wo" 'BEGIN { print a - b }')" "$(awk -v a="$rwi" -v b="$rwo" 'BEGIN { print (a - b) / 1024 }')"
done
