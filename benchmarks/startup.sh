#!/usr/bin/env bash
# Start-up cost of the agent: a hello-world JVM (com.example.hello.Hello) with and without
# -javaagent, run interleaved (without/with, then with/without, ...) so that both see the same
# machine load, on each JDK given. Prints the median wall time and the median max RSS of each,
# side by side. Needs `mvn -B -DskipTests package` first.
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
agent_args=(-javaagent:"$agent" -Dfaultline.service=hello -Dfaultline.mongo.uri=mongodb://127.0.0.1:1)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One run: appends "<wall ms> <max RSS KiB>" to $1; fails loudly if hello is not printed.
run() {
  local file=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f %M -o "$out/rss" "$@" -cp "$classes" com.example.hello.Hello > "$out/stdout" 2> "$out/stderr"
  end=$(date +%s%N)
  grep -qx hello "$out/stdout" || { echo "run failed: $*" >&2; cat "$out/stderr" >&2; exit 1; }
  echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$out/rss")" >> "$file"
}

median() { # column $2 of file $1
  sort -n -k "$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-34s %5s %14s %14s %9s %14s %14s\n' "JDK" "runs" "without (ms)" "with (ms)" "added" "RSS without" "RSS with"
for java in "${javas[@]}"; do
  version=$("$java" -version 2>&1 | head -n 1 | tr -d '"')
  : > "$out/without"; : > "$out/with"
  run "$out/without" "$java"; run "$out/with" "$java" "${agent_args[@]}"   # warm the file cache, not counted
  : > "$out/without"; : > "$out/with"
  for i in $(seq 1 "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then
      run "$out/without" "$java"; run "$out/with" "$java" "${agent_args[@]}"
    else
      run "$out/with" "$java" "${agent_args[@]}"; run "$out/without" "$java"
    fi
  done
  wo=$(median "$out/without" 1); wi=$(median "$out/with" 1)
  rwo=$(median "$out/without" 2); rwi=$(median "$out/with" 2)
  printf '%-34s %5d %14s %14s %9s %11s MB %11s MB\n' "${version:0:34}" "$runs" "$wo" "$wi" \
    "$(awk -v a="$wi" -v b="$wo" 'BEGIN { printf "%+g", a - b }')" \
    "$(awk -v k="$rwo" 'BEGIN { printf "%.1f", k / 1024 }')" "$(awk -v k="$rwi" 'BEGIN { printf "%.1f", k / 1024 }')"
done
